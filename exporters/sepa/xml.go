package sepa

import (
	"encoding/xml"
	"strings"
)

// The XML shapes of pain.001.001.03 and .09 for the subset we write and read.
// Element names carry no namespace, so decoding matches either version; the
// version is taken from the Document's namespace. The two versions differ in
// ReqdExctnDt (date vs Dt/DtTm choice), the agent BIC element (BIC vs
// BICFI) and the address elements EPC allows.

type xDocument struct {
	XMLName xml.Name `xml:"Document"`
	Xmlns   string   `xml:"xmlns,attr,omitempty"`
	Init    xInit    `xml:"CstmrCdtTrfInitn"`
}

type xInit struct {
	GrpHdr xGrpHdr   `xml:"GrpHdr"`
	PmtInf []xPmtInf `xml:"PmtInf"`
}

type xGrpHdr struct {
	MsgID    string `xml:"MsgId"`
	CreDtTm  string `xml:"CreDtTm"`
	NbOfTxs  string `xml:"NbOfTxs"`
	CtrlSum  string `xml:"CtrlSum,omitempty"`
	InitgPty xParty `xml:"InitgPty"`
}

type xParty struct {
	Nm      string `xml:"Nm,omitempty"`
	PstlAdr *xAddr `xml:"PstlAdr,omitempty"`
}

type xAddr struct {
	StrtNm  string   `xml:"StrtNm,omitempty"`
	BldgNb  string   `xml:"BldgNb,omitempty"`
	PstCd   string   `xml:"PstCd,omitempty"`
	TwnNm   string   `xml:"TwnNm,omitempty"`
	Ctry    string   `xml:"Ctry,omitempty"`
	AdrLine []string `xml:"AdrLine,omitempty"`
}

type xPmtInf struct {
	PmtInfID    string     `xml:"PmtInfId"`
	PmtMtd      string     `xml:"PmtMtd"`
	BtchBookg   string     `xml:"BtchBookg,omitempty"`
	NbOfTxs     string     `xml:"NbOfTxs,omitempty"`
	CtrlSum     string     `xml:"CtrlSum,omitempty"`
	PmtTpInf    *xPmtTpInf `xml:"PmtTpInf,omitempty"`
	ReqdExctnDt *xExecDate `xml:"ReqdExctnDt"`
	Dbtr        xParty     `xml:"Dbtr"`
	DbtrAcct    xAcct      `xml:"DbtrAcct"`
	DbtrAgt     xAgent     `xml:"DbtrAgt"`
	ChrgBr      string     `xml:"ChrgBr,omitempty"`
	CdtTrfTxInf []xTx      `xml:"CdtTrfTxInf"`
}

type xPmtTpInf struct {
	SvcLvl   *xCode `xml:"SvcLvl,omitempty"`
	CtgyPurp *xCode `xml:"CtgyPurp,omitempty"`
}

type xCode struct {
	Cd    string `xml:"Cd,omitempty"`
	Prtry string `xml:"Prtry,omitempty"`
}

// xExecDate is ReqdExctnDt: text content in .03, a Dt (or DtTm) child in .09.
type xExecDate struct {
	Text string `xml:",chardata"`
	Dt   string `xml:"Dt"`
	DtTm string `xml:"DtTm"`
	v09  bool
}

func (d xExecDate) MarshalXML(e *xml.Encoder, start xml.StartElement) error {
	if d.v09 {
		return e.EncodeElement(struct {
			Dt string `xml:"Dt"`
		}{d.Dt}, start)
	}
	return e.EncodeElement(d.Text, start)
}

// date returns the date part of whichever form is present.
func (d *xExecDate) date() string {
	if d == nil {
		return ""
	}
	for _, s := range []string{d.Dt, d.DtTm, d.Text} {
		if s = strings.TrimSpace(s); s != "" {
			if len(s) > 10 {
				s = s[:10]
			}
			return s
		}
	}
	return ""
}

type xAcct struct {
	ID struct {
		IBAN string `xml:"IBAN,omitempty"`
	} `xml:"Id"`
}

type xAgent struct {
	FinInstnID xFinInstn `xml:"FinInstnId"`
}

type xFinInstn struct {
	BIC   string `xml:"BIC,omitempty"`   // .03
	BICFI string `xml:"BICFI,omitempty"` // .09
	Othr  *struct {
		ID string `xml:"Id"`
	} `xml:"Othr,omitempty"`
}

type xTx struct {
	PmtID struct {
		InstrID    string `xml:"InstrId,omitempty"`
		EndToEndID string `xml:"EndToEndId"`
	} `xml:"PmtId"`
	Amt struct {
		InstdAmt *xAmount `xml:"InstdAmt"`
	} `xml:"Amt"`
	CdtrAgt  *xAgent `xml:"CdtrAgt,omitempty"`
	Cdtr     xParty  `xml:"Cdtr"`
	CdtrAcct xAcct   `xml:"CdtrAcct"`
	RmtInf   *struct {
		Ustrd []string `xml:"Ustrd"`
	} `xml:"RmtInf,omitempty"`
}

type xAmount struct {
	Ccy   string `xml:"Ccy,attr"`
	Value string `xml:",chardata"`
}
