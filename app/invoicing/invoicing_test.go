package invoicing_test

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"verloner/domain/checks"

	"github.com/shopspring/decimal"

	"verloner/app"
	"verloner/app/demo"
	"verloner/app/invoicing"
	"verloner/app/sqlite"
	"verloner/domain"
	"verloner/domain/invoice"
)

var week47 = domain.Period{Kind: domain.Weekly, Year: 2026, Number: 47}

// issueDay is the Monday after the demo week: invoices are dated then.
var issueDay = domain.Date(2026, time.November, 23)

// demoDB creates the demo administration and approves its hours, as the
// approval of a payroll period does (app/payrun); except the hours of the
// hirers in keepImported.
func demoDB(t testing.TB, keepImported ...string) *sqlite.DB {
	t.Helper()
	ctx := context.Background()
	db, err := demo.Create(ctx, filepath.Join(t.TempDir(), "demo"+sqlite.Ext))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	db.Now = func() time.Time { return issueDay.Add(9 * time.Hour) }
	db.User = "tester"
	q := `UPDATE hour_lines SET status = 'approved' WHERE status = 'imported'`
	if len(keepImported) > 0 {
		q += ` AND placement_id NOT IN (SELECT p.id FROM placements p JOIN hirers h ON h.id = p.hirer_id WHERE h.number IN ('` +
			strings.Join(keepImported, "','") + `'))`
	}
	if err := db.Exec(ctx, q); err != nil {
		t.Fatal(err)
	}
	// INL01 demands proof of hours: record its signed week sheet, or the
	// checklist holds its hours back from invoicing (see TestDrafts_HoldsBlockedHours).
	hs, err := db.Hirers(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range hs {
		if h.ProofOfHours {
			pr := &checks.HourProof{HirerID: h.ID, Period: week47, Kind: "urenstaat", Reference: "getekend-weekbriefje.pdf",
				ReceivedAt: issueDay.Add(8 * time.Hour)}
			if err := db.SaveHourProof(ctx, pr); err != nil {
				t.Fatal(err)
			}
		}
	}
	return db
}

func TestDrafts_HoldsBlockedHours(t *testing.T) {
	ctx := context.Background()
	db, err := demo.Create(ctx, filepath.Join(t.TempDir(), "demo"+sqlite.Ext))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Exec(ctx, `UPDATE hour_lines SET status = 'approved'`); err != nil {
		t.Fatal(err)
	}
	set, err := invoicing.Drafts(ctx, db, week47, opts())
	if err != nil {
		t.Fatal(err)
	}
	// INL01 demands proof of hours and none is recorded: its hours are held
	// back with the rule named, the other hirers are invoiced.
	held := 0
	for _, p := range set.Problems {
		if strings.Contains(p.Message.NL, "HIR-PROOF") && strings.Contains(p.Message.NL, "niet gefactureerd") {
			held++
		}
	}
	if held == 0 {
		t.Fatalf("no hours held for HIR-PROOF; problems %+v", set.Problems)
	}
	for _, d := range set.Drafts {
		if d.Hirer.Number == "INL01" {
			t.Errorf("INL01 invoiced without proof of hours: %s", d.Invoice.NetTotal)
		}
	}
	if len(set.Drafts) != 4 {
		t.Errorf("%d drafts, want the 4 other hirers", len(set.Drafts))
	}
}

func opts() invoicing.Options {
	return invoicing.Options{Now: func() time.Time { return issueDay.Add(9 * time.Hour) }}
}

func TestDrafts_DemoWeekTotalsReconcile(t *testing.T) {
	ctx := context.Background()
	db := demoDB(t)
	set, err := invoicing.Drafts(ctx, db, week47, opts())
	if err != nil {
		t.Fatal(err)
	}
	if len(set.Problems) > 0 {
		t.Fatalf("problems: %+v", set.Problems)
	}
	if len(set.Drafts) != 5 {
		t.Fatalf("%d drafts, want one per hirer (5)", len(set.Drafts))
	}
	// Independent reconciliation against the hour lines: every billed hour
	// line is in exactly one draft, and per placement × hour type the hours
	// of a draft add up to its line quantities.
	lines, _ := db.HourLines(ctx, week47.Start(), week47.End())
	byID := map[int64]*domain.HourLine{}
	for _, l := range lines {
		byID[l.ID] = l
	}
	seen := map[int64]bool{}
	net, vat, pay := decimal.Zero, decimal.Zero, decimal.Zero
	for _, d := range set.Drafts {
		inv := d.Invoice
		if err := inv.Validate(); err != nil {
			t.Errorf("%s: %v", inv.Customer.Name, err)
		}
		type key struct {
			p int64
			t domain.HourType
		}
		hours := map[key]decimal.Decimal{}
		for _, h := range d.Hours {
			if seen[h.HourLineID] {
				t.Errorf("hour line %d in two drafts", h.HourLineID)
			}
			seen[h.HourLineID] = true
			hl := byID[h.HourLineID]
			if hl == nil || !hl.Quantity.Equal(h.Quantity) || hl.Type != h.Type {
				t.Errorf("hour snapshot %+v does not match the hour line", h)
			}
			hours[key{h.PlacementID, h.Type}] = hours[key{h.PlacementID, h.Type}].Add(h.Quantity)
		}
		lineQty := map[key]decimal.Decimal{}
		sum := decimal.Zero
		for _, l := range inv.Lines {
			lineQty[key{l.PlacementID, l.Type}] = lineQty[key{l.PlacementID, l.Type}].Add(l.Quantity)
			want := domain.RoundCents(l.Quantity.Mul(l.Rate).Mul(l.BillPercent).Div(domain.Hundred))
			if !l.Amount.Equal(want) {
				t.Errorf("%s line %s: %s, want %s", inv.Customer.Name, l.Description, l.Amount, want)
			}
			sum = sum.Add(l.Amount)
		}
		for k, q := range lineQty {
			if !hours[k].Equal(q) {
				t.Errorf("%s placement %d %s: lines %s, hours %s", inv.Customer.Name, k.p, k.t, q, hours[k])
			}
		}
		if len(hours) != len(lineQty) {
			t.Errorf("%s: hours of %d placement×type, lines of %d", inv.Customer.Name, len(hours), len(lineQty))
		}
		if !sum.Equal(inv.NetTotal) || !inv.NetTotal.Add(inv.VATTotal).Equal(inv.Payable) || !inv.GAmount.Add(inv.RegularAmount).Equal(inv.Payable) {
			t.Errorf("%s totals: lines %s net %s vat %s payable %s G %s + %s", inv.Customer.Name, sum, inv.NetTotal,
				inv.VATTotal, inv.Payable, inv.GAmount, inv.RegularAmount)
		}
		if inv.ReverseCharge != (inv.Customer.Number == "INL03") || inv.ReverseCharge && !inv.VATTotal.IsZero() {
			t.Errorf("%s reverse charge %v VAT %s", inv.Customer.Number, inv.ReverseCharge, inv.VATTotal)
		}
		wantG := map[string]string{"INL03": "20", "INL05": "25"}[inv.Customer.Number]
		if wantG == "" {
			wantG = "25"
		}
		if !inv.GSharePercent.Equal(domain.MustDec(wantG)) {
			t.Errorf("%s G share %s, want %s", inv.Customer.Number, inv.GSharePercent, wantG)
		}
		net, vat, pay = net.Add(inv.NetTotal), vat.Add(inv.VATTotal), pay.Add(inv.Payable)
	}
	if !net.Equal(set.NetTotal) || !vat.Equal(set.VATTotal) || !pay.Equal(set.Payable) {
		t.Errorf("set totals %s/%s/%s, drafts add up to %s/%s/%s", set.NetTotal, set.VATTotal, set.Payable, net, vat, pay)
	}
	// Every hour line not in a draft is one FromHours does not bill.
	for _, l := range lines {
		if !seen[l.ID] && l.Type != domain.HourSick && l.Type != domain.HourVacation && !l.BillPercent.IsZero() {
			t.Errorf("hour line %d (%s %s) in no draft", l.ID, l.Date.Format("02-01"), l.Type)
		}
	}
}

func TestDrafts_UnapprovedHoursWaitAndProblemsDoNotBlockOthers(t *testing.T) {
	ctx := context.Background()
	db := demoDB(t, "INL02")
	set, err := invoicing.Drafts(ctx, db, week47, opts())
	if err != nil {
		t.Fatal(err)
	}
	hirers, _ := db.Hirers(ctx)
	var inl02 int64
	for _, h := range hirers {
		if h.Number == "INL02" {
			inl02 = h.ID
		}
	}
	if set.Unapproved[inl02] == 0 || set.UnapprovedTotal() != set.Unapproved[inl02] {
		t.Errorf("unapproved %v, want only INL02's lines", set.Unapproved)
	}
	for _, d := range set.Drafts {
		if d.Hirer.ID == inl02 {
			t.Error("a draft for INL02 whose hours are not approved")
		}
	}
	if len(set.Drafts) != 4 {
		t.Errorf("%d drafts, want 4", len(set.Drafts))
	}
	// A placement without a billing rate stops that hirer only.
	ps, _ := db.Placements(ctx)
	for _, p := range ps {
		if p.HirerID != inl02 && p.BillingRate.IsPositive() {
			p.BillingRate = decimal.Zero
			if err := db.SavePlacement(ctx, p); err != nil {
				t.Fatal(err)
			}
			set, err = invoicing.Drafts(ctx, db, week47, opts())
			if err != nil {
				t.Fatal(err)
			}
			if len(set.Problems) != 1 || set.Problems[0].HirerID != p.HirerID || !strings.Contains(set.Problems[0].Message.NL, "geen uurtarief") {
				t.Errorf("problems %+v, want one for hirer %d", set.Problems, p.HirerID)
			}
			if len(set.Drafts) != 3 {
				t.Errorf("%d drafts beside the problem, want 3", len(set.Drafts))
			}
			break
		}
	}
}

func TestIssue_NumbersAndNeverBillsTwice(t *testing.T) {
	ctx := context.Background()
	db := demoDB(t)
	set, err := invoicing.Drafts(ctx, db, week47, invoicing.Options{Grouping: invoice.PerCostCentre, Now: opts().Now})
	if err != nil {
		t.Fatal(err)
	}
	var steps int
	o := opts()
	o.Progress = func(done, total int) { steps = done }
	docs, err := invoicing.Issue(ctx, db, set.Drafts, o)
	if err != nil {
		t.Fatal(err)
	}
	if steps != len(docs) || len(docs) < 5 {
		t.Fatalf("progress %d for %d documents", steps, len(docs))
	}
	for i, d := range docs {
		if want := invoice.SeriesFor(issueDay).Format(i + 1); d.Invoice.Number != want || !d.Invoice.IssueDate.Equal(issueDay) {
			t.Errorf("document %d: %s of %s, want %s of %s", i, d.Invoice.Number, d.Invoice.IssueDate, want, issueDay)
		}
	}
	again, err := invoicing.Drafts(ctx, db, week47, opts())
	if err != nil {
		t.Fatal(err)
	}
	if len(again.Drafts) != 0 || again.Invoiced == 0 {
		t.Errorf("after issuing: %d drafts, %d invoiced lines", len(again.Drafts), again.Invoiced)
	}
	// Issuing the old drafts again is refused (they carry numbers now).
	if _, err := invoicing.Issue(ctx, db, set.Drafts, opts()); err == nil {
		t.Error("issued the same drafts twice")
	}
	list, err := invoicing.List(ctx, db, app.InvoiceFilter{Period: week47.String()})
	if err != nil || len(list) != len(docs) {
		t.Fatalf("List: %d, %v", len(list), err)
	}
}

func TestCredit_FullReleasesHoursPartialDoesNot(t *testing.T) {
	ctx := context.Background()
	db := demoDB(t)
	set, err := invoicing.Drafts(ctx, db, week47, opts())
	if err != nil {
		t.Fatal(err)
	}
	docs, err := invoicing.Issue(ctx, db, set.Drafts, opts())
	if err != nil {
		t.Fatal(err)
	}
	target := docs[0].Invoice
	// Part of line 1: no hours are released.
	half := target.Lines[0].Quantity.Div(decimal.NewFromInt(2))
	cn, err := invoicing.Credit(ctx, db, target.Number, []invoicing.CreditLine{{Line: 1, Quantity: half}}, "Half uur te veel", opts())
	if err != nil {
		t.Fatal(err)
	}
	if len(cn.Hours) != 0 || !cn.Invoice.IsCredit() || cn.Invoice.BillingReference != target.Number {
		t.Errorf("partial credit note: %d hours released, ref %s", len(cn.Hours), cn.Invoice.BillingReference)
	}
	if d, _ := invoicing.Drafts(ctx, db, week47, opts()); len(d.Drafts) != 0 {
		t.Errorf("a partial credit note released hours: %d drafts", len(d.Drafts))
	}
	// More than is left on the line is refused.
	if _, err := invoicing.Credit(ctx, db, target.Number, []invoicing.CreditLine{{Line: 1, Quantity: target.Lines[0].Quantity}}, "", opts()); domain.ErrorCode(err) != domain.EINVALID {
		t.Errorf("crediting more than left: %v", err)
	}
	if _, err := invoicing.Credit(ctx, db, cn.Invoice.Number, nil, "", opts()); domain.ErrorCode(err) != domain.EINVALID {
		t.Errorf("crediting a credit note: %v", err)
	}
	// The rest: every line as far as left; all hours come free.
	full, err := invoicing.Credit(ctx, db, target.Number, nil, "", opts())
	if err != nil {
		t.Fatal(err)
	}
	if !cn.Invoice.Payable.Add(full.Invoice.Payable).Equal(target.Payable) {
		t.Errorf("credit notes %s + %s ≠ invoice %s", cn.Invoice.Payable, full.Invoice.Payable, target.Payable)
	}
	if len(full.Hours) != len(docs[0].Hours) {
		t.Errorf("full credit released %d of %d hour lines", len(full.Hours), len(docs[0].Hours))
	}
	if _, err := invoicing.Credit(ctx, db, target.Number, nil, "", opts()); domain.ErrorCode(err) != domain.EINVALID {
		t.Errorf("crediting a fully credited invoice: %v", err)
	}
	redo, err := invoicing.Drafts(ctx, db, week47, opts())
	if err != nil {
		t.Fatal(err)
	}
	if len(redo.Drafts) != 1 || !redo.Drafts[0].Invoice.Payable.Equal(target.Payable) {
		t.Fatalf("after the full credit: %d drafts", len(redo.Drafts))
	}
	again, err := invoicing.Issue(ctx, db, redo.Drafts, opts())
	if err != nil {
		t.Fatal(err)
	}
	if want := invoice.SeriesFor(issueDay).Format(len(docs) + 3); again[0].Invoice.Number != want {
		t.Errorf("re-issued as %s, want %s", again[0].Invoice.Number, want)
	}
}

func TestDrafts_CreditLimitAgainstOpenPlusNew(t *testing.T) {
	ctx := context.Background()
	db := demoDB(t)
	set, err := invoicing.Drafts(ctx, db, week47, opts())
	if err != nil {
		t.Fatal(err)
	}
	byNr := map[string]*invoicing.Draft{}
	for _, d := range set.Drafts {
		byNr[d.Hirer.Number] = d
	}
	if c := byNr["INL05"].Credit; c.Warning == nil || c.Over {
		t.Errorf("INL05 without a limit: %+v", c)
	}
	if c := byNr["INL01"].Credit; c.Warning != nil || !c.Open.IsZero() {
		t.Errorf("INL01 well within its limit: %+v", c)
	}
	// Issue everything, then lower INL01's limit below what it owes plus a new draft.
	if _, err := invoicing.Issue(ctx, db, set.Drafts, opts()); err != nil {
		t.Fatal(err)
	}
	open := byNr["INL01"].Invoice.Payable
	h := byNr["INL01"].Hirer
	h.CreditLimit = open.Add(decimal.NewFromInt(100))
	if err := db.SaveHirer(ctx, h); err != nil {
		t.Fatal(err)
	}
	// Next week's approved hours for INL01.
	ps, _ := db.Placements(ctx)
	for _, p := range ps {
		if p.HirerID == h.ID {
			l := &domain.HourLine{PlacementID: p.ID, Date: domain.Date(2026, time.November, 23), Type: domain.HourNormal,
				Quantity: decimal.NewFromInt(8), Status: domain.HoursApproved}
			if err := db.AddHourLines(ctx, []*domain.HourLine{l}); err != nil {
				t.Fatal(err)
			}
			break
		}
	}
	// Week 48's proof of hours for INL01 (it demands one).
	if err := db.SaveHourProof(ctx, &checks.HourProof{HirerID: h.ID, Period: week47.Next(), Kind: "urenstaat",
		Reference: "week48.pdf", ReceivedAt: issueDay.Add(8 * time.Hour)}); err != nil {
		t.Fatal(err)
	}
	next, err := invoicing.Drafts(ctx, db, week47.Next(), opts())
	if err != nil || len(next.Drafts) != 1 {
		t.Fatalf("week 48: %v, %d drafts", err, len(next.Drafts))
	}
	c := next.Drafts[0].Credit
	if !c.Over || !c.Open.Equal(open) || c.Warning == nil || !strings.Contains(c.Warning.NL, "boven de kredietlimiet") {
		t.Errorf("credit check %+v, want over (open %s)", c, open)
	}
}

func TestExport_FilesPrivateWholeAndValid(t *testing.T) {
	ctx := context.Background()
	db := demoDB(t)
	set, err := invoicing.Drafts(ctx, db, week47, opts())
	if err != nil {
		t.Fatal(err)
	}
	docs, err := invoicing.Issue(ctx, db, set.Drafts, opts())
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "out")
	var steps []int
	list, _ := invoicing.List(ctx, db, app.InvoiceFilter{}) // totals only: Export reads the rest
	paths, err := invoicing.Export(ctx, db, list, dir, invoicing.ExportOptions{Overview: "facturen-" + week47.String(),
		Progress: func(done, total int) { steps = append(steps, done) }})
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) != 3*len(docs)+1 || len(steps) != len(docs) {
		t.Fatalf("%d files, %d progress calls for %d documents", len(paths), len(steps), len(docs))
	}
	if fi, _ := os.Stat(dir); fi.Mode().Perm() != 0o700 {
		t.Errorf("folder mode %o", fi.Mode().Perm())
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != len(paths) {
		t.Errorf("%d entries in the folder, %d written: temporary files left?", len(entries), len(paths))
	}
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil || fi.Mode().Perm() != 0o600 || fi.Size() == 0 {
			t.Errorf("%s: %v mode %o", p, err, fi.Mode().Perm())
		}
	}
	if _, err := exec.LookPath("qpdf"); err == nil {
		for _, p := range paths {
			if strings.HasSuffix(p, ".pdf") {
				if out, err := exec.Command("qpdf", "--check", p).CombinedOutput(); err != nil {
					t.Errorf("qpdf --check %s: %v\n%s", filepath.Base(p), err, out)
				}
			}
		}
	}
	want := filepath.Join(dir, "factuur-2026-000001-INL01.pdf")
	if paths[0] != want {
		t.Errorf("first file %s, want %s", paths[0], want)
	}
	// Cancelled: an error, and no half-written file.
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	dir2 := filepath.Join(t.TempDir(), "cancelled")
	if _, err := invoicing.Export(cctx, db, docs, dir2, invoicing.ExportOptions{}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled export: %v", err)
	}
}
