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
	"verloner/domain/checks"
	"verloner/importers"
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

	// Checks storage.
	//
	// What the weekly checklist (app/checking, domain/checks) reads besides
	// master data and hours, the user's decisions on findings, and the stored
	// checklists that payroll runs refer to.
	SickReports(ctx context.Context, from, to time.Time) ([]*domain.SickReport, error) // spells overlapping from..to
	SaveSickReport(ctx context.Context, r *domain.SickReport) error
	Advances(ctx context.Context, workerID int64) ([]*domain.Advance, error) // workerID 0: everyone
	SaveAdvance(ctx context.Context, a *domain.Advance) error
	Deductions(ctx context.Context, p domain.Period) ([]*domain.Deduction, error)
	SaveDeduction(ctx context.Context, d *domain.Deduction) error
	HourProofs(ctx context.Context, p domain.Period) ([]checks.HourProof, error)
	SaveHourProof(ctx context.Context, pr *checks.HourProof) error
	RateChanges(ctx context.Context, since time.Time) ([]checks.RateChange, error)
	Confirmations(ctx context.Context, p domain.Period) ([]checks.Confirmation, error) // incl. those for every period
	SaveConfirmation(ctx context.Context, c *checks.Confirmation) error
	DeleteConfirmation(ctx context.Context, id int64) error
	CheckSettings(ctx context.Context) (checks.Settings, error)
	SaveCheckSettings(ctx context.Context, s checks.Settings) error
	SaveChecklist(ctx context.Context, cl *checks.Checklist) error
	Checklist(ctx context.Context, id int64) (*checks.Checklist, error)
	LatestChecklist(ctx context.Context, p domain.Period) (*checks.Checklist, error) // nil, nil when none
	ChecklistRuns(ctx context.Context, p domain.Period) ([]checks.Summary, error)    // newest first

	Backup(ctx context.Context, dst string) error
	Path() string
	Close() error

	// Import storage.
	//
	// An import is previewed from these reads and committed by one call, in
	// one transaction, so that a failure leaves the administration as it was.
	ImportFiles(ctx context.Context) ([]*ImportFile, error)
	ImportFileByHash(ctx context.Context, hash string) (*ImportFile, error) // nil, nil when never imported
	ImportedHourLines(ctx context.Context, from, to time.Time) ([]*ImportedHourLine, error)
	CommitHourImport(ctx context.Context, imp *HourImport) error
	BeginHourImport(ctx context.Context, f *ImportFile) (HourImportTx, error)
	CommitMasterDataImport(ctx context.Context, imp *MasterDataImport) error
	ImportTemplates(ctx context.Context, kind string) ([]*importers.Template, error)
	SaveImportTemplate(ctx context.Context, t *importers.Template) error
	DeleteImportTemplate(ctx context.Context, hirerNumber, name string) error
}

// Import storage.

// ImportFile records one imported file by its content hash, so that the same
// file again adds nothing and a changed file for the same hirer and period can
// replace the lines of the earlier one.
type ImportFile struct {
	ID         int64
	Hash       string // sha256 of the content, hex
	FileName   string
	Kind       string // importers.KindHours or importers.KindPlacements
	HirerID    int64  // 0: the file covers several hirers or none
	From, To   time.Time
	Template   string
	Source     string // identity beyond hirer + period whose later versions replace earlier ones ("setu:" + timecard id)
	LineCount  int
	Status     string // "active" or "replaced"
	ReplacedBy int64
	ImportedAt time.Time
	User       string
}

// ImportedHourLine is an hour line with what an import needs to know about
// its origin: the import file it came from (0 for lines entered otherwise) and
// its key in that source (the SETU interval id).
type ImportedHourLine struct {
	Line   *domain.HourLine
	FileID int64
	Key    string
}

// HourImport is everything one committed hour file writes: the file record,
// the new lines, the existing lines it voids (a cancelled row, a SETU Void or
// Change, or the lines of the earlier file it replaces) and the earlier files
// it replaces. Voiding a line that was paid in the meantime fails the commit.
type HourImport struct {
	File     ImportFile
	Lines    []ImportedHourLine
	Void     []int64
	Replaces []int64
}

// HourImportTx is an hour import being written while its file is still
// read, so that a big file's parsing and storing overlap. Nothing of it is
// visible before Finish commits; Rollback (or a failed Finish) leaves nothing.
type HourImportTx interface {
	AddLines(ctx context.Context, lines []ImportedHourLine) error
	// Finish adds imp.Lines, voids imp.Void, marks imp.Replaces replaced,
	// stores imp.File's hirer, period, template and source, and commits.
	Finish(ctx context.Context, imp *HourImport) error
	Rollback() error
}

// MasterDataImport is everything one committed placement list writes.
// Workers and hirers with ID 0 are created, others updated (the caller passes
// the whole record, loaded and changed). Placements name their worker and
// hirer by number, because both may be created in the same import.
type MasterDataImport struct {
	File       ImportFile
	Workers    []*domain.Worker
	Hirers     []*domain.Hirer
	Placements []PlacementImport
	Aliases    []AliasImport
}

// PlacementImport is a placement with its worker and hirer by number.
type PlacementImport struct {
	Placement    *domain.Placement
	WorkerNumber string
	HirerNumber  string
}

// AliasImport sets a hirer's own personnel number for one of our workers.
type AliasImport struct {
	HirerNumber  string
	WorkerNumber string
	Code         string
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
