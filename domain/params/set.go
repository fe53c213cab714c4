package params

import (
	"embed"
	"fmt"
	"sort"
	"sync"
	"time"

	"verloner/domain"
)

//go:embed packs/*.json
var builtinPacks embed.FS

// builtinYears are the packs shipped with this release.
var builtinYears = []int{2025, 2026}

// Set holds the packs the program knows, at most one per tax year. It is safe
// for concurrent use.
type Set struct {
	mu    sync.RWMutex
	packs map[int]*Pack
}

// NewSet returns an empty set.
func NewSet() *Set { return &Set{packs: map[int]*Pack{}} }

// Builtin returns a set with the packs shipped in the binary (2025 and 2026),
// loaded with the same strict rules as a user's file. An error here is a bug in
// the release.
func Builtin() (*Set, error) {
	builtinOnce.Do(func() { builtinLoaded, builtinErr = loadBuiltin() })
	if builtinErr != nil {
		return nil, builtinErr
	}
	s := NewSet()
	for _, p := range builtinLoaded {
		s.Add(p)
	}
	return s, nil
}

// The built-in packs are parsed once per process: a Pack is immutable, and the
// engines cache per-pack tables keyed by the *Pack, so handing out the same
// pointers keeps those caches from growing with every new Set.
var (
	builtinOnce   sync.Once
	builtinLoaded []*Pack
	builtinErr    error
)

func loadBuiltin() ([]*Pack, error) {
	var out []*Pack
	for _, y := range builtinYears {
		name := fmt.Sprintf("%d.json", y)
		data, err := builtinPacks.ReadFile("packs/" + name)
		if err != nil {
			return nil, fmt.Errorf("ingebouwd parameterpakket %s: %w", name, err)
		}
		p, err := Load(name, data)
		if err != nil {
			return nil, fmt.Errorf("ingebouwd parameterpakket: %w", err)
		}
		if p.Year() != y {
			return nil, fmt.Errorf("ingebouwd parameterpakket %s bevat jaar %d", name, p.Year())
		}
		out = append(out, p)
	}
	return out, nil
}

// Add puts a pack in the set, replacing the pack of the same year if there is
// one (a corrected edition, or a newer year such as 2027 loaded by the user
// without a new release). It returns the pack it replaced, or nil.
func (s *Set) Add(p *Pack) (replaced *Pack) {
	s.mu.Lock()
	defer s.mu.Unlock()
	replaced = s.packs[p.Year()]
	s.packs[p.Year()] = p
	return replaced
}

// Year returns the pack of a tax year, or an error in Dutch telling the user
// to load it. It never falls back to another year: last year's brackets and
// credits would silently give wrong wage tax.
func (s *Set) Year(year int) (*Pack, error) {
	s.mu.RLock()
	p := s.packs[year]
	s.mu.RUnlock()
	if p == nil {
		return nil, domain.Errorf(domain.ENOTFOUND,
			"geen loonheffingsparameters voor %d: laad het parameterpakket %d (Instellingen → Parameters)", year, year)
	}
	return p, nil
}

// For returns the pack that covers a date. For wage tax pass the date the wage
// is paid (the genietingsmoment decides the tax year), not the date the hours
// were worked.
func (s *Set) For(date time.Time) (*Pack, error) { return s.Year(date.Year()) }

// Years lists the years in the set, in ascending order.
func (s *Set) Years() []int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	ys := make([]int, 0, len(s.packs))
	for y := range s.packs {
		ys = append(ys, y)
	}
	sort.Ints(ys)
	return ys
}
