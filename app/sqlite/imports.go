package sqlite

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"verloner/app"
	"verloner/domain"
	"verloner/importers"
)

const importFileColumns = `id, hash, file_name, kind, ifnull(hirer_id, 0), period_from, period_to, template, line_count,
	status, ifnull(replaced_by, 0), imported_at, os_user, source`

func scanImportFile(row interface{ Scan(...any) error }) (*app.ImportFile, error) {
	f := &app.ImportFile{}
	var from, to sql.NullString
	var at string
	if err := row.Scan(&f.ID, &f.Hash, &f.FileName, &f.Kind, &f.HirerID, &from, &to, &f.Template, &f.LineCount,
		&f.Status, &f.ReplacedBy, &at, &f.User, &f.Source); err != nil {
		return nil, err
	}
	var s scanner
	f.From, f.To = s.date(from), s.date(to)
	f.ImportedAt = parseMoment(at)
	return f, s.err
}

// ImportFiles lists every imported file, newest first.
func (db *DB) ImportFiles(ctx context.Context) ([]*app.ImportFile, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT `+importFileColumns+` FROM import_files ORDER BY id DESC`)
	if err != nil {
		return nil, fmt.Errorf("ingelezen bestanden lezen: %w", err)
	}
	defer rows.Close()
	var out []*app.ImportFile
	for rows.Next() {
		f, err := scanImportFile(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, rows.Err()
}

// ImportFileByHash returns the import of a file with this content, or nil.
func (db *DB) ImportFileByHash(ctx context.Context, hash string) (*app.ImportFile, error) {
	f, err := scanImportFile(db.db.QueryRowContext(ctx, `SELECT `+importFileColumns+` FROM import_files WHERE hash = ?`, hash))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("ingelezen bestand zoeken: %w", err)
	}
	return f, nil
}

// ImportedHourLines returns the non-void hour lines worked from..to with their
// import file and source key, for a preview to decide what a new file replaces.
func (db *DB) ImportedHourLines(ctx context.Context, from, to time.Time) ([]*app.ImportedHourLine, error) {
	rows, err := db.db.QueryContext(ctx, hourLinesByPeriod(", ifnull(h.import_file_id, 0), h.source_key"),
		from.Format(dateLayout), to.Format(dateLayout))
	if err != nil {
		return nil, fmt.Errorf("uren lezen: %w", err)
	}
	defer rows.Close()
	var out []*app.ImportedHourLine
	for rows.Next() {
		il := &app.ImportedHourLine{Line: &domain.HourLine{}}
		if err := scanHourLine(rows, il.Line, &il.FileID, &il.Key); err != nil {
			return nil, err
		}
		out = append(out, il)
	}
	return out, rows.Err()
}

// insertImportFile writes the file record, imported now (db.now's text); a
// second import of the same content is refused by the UNIQUE hash.
func (db *DB) insertImportFile(ctx context.Context, tx *sql.Tx, f *app.ImportFile, now string) error {
	var hirer any
	if f.HirerID != 0 {
		hirer = f.HirerID
	}
	period := ""
	if !f.From.IsZero() {
		period = f.From.Format(dateLayout) + "/" + f.To.Format(dateLayout)
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO import_files (hash, file_name, kind, hirer_id, period, line_count,
		imported_at, period_from, period_to, template, status, os_user, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'active', ?, ?)`,
		f.Hash, f.FileName, f.Kind, hirer, period, f.LineCount, now, dateValue(f.From), dateValue(f.To), f.Template, db.User, f.Source)
	if err != nil {
		return conflictOr(err, "Dit bestand (%s) is al ingelezen.", f.FileName)
	}
	if f.ID, err = res.LastInsertId(); err != nil {
		return err
	}
	f.Status, f.ImportedAt, f.User = "active", parseMoment(now), db.User
	return nil
}

// hourInsertBatch is the number of lines per multi-row INSERT: fewer, larger
// statements are what makes a 100,000-line commit fast. A multi-row INSERT
// keeps a statement journal (it may fail halfway: foreign keys, CHECK), and
// every page it touches first is copied there; at 1,000 lines (the size the
// import hands over) that is done for five times fewer statements than at
// 200. At most 15 parameters a line, far below SQLite's 32,766.
const hourInsertBatch = 1000

// CommitHourImport writes one hour file in one transaction: the file record,
// the replaced files, the voided lines (only lines not in a finalised payroll:
// a line paid in the meantime fails the commit) and the new lines.
func (db *DB) CommitHourImport(ctx context.Context, imp *app.HourImport) error {
	tx, err := db.BeginHourImport(ctx, &imp.File)
	if err != nil {
		return err
	}
	if err := tx.Finish(ctx, imp); err != nil {
		tx.Rollback()
		return err
	}
	return nil
}

// hourImportTx is an open hour import: lines go in as the file is read, and
// Finish or Rollback ends it. Nothing is visible to other connections before
// Finish commits. It has a connection of its own, set up for one big write
// (see BeginHourImport) and put back to the pool's settings afterwards.
type hourImportTx struct {
	db    *DB
	conn  *sql.Conn
	tx    *sql.Tx
	file  *app.ImportFile
	now   string
	added int
	done  bool
	ins   hourInserter
}

// The settings of an import's connection, and the pool's (SQLite's defaults).
const (
	importConnSetup = `PRAGMA cache_size = -131072; PRAGMA wal_autocheckpoint = 0; PRAGMA foreign_keys = OFF`
	poolConnSetup   = `PRAGMA cache_size = -2000; PRAGMA wal_autocheckpoint = 1000; PRAGMA foreign_keys = ON`
)

// BeginHourImport opens the transaction of an hour import and writes the file
// record (a second import of the same content is refused here, by its hash).
//
// Its connection differs from the pool's in three settings. A big import touches
// more pages than the default 2 MB page cache holds; spilling them to the WAL
// mid-transaction costs a third of the commit, so the cache is 128 MB. And the
// commit does not checkpoint: with SQLite's automatic checkpoint the commit of
// a 60,000-line import copies the WAL into the database file and syncs it
// before returning (38 of its 57 ms). Finish starts that checkpoint on this
// connection after the commit instead, in the background (Close and Settle
// wait for it). The import is committed either way: with synchronous=NORMAL a
// commit in WAL mode is never synced by itself; the checkpoint is SQLite's
// housekeeping, as Litestream also takes it out of the commit path. Third,
// SQLite checks no foreign keys on it: per line that is two parent lookups
// (placement, import file), a tenth of storing the line. Finish checks the
// same references once per transaction instead, before it commits
// (checkReferences): every distinct placement of the lines, and the import
// file records' hirers and replacements.
func (db *DB) BeginHourImport(ctx context.Context, f *app.ImportFile) (app.HourImportTx, error) {
	conn, err := db.db.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("verbinding voor import: %w", err)
	}
	if _, err := conn.ExecContext(ctx, importConnSetup); err != nil {
		db.releaseImportConn(conn)
		return nil, fmt.Errorf("verbinding voor import instellen: %w", err)
	}
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		db.releaseImportConn(conn)
		return nil, fmt.Errorf("begin transactie: %w", err)
	}
	now := db.now()
	if err := db.insertImportFile(ctx, tx, f, now); err != nil {
		tx.Rollback()
		db.releaseImportConn(conn)
		return nil, err
	}
	return &hourImportTx{db: db, conn: conn, tx: tx, file: f, now: now,
		ins: hourInserter{tx: tx, fileID: f.ID, file: f.FileName, hash: f.Hash, now: now}}, nil
}

// releaseImportConn puts an import's connection back to the pool's settings
// and returns it. A connection whose settings cannot be restored is discarded
// rather than returned with them.
func (db *DB) releaseImportConn(conn *sql.Conn) {
	if _, err := conn.ExecContext(context.Background(), poolConnSetup); err != nil {
		conn.Raw(func(any) error { return driver.ErrBadConn })
	}
	conn.Close()
}

// checkpointLater copies the WAL into the database file on the import's
// connection once the caller has its answer, then releases the connection. A
// passive checkpoint waits for no reader or writer; what it cannot copy now,
// the next checkpoint does.
func (db *DB) checkpointLater(conn *sql.Conn) {
	db.background.Add(1)
	go func() {
		defer db.background.Done()
		conn.ExecContext(context.Background(), `PRAGMA wal_checkpoint(PASSIVE)`)
		db.releaseImportConn(conn)
	}()
}

// AddLines inserts lines of the import; their IDs are set.
func (t *hourImportTx) AddLines(ctx context.Context, lines []app.ImportedHourLine) error {
	for _, il := range lines {
		if err := il.Line.Validate(); err != nil {
			return fmt.Errorf("%s rij %d: %w", il.Line.Source.File, il.Line.Source.Row, err)
		}
	}
	if err := t.ins.insert(ctx, lines); err != nil {
		return err
	}
	t.added += len(lines)
	return nil
}

// Finish writes the rest of the import — imp.File's final hirer, period and
// template, imp.Lines, the voids and the replaced files — and commits.
func (t *hourImportTx) Finish(ctx context.Context, imp *app.HourImport) error {
	if t.done {
		return fmt.Errorf("import al afgesloten")
	}
	if err := t.AddLines(ctx, imp.Lines); err != nil {
		return err
	}
	f := t.file
	if &imp.File != f {
		f.HirerID, f.From, f.To, f.Template, f.Source = imp.File.HirerID, imp.File.From, imp.File.To, imp.File.Template, imp.File.Source
	}
	f.LineCount = t.added
	var hirer any
	if f.HirerID != 0 {
		hirer = f.HirerID
	}
	period := ""
	if !f.From.IsZero() {
		period = f.From.Format(dateLayout) + "/" + f.To.Format(dateLayout)
	}
	if _, err := t.tx.ExecContext(ctx, `UPDATE import_files SET hirer_id = ?, period = ?, period_from = ?, period_to = ?,
		template = ?, source = ?, line_count = ? WHERE id = ?`, hirer, period, dateValue(f.From), dateValue(f.To),
		f.Template, f.Source, f.LineCount, f.ID); err != nil {
		return fmt.Errorf("ingelezen bestand bijwerken: %w", err)
	}
	for _, id := range imp.Replaces {
		if _, err := t.tx.ExecContext(ctx, `UPDATE import_files SET status = 'replaced', replaced_by = ? WHERE id = ?`, f.ID, id); err != nil {
			return fmt.Errorf("eerder bestand %d vervangen: %w", id, err)
		}
	}
	voidStmt, err := t.tx.PrepareContext(ctx, `UPDATE hour_lines SET status = 'void', updated_at = ?
		WHERE id = ? AND status IN ('imported','approved')`)
	if err != nil {
		return err
	}
	defer voidStmt.Close()
	for _, id := range imp.Void {
		res, err := voidStmt.ExecContext(ctx, t.now, id)
		if err != nil {
			return fmt.Errorf("urenregel %d laten vervallen: %w", id, err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return domain.Errorf(domain.ECONFLICT,
				"Urenregel %d is intussen verloond of vervallen; maak de voorvertoning opnieuw.", id)
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	detail := fmt.Sprintf("%s: %d regels, %d vervallen", f.FileName, t.added, len(imp.Void))
	if len(imp.Replaces) > 0 {
		detail += fmt.Sprintf(", vervangt bestand %v", imp.Replaces)
	}
	if err := t.db.audit(ctx, t.tx, "import", f.ID, "hours", detail); err != nil {
		return err
	}
	if err := t.checkReferences(ctx); err != nil {
		return err
	}
	t.done = true
	t.ins.close()
	if err := t.tx.Commit(); err != nil {
		t.db.releaseImportConn(t.conn)
		return fmt.Errorf("commit: %w", err)
	}
	t.db.checkpointLater(t.conn)
	return nil
}

// checkReferences is the foreign-key check the import's connection leaves
// out (see BeginHourImport), once for the whole transaction: the lines'
// placements exist, and so does what the import file records refer to (their
// import_file_id is this file, which exists). A failure rolls the import back.
func (t *hourImportTx) checkReferences(ctx context.Context) error {
	ids := make([]int64, 0, len(t.ins.placements))
	for id := range t.ins.placements {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for start := 0; start < len(ids); start += 500 {
		chunk := ids[start:min(start+500, len(ids))]
		args := make([]any, len(chunk))
		for i, id := range chunk {
			args[i] = id
		}
		rows, err := t.tx.QueryContext(ctx, `SELECT id FROM placements WHERE id IN (?`+strings.Repeat(", ?", len(chunk)-1)+`)`, args...)
		if err != nil {
			return fmt.Errorf("plaatsingen van de urenregels controleren: %w", err)
		}
		found := map[int64]bool{}
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return err
			}
			found[id] = true
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, id := range chunk {
			if !found[id] {
				return domain.Errorf(domain.EINVALID, "Urenregels verwijzen naar plaatsing %d, die niet bestaat; er is niets opgeslagen.", id)
			}
		}
	}
	rows, err := t.tx.QueryContext(ctx, `PRAGMA foreign_key_check(import_files)`)
	if err != nil {
		return fmt.Errorf("ingelezen bestanden controleren: %w", err)
	}
	defer rows.Close()
	if rows.Next() {
		var table, parent string
		var rowid sql.NullInt64
		var fk int
		if err := rows.Scan(&table, &rowid, &parent, &fk); err != nil {
			return err
		}
		what := map[string]string{"hirers": "inlener", "import_files": "ingelezen bestand"}[parent]
		if what == "" {
			what = parent
		}
		return domain.Errorf(domain.EINVALID, "Ingelezen bestand %d verwijst naar een %s die niet bestaat; er is niets opgeslagen.",
			rowid.Int64, what)
	}
	return rows.Err()
}

// Rollback abandons the import; nothing of it remains.
func (t *hourImportTx) Rollback() error {
	if t.done {
		return nil
	}
	t.done = true
	t.ins.close()
	err := t.tx.Rollback()
	t.db.releaseImportConn(t.conn)
	return err
}

// hourInserter stores the lines of one hour import with multi-row INSERTs
// of up to hourInsertBatch rows, prepared once per import and shape. The
// columns every line of a batch shares — file, sheet, hash, status, key, the
// moment and the import file — are bound once per statement (the first row
// numbers all fifteen parameters, later rows refer back to ?7, ?8 and
// ?10–?15), which halves the parameters to bind; a batch whose lines differ in
// them binds all fifteen per row. Likewise the quantity and the pay and bill
// percentages, when all lines of a batch have the same (most lines are hours
// at 100 %): every parameter less per row is SQLite work less per row
// (binding and copying the value), about 0.2 µs a line.
//
// A line stores only what its import file (import_files) does not already
// say: its file name and content hash when they are the file's, and its
// created_at and updated_at (the file's imported_at) as ”. Readers take them
// from the file (hourLineColumns). That makes a stored line about a third of
// the bytes — 60,000 lines of a wide sheet take 0.18 instead of 0.23 s to
// insert and their commit 7 instead of 19 ms.
type hourInserter struct {
	tx     *sql.Tx
	fileID int64
	file   string // the import file's name and hash
	hash   string
	now    string
	stmts  map[hourBatchShape]*sql.Stmt
	args   []any
	// The values of a batch, each text made (and boxed in an interface) once
	// per distinct value rather than once per line: consecutive lines mostly
	// share their date, and a file has few hour types, quantities and
	// percentages.
	dec       map[decKey]any
	types     map[domain.HourType]any
	lastDate  time.Time
	lastDateA any
	qty, pay  []any
	bill      []any
	created   time.Time
	// placements are the distinct placements of the lines, for checkReferences.
	placements map[int64]bool
	lastPl     int64
}

// hourBatchShape is what a prepared INSERT depends on: its rows, whether the
// source columns are shared, and which of quantity, pay and bill percentage
// are bound once (sameQty, samePay, sameBill).
type hourBatchShape struct {
	n      int
	shared bool
	same   uint8
}

const (
	sameQty uint8 = 1 << iota
	samePay
	sameBill
)

// maxHourShapes bounds the statements one import prepares (about 1.6 ms
// each at 1,000 rows): beyond it a batch binds its values per row.
const maxHourShapes = 8

// decKey is a decimal whose coefficient fits an int64: its value exactly.
type decKey struct {
	coef int64
	exp  int32
}

func (h *hourInserter) close() {
	for _, st := range h.stmts {
		st.Close()
	}
	h.stmts = nil
}

func (h *hourInserter) statement(ctx context.Context, sh hourBatchShape) (*sql.Stmt, error) {
	const cols = `(placement_id, work_date, hour_type, quantity, pay_percent, bill_percent, source_file, source_sheet,
		source_row, source_hash, status, created_at, updated_at, import_file_id, source_key)`
	const first = "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)"
	if st := h.stmts[sh]; st != nil {
		return st, nil
	}
	param := func(bit uint8, shared string) string {
		if sh.same&bit != 0 {
			return shared
		}
		return "?"
	}
	values := param(sameQty, "?4") + ", " + param(samePay, "?5") + ", " + param(sameBill, "?6")
	row := ", (?, ?, ?, " + values + ", ?, ?, ?, ?, ?, ?, ?, ?, ?)"
	if sh.shared {
		row = ", (?, ?, ?, " + values + ", ?7, ?8, ?, ?10, ?11, ?12, ?13, ?14, ?15)"
	}
	st, err := h.tx.PrepareContext(ctx, `INSERT INTO hour_lines `+cols+` VALUES `+first+strings.Repeat(row, sh.n-1))
	if err != nil {
		return nil, err
	}
	if h.stmts == nil {
		h.stmts = map[hourBatchShape]*sql.Stmt{}
	}
	h.stmts[sh] = st
	return st, nil
}

// decArg is the text of a decimal (decValue) as a statement argument.
func (h *hourInserter) decArg(d decimal.Decimal) any {
	if d.NumDigits() > 15 { // the coefficient need not fit an int64
		return decValue(d)
	}
	k := decKey{d.CoefficientInt64(), d.Exponent()}
	if a, ok := h.dec[k]; ok {
		return a
	}
	if h.dec == nil {
		h.dec = map[decKey]any{}
	}
	var a any = decValue(d)
	if len(h.dec) < 4096 {
		h.dec[k] = a
	}
	return a
}

func (h *hourInserter) typeArg(t domain.HourType) any {
	if a, ok := h.types[t]; ok {
		return a
	}
	if h.types == nil {
		h.types = map[domain.HourType]any{}
	}
	var a any = string(t)
	h.types[t] = a
	return a
}

func (h *hourInserter) dateArg(d time.Time) any {
	if h.lastDateA == nil || !d.Equal(h.lastDate) {
		h.lastDate, h.lastDateA = d, d.Format(dateLayout)
	}
	return h.lastDateA
}

// unlessFile is what a line stores of a source field: ” when it is the
// import file's own value (the reader takes it from import_files).
func unlessFile(v, fileValue string) string {
	if v == fileValue {
		return ""
	}
	return v
}

func hourStatus(l *domain.HourLine) domain.HourStatus {
	if l.Status == "" {
		return domain.HoursImported
	}
	return l.Status
}

// insert stores lines; their IDs, status and timestamps are set.
func (h *hourInserter) insert(ctx context.Context, lines []app.ImportedHourLine) error {
	if h.created.IsZero() {
		h.created = parseMoment(h.now)
	}
	for start := 0; start < len(lines); start += hourInsertBatch {
		if start%(hourInsertBatch*64) == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		end := min(start+hourInsertBatch, len(lines))
		batch := lines[start:end]
		l0, key0 := batch[0].Line, batch[0].Key
		st0 := hourStatus(l0)
		shared := true
		for _, il := range batch[1:] {
			l := il.Line
			if il.Key != key0 || l.Source.File != l0.Source.File || l.Source.Sheet != l0.Source.Sheet ||
				l.Source.Hash != l0.Source.Hash || hourStatus(l) != st0 {
				shared = false
				break
			}
		}
		// Quantity and percentages: bound once when the batch agrees.
		h.qty, h.pay, h.bill = h.qty[:0], h.pay[:0], h.bill[:0]
		same := sameQty | samePay | sameBill
		for i, il := range batch {
			l := il.Line
			h.qty = append(h.qty, h.decArg(l.Quantity))
			h.pay = append(h.pay, h.decArg(l.PayPercent))
			h.bill = append(h.bill, h.decArg(l.BillPercent))
			if i > 0 {
				if h.qty[i] != h.qty[0] {
					same &^= sameQty
				}
				if h.pay[i] != h.pay[0] {
					same &^= samePay
				}
				if h.bill[i] != h.bill[0] {
					same &^= sameBill
				}
			}
		}
		shape := hourBatchShape{len(batch), shared, same}
		if h.stmts[shape] == nil && len(h.stmts) >= maxHourShapes {
			shape.same = 0
		}
		args := h.args[:0]
		for i, il := range batch {
			l := il.Line
			if l.PlacementID != h.lastPl || len(h.placements) == 0 {
				if h.placements == nil {
					h.placements = map[int64]bool{}
				}
				h.placements[l.PlacementID], h.lastPl = true, l.PlacementID
			}
			status := hourStatus(l)
			args = append(args, l.PlacementID, h.dateArg(l.Date), h.typeArg(l.Type))
			if i == 0 || shape.same&sameQty == 0 {
				args = append(args, h.qty[i])
			}
			if i == 0 || shape.same&samePay == 0 {
				args = append(args, h.pay[i])
			}
			if i == 0 || shape.same&sameBill == 0 {
				args = append(args, h.bill[i])
			}
			if shared && i > 0 {
				args = append(args, int64(l.Source.Row))
			} else {
				args = append(args, unlessFile(l.Source.File, h.file), l.Source.Sheet, int64(l.Source.Row),
					unlessFile(l.Source.Hash, h.hash), string(status), "", "", h.fileID, il.Key)
			}
			l.Status = status
		}
		h.args = args[:0]
		stmt, err := h.statement(ctx, shape)
		if err != nil {
			return err
		}
		res, err := stmt.ExecContext(ctx, args...)
		if err != nil {
			return fmt.Errorf("urenregels %d–%d opslaan: %w", start+1, end, err)
		}
		// SQLite assigns consecutive rowids within one INSERT of a fresh transaction.
		last, err := res.LastInsertId()
		if err != nil {
			return err
		}
		for i, il := range batch {
			il.Line.ID = last - int64(len(batch)-1-i)
			il.Line.CreatedAt, il.Line.UpdatedAt = h.created, h.created
		}
	}
	return nil
}

// CommitMasterDataImport saves the workers, hirers, placements and aliases of
// one placement list in one transaction.
func (db *DB) CommitMasterDataImport(ctx context.Context, imp *app.MasterDataImport) error {
	for _, w := range imp.Workers {
		if err := w.Validate(); err != nil {
			return err
		}
	}
	for _, h := range imp.Hirers {
		if err := h.Validate(); err != nil {
			return err
		}
	}
	return db.withTx(ctx, func(tx *sql.Tx) error {
		f := &imp.File
		f.LineCount = len(imp.Workers) + len(imp.Hirers) + len(imp.Placements)
		if err := db.insertImportFile(ctx, tx, f, db.now()); err != nil {
			return err
		}
		for _, h := range imp.Hirers {
			if err := db.saveHirer(ctx, tx, h); err != nil {
				return err
			}
		}
		for _, w := range imp.Workers {
			if err := db.saveWorker(ctx, tx, w); err != nil {
				return err
			}
		}
		idOf := func(table, number string) (int64, error) {
			var id int64
			err := tx.QueryRowContext(ctx, `SELECT id FROM `+table+` WHERE number = ?`, number).Scan(&id)
			if errors.Is(err, sql.ErrNoRows) {
				return 0, domain.Errorf(domain.ENOTFOUND, "Nummer %s bestaat niet (%s).", number, table)
			}
			return id, err
		}
		for _, pi := range imp.Placements {
			p := pi.Placement
			var err error
			if pi.WorkerNumber != "" {
				if p.WorkerID, err = idOf("workers", pi.WorkerNumber); err != nil {
					return err
				}
			}
			if pi.HirerNumber != "" {
				if p.HirerID, err = idOf("hirers", pi.HirerNumber); err != nil {
					return err
				}
			}
			if err := p.Validate(); err != nil {
				return err
			}
			if err := db.savePlacement(ctx, tx, p); err != nil {
				return err
			}
		}
		for _, a := range imp.Aliases {
			hid, err := idOf("hirers", a.HirerNumber)
			if err != nil {
				return err
			}
			wid, err := idOf("workers", a.WorkerNumber)
			if err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO worker_aliases (hirer_id, code, worker_id) VALUES (?, ?, ?)
				ON CONFLICT (hirer_id, code) DO UPDATE SET worker_id = excluded.worker_id`, hid, a.Code, wid); err != nil {
				return fmt.Errorf("personeelsnummer inlener %s: %w", a.Code, err)
			}
		}
		return db.audit(ctx, tx, "import", f.ID, "placements", fmt.Sprintf("%s: %d uitzendkrachten, %d inleners, %d plaatsingen",
			f.FileName, len(imp.Workers), len(imp.Hirers), len(imp.Placements)))
	})
}

// ImportTemplates returns the saved templates of one kind ("" for all), by hirer and name.
func (db *DB) ImportTemplates(ctx context.Context, kind string) ([]*importers.Template, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT t.name, ifnull(h.number, ''), t.kind, t.layout, t.sheet, t.header_row,
		t.skip_rows, t.delimiter, t.decimal_sign, t.date_order, t.unit, t.night_shift, t.default_type, t.week, t.year,
		t.columns, t.recode FROM import_templates t LEFT JOIN hirers h ON h.id = t.hirer_id
		WHERE ? = '' OR t.kind = ? ORDER BY ifnull(h.number, ''), t.name`, kind, kind)
	if err != nil {
		return nil, fmt.Errorf("sjablonen lezen: %w", err)
	}
	defer rows.Close()
	var out []*importers.Template
	for rows.Next() {
		t := &importers.Template{}
		var cols, recode string
		if err := rows.Scan(&t.Name, &t.Hirer, &t.Kind, &t.Layout, &t.Sheet, &t.HeaderRow, &t.SkipRows, &t.Delimiter,
			&t.DecimalSign, &t.DateOrder, &t.Unit, &t.NightShift, &t.DefaultType, &t.Week, &t.Year, &cols, &recode); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(cols), &t.Columns); err != nil {
			return nil, fmt.Errorf("sjabloon %s: kolommen: %w", t.Name, err)
		}
		if err := json.Unmarshal([]byte(recode), &t.Recode); err != nil {
			return nil, fmt.Errorf("sjabloon %s: hercodering: %w", t.Name, err)
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

func (db *DB) hirerIDByNumber(ctx context.Context, q interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}, number string) (any, error) {
	if number == "" {
		return nil, nil
	}
	var id int64
	err := q.QueryRowContext(ctx, `SELECT id FROM hirers WHERE number = ?`, number).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, domain.Errorf(domain.ENOTFOUND, "Inlener %s bestaat niet.", number)
	}
	return id, err
}

// SaveImportTemplate inserts or replaces the template with this hirer and name.
func (db *DB) SaveImportTemplate(ctx context.Context, t *importers.Template) error {
	if err := t.Validate(); err != nil {
		return err
	}
	cols, err := json.Marshal(t.Columns)
	if err != nil {
		return err
	}
	if t.Columns == nil {
		cols = []byte("[]")
	}
	recode, err := json.Marshal(t.Recode)
	if err != nil {
		return err
	}
	if t.Recode == nil {
		recode = []byte("{}")
	}
	return db.withTx(ctx, func(tx *sql.Tx) error {
		hid, err := db.hirerIDByNumber(ctx, tx, t.Hirer)
		if err != nil {
			return err
		}
		now := db.now()
		res, err := tx.ExecContext(ctx, `INSERT INTO import_templates (hirer_id, name, kind, layout, sheet, header_row,
			skip_rows, delimiter, decimal_sign, date_order, unit, night_shift, default_type, week, year, columns, recode,
			created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (ifnull(hirer_id, 0), name) DO UPDATE SET kind = excluded.kind, layout = excluded.layout,
			sheet = excluded.sheet, header_row = excluded.header_row, skip_rows = excluded.skip_rows,
			delimiter = excluded.delimiter, decimal_sign = excluded.decimal_sign, date_order = excluded.date_order,
			unit = excluded.unit, night_shift = excluded.night_shift, default_type = excluded.default_type,
			week = excluded.week, year = excluded.year, columns = excluded.columns, recode = excluded.recode,
			updated_at = excluded.updated_at`,
			hid, t.Name, t.Kind, string(t.Layout), t.Sheet, t.HeaderRow, t.SkipRows, t.Delimiter, t.DecimalSign,
			string(t.DateOrder), string(t.Unit), t.NightShift, string(t.DefaultType), t.Week, t.Year, string(cols),
			string(recode), now, now)
		if err != nil {
			return fmt.Errorf("sjabloon %s opslaan: %w", t.Name, err)
		}
		id, _ := res.LastInsertId()
		return db.audit(ctx, tx, "import_template", id, "save", t.Hirer+" "+t.Name)
	})
}

// DeleteImportTemplate removes a template.
func (db *DB) DeleteImportTemplate(ctx context.Context, hirerNumber, name string) error {
	return db.withTx(ctx, func(tx *sql.Tx) error {
		hid, err := db.hirerIDByNumber(ctx, tx, hirerNumber)
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `DELETE FROM import_templates WHERE ifnull(hirer_id, 0) = ifnull(?, 0) AND name = ?`, hid, name)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return domain.Errorf(domain.ENOTFOUND, "Sjabloon %s bestaat niet.", name)
		}
		return db.audit(ctx, tx, "import_template", 0, "delete", hirerNumber+" "+name)
	})
}
