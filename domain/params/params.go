// Package params holds the dated legal parameters of Dutch payroll (loonheffing,
// heffingskortingen, employee-insurance premiums, minimum wage, StiPP pension,
// CAO reservations, the tabel bijzondere beloningen) as one parameter pack per
// tax year.
//
// The figures change every year and sometimes mid-year (minimum wage on 1 July),
// and the program must be able to take a new year's figures without a new
// release. So they are data, not code: JSON files embedded with go:embed for the
// years we ship (packs/2025.json, packs/2026.json) and loadable from a file the
// user chooses (Instellingen → Parameters) for later years. Every group of values
// carries the date it is valid from and a source string that cites the reference
// (shared/domain/nl-payroll-2026.md, its S-numbers and confidence tags), so an
// auditor can see for each figure where it came from and how sure we are.
//
// Loading is strict: an unknown key, a missing key, a malformed amount or an
// inconsistent value (for example a c-value that does not follow from the
// brackets) rejects the whole pack with an error naming the file and the key.
// A pack that is not there is never replaced by last year's: Set.For refuses.
//
// Percentages are kept as published (35.75 means 35,75 %) in the Percent type so
// that they cannot be confused with fractions. A Pack is immutable after Load;
// its accessors return copies.
package params

import (
	"fmt"
	"time"

	"github.com/shopspring/decimal"

	"verloner/domain"
)

// Percent is a percentage as the law publishes it: 35.75 means 35,75 %. A
// separate type keeps a percentage from being multiplied in as if it were a
// fraction.
type Percent struct{ decimal.Decimal }

// Pct builds a Percent from its decimal text, for tests and constants; it panics
// on malformed text.
func Pct(s string) Percent { return Percent{decimal.RequireFromString(s)} }

// Fraction returns the percentage as a fraction (35,75 % → 0.3575), exactly.
func (p Percent) Fraction() decimal.Decimal { return p.Shift(-2) }

// Of returns amount × p / 100 exactly, unrounded: the caller applies the
// rounding its legal rule prescribes.
func (p Percent) Of(amount decimal.Decimal) decimal.Decimal { return amount.Mul(p.Fraction()) }

// Date is a calendar date written "2006-01-02" in a pack. It is kept as
// midnight UTC, the form every date in verloner/domain has.
type Date struct{ time.Time }

// UnmarshalJSON reads "2006-01-02".
func (d *Date) UnmarshalJSON(b []byte) error {
	var s string
	if len(b) < 2 || b[0] != '"' || b[len(b)-1] != '"' {
		return fmt.Errorf("datum %s: verwacht \"JJJJ-MM-DD\"", b)
	}
	s = string(b[1 : len(b)-1])
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return fmt.Errorf("datum %q: verwacht JJJJ-MM-DD", s)
	}
	d.Time = t
	return nil
}

// Meta says since when a group of values applies and where the figures come
// from. Source cites the reference's S-numbers and confidence tags; figures the
// reference calls fitted, UNVERIFIED or SINGLE-SOURCE say so there.
type Meta struct {
	ValidFrom Date   `json:"valid_from"`
	Source    string `json:"source"`
}

// AOW is the age group that selects the box-1 rates and the credits: below the
// AOW age, or at AOW age born in 1946 or later, or born in 1945 or earlier (whose
// first bracket is longer).
type AOW int

// The three age groups of the witte tabel.
const (
	AOWNone              AOW = iota // below AOW age
	AOWBorn1946OrLater              // AOW age, born 1946 or later
	AOWBorn1945OrEarlier            // AOW age, born 1945 or earlier
)

// String names the group as the pack keys do.
func (a AOW) String() string {
	switch a {
	case AOWNone:
		return "below_aow"
	case AOWBorn1946OrLater:
		return "aow_born_1946_or_later"
	case AOWBorn1945OrEarlier:
		return "aow_born_1945_or_earlier"
	}
	return fmt.Sprintf("AOW(%d)", int(a))
}

// Valid reports whether a is one of the three groups.
func (a AOW) Valid() bool { return a >= AOWNone && a <= AOWBorn1945OrEarlier }

// PeriodFactors are the tijdvakfactoren F of the Rekenvoorschriften (tabel 1b):
// how many periods of each kind make a year.
type PeriodFactors struct {
	Day       int `json:"day"`
	Week      int `json:"week"`
	FourWeeks int `json:"four_weeks"`
	Month     int `json:"month"`
	Quarter   int `json:"quarter"`
}

// WageTax holds the table mechanics of the Rekenvoorschriften: the annual
// table-wage step Lv, the highest table wage Lmax, the period factors and the
// anoniementarief.
type WageTax struct {
	Meta
	TableStep     decimal.Decimal `json:"table_step"` // Lv, whole euros
	TableMax      decimal.Decimal `json:"table_max"`  // Lmax, whole euros, a multiple of Lv
	AnonymousRate Percent         `json:"anonymous_rate_pct"`
	PeriodFactors PeriodFactors   `json:"period_factors"`
}

// Bracket is one box-1 bracket in the form the Rekenvoorschriften use: the part
// of the annual table wage above Above is taxed at Rate, and Cumulative (c_k) is
// the whole-euro tax on everything up to Above.
type Bracket struct {
	Above      decimal.Decimal `json:"above"` // a_k
	Rate       Percent         `json:"rate_pct"`
	Cumulative decimal.Decimal `json:"c"` // c_k
}

// Box1 is the bracket table of one age group.
type Box1 struct {
	Meta
	Brackets []Bracket `json:"brackets"`
}

// Box1Set holds the bracket tables of the three age groups.
type Box1Set struct {
	BelowAOW             Box1 `json:"below_aow"`
	AOWBorn1946OrLater   Box1 `json:"aow_born_1946_or_later"`
	AOWBorn1945OrEarlier Box1 `json:"aow_born_1945_or_earlier"`
}

// PhaseOutCredit is a heffingskorting that is Max up to and including
// FullUntil, falls by PhaseOut % of the wage above FullUntil, and is nil from
// NilFrom on: the algemene heffingskorting and the ouderenkorting.
type PhaseOutCredit struct {
	Meta
	Max       decimal.Decimal `json:"max"`
	FullUntil decimal.Decimal `json:"full_until"`
	PhaseOut  Percent         `json:"phase_out_pct"`
	NilFrom   decimal.Decimal `json:"nil_from"`
}

// CreditSet holds a credit that differs below and at AOW age.
type CreditSet struct {
	BelowAOW PhaseOutCredit `json:"below_aow"`
	AOW      PhaseOutCredit `json:"aow"`
}

// LabourCredit is the arbeidskorting in the symbols of the Rekenvoorschriften:
// build-up O1 over the wage up to G1 (capped at M1), O2 between G1 and G2 (cumulative
// cap M2), O3 between G2 and G3 (cumulative cap M3, the maximum), phase-out
// PhaseOut % above G3, nil from G4.
type LabourCredit struct {
	Meta
	G1       decimal.Decimal `json:"g1"`
	G2       decimal.Decimal `json:"g2"`
	G3       decimal.Decimal `json:"g3"`
	G4       decimal.Decimal `json:"g4"`
	O1       Percent         `json:"o1_pct"`
	O2       Percent         `json:"o2_pct"`
	O3       Percent         `json:"o3_pct"`
	PhaseOut Percent         `json:"phase_out_pct"`
	M1       decimal.Decimal `json:"m1"`
	M2       decimal.Decimal `json:"m2"`
	M3       decimal.Decimal `json:"m3"`
}

// LabourCreditSet holds the arbeidskorting below and at AOW age.
type LabourCreditSet struct {
	BelowAOW LabourCredit `json:"below_aow"`
	AOW      LabourCredit `json:"aow"`
}

// FlatCredit is a fixed annual credit: the alleenstaande-ouderenkorting.
type FlatCredit struct {
	Meta
	Amount decimal.Decimal `json:"amount"`
}

// MinimumWage is the statutory hourly minimum wage per age from ValidFrom on.
// Hourly is keyed by age "15" … "21"; "21" applies to everyone aged 21 or over.
type MinimumWage struct {
	Meta
	Hourly map[string]decimal.Decimal `json:"hourly"`
}

// LowHigh is a premium with a low and a high percentage (AWf, Aof).
type LowHigh struct {
	Meta
	Low  Percent `json:"low_pct"`
	High Percent `json:"high_pct"`
}

// Rate is a single premium percentage (opslag Wko).
type Rate struct {
	Meta
	Rate Percent `json:"rate_pct"`
}

// Whk is the premium Werkhervattingskas of sector 52 (uitzendbedrijven) for a
// small employer: the WGA part plus the ZW-flex part.
type Whk struct {
	Meta
	WGA    Percent `json:"wga_pct"`
	ZWFlex Percent `json:"zw_flex_pct"`
	Total  Percent `json:"total_pct"`
}

// Zvw is the Zorgverzekeringswet contribution: the werkgeversheffing for
// regular employees, the withheld contribution for the few who pay it
// themselves, and the annual income cap.
type Zvw struct {
	Meta
	EmployerRate Percent         `json:"employer_rate_pct"`
	WithheldRate Percent         `json:"withheld_rate_pct"`
	MaxIncome    decimal.Decimal `json:"max_income"`
}

// MaxPremiumWage is the annual maximum premieloon of the employee insurances.
// PerPeriodRounding names how the cap for one period is derived; the only rule
// the reference shows is "floor_cents": annual / F rounded down to cents.
type MaxPremiumWage struct {
	Meta
	Annual            decimal.Decimal `json:"annual"`
	PerPeriodRounding string          `json:"per_period_rounding"`
}

// Premiums holds the employer premiums of the employee insurances and the Zvw.
type Premiums struct {
	AWf            LowHigh        `json:"awf"`
	Aof            LowHigh        `json:"aof"`
	Wko            Rate           `json:"wko"`
	WhkSector52    Whk            `json:"whk_sector52"`
	Zvw            Zvw            `json:"zvw"`
	MaxPremiumWage MaxPremiumWage `json:"max_premium_wage"`
}

// PensionScheme is one StiPP premium regime. A worker enters the regime once he
// has FromWorkedWeeks worked weeks in the sector (2025: Basis from week 0, Plus
// from week 52; 2026: one regime from the first day).
type PensionScheme struct {
	Name            string  `json:"name"`
	FromWorkedWeeks int     `json:"from_worked_weeks"`
	Employer        Percent `json:"employer_pct"`
	Employee        Percent `json:"employee_pct"`
}

// StiPP holds the pension fund parameters for uitzendkrachten. The
// pensioengrondslag per period is pensioengevend loon − FranchiseHourly ×
// pensioengevende uren, the hourly wage counting at most MaxHourly, never below
// zero; the premium percentages apply to that grondslag.
type StiPP struct {
	Meta
	MinAge          int             `json:"min_age"`
	FranchiseHourly decimal.Decimal `json:"franchise_hourly"`
	MaxHourly       decimal.Decimal `json:"max_hourly"`
	Schemes         []PensionScheme `json:"schemes"`
}

// TravelAllowance is the untaxed allowance per kilometre (gerichte vrijstelling).
type TravelAllowance struct {
	Meta
	PerKm decimal.Decimal `json:"per_km"`
}

// WKR is the werkkostenregeling: the free space is FreeSpace % of the fiscal
// wage sum up to Threshold plus FreeSpaceAbove % of the rest; the excess is
// taxed at FinalLevy % eindheffing.
type WKR struct {
	Meta
	FreeSpace      Percent         `json:"free_space_pct"`
	Threshold      decimal.Decimal `json:"threshold"`
	FreeSpaceAbove Percent         `json:"free_space_above_pct"`
	FinalLevy      Percent         `json:"final_levy_pct"`
}

// Reservation methods: money is reserved per worked hour as a percentage of the
// wage and paid out later; hours accrue as time off; none means the CAO no
// longer reserves it (it follows the inlener's scheme).
const (
	ReserveMoney = "money"
	ReserveHours = "hours"
	ReserveNone  = "none"
)

// Reservation is one reservation of the CAO voor Uitzendkrachten: the method and
// the percentage of the wage (money) or of the worked hours (hours).
type Reservation struct {
	Meta
	Method string  `json:"method"`
	Rate   Percent `json:"pct"`
}

// Reservations holds the four CAO reservations.
type Reservations struct {
	HolidayPay   Reservation `json:"vakantiebijslag"`
	HolidayHours Reservation `json:"vakantie_uren"`
	PublicDays   Reservation `json:"feestdagen"`
	ShortLeave   Reservation `json:"kort_verzuim"`
}

// SpecialRate is one age column of a row of the tabel bijzondere beloningen: the
// rate without loonheffingskorting, the standaardtarief and the
// verrekeningspercentage (which may be negative) that is added to it when the
// loonheffingskorting is applied.
type SpecialRate struct {
	Without  Percent `json:"without_pct"`
	Standard Percent `json:"standard_pct"`
	Offset   Percent `json:"offset_pct"`
}

// WithCredit is the rate that applies with loonheffingskorting: standaardtarief
// plus verrekeningspercentage.
func (r SpecialRate) WithCredit() Percent { return Percent{r.Standard.Add(r.Offset.Decimal)} }

// SpecialRow is a row of the tabel bijzondere beloningen; it applies from
// jaarloon From (whole euros, inclusive) up to the next row's From.
type SpecialRow struct {
	From                 decimal.Decimal `json:"from"`
	BelowAOW             SpecialRate     `json:"below_aow"`
	AOWBorn1946OrLater   SpecialRate     `json:"aow_born_1946_or_later"`
	AOWBorn1945OrEarlier SpecialRate     `json:"aow_born_1945_or_earlier"`
}

// Rate returns the column of age group aow.
func (r SpecialRow) Rate(aow AOW) SpecialRate {
	switch aow {
	case AOWBorn1946OrLater:
		return r.AOWBorn1946OrLater
	case AOWBorn1945OrEarlier:
		return r.AOWBorn1945OrEarlier
	}
	return r.BelowAOW
}

// SpecialRewards is the witte tabel bijzondere beloningen. Available is false
// when no trustworthy copy of the year's table was found (2025); the pack then
// says so in Source and computations must refuse rather than guess.
type SpecialRewards struct {
	Meta
	Available bool         `json:"available"`
	Rows      []SpecialRow `json:"rows"`
}

// document is the JSON shape of a pack file. Every field is required.
type document struct {
	FormatVersion       int             `json:"format_version"`
	Year                int             `json:"year"`
	Title               string          `json:"title"`
	Reference           string          `json:"reference"`
	WageTax             WageTax         `json:"wage_tax"`
	Box1                Box1Set         `json:"box1"`
	GeneralCredit       CreditSet       `json:"algemene_heffingskorting"`
	LabourCredit        LabourCreditSet `json:"arbeidskorting"`
	ElderlyCredit       PhaseOutCredit  `json:"ouderenkorting"`
	SingleElderlyCredit FlatCredit      `json:"alleenstaande_ouderenkorting"`
	MinimumWage         []MinimumWage   `json:"minimum_wage"`
	Premiums            Premiums        `json:"premiums"`
	StiPP               StiPP           `json:"stipp"`
	TravelAllowance     TravelAllowance `json:"travel_allowance"`
	WKR                 WKR             `json:"wkr"`
	Reservations        Reservations    `json:"reservations"`
	SpecialRewards      SpecialRewards  `json:"bijzondere_beloningen"`
}

// formatVersion is the only pack format this code reads.
const formatVersion = 1

// Pack is the parameter pack of one tax year. It is immutable after Load, so
// packs can be shared between goroutines and cached by pointer.
type Pack struct {
	name string
	doc  document
}

// Year is the tax year the pack covers (1 January to 31 December).
func (p *Pack) Year() int { return p.doc.Year }

// Name is the file name the pack was loaded from, used in messages.
func (p *Pack) Name() string { return p.name }

// Title is the pack's human-readable title.
func (p *Pack) Title() string { return p.doc.Title }

// Reference names the document the pack's Source strings cite.
func (p *Pack) Reference() string { return p.doc.Reference }

// WageTax returns the table mechanics (Lv, Lmax, period factors, anoniementarief).
func (p *Pack) WageTax() WageTax { return p.doc.WageTax }

// Factor returns the tijdvakfactor F of a period kind.
func (p *Pack) Factor(kind domain.PeriodKind) (int, error) {
	f := p.doc.WageTax.PeriodFactors
	switch kind {
	case domain.Daily:
		return f.Day, nil
	case domain.Weekly:
		return f.Week, nil
	case domain.FourWeek:
		return f.FourWeeks, nil
	case domain.Monthly:
		return f.Month, nil
	case domain.Quarterly:
		return f.Quarter, nil
	}
	return 0, domain.Errorf(domain.EINVALID, "onbekend loontijdvak %q (day, week, 4weeks, month, quarter)", kind)
}

// Box1 returns the bracket table of an age group.
func (p *Pack) Box1(aow AOW) Box1 {
	var b Box1
	switch aow {
	case AOWBorn1946OrLater:
		b = p.doc.Box1.AOWBorn1946OrLater
	case AOWBorn1945OrEarlier:
		b = p.doc.Box1.AOWBorn1945OrEarlier
	default:
		b = p.doc.Box1.BelowAOW
	}
	b.Brackets = append([]Bracket(nil), b.Brackets...)
	return b
}

// GeneralCredit returns the algemene heffingskorting of an age group.
func (p *Pack) GeneralCredit(aow AOW) PhaseOutCredit {
	if aow == AOWNone {
		return p.doc.GeneralCredit.BelowAOW
	}
	return p.doc.GeneralCredit.AOW
}

// LabourCredit returns the arbeidskorting of an age group.
func (p *Pack) LabourCredit(aow AOW) LabourCredit {
	if aow == AOWNone {
		return p.doc.LabourCredit.BelowAOW
	}
	return p.doc.LabourCredit.AOW
}

// ElderlyCredit returns the ouderenkorting (AOW age only).
func (p *Pack) ElderlyCredit() PhaseOutCredit { return p.doc.ElderlyCredit }

// SingleElderlyCredit returns the alleenstaande-ouderenkorting (AOW age, single).
func (p *Pack) SingleElderlyCredit() FlatCredit { return p.doc.SingleElderlyCredit }

// MinimumWages returns every minimum-wage version of the year, oldest first.
func (p *Pack) MinimumWages() []MinimumWage {
	out := make([]MinimumWage, len(p.doc.MinimumWage))
	for i, m := range p.doc.MinimumWage {
		h := make(map[string]decimal.Decimal, len(m.Hourly))
		for k, v := range m.Hourly {
			h[k] = v
		}
		m.Hourly = h
		out[i] = m
	}
	return out
}

// MinimumWageHourly returns the statutory minimum wage per hour for a worker of
// the given age on the given date (the version valid on that date: 1 January or
// 1 July). Ages 21 and over get the adult amount; there is no minimum wage
// below 15, and a date outside the pack's year is refused.
func (p *Pack) MinimumWageHourly(age int, on time.Time) (decimal.Decimal, error) {
	if age < minWageMinAge {
		return decimal.Zero, domain.Errorf(domain.EINVALID, "geen wettelijk minimumloon voor leeftijd %d (vanaf %d jaar)", age, minWageMinAge)
	}
	if age > minWageAdultAge {
		age = minWageAdultAge
	}
	m, err := p.minimumWageOn(on)
	if err != nil {
		return decimal.Zero, err
	}
	return m.Hourly[fmt.Sprint(age)], nil
}

func (p *Pack) minimumWageOn(on time.Time) (MinimumWage, error) {
	if on.Year() != p.doc.Year {
		return MinimumWage{}, domain.Errorf(domain.EINVALID, "datum %s valt niet in parameterpakket %d", on.Format(time.DateOnly), p.doc.Year)
	}
	day := domain.DateOf(on)
	var found *MinimumWage
	for i := range p.doc.MinimumWage {
		if !p.doc.MinimumWage[i].ValidFrom.After(day) {
			found = &p.doc.MinimumWage[i]
		}
	}
	if found == nil { // impossible after validation: the first version starts on 1 January
		return MinimumWage{}, domain.Errorf(domain.EINTERNAL, "parameterpakket %d: geen minimumloon op %s", p.doc.Year, day.Format(time.DateOnly))
	}
	return *found, nil
}

// Premiums returns the employer premiums and the Zvw.
func (p *Pack) Premiums() Premiums { return p.doc.Premiums }

// MaxPremiumWage returns the maximum premieloon for one period: the annual
// maximum divided by the period factor, rounded down to cents (the rule that
// reproduces every per-period figure of the Cijferbijlage the reference quotes,
// e.g. 2026 month 79.409 / 12 = 6.617,41).
func (p *Pack) MaxPremiumWage(kind domain.PeriodKind) (decimal.Decimal, error) {
	f, err := p.Factor(kind)
	if err != nil {
		return decimal.Zero, err
	}
	q, _ := p.doc.Premiums.MaxPremiumWage.Annual.QuoRem(decimal.NewFromInt(int64(f)), 2) // floor to cents: annual > 0
	return q, nil
}

// StiPP returns the pension parameters.
func (p *Pack) StiPP() StiPP {
	s := p.doc.StiPP
	s.Schemes = append([]PensionScheme(nil), s.Schemes...)
	return s
}

// TravelAllowance returns the untaxed kilometre allowance.
func (p *Pack) TravelAllowance() TravelAllowance { return p.doc.TravelAllowance }

// WKR returns the werkkostenregeling parameters.
func (p *Pack) WKR() WKR { return p.doc.WKR }

// Reservations returns the CAO reservation percentages.
func (p *Pack) Reservations() Reservations { return p.doc.Reservations }

// SpecialRewards returns the tabel bijzondere beloningen, or an error in Dutch
// when the pack has none for its year: the rate must then be looked up by hand,
// never guessed from another year.
func (p *Pack) SpecialRewards() (SpecialRewards, error) {
	s := p.doc.SpecialRewards
	if !s.Available {
		return SpecialRewards{}, domain.Errorf(domain.ENOTFOUND,
			"tabel bijzondere beloningen %d ontbreekt in het parameterpakket (%s): bereken vakantiegeld en andere bijzondere beloningen niet met een geschat tarief, maar laad een parameterpakket met de tabel", p.doc.Year, s.Source)
	}
	s.Rows = append([]SpecialRow(nil), s.Rows...)
	return s, nil
}
