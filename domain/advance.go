package domain

import (
	"strings"
	"time"

	"github.com/shopspring/decimal"
)

// Advance (voorschot) is money paid to a worker before the regular payroll of
// a period can run, typically because the dossier or the proof of hours is not
// complete yet. The backoffice's agreements allow it only with a valid BSN
// (an advance is formally payroll) and for at most two consecutive weeks;
// after that advancing stops and the amount is settled with the intermediary.
// The advance is withheld in the next regular payroll of the worker, which
// then sets RepaidIn.
type Advance struct {
	ID       int64
	WorkerID int64
	Period   Period          // the work period the advance is for
	Amount   decimal.Decimal // net amount paid, in euros
	Reason   string          // "dossier incompleet", "urenbriefje ontbreekt", …
	PaidOn   time.Time       // date paid (zero: recorded, not yet paid)
	RepaidIn Period          // payroll period in which it was withheld; zero Kind: still open
	Timestamps
}

// Open reports whether the advance still has to be withheld.
func (a *Advance) Open() bool { return a.RepaidIn.Kind == "" }

// Validate checks what an advance needs before it is stored.
func (a *Advance) Validate() error {
	if a.WorkerID == 0 {
		return Errorf(EINVALID, "Voorschot zonder uitzendkracht.")
	}
	if a.Period.Kind == "" || a.Period.String() == "?" {
		return Errorf(EINVALID, "Voorschot: periode ontbreekt.")
	}
	if !a.Amount.IsPositive() {
		return Errorf(EINVALID, "Voorschot: bedrag moet groter dan 0 zijn.")
	}
	if !a.Amount.Equal(a.Amount.Round(2)) {
		return Errorf(EINVALID, "Voorschot: bedrag %s heeft meer dan twee decimalen.", a.Amount)
	}
	a.Reason = strings.TrimSpace(a.Reason)
	return nil
}
