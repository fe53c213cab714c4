package margin

import (
	"fmt"
	"sort"
	"strings"

	"github.com/shopspring/decimal"

	"verloner/domain"
	"verloner/domain/payroll"
)

// PaidHours are the hours a payslip paid on one placement and hour type: the
// allocation key of the worker's wage cost.
type PaidHours struct {
	PlacementID int64           `json:"placement_id"`
	Type        domain.HourType `json:"type"`
	Hours       decimal.Decimal `json:"hours"`
}

// Cost is one worker's wage cost of a period, summed over the period's final
// payroll runs, with its components as the payroll journal shows them.
type Cost struct {
	WorkerID        int64           `json:"worker_id"`
	Worker          string          `json:"worker"` // number; Compute fills it from the Directory
	Name            string          `json:"name"`
	Gross           decimal.Decimal `json:"gross"`            // brutoloon, incl. what was paid from reserves
	Drawn           decimal.Decimal `json:"drawn"`            // of which paid from reserves (costed when reserved)
	Untaxed         decimal.Decimal `json:"untaxed"`          // untaxed allowances excl. expense refunds
	Reservations    decimal.Decimal `json:"reservations"`     // money reserved this period
	Premiums        decimal.Decimal `json:"premiums"`         // employer premiums and Zvw
	PensionEmployer decimal.Decimal `json:"pension_employer"` // employer's pension contribution
	WageCost        decimal.Decimal `json:"wage_cost"`
	PaidHours       decimal.Decimal `json:"paid_hours"` // the payslips' verloonde uren
	Hours           []PaidHours     `json:"hours"`      // PaidHours per placement × hour type
	// Weeks is the number of ISO weeks in which the worker had paid hours:
	// the basis of a backoffice fee per worker-week (1 for a weekly period).
	Weeks int `json:"weeks"`
}

// CostOf reads the wage cost and its allocation key from a final payslip (or
// a correction run's difference payslip). Hour lines are the gross lines in
// hours that paid something: the waiting-day line and leave "already paid
// weekly" are shown on the payslip but are no paid hours.
func CostOf(workerID int64, s *payroll.Payslip) Cost {
	c := Cost{WorkerID: workerID, Gross: s.Gross, Untaxed: s.Untaxed.Sub(s.Expenses), WageCost: s.WageCost, PaidHours: s.PaidHours}
	for _, v := range s.ReservationsDrawn {
		c.Drawn = c.Drawn.Add(v)
	}
	for _, v := range s.ReservationsAccrued {
		c.Reservations = c.Reservations.Add(v)
	}
	e := s.EmployerCosts
	c.Premiums = e.Zvw.Add(e.AWf).Add(e.Aof).Add(e.Wko).Add(e.Whk)
	c.PensionEmployer = e.PensionEmployer
	idx := map[hourKey]int{}
	for _, l := range s.Lines {
		if l.Category != payroll.CatGross || l.Unit != payroll.UnitHour || l.Code == payroll.CodeWaitingDay || l.HourType == "" ||
			(l.Rate.IsZero() && l.Amount.IsZero()) || l.Quantity.IsZero() {
			continue
		}
		k := hourKey{l.PlacementID, l.HourType}
		if i, ok := idx[k]; ok {
			c.Hours[i].Hours = c.Hours[i].Hours.Add(l.Quantity)
			continue
		}
		idx[k] = len(c.Hours)
		c.Hours = append(c.Hours, PaidHours{PlacementID: l.PlacementID, Type: l.HourType, Hours: l.Quantity})
	}
	return c
}

type hourKey struct {
	placement int64
	typ       domain.HourType
}

// Components is the wage cost as the sum of its parts: gross − drawn +
// untaxed + reservations + premiums + employer pension.
func (c Cost) Components() decimal.Decimal {
	return c.Gross.Sub(c.Drawn).Add(c.Untaxed).Add(c.Reservations).Add(c.Premiums).Add(c.PensionEmployer)
}

// add sums two costs of the same worker (several final runs of a period).
func (c Cost) add(o Cost) Cost {
	c.Gross, c.Drawn, c.Untaxed = c.Gross.Add(o.Gross), c.Drawn.Add(o.Drawn), c.Untaxed.Add(o.Untaxed)
	c.Reservations, c.Premiums = c.Reservations.Add(o.Reservations), c.Premiums.Add(o.Premiums)
	c.PensionEmployer, c.WageCost, c.PaidHours = c.PensionEmployer.Add(o.PensionEmployer), c.WageCost.Add(o.WageCost), c.PaidHours.Add(o.PaidHours)
	idx := map[hourKey]int{}
	hours := append([]PaidHours(nil), c.Hours...)
	for i, h := range hours {
		idx[hourKey{h.PlacementID, h.Type}] = i
	}
	for _, h := range o.Hours {
		if i, ok := idx[hourKey{h.PlacementID, h.Type}]; ok {
			hours[i].Hours = hours[i].Hours.Add(h.Hours)
			continue
		}
		idx[hourKey{h.PlacementID, h.Type}] = len(hours)
		hours = append(hours, h)
	}
	c.Hours = hours
	if o.Weeks > c.Weeks {
		c.Weeks = o.Weeks
	}
	return c
}

// Invoice units (UN/ECE Rec. 20) of revenue lines.
const (
	UnitHour = "HUR"
	UnitKm   = "KMT"
	UnitEuro = "C62"
)

// Revenue is one invoice line of the period, or one line priced from
// approved hours that no invoice bills yet (Estimated). Quantity and Amount
// are negative on a credit note.
type Revenue struct {
	Invoice     string `json:"invoice,omitempty"` // number; "" when estimated
	Line        int    `json:"line,omitempty"`    // 1-based line number on the invoice
	Credit      bool   `json:"credit,omitempty"`
	Estimated   bool   `json:"estimated,omitempty"`
	HirerID     int64  `json:"hirer_id"`
	PlacementID int64  `json:"placement_id"`
	WorkerID    int64  `json:"worker_id"`
	Placement   string `json:"placement"` // number, as on the invoice
	Function    string `json:"function"`  // as on the invoice
	// Worker, WorkerName, Hirer (number) and HirerName: Compute fills them
	// from the Directory.
	Worker      string          `json:"worker"`
	WorkerName  string          `json:"worker_name"`
	Hirer       string          `json:"hirer"`
	HirerName   string          `json:"hirer_name"`
	Type        domain.HourType `json:"type"`
	Description string          `json:"description"`
	Unit        string          `json:"unit"`
	Quantity    decimal.Decimal `json:"quantity"`
	Rate        decimal.Decimal `json:"rate"`
	BillPercent decimal.Decimal `json:"bill_percent"`
	Amount      decimal.Decimal `json:"amount"`
}

// Directory names what the IDs in Cost and Revenue refer to.
type Directory struct {
	Workers    map[int64]Worker
	Hirers     map[int64]Hirer
	Placements map[int64]Placement
}

// Worker, Hirer and Placement are the master data a margin row shows.
type (
	Worker struct {
		Number string
		Name   string
	}
	Hirer struct {
		Number string
		Name   string
	}
	Placement struct {
		Number   string
		WorkerID int64
		HirerID  int64
		Function string
	}
)

// Figures are the margin figures of a line or a group.
type Figures struct {
	Revenue       decimal.Decimal     `json:"revenue"`
	WageCost      decimal.Decimal     `json:"wage_cost"`
	Margin        decimal.Decimal     `json:"margin"`
	Hours         decimal.Decimal     `json:"hours"`      // billed hours
	PaidHours     decimal.Decimal     `json:"paid_hours"` // paid hours (the allocation key)
	MarginPerHour decimal.NullDecimal `json:"margin_per_hour"`
	MarginPercent decimal.NullDecimal `json:"margin_percent"`
	// Estimated says (part of) the revenue is priced from approved hours
	// that no invoice bills yet.
	Estimated bool `json:"estimated,omitempty"`
	// CostMissing says there is revenue of a worker without a final payslip
	// in the period: the margin is too high until the worker is paid.
	CostMissing bool `json:"cost_missing,omitempty"`
}

// Plus adds two figures and derives margin, per hour and margin % afresh.
func (f Figures) Plus(g Figures) Figures {
	f.Revenue, f.WageCost = f.Revenue.Add(g.Revenue), f.WageCost.Add(g.WageCost)
	f.Hours, f.PaidHours = f.Hours.Add(g.Hours), f.PaidHours.Add(g.PaidHours)
	f.Estimated, f.CostMissing = f.Estimated || g.Estimated, f.CostMissing || g.CostMissing
	return f.derive()
}

// derive fills margin, margin per hour and margin % from the sums.
func (f Figures) derive() Figures {
	f.Margin = f.Revenue.Sub(f.WageCost)
	f.MarginPerHour, f.MarginPercent = PerHour(f.Margin, f.Hours), Percent(f.Margin, f.Revenue)
	return f
}

// PerHour is margin / hours rounded to cents; null without hours.
func PerHour(margin, hours decimal.Decimal) decimal.NullDecimal {
	if hours.IsZero() {
		return decimal.NullDecimal{}
	}
	return decimal.NewNullDecimal(domain.RoundCents(margin.DivRound(hours, 16)))
}

// Percent is part / whole × 100 rounded to two decimals; null without whole.
func Percent(part, whole decimal.Decimal) decimal.NullDecimal {
	if whole.IsZero() {
		return decimal.NullDecimal{}
	}
	return decimal.NewNullDecimal(part.Mul(domain.Hundred).DivRound(whole, 16).Round(2))
}

// Line is the margin of one hour line: one worker on one placement in one
// hour type. WageCost is the worker's allocated cost (see the package doc).
type Line struct {
	WorkerID    int64           `json:"worker_id"`
	Worker      string          `json:"worker"` // number
	WorkerName  string          `json:"worker_name"`
	PlacementID int64           `json:"placement_id"`
	Placement   string          `json:"placement"`
	HirerID     int64           `json:"hirer_id"`
	Hirer       string          `json:"hirer"` // number
	HirerName   string          `json:"hirer_name"`
	Function    string          `json:"function"`
	Type        domain.HourType `json:"type"`
	Figures
}

// Row is one group of lines: a hirer, worker, placement or function, with the
// same group in the comparison periods and the year to date when known (nil:
// no figures for the group there).
type Row struct {
	Key        string   `json:"key"` // number (hirer, worker, placement) or the function; "" for the rest
	ID         int64    `json:"id,omitempty"`
	Name       string   `json:"name"`
	Detail     string   `json:"detail,omitempty"` // placement: worker and hirer
	Lines      int      `json:"lines"`
	Previous   *Figures `json:"previous"`
	LastYear   *Figures `json:"last_year"`
	YearToDate *Figures `json:"year_to_date"`
	Figures
}

// Dimension is what rows are grouped by.
type Dimension string

// Dimensions.
const (
	ByHirer     Dimension = "hirer"
	ByWorker    Dimension = "worker"
	ByPlacement Dimension = "placement"
	ByFunction  Dimension = "function"
)

// Dimensions lists every dimension in display order.
var Dimensions = []Dimension{ByHirer, ByWorker, ByPlacement, ByFunction}

// Unallocated names the group of wage cost without paid hours.
const Unallocated = "Niet toe te rekenen (geen verloonde uren)"

// Problem is something the figures could not settle; the overview shows it.
type Problem struct {
	WorkerID int64  `json:"worker_id,omitempty"`
	Message  string `json:"message"`
}

// Margins are the margin figures of one period.
type Margins struct {
	Period     domain.Period `json:"period"`
	Total      Figures       `json:"total"`
	Lines      []Line        `json:"lines"`
	Hirers     []Row         `json:"hirers"`
	Workers    []Row         `json:"workers"`
	Placements []Row         `json:"placements"`
	Functions  []Row         `json:"functions"`
	// Headcount counts the workers with paid hours or revenue in the period;
	// Paid those with a final payslip; WorkerWeeks Σ Cost.Weeks.
	Headcount   int       `json:"headcount"`
	Paid        int       `json:"paid"`
	WorkerWeeks int       `json:"worker_weeks"`
	Costs       []Cost    `json:"costs"`   // per worker, by worker number
	Revenue     []Revenue `json:"revenue"` // invoice lines by number and line; estimated last
	Problems    []Problem `json:"problems,omitempty"`
}

// Rows returns the rows of one dimension.
func (m *Margins) Rows(d Dimension) []Row {
	switch d {
	case ByHirer:
		return m.Hirers
	case ByWorker:
		return m.Workers
	case ByPlacement:
		return m.Placements
	case ByFunction:
		return m.Functions
	}
	return nil
}

func (m *Margins) rowsPtr(d Dimension) *[]Row {
	switch d {
	case ByHirer:
		return &m.Hirers
	case ByWorker:
		return &m.Workers
	case ByPlacement:
		return &m.Placements
	default:
		return &m.Functions
	}
}

// Empty reports whether the period has neither wage cost nor revenue.
func (m *Margins) Empty() bool { return len(m.Costs) == 0 && len(m.Revenue) == 0 }

var typeOrder = func() map[domain.HourType]int {
	o := map[domain.HourType]int{}
	for i, t := range domain.HourTypes {
		o[t] = i
	}
	return o
}()

type lineKey struct {
	worker, placement int64
	typ               domain.HourType
}

// Compute works out the margins of a period from the wage costs (one or more
// per worker: they are added) and the revenue lines. It never fails: what
// does not add up is reported in Problems.
func Compute(period domain.Period, costs []Cost, revenue []Revenue, dir Directory) *Margins {
	m := &Margins{Period: period}
	byWorker := map[int64]Cost{}
	for _, c := range costs {
		if prev, ok := byWorker[c.WorkerID]; ok {
			c = prev.add(c)
		}
		byWorker[c.WorkerID] = c
	}
	workerNumber := func(id int64) string {
		if w, ok := dir.Workers[id]; ok {
			return w.Number
		}
		return fmt.Sprint(id)
	}
	placementNumber := func(id int64) string { return dir.Placements[id].Number }
	for _, c := range byWorker {
		sort.SliceStable(c.Hours, func(i, j int) bool { return hoursLess(c.Hours[i], c.Hours[j], placementNumber) })
		c.Worker, c.Name = workerNumber(c.WorkerID), dir.Workers[c.WorkerID].Name
		m.Costs = append(m.Costs, c)
	}
	sort.Slice(m.Costs, func(i, j int) bool {
		a, b := workerNumber(m.Costs[i].WorkerID), workerNumber(m.Costs[j].WorkerID)
		if a != b {
			return a < b
		}
		return m.Costs[i].WorkerID < m.Costs[j].WorkerID
	})

	lines := map[lineKey]*Line{}
	line := func(worker, placement int64, typ domain.HourType, function string) *Line {
		k := lineKey{worker, placement, typ}
		if l := lines[k]; l != nil {
			return l
		}
		l := &Line{WorkerID: worker, PlacementID: placement, Type: typ, Function: function}
		if w, ok := dir.Workers[worker]; ok {
			l.Worker, l.WorkerName = w.Number, w.Name
		} else if worker != 0 {
			l.Worker = fmt.Sprint(worker)
		}
		if p, ok := dir.Placements[placement]; ok {
			l.Placement, l.HirerID = p.Number, p.HirerID
			if p.Function != "" {
				l.Function = p.Function
			}
		}
		lines[k] = l
		return l
	}

	for _, c := range m.Costs {
		if !c.Components().Equal(c.WageCost) {
			m.Problems = append(m.Problems, Problem{WorkerID: c.WorkerID, Message: fmt.Sprintf(
				"Uitzendkracht %s: loonkosten %s wijken af van de som van de onderdelen %s.", workerNumber(c.WorkerID), c.WageCost, c.Components())})
		}
		sum := decimal.Zero
		for _, h := range c.Hours {
			sum = sum.Add(h.Hours)
		}
		if !sum.Equal(c.PaidHours) {
			m.Problems = append(m.Problems, Problem{WorkerID: c.WorkerID, Message: fmt.Sprintf(
				"Uitzendkracht %s: uren per plaatsing (%s) wijken af van de verloonde uren (%s); verdeeld naar de uren per plaatsing.",
				workerNumber(c.WorkerID), sum, c.PaidHours)})
		}
		for i, a := range Allocate(c.WageCost, c.Hours) {
			var l *Line
			if a.PlacementID == 0 && a.Type == "" {
				l = line(c.WorkerID, 0, "", "")
			} else {
				l = line(c.WorkerID, a.PlacementID, a.Type, "")
			}
			l.WageCost = l.WageCost.Add(a.Amount)
			if i < len(c.Hours) {
				l.PaidHours = l.PaidHours.Add(c.Hours[i].Hours)
			}
		}
		if c.PaidHours.IsPositive() {
			w := c.Weeks
			if w == 0 {
				w = 1
			}
			m.WorkerWeeks += w
		}
	}
	m.Paid = len(m.Costs)

	m.Revenue = append([]Revenue(nil), revenue...)
	sort.SliceStable(m.Revenue, func(i, j int) bool {
		a, b := m.Revenue[i], m.Revenue[j]
		if a.Estimated != b.Estimated {
			return !a.Estimated
		}
		if a.Invoice != b.Invoice {
			return a.Invoice < b.Invoice
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Placement != b.Placement {
			return a.Placement < b.Placement
		}
		return typeOrder[a.Type] < typeOrder[b.Type]
	})
	for i := range m.Revenue {
		r := &m.Revenue[i]
		worker := r.WorkerID
		if p, ok := dir.Placements[r.PlacementID]; ok && worker == 0 {
			worker = p.WorkerID
		}
		if w, ok := dir.Workers[worker]; ok {
			r.Worker, r.WorkerName = w.Number, w.Name
		}
		if h, ok := dir.Hirers[r.HirerID]; ok {
			r.Hirer, r.HirerName = h.Number, h.Name
		}
		l := line(worker, r.PlacementID, r.Type, r.Function)
		if l.Placement == "" {
			l.Placement = r.Placement
		}
		if l.HirerID == 0 {
			l.HirerID = r.HirerID
		}
		l.Revenue = l.Revenue.Add(r.Amount)
		if r.Unit == UnitHour {
			l.Hours = l.Hours.Add(r.Quantity)
		}
		l.Estimated = l.Estimated || r.Estimated
		if _, paid := byWorker[worker]; !paid && !r.Amount.IsZero() {
			l.CostMissing = true
		}
	}

	headcount := map[int64]bool{}
	for _, l := range lines {
		if h, ok := dir.Hirers[l.HirerID]; ok {
			l.Hirer, l.HirerName = h.Number, h.Name
		}
		l.Figures = l.Figures.derive()
		m.Lines = append(m.Lines, *l)
		if l.WorkerID != 0 {
			headcount[l.WorkerID] = true
		}
	}
	m.Headcount = len(headcount)
	sort.Slice(m.Lines, func(i, j int) bool { return lineLess(&m.Lines[i], &m.Lines[j]) })
	for _, l := range m.Lines {
		m.Total = m.Total.Plus(l.Figures)
	}
	m.Total = m.Total.derive()
	for _, d := range Dimensions {
		*m.rowsPtr(d) = rollup(m.Lines, d, dir)
	}
	return m
}

// hoursLess orders a worker's paid hours: placement number, then hour type
// in payslip order. Allocation follows this order.
func hoursLess(a, b PaidHours, number func(int64) string) bool {
	if na, nb := number(a.PlacementID), number(b.PlacementID); na != nb {
		return na < nb
	}
	if a.PlacementID != b.PlacementID {
		return a.PlacementID < b.PlacementID
	}
	return typeOrder[a.Type] < typeOrder[b.Type]
}

// lineLess orders lines by worker number, then as hoursLess; a line without
// placement last within its worker. Every worker's lines are contiguous and
// in allocation order, which the spreadsheet's running totals rely on.
func lineLess(a, b *Line) bool {
	if a.Worker != b.Worker {
		return a.Worker < b.Worker
	}
	if a.WorkerID != b.WorkerID {
		return a.WorkerID < b.WorkerID
	}
	if (a.PlacementID == 0) != (b.PlacementID == 0) {
		return b.PlacementID == 0
	}
	if a.Placement != b.Placement {
		return a.Placement < b.Placement
	}
	if a.PlacementID != b.PlacementID {
		return a.PlacementID < b.PlacementID
	}
	if typeOrder[a.Type] != typeOrder[b.Type] {
		return typeOrder[a.Type] < typeOrder[b.Type]
	}
	return a.Type < b.Type
}

// Share is the part of a wage cost allocated to one placement × hour type;
// PlacementID 0 and Type "" is the whole cost of a worker without paid hours.
type Share struct {
	PlacementID int64
	Type        domain.HourType
	Amount      decimal.Decimal
}

// Allocate spreads cost over hours pro rata by cumulative rounding (see the
// package doc), in the order given. The shares add up to cost exactly.
// Without hours (or when they add up to zero) the whole cost is one share
// without placement.
func Allocate(cost decimal.Decimal, hours []PaidHours) []Share {
	total := decimal.Zero
	for _, h := range hours {
		total = total.Add(h.Hours)
	}
	if total.IsZero() {
		if cost.IsZero() && len(hours) == 0 {
			return nil
		}
		out := make([]Share, 0, len(hours)+1)
		for _, h := range hours {
			out = append(out, Share{PlacementID: h.PlacementID, Type: h.Type, Amount: decimal.Zero})
		}
		if !cost.IsZero() {
			out = append(out, Share{Amount: cost})
		}
		return out
	}
	out := make([]Share, len(hours))
	cum, before := decimal.Zero, decimal.Zero
	for i, h := range hours {
		cum = cum.Add(h.Hours)
		upto := domain.RoundCents(cost.Mul(cum).DivRound(total, 16))
		out[i] = Share{PlacementID: h.PlacementID, Type: h.Type, Amount: upto.Sub(before)}
		before = upto
	}
	return out
}

// rollup groups lines by one dimension.
func rollup(lines []Line, d Dimension, dir Directory) []Row {
	idx := map[string]int{}
	var out []Row
	for _, l := range lines {
		var r Row
		switch d {
		case ByHirer:
			r = Row{Key: l.Hirer, ID: l.HirerID, Name: l.HirerName}
			if l.HirerID == 0 {
				r.Name = Unallocated
			}
		case ByWorker:
			r = Row{Key: l.Worker, ID: l.WorkerID, Name: l.WorkerName}
		case ByPlacement:
			r = Row{Key: l.Placement, ID: l.PlacementID, Name: l.Function,
				Detail: strings.TrimSpace(l.WorkerName + " — " + l.HirerName)}
			if l.PlacementID == 0 {
				r.Key, r.Name, r.Detail = "", Unallocated, ""
			}
		case ByFunction:
			r = Row{Key: l.Function, Name: l.Function}
			if l.Function == "" {
				r.Name = "(geen functie)"
				if l.PlacementID == 0 {
					r.Name = Unallocated
				}
			}
		}
		k := fmt.Sprintf("%s\x00%d", r.Key, r.ID)
		if d == ByFunction {
			k = r.Key
			if l.PlacementID == 0 && l.Function == "" {
				k = "\x00unallocated"
			}
		}
		i, ok := idx[k]
		if !ok {
			i = len(out)
			idx[k] = i
			out = append(out, r)
		}
		out[i].Lines++
		out[i].Figures = out[i].Figures.Plus(l.Figures)
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if (a.Name == Unallocated) != (b.Name == Unallocated) {
			return b.Name == Unallocated
		}
		if a.Key != b.Key {
			return a.Key < b.Key
		}
		return a.ID < b.ID
	})
	return out
}
