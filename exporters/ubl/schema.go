package ubl

import "encoding/xml"

// The XML structs below cover the subset of UBL 2.1 Invoice and CreditNote
// that SI-UBL 2.0 (NLCIUS) invoices of the agency use. Element names carry
// the literal cbc:/cac: prefixes (declared on the root); the reader maps the
// namespaces of any input onto these prefixes first (see read.go). Field order
// is the order of the UBL 2.1 XSD sequences. Invoice and CreditNote share one
// struct: their differences (DueDate, type code, line and quantity element
// names) are omitempty fields that sit where the respective sequence wants them.

const (
	nsInvoice    = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
	nsCreditNote = "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2"
	nsCAC        = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
	nsCBC        = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
)

type document struct {
	XMLName  xml.Name
	Xmlns    string `xml:"xmlns,attr,omitempty"`
	XmlnsCAC string `xml:"xmlns:cac,attr,omitempty"`
	XmlnsCBC string `xml:"xmlns:cbc,attr,omitempty"`

	CustomizationID      string             `xml:"cbc:CustomizationID"`
	ProfileID            string             `xml:"cbc:ProfileID,omitempty"`
	ID                   string             `xml:"cbc:ID"`
	IssueDate            string             `xml:"cbc:IssueDate"`
	DueDate              string             `xml:"cbc:DueDate,omitempty"`         // Invoice only
	InvoiceTypeCode      string             `xml:"cbc:InvoiceTypeCode,omitempty"` // Invoice only
	CreditNoteTypeCode   string             `xml:"cbc:CreditNoteTypeCode,omitempty"`
	Note                 []string           `xml:"cbc:Note,omitempty"`
	DocumentCurrencyCode string             `xml:"cbc:DocumentCurrencyCode"`
	BuyerReference       string             `xml:"cbc:BuyerReference,omitempty"`
	InvoicePeriod        *period            `xml:"cac:InvoicePeriod,omitempty"`
	OrderReference       *idOnly            `xml:"cac:OrderReference,omitempty"`
	BillingReference     []billingReference `xml:"cac:BillingReference,omitempty"`
	ContractDocumentRef  []idOnly           `xml:"cac:ContractDocumentReference,omitempty"`
	Supplier             partyWrap          `xml:"cac:AccountingSupplierParty"`
	Customer             partyWrap          `xml:"cac:AccountingCustomerParty"`
	PaymentMeans         []paymentMeans     `xml:"cac:PaymentMeans,omitempty"`
	PaymentTerms         []paymentTerms     `xml:"cac:PaymentTerms,omitempty"`
	TaxTotal             []taxTotal         `xml:"cac:TaxTotal"`
	LegalMonetaryTotal   legalMonetaryTotal `xml:"cac:LegalMonetaryTotal"`
	InvoiceLine          []line             `xml:"cac:InvoiceLine,omitempty"`
	CreditNoteLine       []line             `xml:"cac:CreditNoteLine,omitempty"`
}

type period struct {
	StartDate string `xml:"cbc:StartDate,omitempty"`
	EndDate   string `xml:"cbc:EndDate,omitempty"`
}

type idOnly struct {
	ID string `xml:"cbc:ID"`
}

type billingReference struct {
	InvoiceDocumentReference idOnly `xml:"cac:InvoiceDocumentReference"`
}

type identifier struct {
	SchemeID string `xml:"schemeID,attr,omitempty"`
	Value    string `xml:",chardata"`
}

type partyWrap struct {
	Party party `xml:"cac:Party"`
}

type party struct {
	EndpointID          *identifier   `xml:"cbc:EndpointID,omitempty"`
	PartyIdentification []partyID     `xml:"cac:PartyIdentification,omitempty"`
	PartyName           []partyName   `xml:"cac:PartyName,omitempty"`
	PostalAddress       *address      `xml:"cac:PostalAddress,omitempty"`
	PartyTaxScheme      []partyTax    `xml:"cac:PartyTaxScheme,omitempty"`
	PartyLegalEntity    []legalEntity `xml:"cac:PartyLegalEntity,omitempty"`
	Contact             *contact      `xml:"cac:Contact,omitempty"`
}

type partyID struct {
	ID identifier `xml:"cbc:ID"`
}

type partyName struct {
	Name string `xml:"cbc:Name"`
}

type address struct {
	StreetName string   `xml:"cbc:StreetName,omitempty"`
	CityName   string   `xml:"cbc:CityName,omitempty"`
	PostalZone string   `xml:"cbc:PostalZone,omitempty"`
	Country    *country `xml:"cac:Country,omitempty"`
}

type country struct {
	IdentificationCode string `xml:"cbc:IdentificationCode"`
}

type partyTax struct {
	CompanyID string    `xml:"cbc:CompanyID,omitempty"`
	TaxScheme taxScheme `xml:"cac:TaxScheme"`
}

type taxScheme struct {
	ID string `xml:"cbc:ID"`
}

type legalEntity struct {
	RegistrationName []string    `xml:"cbc:RegistrationName,omitempty"`
	CompanyID        *identifier `xml:"cbc:CompanyID,omitempty"`
}

type contact struct {
	Telephone      string `xml:"cbc:Telephone,omitempty"`
	ElectronicMail string `xml:"cbc:ElectronicMail,omitempty"`
}

type paymentMeans struct {
	ID                    string         `xml:"cbc:ID,omitempty"`
	PaymentMeansCode      string         `xml:"cbc:PaymentMeansCode"`
	PaymentID             []string       `xml:"cbc:PaymentID,omitempty"`
	PayeeFinancialAccount *financialAcct `xml:"cac:PayeeFinancialAccount,omitempty"`
}

type financialAcct struct {
	ID string `xml:"cbc:ID"`
}

type paymentTerms struct {
	PaymentMeansID []string `xml:"cbc:PaymentMeansID,omitempty"`
	Note           []string `xml:"cbc:Note,omitempty"`
	Amount         *amount  `xml:"cbc:Amount,omitempty"`
}

type amount struct {
	CurrencyID string `xml:"currencyID,attr"`
	Value      string `xml:",chardata"`
}

type quantity struct {
	UnitCode string `xml:"unitCode,attr,omitempty"`
	Value    string `xml:",chardata"`
}

type taxTotal struct {
	TaxAmount   amount        `xml:"cbc:TaxAmount"`
	TaxSubtotal []taxSubtotal `xml:"cac:TaxSubtotal,omitempty"`
}

type taxSubtotal struct {
	TaxableAmount amount      `xml:"cbc:TaxableAmount"`
	TaxAmount     amount      `xml:"cbc:TaxAmount"`
	TaxCategory   taxCategory `xml:"cac:TaxCategory"`
}

type taxCategory struct {
	ID                 string    `xml:"cbc:ID"`
	Percent            string    `xml:"cbc:Percent,omitempty"`
	TaxExemptionReason []string  `xml:"cbc:TaxExemptionReason,omitempty"`
	TaxScheme          taxScheme `xml:"cac:TaxScheme"`
}

type legalMonetaryTotal struct {
	LineExtensionAmount amount  `xml:"cbc:LineExtensionAmount"`
	TaxExclusiveAmount  amount  `xml:"cbc:TaxExclusiveAmount"`
	TaxInclusiveAmount  amount  `xml:"cbc:TaxInclusiveAmount"`
	PrepaidAmount       *amount `xml:"cbc:PrepaidAmount,omitempty"` // read only: refused when non-zero
	PayableRounding     *amount `xml:"cbc:PayableRoundingAmount,omitempty"`
	PayableAmount       amount  `xml:"cbc:PayableAmount"`
}

type line struct {
	ID                  string    `xml:"cbc:ID"`
	InvoicedQuantity    *quantity `xml:"cbc:InvoicedQuantity,omitempty"`
	CreditedQuantity    *quantity `xml:"cbc:CreditedQuantity,omitempty"`
	LineExtensionAmount amount    `xml:"cbc:LineExtensionAmount"`
	AccountingCost      string    `xml:"cbc:AccountingCost,omitempty"`
	DocumentReference   []docRef  `xml:"cac:DocumentReference,omitempty"`
	Item                item      `xml:"cac:Item"`
	Price               price     `xml:"cac:Price"`
}

type docRef struct {
	ID               string `xml:"cbc:ID"`
	DocumentTypeCode string `xml:"cbc:DocumentTypeCode,omitempty"`
}

type item struct {
	Description               []string       `xml:"cbc:Description,omitempty"`
	Name                      string         `xml:"cbc:Name"`
	SellersItemIdentification *idOnly        `xml:"cac:SellersItemIdentification,omitempty"`
	ClassifiedTaxCategory     []taxCategory  `xml:"cac:ClassifiedTaxCategory"`
	AdditionalItemProperty    []itemProperty `xml:"cac:AdditionalItemProperty,omitempty"`
}

type itemProperty struct {
	Name  string `xml:"cbc:Name"`
	Value string `xml:"cbc:Value"`
}

type price struct {
	PriceAmount  amount    `xml:"cbc:PriceAmount"`
	BaseQuantity *quantity `xml:"cbc:BaseQuantity,omitempty"`
}
