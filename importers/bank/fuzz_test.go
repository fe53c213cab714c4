package bank_test

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"verloner/importers/bank"
)

// The fuzzers hold the parsers to one promise: no input makes them panic or
// return nonsense. Every failure is a *bank.Error with both texts, and every
// statement returned has booked entries with a date, a non-zero amount of at
// most two decimals and unique keys. A normal `go test` runs the seeds (the
// fixtures); `go test -fuzz FuzzCAMT ./importers/bank` explores further.

func check(t *testing.T, data []byte) {
	s, err := bank.Parse(data, "fuzz")
	if err != nil {
		var be *bank.Error
		if !errors.As(err, &be) || be.NL == "" || be.EN == "" {
			t.Fatalf("error without both texts: %#v", err)
		}
		return
	}
	if len(s.Entries) == 0 {
		t.Fatal("a statement without entries")
	}
	keys := map[string]bool{}
	for i, e := range s.Entries {
		if e.BookingDate.IsZero() || e.Amount.IsZero() || !e.Amount.Equal(e.Amount.Round(2)) {
			t.Fatalf("entry %d: %+v", i, e)
		}
	}
	for _, k := range s.Keys() {
		if keys[k] {
			t.Fatalf("duplicate key %q", k)
		}
		keys[k] = true
	}
}

func seeds(f *testing.F, names ...string) {
	for _, n := range names {
		b, err := os.ReadFile(filepath.Join("testdata", n))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
}

func FuzzCAMT(f *testing.F) {
	seeds(f, "camt053-v02.xml", "camt053-v08.xml")
	f.Add([]byte(`<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt><Stmt><Ntry><Amt>1</Amt><CdtDbtInd>CRDT</CdtDbtInd><BookgDt><Dt>2026-01-01</Dt></BookgDt><NtryDtls><TxDtls><Amt>1</Amt></TxDtls><TxDtls/></NtryDtls></Ntry></Stmt></BkToCstmrStmt></Document>`))
	f.Add([]byte(`<?xml version="1.0" encoding="ISO-8859-1"?><Document xmlns="camt.053"><BkToCstmrStmt><Stmt/></BkToCstmrStmt></Document>`))
	f.Fuzz(check)
}

func FuzzCSV(f *testing.F) {
	seeds(f, "ing.csv", "ing-comma.csv", "rabobank.csv", "abnamro.tab")
	f.Add([]byte("\"Datum\",\"Naam / Omschrijving\",\"Af Bij\"\n\"2026\",\"x\"\n"))
	f.Add([]byte("1\tEUR\t20260101\t\t\t\t+1,00\t/TRTP/x/IBAN//NAME/\n"))
	f.Add([]byte("\"IBAN/BBAN\",\"Volgnr\",\"Datum\",\"Bedrag\"\n\"NL\",\"1\",\"2026-01-01\",\"-0,001\"\n"))
	f.Fuzz(check)
}
