package importers

import (
	"errors"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/shopspring/decimal"

	"verloner/domain"
)

// DateOrder is the order of day, month and year in dates written as text.
// Dutch sheets use DMY; the template can say otherwise (Mysolution's JMD/DMJ/MDJ).
type DateOrder string

// Date orders a template can choose.
const (
	DMY DateOrder = "DMY"
	YMD DateOrder = "YMD"
	MDY DateOrder = "MDY"
)

var errValue = errors.New("waarde niet herkend")

// minutesPerHour and friends are decimals used in conversions, allocated once.
var (
	sixty      = decimal.NewFromInt(60)
	twentyFour = decimal.NewFromInt(24)
)

// cleanCell trims spaces (including non-breaking ones) around a cell value.
func cleanCell(s string) string {
	return strings.TrimFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == '\u00a0' || r == '\ufeff' })
}

// parseNumber reads a number with a known (',' or '.') or unknown (0) decimal sign.
func parseNumber(s string, sign rune) (decimal.Decimal, error) {
	s = cleanCell(s)
	if s == "" {
		return decimal.Zero, errValue
	}
	if len(s) > 40 {
		return decimal.Zero, errValue
	}
	// Raw Excel values are plain "7.5" or "1.2E-3"-style floats.
	if strings.ContainsAny(s, "eE") {
		return floatDecimal(s)
	}
	if sign == 0 {
		return domain.ParseDecimalNL(s)
	}
	s = strings.TrimPrefix(strings.TrimSpace(strings.TrimPrefix(s, "€")), "")
	return domain.ParseDecimalWith(strings.ReplaceAll(s, " ", ""), sign)
}

// excelNumber reads a raw XLSX cell value: Excel always writes a dot, never
// thousands separators. Binary floats such as 7.499999999999999 are rounded to
// 10 decimals so that cached formula results come out as the user saw them.
func excelNumber(s string) (decimal.Decimal, bool) {
	s = cleanCell(s)
	if s == "" || len(s) > 40 {
		return decimal.Zero, false
	}
	for _, r := range s {
		if !(r >= '0' && r <= '9' || r == '.' || r == '-' || r == 'E' || r == 'e' || r == '+') {
			return decimal.Zero, false
		}
	}
	if strings.ContainsAny(s, "eE") {
		d, err := floatDecimal(s)
		return d, err == nil
	}
	d, ok := shortDecimal(s)
	if !ok {
		var err error
		if d, err = decimal.NewFromString(s); err != nil {
			return decimal.Zero, false
		}
	}
	if d.Exponent() < -10 {
		d = d.Round(10)
	}
	return d, true
}

// shortDecimal reads the common raw values — "46027", "7.5", "-0.25", at
// most 18 digits — straight into a decimal, as decimal.NewFromString would
// (the same coefficient and exponent), without its parsing allocations.
// Anything else is left to NewFromString.
func shortDecimal(s string) (decimal.Decimal, bool) {
	i, neg := 0, false
	if i < len(s) && s[i] == '-' {
		neg = true
		i++
	}
	var v int64
	digits, frac, dot := 0, 0, false
	for ; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			v = v*10 + int64(c-'0')
			digits++
			if dot {
				frac++
			}
		case c == '.' && !dot && digits > 0:
			dot = true
		default:
			return decimal.Decimal{}, false
		}
	}
	if digits == 0 || digits > 18 || (dot && frac == 0) {
		return decimal.Decimal{}, false
	}
	if neg {
		v = -v
	}
	return decimal.New(v, int32(-frac)), true
}

// floatDecimal reads exponent notation ("1.5E-2", as Excel writes tiny
// floats) through float64 and refuses magnitudes no hour sheet holds: an
// exponent like 1e-999999999 taken literally would make every later decimal
// comparison allocate a gigantic integer.
func floatDecimal(s string) (decimal.Decimal, error) {
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsInf(f, 0) || math.IsNaN(f) || math.Abs(f) > 1e12 {
		return decimal.Zero, errValue
	}
	return decimal.NewFromFloat(f).Round(10), nil
}

// plainDecimal reads a plain decimal ("8.00", "-1.5") without exponent
// notation, for XML values; see floatDecimal for why exponents are refused.
func plainDecimal(s string) (decimal.Decimal, error) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 40 || strings.ContainsAny(s, "eE") {
		return decimal.Zero, errValue
	}
	return decimal.NewFromString(s)
}

// QuantityUnit says what a bare number in a quantity cell means.
type QuantityUnit string

// Quantity units a template can choose.
const (
	UnitHours   QuantityUnit = "hours"   // 7,5 = seven and a half hours
	UnitMinutes QuantityUnit = "minutes" // 450 = seven and a half hours (Easyflex web service)
	UnitDays    QuantityUnit = "days"    // Excel time fraction of a day: 0.3125 = 7:30
)

// ParseQuantity reads a quantity of hours (or km or euros): "7,5", "7.5",
// "7:30" (h:mm), "7u30", or a bare number in the given unit. sign is the
// decimal sign (',' or '.') or 0 to guess. The result of a time conversion is
// rounded to hundredths of an hour, the precision of a payslip.
func ParseQuantity(s string, sign rune, unit QuantityUnit) (decimal.Decimal, error) {
	s = cleanCell(s)
	if s == "" {
		return decimal.Zero, errValue
	}
	low := strings.ToLower(s)
	low = strings.TrimSuffix(strings.TrimSuffix(strings.TrimSpace(strings.TrimSuffix(low, "uur")), "u"), "h")
	if h, m, ok := strings.Cut(low, ":"); ok || strings.Contains(low, "u") {
		if !ok {
			h, m, _ = strings.Cut(low, "u")
		}
		return hoursMinutes(h, m)
	}
	d, err := parseNumber(strings.TrimSpace(low), sign)
	if err != nil {
		return decimal.Zero, errValue
	}
	switch unit {
	case UnitMinutes:
		return domain.RoundHours(d.Div(sixty)), nil
	case UnitDays:
		return domain.RoundHours(d.Mul(twentyFour)), nil
	}
	return d, nil
}

func hoursMinutes(h, m string) (decimal.Decimal, error) {
	h, m = strings.TrimSpace(h), strings.TrimSpace(m)
	neg := strings.HasPrefix(h, "-")
	h = strings.TrimPrefix(h, "-")
	if len(h) > 4 || len(m) != 2 && len(m) != 1 {
		return decimal.Zero, errValue
	}
	hi, err1 := strconv.Atoi(h)
	mi, err2 := strconv.Atoi(m)
	if h == "" {
		hi, err1 = 0, nil
	}
	if err1 != nil || err2 != nil || hi < 0 || mi < 0 || mi > 59 {
		return decimal.Zero, errValue
	}
	d := domain.RoundHours(decimal.NewFromInt(int64(hi*60 + mi)).Div(sixty))
	if neg {
		d = d.Neg()
	}
	return d, nil
}

// pivotYear decides the century of two-digit years: yy up to pivotYear%100
// is 20yy, above it 19yy (so a birth date "12-04-88" is 1988, a work date
// "16-11-26" 2026).
var pivotYear = time.Now().Year() + 10

// ParseDate reads a date cell. raw marks an XLSX raw value, where a bare
// number is an Excel serial date (1900 or, with date1904, 1904 system).
// Text dates: dd-mm-jjjj, d-m-jj, with '-', '/', '.' or ' '; ISO yyyy-mm-dd
// (also with a time part); 8 digits without separator in the given order;
// and a leading weekday name ("ma 16-11-2026") is ignored.
func ParseDate(s string, order DateOrder, raw, date1904 bool) (time.Time, error) {
	s = cleanCell(s)
	if s == "" || len(s) > 40 {
		return time.Time{}, errValue
	}
	if order == "" {
		order = DMY
	}
	if raw {
		if d, ok := excelNumber(s); ok {
			return serialDate(d, date1904)
		}
	}
	// Drop a weekday prefix ("ma 16-11-2026", "Mon 2026-11-16").
	if i := strings.IndexAny(s, " \t"); i > 0 {
		if _, ok := ParseWeekday(s[:i]); ok {
			s = strings.TrimSpace(s[i+1:])
		}
	}
	// ISO with a time part: 2026-11-16T00:00:00(Z).
	if len(s) > 10 && (s[10] == 'T' || s[10] == ' ') && s[4] == '-' {
		s = s[:10]
	}
	if isDigits(s) {
		switch len(s) {
		case 8:
			if order == YMD || (order == DMY && (strings.HasPrefix(s, "19") || strings.HasPrefix(s, "20")) && validYMD(s)) {
				return ymd(s[:4], s[4:6], s[6:])
			}
			if order == MDY {
				return ymd(s[4:], s[:2], s[2:4])
			}
			return ymd(s[4:], s[2:4], s[:2])
		case 5:
			if !raw { // a serial date typed into a CSV, e.g. 46342
				if d, ok := excelNumber(s); ok && d.IntPart() > 20000 && d.IntPart() < 80000 {
					return serialDate(d, date1904)
				}
			}
		}
		return time.Time{}, errValue
	}
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == '-' || r == '/' || r == '.' || r == ' ' })
	if len(parts) != 3 {
		return time.Time{}, errValue
	}
	if len(parts[0]) == 4 { // yyyy-mm-dd whatever the order
		return ymd(parts[0], parts[1], parts[2])
	}
	switch order {
	case MDY:
		return ymd(parts[2], parts[0], parts[1])
	case YMD:
		return ymd(parts[0], parts[1], parts[2])
	}
	return ymd(parts[2], parts[1], parts[0])
}

func validYMD(s string) bool {
	m, _ := strconv.Atoi(s[4:6])
	d, _ := strconv.Atoi(s[6:])
	return m >= 1 && m <= 12 && d >= 1 && d <= 31
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func ymd(ys, ms, ds string) (time.Time, error) {
	if !isDigits(ys) || !isDigits(ms) || !isDigits(ds) || len(ys) > 4 || len(ms) > 2 || len(ds) > 2 {
		return time.Time{}, errValue
	}
	y, _ := strconv.Atoi(ys)
	m, _ := strconv.Atoi(ms)
	d, _ := strconv.Atoi(ds)
	switch len(ys) {
	case 2:
		y += 2000
		if y > pivotYear {
			y -= 100
		}
	case 4:
	default:
		return time.Time{}, errValue
	}
	if y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1 || d > 31 {
		return time.Time{}, errValue
	}
	t := domain.Date(y, time.Month(m), d)
	if t.Day() != d { // 31-02
		return time.Time{}, errValue
	}
	return t, nil
}

// serialDate converts an Excel serial day number. Fractions (a time of day) are dropped.
func serialDate(d decimal.Decimal, date1904 bool) (time.Time, error) {
	n := d.IntPart()
	if d.IsNegative() || n < 1 || n > 2958465 {
		return time.Time{}, errValue
	}
	var base time.Time
	if date1904 {
		base = domain.Date(1904, 1, 1)
	} else {
		// Excel's 1900 system counts the non-existent 29-02-1900: serial 61 is 01-03-1900.
		base = domain.Date(1899, 12, 30)
		if n < 61 {
			base = domain.Date(1899, 12, 31)
		}
	}
	return base.AddDate(0, 0, int(n)), nil
}

// ParseClock reads a time of day as minutes after midnight: "07:30", "7:30",
// "7.30", "0730", "7u30", or (raw XLSX) a day fraction such as 0.3125.
// "24:00" is accepted as the end of the day.
func ParseClock(s string, raw bool) (int, error) {
	s = strings.ToLower(cleanCell(s))
	if s == "" || len(s) > 30 {
		return 0, errValue
	}
	if raw {
		if d, ok := excelNumber(s); ok && !d.IsNegative() && d.LessThan(decimal.NewFromInt(2)) && !strings.Contains(s, ":") {
			mins := d.Mul(decimal.NewFromInt(1440)).Round(0).IntPart()
			return int(mins % 1440), nil
		}
	}
	// A date-time value "2026-11-16 07:30" or "2026-11-16T07:30:00".
	if i := strings.IndexAny(s, "t "); i >= 8 {
		s = s[i+1:]
	}
	s = strings.TrimSuffix(strings.TrimSuffix(s, "u"), "h")
	var hs, ms string
	switch {
	case strings.ContainsAny(s, ":.u"):
		i := strings.IndexAny(s, ":.u")
		hs, ms = s[:i], s[i+1:]
		if j := strings.IndexByte(ms, ':'); j >= 0 { // seconds
			ms = ms[:j]
		}
	case isDigits(s) && len(s) == 4:
		hs, ms = s[:2], s[2:]
	case isDigits(s) && len(s) <= 2:
		hs, ms = s, "0"
	default:
		return 0, errValue
	}
	if !isDigits(hs) || !isDigits(ms) || len(hs) > 2 || len(ms) > 2 {
		return 0, errValue
	}
	h, _ := strconv.Atoi(hs)
	m, _ := strconv.Atoi(ms)
	if h > 24 || m > 59 || (h == 24 && m != 0) {
		return 0, errValue
	}
	return h*60 + m, nil
}

// ShiftHours computes the hours of a shift from start and end (minutes after
// midnight) and a break in minutes. An end at or before the start means the
// shift runs over midnight. It reports whether it did.
func ShiftHours(start, end, breakMin int) (decimal.Decimal, bool, error) {
	overnight := end <= start
	if overnight {
		end += 1440
	}
	work := end - start - breakMin
	if work < 0 {
		return decimal.Zero, overnight, errValue
	}
	return domain.RoundHours(decimal.NewFromInt(int64(work)).Div(sixty)), overnight, nil
}

// ParseBreak reads a break: "30" (minutes, or hours when below 5 with a
// decimal: "0,5"), "0:30" (h:mm), or a raw XLSX day fraction.
func ParseBreak(s string, raw bool, headerSaysMinutes bool) (int, error) {
	s = cleanCell(s)
	if s == "" {
		return 0, nil
	}
	if strings.Contains(s, ":") {
		q, err := ParseQuantity(s, 0, UnitHours)
		if err != nil {
			return 0, err
		}
		return int(q.Mul(sixty).Round(0).IntPart()), nil
	}
	d, err := parseNumber(s, 0)
	if err != nil || d.IsNegative() {
		return 0, errValue
	}
	if raw && d.LessThan(domain.One) && !headerSaysMinutes { // time-formatted cell: fraction of a day
		return int(d.Mul(decimal.NewFromInt(1440)).Round(0).IntPart()), nil
	}
	if headerSaysMinutes || d.GreaterThanOrEqual(decimal.NewFromInt(5)) {
		if d.GreaterThan(decimal.NewFromInt(1440)) {
			return 0, errValue
		}
		return int(d.Round(0).IntPart()), nil
	}
	return int(d.Mul(sixty).Round(0).IntPart()), nil
}

// ParseWeekday reads a Dutch or English weekday name or abbreviation.
func ParseWeekday(s string) (time.Weekday, bool) {
	s = strings.TrimSuffix(strings.ToLower(cleanCell(s)), ".")
	switch s {
	case "ma", "maa", "maandag", "mo", "mon", "monday":
		return time.Monday, true
	case "di", "din", "dinsdag", "tu", "tue", "tues", "tuesday":
		return time.Tuesday, true
	case "wo", "woe", "woensdag", "we", "wed", "wednesday":
		return time.Wednesday, true
	case "do", "don", "donderdag", "th", "thu", "thur", "thurs", "thursday":
		return time.Thursday, true
	case "vr", "vrij", "vrijdag", "fr", "fri", "friday":
		return time.Friday, true
	case "za", "zat", "zaterdag", "sa", "sat", "saturday":
		return time.Saturday, true
	case "zo", "zon", "zondag", "su", "sun", "sunday":
		return time.Sunday, true
	}
	return 0, false
}

// ISOWeekDate returns the date of a weekday in ISO week w of year y.
func ISOWeekDate(y, w int, d time.Weekday) time.Time {
	jan4 := domain.Date(y, 1, 4)
	offset := (int(jan4.Weekday()) + 6) % 7
	monday := jan4.AddDate(0, 0, -offset+(w-1)*7)
	return monday.AddDate(0, 0, (int(d)+6)%7)
}

// ParseYesNo reads a cancel/flag cell: ja/nee, yes/no, j/n, x, 1/0, waar/onwaar.
func ParseYesNo(s string) (bool, bool) {
	switch strings.ToLower(cleanCell(s)) {
	case "", "nee", "n", "no", "0", "false", "onwaar", "-":
		return false, true
	case "ja", "j", "yes", "y", "x", "1", "true", "waar", "geannuleerd", "vervallen", "void", "cancelled", "canceled", "annuleren":
		return true, true
	}
	return false, false
}
