// Package proforma prints a pro-forma rate calculation (domain/proforma)
// for a hirer as PDF and XLSX: the assumptions (wage, age, phase, hours, the
// year's parameters), the rate per hour type and, in the internal version
// (Options.ShowCosts), the cost build-up from the payroll engine's wage cost,
// the surcharges, the margin and the factor. The hirer's version leaves the
// costs and the margin out: agencies quote a rate, not their margin.
package proforma

import (
	"bytes"
	"fmt"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"verloner/domain"
	"verloner/domain/payroll"
	pf "verloner/domain/proforma"
	"verloner/exporters/pdf"
	"verloner/exporters/xlsx"
)

// Options describe the document.
type Options struct {
	Agency    string    // the agency's name
	Hirer     string    // the hirer it is for (optional)
	ShowCosts bool      // internal version: cost build-up, margin and factor
	Lang      string    // "en" for English; Dutch otherwise
	Created   time.Time // zero: now
}

func (o Options) tr(nl, en string) string {
	if o.Lang == "en" {
		return en
	}
	return nl
}

func (o Options) created() time.Time {
	if o.Created.IsZero() {
		return time.Now()
	}
	return o.Created
}

// FileBase is "proforma-2026-W28-16,10" without extension.
func FileBase(r *pf.Result) string {
	return fmt.Sprintf("proforma-%s-%s", r.Period, strings.ReplaceAll(r.Input.HourlyWage.StringFixed(2), ".", "_"))
}

var hourTypeNames = map[domain.HourType][2]string{
	domain.HourNormal:      {"Normale uren", "Normal hours"},
	domain.HourOvertime125: {"Overwerk 125 %", "Overtime 125 %"},
	domain.HourOvertime150: {"Overwerk 150 %", "Overtime 150 %"},
	domain.HourOvertime200: {"Overwerk 200 %", "Overtime 200 %"},
	domain.HourShift:       {"Onregelmatige uren (ORT)", "Irregular hours (ORT)"},
}

func typeName(t domain.HourType, o Options) string {
	n, ok := hourTypeNames[t]
	if !ok {
		return string(t)
	}
	return o.tr(n[0], n[1])
}

func text(t payroll.Text, o Options) string {
	if o.Lang == "en" {
		return t.In(domain.English)
	}
	return t.In(domain.Dutch)
}

func euro(d decimal.Decimal) string { return domain.FormatEuro(d) }

func num(d decimal.Decimal, places int32) string { return domain.FormatDecimalNL(d, places) }

// assumptions are the label/value pairs both documents show.
func assumptions(r *pf.Result, o Options) [][2]string {
	in := r.Input
	phase := o.tr("fase ", "phase ") + string(in.Phase)
	if in.Phase == domain.PhaseA {
		phase += o.tr(", met uitzendbeding", ", with agency clause (uitzendbeding)")
	}
	hours := decimal.Zero
	for _, m := range in.Mix {
		hours = hours.Add(m.Hours)
	}
	holiday := o.tr("volgens de parameters van ", "per the parameters of ") + fmt.Sprint(r.Slip.Year)
	if !in.HolidayPayPercent.IsZero() {
		holiday = num(in.HolidayPayPercent, 2) + " %"
	}
	out := [][2]string{
		{o.tr("Bruto uurloon", "Gross hourly wage"), euro(in.HourlyWage)},
		{o.tr("Leeftijd", "Age"), fmt.Sprint(in.Age)},
		{o.tr("Fase CAO", "CAO phase"), phase},
		{o.tr("Uren per week", "Hours per week"), num(hours, 2)},
		{o.tr("Vakantiebijslag", "Holiday pay"), holiday},
		{o.tr("Rekenweek", "Week calculated"), fmt.Sprintf("%s (%s – %s)", r.Period, r.Period.Start().Format("02-01-2006"), r.Period.End().Format("02-01-2006"))},
		{o.tr("Minimumloon per uur", "Minimum wage per hour"), euro(r.MinimumWage)},
	}
	return out
}

// notes are the fixed remarks under the rates.
func notes(r *pf.Result, o Options) []string {
	out := []string{
		o.tr("Tarieven per uur exclusief btw. De beloning volgt de CAO voor Uitzendkrachten (gelijkwaardige beloning); loonsverhogingen bij de inlener, periodieken en wijzigingen in wettelijke premies werken door in het tarief.",
			"Rates per hour excluding VAT. Pay follows the CAO voor Uitzendkrachten (equivalent pay); pay rises at the hirer, increments and changes in statutory premiums are passed on in the rate."),
		fmt.Sprintf(o.tr("Berekend met de loonberekening van Verloner en de parameters van %d (premies, pensioen StiPP, vakantiebijslag).",
			"Calculated with Verloner's payroll engine and the %d parameters (premiums, StiPP pension, holiday pay)."), r.Slip.Year),
	}
	if r.LeaveHoursPerHour.IsPositive() && !hasSurcharge(r, "VERLOF") {
		out = append(out, fmt.Sprintf(o.tr("De uitzendkracht bouwt %s vakantie-uren per gewerkt uur op; die zitten niet in de loonkosten van een week en zijn hier niet als opslag meegenomen.",
			"The worker accrues %s holiday hours per hour worked; they are not in a week's wage cost and are not added as a surcharge here."), num(r.LeaveHoursPerHour, 4)))
	}
	return out
}

func hasSurcharge(r *pf.Result, code string) bool {
	for _, s := range r.Surcharges {
		if s.Code == code {
			return true
		}
	}
	return false
}

// PDF prints the calculation.
func PDF(r *pf.Result, o Options) ([]byte, error) {
	title := o.tr("Pro-forma tariefberekening", "Pro-forma rate calculation")
	sub := r.Period.String()
	if o.Hirer != "" {
		sub = o.Hirer + " · " + sub
	}
	d, err := pdf.New(pdf.Options{Agency: o.Agency, Title: title, Subtitle: sub, Lang: o.Lang, Created: o.created(),
		Footer: fmt.Sprintf(o.tr("Pro forma, onder voorbehoud · gemaakt %s", "Pro forma, subject to change · created %s"), o.created().Format("02-01-2006"))})
	if err != nil {
		return nil, err
	}
	if o.Hirer != "" {
		d.KeyValues([][2]string{{o.tr("Voor", "For"), o.Hirer}, {o.tr("Datum", "Date"), o.created().Format("02-01-2006")}})
	}
	d.Heading(o.tr("Uitgangspunten", "Assumptions"), 11, pdf.LightGrey)
	d.KeyValues(assumptions(r, o))
	for _, f := range r.Findings {
		if f.Severity == payroll.SevError {
			d.Paragraph("⚠ "+f.Message, 9)
		}
	}
	d.Heading(o.tr("Tarief per uursoort", "Rate per hour type"), 11, pdf.LightGrey)
	var rows []pdf.TableRow
	for _, t := range r.Types {
		rate := "—"
		if t.Rate.IsPositive() {
			rate = euro(t.Rate)
		}
		rows = append(rows, pdf.TableRow{Cells: []pdf.Cell{{Text: typeName(t.Type, o)}, {Text: num(t.Hours, 2)}, {Text: num(t.PayPercent, 0) + " %"},
			{Text: euro(t.Wage)}, {Text: num(t.BillPercent, 0) + " %"}, {Text: rate, Bold: true}}})
	}
	d.Table([]pdf.Col{{Header: o.tr("Uursoort", "Hour type"), Width: 4}, {Header: o.tr("Uren/week", "Hours/week"), Width: 1, Right: true},
		{Header: o.tr("Loon %", "Pay %"), Width: 1, Right: true}, {Header: o.tr("Uurloon", "Wage"), Width: 2, Right: true},
		{Header: o.tr("Factuur %", "Bill %"), Width: 2, Right: true}, {Header: o.tr("Tarief per uur", "Rate per hour"), Width: 2, Right: true}}, rows)
	if o.ShowCosts {
		d.Heading(o.tr("Kostprijs (intern)", "Cost price (internal)"), 11, pdf.LightGrey)
		var cr []pdf.TableRow
		for _, c := range r.Components {
			cr = append(cr, pdf.TableRow{Cells: []pdf.Cell{{Text: text(c.Text, o)}, {Text: euro(c.Amount)}, {Text: euro(c.PerHour)}}})
		}
		cr = append(cr, pdf.TableRow{Shade: pdf.LightGrey, Cells: []pdf.Cell{{Text: fmt.Sprintf(o.tr("Loonkosten (%s gewerkte uren)", "Wage cost (%s hours worked)"), num(r.WorkedHours, 2)), Bold: true},
			{Text: euro(r.WageCost), Bold: true}, {Text: euro(r.WageCostPerHour), Bold: true}}})
		for _, s := range r.Surcharges {
			cr = append(cr, pdf.TableRow{Cells: []pdf.Cell{{Text: text(s.Text, o)}, {Text: ""}, {Text: euro(s.PerHour)}}})
		}
		cr = append(cr, pdf.TableRow{Shade: pdf.LightGrey, Cells: []pdf.Cell{{Text: o.tr("Kostprijs per gewerkt uur", "Cost price per hour worked"), Bold: true}, {Text: ""},
			{Text: euro(r.CostPrice), Bold: true}}})
		d.Table([]pdf.Col{{Header: o.tr("Onderdeel", "Component"), Width: 8}, {Header: o.tr("Per week", "Per week"), Width: 2, Right: true},
			{Header: o.tr("Per uur", "Per hour"), Width: 2, Right: true}}, cr)
		if r.Rate.IsPositive() {
			d.Space(2)
			d.KeyValues([][2]string{
				{o.tr("Tarief (normaal uur)", "Rate (normal hour)"), euro(r.Rate)},
				{o.tr("Omzet per gewerkt uur", "Revenue per hour worked"), euro(r.RevenuePerHour)},
				{o.tr("Marge per uur", "Margin per hour"), euro(r.MarginPerHour)},
				{o.tr("Marge % van de omzet", "Margin % of revenue"), num(r.MarginPercent, 2) + " %"},
				{o.tr("Factor (tarief / uurloon)", "Factor (rate / wage)"), num(r.Factor, 4)},
			})
		}
	}
	d.Space(3)
	for _, n := range notes(r, o) {
		d.Paragraph(n, 8)
	}
	return d.Bytes()
}

// WriteXLSX writes the calculation as a workbook: the assumptions and rates,
// and in the internal version the cost build-up and margin.
func WriteXLSX(r *pf.Result, o Options) ([]byte, error) {
	b := xlsx.New()
	defer b.Close()
	s, err := b.AddSheet(o.tr("Tarief", "Rate"), []xlsx.Column{
		{Header: o.tr("Uursoort", "Hour type"), Width: 28}, {Header: o.tr("Uren per week", "Hours per week"), Kind: xlsx.Number},
		{Header: o.tr("Loon %", "Pay %"), Kind: xlsx.Percent}, {Header: o.tr("Uurloon", "Wage"), Kind: xlsx.Money},
		{Header: o.tr("Factuur %", "Bill %"), Kind: xlsx.Percent}, {Header: o.tr("Tarief per uur", "Rate per hour"), Kind: xlsx.Money},
	}, strings.TrimSpace(fmt.Sprintf("%s %s %s", o.tr("Pro-forma tariefberekening", "Pro-forma rate calculation"), o.Hirer, r.Period)))
	if err != nil {
		return nil, err
	}
	for _, t := range r.Types {
		var rate any
		if t.Rate.IsPositive() {
			rate = t.Rate
		}
		if err := s.Row(typeName(t.Type, o), t.Hours, t.PayPercent, t.Wage, t.BillPercent, rate); err != nil {
			return nil, err
		}
	}
	if err := s.Blank(); err != nil {
		return nil, err
	}
	for _, kv := range assumptions(r, o) {
		if err := s.Row(kv[0], kv[1]); err != nil {
			return nil, err
		}
	}
	for _, n := range notes(r, o) {
		if err := s.Row(n); err != nil {
			return nil, err
		}
	}
	if o.ShowCosts {
		c, err := b.AddSheet(o.tr("Kostprijs", "Cost price"), []xlsx.Column{
			{Header: o.tr("Onderdeel", "Component"), Width: 48}, {Header: o.tr("Per week", "Per week"), Kind: xlsx.Money},
			{Header: o.tr("Per uur", "Per hour"), Kind: xlsx.Money}}, o.tr("Kostprijs (intern)", "Cost price (internal)"))
		if err != nil {
			return nil, err
		}
		for _, x := range r.Components {
			if err := c.Row(text(x.Text, o), x.Amount, x.PerHour); err != nil {
				return nil, err
			}
		}
		if err := c.RowWith(xlsx.RowStyle{Bold: true, Fill: "F2F2F2"}, o.tr("Loonkosten", "Wage cost"), r.WageCost, r.WageCostPerHour); err != nil {
			return nil, err
		}
		for _, x := range r.Surcharges {
			if err := c.Row(text(x.Text, o), nil, x.PerHour); err != nil {
				return nil, err
			}
		}
		if err := c.RowWith(xlsx.RowStyle{Bold: true, Fill: "F2F2F2"}, o.tr("Kostprijs per gewerkt uur", "Cost price per hour worked"), nil, r.CostPrice); err != nil {
			return nil, err
		}
		if r.Rate.IsPositive() {
			for _, kv := range []struct {
				k string
				v any
			}{
				{o.tr("Tarief (normaal uur)", "Rate (normal hour)"), r.Rate},
				{o.tr("Omzet per gewerkt uur", "Revenue per hour worked"), r.RevenuePerHour},
				{o.tr("Marge per uur", "Margin per hour"), r.MarginPerHour},
			} {
				if err := c.Row(kv.k, nil, kv.v); err != nil {
					return nil, err
				}
			}
			if err := c.Row(o.tr("Marge % van de omzet", "Margin % of revenue"), nil, num(r.MarginPercent, 2)+" %"); err != nil {
				return nil, err
			}
			if err := c.Row(o.tr("Factor (tarief / uurloon)", "Factor (rate / wage)"), nil, num(r.Factor, 4)); err != nil {
				return nil, err
			}
		}
	}
	var buf bytes.Buffer
	if _, err := b.WriteTo(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
