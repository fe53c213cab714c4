package sqlite

import (
	"database/sql"
	"fmt"
	"time"

	"github.com/shopspring/decimal"
)

const dateLayout = "2006-01-02"

// dateValue stores a zero date as NULL and any other as 'YYYY-MM-DD'.
func dateValue(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.Format(dateLayout)
}

func parseDate(ns sql.NullString) (time.Time, error) {
	if !ns.Valid || ns.String == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(dateLayout, ns.String)
	if err != nil {
		return time.Time{}, fmt.Errorf("datum %q: %w", ns.String, err)
	}
	return t, nil
}

func parseMoment(s string) time.Time {
	t, _ := time.Parse(time.RFC3339Nano, s)
	return t
}

// decValue stores a decimal as its canonical string (exact, never a float).
func decValue(d decimal.Decimal) string { return d.String() }

func parseDec(s string) (decimal.Decimal, error) {
	if s == "" {
		return decimal.Zero, nil
	}
	d, err := decimal.NewFromString(s)
	if err != nil {
		return decimal.Zero, fmt.Errorf("bedrag %q: %w", s, err)
	}
	return d, nil
}

func boolValue(b bool) int {
	if b {
		return 1
	}
	return 0
}

// scanner collects the conversion errors of one row so that scan code stays linear.
type scanner struct{ err error }

func (s *scanner) date(ns sql.NullString) time.Time {
	t, err := parseDate(ns)
	if err != nil && s.err == nil {
		s.err = err
	}
	return t
}

func (s *scanner) dec(v string) decimal.Decimal {
	d, err := parseDec(v)
	if err != nil && s.err == nil {
		s.err = err
	}
	return d
}
