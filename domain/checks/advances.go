package checks

import (
	"fmt"
	"sort"
	"strings"

	"verloner/domain"
)

// advances runs rule group 2: no advance without a valid BSN, at most
// Settings.AdvanceMaxWeeks consecutive periods, open advances withheld in the
// next regular payroll.
func (ev *evaluator) advances() {
	byWorker := map[int64][]*domain.Advance{}
	for _, a := range ev.in.Advances {
		if a != nil {
			byWorker[a.WorkerID] = append(byWorker[a.WorkerID], a)
		}
	}
	ids := make([]int64, 0, len(byWorker))
	for id := range byWorker {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	for _, id := range ids {
		list := byWorker[id]
		sort.Slice(list, func(i, j int) bool { return list[i].ID < list[j].ID })
		w := ev.workers[id]
		var current []*domain.Advance
		for _, a := range list {
			switch {
			case a.Period == ev.p:
				current = append(current, a)
			case a.Open() && ev.before(a.Period):
				nl, en := euroText(a.Amount)
				ev.add(Finding{Rule: AdvRepay, WorkerID: id, Ref: fmt.Sprintf("voorschot %d", a.ID), Message: Text{
					fmt.Sprintf("Voorschot %s voor %s is nog niet verrekend en wordt in deze verloning ingehouden.", nl, a.Period),
					fmt.Sprintf("Advance %s for %s is not settled yet and is withheld in this payroll.", en, a.Period)}})
			}
		}
		if len(current) == 0 {
			continue
		}
		if w == nil || !domain.ValidBSN(w.BSN) {
			for _, a := range current {
				nl, en := euroText(a.Amount)
				ev.add(Finding{Rule: AdvBSN, WorkerID: id, Ref: fmt.Sprintf("voorschot %d", a.ID), Message: Text{
					fmt.Sprintf("Voorschot %s voor %s zonder geldig BSN.", nl, a.Period),
					fmt.Sprintf("Advance %s for %s without a valid BSN.", en, a.Period)}})
			}
		}
		if run := advanceRun(list, ev.p); len(run) > ev.s.AdvanceMaxWeeks {
			ev.add(Finding{Rule: AdvStreak, WorkerID: id, Message: Text{
				fmt.Sprintf("%de periode op rij met een voorschot (%s): de bevoorschotting stopt, verrekenen met uitzender.", len(run), periodsText(run)),
				fmt.Sprintf("Advance in %d consecutive periods (%s): advancing stops, settle with the intermediary.", len(run), periodsText(run))}})
		}
	}
}

// advanceRun returns the consecutive periods up to and including p in which
// the advances list has an advance, oldest first.
func advanceRun(list []*domain.Advance, p domain.Period) []domain.Period {
	has := map[domain.Period]bool{}
	for _, a := range list {
		has[a.Period] = true
	}
	var run []domain.Period
	for q, n := p, 0; has[q] && n < 1000; q, n = q.Prev(), n+1 {
		run = append([]domain.Period{q}, run...)
	}
	return run
}

func periodsText(ps []domain.Period) string {
	s := make([]string, len(ps))
	for i, p := range ps {
		s[i] = p.String()
	}
	return strings.Join(s, ", ")
}

// AdvanceAllowed says whether a new advance for period p may be recorded for
// worker w, given the worker's earlier advances: never without a valid BSN
// (an advance is formally payroll), and not when it would make more than
// maxWeeks consecutive periods with an advance (then the backoffice stops
// advancing and settles with the intermediary). The error is a Dutch
// *domain.Error fit for the user.
func AdvanceAllowed(w *domain.Worker, earlier []*domain.Advance, p domain.Period, maxWeeks int) error {
	if w == nil {
		return domain.Errorf(domain.EINVALID, "Voorschot: onbekende uitzendkracht.")
	}
	if !domain.ValidBSN(w.BSN) {
		return domain.Errorf(domain.EINVALID,
			"Geen voorschot voor %s: zonder geldig BSN mag niet worden verloond. De uitzender kan zelf een voorschot geven en dit later laten verrekenen.",
			workerLabel(w))
	}
	if maxWeeks <= 0 {
		maxWeeks = DefaultSettings().AdvanceMaxWeeks
	}
	mine := []*domain.Advance{{WorkerID: w.ID, Period: p}}
	for _, a := range earlier {
		if a != nil && a.WorkerID == w.ID {
			mine = append(mine, a)
		}
	}
	if run := advanceRun(mine, p); len(run) > maxWeeks {
		return domain.Errorf(domain.EINVALID,
			"Geen voorschot voor %s: dit zou de %de periode op rij zijn (%s). De bevoorschotting stopt; verrekenen met de uitzender.",
			workerLabel(w), len(run), periodsText(run))
	}
	return nil
}
