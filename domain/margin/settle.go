package margin

import (
	"time"

	"github.com/shopspring/decimal"

	"verloner/domain"
)

// FeeKind is how a backoffice firm that runs payroll for the agency charges.
type FeeKind string

// Fee kinds.
const (
	FeeNone          FeeKind = ""                  // no backoffice: no settlement
	FeePerWorkerWeek FeeKind = "per_worker_week"   // € per worker paid per week
	FeePerHour       FeeKind = "per_hour"          // € per paid hour (verloond uur)
	FeePercent       FeeKind = "percent_of_margin" // % of the margin
)

// Fee is the backoffice fee setting.
type Fee struct {
	Kind FeeKind `json:"kind"`
	// Rate is euros per worker-week or per paid hour, or the percentage of
	// the margin (12.5 means 12,5 %), excl. VAT.
	Rate       decimal.Decimal `json:"rate"`
	Backoffice string          `json:"backoffice"` // the firm's name, printed on the statement
}

// Validate checks a fee before it is stored.
func (f Fee) Validate() error {
	switch f.Kind {
	case FeeNone:
		return nil
	case FeePerWorkerWeek, FeePerHour, FeePercent:
	default:
		return domain.Errorf(domain.EINVALID, "Onbekende soort backofficevergoeding %q (per_worker_week, per_hour, percent_of_margin).", f.Kind)
	}
	if f.Rate.IsNegative() {
		return domain.Errorf(domain.EINVALID, "De backofficevergoeding mag niet negatief zijn.")
	}
	if f.Kind == FeePercent && f.Rate.GreaterThan(domain.Hundred) {
		return domain.Errorf(domain.EINVALID, "Een vergoeding van meer dan 100 %% van de marge kan niet.")
	}
	if f.Rate.Exponent() < -4 {
		return domain.Errorf(domain.EINVALID, "De backofficevergoeding heeft te veel decimalen (hoogstens 4).")
	}
	return nil
}

// Describe is the fee in Dutch, for the statement: "€ 12,50 per uitzendkracht per week".
func (f Fee) Describe() string {
	switch f.Kind {
	case FeePerWorkerWeek:
		return domain.FormatEuro(f.Rate) + " per uitzendkracht per week"
	case FeePerHour:
		return domain.FormatEuro(f.Rate) + " per verloond uur"
	case FeePercent:
		return domain.FormatDecimalNL(f.Rate, 2) + " % van de marge"
	}
	return "geen"
}

// Approval records that the agency approved a period's settlement with the
// figures it saw.
type Approval struct {
	Period  domain.Period   `json:"period"`
	Margin  decimal.Decimal `json:"margin"`
	Fee     decimal.Decimal `json:"fee"`
	Payable decimal.Decimal `json:"payable"`
	Terms   Fee             `json:"terms"`
	At      time.Time       `json:"at"`
	By      string          `json:"by"`
}

// Settlement is the margin settlement statement of a period: the margin
// minus the backoffice fee, what the backoffice owes the agency (negative:
// what the agency owes).
type Settlement struct {
	Period      domain.Period   `json:"period"`
	Fee         Fee             `json:"fee"`
	Revenue     decimal.Decimal `json:"revenue"`
	WageCost    decimal.Decimal `json:"wage_cost"`
	Margin      decimal.Decimal `json:"margin"`
	Basis       decimal.Decimal `json:"basis"` // worker-weeks, paid hours or the margin
	BasisText   string          `json:"basis_text"`
	FeeAmount   decimal.Decimal `json:"fee_amount"` // excl. VAT
	Payable     decimal.Decimal `json:"payable"`    // Margin − FeeAmount
	Estimated   bool            `json:"estimated,omitempty"`
	CostMissing bool            `json:"cost_missing,omitempty"`
	// Ready says the statement may be approved: final figures (nothing
	// estimated, no revenue without wage cost) and a fee set. Reasons say
	// why not.
	Ready    bool      `json:"ready"`
	Reasons  []string  `json:"reasons,omitempty"`
	Approval *Approval `json:"approval,omitempty"`
	// Changed says the figures differ from the approved ones (a later
	// invoice or correction run): the statement needs a new approval.
	Changed bool `json:"changed,omitempty"`
}

// Settle works out the settlement of a period's margins. The fee is the
// basis × rate rounded to cents (per worker-week: Margins.WorkerWeeks; per
// hour: the paid hours), or the margin × rate/100 rounded to cents and never
// below zero (a loss carries no percentage fee).
func Settle(m *Margins, fee Fee, approval *Approval) *Settlement {
	s := &Settlement{Period: m.Period, Fee: fee, Revenue: m.Total.Revenue, WageCost: m.Total.WageCost, Margin: m.Total.Margin,
		Estimated: m.Total.Estimated, CostMissing: m.Total.CostMissing, FeeAmount: decimal.Zero}
	switch fee.Kind {
	case FeePerWorkerWeek:
		s.Basis, s.BasisText = decimal.NewFromInt(int64(m.WorkerWeeks)), "uitzendkrachtweken"
		s.FeeAmount = domain.RoundCents(s.Basis.Mul(fee.Rate))
	case FeePerHour:
		s.Basis, s.BasisText = m.Total.PaidHours, "verloonde uren"
		s.FeeAmount = domain.RoundCents(s.Basis.Mul(fee.Rate))
	case FeePercent:
		s.Basis, s.BasisText = m.Total.Margin, "marge"
		if s.Basis.IsPositive() {
			s.FeeAmount = domain.RoundCents(s.Basis.Mul(fee.Rate).Div(domain.Hundred))
		}
	}
	s.Payable = s.Margin.Sub(s.FeeAmount)
	if fee.Kind == FeeNone {
		s.Reasons = append(s.Reasons, "Er is geen backofficevergoeding ingesteld.")
	}
	if s.Estimated {
		s.Reasons = append(s.Reasons, "Een deel van de omzet is geschat: nog niet alle uren zijn gefactureerd.")
	}
	if s.CostMissing {
		s.Reasons = append(s.Reasons, "Er is omzet van uitzendkrachten die nog niet definitief verloond zijn.")
	}
	if m.Empty() {
		s.Reasons = append(s.Reasons, "De periode heeft geen verloning en geen facturen.")
	}
	s.Ready = len(s.Reasons) == 0
	if approval != nil {
		s.Approval = approval
		s.Changed = !approval.Margin.Equal(s.Margin) || !approval.Fee.Equal(s.FeeAmount) || !approval.Payable.Equal(s.Payable)
	}
	return s
}
