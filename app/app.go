// Package app ties Verloner together: the use cases the GUI and the command
// line share, the Store interface the database implements, and where an
// administration lives on disk. Subpackages: sqlite (storage), demo (the demo
// administration), cli (headless commands) and gui (the Fyne desktop screens).
package app

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"time"

	"verloner/domain"
)

// Store is everything the use cases need from an administration's storage.
// app/sqlite implements it; a PostgreSQL implementation for backoffice firms
// with several users can follow behind the same interface.
type Store interface {
	Agency(ctx context.Context) (*domain.Agency, error)
	SaveAgency(ctx context.Context, a *domain.Agency) error

	Workers(ctx context.Context) ([]*domain.Worker, error)
	Worker(ctx context.Context, id int64) (*domain.Worker, error)
	SaveWorker(ctx context.Context, w *domain.Worker) error

	Hirers(ctx context.Context) ([]*domain.Hirer, error)
	Hirer(ctx context.Context, id int64) (*domain.Hirer, error)
	SaveHirer(ctx context.Context, h *domain.Hirer) error

	Placements(ctx context.Context) ([]*domain.Placement, error)
	Placement(ctx context.Context, id int64) (*domain.Placement, error)
	SavePlacement(ctx context.Context, p *domain.Placement) error

	HourLines(ctx context.Context, from, to time.Time) ([]*domain.HourLine, error)
	AddHourLines(ctx context.Context, lines []*domain.HourLine) error
	LatestWorkDate(ctx context.Context) (time.Time, error)

	Backup(ctx context.Context, dst string) error
	Path() string
	Close() error
}

// DataDir is the per-user folder where administrations, backups and exports
// live: $XDG_DATA_HOME/verloner (~/.local/share/verloner) on Linux,
// ~/Library/Application Support/Verloner on macOS, %AppData%\Verloner on Windows.
func DataDir() (string, error) {
	switch runtime.GOOS {
	case "windows", "darwin":
		dir, err := os.UserConfigDir()
		if err != nil {
			return "", err
		}
		return filepath.Join(dir, "Verloner"), nil
	}
	if x := os.Getenv("XDG_DATA_HOME"); x != "" {
		return filepath.Join(x, "verloner"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(home, ".local", "share", "verloner"), nil
}

// BackupName is the timestamped file name of an automatic backup of path.
func BackupName(path string, at time.Time) string {
	base := filepath.Base(path)
	ext := filepath.Ext(base)
	return filepath.Join(filepath.Dir(path), "backups", base[:len(base)-len(ext)]+"-"+at.Format("20060102-150405")+ext)
}
