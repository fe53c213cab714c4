package cli_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestParamsInstall_ThenTaxForTheNewYear(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	if code, _, stderr := run(t, "tax", "--year", "2027", "--period", "week", "--wage", "500"); code == 0 ||
		!strings.Contains(stderr, "geen loonheffingsparameters voor 2027") {
		t.Fatalf("2027 before install: exit %d %s", code, stderr)
	}
	data, err := os.ReadFile("../../domain/params/packs/2026.json")
	if err != nil {
		t.Fatal(err)
	}
	src := filepath.Join(t.TempDir(), "2027.json")
	pack := strings.ReplaceAll(strings.ReplaceAll(string(data), `"year": 2026`, `"year": 2027`), "2026-", "2027-")
	if err := os.WriteFile(src, []byte(pack), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, out, stderr := run(t, "params", "install", src); code != 0 || !strings.Contains(out, "2027 toegevoegd") {
		t.Fatalf("install: exit %d %s %s", code, out, stderr)
	}
	code, out, _ := run(t, "params", "list")
	if code != 0 || !strings.Contains(out, "2025") || !strings.Contains(out, "2027") || !strings.Contains(out, "ingebouwd") {
		t.Fatalf("list: %s", out)
	}
	// The relabelled pack holds the 2026 figures, so 2027 now gives the 2026 weekly answer.
	code, out, stderr := run(t, "tax", "--year", "2027", "--period", "week", "--wage", "588.40")
	if code != 0 || !strings.Contains(out, "47,50") {
		t.Fatalf("tax 2027 after install: exit %d %s %s", code, out, stderr)
	}
}

func TestParams_Usage(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	if code, _, _ := run(t, "params"); code != 2 {
		t.Errorf("no subcommand: exit %d", code)
	}
	if code, _, stderr := run(t, "params", "install", filepath.Join(t.TempDir(), "nope.json")); code != 1 || stderr == "" {
		t.Errorf("missing file: exit %d %q", code, stderr)
	}
}
