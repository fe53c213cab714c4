package debtors_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"verloner/domain/checks"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"verloner/app"
	"verloner/app/checking"
	"verloner/app/debtors"
	"verloner/app/demo"
	"verloner/app/invoicing"
	"verloner/app/sqlite"
	"verloner/domain"
)

var week47 = domain.Period{Kind: domain.Weekly, Year: 2026, Number: 47}

// issued creates the demo, approves its hours and issues the week's invoices
// on 23-11-2026.
func issued(t *testing.T) (*sqlite.DB, []*app.InvoiceDoc) {
	t.Helper()
	ctx := context.Background()
	db, err := demo.Create(ctx, filepath.Join(t.TempDir(), "demo"+sqlite.Ext))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	db.Now = func() time.Time { return time.Date(2026, 12, 8, 9, 0, 0, 0, time.UTC) }
	if err := db.Exec(ctx, `UPDATE hour_lines SET status = 'approved'`); err != nil {
		t.Fatal(err)
	}
	// INL01 demands proof of hours: record it, or its hours are held back from invoicing.
	hs, err := db.Hirers(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range hs {
		if h.ProofOfHours {
			if err := db.SaveHourProof(ctx, &checks.HourProof{HirerID: h.ID, Period: week47, Kind: "urenstaat",
				Reference: "week47.pdf", ReceivedAt: time.Date(2026, 11, 23, 8, 0, 0, 0, time.UTC)}); err != nil {
				t.Fatal(err)
			}
		}
	}
	opt := invoicing.Options{IssueDate: domain.Date(2026, time.November, 23)}
	set, err := invoicing.Drafts(ctx, db, week47, opt)
	if err != nil {
		t.Fatal(err)
	}
	docs, err := invoicing.Issue(ctx, db, set.Drafts, opt)
	if err != nil {
		t.Fatal(err)
	}
	return db, docs
}

func byHirer(docs []*app.InvoiceDoc, nr string) *app.InvoiceDoc {
	for _, d := range docs {
		if d.Invoice.Customer.Number == nr {
			return d
		}
	}
	return nil
}

// camt writes a CAMT.053 with one statement per account and the given credits.
type credit struct {
	iban, amount, text, ref string
}

func camt(credits []credit) []byte {
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt><GrpHdr><MsgId>T</MsgId><CreDtTm>2026-12-08T06:00:00</CreDtTm></GrpHdr>`)
	for _, acct := range []string{"NL67INGB0006543210", "NL75INGB0990001234"} {
		fmt.Fprintf(&b, `<Stmt><Id>%s</Id><Acct><Id><IBAN>%s</IBAN></Id><Ccy>EUR</Ccy></Acct>`, acct, acct)
		for _, c := range credits {
			if c.iban != acct {
				continue
			}
			fmt.Fprintf(&b, `<Ntry><Amt Ccy="EUR">%s</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>2026-12-07</Dt></BookgDt>
<AcctSvcrRef>%s</AcctSvcrRef><NtryDtls><TxDtls><RltdPties><Dbtr><Nm>Klant</Nm></Dbtr><DbtrAcct><Id><IBAN>NL91ABNA0417164300</IBAN></Id></DbtrAcct></RltdPties>
<RmtInf><Ustrd>%s</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>`, c.amount, c.ref, c.text)
		}
		b.WriteString(`</Stmt>`)
	}
	b.WriteString(`</BkToCstmrStmt></Document>`)
	return b.Bytes()
}

func TestImport_MatchesBooksOnceAndSeparatesTheGAccount(t *testing.T) {
	ctx := context.Background()
	db, docs := issued(t)
	inl01 := byHirer(docs, "INL01").Invoice
	inl02 := byHirer(docs, "INL02").Invoice
	inl03 := byHirer(docs, "INL03").Invoice
	opt := debtors.Options{AsOf: domain.Date(2026, time.December, 8)}
	file := camt([]credit{
		{"NL67INGB0006543210", inl01.RegularAmount.StringFixed(2), "Factuur " + inl01.Number, "R1"},
		{"NL75INGB0990001234", inl01.GAmount.StringFixed(2), "G-deel " + inl01.Number, "G1"},
		{"NL67INGB0006543210", "100.00", "deelbetaling fact " + strings.ReplaceAll(inl02.Number, "-", ""), "R2"},
		{"NL67INGB0006543210", inl03.RegularAmount.StringFixed(2), "betaling week 47", "R3"},
		{"NL67INGB0006543210", "12.34", "rente", "R4"},
	})
	imp, err := debtors.Preview(ctx, db, file, "camt.xml", opt)
	if err != nil {
		t.Fatal(err)
	}
	want := []debtors.Status{debtors.Matched, debtors.Partial, debtors.Suggested, debtors.Unmatched, debtors.Matched}
	for i, m := range imp.Matches {
		if m.Status != want[i] {
			t.Errorf("entry %d (%s): %s, want %s — %s", i, m.Entry.Remittance, m.Status, want[i], m.Message.NL)
		}
		if strings.Contains(m.Entry.CounterIBAN, "0417") {
			t.Errorf("preview shows an unmasked IBAN: %s", m.Entry.CounterIBAN)
		}
	}
	if imp.Matches[4].Account != app.AccountG {
		t.Errorf("G payment booked on %s", imp.Matches[4].Account)
	}
	if imp.Matches[2].Suggestion != inl03.Number {
		t.Errorf("suggestion %q, want %s", imp.Matches[2].Suggestion, inl03.Number)
	}
	n, err := debtors.Commit(ctx, db, imp, file)
	if err != nil || n != 5 {
		t.Fatalf("booked %d: %v", n, err)
	}
	// Confirming the suggestion.
	if err := debtors.Allocate(ctx, db, imp.Matches[2].PaymentID, imp.Matches[2].Suggestion, decimal.Zero); err != nil {
		t.Fatal(err)
	}
	l, err := debtors.Open(ctx, db, opt)
	if err != nil {
		t.Fatal(err)
	}
	items := map[string]*debtors.Item{}
	for _, it := range l.Items {
		items[it.Number] = it
	}
	if items[inl01.Number] != nil {
		t.Errorf("INL01 paid in full (both accounts) but still open: %s", items[inl01.Number].Open)
	}
	if it := items[inl02.Number]; it == nil || !it.Open.Equal(inl02.Payable.Sub(decimal.NewFromInt(100))) {
		t.Errorf("INL02 after a part payment: %+v", it)
	}
	if it := items[inl03.Number]; it == nil || !it.Open.Equal(inl03.GAmount) || !it.OpenG.Equal(inl03.GAmount) {
		t.Errorf("INL03: regular part paid, G part %s should be open: %+v", inl03.GAmount, it)
	}
	if len(l.Unallocated) != 1 || !l.UnallocatedTotal.Equal(domain.MustDec("12.34")) {
		t.Errorf("unallocated %d (%s), want the interest", len(l.Unallocated), l.UnallocatedTotal)
	}
	// Total open reconciles with the invoices minus what was allocated.
	sum := decimal.Zero
	for _, d := range docs {
		sum = sum.Add(d.Invoice.Payable)
	}
	paid := inl01.Payable.Add(decimal.NewFromInt(100)).Add(inl03.RegularAmount)
	if !l.Open.Equal(sum.Sub(paid)) {
		t.Errorf("open %s, want %s − %s", l.Open, sum, paid)
	}
	open, err := debtors.OpenReceivables(ctx, db, opt)
	if err != nil {
		t.Fatal(err)
	}
	total := decimal.Zero
	for _, v := range open {
		total = total.Add(v)
	}
	if !total.Equal(l.Open) {
		t.Errorf("OpenReceivables adds up to %s, ledger %s", total, l.Open)
	}

	// The same file again: reported, refused, nothing booked twice.
	again, err := debtors.Preview(ctx, db, file, "camt-kopie.xml", opt)
	if err != nil {
		t.Fatal(err)
	}
	if again.Previous == nil || again.Counts[debtors.Known] != 5 {
		t.Errorf("same file: previous %v, counts %v", again.Previous, again.Counts)
	}
	if _, err := debtors.Commit(ctx, db, again, file); domain.ErrorCode(err) != domain.ECONFLICT {
		t.Errorf("second commit of the same file: %v", err)
	}
	// An overlapping download (other content, one entry in common).
	next := camt([]credit{
		{"NL67INGB0006543210", inl01.RegularAmount.StringFixed(2), "Factuur " + inl01.Number, "R1"},
		{"NL67INGB0006543210", "50.00", inl02.Number, "R9"},
	})
	imp2, err := debtors.Preview(ctx, db, next, "camt2.xml", opt)
	if err != nil {
		t.Fatal(err)
	}
	if imp2.Counts[debtors.Known] != 1 || imp2.Counts[debtors.Partial] != 1 {
		t.Errorf("overlap counts %v", imp2.Counts)
	}
	if n, err := debtors.Commit(ctx, db, imp2, next); err != nil || n != 1 {
		t.Errorf("overlap booked %d: %v", n, err)
	}
}

func TestOpen_AgingAtBoundariesAndReminders(t *testing.T) {
	ctx := context.Background()
	db, docs := issued(t)
	inl01 := byHirer(docs, "INL01").Invoice // 14 days: due 07-12-2026
	inl02 := byHirer(docs, "INL02").Invoice // 30 days: due 23-12-2026
	if !inl01.DueDate.Equal(domain.Date(2026, time.December, 7)) {
		t.Fatalf("INL01 due %s", inl01.DueDate)
	}
	bucket := func(asOf time.Time, nr string) (debtors.Bucket, int) {
		l, err := debtors.Open(ctx, db, debtors.Options{AsOf: asOf})
		if err != nil {
			t.Fatal(err)
		}
		for _, it := range l.Items {
			if it.Number == nr {
				return it.Bucket, it.DaysPastDue
			}
		}
		t.Fatalf("%s not open", nr)
		return 0, 0
	}
	due := inl01.DueDate
	for _, c := range []struct {
		offset int
		want   debtors.Bucket
	}{{-1, debtors.NotDue}, {0, debtors.Days0to30}, {30, debtors.Days0to30}, {31, debtors.Days31to60}, {60, debtors.Days31to60},
		{61, debtors.Days61to90}, {90, debtors.Days61to90}, {91, debtors.Over90}} {
		b, days := bucket(due.AddDate(0, 0, c.offset), inl01.Number)
		if b != c.want || days != c.offset {
			t.Errorf("%d days after the due date: %s (%d days), want %s", c.offset, b.Label("nl"), days, c.want.Label("nl"))
		}
	}
	// On 08-12 INL01 is one day overdue, INL02 not yet due.
	l, err := debtors.Open(ctx, db, debtors.Options{AsOf: domain.Date(2026, time.December, 8)})
	if err != nil {
		t.Fatal(err)
	}
	rs := l.Reminders()
	var names []string
	for _, r := range rs {
		names = append(names, r.Number)
		if r.Number == "INL02" {
			t.Error("INL02 is not overdue yet")
		}
	}
	if len(rs) == 0 || rs[0].Items[0].Number == "" || !strings.Contains(strings.Join(names, ","), "INL01") {
		t.Fatalf("reminders %v", names)
	}
	for _, r := range rs {
		if r.Number == "INL01" && (!r.Total.Equal(inl01.Payable) || r.OldestDays != 1 || !strings.Contains(r.Text.NL, inl01.Number)) {
			t.Errorf("INL01 reminder %+v", r)
		}
	}
	// Sum of the buckets is the total; per hirer too.
	sum := decimal.Zero
	for _, v := range l.Buckets {
		sum = sum.Add(v)
	}
	if !sum.Equal(l.Open) {
		t.Errorf("buckets %v add up to %s, open %s", l.Buckets, sum, l.Open)
	}
	_ = inl02
	// A credit limit below what a hirer owes shows.
	for _, h := range l.Hirers {
		if h.Number == "INL04" && (h.OverLimit || !h.LimitUsed.IsPositive()) {
			t.Errorf("INL04 limit %s used %s%% over %v", h.CreditLimit, h.LimitUsed, h.OverLimit)
		}
	}
}

func TestRegister_ByHandAndExports(t *testing.T) {
	ctx := context.Background()
	db, docs := issued(t)
	inv := byHirer(docs, "INL05").Invoice
	opt := debtors.Options{AsOf: domain.Date(2026, time.December, 30)}
	p, err := debtors.Register(ctx, db, debtors.ManualPayment{Date: domain.Date(2026, time.December, 10), Amount: inv.Payable.Add(decimal.NewFromInt(5)),
		Invoice: inv.Number, CounterName: "Breda Office Services", Note: "contant"}, opt)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Allocations) != 1 || !p.Allocations[0].Amount.Equal(inv.Payable) {
		t.Errorf("allocations %+v, want the invoice amount", p.Allocations)
	}
	if _, err := debtors.Register(ctx, db, debtors.ManualPayment{Amount: decimal.NewFromInt(1), Invoice: inv.Number}, opt); domain.ErrorCode(err) != domain.EINVALID {
		t.Errorf("paying a paid invoice: %v", err)
	}
	if _, err := debtors.Register(ctx, db, debtors.ManualPayment{Amount: decimal.NewFromInt(-1)}, opt); domain.ErrorCode(err) != domain.EINVALID {
		t.Errorf("negative payment: %v", err)
	}
	if _, err := debtors.Register(ctx, db, debtors.ManualPayment{Amount: decimal.NewFromInt(1), Invoice: "2026-009999"}, opt); domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Errorf("unknown invoice: %v", err)
	}
	// Add an unallocated payment with an IBAN to see it masked in the export.
	if _, err := db.SavePayments(ctx, nil, []*app.Payment{{BookedOn: domain.Date(2026, time.December, 11), Amount: decimal.NewFromInt(7),
		Account: app.AccountRegular, CounterIBAN: "NL91ABNA0417164300", CounterName: "Onbekend"}}); err != nil {
		t.Fatal(err)
	}
	l, err := debtors.Open(ctx, db, opt)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := debtors.WriteXLSX(&buf, l, debtors.ExportOptions{}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); strings.Join(got, "|") != "Ouderdom|Openstaande posten|Aanmaningen|Niet toegewezen" {
		t.Errorf("sheets %v", got)
	}
	items, _ := f.GetRows("Openstaande posten")
	if len(items) != 1+len(l.Items) {
		t.Errorf("%d item rows, want %d", len(items)-1, len(l.Items))
	}
	un, _ := f.GetRows("Niet toegewezen")
	if len(un) != 3 || strings.Contains(strings.Join(un[1], " ")+strings.Join(un[2], " "), "0417") || !strings.Contains(strings.Join(un[2], " "), "NL** ****") {
		t.Errorf("unallocated sheet %v: the IBAN must be there, masked", un)
	}
	for _, lang := range []string{"nl", "en"} {
		b, err := debtors.PDF(l, debtors.ExportOptions{Lang: lang, Agency: "Flexwerk Zuid B.V."})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := exec.LookPath("qpdf"); err == nil {
			p := filepath.Join(t.TempDir(), "d.pdf")
			os.WriteFile(p, b, 0o600)
			if out, err := exec.Command("qpdf", "--check", p).CombinedOutput(); err != nil {
				t.Errorf("qpdf: %v\n%s", err, out)
			}
		}
		if dir := os.Getenv("DEBTORS_OUT"); dir != "" {
			os.WriteFile(filepath.Join(dir, "debiteuren-"+lang+".pdf"), b, 0o600)
		}
	}
}

// TestChecklistSeesOpenReceivables: app/checking asks the store (its
// ReceivablesSource) for open receivables, so the checklist's credit-limit
// rule weighs real invoices once they exist.
func TestChecklistSeesOpenReceivables(t *testing.T) {
	ctx := context.Background()
	db, docs := issued(t)
	in, err := checking.Load(ctx, db, week47.Next(), checking.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range docs {
		inv := d.Invoice
		if got := in.OpenReceivables[inv.HirerID]; !got.Equal(inv.Payable) {
			t.Errorf("%s: checklist sees %s open, invoice %s", inv.Customer.Number, got, inv.Payable)
		}
	}
}
