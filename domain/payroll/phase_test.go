package payroll_test

import (
	"testing"
	"time"

	"verloner/domain"
	"verloner/domain/payroll"
)

// weeksFrom returns n consecutive worked weeks starting on Monday m.
func weeksFrom(m time.Time, n int) []payroll.WeekMark {
	var ws []payroll.WeekMark
	for i := 0; i < n; i++ {
		ws = append(ws, payroll.WeekMark{Monday: m.AddDate(0, 0, 7*i), Worked: true})
	}
	return ws
}

func TestPhaseAfter52Weeks(t *testing.T) {
	start := date(2024, 1, 1) // a Monday
	ws := weeksFrom(start, 60)
	// On a day in week 52 the worker has 51 completed weeks: still fase A.
	st := payroll.PhaseOn(ws, start.AddDate(0, 0, 7*51+2), payroll.PhaseOptions{})
	if st.Phase != domain.PhaseA || st.Counted != 51 {
		t.Fatalf("week 52: %+v", st)
	}
	// In week 53 (52 weeks completed): fase B, starting that Monday.
	st = payroll.PhaseOn(ws, start.AddDate(0, 0, 7*52), payroll.PhaseOptions{})
	if st.Phase != domain.PhaseB || st.Counted != 52 || !st.PhaseBStart.Equal(start.AddDate(0, 0, 7*52)) {
		t.Fatalf("week 53: %+v", st)
	}
}

func TestPhaseCountsWeeksAcrossHirers(t *testing.T) {
	// Two hirers in the same week count once; a week with only kilometres or
	// sick hours does not count.
	lines := []*domain.HourLine{
		hl(1, date(2025, 3, 3), domain.HourNormal, "4"),
		hl(2, date(2025, 3, 5), domain.HourNormal, "6"),
		hl(1, date(2025, 3, 10), domain.HourKilometres, "40"),
		hl(1, date(2025, 3, 11), domain.HourSick, "8"),
		hl(2, date(2025, 3, 17), domain.HourShift, "1"),
		{PlacementID: 2, Date: date(2025, 3, 24), Type: domain.HourNormal, Quantity: dec("8"), Status: domain.HoursVoid},
	}
	ws := payroll.WorkedWeeks(lines)
	if len(ws) != 2 || !ws[0].Monday.Equal(date(2025, 3, 3)) || !ws[1].Monday.Equal(date(2025, 3, 17)) {
		t.Fatalf("weeks %+v", ws)
	}
	st := payroll.PhaseOn(ws, date(2025, 4, 1), payroll.PhaseOptions{})
	if st.Counted != 2 {
		t.Fatalf("counted %d, want 2 (the sick/km week does not count)", st.Counted)
	}
}

// §7.2 until 2025: an interruption of 26 weeks or more restarts the count,
// 25 weeks does not.
func TestPhaseInterruption2025(t *testing.T) {
	start := date(2024, 1, 1)
	first := weeksFrom(start, 30)
	lastWorked := first[len(first)-1].Monday
	for _, c := range []struct {
		gap     int
		counted int
	}{{25, 31}, {26, 1}} {
		resume := lastWorked.AddDate(0, 0, 7*(c.gap+1))
		ws := append(append([]payroll.WeekMark(nil), first...), payroll.WeekMark{Monday: resume, Worked: true})
		st := payroll.PhaseOn(ws, resume.AddDate(0, 0, 7), payroll.PhaseOptions{})
		if st.Counted != c.counted {
			t.Errorf("gap of %d weeks: counted %d, want %d", c.gap, st.Counted, c.counted)
		}
	}
}

// §7.2 CAO 2026–2028: the count restarts only after an interruption of more
// than 6 months.
func TestPhaseInterruption2026(t *testing.T) {
	first := weeksFrom(date(2026, 1, 5), 20) // last week starts 18-5-2026
	from := date(2026, 5, 25)                // the Monday after the last worked week
	for _, c := range []struct {
		resume  time.Time
		counted int
	}{
		{date(2026, 11, 23), 21}, // 6 months minus 2 days: continues
		{date(2026, 11, 30), 1},  // more than 6 months after 25-5: restarts
	} {
		ws := append(append([]payroll.WeekMark(nil), first...), payroll.WeekMark{Monday: c.resume, Worked: true})
		st := payroll.PhaseOn(ws, c.resume.AddDate(0, 0, 7), payroll.PhaseOptions{})
		if st.Counted != c.counted {
			t.Errorf("resume %s (interruption from %s): counted %d, want %d", c.resume.Format(time.DateOnly), from.Format(time.DateOnly), st.Counted, c.counted)
		}
	}
	// On a date long after the last work, the phase on that date is fase A again.
	st := payroll.PhaseOn(first, date(2027, 3, 1), payroll.PhaseOptions{})
	if st.Phase != domain.PhaseA || st.Counted != 0 {
		t.Errorf("after a long interruption: %+v", st)
	}
}

// Weeks with only paid holiday count since 2-1-2023, not before.
func TestPhaseHolidayWeeks(t *testing.T) {
	ws := []payroll.WeekMark{
		{Monday: date(2022, 6, 6), Worked: true},
		{Monday: date(2022, 6, 13), PaidHoliday: true},
		{Monday: date(2023, 6, 5), Worked: true},
		{Monday: date(2023, 6, 12), PaidHoliday: true},
	}
	if st := payroll.PhaseOn(ws[:2], date(2022, 7, 1), payroll.PhaseOptions{}); st.Counted != 1 {
		t.Errorf("2022 holiday week counted: %+v", st)
	}
	if st := payroll.PhaseOn(ws[2:], date(2023, 7, 1), payroll.PhaseOptions{}); st.Counted != 2 {
		t.Errorf("2023 holiday week not counted: %+v", st)
	}
}

// Fase B ends after 3 years (CAO until 2027), or with the seventh contract.
func TestPhaseBToC(t *testing.T) {
	start := date(2022, 1, 3)
	ws := weeksFrom(start, 52+3*52+10)
	bStart := start.AddDate(0, 0, 7*52)
	st := payroll.PhaseOn(ws, bStart.AddDate(3, 0, -1), payroll.PhaseOptions{})
	if st.Phase != domain.PhaseB {
		t.Fatalf("one day before 3 years in fase B: %+v", st)
	}
	st = payroll.PhaseOn(ws, bStart.AddDate(3, 0, 7), payroll.PhaseOptions{})
	if st.Phase != domain.PhaseC || !st.PhaseCStart.Equal(bStart.AddDate(3, 0, 0)) {
		t.Fatalf("after 3 years in fase B: %+v", st)
	}
	var contracts []time.Time
	for i := 0; i < 7; i++ {
		contracts = append(contracts, bStart.AddDate(0, i, 0))
	}
	st = payroll.PhaseOn(ws, bStart.AddDate(0, 7, 0), payroll.PhaseOptions{ContractStarts: contracts})
	if st.Phase != domain.PhaseC || !st.PhaseCStart.Equal(contracts[6]) {
		t.Fatalf("seventh contract in fase B: %+v", st)
	}
}

// From 1-1-2028 the default rule restarts only after 36 months.
func TestPhaseRule2028(t *testing.T) {
	first := weeksFrom(date(2028, 1, 3), 10)
	resume := date(2029, 6, 4) // about 16 months later
	ws := append(first, payroll.WeekMark{Monday: resume, Worked: true})
	if st := payroll.PhaseOn(ws, resume.AddDate(0, 0, 7), payroll.PhaseOptions{}); st.Counted != 11 {
		t.Errorf("2028 rule: counted %d, want 11", st.Counted)
	}
}
