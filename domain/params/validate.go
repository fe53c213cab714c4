package params

import (
	"fmt"
	"sort"
	"strconv"
	"time"

	"github.com/shopspring/decimal"
)

// Ages of the minimum-wage table: 15 is the youngest age with a statutory
// minimum wage, 21 and over get the adult amount.
const (
	minWageMinAge   = 15
	minWageAdultAge = 21
)

// validator collects the first consistency problem of a decoded pack. The rules
// catch typing errors in a pack (a c-value that does not follow from the
// brackets, thresholds out of order, a Whk total that is not WGA + ZW) before a
// payroll is run with it.
type validator struct {
	file string
	year int
	err  *LoadError
}

func (v *validator) fail(key, format string, args ...any) {
	if v.err == nil {
		v.err = &LoadError{File: v.file, Key: key, Reason: fmt.Sprintf(format, args...)}
	}
}

func (p *Pack) validate() error {
	d := &p.doc
	v := &validator{file: p.name, year: d.Year}
	if d.FormatVersion != formatVersion {
		v.fail("format_version", "versie %d wordt niet ondersteund (deze versie van Verloner leest versie %d)", d.FormatVersion, formatVersion)
	}
	if d.Year < 2000 || d.Year > 2200 {
		v.fail("year", "jaar %d is niet plausibel", d.Year)
	}
	if v.err != nil {
		return v.err
	}
	v.text("title", d.Title)
	v.text("reference", d.Reference)

	wt := d.WageTax
	v.meta("wage_tax", wt.Meta)
	v.wholePositive("wage_tax.table_step", wt.TableStep)
	v.wholePositive("wage_tax.table_max", wt.TableMax)
	if v.err == nil && !wt.TableMax.Mod(wt.TableStep).IsZero() {
		v.fail("wage_tax.table_max", "%s is geen veelvoud van table_step %s", wt.TableMax, wt.TableStep)
	}
	v.percent("wage_tax.anonymous_rate_pct", wt.AnonymousRate)
	pf := wt.PeriodFactors
	for _, f := range []struct {
		key string
		n   int
	}{{"day", pf.Day}, {"week", pf.Week}, {"four_weeks", pf.FourWeeks}, {"month", pf.Month}, {"quarter", pf.Quarter}} {
		if f.n <= 0 {
			v.fail("wage_tax.period_factors."+f.key, "moet positief zijn, niet %d", f.n)
		}
	}

	v.box1("box1.below_aow", d.Box1.BelowAOW)
	v.box1("box1.aow_born_1946_or_later", d.Box1.AOWBorn1946OrLater)
	v.box1("box1.aow_born_1945_or_earlier", d.Box1.AOWBorn1945OrEarlier)
	v.phaseOut("algemene_heffingskorting.below_aow", d.GeneralCredit.BelowAOW)
	v.phaseOut("algemene_heffingskorting.aow", d.GeneralCredit.AOW)
	v.labour("arbeidskorting.below_aow", d.LabourCredit.BelowAOW)
	v.labour("arbeidskorting.aow", d.LabourCredit.AOW)
	v.phaseOut("ouderenkorting", d.ElderlyCredit)
	v.meta("alleenstaande_ouderenkorting", d.SingleElderlyCredit.Meta)
	v.wholeNonNegative("alleenstaande_ouderenkorting.amount", d.SingleElderlyCredit.Amount)

	v.minimumWage(d.MinimumWage)
	v.premiums(d.Premiums)
	v.stipp(d.StiPP)
	v.meta("travel_allowance", d.TravelAllowance.Meta)
	v.nonNegative("travel_allowance.per_km", d.TravelAllowance.PerKm)
	v.meta("wkr", d.WKR.Meta)
	v.percent("wkr.free_space_pct", d.WKR.FreeSpace)
	v.nonNegative("wkr.threshold", d.WKR.Threshold)
	v.percent("wkr.free_space_above_pct", d.WKR.FreeSpaceAbove)
	v.percent("wkr.final_levy_pct", d.WKR.FinalLevy)
	v.reservation("reservations.vakantiebijslag", d.Reservations.HolidayPay)
	v.reservation("reservations.vakantie_uren", d.Reservations.HolidayHours)
	v.reservation("reservations.feestdagen", d.Reservations.PublicDays)
	v.reservation("reservations.kort_verzuim", d.Reservations.ShortLeave)
	v.special(d.SpecialRewards)
	if v.err != nil {
		return v.err
	}
	return nil
}

func (v *validator) text(key, s string) {
	if s == "" {
		v.fail(key, "mag niet leeg zijn")
	}
}

// meta requires a source and a valid_from of 1 January of the pack's year: a
// group with a single version must cover the whole year.
func (v *validator) meta(key string, m Meta) {
	v.text(key+".source", m.Source)
	jan1 := time.Date(v.year, 1, 1, 0, 0, 0, 0, time.UTC)
	if !m.ValidFrom.Equal(jan1) {
		v.fail(key+".valid_from", "moet %s zijn (begin van het jaar), niet %s", jan1.Format(time.DateOnly), m.ValidFrom.Format(time.DateOnly))
	}
}

func (v *validator) nonNegative(key string, d decimal.Decimal) {
	if d.IsNegative() {
		v.fail(key, "mag niet negatief zijn (%s)", d)
	}
}

func (v *validator) wholeNonNegative(key string, d decimal.Decimal) {
	v.nonNegative(key, d)
	if !d.IsInteger() {
		v.fail(key, "moet een bedrag in hele euro's zijn (%s)", d)
	}
}

func (v *validator) wholePositive(key string, d decimal.Decimal) {
	v.wholeNonNegative(key, d)
	if d.IsZero() {
		v.fail(key, "moet positief zijn")
	}
}

func (v *validator) percent(key string, p Percent) {
	if p.IsNegative() || p.GreaterThan(decimal.NewFromInt(100)) {
		v.fail(key, "percentage %s ligt niet tussen 0 en 100", p)
	}
}

// box1 checks the brackets and that every c_k follows from the brackets below
// it: c_{k+1} = floor(c_k + (a_{k+1} − a_k) × b_k), as the Rekenvoorschriften
// compute them (§1 of the reference: 2026 c2 = floor(38.883 × 35,75 %) = 13.900).
func (v *validator) box1(key string, b Box1) {
	v.meta(key, b.Meta)
	if len(b.Brackets) == 0 {
		v.fail(key+".brackets", "minstens één schijf nodig")
		return
	}
	for i, br := range b.Brackets {
		k := fmt.Sprintf("%s.brackets[%d]", key, i)
		v.wholeNonNegative(k+".above", br.Above)
		v.wholeNonNegative(k+".c", br.Cumulative)
		v.percent(k+".rate_pct", br.Rate)
		if i == 0 {
			if !br.Above.IsZero() || !br.Cumulative.IsZero() {
				v.fail(k, "de eerste schijf begint bij 0 met c = 0")
			}
			continue
		}
		prev := b.Brackets[i-1]
		if !br.Above.GreaterThan(prev.Above) {
			v.fail(k+".above", "%s ligt niet boven de vorige schijf (%s)", br.Above, prev.Above)
			continue
		}
		want := prev.Cumulative.Add(prev.Rate.Of(br.Above.Sub(prev.Above))).Floor()
		if !br.Cumulative.Equal(want) {
			v.fail(k+".c", "%s komt niet overeen met de schijven eronder (berekend: %s)", br.Cumulative, want)
		}
	}
}

func (v *validator) phaseOut(key string, c PhaseOutCredit) {
	v.meta(key, c.Meta)
	v.wholeNonNegative(key+".max", c.Max)
	v.wholeNonNegative(key+".full_until", c.FullUntil)
	v.wholeNonNegative(key+".nil_from", c.NilFrom)
	v.percent(key+".phase_out_pct", c.PhaseOut)
	if !c.NilFrom.GreaterThan(c.FullUntil) {
		v.fail(key+".nil_from", "%s ligt niet boven full_until %s", c.NilFrom, c.FullUntil)
	}
}

func (v *validator) labour(key string, c LabourCredit) {
	v.meta(key, c.Meta)
	g := []decimal.Decimal{c.G1, c.G2, c.G3, c.G4}
	m := []decimal.Decimal{c.M1, c.M2, c.M3}
	for i, x := range g {
		v.wholePositive(fmt.Sprintf("%s.g%d", key, i+1), x)
		if i > 0 && !x.GreaterThan(g[i-1]) {
			v.fail(fmt.Sprintf("%s.g%d", key, i+1), "%s ligt niet boven g%d (%s)", x, i, g[i-1])
		}
	}
	for i, x := range m {
		v.wholeNonNegative(fmt.Sprintf("%s.m%d", key, i+1), x)
		if i > 0 && x.LessThan(m[i-1]) {
			v.fail(fmt.Sprintf("%s.m%d", key, i+1), "%s ligt onder m%d (%s)", x, i, m[i-1])
		}
	}
	v.percent(key+".o1_pct", c.O1)
	v.percent(key+".o2_pct", c.O2)
	v.percent(key+".o3_pct", c.O3)
	v.percent(key+".phase_out_pct", c.PhaseOut)
}

// minimumWage requires a first version on 1 January, later versions in date
// order within the year, and exactly the ages 15 … 21 in each.
func (v *validator) minimumWage(ms []MinimumWage) {
	if len(ms) == 0 {
		v.fail("minimum_wage", "minstens één versie nodig (geldig vanaf 1 januari)")
		return
	}
	for i, m := range ms {
		key := fmt.Sprintf("minimum_wage[%d]", i)
		v.text(key+".source", m.Source)
		switch {
		case i == 0:
			v.meta(key, m.Meta)
		case !m.ValidFrom.After(ms[i-1].ValidFrom.Time):
			v.fail(key+".valid_from", "%s ligt niet na de vorige versie", m.ValidFrom.Format(time.DateOnly))
		case m.ValidFrom.Year() != v.year:
			v.fail(key+".valid_from", "%s valt niet in %d", m.ValidFrom.Format(time.DateOnly), v.year)
		}
		for age := minWageMinAge; age <= minWageAdultAge; age++ {
			a := strconv.Itoa(age)
			amt, ok := m.Hourly[a]
			if !ok {
				v.fail(key+".hourly."+a, ReasonMissing)
				continue
			}
			if !amt.IsPositive() {
				v.fail(key+".hourly."+a, "moet positief zijn (%s)", amt)
			}
		}
		ages := make([]string, 0, len(m.Hourly))
		for a := range m.Hourly {
			ages = append(ages, a)
		}
		sort.Strings(ages)
		for _, a := range ages {
			if n, err := strconv.Atoi(a); err != nil || n < minWageMinAge || n > minWageAdultAge || strconv.Itoa(n) != a {
				v.fail(key+".hourly."+a, "onbekende leeftijd (verwacht 15 … 21; 21 geldt voor 21 jaar en ouder)")
			}
		}
	}
}

func (v *validator) premiums(p Premiums) {
	v.lowHigh("premiums.awf", p.AWf)
	v.lowHigh("premiums.aof", p.Aof)
	v.meta("premiums.wko", p.Wko.Meta)
	v.percent("premiums.wko.rate_pct", p.Wko.Rate)
	w := p.WhkSector52
	v.meta("premiums.whk_sector52", w.Meta)
	v.percent("premiums.whk_sector52.wga_pct", w.WGA)
	v.percent("premiums.whk_sector52.zw_flex_pct", w.ZWFlex)
	if !w.Total.Equal(w.WGA.Add(w.ZWFlex.Decimal)) {
		v.fail("premiums.whk_sector52.total_pct", "%s is niet wga_pct + zw_flex_pct (%s)", w.Total, w.WGA.Add(w.ZWFlex.Decimal))
	}
	z := p.Zvw
	v.meta("premiums.zvw", z.Meta)
	v.percent("premiums.zvw.employer_rate_pct", z.EmployerRate)
	v.percent("premiums.zvw.withheld_rate_pct", z.WithheldRate)
	v.wholePositive("premiums.zvw.max_income", z.MaxIncome)
	mp := p.MaxPremiumWage
	v.meta("premiums.max_premium_wage", mp.Meta)
	v.wholePositive("premiums.max_premium_wage.annual", mp.Annual)
	if mp.PerPeriodRounding != "floor_cents" {
		v.fail("premiums.max_premium_wage.per_period_rounding", "onbekende afronding %q (alleen \"floor_cents\")", mp.PerPeriodRounding)
	}
}

func (v *validator) lowHigh(key string, lh LowHigh) {
	v.meta(key, lh.Meta)
	v.percent(key+".low_pct", lh.Low)
	v.percent(key+".high_pct", lh.High)
	if lh.Low.GreaterThan(lh.High.Decimal) {
		v.fail(key+".low_pct", "laag %s ligt boven hoog %s", lh.Low, lh.High)
	}
}

func (v *validator) stipp(s StiPP) {
	v.meta("stipp", s.Meta)
	if s.MinAge < 0 || s.MinAge > 100 {
		v.fail("stipp.min_age", "leeftijd %d is niet plausibel", s.MinAge)
	}
	v.nonNegative("stipp.franchise_hourly", s.FranchiseHourly)
	if !s.MaxHourly.GreaterThan(s.FranchiseHourly) {
		v.fail("stipp.max_hourly", "%s ligt niet boven de franchise %s", s.MaxHourly, s.FranchiseHourly)
	}
	if len(s.Schemes) == 0 {
		v.fail("stipp.schemes", "minstens één regeling nodig")
	}
	for i, sc := range s.Schemes {
		key := fmt.Sprintf("stipp.schemes[%d]", i)
		v.text(key+".name", sc.Name)
		v.percent(key+".employer_pct", sc.Employer)
		v.percent(key+".employee_pct", sc.Employee)
		switch {
		case i == 0 && sc.FromWorkedWeeks != 0:
			v.fail(key+".from_worked_weeks", "de eerste regeling moet bij week 0 beginnen")
		case i > 0 && sc.FromWorkedWeeks <= s.Schemes[i-1].FromWorkedWeeks:
			v.fail(key+".from_worked_weeks", "%d ligt niet na de vorige regeling", sc.FromWorkedWeeks)
		}
	}
}

func (v *validator) reservation(key string, r Reservation) {
	v.meta(key, r.Meta)
	v.percent(key+".pct", r.Rate)
	switch r.Method {
	case ReserveMoney, ReserveHours:
	case ReserveNone:
		if !r.Rate.IsZero() {
			v.fail(key+".pct", "moet 0 zijn bij methode %q", ReserveNone)
		}
	default:
		v.fail(key+".method", "onbekende methode %q (%s, %s, %s)", r.Method, ReserveMoney, ReserveHours, ReserveNone)
	}
}

// special checks the tabel bijzondere beloningen: rows from jaarloon 0 in
// ascending order, each rate with loonheffingskorting not negative. A table that
// is not available must have no rows, so no one mistakes a half-filled table for
// a checked one.
func (v *validator) special(s SpecialRewards) {
	v.meta("bijzondere_beloningen", s.Meta)
	if !s.Available {
		if len(s.Rows) != 0 {
			v.fail("bijzondere_beloningen.rows", "moet leeg zijn als available false is")
		}
		return
	}
	if len(s.Rows) == 0 {
		v.fail("bijzondere_beloningen.rows", "geen rijen terwijl available true is")
		return
	}
	for i, r := range s.Rows {
		key := fmt.Sprintf("bijzondere_beloningen.rows[%d]", i)
		v.wholeNonNegative(key+".from", r.From)
		if i == 0 && !r.From.IsZero() {
			v.fail(key+".from", "de eerste rij moet bij jaarloon 0 beginnen")
		}
		if i > 0 && !r.From.GreaterThan(s.Rows[i-1].From) {
			v.fail(key+".from", "%s ligt niet boven de vorige rij (%s)", r.From, s.Rows[i-1].From)
		}
		for _, aow := range []AOW{AOWNone, AOWBorn1946OrLater, AOWBorn1945OrEarlier} {
			rate := r.Rate(aow)
			k := key + "." + aow.String()
			v.percent(k+".without_pct", rate.Without)
			v.percent(k+".standard_pct", rate.Standard)
			if rate.WithCredit().IsNegative() {
				v.fail(k+".offset_pct", "standaardtarief + verrekeningspercentage is negatief (%s)", rate.WithCredit())
			}
		}
	}
}
