package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"verloner/app"
	"verloner/domain"
	"verloner/domain/checks"
	"verloner/domain/payroll"
)

// This file stores payroll runs (schema 4): proofs, approvals and final runs
// with their payslips, and what a final run settles — hour lines paid,
// advances withheld, payout requests paid, year-to-date totals and reservation
// balances — in one transaction. The immutability of final runs is enforced
// by triggers in 0004_payroll.sql, not only here.

// SaveProofRun stores a proof run and its payslips, replacing the period's
// open run (proof or approved). Replacing an approved run withdraws the
// approval: its approved hour lines go back to imported, so that the new
// proof must be approved again.
func (db *DB) SaveProofRun(ctx context.Context, r *app.PayrollRun) error {
	if r.Period.Kind == "" {
		return domain.Errorf(domain.EINVALID, "Verloningsrun zonder periode.")
	}
	if r.Kind == "" {
		r.Kind = app.RunRegular
	}
	r.Status, r.Seq = app.RunProof, 0
	r.ApprovedAt, r.ApprovedBy, r.FinalisedAt, r.FinalisedBy = time.Time{}, "", time.Time{}, ""
	if r.CreatedAt.IsZero() {
		r.CreatedAt = db.Now().UTC()
	}
	return db.withTx(ctx, func(tx *sql.Tx) error {
		var oldID int64
		var oldStatus string
		err := tx.QueryRowContext(ctx, `SELECT id, status FROM payroll_runs WHERE period = ? AND status IN ('proof','approved')`,
			periodValue(r.Period)).Scan(&oldID, &oldStatus)
		switch {
		case errors.Is(err, sql.ErrNoRows):
		case err != nil:
			return fmt.Errorf("proefverloning %s: %w", r.Period, err)
		default:
			if oldStatus == string(app.RunApproved) {
				if _, err := tx.ExecContext(ctx, `UPDATE hour_lines SET status = 'imported', updated_at = ?
					WHERE status = 'approved' AND id IN (SELECT hl.hour_line_id FROM payslip_hour_lines hl
					JOIN payslips p ON p.id = hl.payslip_id WHERE p.run_id = ?)`, db.now(), oldID); err != nil {
					return fmt.Errorf("goedkeuring %s intrekken: %w", r.Period, err)
				}
			}
			if _, err := tx.ExecContext(ctx, `DELETE FROM payroll_runs WHERE id = ?`, oldID); err != nil {
				return fmt.Errorf("vorige proefverloning %s vervangen: %w", r.Period, err)
			}
			detail := "vervangen door een nieuwe proef"
			if oldStatus == string(app.RunApproved) {
				detail = "goedkeuring ingetrokken; vervangen door een nieuwe proef"
			}
			if err := db.audit(ctx, tx, "payroll_run", oldID, "replace", detail); err != nil {
				return err
			}
		}
		if err := db.insertRun(ctx, tx, r, string(app.RunProof)); err != nil {
			return err
		}
		return db.audit(ctx, tx, "payroll_run", r.ID, "proof", fmt.Sprintf("%s: %d loonstroken, netto %s", r.Period, len(r.Payslips), r.Net.StringFixed(2)))
	})
}

// ApproveRun approves the period's proof run: it records who and when, and
// sets the hour lines its payslips pay from imported to approved.
func (db *DB) ApproveRun(ctx context.Context, runID int64, by string) error {
	if by == "" {
		by = db.User
	}
	return db.withTx(ctx, func(tx *sql.Tx) error {
		var status, period string
		err := tx.QueryRowContext(ctx, `SELECT status, period FROM payroll_runs WHERE id = ?`, runID).Scan(&status, &period)
		if errors.Is(err, sql.ErrNoRows) {
			return domain.Errorf(domain.ENOTFOUND, "Verloningsrun %d bestaat niet.", runID)
		} else if err != nil {
			return fmt.Errorf("goedkeuren: %w", err)
		}
		if status != string(app.RunProof) {
			return domain.Errorf(domain.ECONFLICT, "Verloningsrun %d van %s is %s, geen proefverloning; alleen een proef kan worden goedgekeurd.", runID, period, status)
		}
		now := db.now()
		if _, err := tx.ExecContext(ctx, `UPDATE payroll_runs SET status = 'approved', approved_at = ?, approved_by = ? WHERE id = ?`,
			now, by, runID); err != nil {
			return fmt.Errorf("goedkeuren %s: %w", period, err)
		}
		res, err := tx.ExecContext(ctx, `UPDATE hour_lines SET status = 'approved', updated_at = ? WHERE status = 'imported'
			AND id IN (SELECT hl.hour_line_id FROM payslip_hour_lines hl JOIN payslips p ON p.id = hl.payslip_id WHERE p.run_id = ?)`, now, runID)
		if err != nil {
			return fmt.Errorf("uren goedkeuren %s: %w", period, err)
		}
		n, _ := res.RowsAffected()
		return db.audit(ctx, tx, "payroll_run", runID, "approve", fmt.Sprintf("%s goedgekeurd door %s; %d urenregels goedgekeurd", period, by, n))
	})
}

// FinaliseRun writes a final run and everything it settles, all or nothing:
// the run and its payslips (status final, the next seq of the period), the
// deletion of the approved proof it replaces, hour lines paid (each must still
// be approved — or for a correction imported/approved — else the data changed
// since the calculation and nothing is written), advance settlements, payout
// requests paid, year-to-date totals and reservation movements and balances.
func (db *DB) FinaliseRun(ctx context.Context, f *app.FinalRun) error {
	r := f.Run
	if r == nil || r.Period.Kind == "" {
		return domain.Errorf(domain.EINVALID, "Definitieve verloning zonder run of periode.")
	}
	if r.Kind == "" {
		r.Kind = app.RunRegular
	}
	now := db.Now().UTC()
	if r.FinalisedAt.IsZero() {
		r.FinalisedAt = now
	}
	if r.FinalisedBy == "" {
		r.FinalisedBy = db.User
	}
	if r.CreatedAt.IsZero() {
		r.CreatedAt = now
	}
	return db.withTx(ctx, func(tx *sql.Tx) error {
		if f.Replaces != 0 {
			var status, period string
			err := tx.QueryRowContext(ctx, `SELECT status, period FROM payroll_runs WHERE id = ?`, f.Replaces).Scan(&status, &period)
			if errors.Is(err, sql.ErrNoRows) {
				return domain.Errorf(domain.ECONFLICT, "De goedgekeurde proefverloning %d bestaat niet meer (vervangen door een nieuwe proef?).", f.Replaces)
			} else if err != nil {
				return fmt.Errorf("definitief maken: %w", err)
			}
			if status != string(app.RunApproved) || period != periodValue(r.Period) {
				return domain.Errorf(domain.ECONFLICT, "Verloningsrun %d is niet de goedgekeurde proef van %s.", f.Replaces, r.Period)
			}
			if _, err := tx.ExecContext(ctx, `DELETE FROM payroll_runs WHERE id = ?`, f.Replaces); err != nil {
				return fmt.Errorf("goedgekeurde proef vervangen: %w", err)
			}
		}
		if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(seq), 0) + 1 FROM payroll_runs WHERE period = ?`,
			periodValue(r.Period)).Scan(&r.Seq); err != nil {
			return fmt.Errorf("volgnummer run: %w", err)
		}
		if err := db.insertRun(ctx, tx, r, "finalising"); err != nil {
			return err
		}
		// Hour lines paid: approved ones (a correction may also pay lines that
		// were imported after the period was finalised).
		from := "status = 'approved'"
		if r.Kind == app.RunCorrection {
			from = "status IN ('imported','approved')"
		}
		stmt, err := tx.PrepareContext(ctx, `UPDATE hour_lines SET status = 'paid', updated_at = ? WHERE id = ? AND `+from)
		if err != nil {
			return err
		}
		defer stmt.Close()
		stamp := now.Format(time.RFC3339Nano)
		payslipOf := map[int64]int64{}
		for _, ps := range r.Payslips {
			payslipOf[ps.WorkerID] = ps.ID
			for _, id := range ps.HourLineIDs {
				res, err := stmt.ExecContext(ctx, stamp, id)
				if err != nil {
					return fmt.Errorf("urenregel %d betaald: %w", id, err)
				}
				if n, _ := res.RowsAffected(); n != 1 {
					return domain.Errorf(domain.ECONFLICT,
						"Urenregel %d van %s (%s) is sinds de berekening gewijzigd of al betaald; maak een nieuwe proefverloning.", id, ps.WorkerNumber, r.Period)
				}
			}
		}
		for _, s := range f.Settlements {
			pid := payslipOf[s.WorkerID]
			if pid == 0 {
				return fmt.Errorf("verrekening voorschot %d: uitzendkracht %d heeft geen loonstrook in de run", s.AdvanceID, s.WorkerID)
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO advance_settlements (advance_id, payslip_id, amount) VALUES (?, ?, ?)`,
				s.AdvanceID, pid, decValue(s.Amount)); err != nil {
				return fmt.Errorf("verrekening voorschot %d: %w", s.AdvanceID, err)
			}
			if s.Repaid {
				res, err := tx.ExecContext(ctx, `UPDATE advances SET repaid_in = ?, updated_at = ? WHERE id = ? AND repaid_in = ''`,
					periodValue(r.Period), stamp, s.AdvanceID)
				if err != nil {
					return fmt.Errorf("voorschot %d verrekend: %w", s.AdvanceID, err)
				}
				if n, _ := res.RowsAffected(); n != 1 {
					return domain.Errorf(domain.ECONFLICT, "Voorschot %d is al verrekend; maak een nieuwe proefverloning.", s.AdvanceID)
				}
			}
			if err := db.audit(ctx, tx, "advance", s.AdvanceID, "settle", fmt.Sprintf("%s run %d: %s ingehouden", r.Period, r.Seq, s.Amount.StringFixed(2))); err != nil {
				return err
			}
		}
		for _, p := range f.Payouts {
			res, err := tx.ExecContext(ctx, `UPDATE payout_requests SET status = 'paid', paid_run_id = ?, paid_amount = ?, updated_at = ?
				WHERE id = ? AND status = 'open'`, r.ID, decValue(p.Amount), stamp, p.RequestID)
			if err != nil {
				return fmt.Errorf("uitbetalingsverzoek %d: %w", p.RequestID, err)
			}
			if n, _ := res.RowsAffected(); n != 1 {
				return domain.Errorf(domain.ECONFLICT, "Uitbetalingsverzoek %d staat niet meer open; maak een nieuwe proefverloning.", p.RequestID)
			}
			if err := db.audit(ctx, tx, "payout_request", p.RequestID, "paid", fmt.Sprintf("%s run %d: %s", r.Period, r.Seq, p.Amount.StringFixed(2))); err != nil {
				return err
			}
		}
		for _, m := range f.YearToDate {
			if err := db.addYearToDate(ctx, tx, m, r.ID, stamp); err != nil {
				return err
			}
		}
		for _, m := range f.Reservations {
			m.RunID, m.Period = r.ID, r.Period
			if m.By == "" {
				m.By = r.FinalisedBy
			}
			if err := db.addReservationMove(ctx, tx, &m, stamp); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE payroll_runs SET status = 'final' WHERE id = ?`, r.ID); err != nil {
			return fmt.Errorf("definitief maken: %w", err)
		}
		r.Status = app.RunFinal
		return db.audit(ctx, tx, "payroll_run", r.ID, "final", fmt.Sprintf("%s run %d (%s): %d loonstroken, netto %s, %d niet verloond; back-up %s",
			r.Period, r.Seq, r.Kind, len(r.Payslips), r.Net.StringFixed(2), len(r.LeftOut), r.Backup))
	})
}

// insertRun inserts the run row with the given status and its payslips,
// lines and hour-line links, setting the IDs.
func (db *DB) insertRun(ctx context.Context, tx *sql.Tx, r *app.PayrollRun, status string) error {
	r.Workers = len(r.Payslips)
	r.Gross, r.WageTax, r.Net, r.EmployerCosts, r.WageCost = decimal.Zero, decimal.Zero, decimal.Zero, decimal.Zero, decimal.Zero
	for _, ps := range r.Payslips {
		if ps.Slip == nil {
			return fmt.Errorf("loonstrook van %s zonder berekening", ps.WorkerNumber)
		}
		s := ps.Slip
		r.Gross = r.Gross.Add(s.Gross)
		r.WageTax = r.WageTax.Add(s.WageTax)
		r.Net = r.Net.Add(s.Net)
		r.EmployerCosts = r.EmployerCosts.Add(s.EmployerCosts.Total)
		r.WageCost = r.WageCost.Add(s.WageCost)
	}
	leftOut, err := json.Marshal(nonNil(r.LeftOut))
	if err != nil {
		return fmt.Errorf("niet verloonde uitzendkrachten: %w", err)
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO payroll_runs (period, kind, status, seq, pay_date, checklist_id, fingerprint,
		created_at, created_by, approved_at, approved_by, finalised_at, finalised_by, backup, workers, gross, wage_tax, net,
		employer_costs, wage_cost, left_out) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		periodValue(r.Period), string(r.Kind), status, r.Seq, dateValue(r.PayDate), idOrNull(r.ChecklistID), r.Fingerprint,
		momentValue(r.CreatedAt), r.CreatedBy, momentValue(r.ApprovedAt), r.ApprovedBy, momentValue(r.FinalisedAt), r.FinalisedBy,
		r.Backup, r.Workers, decValue(r.Gross), decValue(r.WageTax), decValue(r.Net), decValue(r.EmployerCosts),
		decValue(r.WageCost), string(leftOut))
	if err != nil {
		return fmt.Errorf("verloningsrun %s opslaan: %w", r.Period, err)
	}
	if r.ID, err = res.LastInsertId(); err != nil {
		return err
	}
	slipStmt, err := tx.PrepareContext(ctx, `INSERT INTO payslips (run_id, worker_id, worker_number, worker_name, gross,
		taxable_wage, wage_tax, pension_employee, untaxed, deductions, net, employer_costs, wage_cost, paid_hours, blockers,
		body, recalculated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	defer slipStmt.Close()
	lines := newBatch(ctx, tx, `INSERT INTO payslip_lines (payslip_id, seq, code, category, text_nl, quantity, rate, amount,
		placement_id, ref_id) VALUES `, 10)
	links := newBatch(ctx, tx, `INSERT INTO payslip_hour_lines (payslip_id, hour_line_id) VALUES `, 2)
	for _, ps := range r.Payslips {
		s := ps.Slip
		body, err := json.Marshal(s)
		if err != nil {
			return fmt.Errorf("loonstrook %s: %w", ps.WorkerNumber, err)
		}
		var recalc any
		if ps.Recalculated != nil {
			b, err := json.Marshal(ps.Recalculated)
			if err != nil {
				return fmt.Errorf("loonstrook %s: %w", ps.WorkerNumber, err)
			}
			recalc = string(b)
		}
		blockers, err := json.Marshal(nonNil(ps.Blockers))
		if err != nil {
			return fmt.Errorf("loonstrook %s: %w", ps.WorkerNumber, err)
		}
		res, err := slipStmt.ExecContext(ctx, r.ID, ps.WorkerID, ps.WorkerNumber, ps.WorkerName, decValue(s.Gross),
			decValue(s.TaxableWage), decValue(s.WageTax), decValue(s.PensionEmployee), decValue(s.Untaxed),
			decValue(s.Deductions), decValue(s.Net), decValue(s.EmployerCosts.Total), decValue(s.WageCost),
			decValue(s.PaidHours), string(blockers), string(body), recalc)
		if err != nil {
			return fmt.Errorf("loonstrook %s opslaan: %w", ps.WorkerNumber, err)
		}
		if ps.ID, err = res.LastInsertId(); err != nil {
			return err
		}
		// A proof's lines live in its JSON body only: it is replaced often
		// and never queried per line.
		for i, l := range s.Lines {
			if status == string(app.RunProof) {
				break
			}
			if err := lines.add(ps.ID, i+1, l.Code, string(l.Category), l.Text.NL, decValue(l.Quantity), decValue(l.Rate),
				decValue(l.Amount), idOrNull(l.PlacementID), idOrNull(l.RefID)); err != nil {
				return fmt.Errorf("loonstrook %s regels: %w", ps.WorkerNumber, err)
			}
		}
		for _, id := range ps.HourLineIDs {
			if err := links.add(ps.ID, id); err != nil {
				return fmt.Errorf("loonstrook %s urenregels: %w", ps.WorkerNumber, err)
			}
		}
	}
	if err := lines.flush(); err != nil {
		return fmt.Errorf("loonstrookregels opslaan: %w", err)
	}
	if err := links.flush(); err != nil {
		return fmt.Errorf("urenregels bij loonstroken opslaan: %w", err)
	}
	return nil
}

// batch inserts rows many at a time (one statement per batchRows rows):
// thousands of single-row statements cost more than the rows themselves.
type batch struct {
	ctx    context.Context
	tx     *sql.Tx
	prefix string
	cols   int
	args   []any
}

const batchRows = 200

func newBatch(ctx context.Context, tx *sql.Tx, prefix string, cols int) *batch {
	return &batch{ctx: ctx, tx: tx, prefix: prefix, cols: cols}
}

func (b *batch) add(values ...any) error {
	b.args = append(b.args, values...)
	if len(b.args) >= batchRows*b.cols {
		return b.flush()
	}
	return nil
}

func (b *batch) flush() error {
	n := len(b.args) / b.cols
	if n == 0 {
		return nil
	}
	row := "(" + placeholders(b.cols) + ")"
	var q strings.Builder
	q.WriteString(b.prefix)
	for i := 0; i < n; i++ {
		if i > 0 {
			q.WriteString(", ")
		}
		q.WriteString(row)
	}
	_, err := b.tx.ExecContext(b.ctx, q.String(), b.args...)
	b.args = b.args[:0]
	return err
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

func (db *DB) addYearToDate(ctx context.Context, tx *sql.Tx, m app.YearToDateMove, runID int64, stamp string) error {
	if _, err := tx.ExecContext(ctx, `INSERT INTO year_to_date_moves (worker_id, year, run_id, periods, table_wage,
		special_wage, wage_tax, gross, net, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, m.WorkerID, m.Year,
		idOrNull(runID), m.Periods, decValue(m.TableWage), decValue(m.SpecialWage), decValue(m.WageTax), decValue(m.Gross),
		decValue(m.Net), stamp); err != nil {
		return fmt.Errorf("cumulatieven uitzendkracht %d: %w", m.WorkerID, err)
	}
	var cur app.YearToDate
	var tw, sw, wt, gr, nt string
	err := tx.QueryRowContext(ctx, `SELECT periods, table_wage, special_wage, wage_tax, gross, net FROM year_to_date
		WHERE worker_id = ? AND year = ?`, m.WorkerID, m.Year).Scan(&cur.Periods, &tw, &sw, &wt, &gr, &nt)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("cumulatieven uitzendkracht %d: %w", m.WorkerID, err)
	}
	var s scanner
	cur.TableWage, cur.SpecialWage, cur.WageTax, cur.Gross, cur.Net = s.dec(tw), s.dec(sw), s.dec(wt), s.dec(gr), s.dec(nt)
	if s.err != nil {
		return fmt.Errorf("cumulatieven uitzendkracht %d: %w", m.WorkerID, s.err)
	}
	cur.Periods += m.Periods
	cur.TableWage = cur.TableWage.Add(m.TableWage)
	cur.SpecialWage = cur.SpecialWage.Add(m.SpecialWage)
	cur.WageTax = cur.WageTax.Add(m.WageTax)
	cur.Gross = cur.Gross.Add(m.Gross)
	cur.Net = cur.Net.Add(m.Net)
	_, err = tx.ExecContext(ctx, `INSERT INTO year_to_date (worker_id, year, periods, table_wage, special_wage, wage_tax, gross, net)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (worker_id, year) DO UPDATE SET periods = excluded.periods,
		table_wage = excluded.table_wage, special_wage = excluded.special_wage, wage_tax = excluded.wage_tax,
		gross = excluded.gross, net = excluded.net`, m.WorkerID, m.Year, cur.Periods, decValue(cur.TableWage),
		decValue(cur.SpecialWage), decValue(cur.WageTax), decValue(cur.Gross), decValue(cur.Net))
	if err != nil {
		return fmt.Errorf("cumulatieven uitzendkracht %d: %w", m.WorkerID, err)
	}
	return nil
}

func (db *DB) addReservationMove(ctx context.Context, tx *sql.Tx, m *app.ReservationMove, stamp string) error {
	if m.Unit != app.UnitMoney && m.Unit != app.UnitHours {
		return domain.Errorf(domain.EINVALID, "Reservering %s: eenheid %q onbekend (money, hours).", m.Scheme, m.Unit)
	}
	if m.Scheme == "" || m.WorkerID == 0 {
		return domain.Errorf(domain.EINVALID, "Reserveringsmutatie zonder uitzendkracht of regeling.")
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO reservation_moves (worker_id, scheme, unit, kind, amount, run_id, period,
		created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, m.WorkerID, m.Scheme, m.Unit, m.Kind, decValue(m.Amount),
		idOrNull(m.RunID), periodValue(m.Period), stamp, m.By)
	if err != nil {
		return fmt.Errorf("reserveringsmutatie uitzendkracht %d %s: %w", m.WorkerID, m.Scheme, err)
	}
	if m.ID, err = res.LastInsertId(); err != nil {
		return err
	}
	var bal string
	err = tx.QueryRowContext(ctx, `SELECT balance FROM reservation_balances WHERE worker_id = ? AND scheme = ? AND unit = ?`,
		m.WorkerID, m.Scheme, m.Unit).Scan(&bal)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("reserveringssaldo uitzendkracht %d: %w", m.WorkerID, err)
	}
	cur, err := parseDec(bal)
	if err != nil {
		return fmt.Errorf("reserveringssaldo uitzendkracht %d: %w", m.WorkerID, err)
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO reservation_balances (worker_id, scheme, unit, balance) VALUES (?, ?, ?, ?)
		ON CONFLICT (worker_id, scheme, unit) DO UPDATE SET balance = excluded.balance`,
		m.WorkerID, m.Scheme, m.Unit, decValue(cur.Add(m.Amount)))
	if err != nil {
		return fmt.Errorf("reserveringssaldo uitzendkracht %d: %w", m.WorkerID, err)
	}
	return nil
}

const runColumns = `id, period, kind, status, seq, pay_date, checklist_id, fingerprint, created_at, created_by, approved_at,
	approved_by, finalised_at, finalised_by, backup, workers, gross, wage_tax, net, employer_costs, wage_cost, left_out`

func scanRun(row interface{ Scan(...any) error }) (*app.PayrollRun, error) {
	r := &app.PayrollRun{}
	var period, created, leftOut string
	var payDate, approved, finalised sql.NullString
	var checklist sql.NullInt64
	var gross, tax, net, costs, wageCost string
	if err := row.Scan(&r.ID, &period, &r.Kind, &r.Status, &r.Seq, &payDate, &checklist, &r.Fingerprint, &created,
		&r.CreatedBy, &approved, &r.ApprovedBy, &finalised, &r.FinalisedBy, &r.Backup, &r.Workers, &gross, &tax, &net,
		&costs, &wageCost, &leftOut); err != nil {
		return nil, err
	}
	// A run still being finalised is only visible inside its own transaction.
	if r.Status == "finalising" {
		r.Status = app.RunFinal
	}
	var s scanner
	r.PayDate = s.date(payDate)
	r.Gross, r.WageTax, r.Net, r.EmployerCosts, r.WageCost = s.dec(gross), s.dec(tax), s.dec(net), s.dec(costs), s.dec(wageCost)
	var err error
	if r.Period, err = parsePeriodValue(period); err != nil && s.err == nil {
		s.err = err
	}
	if r.ApprovedAt, err = parseMomentNull(approved); err != nil && s.err == nil {
		s.err = err
	}
	if r.FinalisedAt, err = parseMomentNull(finalised); err != nil && s.err == nil {
		s.err = err
	}
	if err := json.Unmarshal([]byte(leftOut), &r.LeftOut); err != nil && s.err == nil {
		s.err = err
	}
	if s.err != nil {
		return nil, fmt.Errorf("verloningsrun %d: %w", r.ID, s.err)
	}
	r.ChecklistID = checklist.Int64
	r.CreatedAt = parseMoment(created)
	return r, nil
}

// PayrollRun returns a run with its payslips (ordered by worker number) and
// the hour lines each pays.
func (db *DB) PayrollRun(ctx context.Context, id int64) (*app.PayrollRun, error) {
	r, err := scanRun(db.db.QueryRowContext(ctx, `SELECT `+runColumns+` FROM payroll_runs WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, domain.Errorf(domain.ENOTFOUND, "Verloningsrun %d bestaat niet.", id)
	} else if err != nil {
		return nil, fmt.Errorf("verloningsrun %d lezen: %w", id, err)
	}
	rows, err := db.db.QueryContext(ctx, `SELECT id, worker_id, worker_number, worker_name, blockers, body, recalculated
		FROM payslips WHERE run_id = ? ORDER BY length(worker_number), worker_number, id`, id)
	if err != nil {
		return nil, fmt.Errorf("loonstroken run %d lezen: %w", id, err)
	}
	defer rows.Close()
	byID := map[int64]*app.RunPayslip{}
	for rows.Next() {
		ps := &app.RunPayslip{}
		var blockers, body string
		var recalc sql.NullString
		if err := rows.Scan(&ps.ID, &ps.WorkerID, &ps.WorkerNumber, &ps.WorkerName, &blockers, &body, &recalc); err != nil {
			return nil, fmt.Errorf("loonstroken run %d lezen: %w", id, err)
		}
		ps.Slip = &payroll.Payslip{}
		if err := json.Unmarshal([]byte(body), ps.Slip); err != nil {
			return nil, fmt.Errorf("loonstrook %s (run %d): %w", ps.WorkerNumber, id, err)
		}
		if recalc.Valid {
			ps.Recalculated = &payroll.Payslip{}
			if err := json.Unmarshal([]byte(recalc.String), ps.Recalculated); err != nil {
				return nil, fmt.Errorf("loonstrook %s (run %d): %w", ps.WorkerNumber, id, err)
			}
		}
		var bl []checks.Finding
		if err := json.Unmarshal([]byte(blockers), &bl); err != nil {
			return nil, fmt.Errorf("loonstrook %s (run %d): %w", ps.WorkerNumber, id, err)
		}
		if len(bl) > 0 {
			ps.Blockers = bl
		}
		r.Payslips = append(r.Payslips, ps)
		byID[ps.ID] = ps
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	links, err := db.db.QueryContext(ctx, `SELECT hl.payslip_id, hl.hour_line_id FROM payslip_hour_lines hl
		JOIN payslips p ON p.id = hl.payslip_id WHERE p.run_id = ? ORDER BY hl.payslip_id, hl.hour_line_id`, id)
	if err != nil {
		return nil, fmt.Errorf("urenregels run %d lezen: %w", id, err)
	}
	defer links.Close()
	for links.Next() {
		var pid, lid int64
		if err := links.Scan(&pid, &lid); err != nil {
			return nil, err
		}
		if ps := byID[pid]; ps != nil {
			ps.HourLineIDs = append(ps.HourLineIDs, lid)
		}
	}
	return r, links.Err()
}

// PayrollRuns lists the runs of a period without payslips: the final runs
// in their order, the open run (proof or approved) last.
func (db *DB) PayrollRuns(ctx context.Context, p domain.Period) ([]*app.PayrollRun, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT `+runColumns+` FROM payroll_runs WHERE period = ?
		ORDER BY seq = 0, seq, id`, periodValue(p))
	if err != nil {
		return nil, fmt.Errorf("verloningsruns %s lezen: %w", p, err)
	}
	defer rows.Close()
	var out []*app.PayrollRun
	for rows.Next() {
		r, err := scanRun(rows)
		if err != nil {
			return nil, fmt.Errorf("verloningsruns %s lezen: %w", p, err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// YearToDate returns every worker's totals of a tax year.
func (db *DB) YearToDate(ctx context.Context, year int) (map[int64]app.YearToDate, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT worker_id, periods, table_wage, special_wage, wage_tax, gross, net
		FROM year_to_date WHERE year = ?`, year)
	if err != nil {
		return nil, fmt.Errorf("cumulatieven %d lezen: %w", year, err)
	}
	defer rows.Close()
	out := map[int64]app.YearToDate{}
	for rows.Next() {
		var id int64
		var y app.YearToDate
		var tw, sw, wt, gr, nt string
		if err := rows.Scan(&id, &y.Periods, &tw, &sw, &wt, &gr, &nt); err != nil {
			return nil, fmt.Errorf("cumulatieven %d lezen: %w", year, err)
		}
		var s scanner
		y.TableWage, y.SpecialWage, y.WageTax, y.Gross, y.Net = s.dec(tw), s.dec(sw), s.dec(wt), s.dec(gr), s.dec(nt)
		if s.err != nil {
			return nil, fmt.Errorf("cumulatieven uitzendkracht %d: %w", id, s.err)
		}
		out[id] = y
	}
	return out, rows.Err()
}

// ReservationBalances returns the reserved balances of one worker, or of
// everyone when workerID is 0, by worker and scheme.
func (db *DB) ReservationBalances(ctx context.Context, workerID int64) ([]app.ReservationBalance, error) {
	q := `SELECT worker_id, scheme, unit, balance FROM reservation_balances`
	var args []any
	if workerID != 0 {
		q += ` WHERE worker_id = ?`
		args = append(args, workerID)
	}
	rows, err := db.db.QueryContext(ctx, q+` ORDER BY worker_id, scheme, unit`, args...)
	if err != nil {
		return nil, fmt.Errorf("reserveringssaldi lezen: %w", err)
	}
	defer rows.Close()
	var out []app.ReservationBalance
	for rows.Next() {
		var b app.ReservationBalance
		var bal string
		if err := rows.Scan(&b.WorkerID, &b.Scheme, &b.Unit, &bal); err != nil {
			return nil, fmt.Errorf("reserveringssaldi lezen: %w", err)
		}
		if b.Balance, err = parseDec(bal); err != nil {
			return nil, fmt.Errorf("reserveringssaldo uitzendkracht %d: %w", b.WorkerID, err)
		}
		out = append(out, b)
	}
	return out, rows.Err()
}

// ReservationMoves returns one worker's reservation movements (everyone's
// when workerID is 0), oldest first.
func (db *DB) ReservationMoves(ctx context.Context, workerID int64) ([]app.ReservationMove, error) {
	q := `SELECT id, worker_id, scheme, unit, kind, amount, run_id, period, created_at, created_by FROM reservation_moves`
	var args []any
	if workerID != 0 {
		q += ` WHERE worker_id = ?`
		args = append(args, workerID)
	}
	return db.reservationMoves(ctx, q+` ORDER BY id`, args...)
}

// ReservationMovesSince returns the movements of one scheme written at or
// after since, oldest first: what changed a balance lately, without reading
// years of history.
func (db *DB) ReservationMovesSince(ctx context.Context, scheme string, since time.Time) ([]app.ReservationMove, error) {
	return db.reservationMoves(ctx, `SELECT id, worker_id, scheme, unit, kind, amount, run_id, period, created_at, created_by
		FROM reservation_moves WHERE scheme = ? AND created_at >= ? ORDER BY id`, scheme, since.UTC().Format(time.RFC3339Nano))
}

func (db *DB) reservationMoves(ctx context.Context, q string, args ...any) ([]app.ReservationMove, error) {
	rows, err := db.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("reserveringsmutaties lezen: %w", err)
	}
	defer rows.Close()
	var out []app.ReservationMove
	for rows.Next() {
		var m app.ReservationMove
		var amount, period, at string
		var run sql.NullInt64
		if err := rows.Scan(&m.ID, &m.WorkerID, &m.Scheme, &m.Unit, &m.Kind, &amount, &run, &period, &at, &m.By); err != nil {
			return nil, fmt.Errorf("reserveringsmutaties lezen: %w", err)
		}
		if m.Amount, err = parseDec(amount); err != nil {
			return nil, fmt.Errorf("reserveringsmutatie %d: %w", m.ID, err)
		}
		if m.Period, err = parsePeriodValue(period); err != nil {
			return nil, fmt.Errorf("reserveringsmutatie %d: %w", m.ID, err)
		}
		m.RunID, m.At = run.Int64, parseMoment(at)
		out = append(out, m)
	}
	return out, rows.Err()
}

// PayoutRequests returns the payout requests (only the open ones when
// openOnly), by worker and id.
func (db *DB) PayoutRequests(ctx context.Context, openOnly bool) ([]*app.PayoutRequest, error) {
	q := `SELECT id, worker_id, scheme, amount, requested_on, note, status, paid_run_id, paid_amount FROM payout_requests`
	if openOnly {
		q += ` WHERE status = 'open'`
	}
	rows, err := db.db.QueryContext(ctx, q+` ORDER BY worker_id, id`)
	if err != nil {
		return nil, fmt.Errorf("uitbetalingsverzoeken lezen: %w", err)
	}
	defer rows.Close()
	var out []*app.PayoutRequest
	for rows.Next() {
		r := &app.PayoutRequest{}
		var amount, paidAmount string
		var on sql.NullString
		var run sql.NullInt64
		if err := rows.Scan(&r.ID, &r.WorkerID, &r.Scheme, &amount, &on, &r.Note, &r.Status, &run, &paidAmount); err != nil {
			return nil, fmt.Errorf("uitbetalingsverzoeken lezen: %w", err)
		}
		var s scanner
		r.Amount, r.PaidAmount, r.RequestedOn = s.dec(amount), s.dec(paidAmount), s.date(on)
		if s.err != nil {
			return nil, fmt.Errorf("uitbetalingsverzoek %d: %w", r.ID, s.err)
		}
		r.PaidRunID = run.Int64
		out = append(out, r)
	}
	return out, rows.Err()
}

// SavePayoutRequest records a payout request (ID 0) or changes an open one
// (to cancel it: Status "cancelled"). A paid request cannot change.
func (db *DB) SavePayoutRequest(ctx context.Context, r *app.PayoutRequest) error {
	if r.WorkerID == 0 {
		return domain.Errorf(domain.EINVALID, "Uitbetalingsverzoek zonder uitzendkracht.")
	}
	if r.Scheme == "" {
		return domain.Errorf(domain.EINVALID, "Uitbetalingsverzoek: kies de reservering.")
	}
	if r.Amount.IsNegative() || !r.Amount.Equal(r.Amount.Round(2)) {
		return domain.Errorf(domain.EINVALID, "Uitbetalingsverzoek: bedrag %s moet positief zijn, in hele centen (0: het hele saldo).", r.Amount)
	}
	switch r.Status {
	case "":
		r.Status = "open"
	case "open", "cancelled":
	default:
		return domain.Errorf(domain.EINVALID, "Uitbetalingsverzoek: status %q kan niet met de hand worden gezet (open, cancelled).", r.Status)
	}
	if r.RequestedOn.IsZero() {
		r.RequestedOn = domain.DateOf(db.Now())
	}
	amount := ""
	if r.Amount.IsPositive() {
		amount = decValue(r.Amount)
	}
	return db.withTx(ctx, func(tx *sql.Tx) error {
		if r.ID != 0 {
			var status string
			if err := tx.QueryRowContext(ctx, `SELECT status FROM payout_requests WHERE id = ?`, r.ID).Scan(&status); err != nil {
				return domain.Errorf(domain.ENOTFOUND, "Uitbetalingsverzoek %d bestaat niet.", r.ID)
			}
			if status != "open" {
				return domain.Errorf(domain.ECONFLICT, "Uitbetalingsverzoek %d is %s en kan niet meer worden gewijzigd.", r.ID, status)
			}
		}
		action, err := db.upsert(ctx, tx, &r.ID, "payout_requests", []string{"worker_id", "scheme", "amount", "requested_on", "note", "status"},
			[]any{r.WorkerID, r.Scheme, amount, dateValue(r.RequestedOn), strings.TrimSpace(r.Note), r.Status}, db.now(), true)
		if err != nil {
			return fmt.Errorf("uitbetalingsverzoek opslaan: %w", err)
		}
		return db.audit(ctx, tx, "payout_request", r.ID, action, fmt.Sprintf("uitzendkracht %d %s %s %s", r.WorkerID, r.Scheme, amount, r.Status))
	})
}

// AdvancesSettled returns per advance the amount withheld in final runs so far.
func (db *DB) AdvancesSettled(ctx context.Context) (map[int64]decimal.Decimal, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT advance_id, amount FROM advance_settlements ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("verrekende voorschotten lezen: %w", err)
	}
	defer rows.Close()
	out := map[int64]decimal.Decimal{}
	for rows.Next() {
		var id int64
		var amount string
		if err := rows.Scan(&id, &amount); err != nil {
			return nil, fmt.Errorf("verrekende voorschotten lezen: %w", err)
		}
		d, err := parseDec(amount)
		if err != nil {
			return nil, fmt.Errorf("verrekening voorschot %d: %w", id, err)
		}
		out[id] = out[id].Add(d)
	}
	return out, rows.Err()
}

// LedgerAccounts returns the ledger accounts of the payroll journal by role.
func (db *DB) LedgerAccounts(ctx context.Context) ([]app.LedgerAccount, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT role, number, name FROM ledger_accounts ORDER BY number, role`)
	if err != nil {
		return nil, fmt.Errorf("grootboekrekeningen lezen: %w", err)
	}
	defer rows.Close()
	var out []app.LedgerAccount
	for rows.Next() {
		var a app.LedgerAccount
		if err := rows.Scan(&a.Role, &a.Number, &a.Name); err != nil {
			return nil, fmt.Errorf("grootboekrekeningen lezen: %w", err)
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// SaveLedgerAccount sets the account number and name of a role.
func (db *DB) SaveLedgerAccount(ctx context.Context, a app.LedgerAccount) error {
	a.Number, a.Name = strings.TrimSpace(a.Number), strings.TrimSpace(a.Name)
	if a.Role == "" || a.Number == "" {
		return domain.Errorf(domain.EINVALID, "Grootboekrekening: rol en rekeningnummer zijn verplicht.")
	}
	return db.withTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO ledger_accounts (role, number, name) VALUES (?, ?, ?)
			ON CONFLICT (role) DO UPDATE SET number = excluded.number, name = excluded.name`, a.Role, a.Number, a.Name); err != nil {
			return fmt.Errorf("grootboekrekening %s opslaan: %w", a.Role, err)
		}
		return db.audit(ctx, tx, "ledger_account", 0, "save", a.Role+" → "+a.Number+" "+a.Name)
	})
}

// SaveOpeningBalance takes over a worker's year-to-date totals and reserved
// balances from an earlier payroll system, as logged movements.
func (db *DB) SaveOpeningBalance(ctx context.Context, ob *app.OpeningBalance) error {
	return db.SaveOpeningBalances(ctx, []*app.OpeningBalance{ob})
}

// SaveOpeningBalances takes over several workers' opening balances in one
// transaction: all or none.
func (db *DB) SaveOpeningBalances(ctx context.Context, obs []*app.OpeningBalance) error {
	for _, ob := range obs {
		if ob.WorkerID == 0 || ob.Year < 2000 {
			return domain.Errorf(domain.EINVALID, "Beginsaldo: uitzendkracht en jaar zijn verplicht.")
		}
	}
	return db.withTx(ctx, func(tx *sql.Tx) error {
		stamp := db.now()
		for _, ob := range obs {
			if err := db.saveOpening(ctx, tx, ob, stamp); err != nil {
				return err
			}
		}
		return nil
	})
}

// OpeningBalancesTaken are the workers who have an opening balance already:
// of the year's totals (ytd) and of the reserved balances (res).
func (db *DB) OpeningBalancesTaken(ctx context.Context, year int) (ytd, res map[int64]bool, err error) {
	ytd, res = map[int64]bool{}, map[int64]bool{}
	for _, q := range []struct {
		into  map[int64]bool
		query string
		args  []any
	}{
		{ytd, `SELECT DISTINCT worker_id FROM year_to_date_moves WHERE year = ? AND run_id IS NULL`, []any{year}},
		{res, `SELECT DISTINCT worker_id FROM reservation_moves WHERE kind = 'opening'`, nil},
	} {
		rows, err := db.db.QueryContext(ctx, q.query, q.args...)
		if err != nil {
			return nil, nil, fmt.Errorf("beginsaldi lezen: %w", err)
		}
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return nil, nil, err
			}
			q.into[id] = true
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, nil, err
		}
	}
	return ytd, res, nil
}

func (db *DB) saveOpening(ctx context.Context, tx *sql.Tx, ob *app.OpeningBalance, stamp string) error {
	by := ob.By
	if by == "" {
		by = db.User
	}
	moves := append([]app.ReservationMove(nil), ob.Reservations...)
	sort.SliceStable(moves, func(i, j int) bool { return moves[i].Scheme < moves[j].Scheme })
	// Taken over once: the year's totals once per year, the reserved
	// balances once (at the switch to Verloner). A second entry would add
	// to the first, so it is refused; a correction is a correction run.
	var ytdTaken, resTaken bool
	if err := tx.QueryRowContext(ctx, `SELECT
		EXISTS (SELECT 1 FROM year_to_date_moves WHERE worker_id = ? AND year = ? AND run_id IS NULL),
		EXISTS (SELECT 1 FROM reservation_moves WHERE worker_id = ? AND kind = 'opening')`,
		ob.WorkerID, ob.Year, ob.WorkerID).Scan(&ytdTaken, &resTaken); err != nil {
		return fmt.Errorf("beginsaldo zoeken: %w", err)
	}
	hasYTD := ob.YearToDate.Periods != 0 || !ob.YearToDate.TableWage.IsZero() || !ob.YearToDate.SpecialWage.IsZero() ||
		!ob.YearToDate.WageTax.IsZero() || !ob.YearToDate.Gross.IsZero() || !ob.YearToDate.Net.IsZero()
	if (hasYTD && ytdTaken) || (len(moves) > 0 && resTaken) {
		return domain.Errorf(domain.ECONFLICT, "Er is al een beginsaldo vastgelegd voor deze uitzendkracht (%d); een tweede zou erbij optellen.", ob.Year)
	}
	if hasYTD {
		if err := db.addYearToDate(ctx, tx, app.YearToDateMove{WorkerID: ob.WorkerID, Year: ob.Year, YearToDate: ob.YearToDate}, 0, stamp); err != nil {
			return err
		}
	}
	for _, m := range moves {
		m.WorkerID, m.Kind, m.RunID, m.By = ob.WorkerID, "opening", 0, by
		if err := db.addReservationMove(ctx, tx, &m, stamp); err != nil {
			return err
		}
	}
	return db.audit(ctx, tx, "opening_balance", ob.WorkerID, "save", fmt.Sprintf("%d: %d perioden, %d reserveringen", ob.Year, ob.YearToDate.Periods, len(moves)))
}
