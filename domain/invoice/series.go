package invoice

import (
	"fmt"
	"strconv"
	"time"

	"verloner/domain"
)

// Series is one numbering series of invoices and credit notes: one per
// calendar year, numbers "2026-000001", "2026-000002", … Art. 35a lid 1
// onderdeel b Wet OB asks for a sequential number, in one or more series,
// that identifies the invoice uniquely. Which number is next is a storage
// concern: the store takes it gap-free in the transaction that finalises the
// invoice. This type only formats, parses and orders the numbers.
type Series struct {
	Year int
}

// SeriesFor returns the series of the year of the issue date.
func SeriesFor(issue time.Time) Series { return Series{Year: issue.Year()} }

// seqWidth is the zero-padded width of the sequence part.
const seqWidth = 6

// Format returns the number with sequence seq (1-based).
func (s Series) Format(seq int) string { return fmt.Sprintf("%04d-%0*d", s.Year, seqWidth, seq) }

// Next returns the number after last ("" for the first number of the series).
func (s Series) Next(last string) (string, error) {
	if last == "" {
		return s.Format(1), nil
	}
	ls, seq, err := ParseNumber(last)
	if err != nil {
		return "", err
	}
	if ls != s {
		return "", domain.Errorf(domain.EINVALID, "Factuurnummer %s hoort niet bij reeks %d.", last, s.Year)
	}
	return s.Format(seq + 1), nil
}

// ParseNumber reads a number in the form Format writes: four-digit year, a
// hyphen and a sequence of at least six digits, at least 1, zero-padded to six
// and not beyond. Anything else is refused, so every number has exactly one
// spelling.
func ParseNumber(n string) (Series, int, error) {
	bad := func() (Series, int, error) {
		return Series{}, 0, domain.Errorf(domain.EINVALID, "Factuurnummer %q heeft niet de vorm 2026-000001.", n)
	}
	if len(n) < 5+seqWidth || n[4] != '-' {
		return bad()
	}
	for i := 0; i < len(n); i++ {
		if i != 4 && (n[i] < '0' || n[i] > '9') {
			return bad()
		}
	}
	year, err := strconv.Atoi(n[:4])
	if err != nil || year < 1900 {
		return bad()
	}
	if len(n) > 5+19 {
		return bad()
	}
	seq, err := strconv.Atoi(n[5:])
	if err != nil || seq < 1 {
		return bad()
	}
	s := Series{Year: year}
	if s.Format(seq) != n {
		return bad()
	}
	return s, seq, nil
}

// CompareNumbers orders two valid numbers: by year, then by sequence.
// It returns -1, 0 or +1, and an error when either does not parse.
func CompareNumbers(a, b string) (int, error) {
	sa, na, err := ParseNumber(a)
	if err != nil {
		return 0, err
	}
	sb, nb, err := ParseNumber(b)
	if err != nil {
		return 0, err
	}
	switch {
	case sa.Year != sb.Year:
		if sa.Year < sb.Year {
			return -1, nil
		}
		return 1, nil
	case na < nb:
		return -1, nil
	case na > nb:
		return 1, nil
	}
	return 0, nil
}
