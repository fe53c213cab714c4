package cli_test

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"verloner/app/cli"
	"verloner/domain"
)

// run executes a verloner command line and returns exit code, stdout and stderr.
func run(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := cli.Main(context.Background(), &cli.Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb}, args)
	return code, out.String(), errb.String()
}

func TestDemoThenListWorkersJSON_MasksIdentifiers(t *testing.T) {
	db := filepath.Join(t.TempDir(), "demo.verloner")
	if code, out, stderr := run(t, "demo", "--db", db); code != 0 {
		t.Fatalf("demo: exit %d, %s %s", code, out, stderr)
	}
	code, out, stderr := run(t, "list", "workers", "--db", db, "--json")
	if code != 0 {
		t.Fatalf("list: exit %d: %s", code, stderr)
	}
	var rows []map[string]any
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		t.Fatalf("list --json is not JSON: %v\n%s", err, out)
	}
	if len(rows) != 25 {
		t.Fatalf("%d workers listed, want 25", len(rows))
	}
	for _, r := range rows {
		bsn, _ := r["bsn"].(string)
		iban, _ := r["iban"].(string)
		if bsn != "" && !strings.HasPrefix(bsn, "******") {
			t.Errorf("BSN not masked: %q", bsn)
		}
		if iban != "" && !strings.Contains(iban, "**") {
			t.Errorf("IBAN not masked: %q", iban)
		}
	}
	// No whole valid BSN may appear anywhere in the output.
	for _, tok := range strings.FieldsFunc(out, func(r rune) bool { return r < '0' || r > '9' }) {
		if len(tok) == 9 && domain.ValidBSN(tok) {
			t.Errorf("output contains a whole BSN %s", tok)
		}
	}
}

func TestListHirersAndPlacements_Table(t *testing.T) {
	db := filepath.Join(t.TempDir(), "demo.verloner")
	if code, _, stderr := run(t, "demo", "--db", db); code != 0 {
		t.Fatal(stderr)
	}
	code, out, _ := run(t, "list", "hirers", "--db", db)
	if code != 0 || !strings.Contains(out, "Kempen Bouwtechniek B.V.") || strings.Count(out, "\n") != 6 {
		t.Errorf("hirers table (exit %d):\n%s", code, out)
	}
	code, out, _ = run(t, "list", "--db", db, "placements")
	if code != 0 || !strings.Contains(out, "PL0501") || !strings.Contains(out, "15.85") {
		t.Errorf("placements table (exit %d):\n%s", code, out)
	}
}

func TestErrors_ClearAndNonZero(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"unknown command", []string{"frobnicate"}, 2, "onbekend commando"},
		{"missing db", []string{"list", "workers"}, 1, "--db"},
		{"db does not exist", []string{"list", "workers", "--db", filepath.Join(dir, "nope.verloner")}, 1, "niet gevonden"},
		{"unknown list", []string{"list", "cats", "--db", filepath.Join(dir, "x.verloner")}, 2, "onbekende lijst"},
		{"demo over existing", []string{"demo", "--db", filepath.Join(dir, "twice.verloner")}, 0, ""},
		{"demo twice", []string{"demo", "--db", filepath.Join(dir, "twice.verloner")}, 1, "bestaat al"},
	}
	// "unknown list" needs an existing administration.
	if code, _, stderr := run(t, "demo", "--db", filepath.Join(dir, "x.verloner")); code != 0 {
		t.Fatal(stderr)
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
