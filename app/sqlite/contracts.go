package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"verloner/app"
	"verloner/domain"
	"verloner/domain/absence"
	"verloner/domain/contract"
)

// This file stores the contract register, the contract templates and CAO
// settings, and the absence follow-up and notes (schema 7).

// ContractTemplate returns the agency's template in a language, or nil when
// it never saved one.
func (db *DB) ContractTemplate(ctx context.Context, lang domain.Language) (*app.ContractTemplate, error) {
	t := &app.ContractTemplate{Language: lang}
	var at string
	err := db.db.QueryRowContext(ctx, `SELECT body, updated_at, updated_by FROM contract_templates WHERE language = ?`, string(lang)).
		Scan(&t.Body, &at, &t.UpdatedBy)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	} else if err != nil {
		return nil, fmt.Errorf("contractsjabloon %s lezen: %w", lang, err)
	}
	t.UpdatedAt = parseMoment(at)
	return t, nil
}

// SaveContractTemplate stores the agency's template in a language; an empty
// body removes it (the built-in template applies again). The template is
// parsed first: a template with an unknown field is refused.
func (db *DB) SaveContractTemplate(ctx context.Context, t *app.ContractTemplate) error {
	if strings.TrimSpace(t.Body) != "" {
		if _, err := contract.Parse(t.Language, t.Body); err != nil {
			return err
		}
	} else if _, err := contract.DefaultTemplate(t.Language); err != nil {
		return err // unknown language
	}
	return db.withTx(ctx, func(tx *sql.Tx) error {
		now := db.now()
		if strings.TrimSpace(t.Body) == "" {
			if _, err := tx.ExecContext(ctx, `DELETE FROM contract_templates WHERE language = ?`, string(t.Language)); err != nil {
				return fmt.Errorf("contractsjabloon %s verwijderen: %w", t.Language, err)
			}
			return db.audit(ctx, tx, "contract_template", 0, "delete", string(t.Language))
		}
		by := t.UpdatedBy
		if by == "" {
			by = db.User
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO contract_templates (language, body, updated_at, updated_by) VALUES (?, ?, ?, ?)
			ON CONFLICT (language) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
			string(t.Language), t.Body, now, by); err != nil {
			return fmt.Errorf("contractsjabloon %s opslaan: %w", t.Language, err)
		}
		t.UpdatedAt, t.UpdatedBy = parseMoment(now), by
		return db.audit(ctx, tx, "contract_template", 0, "save", string(t.Language))
	})
}

// ContractSettings returns the CAO settings with defaults filled in.
func (db *DB) ContractSettings(ctx context.Context) (contract.Settings, error) {
	var body string
	err := db.db.QueryRowContext(ctx, `SELECT body FROM contract_settings WHERE id = 1`).Scan(&body)
	if errors.Is(err, sql.ErrNoRows) {
		return contract.DefaultSettings(), nil
	} else if err != nil {
		return contract.Settings{}, fmt.Errorf("CAO-instellingen lezen: %w", err)
	}
	var s contract.Settings
	if err := json.Unmarshal([]byte(body), &s); err != nil {
		return contract.Settings{}, fmt.Errorf("CAO-instellingen lezen: %w", err)
	}
	return s.WithDefaults(), nil
}

// SaveContractSettings validates and stores the CAO settings.
func (db *DB) SaveContractSettings(ctx context.Context, s contract.Settings) error {
	if err := s.Validate(); err != nil {
		return err
	}
	body, err := json.Marshal(s.WithDefaults())
	if err != nil {
		return err
	}
	return db.withTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO contract_settings (id, body) VALUES (1, ?)
			ON CONFLICT (id) DO UPDATE SET body = excluded.body`, string(body)); err != nil {
			return fmt.Errorf("CAO-instellingen opslaan: %w", err)
		}
		return db.audit(ctx, tx, "contract_settings", 1, "save", string(body))
	})
}

const contractColumns = `id, worker_id, placement_id, number, version, reason, supersedes, effective_from, start_date, end_date,
	phase, phase_weeks, uitzendbeding, language, hirer_name, function, agreed_hours, hourly_wage, wage_scale, cao, pension,
	pension_employee_pct, holiday_pay_pct, waiting_days, sick_pay_pct, sick_pay_pct_year2, et_from, et_until, et_max_pct,
	body, signed_on, created_at, created_by`

func scanContract(row interface{ Scan(...any) error }) (*contract.Contract, error) {
	c := &contract.Contract{}
	var placement, supersedes sql.NullInt64
	var effective, start, end, etFrom, etUntil, signed sql.NullString
	var ub int
	var phase, lang, reason, hours, wage, pensionPct, holidayPct, sick, sick2, etMax, created string
	if err := row.Scan(&c.ID, &c.WorkerID, &placement, &c.Number, &c.Version, &reason, &supersedes, &effective, &start, &end,
		&phase, &c.PhaseWeeks, &ub, &lang, &c.HirerName, &c.Function, &hours, &wage, &c.WageScale, &c.CAO, &c.Pension,
		&pensionPct, &holidayPct, &c.WaitingDays, &sick, &sick2, &etFrom, &etUntil, &etMax, &c.Body, &signed, &created, &c.CreatedBy); err != nil {
		return nil, err
	}
	var s scanner
	c.PlacementID, c.Supersedes = placement.Int64, supersedes.Int64
	c.Reason, c.Phase, c.Language, c.Uitzendbeding = contract.Reason(reason), domain.Phase(phase), domain.Language(lang), ub == 1
	c.EffectiveFrom, c.Start, c.End = s.date(effective), s.date(start), s.date(end)
	c.ETFrom, c.ETUntil, c.SignedOn = s.date(etFrom), s.date(etUntil), s.date(signed)
	c.AgreedHours, c.HourlyWage, c.PensionEmployeePercent, c.HolidayPayPercent = s.dec(hours), s.dec(wage), s.dec(pensionPct), s.dec(holidayPct)
	c.SickPayPercent, c.SickPayPercentYear2, c.ETMaxPercent = s.dec(sick), s.dec(sick2), s.dec(etMax)
	c.CreatedAt = parseMoment(created)
	if s.err != nil {
		return nil, fmt.Errorf("contract %d: %w", c.ID, s.err)
	}
	return c, nil
}

// Contracts returns every version of one worker's contracts (workerID 0:
// everyone's), by worker, number and version.
func (db *DB) Contracts(ctx context.Context, workerID int64) ([]*contract.Contract, error) {
	q := `SELECT ` + contractColumns + ` FROM contracts`
	var args []any
	if workerID != 0 {
		q += ` WHERE worker_id = ?`
		args = append(args, workerID)
	}
	rows, err := db.db.QueryContext(ctx, q+` ORDER BY worker_id, number, version`, args...)
	if err != nil {
		return nil, fmt.Errorf("contracten lezen: %w", err)
	}
	defer rows.Close()
	var out []*contract.Contract
	for rows.Next() {
		c, err := scanContract(rows)
		if err != nil {
			return nil, fmt.Errorf("contracten lezen: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// Contract returns one version by ID.
func (db *DB) Contract(ctx context.Context, id int64) (*contract.Contract, error) {
	c, err := scanContract(db.db.QueryRowContext(ctx, `SELECT `+contractColumns+` FROM contracts WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, domain.Errorf(domain.ENOTFOUND, "Contract %d bestaat niet.", id)
	} else if err != nil {
		return nil, fmt.Errorf("contract %d lezen: %w", id, err)
	}
	return c, nil
}

// AddContract stores a new version and sets its ID and CreatedAt. The terms
// must be valid already (the use case validates them against the agency's
// settings); a second row with the same worker, number and version is
// refused as a conflict.
func (db *DB) AddContract(ctx context.Context, c *contract.Contract) error {
	if c.ID != 0 {
		return domain.Errorf(domain.EINVALID, "Contract %d staat al in het register; een wijziging is een nieuwe versie.", c.ID)
	}
	if strings.TrimSpace(c.Body) == "" {
		return domain.Errorf(domain.EINVALID, "Contract zonder tekst.")
	}
	return db.withTx(ctx, func(tx *sql.Tx) error {
		now := db.now()
		by := c.CreatedBy
		if by == "" {
			by = db.User
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO contracts (worker_id, placement_id, number, version, reason, supersedes,
			effective_from, start_date, end_date, phase, phase_weeks, uitzendbeding, language, hirer_name, function, agreed_hours,
			hourly_wage, wage_scale, cao, pension, pension_employee_pct, holiday_pay_pct, waiting_days, sick_pay_pct,
			sick_pay_pct_year2, et_from, et_until, et_max_pct, body, signed_on, created_at, created_by)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			c.WorkerID, idOrNull(c.PlacementID), c.Number, c.Version, string(c.Reason), idOrNull(c.Supersedes),
			dateValue(domain.DateOf(c.EffectiveFrom)), dateValue(domain.DateOf(c.Start)), dateValue(c.End), string(c.Phase), c.PhaseWeeks,
			boolValue(c.Uitzendbeding), string(c.Language), c.HirerName, c.Function, decValue(c.AgreedHours), decValue(c.HourlyWage),
			c.WageScale, c.CAO, c.Pension, decValue(c.PensionEmployeePercent), decValue(c.HolidayPayPercent), c.WaitingDays,
			decValue(c.SickPayPercent), decValue(c.SickPayPercentYear2), dateValue(c.ETFrom), dateValue(c.ETUntil), decValue(c.ETMaxPercent),
			c.Body, dateValue(c.SignedOn), now, by)
		if err != nil {
			if strings.Contains(err.Error(), "UNIQUE") {
				return domain.Errorf(domain.ECONFLICT, "Contract %d versie %d van deze uitzendkracht bestaat al.", c.Number, c.Version)
			}
			return fmt.Errorf("contract opslaan: %w", err)
		}
		if c.ID, err = res.LastInsertId(); err != nil {
			return err
		}
		c.CreatedAt, c.CreatedBy = parseMoment(now), by
		return db.audit(ctx, tx, "contract", c.ID, "create",
			fmt.Sprintf("uitzendkracht %d contract %d versie %d (%s)", c.WorkerID, c.Number, c.Version, c.Reason))
	})
}

// SignContract records the date a version was signed. A signed version is
// refused (by the database as well): its signature stays as it was.
func (db *DB) SignContract(ctx context.Context, id int64, on time.Time) error {
	if on.IsZero() {
		return domain.Errorf(domain.EINVALID, "Tekendatum ontbreekt.")
	}
	return db.withTx(ctx, func(tx *sql.Tx) error {
		var signed sql.NullString
		if err := tx.QueryRowContext(ctx, `SELECT signed_on FROM contracts WHERE id = ?`, id).Scan(&signed); errors.Is(err, sql.ErrNoRows) {
			return domain.Errorf(domain.ENOTFOUND, "Contract %d bestaat niet.", id)
		} else if err != nil {
			return fmt.Errorf("contract %d tekenen: %w", id, err)
		}
		if signed.Valid {
			return domain.Errorf(domain.ECONFLICT, "Contract %d is al getekend op %s.", id, signed.String)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE contracts SET signed_on = ? WHERE id = ?`, dateValue(domain.DateOf(on)), id); err != nil {
			return fmt.Errorf("contract %d tekenen: %w", id, err)
		}
		return db.audit(ctx, tx, "contract", id, "sign", on.Format(dateLayout))
	})
}

// DeleteContract removes an unsigned version (issued by mistake). A signed
// version stays: the database refuses.
func (db *DB) DeleteContract(ctx context.Context, id int64) error {
	return db.withTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM contracts WHERE id = ?`, id)
		if err != nil {
			if strings.Contains(err.Error(), "getekend") {
				return domain.Errorf(domain.ECONFLICT, "Contract %d is getekend en blijft in het register.", id)
			}
			if strings.Contains(err.Error(), "FOREIGN KEY") {
				return domain.Errorf(domain.ECONFLICT, "Contract %d heeft een latere versie; verwijder die eerst.", id)
			}
			return fmt.Errorf("contract %d verwijderen: %w", id, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return domain.Errorf(domain.ENOTFOUND, "Contract %d bestaat niet.", id)
		}
		return db.audit(ctx, tx, "contract", id, "delete", "")
	})
}

// AbsenceFollowUps returns what was recorded on the sick reports, by report ID.
func (db *DB) AbsenceFollowUps(ctx context.Context) (map[int64]absence.FollowUp, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT sick_report_id, arbo_reported_on, problem_analysis_on, action_plan_on,
		uwv42_reported_on, zw_reported_on, contract_end_on, updated_at, updated_by FROM absence_followups`)
	if err != nil {
		return nil, fmt.Errorf("verzuimgegevens lezen: %w", err)
	}
	defer rows.Close()
	out := map[int64]absence.FollowUp{}
	for rows.Next() {
		var f absence.FollowUp
		var arbo, pa, pva, uwv42, zw, end sql.NullString
		var at string
		if err := rows.Scan(&f.ReportID, &arbo, &pa, &pva, &uwv42, &zw, &end, &at, &f.UpdatedBy); err != nil {
			return nil, fmt.Errorf("verzuimgegevens lezen: %w", err)
		}
		var s scanner
		f.ArboReportedOn, f.ProblemAnalysisOn, f.ActionPlanOn = s.date(arbo), s.date(pa), s.date(pva)
		f.UWV42ReportedOn, f.ZWReportedOn, f.ContractEndOn = s.date(uwv42), s.date(zw), s.date(end)
		if s.err != nil {
			return nil, fmt.Errorf("verzuim ziekmelding %d: %w", f.ReportID, s.err)
		}
		f.UpdatedAt = parseMoment(at)
		out[f.ReportID] = f
	}
	return out, rows.Err()
}

// SaveAbsenceFollowUp stores the follow-up of one sick report (all fields at once).
func (db *DB) SaveAbsenceFollowUp(ctx context.Context, f *absence.FollowUp) error {
	if f.ReportID == 0 {
		return domain.Errorf(domain.EINVALID, "Verzuimgegevens zonder ziekmelding.")
	}
	return db.withTx(ctx, func(tx *sql.Tx) error {
		now := db.now()
		by := f.UpdatedBy
		if by == "" {
			by = db.User
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO absence_followups (sick_report_id, arbo_reported_on, problem_analysis_on,
			action_plan_on, uwv42_reported_on, zw_reported_on, contract_end_on, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (sick_report_id) DO UPDATE SET arbo_reported_on = excluded.arbo_reported_on,
			problem_analysis_on = excluded.problem_analysis_on, action_plan_on = excluded.action_plan_on,
			uwv42_reported_on = excluded.uwv42_reported_on, zw_reported_on = excluded.zw_reported_on,
			contract_end_on = excluded.contract_end_on, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
			f.ReportID, dateValue(f.ArboReportedOn), dateValue(f.ProblemAnalysisOn), dateValue(f.ActionPlanOn),
			dateValue(f.UWV42ReportedOn), dateValue(f.ZWReportedOn), dateValue(f.ContractEndOn), now, by)
		if err != nil {
			if strings.Contains(err.Error(), "FOREIGN KEY") {
				return domain.Errorf(domain.ENOTFOUND, "Ziekmelding %d bestaat niet.", f.ReportID)
			}
			return fmt.Errorf("verzuimgegevens opslaan: %w", err)
		}
		f.UpdatedAt, f.UpdatedBy = parseMoment(now), by
		return db.audit(ctx, tx, "absence", f.ReportID, "save", "")
	})
}

// AbsenceNotes returns the notes of one sick report (0: of every report), by date.
func (db *DB) AbsenceNotes(ctx context.Context, reportID int64) ([]absence.Note, error) {
	q := `SELECT id, sick_report_id, note_date, kind, text, created_at, created_by FROM absence_notes`
	var args []any
	if reportID != 0 {
		q += ` WHERE sick_report_id = ?`
		args = append(args, reportID)
	}
	rows, err := db.db.QueryContext(ctx, q+` ORDER BY sick_report_id, note_date, id`, args...)
	if err != nil {
		return nil, fmt.Errorf("verzuimnotities lezen: %w", err)
	}
	defer rows.Close()
	var out []absence.Note
	for rows.Next() {
		var n absence.Note
		var on sql.NullString
		var at string
		if err := rows.Scan(&n.ID, &n.ReportID, &on, &n.Kind, &n.Text, &at, &n.CreatedBy); err != nil {
			return nil, fmt.Errorf("verzuimnotities lezen: %w", err)
		}
		var s scanner
		n.On = s.date(on)
		if s.err != nil {
			return nil, fmt.Errorf("verzuimnotitie %d: %w", n.ID, s.err)
		}
		n.CreatedAt = parseMoment(at)
		out = append(out, n)
	}
	return out, rows.Err()
}

// AddAbsenceNote stores a note and sets its ID.
func (db *DB) AddAbsenceNote(ctx context.Context, n *absence.Note) error {
	if err := n.Validate(); err != nil {
		return err
	}
	return db.withTx(ctx, func(tx *sql.Tx) error {
		now := db.now()
		by := n.CreatedBy
		if by == "" {
			by = db.User
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO absence_notes (sick_report_id, note_date, kind, text, created_at, created_by)
			VALUES (?, ?, ?, ?, ?, ?)`, n.ReportID, dateValue(domain.DateOf(n.On)), n.Kind, n.Text, now, by)
		if err != nil {
			if strings.Contains(err.Error(), "FOREIGN KEY") {
				return domain.Errorf(domain.ENOTFOUND, "Ziekmelding %d bestaat niet.", n.ReportID)
			}
			return fmt.Errorf("verzuimnotitie opslaan: %w", err)
		}
		if n.ID, err = res.LastInsertId(); err != nil {
			return err
		}
		n.CreatedAt, n.CreatedBy = parseMoment(now), by
		return db.audit(ctx, tx, "absence_note", n.ID, "create", fmt.Sprintf("ziekmelding %d", n.ReportID))
	})
}
