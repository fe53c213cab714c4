package checks

import (
	"fmt"
	"time"

	"verloner/domain"
)

// deadlines runs rule group 6 (and the deadline side of rule 10): late
// registration of new workers and hirers, hours delivered after the hours
// deadline, late sick reports. All are warnings that show both moments.
func (ev *evaluator) deadlines() {
	reg := ev.milestone["registration"]
	if reg.IsZero() {
		return
	}
	rNL, rEN := momentText(reg)
	newSince := ev.start.AddDate(0, 0, -7)
	for _, w := range ev.scopedWorkers() {
		if !ev.worked[w.ID] || w.CreatedAt.IsZero() {
			continue
		}
		start := w.StartDate
		if start.IsZero() {
			start = ev.firstStart[[2]int64{0, w.ID}]
		}
		at := wall(w.CreatedAt, ev.loc)
		if (start.IsZero() || !domain.DateOf(start).Before(newSince)) && at.After(reg) {
			aNL, aEN := momentText(at)
			ev.add(Finding{Rule: DlRegWorker, WorkerID: w.ID, Message: Text{
				fmt.Sprintf("Aangemeld op %s; deadline was %s.", aNL, rNL),
				fmt.Sprintf("Registered on %s; the deadline was %s.", aEN, rEN)}})
		}
	}
	hoursDue := ev.milestone["hours"]
	hNL, hEN := momentText(hoursDue)
	for _, h := range ev.scopedHirers() {
		start := ev.firstStart[[2]int64{1, h.ID}]
		if at := wall(h.CreatedAt, ev.loc); !h.CreatedAt.IsZero() && (start.IsZero() || !domain.DateOf(start).Before(newSince)) && at.After(reg) {
			aNL, aEN := momentText(at)
			ev.add(Finding{Rule: DlRegHirer, HirerID: h.ID, Message: Text{
				fmt.Sprintf("Inlener aangemeld op %s; deadline was %s.", aNL, rNL),
				fmt.Sprintf("Hirer registered on %s; the deadline was %s.", aEN, rEN)}})
		}
		var late int
		var last time.Time
		for _, p := range ev.activeByHirer[h.ID] {
			for _, l := range ev.lines[p.ID] {
				if at := wall(l.CreatedAt, ev.loc); !l.CreatedAt.IsZero() && at.After(hoursDue) {
					late++
					if at.After(last) {
						last = at
					}
				}
			}
		}
		if late > 0 {
			lNL, lEN := momentText(last)
			ev.add(Finding{Rule: DlHours, HirerID: h.ID, Message: Text{
				fmt.Sprintf("%d urenregel(s) aangeleverd na de deadline %s (laatste %s).", late, hNL, lNL),
				fmt.Sprintf("%d hour line(s) delivered after the deadline %s (last %s).", late, hEN, lEN)}})
		}
	}
	ev.sickDeadlines()
}

// sickDeadlines flags sick reports received after 09:30 on the first sick day
// or, for shifts, less than the lead time before the shift started.
func (ev *evaluator) sickDeadlines() {
	dl := domain.DefaultDeadlines()
	if ev.in.Agency != nil {
		dl = ev.in.Agency.Deadlines
	}
	for _, r := range ev.in.SickReports {
		if r == nil || r.ReportedAt.IsZero() || r.FirstDay.IsZero() || !ev.p.Contains(r.FirstDay) {
			continue
		}
		at := wall(r.ReportedAt, ev.loc)
		var due time.Time
		var whatNL, whatEN string
		if !r.ShiftStart.IsZero() {
			lead := dl.SickReportLeadHours
			if lead <= 0 {
				lead = 3
			}
			shift := wall(r.ShiftStart, ev.loc)
			due = shift.Add(-time.Duration(lead) * time.Hour)
			sNL, sEN := momentText(shift)
			whatNL = fmt.Sprintf("%d uur voor de dienst van %s", lead, sNL)
			whatEN = fmt.Sprintf("%d hours before the shift of %s", lead, sEN)
		} else {
			h, m := clock(dl.SickReportTime, 9, 30)
			due = domain.DateOf(r.FirstDay).Add(time.Duration(h)*time.Hour + time.Duration(m)*time.Minute)
			dNL, dEN := momentText(due)
			whatNL, whatEN = dNL, dEN
		}
		if !at.After(due) {
			continue
		}
		aNL, aEN := momentText(at)
		ev.add(Finding{Rule: DlSick, WorkerID: r.WorkerID, Date: domain.DateOf(r.FirstDay), Ref: fmt.Sprintf("ziekmelding %d", r.ID), Message: Text{
			fmt.Sprintf("Ziekmelding ontvangen op %s; uiterlijk %s.", aNL, whatNL),
			fmt.Sprintf("Sick report received on %s; due by %s.", aEN, whatEN)}})
	}
}

// clock reads "09:30"; a malformed value gives the default.
func clock(s string, dh, dm int) (int, int) {
	var h, m int
	if _, err := fmt.Sscanf(s, "%d:%d", &h, &m); err != nil || h < 0 || h > 23 || m < 0 || m > 59 {
		return dh, dm
	}
	return h, m
}
