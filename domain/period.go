package domain

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// PeriodKind is the payroll frequency a period belongs to.
type PeriodKind string

// The payroll frequencies an agency can run.
const (
	Weekly    PeriodKind = "week"
	FourWeek  PeriodKind = "4weeks"
	Monthly   PeriodKind = "month"
	Quarterly PeriodKind = "quarter"
	Daily     PeriodKind = "day"
)

// PeriodsPerYear is the tijdvakfactor F of the Rekenvoorschriften (tabel 1b).
func (k PeriodKind) PeriodsPerYear() int {
	switch k {
	case Weekly:
		return 52
	case FourWeek:
		return 13
	case Monthly:
		return 12
	case Quarterly:
		return 4
	case Daily:
		return 260
	}
	return 0
}

// ParsePeriodKind accepts the names users type: week, 4weeks/4-weeks/vierweken, month/maand.
func ParsePeriodKind(s string) (PeriodKind, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "week", "weekly", "w":
		return Weekly, nil
	case "4weeks", "4-weeks", "4weken", "vierweken", "4w", "p":
		return FourWeek, nil
	case "month", "maand", "monthly", "m":
		return Monthly, nil
	case "quarter", "kwartaal", "q":
		return Quarterly, nil
	case "day", "dag", "daily", "d":
		return Daily, nil
	}
	return "", fmt.Errorf("onbekend tijdvak %q (week, 4weeks, month, quarter, day)", s)
}

// Period is one payroll period: an ISO week (2026-W47), a four-week period of
// ISO weeks (2026-P12: weeks 45–48; P13 takes week 53 in long years) or a
// calendar month (2026-11).
type Period struct {
	Kind   PeriodKind
	Year   int // ISO year for weeks and 4-week periods, calendar year for months
	Number int // week 1–53, period 1–13 or month 1–12
}

// WeekPeriod returns the ISO week period containing t.
func WeekPeriod(t time.Time) Period {
	y, w := t.ISOWeek()
	return Period{Kind: Weekly, Year: y, Number: w}
}

// ParsePeriod reads "2026-W47", "2026-P12" or "2026-11" (case-insensitive).
func ParsePeriod(s string) (Period, error) {
	s = strings.ToUpper(strings.TrimSpace(s))
	ys, rest, ok := strings.Cut(s, "-")
	if !ok || len(ys) != 4 || rest == "" {
		return Period{}, fmt.Errorf("periode %q: verwacht 2026-W47, 2026-P12 of 2026-11", s)
	}
	year, err := strconv.Atoi(ys)
	if err != nil || year < 1900 || year > 2999 {
		return Period{}, fmt.Errorf("periode %q: ongeldig jaar", s)
	}
	kind := Monthly
	switch rest[0] {
	case 'W':
		kind, rest = Weekly, rest[1:]
	case 'P':
		kind, rest = FourWeek, rest[1:]
	}
	n, err := strconv.Atoi(rest)
	if err != nil {
		return Period{}, fmt.Errorf("periode %q: ongeldig nummer", s)
	}
	p := Period{Kind: kind, Year: year, Number: n}
	if n < 1 || n > p.count() {
		return Period{}, fmt.Errorf("periode %q: nummer buiten bereik 1–%d", s, p.count())
	}
	return p, nil
}

// isoWeeksIn returns 52 or 53.
func isoWeeksIn(year int) int {
	_, w := time.Date(year, 12, 28, 0, 0, 0, 0, time.UTC).ISOWeek()
	return w
}

func (p Period) count() int {
	switch p.Kind {
	case Weekly:
		return isoWeeksIn(p.Year)
	case FourWeek:
		return 13
	case Monthly:
		return 12
	}
	return 0
}

// String prints the period in the form ParsePeriod reads.
func (p Period) String() string {
	switch p.Kind {
	case Weekly:
		return fmt.Sprintf("%04d-W%02d", p.Year, p.Number)
	case FourWeek:
		return fmt.Sprintf("%04d-P%02d", p.Year, p.Number)
	case Monthly:
		return fmt.Sprintf("%04d-%02d", p.Year, p.Number)
	}
	return "?"
}

// isoWeekMonday returns the Monday of ISO week w of year y.
func isoWeekMonday(y, w int) time.Time {
	jan4 := time.Date(y, 1, 4, 0, 0, 0, 0, time.UTC)
	offset := (int(jan4.Weekday()) + 6) % 7 // days since Monday
	return jan4.AddDate(0, 0, -offset+(w-1)*7)
}

// Start is the first day of the period (00:00 UTC; dates carry no zone meaning).
func (p Period) Start() time.Time {
	switch p.Kind {
	case Weekly:
		return isoWeekMonday(p.Year, p.Number)
	case FourWeek:
		return isoWeekMonday(p.Year, (p.Number-1)*4+1)
	default:
		return time.Date(p.Year, time.Month(p.Number), 1, 0, 0, 0, 0, time.UTC)
	}
}

// End is the last day of the period (inclusive).
func (p Period) End() time.Time {
	switch p.Kind {
	case Weekly:
		return p.Start().AddDate(0, 0, 6)
	case FourWeek:
		last := p.Number * 4
		if p.Number == 13 {
			last = isoWeeksIn(p.Year)
		}
		return isoWeekMonday(p.Year, last).AddDate(0, 0, 6)
	default:
		return p.Start().AddDate(0, 1, -1)
	}
}

// Contains reports whether the calendar date of t lies in the period.
func (p Period) Contains(t time.Time) bool {
	d := DateOf(t)
	return !d.Before(p.Start()) && !d.After(p.End())
}

// Next returns the following period of the same kind.
func (p Period) Next() Period {
	n := p
	n.Number++
	if n.Number > p.count() {
		n.Year++
		n.Number = 1
	}
	return n
}

// Prev returns the preceding period of the same kind.
func (p Period) Prev() Period {
	n := p
	n.Number--
	if n.Number < 1 {
		n.Year--
		n.Number = n.count()
	}
	return n
}

// PayDate is the day wages of the period are paid, which decides the tax year
// (genietingsmoment). For weekly pay in the agency's cycle that is the Thursday
// of the week after the work week; for 4-weekly and monthly pay the Thursday
// after the period's last day.
func (p Period) PayDate() time.Time {
	end := p.End()
	d := end.AddDate(0, 0, 1)
	for d.Weekday() != time.Thursday {
		d = d.AddDate(0, 0, 1)
	}
	return d
}

// Weeks returns the ISO weeks (Mondays) the period touches.
func (p Period) Weeks() []time.Time {
	var out []time.Time
	for d := p.Start(); !d.After(p.End()); d = d.AddDate(0, 0, 7) {
		out = append(out, d.AddDate(0, 0, -((int(d.Weekday())+6)%7)))
	}
	return out
}

// DateOf returns the calendar date of t as midnight UTC, the form every date
// in the domain has.
func DateOf(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// Date builds a domain date.
func Date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// AgeOn returns the age in whole years on date on, for minimum wage and AOW checks.
func AgeOn(birth, on time.Time) int {
	if birth.IsZero() {
		return 0
	}
	age := on.Year() - birth.Year()
	if on.Month() < birth.Month() || (on.Month() == birth.Month() && on.Day() < birth.Day()) {
		age--
	}
	return age
}

// PeriodContaining returns the period of the given kind that contains t.
// Four-week periods are groups of four ISO weeks; week 53 belongs to P13.
func PeriodContaining(kind PeriodKind, t time.Time) Period {
	switch kind {
	case FourWeek:
		y, w := t.ISOWeek()
		n := (w-1)/4 + 1
		if n > 13 {
			n = 13
		}
		return Period{Kind: FourWeek, Year: y, Number: n}
	case Monthly:
		return Period{Kind: Monthly, Year: t.Year(), Number: int(t.Month())}
	default:
		return WeekPeriod(t)
	}
}
