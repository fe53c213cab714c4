package checking_test

import (
	"context"
	"testing"
	"time"

	"verloner/app/absence"
	"verloner/app/checking"
	"verloner/app/contracts"
	"verloner/domain"
	"verloner/domain/checks"
	"verloner/domain/contract"
)

func workerNo(t *testing.T, db interface {
	Workers(context.Context) ([]*domain.Worker, error)
}, number string) *domain.Worker {
	t.Helper()
	ws, err := db.Workers(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range ws {
		if w.Number == number {
			return w
		}
	}
	t.Fatalf("no worker %s", number)
	return nil
}

// TestContractAndAbsenceFindings: the checklist carries the contract
// warnings (a contract ending mid-week, not signed) and a passed absence
// deadline, with their catalogue titles, and they can be confirmed.
func TestContractAndAbsenceFindings(t *testing.T) {
	ctx := context.Background()
	db := demoDB(t)
	jan := workerNo(t, db, "1001") // works Monday–Friday of the demo week
	if _, err := contracts.Issue(ctx, db, contracts.Request{WorkerID: jan.ID, End: domain.Date(2026, 11, 18)},
		contracts.Options{Now: func() time.Time { return demoNow }}); err != nil {
		t.Fatal(err)
	}
	sanne := workerNo(t, db, "1002")
	if err := db.SaveSickReport(ctx, &domain.SickReport{WorkerID: sanne.ID, FirstDay: domain.Date(2026, 10, 26),
		ReportedAt: time.Date(2026, 10, 26, 7, 0, 0, 0, time.UTC), Source: domain.SickByHand}); err != nil {
		t.Fatal(err)
	}
	cl, err := checking.RunWith(ctx, db, w47, opts(), nil)
	if err != nil {
		t.Fatal(err)
	}
	byRule := map[string][]checks.Finding{}
	for _, f := range cl.Findings {
		byRule[f.Rule] = append(byRule[f.Rule], f)
	}
	for _, rule := range []string{contract.RuleAfterEnd, contract.RuleUnsigned, absence.RuleDeadline} {
		if len(byRule[rule]) == 0 {
			t.Errorf("no %s finding", rule)
		}
		r, ok := checks.RuleByID(rule)
		if !ok || r.Title.NL == "" {
			t.Errorf("%s not in the catalogue", rule)
		}
	}
	for _, f := range byRule[contract.RuleAfterEnd] {
		if f.WorkerID != jan.ID || f.Severity != checks.Warning || f.Hint.NL == "" {
			t.Errorf("CON-END finding %+v", f)
		}
	}
	for _, f := range byRule[absence.RuleDeadline] {
		if f.WorkerID != sanne.ID || cl.Worker(sanne.ID).Number != "1002" {
			t.Errorf("ABS-DEADLINE finding %+v", f)
		}
	}

	// Confirming a contract warning works like any other warning.
	before := cl.Counts()
	f := byRule[contract.RuleUnsigned][0]
	if err := checking.Confirm(ctx, db, w47, f, "contract ligt ter ondertekening", "piet"); err != nil {
		t.Fatal(err)
	}
	again, err := checking.RunWith(ctx, db, w47, opts(), nil)
	if err != nil {
		t.Fatal(err)
	}
	confirmed := 0
	for _, g := range again.Findings {
		if g.Rule == contract.RuleUnsigned && g.Confirmed {
			confirmed++
		}
	}
	if after := again.Counts(); confirmed == 0 || after.Confirmed != before.Confirmed+confirmed || after.Warnings != before.Warnings-confirmed {
		t.Errorf("confirmation of %s: before %+v after %+v (%d confirmed)", f.Rule, before, after, confirmed)
	}
}
