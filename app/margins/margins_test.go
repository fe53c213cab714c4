package margins_test

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"verloner/app"
	"verloner/app/demo"
	"verloner/app/invoicing"
	"verloner/app/margins"
	"verloner/app/payrun"
	"verloner/app/sqlite"
	"verloner/domain"
	"verloner/domain/margin"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden.json")

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// TestDemoWeek_Golden: the demo week's overview after its final run and
// invoices, as JSON (the --json output and what the GUI gets).
func TestDemoWeek_Golden(t *testing.T) {
	ctx := context.Background()
	db, run := demoDB(t)
	invoiceWeek(t, db)
	ov, err := margins.Overview(ctx, db, w47, margins.Options{Now: func() time.Time { return monday }})
	must(t, err)
	got, err := json.MarshalIndent(ov, "", "  ")
	must(t, err)
	got = append(got, '\n')
	golden := filepath.Join("testdata", "demo-2026-W47.golden.json")
	if *update {
		must(t, os.WriteFile(golden, got, 0o644))
	}
	want, err := os.ReadFile(golden)
	must(t, err)
	if !bytes.Equal(got, want) {
		t.Errorf("overview differs from %s (go test ./app/margins -run Golden -update after checking the change)\n%s", golden, firstDiff(got, want))
	}

	// Independent of the golden file: wage cost is the run's, revenue the
	// invoices', and the demo's unpaid workers are flagged.
	m := ov.Margins
	if !m.Total.WageCost.Equal(run.WageCost) {
		t.Errorf("wage cost %s, run %s", m.Total.WageCost, run.WageCost)
	}
	net := decimal.Zero
	docs, _ := invoicing.List(ctx, db, app.InvoiceFilter{Period: w47.String()})
	for _, d := range docs {
		net = net.Add(d.Invoice.NetTotal)
	}
	if !m.Total.Revenue.Equal(net) || net.IsZero() {
		t.Errorf("revenue %s, invoices %s", m.Total.Revenue, net)
	}
	if ov.Status != margin.StatusFinal || !m.Total.CostMissing || m.Paid != len(run.Payslips) || m.Headcount != 25 {
		t.Errorf("status %s cost missing %v paid %d headcount %d", ov.Status, m.Total.CostMissing, m.Paid, m.Headcount)
	}
	if ov.Previous.Available || ov.LastYear.Available || ov.Previous.MarginChange.Valid || len(ov.Series) != 47 || ov.YearToDate.Periods != 1 {
		t.Errorf("comparisons: previous %+v last year %+v series %d", ov.Previous, ov.LastYear, len(ov.Series))
	}
	if len(m.Problems) > 0 {
		t.Errorf("problems: %+v", m.Problems)
	}
}

// firstDiff shows where two texts part.
func firstDiff(a, b []byte) string {
	al, bl := strings.Split(string(a), "\n"), strings.Split(string(b), "\n")
	for i := 0; i < len(al) && i < len(bl); i++ {
		if al[i] != bl[i] {
			return "line " + strconv.Itoa(i+1) + ":\n got " + al[i] + "\nwant " + bl[i]
		}
	}
	return "lengths differ"
}

// TestDemoWeek_EstimatedUntilInvoiced: with the final run but no invoices,
// revenue is priced from the approved hours and marked estimated; the
// invoices then replace the estimate with the same amounts.
func TestDemoWeek_EstimatedUntilInvoiced(t *testing.T) {
	ctx := context.Background()
	db, _ := demoDB(t)
	est, err := margins.Overview(ctx, db, w47, margins.Options{Now: func() time.Time { return wednesday }, NoYearToDate: true})
	must(t, err)
	if est.Status != margin.StatusEstimated || !est.Margins.Total.Estimated || est.YearToDate != nil || len(est.Series) != 0 {
		t.Fatalf("before invoicing: status %s estimated %v", est.Status, est.Margins.Total.Estimated)
	}
	for _, r := range est.Margins.Revenue {
		if !r.Estimated || r.Invoice != "" {
			t.Fatalf("revenue line %+v not estimated", r)
		}
	}
	invoiceWeek(t, db)
	fin, err := margins.Overview(ctx, db, w47, margins.Options{Now: func() time.Time { return monday }, NoYearToDate: true})
	must(t, err)
	if fin.Status != margin.StatusFinal || fin.Margins.Total.Estimated {
		t.Fatalf("after invoicing: status %s", fin.Status)
	}
	if !fin.Margins.Total.Revenue.Equal(est.Margins.Total.Revenue) || !fin.Margins.Total.Margin.Equal(est.Margins.Total.Margin) {
		t.Errorf("estimate %s, invoiced %s", est.Margins.Total.Revenue, fin.Margins.Total.Revenue)
	}
	// The next week has no data; its previous week is this one.
	next, err := margins.Overview(ctx, db, w47.Next(), margins.Options{Now: func() time.Time { return monday }, NoYearToDate: true})
	must(t, err)
	if next.Status != margin.StatusNoData || !next.Previous.Available || !next.Previous.Total.Margin.Equal(fin.Margins.Total.Margin) ||
		!next.Previous.MarginChange.Decimal.Equal(fin.Margins.Total.Margin.Neg()) || next.LastYear.Available {
		t.Errorf("week 48: status %s previous %+v", next.Status, next.Previous)
	}
}

// twoHirers adds to the demo administration a worker with a placement at
// INL04 and one at INL03 and his hours of week 48 (the demo's hours are in
// week 47): Monday–Wednesday 8 h at INL04, Thursday–Friday 8 h at INL03 and
// 2 h overtime on Friday.
func twoHirers(t *testing.T) (*sqlite.DB, *domain.Worker) {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "twee"+sqlite.Ext))
	must(t, err)
	t.Cleanup(func() { db.Close() })
	db.Now = func() time.Time { return w48wed }
	db.User = "tester"
	must(t, demo.Load(ctx, db))
	hirers, err := db.Hirers(ctx)
	must(t, err)
	byNumber := map[string]*domain.Hirer{}
	for _, h := range hirers {
		byNumber[h.Number] = h
	}
	w := &domain.Worker{Number: "1901", FirstName: "Kees", LastName: "Tweewerk", BirthDate: domain.Date(1990, 3, 1), BSN: "123456782",
		IBAN: "NL91ABNA0417164300", Identity: domain.IDDocument{Type: "paspoort", Number: "X1901", Expiry: domain.Date(2031, 1, 1)},
		ApplyTaxCredit: true, TaxCreditSignedOn: domain.Date(2025, 12, 1), Phase: domain.PhaseA, Uitzendbeding: true,
		ContractType: "uitzendovereenkomst met uitzendbeding", ContractSignedOn: domain.Date(2025, 12, 1),
		Reservations: domain.ReservationsReserved, Language: domain.Dutch, StartDate: domain.Date(2025, 12, 1),
		DeductionAuthSigned: domain.Date(2025, 12, 1)}
	must(t, db.SaveWorker(ctx, w))
	monday := w48.Start()
	for i, pl := range []struct {
		number, hirer, rate, function string
		days                          []int
	}{{"PL9901", "INL04", "30", "Oogstmedewerker", []int{0, 1, 2}}, {"PL9902", "INL03", "40", "Bouwplaatsassistent", []int{3, 4}}} {
		p := &domain.Placement{Number: pl.number, WorkerID: w.ID, HirerID: byNumber[pl.hirer].ID, Start: domain.Date(2025, 12, 1),
			HourlyWage: dec("16.00"), BillingRate: dec(pl.rate), Phase: domain.PhaseA, Function: pl.function}
		for _, ty := range domain.HourTypes {
			p.Rates = append(p.Rates, domain.HourTypeRate{Type: ty, PayPercent: ty.DefaultPayPercent(), BillPercent: ty.DefaultPayPercent()})
		}
		must(t, db.SavePlacement(ctx, p))
		var lines []*domain.HourLine
		for _, d := range pl.days {
			lines = append(lines, &domain.HourLine{PlacementID: p.ID, Date: monday.AddDate(0, 0, d), Type: domain.HourNormal, Quantity: dec("8")})
		}
		if i == 1 {
			lines = append(lines, &domain.HourLine{PlacementID: p.ID, Date: monday.AddDate(0, 0, 4), Type: domain.HourOvertime125, Quantity: dec("2")})
		}
		must(t, db.AddHourLines(ctx, lines))
	}
	return db, w
}

var (
	w48    = domain.Period{Kind: domain.Weekly, Year: 2026, Number: 48}
	w48wed = time.Date(2026, 12, 2, 11, 0, 0, 0, time.UTC)
	w48mon = time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)
)

// TestTwoHirers_AllocationSettlementApproval pays and invoices a worker who
// worked for two hirers, checks that each hirer carries the wage cost of
// the hours paid for it, and takes the settlement through approval.
func TestTwoHirers_AllocationSettlementApproval(t *testing.T) {
	ctx := context.Background()
	db, w := twoHirers(t)
	popt := payrun.Options{Now: func() time.Time { return w48wed }, By: "anna"}
	_, err := payrun.Proof(ctx, db, w48, popt, nil)
	must(t, err)
	_, err = payrun.Approve(ctx, db, w48, popt)
	must(t, err)
	run, err := payrun.Finalise(ctx, db, w48, popt, nil)
	must(t, err)
	if len(run.Payslips) != 1 || len(run.LeftOut) != 0 {
		t.Fatalf("run: %d paid, left out %+v", len(run.Payslips), run.LeftOut)
	}
	cost := run.Payslips[0].Slip.WageCost
	must(t, margins.SaveFee(ctx, db, margin.Fee{Kind: margin.FeePerWorkerWeek, Rate: dec("25"), Backoffice: "Payroll Partners B.V."}))
	opt := margins.Options{Now: func() time.Time { return w48wed }, NoYearToDate: true}

	// Paid, not invoiced: estimated, not ready to approve.
	ov, err := margins.Overview(ctx, db, w48, opt)
	must(t, err)
	if ov.Status != margin.StatusEstimated || ov.Settlement == nil || ov.Settlement.Ready {
		t.Fatalf("before invoicing: status %s settlement %+v", ov.Status, ov.Settlement)
	}
	if _, err := margins.Approve(ctx, db, w48, "anna", opt); domain.ErrorCode(err) != domain.EINVALID || !strings.Contains(err.Error(), "geschat") {
		t.Errorf("approving an estimate: %v", err)
	}

	iopt := invoicing.Options{Now: func() time.Time { return w48mon }, IssueDate: w48mon}
	set, err := invoicing.Drafts(ctx, db, w48, iopt)
	must(t, err)
	docs, err := invoicing.Issue(ctx, db, set.Drafts, iopt)
	must(t, err)
	if len(docs) != 2 {
		t.Fatalf("%d invoices", len(docs))
	}
	opt.Now = func() time.Time { return w48mon }
	ov, err = margins.Overview(ctx, db, w48, opt)
	must(t, err)
	m := ov.Margins
	// 42 paid hours: 24 at INL04 (PL9901), 16 + 2 at INL03 (PL9902).
	inl04 := cost.Mul(dec("24")).DivRound(dec("42"), 16).Round(2)
	want := map[string][2]decimal.Decimal{
		"INL04": {dec("720.00"), inl04},           // 24 × 30
		"INL03": {dec("740.00"), cost.Sub(inl04)}, // 16 × 40 + 2 × 40 × 125 %
	}
	if len(m.Hirers) != 2 {
		t.Fatalf("hirers %+v", m.Hirers)
	}
	for _, h := range m.Hirers {
		wv := want[h.Key]
		if !h.Revenue.Equal(wv[0]) || !h.WageCost.Equal(wv[1]) || !h.Margin.Equal(wv[0].Sub(wv[1])) {
			t.Errorf("%s: revenue %s cost %s margin %s; want %s %s", h.Key, h.Revenue, h.WageCost, h.Margin, wv[0], wv[1])
		}
	}
	if len(m.Workers) != 1 || m.Workers[0].Key != w.Number || !m.Workers[0].WageCost.Equal(cost) || !m.Total.PaidHours.Equal(dec("42")) {
		t.Errorf("worker rows %+v", m.Workers)
	}
	if len(m.Functions) != 2 || m.Functions[0].Key != "Bouwplaatsassistent" {
		t.Errorf("functions %+v", m.Functions)
	}
	s := ov.Settlement
	if ov.Status != margin.StatusFinal || s == nil || !s.Ready || !s.Basis.Equal(dec("1")) || !s.FeeAmount.Equal(dec("25.00")) ||
		!s.Payable.Equal(m.Total.Margin.Sub(dec("25"))) {
		t.Fatalf("settlement %+v", s)
	}

	// Approve; not twice for the same figures.
	approved, err := margins.Approve(ctx, db, w48, "anna", opt)
	must(t, err)
	if approved.Approval == nil || approved.Approval.By != "anna" || !approved.Approval.Payable.Equal(s.Payable) {
		t.Fatalf("approval %+v", approved.Approval)
	}
	if _, err := margins.Approve(ctx, db, w48, "anna", opt); domain.ErrorCode(err) != domain.ECONFLICT {
		t.Errorf("second approval: %v", err)
	}
	// A credit note changes the figures: the statement says so and may be
	// approved again.
	for _, d := range docs {
		if d.Invoice.Customer.Number == "INL03" {
			_, err := invoicing.Credit(ctx, db, d.Invoice.Number, []invoicing.CreditLine{{Line: 1, Quantity: dec("1")}}, "1 uur te veel", iopt)
			must(t, err)
		}
	}
	ov, err = margins.Overview(ctx, db, w48, opt)
	must(t, err)
	if s := ov.Settlement; s.Approval == nil || !s.Changed || !s.Ready || !s.Margin.Equal(approved.Margin.Sub(dec("40.00"))) {
		t.Fatalf("after the credit note: %+v", s)
	}
	if _, err := margins.Approve(ctx, db, w48, "bert", opt); err != nil {
		t.Fatalf("approving the changed figures: %v", err)
	}
	if a, _ := db.MarginApproval(ctx, w48); a == nil || a.By != "bert" {
		t.Errorf("latest approval %+v", a)
	}

	// The files: 0600 in a 0700 folder, the settlement included.
	dir := filepath.Join(t.TempDir(), "export", "marge")
	files, err := margins.WriteFiles(ctx, ov, dir)
	must(t, err)
	if len(files.All()) != 5 || filepath.Base(files.Settlement) != "margeafrekening-2026-W48.pdf" ||
		filepath.Base(files.ReportXLSX) != "managementrapportage-2026-W48.xlsx" {
		t.Errorf("files %+v", files)
	}
	if fi, err := os.Stat(dir); err != nil || fi.Mode().Perm() != 0o700 {
		t.Errorf("folder: %v", err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 5 {
		t.Errorf("%d entries: temporary files left?", len(entries))
	}
	for _, p := range files.All() {
		if fi, err := os.Stat(p); err != nil || fi.Mode().Perm() != 0o600 || fi.Size() < 1000 {
			t.Errorf("%s: %v", p, err)
		}
	}
}
