// Package wagerecords is the loonstaat and jaaropgaaf use case: it reads
// the final payroll runs of a tax year from the store and lays them out per
// worker (the loonstaat, with cumulatives), per pay period over all workers
// (the verzamelloonstaat) and per worker for the year (the jaaropgaaf the
// worker needs for the income-tax return).
//
// Every figure is a sum of what the final runs stored — regular runs and
// correction runs (whose payslips hold the differences) alike — so the
// records tie out to the payroll exactly; nothing is recalculated. The tax
// year of a run is the year of its pay date (the genietingsmoment decides
// the year, §3 of the reference), which is also the parameter pack the run
// was calculated with.
//
// Fiscal wage is the loon voor de loonbelasting/volksverzekeringen (the
// payslip's TaxableWage: gross after the ET exchange, less the employee
// pension premium); the SV wage is the premieloon of the employee
// insurances and the Zvw wage the bijdrageloon, both as payroll capped them
// per period. Verloner applies the uniform wage concept: it has no items
// that are wage for one and not for the other (car benefit, PAWW), so the
// uncapped SV wage equals the fiscal wage.
package wagerecords

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"verloner/app"
	"verloner/domain"
	"verloner/domain/payroll"
	exwr "verloner/exporters/wagerecords"
)

// The loonstaat's types live with the exporter that writes them
// (exporters/wagerecords), as the journal's do; these aliases keep the use
// case's API in one place for the GUI.
type (
	Figures     = exwr.Figures
	Entry       = exwr.Entry
	WorkerYear  = exwr.WorkerYear
	PeriodTotal = exwr.PeriodTotal
	Year        = exwr.Year
)

// FiguresOf takes a payslip's figures (for a correction run: its differences).
func FiguresOf(s *payroll.Payslip) Figures { return exwr.FiguresOf(s) }

// FinalRuns returns the final runs (with payslips) whose pay date lies in
// the tax year, by pay date, period and sequence. Runs are found per pay
// period: the weeks, four-week periods and months from the year before to
// the year after, so a week paid in January of the next year or a period
// paid early is not missed.
func FinalRuns(ctx context.Context, st app.Store, year int) ([]*app.PayrollRun, error) {
	var out []*app.PayrollRun
	for _, kind := range []domain.PeriodKind{domain.Weekly, domain.FourWeek, domain.Monthly} {
		p := domain.PeriodContaining(kind, domain.Date(year-1, 1, 1))
		end := domain.Date(year+1, 12, 31)
		for ; !p.Start().After(end); p = p.Next() {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			runs, err := st.PayrollRuns(ctx, p)
			if err != nil {
				return nil, fmt.Errorf("loonstaat %d: verloningen %s lezen: %w", year, p, err)
			}
			for _, r := range runs {
				if r.Status != app.RunFinal || r.PayDate.Year() != year {
					continue
				}
				full, err := st.PayrollRun(ctx, r.ID)
				if err != nil {
					return nil, fmt.Errorf("loonstaat %d: verloning %d lezen: %w", year, r.ID, err)
				}
				out = append(out, full)
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if !a.PayDate.Equal(b.PayDate) {
			return a.PayDate.Before(b.PayDate)
		}
		if a.Period != b.Period {
			return a.Period.Start().Before(b.Period.Start())
		}
		return a.Seq < b.Seq
	})
	return out, nil
}

// Build reads the final runs of a tax year and lays them out.
func Build(ctx context.Context, st app.Store, year int) (*Year, error) {
	runs, err := FinalRuns(ctx, st, year)
	if err != nil {
		return nil, err
	}
	y := &Year{Year: year, Runs: len(runs)}
	if a, err := st.Agency(ctx); err == nil {
		y.Agency = *a
	} else if domain.ErrorCode(err) != domain.ENOTFOUND {
		return nil, err
	}
	workers := map[int64]*domain.Worker{}
	ws, err := st.Workers(ctx)
	if err != nil {
		return nil, err
	}
	for _, w := range ws {
		workers[w.ID] = w
	}
	byWorker := map[int64]*WorkerYear{}
	byPeriod := map[domain.Period]*PeriodTotal{}
	seen := map[domain.Period]map[int64]bool{}
	for _, r := range runs {
		pt := byPeriod[r.Period]
		if pt == nil {
			pt = &PeriodTotal{Period: r.Period, PayDate: r.PayDate}
			byPeriod[r.Period] = pt
			seen[r.Period] = map[int64]bool{}
			y.Periods = append(y.Periods, pt)
		}
		label := fmt.Sprint(r.Seq)
		if r.Kind == app.RunCorrection {
			label += " (correctie)"
		}
		pt.Runs = append(pt.Runs, label)
		for _, ps := range r.Payslips {
			s := ps.Slip
			if s == nil {
				continue
			}
			wy := byWorker[ps.WorkerID]
			if wy == nil {
				wy = &WorkerYear{WorkerID: ps.WorkerID, Number: ps.WorkerNumber, Name: ps.WorkerName}
				if w := workers[ps.WorkerID]; w != nil {
					wy.BSN, wy.BirthDate, wy.Address, wy.Language = w.BSN, w.BirthDate, w.Address, w.Language
					wy.From, wy.To = w.StartDate, w.EndDate
				}
				byWorker[ps.WorkerID] = wy
				y.Workers = append(y.Workers, wy)
			}
			e := Entry{RunID: r.ID, Seq: r.Seq, Correction: r.Kind == app.RunCorrection, Period: r.Period, PayDate: r.PayDate, Figures: FiguresOf(s),
				TaxCredit: s.TaxCreditApplied, Anonymous: s.Anonymous, AOW: s.AOW, AWfHigh: s.EmployerCosts.AWfHigh,
				SpecialRate: s.SpecialRate.Decimal}
			wy.Totals.Add(e.Figures)
			e.Cumulative = wy.Totals
			wy.Entries = append(wy.Entries, e)
			if r.Kind == app.RunRegular {
				wy.Periods++
				if e.TaxCredit {
					wy.TaxCredit++
				}
			}
			pt.Figures.Add(e.Figures)
			if !seen[r.Period][ps.WorkerID] {
				seen[r.Period][ps.WorkerID] = true
				pt.Workers++
			}
			y.Totals.Add(e.Figures)
		}
	}
	sort.SliceStable(y.Periods, func(i, j int) bool { return y.Periods[i].Period.Start().Before(y.Periods[j].Period.Start()) })
	var cum Figures
	for _, pt := range y.Periods {
		cum.Add(pt.Figures)
		pt.Cumulate = cum
	}
	sort.Slice(y.Workers, func(i, j int) bool { return lessNumber(y.Workers[i].Number, y.Workers[j].Number) })
	first, last := domain.Date(year, 1, 1), domain.Date(year, 12, 31)
	for _, wy := range y.Workers {
		// Employment in the year: the record's dates clipped to the year;
		// without a start date, the first paid period.
		if wy.From.IsZero() && len(wy.Entries) > 0 {
			wy.From = wy.Entries[0].Period.Start()
		}
		if wy.From.Before(first) {
			wy.From = first
		}
		if wy.To.IsZero() || wy.To.After(last) {
			wy.To = last
		}
	}
	return y, nil
}

// lessNumber orders personnel numbers naturally: shorter numeric strings first.
func lessNumber(a, b string) bool {
	if len(a) != len(b) && strings.Trim(a, "0123456789") == "" && strings.Trim(b, "0123456789") == "" {
		return len(a) < len(b)
	}
	return a < b
}
