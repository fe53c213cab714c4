package checks

import (
	"fmt"
	"sort"
	"time"

	"github.com/shopspring/decimal"

	"verloner/domain"
)

// Arbeidstijdenwet limits and the physical limit of a day.
var (
	maxShiftHours = decimal.NewFromInt(12)
	maxWeekHours  = decimal.NewFromInt(60)
	dayHours      = decimal.NewFromInt(24)
)

// workedType reports whether an hour type is time actually worked, which is
// what the Arbeidstijdenwet limits and sick days exclude. Holiday, vacation
// and sick hours are paid but not worked; km and expenses are not hours.
func workedType(t domain.HourType) bool {
	switch t {
	case domain.HourNormal, domain.HourOvertime125, domain.HourOvertime150, domain.HourOvertime200, domain.HourShift:
		return true
	}
	return false
}

// hours runs rule group 4 (and the hour side of rule 10, sick reports).
func (ev *evaluator) hours() {
	type aggKey struct {
		rule string
		pid  int64
		t    domain.HourType
	}
	agg := map[aggKey][]time.Time{}
	var aggOrder []aggKey
	note := func(k aggKey, d time.Time) {
		if _, ok := agg[k]; !ok {
			aggOrder = append(aggOrder, k)
		}
		agg[k] = append(agg[k], domain.DateOf(d))
	}
	type wd struct {
		w int64
		d time.Time
	}
	workedDay, allDay := map[wd]decimal.Decimal{}, map[wd]decimal.Decimal{}

	pids := make([]int64, 0, len(ev.lines))
	for pid := range ev.lines {
		pids = append(pids, pid)
	}
	sort.Slice(pids, func(i, j int) bool { return pids[i] < pids[j] })
	for _, pid := range pids {
		p := ev.placements[pid]
		for _, l := range ev.lines[pid] {
			if p == nil {
				note(aggKey{HrsNoPlacement, pid, ""}, l.Date)
				continue
			}
			if !p.ActiveOn(l.Date) {
				if ev.otherActive(p, l.Date) != nil {
					note(aggKey{HrsOutside, pid, ""}, l.Date)
				} else {
					note(aggKey{HrsNoPlacement, pid, ""}, l.Date)
				}
			}
			if !agreed(p, l.Type) {
				note(aggKey{HrsType, pid, l.Type}, l.Date)
			}
			if !l.Quantity.IsPositive() {
				qNL, qEN := numText(l.Quantity)
				ev.add(Finding{Rule: HrsQuantity, WorkerID: p.WorkerID, HirerID: p.HirerID, PlacementID: p.ID, Placement: p.Number,
					Date: domain.DateOf(l.Date), Ref: sourceRef(l), Message: Text{
						fmt.Sprintf("%s %s: aantal %s bij uursoort %s%s.", p.Number, dateNL(l.Date), qNL, l.Type, sourceNL(l)),
						fmt.Sprintf("%s %s: quantity %s for hour type %s%s.", p.Number, dateNL(l.Date), qEN, l.Type, sourceEN(l))}})
			}
			if l.Type.IsHours() {
				k := wd{p.WorkerID, domain.DateOf(l.Date)}
				allDay[k] = allDay[k].Add(l.Quantity)
				if workedType(l.Type) {
					workedDay[k] = workedDay[k].Add(l.Quantity)
				}
			}
		}
	}
	for _, k := range aggOrder {
		ev.placementFinding(k.rule, k.pid, k.t, agg[k])
	}

	// Per worker and day, per worker and ISO week.
	days := make([]wd, 0, len(allDay))
	for k := range allDay {
		days = append(days, k)
	}
	sort.Slice(days, func(i, j int) bool {
		if days[i].w != days[j].w {
			return days[i].w < days[j].w
		}
		return days[i].d.Before(days[j].d)
	})
	week := map[wd]decimal.Decimal{}
	var weeks []wd
	for _, k := range days {
		all, worked := allDay[k], workedDay[k]
		aNL, aEN := numText(all)
		wNL, wEN := numText(worked)
		switch {
		case all.GreaterThan(dayHours):
			ev.add(Finding{Rule: HrsDay24, WorkerID: k.w, Date: k.d, Message: Text{
				fmt.Sprintf("%s uur geboekt op %s %s.", aNL, weekdayNL[k.d.Weekday()], dateNL(k.d)),
				fmt.Sprintf("%s hours booked on %s %s.", aEN, weekdayEN[k.d.Weekday()], dateNL(k.d))}})
		case worked.GreaterThan(maxShiftHours):
			ev.add(Finding{Rule: HrsDay12, WorkerID: k.w, Date: k.d, Message: Text{
				fmt.Sprintf("%s uur gewerkt op %s %s (max. 12).", wNL, weekdayNL[k.d.Weekday()], dateNL(k.d)),
				fmt.Sprintf("%s hours worked on %s %s (max. 12).", wEN, weekdayEN[k.d.Weekday()], dateNL(k.d))}})
		}
		monday := k.d.AddDate(0, 0, -((int(k.d.Weekday()) + 6) % 7))
		wk := wd{k.w, monday}
		if _, ok := week[wk]; !ok {
			weeks = append(weeks, wk)
		}
		week[wk] = week[wk].Add(worked)
		ev.sickHours(k.w, k.d, worked)
	}
	for _, wk := range weeks {
		if h := week[wk]; h.GreaterThan(maxWeekHours) {
			y, n := wk.d.ISOWeek()
			hNL, hEN := numText(h)
			ev.add(Finding{Rule: HrsWeek60, WorkerID: wk.w, Date: wk.d, Message: Text{
				fmt.Sprintf("%s uur gewerkt in week %d-%02d (max. 60).", hNL, y, n),
				fmt.Sprintf("%s hours worked in week %d-%02d (max. 60).", hEN, y, n)}})
		}
	}
}

// sickHours flags worked hours on a day the worker is reported sick.
func (ev *evaluator) sickHours(workerID int64, d time.Time, worked decimal.Decimal) {
	if !worked.IsPositive() {
		return
	}
	for _, r := range ev.sickByWorker[workerID] {
		if !r.SickOn(d) {
			continue
		}
		hNL, hEN := numText(worked)
		first := domain.DateOf(r.FirstDay)
		rule := HrsSick
		if d.Equal(first) {
			rule = HrsSickDay1
		}
		ev.add(Finding{Rule: rule, WorkerID: workerID, Date: d, Ref: fmt.Sprintf("ziekmelding %d", r.ID), Message: Text{
			fmt.Sprintf("%s uur gewerkt op %s %s; ziek gemeld vanaf %s.", hNL, weekdayNL[d.Weekday()], dateNL(d), dateNL(first)),
			fmt.Sprintf("%s hours worked on %s %s; reported sick from %s.", hEN, weekdayEN[d.Weekday()], dateNL(d), dateNL(first))}})
		return
	}
}

// placementFinding writes an aggregated hour-line finding for one placement.
func (ev *evaluator) placementFinding(rule string, pid int64, t domain.HourType, dates []time.Time) {
	sort.Slice(dates, func(i, j int) bool { return dates[i].Before(dates[j]) })
	dates = uniqueDates(dates)
	p := ev.placements[pid]
	f := Finding{Rule: rule, PlacementID: pid}
	n := len(dates)
	ds := datesText(dates)
	switch rule {
	case HrsNoPlacement, HrsOutside:
		if p == nil {
			f.Message = Text{
				fmt.Sprintf("%d dag(en) uren op een onbekende plaatsing (nr. %d): %s.", n, pid, ds),
				fmt.Sprintf("%d day(s) of hours on an unknown placement (no. %d): %s.", n, pid, ds)}
			ev.add(f)
			return
		}
		sNL, sEN := spanText(p)
		other := ev.otherActive(p, dates[0])
		if rule == HrsNoPlacement || other == nil {
			f.Rule = HrsNoPlacement
			f.Message = Text{
				fmt.Sprintf("%d dag(en) uren op %s terwijl geen plaatsing van %s loopt: %s (plaatsing %s).", n, p.Number, workerLabel(ev.workers[p.WorkerID]), ds, sNL),
				fmt.Sprintf("%d day(s) of hours on %s while no placement of %s runs: %s (placement %s).", n, p.Number, workerLabel(ev.workers[p.WorkerID]), ds, sEN)}
			break
		}
		f.Message = Text{
			fmt.Sprintf("%d dag(en) uren op %s buiten de plaatsingsperiode (%s): %s; plaatsing %s loopt wel.", n, p.Number, sNL, ds, other.Number),
			fmt.Sprintf("%d day(s) of hours on %s outside the placement period (%s): %s; placement %s does run.", n, p.Number, sEN, ds, other.Number)}
	case HrsType:
		if !t.Valid() {
			f.Message = Text{
				fmt.Sprintf("Onbekende uursoort %q op %s: %s.", t, p.Number, ds),
				fmt.Sprintf("Unknown hour type %q on %s: %s.", t, p.Number, ds)}
		} else {
			f.Message = Text{
				fmt.Sprintf("Uursoort %s is niet afgesproken in plaatsing %s: %s.", t, p.Number, ds),
				fmt.Sprintf("Hour type %s is not agreed in placement %s: %s.", t, p.Number, ds)}
		}
		f.Ref = string(t)
	}
	f.WorkerID, f.HirerID, f.Placement = p.WorkerID, p.HirerID, p.Number
	ev.add(f)
}

// agreed reports whether hour type t may be booked on placement p: listed in
// its rates, or kilometres when the placement pays a travel allowance.
func agreed(p *domain.Placement, t domain.HourType) bool {
	if !t.Valid() {
		return false
	}
	if _, ok := p.Rate(t); ok {
		return true
	}
	return t == domain.HourKilometres && p.TravelPerKm.IsPositive()
}

// otherActive returns another placement of the same worker active on d, or nil.
func (ev *evaluator) otherActive(p *domain.Placement, d time.Time) *domain.Placement {
	for _, o := range ev.byWorker[p.WorkerID] {
		if o.ID != p.ID && o.ActiveOn(d) {
			return o
		}
	}
	return nil
}

// spanText writes a placement's period: "vanaf 05-01-2026" / "from 05-01-2026".
func spanText(p *domain.Placement) (nl, en string) {
	if p.End.IsZero() {
		return "vanaf " + dateNL(p.Start), "from " + dateNL(p.Start)
	}
	return dateNL(p.Start) + " t/m " + dateNL(p.End), dateNL(p.Start) + " to " + dateNL(p.End)
}

func uniqueDates(ds []time.Time) []time.Time {
	out := ds[:0]
	for i, d := range ds {
		if i == 0 || !d.Equal(ds[i-1]) {
			out = append(out, d)
		}
	}
	return out
}

func sourceRef(l *domain.HourLine) string {
	if l.ID != 0 {
		return fmt.Sprintf("urenregel %d", l.ID)
	}
	return ""
}

func sourceNL(l *domain.HourLine) string {
	if l.Source.File == "" {
		return ""
	}
	return fmt.Sprintf(" (%s, regel %d)", l.Source.File, l.Source.Row)
}

func sourceEN(l *domain.HourLine) string {
	if l.Source.File == "" {
		return ""
	}
	return fmt.Sprintf(" (%s, row %d)", l.Source.File, l.Source.Row)
}
