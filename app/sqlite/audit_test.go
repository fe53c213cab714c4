package sqlite_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"verloner/app"
	"verloner/domain"
	"verloner/domain/checks"
	"verloner/domain/invoice"
	"verloner/domain/invoice/invoicetest"
	"verloner/importers"
)

// TestAudit_EveryWritePathPerRecord goes through the write paths of master
// data, hours, imports, confirmations, payroll runs, invoices and payments,
// and reads each record's history through Store.Audit: who (the OS user
// the store runs as), when, and what — never a whole BSN or IBAN.
func TestAudit_EveryWritePathPerRecord(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	at := time.Date(2026, 11, 24, 9, 30, 0, 0, time.UTC)
	db.Now = func() time.Time { return at }
	db.User = "anna"
	var st app.Store = db // the GUI reads the log through the interface
	x := seedWeek47(t, db)
	var worker *domain.Worker
	for _, w := range x.Workers {
		if worker == nil || w.Number < worker.Number {
			worker = w
		}
	}
	var placement *domain.Placement
	for _, p := range x.Placements {
		if p.WorkerID == worker.ID {
			placement = p
		}
	}
	hirer := hirerByNumber(x, "INL01")
	worker.BSN, worker.IBAN = "123456782", "NL91ABNA0417164300"
	if err := db.SaveWorker(ctx, worker); err != nil {
		t.Fatal(err)
	}

	// An import of hour lines from a file.
	f := app.ImportFile{Hash: "h1", FileName: "uren.xlsx", Kind: importers.KindHours, HirerID: hirer.ID, ImportedAt: at}
	imp := &app.HourImport{File: f, Lines: []app.ImportedHourLine{{Line: &domain.HourLine{PlacementID: placement.ID,
		Date: domain.Date(2026, 11, 21), Type: domain.HourOvertime150, Quantity: domain.MustDec("2")}}}}
	if err := db.CommitHourImport(ctx, imp); err != nil {
		t.Fatal(err)
	}
	// A confirmed finding, and one withdrawn.
	conf := &checks.Confirmation{Rule: checks.PayLateChange, Period: w47, PlacementID: placement.ID, WorkerID: worker.ID, HirerID: placement.HirerID, Note: "akkoord"}
	if err := db.SaveConfirmation(ctx, conf); err != nil {
		t.Fatal(err)
	}
	gone := &checks.Confirmation{Rule: checks.DosBSN, WorkerID: worker.ID, Note: "tijdelijk"}
	if err := db.SaveConfirmation(ctx, gone); err != nil {
		t.Fatal(err)
	}
	if err := db.DeleteConfirmation(ctx, gone.ID); err != nil {
		t.Fatal(err)
	}
	// Two invoices issued in one batch: each its own row.
	docs := append(draftsOf(t, x, "INL01", invoice.PerPlacement), draftsOf(t, x, "INL02", invoice.PerHirer)...)
	if err := db.IssueInvoices(ctx, docs, invoicetest.IssueDate, nil); err != nil {
		t.Fatal(err)
	}
	// Payments by hand, one allocated, then the allocation undone.
	day := invoicetest.IssueDate.AddDate(0, 0, 7)
	pays := []*app.Payment{{BookedOn: day, Amount: domain.MustDec("100"), Account: app.AccountRegular, CounterIBAN: "NL91ABNA0417164300",
		Allocations: []app.Allocation{{Number: docs[0].Invoice.Number, Amount: domain.MustDec("100")}}},
		{BookedOn: day, Amount: domain.MustDec("5"), Account: app.AccountRegular}}
	if _, err := db.SavePayments(ctx, nil, pays); err != nil {
		t.Fatal(err)
	}
	if err := db.DeleteAllocation(ctx, pays[0].Allocations[0].ID); err != nil {
		t.Fatal(err)
	}

	check := func(entity string, id int64, actions ...string) []app.AuditEntry {
		t.Helper()
		log, err := st.Audit(ctx, entity, id)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, e := range log {
			got = append(got, e.Action)
			if e.User != "anna" || !e.At.Equal(at) || e.Entity != entity || e.EntityID != id {
				t.Errorf("%s %d: entry %+v", entity, id, e)
			}
			for _, secret := range []string{"123456782", "NL91ABNA0417164300", "0417164300"} {
				if strings.Contains(e.Detail, secret) {
					t.Errorf("%s %d: audit detail %q holds a whole BSN or IBAN", entity, id, e.Detail)
				}
			}
		}
		if strings.Join(got, ",") != strings.Join(actions, ",") {
			t.Errorf("%s %d: actions %v (newest first), want %v", entity, id, got, actions)
		}
		return log
	}
	check("agency", 1, "save")
	check("worker", worker.ID, "update", "create")
	check("hirer", hirer.ID, "create")
	check("placement", placement.ID, "create")
	check("import", imp.File.ID, "hours")
	check("confirmation", conf.ID, "save")
	check("confirmation", gone.ID, "delete", "save")
	for _, d := range docs {
		log := check("invoice", d.ID, "issue")
		if len(log) == 1 && !strings.HasPrefix(log[0].Detail, d.Invoice.Number) {
			t.Errorf("invoice %s: detail %q", d.Invoice.Number, log[0].Detail)
		}
	}
	check("payment", pays[0].ID, "unallocate", "allocate", "hand")
	check("payment", pays[1].ID, "hand")
	if all, err := st.Audit(ctx, "", 0); err != nil || len(all) < 15 {
		t.Errorf("whole log: %d entries, %v", len(all), err)
	}

	// Payroll: proof, approval and the final run, each on the run's record.
	db2, w, lines := payrollFixture(t)
	db2.User = "piet"
	run := proofRun(w, lines, "193.60")
	if err := db2.SaveProofRun(ctx, run); err != nil {
		t.Fatal(err)
	}
	if err := db2.ApproveRun(ctx, run.ID, "piet"); err != nil {
		t.Fatal(err)
	}
	run.Payslips[0].Blockers = nil
	final := &app.FinalRun{Run: run, Replaces: run.ID}
	proofID := run.ID
	run.ID = 0
	if err := db2.FinaliseRun(ctx, final); err != nil {
		t.Fatal(err)
	}
	var acts []string
	for _, id := range []int64{proofID, run.ID} {
		log, err := db2.Audit(ctx, "payroll_run", id)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range log {
			acts = append(acts, e.Action)
			if e.User != "piet" {
				t.Errorf("run %d: user %q", id, e.User)
			}
		}
	}
	if strings.Join(acts, ",") != "approve,proof,final" {
		t.Errorf("payroll run actions %v", acts)
	}
}
