package margin_test

import (
	"archive/zip"
	"bytes"
	"html"
	"io"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"verloner/exporters/margin"
)

// checkFormulas recalculates every formula cell of a workbook and compares
// it with its cached value; it returns the number of formulas.
func checkFormulas(t *testing.T, data []byte) int {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	n := 0
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
				n++
				got, err := f.CalcCellValue(sh, cell, excelize.Options{RawCellValue: true})
				if err != nil {
					t.Errorf("%s!%s =%s: %v", sh, cell, fx, err)
				} else if !same(got, row[c]) {
					t.Errorf("%s!%s =%s: calculates %q, cached %q", sh, cell, fx, got, row[c])
				}
			}
		}
	}
	return n
}

func TestWriteReportXLSX_ChartsAndFormulas(t *testing.T) {
	var buf bytes.Buffer
	if err := margin.WriteReportXLSX(&buf, fixture()); err != nil {
		t.Fatal(err)
	}
	keep(t, "report.xlsx", buf.Bytes())
	if n := checkFormulas(t, buf.Bytes()); n < 60 {
		t.Errorf("only %d formulas", n)
	}
	// Three native charts on the key-figures sheet, on the right ranges.
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	var charts []string
	drawn := false
	for _, zf := range zr.File {
		if zf.Name == "xl/worksheets/sheet1.xml" {
			rc, _ := zf.Open()
			body, _ := io.ReadAll(rc)
			rc.Close()
			drawn = strings.Contains(string(body), "<drawing ") && strings.Contains(string(body), `id="rId1"`)
		}
		if strings.HasPrefix(zf.Name, "xl/charts/chart") {
			rc, _ := zf.Open()
			body, _ := io.ReadAll(rc)
			rc.Close()
			charts = append(charts, html.UnescapeString(string(body)))
		}
	}
	if !drawn {
		t.Error("the key-figures sheet does not refer to its drawing: the charts would not show")
	}
	if len(charts) != 3 {
		t.Fatalf("%d charts, want 3", len(charts))
	}
	all := strings.Join(charts, "\n")
	for _, want := range []string{"<barChart>", "<lineChart>", `<barDir val="bar">`, `'Perioden'!$A$37:$A$49`, `'Perioden'!$B$37:$B$49`,
		`'Inleners'!$C$3:$C$4`, "Top 2 inleners"} {
		if !strings.Contains(all, want) {
			t.Errorf("charts lack %s", want)
		}
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); strings.Join(got, ",") != "Kerncijfers,Perioden,Inleners,Debiteuren" {
		t.Errorf("sheets %v", got)
	}
	// Key figures: this period against the previous one, last year without data.
	rows, _ := f.GetRows(margin.SheetKeyFigures)
	if len(rows) < 10 || rows[2][0] != "Omzet" || rows[2][4] != "geen gegevens" || rows[4][0] != "Marge" {
		t.Errorf("key figures %q", rows[:5])
	}
}
