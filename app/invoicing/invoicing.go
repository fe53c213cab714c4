// Package invoicing is the invoicing use case the GUI's Facturen page and
// `verloner invoice` / `verloner credit` share:
//
//   - Drafts makes the draft invoices of a period from the approved hour lines
//     that no invoice bills yet, grouped per hirer, cost centre or placement
//     (domain/invoice.FromHours), with the hour lines each draft bills, the
//     hirer's credit limit against open receivables plus the new invoices, and
//     what kept hours out (not approved yet, a hirer whose invoice cannot be
//     made).
//   - Issue numbers and stores drafts in one transaction (app.Store
//     IssueInvoices): all of them with gap-free numbers, or none.
//   - Credit makes and issues a credit note on an issued invoice, in full or
//     for some lines; a line credited in full releases its hour lines, so a
//     corrected invoice can bill them again.
//   - List reads issued documents; Export and Render write PDF, XLSX and UBL.
//
// Drafts are not stored: they are cheap to recompute, and a draft that is
// not stored cannot go stale. Issue checks inside its transaction that the
// hours a draft bills are still approved, unchanged and unbilled.
package invoicing

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"
	_ "time/tzdata" // invoice dates follow the agency's clock on every desktop
	"verloner/app/checking"
	"verloner/domain/checks"

	"github.com/shopspring/decimal"

	"verloner/app"
	"verloner/domain"
	"verloner/domain/invoice"
)

// Text is a message in Dutch and English.
type Text struct {
	NL string `json:"nl"`
	EN string `json:"en"`
}

// In returns the text in lang ("en" English, Dutch otherwise).
func (t Text) In(lang string) string {
	if lang == "en" && t.EN != "" {
		return t.EN
	}
	return t.NL
}

// Options steer Drafts, Issue and Credit. The zero value is right for the
// GUI and the command line.
type Options struct {
	Grouping invoice.Grouping // per hirer (default), cost centre or placement
	// IssueDate is the invoice date; zero: today in Europe/Amsterdam.
	IssueDate time.Time
	// Hirers limits Drafts to these hirer IDs; nil: every hirer with hours.
	Hirers []int64
	Note   string // printed on every draft
	// Now is the clock (tests); nil: time.Now.
	Now func() time.Time
	// Progress is called after each stored document (Issue) with done and
	// total; it may be nil. It runs on the caller's goroutine.
	Progress func(done, total int)
}

var amsterdam = func() *time.Location {
	if l, err := time.LoadLocation("Europe/Amsterdam"); err == nil {
		return l
	}
	return time.UTC
}()

// today is the agency's calendar date.
func (o Options) today() time.Time {
	now := time.Now
	if o.Now != nil {
		now = o.Now
	}
	return domain.DateOf(now().In(amsterdam))
}

func (o Options) issueDate() time.Time {
	if !o.IssueDate.IsZero() {
		return domain.DateOf(o.IssueDate)
	}
	return o.today()
}

// Draft is one invoice to be issued, with the hour lines it bills.
type Draft struct {
	Invoice *invoice.Invoice
	Hirer   *domain.Hirer
	Hours   []app.InvoiceHour
	Credit  CreditCheck // the hirer's exposure with all of this set's drafts
}

// CreditCheck weighs a hirer's insured credit limit against what it owes and
// what the drafts add (incl. VAT: the insurer covers the receivable).
type CreditCheck struct {
	Limit    decimal.Decimal `json:"limit"` // 0: no insured limit
	Open     decimal.Decimal `json:"open"`  // open receivables today
	New      decimal.Decimal `json:"new"`   // the hirer's drafts in this set
	Exposure decimal.Decimal `json:"exposure"`
	Over     bool            `json:"over"`              // exposure above a positive limit
	Warning  *Text           `json:"warning,omitempty"` // why the GUI should ask before issuing
}

// Problem is a hirer whose hours could not be turned into a draft.
type Problem struct {
	HirerID int64  `json:"hirer_id"`
	Hirer   string `json:"hirer"`
	Message Text   `json:"message"`
}

// DraftSet is everything Drafts found for a period.
type DraftSet struct {
	Period   domain.Period
	Drafts   []*Draft
	Problems []Problem
	// Unapproved counts the period's hour lines still waiting for approval,
	// per hirer ID; they are in no draft.
	Unapproved map[int64]int
	// Invoiced counts the period's hour lines an issued invoice bills already.
	Invoiced                    int
	NetTotal, VATTotal, Payable decimal.Decimal
}

// UnapprovedTotal is the number of hour lines waiting for approval.
func (s *DraftSet) UnapprovedTotal() int {
	n := 0
	for _, c := range s.Unapproved {
		n += c
	}
	return n
}

// Drafts makes the draft invoices of period from the approved (or paid) hour
// lines that no invoice bills yet. A hirer whose drafts cannot be made (a
// missing rate, a line outside its placement) is reported in Problems and the
// other hirers' drafts are still made.
func Drafts(ctx context.Context, st app.Store, period domain.Period, opt Options) (*DraftSet, error) {
	if period.Kind == "" || period.String() == "?" {
		return nil, domain.Errorf(domain.EINVALID, "Kies een periode om te factureren.")
	}
	agency, err := st.Agency(ctx)
	if err != nil {
		return nil, err
	}
	hirers, err := st.Hirers(ctx)
	if err != nil {
		return nil, err
	}
	ps, err := st.Placements(ctx)
	if err != nil {
		return nil, err
	}
	ws, err := st.Workers(ctx)
	if err != nil {
		return nil, err
	}
	from, to := period.Start(), period.End()
	lines, err := st.HourLines(ctx, from, to)
	if err != nil {
		return nil, err
	}
	billed, err := st.BilledHourLines(ctx, from, to)
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	placements := make(map[int64]*domain.Placement, len(ps))
	for _, p := range ps {
		placements[p.ID] = p
	}
	workers := make(map[int64]*domain.Worker, len(ws))
	for _, w := range ws {
		workers[w.ID] = w
	}
	only := map[int64]bool{}
	for _, id := range opt.Hirers {
		only[id] = true
	}
	set := &DraftSet{Period: period, Unapproved: map[int64]int{}, NetTotal: decimal.Zero, VATTotal: decimal.Zero, Payable: decimal.Zero}
	perHirer := map[int64][]*domain.HourLine{}
	for _, l := range lines {
		p := placements[l.PlacementID]
		if p == nil || (len(only) > 0 && !only[p.HirerID]) {
			continue
		}
		if _, ok := billed[l.ID]; ok {
			set.Invoiced++
			continue
		}
		switch l.Status {
		case domain.HoursApproved, domain.HoursPaid:
			perHirer[p.HirerID] = append(perHirer[p.HirerID], l)
		case domain.HoursImported:
			set.Unapproved[p.HirerID]++
		}
	}
	if err := holdBlocked(ctx, st, period, opt, hirers, perHirer, set); err != nil {
		return nil, err
	}
	open, err := st.OpenReceivables(ctx, opt.today())
	if err != nil {
		return nil, err
	}
	sort.Slice(hirers, func(i, j int) bool { return hirers[i].Number < hirers[j].Number })
	for _, h := range hirers {
		hl := perHirer[h.ID]
		if len(hl) == 0 {
			continue
		}
		invs, err := invoice.FromHours(agency, h, placements, workers, hl, period,
			invoice.Options{Grouping: opt.Grouping, IssueDate: opt.issueDate(), Note: opt.Note})
		if err != nil {
			msg := domain.ErrorMessage(err)
			set.Problems = append(set.Problems, Problem{HirerID: h.ID, Hirer: h.Name, Message: Text{
				NL: msg, EN: "The invoice of " + h.Name + " cannot be made: " + msg}})
			continue
		}
		var mine []*Draft
		newTotal := decimal.Zero
		byKey := hoursByKey(hl)
		for _, inv := range invs {
			d := &Draft{Invoice: inv, Hirer: h, Hours: hoursOf(inv, hl, byKey, placements)}
			mine = append(mine, d)
			newTotal = newTotal.Add(inv.Payable)
			set.NetTotal, set.VATTotal, set.Payable = set.NetTotal.Add(inv.NetTotal), set.VATTotal.Add(inv.VATTotal), set.Payable.Add(inv.Payable)
		}
		cc := creditCheck(h, open[h.ID], newTotal)
		for _, d := range mine {
			d.Credit = cc
		}
		set.Drafts = append(set.Drafts, mine...)
	}
	return set, nil
}

// hourKey is a placement and hour type: what an invoice line bills.
type hourKey struct {
	p int64
	t domain.HourType
}

// hoursByKey indexes a hirer's hour lines by placement and hour type, by
// their position in lines, so that each of the hirer's invoices (one per
// placement, say) picks its own lines instead of scanning all of them.
func hoursByKey(lines []*domain.HourLine) map[hourKey][]int {
	m := map[hourKey][]int{}
	for i, hl := range lines {
		k := hourKey{hl.PlacementID, hl.Type}
		m[k] = append(m[k], i)
	}
	return m
}

// hoursOf returns the snapshot of the hour lines an invoice bills: those of
// its lines' placement and hour type, in the order of lines (byKey is
// hoursByKey(lines)). Lines FromHours did not bill (a bill % of 0, sick hours
// without an agreement) stay unbilled.
func hoursOf(inv *invoice.Invoice, lines []*domain.HourLine, byKey map[hourKey][]int, placements map[int64]*domain.Placement) []app.InvoiceHour {
	billed := map[hourKey]bool{}
	var at []int
	for _, l := range inv.Lines {
		k := hourKey{l.PlacementID, l.Type}
		if !billed[k] {
			billed[k] = true
			at = append(at, byKey[k]...)
		}
	}
	sort.Ints(at)
	var out []app.InvoiceHour
	for _, i := range at {
		hl := lines[i]
		if hl.Date.Before(inv.PeriodStart) || hl.Date.After(inv.PeriodEnd) {
			continue
		}
		out = append(out, app.InvoiceHour{HourLineID: hl.ID, PlacementID: hl.PlacementID, WorkerID: placements[hl.PlacementID].WorkerID,
			Date: hl.Date, Type: hl.Type, Quantity: hl.Quantity, BillPercent: hl.BillPercent})
	}
	return out
}

func creditCheck(h *domain.Hirer, open, add decimal.Decimal) CreditCheck {
	c := CreditCheck{Limit: h.CreditLimit, Open: open, New: add, Exposure: open.Add(add)}
	switch {
	case !h.CreditLimit.IsPositive():
		c.Warning = &Text{
			NL: fmt.Sprintf("%s heeft geen verzekerde kredietlimiet: %s openstaand na deze facturen, voor risico van het bureau.", h.Name, domain.FormatEuro(c.Exposure)),
			EN: fmt.Sprintf("%s has no insured credit limit: %s open after these invoices, at the agency's risk.", h.Name, domain.FormatEuro(c.Exposure))}
	case c.Exposure.GreaterThan(h.CreditLimit):
		c.Over = true
		over := c.Exposure.Sub(h.CreditLimit)
		c.Warning = &Text{
			NL: fmt.Sprintf("%s komt %s boven de kredietlimiet van %s (openstaand %s + nieuw %s).", h.Name, domain.FormatEuro(over),
				domain.FormatEuro(h.CreditLimit), domain.FormatEuro(open), domain.FormatEuro(add)),
			EN: fmt.Sprintf("%s goes %s over its credit limit of %s (open %s + new %s).", h.Name, domain.FormatEuro(over),
				domain.FormatEuro(h.CreditLimit), domain.FormatEuro(open), domain.FormatEuro(add))}
	}
	return c
}

// Issue numbers and stores the drafts with the issue date of opt (today by
// default) in one transaction, and returns the issued documents in number
// order. When anything fails nothing is stored, no number is used and the
// drafts are left as they were.
func Issue(ctx context.Context, st app.Store, drafts []*Draft, opt Options) ([]*app.InvoiceDoc, error) {
	if len(drafts) == 0 {
		return nil, domain.Errorf(domain.EINVALID, "Er zijn geen concepten om uit te reiken.")
	}
	docs := make([]*app.InvoiceDoc, 0, len(drafts))
	for i, d := range drafts {
		if d == nil || d.Invoice == nil {
			return nil, domain.Errorf(domain.EINVALID, "Concept %d ontbreekt.", i+1)
		}
		if err := d.Invoice.Validate(); err != nil {
			return nil, err
		}
		docs = append(docs, &app.InvoiceDoc{Invoice: d.Invoice, Hours: d.Hours})
	}
	if err := st.IssueInvoices(ctx, docs, opt.issueDate(), opt.Progress); err != nil {
		return nil, fmt.Errorf("facturen uitreiken: %w", err)
	}
	return docs, nil
}

// CreditLine chooses what to credit of one line of the invoice.
type CreditLine struct {
	Line     int             // 1-based line number on the invoice
	Quantity decimal.Decimal // 0: all that is not credited yet
}

// Credit issues a credit note on invoice number: the lines chosen (nil: every
// line, as far as earlier credit notes left it), with reason printed on it.
// A line that is credited in full with this note releases its hour lines, so
// that a new invoice may bill them. The credit note is dated opt's issue date.
func Credit(ctx context.Context, st app.Store, number string, lines []CreditLine, reason string, opt Options) (*app.InvoiceDoc, error) {
	orig, err := st.Invoice(ctx, number)
	if err != nil {
		return nil, err
	}
	if orig.Invoice.IsCredit() {
		return nil, domain.Errorf(domain.EINVALID, "%s is een creditnota; crediteer de factuur zelf.", number)
	}
	earlier, err := st.Invoices(ctx, app.InvoiceFilter{HirerID: orig.Invoice.HirerID, Type: invoice.CreditNote, Lines: true})
	if err != nil {
		return nil, err
	}
	// What is left to credit per line of the invoice. A credit note's line
	// matches the invoice line with the same placement, type, rate and bill %.
	left := make([]decimal.Decimal, len(orig.Invoice.Lines))
	for i, l := range orig.Invoice.Lines {
		left[i] = l.Quantity
	}
	for _, cn := range earlier {
		if cn.CorrectsID != orig.ID {
			continue
		}
		for _, cl := range cn.Invoice.Lines {
			if i := matchLine(orig.Invoice.Lines, cl, left); i >= 0 {
				left[i] = left[i].Sub(cl.Quantity)
			}
		}
	}
	if lines == nil {
		for i := range orig.Invoice.Lines {
			if left[i].IsPositive() {
				lines = append(lines, CreditLine{Line: i + 1})
			}
		}
		if len(lines) == 0 {
			return nil, domain.Errorf(domain.EINVALID, "Factuur %s is al helemaal gecrediteerd.", number)
		}
	}
	var credit []*invoice.Line
	seen := map[int]bool{}
	after := append([]decimal.Decimal(nil), left...)
	for _, c := range lines {
		if c.Line < 1 || c.Line > len(orig.Invoice.Lines) {
			return nil, domain.Errorf(domain.EINVALID, "Factuur %s heeft geen regel %d.", number, c.Line)
		}
		if seen[c.Line] {
			return nil, domain.Errorf(domain.EINVALID, "Regel %d staat twee keer in de creditering.", c.Line)
		}
		seen[c.Line] = true
		i := c.Line - 1
		qty := c.Quantity
		if qty.IsZero() {
			qty = left[i]
		}
		if !qty.IsPositive() || qty.GreaterThan(left[i]) {
			return nil, domain.Errorf(domain.EINVALID, "Regel %d (%s): %s crediteren kan niet, er staat nog %s open voor creditering.",
				c.Line, orig.Invoice.Lines[i].Description, qty, left[i])
		}
		l := *orig.Invoice.Lines[i]
		l.Quantity = qty
		credit = append(credit, &l)
		after[i] = left[i].Sub(qty)
	}
	reason = strings.TrimSpace(reason)
	if reason == "" {
		reason = "Creditering van factuur " + number + "."
	}
	cn, err := invoice.NewCreditNote(orig.Invoice, credit, reason)
	if err != nil {
		return nil, err
	}
	// Release the hours of every placement × hour type whose lines are all
	// credited in full after this note.
	type key struct {
		p int64
		t domain.HourType
	}
	done := map[key]bool{}
	for i, l := range orig.Invoice.Lines {
		k := key{l.PlacementID, l.Type}
		if _, ok := done[k]; !ok {
			done[k] = true
		}
		if after[i].IsPositive() {
			done[k] = false
		}
	}
	touched := map[key]bool{}
	for _, l := range credit {
		touched[key{l.PlacementID, l.Type}] = true
	}
	doc := &app.InvoiceDoc{Invoice: cn}
	for _, h := range orig.Hours {
		k := key{h.PlacementID, h.Type}
		if touched[k] && done[k] {
			doc.Hours = append(doc.Hours, h)
		}
	}
	if err := st.IssueInvoices(ctx, []*app.InvoiceDoc{doc}, opt.issueDate(), opt.Progress); err != nil {
		return nil, fmt.Errorf("creditnota op %s: %w", number, err)
	}
	return doc, nil
}

// matchLine finds the invoice line a credit line corrects, preferring one with
// quantity left.
func matchLine(lines []*invoice.Line, cl *invoice.Line, left []decimal.Decimal) int {
	found := -1
	for i, l := range lines {
		if l.PlacementID == cl.PlacementID && l.Placement == cl.Placement && l.Type == cl.Type &&
			l.Rate.Equal(cl.Rate) && l.BillPercent.Equal(cl.BillPercent) && l.Description == cl.Description {
			if left[i].GreaterThanOrEqual(cl.Quantity) {
				return i
			}
			if found < 0 {
				found = i
			}
		}
	}
	return found
}

// List returns issued invoices and credit notes in number order.
func List(ctx context.Context, st app.Store, f app.InvoiceFilter) ([]*app.InvoiceDoc, error) {
	return st.Invoices(ctx, f)
}

// holdBlocked keeps hours the checklist blocks for invoicing off the drafts
// (e.g. a hirer that demands proof of hours that is not recorded, or more
// than 24 hours on a day): the rules gate invoicing as well as payroll. The
// checklist is evaluated afresh (not stored), so a proof recorded a minute
// ago counts. Each hirer with held hours gets a Problem saying why.
func holdBlocked(ctx context.Context, st app.Store, period domain.Period, opt Options, hirers []*domain.Hirer,
	perHirer map[int64][]*domain.HourLine, set *DraftSet) error {
	cl, err := checking.RunWith(ctx, st, period, checking.Options{DryRun: true, Now: opt.Now}, nil)
	if err != nil {
		return fmt.Errorf("controlelijst voor facturatie: %w", err)
	}
	var blockers []checks.Finding
	for _, f := range cl.Findings {
		if f.Blocks(checks.GateInvoice) {
			blockers = append(blockers, f)
		}
	}
	if len(blockers) == 0 {
		return nil
	}
	names := map[int64]string{}
	for _, h := range hirers {
		names[h.ID] = h.Name
	}
	heldBy := blockerIndex(blockers)
	type reason struct{ rule, nl, en string }
	for hirerID, lines := range perHirer {
		var keep []*domain.HourLine
		held := map[reason]int{}
		var order []reason
		for _, l := range lines {
			why := heldBy(hirerID, l)
			if why == nil {
				keep = append(keep, l)
				continue
			}
			r := reason{why.Rule, why.Message.NL, why.Message.EN}
			if held[r] == 0 {
				order = append(order, r)
			}
			held[r]++
		}
		perHirer[hirerID] = keep
		for _, r := range order {
			set.Problems = append(set.Problems, Problem{HirerID: hirerID, Hirer: names[hirerID], Message: Text{
				NL: fmt.Sprintf("%d urenregel(s) niet gefactureerd (%s): %s", held[r], r.rule, r.nl),
				EN: fmt.Sprintf("%d hour line(s) not invoiced (%s): %s", held[r], r.rule, r.en)}})
		}
	}
	return nil
}

// blockerIndex returns a function that finds the blocker holding an hour
// line of a hirer back from invoicing: the first of blockers (in checklist
// order) that is about the line's placement (and date, when the blocker names
// one) or about the hirer as a whole (no worker, no placement); nil when none
// is. The blockers are indexed by placement and hirer once, so a line costs
// a lookup rather than a scan of every blocker.
func blockerIndex(blockers []checks.Finding) func(hirerID int64, l *domain.HourLine) *checks.Finding {
	byPlacement := map[int64][]int{}
	firstForHirer := map[int64]int{}
	for i := range blockers {
		f := &blockers[i]
		switch {
		case f.PlacementID != 0:
			byPlacement[f.PlacementID] = append(byPlacement[f.PlacementID], i)
		case f.HirerID != 0 && f.WorkerID == 0:
			if _, ok := firstForHirer[f.HirerID]; !ok {
				firstForHirer[f.HirerID] = i
			}
		}
	}
	return func(hirerID int64, l *domain.HourLine) *checks.Finding {
		first := len(blockers)
		if i, ok := firstForHirer[hirerID]; ok {
			first = i
		}
		day := domain.DateOf(l.Date)
		for _, i := range byPlacement[l.PlacementID] {
			if i >= first {
				break
			}
			if f := &blockers[i]; f.Date.IsZero() || f.Date.Equal(day) {
				first = i
				break
			}
		}
		if first == len(blockers) {
			return nil
		}
		return &blockers[first]
	}
}
