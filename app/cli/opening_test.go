package cli_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// An opening balance is taken over once: its totals show in opening list, its
// reserved balances in payout balances; a second one for the same worker is
// refused, as are a negative amount and a missing worker or year.
func TestOpening_AddOnceAndList(t *testing.T) {
	db := demoFile(t)
	code, stdout, stderr := run(t, "opening", "add", "--db", db, "--worker", "1001", "--year", "2026", "--periods", "30",
		"--table-wage", "18.450,00", "--special-wage", "1.200,00", "--wage-tax", "1.234,56", "--gross", "19.900,00", "--net", "16.012,40",
		"--holiday-pay", "1.476,00", "--holiday-hours", "64,5")
	if code != 0 || !strings.Contains(stdout, "30 tijdvakken, 2 reserveringssaldi") {
		t.Fatalf("add: %d %q %q", code, stdout, stderr)
	}
	code, stdout, _ = run(t, "opening", "list", "--db", db, "--year", "2026", "--json")
	var ytd []struct {
		Worker, Table_wage, Special_wage, Wage_tax, Gross, Net string
		Periods                                                int
	}
	if err := json.Unmarshal([]byte(stdout), &ytd); err != nil || code != 0 {
		t.Fatalf("list: %v %s", err, stdout)
	}
	found := false
	for _, y := range ytd {
		if y.Worker == "1001" {
			found = true
			if y.Periods != 30 || y.Table_wage != "18450.00" || y.Special_wage != "1200.00" || y.Wage_tax != "1234.56" ||
				y.Gross != "19900.00" || y.Net != "16012.40" {
				t.Errorf("1001's totals %+v", y)
			}
		}
	}
	if !found {
		t.Errorf("1001 not in %s", stdout)
	}
	code, stdout, _ = run(t, "payout", "balances", "--db", db, "--worker", "1001", "--json")
	if code != 0 || !strings.Contains(stdout, `"balance": "1476.00"`) || !strings.Contains(stdout, `"balance": "64.50"`) {
		t.Errorf("balances after the opening: %s", stdout)
	}
	if code, _, stderr := run(t, "opening", "add", "--db", db, "--worker", "1001", "--year", "2026", "--holiday-pay", "10"); code != 1 ||
		!strings.Contains(stderr, "al een beginsaldo") {
		t.Errorf("second opening: %d %q", code, stderr)
	}
	for _, args := range [][]string{
		{"opening", "add", "--db", db, "--worker", "1002", "--year", "2026", "--holiday-pay", "-5"},
		{"opening", "add", "--db", db, "--worker", "1002", "--holiday-pay", "5"},
		{"opening", "add", "--db", db, "--year", "2026", "--holiday-pay", "5"},
		{"opening", "add", "--db", db, "--worker", "1002", "--year", "2026"},
	} {
		if code, _, _ := run(t, args...); code != 2 {
			t.Errorf("%v: exit %d, want 2", args[1:], code)
		}
	}
}

// import opening: preview, commit, and the same file again is refused row by
// row; without --year it is a usage error.
func TestImportOpening_CommitOnce(t *testing.T) {
	db := demoFile(t)
	file := filepath.Join(t.TempDir(), "beginsaldi.csv")
	if err := os.WriteFile(file, []byte("Personeelsnummer;Tijdvakken;Loon LB;Vakantiegeld\n1001;26;18.450,00;1.476,00\n1002;26;12.000,00;980,10\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if code, _, _ := run(t, "import", "opening", file, "--db", db); code != 2 {
		t.Errorf("without --year: exit %d", code)
	}
	code, stdout, stderr := run(t, "import", "opening", file, "--db", db, "--year", "2026")
	if code != 0 || !strings.Contains(stdout, "over te nemen beginsaldi: 2") || !strings.Contains(stdout, "Niets opgeslagen") {
		t.Fatalf("preview: %d %q %q", code, stdout, stderr)
	}
	code, stdout, stderr = run(t, "import", "opening", file, "--db", db, "--year", "2026", "--commit")
	if code != 0 || !strings.Contains(stdout, "Opgeslagen: 2 toegevoegd") {
		t.Fatalf("commit: %d %q %q", code, stdout, stderr)
	}
	code, stdout, _ = run(t, "import", "opening", file, "--db", db, "--year", "2026", "--commit")
	if code != 1 || strings.Count(stdout, "heeft al een beginsaldo") != 2 || strings.Contains(stdout, "Opgeslagen") {
		t.Errorf("the same file again: %d %q", code, stdout)
	}
}
