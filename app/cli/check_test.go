package cli_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"verloner/app/sqlite"
	"verloner/domain"
	"verloner/domain/checks"
)

func demoFile(t *testing.T) string {
	t.Helper()
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	db := filepath.Join(t.TempDir(), "demo.verloner")
	if code, _, stderr := run(t, "demo", "--db", db); code != 0 {
		t.Fatal(stderr)
	}
	return db
}

func TestCheck_DemoHasBlockersExit2(t *testing.T) {
	db := demoFile(t)
	out := filepath.Join(t.TempDir(), "export")
	code, stdout, stderr := run(t, "check", "--db", db, "--period", "2026-W47", "--out", out)
	if code != 2 || !strings.Contains(stderr, "13 blokkade(s) in 2026-W47") {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	for _, want := range []string{"Controlelijst 2026-W47 — Flexwerk Zuid B.V.", "INL05 Breda Office Services B.V. — 3 blokkade(s), 3 waarschuwing(en)",
		"[B] DOS-BSN", "1005 Mohamed el Amrani", "→ ", "Totaal: 13 blokkade(s)", "Geblokkeerd: verloning", "Opgeslagen als controlelijst 1."} {
		if !strings.Contains(stdout, want) {
			t.Errorf("output lacks %q", want)
		}
	}
	assertNoWholeBSN(t, stdout)
	for _, ext := range []string{".xlsx", ".pdf"} {
		st, err := os.Stat(filepath.Join(out, "controlelijst-2026-W47"+ext))
		if err != nil {
			t.Fatal(err)
		}
		if st.Mode().Perm() != 0o600 || st.Size() < 1000 {
			t.Errorf("%s: mode %o size %d", ext, st.Mode().Perm(), st.Size())
		}
	}

	// JSON on stdout, English, nothing stored.
	code, stdout, _ = run(t, "check", "--db", db, "--period", "2026-W47", "--json", "--lang", "en", "--dry-run")
	var cl checks.Checklist
	if code != 2 || json.Unmarshal([]byte(stdout), &cl) != nil || cl.Counts().Blockers != 13 || cl.ID != 0 {
		t.Fatalf("--json: exit %d, %.200s", code, stdout)
	}
	assertNoWholeBSN(t, stdout)
	// Without --period the period of the latest hours is checked.
	if code, stdout, _ := run(t, "check", "--db", db, "--lang", "en"); code != 2 || !strings.Contains(stdout, "Checklist 2026-W47") {
		t.Errorf("default period: exit %d\n%.300s", code, stdout)
	}
}

// testDirName is the folder t.TempDir makes (the test's name and a random
// number that now and then passes the elfproef): not output of the program.
var testDirName = regexp.MustCompile(`/Test[^/\s"]*`)

func assertNoWholeBSN(t *testing.T, out string) {
	t.Helper()
	out = testDirName.ReplaceAllString(out, "/TEST")
	for _, tok := range strings.FieldsFunc(out, func(r rune) bool { return r < '0' || r > '9' }) {
		if len(tok) == 9 && (domain.ValidBSN(tok) || tok == "123456789") {
			i := strings.Index(out, tok)
			from, to := max(0, i-60), min(len(out), i+len(tok)+20)
			t.Errorf("output contains a whole BSN %s: …%s…", tok, out[from:to])
		}
	}
}

// TestCheck_CleanAdministrationExit0 checks a week without problems.
func TestCheck_CleanAdministrationExit0(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "clean.verloner")
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
	must(db.SaveAgency(ctx, &domain.Agency{Name: "Schoon B.V.", Frequency: domain.Weekly, EmployerSize: domain.SmallEmployer, Deadlines: domain.DefaultDeadlines()}))
	w := &domain.Worker{Number: "1", LastName: "Vries", BirthDate: d(1990, 1, 1), BSN: "210000004", IBAN: "NL02INGB0100000000",
		Identity: domain.IDDocument{Type: "paspoort", Number: "X1", Expiry: d(2030, 1, 1)}, TaxCreditSignedOn: d(2026, 1, 5),
		ContractSignedOn: d(2026, 1, 5), StartDate: d(2026, 1, 5)}
	must(db.SaveWorker(ctx, w))
	h := &domain.Hirer{Number: "H1", Name: "Klant", CreditCheckedOn: d(2026, 6, 1), CreditLimit: domain.MustDec("50000"),
		Remuneration: domain.RemunerationRecord{CAO: "x", SignedOn: d(2026, 1, 5)}}
	must(db.SaveHirer(ctx, h))
	p := &domain.Placement{Number: "P1", WorkerID: w.ID, HirerID: h.ID, Start: d(2026, 1, 5), HourlyWage: domain.MustDec("16"),
		BillingRate: domain.MustDec("28"), Rates: []domain.HourTypeRate{{Type: domain.HourNormal, PayPercent: domain.Hundred, BillPercent: domain.Hundred}}}
	must(db.SavePlacement(ctx, p))
	must(db.AddHourLines(ctx, []*domain.HourLine{{PlacementID: p.ID, Date: d(2026, 11, 16), Type: domain.HourNormal, Quantity: domain.MustDec("8")}}))
	db.Close()
	code, stdout, stderr := run(t, "check", "--db", path, "--period", "2026-W47")
	if code != 0 || !strings.Contains(stdout, "Totaal: 0 blokkade(s), 0 waarschuwing(en)") {
		t.Fatalf("clean week: exit %d\n%s\n%s", code, stdout, stderr)
	}
}

func TestRecordCommandsFeedTheChecklist(t *testing.T) {
	db := demoFile(t)
	steps := []struct {
		args []string
		code int
		want string // in stdout (exit 0) or stderr
	}{
		{[]string{"sick", "add", "--db", db, "--worker", "1002", "--first-day", "19-11-2026", "--reported", "2026-11-19 10:05"}, 0, "Ziekmelding 1 vastgelegd"},
		{[]string{"sick", "add", "--db", db, "--worker", "1003", "--first-day", "2026-11-21", "--reported", "2026-11-21 03:00", "--shift-start", "2026-11-21 06:00", "--recovered", "2026-11-22"}, 0, "Ziekmelding 2"},
		{[]string{"sick", "add", "--db", db, "--worker", "9999", "--first-day", "2026-11-19", "--reported", "2026-11-19 10:05"}, 1, "bestaat niet"},
		{[]string{"sick", "add", "--db", db, "--worker", "1002", "--first-day", "gisteren", "--reported", "2026-11-19 10:05"}, 2, "verwacht een datum"},
		{[]string{"sick", "list", "--db", db, "--period", "2026-W47"}, 0, "2026-11-19 10:05"},
		{[]string{"advance", "add", "--db", db, "--worker", "1019", "--period", "2026-W47", "--amount", "100"}, 1, "zonder geldig BSN"},
		{[]string{"advance", "add", "--db", db, "--worker", "1018", "--period", "2026-W45", "--amount", "100,50"}, 0, "€ 100,50"},
		{[]string{"advance", "add", "--db", db, "--worker", "1018", "--period", "2026-W46", "--amount", "100,50"}, 0, "Voorschot 2"},
		{[]string{"advance", "add", "--db", db, "--worker", "1018", "--period", "2026-W47", "--amount", "100,50"}, 1, "verrekenen met de uitzender"},
		{[]string{"advance", "list", "--db", db, "--worker", "1018"}, 0, "2026-W46"},
		{[]string{"proof", "add", "--db", db, "--hirer", "INL01", "--period", "2026-W47", "--ref", "week47.pdf"}, 0, "Urenbewijs 1"},
		{[]string{"proof", "add", "--db", db, "--hirer", "INL01", "--period", "2026-W47", "--kind", "foto"}, 2, "--kind"},
		{[]string{"deduction", "add", "--db", db, "--worker", "1001", "--period", "2026-W47", "--kind", "bekeuring", "--amount", "90"}, 0, "Inhouding 1"},
		{[]string{"deduction", "add", "--db", db, "--worker", "1001", "--period", "2026-W47", "--kind", "snoep", "--amount", "90"}, 1, "onbekend"},
	}
	for _, s := range steps {
		code, stdout, stderr := run(t, s.args...)
		text := stdout
		if s.code != 0 {
			text = stderr
		}
		if code != s.code || !strings.Contains(text, s.want) {
			t.Errorf("%v: exit %d (want %d)\nstdout %s\nstderr %s", s.args[:2], code, s.code, stdout, stderr)
		}
	}
	code, stdout, _ := run(t, "check", "--db", db, "--period", "2026-W47")
	if code != 2 {
		t.Fatalf("exit %d", code)
	}
	for _, want := range []string{"[B] HRS-SICK        1002", "[W] HRS-SICK-DAY1", "[W] DL-SICK", "uiterlijk do 19-11-2026 09:30",
		"[B] DED-AUTH", "[B] DED-PROOF", "[W] ADV-REPAY", "Voorschot € 100,50 voor 2026-W46"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("checklist lacks %q", want)
		}
	}
	if strings.Contains(stdout, "HIR-PROOF") {
		t.Error("proof of hours recorded but HIR-PROOF still reported")
	}
	if strings.Contains(stdout, "1003 Piotr Kowalski            Ziekmelding") {
		t.Error("shift report 3 hours ahead flagged late")
	}
}

func TestConfirmCommand(t *testing.T) {
	db := demoFile(t)
	if code, _, stderr := run(t, "confirm", "--db", db, "--period", "2026-W47", "--rule", "DOS-ID-SOON"); code != 1 || !strings.Contains(stderr, "nog niet gecontroleerd") {
		t.Fatalf("confirm before check: %d %s", code, stderr)
	}
	run(t, "check", "--db", db, "--period", "2026-W47")
	tests := []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"--rule", "DOS-CONTRACT"}, 1, "blokkade kan niet worden bevestigd"},
		{[]string{"--rule", "DOS-DUP-IBAN"}, 1, "2 meldingen"},
		{[]string{"--rule", "DOS-DUP-IBAN", "--worker", "1025", "--note", "partners"}, 0, "Bevestigd: DOS-DUP-IBAN"},
		{[]string{"--rule", "PH-END"}, 1, "geen melding"},
		{[]string{"--anonymous", "--worker", "1019", "--note", "wacht op BSN"}, 0, "Anoniementarief vastgelegd"},
		{[]string{"--anonymous"}, 2, "--worker"},
	}
	for _, tt := range tests {
		args := append([]string{"confirm", "--db", db, "--period", "2026-W47"}, tt.args...)
		code, stdout, stderr := run(t, args...)
		if code != tt.code || !strings.Contains(stdout+stderr, tt.msg) {
			t.Errorf("%v: exit %d (want %d) %s %s", tt.args, code, tt.code, stdout, stderr)
		}
	}
	_, stdout, _ := run(t, "check", "--db", db, "--period", "2026-W47")
	if !strings.Contains(stdout, "[✓] DOS-DUP-IBAN") || !strings.Contains(stdout, "12 blokkade(s), 10 waarschuwing(en), 1 bevestigd") ||
		!strings.Contains(stdout, "[W] DOS-BSN") {
		t.Errorf("after confirmations:\n%s", stdout)
	}
}

func TestCheck_UsageErrors(t *testing.T) {
	db := demoFile(t)
	for _, tt := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"check", "--db", db, "--period", "2026-W99"}, 2, "buiten bereik"},
		{[]string{"check", "--db", db, "--lang", "de"}, 2, "--lang"},
		{[]string{"check", "--period", "2026-W47"}, 1, "--db"},
		{[]string{"check", "--db", db, "extra"}, 2, "onverwacht"},
	} {
		code, _, stderr := run(t, tt.args...)
		if code != tt.code || !strings.Contains(stderr, tt.msg) {
			t.Errorf("%v: exit %d (want %d), %q", tt.args, code, tt.code, stderr)
		}
	}
}
