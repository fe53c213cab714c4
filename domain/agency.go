package domain

import "time"

// Timestamps records when a record was created and last changed. The deadline
// rules of the weekly cycle (registration by Friday, hours by Tuesday 13:00)
// compare against them.
type Timestamps struct {
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Address is a postal address.
type Address struct {
	Street     string // street and house number
	PostalCode string
	City       string
	Country    string // ISO 3166 alpha-2, "NL" when empty
}

// EmployerSize decides the Aof rate (small/medium employers pay the low rate)
// and whether Whk is sector-based or individual.
type EmployerSize string

// Employer sizes as the Belastingdienst classifies them by wage sum.
const (
	SmallEmployer  EmployerSize = "small"
	MediumEmployer EmployerSize = "medium"
	LargeEmployer  EmployerSize = "large"
)

// Deadlines are the agency's weekly-cycle cut-off moments, relative to the
// work week (week 2 of the cycle). Defaults come from the backoffice's daily
// agreements: register by Friday of the week before, hours in by Tuesday 13:00
// of the week after, proof payslips Wednesday 12:00, approval 15:00, wages paid
// Thursday, margin overview Monday; sick reports before 09:30.
type Deadlines struct {
	RegistrationWeekday time.Weekday // of the week before the work week
	RegistrationTime    string       // "17:00"
	HoursWeekday        time.Weekday // of the week after the work week
	HoursTime           string       // "13:00"
	ProofWeekday        time.Weekday
	ProofTime           string
	ApprovalWeekday     time.Weekday
	ApprovalTime        string
	PayWeekday          time.Weekday
	MarginWeekday       time.Weekday // of the second week after the work week
	SickReportTime      string       // "09:30"
	SickReportLeadHours int          // minimum hours before a shift start
}

// DefaultDeadlines returns the cycle of the seed documents.
func DefaultDeadlines() Deadlines {
	return Deadlines{
		RegistrationWeekday: time.Friday, RegistrationTime: "17:00",
		HoursWeekday: time.Tuesday, HoursTime: "13:00",
		ProofWeekday: time.Wednesday, ProofTime: "12:00",
		ApprovalWeekday: time.Wednesday, ApprovalTime: "15:00",
		PayWeekday:     time.Thursday,
		MarginWeekday:  time.Monday,
		SickReportTime: "09:30", SickReportLeadHours: 3,
	}
}

// Agency is the administration: the uitzendbureau whose payroll this database holds.
type Agency struct {
	Name                string
	Address             Address
	KvK                 string // Kamer van Koophandel number, 8 digits
	VATID               string // btw-identificatienummer, NL…B01
	IBAN                string
	GIBAN               string // G-rekening for the wage-tax and premium share of invoices
	LoonheffingenNummer string // loonheffingennummer, e.g. 123456789L01
	Sector              int    // sector for premiums: 52 uitzendbedrijven
	EmployerSize        EmployerSize
	Frequency           PeriodKind // payroll frequency: week, 4weeks or month
	Deadlines           Deadlines
	Email, Phone        string
	Timestamps
}

// Validate checks the fields a payroll and invoice cannot do without.
func (a *Agency) Validate() error {
	if a.Name == "" {
		return Errorf(EINVALID, "Naam van het uitzendbureau ontbreekt.")
	}
	if a.IBAN != "" {
		if err := CheckIBAN(a.IBAN); err != nil {
			return Errorf(EINVALID, "IBAN bureau: %v", err)
		}
	}
	if a.GIBAN != "" {
		if err := CheckIBAN(a.GIBAN); err != nil {
			return Errorf(EINVALID, "G-rekening: %v", err)
		}
	}
	switch a.Frequency {
	case Weekly, FourWeek, Monthly:
	default:
		return Errorf(EINVALID, "Verloningsfrequentie %q onbekend (week, 4weeks, month).", a.Frequency)
	}
	switch a.EmployerSize {
	case SmallEmployer, MediumEmployer, LargeEmployer:
	default:
		return Errorf(EINVALID, "Werkgeversgrootte %q onbekend (small, medium, large).", a.EmployerSize)
	}
	return nil
}
