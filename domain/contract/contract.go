package contract

import (
	"sort"
	"time"

	"github.com/shopspring/decimal"

	"verloner/domain"
)

// Reason says why a contract version exists.
type Reason string

// Reasons. A new contract starts at version 1; the others make the next
// version of a running contract.
const (
	ReasonNew        Reason = "nieuw"
	ReasonExtension  Reason = "verlenging"
	ReasonWageChange Reason = "loonwijziging"
	ReasonEnd        Reason = "beeindiging"
)

// Valid reports whether r is one of the reasons.
func (r Reason) Valid() bool {
	switch r {
	case ReasonNew, ReasonExtension, ReasonWageChange, ReasonEnd:
		return true
	}
	return false
}

// Label names the reason in a document language.
func (r Reason) Label(l domain.Language) string {
	t := map[Reason]text{
		ReasonNew:        {"nieuwe overeenkomst", "new contract", "nowa umowa"},
		ReasonExtension:  {"verlenging", "extension", "przedłużenie"},
		ReasonWageChange: {"loonwijziging", "change of wage", "zmiana wynagrodzenia"},
		ReasonEnd:        {"beëindiging", "termination", "rozwiązanie"},
	}[r]
	return t.in(l)
}

// Contract is one version of a worker's uitzendovereenkomst: the terms, the
// text as issued and the date it was signed.
type Contract struct {
	ID          int64
	WorkerID    int64
	PlacementID int64 // the assignment it was made for (0: none)
	Number      int   // the worker's contract 1, 2, …
	Version     int   // 1 for a new contract, +1 for each change
	Reason      Reason
	Supersedes  int64 // ID of the version this one replaces (0 for version 1)
	// EffectiveFrom is the first day this version governs: the start for a
	// new contract, the date of the change for a later version.
	EffectiveFrom time.Time
	Start         time.Time // first day of the contract
	End           time.Time // last day; zero: no fixed end (fase C, or the assignment's duration)
	Phase         domain.Phase
	PhaseWeeks    int // weeks counted for the phase on the start date (payroll.PhaseOn)
	Uitzendbeding bool
	Language      domain.Language
	HirerName     string
	Function      string
	AgreedHours   decimal.Decimal // hours per week the worker is promised at least
	HourlyWage    decimal.Decimal
	WageScale     string
	CAO           string
	Pension       string
	// PensionEmployeePercent is the employee part of the pension premium of
	// the start year's pack (7,5 in 2026), quoted in the text.
	PensionEmployeePercent decimal.Decimal
	HolidayPayPercent      decimal.Decimal
	WaitingDays            int
	SickPayPercent         decimal.Decimal // weeks 1–52
	SickPayPercentYear2    decimal.Decimal // weeks 53–104
	// ET terms: the exchange of gross wage for untaxed ET costs applies from
	// ETFrom to ETUntil (both zero: no ET clause).
	ETFrom, ETUntil time.Time
	ETMaxPercent    decimal.Decimal
	Body            string    // the text as issued (rendered template)
	SignedOn        time.Time // zero: not signed
	CreatedAt       time.Time
	CreatedBy       string
}

// HasET reports whether the contract carries the ET clause.
func (c *Contract) HasET() bool { return !c.ETFrom.IsZero() }

// Signed reports whether the version was signed.
func (c *Contract) Signed() bool { return !c.SignedOn.IsZero() }

// Covers reports whether date d lies within the contract's start and end.
func (c *Contract) Covers(d time.Time) bool {
	d = domain.DateOf(d)
	if d.Before(domain.DateOf(c.Start)) {
		return false
	}
	return c.End.IsZero() || !d.After(domain.DateOf(c.End))
}

// Validate checks the terms against the law and the agency's settings. The
// messages are Dutch and name the rule.
func (c *Contract) Validate(s Settings) error {
	s = s.WithDefaults()
	switch {
	case c.WorkerID == 0:
		return domain.Errorf(domain.EINVALID, "Contract zonder uitzendkracht.")
	case c.Number < 1 || c.Version < 1:
		return domain.Errorf(domain.EINVALID, "Contract: nummer en versie beginnen bij 1.")
	case !c.Reason.Valid():
		return domain.Errorf(domain.EINVALID, "Contract: reden %q onbekend.", c.Reason)
	case (c.Version == 1) != (c.Reason == ReasonNew):
		return domain.Errorf(domain.EINVALID, "Contract %d: versie 1 is een nieuwe overeenkomst, latere versies een wijziging.", c.Number)
	case c.Start.IsZero():
		return domain.Errorf(domain.EINVALID, "Contract: ingangsdatum ontbreekt.")
	case c.EffectiveFrom.IsZero():
		return domain.Errorf(domain.EINVALID, "Contract: datum van ingang van deze versie ontbreekt.")
	case domain.DateOf(c.EffectiveFrom).Before(domain.DateOf(c.Start)):
		return domain.Errorf(domain.EINVALID, "Contract: deze versie kan niet ingaan vóór de ingangsdatum van het contract.")
	case !c.End.IsZero() && domain.DateOf(c.End).Before(domain.DateOf(c.Start)):
		return domain.Errorf(domain.EINVALID, "Contract: einddatum %s ligt vóór de ingangsdatum %s.", dateText(c.End), dateText(c.Start))
	case !c.HourlyWage.IsPositive():
		return domain.Errorf(domain.EINVALID, "Contract: uurloon moet groter dan 0 zijn.")
	case c.AgreedHours.IsNegative() || c.AgreedHours.GreaterThan(decimal.NewFromInt(60)):
		return domain.Errorf(domain.EINVALID, "Contract: %s uur per week kan niet (0 tot 60).", c.AgreedHours)
	}
	switch c.Language {
	case domain.Dutch, domain.English, domain.Polish:
	default:
		return domain.Errorf(domain.EINVALID, "Contract: taal %q onbekend (nl, en, pl).", c.Language)
	}
	switch c.Phase {
	case domain.PhaseA:
	case domain.PhaseB:
		if c.Uitzendbeding {
			return domain.Errorf(domain.EINVALID, "Een uitzendbeding mag alleen in fase A; in fase B is het contract voor bepaalde tijd zonder uitzendbeding (CAO art. 14).")
		}
		if c.End.IsZero() {
			return domain.Errorf(domain.EINVALID, "Een contract in fase B is voor bepaalde tijd: vul de einddatum in (CAO art. 14).")
		}
	case domain.PhaseC:
		if c.Uitzendbeding {
			return domain.Errorf(domain.EINVALID, "Een uitzendbeding mag alleen in fase A; fase C is een contract voor onbepaalde tijd (CAO art. 14).")
		}
		if !c.End.IsZero() && c.Reason != ReasonEnd {
			return domain.Errorf(domain.EINVALID, "Fase C is een contract voor onbepaalde tijd: laat de einddatum leeg (een einde legt u vast als beëindiging).")
		}
	default:
		return domain.Errorf(domain.EINVALID, "Contract: fase %q onbekend (A, B, C).", c.Phase)
	}
	if min := s.MinHours(); c.AgreedHours.LessThan(min) && c.Reason != ReasonEnd {
		return domain.Errorf(domain.EINVALID, "Contract: %s uur per week is minder dan het minimum van %s uur uit de CAO-instellingen.",
			hoursText(c.AgreedHours), hoursText(min))
	}
	if c.WaitingDays < 0 || c.WaitingDays > 2 {
		return domain.Errorf(domain.EINVALID, "Contract: %d wachtdagen; de wet staat er hoogstens 2 toe (art. 7:629 lid 9 BW).", c.WaitingDays)
	}
	for _, p := range []decimal.Decimal{c.SickPayPercent, c.SickPayPercentYear2} {
		if p.LessThan(statutorySickPay) || p.GreaterThan(domain.Hundred) {
			return domain.Errorf(domain.EINVALID, "Contract: loon bij ziekte %s %% moet tussen 70 en 100 %% liggen (art. 7:629 lid 1 BW).", p)
		}
	}
	if c.HasET() {
		switch {
		case c.ETUntil.IsZero():
			return domain.Errorf(domain.EINVALID, "ET-regeling: vul de periode in (van en tot en met); de CAO vraagt de periode in het contract (art. 37 lid 1).")
		case c.ETUntil.Before(c.ETFrom):
			return domain.Errorf(domain.EINVALID, "ET-regeling: de einddatum ligt vóór de begindatum.")
		case domain.DateOf(c.ETUntil).After(domain.DateOf(c.ETFrom).AddDate(5, 0, -1)):
			return domain.Errorf(domain.EINVALID, "ET-regeling: langer dan 5 jaar kan niet (fiscale maximumtermijn werkelijke ET-kosten).")
		case !c.ETMaxPercent.IsPositive() || c.ETMaxPercent.GreaterThan(defaultETMax):
			return domain.Errorf(domain.EINVALID, "ET-regeling: het maximum is 30 %% van het brutoloon (CAO art. 37 lid 2 sub c).")
		}
	}
	return nil
}

// Latest returns the highest version of every contract number, in number order.
func Latest(versions []*Contract) []*Contract {
	best := map[int]*Contract{}
	for _, c := range versions {
		if b := best[c.Number]; b == nil || c.Version > b.Version {
			best[c.Number] = c
		}
	}
	out := make([]*Contract, 0, len(best))
	for _, c := range best {
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Number < out[j].Number })
	return out
}

// InForce returns the version of one worker's contracts that governs date d:
// of the versions effective on or before d, the one of the highest contract
// number and, within it, the highest version. nil when none is effective yet.
// Whether d lies within that version's start and end is Covers' question.
func InForce(versions []*Contract, d time.Time) *Contract {
	d = domain.DateOf(d)
	var best *Contract
	for _, c := range versions {
		if domain.DateOf(c.EffectiveFrom).After(d) {
			continue
		}
		if best == nil || c.Number > best.Number || (c.Number == best.Number && c.Version > best.Version) {
			best = c
		}
	}
	return best
}

// Next returns the next version of c for a change: a copy with the version
// number raised, the reason and effective date set, the signature and text
// cleared and Supersedes pointing at c. The caller changes the terms and
// renders the text.
func (c *Contract) Next(r Reason, effective time.Time) *Contract {
	n := *c
	n.ID = 0
	n.Version = c.Version + 1
	n.Reason = r
	n.Supersedes = c.ID
	n.EffectiveFrom = domain.DateOf(effective)
	n.SignedOn = time.Time{}
	n.Body = ""
	n.CreatedAt, n.CreatedBy = time.Time{}, ""
	return &n
}

// Starts returns the start dates of the distinct contracts (one per number),
// oldest first: payroll.PhaseOptions.ContractStarts counts fase-B contracts
// with them.
func Starts(versions []*Contract) []time.Time {
	var out []time.Time
	for _, c := range Latest(versions) {
		out = append(out, domain.DateOf(c.Start))
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Before(out[j]) })
	return out
}
