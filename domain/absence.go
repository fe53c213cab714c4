package domain

import (
	"strings"
	"time"
)

// SickSource says how a sick report entered the administration.
type SickSource string

// Sick report sources: typed in by the backoffice, or read from a hirer's or
// planning tool's file.
const (
	SickByHand   SickSource = "hand"
	SickImported SickSource = "import"
)

// SickReport (ziekmelding) is a worker reporting sick. The backoffice's daily
// agreements want it in before 09:30 on a regular working day, or at least
// three hours before the start of a shift; the checklist compares ReportedAt
// with those deadlines, refuses worked hours on sick days, and the payroll
// engine turns the sick days into sick-pay lines (with the waiting days of the
// uitzendbeding contract).
//
// ReportedAt and ShiftStart are instants (any zone); FirstDay and RecoveredOn
// are dates in the domain's midnight-UTC form.
type SickReport struct {
	ID          int64
	WorkerID    int64
	PlacementID int64      // 0: not tied to one placement
	FirstDay    time.Time  // first sick day
	ReportedAt  time.Time  // when the report reached the agency
	ShiftStart  time.Time  // start of the missed shift; zero for regular day work
	RecoveredOn time.Time  // first day fit for work again; zero while still sick
	Source      SickSource // hand or import
	Note        string
	Timestamps
}

// Validate checks what a sick report needs before it is stored.
func (r *SickReport) Validate() error {
	if r.WorkerID == 0 {
		return Errorf(EINVALID, "Ziekmelding zonder uitzendkracht.")
	}
	if r.FirstDay.IsZero() {
		return Errorf(EINVALID, "Ziekmelding: eerste ziektedag ontbreekt.")
	}
	if r.ReportedAt.IsZero() {
		return Errorf(EINVALID, "Ziekmelding: tijdstip van melden ontbreekt.")
	}
	if !r.RecoveredOn.IsZero() && !DateOf(r.RecoveredOn).After(DateOf(r.FirstDay)) {
		return Errorf(EINVALID, "Ziekmelding: hersteldatum moet na de eerste ziektedag liggen.")
	}
	switch r.Source {
	case SickByHand, SickImported:
	case "":
		r.Source = SickByHand
	default:
		return Errorf(EINVALID, "Ziekmelding: bron %q onbekend (hand, import).", r.Source)
	}
	r.Note = strings.TrimSpace(r.Note)
	return nil
}

// SickOn reports whether the worker is sick on date d according to this
// report: from the first sick day up to (not including) the recovery date.
func (r *SickReport) SickOn(d time.Time) bool {
	d = DateOf(d)
	if d.Before(DateOf(r.FirstDay)) {
		return false
	}
	return r.RecoveredOn.IsZero() || d.Before(DateOf(r.RecoveredOn))
}
