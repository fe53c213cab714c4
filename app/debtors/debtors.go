// Package debtors is the debtors use case (Debiteuren): what hirers owe on
// issued invoices, by age; the credit limit per hirer against what is open;
// the reminder list; and payments — entered by hand or read from a bank
// statement (importers/bank) and matched on the invoice number in the
// payment's description and the amount. Payments into the agency's
// G-rekening are booked apart from the regular account, per invoice.
//
// The ledger is computed from the store on every call (invoices, credit
// notes, allocated payments up to a date), so there is no balance that can
// drift from the documents.
package debtors

import (
	"context"
	"fmt"
	"sort"
	"time"
	_ "time/tzdata" // due dates are counted in the agency's calendar on every desktop

	"github.com/shopspring/decimal"

	"verloner/app"
	"verloner/domain"
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

// Options tune the use case; the zero value is right for the GUI and CLI.
type Options struct {
	Now  func() time.Time // the clock (tests); nil: time.Now
	AsOf time.Time        // the ledger date; zero: today in Europe/Amsterdam
}

var amsterdam = func() *time.Location {
	if l, err := time.LoadLocation("Europe/Amsterdam"); err == nil {
		return l
	}
	return time.UTC
}()

func (o Options) asOf() time.Time {
	if !o.AsOf.IsZero() {
		return domain.DateOf(o.AsOf)
	}
	now := time.Now
	if o.Now != nil {
		now = o.Now
	}
	return domain.DateOf(now().In(amsterdam))
}

// Bucket is an aging class of an open item by days past its due date.
type Bucket int

// Aging buckets: not yet due, then 0–30, 31–60, 61–90 and more than 90 days
// past the due date (the due date itself is day 0).
const (
	NotDue Bucket = iota
	Days0to30
	Days31to60
	Days61to90
	Over90
)

// Buckets lists the buckets in order.
var Buckets = []Bucket{NotDue, Days0to30, Days31to60, Days61to90, Over90}

// BucketOf classifies an item that is daysPastDue days past its due date
// (negative: not yet due).
func BucketOf(daysPastDue int) Bucket {
	switch {
	case daysPastDue < 0:
		return NotDue
	case daysPastDue <= 30:
		return Days0to30
	case daysPastDue <= 60:
		return Days31to60
	case daysPastDue <= 90:
		return Days61to90
	}
	return Over90
}

// Label is the bucket's column title.
func (b Bucket) Label(lang string) string {
	nl := [...]string{"Niet vervallen", "0–30 dagen", "31–60 dagen", "61–90 dagen", "> 90 dagen"}
	en := [...]string{"Not yet due", "0–30 days", "31–60 days", "61–90 days", "> 90 days"}
	if b < NotDue || b > Over90 {
		return "?"
	}
	if lang == "en" {
		return en[b]
	}
	return nl[b]
}

// Item is one open invoice: something is still owed on it, or (negative) the
// hirer has a credit balance on it.
type Item struct {
	*app.Receivable
	Open        decimal.Decimal `json:"open"`
	OpenG       decimal.Decimal `json:"open_g"` // of which for the G-rekening
	DaysPastDue int             `json:"days_past_due"`
	Bucket      Bucket          `json:"bucket"`
}

// Overdue reports whether the item is past its due date and still owed.
func (it *Item) Overdue() bool { return it.DaysPastDue > 0 && it.Open.IsPositive() }

// HirerBalance is one hirer's open items with their aging and credit limit.
type HirerBalance struct {
	HirerID     int64             `json:"hirer_id"`
	Number      string            `json:"number"`
	Name        string            `json:"name"`
	Email       string            `json:"email,omitempty"` // where invoices and reminders go
	Open        decimal.Decimal   `json:"open"`
	OpenG       decimal.Decimal   `json:"open_g"`
	Buckets     []decimal.Decimal `json:"buckets"` // per Bucket
	CreditLimit decimal.Decimal   `json:"credit_limit"`
	// LimitUsed is Open as a percentage of a positive limit, rounded.
	LimitUsed decimal.Decimal `json:"limit_used"`
	OverLimit bool            `json:"over_limit"`
	Items     []*Item         `json:"items"`
}

// Ledger is the debtors list on one date.
type Ledger struct {
	AsOf    time.Time         `json:"as_of"`
	Hirers  []*HirerBalance   `json:"hirers"` // with open items, by number
	Items   []*Item           `json:"items"`  // every open item, oldest due date first
	Buckets []decimal.Decimal `json:"buckets"`
	Open    decimal.Decimal   `json:"open"`
	OpenG   decimal.Decimal   `json:"open_g"`
	// Unallocated are payments received that are not (wholly) allocated to
	// invoices: to be allocated by hand.
	Unallocated      []*app.Payment  `json:"unallocated"`
	UnallocatedTotal decimal.Decimal `json:"unallocated_total"`
}

func zeros(n int) []decimal.Decimal {
	out := make([]decimal.Decimal, n)
	for i := range out {
		out[i] = decimal.Zero
	}
	return out
}

// Open returns the debtors list: every invoice with something open (or a
// credit balance) on the ledger date, aged by its due date, per hirer with
// the credit limit, and the payments still to allocate.
func Open(ctx context.Context, st app.Store, opt Options) (*Ledger, error) {
	asOf := opt.asOf()
	rs, err := st.Receivables(ctx, asOf)
	if err != nil {
		return nil, err
	}
	hirers, err := st.Hirers(ctx)
	if err != nil {
		return nil, err
	}
	byID := map[int64]*domain.Hirer{}
	for _, h := range hirers {
		byID[h.ID] = h
	}
	l := &Ledger{AsOf: asOf, Buckets: zeros(len(Buckets)), Open: decimal.Zero, OpenG: decimal.Zero, UnallocatedTotal: decimal.Zero}
	balances := map[int64]*HirerBalance{}
	for _, r := range rs {
		open := r.Open()
		if open.IsZero() {
			continue
		}
		it := &Item{Receivable: r, Open: open, OpenG: decimal.Max(decimal.Zero, decimal.Min(r.OpenG(), open))}
		it.DaysPastDue = int(asOf.Sub(r.DueDate).Hours() / 24)
		it.Bucket = BucketOf(it.DaysPastDue)
		l.Items = append(l.Items, it)
		b := balances[r.HirerID]
		if b == nil {
			b = &HirerBalance{HirerID: r.HirerID, Name: r.Customer, Buckets: zeros(len(Buckets)), Open: decimal.Zero, OpenG: decimal.Zero,
				CreditLimit: decimal.Zero, LimitUsed: decimal.Zero}
			if h := byID[r.HirerID]; h != nil {
				b.Number, b.Name, b.CreditLimit = h.Number, h.Name, h.CreditLimit
				b.Email = h.InvoiceEmail
				if b.Email == "" {
					b.Email = h.ContactEmail
				}
			}
			balances[r.HirerID] = b
		}
		b.Items = append(b.Items, it)
		b.Open, b.OpenG = b.Open.Add(open), b.OpenG.Add(it.OpenG)
		b.Buckets[it.Bucket] = b.Buckets[it.Bucket].Add(open)
		l.Buckets[it.Bucket] = l.Buckets[it.Bucket].Add(open)
		l.Open, l.OpenG = l.Open.Add(open), l.OpenG.Add(it.OpenG)
	}
	for _, b := range balances {
		if b.CreditLimit.IsPositive() {
			b.LimitUsed = b.Open.Mul(domain.Hundred).Div(b.CreditLimit).Round(0)
			b.OverLimit = b.Open.GreaterThan(b.CreditLimit)
		}
		l.Hirers = append(l.Hirers, b)
	}
	sort.Slice(l.Hirers, func(i, j int) bool { return l.Hirers[i].Number < l.Hirers[j].Number })
	sort.SliceStable(l.Items, func(i, j int) bool {
		if !l.Items[i].DueDate.Equal(l.Items[j].DueDate) {
			return l.Items[i].DueDate.Before(l.Items[j].DueDate)
		}
		return l.Items[i].Number < l.Items[j].Number
	})
	pays, err := st.Payments(ctx, app.PaymentFilter{To: asOf, Unallocated: true})
	if err != nil {
		return nil, err
	}
	for _, p := range pays {
		l.Unallocated = append(l.Unallocated, p)
		l.UnallocatedTotal = l.UnallocatedTotal.Add(p.Amount.Sub(p.Allocated()))
	}
	return l, nil
}

// OpenReceivables is what each hirer owes today (incl. VAT, credit balances
// subtracted), by hirer ID: the figure app/checking weighs against the
// credit limit. The store implements the same as checking.ReceivablesSource.
// An optional Options sets the date or the clock.
func OpenReceivables(ctx context.Context, st app.Store, opt ...Options) (map[int64]decimal.Decimal, error) {
	var o Options
	if len(opt) > 0 {
		o = opt[0]
	}
	return st.OpenReceivables(ctx, o.asOf())
}

// Reminder is one hirer's overdue invoices, for a payment reminder.
type Reminder struct {
	HirerID    int64           `json:"hirer_id"`
	Number     string          `json:"number"`
	Name       string          `json:"name"`
	Email      string          `json:"email,omitempty"`
	Items      []*Item         `json:"items"` // overdue, oldest first
	Total      decimal.Decimal `json:"total"`
	OldestDays int             `json:"oldest_days"`
	Text       Text            `json:"text"` // a suggested first line of the reminder
}

// Reminders lists, per hirer, the invoices past their due date that are still
// owed, the hirer with the oldest item first.
func Reminders(ctx context.Context, st app.Store, opt Options) ([]*Reminder, error) {
	l, err := Open(ctx, st, opt)
	if err != nil {
		return nil, err
	}
	return l.Reminders(), nil
}

// Reminders derives the reminder list from a ledger.
func (l *Ledger) Reminders() []*Reminder {
	var out []*Reminder
	for _, b := range l.Hirers {
		r := &Reminder{HirerID: b.HirerID, Number: b.Number, Name: b.Name, Email: b.Email, Total: decimal.Zero}
		for _, it := range b.Items {
			if !it.Overdue() {
				continue
			}
			r.Items = append(r.Items, it)
			r.Total = r.Total.Add(it.Open)
			r.OldestDays = max(r.OldestDays, it.DaysPastDue)
		}
		if len(r.Items) == 0 {
			continue
		}
		sort.Slice(r.Items, func(i, j int) bool { return r.Items[i].DaysPastDue > r.Items[j].DaysPastDue })
		nums := make([]string, len(r.Items))
		for i, it := range r.Items {
			nums[i] = it.Number
		}
		r.Text = Text{
			NL: fmt.Sprintf("Volgens onze administratie staat %s open op %d vervallen factu%s (%s), de oudste %d dagen over de vervaldatum.",
				domain.FormatEuro(r.Total), len(r.Items), plural(len(r.Items), "ur", "ren"), joinNumbers(nums), r.OldestDays),
			EN: fmt.Sprintf("According to our records %s is open on %d overdue invoice%s (%s), the oldest %d days past its due date.",
				domain.FormatEuro(r.Total), len(r.Items), plural(len(r.Items), "", "s"), joinNumbers(nums), r.OldestDays),
		}
		out = append(out, r)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].OldestDays > out[j].OldestDays })
	return out
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func joinNumbers(ns []string) string {
	if len(ns) > 6 {
		return fmt.Sprintf("%s, … %s", joinNumbers(ns[:5]), ns[len(ns)-1])
	}
	s := ""
	for i, n := range ns {
		if i > 0 {
			s += ", "
		}
		s += n
	}
	return s
}
