package margins_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"verloner/app"
	"verloner/app/demo"
	"verloner/app/invoicing"
	"verloner/app/payrun"
	"verloner/app/sqlite"
	"verloner/domain"
	"verloner/domain/checks"
)

// The demo week is paid on Wednesday and invoiced on the Monday after it.
var (
	wednesday = time.Date(2026, 11, 25, 11, 0, 0, 0, time.UTC)
	monday    = time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC)
	w47       = domain.Period{Kind: domain.Weekly, Year: 2026, Number: 47}
)

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// demoDB is the demo administration with W47's payroll final (the workers
// with payroll blockers left out, as the demo intends).
func demoDB(t testing.TB) (*sqlite.DB, *app.PayrollRun) {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "demo"+sqlite.Ext))
	must(t, err)
	t.Cleanup(func() { db.Close() })
	db.Now = func() time.Time { return wednesday }
	db.User = "tester"
	must(t, demo.Load(ctx, db))
	opt := payrun.Options{Now: func() time.Time { return wednesday }, By: "anna"}
	_, err = payrun.Proof(ctx, db, w47, opt, nil)
	must(t, err)
	_, err = payrun.Approve(ctx, db, w47, opt)
	must(t, err)
	run, err := payrun.Finalise(ctx, db, w47, opt, nil)
	must(t, err)
	return db, run
}

// invoiceWeek issues the invoices of the demo week's approved hours, after
// recording INL01's proof of hours (that hirer's hours are invoiced only
// with one; its workers stay unpaid in the demo run all the same).
func invoiceWeek(t testing.TB, db *sqlite.DB) []*app.InvoiceDoc {
	t.Helper()
	ctx := context.Background()
	db.Now = func() time.Time { return monday }
	hirers, err := db.Hirers(ctx)
	must(t, err)
	for _, h := range hirers {
		if h.Number == "INL01" {
			must(t, db.SaveHourProof(ctx, &checks.HourProof{HirerID: h.ID, Period: w47, Kind: "urenstaat", Reference: "week47.pdf"}))
		}
	}
	opt := invoicing.Options{Now: func() time.Time { return monday }, IssueDate: monday}
	set, err := invoicing.Drafts(ctx, db, w47, opt)
	must(t, err)
	if len(set.Problems) > 0 {
		t.Fatalf("invoice problems: %+v", set.Problems)
	}
	docs, err := invoicing.Issue(ctx, db, set.Drafts, opt)
	must(t, err)
	return docs
}
