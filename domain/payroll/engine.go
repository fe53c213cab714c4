package payroll

import (
	"fmt"
	"sync"
	"time"

	"github.com/shopspring/decimal"

	"verloner/domain"
	"verloner/domain/params"
)

// engine holds the constants of one pack in the form the calculation uses,
// derived once per pack: percentages as fractions, per-period caps, the
// minimum-wage table by age. shopspring/decimal allocates on every operation and
// parsing; deriving these on each Calculate call cost more than the rest of a
// worker-week (see BenchmarkPayslip in the tests), so they are computed once and
// cached by pack pointer (packs are immutable).
type engine struct {
	pack *params.Pack
	year int

	aow      params.AOWAge
	aowErr   error
	factors  [3]decimal.Decimal // by kindIndex: week, 4 weeks, month
	maxPrem  [3]decimal.Decimal // maximum premieloon per period, floor cents
	maxZvw   [3]decimal.Decimal // maximum bijdrage-inkomen Zvw per period, floor cents
	travelKm decimal.Decimal    // untaxed per km

	zvw, awfLow, awfHigh, aofLow, aofHigh, wko, whkWGA, whkFlex rate

	stippMinAge     int
	franchiseHourly decimal.Decimal
	maxHourly       decimal.Decimal
	schemes         []pensionScheme

	reservations []reservation // in the pack's order: vakantiebijslag, vakantie_uren, feestdagen, kort_verzuim

	minWage []minWageVersion

	specialAvailable bool
	anonymousRate    decimal.Decimal // fraction
}

// rate is a percentage of the pack as a fraction (for computing) and as
// published (for the payslip line).
type rate struct{ frac, pct decimal.Decimal }

func newRate(p params.Percent) rate { return rate{frac: p.Fraction(), pct: p.Decimal} }

// The CAO-customary pay percentages of domain.HourType.DefaultPayPercent,
// computed once (that method allocates a new decimal per call).
var (
	pay125 = domain.HourOvertime125.DefaultPayPercent()
	pay150 = domain.HourOvertime150.DefaultPayPercent()
	pay200 = domain.HourOvertime200.DefaultPayPercent()
	payORT = domain.HourShift.DefaultPayPercent()
	pay100 = domain.HourNormal.DefaultPayPercent()
)

func defaultPay(t domain.HourType) decimal.Decimal {
	switch t {
	case domain.HourOvertime125:
		return pay125
	case domain.HourOvertime150:
		return pay150
	case domain.HourOvertime200:
		return pay200
	case domain.HourShift:
		return payORT
	}
	return pay100
}

// hourText is the payslip text of an hour type (a switch: cheaper than a map
// lookup per line).
func hourText(t domain.HourType) Text {
	switch t {
	case domain.HourNormal:
		return textNorm
	case domain.HourOvertime125:
		return textOW125
	case domain.HourOvertime150:
		return textOW150
	case domain.HourOvertime200:
		return textOW200
	case domain.HourShift:
		return textORT
	case domain.HourHoliday:
		return textFeest
	case domain.HourVacation:
		return textVak
	case domain.HourSick:
		return textZiek
	}
	return Text{NL: string(t), EN: string(t), PL: string(t)}
}

type pensionScheme struct {
	name               string
	fromWeeks          int
	employer, employee decimal.Decimal // fractions
	employerPct        params.Percent
	employeePct        params.Percent
}

// reservation is one CAO reservation of the pack.
type reservation struct {
	name     string
	method   string
	pct      params.Percent
	fraction decimal.Decimal
	leave    bool            // a leave scheme (vakantie_uren, feestdagen, kort_verzuim), not vakantiebijslag
	hourType domain.HourType // the hour type paid from it (VAK, FEEST), or ""
	text     Text            // reservation line
	weekly   Text            // paid-weekly line
	payout   Text            // payout line

	resCode, weeklyCode string
}

// minWageVersion is the minimum wage per hour by age 15 … 21 from a date on.
type minWageVersion struct {
	from   time.Time
	hourly [7]decimal.Decimal // index age − 15; 21 for 21 and over
}

// Reservation scheme names, as the pack keys them.
const (
	SchemeHolidayPay   = "vakantiebijslag"
	SchemeHolidayHours = "vakantie_uren"
	SchemePublicDays   = "feestdagen"
	SchemeShortLeave   = "kort_verzuim"
)

var engines sync.Map // *params.Pack → *engine

func engineFor(p *params.Pack) (*engine, error) {
	if p == nil {
		return nil, domain.Errorf(domain.EINTERNAL, "loonberekening: geen parameterpakket")
	}
	if e, ok := engines.Load(p); ok {
		return e.(*engine), nil
	}
	e, err := compile(p)
	if err != nil {
		return nil, err
	}
	actual, _ := engines.LoadOrStore(p, e)
	return actual.(*engine), nil
}

var payKinds = [3]domain.PeriodKind{domain.Weekly, domain.FourWeek, domain.Monthly}

func kindIndex(k domain.PeriodKind) (int, error) {
	for i, pk := range payKinds {
		if pk == k {
			return i, nil
		}
	}
	return 0, domain.Errorf(domain.EINVALID, "loonberekening: tijdvak %q wordt niet ondersteund (week, 4weeks, month)", k)
}

func compile(p *params.Pack) (*engine, error) {
	e := &engine{pack: p, year: p.Year()}
	e.aow, e.aowErr = p.AOWAge()
	prem := p.Premiums()
	for i, k := range payKinds {
		f, err := p.Factor(k)
		if err != nil {
			return nil, err
		}
		e.factors[i] = decimal.NewFromInt(int64(f))
		if e.maxPrem[i], err = p.MaxPremiumWage(k); err != nil {
			return nil, err
		}
		// The Zvw maximum per period follows the same rule as the maximum
		// premieloon: annual / F rounded down to cents (§4; in 2025 and 2026
		// the two annual maxima are equal).
		e.maxZvw[i], _ = prem.Zvw.MaxIncome.QuoRem(e.factors[i], 2)
	}
	e.travelKm = p.TravelAllowance().PerKm
	e.zvw = newRate(prem.Zvw.EmployerRate)
	e.awfLow, e.awfHigh = newRate(prem.AWf.Low), newRate(prem.AWf.High)
	e.aofLow, e.aofHigh = newRate(prem.Aof.Low), newRate(prem.Aof.High)
	e.wko = newRate(prem.Wko.Rate)
	e.whkWGA, e.whkFlex = newRate(prem.WhkSector52.WGA), newRate(prem.WhkSector52.Total)

	s := p.StiPP()
	e.stippMinAge, e.franchiseHourly, e.maxHourly = s.MinAge, s.FranchiseHourly, s.MaxHourly
	for _, sc := range s.Schemes {
		e.schemes = append(e.schemes, pensionScheme{name: sc.Name, fromWeeks: sc.FromWorkedWeeks,
			employer: sc.Employer.Fraction(), employee: sc.Employee.Fraction(),
			employerPct: sc.Employer, employeePct: sc.Employee})
	}

	r := p.Reservations()
	for _, x := range []struct {
		name string
		r    params.Reservation
		ht   domain.HourType
	}{
		{SchemeHolidayPay, r.HolidayPay, ""},
		{SchemeHolidayHours, r.HolidayHours, domain.HourVacation},
		{SchemePublicDays, r.PublicDays, domain.HourHoliday},
		{SchemeShortLeave, r.ShortLeave, ""},
	} {
		t := schemeTexts[x.name]
		e.reservations = append(e.reservations, reservation{name: x.name, method: x.r.Method, pct: x.r.Rate,
			fraction: x.r.Rate.Fraction(), leave: x.name != SchemeHolidayPay, hourType: x.ht,
			text: t.reserved, weekly: t.weekly, payout: t.payout, resCode: resCodes[x.name], weeklyCode: weeklyCodes[x.name]})
	}

	for _, m := range p.MinimumWages() {
		v := minWageVersion{from: m.ValidFrom.Time}
		for age := 15; age <= 21; age++ {
			h, ok := m.Hourly[fmt.Sprint(age)]
			if !ok {
				return nil, domain.Errorf(domain.EINTERNAL, "parameterpakket %d: minimumloon voor %d jaar ontbreekt", e.year, age)
			}
			v.hourly[age-15] = h
		}
		e.minWage = append(e.minWage, v)
	}
	_, err := p.SpecialRewards()
	e.specialAvailable = err == nil
	e.anonymousRate = p.WageTax().AnonymousRate.Fraction()
	return e, nil
}

// minimumWage returns the statutory hourly minimum wage for age on date d, and
// false when there is none (younger than 15) or d is outside the pack's year.
func (e *engine) minimumWage(age int, d time.Time) (decimal.Decimal, bool) {
	if age < 15 || d.Year() != e.year {
		return decimal.Decimal{}, false
	}
	if age > 21 {
		age = 21
	}
	v := &e.minWage[0]
	for i := 1; i < len(e.minWage); i++ {
		if !e.minWage[i].from.After(d) {
			v = &e.minWage[i]
		}
	}
	return v.hourly[age-15], true
}

// scheme returns the pension scheme for a worker with the given number of
// worked weeks in the sector.
func (e *engine) scheme(weeks int) *pensionScheme {
	s := &e.schemes[0]
	for i := 1; i < len(e.schemes); i++ {
		if weeks >= e.schemes[i].fromWeeks {
			s = &e.schemes[i]
		}
	}
	return s
}

// reservation returns the pack's reservation of that name, or nil.
func (e *engine) reservation(name string) *reservation {
	for i := range e.reservations {
		if e.reservations[i].name == name {
			return &e.reservations[i]
		}
	}
	return nil
}
