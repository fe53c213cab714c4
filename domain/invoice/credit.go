package invoice

import (
	"strings"
	"time"

	"verloner/domain"
)

// NewCreditNote makes a draft credit note that corrects orig, a finalised
// invoice: the parties, period, references, VAT treatment and payment details
// are copied, BillingReference points at orig. lines are the lines to credit,
// with positive quantities as on the invoice; nil credits every line of orig.
// The G-rekening percentage is kept, so a full credit note splits exactly as
// the invoice did. reason is printed with the notes.
func NewCreditNote(orig *Invoice, lines []*Line, reason string) (*Invoice, error) {
	if orig == nil || orig.IsCredit() {
		return nil, domain.Errorf(domain.EINVALID, "Een creditnota corrigeert een factuur.")
	}
	if orig.Number == "" {
		return nil, domain.Errorf(domain.EINVALID, "Alleen een definitieve factuur (met nummer) kan worden gecrediteerd.")
	}
	if lines == nil {
		lines = orig.Lines
	}
	cn := *orig
	cn.Type = CreditNote
	cn.Number, cn.IssueDate, cn.DueDate = "", time.Time{}, time.Time{}
	cn.BillingReference, cn.BillingReferenceDate = orig.Number, orig.IssueDate
	cn.Note = strings.TrimSpace(reason)
	cn.Lines = make([]*Line, 0, len(lines))
	for _, l := range lines {
		if l == nil {
			continue
		}
		c := *l
		cn.Lines = append(cn.Lines, &c)
	}
	cn.VATBreakdown = nil
	cn.Compute()
	if err := cn.Validate(); err != nil {
		return nil, err
	}
	return &cn, nil
}
