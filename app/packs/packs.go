// Package packs keeps the legal parameter packs the program uses: the ones
// built into this release (domain/params) plus the ones a user loaded for a
// later year or a corrected edition, stored as JSON files in the data folder.
// A new tax year therefore needs a pack file, not a new release.
package packs

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"

	"verloner/domain"
	"verloner/domain/params"
)

// Dir is the folder of user-loaded packs inside the data folder.
func Dir(dataDir string) string { return filepath.Join(dataDir, "params") }

// Info describes one pack for lists (GUI settings, `verloner params list`).
type Info struct {
	Year      int    `json:"year"`
	Title     string `json:"title"`
	Reference string `json:"reference"`
	Origin    string `json:"origin"` // "ingebouwd" or the file it was loaded from
}

// Load returns the built-in packs overlaid with every valid pack file in dir.
// A file that fails the strict check is reported in problems and skipped, so
// one bad download never stops payroll for the years that are fine.
func Load(dir string) (set *params.Set, infos []Info, problems []error) {
	set, err := params.Builtin()
	if err != nil {
		return nil, nil, []error{fmt.Errorf("ingebouwde parameterpakketten: %w", err)}
	}
	origin := map[int]string{}
	for _, y := range set.Years() {
		origin[y] = "ingebouwd"
	}
	var files []string
	if dir != "" {
		files, _ = filepath.Glob(filepath.Join(dir, "*.json"))
	}
	sort.Strings(files)
	for _, f := range files {
		p, err := loadFile(f)
		if err != nil {
			problems = append(problems, err)
			continue
		}
		set.Add(p)
		origin[p.Year()] = f
	}
	for _, y := range set.Years() {
		p, _ := set.Year(y)
		infos = append(infos, Info{Year: y, Title: p.Title(), Reference: p.Reference(), Origin: origin[y]})
	}
	return set, infos, problems
}

func loadFile(path string) (*params.Pack, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("parameterpakket %s: %w", path, err)
	}
	if len(data) > 4<<20 {
		return nil, domain.Errorf(domain.EINVALID, "parameterpakket %s is groter dan 4 MB: dit is geen parameterpakket", filepath.Base(path))
	}
	return params.Load(filepath.Base(path), data)
}

// Install checks the pack file at src strictly and copies it into dir as
// <year>.json (0600), replacing an earlier loaded pack of that year. It
// returns the pack and whether it replaces a pack the program already had.
func Install(dir, src string, current *params.Set) (*params.Pack, bool, error) {
	p, err := loadFile(src)
	if err != nil {
		return nil, false, err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, false, fmt.Errorf("map voor parameterpakketten: %w", err)
	}
	data, err := os.ReadFile(src)
	if err != nil {
		return nil, false, err
	}
	dst := filepath.Join(dir, strconv.Itoa(p.Year())+".json")
	tmp := dst + ".tmp"
	if err := os.WriteFile(tmp, data, 0o600); err != nil {
		return nil, false, fmt.Errorf("parameterpakket opslaan: %w", err)
	}
	if err := os.Rename(tmp, dst); err != nil {
		os.Remove(tmp)
		return nil, false, fmt.Errorf("parameterpakket opslaan: %w", err)
	}
	replaced := false
	if current != nil {
		_, err := current.Year(p.Year())
		replaced = err == nil
		current.Add(p)
	}
	return p, replaced, nil
}

// ErrNoPack reports whether err is the refusal for a date without a pack.
func ErrNoPack(err error) bool {
	var e *domain.Error
	return errors.As(err, &e) && e.Code == domain.ENOTFOUND
}
