package checks

import (
	"context"
	"sort"
	"time"

	"github.com/shopspring/decimal"

	"verloner/domain"
)

// Run evaluates every rule for in.Period and returns the checklist. It never
// panics on odd input: unknown references, zero dates and missing master data
// become findings or are skipped.
func Run(in Input) *Checklist {
	cl, _ := Evaluate(context.Background(), in, nil)
	return cl
}

// Evaluate is Run with cancellation and progress: it checks ctx between the
// rule groups and calls progress(done, total) after each (progress may be nil).
func Evaluate(ctx context.Context, in Input, progress func(done, total int)) (*Checklist, error) {
	ev := newEvaluator(in)
	groups := []func(){ev.dossier, ev.advances, ev.hirerRules, ev.hours, ev.pay, ev.deadlines, ev.deductions, ev.et, ev.phase}
	for i, g := range groups {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		g()
		if progress != nil {
			progress(i+1, len(groups))
		}
	}
	for _, f := range in.Extra {
		f.Confirmed, f.Note = false, ""
		ev.add(f)
	}
	return ev.checklist(), nil
}

// GroupNames names the rule groups Evaluate runs, in order (for progress labels).
var GroupNames = []string{"dossier", "voorschot", "inlener", "uren", "loon", "deadline", "inhouding", "et", "fase"}

type evaluator struct {
	in         Input
	s          Settings
	p          domain.Period
	start, end time.Time
	loc        *time.Location
	milestone  map[string]time.Time

	workers    map[int64]*domain.Worker
	hirers     map[int64]*domain.Hirer
	placements map[int64]*domain.Placement
	byWorker   map[int64][]*domain.Placement // all placements of a worker
	lines      map[int64][]*domain.HourLine  // period lines per placement
	worked     map[int64]bool                // workers with hours in the period
	scope      map[int64]bool                // workers the checklist is about
	hirerScope map[int64]bool                // hirers with hours in the period
	hoursPer   map[[2]int64]decimal.Decimal  // hours per (worker, hirer), for grouping

	// Indexes built once in newEvaluator, so that the per-worker and
	// per-hirer rules look up their own records instead of scanning
	// everyone's (which made a checklist O(workers²)).
	active         []*domain.Placement            // placements with hours in the period, by number
	activeByWorker map[int64][]*domain.Placement  // active, per worker, in the order of active
	activeByHirer  map[int64][]*domain.Placement  // active, per hirer, in the order of active
	history        map[int64][]*domain.HourLine   // in.History per worker (placement known), in input order
	periodByWorker map[int64][]*domain.HourLine   // lines of the period per worker (placement known)
	hoursByWorker  map[int64][]hirerHours         // hoursPer per worker
	firstStart     map[[2]int64]time.Time         // earliest placement start per {0, worker} and {1, hirer}
	sickByWorker   map[int64][]*domain.SickReport // in.SickReports per worker, in input order
	proofs         map[[2]int64]bool              // {hirer, placement or 0} covered by a proof of the period
	confirmations  map[string][]Confirmation      // in.Confirmations per rule, in input order

	out []Finding
}

// hirerHours is one hirer's hours for a worker in the period.
type hirerHours struct {
	hirer int64
	hours decimal.Decimal
}

func newEvaluator(in Input) *evaluator {
	ev := &evaluator{in: in, s: in.Settings.WithDefaults(), p: in.Period, loc: in.Location,
		workers: map[int64]*domain.Worker{}, hirers: map[int64]*domain.Hirer{}, placements: map[int64]*domain.Placement{},
		byWorker: map[int64][]*domain.Placement{}, lines: map[int64][]*domain.HourLine{}, worked: map[int64]bool{},
		scope: map[int64]bool{}, hirerScope: map[int64]bool{}, hoursPer: map[[2]int64]decimal.Decimal{}, milestone: map[string]time.Time{}}
	if ev.p.Kind != "" {
		ev.start, ev.end = ev.p.Start(), ev.p.End()
	}
	dl := domain.DefaultDeadlines()
	if in.Agency != nil {
		dl = in.Agency.Deadlines
	}
	if ev.p.Kind != "" {
		for _, m := range dl.Schedule(ev.p) {
			ev.milestone[m.Key] = m.Due
		}
	}
	for _, w := range in.Workers {
		if w != nil {
			ev.workers[w.ID] = w
		}
	}
	for _, h := range in.Hirers {
		if h != nil {
			ev.hirers[h.ID] = h
		}
	}
	for _, p := range in.Placements {
		if p != nil {
			ev.placements[p.ID] = p
			ev.byWorker[p.WorkerID] = append(ev.byWorker[p.WorkerID], p)
		}
	}
	for _, l := range in.Hours {
		if l == nil || l.Status == domain.HoursVoid || (ev.p.Kind != "" && !ev.p.Contains(l.Date)) {
			continue
		}
		ev.lines[l.PlacementID] = append(ev.lines[l.PlacementID], l)
		if p := ev.placements[l.PlacementID]; p != nil {
			ev.worked[p.WorkerID] = true
			ev.scope[p.WorkerID] = true
			ev.hirerScope[p.HirerID] = true
			if l.Type.IsHours() {
				k := [2]int64{p.WorkerID, p.HirerID}
				ev.hoursPer[k] = ev.hoursPer[k].Add(l.Quantity)
			}
		}
	}
	for _, ls := range ev.lines {
		sort.SliceStable(ls, func(i, j int) bool { return ls[i].Date.Before(ls[j].Date) })
	}
	ev.index()
	for _, a := range in.Advances {
		if a != nil && (a.Period == ev.p || (a.Open() && ev.before(a.Period))) {
			ev.scope[a.WorkerID] = true
		}
	}
	for _, d := range in.Deductions {
		if d != nil && d.Period == ev.p {
			ev.scope[d.WorkerID] = true
		}
	}
	for _, r := range in.SickReports {
		if r != nil && ev.touches(r) {
			ev.scope[r.WorkerID] = true
		}
	}
	return ev
}

// before reports whether period q starts before the checked period.
func (ev *evaluator) before(q domain.Period) bool {
	return q.Kind != "" && ev.p.Kind != "" && q.Start().Before(ev.start)
}

// touches reports whether a sick spell overlaps the period.
func (ev *evaluator) touches(r *domain.SickReport) bool {
	if ev.p.Kind == "" || r.FirstDay.IsZero() || domain.DateOf(r.FirstDay).After(ev.end) {
		return false
	}
	return r.RecoveredOn.IsZero() || domain.DateOf(r.RecoveredOn).After(ev.start)
}

// scopedWorkers returns the workers in scope, by number.
func (ev *evaluator) scopedWorkers() []*domain.Worker {
	var out []*domain.Worker
	for id := range ev.scope {
		if w := ev.workers[id]; w != nil {
			out = append(out, w)
		}
	}
	sort.Slice(out, func(i, j int) bool { return lessNumber(out[i].Number, out[j].Number) })
	return out
}

// scopedHirers returns the hirers with hours in the period, by number.
func (ev *evaluator) scopedHirers() []*domain.Hirer {
	var out []*domain.Hirer
	for id := range ev.hirerScope {
		if h := ev.hirers[id]; h != nil {
			out = append(out, h)
		}
	}
	sort.Slice(out, func(i, j int) bool { return lessNumber(out[i].Number, out[j].Number) })
	return out
}

// index builds the evaluator's per-worker and per-hirer indexes in one pass
// over each input list. Every index keeps the order in which the rules used
// to meet the records, so the findings are the same as a scan would give.
func (ev *evaluator) index() {
	ev.activeByWorker, ev.activeByHirer = map[int64][]*domain.Placement{}, map[int64][]*domain.Placement{}
	ev.history, ev.periodByWorker = map[int64][]*domain.HourLine{}, map[int64][]*domain.HourLine{}
	ev.hoursByWorker, ev.firstStart = map[int64][]hirerHours{}, map[[2]int64]time.Time{}
	ev.sickByWorker, ev.proofs, ev.confirmations = map[int64][]*domain.SickReport{}, map[[2]int64]bool{}, map[string][]Confirmation{}

	for id, ls := range ev.lines {
		p := ev.placements[id]
		if p == nil {
			continue
		}
		ev.active = append(ev.active, p)
		ev.periodByWorker[p.WorkerID] = append(ev.periodByWorker[p.WorkerID], ls...)
	}
	sort.Slice(ev.active, func(i, j int) bool { return ev.active[i].Number < ev.active[j].Number })
	for _, p := range ev.active {
		ev.activeByWorker[p.WorkerID] = append(ev.activeByWorker[p.WorkerID], p)
		ev.activeByHirer[p.HirerID] = append(ev.activeByHirer[p.HirerID], p)
	}
	for _, l := range ev.in.History {
		if l == nil {
			continue
		}
		if p := ev.placements[l.PlacementID]; p != nil {
			ev.history[p.WorkerID] = append(ev.history[p.WorkerID], l)
		}
	}
	for k, h := range ev.hoursPer {
		ev.hoursByWorker[k[0]] = append(ev.hoursByWorker[k[0]], hirerHours{k[1], h})
	}
	// The same fold as a scan of in.Placements per worker or hirer: the
	// first of equal earliest starts wins.
	for _, p := range ev.in.Placements {
		if p == nil || p.Start.IsZero() {
			continue
		}
		for _, k := range [][2]int64{{0, p.WorkerID}, {1, p.HirerID}} {
			if first, ok := ev.firstStart[k]; !ok || p.Start.Before(first) {
				ev.firstStart[k] = p.Start
			}
		}
	}
	for _, r := range ev.in.SickReports {
		if r != nil {
			ev.sickByWorker[r.WorkerID] = append(ev.sickByWorker[r.WorkerID], r)
		}
	}
	for _, pr := range ev.in.HourProofs {
		if pr.Period == ev.p {
			ev.proofs[[2]int64{pr.HirerID, pr.PlacementID}] = true
		}
	}
	for _, c := range ev.in.Confirmations {
		ev.confirmations[c.Rule] = append(ev.confirmations[c.Rule], c)
	}
}

// activePlacements returns the placements with hours in the period, by
// number. The slice is shared: callers must not change it.
func (ev *evaluator) activePlacements() []*domain.Placement {
	return ev.active
}

// add records a finding, filling severity, gates and hint from the catalogue
// where the caller left them empty, and applying the user's confirmations to
// warnings.
func (ev *evaluator) add(f Finding) {
	r, _ := RuleByID(f.Rule)
	if f.Severity == "" {
		f.Severity = r.Severity
	}
	if f.Gates == nil {
		f.Gates = append([]Gate(nil), r.Gates...)
	}
	if f.Hint == (Text{}) {
		f.Hint = r.Hint
	}
	if f.Severity == Warning && f.Rule != DosBSN {
		if c, ok := ev.confirmation(&f); ok {
			f.Confirmed = true
			f.Note = confirmNote(c)
		}
	}
	ev.out = append(ev.out, f)
}

func (ev *evaluator) confirmation(f *Finding) (Confirmation, bool) {
	for _, c := range ev.confirmations[f.Rule] {
		if c.matches(f, ev.p) {
			return c, true
		}
	}
	return Confirmation{}, false
}

func confirmNote(c Confirmation) string {
	s := c.Note
	if c.By != "" {
		if s != "" {
			s += " "
		}
		s += "(" + c.By
		if !c.At.IsZero() {
			s += ", " + c.At.Format("02-01-2006 15:04")
		}
		s += ")"
	}
	return s
}

// checklist assembles the result with the directory of workers and hirers.
func (ev *evaluator) checklist() *Checklist {
	cl := &Checklist{Period: ev.p.String(), CreatedAt: ev.in.Now, CreatedBy: ev.in.By, Findings: ev.out}
	if ev.in.Agency != nil {
		cl.Agency = ev.in.Agency.Name
	}
	workerIDs, hirerIDs := map[int64]bool{}, map[int64]bool{}
	for id := range ev.scope {
		workerIDs[id] = true
	}
	for id := range ev.hirerScope {
		hirerIDs[id] = true
	}
	for _, f := range ev.out {
		if f.WorkerID != 0 {
			workerIDs[f.WorkerID] = true
		}
		for _, w := range f.Workers {
			workerIDs[w] = true
		}
		if f.HirerID != 0 {
			hirerIDs[f.HirerID] = true
		}
	}
	for id := range workerIDs {
		ref := WorkerRef{ID: id, HirerID: ev.primaryHirer(id)}
		if w := ev.workers[id]; w != nil {
			ref.Number, ref.Name = w.Number, w.FullName()
		}
		if ref.HirerID != 0 {
			hirerIDs[ref.HirerID] = true
		}
		cl.Workers = append(cl.Workers, ref)
	}
	for id := range hirerIDs {
		ref := HirerRef{ID: id}
		if h := ev.hirers[id]; h != nil {
			ref.Number, ref.Name = h.Number, h.Name
		}
		cl.Hirers = append(cl.Hirers, ref)
	}
	sort.Slice(cl.Workers, func(i, j int) bool { return lessNumber(cl.Workers[i].Number, cl.Workers[j].Number) })
	sort.Slice(cl.Hirers, func(i, j int) bool { return lessNumber(cl.Hirers[i].Number, cl.Hirers[j].Number) })
	// Store findings in the order the groups show them.
	var ordered []Finding
	for _, g := range cl.Groups() {
		ordered = append(ordered, g.Findings...)
		for _, w := range g.Workers {
			ordered = append(ordered, w.Findings...)
		}
	}
	if ordered == nil {
		ordered = []Finding{}
	}
	cl.Findings = ordered
	if cl.Workers == nil {
		cl.Workers = []WorkerRef{}
	}
	if cl.Hirers == nil {
		cl.Hirers = []HirerRef{}
	}
	return cl
}

// primaryHirer is the hirer the worker worked most hours for in the period
// (ties: the lowest number), 0 when none.
func (ev *evaluator) primaryHirer(workerID int64) int64 {
	var best int64
	var bestHours decimal.Decimal
	for _, hh := range ev.hoursByWorker[workerID] {
		h := hh.hours
		switch {
		case best == 0, h.GreaterThan(bestHours):
			best, bestHours = hh.hirer, h
		case h.Equal(bestHours):
			// Equal hours: a known hirer before an unknown one, then the
			// lower hirer number, then the lower id, so that the answer
			// never depends on the order the hours were gathered in.
			a, b := ev.hirers[hh.hirer], ev.hirers[best]
			switch {
			case a != nil && b == nil:
				best = hh.hirer
			case a != nil && b != nil && lessNumber(a.Number, b.Number):
				best = hh.hirer
			case a == nil && b == nil && hh.hirer < best:
				best = hh.hirer
			}
		}
	}
	return best
}
