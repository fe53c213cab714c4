package payroll

import (
	"sort"
	"time"

	"verloner/domain"
)

// Phase counting of the CAO voor Uitzendkrachten (§7.2 of the reference).
//
// A worker starts in fase A. Every calendar (ISO) week in which he worked at
// least one hour for any hirer counts, and since 2-1-2023 also a week with paid
// holiday; after PhaseAWeeks counted weeks he enters fase B from the next
// week. Fase B lasts PhaseBYears years (and at most PhaseBContracts contracts);
// then fase C (open-ended). An interruption long enough restarts the count in
// fase A; a shorter one does not stop the count. The rules changed with the
// CAO versions, so each interruption is judged by the rule in force when the
// work resumes, and the fase-B term by the rule in force when fase B started.

// PhaseRule is the phase system of one CAO version.
type PhaseRule struct {
	From        time.Time // valid for weeks starting on or after this date
	PhaseAWeeks int       // counted weeks in fase A
	// An interruption restarts the count when it lasts ResetWeeks weeks or
	// more (ResetWeeks > 0), or more than ResetMonths months (ResetMonths > 0).
	ResetWeeks        int
	ResetMonths       int
	HolidayWeeksCount bool // weeks with only paid holiday count
	PhaseBYears       int
	PhaseBContracts   int
	Source            string
}

// PhaseRules are the CAO versions the reference describes, oldest first.
var PhaseRules = []PhaseRule{
	{From: time.Time{}, PhaseAWeeks: 78, ResetWeeks: 26, PhaseBYears: 3, PhaseBContracts: 6,
		Source: "§7.2: fase A 78 gewerkte weken tot 3-1-2022; onderbreking van 26 weken of meer herstart de telling (fase B 3 jaar / 6 contracten als in de tabel 'tot 31-12-2025')"},
	{From: domain.Date(2022, 1, 3), PhaseAWeeks: 52, ResetWeeks: 26, PhaseBYears: 3, PhaseBContracts: 6,
		Source: "§7.2 ABU tot 31-12-2025: fase A 52 gewerkte weken sinds 3-1-2022, elke kalenderweek met ≥ 1 gewerkt uur telt; onderbreking ≥ 26 weken herstart, ≤ 25 weken telt door; fase B max 3 jaar, 6 contracten"},
	{From: domain.Date(2023, 1, 2), PhaseAWeeks: 52, ResetWeeks: 26, HolidayWeeksCount: true, PhaseBYears: 3, PhaseBContracts: 6,
		Source: "§7.2 ABU: sinds 2-1-2023 tellen ook weken met doorbetaalde vakantie"},
	{From: domain.Date(2026, 1, 1), PhaseAWeeks: 52, ResetMonths: 6, HolidayWeeksCount: true, PhaseBYears: 3, PhaseBContracts: 6,
		Source: "§7.2 CAO 2026–2028 (1-1-2026 – 31-12-2027): fase A 52 weken; telling herstart na een onderbreking van meer dan 6 maanden (art. 14 lid 1); fase B max 3 jaar, 6 contracten, telt door na onderbrekingen ≤ 6 maanden (art. 14 lid 2); SINGLE-SOURCE S41"},
	{From: domain.Date(2028, 1, 1), PhaseAWeeks: 52, ResetMonths: 36, HolidayWeeksCount: true, PhaseBYears: 2, PhaseBContracts: 6,
		Source: "§7.2 CAO 2026–2028 vanaf 1-1-2028: fase B max 2 jaar (fase-B-contracten van vóór 1-1-2028 houden 3 jaar, art. 14 lid 15); tussenpoos 36 maanden voor contracten vanaf 1-1-2028 (bestaande contracten en scholieren/studenten ≤ 12 u/week: 6 maanden, art. 14 lid 6 en 14 — geef die regel zelf mee via PhaseOptions.Rules); SINGLE-SOURCE S41"},
}

// WeekMark is one ISO week with work in it.
type WeekMark struct {
	Monday      time.Time
	Worked      bool // at least one hour worked (NORM, overtime, ORT) for any hirer
	PaidHoliday bool // paid holiday or public-holiday hours (VAK, FEEST)
}

// WorkedWeeks returns, oldest first, the ISO weeks in which the lines (of one
// worker, any number of hirers) show hours worked or paid holiday. Void lines,
// zero quantities, sick hours, kilometres and expenses do not count.
func WorkedWeeks(lines []*domain.HourLine) []WeekMark {
	idx := map[time.Time]int{}
	var out []WeekMark
	for _, l := range lines {
		if l == nil || l.Status == domain.HoursVoid || !l.Quantity.IsPositive() {
			continue
		}
		worked := isWorked(l.Type)
		holiday := l.Type == domain.HourVacation || l.Type == domain.HourHoliday
		if !worked && !holiday {
			continue
		}
		m := mondayOf(l.Date)
		i, ok := idx[m]
		if !ok {
			i = len(out)
			idx[m] = i
			out = append(out, WeekMark{Monday: m})
		}
		out[i].Worked = out[i].Worked || worked
		out[i].PaidHoliday = out[i].PaidHoliday || holiday
	}
	sort.Slice(out, func(a, b int) bool { return out[a].Monday.Before(out[b].Monday) })
	return out
}

// mondayOf returns the Monday of the ISO week of t.
func mondayOf(t time.Time) time.Time {
	d := domain.DateOf(t)
	return d.AddDate(0, 0, -((int(d.Weekday()) + 6) % 7))
}

// PhaseOptions adjust PhaseOn.
type PhaseOptions struct {
	// Rules replaces PhaseRules (oldest first), e.g. to keep the 6-month
	// interruption of an existing contract after 1-1-2028.
	Rules []PhaseRule
	// ContractStarts are the start dates of the worker's uitzendovereenkomsten;
	// when given, fase C starts with the contract that exceeds PhaseBContracts
	// in fase B.
	ContractStarts []time.Time
}

// PhaseStatus is the worker's position in the phase system on a date.
type PhaseStatus struct {
	Phase domain.Phase
	// Counted is the number of weeks counted since the last restart, up to
	// and including the week before the date's week (may exceed PhaseAWeeks).
	Counted     int
	CountStart  time.Time // Monday of the first week of the current count; zero if none
	LastWeek    time.Time // Monday of the last counted week; zero if none
	PhaseBStart time.Time // zero when not reached
	PhaseCStart time.Time // zero when not reached
	Rule        PhaseRule // the rule in force on the date
}

// PhaseOn returns the phase on date on from the worker's weeks (WorkedWeeks
// over all his hour lines, any hirer). Only weeks before the week of on count:
// the week of on itself is still being worked.
func PhaseOn(weeks []WeekMark, on time.Time, opt PhaseOptions) PhaseStatus {
	rules := opt.Rules
	if rules == nil {
		rules = PhaseRules
	}
	target := mondayOf(on)
	st := PhaseStatus{Phase: domain.PhaseA}
	restart := func() {
		st.Phase, st.Counted, st.CountStart, st.PhaseBStart, st.PhaseCStart = domain.PhaseA, 0, time.Time{}, time.Time{}, time.Time{}
	}
	sorted := weeks
	if !sort.SliceIsSorted(weeks, func(a, b int) bool { return weeks[a].Monday.Before(weeks[b].Monday) }) {
		sorted = append([]WeekMark(nil), weeks...)
		sort.Slice(sorted, func(a, b int) bool { return sorted[a].Monday.Before(sorted[b].Monday) })
	}
	for _, w := range sorted {
		m := mondayOf(w.Monday)
		if !m.Before(target) {
			break
		}
		if m.Equal(st.LastWeek) {
			continue
		}
		r := ruleAt(rules, m)
		if !w.Worked && !(w.PaidHoliday && r.HolidayWeeksCount) {
			continue
		}
		if !st.LastWeek.IsZero() && interrupted(r, st.LastWeek, m) {
			restart()
		}
		st.advanceToC(rules, m, opt.ContractStarts)
		if st.Counted == 0 {
			st.CountStart = m
		}
		st.Counted++
		st.LastWeek = m
		if st.Phase == domain.PhaseA && st.Counted >= r.PhaseAWeeks {
			st.Phase, st.PhaseBStart = domain.PhaseB, m.AddDate(0, 0, 7)
		}
	}
	st.Rule = ruleAt(rules, target)
	if !st.LastWeek.IsZero() && interrupted(st.Rule, st.LastWeek, target) {
		restart()
		st.LastWeek = time.Time{}
		return st
	}
	st.advanceToC(rules, target, opt.ContractStarts)
	return st
}

// advanceToC moves a fase-B worker to fase C when the fase-B term (by the rule
// in force when fase B started) has passed by date d, or when a contract
// beyond the maximum number started in fase B by d.
func (st *PhaseStatus) advanceToC(rules []PhaseRule, d time.Time, contracts []time.Time) {
	if st.Phase != domain.PhaseB {
		return
	}
	r := ruleAt(rules, st.PhaseBStart)
	end := st.PhaseBStart.AddDate(r.PhaseBYears, 0, 0)
	if !d.Before(end) {
		st.Phase, st.PhaseCStart = domain.PhaseC, end
		return
	}
	var inB []time.Time
	for _, c := range contracts {
		c = domain.DateOf(c)
		if !c.Before(st.PhaseBStart) && !c.After(d) {
			inB = append(inB, c)
		}
	}
	if r.PhaseBContracts > 0 && len(inB) > r.PhaseBContracts {
		sort.Slice(inB, func(a, b int) bool { return inB[a].Before(inB[b]) })
		st.Phase, st.PhaseCStart = domain.PhaseC, inB[r.PhaseBContracts]
	}
}

func ruleAt(rules []PhaseRule, d time.Time) PhaseRule {
	r := rules[0]
	for _, x := range rules[1:] {
		if !x.From.After(d) {
			r = x
		}
	}
	return r
}

// interrupted reports whether the gap between the last counted week (Monday
// last) and the week starting on next restarts the count under rule r. The
// interruption runs from the Monday after the last counted week to next.
func interrupted(r PhaseRule, last, next time.Time) bool {
	from := last.AddDate(0, 0, 7)
	if !next.After(from) {
		return false
	}
	if r.ResetWeeks > 0 {
		days := int(domain.DateOf(next).Sub(domain.DateOf(from)) / (24 * time.Hour))
		return days/7 >= r.ResetWeeks
	}
	return next.After(from.AddDate(0, r.ResetMonths, 0))
}
