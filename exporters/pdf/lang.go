package pdf

import "verloner/domain"

// Text is one document text in the three languages a worker can receive
// documents in (payslip, contract, jaaropgaaf). Dutch is the fallback.
type Text struct{ NL, EN, PL string }

// In returns the text in language l.
func (t Text) In(l domain.Language) string {
	switch l {
	case domain.English:
		return t.EN
	case domain.Polish:
		return t.PL
	}
	return t.NL
}
