package domain

import (
	"strings"
	"time"
)

// Language is the language of documents sent to a worker (payslip, contract).
type Language string

// Payslip languages we support.
const (
	Dutch   Language = "nl"
	English Language = "en"
	Polish  Language = "pl"
)

// Phrase is one text in the three languages a worker can receive documents
// in (payslip, contract, jaaropgaaf). Dutch is the fallback.
type Phrase struct{ NL, EN, PL string }

// In returns the phrase in language l.
func (p Phrase) In(l Language) string {
	switch l {
	case English:
		return p.EN
	case Polish:
		return p.PL
	}
	return p.NL
}

// IDDocument is the identity document the agency copied (Wet op de identificatieplicht).
type IDDocument struct {
	Type   string // "paspoort", "id-kaart", "verblijfsdocument"
	Number string
	Expiry time.Time
}

// Phase is the worker's position in the phase system of the CAO voor Uitzendkrachten.
type Phase string

// Phases of the ABU/NBBU CAO. Fase A contracts usually carry an uitzendbeding.
const (
	PhaseA Phase = "A" // fase A (ABU) / fase 1-2 (NBBU): first 52 worked weeks
	PhaseB Phase = "B" // fase B: fixed-term contracts
	PhaseC Phase = "C" // fase C: open-ended contract
)

// ReservationMode says whether holiday pay and other reservations are paid out
// weekly with the wage or reserved and paid on request / at fixed moments.
type ReservationMode string

// Reservation modes.
const (
	ReservationsReserved ReservationMode = "reserved"
	ReservationsWeekly   ReservationMode = "weekly"
)

// ETProofs are the documents the ET-regeling needs before the untaxed
// extraterritorial allowance may be exchanged from gross wage.
type ETProofs struct {
	HomeAbroad     time.Time // date proof of a home abroad was received (zero: none)
	TravelCosts    time.Time // proof of travel costs
	HousingSNF     time.Time // SNF-certified housing in the Netherlands
	ResidenceCheck time.Time // 150-km rule checked
}

// Complete reports whether every ET proof is on file.
func (p ETProofs) Complete() bool {
	return !p.HomeAbroad.IsZero() && !p.TravelCosts.IsZero() && !p.HousingSNF.IsZero()
}

// Worker is an uitzendkracht employed by the agency.
type Worker struct {
	ID          int64
	Number      string // the agency's personnel number
	Initials    string
	FirstName   string
	Prefix      string // tussenvoegsel: "van", "de"
	LastName    string
	BirthDate   time.Time
	BSN         string
	Nationality string // ISO 3166 alpha-2
	Address     Address
	Email       string
	Phone       string
	IBAN        string
	Identity    IDDocument

	// Loonheffingskorting: applied only with a signed statement on file.
	ApplyTaxCredit      bool
	TaxCreditSignedOn   time.Time
	SingleElderlyCredit bool // alleenstaande-ouderenkorting requested (AOW age)
	Phase               Phase
	ContractType        string // "uitzendovereenkomst met uitzendbeding", "bepaalde tijd", …
	Uitzendbeding       bool
	Language            Language
	Reservations        ReservationMode
	ETEligible          bool
	ET                  ETProofs
	ContractSignedOn    time.Time
	DeductionAuthSigned time.Time // signed authorisation for deductions (housing, fines)
	StartDate, EndDate  time.Time
	Timestamps
}

// FullName is "Jan van der Berg" style: first name, prefix, last name.
func (w *Worker) FullName() string {
	parts := []string{}
	for _, p := range []string{w.FirstName, w.Prefix, w.LastName} {
		if p = strings.TrimSpace(p); p != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, " ")
}

// SortName is "Berg, Jan van der" style for sorted lists.
func (w *Worker) SortName() string {
	s := w.LastName
	rest := strings.TrimSpace(strings.TrimSpace(w.FirstName) + " " + strings.TrimSpace(w.Prefix))
	if rest != "" {
		s += ", " + rest
	}
	return s
}

// Validate checks the fields without which a worker cannot be stored. Dossier
// completeness (BSN, ID, contract…) is not a storage rule but a checklist rule:
// the agency registers a worker first and completes the dossier later.
func (w *Worker) Validate() error {
	if strings.TrimSpace(w.Number) == "" {
		return Errorf(EINVALID, "Personeelsnummer ontbreekt.")
	}
	if strings.TrimSpace(w.LastName) == "" {
		return Errorf(EINVALID, "Achternaam ontbreekt (uitzendkracht %s).", w.Number)
	}
	switch w.Language {
	case Dutch, English, Polish:
	case "":
		w.Language = Dutch
	default:
		return Errorf(EINVALID, "Taal %q onbekend (nl, en, pl).", w.Language)
	}
	switch w.Reservations {
	case ReservationsReserved, ReservationsWeekly:
	case "":
		w.Reservations = ReservationsReserved
	default:
		return Errorf(EINVALID, "Reserveringen %q onbekend (reserved, weekly).", w.Reservations)
	}
	return nil
}
