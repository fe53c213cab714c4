package absence

import (
	"fmt"
	"sort"
	"time"

	"github.com/shopspring/decimal"

	"verloner/domain"
	"verloner/domain/contract"
)

// Text is a label in Dutch and English (the backoffice's screens).
type Text struct {
	NL string `json:"nl"`
	EN string `json:"en"`
}

// Status is how a deadline stands on the record's AsOf date.
type Status string

// Deadline statuses.
const (
	OnTime   Status = "op_tijd"  // done on or before the due date
	Late     Status = "te_laat"  // done after the due date
	TooEarly Status = "te_vroeg" // done before the window opened (UWV ZW report > 10 days early)
	Open     Status = "open"     // not done, not due yet
	Overdue  Status = "verlopen" // not done and the due date has passed
)

// Deadline codes.
const (
	DlReport   = "MELDING" // the worker's sick report (09:30 / shift − 3 h)
	DlArbo     = "ARBO"    // report to the arbodienst, week 1
	DlAnalysis = "PA"      // probleemanalyse, week 6
	DlPlan     = "PVA"     // plan van aanpak, week 8
	DlUWV42    = "UWV42"   // 42nd-week report to UWV
	DlZW       = "ZW"      // UWV sickness report on the contract's end date
)

// Deadline is one reporting or re-integration deadline of a record.
type Deadline struct {
	Code   string
	Label  Text
	Due    time.Time // a moment for MELDING (wall clock in UTC form), else a date
	Done   time.Time // zero: not done
	Status Status
	Source string
}

// Record is a sick report grown into an absence record, as of a date.
type Record struct {
	Report   *domain.SickReport
	FollowUp FollowUp
	Notes    []Note
	// ChainStart is the first day of the first spell of a chain of spells
	// less than four weeks apart (BW 7:629 lid 10): sickness weeks and the
	// 104-week limit count from there.
	ChainStart time.Time
	// ChainFirst is the first sick day of the chain's first spell: its
	// 13 reference weeks give the sick hours of every spell in the chain.
	ChainFirst time.Time
	Relapse    bool  // started within four weeks of an earlier recovery: no new waiting day
	RelapseOf  int64 // the earlier report
	// WaitingDays is the number of waiting days this spell starts with.
	WaitingDays int
	Week        int             // sickness week on AsOf (from ChainStart), 0 before the first day
	DaysSick    int             // calendar days of this spell up to AsOf or the recovery
	PayPercent  decimal.Decimal // pay % in the current week (zero after week 104)
	Sick        bool            // sick on AsOf
	// ContractEnd is the end of the contract in force on the first sick day
	// (override, register, placement or worker record); zero: no end.
	ContractEnd   time.Time
	Uitzendbeding bool
	// ZWRoute: the contract ends while the worker is still sick; from ZWFrom
	// the worker gets a Ziektewet benefit from UWV, topped up by the agency.
	ZWRoute   bool
	ZWFrom    time.Time
	Deadlines []Deadline
	AsOf      time.Time
}

// Late reports whether any deadline was missed (done late or overdue).
func (r *Record) Late() bool {
	for _, d := range r.Deadlines {
		if d.Status == Late || d.Status == Overdue || d.Status == TooEarly {
			return true
		}
	}
	return false
}

// Input is what Build needs: the sick reports and what was recorded on them,
// the contract register and master data for the contract end, the agency's
// deadlines and the date to judge on.
type Input struct {
	Reports    []*domain.SickReport
	FollowUps  map[int64]FollowUp // by report ID
	Notes      map[int64][]Note   // by report ID
	Contracts  []*contract.Contract
	Workers    map[int64]*domain.Worker
	Placements map[int64]*domain.Placement
	Deadlines  domain.Deadlines // zero: domain.DefaultDeadlines
	// Location is the agency's wall clock for ReportedAt and ShiftStart (nil: UTC).
	Location *time.Location
	Policy   Policy
	AsOf     time.Time
}

const fourWeeks = 28 * 24 * time.Hour

// Build returns one record per report, by first day and worker.
func Build(in Input) []*Record {
	dl := in.Deadlines
	if dl.SickReportTime == "" {
		dl = domain.DefaultDeadlines()
	}
	asOf := domain.DateOf(in.AsOf)
	byWorker := map[int64][]*domain.SickReport{}
	for _, r := range in.Reports {
		if r != nil {
			byWorker[r.WorkerID] = append(byWorker[r.WorkerID], r)
		}
	}
	contracts := map[int64][]*contract.Contract{}
	for _, c := range in.Contracts {
		contracts[c.WorkerID] = append(contracts[c.WorkerID], c)
	}
	var out []*Record
	for wid, reports := range byWorker {
		sort.Slice(reports, func(i, j int) bool {
			if !reports[i].FirstDay.Equal(reports[j].FirstDay) {
				return reports[i].FirstDay.Before(reports[j].FirstDay)
			}
			return reports[i].ID < reports[j].ID
		})
		var prev *Record
		for _, rep := range reports {
			rec := &Record{Report: rep, FollowUp: in.FollowUps[rep.ID], Notes: in.Notes[rep.ID], AsOf: asOf}
			rec.FollowUp.ReportID = rep.ID
			first := domain.DateOf(rep.FirstDay)
			rec.ChainStart, rec.ChainFirst = first, first
			rec.WaitingDays = in.Policy.WaitingDays
			if prev != nil && !prev.Report.RecoveredOn.IsZero() && first.Sub(domain.DateOf(prev.Report.RecoveredOn)) < fourWeeks {
				rec.Relapse, rec.RelapseOf, rec.WaitingDays = true, prev.Report.ID, 0
				// Spells less than four weeks apart count together: shift the
				// chain start by the earlier spell's length.
				earlier := daysBetween(prev.ChainStart, prev.Report.FirstDay) + daysBetween(prev.Report.FirstDay, prev.Report.RecoveredOn)
				rec.ChainStart, rec.ChainFirst = first.AddDate(0, 0, -earlier), prev.ChainFirst
			}
			rec.measure()
			rec.contractEnd(in, contracts[wid])
			rec.setPay(in.Policy)
			rec.deadlines(dl, in.Location)
			out = append(out, rec)
			prev = rec
		}
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i].Report, out[j].Report
		if !a.FirstDay.Equal(b.FirstDay) {
			return a.FirstDay.Before(b.FirstDay)
		}
		if a.WorkerID != b.WorkerID {
			return a.WorkerID < b.WorkerID
		}
		return a.ID < b.ID
	})
	return out
}

func daysBetween(a, b time.Time) int { return int(domain.DateOf(b).Sub(domain.DateOf(a)).Hours() / 24) }

// lastSickDay is the last day of the spell that counts on AsOf: the day
// before recovery, or AsOf while still sick.
func (r *Record) lastSickDay() time.Time {
	if !r.Report.RecoveredOn.IsZero() {
		last := domain.DateOf(r.Report.RecoveredOn).AddDate(0, 0, -1)
		if last.Before(r.AsOf) {
			return last
		}
	}
	return r.AsOf
}

// measure sets Sick, DaysSick and Week on AsOf.
func (r *Record) measure() {
	first := domain.DateOf(r.Report.FirstDay)
	r.Sick = r.Report.SickOn(r.AsOf)
	last := r.lastSickDay()
	if last.Before(first) {
		return
	}
	r.DaysSick = daysBetween(first, last) + 1
	r.Week = daysBetween(r.ChainStart, last)/7 + 1
}

// setPay sets the pay % of the current week.
func (r *Record) setPay(p Policy) {
	if r.Week > 0 {
		r.PayPercent = p.PayPercentInWeek(r.Week)
	}
}

// contractEnd finds the contract's end and whether the worker goes to the ZW.
func (r *Record) contractEnd(in Input, versions []*contract.Contract) {
	first := domain.DateOf(r.Report.FirstDay)
	switch c := contract.InForce(versions, first); {
	case !r.FollowUp.ContractEndOn.IsZero():
		r.ContractEnd = domain.DateOf(r.FollowUp.ContractEndOn)
		if c != nil {
			r.Uitzendbeding = c.Uitzendbeding
		}
	case c != nil && c.Covers(first):
		r.ContractEnd, r.Uitzendbeding = c.End, c.Uitzendbeding
		// A later version of the same contract (an extension, an early end)
		// decides the end.
		for _, latest := range contract.Latest(versions) {
			if latest.Number == c.Number {
				r.ContractEnd = latest.End
			}
		}
	default:
		if p := in.Placements[r.Report.PlacementID]; p != nil && !p.End.IsZero() {
			r.ContractEnd = p.End
		} else if w := in.Workers[r.Report.WorkerID]; w != nil {
			r.ContractEnd, r.Uitzendbeding = w.EndDate, w.Uitzendbeding
		}
	}
	if r.ContractEnd.IsZero() {
		return
	}
	end := domain.DateOf(r.ContractEnd)
	if end.Before(first) {
		return
	}
	if rec := r.Report.RecoveredOn; rec.IsZero() || domain.DateOf(rec).After(end.AddDate(0, 0, 1)) {
		r.ZWRoute, r.ZWFrom = true, end.AddDate(0, 0, 1)
	}
}

// stillSickOn reports whether the spell lasts at least until d.
func (r *Record) stillSickOn(d time.Time) bool {
	return r.Report.RecoveredOn.IsZero() || domain.DateOf(r.Report.RecoveredOn).After(domain.DateOf(d))
}

func (r *Record) deadlines(dl domain.Deadlines, loc *time.Location) {
	rep := r.Report
	// The worker's own report: before the report time on the first sick day,
	// or the lead time before the shift.
	var due time.Time
	if !rep.ShiftStart.IsZero() {
		lead := dl.SickReportLeadHours
		if lead <= 0 {
			lead = 3
		}
		due = wall(rep.ShiftStart, loc).Add(-time.Duration(lead) * time.Hour)
	} else {
		h, m := clock(dl.SickReportTime)
		due = domain.DateOf(rep.FirstDay).Add(time.Duration(h)*time.Hour + time.Duration(m)*time.Minute)
	}
	add := func(code string, label Text, due, done time.Time, source string) {
		d := Deadline{Code: code, Label: label, Due: due, Done: done, Source: source}
		switch {
		case !done.IsZero() && done.After(due):
			d.Status = Late
		case !done.IsZero():
			d.Status = OnTime
		case r.AsOf.After(domain.DateOf(due)):
			d.Status = Overdue
		default:
			d.Status = Open
		}
		r.Deadlines = append(r.Deadlines, d)
	}
	add(DlReport, Text{"Ziekmelding door de uitzendkracht", "Sick report by the worker"}, due, wall(rep.ReportedAt, loc),
		"seed 001 §Ziekmeldingen (vóór 09:30; diensten 3 uur vooraf)")
	first := domain.DateOf(rep.FirstDay)
	day := func(n int) time.Time { return r.ChainStart.AddDate(0, 0, n-1) }
	if !r.Relapse {
		add(DlArbo, Text{"Ziekmelding aan de arbodienst (week 1)", "Report to the occupational health service (week 1)"}, first.AddDate(0, 0, 6),
			r.FollowUp.ArboReportedOn, "Wet verbetering poortwachter: melding arbodienst in week 1")
	}
	for _, s := range []struct {
		code  string
		label Text
		n     int
		done  time.Time
		src   string
	}{
		{DlAnalysis, Text{"Probleemanalyse (week 6)", "Problem analysis (week 6)"}, 42, r.FollowUp.ProblemAnalysisOn, "Wet verbetering poortwachter: probleemanalyse uiterlijk in week 6"},
		{DlPlan, Text{"Plan van aanpak (week 8)", "Plan of action (week 8)"}, 56, r.FollowUp.ActionPlanOn, "Wet verbetering poortwachter: plan van aanpak uiterlijk in week 8"},
		{DlUWV42, Text{"42e-weeksmelding aan UWV", "42nd-week report to UWV"}, 42 * 7, r.FollowUp.UWV42ReportedOn, "Wet verbetering poortwachter: melding aan UWV in week 42"},
	} {
		if d := day(s.n); !d.Before(first) && r.stillSickOn(d) {
			add(s.code, s.label, d, s.done, s.src)
		}
	}
	if r.ZWRoute {
		end := domain.DateOf(r.ContractEnd)
		add(DlZW, Text{"Ziekmelding bij UWV op de einddatum van het contract (Ziektewet)", "Sickness report to UWV on the contract's end date (Ziektewet)"},
			end, r.FollowUp.ZWReportedOn, "CAO per 1-7-2023 (NBBU/jenz.nl): melden op de einddatum, niet eerder dan 10 dagen ervoor")
		d := &r.Deadlines[len(r.Deadlines)-1]
		if done := r.FollowUp.ZWReportedOn; !done.IsZero() && domain.DateOf(done).Before(end.AddDate(0, 0, -10)) {
			d.Status = TooEarly
		}
	}
}

// Summary is a one-line Dutch description for lists and logs.
func (r *Record) Summary() string {
	s := fmt.Sprintf("ziek vanaf %s", r.Report.FirstDay.Format("02-01-2006"))
	if !r.Report.RecoveredOn.IsZero() {
		s += fmt.Sprintf(", hersteld %s", r.Report.RecoveredOn.Format("02-01-2006"))
	}
	if r.Week > 0 {
		s += fmt.Sprintf(", week %d", r.Week)
	}
	if r.ZWRoute {
		s += fmt.Sprintf(", Ziektewet vanaf %s", r.ZWFrom.Format("02-01-2006"))
	}
	return s
}

// Current returns the records of the workers sick on date on.
func Current(records []*Record, on time.Time) []*Record {
	var out []*Record
	for _, r := range records {
		if r.Report.SickOn(on) {
			out = append(out, r)
		}
	}
	return out
}

// wall gives the wall-clock time of t in loc as a UTC-form time, the way the
// checklist compares moments with deadlines.
func wall(t time.Time, loc *time.Location) time.Time {
	if t.IsZero() {
		return t
	}
	if loc == nil {
		loc = time.UTC
	}
	l := t.In(loc)
	return time.Date(l.Year(), l.Month(), l.Day(), l.Hour(), l.Minute(), l.Second(), 0, time.UTC)
}

// clock reads "09:30"; a malformed value gives 09:30.
func clock(s string) (int, int) {
	var h, m int
	if _, err := fmt.Sscanf(s, "%d:%d", &h, &m); err != nil || h < 0 || h > 23 || m < 0 || m > 59 {
		return 9, 30
	}
	return h, m
}
