// Package backup is the manual backup and restore use case the GUI's
// settings page and `verloner backup` / `verloner restore` share.
//
// A backup is a consistent copy of the open administration written with
// VACUUM INTO (app.Store Backup) under a timestamped name in the backups
// folder next to the file (the folder finalising a payroll run backs up to),
// then checked read-only. Restore never loses the current file: it checks the
// backup first (read-only: integrity check, a schema this build can open, an
// agency), copies the current file aside under a timestamped name, and
// replaces it by a rename of a whole temporary copy, so that a crash at any
// moment leaves either the old or the restored administration in place. The
// write-ahead log (-wal) and shared-memory (-shm) files of the old file are
// folded into the copy aside and removed, because SQLite would otherwise
// replay the old log onto the restored file.
//
// Backups hold BSNs and IBANs: files are 0600, folders 0700.
package backup

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"verloner/app"
	"verloner/app/sqlite"
	"verloner/domain"
)

// BeforeRestore marks the name of the copy of an administration that a
// restore replaced: "demo-voor-herstel-20261125-110000.verloner".
const BeforeRestore = "voor-herstel"

// Now is the clock used for backup names; tests replace it.
var Now = time.Now

// Dir is the backups folder of the administration at path: "backups" next to it.
func Dir(path string) string { return filepath.Join(filepath.Dir(path), "backups") }

// Backup writes a backup of the open administration into dir (Dir of the
// store's file when dir is "") and checks it. It returns the backup's path.
func Backup(ctx context.Context, st app.Store, dir string) (string, error) {
	if dir == "" {
		dir = Dir(st.Path())
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("back-upmap %s: %w", dir, err)
	}
	removeStaleParts(dir)
	dst := unique(filepath.Join(dir, filepath.Base(app.BackupName(st.Path(), Now()))))
	if err := st.Backup(ctx, dst); err != nil {
		return "", err
	}
	if _, err := sqlite.Inspect(ctx, dst); err != nil {
		return "", fmt.Errorf("back-up %s is niet goed: %w", filepath.Base(dst), err)
	}
	return dst, nil
}

// removeStaleParts removes what backups killed halfway left in dir: .part
// files (sqlite's DB.Backup writes under that name and renames) older than
// ten minutes, so that one being written now is left alone.
func removeStaleParts(dir string) {
	parts, _ := filepath.Glob(filepath.Join(dir, "*"+sqlite.Ext+".part"))
	for _, p := range parts {
		if fi, err := os.Stat(p); err == nil && time.Since(fi.ModTime()) > 10*time.Minute {
			os.Remove(p)
		}
	}
}

// Info is one backup in a folder.
type Info struct {
	Path string
	Name string
	Size int64
	// Time is the moment in the name (local time of the machine that made
	// it), or the file's modification time when the name has none.
	Time time.Time
	// BeforeRestore marks the copy of an administration that a restore replaced.
	BeforeRestore bool

	seq int // 2, 3, … for a name that collided within one second
}

// List returns the backups (*.verloner) in dir, newest first. A folder that
// does not exist has none. Partial files of an interrupted backup (.part)
// are not listed.
func List(dir string) ([]Info, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	} else if err != nil {
		return nil, fmt.Errorf("back-upmap %s: %w", dir, err)
	}
	var out []Info
	for _, e := range entries {
		if e.IsDir() || filepath.Ext(e.Name()) != sqlite.Ext {
			continue
		}
		fi, err := e.Info()
		if err != nil || !fi.Mode().IsRegular() {
			continue
		}
		in := Info{Path: filepath.Join(dir, e.Name()), Name: e.Name(), Size: fi.Size(), Time: fi.ModTime(),
			BeforeRestore: strings.Contains(e.Name(), "-"+BeforeRestore+"-")}
		if t, n, ok := nameTime(e.Name()); ok {
			in.Time, in.seq = t, n
		}
		out = append(out, in)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if !out[i].Time.Equal(out[j].Time) {
			return out[i].Time.After(out[j].Time)
		}
		if out[i].seq != out[j].seq {
			return out[i].seq > out[j].seq
		}
		return out[i].Name > out[j].Name
	})
	return out, nil
}

// nameTime reads the "-20060102-150405" stamp of a backup name and the
// "-2", "-3" that follows it when names collided.
func nameTime(name string) (time.Time, int, bool) {
	base := strings.TrimSuffix(name, filepath.Ext(name))
	parts := strings.Split(base, "-")
	for i := len(parts) - 2; i >= 0 && i >= len(parts)-3; i-- {
		if len(parts[i]) == 8 && len(parts[i+1]) == 6 {
			if t, err := time.ParseInLocation("20060102150405", parts[i]+parts[i+1], time.Local); err == nil {
				seq := 1
				if i+2 < len(parts) {
					seq, _ = strconv.Atoi(parts[i+2])
				}
				return t, seq, true
			}
		}
	}
	return time.Time{}, 0, false
}

// Restore replaces the administration at current by the backup at from.
// See RestoreAside.
func Restore(ctx context.Context, current, from string) error {
	_, err := RestoreAside(ctx, current, from)
	return err
}

// RestoreAside replaces the administration at current by the backup at
// from, and returns where the replaced file was copied to ("" when current
// did not exist). The administration must not be open (close the GUI's store
// first). Steps, each leaving a usable state if the process dies:
//
//  1. check the backup read-only (sqlite.Inspect); refuse a damaged file, a
//     newer schema or a file without an agency;
//  2. copy it to a temporary file next to current (with its -wal, folded in);
//  3. fold current's -wal into current and copy it aside into the backups
//     folder as <name>-voor-herstel-<time>.verloner;
//  4. remove current's -wal and -shm and rename the temporary file over current.
//
// The restored file is opened (and, when it is older, migrated) by the next
// sqlite.Open.
func RestoreAside(ctx context.Context, current, from string) (string, error) {
	if current == "" || from == "" {
		return "", domain.Errorf(domain.EINVALID, "Geef de administratie en de back-up op.")
	}
	cur, err := filepath.Abs(current)
	if err != nil {
		return "", err
	}
	src, err := filepath.Abs(from)
	if err != nil {
		return "", err
	}
	if a, err1 := os.Stat(cur); err1 == nil {
		if b, err2 := os.Stat(src); err2 == nil && os.SameFile(a, b) {
			return "", domain.Errorf(domain.EINVALID, "De back-up is de administratie zelf; kies een ander bestand.")
		}
	}
	if _, err := sqlite.Inspect(ctx, src); err != nil {
		return "", refused(err)
	}
	if err := ctx.Err(); err != nil {
		return "", err
	}
	dir := filepath.Dir(cur)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("map %s: %w", dir, err)
	}

	// 2. A whole temporary copy of the backup next to current.
	tmp := cur + ".herstel"
	removeDB(tmp)
	if err := copyFile(src, tmp); err != nil {
		removeDB(tmp)
		return "", fmt.Errorf("back-up kopiëren: %w", err)
	}
	if fi, err := os.Stat(src + "-wal"); err == nil && fi.Size() > 0 {
		// A backup that was copied with its log: fold the log into the copy.
		if err := copyFile(src+"-wal", tmp+"-wal"); err != nil {
			removeDB(tmp)
			return "", fmt.Errorf("back-up kopiëren: %w", err)
		}
		if err := sqlite.Checkpoint(ctx, tmp); err != nil {
			removeDB(tmp)
			return "", fmt.Errorf("back-up kopiëren: %w", err)
		}
		os.Remove(tmp + "-wal")
		os.Remove(tmp + "-shm")
		if err := syncFile(tmp); err != nil {
			removeDB(tmp)
			return "", err
		}
	}
	if _, err := sqlite.Inspect(ctx, tmp); err != nil {
		removeDB(tmp)
		return "", refused(err)
	}

	// 3. The current file aside, whole.
	aside := ""
	if _, err := os.Stat(cur); err == nil {
		if err := sqlite.Checkpoint(ctx, cur); err != nil && domain.ErrorCode(err) == domain.ECONFLICT {
			removeDB(tmp)
			return "", err
		}
		// A file that cannot be opened (damaged: the reason to restore) is
		// copied as it is, with its log.
		base := filepath.Base(cur)
		ext := filepath.Ext(base)
		stamp := Now().Format("20060102-150405")
		aside = unique(filepath.Join(Dir(cur), strings.TrimSuffix(base, ext)+"-"+BeforeRestore+"-"+stamp+ext))
		if err := os.MkdirAll(Dir(cur), 0o700); err != nil {
			removeDB(tmp)
			return "", fmt.Errorf("back-upmap: %w", err)
		}
		if err := copyFile(cur, aside); err != nil {
			removeDB(tmp)
			os.Remove(aside)
			return "", fmt.Errorf("huidige administratie veiligstellen: %w", err)
		}
		if fi, err := os.Stat(cur + "-wal"); err == nil && fi.Size() > 0 {
			if err := copyFile(cur+"-wal", aside+"-wal"); err != nil {
				removeDB(tmp)
				removeDB(aside)
				return "", fmt.Errorf("huidige administratie veiligstellen: %w", err)
			}
		}
		syncDir(Dir(cur))
	} else if !errors.Is(err, os.ErrNotExist) {
		removeDB(tmp)
		return "", err
	}

	// 4. Replace. The old log must not be replayed onto the restored file.
	for _, ext := range []string{"-wal", "-shm"} {
		if err := os.Remove(cur + ext); err != nil && !errors.Is(err, os.ErrNotExist) {
			removeDB(tmp)
			return aside, fmt.Errorf("herstel: %s verwijderen: %w", filepath.Base(cur+ext), err)
		}
	}
	if err := os.Rename(tmp, cur); err != nil {
		removeDB(tmp)
		return aside, fmt.Errorf("herstel: %w", err)
	}
	syncDir(dir)
	return aside, nil
}

// refused says that a restore was refused and why, keeping the error's code.
func refused(err error) error {
	code := domain.ErrorCode(err)
	if code == domain.EINTERNAL {
		return fmt.Errorf("herstel geweigerd: %w", err)
	}
	return domain.Errorf(code, "Herstel geweigerd: %s Er is niets veranderd.", domain.ErrorMessage(err))
}

// unique returns path, or path with "-2", "-3", … before the extension when
// a file of that name exists.
func unique(path string) string {
	ext := filepath.Ext(path)
	name := path
	for i := 2; ; i++ {
		if _, err := os.Lstat(name); errors.Is(err, os.ErrNotExist) {
			return name
		}
		name = strings.TrimSuffix(path, ext) + "-" + strconv.Itoa(i) + ext
	}
}

// copyFile copies src to a new file dst (0600) and flushes it to disk.
func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}

// removeDB removes a database file with its log files.
func removeDB(path string) {
	for _, ext := range []string{"", "-wal", "-shm", "-journal"} {
		os.Remove(path + ext)
	}
}
