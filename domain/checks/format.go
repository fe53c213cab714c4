package checks

import (
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"verloner/domain"
)

// Formatting for messages: Dutch and English side by side. Dates are written
// dd-mm-yyyy in both languages (the backoffice's habit, and unambiguous next
// to the Dutch text); numbers use a decimal comma in Dutch and a point in English.

var (
	weekdayNL = [...]string{"zo", "ma", "di", "wo", "do", "vr", "za"}
	weekdayEN = [...]string{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"}
)

func dateNL(t time.Time) string { return t.Format("02-01-2006") }

// momentText writes a wall-clock moment: "vr 13-11-2026 17:00" / "Fri 13-11-2026 17:00".
func momentText(t time.Time) (nl, en string) {
	wd := int(t.Weekday())
	return weekdayNL[wd] + " " + t.Format("02-01-2006 15:04"), weekdayEN[wd] + " " + t.Format("02-01-2006 15:04")
}

// euroText writes an amount: "€ 1.234,56" / "€1,234.56".
func euroText(d decimal.Decimal) (nl, en string) {
	nl = domain.FormatEuro(d)
	s := domain.FormatDecimalNL(d, 2)
	s = strings.NewReplacer(".", ",", ",", ".").Replace(s)
	if strings.HasPrefix(s, "-") {
		return nl, "-€" + s[1:]
	}
	return nl, "€" + s
}

// numText writes a quantity without trailing zeros: "7,75" / "7.75".
func numText(d decimal.Decimal) (nl, en string) {
	places := int32(0)
	if !d.Equal(d.Truncate(0)) {
		places = 2
		if d.Equal(d.Truncate(1)) {
			places = 1
		}
	}
	nl = domain.FormatDecimalNL(d, places)
	en = strings.NewReplacer(".", ",", ",", ".").Replace(nl)
	return nl, en
}

// datesText lists dates compactly: "16-11, 17-11-2026".
func datesText(ds []time.Time) string {
	if len(ds) == 0 {
		return ""
	}
	parts := make([]string, len(ds))
	for i, d := range ds {
		if i == len(ds)-1 {
			parts[i] = dateNL(d)
		} else {
			parts[i] = d.Format("02-01")
		}
	}
	return strings.Join(parts, ", ")
}

// wall turns an instant into the agency's wall-clock time expressed in UTC,
// the form domain.Deadlines.Schedule returns its milestones in.
func wall(t time.Time, loc *time.Location) time.Time {
	if t.IsZero() {
		return t
	}
	if loc == nil {
		loc = time.UTC
	}
	l := t.In(loc)
	return time.Date(l.Year(), l.Month(), l.Day(), l.Hour(), l.Minute(), l.Second(), 0, time.UTC)
}

// workerLabel is "1005 Mohamed el Amrani".
func workerLabel(w *domain.Worker) string {
	if w == nil {
		return "?"
	}
	return strings.TrimSpace(w.Number + " " + w.FullName())
}

// hirerLabel is "INL05 Breda Office Services B.V.".
func hirerLabel(h *domain.Hirer) string {
	if h == nil {
		return "?"
	}
	return strings.TrimSpace(h.Number + " " + h.Name)
}

// bsnReason explains in both languages why a BSN is not valid; the BSN itself
// appears only masked.
func bsnReason(bsn string) (nl, en string) {
	err := domain.CheckBSN(bsn)
	if err == nil {
		return "", ""
	}
	masked := domain.MaskBSN(bsn)
	n := domain.NormalizeBSN(bsn)
	switch {
	case n == "":
		return "BSN ontbreekt.", "BSN missing."
	case len(n) != 9:
		return "BSN " + masked + ": " + err.Error() + ".", "BSN " + masked + ": must have 9 digits."
	case strings.Trim(n, "0123456789") != "":
		return "BSN " + masked + ": " + err.Error() + ".", "BSN " + masked + ": digits only."
	case strings.Trim(n, "0") == "":
		return "BSN " + masked + ": " + err.Error() + ".", "BSN " + masked + ": all zeros."
	}
	return "BSN " + masked + " voldoet niet aan de elfproef.", "BSN " + masked + " fails the 11-test (elfproef)."
}

// ibanReason explains in both languages why an IBAN is not valid (masked).
func ibanReason(iban string) (nl, en string) {
	err := domain.CheckIBAN(iban)
	if err == nil {
		return "", ""
	}
	if domain.NormalizeIBAN(iban) == "" {
		return "IBAN ontbreekt.", "IBAN missing."
	}
	return err.Error() + ".", "IBAN " + domain.MaskIBAN(iban) + " is invalid (country length, bank code or mod-97 check digits)."
}
