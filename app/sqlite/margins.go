package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"verloner/domain"
	"verloner/domain/margin"
)

// Margin storage (migration 0006): the backoffice fee and the approvals of
// margin settlement statements. The margins themselves are computed from the
// final runs and issued invoices (app/margins) and not stored.

// MarginFee returns the backoffice fee; the zero Fee when never set.
func (db *DB) MarginFee(ctx context.Context) (margin.Fee, error) {
	var kind, rate, backoffice string
	err := db.db.QueryRowContext(ctx, `SELECT fee_kind, fee_rate, backoffice FROM margin_settings WHERE id = 1`).Scan(&kind, &rate, &backoffice)
	if errors.Is(err, sql.ErrNoRows) {
		return margin.Fee{}, nil
	} else if err != nil {
		return margin.Fee{}, fmt.Errorf("backofficevergoeding lezen: %w", err)
	}
	r, err := parseDec(rate)
	if err != nil {
		return margin.Fee{}, fmt.Errorf("backofficevergoeding lezen: %w", err)
	}
	return margin.Fee{Kind: margin.FeeKind(kind), Rate: r, Backoffice: backoffice}, nil
}

// SaveMarginFee stores the backoffice fee (the zero Fee: no backoffice).
func (db *DB) SaveMarginFee(ctx context.Context, f margin.Fee) error {
	f.Backoffice = strings.TrimSpace(f.Backoffice)
	if err := f.Validate(); err != nil {
		return err
	}
	return db.withTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO margin_settings (id, fee_kind, fee_rate, backoffice, updated_at) VALUES (1, ?, ?, ?, ?)
			ON CONFLICT (id) DO UPDATE SET fee_kind = excluded.fee_kind, fee_rate = excluded.fee_rate,
			backoffice = excluded.backoffice, updated_at = excluded.updated_at`,
			string(f.Kind), decValue(f.Rate), f.Backoffice, db.now()); err != nil {
			return fmt.Errorf("backofficevergoeding opslaan: %w", err)
		}
		return db.audit(ctx, tx, "margin_settings", 1, "save", fmt.Sprintf("%s %s %s", f.Kind, f.Rate, f.Backoffice))
	})
}

// MarginApproval returns the latest approval of a period's settlement; nil,
// nil when the period was never approved.
func (db *DB) MarginApproval(ctx context.Context, p domain.Period) (*margin.Approval, error) {
	var m, fee, payable, kind, rate, backoffice, at, by string
	err := db.db.QueryRowContext(ctx, `SELECT margin, fee, payable, fee_kind, fee_rate, backoffice, approved_at, approved_by
		FROM margin_approvals WHERE period = ? ORDER BY id DESC LIMIT 1`, p.String()).
		Scan(&m, &fee, &payable, &kind, &rate, &backoffice, &at, &by)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	} else if err != nil {
		return nil, fmt.Errorf("goedkeuring margeafrekening %s lezen: %w", p, err)
	}
	var s scanner
	a := &margin.Approval{Period: p, Margin: s.dec(m), Fee: s.dec(fee), Payable: s.dec(payable),
		Terms: margin.Fee{Kind: margin.FeeKind(kind), Rate: s.dec(rate), Backoffice: backoffice}, At: parseMoment(at), By: by}
	if s.err != nil {
		return nil, fmt.Errorf("goedkeuring margeafrekening %s: %w", p, s.err)
	}
	return a, nil
}

// SaveMarginApproval records an approval (append-only). A zero At is now.
func (db *DB) SaveMarginApproval(ctx context.Context, a *margin.Approval) error {
	if a == nil || a.Period.Kind == "" {
		return domain.Errorf(domain.EINVALID, "Goedkeuring zonder periode.")
	}
	if strings.TrimSpace(a.By) == "" {
		return domain.Errorf(domain.EINVALID, "Goedkeuring margeafrekening %s: wie keurt goed?", a.Period)
	}
	if a.Terms.Kind == margin.FeeNone {
		return domain.Errorf(domain.EINVALID, "Goedkeuring margeafrekening %s: er is geen backofficevergoeding ingesteld.", a.Period)
	}
	if a.At.IsZero() {
		a.At = db.Now().UTC()
	}
	return db.withTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO margin_approvals (period, margin, fee, payable, fee_kind, fee_rate, backoffice,
			approved_at, approved_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, a.Period.String(), decValue(a.Margin), decValue(a.Fee),
			decValue(a.Payable), string(a.Terms.Kind), decValue(a.Terms.Rate), a.Terms.Backoffice, a.At.UTC().Format(time.RFC3339Nano), a.By)
		if err != nil {
			return fmt.Errorf("goedkeuring margeafrekening %s opslaan: %w", a.Period, err)
		}
		id, err := res.LastInsertId()
		if err != nil {
			return err
		}
		return db.audit(ctx, tx, "margin_approval", id, "approve",
			fmt.Sprintf("%s marge %s vergoeding %s te ontvangen %s", a.Period, a.Margin, a.Fee, a.Payable))
	})
}
