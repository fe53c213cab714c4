package debtors

import (
	"fmt"
	"io"

	"github.com/shopspring/decimal"

	"verloner/domain"
	"verloner/exporters/pdf"
	"verloner/exporters/xlsx"
)

// ExportOptions choose the language of the debtor exports.
type ExportOptions struct {
	Lang   string // "en" English, Dutch otherwise
	Agency string // printed in the PDF header
}

func (o ExportOptions) tr(nl, en string) string {
	if o.Lang == "en" {
		return en
	}
	return nl
}

// FileName is the base name of the exports: "debiteuren-2026-12-08".
func FileName(l *Ledger, opt ExportOptions) string {
	return opt.tr("debiteuren-", "debtors-") + l.AsOf.Format("2006-01-02")
}

// WriteXLSX writes the ledger: aging per hirer with credit limits, every
// open item, the reminder list and the payments still to allocate.
// Counterparty IBANs are masked.
func WriteXLSX(w io.Writer, l *Ledger, opt ExportOptions) error {
	b := xlsx.New()
	defer b.Close()
	date := l.AsOf.Format("02-01-2006")
	cols := []xlsx.Column{{Header: opt.tr("Debiteur", "Debtor"), Width: 9}, {Header: opt.tr("Inlener", "Hirer"), Width: 32}}
	for _, bk := range Buckets {
		cols = append(cols, xlsx.Column{Header: bk.Label(opt.Lang), Kind: xlsx.Money})
	}
	cols = append(cols, xlsx.Column{Header: opt.tr("Openstaand", "Open"), Kind: xlsx.Money},
		xlsx.Column{Header: opt.tr("waarvan G-rekening", "of which G-account"), Kind: xlsx.Money, Width: 18},
		xlsx.Column{Header: opt.tr("Kredietlimiet", "Credit limit"), Kind: xlsx.Money},
		xlsx.Column{Header: opt.tr("Limiet gebruikt", "Limit used"), Kind: xlsx.Percent, Width: 14})
	s, err := b.AddSheet(opt.tr("Ouderdom", "Aging"), cols, opt.tr("Ouderdomsanalyse debiteuren per ", "Debtors aging as of ")+date)
	if err != nil {
		return err
	}
	for _, h := range l.Hirers {
		vals := []any{h.Number, h.Name}
		for _, v := range h.Buckets {
			vals = append(vals, v)
		}
		var limit, used any
		if h.CreditLimit.IsPositive() {
			limit, used = h.CreditLimit, h.LimitUsed
		}
		vals = append(vals, h.Open, h.OpenG, limit, used)
		rs := xlsx.RowStyle{}
		if h.OverLimit {
			rs.Fill = "FBE4E4"
		}
		if err := s.RowWith(rs, vals...); err != nil {
			return err
		}
	}
	tot := []any{opt.tr("Totaal", "Total"), ""}
	for _, v := range l.Buckets {
		tot = append(tot, v)
	}
	tot = append(tot, l.Open, l.OpenG)
	if err := s.RowWith(xlsx.RowStyle{Bold: true, Fill: "F2F2F2"}, tot...); err != nil {
		return err
	}

	items, err := b.AddSheet(opt.tr("Openstaande posten", "Open items"), []xlsx.Column{
		{Header: opt.tr("Factuur", "Invoice"), Width: 13}, {Header: opt.tr("Debiteur", "Debtor"), Width: 9},
		{Header: opt.tr("Inlener", "Hirer"), Width: 30}, {Header: opt.tr("Periode", "Period"), Width: 10},
		{Header: opt.tr("Factuurdatum", "Invoice date"), Kind: xlsx.Date}, {Header: opt.tr("Vervaldatum", "Due date"), Kind: xlsx.Date},
		{Header: opt.tr("Dagen over", "Days overdue"), Kind: xlsx.Integer, Width: 11}, {Header: opt.tr("Klasse", "Bucket"), Width: 14},
		{Header: opt.tr("Factuurbedrag", "Invoiced"), Kind: xlsx.Money}, {Header: opt.tr("Gecrediteerd", "Credited"), Kind: xlsx.Money},
		{Header: opt.tr("Betaald", "Paid"), Kind: xlsx.Money}, {Header: opt.tr("waarvan op G-rekening", "of which to G-account"), Kind: xlsx.Money, Width: 18},
		{Header: opt.tr("Openstaand", "Open"), Kind: xlsx.Money}, {Header: opt.tr("waarvan G-rekening", "of which G-account"), Kind: xlsx.Money, Width: 18},
		{Header: opt.tr("Laatste betaling", "Last payment"), Kind: xlsx.Date, Width: 14},
	}, "")
	if err != nil {
		return err
	}
	number := map[int64]string{}
	for _, h := range l.Hirers {
		number[h.HirerID] = h.Number
	}
	for _, it := range l.Items {
		var last any
		if !it.LastPayment.IsZero() {
			last = it.LastPayment
		}
		if err := items.Row(it.Number, number[it.HirerID], it.Customer, it.Period, it.IssueDate, it.DueDate, it.DaysPastDue,
			it.Bucket.Label(opt.Lang), it.Payable, it.Credited, it.Paid, it.PaidG, it.Open, it.OpenG, last); err != nil {
			return err
		}
	}

	rem, err := b.AddSheet(opt.tr("Aanmaningen", "Reminders"), []xlsx.Column{
		{Header: opt.tr("Debiteur", "Debtor"), Width: 9}, {Header: opt.tr("Inlener", "Hirer"), Width: 30},
		{Header: opt.tr("E-mail", "E-mail"), Width: 30}, {Header: opt.tr("Vervallen", "Overdue"), Kind: xlsx.Money},
		{Header: opt.tr("Oudste (dagen)", "Oldest (days)"), Kind: xlsx.Integer, Width: 13}, {Header: opt.tr("Tekst", "Text"), Width: 90},
	}, "")
	if err != nil {
		return err
	}
	for _, r := range l.Reminders() {
		if err := rem.Row(r.Number, r.Name, r.Email, r.Total, r.OldestDays, r.Text.In(opt.Lang)); err != nil {
			return err
		}
	}

	un, err := b.AddSheet(opt.tr("Niet toegewezen", "Unallocated"), []xlsx.Column{
		{Header: opt.tr("Boekdatum", "Booked"), Kind: xlsx.Date}, {Header: opt.tr("Rekening", "Account"), Width: 12},
		{Header: opt.tr("Van", "From"), Width: 30}, {Header: "IBAN", Width: 24}, {Header: opt.tr("Omschrijving", "Description"), Width: 50},
		{Header: opt.tr("Bedrag", "Amount"), Kind: xlsx.Money}, {Header: opt.tr("Niet toegewezen", "Unallocated"), Kind: xlsx.Money, Width: 16},
		{Header: opt.tr("Betaling", "Payment"), Kind: xlsx.Integer, Width: 9},
	}, "")
	if err != nil {
		return err
	}
	for _, p := range l.Unallocated {
		if err := un.Row(p.BookedOn, accountName(string(p.Account), opt.Lang), p.CounterName, domain.MaskIBAN(p.CounterIBAN), p.Remittance,
			p.Amount, p.Amount.Sub(p.Allocated()), p.ID); err != nil {
			return err
		}
	}
	_, err = b.WriteTo(w)
	return err
}

func accountName(a, lang string) string {
	if a == "g" {
		return map[bool]string{true: "G-account", false: "G-rekening"}[lang == "en"]
	}
	return map[bool]string{true: "regular", false: "gewoon"}[lang == "en"]
}

// PDF renders the aging per hirer, the open items per hirer and the reminder list.
func PDF(l *Ledger, opt ExportOptions) ([]byte, error) {
	d, err := pdf.New(pdf.Options{Agency: opt.Agency, Title: opt.tr("Debiteuren", "Debtors"), Landscape: true,
		Subtitle: opt.tr("per ", "as of ") + l.AsOf.Format("02-01-2006"), Lang: opt.Lang,
		Footer: opt.tr("Openstaande posten incl. btw; het G-rekeningdeel is apart vermeld.", "Open items incl. VAT; the G-account part is shown apart.")})
	if err != nil {
		return nil, err
	}
	eur := func(v decimal.Decimal) string { return domain.FormatEuro(v) }
	d.Heading(opt.tr("Ouderdomsanalyse", "Aging"), 11, nil)
	cols := []pdf.Col{{Header: opt.tr("Inlener", "Hirer"), Width: 3}}
	for _, bk := range Buckets {
		cols = append(cols, pdf.Col{Header: bk.Label(opt.Lang), Width: 1, Right: true})
	}
	cols = append(cols, pdf.Col{Header: opt.tr("Open", "Open"), Width: 2, Right: true}, pdf.Col{Header: opt.tr("Limiet", "Limit"), Width: 2, Right: true})
	var rows []pdf.TableRow
	for _, h := range l.Hirers {
		cells := []pdf.Cell{{Text: h.Number + " " + h.Name}}
		for _, v := range h.Buckets {
			cells = append(cells, pdf.Cell{Text: amountOrDash(v)})
		}
		limit := opt.tr("geen", "none")
		if h.CreditLimit.IsPositive() {
			limit = fmt.Sprintf("%s (%s%%)", eur(h.CreditLimit), h.LimitUsed)
		}
		cells = append(cells, pdf.Cell{Text: eur(h.Open), Bold: true}, pdf.Cell{Text: limit, Color: redIf(h.OverLimit)})
		r := pdf.TableRow{Cells: cells}
		if h.OverLimit {
			r.Shade = pdf.LightRed
		}
		rows = append(rows, r)
	}
	tot := []pdf.Cell{{Text: opt.tr("Totaal", "Total"), Bold: true}}
	for _, v := range l.Buckets {
		tot = append(tot, pdf.Cell{Text: amountOrDash(v), Bold: true})
	}
	tot = append(tot, pdf.Cell{Text: eur(l.Open), Bold: true}, pdf.Cell{})
	rows = append(rows, pdf.TableRow{Cells: tot, Shade: pdf.LightGrey})
	d.Table(cols, rows)
	d.Paragraph(fmt.Sprintf(opt.tr("Waarvan voor de G-rekening: %s. Niet toegewezen ontvangsten: %s (%d).", "Of which for the G-account: %s. Unallocated receipts: %s (%d)."),
		eur(l.OpenG), eur(l.UnallocatedTotal), len(l.Unallocated)), 8)

	if rs := l.Reminders(); len(rs) > 0 {
		d.Heading(opt.tr("Aanmaningen", "Reminders"), 11, nil)
		var rrows []pdf.TableRow
		for _, r := range rs {
			rrows = append(rrows, pdf.TableRow{Cells: []pdf.Cell{{Text: r.Number + " " + r.Name}, {Text: r.Email},
				{Text: eur(r.Total)}, {Text: fmt.Sprint(r.OldestDays)}, {Text: r.Text.In(opt.Lang)}}})
		}
		d.Table([]pdf.Col{{Header: opt.tr("Inlener", "Hirer"), Width: 2}, {Header: "E-mail", Width: 3},
			{Header: opt.tr("Vervallen", "Overdue"), Width: 2, Right: true}, {Header: opt.tr("Dagen", "Days"), Width: 1, Right: true},
			{Header: opt.tr("Tekst", "Text"), Width: 4}}, rrows)
	}

	d.Heading(opt.tr("Openstaande posten", "Open items"), 11, nil)
	for _, h := range l.Hirers {
		d.Heading(fmt.Sprintf("%s %s — %s", h.Number, h.Name, eur(h.Open)), 9, pdf.LightGrey)
		var irows []pdf.TableRow
		for _, it := range h.Items {
			var color *pdf.Color
			if it.Overdue() {
				color = pdf.Red
			}
			irows = append(irows, pdf.TableRow{Cells: []pdf.Cell{{Text: it.Number}, {Text: it.IssueDate.Format("02-01-2006")},
				{Text: it.DueDate.Format("02-01-2006")}, {Text: fmt.Sprint(it.DaysPastDue), Color: color}, {Text: eur(it.Payable)},
				{Text: eur(it.Credited.Add(it.Paid))}, {Text: eur(it.Open), Bold: true}, {Text: eur(it.OpenG)}}})
		}
		d.Table([]pdf.Col{{Header: opt.tr("Factuur", "Invoice"), Width: 2}, {Header: opt.tr("Datum", "Date"), Width: 1},
			{Header: opt.tr("Vervalt", "Due"), Width: 1}, {Header: opt.tr("Dagen over", "Days over"), Width: 1, Right: true},
			{Header: opt.tr("Bedrag", "Amount"), Width: 2, Right: true}, {Header: opt.tr("Betaald/gecred.", "Paid/credited"), Width: 2, Right: true},
			{Header: opt.tr("Open", "Open"), Width: 2, Right: true}, {Header: opt.tr("G-deel open", "G part open"), Width: 1, Right: true}}, irows)
	}
	return d.Bytes()
}

func amountOrDash(v decimal.Decimal) string {
	if v.IsZero() {
		return "–"
	}
	return domain.FormatEuro(v)
}

func redIf(b bool) *pdf.Color {
	if b {
		return pdf.Red
	}
	return nil
}
