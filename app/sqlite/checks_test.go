package sqlite_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"verloner/app/sqlite"
	"verloner/domain"
	"verloner/domain/checks"
)

// checkFixture stores one worker, one hirer and one placement.
func checkFixture(t *testing.T) (*sqlite.DB, *domain.Worker, *domain.Hirer, *domain.Placement) {
	t.Helper()
	ctx := context.Background()
	db := MustOpenDB(t)
	w := &domain.Worker{Number: "1001", LastName: "Vries", BSN: "210000004"}
	h := &domain.Hirer{Number: "INL01", Name: "Brabant Logistiek B.V."}
	if err := db.SaveWorker(ctx, w); err != nil {
		t.Fatal(err)
	}
	if err := db.SaveHirer(ctx, h); err != nil {
		t.Fatal(err)
	}
	p := &domain.Placement{Number: "PL1", WorkerID: w.ID, HirerID: h.ID, Start: domain.Date(2026, 1, 5),
		HourlyWage: domain.MustDec("15.85"), BillingRate: domain.MustDec("27.90")}
	if err := db.SavePlacement(ctx, p); err != nil {
		t.Fatal(err)
	}
	return db, w, h, p
}

var w47 = domain.Period{Kind: domain.Weekly, Year: 2026, Number: 47}

func TestSickReports_RoundTripAndOverlap(t *testing.T) {
	ctx := context.Background()
	db, w, _, p := checkFixture(t)
	ams, _ := time.LoadLocation("Europe/Amsterdam")
	r := &domain.SickReport{WorkerID: w.ID, PlacementID: p.ID, FirstDay: domain.Date(2026, 11, 18),
		ReportedAt: time.Date(2026, 11, 18, 9, 45, 0, 0, ams), ShiftStart: time.Date(2026, 11, 18, 14, 0, 0, 0, ams),
		RecoveredOn: domain.Date(2026, 11, 20), Note: " griep "}
	if err := db.SaveSickReport(ctx, r); err != nil {
		t.Fatal(err)
	}
	old := &domain.SickReport{WorkerID: w.ID, FirstDay: domain.Date(2026, 10, 1), ReportedAt: time.Date(2026, 10, 1, 7, 0, 0, 0, time.UTC),
		RecoveredOn: domain.Date(2026, 10, 5), Source: domain.SickImported}
	if err := db.SaveSickReport(ctx, old); err != nil {
		t.Fatal(err)
	}
	open := &domain.SickReport{WorkerID: w.ID, FirstDay: domain.Date(2026, 11, 2), ReportedAt: time.Date(2026, 11, 2, 7, 0, 0, 0, time.UTC)}
	if err := db.SaveSickReport(ctx, open); err != nil {
		t.Fatal(err)
	}
	got, err := db.SickReports(ctx, w47.Start(), w47.End())
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].ID != open.ID || got[1].ID != r.ID {
		t.Fatalf("overlapping reports = %+v, want the open one and the W47 one", got)
	}
	g := got[1]
	if !g.ReportedAt.Equal(r.ReportedAt) || !g.ShiftStart.Equal(r.ShiftStart) || !g.RecoveredOn.Equal(r.RecoveredOn) ||
		g.PlacementID != p.ID || g.Note != "griep" || g.Source != domain.SickByHand {
		t.Errorf("round trip lost fields: %+v", g)
	}
	bad := &domain.SickReport{WorkerID: w.ID, FirstDay: domain.Date(2026, 11, 18), ReportedAt: time.Now(), RecoveredOn: domain.Date(2026, 11, 18)}
	if err := db.SaveSickReport(ctx, bad); domain.ErrorCode(err) != domain.EINVALID {
		t.Errorf("recovery on the first sick day accepted: %v", err)
	}
}

func TestAdvancesAndDeductions_MoneyExact(t *testing.T) {
	ctx := context.Background()
	db, w, _, _ := checkFixture(t)
	a := &domain.Advance{WorkerID: w.ID, Period: w47, Amount: domain.MustDec("250.10"), Reason: "dossier", PaidOn: domain.Date(2026, 11, 19)}
	if err := db.SaveAdvance(ctx, a); err != nil {
		t.Fatal(err)
	}
	a.RepaidIn = w47.Next()
	if err := db.SaveAdvance(ctx, a); err != nil {
		t.Fatal(err)
	}
	as, err := db.Advances(ctx, w.ID)
	if err != nil || len(as) != 1 {
		t.Fatalf("advances %v %v", as, err)
	}
	if got := as[0]; got.Amount.String() != "250.1" || got.Period != w47 || got.RepaidIn != w47.Next() || got.Open() || !got.PaidOn.Equal(a.PaidOn) {
		t.Errorf("advance round trip: %+v", got)
	}
	if err := db.SaveAdvance(ctx, &domain.Advance{WorkerID: w.ID, Period: w47, Amount: domain.MustDec("0.001")}); err == nil {
		t.Error("advance of a tenth of a cent accepted")
	}
	d := &domain.Deduction{WorkerID: w.ID, Period: w47, Kind: domain.DeductionTicket, Amount: domain.MustDec("99.00"), ProofRef: "CJIB 123"}
	if err := db.SaveDeduction(ctx, d); err != nil {
		t.Fatal(err)
	}
	ds, err := db.Deductions(ctx, w47)
	if err != nil || len(ds) != 1 || !ds[0].Amount.Equal(domain.MustDec("99")) || !ds[0].HasProof() || ds[0].Kind != domain.DeductionTicket {
		t.Fatalf("deductions %+v %v", ds, err)
	}
	if ds, _ := db.Deductions(ctx, w47.Next()); len(ds) != 0 {
		t.Errorf("deductions of another period returned: %v", ds)
	}
	if err := db.SaveDeduction(ctx, &domain.Deduction{WorkerID: w.ID, Period: w47, Kind: "snoep", Amount: domain.One}); domain.ErrorCode(err) != domain.EINVALID {
		t.Errorf("unknown kind: %v", err)
	}
}

func TestHourProofsRateChangesConfirmations(t *testing.T) {
	ctx := context.Background()
	db, w, h, p := checkFixture(t)
	if err := db.SaveHourProof(ctx, &checks.HourProof{HirerID: h.ID, Period: w47, Reference: "week47.pdf"}); err != nil {
		t.Fatal(err)
	}
	prs, err := db.HourProofs(ctx, w47)
	if err != nil || len(prs) != 1 || !prs[0].Covers(h.ID, p.ID, w47) || prs[0].Kind != "urenstaat" {
		t.Fatalf("proofs %+v %v", prs, err)
	}

	// The trigger records a wage change, and nothing for a save without one.
	db.Now = func() time.Time { return time.Date(2026, 11, 14, 9, 0, 0, 0, time.UTC) }
	p.Function = "Orderpicker"
	if err := db.SavePlacement(ctx, p); err != nil {
		t.Fatal(err)
	}
	p.HourlyWage = domain.MustDec("16.10")
	if err := db.SavePlacement(ctx, p); err != nil {
		t.Fatal(err)
	}
	cs, err := db.RateChanges(ctx, domain.Date(2026, 11, 1))
	if err != nil || len(cs) != 1 {
		t.Fatalf("rate changes %+v %v", cs, err)
	}
	if c := cs[0]; c.PlacementID != p.ID || c.OldWage.String() != "15.85" || c.NewWage.String() != "16.1" ||
		!c.OldRate.Equal(c.NewRate) || !c.ChangedAt.Equal(time.Date(2026, 11, 14, 9, 0, 0, 0, time.UTC)) {
		t.Errorf("rate change %+v", c)
	}

	c := &checks.Confirmation{Rule: checks.PayLateChange, Period: w47, PlacementID: p.ID, WorkerID: w.ID, HirerID: h.ID, Note: "akkoord"}
	if err := db.SaveConfirmation(ctx, c); err != nil {
		t.Fatal(err)
	}
	c2 := *c
	c2.Note = "toch akkoord"
	if err := db.SaveConfirmation(ctx, &c2); err != nil || c2.ID != c.ID {
		t.Fatalf("re-confirming made a new row: %v %d/%d", err, c2.ID, c.ID)
	}
	if err := db.SaveConfirmation(ctx, &checks.Confirmation{Rule: checks.DosBSN, WorkerID: w.ID}); err != nil {
		t.Fatal(err)
	}
	got, err := db.Confirmations(ctx, w47)
	if err != nil || len(got) != 2 || got[0].Note != "toch akkoord" || got[0].By != "tester" || got[1].Period.Kind != "" {
		t.Fatalf("confirmations %+v %v", got, err)
	}
	if got, _ := db.Confirmations(ctx, w47.Next()); len(got) != 1 || got[0].Rule != checks.DosBSN {
		t.Errorf("next period sees %+v, want only the every-period confirmation", got)
	}
	if err := db.SaveConfirmation(ctx, &checks.Confirmation{Rule: "NOPE"}); domain.ErrorCode(err) != domain.EINVALID {
		t.Errorf("unknown rule confirmed: %v", err)
	}
	if err := db.DeleteConfirmation(ctx, c.ID); err != nil {
		t.Fatal(err)
	}
	if err := db.DeleteConfirmation(ctx, c.ID); domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Errorf("second delete: %v", err)
	}
}

func TestCheckSettingsAndChecklists(t *testing.T) {
	ctx := context.Background()
	db, w, _, _ := checkFixture(t)
	s, err := db.CheckSettings(ctx)
	if err != nil || !s.VATPercent.Equal(domain.MustDec("21")) || s.CreditCheckMaxMonths != 12 || s.ETMissingProofBlocks {
		t.Fatalf("default settings %+v %v", s, err)
	}
	s.ETMissingProofBlocks, s.AdvanceMaxWeeks = true, 1
	if err := db.SaveCheckSettings(ctx, s); err != nil {
		t.Fatal(err)
	}
	if got, _ := db.CheckSettings(ctx); !got.ETMissingProofBlocks || got.AdvanceMaxWeeks != 1 || got.IDExpiryWarnDays != 28 {
		t.Errorf("settings round trip %+v", got)
	}

	if got, err := db.LatestChecklist(ctx, w47); got != nil || err != nil {
		t.Fatalf("latest of an empty period: %v %v", got, err)
	}
	mk := func(at time.Time, sev checks.Severity) *checks.Checklist {
		return &checks.Checklist{Period: w47.String(), CreatedAt: at, CreatedBy: "tester", Agency: "X",
			Workers: []checks.WorkerRef{{ID: w.ID, Number: "1001"}},
			Findings: []checks.Finding{{Rule: checks.DosBSN, Severity: sev, Gates: []checks.Gate{checks.GatePayroll}, WorkerID: w.ID,
				Message: checks.Text{NL: "BSN ******004", EN: "BSN ******004"}}}}
	}
	first, second := mk(time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC), checks.Blocker), mk(time.Date(2026, 11, 23, 11, 0, 0, 0, time.UTC), checks.Warning)
	for _, cl := range []*checks.Checklist{first, second} {
		if err := db.SaveChecklist(ctx, cl); err != nil {
			t.Fatal(err)
		}
	}
	latest, err := db.LatestChecklist(ctx, w47)
	if err != nil || latest.ID != second.ID || latest.Counts().Warnings != 1 || !latest.CreatedAt.Equal(second.CreatedAt) {
		t.Fatalf("latest %+v %v", latest, err)
	}
	old, err := db.Checklist(ctx, first.ID)
	if err != nil || !old.Blocks(checks.GatePayroll) || len(old.BlockersFor(w.ID, checks.GatePayroll)) != 1 {
		t.Fatalf("stored checklist lost its blocker: %+v %v", old, err)
	}
	runs, err := db.ChecklistRuns(ctx, w47)
	if err != nil || len(runs) != 2 || runs[0].ID != second.ID || runs[1].Counts.Blockers != 1 {
		t.Fatalf("runs %+v %v", runs, err)
	}
	if _, err := db.Checklist(ctx, 999); domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Errorf("missing checklist: %v", err)
	}
	// The audit log names the run by counts, never a BSN.
	entries, _ := db.Audit(ctx, "checklist", first.ID)
	if len(entries) != 1 || !strings.Contains(entries[0].Detail, "1 blokkades") {
		t.Errorf("audit %+v", entries)
	}
}
