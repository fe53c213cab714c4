package margin

import (
	"fmt"
	"sort"
	"time"

	"github.com/shopspring/decimal"

	"verloner/domain"
)

// Comparison is the total of another period set against this one. Without
// data (no final run and no invoice in that period) Available is false and
// the changes are null: "no data" is shown as such, never as a zero.
type Comparison struct {
	Period    domain.Period `json:"period"`
	Available bool          `json:"available"`
	Total     Figures       `json:"total"`
	// Changes are this period minus that one.
	RevenueChange  decimal.NullDecimal `json:"revenue_change"`
	WageCostChange decimal.NullDecimal `json:"wage_cost_change"`
	MarginChange   decimal.NullDecimal `json:"margin_change"`
	HoursChange    decimal.NullDecimal `json:"hours_change"`
	// MarginGrowth is the margin change as a % of that period's margin
	// (null when that margin is zero or there are no data).
	MarginGrowth decimal.NullDecimal `json:"margin_growth"`
}

// Compare sets this period against other (nil or empty: no data).
func Compare(cur *Margins, other *Margins, period domain.Period) Comparison {
	c := Comparison{Period: period}
	if other == nil || other.Empty() {
		return c
	}
	c.Available, c.Total = true, other.Total
	diff := func(a, b decimal.Decimal) decimal.NullDecimal { return decimal.NewNullDecimal(a.Sub(b)) }
	c.RevenueChange = diff(cur.Total.Revenue, other.Total.Revenue)
	c.WageCostChange = diff(cur.Total.WageCost, other.Total.WageCost)
	c.MarginChange = diff(cur.Total.Margin, other.Total.Margin)
	c.HoursChange = diff(cur.Total.Hours, other.Total.Hours)
	c.MarginGrowth = Percent(cur.Total.Margin.Sub(other.Total.Margin), other.Total.Margin.Abs())
	return c
}

// rowKey identifies "the same" group in two periods.
func rowKey(r Row) string { return fmt.Sprintf("%s\x00%d\x00%s", r.Key, r.ID, r.Name) }

// attach sets, per row of cur, the figures of the same row in other via set.
func attach(cur *Margins, other *Margins, set func(r *Row, f *Figures)) {
	if other == nil {
		return
	}
	for _, d := range Dimensions {
		found := map[string]Figures{}
		for _, r := range other.Rows(d) {
			found[rowKey(r)] = r.Figures
		}
		rows := *cur.rowsPtr(d)
		for i := range rows {
			if f, ok := found[rowKey(rows[i])]; ok {
				set(&rows[i], &f)
			}
		}
	}
}

// Summary is a run of periods added up: the year to date.
type Summary struct {
	From       domain.Period `json:"from"`
	To         domain.Period `json:"to"`
	Periods    int           `json:"periods"` // with data
	Total      Figures       `json:"total"`
	Hirers     []Row         `json:"hirers"`
	Workers    []Row         `json:"workers"`
	Placements []Row         `json:"placements"`
	Functions  []Row         `json:"functions"`
}

// Rows returns the rows of one dimension.
func (s *Summary) Rows(d Dimension) []Row {
	switch d {
	case ByHirer:
		return s.Hirers
	case ByWorker:
		return s.Workers
	case ByPlacement:
		return s.Placements
	case ByFunction:
		return s.Functions
	}
	return nil
}

// Accumulate adds up periods (nil entries are skipped) per row key.
func Accumulate(from, to domain.Period, periods []*Margins) *Summary {
	s := &Summary{From: from, To: to}
	for _, d := range Dimensions {
		idx := map[string]int{}
		var rows []Row
		for _, m := range periods {
			if m == nil {
				continue
			}
			for _, r := range m.Rows(d) {
				k := rowKey(r)
				i, ok := idx[k]
				if !ok {
					i = len(rows)
					idx[k] = i
					rows = append(rows, Row{Key: r.Key, ID: r.ID, Name: r.Name, Detail: r.Detail})
				}
				rows[i].Lines += r.Lines
				rows[i].Figures = rows[i].Figures.Plus(r.Figures)
			}
		}
		sort.SliceStable(rows, func(i, j int) bool {
			a, b := rows[i], rows[j]
			if (a.Name == Unallocated) != (b.Name == Unallocated) {
				return b.Name == Unallocated
			}
			if a.Key != b.Key {
				return a.Key < b.Key
			}
			return a.ID < b.ID
		})
		switch d {
		case ByHirer:
			s.Hirers = rows
		case ByWorker:
			s.Workers = rows
		case ByPlacement:
			s.Placements = rows
		case ByFunction:
			s.Functions = rows
		}
	}
	for _, m := range periods {
		if m == nil || m.Empty() {
			continue
		}
		s.Periods++
		s.Total = s.Total.Plus(m.Total)
	}
	s.Total = s.Total.derive()
	return s
}

// Point is one period of a chart series.
type Point struct {
	Period    domain.Period `json:"period"`
	Available bool          `json:"available"`
	Figures
}

// Series turns periods into chart points, one per period in order; a nil or
// empty period is a point without data.
func Series(periods []domain.Period, ms []*Margins) []Point {
	out := make([]Point, len(periods))
	for i, p := range periods {
		out[i] = Point{Period: p, Figures: Figures{}.derive()}
		if i < len(ms) && ms[i] != nil && !ms[i].Empty() {
			out[i].Available, out[i].Figures = true, ms[i].Total
		}
	}
	return out
}

// Debtor is what one hirer owes on the agency's invoices.
type Debtor struct {
	HirerID  int64           `json:"hirer_id"`
	Hirer    string          `json:"hirer"` // number
	Name     string          `json:"name"`
	Invoices int             `json:"invoices"` // with something open
	Open     decimal.Decimal `json:"open"`     // incl. VAT
	Overdue  decimal.Decimal `json:"overdue"`  // of which past the due date
}

// Debtors are the open receivables on a date, per hirer (largest first).
type Debtors struct {
	AsOf    time.Time       `json:"as_of"`
	Open    decimal.Decimal `json:"open"`
	Overdue decimal.Decimal `json:"overdue"`
	Hirers  []Debtor        `json:"hirers"`
}

// SortDebtors orders debtors by open amount, largest first, and totals them.
func SortDebtors(d *Debtors) {
	d.Open, d.Overdue = decimal.Zero, decimal.Zero
	for _, h := range d.Hirers {
		d.Open, d.Overdue = d.Open.Add(h.Open), d.Overdue.Add(h.Overdue)
	}
	sort.SliceStable(d.Hirers, func(i, j int) bool {
		if c := d.Hirers[i].Open.Cmp(d.Hirers[j].Open); c != 0 {
			return c > 0
		}
		return d.Hirers[i].Hirer < d.Hirers[j].Hirer
	})
}

// TopHirers returns the n hirers with the most revenue (then margin), the
// group without hirer left out.
func TopHirers(m *Margins, n int) []Row {
	var rows []Row
	for _, r := range m.Hirers {
		if r.ID != 0 {
			rows = append(rows, r)
		}
	}
	sort.SliceStable(rows, func(i, j int) bool {
		if c := rows[i].Revenue.Cmp(rows[j].Revenue); c != 0 {
			return c > 0
		}
		if c := rows[i].Margin.Cmp(rows[j].Margin); c != 0 {
			return c > 0
		}
		return rows[i].Key < rows[j].Key
	})
	if len(rows) > n {
		rows = rows[:n]
	}
	return rows
}

// Status says how final a period's figures are.
type Status string

// Statuses.
const (
	StatusFinal     Status = "final"      // final payroll and every billable hour invoiced
	StatusEstimated Status = "estimated"  // final payroll, (part of the) revenue estimated from hours
	StatusNoPayroll Status = "no_payroll" // invoices but no final payroll run: no wage cost yet
	StatusNoData    Status = "no_data"    // neither
)

// Overview is everything the Marges page, the margin command and the
// exports show of one period.
type Overview struct {
	Agency     string        `json:"agency"`
	Period     domain.Period `json:"period"`
	Status     Status        `json:"status"`
	Margins    *Margins      `json:"margins"`
	Previous   Comparison    `json:"previous"`
	LastYear   Comparison    `json:"last_year"`
	YearToDate *Summary      `json:"year_to_date"`
	// Series are the periods of the year up to and including Period, for
	// the chart.
	Series     []Point     `json:"series"`
	Debtors    Debtors     `json:"debtors"`
	TopHirers  []Row       `json:"top_hirers"`
	Settlement *Settlement `json:"settlement,omitempty"` // nil: no backoffice fee set
	Generated  time.Time   `json:"generated"`
}

// Inputs are the computed periods an Overview is built from.
type Inputs struct {
	Agency    string
	Current   *Margins
	Previous  *Margins // nil: no data
	LastYear  *Margins // nil: no data (also when the year has no such period)
	LastYearP domain.Period
	// Year are the periods of the year from the first up to and including
	// the current one (nil: no data), in order, with their periods.
	Year        []*Margins
	YearPeriods []domain.Period
	// HasFinalRun says the current period has a final payroll run.
	HasFinalRun bool
	Debtors     Debtors
	Fee         Fee
	Approval    *Approval
	Generated   time.Time
}

// TopN is the number of hirers the management report ranks.
const TopN = 5

// Build assembles the overview: comparisons on the total and per row, the
// year to date per row, the chart series, the top hirers and the settlement.
func Build(in Inputs) *Overview {
	cur := in.Current
	ov := &Overview{Agency: in.Agency, Period: cur.Period, Margins: cur, Debtors: in.Debtors, Generated: in.Generated}
	ov.Debtors.Hirers = append([]Debtor(nil), in.Debtors.Hirers...)
	SortDebtors(&ov.Debtors)
	switch {
	case in.HasFinalRun && cur.Total.Estimated:
		ov.Status = StatusEstimated
	case in.HasFinalRun:
		ov.Status = StatusFinal
	case !cur.Empty():
		ov.Status = StatusNoPayroll
	default:
		ov.Status = StatusNoData
	}
	ov.Previous = Compare(cur, in.Previous, cur.Period.Prev())
	ov.LastYear = Compare(cur, in.LastYear, in.LastYearP)
	attach(cur, in.Previous, func(r *Row, f *Figures) { r.Previous = f })
	attach(cur, in.LastYear, func(r *Row, f *Figures) { r.LastYear = f })
	if len(in.YearPeriods) > 0 {
		ov.YearToDate = Accumulate(in.YearPeriods[0], in.YearPeriods[len(in.YearPeriods)-1], in.Year)
		ytd := &Margins{Hirers: ov.YearToDate.Hirers, Workers: ov.YearToDate.Workers, Placements: ov.YearToDate.Placements, Functions: ov.YearToDate.Functions}
		attach(cur, ytd, func(r *Row, f *Figures) { r.YearToDate = f })
		ov.Series = Series(in.YearPeriods, in.Year)
	}
	ov.TopHirers = TopHirers(cur, TopN)
	if in.Fee.Kind != FeeNone {
		ov.Settlement = Settle(cur, in.Fee, in.Approval)
	}
	return ov
}

// LastYearPeriod is the same period a year earlier; false when that year has
// no such period (week 53).
func LastYearPeriod(p domain.Period) (domain.Period, bool) {
	ly := domain.Period{Kind: p.Kind, Year: p.Year - 1, Number: p.Number}
	if _, err := domain.ParsePeriod(ly.String()); err != nil {
		return ly, false
	}
	return ly, true
}

// YearPeriods are the periods of p's year from the first up to p.
func YearPeriods(p domain.Period) []domain.Period {
	var out []domain.Period
	for q := (domain.Period{Kind: p.Kind, Year: p.Year, Number: 1}); q.Number <= p.Number && q.Year == p.Year; q = q.Next() {
		out = append(out, q)
	}
	return out
}
