package sepa

import "strings"

// Problem codes. Field problems are composed as field + kind, e.g.
// "name-too-long", "e2e-charset", "msgid-missing".
const (
	CodeVersion         = "version"             // unknown pain.001 version
	CodeNoPayments      = "no-payments"         // the batch holds no payment
	CodeCreatedMissing  = "created-missing"     // no creation time (CreDtTm)
	CodeExecMissing     = "exec-date-missing"   // no requested execution date
	CodeExecPast        = "exec-date-past"      // execution date before today (or before the creation date)
	CodeIBANInvalid     = "iban-invalid"        // missing, unknown country, wrong length or mod-97 check fails
	CodeIBANNotSEPA     = "iban-not-sepa"       // valid IBAN of a country outside SEPA (UA)
	CodeIBANFormat      = "iban-format"         // not written in capitals without spaces
	CodeBICInvalid      = "bic-invalid"         // BIC pattern of the version not met
	CodeAmountNotPos    = "amount-not-positive" // zero or negative
	CodeAmountDecimals  = "amount-decimals"     // not a whole number of cents
	CodeAmountTooLarge  = "amount-too-large"    // above 999 999 999,99
	CodeCurrency        = "currency"            // not EUR (Read only)
	CodeE2EDuplicate    = "e2e-duplicate"       // EndToEndId used twice
	CodeWorkerDuplicate = "worker-number-duplicate"
	CodeNbOfTxsMismatch = "nboftxs-mismatch" // declared NbOfTxs ≠ number of payments
	CodeCtrlSumMismatch = "ctrlsum-mismatch" // declared CtrlSum ≠ sum of amounts
	CodeCategoryPurpose = "category-purpose" // CtgyPurp/Cd not 1–4 letters/digits
	CodeCountry         = "address-country"  // country not two capitals
)

// Field kinds appended to a field code ("name" + KindTooLong).
const (
	KindMissing = "-missing"
	KindTooLong = "-too-long"
	KindCharset = "-charset"
	KindSlash   = "-slash" // identifier starts or ends with '/' or contains '//'
)

// Field codes.
const (
	FieldName       = "name"
	FieldRemittance = "remittance"
	FieldMsgID      = "msgid"
	FieldPmtInfID   = "pmtinfid"
	FieldE2E        = "e2e"
	FieldWorker     = "worker-number"
	FieldStreet     = "address-street"
	FieldPostalCode = "address-postcode"
	FieldTown       = "address-town"
	FieldAddrLine   = "address-line"
)

// Problem is one reason why a batch may not be written (or a file read back
// is wrong). NL and EN are complete sentences for the user, naming the
// worker; an IBAN appears in them only masked.
type Problem struct {
	Code    string
	Payment int    // index in Batch.Payments, -1 for the file or the debtor
	Worker  string // worker number and name ("1001 Jan Jansen"), "" for file-level problems
	NL, EN  string
}

// Text returns the message in the language ("nl" or "en"; Dutch for anything else).
func (p Problem) Text(lang string) string {
	if strings.HasPrefix(strings.ToLower(lang), "en") {
		return p.EN
	}
	return p.NL
}

func (p Problem) String() string { return p.NL }

// Problems is the error Write and Read return when a batch is refused; its
// message is the Dutch texts, one per line.
type Problems []Problem

func (ps Problems) Error() string { return ps.Text("nl") }

// Text joins the messages in the given language, one per line.
func (ps Problems) Text(lang string) string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.Text(lang)
	}
	return strings.Join(lines, "\n")
}

// Has reports whether a problem with the code is present.
func (ps Problems) Has(code string) bool {
	for _, p := range ps {
		if p.Code == code {
			return true
		}
	}
	return false
}

// Codes returns the distinct codes in order of first appearance.
func (ps Problems) Codes() []string {
	var out []string
	seen := map[string]bool{}
	for _, p := range ps {
		if !seen[p.Code] {
			seen[p.Code] = true
			out = append(out, p.Code)
		}
	}
	return out
}
