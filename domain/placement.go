package domain

import (
	"time"

	"github.com/shopspring/decimal"
)

// HourType is the kind of hours on a line: it decides the pay % and bill %
// the placement applies, and how the payroll engine treats the hours.
type HourType string

// Our hour-type codes. Importers recode the hirer's own codes to these.
const (
	HourNormal      HourType = "NORM"  // normal hours
	HourOvertime125 HourType = "OW125" // overtime 125 %
	HourOvertime150 HourType = "OW150" // overtime 150 %
	HourOvertime200 HourType = "OW200" // overtime 200 %
	HourShift       HourType = "ORT"   // shift / irregular hours allowance (onregelmatigheidstoeslag)
	HourHoliday     HourType = "FEEST" // public holiday paid
	HourVacation    HourType = "VAK"   // holiday hours taken (vakantie-uren)
	HourSick        HourType = "ZIEK"  // sick hours
	HourKilometres  HourType = "KM"    // kilometres travelled (quantity = km)
	HourExpenses    HourType = "DECL"  // re-billed expenses (quantity = euros)
)

// HourTypes lists every hour type in the order payslips show them.
var HourTypes = []HourType{HourNormal, HourOvertime125, HourOvertime150, HourOvertime200,
	HourShift, HourHoliday, HourVacation, HourSick, HourKilometres, HourExpenses}

// IsHours reports whether the quantity is in hours (not km or euros).
func (t HourType) IsHours() bool { return t != HourKilometres && t != HourExpenses }

// Valid reports whether t is one of our codes.
func (t HourType) Valid() bool {
	for _, h := range HourTypes {
		if h == t {
			return true
		}
	}
	return false
}

// The CAO-customary pay percentages, made once: DefaultPayPercent is called
// per hour line. A decimal.Decimal is immutable, so sharing them is safe.
var (
	pay125 = decimal.NewFromInt(125)
	pay150 = decimal.NewFromInt(150)
	pay200 = decimal.NewFromInt(200)
	pay120 = decimal.NewFromInt(120)
)

// DefaultPayPercent is the CAO-customary pay % of an hour type, used when a
// placement does not state its own.
func (t HourType) DefaultPayPercent() decimal.Decimal {
	switch t {
	case HourOvertime125:
		return pay125
	case HourOvertime150:
		return pay150
	case HourOvertime200:
		return pay200
	case HourShift:
		return pay120
	default:
		return Hundred
	}
}

// HourTypeRate is what a placement pays and bills for one hour type. Pay %
// and bill % are separate: a hirer may be billed 130 % for shift hours paid at 120 %.
type HourTypeRate struct {
	Type        HourType
	PayPercent  decimal.Decimal
	BillPercent decimal.Decimal
}

// Placement (plaatsing) is one worker working for one hirer in one function
// from a start date, at an hourly wage and a billing rate.
type Placement struct {
	ID          int64
	Number      string
	WorkerID    int64
	HirerID     int64
	Function    string
	CostCentre  string // the hirer's kostenplaats
	Start       time.Time
	End         time.Time // zero: open-ended
	HourlyWage  decimal.Decimal
	BillingRate decimal.Decimal // per normal hour, excl. VAT
	Rates       []HourTypeRate  // agreed hour types; types not listed are not agreed
	TravelPerKm decimal.Decimal // travel allowance paid per km
	// AgreedHoursPerWeek is the agreed working time (overeengekomen
	// arbeidsduur) the payslip must show (BW 7:626); zero means no fixed hours.
	AgreedHoursPerWeek decimal.Decimal
	Basis              RemunerationBasis
	Phase              Phase
	WageScale          string // e.g. "ABU schaal 3, trede 2"
	Timestamps
}

// ActiveOn reports whether the placement runs on the given date.
func (p *Placement) ActiveOn(d time.Time) bool {
	d = DateOf(d)
	if d.Before(DateOf(p.Start)) {
		return false
	}
	return p.End.IsZero() || !d.After(DateOf(p.End))
}

// Rate returns the agreed rate for an hour type and whether it was agreed.
func (p *Placement) Rate(t HourType) (HourTypeRate, bool) {
	for _, r := range p.Rates {
		if r.Type == t {
			return r, true
		}
	}
	return HourTypeRate{Type: t, PayPercent: t.DefaultPayPercent(), BillPercent: t.DefaultPayPercent()}, false
}

// Validate checks a placement before it is stored.
func (p *Placement) Validate() error {
	if p.Number == "" {
		return Errorf(EINVALID, "Plaatsingsnummer ontbreekt.")
	}
	if p.WorkerID == 0 || p.HirerID == 0 {
		return Errorf(EINVALID, "Plaatsing %s: uitzendkracht en inlener zijn verplicht.", p.Number)
	}
	if p.Start.IsZero() {
		return Errorf(EINVALID, "Plaatsing %s: startdatum ontbreekt.", p.Number)
	}
	if !p.End.IsZero() && p.End.Before(p.Start) {
		return Errorf(EINVALID, "Plaatsing %s: einddatum ligt voor de startdatum.", p.Number)
	}
	if !p.HourlyWage.IsPositive() {
		return Errorf(EINVALID, "Plaatsing %s: uurloon moet groter dan 0 zijn.", p.Number)
	}
	if p.AgreedHoursPerWeek.IsNegative() || p.AgreedHoursPerWeek.GreaterThan(decimal.NewFromInt(60)) {
		return Errorf(EINVALID, "Plaatsing %s: overeengekomen uren per week moeten tussen 0 en 60 liggen.", p.Number)
	}
	if p.BillingRate.IsNegative() {
		return Errorf(EINVALID, "Plaatsing %s: tarief mag niet negatief zijn.", p.Number)
	}
	seen := map[HourType]bool{}
	for _, r := range p.Rates {
		if !r.Type.Valid() {
			return Errorf(EINVALID, "Plaatsing %s: onbekende uursoort %q.", p.Number, r.Type)
		}
		if seen[r.Type] {
			return Errorf(EINVALID, "Plaatsing %s: uursoort %s staat er twee keer in.", p.Number, r.Type)
		}
		seen[r.Type] = true
		if r.PayPercent.IsNegative() || r.BillPercent.IsNegative() {
			return Errorf(EINVALID, "Plaatsing %s: percentages mogen niet negatief zijn.", p.Number)
		}
	}
	return nil
}

// HourStatus is where an hour line is in the weekly cycle.
type HourStatus string

// Hour line statuses.
const (
	HoursImported HourStatus = "imported" // read from a file, not yet checked
	HoursApproved HourStatus = "approved" // checked and approved for payroll
	HoursPaid     HourStatus = "paid"     // in a finalised payroll run
	HoursVoid     HourStatus = "void"     // cancelled by a later file
)

// Source says where an hour line came from, so that a message can point at the
// file, sheet and row, and a re-sent file can replace its own lines.
type Source struct {
	File  string
	Sheet string
	Row   int
	Hash  string // content hash of the file
}

// HourLine is a quantity of one hour type worked on one date under one placement.
type HourLine struct {
	ID          int64
	PlacementID int64
	Date        time.Time
	Type        HourType
	Quantity    decimal.Decimal // hours, km or euros (see HourType.IsHours)
	PayPercent  decimal.Decimal
	BillPercent decimal.Decimal
	Source      Source
	Status      HourStatus
	Timestamps
}

// Validate checks a single line on its own (placement rules are checked by the checklist).
func (l *HourLine) Validate() error {
	if l.PlacementID == 0 {
		return Errorf(EINVALID, "Urenregel zonder plaatsing.")
	}
	if l.Date.IsZero() {
		return Errorf(EINVALID, "Urenregel zonder datum.")
	}
	if !l.Type.Valid() {
		return Errorf(EINVALID, "Onbekende uursoort %q.", l.Type)
	}
	if l.Type.IsHours() && l.Quantity.GreaterThan(decimal.NewFromInt(24)) {
		return Errorf(EINVALID, "Meer dan 24 uur op één dag (%s).", l.Quantity)
	}
	return nil
}
