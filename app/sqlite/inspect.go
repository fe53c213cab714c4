package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"verloner/domain"
)

// FileInfo is what Inspect found in an administration file without changing it.
type FileInfo struct {
	Path       string
	Schema     int    // migrations the file has (PRAGMA user_version)
	Agency     string // the agency's name
	Workers    int
	Hirers     int
	LastChange string // moment of the newest audit row (RFC 3339, UTC); "" when none
}

// Inspect opens the file at path read-only and checks that it is a whole
// Verloner administration this build can open: SQLite's integrity check says
// ok, the schema is not newer than this build's, and it holds an agency. It
// writes nothing (a file without a write-ahead log is opened immutable, so
// not even lock files appear). Restoring a backup checks the file with it.
func Inspect(ctx context.Context, path string) (*FileInfo, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	base := filepath.Base(abs)
	fi, err := os.Stat(abs)
	if errors.Is(err, os.ErrNotExist) {
		return nil, domain.Errorf(domain.ENOTFOUND, "%s bestaat niet.", base)
	} else if err != nil {
		return nil, fmt.Errorf("%s: %w", base, err)
	}
	if !fi.Mode().IsRegular() || fi.Size() == 0 {
		return nil, domain.Errorf(domain.EINVALID, "%s is geen Verloner-administratie (leeg of geen bestand).", base)
	}
	// A pending write-ahead log must be read, which needs the shared-memory
	// file; without one the file is read as it is.
	params := "?mode=ro&immutable=1"
	if wal, err := os.Stat(abs + "-wal"); err == nil && wal.Size() > 0 {
		params = "?mode=ro"
	}
	dsn := "file:" + (&url.URL{Path: filepath.ToSlash(abs)}).EscapedPath() + params
	sqldb, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", base, err)
	}
	defer sqldb.Close()
	notDB := func(err error) error {
		if strings.Contains(err.Error(), "not a database") || strings.Contains(err.Error(), "malformed") {
			return domain.Errorf(domain.EINVALID, "%s is geen (gave) Verloner-administratie.", base)
		}
		return fmt.Errorf("%s lezen: %w", base, err)
	}
	info := &FileInfo{Path: abs}
	if err := sqldb.QueryRowContext(ctx, "PRAGMA user_version").Scan(&info.Schema); err != nil {
		return nil, notDB(err)
	}
	rows, err := sqldb.QueryContext(ctx, "PRAGMA integrity_check")
	if err != nil {
		return nil, notDB(err)
	}
	var problems []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			rows.Close()
			return nil, notDB(err)
		}
		if s != "ok" && len(problems) < 5 {
			problems = append(problems, s)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, notDB(err)
	}
	if len(problems) > 0 {
		return nil, domain.Errorf(domain.EINVALID, "%s is beschadigd (integriteitscontrole: %s).", base, strings.Join(problems, "; "))
	}
	names, err := migrationNames()
	if err != nil {
		return nil, err
	}
	known := map[string]bool{}
	for _, n := range names {
		known[filepath.Base(n)] = true
	}
	newer := info.Schema > len(names)
	var hasTable int
	if err := sqldb.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'`).Scan(&hasTable); err != nil {
		return nil, notDB(err)
	}
	if hasTable > 0 {
		applied, err := sqldb.QueryContext(ctx, `SELECT name FROM schema_migrations`)
		if err != nil {
			return nil, notDB(err)
		}
		for applied.Next() {
			var n string
			if err := applied.Scan(&n); err != nil {
				applied.Close()
				return nil, notDB(err)
			}
			newer = newer || !known[n]
		}
		applied.Close()
	}
	if newer {
		return nil, domain.Errorf(domain.EINVALID,
			"%s is gemaakt met een nieuwere versie van Verloner (schema %d, deze versie kent %d). Werk Verloner bij om dit bestand te gebruiken.",
			base, info.Schema, len(names))
	}
	if info.Schema == 0 {
		return nil, domain.Errorf(domain.EINVALID, "%s is geen Verloner-administratie (geen schema).", base)
	}
	err = sqldb.QueryRowContext(ctx, `SELECT name FROM agency WHERE id = 1`).Scan(&info.Agency)
	if errors.Is(err, sql.ErrNoRows) || (err != nil && strings.Contains(err.Error(), "no such table")) {
		return nil, domain.Errorf(domain.EINVALID, "%s is geen Verloner-administratie: er staan geen bureaugegevens in.", base)
	} else if err != nil {
		return nil, notDB(err)
	}
	var last sql.NullString
	if err := sqldb.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM workers), (SELECT count(*) FROM hirers),
		(SELECT max(at) FROM audit_log)`).Scan(&info.Workers, &info.Hirers, &last); err != nil {
		return nil, notDB(err)
	}
	info.LastChange = last.String
	return info, nil
}

// Checkpoint moves what the write-ahead log of the file at path holds into
// the file itself and removes the log, so that the file alone is the whole
// administration (before it is copied or replaced). Nothing else is changed.
func Checkpoint(ctx context.Context, path string) error {
	abs, err := filepath.Abs(path)
	if err != nil {
		return err
	}
	if _, err := os.Stat(abs); err != nil {
		return err
	}
	dsn := "file:" + (&url.URL{Path: filepath.ToSlash(abs)}).EscapedPath() + "?_pragma=busy_timeout(5000)"
	sqldb, err := sql.Open("sqlite", dsn)
	if err != nil {
		return err
	}
	var busy, logged, moved int
	err = sqldb.QueryRowContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)").Scan(&busy, &logged, &moved)
	if cerr := sqldb.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("%s: logbestand verwerken: %w", filepath.Base(abs), err)
	}
	if busy != 0 {
		return domain.Errorf(domain.ECONFLICT, "%s is nog geopend in een ander programma; sluit het eerst.", filepath.Base(abs))
	}
	return nil
}
