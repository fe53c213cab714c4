package sepa

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// FuzzRead: no input makes Read, Validate or Write panic; an error from Read
// is either a plain error without a batch or Problems with one; a batch that
// validates can be written, and what is written reads back valid. In a normal
// `go test` run only the seeds run; `go test -fuzz FuzzRead ./exporters/sepa/`
// explores further.
func FuzzRead(f *testing.F) {
	var seeds []string
	for _, pattern := range []string{"testdata/*.xml", oracleDir + "samples/*.xml", oracleDir + "derived/*.xml"} {
		m, _ := filepath.Glob(pattern)
		seeds = append(seeds, m...)
	}
	if len(seeds) < 10 {
		f.Fatalf("only %d seed files (goldens and ../shared oracles)", len(seeds))
	}
	for _, s := range seeds {
		data, err := os.ReadFile(s)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, s := range []string{
		"",
		"<Document/>",
		`<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.09"><CstmrCdtTrfInitn><PmtInf/></CstmrCdtTrfInitn></Document>`,
		`<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"><CstmrCdtTrfInitn><PmtInf><CdtTrfTxInf><Amt><InstdAmt Ccy="EUR">1e999999999</InstdAmt></Amt></CdtTrfTxInf></PmtInf></CstmrCdtTrfInitn></Document>`,
		`<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"><CstmrCdtTrfInitn><GrpHdr><CtrlSum>99999999999999999999999999999999999999999999e-99999999</CtrlSum><CreDtTm>2026-13-45T99:00:00</CreDtTm></GrpHdr><PmtInf><ReqdExctnDt><DtTm>x</DtTm></ReqdExctnDt></PmtInf></CstmrCdtTrfInitn></Document>`,
		`<?xml version="1.0" encoding="ISO-8859-1"?><Document/>`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := Read(bytes.NewReader(data))
		var ps Problems
		switch {
		case err == nil && b == nil:
			t.Fatal("nil batch without error")
		case err != nil && errors.As(err, &ps):
			if b == nil || len(ps) == 0 {
				t.Fatalf("Problems error %v with batch %v", err, b)
			}
		case err != nil:
			if b != nil {
				t.Fatalf("plain error %v with a batch", err)
			}
			return
		}
		all := append(ps, b.Validate(time.Time{})...)
		noWholeIBAN(t, b, all)
		if len(all) > 0 {
			var buf bytes.Buffer
			if Write(&buf, b) == nil {
				t.Fatalf("Write accepted a batch with problems %v", all.Codes())
			}
			return
		}
		var buf bytes.Buffer
		if err := Write(&buf, b); err != nil {
			if b.Validate(b.Created) == nil {
				t.Fatalf("valid batch not written: %v", err)
			}
			return // execution date before the creation date
		}
		back, err := Read(&buf)
		if err != nil {
			t.Fatalf("re-read of written batch: %v", err)
		}
		if ps := back.Validate(time.Time{}); len(ps) > 0 {
			t.Fatalf("written batch reads back with problems: %s", ps.Text("en"))
		}
	})
}
