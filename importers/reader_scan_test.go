package importers

import (
	"archive/zip"
	"bytes"
	"fmt"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// The sheet pre-scan reads a part from memory (as excelize unpacked it) or
// streams it from the zip in chunks; both must find the same last row, merged
// areas and formula cells without a cached result as a plain regexp reading
// of the XML, also when tags straddle the chunks and with an x: prefix.
func TestScanSheetPart_MemoryAndStreamAgreeWithRegexp(t *testing.T) {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?><worksheet><sheetData>`)
	for r := 1; r <= 30000; r++ {
		switch {
		case r%9973 == 0:
			fmt.Fprintf(&b, `<x:row r="%d"><x:c r="A%d"><x:v>1</x:v></x:c></x:row>`, r, r)
		case r%7919 == 0:
			fmt.Fprintf(&b, `<row r="%d"><c r="B%d"><f>SUM(A1:A2)</f></c><c r="C%d"><f t="shared" si="0"/></c><c r="D%d"><f>1+1</f><v>2</v></c></row>`, r, r, r, r)
		case r == 29999:
			fmt.Fprintf(&b, `<row spans="1:2"><c r="A%d" t="inlineStr"><is><t>waarde met w en m en f</t></is></c></row>`, r)
		default:
			fmt.Fprintf(&b, `<row r="%d" spans="1:4"><c r="A%d"><v>%d</v></c><c r="B%d" t="str"><v>Normaal</v></c></row>`, r, r, 1000+r%25, r)
		}
	}
	b.WriteString(`<row r="31000"><c r="A31000"><v>1</v></c></row></sheetData><mergeCells count="2"><mergeCell ref="A1:C1"/><mergeCell ref="B5:B6"/></mergeCells></worksheet>`)
	xml := b.String()

	var zbuf bytes.Buffer
	zw := zip.NewWriter(&zbuf)
	w, _ := zw.Create("xl/worksheets/sheet1.xml")
	w.Write([]byte(xml))
	zw.Close()
	zr, err := zip.NewReader(bytes.NewReader(zbuf.Bytes()), int64(zbuf.Len()))
	if err != nil {
		t.Fatal(err)
	}

	wantMax := 0
	for _, m := range regexp.MustCompile(`<(?:x:)?row r="(\d+)"`).FindAllStringSubmatch(xml, -1) {
		n, _ := strconv.Atoi(m[1])
		wantMax = max(wantMax, n)
	}
	var wantMerges []mergeRange
	for _, m := range regexp.MustCompile(`<mergeCell ref="([^"]+)"`).FindAllStringSubmatch(xml, -1) {
		r, _ := parseRange(m[1])
		wantMerges = append(wantMerges, r)
	}
	wantNoCache := map[[2]int]bool{}
	for r := 7919; r <= 30000; r += 7919 {
		wantNoCache[[2]int{r - 1, 1}] = true // B: <f>…</f></c>
		wantNoCache[[2]int{r - 1, 2}] = true // C: <f …/></c>
	}

	for _, mem := range []bool{false, true} {
		var data []byte
		if mem {
			data = []byte(xml)
		}
		maxRow, merges, noCache, err := scanSheetPart(zr.File[0], data)
		if err != nil {
			t.Fatal(err)
		}
		if maxRow != wantMax || !reflect.DeepEqual(merges, wantMerges) || !reflect.DeepEqual(noCache, wantNoCache) {
			t.Errorf("in memory %v: last row %d, merges %v, no cache %v; want %d, %v, %v", mem, maxRow, merges, noCache,
				wantMax, wantMerges, wantNoCache)
		}
	}
}

func TestIndexViaAndRowNumber(t *testing.T) {
	for _, c := range []struct{ s, pat string }{
		{"<c r=\"A1\"><v>1</v></c><row r=\"2\">", "<row "}, {"<row ", "<row "}, {"w<row", "<row "}, {"", "<row "},
		{"<roww <row x", "<row "}, {"ww", "<row "}, {"<x:row r=\"3\"", "<x:row "}, {"<mergeCells><mergeCell ref=", "<mergeCell "},
	} {
		rare := strings.IndexAny(c.pat, "wxm")
		if got, want := indexVia([]byte(c.s), []byte(c.pat), rare), strings.Index(c.s, c.pat); got != want {
			t.Errorf("indexVia(%q, %q) = %d, want %d", c.s, c.pat, got, want)
		}
	}
	for _, tag := range []string{`<row r="12" spans="1:3"`, `<row spans="1:3"`, `<row r=""`, `<row r="x1"`, `<row r="+7"`,
		`<row r="0012"`, `<row r="99999999999999999999"`, `<row r="5`, `<row  r="6"`} {
		v, found := attr([]byte(tag), "r")
		n, err := strconv.Atoi(v)
		gn, gfound, gok := rowNumber([]byte(tag))
		if gfound != found || (found && (gok != (err == nil) || (gok && gn != n))) {
			t.Errorf("rowNumber(%q) = %d %v %v; attr+Atoi: %q %v → %d %v", tag, gn, gfound, gok, v, found, n, err)
		}
	}
}
