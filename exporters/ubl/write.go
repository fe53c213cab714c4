// Package ubl writes and reads the agency's invoices and credit notes as UBL
// 2.1 documents following SI-UBL 2.0 (NLCIUS, the Dutch CIUS of EN 16931),
// with the SI-UBL G-account extension when part of an invoice is to be paid
// into the agency's G-rekening.
//
// What goes where (EN 16931 business terms):
//
//   - BT-24 CustomizationID: NLCIUS, or NLCIUS + G-account for an invoice with
//     a G share; BT-23 ProfileID: Peppol billing.
//   - BT-1 number, BT-2 issue date, BT-9 due date (invoices), BT-3 380/381,
//     BT-22 one note with the texts of invoice.Notes (reverse charge, period,
//     work, placements, payment split, credit reference).
//   - BT-10 BuyerReference (BR-NL-2), BT-13 OrderReference, BT-12
//     ContractDocumentReference (placement), BT-25 BillingReference (credit
//     note → invoice), BG-14 InvoicePeriod (date of supply).
//   - Seller: EndpointID and PartyLegalEntity/CompanyID with schemeID 0106
//     (KvK, BR-NL-1), VAT id (BT-31), registered name, address (BR-NL-3).
//     Buyer: our debtor number (BT-46), KvK (BR-NL-10), VAT id (BT-48, needed
//     for AE), address.
//   - Invoices: PaymentMeans 58 (SEPA credit transfer) with the IBAN and the
//     invoice number as payment id. With a G share: two PaymentMeans
//     (BENEFICIARY: the regular IBAN; GACCOUNT: the G-rekening) and two
//     PaymentTerms with the amount of each, which add up to PayableAmount
//     (BR-GA-1 … BR-GA-7). Credit notes carry no payment means; the notes say
//     how the credit splits.
//   - TaxTotal with one TaxSubtotal per category and rate: S 21 %, or AE 0 %
//     with exemption reason "Btw verlegd" (BR-AE-10; a reason code would raise
//     warning BR-NL-35).
//   - Lines: quantity with unit (HUR, KMT, C62), net amount, cost centre as
//     BT-133, placement number as BT-128 (DocumentReference, type 130), hour
//     type code as seller's item id, item name = nature of the service, item
//     description = worker, function and placement, item properties with the
//     worker, function, rate and bill %, and the unit price (rate × bill %,
//     not rounded; price amounts are exempt from the two-decimal rule).
//
// Marshal checks before it writes: invoice.ValidateFinal (totals, VAT per
// rate, payment split, IBANs), the NLCIUS rules it depends on, and after
// writing it reads its own output back and compares (self-check).
package ubl

import (
	"bytes"
	"encoding/xml"
	"io"
	"strings"

	"github.com/shopspring/decimal"

	"verloner/domain"
	"verloner/domain/invoice"
)

// Identifiers of the specifications the documents conform to.
const (
	CustomizationID         = "urn:cen.eu:en16931:2017#compliant#urn:fdc:nen.nl:nlcius:v1.0"
	CustomizationIDGAccount = CustomizationID + "#conformant#urn:fdc:nen.nl:gaccount:v1.0"
	ProfileID               = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0"

	// Payment means identifiers of the G-account extension (NL-GA-04).
	PaymentMeansRegular = "BENEFICIARY"
	PaymentMeansG       = "GACCOUNT"

	schemeKvK      = "0106" // ISO 6523 ICD: Kamer van Koophandel
	sepaTransfer   = "58"   // UNCL 4461: SEPA credit transfer
	invoicedObject = "130"  // UNCL 1001: invoiced object identifier (BT-128)
	currency       = "EUR"
	dateLayout     = "2006-01-02"

	propWorker   = "Uitzendkracht"
	propFunction = "Functie"
	propRate     = "Tarief"
	propPercent  = "Factuurpercentage"
)

// Write writes inv as UBL to w after the checks Marshal does.
func Write(w io.Writer, inv *invoice.Invoice) error {
	b, err := Marshal(inv)
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}

// Marshal returns inv as an SI-UBL 2.0 Invoice or CreditNote. It refuses a
// document that fails invoice.ValidateFinal or an NLCIUS rule this package
// relies on, and one whose output does not read back to the same number,
// totals, payment split, accounts and lines.
func Marshal(inv *invoice.Invoice) ([]byte, error) {
	if inv == nil {
		return nil, domain.Errorf(domain.EINVALID, "UBL: geen factuur.")
	}
	if err := inv.ValidateFinal(); err != nil {
		return nil, err
	}
	if err := precheck(inv); err != nil {
		return nil, err
	}
	doc := toDocument(inv)
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return nil, domain.Errorf(domain.EINTERNAL, "UBL schrijven: %v", err)
	}
	buf.WriteByte('\n')
	out := buf.Bytes()
	if err := selfCheck(inv, out); err != nil {
		return nil, err
	}
	return out, nil
}

// precheck enforces the NLCIUS rules that depend on data the invoice model
// does not require in general.
func precheck(inv *invoice.Invoice) error {
	var p []string
	if invoice.Country(inv.Supplier.Address) == "NL" && !validKvK(inv.Supplier.KvK) {
		p = append(p, "KvK-nummer van het uitzendbureau ontbreekt of is geen 8 cijfers (BR-NL-1)")
	}
	if invoice.Country(inv.Customer.Address) == "NL" && !validKvK(inv.Customer.KvK) {
		p = append(p, "KvK-nummer van de inlener ontbreekt of is geen 8 cijfers (BR-NL-10)")
	}
	if strings.TrimSpace(inv.BuyerReference) == "" && strings.TrimSpace(inv.OrderReference) == "" {
		p = append(p, "referentie of ordernummer van de inlener ontbreekt (BR-NL-2)")
	}
	if len(p) > 0 {
		return domain.Errorf(domain.EINVALID, "UBL-factuur %s: %s.", inv.Number, strings.Join(p, "; "))
	}
	return nil
}

func validKvK(s string) bool {
	if len(s) != 8 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// selfCheck reads the output back and compares what the hirer pays on.
func selfCheck(inv *invoice.Invoice, out []byte) error {
	back, err := Unmarshal(out)
	if err != nil {
		return domain.Errorf(domain.EINTERNAL, "UBL-zelfcontrole %s: eigen uitvoer onleesbaar: %v", inv.Number, err)
	}
	if err := back.ValidateFinal(); err != nil {
		return domain.Errorf(domain.EINTERNAL, "UBL-zelfcontrole %s: %v", inv.Number, err)
	}
	same := back.Number == inv.Number && back.Type == inv.Type && back.IssueDate.Equal(inv.IssueDate) &&
		back.NetTotal.Equal(inv.NetTotal) && back.VATTotal.Equal(inv.VATTotal) && back.Payable.Equal(inv.Payable) &&
		len(back.Lines) == len(inv.Lines) && back.ReverseCharge == inv.ReverseCharge
	if same && !inv.IsCredit() { // credit notes carry no payment means
		same = domain.NormalizeIBAN(back.IBAN) == domain.NormalizeIBAN(inv.IBAN) && back.GAmount.Equal(inv.GAmount) && back.RegularAmount.Equal(inv.RegularAmount) &&
			domain.NormalizeIBAN(back.GIBAN) == domain.NormalizeIBAN(inv.GIBAN) && back.DueDate.Equal(inv.DueDate)
	}
	for i := 0; same && i < len(inv.Lines); i++ {
		same = back.Lines[i].Amount.Equal(inv.Lines[i].Amount) && back.Lines[i].Quantity.Equal(inv.Lines[i].Quantity)
	}
	if !same {
		return domain.Errorf(domain.EINTERNAL, "UBL-zelfcontrole %s: teruggelezen factuur wijkt af.", inv.Number)
	}
	return nil
}

func money(d decimal.Decimal) amount { return amount{CurrencyID: currency, Value: d.StringFixed(2)} }

// unitPrice prints a price with at least two decimals and no rounding.
func unitPrice(d decimal.Decimal) string {
	if d.Equal(d.Round(2)) {
		return d.StringFixed(2)
	}
	return d.String()
}

func toDocument(inv *invoice.Invoice) *document {
	doc := &document{
		XmlnsCAC: nsCAC, XmlnsCBC: nsCBC,
		CustomizationID:      CustomizationID,
		ProfileID:            ProfileID,
		ID:                   inv.Number,
		IssueDate:            inv.IssueDate.Format(dateLayout),
		DocumentCurrencyCode: currency,
		BuyerReference:       inv.BuyerReference,
		InvoicePeriod:        &period{StartDate: inv.PeriodStart.Format(dateLayout), EndDate: inv.PeriodEnd.Format(dateLayout)},
	}
	if inv.IsCredit() {
		doc.XMLName = xml.Name{Local: "CreditNote"}
		doc.Xmlns = nsCreditNote
		doc.CreditNoteTypeCode = string(inv.Type)
		doc.BillingReference = []billingReference{{InvoiceDocumentReference: idOnly{ID: inv.BillingReference}}}
	} else {
		doc.XMLName = xml.Name{Local: "Invoice"}
		doc.Xmlns = nsInvoice
		doc.DueDate = inv.DueDate.Format(dateLayout)
		doc.InvoiceTypeCode = string(inv.Type)
		if inv.HasGShare() {
			doc.CustomizationID = CustomizationIDGAccount
		}
	}
	if notes := inv.Notes(); len(notes) > 0 {
		doc.Note = []string{strings.Join(notes, "\n")}
	}
	if inv.OrderReference != "" {
		doc.OrderReference = &idOnly{ID: inv.OrderReference}
	}
	if inv.ContractReference != "" {
		doc.ContractDocumentRef = []idOnly{{ID: inv.ContractReference}}
	}
	doc.Supplier.Party = toParty(inv.Supplier, false)
	doc.Customer.Party = toParty(inv.Customer, true)

	if !inv.IsCredit() {
		term := "Betaaltermijn " + plural(inv.PaymentTermDays, "dag", "dagen") + " na factuurdatum."
		iban := domain.NormalizeIBAN(inv.IBAN)
		if inv.HasGShare() {
			doc.PaymentMeans = []paymentMeans{
				{ID: PaymentMeansRegular, PaymentMeansCode: sepaTransfer, PaymentID: []string{inv.Number},
					PayeeFinancialAccount: &financialAcct{ID: iban}},
				{ID: PaymentMeansG, PaymentMeansCode: sepaTransfer, PaymentID: []string{inv.Number},
					PayeeFinancialAccount: &financialAcct{ID: domain.NormalizeIBAN(inv.GIBAN)}},
			}
			// UBL-SR-05 allows one payment terms note in all: it goes with the G part.
			g := money(inv.GAmount)
			r := money(inv.RegularAmount)
			doc.PaymentTerms = []paymentTerms{
				{PaymentMeansID: []string{PaymentMeansRegular}, Amount: &r},
				{PaymentMeansID: []string{PaymentMeansG}, Note: []string{term + " " + inv.GNote()}, Amount: &g},
			}
		} else {
			doc.PaymentMeans = []paymentMeans{{PaymentMeansCode: sepaTransfer, PaymentID: []string{inv.Number},
				PayeeFinancialAccount: &financialAcct{ID: iban}}}
			doc.PaymentTerms = []paymentTerms{{Note: []string{term}}}
		}
	}

	tt := taxTotal{TaxAmount: money(inv.VATTotal)}
	for _, s := range inv.VATBreakdown {
		cat := taxCategory{ID: string(s.Category), Percent: s.Rate.String(), TaxScheme: taxScheme{ID: "VAT"}}
		if r := s.ExemptionReason(); r != "" {
			cat.TaxExemptionReason = []string{r}
		}
		tt.TaxSubtotal = append(tt.TaxSubtotal, taxSubtotal{TaxableAmount: money(s.Taxable), TaxAmount: money(s.VAT), TaxCategory: cat})
	}
	doc.TaxTotal = []taxTotal{tt}
	doc.LegalMonetaryTotal = legalMonetaryTotal{
		LineExtensionAmount: money(inv.NetTotal),
		TaxExclusiveAmount:  money(inv.NetTotal),
		TaxInclusiveAmount:  money(inv.Payable),
		PayableAmount:       money(inv.Payable),
	}
	for i, l := range inv.Lines {
		xl := toLine(i+1, l)
		if inv.IsCredit() {
			xl.CreditedQuantity, xl.InvoicedQuantity = xl.InvoicedQuantity, nil
			doc.CreditNoteLine = append(doc.CreditNoteLine, xl)
		} else {
			doc.InvoiceLine = append(doc.InvoiceLine, xl)
		}
	}
	return doc
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return decimal.NewFromInt(int64(n)).String() + " " + many
}

func toParty(p invoice.Party, customer bool) party {
	x := party{}
	if p.KvK != "" {
		x.EndpointID = &identifier{SchemeID: schemeKvK, Value: p.KvK}
	}
	if customer && p.Number != "" {
		x.PartyIdentification = []partyID{{ID: identifier{Value: p.Number}}}
	}
	x.PartyName = []partyName{{Name: p.Name}}
	x.PostalAddress = &address{StreetName: p.Address.Street, CityName: p.Address.City, PostalZone: p.Address.PostalCode,
		Country: &country{IdentificationCode: invoice.Country(p.Address)}}
	if p.VATID != "" {
		x.PartyTaxScheme = []partyTax{{CompanyID: p.VATID, TaxScheme: taxScheme{ID: "VAT"}}}
	}
	le := legalEntity{RegistrationName: []string{p.Name}}
	if p.KvK != "" {
		le.CompanyID = &identifier{SchemeID: schemeKvK, Value: p.KvK}
	}
	x.PartyLegalEntity = []legalEntity{le}
	if p.Email != "" || p.Phone != "" {
		x.Contact = &contact{Telephone: p.Phone, ElectronicMail: p.Email}
	}
	return x
}

func toLine(n int, l *invoice.Line) line {
	unit := string(l.Unit)
	xl := line{
		ID:                  decimal.NewFromInt(int64(n)).String(),
		InvoicedQuantity:    &quantity{UnitCode: unit, Value: l.Quantity.String()},
		LineExtensionAmount: money(l.Amount),
		AccountingCost:      l.CostCentre,
		Item: item{
			Name: l.Description,
			ClassifiedTaxCategory: []taxCategory{{ID: string(l.VATCategory), Percent: l.VATRate.String(),
				TaxScheme: taxScheme{ID: "VAT"}}},
		},
		Price: price{PriceAmount: amount{CurrencyID: currency, Value: unitPrice(l.UnitPrice())},
			BaseQuantity: &quantity{UnitCode: unit, Value: "1"}},
	}
	if l.Placement != "" {
		xl.DocumentReference = []docRef{{ID: l.Placement, DocumentTypeCode: invoicedObject}}
	}
	var desc []string
	for _, s := range []string{l.Worker, l.Function} {
		if s != "" {
			desc = append(desc, s)
		}
	}
	if l.Placement != "" {
		desc = append(desc, "plaatsing "+l.Placement)
	}
	if len(desc) > 0 {
		xl.Item.Description = []string{strings.Join(desc, ", ")}
	}
	if l.Type != "" {
		xl.Item.SellersItemIdentification = &idOnly{ID: string(l.Type)}
	}
	for _, p := range [][2]string{{propWorker, l.Worker}, {propFunction, l.Function},
		{propRate, unitPrice(l.Rate)}, {propPercent, l.BillPercent.String()}} {
		if p[1] != "" {
			xl.Item.AdditionalItemProperty = append(xl.Item.AdditionalItemProperty, itemProperty{Name: p[0], Value: p[1]})
		}
	}
	return xl
}
