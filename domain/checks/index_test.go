package checks_test

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"verloner/domain"
	"verloner/domain/checks"
)

// The evaluator indexes placements, hour lines, history, sick reports and
// proofs per worker and per hirer once, instead of scanning everyone's for
// every worker. These tests pin what the index must keep: a worker with
// several placements at several hirers, placements that end (with and
// without hours in the period), the fase-A count over history that crosses
// New Year, and records of one worker never counting for another.

var w2026w02 = domain.Period{Kind: domain.Weekly, Year: 2026, Number: 2} // Mon 5-1 to Sun 11-1-2026

// crowd builds three workers with seven placements at two hirers, checked in
// 2026-W02:
//
//   - 1001 (fase A since Mon 6-10-2025) works on PL01 at INL01, which ends
//     15-1-2026, and on PL02 at INL02 (open-ended). Its history has a line in
//     every week from 6-10-2025 up to and including week 2026-W01 (Mon
//     29-12-2025), on one placement or the other and twice in some weeks:
//     13 weeks, plus the period: 14.
//   - 1002 (fase A since 2-6-2025) works on PL03 at INL01 (ends 30-1-2026:
//     outside the 14-day window); PL04 at INL01 ends 9-1-2026 but has no hours
//     in the period. Its history starts 1-12-2025, after its start date, so
//     its count is estimated from the start: week 23 of 2025 to week 2 of
//     2026 is 32 weeks.
//   - 1003 (fase B) works on PL05 at INL02 (fase B since 1-3-2023, ends
//     20-1-2026) and has a second fase-B placement PL06 without hours; its
//     own contract ends 16-1-2026. PL07 is a placement of 1003 at INL01 that
//     ended in 2025, with old history only.
//
// Both hirers demand proof of hours: INL01 has one for all its placements,
// but for the previous week; INL02 has one for PL02 only.
func crowd() checks.Input {
	old := domain.Timestamps{CreatedAt: domain.Date(2025, 1, 2), UpdatedAt: domain.Date(2025, 1, 2)}
	worker := func(id int64, start time.Time, phase domain.Phase) *domain.Worker {
		return &domain.Worker{ID: id, Number: fmt.Sprint(1000 + id), FirstName: "W", LastName: fmt.Sprint(id), BirthDate: domain.Date(1990, 1, 1),
			BSN: "210000004", IBAN: "NL02INGB0100000000", Identity: domain.IDDocument{Type: "paspoort", Number: "X", Expiry: domain.Date(2030, 1, 1)},
			TaxCreditSignedOn: start, ContractSignedOn: start, DeductionAuthSigned: start, StartDate: start, Phase: phase,
			ContractType: "uitzendovereenkomst", Timestamps: old}
	}
	w1 := worker(1, domain.Date(2025, 10, 6), domain.PhaseA)
	w2 := worker(2, domain.Date(2025, 6, 2), domain.PhaseA)
	w3 := worker(3, domain.Date(2023, 3, 1), domain.PhaseB)
	w3.EndDate = domain.Date(2026, 1, 16)
	// Same BSN and IBAN for all three would add duplicate findings; give each its own.
	w2.BSN, w2.IBAN = "211234576", "NL49RABO0100007919"
	w3.BSN, w3.IBAN = "", ""
	hirer := func(id int64, n string) *domain.Hirer {
		return &domain.Hirer{ID: id, Number: n, Name: n + " B.V.", CreditCheckedOn: domain.Date(2025, 11, 1), CreditLimit: dec("1000000"),
			ProofOfHours: true, Remuneration: domain.RemunerationRecord{Basis: domain.Inlenersbeloning, CAO: "X", SignedOn: domain.Date(2025, 1, 1)},
			Timestamps: old}
	}
	h1, h2 := hirer(10, "INL01"), hirer(11, "INL02")
	placement := func(id int64, w *domain.Worker, h *domain.Hirer, start, end time.Time, phase domain.Phase) *domain.Placement {
		return &domain.Placement{ID: id, Number: fmt.Sprintf("PL%02d", id-100), WorkerID: w.ID, HirerID: h.ID, Function: "F", Start: start, End: end,
			HourlyWage: dec("16"), BillingRate: dec("28"), Phase: phase,
			Rates: []domain.HourTypeRate{{Type: domain.HourNormal, PayPercent: domain.Hundred, BillPercent: domain.Hundred}}, Timestamps: old}
	}
	p1 := placement(101, w1, h1, w1.StartDate, domain.Date(2026, 1, 15), domain.PhaseA)
	p2 := placement(102, w1, h2, domain.Date(2025, 12, 1), time.Time{}, domain.PhaseA)
	p3 := placement(103, w2, h1, w2.StartDate, domain.Date(2026, 1, 30), domain.PhaseA)
	p4 := placement(104, w2, h1, w2.StartDate, domain.Date(2026, 1, 9), domain.PhaseA)
	p5 := placement(105, w3, h2, domain.Date(2023, 3, 1), domain.Date(2026, 1, 20), domain.PhaseB)
	p6 := placement(106, w3, h2, domain.Date(2024, 5, 1), time.Time{}, domain.PhaseB)
	p7 := placement(107, w3, h1, domain.Date(2024, 1, 1), domain.Date(2025, 3, 31), domain.PhaseB)
	in := checks.Input{Period: w2026w02, Agency: &domain.Agency{Name: "Test", Deadlines: domain.DefaultDeadlines()},
		Settings: checks.Settings{PhaseWarnWeeks: 60}, // always report fase A, to read the count
		Workers:  []*domain.Worker{w3, w1, w2}, Hirers: []*domain.Hirer{h2, h1},
		Placements: []*domain.Placement{p7, p3, p1, p6, p5, p2, p4}, Packs: packs, Now: domain.Date(2026, 1, 12), By: "tester",
		HourProofs: []checks.HourProof{{HirerID: 10, Period: w2026w02.Prev(), Kind: "urenstaat"}, {HirerID: 11, PlacementID: 102, Period: w2026w02, Kind: "portaal"}}}
	id := int64(0)
	line := func(p *domain.Placement, day time.Time) *domain.HourLine {
		id++
		return &domain.HourLine{ID: id, PlacementID: p.ID, Date: day, Type: domain.HourNormal, Quantity: dec("8"), Status: domain.HoursImported,
			Timestamps: domain.Timestamps{CreatedAt: domain.Date(2026, 1, 12)}}
	}
	mon := w2026w02.Start()
	// The period: interleaved, as an hour sheet lists them.
	for day := 0; day < 3; day++ {
		for _, p := range []*domain.Placement{p5, p1, p3, p2} {
			in.Hours = append(in.Hours, line(p, mon.AddDate(0, 0, day)))
		}
	}
	// History of 1001: 13 weeks from 6-10-2025 to 2026-W01, alternating PL01
	// and PL02 (from December); in W01 both, on Wednesday 31-12-2025 and on
	// Sunday 4-1-2026: one week across New Year.
	for wk := w1.StartDate; wk.Before(mon.AddDate(0, 0, -7)); wk = wk.AddDate(0, 0, 7) {
		p := p1
		if !wk.Before(p2.Start) && wk.Day()%2 == 0 {
			p = p2
		}
		in.History = append(in.History, line(p, wk.AddDate(0, 0, 1)))
	}
	in.History = append(in.History, line(p1, domain.Date(2025, 12, 31)), line(p2, domain.Date(2026, 1, 4)))
	// History of 1002: from 1-12-2025, after its start date.
	for wk := domain.Date(2025, 12, 1); wk.Before(mon); wk = wk.AddDate(0, 0, 7) {
		in.History = append(in.History, line(p3, wk.AddDate(0, 0, 2)))
	}
	// History of 1003 on its ended placement, in 2024: long before the period.
	in.History = append(in.History, line(p7, domain.Date(2024, 6, 3)))
	// Interleave the history of the workers.
	for i, j := 0, len(in.History)-1; i < j; i, j = i+1, j-1 {
		if i%3 == 0 {
			in.History[i], in.History[j] = in.History[j], in.History[i]
		}
	}
	return in
}

func summary(fs []checks.Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, fmt.Sprintf("w%d/%s: %s", f.WorkerID, f.Placement, f.Message.NL))
	}
	return out
}

func TestIndex_SeveralPlacementsAndWorkers(t *testing.T) {
	cl := checks.Run(crowd())

	// PH-END: PL01 (15-1) and PL05 (20-1) end in the window and have hours;
	// 1003's own contract ends 16-1. Not PL03 (30-1, outside the window), not
	// PL04 (9-1, but no hours in the period), not PL07 (ended in 2025).
	want := []string{
		"w1/PL01: Plaatsing PL01 (F) eindigt op 15-01-2026.",
		"w3/: Contract (uitzendovereenkomst) eindigt op 16-01-2026.",
		"w3/PL05: Plaatsing PL05 (F) eindigt op 20-01-2026.",
	}
	if got := summary(findings(cl, checks.PhaseEnd)); !reflect.DeepEqual(got, want) {
		t.Errorf("PH-END:\n got %q\nwant %q", got, want)
	}

	// PH-A: 1001 counted from the hours of both its placements, 1002
	// estimated from its start date; 1003 is in fase B.
	got := summary(findings(cl, checks.PhaseA))
	if len(got) != 2 || !strings.HasPrefix(got[0], "w1/: 14 van 52 gewerkte weken in fase A (geteld uit de uren)") ||
		!strings.HasPrefix(got[1], "w2/: 32 van 52 gewerkte weken in fase A (geschat vanaf de startdatum 02-06-2025)") {
		t.Errorf("PH-A: %q", got)
	}

	// PH-B: 1003 since 1-3-2023 (its earliest fase-B placement, PL05).
	if got := summary(findings(cl, checks.PhaseB)); len(got) != 1 || !strings.Contains(got[0], "w3/: Fase B loopt sinds 01-03-2023") {
		t.Errorf("PH-B: %q", got)
	}

	// HIR-PROOF: INL01's proof is for the previous week, so PL01 and PL03 lack
	// one; INL02's covers PL02 only, so PL05 lacks one.
	want = []string{"w1/PL01", "w2/PL03", "w3/PL05"}
	var proofs []string
	for _, f := range findings(cl, checks.HirProof) {
		proofs = append(proofs, fmt.Sprintf("w%d/%s", f.WorkerID, f.Placement))
	}
	if !reflect.DeepEqual(proofs, want) {
		t.Errorf("HIR-PROOF for %q, want %q", proofs, want)
	}

	// Each worker is grouped under the hirer it worked most for: 1001 worked
	// 24 hours at each, so the lower number wins.
	for _, w := range cl.Workers {
		if want := map[int64]int64{1: 10, 2: 10, 3: 11}[w.ID]; w.HirerID != want {
			t.Errorf("worker %s grouped under hirer %d, want %d", w.Number, w.HirerID, want)
		}
	}
}

// TestIndex_WorkerFindingsIndependentOfOthers runs the checklist for every
// worker of the crowd alone (its own placements, hours, history and sick
// reports) and requires the worker's findings to be the same as in the run
// for everyone: an index that mixed up workers would differ.
func TestIndex_WorkerFindingsIndependentOfOthers(t *testing.T) {
	all := crowd()
	all.SickReports = []*domain.SickReport{
		{ID: 1, WorkerID: 2, FirstDay: domain.Date(2026, 1, 6), ReportedAt: domain.Date(2026, 1, 6).Add(7 * time.Hour), RecoveredOn: domain.Date(2026, 1, 8)},
		{ID: 2, WorkerID: 1, FirstDay: domain.Date(2026, 1, 7), ReportedAt: domain.Date(2026, 1, 7).Add(11 * time.Hour)},
	}
	full := checks.Run(all)
	perWorker := map[string]bool{checks.PhaseA: true, checks.PhaseB: true, checks.PhaseEnd: true, checks.HrsSick: true,
		checks.HrsSickDay1: true, checks.DlSick: true, checks.HirProof: true, checks.DosBSN: true, checks.PayMinWage: true}
	of := func(cl *checks.Checklist, id int64) []string {
		var out []string
		for _, f := range cl.Findings {
			if f.WorkerID == id && perWorker[f.Rule] {
				out = append(out, f.Key()+" "+f.Message.NL)
			}
		}
		return out
	}
	seen := 0
	for _, w := range all.Workers {
		alone := all
		alone.Workers, alone.Placements, alone.Hours, alone.History, alone.SickReports = []*domain.Worker{w}, nil, nil, nil, nil
		mine := map[int64]bool{}
		for _, p := range all.Placements {
			if p.WorkerID == w.ID {
				alone.Placements = append(alone.Placements, p)
				mine[p.ID] = true
			}
		}
		for _, l := range all.Hours {
			if mine[l.PlacementID] {
				alone.Hours = append(alone.Hours, l)
			}
		}
		for _, l := range all.History {
			if mine[l.PlacementID] {
				alone.History = append(alone.History, l)
			}
		}
		for _, r := range all.SickReports {
			if r.WorkerID == w.ID {
				alone.SickReports = append(alone.SickReports, r)
			}
		}
		got, want := of(full, w.ID), of(checks.Run(alone), w.ID)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("worker %s: with the others\n %q\nalone\n %q", w.Number, got, want)
		}
		seen += len(got)
	}
	if seen < 10 {
		t.Fatalf("only %d per-worker findings: the fixture no longer tests much", seen)
	}
	for _, rule := range []string{checks.HrsSick, checks.DlSick} {
		if len(findings(full, rule)) == 0 {
			t.Errorf("no %s in the fixture", rule)
		}
	}
}

// TestBlockersByWorker_SameAsBlockersFor: the index a payroll run uses gives
// every worker the blockers BlockersFor gives, in the same order, also for
// hirer-level findings that list workers (twice, or with the finding's own
// worker among them).
func TestBlockersByWorker_SameAsBlockersFor(t *testing.T) {
	cl := checks.Run(crowd())
	cl.Findings = append(cl.Findings,
		checks.Finding{Rule: checks.HirRecord, Severity: checks.Blocker, Gates: []checks.Gate{checks.GatePayroll}, HirerID: 10, Workers: []int64{2, 1, 2}},
		checks.Finding{Rule: checks.HirRecord, Severity: checks.Blocker, Gates: []checks.Gate{checks.GatePayroll}, WorkerID: 3, Workers: []int64{3, 0, 1}},
		checks.Finding{Rule: checks.DosBSN, Severity: checks.Blocker, Gates: []checks.Gate{checks.GatePayroll}, WorkerID: 1, Confirmed: true},
		checks.Finding{Rule: checks.DosID, Severity: checks.Blocker, Gates: []checks.Gate{checks.GatePayment}, WorkerID: 2})
	for _, g := range checks.Gates {
		idx := cl.BlockersByWorker(g)
		for id := int64(0); id <= 4; id++ {
			if got, want := idx[id], cl.BlockersFor(id, g); !reflect.DeepEqual(got, want) {
				t.Errorf("gate %s, worker %d: index %v, BlockersFor %v", g, id, summary(got), summary(want))
			}
		}
	}
	if n := len(cl.BlockersByWorker(checks.GatePayroll)[1]); n < 2 {
		t.Errorf("worker 1 has %d payroll blockers in the index, want the two hirer-level ones at least", n)
	}
	var none *checks.Checklist
	if got := none.BlockersByWorker(checks.GatePayroll); len(got) != 0 {
		t.Errorf("nil checklist: %v", got)
	}
}

// A worker with as many hours at a known hirer as on a placement whose hirer
// is missing from the input is grouped under the known hirer, every time: the
// tie used to be broken by the order the hours were gathered in (a map).
func TestIndex_PrimaryHirerTieIsDeterministic(t *testing.T) {
	for i := 0; i < 30; i++ {
		in := crowd()
		var p1 *domain.Placement
		for _, p := range in.Placements {
			if p.Number == "PL01" {
				p1 = p
			}
		}
		ghost := *p1
		ghost.ID, ghost.Number, ghost.HirerID = 199, "PL99", 99 // hirer 99 is not in the input
		in.Placements = append(in.Placements, &ghost)
		// crowd gives 1001 24 hours on PL01 (INL01) and 24 on PL02 (INL02);
		// 8 more on PL01 and 32 on the ghost make a tie at 32.
		mon := w2026w02.Start()
		for d, p := range []*domain.Placement{&ghost, &ghost, &ghost, &ghost, p1} {
			in.Hours = append(in.Hours, &domain.HourLine{ID: int64(900 + d), PlacementID: p.ID, Date: mon.AddDate(0, 0, d%4), Type: domain.HourNormal,
				Quantity: dec("8"), Status: domain.HoursImported, Timestamps: domain.Timestamps{CreatedAt: mon}})
		}
		cl, err := checks.Evaluate(context.Background(), in, nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range cl.Workers {
			if w.ID == 1 && w.HirerID != 10 {
				t.Fatalf("run %d: worker 1001 grouped under hirer %d, want 10 (INL01)", i, w.HirerID)
			}
		}
	}
}
