// Package importing is the use case behind "import hours" and "import
// placements": read a hirer's file, match its rows against the administration
// (workers, aliases, placements active on the date), show a preview with a
// status and messages per row, and commit it in one transaction.
//
// Nothing is written before Commit. The same file again (sha256 of its
// content) adds nothing; a changed file for the same hirer and period replaces
// the earlier file's lines that are not yet in a finalised payroll; a
// cancelled row or a SETU correction voids exactly the line it names. The GUI
// and the command line share this code; both pass a progress callback and a
// context to cancel.
package importing

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"verloner/app"
	"verloner/domain"
	"verloner/importers"
)

// Options steer a preview.
type Options struct {
	// Hirer is the hirer number the file belongs to (--hirer); it picks the
	// hirer's template and is the default hirer of every line.
	Hirer string
	// Template is the name of a saved template to apply; "" picks the hirer's
	// template if it has exactly one, else guesses from the headers.
	Template string
	// Adjusted is a template the user edited in the preview; it wins over Template.
	Adjusted *importers.Template
	// Progress is called with rows done and the total while reading; may be
	// nil. ImportHours calls it from its parsing goroutine, so a GUI must hand
	// the update to its UI thread (fyne.Do). Cancel through the context.
	Progress func(done, total int)
}

// Service runs imports against one administration.
type Service struct {
	Store app.Store
}

// New returns an import service on a store.
func New(st app.Store) *Service { return &Service{Store: st} }

// ReadFile reads a file for import, refusing one over the size limit before
// reading it into memory.
func ReadFile(path string) ([]byte, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, domain.Errorf(domain.ENOTFOUND, "Bestand %s niet gevonden.", path)
	}
	if st.Size() > importers.MaxFileSize {
		m := importers.NewMessage(importers.StatusError, "file.too_big",
			strconv.FormatFloat(float64(st.Size())/(1<<20), 'f', 1, 64), strconv.FormatInt(importers.MaxFileSize>>20, 10))
		m.File = filepath.Base(path)
		return nil, &importers.FileError{Msg: m}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("bestand %s lezen: %w", path, err)
	}
	return data, nil
}

// ReadLimited reads a file from a stream (the GUI's file dialog gives one),
// refusing it as soon as it passes the size limit instead of reading it all.
func ReadLimited(r io.Reader, name string) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, importers.MaxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("bestand %s lezen: %w", name, err)
	}
	if int64(len(data)) > importers.MaxFileSize {
		m := importers.NewMessage(importers.StatusError, "file.too_big", "> "+strconv.FormatInt(importers.MaxFileSize>>20, 10),
			strconv.FormatInt(importers.MaxFileSize>>20, 10))
		m.File = name
		return nil, &importers.FileError{Msg: m}
	}
	return data, nil
}

// FileMessage returns the catalogued message of a file-level error, if it is one.
func FileMessage(err error) (importers.Message, bool) {
	var fe *importers.FileError
	if errors.As(err, &fe) {
		return fe.Msg, true
	}
	return importers.Message{}, false
}

// template picks the template for a preview.
func (s *Service) template(ctx context.Context, kind string, opt Options) (*importers.Template, error) {
	if opt.Adjusted != nil {
		t := opt.Adjusted.Clone()
		if t.Kind == "" {
			t.Kind = kind
		}
		check := *t
		if check.Name == "" {
			check.Name = "(aangepast)" // an unsaved adjustment needs no name yet
		}
		return t, check.Validate()
	}
	all, err := s.Store.ImportTemplates(ctx, kind)
	if err != nil {
		return nil, err
	}
	if opt.Template != "" {
		for _, t := range all {
			if t.Name == opt.Template && (opt.Hirer == "" || t.Hirer == opt.Hirer || t.Hirer == "") {
				if t.Hirer == opt.Hirer || opt.Hirer == "" {
					return t, nil
				}
			}
		}
		for _, t := range all {
			if t.Name == opt.Template {
				return t, nil
			}
		}
		return nil, domain.Errorf(domain.ENOTFOUND, "Sjabloon %s bestaat niet.", opt.Template)
	}
	var mine []*importers.Template
	for _, t := range all {
		if opt.Hirer != "" && t.Hirer == opt.Hirer {
			mine = append(mine, t)
		}
	}
	if len(mine) == 1 {
		return mine[0], nil
	}
	return &importers.Template{Kind: kind, Hirer: opt.Hirer}, nil
}

// SaveTemplate stores the template a preview applied (with its guessed
// columns), under a name, for the hirer of the preview.
func (s *Service) SaveTemplate(ctx context.Context, t *importers.Template, name, hirer string) error {
	c := t.Clone()
	c.Name = name
	if hirer != "" {
		c.Hirer = hirer
	}
	return s.Store.SaveImportTemplate(ctx, c)
}

// index holds the administration's master data keyed for matching.
type index struct {
	workers      map[int64]*domain.Worker
	byNumber     map[string]*domain.Worker
	byBSN        map[string][]*domain.Worker
	byName       map[string][]*domain.Worker
	hirers       map[int64]*domain.Hirer
	hirerByNr    map[string]*domain.Hirer
	hirerByName  map[string][]*domain.Hirer
	aliases      map[int64]map[string]int64 // hirer → code → worker
	aliasAny     map[string][]int64         // code → workers, over all hirers
	placements   map[int64]*domain.Placement
	placByNumber map[string]*domain.Placement
	placByWorker map[int64][]*domain.Placement
}

func nameKey(s string) string { return importers.NormalizeHeader(s) }

// loadIndex reads the administration that rows are matched against. workers
// is Store.WorkerIdentities where only telling workers apart matters (hour
// sheets, exports), Store.Workers where the rows may change them (placement
// lists).
func (s *Service) loadIndex(ctx context.Context, workers func(context.Context) ([]*domain.Worker, error)) (*index, error) {
	// Three independent reads, side by side: on a big administration the
	// placements with their rates take as long as reading a week's sheet.
	var ws []*domain.Worker
	var hs []*domain.Hirer
	var ps []*domain.Placement
	var errs [3]error
	var wg sync.WaitGroup
	wg.Add(3)
	go func() { defer wg.Done(); ws, errs[0] = workers(ctx) }()
	go func() { defer wg.Done(); hs, errs[1] = s.Store.Hirers(ctx) }()
	go func() { defer wg.Done(); ps, errs[2] = s.Store.Placements(ctx) }()
	wg.Wait()
	if err := errors.Join(errs[:]...); err != nil {
		return nil, err
	}
	ix := &index{workers: map[int64]*domain.Worker{}, byNumber: map[string]*domain.Worker{}, byBSN: map[string][]*domain.Worker{},
		byName: map[string][]*domain.Worker{}, hirers: map[int64]*domain.Hirer{}, hirerByNr: map[string]*domain.Hirer{},
		hirerByName: map[string][]*domain.Hirer{}, aliases: map[int64]map[string]int64{}, aliasAny: map[string][]int64{},
		placements: map[int64]*domain.Placement{}, placByNumber: map[string]*domain.Placement{}, placByWorker: map[int64][]*domain.Placement{}}
	for _, w := range ws {
		ix.workers[w.ID] = w
		ix.byNumber[strings.ToUpper(w.Number)] = w
		if b := domain.NormalizeBSN(w.BSN); b != "" {
			ix.byBSN[b] = append(ix.byBSN[b], w)
		}
		keys := map[string]bool{nameKey(w.FullName()): true, nameKey(w.SortName()): true,
			nameKey(strings.Join([]string{w.Initials, w.Prefix, w.LastName}, " ")): true,
			nameKey(w.LastName + " " + w.Prefix + " " + w.FirstName):               true,
			nameKey(w.LastName + ", " + w.Initials + " " + w.Prefix):               true}
		for k := range keys {
			if k != "" {
				ix.byName[k] = append(ix.byName[k], w)
			}
		}
	}
	for _, h := range hs {
		ix.hirers[h.ID] = h
		ix.hirerByNr[strings.ToUpper(h.Number)] = h
		ix.hirerByName[nameKey(h.Name)] = append(ix.hirerByName[nameKey(h.Name)], h)
		m := map[string]int64{}
		for _, a := range h.Aliases {
			m[strings.ToUpper(a.Code)] = a.WorkerID
			ix.aliasAny[strings.ToUpper(a.Code)] = append(ix.aliasAny[strings.ToUpper(a.Code)], a.WorkerID)
		}
		ix.aliases[h.ID] = m
	}
	for _, p := range ps {
		ix.placements[p.ID] = p
		ix.placByNumber[strings.ToUpper(p.Number)] = p
		ix.placByWorker[p.WorkerID] = append(ix.placByWorker[p.WorkerID], p)
	}
	return ix, nil
}

// hirer finds a hirer by number or, failing that, by exact (normalised) name.
func (ix *index) hirer(ref string) (*domain.Hirer, bool) {
	if h := ix.hirerByNr[strings.ToUpper(strings.TrimSpace(ref))]; h != nil {
		return h, true
	}
	if hs := ix.hirerByName[nameKey(ref)]; len(hs) == 1 {
		return hs[0], true
	}
	return nil, false
}

// matchWorker resolves a row's worker key. It collects the worker each
// identifier points to; different workers is a conflict, several workers for
// one identifier is ambiguous, and neither is ever guessed.
func (ix *index) matchWorker(k importers.WorkerKey, hirerID int64) (*domain.Worker, importers.Message, bool) {
	found := map[int64]string{} // worker → the identifier that found it
	var order []int64
	add := func(w *domain.Worker, how string) {
		if w == nil {
			return
		}
		if _, ok := found[w.ID]; !ok {
			order = append(order, w.ID)
			found[w.ID] = how
		}
	}
	ambiguous := func(what string, ws []int64) (*domain.Worker, importers.Message, bool) {
		var nums []string
		for _, id := range ws {
			nums = append(nums, ix.workers[id].Number)
		}
		sort.Strings(nums)
		return nil, importers.NewMessage(importers.StatusError, "row.worker_ambiguous", what, strings.Join(nums, ", ")), false
	}
	alias := func(code string) (int64, []int64) {
		code = strings.ToUpper(code)
		if hirerID != 0 {
			return ix.aliases[hirerID][code], nil
		}
		ids := ix.aliasAny[code]
		if len(ids) == 1 {
			return ids[0], nil
		}
		return 0, ids
	}
	if k.Number != "" {
		add(ix.byNumber[strings.ToUpper(k.Number)], k.Number)
		if len(found) == 0 {
			return nil, importers.NewMessage(importers.StatusError, "row.worker_unknown", k.Number), false
		}
	}
	if k.BSN != "" {
		ws := ix.byBSN[k.BSN]
		if len(ws) > 1 {
			ids := []int64{}
			for _, w := range ws {
				ids = append(ids, w.ID)
			}
			return ambiguous("BSN "+domain.MaskBSN(k.BSN), ids)
		}
		if len(ws) == 1 {
			add(ws[0], "BSN")
		} else if k.Number == "" && k.Ref == "" && k.Alias == "" {
			return nil, importers.NewMessage(importers.StatusError, "row.worker_unknown", "BSN "+domain.MaskBSN(k.BSN)), false
		}
	}
	if k.Alias != "" {
		id, many := alias(k.Alias)
		if len(many) > 1 {
			return ambiguous(k.Alias, many)
		}
		if id == 0 && len(found) == 0 {
			return nil, importers.NewMessage(importers.StatusError, "row.worker_unknown", k.Alias), false
		}
		add(ix.workers[id], k.Alias)
	}
	if k.Ref != "" {
		byNr := ix.byNumber[strings.ToUpper(k.Ref)]
		id, many := alias(k.Ref)
		switch {
		case byNr != nil && id != 0 && byNr.ID != id:
			return ambiguous(k.Ref, []int64{byNr.ID, id})
		case len(many) > 1 && byNr == nil:
			return ambiguous(k.Ref, many)
		case byNr != nil:
			add(byNr, k.Ref)
		case id != 0:
			add(ix.workers[id], k.Ref)
		case len(found) == 0:
			return nil, importers.NewMessage(importers.StatusError, "row.worker_unknown", k.Ref), false
		}
	}
	if len(found) == 0 {
		name := k.FullName()
		if name == "" {
			return nil, importers.NewMessage(importers.StatusError, "row.no_worker"), false
		}
		ws := ix.byName[nameKey(name)]
		if !k.BirthDate.IsZero() {
			var same []*domain.Worker
			for _, w := range ws {
				if w.BirthDate.Equal(k.BirthDate) {
					same = append(same, w)
				}
			}
			ws = same
		}
		switch len(ws) {
		case 0:
			return nil, importers.NewMessage(importers.StatusError, "row.worker_unknown", k.Display()), false
		case 1:
			add(ws[0], name)
		default:
			ids := []int64{}
			for _, w := range ws {
				ids = append(ids, w.ID)
			}
			return ambiguous(k.Display(), ids)
		}
	}
	if len(order) > 1 {
		var parts []string
		for _, id := range order {
			parts = append(parts, found[id]+" → "+ix.workers[id].Number)
		}
		return nil, importers.NewMessage(importers.StatusError, "row.worker_conflict", strings.Join(parts, "; ")), false
	}
	return ix.workers[order[0]], importers.Message{}, true
}

// isoWeeks widens a date range to whole ISO weeks: the period of an hour file.
func isoWeeks(from, to time.Time) (time.Time, time.Time) {
	if from.IsZero() {
		return from, to
	}
	from = from.AddDate(0, 0, -((int(from.Weekday()) + 6) % 7))
	to = to.AddDate(0, 0, (7-int(to.Weekday()))%7)
	return from, to
}

// Templates lists the saved templates of a kind (importers.KindHours or
// KindPlacements; "" for all), for the GUI's template picker.
func (s *Service) Templates(ctx context.Context, kind string) ([]*importers.Template, error) {
	return s.Store.ImportTemplates(ctx, kind)
}

// DeleteTemplate removes a saved template of a hirer ("" for a general one).
func (s *Service) DeleteTemplate(ctx context.Context, hirer, name string) error {
	return s.Store.DeleteImportTemplate(ctx, hirer, name)
}

// Files lists the imported files, newest first, for an import history.
func (s *Service) Files(ctx context.Context) ([]*app.ImportFile, error) {
	return s.Store.ImportFiles(ctx)
}

// Inspect shows the top of each sheet of a file with the guessed field per
// column, for the mapping editor (also for files whose layout PreviewHours
// could not recognise).
func (s *Service) Inspect(ctx context.Context, fileName string, data []byte, opt Options) ([]importers.SheetInfo, error) {
	tpl, err := s.template(ctx, importers.KindHours, opt)
	if err != nil {
		return nil, err
	}
	return importers.Inspect(ctx, data, fileName, tpl)
}
