package bank_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"verloner/domain"
	"verloner/importers/bank"
)

func read(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func d(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

// want is the part of an entry a test pins.
type want struct {
	account, date, amount, counterIBAN, counterName, remittance, e2e, ref string
}

func TestParse_Fixtures(t *testing.T) {
	for _, c := range []struct {
		file    string
		format  bank.Format
		entries []want
	}{
		{"camt053-v02.xml", bank.CAMT053, []want{
			{"NL67INGB0006543210", "2026-12-07", "2422.3", "NL91ABNA0417164300", "Brabant Logistiek B.V.", "Factuur 2026-000001 deb INL01", "BL-PAY-88123", "0000000611287415"},
			{"NL67INGB0006543210", "2026-12-07", "1200", "NL02RABO0123456789", "Venlo Greenport Kwekerijen V.O.F.", "2026-000004", "", "0000000611287416/1"},
			{"NL67INGB0006543210", "2026-12-07", "2100", "NL02RABO0123456789", "Venlo Greenport Kwekerijen V.O.F.", "fact 2026000005", "", "0000000611287416/2"},
			{"NL67INGB0006543210", "2026-12-07", "-18734.55", "", "", "Batch lonen week 48", "", "0000000611287417"},
			// the pending entry is left out
			{"NL75INGB0990001234", "2026-12-07", "807.44", "NL91ABNA0417164300", "Brabant Logistiek B.V.", "G-deel factuur 2026-000001", "BL-PAY-88124", "0000000611290001"},
		}},
		{"camt053-v08.xml", bank.CAMT053, []want{
			{"NL67INGB0006543210", "2026-12-08", "1403.47", "NL20INGB0001234567", "Maasvlakte Foodprocessing B.V.", "Betaling 2026-000003 / 2026 000006", "MFP-20261208-01", "RABO-2026-12-08-000017"},
			{"NL67INGB0006543210", "2026-12-08", "-50", "", "", "Storno incasso", "", "RABO-2026-12-08-000018"},
		}},
		{"ing.csv", bank.ING, []want{
			{"NL67INGB0006543210", "2026-12-07", "2422.3", "NL91ABNA0417164300", "Brabant Logistiek B.V.", "Factuur 2026-000001", "BL-PAY-88123", ""},
			{"NL67INGB0006543210", "2026-12-07", "-12500", "NL86INGB0002445588", "Belastingdienst", "loonheffing november", "1234567890123456", ""},
			{"NL67INGB0006543210", "2026-12-08", "1339.9", "NL44RABO0123456789", "Kempen Bouwtechniek B.V.", "fact.nr. 2026-000003", "", ""},
		}},
		{"ing-comma.csv", bank.ING, []want{
			{"NL75INGB0990001234", "2026-12-07", "807.44", "NL91ABNA0417164300", "Brabant Logistiek B.V.", "G-rekening 2026-000001", "", ""},
		}},
		{"rabobank.csv", bank.Rabobank, []want{
			{"NL67INGB0006543210", "2026-12-08", "1403.47", "NL20INGB0001234567", "Maasvlakte Foodprocessing B.V.", "Factuur 2026-000003 Maasvlakte Foodprocessing", "MFP-20261208-01", "000000000000007311"},
			{"NL67INGB0006543210", "2026-12-08", "-245", "NL11RABO0300000001", "Stichting Vakantiefonds", "Premie", "", "000000000000007312"},
			{"NL75INGB0990001234", "2026-12-09", "334.98", "NL44RABO0123456789", "Kempen Bouwtechniek B.V.", "2026-000003 G-rekening deel", "", "000000000000000412"},
		}},
		{"abnamro.tab", bank.ABNAMRO, []want{
			{"123456789", "2026-12-07", "2422.3", "NL91ABNA0417164300", "Brabant Logistiek B.V.", "Factuur 2026-000001 BL-PAY-88123", "BL-PAY-88123", ""},
			{"123456789", "2026-12-08", "1339.9", "NL44RABO0123456789", "Kempen Bouwtechniek B.V.", "Omschrijving: 2026-000003", "KB-77812", ""},
			{"123456789", "2026-12-08", "-24.5", "", "", "Tankstation Tilburg", "", ""},
		}},
	} {
		t.Run(c.file, func(t *testing.T) {
			s, err := bank.Parse(read(t, c.file), c.file)
			if err != nil {
				t.Fatal(err)
			}
			if s.Format != c.format {
				t.Errorf("format %s, want %s", s.Format, c.format)
			}
			if len(s.Entries) != len(c.entries) {
				t.Fatalf("%d entries, want %d: %+v", len(s.Entries), len(c.entries), s.Entries)
			}
			for i, w := range c.entries {
				e := s.Entries[i]
				if e.Account != w.account || !e.BookingDate.Equal(day(w.date)) || !e.Amount.Equal(d(w.amount)) ||
					e.CounterIBAN != w.counterIBAN || e.CounterName != w.counterName || !strings.Contains(e.Remittance, w.remittance) ||
					e.EndToEndID != w.e2e || e.BankRef != w.ref || e.Currency != "EUR" {
					t.Errorf("entry %d:\n got %+v\nwant %+v", i, e, w)
				}
			}
			keys := s.Keys()
			seen := map[string]bool{}
			for _, k := range keys {
				if seen[k] || k == "" {
					t.Errorf("key %q not unique", k)
				}
				seen[k] = true
			}
			again, _ := bank.Parse(read(t, c.file), c.file)
			for i, k := range again.Keys() {
				if k != keys[i] {
					t.Errorf("keys differ between two reads of the same file")
				}
			}
		})
	}
}

func TestKeys_OverlappingDownloadsAgree(t *testing.T) {
	// Two ING downloads that overlap on the first line give that line the same key.
	full := read(t, "ing.csv")
	lines := strings.SplitAfter(string(full), "\r\n")
	part := lines[0] + lines[1]
	a, err := bank.Parse(full, "a.csv")
	if err != nil {
		t.Fatal(err)
	}
	b, err := bank.Parse([]byte(part), "b.csv")
	if err != nil {
		t.Fatal(err)
	}
	if a.Keys()[0] != b.Keys()[0] {
		t.Error("the same transaction got two keys")
	}
	// Two identical payments in one file are two payments.
	dup := lines[0] + lines[1] + lines[1]
	c, err := bank.Parse([]byte(dup), "c.csv")
	if err != nil {
		t.Fatal(err)
	}
	if k := c.Keys(); k[0] == k[1] {
		t.Error("two identical payments share a key")
	}
}

func TestParse_Refusals(t *testing.T) {
	for _, c := range []struct {
		name, data, want string
	}{
		{"empty", "", "leeg"},
		{"xlsx", "PK\x03\x04rest", "Excel"},
		{"mt940", ":20:STARTUMSE\n:25:NL67INGB0006543210\n", "MT940"},
		{"pain", `<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"><CstmrCdtTrfInitn/></Document>`, "betaalopdracht"},
		{"camt054", `<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.02"><BkToCstmrDbtCdtNtfctn/></Document>`, "CAMT.052/054"},
		{"camt no stmt", `<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt/></Document>`, "geen afschrift"},
		{"camt bad amount", strings.Replace(string(read(t, "camt053-v08.xml")), "1403.47</Amt>\n        <CdtDbtInd>", "14,03</Amt>\n        <CdtDbtInd>", 1), "geen geldig positief bedrag"},
		{"camt three decimals", strings.Replace(string(read(t, "camt053-v08.xml")), ">50.00<", ">50.005<", 1), "geen geldig positief bedrag"},
		{"camt bad date", strings.Replace(string(read(t, "camt053-v08.xml")), "<Dt>2026-12-08</Dt></BookgDt>", "<Dt>08-12-2026</Dt></BookgDt>", 1), "boekdatum"},
		{"ing bad amount", strings.Replace(string(read(t, "ing.csv")), `"2422,30"`, `"abc"`, 1), "regel 2: bedrag"},
		{"ing bad direction", strings.Replace(string(read(t, "ing.csv")), `"Bij";"2422,30"`, `"??";"2422,30"`, 1), "Af/Bij"},
		{"ing no amount column", strings.Replace(string(read(t, "ing.csv")), `"Bedrag (EUR)"`, `"Bedrag"`, 1), "kolom"},
		{"rabobank bad date", strings.Replace(string(read(t, "rabobank.csv")), `"2026-12-08","2026-12-08","+1.403,47"`, `"8 dec","2026-12-08","+1.403,47"`, 1), "regel 2: datum"},
		{"abn short line", "123456789\tEUR\t20261207\t1\t2\t20261207\t1,00\tx\n123\tEUR\n", "regel 2"},
		{"abn letters in account", "12A456789\tEUR\t20261207\t1\t2\t20261207\t1,00\tx\t\n", "rekeningnummer"},
		{"only debits and pending", `<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt><Stmt><Acct><Id><IBAN>NL67INGB0006543210</IBAN></Id></Acct><Ntry><Amt Ccy="EUR">1.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>PDNG</Sts><BookgDt><Dt>2026-12-01</Dt></BookgDt></Ntry></Stmt></BkToCstmrStmt></Document>`, "geen geboekte"},
		{"random text", "hallo wereld\n", "geen bankafschrift"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := bank.Parse([]byte(c.data), c.name)
			var be *bank.Error
			if !errors.As(err, &be) || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("err = %v, want a bank.Error with %q", err, c.want)
			}
			if be.EN == "" || be.EN == be.NL {
				t.Errorf("no English text: %+v", be)
			}
			if domain.ErrorCode(err) != domain.EINVALID {
				t.Errorf("code %q, want invalid", domain.ErrorCode(err))
			}
		})
	}
}

func TestParse_Latin1RabobankHeader(t *testing.T) {
	s, err := bank.Parse(read(t, "rabobank.csv"), "rabobank.csv")
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Accounts) != 2 || s.Accounts[0] != "NL67INGB0006543210" || !s.From.Equal(day("2026-12-08")) || !s.To.Equal(day("2026-12-09")) {
		t.Errorf("accounts %v, range %s–%s", s.Accounts, s.From, s.To)
	}
}
