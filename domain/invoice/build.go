package invoice

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"verloner/domain"
)

// Grouping decides how a hirer's hours of one period are split over invoices.
type Grouping int

// Groupings.
const (
	PerHirer      Grouping = iota // one invoice per hirer per period
	PerCostCentre                 // one per kostenplaats of the hirer
	PerPlacement                  // one per placement
)

// Options steer FromHours.
type Options struct {
	Grouping Grouping
	// IssueDate, when set, dates the drafts (and their due dates); Finalise sets it otherwise.
	IssueDate time.Time
	// NoGShare leaves out the G-rekening split, for a hirer that does not pay into it.
	NoGShare bool
	// BuyerReference is the hirer's routing reference to quote on every
	// invoice (BT-10). Default: the cost centre when the invoice covers one,
	// else the hirer's debtor number.
	BuyerReference string
	// OrderReference is the hirer's purchase-order number (BT-13), if it gave one.
	OrderReference string
	// ContractReference is the framework-contract number for invoices that cover
	// more than one placement. Default: the placement number when there is one.
	ContractReference string
	// SkipUnapproved leaves out hour lines that are still "imported"; by default
	// they are an error, so that no hours are silently not billed.
	SkipUnapproved bool
	Note           string
}

// GShareFor returns the G-rekening percentage of a hirer's invoices: the
// agreed percentage when the hirer has one, otherwise 25 % (20 % with reverse
// charge); zero when opt.NoGShare is set or, absent an agreement, when the
// agency has no G-rekening. An agreed percentage without a G-rekening is an error.
func GShareFor(agency *domain.Agency, hirer *domain.Hirer, noGShare bool) (decimal.Decimal, error) {
	if noGShare {
		return domain.Zero, nil
	}
	if hirer.GSharePercent.IsPositive() {
		if strings.TrimSpace(agency.GIBAN) == "" {
			return domain.Zero, domain.Errorf(domain.EINVALID,
				"Met %s is %s %% G-rekening afgesproken, maar het uitzendbureau heeft geen G-rekening.",
				hirer.Name, hirer.GSharePercent)
		}
		return hirer.GSharePercent, nil
	}
	if strings.TrimSpace(agency.GIBAN) == "" {
		return domain.Zero, nil
	}
	if hirer.ReverseCharge {
		return GShareReverseCharge, nil
	}
	return GShareDefault, nil
}

// snapshotAddress states the country explicitly ("NL" when empty).
func snapshotAddress(a domain.Address) domain.Address {
	a.Country = Country(a)
	return a
}

// SupplierParty is the invoice snapshot of the agency.
func SupplierParty(a *domain.Agency) Party {
	return Party{Name: a.Name, Address: snapshotAddress(a.Address), KvK: a.KvK, VATID: a.VATID, Email: a.Email, Phone: a.Phone}
}

// CustomerParty is the invoice snapshot of a hirer.
func CustomerParty(h *domain.Hirer) Party {
	email := h.InvoiceEmail
	if email == "" {
		email = h.ContactEmail
	}
	return Party{Number: h.Number, Name: h.Name, Address: snapshotAddress(h.Address), KvK: h.KvK, VATID: h.VATID, Email: email}
}

// lineKey identifies one invoice line: worker (placement) × hour type × bill % × rate.
type lineKey struct {
	placement int64
	typ       domain.HourType
	pct, rate string
}

// FromHours turns the approved hour lines of one hirer and period into draft
// invoices (no number yet), one per hirer, cost centre or placement as
// opt.Grouping says. Lines outside the period, of other hirers' placements or
// void are left out; unapproved ("imported") lines are an error unless
// opt.SkipUnapproved. Hour lines are summed per placement × hour type × bill %
// into invoice lines. What is billed:
//
//   - hours at the placement's BillingRate × bill %; the bill % is the hour
//     line's own when set (> 0), else the placement's for the hour type;
//   - kilometres at the placement's TravelPerKm × bill %;
//   - expenses (quantity in euros) at 1 × bill %;
//   - vacation and sick hours only when the placement lists them with a bill %;
//     a bill % of 0 means not billed.
//
// Each draft is computed and validated; the first problem is returned as an error.
func FromHours(agency *domain.Agency, hirer *domain.Hirer, placements map[int64]*domain.Placement,
	workers map[int64]*domain.Worker, lines []*domain.HourLine, period domain.Period, opt Options) ([]*Invoice, error) {
	if agency == nil || hirer == nil {
		return nil, domain.Errorf(domain.EINVALID, "Factureren: uitzendbureau en inlener zijn verplicht.")
	}
	if period.Kind == "" || period.Start().After(period.End()) {
		return nil, domain.Errorf(domain.EINVALID, "Factureren: ongeldige periode.")
	}
	gPct, err := GShareFor(agency, hirer, opt.NoGShare)
	if err != nil {
		return nil, err
	}
	var errs []string
	agg := map[lineKey]*Line{}
	for _, hl := range lines {
		if hl == nil || !period.Contains(hl.Date) || hl.Status == domain.HoursVoid {
			continue
		}
		p := placements[hl.PlacementID]
		if p == nil {
			errs = append(errs, fmt.Sprintf("urenregel %s: plaatsing %d onbekend", where(hl), hl.PlacementID))
			continue
		}
		if p.HirerID != hirer.ID {
			continue
		}
		switch hl.Status {
		case domain.HoursApproved, domain.HoursPaid:
		case domain.HoursImported:
			if !opt.SkipUnapproved {
				errs = append(errs, fmt.Sprintf("urenregel %s (plaatsing %s) is nog niet goedgekeurd", where(hl), p.Number))
			}
			continue
		default:
			errs = append(errs, fmt.Sprintf("urenregel %s: onbekende status %q", where(hl), hl.Status))
			continue
		}
		if !p.ActiveOn(hl.Date) {
			errs = append(errs, fmt.Sprintf("urenregel %s valt buiten plaatsing %s", where(hl), p.Number))
			continue
		}
		w := workers[p.WorkerID]
		if w == nil {
			errs = append(errs, fmt.Sprintf("plaatsing %s: uitzendkracht %d onbekend", p.Number, p.WorkerID))
			continue
		}
		rate, pct, unit, billable, err := billing(p, hl)
		if err != nil {
			errs = append(errs, err.Error())
			continue
		}
		if !billable {
			continue
		}
		k := lineKey{placement: p.ID, typ: hl.Type, pct: pct.String(), rate: rate.String()}
		l := agg[k]
		if l == nil {
			l = &Line{PlacementID: p.ID, Placement: p.Number, WorkerID: w.ID, Worker: w.FullName(),
				Function: p.Function, CostCentre: p.CostCentre, Type: hl.Type, Description: HourTypeName(hl.Type),
				Quantity: domain.Zero, Unit: unit, Rate: rate, BillPercent: pct}
			if hirer.ReverseCharge {
				l.VATCategory, l.VATRate = VATReverseCharge, domain.Zero
			} else {
				l.VATCategory, l.VATRate = VATStandard, StandardVATRate
			}
			agg[k] = l
		}
		l.Quantity = l.Quantity.Add(hl.Quantity)
	}
	if len(errs) > 0 {
		sort.Strings(errs)
		return nil, domain.Errorf(domain.EINVALID, "Factureren %s %s: %s.", hirer.Name, period, strings.Join(errs, "; "))
	}

	groups := map[string][]*Line{}
	for _, l := range agg {
		if l.Quantity.IsZero() {
			continue
		}
		var g string
		switch opt.Grouping {
		case PerCostCentre:
			g = l.CostCentre
		case PerPlacement:
			g = l.Placement
		}
		groups[g] = append(groups[g], l)
	}
	keys := make([]string, 0, len(groups))
	for k := range groups {
		keys = append(keys, k)
	}
	sort.Strings(keys)

	var out []*Invoice
	for _, k := range keys {
		ls := groups[k]
		sortLines(ls)
		inv := &Invoice{
			Type:        CommercialInvoice,
			PeriodStart: period.Start(), PeriodEnd: period.End(), Period: period,
			Supplier: SupplierParty(agency), Customer: CustomerParty(hirer), HirerID: hirer.ID,
			BuyerReference: opt.BuyerReference, OrderReference: opt.OrderReference, ContractReference: opt.ContractReference,
			ReverseCharge: hirer.ReverseCharge, Note: opt.Note,
			IBAN: agency.IBAN, GIBAN: agency.GIBAN, GSharePercent: gPct, PaymentTermDays: hirer.PaymentTermDays,
			Lines: ls,
		}
		if gPct.IsZero() {
			inv.GIBAN = ""
		}
		if pl := inv.Placements(); inv.ContractReference == "" && len(pl) == 1 {
			inv.ContractReference = pl[0]
		}
		if inv.BuyerReference == "" {
			if cc := distinct(ls, func(l *Line) string { return l.CostCentre }); len(cc) == 1 {
				inv.BuyerReference = cc[0]
			} else {
				inv.BuyerReference = hirer.Number
			}
		}
		if !opt.IssueDate.IsZero() {
			inv.IssueDate = domain.DateOf(opt.IssueDate)
			inv.DueDate = inv.IssueDate.AddDate(0, 0, inv.PaymentTermDays)
		}
		inv.Compute()
		if err := inv.Validate(); err != nil {
			return nil, err
		}
		out = append(out, inv)
	}
	return out, nil
}

// billing resolves the rate, bill % and unit of an hour line.
func billing(p *domain.Placement, hl *domain.HourLine) (rate, pct decimal.Decimal, unit Unit, billable bool, err error) {
	agreed, ok := p.Rate(hl.Type)
	if (hl.Type == domain.HourVacation || hl.Type == domain.HourSick) && !ok {
		return rate, pct, unit, false, nil
	}
	pct = hl.BillPercent
	if !pct.IsPositive() {
		pct = agreed.BillPercent
	}
	if pct.IsNegative() {
		return rate, pct, unit, false, fmt.Errorf("plaatsing %s: negatief factuurpercentage voor %s", p.Number, hl.Type)
	}
	if pct.IsZero() {
		return rate, pct, unit, false, nil
	}
	switch hl.Type {
	case domain.HourKilometres:
		rate, unit = p.TravelPerKm, UnitKm
		if !rate.IsPositive() {
			return rate, pct, unit, false, fmt.Errorf("plaatsing %s: kilometers zonder kilometertarief", p.Number)
		}
	case domain.HourExpenses:
		rate, unit = domain.One, UnitPiece
	default:
		rate, unit = p.BillingRate, UnitHour
		if !rate.IsPositive() {
			return rate, pct, unit, false, fmt.Errorf("plaatsing %s: geen uurtarief voor de inlener", p.Number)
		}
	}
	return rate, pct, unit, true, nil
}

// sortLines orders lines by placement, then hour type in payslip order, then bill %.
func sortLines(ls []*Line) {
	order := map[domain.HourType]int{}
	for i, t := range domain.HourTypes {
		order[t] = i
	}
	sort.Slice(ls, func(i, j int) bool {
		a, b := ls[i], ls[j]
		if a.Placement != b.Placement {
			return a.Placement < b.Placement
		}
		if order[a.Type] != order[b.Type] {
			return order[a.Type] < order[b.Type]
		}
		if !a.BillPercent.Equal(b.BillPercent) {
			return a.BillPercent.LessThan(b.BillPercent)
		}
		return a.Rate.LessThan(b.Rate)
	})
}

func where(hl *domain.HourLine) string {
	s := hl.Date.Format("02-01-2006") + " " + string(hl.Type)
	if hl.Source.File != "" {
		s += fmt.Sprintf(" (%s regel %d)", hl.Source.File, hl.Source.Row)
	}
	return s
}
