package importing

import (
	"context"
	"fmt"
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
// fileName is shown in messages; data is the file's content.
func (s *Service) PreviewHours(ctx context.Context, fileName string, data []byte, opt Options) (*HourPreview, error) {
	tpl, err := s.template(ctx, importers.KindHours, opt)
	if err != nil {
		return nil, err
	}
	if opt.Hirer != "" && tpl.Hirer == "" {
		tpl.Hirer = opt.Hirer
	}
	ix, err := s.loadIndex(ctx)
	if err != nil {
		return nil, err
	}
	var fileHirer *domain.Hirer
	if tpl.Hirer != "" {
		h, ok := ix.hirer(tpl.Hirer)
		if !ok {
			return nil, domain.Errorf(domain.ENOTFOUND, "Inlener %s bestaat niet.", tpl.Hirer)
		}
		fileHirer = h
	}
	lastDone := 0
	progress := opt.Progress
	if progress != nil {
		progress = func(done, total int) {
			lastDone = done
			opt.Progress(done, total)
		}
	}
	hs, err := importers.ParseHours(ctx, data, importers.ParseOptions{File: fileName, Template: tpl, Progress: progress})
	if err != nil {
		return nil, err
	}
	p := &HourPreview{File: fileName, Kind: importers.KindHours, Hash: hs.Hash, Format: hs.Format, Layout: hs.Layout,
		Template: hs.Template, Rows: hs.Rows, Notes: hs.Notes}
	if hs.Format == importers.FormatSETU && hs.DocumentID != "" {
		p.source = "setu:" + hs.DocumentID
	}

	// Pass 1: match every record to a placement; messages land on the rows.
	type matched struct {
		rec *importers.HourRecord
		pl  *domain.Placement
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
	cache := map[wkey]wres{}
	var ms []matched
	for i := range hs.Records {
		if i%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, &importers.FileError{Msg: importers.NewMessage(importers.StatusError, "file.canceled")}
			}
		}
		rec := &hs.Records[i]
		rr := &p.Rows[rec.RowIndex]
		if rr.Status == importers.StatusError {
			continue
		}
		var hirerID int64
		if fileHirer != nil {
			hirerID = fileHirer.ID
		}
		if rec.Hirer != "" && (fileHirer == nil || !strings.EqualFold(rec.Hirer, fileHirer.Number)) {
			h, ok := ix.hirer(rec.Hirer)
			if !ok {
				rr.Add(locate(importers.NewMessage(importers.StatusError, "row.hirer_unknown", rec.Hirer), fileName, rec))
				continue
			}
			hirerID = h.ID
		}
		var worker *domain.Worker
		if !rec.Worker.Empty() {
			key := wkey{rec.Worker, hirerID}
			res, ok := cache[key]
			if !ok {
				w, msg, ok := ix.matchWorker(rec.Worker, hirerID)
				res = wres{w, msg, ok}
				cache[key] = res
			}
			if !res.ok {
				rr.Add(locate(res.msg, fileName, rec))
				continue
			}
			worker = res.w
		}
		var pl *domain.Placement
		if rec.Placement != "" {
			pl = ix.placByNumber[strings.ToUpper(rec.Placement)]
			if pl == nil {
				rr.Add(locate(importers.NewMessage(importers.StatusError, "row.placement_unknown", rec.Placement), fileName, rec))
				continue
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
				continue
			}
		} else if worker == nil {
			rr.Add(locate(importers.NewMessage(importers.StatusError, "row.no_worker"), fileName, rec))
			continue
		} else {
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
				continue
			case 1:
				pl = active[0]
			default:
				var nums []string
				for _, a := range active {
					nums = append(nums, a.Number)
				}
				rr.Add(locate(importers.NewMessage(importers.StatusError, "row.placement_many", worker.Number, date, strings.Join(nums, ", ")), fileName, rec))
				continue
			}
		}
		if !pl.ActiveOn(rec.Date) {
			rr.Add(locate(importers.NewMessage(importers.StatusError, "row.no_placement", ix.workers[pl.WorkerID].Number, rec.Date.Format("02-01-2006")), fileName, rec))
			continue
		}
		if _, agreed := pl.Rate(rec.Type); !agreed && rec.Type.IsHours() && !rec.Void && rec.Action != "Void" {
			rr.Add(locate(importers.NewMessage(importers.StatusWarning, "row.type_not_agreed", string(rec.Type), pl.Number), fileName, rec))
		}
		ms = append(ms, matched{rec, pl})
	}

	// The file's hirer and period: whole ISO weeks of the dates it holds.
	hirers := map[int64]bool{}
	var from, to time.Time
	for _, m := range ms {
		if p.Rows[m.rec.RowIndex].Status == importers.StatusError {
			continue
		}
		hirers[m.pl.HirerID] = true
		if from.IsZero() || m.rec.Date.Before(from) {
			from = m.rec.Date
		}
		if m.rec.Date.After(to) {
			to = m.rec.Date
		}
	}
	if fileHirer != nil {
		p.hirerID = fileHirer.ID
	} else if len(hirers) == 1 {
		for id := range hirers {
			p.hirerID = id
		}
	}
	if h := ix.hirers[p.hirerID]; h != nil {
		p.Hirer = h.Number
	}
	p.from, p.to = isoWeeks(from, to)
	if !p.from.IsZero() {
		p.From, p.To = p.from.Format("2006-01-02"), p.to.Format("2006-01-02")
	}

	// Pass 2: compare with what is stored.
	if p.Duplicate, err = s.Store.ImportFileByHash(ctx, hs.Hash); err != nil {
		return nil, err
	}
	if p.Duplicate != nil {
		p.Notes = append(p.Notes, fileNote(fileName, "import.duplicate", p.Duplicate.ImportedAt.Local().Format("02-01-2006 15:04"), p.Duplicate.FileName))
	}
	var existing []*app.ImportedHourLine
	if !p.from.IsZero() {
		if existing, err = s.Store.ImportedHourLines(ctx, p.from, p.to); err != nil {
			return nil, err
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
	mutation := hs.Corrected
	for _, m := range ms {
		mutation = mutation || m.rec.Void
	}
	if !mutation && p.Duplicate == nil && !p.from.IsZero() {
		files, err := s.Store.ImportFiles(ctx)
		if err != nil {
			return nil, err
		}
		replaced := map[int64]*app.ImportFile{}
		for _, f := range files {
			if f.Status != "active" || f.Kind != importers.KindHours || f.HirerID != p.hirerID {
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
		for _, il := range existing {
			if replaced[il.FileID] == nil {
				continue
			}
			if il.Line.Status == domain.HoursPaid {
				paidNote(il, nil)
				continue
			}
			voidLine(il, "replaced", 0)
			n++
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
		byLine[lineKey{il.Line.PlacementID, il.Line.Date, il.Line.Type}] = append(byLine[lineKey{il.Line.PlacementID, il.Line.Date, il.Line.Type}], il)
		if il.Key != "" {
			byKey[il.Key] = append(byKey[il.Key], il)
		}
	}
	firstRow := map[lineKey]int{}
	for _, m := range ms {
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
			n := 0
			for _, il := range byLine[lk] {
				if il.Line.Status == domain.HoursPaid {
					paidNote(il, rr)
					continue
				}
				voidLine(il, "cancelled", rec.Row)
				n++
			}
			if n == 0 && len(byLine[lk]) == 0 {
				rr.Add(locate(importers.NewMessage(importers.StatusWarning, "row.void_nothing"), fileName, rec))
			}
		case hs.Corrected && rec.Action != "Add":
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
				}
				if len(olds) == 0 && rec.Action == "Void" {
					rr.Add(locate(importers.NewMessage(importers.StatusWarning, "row.void_nothing"), fileName, rec))
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
		}
		if !add {
			continue
		}
		if first, dup := firstRow[lk]; dup && first != rec.Row {
			rr.Add(locate(importers.NewMessage(importers.StatusWarning, "row.duplicate", strconv.Itoa(first)), fileName, rec))
		} else if !dup {
			firstRow[lk] = rec.Row
		}
	}
	// Pass 3: the lines of rows without errors.
	for _, m := range ms {
		rec := m.rec
		if p.Rows[rec.RowIndex].Status == importers.StatusError || rec.Void ||
			(hs.Corrected && (rec.Action == "Void" || (rec.Action == "Unchanged" && len(byKey[rec.Key]) > 0))) {
			continue
		}
		if hs.Corrected && rec.Action == "Change" && paidKey(byKey[rec.Key]) {
			continue
		}
		pay, bill := domain.Hundred, domain.Hundred
		if rec.Type.IsHours() {
			r, _ := m.pl.Rate(rec.Type)
			pay, bill = r.PayPercent, r.BillPercent
		}
		l := &domain.HourLine{PlacementID: m.pl.ID, Date: rec.Date, Type: rec.Type, Quantity: rec.Quantity, PayPercent: pay,
			BillPercent: bill, Status: domain.HoursImported,
			Source: domain.Source{File: fileName, Sheet: rec.Sheet, Row: rec.Row, Hash: hs.Hash}}
		p.lines = append(p.lines, app.ImportedHourLine{Line: l, Key: rec.Key})
		p.Lines = append(p.Lines, Line{Sheet: rec.Sheet, Row: rec.Row, Worker: ix.workers[m.pl.WorkerID].Number,
			Placement: m.pl.Number, Hirer: ix.hirers[m.pl.HirerID].Number, Date: rec.Date.Format("2006-01-02"),
			Type: rec.Type, Quantity: rec.Quantity, PayPercent: pay, BillPercent: bill, Key: rec.Key})
	}
	p.Counts = countRows(p.Rows)
	p.Counts.Lines, p.Counts.Voids = len(p.Lines), len(p.Voids)
	sort.SliceStable(p.Voids, func(i, j int) bool { return p.Voids[i].LineID < p.Voids[j].LineID })
	if opt.Progress != nil {
		opt.Progress(lastDone, lastDone)
	}
	return p, nil
}

func paidKey(ls []*app.ImportedHourLine) bool {
	for _, il := range ls {
		if il.Line.Status == domain.HoursPaid {
			return true
		}
	}
	return false
}

// locate gives a matching message the record's file, sheet, row and column.
func locate(m importers.Message, file string, rec *importers.HourRecord) importers.Message {
	m.File, m.Sheet, m.Row = file, rec.Sheet, rec.Row
	if m.Column == "" {
		m.Column = rec.Column
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
	tplName := ""
	if p.Template != nil {
		tplName = p.Template.Name
	}
	imp := &app.HourImport{File: app.ImportFile{Hash: p.Hash, FileName: p.File, Kind: importers.KindHours, HirerID: p.hirerID,
		From: p.from, To: p.to, Template: tplName, Source: p.source}, Lines: p.lines, Void: p.voidIDs, Replaces: p.replaced}
	if err := s.Store.CommitHourImport(ctx, imp); err != nil {
		return nil, fmt.Errorf("uren van %s opslaan: %w", p.File, err)
	}
	return &Result{FileID: imp.File.ID, Added: len(imp.Lines), Voided: len(imp.Void), Replaced: len(imp.Replaces)}, nil
}
