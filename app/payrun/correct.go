package payrun

import (
	"context"
	"fmt"
	"strings"

	"github.com/shopspring/decimal"

	"verloner/app"
	"verloner/domain"
	"verloner/domain/checks"
	"verloner/domain/payroll"
)

// prepareCorrection builds the inputs of a correction run: every worker paid
// in the period's final runs, recalculated over all the period's lines (paid
// and added since), with the deductions of the period as they are now, the
// advances and payouts as they were withheld and paid, and the year-to-date
// totals as they were before the period.
func prepareCorrection(ctx context.Context, st app.Store, period domain.Period, opt Options, cl *checks.Checklist, finals []*Run, progress func(done, total int)) (*calc, error) {
	c, err := load(ctx, st, period, opt, cl, app.RunCorrection)
	if err != nil {
		return nil, err
	}
	// The correction pays at the original pay date: the tax year of a
	// period's wage does not move because the wage was corrected later.
	for _, r := range finals {
		if r.Kind == app.RunRegular && !r.PayDate.IsZero() && opt.PayDate.IsZero() {
			c.payDate = r.PayDate
			if c.pack, err = c.set.For(c.payDate); err != nil {
				return nil, err
			}
			break
		}
	}
	s, err := loadScope(ctx, st, period, finals)
	if err != nil {
		return nil, err
	}
	progress(1, 3)
	c.prev = map[int64]*payroll.Payslip{}
	regular := map[int64]int{}
	for _, r := range finals {
		for _, ps := range r.Payslips {
			c.prev[ps.WorkerID] = combine(c.prev[ps.WorkerID], ps.Slip, 1)
			if r.Kind == app.RunRegular {
				regular[ps.WorkerID]++
			}
		}
	}
	ids := map[int64]bool{}
	for id := range c.prev {
		ids[id] = true
	}
	extra, err := c.loadExtras(ctx, ids)
	if err != nil {
		return nil, err
	}
	progress(2, 3)
	lines := map[int64][]*domain.HourLine{}
	for _, l := range s.lines {
		if id := s.workerOf(l); ids[id] && l.Status != domain.HoursVoid {
			lines[id] = append(lines[id], l)
		}
	}
	for id := range ids {
		w := s.workers[id]
		prev := c.prev[id]
		wc := c.newWorker(w, s.byWorker[id], lines[id], extra)
		for _, l := range lines[id] {
			if l.Status != domain.HoursPaid {
				wc.lineIDs = append(wc.lineIDs, l.ID)
				c.lines = append(c.lines, l)
			}
		}
		// Advances and payouts as they were settled: a correction does not
		// withhold new advances nor pay new requests (the next regular run does).
		wc.in.Extras.Advances, wc.in.Extras.Payouts = nil, nil
		withheld := map[int64]decimal.Decimal{}
		var refs []int64
		for _, l := range prev.Lines {
			if l.Code == payroll.CodeAdvance && l.Amount.IsPositive() {
				if _, ok := withheld[l.RefID]; !ok {
					refs = append(refs, l.RefID)
				}
				withheld[l.RefID] = withheld[l.RefID].Add(l.Amount)
			}
		}
		for _, ref := range refs {
			wc.in.Extras.Advances = append(wc.in.Extras.Advances, &domain.Advance{ID: ref, WorkerID: id, Period: period, Amount: withheld[ref]})
		}
		paidOut := map[string]decimal.Decimal{}
		var schemes []string
		for _, l := range prev.Lines {
			if scheme, ok := strings.CutPrefix(l.Code, "UITB_"); ok && l.Amount.IsPositive() {
				if _, seen := paidOut[scheme]; !seen {
					schemes = append(schemes, scheme)
				}
				paidOut[scheme] = paidOut[scheme].Add(l.Amount)
			}
		}
		for _, scheme := range schemes {
			wc.in.Extras.Payouts = append(wc.in.Extras.Payouts, payroll.ReservationPayout{Scheme: scheme, Amount: paidOut[scheme]})
		}
		y := &wc.in.YearToDate
		y.Periods -= regular[id]
		if y.Periods < 0 {
			y.Periods = 0
		}
		y.TableWage = y.TableWage.Sub(prev.TableWage)
		y.SpecialWage = y.SpecialWage.Sub(prev.SpecialWage)
		y.WageTax = y.WageTax.Sub(prev.WageTax)
		c.workers = append(c.workers, wc)
	}
	c.sortWorkers()
	c.fingerprint = fingerprintOf(c.lines)
	progress(3, 3)
	return c, nil
}

// differences turns the recalculated payslips of a correction run into
// difference payslips (recalculated − paid before) and drops the workers
// whose payslip did not change and who have no new hour lines.
func (c *calc) differences(run *Run) {
	kept := run.Payslips[:0]
	for _, ps := range run.Payslips {
		diff := combine(ps.Slip, c.prev[ps.WorkerID], -1)
		if isZero(diff) && len(ps.HourLineIDs) == 0 {
			continue
		}
		ps.Recalculated, ps.Slip = ps.Slip, diff
		kept = append(kept, ps)
	}
	run.Payslips = kept
}

// lineKey identifies "the same" line in two payslips of a period: a change
// of rate or pay % gives a new key, so the difference shows the old line
// reversed and the new one added.
type lineKey struct {
	code, category, percent, rate, unit string
	placement, ref                      int64
	hourType                            domain.HourType
	special, preTax                     bool
}

func keyOf(l *payroll.Line) lineKey {
	return lineKey{code: l.Code, category: string(l.Category), percent: l.Percent.String(), rate: l.Rate.String(),
		unit: string(l.Unit), placement: l.PlacementID, ref: l.RefID, hourType: l.HourType, special: l.Special, preTax: l.PreTax}
}

// combine returns a + sign × b for every amount of a payslip; lines are
// matched by lineKey. Descriptive fields (period, texts, findings, rates
// used, year-to-date) come from a, or from b when a is nil. With a nil b it
// returns a copy of a.
func combine(a, b *payroll.Payslip, sign int64) *payroll.Payslip {
	if a == nil {
		a = &payroll.Payslip{Period: b.Period, PayDate: b.PayDate, Year: b.Year, AOW: b.AOW, SpecialRate: b.SpecialRate}
	}
	out := *a
	out.Lines = nil
	if b == nil {
		b = &payroll.Payslip{}
	}
	sg := decimal.NewFromInt(sign)
	m := func(x, y decimal.Decimal) decimal.Decimal { return x.Add(y.Mul(sg)) }
	idx := map[lineKey]int{}
	for _, l := range a.Lines {
		k := keyOf(&l)
		if i, ok := idx[k]; ok {
			out.Lines[i].Quantity = out.Lines[i].Quantity.Add(l.Quantity)
			out.Lines[i].Amount = out.Lines[i].Amount.Add(l.Amount)
			continue
		}
		idx[k] = len(out.Lines)
		out.Lines = append(out.Lines, l)
	}
	for _, l := range b.Lines {
		k := keyOf(&l)
		if i, ok := idx[k]; ok {
			out.Lines[i].Quantity = m(out.Lines[i].Quantity, l.Quantity)
			out.Lines[i].Amount = m(out.Lines[i].Amount, l.Amount)
			continue
		}
		idx[k] = len(out.Lines)
		l.Quantity, l.Amount = l.Quantity.Mul(sg), l.Amount.Mul(sg)
		out.Lines = append(out.Lines, l)
	}
	if sign < 0 {
		kept := out.Lines[:0]
		for _, l := range out.Lines {
			if !l.Amount.IsZero() || !l.Quantity.IsZero() {
				kept = append(kept, l)
			}
		}
		out.Lines = kept
	}
	out.Gross = m(a.Gross, b.Gross)
	out.GrossBeforeExchange = m(a.GrossBeforeExchange, b.GrossBeforeExchange)
	out.ETExchanged = m(a.ETExchanged, b.ETExchanged)
	out.TaxableWage = m(a.TaxableWage, b.TaxableWage)
	out.TableWage = m(a.TableWage, b.TableWage)
	out.SpecialWage = m(a.SpecialWage, b.SpecialWage)
	out.WageTax = m(a.WageTax, b.WageTax)
	out.WageTaxTable = m(a.WageTaxTable, b.WageTaxTable)
	out.WageTaxSpecial = m(a.WageTaxSpecial, b.WageTaxSpecial)
	out.LabourCreditApplied = m(a.LabourCreditApplied, b.LabourCreditApplied)
	out.PensionBase = m(a.PensionBase, b.PensionBase)
	out.PensionEmployee = m(a.PensionEmployee, b.PensionEmployee)
	out.Untaxed = m(a.Untaxed, b.Untaxed)
	out.Expenses = m(a.Expenses, b.Expenses)
	out.Deductions = m(a.Deductions, b.Deductions)
	out.AdvancesWithheld = m(a.AdvancesWithheld, b.AdvancesWithheld)
	out.Net = m(a.Net, b.Net)
	ea, eb := a.EmployerCosts, b.EmployerCosts
	out.EmployerCosts = payroll.EmployerCosts{PremiumWage: m(ea.PremiumWage, eb.PremiumWage), ZvwWage: m(ea.ZvwWage, eb.ZvwWage),
		Zvw: m(ea.Zvw, eb.Zvw), AWf: m(ea.AWf, eb.AWf), AWfHigh: ea.AWfHigh, Aof: m(ea.Aof, eb.Aof), Wko: m(ea.Wko, eb.Wko),
		Whk: m(ea.Whk, eb.Whk), PensionEmployer: m(ea.PensionEmployer, eb.PensionEmployer), Total: m(ea.Total, eb.Total)}
	out.WageCost = m(a.WageCost, b.WageCost)
	out.WorkedHours = m(a.WorkedHours, b.WorkedHours)
	out.PaidHours = m(a.PaidHours, b.PaidHours)
	if sign < 0 {
		out.WageCostPerHour = decimal.Zero // a per-hour figure has no meaningful difference
	}
	out.ReservationsAccrued = combineMap(a.ReservationsAccrued, b.ReservationsAccrued, sg)
	out.ReservationsDrawn = combineMap(a.ReservationsDrawn, b.ReservationsDrawn, sg)
	out.LeaveHoursAccrued = combineMap(a.LeaveHoursAccrued, b.LeaveHoursAccrued, sg)
	return &out
}

func combineMap(a, b map[string]decimal.Decimal, sg decimal.Decimal) map[string]decimal.Decimal {
	if a == nil && b == nil {
		return nil
	}
	out := map[string]decimal.Decimal{}
	for k, v := range a {
		out[k] = v
	}
	for k, v := range b {
		out[k] = out[k].Add(v.Mul(sg))
	}
	for k, v := range out {
		if v.IsZero() {
			delete(out, k)
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// isZero reports whether a difference payslip has nothing to pay, withhold
// or reserve.
func isZero(s *payroll.Payslip) bool {
	return len(s.Lines) == 0 && s.Net.IsZero() && s.Gross.IsZero() && s.WageTax.IsZero() && s.EmployerCosts.Total.IsZero() &&
		len(s.ReservationsAccrued) == 0 && len(s.ReservationsDrawn) == 0 && len(s.LeaveHoursAccrued) == 0
}

// Describe is a one-line Dutch summary of a run for logs and the command line.
func Describe(r *Run) string {
	what := map[app.RunStatus]string{app.RunProof: "proefverloning", app.RunApproved: "goedgekeurde proef", app.RunFinal: "definitieve run"}[r.Status]
	if r.Kind == app.RunCorrection {
		what = "correctierun"
	}
	s := fmt.Sprintf("%s %s", strings.ToUpper(what[:1])+what[1:], r.Period)
	if r.Seq > 0 {
		s += fmt.Sprintf(" (run %d)", r.Seq)
	}
	return s + fmt.Sprintf(": %d loonstroken, bruto %s, netto %s, %d niet verloond", r.Workers, domain.FormatEuro(r.Gross),
		domain.FormatEuro(r.Net), len(r.LeftOut))
}
