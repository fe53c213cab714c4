package bank

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strings"

	"github.com/shopspring/decimal"
	"golang.org/x/text/encoding/charmap"
)

// CAMT.053 (BankToCustomerStatement), versions 001.02 to 001.13: the element
// names the parser reads are the same in all of them, except the entry status
// (a code in 02, <Sts><Cd> from 08 on) and the related parties (<Dbtr><Nm> in
// 02, <Dbtr><Pty><Nm> from 08 on); both forms are read. Only booked entries
// (BOOK) count. An entry with several transaction details (a batch) becomes
// one Entry per transaction when each has its own amount.

type camtDoc struct {
	XMLName xml.Name   `xml:"Document"`
	Stmts   []camtStmt `xml:"BkToCstmrStmt>Stmt"`
}

type camtStmt struct {
	Acct struct {
		ID struct {
			IBAN string `xml:"IBAN"`
			Othr string `xml:"Othr>Id"`
		} `xml:"Id"`
		Ccy string `xml:"Ccy"`
	} `xml:"Acct"`
	Entries []camtEntry `xml:"Ntry"`
}

type camtAmt struct {
	Value string `xml:",chardata"`
	Ccy   string `xml:"Ccy,attr"`
}

type camtDate struct {
	Dt   string `xml:"Dt"`
	DtTm string `xml:"DtTm"`
}

type camtEntry struct {
	Amt       camtAmt `xml:"Amt"`
	CdtDbtInd string  `xml:"CdtDbtInd"`
	RvslInd   string  `xml:"RvslInd"`
	Sts       struct {
		Text string `xml:",chardata"`
		Cd   string `xml:"Cd"`
	} `xml:"Sts"`
	BookgDt      camtDate `xml:"BookgDt"`
	ValDt        camtDate `xml:"ValDt"`
	AcctSvcrRef  string   `xml:"AcctSvcrRef"`
	AddtlNtryInf string   `xml:"AddtlNtryInf"`
	Txs          []camtTx `xml:"NtryDtls>TxDtls"`
}

type camtParty struct {
	Nm    string `xml:"Nm"`
	PtyNm string `xml:"Pty>Nm"`
}

func (p camtParty) name() string {
	if p.Nm != "" {
		return p.Nm
	}
	return p.PtyNm
}

type camtTx struct {
	Refs struct {
		EndToEndID  string `xml:"EndToEndId"`
		AcctSvcrRef string `xml:"AcctSvcrRef"`
		TxID        string `xml:"TxId"`
	} `xml:"Refs"`
	Amt       *camtAmt `xml:"Amt"`
	TxAmt     *camtAmt `xml:"AmtDtls>TxAmt>Amt"`
	CdtDbtInd string   `xml:"CdtDbtInd"`
	RltdPties struct {
		Dbtr      camtParty `xml:"Dbtr"`
		UltmtDbtr camtParty `xml:"UltmtDbtr"`
		DbtrIBAN  string    `xml:"DbtrAcct>Id>IBAN"`
		Cdtr      camtParty `xml:"Cdtr"`
		CdtrIBAN  string    `xml:"CdtrAcct>Id>IBAN"`
	} `xml:"RltdPties"`
	RmtInf struct {
		Ustrd []string `xml:"Ustrd"`
		Strd  []struct {
			Ref   string   `xml:"CdtrRefInf>Ref"`
			Addtl []string `xml:"AddtlRmtInf"`
		} `xml:"Strd"`
	} `xml:"RmtInf"`
	AddtlTxInf string `xml:"AddtlTxInf"`
}

func charsetReader(label string, r io.Reader) (io.Reader, error) {
	switch strings.ToLower(strings.TrimSpace(label)) {
	case "utf-8", "utf8", "us-ascii", "ascii":
		return r, nil
	case "iso-8859-1", "latin1", "latin-1", "iso8859-1":
		return charmap.ISO8859_1.NewDecoder().Reader(r), nil
	case "windows-1252", "cp1252":
		return charmap.Windows1252.NewDecoder().Reader(r), nil
	case "iso-8859-15", "latin9":
		return charmap.ISO8859_15.NewDecoder().Reader(r), nil
	}
	return nil, fmt.Errorf("tekenset %q onbekend", label)
}

func parseCAMT(data []byte) (*Statement, error) {
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.CharsetReader = charsetReader
	var doc camtDoc
	if err := dec.Decode(&doc); err != nil {
		return nil, errorf(0, "Het XML-bestand is geen leesbaar CAMT.053-afschrift (%v).",
			"The XML file is not a readable CAMT.053 statement (%v).", err)
	}
	ns := doc.XMLName.Space
	switch {
	case strings.Contains(ns, "camt.053"):
	case strings.Contains(ns, "camt.052"), strings.Contains(ns, "camt.054"):
		return nil, errorf(0, "Dit is een CAMT.052/054-bericht (tussentijds of notificatie); lees het dagafschrift CAMT.053 in.",
			"This is a CAMT.052/054 message (intraday or notification); import the CAMT.053 statement.")
	case strings.Contains(ns, "pain."):
		return nil, errorf(0, "Dit is een betaalopdracht (pain), geen afschrift.", "This is a payment order (pain), not a statement.")
	default:
		return nil, errorf(0, "Het XML-bestand is geen CAMT.053-afschrift (namespace %q).", "The XML file is not a CAMT.053 statement (namespace %q).", clean(ns, 80))
	}
	if len(doc.Stmts) == 0 {
		return nil, errorf(0, "Het CAMT.053-bestand bevat geen afschrift (Stmt).", "The CAMT.053 file holds no statement (Stmt).")
	}
	s := &Statement{Format: CAMT053}
	n := 0
	for _, st := range doc.Stmts {
		acct := strings.TrimSpace(st.Acct.ID.IBAN)
		if acct == "" {
			acct = strings.TrimSpace(st.Acct.ID.Othr)
		}
		for _, e := range st.Entries {
			n++
			if n > MaxEntries {
				return nil, errorf(0, "Het afschrift bevat meer dan %d transacties.", "The statement holds more than %d transactions.", MaxEntries)
			}
			status := strings.ToUpper(strings.TrimSpace(e.Sts.Cd))
			if status == "" {
				status = strings.ToUpper(strings.TrimSpace(e.Sts.Text))
			}
			if status != "" && status != "BOOK" {
				continue // pending or informational
			}
			entries, err := camtEntries(n, acct, st.Acct.Ccy, e)
			if err != nil {
				return nil, err
			}
			s.Entries = append(s.Entries, entries...)
		}
	}
	return finish(s)
}

func camtAmount(n int, a camtAmt, ind, rvsl string) (decimal.Decimal, error) {
	v, err := decimal.NewFromString(strings.TrimSpace(a.Value))
	if err != nil || !v.IsPositive() || !v.Equal(v.Round(2)) || v.GreaterThan(decimal.New(1, 12)) {
		return decimal.Zero, errorf(n, "bedrag %q is geen geldig positief bedrag.", "amount %q is not a valid positive amount.", clean(a.Value, 30))
	}
	switch strings.ToUpper(strings.TrimSpace(ind)) {
	case "CRDT":
	case "DBIT":
		v = v.Neg()
	default:
		return decimal.Zero, errorf(n, "onbekende richting %q (CRDT of DBIT).", "unknown direction %q (CRDT or DBIT).", clean(ind, 10))
	}
	if strings.EqualFold(strings.TrimSpace(rvsl), "true") {
		v = v.Neg() // a reversal undoes a booking in the other direction
	}
	return v, nil
}

func camtEntries(n int, acct, ccy string, e camtEntry) ([]Entry, error) {
	amount, err := camtAmount(n, e.Amt, e.CdtDbtInd, e.RvslInd)
	if err != nil {
		return nil, err
	}
	book, err := parseDate(firstNonEmpty(e.BookgDt.Dt, e.BookgDt.DtTm), "2006-01-02", "2006-01-02T15:04:05", "2006-01-02T15:04:05Z07:00", "2006-01-02T15:04:05.999999999Z07:00", "2006-01-02T15:04:05.999999999")
	if err != nil {
		return nil, errorf(n, "boekdatum %q onleesbaar.", "booking date %q unreadable.", clean(e.BookgDt.Dt+e.BookgDt.DtTm, 30))
	}
	val, _ := parseDate(firstNonEmpty(e.ValDt.Dt, e.ValDt.DtTm), "2006-01-02", "2006-01-02T15:04:05", "2006-01-02T15:04:05Z07:00")
	cur := firstNonEmpty(e.Amt.Ccy, ccy)
	base := Entry{Account: acct, BookingDate: book, ValueDate: val, Amount: amount, Currency: cur,
		BankRef: clean(e.AcctSvcrRef, 140), Line: n}
	// Split a batch when every transaction carries its own amount.
	split := len(e.Txs) > 1
	for _, tx := range e.Txs {
		if tx.Amt == nil && tx.TxAmt == nil {
			split = false
		}
	}
	if !split {
		out := base
		var parts []string
		for _, tx := range e.Txs {
			fillTx(&out, tx, amount.IsPositive())
			parts = append(parts, txRemittance(tx))
		}
		parts = append(parts, e.AddtlNtryInf)
		out.Remittance = clean(strings.Join(parts, " "), 1000)
		return []Entry{out}, nil
	}
	var out []Entry
	for i, tx := range e.Txs {
		a := tx.Amt
		if a == nil {
			a = tx.TxAmt
		}
		ind := firstNonEmpty(tx.CdtDbtInd, e.CdtDbtInd)
		v, err := camtAmount(n, *a, ind, e.RvslInd)
		if err != nil {
			return nil, err
		}
		x := base
		x.Amount, x.Currency = v, firstNonEmpty(a.Ccy, cur)
		if x.BankRef != "" {
			x.BankRef = fmt.Sprintf("%s/%d", x.BankRef, i+1)
		}
		if tx.Refs.AcctSvcrRef != "" {
			x.BankRef = clean(tx.Refs.AcctSvcrRef, 140)
		}
		fillTx(&x, tx, v.IsPositive())
		x.Remittance = clean(txRemittance(tx), 1000)
		out = append(out, x)
	}
	return out, nil
}

// fillTx takes the counterparty: the debtor of money received, the creditor
// of money paid.
func fillTx(e *Entry, tx camtTx, credit bool) {
	if e.EndToEndID == "" {
		if id := strings.TrimSpace(tx.Refs.EndToEndID); id != "" && id != "NOTPROVIDED" {
			e.EndToEndID = clean(id, 35)
		}
	}
	p, iban := tx.RltdPties.Dbtr, tx.RltdPties.DbtrIBAN
	if !credit {
		p, iban = tx.RltdPties.Cdtr, tx.RltdPties.CdtrIBAN
	}
	if e.CounterName == "" {
		e.CounterName = clean(firstNonEmpty(p.name(), tx.RltdPties.UltmtDbtr.name()), 140)
	}
	if e.CounterIBAN == "" {
		e.CounterIBAN = clean(iban, 34)
	}
}

func txRemittance(tx camtTx) string {
	parts := append([]string(nil), tx.RmtInf.Ustrd...)
	for _, s := range tx.RmtInf.Strd {
		parts = append(parts, s.Ref)
		parts = append(parts, s.Addtl...)
	}
	parts = append(parts, tx.AddtlTxInf)
	if id := strings.TrimSpace(tx.Refs.EndToEndID); id != "" && id != "NOTPROVIDED" {
		parts = append(parts, id)
	}
	return strings.Join(parts, " ")
}

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if x = strings.TrimSpace(x); x != "" {
			return x
		}
	}
	return ""
}
