package checks

import (
	"time"

	"github.com/shopspring/decimal"

	"verloner/domain"
	"verloner/domain/payroll"
)

// Severity says whether a finding stops what it gates or only informs.
type Severity string

// The two severities of the backoffice checklist.
const (
	Blocker Severity = "blokkade"     // stops the gated step until fixed
	Warning Severity = "waarschuwing" // informs; the step may go on
)

// Label is the severity as users read it.
func (s Severity) Label(lang string) string {
	switch {
	case s == Blocker && lang == "en":
		return "Blocker"
	case s == Blocker:
		return "Blokkade"
	case lang == "en":
		return "Warning"
	}
	return "Waarschuwing"
}

// Gate is a step of the weekly cycle a finding can stop or affect.
type Gate string

// The gates of the weekly cycle.
const (
	GatePayroll   Gate = "payroll"   // finalising the payroll (definitieve verloning)
	GateAdvance   Gate = "advance"   // paying an advance (voorschot)
	GatePayment   Gate = "payment"   // paying wages to the worker's account
	GateInvoice   Gate = "invoice"   // invoicing the hirer
	GateDeduction Gate = "deduction" // withholding one deduction (inhouding)
	GateET        Gate = "et"        // applying the ET-regeling (uitruil)
)

// Gates lists every gate in display order.
var Gates = []Gate{GatePayroll, GateAdvance, GatePayment, GateInvoice, GateDeduction, GateET}

// Label is the gate as users read it.
func (g Gate) Label(lang string) string {
	nl, en := map[Gate]string{GatePayroll: "verloning", GateAdvance: "voorschot", GatePayment: "betaling",
		GateInvoice: "facturatie", GateDeduction: "inhouding", GateET: "ET-regeling"},
		map[Gate]string{GatePayroll: "payroll", GateAdvance: "advance", GatePayment: "payment",
			GateInvoice: "invoicing", GateDeduction: "deduction", GateET: "ET scheme"}
	if lang == "en" {
		return en[g]
	}
	return nl[g]
}

// Text is a message in Dutch with its English translation. Dutch is what the
// backoffice reads; English is for workers' coordinators and auditors.
type Text struct {
	NL string `json:"nl"`
	EN string `json:"en"`
}

// In returns the text in the given language ("en" for English, Dutch otherwise).
func (t Text) In(lang string) string {
	if lang == "en" && t.EN != "" {
		return t.EN
	}
	return t.NL
}

// HourProof is the proof of hours some hirers require (a signed timesheet,
// weekbriefje or an approval in their portal). Without it for the week the
// hours may not be paid nor invoiced. PlacementID 0 covers all of the hirer's
// placements for the period.
type HourProof struct {
	ID          int64         `json:"id"`
	HirerID     int64         `json:"hirer_id"`
	PlacementID int64         `json:"placement_id,omitempty"`
	Period      domain.Period `json:"-"`
	Kind        string        `json:"kind"`      // urenstaat, weekbriefje, portaal, overig
	Reference   string        `json:"reference"` // file name or document number
	ReceivedAt  time.Time     `json:"received_at"`
}

// Covers reports whether the proof covers a placement of the hirer in the period.
func (p HourProof) Covers(hirerID, placementID int64, period domain.Period) bool {
	return p.HirerID == hirerID && (p.PlacementID == 0 || p.PlacementID == placementID) && p.Period == period
}

// RateChange is a change of a placement's hourly wage, billing rate or travel
// allowance, recorded by the store when it happens. A change after the
// registration deadline of the period is taken along in the next payroll
// unless the user confirms it for this one.
type RateChange struct {
	PlacementID int64
	ChangedAt   time.Time
	OldWage     decimal.Decimal
	NewWage     decimal.Decimal
	OldRate     decimal.Decimal
	NewRate     decimal.Decimal
}

// Confirmation is the user's explicit decision on a finding: a warning seen
// and accepted (it is then listed as confirmed and not counted), a late rate
// change taken along in this payroll, or for DOS-BSN the explicit choice of
// the anonymous wage-tax rate. A blocker cannot be confirmed away, except
// DOS-BSN by choosing the anonymous rate. A zero Period applies to every period.
type Confirmation struct {
	ID          int64
	Rule        string
	Period      domain.Period
	WorkerID    int64
	HirerID     int64
	PlacementID int64
	Note        string
	By          string
	At          time.Time
}

// matches reports whether the confirmation applies to the finding in the period.
func (c Confirmation) matches(f *Finding, p domain.Period) bool {
	if c.Rule != f.Rule || (c.Period.Kind != "" && c.Period != p) {
		return false
	}
	return c.WorkerID == f.WorkerID && c.HirerID == f.HirerID && c.PlacementID == f.PlacementID
}

// Settings are the agency-configurable thresholds of the checklist. A zero
// field takes its default, so a settings record written by an older version
// keeps working when a field is added.
type Settings struct {
	// ETMissingProofBlocks makes missing ET proof a blocker instead of a warning.
	ETMissingProofBlocks bool `json:"et_missing_proof_blocks"`
	// IDExpiryWarnDays: warn this many days before an ID document expires (28).
	IDExpiryWarnDays int `json:"id_expiry_warn_days,omitempty"`
	// CreditCheckMaxMonths: a credit check older than this is stale (12).
	CreditCheckMaxMonths int `json:"credit_check_max_months,omitempty"`
	// CreditNearPercent: warn when the exposure reaches this share of the insured limit (80).
	CreditNearPercent int `json:"credit_near_percent,omitempty"`
	// VATPercent: VAT added to the invoice estimate for the credit exposure (21),
	// except for hirers with reverse charge.
	VATPercent decimal.Decimal `json:"vat_percent,omitzero"`
	// AdvanceMaxWeeks: consecutive periods with an advance that are allowed (2).
	AdvanceMaxWeeks int `json:"advance_max_weeks,omitempty"`
	// PhaseAWeeks is the length of fase A in worked weeks (52).
	PhaseAWeeks int `json:"phase_a_weeks,omitempty"`
	// PhaseWarnWeeks: warn this many weeks before fase A or B runs out (4 for A; B uses 3×).
	PhaseWarnWeeks int `json:"phase_warn_weeks,omitempty"`
	// PhaseBMaxMonths is the maximum duration of fase B (36).
	PhaseBMaxMonths int `json:"phase_b_max_months,omitempty"`
	// PhaseBMaxContracts is the maximum number of fase-B contracts (6).
	PhaseBMaxContracts int `json:"phase_b_max_contracts,omitempty"`
	// ContractEndWarnDays: warn when a contract or placement ends within this many days (14).
	ContractEndWarnDays int `json:"contract_end_warn_days,omitempty"`
}

// DefaultSettings returns the thresholds of the seed agreements, the CAO
// voor Uitzendkrachten 2026–2028 (until 1-1-2028) and common practice.
func DefaultSettings() Settings { return Settings{}.WithDefaults() }

// WithDefaults fills every zero field with its default.
func (s Settings) WithDefaults() Settings {
	def := func(v *int, d int) {
		if *v <= 0 {
			*v = d
		}
	}
	def(&s.IDExpiryWarnDays, 28)
	def(&s.CreditCheckMaxMonths, 12)
	def(&s.CreditNearPercent, 80)
	def(&s.AdvanceMaxWeeks, 2)
	def(&s.PhaseAWeeks, 52)
	def(&s.PhaseWarnWeeks, 4)
	def(&s.PhaseBMaxMonths, 36)
	def(&s.PhaseBMaxContracts, 6)
	def(&s.ContractEndWarnDays, 14)
	if !s.VATPercent.IsPositive() {
		s.VATPercent = decimal.NewFromInt(21)
	}
	return s
}

// MinimumWageFunc returns the statutory hourly minimum wage for an age on a
// date.
//
// Deprecated: the minimum-wage rule now runs payroll.CheckMinimumWage on the
// parameter packs of Input.Packs and no longer calls a MinimumWageFunc.
type MinimumWageFunc func(age int, on time.Time) (decimal.Decimal, error)

// Input is everything one checklist run looks at. The app layer loads it from
// the store; tests build it by hand.
type Input struct {
	Period   domain.Period
	Agency   *domain.Agency // name and deadlines; nil: default deadlines
	Settings Settings

	Workers    []*domain.Worker
	Hirers     []*domain.Hirer
	Placements []*domain.Placement
	Hours      []*domain.HourLine // non-void lines worked in the period
	History    []*domain.HourLine // earlier lines, for the fase-A week count (may be empty)

	SickReports   []*domain.SickReport // reports whose sick spell touches the period
	Advances      []*domain.Advance    // all advances of the workers (for streaks and repayment)
	Deductions    []*domain.Deduction  // deductions of the period
	HourProofs    []HourProof          // proofs of hours of the period
	RateChanges   []RateChange         // wage/rate changes of placements
	Confirmations []Confirmation       // the user's decisions for this period (and for all periods)

	// Extra are findings of rules outside this package that the caller
	// computed for the period (app/checking: the contract checks of
	// domain/contract and the absence deadlines of app/absence). Evaluate adds
	// them after its own groups the way it adds its own: severity, gates and
	// hint from the catalogue where empty (see Register), the user's
	// confirmations applied to warnings, the workers and hirers named in the
	// checklist, and sorted in with the rest.
	Extra []Finding

	// OpenReceivables per hirer ID: invoiced and not yet paid, incl. VAT.
	// Invoicing does not exist yet, so callers pass nil (zero for everyone).
	OpenReceivables map[int64]decimal.Decimal

	// Packs gives the parameter pack of a work date's year (a *params.Set) for
	// the minimum-wage rule, which runs payroll.CheckMinimumWage on it. nil: the
	// rule reports it cannot check; a year without a pack is reported the same.
	Packs payroll.PackSource

	// Deprecated: not used any more; set Packs. Without Packs the
	// minimum-wage rule reports PAY-WML-UNKNOWN.
	MinimumWage MinimumWageFunc

	// Location is the agency's time zone; deadlines are wall-clock times in it.
	// nil means UTC.
	Location *time.Location
	// Now is when the checklist is made; it is stored with the checklist.
	Now time.Time
	// By is the user who ran the check.
	By string
}
