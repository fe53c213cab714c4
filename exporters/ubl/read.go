package ubl

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"regexp"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"verloner/domain"
	"verloner/domain/invoice"
)

// Limits of what Read accepts, so that a hostile file cannot exhaust memory.
const (
	maxDocumentBytes = 16 << 20
	maxLines         = 10000
)

// Read parses a UBL 2.1 Invoice or CreditNote (as Marshal writes them, or any
// document within the same subset) into the invoice model. It does not
// validate: call ValidateFinal on the result. Features outside the subset
// (allowances and charges, prepaid amounts, rounding, foreign currencies) are
// an error, as the model cannot represent them.
func Read(r io.Reader) (*invoice.Invoice, error) {
	b, err := io.ReadAll(io.LimitReader(r, maxDocumentBytes+1))
	if err != nil {
		return nil, err
	}
	return Unmarshal(b)
}

// Unmarshal is Read on a byte slice.
func Unmarshal(b []byte) (*invoice.Invoice, error) {
	if len(b) > maxDocumentBytes {
		return nil, readErr("bestand groter dan %d MB", maxDocumentBytes>>20)
	}
	p := &prefixer{d: xml.NewDecoder(bytes.NewReader(b))}
	var doc document
	if err := xml.NewTokenDecoder(p).Decode(&doc); err != nil {
		if p.err != nil {
			return nil, p.err
		}
		return nil, readErr("%v", err)
	}
	return fromDocument(&doc)
}

func readErr(format string, args ...any) error {
	return domain.Errorf(domain.EINVALID, "UBL lezen: "+format+".", args...)
}

// prefixer turns the namespaced names of any well-formed UBL document into the
// literal cbc:/cac: names the structs use, whatever prefixes the document
// declared; elements of other namespaces get a prefix no struct uses. It
// refuses a root element other than Invoice or CreditNote in its UBL namespace.
type prefixer struct {
	d     *xml.Decoder
	depth int
	err   error
}

func (p *prefixer) Token() (xml.Token, error) {
	t, err := p.d.Token()
	if err != nil {
		return nil, err
	}
	switch e := t.(type) {
	case xml.StartElement:
		if p.depth == 0 && !(e.Name.Space == nsInvoice && e.Name.Local == "Invoice") &&
			!(e.Name.Space == nsCreditNote && e.Name.Local == "CreditNote") {
			p.err = readErr("geen UBL Invoice of CreditNote maar <%s> in %q", e.Name.Local, e.Name.Space)
			return nil, p.err
		}
		p.depth++
		e.Name = mapName(e.Name, p.depth == 1)
		attrs := make([]xml.Attr, 0, len(e.Attr))
		for _, a := range e.Attr {
			switch {
			case a.Name.Space == "xmlns", a.Name.Space == "" && a.Name.Local == "xmlns":
				continue // declarations were resolved by the inner decoder
			case a.Name.Space != "":
				a.Name = xml.Name{Local: "x:" + a.Name.Local}
			}
			attrs = append(attrs, a)
		}
		e.Attr = attrs
		return e, nil
	case xml.EndElement:
		p.depth--
		e.Name = mapName(e.Name, p.depth == 0)
		return e, nil
	}
	return xml.CopyToken(t), nil
}

func mapName(n xml.Name, root bool) xml.Name {
	switch {
	case n.Space == nsCBC:
		return xml.Name{Local: "cbc:" + n.Local}
	case n.Space == nsCAC:
		return xml.Name{Local: "cac:" + n.Local}
	case root:
		return xml.Name{Local: n.Local}
	}
	return xml.Name{Local: "x:" + n.Local}
}

var gNoteRE = regexp.MustCompile(`G-rekening: ([0-9]{1,3}(?:\.[0-9]{1,4})?) %`)

func fromDocument(doc *document) (*invoice.Invoice, error) {
	inv := &invoice.Invoice{Number: strings.TrimSpace(doc.ID), BuyerReference: strings.TrimSpace(doc.BuyerReference)}
	var xlines []line
	switch doc.XMLName.Local {
	case "Invoice":
		inv.Type = invoice.DocType(strings.TrimSpace(doc.InvoiceTypeCode))
		xlines = doc.InvoiceLine
		if len(doc.CreditNoteLine) > 0 {
			return nil, readErr("factuur met creditnotaregels")
		}
	case "CreditNote":
		inv.Type = invoice.DocType(strings.TrimSpace(doc.CreditNoteTypeCode))
		xlines = doc.CreditNoteLine
		if len(doc.InvoiceLine) > 0 || doc.DueDate != "" {
			return nil, readErr("creditnota met factuurelementen")
		}
	}
	if len(xlines) > maxLines {
		return nil, readErr("meer dan %d regels", maxLines)
	}
	if c := strings.TrimSpace(doc.DocumentCurrencyCode); c != currency {
		return nil, readErr("valuta %q; alleen EUR", c)
	}
	var err error
	pdate := func(s string) time.Time {
		if s = strings.TrimSpace(s); s == "" || err != nil {
			return time.Time{}
		}
		t, e := time.Parse(dateLayout, s)
		if e != nil {
			err = readErr("datum %q", s)
		}
		return t
	}
	pdec := func(s string) decimal.Decimal {
		if err != nil {
			return domain.Zero
		}
		d, e := parseDecimal(s)
		if e != nil {
			err = e
		}
		return d
	}
	pamt := func(a amount) decimal.Decimal {
		if err == nil && strings.TrimSpace(a.CurrencyID) != currency {
			err = readErr("bedrag %q in valuta %q; alleen EUR", a.Value, a.CurrencyID)
		}
		return pdec(a.Value)
	}

	inv.IssueDate = pdate(doc.IssueDate)
	inv.DueDate = pdate(doc.DueDate)
	if !inv.IssueDate.IsZero() && !inv.DueDate.IsZero() {
		inv.PaymentTermDays = int(inv.DueDate.Sub(inv.IssueDate).Hours() / 24)
	}
	if doc.InvoicePeriod != nil {
		inv.PeriodStart, inv.PeriodEnd = pdate(doc.InvoicePeriod.StartDate), pdate(doc.InvoicePeriod.EndDate)
		inv.Period = periodOf(inv.PeriodStart, inv.PeriodEnd)
	}
	if doc.OrderReference != nil {
		inv.OrderReference = strings.TrimSpace(doc.OrderReference.ID)
	}
	if len(doc.ContractDocumentRef) > 0 {
		inv.ContractReference = strings.TrimSpace(doc.ContractDocumentRef[0].ID)
	}
	if len(doc.BillingReference) > 0 {
		inv.BillingReference = strings.TrimSpace(doc.BillingReference[0].InvoiceDocumentReference.ID)
	}
	inv.Supplier = fromParty(doc.Supplier.Party)
	inv.Customer = fromParty(doc.Customer.Party)

	// Totals. Prepaid and rounding amounts are outside the model.
	lmt := doc.LegalMonetaryTotal
	for _, a := range []*amount{lmt.PrepaidAmount, lmt.PayableRounding} {
		if a != nil && !pamt(*a).IsZero() {
			return nil, readErr("vooruitbetaald of afrondingsbedrag wordt niet ondersteund")
		}
	}
	inv.NetTotal = pamt(lmt.LineExtensionAmount)
	if excl := pamt(lmt.TaxExclusiveAmount); err == nil && !excl.Equal(inv.NetTotal) {
		return nil, readErr("toeslagen en kortingen op documentniveau worden niet ondersteund")
	}
	inv.Payable = pamt(lmt.PayableAmount)
	if incl := pamt(lmt.TaxInclusiveAmount); err == nil && !incl.Equal(inv.Payable) {
		return nil, readErr("totaal incl. btw %s ≠ te betalen %s", incl, inv.Payable)
	}
	inv.VATTotal = domain.Zero
	for _, tt := range doc.TaxTotal {
		if strings.TrimSpace(tt.TaxAmount.CurrencyID) != currency {
			continue // a tax total in accounting currency (BT-111) is informative
		}
		inv.VATTotal = pamt(tt.TaxAmount)
		for _, s := range tt.TaxSubtotal {
			sub := invoice.VATSubtotal{Category: invoice.VATCategory(strings.TrimSpace(s.TaxCategory.ID)),
				Rate: pdec(s.TaxCategory.Percent), Taxable: pamt(s.TaxableAmount), VAT: pamt(s.TaxAmount)}
			if sub.Category == invoice.VATReverseCharge {
				inv.ReverseCharge = true
			}
			inv.VATBreakdown = append(inv.VATBreakdown, sub)
		}
	}

	// Payment: the regular account and, with the G-account extension, the G-rekening.
	for _, pm := range doc.PaymentMeans {
		if pm.PayeeFinancialAccount == nil {
			continue
		}
		acct := strings.TrimSpace(pm.PayeeFinancialAccount.ID)
		if strings.TrimSpace(pm.ID) == PaymentMeansG {
			inv.GIBAN = acct
		} else if inv.IBAN == "" {
			inv.IBAN = acct
		}
	}
	inv.GAmount, inv.RegularAmount = domain.Zero, inv.Payable
	for _, pt := range doc.PaymentTerms {
		if len(pt.PaymentMeansID) == 0 || pt.Amount == nil {
			continue
		}
		switch strings.TrimSpace(pt.PaymentMeansID[0]) {
		case PaymentMeansG:
			inv.GAmount = pamt(*pt.Amount)
			inv.RegularAmount = inv.Payable.Sub(inv.GAmount)
			for _, n := range pt.Note {
				if m := gNoteRE.FindStringSubmatch(n); m != nil {
					inv.GSharePercent = pdec(m[1])
				}
			}
		}
	}

	for i, xl := range xlines {
		l, e := fromLine(xl, pamt, pdec)
		if e != nil {
			return nil, readErr("regel %d: %v", i+1, e)
		}
		inv.Lines = append(inv.Lines, l)
	}
	if err != nil {
		return nil, err
	}
	return inv, nil
}

func fromParty(x party) invoice.Party {
	p := invoice.Party{}
	if len(x.PartyIdentification) > 0 {
		p.Number = strings.TrimSpace(x.PartyIdentification[0].ID.Value)
	}
	if len(x.PartyLegalEntity) > 0 {
		le := x.PartyLegalEntity[0]
		if len(le.RegistrationName) > 0 {
			p.Name = strings.TrimSpace(le.RegistrationName[0])
		}
		if le.CompanyID != nil && le.CompanyID.SchemeID == schemeKvK {
			p.KvK = strings.TrimSpace(le.CompanyID.Value)
		}
	}
	if p.Name == "" && len(x.PartyName) > 0 {
		p.Name = strings.TrimSpace(x.PartyName[0].Name)
	}
	if p.KvK == "" && x.EndpointID != nil && x.EndpointID.SchemeID == schemeKvK {
		p.KvK = strings.TrimSpace(x.EndpointID.Value)
	}
	if a := x.PostalAddress; a != nil {
		p.Address = domain.Address{Street: strings.TrimSpace(a.StreetName), PostalCode: strings.TrimSpace(a.PostalZone),
			City: strings.TrimSpace(a.CityName)}
		if a.Country != nil {
			p.Address.Country = strings.TrimSpace(a.Country.IdentificationCode)
		}
	}
	for _, t := range x.PartyTaxScheme {
		if strings.EqualFold(strings.TrimSpace(t.TaxScheme.ID), "VAT") {
			p.VATID = strings.TrimSpace(t.CompanyID)
		}
	}
	if c := x.Contact; c != nil {
		p.Email, p.Phone = strings.TrimSpace(c.ElectronicMail), strings.TrimSpace(c.Telephone)
	}
	return p
}

func fromLine(xl line, pamt func(amount) decimal.Decimal, pdec func(string) decimal.Decimal) (*invoice.Line, error) {
	q := xl.InvoicedQuantity
	if q == nil {
		q = xl.CreditedQuantity
	}
	if q == nil {
		return nil, fmt.Errorf("aantal ontbreekt")
	}
	l := &invoice.Line{Quantity: pdec(q.Value), Unit: invoice.Unit(strings.TrimSpace(q.UnitCode)),
		Amount: pamt(xl.LineExtensionAmount), CostCentre: strings.TrimSpace(xl.AccountingCost),
		Description: strings.TrimSpace(xl.Item.Name)}
	for _, r := range xl.DocumentReference {
		l.Placement = strings.TrimSpace(r.ID)
	}
	if s := xl.Item.SellersItemIdentification; s != nil {
		l.Type = domain.HourType(strings.TrimSpace(s.ID))
	}
	if len(xl.Item.ClassifiedTaxCategory) != 1 {
		return nil, fmt.Errorf("%d btw-categorieën", len(xl.Item.ClassifiedTaxCategory))
	}
	c := xl.Item.ClassifiedTaxCategory[0]
	l.VATCategory, l.VATRate = invoice.VATCategory(strings.TrimSpace(c.ID)), pdec(c.Percent)

	price := pamt(xl.Price.PriceAmount)
	if b := xl.Price.BaseQuantity; b != nil {
		if base := pdec(b.Value); base.IsPositive() {
			price = price.Div(base)
		}
	}
	l.Rate, l.BillPercent = price, domain.Hundred
	var rate, pct string
	for _, p := range xl.Item.AdditionalItemProperty {
		v := strings.TrimSpace(p.Value)
		switch strings.TrimSpace(p.Name) {
		case propWorker:
			l.Worker = v
		case propFunction:
			l.Function = v
		case propRate:
			rate = v
		case propPercent:
			pct = v
		}
	}
	if rate != "" && pct != "" {
		r, e1 := parseDecimal(rate)
		b, e2 := parseDecimal(pct)
		if e1 != nil || e2 != nil {
			return nil, fmt.Errorf("tarief %q of percentage %q", rate, pct)
		}
		// The properties must explain the price; otherwise the price wins.
		if r.Mul(b).Div(domain.Hundred).Equal(price) {
			l.Rate, l.BillPercent = r, b
		}
	}
	return l, nil
}

// parseDecimal reads an XML decimal (xs:decimal lexical form: optional sign,
// digits, optional fraction; no exponent), with at most 30 digits.
func parseDecimal(s string) (decimal.Decimal, error) {
	s = strings.TrimSpace(s)
	digits, dot := 0, false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			digits++
		case c == '.' && !dot:
			dot = true
		case (c == '-' || c == '+') && i == 0:
		default:
			return domain.Zero, readErr("getal %q", s)
		}
	}
	if digits == 0 || digits > 30 {
		return domain.Zero, readErr("getal %q", s)
	}
	d, err := decimal.NewFromString(s)
	if err != nil {
		return domain.Zero, readErr("getal %q", s)
	}
	return d, nil
}

// periodOf returns the payroll period with exactly these start and end dates,
// or the zero Period.
func periodOf(start, end time.Time) domain.Period {
	if start.IsZero() {
		return domain.Period{}
	}
	for _, k := range []domain.PeriodKind{domain.Weekly, domain.FourWeek, domain.Monthly} {
		p := domain.PeriodContaining(k, start)
		if p.Start().Equal(start) && p.End().Equal(end) {
			return p
		}
	}
	return domain.Period{}
}
