package contract

import (
	"github.com/shopspring/decimal"

	"verloner/domain"
)

// Settings are the agency's CAO settings for contracts and sickness, edited
// in Instellingen. A zero field takes its default (WithDefaults), so a
// settings record written by an older version keeps working when a field is
// added. Absence records and the sick-hour lines use the same figures as the
// contracts, so that what the contract promises is what payroll pays.
type Settings struct {
	// CAO is the collective agreement named in the contract.
	CAO string `json:"cao,omitempty"`
	// Pension names the pension scheme (StiPP).
	Pension string `json:"pension,omitempty"`
	// MinimumHours is the least number of hours per week a contract may
	// promise (seed 001: at least 4 fixed hours with an uitzendbeding). Set it
	// to a negative number for no minimum (stored as such; 0 means "default").
	MinimumHours decimal.Decimal `json:"minimum_hours,omitzero"`
	// WaitingDays per new sickness spell, 0–2 (BW 7:629 lid 9). Default 1:
	// the CAO 2026–2028's number when the work fell away (art. 41), and the
	// payroll run's default; during an assignment the hirer's scheme decides.
	// Use NoWaitingDays for none.
	WaitingDays int `json:"waiting_days,omitempty"`
	// NoWaitingDays sets the waiting days to 0 (a zero WaitingDays means "default").
	NoWaitingDays bool `json:"no_waiting_days,omitempty"`
	// SickPayPercent is the pay % in sickness weeks 1–52 (default 90, CAO
	// 2026–2028 art. 41 lid 1; never below 70 %, BW 7:629 lid 1).
	SickPayPercent decimal.Decimal `json:"sick_pay_percent,omitzero"`
	// SickPayPercentYear2 is the pay % in weeks 53–104 (default 80, art. 41 lid 2).
	SickPayPercentYear2 decimal.Decimal `json:"sick_pay_percent_year2,omitzero"`
	// HolidayPayPercent is the vakantiebijslag the contract names (default 8,
	// the statutory minimum, Wml art. 15; the 2026 pack's only reservation).
	HolidayPayPercent decimal.Decimal `json:"holiday_pay_percent,omitzero"`
	// EndsOnSickness says a contract with uitzendbeding may still end during
	// sickness at the hirer's request. False under the ABU/NBBU CAO since
	// 1-7-2023 (the assignment cannot be ended because of sickness); true only
	// for an agency not bound by the CAO (then the hirer must actually ask,
	// HR 17-3-2023).
	EndsOnSickness bool `json:"ends_on_sickness,omitempty"`
	// ETMaxPercent is the most of the gross wage the ET-uitruil may take
	// (default 30, CAO 2026–2028 art. 37 lid 2 sub c).
	ETMaxPercent decimal.Decimal `json:"et_max_percent,omitzero"`
}

// Defaults.
var (
	defaultMinimumHours = decimal.NewFromInt(4)
	defaultSickPay      = decimal.NewFromInt(90)
	defaultSickPay2     = decimal.NewFromInt(80)
	defaultHolidayPay   = decimal.NewFromInt(8)
	defaultETMax        = decimal.NewFromInt(30)
	statutorySickPay    = decimal.NewFromInt(70)
)

// DefaultCAO is the collective agreement of the 2026 templates (§7.1).
const DefaultCAO = "CAO voor Uitzendkrachten 2026–2028"

// DefaultPension is the pension fund of the sector (§7.5).
const DefaultPension = "StiPP (Stichting Pensioenfonds voor Personeelsdiensten)"

// DefaultSettings returns the settings of the seed agreements and the CAO
// voor Uitzendkrachten 2026–2028.
func DefaultSettings() Settings { return Settings{}.WithDefaults() }

// WithDefaults fills every zero field with its default.
func (s Settings) WithDefaults() Settings {
	if s.CAO == "" {
		s.CAO = DefaultCAO
	}
	if s.Pension == "" {
		s.Pension = DefaultPension
	}
	if s.MinimumHours.IsZero() {
		s.MinimumHours = defaultMinimumHours
	}
	if s.WaitingDays == 0 && !s.NoWaitingDays {
		s.WaitingDays = 1
	}
	if s.NoWaitingDays {
		s.WaitingDays = 0
	}
	if s.SickPayPercent.IsZero() {
		s.SickPayPercent = defaultSickPay
	}
	if s.SickPayPercentYear2.IsZero() {
		s.SickPayPercentYear2 = defaultSickPay2
	}
	if s.HolidayPayPercent.IsZero() {
		s.HolidayPayPercent = defaultHolidayPay
	}
	if s.ETMaxPercent.IsZero() {
		s.ETMaxPercent = defaultETMax
	}
	return s
}

// MinHours is the minimum hours per week the settings demand (0 when none).
func (s Settings) MinHours() decimal.Decimal {
	s = s.WithDefaults()
	if s.MinimumHours.IsNegative() {
		return decimal.Zero
	}
	return s.MinimumHours
}

// Validate refuses settings the law does not allow, with a Dutch message.
func (s Settings) Validate() error {
	s = s.WithDefaults()
	if s.WaitingDays < 0 || s.WaitingDays > 2 {
		return domain.Errorf(domain.EINVALID, "Wachtdagen: %d; de wet staat er hoogstens 2 toe (art. 7:629 lid 9 BW).", s.WaitingDays)
	}
	for _, p := range []struct {
		name string
		v    decimal.Decimal
	}{{"Loon bij ziekte (week 1–52)", s.SickPayPercent}, {"Loon bij ziekte (week 53–104)", s.SickPayPercentYear2}} {
		if p.v.LessThan(statutorySickPay) || p.v.GreaterThan(domain.Hundred) {
			return domain.Errorf(domain.EINVALID, "%s: %s %%; dat moet tussen 70 en 100 %% liggen (art. 7:629 lid 1 BW).", p.name, p.v)
		}
	}
	if s.HolidayPayPercent.LessThan(defaultHolidayPay) {
		return domain.Errorf(domain.EINVALID, "Vakantiebijslag %s %% is lager dan het wettelijke minimum van 8 %% (art. 15 Wml).", s.HolidayPayPercent)
	}
	if !s.ETMaxPercent.IsPositive() || s.ETMaxPercent.GreaterThan(defaultETMax) {
		return domain.Errorf(domain.EINVALID, "ET-maximum %s %%: kies een percentage tot en met 30 (CAO art. 37 lid 2 sub c).", s.ETMaxPercent)
	}
	if s.MinimumHours.GreaterThan(decimal.NewFromInt(60)) {
		return domain.Errorf(domain.EINVALID, "Minimum aantal uren per week %s is meer dan de Arbeidstijdenwet toestaat.", s.MinimumHours)
	}
	return nil
}
