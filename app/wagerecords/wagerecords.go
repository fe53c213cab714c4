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
	"time"

	"github.com/shopspring/decimal"

	"verloner/app"
	"verloner/domain"
	"verloner/domain/params"
	"verloner/domain/payroll"
)

// Figures are the amounts of a loonstaat line, a worker's year or a period.
type Figures struct {
	Gross           decimal.Decimal // brutoloon (after the ET exchange, incl. taxable allowances and special rewards)
	ETExchanged     decimal.Decimal // uitgeruild voor ET-vergoeding
	PensionEmployee decimal.Decimal // pensioenpremie werknemer (aftrek)
	TaxableWage     decimal.Decimal // loon voor de loonbelasting/volksverzekeringen (fiscaal loon)
	TableWage       decimal.Decimal // of which tabelloon
	SpecialWage     decimal.Decimal // of which bijzondere beloningen
	PremiumWage     decimal.Decimal // premieloon werknemersverzekeringen (SV-loon, capped per period)
	ZvwWage         decimal.Decimal // bijdrageloon Zvw (capped per period)
	WageTax         decimal.Decimal // ingehouden loonheffing
	WageTaxSpecial  decimal.Decimal // of which at the bijzonder tarief
	LabourCredit    decimal.Decimal // verrekende arbeidskorting
	Zvw             decimal.Decimal // werkgeversheffing Zvw
	AWf             decimal.Decimal
	Aof             decimal.Decimal
	Wko             decimal.Decimal
	Whk             decimal.Decimal
	PensionEmployer decimal.Decimal
	Untaxed         decimal.Decimal // onbelaste vergoedingen (incl. ET)
	Deductions      decimal.Decimal // inhoudingen op het netto (incl. voorschotten)
	Net             decimal.Decimal
	PaidHours       decimal.Decimal // verloonde uren
}

// Premiums is the total of the employer premiums (AWf, Aof, Wko, Whk).
func (f Figures) Premiums() decimal.Decimal { return f.AWf.Add(f.Aof).Add(f.Wko).Add(f.Whk) }

// fields lists every amount, so Add and Equal cannot forget one.
func (f *Figures) fields() []*decimal.Decimal {
	return []*decimal.Decimal{&f.Gross, &f.ETExchanged, &f.PensionEmployee, &f.TaxableWage, &f.TableWage, &f.SpecialWage,
		&f.PremiumWage, &f.ZvwWage, &f.WageTax, &f.WageTaxSpecial, &f.LabourCredit, &f.Zvw, &f.AWf, &f.Aof, &f.Wko, &f.Whk,
		&f.PensionEmployer, &f.Untaxed, &f.Deductions, &f.Net, &f.PaidHours}
}

// Add adds g to f.
func (f *Figures) Add(g Figures) {
	gs := g.fields()
	for i, x := range f.fields() {
		*x = x.Add(*gs[i])
	}
}

// Equal reports whether every amount of f equals g's (by value, not by
// representation: 1.50 equals 1.5).
func (f Figures) Equal(g Figures) bool {
	gs := g.fields()
	for i, x := range f.fields() {
		if !x.Equal(*gs[i]) {
			return false
		}
	}
	return true
}

// FiguresOf takes a payslip's figures (for a correction run: its differences).
func FiguresOf(s *payroll.Payslip) Figures {
	ec := s.EmployerCosts
	return Figures{Gross: s.Gross, ETExchanged: s.ETExchanged, PensionEmployee: s.PensionEmployee, TaxableWage: s.TaxableWage,
		TableWage: s.TableWage, SpecialWage: s.SpecialWage, PremiumWage: ec.PremiumWage, ZvwWage: ec.ZvwWage, WageTax: s.WageTax,
		WageTaxSpecial: s.WageTaxSpecial, LabourCredit: s.LabourCreditApplied, Zvw: ec.Zvw, AWf: ec.AWf, Aof: ec.Aof, Wko: ec.Wko,
		Whk: ec.Whk, PensionEmployer: ec.PensionEmployer, Untaxed: s.Untaxed, Deductions: s.Deductions, Net: s.Net, PaidHours: s.PaidHours}
}

// Entry is one payslip of a final run on a worker's loonstaat.
type Entry struct {
	RunID      int64
	Seq        int
	Kind       app.RunKind // regular or correction (differences)
	Period     domain.Period
	PayDate    time.Time
	Figures    Figures
	Cumulative Figures // the worker's totals of the year up to and including this entry
	TaxCredit  bool    // loonheffingskorting applied
	Anonymous  bool    // anoniementarief
	AOW        params.AOW
	AWfHigh    bool
	// SpecialRate is the rate of the tabel bijzondere beloningen used (zero: none).
	SpecialRate decimal.Decimal
}

// Table describes the wage-tax table used, in Dutch: "wit, week, LHK" /
// "anoniementarief" / "wit, maand, AOW, zonder LHK; bijz. 36,97 %".
func (e Entry) Table() string { return tableText(e, "nl") }

// TableEN is Table in English.
func (e Entry) TableEN() string { return tableText(e, "en") }

func tableText(e Entry, lang string) string {
	en := lang == "en"
	if e.Anonymous {
		if en {
			return "anonymous rate"
		}
		return "anoniementarief"
	}
	kinds := map[domain.PeriodKind][2]string{domain.Weekly: {"week", "week"}, domain.FourWeek: {"4 weken", "4 weeks"},
		domain.Monthly: {"maand", "month"}, domain.Quarterly: {"kwartaal", "quarter"}, domain.Daily: {"dag", "day"}}
	i := 0
	if en {
		i = 1
	}
	parts := []string{map[bool]string{false: "wit", true: "white"}[en], kinds[e.Period.Kind][i]}
	if e.AOW != params.AOWNone {
		parts = append(parts, map[bool]string{false: "AOW-leeftijd", true: "state pension age"}[en])
	}
	switch {
	case e.TaxCredit && en:
		parts = append(parts, "with tax credit")
	case e.TaxCredit:
		parts = append(parts, "met LHK")
	case en:
		parts = append(parts, "without tax credit")
	default:
		parts = append(parts, "zonder LHK")
	}
	s := strings.Join(parts, ", ")
	if e.SpecialRate.IsPositive() {
		if en {
			s += "; special " + domain.FormatDecimalNL(e.SpecialRate, 2) + " %"
		} else {
			s += "; bijz. " + domain.FormatDecimalNL(e.SpecialRate, 2) + " %"
		}
	}
	return s
}

// WorkerYear is one worker's loonstaat of a year, and the jaaropgaaf's data.
type WorkerYear struct {
	WorkerID  int64
	Number    string
	Name      string
	BSN       string // in full; exporters mask it everywhere but on the jaaropgaaf
	BirthDate time.Time
	Address   domain.Address
	Language  domain.Language
	// From and To are the employment in the year: the worker's start and end
	// dates clipped to the year, or the first and last paid period.
	From, To  time.Time
	Entries   []Entry
	Totals    Figures
	Periods   int // regular payslips
	TaxCredit int // regular payslips with the loonheffingskorting
}

// PeriodTotal is one line of the verzamelloonstaat: all workers of a pay
// period (regular and correction runs paid in the year).
type PeriodTotal struct {
	Period   domain.Period
	PayDate  time.Time // of the regular run (the first final run)
	Workers  int       // workers with a payslip
	Runs     []string  // "1", "2 (correctie)"
	Figures  Figures
	Cumulate Figures // the year's totals up to and including this period
}

// Year is the loonstaat of a tax year: per worker, per period and in total.
type Year struct {
	Year    int
	Agency  domain.Agency
	Workers []*WorkerYear  // by number
	Periods []*PeriodTotal // by period
	Totals  Figures
	Runs    int // final runs read
}

// Worker returns the worker's year, nil when not paid in the year.
func (y *Year) Worker(id int64) *WorkerYear {
	for _, w := range y.Workers {
		if w.WorkerID == id {
			return w
		}
	}
	return nil
}

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
			e := Entry{RunID: r.ID, Seq: r.Seq, Kind: r.Kind, Period: r.Period, PayDate: r.PayDate, Figures: FiguresOf(s),
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
