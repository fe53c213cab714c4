package gui

import (
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"verloner/domain"
)

// DataTable is the one table component every page uses: a virtualised
// widget.Table with a header row, click-to-sort columns and a search filter.
// Cells are precomputed strings, so UpdateCell does no work beyond SetText.
type DataTable struct {
	Table   *widget.Table
	Search  *widget.Entry
	Count   *widget.Label
	headers []string
	widths  []float32
	all     []tableRow
	shown   []tableRow
	sortCol int
	sortAsc bool
	query   string
	countFn func(shown, total int) string
	// OnSelect is called with the row (as shown) the user selected and its key.
	OnSelect func(row []string, key string)
}

// tableRow is one row's cells plus an optional key the caller uses to find
// the record behind the row (the key is not shown).
type tableRow struct {
	cells []string
	key   string
}

// NewDataTable builds a table with the given column headers and widths.
func NewDataTable(headers []string, widths []float32, searchHint string, countFn func(shown, total int) string) *DataTable {
	d := &DataTable{headers: headers, widths: widths, sortCol: -1, sortAsc: true, countFn: countFn}
	d.Table = widget.NewTableWithHeaders(
		func() (int, int) { return len(d.shown), len(d.headers) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(id widget.TableCellID, o fyne.CanvasObject) {
			l := o.(*widget.Label)
			if id.Row < len(d.shown) && id.Col < len(d.shown[id.Row].cells) {
				l.SetText(d.shown[id.Row].cells[id.Col])
			} else {
				l.SetText("")
			}
		})
	d.Table.ShowHeaderColumn = false
	d.Table.CreateHeader = func() fyne.CanvasObject {
		b := widget.NewButton("", nil)
		b.Importance = widget.LowImportance
		b.Alignment = widget.ButtonAlignLeading
		return b
	}
	d.Table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		b := o.(*widget.Button)
		if id.Col < 0 || id.Col >= len(d.headers) {
			b.SetText("")
			return
		}
		text := d.headers[id.Col]
		if id.Col == d.sortCol {
			if d.sortAsc {
				text += " ▲"
			} else {
				text += " ▼"
			}
		}
		b.SetText(text)
		col := id.Col
		b.OnTapped = func() { d.SortBy(col) }
	}
	for i, w := range widths {
		d.Table.SetColumnWidth(i, w)
	}
	d.Table.OnSelected = func(id widget.TableCellID) {
		if d.OnSelect != nil && id.Row >= 0 && id.Row < len(d.shown) {
			d.OnSelect(d.shown[id.Row].cells, d.shown[id.Row].key)
		}
	}
	d.Search = widget.NewEntry()
	d.Search.SetPlaceHolder(searchHint)
	d.Search.OnChanged = func(s string) { d.Filter(s) }
	d.Count = widget.NewLabel("")
	return d
}

// SetRows replaces the data and re-applies sort and filter.
func (d *DataTable) SetRows(rows [][]string) { d.SetKeyedRows(rows, nil) }

// SetKeyedRows replaces the data; keys[i] identifies rows[i] for OnSelect.
func (d *DataTable) SetKeyedRows(rows [][]string, keys []string) {
	d.all = make([]tableRow, len(rows))
	for i, r := range rows {
		d.all[i].cells = r
		if i < len(keys) {
			d.all[i].key = keys[i]
		}
	}
	d.apply()
}

// Rows returns the rows currently shown (after filter and sort).
func (d *DataTable) Rows() [][]string {
	out := make([][]string, len(d.shown))
	for i, r := range d.shown {
		out[i] = r.cells
	}
	return out
}

// Filter shows only rows in which some cell contains q (case-insensitive).
func (d *DataTable) Filter(q string) {
	d.query = strings.ToLower(strings.TrimSpace(q))
	d.apply()
}

// SortBy sorts on a column; a second call on the same column reverses the order.
func (d *DataTable) SortBy(col int) {
	if d.sortCol == col {
		d.sortAsc = !d.sortAsc
	} else {
		d.sortCol, d.sortAsc = col, true
	}
	d.apply()
}

func (d *DataTable) apply() {
	d.shown = d.shown[:0]
	for _, r := range d.all {
		if d.query == "" || rowMatches(r.cells, d.query) {
			d.shown = append(d.shown, r)
		}
	}
	if d.sortCol >= 0 {
		col, asc := d.sortCol, d.sortAsc
		sort.SliceStable(d.shown, func(i, j int) bool {
			c := compareCells(cell(d.shown[i].cells, col), cell(d.shown[j].cells, col))
			if asc {
				return c < 0
			}
			return c > 0
		})
	}
	if d.countFn != nil {
		d.Count.SetText(d.countFn(len(d.shown), len(d.all)))
	}
	d.Table.Refresh()
}

// compareCells orders numbers (Dutch or plain notation, with or without €) by
// value, dd-mm-jjjj dates by date, and everything else alphabetically.
func compareCells(a, b string) int {
	if da, ok := parseDateNL(a); ok {
		if db, ok := parseDateNL(b); ok {
			return strings.Compare(da, db)
		}
	}
	if na, err := domain.ParseDecimalNL(a); err == nil {
		if nb, err := domain.ParseDecimalNL(b); err == nil {
			return na.Cmp(nb)
		}
	}
	return strings.Compare(a, b)
}

// parseDateNL turns "05-01-2026" into the sortable "2026-01-05".
func parseDateNL(s string) (string, bool) {
	if len(s) != 10 || s[2] != '-' || s[5] != '-' {
		return "", false
	}
	return s[6:] + s[3:5] + s[:2], true
}

func cell(r []string, i int) string {
	if i < len(r) {
		return strings.ToLower(r[i])
	}
	return ""
}

func rowMatches(r []string, q string) bool {
	for _, c := range r {
		if strings.Contains(strings.ToLower(c), q) {
			return true
		}
	}
	return false
}

// Toolbar is the search field with the row count beside it.
func (d *DataTable) Toolbar() fyne.CanvasObject {
	return container.NewBorder(nil, nil, nil, d.Count, d.Search)
}

// View lays out toolbar and table.
func (d *DataTable) View() fyne.CanvasObject {
	return container.NewBorder(d.Toolbar(), nil, nil, nil, d.Table)
}
