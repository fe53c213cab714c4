package importing

import (
	"context"
	"strconv"

	"verloner/app"
	"verloner/domain"
	"verloner/domain/payroll"
	"verloner/importers"
)

// OpeningPreview is an opening-balance list read and matched against the
// administration: what CommitOpening would take over, and every problem per
// row. Nothing is written.
type OpeningPreview struct {
	File   string                `json:"file"`
	Kind   string                `json:"kind"`
	Hash   string                `json:"hash"`
	Format importers.Format      `json:"format"`
	Year   int                   `json:"year"`
	Counts Counts                `json:"counts"`
	Rows   []importers.RowResult `json:"rows"`
	Notes  []importers.Message   `json:"notes,omitempty"`

	balances []*app.OpeningBalance
}

// KindOpening is the kind of an opening-balance import.
const KindOpening = "opening"

// Messages returns the file notes, then the rows' messages in row order.
func (p *OpeningPreview) Messages() []importers.Message { return allMessages(p.Notes, p.Rows) }

// openingSchemes map the list's balance columns to the reservations.
var openingSchemes = []struct {
	field        importers.Field
	scheme, unit string
}{
	{importers.FieldOpenHolidayPay, payroll.SchemeHolidayPay, app.UnitMoney},
	{importers.FieldOpenHolidayHours, payroll.SchemeHolidayHours, app.UnitHours},
	{importers.FieldOpenPublicDays, payroll.SchemePublicDays, app.UnitMoney},
	{importers.FieldOpenShortLeave, payroll.SchemeShortLeave, app.UnitMoney},
}

// PreviewOpening reads an opening-balance list for a tax year: the year's
// totals so far and the reserved balances per worker. A worker who has an
// opening balance already (from this list earlier, or by hand) gets an error
// on his row: a second would add to the first, so the same file again takes
// over nothing.
func (s *Service) PreviewOpening(ctx context.Context, fileName string, data []byte, year int) (*OpeningPreview, error) {
	if year < 2000 || year > 2100 {
		return nil, domain.Errorf(domain.EINVALID, "Beginsaldi: kies het belastingjaar.")
	}
	sh, err := importers.ParseOpening(ctx, data, importers.ParseOptions{File: fileName})
	if err != nil {
		return nil, err
	}
	ix, err := s.loadIndex(ctx, s.Store.WorkerIdentities)
	if err != nil {
		return nil, err
	}
	ytdTaken, resTaken, err := s.Store.OpeningBalancesTaken(ctx, year)
	if err != nil {
		return nil, err
	}
	p := &OpeningPreview{File: fileName, Kind: KindOpening, Hash: sh.Hash, Format: sh.Format, Year: year, Rows: sh.Rows, Notes: sh.Notes}
	fail := func(rr *importers.RowResult, m importers.Message) {
		m.File = fileName
		rr.Add(m)
		rr.Lines = 0
	}
	firstRow := map[int64]int{}
	for _, rec := range sh.Records {
		rr := &p.Rows[rec.RowIndex]
		w, m, ok := ix.matchWorker(rec.Worker, 0)
		if !ok {
			fail(rr, m)
			continue
		}
		if row, twice := firstRow[w.ID]; twice {
			fail(rr, importers.NewMessage(importers.StatusError, "row.opening_twice", w.Number, strconv.Itoa(row)))
			continue
		}
		firstRow[w.ID] = rec.Row
		a := rec.Amounts
		ob := &app.OpeningBalance{WorkerID: w.ID, Year: year, YearToDate: app.YearToDate{Periods: rec.Periods,
			TableWage: a[importers.FieldOpenTableWage], SpecialWage: a[importers.FieldOpenSpecialWage],
			WageTax: a[importers.FieldOpenWageTax], Gross: a[importers.FieldOpenGross], Net: a[importers.FieldOpenNet]}}
		for _, sc := range openingSchemes {
			if v, ok := a[sc.field]; ok {
				ob.Reservations = append(ob.Reservations, app.ReservationMove{Scheme: sc.scheme, Unit: sc.unit, Amount: v})
			}
		}
		y := ob.YearToDate
		hasYTD := y.Periods != 0 || !y.TableWage.IsZero() || !y.SpecialWage.IsZero() || !y.WageTax.IsZero() || !y.Gross.IsZero() || !y.Net.IsZero()
		if (hasYTD && ytdTaken[w.ID]) || (len(ob.Reservations) > 0 && resTaken[w.ID]) {
			fail(rr, importers.NewMessage(importers.StatusError, "row.opening_exists", w.Number, strconv.Itoa(year)))
			continue
		}
		p.balances = append(p.balances, ob)
	}
	p.Counts = countRows(p.Rows)
	p.Counts.Lines = len(p.balances)
	return p, nil
}

// CommitOpening takes the previewed opening balances over in one
// transaction. A list with row errors is refused unless SkipErrors; the
// store refuses it as a whole when a worker got an opening balance since
// the preview.
func (s *Service) CommitOpening(ctx context.Context, p *OpeningPreview, opt CommitOptions) (*Result, error) {
	if p.Counts.Error > 0 && !opt.SkipErrors {
		m := importers.NewMessage(importers.StatusError, "import.has_errors", strconv.Itoa(p.Counts.Error))
		return nil, domain.Errorf(domain.EINVALID, "%s", m.NL)
	}
	if len(p.balances) == 0 {
		return &Result{}, nil
	}
	if err := s.Store.SaveOpeningBalances(ctx, p.balances); err != nil {
		return nil, err
	}
	return &Result{Added: len(p.balances)}, nil
}
