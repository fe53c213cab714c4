package checks

import (
	"fmt"
	"time"

	"verloner/domain"
	"verloner/domain/payroll"
)

// phase runs rule group 9: fase A nearly used up, fase B limits in sight,
// contract or placement ending within Settings.ContractEndWarnDays.
func (ev *evaluator) phase() {
	for _, w := range ev.scopedWorkers() {
		if !ev.worked[w.ID] {
			continue
		}
		switch w.Phase {
		case domain.PhaseA, "":
			ev.phaseA(w)
		case domain.PhaseB:
			ev.phaseB(w)
		}
		ev.contractEnd(w)
	}
}

// phaseA counts the worked weeks in fase A up to and including the period's
// last week with payroll.WorkedWeeks and payroll.PhaseOn, the count the payroll
// itself makes (§7.2 of the reference): ISO weeks with at least one hour worked
// (since 2-1-2023 also paid holiday), restarting after an interruption judged
// by the CAO in force when work resumes — 26 weeks or more until 2025, more
// than 6 months in 2026–2027, 36 months from 2028. When the hour history does
// not reach back to the worker's start date (an administration taken over
// mid-contract) the weeks since the start date are used as a cautious upper
// estimate.
func (ev *evaluator) phaseA(w *domain.Worker) {
	weeks, basis, basisEN := ev.countedWeeks(w.ID), "geteld uit de uren", "counted from the hours"
	if est := ev.weeksSinceStart(w); est > weeks {
		weeks, basis, basisEN = est, "geschat vanaf de startdatum "+dateNL(w.StartDate), "estimated from the start date "+dateNL(w.StartDate)
	}
	left := ev.s.PhaseAWeeks - weeks
	if left > ev.s.PhaseWarnWeeks {
		return
	}
	msg := Text{
		fmt.Sprintf("%d van %d gewerkte weken in fase A (%s); nog %d week/weken.", weeks, ev.s.PhaseAWeeks, basis, max(left, 0)),
		fmt.Sprintf("%d of %d worked weeks in phase A (%s); %d week(s) left.", weeks, ev.s.PhaseAWeeks, basisEN, max(left, 0))}
	if left < 0 {
		msg = Text{
			fmt.Sprintf("%d gewerkte weken in fase A (%s): de grens van %d is overschreden, de uitzendkracht hoort in fase B.", weeks, basis, ev.s.PhaseAWeeks),
			fmt.Sprintf("%d worked weeks in phase A (%s): the limit of %d is exceeded, the worker belongs in phase B.", weeks, basisEN, ev.s.PhaseAWeeks)}
	}
	ev.add(Finding{Rule: PhaseA, WorkerID: w.ID, Message: msg})
}

// countedWeeks is the number of weeks counted for the worker since the last
// restart, up to and including the week of the period's last day.
func (ev *evaluator) countedWeeks(workerID int64) int {
	var lines []*domain.HourLine
	for _, group := range [][]*domain.HourLine{ev.history[workerID], ev.periodByWorker[workerID]} {
		for _, l := range group {
			if !l.Date.After(ev.end) {
				lines = append(lines, l)
			}
		}
	}
	// PhaseOn counts the weeks before the week of its date: ask for the
	// Monday after the period's last week so that the period itself counts.
	st := payroll.PhaseOn(payroll.WorkedWeeks(lines), mondayOf(ev.end).AddDate(0, 0, 7), payroll.PhaseOptions{})
	return st.Counted
}

// weeksSinceStart is the number of ISO weeks from the start date's week to the
// period's last week, when the hour history does not cover the start; else 0.
func (ev *evaluator) weeksSinceStart(w *domain.Worker) int {
	if w.StartDate.IsZero() || w.StartDate.After(ev.end) {
		return 0
	}
	startMonday := mondayOf(w.StartDate)
	for _, l := range ev.history[w.ID] {
		if !mondayOf(l.Date).After(startMonday) {
			return 0 // history reaches the start: the count is exact
		}
	}
	return int(mondayOf(ev.end).Sub(startMonday).Hours()/(24*7)) + 1
}

func mondayOf(t time.Time) time.Time {
	d := domain.DateOf(t)
	return d.AddDate(0, 0, -((int(d.Weekday()) + 6) % 7))
}

// phaseB checks the fase-B limits: duration (from the earliest fase-B
// placement) and number of fase-B contracts (counted as fase-B placements;
// the domain has no separate contract records yet).
func (ev *evaluator) phaseB(w *domain.Worker) {
	var start time.Time
	contracts := 0
	for _, p := range ev.byWorker[w.ID] {
		if p.Phase != domain.PhaseB {
			continue
		}
		contracts++
		if start.IsZero() || p.Start.Before(start) {
			start = p.Start
		}
	}
	if start.IsZero() {
		return
	}
	endB := domain.DateOf(start).AddDate(0, ev.s.PhaseBMaxMonths, 0)
	warnFrom := endB.AddDate(0, 0, -7*3*ev.s.PhaseWarnWeeks)
	if ev.end.After(warnFrom) || ev.end.Equal(warnFrom) {
		ev.add(Finding{Rule: PhaseB, WorkerID: w.ID, Message: Text{
			fmt.Sprintf("Fase B loopt sinds %s; de maximale duur van %d maanden eindigt op %s.", dateNL(start), ev.s.PhaseBMaxMonths, dateNL(endB)),
			fmt.Sprintf("Phase B since %s; the maximum of %d months ends on %s.", dateNL(start), ev.s.PhaseBMaxMonths, dateNL(endB))}})
	}
	if contracts >= ev.s.PhaseBMaxContracts-1 {
		ev.add(Finding{Rule: PhaseB, WorkerID: w.ID, Ref: "contracten", Message: Text{
			fmt.Sprintf("%d van maximaal %d contracten in fase B.", contracts, ev.s.PhaseBMaxContracts),
			fmt.Sprintf("%d of at most %d contracts in phase B.", contracts, ev.s.PhaseBMaxContracts)}})
	}
}

// contractEnd flags a worker's contract or an active placement ending in the
// period or within the warning window after it.
func (ev *evaluator) contractEnd(w *domain.Worker) {
	limit := ev.end.AddDate(0, 0, ev.s.ContractEndWarnDays)
	in := func(d time.Time) bool {
		d = domain.DateOf(d)
		return !d.IsZero() && !d.Before(ev.start) && !d.After(limit)
	}
	if in(w.EndDate) {
		ev.add(Finding{Rule: PhaseEnd, WorkerID: w.ID, Message: Text{
			fmt.Sprintf("Contract (%s) eindigt op %s.", orDash(w.ContractType), dateNL(w.EndDate)),
			fmt.Sprintf("Contract (%s) ends on %s.", orDash(w.ContractType), dateNL(w.EndDate))}})
	}
	for _, p := range ev.activeByWorker[w.ID] {
		if !p.End.IsZero() && in(p.End) {
			ev.add(Finding{Rule: PhaseEnd, WorkerID: w.ID, HirerID: p.HirerID, PlacementID: p.ID, Placement: p.Number, Message: Text{
				fmt.Sprintf("Plaatsing %s (%s) eindigt op %s.", p.Number, orDash(p.Function), dateNL(p.End)),
				fmt.Sprintf("Placement %s (%s) ends on %s.", p.Number, orDash(p.Function), dateNL(p.End))}})
		}
	}
}
