package margin

import (
	"fmt"
	"io"
	"strings"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"verloner/domain"
	dm "verloner/domain/margin"
)

// Sheet names of the margin workbook.
const (
	SheetSummary    = "Overzicht"
	SheetLines      = "Regels"
	SheetRevenue    = "Omzet"
	SheetCosts      = "Loonkosten"
	SheetHirers     = "Inleners"
	SheetWorkers    = "Uitzendkrachten"
	SheetPlacements = "Plaatsingen"
	SheetFunctions  = "Functies"
	SheetYear       = "Jaar tot nu"
	SheetSettlement = "Afrekening"
)

// Keys for groups without one, so that SUMIFS can match them: NoKey for a
// placement without function, UnallocatedKey for wage cost without paid
// hours (no hirer, placement or function).
const (
	NoKey          = "(geen)"
	UnallocatedKey = "(niet toe te rekenen)"
)

// Columns of the Omzet sheet (1-based).
const (
	revInvoice = iota + 1
	revLine
	revKind
	revHirer
	revHirerName
	revPlacement
	revWorker
	revWorkerName
	revFunction
	revType
	revDescription
	revQuantity
	revUnit
	revRate
	revPercent
	revAmount
	revCols = revAmount
)

// Columns of the Loonkosten sheet.
const (
	costWorker = iota + 1
	costName
	costPaidHours
	costGross
	costDrawn
	costUntaxed
	costReservations
	costPremiums
	costPension
	costWageCost
	costWeeks
	costCols = costWeeks
)

// Columns of the Regels sheet.
const (
	lnWorker = iota + 1
	lnWorkerName
	lnHirer
	lnHirerName
	lnPlacement
	lnFunction
	lnType
	lnPaidHours
	lnHours
	lnRevenue
	lnWageCost
	lnMargin
	lnPerHour
	lnPercent
	lnNote
	lnCols = lnNote
)

// FileName is the margin workbook's or PDF's base name: "marge-2026-W47".
func FileName(p domain.Period) string { return "marge-" + p.String() }

// WriteXLSX writes the margin overview workbook. Every figure of the
// period is a formula over the two source sheets, which hold exactly what
// the payroll journal and the invoices say:
//
//   - Loonkosten: per worker the paid hours and wage cost components as in
//     the loonjournaal (sheet Loonjournaal: verloonde uren, brutoloon;
//     Werkgeverslasten: premiums, employer pension, reservations, wage cost);
//     the wage cost is their sum.
//   - Omzet: every invoice and credit-note line (number, line, quantity,
//     rate, bill %), the amount as ROUND(quantity × rate × bill %/100; 2);
//     estimated lines are marked.
//   - Regels: one row per worker × placement × hour type; revenue and billed
//     hours are SUMIFS over Omzet, the allocated wage cost the cumulative
//     rounding of the worker's wage cost over the paid hours, then margin,
//     margin per hour and margin %.
//   - Inleners, Uitzendkrachten, Plaatsingen, Functies: SUMIFS over Regels,
//     with the same group's margin in the comparison periods and the year to
//     date as values (they come from those periods' own workbooks).
//   - Overzicht: the totals and the comparison; Jaar tot nu: the periods of
//     the year; Afrekening: the backoffice settlement when a fee is set.
func WriteXLSX(w io.Writer, ov *dm.Overview) error {
	if ov == nil || ov.Margins == nil {
		return domain.Errorf(domain.EINVALID, "Geen margeoverzicht om te exporteren.")
	}
	b, err := newBook()
	if err != nil {
		return err
	}
	defer b.f.Close()
	x := &marginBook{book: b, ov: ov, m: ov.Margins}
	for _, step := range []func() error{x.summary, x.lines, x.revenue, x.costs, x.groups, x.year, x.settlement} {
		if err := step(); err != nil {
			return err
		}
	}
	if b.err != nil {
		return b.err
	}
	return b.finish(w)
}

// finish sets full recalculation on load (a program that trusts no cached
// value shows the same figures; they are exact already) and writes.
func (b *book) finish(w io.Writer) error {
	full := true
	if err := b.f.SetCalcProps(&excelize.CalcPropsOptions{FullCalcOnLoad: &full}); err != nil {
		return fmt.Errorf("werkmap: %w", err)
	}
	if _, err := b.f.WriteTo(w); err != nil {
		return fmt.Errorf("werkmap schrijven: %w", err)
	}
	return nil
}

type marginBook struct {
	*book
	ov *dm.Overview
	m  *dm.Margins

	// Where things landed, for formulas on other sheets. Sheets are written
	// in an order where every referenced row is known: rows are computed
	// from the data before writing.
	revLast  int           // last data row of Omzet
	costRow  map[int64]int // worker ID → row on Loonkosten
	costLast int           // last data row of Loonkosten
	lineLast int           // last data row of Regels
}

func keyText(s string) string {
	if s == "" {
		return NoKey
	}
	return s
}

// lineKey is a key column of a Regels row.
func lineKey(l dm.Line, v string) string {
	if l.PlacementID == 0 {
		return UnallocatedKey
	}
	return keyText(v)
}

// groupKey is the key of a group row as Regels writes it.
func groupKey(r dm.Row) string {
	if r.Name == dm.Unallocated {
		return UnallocatedKey
	}
	return keyText(r.Key)
}

func (x *marginBook) title(what string) string {
	t := "Marge " + x.m.Period.String()
	if x.ov.Agency != "" {
		t = x.ov.Agency + " — " + t
	}
	if what != "" {
		t += " — " + what
	}
	if x.ov.Status == dm.StatusEstimated {
		t += " (omzet deels geschat)"
	}
	return t
}

// layout fixes the rows of the source sheets before anything is written,
// since the summary (written first, so that it opens first) refers to them.
func (x *marginBook) layout() {
	if x.costRow != nil {
		return
	}
	x.revLast = FirstDataRow + len(x.m.Revenue) - 1
	x.costRow = map[int64]int{}
	for i, c := range x.m.Costs {
		x.costRow[c.WorkerID] = FirstDataRow + i
	}
	x.costLast = FirstDataRow + len(x.m.Costs) - 1
	x.lineLast = FirstDataRow + len(x.m.Lines) - 1
}

// sumOrZero is SUM over a column's data rows, or 0 without data rows.
func sumOrZero(sheetName string, col, first, last int) string {
	if last < first {
		return "0"
	}
	prefix := ""
	if sheetName != "" {
		prefix = quoteSheet(sheetName) + "!"
	}
	return fmt.Sprintf("SUM(%s%s%d:%s%d)", prefix, colName(col), first, colName(col), last)
}

// minus is a − b for money, rounded to cents: the inputs are exact cents,
// and the ROUND keeps a spreadsheet's binary arithmetic from showing
// 93.0700000000001.
func minus(a, b string) string { return fmt.Sprintf("ROUND(%s-%s,2)", a, b) }

func perHourFormula(margin, hours string) string {
	return fmt.Sprintf(`IF(%s=0,"",ROUND(%s/%s,2))`, hours, margin, hours)
}

func percentFormula(margin, revenue string) string {
	return fmt.Sprintf(`IF(%s=0,"",ROUND(%s/%s*100,2))`, revenue, margin, revenue)
}

// summary writes the Overzicht sheet: this period from the sheets below as
// formulas, the comparison periods and the year to date as values, with
// margin, per hour and margin % derived by formula in every column.
func (x *marginBook) summary() error {
	x.layout()
	s, err := x.newSheet(SheetSummary, x.title(""), nil, []float64{34, 18, 18, 22, 18}, 0)
	if err != nil {
		return err
	}
	b := x.book
	if err := s.write(excelize.RowOpts{Height: 30}, b.str("", b.head), b.str("Deze periode "+x.m.Period.String(), b.head),
		b.str("Vorige periode "+x.ov.Previous.Period.String(), b.head), b.str("Zelfde periode vorig jaar "+x.ov.LastYear.Period.String(), b.head),
		b.str(yearLabel(x.ov), b.head)); err != nil {
		return err
	}
	const first = 3 // rows: 3 revenue, 4 wage cost, 5 margin, 6 hours, 7 paid hours, 8 per hour, 9 margin %
	cur := x.m.Total
	type column struct {
		available bool
		f         dm.Figures
	}
	cols := []column{{true, cur}, {x.ov.Previous.Available, x.ov.Previous.Total}, {x.ov.LastYear.Available, x.ov.LastYear.Total}}
	if x.ov.YearToDate != nil {
		cols = append(cols, column{x.ov.YearToDate.Periods > 0, x.ov.YearToDate.Total})
	} else {
		cols = append(cols, column{})
	}
	rowOf := func(name string) int {
		return first + map[string]int{"rev": 0, "cost": 1, "margin": 2, "hours": 3, "paid": 4, "ph": 5, "pct": 6}[name]
	}
	cell := func(c int, name string) string { return cellName(c, rowOf(name)) }
	labels := []string{"Omzet", "Loonkosten", "Marge", "Gefactureerde uren", "Verloonde uren", "Marge per uur", "Marge %"}
	for i, label := range labels {
		cells := []any{b.str(label, b.text)}
		for ci, c := range cols {
			col := 2 + ci
			if !c.available {
				if i == 0 {
					cells = append(cells, b.str("geen gegevens", b.note))
				} else {
					cells = append(cells, nil)
				}
				continue
			}
			var v any
			switch i {
			case 0:
				if ci == 0 {
					v = b.fx(sumOrZero(SheetLines, lnRevenue, FirstDataRow, x.lineLast), c.f.Revenue, b.money)
				} else {
					v = b.num(c.f.Revenue, b.money)
				}
			case 1:
				if ci == 0 {
					v = b.fx(sumOrZero(SheetLines, lnWageCost, FirstDataRow, x.lineLast), c.f.WageCost, b.money)
				} else {
					v = b.num(c.f.WageCost, b.money)
				}
			case 2:
				v = b.fx(minus(cell(col, "rev"), cell(col, "cost")), c.f.Margin, b.moneyBold)
			case 3:
				if ci == 0 {
					v = b.fx(sumOrZero(SheetLines, lnHours, FirstDataRow, x.lineLast), c.f.Hours, b.hours)
				} else {
					v = b.num(c.f.Hours, b.hours)
				}
			case 4:
				if ci == 0 {
					v = b.fx(sumOrZero(SheetLines, lnPaidHours, FirstDataRow, x.lineLast), c.f.PaidHours, b.hours)
				} else {
					v = b.num(c.f.PaidHours, b.hours)
				}
			case 5:
				v = b.fx(perHourFormula(cell(col, "margin"), cell(col, "hours")), c.f.MarginPerHour, b.money)
			case 6:
				v = b.fx(percentFormula(cell(col, "margin"), cell(col, "rev")), c.f.MarginPercent, b.pct)
			}
			cells = append(cells, v)
		}
		if err := s.write(excelize.RowOpts{}, cells...); err != nil {
			return err
		}
	}
	// Checks: the source sheets' totals equal the lines' totals.
	if err := s.write(excelize.RowOpts{}); err != nil {
		return err
	}
	checks := [][2]string{
		{"Omzet volgens facturen (blad Omzet)", sumOrZero(SheetRevenue, revAmount, FirstDataRow, x.revLast)},
		{"Loonkosten volgens loonjournaal (blad Loonkosten)", sumOrZero(SheetCosts, costWageCost, FirstDataRow, x.costLast)},
	}
	vals := []decimal.Decimal{sumRevenue(x.m.Revenue), sumCosts(x.m.Costs)}
	for i, c := range checks {
		if err := s.write(excelize.RowOpts{}, b.str(c[0], b.text), b.fx(c[1], vals[i], b.money)); err != nil {
			return err
		}
	}
	facts := [][2]any{
		{"Uitzendkrachten met uren of omzet", x.m.Headcount},
		{"Definitief verloond", x.m.Paid},
		{"Status", statusText(x.ov.Status)},
	}
	for _, f := range facts {
		v := any(nil)
		switch t := f[1].(type) {
		case int:
			v = b.num(decimal.NewFromInt(int64(t)), b.integer)
		case string:
			v = b.str(t, b.text)
		}
		if err := s.write(excelize.RowOpts{}, b.str(f[0].(string), b.text), v); err != nil {
			return err
		}
	}
	if err := s.write(excelize.RowOpts{}); err != nil {
		return err
	}
	for _, n := range notes(x.ov) {
		if err := s.write(excelize.RowOpts{}, b.str(n, b.note)); err != nil {
			return err
		}
	}
	return s.flush(0)
}

func yearLabel(ov *dm.Overview) string {
	if ov.YearToDate == nil {
		return "Jaar tot nu (niet berekend)"
	}
	return fmt.Sprintf("Jaar tot nu %s t/m %s", ov.YearToDate.From, ov.YearToDate.To)
}

func statusText(s dm.Status) string {
	switch s {
	case dm.StatusFinal:
		return "definitief: verloning definitief, alle uren gefactureerd"
	case dm.StatusEstimated:
		return "omzet deels geschat uit goedgekeurde uren (nog niet gefactureerd)"
	case dm.StatusNoPayroll:
		return "nog geen definitieve verloning: loonkosten ontbreken"
	}
	return "geen verloning en geen facturen"
}

// notes explain the figures in words; the PDF prints the same.
func notes(ov *dm.Overview) []string {
	out := []string{
		"Omzet = gefactureerde uren × tarief × factuur-% (creditnota's negatief). Loonkosten = brutoloon − uit reservering betaald + onbelaste vergoedingen (excl. declaraties) + reserveringen + werkgeverspremies en Zvw + pensioen werkgever. Marge = omzet − loonkosten.",
		"Loonkosten van een uitzendkracht zijn naar rato van de verloonde uren over plaatsingen en uursoorten verdeeld (cumulatief afgerond, zodat de verdeling op de cent sluit).",
	}
	if ov.Status == dm.StatusEstimated {
		out = append(out, "Geschat: uren die nog op geen factuur staan, zijn geprijsd zoals de factuur ze zou rekenen (tarief × factuur-%).")
	}
	if ov.Margins.Total.CostMissing {
		out = append(out, "Let op: er is omzet van uitzendkrachten die nog niet definitief verloond zijn; hun marge is te hoog tot ze verloond zijn.")
	}
	if !ov.Previous.Available {
		out = append(out, "Vorige periode "+ov.Previous.Period.String()+": geen gegevens.")
	}
	if !ov.LastYear.Available {
		out = append(out, "Zelfde periode vorig jaar "+ov.LastYear.Period.String()+": geen gegevens.")
	}
	for _, p := range ov.Margins.Problems {
		out = append(out, "Probleem: "+p.Message)
	}
	return out
}

func sumRevenue(rs []dm.Revenue) decimal.Decimal {
	s := decimal.Zero
	for _, r := range rs {
		s = s.Add(r.Amount)
	}
	return s
}

func sumCosts(cs []dm.Cost) decimal.Decimal {
	s := decimal.Zero
	for _, c := range cs {
		s = s.Add(c.WageCost)
	}
	return s
}

func kindText(r dm.Revenue) string {
	switch {
	case r.Estimated:
		return "Geschat"
	case r.Credit:
		return "Creditnota"
	}
	return "Factuur"
}

// revenue writes the Omzet sheet: the invoice lines as the invoices state
// them, the amount as their formula.
func (x *marginBook) revenue() error {
	x.layout()
	b := x.book
	s, err := x.newSheet(SheetRevenue, x.title("omzet volgens facturen"), []string{"Factuur", "Regel", "Soort", "Inlener", "Naam inlener",
		"Plaatsing", "Nr.", "Uitzendkracht", "Functie", "Uursoort", "Omschrijving", "Aantal", "Eenheid", "Tarief", "Factuur-%", "Bedrag excl. btw"},
		[]float64{13, 6, 11, 9, 26, 10, 7, 24, 16, 8, 24, 10, 8, 11, 10, 15}, 1)
	if err != nil {
		return err
	}
	for i, r := range x.m.Revenue {
		row := FirstDataRow + i
		var line any
		if r.Line > 0 {
			line = r.Line
		}
		formula := fmt.Sprintf("ROUND(%s*%s*%s/100,2)", cellName(revQuantity, row), cellName(revRate, row), cellName(revPercent, row))
		if err := s.write(excelize.RowOpts{}, b.str(r.Invoice, b.text), line, b.str(kindText(r), b.text), b.str(r.Hirer, b.text),
			b.str(r.HirerName, b.text), b.str(keyText(r.Placement), b.text), b.str(r.Worker, b.text), b.str(r.WorkerName, b.text),
			b.str(r.Function, b.text), b.str(string(r.Type), b.text), b.str(r.Description, b.text), b.num(r.Quantity, b.hours),
			b.str(r.Unit, b.text), b.num(r.Rate, b.money), b.num(r.BillPercent, b.pct), b.fx(formula, r.Amount, b.money)); err != nil {
			return err
		}
	}
	cells := make([]any, revCols)
	cells[0] = b.str("Totaal", b.bold)
	cells[revAmount-1] = b.fx(sumOrZero("", revAmount, FirstDataRow, x.revLast), sumRevenue(x.m.Revenue), b.moneyBold)
	if err := s.write(excelize.RowOpts{}, cells...); err != nil {
		return err
	}
	return s.flush(x.revLast)
}

// costs writes the Loonkosten sheet: per worker what the payroll journal
// says, the wage cost as the sum of its components.
func (x *marginBook) costs() error {
	x.layout()
	b := x.book
	s, err := x.newSheet(SheetCosts, x.title("loonkosten volgens loonjournaal"), []string{"Nr.", "Naam", "Verloonde uren", "Brutoloon",
		"Uit reservering betaald", "Onbelaste vergoedingen (excl. declaraties)", "Reserveringen", "Werkgeverspremies en Zvw",
		"Pensioen werkgever", "Loonkosten", "Weken met uren"}, []float64{8, 26, 10, 14, 14, 16, 14, 14, 14, 14, 8}, 2)
	if err != nil {
		return err
	}
	var tot dm.Cost
	weeks := 0
	for i, c := range x.m.Costs {
		row := FirstDataRow + i
		cn := func(col int) string { return cellName(col, row) }
		formula := fmt.Sprintf("ROUND(%s-%s+%s+%s+%s+%s,2)", cn(costGross), cn(costDrawn), cn(costUntaxed), cn(costReservations), cn(costPremiums), cn(costPension))
		wk := weeksOf(c)
		if err := s.write(excelize.RowOpts{}, b.str(c.Worker, b.text), b.str(c.Name, b.text), b.num(c.PaidHours, b.hours), b.num(c.Gross, b.money),
			b.num(c.Drawn, b.money), b.num(c.Untaxed, b.money), b.num(c.Reservations, b.money), b.num(c.Premiums, b.money),
			b.num(c.PensionEmployer, b.money), b.fx(formula, c.Components(), b.money), b.num(decimal.NewFromInt(int64(wk)), b.integer)); err != nil {
			return err
		}
		tot.PaidHours, tot.Gross, tot.Drawn = tot.PaidHours.Add(c.PaidHours), tot.Gross.Add(c.Gross), tot.Drawn.Add(c.Drawn)
		tot.Untaxed, tot.Reservations, tot.Premiums = tot.Untaxed.Add(c.Untaxed), tot.Reservations.Add(c.Reservations), tot.Premiums.Add(c.Premiums)
		tot.PensionEmployer, tot.WageCost = tot.PensionEmployer.Add(c.PensionEmployer), tot.WageCost.Add(c.Components())
		weeks += wk
	}
	vals := map[int]decimal.Decimal{costPaidHours: tot.PaidHours, costGross: tot.Gross, costDrawn: tot.Drawn, costUntaxed: tot.Untaxed,
		costReservations: tot.Reservations, costPremiums: tot.Premiums, costPension: tot.PensionEmployer, costWageCost: tot.WageCost,
		costWeeks: decimal.NewFromInt(int64(weeks))}
	cells := make([]any, costCols)
	cells[0] = b.str("Totaal", b.bold)
	cells[1] = b.str("", b.bold)
	for col := costPaidHours; col <= costCols; col++ {
		st := b.moneyBold
		switch col {
		case costPaidHours:
			st = b.hoursBold
		case costWeeks:
			st = b.intBold
		}
		cells[col-1] = b.fx(sumOrZero("", col, FirstDataRow, x.costLast), vals[col], st)
	}
	if err := s.write(excelize.RowOpts{}, cells...); err != nil {
		return err
	}
	if err := s.write(excelize.RowOpts{}); err != nil {
		return err
	}
	if err := s.write(excelize.RowOpts{}, b.str("Bron: loonjournaal "+x.m.Period.String()+" (blad Loonjournaal: verloonde uren, brutoloon; "+
		"blad Werkgeverslasten: premies, pensioen werkgever, reserveringen, loonkosten), alle definitieve runs van de periode opgeteld.", b.note)); err != nil {
		return err
	}
	return s.flush(x.costLast)
}

// weeksOf is the worker-weeks a cost counts for the fee (as domain/margin
// counts them: only with paid hours, at least one).
func weeksOf(c dm.Cost) int {
	if !c.PaidHours.IsPositive() {
		return 0
	}
	if c.Weeks == 0 {
		return 1
	}
	return c.Weeks
}

// lines writes the Regels sheet.
func (x *marginBook) lines() error {
	x.layout()
	b := x.book
	s, err := x.newSheet(SheetLines, x.title("marge per urenregel"), []string{"Nr.", "Uitzendkracht", "Inlener", "Naam inlener", "Plaatsing",
		"Functie", "Uursoort", "Verloonde uren", "Gefactureerde uren", "Omzet", "Loonkosten (toegerekend)", "Marge", "Marge per uur",
		"Marge %", "Let op"}, []float64{7, 24, 9, 26, 10, 16, 8, 10, 11, 14, 14, 14, 11, 9, 26}, 2)
	if err != nil {
		return err
	}
	// Blocks: each worker's lines are contiguous (domain/margin sorts them so).
	blockFirst, blockLast := map[int64]int{}, map[int64]int{}
	hasHours := map[int64]bool{}
	for i, l := range x.m.Lines {
		row := FirstDataRow + i
		if _, ok := blockFirst[l.WorkerID]; !ok {
			blockFirst[l.WorkerID] = row
		}
		blockLast[l.WorkerID] = row
		if !l.PaidHours.IsZero() {
			hasHours[l.WorkerID] = true
		}
	}
	var tot dm.Figures
	for i, l := range x.m.Lines {
		row := FirstDataRow + i
		cn := func(col int) string { return cellName(col, row) }
		sumifs := func(sumCol int, extra string) string {
			if x.revLast < FirstDataRow || l.PlacementID == 0 {
				return "0"
			}
			return fmt.Sprintf("SUMIFS(%s,%s,%s,%s,%s%s)", rng(SheetRevenue, sumCol, FirstDataRow, x.revLast),
				rng(SheetRevenue, revPlacement, FirstDataRow, x.revLast), criterion(l.Placement, "$"+cn(lnPlacement)),
				rng(SheetRevenue, revType, FirstDataRow, x.revLast), criterion(string(l.Type), "$"+cn(lnType)), extra)
		}
		hoursF := sumifs(revQuantity, ","+rng(SheetRevenue, revUnit, FirstDataRow, x.revLast)+`,"`+dm.UnitHour+`"`)
		costF := "0"
		if cr, ok := x.costRow[l.WorkerID]; ok {
			wc := ref(SheetCosts, costWageCost, cr)
			first, last := blockFirst[l.WorkerID], blockLast[l.WorkerID]
			switch {
			case !hasHours[l.WorkerID]:
				// No paid hours: the whole cost on the line without placement.
				if l.PlacementID == 0 {
					costF = wc
				}
			default:
				col := colName(lnPaidHours)
				total := fmt.Sprintf("SUM($%s$%d:$%s$%d)", col, first, col, last)
				upto := fmt.Sprintf("ROUND(%s*SUM($%s$%d:%s%d)/%s,2)", wc, col, first, col, row, total)
				if row == first {
					costF = upto
				} else {
					// Not wrapped in ROUND like minus: excelize's engine
					// misreads a ROUND of two ROUNDs (Excel and LibreOffice
					// do not); the difference of two cent amounts is
					// shown right by the € format anyway.
					costF = fmt.Sprintf("%s-ROUND(%s*SUM($%s$%d:%s%d)/%s,2)", upto, wc, col, first, col, row-1, total)
				}
			}
		}
		var flags []string
		if l.Estimated {
			flags = append(flags, "omzet geschat")
		}
		if l.CostMissing {
			flags = append(flags, "loonkosten ontbreken (nog niet verloond)")
		}
		if err := s.write(excelize.RowOpts{}, b.str(l.Worker, b.text), b.str(l.WorkerName, b.text), b.str(lineKey(l, l.Hirer), b.text),
			b.str(l.HirerName, b.text), b.str(lineKey(l, l.Placement), b.text), b.str(lineKey(l, l.Function), b.text), b.str(string(l.Type), b.text),
			b.num(l.PaidHours, b.hours), b.fx(hoursF, l.Hours, b.hours), b.fx(sumifs(revAmount, ""), l.Revenue, b.money),
			b.fx(costF, l.WageCost, b.money), b.fx(minus(cn(lnRevenue), cn(lnWageCost)), l.Margin, b.money),
			b.fx(perHourFormula(cn(lnMargin), cn(lnHours)), l.MarginPerHour, b.money),
			b.fx(percentFormula(cn(lnMargin), cn(lnRevenue)), l.MarginPercent, b.pct), b.str(strings.Join(flags, "; "), b.text)); err != nil {
			return err
		}
		tot = tot.Plus(l.Figures)
	}
	if err := x.totalRow(s, lnPaidHours, lnHours, lnRevenue, lnWageCost, lnMargin, lnPerHour, lnPercent, x.lineLast, tot, lnCols); err != nil {
		return err
	}
	return s.flush(x.lineLast)
}

// totalRow writes a bold total row: SUMs of paid hours, hours, revenue and
// cost; margin, per hour and margin % by formula.
func (x *marginBook) totalRow(s *sheet, paid, hours, revenue, cost, margin, perHour, percent, last int, f dm.Figures, cols int) error {
	b := x.book
	row := last + 1
	cells := make([]any, cols)
	for i := range cells {
		cells[i] = b.str("", b.bold)
	}
	cells[0] = b.str("Totaal", b.bold)
	cn := func(col int) string { return cellName(col, row) }
	cells[paid-1] = b.fx(sumOrZero("", paid, FirstDataRow, last), f.PaidHours, b.hoursBold)
	cells[hours-1] = b.fx(sumOrZero("", hours, FirstDataRow, last), f.Hours, b.hoursBold)
	cells[revenue-1] = b.fx(sumOrZero("", revenue, FirstDataRow, last), f.Revenue, b.moneyBold)
	cells[cost-1] = b.fx(sumOrZero("", cost, FirstDataRow, last), f.WageCost, b.moneyBold)
	cells[margin-1] = b.fx(minus(cn(revenue), cn(cost)), f.Margin, b.moneyBold)
	cells[perHour-1] = b.fx(perHourFormula(cn(margin), cn(hours)), f.MarginPerHour, b.moneyBold)
	cells[percent-1] = b.fx(percentFormula(cn(margin), cn(revenue)), f.MarginPercent, b.pctBold)
	return s.write(excelize.RowOpts{}, cells...)
}

// Columns of the group sheets.
const (
	grKey = iota + 1
	grName
	grDetail
	grLines
	grPaidHours
	grHours
	grRevenue
	grWageCost
	grMargin
	grPerHour
	grPercent
	grPrevious
	grLastYear
	grYearToDate
	grNote
	grCols = grNote
)

// groups writes one sheet per dimension, each figure a SUMIFS over Regels.
func (x *marginBook) groups() error {
	x.layout()
	b := x.book
	sheets := []struct {
		d     dm.Dimension
		name  string
		key   string
		col   int // the key column on Regels
		title string
	}{
		{dm.ByHirer, SheetHirers, "Inlener", lnHirer, "marge per inlener"},
		{dm.ByWorker, SheetWorkers, "Nr.", lnWorker, "marge per uitzendkracht"},
		{dm.ByPlacement, SheetPlacements, "Plaatsing", lnPlacement, "marge per plaatsing"},
		{dm.ByFunction, SheetFunctions, "Functie", lnFunction, "marge per functie"},
	}
	for _, g := range sheets {
		s, err := x.newSheet(g.name, x.title(g.title), []string{g.key, "Naam", "Toelichting", "Regels", "Verloonde uren", "Gefactureerde uren",
			"Omzet", "Loonkosten", "Marge", "Marge per uur", "Marge %", "Marge vorige periode", "Marge zelfde periode vorig jaar",
			"Marge jaar tot nu", "Let op"}, []float64{12, 28, 28, 7, 10, 11, 14, 14, 14, 11, 9, 14, 14, 14, 24}, 2)
		if err != nil {
			return err
		}
		rows := x.m.Rows(g.d)
		last := FirstDataRow + len(rows) - 1
		var tot dm.Figures
		for i, r := range rows {
			row := FirstDataRow + i
			cn := func(col int) string { return cellName(col, row) }
			key := groupKey(r)
			sumifs := func(col int) string {
				if x.lineLast < FirstDataRow {
					return "0"
				}
				return fmt.Sprintf("SUMIFS(%s,%s,%s)", rng(SheetLines, col, FirstDataRow, x.lineLast),
					rng(SheetLines, g.col, FirstDataRow, x.lineLast), criterion(key, "$"+cn(grKey)))
			}
			countF := "0"
			if x.lineLast >= FirstDataRow {
				countF = fmt.Sprintf("COUNTIFS(%s,%s)", rng(SheetLines, g.col, FirstDataRow, x.lineLast), criterion(key, "$"+cn(grKey)))
			}
			var flags []string
			if r.Estimated {
				flags = append(flags, "omzet geschat")
			}
			if r.CostMissing {
				flags = append(flags, "loonkosten ontbreken")
			}
			margins := func(f *dm.Figures) any {
				if f == nil {
					return nil
				}
				return b.num(f.Margin, b.money)
			}
			if err := s.write(excelize.RowOpts{}, b.str(key, b.text), b.str(r.Name, b.text), b.str(r.Detail, b.text),
				b.fx(countF, r.Lines, b.integer), b.fx(sumifs(lnPaidHours), r.PaidHours, b.hours), b.fx(sumifs(lnHours), r.Hours, b.hours),
				b.fx(sumifs(lnRevenue), r.Revenue, b.money), b.fx(sumifs(lnWageCost), r.WageCost, b.money),
				b.fx(minus(cn(grRevenue), cn(grWageCost)), r.Margin, b.money), b.fx(perHourFormula(cn(grMargin), cn(grHours)), r.MarginPerHour, b.money),
				b.fx(percentFormula(cn(grMargin), cn(grRevenue)), r.MarginPercent, b.pct), margins(r.Previous), margins(r.LastYear),
				margins(r.YearToDate), b.str(strings.Join(flags, "; "), b.text)); err != nil {
				return err
			}
			tot = tot.Plus(r.Figures)
		}
		if err := x.totalRow(s, grPaidHours, grHours, grRevenue, grWageCost, grMargin, grPerHour, grPercent, last, tot, grCols); err != nil {
			return err
		}
		if err := s.flush(last); err != nil {
			return err
		}
	}
	return nil
}

// year writes the periods of the year and their total.
func (x *marginBook) year() error {
	b := x.book
	s, err := x.newSheet(SheetYear, x.title("per periode, jaar tot nu"), []string{"Periode", "Omzet", "Loonkosten", "Marge",
		"Gefactureerde uren", "Verloonde uren", "Marge per uur", "Marge %", "Gegevens"}, []float64{11, 14, 14, 14, 11, 11, 11, 9, 16}, 1)
	if err != nil {
		return err
	}
	last := FirstDataRow + len(x.ov.Series) - 1
	var tot dm.Figures
	for i, p := range x.ov.Series {
		row := FirstDataRow + i
		cn := func(col int) string { return cellName(col, row) }
		if !p.Available {
			if err := s.write(excelize.RowOpts{}, b.str(p.Period.String(), b.text), nil, nil, nil, nil, nil, nil, nil, b.str("geen gegevens", b.note)); err != nil {
				return err
			}
			continue
		}
		state := "definitief"
		if p.Estimated {
			state = "deels geschat"
		}
		if err := s.write(excelize.RowOpts{}, b.str(p.Period.String(), b.text), b.num(p.Revenue, b.money), b.num(p.WageCost, b.money),
			b.fx(minus(cn(2), cn(3)), p.Margin, b.money), b.num(p.Hours, b.hours), b.num(p.PaidHours, b.hours),
			b.fx(perHourFormula(cn(4), cn(5)), p.MarginPerHour, b.money), b.fx(percentFormula(cn(4), cn(2)), p.MarginPercent, b.pct),
			b.str(state, b.text)); err != nil {
			return err
		}
		tot = tot.Plus(p.Figures)
	}
	if len(x.ov.Series) > 0 {
		if err := x.totalRow(s, 6, 5, 2, 3, 4, 7, 8, last, tot, 9); err != nil {
			return err
		}
	} else if err := s.write(excelize.RowOpts{}, b.str("Jaar tot nu is niet berekend.", b.note)); err != nil {
		return err
	}
	return s.flush(last)
}

// settlement writes the backoffice settlement with its formulas.
func (x *marginBook) settlement() error {
	st := x.ov.Settlement
	if st == nil {
		return nil
	}
	b := x.book
	s, err := x.newSheet(SheetSettlement, x.title("margeafrekening backoffice"), nil, []float64{42, 18, 50}, 0)
	if err != nil {
		return err
	}
	if err := s.write(excelize.RowOpts{}, b.str("Backoffice", b.text), b.str(st.Fee.Backoffice, b.text)); err != nil { // row 2
		return err
	}
	if err := s.write(excelize.RowOpts{}, b.str("Afspraak", b.text), b.str(st.Fee.Describe(), b.text)); err != nil { // row 3
		return err
	}
	// Row 4 margin, 5 basis, 6 rate, 7 fee, 8 payable.
	marginF := minus(sumOrZero(SheetLines, lnRevenue, FirstDataRow, x.lineLast), sumOrZero(SheetLines, lnWageCost, FirstDataRow, x.lineLast))
	var basisF, feeF string
	switch st.Fee.Kind {
	case dm.FeePerWorkerWeek:
		basisF, feeF = sumOrZero(SheetCosts, costWeeks, FirstDataRow, x.costLast), "ROUND(B5*B6,2)"
	case dm.FeePerHour:
		basisF, feeF = sumOrZero(SheetLines, lnPaidHours, FirstDataRow, x.lineLast), "ROUND(B5*B6,2)"
	default:
		basisF, feeF = "B4", "IF(B5>0,ROUND(B5*B6/100,2),0)"
	}
	rateStyle := b.money
	if st.Fee.Kind == dm.FeePercent {
		rateStyle = b.pct
	}
	basisStyle := b.hours
	if st.Fee.Kind == dm.FeePercent {
		basisStyle = b.money
	}
	rows := [][]any{
		{b.str("Marge (omzet − loonkosten)", b.text), b.fx(marginF, st.Margin, b.money)},
		{b.str("Grondslag ("+st.BasisText+")", b.text), b.fx(basisF, st.Basis, basisStyle)},
		{b.str("Tarief", b.text), b.num(st.Fee.Rate, rateStyle)},
		{b.str("Backofficevergoeding (excl. btw)", b.text), b.fx(feeF, st.FeeAmount, b.money)},
		{b.str("Marge na vergoeding", b.bold), b.fx(minus("B4", "B7"), st.Payable, b.moneyBold)},
	}
	for _, r := range rows {
		if err := s.write(excelize.RowOpts{}, r...); err != nil {
			return err
		}
	}
	if err := s.write(excelize.RowOpts{}); err != nil {
		return err
	}
	status := "Klaar om goed te keuren."
	if !st.Ready {
		status = "Nog niet klaar om goed te keuren: " + strings.Join(st.Reasons, " ")
	}
	if st.Approval != nil {
		status = fmt.Sprintf("Goedgekeurd door %s op %s.", st.Approval.By, st.Approval.At.Format("02-01-2006 15:04 MST"))
		if st.Changed {
			status += " De cijfers zijn sindsdien veranderd: opnieuw goedkeuren."
		}
	}
	return s.writeNote(status)
}

func (s *sheet) writeNote(text string) error {
	if err := s.write(excelize.RowOpts{}, s.b.str(text, s.b.note)); err != nil {
		return err
	}
	return s.flush(0)
}
