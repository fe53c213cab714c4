package checks

import (
	"fmt"
	"sort"
	"strings"

	"verloner/domain"
)

// pay runs rule group 5: the hourly wage against the statutory minimum wage
// for the worker's age on each work date, and wage or rate changes made after
// the registration deadline.
func (ev *evaluator) pay() {
	unknownReported := false
	for _, p := range ev.activePlacements() {
		w := ev.workers[p.WorkerID]
		if w == nil {
			continue
		}
		for _, l := range ev.lines[p.ID] {
			if !workedType(l.Type) || !l.Quantity.IsPositive() {
				continue
			}
			age, assumed := domain.AgeOn(w.BirthDate, l.Date), w.BirthDate.IsZero()
			if assumed {
				age = 21
			}
			if age < 15 {
				continue // no statutory minimum below 15 (and no work either: Arbeidstijdenwet)
			}
			if ev.in.MinimumWage == nil {
				if !unknownReported {
					unknownReported = true
					ev.add(Finding{Rule: PayMinWageNone, Message: Text{
						"Geen minimumloontabel beschikbaar: uurlonen niet getoetst.", "No minimum wage table available: hourly wages not checked."}})
				}
				break
			}
			minWage, err := ev.in.MinimumWage(age, l.Date)
			if err != nil {
				if !unknownReported {
					unknownReported = true
					ev.add(Finding{Rule: PayMinWageNone, Message: Text{
						fmt.Sprintf("Minimumloon op %s niet bekend: %v.", dateNL(l.Date), domain.ErrorMessage(err)),
						fmt.Sprintf("Minimum wage on %s not known: %v.", dateNL(l.Date), domain.ErrorMessage(err))}})
				}
				break
			}
			if !p.HourlyWage.LessThan(minWage) {
				continue
			}
			wNL, wEN := euroText(p.HourlyWage)
			mNL, mEN := euroText(minWage)
			ageNL, ageEN := fmt.Sprintf("%d jaar", age), fmt.Sprintf("aged %d", age)
			if assumed {
				ageNL, ageEN = "geboortedatum onbekend, getoetst als 21+", "birth date unknown, checked as 21+"
			} else if age >= 21 {
				ageNL, ageEN = "21 jaar of ouder", "aged 21 or over"
			}
			ev.add(Finding{Rule: PayMinWage, WorkerID: p.WorkerID, HirerID: p.HirerID, PlacementID: p.ID, Placement: p.Number,
				Date: domain.DateOf(l.Date), Message: Text{
					fmt.Sprintf("Uurloon %s in plaatsing %s ligt onder het minimumloon van %s per uur (%s, op %s).", wNL, p.Number, mNL, ageNL, dateNL(l.Date)),
					fmt.Sprintf("Hourly wage %s in placement %s is below the minimum wage of %s per hour (%s, on %s).", wEN, p.Number, mEN, ageEN, dateNL(l.Date))}})
			break // one finding per placement: the first date it fails
		}
	}
	ev.lateChanges()
}

// lateChanges flags wage or rate changes of active placements made between
// the registration deadline and the final payroll of the period.
func (ev *evaluator) lateChanges() {
	due, final := ev.milestone["registration"], ev.milestone["final"]
	if due.IsZero() {
		return
	}
	latest := map[int64]RateChange{}
	for _, c := range ev.in.RateChanges {
		at := wall(c.ChangedAt, ev.loc)
		if len(ev.lines[c.PlacementID]) == 0 || !at.After(due) || (!final.IsZero() && at.After(final)) {
			continue
		}
		if c.OldWage.Equal(c.NewWage) && c.OldRate.Equal(c.NewRate) {
			continue
		}
		if prev, ok := latest[c.PlacementID]; !ok || c.ChangedAt.After(prev.ChangedAt) {
			latest[c.PlacementID] = c
		}
	}
	ids := make([]int64, 0, len(latest))
	for id := range latest {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	dNL, dEN := momentText(due)
	for _, id := range ids {
		c, p := latest[id], ev.placements[id]
		if p == nil {
			continue
		}
		var nl, en []string
		if !c.OldWage.Equal(c.NewWage) {
			oNL, oEN := euroText(c.OldWage)
			nNL, nEN := euroText(c.NewWage)
			nl = append(nl, "uurloon "+oNL+" → "+nNL)
			en = append(en, "hourly wage "+oEN+" → "+nEN)
		}
		if !c.OldRate.Equal(c.NewRate) {
			oNL, oEN := euroText(c.OldRate)
			nNL, nEN := euroText(c.NewRate)
			nl = append(nl, "tarief "+oNL+" → "+nNL)
			en = append(en, "billing rate "+oEN+" → "+nEN)
		}
		aNL, aEN := momentText(wall(c.ChangedAt, ev.loc))
		ev.add(Finding{Rule: PayLateChange, WorkerID: p.WorkerID, HirerID: p.HirerID, PlacementID: p.ID, Placement: p.Number, Message: Text{
			fmt.Sprintf("Plaatsing %s gewijzigd op %s (%s), na de deadline %s: wordt in de volgende verloning meegenomen.", p.Number, aNL, strings.Join(nl, ", "), dNL),
			fmt.Sprintf("Placement %s changed on %s (%s), after the deadline %s: taken along in the next payroll.", p.Number, aEN, strings.Join(en, ", "), dEN)}})
	}
}
