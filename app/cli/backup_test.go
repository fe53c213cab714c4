package cli_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestBackupListRestore(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "demo.verloner")
	if code, _, stderr := run(t, "demo", "--db", db); code != 0 {
		t.Fatal(stderr)
	}
	code, out, stderr := run(t, "backup", "--db", db, "--json")
	if code != 0 {
		t.Fatalf("backup: exit %d: %s", code, stderr)
	}
	var res map[string]string
	if err := json.Unmarshal([]byte(out), &res); err != nil || !strings.HasPrefix(res["backup"], filepath.Join(dir, "backups")) {
		t.Fatalf("backup --json: %v %s", err, out)
	}
	bk := res["backup"]
	other := filepath.Join(dir, "elders")
	if code, out, _ := run(t, "backup", "--db", db, "--dir", other); code != 0 || !strings.Contains(out, other) {
		t.Errorf("backup --dir: exit %d: %s", code, out)
	}
	if code, out, _ := run(t, "backup", "--db", db, "--list"); code != 0 || !strings.Contains(out, bk) {
		t.Errorf("backup --list: exit %d:\n%s", code, out)
	}
	code, out, stderr = run(t, "restore", "--db", db, bk)
	if code != 0 || !strings.Contains(out, "teruggezet") || !strings.Contains(out, "voor-herstel") {
		t.Fatalf("restore: exit %d: %s %s", code, out, stderr)
	}
	code, out, _ = run(t, "backup", "--db", db, "--list", "--json")
	if code != 0 || !strings.Contains(out, `"before_restore": true`) {
		t.Errorf("list after restore: %s", out)
	}
	// A file that is not an administration is refused; nothing changes.
	junk := filepath.Join(dir, "junk.verloner")
	os.WriteFile(junk, []byte("nee"), 0o600)
	before, _ := os.ReadFile(db)
	code, _, stderr = run(t, "restore", "--db", db, junk)
	if code != 1 || !strings.Contains(stderr, "Herstel geweigerd") {
		t.Errorf("restore of junk: exit %d: %s", code, stderr)
	}
	if after, _ := os.ReadFile(db); string(after) != string(before) {
		t.Error("a refused restore changed the administration")
	}
	if code, _, _ := run(t, "restore", "--db", db); code != 2 {
		t.Errorf("restore without a file: exit %d, want 2", code)
	}
}
