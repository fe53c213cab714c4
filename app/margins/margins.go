// Package margins is the margin use case the GUI's Marges page and
// `verloner margin` share: it loads a period's final payroll runs and issued
// invoices from an app.Store, hands them to domain/margin and returns an
// Overview with the margins per hour line, hirer, worker, placement and
// function, the previous period and the same period last year, the year to
// date with a chart series, open debtors, the top hirers and — when a
// backoffice firm runs payroll for the agency — the settlement statement.
//
// What is read:
//
//   - wage cost: every final run of the period (the regular run, later runs
//     for workers left out, correction runs with their differences); proofs
//     and approved runs are not costs yet;
//   - revenue: the issued invoices and credit notes whose period is the
//     period (credit notes negative);
//   - estimated revenue: when the period has a final run, its approved or paid
//     hour lines that no issued invoice bills are priced as the invoice would
//     (invoice.FromHours) and marked estimated, so that a week paid on
//     Thursday shows its margin before the invoices go out on Monday.
//
// Nothing is stored except the backoffice fee setting and the approvals of
// settlement statements (Store's Margin storage).
package margins

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"verloner/app"
	"verloner/domain"
	"verloner/domain/invoice"
	"verloner/domain/margin"
)

// Options tune Overview. The zero value is right for the GUI and the
// command line.
type Options struct {
	// Now is the clock (tests); nil: time.Now. It dates the overview and,
	// unless DebtorsAsOf is set, the open debtors.
	Now func() time.Time
	// DebtorsAsOf is the date of the open debtors; zero: today.
	DebtorsAsOf time.Time
	// NoYearToDate skips the earlier periods of the year (year to date and
	// chart series stay empty): a quicker look at one period.
	NoYearToDate bool
	// Progress is called after each period loaded with done and total, on
	// the caller's goroutine; it may be nil.
	Progress func(done, total int)
}

func (o Options) now() time.Time {
	if o.Now != nil {
		return o.Now()
	}
	return time.Now()
}

// Overview computes the margin overview of period: the period itself, the
// previous period, the same period last year and (unless opt.NoYearToDate)
// every earlier period of the year for the year to date and the chart.
func Overview(ctx context.Context, st app.Store, period domain.Period, opt Options) (*margin.Overview, error) {
	if period.Kind == "" {
		return nil, domain.Errorf(domain.EINVALID, "Marges: geen periode opgegeven.")
	}
	l, err := newLoader(ctx, st)
	if err != nil {
		return nil, err
	}
	var year []domain.Period
	if !opt.NoYearToDate {
		year = margin.YearPeriods(period)
	}
	lastYear, hasLastYear := margin.LastYearPeriod(period)
	total := 2 + len(year)
	if hasLastYear {
		total++
	}
	done := 0
	step := func() {
		done++
		if opt.Progress != nil {
			opt.Progress(done, total)
		}
	}

	cur, err := l.period(ctx, period)
	if err != nil {
		return nil, err
	}
	step()
	in := margin.Inputs{Agency: l.agency.Name, Current: cur.m, HasFinalRun: cur.final, LastYearP: lastYear, YearPeriods: year,
		Generated: opt.now().UTC().Truncate(time.Second)}
	loaded := map[domain.Period]*margin.Margins{period: cur.m}
	get := func(p domain.Period) (*margin.Margins, error) {
		if m, ok := loaded[p]; ok {
			return m, nil
		}
		lp, err := l.period(ctx, p)
		if err != nil {
			return nil, err
		}
		loaded[p] = lp.m
		return lp.m, nil
	}
	for _, p := range year {
		m, err := get(p)
		if err != nil {
			return nil, err
		}
		in.Year = append(in.Year, m)
		step()
	}
	if in.Previous, err = get(period.Prev()); err != nil {
		return nil, err
	}
	step()
	if hasLastYear {
		if in.LastYear, err = get(lastYear); err != nil {
			return nil, err
		}
		step()
	}

	asOf := opt.DebtorsAsOf
	if asOf.IsZero() {
		asOf = opt.now()
	}
	if in.Debtors, err = l.debtors(ctx, domain.DateOf(asOf)); err != nil {
		return nil, err
	}
	if in.Fee, err = st.MarginFee(ctx); err != nil {
		return nil, err
	}
	if in.Fee.Kind != margin.FeeNone {
		if in.Approval, err = st.MarginApproval(ctx, period); err != nil {
			return nil, err
		}
	}
	return margin.Build(in), nil
}

// Approve records the agency's approval of the period's settlement
// statement with its figures. It is refused when no backoffice fee is set,
// when the statement is not ready (revenue estimated, workers not paid yet)
// and when the same figures were approved already.
func Approve(ctx context.Context, st app.Store, period domain.Period, by string, opt Options) (*margin.Settlement, error) {
	opt.NoYearToDate = true
	ov, err := Overview(ctx, st, period, opt)
	if err != nil {
		return nil, err
	}
	s := ov.Settlement
	if s == nil {
		return nil, domain.Errorf(domain.EINVALID, "Margeafrekening %s: er is geen backofficevergoeding ingesteld.", period)
	}
	if !s.Ready {
		return nil, domain.Errorf(domain.EINVALID, "Margeafrekening %s is nog niet klaar om goed te keuren: %s", period, strings.Join(s.Reasons, " "))
	}
	if s.Approval != nil && !s.Changed {
		return nil, domain.Errorf(domain.ECONFLICT, "Margeafrekening %s is al goedgekeurd door %s op %s.", period, s.Approval.By,
			s.Approval.At.In(amsterdam()).Format("02-01-2006 15:04"))
	}
	a := &margin.Approval{Period: period, Margin: s.Margin, Fee: s.FeeAmount, Payable: s.Payable, Terms: s.Fee,
		At: opt.now().UTC().Truncate(time.Second), By: by}
	if err := st.SaveMarginApproval(ctx, a); err != nil {
		return nil, err
	}
	s.Approval, s.Changed = a, false
	return s, nil
}

// Fee returns the backoffice fee setting (the zero Fee: no backoffice).
func Fee(ctx context.Context, st app.Store) (margin.Fee, error) { return st.MarginFee(ctx) }

// SaveFee stores the backoffice fee setting after checking it.
func SaveFee(ctx context.Context, st app.Store, f margin.Fee) error {
	if err := f.Validate(); err != nil {
		return err
	}
	return st.SaveMarginFee(ctx, f)
}

func amsterdam() *time.Location {
	if loc, err := time.LoadLocation("Europe/Amsterdam"); err == nil {
		return loc
	}
	return time.UTC
}

// loader reads periods with the master data loaded once.
type loader struct {
	st         app.Store
	agency     *domain.Agency
	dir        margin.Directory
	hirers     map[int64]*domain.Hirer
	placements map[int64]*domain.Placement
	workers    map[int64]*domain.Worker
}

func newLoader(ctx context.Context, st app.Store) (*loader, error) {
	l := &loader{st: st, hirers: map[int64]*domain.Hirer{}, placements: map[int64]*domain.Placement{}, workers: map[int64]*domain.Worker{},
		dir: margin.Directory{Workers: map[int64]margin.Worker{}, Hirers: map[int64]margin.Hirer{}, Placements: map[int64]margin.Placement{}}}
	a, err := st.Agency(ctx)
	if err != nil && domain.ErrorCode(err) != domain.ENOTFOUND {
		return nil, fmt.Errorf("marges: uitzendbureau lezen: %w", err)
	}
	if a == nil {
		a = &domain.Agency{}
	}
	l.agency = a
	ws, err := st.Workers(ctx)
	if err != nil {
		return nil, fmt.Errorf("marges: uitzendkrachten lezen: %w", err)
	}
	for _, w := range ws {
		l.workers[w.ID] = w
		l.dir.Workers[w.ID] = margin.Worker{Number: w.Number, Name: w.FullName()}
	}
	hs, err := st.Hirers(ctx)
	if err != nil {
		return nil, fmt.Errorf("marges: inleners lezen: %w", err)
	}
	for _, h := range hs {
		l.hirers[h.ID] = h
		l.dir.Hirers[h.ID] = margin.Hirer{Number: h.Number, Name: h.Name}
	}
	ps, err := st.Placements(ctx)
	if err != nil {
		return nil, fmt.Errorf("marges: plaatsingen lezen: %w", err)
	}
	for _, p := range ps {
		l.placements[p.ID] = p
		l.dir.Placements[p.ID] = margin.Placement{Number: p.Number, WorkerID: p.WorkerID, HirerID: p.HirerID, Function: p.Function}
	}
	return l, nil
}

type loadedPeriod struct {
	m     *margin.Margins
	final bool
}

// period reads one period's final runs, invoices and (when there is a final
// run) the hours no invoice bills yet, and computes its margins.
func (l *loader) period(ctx context.Context, p domain.Period) (*loadedPeriod, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	runs, err := l.st.PayrollRuns(ctx, p)
	if err != nil {
		return nil, fmt.Errorf("marges %s: verloningen lezen: %w", p, err)
	}
	out := &loadedPeriod{}
	var hours map[int64]*domain.HourLine
	var lines []*domain.HourLine
	var costs []margin.Cost
	for _, r := range runs {
		if r.Status != app.RunFinal {
			continue
		}
		if !out.final {
			out.final = true
			if lines, err = l.st.HourLines(ctx, p.Start(), p.End()); err != nil {
				return nil, fmt.Errorf("marges %s: uren lezen: %w", p, err)
			}
			hours = make(map[int64]*domain.HourLine, len(lines))
			for _, hl := range lines {
				hours[hl.ID] = hl
			}
		}
		full, err := l.st.PayrollRun(ctx, r.ID)
		if err != nil {
			return nil, fmt.Errorf("marges %s: verloning %d lezen: %w", p, r.ID, err)
		}
		for _, ps := range full.Payslips {
			if ps.Slip == nil {
				continue
			}
			c := margin.CostOf(ps.WorkerID, ps.Slip)
			weeks := map[time.Time]bool{}
			for _, id := range ps.HourLineIDs {
				if hl := hours[id]; hl != nil && hl.Type.IsHours() {
					weeks[domain.WeekPeriod(hl.Date).Start()] = true
				}
			}
			c.Weeks = len(weeks)
			costs = append(costs, c)
		}
	}

	docs, err := l.st.Invoices(ctx, app.InvoiceFilter{Period: p.String(), Lines: true})
	if err != nil {
		return nil, fmt.Errorf("marges %s: facturen lezen: %w", p, err)
	}
	var revenue []margin.Revenue
	for _, d := range docs {
		revenue = append(revenue, invoiceRevenue(d.Invoice)...)
	}
	var problems []margin.Problem
	if out.final {
		est, probs, err := l.estimate(ctx, p, lines)
		if err != nil {
			return nil, err
		}
		revenue, problems = append(revenue, est...), probs
	}
	out.m = margin.Compute(p, costs, revenue, l.dir)
	out.m.Problems = append(out.m.Problems, problems...)
	return out, nil
}

// invoiceRevenue turns an issued document's lines into revenue lines,
// negative for a credit note.
func invoiceRevenue(inv *invoice.Invoice) []margin.Revenue {
	out := make([]margin.Revenue, 0, len(inv.Lines))
	for i, l := range inv.Lines {
		if l == nil {
			continue
		}
		r := margin.Revenue{Invoice: inv.Number, Line: i + 1, Credit: inv.IsCredit(), HirerID: inv.HirerID, PlacementID: l.PlacementID,
			WorkerID: l.WorkerID, Placement: l.Placement, Function: l.Function, Type: l.Type, Description: l.Description,
			Unit: string(l.Unit), Quantity: l.Quantity, Rate: l.Rate, BillPercent: l.BillPercent, Amount: l.Amount}
		if r.Credit {
			r.Quantity, r.Amount = r.Quantity.Neg(), r.Amount.Neg()
		}
		out = append(out, r)
	}
	return out
}

// estimate prices the period's approved or paid hour lines that no issued
// invoice bills, per hirer as invoice.FromHours would bill them. A hirer
// whose hours cannot be priced (a missing rate) is reported, not estimated.
func (l *loader) estimate(ctx context.Context, p domain.Period, lines []*domain.HourLine) ([]margin.Revenue, []margin.Problem, error) {
	billed, err := l.st.BilledHourLines(ctx, p.Start(), p.End())
	if err != nil {
		return nil, nil, fmt.Errorf("marges %s: gefactureerde uren lezen: %w", p, err)
	}
	perHirer := map[int64][]*domain.HourLine{}
	for _, hl := range lines {
		if _, ok := billed[hl.ID]; ok || (hl.Status != domain.HoursApproved && hl.Status != domain.HoursPaid) {
			continue
		}
		pl := l.placements[hl.PlacementID]
		if pl == nil {
			continue
		}
		perHirer[pl.HirerID] = append(perHirer[pl.HirerID], hl)
	}
	ids := make([]int64, 0, len(perHirer))
	for id := range perHirer {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	var out []margin.Revenue
	var problems []margin.Problem
	for _, id := range ids {
		h := l.hirers[id]
		if h == nil {
			continue
		}
		drafts, err := invoice.FromHours(l.agency, h, l.placements, l.workers, perHirer[id], p,
			invoice.Options{NoGShare: true, SkipUnapproved: true})
		if err != nil {
			problems = append(problems, margin.Problem{Message: fmt.Sprintf("Geschatte omzet van %s niet te bepalen: %s", h.Name,
				domain.ErrorMessage(err))})
			continue
		}
		for _, d := range drafts {
			for _, r := range invoiceRevenue(d) {
				r.Invoice, r.Line, r.Estimated = "", 0, true
				out = append(out, r)
			}
		}
	}
	return out, problems, nil
}

// debtors reads the open receivables on a date per hirer.
func (l *loader) debtors(ctx context.Context, asOf time.Time) (margin.Debtors, error) {
	d := margin.Debtors{AsOf: asOf}
	rs, err := l.st.Receivables(ctx, asOf)
	if err != nil {
		return d, fmt.Errorf("marges: openstaande posten lezen: %w", err)
	}
	idx := map[int64]int{}
	for _, r := range rs {
		open := r.Open()
		if open.IsZero() {
			continue
		}
		i, ok := idx[r.HirerID]
		if !ok {
			i = len(d.Hirers)
			idx[r.HirerID] = i
			row := margin.Debtor{HirerID: r.HirerID, Name: r.Customer}
			if h := l.hirers[r.HirerID]; h != nil {
				row.Hirer, row.Name = h.Number, h.Name
			}
			d.Hirers = append(d.Hirers, row)
		}
		d.Hirers[i].Invoices++
		d.Hirers[i].Open = d.Hirers[i].Open.Add(open)
		if !r.DueDate.IsZero() && r.DueDate.Before(asOf) && open.IsPositive() {
			d.Hirers[i].Overdue = d.Hirers[i].Overdue.Add(open)
		}
	}
	margin.SortDebtors(&d)
	return d, nil
}
