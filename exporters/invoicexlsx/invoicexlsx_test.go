package invoicexlsx_test

import (
	"bytes"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"verloner/domain/invoice"
	"verloner/domain/invoice/invoicetest"
	"verloner/exporters/invoicexlsx"
)

func doc(t *testing.T) *invoicexlsx.Doc {
	t.Helper()
	x := invoicetest.Week47()
	invs, err := x.Build(invoicetest.HirerLogistics, invoice.Options{})
	if err != nil {
		t.Fatal(err)
	}
	inv := invs[0]
	inv.Lines[0].Worker = "=HYPERLINK(\"http://x\",\"klik\")" // a hostile name from a hirer's file
	inv.Compute()
	if err := inv.Finalise("2026-000001", invoicetest.IssueDate); err != nil {
		t.Fatal(err)
	}
	d := &invoicexlsx.Doc{Invoice: inv}
	for _, hl := range x.Lines {
		if x.Placements[hl.PlacementID].HirerID == invoicetest.HirerLogistics {
			d.Hours = append(d.Hours, invoicexlsx.Hour{Worker: "Jan", Placement: "PL0501", Date: hl.Date, Type: hl.Type, Quantity: hl.Quantity})
		}
	}
	return d
}

func TestWrite_LinesTotalsAndHoursReadBack(t *testing.T) {
	d := doc(t)
	var buf bytes.Buffer
	if err := invoicexlsx.Write(&buf, d); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); len(got) != 3 || got[0] != "Factuur" || got[2] != "Uren" {
		t.Fatalf("sheets %v", got)
	}
	rows, err := f.GetRows("Factuur", excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	inv := d.Invoice
	// Title, header, lines, blank, totals.
	first := rows[2]
	if first[4] != inv.Lines[0].Description || first[11] != inv.Lines[0].Amount.String() {
		t.Errorf("first line %v, want %s %s", first, inv.Lines[0].Description, inv.Lines[0].Amount)
	}
	sum := decimal.Zero
	for _, r := range rows[2 : 2+len(inv.Lines)] {
		sum = sum.Add(decimal.RequireFromString(r[11]))
	}
	if !sum.Equal(inv.NetTotal) {
		t.Errorf("lines add up to %s, net total %s", sum, inv.NetTotal)
	}
	var total string
	for _, r := range rows {
		if len(r) > 11 && r[4] == "Totaal" {
			total = r[11]
		}
	}
	if total != inv.Payable.String() {
		t.Errorf("total %q, want %s", total, inv.Payable)
	}
	// The hostile name is text, not a formula.
	if fm, _ := f.GetCellFormula("Factuur", "B3"); fm != "" {
		t.Errorf("worker name became a formula: %q", fm)
	}
	if v, _ := f.GetCellValue("Factuur", "B3"); v != inv.Lines[0].Worker {
		t.Errorf("worker cell %q", v)
	}
	hours, _ := f.GetRows("Uren")
	if len(hours) != 1+len(d.Hours) {
		t.Errorf("%d hour rows, want %d", len(hours)-1, len(d.Hours))
	}
}

func TestWriteOverview_CreditNotesNegative(t *testing.T) {
	d := doc(t)
	cn, err := invoice.NewCreditNote(d.Invoice, nil, "")
	if err != nil {
		t.Fatal(err)
	}
	if err := cn.Finalise("2026-000002", invoicetest.IssueDate); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := invoicexlsx.WriteOverview(&buf, []*invoice.Invoice{d.Invoice, cn}, "Facturen 2026-W47"); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, _ := f.GetRows("Facturen", excelize.Options{RawCellValue: true})
	last := rows[len(rows)-1]
	if last[0] != "Totaal" || last[11] != "0" {
		t.Errorf("invoice and full credit note total %v, want 0", last)
	}
	if rows[3][11] != d.Invoice.Payable.Neg().String() {
		t.Errorf("credit note row %v", rows[3])
	}
}
