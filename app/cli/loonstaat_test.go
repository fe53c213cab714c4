package cli_test

import (
	"context"
	"encoding/json"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"verloner/app/sqlite"
	"verloner/domain"
)

// paidDemoFile is the demo administration with the demo week paid by the
// payroll command (proof, approve, final).
func paidDemoFile(t *testing.T) string {
	t.Helper()
	db := demoFile(t)
	for _, step := range []string{"--proof", "--approve", "--final"} {
		if code, out, stderr := run(t, "payroll", "--db", db, "--period", "2026-W47", step); code != 0 {
			t.Fatalf("payroll %s: exit %d\n%s\n%s", step, code, out, stderr)
		}
	}
	return db
}

// TestLoonstaatAndJaaropgaaf: the totals of the loonstaat equal the
// year-to-date totals finalising wrote per worker; the files are private; the
// jaaropgaaf shows the full BSN in the PDF and nowhere in the output.
func TestLoonstaatAndJaaropgaaf(t *testing.T) {
	db := paidDemoFile(t)
	dir := filepath.Join(t.TempDir(), "loonstaat")
	code, out, stderr := run(t, "loonstaat", "--db", db, "--year", "2026", "--out", dir, "--json")
	if code != 0 {
		t.Fatalf("loonstaat: exit %d\n%s", code, stderr)
	}
	var ls struct {
		Runs, Workers int
		Fiscal        string   `json:"fiscal_wage"`
		Tax           string   `json:"wage_tax"`
		Files         []string `json:"files"`
	}
	if err := json.Unmarshal([]byte(out), &ls); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	ctx := context.Background()
	st, err := sqlite.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	ytd, err := st.YearToDate(ctx, 2026)
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	fiscal, tax := decimal.Zero, decimal.Zero
	for _, y := range ytd {
		fiscal, tax = fiscal.Add(y.TableWage).Add(y.SpecialWage), tax.Add(y.WageTax)
	}
	if ls.Runs != 1 || ls.Workers != len(ytd) || ls.Fiscal != fiscal.StringFixed(2) || ls.Tax != tax.StringFixed(2) || len(ls.Files) != 3 {
		t.Errorf("loonstaat %+v; year to date fiscal %s tax %s over %d workers", ls, fiscal, tax, len(ytd))
	}
	assertPrivate(t, dir, ls.Files...)
	assertNoWholeBSN(t, out)
	txt, _ := exec.Command("pdftotext", "-raw", filepath.Join(dir, "loonstaat-2026.pdf"), "-").Output()
	assertNoWholeBSN(t, string(txt))

	code, out, stderr = run(t, "loonstaat", "--db", db, "--year", "2026", "--out", dir)
	if code != 0 || !strings.Contains(out, "Ingehouden loonheffing") || !strings.Contains(out, domain.FormatEuro(tax)) {
		t.Errorf("loonstaat text: exit %d\n%s\n%s", code, out, stderr)
	}

	jdir := filepath.Join(t.TempDir(), "jaaropgaven")
	code, out, stderr = run(t, "jaaropgaaf", "--db", db, "--year", "2026", "--out", jdir, "--json")
	if code != 0 {
		t.Fatalf("jaaropgaaf: exit %d\n%s", code, stderr)
	}
	assertNoBSNOutsidePaths(t, out)
	var rows []struct {
		Number, File string
		Fiscal       string `json:"fiscal_wage"`
	}
	if err := json.Unmarshal([]byte(out), &rows); err != nil || len(rows) != len(ytd) {
		t.Fatalf("%d rows (%v)\n%s", len(rows), err, out)
	}
	var files []string
	for _, r := range rows {
		files = append(files, r.File)
	}
	assertPrivate(t, jdir, files...)
	// The first worker paid: the PDF (in the worker's language) carries the BSN in full.
	st, err = sqlite.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	ws, _ := st.Workers(ctx)
	st.Close()
	var first *domain.Worker
	for _, w := range ws {
		if w.Number == rows[0].Number {
			first = w
		}
	}
	txt, err = exec.Command("pdftotext", "-raw", rows[0].File, "-").Output()
	title := map[domain.Language]string{domain.Dutch: "Jaaropgaaf 2026", domain.English: "Annual statement 2026", domain.Polish: "Roczne zestawienie 2026"}[first.Language]
	if err != nil || first.BSN == "" || !strings.Contains(string(txt), title) || !strings.Contains(string(txt), first.BSN) {
		t.Errorf("jaaropgaaf %s (%s, full BSN): %v\n%s", first.Number, first.Language, err, txt)
	}
	code, _, _ = run(t, "jaaropgaaf", "--db", db, "--year", "2026", "--out", jdir, "--worker", rows[1].Number, "--lang", "en")
	txt, _ = exec.Command("pdftotext", "-raw", rows[1].File, "-").Output()
	if code != 0 || !strings.Contains(string(txt), "Annual statement 2026") {
		t.Errorf("English jaaropgaaf for %s: exit %d\n%s", rows[1].Number, code, txt)
	}
	for _, tt := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"loonstaat", "--db", db, "--year", "2025", "--out", dir}, 1, "Geen definitieve verloningen"},
		{[]string{"loonstaat", "--db", db, "--out", dir}, 2, "--year"},
		{[]string{"loonstaat", "--db", db, "--year", "2026"}, 2, "--out"},
		{[]string{"jaaropgaaf", "--db", db, "--year", "2026", "--out", jdir, "--worker", "9999"}, 1, "niet definitief verloond"},
		{[]string{"jaaropgaaf", "--db", db, "--year", "2026", "--out", jdir, "--lang", "de"}, 2, "nl, en of pl"},
	} {
		code, _, stderr := run(t, tt.args...)
		if code != tt.code || !strings.Contains(stderr, tt.msg) {
			t.Errorf("%v: exit %d (want %d), %s", tt.args[:3], code, tt.code, stderr)
		}
	}
}
