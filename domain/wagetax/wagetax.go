// Package wagetax computes Dutch loonheffing (wage tax plus national-insurance
// contributions) for one pay period the way the Belastingdienst's
// "Rekenvoorschriften voor de geautomatiseerde loonadministratie" prescribe, so
// that a payslip shows the same cents as the official witte tabellen: the period
// wage is annualised and stepped down to the table wage, the annual tax and the
// heffingskortingen are computed in whole euros, and the result is divided back
// to the period.
//
// It covers the periods day, week, four weeks, month and quarter; with and
// without loonheffingskorting; below AOW age and at AOW age (born 1946 or later,
// born 1945 or earlier, with or without alleenstaande-ouderenkorting); the
// verrekende arbeidskorting; the anoniementarief; wages above the highest table
// wage; and the tabel bijzondere beloningen for holiday pay and other special
// rewards (Special). All figures come from a params.Pack; nothing here knows a
// year.
//
// The method and every rounding follow §3 of shared/domain/nl-payroll-2026.md,
// whose algorithm reproduces every row of the 2025 and 2026 witte maandtabel;
// the tests check that against both tables in full.
package wagetax

import (
	"fmt"
	"sync"

	"github.com/shopspring/decimal"

	"verloner/domain"
	"verloner/domain/params"
)

// Input is one period wage to tax.
type Input struct {
	// Period is the wage-tax period (tijdvak): day, week, 4 weeks, month or quarter.
	Period domain.PeriodKind
	// Wage is the tijdvakloon: the period's wage for the loonbelasting after the
	// employee's pension premium and exempt items, without special rewards
	// (those go through Special). Not negative.
	Wage decimal.Decimal
	// ApplyCredit is true when the worker asked this employer to apply the
	// loonheffingskorting (only one employer at a time may).
	ApplyCredit bool
	// AOW is the worker's age group; from the first day of the month in which
	// the worker reaches AOW age the AOW columns apply.
	AOW params.AOW
	// SingleElderly applies the alleenstaande-ouderenkorting (AOW age only, and
	// only together with the loonheffingskorting).
	SingleElderly bool
	// Anonymous applies the anoniementarief (52 % of the wage, no credits)
	// because the worker's BSN or identity is missing or not valid. It
	// overrides ApplyCredit.
	Anonymous bool
}

// Annual holds the annual amounts of the Rekenvoorschriften, in whole euros,
// for the table wage L. They are what the period amounts are derived from and
// are shown for checking.
type Annual struct {
	L                   decimal.Decimal // annual table wage (stepped); above Lmax: wage × F, unstepped
	TaxWithout          decimal.Decimal // X1: tax before credits
	GeneralCredit       decimal.Decimal // algemene heffingskorting
	LabourCredit        decimal.Decimal // arbeidskorting (before capping)
	ElderlyCredit       decimal.Decimal // ouderenkorting
	SingleElderlyCredit decimal.Decimal // alleenstaande-ouderenkorting
	TaxWith             decimal.Decimal // X: tax after credits, never negative
	LabourCreditSettled decimal.Decimal // verrekende arbeidskorting: AK after capping to X1
}

// Result is the loonheffing of one period. The "with" and "without" columns are
// always both filled, as in the printed table; Tax is the one that applies.
type Result struct {
	Period domain.PeriodKind
	Wage   decimal.Decimal // the tijdvakloon taxed
	// TableWage is the printed tabelloon of the row the wage falls in:
	// ceil(L / F) to cents. Above the highest table wage (AboveTable) and under
	// the anoniementarief there is no table row and TableWage is the wage itself.
	TableWage  decimal.Decimal
	AboveTable bool
	Anonymous  bool

	TaxWithout decimal.Decimal // loonheffing zonder loonheffingskorting
	TaxWith    decimal.Decimal // loonheffing met loonheffingskorting
	Tax        decimal.Decimal // the loonheffing to withhold for this input
	// LabourCredit is the period verrekende arbeidskorting of the "met
	// loonheffingskorting" column (the table's third column).
	LabourCredit decimal.Decimal
	// LabourCreditApplied is the verrekende arbeidskorting to report in the
	// aangifte for this input: LabourCredit when the credit is applied, else 0.
	LabourCreditApplied decimal.Decimal

	Annual Annual // zero under the anoniementarief
}

// Compute returns the loonheffing of one period wage. It is safe for
// concurrent use. It refuses input it
// cannot tax correctly (negative wage, unknown period, alleenstaande-
// ouderenkorting below AOW age) with a Dutch *domain.Error rather than guess.
func Compute(p *params.Pack, in Input) (Result, error) {
	t, err := tablesFor(p)
	if err != nil {
		return Result{}, err
	}
	return t.compute(in)
}

func (t *tables) compute(in Input) (Result, error) {
	if !in.AOW.Valid() {
		return Result{}, domain.Errorf(domain.EINVALID, "loonheffing: onbekende leeftijdsgroep %d", int(in.AOW))
	}
	if in.SingleElderly && in.AOW == params.AOWNone {
		return Result{}, domain.Errorf(domain.EINVALID, "loonheffing: alleenstaande-ouderenkorting kan alleen vanaf de AOW-leeftijd")
	}
	if in.Wage.IsNegative() {
		return Result{}, domain.Errorf(domain.EINVALID, "loonheffing: tijdvakloon %s is negatief; verwerk een negatief loon als correctie", in.Wage.StringFixed(2))
	}
	pi, err := periodIndex(in.Period)
	if err != nil {
		return Result{}, fmt.Errorf("loonheffing %d: %w", t.year, err)
	}
	res := Result{Period: in.Period, Wage: in.Wage}
	if in.Anonymous {
		tax := t.anonymousTax(in.Wage)
		res.TableWage, res.Anonymous = in.Wage, true
		res.TaxWithout, res.TaxWith, res.Tax = tax, tax, tax
		res.LabourCredit, res.LabourCreditApplied = decimal.Zero, decimal.Zero
		return res, nil
	}

	f := t.factors[pi]
	rows := t.periodRows(pi, in.AOW, in.SingleElderly)
	annualWage := in.Wage.Mul(f)
	// RV step 2: L = floor(tvl × F / Lv) × Lv, so the row is k = L / Lv. Beyond
	// the last row (tvl × F > Lmax) the table stops.
	k, rest := annualWage.QuoRem(t.lv, 0) // k has exponent 0, so Cmp does not rescale
	if c := k.Cmp(t.stepsDec); c > 0 || c == 0 && rest.IsPositive() {
		// §3.4, systematiek 1: the tax of the Lmax row plus xboven, the top rate
		// on the part of the period wage above Lmax / F, rounded down to cents.
		// No stepping above Lmax.
		top := rows[len(rows)-1]
		extra := divFloorCents(annualWage.Sub(t.lmax).Mul(t.groups[in.AOW].topRate), f)
		res.Annual = *top.annual
		res.Annual.L = annualWage
		res.TableWage, res.AboveTable = in.Wage, true
		res.TaxWithout = top.taxWithout.Add(extra)
		res.TaxWith = top.taxWith.Add(extra)
		res.LabourCredit = top.labourCredit
	} else {
		row := rows[k.CoefficientInt64()] // 0 ≤ k ≤ steps
		res.Annual = *row.annual
		res.TableWage = row.tableWage
		res.TaxWithout, res.TaxWith, res.LabourCredit = row.taxWithout, row.taxWith, row.labourCredit
	}
	if in.ApplyCredit {
		res.Tax, res.LabourCreditApplied = res.TaxWith, res.LabourCredit
	} else {
		res.Tax, res.LabourCreditApplied = res.TaxWithout, decimal.Zero
	}
	return res, nil
}

// AnonymousTax returns the loonheffing at the anoniementarief (RV §4.3: 52 %
// in 2025 and 2026, no credits, no table) on an amount: the period wage or a
// special reward of a worker without a valid BSN or identity. Rounded half up to
// cents; the reference names no rounding for it.
func AnonymousTax(p *params.Pack, amount decimal.Decimal) (decimal.Decimal, error) {
	t, err := tablesFor(p)
	if err != nil {
		return decimal.Zero, err
	}
	if amount.IsNegative() {
		return decimal.Zero, domain.Errorf(domain.EINVALID, "anoniementarief: bedrag %s is negatief", amount.StringFixed(2))
	}
	return t.anonymousTax(amount), nil
}

func (t *tables) anonymousTax(amount decimal.Decimal) decimal.Decimal {
	return roundHalfUpCents(amount.Mul(t.anonymous))
}

// tables are the constants of one pack in the form the computation uses,
// derived once per pack: rates as fractions, thresholds as decimals. The
// Rekenvoorschriften make the annual amounts depend on the period wage only
// through the table wage L, a multiple of Lv up to Lmax (2.466 values in 2026),
// so the results per table row are computed once, on first use, per period
// kind, age group and AOK choice — the witte tabel itself, about 4 ms per table
// — and a wage is then taxed by finding its row. Computing every step with
// decimals on each call cost 4,4 µs and 173 allocations per call
// (BenchmarkCompute, 2 cores), close to half the payroll's budget of 10 µs per
// worker-week; the lookup costs about 0,35 µs and 9 allocations.
type tables struct {
	year      int
	lv, lmax  decimal.Decimal
	steps     int64           // Lmax / Lv
	stepsDec  decimal.Decimal // steps, exponent 0
	anonymous decimal.Decimal // fraction
	factors   [len(periodKinds)]decimal.Decimal
	groups    [3]group // indexed by params.AOW

	annualMemo [3][2]memo[Annual]                      // [AOW][AOK]
	periodMemo [len(periodKinds)][3][2]memo[periodRow] // [period][AOW][AOK]
}

// memo is a lazily built table of values per table step k = L / Lv, 0 … steps.
type memo[T any] struct {
	once sync.Once
	rows []T
}

// periodRow holds the period amounts of one table row.
type periodRow struct {
	tableWage, taxWithout, taxWith, labourCredit decimal.Decimal
	annual                                       *Annual
}

// periodKinds are the periods of RV tabel 1b, in the order of the memo index.
var periodKinds = [...]domain.PeriodKind{domain.Daily, domain.Weekly, domain.FourWeek, domain.Monthly, domain.Quarterly}

func periodIndex(k domain.PeriodKind) (int, error) {
	for i, pk := range periodKinds {
		if pk == k {
			return i, nil
		}
	}
	return 0, domain.Errorf(domain.EINVALID, "onbekend loontijdvak %q (day, week, 4weeks, month, quarter)", k)
}

func (t *tables) annualRows(aow params.AOW, single bool) []Annual {
	m := &t.annualMemo[aow][b2i(single)]
	m.once.Do(func() {
		m.rows = make([]Annual, t.steps+1)
		for k := range m.rows {
			m.rows[k] = t.groups[aow].annual(t.lv.Mul(decimal.NewFromInt(int64(k))), single)
		}
	})
	return m.rows
}

// periodRows applies RV step 6 to every table row: the period tax and
// verrekende arbeidskorting are the annual amounts / F, half up to cents, and
// the printed table wage is L / F rounded up to cents.
func (t *tables) periodRows(pi int, aow params.AOW, single bool) []periodRow {
	m := &t.periodMemo[pi][aow][b2i(single)]
	m.once.Do(func() {
		annual := t.annualRows(aow, single)
		f := t.factors[pi]
		m.rows = make([]periodRow, len(annual))
		for k := range annual {
			a := &annual[k]
			m.rows[k] = periodRow{
				tableWage:    divCeilCents(a.L, f),
				taxWithout:   divHalfUpCents(a.TaxWithout, f),
				taxWith:      divHalfUpCents(a.TaxWith, f),
				labourCredit: divHalfUpCents(a.LabourCreditSettled, f),
				annual:       a,
			}
		}
	})
	return m.rows
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// group holds the brackets and credits of one age group.
type group struct {
	brackets []bracket
	topRate  decimal.Decimal // rate of the highest bracket, for xboven
	general  phaseOut
	elderly  *phaseOut // nil below AOW age
	labour   labourCredit
	single   decimal.Decimal // alleenstaande-ouderenkorting; zero below AOW age
}

type bracket struct{ above, rate, c decimal.Decimal }

type phaseOut struct{ max, fullUntil, rate, nilFrom decimal.Decimal }

type labourCredit struct{ g1, g2, g3, g4, o1, o2, o3, phaseOut, m1, m2, m3 decimal.Decimal }

// cache maps *params.Pack to *tables. Packs are immutable, so the pointer is a
// sound key. Entries are never evicted: a program loads a handful of packs.
var cache sync.Map

func tablesFor(p *params.Pack) (*tables, error) {
	if p == nil {
		return nil, domain.Errorf(domain.EINTERNAL, "loonheffing: geen parameterpakket")
	}
	if t, ok := cache.Load(p); ok {
		return t.(*tables), nil
	}
	t, _ := cache.LoadOrStore(p, compile(p))
	return t.(*tables), nil
}

func compile(p *params.Pack) *tables {
	wt := p.WageTax()
	t := &tables{
		year:      p.Year(),
		lv:        wt.TableStep,
		lmax:      wt.TableMax,
		steps:     wt.TableMax.Div(wt.TableStep).IntPart(), // whole: checked when the pack is loaded
		anonymous: wt.AnonymousRate.Fraction(),
	}
	t.stepsDec = decimal.NewFromInt(t.steps)
	for i, k := range periodKinds {
		f, _ := p.Factor(k) // every kind in periodKinds is known
		t.factors[i] = decimal.NewFromInt(int64(f))
	}
	for _, aow := range []params.AOW{params.AOWNone, params.AOWBorn1946OrLater, params.AOWBorn1945OrEarlier} {
		g := &t.groups[aow]
		for _, b := range p.Box1(aow).Brackets {
			g.brackets = append(g.brackets, bracket{above: b.Above, rate: b.Rate.Fraction(), c: b.Cumulative})
		}
		g.topRate = g.brackets[len(g.brackets)-1].rate
		g.general = newPhaseOut(p.GeneralCredit(aow))
		lc := p.LabourCredit(aow)
		g.labour = labourCredit{
			g1: lc.G1, g2: lc.G2, g3: lc.G3, g4: lc.G4,
			o1: lc.O1.Fraction(), o2: lc.O2.Fraction(), o3: lc.O3.Fraction(), phaseOut: lc.PhaseOut.Fraction(),
			m1: lc.M1, m2: lc.M2, m3: lc.M3,
		}
		g.single = decimal.Zero
		if aow != params.AOWNone {
			e := newPhaseOut(p.ElderlyCredit())
			g.elderly = &e
			g.single = p.SingleElderlyCredit().Amount
		}
	}
	return t
}

func newPhaseOut(c params.PhaseOutCredit) phaseOut {
	return phaseOut{max: c.Max, fullUntil: c.FullUntil, rate: c.PhaseOut.Fraction(), nilFrom: c.NilFrom}
}

// annual computes RV steps 3–5 for table wage l.
func (g *group) annual(l decimal.Decimal, single bool) Annual {
	a := Annual{L: l, TaxWithout: g.taxBeforeCredits(l), GeneralCredit: g.general.at(l), LabourCredit: g.labour.at(l)}
	a.ElderlyCredit = decimal.Zero
	if g.elderly != nil {
		a.ElderlyCredit = g.elderly.at(l)
	}
	a.SingleElderlyCredit = decimal.Zero
	if single {
		a.SingleElderlyCredit = g.single
	}
	a.TaxWith, a.LabourCreditSettled = settle(a)
	return a
}

// taxBeforeCredits is X1 = floor(c_k + (L − a_k) × b_k) for the bracket L
// falls in (RV step 3).
func (g *group) taxBeforeCredits(l decimal.Decimal) decimal.Decimal {
	b := g.brackets[0]
	for _, next := range g.brackets[1:] {
		if l.LessThanOrEqual(next.above) {
			break
		}
		b = next
	}
	return floorEuro(b.c.Add(l.Sub(b.above).Mul(b.rate)))
}

// at is the algemene heffingskorting or ouderenkorting at L: the maximum up to
// and including fullUntil, nil from nilFrom, in between the maximum less the
// phase-out, rounded up to whole euros and never negative (RV step 4).
func (c phaseOut) at(l decimal.Decimal) decimal.Decimal {
	switch {
	case l.LessThanOrEqual(c.fullUntil):
		return c.max
	case l.GreaterThanOrEqual(c.nilFrom):
		return decimal.Zero
	}
	return nonNegative(ceilEuro(c.max.Sub(l.Sub(c.fullUntil).Mul(c.rate))))
}

// at is the arbeidskorting at L (RV step 4): three capped build-up phases and
// one phase-out, each product rounded to 5 decimals, the result rounded up to
// whole euros; nil from g4.
func (c labourCredit) at(l decimal.Decimal) decimal.Decimal {
	if l.GreaterThanOrEqual(c.g4) {
		return decimal.Zero
	}
	p := decimal.Min(round5(c.o1.Mul(l)), c.m1)
	p = decimal.Min(p.Add(round5(c.o2.Mul(above(l, c.g1)))), c.m2)
	p = decimal.Min(p.Add(round5(c.o3.Mul(above(l, c.g2)))), c.m3)
	p = p.Sub(round5(c.phaseOut.Mul(above(l, c.g3))))
	return nonNegative(ceilEuro(p))
}

// settle applies the credits to X1 (RV step 5). When they exceed X1 the tax is
// nil and the credits are capped in the order alleenstaande-ouderenkorting,
// arbeidskorting, ouderenkorting, algemene heffingskorting ("topt u het
// theoretische bedrag van de heffingskortingen af in volgorde AOK, ARK, OUK,
// AHK", S42 quoting RV2026). It returns X and the verrekende arbeidskorting.
func settle(a Annual) (tax, labourSettled decimal.Decimal) {
	credits := a.GeneralCredit.Add(a.LabourCredit).Add(a.ElderlyCredit).Add(a.SingleElderlyCredit)
	excess := credits.Sub(a.TaxWithout)
	if !excess.IsPositive() {
		return excess.Neg(), a.LabourCredit
	}
	excess = excess.Sub(a.SingleElderlyCredit) // AOK is capped first
	return decimal.Zero, nonNegative(a.LabourCredit.Sub(nonNegative(excess)))
}

func above(l, threshold decimal.Decimal) decimal.Decimal { return nonNegative(l.Sub(threshold)) }

func nonNegative(d decimal.Decimal) decimal.Decimal {
	if d.IsNegative() {
		return decimal.Zero
	}
	return d
}
