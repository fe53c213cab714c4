package margin

import (
	"fmt"
	"io"
	"sort"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"verloner/domain"
	dm "verloner/domain/margin"
)

// Sheet names of the management report.
const (
	SheetKeyFigures = "Kerncijfers"
	SheetWeeks      = "Perioden"
	SheetRanking    = "Inleners"
	SheetDebtors    = "Debiteuren"
)

// ReportFileName is the management report's base name:
// "managementrapportage-2026-W47".
func ReportFileName(p domain.Period) string { return "managementrapportage-" + p.String() }

// ChartWeeks is how many periods the report's charts show (a quarter of
// weeks), ending with the report's period.
const ChartWeeks = 13

// reportPeriods are the periods of the report's Perioden sheet: the year to
// date, or only the period itself when the year was not computed.
func reportPeriods(ov *dm.Overview) []dm.Point {
	if len(ov.Series) > 0 {
		return ov.Series
	}
	return []dm.Point{{Period: ov.Period, Available: !ov.Margins.Empty(), Figures: ov.Margins.Total}}
}

// rankedHirers are the period's hirers by revenue (then margin), the group
// without hirer last.
func rankedHirers(m *dm.Margins) []dm.Row {
	rows := append([]dm.Row(nil), m.Hirers...)
	sort.SliceStable(rows, func(i, j int) bool {
		a, b := rows[i], rows[j]
		if (a.ID == 0) != (b.ID == 0) {
			return b.ID == 0
		}
		if c := a.Revenue.Cmp(b.Revenue); c != 0 {
			return c > 0
		}
		if c := a.Margin.Cmp(b.Margin); c != 0 {
			return c > 0
		}
		return a.Key < b.Key
	})
	return rows
}

// WriteReportXLSX writes the weekly management report: key figures of the
// period against the previous period, the same period last year and the year
// to date; the periods of the year; the hirers ranked by revenue; the open
// debtors; and native charts (revenue, wage cost and margin per period;
// margin % per period; the top hirers). The key figures are formulas over
// the other sheets, totals are SUMs over their rows.
func WriteReportXLSX(w io.Writer, ov *dm.Overview) error {
	if ov == nil || ov.Margins == nil {
		return domain.Errorf(domain.EINVALID, "Geen margeoverzicht om te rapporteren.")
	}
	b, err := newBook()
	if err != nil {
		return err
	}
	defer b.f.Close()
	r := &reportBook{book: b, ov: ov, points: reportPeriods(ov), hirers: rankedHirers(ov.Margins)}
	r.layout()
	for _, step := range []func() error{r.keyFigures, r.weeks, r.ranking, r.debtors} {
		if err := step(); err != nil {
			return err
		}
	}
	if b.err != nil {
		return b.err
	}
	return b.finish(w)
}

type reportBook struct {
	*book
	ov     *dm.Overview
	points []dm.Point
	hirers []dm.Row

	weekRow             map[domain.Period]int
	weekLast, weekTotal int
	hirerLast, hirerTot int
	debtorLast, debtTot int
}

func (r *reportBook) layout() {
	r.weekRow = map[domain.Period]int{}
	for i, p := range r.points {
		r.weekRow[p.Period] = FirstDataRow + i
	}
	r.weekLast = FirstDataRow + len(r.points) - 1
	r.weekTotal = r.weekLast + 1
	r.hirerLast = FirstDataRow + len(r.hirers) - 1
	r.hirerTot = r.hirerLast + 1
	r.debtorLast = FirstDataRow + len(r.ov.Debtors.Hirers) - 1
	r.debtTot = r.debtorLast + 1
}

func (r *reportBook) title(what string) string {
	t := "Managementrapportage " + r.ov.Period.String()
	if r.ov.Agency != "" {
		t = r.ov.Agency + " — " + t
	}
	if what != "" {
		t += " — " + what
	}
	return t
}

// Perioden columns.
const (
	wkPeriod = iota + 1
	wkRevenue
	wkCost
	wkMargin
	wkHours
	wkPaid
	wkPerHour
	wkPercent
	wkState
	wkCols = wkState
)

func (r *reportBook) weeks() error {
	b := r.book
	s, err := b.newSheet(SheetWeeks, r.title("per periode"), []string{"Periode", "Omzet", "Loonkosten", "Marge", "Gefactureerde uren",
		"Verloonde uren", "Marge per uur", "Marge %", "Gegevens"}, []float64{11, 14, 14, 14, 11, 11, 11, 9, 16}, 1)
	if err != nil {
		return err
	}
	var tot dm.Figures
	for i, p := range r.points {
		row := FirstDataRow + i
		cn := func(c int) string { return cellName(c, row) }
		if !p.Available {
			if err := s.write(excelize.RowOpts{}, b.str(p.Period.String(), b.text), nil, nil, nil, nil, nil, nil, nil,
				b.str("geen gegevens", b.note)); err != nil {
				return err
			}
			continue
		}
		state := "definitief"
		if p.Estimated {
			state = "deels geschat"
		}
		if p.CostMissing {
			state += "; loonkosten ontbreken"
		}
		if err := s.write(excelize.RowOpts{}, b.str(p.Period.String(), b.text), b.num(p.Revenue, b.money), b.num(p.WageCost, b.money),
			b.fx(minus(cn(wkRevenue), cn(wkCost)), p.Margin, b.money), b.num(p.Hours, b.hours), b.num(p.PaidHours, b.hours),
			b.fx(perHourFormula(cn(wkMargin), cn(wkHours)), p.MarginPerHour, b.money),
			b.fx(percentFormula(cn(wkMargin), cn(wkRevenue)), p.MarginPercent, b.pct), b.str(state, b.text)); err != nil {
			return err
		}
		tot = tot.Plus(p.Figures)
	}
	mb := &marginBook{book: b}
	if err := mb.totalRow(s, wkPaid, wkHours, wkRevenue, wkCost, wkMargin, wkPerHour, wkPercent, r.weekLast, tot, wkCols); err != nil {
		return err
	}
	return s.flush(r.weekLast)
}

// Inleners columns.
const (
	rkRank = iota + 1
	rkHirer
	rkName
	rkRevenue
	rkCost
	rkMargin
	rkHours
	rkPerHour
	rkPercent
	rkShare
	rkOpen
	rkCols = rkOpen
)

func (r *reportBook) ranking() error {
	b := r.book
	s, err := b.newSheet(SheetRanking, r.title("inleners naar omzet"), []string{"Rang", "Inlener", "Naam", "Omzet", "Loonkosten", "Marge",
		"Gefactureerde uren", "Marge per uur", "Marge %", "Aandeel in omzet %", "Openstaand"}, []float64{6, 10, 30, 14, 14, 14, 11, 11, 9, 10, 14}, 3)
	if err != nil {
		return err
	}
	open := map[int64]decimal.Decimal{}
	for _, d := range r.ov.Debtors.Hirers {
		open[d.HirerID] = d.Open
	}
	total := r.ov.Margins.Total
	var tot dm.Figures
	var openTot decimal.Decimal
	for i, h := range r.hirers {
		row := FirstDataRow + i
		cn := func(c int) string { return cellName(c, row) }
		var rank any
		key := h.Key
		if h.ID != 0 {
			rank = i + 1
		} else {
			key = UnallocatedKey
		}
		share := dm.Percent(h.Revenue, total.Revenue)
		shareF := fmt.Sprintf(`IF(%s=0,"",ROUND(%s/%s*100,2))`, cellName(rkRevenue, r.hirerTot), cn(rkRevenue), cellName(rkRevenue, r.hirerTot))
		var openCell any
		if v, ok := open[h.ID]; ok && h.ID != 0 {
			openCell = b.num(v, b.money)
			openTot = openTot.Add(v)
		}
		if err := s.write(excelize.RowOpts{}, rank, b.str(key, b.text), b.str(h.Name, b.text), b.num(h.Revenue, b.money),
			b.num(h.WageCost, b.money), b.fx(minus(cn(rkRevenue), cn(rkCost)), h.Margin, b.money), b.num(h.Hours, b.hours),
			b.fx(perHourFormula(cn(rkMargin), cn(rkHours)), h.MarginPerHour, b.money),
			b.fx(percentFormula(cn(rkMargin), cn(rkRevenue)), h.MarginPercent, b.pct), b.fx(shareF, share, b.pct), openCell); err != nil {
			return err
		}
		tot = tot.Plus(h.Figures)
	}
	row := r.hirerTot
	cn := func(c int) string { return cellName(c, row) }
	cells := make([]any, rkCols)
	for i := range cells {
		cells[i] = b.str("", b.bold)
	}
	cells[0] = b.str("Totaal", b.bold)
	cells[rkRevenue-1] = b.fx(sumOrZero("", rkRevenue, FirstDataRow, r.hirerLast), tot.Revenue, b.moneyBold)
	cells[rkCost-1] = b.fx(sumOrZero("", rkCost, FirstDataRow, r.hirerLast), tot.WageCost, b.moneyBold)
	cells[rkMargin-1] = b.fx(minus(cn(rkRevenue), cn(rkCost)), tot.Margin, b.moneyBold)
	cells[rkHours-1] = b.fx(sumOrZero("", rkHours, FirstDataRow, r.hirerLast), tot.Hours, b.hoursBold)
	cells[rkPerHour-1] = b.fx(perHourFormula(cn(rkMargin), cn(rkHours)), tot.MarginPerHour, b.moneyBold)
	cells[rkPercent-1] = b.fx(percentFormula(cn(rkMargin), cn(rkRevenue)), tot.MarginPercent, b.pctBold)
	cells[rkOpen-1] = b.fx(sumOrZero("", rkOpen, FirstDataRow, r.hirerLast), openTot, b.moneyBold)
	if err := s.write(excelize.RowOpts{}, cells...); err != nil {
		return err
	}
	return s.flush(r.hirerLast)
}

func (r *reportBook) debtors() error {
	b := r.book
	d := r.ov.Debtors
	s, err := b.newSheet(SheetDebtors, r.title("openstaande debiteuren per "+d.AsOf.Format("02-01-2006")),
		[]string{"Inlener", "Naam", "Facturen", "Openstaand (incl. btw)", "Waarvan vervallen"}, []float64{10, 30, 9, 16, 16}, 2)
	if err != nil {
		return err
	}
	for _, h := range d.Hirers {
		if err := s.write(excelize.RowOpts{}, b.str(h.Hirer, b.text), b.str(h.Name, b.text), h.Invoices, b.num(h.Open, b.money),
			b.num(h.Overdue, b.money)); err != nil {
			return err
		}
	}
	if err := s.write(excelize.RowOpts{}, b.str("Totaal", b.bold), b.str("", b.bold),
		b.fx(sumOrZero("", 3, FirstDataRow, r.debtorLast), invoices(d), b.intBold),
		b.fx(sumOrZero("", 4, FirstDataRow, r.debtorLast), d.Open, b.moneyBold),
		b.fx(sumOrZero("", 5, FirstDataRow, r.debtorLast), d.Overdue, b.moneyBold)); err != nil {
		return err
	}
	return s.flush(r.debtorLast)
}

func invoices(d dm.Debtors) int {
	n := 0
	for _, h := range d.Hirers {
		n += h.Invoices
	}
	return n
}

// Kerncijfers rows.
const (
	kfRevenue = iota + FirstDataRow
	kfCost
	kfMargin
	kfPercent
	kfHours
	kfPerHour
	kfPaid
	kfHeadcount
	kfPaidWorkers
	kfOpen
	kfOverdue
	kfTopHirer
)

// Kerncijfers columns: label, this, previous, change, last year, change, year to date.
const (
	kcLabel = iota + 1
	kcThis
	kcPrev
	kcPrevChange
	kcLast
	kcLastChange
	kcYear
)

func (r *reportBook) keyFigures() error {
	b := r.book
	ov := r.ov
	s, err := b.newSheet(SheetKeyFigures, r.title(""), []string{"", "Deze periode " + ov.Period.String(), "Vorige periode " + ov.Previous.Period.String(),
		"Verschil", "Zelfde periode vorig jaar " + ov.LastYear.Period.String(), "Verschil", yearLabel(ov)}, []float64{30, 16, 16, 14, 18, 14, 18}, 1)
	if err != nil {
		return err
	}
	type src struct {
		available bool
		f         dm.Figures
		row       int // on Perioden; 0: write values
	}
	cur := src{true, ov.Margins.Total, 0}
	for _, p := range r.points {
		if p.Period == ov.Period && p.Available {
			cur.row = r.weekRow[ov.Period] // a period without data has empty cells there: write the zeros
		}
	}
	prev := src{ov.Previous.Available, ov.Previous.Total, 0}
	if row, ok := r.weekRow[ov.Previous.Period]; ok && prev.available {
		prev.row = row
	}
	last := src{ov.LastYear.Available, ov.LastYear.Total, 0}
	year := src{ov.YearToDate != nil && ov.YearToDate.Periods > 0, dm.Figures{}, r.weekTotal}
	if ov.YearToDate != nil {
		year.f = ov.YearToDate.Total
	} else {
		year.available = false
	}
	cols := map[int]src{kcThis: cur, kcPrev: prev, kcLast: last, kcYear: year}
	base := func(col, row int, weekCol int, v decimal.Decimal, style int) any {
		c := cols[col]
		if !c.available {
			if row == kfRevenue {
				return b.str("geen gegevens", b.note)
			}
			return nil
		}
		if c.row > 0 {
			return b.fx(quoteSheet(SheetWeeks)+"!"+cellName(weekCol, c.row), v, style)
		}
		return b.num(v, style)
	}
	isNum := func(col, row int) string { return "ISNUMBER(" + cellName(col, row) + ")" }
	derived := func(col, row int, formula string, v decimal.NullDecimal, style int) any {
		if !cols[col].available {
			return nil
		}
		return b.fx(formula, v, style)
	}
	change := func(col, row int, cur, other decimal.Decimal, otherAvailable bool, style int) any {
		if !otherAvailable {
			return nil
		}
		f := fmt.Sprintf(`IF(AND(%s,%s),%s-%s,"")`, isNum(kcThis, row), isNum(col-1, row), cellName(kcThis, row), cellName(col-1, row))
		return b.fx(f, cur.Sub(other), style)
	}
	changeNull := func(col, row int, cur, other decimal.NullDecimal, otherAvailable bool, style int) any {
		if !otherAvailable {
			return nil
		}
		v := decimal.NullDecimal{}
		if cur.Valid && other.Valid {
			v = decimal.NewNullDecimal(cur.Decimal.Sub(other.Decimal))
		}
		f := fmt.Sprintf(`IF(AND(%s,%s),%s-%s,"")`, isNum(kcThis, row), isNum(col-1, row), cellName(kcThis, row), cellName(col-1, row))
		return b.fx(f, v, style)
	}
	type line struct {
		label string
		cell  func(col int) any
		style int
	}
	fig := func(col int) dm.Figures { return cols[col].f }
	rows := []line{
		{"Omzet", func(col int) any { return base(col, kfRevenue, wkRevenue, fig(col).Revenue, b.money) }, b.money},
		{"Loonkosten", func(col int) any { return base(col, kfCost, wkCost, fig(col).WageCost, b.money) }, b.money},
		{"Marge", func(col int) any {
			return derived(col, kfMargin, minus(cellName(col, kfRevenue), cellName(col, kfCost)), decimal.NewNullDecimal(fig(col).Margin), b.moneyBold)
		}, b.moneyBold},
		{"Marge %", func(col int) any {
			return derived(col, kfPercent, percentFormula(cellName(col, kfMargin), cellName(col, kfRevenue)), fig(col).MarginPercent, b.pct)
		}, b.pct},
		{"Gefactureerde uren", func(col int) any { return base(col, kfHours, wkHours, fig(col).Hours, b.hours) }, b.hours},
		{"Marge per uur", func(col int) any {
			return derived(col, kfPerHour, perHourFormula(cellName(col, kfMargin), cellName(col, kfHours)), fig(col).MarginPerHour, b.money)
		}, b.money},
		{"Verloonde uren", func(col int) any { return base(col, kfPaid, wkPaid, fig(col).PaidHours, b.hours) }, b.hours},
	}
	for i, l := range rows {
		row := kfRevenue + i
		cells := []any{b.str(l.label, b.text)}
		for _, col := range []int{kcThis, kcPrev, kcPrevChange, kcLast, kcLastChange, kcYear} {
			switch col {
			case kcPrevChange, kcLastChange:
				other := cols[col-1]
				switch row {
				case kfPercent:
					cells = append(cells, changeNull(col, row, cur.f.MarginPercent, other.f.MarginPercent, other.available, b.pct))
				case kfPerHour:
					cells = append(cells, changeNull(col, row, cur.f.MarginPerHour, other.f.MarginPerHour, other.available, b.money))
				default:
					v := map[int][2]decimal.Decimal{kfRevenue: {cur.f.Revenue, other.f.Revenue}, kfCost: {cur.f.WageCost, other.f.WageCost},
						kfMargin: {cur.f.Margin, other.f.Margin}, kfHours: {cur.f.Hours, other.f.Hours}, kfPaid: {cur.f.PaidHours, other.f.PaidHours}}[row]
					cells = append(cells, change(col, row, v[0], v[1], other.available, l.style))
				}
			default:
				cells = append(cells, l.cell(col))
			}
		}
		if err := s.write(excelize.RowOpts{}, cells...); err != nil {
			return err
		}
	}
	m := ov.Margins
	more := [][]any{
		{b.str("Uitzendkrachten met uren of omzet", b.text), b.num(decimal.NewFromInt(int64(m.Headcount)), b.integer)},
		{b.str("Definitief verloond", b.text), b.num(decimal.NewFromInt(int64(m.Paid)), b.integer)},
		{b.str("Openstaande debiteuren per "+ov.Debtors.AsOf.Format("02-01-2006"), b.text),
			b.fx(ref(SheetDebtors, 4, r.debtTot), ov.Debtors.Open, b.money)},
		{b.str("Waarvan vervallen", b.text), b.fx(ref(SheetDebtors, 5, r.debtTot), ov.Debtors.Overdue, b.money)},
	}
	if len(ov.TopHirers) > 0 {
		top := ov.TopHirers[0]
		more = append(more, []any{b.str("Grootste inlener (omzet)", b.text), b.fx(ref(SheetRanking, rkName, FirstDataRow), top.Name, b.text)})
	}
	for _, cells := range more {
		if err := s.write(excelize.RowOpts{}, cells...); err != nil {
			return err
		}
	}
	if err := s.write(excelize.RowOpts{}); err != nil {
		return err
	}
	for _, n := range notes(ov) {
		if err := s.write(excelize.RowOpts{}, b.str(n, b.note)); err != nil {
			return err
		}
	}
	// The charts go in before the sheet is flushed: the stream writer
	// writes the sheet's drawing reference when it flushes, and a chart
	// added afterwards would lose it.
	if err := r.charts(); err != nil {
		return err
	}
	return s.flush(0)
}

// charts adds the native charts to the key-figures sheet: revenue, wage
// cost and margin per period (the last ChartWeeks), margin % per period,
// and the top hirers' revenue and margin.
func (r *reportBook) charts() error {
	first := r.weekLast - ChartWeeks + 1
	if first < FirstDataRow {
		first = FirstDataRow
	}
	cats := rng(SheetWeeks, wkPeriod, first, r.weekLast)
	series := func(col int, color string) excelize.ChartSeries {
		return excelize.ChartSeries{Name: ref(SheetWeeks, col, HeaderRow), Categories: cats, Values: rng(SheetWeeks, col, first, r.weekLast),
			Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{color}}}
	}
	money := excelize.ChartNumFmt{CustomNumFmt: `"€" #,##0`}
	title := func(s string) excelize.ChartTitle {
		return excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: s}}}
	}
	gap := uint(60)
	no := false
	charts := []struct {
		cell  string
		chart *excelize.Chart
	}{
		{"I2", &excelize.Chart{Type: excelize.Col, VaryColors: &no, Title: title("Omzet, loonkosten en marge per periode"),
			Series: []excelize.ChartSeries{series(wkRevenue, "4472C4"), series(wkCost, "ED7D31"), series(wkMargin, "70AD47")},
			Legend: excelize.ChartLegend{Position: "bottom"}, YAxis: excelize.ChartAxis{MajorGridLines: true, NumFmt: money},
			Dimension: excelize.ChartDimension{Width: 720, Height: 300}, GapWidth: &gap}},
		{"I18", &excelize.Chart{Type: excelize.Line, VaryColors: &no, Title: title("Marge % per periode"),
			Series: []excelize.ChartSeries{{Name: ref(SheetWeeks, wkPercent, HeaderRow), Categories: cats, Values: rng(SheetWeeks, wkPercent, first, r.weekLast),
				Line: excelize.LineOptions{Width: 2}, Marker: excelize.ChartMarker{Symbol: "circle", Size: 5}}},
			Legend: excelize.ChartLegend{Position: "none"}, YAxis: excelize.ChartAxis{MajorGridLines: true},
			Dimension: excelize.ChartDimension{Width: 720, Height: 260}, ShowBlanksAs: "gap"}},
	}
	n := 0
	for _, h := range r.hirers {
		if h.ID != 0 && n < dm.TopN {
			n++
		}
	}
	if n > 0 {
		last := FirstDataRow + n - 1
		hc := rng(SheetRanking, rkName, FirstDataRow, last)
		charts = append(charts, struct {
			cell  string
			chart *excelize.Chart
		}{"I32", &excelize.Chart{Type: excelize.Bar, VaryColors: &no, Title: title(fmt.Sprintf("Top %d inleners: omzet en marge", n)),
			Series: []excelize.ChartSeries{
				{Name: ref(SheetRanking, rkRevenue, HeaderRow), Categories: hc, Values: rng(SheetRanking, rkRevenue, FirstDataRow, last),
					Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"4472C4"}}},
				{Name: ref(SheetRanking, rkMargin, HeaderRow), Categories: hc, Values: rng(SheetRanking, rkMargin, FirstDataRow, last),
					Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"70AD47"}}}},
			Legend: excelize.ChartLegend{Position: "bottom"}, XAxis: excelize.ChartAxis{ReverseOrder: true},
			YAxis: excelize.ChartAxis{MajorGridLines: true, NumFmt: money}, Dimension: excelize.ChartDimension{Width: 720, Height: 300}}})
	}
	for _, c := range charts {
		if err := r.f.AddChart(SheetKeyFigures, c.cell, c.chart); err != nil {
			return fmt.Errorf("grafiek: %w", err)
		}
	}
	return nil
}
