package payroll

import "github.com/shopspring/decimal"

// Every rounding of the engine, named after its rule. "§" refers to
// shared/domain/nl-payroll-2026.md. Where neither law nor CAO prescribes a
// rounding it says so; the choice is then the commercial rounding to cents that
// payslips use (domain.RoundCents, half away from zero — for the non-negative
// amounts here the same as half up).

// lineAmount rounds a payslip line (quantity × rate) to cents, half up, once
// per line — never per hour line of a day, so that a week of 5 × 8 h at € 14,99
// is 40 × 14,99 and not 5 roundings. No legal rule names this rounding; BW
// 7:626 (§8) only requires the specified amounts.
func lineAmount(qty, rate decimal.Decimal) decimal.Decimal { return mulRound(qty, rate, 2) }

// percentAmount rounds base × fraction to cents, half up: reservation accruals,
// weekly-paid reservations, employer premiums and StiPP premiums. Employee-level
// premium amounts in the aangifte are in cents (N(10,2), §3.6); the StiPP
// example of §7.5 / §11.4 rounds its premiums half up to cents (194,4975 →
// 194,50). Whole-euro rounding "in het voordeel van de inhoudingsplichtige"
// applies only to the collective totals of the aangifte (§3.6), not here.
func percentAmount(base, fraction decimal.Decimal) decimal.Decimal {
	return mulRound(base, fraction, 2)
}

// roundCents is domain.RoundCents (half away from zero) through the fast path:
// amounts the caller typed (payouts, deductions, expenses) and products.
func roundCents(d decimal.Decimal) decimal.Decimal { return round(d, 2) }

// floorCents rounds down to cents: used for every upper limit (the ET exchange
// limits, the housing-deduction cap), so that a limit is never exceeded by a
// rounding. The maximum premieloon per period is floored the same way (§4,
// params.Pack.MaxPremiumWage).
func floorCents(d decimal.Decimal) decimal.Decimal { return trunc(d, 2) }

// floorMul is floorCents(a × b) for the non-negative limits.
func floorMul(a, b decimal.Decimal) decimal.Decimal { return mulTrunc(a, b, 2) }

// pensionBase rounds the StiPP pensioengrondslag to cents, half up, as the
// StiPP example does (§7.5: pensioengevend salaris 3.794,4973 → 3.794,50,
// grondslag 2.593,30) before the premium percentages are applied.
func pensionBase(d decimal.Decimal) decimal.Decimal { return round(d, 2) }

// perHour divides a period amount by hours, half up to cents: the wage cost
// per hour (information for margins, no legal rule).
func perHour(amount, hours decimal.Decimal) decimal.Decimal { return divRound(amount, hours, 2) }
