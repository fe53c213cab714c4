package debtors

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"verloner/app"
	"verloner/domain"
	"verloner/domain/invoice"
	"verloner/importers/bank"
)

// Status is what matching made of one statement entry.
type Status string

// Match statuses.
const (
	Matched   Status = "matched"   // allocated in full to the invoice(s) named
	Partial   Status = "partial"   // allocated; the invoice stays partly open
	Overpaid  Status = "overpaid"  // the invoice is settled; the rest stays unallocated
	Suggested Status = "suggested" // no invoice number, but exactly one open amount fits: confirm by hand
	Unmatched Status = "unmatched" // booked, to be allocated by hand
	Known     Status = "known"     // booked before (an overlapping download)
	Ignored   Status = "ignored"   // money out, another currency or an account not of the agency
)

// Match is one statement entry with what matching decided.
type Match struct {
	Entry       bank.Entry         `json:"entry"`
	Key         string             `json:"key"`
	Account     app.PaymentAccount `json:"account,omitempty"`
	Status      Status             `json:"status"`
	Numbers     []string           `json:"numbers,omitempty"`     // invoice numbers found in the description
	Allocations []app.Allocation   `json:"allocations,omitempty"` // what Commit will allocate
	Suggestion  string             `json:"suggestion,omitempty"`  // the invoice a Suggested amount fits
	Message     Text               `json:"message"`
	// Book says whether Commit books the entry as a payment. Preview sets it
	// for every incoming entry that is not known yet; the GUI may clear it
	// for money that is not from a hirer (interest, a refund).
	Book bool `json:"book"`
	// PaymentID is the booked payment after Commit (0 when not booked), so
	// that a suggestion can be confirmed with Allocate.
	PaymentID int64 `json:"payment_id,omitempty"`
}

// Import is a previewed bank statement.
type Import struct {
	FileName  string             `json:"file_name"`
	Hash      string             `json:"hash"`
	Format    bank.Format        `json:"format"`
	Accounts  []string           `json:"accounts"` // masked
	From      time.Time          `json:"from"`
	To        time.Time          `json:"to"`
	Matches   []*Match           `json:"matches"`
	Counts    map[Status]int     `json:"counts"`
	Received  decimal.Decimal    `json:"received"`           // incoming, new
	Allocated decimal.Decimal    `json:"allocated"`          // of which matched to invoices
	Previous  *app.BankStatement `json:"previous,omitempty"` // the same file, imported before
}

// openItem is an invoice's open amounts while a statement is being matched.
type openItem struct {
	id      int64
	number  string
	hirer   string
	open    decimal.Decimal // total still owed
	openG   decimal.Decimal // of which on the G-rekening
	dueDate time.Time
}

// expected is what a payment into account is expected to be: the G part on
// the G-rekening, the rest on the regular account.
func (o *openItem) expected(acc app.PaymentAccount) decimal.Decimal {
	g := decimal.Max(decimal.Zero, decimal.Min(o.openG, o.open))
	if acc == app.AccountG {
		return g
	}
	return o.open.Sub(g)
}

func (o *openItem) book(acc app.PaymentAccount, amount decimal.Decimal) {
	o.open = o.open.Sub(amount)
	if acc == app.AccountG {
		o.openG = o.openG.Sub(amount)
	}
}

// numberRe finds invoice numbers as payers write them: 2026-000001,
// 2026 000001, 2026/000001, 2026000001 — not inside a longer number.
var numberRe = regexp.MustCompile(`(?:^|[^0-9])((?:19|20)\d{2})[-\s./]?(\d{6})(?:[^0-9]|$)`)

// InvoiceNumbers returns the invoice numbers in a payment description, in
// the canonical form, each once, in order of appearance.
func InvoiceNumbers(text string) []string {
	var out []string
	seen := map[string]bool{}
	for i := 0; i < len(text); {
		loc := numberRe.FindStringSubmatchIndex(text[i:])
		if loc == nil {
			break
		}
		n := text[i+loc[2]:i+loc[3]] + "-" + text[i+loc[4]:i+loc[5]]
		if _, _, err := invoice.ParseNumber(n); err == nil && !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
		i += loc[5] // the separator after the number may start the next one
	}
	return out
}

// matcher holds the open items while one statement is matched, so that a
// second payment on the same invoice in the file sees what the first left.
type matcher struct {
	items map[string]*openItem
	known map[string]bool // every issued number (invoices and credit notes)
}

// match decides about one incoming entry (amount > 0) on a known account.
func (m *matcher) match(e bank.Entry, acc app.PaymentAccount) *Match {
	res := &Match{Entry: e, Account: acc, Book: true}
	amount := e.Amount
	res.Numbers = InvoiceNumbers(e.Remittance + " " + e.EndToEndID)
	var items []*openItem
	var unknown, settled []string
	for _, n := range res.Numbers {
		it := m.items[n]
		switch {
		case it != nil && it.open.IsPositive():
			items = append(items, it)
		case it != nil || m.known[n]:
			settled = append(settled, n)
		default:
			unknown = append(unknown, n)
		}
	}
	allocate := func(it *openItem, a decimal.Decimal) {
		res.Allocations = append(res.Allocations, app.Allocation{InvoiceID: it.id, Number: it.number, Amount: a, How: "auto"})
		it.book(acc, a)
	}
	switch {
	case len(items) == 1:
		it := items[0]
		exp := it.expected(acc)
		switch {
		case amount.GreaterThan(it.open):
			over := amount.Sub(it.open)
			res.Status = Overpaid
			res.Message = Text{fmt.Sprintf("Factuur %s is betaald; %s meer ontvangen dan openstond, niet toegewezen.", it.number, domain.FormatEuro(over)),
				fmt.Sprintf("Invoice %s is paid; %s more received than was open, not allocated.", it.number, domain.FormatEuro(over))}
			allocate(it, it.open)
		case amount.Equal(exp):
			res.Status = Matched
			res.Message = Text{"Betaling van factuur " + it.number + ".", "Payment of invoice " + it.number + "."}
			allocate(it, amount)
		case amount.Equal(it.open):
			res.Status = Matched
			res.Message = Text{"Betaling van factuur " + it.number + ".", "Payment of invoice " + it.number + "."}
			if acc == app.AccountRegular && it.expected(app.AccountG).IsPositive() {
				g := domain.FormatEuro(it.expected(app.AccountG))
				res.Message = Text{fmt.Sprintf("Factuur %s in één keer op de gewone rekening betaald; het G-rekeningdeel (%s) had op de G-rekening gemoeten (geen vrijwaring voor de inlener).", it.number, g),
					fmt.Sprintf("Invoice %s paid in full to the regular account; the G-account part (%s) belonged on the G-account (no safeguard for the hirer).", it.number, g)}
			}
			allocate(it, amount)
		default:
			rest := it.open.Sub(amount)
			res.Status = Partial
			res.Message = Text{fmt.Sprintf("Deelbetaling van factuur %s; nog open %s.", it.number, domain.FormatEuro(rest)),
				fmt.Sprintf("Part payment of invoice %s; %s still open.", it.number, domain.FormatEuro(rest))}
			allocate(it, amount)
		}
	case len(items) > 1:
		exp, open := decimal.Zero, decimal.Zero
		for _, it := range items {
			exp, open = exp.Add(it.expected(acc)), open.Add(it.open)
		}
		nums := strings.Join(numbersOf(items), ", ")
		switch {
		case amount.Equal(exp) && exp.IsPositive():
			res.Status = Matched
			for _, it := range items {
				if a := it.expected(acc); a.IsPositive() {
					allocate(it, a)
				}
			}
		case amount.Equal(open):
			res.Status = Matched
			for _, it := range items {
				allocate(it, it.open)
			}
		default:
			res.Status = Unmatched
			res.Message = Text{fmt.Sprintf("Noemt facturen %s, maar %s past niet bij wat daarop openstaat (%s); wijs met de hand toe.", nums, domain.FormatEuro(amount), domain.FormatEuro(open)),
				fmt.Sprintf("Names invoices %s, but %s does not fit what is open on them (%s); allocate by hand.", nums, domain.FormatEuro(amount), domain.FormatEuro(open))}
			return res
		}
		res.Message = Text{"Betaling van facturen " + nums + ".", "Payment of invoices " + nums + "."}
	case len(settled) > 0:
		res.Status = Unmatched
		res.Message = Text{fmt.Sprintf("Noemt %s, maar daarop staat niets meer open (of het is een creditnota); wijs met de hand toe of betaal terug.", strings.Join(settled, ", ")),
			fmt.Sprintf("Names %s, but nothing is open on it (or it is a credit note); allocate by hand or refund.", strings.Join(settled, ", "))}
	default:
		var fits []*openItem
		for _, it := range m.items {
			if it.open.IsPositive() && (amount.Equal(it.expected(acc)) || amount.Equal(it.open)) {
				fits = append(fits, it)
			}
		}
		if len(fits) == 1 {
			res.Status = Suggested
			res.Suggestion = fits[0].number
			res.Message = Text{fmt.Sprintf("Geen factuurnummer; het bedrag past bij factuur %s van %s. Bevestig de toewijzing.", fits[0].number, fits[0].hirer),
				fmt.Sprintf("No invoice number; the amount fits invoice %s of %s. Confirm the allocation.", fits[0].number, fits[0].hirer)}
			return res
		}
		res.Status = Unmatched
		switch {
		case len(unknown) > 0:
			res.Message = Text{"Factuurnummer " + strings.Join(unknown, ", ") + " bestaat niet; wijs met de hand toe.",
				"Invoice number " + strings.Join(unknown, ", ") + " does not exist; allocate by hand."}
		case len(fits) > 1:
			res.Message = Text{fmt.Sprintf("Geen factuurnummer; het bedrag past bij %d facturen. Wijs met de hand toe.", len(fits)),
				fmt.Sprintf("No invoice number; the amount fits %d invoices. Allocate by hand.", len(fits))}
		default:
			res.Message = Text{"Geen factuurnummer en geen passend bedrag; wijs met de hand toe.",
				"No invoice number and no matching amount; allocate by hand."}
		}
	}
	return res
}

func numbersOf(items []*openItem) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = it.number
	}
	return out
}

// newMatcher loads the open invoices and every issued number.
func newMatcher(ctx context.Context, st app.Store, asOf time.Time) (*matcher, error) {
	rs, err := st.Receivables(ctx, asOf)
	if err != nil {
		return nil, err
	}
	m := &matcher{items: map[string]*openItem{}, known: map[string]bool{}}
	for _, r := range rs {
		m.known[r.Number] = true
		m.items[r.Number] = &openItem{id: r.InvoiceID, number: r.Number, hirer: r.Customer, open: r.Open(), openG: r.OpenG(), dueDate: r.DueDate}
	}
	cns, err := st.Invoices(ctx, app.InvoiceFilter{Type: invoice.CreditNote})
	if err != nil {
		return nil, err
	}
	for _, c := range cns {
		m.known[c.Invoice.Number] = true
	}
	return m, nil
}

// accountOf tells whether an own account of the statement is the agency's
// regular account or its G-rekening. ABN AMRO TAB files carry the old
// account number: the IBAN's last ten digits without leading zeros.
func accountOf(own string, agency *domain.Agency) (app.PaymentAccount, bool) {
	n := domain.NormalizeIBAN(own)
	same := func(iban string) bool {
		i := domain.NormalizeIBAN(iban)
		if i == "" || n == "" {
			return false
		}
		if i == n {
			return true
		}
		return strings.Trim(n, "0123456789") == "" && len(i) == 18 && strings.TrimLeft(i[8:], "0") == strings.TrimLeft(n, "0")
	}
	switch {
	case same(agency.GIBAN):
		return app.AccountG, true
	case same(agency.IBAN):
		return app.AccountRegular, true
	}
	return "", false
}

// Preview reads a bank statement and matches its incoming payments to open
// invoices, without booking anything. A file imported before is reported in
// Previous (Commit would refuse it); entries booked from an earlier,
// overlapping file are Known.
func Preview(ctx context.Context, st app.Store, data []byte, fileName string, opt Options) (*Import, error) {
	stmt, err := bank.Parse(data, fileName)
	if err != nil {
		return nil, err
	}
	imp := &Import{FileName: fileName, Hash: bank.Hash(data), Format: stmt.Format, From: stmt.From, To: stmt.To,
		Counts: map[Status]int{}, Received: decimal.Zero, Allocated: decimal.Zero}
	for _, a := range stmt.Accounts {
		imp.Accounts = append(imp.Accounts, domain.MaskIBAN(a))
	}
	if imp.Previous, err = st.BankStatementByHash(ctx, imp.Hash); err != nil {
		return nil, err
	}
	agency, err := st.Agency(ctx)
	if err != nil {
		return nil, err
	}
	m, err := newMatcher(ctx, st, opt.asOf())
	if err != nil {
		return nil, err
	}
	booked, err := st.Payments(ctx, app.PaymentFilter{From: stmt.From, To: stmt.To})
	if err != nil {
		return nil, err
	}
	knownKeys := map[string]bool{}
	for _, p := range booked {
		if p.EntryKey != "" {
			knownKeys[p.EntryKey] = true
		}
	}
	keys := stmt.Keys()
	for i, e := range stmt.Entries {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		acc, ours := accountOf(e.Account, agency)
		var res *Match
		switch {
		case !e.Credit():
			res = &Match{Entry: e, Status: Ignored, Message: Text{"Uitgaande betaling.", "Outgoing payment."}}
		case !strings.EqualFold(e.Currency, "EUR"):
			res = &Match{Entry: e, Status: Ignored, Message: Text{"Andere valuta dan euro: " + e.Currency + ".", "Currency other than euro: " + e.Currency + "."}}
		case !ours:
			res = &Match{Entry: e, Status: Ignored, Message: Text{"Rekening " + domain.MaskIBAN(e.Account) + " is niet de rekening of G-rekening van het bureau.",
				"Account " + domain.MaskIBAN(e.Account) + " is neither the agency's account nor its G-account."}}
		case knownKeys[keys[i]]:
			res = &Match{Entry: e, Account: acc, Status: Known, Message: Text{"Al eerder ingelezen.", "Imported before."}}
		default:
			res = m.match(e, acc)
			imp.Received = imp.Received.Add(e.Amount)
			for _, a := range res.Allocations {
				imp.Allocated = imp.Allocated.Add(a.Amount)
			}
		}
		res.Key = keys[i]
		// The preview is a list the user (and logs, JSON) sees: IBANs masked.
		// Commit books the full IBANs from the file itself.
		res.Entry.CounterIBAN = domain.MaskIBAN(res.Entry.CounterIBAN)
		if strings.HasPrefix(domain.NormalizeIBAN(res.Entry.Account), "NL") {
			res.Entry.Account = domain.MaskIBAN(res.Entry.Account)
		}
		imp.Matches = append(imp.Matches, res)
		imp.Counts[res.Status]++
	}
	return imp, nil
}

// Commit books the previewed statement: the statement record (its hash makes
// a second import of the same file fail), one payment per entry with Book
// set, and the matches' allocations — in one transaction. Open amounts are
// checked again by the store, so a preview that went stale fails rather than
// over-allocating. It returns how many payments were booked.
func Commit(ctx context.Context, st app.Store, imp *Import, stmtData []byte) (int, error) {
	if imp == nil {
		return 0, domain.Errorf(domain.EINVALID, "Geen afschrift om te boeken.")
	}
	if imp.Previous != nil {
		return 0, domain.Errorf(domain.ECONFLICT, "%s is al ingelezen op %s; er is niets opnieuw geboekt.",
			imp.FileName, imp.Previous.ImportedAt.In(amsterdam).Format("02-01-2006 15:04"))
	}
	// The counterparty IBANs were masked for display; book them from the file.
	stmt, err := bank.Parse(stmtData, imp.FileName)
	if err != nil {
		return 0, err
	}
	if bank.Hash(stmtData) != imp.Hash || len(stmt.Entries) != len(imp.Matches) {
		return 0, domain.Errorf(domain.ECONFLICT, "Het bestand is veranderd sinds de voorvertoning; lees het opnieuw in.")
	}
	var ps []*app.Payment
	var of []*Match
	for i, m := range imp.Matches {
		if !m.Book || m.Status == Known || m.Status == Ignored {
			continue
		}
		e := stmt.Entries[i]
		p := &app.Payment{EntryKey: m.Key, BookedOn: e.BookingDate, Amount: e.Amount, Account: m.Account, OwnIBAN: e.Account,
			CounterIBAN: e.CounterIBAN, CounterName: e.CounterName, Remittance: e.Remittance, EndToEnd: e.EndToEndID,
			Source: "import", Allocations: m.Allocations}
		ps = append(ps, p)
		of = append(of, m)
	}
	rec := &app.BankStatement{Hash: imp.Hash, FileName: imp.FileName, Format: string(imp.Format),
		Accounts: strings.Join(imp.Accounts, ", "), From: imp.From, To: imp.To, Entries: len(imp.Matches)}
	n, err := st.SavePayments(ctx, rec, ps)
	if err != nil {
		return 0, err
	}
	for i, p := range ps {
		of[i].PaymentID = p.ID
	}
	return n, nil
}

// ManualPayment is a payment entered by hand (a cheque, cash, a bank the
// agency has no export of).
type ManualPayment struct {
	Date        time.Time
	Amount      decimal.Decimal
	Account     app.PaymentAccount // default the regular account
	Invoice     string             // allocate to this invoice (optional)
	CounterName string
	Note        string
}

// Register books a payment by hand, allocated to Invoice when given (at most
// what is open on it; the rest stays unallocated).
func Register(ctx context.Context, st app.Store, mp ManualPayment, opt Options) (*app.Payment, error) {
	if mp.Account == "" {
		mp.Account = app.AccountRegular
	}
	if mp.Date.IsZero() {
		mp.Date = opt.asOf()
	}
	p := &app.Payment{BookedOn: domain.DateOf(mp.Date), Amount: mp.Amount, Account: mp.Account, CounterName: mp.CounterName,
		Note: mp.Note, Source: "hand"}
	if n := strings.TrimSpace(mp.Invoice); n != "" {
		m, err := newMatcher(ctx, st, p.BookedOn)
		if err != nil {
			return nil, err
		}
		it := m.items[n]
		if it == nil {
			return nil, domain.Errorf(domain.ENOTFOUND, "Factuur %s bestaat niet (of is een creditnota).", n)
		}
		if !it.open.IsPositive() {
			return nil, domain.Errorf(domain.EINVALID, "Op factuur %s staat niets meer open.", n)
		}
		a := decimal.Min(mp.Amount, it.open)
		if a.IsPositive() {
			p.Allocations = []app.Allocation{{InvoiceID: it.id, Number: n, Amount: a, How: "hand"}}
		}
	}
	if _, err := st.SavePayments(ctx, nil, []*app.Payment{p}); err != nil {
		return nil, err
	}
	return p, nil
}

// Allocate allocates (part of) a booked payment to an invoice by hand; a zero
// amount allocates what the payment has left, at most what is open.
func Allocate(ctx context.Context, st app.Store, paymentID int64, number string, amount decimal.Decimal) error {
	if amount.IsZero() {
		pays, err := st.Payments(ctx, app.PaymentFilter{})
		if err != nil {
			return err
		}
		var p *app.Payment
		for _, x := range pays {
			if x.ID == paymentID {
				p = x
			}
		}
		if p == nil {
			return domain.Errorf(domain.ENOTFOUND, "Betaling %d bestaat niet.", paymentID)
		}
		m, err := newMatcher(ctx, st, time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC))
		if err != nil {
			return err
		}
		it := m.items[number]
		if it == nil {
			return domain.Errorf(domain.ENOTFOUND, "Factuur %s bestaat niet.", number)
		}
		amount = decimal.Min(p.Amount.Sub(p.Allocated()), it.open)
		if !amount.IsPositive() {
			return domain.Errorf(domain.EINVALID, "Er valt niets toe te wijzen: de betaling is op of de factuur is betaald.")
		}
	}
	return st.AllocatePayment(ctx, paymentID, []app.Allocation{{Number: number, Amount: amount, How: "hand"}})
}

// Unallocate undoes an allocation (a wrong match); the payment stays booked.
func Unallocate(ctx context.Context, st app.Store, allocationID int64) error {
	return st.DeleteAllocation(ctx, allocationID)
}

// sortedStatuses lists the statuses with a count, in a fixed order.
func sortedStatuses(c map[Status]int) []Status {
	order := []Status{Matched, Partial, Overpaid, Suggested, Unmatched, Known, Ignored}
	var out []Status
	for _, s := range order {
		if c[s] > 0 {
			out = append(out, s)
		}
	}
	return out
}

// Summary is a one-line account of a preview.
func (imp *Import) Summary() Text {
	var nl, en []string
	names := map[Status][2]string{
		Matched: {"toegewezen", "matched"}, Partial: {"deelbetaling", "part payment"}, Overpaid: {"te veel betaald", "overpaid"},
		Suggested: {"voorstel", "suggested"}, Unmatched: {"met de hand toewijzen", "allocate by hand"},
		Known: {"al ingelezen", "imported before"}, Ignored: {"overgeslagen", "skipped"},
	}
	for _, s := range sortedStatuses(imp.Counts) {
		nl = append(nl, fmt.Sprintf("%d %s", imp.Counts[s], names[s][0]))
		en = append(en, fmt.Sprintf("%d %s", imp.Counts[s], names[s][1]))
	}
	return Text{
		NL: fmt.Sprintf("%s (%s): %s ontvangen, %s toegewezen; %s.", imp.FileName, imp.Format, domain.FormatEuro(imp.Received), domain.FormatEuro(imp.Allocated), strings.Join(nl, ", ")),
		EN: fmt.Sprintf("%s (%s): %s received, %s matched; %s.", imp.FileName, imp.Format, domain.FormatEuro(imp.Received), domain.FormatEuro(imp.Allocated), strings.Join(en, ", ")),
	}
}
