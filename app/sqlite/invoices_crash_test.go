package sqlite_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"verloner/app"
	"verloner/app/crashtest"
	"verloner/app/sqlite"
	"verloner/domain"
	"verloner/domain/invoice"
	"verloner/domain/invoice/invoicetest"
)

// The crash test: a child process (this test binary, re-executed by the
// app/crashtest harness) finalises invoices and credit notes in a loop, and the
// parent kills it with SIGKILL at random moments. After every kill the parent
// reopens the administration and checks what a tax inspector and the debtors
// ledger rely on: PRAGMA integrity_check is ok, every series runs 1..N without
// a gap or a duplicate, the counter equals N, every document is wholly there
// (all of its lines, VAT rows and hours, valid totals) or absent, and the
// hour lines' billed state agrees with the documents.
//
// VERLONER_CRASH_KILLS sets the number of kills (default 60; try 1000). The
// weekly cycle (import, payroll, invoices) is killed the same way in
// app/crashtest.

const crashChildName = "invoice-numbering"

func TestIssueInvoices_NumberingSurvivesKills(t *testing.T) {
	crashtest.Child(crashChildName, crashChild)
	if testing.Short() {
		t.Skip("kills a child process many times; skipped with -short")
	}
	kills := crashtest.Kills(t, 60)
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "crash"+sqlite.Ext)
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	seedCrashDB(t, db)
	db.Close()

	seed := uint64(time.Now().UnixNano())
	t.Logf("seed %d", seed)
	prev, midway, inside, rolledBack := 0, 0, 0, 0
	st := crashtest.Run(t, crashtest.Config{Test: "TestIssueInvoices_NumberingSurvivesKills", Child: crashChildName, Path: path,
		Kills: kills, Seed: seed,
		// Once the child is in its loop (its journal grew), whatever the
		// machine's load, kill it a random moment later.
		Aim: func(_ int, r *rand.Rand, _ func(string) time.Duration) (string, time.Duration) {
			return "", time.Duration(r.IntN(40000)) * time.Microsecond
		},
		Check: func(p crashtest.Point) {
			k := p.K
			n := verifyAfterCrash(t, path, k)
			if n < prev {
				t.Fatalf("kill %d: %d documents, %d before: committed documents disappeared", k, n, prev)
			}
			if p.Inside && p.Last.Op == "issue" {
				inside++
				// A batch is one transaction: all of its documents or none.
				before, batch := p.Last.Int(0), p.Last.Int(1)
				if n != before && n != before+batch {
					t.Fatalf("kill %d inside a batch of %d after %d documents: %d documents stored", k, batch, before, n)
				}
				if n == before {
					rolledBack++
				}
			}
			if n > prev {
				midway++
			}
			prev = n
		}})
	t.Logf("%d kills in %v; %d documents issued, the count grew between %d pairs of kills; "+
		"%d kills landed inside IssueInvoices, %d of them before its commit (rolled back whole)",
		kills, st.Took.Round(time.Millisecond), prev, midway, inside, rolledBack)
	if prev < kills || midway < kills/4 || inside < kills/4 {
		t.Errorf("the child issued too little (%d documents over %d kills) for the test to mean anything", prev, kills)
	}
}

// verifyAfterCrash reopens the database and checks it; it returns the number
// of documents.
func verifyAfterCrash(t *testing.T, path string, k int) int {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatalf("kill %d: reopen: %v", k, err)
	}
	defer db.Close()
	if err := db.IntegrityCheck(ctx); err != nil {
		t.Fatalf("kill %d: %v", k, err)
	}
	chk, err := db.VerifyInvoices(ctx)
	if err != nil {
		t.Fatalf("kill %d: verify: %v", k, err)
	}
	if len(chk.Problems) > 0 {
		t.Fatalf("kill %d: %v", k, chk.Problems)
	}
	for i, nr := range chk.Numbers {
		if want := invoice.SeriesFor(invoicetest.IssueDate).Format(i + 1); nr != want {
			t.Fatalf("kill %d: document %d has number %s, want %s", k, i+1, nr, want)
		}
	}
	return len(chk.Numbers)
}

// seedCrashDB stores the fixture and 6000 more approved hour lines for the
// child to bill.
func seedCrashDB(t *testing.T, db *sqlite.DB) {
	x := seedWeek47(t, db)
	var lines []*domain.HourLine
	for _, p := range x.Placements {
		for i := 0; i < 1500; i++ {
			lines = append(lines, &domain.HourLine{PlacementID: p.ID, Date: domain.Date(2026, time.November, 16+i%7),
				Type: domain.HourNormal, Quantity: decimal.New(int64(1+i%8), 0), Status: domain.HoursApproved})
		}
	}
	if err := db.AddHourLines(context.Background(), lines); err != nil {
		t.Fatal(err)
	}
}

// crashChild issues documents until it is killed: batches of one to three
// random invoices that each bill the next three unbilled hour lines, and now
// and then a full credit note of a random earlier invoice (which releases its
// hours). It exits non-zero on any error, which the parent reports.
func crashChild(path string, seed uint64, logf *crashtest.Log) error {
	fail := func(err error) {
		fmt.Fprintln(os.Stderr, "crash child:", err)
		os.Exit(3)
	}
	ctx := context.Background()
	r := rand.New(rand.NewPCG(seed, 1))
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		fail(err)
	}
	hirers, err := db.Hirers(ctx)
	if err != nil {
		fail(err)
	}
	var hirer int64
	for _, h := range hirers {
		if h.Number == "INL01" {
			hirer = h.ID
		}
	}
	placements, err := db.Placements(ctx)
	if err != nil {
		fail(err)
	}
	workerOf := map[int64]int64{}
	for _, p := range placements {
		workerOf[p.ID] = p.WorkerID
	}
	period := domain.Period{Kind: domain.Weekly, Year: 2026, Number: 47}
	all, err := db.HourLines(ctx, period.Start(), period.End())
	if err != nil {
		fail(err)
	}
	billed, err := db.BilledHourLines(ctx, period.Start(), period.End())
	if err != nil {
		fail(err)
	}
	existing, err := db.Invoices(ctx, app.InvoiceFilter{})
	if err != nil {
		fail(err)
	}
	count := len(existing)
	// The journal (crashtest.Log, appended unbuffered) tells the parent
	// whether the kill landed inside IssueInvoices and how many documents
	// the call was issuing.
	var free []*domain.HourLine
	for _, l := range all {
		if _, ok := billed[l.ID]; !ok && l.Status == domain.HoursApproved {
			free = append(free, l)
		}
	}
	for {
		var docs []*app.InvoiceDoc
		if r.IntN(6) == 0 {
			list, err := db.Invoices(ctx, app.InvoiceFilter{Type: invoice.CommercialInvoice})
			if err != nil {
				fail(err)
			}
			if len(list) > 0 {
				orig, err := db.Invoice(ctx, list[r.IntN(len(list))].Invoice.Number)
				if err != nil {
					fail(err)
				}
				credited, err := db.Invoices(ctx, app.InvoiceFilter{Type: invoice.CreditNote})
				if err != nil {
					fail(err)
				}
				done := false
				for _, c := range credited {
					done = done || c.CorrectsID == orig.ID
				}
				if !done {
					cn, err := invoice.NewCreditNote(orig.Invoice, nil, "Crashtest")
					if err != nil {
						fail(err)
					}
					docs = append(docs, &app.InvoiceDoc{Invoice: cn, Hours: orig.Hours})
				}
			}
		}
		for n := 1 + r.IntN(3); n > 0; n-- {
			inv := invoicetest.Random(r, 1)
			inv.Number, inv.IssueDate, inv.DueDate, inv.HirerID = "", time.Time{}, time.Time{}, hirer
			d := &app.InvoiceDoc{Invoice: inv}
			for i := 0; i < 3 && len(free) > 0; i++ {
				l := free[0]
				free = free[1:]
				d.Hours = append(d.Hours, app.InvoiceHour{HourLineID: l.ID, PlacementID: l.PlacementID,
					WorkerID: workerOf[l.PlacementID], Date: l.Date, Type: l.Type, Quantity: l.Quantity, BillPercent: l.BillPercent})
			}
			docs = append(docs, d)
		}
		logf.Begin("issue", count, len(docs))
		if err := db.IssueInvoices(ctx, docs, invoicetest.IssueDate, nil); err != nil {
			fail(err)
		}
		count += len(docs)
		logf.End("issue", count)
	}
}
