package margins_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"verloner/app"
	"verloner/app/invoicing"
	"verloner/app/margins"
	"verloner/app/payrun"
	"verloner/domain"
	"verloner/exporters/journal"
	export "verloner/exporters/margin"
)

// table is one sheet read back: its header row and the data rows under it,
// up to the first empty row or a "Totaal" row.
type table struct {
	name string
	col  map[string]int
	rows [][]string
}

func readTable(t *testing.T, f *excelize.File, sheet string, headerRow int) *table {
	t.Helper()
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatalf("sheet %s: %v", sheet, err)
	}
	if len(rows) < headerRow {
		t.Fatalf("sheet %s has %d rows", sheet, len(rows))
	}
	tb := &table{name: sheet, col: map[string]int{}}
	for i, h := range rows[headerRow-1] {
		tb.col[h] = i
	}
	for _, r := range rows[headerRow:] {
		if len(r) == 0 || r[0] == "Totaal" {
			break
		}
		tb.rows = append(tb.rows, r)
	}
	return tb
}

func (tb *table) str(t *testing.T, r []string, header string) string {
	t.Helper()
	i, ok := tb.col[header]
	if !ok {
		t.Fatalf("sheet %s has no column %q", tb.name, header)
	}
	if i >= len(r) {
		return ""
	}
	return r[i]
}

func (tb *table) dec(t *testing.T, r []string, header string) decimal.Decimal {
	t.Helper()
	s := tb.str(t, r, header)
	if s == "" {
		return decimal.Zero
	}
	d, err := decimal.NewFromString(s)
	if err != nil {
		t.Fatalf("sheet %s column %s: %q is no number", tb.name, header, s)
	}
	return d
}

// near compares a spreadsheet number (a double) with an exact decimal.
func near(a, b decimal.Decimal) bool { return a.Sub(b).Abs().LessThan(decimal.New(1, -6)) }

func round2(d decimal.Decimal) decimal.Decimal { return d.Round(2) }

func open(t *testing.T, path string) *excelize.File {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// TestMarginWorkbook_RecomputesFromJournalAndInvoices: the demo week's
// run and invoices (with a partial credit note) are exported as the
// bookkeeper gets them — payroll journal, one workbook per invoice — and
// the margin workbook's every figure is recomputed from those files alone.
func TestMarginWorkbook_RecomputesFromJournalAndInvoices(t *testing.T) {
	ctx := context.Background()
	db, run := demoDB(t)
	docs := invoiceWeek(t, db)
	credit, err := invoicing.Credit(ctx, db, docs[1].Invoice.Number, []invoicing.CreditLine{{Line: 1, Quantity: decimal.RequireFromString("1.5")}},
		"1,5 uur te veel gefactureerd", invoicing.Options{Now: func() time.Time { return monday }, IssueDate: monday})
	must(t, err)
	dir := t.TempDir()

	// The journal of the final run.
	j, err := payrun.Journal(ctx, db, run, "nl")
	must(t, err)
	jpath := filepath.Join(dir, journal.FileName(w47, payrun.Suffix(run)))
	jf, err := os.Create(jpath)
	must(t, err)
	must(t, journal.Write(jf, j))
	must(t, jf.Close())
	// The invoices and the credit note, one workbook each.
	all := append(append([]*app.InvoiceDoc(nil), docs...), credit)
	invPaths, err := invoicing.Export(ctx, db, all, filepath.Join(dir, "facturen"), invoicing.ExportOptions{Formats: []string{invoicing.FormatXLSX}})
	must(t, err)
	// The margin workbook.
	ov, err := margins.Overview(ctx, db, w47, margins.Options{Now: func() time.Time { return monday }})
	must(t, err)
	files, err := margins.WriteFiles(ctx, ov, filepath.Join(dir, "marge"))
	must(t, err)

	// 1. What the journal says per worker.
	type pay struct{ paid, gross, premiums, pension, reserved, wageCost decimal.Decimal }
	fromJournal := map[string]*pay{}
	jx := open(t, jpath)
	lj := readTable(t, jx, journal.SheetJournal, journal.HeaderRow)
	for _, r := range lj.rows {
		fromJournal[lj.str(t, r, "Nr.")] = &pay{paid: lj.dec(t, r, "Verloonde uren"), gross: lj.dec(t, r, "Brutoloon")}
	}
	wl := readTable(t, jx, journal.SheetCosts, journal.HeaderRow)
	for _, r := range wl.rows {
		p := fromJournal[wl.str(t, r, "Nr.")]
		for _, h := range []string{"Zvw", "AWf", "Aof", "Wko", "Whk"} {
			p.premiums = p.premiums.Add(wl.dec(t, r, h))
		}
		p.pension, p.wageCost = wl.dec(t, r, "Pensioen werkgever"), wl.dec(t, r, "Loonkosten")
		for h := range wl.col {
			if strings.HasPrefix(h, "Reservering ") {
				p.reserved = p.reserved.Add(wl.dec(t, r, h))
			}
		}
	}
	if len(fromJournal) != len(run.Payslips) {
		t.Fatalf("journal has %d workers, the run %d", len(fromJournal), len(run.Payslips))
	}

	// 2. What the invoices say per line.
	type invLine struct {
		placement, description string
		qty, rate, pct, amount decimal.Decimal
		seen                   bool
	}
	fromInvoices := map[string]*invLine{} // "number/line"
	invoiceTotal := decimal.Zero
	for _, p := range invPaths {
		x := open(t, p)
		details := readTable(t, x, "Gegevens", 1)
		var number, kind string
		for _, r := range details.rows {
			switch r[0] {
			case "Nummer":
				number = r[1]
			case "Soort":
				kind = r[1]
			}
		}
		lines := readTable(t, x, kind, 2)
		sign := decimal.NewFromInt(1)
		if kind == "Creditnota" {
			sign = sign.Neg()
		}
		for i, r := range lines.rows {
			l := &invLine{placement: lines.str(t, r, "Plaatsing"), description: lines.str(t, r, "Omschrijving"),
				qty: lines.dec(t, r, "Aantal").Mul(sign), rate: lines.dec(t, r, "Tarief"), pct: lines.dec(t, r, "Factuur-%"),
				amount: lines.dec(t, r, "Bedrag excl. btw").Mul(sign)}
			fromInvoices[fmt.Sprintf("%s/%d", number, i+1)] = l
			invoiceTotal = invoiceTotal.Add(l.amount)
		}
	}
	if len(fromInvoices) < 40 {
		t.Fatalf("only %d invoice lines read", len(fromInvoices))
	}

	mx := open(t, files.OverviewXLSX)

	// 3. Loonkosten: the journal's figures; wage cost their sum.
	lk := readTable(t, mx, export.SheetCosts, export.HeaderRow)
	wageCost := map[string]decimal.Decimal{}
	costTotal := decimal.Zero
	for _, r := range lk.rows {
		nr := lk.str(t, r, "Nr.")
		p := fromJournal[nr]
		if p == nil {
			t.Errorf("Loonkosten: worker %s not in the journal", nr)
			continue
		}
		got := map[string]decimal.Decimal{}
		for _, h := range []string{"Verloonde uren", "Brutoloon", "Uit reservering betaald", "Onbelaste vergoedingen (excl. declaraties)",
			"Reserveringen", "Werkgeverspremies en Zvw", "Pensioen werkgever", "Loonkosten"} {
			got[h] = lk.dec(t, r, h)
		}
		for h, want := range map[string]decimal.Decimal{"Verloonde uren": p.paid, "Brutoloon": p.gross, "Reserveringen": p.reserved,
			"Werkgeverspremies en Zvw": p.premiums, "Pensioen werkgever": p.pension, "Loonkosten": p.wageCost} {
			if !near(got[h], want) {
				t.Errorf("Loonkosten %s %s: %s, journal %s", nr, h, got[h], want)
			}
		}
		sum := got["Brutoloon"].Sub(got["Uit reservering betaald"]).Add(got["Onbelaste vergoedingen (excl. declaraties)"]).
			Add(got["Reserveringen"]).Add(got["Werkgeverspremies en Zvw"]).Add(got["Pensioen werkgever"])
		if !near(sum, got["Loonkosten"]) {
			t.Errorf("Loonkosten %s: components add up to %s, wage cost %s", nr, sum, got["Loonkosten"])
		}
		wageCost[nr] = p.wageCost
		costTotal = costTotal.Add(p.wageCost)
		delete(fromJournal, nr)
	}
	for nr := range fromJournal {
		t.Errorf("journal worker %s missing from Loonkosten", nr)
	}

	// 4. Omzet: every invoice line exactly once, amount = ROUND(q × rate × %/100; 2).
	om := readTable(t, mx, export.SheetRevenue, export.HeaderRow)
	type key struct{ placement, typ string }
	revenue, billed := map[key]decimal.Decimal{}, map[key]decimal.Decimal{}
	revenueTotal := decimal.Zero
	for _, r := range om.rows {
		q, rate, pct, amount := om.dec(t, r, "Aantal"), om.dec(t, r, "Tarief"), om.dec(t, r, "Factuur-%"), om.dec(t, r, "Bedrag excl. btw")
		if !near(amount, round2(q.Mul(rate).Mul(pct).Div(decimal.NewFromInt(100)))) {
			t.Errorf("Omzet %v: amount %s ≠ ROUND(%s × %s × %s/100)", r[:2], amount, q, rate, pct)
		}
		if om.str(t, r, "Soort") == "Geschat" {
			t.Errorf("Omzet: estimated line %v although every hour is invoiced", r)
		} else {
			l := fromInvoices[om.str(t, r, "Factuur")+"/"+om.str(t, r, "Regel")]
			switch {
			case l == nil:
				t.Errorf("Omzet %v: no such invoice line", r[:2])
			case l.seen:
				t.Errorf("Omzet %v: invoice line twice", r[:2])
			case l.placement != om.str(t, r, "Plaatsing") || l.description != om.str(t, r, "Omschrijving") || !near(l.qty, q) ||
				!near(l.rate, rate) || !near(l.pct, pct) || !near(l.amount, amount):
				t.Errorf("Omzet %v: %v; invoice says %+v", r[:2], r, *l)
			default:
				l.seen = true
			}
		}
		k := key{om.str(t, r, "Plaatsing"), om.str(t, r, "Uursoort")}
		revenue[k] = revenue[k].Add(amount)
		if om.str(t, r, "Eenheid") == "HUR" {
			billed[k] = billed[k].Add(q)
		}
		revenueTotal = revenueTotal.Add(amount)
	}
	for k, l := range fromInvoices {
		if !l.seen {
			t.Errorf("invoice line %s not on Omzet", k)
		}
	}
	if !near(revenueTotal, invoiceTotal) {
		t.Errorf("Omzet total %s, invoices %s", revenueTotal, invoiceTotal)
	}

	// 5. Regels: revenue and hours from Omzet, wage cost allocated over the
	// worker's paid hours by cumulative rounding, margin, per hour, %.
	rg := readTable(t, mx, export.SheetLines, export.HeaderRow)
	type block struct {
		rows  [][]string
		total decimal.Decimal
	}
	blocks := map[string]*block{}
	var order []string
	for _, r := range rg.rows {
		nr := rg.str(t, r, "Nr.")
		if blocks[nr] == nil {
			blocks[nr] = &block{}
			order = append(order, nr)
		}
		blocks[nr].rows = append(blocks[nr].rows, r)
		blocks[nr].total = blocks[nr].total.Add(rg.dec(t, r, "Verloonde uren"))
	}
	hundred := decimal.NewFromInt(100)
	type fig struct{ revenue, cost, hours decimal.Decimal }
	byHirer := map[string]*fig{}
	var tot fig
	for _, nr := range order {
		b := blocks[nr]
		if wc, paid := wageCost[nr]; paid && !near(b.total, lk.dec(t, rowOf(t, lk, nr), "Verloonde uren")) {
			t.Errorf("Regels %s: paid hours %s, Loonkosten %s", nr, b.total, lk.dec(t, rowOf(t, lk, nr), "Verloonde uren"))
			_ = wc
		}
		cum, before := decimal.Zero, decimal.Zero
		for _, r := range b.rows {
			k := key{rg.str(t, r, "Plaatsing"), rg.str(t, r, "Uursoort")}
			wantHours, wantRev := billed[k], revenue[k]
			cost := decimal.Zero
			if wc, ok := wageCost[nr]; ok && !b.total.IsZero() {
				cum = cum.Add(rg.dec(t, r, "Verloonde uren"))
				upto := round2(wc.Mul(cum).DivRound(b.total, 16))
				cost, before = upto.Sub(before), upto
			} else if ok && k.placement == export.UnallocatedKey {
				cost = wc
			}
			margin := wantRev.Sub(cost)
			got := map[string]decimal.Decimal{"Gefactureerde uren": rg.dec(t, r, "Gefactureerde uren"), "Omzet": rg.dec(t, r, "Omzet"),
				"Loonkosten (toegerekend)": rg.dec(t, r, "Loonkosten (toegerekend)"), "Marge": rg.dec(t, r, "Marge")}
			for h, want := range map[string]decimal.Decimal{"Gefactureerde uren": wantHours, "Omzet": wantRev, "Loonkosten (toegerekend)": cost, "Marge": margin} {
				if !near(got[h], want) {
					t.Errorf("Regels %s %s %s: %s %s, recomputed %s", nr, k.placement, k.typ, h, got[h], want)
				}
			}
			if s := rg.str(t, r, "Marge per uur"); wantHours.IsZero() != (s == "") ||
				(s != "" && !near(rg.dec(t, r, "Marge per uur"), round2(margin.DivRound(wantHours, 16)))) {
				t.Errorf("Regels %s %s %s: margin per hour %q", nr, k.placement, k.typ, s)
			}
			if s := rg.str(t, r, "Marge %"); wantRev.IsZero() != (s == "") ||
				(s != "" && !near(rg.dec(t, r, "Marge %"), round2(margin.Mul(hundred).DivRound(wantRev, 16)))) {
				t.Errorf("Regels %s %s %s: margin %% %q", nr, k.placement, k.typ, s)
			}
			h := rg.str(t, r, "Inlener")
			if byHirer[h] == nil {
				byHirer[h] = &fig{}
			}
			byHirer[h].revenue, byHirer[h].cost, byHirer[h].hours = byHirer[h].revenue.Add(wantRev), byHirer[h].cost.Add(cost), byHirer[h].hours.Add(wantHours)
			tot.revenue, tot.cost, tot.hours = tot.revenue.Add(wantRev), tot.cost.Add(cost), tot.hours.Add(wantHours)
		}
	}
	if !near(tot.revenue, revenueTotal) || !near(tot.cost, costTotal) {
		t.Errorf("Regels add up to revenue %s cost %s; invoices %s, journal %s", tot.revenue, tot.cost, revenueTotal, costTotal)
	}

	// 6. Inleners: the Regels per hirer.
	in := readTable(t, mx, export.SheetHirers, export.HeaderRow)
	if len(in.rows) != len(byHirer) {
		t.Errorf("Inleners has %d rows, Regels %d hirers", len(in.rows), len(byHirer))
	}
	for _, r := range in.rows {
		f := byHirer[in.str(t, r, "Inlener")]
		if f == nil {
			t.Errorf("Inleners %v: not on Regels", r[:2])
			continue
		}
		if !near(in.dec(t, r, "Omzet"), f.revenue) || !near(in.dec(t, r, "Loonkosten"), f.cost) ||
			!near(in.dec(t, r, "Marge"), f.revenue.Sub(f.cost)) || !near(in.dec(t, r, "Gefactureerde uren"), f.hours) {
			t.Errorf("Inleners %v: %v; recomputed %+v", r[:2], r, *f)
		}
	}

	// 7. Overzicht: the totals.
	sum, err := mx.GetRows(export.SheetSummary, excelize.Options{RawCellValue: true})
	must(t, err)
	want := map[string]decimal.Decimal{"Omzet": revenueTotal, "Loonkosten": costTotal, "Marge": revenueTotal.Sub(costTotal), "Gefactureerde uren": tot.hours}
	for _, r := range sum {
		if len(r) < 2 {
			continue
		}
		if w, ok := want[r[0]]; ok {
			if got, err := decimal.NewFromString(r[1]); err != nil || !near(got, w) {
				t.Errorf("Overzicht %s: %q, recomputed %s", r[0], r[1], w)
			}
			delete(want, r[0])
		}
	}
	if len(want) > 0 {
		t.Errorf("Overzicht lacks %v", want)
	}
	if !ov.Margins.Total.CostMissing || ov.Status != "final" {
		t.Errorf("status %s cost missing %v: the demo leaves blocked workers unpaid", ov.Status, ov.Margins.Total.CostMissing)
	}
}

func rowOf(t *testing.T, tb *table, nr string) []string {
	t.Helper()
	for _, r := range tb.rows {
		if r[0] == nr {
			return r
		}
	}
	t.Fatalf("%s: no row %s", tb.name, nr)
	return nil
}

var _ = domain.Zero
