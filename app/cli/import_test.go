package cli_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"verloner/app/sqlite"
	"verloner/domain"
)

func writeFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func hourCount(t *testing.T, db string) int {
	t.Helper()
	st, err := sqlite.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ls, err := st.HourLines(context.Background(), domain.Date(2026, 11, 23), domain.Date(2026, 11, 29))
	if err != nil {
		t.Fatal(err)
	}
	return len(ls)
}

func TestImportHours_PreviewCommitDuplicateJSON(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "demo.verloner")
	if code, _, stderr := run(t, "demo", "--db", db); code != 0 {
		t.Fatal(stderr)
	}
	sheet := writeFile(t, dir, "week48.csv", "Pers.nr;Datum;Normaal;150 %;km\nBL-4411;23-11-2026;8;1,5;34\nBL-4412;24-11-2026;7,5;;\n")

	code, out, stderr := run(t, "import", "hours", sheet, "--db", db, "--hirer", "INL01")
	if code != 0 || !strings.Contains(out, "nieuwe urenregels: 4") || !strings.Contains(out, "Niets opgeslagen") {
		t.Fatalf("preview exit %d\n%s%s", code, out, stderr)
	}
	if n := hourCount(t, db); n != 0 {
		t.Fatalf("preview wrote %d lines", n)
	}
	code, out, stderr = run(t, "import", "hours", sheet, "--db", db, "--hirer", "INL01", "--commit", "--save-template", "Weekstaat INL01")
	if code != 0 || !strings.Contains(out, "Opgeslagen: 4 toegevoegd") {
		t.Fatalf("commit exit %d\n%s%s", code, out, stderr)
	}
	if n := hourCount(t, db); n != 4 {
		t.Fatalf("%d lines stored, want 4", n)
	}
	code, out, _ = run(t, "import", "hours", sheet, "--db", db, "--hirer", "INL01", "--template", "Weekstaat INL01", "--commit", "--json")
	var rep struct {
		Duplicate bool `json:"duplicate"`
		Counts    struct{ OK, Warning, Error, Lines int }
		Messages  []map[string]any `json:"messages"`
		Result    struct{ Duplicate bool }
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("--json is not JSON: %v\n%s", err, out)
	}
	if code != 0 || !rep.Duplicate || !rep.Result.Duplicate || rep.Counts.OK != 2 || len(rep.Messages) != 1 || rep.Messages[0]["key"] != "import.duplicate" {
		t.Fatalf("second import exit %d: %+v", code, rep)
	}
	if n := hourCount(t, db); n != 4 {
		t.Fatalf("%d lines after the same file again, want 4", n)
	}
}

func TestImportHours_ErrorsExitOneAndWriteNothing(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "demo.verloner")
	if code, _, stderr := run(t, "demo", "--db", db); code != 0 {
		t.Fatal(stderr)
	}
	bad := writeFile(t, dir, "fout.csv", "Personeelsnummer;Datum;Uren\n1001;23-11-2026;8\n9999;23-11-2026;8\n1001;32-11-2026;8\n")
	xls := filepath.Join(dir, "oud.xls")
	if err := os.WriteFile(xls, append([]byte{0xD0, 0xCF, 0x11, 0xE0}, make([]byte, 512)...), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		out  string
		err  string
	}{
		{"row errors", []string{"import", "hours", bad, "--db", db}, "rij 3", "2 rijen met fouten"},
		{"row errors, commit refused", []string{"import", "hours", bad, "--db", db, "--commit"}, "uitzendkracht 9999 niet gevonden", "niets opgeslagen"},
		{"english", []string{"import", "hours", bad, "--db", db, "--lang", "en"}, "row 4, column B (Datum): date \"32-11-2026\" not recognised", ""},
		{"xls", []string{"import", "hours", xls, "--db", db}, "", "oud Excel-formaat (.xls): sla op als .xlsx"},
		{"missing file", []string{"import", "hours", filepath.Join(dir, "nope.csv"), "--db", db}, "", "niet gevonden"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, stderr := run(t, tt.args...)
			if code != 1 || !strings.Contains(out, tt.out) || !strings.Contains(stderr, tt.err) {
				t.Errorf("exit %d\nstdout %s\nstderr %s", code, out, stderr)
			}
		})
	}
	code, out, _ := run(t, "import", "hours", bad, "--db", db, "--json")
	var rep map[string]any
	if err := json.Unmarshal([]byte(out), &rep); err != nil || code != 1 {
		t.Fatalf("--json with errors: exit %d, %v", code, err)
	}
	if c := rep["counts"].(map[string]any); c["error"].(float64) != 2 || c["ok"].(float64) != 1 {
		t.Errorf("counts %v", c)
	}
	if n := hourCount(t, db); n != 0 {
		t.Fatalf("%d lines written by failing imports", n)
	}
	if code, _, _ := run(t, "import", "hours", bad, "--db", db, "--commit", "--skip-errors"); code != 1 || hourCount(t, db) != 1 {
		t.Errorf("--skip-errors: exit %d, %d lines", code, hourCount(t, db))
	}
}

func TestImportPlacements_Command(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "demo.verloner")
	if code, _, stderr := run(t, "demo", "--db", db); code != 0 {
		t.Fatal(stderr)
	}
	list := writeFile(t, dir, "plaatsingen.csv", "Employee number,BSN,Last name,First name,Hirer,Placement,Start date,Hourly wage,Bill rate\n"+
		"1026,111222333,Jansen,Eva,INL01,PL0526,2026-11-23,15.85,27.90\n")
	code, out, stderr := run(t, "import", "placements", list, "--db", db, "--commit")
	if code != 0 || !strings.Contains(out, "nieuw: 1/0/1") {
		t.Fatalf("exit %d\n%s%s", code, out, stderr)
	}
	if strings.Contains(out, "111222333") {
		t.Error("whole BSN printed")
	}
	_, out, _ = run(t, "list", "placements", "--db", db)
	if !strings.Contains(out, "PL0526") {
		t.Errorf("placement not listed:\n%s", out)
	}
}
