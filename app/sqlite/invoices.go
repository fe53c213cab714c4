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
	_ "time/tzdata" // payment and import moments are shown in the agency's zone on any desktop

	"github.com/shopspring/decimal"

	"verloner/app"
	"verloner/domain"
	"verloner/domain/invoice"
)

// Invoice storage: issued invoices and credit notes, their numbering, the
// hour lines they bill, payments and bank statements. Schema and the rules the
// database itself enforces: migrations/0005_invoices.sql.

// IssueInvoices finalises the drafts docs and stores them, all in one
// transaction (BEGIN IMMEDIATE, see the DSN's _txlock): for each document it
// reads the series counter, steps it, gives the document that number and the
// issue date (invoice.Finalise, which validates the finished document) and
// inserts it with its lines, VAT breakdown and hours. Invoices claim their hour
// lines, which must still be approved (or paid), unchanged since the draft and
// not billed; credit notes release the hour lines they list. A crash or error
// anywhere rolls everything back, so the series never has a gap or a
// duplicate, and the drafts get their draft state back. progress may be nil.
func (db *DB) IssueInvoices(ctx context.Context, docs []*app.InvoiceDoc, issue time.Time, progress func(done, total int)) error {
	if len(docs) == 0 {
		return nil
	}
	if issue.IsZero() {
		return domain.Errorf(domain.EINVALID, "Factuurdatum ontbreekt.")
	}
	issue = domain.DateOf(issue)
	type draftState struct{ issue, due time.Time }
	orig := make([]draftState, len(docs))
	for i, d := range docs {
		if d == nil || d.Invoice == nil {
			return domain.Errorf(domain.EINVALID, "Factureren: document %d ontbreekt.", i+1)
		}
		if d.Invoice.Number != "" || d.ID != 0 {
			return domain.Errorf(domain.ECONFLICT, "Factuur %s is al uitgereikt.", d.Invoice.Number)
		}
		orig[i] = draftState{d.Invoice.IssueDate, d.Invoice.DueDate}
	}
	series := invoice.SeriesFor(issue)
	name := fmt.Sprintf("%04d", series.Year)
	err := db.withTx(ctx, func(tx *sql.Tx) error {
		now := db.now()
		if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO invoice_series (name, last_seq, created_at) VALUES (?, 0, ?)`, name, now); err != nil {
			return fmt.Errorf("nummerreeks %s: %w", name, err)
		}
		var last sql.NullString
		if err := tx.QueryRowContext(ctx, `SELECT max(issue_date) FROM invoices WHERE series = ?`, name).Scan(&last); err != nil {
			return fmt.Errorf("nummerreeks %s: %w", name, err)
		}
		if last.Valid && last.String > issue.Format(dateLayout) {
			return domain.Errorf(domain.EINVALID,
				"Factuurdatum %s ligt voor de laatste factuur van reeks %s (%s); nummers en datums moeten in dezelfde volgorde lopen.",
				issue.Format("02-01-2006"), name, isoToNL(last.String))
		}
		w, err := newIssueWriter(ctx, tx)
		if err != nil {
			return err
		}
		defer w.close()
		for i, d := range docs {
			if err := ctx.Err(); err != nil {
				return err
			}
			// Read and step the counter. The triggers only let it step after
			// its previous number was used; a counter one ahead of the
			// documents (stepped by hand, outside this program) is taken as is,
			// so that its number is used rather than skipped.
			var seq, used int
			if err := tx.QueryRowContext(ctx, `SELECT last_seq, (SELECT count(*) FROM invoices WHERE series = name)
				FROM invoice_series WHERE name = ?`, name).Scan(&seq, &used); err != nil {
				return fmt.Errorf("nummerreeks %s lezen: %w", name, err)
			}
			if seq == used {
				seq++
				if _, err := tx.ExecContext(ctx, `UPDATE invoice_series SET last_seq = ? WHERE name = ?`, seq, name); err != nil {
					return fmt.Errorf("nummerreeks %s ophogen: %w", name, triggerErr(err))
				}
			}
			if err := d.Invoice.Finalise(series.Format(seq), issue); err != nil {
				return err
			}
			if err := w.insert(ctx, d, name, seq, now, db.User); err != nil {
				return err
			}
			if progress != nil {
				progress(i+1, len(docs))
			}
		}
		// One audit row per document, so that each invoice's history shows
		// its own issue; the detail names the batch it was issued in.
		first, lastNr := docs[0].Invoice.Number, docs[len(docs)-1].Invoice.Number
		batch := ""
		if len(docs) > 1 {
			batch = fmt.Sprintf(" (uitgereikt met %s t/m %s, %d documenten)", first, lastNr, len(docs))
		}
		for _, d := range docs {
			action, detail := "issue", d.Invoice.Number+" "+d.Invoice.Customer.Number+" "+d.Invoice.Payable.StringFixed(2)
			if d.Invoice.IsCredit() {
				action, detail = "credit", detail+" op "+d.Invoice.BillingReference
			}
			if err := db.audit(ctx, tx, "invoice", d.ID, action, detail+batch); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		for i, d := range docs {
			d.ID, d.CorrectsID = 0, 0
			d.Invoice.Number, d.Invoice.IssueDate, d.Invoice.DueDate = "", orig[i].issue, orig[i].due
		}
		return err
	}
	at := db.Now().UTC()
	for _, d := range docs {
		d.IssuedAt, d.User = at, db.User
	}
	return nil
}

// issueWriter holds the prepared statements of one IssueInvoices transaction.
type issueWriter struct {
	inv, vat, line, hour, hourCheck   *sql.Stmt
	origOf, creditedOf                *sql.Stmt
	placementOK, workerOK             *sql.Stmt
	stmts                             []*sql.Stmt
	knownPlacements, knownWorkers     map[int64]bool
	unknownPlacements, unknownWorkers map[int64]bool
}

func newIssueWriter(ctx context.Context, tx *sql.Tx) (*issueWriter, error) {
	w := &issueWriter{knownPlacements: map[int64]bool{}, knownWorkers: map[int64]bool{},
		unknownPlacements: map[int64]bool{}, unknownWorkers: map[int64]bool{}}
	prep := func(dst **sql.Stmt, q string) error {
		s, err := tx.PrepareContext(ctx, q)
		if err != nil {
			return fmt.Errorf("factuur opslaan: %w", err)
		}
		*dst = s
		w.stmts = append(w.stmts, s)
		return nil
	}
	for _, p := range []struct {
		dst **sql.Stmt
		q   string
	}{
		{&w.inv, `INSERT INTO invoices (number, series, seq, doc_type, issue_date, due_date, period, period_start, period_end,
			hirer_id, corrects_id, billing_reference, billing_reference_date, supplier, customer, buyer_reference,
			order_reference, contract_reference, reverse_charge, note, iban, g_iban, g_share_percent, payment_term_days,
			net_total, vat_total, payable, g_amount, regular_amount, line_count, vat_count, hour_count, issued_at, os_user)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`},
		{&w.vat, `INSERT INTO invoice_vat (invoice_id, seq, category, rate, taxable, vat) VALUES (?, ?, ?, ?, ?, ?)`},
		{&w.line, `INSERT INTO invoice_lines (invoice_id, seq, placement_id, placement, worker_id, worker, function,
			cost_centre, hour_type, description, quantity, unit, rate, bill_percent, amount, vat_category, vat_rate)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`},
		{&w.hour, `INSERT INTO invoice_hours (invoice_id, seq, hour_line_id, placement_id, worker_id, work_date,
			hour_type, quantity, bill_percent) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`},
		{&w.hourCheck, `SELECT h.placement_id, h.work_date, h.hour_type, h.quantity, h.bill_percent, h.status,
			ifnull((SELECT i.number FROM billed_hours b JOIN invoices i ON i.id = b.invoice_id WHERE b.hour_line_id = h.id), '')
			FROM hour_lines h WHERE h.id = ?`},
		{&w.origOf, `SELECT id, hirer_id, doc_type, payable FROM invoices WHERE number = ?`},
		{&w.creditedOf, `SELECT payable FROM invoices WHERE corrects_id = ?`},
		{&w.placementOK, `SELECT 1 FROM placements WHERE id = ?`},
		{&w.workerOK, `SELECT 1 FROM workers WHERE id = ?`},
	} {
		if err := prep(p.dst, p.q); err != nil {
			w.close()
			return nil, err
		}
	}
	return w, nil
}

func (w *issueWriter) close() {
	for _, s := range w.stmts {
		s.Close()
	}
}

// refID returns id as a foreign key value: NULL when 0 or when the record does
// not exist (lines built outside the administration, as in tests of the
// model), so that the snapshot text still carries the name.
func (w *issueWriter) refID(ctx context.Context, stmt *sql.Stmt, id int64, known, unknown map[int64]bool) (any, error) {
	if id == 0 || unknown[id] {
		return nil, nil
	}
	if known[id] {
		return id, nil
	}
	var one int
	err := stmt.QueryRowContext(ctx, id).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		unknown[id] = true
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	known[id] = true
	return id, nil
}

func (w *issueWriter) insert(ctx context.Context, d *app.InvoiceDoc, series string, seq int, now, user string) error {
	inv := d.Invoice
	var corrects any
	if inv.IsCredit() {
		var id, hirer int64
		var typ, payable string
		err := w.origOf.QueryRowContext(ctx, inv.BillingReference).Scan(&id, &hirer, &typ, &payable)
		if errors.Is(err, sql.ErrNoRows) {
			return domain.Errorf(domain.ENOTFOUND, "Creditnota: factuur %s bestaat niet.", inv.BillingReference)
		} else if err != nil {
			return fmt.Errorf("gecorrigeerde factuur %s: %w", inv.BillingReference, err)
		}
		if typ != string(invoice.CommercialInvoice) || hirer != inv.HirerID {
			return domain.Errorf(domain.EINVALID, "Creditnota: %s is geen factuur aan deze inlener.", inv.BillingReference)
		}
		credited, err := parseDec(payable)
		if err != nil {
			return err
		}
		rows, err := w.creditedOf.QueryContext(ctx, id)
		if err != nil {
			return fmt.Errorf("eerdere creditnota's op %s: %w", inv.BillingReference, err)
		}
		sum := decimal.Zero
		for rows.Next() {
			var p string
			if err := rows.Scan(&p); err != nil {
				rows.Close()
				return err
			}
			v, err := parseDec(p)
			if err != nil {
				rows.Close()
				return err
			}
			sum = sum.Add(v)
		}
		rows.Close()
		if sum.Add(inv.Payable).GreaterThan(credited) {
			return domain.Errorf(domain.EINVALID,
				"Creditnota op %s: samen met eerdere creditnota's (%s) meer dan het factuurbedrag %s.",
				inv.BillingReference, domain.FormatEuro(sum), domain.FormatEuro(credited))
		}
		d.CorrectsID = id
		corrects = id
	} else {
		for _, h := range d.Hours {
			if err := w.checkHour(ctx, h); err != nil {
				return err
			}
		}
	}
	supplier, err := json.Marshal(inv.Supplier)
	if err != nil {
		return err
	}
	customer, err := json.Marshal(inv.Customer)
	if err != nil {
		return err
	}
	period := ""
	if inv.Period.Kind != "" {
		period = inv.Period.String()
	}
	var due any
	if !inv.DueDate.IsZero() {
		due = inv.DueDate.Format(dateLayout)
	}
	res, err := w.inv.ExecContext(ctx, inv.Number, series, seq, string(inv.Type), inv.IssueDate.Format(dateLayout), due,
		period, inv.PeriodStart.Format(dateLayout), inv.PeriodEnd.Format(dateLayout), inv.HirerID, corrects,
		inv.BillingReference, dateValue(inv.BillingReferenceDate), string(supplier), string(customer), inv.BuyerReference,
		inv.OrderReference, inv.ContractReference, boolValue(inv.ReverseCharge), inv.Note, domain.NormalizeIBAN(inv.IBAN),
		domain.NormalizeIBAN(inv.GIBAN), decValue(inv.GSharePercent), inv.PaymentTermDays, decValue(inv.NetTotal),
		decValue(inv.VATTotal), decValue(inv.Payable), decValue(inv.GAmount), decValue(inv.RegularAmount),
		len(inv.Lines), len(inv.VATBreakdown), len(d.Hours), now, user)
	if err != nil {
		return fmt.Errorf("%s opslaan: %w", inv.Number, triggerErr(err))
	}
	if d.ID, err = res.LastInsertId(); err != nil {
		return err
	}
	for i, s := range inv.VATBreakdown {
		if _, err := w.vat.ExecContext(ctx, d.ID, i+1, string(s.Category), decValue(s.Rate), decValue(s.Taxable), decValue(s.VAT)); err != nil {
			return fmt.Errorf("%s btw: %w", inv.Number, triggerErr(err))
		}
	}
	for i, l := range inv.Lines {
		pl, err := w.refID(ctx, w.placementOK, l.PlacementID, w.knownPlacements, w.unknownPlacements)
		if err != nil {
			return err
		}
		wk, err := w.refID(ctx, w.workerOK, l.WorkerID, w.knownWorkers, w.unknownWorkers)
		if err != nil {
			return err
		}
		if _, err := w.line.ExecContext(ctx, d.ID, i+1, pl, l.Placement, wk, l.Worker, l.Function, l.CostCentre,
			string(l.Type), l.Description, decValue(l.Quantity), string(l.Unit), decValue(l.Rate), decValue(l.BillPercent),
			decValue(l.Amount), string(l.VATCategory), decValue(l.VATRate)); err != nil {
			return fmt.Errorf("%s regel %d: %w", inv.Number, i+1, triggerErr(err))
		}
	}
	for i, h := range d.Hours {
		if _, err := w.hour.ExecContext(ctx, d.ID, i+1, h.HourLineID, h.PlacementID, h.WorkerID, h.Date.Format(dateLayout),
			string(h.Type), decValue(h.Quantity), decValue(h.BillPercent)); err != nil {
			err = triggerErr(err)
			if strings.Contains(err.Error(), "UNIQUE constraint failed: billed_hours") {
				err = domain.Errorf(domain.ECONFLICT, "Urenregel %d van %s staat al op een andere factuur.", h.HourLineID, h.Date.Format("02-01-2006"))
			}
			return fmt.Errorf("%s uren: %w", inv.Number, err)
		}
	}
	return nil
}

// checkHour refuses an hour line that changed since the draft was made, is no
// longer approved, or is billed already.
func (w *issueWriter) checkHour(ctx context.Context, h app.InvoiceHour) error {
	var placement int64
	var date, typ, qty, pct, status, billed string
	err := w.hourCheck.QueryRowContext(ctx, h.HourLineID).Scan(&placement, &date, &typ, &qty, &pct, &status, &billed)
	when := h.Date.Format("02-01-2006")
	if errors.Is(err, sql.ErrNoRows) {
		return domain.Errorf(domain.ECONFLICT, "Urenregel %d (%s) bestaat niet meer; maak de concepten opnieuw.", h.HourLineID, when)
	} else if err != nil {
		return fmt.Errorf("urenregel %d: %w", h.HourLineID, err)
	}
	if billed != "" {
		return domain.Errorf(domain.ECONFLICT, "Urenregel %d (%s) is al gefactureerd op %s.", h.HourLineID, when, billed)
	}
	switch domain.HourStatus(status) {
	case domain.HoursApproved, domain.HoursPaid:
	default:
		return domain.Errorf(domain.ECONFLICT, "Urenregel %d (%s) is niet goedgekeurd (status %s); maak de concepten opnieuw.", h.HourLineID, when, status)
	}
	q, err1 := parseDec(qty)
	p, err2 := parseDec(pct)
	if err := errors.Join(err1, err2); err != nil {
		return fmt.Errorf("urenregel %d: %w", h.HourLineID, err)
	}
	if placement != h.PlacementID || date != h.Date.Format(dateLayout) || typ != string(h.Type) || !q.Equal(h.Quantity) || !p.Equal(h.BillPercent) {
		return domain.Errorf(domain.ECONFLICT, "Urenregel %d (%s) is gewijzigd sinds het concept; maak de concepten opnieuw.", h.HourLineID, when)
	}
	return nil
}

// triggerErr turns the RAISE message of one of the schema's triggers into a
// conflict the user can read; other errors pass unchanged.
func triggerErr(err error) error {
	if err == nil {
		return nil
	}
	msg := err.Error()
	for _, marker := range []string{"factuurnummering:", "factuur is uitgereikt", "factuurregel", "btw-specificatie",
		"btw-regel", "urenbijlage", "urenregel", "creditnota:", "gefactureerde uren", "een betaling wordt"} {
		if i := strings.Index(msg, marker); i >= 0 {
			m := msg[i:]
			if j := strings.Index(m, " ("); j > 0 {
				m = m[:j]
			}
			return &domain.Error{Code: domain.ECONFLICT, Message: strings.ToUpper(m[:1]) + m[1:] + "."}
		}
	}
	return err
}

// amsterdam is the agency's wall clock for moments in messages.
var amsterdam = func() *time.Location {
	if l, err := time.LoadLocation("Europe/Amsterdam"); err == nil {
		return l
	}
	return time.UTC
}()

func isoToNL(s string) string {
	if t, err := time.Parse(dateLayout, s); err == nil {
		return t.Format("02-01-2006")
	}
	return s
}

const invoiceColumns = `id, number, doc_type, issue_date, due_date, period, period_start, period_end, hirer_id,
	ifnull(corrects_id, 0), billing_reference, billing_reference_date, supplier, customer, buyer_reference,
	order_reference, contract_reference, reverse_charge, note, iban, g_iban, g_share_percent, payment_term_days,
	net_total, vat_total, payable, g_amount, regular_amount, issued_at, os_user`

func scanInvoice(row interface{ Scan(...any) error }) (*app.InvoiceDoc, error) {
	d := &app.InvoiceDoc{Invoice: &invoice.Invoice{}}
	inv := d.Invoice
	var typ, issue, start, end, period, supplier, customer, gpct, net, vat, payable, g, reg, at string
	var due, refDate sql.NullString
	var reverse int
	if err := row.Scan(&d.ID, &inv.Number, &typ, &issue, &due, &period, &start, &end, &inv.HirerID, &d.CorrectsID,
		&inv.BillingReference, &refDate, &supplier, &customer, &inv.BuyerReference, &inv.OrderReference,
		&inv.ContractReference, &reverse, &inv.Note, &inv.IBAN, &inv.GIBAN, &gpct, &inv.PaymentTermDays,
		&net, &vat, &payable, &g, &reg, &at, &d.User); err != nil {
		return nil, err
	}
	var s scanner
	inv.Type = invoice.DocType(typ)
	inv.IssueDate = s.date(sql.NullString{String: issue, Valid: true})
	inv.DueDate = s.date(due)
	inv.PeriodStart = s.date(sql.NullString{String: start, Valid: true})
	inv.PeriodEnd = s.date(sql.NullString{String: end, Valid: true})
	inv.BillingReferenceDate = s.date(refDate)
	inv.ReverseCharge = reverse == 1
	inv.GSharePercent, inv.NetTotal, inv.VATTotal, inv.Payable = s.dec(gpct), s.dec(net), s.dec(vat), s.dec(payable)
	inv.GAmount, inv.RegularAmount = s.dec(g), s.dec(reg)
	if s.err != nil {
		return nil, fmt.Errorf("factuur %s: %w", inv.Number, s.err)
	}
	if period != "" {
		p, err := domain.ParsePeriod(period)
		if err != nil {
			return nil, fmt.Errorf("factuur %s: %w", inv.Number, err)
		}
		inv.Period = p
	}
	if err := json.Unmarshal([]byte(supplier), &inv.Supplier); err != nil {
		return nil, fmt.Errorf("factuur %s leverancier: %w", inv.Number, err)
	}
	if err := json.Unmarshal([]byte(customer), &inv.Customer); err != nil {
		return nil, fmt.Errorf("factuur %s afnemer: %w", inv.Number, err)
	}
	d.IssuedAt = parseMoment(at)
	return d, nil
}

// Invoice returns one issued document with its lines, VAT breakdown and hours.
func (db *DB) Invoice(ctx context.Context, number string) (*app.InvoiceDoc, error) {
	d, err := scanInvoice(db.db.QueryRowContext(ctx, `SELECT `+invoiceColumns+` FROM invoices WHERE number = ?`, strings.TrimSpace(number)))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, domain.Errorf(domain.ENOTFOUND, "Factuur %s bestaat niet.", number)
	} else if err != nil {
		return nil, fmt.Errorf("factuur %s lezen: %w", number, err)
	}
	docs := []*app.InvoiceDoc{d}
	if err := db.loadInvoiceDetails(ctx, docs, true); err != nil {
		return nil, err
	}
	return d, nil
}

// Invoices lists issued documents in number order.
func (db *DB) Invoices(ctx context.Context, f app.InvoiceFilter) ([]*app.InvoiceDoc, error) {
	q := `SELECT ` + invoiceColumns + ` FROM invoices WHERE 1=1`
	var args []any
	if f.HirerID != 0 {
		q += ` AND hirer_id = ?`
		args = append(args, f.HirerID)
	}
	if f.Period != "" {
		q += ` AND period = ?`
		args = append(args, f.Period)
	}
	if !f.From.IsZero() {
		q += ` AND issue_date >= ?`
		args = append(args, f.From.Format(dateLayout))
	}
	if !f.To.IsZero() {
		q += ` AND issue_date <= ?`
		args = append(args, f.To.Format(dateLayout))
	}
	if f.Type != "" {
		q += ` AND doc_type = ?`
		args = append(args, string(f.Type))
	}
	rows, err := db.db.QueryContext(ctx, q+` ORDER BY series, seq`, args...)
	if err != nil {
		return nil, fmt.Errorf("facturen lezen: %w", err)
	}
	var out []*app.InvoiceDoc
	for rows.Next() {
		d, err := scanInvoice(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		out = append(out, d)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if f.Lines || f.Hours {
		if err := db.loadInvoiceDetails(ctx, out, f.Hours); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// loadInvoiceDetails reads lines and VAT breakdown (and hours) of docs with
// one query per table.
func (db *DB) loadInvoiceDetails(ctx context.Context, docs []*app.InvoiceDoc, hours bool) error {
	if len(docs) == 0 {
		return nil
	}
	byID := make(map[int64]*app.InvoiceDoc, len(docs))
	ids := make([]string, 0, len(docs))
	for _, d := range docs {
		byID[d.ID] = d
		ids = append(ids, fmt.Sprint(d.ID))
	}
	in := `(` + strings.Join(ids, ",") + `)`
	if len(docs) > 500 {
		in = `(SELECT id FROM invoices)` // cheaper than a huge IN list; unknown IDs are skipped below
	}
	rows, err := db.db.QueryContext(ctx, `SELECT invoice_id, category, rate, taxable, vat FROM invoice_vat
		WHERE invoice_id IN `+in+` ORDER BY invoice_id, seq`)
	if err != nil {
		return fmt.Errorf("btw-specificatie lezen: %w", err)
	}
	for rows.Next() {
		var id int64
		var cat, rate, taxable, vat string
		if err := rows.Scan(&id, &cat, &rate, &taxable, &vat); err != nil {
			rows.Close()
			return err
		}
		d := byID[id]
		if d == nil {
			continue
		}
		var s scanner
		d.Invoice.VATBreakdown = append(d.Invoice.VATBreakdown, invoice.VATSubtotal{Category: invoice.VATCategory(cat),
			Rate: s.dec(rate), Taxable: s.dec(taxable), VAT: s.dec(vat)})
		if s.err != nil {
			rows.Close()
			return fmt.Errorf("factuur %s btw: %w", d.Invoice.Number, s.err)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	rows, err = db.db.QueryContext(ctx, `SELECT invoice_id, ifnull(placement_id, 0), placement, ifnull(worker_id, 0), worker,
		function, cost_centre, hour_type, description, quantity, unit, rate, bill_percent, amount, vat_category, vat_rate
		FROM invoice_lines WHERE invoice_id IN `+in+` ORDER BY invoice_id, seq`)
	if err != nil {
		return fmt.Errorf("factuurregels lezen: %w", err)
	}
	for rows.Next() {
		var id int64
		l := &invoice.Line{}
		var typ, unit, qty, rate, pct, amount, cat, vrate string
		if err := rows.Scan(&id, &l.PlacementID, &l.Placement, &l.WorkerID, &l.Worker, &l.Function, &l.CostCentre, &typ,
			&l.Description, &qty, &unit, &rate, &pct, &amount, &cat, &vrate); err != nil {
			rows.Close()
			return err
		}
		d := byID[id]
		if d == nil {
			continue
		}
		var s scanner
		l.Type, l.Unit, l.VATCategory = domain.HourType(typ), invoice.Unit(unit), invoice.VATCategory(cat)
		l.Quantity, l.Rate, l.BillPercent, l.Amount, l.VATRate = s.dec(qty), s.dec(rate), s.dec(pct), s.dec(amount), s.dec(vrate)
		if s.err != nil {
			rows.Close()
			return fmt.Errorf("factuur %s regel: %w", d.Invoice.Number, s.err)
		}
		d.Invoice.Lines = append(d.Invoice.Lines, l)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	if !hours {
		return nil
	}
	rows, err = db.db.QueryContext(ctx, `SELECT invoice_id, hour_line_id, placement_id, worker_id, work_date, hour_type,
		quantity, bill_percent FROM invoice_hours WHERE invoice_id IN `+in+` ORDER BY invoice_id, seq`)
	if err != nil {
		return fmt.Errorf("urenbijlage lezen: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var h app.InvoiceHour
		var date, typ, qty, pct string
		if err := rows.Scan(&id, &h.HourLineID, &h.PlacementID, &h.WorkerID, &date, &typ, &qty, &pct); err != nil {
			return err
		}
		d := byID[id]
		if d == nil {
			continue
		}
		var s scanner
		h.Date, h.Type, h.Quantity, h.BillPercent = s.date(sql.NullString{String: date, Valid: true}), domain.HourType(typ), s.dec(qty), s.dec(pct)
		if s.err != nil {
			return fmt.Errorf("factuur %s uren: %w", d.Invoice.Number, s.err)
		}
		d.Hours = append(d.Hours, h)
	}
	return rows.Err()
}

// BilledHourLines returns, for the hour lines worked from..to that an invoice
// bills now, the number of that invoice. Lines released by a credit note are
// not in it.
func (db *DB) BilledHourLines(ctx context.Context, from, to time.Time) (map[int64]string, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT b.hour_line_id, i.number FROM billed_hours b
		JOIN hour_lines h ON h.id = b.hour_line_id JOIN invoices i ON i.id = b.invoice_id
		WHERE h.work_date BETWEEN ? AND ?`, from.Format(dateLayout), to.Format(dateLayout))
	if err != nil {
		return nil, fmt.Errorf("gefactureerde uren lezen: %w", err)
	}
	defer rows.Close()
	out := map[int64]string{}
	for rows.Next() {
		var id int64
		var nr string
		if err := rows.Scan(&id, &nr); err != nil {
			return nil, err
		}
		out[id] = nr
	}
	return out, rows.Err()
}

// InvoiceLogo returns the logo printed on invoices, or nil when there is none.
func (db *DB) InvoiceLogo(ctx context.Context) (*app.Logo, error) {
	var data []byte
	var typ string
	err := db.db.QueryRowContext(ctx, `SELECT logo, logo_type FROM invoice_settings WHERE id = 1`).Scan(&data, &typ)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && len(data) == 0) {
		return nil, nil
	} else if err != nil {
		return nil, fmt.Errorf("logo lezen: %w", err)
	}
	return &app.Logo{Data: data, Type: typ}, nil
}

// maxLogo keeps a pasted photo from bloating every invoice PDF.
const maxLogo = 2 << 20

// SaveInvoiceLogo stores the logo (PNG or JPEG, at most 2 MB); nil removes it.
func (db *DB) SaveInvoiceLogo(ctx context.Context, l *app.Logo) error {
	var data any
	typ := ""
	if l != nil && len(l.Data) > 0 {
		switch {
		case len(l.Data) > maxLogo:
			return domain.Errorf(domain.EINVALID, "Het logo is groter dan 2 MB; kies een kleinere afbeelding.")
		case l.Type == "png" && strings.HasPrefix(string(l.Data), "\x89PNG\r\n\x1a\n"):
		case (l.Type == "jpg" || l.Type == "jpeg") && strings.HasPrefix(string(l.Data), "\xff\xd8\xff"):
			l.Type = "jpg"
		default:
			return domain.Errorf(domain.EINVALID, "Het logo moet een PNG- of JPEG-afbeelding zijn.")
		}
		data, typ = l.Data, l.Type
	}
	return db.withTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO invoice_settings (id, logo, logo_type, updated_at) VALUES (1, ?, ?, ?)
			ON CONFLICT (id) DO UPDATE SET logo = excluded.logo, logo_type = excluded.logo_type, updated_at = excluded.updated_at`,
			data, typ, db.now()); err != nil {
			return fmt.Errorf("logo opslaan: %w", err)
		}
		action := "logo"
		if data == nil {
			action = "logo removed"
		}
		return db.audit(ctx, tx, "invoice_settings", 1, action, typ)
	})
}

// Payments and statements.

const statementColumns = `id, hash, file_name, format, accounts, date_from, date_to, entries, booked, imported_at, os_user`

// BankStatementByHash returns the import of a statement file with this
// content, or nil when it was never imported.
func (db *DB) BankStatementByHash(ctx context.Context, hash string) (*app.BankStatement, error) {
	s := &app.BankStatement{}
	var from, to sql.NullString
	var at string
	err := db.db.QueryRowContext(ctx, `SELECT `+statementColumns+` FROM bank_statements WHERE hash = ?`, hash).Scan(
		&s.ID, &s.Hash, &s.FileName, &s.Format, &s.Accounts, &from, &to, &s.Entries, &s.Booked, &at, &s.User)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	} else if err != nil {
		return nil, fmt.Errorf("bankafschrift lezen: %w", err)
	}
	var sc scanner
	s.From, s.To = sc.date(from), sc.date(to)
	s.ImportedAt = parseMoment(at)
	return s, sc.err
}

// SavePayments books payments and their allocations in one transaction, with
// the statement they came from (nil for payments entered by hand). A statement
// whose hash was imported before is refused; a payment whose entry key exists
// already (the same entry in an overlapping download) is skipped. Allocations
// may not exceed the payment nor the invoice's open amount. It returns how many
// payments were booked; booked payments get their IDs.
func (db *DB) SavePayments(ctx context.Context, st *app.BankStatement, ps []*app.Payment) (int, error) {
	for _, p := range ps {
		if err := checkPayment(p); err != nil {
			return 0, err
		}
	}
	booked := 0
	err := db.withTx(ctx, func(tx *sql.Tx) error {
		now := db.now()
		var stmtID any
		if st != nil {
			res, err := tx.ExecContext(ctx, `INSERT INTO bank_statements (hash, file_name, format, accounts, date_from, date_to,
				entries, booked, imported_at, os_user) VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?)`, st.Hash, st.FileName, st.Format,
				st.Accounts, dateValue(st.From), dateValue(st.To), st.Entries, now, db.User)
			if err != nil {
				if strings.Contains(err.Error(), "UNIQUE constraint failed") {
					prev, _ := db.bankStatementByHashTx(ctx, tx, st.Hash)
					when := ""
					if prev != nil {
						when = " op " + prev.ImportedAt.In(amsterdam).Format("02-01-2006 15:04")
					}
					return domain.Errorf(domain.ECONFLICT, "Bankafschrift %s is al ingelezen%s; er is niets opnieuw geboekt.", st.FileName, when)
				}
				return fmt.Errorf("bankafschrift opslaan: %w", err)
			}
			id, err := res.LastInsertId()
			if err != nil {
				return err
			}
			st.ID, stmtID = id, id
		}
		ins, err := tx.PrepareContext(ctx, `INSERT INTO payments (statement_id, entry_key, booked_on, amount, account, own_iban,
			counter_iban, counter_name, remittance, end_to_end, source, note, created_at, os_user)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (entry_key) DO NOTHING`)
		if err != nil {
			return err
		}
		defer ins.Close()
		for _, p := range ps {
			if err := ctx.Err(); err != nil {
				return err
			}
			var key any
			if p.EntryKey != "" {
				key = p.EntryKey
			}
			source := p.Source
			if source == "" {
				source = "hand"
				if st != nil {
					source = "import"
				}
			}
			res, err := ins.ExecContext(ctx, stmtID, key, p.BookedOn.Format(dateLayout), decValue(p.Amount), string(p.Account),
				domain.NormalizeIBAN(p.OwnIBAN), domain.NormalizeIBAN(p.CounterIBAN), p.CounterName, p.Remittance, p.EndToEnd,
				source, p.Note, now, db.User)
			if err != nil {
				return fmt.Errorf("betaling %s van %s: %w", domain.FormatEuro(p.Amount), p.BookedOn.Format("02-01-2006"), err)
			}
			if n, _ := res.RowsAffected(); n == 0 {
				continue // the same entry came in with an earlier file
			}
			if p.ID, err = res.LastInsertId(); err != nil {
				return err
			}
			p.Source, p.User = source, db.User
			if st != nil {
				p.StatementID = st.ID
			}
			booked++
			if err := db.audit(ctx, tx, "payment", p.ID, source, fmt.Sprintf("%s %s %s", p.BookedOn.Format(dateLayout),
				p.Amount.StringFixed(2), p.Account)); err != nil {
				return err
			}
			if err := db.allocate(ctx, tx, p.ID, p.Amount, p.Allocations, now); err != nil {
				return err
			}
		}
		if st != nil {
			if _, err := tx.ExecContext(ctx, `UPDATE bank_statements SET booked = ? WHERE id = ?`, booked, st.ID); err != nil {
				return err
			}
			st.Booked = booked
			return db.audit(ctx, tx, "bank_statement", st.ID, "import",
				fmt.Sprintf("%s (%s): %d regels, %d betalingen geboekt", st.FileName, st.Format, st.Entries, booked))
		}
		return db.audit(ctx, tx, "payment", 0, "add", fmt.Sprintf("%d betaling(en) met de hand", booked))
	})
	if err != nil {
		for _, p := range ps {
			p.ID = 0
		}
		if st != nil {
			st.ID, st.Booked = 0, 0
		}
		return 0, err
	}
	return booked, nil
}

func (db *DB) bankStatementByHashTx(ctx context.Context, tx *sql.Tx, hash string) (*app.BankStatement, error) {
	var at string
	s := &app.BankStatement{Hash: hash}
	if err := tx.QueryRowContext(ctx, `SELECT id, imported_at FROM bank_statements WHERE hash = ?`, hash).Scan(&s.ID, &at); err != nil {
		return nil, err
	}
	s.ImportedAt = parseMoment(at)
	return s, nil
}

func checkPayment(p *app.Payment) error {
	if p == nil {
		return domain.Errorf(domain.EINVALID, "Betaling ontbreekt.")
	}
	if !p.Amount.IsPositive() {
		return domain.Errorf(domain.EINVALID, "Een ontvangen betaling heeft een bedrag groter dan 0 (nu %s).", domain.FormatEuro(p.Amount))
	}
	if p.BookedOn.IsZero() {
		return domain.Errorf(domain.EINVALID, "Betaling van %s zonder boekdatum.", domain.FormatEuro(p.Amount))
	}
	switch p.Account {
	case app.AccountRegular, app.AccountG:
	default:
		return domain.Errorf(domain.EINVALID, "Onbekende rekening %q voor een betaling (regular of g).", p.Account)
	}
	return nil
}

// allocate books allocations of one payment inside tx, refusing more than the
// payment's unallocated amount or more than an invoice's open amount.
func (db *DB) allocate(ctx context.Context, tx *sql.Tx, paymentID int64, amount decimal.Decimal, allocs []app.Allocation, now string) error {
	if len(allocs) == 0 {
		return nil
	}
	used, err := sumTx(ctx, tx, `SELECT amount FROM payment_allocations WHERE payment_id = ?`, paymentID)
	if err != nil {
		return err
	}
	for i := range allocs {
		a := &allocs[i]
		if !a.Amount.IsPositive() {
			return domain.Errorf(domain.EINVALID, "Toewijzing aan %s moet groter dan 0 zijn.", a.Number)
		}
		if a.InvoiceID == 0 {
			err := tx.QueryRowContext(ctx, `SELECT id FROM invoices WHERE number = ? AND doc_type = '380'`, a.Number).Scan(&a.InvoiceID)
			if errors.Is(err, sql.ErrNoRows) {
				return domain.Errorf(domain.ENOTFOUND, "Factuur %s bestaat niet.", a.Number)
			} else if err != nil {
				return err
			}
		} else if a.Number == "" {
			if err := tx.QueryRowContext(ctx, `SELECT number FROM invoices WHERE id = ?`, a.InvoiceID).Scan(&a.Number); err != nil {
				return fmt.Errorf("factuur %d: %w", a.InvoiceID, err)
			}
		}
		used = used.Add(a.Amount)
		if used.GreaterThan(amount) {
			return domain.Errorf(domain.EINVALID, "Toewijzingen (%s) zijn meer dan de betaling van %s.", domain.FormatEuro(used), domain.FormatEuro(amount))
		}
		open, err := openTx(ctx, tx, a.InvoiceID)
		if err != nil {
			return err
		}
		if a.Amount.GreaterThan(open) {
			return domain.Errorf(domain.EINVALID, "Factuur %s staat nog open voor %s; %s toewijzen kan niet.",
				a.Number, domain.FormatEuro(open), domain.FormatEuro(a.Amount))
		}
		how := a.How
		if how == "" {
			how = "hand"
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO payment_allocations (payment_id, invoice_id, amount, how, created_at, os_user)
			VALUES (?, ?, ?, ?, ?, ?)`, paymentID, a.InvoiceID, decValue(a.Amount), how, now, db.User)
		if err != nil {
			return fmt.Errorf("toewijzing aan %s: %w", a.Number, triggerErr(err))
		}
		a.ID, _ = res.LastInsertId()
		a.PaymentID, a.How = paymentID, how
		if err := db.audit(ctx, tx, "payment", paymentID, "allocate", fmt.Sprintf("%s %s (%s)", a.Number, a.Amount.StringFixed(2), how)); err != nil {
			return err
		}
	}
	return nil
}

func sumTx(ctx context.Context, tx *sql.Tx, q string, args ...any) (decimal.Decimal, error) {
	rows, err := tx.QueryContext(ctx, q, args...)
	if err != nil {
		return decimal.Zero, err
	}
	defer rows.Close()
	sum := decimal.Zero
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return sum, err
		}
		v, err := parseDec(s)
		if err != nil {
			return sum, err
		}
		sum = sum.Add(v)
	}
	return sum, rows.Err()
}

// openTx is payable − credit notes − allocations of one invoice.
func openTx(ctx context.Context, tx *sql.Tx, invoiceID int64) (decimal.Decimal, error) {
	payable, err := sumTx(ctx, tx, `SELECT payable FROM invoices WHERE id = ? AND doc_type = '380'`, invoiceID)
	if err != nil {
		return payable, err
	}
	credited, err := sumTx(ctx, tx, `SELECT payable FROM invoices WHERE corrects_id = ?`, invoiceID)
	if err != nil {
		return payable, err
	}
	paid, err := sumTx(ctx, tx, `SELECT amount FROM payment_allocations WHERE invoice_id = ?`, invoiceID)
	if err != nil {
		return payable, err
	}
	return payable.Sub(credited).Sub(paid), nil
}

// AllocatePayment allocates (more of) a booked payment to invoices by hand.
func (db *DB) AllocatePayment(ctx context.Context, paymentID int64, allocs []app.Allocation) error {
	return db.withTx(ctx, func(tx *sql.Tx) error {
		var amount string
		err := tx.QueryRowContext(ctx, `SELECT amount FROM payments WHERE id = ?`, paymentID).Scan(&amount)
		if errors.Is(err, sql.ErrNoRows) {
			return domain.Errorf(domain.ENOTFOUND, "Betaling %d bestaat niet.", paymentID)
		} else if err != nil {
			return err
		}
		a, err := parseDec(amount)
		if err != nil {
			return err
		}
		return db.allocate(ctx, tx, paymentID, a, allocs, db.now())
	})
}

// DeleteAllocation undoes one allocation (a wrong match); the payment stays booked.
func (db *DB) DeleteAllocation(ctx context.Context, id int64) error {
	return db.withTx(ctx, func(tx *sql.Tx) error {
		var payment int64
		var number, amount string
		err := tx.QueryRowContext(ctx, `SELECT a.payment_id, i.number, a.amount FROM payment_allocations a
			JOIN invoices i ON i.id = a.invoice_id WHERE a.id = ?`, id).Scan(&payment, &number, &amount)
		if errors.Is(err, sql.ErrNoRows) {
			return domain.Errorf(domain.ENOTFOUND, "Toewijzing %d bestaat niet.", id)
		} else if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM payment_allocations WHERE id = ?`, id); err != nil {
			return fmt.Errorf("toewijzing verwijderen: %w", err)
		}
		return db.audit(ctx, tx, "payment", payment, "unallocate", number+" "+amount)
	})
}

// Payments lists booked payments with their allocations, oldest first.
func (db *DB) Payments(ctx context.Context, f app.PaymentFilter) ([]*app.Payment, error) {
	q := `SELECT id, ifnull(statement_id, 0), ifnull(entry_key, ''), booked_on, amount, account, own_iban, counter_iban,
		counter_name, remittance, end_to_end, source, note, created_at, os_user FROM payments WHERE 1=1`
	var args []any
	if !f.From.IsZero() {
		q += ` AND booked_on >= ?`
		args = append(args, f.From.Format(dateLayout))
	}
	if !f.To.IsZero() {
		q += ` AND booked_on <= ?`
		args = append(args, f.To.Format(dateLayout))
	}
	rows, err := db.db.QueryContext(ctx, q+` ORDER BY booked_on, id`, args...)
	if err != nil {
		return nil, fmt.Errorf("betalingen lezen: %w", err)
	}
	var out []*app.Payment
	byID := map[int64]*app.Payment{}
	for rows.Next() {
		p := &app.Payment{}
		var booked, amount, account, at string
		if err := rows.Scan(&p.ID, &p.StatementID, &p.EntryKey, &booked, &amount, &account, &p.OwnIBAN, &p.CounterIBAN,
			&p.CounterName, &p.Remittance, &p.EndToEnd, &p.Source, &p.Note, &at, &p.User); err != nil {
			rows.Close()
			return nil, err
		}
		var s scanner
		p.BookedOn, p.Amount, p.Account = s.date(sql.NullString{String: booked, Valid: true}), s.dec(amount), app.PaymentAccount(account)
		if s.err != nil {
			rows.Close()
			return nil, fmt.Errorf("betaling %d: %w", p.ID, s.err)
		}
		p.CreatedAt = parseMoment(at)
		out = append(out, p)
		byID[p.ID] = p
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows, err = db.db.QueryContext(ctx, `SELECT a.id, a.payment_id, a.invoice_id, i.number, a.amount, a.how, a.created_at
		FROM payment_allocations a JOIN invoices i ON i.id = a.invoice_id ORDER BY a.id`)
	if err != nil {
		return nil, fmt.Errorf("toewijzingen lezen: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var a app.Allocation
		var amount, at string
		if err := rows.Scan(&a.ID, &a.PaymentID, &a.InvoiceID, &a.Number, &amount, &a.How, &at); err != nil {
			return nil, err
		}
		p := byID[a.PaymentID]
		if p == nil {
			continue
		}
		var err error
		if a.Amount, err = parseDec(amount); err != nil {
			return nil, err
		}
		a.CreatedAt = parseMoment(at)
		p.Allocations = append(p.Allocations, a)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if f.Unallocated {
		kept := out[:0]
		for _, p := range out {
			if p.Allocated().LessThan(p.Amount) {
				kept = append(kept, p)
			}
		}
		out = kept
	}
	return out, nil
}

// Receivables returns every invoice issued on or before asOf with what was
// credited (credit notes issued on or before asOf) and paid (payments booked
// on or before asOf) on it, in number order. Settled invoices are included;
// the debtors use case filters.
func (db *DB) Receivables(ctx context.Context, asOf time.Time) ([]*app.Receivable, error) {
	day := domain.DateOf(asOf).Format(dateLayout)
	rows, err := db.db.QueryContext(ctx, `SELECT id, number, hirer_id, ifnull(json_extract(customer, '$.Name'), ''),
		issue_date, due_date, period, payable, g_amount FROM invoices WHERE doc_type = '380' AND issue_date <= ?
		ORDER BY series, seq`, day)
	if err != nil {
		return nil, fmt.Errorf("openstaande posten lezen: %w", err)
	}
	var out []*app.Receivable
	byID := map[int64]*app.Receivable{}
	for rows.Next() {
		r := &app.Receivable{}
		var issue, payable, g string
		var due sql.NullString
		if err := rows.Scan(&r.InvoiceID, &r.Number, &r.HirerID, &r.Customer, &issue, &due, &r.Period, &payable, &g); err != nil {
			rows.Close()
			return nil, err
		}
		var s scanner
		r.IssueDate, r.DueDate = s.date(sql.NullString{String: issue, Valid: true}), s.date(due)
		r.Payable, r.GAmount = s.dec(payable), s.dec(g)
		r.Credited, r.CreditedG, r.Paid, r.PaidG = decimal.Zero, decimal.Zero, decimal.Zero, decimal.Zero
		if s.err != nil {
			rows.Close()
			return nil, fmt.Errorf("factuur %s: %w", r.Number, s.err)
		}
		out = append(out, r)
		byID[r.InvoiceID] = r
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows, err = db.db.QueryContext(ctx, `SELECT corrects_id, payable, g_amount FROM invoices
		WHERE doc_type = '381' AND issue_date <= ?`, day)
	if err != nil {
		return nil, fmt.Errorf("creditnota's lezen: %w", err)
	}
	for rows.Next() {
		var id int64
		var payable, g string
		if err := rows.Scan(&id, &payable, &g); err != nil {
			rows.Close()
			return nil, err
		}
		r := byID[id]
		if r == nil {
			continue
		}
		var s scanner
		r.Credited, r.CreditedG = r.Credited.Add(s.dec(payable)), r.CreditedG.Add(s.dec(g))
		if s.err != nil {
			rows.Close()
			return nil, s.err
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows, err = db.db.QueryContext(ctx, `SELECT a.invoice_id, a.amount, p.account, p.booked_on FROM payment_allocations a
		JOIN payments p ON p.id = a.payment_id WHERE p.booked_on <= ?`, day)
	if err != nil {
		return nil, fmt.Errorf("betalingen lezen: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var amount, account, booked string
		if err := rows.Scan(&id, &amount, &account, &booked); err != nil {
			return nil, err
		}
		r := byID[id]
		if r == nil {
			continue
		}
		var s scanner
		a := s.dec(amount)
		when := s.date(sql.NullString{String: booked, Valid: true})
		if s.err != nil {
			return nil, s.err
		}
		r.Paid = r.Paid.Add(a)
		if app.PaymentAccount(account) == app.AccountG {
			r.PaidG = r.PaidG.Add(a)
		}
		if when.After(r.LastPayment) {
			r.LastPayment = when
		}
	}
	return out, rows.Err()
}

// OpenReceivables is what each hirer still owes on invoices up to asOf (incl.
// VAT; credit balances subtract), keyed by hirer ID. It implements
// app/checking's ReceivablesSource, so the checklist weighs the credit limit
// against real open items.
func (db *DB) OpenReceivables(ctx context.Context, asOf time.Time) (map[int64]decimal.Decimal, error) {
	rs, err := db.Receivables(ctx, asOf)
	if err != nil {
		return nil, err
	}
	out := map[int64]decimal.Decimal{}
	for _, r := range rs {
		if o := r.Open(); !o.IsZero() {
			out[r.HirerID] = out[r.HirerID].Add(o)
		}
	}
	return out, nil
}

// InvoiceCheck is what VerifyInvoices found wrong, per document; empty when
// every stored document is whole.
type InvoiceCheck struct {
	Numbers  []string // every number in series order
	Problems []string
}

// VerifyInvoices checks what the crash tests and a support engineer want to
// know after an unclean shutdown: per series the numbers run 1..N without gap
// or duplicate and the counter equals N, and every document is wholly there
// (its line, VAT and hour counts match its rows, its lines add up to its
// totals and it validates as a finished document), and every hour line is
// claimed exactly when its invoices outnumber its credit notes.
func (db *DB) VerifyInvoices(ctx context.Context) (*InvoiceCheck, error) {
	res := &InvoiceCheck{}
	docs, err := db.Invoices(ctx, app.InvoiceFilter{Lines: true, Hours: true})
	if err != nil {
		return nil, err
	}
	seqs := map[string][]int{}
	for _, d := range docs {
		res.Numbers = append(res.Numbers, d.Invoice.Number)
		s, n, err := invoice.ParseNumber(d.Invoice.Number)
		if err != nil {
			res.Problems = append(res.Problems, err.Error())
			continue
		}
		name := fmt.Sprintf("%04d", s.Year)
		seqs[name] = append(seqs[name], n)
		if err := d.Invoice.ValidateFinal(); err != nil {
			res.Problems = append(res.Problems, err.Error())
		}
	}
	rows, err := db.db.QueryContext(ctx, `SELECT i.number, i.line_count, i.vat_count, i.hour_count,
		(SELECT count(*) FROM invoice_lines l WHERE l.invoice_id = i.id),
		(SELECT count(*) FROM invoice_vat v WHERE v.invoice_id = i.id),
		(SELECT count(*) FROM invoice_hours h WHERE h.invoice_id = i.id) FROM invoices i`)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var nr string
		var lc, vc, hc, l, v, h int
		if err := rows.Scan(&nr, &lc, &vc, &hc, &l, &v, &h); err != nil {
			rows.Close()
			return nil, err
		}
		if lc != l || vc != v || hc != h {
			res.Problems = append(res.Problems, fmt.Sprintf("%s: %d/%d regels, %d/%d btw, %d/%d uren", nr, l, lc, v, vc, h, hc))
		}
	}
	rows.Close()
	var inconsistent int
	if err := db.db.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM (SELECT h.hour_line_id, sum(CASE i.doc_type WHEN '380' THEN 1 ELSE -1 END) AS net,
			(SELECT count(*) FROM billed_hours b WHERE b.hour_line_id = h.hour_line_id) AS claimed
			FROM invoice_hours h JOIN invoices i ON i.id = h.invoice_id GROUP BY h.hour_line_id)
			WHERE net <> claimed OR net NOT IN (0, 1))
		+ (SELECT count(*) FROM billed_hours b WHERE NOT EXISTS (SELECT 1 FROM invoice_hours h
			WHERE h.hour_line_id = b.hour_line_id AND h.invoice_id = b.invoice_id))`).Scan(&inconsistent); err != nil {
		return nil, err
	}
	if inconsistent > 0 {
		res.Problems = append(res.Problems, fmt.Sprintf("%d urenregels met een gefactureerd-status die niet klopt met facturen en creditnota's", inconsistent))
	}
	counters := map[string]int{}
	rows, err = db.db.QueryContext(ctx, `SELECT name, last_seq FROM invoice_series`)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var name string
		var n int
		if err := rows.Scan(&name, &n); err != nil {
			rows.Close()
			return nil, err
		}
		counters[name] = n
	}
	rows.Close()
	for name, n := range counters {
		got := seqs[name]
		sort.Ints(got)
		for i, s := range got {
			if s != i+1 {
				res.Problems = append(res.Problems, fmt.Sprintf("reeks %s: nummer %d op plaats %d", name, s, i+1))
				break
			}
		}
		if len(got) != n {
			res.Problems = append(res.Problems, fmt.Sprintf("reeks %s: teller %d, %d documenten", name, n, len(got)))
		}
	}
	return res, nil
}
