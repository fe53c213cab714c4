package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"verloner/domain"
)

const hirerColumns = `id, number, name, street, postal_code, city, country, kvk, vat_id, contact_name, contact_email,
	invoice_email, payment_term_days, credit_checked_on, credit_limit, g_share_percent, reverse_charge, proof_of_hours,
	rem_basis, rem_cao, rem_signed_on, rem_signed_by, created_at, updated_at`

func scanHirer(row interface{ Scan(...any) error }) (*domain.Hirer, error) {
	h := &domain.Hirer{}
	var credit, remSigned sql.NullString
	var limit, gshare, created, updated string
	var reverse, proof int
	err := row.Scan(&h.ID, &h.Number, &h.Name, &h.Address.Street, &h.Address.PostalCode, &h.Address.City,
		&h.Address.Country, &h.KvK, &h.VATID, &h.ContactName, &h.ContactEmail, &h.InvoiceEmail, &h.PaymentTermDays,
		&credit, &limit, &gshare, &reverse, &proof, &h.Remuneration.Basis, &h.Remuneration.CAO, &remSigned,
		&h.Remuneration.SignedBy, &created, &updated)
	if err != nil {
		return nil, err
	}
	var s scanner
	h.CreditCheckedOn, h.Remuneration.SignedOn = s.date(credit), s.date(remSigned)
	h.CreditLimit, h.GSharePercent = s.dec(limit), s.dec(gshare)
	h.ReverseCharge, h.ProofOfHours = reverse == 1, proof == 1
	h.CreatedAt, h.UpdatedAt = parseMoment(created), parseMoment(updated)
	if s.err != nil {
		return nil, fmt.Errorf("inlener %s: %w", h.Number, s.err)
	}
	return h, nil
}

// Hirers returns all hirers with their remuneration components and aliases, ordered by number.
func (db *DB) Hirers(ctx context.Context) ([]*domain.Hirer, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT `+hirerColumns+` FROM hirers ORDER BY number`)
	if err != nil {
		return nil, fmt.Errorf("inleners lezen: %w", err)
	}
	var out []*domain.Hirer
	byID := map[int64]*domain.Hirer{}
	for rows.Next() {
		h, err := scanHirer(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		out = append(out, h)
		byID[h.ID] = h
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if err := db.loadHirerDetails(ctx, byID); err != nil {
		return nil, err
	}
	return out, nil
}

// Hirer returns one hirer by ID.
func (db *DB) Hirer(ctx context.Context, id int64) (*domain.Hirer, error) {
	h, err := scanHirer(db.db.QueryRowContext(ctx, `SELECT `+hirerColumns+` FROM hirers WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, domain.Errorf(domain.ENOTFOUND, "Inlener %d bestaat niet.", id)
	} else if err != nil {
		return nil, err
	}
	return h, db.loadHirerDetails(ctx, map[int64]*domain.Hirer{h.ID: h})
}

func (db *DB) loadHirerDetails(ctx context.Context, byID map[int64]*domain.Hirer) error {
	rows, err := db.db.QueryContext(ctx, `SELECT hirer_id, name, description, value FROM remuneration_components ORDER BY hirer_id, seq`)
	if err != nil {
		return fmt.Errorf("beloningscomponenten lezen: %w", err)
	}
	for rows.Next() {
		var id int64
		var c domain.RemunerationComponent
		if err := rows.Scan(&id, &c.Name, &c.Description, &c.Value); err != nil {
			rows.Close()
			return err
		}
		if h := byID[id]; h != nil {
			h.Remuneration.Components = append(h.Remuneration.Components, c)
		}
	}
	rows.Close()
	rows, err = db.db.QueryContext(ctx, `SELECT hirer_id, code, worker_id FROM worker_aliases ORDER BY hirer_id, code`)
	if err != nil {
		return fmt.Errorf("personeelsnummers inlener lezen: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var a domain.WorkerAlias
		if err := rows.Scan(&id, &a.Code, &a.WorkerID); err != nil {
			return err
		}
		if h := byID[id]; h != nil {
			h.Aliases = append(h.Aliases, a)
		}
	}
	return rows.Err()
}

// SaveHirer inserts or updates a hirer together with its remuneration
// components and worker aliases, in one transaction.
func (db *DB) SaveHirer(ctx context.Context, h *domain.Hirer) error {
	if err := h.Validate(); err != nil {
		return err
	}
	return db.withTx(ctx, func(tx *sql.Tx) error { return db.saveHirer(ctx, tx, h) })
}

func (db *DB) saveHirer(ctx context.Context, tx *sql.Tx, h *domain.Hirer) error {
	now := db.now()
	basis := h.Remuneration.Basis
	if basis == "" {
		basis = domain.Inlenersbeloning
	}
	args := []any{h.Number, h.Name, h.Address.Street, h.Address.PostalCode, h.Address.City, countryOr(h.Address.Country),
		h.KvK, h.VATID, h.ContactName, h.ContactEmail, h.InvoiceEmail, h.PaymentTermDays, dateValue(h.CreditCheckedOn),
		decValue(h.CreditLimit), decValue(h.GSharePercent), boolValue(h.ReverseCharge), boolValue(h.ProofOfHours),
		string(basis), h.Remuneration.CAO, dateValue(h.Remuneration.SignedOn), h.Remuneration.SignedBy}
	action := "update"
	if h.ID == 0 {
		action = "create"
		res, err := tx.ExecContext(ctx, `INSERT INTO hirers (number, name, street, postal_code, city, country, kvk, vat_id,
			contact_name, contact_email, invoice_email, payment_term_days, credit_checked_on, credit_limit, g_share_percent,
			reverse_charge, proof_of_hours, rem_basis, rem_cao, rem_signed_on, rem_signed_by, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, append(args, now, now)...)
		if err != nil {
			return conflictOr(err, "Inlenernummer %s bestaat al.", h.Number)
		}
		if h.ID, err = res.LastInsertId(); err != nil {
			return err
		}
	} else {
		res, err := tx.ExecContext(ctx, `UPDATE hirers SET number=?, name=?, street=?, postal_code=?, city=?, country=?,
			kvk=?, vat_id=?, contact_name=?, contact_email=?, invoice_email=?, payment_term_days=?, credit_checked_on=?,
			credit_limit=?, g_share_percent=?, reverse_charge=?, proof_of_hours=?, rem_basis=?, rem_cao=?, rem_signed_on=?,
			rem_signed_by=?, updated_at=? WHERE id = ?`, append(args, now, h.ID)...)
		if err != nil {
			return conflictOr(err, "Inlenernummer %s bestaat al.", h.Number)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return domain.Errorf(domain.ENOTFOUND, "Inlener %d bestaat niet.", h.ID)
		}
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM remuneration_components WHERE hirer_id = ?`, h.ID); err != nil {
		return err
	}
	for i, c := range h.Remuneration.Components {
		if _, err := tx.ExecContext(ctx, `INSERT INTO remuneration_components (hirer_id, seq, name, description, value)
			VALUES (?, ?, ?, ?, ?)`, h.ID, i+1, c.Name, c.Description, c.Value); err != nil {
			return fmt.Errorf("beloningscomponent %q: %w", c.Name, err)
		}
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM worker_aliases WHERE hirer_id = ?`, h.ID); err != nil {
		return err
	}
	for _, a := range h.Aliases {
		if _, err := tx.ExecContext(ctx, `INSERT INTO worker_aliases (hirer_id, code, worker_id) VALUES (?, ?, ?)`,
			h.ID, a.Code, a.WorkerID); err != nil {
			return conflictOr(err, "Personeelsnummer %s van %s staat er twee keer in.", a.Code, h.Name)
		}
	}
	h.UpdatedAt = parseMoment(now)
	if action == "create" {
		h.CreatedAt = h.UpdatedAt
	}
	return db.audit(ctx, tx, "hirer", h.ID, action, h.Number+" "+h.Name)
}
