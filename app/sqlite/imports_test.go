package sqlite_test

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"verloner/app"
	"verloner/app/demo"
	"verloner/app/sqlite"
	"verloner/domain"
	"verloner/importers"
)

func demoDB(t *testing.T) *sqlite.DB {
	t.Helper()
	db, err := demo.Create(context.Background(), filepath.Join(t.TempDir(), "demo"+sqlite.Ext))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func TestImportTemplates_RoundTripPerHirer(t *testing.T) {
	ctx := context.Background()
	db := demoDB(t)
	tpl := &importers.Template{Name: "Weekstaat", Hirer: "INL01", Kind: importers.KindHours, Layout: importers.LayoutWeek,
		HeaderRow: 4, SkipRows: 1, Delimiter: ";", DecimalSign: ",", DateOrder: importers.DMY, Unit: importers.UnitHours,
		NightShift: "end", DefaultType: domain.HourNormal, Week: 47, Year: 2026,
		Columns: []importers.ColumnMap{{Header: "Pers.nr", Field: importers.FieldAlias}, {Column: "C", Field: importers.FieldType}},
		Recode:  map[string]domain.HourType{"Overuren 150%": domain.HourOvertime150}}
	if err := db.SaveImportTemplate(ctx, tpl); err != nil {
		t.Fatal(err)
	}
	tpl.SkipRows = 2 // saving again under the same hirer and name updates
	if err := db.SaveImportTemplate(ctx, tpl); err != nil {
		t.Fatal(err)
	}
	generic := &importers.Template{Name: "Weekstaat", Kind: importers.KindHours}
	if err := db.SaveImportTemplate(ctx, generic); err != nil {
		t.Fatal(err)
	}
	got, err := db.ImportTemplates(ctx, importers.KindHours)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || !reflect.DeepEqual(got[1], tpl) {
		t.Fatalf("templates %+v\nwant %+v", got, tpl)
	}
	if err := db.SaveImportTemplate(ctx, &importers.Template{Name: "x", Kind: importers.KindHours, Hirer: "NOPE"}); domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Errorf("unknown hirer: %v", err)
	}
	if err := db.SaveImportTemplate(ctx, &importers.Template{Name: "x", Kind: "cats"}); domain.ErrorCode(err) != domain.EINVALID {
		t.Errorf("bad kind: %v", err)
	}
	if err := db.DeleteImportTemplate(ctx, "INL01", "Weekstaat"); err != nil {
		t.Fatal(err)
	}
	if got, _ := db.ImportTemplates(ctx, ""); len(got) != 1 {
		t.Errorf("%d templates after delete", len(got))
	}
}

func hourLine(pid int64, date time.Time, typ domain.HourType, qty string) *domain.HourLine {
	return &domain.HourLine{PlacementID: pid, Date: date, Type: typ, Quantity: domain.MustDec(qty),
		PayPercent: domain.Hundred, BillPercent: domain.Hundred, Source: domain.Source{File: "f.xlsx", Row: 2}}
}

func TestCommitHourImport_ReplaceVoidAndIdempotence(t *testing.T) {
	ctx := context.Background()
	db := demoDB(t)
	ps, _ := db.Placements(ctx)
	pid := ps[0].ID
	day := domain.Date(2026, 11, 30)
	first := &app.HourImport{File: app.ImportFile{Hash: "h1", FileName: "a.xlsx", Kind: importers.KindHours, HirerID: ps[0].HirerID,
		From: day, To: day.AddDate(0, 0, 6)},
		Lines: []app.ImportedHourLine{{Line: hourLine(pid, day, "NORM", "8"), Key: "k1"}, {Line: hourLine(pid, day, "ORT", "2")}}}
	for i := 0; i < 150; i++ { // more than one multi-row batch
		first.Lines = append(first.Lines, app.ImportedHourLine{Line: hourLine(pid, day.AddDate(0, 0, 1), "KM", "1")})
	}
	if err := db.CommitHourImport(ctx, first); err != nil {
		t.Fatal(err)
	}
	if first.File.ID == 0 || first.Lines[151].Line.ID == 0 || first.Lines[151].Line.ID != first.Lines[0].Line.ID+151 {
		t.Fatalf("ids not set: file %d, lines %d..%d", first.File.ID, first.Lines[0].Line.ID, first.Lines[151].Line.ID)
	}
	got, err := db.ImportedHourLines(ctx, day, day.AddDate(0, 0, 6))
	if err != nil || len(got) != 152 || got[0].FileID != first.File.ID || got[0].Key != "k1" {
		t.Fatalf("lines %d, err %v, first %+v", len(got), err, got[0])
	}
	// The same content again is refused by the hash.
	again := *first
	again.Lines = nil
	if err := db.CommitHourImport(ctx, &again); domain.ErrorCode(err) != domain.ECONFLICT {
		t.Fatalf("second import of the same hash: %v", err)
	}
	if f, err := db.ImportFileByHash(ctx, "h1"); err != nil || f == nil || f.LineCount != 152 || f.Status != "active" {
		t.Fatalf("file by hash: %+v %v", f, err)
	}
	// Pay one line; a replacement may void the others but not that one.
	paid := first.Lines[1].Line.ID
	if err := db.Exec(ctx, `UPDATE hour_lines SET status = 'paid' WHERE id = ?`, paid); err != nil {
		t.Fatal(err)
	}
	second := &app.HourImport{File: app.ImportFile{Hash: "h2", FileName: "a.xlsx", Kind: importers.KindHours, HirerID: ps[0].HirerID,
		From: day, To: day.AddDate(0, 0, 6)}, Lines: []app.ImportedHourLine{{Line: hourLine(pid, day, "NORM", "7.5")}},
		Void: []int64{first.Lines[0].Line.ID}, Replaces: []int64{first.File.ID}}
	for _, il := range first.Lines[2:] {
		second.Void = append(second.Void, il.Line.ID)
	}
	if err := db.CommitHourImport(ctx, second); err != nil {
		t.Fatal(err)
	}
	got, _ = db.ImportedHourLines(ctx, day, day.AddDate(0, 0, 6))
	if len(got) != 2 || got[0].Line.Type != "NORM" || got[0].Line.Quantity.String() != "7.5" || got[1].Line.Status != domain.HoursPaid {
		t.Fatalf("after replacement: %d lines", len(got))
	}
	files, _ := db.ImportFiles(ctx)
	if len(files) != 2 || files[1].Status != "replaced" || files[1].ReplacedBy != second.File.ID {
		t.Fatalf("files %+v", files)
	}
	// Voiding a paid line fails the whole commit: nothing of it lands.
	third := &app.HourImport{File: app.ImportFile{Hash: "h3", FileName: "b.xlsx", Kind: importers.KindHours},
		Lines: []app.ImportedHourLine{{Line: hourLine(pid, day, "OW125", "1")}}, Void: []int64{paid}}
	if err := db.CommitHourImport(ctx, third); domain.ErrorCode(err) != domain.ECONFLICT {
		t.Fatalf("voiding a paid line: %v", err)
	}
	if f, _ := db.ImportFileByHash(ctx, "h3"); f != nil {
		t.Fatal("failed commit left its file record")
	}
	if got2, _ := db.ImportedHourLines(ctx, day, day.AddDate(0, 0, 6)); len(got2) != 2 {
		t.Fatalf("failed commit changed lines: %d", len(got2))
	}
	audit, _ := db.Audit(ctx, "import", second.File.ID)
	if len(audit) != 1 || audit[0].Action != "hours" {
		t.Errorf("audit %+v", audit)
	}
}

func TestCommitMasterDataImport_CreatesAndLinksByNumber(t *testing.T) {
	ctx := context.Background()
	db := demoDB(t)
	imp := &app.MasterDataImport{File: app.ImportFile{Hash: "m1", FileName: "plaatsingen.xlsx", Kind: importers.KindPlacements},
		Workers: []*domain.Worker{{Number: "1026", LastName: "Jansen", BSN: "111222333"}},
		Hirers:  []*domain.Hirer{{Number: "INL06", Name: "Tilburg Tech B.V."}},
		Placements: []app.PlacementImport{{Placement: &domain.Placement{Number: "PL0526", Start: domain.Date(2026, 11, 23),
			HourlyWage: domain.MustDec("15.85"), BillingRate: domain.MustDec("27.90")}, WorkerNumber: "1026", HirerNumber: "INL06"}},
		Aliases: []app.AliasImport{{HirerNumber: "INL06", WorkerNumber: "1026", Code: "TT-1"}}}
	if err := db.CommitMasterDataImport(ctx, imp); err != nil {
		t.Fatal(err)
	}
	ps, _ := db.Placements(ctx)
	var p *domain.Placement
	for _, x := range ps {
		if x.Number == "PL0526" {
			p = x
		}
	}
	if p == nil || p.WorkerID != imp.Workers[0].ID || p.HirerID != imp.Hirers[0].ID {
		t.Fatalf("placement %+v", p)
	}
	h, _ := db.Hirer(ctx, imp.Hirers[0].ID)
	if len(h.Aliases) != 1 || h.Aliases[0].Code != "TT-1" || h.Aliases[0].WorkerID != imp.Workers[0].ID {
		t.Errorf("aliases %+v", h.Aliases)
	}
	// A bad placement rolls back the workers and hirers of the same import.
	bad := &app.MasterDataImport{File: app.ImportFile{Hash: "m2", FileName: "x.csv", Kind: importers.KindPlacements},
		Workers:    []*domain.Worker{{Number: "1099", LastName: "Nieuw"}},
		Placements: []app.PlacementImport{{Placement: &domain.Placement{Number: "PL0599", Start: domain.Date(2026, 11, 23)}, WorkerNumber: "1099", HirerNumber: "INL06"}}}
	if err := db.CommitMasterDataImport(ctx, bad); domain.ErrorCode(err) != domain.EINVALID {
		t.Fatalf("bad placement: %v", err)
	}
	ws, _ := db.Workers(ctx)
	for _, w := range ws {
		if w.Number == "1099" {
			t.Fatal("worker of a failed import was stored")
		}
	}
}

// The administration file implements the whole Store, import storage included.
var _ app.Store = (*sqlite.DB)(nil)

// Lines are stored in multi-row INSERTs whose shared columns (file, sheet,
// hash, status, key) are bound once when every line of the batch has the same
// ones; a batch with different ones binds them per row. Either way every line
// reads back exactly as written.
func TestHourImportTx_BatchesStoreEveryLineExactly(t *testing.T) {
	ctx := context.Background()
	db := demoDB(t)
	ps, _ := db.Placements(ctx)
	day := domain.Date(2027, 3, 1)
	var lines []app.ImportedHourLine
	for i := 0; i < 530; i++ {
		l := hourLine(ps[i%len(ps)].ID, day.AddDate(0, 0, i/40), []domain.HourType{"NORM", "KM", "DECL", "OW125"}[i%4],
			[]string{"8", "7.5", "0.25", "12.35"}[i%4])
		l.PayPercent, l.BillPercent = domain.MustDec([]string{"100", "125", "100.5", "0"}[i%4]), domain.MustDec([]string{"100", "130", "7", "99.99"}[i%4])
		l.Source = domain.Source{File: "big.xlsx", Sheet: "Week 9", Row: i + 2, Hash: "hash-1"}
		il := app.ImportedHourLine{Line: l}
		switch {
		case i >= 200 && i < 400 && i%7 == 0: // the second batch is mixed
			l.Source.Sheet, il.Key = "Week 10", "iv-"+string(rune('a'+i%26))
		case i == 450: // so is the third, by one line
			l.Source.File, l.Source.Hash = "other.xlsx", "hash-2"
		}
		lines = append(lines, il)
	}
	f := &app.ImportFile{Hash: "batches", FileName: "big.xlsx", Kind: importers.KindHours}
	tx, err := db.BeginHourImport(ctx, f)
	if err != nil {
		t.Fatal(err)
	}
	if err := tx.AddLines(ctx, lines[:300]); err != nil {
		t.Fatal(err)
	}
	if err := tx.Finish(ctx, &app.HourImport{File: *f, Lines: lines[300:]}); err != nil {
		t.Fatal(err)
	}
	got, err := db.ImportedHourLines(ctx, day, day.AddDate(0, 0, 30))
	if err != nil || len(got) != len(lines) {
		t.Fatalf("%d lines read back, want %d (%v)", len(got), len(lines), err)
	}
	byID := map[int64]*app.ImportedHourLine{}
	for _, g := range got {
		byID[g.Line.ID] = g
	}
	for i, il := range lines {
		w, g := il.Line, byID[il.Line.ID]
		if g == nil {
			t.Fatalf("line %d: id %d not stored", i, w.ID)
		}
		if g.Line.PlacementID != w.PlacementID || !g.Line.Date.Equal(w.Date) || g.Line.Type != w.Type ||
			!g.Line.Quantity.Equal(w.Quantity) || !g.Line.PayPercent.Equal(w.PayPercent) || !g.Line.BillPercent.Equal(w.BillPercent) ||
			g.Line.Source != w.Source || g.Line.Status != domain.HoursImported || g.Key != il.Key || g.FileID != f.ID {
			t.Fatalf("line %d: stored %+v key %q file %d, wrote %+v key %q file %d", i, *g.Line, g.Key, g.FileID, *w, il.Key, f.ID)
		}
		if i > 0 && w.ID != lines[i-1].Line.ID+1 {
			t.Fatalf("line %d: id %d after %d", i, w.ID, lines[i-1].Line.ID)
		}
	}
}

// A line of an import stores its file name, hash and timestamps only when they
// differ from its import file's: readers take them from the file. The rows as
// stored are checked too — that is what keeps a 60,000-line import fast.
func TestHourImportTx_LinesLeaveTheFileItsOwnValues(t *testing.T) {
	ctx := context.Background()
	db := demoDB(t)
	ps, _ := db.Placements(ctx)
	day := domain.Date(2027, 5, 3)
	own := hourLine(ps[0].ID, day, "NORM", "8")
	own.Source = domain.Source{File: "week18.xlsx", Sheet: "Uren", Row: 4, Hash: "sha-week18"}
	other := hourLine(ps[0].ID, day, "KM", "34")
	other.Source = domain.Source{File: "bijlage.csv", Sheet: "Uren", Row: 5, Hash: "sha-bijlage"}
	f := app.ImportFile{Hash: "sha-week18", FileName: "week18.xlsx", Kind: importers.KindHours}
	imp := &app.HourImport{File: f, Lines: []app.ImportedHourLine{{Line: own}, {Line: other}}}
	if err := db.CommitHourImport(ctx, imp); err != nil {
		t.Fatal(err)
	}
	var file, hash, created, updated string
	for _, c := range []struct {
		id                           int64
		file, hash, created, updated string
	}{{own.ID, "", "", "", ""}, {other.ID, "bijlage.csv", "sha-bijlage", "", ""}} {
		if err := db.SQLDB().QueryRowContext(ctx, `SELECT source_file, source_hash, created_at, updated_at FROM hour_lines
			WHERE id = ?`, c.id).Scan(&file, &hash, &created, &updated); err != nil {
			t.Fatal(err)
		}
		if file != c.file || hash != c.hash || created != c.created || updated != c.updated {
			t.Errorf("line %d stored as %q %q %q %q, want %q %q %q %q", c.id, file, hash, created, updated,
				c.file, c.hash, c.created, c.updated)
		}
	}
	stored, _ := db.ImportFileByHash(ctx, "sha-week18")
	check := func(when string, wantUpdated func(*domain.HourLine) time.Time) {
		t.Helper()
		lines, err := db.HourLines(ctx, day, day)
		if err != nil || len(lines) != 2 {
			t.Fatalf("%s: %d lines, %v", when, len(lines), err)
		}
		imported, _ := db.ImportedHourLines(ctx, day, day)
		for i, l := range lines {
			want := map[int64]domain.Source{own.ID: own.Source, other.ID: other.Source}[l.ID]
			if l.Source != want || imported[i].Line.Source != want {
				t.Errorf("%s: line %d reads %+v / %+v, want %+v", when, l.ID, l.Source, imported[i].Line.Source, want)
			}
			if !l.CreatedAt.Equal(stored.ImportedAt) || l.CreatedAt.IsZero() || !imported[i].Line.CreatedAt.Equal(l.CreatedAt) {
				t.Errorf("%s: line %d created %v, file imported %v", when, l.ID, l.CreatedAt, stored.ImportedAt)
			}
			if w := wantUpdated(l); !l.UpdatedAt.Equal(w) {
				t.Errorf("%s: line %d updated %v, want %v", when, l.ID, l.UpdatedAt, w)
			}
		}
	}
	check("as imported", func(*domain.HourLine) time.Time { return stored.ImportedAt })
	later := stored.ImportedAt.Add(26 * time.Hour)
	if err := db.Exec(ctx, `UPDATE hour_lines SET status = 'approved', updated_at = ? WHERE id = ?`,
		later.Format(time.RFC3339Nano), own.ID); err != nil {
		t.Fatal(err)
	}
	check("one approved", func(l *domain.HourLine) time.Time {
		if l.ID == own.ID {
			return later
		}
		return stored.ImportedAt
	})
}

// An import's connection has a big page cache and leaves the checkpoint to
// after the commit. Afterwards the checkpoint has run (the lines are in the
// database file, not only in its WAL) and the connection is back in the pool
// with the pool's settings — after a commit and after a rollback.
func TestHourImportTx_ConnectionSettingsRestoredAndCheckpointed(t *testing.T) {
	ctx := context.Background()
	db := demoDB(t)
	pool := db.SQLDB()
	pool.SetMaxOpenConns(1) // the import's connection is the one the checks below get
	ps, _ := db.Placements(ctx)
	settings := func() (cache, auto, fk int) {
		t.Helper()
		for _, q := range []struct {
			pragma string
			dst    *int
		}{{"cache_size", &cache}, {"wal_autocheckpoint", &auto}, {"foreign_keys", &fk}} {
			if err := pool.QueryRowContext(ctx, `PRAGMA `+q.pragma).Scan(q.dst); err != nil {
				t.Fatal(err)
			}
		}
		return cache, auto, fk
	}
	cache0, auto0, fk0 := settings()
	if fk0 != 1 {
		t.Fatalf("the pool's connections check foreign keys: %d", fk0)
	}
	if _, err := pool.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
		t.Fatal(err)
	}
	size := func() int64 {
		st, err := os.Stat(db.Path())
		if err != nil {
			t.Fatal(err)
		}
		return st.Size()
	}
	before := size()

	var lines []app.ImportedHourLine
	for i := 0; i < 3000; i++ {
		lines = append(lines, app.ImportedHourLine{Line: hourLine(ps[i%len(ps)].ID, domain.Date(2027, 6, 1+i%28), "NORM", "8")})
	}
	f := &app.ImportFile{Hash: "ckpt", FileName: "groot.xlsx", Kind: importers.KindHours}
	tx, err := db.BeginHourImport(ctx, f)
	if err != nil {
		t.Fatal(err)
	}
	if err := tx.Finish(ctx, &app.HourImport{File: *f, Lines: lines}); err != nil {
		t.Fatal(err)
	}
	db.Settle()
	if c, a, fk := settings(); c != cache0 || a != auto0 || fk != fk0 {
		t.Errorf("after commit the pool's connection has cache_size %d, wal_autocheckpoint %d, foreign_keys %d; want %d, %d, %d",
			c, a, fk, cache0, auto0, fk0)
	}
	if after := size(); after <= before {
		t.Errorf("database file %d bytes before the import and %d after: not checkpointed", before, after)
	}

	f2 := &app.ImportFile{Hash: "ckpt-2", FileName: "terug.xlsx", Kind: importers.KindHours}
	tx, err = db.BeginHourImport(ctx, f2)
	if err != nil {
		t.Fatal(err)
	}
	if err := tx.AddLines(ctx, lines[:10]); err != nil {
		t.Fatal(err)
	}
	if err := tx.Rollback(); err != nil {
		t.Fatal(err)
	}
	if c, a, fk := settings(); c != cache0 || a != auto0 || fk != fk0 {
		t.Errorf("after rollback the pool's connection has cache_size %d, wal_autocheckpoint %d, foreign_keys %d; want %d, %d, %d",
			c, a, fk, cache0, auto0, fk0)
	}
	if got, _ := db.ImportFileByHash(ctx, "ckpt-2"); got != nil {
		t.Error("rolled back import left its file")
	}
}

// The import's connection leaves foreign keys to Finish, which checks them
// once: a line of a placement that does not exist, or a file record of a hirer
// that does not exist, fails the commit, and nothing of the import remains.
func TestHourImportTx_ReferencesCheckedBeforeCommit(t *testing.T) {
	ctx := context.Background()
	db := demoDB(t)
	ps, _ := db.Placements(ctx)
	day := domain.Date(2027, 7, 5)
	for _, c := range []struct {
		name  string
		hirer int64
		pl    int64
		want  string
	}{
		{"unknown placement", ps[0].HirerID, 987654, "plaatsing 987654"},
		{"unknown hirer", 876543, ps[0].ID, "een inlener die niet bestaat"},
	} {
		t.Run(c.name, func(t *testing.T) {
			var lines []app.ImportedHourLine
			for i := 0; i < 1200; i++ { // the bad line in the second batch
				pl := ps[i%len(ps)].ID
				if i == 1100 {
					pl = c.pl
				}
				lines = append(lines, app.ImportedHourLine{Line: hourLine(pl, day, "NORM", "8")})
			}
			imp := &app.HourImport{File: app.ImportFile{Hash: "refs-" + c.name, FileName: "x.xlsx", Kind: importers.KindHours,
				HirerID: c.hirer, From: day, To: day}, Lines: lines}
			err := db.CommitHourImport(ctx, imp)
			if domain.ErrorCode(err) != domain.EINVALID || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("commit: %v, want EINVALID naming %q", err, c.want)
			}
			if f, _ := db.ImportFileByHash(ctx, imp.File.Hash); f != nil {
				t.Error("file record stored")
			}
			if got, _ := db.ImportedHourLines(ctx, day, day); len(got) != 0 {
				t.Errorf("%d lines stored", len(got))
			}
		})
	}
}

// WorkerIdentities is Workers with only the identifying fields: the same
// workers in the same order, those fields equal, nothing else set.
func TestWorkerIdentities_IdentityFieldsOfWorkers(t *testing.T) {
	ctx := context.Background()
	db := demoDB(t)
	full, err := db.Workers(ctx)
	if err != nil {
		t.Fatal(err)
	}
	ids, err := db.WorkerIdentities(ctx)
	if err != nil || len(ids) != len(full) || len(full) < 5 {
		t.Fatalf("%d identities, %d workers, %v", len(ids), len(full), err)
	}
	for i, w := range full {
		want := &domain.Worker{ID: w.ID, Number: w.Number, Initials: w.Initials, FirstName: w.FirstName, Prefix: w.Prefix,
			LastName: w.LastName, BirthDate: w.BirthDate, BSN: w.BSN}
		if !reflect.DeepEqual(ids[i], want) {
			t.Errorf("worker %s: identity %+v, want %+v", w.Number, *ids[i], *want)
		}
	}
}
