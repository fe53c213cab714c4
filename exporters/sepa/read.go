package sepa

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"verloner/domain"
)

// MaxFileSize is the largest file Read accepts (a salary batch of 10 000
// workers is about 10 MB).
const MaxFileSize = 32 << 20

// Further codes Read reports for values it cannot take over.
const (
	CodeAmountUnreadable = "amount-unreadable" // InstdAmt missing or not a decimal number
	CodeDateUnreadable   = "date-unreadable"   // CreDtTm or ReqdExctnDt not an ISO date
)

// Read parses a pain.001.001.03 or .09 credit-transfer file with one payment
// information block, for round-trip tests and for checking a file (ours or a
// bank's) with Validate. Read does not validate: values are taken over as
// written (an IBAN in lower case stays lower case, a declared CtrlSum stays
// text) so that Validate can judge them. Only dates are interpreted: a
// CreDtTm without offset and the execution date are read in time.Local.
//
// Read returns an error for what is not such a file (no XML, another
// message, more than one PmtInf, too large). Values it cannot represent — an
// amount in another currency than EUR, an unreadable amount or date — come
// back as Problems together with the batch as far as it was read.
func Read(r io.Reader) (*Batch, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxFileSize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxFileSize {
		return nil, fmt.Errorf("sepa: bestand is groter dan %d MB", MaxFileSize>>20)
	}
	var doc xDocument
	dec := xml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&doc); err != nil {
		var se *xml.SyntaxError
		if errors.As(err, &se) {
			return nil, fmt.Errorf("sepa: geen geldige XML (regel %d): %s", se.Line, se.Msg)
		}
		return nil, fmt.Errorf("sepa: geen pain.001-bestand: %v", err)
	}
	ns := doc.XMLName.Space
	version := Version(strings.TrimPrefix(ns, "urn:iso:std:iso:20022:tech:xsd:"))
	if !strings.HasPrefix(ns, "urn:iso:std:iso:20022:tech:xsd:") || !version.valid() {
		return nil, fmt.Errorf("sepa: onbekend berichttype %q (ondersteund: %s, %s)", ns, V09, V03)
	}
	switch n := len(doc.Init.PmtInf); {
	case n == 0:
		return nil, fmt.Errorf("sepa: bestand bevat geen betaalopdracht (PmtInf)")
	case n > 1:
		return nil, fmt.Errorf("sepa: bestand bevat %d betaalopdrachten (PmtInf); er wordt er maar één ondersteund", n)
	}
	gh := doc.Init.GrpHdr
	pi := doc.Init.PmtInf[0]
	var c collector

	b := &Batch{
		Version:           version,
		MsgID:             trim(gh.MsgID),
		PmtInfID:          trim(pi.PmtInfID),
		InitiatingParty:   trim(gh.InitgPty.Nm),
		IndividualBooking: trim(pi.BtchBookg) == "false" || trim(pi.BtchBookg) == "0",
		Header:            &Declared{NbOfTxs: trim(gh.NbOfTxs), CtrlSum: trim(gh.CtrlSum)},
		Info:              &Declared{NbOfTxs: trim(pi.NbOfTxs), CtrlSum: trim(pi.CtrlSum)},
		Debtor: Party{
			Name:    trim(pi.Dbtr.Nm),
			IBAN:    trim(pi.DbtrAcct.ID.IBAN),
			BIC:     readBIC(pi.DbtrAgt.FinInstnID),
			Address: readAddress(pi.Dbtr.PstlAdr),
		},
	}
	if t := pi.PmtTpInf; t != nil && t.CtgyPurp != nil {
		b.CategoryPurpose = trim(t.CtgyPurp.Cd)
	}
	if s := trim(gh.CreDtTm); s != "" {
		t, err := parseDateTime(s)
		if err != nil {
			c.add(subjFile, CodeDateUnreadable,
				fmt.Sprintf("aanmaakmoment (CreDtTm) %q is geen ISO-datum en -tijd.", clip(s)),
				fmt.Sprintf("creation time (CreDtTm) %q is not an ISO date and time.", clip(s)))
		}
		b.Created = t
	}
	if s := pi.ReqdExctnDt.date(); s != "" {
		t, err := time.ParseInLocation("2006-01-02", s, time.Local)
		if err != nil {
			c.add(subjFile, CodeDateUnreadable,
				fmt.Sprintf("uitvoeringsdatum (ReqdExctnDt) %q is geen ISO-datum.", clip(s)),
				fmt.Sprintf("execution date (ReqdExctnDt) %q is not an ISO date.", clip(s)))
		}
		b.Execution = t
	}

	for i, tx := range pi.CdtTrfTxInf {
		p := Payment{
			EndToEndID:   trim(tx.PmtID.EndToEndID),
			WorkerNumber: trim(tx.PmtID.InstrID),
			Name:         trim(tx.Cdtr.Nm),
			IBAN:         trim(tx.CdtrAcct.ID.IBAN),
		}
		if tx.CdtrAgt != nil {
			p.BIC = readBIC(tx.CdtrAgt.FinInstnID)
		}
		if tx.RmtInf != nil {
			var parts []string
			for _, u := range tx.RmtInf.Ustrd {
				if u = trim(u); u != "" {
					parts = append(parts, u)
				}
			}
			p.Remittance = strings.Join(parts, " ")
		}
		s := paymentSubject(i, p)
		switch amt := tx.Amt.InstdAmt; {
		case amt == nil:
			c.add(s, CodeAmountUnreadable, "bedrag (InstdAmt) ontbreekt.", "amount (InstdAmt) is missing.")
		default:
			v := trim(amt.Value)
			d, err := decimal.Zero, errors.New("not a decimal")
			if len(v) <= 40 && !strings.ContainsAny(v, "eE") {
				d, err = decimal.NewFromString(v)
			}
			if err != nil {
				c.add(s, CodeAmountUnreadable,
					fmt.Sprintf("bedrag %q is geen getal.", clip(v)),
					fmt.Sprintf("amount %q is not a number.", clip(v)))
				d = decimal.Zero
			}
			p.Amount = d
			if ccy := trim(amt.Ccy); ccy != "EUR" {
				c.add(s, CodeCurrency,
					fmt.Sprintf("valuta %q: SEPA-overboekingen zijn alleen in euro (EUR).", clip(ccy)),
					fmt.Sprintf("currency %q: SEPA credit transfers are in euro (EUR) only.", clip(ccy)))
			}
		}
		b.Payments = append(b.Payments, p)
	}
	if len(c.ps) > 0 {
		return b, c.ps
	}
	return b, nil
}

func trim(s string) string { return strings.TrimSpace(s) }

// clip shortens a value quoted in a message.
func clip(s string) string {
	if r := []rune(s); len(r) > 40 {
		return string(r[:40]) + "…"
	}
	return s
}

func parseDateTime(s string) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t, nil
	}
	return time.ParseInLocation("2006-01-02T15:04:05.999999999", s, time.Local)
}

func readBIC(f xFinInstn) string {
	if s := trim(f.BICFI); s != "" {
		return s
	}
	return trim(f.BIC)
}

var (
	dutchPostcodeLine = regexp.MustCompile(`^([0-9]{4} ?[A-Z]{2})\s+(.+)$`)
	postcodeLine      = regexp.MustCompile(`^(\S*[0-9]\S*)\s+(.+)$`)
)

// readAddress turns a structured or unstructured PstlAdr into a domain
// address; the second address line is split into postal code and town when
// it starts with one ("1015 CJ Amsterdam", "80331 Muenchen").
func readAddress(x *xAddr) *domain.Address {
	if x == nil {
		return nil
	}
	a := domain.Address{
		Street:     trim(trim(x.StrtNm) + " " + trim(x.BldgNb)),
		PostalCode: trim(x.PstCd),
		City:       trim(x.TwnNm),
		Country:    trim(x.Ctry),
	}
	if a.Street == "" && a.PostalCode == "" && a.City == "" && len(x.AdrLine) > 0 {
		a.Street = trim(x.AdrLine[0])
		if len(x.AdrLine) > 1 {
			l := trim(x.AdrLine[1])
			if m := dutchPostcodeLine.FindStringSubmatch(l); m != nil {
				a.PostalCode, a.City = m[1], m[2]
			} else if m := postcodeLine.FindStringSubmatch(l); m != nil {
				a.PostalCode, a.City = m[1], m[2]
			} else {
				a.City = l
			}
		}
	}
	if a.Street == "" && a.PostalCode == "" && a.City == "" && a.Country == "" {
		return nil
	}
	return &a
}
