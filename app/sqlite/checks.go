package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"verloner/domain"
	"verloner/domain/checks"
)

// This file stores what the weekly checklist needs besides master data and
// hours (schema 3): sick reports, advances, deductions, proof of hours, rate
// changes, confirmations, the check settings and the checklists themselves.

func momentValue(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC().Format(time.RFC3339Nano)
}

func parseMomentNull(ns sql.NullString) (time.Time, error) {
	if !ns.Valid || ns.String == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.RFC3339Nano, ns.String)
	if err != nil {
		return time.Time{}, fmt.Errorf("tijdstip %q: %w", ns.String, err)
	}
	return t, nil
}

func periodValue(p domain.Period) string {
	if p.Kind == "" {
		return ""
	}
	return p.String()
}

func parsePeriodValue(s string) (domain.Period, error) {
	if s == "" {
		return domain.Period{}, nil
	}
	return domain.ParsePeriod(s)
}

func idOrNull(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// SickReports returns the sick reports whose spell overlaps from..to
// (inclusive dates), ordered by first sick day and worker.
func (db *DB) SickReports(ctx context.Context, from, to time.Time) ([]*domain.SickReport, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT id, worker_id, placement_id, first_day, reported_at, shift_start,
		recovered_on, source, note, created_at, updated_at FROM sick_reports
		WHERE first_day <= ? AND (recovered_on IS NULL OR recovered_on > ?)
		ORDER BY first_day, worker_id, id`, to.Format(dateLayout), from.Format(dateLayout))
	if err != nil {
		return nil, fmt.Errorf("ziekmeldingen lezen: %w", err)
	}
	defer rows.Close()
	var out []*domain.SickReport
	for rows.Next() {
		r := &domain.SickReport{}
		var placement sql.NullInt64
		var first, recovered, shift sql.NullString
		var reported, created, updated string
		if err := rows.Scan(&r.ID, &r.WorkerID, &placement, &first, &reported, &shift, &recovered, &r.Source, &r.Note,
			&created, &updated); err != nil {
			return nil, fmt.Errorf("ziekmeldingen lezen: %w", err)
		}
		var s scanner
		r.PlacementID = placement.Int64
		r.FirstDay, r.RecoveredOn = s.date(first), s.date(recovered)
		if r.ReportedAt, err = parseMomentNull(sql.NullString{String: reported, Valid: true}); err != nil && s.err == nil {
			s.err = err
		}
		if r.ShiftStart, err = parseMomentNull(shift); err != nil && s.err == nil {
			s.err = err
		}
		if s.err != nil {
			return nil, fmt.Errorf("ziekmelding %d: %w", r.ID, s.err)
		}
		r.CreatedAt, r.UpdatedAt = parseMoment(created), parseMoment(updated)
		out = append(out, r)
	}
	return out, rows.Err()
}

// SaveSickReport inserts (ID 0) or updates a sick report.
func (db *DB) SaveSickReport(ctx context.Context, r *domain.SickReport) error {
	if err := r.Validate(); err != nil {
		return err
	}
	return db.withTx(ctx, func(tx *sql.Tx) error {
		now := db.now()
		args := []any{r.WorkerID, idOrNull(r.PlacementID), dateValue(domain.DateOf(r.FirstDay)), momentValue(r.ReportedAt),
			momentValue(r.ShiftStart), dateValue(r.RecoveredOn), string(r.Source), r.Note}
		action, err := db.upsert(ctx, tx, &r.ID, "sick_reports",
			[]string{"worker_id", "placement_id", "first_day", "reported_at", "shift_start", "recovered_on", "source", "note"}, args, now, true)
		if err != nil {
			return fmt.Errorf("ziekmelding opslaan: %w", err)
		}
		r.UpdatedAt = parseMoment(now)
		if action == "create" {
			r.CreatedAt = r.UpdatedAt
		}
		return db.audit(ctx, tx, "sick_report", r.ID, action, fmt.Sprintf("uitzendkracht %d vanaf %s", r.WorkerID, r.FirstDay.Format(dateLayout)))
	})
}

// upsert inserts a row (when *id is 0, setting it) or updates it by id. With
// updated, the table has created_at and updated_at columns; otherwise only
// created_at. It returns "create" or "update".
func (db *DB) upsert(ctx context.Context, tx *sql.Tx, id *int64, table string, cols []string, args []any, now string, updated bool) (string, error) {
	if *id == 0 {
		q := "INSERT INTO " + table + " ("
		for _, c := range cols {
			q += c + ", "
		}
		q += "created_at"
		vals := append(append([]any(nil), args...), now)
		if updated {
			q += ", updated_at"
			vals = append(vals, now)
		}
		q += ") VALUES (" + placeholders(len(vals)) + ")"
		res, err := tx.ExecContext(ctx, q, vals...)
		if err != nil {
			return "", err
		}
		if *id, err = res.LastInsertId(); err != nil {
			return "", err
		}
		return "create", nil
	}
	q := "UPDATE " + table + " SET "
	for i, c := range cols {
		if i > 0 {
			q += ", "
		}
		q += c + " = ?"
	}
	vals := append([]any(nil), args...)
	if updated {
		q += ", updated_at = ?"
		vals = append(vals, now)
	}
	q += " WHERE id = ?"
	res, err := tx.ExecContext(ctx, q, append(vals, *id)...)
	if err != nil {
		return "", err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return "", domain.Errorf(domain.ENOTFOUND, "Record %d bestaat niet (%s).", *id, table)
	}
	return "update", nil
}

func placeholders(n int) string {
	s := ""
	for i := 0; i < n; i++ {
		if i > 0 {
			s += ", "
		}
		s += "?"
	}
	return s
}

// Advances returns the advances of one worker, or of everyone when workerID
// is 0, ordered by worker and id.
func (db *DB) Advances(ctx context.Context, workerID int64) ([]*domain.Advance, error) {
	q := `SELECT id, worker_id, period, amount, reason, paid_on, repaid_in, created_at, updated_at FROM advances`
	var args []any
	if workerID != 0 {
		q += ` WHERE worker_id = ?`
		args = append(args, workerID)
	}
	rows, err := db.db.QueryContext(ctx, q+` ORDER BY worker_id, id`, args...)
	if err != nil {
		return nil, fmt.Errorf("voorschotten lezen: %w", err)
	}
	defer rows.Close()
	var out []*domain.Advance
	for rows.Next() {
		a := &domain.Advance{}
		var period, amount, repaid, created, updated string
		var paid sql.NullString
		if err := rows.Scan(&a.ID, &a.WorkerID, &period, &amount, &a.Reason, &paid, &repaid, &created, &updated); err != nil {
			return nil, fmt.Errorf("voorschotten lezen: %w", err)
		}
		var s scanner
		a.Amount, a.PaidOn = s.dec(amount), s.date(paid)
		if a.Period, err = parsePeriodValue(period); err != nil && s.err == nil {
			s.err = err
		}
		if a.RepaidIn, err = parsePeriodValue(repaid); err != nil && s.err == nil {
			s.err = err
		}
		if s.err != nil {
			return nil, fmt.Errorf("voorschot %d: %w", a.ID, s.err)
		}
		a.CreatedAt, a.UpdatedAt = parseMoment(created), parseMoment(updated)
		out = append(out, a)
	}
	return out, rows.Err()
}

// SaveAdvance inserts (ID 0) or updates an advance.
func (db *DB) SaveAdvance(ctx context.Context, a *domain.Advance) error {
	if err := a.Validate(); err != nil {
		return err
	}
	return db.withTx(ctx, func(tx *sql.Tx) error {
		now := db.now()
		action, err := db.upsert(ctx, tx, &a.ID, "advances",
			[]string{"worker_id", "period", "amount", "reason", "paid_on", "repaid_in"},
			[]any{a.WorkerID, periodValue(a.Period), decValue(a.Amount), a.Reason, dateValue(a.PaidOn), periodValue(a.RepaidIn)}, now, true)
		if err != nil {
			return fmt.Errorf("voorschot opslaan: %w", err)
		}
		a.UpdatedAt = parseMoment(now)
		if action == "create" {
			a.CreatedAt = a.UpdatedAt
		}
		return db.audit(ctx, tx, "advance", a.ID, action, fmt.Sprintf("uitzendkracht %d %s %s", a.WorkerID, a.Period, a.Amount.StringFixed(2)))
	})
}

// Deductions returns the deductions of a period, ordered by worker and id.
func (db *DB) Deductions(ctx context.Context, p domain.Period) ([]*domain.Deduction, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT id, worker_id, period, kind, amount, description, proof_ref,
		proof_received_on, created_at, updated_at FROM deductions WHERE period = ? ORDER BY worker_id, id`, periodValue(p))
	if err != nil {
		return nil, fmt.Errorf("inhoudingen lezen: %w", err)
	}
	defer rows.Close()
	var out []*domain.Deduction
	for rows.Next() {
		d := &domain.Deduction{}
		var period, amount, created, updated string
		var proofOn sql.NullString
		if err := rows.Scan(&d.ID, &d.WorkerID, &period, &d.Kind, &amount, &d.Description, &d.ProofRef, &proofOn,
			&created, &updated); err != nil {
			return nil, fmt.Errorf("inhoudingen lezen: %w", err)
		}
		var s scanner
		d.Amount, d.ProofReceivedOn = s.dec(amount), s.date(proofOn)
		if d.Period, err = parsePeriodValue(period); err != nil && s.err == nil {
			s.err = err
		}
		if s.err != nil {
			return nil, fmt.Errorf("inhouding %d: %w", d.ID, s.err)
		}
		d.CreatedAt, d.UpdatedAt = parseMoment(created), parseMoment(updated)
		out = append(out, d)
	}
	return out, rows.Err()
}

// SaveDeduction inserts (ID 0) or updates a deduction.
func (db *DB) SaveDeduction(ctx context.Context, d *domain.Deduction) error {
	if err := d.Validate(); err != nil {
		return err
	}
	return db.withTx(ctx, func(tx *sql.Tx) error {
		now := db.now()
		action, err := db.upsert(ctx, tx, &d.ID, "deductions",
			[]string{"worker_id", "period", "kind", "amount", "description", "proof_ref", "proof_received_on"},
			[]any{d.WorkerID, periodValue(d.Period), string(d.Kind), decValue(d.Amount), d.Description, d.ProofRef, dateValue(d.ProofReceivedOn)}, now, true)
		if err != nil {
			return fmt.Errorf("inhouding opslaan: %w", err)
		}
		d.UpdatedAt = parseMoment(now)
		if action == "create" {
			d.CreatedAt = d.UpdatedAt
		}
		return db.audit(ctx, tx, "deduction", d.ID, action, fmt.Sprintf("uitzendkracht %d %s %s %s", d.WorkerID, d.Period, d.Kind, d.Amount.StringFixed(2)))
	})
}

// HourProofs returns the proofs of hours recorded for a period.
func (db *DB) HourProofs(ctx context.Context, p domain.Period) ([]checks.HourProof, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT id, hirer_id, placement_id, period, kind, reference, received_at
		FROM hour_proofs WHERE period = ? ORDER BY hirer_id, id`, periodValue(p))
	if err != nil {
		return nil, fmt.Errorf("urenbewijzen lezen: %w", err)
	}
	defer rows.Close()
	var out []checks.HourProof
	for rows.Next() {
		var pr checks.HourProof
		var placement sql.NullInt64
		var period, received string
		if err := rows.Scan(&pr.ID, &pr.HirerID, &placement, &period, &pr.Kind, &pr.Reference, &received); err != nil {
			return nil, fmt.Errorf("urenbewijzen lezen: %w", err)
		}
		pr.PlacementID = placement.Int64
		if pr.Period, err = parsePeriodValue(period); err != nil {
			return nil, fmt.Errorf("urenbewijs %d: %w", pr.ID, err)
		}
		if pr.ReceivedAt, err = parseMomentNull(sql.NullString{String: received, Valid: true}); err != nil {
			return nil, fmt.Errorf("urenbewijs %d: %w", pr.ID, err)
		}
		out = append(out, pr)
	}
	return out, rows.Err()
}

// SaveHourProof records a proof of hours (ID 0) or updates one.
func (db *DB) SaveHourProof(ctx context.Context, pr *checks.HourProof) error {
	if pr.HirerID == 0 {
		return domain.Errorf(domain.EINVALID, "Urenbewijs zonder inlener.")
	}
	if pr.Period.Kind == "" {
		return domain.Errorf(domain.EINVALID, "Urenbewijs: periode ontbreekt.")
	}
	if pr.ReceivedAt.IsZero() {
		pr.ReceivedAt = db.Now()
	}
	if pr.Kind == "" {
		pr.Kind = "urenstaat"
	}
	return db.withTx(ctx, func(tx *sql.Tx) error {
		action, err := db.upsert(ctx, tx, &pr.ID, "hour_proofs",
			[]string{"hirer_id", "placement_id", "period", "kind", "reference", "received_at"},
			[]any{pr.HirerID, idOrNull(pr.PlacementID), periodValue(pr.Period), pr.Kind, pr.Reference, momentValue(pr.ReceivedAt)}, db.now(), false)
		if err != nil {
			return fmt.Errorf("urenbewijs opslaan: %w", err)
		}
		return db.audit(ctx, tx, "hour_proof", pr.ID, action, fmt.Sprintf("inlener %d %s %s", pr.HirerID, pr.Period, pr.Kind))
	})
}

// RateChanges returns the wage/rate changes of placements made at or after since.
func (db *DB) RateChanges(ctx context.Context, since time.Time) ([]checks.RateChange, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT placement_id, changed_at, old_wage, new_wage, old_rate, new_rate
		FROM rate_changes WHERE changed_at >= ? ORDER BY changed_at, id`, since.UTC().Format(time.RFC3339Nano))
	if err != nil {
		return nil, fmt.Errorf("tariefwijzigingen lezen: %w", err)
	}
	defer rows.Close()
	var out []checks.RateChange
	for rows.Next() {
		var c checks.RateChange
		var at, ow, nw, or, nr string
		if err := rows.Scan(&c.PlacementID, &at, &ow, &nw, &or, &nr); err != nil {
			return nil, fmt.Errorf("tariefwijzigingen lezen: %w", err)
		}
		var s scanner
		c.ChangedAt = parseMoment(at)
		c.OldWage, c.NewWage, c.OldRate, c.NewRate = s.dec(ow), s.dec(nw), s.dec(or), s.dec(nr)
		if s.err != nil {
			return nil, fmt.Errorf("tariefwijziging plaatsing %d: %w", c.PlacementID, s.err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// Confirmations returns the confirmations for a period plus those for every period.
func (db *DB) Confirmations(ctx context.Context, p domain.Period) ([]checks.Confirmation, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT id, rule, period, worker_id, hirer_id, placement_id, note, confirmed_by,
		confirmed_at FROM check_confirmations WHERE period = ? OR period = '' ORDER BY id`, periodValue(p))
	if err != nil {
		return nil, fmt.Errorf("bevestigingen lezen: %w", err)
	}
	defer rows.Close()
	var out []checks.Confirmation
	for rows.Next() {
		var c checks.Confirmation
		var period, at string
		if err := rows.Scan(&c.ID, &c.Rule, &period, &c.WorkerID, &c.HirerID, &c.PlacementID, &c.Note, &c.By, &at); err != nil {
			return nil, fmt.Errorf("bevestigingen lezen: %w", err)
		}
		if c.Period, err = parsePeriodValue(period); err != nil {
			return nil, fmt.Errorf("bevestiging %d: %w", c.ID, err)
		}
		c.At = parseMoment(at)
		out = append(out, c)
	}
	return out, rows.Err()
}

// SaveConfirmation records the user's decision on a finding. Confirming the
// same thing again replaces the note, user and moment.
func (db *DB) SaveConfirmation(ctx context.Context, c *checks.Confirmation) error {
	if _, ok := checks.RuleByID(c.Rule); !ok {
		return domain.Errorf(domain.EINVALID, "Onbekende controle %q.", c.Rule)
	}
	if c.By == "" {
		c.By = db.User
	}
	c.At = db.Now().UTC()
	return db.withTx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `INSERT INTO check_confirmations (rule, period, worker_id, hirer_id, placement_id,
			note, confirmed_by, confirmed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (rule, period, worker_id, hirer_id, placement_id) DO UPDATE SET note = excluded.note,
			confirmed_by = excluded.confirmed_by, confirmed_at = excluded.confirmed_at RETURNING id`,
			c.Rule, periodValue(c.Period), c.WorkerID, c.HirerID, c.PlacementID, c.Note, c.By,
			c.At.Format(time.RFC3339Nano)).Scan(&c.ID)
		if err != nil {
			return fmt.Errorf("bevestiging opslaan: %w", err)
		}
		return db.audit(ctx, tx, "confirmation", c.ID, "save", fmt.Sprintf("%s %s w%d h%d p%d", c.Rule, periodValue(c.Period), c.WorkerID, c.HirerID, c.PlacementID))
	})
}

// DeleteConfirmation withdraws a confirmation.
func (db *DB) DeleteConfirmation(ctx context.Context, id int64) error {
	return db.withTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM check_confirmations WHERE id = ?`, id)
		if err != nil {
			return fmt.Errorf("bevestiging intrekken: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return domain.Errorf(domain.ENOTFOUND, "Bevestiging %d bestaat niet.", id)
		}
		return db.audit(ctx, tx, "confirmation", id, "delete", "")
	})
}

// CheckSettings returns the agency's checklist thresholds (defaults when never saved).
func (db *DB) CheckSettings(ctx context.Context) (checks.Settings, error) {
	var body string
	err := db.db.QueryRowContext(ctx, `SELECT body FROM check_settings WHERE id = 1`).Scan(&body)
	if errors.Is(err, sql.ErrNoRows) {
		return checks.DefaultSettings(), nil
	} else if err != nil {
		return checks.Settings{}, fmt.Errorf("controle-instellingen lezen: %w", err)
	}
	var s checks.Settings
	if err := json.Unmarshal([]byte(body), &s); err != nil {
		return checks.Settings{}, fmt.Errorf("controle-instellingen lezen: %w", err)
	}
	return s.WithDefaults(), nil
}

// SaveCheckSettings stores the agency's checklist thresholds.
func (db *DB) SaveCheckSettings(ctx context.Context, s checks.Settings) error {
	body, err := json.Marshal(s.WithDefaults())
	if err != nil {
		return err
	}
	return db.withTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO check_settings (id, body) VALUES (1, ?)
			ON CONFLICT (id) DO UPDATE SET body = excluded.body`, string(body)); err != nil {
			return fmt.Errorf("controle-instellingen opslaan: %w", err)
		}
		return db.audit(ctx, tx, "check_settings", 1, "save", string(body))
	})
}

// SaveChecklist stores a checklist run and sets its ID. Runs are never
// overwritten: each run of a period is kept with its moment.
func (db *DB) SaveChecklist(ctx context.Context, cl *checks.Checklist) error {
	if cl.Period == "" {
		return domain.Errorf(domain.EINVALID, "Controlelijst zonder periode.")
	}
	if cl.CreatedAt.IsZero() {
		cl.CreatedAt = db.Now().UTC()
	}
	n := cl.Counts()
	return db.withTx(ctx, func(tx *sql.Tx) error {
		saved := *cl
		saved.ID = 0
		body, err := json.Marshal(&saved)
		if err != nil {
			return fmt.Errorf("controlelijst: %w", err)
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO checklists (period, created_at, created_by, blockers, warnings, confirmed, body)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, cl.Period, cl.CreatedAt.UTC().Format(time.RFC3339Nano), cl.CreatedBy,
			n.Blockers, n.Warnings, n.Confirmed, string(body))
		if err != nil {
			return fmt.Errorf("controlelijst opslaan: %w", err)
		}
		if cl.ID, err = res.LastInsertId(); err != nil {
			return err
		}
		return db.audit(ctx, tx, "checklist", cl.ID, "create",
			fmt.Sprintf("%s: %d blokkades, %d waarschuwingen", cl.Period, n.Blockers, n.Warnings))
	})
}

// Checklist returns a stored checklist by ID.
func (db *DB) Checklist(ctx context.Context, id int64) (*checks.Checklist, error) {
	return db.readChecklist(ctx, `SELECT id, body FROM checklists WHERE id = ?`, id)
}

// LatestChecklist returns the newest stored checklist of a period, or nil, nil when there is none.
func (db *DB) LatestChecklist(ctx context.Context, p domain.Period) (*checks.Checklist, error) {
	cl, err := db.readChecklist(ctx, `SELECT id, body FROM checklists WHERE period = ? ORDER BY created_at DESC, id DESC LIMIT 1`, periodValue(p))
	if domain.ErrorCode(err) == domain.ENOTFOUND {
		return nil, nil
	}
	return cl, err
}

func (db *DB) readChecklist(ctx context.Context, q string, arg any) (*checks.Checklist, error) {
	var id int64
	var body string
	err := db.db.QueryRowContext(ctx, q, arg).Scan(&id, &body)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, domain.Errorf(domain.ENOTFOUND, "Controlelijst niet gevonden.")
	} else if err != nil {
		return nil, fmt.Errorf("controlelijst lezen: %w", err)
	}
	cl := &checks.Checklist{}
	if err := json.Unmarshal([]byte(body), cl); err != nil {
		return nil, fmt.Errorf("controlelijst %d lezen: %w", id, err)
	}
	cl.ID = id
	return cl, nil
}

// ChecklistRuns lists the stored runs of a period, newest first.
func (db *DB) ChecklistRuns(ctx context.Context, p domain.Period) ([]checks.Summary, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT id, period, created_at, created_by, blockers, warnings, confirmed
		FROM checklists WHERE period = ? ORDER BY created_at DESC, id DESC`, periodValue(p))
	if err != nil {
		return nil, fmt.Errorf("controlelijsten lezen: %w", err)
	}
	defer rows.Close()
	var out []checks.Summary
	for rows.Next() {
		var s checks.Summary
		var at string
		if err := rows.Scan(&s.ID, &s.Period, &at, &s.CreatedBy, &s.Counts.Blockers, &s.Counts.Warnings, &s.Counts.Confirmed); err != nil {
			return nil, fmt.Errorf("controlelijsten lezen: %w", err)
		}
		s.CreatedAt = parseMoment(at)
		out = append(out, s)
	}
	return out, rows.Err()
}
