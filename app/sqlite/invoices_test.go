package sqlite_test

import (
	"context"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"verloner/app"
	"verloner/app/sqlite"
	"verloner/domain"
	"verloner/domain/invoice"
	"verloner/domain/invoice/invoicetest"
)

// seedWeek47 stores the invoicetest fixture (agency, hirers, workers,
// placements and approved hours of 2026-W47) and returns it with the
// database's IDs, so that invoice.FromHours can run on it.
func seedWeek47(t testing.TB, db *sqlite.DB) *invoicetest.Data {
	t.Helper()
	ctx := context.Background()
	x := invoicetest.Week47()
	if err := db.SaveAgency(ctx, x.Agency); err != nil {
		t.Fatal(err)
	}
	workers := map[int64]*domain.Worker{}
	wid := map[int64]int64{}
	for _, old := range []int64{11, 12, 13, 14} {
		w := x.Workers[old]
		w.ID = 0
		if err := db.SaveWorker(ctx, w); err != nil {
			t.Fatal(err)
		}
		wid[old], workers[w.ID] = w.ID, w
	}
	hirers := map[int64]*domain.Hirer{}
	hid := map[int64]int64{}
	for _, old := range []int64{invoicetest.HirerLogistics, invoicetest.HirerConstruction, invoicetest.HirerFood} {
		h := x.Hirers[old]
		h.ID = 0
		if err := db.SaveHirer(ctx, h); err != nil {
			t.Fatal(err)
		}
		hid[old], hirers[h.ID] = h.ID, h
	}
	placements := map[int64]*domain.Placement{}
	pid := map[int64]int64{}
	for _, old := range []int64{101, 102, 103, 104} {
		p := x.Placements[old]
		p.ID, p.WorkerID, p.HirerID = 0, wid[p.WorkerID], hid[p.HirerID]
		if err := db.SavePlacement(ctx, p); err != nil {
			t.Fatal(err)
		}
		pid[old], placements[p.ID] = p.ID, p
	}
	for _, l := range x.Lines {
		l.ID, l.PlacementID = 0, pid[l.PlacementID]
	}
	if err := db.AddHourLines(ctx, x.Lines); err != nil {
		t.Fatal(err)
	}
	x.Workers, x.Hirers, x.Placements = workers, hirers, placements
	return x
}

func hirerByNumber(x *invoicetest.Data, nr string) *domain.Hirer {
	for _, h := range x.Hirers {
		if h.Number == nr {
			return h
		}
	}
	return nil
}

// hoursOf is the snapshot of the fixture's hour lines an invoice bills:
// those of its placements and hour types.
func hoursOf(x *invoicetest.Data, inv *invoice.Invoice) []app.InvoiceHour {
	type key struct {
		p int64
		t domain.HourType
	}
	billed := map[key]bool{}
	for _, l := range inv.Lines {
		billed[key{l.PlacementID, l.Type}] = true
	}
	var out []app.InvoiceHour
	for _, hl := range x.Lines {
		if billed[key{hl.PlacementID, hl.Type}] {
			out = append(out, app.InvoiceHour{HourLineID: hl.ID, PlacementID: hl.PlacementID,
				WorkerID: x.Placements[hl.PlacementID].WorkerID, Date: hl.Date, Type: hl.Type,
				Quantity: hl.Quantity, BillPercent: hl.BillPercent})
		}
	}
	return out
}

// draftsOf builds the drafts of one hirer with their hours.
func draftsOf(t testing.TB, x *invoicetest.Data, hirer string, g invoice.Grouping) []*app.InvoiceDoc {
	t.Helper()
	h := hirerByNumber(x, hirer)
	invs, err := invoice.FromHours(x.Agency, h, x.Placements, x.Workers, x.Lines, x.Period, invoice.Options{Grouping: g})
	if err != nil {
		t.Fatal(err)
	}
	var out []*app.InvoiceDoc
	for _, inv := range invs {
		out = append(out, &app.InvoiceDoc{Invoice: inv, Hours: hoursOf(x, inv)})
	}
	return out
}

func TestIssueInvoices_NumbersInOrderAndReadsBackWhole(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	x := seedWeek47(t, db)
	docs := append(draftsOf(t, x, "INL01", invoice.PerCostCentre), draftsOf(t, x, "INL04", invoice.PerHirer)...)
	docs = append(docs, draftsOf(t, x, "INL02", invoice.PerHirer)...)
	var steps []int
	if err := db.IssueInvoices(ctx, docs, invoicetest.IssueDate, func(done, total int) { steps = append(steps, done) }); err != nil {
		t.Fatal(err)
	}
	if len(docs) != 4 || len(steps) != 4 || steps[3] != 4 {
		t.Fatalf("%d docs, progress %v", len(docs), steps)
	}
	for i, d := range docs {
		want := invoice.SeriesFor(invoicetest.IssueDate).Format(i + 1)
		if d.Invoice.Number != want || d.ID == 0 {
			t.Errorf("doc %d: number %q id %d, want %s", i, d.Invoice.Number, d.ID, want)
		}
		got, err := db.Invoice(ctx, want)
		if err != nil {
			t.Fatal(err)
		}
		if err := got.Invoice.ValidateFinal(); err != nil {
			t.Errorf("%s read back: %v", want, err)
		}
		if !got.Invoice.Payable.Equal(d.Invoice.Payable) || !got.Invoice.GAmount.Equal(d.Invoice.GAmount) ||
			len(got.Invoice.Lines) != len(d.Invoice.Lines) || len(got.Hours) != len(d.Hours) ||
			got.Invoice.Customer != d.Invoice.Customer || !got.Invoice.DueDate.Equal(d.Invoice.DueDate) ||
			got.Invoice.Period != d.Invoice.Period || got.Invoice.ReverseCharge != d.Invoice.ReverseCharge {
			t.Errorf("%s read back differs:\n got %+v\nwant %+v", want, got.Invoice, d.Invoice)
		}
	}
	billed, err := db.BilledHourLines(ctx, x.Period.Start(), x.Period.End())
	if err != nil {
		t.Fatal(err)
	}
	nHours := 0
	for _, d := range docs {
		nHours += len(d.Hours)
	}
	if len(billed) != nHours || nHours == 0 {
		t.Errorf("%d billed hour lines, want %d", len(billed), nHours)
	}
	list, err := db.Invoices(ctx, app.InvoiceFilter{HirerID: hirerByNumber(x, "INL01").ID})
	if err != nil || len(list) != 2 {
		t.Fatalf("INL01 has %d invoices (%v), want 2 (one per cost centre)", len(list), err)
	}
	chk, err := db.VerifyInvoices(ctx)
	if err != nil || len(chk.Problems) > 0 {
		t.Fatalf("verify: %v %v", err, chk.Problems)
	}
}

func TestIssueInvoices_FailureLeavesNoNumberAndDraftsIntact(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	x := seedWeek47(t, db)
	good := draftsOf(t, x, "INL01", invoice.PerHirer)
	bad := draftsOf(t, x, "INL02", invoice.PerHirer)
	bad[0].Invoice.Lines[0].Quantity = bad[0].Invoice.Lines[0].Quantity.Add(domain.One) // stale totals
	err := db.IssueInvoices(ctx, append(good, bad...), invoicetest.IssueDate, nil)
	if domain.ErrorCode(err) != domain.EINVALID {
		t.Fatalf("err = %v, want the validation error of the second draft", err)
	}
	if good[0].Invoice.Number != "" || good[0].ID != 0 || !good[0].Invoice.IssueDate.IsZero() {
		t.Errorf("a failed batch left the first draft numbered: %q", good[0].Invoice.Number)
	}
	if list, _ := db.Invoices(ctx, app.InvoiceFilter{}); len(list) != 0 {
		t.Fatalf("%d invoices stored after a failed batch", len(list))
	}
	// The same drafts go through afterwards and start at 1: nothing was used up.
	if err := db.IssueInvoices(ctx, good, invoicetest.IssueDate, nil); err != nil {
		t.Fatal(err)
	}
	if good[0].Invoice.Number != "2026-000001" {
		t.Errorf("first number after a failed batch is %s", good[0].Invoice.Number)
	}
	// An earlier issue date than the last invoice would break the order.
	if err := db.IssueInvoices(ctx, draftsOf(t, x, "INL02", invoice.PerHirer), invoicetest.IssueDate.AddDate(0, 0, -1), nil); domain.ErrorCode(err) != domain.EINVALID {
		t.Errorf("backdated invoice: err = %v", err)
	}
}

func TestIssueInvoices_HourLineNeverBilledTwiceUntilCredited(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	x := seedWeek47(t, db)
	first := draftsOf(t, x, "INL02", invoice.PerHirer)
	if err := db.IssueInvoices(ctx, first, invoicetest.IssueDate, nil); err != nil {
		t.Fatal(err)
	}
	again := draftsOf(t, x, "INL02", invoice.PerHirer)
	if err := db.IssueInvoices(ctx, again, invoicetest.IssueDate, nil); domain.ErrorCode(err) != domain.ECONFLICT ||
		!strings.Contains(err.Error(), "al gefactureerd op 2026-000001") {
		t.Fatalf("billing the same hours twice: err = %v", err)
	}
	// Bypassing the Go check: the database refuses the second claim itself.
	id := first[0].Hours[0].HourLineID
	err := db.Exec(ctx, `INSERT INTO billed_hours (hour_line_id, invoice_id) VALUES (?, ?)`, id, first[0].ID)
	if err == nil {
		t.Fatal("second claim of a billed hour line accepted")
	}
	// Billed hours cannot be changed or voided.
	for _, q := range []string{`UPDATE hour_lines SET quantity = '9' WHERE id = ?`, `UPDATE hour_lines SET status = 'void' WHERE id = ?`} {
		if err := db.Exec(ctx, q, id); err == nil || !strings.Contains(err.Error(), "gefactureerd") {
			t.Errorf("%s on a billed line: %v", q, err)
		}
	}
	if err := db.Exec(ctx, `UPDATE hour_lines SET status = 'paid' WHERE id = ?`, id); err != nil {
		t.Errorf("paying a billed line: %v", err)
	}
	// A full credit note releases the hours; a new invoice bills them again.
	orig, err := db.Invoice(ctx, "2026-000001")
	if err != nil {
		t.Fatal(err)
	}
	cn, err := invoice.NewCreditNote(orig.Invoice, nil, "Verkeerd tarief")
	if err != nil {
		t.Fatal(err)
	}
	credit := &app.InvoiceDoc{Invoice: cn, Hours: orig.Hours}
	if err := db.IssueInvoices(ctx, []*app.InvoiceDoc{credit}, invoicetest.IssueDate, nil); err != nil {
		t.Fatal(err)
	}
	if credit.CorrectsID != orig.ID || credit.Invoice.Number != "2026-000002" {
		t.Errorf("credit note %s corrects %d, want 2026-000002 correcting %d", credit.Invoice.Number, credit.CorrectsID, orig.ID)
	}
	if billed, _ := db.BilledHourLines(ctx, x.Period.Start(), x.Period.End()); len(billed) != 0 {
		t.Errorf("%d lines still billed after a full credit note", len(billed))
	}
	// The x.Lines snapshot still says approved for the line we paid above; refresh it.
	for _, l := range x.Lines {
		if l.ID == id {
			l.Status = domain.HoursPaid
		}
	}
	rebill := draftsOf(t, x, "INL02", invoice.PerHirer)
	if err := db.IssueInvoices(ctx, rebill, invoicetest.IssueDate, nil); err != nil {
		t.Fatalf("re-billing credited hours: %v", err)
	}
	// A second full credit note on the same invoice would credit more than it billed.
	cn2, _ := invoice.NewCreditNote(orig.Invoice, nil, "nog eens")
	if err := db.IssueInvoices(ctx, []*app.InvoiceDoc{{Invoice: cn2}}, invoicetest.IssueDate, nil); domain.ErrorCode(err) != domain.EINVALID {
		t.Errorf("crediting twice: %v", err)
	}
	chk, err := db.VerifyInvoices(ctx)
	if err != nil || len(chk.Problems) > 0 || len(chk.Numbers) != 3 {
		t.Fatalf("verify: %v %v %v", err, chk.Problems, chk.Numbers)
	}
}

func TestIssuedInvoice_DatabaseRefusesChanges(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	x := seedWeek47(t, db)
	docs := draftsOf(t, x, "INL01", invoice.PerHirer)
	if err := db.IssueInvoices(ctx, docs, invoicetest.IssueDate, nil); err != nil {
		t.Fatal(err)
	}
	id := docs[0].ID
	for _, c := range []struct{ name, sql string }{
		{"update total", `UPDATE invoices SET payable = '1.00' WHERE id = ?`},
		{"update note", `UPDATE invoices SET note = 'anders' WHERE id = ?`},
		{"delete invoice", `DELETE FROM invoices WHERE id = ?`},
		{"update line", `UPDATE invoice_lines SET amount = '0.01' WHERE invoice_id = ?`},
		{"delete line", `DELETE FROM invoice_lines WHERE invoice_id = ?`},
		{"add line", `INSERT INTO invoice_lines (invoice_id, seq, hour_type, description, quantity, unit, rate, bill_percent,
			amount, vat_category, vat_rate) SELECT ?, 99, 'NORM', 'extra', '1', 'HUR', '1', '100', '1.00', 'S', '21'`},
		{"update vat", `UPDATE invoice_vat SET vat = '0' WHERE invoice_id = ?`},
		{"delete hours", `DELETE FROM invoice_hours WHERE invoice_id = ?`},
		{"release without credit note", `DELETE FROM billed_hours WHERE invoice_id = ?`},
		{"skip a number", `UPDATE invoice_series SET last_seq = last_seq + 2 WHERE ? > 0`},
		{"delete series", `DELETE FROM invoice_series WHERE ? > 0`},
		{"number out of sequence", `INSERT INTO invoices (number, series, seq, doc_type, issue_date, due_date, period_start, period_end,
			hirer_id, supplier, customer, reverse_charge, g_share_percent, payment_term_days, net_total, vat_total, payable, g_amount,
			regular_amount, line_count, vat_count, issued_at) SELECT '2026-000005', '2026', 5, '380', '2026-11-24', '2026-12-08',
			'2026-11-16', '2026-11-22', hirer_id, '{}', '{}', 0, '0', 14, '1', '0', '1', '0', '1', 1, 1, 'x' FROM invoices WHERE id = ?`},
	} {
		err := db.Exec(ctx, c.sql, id)
		if err == nil {
			t.Errorf("%s: the database accepted it", c.name)
		}
	}
	got, err := db.Invoice(ctx, docs[0].Invoice.Number)
	if err != nil || !got.Invoice.Payable.Equal(docs[0].Invoice.Payable) || len(got.Invoice.Lines) != len(docs[0].Invoice.Lines) {
		t.Fatalf("invoice changed: %v", err)
	}
	// A counter stepped by hand without a document (it may step once after
	// its last number was used) does not skip a number: the next document
	// takes the claimed number, and the counter cannot step again before.
	if err := db.Exec(ctx, `UPDATE invoice_series SET last_seq = last_seq + 1`); err != nil {
		t.Fatal(err)
	}
	if err := db.Exec(ctx, `UPDATE invoice_series SET last_seq = last_seq + 1`); err == nil {
		t.Error("counter stepped twice past the documents")
	}
	next := draftsOf(t, x, "INL02", invoice.PerHirer)
	if err := db.IssueInvoices(ctx, next, invoicetest.IssueDate, nil); err != nil || next[0].Invoice.Number != "2026-000002" {
		t.Fatalf("after a hand-stepped counter: %v, number %s", err, next[0].Invoice.Number)
	}
}

func TestPayments_StatementOnceAllocationsWithinLimits(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	x := seedWeek47(t, db)
	docs := draftsOf(t, x, "INL01", invoice.PerHirer)
	if err := db.IssueInvoices(ctx, docs, invoicetest.IssueDate, nil); err != nil {
		t.Fatal(err)
	}
	inv := docs[0].Invoice
	day := invoicetest.IssueDate.AddDate(0, 0, 10)
	st := &app.BankStatement{Hash: "abc", FileName: "camt.xml", Format: "camt053", Entries: 2, From: day, To: day}
	ps := []*app.Payment{
		{EntryKey: "k1", BookedOn: day, Amount: inv.GAmount, Account: app.AccountG,
			Allocations: []app.Allocation{{Number: inv.Number, Amount: inv.GAmount, How: "auto"}}},
		{EntryKey: "k2", BookedOn: day, Amount: decimal.NewFromInt(100), Account: app.AccountRegular,
			Allocations: []app.Allocation{{Number: inv.Number, Amount: decimal.NewFromInt(100), How: "auto"}}},
	}
	n, err := db.SavePayments(ctx, st, ps)
	if err != nil || n != 2 {
		t.Fatalf("booked %d: %v", n, err)
	}
	if prev, _ := db.BankStatementByHash(ctx, "abc"); prev == nil || prev.Booked != 2 {
		t.Fatalf("statement not recorded: %+v", prev)
	}
	again := &app.BankStatement{Hash: "abc", FileName: "camt.xml", Format: "camt053"}
	if _, err := db.SavePayments(ctx, again, []*app.Payment{{EntryKey: "k9", BookedOn: day, Amount: domain.One, Account: app.AccountRegular}}); domain.ErrorCode(err) != domain.ECONFLICT {
		t.Fatalf("same statement twice: %v", err)
	}
	// An overlapping download: the known entry is skipped, the new one booked.
	other := &app.BankStatement{Hash: "def", FileName: "camt2.xml", Format: "camt053"}
	n, err = db.SavePayments(ctx, other, []*app.Payment{
		{EntryKey: "k2", BookedOn: day, Amount: decimal.NewFromInt(100), Account: app.AccountRegular},
		{EntryKey: "k3", BookedOn: day, Amount: decimal.NewFromInt(5), Account: app.AccountRegular},
	})
	if err != nil || n != 1 {
		t.Fatalf("overlap booked %d: %v", n, err)
	}
	rs, err := db.Receivables(ctx, day)
	if err != nil || len(rs) != 1 {
		t.Fatal(err)
	}
	r := rs[0]
	wantOpen := inv.Payable.Sub(inv.GAmount).Sub(decimal.NewFromInt(100))
	if !r.Open().Equal(wantOpen) || !r.OpenG().IsZero() || !r.PaidG.Equal(inv.GAmount) || !r.LastPayment.Equal(day) {
		t.Errorf("receivable open %s (G %s), want %s (G 0)", r.Open(), r.OpenG(), wantOpen)
	}
	// Before the payments' booking date nothing was paid.
	if rs, _ := db.Receivables(ctx, day.AddDate(0, 0, -1)); !rs[0].Open().Equal(inv.Payable) {
		t.Errorf("open the day before: %s", rs[0].Open())
	}
	open, err := db.OpenReceivables(ctx, day)
	if err != nil || !open[inv.HirerID].Equal(wantOpen) {
		t.Errorf("OpenReceivables = %v, want %s for hirer %d", open, wantOpen, inv.HirerID)
	}
	pays, err := db.Payments(ctx, app.PaymentFilter{Unallocated: true})
	if err != nil || len(pays) != 1 || !pays[0].Amount.Equal(decimal.NewFromInt(5)) {
		t.Fatalf("unallocated payments: %v %v", pays, err)
	}
	// More than the payment, or more than the invoice's open amount, is refused.
	if err := db.AllocatePayment(ctx, pays[0].ID, []app.Allocation{{Number: inv.Number, Amount: decimal.NewFromInt(6)}}); domain.ErrorCode(err) != domain.EINVALID {
		t.Errorf("over-allocating a payment: %v", err)
	}
	big := &app.Payment{BookedOn: day, Amount: inv.Payable, Account: app.AccountRegular,
		Allocations: []app.Allocation{{Number: inv.Number, Amount: inv.Payable}}}
	if _, err := db.SavePayments(ctx, nil, []*app.Payment{big}); domain.ErrorCode(err) != domain.EINVALID {
		t.Errorf("allocating more than open: %v", err)
	}
	if err := db.AllocatePayment(ctx, pays[0].ID, []app.Allocation{{Number: inv.Number, Amount: decimal.NewFromInt(5)}}); err != nil {
		t.Fatal(err)
	}
	pays, _ = db.Payments(ctx, app.PaymentFilter{})
	alloc := pays[2].Allocations[0]
	if err := db.DeleteAllocation(ctx, alloc.ID); err != nil {
		t.Fatal(err)
	}
	if pays, _ := db.Payments(ctx, app.PaymentFilter{Unallocated: true}); len(pays) != 1 {
		t.Errorf("deleting an allocation: %d unallocated payments, want 1", len(pays))
	}
}

func TestInvoiceLogo_OptionalAndChecked(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	if l, err := db.InvoiceLogo(ctx); l != nil || err != nil {
		t.Fatalf("new administration has a logo: %v %v", l, err)
	}
	png := []byte("\x89PNG\r\n\x1a\nrest")
	if err := db.SaveInvoiceLogo(ctx, &app.Logo{Data: []byte("GIF89a"), Type: "png"}); domain.ErrorCode(err) != domain.EINVALID {
		t.Errorf("a GIF saved as PNG: %v", err)
	}
	if err := db.SaveInvoiceLogo(ctx, &app.Logo{Data: png, Type: "png"}); err != nil {
		t.Fatal(err)
	}
	if l, _ := db.InvoiceLogo(ctx); l == nil || string(l.Data) != string(png) {
		t.Fatalf("logo not stored: %v", l)
	}
	if err := db.SaveInvoiceLogo(ctx, nil); err != nil {
		t.Fatal(err)
	}
	if l, _ := db.InvoiceLogo(ctx); l != nil {
		t.Error("logo not removed")
	}
}
