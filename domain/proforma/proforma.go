// Package proforma computes the pro-forma cost price of a temp worker for a
// hirer and from it the billing rate (for a target margin per hour, a margin
// percentage or a factor) or the margin (for a given rate).
//
// The cost price is not estimated with percentages of its own: the package
// builds a synthetic worker-week — a worker of the given age and phase, one
// placement at the given hourly wage, the hour-type mix spread over Monday to
// Friday — and runs it through payroll.Calculate, the engine the payroll run
// uses. So the pro-forma wage cost per hour is, to the cent, what the payroll
// of such a week costs: gross wage, vakantiebijslag reserved, StiPP pension
// (employer part), Zvw, AWf (hoog or laag by phase), Aof, Wko and Whk, divided
// by the hours worked (payroll.Payslip.WageCostPerHour).
//
// What payroll does not put in a week's wage cost is offered as explicit,
// optional surcharges, shown apart: the value of the holiday hours the worker
// accrues in 2026 (paid as wage when taken, not billed), a percentage for
// sickness, public holidays and the like, and a fixed amount per hour.
//
// Money is decimal throughout. Rates worked out from a margin are rounded up
// to whole cents (so the margin is at least the target); a rate from a factor
// is rounded half up.
package proforma

import (
	"fmt"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"verloner/domain"
	"verloner/domain/params"
	"verloner/domain/payroll"
)

// Mix is the hours of one hour type in the week.
type Mix struct {
	Type        domain.HourType
	Hours       decimal.Decimal // per week
	PayPercent  decimal.Decimal // zero: the CAO default of the type (OW125 125, ORT 120, …)
	BillPercent decimal.Decimal // zero: the pay %
}

// Input describes the worker-week to cost.
type Input struct {
	// Week is the week calculated; zero: the first full week of July of
	// Year (after the minimum wage of 1 July).
	Week       domain.Period
	Year       int
	HourlyWage decimal.Decimal
	Age        int
	Phase      domain.Phase // zero: A (with uitzendbeding; B and C without)
	Mix        []Mix        // zero: 40 normal hours
	// EmployerSize and WhkRate as in payroll.Input (small: the sector-52 Whk).
	EmployerSize payroll.EmployerSize
	WhkRate      params.Percent
	// HolidayPayPercent overrides the pack's vakantiebijslag (8 % in 2026),
	// e.g. 8,33 under the hirer's scheme.
	HolidayPayPercent decimal.Decimal

	// At most one of these: the billing rate per normal hour (the margin is
	// worked out), a target margin per hour, a target margin as % of the
	// revenue, or a factor on the hourly wage. None: only the cost price.
	Rate          decimal.Decimal
	MarginPerHour decimal.Decimal
	MarginPercent decimal.Decimal
	Factor        decimal.Decimal

	// Surcharges on top of the payroll wage cost (all optional).
	LeaveHours   bool            // value the leave hours accrued at the wage cost per hour
	ExtraPercent decimal.Decimal // % of the wage cost per hour (sickness, public holidays, …)
	ExtraPerHour decimal.Decimal // euros per hour (PAWW, administration, …)
}

// Component is one part of the cost: its amount in the week and per worked hour.
type Component struct {
	Code    string
	Text    payroll.Text
	Amount  decimal.Decimal // in the week
	PerHour decimal.Decimal // Amount / worked hours, half up to cents (for reading; the total is computed from the week)
}

// TypeRate is what one hour type of the mix pays and bills.
type TypeRate struct {
	Type        domain.HourType
	Hours       decimal.Decimal
	PayPercent  decimal.Decimal
	BillPercent decimal.Decimal
	Wage        decimal.Decimal // hourly wage × pay %
	Rate        decimal.Decimal // billing rate × bill %, half up to cents (zero without a rate)
}

// Result is a pro-forma calculation.
type Result struct {
	Input   Input // as completed with the defaults
	Period  domain.Period
	PayDate time.Time
	Slip    *payroll.Payslip // the engine's payslip of the synthetic week

	WorkedHours     decimal.Decimal
	WageCost        decimal.Decimal // in the week
	WageCostPerHour decimal.Decimal // = Slip.WageCostPerHour: what payroll costs per worked hour
	Components      []Component     // sum of Amount = WageCost
	// LeaveHoursPerHour is the leave accrued per worked hour (2026: 0,0851 h).
	LeaveHoursPerHour decimal.Decimal
	leaveHours        decimal.Decimal // accrued in the week, exact
	Surcharges        []Component     // per hour only
	CostPrice         decimal.Decimal

	Types          []TypeRate
	BillFactor     decimal.Decimal // Σ hours × bill % / Σ hours: revenue per hour = rate × BillFactor
	Rate           decimal.Decimal // per normal hour (zero when not asked)
	RevenuePerHour decimal.Decimal
	MarginPerHour  decimal.Decimal
	MarginPercent  decimal.Decimal // of the revenue
	Factor         decimal.Decimal // rate / hourly wage
	MinimumWage    decimal.Decimal // hourly minimum wage for the age in the week
	Findings       []payroll.Finding
}

var (
	forty   = decimal.NewFromInt(40)
	cent    = decimal.New(1, -2)
	hundred = decimal.NewFromInt(100)
)

// proformaBSN is a BSN that passes the elfproef, so the engine uses the
// normal tables (the wage tax does not change the cost, but the anonymous
// rate would show odd net figures on the payslip).
const proformaBSN = "123456782"

// worked reports whether an hour type counts as worked (NORM, overtime, ORT):
// only those go into a pro-forma mix; leave and sickness are surcharges.
func worked(t domain.HourType) bool {
	switch t {
	case domain.HourNormal, domain.HourOvertime125, domain.HourOvertime150, domain.HourOvertime200, domain.HourShift:
		return true
	}
	return false
}

// Normalize fills the defaults and checks the input; the error is a Dutch
// *domain.Error.
func (in Input) Normalize() (Input, error) {
	if in.Week.Kind == "" {
		if in.Year < 2000 || in.Year > 2999 {
			return in, domain.Errorf(domain.EINVALID, "Pro forma: kies een jaar of een week.")
		}
		d := domain.Date(in.Year, 7, 1)
		for d.Weekday() != time.Monday {
			d = d.AddDate(0, 0, 1)
		}
		in.Week = domain.WeekPeriod(d)
	}
	if in.Week.Kind != domain.Weekly {
		return in, domain.Errorf(domain.EINVALID, "Pro forma: rekent per week (2026-W28), niet per %s.", in.Week.Kind)
	}
	in.Year = in.Week.PayDate().Year()
	if !in.HourlyWage.IsPositive() {
		return in, domain.Errorf(domain.EINVALID, "Pro forma: uurloon moet groter dan 0 zijn.")
	}
	if in.Age < 15 || in.Age > 99 {
		return in, domain.Errorf(domain.EINVALID, "Pro forma: leeftijd %d kan niet (15 tot 99).", in.Age)
	}
	switch in.Phase {
	case "":
		in.Phase = domain.PhaseA
	case domain.PhaseA, domain.PhaseB, domain.PhaseC:
	default:
		return in, domain.Errorf(domain.EINVALID, "Pro forma: fase %q onbekend (A, B, C).", in.Phase)
	}
	if len(in.Mix) == 0 {
		in.Mix = []Mix{{Type: domain.HourNormal, Hours: forty}}
	}
	seen := map[domain.HourType]bool{}
	total := decimal.Zero
	mix := make([]Mix, len(in.Mix))
	for i, m := range in.Mix {
		if !worked(m.Type) {
			return in, domain.Errorf(domain.EINVALID, "Pro forma: uursoort %q hoort niet in de urenmix (NORM, OW125, OW150, OW200, ORT); verlof en ziekte zijn opslagen.", m.Type)
		}
		if seen[m.Type] {
			return in, domain.Errorf(domain.EINVALID, "Pro forma: uursoort %s staat twee keer in de urenmix.", m.Type)
		}
		seen[m.Type] = true
		if !m.Hours.IsPositive() {
			return in, domain.Errorf(domain.EINVALID, "Pro forma: %s-uren moeten groter dan 0 zijn.", m.Type)
		}
		if m.PayPercent.IsZero() {
			m.PayPercent = m.Type.DefaultPayPercent()
		}
		if m.BillPercent.IsZero() {
			m.BillPercent = m.PayPercent
		}
		if m.PayPercent.IsNegative() || m.BillPercent.IsNegative() {
			return in, domain.Errorf(domain.EINVALID, "Pro forma: percentages van %s mogen niet negatief zijn.", m.Type)
		}
		total = total.Add(m.Hours)
		mix[i] = m
	}
	in.Mix = mix
	if total.GreaterThan(decimal.NewFromInt(80)) {
		return in, domain.Errorf(domain.EINVALID, "Pro forma: %s uur in één week is niet aannemelijk.", total)
	}
	asked := 0
	for _, d := range []decimal.Decimal{in.Rate, in.MarginPerHour, in.MarginPercent, in.Factor} {
		if !d.IsZero() {
			asked++
		}
	}
	switch {
	case asked > 1:
		return in, domain.Errorf(domain.EINVALID, "Pro forma: geef één van tarief, marge per uur, margepercentage of factor op.")
	case in.Rate.IsNegative() || in.MarginPerHour.IsNegative() || in.Factor.IsNegative():
		return in, domain.Errorf(domain.EINVALID, "Pro forma: tarief, marge en factor mogen niet negatief zijn.")
	case in.MarginPercent.IsNegative() || !in.MarginPercent.LessThan(hundred):
		return in, domain.Errorf(domain.EINVALID, "Pro forma: margepercentage moet tussen 0 en 100 liggen.")
	case in.ExtraPercent.IsNegative() || in.ExtraPerHour.IsNegative():
		return in, domain.Errorf(domain.EINVALID, "Pro forma: opslagen mogen niet negatief zijn.")
	}
	return in, nil
}

// WorkerWeek builds the synthetic payroll input of the pro forma: this is the
// week payroll.Calculate costs. Exposed so a test (or a curious user) can
// run the same input through the engine.
func WorkerWeek(in Input) (payroll.Input, error) {
	in, err := in.Normalize()
	if err != nil {
		return payroll.Input{}, err
	}
	start := in.Week.Start()
	// Born six months past a birthday: the age holds for the whole week and
	// month-based rules (StiPP from the month of turning 18, AOW month) see it
	// clearly reached.
	birth := start.AddDate(-in.Age, -6, 0)
	w := &domain.Worker{ID: 1, Number: "PROFORMA", LastName: "Pro forma", BirthDate: birth, BSN: proformaBSN,
		ApplyTaxCredit: true, TaxCreditSignedOn: start.AddDate(-1, 0, 0), Phase: in.Phase, Uitzendbeding: in.Phase == domain.PhaseA,
		Language: domain.Dutch, Reservations: domain.ReservationsReserved, StartDate: start.AddDate(-1, 0, 0)}
	p := &domain.Placement{ID: 1, Number: "PROFORMA", WorkerID: 1, HirerID: 1, Start: start.AddDate(-1, 0, 0),
		HourlyWage: in.HourlyWage, BillingRate: in.Rate, Phase: in.Phase}
	var lines []*domain.HourLine
	five := decimal.NewFromInt(5)
	for _, m := range in.Mix {
		p.Rates = append(p.Rates, domain.HourTypeRate{Type: m.Type, PayPercent: m.PayPercent, BillPercent: m.BillPercent})
		// Monday to Friday; the hundredths that do not divide go to Monday.
		per := m.Hours.Div(five).Truncate(2)
		rest := m.Hours.Sub(per.Mul(five))
		for d := 0; d < 5; d++ {
			q := per
			if d == 0 {
				q = q.Add(rest)
			}
			if q.IsZero() {
				continue
			}
			lines = append(lines, &domain.HourLine{ID: int64(len(lines) + 1), PlacementID: 1, Date: start.AddDate(0, 0, d),
				Type: m.Type, Quantity: q, PayPercent: m.PayPercent, BillPercent: m.BillPercent, Status: domain.HoursApproved})
		}
	}
	pi := payroll.Input{Period: in.Week, Worker: w, Placements: map[int64]*domain.Placement{1: p}, Lines: lines,
		EmployerSize: in.EmployerSize, WhkRate: in.WhkRate, Phase: in.Phase}
	if !in.HolidayPayPercent.IsZero() {
		pi.ReservationRates = map[string]params.Percent{payroll.SchemeHolidayPay: {Decimal: in.HolidayPayPercent}}
	}
	return pi, nil
}

// CalculateFor picks the pack of the week's pay date from s.
func CalculateFor(s *params.Set, in Input) (*Result, error) {
	n, err := in.Normalize()
	if err != nil {
		return nil, err
	}
	p, err := s.For(n.Week.PayDate())
	if err != nil {
		return nil, err
	}
	return calculate(p, s, n)
}

// Calculate runs the pro forma with the pack of the week's pay date.
func Calculate(p *params.Pack, in Input) (*Result, error) {
	n, err := in.Normalize()
	if err != nil {
		return nil, err
	}
	return calculate(p, nil, n)
}

func calculate(p *params.Pack, other payroll.PackSource, in Input) (*Result, error) {
	pi, err := WorkerWeek(in)
	if err != nil {
		return nil, err
	}
	pi.OtherYears = other
	slip, err := payroll.Calculate(p, pi)
	if err != nil {
		return nil, fmt.Errorf("pro forma %s: %w", in.Week, err)
	}
	r := &Result{Input: in, Period: in.Week, PayDate: slip.PayDate, Slip: slip, WorkedHours: slip.WorkedHours,
		WageCost: slip.WageCost, WageCostPerHour: slip.WageCostPerHour}
	r.MinimumWage, _ = p.MinimumWageHourly(in.Age, in.Week.Start())
	r.Findings = append(append(append([]payroll.Finding(nil), slip.MinimumWageFindings...), slip.Skipped...), slip.Notes...)
	r.components()
	r.surcharges()
	r.pricing()
	return r, nil
}

// components splits the week's wage cost into its parts; they add up to
// WageCost exactly (the pro forma has no allowances, payouts or expenses).
func (r *Result) components() {
	s := r.Slip
	add := func(code string, t payroll.Text, amount decimal.Decimal) {
		if amount.IsZero() {
			return
		}
		r.Components = append(r.Components, Component{Code: code, Text: t, Amount: amount, PerHour: r.perHour(amount)})
	}
	for _, l := range s.Lines {
		if l.Category == payroll.CatGross {
			add(l.Code, l.Text, l.Amount)
		}
	}
	for _, l := range s.Lines {
		if l.Category == payroll.CatReservation {
			add(l.Code, l.Text, l.Amount)
		}
	}
	for _, l := range s.Lines {
		if l.Category == payroll.CatEmployerCost {
			add(l.Code, l.Text, l.Amount)
		}
	}
	for _, h := range s.LeaveHoursAccrued {
		r.leaveHours = r.leaveHours.Add(h)
	}
	if r.WorkedHours.IsPositive() {
		r.LeaveHoursPerHour = r.leaveHours.Div(r.WorkedHours).Round(4)
	}
}

func (r *Result) perHour(amount decimal.Decimal) decimal.Decimal {
	if !r.WorkedHours.IsPositive() {
		return decimal.Zero
	}
	return domain.RoundCents(amount.Div(r.WorkedHours))
}

func (r *Result) surcharges() {
	in := r.Input
	r.CostPrice = r.WageCostPerHour
	add := func(code string, t payroll.Text, perHour decimal.Decimal) {
		r.Surcharges = append(r.Surcharges, Component{Code: code, Text: t, PerHour: perHour, Amount: perHour.Mul(r.WorkedHours)})
		r.CostPrice = r.CostPrice.Add(perHour)
	}
	if in.LeaveHours && r.LeaveHoursPerHour.IsPositive() {
		add("VERLOF", payroll.Text{NL: "Opgebouwde vakantie-uren (tegen loonkosten per uur)", EN: "Holiday hours accrued (at wage cost per hour)",
			PL: "Naliczone godziny urlopowe (wg kosztu godziny)"},
			domain.RoundCents(r.leaveHours.Mul(r.WageCostPerHour).Div(r.WorkedHours)))
	}
	if in.ExtraPercent.IsPositive() {
		add("OPSLAG_PCT", payroll.Text{NL: "Opslag " + pct(in.ExtraPercent) + " (verzuim, feestdagen, overig)",
			EN: "Surcharge " + pct(in.ExtraPercent) + " (sickness, public holidays, other)", PL: "Narzut " + pct(in.ExtraPercent)},
			domain.RoundCents(r.WageCostPerHour.Mul(in.ExtraPercent).Div(hundred)))
	}
	if in.ExtraPerHour.IsPositive() {
		add("OPSLAG_UUR", payroll.Text{NL: "Opslag per uur", EN: "Surcharge per hour", PL: "Narzut za godzinę"}, in.ExtraPerHour)
	}
}

func pct(d decimal.Decimal) string {
	s := domain.FormatDecimalNL(d, 2)
	return strings.TrimSuffix(strings.TrimSuffix(s, "00"), ",") + " %"
}

// pricing works out the rate or the margin.
func (r *Result) pricing() {
	in := r.Input
	var billed decimal.Decimal
	for _, m := range in.Mix {
		billed = billed.Add(m.Hours.Mul(m.BillPercent).Div(hundred))
	}
	total := decimal.Zero
	for _, m := range in.Mix {
		total = total.Add(m.Hours)
	}
	r.BillFactor = billed.Div(total)
	if !r.BillFactor.IsPositive() {
		return
	}
	switch {
	case in.Rate.IsPositive():
		r.Rate = in.Rate
	case in.MarginPerHour.IsPositive():
		r.Rate = ceilCents(r.CostPrice.Add(in.MarginPerHour).Div(r.BillFactor))
	case in.MarginPercent.IsPositive():
		revenue := r.CostPrice.Div(domain.One.Sub(in.MarginPercent.Div(hundred)))
		r.Rate = ceilCents(revenue.Div(r.BillFactor))
	case in.Factor.IsPositive():
		r.Rate = domain.RoundCents(in.HourlyWage.Mul(in.Factor))
	}
	for _, m := range in.Mix {
		tr := TypeRate{Type: m.Type, Hours: m.Hours, PayPercent: m.PayPercent, BillPercent: m.BillPercent,
			Wage: domain.RoundCents(in.HourlyWage.Mul(m.PayPercent).Div(hundred))}
		if r.Rate.IsPositive() {
			tr.Rate = domain.RoundCents(r.Rate.Mul(m.BillPercent).Div(hundred))
		}
		r.Types = append(r.Types, tr)
	}
	if !r.Rate.IsPositive() || !r.BillFactor.IsPositive() {
		return
	}
	r.RevenuePerHour = domain.RoundCents(r.Rate.Mul(r.BillFactor))
	r.MarginPerHour = r.RevenuePerHour.Sub(r.CostPrice)
	r.MarginPercent = r.MarginPerHour.Mul(hundred).Div(r.RevenuePerHour).Round(2)
	r.Factor = r.Rate.Div(in.HourlyWage).Round(4)
}

// ceilCents rounds up to whole cents.
func ceilCents(d decimal.Decimal) decimal.Decimal {
	return d.Div(cent).Ceil().Mul(cent)
}
