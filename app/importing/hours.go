package importing

import (
	"context"
	"fmt"
	"runtime/debug"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"verloner/app"
	"verloner/domain"
	"verloner/importers"
)

// Counts are the rows per status of a preview, and what a commit would do.
type Counts struct {
	OK      int `json:"ok"`
	Warning int `json:"warning"`
	Error   int `json:"error"`
	Lines   int `json:"lines"` // hour lines (or records) to add
	Voids   int `json:"voids"` // existing lines to void
}

// Line is one hour line a commit would add.
type Line struct {
	Sheet       string          `json:"sheet,omitempty"`
	Row         int             `json:"row"`
	Worker      string          `json:"worker"`    // our number
	Placement   string          `json:"placement"` // placement number
	Hirer       string          `json:"hirer"`     // hirer number
	Date        string          `json:"date"`
	Type        domain.HourType `json:"type"`
	Quantity    decimal.Decimal `json:"quantity"`
	PayPercent  decimal.Decimal `json:"pay_percent"`
	BillPercent decimal.Decimal `json:"bill_percent"`
	Key         string          `json:"key,omitempty"`
}

// Void is an existing hour line a commit would void, and why.
type Void struct {
	LineID    int64           `json:"line_id"`
	Placement string          `json:"placement"`
	Date      string          `json:"date"`
	Type      domain.HourType `json:"type"`
	Quantity  decimal.Decimal `json:"quantity"`
	Reason    string          `json:"reason"` // replaced, cancelled, setu_void, setu_change
	Row       int             `json:"row,omitempty"`
}

// HourPreview is what an hour file would do, row by row, before anything is
// written. The GUI shows Rows (status and messages per row), Lines and Voids;
// CommitHours writes exactly this.
type HourPreview struct {
	File      string                `json:"file"`
	Kind      string                `json:"kind"`
	Hash      string                `json:"hash"`
	Format    importers.Format      `json:"format"`
	Layout    importers.Layout      `json:"layout,omitempty"`
	Hirer     string                `json:"hirer,omitempty"`
	From      string                `json:"from,omitempty"`
	To        string                `json:"to,omitempty"`
	Template  *importers.Template   `json:"template,omitempty"`
	Counts    Counts                `json:"counts"`
	Rows      []importers.RowResult `json:"rows"`
	Notes     []importers.Message   `json:"notes,omitempty"`
	Lines     []Line                `json:"lines"`
	Voids     []Void                `json:"voids,omitempty"`
	Replaces  []*app.ImportFile     `json:"replaces,omitempty"`
	Duplicate *app.ImportFile       `json:"duplicate,omitempty"`

	hirerID  int64
	from, to time.Time
	source   string
	lines    []app.ImportedHourLine
	voidIDs  []int64
	replaced []int64
}

// Messages returns every message of the preview: file notes first, then the
// rows' messages in row order.
func (p *HourPreview) Messages() []importers.Message { return allMessages(p.Notes, p.Rows) }

func allMessages(notes []importers.Message, rows []importers.RowResult) []importers.Message {
	out := append([]importers.Message(nil), notes...)
	for _, r := range rows {
		out = append(out, r.Messages...)
	}
	return out
}

func countRows(rows []importers.RowResult) Counts {
	var c Counts
	for _, r := range rows {
		switch r.Status {
		case importers.StatusError:
			c.Error++
		case importers.StatusWarning:
			c.Warning++
		default:
			c.OK++
		}
	}
	return c
}

type lineKey struct {
	placement int64
	date      time.Time
	typ       domain.HourType
}

// PreviewHours reads an hour file and matches it against the administration.
// fileName is shown in messages; data is the file's content. Nothing is
// written; CommitHours writes exactly what the preview shows.
func (s *Service) PreviewHours(ctx context.Context, fileName string, data []byte, opt Options) (*HourPreview, error) {
	r, err := s.newHourRun(ctx, fileName, opt)
	if err != nil {
		return nil, err
	}
	defer lessGC(len(data))()
	hs, err := importers.ParseHours(ctx, data, importers.ParseOptions{File: fileName, Template: r.tpl, Progress: r.progress})
	if err != nil {
		return nil, err
	}
	r.start(hs)
	if err := r.consume(ctx, hs.Rows, hs.Records); err != nil {
		return nil, err
	}
	if err := r.finish(ctx, hs.Corrected); err != nil {
		return nil, err
	}
	return r.p, nil
}

// ImportHours reads, matches and commits an hour file in one pass: the lines
// of each batch of rows are stored while the next batch is parsed, inside one
// transaction that commits at the end — or rolls back when the file has rows
// with errors (unless SkipErrors) or anything fails. The preview is returned
// either way. It is the command line's --commit and the fast path for big
// files; the GUI shows PreviewHours first and then calls CommitHours.
func (s *Service) ImportHours(ctx context.Context, fileName string, data []byte, opt Options, copt CommitOptions) (*HourPreview, *Result, error) {
	hash := importers.Hash(data)
	dup, err := s.Store.ImportFileByHash(ctx, hash)
	if err != nil {
		return nil, nil, err
	}
	if dup != nil || importers.Sniff(data) == importers.FormatSETU {
		// Nothing to stream: a duplicate adds nothing, a timecard is small.
		p, err := s.PreviewHours(ctx, fileName, data, opt)
		if err != nil {
			return nil, nil, err
		}
		res, err := s.CommitHours(ctx, p, copt)
		return p, res, err
	}
	r, err := s.newHourRunTemplate(ctx, fileName, opt)
	if err != nil {
		return nil, nil, err
	}
	defer lessGC(len(data))()

	type batch struct {
		rows      []importers.RowResult
		recs      []importers.HourRecord
		sheetRows int // a sheet's hour table starts: rows below its header
	}
	ch := make(chan batch, 4)
	var hs *importers.HourSheet
	var perr error
	done := make(chan struct{})
	pctx, cancel := context.WithCancel(ctx)
	defer cancel()
	go func() {
		defer close(done)
		defer close(ch)
		hs, perr = importers.ParseHours(pctx, data, importers.ParseOptions{File: fileName, Template: r.tpl, Progress: r.progress,
			OnRows: func(rows []importers.RowResult, recs []importers.HourRecord) {
				select {
				case ch <- batch{rows: rows, recs: recs}:
				case <-pctx.Done():
				}
			},
			OnSheet: func(rows int) {
				select {
				case ch <- batch{sheetRows: rows}:
				case <-pctx.Done():
				}
			}})
	}()
	// The file is read from here on while the master data loads (on a small
	// file the two cost about the same) and the transaction begins.
	stopParse := func() {
		cancel()
		for range ch {
		}
		<-done
	}
	if err := r.loadIndex(ctx); err != nil {
		stopParse()
		return nil, nil, err
	}
	file := &app.ImportFile{Hash: hash, FileName: fileName, Kind: importers.KindHours}
	tx, err := s.Store.BeginHourImport(ctx, file)
	if err != nil {
		stopParse()
		return nil, nil, err
	}
	r.tx = tx
	defer tx.Rollback() // a no-op after Finish
	// A third stage stores the lines, so that matching the next rows and
	// SQLite's work on the previous ones overlap.
	ins := make(chan []app.ImportedHourLine, 2)
	insDone := make(chan struct{})
	var ierr error
	go func() {
		defer close(insDone)
		for lines := range ins {
			if ierr != nil {
				continue // drain
			}
			if ierr = tx.AddLines(pctx, lines); ierr != nil {
				cancel()
			}
		}
	}()
	r.ins = ins
	started := false
	var cerr error
	for b := range ch {
		if cerr != nil {
			continue // drain
		}
		if !started {
			r.start(&importers.HourSheet{File: fileName, Hash: hash})
			started = true
		}
		if b.rows == nil {
			r.sheetRows = b.sheetRows
			continue
		}
		if cerr = r.consume(ctx, b.rows, b.recs); cerr != nil {
			cancel()
		}
	}
	<-done
	close(ins)
	<-insDone
	if cerr != nil {
		return nil, nil, cerr
	}
	if ierr != nil {
		return nil, nil, fmt.Errorf("uren van %s opslaan: %w", fileName, ierr)
	}
	if perr != nil {
		return nil, nil, perr
	}
	// The parser's own view of the file (template, layout, notes); the rows
	// came through the batches.
	r.start(hs)
	if err := r.finish(ctx, hs.Corrected); err != nil {
		return nil, nil, err
	}
	p := r.p
	if p.Counts.Error > 0 && !copt.SkipErrors {
		m := importers.NewMessage(importers.StatusError, "import.has_errors", strconv.Itoa(p.Counts.Error))
		return p, nil, domain.Errorf(domain.EINVALID, "%s", m.NL)
	}
	imp := p.hourImport()
	if err := tx.Finish(ctx, imp); err != nil {
		return p, nil, fmt.Errorf("uren van %s opslaan: %w", p.File, err)
	}
	return p, &Result{FileID: file.ID, Added: r.stored + len(imp.Lines) - r.ownVoided, Voided: len(imp.Void) - r.ownVoided,
		Replaced: len(imp.Replaces)}, nil
}

// lessGC makes the collector run less often while a big file (over 1 MB) is
// read, and returns the function that restores the settings. A big sheet
// makes a lot of short-lived garbage (excelize's XML tokens), and at the
// default GOGC the collector takes a core from the import; a soft memory
// limit keeps the heap bounded meanwhile. Both settings are process-wide, so
// they are restored as soon as the import is done.
func lessGC(size int) func() {
	if size <= 1<<20 {
		return func() {}
	}
	oldLimit := debug.SetMemoryLimit(-1)
	debug.SetMemoryLimit(min(oldLimit, 2<<30))
	oldGC := debug.SetGCPercent(400)
	return func() {
		debug.SetGCPercent(oldGC)
		debug.SetMemoryLimit(oldLimit)
	}
}

// hourRun is one preview or one streamed import of an hour file: the
// matching state that the batches of rows go through.
type hourRun struct {
	s         *Service
	fileName  string
	tpl       *importers.Template
	ix        *index
	fileHirer *domain.Hirer
	p         *HourPreview
	progress  func(done, total int)
	lastDone  int
	userProg  func(done, total int)

	cache     map[wkey]wres
	ms        []matched // records that need the stored lines: cancel markers and SETU actions
	firstRow  map[lineKey]int
	hirers    map[int64]bool
	from, to  time.Time
	tx        app.HourImportTx            // streamed import; nil for a preview
	ins       chan []app.ImportedHourLine // to the inserter of a streamed import
	added     []addedLine                 // every new line, in order
	sheetRows int                         // rows of the sheet whose first batch comes next (streamed import)
	ownVoided int                         // lines of this import voided again (twins of paid lines)
	stored    int                         // lines already handed to the inserter
}

type matched struct {
	rec *importers.HourRecord
	pl  *domain.Placement
}

// addedLine remembers, for every new line, its row: a line that a replaced
// file's paid line already covers is taken out again in finish.
type addedLine struct {
	line *domain.HourLine
	row  int // index into the preview's rows
	rec  *importers.HourRecord
}

type wkey struct {
	k     importers.WorkerKey
	hirer int64
}

type wres struct {
	w   *domain.Worker
	msg importers.Message
	ok  bool
}

// streamBatch is how many lines a streamed import hands to the store at once.
const streamBatch = 1000

func (s *Service) newHourRun(ctx context.Context, fileName string, opt Options) (*hourRun, error) {
	r, err := s.newHourRunTemplate(ctx, fileName, opt)
	if err != nil {
		return nil, err
	}
	if err := r.loadIndex(ctx); err != nil {
		return nil, err
	}
	return r, nil
}

// newHourRunTemplate is newHourRun without the master-data index: all that
// parsing needs, so that ImportHours can read the file while the index loads.
func (s *Service) newHourRunTemplate(ctx context.Context, fileName string, opt Options) (*hourRun, error) {
	tpl, err := s.template(ctx, importers.KindHours, opt)
	if err != nil {
		return nil, err
	}
	if opt.Hirer != "" && tpl.Hirer == "" {
		tpl.Hirer = opt.Hirer
	}
	r := &hourRun{s: s, fileName: fileName, tpl: tpl, cache: map[wkey]wres{}, firstRow: map[lineKey]int{},
		hirers: map[int64]bool{}, userProg: opt.Progress}
	if opt.Progress != nil {
		r.progress = func(done, total int) {
			r.lastDone = done
			opt.Progress(done, total)
		}
	}
	return r, nil
}

// loadIndex loads the workers, hirers and placements the rows are matched
// against, and the template's hirer.
func (r *hourRun) loadIndex(ctx context.Context) error {
	ix, err := r.s.loadIndex(ctx, r.s.Store.WorkerIdentities)
	if err != nil {
		return err
	}
	r.ix = ix
	if r.tpl.Hirer != "" {
		h, ok := ix.hirer(r.tpl.Hirer)
		if !ok {
			return domain.Errorf(domain.ENOTFOUND, "Inlener %s bestaat niet.", r.tpl.Hirer)
		}
		r.fileHirer = h
	}
	return nil
}

// start takes the parsed file's description into the preview.
func (r *hourRun) start(hs *importers.HourSheet) {
	if r.p == nil {
		r.p = &HourPreview{File: r.fileName, Kind: importers.KindHours}
	}
	p := r.p
	p.Hash, p.Format, p.Layout, p.Template, p.Notes = hs.Hash, hs.Format, hs.Layout, hs.Template, hs.Notes
	if hs.Rows != nil {
		p.Rows = hs.Rows
	}
	if hs.Format == importers.FormatSETU && hs.DocumentID != "" {
		p.source = "setu:" + hs.DocumentID
	}
}

// consume matches a batch of rows. Lines of plain rows are final as soon as
// their row is matched; records that depend on stored lines (cancel markers,
// SETU corrections) wait for finish. In a preview rows is the whole file and
// already p.Rows.
func (r *hourRun) consume(ctx context.Context, rows []importers.RowResult, recs []importers.HourRecord) error {
	p := r.p
	if r.sheetRows > 0 && len(rows) > 0 {
		// A sheet's first batch: make room for the lines of the whole sheet
		// at this batch's lines per row at once, rather than doubling all the
		// way (at most 64 times this batch's lines: a stray formatted row far
		// down must not reserve a million lines).
		n := min(r.sheetRows*len(recs)/len(rows), 64*len(recs)) + 64
		p.Lines, r.added = slices.Grow(p.Lines, n), slices.Grow(r.added, n)
		p.Rows = slices.Grow(p.Rows, min(r.sheetRows, 64*len(rows)))
		r.sheetRows = 0
	}
	if len(rows) > 0 && (len(p.Rows) == 0 || &p.Rows[0] != &rows[0]) {
		p.Rows = append(p.Rows, rows...)
	}
	for i := 0; i < len(recs); {
		if err := ctx.Err(); err != nil {
			return &importers.FileError{Msg: importers.NewMessage(importers.StatusError, "file.canceled")}
		}
		// One row's records at a time: a row's lines count only if all its records match.
		j := i + 1
		for j < len(recs) && recs[j].RowIndex == recs[i].RowIndex {
			j++
		}
		rr := &p.Rows[recs[i].RowIndex]
		var row []matched
		for k := i; k < j && rr.Status != importers.StatusError; k++ {
			rec := &recs[k]
			if pl := r.match(rec, rr); pl != nil {
				row = append(row, matched{rec, pl})
			}
		}
		i = j
		if rr.Status == importers.StatusError {
			continue
		}
		for _, m := range row {
			r.hirers[m.pl.HirerID] = true
			if r.from.IsZero() || m.rec.Date.Before(r.from) {
				r.from = m.rec.Date
			}
			if m.rec.Date.After(r.to) {
				r.to = m.rec.Date
			}
			if m.rec.Void || (m.rec.Action != "" && m.rec.Action != "Add") {
				r.ms = append(r.ms, m)
				continue
			}
			r.dupCheck(m, rr)
			r.addLine(m)
		}
		if r.ins != nil && len(p.lines) >= streamBatch {
			r.ins <- p.lines // the inserter owns them now
			r.stored += len(p.lines)
			p.lines = make([]app.ImportedHourLine, 0, streamBatch+64)
		}
	}
	return nil
}

// match finds the placement of one record, or adds an error to its row.
func (r *hourRun) match(rec *importers.HourRecord, rr *importers.RowResult) *domain.Placement {
	ix, fileName := r.ix, r.fileName
	var hirerID int64
	if r.fileHirer != nil {
		hirerID = r.fileHirer.ID
	}
	if rec.Hirer != "" && (r.fileHirer == nil || !strings.EqualFold(rec.Hirer, r.fileHirer.Number)) {
		h, ok := ix.hirer(rec.Hirer)
		if !ok {
			rr.Add(locate(importers.NewMessage(importers.StatusError, "row.hirer_unknown", rec.Hirer), fileName, rec))
			return nil
		}
		hirerID = h.ID
	}
	var worker *domain.Worker
	if !rec.Worker.Empty() {
		key := wkey{rec.Worker, hirerID}
		res, ok := r.cache[key]
		if !ok {
			w, msg, ok := ix.matchWorker(rec.Worker, hirerID)
			res = wres{w, msg, ok}
			r.cache[key] = res
		}
		if !res.ok {
			rr.Add(locate(res.msg, fileName, rec))
			return nil
		}
		worker = res.w
	}
	var pl *domain.Placement
	switch {
	case rec.Placement != "":
		pl = ix.placByNumber[strings.ToUpper(rec.Placement)]
		if pl == nil {
			rr.Add(locate(importers.NewMessage(importers.StatusError, "row.placement_unknown", rec.Placement), fileName, rec))
			return nil
		}
		if (worker != nil && pl.WorkerID != worker.ID) || (hirerID != 0 && pl.HirerID != hirerID) {
			wn, hn := "", ""
			if worker != nil {
				wn = worker.Number
			}
			if h := ix.hirers[hirerID]; h != nil {
				hn = h.Number
			}
			rr.Add(locate(importers.NewMessage(importers.StatusError, "row.placement_other", pl.Number, wn, hn), fileName, rec))
			return nil
		}
	case worker == nil:
		rr.Add(locate(importers.NewMessage(importers.StatusError, "row.no_worker"), fileName, rec))
		return nil
	default:
		var active []*domain.Placement
		for _, c := range ix.placByWorker[worker.ID] {
			if c.ActiveOn(rec.Date) && (hirerID == 0 || c.HirerID == hirerID) {
				active = append(active, c)
			}
		}
		date := rec.Date.Format("02-01-2006")
		switch len(active) {
		case 0:
			rr.Add(locate(importers.NewMessage(importers.StatusError, "row.no_placement", worker.Number, date), fileName, rec))
			return nil
		case 1:
			pl = active[0]
		default:
			var nums []string
			for _, a := range active {
				nums = append(nums, a.Number)
			}
			rr.Add(locate(importers.NewMessage(importers.StatusError, "row.placement_many", worker.Number, date, strings.Join(nums, ", ")), fileName, rec))
			return nil
		}
	}
	if !pl.ActiveOn(rec.Date) {
		rr.Add(locate(importers.NewMessage(importers.StatusError, "row.no_placement", ix.workers[pl.WorkerID].Number, rec.Date.Format("02-01-2006")), fileName, rec))
		return nil
	}
	if _, agreed := pl.Rate(rec.Type); !agreed && rec.Type.IsHours() && !rec.Void && rec.Action != "Void" {
		rr.Add(locate(importers.NewMessage(importers.StatusWarning, "row.type_not_agreed", string(rec.Type), pl.Number), fileName, rec))
	}
	return pl
}

// dupCheck warns about a second line for the same placement, date and hour type.
func (r *hourRun) dupCheck(m matched, rr *importers.RowResult) {
	lk := lineKey{m.pl.ID, m.rec.Date, m.rec.Type}
	if first, dup := r.firstRow[lk]; dup && first != m.rec.Row {
		rr.Add(locate(importers.NewMessage(importers.StatusWarning, "row.duplicate", strconv.Itoa(first)), r.fileName, m.rec))
	} else if !dup {
		r.firstRow[lk] = m.rec.Row
	}
}

// addLine turns a matched record into a line to store.
func (r *hourRun) addLine(m matched) {
	rec, p := m.rec, r.p
	pay, bill := domain.Hundred, domain.Hundred
	if rec.Type.IsHours() {
		rate, _ := m.pl.Rate(rec.Type)
		pay, bill = rate.PayPercent, rate.BillPercent
	}
	l := &domain.HourLine{PlacementID: m.pl.ID, Date: rec.Date, Type: rec.Type, Quantity: rec.Quantity, PayPercent: pay,
		BillPercent: bill, Status: domain.HoursImported,
		Source: domain.Source{File: r.fileName, Sheet: firstNonEmpty(rec.Sheet, rec.Key), Row: rec.Row, Hash: p.Hash}}
	p.lines = append(p.lines, app.ImportedHourLine{Line: l, Key: rec.Key})
	r.added = append(r.added, addedLine{l, rec.RowIndex, rec})
	p.Lines = append(p.Lines, Line{Sheet: rec.Sheet, Row: rec.Row, Worker: r.ix.workers[m.pl.WorkerID].Number,
		Placement: m.pl.Number, Hirer: r.ix.hirers[m.pl.HirerID].Number, Date: rec.Date.Format("2006-01-02"),
		Type: rec.Type, Quantity: rec.Quantity, PayPercent: pay, BillPercent: bill, Key: rec.Key})
}

// finish compares the file with what is stored: the same file before, the
// earlier version it replaces, the lines its cancel markers and SETU
// corrections void.
func (r *hourRun) finish(ctx context.Context, corrected bool) error {
	p, ix, fileName, s := r.p, r.ix, r.fileName, r.s
	if r.fileHirer != nil {
		p.hirerID = r.fileHirer.ID
	} else if len(r.hirers) == 1 {
		for id := range r.hirers {
			p.hirerID = id
		}
	}
	if h := ix.hirers[p.hirerID]; h != nil {
		p.Hirer = h.Number
	}
	p.from, p.to = isoWeeks(r.from, r.to)
	if !p.from.IsZero() {
		p.From, p.To = p.from.Format("2006-01-02"), p.to.Format("2006-01-02")
	}
	var err error
	if r.tx == nil {
		if p.Duplicate, err = s.Store.ImportFileByHash(ctx, p.Hash); err != nil {
			return err
		}
	}
	if p.Duplicate != nil {
		p.Notes = append(p.Notes, fileNote(fileName, "import.duplicate", p.Duplicate.ImportedAt.Local().Format("02-01-2006 15:04"), p.Duplicate.FileName))
	}
	var existing []*app.ImportedHourLine
	if !p.from.IsZero() {
		if existing, err = s.Store.ImportedHourLines(ctx, p.from, p.to); err != nil {
			return err
		}
	}
	voided := map[int64]bool{}
	voidLine := func(il *app.ImportedHourLine, reason string, row int) {
		if voided[il.Line.ID] {
			return
		}
		voided[il.Line.ID] = true
		p.voidIDs = append(p.voidIDs, il.Line.ID)
		p.Voids = append(p.Voids, Void{LineID: il.Line.ID, Placement: ix.placements[il.Line.PlacementID].Number,
			Date: il.Line.Date.Format("2006-01-02"), Type: il.Line.Type, Quantity: il.Line.Quantity, Reason: reason, Row: row})
	}
	paidNote := func(il *app.ImportedHourLine, rr *importers.RowResult) {
		m := importers.NewMessage(importers.StatusWarning, "row.paid", ix.placements[il.Line.PlacementID].Number,
			il.Line.Date.Format("02-01-2006")+" "+string(il.Line.Type))
		m.File = fileName
		if rr != nil {
			rr.Add(m)
		} else {
			p.Notes = append(p.Notes, m)
		}
	}
	// A file with cancel markers is a mutation of earlier files, not a new
	// version of one; so is a SETU correction. Neither replaces whole files.
	mutation := corrected
	for _, m := range r.ms {
		mutation = mutation || m.rec.Void
	}
	if !mutation && p.Duplicate == nil && !p.from.IsZero() {
		files, err := s.Store.ImportFiles(ctx)
		if err != nil {
			return err
		}
		replaced := map[int64]*app.ImportFile{}
		for _, f := range files {
			if f.Status != "active" || f.Kind != importers.KindHours || f.HirerID != p.hirerID || f.Hash == p.Hash {
				continue
			}
			same := f.Source == p.source && (p.source != "" ||
				(f.From.Equal(p.from) && f.To.Equal(p.to) && (p.hirerID != 0 || f.FileName == fileName)))
			if same {
				replaced[f.ID] = f
				p.Replaces = append(p.Replaces, f)
				p.replaced = append(p.replaced, f.ID)
			}
		}
		n := 0
		paid := map[lineKey]*app.ImportedHourLine{}
		for _, il := range existing {
			if replaced[il.FileID] == nil {
				continue
			}
			if il.Line.Status == domain.HoursPaid {
				paid[lineKey{il.Line.PlacementID, il.Line.Date, il.Line.Type}] = il
				continue
			}
			voidLine(il, "replaced", 0)
			n++
		}
		if len(paid) > 0 {
			r.dropPaid(paid, paidNote)
		}
		for _, f := range p.Replaces {
			p.Notes = append(p.Notes, fileNote(fileName, "import.replaces", strconv.Itoa(n), f.FileName+" ("+f.ImportedAt.Local().Format("02-01-2006 15:04")+")"))
		}
	}
	byLine := map[lineKey][]*app.ImportedHourLine{}
	byKey := map[string][]*app.ImportedHourLine{}
	for _, il := range existing {
		if voided[il.Line.ID] {
			continue
		}
		lk := lineKey{il.Line.PlacementID, il.Line.Date, il.Line.Type}
		byLine[lk] = append(byLine[lk], il)
		if il.Key != "" {
			byKey[il.Key] = append(byKey[il.Key], il)
		}
	}
	for _, m := range r.ms {
		rec := m.rec
		rr := &p.Rows[rec.RowIndex]
		if rr.Status == importers.StatusError {
			continue
		}
		lk := lineKey{m.pl.ID, rec.Date, rec.Type}
		add := true
		switch {
		case rec.Void:
			add = false
			for _, il := range byLine[lk] {
				if il.Line.Status == domain.HoursPaid {
					paidNote(il, rr)
					continue
				}
				voidLine(il, "cancelled", rec.Row)
			}
			if len(byLine[lk]) == 0 {
				rr.Add(locate(importers.NewMessage(importers.StatusWarning, "row.void_nothing"), fileName, rec))
			}
		case corrected:
			olds := byKey[rec.Key]
			switch rec.Action {
			case "Unchanged":
				if len(olds) > 0 {
					add = false
					rr.Add(locate(importers.NewMessage(importers.StatusOK, "row.setu_unchanged"), fileName, rec))
				}
			case "Void", "Change":
				if rec.Action == "Void" {
					add = false
					if len(olds) == 0 {
						rr.Add(locate(importers.NewMessage(importers.StatusWarning, "row.void_nothing"), fileName, rec))
					}
				}
				for _, il := range olds {
					if il.Line.Status == domain.HoursPaid {
						paidNote(il, rr)
						add = false
						continue
					}
					voidLine(il, "setu_"+strings.ToLower(rec.Action), rec.Row)
					rr.Add(locate(importers.NewMessage(importers.StatusOK, "row.setu_"+strings.ToLower(rec.Action), rec.Key), fileName, rec))
				}
			}
		case rec.Action == "Void": // a Void outside a correction timecard removes nothing
			add = false
		}
		if add {
			r.dupCheck(m, rr)
			r.addLine(m)
		}
	}
	p.Counts = countRows(p.Rows)
	p.Counts.Lines, p.Counts.Voids = len(p.Lines), len(p.Voids)
	sort.SliceStable(p.Voids, func(i, j int) bool { return p.Voids[i].LineID < p.Voids[j].LineID })
	if r.userProg != nil {
		r.userProg(r.lastDone, r.lastDone)
	}
	return nil
}

// dropPaid takes out the new lines that a replaced file's paid line already
// covers: a paid line stays, and adding the new version beside it would pay
// the hours twice. The same quantity is simply already paid; a different one
// is an error on the row (to be settled by a correction payslip). A line a
// streamed import already stored is voided in the same transaction.
func (r *hourRun) dropPaid(paid map[lineKey]*app.ImportedHourLine, paidNote func(*app.ImportedHourLine, *importers.RowResult)) {
	p := r.p
	drop := map[*domain.HourLine]bool{}
	for _, a := range r.added {
		il := paid[lineKey{a.line.PlacementID, a.line.Date, a.line.Type}]
		if il == nil {
			continue
		}
		rr := &p.Rows[a.row]
		if il.Line.Quantity.Equal(a.line.Quantity) {
			paidNote(il, rr)
		} else {
			m := importers.NewMessage(importers.StatusError, "row.paid_changed", a.line.Quantity.String(),
				il.Line.Quantity.String(), il.Line.Date.Format("02-01-2006")+" "+string(il.Line.Type))
			rr.Add(locate(m, r.fileName, a.rec))
		}
		drop[a.line] = true
		if a.line.ID != 0 { // already stored by a streamed import
			p.voidIDs = append(p.voidIDs, a.line.ID)
			r.ownVoided++
		}
	}
	if len(drop) == 0 {
		return
	}
	keep := p.lines[:0]
	for _, il := range p.lines {
		if !drop[il.Line] {
			keep = append(keep, il)
		}
	}
	p.lines = keep
	var lines []Line
	for i, a := range r.added {
		if !drop[a.line] {
			lines = append(lines, p.Lines[i])
		}
	}
	p.Lines = lines
}

// hourImport is what a commit of the preview writes.
func (p *HourPreview) hourImport() *app.HourImport {
	tplName := ""
	if p.Template != nil {
		tplName = p.Template.Name
	}
	return &app.HourImport{File: app.ImportFile{Hash: p.Hash, FileName: p.File, Kind: importers.KindHours, HirerID: p.hirerID,
		From: p.from, To: p.to, Template: tplName, Source: p.source}, Lines: p.lines, Void: p.voidIDs, Replaces: p.replaced}
}

func paidKey(ls []*app.ImportedHourLine) bool {
	for _, il := range ls {
		if il.Line.Status == domain.HoursPaid {
			return true
		}
	}
	return false
}

// locate gives a matching message the record's file, sheet and row; the
// column only where the message is about the line's own cell (its hour type
// or quantity), not about who worked. A SETU interval has no sheet: its id
// goes with the row.
func locate(m importers.Message, file string, rec *importers.HourRecord) importers.Message {
	m.File, m.Sheet, m.Row = file, rec.Sheet, rec.Row
	switch m.Key {
	case "row.type_not_agreed", "row.duplicate":
		if m.Column == "" {
			m.Column = rec.Column
		}
	}
	if rec.Sheet == "" && rec.Key != "" {
		m.Header = rec.Key
	}
	return m
}

func fileNote(file, key string, args ...string) importers.Message {
	m := importers.NewMessage(importers.StatusWarning, key, args...)
	m.File = file
	return m
}

// CommitOptions steer a commit.
type CommitOptions struct {
	// SkipErrors commits the good rows of a file that also has rows with
	// errors; without it such a file is refused as a whole.
	SkipErrors bool
}

// Result is what a commit did.
type Result struct {
	FileID    int64 `json:"file_id,omitempty"`
	Added     int   `json:"added"`
	Voided    int   `json:"voided"`
	Replaced  int   `json:"replaced_files"`
	Duplicate bool  `json:"duplicate,omitempty"`
}

// CommitHours writes a preview in one transaction. The same file twice adds
// nothing (Result.Duplicate). Rows with errors block the commit unless
// SkipErrors is set; they are never written.
func (s *Service) CommitHours(ctx context.Context, p *HourPreview, opt CommitOptions) (*Result, error) {
	if p.Duplicate != nil {
		return &Result{Duplicate: true}, nil
	}
	if p.Counts.Error > 0 && !opt.SkipErrors {
		m := importers.NewMessage(importers.StatusError, "import.has_errors", strconv.Itoa(p.Counts.Error))
		return nil, domain.Errorf(domain.EINVALID, "%s", m.NL)
	}
	imp := p.hourImport()
	if err := s.Store.CommitHourImport(ctx, imp); err != nil {
		return nil, fmt.Errorf("uren van %s opslaan: %w", p.File, err)
	}
	return &Result{FileID: imp.File.ID, Added: len(imp.Lines), Voided: len(imp.Void), Replaced: len(imp.Replaces)}, nil
}
