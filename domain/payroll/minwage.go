package payroll

import (
	"fmt"
	"time"

	"github.com/shopspring/decimal"

	"verloner/domain"
	"verloner/domain/params"
)

// The minimum-wage check (§5; CAO 2026–2028 art. 26 lid 4: the hourly wage must
// always meet the Wml). It runs per hour line, so per date worked, with the
// minimum of that date (1 January and 1 July versions) for the worker's age on
// that date:
//
//   - worked hours, paid public holidays and holiday hours: the hourly wage of
//     the placement (times the pay % when that is below 100 %) must be at least
//     the minimum wage. Overtime and shift premiums do not count towards it.
//   - sick hours: the sick pay per hour (hourly wage × sick pay %) must be at
//     least the minimum wage in the first 52 weeks of sickness (BW 7:629 lid 1,
//     §7.4); the engine does not know the sickness week, so the finding is a
//     warning.
//
// A worker without a birth date is checked against the adult minimum. Work
// dates in a year other than the pack's are checked with Input.OtherYears, or
// reported as not checked.

type wmlStatus uint8

const (
	wmlOK      wmlStatus = iota
	wmlNone              // younger than 15: no statutory minimum wage
	wmlUnknown           // no pack for the date's year
)

// wml returns the minimum hourly wage for age on date d.
func (c *calc) wml(age int, d time.Time) (decimal.Decimal, wmlStatus) {
	if age < 15 {
		return decimal.Decimal{}, wmlNone
	}
	if d.Year() == c.e.year {
		m, _ := c.e.minimumWage(age, d)
		return m, wmlOK
	}
	if c.in.OtherYears == nil {
		return decimal.Decimal{}, wmlUnknown
	}
	p, err := c.in.OtherYears.For(d)
	if err != nil {
		return decimal.Decimal{}, wmlUnknown
	}
	e, err := engineFor(p)
	if err != nil {
		return decimal.Decimal{}, wmlUnknown
	}
	m, ok := e.minimumWage(age, d)
	if !ok {
		return decimal.Decimal{}, wmlUnknown
	}
	return m, wmlOK
}

// ageOn is the worker's age on d; 21 (adult) without a birth date. Within a
// period without a birthday it is computed once.
func (c *calc) ageOn(d time.Time) int {
	if c.w.BirthDate.IsZero() {
		return 21
	}
	if c.ageKnown && !d.Before(c.start) && !d.After(c.end) {
		return c.age
	}
	return domain.AgeOn(c.w.BirthDate, d)
}

// checkLine checks one paid hour line against the minimum wage and gathers
// what the ET limit and the housing cap need.
func (c *calc) checkLine(l *domain.HourLine, d time.Time, pl *domain.Placement, pct decimal.Decimal) {
	age := c.ageOn(d)
	min, st := c.wml(age, d)
	switch st {
	case wmlNone:
		return
	case wmlUnknown:
		c.etUnchecked = true
		c.out.MinimumWageFindings = append(c.out.MinimumWageFindings, Finding{Code: FindMinimumWageUnchecked,
			Severity: SevWarning, Date: d, PlacementID: pl.ID, HourType: l.Type, Hours: l.Quantity,
			Message: fmt.Sprintf("Minimumloon op %s niet getoetst: geen parameterpakket voor %d.", d.Format(time.DateOnly), d.Year())})
		return
	}
	if c.needWML {
		c.wmlPeriod.addMul(min, l.Quantity)
	}
	if l.Type == domain.HourSick {
		paid := mul(pl.HourlyWage, pct).Shift(-2)
		if less(paid, min) {
			c.minWageFinding(FindMinimumWageSick, SevWarning, l, d, pl, age, min, paid,
				"Ziekteloon per uur %s op %s ligt onder het wettelijk minimumloon van %s (leeftijd %d); in de eerste 52 weken van ziekte is het minimumloon de ondergrens (BW 7:629 lid 1).")
		}
		return
	}
	base := pl.HourlyWage
	if less(pct, domain.Hundred) {
		base = mul(base, pct).Shift(-2)
	}
	if c.needHeadroom {
		h := sub(base, min)
		if !c.headroomSeen || less(h, c.minHeadroom) {
			c.minHeadroom, c.headroomSeen = h, true
		}
	}
	if less(base, min) {
		c.minWageFinding(FindMinimumWage, SevError, l, d, pl, age, min, base,
			"Uurloon %s op %s ligt onder het wettelijk minimumloon van %s (leeftijd %d).")
	}
}

func (c *calc) minWageFinding(code string, sev Severity, l *domain.HourLine, d time.Time, pl *domain.Placement, age int, min, paid decimal.Decimal, format string) {
	short := mulRound(sub(min, paid), l.Quantity, 2)
	msg := fmt.Sprintf(format, domain.FormatEuro(paid), d.Format(time.DateOnly), domain.FormatEuro(min), age)
	msg += fmt.Sprintf(" Tekort %s over %s uur (plaatsing %s, %s).", domain.FormatEuro(short), domain.FormatDecimalNL(l.Quantity, 2), pl.Number, l.Type)
	c.out.MinimumWageFindings = append(c.out.MinimumWageFindings, Finding{Code: code, Severity: sev,
		Date: d, PlacementID: pl.ID, HourType: l.Type, Hours: l.Quantity,
		Amount: short, Required: min, Actual: paid, Message: msg})
}

// CheckMinimumWage runs only the minimum-wage check over hour lines, for the
// validation of hours before payroll. p is the pack of the pay date's year;
// other gives the packs of other years (may be nil).
func CheckMinimumWage(p *params.Pack, w *domain.Worker, placements map[int64]*domain.Placement, lines []*domain.HourLine, other PackSource) ([]Finding, error) {
	e, err := engineFor(p)
	if err != nil {
		return nil, err
	}
	if w == nil {
		return nil, domain.Errorf(domain.EINVALID, "minimumloontoets: geen uitzendkracht")
	}
	c := calc{e: e, in: &Input{Worker: w, OtherYears: other}, w: w, out: &Payslip{}}
	for _, l := range lines {
		if l == nil || l.Status == domain.HoursVoid || !l.Type.IsHours() || !l.Quantity.IsPositive() {
			continue
		}
		pl := placements[l.PlacementID]
		if pl == nil {
			return nil, domain.Errorf(domain.EINVALID, "minimumloontoets: urenregel van %s hoort bij onbekende plaatsing %d", l.Date.Format(time.DateOnly), l.PlacementID)
		}
		pct := l.PayPercent
		if pct.IsZero() {
			pct = rateOf(pl, l.Type)
		}
		c.checkLine(l, domain.DateOf(l.Date), pl, pct)
	}
	return c.out.MinimumWageFindings, nil
}
