// Package sqlite stores an administration (one agency) in one SQLite file
// (*.verloner) through the pure-Go modernc.org/sqlite driver. It implements
// app.Store; nothing outside this package writes SQL, so that a backoffice
// firm can later move to PostgreSQL behind the same interface.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver

	"verloner/domain"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// Ext is the file extension of an administration database.
const Ext = ".verloner"

// DB is an open administration.
type DB struct {
	db   *sql.DB
	path string

	// Now returns the current moment; tests replace it to get stable timestamps.
	Now func() time.Time
	// User is the OS user written into the audit log.
	User string

	// background is the work that outlives the call that started it: the WAL
	// checkpoint after a big import (see hourImportTx). Close waits for it.
	background sync.WaitGroup
}

// SchemaVersion is the schema version this build of Verloner writes.
func SchemaVersion() int {
	names, _ := migrationNames()
	return len(names)
}

func migrationNames() ([]string, error) {
	entries, err := fs.Glob(migrationFS, "migrations/*.sql")
	if err != nil {
		return nil, err
	}
	sort.Strings(entries)
	return entries, nil
}

// Open opens (or creates) the administration at path and brings its schema up
// to date. A new file is created 0600 in a 0700 folder: it holds BSNs and IBANs.
// A file written by a newer Verloner is refused rather than misread.
func Open(ctx context.Context, path string) (*DB, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	if err := ensureFile(abs); err != nil {
		return nil, err
	}
	dsn := "file:" + (&url.URL{Path: filepath.ToSlash(abs)}).EscapedPath() +
		"?_pragma=busy_timeout(5000)&_pragma=journal_mode(WAL)&_pragma=foreign_keys(1)" +
		"&_pragma=synchronous(NORMAL)&_txlock=immediate"
	sqldb, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	db := &DB{db: sqldb, path: abs, Now: func() time.Time { return time.Now().UTC() }, User: osUser()}
	if err := db.migrate(ctx); err != nil {
		sqldb.Close()
		return nil, err
	}
	return db, nil
}

func ensureFile(abs string) error {
	dir := filepath.Dir(abs)
	if _, err := os.Stat(dir); errors.Is(err, os.ErrNotExist) {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return fmt.Errorf("map voor administratie aanmaken: %w", err)
		}
	}
	f, err := os.OpenFile(abs, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return fmt.Errorf("administratie %s openen: %w", abs, err)
	}
	return f.Close()
}

func osUser() string {
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username
	}
	for _, k := range []string{"USER", "USERNAME", "LOGNAME"} {
		if v := os.Getenv(k); v != "" {
			return v
		}
	}
	return "onbekend"
}

// Path is the file the administration lives in.
func (db *DB) Path() string { return db.path }

// Close waits for background work (a pending checkpoint) and closes the database.
func (db *DB) Close() error {
	db.background.Wait()
	return db.db.Close()
}

// Settle waits until the background work started so far is done: a benchmark
// calls it so that a deferred checkpoint is neither counted in nor overlaps
// the next measurement.
func (db *DB) Settle() { db.background.Wait() }

// migrate applies every embedded migration the file has not had yet, each in
// one transaction with its bookkeeping. Applied migrations are recorded by
// name in schema_migrations, so a migration added between two others (work
// merged from parallel branches) is still applied exactly once; PRAGMA
// user_version counts them, so an older Verloner can tell that a file is newer
// than it. A file that records a migration this build does not know was
// written by a newer Verloner and is refused rather than misread.
func (db *DB) migrate(ctx context.Context) error {
	var version int
	if err := db.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		if strings.Contains(err.Error(), "not a database") {
			return domain.Errorf(domain.EINVALID, "%s is geen Verloner-administratie.", filepath.Base(db.path))
		}
		return fmt.Errorf("schemaversie lezen: %w", err)
	}
	names, err := migrationNames()
	if err != nil {
		return err
	}
	newer := func() error {
		return domain.Errorf(domain.EINVALID,
			"%s is gemaakt met een nieuwere versie van Verloner (schema %d, deze versie kent %d). Werk Verloner bij om dit bestand te openen.",
			filepath.Base(db.path), version, len(names))
	}
	if version > len(names) {
		return newer()
	}
	if _, err := db.db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		name TEXT PRIMARY KEY, applied_at TEXT NOT NULL) STRICT`); err != nil {
		return fmt.Errorf("migratietabel: %w", err)
	}
	applied := map[string]bool{}
	rows, err := db.db.QueryContext(ctx, `SELECT name FROM schema_migrations`)
	if err != nil {
		return fmt.Errorf("migraties lezen: %w", err)
	}
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			rows.Close()
			return err
		}
		applied[n] = true
	}
	rows.Close()
	known := map[string]bool{}
	for _, n := range names {
		known[filepath.Base(n)] = true
	}
	for n := range applied {
		if !known[n] {
			return newer()
		}
	}
	if len(applied) == 0 && version > 0 {
		// A file from before schema_migrations existed: its user_version says
		// how many of the (then sorted) migrations it has.
		for _, n := range names[:version] {
			applied[filepath.Base(n)] = true
		}
	}
	count := len(applied)
	for _, full := range names {
		name := filepath.Base(full)
		if applied[name] {
			continue
		}
		body, err := migrationFS.ReadFile(full)
		if err != nil {
			return err
		}
		tx, err := db.db.BeginTx(ctx, nil)
		if err != nil {
			return fmt.Errorf("migratie %s: %w", name, err)
		}
		if _, err := tx.ExecContext(ctx, string(body)); err != nil {
			tx.Rollback()
			return fmt.Errorf("migratie %s: %w", name, err)
		}
		count++
		if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)`, name, db.now()); err != nil {
			tx.Rollback()
			return fmt.Errorf("migratie %s: %w", name, err)
		}
		if _, err := tx.ExecContext(ctx, "PRAGMA user_version = "+strconv.Itoa(count)); err != nil {
			tx.Rollback()
			return fmt.Errorf("migratie %s: %w", name, err)
		}
		if err := tx.Commit(); err != nil {
			return fmt.Errorf("migratie %s: %w", name, err)
		}
	}
	// Record the bootstrapped names of an older file, so the next open reads them from the table.
	for name := range applied {
		if _, err := db.db.ExecContext(ctx, `INSERT OR IGNORE INTO schema_migrations (name, applied_at) VALUES (?, ?)`, name, db.now()); err != nil {
			return fmt.Errorf("migraties vastleggen: %w", err)
		}
	}
	return nil
}

// Backup writes a consistent copy of the administration to dst with VACUUM
// INTO. The copy is made 0600. dst must not exist. The copy is written under
// a temporary name (dst + ".part") and renamed when whole, so that a crash or
// kill while backing up never leaves a partial file under a backup's name.
func (db *DB) Backup(ctx context.Context, dst string) error {
	if _, err := os.Stat(dst); err == nil {
		return domain.Errorf(domain.ECONFLICT, "Back-up %s bestaat al.", dst)
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o700); err != nil {
		return fmt.Errorf("back-upmap: %w", err)
	}
	part := dst + ".part"
	os.Remove(part) // left by a backup that was killed
	// VACUUM INTO fills an empty file it finds; creating it first makes it
	// 0600 from the start instead of after the copy.
	f, err := os.OpenFile(part, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return fmt.Errorf("back-up naar %s: %w", dst, err)
	}
	f.Close()
	if _, err := db.db.ExecContext(ctx, "VACUUM INTO ?", part); err != nil {
		os.Remove(part)
		return fmt.Errorf("back-up naar %s: %w", dst, err)
	}
	if err := syncFile(part, 0o600); err != nil {
		os.Remove(part)
		return fmt.Errorf("back-up naar %s: %w", dst, err)
	}
	if err := os.Rename(part, dst); err != nil {
		os.Remove(part)
		return fmt.Errorf("back-up naar %s: %w", dst, err)
	}
	syncDir(filepath.Dir(dst))
	return nil
}

// syncFile sets a file's mode and flushes it to disk.
func syncFile(path string, mode os.FileMode) error {
	if err := os.Chmod(path, mode); err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// syncDir flushes a folder's entries (a rename) to disk where the system
// allows it; on Windows opening a folder for sync fails, which is harmless.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}

// IntegrityCheck runs PRAGMA integrity_check and returns an error unless it says ok.
func (db *DB) IntegrityCheck(ctx context.Context) error {
	var res string
	if err := db.db.QueryRowContext(ctx, "PRAGMA integrity_check").Scan(&res); err != nil {
		return err
	}
	if res != "ok" {
		return fmt.Errorf("integriteitscontrole: %s", res)
	}
	return nil
}

// withTx runs fn in one transaction: all of it lands, or none.
func (db *DB) withTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin transactie: %w", err)
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// audit records one change in the audit log, inside the caller's transaction.
func (db *DB) audit(ctx context.Context, tx *sql.Tx, entity string, id int64, action, detail string) error {
	_, err := tx.ExecContext(ctx,
		`INSERT INTO audit_log (at, os_user, entity, entity_id, action, detail) VALUES (?, ?, ?, ?, ?, ?)`,
		db.now(), db.User, entity, id, action, detail)
	if err != nil {
		return fmt.Errorf("auditregel: %w", err)
	}
	return nil
}

func (db *DB) now() string { return db.Now().UTC().Format(time.RFC3339Nano) }

// Exec runs a statement outside the domain API. Only for tests and maintenance.
func (db *DB) Exec(ctx context.Context, query string, args ...any) error {
	_, err := db.db.ExecContext(ctx, query, args...)
	return err
}
