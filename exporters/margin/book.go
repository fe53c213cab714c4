package margin

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"verloner/exporters/xlsx"
)

// book is a workbook streamed sheet by sheet with formula cells that carry
// their exact cached value, so the file reads right before any
// recalculation (excelize's StreamWriter writes both; exporters/xlsx's
// helper has no formula cells and no charts, hence this small layer). Text
// goes through the same safety rule as exporters/xlsx: a string a
// spreadsheet could take for a formula gets the text format ("@").
type book struct {
	f      *excelize.File
	sheets int
	err    error // the first value that could not be written exactly

	textSafe, text, wrap, title, head, note, bold                      int
	money, hours, pct, integer, moneyBold, hoursBold, pctBold, intBold int
}

func newBook() (*book, error) {
	b := &book{f: excelize.NewFile()}
	moneyFmt := `"€" #,##0.00;"€" -#,##0.00`
	hoursFmt := `#,##0.00`
	pctFmt := `0.00" %";-0.00" %"`
	intFmt := `0`
	top := []excelize.Border{{Type: "top", Color: "000000", Style: 1}}
	boldFont := &excelize.Font{Bold: true}
	for _, s := range []struct {
		dst *int
		st  *excelize.Style
	}{
		{&b.textSafe, &excelize.Style{NumFmt: 49}},
		{&b.text, &excelize.Style{}},
		{&b.wrap, &excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}}},
		{&b.title, &excelize.Style{Font: &excelize.Font{Bold: true, Size: 12}}},
		{&b.head, &excelize.Style{Font: boldFont, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9D9D9"}},
			Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}}},
		{&b.note, &excelize.Style{Font: &excelize.Font{Italic: true, Color: "595959"}}},
		{&b.bold, &excelize.Style{Font: boldFont, Border: top}},
		{&b.money, &excelize.Style{CustomNumFmt: &moneyFmt}},
		{&b.hours, &excelize.Style{CustomNumFmt: &hoursFmt}},
		{&b.pct, &excelize.Style{CustomNumFmt: &pctFmt}},
		{&b.integer, &excelize.Style{CustomNumFmt: &intFmt}},
		{&b.moneyBold, &excelize.Style{Font: boldFont, CustomNumFmt: &moneyFmt, Border: top}},
		{&b.hoursBold, &excelize.Style{Font: boldFont, CustomNumFmt: &hoursFmt, Border: top}},
		{&b.pctBold, &excelize.Style{Font: boldFont, CustomNumFmt: &pctFmt, Border: top}},
		{&b.intBold, &excelize.Style{Font: boldFont, CustomNumFmt: &intFmt, Border: top}},
	} {
		id, err := b.f.NewStyle(s.st)
		if err != nil {
			b.f.Close()
			return nil, fmt.Errorf("werkmap opmaak: %w", err)
		}
		*s.dst = id
	}
	return b, nil
}

// Layout shared by the table sheets: the title in row 1, the header in row
// 2, data from row 3.
const (
	HeaderRow    = 2
	FirstDataRow = 3
)

// sheet is one worksheet being streamed.
type sheet struct {
	b    *book
	name string
	sw   *excelize.StreamWriter
	row  int
	cols int
}

// newSheet starts a sheet with a title row and (when headers is not empty)
// a header row; the header and the first freezeCols columns stay in view.
func (b *book) newSheet(name, title string, headers []string, widths []float64, freezeCols int) (*sheet, error) {
	b.sheets++
	if b.sheets == 1 {
		if err := b.f.SetSheetName("Sheet1", name); err != nil {
			return nil, fmt.Errorf("werkblad %s: %w", name, err)
		}
	} else if _, err := b.f.NewSheet(name); err != nil {
		return nil, fmt.Errorf("werkblad %s: %w", name, err)
	}
	sw, err := b.f.NewStreamWriter(name)
	if err != nil {
		return nil, fmt.Errorf("werkblad %s: %w", name, err)
	}
	s := &sheet{b: b, name: name, sw: sw, cols: len(headers)}
	for i, w := range widths {
		if err := sw.SetColWidth(i+1, i+1, w); err != nil {
			return nil, fmt.Errorf("werkblad %s: %w", name, err)
		}
	}
	if len(headers) > 0 {
		if err := sw.SetPanes(&excelize.Panes{Freeze: true, XSplit: freezeCols, YSplit: HeaderRow,
			TopLeftCell: cellName(freezeCols+1, FirstDataRow), ActivePane: "bottomRight"}); err != nil {
			return nil, fmt.Errorf("werkblad %s: %w", name, err)
		}
	}
	if err := s.write(excelize.RowOpts{Height: 18}, b.str(title, b.title)); err != nil {
		return nil, err
	}
	if len(headers) > 0 {
		hdr := make([]any, len(headers))
		for i, h := range headers {
			hdr[i] = b.str(h, b.head)
		}
		if err := s.write(excelize.RowOpts{Height: 30}, hdr...); err != nil {
			return nil, err
		}
	}
	return s, nil
}

func (s *sheet) write(opts excelize.RowOpts, cells ...any) error {
	s.row++
	if err := s.sw.SetRow(cellName(1, s.row), cells, opts); err != nil {
		return fmt.Errorf("werkblad %s rij %d: %w", s.name, s.row, err)
	}
	return nil
}

// flush ends the sheet; with an autofilter over header and data rows when
// the sheet has a header.
func (s *sheet) flush(filterTo int) error {
	if err := s.sw.Flush(); err != nil {
		return fmt.Errorf("werkblad %s afronden: %w", s.name, err)
	}
	if filterTo >= FirstDataRow && s.cols > 0 {
		if err := s.b.f.AutoFilter(s.name, cellName(1, HeaderRow)+":"+cellName(s.cols, filterTo), nil); err != nil {
			return fmt.Errorf("werkblad %s filter: %w", s.name, err)
		}
	}
	return nil
}

func cellName(col, row int) string {
	n, _ := excelize.CoordinatesToCellName(col, row)
	return n
}

func colName(col int) string {
	n, _ := excelize.ColumnNumberToName(col)
	return n
}

// ref is a cell on another sheet: 'Omzet'!$P$12.
func ref(sheetName string, col, row int) string {
	return quoteSheet(sheetName) + "!$" + colName(col) + "$" + fmt.Sprint(row)
}

// rng is a fixed column range on a sheet: 'Omzet'!$F$3:$F$40.
func rng(sheetName string, col, from, to int) string {
	return fmt.Sprintf("%s!$%s$%d:$%s$%d", quoteSheet(sheetName), colName(col), from, colName(col), to)
}

func quoteSheet(name string) string { return "'" + strings.ReplaceAll(name, "'", "''") + "'" }

// str is a text cell; one a spreadsheet could take for a formula gets the
// text number format, so that editing it keeps it text.
func (b *book) str(v string, style int) excelize.Cell {
	if xlsx.Dangerous(v) {
		style = b.textSafe
	}
	return excelize.Cell{StyleID: style, Value: v}
}

// num is an exact decimal as a spreadsheet number (a double holds up to 15
// significant digits exactly; a longer value is refused rather than rounded).
func (b *book) num(d decimal.Decimal, style int) excelize.Cell {
	return excelize.Cell{StyleID: style, Value: b.float(d)}
}

func (b *book) float(d decimal.Decimal) float64 {
	if len(strings.TrimLeft(d.Coefficient().String(), "-")) > 15 && b.err == nil {
		b.err = fmt.Errorf("getal %s te lang voor een spreadsheetgetal", d)
	}
	return d.InexactFloat64()
}

// fx is a formula cell with its exact result as the cached value: a
// decimal, a decimal.NullDecimal (null: the formula's "") or an int.
func (b *book) fx(formula string, cached any, style int) excelize.Cell {
	var v any
	switch x := cached.(type) {
	case decimal.Decimal:
		v = b.float(x)
	case decimal.NullDecimal:
		v = ""
		if x.Valid {
			v = b.float(x.Decimal)
		}
	case int:
		v = x
	case string:
		v = x
	}
	return excelize.Cell{StyleID: style, Formula: formula, Value: v}
}

// optNum is a number cell, or an empty cell for a null.
func (b *book) optNum(d decimal.NullDecimal, style int) any {
	if !d.Valid {
		return nil
	}
	return b.num(d.Decimal, style)
}

// criterion is the SUMIFS criterion that matches the text of cell exactly:
// "="&$A5 refers to the cell; a key with a wildcard (* ? ~) is written as an
// escaped literal instead, since SUMIFS would read it as a pattern.
func criterion(key, cell string) string {
	if !strings.ContainsAny(key, "*?~") {
		return `"="&` + cell
	}
	esc := strings.NewReplacer("~", "~~", "*", "~*", "?", "~?", `"`, `""`).Replace(key)
	return `"=` + esc + `"`
}
