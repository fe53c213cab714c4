// Package invoicepdf renders an agency's invoice or credit note to a hirer as
// PDF (A4, maroto v2): every item art. 35a lid 1 Wet OB asks for, the texts of
// invoice.Notes (reverse charge, period, work, placements, payment split), the
// G-rekening split with both IBANs and amounts, and an annex with the billed
// hours per worker per day, so that the hirer can check the invoice against
// its own records (which its inlenersaansprakelijkheid safeguard expects).
//
// Why its own fonts: a batch of 300 invoices must render in a few seconds.
// gofpdf parses and fingerprints every TrueType font once per document, and
// for the full DejaVu Sans (6 000 glyphs) that is most of the work. The fonts
// in fonts/ are DejaVu Sans and Sans Bold cut to the scripts a Dutch agency's
// invoices need (Latin incl. Extended-A/B and Additional, Greek, Cyrillic,
// punctuation, currency signs), made with pyftsubset from assets/fonts; the
// licence allows that (fonts/LICENSE-DejaVu.txt).
//
// PDF is safe to call from several goroutines: each call parses its own copy
// of the fonts (gofpdf mutates font state while writing).
package invoicepdf

import (
	"bytes"
	_ "embed"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/johnfercher/maroto/v2"
	"github.com/johnfercher/maroto/v2/pkg/components/col"
	"github.com/johnfercher/maroto/v2/pkg/components/image"
	"github.com/johnfercher/maroto/v2/pkg/components/line"
	"github.com/johnfercher/maroto/v2/pkg/components/page"
	"github.com/johnfercher/maroto/v2/pkg/components/row"
	"github.com/johnfercher/maroto/v2/pkg/components/text"
	"github.com/johnfercher/maroto/v2/pkg/config"
	"github.com/johnfercher/maroto/v2/pkg/consts/align"
	"github.com/johnfercher/maroto/v2/pkg/consts/extension"
	"github.com/johnfercher/maroto/v2/pkg/consts/fontstyle"
	"github.com/johnfercher/maroto/v2/pkg/consts/pagesize"
	"github.com/johnfercher/maroto/v2/pkg/core"
	"github.com/johnfercher/maroto/v2/pkg/props"
	"github.com/johnfercher/maroto/v2/pkg/repository"
	"github.com/shopspring/decimal"

	"verloner/domain"
	"verloner/domain/invoice"
)

var (
	//go:embed fonts/DejaVuSans.ttf
	fontRegular []byte
	//go:embed fonts/DejaVuSans-Bold.ttf
	fontBold []byte
)

const family = "dejavu"

// grid is the number of columns of a row; 24 gives the line table room for
// four-decimal unit prices.
const grid = 24

// Hour is one row of the hours annex: one hour line as billed.
type Hour struct {
	Worker      string
	Placement   string
	Function    string
	Date        time.Time
	Type        domain.HourType
	Quantity    decimal.Decimal
	BillPercent decimal.Decimal
}

// Document is what one PDF shows.
type Document struct {
	Invoice  *invoice.Invoice
	Hours    []Hour
	Logo     []byte // PNG or JPEG; nil: no logo
	LogoType string // "png" or "jpg"
	Created  time.Time
}

var (
	grey      = &props.Color{Red: 217, Green: 217, Blue: 217}
	lightGrey = &props.Color{Red: 242, Green: 242, Blue: 242}
	accent    = &props.Color{Red: 31, Green: 78, Blue: 121}
)

// PDF renders the document. It refuses a document that is not a finished,
// valid invoice or credit note (invoice.ValidateFinal): what goes to a hirer
// must carry its number and add up.
func PDF(doc *Document) ([]byte, error) {
	if doc == nil || doc.Invoice == nil {
		return nil, domain.Errorf(domain.EINVALID, "Geen factuur om af te drukken.")
	}
	inv := doc.Invoice
	if err := inv.ValidateFinal(); err != nil {
		return nil, err
	}
	fonts, err := repository.New().
		AddUTF8FontFromBytes(family, fontstyle.Normal, bytes.Clone(fontRegular)).
		AddUTF8FontFromBytes(family, fontstyle.Bold, bytes.Clone(fontBold)).
		Load()
	if err != nil {
		return nil, fmt.Errorf("lettertype laden: %w", err)
	}
	created := doc.Created
	if created.IsZero() {
		created = inv.IssueDate
	}
	title := Title(inv)
	cfg := config.NewBuilder().
		WithPageSize(pagesize.A4).
		WithMaxGridSize(grid).
		WithLeftMargin(15).WithTopMargin(12).WithRightMargin(15).WithBottomMargin(12).
		WithCustomFonts(fonts).
		WithDefaultFont(&props.Font{Family: family, Size: 9}).
		WithPageNumber(props.PageNumber{Pattern: "Pagina {current} van {total}", Place: props.RightBottom, Family: family, Size: 7}).
		WithTitle(title, true).
		WithAuthor(inv.Supplier.Name, true).
		WithSubject(inv.Customer.Name, true).
		WithCreator("Verloner", true).
		WithCreationDate(created).
		WithCompression(true).
		Build()
	m := maroto.New(cfg)
	if err := m.RegisterHeader(header(doc, title)...); err != nil {
		return nil, fmt.Errorf("pdf-kop: %w", err)
	}
	if err := m.RegisterFooter(row.New(8).Add(
		text.NewCol(20, footerText(inv), props.Text{Family: family, Size: 6.5, Top: 3, Color: &props.Color{Red: 90, Green: 90, Blue: 90}}),
		col.New(4))); err != nil {
		return nil, fmt.Errorf("pdf-voet: %w", err)
	}
	m.AddRows(logo(doc)...)
	m.AddRows(parties(inv)...)
	m.AddRows(row.New(4))
	m.AddRows(text.NewRow(10, strings.ToUpper(docName(inv)), props.Text{Family: family, Style: fontstyle.Bold, Size: 15, Color: accent}))
	m.AddRows(facts(inv)...)
	m.AddRows(row.New(3))
	m.AddRows(lines(inv)...)
	m.AddRows(row.New(2))
	m.AddRows(totals(inv)...)
	m.AddRows(row.New(3))
	m.AddRows(payment(inv)...)
	m.AddRows(row.New(3))
	m.AddRows(notes(inv)...)
	if len(doc.Hours) > 0 {
		m.AddPages(page.New().Add(annex(inv, doc.Hours)...))
	}
	out, err := m.Generate()
	if err != nil {
		return nil, fmt.Errorf("pdf %s maken: %w", inv.Number, err)
	}
	return out.GetBytes(), nil
}

// Title is the document's title: "Factuur 2026-000001" or "Creditnota 2026-000004".
func Title(inv *invoice.Invoice) string { return docName(inv) + " " + inv.Number }

func docName(inv *invoice.Invoice) string {
	if inv.IsCredit() {
		return "Creditnota"
	}
	return "Factuur"
}

// FileName is the base name for exports: "factuur-2026-000001-INL01".
func FileName(inv *invoice.Invoice) string {
	name := strings.ToLower(docName(inv)) + "-" + inv.Number
	if n := safeName(inv.Customer.Number); n != "" {
		name += "-" + n
	}
	return name
}

func safeName(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_':
			return r
		}
		return -1
	}, s)
}

func txt(size float64, bold bool) props.Text {
	p := props.Text{Family: family, Size: size}
	if bold {
		p.Style = fontstyle.Bold
	}
	return p
}

func right(p props.Text) props.Text { p.Align = align.Right; return p }

// stack is a column of text lines at a fixed line height (maroto text does not break on \n).
func stack(size int, lineH float64, lines []string, boldFirst bool, pt float64) core.Col {
	c := col.New(size)
	for i, l := range lines {
		p := txt(pt, boldFirst && i == 0)
		p.Top = float64(i) * lineH
		c.Add(text.New(glue(l), p))
	}
	return c
}

// glue keeps "€ 1.234,56" together; the no-break space renders as a space.
func glue(s string) string { return strings.ReplaceAll(s, "€ ", "€\u00a0") }

func header(doc *Document, title string) []core.Row {
	inv := doc.Invoice
	// The logo is not part of the header: maroto registers a header image
	// once per page under the same name, which leaves a PDF with duplicate
	// resource keys (qpdf warns). It goes on the first page instead.
	left := text.NewCol(14, inv.Supplier.Name, props.Text{Family: family, Style: fontstyle.Bold, Size: 12, Top: 2})
	if len(doc.Logo) > 0 {
		left = col.New(14)
	}
	return []core.Row{
		row.New(11).Add(left, text.NewCol(10, title, props.Text{Family: family, Style: fontstyle.Bold, Size: 11, Align: align.Right, Top: 2})),
		line.NewRow(3, props.Line{Thickness: 0.3, Color: grey, SizePercent: 100}),
	}
}

// logo is the first page's logo row, left, at most 16 mm high.
func logo(doc *Document) []core.Row {
	if len(doc.Logo) == 0 {
		return nil
	}
	ext := extension.Png
	if doc.LogoType == "jpg" || doc.LogoType == "jpeg" {
		ext = extension.Jpg
	}
	return []core.Row{row.New(16).Add(image.NewFromBytesCol(8, doc.Logo, ext, props.Rect{Percent: 100})), row.New(2)}
}

func footerText(inv *invoice.Invoice) string {
	s := inv.Supplier
	parts := []string{s.Name}
	if s.KvK != "" {
		parts = append(parts, "KvK "+s.KvK)
	}
	if s.VATID != "" {
		parts = append(parts, "btw "+s.VATID)
	}
	if inv.IBAN != "" {
		parts = append(parts, "IBAN "+domain.FormatIBAN(inv.IBAN))
	}
	return strings.Join(parts, " · ")
}

func address(p invoice.Party) []string {
	a := p.Address
	out := []string{p.Name, a.Street, strings.TrimSpace(a.PostalCode + "  " + a.City)}
	if c := invoice.Country(a); c != "NL" {
		out = append(out, c)
	}
	return out
}

// parties prints the customer (art. 35a e, d) left and the supplier (e, c) right.
func parties(inv *invoice.Invoice) []core.Row {
	cust := address(inv.Customer)
	if inv.Customer.Number != "" {
		cust = append(cust, "Debiteurnummer: "+inv.Customer.Number)
	}
	if inv.Customer.VATID != "" {
		cust = append(cust, "Btw-id afnemer: "+inv.Customer.VATID)
	}
	if inv.Customer.KvK != "" {
		cust = append(cust, "KvK afnemer: "+inv.Customer.KvK)
	}
	sup := address(inv.Supplier)
	if inv.Supplier.KvK != "" {
		sup = append(sup, "KvK: "+inv.Supplier.KvK)
	}
	sup = append(sup, "Btw-id: "+inv.Supplier.VATID)
	if inv.Supplier.Email != "" {
		sup = append(sup, inv.Supplier.Email)
	}
	if inv.Supplier.Phone != "" {
		sup = append(sup, "Tel. "+inv.Supplier.Phone)
	}
	n := max(len(cust), len(sup))
	const lh = 4.2
	return []core.Row{
		row.New(5).Add(text.NewCol(14, "Aan", txt(7.5, true)), text.NewCol(10, "Van", txt(7.5, true))),
		row.New(float64(n)*lh+1).Add(stack(14, lh, cust, true, 9), stack(10, lh, sup, true, 8.5)),
	}
}

func fmtDate(t time.Time) string { return t.Format("02-01-2006") }

// facts are the document's key data: number (b), date (a), due date, date of
// supply as the period (g), the hirer's references and the credited invoice.
func facts(inv *invoice.Invoice) []core.Row {
	kv := [][2]string{
		{docName(inv) + "nummer", inv.Number},
		{docName(inv) + "datum", fmtDate(inv.IssueDate)},
	}
	if !inv.DueDate.IsZero() {
		kv = append(kv, [2]string{"Vervaldatum", fmtDate(inv.DueDate) + fmt.Sprintf(" (%d dagen)", inv.PaymentTermDays)})
	}
	period := fmtDate(inv.PeriodStart) + " t/m " + fmtDate(inv.PeriodEnd)
	if inv.Period.Kind != "" {
		period += " (" + inv.Period.String() + ")"
	}
	kv = append(kv, [2]string{"Leverperiode", period})
	if inv.IsCredit() {
		kv = append(kv, [2]string{"Op factuur", inv.BillingReference + " van " + fmtDate(inv.BillingReferenceDate)})
	}
	if inv.BuyerReference != "" {
		kv = append(kv, [2]string{"Uw referentie", inv.BuyerReference})
	}
	if inv.OrderReference != "" {
		kv = append(kv, [2]string{"Uw ordernummer", inv.OrderReference})
	}
	if inv.ContractReference != "" {
		kv = append(kv, [2]string{"Contractnummer", inv.ContractReference})
	}
	var rows []core.Row
	for i := 0; i < len(kv); i += 2 {
		pad := func(p props.Text) props.Text { p.Bottom = 1; return p }
		r := row.New().Add(text.NewCol(5, kv[i][0], pad(txt(8, true))), text.NewCol(7, kv[i][1], pad(txt(8.5, false))))
		if i+1 < len(kv) {
			r.Add(text.NewCol(5, kv[i+1][0], pad(txt(8, true))), text.NewCol(7, kv[i+1][1], pad(txt(8.5, false))))
		} else {
			r.Add(col.New(12))
		}
		rows = append(rows, r)
	}
	return rows
}

func unitName(u invoice.Unit) string {
	switch u {
	case invoice.UnitHour:
		return "uur"
	case invoice.UnitKm:
		return "km"
	case invoice.UnitPiece:
		return "€"
	}
	return string(u)
}

func num(d decimal.Decimal) string {
	s := d.String()
	places := int32(0)
	if i := strings.IndexByte(s, '.'); i >= 0 {
		places = int32(len(s) - i - 1)
	}
	return domain.FormatDecimalNL(d, places)
}

// price prints a unit price with at least two and at most four decimals (it is
// not rounded by the rules; a longer one is shown rounded, the UBL has it exact).
func price(d decimal.Decimal) string {
	places := int32(2)
	if s := d.String(); strings.Contains(s, ".") {
		if n := int32(len(s) - strings.IndexByte(s, '.') - 1); n > places {
			places = min(n, 4)
		}
	}
	return "€ " + domain.FormatDecimalNL(d, places)
}

func pct(d decimal.Decimal) string { return num(d) + " %" }

var lineCols = []struct {
	h     string
	w     int
	right bool
}{{"Omschrijving", 9, false}, {"Aantal", 2, true}, {"Eenh.", 1, false}, {"Tarief", 2, true}, {"Fact.%", 2, true},
	{"Prijs p/e", 3, true}, {"Btw", 2, true}, {"Bedrag", 3, true}}

func cellText(s string, rightAlign, bold bool, size float64) props.Text {
	p := props.Text{Family: family, Size: size, Top: 0.8, Bottom: 0.8, Left: 1, Right: 1}
	if bold {
		p.Style = fontstyle.Bold
	}
	if rightAlign {
		p.Align = align.Right
	}
	return p
}

// lines prints quantity and nature of the service (f), unit price excl. VAT
// (h) and VAT rate (i) per line.
func lines(inv *invoice.Invoice) []core.Row {
	hdr := make([]core.Col, len(lineCols))
	for i, c := range lineCols {
		hdr[i] = text.NewCol(c.w, c.h, cellText(c.h, c.right, true, 7.5))
	}
	rows := []core.Row{row.New().Add(hdr...).WithStyle(&props.Cell{BackgroundColor: grey})}
	for i, l := range inv.Lines {
		desc := l.Description
		var who []string
		if l.Worker != "" {
			who = append(who, l.Worker)
		}
		if l.Function != "" {
			who = append(who, l.Function)
		}
		if l.Placement != "" {
			who = append(who, "plaatsing "+l.Placement)
		}
		if l.CostCentre != "" {
			who = append(who, "kpl. "+l.CostCentre)
		}
		vat := pct(l.VATRate)
		if l.VATCategory == invoice.VATReverseCharge {
			vat = "verlegd"
		}
		vals := []string{desc, num(l.Quantity), unitName(l.Unit), price(l.Rate), pct(l.BillPercent), price(l.UnitPrice()), vat, domain.FormatEuro(l.Amount)}
		cs := make([]core.Col, len(lineCols))
		for j, c := range lineCols {
			if j == 0 {
				cc := col.New(c.w).Add(text.New(glue(desc), cellText(desc, false, true, 8)))
				if len(who) > 0 {
					p := cellText("", false, false, 6.5)
					p.Top = 4.4
					cc.Add(text.New(strings.Join(who, " · "), p))
				}
				cs[j] = cc
				continue
			}
			cs[j] = text.NewCol(c.w, glue(vals[j]), cellText(vals[j], c.right, false, 8))
		}
		// Maroto rows have a fixed height here (the description column holds
		// two texts); 52 characters of 6.5 pt fit the column on one line.
		h := 5.5
		if len(who) > 0 {
			h = 8.5
			if len([]rune(strings.Join(who, " · "))) > 52 {
				h = 11
			}
		}
		r := row.New(h).Add(cs...)
		if i%2 == 1 {
			r = r.WithStyle(&props.Cell{BackgroundColor: lightGrey})
		}
		rows = append(rows, r)
	}
	return rows
}

// totals prints the taxable amount per rate (h), the VAT rate (i) and amount
// (j), "btw verlegd" (m) and the total.
func totals(inv *invoice.Invoice) []core.Row {
	var rows []core.Row
	add := func(label, value string, bold bool) {
		rows = append(rows, row.New(5).Add(col.New(10),
			text.NewCol(10, glue(label), right(txt(8.5, bold))), text.NewCol(4, glue(value), right(txt(8.5, bold)))))
	}
	add("Totaal excl. btw", domain.FormatEuro(inv.NetTotal), false)
	for _, s := range inv.VATBreakdown {
		if s.Category == invoice.VATReverseCharge {
			add("Btw verlegd (0 %) over "+domain.FormatEuro(s.Taxable), domain.FormatEuro(s.VAT), false)
			continue
		}
		add(fmt.Sprintf("Btw %s over %s", pct(s.Rate), domain.FormatEuro(s.Taxable)), domain.FormatEuro(s.VAT), false)
	}
	label := "Totaal te betalen"
	if inv.IsCredit() {
		label = "Totaal gecrediteerd"
	}
	rows = append(rows, row.New(1).Add(col.New(12), line.NewCol(12, props.Line{Thickness: 0.3, Color: grey, SizePercent: 100})))
	add(label, domain.FormatEuro(inv.Payable), true)
	if inv.ReverseCharge {
		rows = append(rows, row.New(6).Add(text.NewCol(24, invoice.ReverseChargeText+": de afnemer is de btw verschuldigd",
			props.Text{Family: family, Style: fontstyle.Bold, Size: 9, Align: align.Right, Top: 1})))
	}
	return rows
}

// payment prints how to pay: the G-rekening part and the rest with both
// IBANs and amounts, or the one account.
func payment(inv *invoice.Invoice) []core.Row {
	shade := &props.Cell{BackgroundColor: lightGrey}
	title := "Betaling"
	if inv.IsCredit() {
		title = "Verrekening"
	}
	rows := []core.Row{row.New(6).Add(text.NewCol(24, title, props.Text{Family: family, Style: fontstyle.Bold, Size: 9.5, Top: 1, Left: 1})).WithStyle(shade)}
	add := func(label, iban, amount string, bold bool) {
		rows = append(rows, row.New(5.5).Add(
			text.NewCol(10, label, props.Text{Family: family, Size: 8.5, Left: 1, Top: 0.8, Style: styleOf(bold)}),
			text.NewCol(8, iban, props.Text{Family: family, Size: 8.5, Top: 0.8, Style: styleOf(bold)}),
			text.NewCol(6, glue(amount), props.Text{Family: family, Size: 8.5, Top: 0.8, Right: 1, Align: align.Right, Style: styleOf(bold)}),
		).WithStyle(shade))
	}
	if inv.HasGShare() {
		add(fmt.Sprintf("G-rekening (%s van het totaal)", pct(inv.GSharePercent)), domain.FormatIBAN(inv.GIBAN), domain.FormatEuro(inv.GAmount), false)
		add("Overige rekening", domain.FormatIBAN(inv.IBAN), domain.FormatEuro(inv.RegularAmount), false)
		add("Totaal", "", domain.FormatEuro(inv.Payable), true)
	} else if inv.IBAN != "" {
		add("Rekening", domain.FormatIBAN(inv.IBAN), domain.FormatEuro(inv.Payable), true)
	}
	var how string
	switch {
	case inv.IsCredit():
		how = "Dit bedrag wordt verrekend met factuur " + inv.BillingReference + " of aan u terugbetaald."
	case inv.HasGShare():
		how = fmt.Sprintf("Graag beide bedragen vóór %s overmaken onder vermelding van factuurnummer %s. "+
			"Het G-rekeningdeel is voor de vrijwaring van uw inlenersaansprakelijkheid.", fmtDate(inv.DueDate), inv.Number)
	default:
		how = fmt.Sprintf("Graag vóór %s overmaken onder vermelding van factuurnummer %s.", fmtDate(inv.DueDate), inv.Number)
	}
	rows = append(rows, row.New().Add(text.NewCol(24, glue(how), props.Text{Family: family, Size: 8, Left: 1, Right: 1, Top: 1, Bottom: 1})).WithStyle(shade))
	return rows
}

func styleOf(bold bool) fontstyle.Type {
	if bold {
		return fontstyle.Bold
	}
	return fontstyle.Normal
}

// notes prints invoice.Notes: reverse charge, period, work, placements,
// payment split, credit reference and the free note.
func notes(inv *invoice.Invoice) []core.Row {
	rows := []core.Row{text.NewRow(5, "Toelichting", txt(8.5, true))}
	for _, n := range inv.Notes() {
		rows = append(rows, row.New().Add(text.NewCol(24, glue(n), props.Text{Family: family, Size: 8, Bottom: 0.6})))
	}
	return rows
}

// annex lists the billed hours per worker, day by day.
func annex(inv *invoice.Invoice, hours []Hour) []core.Row {
	rows := []core.Row{
		text.NewRow(8, "Bijlage: uren per uitzendkracht per dag", props.Text{Family: family, Style: fontstyle.Bold, Size: 12}),
		text.NewRow(5, "Bij "+strings.ToLower(Title(inv))+", periode "+fmtDate(inv.PeriodStart)+" t/m "+fmtDate(inv.PeriodEnd)+".", txt(8, false)),
	}
	type group struct {
		key   string
		hours []Hour
	}
	idx := map[string]int{}
	var groups []group
	for _, h := range hours {
		k := h.Worker + "\x00" + h.Placement
		i, ok := idx[k]
		if !ok {
			i = len(groups)
			idx[k] = i
			groups = append(groups, group{key: k})
		}
		groups[i].hours = append(groups[i].hours, h)
	}
	sort.SliceStable(groups, func(i, j int) bool { return groups[i].key < groups[j].key })
	order := map[domain.HourType]int{}
	for i, t := range domain.HourTypes {
		order[t] = i
	}
	cols := []struct {
		h     string
		w     int
		right bool
	}{{"Datum", 4, false}, {"Dag", 2, false}, {"Soort", 10, false}, {"Aantal", 4, true}, {"Fact.%", 4, true}}
	days := []string{"zo", "ma", "di", "wo", "do", "vr", "za"}
	for _, g := range groups {
		hs := g.hours
		sort.SliceStable(hs, func(i, j int) bool {
			if !hs[i].Date.Equal(hs[j].Date) {
				return hs[i].Date.Before(hs[j].Date)
			}
			return order[hs[i].Type] < order[hs[j].Type]
		})
		title := hs[0].Worker
		if hs[0].Placement != "" {
			title += " — plaatsing " + hs[0].Placement
		}
		if hs[0].Function != "" {
			title += " (" + hs[0].Function + ")"
		}
		rows = append(rows, row.New(3), row.New(6).Add(text.NewCol(24, title, props.Text{Family: family, Style: fontstyle.Bold, Size: 9, Top: 1, Left: 1})).
			WithStyle(&props.Cell{BackgroundColor: lightGrey}))
		hdr := make([]core.Col, len(cols))
		for i, c := range cols {
			hdr[i] = text.NewCol(c.w, c.h, cellText(c.h, c.right, true, 7.5))
		}
		rows = append(rows, row.New().Add(hdr...).WithStyle(&props.Cell{BackgroundColor: grey}))
		total := decimal.Zero
		for _, h := range hs {
			qty := num(h.Quantity)
			switch {
			case h.Type == domain.HourKilometres:
				qty += " km"
			case h.Type == domain.HourExpenses:
				qty = domain.FormatEuro(h.Quantity)
			default:
				total = total.Add(h.Quantity)
			}
			bill := ""
			if h.BillPercent.IsPositive() {
				bill = pct(h.BillPercent)
			}
			vals := []string{fmtDate(h.Date), days[h.Date.Weekday()], invoice.HourTypeName(h.Type), qty, bill}
			cs := make([]core.Col, len(cols))
			for i, c := range cols {
				cs[i] = text.NewCol(c.w, glue(vals[i]), cellText(vals[i], c.right, false, 8))
			}
			rows = append(rows, row.New(5).Add(cs...))
		}
		rows = append(rows, row.New(5.5).Add(col.New(6), text.NewCol(10, "Totaal uren", cellText("", false, true, 8)),
			text.NewCol(4, num(total), cellText("", true, true, 8)), col.New(4)))
	}
	return rows
}
