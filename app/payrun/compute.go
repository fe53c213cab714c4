package payrun

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/shopspring/decimal"

	"verloner/app"
	"verloner/domain"
	"verloner/domain/checks"
	"verloner/domain/params"
	"verloner/domain/payroll"
)

// calc is one run being prepared and calculated: everything loaded from the
// store, and per worker the engine's input.
type calc struct {
	st      app.Store
	period  domain.Period
	opt     Options
	set     *params.Set
	pack    *params.Pack // of the pay date's year
	payDate time.Time
	now     time.Time
	kind    app.RunKind
	cl      *checks.Checklist
	agency  *domain.Agency

	workers     []*workerCalc // in scope, by worker number
	lines       []*domain.HourLine
	leftOut     []LeftOut // known before calculating (already paid)
	fingerprint string
	settled     map[int64]decimal.Decimal // advance ID → withheld earlier
	advances    map[int64]*domain.Advance
	prev        map[int64]*payroll.Payslip // correction: what was paid per worker
}

// workerCalc is one worker's part of a run.
type workerCalc struct {
	w       *domain.Worker
	in      payroll.Input
	lineIDs []int64          // the hour lines this payslip pays
	payouts []app.PayoutPaid // payout requests this payslip pays
	// hoursRequest is the request of vakantie-uren this payslip pays out (its
	// amount is the payslip's line: hours × wage, with the period's accrual).
	hoursRequest int64
	notes        []payroll.Finding // about requests that cannot be paid
	slip         *payroll.Payslip
	err          error
}

// reporter turns sub-steps into monotone progress against ProgressTotal.
type reporter struct {
	fn   func(done, total int)
	mu   sync.Mutex
	last int
}

func newReporter(fn func(done, total int)) *reporter { return &reporter{fn: fn} }

func (r *reporter) done(n int) {
	if r.fn == nil {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if n > ProgressTotal {
		n = ProgressTotal
	}
	if n > r.last {
		r.last = n
		r.fn(n, ProgressTotal)
	}
}

// span maps a sub-task's (done, total) into [from, to].
func (r *reporter) span(from, to int) func(done, total int) {
	return func(done, total int) {
		if total <= 0 {
			return
		}
		r.done(from + (to-from)*done/total)
	}
}

// load reads what every kind of run needs.
func load(ctx context.Context, st app.Store, period domain.Period, opt Options, cl *checks.Checklist, kind app.RunKind) (*calc, error) {
	if period.Kind == "" || period.String() == "?" {
		return nil, domain.Errorf(domain.EINVALID, "Geen periode gekozen voor de verloning.")
	}
	set, err := opt.params()
	if err != nil {
		return nil, err
	}
	c := &calc{st: st, period: period, opt: opt, set: set, now: opt.now(), kind: kind, cl: cl}
	c.payDate = domain.DateOf(period.PayDate())
	if !opt.PayDate.IsZero() {
		c.payDate = domain.DateOf(opt.PayDate)
	}
	if c.pack, err = set.For(c.payDate); err != nil {
		return nil, err
	}
	c.agency, err = st.Agency(ctx)
	if domain.ErrorCode(err) == domain.ENOTFOUND {
		c.agency, err = &domain.Agency{EmployerSize: domain.SmallEmployer, Frequency: period.Kind}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("verloning %s: bureaugegevens lezen: %w", period, err)
	}
	if c.opt.Sick == nil {
		// The agency's waiting days, as its contracts promise them.
		s, err := st.ContractSettings(ctx)
		if err != nil {
			return nil, fmt.Errorf("verloning %s: CAO-instellingen lezen: %w", period, err)
		}
		c.opt.Sick = &payroll.SickPay{WaitingDays: s.WithDefaults().WaitingDays}
	}
	return c, nil
}

// scope is the data of a period that decides who is in a run.
type scope struct {
	workers    map[int64]*domain.Worker
	placements map[int64]*domain.Placement
	byWorker   map[int64]map[int64]*domain.Placement
	lines      []*domain.HourLine // every non-void line of the period
	paid       map[int64]bool     // workers with a final regular payslip in the period
	paidSeq    map[int64]int
}

func loadScope(ctx context.Context, st app.Store, period domain.Period, finals []*Run) (*scope, error) {
	s := &scope{workers: map[int64]*domain.Worker{}, placements: map[int64]*domain.Placement{},
		byWorker: map[int64]map[int64]*domain.Placement{}, paid: map[int64]bool{}, paidSeq: map[int64]int{}}
	ws, err := st.Workers(ctx)
	if err != nil {
		return nil, fmt.Errorf("verloning %s: uitzendkrachten lezen: %w", period, err)
	}
	for _, w := range ws {
		s.workers[w.ID] = w
	}
	ps, err := st.Placements(ctx)
	if err != nil {
		return nil, fmt.Errorf("verloning %s: plaatsingen lezen: %w", period, err)
	}
	for _, p := range ps {
		s.placements[p.ID] = p
		if s.byWorker[p.WorkerID] == nil {
			s.byWorker[p.WorkerID] = map[int64]*domain.Placement{}
		}
		s.byWorker[p.WorkerID][p.ID] = p
	}
	if s.lines, err = st.HourLines(ctx, period.Start(), period.End()); err != nil {
		return nil, fmt.Errorf("verloning %s: uren lezen: %w", period, err)
	}
	for _, r := range finals {
		if r.Kind != app.RunRegular {
			continue
		}
		for _, p := range r.Payslips {
			s.paid[p.WorkerID] = true
			s.paidSeq[p.WorkerID] = r.Seq
		}
	}
	return s, nil
}

func (s *scope) workerOf(l *domain.HourLine) int64 {
	if p := s.placements[l.PlacementID]; p != nil {
		return p.WorkerID
	}
	return 0
}

// regularLines returns the period's unpaid lines of workers not yet paid in
// the period, per worker, and the lines of workers already paid (for a
// correction).
func (s *scope) regularLines() (map[int64][]*domain.HourLine, map[int64][]*domain.HourLine) {
	open, late := map[int64][]*domain.HourLine{}, map[int64][]*domain.HourLine{}
	for _, l := range s.lines {
		if l.Status == domain.HoursVoid || l.Status == domain.HoursPaid {
			continue
		}
		id := s.workerOf(l)
		if s.paid[id] {
			late[id] = append(late[id], l)
		} else {
			open[id] = append(open[id], l)
		}
	}
	return open, late
}

// fingerprintOf identifies the hour lines a run is calculated on: their IDs,
// placements, dates, types, quantities and percentages (not their status, which
// approving changes). Approving and finalising compare it with the stored run.
func fingerprintOf(lines []*domain.HourLine) string {
	sorted := append([]*domain.HourLine(nil), lines...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].ID < sorted[j].ID })
	h := sha256.New()
	var buf []byte
	for _, l := range sorted {
		buf = buf[:0]
		buf = strconv.AppendInt(buf, l.ID, 10)
		buf = append(buf, '|')
		buf = strconv.AppendInt(buf, l.PlacementID, 10)
		buf = append(buf, '|')
		buf = l.Date.AppendFormat(buf, "2006-01-02")
		buf = append(buf, '|')
		buf = append(buf, l.Type...)
		buf = append(buf, '|')
		buf = append(buf, l.Quantity.String()...)
		buf = append(buf, '|')
		buf = append(buf, l.PayPercent.String()...)
		buf = append(buf, '\n')
		h.Write(buf)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// regularFingerprint is the fingerprint of the lines a regular run of the
// period would pay now.
func regularFingerprint(ctx context.Context, st app.Store, period domain.Period) (string, error) {
	finals, err := finalRuns(ctx, st, period)
	if err != nil {
		return "", err
	}
	s, err := loadScope(ctx, st, period, finals)
	if err != nil {
		return "", err
	}
	open, _ := s.regularLines()
	var all []*domain.HourLine
	for _, ls := range open {
		all = append(all, ls...)
	}
	return fingerprintOf(all), nil
}

// prepare builds the inputs of a regular run (proof or final): every worker
// with unpaid lines in the period or an open payout request, not yet paid in
// a final run of the period.
func prepare(ctx context.Context, st app.Store, period domain.Period, opt Options, cl *checks.Checklist, progress func(done, total int)) (*calc, error) {
	c, err := load(ctx, st, period, opt, cl, app.RunRegular)
	if err != nil {
		return nil, err
	}
	finals, err := finalRuns(ctx, st, period)
	if err != nil {
		return nil, err
	}
	s, err := loadScope(ctx, st, period, finals)
	if err != nil {
		return nil, err
	}
	progress(1, 3)
	open, late := s.regularLines()
	for id, ls := range late {
		w := s.workers[id]
		c.leftOut = append(c.leftOut, LeftOut{WorkerID: id, Number: w.Number, Name: w.FullName(), Reason: app.LeftOutPaid,
			Message: checks.Text{
				NL: fmt.Sprintf("Al definitief verloond in run %d van %s; %d later ingelezen urenregel(s) gaan mee in een correctierun.", s.paidSeq[id], period, len(ls)),
				EN: fmt.Sprintf("Already paid in final run %d of %s; %d hour line(s) added later go into a correction run.", s.paidSeq[id], period, len(ls))}})
	}
	requests, err := st.PayoutRequests(ctx, true)
	if err != nil {
		return nil, fmt.Errorf("verloning %s: uitbetalingsverzoeken lezen: %w", period, err)
	}
	reqByWorker := map[int64][]*app.PayoutRequest{}
	for _, r := range requests {
		if !s.paid[r.WorkerID] && s.workers[r.WorkerID] != nil {
			reqByWorker[r.WorkerID] = append(reqByWorker[r.WorkerID], r)
		}
	}
	ids := map[int64]bool{}
	for id := range open {
		ids[id] = true
	}
	for id := range reqByWorker {
		ids[id] = true
	}
	extra, err := c.loadExtras(ctx, ids)
	if err != nil {
		return nil, err
	}
	progress(2, 3)
	balances, err := st.ReservationBalances(ctx, 0)
	if err != nil {
		return nil, fmt.Errorf("verloning %s: reserveringssaldi lezen: %w", period, err)
	}
	money, hours := map[[2]any]decimal.Decimal{}, map[[2]any]decimal.Decimal{}
	for _, b := range balances {
		switch b.Unit {
		case app.UnitMoney:
			money[[2]any{b.WorkerID, b.Scheme}] = b.Balance
		case app.UnitHours:
			hours[[2]any{b.WorkerID, b.Scheme}] = b.Balance
		}
	}
	for id := range ids {
		w := s.workers[id]
		if w == nil {
			continue // lines of a placement without a worker cannot occur (foreign key)
		}
		wc := c.newWorker(w, s.byWorker[id], open[id], extra)
		for _, l := range open[id] {
			wc.lineIDs = append(wc.lineIDs, l.ID)
			c.lines = append(c.lines, l)
		}
		c.planPayouts(wc, reqByWorker[id], money, hours)
		c.workers = append(c.workers, wc)
	}
	c.sortWorkers()
	c.fingerprint = fingerprintOf(c.lines)
	progress(3, 3)
	return c, nil
}

// extras are the period's per-worker items besides hours.
type extras struct {
	sick       map[int64][]*domain.SickReport
	advances   map[int64][]*domain.Advance
	deductions map[int64][]*domain.Deduction
	ytd        map[int64]app.YearToDate
	lastYear   map[int64]app.YearToDate
}

func (c *calc) loadExtras(ctx context.Context, ids map[int64]bool) (*extras, error) {
	e := &extras{sick: map[int64][]*domain.SickReport{}, advances: map[int64][]*domain.Advance{},
		deductions: map[int64][]*domain.Deduction{}}
	from, to := c.period.Start(), c.period.End()
	// Reports of the last eight weeks: the engine needs the earlier spells to
	// see a relapse within four weeks (BW 7:629 lid 10, no new waiting day).
	reports, err := c.st.SickReports(ctx, from.AddDate(0, 0, -56), to)
	if err != nil {
		return nil, fmt.Errorf("verloning %s: ziekmeldingen lezen: %w", c.period, err)
	}
	for _, r := range reports {
		if ids[r.WorkerID] {
			e.sick[r.WorkerID] = append(e.sick[r.WorkerID], r)
		}
	}
	advances, err := c.st.Advances(ctx, 0)
	if err != nil {
		return nil, fmt.Errorf("verloning %s: voorschotten lezen: %w", c.period, err)
	}
	if c.settled, err = c.st.AdvancesSettled(ctx); err != nil {
		return nil, fmt.Errorf("verloning %s: verrekende voorschotten lezen: %w", c.period, err)
	}
	c.advances = map[int64]*domain.Advance{}
	for _, a := range advances {
		c.advances[a.ID] = a
		// Open advances for this period or earlier ones are withheld now.
		if !ids[a.WorkerID] || !a.Open() || a.Period.Start().After(c.period.End()) {
			continue
		}
		left := a.Amount.Sub(c.settled[a.ID])
		if !left.IsPositive() {
			continue
		}
		cp := *a
		cp.Amount = left
		e.advances[a.WorkerID] = append(e.advances[a.WorkerID], &cp)
	}
	deductions, err := c.st.Deductions(ctx, c.period)
	if err != nil {
		return nil, fmt.Errorf("verloning %s: inhoudingen lezen: %w", c.period, err)
	}
	for _, d := range deductions {
		if ids[d.WorkerID] {
			e.deductions[d.WorkerID] = append(e.deductions[d.WorkerID], d)
		}
	}
	year := c.pack.Year()
	if e.ytd, err = c.st.YearToDate(ctx, year); err != nil {
		return nil, fmt.Errorf("verloning %s: cumulatieven lezen: %w", c.period, err)
	}
	if e.lastYear, err = c.st.YearToDate(ctx, year-1); err != nil {
		return nil, fmt.Errorf("verloning %s: cumulatieven lezen: %w", c.period, err)
	}
	return e, nil
}

// newWorker builds the engine input of one worker.
func (c *calc) newWorker(w *domain.Worker, placements map[int64]*domain.Placement, lines []*domain.HourLine, e *extras) *workerCalc {
	agency := employerSize(c.agency.EmployerSize)
	sick := payroll.SickPay{WaitingDays: 1}
	if c.opt.Sick != nil {
		sick = *c.opt.Sick
	}
	sick.Reports = e.sick[w.ID]
	in := payroll.Input{Period: c.period, PayDate: c.payDate, Worker: w, Placements: placements, Lines: lines,
		Extras: payroll.Extras{Deductions: e.deductions[w.ID], Advances: e.advances[w.ID]}, Sick: sick,
		EmployerSize: agency, WhkRate: c.opt.WhkRate, OtherYears: c.set}
	if y, ok := e.ytd[w.ID]; ok {
		in.YearToDate = payroll.YearToDate{Periods: y.Periods, TableWage: y.TableWage, SpecialWage: y.SpecialWage, WageTax: y.WageTax}
	}
	in.Jaarloon = c.jaarloon(e.lastYear[w.ID])
	return &workerCalc{w: w, in: in}
}

// jaarloon is last year's loon voor de loonheffing from this employer,
// annualised when the worker was not paid all year (§3.3): the jaarloon of
// the tabel bijzondere beloningen. Zero without last year's figures: the
// engine then estimates it from this year (and notes that it did).
func (c *calc) jaarloon(last app.YearToDate) decimal.Decimal {
	if last.Periods <= 0 {
		return decimal.Zero
	}
	total := last.TableWage.Add(last.SpecialWage)
	f, err := c.pack.Factor(c.period.Kind)
	if err != nil || last.Periods >= f {
		return total
	}
	return domain.RoundCents(total.Mul(decimal.NewFromInt(int64(f))).Div(decimal.NewFromInt(int64(last.Periods))))
}

func employerSize(s domain.EmployerSize) payroll.EmployerSize {
	switch s {
	case domain.MediumEmployer:
		return payroll.MediumEmployer
	case domain.LargeEmployer:
		return payroll.LargeEmployer
	}
	return payroll.SmallEmployer
}

// planPayouts turns a worker's open payout requests into the engine's
// payouts, capped at the reserved money balance; what cannot be paid stays
// open and is noted on the payslip. Vakantie-uren kept in hours go through
// planHoursPayout.
func (c *calc) planPayouts(wc *workerCalc, reqs []*app.PayoutRequest, money, hours map[[2]any]decimal.Decimal) {
	perScheme := map[string]decimal.Decimal{}
	var order []string
	for _, r := range reqs {
		if r.Scheme == payroll.SchemeHolidayHours && c.pack.Reservations().HolidayHours.Method == params.ReserveHours {
			c.planHoursPayout(wc, r, hours)
			continue
		}
		key := [2]any{wc.w.ID, r.Scheme}
		avail := money[key]
		amount := r.Amount
		if amount.IsZero() || amount.GreaterThan(avail) {
			if !amount.IsZero() && avail.IsPositive() {
				wc.notes = append(wc.notes, payroll.Finding{Code: FindPayoutCapped, Severity: payroll.SevWarning, Amount: amount.Sub(avail),
					Message: fmt.Sprintf("Uitbetalingsverzoek %d: gevraagd %s, het saldo %s is %s; het saldo wordt uitbetaald.", r.ID,
						domain.FormatEuro(amount), r.Scheme, domain.FormatEuro(avail))})
			}
			amount = avail
		}
		if !amount.IsPositive() {
			wc.notes = append(wc.notes, payroll.Finding{Code: FindPayoutNotPossible, Severity: payroll.SevWarning,
				Message: fmt.Sprintf("Uitbetalingsverzoek %d (%s) niet uitbetaald: er is geen saldo; het verzoek blijft open.", r.ID, r.Scheme)})
			continue
		}
		money[key] = avail.Sub(amount)
		if _, ok := perScheme[r.Scheme]; !ok {
			order = append(order, r.Scheme)
		}
		perScheme[r.Scheme] = perScheme[r.Scheme].Add(amount)
		wc.payouts = append(wc.payouts, app.PayoutPaid{RequestID: r.ID, Amount: amount})
	}
	for _, s := range order {
		wc.in.Extras.Payouts = append(wc.in.Extras.Payouts, payroll.ReservationPayout{Scheme: s, Amount: perScheme[s]})
	}
}

// planHoursPayout pays out vakantie-uren kept in hours (the 2026 pack). Only
// when the employment ends in this period or has ended: statutory leave may
// not be bought off during the employment (BW 7:640) and what is untaken at
// its end is paid out (BW 7:641). It pays the whole balance, at the hourly
// wage of the worker's latest placement (the wage a day of leave would have
// been paid at). Otherwise the request stays open with a note on the payslip.
func (c *calc) planHoursPayout(wc *workerCalc, r *app.PayoutRequest, hours map[[2]any]decimal.Decimal) {
	w, end := wc.w, c.period.End()
	note := func(code, format string, args ...any) {
		wc.notes = append(wc.notes, payroll.Finding{Code: code, Severity: payroll.SevWarning,
			Message: fmt.Sprintf("Uitbetalingsverzoek %d (vakantie-uren): ", r.ID) + fmt.Sprintf(format, args...)})
	}
	if w.EndDate.IsZero() || w.EndDate.After(end) {
		note(FindPayoutNotPossible, "niet uitbetaald: wettelijke vakantie-uren worden alleen bij het einde van het dienstverband "+
			"uitbetaald (BW 7:640 en 7:641). Vul de einddatum van uitzendkracht %s in; het verzoek blijft open.", w.Number)
		return
	}
	key := [2]any{w.ID, r.Scheme}
	balance := hours[key]
	if !balance.IsPositive() {
		note(FindPayoutNotPossible, "niet uitbetaald: er is geen saldo aan vakantie-uren; het verzoek blijft open.")
		return
	}
	pl := latestPlacement(wc.in.Placements, end)
	if pl == nil || !pl.HourlyWage.IsPositive() {
		note(FindPayoutNotPossible, "niet uitbetaald: %s heeft geen plaatsing met een uurloon; het verzoek blijft open.", w.Number)
		return
	}
	if !r.Amount.IsZero() {
		note(FindPayoutCapped, "bij het einde van het dienstverband wordt het hele saldo van %s uur uitbetaald, niet het gevraagde bedrag %s.",
			domain.FormatDecimalNL(balance, 2), domain.FormatEuro(r.Amount))
	}
	hours[key] = decimal.Zero
	wc.in.Extras.Payouts = append(wc.in.Extras.Payouts, payroll.ReservationPayout{Scheme: r.Scheme, Hours: balance,
		HourlyWage: pl.HourlyWage, WithPeriodAccrual: true})
	wc.hoursRequest = r.ID
}

// paidPayouts are the payout requests a worker's payslip pays, with the
// amounts it pays them.
func (wc *workerCalc) paidPayouts(s *payroll.Payslip) []app.PayoutPaid {
	out := wc.payouts
	if wc.hoursRequest != 0 {
		for _, l := range s.Lines {
			if l.Code == "UITB_"+payroll.SchemeHolidayHours && l.Unit == payroll.UnitHour {
				out = append(slices.Clip(out), app.PayoutPaid{RequestID: wc.hoursRequest, Amount: l.Amount})
			}
		}
	}
	return out
}

// latestPlacement is the placement that started last on or before the date
// (the lowest ID on a tie), or nil.
func latestPlacement(ps map[int64]*domain.Placement, on time.Time) *domain.Placement {
	var best *domain.Placement
	for _, p := range ps {
		if p.Start.After(on) {
			continue
		}
		if best == nil || p.Start.After(best.Start) || (p.Start.Equal(best.Start) && p.ID < best.ID) {
			best = p
		}
	}
	return best
}

// Finding codes payrun adds to a payslip's Skipped list.
const (
	FindPayoutCapped      = "UITBETALING_BEGRENSD"
	FindPayoutNotPossible = "UITBETALING_NIET_MOGELIJK"
)

func (c *calc) sortWorkers() {
	sort.Slice(c.workers, func(i, j int) bool { return lessNumber(c.workers[i].w.Number, c.workers[j].w.Number) })
}

// lessNumber orders worker numbers naturally: shorter numeric strings first.
func lessNumber(a, b string) bool {
	if len(a) != len(b) && isDigits(a) && isDigits(b) {
		return len(a) < len(b)
	}
	return a < b
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// calculate runs the engine for every worker, Options.Parallel at a time,
// and returns the run (not stored): payslips in worker order, and the workers
// whose calculation failed in LeftOut. When every calculation fails with an
// error, that error is returned (a missing parameter pack, say).
func (c *calc) calculate(ctx context.Context, progress func(done, total int)) (*Run, error) {
	n := len(c.workers)
	var next, finished atomic.Int64
	var wg sync.WaitGroup
	par := c.opt.parallel()
	if par > n {
		par = n
	}
	for g := 0; g < par; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= n || ctx.Err() != nil {
					return
				}
				wc := c.workers[i]
				wc.slip, wc.err = payroll.CalculateFor(c.set, wc.in)
				if wc.err == nil && len(wc.notes) > 0 {
					wc.slip.Skipped = append(wc.slip.Skipped, wc.notes...)
				}
				if progress != nil {
					progress(int(finished.Add(1)), n)
				}
			}
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	run := &Run{Period: c.period, Kind: c.kind, PayDate: c.payDate, Fingerprint: c.fingerprint, CreatedAt: c.now,
		LeftOut: append([]LeftOut(nil), c.leftOut...)}
	if c.cl != nil {
		run.ChecklistID = c.cl.ID
	}
	var firstErr error
	for _, wc := range c.workers {
		if wc.err != nil {
			if firstErr == nil {
				firstErr = wc.err
			}
			run.LeftOut = append(run.LeftOut, LeftOut{WorkerID: wc.w.ID, Number: wc.w.Number, Name: wc.w.FullName(), Reason: app.LeftOutError,
				Message: checks.Text{NL: "Berekening mislukt: " + domain.ErrorMessage(wc.err), EN: "Calculation failed: " + domain.ErrorMessage(wc.err)}})
			continue
		}
		run.Payslips = append(run.Payslips, &Payslip{WorkerID: wc.w.ID, WorkerNumber: wc.w.Number, WorkerName: wc.w.FullName(),
			Slip: wc.slip, HourLineIDs: wc.lineIDs})
	}
	if len(run.Payslips) == 0 && firstErr != nil {
		return nil, fmt.Errorf("verloning %s: %w", c.period, firstErr)
	}
	sortLeftOut(run.LeftOut)
	return run, nil
}

func sortLeftOut(l []LeftOut) {
	sort.SliceStable(l, func(i, j int) bool { return lessNumber(l[i].Number, l[j].Number) })
}

// workerIndex returns the calculations of the run by worker ID (the first
// of a worker's, should one occur twice), for lookups per payslip.
func (c *calc) workerIndex() map[int64]*workerCalc {
	m := make(map[int64]*workerCalc, len(c.workers))
	for _, wc := range c.workers {
		if _, ok := m[wc.w.ID]; !ok {
			m[wc.w.ID] = wc
		}
	}
	return m
}
