package checks

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"verloner/domain"
	"verloner/domain/params"
	"verloner/domain/payroll"
)

// pay runs rule group 5: the hourly wage against the statutory minimum wage
// for the worker's age on each work date, and wage or rate changes made after
// the registration deadline.
func (ev *evaluator) pay() {
	ev.minimumWage()
	ev.lateChanges()
}

// minimumWage checks every active placement with payroll.CheckMinimumWage, the
// check the payroll itself makes (§5 of the reference; CAO art. 26 lid 4):
// worked, holiday and public-holiday hours at the hourly wage (times the pay %
// when that is below 100 %) against the minimum wage for the worker's age on
// the date worked, a worker without a birth date as 21+. It reports one PAY-WML
// per placement, on the first date it fails, and one PAY-WML-UNKNOWN for the
// whole checklist when a date cannot be checked. Sick pay below the minimum
// (payroll's WML_ZIEK warning) is left to the payroll's proof payslip: the
// engine cannot tell the sickness week, and PAY-WML is a blocker.
func (ev *evaluator) minimumWage() {
	unknownReported := false
	unknown := func(msg Text) {
		if !unknownReported {
			unknownReported = true
			ev.add(Finding{Rule: PayMinWageNone, Message: msg})
		}
	}
	notKnown := func(date time.Time, err error) Text {
		return Text{
			fmt.Sprintf("Minimumloon op %s niet bekend: %v.", dateNL(date), domain.ErrorMessage(err)),
			fmt.Sprintf("Minimum wage on %s not known: %v.", dateNL(date), domain.ErrorMessage(err))}
	}
	packs := ev.in.Packs
	if s, ok := packs.(*params.Set); ok && s == nil {
		packs = nil
	}
	for _, p := range ev.activePlacements() {
		w := ev.workers[p.WorkerID]
		if w == nil {
			continue
		}
		lines := ev.lines[p.ID] // by date
		first := firstWageLine(w, lines)
		if first == nil {
			continue // nothing the minimum wage applies to
		}
		if packs == nil {
			unknown(Text{"Geen minimumloontabel beschikbaar: uurlonen niet getoetst.", "No minimum wage table available: hourly wages not checked."})
			continue
		}
		pack, err := packs.For(first.Date)
		for _, l := range lines {
			if pack != nil {
				break
			}
			if isWageLine(w, l) {
				pack, _ = packs.For(l.Date) // another year of a period across New Year
			}
		}
		if pack == nil {
			unknown(notKnown(first.Date, err))
			continue
		}
		found, err := payroll.CheckMinimumWage(pack, w, map[int64]*domain.Placement{p.ID: p}, lines, packs)
		if err != nil {
			unknown(notKnown(first.Date, err))
			continue
		}
		reported := false
		for _, f := range found {
			switch {
			case f.Code == payroll.FindMinimumWageUnchecked:
				_, err := packs.For(f.Date)
				if err == nil {
					err = errors.New(f.Message)
				}
				unknown(notKnown(f.Date, err))
			case f.Code == payroll.FindMinimumWage && !reported:
				reported = true // one finding per placement: the first date it fails
				ev.minWageFinding(p, w, f)
			}
		}
	}
}

// isWageLine reports whether the minimum wage applies to an hour line: paid
// hours (not kilometres or expenses) of a worker aged 15 or over on the date
// (no statutory minimum below 15, and no work either: Arbeidstijdenwet).
func isWageLine(w *domain.Worker, l *domain.HourLine) bool {
	return l.Type.IsHours() && l.Quantity.IsPositive() && (w.BirthDate.IsZero() || domain.AgeOn(w.BirthDate, l.Date) >= 15)
}

func firstWageLine(w *domain.Worker, lines []*domain.HourLine) *domain.HourLine {
	for _, l := range lines {
		if isWageLine(w, l) {
			return l
		}
	}
	return nil
}

// minWageFinding turns payroll's WML finding into PAY-WML.
func (ev *evaluator) minWageFinding(p *domain.Placement, w *domain.Worker, f payroll.Finding) {
	age := domain.AgeOn(w.BirthDate, f.Date)
	wNL, wEN := euroText(f.Actual)
	mNL, mEN := euroText(f.Required)
	ageNL, ageEN := fmt.Sprintf("%d jaar", age), fmt.Sprintf("aged %d", age)
	if w.BirthDate.IsZero() {
		ageNL, ageEN = "geboortedatum onbekend, getoetst als 21+", "birth date unknown, checked as 21+"
	} else if age >= 21 {
		ageNL, ageEN = "21 jaar of ouder", "aged 21 or over"
	}
	ev.add(Finding{Rule: PayMinWage, WorkerID: p.WorkerID, HirerID: p.HirerID, PlacementID: p.ID, Placement: p.Number,
		Date: domain.DateOf(f.Date), Message: Text{
			fmt.Sprintf("Uurloon %s in plaatsing %s ligt onder het minimumloon van %s per uur (%s, op %s).", wNL, p.Number, mNL, ageNL, dateNL(f.Date)),
			fmt.Sprintf("Hourly wage %s in placement %s is below the minimum wage of %s per hour (%s, on %s).", wEN, p.Number, mEN, ageEN, dateNL(f.Date))}})
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
