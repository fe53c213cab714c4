package wagerecords

import (
	"fmt"
	"strings"
	"time"

	"github.com/johnfercher/maroto/v2"
	"github.com/johnfercher/maroto/v2/pkg/components/col"
	"github.com/johnfercher/maroto/v2/pkg/components/line"
	"github.com/johnfercher/maroto/v2/pkg/components/row"
	"github.com/johnfercher/maroto/v2/pkg/components/text"
	"github.com/johnfercher/maroto/v2/pkg/config"
	"github.com/johnfercher/maroto/v2/pkg/consts/align"
	"github.com/johnfercher/maroto/v2/pkg/consts/fontstyle"
	"github.com/johnfercher/maroto/v2/pkg/consts/pagesize"
	"github.com/johnfercher/maroto/v2/pkg/core"
	"github.com/johnfercher/maroto/v2/pkg/props"
	"github.com/shopspring/decimal"

	"verloner/domain"
	"verloner/domain/params"
	"verloner/exporters/pdf"
)

// tr is a jaaropgaaf text in the three languages a worker can receive it in.
// English and Polish keep the Dutch term in brackets: the worker meets the
// Dutch word in the tax return and on the Belastingdienst's letters.
// tr is a document text in Dutch, English and Polish (domain.Phrase).
type tr domain.Phrase

func (t tr) in(l domain.Language) string { return domain.Phrase(t).In(l) }

var (
	jTitle      = tr{"Jaaropgaaf %d", "Annual statement %d (jaaropgaaf)", "Roczne zestawienie %d (jaaropgaaf)"}
	jEmployer   = tr{"Werkgever", "Employer", "Pracodawca"}
	jEmployee   = tr{"Werknemer", "Employee", "Pracownik"}
	jName       = tr{"Naam", "Name", "Imię i nazwisko"}
	jAddress    = tr{"Adres", "Address", "Adres"}
	jLHNr       = tr{"Loonheffingennummer", "Payroll tax number (loonheffingennummer)", "Numer płatnika (loonheffingennummer)"}
	jBSN        = tr{"Burgerservicenummer (BSN)", "Citizen service number (BSN)", "Numer BSN (burgerservicenummer)"}
	jBirth      = tr{"Geboortedatum", "Date of birth", "Data urodzenia"}
	jNumber     = tr{"Personeelsnummer", "Personnel number", "Numer pracownika"}
	jEmployed   = tr{"In dienst in %d", "Employed in %d", "Zatrudnienie w %d"}
	jFromTo     = tr{"%s t/m %s", "%s to %s", "%s – %s"}
	jTaxFigures = tr{"Voor uw aangifte inkomstenbelasting", "For your income-tax return", "Do zeznania podatkowego (aangifte inkomstenbelasting)"}
	jFiscal     = tr{"Loon voor de loonbelasting/volksverzekeringen (fiscaal loon)", "Taxable wage (loon voor de loonbelasting/volksverzekeringen)",
		"Dochód do opodatkowania (loon voor de loonbelasting/volksverzekeringen)"}
	jWageTax  = tr{"Ingehouden loonbelasting/premie volksverzekeringen", "Wage tax withheld (ingehouden loonheffing)", "Pobrany podatek od wynagrodzeń (ingehouden loonheffing)"}
	jLabour   = tr{"Verrekende arbeidskorting", "Labour tax credit applied (verrekende arbeidskorting)", "Zastosowana ulga za pracę (verrekende arbeidskorting)"}
	jLHK      = tr{"Loonheffingskorting toegepast", "Tax credit applied (loonheffingskorting)", "Zastosowana ulga podatkowa (loonheffingskorting)"}
	jLHKValue = tr{"ja, in %d van de %d tijdvakken", "yes, in %d of %d pay periods", "tak, w %d z %d okresów"}
	jLHKNone  = tr{"nee", "no", "nie"}
	jZvwWage  = tr{"Bijdrageloon Zvw", "Income for the health insurance contribution (bijdrageloon Zvw)", "Podstawa składki zdrowotnej (bijdrageloon Zvw)"}
	jZvw      = tr{"Werkgeversheffing Zvw (door de werkgever betaald, niet ingehouden)", "Employer's health insurance levy (werkgeversheffing Zvw; paid by the employer, not withheld)",
		"Składka zdrowotna pracodawcy (werkgeversheffing Zvw; płaci pracodawca, nie potrącana)"}
	jTable   = tr{"Toegepaste loonbelastingtabel", "Wage tax table applied", "Zastosowana tabela podatkowa"}
	jOther   = tr{"Overige gegevens", "Other figures", "Pozostałe dane"}
	jGross   = tr{"Brutoloon", "Gross wage (brutoloon)", "Wynagrodzenie brutto (brutoloon)"}
	jPension = tr{"Ingehouden pensioenpremie (al afgetrokken van het fiscaal loon)", "Pension contribution withheld (already deducted from the taxable wage)",
		"Potrącona składka emerytalna (już odliczona od dochodu do opodatkowania)"}
	jSV      = tr{"Loon voor de werknemersverzekeringen (premieloon)", "Wage for employee insurances (premieloon)", "Wynagrodzenie do ubezpieczeń pracowniczych (premieloon)"}
	jET      = tr{"Uitgeruild voor onbelaste ET-vergoeding", "Exchanged for the tax-free ET allowance", "Zamienione na zwolniony z podatku zwrot ET"}
	jUntaxed = tr{"Onbelaste vergoedingen", "Tax-free allowances", "Dodatki zwolnione z podatku"}
	jNet     = tr{"Netto uitbetaald (na inhoudingen)", "Net paid (after deductions)", "Wypłacono netto (po potrąceniach)"}
	jPeriods = tr{"Verloonde tijdvakken", "Pay periods", "Okresy rozliczeniowe"}
	jNote    = tr{"De Belastingdienst krijgt deze gegevens via de aangifte loonheffingen en vult ze meestal al in bij uw aangifte inkomstenbelasting. Controleer ze met deze opgaaf. Bewaar deze opgaaf bij uw administratie.",
		"The Dutch tax authorities (Belastingdienst) receive these figures through the employer's payroll returns and usually pre-fill them in your income-tax return. Check them against this statement and keep it with your records.",
		"Holenderski urząd skarbowy (Belastingdienst) otrzymuje te dane z deklaracji pracodawcy i zwykle wpisuje je już do Twojego zeznania podatkowego. Sprawdź je z tym zestawieniem i zachowaj je w swojej dokumentacji."}
	jCorrNote = tr{"Inclusief correcties op eerdere tijdvakken.", "Including corrections of earlier pay periods.", "Łącznie z korektami wcześniejszych okresów."}
	jFooter   = tr{"Opgemaakt op %s uit de definitieve verloningen · %s", "Made on %s from the final payroll runs · %s", "Sporządzono %s na podstawie ostatecznych list płac · %s"}
	jPage     = tr{"Pagina {current} van {total}", "Page {current} of {total}", "Strona {current} z {total}"}
	jWhite    = tr{"witte tabel, %s", "white table, %s", "tabela biała, %s"}
	jAnon     = tr{"anoniementarief", "anonymous rate (anoniementarief)", "stawka anonimowa (anoniementarief)"}
	jAOW      = tr{"AOW-leeftijd", "state pension age", "wiek emerytalny"}
	jKinds    = map[domain.PeriodKind]tr{domain.Weekly: {"week", "week", "tydzień"}, domain.FourWeek: {"4 weken", "4 weeks", "4 tygodnie"},
		domain.Monthly: {"maand", "month", "miesiąc"}}
)

// JaaropgaafOptions tune the jaaropgaaf.
type JaaropgaafOptions struct {
	Lang    domain.Language // zero: the worker's language
	Created time.Time       // zero: now
}

// JaaropgaafPDF prints one worker's annual statement. It shows the BSN in
// full — the only document of Verloner that does, because the worker needs it
// for the income-tax return — and the figures of the final runs paid in the
// year: fiscal wage, wage tax withheld, labour credit applied, whether the
// loonheffingskorting was applied, the Zvw contribution wage and levy, and
// for information the gross and net pay.
func JaaropgaafPDF(y *Year, w *WorkerYear, o JaaropgaafOptions) ([]byte, error) {
	l := o.Lang
	if l == "" {
		l = w.Language
	}
	switch l {
	case domain.Dutch, domain.English, domain.Polish:
	default:
		l = domain.Dutch
	}
	created := o.Created
	if created.IsZero() {
		created = time.Now()
	}
	fonts, err := pdf.Fonts()
	if err != nil {
		return nil, err
	}
	title := fmt.Sprintf(jTitle.in(l), y.Year)
	m := maroto.New(config.NewBuilder().
		WithPageSize(pagesize.A4).
		WithLeftMargin(18).WithTopMargin(14).WithRightMargin(18).WithBottomMargin(14).
		WithCustomFonts(fonts).
		WithDefaultFont(&props.Font{Family: pdf.Family, Size: 9}).
		WithPageNumber(props.PageNumber{Pattern: jPage.in(l), Place: props.RightBottom, Family: pdf.Family, Size: 7}).
		WithTitle(title+" "+w.Name, true).WithAuthor(y.Agency.Name, true).WithCreator("Verloner", true).
		WithCreationDate(created).WithCompression(true).Build())
	if err := m.RegisterFooter(row.New(8).Add(text.NewCol(10, fmt.Sprintf(jFooter.in(l), created.Format("02-01-2006"), y.Agency.Name),
		props.Text{Family: pdf.Family, Size: 7, Top: 3}), col.New(2))); err != nil {
		return nil, fmt.Errorf("jaaropgaaf voet: %w", err)
	}
	bold := props.Text{Family: pdf.Family, Style: fontstyle.Bold, Size: 9}
	normal := props.Text{Family: pdf.Family, Size: 9}
	grey := props.Text{Family: pdf.Family, Size: 8, Color: &props.Color{Red: 90, Green: 90, Blue: 90}, Right: 2}
	m.AddRows(row.New(11).Add(text.NewCol(12, title, props.Text{Family: pdf.Family, Style: fontstyle.Bold, Size: 15, Top: 2})))
	m.AddAutoRow(text.NewCol(12, y.Agency.Name, props.Text{Family: pdf.Family, Style: fontstyle.Bold, Size: 10}))
	m.AddRows(line.NewRow(4, props.Line{Thickness: 0.3, Color: pdf.Grey}))
	// Employer and employee side by side.
	m.AddAutoRow(text.NewCol(6, jEmployer.in(l), bold), text.NewCol(6, jEmployee.in(l), bold))
	pairs := [][2][2]string{
		{{jName.in(l), y.Agency.Name}, {jName.in(l), w.Name}},
		{{jAddress.in(l), addressText(y.Agency.Address)}, {jAddress.in(l), addressText(w.Address)}},
		{{jLHNr.in(l), y.Agency.LoonheffingenNummer}, {jBSN.in(l), orDash(domain.NormalizeBSN(w.BSN))}},
		{{"", ""}, {jBirth.in(l), dateText(w.BirthDate)}},
		{{"", ""}, {jNumber.in(l), w.Number}},
		{{"", ""}, {fmt.Sprintf(jEmployed.in(l), y.Year), fmt.Sprintf(jFromTo.in(l), dateText(w.From), dateText(w.To))}},
	}
	for _, p := range pairs {
		m.AddAutoRow(text.NewCol(3, p[0][0], grey), text.NewCol(3, p[0][1], normal), text.NewCol(3, p[1][0], grey), text.NewCol(3, p[1][1], normal))
	}
	t := w.Totals
	section(m, jTaxFigures.in(l))
	lhk := jLHKNone.in(l)
	if w.TaxCredit > 0 {
		lhk = fmt.Sprintf(jLHKValue.in(l), w.TaxCredit, w.Periods)
	}
	figure(m, jFiscal.in(l), euro(t.TaxableWage), true)
	figure(m, jWageTax.in(l), euro(t.WageTax), true)
	figure(m, jLabour.in(l), euro(t.LabourCredit), false)
	figure(m, jLHK.in(l), lhk, false)
	figure(m, jZvwWage.in(l), euro(t.ZvwWage), false)
	figure(m, jZvw.in(l), euro(t.Zvw), false)
	figure(m, jTable.in(l), tables(w, l), false)
	section(m, jOther.in(l))
	figure(m, jGross.in(l), euro(t.Gross), false)
	figure(m, jPension.in(l), euro(t.PensionEmployee), false)
	figure(m, jSV.in(l), euro(t.PremiumWage), false)
	if !t.ETExchanged.IsZero() {
		figure(m, jET.in(l), euro(t.ETExchanged), false)
	}
	if !t.Untaxed.IsZero() {
		figure(m, jUntaxed.in(l), euro(t.Untaxed), false)
	}
	figure(m, jNet.in(l), euro(t.Net), false)
	figure(m, jPeriods.in(l), fmt.Sprint(w.Periods), false)
	m.AddRows(row.New(5))
	note := jNote.in(l)
	for _, e := range w.Entries {
		if e.Correction {
			note += " " + jCorrNote.in(l)
			break
		}
	}
	m.AddAutoRow(text.NewCol(12, note, props.Text{Family: pdf.Family, Size: 8.5}))
	doc, err := m.Generate()
	if err != nil {
		return nil, fmt.Errorf("jaaropgaaf %s: %w", w.Number, err)
	}
	return doc.GetBytes(), nil
}

func section(m core.Maroto, title string) {
	m.AddRows(row.New(4))
	m.AddRows(row.New().Add(text.NewCol(12, title, props.Text{Family: pdf.Family, Style: fontstyle.Bold, Size: 10.5, Top: 1, Bottom: 1, Left: 1})).
		WithStyle(&props.Cell{BackgroundColor: pdf.LightGrey}))
}

func figure(m core.Maroto, label, value string, strong bool) {
	p := props.Text{Family: pdf.Family, Size: 9, Top: 1, Bottom: 1, Left: 1}
	v := props.Text{Family: pdf.Family, Size: 9, Top: 1, Bottom: 1, Right: 1, Align: align.Right}
	if strong {
		p.Style, v.Style = fontstyle.Bold, fontstyle.Bold
	}
	m.AddAutoRow(text.NewCol(8, label, p), text.NewCol(4, value, v))
	m.AddRows(line.NewRow(0.6, props.Line{Thickness: 0.1, Color: pdf.Grey}))
}

// euro prints an amount as the payslip does: € 1.234,56 in every language.
func euro(d decimal.Decimal) string {
	return strings.ReplaceAll(domain.FormatEuro(d), "€ ", "€\u00a0")
}

// tables describes the tables used over the year: "witte tabel, week" (and
// AOW age / anonymous when it applied).
func tables(w *WorkerYear, l domain.Language) string {
	seen := map[string]bool{}
	var out []string
	for _, e := range w.Entries {
		var s string
		switch {
		case e.Anonymous:
			s = jAnon.in(l)
		default:
			s = fmt.Sprintf(jWhite.in(l), jKinds[e.Period.Kind].in(l))
			if e.AOW != params.AOWNone {
				s += ", " + jAOW.in(l)
			}
		}
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return strings.Join(out, "; ")
}

func addressText(a domain.Address) string {
	var parts []string
	if s := strings.TrimSpace(a.Street); s != "" {
		parts = append(parts, s)
	}
	if s := strings.TrimSpace(strings.TrimSpace(a.PostalCode) + " " + strings.TrimSpace(a.City)); s != "" {
		parts = append(parts, s)
	}
	if a.Country != "" && a.Country != "NL" {
		parts = append(parts, a.Country)
	}
	return strings.Join(parts, ", ")
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}
