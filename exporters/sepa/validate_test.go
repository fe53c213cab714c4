package sepa

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"verloner/domain"
)

var today = time.Date(2026, 11, 18, 9, 0, 0, 0, time.Local)

func TestValidateFixtureIsClean(t *testing.T) {
	for _, v := range []Version{V09, V03} {
		if ps := normalized(v).Validate(today); len(ps) > 0 {
			t.Errorf("%s fixture: %s", v, ps.Text("en"))
		}
	}
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name    string
		v       Version
		mutate  func(b *Batch)
		code    string
		payment int    // expected Payment index of the problem
		worker  string // expected Worker
	}{
		{"msgid missing", V09, func(b *Batch) { b.MsgID = "" }, "msgid-missing", -1, ""},
		{"msgid 36 chars", V09, func(b *Batch) { b.MsgID = strings.Repeat("M", 36) }, "msgid-too-long", -1, ""},
		{"msgid 35 chars ok", V09, func(b *Batch) { b.MsgID = strings.Repeat("M", 35); b.PmtInfID = b.MsgID }, "", -1, ""},
		{"msgid underscore", V09, func(b *Batch) { b.MsgID = "VERL_2026" }, "msgid-charset", -1, ""},
		{"msgid double slash", V09, func(b *Batch) { b.MsgID = "VERL//2026" }, "msgid-slash", -1, ""},
		{"pmtinfid leading slash", V09, func(b *Batch) { b.PmtInfID = "/X" }, "pmtinfid-slash", -1, ""},
		{"created missing", V09, func(b *Batch) { b.Created = time.Time{} }, CodeCreatedMissing, -1, ""},
		{"execution missing", V09, func(b *Batch) { b.Execution = time.Time{} }, CodeExecMissing, -1, ""},
		{"execution yesterday", V09, func(b *Batch) { b.Execution = today.AddDate(0, 0, -1) }, CodeExecPast, -1, ""},
		{"execution today ok", V09, func(b *Batch) { b.Execution = time.Date(2026, 11, 18, 0, 0, 0, 0, time.UTC) }, "", -1, ""},
		{"unknown version", "pain.001.001.02", func(b *Batch) {}, CodeVersion, -1, ""},
		{"category purpose", V09, func(b *Batch) { b.CategoryPurpose = "sal" }, CodeCategoryPurpose, -1, ""},
		{"initiator 71", V09, func(b *Batch) { b.InitiatingParty = strings.Repeat("I", 71) }, "name-too-long", -1, ""},
		{"debtor name missing", V09, func(b *Batch) { b.Debtor.Name = "" }, "name-missing", -1, ""},
		{"debtor IBAN check digits", V09, func(b *Batch) { b.Debtor.IBAN = "NL92ABNA0417164300" }, CodeIBANInvalid, -1, ""},
		{"debtor IBAN missing", V09, func(b *Batch) { b.Debtor.IBAN = "" }, CodeIBANInvalid, -1, ""},
		{"debtor BIC 6 chars", V09, func(b *Batch) { b.Debtor.BIC = "ABNANL" }, CodeBICInvalid, -1, ""},
		{"debtor BIC digit bank code ok in .09", V09, func(b *Batch) { b.Debtor.BIC = "AB1ANL2A" }, "", -1, ""},
		{"debtor BIC digit bank code not in .03", V03, func(b *Batch) { b.Debtor.BIC = "AB1ANL2A" }, CodeBICInvalid, -1, ""},
		{"town missing in .09", V09, func(b *Batch) { b.Debtor.Address.City = "" }, "address-town-missing", -1, ""},
		{"town may be missing in .03", V03, func(b *Batch) { b.Debtor.Address.City = "" }, "", -1, ""},
		{"country", V09, func(b *Batch) { b.Debtor.Address.Country = "Nederland" }, CodeCountry, -1, ""},
		{"postcode too long", V09, func(b *Batch) { b.Debtor.Address.PostalCode = strings.Repeat("1", 17) }, "address-postcode-too-long", -1, ""},
		{"no payments", V09, func(b *Batch) { b.Payments = nil; b.Header, b.Info = nil, nil }, CodeNoPayments, -1, ""},
		{"worker IBAN check digits", V09, func(b *Batch) { b.Payments[1].IBAN = "NL45RABO0123456789" }, CodeIBANInvalid, 1, "1002 Ayse Yilmaz-Gunes"},
		{"worker IBAN lower case", V09, func(b *Batch) { b.Payments[1].IBAN = "nl44rabo0123456789" }, CodeIBANFormat, 1, "1002 Ayse Yilmaz-Gunes"},
		{"worker IBAN with spaces", V03, func(b *Batch) { b.Payments[1].IBAN = "NL44 RABO 0123 4567 89" }, CodeIBANFormat, 1, "1002 Ayse Yilmaz-Gunes"},
		{"worker IBAN non-SEPA country", V09, func(b *Batch) { b.Payments[0].IBAN = "TR330006100519786457841326" }, CodeIBANInvalid, 0, "1001 Lukasz Wisniewski"},
		{"worker IBAN outside SEPA", V09, func(b *Batch) { b.Payments[0].IBAN = "UA263220010000026201234567890" }, CodeIBANNotSEPA, 0, "1001 Lukasz Wisniewski"},
		{"worker BIC", V09, func(b *Batch) { b.Payments[2].BIC = "HABA LT22" }, CodeBICInvalid, 2, "1003 Zydrune Simkute-Kazlauskiene"},
		{"zero amount", V09, func(b *Batch) { zeroFirst(b) }, CodeAmountNotPos, 0, "1001 Lukasz Wisniewski"},
		{"negative amount", V09, func(b *Batch) { b.Payments[3].Amount = dec("-0.01"); b.Header, b.Info = nil, nil }, CodeAmountNotPos, 3, "1004 Stefan Taranu"},
		{"three decimals", V09, func(b *Batch) { b.Payments[4].Amount = dec("2000.001"); b.Header, b.Info = nil, nil }, CodeAmountDecimals, 4, "1005 Chloe van der Heijden-IJsselmuiden"},
		{"three decimals written with zero ok", V09, func(b *Batch) { b.Payments[4].Amount = dec("2000.000") }, "", -1, ""},
		{"amount above SEPA maximum", V09, func(b *Batch) { b.Payments[0].Amount = dec("1000000000.00"); b.Header, b.Info = nil, nil }, CodeAmountTooLarge, 0, "1001 Lukasz Wisniewski"},
		{"name 71 chars", V09, func(b *Batch) { b.Payments[0].Name = strings.Repeat("B", 71) }, "name-too-long", 0, "1001 " + strings.Repeat("B", 71)},
		{"name 70 chars ok", V09, func(b *Batch) { b.Payments[0].Name = strings.Repeat("B", 70) }, "", -1, ""},
		{"name not transliterated", V09, func(b *Batch) { b.Payments[0].Name = "Łukasz Wiśniewski" }, "name-charset", 0, "1001 Łukasz Wiśniewski"},
		{"name missing", V09, func(b *Batch) { b.Payments[2].Name = "" }, "name-missing", 2, "1003"},
		{"remittance 141", V09, func(b *Batch) { b.Payments[2].Remittance = strings.Repeat("R", 141) }, "remittance-too-long", 2, "1003 Zydrune Simkute-Kazlauskiene"},
		{"remittance charset", V09, func(b *Batch) { b.Payments[2].Remittance = "Loon week 47 & reservering" }, "remittance-charset", 2, "1003 Zydrune Simkute-Kazlauskiene"},
		{"e2e missing", V09, func(b *Batch) { b.Payments[1].EndToEndID = "" }, "e2e-missing", 1, "1002 Ayse Yilmaz-Gunes"},
		{"e2e 36 chars", V09, func(b *Batch) { b.Payments[1].EndToEndID = "2026-W47-" + strings.Repeat("9", 27) }, "e2e-too-long", 1, "1002 Ayse Yilmaz-Gunes"},
		{"e2e duplicate", V09, func(b *Batch) { b.Payments[3].EndToEndID = b.Payments[1].EndToEndID }, CodeE2EDuplicate, 3, "1004 Stefan Taranu"},
		{"worker number duplicate", V09, func(b *Batch) { b.Payments[4].WorkerNumber = "1001" }, CodeWorkerDuplicate, 4, "1001 Chloe van der Heijden-IJsselmuiden"},
		{"worker number charset", V09, func(b *Batch) { b.Payments[4].WorkerNumber = "W#5" }, "worker-number-charset", 4, "W#5 Chloe van der Heijden-IJsselmuiden"},
		{"header count", V09, func(b *Batch) { b.Header.NbOfTxs = "6" }, CodeNbOfTxsMismatch, -1, ""},
		{"header count missing", V09, func(b *Batch) { b.Header.NbOfTxs = "" }, CodeNbOfTxsMismatch, -1, ""},
		{"info count missing ok", V09, func(b *Batch) { b.Info.NbOfTxs = "" }, "", -1, ""},
		{"info count", V03, func(b *Batch) { b.Info.NbOfTxs = "4" }, CodeNbOfTxsMismatch, -1, ""},
		{"info sum", V03, func(b *Batch) { b.Info.CtrlSum = "4234.00" }, CodeCtrlSumMismatch, -1, ""},
		{"header sum", V09, func(b *Batch) { b.Header.CtrlSum = "4234.011" }, CodeCtrlSumMismatch, -1, ""},
		{"header sum not a number", V09, func(b *Batch) { b.Header.CtrlSum = "4234,01" }, CodeCtrlSumMismatch, -1, ""},
		{"header sum absent ok", V09, func(b *Batch) { b.Header.CtrlSum = "" }, "", -1, ""},
		{"header sum trailing zero ok", V09, func(b *Batch) { b.Header.CtrlSum = "4234.010" }, "", -1, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b := normalized(tc.v)
			b.Version = tc.v
			tc.mutate(b)
			ps := b.Validate(today)
			if tc.code == "" {
				if len(ps) > 0 {
					t.Fatalf("unexpected problems:\n%s", ps.Text("en"))
				}
				return
			}
			var found *Problem
			for i := range ps {
				if ps[i].Code == tc.code {
					found = &ps[i]
					break
				}
			}
			if found == nil {
				t.Fatalf("no %s problem; got %v:\n%s", tc.code, ps.Codes(), ps.Text("en"))
			}
			if found.Payment != tc.payment || found.Worker != tc.worker {
				t.Errorf("problem about payment %d worker %q, want %d %q", found.Payment, found.Worker, tc.payment, tc.worker)
			}
			if found.NL == "" || found.EN == "" || found.NL == found.EN {
				t.Errorf("texts NL %q EN %q", found.NL, found.EN)
			}
			w := tc.worker
			if r := []rune(w); len(r) > 40 { // long names are shown cut
				w = string(r[:40])
			}
			if tc.worker != "" && (!strings.Contains(found.NL, w) || !strings.Contains(found.EN, w)) {
				t.Errorf("message does not name the worker %q: %s / %s", tc.worker, found.NL, found.EN)
			}
			if tc.payment >= 0 {
				masked := domain.MaskIBAN(b.Payments[tc.payment].IBAN)
				if !strings.Contains(found.NL, masked) {
					t.Errorf("message lacks the masked IBAN %s: %s", masked, found.NL)
				}
			}
			noWholeIBAN(t, b, ps)
		})
	}
}

func zeroFirst(b *Batch) {
	b.Payments[0].Amount = dec("0.00")
	b.Header, b.Info = nil, nil
}

// noWholeIBAN fails if any message shows an IBAN of the batch unmasked (in
// any spelling) or even its bank code and account number.
func noWholeIBAN(t *testing.T, b *Batch, ps Problems) {
	t.Helper()
	ibans := []string{b.Debtor.IBAN}
	for _, p := range b.Payments {
		ibans = append(ibans, p.IBAN)
	}
	for _, p := range ps {
		for _, msg := range []string{p.NL, p.EN, p.Worker} {
			flat := strings.ToUpper(strings.ReplaceAll(msg, " ", ""))
			for _, iban := range ibans {
				n := domain.NormalizeIBAN(iban)
				if !plausibleIBAN(n) {
					continue // fuzzed junk such as "000000000000000000" matches any number
				}
				if strings.Contains(flat, n) || strings.Contains(flat, n[4:len(n)-4]) {
					t.Errorf("message shows IBAN %s unmasked: %s", domain.MaskIBAN(n), msg)
				}
			}
		}
	}
}

func plausibleIBAN(n string) bool {
	if !regexp.MustCompile(`^[A-Z]{2}[0-9]{2}[A-Z0-9]{8,30}$`).MatchString(n) {
		return false
	}
	distinct := map[rune]bool{}
	for _, r := range n[4 : len(n)-4] {
		distinct[r] = true
	}
	return len(distinct) >= 4
}

// TestValidateListsEveryProblem: one run reports all problems of all workers.
func TestValidateListsEveryProblem(t *testing.T) {
	b := normalized(V09)
	b.Payments[0].IBAN = "PL62109010140000071219812874" // check digits off by one
	b.Payments[1].Amount = dec("0")
	b.Payments[2].Name = strings.Repeat("Kazlauskiene ", 6)
	b.Payments[3].EndToEndID = b.Payments[0].EndToEndID
	b.Payments[4].Amount = dec("12.345")
	b.Header.CtrlSum = "1.00"
	b.Execution = today.AddDate(0, 0, -7)
	ps := b.Validate(today)
	want := map[string]int{CodeIBANInvalid: 0, CodeAmountNotPos: 1, "name-too-long": 2, CodeE2EDuplicate: 3,
		CodeAmountDecimals: 4, CodeCtrlSumMismatch: -1, CodeExecPast: -1}
	for code, idx := range want {
		ok := false
		for _, p := range ps {
			if p.Code == code && p.Payment == idx {
				ok = true
			}
		}
		if !ok {
			t.Errorf("missing %s for payment %d", code, idx)
		}
	}
	noWholeIBAN(t, b, ps)
	nl, en := ps.Error(), ps.Text("en")
	if strings.Count(nl, "\n") != len(ps)-1 || !strings.Contains(nl, "Betaling 2 (medewerker 1002 Ayse Yilmaz-Gunes, IBAN NL** **** **** **67 89)") ||
		!strings.Contains(en, "Payment 5 (worker 1005 Chloe van der Heijden-IJsselmuiden, IBAN NL** **** **** **45 67): amount 12.345 has more than two decimals") {
		t.Errorf("messages:\n%s\n\n%s", nl, en)
	}
	if !strings.Contains(nl, "controlegetal klopt niet") || !strings.Contains(en, "check digits do not match") {
		t.Errorf("IBAN reason not explained:\n%s\n%s", nl, en)
	}
	if strings.Contains(nl, "12.345") || !strings.Contains(nl, "12,345") {
		t.Errorf("Dutch text must show amounts with a decimal comma:\n%s", nl)
	}
}

func TestProblemText(t *testing.T) {
	p := Problem{NL: "hallo", EN: "hello"}
	if p.Text("en-GB") != "hello" || p.Text("nl") != "hallo" || p.Text("") != "hallo" || p.String() != "hallo" {
		t.Error("Problem.Text")
	}
}
