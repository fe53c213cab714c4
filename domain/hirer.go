package domain

import (
	"time"

	"github.com/shopspring/decimal"
)

// RemunerationBasis says which pay regime a hirer's placements follow.
type RemunerationBasis string

// Pay regimes of the CAO voor Uitzendkrachten.
const (
	Inlenersbeloning       RemunerationBasis = "inlenersbeloning" // the hirer's own CAO/pay
	GelijkwaardigeBeloning RemunerationBasis = "gelijkwaardige"   // equivalent pay (ABU CAO 2024+)
)

// RemunerationComponent is one element of the hirer's remuneration record:
// scale, overtime, shift allowance, ADV, periodieken, expenses, …
type RemunerationComponent struct {
	Name        string // "Overwerk 125%", "ORT zaterdag", "Reiskosten"
	Description string
	Value       string // free text or a percentage/amount as the hirer states it
}

// RemunerationRecord is the signed statement in which the hirer tells the agency
// what its own employees in the same job earn. Without it the agency cannot
// prove correct pay and the checklist blocks payroll of the hirer's placements.
type RemunerationRecord struct {
	Basis      RemunerationBasis
	CAO        string
	Components []RemunerationComponent
	SignedOn   time.Time
	SignedBy   string
}

// Signed reports whether the record has a signature date.
func (r RemunerationRecord) Signed() bool { return !r.SignedOn.IsZero() }

// Hirer is an inlener: a client company where the agency's workers work.
type Hirer struct {
	ID              int64
	Number          string
	Name            string
	Address         Address
	KvK             string
	VATID           string
	ContactName     string
	ContactEmail    string
	InvoiceEmail    string
	PaymentTermDays int
	CreditCheckedOn time.Time
	CreditLimit     decimal.Decimal // insured limit (kredietlimiet)
	GSharePercent   decimal.Decimal // G-rekening share of the invoice, e.g. 25
	ReverseCharge   bool            // btw verlegd
	ProofOfHours    bool            // hours need a signed proof (timesheet/approval) before payroll
	Remuneration    RemunerationRecord
	Aliases         []WorkerAlias
	Timestamps
}

// WorkerAlias maps the hirer's own personnel number for one of our workers.
type WorkerAlias struct {
	WorkerID int64
	Code     string
}

// Validate checks what a hirer record needs to be stored.
func (h *Hirer) Validate() error {
	if h.Number == "" {
		return Errorf(EINVALID, "Inlenernummer ontbreekt.")
	}
	if h.Name == "" {
		return Errorf(EINVALID, "Naam inlener ontbreekt (%s).", h.Number)
	}
	if h.PaymentTermDays < 0 {
		return Errorf(EINVALID, "Betaaltermijn van %s mag niet negatief zijn.", h.Name)
	}
	if h.GSharePercent.IsNegative() || h.GSharePercent.GreaterThan(Hundred) {
		return Errorf(EINVALID, "G-rekeningpercentage van %s moet tussen 0 en 100 liggen.", h.Name)
	}
	if h.CreditLimit.IsNegative() {
		return Errorf(EINVALID, "Kredietlimiet van %s mag niet negatief zijn.", h.Name)
	}
	return nil
}
