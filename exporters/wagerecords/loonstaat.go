package wagerecords

import (
	"fmt"
	"io"
	"time"

	"github.com/shopspring/decimal"

	"verloner/domain"
	"verloner/exporters/pdf"
	"verloner/exporters/xlsx"
)

// Options tune the loonstaat files.
type Options struct {
	Lang    string    // "en" for English headings; Dutch otherwise
	Created time.Time // the creation moment printed; zero: now
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

// FileNames of the loonstaat exports of a year.
func LoonstaatXLSXName(year int) string        { return fmt.Sprintf("loonstaat-%d.xlsx", year) }
func LoonstaatPDFName(year int) string         { return fmt.Sprintf("loonstaat-%d.pdf", year) }
func VerzamelloonstaatPDFName(year int) string { return fmt.Sprintf("verzamelloonstaat-%d.pdf", year) }
func JaaropgaafName(year int, number string) string {
	return fmt.Sprintf("jaaropgaaf-%d-%s.pdf", year, safe(number))
}

func safe(s string) string {
	out := []rune{}
	for _, r := range s {
		if r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r == '-' || r == '_' {
			out = append(out, r)
		} else {
			out = append(out, '_')
		}
	}
	return string(out)
}

// runLabel is "1" or "2 correctie".
func runLabel(e Entry, o Options) string {
	if e.Correction {
		return fmt.Sprintf("%d %s", e.Seq, o.tr("correctie", "correction"))
	}
	return fmt.Sprint(e.Seq)
}

// amountColumns are the figures of a loonstaat line in the XLSX, in order.
func amountColumns(o Options) ([]xlsx.Column, func(f Figures) []any) {
	cols := []xlsx.Column{
		{Header: o.tr("Brutoloon", "Gross wage"), Kind: xlsx.Money},
		{Header: o.tr("Uitruil ET", "ET exchanged"), Kind: xlsx.Money},
		{Header: o.tr("Pensioen werknemer", "Pension employee"), Kind: xlsx.Money},
		{Header: o.tr("Fiscaal loon (LB/PVV)", "Fiscal wage"), Kind: xlsx.Money},
		{Header: o.tr("waarvan bijz. beloningen", "of which special"), Kind: xlsx.Money},
		{Header: o.tr("SV-loon (premieloon)", "SV wage (premium wage)"), Kind: xlsx.Money},
		{Header: o.tr("Bijdrageloon Zvw", "Zvw wage"), Kind: xlsx.Money},
		{Header: o.tr("Ingehouden loonheffing", "Wage tax withheld"), Kind: xlsx.Money},
		{Header: o.tr("waarvan bijz. tarief", "of which special rate"), Kind: xlsx.Money},
		{Header: o.tr("Verrekende arbeidskorting", "Labour credit applied"), Kind: xlsx.Money},
		{Header: o.tr("Werkgeversheffing Zvw", "Zvw employer levy"), Kind: xlsx.Money},
		{Header: "AWf", Kind: xlsx.Money},
		{Header: "Aof", Kind: xlsx.Money},
		{Header: "Wko", Kind: xlsx.Money},
		{Header: "Whk", Kind: xlsx.Money},
		{Header: o.tr("Pensioen werkgever", "Pension employer"), Kind: xlsx.Money},
		{Header: o.tr("Onbelaste vergoedingen", "Untaxed allowances"), Kind: xlsx.Money},
		{Header: o.tr("Inhoudingen netto", "Net deductions"), Kind: xlsx.Money},
		{Header: o.tr("Nettoloon", "Net pay"), Kind: xlsx.Money},
		{Header: o.tr("Verloonde uren", "Paid hours"), Kind: xlsx.Number},
	}
	values := func(f Figures) []any {
		return []any{f.Gross, f.ETExchanged, f.PensionEmployee, f.TaxableWage, f.SpecialWage, f.PremiumWage, f.ZvwWage, f.WageTax,
			f.WageTaxSpecial, f.LabourCredit, f.Zvw, f.AWf, f.Aof, f.Wko, f.Whk, f.PensionEmployer, f.Untaxed, f.Deductions, f.Net, f.PaidHours}
	}
	return cols, values
}

// WriteXLSX writes the loonstaat workbook: sheet Loonstaten (one row per
// payslip with the worker's cumulative fiscal wage and wage tax, a bold total
// row per worker) and sheet Verzamelloonstaat (one row per pay period with
// cumulatives, and the year's total). BSNs are masked.
func WriteXLSX(w io.Writer, y *Year, o Options) error {
	b := xlsx.New()
	defer b.Close()
	amounts, values := amountColumns(o)
	cols := append([]xlsx.Column{
		{Header: o.tr("Nr", "No"), Width: 8},
		{Header: o.tr("Naam", "Name"), Width: 24},
		{Header: "BSN", Width: 11},
		{Header: o.tr("Periode", "Period"), Width: 10},
		{Header: o.tr("Run", "Run"), Width: 11},
		{Header: o.tr("Betaaldatum", "Pay date"), Kind: xlsx.Date},
		{Header: o.tr("Tabel", "Table"), Width: 26},
		{Header: o.tr("LHK", "Tax credit"), Width: 6},
	}, amounts...)
	cols = append(cols, xlsx.Column{Header: o.tr("Cum. fiscaal loon", "Cum. fiscal wage"), Kind: xlsx.Money},
		xlsx.Column{Header: o.tr("Cum. loonheffing", "Cum. wage tax"), Kind: xlsx.Money},
		xlsx.Column{Header: o.tr("Cum. arbeidskorting", "Cum. labour credit"), Kind: xlsx.Money})
	s, err := b.AddSheet(o.tr("Loonstaten", "Payroll records"), cols,
		fmt.Sprintf(o.tr("Loonstaten %d – %s", "Payroll records %d – %s"), y.Year, y.Agency.Name))
	if err != nil {
		return err
	}
	yes, no := o.tr("ja", "yes"), o.tr("nee", "no")
	for _, wy := range y.Workers {
		bsn := domain.MaskBSN(wy.BSN)
		for _, e := range wy.Entries {
			lhk := no
			if e.TaxCredit {
				lhk = yes
			}
			table := e.Table()
			if o.Lang == "en" {
				table = e.TableEN()
			}
			row := append([]any{wy.Number, wy.Name, bsn, e.Period.String(), runLabel(e, o), e.PayDate, table, lhk}, values(e.Figures)...)
			row = append(row, e.Cumulative.TaxableWage, e.Cumulative.WageTax, e.Cumulative.LabourCredit)
			if err := s.Row(row...); err != nil {
				return err
			}
		}
		row := append([]any{wy.Number, wy.Name, bsn, o.tr("Totaal", "Total"), fmt.Sprintf(o.tr("%d tijdvakken", "%d periods"), wy.Periods), nil, nil,
			fmt.Sprintf("%d/%d", wy.TaxCredit, wy.Periods)}, values(wy.Totals)...)
		if err := s.RowWith(xlsx.RowStyle{Bold: true, Fill: "F2F2F2"}, row...); err != nil {
			return err
		}
	}
	if err := s.RowWith(xlsx.RowStyle{Bold: true, Fill: "D9D9D9"},
		append([]any{o.tr("Totaal", "Total"), fmt.Sprintf(o.tr("%d uitzendkrachten", "%d workers"), len(y.Workers)), nil, nil, nil, nil, nil, nil}, values(y.Totals)...)...); err != nil {
		return err
	}

	vcols := append([]xlsx.Column{
		{Header: o.tr("Periode", "Period"), Width: 10},
		{Header: o.tr("Betaaldatum", "Pay date"), Kind: xlsx.Date},
		{Header: o.tr("Runs", "Runs"), Width: 16},
		{Header: o.tr("Uitzendkrachten", "Workers"), Kind: xlsx.Integer},
	}, amounts...)
	vcols = append(vcols, xlsx.Column{Header: o.tr("Cum. fiscaal loon", "Cum. fiscal wage"), Kind: xlsx.Money},
		xlsx.Column{Header: o.tr("Cum. loonheffing", "Cum. wage tax"), Kind: xlsx.Money},
		xlsx.Column{Header: o.tr("Cum. premies werkgever", "Cum. employer premiums"), Kind: xlsx.Money})
	v, err := b.AddSheet(o.tr("Verzamelloonstaat", "Summary by period"), vcols,
		fmt.Sprintf(o.tr("Verzamelloonstaat %d – %s", "Payroll summary by period %d – %s"), y.Year, y.Agency.Name))
	if err != nil {
		return err
	}
	for _, p := range y.Periods {
		row := append([]any{p.Period.String(), p.PayDate, joinRuns(p.Runs, o), p.Workers}, values(p.Figures)...)
		row = append(row, p.Cumulate.TaxableWage, p.Cumulate.WageTax, p.Cumulate.Premiums().Add(p.Cumulate.Zvw))
		if err := v.Row(row...); err != nil {
			return err
		}
	}
	if err := v.RowWith(xlsx.RowStyle{Bold: true, Fill: "D9D9D9"},
		append([]any{o.tr("Totaal", "Total"), nil, fmt.Sprintf(o.tr("%d runs", "%d runs"), y.Runs), len(y.Workers)}, values(y.Totals)...)...); err != nil {
		return err
	}
	_, err = b.WriteTo(w)
	return err
}

func joinRuns(runs []string, o Options) string {
	out := ""
	for i, r := range runs {
		if i > 0 {
			out += ", "
		}
		if o.Lang == "en" {
			r = replaceCorrectie(r)
		}
		out += r
	}
	return out
}

func replaceCorrectie(s string) string {
	const nl, en = "(correctie)", "(correction)"
	if len(s) >= len(nl) && s[len(s)-len(nl):] == nl {
		return s[:len(s)-len(nl)] + en
	}
	return s
}

// amount prints a table amount without the euro sign (the heading says €).
func amount(d decimal.Decimal) string { return domain.FormatDecimalNL(d, 2) }

// LoonstaatPDF prints the loonstaten, one section per worker (landscape):
// per payslip the period and run, the table, and the main figures with the
// cumulative fiscal wage; a total row per worker.
func LoonstaatPDF(y *Year, o Options) ([]byte, error) {
	d, err := pdf.New(pdf.Options{Agency: y.Agency.Name, Title: fmt.Sprintf(o.tr("Loonstaten %d", "Payroll records %d"), y.Year),
		Subtitle: loonheffingenNr(y, o), Footer: fmt.Sprintf(o.tr("Uit %d definitieve verloningen · gemaakt %s · BSN gemaskeerd",
			"From %d final payroll runs · created %s · BSN masked"), y.Runs, o.created().Format("02-01-2006 15:04")),
		Lang: o.Lang, Landscape: true, Created: o.created()})
	if err != nil {
		return nil, err
	}
	cols := []pdf.Col{
		{Header: o.tr("Periode · run · tabel", "Period · run · table"), Width: 2},
		{Header: o.tr("Bruto €", "Gross €"), Width: 1, Right: true},
		{Header: o.tr("Pens. wn €", "Pens. ee €"), Width: 1, Right: true},
		{Header: o.tr("Fiscaal loon €", "Fiscal wage €"), Width: 1, Right: true},
		{Header: o.tr("SV-loon €", "SV wage €"), Width: 1, Right: true},
		{Header: o.tr("Zvw-loon €", "Zvw wage €"), Width: 1, Right: true},
		{Header: o.tr("LH €", "WT €"), Width: 1, Right: true},
		{Header: o.tr("AK €", "LC €"), Width: 1, Right: true},
		{Header: o.tr("Premies wg + Zvw €", "Empl. prem. + Zvw €"), Width: 1, Right: true},
		{Header: o.tr("Netto €", "Net €"), Width: 1, Right: true},
		{Header: o.tr("Cum. fiscaal loon €", "Cum. fiscal wage €"), Width: 1, Right: true},
	}
	legend := o.tr("LH = ingehouden loonheffing; AK = verrekende arbeidskorting; SV-loon = premieloon werknemersverzekeringen; Zvw-loon = bijdrageloon Zvw (beide zoals per tijdvak gemaximeerd).",
		"WT = wage tax withheld; LC = labour credit applied; SV wage = premium wage of the employee insurances; Zvw wage = Zvw contribution wage (both as capped per period).")
	line := func(label string, f Figures, cum string, bold bool) pdf.TableRow {
		cells := []pdf.Cell{{Text: label, Bold: bold}}
		for _, v := range []decimal.Decimal{f.Gross, f.PensionEmployee, f.TaxableWage, f.PremiumWage, f.ZvwWage, f.WageTax, f.LabourCredit,
			f.Premiums().Add(f.Zvw), f.Net} {
			cells = append(cells, pdf.Cell{Text: amount(v), Bold: bold})
		}
		return pdf.TableRow{Cells: append(cells, pdf.Cell{Text: cum, Bold: bold})}
	}
	if len(y.Workers) == 0 {
		d.Paragraph(fmt.Sprintf(o.tr("Geen definitieve verloningen met een betaaldatum in %d.", "No final payroll runs with a pay date in %d."), y.Year), 0)
	}
	for _, wy := range y.Workers {
		d.Heading(fmt.Sprintf("%s %s · BSN %s · %s %s · %s %s – %s", wy.Number, wy.Name, domain.MaskBSN(wy.BSN), o.tr("geboren", "born"),
			dateText(wy.BirthDate), o.tr("in dienst", "employed"), dateText(wy.From), dateText(wy.To)), 10, pdf.LightGrey)
		var rows []pdf.TableRow
		for _, e := range wy.Entries {
			table := e.Table()
			if o.Lang == "en" {
				table = e.TableEN()
			}
			rows = append(rows, line(fmt.Sprintf("%s · %s · %s", e.Period, runLabel(e, o), table), e.Figures, amount(e.Cumulative.TaxableWage), false))
		}
		rows = append(rows, line(fmt.Sprintf(o.tr("Totaal %d (LHK %d van %d tijdvakken)", "Total %d (tax credit %d of %d periods)"), y.Year, wy.TaxCredit, wy.Periods),
			wy.Totals, amount(wy.Totals.TaxableWage), true))
		d.Table(cols, rows)
		d.Space(2)
	}
	d.Paragraph(legend, 7.5)
	return d.Bytes()
}

// VerzamelloonstaatPDF prints the totals per pay period over all workers,
// with cumulatives and the year's total.
func VerzamelloonstaatPDF(y *Year, o Options) ([]byte, error) {
	d, err := pdf.New(pdf.Options{Agency: y.Agency.Name, Title: fmt.Sprintf(o.tr("Verzamelloonstaat %d", "Payroll summary %d"), y.Year),
		Subtitle: loonheffingenNr(y, o), Footer: fmt.Sprintf(o.tr("Uit %d definitieve verloningen · gemaakt %s", "From %d final payroll runs · created %s"),
			y.Runs, o.created().Format("02-01-2006 15:04")), Lang: o.Lang, Landscape: true, Created: o.created()})
	if err != nil {
		return nil, err
	}
	cols := []pdf.Col{
		{Header: o.tr("Periode · betaald", "Period · paid"), Width: 2},
		{Header: o.tr("Runs · krachten", "Runs · workers"), Width: 1},
		{Header: o.tr("Fiscaal loon €", "Fiscal wage €"), Width: 1, Right: true},
		{Header: o.tr("SV-loon €", "SV wage €"), Width: 1, Right: true},
		{Header: o.tr("Zvw-loon €", "Zvw wage €"), Width: 1, Right: true},
		{Header: o.tr("LH €", "WT €"), Width: 1, Right: true},
		{Header: o.tr("AK €", "LC €"), Width: 1, Right: true},
		{Header: o.tr("Premies wg €", "Empl. prem. €"), Width: 1, Right: true},
		{Header: o.tr("Zvw wg €", "Zvw empl. €"), Width: 1, Right: true},
		{Header: o.tr("Cum. fiscaal loon €", "Cum. fiscal wage €"), Width: 1, Right: true},
		{Header: o.tr("Cum. LH €", "Cum. WT €"), Width: 1, Right: true},
	}
	row := func(label, runs string, f, cum Figures, bold bool) pdf.TableRow {
		cells := []pdf.Cell{{Text: label, Bold: bold}, {Text: runs, Bold: bold}}
		for _, v := range []decimal.Decimal{f.TaxableWage, f.PremiumWage, f.ZvwWage, f.WageTax, f.LabourCredit, f.Premiums(), f.Zvw, cum.TaxableWage, cum.WageTax} {
			cells = append(cells, pdf.Cell{Text: amount(v), Bold: bold})
		}
		return pdf.TableRow{Cells: cells}
	}
	var rows []pdf.TableRow
	for _, p := range y.Periods {
		rows = append(rows, row(fmt.Sprintf("%s · %s", p.Period, dateText(p.PayDate)), fmt.Sprintf("%s · %d", joinRuns(p.Runs, o), p.Workers), p.Figures, p.Cumulate, false))
	}
	rows = append(rows, row(fmt.Sprintf(o.tr("Totaal %d", "Total %d"), y.Year), fmt.Sprintf("%d · %d", y.Runs, len(y.Workers)), y.Totals, y.Totals, true))
	d.Table(cols, rows)
	d.Space(3)
	d.Paragraph(o.tr("LH = ingehouden loonheffing; AK = verrekende arbeidskorting; premies wg = AWf, Aof, Wko en Whk. SV-loon en Zvw-loon zijn het premieloon en het bijdrageloon zoals de verloning ze per tijdvak maximeerde. Correctieruns staan als verschillen in de periode die ze corrigeren.",
		"WT = wage tax withheld; LC = labour credit applied; employer premiums = AWf, Aof, Wko and Whk. SV wage and Zvw wage are the premium and contribution wage as payroll capped them per period. Correction runs are shown as differences in the period they correct."), 8)
	return d.Bytes()
}

func loonheffingenNr(y *Year, o Options) string {
	if y.Agency.LoonheffingenNummer == "" {
		return ""
	}
	return o.tr("Loonheffingennummer ", "Payroll tax number ") + y.Agency.LoonheffingenNummer
}

func dateText(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return t.Format("02-01-2006")
}
