package params

import (
	"time"

	"verloner/domain"
)

// This file holds the accessors the payroll engine (verloner/domain/payroll)
// needs beyond the wage-tax ones. It adds no JSON keys: the AOW age is not yet
// part of the pack format, so it is kept here in a table per tax year, each
// entry citing the reference. A year that is not in the table is refused, never
// guessed. TODO(pack format 2): move aow_age into the pack JSON so that a
// user-loaded pack for a later year carries it.

// AOWAge is the statutory AOW (state pension) age of a tax year: Years years
// and Months months. The AOW-age columns of the wage-tax tables apply from the
// first day of the month in which the employee reaches it.
type AOWAge struct {
	Years, Months int
	Source        string
}

// aowAges are the AOW ages of the years for which the reference states them.
var aowAges = map[int]AOWAge{
	2025: {67, 0, "§1: AOW-leeftijd 67 jaar (2024–2027 ongewijzigd; S10 citeert Handboek Loonheffingen §18.21, S11, S12)"},
	2026: {67, 0, "§1: AOW-leeftijd 2026 = 67 jaar [2×: S10 citeert Handboek §18.21, S11, S12]"},
	2027: {67, 0, "§2A: AOW-leeftijd 2027 = 67 jaar VERIFIED (S10/S47 citeren Handboek §18.21; S12)"},
}

// AOWAge returns the AOW age that applies in the pack's year, or a Dutch error
// when the year is not known to this release.
func (p *Pack) AOWAge() (AOWAge, error) {
	a, ok := aowAges[p.doc.Year]
	if !ok {
		return AOWAge{}, domain.Errorf(domain.ENOTFOUND,
			"AOW-leeftijd voor %d is niet bekend in deze versie van Verloner: de AOW-tabel kan niet worden gekozen", p.doc.Year)
	}
	return a, nil
}

// AOWMonthStart returns the first day of the month in which a person born on
// birth reaches the AOW age: from that day the AOW-age columns of the wage-tax
// tables apply (§1 of the reference, citing RV2026 tabel 3 toelichting).
func (a AOWAge) AOWMonthStart(birth time.Time) time.Time {
	return time.Date(birth.Year()+a.Years, birth.Month()+time.Month(a.Months), 1, 0, 0, 0, 0, time.UTC)
}

// ReachedOn returns the day a person born on birth reaches the AOW age (the
// birthday itself). Employee-insurance premiums (WW, WIA, ZW) end on that day.
func (a AOWAge) ReachedOn(birth time.Time) time.Time {
	return domain.DateOf(birth).AddDate(a.Years, a.Months, 0)
}

// AOWGroup returns the wage-tax age group of a person born on birth, on date
// on: below AOW age before the first day of the month in which the AOW age is
// reached; from then on the group by year of birth (1945 or earlier, or 1946
// or later). A missing birth date is treated as below AOW age.
func (p *Pack) AOWGroup(birth, on time.Time) (AOW, error) {
	a, err := p.AOWAge()
	if err != nil {
		return AOWNone, err
	}
	if birth.IsZero() || domain.DateOf(on).Before(a.AOWMonthStart(birth)) {
		return AOWNone, nil
	}
	if birth.Year() <= 1945 {
		return AOWBorn1945OrEarlier, nil
	}
	return AOWBorn1946OrLater, nil
}
