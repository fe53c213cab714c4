package importers

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
	"testing/iotest"
	"time"

	"github.com/xuri/excelize/v2"
)

// The sheets are read by our own reader of the worksheet XML (fastRows);
// excelize's Rows, which read them before, stay as the reference. These
// tests read the same files with both and demand the same rows, cell for
// cell — every .xlsx under a testdata directory of the repository
// (LibreOffice's, the 1904 one), workbooks written with excelize (every cell
// type, shared, inline and rich strings, entities, gaps, merged cells,
// formulas with and without a cached result, a streamed sheet) and
// hand-written sheet XML with what other producers write (no r attributes,
// x: prefixes, CDATA, character references, comments, self-closing cells
// and rows, odd attributes excelize reads in its own way).

// rowsRead is what one reader made of one sheet: the cells Columns returned
// after each Next, its errors, and Error at the end.
type rowsRead struct {
	Rows [][]string
	Errs []string
	End  string
	// As xlsxSheet hands them to the parsers: merged areas filled in.
	Sheet    [][]string
	SheetNum []int
	SheetErr string
}

// readBoth reads every sheet of data with the reference (excelize) and with
// fastRows. limit bounds the rows read per sheet.
func readBoth(tb testing.TB, data []byte, limit int) (ref, fast map[string]rowsRead, openErr error) {
	tb.Helper()
	read := func(reference bool) (map[string]rowsRead, error) {
		wb, err := openXLSXRows("t.xlsx", data, reference)
		if err != nil {
			return nil, err
		}
		defer wb.Close()
		out := map[string]rowsRead{}
		for _, name := range wb.sheets {
			var rr rowsRead
			s, err := wb.open(name)
			if err != nil {
				rr.End = "open: " + err.Error()
				out[name] = rr
				continue
			}
			src := s.(*xlsxSheet).rows
			for i := 0; i < limit && src.Next(); i++ {
				cols, err := src.Columns()
				rr.Rows = append(rr.Rows, cols)
				e := ""
				if err != nil {
					e = err.Error()
				}
				rr.Errs = append(rr.Errs, e)
			}
			if err := src.Error(); err != nil {
				rr.End = err.Error()
			}
			s.Close()
			// Again, through xlsxSheet (its goroutine, merged cells).
			s, err = wb.open(name)
			if err != nil {
				tb.Fatalf("second open: %v", err)
			}
			for i := 0; i < limit && s.Next(); i++ {
				rr.Sheet = append(rr.Sheet, append([]string(nil), s.Row()...))
				rr.SheetNum = append(rr.SheetNum, s.RowNum())
			}
			if err := s.Err(); err != nil {
				rr.SheetErr = err.Error()
			}
			s.Close()
			out[name] = rr
		}
		return out, nil
	}
	ref, err1 := read(true)
	fast, err2 := read(false)
	if (err1 == nil) != (err2 == nil) || (err1 != nil && err1.Error() != err2.Error()) {
		tb.Fatalf("open: reference %v, fast %v", err1, err2)
	}
	return ref, fast, err1
}

func sameRows(tb testing.TB, what string, ref, fast map[string]rowsRead) {
	tb.Helper()
	if !reflect.DeepEqual(ref, fast) {
		var names []string
		for n := range ref {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			r, f := ref[n], fast[n]
			if !reflect.DeepEqual(r, f) {
				tb.Errorf("%s, sheet %q differs:\nexcelize: %s\nfast:     %s", what, n, showRead(r), showRead(f))
			}
		}
		if len(ref) != len(fast) {
			tb.Errorf("%s: sheets %d vs %d", what, len(ref), len(fast))
		}
	}
}

func showRead(r rowsRead) string {
	var b strings.Builder
	for i, row := range r.Rows {
		if i == 40 {
			fmt.Fprintf(&b, "… %d rows", len(r.Rows))
			break
		}
		fmt.Fprintf(&b, "%q", row)
		if r.Errs[i] != "" {
			fmt.Fprintf(&b, "!%s", r.Errs[i])
		}
		b.WriteString(" ")
	}
	fmt.Fprintf(&b, "end %q; sheet %d rows %q nums %v err %q", r.End, len(r.Sheet), head(r.Sheet), headInt(r.SheetNum), r.SheetErr)
	return b.String()
}

func head(rows [][]string) [][]string { return rows[:min(len(rows), 20)] }
func headInt(n []int) []int           { return n[:min(len(n), 20)] }

func TestFastRows_RepositoryWorkbooks(t *testing.T) {
	root := filepath.Join("..")
	var files []string
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() && (d.Name() == ".git" || d.Name() == "node_modules") {
			return filepath.SkipDir
		}
		if !d.IsDir() && strings.HasSuffix(strings.ToLower(p), ".xlsx") && strings.Contains(filepath.ToSlash(p), "/testdata/") {
			files = append(files, p)
		}
		return nil
	})
	if len(files) < 4 {
		t.Fatalf("found only %v", files)
	}
	for _, p := range files {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		ref, fast, err := readBoth(t, data, 1<<20)
		if err != nil {
			t.Errorf("%s: %v", p, err)
			continue
		}
		sameRows(t, p, ref, fast)
		cells := 0
		for _, r := range ref {
			for _, row := range r.Rows {
				cells += len(row)
			}
		}
		if cells == 0 {
			t.Errorf("%s: no cells read", p)
		}
	}
}

func TestFastRows_ExcelizeWorkbooks(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	set := func(sheet, cell string, v any) {
		t.Helper()
		if err := f.SetCellValue(sheet, cell, v); err != nil {
			t.Fatal(err)
		}
	}
	// Every value type, with gaps between rows and columns.
	set("Sheet1", "A1", "Personeelsnummer")
	set("Sheet1", "C1", "Datum & tijd <x>")
	set("Sheet1", "F1", `"aanhalingstekens" en 'apostrof'`)
	set("Sheet1", "A2", 1001)
	set("Sheet1", "B2", 7.5)
	set("Sheet1", "C2", time.Date(2026, 11, 16, 7, 30, 0, 0, time.UTC))
	set("Sheet1", "D2", true)
	set("Sheet1", "E2", false)
	set("Sheet1", "F2", -0.000123)
	set("Sheet1", "A5", "regel\nnieuwe regel\r\nen CR LF")
	set("Sheet1", "B5", "  spaties rondom  ")
	set("Sheet1", "C5", "tab\there")
	set("Sheet1", "D5", "é € 😀 ß")
	set("Sheet1", "E5", "_x000D_ letterlijk")
	set("Sheet1", "F5", "stuurteken \x01 en \x1f")
	set("Sheet1", "Z9", 1e300)
	set("Sheet1", "AA9", int64(-9007199254740993))
	set("Sheet1", "A12", time.Duration(7*time.Hour+30*time.Minute))
	set("Sheet1", "B12", "")
	set("Sheet1", "C12", nil)
	if err := f.SetCellFormula("Sheet1", "A14", "SUM(A2:B2)"); err != nil { // no cached result
		t.Fatal(err)
	}
	if err := f.SetCellFormula("Sheet1", "B14", `CONCATENATE("a","b")`); err != nil {
		t.Fatal(err)
	}
	if err := f.SetCellValue("Sheet1", "B14", "ab"); err != nil { // a cached value next to the formula
		t.Fatal(err)
	}
	if err := f.SetCellRichText("Sheet1", "C14", []excelize.RichTextRun{
		{Text: "vet ", Font: &excelize.Font{Bold: true}}, {Text: "en cursief", Font: &excelize.Font{Italic: true, Color: "FF0000", Size: 9}},
		{Text: " _x0041_"},
	}); err != nil {
		t.Fatal(err)
	}
	if err := f.MergeCell("Sheet1", "A20", "C22"); err != nil {
		t.Fatal(err)
	}
	set("Sheet1", "A20", "samengevoegd")
	set("Sheet1", "D21", "naast")
	// A second sheet, streamed (inline strings), with its own gaps.
	if _, err := f.NewSheet("Stroom"); err != nil {
		t.Fatal(err)
	}
	sw, err := f.NewStreamWriter("Stroom")
	if err != nil {
		t.Fatal(err)
	}
	for r, row := range [][]any{{"Naam", "Ma", "Di"}, {"Jan & Piet", 8, 7.25}, nil, {nil, nil, "laat"}, {"<tag>", true, time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC)}} {
		cell, _ := excelize.CoordinatesToCellName(1, r*2+1)
		if err := sw.SetRow(cell, row); err != nil {
			t.Fatal(err)
		}
	}
	if err := sw.MergeCell("A1", "A2"); err != nil {
		t.Fatal(err)
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	// A third, written with SetSheetRow and a formula with a string result.
	if _, err := f.NewSheet("Derde"); err != nil {
		t.Fatal(err)
	}
	if err := f.SetSheetRow("Derde", "B3", &[]any{"x", 1, 2.5, nil, "y"}); err != nil {
		t.Fatal(err)
	}
	if err := f.SetCellFormula("Derde", "A1", `"tekst"`); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	ref, fast, err := readBoth(t, buf.Bytes(), 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	sameRows(t, "excelize workbook", ref, fast)
	if got := ref["Sheet1"].Rows[0]; !reflect.DeepEqual(got, []string{"Personeelsnummer", "", "Datum & tijd <x>", "", "", `"aanhalingstekens" en 'apostrof'`}) {
		t.Errorf("reference row 1 = %q", got)
	}

	// The fixtures of the other tests, as the importers write them.
	for i, data := range [][]byte{
		makeXLSX(t, sheetSpec{name: "Uren", rows: [][]any{{"Personeelsnummer", "Datum", "Normaal", "125 %"}, {1001, 46342, 8, 1}}}),
		makeXLSX(t, sheetSpec{name: "Week", rows: [][]any{{"Week 47 2026"}, {"Naam", "Ma", "Di", "Wo"}, {"Jan", 8, nil, "7:30"}, {nil, 2}},
			merges: [][2]string{{"A3", "A4"}}}, sheetSpec{name: "Formules", rows: [][]any{{"A", "B"}, {formula{"1+1"}, formula{"A2*2"}}}}),
	} {
		ref, fast, err := readBoth(t, data, 1<<20)
		if err != nil {
			t.Fatal(err)
		}
		sameRows(t, fmt.Sprintf("fixture %d", i), ref, fast)
	}
}

// withParts returns the zip base with some parts replaced or added.
func withParts(tb testing.TB, base []byte, parts map[string][]byte) []byte {
	tb.Helper()
	zr, err := zip.NewReader(bytes.NewReader(base), int64(len(base)))
	if err != nil {
		tb.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	done := map[string]bool{}
	write := func(name string, data []byte) {
		w, err := zw.Create(name)
		if err != nil {
			tb.Fatal(err)
		}
		w.Write(data)
	}
	for _, f := range zr.File {
		if data, ok := parts[f.Name]; ok {
			write(f.Name, data)
			done[f.Name] = true
			continue
		}
		rc, err := f.Open()
		if err != nil {
			tb.Fatal(err)
		}
		data, _ := io.ReadAll(rc)
		rc.Close()
		write(f.Name, data)
	}
	var names []string
	for n := range parts {
		if !done[n] {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	for _, n := range names {
		write(n, parts[n])
	}
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

var baseWorkbook = func() []byte {
	f := excelize.NewFile()
	defer f.Close()
	f.SetCellValue("Sheet1", "A1", "x")
	var buf bytes.Buffer
	f.Write(&buf)
	return buf.Bytes()
}()

const (
	sheetHead = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`
	sheetTail = `</worksheet>`
	testSST   = `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="6" uniqueCount="6">` +
		`<si><t>nul</t></si>` +
		`<si><t xml:space="preserve"> een &amp; &#10;twee </t></si>` +
		`<si><r><rPr><b/><sz val="11"/></rPr><t>rijk</t></r><r><t xml:space="preserve"> tekst</t></r></si>` +
		`<si><t>ふりがな</t><rPh sb="0" eb="4"><t>フリガナ</t></rPh><phoneticPr fontId="1"/></si>` +
		`<si><t>_x0041__x005F_x0042_</t></si>` +
		`<si><t/></si>` +
		`</sst>`
)

// sheetXMLCases are sheets as other producers (and odd files) write them:
// each is the inside of <worksheet>.
var sheetXMLCases = map[string]string{
	"shared strings": `<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c>` +
		`<c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v>4</v></c><c r="F1" t="s"><v>5</v></c><c r="G1" t="s"><v> 1 </v></c>` +
		`<c r="H1" t="s"><v>99</v></c><c r="I1" t="s"><v>-1</v></c><c r="J1" t="s"><v>x</v></c><c r="K1" t="s"><v></v></c><c r="L1" t="s"/></row></sheetData>`,
	"no r attributes": `<sheetData><row><c><v>1</v></c><c t="inlineStr"><is><t>b</t></is></c><c/><c><v>4</v></c></row><row/><row><c><v>x</v></c></row></sheetData>`,
	"x prefix": `<x:sheetData><x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c><x:c r="C1" t="inlineStr"><x:is><x:t>drie</x:t></x:is></x:c></x:row>` +
		`<x:row r="3"><x:c r="B3" t="str"><x:f>A1</x:f><x:v>1</x:v></x:c></x:row></x:sheetData>`,
	"entities and references": `<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lt;&amp;&gt;&quot;&apos; &#65;&#x42;&#10;&#13;&#x1F600;</t></is></c>` +
		`<c r="B1" t="str"><v>a&#13;&#10;b` + "\r\n" + `c` + "\r" + `d</v></c><c r="C1"><v>&#49;&#x32;</v></c></row></sheetData>`,
	"cdata comments pi": `<sheetData><!-- commentaar --><row r="1"><?pi iets?><c r="A1" t="inlineStr"><is><t><![CDATA[<niet & een tag>]]></t></is></c>` +
		`<c r="B1"><v>1<!-- x -->2</v></c><c r="C1" t="str"><v><![CDATA[a]]>b<![CDATA[]]></v></c></row></sheetData>`,
	"whitespace": "<sheetData>\n  <row r=\"1\" >\n    <c r=\"A1\" t=\"inlineStr\" >\n      <is>\n        <t xml:space=\"preserve\">  twee spaties  </t>\n      </is>\n    </c>\n" +
		"    <c r = 'B1' t = 'str' ><v> 7 </v></c>\n  </row>\n</sheetData>",
	"self-closing": `<sheetData><row r="1"/><row r="2"><c r="A2"/><c r="B2" s="1"/><c r="C2"><v>3</v></c></row><row r="4" spans="1:3"/><row r="5"><c r="E5"><v>e</v></c></row></sheetData>`,
	"cell types": `<sheetData><row r="1"><c r="A1" t="b"><v>1</v></c><c r="B1" t="e"><v>#DIV/0!</v></c><c r="C1" t="d"><v>2026-11-16T07:30:00Z</v></c>` +
		`<c r="D1" t="n"><v>1.5E-3</v></c><c r="E1" t="str"><v>formule</v></c><c r="F1" t="inlineStr"><v>zonder is</v></c>` +
		`<c r="G1" t="onbekend"><v>9</v></c><c r="H1" t=""><v>10</v></c></row></sheetData>`,
	"formulas": `<sheetData><row r="1"><c r="A1"><f>1+1</f></c><c r="B1"><f>1+1</f><v>2</v></c><c r="C1"><f t="shared" ref="C1:C3" si="0">A1</f><v>0</v></c></row>` +
		`<row r="2"><c r="C2"><f t="shared" si="0"/></c><c r="D2"><v>4</v><f>x</f></c><c r="E2"><f/></c><c r="F2" t="str"><f>"a"</f><v></v></c></row>` +
		`<row r="3"><c r="A3"><f si="x">bad si</f><v>lost</v></c><c r="B3"><v>kept</v><f ca="maybe">bad ca</f></c><c r="C3"><f ca=" 1 " si=" 2 ">ok</f><v>5</v></c></row></sheetData>`,
	"rich inline": `<sheetData><row r="1"><c r="A1" t="inlineStr"><is><r><rPr><b/><i val="0"/><color rgb="FFFF0000"/></rPr><t>a</t></r><r><t xml:space="preserve"> b</t></r>` +
		`<rPh sb="0" eb="1"><t>ふ</t></rPh></is></c><c r="B1" t="inlineStr"><is><t>vóór</t><r><t>na</t></r></is></c>` +
		`<c r="C1" t="inlineStr"><is><t>een</t><t>twee</t></is></c><c r="D1" t="inlineStr"><is/></c><c r="E1" t="inlineStr"><is><t>_x0041_</t></is></c>` +
		`<c r="F1" t="inlineStr"><is><rPh sb="x"><t>p</t></rPh><t>na fout</t></is><v>v</v></c>` +
		`<c r="G1" t="inlineStr"><is><r><rPr><b val="maybe"/></rPr><t>r</t></r></is></c>` +
		`<c r="H1" t="inlineStr"><is><r><rPr><sz val="x"/></rPr><t>s</t></r><t>t</t></is></c>` +
		`<c r="I1" t="inlineStr"><is><t>a<b>nested</b>c</t></is></c><c r="J1" t="inlineStr"><is><onbekend>x</onbekend><t>y</t></is></c></row></sheetData>`,
	"row numbers": `<sheetData><row r="2"><c r="A2"><v>2</v></c></row><row r="5"><c r="A5"><v>5</v></c></row><row><c r="A6"><v>6?</v></c></row>` +
		`<row r="5"><c r="B5"><v>5 again</v></c></row><row r="3"><c r="C3"><v>3 late</v></c></row><row r="9"/><row r="10"><c><v>no r</v></c></row></sheetData>`,
	"cell order": `<sheetData><row r="1"><c r="C1"><v>c</v></c><c r="A1"><v>a</v></c><c><v>after a</v></c><c r="B1"><v>b</v></c><c r="E1"><v></v></c><c r="F1"><v>f</v></c></row>` +
		`<row r="2"><c r="B3"><v>other row ref</v></c><c r="XFD2"><v>last column</v></c></row></sheetData>`,
	"odd attributes": `<sheetData><row r="1"><c r="A1" s="abc" t="str"><v>style not a number</v></c><c t="str" s="1x" r="C1"><v>t before s</v></c>` +
		`<c r="D1" s="-3"><v>negative style</v></c><c x:r="E1"><v>prefixed r</v></c><c r="F1" r="G1"><v>two r</v></c>` +
		`<c r="" ><v>empty r</v></c><c R="J1"><v>upper R</v></c></row></sheetData>`,
	"bad cell ref":       `<sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="1A"><v>x</v></c></row><row r="3"><c r="A3"><v>3</v></c></row></sheetData>`,
	"lower case ref":     `<sheetData><row r="1"><c r="b1"><v>1</v></c><c r="$D$1"><v>2</v></c><c r="E01"><v>3</v></c></row></sheetData>`,
	"bad row number":     `<sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="x"><c r="A2"><v>2</v></c></row><row r="3"><c r="A3"><v>3</v></c></row></sheetData>`,
	"row number too big": `<sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r='1048577'><c r="A2"><v>2</v></c></row></sheetData>`,
	"row number zero":    `<sheetData><row r="0"><c r="A1"><v>1</v></c></row><row r="-2"><c r="A2"><v>2</v></c></row><row r="+3"><c r="A3"><v>3</v></c></row></sheetData>`,
	"nested c":           `<sheetData><row r="1"><c r="A1"><v>1</v><c r="B1"><v>2</v></c><v>3</v></c><c r="C1"><v>4</v></c></row></sheetData>`,
	"v with child":       `<sheetData><row r="1"><c r="A1"><v>1<x>2</x>3</v></c><c r="B1"><v>a</v><v>b</v></c><c r="C1"><v>a</v><v/></c></row></sheetData>`,
	"stuff around": `<sheetPr><tabColor rgb="FF0000"/></sheetPr><dimension ref="A1:B2"/><sheetViews><sheetView workbookViewId="0"/></sheetViews>` +
		`<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData><mergeCells count="1"><mergeCell ref="A1:B2"/></mergeCells>` +
		`<row r="7"><c r="A7"><v>after sheetData</v></c></row>`,
	"namespaces": `<sheetData xmlns:y="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><y:row r="1"><y:c r="A1"><y:v>1</y:v></y:c>` +
		`<c r="B1" xmlns="urn:other"><v>2</v></c><x:c r="C1"><c xmlns="urn:other"><v>inner</v></c><v>3</v></x:c>` +
		`<x:c r="D1"><y:c><v>inner y</v></y:c><v>4</v></x:c></y:row></sheetData>`,
	"no sheetData end": `<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData><sheetData><row r="2"><c r="A2"><v>2</v></c></row></sheetData>`,
	"empty":            `<sheetData/>`,
	"no sheetData":     `<sheetPr/>`,
}

func TestFastRows_SheetXML(t *testing.T) {
	names := make([]string, 0, len(sheetXMLCases))
	for n := range sheetXMLCases {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			sheet := sheetHead + sheetXMLCases[name] + sheetTail
			if !wellFormedSheet([]byte(sheet)) {
				t.Fatalf("test sheet is not well-formed XML")
			}
			data := withParts(t, baseWorkbook, map[string][]byte{
				"xl/worksheets/sheet1.xml": []byte(sheet),
				"xl/sharedStrings.xml":     []byte(testSST),
			})
			ref, fast, err := readBoth(t, data, 1<<20)
			if err != nil {
				t.Fatal(err)
			}
			sameRows(t, name, ref, fast)
		})
	}
}

// Parts in another character set are converted by excelize; the fast reader
// hands such a sheet to excelize's reader.
func TestFastRows_ForeignEncodingFallsBack(t *testing.T) {
	sheet := []byte(`<?xml version="1.0" encoding="windows-1252"?>` + "\n" +
		`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">` +
		"<c r=\"A1\" t=\"inlineStr\"><is><t>Chlo\xe9</t></is></c></row></sheetData></worksheet>")
	data := withParts(t, baseWorkbook, map[string][]byte{"xl/worksheets/sheet1.xml": sheet})
	ref, fast, err := readBoth(t, data, 100)
	if err != nil {
		t.Fatal(err)
	}
	sameRows(t, "windows-1252", ref, fast)
	if got := fast["Sheet1"].Rows; len(got) != 1 || got[0][0] != "Chloé" {
		t.Errorf("rows %q", got)
	}
}

// A sheet that encoding/xml cannot read is an error of the fast reader,
// where excelize stopped reading silently (and the rows after the damage
// were lost without a word).
func TestFastRows_MalformedSheetIsAnError(t *testing.T) {
	for _, bad := range []string{
		`<sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2"><v>2</c></row></sheetData>`,
		`<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&nbsp;</t></is></c></row></sheetData>`,
		"<sheetData><row r=\"1\"><c r=\"A1\"><v>\xff</v></c></row></sheetData>",
		`<sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="2"`,
	} {
		sheet := sheetHead + bad + sheetTail
		data := withParts(t, baseWorkbook, map[string][]byte{"xl/worksheets/sheet1.xml": []byte(sheet)})
		_, fast, err := readBoth(t, data, 100)
		if err != nil {
			t.Fatal(err)
		}
		if r := fast["Sheet1"]; r.End == "" || !strings.Contains(r.SheetErr, "ongeldige XML") {
			t.Errorf("%s: no error: %s", bad, showRead(r))
		}
	}
}

// wellFormedSheet reports whether encoding/xml reads a sheet part without
// error up to the end of sheetData (where excelize stops) — the condition
// under which fastRows must return what excelize returns. A declaration of
// another encoding counts as malformed here (excelize converts such a part;
// fastRows leaves it to excelize when it comes first and refuses it later).
func wellFormedSheet(data []byte) bool {
	d := xml.NewDecoder(bytes.NewReader(data))
	for {
		tok, err := d.Token()
		if err != nil {
			return err == io.EOF
		}
		if e, ok := tok.(xml.EndElement); ok && e.Name.Local == "sheetData" {
			return true
		}
	}
}

// FuzzFastRows mutates sheet XML (and the shared strings) and demands that
// the fast reader never panics and, where encoding/xml reads the sheet up to
// the end of sheetData without error, returns exactly what excelize
// returns. Where encoding/xml finds a syntax error excelize stops reading
// silently, as if the sheet ended there, and the fast reader reports the
// error; those inputs may differ (and are only checked for panics).
//
//	go test -run XXX -fuzz '^FuzzFastRows$' -fuzztime 60s ./importers/
func FuzzFastRows(f *testing.F) {
	names := make([]string, 0, len(sheetXMLCases))
	for n := range sheetXMLCases {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		f.Add([]byte(sheetHead+sheetXMLCases[n]+sheetTail), []byte(testSST))
	}
	f.Add([]byte(sheetHead+`<sheetData><row r="1"><c r="A1" t="s"><v>2</v></c></row></sheetData>`+sheetTail),
		[]byte(`<sst xmlns="http://purl.oclc.org/ooxml/spreadsheetml/main"><si><t>a</t></si><si><r><t>b</t></r></si><si><t>c</t></si></sst>`))
	f.Fuzz(func(t *testing.T, sheet, sst []byte) {
		if len(sheet) > 1<<16 || len(sst) > 1<<16 {
			return
		}
		data := withParts(t, baseWorkbook, map[string][]byte{"xl/worksheets/sheet1.xml": sheet, "xl/sharedStrings.xml": sst})
		wbRef, errRef := openXLSXRows("t.xlsx", data, true)
		wbFast, errFast := openXLSXRows("t.xlsx", data, false)
		if errRef != nil || errFast != nil {
			if (errRef == nil) != (errFast == nil) {
				t.Fatalf("open: reference %v, fast %v", errRef, errFast)
			}
			return
		}
		defer wbRef.Close()
		defer wbFast.Close()
		fast := readSource(t, wbFast)
		if !wellFormedSheet(sheet) {
			return
		}
		ref := readSource(t, wbRef)
		if !reflect.DeepEqual(ref, fast) {
			t.Fatalf("differ:\nexcelize: %s\nfast:     %s", showRead(ref), showRead(fast))
		}
	})
}

// readSource reads Sheet1's rows straight from its row source, up to 5000.
func readSource(t *testing.T, wb *workbook) rowsRead {
	var rr rowsRead
	s, err := wb.open("Sheet1")
	if err != nil {
		rr.End = "open: " + err.Error()
		return rr
	}
	defer s.Close()
	src := s.(*xlsxSheet).rows
	for i := 0; i < 5000 && src.Next(); i++ {
		cols, err := src.Columns()
		rr.Rows = append(rr.Rows, cols)
		e := ""
		if err != nil {
			e = err.Error()
		}
		rr.Errs = append(rr.Errs, e)
	}
	if err := src.Error(); err != nil {
		rr.End = err.Error()
	}
	return rr
}

// FuzzFastRowsWellFormed builds well-formed sheet XML from the fuzzer's
// bytes — elements, attributes, text and markup from the vocabulary of
// worksheets and of odd producers, nested at random — so that every input
// is one where the fast reader must return exactly what excelize returns.
//
//	go test -run XXX -fuzz '^FuzzFastRowsWellFormed$' -fuzztime 60s ./importers/
func FuzzFastRowsWellFormed(f *testing.F) {
	f.Add([]byte{0, 1, 2, 3, 4, 5, 6, 7, 8, 9})
	f.Add([]byte("\x01\x02\x10\x03\x04\x22\x05\x06\x07\x40\x41\x42\x43\x30\x31\x32\x33"))
	f.Add([]byte("row c v is t r rPh f sheetData 12345 A1 B2 &amp; <![CDATA[x]]>"))
	f.Fuzz(func(t *testing.T, prog []byte) {
		if len(prog) > 4096 {
			return
		}
		sheet := sheetHead + "<sheetData>" + buildSheetXML(prog) + "</sheetData>" + sheetTail
		if !wellFormedSheet([]byte(sheet)) {
			t.Fatalf("generator made malformed XML: %q", sheet)
		}
		data := withParts(t, baseWorkbook, map[string][]byte{"xl/worksheets/sheet1.xml": []byte(sheet), "xl/sharedStrings.xml": []byte(testSST)})
		wbRef, errRef := openXLSXRows("t.xlsx", data, true)
		wbFast, errFast := openXLSXRows("t.xlsx", data, false)
		if errRef != nil || errFast != nil {
			if (errRef == nil) != (errFast == nil) {
				t.Fatalf("open: reference %v, fast %v", errRef, errFast)
			}
			return
		}
		defer wbRef.Close()
		defer wbFast.Close()
		ref, fast := readSource(t, wbRef), readSource(t, wbFast)
		if !reflect.DeepEqual(ref, fast) {
			t.Fatalf("differ on %q:\nexcelize: %s\nfast:     %s", sheet, showRead(ref), showRead(fast))
		}
	})
}

var (
	genElems = []string{"row", "c", "v", "f", "is", "t", "r", "rPh", "rPr", "b", "sz", "x:row", "x:c", "x:v", "x:is", "x:t",
		"y:c", "phoneticPr", "color", "i", "onbekend", "sheetData", "c"}
	genAttrs = []string{"r", "s", "t", "si", "ca", "sb", "eb", "val", "fontId", "x:r", "xmlns", "xmlns:y", "xmlns:x", "xml:space",
		"spans", "ref", "aca", "rgb", "theme", "r", "t"}
	genVals = []string{"1", "2", "A1", "B2", "C3", "x", "", " 1 ", "-1", "s", "inlineStr", "str", "b", "e", "n", "d", "1048577",
		"0", "&amp;", "&#49;", "XFD1", "a1", "$B$2", "A01", "+3", "5", "true", "maybe", "preserve",
		"http://schemas.openxmlformats.org/spreadsheetml/2006/main", "urn:y", "99999999999999999999", "7.5", "1:4"}
	genTexts = []string{"1", "0", "2", "7.5", "abc", " ", "\n  ", "&lt;&amp;&gt;", "&#10;", "&#13;", "\r\n", "a\rb", "_x0041_",
		"_x005F_x0041_", "<![CDATA[<c>]]>", "<!-- c -->", "<?pi x?>", "é😀", "5", "-3", " 2 ", "A1"}
)

// buildSheetXML turns bytes into well-formed XML: each byte picks an
// action, the next ones its operands.
func buildSheetXML(prog []byte) string {
	var b strings.Builder
	var stack []string
	i := 0
	next := func(n int) int {
		if i >= len(prog) {
			return 0
		}
		v := int(prog[i]) % n
		i++
		return v
	}
	for i < len(prog) && b.Len() < 1<<15 {
		switch next(6) {
		case 0, 1: // open an element, maybe self-closing
			name := genElems[next(len(genElems))]
			b.WriteString("<" + name)
			for n := next(4); n > 0; n-- { // duplicates too: encoding/xml accepts them
				a := genAttrs[next(len(genAttrs))]
				q := `"`
				if next(4) == 0 {
					q = `'`
				}
				b.WriteString(" " + a + "=" + q + genVals[next(len(genVals))] + q)
			}
			if next(5) == 0 {
				b.WriteString("/>")
			} else {
				b.WriteString(">")
				stack = append(stack, name)
			}
		case 2: // close
			if len(stack) > 0 {
				b.WriteString("</" + stack[len(stack)-1] + ">")
				stack = stack[:len(stack)-1]
			}
		case 3: // text
			b.WriteString(genTexts[next(len(genTexts))])
		case 4: // a whole cell
			ref := genVals[next(len(genVals))]
			typ := []string{"", ` t="s"`, ` t="inlineStr"`, ` t="str"`, ` t="b"`, ` t="e"`}[next(6)]
			val := genTexts[next(len(genTexts))]
			switch next(3) {
			case 0:
				fmt.Fprintf(&b, `<c r="%s"%s><v>%s</v></c>`, ref, typ, val)
			case 1:
				fmt.Fprintf(&b, `<c%s><is><t>%s</t></is></c>`, typ, val)
			case 2:
				fmt.Fprintf(&b, `<c r="%s"%s><f>%s</f></c>`, ref, typ, val)
			}
		case 5: // a whole row
			fmt.Fprintf(&b, `<row r="%s">`, genVals[next(len(genVals))])
			stack = append(stack, "row")
		}
	}
	for len(stack) > 0 {
		b.WriteString("</" + stack[len(stack)-1] + ">")
		stack = stack[:len(stack)-1]
	}
	return b.String()
}

// A part excelize keeps on disk (over 16 MB) is streamed from the zip in a
// window that grows and moves; reading it a byte at a time (every token
// straddles a refill) or from the zip gives the same rows as from memory.
func TestFastRows_StreamedLikeInMemory(t *testing.T) {
	sst := readSharedStrings([]byte(testSST), nil)
	read := func(src *fastRows) rowsRead {
		var rr rowsRead
		for i := 0; i < 100000 && src.Next(); i++ {
			cols, err := src.Columns()
			rr.Rows = append(rr.Rows, cols)
			e := ""
			if err != nil {
				e = err.Error()
			}
			rr.Errs = append(rr.Errs, e)
		}
		if err := src.Error(); err != nil {
			rr.End = err.Error()
		}
		return rr
	}
	var names []string
	for n := range sheetXMLCases {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, name := range names {
		sheet := []byte(sheetHead + sheetXMLCases[name] + sheetTail)
		mem := read(newFastRows(sheet, nil, sst))
		oneByte := read(newFastRows(nil, iotest.OneByteReader(bytes.NewReader(sheet)), sst))
		if !reflect.DeepEqual(mem, oneByte) {
			t.Errorf("%s: one byte at a time:\n%s\nin memory:\n%s", name, showRead(oneByte), showRead(mem))
		}
		// And through the workbook, the part streamed from the zip.
		data := withParts(t, baseWorkbook, map[string][]byte{"xl/worksheets/sheet1.xml": sheet, "xl/sharedStrings.xml": []byte(testSST)})
		zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			t.Fatal(err)
		}
		parts, err := scanParts(zr, nil)
		if err != nil {
			t.Fatal(err)
		}
		noCopy := func(string) []byte { return nil }
		fr, err := parts.fastRows("Sheet1", noCopy, parts.sharedStrings(noCopy, nil))
		if err != nil || fr == nil || fr.close == nil {
			t.Fatalf("%s: streamed reader %v %v", name, fr, err)
		}
		zipped := read(fr)
		fr.Close()
		if !reflect.DeepEqual(mem, zipped) {
			t.Errorf("%s: streamed from the zip:\n%s\nin memory:\n%s", name, showRead(zipped), showRead(mem))
		}
	}
	// Malformed input is an error whichever way it is read.
	bad := []byte(sheetHead + `<sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2"><v>&bad;</v></c></row></sheetData>` + sheetTail)
	for _, fr := range []*fastRows{newFastRows(bad, nil, sst), newFastRows(nil, iotest.OneByteReader(bytes.NewReader(bad)), sst)} {
		if r := read(fr); len(r.Rows) != 2 || !strings.Contains(r.End, "ongeldige entiteit") {
			t.Errorf("malformed: %s", showRead(r))
		}
	}
	// A token longer than the window may grow to is refused, not buffered
	// without end.
	huge := newFastRows(nil, bytes.NewReader([]byte(sheetHead+`<sheetData><row r="1"><c r="A1"><v>`+strings.Repeat("9", 3<<20)+`</v></c></row></sheetData>`+sheetTail)), sst)
	huge.sc.maxBuf = 1 << 20
	if r := read(huge); !strings.Contains(r.End, "zonder einde") {
		t.Errorf("huge token: %s", showRead(r))
	}
}

// BenchmarkSheetRows reads a 100,000-row hour sheet (written as excelize's
// StreamWriter writes it: inline strings) with excelize's Rows and with
// fastRows, rows and cells as the importer reads them.
//
//	go test -run XXX -bench SheetRows ./importers/
func BenchmarkSheetRows(b *testing.B) {
	f := excelize.NewFile()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		b.Fatal(err)
	}
	sw.SetRow("A1", []any{"Personeelsnummer", "Datum", "Uursoort", "Aantal"})
	types := []string{"Normaal", "km", "Declaratie"}
	for r := 2; r <= 100_001; r++ {
		cell, _ := excelize.CoordinatesToCellName(1, r)
		if err := sw.SetRow(cell, []any{1001 + r%25, 46027 + r/75, types[r%3], 7.5}); err != nil {
			b.Fatal(err)
		}
	}
	sw.Flush()
	var buf bytes.Buffer
	f.Write(&buf)
	f.Close()
	data := buf.Bytes()
	for _, reference := range []bool{true, false} {
		name := "fast"
		if reference {
			name = "excelize"
		}
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				wb, err := openXLSXRows("b.xlsx", data, reference)
				if err != nil {
					b.Fatal(err)
				}
				s, err := wb.open("Sheet1")
				if err != nil {
					b.Fatal(err)
				}
				cells := 0
				for s.Next() {
					cells += len(s.Row())
				}
				if err := s.Err(); err != nil || cells != 400_004 {
					b.Fatalf("%d cells, %v", cells, err)
				}
				s.Close()
				wb.Close()
			}
		})
	}
}
