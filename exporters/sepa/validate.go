package sepa

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/shopspring/decimal"

	"verloner/domain"
)

var (
	maxAmount   = decimal.RequireFromString("999999999.99")
	bic03       = regexp.MustCompile(`^[A-Z]{6}[A-Z2-9][A-NP-Z0-9]([A-Z0-9]{3})?$`)
	bic09       = regexp.MustCompile(`^[A-Z0-9]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$`)
	countryCode = regexp.MustCompile(`^[A-Z]{2}$`)
	categoryCd  = regexp.MustCompile(`^[A-Z0-9]{4}$`)
	digits      = regexp.MustCompile(`^[0-9]{1,15}$`)
)

// subject says whom a problem is about, in both languages.
type subject struct {
	payment int
	worker  string
	nl, en  string
}

var (
	subjFile   = subject{payment: -1, nl: "Bestand", en: "File"}
	subjHeader = subject{payment: -1, nl: "Bestand (groepskop)", en: "File (group header)"}
	subjInfo   = subject{payment: -1, nl: "Betaalopdracht (PmtInf)", en: "Payment information (PmtInf)"}
)

func debtorSubject(d Party) subject {
	s := subject{payment: -1, nl: "Opdrachtgever (bureau)", en: "Debtor (agency)"}
	if m := domain.MaskIBAN(d.IBAN); m != "" {
		s.nl += ", IBAN " + m
		s.en += ", IBAN " + m
	}
	return s
}

func paymentSubject(i int, p Payment) subject {
	worker := strings.TrimSpace(p.WorkerNumber + " " + p.Name)
	label := strings.TrimSpace(clip(p.WorkerNumber) + " " + clip(p.Name)) // a 141-character name is shown cut
	var nl, en []string
	if p.WorkerNumber != "" {
		nl = append(nl, "medewerker "+label)
		en = append(en, "worker "+label)
	} else if p.Name != "" {
		nl = append(nl, label)
		en = append(en, label)
	}
	if m := domain.MaskIBAN(p.IBAN); m != "" {
		nl = append(nl, "IBAN "+m)
		en = append(en, "IBAN "+m)
	}
	s := subject{payment: i, worker: worker,
		nl: fmt.Sprintf("Betaling %d", i+1), en: fmt.Sprintf("Payment %d", i+1)}
	if len(nl) > 0 {
		s.nl += " (" + strings.Join(nl, ", ") + ")"
		s.en += " (" + strings.Join(en, ", ") + ")"
	}
	return s
}

type collector struct{ ps Problems }

func (c *collector) add(s subject, code, nl, en string) {
	c.ps = append(c.ps, Problem{Code: code, Payment: s.payment, Worker: s.worker,
		NL: s.nl + ": " + nl, EN: s.en + ": " + en})
}

// field describes a text element for the messages.
type field struct {
	code   string
	nl, en string
	max    int
	ident  bool // an identifier: no leading/trailing '/' and no "//"
}

var (
	fMsgID      = field{FieldMsgID, "berichtkenmerk (MsgId)", "message id (MsgId)", MaxID, true}
	fPmtInfID   = field{FieldPmtInfID, "kenmerk betaalopdracht (PmtInfId)", "payment information id (PmtInfId)", MaxID, true}
	fE2E        = field{FieldE2E, "betalingskenmerk (EndToEndId)", "end-to-end id (EndToEndId)", MaxID, true}
	fWorker     = field{FieldWorker, "personeelsnummer (InstrId)", "worker number (InstrId)", MaxID, true}
	fName       = field{FieldName, "naam", "name", MaxName, false}
	fInitiator  = field{FieldName, "naam opdrachtgever in de groepskop (InitgPty)", "initiating party name (InitgPty)", MaxName, false}
	fRemittance = field{FieldRemittance, "omschrijving", "remittance information", MaxRemittance, false}
	fStreet     = field{FieldStreet, "straat", "street", MaxStreet, false}
	fPostalCode = field{FieldPostalCode, "postcode", "postal code", MaxPostalCode, false}
	fTown       = field{FieldTown, "plaats", "town", MaxTown, false}
)

func (c *collector) text(s subject, f field, v string, required bool) {
	if v == "" {
		if required {
			c.add(s, f.code+KindMissing, f.nl+" ontbreekt.", f.en+" is missing.")
		}
		return
	}
	if n := utf8.RuneCountInString(v); n > f.max {
		c.add(s, f.code+KindTooLong,
			fmt.Sprintf("%s is %d tekens lang; SEPA staat er hoogstens %d toe.", f.nl, n, f.max),
			fmt.Sprintf("%s is %d characters long; SEPA allows at most %d.", f.en, n, f.max))
	}
	if bad := disallowed(v); bad != "" {
		c.add(s, f.code+KindCharset,
			fmt.Sprintf("%s bevat tekens buiten de SEPA-tekenset: %s (toegestaan: a-z A-Z 0-9 / - ? : ( ) . , ' + en spatie).", f.nl, bad),
			fmt.Sprintf("%s contains characters outside the SEPA character set: %s (allowed: a-z A-Z 0-9 / - ? : ( ) . , ' + and space).", f.en, bad))
	}
	if f.ident && (strings.HasPrefix(v, "/") || strings.HasSuffix(v, "/") || strings.Contains(v, "//")) {
		c.add(s, f.code+KindSlash,
			fmt.Sprintf("%s %q mag niet met '/' beginnen of eindigen en geen '//' bevatten.", f.nl, clip(v)),
			fmt.Sprintf("%s %q must not start or end with '/' nor contain '//'.", f.en, clip(v)))
	}
}

func (c *collector) iban(s subject, v string) {
	if v != domain.NormalizeIBAN(v) {
		c.add(s, CodeIBANFormat,
			"IBAN moet in hoofdletters zonder spaties staan.",
			"IBAN must be written in capitals without spaces.")
	}
	if err := domain.CheckIBAN(v); err != nil {
		c.add(s, CodeIBANInvalid, err.Error()+".", ibanReasonEN(err)+".")
		return
	}
	if cc := domain.NormalizeIBAN(v)[:2]; !sepaCountries[cc] {
		c.add(s, CodeIBANNotSEPA,
			fmt.Sprintf("een IBAN uit %s valt buiten het SEPA-gebied; een SEPA-overboeking kan daar niet heen.", cc),
			fmt.Sprintf("an IBAN from %s is outside the SEPA area; a SEPA credit transfer cannot go there.", cc))
	}
}

// sepaCountries are the IBAN country codes of the SEPA scheme countries that
// domain.CheckIBAN knows (EU/EEA, CH, GB, MC, SM, AD; the French overseas
// departments use FR IBANs). domain.CheckIBAN also accepts UA, which is not a
// SEPA country.
var sepaCountries = map[string]bool{
	"AD": true, "AT": true, "BE": true, "BG": true, "CH": true, "CY": true, "CZ": true, "DE": true,
	"DK": true, "EE": true, "ES": true, "FI": true, "FR": true, "GB": true, "GR": true, "HR": true,
	"HU": true, "IE": true, "IS": true, "IT": true, "LI": true, "LT": true, "LU": true, "LV": true,
	"MC": true, "MT": true, "NL": true, "NO": true, "PL": true, "PT": true, "RO": true, "SE": true,
	"SI": true, "SK": true, "SM": true, "VA": true,
}

// ibanReasonEN translates the Dutch reasons of domain.CheckIBAN.
func ibanReasonEN(err error) string {
	m := err.Error()
	switch {
	case strings.Contains(m, "ontbreekt"):
		return "IBAN is missing"
	case strings.Contains(m, "te kort"):
		return "IBAN is too short"
	case strings.Contains(m, "onbekende landcode"):
		return "IBAN has an unknown or non-SEPA country code"
	case strings.Contains(m, "tekens hebben"):
		return "IBAN has the wrong length for its country"
	case strings.Contains(m, "Nederlandse IBAN"):
		return "Dutch IBAN must have a 4-letter bank code and a 10-digit account number"
	case strings.Contains(m, "ongeldig teken"):
		return "IBAN contains an invalid character"
	case strings.Contains(m, "controlegetal"):
		return "IBAN check digits do not match (mod 97)"
	}
	return "IBAN is not valid"
}

func (c *collector) bic(s subject, v string, version Version) {
	if v == "" {
		return
	}
	re := bic09
	if version == V03 {
		re = bic03
	}
	if !re.MatchString(v) {
		c.add(s, CodeBICInvalid,
			fmt.Sprintf("BIC %q is geen geldige BIC (8 of 11 tekens, hoofdletters).", v),
			fmt.Sprintf("BIC %q is not a valid BIC (8 or 11 characters, capitals).", v))
	}
}

func (c *collector) amount(s subject, a decimal.Decimal) {
	if a.Sign() <= 0 {
		c.add(s, CodeAmountNotPos,
			fmt.Sprintf("bedrag %s moet groter zijn dan nul (minimaal 0,01).", domain.FormatDecimalNL(a, decimalsOf(a))),
			fmt.Sprintf("amount %s must be more than zero (at least 0.01).", a.StringFixed(decimalsOf(a))))
	}
	if !a.Equal(a.Truncate(2)) {
		c.add(s, CodeAmountDecimals,
			fmt.Sprintf("bedrag %s heeft meer dan twee decimalen; SEPA kent alleen hele centen (er wordt niet stilzwijgend afgerond).", domain.FormatDecimalNL(a, decimalsOf(a))),
			fmt.Sprintf("amount %s has more than two decimals; SEPA only knows whole cents (it is not rounded silently).", a.StringFixed(decimalsOf(a))))
	}
	if a.GreaterThan(maxAmount) {
		c.add(s, CodeAmountTooLarge,
			fmt.Sprintf("bedrag %s is hoger dan het SEPA-maximum 999.999.999,99.", domain.FormatDecimalNL(a, 2)),
			fmt.Sprintf("amount %s exceeds the SEPA maximum 999999999.99.", a.StringFixed(2)))
	}
}

// decimalsOf gives the number of places needed to show a exactly (at least 2).
func decimalsOf(a decimal.Decimal) int32 {
	if e := -a.Exponent(); e > 2 {
		return e
	}
	return 2
}

func (c *collector) declared(s subject, d *Declared, count int, sum decimal.Decimal, countRequired bool) {
	if d == nil {
		return
	}
	switch {
	case d.NbOfTxs == "" && countRequired:
		c.add(s, CodeNbOfTxsMismatch, "aantal transacties (NbOfTxs) ontbreekt.", "number of transactions (NbOfTxs) is missing.")
	case d.NbOfTxs == "":
	case !digits.MatchString(d.NbOfTxs):
		c.add(s, CodeNbOfTxsMismatch,
			fmt.Sprintf("aantal transacties (NbOfTxs) %q is geen getal.", clip(d.NbOfTxs)),
			fmt.Sprintf("number of transactions (NbOfTxs) %q is not a number.", clip(d.NbOfTxs)))
	case strings.TrimLeft(d.NbOfTxs, "0") != strings.TrimLeft(fmt.Sprint(count), "0"):
		c.add(s, CodeNbOfTxsMismatch,
			fmt.Sprintf("aantal transacties (NbOfTxs) is %s, maar er zijn %d betalingen.", d.NbOfTxs, count),
			fmt.Sprintf("number of transactions (NbOfTxs) is %s, but there are %d payments.", d.NbOfTxs, count))
	}
	if d.CtrlSum == "" {
		return
	}
	cs, err := decimal.Zero, errors.New("not a decimal")
	if len(d.CtrlSum) <= 40 && !strings.ContainsAny(d.CtrlSum, "eE") {
		cs, err = decimal.NewFromString(d.CtrlSum)
	}
	if err != nil {
		c.add(s, CodeCtrlSumMismatch,
			fmt.Sprintf("controletotaal (CtrlSum) %q is geen bedrag.", clip(d.CtrlSum)),
			fmt.Sprintf("control sum (CtrlSum) %q is not an amount.", clip(d.CtrlSum)))
		return
	}
	if !cs.Equal(sum) {
		c.add(s, CodeCtrlSumMismatch,
			fmt.Sprintf("controletotaal (CtrlSum) is %s, maar de betalingen tellen op tot %s.", domain.FormatEuro(cs), domain.FormatEuro(sum)),
			fmt.Sprintf("control sum (CtrlSum) is %s, but the payments add up to %s.", cs.StringFixed(decimalsOf(cs)), sum.StringFixed(decimalsOf(sum))))
	}
}

func sameDayOrLater(a, b time.Time) bool { // a's date ≥ b's date, each in its own zone
	ay, am, ad := a.Date()
	by, bm, bd := b.Date()
	if ay != by {
		return ay > by
	}
	if am != bm {
		return am > bm
	}
	return ad >= bd
}

// Validate runs our own checks, those a bank applies and the XSD does not.
// It returns every problem found, nil if the batch may be written. A zero
// today skips the check that the execution date is not in the past.
func (b *Batch) Validate(today time.Time) Problems {
	var c collector
	version := b.Version.orDefault()
	if !version.valid() {
		c.add(subjFile, CodeVersion,
			fmt.Sprintf("onbekende versie %q (ondersteund: %s, %s).", b.Version, V09, V03),
			fmt.Sprintf("unknown version %q (supported: %s, %s).", b.Version, V09, V03))
	}
	c.text(subjFile, fMsgID, b.MsgID, true)
	c.text(subjFile, fPmtInfID, b.PmtInfID, false)
	if b.Created.IsZero() {
		c.add(subjFile, CodeCreatedMissing, "aanmaakmoment (CreDtTm) ontbreekt.", "creation time (CreDtTm) is missing.")
	}
	switch {
	case b.Execution.IsZero():
		c.add(subjFile, CodeExecMissing, "gewenste uitvoeringsdatum (ReqdExctnDt) ontbreekt.", "requested execution date (ReqdExctnDt) is missing.")
	case !today.IsZero() && !sameDayOrLater(b.Execution, today):
		c.add(subjFile, CodeExecPast,
			fmt.Sprintf("gewenste uitvoeringsdatum %s ligt voor %s.", b.Execution.Format("02-01-2006"), today.Format("02-01-2006")),
			fmt.Sprintf("requested execution date %s is before %s.", b.Execution.Format("2006-01-02"), today.Format("2006-01-02")))
	}
	if b.CategoryPurpose != "" && !categoryCd.MatchString(b.CategoryPurpose) {
		c.add(subjInfo, CodeCategoryPurpose,
			fmt.Sprintf("categorie (CtgyPurp) %q is geen code van vier tekens zoals SALA.", b.CategoryPurpose),
			fmt.Sprintf("category purpose %q is not a four-character code such as SALA.", b.CategoryPurpose))
	}
	c.text(subjFile, fInitiator, b.InitiatingParty, false)

	ds := debtorSubject(b.Debtor)
	c.text(ds, fName, b.Debtor.Name, true)
	c.iban(ds, b.Debtor.IBAN)
	c.bic(ds, b.Debtor.BIC, version)
	if a := b.Debtor.Address; a != nil {
		c.text(ds, fStreet, a.Street, false)
		c.text(ds, fPostalCode, a.PostalCode, false)
		c.text(ds, fTown, a.City, version == V09)
		if a.Country != "" && !countryCode.MatchString(a.Country) {
			c.add(ds, CodeCountry,
				fmt.Sprintf("landcode %q is geen ISO-code van twee hoofdletters.", a.Country),
				fmt.Sprintf("country %q is not a two-letter ISO code.", a.Country))
		}
	}

	if len(b.Payments) == 0 {
		c.add(subjFile, CodeNoPayments, "er staat geen enkele betaling in.", "it holds no payment.")
	}
	e2eSeen := map[string]int{}
	workerSeen := map[string]int{}
	for i, p := range b.Payments {
		s := paymentSubject(i, p)
		c.text(s, fE2E, p.EndToEndID, true)
		if j, dup := e2eSeen[p.EndToEndID]; dup && p.EndToEndID != "" {
			c.add(s, CodeE2EDuplicate,
				fmt.Sprintf("betalingskenmerk %q staat ook bij betaling %d; elk kenmerk moet uniek zijn.", p.EndToEndID, j+1),
				fmt.Sprintf("end-to-end id %q is also used by payment %d; each must be unique.", p.EndToEndID, j+1))
		} else {
			e2eSeen[p.EndToEndID] = i
		}
		c.text(s, fWorker, p.WorkerNumber, false)
		if j, dup := workerSeen[p.WorkerNumber]; dup && p.WorkerNumber != "" {
			c.add(s, CodeWorkerDuplicate,
				fmt.Sprintf("personeelsnummer %s staat ook bij betaling %d; één betaling per medewerker.", p.WorkerNumber, j+1),
				fmt.Sprintf("worker number %s is also used by payment %d; one payment per worker.", p.WorkerNumber, j+1))
		} else {
			workerSeen[p.WorkerNumber] = i
		}
		c.text(s, fName, p.Name, true)
		c.iban(s, p.IBAN)
		c.bic(s, p.BIC, version)
		c.amount(s, p.Amount)
		c.text(s, fRemittance, p.Remittance, false)
	}

	count, sum := b.Totals()
	c.declared(subjHeader, b.Header, count, sum, true)
	c.declared(subjInfo, b.Info, count, sum, false)
	return c.ps
}
