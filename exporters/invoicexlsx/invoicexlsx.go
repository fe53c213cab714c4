// Package invoicexlsx writes invoices and credit notes as spreadsheets: one
// workbook per document (its details, lines with totals, and the billed hours
// per worker per day) for hirers that check invoices in Excel, and an overview
// of a batch for the backoffice. It builds on exporters/xlsx, so every text
// from master data or hirers' files lands as text, never as a formula, and
// amounts are exact decimals (a spreadsheet number only where it is exact).
package invoicexlsx

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"verloner/domain"
	"verloner/domain/invoice"
	"verloner/exporters/xlsx"
)

// Hour is one billed hour line of the annex.
type Hour struct {
	Worker      string
	Placement   string
	Date        time.Time
	Type        domain.HourType
	Quantity    decimal.Decimal
	BillPercent decimal.Decimal
}

// Doc is one document with its hours.
type Doc struct {
	Invoice *invoice.Invoice
	Hours   []Hour
}

func docName(inv *invoice.Invoice) string {
	if inv.IsCredit() {
		return "Creditnota"
	}
	return "Factuur"
}

// Write writes one document as a workbook with the sheets Factuur (or
// Creditnota), Gegevens and Uren.
func Write(w io.Writer, d *Doc) error {
	if d == nil || d.Invoice == nil {
		return domain.Errorf(domain.EINVALID, "Geen factuur om te exporteren.")
	}
	inv := d.Invoice
	if err := inv.ValidateFinal(); err != nil {
		return err
	}
	b := xlsx.New()
	defer b.Close()
	title := fmt.Sprintf("%s %s — %s — %s t/m %s", docName(inv), inv.Number, inv.Customer.Name,
		inv.PeriodStart.Format("02-01-2006"), inv.PeriodEnd.Format("02-01-2006"))
	s, err := b.AddSheet(docName(inv), []xlsx.Column{
		{Header: "Plaatsing", Width: 11}, {Header: "Uitzendkracht", Width: 22}, {Header: "Functie", Width: 18},
		{Header: "Kostenplaats", Width: 14}, {Header: "Omschrijving", Width: 30}, {Header: "Aantal", Kind: xlsx.Number},
		{Header: "Eenheid", Width: 8}, {Header: "Tarief", Kind: xlsx.Money}, {Header: "Factuur-%", Kind: xlsx.Percent, Width: 10},
		{Header: "Prijs per eenheid", Kind: xlsx.Money, Width: 16}, {Header: "Btw-%", Kind: xlsx.Percent},
		{Header: "Bedrag excl. btw", Kind: xlsx.Money, Width: 16},
	}, title)
	if err != nil {
		return err
	}
	for _, l := range inv.Lines {
		vat := any(l.VATRate)
		if l.VATCategory == invoice.VATReverseCharge {
			vat = "verlegd"
		}
		if err := s.Row(l.Placement, l.Worker, l.Function, l.CostCentre, l.Description, l.Quantity, string(l.Unit),
			l.Rate, l.BillPercent, l.UnitPrice(), vat, l.Amount); err != nil {
			return err
		}
	}
	if err := s.Blank(); err != nil {
		return err
	}
	total := func(label string, amount decimal.Decimal, bold bool) error {
		return s.RowWith(xlsx.RowStyle{Bold: bold}, nil, nil, nil, nil, label, nil, nil, nil, nil, nil, nil, amount)
	}
	if err := total("Totaal excl. btw", inv.NetTotal, false); err != nil {
		return err
	}
	for _, v := range inv.VATBreakdown {
		label := fmt.Sprintf("Btw %s %% over %s", v.Rate, domain.FormatEuro(v.Taxable))
		if v.Category == invoice.VATReverseCharge {
			label = "Btw verlegd over " + domain.FormatEuro(v.Taxable)
		}
		if err := total(label, v.VAT, false); err != nil {
			return err
		}
	}
	if err := total("Totaal", inv.Payable, true); err != nil {
		return err
	}
	if inv.HasGShare() {
		if err := total(fmt.Sprintf("waarvan G-rekening (%s %%)", inv.GSharePercent), inv.GAmount, false); err != nil {
			return err
		}
		if err := total("waarvan overige rekening", inv.RegularAmount, false); err != nil {
			return err
		}
	}

	g, err := b.AddSheet("Gegevens", []xlsx.Column{{Header: "Gegeven", Width: 26}, {Header: "Waarde", Width: 60}}, "")
	if err != nil {
		return err
	}
	for _, kv := range details(inv) {
		if err := g.Row(kv[0], kv[1]); err != nil {
			return err
		}
	}

	h, err := b.AddSheet("Uren", []xlsx.Column{{Header: "Uitzendkracht", Width: 22}, {Header: "Plaatsing", Width: 11},
		{Header: "Datum", Kind: xlsx.Date}, {Header: "Dag", Width: 6}, {Header: "Uursoort", Width: 30},
		{Header: "Code", Width: 8}, {Header: "Aantal", Kind: xlsx.Number}, {Header: "Factuur-%", Kind: xlsx.Percent, Width: 10}}, "")
	if err != nil {
		return err
	}
	days := []string{"zo", "ma", "di", "wo", "do", "vr", "za"}
	for _, x := range d.Hours {
		var pct any
		if x.BillPercent.IsPositive() {
			pct = x.BillPercent
		}
		if err := h.Row(x.Worker, x.Placement, x.Date, days[x.Date.Weekday()], invoice.HourTypeName(x.Type), string(x.Type),
			x.Quantity, pct); err != nil {
			return err
		}
	}
	_, err = b.WriteTo(w)
	return err
}

// details are the document's key data as label/text pairs.
func details(inv *invoice.Invoice) [][2]string {
	date := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.Format("02-01-2006")
	}
	addr := func(p invoice.Party) string {
		return strings.Join([]string{p.Address.Street, strings.TrimSpace(p.Address.PostalCode + " " + p.Address.City), invoice.Country(p.Address)}, ", ")
	}
	out := [][2]string{
		{"Soort", docName(inv)},
		{"Nummer", inv.Number},
		{"Datum", date(inv.IssueDate)},
		{"Vervaldatum", date(inv.DueDate)},
		{"Periode", date(inv.PeriodStart) + " t/m " + date(inv.PeriodEnd)},
		{"Leverancier", inv.Supplier.Name},
		{"Adres leverancier", addr(inv.Supplier)},
		{"KvK leverancier", inv.Supplier.KvK},
		{"Btw-id leverancier", inv.Supplier.VATID},
		{"Afnemer", inv.Customer.Name},
		{"Debiteurnummer", inv.Customer.Number},
		{"Adres afnemer", addr(inv.Customer)},
		{"Btw-id afnemer", inv.Customer.VATID},
		{"Uw referentie", inv.BuyerReference},
		{"Ordernummer", inv.OrderReference},
		{"Contractnummer", inv.ContractReference},
		{"Totaal excl. btw", domain.FormatEuro(inv.NetTotal)},
		{"Btw", domain.FormatEuro(inv.VATTotal)},
		{"Totaal", domain.FormatEuro(inv.Payable)},
		{"Rekening", domain.FormatIBAN(inv.IBAN)},
	}
	if inv.Period.Kind != "" {
		out[4][1] += " (" + inv.Period.String() + ")"
	}
	if inv.IsCredit() {
		out = append(out, [2]string{"Op factuur", inv.BillingReference + " van " + date(inv.BillingReferenceDate)})
	}
	if inv.HasGShare() {
		out = append(out, [2]string{"G-rekening", domain.FormatIBAN(inv.GIBAN)},
			[2]string{"G-rekeningdeel", fmt.Sprintf("%s (%s %%)", domain.FormatEuro(inv.GAmount), inv.GSharePercent)},
			[2]string{"Overig deel", domain.FormatEuro(inv.RegularAmount)})
	}
	for i, n := range inv.Notes() {
		out = append(out, [2]string{fmt.Sprintf("Toelichting %d", i+1), n})
	}
	return out
}

// WriteOverview writes a list of documents (a batch, a period, a year) with
// their totals, for the backoffice and the accountant.
func WriteOverview(w io.Writer, invs []*invoice.Invoice, title string) error {
	b := xlsx.New()
	defer b.Close()
	s, err := b.AddSheet("Facturen", []xlsx.Column{
		{Header: "Nummer", Width: 13}, {Header: "Soort", Width: 11}, {Header: "Datum", Kind: xlsx.Date},
		{Header: "Vervaldatum", Kind: xlsx.Date}, {Header: "Debiteur", Width: 9}, {Header: "Inlener", Width: 30},
		{Header: "Periode", Width: 10}, {Header: "Op factuur", Width: 13}, {Header: "Btw verlegd", Width: 11},
		{Header: "Excl. btw", Kind: xlsx.Money}, {Header: "Btw", Kind: xlsx.Money}, {Header: "Totaal", Kind: xlsx.Money},
		{Header: "G-rekening", Kind: xlsx.Money}, {Header: "Overig", Kind: xlsx.Money},
	}, title)
	if err != nil {
		return err
	}
	net, vat, pay, g, reg := decimal.Zero, decimal.Zero, decimal.Zero, decimal.Zero, decimal.Zero
	for _, inv := range invs {
		sign := decimal.NewFromInt(1)
		if inv.IsCredit() {
			sign = sign.Neg()
		}
		period := ""
		if inv.Period.Kind != "" {
			period = inv.Period.String()
		}
		reverse := ""
		if inv.ReverseCharge {
			reverse = "ja"
		}
		var due any
		if !inv.DueDate.IsZero() {
			due = inv.DueDate
		}
		n, v, p, gg, r := inv.NetTotal.Mul(sign), inv.VATTotal.Mul(sign), inv.Payable.Mul(sign), inv.GAmount.Mul(sign), inv.RegularAmount.Mul(sign)
		if err := s.Row(inv.Number, docName(inv), inv.IssueDate, due, inv.Customer.Number, inv.Customer.Name, period,
			inv.BillingReference, reverse, n, v, p, gg, r); err != nil {
			return err
		}
		net, vat, pay, g, reg = net.Add(n), vat.Add(v), pay.Add(p), g.Add(gg), reg.Add(r)
	}
	if err := s.RowWith(xlsx.RowStyle{Bold: true, Fill: "F2F2F2"}, "Totaal", fmt.Sprintf("%d documenten", len(invs)),
		nil, nil, nil, nil, nil, nil, nil, net, vat, pay, g, reg); err != nil {
		return err
	}
	_, err = b.WriteTo(w)
	return err
}
