package debtors

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"verloner/app"
	"verloner/domain"
	"verloner/importers/bank"
)

func TestBucketOf_Boundaries(t *testing.T) {
	for _, c := range []struct {
		days int
		want Bucket
	}{
		{-30, NotDue}, {-1, NotDue}, {0, Days0to30}, {1, Days0to30}, {30, Days0to30}, {31, Days31to60}, {60, Days31to60},
		{61, Days61to90}, {90, Days61to90}, {91, Over90}, {400, Over90},
	} {
		if got := BucketOf(c.days); got != c.want {
			t.Errorf("BucketOf(%d) = %s, want %s", c.days, got.Label("en"), c.want.Label("en"))
		}
	}
}

func TestInvoiceNumbers(t *testing.T) {
	for _, c := range []struct {
		text string
		want []string
	}{
		{"Factuur 2026-000001 deb INL01", []string{"2026-000001"}},
		{"fact 2026000005", []string{"2026-000005"}},
		{"Betaling 2026-000003 / 2026 000006", []string{"2026-000003", "2026-000006"}},
		{"2026/000007,2026.000008", []string{"2026-000007", "2026-000008"}},
		{"2026-000001/2026-000002", []string{"2026-000001", "2026-000002"}},
		{"2026-000001 en nog eens 2026-000001", []string{"2026-000001"}},
		{"12026-000001", nil},       // part of a longer number
		{"2026-0000011", nil},       // seven digits
		{"NL91ABNA0417164300", nil}, // an IBAN
		{"Kenmerk 1234567890123456", nil},
		{"2026-000000", nil}, // sequence 0 is no number
		{"", nil},
	} {
		if got := InvoiceNumbers(c.text); !reflect.DeepEqual(got, c.want) {
			t.Errorf("InvoiceNumbers(%q) = %v, want %v", c.text, got, c.want)
		}
	}
}

var dec = domain.MustDec

// TestMatch is the matching table: one open invoice 2026-000001 of € 3.229,74
// with € 807,44 for the G-rekening, one of € 1.403,47 without G share, one of
// € 500,00 already paid, and the credit note 2026-000009.
func TestMatch(t *testing.T) {
	type alloc struct {
		number, amount string
	}
	for _, c := range []struct {
		name       string
		text       string
		amount     string
		acc        app.PaymentAccount
		want       Status
		allocs     []alloc
		message    string
		suggestion string
	}{
		{"regular part", "Factuur 2026-000001", "2422.30", app.AccountRegular, Matched, []alloc{{"2026-000001", "2422.30"}}, "Betaling van factuur 2026-000001", ""},
		{"G part on G account", "G-deel 2026-000001", "807.44", app.AccountG, Matched, []alloc{{"2026-000001", "807.44"}}, "Betaling van factuur", ""},
		{"whole invoice on regular account", "2026-000001", "3229.74", app.AccountRegular, Matched, []alloc{{"2026-000001", "3229.74"}}, "G-rekeningdeel (€ 807,44) had op de G-rekening", ""},
		{"part payment", "fact 2026000001", "1000", app.AccountRegular, Partial, []alloc{{"2026-000001", "1000"}}, "nog open € 2.229,74", ""},
		{"overpaid", "2026-000002", "1500", app.AccountRegular, Overpaid, []alloc{{"2026-000002", "1403.47"}}, "€ 96,53 meer ontvangen", ""},
		{"no G share invoice in full", "2026-000002", "1403.47", app.AccountRegular, Matched, []alloc{{"2026-000002", "1403.47"}}, "", ""},
		{"two invoices, regular parts", "2026-000001 2026-000002", "3825.77", app.AccountRegular, Matched,
			[]alloc{{"2026-000001", "2422.30"}, {"2026-000002", "1403.47"}}, "facturen 2026-000001, 2026-000002", ""},
		{"two invoices, everything", "2026-000001 2026-000002", "4633.21", app.AccountRegular, Matched,
			[]alloc{{"2026-000001", "3229.74"}, {"2026-000002", "1403.47"}}, "", ""},
		{"two invoices, amount does not fit", "2026-000001 2026-000002", "100", app.AccountRegular, Unmatched, nil, "past niet", ""},
		{"no number, amount fits one", "betaling november", "1403.47", app.AccountRegular, Suggested, nil, "past bij factuur 2026-000002", "2026-000002"},
		{"no number, G amount fits one", "", "807.44", app.AccountG, Suggested, nil, "2026-000001", "2026-000001"},
		{"no number, nothing fits", "betaling", "12.34", app.AccountRegular, Unmatched, nil, "geen passend bedrag", ""},
		{"paid invoice", "2026-000003", "500", app.AccountRegular, Unmatched, nil, "niets meer open", ""},
		{"credit note number", "2026-000009", "50", app.AccountRegular, Unmatched, nil, "creditnota", ""},
		{"unknown number", "2026-000777", "50", app.AccountRegular, Unmatched, nil, "bestaat niet", ""},
		{"paid and open named", "2026-000003 2026-000002", "1403.47", app.AccountRegular, Matched, []alloc{{"2026-000002", "1403.47"}}, "", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			m := &matcher{items: map[string]*openItem{
				"2026-000001": {id: 1, number: "2026-000001", hirer: "Brabant Logistiek B.V.", open: dec("3229.74"), openG: dec("807.44")},
				"2026-000002": {id: 2, number: "2026-000002", hirer: "Maasvlakte Foodprocessing B.V.", open: dec("1403.47"), openG: decimal.Zero},
				"2026-000003": {id: 3, number: "2026-000003", hirer: "Kempen", open: decimal.Zero, openG: decimal.Zero},
			}, known: map[string]bool{"2026-000001": true, "2026-000002": true, "2026-000003": true, "2026-000009": true}}
			e := bank.Entry{Amount: dec(c.amount), Remittance: c.text, Currency: "EUR", BookingDate: domain.Date(2026, time.December, 7)}
			res := m.match(e, c.acc)
			if res.Status != c.want {
				t.Errorf("status %s, want %s (%s)", res.Status, c.want, res.Message.NL)
			}
			var got []alloc
			for _, a := range res.Allocations {
				got = append(got, alloc{a.Number, a.Amount.String()})
				if a.How != "auto" || a.InvoiceID == 0 {
					t.Errorf("allocation %+v", a)
				}
			}
			var want []alloc
			for _, a := range c.allocs {
				want = append(want, alloc{a.number, dec(a.amount).String()})
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("allocations %v, want %v", got, want)
			}
			if !strings.Contains(res.Message.NL, c.message) || res.Message.EN == "" {
				t.Errorf("message %q, want it to contain %q (EN %q)", res.Message.NL, c.message, res.Message.EN)
			}
			if res.Suggestion != c.suggestion {
				t.Errorf("suggestion %q, want %q", res.Suggestion, c.suggestion)
			}
		})
	}
}

// TestMatch_SecondPaymentSeesWhatTheFirstLeft: two entries of one file on the
// same invoice.
func TestMatch_SecondPaymentSeesWhatTheFirstLeft(t *testing.T) {
	m := &matcher{items: map[string]*openItem{
		"2026-000001": {id: 1, number: "2026-000001", open: dec("3229.74"), openG: dec("807.44")},
	}, known: map[string]bool{"2026-000001": true}}
	e := func(a string) bank.Entry {
		return bank.Entry{Amount: dec(a), Remittance: "2026-000001", Currency: "EUR"}
	}
	if r := m.match(e("2422.30"), app.AccountRegular); r.Status != Matched {
		t.Fatalf("first: %s", r.Status)
	}
	if r := m.match(e("807.44"), app.AccountG); r.Status != Matched {
		t.Fatalf("G part: %s %s", r.Status, r.Message.NL)
	}
	if r := m.match(e("10"), app.AccountRegular); r.Status != Unmatched || len(r.Allocations) != 0 {
		t.Fatalf("third on a paid invoice: %s %v", r.Status, r.Allocations)
	}
}

func TestAccountOf(t *testing.T) {
	ag := &domain.Agency{IBAN: "NL67INGB0006543210", GIBAN: "NL75INGB0990001234"}
	abn := &domain.Agency{IBAN: "NL91ABNA0417164300", GIBAN: "NL29ABNA0123456789"}
	for _, c := range []struct {
		agency *domain.Agency
		own    string
		want   app.PaymentAccount
		ok     bool
	}{
		{ag, "NL67INGB0006543210", app.AccountRegular, true},
		{ag, "nl75 ingb 0990 0012 34", app.AccountG, true},
		{ag, "NL02RABO0123456789", "", false},
		{abn, "417164300", app.AccountRegular, true}, // ABN AMRO TAB: the account number
		{abn, "123456789", app.AccountG, true},
		{abn, "987654321", "", false},
		{ag, "", "", false},
	} {
		got, ok := accountOf(c.own, c.agency)
		if got != c.want || ok != c.ok {
			t.Errorf("accountOf(%q) = %q %v, want %q %v", c.own, got, ok, c.want, c.ok)
		}
	}
}
