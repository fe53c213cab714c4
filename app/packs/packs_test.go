package packs_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"verloner/app/packs"
	"verloner/domain"
)

// pack2027 is the built-in 2026 pack relabelled as 2027: a well-formed pack
// for a year the release does not know.
func pack2027(t *testing.T) []byte {
	t.Helper()
	data, err := os.ReadFile("../../domain/params/packs/2026.json")
	if err != nil {
		t.Fatal(err)
	}
	s := strings.ReplaceAll(string(data), `"year": 2026`, `"year": 2027`)
	s = strings.ReplaceAll(s, `2026-`, `2027-`)
	return []byte(s)
}

func TestInstall_NewYearWithoutRelease(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "params")
	set, infos, problems := packs.Load(dir)
	if len(problems) != 0 || len(infos) != 2 {
		t.Fatalf("built-in: %v %v", infos, problems)
	}
	if _, err := set.For(domain.Date(2027, 1, 7)); !packs.ErrNoPack(err) {
		t.Fatalf("2027 without a pack: %v", err)
	}
	src := filepath.Join(t.TempDir(), "loonheffing-2027.json")
	if err := os.WriteFile(src, pack2027(t), 0o644); err != nil {
		t.Fatal(err)
	}
	p, replaced, err := packs.Install(dir, src, set)
	if err != nil {
		t.Fatal(err)
	}
	if p.Year() != 2027 || replaced {
		t.Errorf("installed year %d, replaced %v", p.Year(), replaced)
	}
	if _, err := set.For(domain.Date(2027, 1, 7)); err != nil {
		t.Errorf("2027 after install: %v", err)
	}
	st, err := os.Stat(filepath.Join(dir, "2027.json"))
	if err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("stored pack: %v %v", st, err)
	}
	// A new start sees it too, with its origin.
	set2, infos, problems := packs.Load(dir)
	if len(problems) != 0 || len(infos) != 3 || infos[2].Origin == "ingebouwd" {
		t.Fatalf("reload: %+v %v", infos, problems)
	}
	if _, err := set2.For(domain.Date(2027, 6, 1)); err != nil {
		t.Error(err)
	}
}

func TestInstall_RefusesBrokenPackAndKeepsNothing(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "params")
	src := filepath.Join(t.TempDir(), "bad.json")
	bad := strings.Replace(string(pack2027(t)), `"table_step": "54",`, ``, 1)
	if err := os.WriteFile(src, []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	_, _, err := packs.Install(dir, src, nil)
	if err == nil || !strings.Contains(err.Error(), "table_step") {
		t.Fatalf("err = %v, want the missing key named", err)
	}
	if files, _ := filepath.Glob(filepath.Join(dir, "*")); len(files) != 0 {
		t.Errorf("broken pack left files: %v", files)
	}
	// A broken file already in the folder is reported, not fatal.
	os.MkdirAll(dir, 0o700)
	os.WriteFile(filepath.Join(dir, "2028.json"), []byte("{"), 0o600)
	set, infos, problems := packs.Load(dir)
	if set == nil || len(infos) != 2 || len(problems) != 1 {
		t.Errorf("load with a broken file: %d infos, problems %v", len(infos), problems)
	}
}
