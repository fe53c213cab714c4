// Package sepa writes and reads the SEPA credit-transfer file (ISO 20022
// pain.001) with which an agency pays its workers' net wages: one payment
// information block (category purpose SALA, batch booking) with one
// CdtTrfTxInf per worker.
//
// Two versions are supported: pain.001.001.09 (the default; ReqdExctnDt/Dt,
// BICFI, structured debtor address) and pain.001.001.03 (the long-standing
// Dutch bank format; plain ReqdExctnDt, BIC, address lines).
//
// The XSD checks little of what a bank rejects, so the package runs its own
// checks first (Batch.Validate): IBAN mod-97, names of at most 70 characters in
// the SEPA Latin character set, amounts above zero in whole cents, control sum
// and count, execution date, unique EndToEndIds. Write refuses to write a batch
// with any problem. The usual flow is
//
//	b := &sepa.Batch{…}
//	b.Normalize()                 // transliterate and truncate texts, fill defaults
//	if ps := b.Validate(today); len(ps) > 0 { show ps }
//	err := sepa.Write(w, b)
//
// Problems name the worker (number and name) and show an IBAN only masked
// (domain.MaskIBAN); never a whole IBAN.
//
// The package imports verloner/domain and the standard library only.
package sepa

import (
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"verloner/domain"
)

// Version is the pain.001 message version, named after its XML namespace.
type Version string

// The supported versions.
const (
	V09 Version = "pain.001.001.09" // default
	V03 Version = "pain.001.001.03"
)

// Namespace returns the XML namespace of the version.
func (v Version) Namespace() string { return "urn:iso:std:iso:20022:tech:xsd:" + string(v) }

func (v Version) valid() bool { return v == V09 || v == V03 }

// orDefault returns V09 for the empty version.
func (v Version) orDefault() Version {
	if v == "" {
		return V09
	}
	return v
}

// Defaults Write uses for empty fields.
const (
	// CategorySalary is the category purpose of a salary payment (ExternalCategoryPurpose1Code).
	CategorySalary = "SALA"
	// NotProvided is the EPC placeholder for an absent identifier; Write uses
	// it as the debtor agent when the agency's BIC is not given.
	NotProvided = "NOTPROVIDED"
)

// Party is the debtor: the agency that pays.
type Party struct {
	Name    string
	IBAN    string
	BIC     string          // optional since 2016 for SEPA; "" writes Othr/Id NOTPROVIDED
	Address *domain.Address // optional; .09 writes it structured, .03 as two address lines
}

// DebtorFromAgency takes the agency's name, IBAN and address as the debtor.
// The agency record holds no BIC, so the caller passes it ("" if unknown).
func DebtorFromAgency(a *domain.Agency, bic string) Party {
	p := Party{Name: a.Name, IBAN: a.IBAN, BIC: bic}
	if addr := a.Address; addr.Street != "" || addr.City != "" || addr.PostalCode != "" {
		p.Address = &addr
	}
	return p
}

// Payment is one net-wage transfer to one worker.
type Payment struct {
	EndToEndID   string          // unique in the batch, ≤ 35, e.g. "2026-W47-1001"
	Name         string          // the worker's name as the bank should show it, ≤ 70
	IBAN         string          // the worker's account
	BIC          string          // optional
	Amount       decimal.Decimal // > 0, whole cents, in euro
	Remittance   string          // unstructured remittance text, ≤ 140, e.g. "Loon 2026-W47 1001"
	WorkerNumber string          // our worker number; written as PmtId/InstrId so that a bank's
	// status report (pain.002, which quotes OrgnlInstrId) can be matched to the worker
}

// Declared holds a number of transactions (NbOfTxs) and a control sum (CtrlSum)
// as a file declares them, kept as text so that Validate can check them
// exactly; "" means the element is absent.
type Declared struct {
	NbOfTxs string
	CtrlSum string
}

// Batch is one pain.001 message with one payment information block.
type Batch struct {
	Version   Version   // "" means V09
	MsgID     string    // GrpHdr/MsgId, ≤ 35, unique per file for the bank
	PmtInfID  string    // PmtInf/PmtInfId, ≤ 35; "" means MsgID
	Created   time.Time // GrpHdr/CreDtTm, written as local wall-clock time without offset
	Execution time.Time // requested execution date (only the date counts)
	Debtor    Party
	// InitiatingParty is the GrpHdr/InitgPty name; "" means Debtor.Name.
	InitiatingParty string
	// CategoryPurpose is PmtTpInf/CtgyPurp/Cd; "" means SALA. Read returns ""
	// when the file has no category purpose.
	CategoryPurpose string
	// IndividualBooking asks the bank to book every payment as a separate line
	// (BtchBookg false). The default, false, books salaries as one line.
	IndividualBooking bool
	Payments          []Payment
	// Header and Info are NbOfTxs/CtrlSum of the group header and the payment
	// information as declared. Nil means Write computes them from the
	// payments; Read fills them from the file; Validate checks any declared
	// value against the payments.
	Header, Info *Declared
}

// Totals returns the number of payments and the sum of their amounts.
func (b *Batch) Totals() (int, decimal.Decimal) {
	sum := decimal.Zero
	for _, p := range b.Payments {
		sum = sum.Add(p.Amount)
	}
	return len(b.Payments), sum
}

func (b *Batch) computed() Declared {
	n, sum := b.Totals()
	return Declared{NbOfTxs: strconv.Itoa(n), CtrlSum: sum.StringFixed(2)}
}

// Normalize prepares a batch assembled from our own records for writing:
// names, remittance texts and address fields are transliterated to the SEPA
// character set and cut to their maximum length (names 70, remittance 140),
// IBANs and BICs are upper-cased without spaces, and every default Write
// would use is filled in (Version, PmtInfID, InitiatingParty,
// CategoryPurpose, Header/Info totals, address country NL). Identifiers
// (MsgID, EndToEndID, WorkerNumber) and amounts are not touched: a wrong one
// must be reported, not silently changed. After Normalize, Read(Write(b))
// gives b back.
func (b *Batch) Normalize() {
	b.Version = b.Version.orDefault()
	if b.PmtInfID == "" {
		b.PmtInfID = b.MsgID
	}
	b.Debtor.Name = CleanText(b.Debtor.Name, MaxName)
	b.Debtor.IBAN = domain.NormalizeIBAN(b.Debtor.IBAN)
	b.Debtor.BIC = normalizeBIC(b.Debtor.BIC)
	b.Debtor.Address = normalizeAddress(b.Debtor.Address)
	if b.InitiatingParty == "" {
		b.InitiatingParty = b.Debtor.Name
	} else {
		b.InitiatingParty = CleanText(b.InitiatingParty, MaxName)
	}
	if b.CategoryPurpose == "" {
		b.CategoryPurpose = CategorySalary
	}
	for i := range b.Payments {
		p := &b.Payments[i]
		p.Name = CleanText(p.Name, MaxName)
		p.IBAN = domain.NormalizeIBAN(p.IBAN)
		p.BIC = normalizeBIC(p.BIC)
		p.Remittance = CleanText(p.Remittance, MaxRemittance)
	}
	c := b.computed()
	if b.Header == nil {
		b.Header = &Declared{NbOfTxs: c.NbOfTxs, CtrlSum: c.CtrlSum}
	}
	if b.Info == nil {
		b.Info = &Declared{NbOfTxs: c.NbOfTxs, CtrlSum: c.CtrlSum}
	}
}

func normalizeBIC(s string) string {
	return strings.ToUpper(strings.Join(strings.Fields(s), ""))
}

// normalizeAddress cleans the fields of a copy (the caller's record is not
// changed) and drops an address without content.
func normalizeAddress(a *domain.Address) *domain.Address {
	if a == nil {
		return nil
	}
	c := domain.Address{
		Street:     CleanText(a.Street, MaxStreet),
		PostalCode: CleanText(a.PostalCode, MaxPostalCode),
		City:       CleanText(a.City, MaxTown),
		Country:    strings.ToUpper(strings.TrimSpace(a.Country)),
	}
	if c.Street == "" && c.PostalCode == "" && c.City == "" {
		return nil
	}
	if c.Country == "" {
		c.Country = "NL"
	}
	return &c
}
