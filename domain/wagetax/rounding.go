package wagetax

import "github.com/shopspring/decimal"

// The roundings of the Rekenvoorschriften, each named after its rule (§3.2–3.4
// of the reference). All arguments here are non-negative, so "half up" and
// "half away from zero" coincide, and so do floor and truncation.

// floorEuro rounds down to whole euros: the annual tax before credits X1
// (RV step 3).
func floorEuro(d decimal.Decimal) decimal.Decimal { return d.Floor() }

// ceilEuro rounds up to whole euros: every heffingskorting (RV step 4).
func ceilEuro(d decimal.Decimal) decimal.Decimal { return d.Ceil() }

// round5 rounds half up to 5 decimals: each build-up and phase-out product of
// the arbeidskorting (RV step 4, "rekenkundig afronden op 5 decimalen").
func round5(d decimal.Decimal) decimal.Decimal { return d.Round(5) }

// stepDown returns the annual table wage L = floor(annual / Lv) × Lv (RV step
// 2): the wage rounded down to the table step.
func stepDown(annual, lv decimal.Decimal) decimal.Decimal {
	q, _ := annual.QuoRem(lv, 0) // annual ≥ 0: truncation is floor
	return q.Mul(lv)
}

// divHalfUpCents returns x / f rounded half up to cents, exactly: the period
// tax and the period verrekende arbeidskorting from their annual amounts (RV
// step 6; confirmed by the 2026 table row 4,50: 19 / 12 = 1,5833 → 1,58, and the
// 2025 row 1.300,50: 509 / 12 = 42,4167 → 42,42).
func divHalfUpCents(x, f decimal.Decimal) decimal.Decimal { return x.DivRound(f, 2) }

// divCeilCents returns x / f rounded up to cents: the printed table wage of a
// row, ceil(L / F, 2), the smallest period wage in cents that reaches L.
func divCeilCents(x, f decimal.Decimal) decimal.Decimal {
	q, r := x.QuoRem(f, 2)
	if r.IsZero() {
		return q
	}
	return q.Add(cent)
}

// divFloorCents returns x / f rounded down to cents: xboven, the tax on the
// part of the wage above the highest table wage ("naar beneden afrondt op 2
// decimalen", RV2026 §2.2.4, §3.4 of the reference).
func divFloorCents(x, f decimal.Decimal) decimal.Decimal {
	q, _ := x.QuoRem(f, 2)
	return q
}

// roundHalfUpCents rounds an amount half up to cents. Used for the tax at the
// bijzonder tarief and the anoniementarief, where the reference names no rule
// (§3.3 step 4: STILL UNVERIFIED; cents half-up is our assumption).
func roundHalfUpCents(d decimal.Decimal) decimal.Decimal { return d.Round(2) }

var cent = decimal.New(1, -2)
