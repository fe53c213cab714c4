package contract

import (
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"verloner/domain"
)

// text is one phrase in the three document languages.
type text domain.Phrase

func (t text) in(l domain.Language) string { return domain.Phrase(t).In(l) }

// Text is a label in Dutch and English for the screens that list fields and
// findings (the backoffice reads Dutch; English for coordinators).
type Text struct {
	NL string `json:"nl"`
	EN string `json:"en"`
}

// dateText writes a date as every Verloner document does: 05-01-2026 (the
// numeric form reads the same in Dutch, English and Polish).
func dateText(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("02-01-2006")
}

// hoursText writes hours without trailing zeros: "4", "7,6".
func hoursText(d decimal.Decimal) string {
	s := domain.FormatDecimalNL(d, 2)
	if strings.Contains(s, ",") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ",")
	}
	return s
}

// percentText writes a percentage: "8 %", "7,5 %".
func percentText(d decimal.Decimal) string { return hoursText(d) + " %" }
