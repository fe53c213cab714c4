package payslip

import (
	"sort"

	"github.com/johnfercher/maroto/v2/pkg/components/col"
	"github.com/johnfercher/maroto/v2/pkg/components/row"
	"github.com/johnfercher/maroto/v2/pkg/consts/border"
	"github.com/johnfercher/maroto/v2/pkg/props"
	"github.com/shopspring/decimal"

	"verloner/domain"
	"verloner/domain/payroll"
)

func (b *builder) wageCols() []tcol {
	return []tcol{{b.t(kDescription), 22, false}, {b.t(kQuantity), 6, true}, {b.t(kBase), 8, true},
		{b.t(kPercent), 4, true}, {b.t(kAmount), 8, true}}
}

// lineCells are the cells of one payslip line; deductions print negative.
func (b *builder) lineCells(l *payroll.Line, negative bool) []string {
	desc := l.Text.In(b.l)
	if desc == "" {
		desc = l.Code
	}
	if b.multi && l.PlacementID != 0 {
		if nr := b.plNr[l.PlacementID]; nr != "" {
			desc += " · " + nr
		}
	}
	if l.Special {
		desc += " *"
	}
	var q, base, p string
	switch l.Unit {
	case payroll.UnitHour:
		q = qty(l.Quantity)
		if !l.Rate.IsZero() {
			base = rate(l.Rate)
			if l.Percent.IsPositive() {
				// Rate is hourly wage × pay %: show the wage and the % apart.
				base = rate(l.Rate.Mul(domain.Hundred).Div(l.Percent))
				p = pct(l.Percent)
			}
		}
	case payroll.UnitKm:
		q, base = domain.FormatDecimalNL(l.Quantity, places(l.Quantity))+" "+b.t(kKm), rate(l.Rate)
	case payroll.UnitDay:
		q, base = domain.FormatDecimalNL(l.Quantity, places(l.Quantity))+" "+b.t(kDays), rate(l.Rate)
	case payroll.UnitPiece:
		q, base = domain.FormatDecimalNL(l.Quantity, places(l.Quantity))+" "+b.t(kPieces), rate(l.Rate)
	case payroll.UnitPercent:
		base, p = money(l.Quantity), pct(l.Rate)
	}
	amt := l.Amount
	if negative {
		amt = amt.Neg()
	}
	return []string{desc, q, base, p, money(amt)}
}

// places is 0 for whole quantities, else 2.
func places(d decimal.Decimal) int32 {
	if d.Equal(d.Truncate(0)) {
		return 0
	}
	return 2
}

// wage prints the calculation from gross to net. The subtotals are summed
// from the printed lines and must agree with the payslip's totals: a payslip
// whose lines do not add up to its net pay is refused rather than printed.
func (b *builder) wage() error {
	ps := b.ps
	var gross, preTax, tax, untaxed, netDed []*payroll.Line
	special := false
	for i := range ps.Lines {
		l := &ps.Lines[i]
		switch l.Category {
		case payroll.CatGross, payroll.CatTaxableAllowance:
			gross = append(gross, l)
		case payroll.CatUntaxedAllowance:
			untaxed = append(untaxed, l)
		case payroll.CatDeduction:
			switch {
			case l.PreTax:
				preTax = append(preTax, l)
			case l.Code == payroll.CodeWageTax || l.Code == payroll.CodeWageTaxSpecial:
				tax = append(tax, l)
			default:
				netDed = append(netDed, l)
			}
		default:
			continue
		}
		special = special || l.Special
	}
	cols := b.wageCols()
	b.heading(b.t(kWageTitle))
	b.tableHeader(cols)
	section := func(title key, lines []*payroll.Line, negative bool) decimal.Decimal {
		sum := decimal.Zero
		if len(lines) == 0 {
			return sum
		}
		if title >= 0 { // the deductions before and of tax need no title: their subtotals say it
			b.tableRow(cols, []string{b.t(title)}, stLabel, nil)
		}
		for _, l := range lines {
			b.tableRow(cols, b.lineCells(l, negative), stBody, nil)
			sum = sum.Add(l.Amount)
		}
		return sum
	}
	subtotal := func(k key, amount decimal.Decimal) {
		b.tableRow(cols, []string{b.t(k), "", "", "", money(amount)}, stBold, bandShade)
	}

	g := decimal.Zero
	for _, l := range gross { // right under the column header: no section title
		b.tableRow(cols, b.lineCells(l, false), stBody, nil)
		g = g.Add(l.Amount)
	}
	if !g.Equal(ps.Gross) {
		return domain.Errorf(domain.EINVALID, "%s: brutoregels %s, brutoloon %s", b.doc.ident(), g, ps.Gross)
	}
	subtotal(kTotalGross, g)
	taxable := g.Sub(section(-1, preTax, true))
	if !taxable.Equal(ps.TaxableWage) {
		return domain.Errorf(domain.EINVALID, "%s: loon voor de loonheffing %s, berekend %s", b.doc.ident(), taxable, ps.TaxableWage)
	}
	subtotal(kTaxableWage, taxable)
	afterTax := taxable.Sub(section(-1, tax, true))
	subtotal(kNetAfterTax, afterTax)
	net := afterTax.Add(section(kUntaxed, untaxed, false)).Sub(section(kNetDeductions, netDed, true))
	if !net.Equal(ps.Net) {
		return domain.Errorf(domain.EINVALID, "%s: de regels geven netto %s, de loonberekening %s", b.doc.ident(), net, ps.Net)
	}
	b.tableRow(cols, []string{b.t(kNetPay), "", "", "", money(net)}, stNet, netShade)

	var notes []string
	if special {
		notes = append(notes, b.t(kSpecialMark))
	}
	if iban := domain.MaskIBAN(b.doc.Worker.IBAN); iban != "" {
		notes = append(notes, b.tf(kPayment, money(net), date(b.doc.payDate()), iban))
	} else {
		notes = append(notes, b.tf(kPaymentNoIBAN, money(net), date(b.doc.payDate())))
	}
	b.space(1)
	for _, n := range notes {
		b.tableRow([]tcol{{"", grid, false}}, []string{n}, stLabel, nil)
	}
	return nil
}

// taxAndTotals prints the tax details beside the year-to-date totals.
func (b *builder) taxAndTotals() {
	ps, d := b.ps, b.doc
	left := []kv{{b.t(kTableWage), money(ps.TableWage)}}
	if !ps.SpecialWage.IsZero() || !ps.WageTaxSpecial.IsZero() {
		left = append(left, kv{b.t(kSpecialWage), money(ps.SpecialWage)})
	}
	left = append(left, kv{b.t(kWageTaxTable), money(ps.WageTaxTable)})
	if !ps.SpecialWage.IsZero() || !ps.WageTaxSpecial.IsZero() {
		left = append(left, kv{b.t(kWageTaxSpecial), money(ps.WageTaxSpecial)})
		if !ps.SpecialRate.IsZero() {
			left = append(left, kv{b.t(kSpecialRate), pct(ps.SpecialRate.Decimal)})
		}
		if !ps.JaarloonUsed.IsZero() {
			left = append(left, kv{b.t(kJaarloon), money(ps.JaarloonUsed)})
		}
	}
	left = append(left, kv{b.t(kLabourCredit), money(ps.LabourCreditApplied)})
	if !ps.PensionBase.IsZero() || !ps.PensionEmployee.IsZero() {
		left = append(left, kv{b.t(kPensionBase), money(ps.PensionBase)})
	}
	if !ps.ETExchanged.IsZero() {
		left = append(left, kv{b.t(kETExchanged), money(ps.ETExchanged)})
	}

	y := d.YearToDate
	if y == nil {
		y = &YearToDate{Periods: ps.YearToDate.Periods, FiscalWage: ps.YearToDate.TableWage.Add(ps.YearToDate.SpecialWage),
			WageTax: ps.YearToDate.WageTax}
	}
	var right []kv
	if y.Periods > 0 {
		right = append(right, kv{b.t(kPeriods), domain.FormatDecimalNL(decimal.NewFromInt(int64(y.Periods)), 0)})
	}
	if !y.Gross.IsZero() {
		right = append(right, kv{b.t(kGross), money(y.Gross)})
	}
	right = append(right, kv{b.t(kTaxableWage), money(y.FiscalWage)}, kv{b.t(kWageTaxWithheld), money(y.WageTax)})
	if !y.LabourCredit.IsZero() {
		right = append(right, kv{b.t(kLabourCredit), money(y.LabourCredit)})
	}
	if !y.PensionEmployee.IsZero() {
		right = append(right, kv{b.t(kPensionEmployee), money(y.PensionEmployee)})
	}
	if !y.Net.IsZero() {
		right = append(right, kv{b.t(kNet), money(y.Net)})
	}
	b.space(2)
	b.add(row.New().Add(b.cell(23, b.t(kTaxDetails), stHead), col.New(2), b.cell(23, b.tf(kYearToDate, ps.Year), stHead)).
		WithStyle(&props.Cell{BackgroundColor: bandShade}))
	b.pairs(left, right, [4]int{14, 9, 14, 9}, stLabel, alignRight(stBody), nil)
}

var schemeOrder = []string{payroll.SchemeHolidayPay, payroll.SchemeHolidayHours, payroll.SchemePublicDays, payroll.SchemeShortLeave}

// balances returns the document's reservation balances, or the payslip's
// accruals and drawings without balances.
func (b *builder) balances() []ReservationBalance {
	if b.doc.Reservations != nil {
		return b.doc.Reservations
	}
	ps := b.ps
	seen := map[string]bool{}
	var names []string
	for _, m := range []map[string]decimal.Decimal{ps.ReservationsAccrued, ps.ReservationsDrawn, ps.LeaveHoursAccrued} {
		for k := range m {
			if !seen[k] {
				seen[k] = true
				names = append(names, k)
			}
		}
	}
	sort.Slice(names, func(i, j int) bool {
		return schemeRank(names[i]) < schemeRank(names[j]) || (schemeRank(names[i]) == schemeRank(names[j]) && names[i] < names[j])
	})
	var out []ReservationBalance
	for _, n := range names {
		if acc, drawn := ps.ReservationsAccrued[n], ps.ReservationsDrawn[n]; !acc.IsZero() || !drawn.IsZero() {
			out = append(out, ReservationBalance{Scheme: n, Unit: Money, Accrued: acc, Drawn: drawn, noBalance: true})
		}
		if h := ps.LeaveHoursAccrued[n]; !h.IsZero() {
			out = append(out, ReservationBalance{Scheme: n, Unit: Hours, Accrued: h, noBalance: true})
		}
	}
	return out
}

func schemeRank(s string) int {
	for i, n := range schemeOrder {
		if n == s {
			return i
		}
	}
	return len(schemeOrder)
}

func (b *builder) reservations() {
	rs := b.balances()
	if len(rs) == 0 {
		return
	}
	b.heading(b.t(kReservations))
	cols := []tcol{{b.t(kScheme), 16, false}, {b.t(kBalanceBefore), 8, true}, {b.t(kAccrued), 8, true},
		{b.t(kDrawn), 8, true}, {b.t(kBalanceAfter), 8, true}}
	b.tableHeader(cols)
	for _, r := range rs {
		f := money
		if r.Unit == Hours {
			f = func(d decimal.Decimal) string { return qty(d) + " " + b.t(kHoursUnit) }
		}
		name := r.Scheme
		if t, ok := schemeNames[r.Scheme]; ok {
			name = t.in(b.l)
		}
		before, after := "–", "–"
		if !r.noBalance {
			before, after = f(r.Before), f(r.After)
		}
		b.tableRow(cols, []string{name, before, f(r.Accrued), f(r.Drawn), after}, stBody, nil)
	}
}

func (b *builder) employerCosts() {
	ps := b.ps
	var items []kv
	for i := range ps.Lines {
		l := &ps.Lines[i]
		if l.Category != payroll.CatEmployerCost {
			continue
		}
		name := l.Text.In(b.l)
		if t, ok := employerCostNames[l.Code]; ok {
			name = t.in(b.l)
			if l.Code == payroll.CodeAWf && !ps.EmployerCosts.AWfHigh {
				name = labels[kAWfLow].in(b.l)
			}
		}
		if l.Unit == payroll.UnitPercent && !l.Rate.IsZero() {
			name += " " + pct(l.Rate)
		}
		items = append(items, kv{name, money(l.Amount)})
	}
	if len(items) == 0 {
		return
	}
	items = append(items, kv{b.t(kEmployerCostsTotal), money(ps.EmployerCosts.Total)}, kv{b.t(kWageCost), money(ps.WageCost)})
	if !ps.WageCostPerHour.IsZero() {
		items = append(items, kv{b.t(kWageCostPerHour), money(ps.WageCostPerHour)})
	}
	b.space(2)
	b.add(row.New().Add(b.cell(grid, b.t(kEmployerCosts), stSmallBold)).
		WithStyle(&props.Cell{BorderType: border.Bottom, BorderColor: lineGrey, BorderThickness: 0.2}))
	b.columns(items, 3, 12, stSmall, alignRight(stSmall))
}
