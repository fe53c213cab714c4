package payroll

import (
	"math/rand"
	"testing"

	"github.com/shopspring/decimal"
)

// randDec returns decimals of every shape the engine meets and some it must
// hand to the library: small and huge coefficients, exponents −8 … 3, zero,
// the zero value, decimal.Zero (exponent 1), negatives.
func randDec(r *rand.Rand) decimal.Decimal {
	switch r.Intn(12) {
	case 0:
		return decimal.Decimal{}
	case 1:
		return decimal.Zero
	case 2: // beyond the fast path
		return decimal.RequireFromString("123456789012345678901234.5678")
	case 3:
		return decimal.New(r.Int63n(1e16), -int32(r.Intn(4)))
	}
	v := r.Int63n(10_000_000) - 2_000_000
	return decimal.New(v, int32(r.Intn(12))-8)
}

// The fast helpers must give exactly what shopspring/decimal gives.
func TestFastHelpersMatchDecimal(t *testing.T) {
	r := rand.New(rand.NewSource(42))
	for i := 0; i < 60000; i++ {
		a, b := randDec(r), randDec(r)
		places := int32(r.Intn(4))
		check := func(name string, got, want decimal.Decimal) {
			if !got.Equal(want) {
				t.Fatalf("%s(%s, %s, %d) = %s, want %s", name, a, b, places, got, want)
			}
		}
		check("add", add(a, b), a.Add(b))
		check("sub", sub(a, b), a.Sub(b))
		check("mul", mul(a, b), a.Mul(b))
		check("mulShift", mulShift(a, b, -2), a.Mul(b).Shift(-2))
		check("mulRound", mulRound(a, b, places), a.Mul(b).Round(places))
		check("mulTrunc", mulTrunc(a, b, places), a.Mul(b).Truncate(places))
		check("round", round(a, places), a.Round(places))
		check("trunc", trunc(a, places), a.Truncate(places))
		check("minDec", minDec(a, b), decimal.Min(a, b))
		check("sum", sum(a, b, a), a.Add(b).Add(a))
		if !b.IsZero() {
			check("divRound", divRound(a, b, places), a.DivRound(b, places))
		}
		if cmp(a, b) != a.Cmp(b) {
			t.Fatalf("cmp(%s, %s) = %d, want %d", a, b, cmp(a, b), a.Cmp(b))
		}
		var s acc
		s.add(a)
		s.sub(b)
		s.addMul(a, b)
		check("acc", s.dec(), a.Sub(b).Add(a.Mul(b)))
	}
}

// Half-up ties and negative values, the cases a rounding bug hides in.
func TestFastRoundingTies(t *testing.T) {
	for _, c := range []struct{ a, b, want string }{
		{"47.968", "1", "47.97"}, {"0.005", "1", "0.01"}, {"-0.005", "1", "-0.01"}, {"0.004999", "1", "0.00"},
		{"230", "0.075", "17.25"}, {"2593.30", "0.075", "194.50"}, {"6617.41", "0.061", "403.66"},
	} {
		got := mulRound(decimal.RequireFromString(c.a), decimal.RequireFromString(c.b), 2)
		if !got.Equal(decimal.RequireFromString(c.want)) {
			t.Errorf("mulRound(%s, %s) = %s, want %s", c.a, c.b, got, c.want)
		}
	}
}
