// Package invoicetest holds fixed and random invoice data for tests of the
// invoice model and its exporters. It is pure and only imported by tests.
package invoicetest

import (
	"math/rand/v2"
	"time"

	"github.com/shopspring/decimal"

	"verloner/domain"
	"verloner/domain/invoice"
)

var d = domain.MustDec

// Hirer IDs of the fixture.
const (
	HirerLogistics    int64 = 1 // 21 % VAT, G-rekening default 25 %, two placements in two cost centres
	HirerConstruction int64 = 2 // btw verlegd, G-rekening default 20 %
	HirerFood         int64 = 3 // 21 % VAT, invoiced without G-rekening share
)

// Data is a small administration with one week of approved hours.
type Data struct {
	Agency     *domain.Agency
	Hirers     map[int64]*domain.Hirer
	Placements map[int64]*domain.Placement
	Workers    map[int64]*domain.Worker
	Lines      []*domain.HourLine
	Period     domain.Period
}

// IssueDate is the invoice date the tests finalise with.
var IssueDate = domain.Date(2026, time.November, 24)

// Week47 returns the fixture: ISO week 2026-W47 (16–22 November 2026).
func Week47() *Data {
	ag := &domain.Agency{
		Name:    "Flexwerk Zuid B.V.",
		Address: domain.Address{Street: "Spoorlaan 350", PostalCode: "5038 CC", City: "Tilburg", Country: "NL"},
		KvK:     "18123456", VATID: "NL859123456B01",
		IBAN: "NL67INGB0006543210", GIBAN: "NL75INGB0990001234",
		Email: "backoffice@flexwerkzuid.example", Phone: "013-5550100",
		Sector: 52, EmployerSize: domain.SmallEmployer, Frequency: domain.Weekly,
	}
	hirers := map[int64]*domain.Hirer{
		HirerLogistics: {ID: HirerLogistics, Number: "INL01", Name: "Brabant Logistiek B.V.",
			Address: domain.Address{Street: "Distributieweg 12", PostalCode: "5047 TK", City: "Tilburg"},
			KvK:     "17123456", VATID: "NL812345678B01", InvoiceEmail: "crediteuren@brabantlogistiek.example",
			PaymentTermDays: 14},
		HirerConstruction: {ID: HirerConstruction, Number: "INL04", Name: "Bouwbedrijf De Hoeksteen B.V.",
			Address: domain.Address{Street: "Industrieweg 7", PostalCode: "4761 RB", City: "Zevenbergen", Country: "NL"},
			KvK:     "20345678", VATID: "NL834567890B01", InvoiceEmail: "facturen@hoeksteen.example",
			PaymentTermDays: 30, ReverseCharge: true},
		HirerFood: {ID: HirerFood, Number: "INL02", Name: "Maasvlakte Foodprocessing B.V.",
			Address: domain.Address{Street: "Havenstraat 88", PostalCode: "3199 LB", City: "Rotterdam", Country: "NL"},
			KvK:     "24234567", VATID: "NL823456789B01", ContactEmail: "facturen@maasfood.example",
			PaymentTermDays: 30},
	}
	workers := map[int64]*domain.Worker{
		11: {ID: 11, Number: "1001", FirstName: "Jan", Prefix: "de", LastName: "Vries"},
		12: {ID: 12, Number: "1002", FirstName: "Anna", LastName: "Kowalska"},
		13: {ID: 13, Number: "1003", FirstName: "Piotr", LastName: "Nowak"},
		14: {ID: 14, Number: "1004", FirstName: "Sanne", LastName: "Bakker"},
	}
	rates := func(rs ...string) []domain.HourTypeRate {
		var out []domain.HourTypeRate
		for i := 0; i+2 < len(rs); i += 3 {
			out = append(out, domain.HourTypeRate{Type: domain.HourType(rs[i]), PayPercent: d(rs[i+1]), BillPercent: d(rs[i+2])})
		}
		return out
	}
	start := domain.Date(2026, time.January, 5)
	placements := map[int64]*domain.Placement{
		101: {ID: 101, Number: "PL0501", WorkerID: 11, HirerID: HirerLogistics, Function: "Orderpicker",
			CostCentre: "DC-Noord", Start: start, HourlyWage: d("15.85"), BillingRate: d("27.90"),
			Rates: rates("NORM", "100", "100", "OW125", "125", "125", "ORT", "130", "135"), TravelPerKm: d("0.23")},
		102: {ID: 102, Number: "PL0502", WorkerID: 12, HirerID: HirerLogistics, Function: "Reachtruckchauffeur",
			CostCentre: "DC-Zuid", Start: start, HourlyWage: d("17.10"), BillingRate: d("29.45"),
			Rates: rates("NORM", "100", "100", "OW150", "150", "150", "DECL", "100", "100")},
		103: {ID: 103, Number: "PL0601", WorkerID: 13, HirerID: HirerConstruction, Function: "Timmerman",
			CostCentre: "Project Haven", Start: start, HourlyWage: d("21.40"), BillingRate: d("38.75"),
			Rates: rates("NORM", "100", "100", "OW125", "125", "125"), TravelPerKm: d("0.25")},
		104: {ID: 104, Number: "PL0701", WorkerID: 14, HirerID: HirerFood, Function: "Productiemedewerker",
			Start: start, HourlyWage: d("14.99"), BillingRate: d("24.60"),
			Rates: rates("NORM", "100", "100", "ORT", "115", "120")},
	}
	var lines []*domain.HourLine
	add := func(pl int64, day int, typ domain.HourType, qty string) {
		lines = append(lines, &domain.HourLine{ID: int64(len(lines) + 1), PlacementID: pl,
			Date: domain.Date(2026, time.November, day), Type: typ, Quantity: d(qty), Status: domain.HoursApproved})
	}
	for day := 16; day <= 20; day++ { // Monday–Friday
		add(101, day, domain.HourNormal, "7.5")
		add(102, day, domain.HourNormal, "8")
		add(103, day, domain.HourNormal, "8")
		add(104, day, domain.HourNormal, "7.75")
	}
	add(101, 17, domain.HourShift, "2.25")
	add(101, 18, domain.HourShift, "2.25")
	add(101, 19, domain.HourOvertime125, "1.5")
	add(101, 16, domain.HourKilometres, "37")
	add(101, 20, domain.HourKilometres, "37")
	add(102, 21, domain.HourOvertime150, "4.25")
	add(102, 19, domain.HourExpenses, "18.40") // parking, re-billed
	add(103, 20, domain.HourOvertime125, "2")
	add(103, 16, domain.HourKilometres, "112")
	add(104, 19, domain.HourShift, "3.5")
	add(104, 20, domain.HourShift, "3.5")
	add(104, 18, domain.HourSick, "7.75") // not agreed: not billed
	return &Data{Agency: ag, Hirers: hirers, Placements: placements, Workers: workers, Lines: lines,
		Period: domain.Period{Kind: domain.Weekly, Year: 2026, Number: 47}}
}

// Build runs invoice.FromHours for one hirer of the fixture.
func (x *Data) Build(hirer int64, opt invoice.Options) ([]*invoice.Invoice, error) {
	return invoice.FromHours(x.Agency, x.Hirers[hirer], x.Placements, x.Workers, x.Lines, x.Period, opt)
}

// Random returns a computed, finalised invoice with random lines, rates,
// percentages, VAT treatment and G share, for property tests.
func Random(r *rand.Rand, seq int) *invoice.Invoice {
	x := Week47()
	h := x.Hirers[HirerLogistics]
	reverse := r.IntN(3) == 0
	inv := &invoice.Invoice{
		Type:        invoice.CommercialInvoice,
		PeriodStart: x.Period.Start(), PeriodEnd: x.Period.End(), Period: x.Period,
		Supplier: invoice.SupplierParty(x.Agency), Customer: invoice.CustomerParty(h), HirerID: h.ID,
		ReverseCharge: reverse, IBAN: x.Agency.IBAN, PaymentTermDays: r.IntN(61),
	}
	switch r.IntN(3) { // NLCIUS wants at least one of the two (BR-NL-2)
	case 0:
		inv.BuyerReference = "KP-" + decimal.NewFromInt(int64(r.IntN(1000))).String()
	case 1:
		inv.OrderReference = "PO-" + decimal.NewFromInt(int64(r.IntN(100000))).String()
	default:
		inv.BuyerReference = "KP-" + decimal.NewFromInt(int64(r.IntN(1000))).String()
		inv.OrderReference = "PO-" + decimal.NewFromInt(int64(r.IntN(100000))).String()
	}
	switch r.IntN(4) {
	case 0: // no G share
	case 1:
		inv.GSharePercent = invoice.GShareDefault
	case 2:
		inv.GSharePercent = invoice.GShareReverseCharge
	default:
		inv.GSharePercent = decimal.New(int64(1+r.IntN(10000)), -2) // 0.01 … 100.00
	}
	if inv.GSharePercent.IsPositive() {
		inv.GIBAN = x.Agency.GIBAN
	}
	types := []domain.HourType{domain.HourNormal, domain.HourOvertime125, domain.HourOvertime150,
		domain.HourShift, domain.HourKilometres, domain.HourExpenses}
	pcts := []string{"100", "125", "130", "135", "150", "200"}
	n := 1 + r.IntN(40)
	for i := 0; i < n; i++ {
		t := types[r.IntN(len(types))]
		l := &invoice.Line{Placement: "PL" + decimal.NewFromInt(int64(500+r.IntN(50))).String(),
			Worker: "Uitzendkracht " + decimal.NewFromInt(int64(i)).String(), Function: "Functie",
			Type: t, Description: invoice.HourTypeName(t), Unit: invoice.UnitHour}
		switch t {
		case domain.HourKilometres:
			l.Unit, l.Quantity, l.Rate = invoice.UnitKm, decimal.NewFromInt(int64(1+r.IntN(400))), decimal.New(int64(19+r.IntN(20)), -2)
		case domain.HourExpenses:
			l.Unit, l.Quantity, l.Rate = invoice.UnitPiece, decimal.New(int64(1+r.IntN(50000)), -2), domain.One
		default:
			l.Quantity = decimal.New(int64(1+r.IntN(6000)), -2) // 0.01 … 60.00 hours
			if r.IntN(4) == 0 {
				l.Quantity = decimal.New(int64(1+r.IntN(240)), 0).Div(decimal.NewFromInt(4)) // quarter hours
			}
			l.Rate = decimal.New(int64(1+r.IntN(15000)), -2) // 0.01 … 150.00
			if r.IntN(5) == 0 {
				l.Rate = decimal.New(int64(1+r.IntN(1500000)), -4) // four decimals
			}
		}
		l.BillPercent = domain.MustDec(pcts[r.IntN(len(pcts))])
		if r.IntN(5) == 0 {
			l.BillPercent = decimal.New(int64(5000+r.IntN(20000)), -2) // 50.00 … 249.99
		}
		if reverse {
			l.VATCategory, l.VATRate = invoice.VATReverseCharge, domain.Zero
		} else {
			l.VATCategory, l.VATRate = invoice.VATStandard, invoice.StandardVATRate
		}
		inv.Lines = append(inv.Lines, l)
	}
	inv.Compute()
	if err := inv.Finalise(invoice.SeriesFor(IssueDate).Format(seq), IssueDate); err != nil {
		panic(err)
	}
	return inv
}
