package payroll

import (
	"math"
	"math/bits"

	"github.com/shopspring/decimal"
)

// Exact decimal arithmetic with a fast path.
//
// Every value in the engine is a decimal.Decimal. shopspring/decimal keeps the
// coefficient in a math/big.Int and, whenever two operands have different
// exponents (8 h + 1,5 h; € 599,60 + decimal.Zero, whose exponent is 1) or a
// result is rounded, rescales by computing 10^n with big.Int.Exp: about ten
// allocations per operation. The profile of BenchmarkPayslip showed rescale
// and Round as the largest cost of a payslip. These helpers compute the same
// exact results on the int64 coefficients when they are small enough (at most
// 15 digits, far above any payslip amount), allocating only the result, and
// fall back to the library otherwise. They never use floating point.

const fastDigits = 15

var pow10 = [...]int64{1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18}

// Exponents for which the fast path applies, and the bounds ±10^15 at each of
// them: comparing d with a bound of the same exponent compares the big.Int
// coefficients directly, without rescaling or allocating (decimal.NumDigits,
// the obvious test, takes a floating-point logarithm and cost a fifth of a
// payslip).
const minFastExp, maxFastExp = -12, 6

var fastBounds, fastNegBounds [maxFastExp - minFastExp + 1]decimal.Decimal

func init() {
	for e := int32(minFastExp); e <= maxFastExp; e++ {
		fastBounds[e-minFastExp] = decimal.New(pow10[fastDigits], e)
		fastNegBounds[e-minFastExp] = decimal.New(-pow10[fastDigits], e)
	}
}

// split returns the coefficient and exponent of d when the fast path applies:
// |coefficient| < 10^15 and an exponent in [−12, 6]. A zero (including the
// zero value) has coefficient 0 and any exponent.
func split(d decimal.Decimal) (int64, int32, bool) {
	if d.IsZero() {
		return 0, 0, true
	}
	e := d.Exponent()
	if e < minFastExp || e > maxFastExp {
		return 0, 0, false
	}
	if d.Sign() > 0 {
		if d.Cmp(fastBounds[e-minFastExp]) >= 0 {
			return 0, 0, false
		}
	} else if d.Cmp(fastNegBounds[e-minFastExp]) <= 0 {
		return 0, 0, false
	}
	return d.CoefficientInt64(), e, true
}

// acc is an exact running sum of decimals: the coefficient and exponent of
// the sum, switching to decimal.Decimal arithmetic if a term leaves the fast
// path. Accumulating a week's hour lines this way allocates nothing until the
// total is read with dec.
type acc struct {
	v    int64
	e    int32
	slow bool
	big  decimal.Decimal
}

func (a *acc) add(d decimal.Decimal) {
	if !a.slow {
		if dv, de, ok := split(d); ok {
			if x, y, e, ok := align(a.v, a.e, dv, de); ok && inRange(x) && inRange(y) {
				a.v, a.e = x+y, e
				return
			}
		}
		a.slow, a.big = true, decimal.New(a.v, a.e)
	}
	a.big = a.big.Add(d)
}

func (a *acc) sub(d decimal.Decimal) {
	if !a.slow {
		if dv, de, ok := split(d); ok {
			if x, y, e, ok := align(a.v, a.e, dv, de); ok && inRange(x) && inRange(y) {
				a.v, a.e = x-y, e
				return
			}
		}
		a.slow, a.big = true, decimal.New(a.v, a.e)
	}
	a.big = a.big.Sub(d)
}

// addMul adds x × y exactly.
func (a *acc) addMul(x, y decimal.Decimal) {
	if !a.slow {
		vx, ex, ok1 := split(x)
		vy, ey, ok2 := split(y)
		if ok1 && ok2 {
			if v, ok := mul64(vx, vy); ok && inRange(v) {
				if p, q, e, ok := align(a.v, a.e, v, ex+ey); ok && inRange(p) && inRange(q) {
					a.v, a.e = p+q, e
					return
				}
			}
		}
		a.slow, a.big = true, decimal.New(a.v, a.e)
	}
	a.big = a.big.Add(x.Mul(y))
}

func (a *acc) isZero() bool { return !a.slow && a.v == 0 || a.slow && a.big.IsZero() }

func (a *acc) positive() bool { return !a.slow && a.v > 0 || a.slow && a.big.IsPositive() }

// dec returns the sum as a decimal (one allocation; none for zero).
func (a *acc) dec() decimal.Decimal {
	if a.slow {
		return a.big
	}
	if a.v == 0 {
		return decimal.Decimal{}
	}
	return decimal.New(a.v, a.e)
}

// mulShift returns a × b × 10^shift exactly: a rate from a wage and a
// percentage (shift −2).
func mulShift(a, b decimal.Decimal, shift int32) decimal.Decimal {
	va, ea, ok1 := split(a)
	vb, eb, ok2 := split(b)
	if ok1 && ok2 {
		if v, ok := mul64(va, vb); ok {
			return decimal.New(v, ea+eb+shift)
		}
	}
	return a.Mul(b).Shift(shift)
}

// scaleUp returns v × 10^n, or false on overflow.
func scaleUp(v int64, n int32) (int64, bool) {
	if n == 0 {
		return v, true
	}
	if n < 0 || n >= int32(len(pow10)) {
		return 0, false
	}
	p := pow10[n]
	if v > math.MaxInt64/p || v < -math.MaxInt64/p {
		return 0, false
	}
	return v * p, true
}

// align brings two coefficients to the smaller exponent.
func align(va int64, ea int32, vb int64, eb int32) (int64, int64, int32, bool) {
	switch {
	case va == 0:
		return 0, vb, eb, true
	case vb == 0:
		return va, 0, ea, true
	case ea == eb:
		return va, vb, ea, true
	case ea < eb:
		vb, ok := scaleUp(vb, eb-ea)
		return va, vb, ea, ok
	default:
		va, ok := scaleUp(va, ea-eb)
		return va, vb, eb, ok
	}
}

const safeAdd = math.MaxInt64 / 2

func inRange(v int64) bool { return v < safeAdd && v > -safeAdd }

// add returns a + b exactly.
func add(a, b decimal.Decimal) decimal.Decimal {
	if b.IsZero() && !a.IsZero() {
		return a
	}
	if a.IsZero() && !b.IsZero() {
		return b
	}
	va, ea, ok1 := split(a)
	vb, eb, ok2 := split(b)
	if ok1 && ok2 {
		if x, y, e, ok := align(va, ea, vb, eb); ok && inRange(x) && inRange(y) {
			return decimal.New(x+y, e)
		}
	}
	return a.Add(b)
}

// sub returns a − b exactly.
func sub(a, b decimal.Decimal) decimal.Decimal {
	if b.IsZero() {
		return a
	}
	va, ea, ok1 := split(a)
	vb, eb, ok2 := split(b)
	if ok1 && ok2 {
		if x, y, e, ok := align(va, ea, vb, eb); ok && inRange(x) && inRange(y) {
			return decimal.New(x-y, e)
		}
	}
	return a.Sub(b)
}

// sum returns the exact sum of ds.
func sum(ds ...decimal.Decimal) decimal.Decimal {
	var v int64
	var e int32
	ok := true
	for _, d := range ds {
		if !ok {
			break
		}
		dv, de, fits := split(d)
		if !fits {
			ok = false
			break
		}
		var x, y int64
		x, y, e, ok = align(v, e, dv, de)
		if ok && inRange(x) && inRange(y) {
			v = x + y
		} else {
			ok = false
		}
	}
	if ok {
		return decimal.New(v, e)
	}
	t := decimal.Zero
	for _, d := range ds {
		t = t.Add(d)
	}
	return t
}

// cmp compares a and b like decimal.Cmp.
func cmp(a, b decimal.Decimal) int {
	va, ea, ok1 := split(a)
	vb, eb, ok2 := split(b)
	if ok1 && ok2 {
		if x, y, _, ok := align(va, ea, vb, eb); ok {
			switch {
			case x < y:
				return -1
			case x > y:
				return 1
			}
			return 0
		}
	}
	return a.Cmp(b)
}

func less(a, b decimal.Decimal) bool { return cmp(a, b) < 0 }

func minDec(a, b decimal.Decimal) decimal.Decimal {
	if cmp(b, a) < 0 {
		return b
	}
	return a
}

// mul64 multiplies two coefficients, or returns false on overflow.
func mul64(a, b int64) (int64, bool) {
	neg := (a < 0) != (b < 0)
	ua, ub := abs64(a), abs64(b)
	hi, lo := bits.Mul64(ua, ub)
	if hi != 0 || lo > math.MaxInt64 {
		return 0, false
	}
	if neg {
		return -int64(lo), true
	}
	return int64(lo), true
}

func abs64(v int64) uint64 {
	if v < 0 {
		return uint64(-v)
	}
	return uint64(v)
}

// rounding modes of shorten.
const (
	halfUp = iota // half away from zero: domain.RoundCents
	down          // towards zero: domain.TruncateCents (floor for non-negative amounts)
)

// shorten returns v × 10^e at exponent −places with the given rounding, or
// false when the fast path does not apply.
func shorten(v int64, e, places int32, mode int) (int64, bool) {
	if e >= -places {
		return scaleUp(v, e+places)
	}
	n := -places - e
	if n >= int32(len(pow10)) {
		return 0, false
	}
	p := pow10[n]
	q, r := v/p, v%p
	if mode == halfUp {
		if r < 0 {
			r = -r
		}
		if r >= p-r { // 2r ≥ p without overflow
			if v < 0 {
				q--
			} else {
				q++
			}
		}
	}
	return q, true
}

// mulRound returns a × b rounded half away from zero to places decimals: the
// same as domain.RoundCents(a.Mul(b)) for places 2.
func mulRound(a, b decimal.Decimal, places int32) decimal.Decimal {
	va, ea, ok1 := split(a)
	vb, eb, ok2 := split(b)
	if ok1 && ok2 {
		if v, ok := mul64(va, vb); ok {
			if q, ok := shorten(v, ea+eb, places, halfUp); ok {
				return decimal.New(q, -places)
			}
		}
	}
	return a.Mul(b).Round(places)
}

// mulTrunc returns a × b cut to places decimals towards zero (floor for the
// non-negative limits it is used for).
func mulTrunc(a, b decimal.Decimal, places int32) decimal.Decimal {
	va, ea, ok1 := split(a)
	vb, eb, ok2 := split(b)
	if ok1 && ok2 {
		if v, ok := mul64(va, vb); ok {
			if q, ok := shorten(v, ea+eb, places, down); ok {
				return decimal.New(q, -places)
			}
		}
	}
	return a.Mul(b).Truncate(places)
}

// mul returns a × b exactly.
func mul(a, b decimal.Decimal) decimal.Decimal {
	va, ea, ok1 := split(a)
	vb, eb, ok2 := split(b)
	if ok1 && ok2 {
		if v, ok := mul64(va, vb); ok {
			return decimal.New(v, ea+eb)
		}
	}
	return a.Mul(b)
}

// round returns d rounded half away from zero to places decimals.
func round(d decimal.Decimal, places int32) decimal.Decimal {
	if v, e, ok := split(d); ok {
		if e == -places && v != 0 {
			return d
		}
		if q, ok := shorten(v, e, places, halfUp); ok {
			return decimal.New(q, -places)
		}
	}
	return d.Round(places)
}

// trunc returns d cut to places decimals towards zero.
func trunc(d decimal.Decimal, places int32) decimal.Decimal {
	if v, e, ok := split(d); ok {
		if e == -places && v != 0 {
			return d
		}
		if q, ok := shorten(v, e, places, down); ok {
			return decimal.New(q, -places)
		}
	}
	return d.Truncate(places)
}

// divRound returns a / b rounded half away from zero to places decimals; b ≠ 0.
func divRound(a, b decimal.Decimal, places int32) decimal.Decimal {
	va, ea, ok1 := split(a)
	vb, eb, ok2 := split(b)
	if ok1 && ok2 && vb != 0 {
		num, den := va, vb
		ok := true
		if s := ea - eb + places; s >= 0 {
			num, ok = scaleUp(va, s)
		} else {
			den, ok = scaleUp(vb, -s)
		}
		if ok && inRange(num) && inRange(den) {
			if den < 0 {
				num, den = -num, -den
			}
			q, r := num/den, num%den
			if r < 0 {
				r = -r
			}
			if r >= den-r {
				if num < 0 {
					q--
				} else {
					q++
				}
			}
			return decimal.New(q, -places)
		}
	}
	return a.DivRound(b, places)
}
