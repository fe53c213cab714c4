package invoice

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"verloner/domain"
)

// DocType is the UNTDID 1001 document type code.
type DocType string

// Document types we issue.
const (
	CommercialInvoice DocType = "380" // factuur
	CreditNote        DocType = "381" // creditnota
)

// VATCategory is the UNCL 5305 VAT category code.
type VATCategory string

// VAT categories we use.
const (
	VATStandard      VATCategory = "S"  // standard rate
	VATReverseCharge VATCategory = "AE" // btw verlegd: the customer owes the VAT
)

// Unit is a UN/ECE Recommendation 20 unit code.
type Unit string

// Units of invoice lines.
const (
	UnitHour  Unit = "HUR" // hours
	UnitKm    Unit = "KMT" // kilometres
	UnitPiece Unit = "C62" // "one": re-billed expenses, quantity in euros at unit price 1
)

// Rates and fixed texts.
var (
	// StandardVATRate is the Dutch standard VAT rate that applies to the supply
	// of personnel (nl-payroll-2026.md §9.2).
	StandardVATRate = decimal.NewFromInt(21)
	// GShareDefault is the G-rekening share of the total incl. VAT that
	// discharges the hirer (§9.3).
	GShareDefault = decimal.NewFromInt(25)
	// GShareReverseCharge is the G-rekening share when the VAT is reverse-charged.
	GShareReverseCharge = decimal.NewFromInt(20)
)

// ReverseChargeText is the wording art. 35a lid 1 onderdeel m Wet OB requires
// on an invoice whose VAT the customer owes.
const ReverseChargeText = "Btw verlegd"

// Party is a snapshot of the supplier or the customer as it was when the
// invoice was made; later changes to master data do not change issued invoices.
type Party struct {
	Number  string // our debtor number (customer only)
	Name    string // full (registered) name
	Address domain.Address
	KvK     string // Handelsregister number
	VATID   string // btw-identificatienummer
	Email   string
	Phone   string
}

// Line is one invoice line: one worker (placement) × one hour type × one bill %.
type Line struct {
	PlacementID int64
	Placement   string // placement number: the contract reference of the line
	WorkerID    int64
	Worker      string // the worker's name
	Function    string // the work done (placement function)
	CostCentre  string // the hirer's kostenplaats
	Type        domain.HourType
	Description string // nature of the service: "Normale uren", "Overwerk 125 %"
	Quantity    decimal.Decimal
	Unit        Unit
	Rate        decimal.Decimal // per unit excl. VAT before the bill %: billing rate, rate per km, 1 for expenses
	BillPercent decimal.Decimal // 100 = the rate as is
	Amount      decimal.Decimal // LineAmount(Quantity, Rate, BillPercent)
	VATCategory VATCategory
	VATRate     decimal.Decimal
}

// UnitPrice is the price per unit excl. VAT: Rate × BillPercent/100, not rounded.
func (l *Line) UnitPrice() decimal.Decimal { return l.Rate.Mul(l.BillPercent).Div(domain.Hundred) }

// LineAmount applies rounding rule 1: quantity × rate × bill%/100, rounded once
// to cents, half away from zero.
func LineAmount(qty, rate, billPercent decimal.Decimal) decimal.Decimal {
	return domain.RoundCents(qty.Mul(rate).Mul(billPercent).Div(domain.Hundred))
}

// VATAmount applies rounding rule 2 to one category's taxable amount.
func VATAmount(taxable, rate decimal.Decimal) decimal.Decimal {
	return domain.RoundCents(taxable.Mul(rate).Div(domain.Hundred))
}

// SplitG applies rounding rule 4: the G-rekening part of payable at percent
// (rounded up to cents) and the regular part, which together make payable.
func SplitG(payable, percent decimal.Decimal) (g, regular decimal.Decimal) {
	if !percent.IsPositive() {
		return domain.Zero, payable
	}
	g = payable.Mul(percent).Div(domain.Hundred).RoundUp(2)
	return g, payable.Sub(g)
}

// VATSubtotal is the breakdown of one VAT category and rate.
type VATSubtotal struct {
	Category VATCategory
	Rate     decimal.Decimal
	Taxable  decimal.Decimal
	VAT      decimal.Decimal
}

// ExemptionReason is the text for a category without VAT ("Btw verlegd" for AE).
func (s VATSubtotal) ExemptionReason() string {
	if s.Category == VATReverseCharge {
		return ReverseChargeText
	}
	return ""
}

// Invoice is a sales invoice or a credit note to a hirer. Amounts on a credit
// note are positive, as in UBL; SignedPayable gives the ledger sign.
type Invoice struct {
	Type      DocType
	Number    string    // assigned when finalised; see Series
	IssueDate time.Time // factuurdatum
	DueDate   time.Time // IssueDate + PaymentTermDays (invoices only)

	// Date of supply: the work period the invoice covers.
	PeriodStart, PeriodEnd time.Time
	Period                 domain.Period // the payroll period, when the invoice follows one

	Supplier Party
	Customer Party
	HirerID  int64

	BuyerReference    string // the hirer's reference (cost centre or purchase order)
	OrderReference    string // the hirer's order number, if any
	ContractReference string // placement or framework-contract number
	ReverseCharge     bool   // btw verlegd
	Note              string // free text printed with the generated notes

	// BillingReference is the number of the invoice a credit note corrects.
	BillingReference     string
	BillingReferenceDate time.Time

	IBAN            string          // the agency's regular account
	GIBAN           string          // the agency's G-rekening
	GSharePercent   decimal.Decimal // 0: no G-rekening share
	PaymentTermDays int

	Lines []*Line

	// Totals, filled by Compute and checked by Validate.
	NetTotal      decimal.Decimal // Σ line amounts (BT-106 = BT-109)
	VATBreakdown  []VATSubtotal
	VATTotal      decimal.Decimal
	Payable       decimal.Decimal // NetTotal + VATTotal
	GAmount       decimal.Decimal // to the G-rekening
	RegularAmount decimal.Decimal // to the regular account
}

// IsCredit reports whether the document is a credit note.
func (inv *Invoice) IsCredit() bool { return inv.Type == CreditNote }

// HasGShare reports whether part of the payable goes to the G-rekening.
func (inv *Invoice) HasGShare() bool { return inv.GAmount.IsPositive() }

// SignedPayable is Payable as the debtors ledger books it: negative for a credit note.
func (inv *Invoice) SignedPayable() decimal.Decimal {
	if inv.IsCredit() {
		return inv.Payable.Neg()
	}
	return inv.Payable
}

// Compute fills every line amount and the totals from the lines, the VAT
// rates and the G percentage, applying the rounding rules of the package.
func (inv *Invoice) Compute() {
	net := domain.Zero
	for _, l := range inv.Lines {
		if l == nil {
			continue
		}
		l.Amount = LineAmount(l.Quantity, l.Rate, l.BillPercent)
		net = net.Add(l.Amount)
	}
	inv.NetTotal = net
	inv.VATBreakdown = breakdown(inv.Lines)
	inv.VATTotal = domain.Zero
	for _, s := range inv.VATBreakdown {
		inv.VATTotal = inv.VATTotal.Add(s.VAT)
	}
	inv.Payable = inv.NetTotal.Add(inv.VATTotal)
	inv.GAmount, inv.RegularAmount = SplitG(inv.Payable, inv.GSharePercent)
}

// breakdown groups the line amounts per VAT category and rate and computes
// the VAT of each group once (rounding rule 2). The order is stable: category,
// then rate.
func breakdown(lines []*Line) []VATSubtotal {
	idx := map[string]int{}
	var out []VATSubtotal
	for _, l := range lines {
		if l == nil {
			continue
		}
		k := string(l.VATCategory) + "/" + l.VATRate.String()
		i, ok := idx[k]
		if !ok {
			i = len(out)
			idx[k] = i
			out = append(out, VATSubtotal{Category: l.VATCategory, Rate: l.VATRate, Taxable: domain.Zero})
		}
		out[i].Taxable = out[i].Taxable.Add(LineAmount(l.Quantity, l.Rate, l.BillPercent))
	}
	for i := range out {
		out[i].VAT = VATAmount(out[i].Taxable, out[i].Rate)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Category != out[j].Category {
			return out[i].Category > out[j].Category // S before AE
		}
		return out[i].Rate.GreaterThan(out[j].Rate)
	})
	return out
}

// Finalise gives a checked draft its number and date: the storage layer calls
// it inside the transaction that takes the next number of the series. The due
// date follows from the hirer's payment term.
func (inv *Invoice) Finalise(number string, issue time.Time) error {
	if _, _, err := ParseNumber(number); err != nil {
		return err
	}
	inv.Number = number
	inv.IssueDate = domain.DateOf(issue)
	inv.DueDate = time.Time{}
	if !inv.IsCredit() {
		inv.DueDate = inv.IssueDate.AddDate(0, 0, inv.PaymentTermDays)
	}
	return inv.ValidateFinal()
}

// ValidateFinal is Validate plus what only a finalised document has: number,
// issue date and (for invoices) due date.
func (inv *Invoice) ValidateFinal() error {
	var p problems
	if inv.Number == "" {
		p.add("factuurnummer ontbreekt")
	}
	if inv.IssueDate.IsZero() {
		p.add("factuurdatum ontbreekt")
	}
	if !inv.IsCredit() && inv.DueDate.IsZero() {
		p.add("vervaldatum ontbreekt")
	}
	inv.check(&p)
	return p.err(inv)
}

// Validate checks a draft or finalised document before anything is written:
// the art. 35a content, every line amount, Σ lines = net total, the VAT per
// rate, payable = net + VAT, the G split and the IBANs. Stored totals that do
// not match a fresh computation are an error, so a changed line with stale
// totals cannot slip through.
func (inv *Invoice) Validate() error {
	var p problems
	inv.check(&p)
	return p.err(inv)
}

type problems []string

func (p *problems) add(format string, args ...any) { *p = append(*p, fmt.Sprintf(format, args...)) }

func (p problems) err(inv *Invoice) error {
	if len(p) == 0 {
		return nil
	}
	what := "Factuur"
	if inv.IsCredit() {
		what = "Creditnota"
	}
	if inv.Number != "" {
		what += " " + inv.Number
	} else if inv.Customer.Name != "" {
		what += " aan " + inv.Customer.Name
	}
	return domain.Errorf(domain.EINVALID, "%s: %s.", what, strings.Join(p, "; "))
}

func (inv *Invoice) check(p *problems) {
	switch inv.Type {
	case CommercialInvoice, CreditNote:
	default:
		p.add("onbekend documenttype %q", inv.Type)
	}
	if inv.Number != "" {
		if _, _, err := ParseNumber(inv.Number); err != nil {
			p.add("%v", err)
		}
	}
	if !inv.IssueDate.IsZero() && !inv.DueDate.IsZero() && inv.DueDate.Before(inv.IssueDate) {
		p.add("vervaldatum ligt voor de factuurdatum")
	}
	checkParty(p, "leverancier", inv.Supplier)
	checkParty(p, "afnemer", inv.Customer)
	if strings.TrimSpace(inv.Supplier.VATID) == "" {
		p.add("btw-identificatienummer van het uitzendbureau ontbreekt")
	}
	if inv.ReverseCharge && strings.TrimSpace(inv.Customer.VATID) == "" {
		p.add("btw verlegd: btw-identificatienummer van de inlener ontbreekt")
	}
	if inv.PeriodStart.IsZero() || inv.PeriodEnd.IsZero() {
		p.add("periode van de werkzaamheden ontbreekt")
	} else if inv.PeriodEnd.Before(inv.PeriodStart) {
		p.add("periode eindigt voor de begindatum")
	}
	if inv.IsCredit() && strings.TrimSpace(inv.BillingReference) == "" {
		p.add("creditnota zonder verwijzing naar de gecorrigeerde factuur")
	}
	if !inv.IsCredit() && inv.BillingReference != "" {
		p.add("een factuur verwijst niet naar een eerdere factuur; gebruik een creditnota")
	}
	if inv.PaymentTermDays < 0 {
		p.add("betaaltermijn is negatief")
	}

	if len(inv.Lines) == 0 {
		p.add("geen factuurregels")
	}
	net := domain.Zero
	for i, l := range inv.Lines {
		n := i + 1
		if l == nil {
			p.add("regel %d ontbreekt", n)
			continue
		}
		if strings.TrimSpace(l.Description) == "" {
			p.add("regel %d: omschrijving ontbreekt", n)
		}
		switch l.Unit {
		case UnitHour, UnitKm, UnitPiece:
		default:
			p.add("regel %d: onbekende eenheid %q", n, l.Unit)
		}
		if l.Quantity.IsZero() {
			p.add("regel %d: aantal is 0", n)
		}
		if l.Rate.IsNegative() || l.BillPercent.IsNegative() {
			p.add("regel %d: tarief en percentage mogen niet negatief zijn", n)
		}
		if want := LineAmount(l.Quantity, l.Rate, l.BillPercent); !l.Amount.Equal(want) {
			p.add("regel %d: bedrag %s, verwacht %s × %s × %s %% = %s", n,
				l.Amount.StringFixed(2), l.Quantity, l.Rate, l.BillPercent, want.StringFixed(2))
		}
		switch {
		case inv.ReverseCharge && (l.VATCategory != VATReverseCharge || !l.VATRate.IsZero()):
			p.add("regel %d: btw verlegd, maar de regel heeft btw-categorie %s %s %%", n, l.VATCategory, l.VATRate)
		case !inv.ReverseCharge && (l.VATCategory != VATStandard || !l.VATRate.IsPositive()):
			p.add("regel %d: btw-categorie %s %s %% hoort niet bij een factuur zonder verlegging", n, l.VATCategory, l.VATRate)
		}
		net = net.Add(l.Amount)
	}
	if !inv.NetTotal.Equal(net) {
		p.add("totaal excl. btw %s ≠ som van de regels %s", inv.NetTotal.StringFixed(2), net.StringFixed(2))
	}
	want := breakdown(inv.Lines)
	if len(want) != len(inv.VATBreakdown) {
		p.add("btw-specificatie heeft %d tarieven, verwacht %d", len(inv.VATBreakdown), len(want))
	} else {
		for i, w := range want {
			g := inv.VATBreakdown[i]
			if g.Category != w.Category || !g.Rate.Equal(w.Rate) || !g.Taxable.Equal(w.Taxable) || !g.VAT.Equal(w.VAT) {
				p.add("btw %s %s %%: grondslag %s btw %s, verwacht grondslag %s btw %s", w.Category, w.Rate,
					g.Taxable.StringFixed(2), g.VAT.StringFixed(2), w.Taxable.StringFixed(2), w.VAT.StringFixed(2))
			}
		}
	}
	vat := domain.Zero
	for _, s := range inv.VATBreakdown {
		vat = vat.Add(s.VAT)
	}
	if !inv.VATTotal.Equal(vat) {
		p.add("btw-totaal %s ≠ som per tarief %s", inv.VATTotal.StringFixed(2), vat.StringFixed(2))
	}
	if !inv.Payable.Equal(inv.NetTotal.Add(inv.VATTotal)) {
		p.add("te betalen %s ≠ %s + %s btw", inv.Payable.StringFixed(2), inv.NetTotal.StringFixed(2), inv.VATTotal.StringFixed(2))
	}
	if len(inv.Lines) > 0 && !inv.Payable.IsPositive() {
		if inv.IsCredit() {
			p.add("creditnota met een bedrag van 0 of minder")
		} else {
			p.add("factuurbedrag is 0 of negatief; gebruik een creditnota")
		}
	}

	// Payment split and accounts.
	if inv.GSharePercent.IsNegative() || inv.GSharePercent.GreaterThan(domain.Hundred) {
		p.add("G-rekeningpercentage %s moet tussen 0 en 100 liggen", inv.GSharePercent)
	}
	g, reg := SplitG(inv.Payable, inv.GSharePercent)
	if !inv.GAmount.Equal(g) || !inv.RegularAmount.Equal(reg) {
		p.add("betaalsplitsing G-rekening %s + overig %s, verwacht %s + %s", inv.GAmount.StringFixed(2),
			inv.RegularAmount.StringFixed(2), g.StringFixed(2), reg.StringFixed(2))
	}
	if !inv.GAmount.Add(inv.RegularAmount).Equal(inv.Payable) {
		p.add("G-deel %s + overig deel %s ≠ te betalen %s", inv.GAmount.StringFixed(2),
			inv.RegularAmount.StringFixed(2), inv.Payable.StringFixed(2))
	}
	if inv.GAmount.IsNegative() || inv.RegularAmount.IsNegative() {
		p.add("betaaldelen mogen niet negatief zijn")
	}
	if !inv.IsCredit() || inv.IBAN != "" {
		if err := domain.CheckIBAN(inv.IBAN); err != nil {
			p.add("rekening uitzendbureau: %v", err)
		}
	}
	if inv.GSharePercent.IsPositive() || inv.GIBAN != "" {
		if err := domain.CheckIBAN(inv.GIBAN); err != nil {
			p.add("G-rekening: %v", err)
		} else if domain.NormalizeIBAN(inv.GIBAN) == domain.NormalizeIBAN(inv.IBAN) {
			p.add("G-rekening is dezelfde rekening als de gewone rekening")
		}
	}
}

func checkParty(p *problems, role string, x Party) {
	if strings.TrimSpace(x.Name) == "" {
		p.add("naam %s ontbreekt", role)
	}
	a := x.Address
	if strings.TrimSpace(a.Street) == "" || strings.TrimSpace(a.PostalCode) == "" || strings.TrimSpace(a.City) == "" {
		p.add("adres %s onvolledig (straat, postcode en plaats)", role)
	}
}

// Country returns the address's ISO country code, "NL" when empty.
func Country(a domain.Address) string {
	c := strings.ToUpper(strings.TrimSpace(a.Country))
	if c == "" {
		return "NL"
	}
	return c
}

// Placements lists the distinct placement numbers of the lines in order.
func (inv *Invoice) Placements() []string {
	return distinct(inv.Lines, func(l *Line) string { return l.Placement })
}

// WorkDescription describes the work invoiced: the distinct functions of the lines.
func (inv *Invoice) WorkDescription() string {
	return strings.Join(distinct(inv.Lines, func(l *Line) string { return l.Function }), ", ")
}

func distinct(lines []*Line, f func(*Line) string) []string {
	seen := map[string]bool{}
	var out []string
	for _, l := range lines {
		if l == nil {
			continue
		}
		if s := strings.TrimSpace(f(l)); s != "" && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// Notes are the texts every rendering of the document must show besides the
// lines and totals: reverse charge, period, work and contract references (the
// hirer's safeguard), the payment split, and for a credit note the invoice it
// corrects. The free Note comes last.
func (inv *Invoice) Notes() []string {
	var out []string
	if inv.IsCredit() && inv.BillingReference != "" {
		out = append(out, "Creditnota op factuur "+inv.BillingReference+".")
	}
	if inv.ReverseCharge {
		out = append(out, ReverseChargeText+"; btw-identificatienummer afnemer "+inv.Customer.VATID+".")
	}
	if !inv.PeriodStart.IsZero() {
		s := "Periode " + fmtDate(inv.PeriodStart) + " t/m " + fmtDate(inv.PeriodEnd)
		if inv.Period.Kind != "" {
			s += " (" + inv.Period.String() + ")"
		}
		out = append(out, s+".")
	}
	if w := inv.WorkDescription(); w != "" {
		out = append(out, "Werkzaamheden: "+w+".")
	}
	if pl := inv.Placements(); len(pl) > 0 {
		out = append(out, "Plaatsing (contract): "+strings.Join(pl, ", ")+".")
	}
	switch {
	case inv.HasGShare() && inv.IsCredit():
		out = append(out, fmt.Sprintf("Verdeling van de creditering: %s G-rekeningdeel (%s %%) en %s overig deel.",
			domain.FormatEuro(inv.GAmount), inv.GSharePercent, domain.FormatEuro(inv.RegularAmount)))
	case inv.HasGShare():
		out = append(out, fmt.Sprintf("Te betalen: %s op G-rekening %s en %s op rekening %s, onder vermelding van het factuurnummer.",
			domain.FormatEuro(inv.GAmount), domain.FormatIBAN(inv.GIBAN),
			domain.FormatEuro(inv.RegularAmount), domain.FormatIBAN(inv.IBAN)))
	}
	if n := strings.TrimSpace(inv.Note); n != "" {
		out = append(out, n)
	}
	return out
}

// GNote is the payment-term text of the G-rekening part, which states the
// percentage so that a reader of the document can recompute the split.
func (inv *Invoice) GNote() string {
	return fmt.Sprintf("G-rekening: %s %% van %s", inv.GSharePercent.String(), domain.FormatEuro(inv.Payable))
}

func fmtDate(t time.Time) string { return t.Format("02-01-2006") }

// HourTypeName is the Dutch description of an hour type on an invoice line.
func HourTypeName(t domain.HourType) string {
	switch t {
	case domain.HourNormal:
		return "Normale uren"
	case domain.HourOvertime125:
		return "Overwerk 125 %"
	case domain.HourOvertime150:
		return "Overwerk 150 %"
	case domain.HourOvertime200:
		return "Overwerk 200 %"
	case domain.HourShift:
		return "Uren met onregelmatigheidstoeslag"
	case domain.HourHoliday:
		return "Feestdaguren"
	case domain.HourVacation:
		return "Vakantie-uren"
	case domain.HourSick:
		return "Ziekte-uren"
	case domain.HourKilometres:
		return "Kilometers"
	case domain.HourExpenses:
		return "Doorbelaste onkosten"
	}
	return string(t)
}
