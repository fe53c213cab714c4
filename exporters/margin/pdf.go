package margin

import (
	"fmt"
	"strings"
	"time"

	"github.com/johnfercher/maroto/v2/pkg/components/image"
	"github.com/johnfercher/maroto/v2/pkg/consts/extension"
	"github.com/johnfercher/maroto/v2/pkg/props"
	"github.com/shopspring/decimal"

	"verloner/domain"
	dm "verloner/domain/margin"
	"verloner/exporters/pdf"
)

// Options tune the PDFs.
type Options struct {
	Created time.Time // the PDF creation date; zero: the overview's Generated
}

// SettlementFileName is the settlement statement's base name.
func SettlementFileName(p domain.Period) string { return "margeafrekening-" + p.String() }

func euro(d decimal.Decimal) string { return domain.FormatEuro(d) }

func euroNull(d decimal.NullDecimal) string {
	if !d.Valid {
		return "—"
	}
	return euro(d.Decimal)
}

func hoursText(d decimal.Decimal) string { return domain.FormatDecimalNL(d, 2) }

func pctText(d decimal.NullDecimal) string {
	if !d.Valid {
		return "—"
	}
	return domain.FormatDecimalNL(d.Decimal, 2) + " %"
}

func marginOf(f *dm.Figures) string {
	if f == nil {
		return "—"
	}
	return euro(f.Margin)
}

func signed(d decimal.NullDecimal) string {
	if !d.Valid {
		return "—"
	}
	if d.Decimal.IsPositive() {
		return "€ +" + domain.FormatDecimalNL(d.Decimal, 2)
	}
	return euro(d.Decimal)
}

func created(ov *dm.Overview, opt Options) time.Time {
	if !opt.Created.IsZero() {
		return opt.Created
	}
	return ov.Generated
}

// subtitle is the period and, briefly, why its figures are not final yet
// (the header has room for one short remark; the body explains).
func subtitle(ov *dm.Overview) string {
	s := fmt.Sprintf("%s t/m %s", ov.Period.Start().Format("02-01-2006"), ov.Period.End().Format("02-01-2006"))
	switch {
	case ov.Status == dm.StatusNoData:
		s += " — geen gegevens"
	case ov.Status == dm.StatusNoPayroll:
		s += " — nog niet verloond"
	case ov.Status == dm.StatusEstimated:
		s += " — omzet deels geschat"
	case ov.Margins.Total.CostMissing:
		s += " — niet iedereen verloond"
	}
	return s
}

const footer = "Verloner — marge = omzet − loonkosten; bedragen excl. btw. De XLSX-versie rekent elk bedrag na uit loonjournaal en facturen."

// keyTable is the period against the previous period, the same period last
// year and the year to date.
func keyTable(d *pdf.Doc, ov *dm.Overview) {
	cols := []pdf.Col{{Header: "", Width: 2}, {Header: "Deze periode " + ov.Period.String(), Width: 2, Right: true},
		{Header: "Vorige periode " + ov.Previous.Period.String(), Width: 2, Right: true}, {Header: "Verschil", Width: 1, Right: true},
		{Header: "Vorig jaar " + ov.LastYear.Period.String(), Width: 2, Right: true}, {Header: "Verschil", Width: 1, Right: true},
		{Header: "Jaar tot nu", Width: 2, Right: true}}
	cur := ov.Margins.Total
	ytd := ov.YearToDate
	type fig func(f dm.Figures) string
	other := func(c dm.Comparison, f fig) string {
		if !c.Available {
			return "geen gegevens"
		}
		return f(c.Total)
	}
	year := func(f fig) string {
		if ytd == nil || ytd.Periods == 0 {
			return "—"
		}
		return f(ytd.Total)
	}
	diff := func(c dm.Comparison, a, b decimal.Decimal) string {
		if !c.Available {
			return "—"
		}
		return signed(decimal.NewNullDecimal(a.Sub(b)))
	}
	diffNull := func(c dm.Comparison, a, b decimal.NullDecimal, unit func(decimal.NullDecimal) string) string {
		if !c.Available || !a.Valid || !b.Valid {
			return "—"
		}
		v := decimal.NewNullDecimal(a.Decimal.Sub(b.Decimal))
		s := unit(v)
		if v.Decimal.IsPositive() {
			s = "+" + s
		}
		return s
	}
	row := func(label string, f fig, d func(c dm.Comparison) string, bold bool) pdf.TableRow {
		cells := []pdf.Cell{{Text: label, Bold: bold}, {Text: f(cur), Bold: bold}, {Text: other(ov.Previous, f)}, {Text: d(ov.Previous)},
			{Text: other(ov.LastYear, f)}, {Text: d(ov.LastYear)}, {Text: year(f)}}
		var shade *pdf.Color
		if bold {
			shade = pdf.LightGrey
		}
		return pdf.TableRow{Cells: cells, Shade: shade}
	}
	rows := []pdf.TableRow{
		row("Omzet", func(f dm.Figures) string { return euro(f.Revenue) }, func(c dm.Comparison) string { return diff(c, cur.Revenue, c.Total.Revenue) }, false),
		row("Loonkosten", func(f dm.Figures) string { return euro(f.WageCost) }, func(c dm.Comparison) string { return diff(c, cur.WageCost, c.Total.WageCost) }, false),
		row("Marge", func(f dm.Figures) string { return euro(f.Margin) }, func(c dm.Comparison) string { return diff(c, cur.Margin, c.Total.Margin) }, true),
		row("Marge %", func(f dm.Figures) string { return pctText(f.MarginPercent) }, func(c dm.Comparison) string {
			return diffNull(c, cur.MarginPercent, c.Total.MarginPercent, func(v decimal.NullDecimal) string { return pctText(v) })
		}, false),
		row("Gefactureerde uren", func(f dm.Figures) string { return hoursText(f.Hours) }, func(c dm.Comparison) string {
			if !c.Available {
				return "—"
			}
			v := cur.Hours.Sub(c.Total.Hours)
			s := hoursText(v)
			if v.IsPositive() {
				s = "+" + s
			}
			return s
		}, false),
		row("Marge per uur", func(f dm.Figures) string { return euroNull(f.MarginPerHour) }, func(c dm.Comparison) string {
			return diffNull(c, cur.MarginPerHour, c.Total.MarginPerHour, euroNull)
		}, false),
		row("Verloonde uren", func(f dm.Figures) string { return hoursText(f.PaidHours) }, func(c dm.Comparison) string { return "" }, false),
	}
	d.Table(cols, rows)
}

// groupTable lists the rows of one dimension with the margin in the
// comparison periods and the year to date.
func groupTable(d *pdf.Doc, rows []dm.Row, what string, detail bool) {
	cols := []pdf.Col{{Header: what, Width: 3}, {Header: "Uren", Width: 1, Right: true}, {Header: "Omzet", Width: 1, Right: true},
		{Header: "Loonkosten", Width: 1, Right: true}, {Header: "Marge", Width: 1, Right: true}, {Header: "Per uur", Width: 1, Right: true},
		{Header: "Marge %", Width: 1, Right: true}, {Header: "Vorige periode", Width: 1, Right: true},
		{Header: "Vorig jaar", Width: 1, Right: true}, {Header: "Jaar tot nu", Width: 1, Right: true}}
	var out []pdf.TableRow
	var tot dm.Figures
	for _, r := range rows {
		name := strings.TrimSpace(r.Key + " " + r.Name)
		if r.Key == r.Name || r.Key == "" {
			name = r.Name
		}
		if detail && r.Detail != "" {
			name += " — " + r.Detail
		}
		var flags []string
		if r.Estimated {
			flags = append(flags, "geschat")
		}
		if r.CostMissing {
			flags = append(flags, "loonkosten ontbreken")
		}
		if len(flags) > 0 {
			name += " (" + strings.Join(flags, ", ") + ")"
		}
		var color *pdf.Color
		if r.Margin.IsNegative() {
			color = pdf.Red
		}
		out = append(out, pdf.TableRow{Cells: []pdf.Cell{{Text: name}, {Text: hoursText(r.Hours)}, {Text: euro(r.Revenue)},
			{Text: euro(r.WageCost)}, {Text: euro(r.Margin), Color: color}, {Text: euroNull(r.MarginPerHour)}, {Text: pctText(r.MarginPercent)},
			{Text: marginOf(r.Previous)}, {Text: marginOf(r.LastYear)}, {Text: marginOf(r.YearToDate)}}})
		tot = tot.Plus(r.Figures)
	}
	out = append(out, pdf.TableRow{Shade: pdf.LightGrey, Cells: []pdf.Cell{{Text: "Totaal", Bold: true}, {Text: hoursText(tot.Hours), Bold: true},
		{Text: euro(tot.Revenue), Bold: true}, {Text: euro(tot.WageCost), Bold: true}, {Text: euro(tot.Margin), Bold: true},
		{Text: euroNull(tot.MarginPerHour), Bold: true}, {Text: pctText(tot.MarginPercent), Bold: true}, {}, {}, {}}})
	d.Table(cols, out)
}

// OverviewPDF renders the margin overview for the agency owner: the key
// figures against the comparison periods, then the margin per hirer,
// worker, placement and function (the per-line detail is in the XLSX).
func OverviewPDF(ov *dm.Overview, opt Options) ([]byte, error) {
	if ov == nil || ov.Margins == nil {
		return nil, domain.Errorf(domain.EINVALID, "Geen margeoverzicht om af te drukken.")
	}
	d, err := pdf.New(pdf.Options{Agency: ov.Agency, Title: "Margeoverzicht " + ov.Period.String(), Subtitle: subtitle(ov),
		Footer: footer, Landscape: true, Created: created(ov, opt)})
	if err != nil {
		return nil, err
	}
	d.Heading("Kerncijfers", 11, nil)
	keyTable(d, ov)
	d.Space(2)
	for _, n := range notes(ov) {
		d.Paragraph(n, 8)
	}
	m := ov.Margins
	for _, g := range []struct {
		title, col string
		rows       []dm.Row
		detail     bool
	}{
		{"Marge per inlener", "Inlener", m.Hirers, false},
		{"Marge per functie", "Functie", m.Functions, false},
		{"Marge per uitzendkracht", "Uitzendkracht", m.Workers, false},
		{"Marge per plaatsing", "Plaatsing", m.Placements, true},
	} {
		d.Heading(g.title, 11, nil)
		groupTable(d, g.rows, g.col, g.detail)
	}
	return d.Bytes()
}

// ReportPDF renders the weekly management report: key figures with
// headcount and debtors, a bar chart of the last periods, the top hirers and
// the open debtors — the same tables as the report workbook.
func ReportPDF(ov *dm.Overview, opt Options) ([]byte, error) {
	if ov == nil || ov.Margins == nil {
		return nil, domain.Errorf(domain.EINVALID, "Geen margeoverzicht om te rapporteren.")
	}
	d, err := pdf.New(pdf.Options{Agency: ov.Agency, Title: "Managementrapportage " + ov.Period.String(), Subtitle: subtitle(ov),
		Footer: footer, Landscape: true, Created: created(ov, opt)})
	if err != nil {
		return nil, err
	}
	m := ov.Margins
	d.Heading("Kerncijfers", 11, nil)
	keyTable(d, ov)
	d.Space(1)
	d.KeyValues([][2]string{
		{"Uitzendkrachten", fmt.Sprintf("%d met uren of omzet, waarvan %d definitief verloond", m.Headcount, m.Paid)},
		{"Openstaande debiteuren", fmt.Sprintf("%s per %s, waarvan %s vervallen", euro(ov.Debtors.Open), ov.Debtors.AsOf.Format("02-01-2006"),
			euro(ov.Debtors.Overdue))},
	})
	chart, err := PeriodChartPNG(reportPeriods(ov), 2000, 640)
	if err != nil {
		return nil, err
	}
	d.Heading("Verloop", 11, nil)
	d.Maroto().AddRows(image.NewFromBytesRow(76, chart, extension.Png, props.Rect{Center: true, Percent: 100}))

	d.Heading(fmt.Sprintf("Top %d inleners", dm.TopN), 11, nil)
	cols := []pdf.Col{{Header: "Inlener", Width: 4}, {Header: "Omzet", Width: 2, Right: true}, {Header: "Loonkosten", Width: 2, Right: true},
		{Header: "Marge", Width: 2, Right: true}, {Header: "Marge %", Width: 1, Right: true}, {Header: "Aandeel", Width: 1, Right: true}}
	var rows []pdf.TableRow
	for i, h := range ov.TopHirers {
		rows = append(rows, pdf.TableRow{Cells: []pdf.Cell{{Text: fmt.Sprintf("%d. %s %s", i+1, h.Key, h.Name)}, {Text: euro(h.Revenue)},
			{Text: euro(h.WageCost)}, {Text: euro(h.Margin)}, {Text: pctText(h.MarginPercent)}, {Text: pctText(dm.Percent(h.Revenue, m.Total.Revenue))}}})
	}
	if len(rows) == 0 {
		d.Paragraph("Geen inleners met omzet in deze periode.", 9)
	} else {
		d.Table(cols, rows)
	}

	d.Heading("Openstaande debiteuren per "+ov.Debtors.AsOf.Format("02-01-2006"), 11, nil)
	if len(ov.Debtors.Hirers) == 0 {
		d.Paragraph("Geen openstaande facturen.", 9)
	} else {
		dcols := []pdf.Col{{Header: "Inlener", Width: 6}, {Header: "Facturen", Width: 2, Right: true}, {Header: "Openstaand (incl. btw)", Width: 2, Right: true},
			{Header: "Waarvan vervallen", Width: 2, Right: true}}
		var drows []pdf.TableRow
		for _, h := range ov.Debtors.Hirers {
			var color *pdf.Color
			if h.Overdue.IsPositive() {
				color = pdf.Red
			}
			drows = append(drows, pdf.TableRow{Cells: []pdf.Cell{{Text: h.Hirer + " " + h.Name}, {Text: fmt.Sprint(h.Invoices)}, {Text: euro(h.Open)},
				{Text: euro(h.Overdue), Color: color}}})
		}
		drows = append(drows, pdf.TableRow{Shade: pdf.LightGrey, Cells: []pdf.Cell{{Text: "Totaal", Bold: true}, {Text: fmt.Sprint(invoices(ov.Debtors)), Bold: true},
			{Text: euro(ov.Debtors.Open), Bold: true}, {Text: euro(ov.Debtors.Overdue), Bold: true}}})
		d.Table(dcols, drows)
	}
	d.Space(2)
	for _, n := range notes(ov) {
		d.Paragraph(n, 8)
	}
	return d.Bytes()
}

// SettlementPDF renders the margin settlement statement with the backoffice
// firm, ready to approve (or saying why not, or who approved it).
func SettlementPDF(ov *dm.Overview, opt Options) ([]byte, error) {
	if ov == nil || ov.Settlement == nil {
		return nil, domain.Errorf(domain.EINVALID, "Geen margeafrekening: er is geen backofficevergoeding ingesteld.")
	}
	s := ov.Settlement
	d, err := pdf.New(pdf.Options{Agency: ov.Agency, Title: "Margeafrekening " + ov.Period.String(), Subtitle: subtitle(ov),
		Footer: "Verloner — bedragen excl. btw; de backofficevergoeding wordt met btw gefactureerd.", Created: created(ov, opt)})
	if err != nil {
		return nil, err
	}
	d.KeyValues([][2]string{
		{"Uitzendbureau", ov.Agency},
		{"Backoffice", s.Fee.Backoffice},
		{"Periode", fmt.Sprintf("%s (%s t/m %s)", ov.Period, ov.Period.Start().Format("02-01-2006"), ov.Period.End().Format("02-01-2006"))},
		{"Afspraak", s.Fee.Describe()},
	})
	d.Space(3)
	cols := []pdf.Col{{Header: "", Width: 8}, {Header: "Bedrag", Width: 4, Right: true}}
	basis := hoursText(s.Basis) + " " + s.BasisText
	if s.Fee.Kind == dm.FeePerWorkerWeek {
		basis = s.Basis.String() + " " + s.BasisText
	} else if s.Fee.Kind == dm.FeePercent {
		basis = euro(s.Basis) + " " + s.BasisText
	}
	d.Table(cols, []pdf.TableRow{
		{Cells: []pdf.Cell{{Text: "Omzet (gefactureerd)"}, {Text: euro(s.Revenue)}}},
		{Cells: []pdf.Cell{{Text: "Loonkosten (definitieve verloning)"}, {Text: euro(s.WageCost)}}},
		{Shade: pdf.LightGrey, Cells: []pdf.Cell{{Text: "Marge", Bold: true}, {Text: euro(s.Margin), Bold: true}}},
		{Cells: []pdf.Cell{{Text: "Backofficevergoeding: " + s.Fee.Describe() + " over " + basis}, {Text: "− " + euro(s.FeeAmount)}}},
		{Shade: pdf.Grey, Cells: []pdf.Cell{{Text: "Marge na vergoeding", Bold: true}, {Text: euro(s.Payable), Bold: true}}},
	})
	d.Space(3)
	switch {
	case s.Approval != nil && !s.Changed:
		d.Heading(fmt.Sprintf("Goedgekeurd door %s op %s", s.Approval.By, s.Approval.At.In(amsterdam()).Format("02-01-2006 15:04")), 10, pdf.LightGrey)
	case s.Approval != nil:
		d.Heading("De cijfers zijn veranderd sinds de goedkeuring", 10, pdf.LightAmb)
		d.Paragraph(fmt.Sprintf("Goedgekeurd door %s op %s: marge %s, vergoeding %s, na vergoeding %s. Keur de nieuwe cijfers opnieuw goed.",
			s.Approval.By, s.Approval.At.In(amsterdam()).Format("02-01-2006 15:04"), euro(s.Approval.Margin), euro(s.Approval.Fee), euro(s.Approval.Payable)), 9)
	case s.Ready:
		d.Heading("Klaar om goed te keuren", 10, pdf.LightGrey)
	default:
		d.Heading("Nog niet klaar om goed te keuren", 10, pdf.LightRed)
		for _, r := range s.Reasons {
			d.Paragraph("• "+r, 9)
		}
	}
	d.Heading("Onderbouwing per inlener", 10, nil)
	cols = []pdf.Col{{Header: "Inlener", Width: 4}, {Header: "Omzet", Width: 2, Right: true}, {Header: "Loonkosten", Width: 2, Right: true},
		{Header: "Marge", Width: 2, Right: true}, {Header: "Marge %", Width: 2, Right: true}}
	var rows []pdf.TableRow
	for _, h := range ov.Margins.Hirers {
		rows = append(rows, pdf.TableRow{Cells: []pdf.Cell{{Text: strings.TrimSpace(h.Key + " " + h.Name)}, {Text: euro(h.Revenue)},
			{Text: euro(h.WageCost)}, {Text: euro(h.Margin)}, {Text: pctText(h.MarginPercent)}}})
	}
	d.Table(cols, rows)
	d.Space(10)
	line := "______________________________"
	d.Table([]pdf.Col{{Header: "Voor akkoord " + ov.Agency, Width: 6}, {Header: "Voor akkoord " + s.Fee.Backoffice, Width: 6}}, []pdf.TableRow{
		{Cells: []pdf.Cell{{Text: "Naam: " + line}, {Text: "Naam: " + line}}},
		{Cells: []pdf.Cell{{Text: "Datum: " + line}, {Text: "Datum: " + line}}},
		{Cells: []pdf.Cell{{Text: " "}, {Text: " "}}},
		{Cells: []pdf.Cell{{Text: " "}, {Text: " "}}},
		{Cells: []pdf.Cell{{Text: "Handtekening: " + line}, {Text: "Handtekening: " + line}}},
	})
	return d.Bytes()
}

func amsterdam() *time.Location {
	if loc, err := time.LoadLocation("Europe/Amsterdam"); err == nil {
		return loc
	}
	return time.UTC
}
