package margin_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	dm "verloner/domain/margin"
	"verloner/exporters/margin"
)

// TestWriteXLSX_FormulasEvaluateToTheirCachedValues recalculates every
// formula cell of the workbook with excelize's engine and compares it with
// the exact value written next to it.
func TestWriteXLSX_FormulasEvaluateToTheirCachedValues(t *testing.T) {
	ov := fixture()
	var buf bytes.Buffer
	if err := margin.WriteXLSX(&buf, ov); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	formulas := 0
	for _, sh := range f.GetSheetList() {
		rows, err := f.GetRows(sh, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		for r, row := range rows {
			for c := range row {
				cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
				fx, _ := f.GetCellFormula(sh, cell)
				if fx == "" {
					continue
				}
				formulas++
				cached := row[c]

				got, err := f.CalcCellValue(sh, cell, excelize.Options{RawCellValue: true})
				if err != nil {
					t.Errorf("%s!%s =%s: %v", sh, cell, fx, err)
					continue
				}
				if !same(got, cached) {
					t.Errorf("%s!%s =%s: calculates %q, cached %q", sh, cell, fx, got, cached)
				}
			}
		}
	}
	if formulas < 100 {
		t.Errorf("only %d formulas", formulas)
	}
	t.Logf("%d formulas checked", formulas)
}

func same(a, b string) bool {
	if a == b {
		return true
	}
	x, err1 := decimal.NewFromString(strings.TrimSpace(a))
	y, err2 := decimal.NewFromString(strings.TrimSpace(b))
	return err1 == nil && err2 == nil && x.Sub(y).Abs().LessThan(decimal.New(1, -6))
}

// TestWriteXLSX_WildcardKeysAreEscaped: a function name with * would be a
// pattern to SUMIFS; it is written as an escaped literal ("~*"), which Excel
// and LibreOffice honour (excelize's engine does not, so the cached value is
// checked against the Regels rows here instead).
func TestWriteXLSX_WildcardKeysAreEscaped(t *testing.T) {
	var buf bytes.Buffer
	if err := margin.WriteXLSX(&buf, fixtureWith("Timmerman *")); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, _ := f.GetRows(margin.SheetFunctions, excelize.Options{RawCellValue: true})
	var found bool
	for i, r := range rows {
		if len(r) == 0 || r[0] != "Timmerman *" {
			continue
		}
		found = true
		cell, _ := excelize.CoordinatesToCellName(7, i+1)
		fx, _ := f.GetCellFormula(margin.SheetFunctions, cell)
		if !strings.Contains(fx, `"=Timmerman ~*"`) {
			t.Errorf("revenue formula %s", fx)
		}
		// Σ revenue of the Regels rows of that function.
		lines, _ := f.GetRows(margin.SheetLines, excelize.Options{RawCellValue: true})
		sum := decimal.Zero
		for _, l := range lines[2:] {
			if len(l) > 9 && l[5] == "Timmerman *" {
				sum = sum.Add(decimal.RequireFromString(l[9]))
			}
		}
		if !same(r[6], sum.String()) || sum.IsZero() {
			t.Errorf("cached revenue %s, Regels add up to %s", r[6], sum)
		}
	}
	if !found {
		t.Error("no row for the wildcard function")
	}
}

// TestWriteXLSX_TextStaysText: a name that looks like a formula is written
// as text with the text format, never as a formula.
func TestWriteXLSX_TextStaysText(t *testing.T) {
	var buf bytes.Buffer
	if err := margin.WriteXLSX(&buf, fixture()); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	found := 0
	for _, sh := range []string{margin.SheetLines, margin.SheetRevenue, margin.SheetWorkers, margin.SheetHirers} {
		rows, _ := f.GetRows(sh)
		for r, row := range rows {
			for c, v := range row {
				if !strings.HasPrefix(v, "=HYPERLINK") && !strings.HasPrefix(v, "+31") {
					continue
				}
				found++
				cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
				fx, _ := f.GetCellFormula(sh, cell)
				style, _ := f.GetCellStyle(sh, cell)
				st, _ := f.GetStyle(style)
				if fx != "" || st == nil || st.NumFmt != 49 {
					t.Errorf("%s!%s %q: formula %q, number format %v", sh, cell, v, fx, st)
				}
			}
		}
	}
	if found < 4 {
		t.Errorf("only %d formula-like texts found", found)
	}
}

// TestWriters_EmptyPeriod: a period without payroll and invoices still
// gives whole files (every total 0, "geen gegevens" where it applies).
func TestWriters_EmptyPeriod(t *testing.T) {
	cur := dm.Compute(w47, nil, nil, dir)
	ov := dm.Build(dm.Inputs{Agency: "Leeg B.V.", Current: cur, YearPeriods: dm.YearPeriods(w47), Year: make([]*dm.Margins, 47),
		Fee: dm.Fee{Kind: dm.FeePerHour, Rate: dec("1")}})
	for name, write := range map[string]func(*bytes.Buffer) error{
		"xlsx":   func(b *bytes.Buffer) error { return margin.WriteXLSX(b, ov) },
		"report": func(b *bytes.Buffer) error { return margin.WriteReportXLSX(b, ov) },
	} {
		var buf bytes.Buffer
		if err := write(&buf); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		checkFormulas(t, buf.Bytes())
	}
	for name, render := range map[string]func(*dm.Overview, margin.Options) ([]byte, error){
		"overview": margin.OverviewPDF, "report": margin.ReportPDF, "settlement": margin.SettlementPDF,
	} {
		if data, err := render(ov, margin.Options{}); err != nil || !bytes.HasPrefix(data, []byte("%PDF-")) {
			t.Errorf("%s: %v", name, err)
		}
	}
	if ov.Status != dm.StatusNoData || ov.Settlement.Ready {
		t.Errorf("status %s settlement %+v", ov.Status, ov.Settlement)
	}
}
