// Package absence is the absence (verzuim) use case the GUI's Verzuim page
// shares with payroll: absence records built from the sick reports and what
// the backoffice recorded on them, the list of current absentees, the
// follow-up dates and notes, the ZIEK hour lines for a pay period, and the
// absence warnings for the weekly checklist.
//
// # Sick hours into payroll
//
// SickLines proposes, and AddSickLines stores, the ZIEK hour lines of a
// period (domain/absence.SickHours: the 13-week weekday average, the pay %
// of the sickness week from the CAO settings, nothing after the contract's
// end — the Ziektewet pays then — and nothing on a day that already has
// ZIEK, VAK or FEEST hours). They are ordinary hour lines (status imported,
// Source.File "ziekmelding"), so the checklist sees them, the proof shows
// them, approving approves them and the final run pays them; running it twice
// adds nothing. The payroll engine makes the first WaitingDays dates of a new
// spell unpaid from the sick reports it already receives
// (payroll.SickPay.Reports); payrun should pass the agency's number of waiting
// days (contract.Settings.WaitingDays) in Options.Sick, which today defaults
// to one.
package absence

import (
	"context"
	"fmt"
	"sort"
	"time"

	"verloner/app"
	"verloner/domain"
	abs "verloner/domain/absence"
	"verloner/domain/checks"
	"verloner/domain/contract"
)

// Options tune the use cases; the zero value is right for the GUI and CLI.
type Options struct {
	Now      func() time.Time // the date records are judged on; default time.Now
	Location *time.Location   // the agency's wall clock; default Europe/Amsterdam
}

func (o Options) asOf() time.Time {
	now := time.Now()
	if o.Now != nil {
		now = o.Now()
	}
	return domain.DateOf(now.In(o.loc()))
}

func (o Options) loc() *time.Location {
	if o.Location != nil {
		return o.Location
	}
	if l, err := time.LoadLocation("Europe/Amsterdam"); err == nil {
		return l
	}
	return time.UTC
}

var allTime = [2]time.Time{domain.Date(1900, 1, 1), domain.Date(9999, 12, 31)}

// data is everything records are built from.
type data struct {
	reports    []*domain.SickReport
	follow     map[int64]abs.FollowUp
	notes      map[int64][]abs.Note
	contracts  []*contract.Contract
	workers    map[int64]*domain.Worker
	placements map[int64]*domain.Placement
	deadlines  domain.Deadlines
	settings   contract.Settings
}

func load(ctx context.Context, st app.Store) (*data, error) {
	d := &data{notes: map[int64][]abs.Note{}, workers: map[int64]*domain.Worker{}, placements: map[int64]*domain.Placement{}}
	var err error
	if d.reports, err = st.SickReports(ctx, allTime[0], allTime[1]); err != nil {
		return nil, err
	}
	if d.follow, err = st.AbsenceFollowUps(ctx); err != nil {
		return nil, err
	}
	notes, err := st.AbsenceNotes(ctx, 0)
	if err != nil {
		return nil, err
	}
	for _, n := range notes {
		d.notes[n.ReportID] = append(d.notes[n.ReportID], n)
	}
	if d.contracts, err = st.Contracts(ctx, 0); err != nil {
		return nil, err
	}
	ws, err := st.Workers(ctx)
	if err != nil {
		return nil, err
	}
	for _, w := range ws {
		d.workers[w.ID] = w
	}
	ps, err := st.Placements(ctx)
	if err != nil {
		return nil, err
	}
	for _, p := range ps {
		d.placements[p.ID] = p
	}
	if a, err := st.Agency(ctx); err == nil {
		d.deadlines = a.Deadlines
	} else if domain.ErrorCode(err) != domain.ENOTFOUND {
		return nil, err
	}
	if d.settings, err = st.ContractSettings(ctx); err != nil {
		return nil, err
	}
	return d, nil
}

func (d *data) build(opt Options) []*abs.Record {
	return abs.Build(abs.Input{Reports: d.reports, FollowUps: d.follow, Notes: d.notes, Contracts: d.contracts, Workers: d.workers,
		Placements: d.placements, Deadlines: d.deadlines, Location: opt.loc(), Policy: abs.PolicyOf(d.settings), AsOf: opt.asOf()})
}

// Records returns every sick report as an absence record, judged today,
// newest first.
func Records(ctx context.Context, st app.Store, opt Options) ([]*abs.Record, error) {
	d, err := load(ctx, st)
	if err != nil {
		return nil, fmt.Errorf("verzuim: %w", err)
	}
	recs := d.build(opt)
	sort.SliceStable(recs, func(i, j int) bool { return recs[i].Report.FirstDay.After(recs[j].Report.FirstDay) })
	return recs, nil
}

// Current returns the records of the workers sick today (the absentee list),
// longest sick first.
func Current(ctx context.Context, st app.Store, opt Options) ([]*abs.Record, error) {
	recs, err := Records(ctx, st, opt)
	if err != nil {
		return nil, err
	}
	cur := abs.Current(recs, opt.asOf())
	sort.SliceStable(cur, func(i, j int) bool { return cur[i].Report.FirstDay.Before(cur[j].Report.FirstDay) })
	return cur, nil
}

// Record returns one sick report's absence record.
func Record(ctx context.Context, st app.Store, reportID int64, opt Options) (*abs.Record, error) {
	recs, err := Records(ctx, st, opt)
	if err != nil {
		return nil, err
	}
	for _, r := range recs {
		if r.Report.ID == reportID {
			return r, nil
		}
	}
	return nil, domain.Errorf(domain.ENOTFOUND, "Ziekmelding %d bestaat niet.", reportID)
}

// SaveFollowUp stores the follow-up dates of a sick report.
func SaveFollowUp(ctx context.Context, st app.Store, f *abs.FollowUp) error {
	return st.SaveAbsenceFollowUp(ctx, f)
}

// AddNote stores a re-integration note.
func AddNote(ctx context.Context, st app.Store, n *abs.Note) error { return st.AddAbsenceNote(ctx, n) }

// SickLines is the proposal (or the result) of the sick hours of a period.
type SickLines struct {
	Period domain.Period
	Lines  []*domain.HourLine // new lines; stored ones have an ID
	Notes  []abs.SickNote
}

// ProposeSickLines works out the ZIEK hour lines of a period without storing them.
func ProposeSickLines(ctx context.Context, st app.Store, p domain.Period) (*SickLines, error) {
	d, err := load(ctx, st)
	if err != nil {
		return nil, fmt.Errorf("ziekte-uren %s: %w", p, err)
	}
	out := &SickLines{Period: p}
	policy := abs.PolicyOf(d.settings)
	// The records of the reports touching the period; their chains give the
	// earliest reference week needed.
	recs := abs.Build(abs.Input{Reports: d.reports, FollowUps: d.follow, Contracts: d.contracts, Workers: d.workers,
		Placements: d.placements, Policy: policy, AsOf: p.End()})
	workers := map[int64]bool{}
	from := p.Start()
	for _, r := range recs {
		rep := r.Report
		if rep.FirstDay.After(p.End()) || (!rep.RecoveredOn.IsZero() && !domain.DateOf(rep.RecoveredOn).After(p.Start())) {
			continue
		}
		workers[rep.WorkerID] = true
		if f := r.ChainFirst.AddDate(0, 0, -7*(abs.ReferenceWeeks+1)); f.Before(from) {
			from = f
		}
	}
	if len(workers) == 0 {
		return out, nil
	}
	lines, err := st.HourLines(ctx, from, p.End())
	if err != nil {
		return nil, fmt.Errorf("ziekte-uren %s: %w", p, err)
	}
	ids := make([]int64, 0, len(workers))
	for id := range workers {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	for _, id := range ids {
		in := abs.SickHoursInput{Period: p, Worker: d.workers[id], FollowUps: d.follow, Placements: map[int64]*domain.Placement{}, Policy: policy}
		if in.Worker == nil {
			continue
		}
		for _, r := range d.reports {
			if r.WorkerID == id {
				in.Reports = append(in.Reports, r)
			}
		}
		for _, pl := range d.placements {
			if pl.WorkerID == id {
				in.Placements[pl.ID] = pl
			}
		}
		for _, l := range lines {
			if in.Placements[l.PlacementID] != nil {
				in.Lines = append(in.Lines, l)
			}
		}
		for _, c := range d.contracts {
			if c.WorkerID == id {
				in.Contracts = append(in.Contracts, c)
			}
		}
		ls, notes := abs.SickHours(in)
		out.Lines = append(out.Lines, ls...)
		out.Notes = append(out.Notes, notes...)
	}
	return out, nil
}

// AddSickLines stores the proposed ZIEK lines of a period in one
// transaction. A second call adds nothing: days with ZIEK hours are skipped.
func AddSickLines(ctx context.Context, st app.Store, p domain.Period) (*SickLines, error) {
	out, err := ProposeSickLines(ctx, st, p)
	if err != nil {
		return nil, err
	}
	if len(out.Lines) == 0 {
		return out, nil
	}
	if err := st.AddHourLines(ctx, out.Lines); err != nil {
		return nil, fmt.Errorf("ziekte-uren %s opslaan: %w", p, err)
	}
	return out, nil
}

// RuleDeadline is the checklist rule of a missed absence deadline.
const RuleDeadline = "ABS-DEADLINE"

// Rule describes RuleDeadline for screens that list rules.
var Rule = checks.Rule{ID: RuleDeadline, Group: "verzuim", Severity: checks.Warning, Gates: []checks.Gate{checks.GatePayroll},
	Title: checks.Text{NL: "Verzuimtermijn verstreken", EN: "Absence deadline passed"},
	Hint: checks.Text{NL: "Doe de melding of leg de datum vast op de pagina Verzuim; UWV kan een boete of loonsanctie opleggen.",
		EN: "Make the report or record its date on the Absence page; UWV may impose a fine or a wage sanction."},
	Source: "Wet verbetering poortwachter; CAO per 1-7-2023 (ZW-melding op de einddatum)"}

// Findings returns a warning per deadline of the agency (arbodienst,
// problem analysis, plan of action, 42nd-week report, UWV report at the
// contract's end) that has passed without a recorded date, for the
// records of workers sick in the period. The worker's own late report is the
// checklist's DL-SICK already and is not repeated.
func Findings(ctx context.Context, st app.Store, p domain.Period, opt Options) ([]checks.Finding, error) {
	recs, err := Records(ctx, st, opt)
	if err != nil {
		return nil, err
	}
	var out []checks.Finding
	for _, r := range recs {
		rep := r.Report
		if rep.FirstDay.After(p.End()) || (!rep.RecoveredOn.IsZero() && !domain.DateOf(rep.RecoveredOn).After(p.Start())) {
			continue
		}
		for _, dl := range r.Deadlines {
			if dl.Code == abs.DlReport || (dl.Status != abs.Overdue && dl.Status != abs.TooEarly) {
				continue
			}
			nl, en := "nog niet gedaan", "not done yet"
			if dl.Status == abs.TooEarly {
				nl, en = "te vroeg gedaan ("+dl.Done.Format("02-01-2006")+"); UWV neemt een melding van meer dan 10 dagen vooraf niet in behandeling",
					"done too early ("+dl.Done.Format("02-01-2006")+"); UWV does not accept a report more than 10 days ahead"
			}
			out = append(out, checks.Finding{Rule: RuleDeadline, Severity: checks.Warning, Gates: Rule.Gates, WorkerID: rep.WorkerID,
				PlacementID: rep.PlacementID, Date: dl.Due, Ref: fmt.Sprintf("ziekmelding %d %s", rep.ID, dl.Code), Hint: Rule.Hint,
				Message: checks.Text{
					NL: fmt.Sprintf("%s: uiterlijk %s, %s (ziek sinds %s).", dl.Label.NL, dl.Due.Format("02-01-2006"), nl, rep.FirstDay.Format("02-01-2006")),
					EN: fmt.Sprintf("%s: due %s, %s (sick since %s).", dl.Label.EN, dl.Due.Format("02-01-2006"), en, rep.FirstDay.Format("02-01-2006"))}})
		}
	}
	return out, nil
}
