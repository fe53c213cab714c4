// Package checklist exports a stored checklist (domain/checks) as XLSX and
// PDF, in Dutch or English, grouped per hirer and worker as the Controle
// screen shows it. The backoffice sends these to the intermediary ("what is
// missing before Wednesday") and keeps them with the payroll run as proof of
// what was checked. Messages hold BSN and IBAN only masked, as the rules wrote them.
package checklist

import (
	"fmt"
	"io"
	"strings"
	"time"
	_ "time/tzdata" // the timestamps are shown in the agency's time zone on any desktop

	"verloner/domain/checks"
	"verloner/exporters/pdf"
	"verloner/exporters/xlsx"
)

// Options choose language and time zone of an export.
type Options struct {
	Lang     string         // "en" for English, Dutch otherwise
	Location *time.Location // time zone of the timestamps; nil: Europe/Amsterdam
}

func (o Options) loc() *time.Location {
	if o.Location != nil {
		return o.Location
	}
	if l, err := time.LoadLocation("Europe/Amsterdam"); err == nil {
		return l
	}
	return time.UTC
}

// tr picks the Dutch or English text.
func (o Options) tr(nl, en string) string {
	if o.Lang == "en" {
		return en
	}
	return nl
}

// FileName is the export's base name without extension: "controlelijst-2026-W47".
func FileName(cl *checks.Checklist, opt Options) string {
	return opt.tr("controlelijst-", "checklist-") + cl.Period
}

func countsText(n checks.Counts, opt Options) string {
	s := fmt.Sprintf(opt.tr("%d blokkade(s), %d waarschuwing(en)", "%d blocker(s), %d warning(s)"), n.Blockers, n.Warnings)
	if n.Confirmed > 0 {
		s += fmt.Sprintf(opt.tr(", %d bevestigd", ", %d confirmed"), n.Confirmed)
	}
	return s
}

func gatesText(gs []checks.Gate, opt Options) string {
	s := make([]string, len(gs))
	for i, g := range gs {
		s[i] = g.Label(opt.Lang)
	}
	return strings.Join(s, ", ")
}

func severityText(f checks.Finding, opt Options) string {
	if f.Confirmed {
		return opt.tr("Bevestigd", "Confirmed")
	}
	return f.Severity.Label(opt.Lang)
}

func workerText(w checks.WorkerRef) string { return strings.TrimSpace(w.Number + " " + w.Name) }

func (o Options) moment(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(o.loc()).Format("02-01-2006 15:04")
}

// WriteXLSX writes the checklist as a workbook with three sheets: the
// findings per hirer and worker, a summary of counts, and the rules that fired.
func WriteXLSX(w io.Writer, cl *checks.Checklist, opt Options) error {
	b := xlsx.New()
	defer b.Close()
	title := fmt.Sprintf(opt.tr("Controlelijst %s — %s — gemaakt op %s — %s", "Checklist %s — %s — made on %s — %s"),
		cl.Period, cl.Agency, opt.moment(cl.CreatedAt), countsText(cl.Counts(), opt))
	s, err := b.AddSheet(opt.tr("Controlelijst", "Checklist"), []xlsx.Column{
		{Header: opt.tr("Inlener", "Hirer"), Width: 28},
		{Header: opt.tr("Uitzendkracht", "Worker"), Width: 24},
		{Header: opt.tr("Plaatsing", "Placement"), Width: 10},
		{Header: opt.tr("Datum", "Date"), Kind: xlsx.Date},
		{Header: opt.tr("Ernst", "Severity"), Width: 13},
		{Header: opt.tr("Controle", "Rule"), Width: 16},
		{Header: opt.tr("Melding", "Message"), Width: 70},
		{Header: opt.tr("Oplossing", "How to fix"), Width: 60},
		{Header: opt.tr("Raakt", "Affects"), Width: 20},
		{Header: opt.tr("Bevestiging", "Confirmation"), Width: 24},
	}, title)
	if err != nil {
		return fmt.Errorf("controlelijst %s: %w", cl.Period, err)
	}
	groups := cl.Groups()
	for _, g := range groups {
		if err := s.RowWith(xlsx.RowStyle{Bold: true, Fill: "D9E2F3"}, g.Title(opt.Lang), countsText(g.Counts, opt)); err != nil {
			return err
		}
		write := func(worker string, f checks.Finding) error {
			rs := xlsx.RowStyle{}
			if f.Severity == checks.Blocker && !f.Confirmed {
				rs.Fill = "F8D7D7"
			}
			var date any
			if !f.Date.IsZero() {
				date = f.Date
			}
			return s.RowWith(rs, g.Title(opt.Lang), worker, f.Placement, date, severityText(f, opt), f.Rule,
				f.Message.In(opt.Lang), f.Hint.In(opt.Lang), gatesText(f.Gates, opt), f.Note)
		}
		for _, f := range g.Findings {
			if err := write("", f); err != nil {
				return err
			}
		}
		for _, wg := range g.Workers {
			for _, f := range wg.Findings {
				if err := write(workerText(wg.Worker), f); err != nil {
					return err
				}
			}
		}
	}

	sum, err := b.AddSheet(opt.tr("Samenvatting", "Summary"), []xlsx.Column{
		{Header: opt.tr("Inlener", "Hirer"), Width: 32}, {Header: opt.tr("Uitzendkracht", "Worker"), Width: 28},
		{Header: opt.tr("Blokkades", "Blockers"), Kind: xlsx.Integer, Width: 11},
		{Header: opt.tr("Waarschuwingen", "Warnings"), Kind: xlsx.Integer, Width: 15},
		{Header: opt.tr("Bevestigd", "Confirmed"), Kind: xlsx.Integer, Width: 11},
	}, title)
	if err != nil {
		return err
	}
	for _, g := range groups {
		if err := sum.RowWith(xlsx.RowStyle{Bold: true}, g.Title(opt.Lang), opt.tr("(totaal)", "(total)"),
			g.Counts.Blockers, g.Counts.Warnings, g.Counts.Confirmed); err != nil {
			return err
		}
		for _, wg := range g.Workers {
			if err := sum.Row(g.Title(opt.Lang), workerText(wg.Worker), wg.Counts.Blockers, wg.Counts.Warnings, wg.Counts.Confirmed); err != nil {
				return err
			}
		}
	}
	n := cl.Counts()
	if err := sum.RowWith(xlsx.RowStyle{Bold: true, Fill: "D9D9D9"}, opt.tr("Totaal", "Total"), "", n.Blockers, n.Warnings, n.Confirmed); err != nil {
		return err
	}

	rules, err := b.AddSheet(opt.tr("Controles", "Rules"), []xlsx.Column{
		{Header: opt.tr("Controle", "Rule"), Width: 16}, {Header: opt.tr("Ernst", "Severity"), Width: 13},
		{Header: opt.tr("Raakt", "Affects"), Width: 22}, {Header: opt.tr("Omschrijving", "Description"), Width: 50},
		{Header: opt.tr("Aantal", "Count"), Kind: xlsx.Integer}, {Header: opt.tr("Bron", "Source"), Width: 60},
	}, "")
	if err != nil {
		return err
	}
	hits := map[string]int{}
	for _, f := range cl.Findings {
		hits[f.Rule]++
	}
	for _, r := range checks.Rules() {
		if err := rules.Row(r.ID, r.Severity.Label(opt.Lang), gatesText(r.Gates, opt), r.Title.In(opt.Lang), hits[r.ID], r.Source); err != nil {
			return err
		}
	}
	if _, err := b.WriteTo(w); err != nil {
		return fmt.Errorf("controlelijst %s: %w", cl.Period, err)
	}
	return nil
}

// PDF renders the checklist: a summary with the state of each gate, then per
// hirer a table of its own and its workers' findings, then the rules that fired.
func PDF(cl *checks.Checklist, opt Options) ([]byte, error) {
	n := cl.Counts()
	d, err := pdf.New(pdf.Options{Agency: cl.Agency, Title: opt.tr("Controlelijst ", "Checklist ") + cl.Period,
		Subtitle: fmt.Sprintf(opt.tr("gemaakt op %s", "made on %s"), opt.moment(cl.CreatedAt)),
		Footer:   fmt.Sprintf(opt.tr("Controlelijst %s, run %d — %s", "Checklist %s, run %d — %s"), cl.Period, cl.ID, countsText(n, opt)),
		Lang:     opt.Lang, Created: cl.CreatedAt, Landscape: true})
	if err != nil {
		return nil, err
	}
	d.Heading(opt.tr("Samenvatting", "Summary"), 12, nil)
	by := cl.CreatedBy
	if by == "" {
		by = "—"
	}
	pairs := [][2]string{
		{opt.tr("Periode", "Period"), cl.Period},
		{opt.tr("Gemaakt", "Made"), opt.moment(cl.CreatedAt) + " (" + by + ")"},
		{opt.tr("Bevindingen", "Findings"), countsText(n, opt)},
	}
	for _, g := range checks.Gates {
		state := opt.tr("vrij", "clear")
		if cl.Blocks(g) {
			state = opt.tr("GEBLOKKEERD", "BLOCKED")
		}
		pairs = append(pairs, [2]string{cap1(g.Label(opt.Lang)), state})
	}
	d.KeyValues(pairs)
	d.Paragraph(opt.tr(
		"Een proefverloning kan altijd worden gedraaid; definitief verlonen, betalen en factureren wachten tot de blokkades voor die stap zijn opgelost. Waarschuwingen informeren en kunnen worden bevestigd.",
		"A proof payroll can always be run; final payroll, payment and invoicing wait until the blockers of that step are solved. Warnings inform and can be confirmed."), 8)

	cols := []pdf.Col{{Header: opt.tr("Uitzendkracht", "Worker"), Width: 2}, {Header: opt.tr("Controle", "Rule"), Width: 2},
		{Header: opt.tr("Melding", "Message"), Width: 5}, {Header: opt.tr("Oplossing", "How to fix"), Width: 3}}
	for _, g := range cl.Groups() {
		d.Heading(g.Title(opt.Lang)+" — "+countsText(g.Counts, opt), 10, pdf.LightGrey)
		var rows []pdf.TableRow
		add := func(who string, f checks.Finding) {
			color, shade := pdf.Amber, (*pdf.Color)(nil)
			if f.Severity == checks.Blocker && !f.Confirmed {
				color, shade = pdf.Red, pdf.LightRed
			}
			if f.Confirmed {
				color = nil
			}
			rule := severityText(f, opt) + " · " + f.Rule
			msg := f.Message.In(opt.Lang)
			if f.Note != "" {
				msg += " [" + opt.tr("bevestigd: ", "confirmed: ") + f.Note + "]"
			}
			rows = append(rows, pdf.TableRow{Shade: shade, Cells: []pdf.Cell{{Text: who}, {Text: rule, Bold: true, Color: color},
				{Text: msg}, {Text: f.Hint.In(opt.Lang)}}})
		}
		for _, f := range g.Findings {
			add(opt.tr("(inlener)", "(hirer)"), f)
		}
		for _, wg := range g.Workers {
			for _, f := range wg.Findings {
				add(workerText(wg.Worker), f)
			}
		}
		d.Table(cols, rows)
	}
	if len(cl.Findings) == 0 {
		d.Paragraph(opt.tr("Geen bevindingen: alles is in orde voor deze periode.", "No findings: everything is in order for this period."), 10)
	}

	hits := map[string]int{}
	for _, f := range cl.Findings {
		hits[f.Rule]++
	}
	var rrows []pdf.TableRow
	for _, r := range checks.Rules() {
		if hits[r.ID] == 0 {
			continue
		}
		rrows = append(rrows, pdf.TableRow{Cells: []pdf.Cell{{Text: r.ID, Bold: true}, {Text: r.Severity.Label(opt.Lang)},
			{Text: r.Title.In(opt.Lang)}, {Text: gatesText(r.Gates, opt)}, {Text: fmt.Sprint(hits[r.ID])}}})
	}
	if len(rrows) > 0 {
		d.Heading(opt.tr("Gebruikte controles", "Rules that fired"), 10, nil)
		d.Table([]pdf.Col{{Header: opt.tr("Controle", "Rule"), Width: 2}, {Header: opt.tr("Ernst", "Severity"), Width: 2},
			{Header: opt.tr("Omschrijving", "Description"), Width: 5}, {Header: opt.tr("Raakt", "Affects"), Width: 2},
			{Header: opt.tr("Aantal", "Count"), Width: 1, Right: true}}, rrows)
	}
	return d.Bytes()
}

func cap1(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
