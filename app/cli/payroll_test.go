package cli_test

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"verloner/app/sqlite"
	"verloner/domain"
)

// pathLike matches file paths, whose temporary folder names hold random
// digits that may pass the elfproef by chance.
var pathLike = regexp.MustCompile(`[^\s"]*/[^\s"]*`)

func assertNoBSNOutsidePaths(t *testing.T, out string) {
	t.Helper()
	assertNoWholeBSN(t, pathLike.ReplaceAllString(out, ""))
}

type payrollJSON struct {
	ID       int64  `json:"id"`
	Status   string `json:"status"`
	Seq      int    `json:"seq"`
	Net      string `json:"net"`
	Backup   string `json:"backup"`
	Payslips []struct {
		Number   string   `json:"number"`
		Net      string   `json:"net"`
		Blockers []string `json:"blockers"`
	} `json:"payslips"`
	LeftOut []struct {
		Number string `json:"number"`
		Reason string `json:"reason"`
	} `json:"left_out"`
	Files *struct {
		Payslips []string `json:"payslips"`
		Combined string   `json:"combined"`
		Journal  string   `json:"journal"`
		SEPA     string   `json:"sepa"`
		Payments int      `json:"payments"`
		Total    string   `json:"payments_total"`
	} `json:"files"`
}

// TestPayroll_DemoWeekProofApproveFinal runs the demo week through the
// command: check, proof with files, a refused final before approval,
// approve, final with payslips, journal and SEPA file; the blocked workers
// are listed and not paid.
func TestPayroll_DemoWeekProofApproveFinal(t *testing.T) {
	db := demoFile(t)
	out := filepath.Join(t.TempDir(), "verloning")
	if code, _, _ := run(t, "check", "--db", db, "--period", "2026-W47"); code != 2 {
		t.Fatalf("check: exit %d", code)
	}
	code, stdout, stderr := run(t, "payroll", "--db", db, "--period", "2026-W47", "--proof", "--out", out)
	if code != 0 {
		t.Fatalf("proof: exit %d\n%s\n%s", code, stdout, stderr)
	}
	for _, want := range []string{"Verloning 2026-W47 — proefverloning", "1017", "Katarzyna Lewandowska", "€ 537,33", "[B] DOS-BSN",
		"bij definitief verlonen worden zij overgeslagen", "25 loonstroken geschreven", "loonstroken-2026-W47-proef.pdf", "loonjournaal-2026-W47-proef.xlsx"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("proof output lacks %q\n%s", want, stdout)
		}
	}
	assertNoBSNOutsidePaths(t, stdout)
	if _, err := os.Stat(filepath.Join(out, "loonstrook-2026-W47-1017-concept.pdf")); err != nil {
		t.Errorf("concept payslip: %v", err)
	}

	if code, _, stderr := run(t, "payroll", "--db", db, "--period", "2026-W47", "--final"); code != 1 || !strings.Contains(stderr, "niet goedgekeurd") {
		t.Fatalf("final before approval: exit %d, %s", code, stderr)
	}
	if code, stdout, stderr := run(t, "payroll", "--db", db, "--period", "2026-W47", "--approve"); code != 0 || !strings.Contains(stdout, "goedgekeurd") {
		t.Fatalf("approve: exit %d\n%s\n%s", code, stdout, stderr)
	}
	code, stdout, stderr = run(t, "payroll", "--db", db, "--period", "2026-W47", "--final", "--out", out, "--json")
	if code != 0 {
		t.Fatalf("final: exit %d\n%s\n%s", code, stdout, stderr)
	}
	assertNoBSNOutsidePaths(t, stdout)
	var r payrollJSON
	if err := json.Unmarshal([]byte(stdout), &r); err != nil {
		t.Fatalf("final --json: %v\n%s", err, stdout)
	}
	if r.Status != "final" || r.Seq != 1 || len(r.Payslips)+len(r.LeftOut) != 25 || len(r.LeftOut) == 0 || r.Files == nil {
		t.Fatalf("final run %+v", r)
	}
	paid := map[string]bool{}
	for _, p := range r.Payslips {
		paid[p.Number] = true
	}
	for _, blocked := range []string{"1005", "1010", "1018", "1019", "1021"} {
		if paid[blocked] {
			t.Errorf("blocked worker %s paid", blocked)
		}
	}
	if !paid["1017"] || r.Files.Payments != len(r.Payslips) || r.Files.Total != r.Net {
		t.Errorf("paid %v; SEPA %d payments total %s, run net %s", paid, r.Files.Payments, r.Files.Total, r.Net)
	}
	if _, err := os.Stat(r.Backup); err != nil {
		t.Errorf("backup: %v", err)
	}
	info, err := os.Stat(out)
	if err != nil || info.Mode().Perm() != 0o700 {
		t.Errorf("out folder %v %v", info, err)
	}
	files := append(append([]string{}, r.Files.Payslips...), r.Files.Combined, r.Files.Journal, r.Files.SEPA)
	if len(r.Files.Payslips) != len(r.Payslips) {
		t.Errorf("%d payslip PDFs for %d payslips", len(r.Files.Payslips), len(r.Payslips))
	}
	for _, f := range files {
		info, err := os.Stat(f)
		if err != nil || info.Mode().Perm() != 0o600 {
			t.Errorf("%s: %v %v", f, info, err)
		}
	}
	if !strings.HasSuffix(r.Files.SEPA, "loonbetaling-2026-W47-run1.xml") {
		t.Errorf("SEPA file %s", r.Files.SEPA)
	}
	if _, err := exec.LookPath("xmllint"); err == nil {
		xsd := "../../../shared/oracles/sepa-pain001/xsd/pain.001.001.09.xsd"
		if msg, err := exec.Command("xmllint", "--noout", "--schema", xsd, r.Files.SEPA).CombinedOutput(); err != nil {
			t.Errorf("xmllint: %v\n%s", err, msg)
		}
	}
	sepa, _ := os.ReadFile(r.Files.SEPA)
	if strings.Contains(string(sepa), "1005") && strings.Contains(string(sepa), "Amrani") {
		t.Error("blocked worker in the SEPA file")
	}

	// Text output of the final run lists who was left out and why.
	code, stdout, _ = run(t, "payroll", "--db", db, "--period", "2026-W47")
	for _, want := range []string{"definitief, run 1", "Niet in deze run", "DOS-BSN", "back-up"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("status output lacks %q\n%s", want, stdout)
		}
	}
	if code != 0 {
		t.Errorf("status: exit %d", code)
	}
	assertNoBSNOutsidePaths(t, stdout)
}

// TestPayroll_FinalRefusedByBlockersExit2: when every worker of the run has
// a payroll blocker, finalising is refused with exit status 2.
func TestPayroll_FinalRefusedByBlockersExit2(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "blocked.verloner")
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	d := domain.Date
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(db.SaveAgency(ctx, &domain.Agency{Name: "Blok B.V.", Frequency: domain.Weekly, EmployerSize: domain.SmallEmployer, Deadlines: domain.DefaultDeadlines()}))
	// No BSN: DOS-BSN blocks payroll.
	w := &domain.Worker{Number: "1", LastName: "Vries", BirthDate: d(1990, 1, 1), IBAN: "NL02INGB0100000000",
		Identity: domain.IDDocument{Type: "paspoort", Number: "X1", Expiry: d(2030, 1, 1)}, ContractSignedOn: d(2026, 1, 5), StartDate: d(2026, 1, 5)}
	must(db.SaveWorker(ctx, w))
	h := &domain.Hirer{Number: "H1", Name: "Klant", CreditCheckedOn: d(2026, 6, 1), CreditLimit: domain.MustDec("50000"),
		Remuneration: domain.RemunerationRecord{CAO: "x", SignedOn: d(2026, 1, 5)}}
	must(db.SaveHirer(ctx, h))
	p := &domain.Placement{Number: "P1", WorkerID: w.ID, HirerID: h.ID, Start: d(2026, 1, 5), HourlyWage: domain.MustDec("16"),
		BillingRate: domain.MustDec("28"), Rates: []domain.HourTypeRate{{Type: domain.HourNormal, PayPercent: domain.Hundred, BillPercent: domain.Hundred}}}
	must(db.SavePlacement(ctx, p))
	must(db.AddHourLines(ctx, []*domain.HourLine{{PlacementID: p.ID, Date: d(2026, 11, 16), Type: domain.HourNormal, Quantity: domain.MustDec("8")}}))
	db.Close()

	for _, step := range []string{"--proof", "--approve"} {
		if code, stdout, stderr := run(t, "payroll", "--db", path, "--period", "2026-W47", step); code != 0 {
			t.Fatalf("%s: exit %d\n%s\n%s", step, code, stdout, stderr)
		}
	}
	code, stdout, stderr := run(t, "payroll", "--db", path, "--period", "2026-W47", "--final", "--out", filepath.Join(t.TempDir(), "x"))
	if code != 2 || !strings.Contains(stderr, "niet definitief gemaakt") || !strings.Contains(stdout, "DOS-BSN") {
		t.Fatalf("final with everyone blocked: exit %d\n%s\n%s", code, stdout, stderr)
	}
	code, stdout, _ = run(t, "payroll", "--db", path, "--period", "2026-W47", "--final", "--json")
	var out struct {
		Refused string `json:"refused"`
		LeftOut []struct {
			Number string `json:"number"`
		} `json:"left_out"`
	}
	if code != 2 || json.Unmarshal([]byte(stdout), &out) != nil || len(out.LeftOut) != 1 || out.Refused == "" {
		t.Fatalf("--json refusal: exit %d\n%s", code, stdout)
	}
	// Flags are checked before anything runs.
	for _, args := range [][]string{
		{"payroll", "--db", path, "--proof", "--final"},
		{"payroll", "--db", path, "--period", "2026-W99", "--proof"},
		{"payroll", "--db", path, "--proof", "--lang", "de"},
	} {
		if code, _, _ := run(t, args...); code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
}
