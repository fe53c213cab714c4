package xlsx_test

import (
	"archive/zip"
	"bytes"
	"io"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"verloner/exporters/xlsx"
)

type period string

func (p period) String() string { return string(p) }

func TestDangerous(t *testing.T) {
	for s, want := range map[string]bool{
		"=SUM(A1)": true, "+31 6 1234": true, "-5": true, "@cmd": true, "\tx": true, "\rx": true,
		"Jan": false, "": false, " =x": false, "€ 5": false, "1005": false,
	} {
		if got := xlsx.Dangerous(s); got != want {
			t.Errorf("Dangerous(%q) = %v", s, got)
		}
	}
}

func TestSheetName(t *testing.T) {
	for in, want := range map[string]string{
		"Controle 2026/W47": "Controle 2026-W47",
		"":                  "Blad",
		"'x'":               "x",
		"Een heel lange werkbladnaam die te lang is": "Een heel lange werkbladnaam die",
		"ąęł[]ż": "ąęł--ż",
	} {
		if got := xlsx.SheetName(in); got != want {
			t.Errorf("SheetName(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestRoundTrip writes every kind of value, including imported strings that
// look like formulas, and reads the file back with excelize: the strings come
// back verbatim as text, no cell has a formula, money is exact.
func TestRoundTrip(t *testing.T) {
	b := xlsx.New()
	defer b.Close()
	s, err := b.AddSheet("Lijst", []xlsx.Column{{Header: "Naam"}, {Header: "Bedrag", Kind: xlsx.Money},
		{Header: "Uren", Kind: xlsx.Number}, {Header: "Datum", Kind: xlsx.Date}, {Header: "Aantal", Kind: xlsx.Integer}}, "Titel")
	if err != nil {
		t.Fatal(err)
	}
	evil := []string{"=HYPERLINK(\"http://x\",\"klik\")", "+31612345678", "-2+3", "@SUM(1)", "\tTab", "\r=1", "Łukasz Kamiński"}
	for i, e := range evil {
		if err := s.Row(e, decimal.RequireFromString("1350.36"), decimal.RequireFromString("7.75"),
			time.Date(2026, 11, 16, 0, 0, 0, 0, time.UTC), i); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Blank(); err != nil {
		t.Fatal(err)
	}
	if err := s.RowWith(xlsx.RowStyle{Bold: true, Fill: "F4CCCC"}, period("2026-W47"), decimal.RequireFromString("-0.01"), nil, time.Time{}, int64(3)); err != nil {
		t.Fatal(err)
	}
	long := decimal.RequireFromString("12345678901234567.89") // 19 digits: kept as text
	if err := s.Row("lang", long); err != nil {
		t.Fatal(err)
	}
	if err := s.Row(struct{}{}); err == nil {
		t.Error("unsupported type accepted")
	}
	var buf bytes.Buffer
	if _, err := b.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	if _, err := b.WriteTo(io.Discard); err == nil {
		t.Error("second WriteTo accepted")
	}

	// No <f> element anywhere in the sheet XML.
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	for _, zf := range zr.File {
		if !strings.HasPrefix(zf.Name, "xl/worksheets/") {
			continue
		}
		rc, _ := zf.Open()
		raw, _ := io.ReadAll(rc)
		rc.Close()
		if bytes.Contains(raw, []byte("<f>")) || bytes.Contains(raw, []byte("<f ")) {
			t.Errorf("%s contains a formula", zf.Name)
		}
	}

	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); len(got) != 1 || got[0] != "Lijst" {
		t.Fatalf("sheets %v", got)
	}
	rows, err := f.GetRows("Lijst", excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	if rows[0][0] != "Titel" || rows[1][0] != "Naam" || rows[1][1] != "Bedrag" {
		t.Errorf("title/header rows %v %v", rows[0], rows[1])
	}
	for i, e := range evil {
		r := rows[2+i]
		ref := "A" + itoa(3+i)
		if r[0] != e {
			t.Errorf("row %d: %q came back as %q", i, e, r[0])
		}
		if formula, _ := f.GetCellFormula("Lijst", ref); formula != "" {
			t.Errorf("%s has formula %q", ref, formula)
		}
		if typ, _ := f.GetCellType("Lijst", ref); typ != excelize.CellTypeInlineString {
			t.Errorf("%s type %v, want inline string", ref, typ)
		}
		if xlsx.Dangerous(e) {
			id, _ := f.GetCellStyle("Lijst", ref)
			st, _ := f.GetStyle(id)
			if st == nil || st.NumFmt != 49 {
				t.Errorf("%s: dangerous text without the text format: %+v", ref, st)
			}
		}
		if r[1] != "1350.36" || r[2] != "7.75" || r[3] != "46342" || r[4] != itoa(i) {
			t.Errorf("row %d values %v", i, r)
		}
	}
	formatted, _ := f.GetCellValue("Lijst", "B3")
	if formatted != "€ 1,350.36" {
		t.Errorf("money formatted as %q", formatted)
	}
	day, _ := f.GetCellValue("Lijst", "D3")
	if day != "16-11-2026" {
		t.Errorf("date formatted as %q", day)
	}
	last := rows[len(rows)-1]
	if last[0] != "lang" || last[1] != "12345678901234567.89" {
		t.Errorf("long decimal %v", last)
	}
	total := rows[len(rows)-2]
	if total[0] != "2026-W47" || total[1] != "-0.01" || total[4] != "3" {
		t.Errorf("styled row %v", total)
	}
	if panes, _ := f.GetPanes("Lijst"); !panes.Freeze || panes.YSplit != 2 {
		t.Errorf("header not frozen: %+v", panes)
	}
}

func itoa(i int) string { return strconv.Itoa(i) }
