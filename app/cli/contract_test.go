package cli_test

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// assertPrivate checks the 0700 folder and 0600 files of an export, and
// that a PDF passes qpdf --check.
func assertPrivate(t *testing.T, dir string, files ...string) {
	t.Helper()
	if st, err := os.Stat(dir); err != nil || st.Mode().Perm() != 0o700 {
		t.Errorf("folder %s: %v %v", dir, st.Mode().Perm(), err)
	}
	for _, f := range files {
		st, err := os.Stat(f)
		if err != nil {
			t.Errorf("%s: %v", f, err)
			continue
		}
		if st.Mode().Perm() != 0o600 || filepath.Dir(f) != dir {
			t.Errorf("%s: mode %v", f, st.Mode().Perm())
		}
		if strings.HasSuffix(f, ".pdf") {
			if out, err := exec.Command("qpdf", "--check", f).CombinedOutput(); err != nil {
				t.Errorf("qpdf --check %s: %v\n%s", f, err, out)
			}
		}
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			t.Errorf("temporary file left: %s", e.Name())
		}
	}
}

func TestContract_IssueSignAndPDF(t *testing.T) {
	db := demoFile(t)
	dir := filepath.Join(t.TempDir(), "contracten")
	code, out, stderr := run(t, "contract", "--db", db, "--worker", "1003", "--out", dir)
	if code != 0 {
		t.Fatalf("contract: exit %d\n%s\n%s", code, out, stderr)
	}
	pdf := filepath.Join(dir, "contract-1003-1-v1.pdf")
	for _, want := range []string{"Contractregister 1003", "nieuwe overeenkomst", "pl", pdf} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	assertPrivate(t, dir, pdf)
	txt, err := exec.Command("pdftotext", "-raw", pdf, "-").Output()
	if err != nil || !strings.Contains(string(txt), "Umowa o pracę tymczasową") {
		t.Errorf("Polish contract PDF: %v\n%s", err, txt)
	}
	// The register exists: a second call only prints it; signing records the date.
	code, out, stderr = run(t, "contract", "--db", db, "--worker", "1003", "--out", dir, "--sign", "2026-11-20", "--json")
	if code != 0 {
		t.Fatalf("sign: exit %d\n%s", code, stderr)
	}
	var r struct {
		Contracts []struct {
			Version  int    `json:"version"`
			SignedOn string `json:"signed_on"`
			Phase    string `json:"phase"`
		} `json:"contracts"`
		Files []string `json:"files"`
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if len(r.Contracts) != 1 || r.Contracts[0].SignedOn != "2026-11-20" || len(r.Files) != 1 {
		t.Errorf("register %+v", r)
	}
	assertNoWholeBSN(t, out)
	for _, tt := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"contract", "--db", db, "--worker", "9999", "--out", dir}, 1, "bestaat niet"},
		{[]string{"contract", "--db", db, "--worker", "1003"}, 2, "--out"},
		{[]string{"contract", "--db", db, "--out", dir}, 2, "--worker"},
		{[]string{"contract", "--db", db, "--worker", "1003", "--out", dir, "--start", "2026-12-01"}, 2, "--new"},
		{[]string{"contract", "--db", db, "--worker", "1003", "--out", dir, "--sign", "morgen"}, 2, "verwacht een datum"},
		{[]string{"contract", "--db", db, "--worker", "1003", "--out", dir, "--sign", "2026-11-21"}, 1, "al getekend"},
	} {
		code, _, stderr := run(t, tt.args...)
		if code != tt.code || !strings.Contains(stderr, tt.msg) {
			t.Errorf("%v: exit %d (want %d), %s", tt.args[1:], code, tt.code, stderr)
		}
	}
}
