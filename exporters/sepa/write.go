package sepa

import (
	"bufio"
	"encoding/xml"
	"io"
	"regexp"
	"strings"

	"verloner/domain"
)

// Write validates b and writes it as a pain.001 XML document (UTF-8, indented).
// On any problem it writes nothing and returns the Problems. Since Write is
// not told today's date, the execution date is checked against the creation
// date (b.Created); call b.Validate(today) before Write for the real check.
//
// Write does not change b and does not transliterate: run b.Normalize first.
// Empty PmtInfID, InitiatingParty, CategoryPurpose and Version get their
// defaults (MsgID, Debtor.Name, SALA, pain.001.001.09); NbOfTxs and CtrlSum
// are written at both levels, computed from the payments.
func Write(w io.Writer, b *Batch) error {
	if ps := b.Validate(b.Created); len(ps) > 0 {
		return ps
	}
	doc := encode(b)
	bw := bufio.NewWriter(w)
	if _, err := bw.WriteString(xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(bw)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return err
	}
	if err := enc.Close(); err != nil {
		return err
	}
	if err := bw.WriteByte('\n'); err != nil {
		return err
	}
	return bw.Flush()
}

func encode(b *Batch) *xDocument {
	v := b.Version.orDefault()
	v09 := v == V09
	c := b.computed()
	orDefault := func(s, def string) string {
		if s == "" {
			return def
		}
		return s
	}
	bic := func(s string) xFinInstn {
		switch {
		case s == "":
			return xFinInstn{Othr: &struct {
				ID string `xml:"Id"`
			}{NotProvided}}
		case v09:
			return xFinInstn{BICFI: s}
		default:
			return xFinInstn{BIC: s}
		}
	}
	batchBooking := "true"
	if b.IndividualBooking {
		batchBooking = "false"
	}
	exec := &xExecDate{v09: v09}
	if d := b.Execution.Format("2006-01-02"); v09 {
		exec.Dt = d
	} else {
		exec.Text = d
	}

	pi := xPmtInf{
		PmtInfID:  orDefault(b.PmtInfID, b.MsgID),
		PmtMtd:    "TRF",
		BtchBookg: batchBooking,
		NbOfTxs:   c.NbOfTxs,
		CtrlSum:   c.CtrlSum,
		PmtTpInf: &xPmtTpInf{
			SvcLvl:   &xCode{Cd: "SEPA"},
			CtgyPurp: &xCode{Cd: orDefault(b.CategoryPurpose, CategorySalary)},
		},
		ReqdExctnDt: exec,
		Dbtr:        xParty{Nm: b.Debtor.Name, PstlAdr: encodeAddress(b.Debtor.Address, v09)},
		DbtrAgt:     xAgent{FinInstnID: bic(b.Debtor.BIC)},
		ChrgBr:      "SLEV",
	}
	pi.DbtrAcct.ID.IBAN = b.Debtor.IBAN
	for _, p := range b.Payments {
		var tx xTx
		tx.PmtID.InstrID = p.WorkerNumber
		tx.PmtID.EndToEndID = p.EndToEndID
		tx.Amt.InstdAmt = &xAmount{Ccy: "EUR", Value: p.Amount.StringFixed(2)}
		if p.BIC != "" {
			tx.CdtrAgt = &xAgent{FinInstnID: bic(p.BIC)}
		}
		tx.Cdtr.Nm = p.Name
		tx.CdtrAcct.ID.IBAN = p.IBAN
		if p.Remittance != "" {
			tx.RmtInf = &struct {
				Ustrd []string `xml:"Ustrd"`
			}{[]string{p.Remittance}}
		}
		pi.CdtTrfTxInf = append(pi.CdtTrfTxInf, tx)
	}
	return &xDocument{
		Xmlns: v.Namespace(),
		Init: xInit{
			GrpHdr: xGrpHdr{
				MsgID:    b.MsgID,
				CreDtTm:  b.Created.Format("2006-01-02T15:04:05"),
				NbOfTxs:  c.NbOfTxs,
				CtrlSum:  c.CtrlSum,
				InitgPty: xParty{Nm: orDefault(b.InitiatingParty, b.Debtor.Name)},
			},
			PmtInf: []xPmtInf{pi},
		},
	}
}

// houseNumber splits "Keizersgracht 123-A" into street and building number
// (BldgNb is Max16Text). Read joins them again with a space.
var houseNumber = regexp.MustCompile(`^(.*?[^0-9\s])\s+([0-9][0-9A-Za-z/ -]{0,15})$`)

// encodeAddress writes the debtor address the way EPC allows it per version:
// .09 structured (StrtNm, BldgNb, PstCd, TwnNm, Ctry), .03 Ctry plus at most two
// address lines ("street and number", "postal code town").
func encodeAddress(a *domain.Address, v09 bool) *xAddr {
	if a == nil {
		return nil
	}
	ctry := a.Country
	if ctry == "" {
		ctry = "NL"
	}
	if v09 {
		x := &xAddr{StrtNm: a.Street, PstCd: a.PostalCode, TwnNm: a.City, Ctry: ctry}
		if m := houseNumber.FindStringSubmatch(a.Street); m != nil {
			x.StrtNm, x.BldgNb = m[1], m[2]
		}
		return x
	}
	x := &xAddr{Ctry: ctry}
	if a.Street != "" {
		x.AdrLine = append(x.AdrLine, a.Street)
	}
	if l := strings.TrimSpace(a.PostalCode + " " + a.City); l != "" {
		x.AdrLine = append(x.AdrLine, l)
	}
	return x
}
