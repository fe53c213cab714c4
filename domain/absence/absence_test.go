package absence_test

import (
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"verloner/domain"
	"verloner/domain/absence"
	"verloner/domain/contract"
)

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

var policy = absence.PolicyOf(contract.DefaultSettings())

func at(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, time.UTC)
}

func deadline(r *absence.Record, code string) *absence.Deadline {
	for i := range r.Deadlines {
		if r.Deadlines[i].Code == code {
			return &r.Deadlines[i]
		}
	}
	return nil
}

func TestBuild(t *testing.T) {
	w := &domain.Worker{ID: 1, StartDate: domain.Date(2026, 1, 5), Uitzendbeding: true}
	c := &contract.Contract{ID: 5, WorkerID: 1, Number: 1, Version: 1, Start: domain.Date(2026, 1, 5), EffectiveFrom: domain.Date(2026, 1, 5),
		End: domain.Date(2026, 11, 30), Uitzendbeding: true, Phase: domain.PhaseA}
	reports := []*domain.SickReport{
		// Reported at 09:10: on time. Recovered after 10 days.
		{ID: 1, WorkerID: 1, FirstDay: domain.Date(2026, 3, 2), ReportedAt: at(2026, 3, 2, 9, 10), RecoveredOn: domain.Date(2026, 3, 12)},
		// Relapse 20 days later: no waiting day, weeks count on.
		{ID: 2, WorkerID: 1, FirstDay: domain.Date(2026, 4, 1), ReportedAt: at(2026, 4, 1, 10, 0), RecoveredOn: domain.Date(2026, 4, 3)},
		// Shift at 14:00, reported 11:30: late (three hours before is 11:00). Long sickness into the ZW.
		{ID: 3, WorkerID: 1, FirstDay: domain.Date(2026, 9, 7), ReportedAt: at(2026, 9, 7, 11, 30), ShiftStart: at(2026, 9, 7, 14, 0)},
	}
	follow := map[int64]absence.FollowUp{
		1: {ArboReportedOn: domain.Date(2026, 3, 5)},
		3: {ArboReportedOn: domain.Date(2026, 9, 20), ProblemAnalysisOn: domain.Date(2026, 10, 15), ZWReportedOn: domain.Date(2026, 11, 16)},
	}
	recs := absence.Build(absence.Input{Reports: reports, FollowUps: follow, Contracts: []*contract.Contract{c},
		Workers: map[int64]*domain.Worker{1: w}, Policy: policy, AsOf: domain.Date(2026, 12, 10)})
	if len(recs) != 3 {
		t.Fatalf("%d records", len(recs))
	}
	r1, r2, r3 := recs[0], recs[1], recs[2]
	if r1.WaitingDays != 1 || r1.Relapse || r1.DaysSick != 10 || r1.Week != 2 || r1.Sick || r1.ZWRoute {
		t.Errorf("r1 %+v", r1)
	}
	if d := deadline(r1, absence.DlReport); d == nil || d.Status != absence.OnTime || !d.Due.Equal(at(2026, 3, 2, 9, 30)) {
		t.Errorf("r1 report deadline %+v", d)
	}
	if d := deadline(r1, absence.DlArbo); d == nil || d.Status != absence.OnTime {
		t.Errorf("r1 arbo %+v", d)
	}
	if deadline(r1, absence.DlAnalysis) != nil {
		t.Error("problem analysis asked for a 10-day sickness")
	}
	// 10 earlier days + 2 now: chain day 12 → week 2; no waiting day; reported at 10:00 → late.
	if !r2.Relapse || r2.RelapseOf != 1 || r2.WaitingDays != 0 || r2.Week != 2 || !r2.ChainFirst.Equal(domain.Date(2026, 3, 2)) ||
		!r2.ChainStart.Equal(domain.Date(2026, 3, 22)) {
		t.Errorf("r2 %+v", r2)
	}
	if d := deadline(r2, absence.DlReport); d.Status != absence.Late || deadline(r2, absence.DlArbo) != nil {
		t.Errorf("r2 deadlines %+v", r2.Deadlines)
	}
	if !r3.Sick || r3.WaitingDays != 1 || !r3.ZWRoute || !r3.ZWFrom.Equal(domain.Date(2026, 12, 1)) || !r3.ContractEnd.Equal(c.End) {
		t.Errorf("r3 %+v", r3)
	}
	for code, want := range map[string]absence.Status{absence.DlReport: absence.Late, absence.DlArbo: absence.Late,
		absence.DlAnalysis: absence.OnTime, absence.DlPlan: absence.Overdue, absence.DlZW: absence.TooEarly} {
		if d := deadline(r3, code); d == nil || d.Status != want {
			t.Errorf("r3 %s = %+v, want %s", code, d, want)
		}
	}
	// Still sick: the 42nd-week report is ahead (chain day 42 × 7 = 28-6-2027).
	if d := deadline(r3, absence.DlUWV42); d == nil || d.Status != absence.Open || !d.Due.Equal(domain.Date(2027, 6, 27)) {
		t.Errorf("42nd-week report %+v", d)
	}
	if d := deadline(r3, absence.DlReport); !d.Due.Equal(at(2026, 9, 7, 11, 0)) {
		t.Errorf("shift deadline %s", d.Due)
	}
	if !r3.Late() || r1.Late() {
		t.Error("Late()")
	}
	if got := absence.Current(recs, domain.Date(2026, 12, 10)); len(got) != 1 || got[0] != r3 {
		t.Errorf("current %v", got)
	}
	// An override of the contract end (the hirer ended it during sickness,
	// an agency not bound by the CAO) moves the ZW route.
	follow[3] = absence.FollowUp{ContractEndOn: domain.Date(2026, 10, 2), ZWReportedOn: domain.Date(2026, 10, 2)}
	recs = absence.Build(absence.Input{Reports: reports, FollowUps: follow, Contracts: []*contract.Contract{c}, Policy: policy, AsOf: domain.Date(2026, 12, 10)})
	if r := recs[2]; !r.ZWFrom.Equal(domain.Date(2026, 10, 3)) || deadline(r, absence.DlZW).Status != absence.OnTime {
		t.Errorf("override %+v", r)
	}
	// Recovered on the day after the end: no ZW.
	reports[2].RecoveredOn = domain.Date(2026, 12, 1)
	recs = absence.Build(absence.Input{Reports: reports, Contracts: []*contract.Contract{c}, Policy: policy, AsOf: domain.Date(2026, 12, 10)})
	if recs[2].ZWRoute {
		t.Error("ZW route although recovered when the contract ended")
	}
}

func TestPayPercentInWeek(t *testing.T) {
	for w, want := range map[int]string{1: "90", 52: "90", 53: "80", 104: "80", 105: "0"} {
		if got := policy.PayPercentInWeek(w); !got.Equal(dec(want)) {
			t.Errorf("week %d: %s", w, got)
		}
	}
}

// history is 13 weeks of Mon–Thu 8 h NORM plus 2 h overtime on Thursday
// before the week of 2026-11-16, on placement 3.
func history(from time.Time) []*domain.HourLine {
	var out []*domain.HourLine
	for wk := 0; wk < 13; wk++ {
		mon := from.AddDate(0, 0, 7*wk)
		for d := 0; d < 4; d++ {
			out = append(out, &domain.HourLine{PlacementID: 3, Date: mon.AddDate(0, 0, d), Type: domain.HourNormal, Quantity: dec("8")})
		}
		out = append(out, &domain.HourLine{PlacementID: 3, Date: mon.AddDate(0, 0, 3), Type: domain.HourOvertime125, Quantity: dec("2")})
	}
	return out
}

func TestSickHours(t *testing.T) {
	w47 := domain.Period{Kind: domain.Weekly, Year: 2026, Number: 47} // 16–22 Nov
	w := &domain.Worker{ID: 1, StartDate: domain.Date(2025, 1, 6)}
	p3 := &domain.Placement{ID: 3, WorkerID: 1, Start: domain.Date(2025, 1, 6)}
	ref := history(domain.Date(2026, 8, 17)) // weeks 34–46
	type line struct {
		day   int
		hours string
		pct   string
	}
	tests := []struct {
		name    string
		report  domain.SickReport
		extra   []*domain.HourLine
		worker  *domain.Worker
		lines   []*domain.HourLine
		ctr     []*contract.Contract
		want    []line
		noteHas string
	}{
		{name: "whole week: Mon–Thu 8 h, no overtime, nothing on Friday",
			report: domain.SickReport{FirstDay: domain.Date(2026, 11, 16)},
			want:   []line{{16, "8", "90"}, {17, "8", "90"}, {18, "8", "90"}, {19, "8", "90"}}},
		{name: "went home sick on Tuesday after 3 h; recovered Thursday",
			report: domain.SickReport{FirstDay: domain.Date(2026, 11, 17), RecoveredOn: domain.Date(2026, 11, 19)},
			extra:  []*domain.HourLine{{PlacementID: 3, Date: domain.Date(2026, 11, 17), Type: domain.HourNormal, Quantity: dec("3")}},
			want:   []line{{17, "5", "90"}, {18, "8", "90"}}},
		{name: "ZIEK line from the hirer's file already on Monday",
			report: domain.SickReport{FirstDay: domain.Date(2026, 11, 16), RecoveredOn: domain.Date(2026, 11, 18)},
			extra:  []*domain.HourLine{{PlacementID: 3, Date: domain.Date(2026, 11, 16), Type: domain.HourSick, Quantity: dec("8")}},
			want:   []line{{17, "8", "90"}}},
		{name: "contract ends Wednesday: Ziektewet from Thursday",
			report: domain.SickReport{FirstDay: domain.Date(2026, 11, 16)},
			ctr: []*contract.Contract{{ID: 9, WorkerID: 1, Number: 1, Version: 1, Start: domain.Date(2025, 1, 6), EffectiveFrom: domain.Date(2025, 1, 6),
				End: domain.Date(2026, 11, 18), Uitzendbeding: true}},
			want: []line{{16, "8", "90"}, {17, "8", "90"}, {18, "8", "90"}}, noteHas: "Ziektewet via UWV"},
		{name: "week 53 of sickness: 80 %",
			report: domain.SickReport{FirstDay: domain.Date(2025, 11, 17)},
			lines:  history(domain.Date(2025, 8, 18)),
			want:   []line{{16, "8", "80"}, {17, "8", "80"}, {18, "8", "80"}, {19, "8", "80"}}},
		{name: "started 4 weeks ago: average over 4 weeks",
			report: domain.SickReport{FirstDay: domain.Date(2026, 11, 16)},
			worker: &domain.Worker{ID: 1, StartDate: domain.Date(2026, 10, 19)},
			lines:  history(domain.Date(2026, 8, 17))[5*9:],
			want:   []line{{16, "8", "90"}, {17, "8", "90"}, {18, "8", "90"}, {19, "8", "90"}}, noteHas: "over 4 week"},
		{name: "no hours before: nothing, with a note",
			report: domain.SickReport{FirstDay: domain.Date(2026, 11, 16)}, lines: []*domain.HourLine{},
			noteHas: "Geen uren in de 13 weken"},
		{name: "recovered before the period",
			report: domain.SickReport{FirstDay: domain.Date(2026, 11, 2), RecoveredOn: domain.Date(2026, 11, 16)}},
	}
	for _, tt := range tests {
		rep := tt.report
		rep.ID, rep.WorkerID, rep.ReportedAt = 11, 1, rep.FirstDay
		lines := tt.lines
		if lines == nil {
			lines = ref
		}
		lines = append(append([]*domain.HourLine(nil), lines...), tt.extra...)
		wk := tt.worker
		if wk == nil {
			wk = w
		}
		got, notes := absence.SickHours(absence.SickHoursInput{Period: w47, Worker: wk, Reports: []*domain.SickReport{&rep},
			Placements: map[int64]*domain.Placement{3: p3}, Lines: lines, Contracts: tt.ctr, Policy: policy})
		var have []line
		for _, l := range got {
			if l.Type != domain.HourSick || l.PlacementID != 3 || l.Source.File != absence.SickSourceFile || l.Source.Row != 11 || !l.BillPercent.IsZero() {
				t.Errorf("%s: line %+v", tt.name, l)
			}
			have = append(have, line{l.Date.Day(), l.Quantity.String(), l.PayPercent.String()})
		}
		if len(have) != len(tt.want) {
			t.Errorf("%s: lines %v, want %v", tt.name, have, tt.want)
		} else {
			for i := range have {
				if have[i] != tt.want[i] {
					t.Errorf("%s: line %d = %v, want %v", tt.name, i, have[i], tt.want[i])
				}
			}
		}
		var all []string
		for _, n := range notes {
			all = append(all, n.Text.NL)
			if n.Text.EN == "" {
				t.Errorf("%s: note without English: %q", tt.name, n.Text.NL)
			}
		}
		if tt.noteHas != "" && !strings.Contains(strings.Join(all, "|"), tt.noteHas) {
			t.Errorf("%s: notes %v, want %q", tt.name, all, tt.noteHas)
		}
	}
}

func TestNoteValidate(t *testing.T) {
	for _, tt := range []struct {
		n  absence.Note
		ok bool
	}{
		{absence.Note{ReportID: 1, On: domain.Date(2026, 1, 1), Text: "gebeld"}, true},
		{absence.Note{On: domain.Date(2026, 1, 1), Text: "x"}, false},
		{absence.Note{ReportID: 1, Text: "x"}, false},
		{absence.Note{ReportID: 1, On: domain.Date(2026, 1, 1)}, false},
		{absence.Note{ReportID: 1, On: domain.Date(2026, 1, 1), Text: strings.Repeat("x", 4001)}, false},
	} {
		if err := tt.n.Validate(); (err == nil) != tt.ok {
			t.Errorf("%+v: %v", tt.n, err)
		}
	}
}
