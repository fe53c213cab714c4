package importers

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"verloner/domain"
)

// WorkerKey is everything a row says about who worked. Matching tries, in
// order: our number, BSN, the hirer's own number, the generic reference (as
// ours and as the hirer's), and name with birth date.
type WorkerKey struct {
	Ref       string    `json:"ref,omitempty"`    // a number that may be ours or the hirer's
	Number    string    `json:"number,omitempty"` // ours
	Alias     string    `json:"alias,omitempty"`  // the hirer's
	BSN       string    `json:"-"`                // never serialised whole
	Name      string    `json:"name,omitempty"`
	Initials  string    `json:"initials,omitempty"`
	FirstName string    `json:"first_name,omitempty"`
	Prefix    string    `json:"prefix,omitempty"`
	LastName  string    `json:"last_name,omitempty"`
	BirthDate time.Time `json:"birth_date,omitempty"`
}

// Empty reports whether the key identifies nobody.
func (k WorkerKey) Empty() bool {
	return k.Ref == "" && k.Number == "" && k.Alias == "" && k.BSN == "" && k.FullName() == ""
}

// FullName is the name as the row gives it, whole or in parts.
func (k WorkerKey) FullName() string {
	if k.Name != "" {
		return k.Name
	}
	var parts []string
	for _, p := range []string{k.FirstName, k.Initials, k.Prefix, k.LastName} {
		if p = strings.TrimSpace(p); p != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, " ")
}

// Display names the worker for a message, with the BSN masked.
func (k WorkerKey) Display() string {
	switch {
	case k.Number != "":
		return k.Number
	case k.Ref != "":
		return k.Ref
	case k.Alias != "":
		return k.Alias
	case k.BSN != "":
		return "BSN " + domain.MaskBSN(k.BSN)
	}
	s := k.FullName()
	if !k.BirthDate.IsZero() {
		s += " (" + k.BirthDate.Format("02-01-2006") + ")"
	}
	return s
}

// HourRecord is one hour line as the file states it, before matching.
type HourRecord struct {
	Sheet     string          `json:"sheet,omitempty"`
	Row       int             `json:"row"`
	Column    string          `json:"column,omitempty"` // the quantity's column
	RowIndex  int             `json:"-"`                // index into HourSheet.Rows
	Worker    WorkerKey       `json:"worker"`
	Hirer     string          `json:"hirer,omitempty"`
	Placement string          `json:"placement,omitempty"`
	Date      time.Time       `json:"date"`
	Type      domain.HourType `json:"type"`
	Quantity  decimal.Decimal `json:"quantity"`
	Void      bool            `json:"void,omitempty"`   // the row cancels this line
	Action    string          `json:"action,omitempty"` // SETU actionCode: Add, Change, Void, Unchanged
	Key       string          `json:"key,omitempty"`    // stable id of the line in the source (SETU interval id)
}

// RowResult is the verdict on one input row with its messages.
type RowResult struct {
	Sheet    string    `json:"sheet,omitempty"`
	Row      int       `json:"row"`
	Status   Status    `json:"status"`
	Lines    int       `json:"lines"`
	Messages []Message `json:"messages,omitempty"`

	id string // a SETU interval's id, shown with the row in messages
}

// Add appends a message and lowers the row's status to match it.
func (r *RowResult) Add(m Message) {
	if m.Sheet == "" {
		m.Sheet = r.Sheet
	}
	if m.Header == "" && m.Column == "" && r.id != "" {
		m.Header = r.id
	}
	if m.Row == 0 {
		m.Row = r.Row
	}
	r.Messages = append(r.Messages, m)
	r.Status = worse(r.Status, m.Severity)
}

// HourSheet is a parsed hour file: records, row verdicts and file notes.
type HourSheet struct {
	File       string       `json:"file"`
	Hash       string       `json:"hash"`
	Format     Format       `json:"format"`
	Layout     Layout       `json:"layout,omitempty"`
	Template   *Template    `json:"template,omitempty"` // as applied, with guessed columns filled in
	Records    []HourRecord `json:"-"`
	Rows       []RowResult  `json:"rows"`
	Notes      []Message    `json:"notes,omitempty"`
	From, To   time.Time    `json:"-"`
	Corrected  bool         `json:"corrected,omitempty"`   // SETU correction timecard: apply action codes
	DocumentID string       `json:"document_id,omitempty"` // SETU timecard id
}

// Hash returns the sha256 of a file's content in hex: the identity of an import.
func Hash(data []byte) string {
	h := sha256.Sum256(data)
	return hex.EncodeToString(h[:])
}

// ParseOptions steer a parse.
type ParseOptions struct {
	File     string                // name shown in messages (base name of the path)
	Template *Template             // nil: guess everything
	Progress func(done, total int) // called every few thousand rows; may be nil
	// OnRows, if set, receives the row results and records in batches as
	// they are read (copies: the receiver may keep and change them), so that
	// matching and storing can run while the rest of the file is parsed. The
	// records' RowIndex counts rows over the whole file, as in HourSheet.Rows.
	OnRows func(rows []RowResult, recs []HourRecord)
	// OnSheet, if set with OnRows, is told when a sheet's hour table is
	// found, before its rows go to OnRows, how many rows the sheet has below
	// its header (from its last row number; at most, and 0 when unknown), so
	// that the receiver can size its buffers.
	OnSheet func(rows int)
}

// ParseHours reads an hour file (XLSX, CSV or SETU Timecard XML) into
// records. A file-level problem (too big, .xls, zip bomb, unreadable,
// cancelled) is returned as an error, usually a *FileError; row problems are
// in the row results.
func ParseHours(ctx context.Context, data []byte, opt ParseOptions) (*HourSheet, error) {
	tpl := opt.Template.Clone()
	if tpl == nil {
		tpl = &Template{Kind: KindHours}
	}
	if int64(len(data)) > MaxFileSize {
		return nil, fileErr(opt.File, "file.too_big", mb(uint64(len(data))), mb(uint64(MaxFileSize)))
	}
	hs := &HourSheet{File: opt.File, Hash: Hash(data), Template: tpl}
	if Sniff(data) == FormatSETU {
		hs.Format = FormatSETU
		if err := parseSETU(ctx, data, hs, tpl); err != nil {
			return nil, err
		}
		hs.finish()
		return hs, nil
	}
	wb, err := openWorkbook(opt.File, data, tpl.delimiter())
	if err != nil {
		return nil, err
	}
	defer wb.Close()
	hs.Format = wb.format
	hs.Notes = append(hs.Notes, wb.notes...)
	p := &hourParser{hs: hs, tpl: tpl, wb: wb, ctx: ctx, progress: opt.Progress, sign: tpl.decimalSign(), onRows: opt.OnRows,
		onSheet: opt.OnSheet}
	if wb.format == FormatCSV {
		p.total = bytes.Count(data, []byte{'\n'}) + 1
	} else {
		for _, n := range wb.rowCount {
			p.total += n
		}
	}
	sheets := wb.sheets
	if tpl.Sheet != "" {
		found := false
		for _, s := range sheets {
			if strings.EqualFold(s, tpl.Sheet) {
				sheets, found = []string{s}, true
				break
			}
		}
		if !found {
			return nil, fileErr(opt.File, "file.no_sheet", tpl.Sheet)
		}
	}
	used := 0
	var firstErr *Message
	for _, name := range sheets {
		ok, msg, err := p.sheet(name)
		if err != nil {
			return nil, err
		}
		if ok {
			used++
		} else if msg != nil && firstErr == nil {
			firstErr = msg
		}
	}
	if used == 0 {
		if firstErr == nil {
			m := newMessage(StatusError, "file.no_rows")
			m.File = opt.File
			firstErr = &m
		}
		return nil, &FileError{Msg: *firstErr}
	}
	p.flush(true)
	if p.progress != nil {
		p.progress(p.done, max(p.total, p.done))
	}
	hs.finish()
	return hs, nil
}

// flush hands the rows read since the last flush to OnRows, which owns
// them from then on; with OnRows the sheet itself keeps no rows.
func (p *hourParser) flush(force bool) {
	if p.onRows == nil || len(p.pendRows) == 0 || (!force && len(p.pendRows) < 1024) {
		return
	}
	rows, recs := p.pendRows, p.pendRecs
	p.pendRows = make([]RowResult, 0, 1024)
	p.pendRecs = make([]HourRecord, 0, len(recs)+len(recs)/4)
	p.onRows(rows, recs)
}

// finish computes the period the records span.
func (hs *HourSheet) finish() {
	for i, r := range hs.Records {
		if i == 0 || r.Date.Before(hs.From) {
			hs.From = r.Date
		}
		if i == 0 || r.Date.After(hs.To) {
			hs.To = r.Date
		}
	}
}

// Counts returns the number of rows per status.
func (hs *HourSheet) Counts() map[Status]int {
	c := map[Status]int{StatusOK: 0, StatusWarning: 0, StatusError: 0}
	for _, r := range hs.Rows {
		c[r.Status]++
	}
	return c
}

type column struct {
	idx    int
	field  Field
	header string
	letter string
}

type hourParser struct {
	hs       *HourSheet
	tpl      *Template
	wb       *workbook
	ctx      context.Context
	progress func(done, total int)
	done     int
	total    int
	sign     rune

	onRows   func([]RowResult, []HourRecord)
	onSheet  func(rows int)
	formulas interface{ emptyFormula(row, col int) bool } // the current sheet, if it has formulas without results
	timeCols map[int]bool                                 // time-formatted columns of the current sheet
	recoded  map[string]recoded
	dates    map[string]time.Time       // raw date cells read so far: a sheet repeats a few dates
	numbers  map[string]decimal.Decimal // raw number cells read so far, likewise
	nrows    int                        // rows appended so far (RowIndex of the next)
	pendRows []RowResult
	pendRecs []HourRecord

	// per sheet
	sheetName string
	cols      []column
	byField   map[Field]*column
	qtyCols   []*column // qty:TYPE columns
	dayCols   []*column // day:N / date: columns
	layout    Layout
	week      int
	year      int
	weekMsg   *Message
	prevKey   WorkerKey
	prevHirer string
}

var (
	reWeek    = regexp.MustCompile(`(?i)\b(?:week|wk|weeknummer|weeknr|weeknumber)\.?\s*:?\s*(\d{1,2})\b`)
	reISOWeek = regexp.MustCompile(`(?i)\b(\d{4})\s*-?\s*w(\d{1,2})\b`)
	reYear    = regexp.MustCompile(`\b(20\d{2})\b`)
)

const headerSearchRows = 30

// sheet parses one sheet. It reports whether the sheet held an hour table;
// a sheet without one gives the reason as a message.
func (p *hourParser) sheet(name string) (bool, *Message, error) {
	s, err := p.wb.open(name)
	if err != nil {
		return false, nil, err
	}
	defer s.Close()
	p.sheetName, p.cols, p.byField, p.qtyCols, p.dayCols = name, nil, map[Field]*column{}, nil, nil
	p.formulas, p.timeCols = nil, nil
	if xs, ok := s.(*xlsxSheet); ok {
		if len(xs.noCache) > 0 {
			p.formulas = xs
		}
		p.timeCols = xs.timeCols
	}
	p.week, p.year, p.weekMsg, p.prevKey, p.prevHirer = p.tpl.Week, p.tpl.Year, nil, WorkerKey{}, ""

	type buffered struct {
		n     int
		cells []string
	}
	var buf []buffered
	var above []string // texts above the header: where "Week 47" is found
	above = append(above, p.hs.File, name)
	headerAt := -1
	for s.Next() {
		if err := p.tick(); err != nil {
			return false, nil, err
		}
		n := s.RowNum()
		cells := append([]string(nil), s.Row()...)
		if p.tpl.HeaderRow > 0 {
			if n < p.tpl.HeaderRow {
				above = append(above, strings.Join(cells, " "))
				continue
			}
			buf = append(buf, buffered{n, cells})
			headerAt = 0
			break
		}
		if n <= p.tpl.SkipRows {
			above = append(above, strings.Join(cells, " "))
			continue
		}
		buf = append(buf, buffered{n, cells})
		if len(buf) >= headerSearchRows {
			break
		}
	}
	if err := s.Err(); err != nil {
		return false, nil, err
	}
	if headerAt < 0 {
		best := 0
		for i, b := range buf {
			if sc := p.score(b.cells); sc > best {
				best, headerAt = sc, i
			}
		}
		if best < 2 {
			m := p.fileMsg(StatusError, "file.no_header")
			return false, &m, nil
		}
	}
	if headerAt < 0 || headerAt >= len(buf) {
		m := p.fileMsg(StatusError, "file.no_header")
		return false, &m, nil
	}
	// Rows above the header, each as one text so that "Week" | 48 | "Jaar" |
	// 2026 in separate cells reads as "Week 48 Jaar 2026".
	for _, b := range buf[:headerAt] {
		above = append(above, strings.Join(b.cells, " "))
	}
	header := buf[headerAt]
	p.tpl.HeaderRow = header.n
	if msg := p.plan(header.cells, &above); msg != nil {
		return false, msg, nil
	}
	p.findWeek(above)
	p.hs.Layout = p.layout
	if p.tpl.Layout == "" {
		p.tpl.Layout = p.layout
	}
	if p.onRows != nil && p.onSheet != nil {
		n := p.wb.rowCount[name]
		if p.wb.format == FormatCSV {
			n = p.total
		}
		p.onSheet(max(n-header.n, 0))
	}
	for _, b := range buf[headerAt+1:] {
		p.row(b.n, b.cells)
	}
	for s.Next() {
		if err := p.tick(); err != nil {
			return false, nil, err
		}
		p.row(s.RowNum(), s.Row())
	}
	if err := s.Err(); err != nil {
		return false, nil, err
	}
	return true, nil, nil
}

func (p *hourParser) tick() error {
	p.done++
	if p.done%2048 == 0 {
		if err := p.ctx.Err(); err != nil {
			return fileErr(p.hs.File, "file.canceled")
		}
		if p.progress != nil {
			p.progress(p.done, max(p.total, p.done))
		}
	}
	return nil
}

func (p *hourParser) fileMsg(sev Status, key string, args ...string) Message {
	m := newMessage(sev, key, args...)
	m.File, m.Sheet = p.hs.File, p.sheetName
	return m
}

// score counts the distinct fields a candidate header row has.
func (p *hourParser) score(cells []string) int {
	seen := map[Field]bool{}
	for i, c := range cells {
		if f, ok := p.tpl.mapped(i, c); ok && f != "" && f != FieldIgnore {
			seen[f] = true
			continue
		}
		if f := GuessField(c, false, p.wb.date1904, p.tpl.DateOrder); f != "" {
			seen[f] = true
		}
	}
	return len(seen)
}

// plan maps the header cells to fields and decides the layout.
func (p *hourParser) plan(header []string, above *[]string) *Message {
	var mapped []ColumnMap
	for i, h := range header {
		h = cleanCell(h)
		f, ok := p.tpl.mapped(i, h)
		if !ok {
			f = GuessField(h, p.wb.raw, p.wb.date1904, p.tpl.DateOrder)
		}
		if f == "" || f == FieldIgnore {
			if h != "" {
				*above = append(*above, h)
			}
			continue
		}
		col := column{idx: i, field: f, header: h, letter: ColumnName(i)}
		p.cols = append(p.cols, col)
		mapped = append(mapped, ColumnMap{Header: h, Field: f})
	}
	for i := range p.cols {
		c := &p.cols[i]
		if _, ok := c.field.hourType(); ok {
			p.qtyCols = append(p.qtyCols, c)
			continue
		}
		if _, ok := c.field.weekday(); ok {
			p.dayCols = append(p.dayCols, c)
			continue
		}
		if _, ok := c.field.dateCol(); ok {
			p.dayCols = append(p.dayCols, c)
			continue
		}
		if _, dup := p.byField[c.field]; !dup {
			p.byField[c.field] = c
		}
	}
	// The template keeps what was applied, so that saving it pins the guess.
	if len(p.tpl.Columns) == 0 {
		for _, m := range mapped {
			if strings.HasPrefix(string(m.Field), "date:") {
				continue // dates of one week are no mapping for the next
			}
			p.tpl.Columns = append(p.tpl.Columns, m)
		}
	}
	// A "Totaal" column beside hour-type columns adds them up; reading it as
	// hours too would count everything twice.
	if q := p.byField[FieldQuantity]; q != nil && (len(p.qtyCols) > 0 || len(p.dayCols) > 0) {
		if n := NormalizeHeader(q.header); strings.HasPrefix(n, "totaal") || strings.HasPrefix(n, "total") {
			delete(p.byField, FieldQuantity)
		}
	}
	hasType := p.byField[FieldType] != nil
	hasQty := p.byField[FieldQuantity] != nil || p.byField[FieldMinutes] != nil
	hasShift := p.byField[FieldStart] != nil && p.byField[FieldEnd] != nil
	p.layout = p.tpl.Layout
	if p.layout == "" {
		switch {
		case len(p.dayCols) >= 3:
			p.layout = LayoutWeek
		case hasType && (hasQty || hasShift):
			p.layout = LayoutLong
		case len(p.qtyCols) > 0:
			p.layout = LayoutWide
		case hasQty || hasShift:
			p.layout = LayoutLong
		}
	}
	if p.layout == "" || (p.layout == LayoutWeek && len(p.dayCols) == 0) ||
		(p.layout != LayoutWeek && !hasQty && !hasShift && len(p.qtyCols) == 0) {
		m := p.fileMsg(StatusError, "file.no_layout")
		m.Row = p.tpl.HeaderRow
		return &m
	}
	if !p.hasWorkerColumn() {
		m := p.fileMsg(StatusError, "file.no_worker_col")
		m.Row = p.tpl.HeaderRow
		return &m
	}
	return nil
}

func (p *hourParser) hasWorkerColumn() bool {
	for _, f := range []Field{FieldWorkerRef, FieldWorkerNumber, FieldAlias, FieldBSN, FieldName, FieldLastName, FieldPlacement} {
		if p.byField[f] != nil {
			return true
		}
	}
	return false
}

// findWeek looks for "Week 47", "wk 47", "2026-W47" and a year in the cells
// above the header, the sheet name and the file name.
func (p *hourParser) findWeek(above []string) {
	needWeek := p.layout == LayoutWeek || p.byField[FieldDate] == nil
	if !needWeek {
		return
	}
	for _, c := range above {
		if c == "" {
			continue
		}
		if m := reISOWeek.FindStringSubmatch(c); m != nil {
			if y, w := atoi(m[1]), atoi(m[2]); w >= 1 && w <= 53 && p.week == 0 {
				p.year, p.week = y, w
			}
		}
		if m := reWeek.FindStringSubmatch(c); m != nil && p.week == 0 {
			if w := atoi(m[1]); w >= 1 && w <= 53 {
				p.week = w
			}
		}
		if p.year == 0 {
			if m := reYear.FindStringSubmatch(c); m != nil {
				p.year = atoi(m[1])
			}
		}
	}
	if p.week != 0 && p.year == 0 {
		p.year = time.Now().Year()
		m := p.fileMsg(StatusWarning, "file.year_guessed", strconv.Itoa(p.week), strconv.Itoa(p.year))
		p.hs.Notes = append(p.hs.Notes, m)
	}
	if p.week == 0 && p.byField[FieldWeek] == nil {
		needsWeek := false
		for _, c := range p.dayCols {
			if _, ok := c.field.weekday(); ok {
				needsWeek = true
			}
		}
		if p.layout != LayoutWeek && p.byField[FieldWeekday] != nil {
			needsWeek = true
		}
		if needsWeek {
			m := p.fileMsg(StatusError, "file.week_missing")
			p.weekMsg = &m
		}
	}
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

func (p *hourParser) cell(cells []string, f Field) (string, *column) {
	c := p.byField[f]
	if c == nil || c.idx >= len(cells) {
		return "", c
	}
	return cleanCell(cells[c.idx]), c
}

// msg builds a located message about a cell; BSN and IBAN values are masked.
func (p *hourParser) msg(sev Status, key string, c *column, value string, args ...string) Message {
	if c != nil && c.field == FieldBSN {
		value = domain.MaskBSN(value)
	}
	if c != nil && c.field == FieldIBAN {
		value = domain.MaskIBAN(value)
	}
	if value != "" {
		args = append([]string{value}, args...)
	}
	m := newMessage(sev, key, args...)
	m.File, m.Sheet, m.Value = p.hs.File, p.sheetName, value
	if c != nil {
		m.Column, m.Header = c.letter, c.header
	}
	return m
}

func blank(cells []string) bool {
	for _, c := range cells {
		if cleanCell(c) != "" {
			return false
		}
	}
	return true
}

// isTotalRow recognises the totals and signature lines under a table.
func isTotalRow(cells []string) bool {
	for _, c := range cells {
		c = cleanCell(c)
		if c == "" {
			continue
		}
		if c[0] >= '0' && c[0] <= '9' {
			return false // a number: its normalised text starts with that digit
		}
		n := NormalizeHeader(c)
		return strings.HasPrefix(n, "totaal") || strings.HasPrefix(n, "total") || strings.HasPrefix(n, "subtotaal") ||
			strings.HasPrefix(n, "handtekening") || strings.HasPrefix(n, "akkoord") || strings.HasPrefix(n, "signature")
	}
	return false
}

func (p *hourParser) workerKey(cells []string, rr *RowResult) WorkerKey {
	var k WorkerKey
	k.Ref, _ = p.cell(cells, FieldWorkerRef)
	k.Number, _ = p.cell(cells, FieldWorkerNumber)
	k.Alias, _ = p.cell(cells, FieldAlias)
	k.Name, _ = p.cell(cells, FieldName)
	k.Initials, _ = p.cell(cells, FieldInitials)
	k.FirstName, _ = p.cell(cells, FieldFirstName)
	k.Prefix, _ = p.cell(cells, FieldPrefix)
	k.LastName, _ = p.cell(cells, FieldLastName)
	// Numbers stored as numbers come back as "1001" raw; "1001.0" from some writers.
	for _, s := range []*string{&k.Ref, &k.Number, &k.Alias} {
		*s = strings.TrimSuffix(*s, ".0")
	}
	if v, c := p.cell(cells, FieldBSN); v != "" {
		if err := domain.CheckBSN(v); err != nil {
			rr.Add(p.msg(StatusError, "cell.bsn", c, v, err.Error()))
		} else {
			k.BSN = domain.NormalizeBSN(v)
		}
	}
	if v, c := p.cell(cells, FieldBirthDate); v != "" {
		t, err := ParseDate(v, p.tpl.DateOrder, p.wb.raw, p.wb.date1904)
		if err != nil {
			rr.Add(p.msg(StatusError, "cell.date", c, v))
		} else {
			k.BirthDate = t
		}
	}
	return k
}

// rowDate finds the date of a long or wide row: a date column, or week and weekday.
func (p *hourParser) rowDate(cells []string, rr *RowResult) (time.Time, bool) {
	if v, c := p.cell(cells, FieldDate); v != "" {
		if t, ok := p.dates[v]; ok {
			return t, true
		}
		t, err := ParseDate(v, p.tpl.DateOrder, p.wb.raw, p.wb.date1904)
		if err == nil {
			if p.dates == nil {
				p.dates = map[string]time.Time{}
			}
			if len(p.dates) < 4096 {
				p.dates[v] = t
			}
			return t, true
		}
		// "Dag" may hold a weekday name.
		if d, ok := ParseWeekday(v); ok {
			if t, ok := p.weekDate(cells, d, rr); ok {
				return t, true
			}
			return time.Time{}, false
		}
		rr.Add(p.msg(StatusError, "cell.date", c, v))
		return time.Time{}, false
	}
	if v, c := p.cell(cells, FieldWeekday); v != "" {
		d, ok := ParseWeekday(v)
		if !ok {
			rr.Add(p.msg(StatusError, "cell.weekday", c, v))
			return time.Time{}, false
		}
		return p.weekDate(cells, d, rr)
	}
	rr.Add(p.msg(StatusError, "row.no_date", nil, ""))
	return time.Time{}, false
}

// weekDate returns the date of a weekday in the row's week (a week column)
// or the sheet's week (a header cell or the template).
func (p *hourParser) weekDate(cells []string, d time.Weekday, rr *RowResult) (time.Time, bool) {
	week, year := p.week, p.year
	if v, c := p.cell(cells, FieldWeek); v != "" {
		if m := reISOWeek.FindStringSubmatch(v); m != nil {
			year, week = atoi(m[1]), atoi(m[2])
		} else {
			w, err := strconv.Atoi(strings.TrimSuffix(v, ".0"))
			if err != nil || w < 1 || w > 53 {
				rr.Add(p.msg(StatusError, "cell.week", c, v))
				return time.Time{}, false
			}
			week = w
		}
	}
	if v, _ := p.cell(cells, FieldYear); v != "" {
		if y := atoi(strings.TrimSuffix(v, ".0")); y >= 1900 && y <= 2999 {
			year = y
		}
	}
	if week == 0 {
		if p.weekMsg != nil {
			m := *p.weekMsg
			m.Row = rr.Row
			rr.Add(m)
		} else {
			rr.Add(p.fileMsg(StatusError, "file.week_missing"))
		}
		return time.Time{}, false
	}
	if year == 0 {
		year = time.Now().Year()
	}
	return ISOWeekDate(year, week, d), true
}

// quantity parses a quantity cell for an hour type. Zero and empty give ok=false without a message.
func (p *hourParser) quantity(v string, c *column, t domain.HourType, unit QuantityUnit, rr *RowResult) (decimal.Decimal, bool) {
	if v == "" {
		return decimal.Zero, false
	}
	if !t.IsHours() {
		unit = UnitHours // km and euros are never minutes
	}
	var q decimal.Decimal
	var err error
	if p.wb.raw {
		if d, ok := p.excelNumber(v); ok {
			q = d
			if c != nil && p.timeCols[c.idx] && t.IsHours() {
				unit = UnitDays // a time-formatted cell: 7:30 is stored as 0.3125
			}
			switch unit {
			case UnitMinutes:
				q = domain.RoundHours(q.Div(sixty))
			case UnitDays:
				q = domain.RoundHours(q.Mul(twentyFour))
			}
		} else {
			q, err = ParseQuantity(v, p.sign, unit)
		}
	} else {
		q, err = ParseQuantity(v, p.sign, unit)
	}
	if err != nil {
		// A shift range "07:00-15:30" in a grid cell.
		if a, b, ok := strings.Cut(v, "-"); ok {
			s, e1 := ParseClock(a, false)
			e, e2 := ParseClock(b, false)
			if e1 == nil && e2 == nil {
				h, _, err := ShiftHours(s, e, 0)
				if err == nil {
					return h, !h.IsZero()
				}
			}
		}
		rr.Add(p.msg(StatusError, "cell.quantity", c, v))
		return decimal.Zero, false
	}
	if q.IsZero() {
		return q, false
	}
	if q.IsNegative() {
		rr.Add(p.msg(StatusError, "cell.negative", c, v))
		return q, false
	}
	if t.IsHours() && q.GreaterThan(twentyFour) {
		rr.Add(p.msg(StatusError, "cell.over24", c, q.String()))
		return q, false
	}
	return q, true
}

// excelNumber is excelNumber, remembering the answers: quantities repeat.
func (p *hourParser) excelNumber(v string) (decimal.Decimal, bool) {
	if d, ok := p.numbers[v]; ok {
		return d, true
	}
	d, ok := excelNumber(v)
	if ok && len(p.numbers) < 4096 {
		if p.numbers == nil {
			p.numbers = map[string]decimal.Decimal{}
		}
		p.numbers[v] = d
	}
	return d, ok
}

func (p *hourParser) unit() QuantityUnit {
	if p.tpl.Unit != "" {
		return p.tpl.Unit
	}
	return UnitHours
}

// row turns one data row into records.
func (p *hourParser) row(n int, cells []string) {
	if blank(cells) || isTotalRow(cells) {
		return
	}
	rr := RowResult{Sheet: p.sheetName, Row: n, Status: StatusOK}
	if p.looksLikeHeader(cells) {
		return // a repeated header (one table per week on one sheet)
	}
	if p.formulas != nil {
		p.checkFormulas(n, cells, &rr)
	}
	key := p.workerKey(cells, &rr)
	hirer, _ := p.cell(cells, FieldHirer)
	if hirer == "" {
		hirer = p.tpl.Hirer
	}
	placement, _ := p.cell(cells, FieldPlacement)
	if key.Empty() && placement == "" {
		if p.layout == LayoutWeek && !p.prevKey.Empty() {
			key, hirer = p.prevKey, p.prevHirer // continuation row of a worker × hour type grid
		} else {
			rr.Add(p.msg(StatusError, "row.no_worker", nil, ""))
		}
	}
	p.prevKey, p.prevHirer = key, hirer
	void := false
	if v, c := p.cell(cells, FieldVoid); v != "" {
		b, ok := ParseYesNo(v)
		if !ok {
			rr.Add(p.msg(StatusError, "cell.void", c, v))
		}
		void = b
	}
	lineID, _ := p.cell(cells, FieldLineID)
	base := HourRecord{Sheet: p.sheetName, Row: n, RowIndex: p.nrows, Worker: key, Hirer: hirer, Placement: placement, Void: void, Key: lineID}
	// The row's records go straight to where they are kept, and are taken
	// back out if the row turns out to have an error.
	out := &p.hs.Records
	if p.onRows != nil {
		out = &p.pendRecs
	}
	first := len(*out)
	emit := func(r HourRecord) { *out = append(*out, r) }

	rowType := p.tpl.DefaultType
	if rowType == "" {
		rowType = domain.HourNormal
	}
	if v, c := p.cell(cells, FieldType); v != "" {
		t, ok := p.recode(v)
		if !ok {
			rr.Add(p.msg(StatusError, "cell.hour_type", c, v))
			rowType = ""
		} else {
			rowType = t
		}
	}

	if p.layout == LayoutWeek {
		if rowType != "" {
			for _, c := range p.dayCols {
				if c.idx >= len(cells) {
					continue
				}
				v := cleanCell(cells[c.idx])
				q, ok := p.quantity(v, c, rowType, p.unit(), &rr)
				if !ok && !(void && v != "") {
					continue
				}
				var date time.Time
				if d, ok := c.field.dateCol(); ok {
					date = d
				} else if wd, ok := c.field.weekday(); ok {
					d, ok := p.weekDate(cells, wd, &rr)
					if !ok {
						break
					}
					date = d
				}
				r := base
				r.Column, r.Date, r.Type, r.Quantity = c.letter, date, rowType, q
				emit(r)
			}
		}
	} else {
		date, dateOK := p.rowDate(cells, &rr)
		if dateOK {
			// The main line: a quantity column or a shift.
			if rowType != "" {
				qv, qc := p.cell(cells, FieldQuantity)
				unit := p.unit()
				if qv == "" {
					if mv, mc := p.cell(cells, FieldMinutes); mv != "" {
						qv, qc, unit = mv, mc, UnitMinutes
					}
				}
				if qv != "" {
					if q, ok := p.quantity(qv, qc, rowType, unit, &rr); ok || (void && qv != "") {
						r := base
						r.Column, r.Date, r.Type, r.Quantity = qc.letter, date, rowType, q
						emit(r)
					} else if !q.IsNegative() && rr.Status == StatusOK && p.layout == LayoutLong && len(p.qtyCols) == 0 {
						rr.Add(p.msg(StatusWarning, "row.zero", qc, qv))
					}
				} else if r, ok := p.shift(cells, base, date, rowType, &rr); ok {
					emit(r)
				}
			}
			for _, c := range p.qtyCols {
				if c.idx >= len(cells) {
					continue
				}
				t, _ := c.field.hourType()
				v := cleanCell(cells[c.idx])
				q, ok := p.quantity(v, c, t, p.unit(), &rr)
				if !ok && !(void && v != "") {
					continue
				}
				r := base
				r.Column, r.Date, r.Type, r.Quantity = c.letter, date, t, q
				emit(r)
			}
		}
	}
	nrecs := len(*out) - first
	if nrecs == 0 && rr.Status == StatusOK {
		if p.layout == LayoutLong {
			rr.Add(p.msg(StatusWarning, "row.no_quantity", nil, ""))
		} else {
			return // an empty day row of a wide sheet or an empty grid row: nothing to say
		}
	}
	if void && rr.Status != StatusError {
		rr.Add(p.msg(StatusOK, "row.void", nil, ""))
	}
	rr.Lines = nrecs
	if rr.Status == StatusError {
		rr.Lines = 0
		clear((*out)[first:])
		*out = (*out)[:first]
	}
	p.nrows++
	if p.onRows != nil {
		p.pendRows = append(p.pendRows, rr)
		p.flush(false)
		return
	}
	p.hs.Rows = append(p.hs.Rows, rr)
}

// checkFormulas reports mapped cells that hold a formula without a saved
// result: their value is unknown, and reading them as empty would lose hours.
func (p *hourParser) checkFormulas(n int, cells []string, rr *RowResult) {
	check := func(c *column) {
		if (c.idx >= len(cells) || cleanCell(cells[c.idx]) == "") && p.formulas.emptyFormula(n, c.idx) {
			rr.Add(p.msg(StatusError, "cell.formula_empty", c, ""))
		}
	}
	for i := range p.cols {
		check(&p.cols[i])
	}
}

// recode maps a hirer's hour-type code through the template, remembering
// the answer: a sheet repeats a handful of codes thousands of times.
func (p *hourParser) recode(code string) (domain.HourType, bool) {
	if r, ok := p.recoded[code]; ok {
		return r.t, r.ok
	}
	t, ok := p.tpl.recode(code)
	if p.recoded == nil {
		p.recoded = map[string]recoded{}
	}
	if len(p.recoded) < 10000 {
		p.recoded[code] = recoded{t, ok}
	}
	return t, ok
}

type recoded struct {
	t  domain.HourType
	ok bool
}

// looksLikeHeader reports whether a row is mostly recognised header words
// and holds no number, i.e. a repeated header line.
func (p *hourParser) looksLikeHeader(cells []string) bool {
	if len(p.cols) < 2 {
		return false
	}
	// Cheap test first: the first mapped column holds its own header text.
	if c := p.cols[0]; c.idx >= len(cells) || !strings.EqualFold(cleanCell(cells[c.idx]), c.header) {
		return false
	}
	for _, c := range p.cols {
		if c.idx < len(cells) && NormalizeHeader(cells[c.idx]) != NormalizeHeader(c.header) {
			return false
		}
	}
	return true
}

// shift computes a line from start, end and break columns.
func (p *hourParser) shift(cells []string, base HourRecord, date time.Time, t domain.HourType, rr *RowResult) (HourRecord, bool) {
	sv, sc := p.cell(cells, FieldStart)
	ev, ec := p.cell(cells, FieldEnd)
	if sv == "" && ev == "" {
		return HourRecord{}, false
	}
	if sv == "" || ev == "" {
		rr.Add(p.msg(StatusError, "row.shift_partial", nil, ""))
		return HourRecord{}, false
	}
	start, err := ParseClock(sv, p.wb.raw)
	if err != nil {
		rr.Add(p.msg(StatusError, "cell.time", sc, sv))
		return HourRecord{}, false
	}
	end, err := ParseClock(ev, p.wb.raw)
	if err != nil {
		rr.Add(p.msg(StatusError, "cell.time", ec, ev))
		return HourRecord{}, false
	}
	brk := 0
	if bv, bc := p.cell(cells, FieldBreak); bv != "" {
		n := NormalizeHeader(bc.header)
		brk, err = ParseBreak(bv, p.wb.raw, strings.Contains(n, "min"))
		if err != nil {
			rr.Add(p.msg(StatusError, "cell.break", bc, bv))
			return HourRecord{}, false
		}
	}
	h, overnight, err := ShiftHours(start, end, brk)
	if err != nil {
		bv, bc := p.cell(cells, FieldBreak)
		rr.Add(p.msg(StatusError, "cell.break_long", bc, bv))
		return HourRecord{}, false
	}
	if h.IsZero() {
		return HourRecord{}, false
	}
	if overnight {
		if p.tpl.NightShift == "end" {
			date = date.AddDate(0, 0, 1)
		}
		rr.Add(p.msg(StatusOK, "row.night_shift", nil, date.Format("02-01-2006")))
	}
	r := base
	r.Column, r.Date, r.Type, r.Quantity = sc.letter, date, t, h
	return r, true
}
