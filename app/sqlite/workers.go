package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"verloner/domain"
)

const workerColumns = `id, number, initials, first_name, prefix, last_name, birth_date, bsn, nationality,
	street, postal_code, city, country, email, phone, iban, id_type, id_number, id_expiry, apply_tax_credit,
	tax_credit_signed_on, single_elderly_credit, phase, contract_type, uitzendbeding, language, reservations,
	et_eligible, et_home_abroad, et_travel_costs, et_housing_snf, et_residence_check, contract_signed_on,
	deduction_auth_signed, start_date, end_date, created_at, updated_at`

func scanWorker(row interface{ Scan(...any) error }) (*domain.Worker, error) {
	w := &domain.Worker{}
	var birth, idExp, taxSigned, etHome, etTravel, etHousing, etRes, contract, deduction, start, end sql.NullString
	var created, updated string
	var applyCredit, single, beding, et int
	err := row.Scan(&w.ID, &w.Number, &w.Initials, &w.FirstName, &w.Prefix, &w.LastName, &birth, &w.BSN,
		&w.Nationality, &w.Address.Street, &w.Address.PostalCode, &w.Address.City, &w.Address.Country, &w.Email,
		&w.Phone, &w.IBAN, &w.Identity.Type, &w.Identity.Number, &idExp, &applyCredit, &taxSigned, &single,
		&w.Phase, &w.ContractType, &beding, &w.Language, &w.Reservations, &et, &etHome, &etTravel, &etHousing,
		&etRes, &contract, &deduction, &start, &end, &created, &updated)
	if err != nil {
		return nil, err
	}
	var s scanner
	w.BirthDate, w.Identity.Expiry, w.TaxCreditSignedOn = s.date(birth), s.date(idExp), s.date(taxSigned)
	w.ET.HomeAbroad, w.ET.TravelCosts, w.ET.HousingSNF, w.ET.ResidenceCheck = s.date(etHome), s.date(etTravel), s.date(etHousing), s.date(etRes)
	w.ContractSignedOn, w.DeductionAuthSigned, w.StartDate, w.EndDate = s.date(contract), s.date(deduction), s.date(start), s.date(end)
	w.ApplyTaxCredit, w.SingleElderlyCredit, w.Uitzendbeding, w.ETEligible = applyCredit == 1, single == 1, beding == 1, et == 1
	w.CreatedAt, w.UpdatedAt = parseMoment(created), parseMoment(updated)
	if s.err != nil {
		return nil, fmt.Errorf("uitzendkracht %s: %w", w.Number, s.err)
	}
	return w, nil
}

// WorkerIdentities returns all workers ordered by number with only what tells
// them apart set: ID, number, name parts, birth date and BSN. Matching the
// rows of an hour sheet needs no more, and reading the other thirty columns
// took half the time of loading an administration for an import.
func (db *DB) WorkerIdentities(ctx context.Context) ([]*domain.Worker, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT id, number, initials, first_name, prefix, last_name, birth_date, bsn
		FROM workers ORDER BY number`)
	if err != nil {
		return nil, fmt.Errorf("uitzendkrachten lezen: %w", err)
	}
	defer rows.Close()
	var out []*domain.Worker
	for rows.Next() {
		w := &domain.Worker{}
		var birth sql.NullString
		if err := rows.Scan(&w.ID, &w.Number, &w.Initials, &w.FirstName, &w.Prefix, &w.LastName, &birth, &w.BSN); err != nil {
			return nil, err
		}
		var s scanner
		if w.BirthDate = s.date(birth); s.err != nil {
			return nil, fmt.Errorf("uitzendkracht %s: %w", w.Number, s.err)
		}
		out = append(out, w)
	}
	return out, rows.Err()
}

// Workers returns all workers ordered by number.
func (db *DB) Workers(ctx context.Context) ([]*domain.Worker, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT `+workerColumns+` FROM workers ORDER BY number`)
	if err != nil {
		return nil, fmt.Errorf("uitzendkrachten lezen: %w", err)
	}
	defer rows.Close()
	var out []*domain.Worker
	for rows.Next() {
		w, err := scanWorker(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, w)
	}
	return out, rows.Err()
}

// Worker returns one worker by ID.
func (db *DB) Worker(ctx context.Context, id int64) (*domain.Worker, error) {
	w, err := scanWorker(db.db.QueryRowContext(ctx, `SELECT `+workerColumns+` FROM workers WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, domain.Errorf(domain.ENOTFOUND, "Uitzendkracht %d bestaat niet.", id)
	}
	return w, err
}

// SaveWorker inserts a worker (ID 0) or updates it, and sets its ID and timestamps.
func (db *DB) SaveWorker(ctx context.Context, w *domain.Worker) error {
	if err := w.Validate(); err != nil {
		return err
	}
	return db.withTx(ctx, func(tx *sql.Tx) error { return db.saveWorker(ctx, tx, w) })
}

func (db *DB) saveWorker(ctx context.Context, tx *sql.Tx, w *domain.Worker) error {
	now := db.now()
	args := []any{w.Number, w.Initials, w.FirstName, w.Prefix, w.LastName, dateValue(w.BirthDate),
		domain.NormalizeBSN(w.BSN), w.Nationality, w.Address.Street, w.Address.PostalCode, w.Address.City,
		w.Address.Country, w.Email, w.Phone, domain.NormalizeIBAN(w.IBAN), w.Identity.Type, w.Identity.Number,
		dateValue(w.Identity.Expiry), boolValue(w.ApplyTaxCredit), dateValue(w.TaxCreditSignedOn),
		boolValue(w.SingleElderlyCredit), string(phaseOr(w.Phase)), w.ContractType, boolValue(w.Uitzendbeding),
		string(w.Language), string(w.Reservations), boolValue(w.ETEligible), dateValue(w.ET.HomeAbroad),
		dateValue(w.ET.TravelCosts), dateValue(w.ET.HousingSNF), dateValue(w.ET.ResidenceCheck),
		dateValue(w.ContractSignedOn), dateValue(w.DeductionAuthSigned), dateValue(w.StartDate), dateValue(w.EndDate)}
	cols := strings.Split(strings.ReplaceAll(workerColumns, "\n", ""), ",")
	var names []string
	for _, c := range cols[1 : len(cols)-2] { // without id, created_at, updated_at
		names = append(names, strings.TrimSpace(c))
	}
	action := "update"
	if w.ID == 0 {
		action = "create"
		q := `INSERT INTO workers (` + strings.Join(names, ", ") + `, created_at, updated_at) VALUES (` +
			strings.Repeat("?, ", len(names)) + `?, ?)`
		res, err := tx.ExecContext(ctx, q, append(args, now, now)...)
		if err != nil {
			return conflictOr(err, "Personeelsnummer %s bestaat al.", w.Number)
		}
		if w.ID, err = res.LastInsertId(); err != nil {
			return err
		}
	} else {
		set := strings.Join(names, " = ?, ") + " = ?, updated_at = ?"
		res, err := tx.ExecContext(ctx, `UPDATE workers SET `+set+` WHERE id = ?`, append(args, now, w.ID)...)
		if err != nil {
			return conflictOr(err, "Personeelsnummer %s bestaat al.", w.Number)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return domain.Errorf(domain.ENOTFOUND, "Uitzendkracht %d bestaat niet.", w.ID)
		}
	}
	w.UpdatedAt = parseMoment(now)
	if action == "create" {
		w.CreatedAt = w.UpdatedAt
	}
	// The audit detail names the worker by number and masked BSN only.
	return db.audit(ctx, tx, "worker", w.ID, action, w.Number+" "+domain.MaskBSN(w.BSN))
}

func phaseOr(p domain.Phase) domain.Phase {
	if p == "" {
		return domain.PhaseA
	}
	return p
}

// conflictOr turns a UNIQUE violation into a user-facing conflict error.
func conflictOr(err error, format string, args ...any) error {
	if strings.Contains(err.Error(), "UNIQUE constraint failed") {
		return domain.Errorf(domain.ECONFLICT, format, args...)
	}
	return err
}
