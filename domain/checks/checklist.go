package checks

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"
)

// Finding is one rule hit in a checklist. WorkerID, HirerID and PlacementID
// say what the finding is about (any may be 0); Workers lists further workers
// whose payroll a hirer-level finding affects.
type Finding struct {
	Rule        string    `json:"rule"`
	Severity    Severity  `json:"severity"`
	Gates       []Gate    `json:"gates"`
	WorkerID    int64     `json:"worker_id,omitempty"`
	HirerID     int64     `json:"hirer_id,omitempty"`
	PlacementID int64     `json:"placement_id,omitempty"`
	Placement   string    `json:"placement,omitempty"` // placement number, for display
	Workers     []int64   `json:"workers,omitempty"`
	Date        time.Time `json:"date,omitzero"` // the work date, when the finding is about one day
	Ref         string    `json:"ref,omitempty"` // the record it is about: "voorschot 12", "inhouding 3"
	Message     Text      `json:"message"`
	Hint        Text      `json:"hint"`
	Confirmed   bool      `json:"confirmed,omitempty"` // a warning the user confirmed
	Note        string    `json:"note,omitempty"`      // the confirmation's note
}

// Blocks reports whether the finding stops gate g: an unconfirmed blocker that names g.
func (f *Finding) Blocks(g Gate) bool {
	return f.Severity == Blocker && !f.Confirmed && slices.Contains(f.Gates, g)
}

// Concerns reports whether the finding is about worker id (directly or as an
// affected worker of a hirer-level finding).
func (f *Finding) Concerns(workerID int64) bool {
	return workerID != 0 && (f.WorkerID == workerID || slices.Contains(f.Workers, workerID))
}

// Key identifies the finding within its checklist, for confirmations and for
// comparing two runs of the same period.
func (f *Finding) Key() string {
	k := fmt.Sprintf("%s/w%d/h%d/p%d", f.Rule, f.WorkerID, f.HirerID, f.PlacementID)
	if !f.Date.IsZero() {
		k += "/" + f.Date.Format("2006-01-02")
	}
	if f.Ref != "" {
		k += "/" + f.Ref
	}
	return k
}

// WorkerRef names a worker in a stored checklist, so that it reads on its own
// after the master data has changed. HirerID is the hirer the worker worked
// for most in the period (0: none), under which the worker is grouped.
type WorkerRef struct {
	ID      int64  `json:"id"`
	Number  string `json:"number"`
	Name    string `json:"name"`
	HirerID int64  `json:"hirer_id,omitempty"`
}

// HirerRef names a hirer in a stored checklist.
type HirerRef struct {
	ID     int64  `json:"id"`
	Number string `json:"number"`
	Name   string `json:"name"`
}

// Checklist is the result of one run of the rules over one period. It is
// stored with the moment it was made; a payroll run refers to it by ID.
type Checklist struct {
	ID        int64       `json:"id,omitempty"`
	Period    string      `json:"period"` // "2026-W47"
	CreatedAt time.Time   `json:"created_at"`
	CreatedBy string      `json:"created_by,omitempty"`
	Agency    string      `json:"agency"`
	Workers   []WorkerRef `json:"workers"`
	Hirers    []HirerRef  `json:"hirers"`
	Findings  []Finding   `json:"findings"`
}

// Counts are the number of open findings per severity, plus the confirmed warnings.
type Counts struct {
	Blockers  int `json:"blockers"`
	Warnings  int `json:"warnings"`
	Confirmed int `json:"confirmed"`
}

// Add counts one finding.
func (c *Counts) Add(f *Finding) {
	switch {
	case f.Confirmed:
		c.Confirmed++
	case f.Severity == Blocker:
		c.Blockers++
	default:
		c.Warnings++
	}
}

// Counts returns the totals of the checklist.
func (c *Checklist) Counts() Counts {
	var n Counts
	for i := range c.Findings {
		n.Add(&c.Findings[i])
	}
	return n
}

// Blocks reports whether any open blocker stops gate g for anyone. A payroll
// run may always be calculated as a proof, but refuses to finalise while
// Blocks(GatePayroll) holds.
func (c *Checklist) Blocks(g Gate) bool {
	if c == nil {
		return false
	}
	for i := range c.Findings {
		if c.Findings[i].Blocks(g) {
			return true
		}
	}
	return false
}

// BlockersFor returns the open blockers that stop gate g for one worker,
// including hirer-level blockers on the worker's placements. For GateDeduction
// each blocker names the deduction in Ref; the rest of the payslip goes on.
func (c *Checklist) BlockersFor(workerID int64, g Gate) []Finding {
	if c == nil {
		return nil
	}
	var out []Finding
	for i := range c.Findings {
		if f := &c.Findings[i]; f.Blocks(g) && f.Concerns(workerID) {
			out = append(out, *f)
		}
	}
	return out
}

// BlockersByWorker returns BlockersFor(id, g) of every worker at once, by
// worker ID, in one pass over the findings: for callers that ask for many
// workers (a payroll run), where BlockersFor per worker is O(workers²).
// Workers without blockers are absent.
func (c *Checklist) BlockersByWorker(g Gate) map[int64][]Finding {
	out := map[int64][]Finding{}
	if c == nil {
		return out
	}
	for i := range c.Findings {
		f := &c.Findings[i]
		if !f.Blocks(g) {
			continue
		}
		if f.WorkerID != 0 {
			out[f.WorkerID] = append(out[f.WorkerID], *f)
		}
		for j, id := range f.Workers {
			if id != 0 && id != f.WorkerID && !slices.Contains(f.Workers[:j], id) {
				out[id] = append(out[id], *f)
			}
		}
	}
	return out
}

// FindingsFor returns every finding (any severity, confirmed or not) about one
// worker that concerns gate g. The payroll engine uses it for effects that are
// warnings, such as ET not applied (GateET).
func (c *Checklist) FindingsFor(workerID int64, g Gate) []Finding {
	if c == nil {
		return nil
	}
	var out []Finding
	for i := range c.Findings {
		if f := &c.Findings[i]; f.Concerns(workerID) && slices.Contains(f.Gates, g) {
			out = append(out, *f)
		}
	}
	return out
}

// Worker returns the stored reference of a worker (zero when unknown).
func (c *Checklist) Worker(id int64) WorkerRef {
	for _, w := range c.Workers {
		if w.ID == id {
			return w
		}
	}
	return WorkerRef{}
}

// Hirer returns the stored reference of a hirer (zero when unknown).
func (c *Checklist) Hirer(id int64) HirerRef {
	for _, h := range c.Hirers {
		if h.ID == id {
			return h
		}
	}
	return HirerRef{}
}

// WorkerGroup is the findings about one worker under a hirer.
type WorkerGroup struct {
	Worker   WorkerRef
	Findings []Finding
	Counts   Counts
}

// HirerGroup is one hirer's part of the checklist: the findings about the
// hirer itself and those about its workers. Hirer.ID 0 holds the workers
// without hours in the period (an advance or a sick report only).
type HirerGroup struct {
	Hirer    HirerRef
	Findings []Finding
	Workers  []WorkerGroup
	Counts   Counts // of the hirer's own findings and all its workers'
}

// Title is the group's heading: "INL01 Brabant Logistiek B.V.", or for the
// group without a hirer "Algemeen / zonder inlener" ("General / no hirer").
func (g HirerGroup) Title(lang string) string {
	if g.Hirer.ID == 0 {
		if lang == "en" {
			return "General / no hirer"
		}
		return "Algemeen / zonder inlener"
	}
	return strings.TrimSpace(g.Hirer.Number + " " + g.Hirer.Name)
}

// Groups arranges the findings per hirer and per worker, as the checklist
// screen and the exports show them: hirers by number (the group without a
// hirer last), workers by number, and within each, blockers first in rule order.
func (c *Checklist) Groups() []HirerGroup {
	// Look the references up by ID once (the first of duplicate IDs, as
	// Worker and Hirer do) instead of scanning them for every finding.
	workers := make(map[int64]WorkerRef, len(c.Workers))
	for _, w := range c.Workers {
		if _, ok := workers[w.ID]; !ok {
			workers[w.ID] = w
		}
	}
	hirers := make(map[int64]HirerRef, len(c.Hirers))
	for _, h := range c.Hirers {
		if _, ok := hirers[h.ID]; !ok {
			hirers[h.ID] = h
		}
	}
	byHirer := map[int64]*HirerGroup{}
	workerGroup := map[[2]int64]*WorkerGroup{}
	group := func(hid int64) *HirerGroup {
		g := byHirer[hid]
		if g == nil {
			g = &HirerGroup{Hirer: hirers[hid]}
			byHirer[hid] = g
		}
		return g
	}
	for _, f := range c.Findings {
		hid := f.HirerID
		if f.WorkerID != 0 && hid == 0 {
			hid = workers[f.WorkerID].HirerID
		}
		g := group(hid)
		g.Counts.Add(&f)
		if f.WorkerID == 0 {
			g.Findings = append(g.Findings, f)
			continue
		}
		key := [2]int64{hid, f.WorkerID}
		wg := workerGroup[key]
		if wg == nil {
			wg = &WorkerGroup{Worker: workers[f.WorkerID]}
			if wg.Worker.ID == 0 {
				wg.Worker = WorkerRef{ID: f.WorkerID, Number: fmt.Sprint(f.WorkerID)}
			}
			workerGroup[key] = wg
		}
		wg.Findings = append(wg.Findings, f)
		wg.Counts.Add(&f)
	}
	for key, wg := range workerGroup {
		sortFindings(wg.Findings)
		g := byHirer[key[0]]
		g.Workers = append(g.Workers, *wg)
	}
	out := make([]HirerGroup, 0, len(byHirer))
	for _, g := range byHirer {
		sortFindings(g.Findings)
		sort.Slice(g.Workers, func(i, j int) bool { return lessNumber(g.Workers[i].Worker.Number, g.Workers[j].Worker.Number) })
		out = append(out, *g)
	}
	sort.Slice(out, func(i, j int) bool {
		if (out[i].Hirer.ID == 0) != (out[j].Hirer.ID == 0) {
			return out[j].Hirer.ID == 0
		}
		return lessNumber(out[i].Hirer.Number, out[j].Hirer.Number)
	})
	return out
}

// lessNumber orders record numbers naturally: shorter numeric strings first.
func lessNumber(a, b string) bool {
	if len(a) != len(b) && strings.Trim(a, "0123456789") == "" && strings.Trim(b, "0123456789") == "" {
		return len(a) < len(b)
	}
	return a < b
}

// sortFindings orders findings: blockers first, then rule catalogue order,
// then date and key, so that output is stable.
func sortFindings(fs []Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := &fs[i], &fs[j]
		if a.Confirmed != b.Confirmed {
			return !a.Confirmed
		}
		if a.Severity != b.Severity {
			return a.Severity == Blocker
		}
		if ra, rb := ruleOrder(a.Rule), ruleOrder(b.Rule); ra != rb {
			return ra < rb
		}
		if !a.Date.Equal(b.Date) {
			return a.Date.Before(b.Date)
		}
		return a.Key() < b.Key()
	})
}

// Summary is one stored checklist run as lists show it.
type Summary struct {
	ID        int64     `json:"id"`
	Period    string    `json:"period"`
	CreatedAt time.Time `json:"created_at"`
	CreatedBy string    `json:"created_by,omitempty"`
	Counts    Counts    `json:"counts"`
}

// Summary returns the checklist's summary.
func (c *Checklist) Summary() Summary {
	return Summary{ID: c.ID, Period: c.Period, CreatedAt: c.CreatedAt, CreatedBy: c.CreatedBy, Counts: c.Counts()}
}
