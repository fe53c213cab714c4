package cli_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"verloner/app/cli"
)

func runWithStdin(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := cli.Main(context.Background(), &cli.Env{Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errb}, args)
	return code, out.String(), errb.String()
}

// The §11.3 week example: 40 hours at the 2026 minimum wage.
func TestTaxSingleWage(t *testing.T) {
	code, out, stderr := run(t, "tax", "--year", "2026", "--period", "week", "--wage", "588,40")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"Loonheffing 2026, tijdvak week, onder de AOW-leeftijd", "€ 588,40", "€ 587,77", "€ 210,12", "€ 47,50", "€ 103,71",
		"In te houden (met loonheffingskorting)"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	code, out, _ = run(t, "tax", "--year", "2026", "--period", "week", "--wage", "588.40", "--no-credit")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if last := lines[len(lines)-1]; code != 0 || !strings.HasPrefix(last, "In te houden (zonder loonheffingskorting)") || !strings.HasSuffix(last, "€ 210,12") {
		t.Errorf("--no-credit (exit %d):\n%s", code, out)
	}
}

// AOW age, born 1946 or later, single: the "incl. AOK" column of the 2026 month
// table (§11.1, 4.000,50 → 360,33).
func TestTaxJSONWithAOK(t *testing.T) {
	code, out, stderr := run(t, "tax", "--year", "2026", "--period", "month", "--wage", "4000.50", "--aow", "born-1946", "--aok", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var got map[string]any
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	want := map[string]any{"year": 2026.0, "period": "month", "age_group": "aow_born_1946_or_later", "single_elderly_credit": true,
		"wage": "4000.50", "table_wage": "4000.50", "above_table": false, "without_credit": "863.83", "with_credit": "360.33",
		"labour_credit": "230.17", "credit_applied": true, "tax": "360.33"}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %v, want %v", k, got[k], v)
		}
	}
}

func TestTaxWagesFromCSV(t *testing.T) {
	file := filepath.Join(t.TempDir(), "wages.txt")
	if err := os.WriteFile(file, []byte("wage\n588.40\n\n# payslip Olympia 2026-W36\n844,92\n3000\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	want := "wage,without_credit,with_credit,labour_credit\n" +
		"588.40,210.12,47.50,103.71\n" +
		"844.92,303.56,152.37,108.71\n" +
		"3000.00,1291.35,1291.35,0.00\n"
	code, out, stderr := run(t, "tax", "--year", "2026", "--period", "week", "--wages-from", file)
	if code != 0 || out != want {
		t.Errorf("exit %d, stderr %q, output\n%s\nwant\n%s", code, stderr, out, want)
	}
	code, out, _ = runWithStdin(t, "588.40\n", "tax", "--year", "2026", "--period", "week", "--wages-from", "-")
	if code != 0 || !strings.HasSuffix(out, "588.40,210.12,47.50,103.71\n") {
		t.Errorf("stdin: exit %d\n%s", code, out)
	}
}

// A pack the user loads (here the 2026 figures relabelled as 2027) makes a
// year available without a new release; without it the year is refused.
func TestTaxUserPack(t *testing.T) {
	data, err := os.ReadFile("../../domain/params/packs/2026.json")
	if err != nil {
		t.Fatal(err)
	}
	s := strings.ReplaceAll(string(data), `"2026-`, `"2027-`)
	s = strings.Replace(s, `"year": 2026`, `"year": 2027`, 1)
	file := filepath.Join(t.TempDir(), "2027.json")
	if err := os.WriteFile(file, []byte(s), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, stderr := run(t, "tax", "--year", "2027", "--period", "week", "--wage", "588.40", "--params", file, "--json")
	if code != 0 || !strings.Contains(out, `"with_credit": "47.50"`) {
		t.Errorf("exit %d, stderr %s\n%s", code, stderr, out)
	}
}

func TestTaxErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.txt")
	if err := os.WriteFile(bad, []byte("100\nabc\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	negative := filepath.Join(dir, "negative.txt")
	if err := os.WriteFile(negative, []byte("100\n-5\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	brokenPack := filepath.Join(dir, "2027.json")
	if err := os.WriteFile(brokenPack, []byte(`{"year": 2027}`), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"year without pack", []string{"tax", "--year", "2027", "--period", "week", "--wage", "500"}, 1,
			"geen loonheffingsparameters voor 2027: laad het parameterpakket 2027 (Instellingen → Parameters)"},
		{"no wage", []string{"tax", "--year", "2026", "--period", "week"}, 2, "precies één van --wage en --wages-from"},
		{"both wage and file", []string{"tax", "--year", "2026", "--period", "week", "--wage", "1", "--wages-from", bad}, 2, "precies één"},
		{"no period", []string{"tax", "--year", "2026", "--wage", "500"}, 2, "--period"},
		{"bad period", []string{"tax", "--year", "2026", "--period", "fortnight", "--wage", "500"}, 2, "onbekend tijdvak"},
		{"bad aow", []string{"tax", "--year", "2026", "--period", "week", "--wage", "500", "--aow", "old"}, 2, "born-1945"},
		{"aok below AOW", []string{"tax", "--year", "2026", "--period", "week", "--wage", "500", "--aok"}, 2, "--aok"},
		{"bad wage", []string{"tax", "--year", "2026", "--period", "week", "--wage", "vijf"}, 2, "geen getal"},
		{"negative wage", []string{"tax", "--year", "2026", "--period", "week", "--wage", "-5"}, 1, "negatief"},
		{"bad line", []string{"tax", "--year", "2026", "--period", "week", "--wages-from", bad}, 1, "bad.txt regel 2"},
		{"negative line", []string{"tax", "--year", "2026", "--period", "week", "--wages-from", negative}, 1, "negative.txt: loon 2 (-5)"},
		{"missing file", []string{"tax", "--year", "2026", "--period", "week", "--wages-from", filepath.Join(dir, "nope.txt")}, 1, "niet te lezen"},
		{"broken pack", []string{"tax", "--year", "2027", "--period", "week", "--wage", "500", "--params", brokenPack}, 1, `ontbrekende sleutel "format_version"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := run(t, tt.args...)
			if code != tt.code || !strings.Contains(stderr, tt.msg) {
				t.Errorf("exit %d (want %d), stderr %q (want %q)", code, tt.code, stderr, tt.msg)
			}
		})
	}
}
