package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"verloner/app"
	"verloner/domain"
)

// hourLinesByPeriod selects hour lines worked from..to (inclusive dates), void
// lines excluded, ordered by placement, date and hour type. A line of an
// import file leaves its file name, hash and timestamps to the file when they
// are the file's (see hourInserter); they are read from it here. Extra
// columns (h.…) come after the line's own.
func hourLinesByPeriod(extra string) string {
	return `SELECT h.id, h.placement_id, h.work_date, h.hour_type, h.quantity, h.pay_percent, h.bill_percent,
		coalesce(nullif(h.source_file, ''), f.file_name, ''), h.source_sheet, h.source_row,
		coalesce(nullif(h.source_hash, ''), f.hash, ''), h.status,
		coalesce(nullif(h.created_at, ''), f.imported_at, ''),
		coalesce(nullif(h.updated_at, ''), nullif(h.created_at, ''), f.imported_at, '')` + extra + `
		FROM hour_lines h LEFT JOIN import_files f ON f.id = h.import_file_id
		WHERE h.work_date BETWEEN ? AND ? AND h.status <> 'void'
		ORDER BY h.placement_id, h.work_date, h.hour_type, h.id`
}

// scanHourLine reads one row of hourLinesByPeriod into l, and the extra
// columns into extra.
func scanHourLine(rows *sql.Rows, l *domain.HourLine, extra ...any) error {
	var date sql.NullString
	var qty, pay, bill, created, updated string
	dst := append([]any{&l.ID, &l.PlacementID, &date, &l.Type, &qty, &pay, &bill, &l.Source.File, &l.Source.Sheet,
		&l.Source.Row, &l.Source.Hash, &l.Status, &created, &updated}, extra...)
	if err := rows.Scan(dst...); err != nil {
		return err
	}
	var s scanner
	l.Date, l.Quantity, l.PayPercent, l.BillPercent = s.date(date), s.dec(qty), s.dec(pay), s.dec(bill)
	if s.err != nil {
		return fmt.Errorf("urenregel %d: %w", l.ID, s.err)
	}
	l.CreatedAt, l.UpdatedAt = parseMoment(created), parseMoment(updated)
	return nil
}

// HourLines returns the hour lines worked from..to (inclusive dates), void lines excluded,
// ordered by placement, date and hour type.
func (db *DB) HourLines(ctx context.Context, from, to time.Time) ([]*domain.HourLine, error) {
	rows, err := db.db.QueryContext(ctx, hourLinesByPeriod(""), from.Format(dateLayout), to.Format(dateLayout))
	if err != nil {
		return nil, fmt.Errorf("uren lezen: %w", err)
	}
	defer rows.Close()
	var out []*domain.HourLine
	for rows.Next() {
		l := &domain.HourLine{}
		if err := scanHourLine(rows, l); err != nil {
			return nil, err
		}
		out = append(out, l)
	}
	return out, rows.Err()
}

// AddHourLines stores hour lines in one transaction: all or none.
func (db *DB) AddHourLines(ctx context.Context, lines []*domain.HourLine) error {
	for _, l := range lines {
		if err := l.Validate(); err != nil {
			return err
		}
	}
	return db.withTx(ctx, func(tx *sql.Tx) error {
		stmt, err := tx.PrepareContext(ctx, `INSERT INTO hour_lines (placement_id, work_date, hour_type, quantity,
			pay_percent, bill_percent, source_file, source_sheet, source_row, source_hash, status, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
		if err != nil {
			return err
		}
		defer stmt.Close()
		now := db.now()
		for _, l := range lines {
			status := l.Status
			if status == "" {
				status = domain.HoursImported
			}
			res, err := stmt.ExecContext(ctx, l.PlacementID, l.Date.Format(dateLayout), string(l.Type), decValue(l.Quantity),
				decValue(l.PayPercent), decValue(l.BillPercent), l.Source.File, l.Source.Sheet, l.Source.Row, l.Source.Hash,
				string(status), now, now)
			if err != nil {
				return fmt.Errorf("urenregel %s %s: %w", l.Date.Format(dateLayout), l.Type, err)
			}
			if l.ID, err = res.LastInsertId(); err != nil {
				return err
			}
			l.Status = status
		}
		return db.audit(ctx, tx, "hours", 0, "add", fmt.Sprintf("%d regels", len(lines)))
	})
}

// AuditEntry is one line of the audit log.
type AuditEntry = app.AuditEntry

// Audit returns the audit log of one entity (or all entities when entity is ""), newest first.
func (db *DB) Audit(ctx context.Context, entity string, id int64) ([]AuditEntry, error) {
	q := `SELECT at, os_user, entity, entity_id, action, detail FROM audit_log`
	var args []any
	if entity != "" {
		q += ` WHERE entity = ? AND entity_id = ?`
		args = append(args, entity, id)
	}
	rows, err := db.db.QueryContext(ctx, q+` ORDER BY id DESC`, args...)
	if err != nil {
		return nil, fmt.Errorf("auditlog lezen: %w", err)
	}
	defer rows.Close()
	var out []AuditEntry
	for rows.Next() {
		var e AuditEntry
		var at string
		if err := rows.Scan(&at, &e.User, &e.Entity, &e.EntityID, &e.Action, &e.Detail); err != nil {
			return nil, err
		}
		e.At = parseMoment(at)
		out = append(out, e)
	}
	return out, rows.Err()
}

// LatestWorkDate is the most recent date with hour lines (zero when there are none);
// the GUI opens on the period it falls in.
func (db *DB) LatestWorkDate(ctx context.Context) (time.Time, error) {
	var s sql.NullString
	if err := db.db.QueryRowContext(ctx, `SELECT MAX(work_date) FROM hour_lines WHERE status <> 'void'`).Scan(&s); err != nil {
		return time.Time{}, fmt.Errorf("laatste werkdatum: %w", err)
	}
	return parseDate(s)
}
