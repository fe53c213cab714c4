package payslip

import (
	"sort"
	"strings"
	"time"

	"github.com/johnfercher/maroto/v2/pkg/components/col"
	"github.com/johnfercher/maroto/v2/pkg/components/line"
	"github.com/johnfercher/maroto/v2/pkg/components/row"
	"github.com/johnfercher/maroto/v2/pkg/consts/fontstyle"
	"github.com/johnfercher/maroto/v2/pkg/core"
	"github.com/johnfercher/maroto/v2/pkg/props"
	"github.com/shopspring/decimal"

	"verloner/domain"
	"verloner/exporters/pdf"
)

// footerH is the height of the page footer.
const footerH = 5.0

func (b *builder) periodRange() string {
	return date(b.doc.Period.Start()) + " – " + date(b.doc.Period.End())
}

// header repeats on every page: employer and title, worker and period, and
// for a proof the concept notice.
func (b *builder) header() []core.Row {
	d := b.doc
	title := props.Text{Family: pdf.Family, Style: fontstyle.Bold, Size: 12}
	sub := props.Text{Family: pdf.Family, Size: 8, Top: 0.5}
	rows := []core.Row{
		row.New(6.5).Add(
			b.cell(30, d.Agency.Name, title),
			b.cell(18, b.t(kTitle), alignRight(title))),
		row.New(4.5).Add(
			b.cell(26, d.Worker.FullName()+" ("+d.Worker.Number+")", sub),
			b.cell(22, b.periodName()+" · "+b.periodRange(), alignRight(sub))),
	}
	b.headerH = 6.5 + 4.5 + 2.5
	if d.Concept {
		rows = append(rows, row.New(4.5).Add(b.cell(grid, b.t(kConceptNotice),
			props.Text{Family: pdf.Family, Style: fontstyle.Bold, Size: 8, Top: 0.7, Color: pdf.Red})))
		b.headerH += 4.5
	}
	return append(rows, line.NewRow(2.5, props.Line{Thickness: 0.3, Color: pdf.Grey, SizePercent: 100}))
}

func (b *builder) footer() []core.Row {
	var parts []string
	if b.doc.RunRef != "" {
		parts = append(parts, b.tf(kRun, b.doc.RunRef))
	}
	created := b.doc.Created
	if created.IsZero() {
		created = time.Now()
	}
	parts = append(parts, b.tf(kCreated, date(created)))
	return []core.Row{row.New(footerH).Add(b.cell(36, strings.Join(parts, " · "),
		props.Text{Family: pdf.Family, Size: smallSize, Top: 2, Color: darkGrey}), col.New(12))}
}

// parties: employer and employee (BW 7:626 lid 2: names).
func (b *builder) parties() {
	a, w := b.doc.Agency, b.doc.Worker
	b.add(row.New().Add(b.cell(23, b.t(kEmployer), stHead), col.New(2), b.cell(23, b.t(kEmployee), stHead)).
		WithStyle(&props.Cell{BackgroundColor: bandShade}))
	street, city := addressLines(a.Address)
	left := []kv{{b.t(kName), a.Name}, {b.t(kAddress), street}, {"", city}, {b.t(kLoonheffingenNr), a.LoonheffingenNummer}}
	if a.KvK != "" {
		left = append(left, kv{b.t(kKvK), a.KvK})
	}
	wStreet, wCity := addressLines(w.Address)
	right := []kv{{b.t(kName), w.FullName()}, {b.t(kPersonnelNr), w.Number}, {b.t(kAddress), wStreet}, {"", wCity}}
	if !w.BirthDate.IsZero() {
		right = append(right, kv{b.t(kBirthDate), date(w.BirthDate)})
	}
	// Never the whole BSN or IBAN on paper that travels by mail.
	if bsn := domain.MaskBSN(w.BSN); bsn != "" {
		right = append(right, kv{b.t(kBSN), bsn})
	}
	if iban := domain.MaskIBAN(w.IBAN); iban != "" {
		right = append(right, kv{b.t(kIBAN), iban})
	}
	b.pairs(left, right, [4]int{10, 13, 10, 13}, stLabel, stBody, nil)
}

// facts: period, pay date, agreed working hours, minimum wage, tax credit
// and table (BW 7:626 lid 2: period, minimum wage, arbeidsduur).
func (b *builder) facts() {
	d, ps := b.doc, b.ps
	b.space(1.5)
	left := []kv{{b.t(kPeriod), b.periodRange()}, {b.t(kPayDate), date(d.payDate())}}
	if d.AgreedHoursPerWeek.IsZero() {
		left = append(left, kv{b.t(kAgreedHours), b.t(kNoFixedHours)})
	} else {
		left = append(left, kv{b.t(kAgreedHours), b.tf(kHoursPerWeek, qty(d.AgreedHoursPerWeek))})
	}
	if d.Worker.Phase != "" {
		left = append(left, kv{b.t(kPhase), string(d.Worker.Phase)})
	}
	wml := money(d.MinimumWageHourly)
	if !d.Worker.BirthDate.IsZero() {
		wml += " (" + b.tf(kAge, domain.AgeOn(d.Worker.BirthDate, d.Period.End())) + ")"
	}
	right := []kv{{b.t(kMinimumWage), wml}}
	if ps.PaidHours.IsPositive() {
		right = append(right, kv{b.t(kMinimumWagePeriod), qty(ps.PaidHours) + " × " + money(d.MinimumWageHourly) + " = " +
			money(domain.RoundCents(ps.PaidHours.Mul(d.MinimumWageHourly)))})
	}
	credit := b.t(kNo)
	if ps.TaxCreditApplied {
		credit = b.t(kYes)
	}
	right = append(right, kv{b.t(kTaxCredit), credit})
	table := b.tf(kWhiteTable, periodKindNames[d.Period.Kind].in(b.l))
	if ps.Anonymous {
		table = b.t(kAnonymous)
	} else if ps.AOW != 0 {
		table += ", " + b.t(kAOWTable)
	}
	right = append(right, kv{b.t(kTaxTable), table})
	b.pairs(left, right, [4]int{10, 11, 14, 13}, stLabel, stBold, bandShade)
}

// assignments: hirer, function and hourly wage of each placement.
func (b *builder) assignments() {
	if len(b.doc.Placements) == 0 {
		return
	}
	b.space(1.5)
	cols := []tcol{{b.t(kPlacementNr), 7, false}, {b.t(kHirer), 18, false}, {b.t(kFunction), 15, false}, {b.t(kHourlyWage), 8, true}}
	b.tableHeader(cols)
	for _, p := range b.doc.Placements {
		w := ""
		if !p.HourlyWage.IsZero() {
			w = rate(p.HourlyWage)
		}
		b.tableRow(cols, []string{p.Number, p.Hirer, p.Function, w}, stBody, nil)
	}
}

// hourOrder sorts hour types as domain.HourTypes lists them.
func hourOrder(t domain.HourType) int {
	for i, h := range domain.HourTypes {
		if h == t {
			return i
		}
	}
	return len(domain.HourTypes)
}

func (b *builder) hourTypeName(h DayHours) string {
	s := string(h.Type)
	if t, ok := hourTypeNames[h.Type]; ok {
		s = t.in(b.l)
	}
	if b.multi {
		if nr := b.plNr[h.PlacementID]; nr != "" {
			s += " · " + nr
		}
	}
	return s
}

// hours: the hours per day and hour type. A period of at most 7 days is a
// grid (a row per hour type, pay % and wage; a column per day); a longer one
// a list of days.
func (b *builder) hours() {
	var hs []DayHours
	for _, h := range b.doc.Hours {
		if h.Type.IsHours() && !h.Quantity.IsZero() {
			hs = append(hs, h)
		}
	}
	if len(hs) == 0 {
		return
	}
	sort.SliceStable(hs, func(i, j int) bool {
		a, c := hs[i], hs[j]
		switch {
		case a.PlacementID != c.PlacementID:
			return a.PlacementID < c.PlacementID
		case a.Type != c.Type:
			return hourOrder(a.Type) < hourOrder(c.Type)
		case !a.PayPercent.Equal(c.PayPercent):
			return a.PayPercent.LessThan(c.PayPercent)
		case !a.HourlyWage.Equal(c.HourlyWage):
			return a.HourlyWage.LessThan(c.HourlyWage)
		}
		return a.Date.Before(c.Date)
	})
	b.heading(b.t(kHoursPerDay))
	start, end := b.doc.Period.Start(), b.doc.Period.End()
	days := int(end.Sub(start).Hours()/24) + 1
	inPeriod := true
	for _, h := range hs {
		inPeriod = inPeriod && b.doc.Period.Contains(h.Date)
	}
	if days <= 7 && inPeriod {
		b.hourGrid(hs, start, days)
	} else {
		b.hourList(hs)
	}
}

func (b *builder) hourGrid(hs []DayHours, start time.Time, days int) {
	const dayW = 3
	fixed := grid - days*dayW - 4 // type, %, wage | days | total
	cols := []tcol{{b.t(kHourType), fixed - 10, false}, {b.t(kPercent), 4, true}, {b.t(kHourlyWage), 6, true}}
	for i := 0; i < days; i++ {
		d := start.AddDate(0, 0, i)
		cols = append(cols, tcol{weekdayName(d, b.l) + " " + d.Format("02-01"), dayW, true})
	}
	cols = append(cols, tcol{b.t(kTotal), 4, true})
	b.tableHeader(cols)
	dayTotal := make([]decimal.Decimal, days)
	var total decimal.Decimal
	for i := 0; i < len(hs); {
		j := i
		per := make([]decimal.Decimal, days)
		sum := decimal.Zero
		for ; j < len(hs) && sameRow(hs[i], hs[j]); j++ {
			k := int(domain.DateOf(hs[j].Date).Sub(start).Hours() / 24)
			per[k] = per[k].Add(hs[j].Quantity)
			dayTotal[k] = dayTotal[k].Add(hs[j].Quantity)
			sum = sum.Add(hs[j].Quantity)
		}
		cells := []string{b.hourTypeName(hs[i]), pct(hs[i].PayPercent), rate(hs[i].HourlyWage)}
		for _, q := range per {
			cells = append(cells, blankZero(q))
		}
		b.tableRow(cols, append(cells, qty(sum)), stBody, nil)
		total = total.Add(sum)
		i = j
	}
	cells := []string{b.t(kTotal), "", ""}
	for _, q := range dayTotal {
		cells = append(cells, blankZero(q))
	}
	b.tableRow(cols, append(cells, qty(total)), stBold, bandShade)
}

func sameRow(a, c DayHours) bool {
	return a.PlacementID == c.PlacementID && a.Type == c.Type && a.PayPercent.Equal(c.PayPercent) && a.HourlyWage.Equal(c.HourlyWage)
}

func blankZero(q decimal.Decimal) string {
	if q.IsZero() {
		return ""
	}
	return qty(q)
}

func (b *builder) hourList(hs []DayHours) {
	sort.SliceStable(hs, func(i, j int) bool {
		a, c := hs[i], hs[j]
		if !a.Date.Equal(c.Date) {
			return a.Date.Before(c.Date)
		}
		if a.PlacementID != c.PlacementID {
			return a.PlacementID < c.PlacementID
		}
		return hourOrder(a.Type) < hourOrder(c.Type)
	})
	cols := []tcol{{b.t(kDate), 6, false}, {b.t(kDay), 4, false}, {b.t(kHourType), 20, false},
		{b.t(kHours), 6, true}, {b.t(kPercent), 5, true}, {b.t(kHourlyWage), 7, true}}
	b.tableHeader(cols)
	total := decimal.Zero
	for _, h := range hs {
		b.tableRow(cols, []string{date(h.Date), weekdayName(h.Date, b.l), b.hourTypeName(h), qty(h.Quantity),
			pct(h.PayPercent), rate(h.HourlyWage)}, stBody, nil)
		total = total.Add(h.Quantity)
	}
	b.tableRow(cols, []string{b.t(kTotal), "", "", qty(total)}, stBold, bandShade)
}
