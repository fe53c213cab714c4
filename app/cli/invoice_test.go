package cli_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"verloner/app/sqlite"
)

// approveDemo approves the demo week's hours, as approving the payroll
// period does (app/payrun).
func approveDemo(t *testing.T, db string) {
	t.Helper()
	st, err := sqlite.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.Exec(context.Background(), `UPDATE hour_lines SET status = 'approved' WHERE status = 'imported'`); err != nil {
		t.Fatal(err)
	}
	st.Close()
	// INL01 demands proof of hours; without it the checklist holds its hours back from invoicing.
	if code, _, stderr := run(t, "proof", "add", "--db", db, "--hirer", "INL01", "--period", "2026-W47", "--kind", "urenstaat", "--ref", "week47.pdf"); code != 0 {
		t.Fatal(stderr)
	}
}

func TestInvoice_DraftsThenIssueWithFiles(t *testing.T) {
	db := demoFile(t)
	// Nothing approved yet: no drafts, and the user is told why.
	code, stdout, stderr := run(t, "invoice", "--db", db, "--period", "2026-W47")
	if code != 0 || !strings.Contains(stdout, "0 concept(en)") || !strings.Contains(stdout, "202 urenregel(s) zijn nog niet goedgekeurd") {
		t.Fatalf("before approval: exit %d\n%s%s", code, stdout, stderr)
	}
	approveDemo(t, db)
	code, stdout, stderr = run(t, "invoice", "--db", db, "--period", "2026-W47", "--date", "2026-11-23")
	if code != 0 {
		t.Fatalf("drafts: exit %d: %s", code, stderr)
	}
	for _, want := range []string{"Facturen 2026-W47 — 5 concept(en)", "Concept", "INL03 Kempen Bouwtechniek B.V.", "btw verlegd",
		"G-rekening", "geen verzekerde kredietlimiet", "Nog niets uitgereikt"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("drafts output lacks %q:\n%s", want, stdout)
		}
	}
	out := filepath.Join(t.TempDir(), "facturen")
	code, stdout, stderr = run(t, "invoice", "--db", db, "--period", "2026-W47", "--issue", "--date", "2026-11-23", "--out", out, "--json")
	if code != 0 {
		t.Fatalf("issue: exit %d: %s", code, stderr)
	}
	var rep struct {
		Issued []struct {
			Number  string `json:"number"`
			Hirer   string `json:"hirer"`
			Payable string `json:"payable"`
		} `json:"issued"`
		Files []string `json:"files"`
	}
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatalf("--json: %v\n%s", err, stdout)
	}
	if len(rep.Issued) != 5 || rep.Issued[0].Number != "2026-000001" || rep.Issued[4].Number != "2026-000005" || len(rep.Files) != 16 {
		t.Fatalf("issued %+v, %d files", rep.Issued, len(rep.Files))
	}
	if fi, err := os.Stat(out); err != nil || fi.Mode().Perm() != 0o700 {
		t.Errorf("folder: %v %o", err, fi.Mode().Perm())
	}
	for _, f := range rep.Files {
		fi, err := os.Stat(f)
		if err != nil || fi.Mode().Perm() != 0o600 {
			t.Errorf("%s: %v %o", f, err, fi.Mode().Perm())
		}
	}
	for _, base := range []string{"factuur-2026-000001-INL01.pdf", "factuur-2026-000003-INL03.xml", "factuur-2026-000005-INL05.xlsx", "facturen-2026-W47.xlsx"} {
		if _, err := os.Stat(filepath.Join(out, base)); err != nil {
			t.Errorf("missing %s", base)
		}
	}
	// Nothing left to issue.
	if code, _, stderr := run(t, "invoice", "--db", db, "--period", "2026-W47", "--issue"); code != 1 || !strings.Contains(stderr, "Geen concepten") {
		t.Errorf("second issue: exit %d %s", code, stderr)
	}
	// A credit note on line 1 of invoice 3, then all of it.
	code, stdout, stderr = run(t, "credit", "--db", db, "--invoice", "2026-000003", "--line", "1:2", "--reason", "2 uur te veel", "--date", "2026-11-30")
	if code != 0 || !strings.Contains(stdout, "Creditnota 2026-000006 op 2026-000003") {
		t.Fatalf("partial credit: exit %d\n%s%s", code, stdout, stderr)
	}
	out2 := filepath.Join(t.TempDir(), "credit")
	code, stdout, stderr = run(t, "credit", "--db", db, "--invoice", "2026-000003", "--date", "2026-11-30", "--out", out2)
	if code != 0 || !strings.Contains(stdout, "Creditnota 2026-000007") || !strings.Contains(stdout, "vrijgegeven") {
		t.Fatalf("full credit: exit %d\n%s%s", code, stdout, stderr)
	}
	if _, err := os.Stat(filepath.Join(out2, "creditnota-2026-000007-INL03.pdf")); err != nil {
		t.Error(err)
	}
	if code, _, stderr := run(t, "credit", "--db", db, "--invoice", "2026-000003"); code != 1 || !strings.Contains(stderr, "al helemaal gecrediteerd") {
		t.Errorf("crediting again: exit %d %s", code, stderr)
	}
	// The released hours come back as a draft.
	code, stdout, _ = run(t, "invoice", "--db", db, "--period", "2026-W47")
	if code != 0 || !strings.Contains(stdout, "1 concept(en)") || !strings.Contains(stdout, "INL03") {
		t.Errorf("after the full credit:\n%s", stdout)
	}
	if code, _, stderr := run(t, "invoice", "--db", db, "--period", "2026-W47", "--group", "week"); code != 2 || !strings.Contains(stderr, "--group") {
		t.Errorf("bad --group: exit %d %s", code, stderr)
	}
}

func TestDebtorsAndPaymentsImport(t *testing.T) {
	db := demoFile(t)
	approveDemo(t, db)
	if code, _, stderr := run(t, "invoice", "--db", db, "--period", "2026-W47", "--issue", "--date", "2026-11-23"); code != 0 {
		t.Fatal(stderr)
	}
	st, err := sqlite.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	inv, err := st.Invoice(context.Background(), "2026-000001")
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	camt := fmt.Sprintf(`<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt><GrpHdr><MsgId>X</MsgId><CreDtTm>2026-12-08T06:00:00</CreDtTm></GrpHdr>
<Stmt><Id>1</Id><Acct><Id><IBAN>NL67INGB0006543210</IBAN></Id></Acct>
<Ntry><Amt Ccy="EUR">%s</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>2026-12-07</Dt></BookgDt><AcctSvcrRef>A1</AcctSvcrRef>
<NtryDtls><TxDtls><RltdPties><Dbtr><Nm>Brabant Logistiek B.V.</Nm></Dbtr><DbtrAcct><Id><IBAN>NL91ABNA0417164300</IBAN></Id></DbtrAcct></RltdPties>
<RmtInf><Ustrd>Factuur 2026-000001</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>
<Ntry><Amt Ccy="EUR">99.00</Amt><CdtDbtInd>DBIT</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>2026-12-07</Dt></BookgDt><AcctSvcrRef>A2</AcctSvcrRef></Ntry>
</Stmt></BkToCstmrStmt></Document>`, inv.Invoice.RegularAmount.StringFixed(2))
	file := filepath.Join(t.TempDir(), "camt053.xml")
	if err := os.WriteFile(file, []byte(camt), 0o600); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := run(t, "payments", "import", file, "--db", db)
	if code != 0 || !strings.Contains(stdout, "matched") || !strings.Contains(stdout, "Voorvertoning") || strings.Contains(stdout, "0417164300") {
		t.Fatalf("preview: exit %d\n%s%s", code, stdout, stderr)
	}
	code, stdout, stderr = run(t, "payments", "import", file, "--db", db, "--commit")
	if code != 0 || !strings.Contains(stdout, "1 betaling(en) geboekt") {
		t.Fatalf("commit: exit %d\n%s%s", code, stdout, stderr)
	}
	if code, _, stderr := run(t, "payments", "import", file, "--db", db, "--commit"); code != 1 || !strings.Contains(stderr, "al ingelezen") {
		t.Errorf("same file twice: exit %d %s", code, stderr)
	}
	if code, stdout, stderr := run(t, "payments", "add", "--db", db, "--amount", "100,00", "--invoice", "2026-000002", "--date", "2026-12-08"); code != 0 ||
		!strings.Contains(stdout, "€ 100,00 op 2026-000002") {
		t.Errorf("add: exit %d\n%s%s", code, stdout, stderr)
	}
	out := filepath.Join(t.TempDir(), "deb")
	code, stdout, stderr = run(t, "debtors", "--db", db, "--date", "2026-12-08", "--out", out)
	if code != 0 {
		t.Fatalf("debtors: exit %d %s", code, stderr)
	}
	for _, want := range []string{"Debiteuren per 08-12-2026", "INL01 Brabant Logistiek B.V.", "Aanmaningen", "0–30 dagen",
		filepath.Join(out, "debiteuren-2026-12-08.xlsx")} {
		if !strings.Contains(stdout, want) {
			t.Errorf("debtors output lacks %q:\n%s", want, stdout)
		}
	}
	code, stdout, _ = run(t, "debtors", "--db", db, "--date", "2026-12-08", "--json", "--lang", "en")
	var l struct {
		Open  string `json:"open"`
		Items []struct {
			Number string `json:"Number"`
			Open   string `json:"open"`
		} `json:"items"`
		Reminders []struct {
			Number string `json:"number"`
		} `json:"reminders"`
	}
	if code != 0 || json.Unmarshal([]byte(stdout), &l) != nil || len(l.Items) != 5 || len(l.Reminders) == 0 {
		t.Fatalf("--json: exit %d\n%.400s", code, stdout)
	}
	for _, it := range l.Items {
		if it.Number == "2026-000001" && it.Open != inv.Invoice.GAmount.String() {
			t.Errorf("2026-000001 open %s, want the G part %s", it.Open, inv.Invoice.GAmount)
		}
	}
}
