package payroll

import (
	"time"

	"github.com/shopspring/decimal"

	"verloner/domain"
	"verloner/domain/params"
)

// Text is a payslip text in the three languages a worker can receive it in.
type Text struct{ NL, EN, PL string }

// In returns the text in language l (Dutch when l is unknown or the
// translation is empty).
func (t Text) In(l domain.Language) string {
	switch {
	case l == domain.English && t.EN != "":
		return t.EN
	case l == domain.Polish && t.PL != "":
		return t.PL
	}
	return t.NL
}

// Category says what a payslip line is and how it enters the net pay.
type Category string

// Line categories. Net = Σ gross + Σ taxable allowance + Σ untaxed allowance −
// Σ deduction; reservation and employer-cost lines are information only (not
// paid to or withheld from the worker).
const (
	CatGross            Category = "gross"             // wage components (hours, paid-out reservations, ET exchange as a negative amount)
	CatTaxableAllowance Category = "taxable_allowance" // allowances that are wage for tax and premiums
	CatUntaxedAllowance Category = "untaxed_allowance" // exempt allowances and net expense refunds
	CatDeduction        Category = "deduction"         // pension, wage tax, authorised deductions, advances repaid
	CatReservation      Category = "reservation"       // amounts reserved for the worker this period (not paid)
	CatEmployerCost     Category = "employer_cost"     // employer premiums and pension (not paid to the worker)
)

// Unit is what a line's quantity counts.
type Unit string

// Quantity units.
const (
	UnitNone  Unit = ""
	UnitHour  Unit = "hour"
	UnitDay   Unit = "day"
	UnitKm    Unit = "km"
	UnitPiece Unit = "piece"
	UnitFixed Unit = "fixed" // a fixed amount; quantity 1
	// UnitPercent marks a percentage line: Quantity is the base amount and
	// Rate the percentage (reservations, pension, premiums, wage tax at the
	// bijzonder tarief).
	UnitPercent Unit = "percent"
)

// Line is one payslip line (BW 7:626: the specified amounts the wage is made of
// and the specified amounts withheld).
type Line struct {
	Code     string
	Text     Text
	Category Category
	Unit     Unit
	Quantity decimal.Decimal // hours, km, days, pieces; zero for plain amounts
	// Rate is the amount per unit (for hour lines: hourly wage × pay %, not
	// rounded); for percentage lines (reservations, pension, premiums) Rate is
	// the percentage and Quantity the base amount.
	Rate   decimal.Decimal
	Amount decimal.Decimal // rounded to cents; positive for additions and for deductions alike
	// Percent is the pay % of an hour line (125 for OW125): the payslip must
	// show each toeslag in % (CAO 2026–2028 Bijlage I, §7.3 of the reference).
	Percent     decimal.Decimal
	HourType    domain.HourType // for hour lines
	PlacementID int64           // for hour and travel lines
	// RefID is the ID of the domain.Deduction or domain.Advance a deduction
	// line withholds, so the caller can mark it settled.
	RefID int64
	// Detail is the caller's own description (a deduction's Description, an
	// advance's Reason), shown as is in every language.
	Detail  string
	Special bool // taxed by the tabel bijzondere beloningen
	PreTax  bool // deduction made before wage tax (employee pension)
}

// Allowance is an allowance (toeslag or vergoeding) paid per hour, day, km,
// piece or as a fixed amount.
type Allowance struct {
	Code string
	Text Text
	Unit Unit
	// Quantity is the number of units. Zero for UnitHour means the hours worked
	// in the period (NORM, overtime, ORT); zero for UnitDay means the days with
	// hours worked.
	Quantity decimal.Decimal
	Rate     decimal.Decimal
	// Taxable says the allowance is wage. An untaxed allowance is the caller's
	// claim of a gerichte vrijstelling; only a per-km allowance is checked here
	// (the part above the pack's per-km limit is taxed).
	Taxable bool
	// ReservationBase says the allowance is wage over which vakantiebijslag
	// accrues (a toeslag, not an expense allowance).
	ReservationBase bool
	PlacementID     int64
}

// Expense is a net expense refund (declaratie) paid with the wage.
type Expense struct {
	Code   string
	Text   Text
	Amount decimal.Decimal
}

// ReservationPayout pays out (part of) a reserved balance. Scheme is the pack's
// reservation name: "vakantiebijslag", "vakantie_uren", "feestdagen",
// "kort_verzuim". The caller checks the balance.
//
// A balance kept in hours (the pack's method "hours": vakantie-uren from
// 2026) is paid out as Hours at HourlyWage, and Amount is not used: the
// untaken statutory leave at the end of employment (BW 7:641). With
// WithPeriodAccrual the hours this payslip itself accrues are paid out too:
// the last payslip of an employment leaves no balance.
type ReservationPayout struct {
	Scheme            string
	Amount            decimal.Decimal
	Hours             decimal.Decimal
	HourlyWage        decimal.Decimal
	WithPeriodAccrual bool
}

// Extras are the period's items besides hour lines.
type Extras struct {
	Allowances []Allowance
	// Deductions are the period's deductions from net pay (boete, bekeuring,
	// schade, huisvesting, overig). Each needs the worker's signed
	// authorisation; a penalty also its proof (domain.Deduction.HasProof).
	Deductions []*domain.Deduction
	// Advances are the worker's open advances (voorschotten) to withhold from
	// this payslip's net pay; advances already repaid are ignored.
	Advances []*domain.Advance
	Expenses []Expense
	Payouts  []ReservationPayout
	// ETCosts are the documented extraterritorial costs (double housing,
	// travel to and from the home country) to reimburse untaxed by exchanging
	// gross wage (ET-uitruil). Exchanged only within the limits, see doc.go.
	ETCosts decimal.Decimal
}

// SickPay configures pay for ZIEK lines. In 2026 the number of waiting days
// and the pay % follow the hirer's scheme (CAO 2026–2028, §7.4); by law at most
// two waiting days (BW 7:629 lid 9).
type SickPay struct {
	// PayPercent is the % of the hourly wage paid for sick hours. Zero: the
	// line's pay % or the placement's ZIEK rate.
	PayPercent decimal.Decimal
	// WaitingDays is the number of unpaid waiting days per sickness spell (0–2).
	WaitingDays int
	// Reports are the worker's sick reports (ziekmeldingen) that may matter:
	// those starting in the period and the ones before it. A report whose
	// first day falls in the period starts a new spell: its waiting days are
	// the first WaitingDays dates with ZIEK hours on or after that day —
	// unless it begins within four weeks after the recovery from an earlier
	// report (BW 7:629 lid 10: no new waiting day). A spell that began in an
	// earlier period gets no waiting day here.
	Reports []*domain.SickReport
	// NewSpells adds first days of new spells by hand (same effect as a
	// report in the period without an earlier one).
	NewSpells []time.Time
}

// YearToDate are the worker's totals from this employer earlier in the tax year.
type YearToDate struct {
	Periods     int             // pay periods already processed this year
	TableWage   decimal.Decimal // loon voor de loonheffing, tabelloon part
	SpecialWage decimal.Decimal // loon voor de loonheffing, bijzondere beloningen
	WageTax     decimal.Decimal
}

// EmployerSize is the size class for the Aof and Whk premiums, decided on the
// premium wage sum two years earlier (§4: small ≤ € 1.082.500 for 2026).
type EmployerSize int

// Employer sizes.
const (
	SmallEmployer  EmployerSize = iota // Aof laag, Whk sector rate
	MediumEmployer                     // Aof hoog, own Whk beschikking
	LargeEmployer                      // Aof hoog, own Whk beschikking
)

// PackSource finds the pack of another year, for the minimum-wage check of work
// dates in a year other than the pay date's. *params.Set satisfies it.
type PackSource interface {
	For(date time.Time) (*params.Pack, error)
}

// Input is everything Calculate needs for one worker and one period.
type Input struct {
	Period domain.Period
	// PayDate decides the tax year (genietingsmoment). Zero: Period.PayDate().
	PayDate    time.Time
	Worker     *domain.Worker
	Placements map[int64]*domain.Placement
	// Lines are the worker's hour lines of the period; void lines are ignored.
	Lines  []*domain.HourLine
	Extras Extras
	Sick   SickPay
	// YearToDate are the totals earlier this year; used to estimate the
	// jaarloon when Jaarloon is zero and returned updated on the payslip.
	YearToDate YearToDate
	// Jaarloon is the jaarloon for the tabel bijzondere beloningen: last year's
	// loon voor de loonheffing from this employer, annualised (§3.3). Zero:
	// estimated from YearToDate and this period.
	Jaarloon decimal.Decimal
	// EmployerSize selects Aof laag/hoog and the Whk rate.
	EmployerSize EmployerSize
	// WhkRate is the employer's own Whk percentage (beschikking) for a medium
	// or large employer; required for those, ignored for a small employer.
	WhkRate params.Percent
	// AnonymousForced applies the anoniementarief even with a valid BSN (for
	// example: identity not established).
	AnonymousForced bool
	// Phase overrides Worker.Phase (e.g. from PhaseOn) for the AWf and Whk rules.
	Phase domain.Phase
	// BBL marks a bbl student: AWf laag always (Wfsv art. 27 lid 3).
	BBL bool
	// SectorWeeks is the number of worked weeks in the sector at the start of
	// the period, for a pack whose pension schemes depend on it (2025 Basis/Plus).
	SectorWeeks int
	// ReservationRates overrides the pack's percentage of money reservations
	// for this worker, by scheme name: a higher vakantiebijslag under
	// gelijkwaardige beloning, or the 8,33 % transition of CAO art. 36a.
	ReservationRates map[string]params.Percent
	// OtherYears gives the packs for work dates outside the pay date's year
	// (a week around New Year). Nil: such dates are reported as not checked.
	OtherYears PackSource
}

// EmployerCosts are the employer's charges on the wage.
type EmployerCosts struct {
	PremiumWage     decimal.Decimal // premieloon werknemersverzekeringen, capped per period
	ZvwWage         decimal.Decimal // bijdrageloon Zvw, capped per period
	Zvw             decimal.Decimal
	AWf             decimal.Decimal
	AWfHigh         bool
	Aof             decimal.Decimal
	Wko             decimal.Decimal
	Whk             decimal.Decimal
	PensionEmployer decimal.Decimal
	Total           decimal.Decimal
}

// Severity grades a finding.
type Severity string

// Severities.
const (
	SevError   Severity = "error"   // the payslip breaks a rule (e.g. below minimum wage)
	SevWarning Severity = "warning" // an item was not applied or a value was assumed
	SevInfo    Severity = "info"
)

// Finding is something the calculation skipped, could not check or found
// wrong. Message is Dutch and fit for the user; Code is stable for programs.
type Finding struct {
	Code        string
	Severity    Severity
	Message     string
	Date        time.Time
	PlacementID int64
	HourType    domain.HourType
	Hours       decimal.Decimal
	Amount      decimal.Decimal // the amount skipped, or the shortfall
	Required    decimal.Decimal // e.g. the minimum hourly wage
	Actual      decimal.Decimal // e.g. the hourly wage paid
	RefID       int64           // the deduction or advance concerned
}

// Finding codes.
const (
	FindMinimumWage          = "WML"               // hourly wage below the minimum wage on the date worked
	FindMinimumWageSick      = "WML_ZIEK"          // sick pay per hour below the minimum wage
	FindMinimumWageUnchecked = "WML_NIET_GETOETST" // no pack for the work date's year
	FindDeductionNoAuth      = "INHOUDING_ZONDER_MACHTIGING"
	FindDeductionNoProof     = "INHOUDING_ZONDER_BEWIJS"
	FindDeductionCapped      = "INHOUDING_BOVEN_MAXIMUM"
	FindNetInsufficient      = "NETTO_ONVOLDOENDE"
	FindETNotEligible        = "ET_NIET_TOEGESTAAN"
	FindETCapped             = "ET_BOVEN_MAXIMUM"
	FindTaxCreditNoForm      = "LHK_ZONDER_VERKLARING"
	FindAnonymous            = "ANONIEMENTARIEF"
	FindJaarloonEstimate     = "JAARLOON_GESCHAT"
	FindAOWInPeriod          = "AOW_IN_TIJDVAK"
	FindWaitingDay           = "WACHTDAG"
)

// Payslip is the result of Calculate: the lines and totals of one worker's
// period. Amounts are in euros, rounded to cents.
type Payslip struct {
	Period  domain.Period
	PayDate time.Time
	Year    int // the pack's tax year
	Lines   []Line

	// Gross is the brutoloon: Σ gross + taxable allowance lines, after the ET
	// exchange and including special rewards.
	Gross               decimal.Decimal
	GrossBeforeExchange decimal.Decimal
	ETExchanged         decimal.Decimal
	// TaxableWage is the loon voor de loonheffing: Gross − PensionEmployee.
	// TableWage (tijdvakloon) + SpecialWage = TaxableWage.
	TaxableWage         decimal.Decimal
	TableWage           decimal.Decimal
	SpecialWage         decimal.Decimal
	WageTax             decimal.Decimal // WageTaxTable + WageTaxSpecial
	WageTaxTable        decimal.Decimal
	WageTaxSpecial      decimal.Decimal
	LabourCreditApplied decimal.Decimal // verrekende arbeidskorting
	TaxCreditApplied    bool
	Anonymous           bool
	AOW                 params.AOW
	SpecialRate         params.Percent // rate of the tabel bijzondere beloningen used (zero if none)
	JaarloonUsed        decimal.Decimal
	PensionBase         decimal.Decimal // StiPP pensioengrondslag
	PensionEmployee     decimal.Decimal
	Untaxed             decimal.Decimal // Σ untaxed allowance lines (incl. expenses)
	Expenses            decimal.Decimal // of which net expense refunds
	Deductions          decimal.Decimal // Σ deduction lines after tax (authorised deductions and advances)
	AdvancesWithheld    decimal.Decimal // of which advances
	Net                 decimal.Decimal

	EmployerCosts EmployerCosts
	// WageCost is what the worker's period costs the employer: gross (less
	// reservation payouts and leave paid from reserves, already costed when
	// accrued) + untaxed allowances other than expense refunds + reservations
	// accrued + employer costs.
	WageCost        decimal.Decimal
	WorkedHours     decimal.Decimal // NORM, overtime, ORT
	PaidHours       decimal.Decimal // verloonde uren: every paid hour line
	WageCostPerHour decimal.Decimal // WageCost / WorkedHours, half up to cents; zero without worked hours

	// ReservationsAccrued is the money reserved this period per scheme;
	// ReservationsDrawn the money paid from reserves (payouts and leave hours
	// of a money scheme); LeaveHoursAccrued the hours accrued per hours scheme.
	ReservationsAccrued map[string]decimal.Decimal
	ReservationsDrawn   map[string]decimal.Decimal
	LeaveHoursAccrued   map[string]decimal.Decimal

	Skipped             []Finding // items not applied, with the reason
	MinimumWageFindings []Finding
	Notes               []Finding // assumptions and information

	YearToDate YearToDate // the input totals plus this period
}
