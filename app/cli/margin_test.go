package cli_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestMargin_DemoWeek(t *testing.T) {
	db := demoFile(t)
	for _, args := range [][]string{
		{"payroll", "--db", db, "--period", "2026-W47", "--proof"},
		{"payroll", "--db", db, "--period", "2026-W47", "--approve"},
		{"payroll", "--db", db, "--period", "2026-W47", "--final"},
	} {
		if code, _, stderr := run(t, args...); code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, stderr)
		}
	}
	// Paid, not invoiced yet: estimated.
	code, stdout, stderr := run(t, "margin", "--db", db, "--period", "2026-W47", "--no-ytd")
	if code != 0 || !strings.Contains(stdout, "Marge 2026-W47 — Flexwerk Zuid B.V. (omzet deels geschat)") {
		t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
	}
	// INL01 invoices only with a proof of hours (its workers stay unpaid).
	if code, _, stderr := run(t, "proof", "add", "--db", db, "--hirer", "INL01", "--period", "2026-W47", "--kind", "urenstaat", "--ref", "week47.pdf"); code != 0 {
		t.Fatalf("proof: %s", stderr)
	}
	if code, _, stderr := run(t, "invoice", "--db", db, "--period", "2026-W47", "--issue", "--date", "2026-11-23"); code != 0 {
		t.Fatalf("invoice: %s", stderr)
	}

	out := filepath.Join(t.TempDir(), "export", "marge")
	code, stdout, stderr = run(t, "margin", "--db", db, "--period", "2026-W47", "--out", out, "--fee", "percent:12,5", "--backoffice", "Payroll Partners B.V.")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"Marge 2026-W47 — Flexwerk Zuid B.V. (definitief)", "Omzet", "geen gegevens", "Per inlener:",
		"INL04 Venlo Greenport Kwekerijen V.O.F.", "loonkosten ontbreken", "Margeafrekening met Payroll Partners B.V. (12,50 % van de marge)",
		"Nog niet klaar om goed te keuren", "managementrapportage-2026-W47.xlsx", "margeafrekening-2026-W47.pdf"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("output lacks %q\n%s", want, stdout)
		}
	}
	assertNoBSNOutsidePaths(t, stdout)
	if fi, err := os.Stat(out); err != nil || fi.Mode().Perm() != 0o700 {
		t.Fatalf("folder: %v", err)
	}
	for _, name := range []string{"marge-2026-W47.xlsx", "marge-2026-W47.pdf", "managementrapportage-2026-W47.xlsx",
		"managementrapportage-2026-W47.pdf", "margeafrekening-2026-W47.pdf"} {
		if fi, err := os.Stat(filepath.Join(out, name)); err != nil || fi.Mode().Perm() != 0o600 || fi.Size() < 1000 {
			t.Errorf("%s: %v", name, err)
		}
	}

	// JSON on stdout; the fee stays stored.
	code, stdout, _ = run(t, "margin", "--db", db, "--period", "2026-W47", "--json", "--no-ytd")
	var ov struct {
		Status  string `json:"status"`
		Margins struct {
			Total struct {
				Revenue     string `json:"revenue"`
				Margin      string `json:"margin"`
				CostMissing bool   `json:"cost_missing"`
			} `json:"total"`
			Hirers []struct {
				Key string `json:"key"`
			} `json:"hirers"`
		} `json:"margins"`
		Previous struct {
			Available bool `json:"available"`
		} `json:"previous"`
		Settlement *struct {
			Ready   bool     `json:"ready"`
			Reasons []string `json:"reasons"`
		} `json:"settlement"`
	}
	if code != 0 || json.Unmarshal([]byte(stdout), &ov) != nil {
		t.Fatalf("--json: exit %d\n%.300s", code, stdout)
	}
	if ov.Status != "final" || ov.Margins.Total.Revenue != "30900.77" || len(ov.Margins.Hirers) != 5 || ov.Previous.Available ||
		ov.Settlement == nil || ov.Settlement.Ready {
		t.Errorf("JSON %+v", ov)
	}
	assertNoBSNOutsidePaths(t, stdout)

	// Approving is refused while workers are unpaid; a bad fee is a usage error.
	if code, _, stderr := run(t, "margin", "--db", db, "--period", "2026-W47", "--approve", "--no-ytd"); code != 1 || !strings.Contains(stderr, "niet klaar") {
		t.Errorf("approve: exit %d: %s", code, stderr)
	}
	if code, _, stderr := run(t, "margin", "--db", db, "--fee", "per_month:3"); code != 2 || !strings.Contains(stderr, "--fee") {
		t.Errorf("bad fee: exit %d: %s", code, stderr)
	}
	if code, _, stderr := run(t, "margin", "--db", db, "--fee", "per_hour:-1"); code != 2 || !strings.Contains(stderr, "negatief") {
		t.Errorf("negative fee: exit %d: %s", code, stderr)
	}
}
