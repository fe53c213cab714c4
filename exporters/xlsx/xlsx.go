// Package xlsx writes spreadsheets for Verloner's exports (checklists,
// payslip and invoice lists, margin overviews) through excelize's
// StreamWriter, so that a sheet of 100 000 rows stays cheap in memory.
//
// It exists for two reasons. Safety: much of what we export was imported
// from hirers' files, and a name like "=HYPERLINK(…)" or "+31 6…" must land as
// text, never as a formula; every string goes in as an inline string, and a
// string starting with =, +, -, @, tab or CR also gets the text number format
// ("@") so that editing the cell in Excel keeps it text. Consistency: money,
// dates and hours get one Dutch-readable format everywhere (€ #,##0.00,
// dd-mm-jjjj).
//
// Money arrives as decimal.Decimal. A spreadsheet number is an IEEE double;
// a decimal with at most 15 significant digits survives that exactly, a
// longer one is written as text rather than rounded silently.
package xlsx

import (
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
)

// Kind says how a column's values are formatted.
type Kind int

// Column kinds.
const (
	Text     Kind = iota // text, written safely
	Integer              // whole numbers
	Number               // decimals with up to 2 places shown (hours, quantities)
	Money                // € #,##0.00
	Percent              // a percentage as published: 125 means 125 %
	Date                 // dd-mm-yyyy
	DateTime             // dd-mm-yyyy hh:mm
)

// Column is one column of a sheet.
type Column struct {
	Header string
	Width  float64 // in Excel character units; 0: a default by kind
	Kind   Kind
}

// RowStyle emphasises a whole row (a group heading, a total, a blocker).
type RowStyle struct {
	Bold bool
	Fill string // background colour "RRGGBB"; "" for none
}

// Workbook is an XLSX file being written. It is not safe for concurrent use.
type Workbook struct {
	f      *excelize.File
	sheets []*Sheet
	styles map[styleKey]int
	err    error
}

// Sheet is one worksheet being streamed. Rows are written top to bottom.
type Sheet struct {
	b    *Workbook
	name string
	sw   *excelize.StreamWriter
	cols []Column
	row  int
}

type styleKey struct {
	kind Kind
	text bool // the text number format, for dangerous strings
	RowStyle
	header bool
}

// New starts an empty workbook.
func New() *Workbook {
	return &Workbook{f: excelize.NewFile(), styles: map[styleKey]int{}}
}

// SheetName makes s a valid worksheet name: at most 31 characters, none of : \ / ? * [ ].
func SheetName(s string) string {
	s = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`:\/?*[]`, r) || r < 32 {
			return '-'
		}
		return r
	}, strings.TrimSpace(s))
	s = strings.Trim(s, "'")
	for utf8.RuneCountInString(s) > 31 {
		_, size := utf8.DecodeLastRuneInString(s)
		s = s[:len(s)-size]
	}
	if s == "" {
		s = "Blad"
	}
	return s
}

// AddSheet adds a worksheet with a bold, frozen header row of cols. An
// optional title is written above the header in bold.
func (b *Workbook) AddSheet(name string, cols []Column, title string) (*Sheet, error) {
	if b.err != nil {
		return nil, b.err
	}
	name = SheetName(name)
	if len(b.sheets) == 0 {
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
	s := &Sheet{b: b, name: name, sw: sw, cols: cols}
	b.sheets = append(b.sheets, s)
	for i, c := range cols {
		w := c.Width
		if w <= 0 {
			w = defaultWidth(c.Kind)
		}
		if err := sw.SetColWidth(i+1, i+1, w); err != nil {
			return nil, fmt.Errorf("werkblad %s: %w", name, err)
		}
	}
	headerRow := 1
	if title != "" {
		headerRow = 2
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: headerRow, TopLeftCell: cell(1, headerRow+1), ActivePane: "bottomLeft"}); err != nil {
		return nil, fmt.Errorf("werkblad %s: %w", name, err)
	}
	if title != "" {
		st, err := b.style(styleKey{kind: Text, header: true, text: Dangerous(title), RowStyle: RowStyle{Bold: true}})
		if err != nil {
			return nil, err
		}
		s.row++
		if err := sw.SetRow(cell(1, s.row), []any{excelize.Cell{StyleID: st, Value: title}}); err != nil {
			return nil, fmt.Errorf("werkblad %s titel: %w", name, err)
		}
	}
	hdr := make([]any, len(cols))
	for i, c := range cols {
		st, err := b.style(styleKey{kind: Text, header: true, text: Dangerous(c.Header), RowStyle: RowStyle{Bold: true, Fill: "D9D9D9"}})
		if err != nil {
			return nil, err
		}
		hdr[i] = excelize.Cell{StyleID: st, Value: c.Header}
	}
	s.row++
	if err := sw.SetRow(cell(1, s.row), hdr); err != nil {
		return nil, fmt.Errorf("werkblad %s kopregel: %w", name, err)
	}
	return s, nil
}

func defaultWidth(k Kind) float64 {
	switch k {
	case Integer, Percent:
		return 8
	case Number:
		return 10
	case Money:
		return 14
	case Date:
		return 12
	case DateTime:
		return 17
	}
	return 20
}

func cell(col, row int) string {
	name, _ := excelize.CoordinatesToCellName(col, row)
	return name
}

// Row writes one row. Values may be string, decimal.Decimal, int, int64,
// float64 (only for non-money numbers), time.Time, bool, nil (empty), or a
// fmt.Stringer (written as text). Extra values beyond the columns are
// written as text.
func (s *Sheet) Row(values ...any) error { return s.RowWith(RowStyle{}, values...) }

// RowWith writes one row with an emphasis.
func (s *Sheet) RowWith(rs RowStyle, values ...any) error {
	if s.b.err != nil {
		return s.b.err
	}
	out := make([]any, len(values))
	for i, v := range values {
		kind := Text
		if i < len(s.cols) {
			kind = s.cols[i].Kind
		}
		c, err := s.b.cellValue(kind, rs, v)
		if err != nil {
			return fmt.Errorf("werkblad %s rij %d kolom %d: %w", s.name, s.row+1, i+1, err)
		}
		out[i] = c
	}
	s.row++
	if err := s.sw.SetRow(cell(1, s.row), out); err != nil {
		return fmt.Errorf("werkblad %s rij %d: %w", s.name, s.row, err)
	}
	return nil
}

// Blank writes an empty row (a visual separator).
func (s *Sheet) Blank() error {
	s.row++
	if err := s.sw.SetRow(cell(1, s.row), nil); err != nil {
		return fmt.Errorf("werkblad %s rij %d: %w", s.name, s.row, err)
	}
	return nil
}

// Dangerous reports whether a spreadsheet program could read s as a formula
// or a command: it starts with =, +, -, @, a tab or a carriage return.
func Dangerous(s string) bool {
	return s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0]))
}

func (b *Workbook) cellValue(kind Kind, rs RowStyle, v any) (any, error) {
	key := styleKey{kind: kind, RowStyle: rs}
	var val any
	switch x := v.(type) {
	case nil:
		if rs == (RowStyle{}) {
			return nil, nil
		}
		val = ""
	case string:
		key.kind, key.text = Text, Dangerous(x)
		val = x
	case decimal.Decimal:
		if len(strings.TrimLeft(x.Coefficient().String(), "-")) > 15 {
			key.kind = Text
			val = x.String()
		} else {
			val = x.InexactFloat64()
		}
	case int:
		val = x
	case int64:
		val = x
	case float64:
		val = x
	case bool:
		val = x
	case time.Time:
		if x.IsZero() {
			val = ""
			key.kind = Text
		} else {
			val = x
			if kind != Date && kind != DateTime {
				key.kind = DateTime
			}
		}
	case fmt.Stringer:
		s := x.String()
		key.kind, key.text = Text, Dangerous(s)
		val = s
	default:
		return nil, fmt.Errorf("waarde van type %T niet ondersteund", v)
	}
	st, err := b.style(key)
	if err != nil {
		return nil, err
	}
	return excelize.Cell{StyleID: st, Value: val}, nil
}

// style returns (creating once) the style ID for a kind and emphasis.
func (b *Workbook) style(k styleKey) (int, error) {
	if id, ok := b.styles[k]; ok {
		return id, nil
	}
	st := &excelize.Style{Alignment: &excelize.Alignment{Vertical: "top", WrapText: k.kind == Text && !k.header}}
	if k.Bold {
		st.Font = &excelize.Font{Bold: true}
	}
	if k.Fill != "" {
		st.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{k.Fill}}
	}
	custom := func(f string) { st.CustomNumFmt = &f }
	switch {
	case k.text:
		st.NumFmt = 49 // "@": the cell is text, also after editing
	case k.kind == Integer:
		st.NumFmt = 1
	case k.kind == Number:
		custom("#,##0.##")
	case k.kind == Money:
		custom(`"€" #,##0.00;"€" -#,##0.00`)
	case k.kind == Percent:
		custom(`0.##" %"`)
	case k.kind == Date:
		custom("dd-mm-yyyy")
	case k.kind == DateTime:
		custom("dd-mm-yyyy hh:mm")
	}
	id, err := b.f.NewStyle(st)
	if err != nil {
		return 0, fmt.Errorf("celopmaak: %w", err)
	}
	b.styles[k] = id
	return id, nil
}

// WriteTo finishes every sheet and writes the workbook to w. The workbook
// cannot be written to after this.
func (b *Workbook) WriteTo(w io.Writer) (int64, error) {
	if b.err != nil {
		return 0, b.err
	}
	for _, s := range b.sheets {
		if err := s.sw.Flush(); err != nil {
			b.err = fmt.Errorf("werkblad %s afronden: %w", s.name, err)
			return 0, b.err
		}
	}
	b.err = fmt.Errorf("werkmap is al geschreven")
	n, err := b.f.WriteTo(w)
	if err != nil {
		return n, fmt.Errorf("werkmap schrijven: %w", err)
	}
	return n, nil
}

// Close releases the workbook's temporary files.
func (b *Workbook) Close() error { return b.f.Close() }
