package domain

import (
	"strings"
	"time"

	"github.com/shopspring/decimal"
)

// DeductionKind says what a deduction from net wage is for.
type DeductionKind string

// Deduction kinds. Fines, traffic tickets and damage are penalties: the
// agency may withhold them only with proof and the worker's signed
// authorisation. Housing and other deductions need the authorisation too.
const (
	DeductionFine    DeductionKind = "boete"       // fine (e.g. from the hirer's rules)
	DeductionTicket  DeductionKind = "bekeuring"   // traffic ticket that reached the agency
	DeductionDamage  DeductionKind = "schade"      // damage caused by the worker
	DeductionHousing DeductionKind = "huisvesting" // housing provided by the agency
	DeductionOther   DeductionKind = "overig"
)

// DeductionKinds lists the kinds in the order forms show them.
var DeductionKinds = []DeductionKind{DeductionFine, DeductionTicket, DeductionDamage, DeductionHousing, DeductionOther}

// IsPenalty reports whether the kind is a fine or penalty, which needs proof.
func (k DeductionKind) IsPenalty() bool {
	return k == DeductionFine || k == DeductionTicket || k == DeductionDamage
}

// Deduction (inhouding) is an amount to withhold from a worker's net wage in a
// period. Without proof (for penalties) or without signed authorisation the
// checklist blocks this deduction only; the rest of the payslip goes on.
type Deduction struct {
	ID              int64
	WorkerID        int64
	Period          Period
	Kind            DeductionKind
	Amount          decimal.Decimal // positive amount to withhold
	Description     string
	ProofRef        string    // reference of the proof on file (ticket number, document name)
	ProofReceivedOn time.Time // date the proof was received
	Timestamps
}

// HasProof reports whether proof of the deduction is on file.
func (d *Deduction) HasProof() bool {
	return strings.TrimSpace(d.ProofRef) != "" || !d.ProofReceivedOn.IsZero()
}

// Validate checks what a deduction needs before it is stored.
func (d *Deduction) Validate() error {
	if d.WorkerID == 0 {
		return Errorf(EINVALID, "Inhouding zonder uitzendkracht.")
	}
	if d.Period.Kind == "" || d.Period.String() == "?" {
		return Errorf(EINVALID, "Inhouding: periode ontbreekt.")
	}
	valid := false
	for _, k := range DeductionKinds {
		valid = valid || k == d.Kind
	}
	if !valid {
		return Errorf(EINVALID, "Inhouding: soort %q onbekend (boete, bekeuring, schade, huisvesting, overig).", d.Kind)
	}
	if !d.Amount.IsPositive() {
		return Errorf(EINVALID, "Inhouding: bedrag moet groter dan 0 zijn.")
	}
	if !d.Amount.Equal(d.Amount.Round(2)) {
		return Errorf(EINVALID, "Inhouding: bedrag %s heeft meer dan twee decimalen.", d.Amount)
	}
	d.Description = strings.TrimSpace(d.Description)
	return nil
}
