package backup_test

import (
	"context"
	"crypto/sha256"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"verloner/app/backup"
	"verloner/app/demo"
	"verloner/app/sqlite"
	"verloner/domain"
)

func demoFile(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "adm", "demo"+sqlite.Ext)
	db, err := demo.Create(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	return path
}

func open(t *testing.T, path string) *sqlite.DB {
	t.Helper()
	db, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	return db
}

func workerCount(t *testing.T, path string) int {
	t.Helper()
	db := open(t, path)
	defer db.Close()
	ws, err := db.Workers(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return len(ws)
}

func addWorker(t *testing.T, db *sqlite.DB, nr string) {
	t.Helper()
	w := &domain.Worker{Number: nr, FirstName: "Na", LastName: "Back-up", BirthDate: domain.Date(1990, 1, 1), Phase: domain.PhaseA,
		Language: domain.Dutch, StartDate: domain.Date(2026, 1, 1)}
	if err := db.SaveWorker(context.Background(), w); err != nil {
		t.Fatal(err)
	}
}

func sum(t *testing.T, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

func mode(t *testing.T, path string) os.FileMode {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Mode().Perm()
}

func TestBackup_CheckedPrivateAndListed(t *testing.T) {
	ctx := context.Background()
	path := demoFile(t)
	db := open(t, path)
	defer db.Close()
	backup.Now = func() time.Time { return time.Date(2026, 11, 25, 11, 0, 0, 0, time.Local) }
	defer func() { backup.Now = time.Now }()
	first, err := backup.Backup(ctx, db, "")
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(filepath.Dir(path), "backups", "demo-20261125-110000"+sqlite.Ext); first != want {
		t.Errorf("backup at %s, want %s", first, want)
	}
	// The same second again gets its own name; nothing is overwritten.
	second, err := backup.Backup(ctx, db, "")
	if err != nil || second == first || !strings.HasSuffix(second, "-2"+sqlite.Ext) {
		t.Fatalf("second backup %s, %v", second, err)
	}
	other := filepath.Join(t.TempDir(), "elders", "bk")
	third, err := backup.Backup(ctx, db, other)
	if err != nil || filepath.Dir(third) != other {
		t.Fatalf("backup to --dir: %s, %v", third, err)
	}
	for _, p := range []string{first, second, third} {
		if m := mode(t, p); m != 0o600 {
			t.Errorf("%s mode %v, want 0600", p, m)
		}
		if m := mode(t, filepath.Dir(p)); m != 0o700 {
			t.Errorf("%s mode %v, want 0700", filepath.Dir(p), m)
		}
		info, err := sqlite.Inspect(ctx, p)
		if err != nil || info.Workers != 25 || info.Agency == "" {
			t.Errorf("backup %s: %+v %v", p, info, err)
		}
		if _, err := os.Stat(p + ".part"); err == nil {
			t.Errorf("temporary file of %s left behind", p)
		}
	}
	// A partial file of a killed backup is not a backup.
	if err := os.WriteFile(filepath.Join(backup.Dir(path), "demo-20261126-090000"+sqlite.Ext+".part"), []byte("half"), 0o600); err != nil {
		t.Fatal(err)
	}
	stale := filepath.Join(backup.Dir(path), "demo-20261120-090000"+sqlite.Ext+".part")
	os.WriteFile(stale, []byte("half, from a killed finalisation"), 0o600)
	old := time.Now().Add(-time.Hour)
	os.Chtimes(stale, old, old)
	list, err := backup.List(backup.Dir(path))
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 2 || list[0].Path != second || list[1].Path != first || list[0].Time.IsZero() {
		t.Errorf("List: %+v", list)
	}
	// The next backup clears what a killed one left long ago, not a fresh one.
	if _, err := backup.Backup(ctx, db, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(stale); err == nil {
		t.Error("a stale .part file was not removed")
	}
	if _, err := os.Stat(filepath.Join(backup.Dir(path), "demo-20261126-090000"+sqlite.Ext+".part")); err != nil {
		t.Error("a recent .part file was removed")
	}
	if l, err := backup.List(filepath.Join(t.TempDir(), "nope")); err != nil || len(l) != 0 {
		t.Errorf("List of a missing folder: %v %v", l, err)
	}
	// The audit log says nothing about backups, but the store's log reads per record.
	entries, err := db.Audit(ctx, "agency", 1)
	if err != nil || len(entries) == 0 || entries[0].User == "" {
		t.Errorf("audit of the agency: %+v %v", entries, err)
	}
}

func TestRestore_ReplacesAndKeepsTheCurrentAside(t *testing.T) {
	ctx := context.Background()
	path := demoFile(t)
	db := open(t, path)
	bk, err := backup.Backup(ctx, db, "")
	if err != nil {
		t.Fatal(err)
	}
	addWorker(t, db, "9001")
	db.Close()
	aside, err := backup.RestoreAside(ctx, path, bk)
	if err != nil {
		t.Fatal(err)
	}
	if n := workerCount(t, path); n != 25 {
		t.Errorf("restored file has %d workers, want the backup's 25", n)
	}
	if n := workerCount(t, aside); n != 26 {
		t.Errorf("the copy aside has %d workers, want 26 (with the worker added after the backup)", n)
	}
	if !strings.Contains(filepath.Base(aside), "-voor-herstel-") || filepath.Dir(aside) != backup.Dir(path) {
		t.Errorf("aside copy at %s", aside)
	}
	if m := mode(t, path); m != 0o600 {
		t.Errorf("restored file mode %v", m)
	}
	if m := mode(t, aside); m != 0o600 {
		t.Errorf("aside copy mode %v", m)
	}
	if _, err := os.Stat(path + ".herstel"); err == nil {
		t.Error("temporary restore file left behind")
	}
	list, _ := backup.List(backup.Dir(path))
	found := false
	for _, in := range list {
		found = found || (in.Path == aside && in.BeforeRestore)
	}
	if !found {
		t.Errorf("List does not show the copy aside: %+v", list)
	}
	// Restoring the copy aside undoes the restore.
	if err := backup.Restore(ctx, path, aside); err != nil {
		t.Fatal(err)
	}
	if n := workerCount(t, path); n != 26 {
		t.Errorf("after undoing: %d workers", n)
	}
	// Onto a path that does not exist yet: nothing to copy aside.
	fresh := filepath.Join(t.TempDir(), "nieuw"+sqlite.Ext)
	if a, err := backup.RestoreAside(ctx, fresh, bk); err != nil || a != "" {
		t.Fatalf("restore to a new path: %q %v", a, err)
	}
	if n := workerCount(t, fresh); n != 25 {
		t.Errorf("restored new file: %d workers", n)
	}
}

// copyState copies a database with its -wal and -shm as a killed process
// leaves them.
func copyState(t *testing.T, from, to string) {
	t.Helper()
	for _, ext := range []string{"", "-wal", "-shm"} {
		b, err := os.ReadFile(from + ext)
		if err != nil {
			if ext != "" && os.IsNotExist(err) {
				continue
			}
			t.Fatal(err)
		}
		if err := os.WriteFile(to+ext, b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
}

func TestRestore_HandlesWriteAheadLogs(t *testing.T) {
	ctx := context.Background()
	path := demoFile(t)
	db := open(t, path)
	bk, err := backup.Backup(ctx, db, "")
	if err != nil {
		t.Fatal(err)
	}
	// The current file's newest changes are only in its -wal (the program
	// was killed): the copy aside must keep them and the restored file must
	// not get the old log replayed onto it.
	addWorker(t, db, "9002")
	crashed := filepath.Join(t.TempDir(), "gecrasht"+sqlite.Ext)
	copyState(t, path, crashed)
	db.Close()
	if fi, err := os.Stat(crashed + "-wal"); err != nil || fi.Size() == 0 {
		t.Fatalf("the test needs a -wal with content: %v", err)
	}
	aside, err := backup.RestoreAside(ctx, crashed, bk)
	if err != nil {
		t.Fatal(err)
	}
	for _, ext := range []string{"-wal", "-shm"} {
		if fi, err := os.Stat(crashed + ext); err == nil && fi.Size() > 0 && ext == "-wal" {
			t.Errorf("old %s left next to the restored file (%d bytes)", ext, fi.Size())
		}
	}
	if n := workerCount(t, crashed); n != 25 {
		t.Errorf("restored: %d workers, want 25", n)
	}
	if n := workerCount(t, aside); n != 26 {
		t.Errorf("aside: %d workers, want 26 (the change that was only in the -wal)", n)
	}
	// A backup that itself comes with a -wal (copied from a running
	// program): its log is part of it.
	db = open(t, path)
	addWorker(t, db, "9003")
	withLog := filepath.Join(t.TempDir(), "met-log"+sqlite.Ext)
	copyState(t, path, withLog)
	db.Close()
	os.Remove(withLog + "-shm")
	if err := backup.Restore(ctx, crashed, withLog); err != nil {
		t.Fatal(err)
	}
	if n := workerCount(t, crashed); n != 27 {
		t.Errorf("restored from a file with its log: %d workers, want 27", n)
	}
}

func TestRestore_RefusesBadFilesAndChangesNothing(t *testing.T) {
	ctx := context.Background()
	path := demoFile(t)
	dir := t.TempDir()
	junk := filepath.Join(dir, "junk"+sqlite.Ext)
	os.WriteFile(junk, []byte("dit is geen database"), 0o600)
	empty := filepath.Join(dir, "leeg"+sqlite.Ext)
	os.WriteFile(empty, nil, 0o600)
	noAgency := filepath.Join(dir, "zonder-bureau"+sqlite.Ext)
	db := open(t, noAgency)
	db.Close()
	newer := filepath.Join(dir, "nieuwer"+sqlite.Ext)
	db = open(t, path)
	if err := db.Backup(ctx, newer); err != nil {
		t.Fatal(err)
	}
	db.Close()
	db = open(t, newer)
	db.Exec(ctx, "PRAGMA user_version = 99")
	db.Close()
	damaged := filepath.Join(dir, "beschadigd"+sqlite.Ext)
	db = open(t, path)
	if err := db.Backup(ctx, damaged); err != nil {
		t.Fatal(err)
	}
	db.Close()
	// Overwrite part of a table's pages in the middle of the file.
	b, _ := os.ReadFile(damaged)
	for i := len(b) / 2; i < len(b)/2+4096 && i < len(b); i++ {
		b[i] = 0x5a
	}
	os.WriteFile(damaged, b, 0o600)

	before := sum(t, path)
	for _, tc := range []struct{ file, msg string }{
		{junk, "geen"},
		{empty, "geen Verloner-administratie"},
		{noAgency, "bureaugegevens"},
		{newer, "nieuwere versie"},
		{damaged, ""},
		{filepath.Join(dir, "bestaat-niet"+sqlite.Ext), "bestaat niet"},
		{path, "de administratie zelf"},
	} {
		err := backup.Restore(ctx, path, tc.file)
		if err == nil || !strings.Contains(domain.ErrorMessage(err)+err.Error(), tc.msg) {
			t.Errorf("restore of %s: %v, want a refusal with %q", filepath.Base(tc.file), err, tc.msg)
		}
		if sum(t, path) != before {
			t.Fatalf("refused restore of %s changed the administration", filepath.Base(tc.file))
		}
		if l, _ := backup.List(backup.Dir(path)); len(l) != 0 {
			t.Fatalf("refused restore of %s copied something aside: %+v", filepath.Base(tc.file), l)
		}
		if _, err := os.Stat(path + ".herstel"); err == nil {
			t.Fatalf("refused restore of %s left its temporary file", filepath.Base(tc.file))
		}
	}
}
