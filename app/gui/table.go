package gui

import (
	"sort"
	"strings"
	"sync"

	"github.com/shopspring/decimal"

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
	// gen counts apply calls, so that a late background result is dropped.
	gen  int
	busy sync.WaitGroup
	// post runs a function on the UI goroutine: fyne.Do, or a queue in tests.
	post func(func())
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
	d := &DataTable{headers: headers, widths: widths, sortCol: -1, sortAsc: true, countFn: countFn, post: fyne.Do}
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
	if tableBuilt != nil {
		tableBuilt(d)
	}
	return d
}

// SetRows replaces the data and re-applies sort and filter.
func (d *DataTable) SetRows(rows [][]string) { d.SetKeyedRows(rows, nil) }

// SetKeyedRows replaces the data; keys[i] identifies rows[i] for OnSelect.
func (d *DataTable) SetKeyedRows(rows [][]string, keys []string) {
	all := make([]tableRow, len(rows))
	for i, r := range rows {
		all[i].cells = r
		if i < len(keys) {
			all[i].key = keys[i]
		}
	}
	d.all = all
	d.apply()
}

// asyncBuild is the row count from which Fill formats rows on a goroutine:
// formatting 2 000 workers (masking, amounts, dates) takes tens of
// milliseconds, 8 000 well over the UI goroutine's budget.
const asyncBuild = 1000

// Fill sets the rows build returns. For n (the expected row count) from
// asyncBuild up, build runs on a goroutine while the table shows it is
// loading; build must then only read data that does not change (a Snapshot).
func (d *DataTable) Fill(n int, build func() (rows [][]string, keys []string)) {
	if n < asyncBuild {
		d.SetKeyedRows(build())
		return
	}
	d.gen++
	gen := d.gen
	d.Count.SetText("…")
	d.busy.Add(1)
	go func() {
		defer d.busy.Done()
		rows, keys := build()
		d.post(func() {
			if gen == d.gen {
				d.SetKeyedRows(rows, keys)
			}
		})
	}()
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

// asyncRows is the table size from which filtering and sorting run off the UI
// goroutine: an import preview of 100 000 lines takes far longer than the
// 100 ms the UI goroutine may be busy, while small tables are done in well
// under a millisecond and update at once (which the widget tests rely on).
const asyncRows = 5000

// apply recomputes the rows shown from all rows, the search and the sort.
func (d *DataTable) apply() {
	all, query, col, asc := d.all, d.query, d.sortCol, d.sortAsc
	d.gen++
	if len(all) < asyncRows {
		d.show(selectRows(all, query, col, asc))
		return
	}
	gen := d.gen
	d.busy.Add(1)
	go func() {
		defer d.busy.Done()
		shown := selectRows(all, query, col, asc)
		d.post(func() {
			if gen == d.gen { // a later search or sort supersedes this one
				d.show(shown)
			}
		})
	}()
}

// Wait blocks until background filtering and sorting have finished; tests use it.
func (d *DataTable) Wait() { d.busy.Wait() }

func (d *DataTable) show(shown []tableRow) {
	d.shown = shown
	if d.countFn != nil {
		d.Count.SetText(d.countFn(len(d.shown), len(d.all)))
	}
	d.Table.Refresh()
}

// selectRows filters and sorts without touching the table, so that it can
// run on any goroutine. Sort keys are parsed once per row, not once per
// comparison.
func selectRows(all []tableRow, query string, col int, asc bool) []tableRow {
	shown := make([]tableRow, 0, len(all))
	for _, r := range all {
		if query == "" || rowMatches(r.cells, query) {
			shown = append(shown, r)
		}
	}
	if col < 0 {
		return shown
	}
	keys := make([]cellKey, len(shown))
	for i, r := range shown {
		keys[i] = keyOf(cell(r.cells, col))
	}
	idx := make([]int, len(shown))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(i, j int) bool {
		c := compareKeys(&keys[idx[i]], &keys[idx[j]])
		if asc {
			return c < 0
		}
		return c > 0
	})
	out := make([]tableRow, len(shown))
	for i, k := range idx {
		out[i] = shown[k]
	}
	return out
}

// cellKey is a cell parsed for sorting: as a date, as a number, and as text.
type cellKey struct {
	text    string
	date    string
	isDate  bool
	number  decimal.Decimal
	isValue bool
}

func keyOf(s string) cellKey {
	k := cellKey{text: s}
	k.date, k.isDate = parseDateNL(s)
	if n, err := domain.ParseDecimalNL(s); err == nil {
		k.number, k.isValue = n, true
	}
	return k
}

// compareKeys orders two cells as compareCells does.
func compareKeys(a, b *cellKey) int {
	if a.isDate && b.isDate {
		return strings.Compare(a.date, b.date)
	}
	if a.isValue && b.isValue {
		return a.number.Cmp(b.number)
	}
	return strings.Compare(a.text, b.text)
}

// compareCells orders numbers (Dutch or plain notation, with or without €) by
// value, dd-mm-jjjj dates by date, and everything else alphabetically.
func compareCells(a, b string) int {
	ka, kb := keyOf(a), keyOf(b)
	return compareKeys(&ka, &kb)
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

// rowMatches reports whether some cell contains q (already lower case). Most
// cells are numbers, codes and names in ASCII, which are compared without
// allocating a lower-case copy.
func rowMatches(r []string, q string) bool {
	for _, c := range r {
		if containsFold(c, q) {
			return true
		}
	}
	return false
}

func containsFold(s, lowerQ string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return strings.Contains(strings.ToLower(s), lowerQ)
		}
	}
	n := len(lowerQ)
	for i := 0; i+n <= len(s); i++ {
		j := 0
		for ; j < n; j++ {
			c := s[i+j]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			if c != lowerQ[j] {
				break
			}
		}
		if j == n {
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
