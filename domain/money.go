package domain

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"
)

// Common decimal constants, allocated once.
var (
	Zero    = decimal.Zero
	One     = decimal.NewFromInt(1)
	Hundred = decimal.NewFromInt(100)
)

// RoundCents rounds a money amount to whole cents, half away from zero
// ("commercieel afronden"). This is the default rounding of every amount that
// appears on a payslip or invoice line unless a specific rule says otherwise.
func RoundCents(d decimal.Decimal) decimal.Decimal { return d.Round(2) }

// TruncateCents cuts an amount down to whole cents (towards zero). The
// Rekenvoorschriften use it for the tax on wage above the highest table wage.
func TruncateCents(d decimal.Decimal) decimal.Decimal { return d.Truncate(2) }

// FloorEuro rounds down to whole euros, as the Rekenvoorschriften do for the
// annual table wage and the tax before credits.
func FloorEuro(d decimal.Decimal) decimal.Decimal { return d.Floor() }

// CeilEuro rounds up to whole euros, as the Rekenvoorschriften do for the
// heffingskortingen.
func CeilEuro(d decimal.Decimal) decimal.Decimal { return d.Ceil() }

// RoundHours rounds a quantity of hours to hundredths (0,01 h = 36 s), the
// precision hour sheets and payslips show.
func RoundHours(d decimal.Decimal) decimal.Decimal { return d.Round(2) }

// Percent turns a percentage such as 125 into the factor 1.25.
func Percent(p decimal.Decimal) decimal.Decimal { return p.Div(Hundred) }

// MustDec parses a decimal literal and panics on a malformed one. Only for
// constants in code and tests; never for user input.
func MustDec(s string) decimal.Decimal {
	d, err := decimal.NewFromString(s)
	if err != nil {
		panic(fmt.Sprintf("domain.MustDec(%q): %v", s, err))
	}
	return d
}

// FormatEuro prints an amount the Dutch way: "€ 1.234,56" (negative "€ -1.234,56").
func FormatEuro(d decimal.Decimal) string { return "€ " + FormatDecimalNL(d, 2) }

// FormatDecimalNL prints d with a decimal comma and dots between thousands, at
// the given number of places (rounded half away from zero for display only).
func FormatDecimalNL(d decimal.Decimal, places int32) string {
	s := d.StringFixed(places)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	intPart, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, r := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(r)
	}
	if places > 0 {
		b.WriteByte(',')
		b.WriteString(frac)
	}
	return b.String()
}

// ParseDecimalNL reads a number written the Dutch or the English way: "1.234,56",
// "1234,56", "1,234.56", "1234.56", "-7,5". A single separator followed by
// exactly three digits ("1.234") is read as a thousands separator only when the
// other separator is absent and the sign is a dot in Dutch style; callers that
// know the decimal sign should use ParseDecimalWith.
func ParseDecimalNL(s string) (decimal.Decimal, error) {
	s = strings.TrimSpace(s)
	s = strings.TrimPrefix(s, "€")
	s = strings.TrimSpace(strings.ReplaceAll(s, "\u00a0", ""))
	s = strings.ReplaceAll(s, " ", "")
	if s == "" {
		return Zero, fmt.Errorf("leeg getal")
	}
	comma := strings.LastIndex(s, ",")
	dot := strings.LastIndex(s, ".")
	switch {
	case comma >= 0 && dot >= 0:
		if comma > dot { // 1.234,56
			return ParseDecimalWith(s, ',')
		}
		return ParseDecimalWith(s, '.') // 1,234.56
	case comma >= 0:
		return ParseDecimalWith(s, ',')
	default:
		return ParseDecimalWith(s, '.')
	}
}

// ParseDecimalWith reads a number whose decimal sign is known (',' or '.'); the
// other sign is accepted as a thousands separator.
func ParseDecimalWith(s string, decimalSign rune) (decimal.Decimal, error) {
	orig := s
	s = strings.TrimSpace(s)
	thousands := "."
	if decimalSign == '.' {
		thousands = ","
	}
	s = strings.ReplaceAll(s, thousands, "")
	if decimalSign == ',' {
		s = strings.Replace(s, ",", ".", 1)
	}
	if s == "" || strings.ContainsAny(s, "eE") {
		return Zero, fmt.Errorf("%q is geen getal", orig)
	}
	d, err := decimal.NewFromString(s)
	if err != nil {
		return Zero, fmt.Errorf("%q is geen getal", orig)
	}
	return d, nil
}
