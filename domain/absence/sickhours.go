package absence

import (
	"fmt"
	"sort"
	"strconv"
	"time"

	"github.com/shopspring/decimal"

	"verloner/domain"
	"verloner/domain/contract"
)

// SickSourceFile marks the hour lines SickHours makes (Source.File), so that
// screens can tell them from imported hours and a second run adds nothing.
const SickSourceFile = "ziekmelding"

// ReferenceWeeks is the number of calendar weeks before the report whose
// average gives the sick hours (CAO 2026–2028 art. 29 lid 2).
const ReferenceWeeks = 13

// SickHoursInput is one worker's data for SickHours.
type SickHoursInput struct {
	Period     domain.Period
	Worker     *domain.Worker
	Reports    []*domain.SickReport        // the worker's reports (any period)
	FollowUps  map[int64]FollowUp          // contract end overrides by report ID
	Placements map[int64]*domain.Placement // the worker's placements
	// Lines are the worker's hour lines from at least 13 weeks before the
	// earliest report that touches the period up to the period's end: the
	// reference weeks, and the period's own lines (ZIEK hours already there
	// are not made twice; worked hours on a sick day reduce the sick hours).
	Lines     []*domain.HourLine
	Contracts []*contract.Contract // the worker's versions (the end stops sick pay: ZW)
	Policy    Policy
}

// SickNote explains a choice SickHours made (no line, fewer hours, an
// estimate) in Dutch and English.
type SickNote struct {
	ReportID int64
	Date     time.Time
	Text     Text
}

// referenceHour reports whether a line counts in the 13-week average: every
// paid hour that stands for normal working time, not overtime (art. 29 lid 2:
// overtime only when structural, which the hours alone cannot show).
func referenceHour(t domain.HourType) bool {
	switch t {
	case domain.HourNormal, domain.HourShift, domain.HourVacation, domain.HourHoliday, domain.HourSick:
		return true
	}
	return false
}

// SickHours turns a worker's sick reports into ZIEK hour lines for the days
// of the period the worker is sick, with the hours of the 13-week average:
// for each weekday, the hours on that weekday in the 13 calendar weeks
// before the week of the first sick day, divided by 13 (or by the number of
// those weeks since the worker's start when that is fewer), half up to
// hundredths. So a sick week pays the average week, on the days the worker
// usually works. Spells less than four weeks apart use the first spell's
// reference weeks (they count as one sickness).
//
// No line is made on a day the worker recovered, after the end of the
// contract in force on the first sick day (from then on the Ziektewet pays,
// through UWV), after 104 weeks, on a day with a ZIEK, VAK or FEEST line
// already, or without a running placement. Hours worked on a sick day (going
// home sick) are subtracted. The line's PayPercent is the Policy's for the
// sickness week; the waiting days are left to the payroll engine
// (payroll.SickPay.Reports), which knows the earlier spells too.
//
// The lines are new (ID 0, status imported) with Source.File SickSourceFile
// and Source.Row the report ID.
func SickHours(in SickHoursInput) ([]*domain.HourLine, []SickNote) {
	start, end := in.Period.Start(), in.Period.End()
	byDate := map[time.Time][]*domain.HourLine{}
	for _, l := range in.Lines {
		if l != nil && l.Status != domain.HoursVoid {
			d := domain.DateOf(l.Date)
			byDate[d] = append(byDate[d], l)
		}
	}
	recs := Build(Input{Reports: in.Reports, FollowUps: in.FollowUps, Contracts: in.Contracts,
		Workers: map[int64]*domain.Worker{in.Worker.ID: in.Worker}, Placements: in.Placements, Policy: in.Policy, AsOf: end})
	var lines []*domain.HourLine
	var notes []SickNote
	for _, rec := range recs {
		rep := rec.Report
		first := domain.DateOf(rep.FirstDay)
		if first.After(end) || (!rep.RecoveredOn.IsZero() && !domain.DateOf(rep.RecoveredOn).After(start)) {
			continue
		}
		perDay, note := weekdayAverage(rec.ChainFirst, in.Worker, in.Lines)
		if note.NL != "" {
			notes = append(notes, SickNote{ReportID: rep.ID, Date: first, Text: note})
		}
		for d := maxDate(first, start); !d.After(end); d = d.AddDate(0, 0, 1) {
			if !rep.SickOn(d) {
				continue
			}
			add := func(nl, en string) {
				notes = append(notes, SickNote{ReportID: rep.ID, Date: d, Text: Text{nl, en}})
			}
			if rec.ZWRoute && !d.Before(rec.ZWFrom) {
				add(fmt.Sprintf("Geen ziekte-uren: het contract eindigde op %s; vanaf %s Ziektewet via UWV.", dateText(rec.ContractEnd), dateText(rec.ZWFrom)),
					fmt.Sprintf("No sick hours: the contract ended on %s; sickness benefit through UWV from %s.", dateText(rec.ContractEnd), dateText(rec.ZWFrom)))
				break
			}
			week := daysBetween(rec.ChainStart, d)/7 + 1
			pct := in.Policy.PayPercentInWeek(week)
			if !pct.IsPositive() {
				add("Geen ziekte-uren: de 104 weken loondoorbetaling zijn voorbij.", "No sick hours: the 104 weeks of sick pay have passed.")
				break
			}
			hours := perDay[d.Weekday()]
			var workedHours decimal.Decimal
			skip := false
			for _, l := range byDate[d] {
				switch l.Type {
				case domain.HourSick, domain.HourVacation, domain.HourHoliday:
					skip = true
				case domain.HourNormal, domain.HourOvertime125, domain.HourOvertime150, domain.HourOvertime200, domain.HourShift:
					if in.Placements[l.PlacementID] != nil {
						workedHours = workedHours.Add(l.Quantity)
					}
				}
			}
			if skip {
				continue
			}
			hours = hours.Sub(workedHours)
			if !hours.IsPositive() {
				continue
			}
			p := placementOn(in.Placements, rep.PlacementID, d, in.Lines)
			if p == nil {
				add("Geen ziekte-uren: er loopt geen plaatsing op deze dag.", "No sick hours: no placement runs on this day.")
				continue
			}
			lines = append(lines, &domain.HourLine{PlacementID: p.ID, Date: d, Type: domain.HourSick, Quantity: hours,
				PayPercent: pct, BillPercent: decimal.Zero, Status: domain.HoursImported,
				Source: domain.Source{File: SickSourceFile, Row: int(rep.ID), Hash: "ziekmelding:" + strconv.FormatInt(rep.ID, 10)}})
		}
	}
	sort.SliceStable(lines, func(i, j int) bool { return lines[i].Date.Before(lines[j].Date) })
	return lines, notes
}

// weekdayAverage returns the average hours per weekday over the reference
// weeks before the week of firstDay, and a note when fewer than 13 weeks
// could be used or there were no hours at all.
func weekdayAverage(firstDay time.Time, w *domain.Worker, lines []*domain.HourLine) (map[time.Weekday]decimal.Decimal, Text) {
	monday := mondayOf(firstDay)
	from := monday.AddDate(0, 0, -7*ReferenceWeeks)
	// A worker who started less than 13 weeks ago: divide by the weeks since
	// the start (the first week with hours when the start date is unknown).
	since := time.Time{}
	if w != nil && !w.StartDate.IsZero() {
		since = mondayOf(w.StartDate)
	}
	total := map[time.Weekday]decimal.Decimal{}
	for _, l := range lines {
		d := domain.DateOf(l.Date)
		if l.Status == domain.HoursVoid || !referenceHour(l.Type) || d.Before(from) || !d.Before(monday) {
			continue
		}
		total[d.Weekday()] = total[d.Weekday()].Add(l.Quantity)
		if w == nil || w.StartDate.IsZero() {
			if m := mondayOf(d); since.IsZero() || m.Before(since) {
				since = m
			}
		}
	}
	if len(total) == 0 {
		return nil, Text{
			fmt.Sprintf("Geen uren in de %d weken vóór de ziekmelding: geen ziekte-uren berekend; vul ze zo nodig met de hand in.", ReferenceWeeks),
			fmt.Sprintf("No hours in the %d weeks before the sick report: no sick hours calculated; enter them by hand if needed.", ReferenceWeeks)}
	}
	weeks, note := ReferenceWeeks, Text{}
	if !since.IsZero() && since.After(from) {
		weeks = max(int(monday.Sub(since).Hours()/(24*7)+0.5), 1)
		note = Text{fmt.Sprintf("Gemiddelde over %d week/weken (in dienst sinds %s) in plaats van %d.", weeks, dateText(since), ReferenceWeeks),
			fmt.Sprintf("Average over %d week(s) (employed since %s) instead of %d.", weeks, dateText(since), ReferenceWeeks)}
	}
	out := map[time.Weekday]decimal.Decimal{}
	n := decimal.NewFromInt(int64(weeks))
	for wd, h := range total {
		out[wd] = domain.RoundHours(h.Div(n))
	}
	return out, note
}

// placementOn picks the placement for a sick day: the report's own when it
// runs, else the running placement with the most reference hours, else any
// running placement.
func placementOn(ps map[int64]*domain.Placement, own int64, d time.Time, lines []*domain.HourLine) *domain.Placement {
	if p := ps[own]; p != nil && p.ActiveOn(d) {
		return p
	}
	hours := map[int64]decimal.Decimal{}
	for _, l := range lines {
		if referenceHour(l.Type) && l.Status != domain.HoursVoid {
			hours[l.PlacementID] = hours[l.PlacementID].Add(l.Quantity)
		}
	}
	var best *domain.Placement
	for _, p := range ps {
		if !p.ActiveOn(d) {
			continue
		}
		if best == nil || hours[p.ID].GreaterThan(hours[best.ID]) || (hours[p.ID].Equal(hours[best.ID]) && p.ID < best.ID) {
			best = p
		}
	}
	return best
}

func mondayOf(t time.Time) time.Time {
	d := domain.DateOf(t)
	return d.AddDate(0, 0, -((int(d.Weekday()) + 6) % 7))
}

func maxDate(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func dateText(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return t.Format("02-01-2006")
}
