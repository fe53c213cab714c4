package invoice_test

import (
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"verloner/domain"
	"verloner/domain/invoice"
	"verloner/domain/invoice/invoicetest"
)

var d = domain.MustDec

func build(t *testing.T, x *invoicetest.Data, hirer int64, opt invoice.Options) []*invoice.Invoice {
	t.Helper()
	invs, err := x.Build(hirer, opt)
	if err != nil {
		t.Fatalf("FromHours: %v", err)
	}
	return invs
}

func eq(t *testing.T, what string, got decimal.Decimal, want string) {
	t.Helper()
	if !got.Equal(d(want)) {
		t.Errorf("%s = %s, want %s", what, got.StringFixed(2), want)
	}
}

func TestLineAmountRounding(t *testing.T) {
	cases := []struct{ qty, rate, pct, want string }{
		{"7.5", "27.90", "100", "209.25"},
		{"1.5", "27.90", "125", "52.31"},   // 52.3125
		{"4.5", "27.90", "135", "169.49"},  // 169.4925
		{"4.25", "29.45", "150", "187.74"}, // 187.74375
		{"2", "38.75", "125", "96.88"},     // 96.875: half away from zero
		{"-2", "38.75", "125", "-96.88"},   // correction line: symmetric
		{"0.5", "0.01", "100", "0.01"},     // 0.005
		{"3", "33.3333", "100", "100.00"},  // 99.9999
	}
	for _, c := range cases {
		if got := invoice.LineAmount(d(c.qty), d(c.rate), d(c.pct)); !got.Equal(d(c.want)) {
			t.Errorf("LineAmount(%s, %s, %s) = %s, want %s", c.qty, c.rate, c.pct, got, c.want)
		}
	}
	l := &invoice.Line{Rate: d("27.90"), BillPercent: d("135")}
	eq(t, "UnitPrice", l.UnitPrice(), "37.665") // not rounded
}

// TestVATOncePerRate shows the rule against line-sum drift: three lines of
// 11.50 have 2.415 VAT each, 2.42 when rounded per line (7.26 together); the
// VAT on the total 34.50 is 7.245 → 7.25.
func TestVATOncePerRate(t *testing.T) {
	inv := sample()
	inv.Lines = nil
	for i := 0; i < 3; i++ {
		inv.Lines = append(inv.Lines, &invoice.Line{Placement: "PL1", Description: "Normale uren", Type: domain.HourNormal,
			Quantity: d("0.5"), Unit: invoice.UnitHour, Rate: d("23.00"), BillPercent: d("100"),
			VATCategory: invoice.VATStandard, VATRate: invoice.StandardVATRate})
	}
	inv.Compute()
	perLine := domain.Zero
	for _, l := range inv.Lines {
		perLine = perLine.Add(invoice.VATAmount(l.Amount, l.VATRate))
	}
	eq(t, "Σ per-line VAT (not used)", perLine, "7.26")
	eq(t, "net", inv.NetTotal, "34.50")
	eq(t, "VAT", inv.VATTotal, "7.25")
	eq(t, "payable", inv.Payable, "41.75")
	if len(inv.VATBreakdown) != 1 {
		t.Fatalf("breakdown %+v", inv.VATBreakdown)
	}
	if err := inv.Validate(); err != nil {
		t.Fatal(err)
	}
	inv.VATBreakdown[0].VAT, inv.VATTotal, inv.Payable = d("7.26"), d("7.26"), d("41.76")
	inv.GAmount, inv.RegularAmount = invoice.SplitG(inv.Payable, inv.GSharePercent)
	if err := inv.Validate(); err == nil || !strings.Contains(err.Error(), "btw S 21") {
		t.Errorf("per-line VAT accepted: %v", err)
	}
}

func TestGShareRounding(t *testing.T) {
	cases := []struct{ payable, pct, g, regular string }{
		{"771.98", "25", "193.00", "578.98"}, // SETU G-account example: 192.995
		{"100.01", "25", "25.01", "75.00"},   // 25.0025: up, never below 25 %
		{"100.00", "25", "25.00", "75.00"},
		{"123.45", "20", "24.69", "98.76"},
		{"1674.88", "20", "334.98", "1339.90"}, // 334.976
		{"1000.00", "33.33", "333.30", "666.70"},
		{"0.01", "25", "0.01", "0.00"},
		{"500.00", "0", "0", "500.00"},
		{"500.00", "100", "500.00", "0.00"},
	}
	for _, c := range cases {
		g, reg := invoice.SplitG(d(c.payable), d(c.pct))
		if !g.Equal(d(c.g)) || !reg.Equal(d(c.regular)) {
			t.Errorf("SplitG(%s, %s %%) = %s + %s, want %s + %s", c.payable, c.pct, g, reg, c.g, c.regular)
		}
		if !g.Add(reg).Equal(d(c.payable)) {
			t.Errorf("SplitG(%s): parts do not add up", c.payable)
		}
	}
}

func TestFromHoursPerHirer(t *testing.T) {
	x := invoicetest.Week47()
	invs := build(t, x, invoicetest.HirerLogistics, invoice.Options{})
	if len(invs) != 1 {
		t.Fatalf("%d invoices, want 1", len(invs))
	}
	inv := invs[0]
	want := []struct {
		pl   string
		typ  domain.HourType
		qty  string
		unit invoice.Unit
		amt  string
	}{
		{"PL0501", domain.HourNormal, "37.5", invoice.UnitHour, "1046.25"},
		{"PL0501", domain.HourOvertime125, "1.5", invoice.UnitHour, "52.31"},
		{"PL0501", domain.HourShift, "4.5", invoice.UnitHour, "169.49"},
		{"PL0501", domain.HourKilometres, "74", invoice.UnitKm, "17.02"},
		{"PL0502", domain.HourNormal, "40", invoice.UnitHour, "1178.00"},
		{"PL0502", domain.HourOvertime150, "4.25", invoice.UnitHour, "187.74"},
		{"PL0502", domain.HourExpenses, "18.40", invoice.UnitPiece, "18.40"},
	}
	if len(inv.Lines) != len(want) {
		t.Fatalf("%d lines, want %d", len(inv.Lines), len(want))
	}
	for i, w := range want {
		l := inv.Lines[i]
		if l.Placement != w.pl || l.Type != w.typ || !l.Quantity.Equal(d(w.qty)) || l.Unit != w.unit || !l.Amount.Equal(d(w.amt)) {
			t.Errorf("line %d = %s %s %s %s %s, want %+v", i+1, l.Placement, l.Type, l.Quantity, l.Unit, l.Amount, w)
		}
		if l.VATCategory != invoice.VATStandard || !l.VATRate.Equal(d("21")) {
			t.Errorf("line %d VAT %s %s", i+1, l.VATCategory, l.VATRate)
		}
	}
	if inv.Lines[0].Worker != "Jan de Vries" || inv.Lines[0].Function != "Orderpicker" || inv.Lines[0].CostCentre != "DC-Noord" {
		t.Errorf("line 1 worker/function/cost centre: %+v", inv.Lines[0])
	}
	eq(t, "net", inv.NetTotal, "2669.21")
	eq(t, "VAT", inv.VATTotal, "560.53") // 560.5341
	eq(t, "payable", inv.Payable, "3229.74")
	eq(t, "G %", inv.GSharePercent, "25")
	eq(t, "G", inv.GAmount, "807.44") // 807.435
	eq(t, "regular", inv.RegularAmount, "2422.30")
	if inv.GIBAN != x.Agency.GIBAN || inv.IBAN != x.Agency.IBAN {
		t.Errorf("accounts %s %s", inv.IBAN, inv.GIBAN)
	}
	if inv.ContractReference != "" || inv.BuyerReference != "INL01" {
		t.Errorf("two placements, two cost centres: contract %q buyer ref %q", inv.ContractReference, inv.BuyerReference)
	}
	if inv.Number != "" || !inv.IssueDate.IsZero() {
		t.Errorf("draft has number/date")
	}
	if !inv.PeriodStart.Equal(domain.Date(2026, 11, 16)) || !inv.PeriodEnd.Equal(domain.Date(2026, 11, 22)) {
		t.Errorf("period %v – %v", inv.PeriodStart, inv.PeriodEnd)
	}
	notes := strings.Join(inv.Notes(), "\n")
	for _, s := range []string{"Periode 16-11-2026 t/m 22-11-2026 (2026-W47)", "Werkzaamheden: Orderpicker, Reachtruckchauffeur",
		"Plaatsing (contract): PL0501, PL0502", "€ 807,44 op G-rekening NL75 INGB 0990 0012 34", "€ 2.422,30 op rekening"} {
		if !strings.Contains(notes, s) {
			t.Errorf("notes lack %q:\n%s", s, notes)
		}
	}
	if err := inv.Finalise("2026-000001", invoicetest.IssueDate); err != nil {
		t.Fatal(err)
	}
	if !inv.DueDate.Equal(domain.Date(2026, 12, 8)) {
		t.Errorf("due date %v, want 14 days after 24-11-2026", inv.DueDate)
	}
}

func TestFromHoursGroupings(t *testing.T) {
	x := invoicetest.Week47()
	all := build(t, x, invoicetest.HirerLogistics, invoice.Options{})[0]
	for _, g := range []invoice.Grouping{invoice.PerCostCentre, invoice.PerPlacement} {
		invs := build(t, x, invoicetest.HirerLogistics, invoice.Options{Grouping: g})
		if len(invs) != 2 {
			t.Fatalf("grouping %d: %d invoices", g, len(invs))
		}
		net, lines := domain.Zero, 0
		for _, inv := range invs {
			net = net.Add(inv.NetTotal)
			lines += len(inv.Lines)
			if len(inv.Placements()) != 1 {
				t.Errorf("grouping %d: placements %v", g, inv.Placements())
			}
		}
		if !net.Equal(all.NetTotal) || lines != len(all.Lines) {
			t.Errorf("grouping %d: net %s over %d lines, want %s over %d", g, net, lines, all.NetTotal, len(all.Lines))
		}
		if invs[0].BuyerReference != "DC-Noord" || invs[1].BuyerReference != "DC-Zuid" {
			t.Errorf("grouping %d: buyer references %q %q", g, invs[0].BuyerReference, invs[1].BuyerReference)
		}
		if invs[0].ContractReference != "PL0501" || invs[1].ContractReference != "PL0502" {
			t.Errorf("grouping %d: contract references %q %q", g, invs[0].ContractReference, invs[1].ContractReference)
		}
	}
	invs := build(t, x, invoicetest.HirerLogistics, invoice.Options{BuyerReference: "AFD-12", OrderReference: "PO-4711",
		ContractReference: "RC-2026-01", IssueDate: invoicetest.IssueDate})
	if invs[0].BuyerReference != "AFD-12" || invs[0].OrderReference != "PO-4711" || invs[0].ContractReference != "RC-2026-01" || !invs[0].DueDate.Equal(domain.Date(2026, 12, 8)) {
		t.Errorf("options not applied: %q %q %v", invs[0].BuyerReference, invs[0].ContractReference, invs[0].DueDate)
	}
}

func TestFromHoursReverseCharge(t *testing.T) {
	x := invoicetest.Week47()
	inv := build(t, x, invoicetest.HirerConstruction, invoice.Options{})[0]
	for _, l := range inv.Lines {
		if l.VATCategory != invoice.VATReverseCharge || !l.VATRate.IsZero() {
			t.Errorf("line %s %s: %s %s", l.Placement, l.Type, l.VATCategory, l.VATRate)
		}
	}
	eq(t, "net", inv.NetTotal, "1674.88")
	eq(t, "VAT", inv.VATTotal, "0")
	eq(t, "payable", inv.Payable, "1674.88")
	eq(t, "G %", inv.GSharePercent, "20")
	eq(t, "G", inv.GAmount, "334.98")
	eq(t, "regular", inv.RegularAmount, "1339.90")
	if inv.ContractReference != "PL0601" || inv.BuyerReference != "Project Haven" {
		t.Errorf("refs %q %q", inv.ContractReference, inv.BuyerReference)
	}
	if len(inv.VATBreakdown) != 1 || inv.VATBreakdown[0].Category != invoice.VATReverseCharge ||
		inv.VATBreakdown[0].ExemptionReason() != "Btw verlegd" {
		t.Errorf("breakdown %+v", inv.VATBreakdown)
	}
	if !strings.Contains(strings.Join(inv.Notes(), " "), "Btw verlegd; btw-identificatienummer afnemer NL834567890B01") {
		t.Errorf("notes %q", inv.Notes())
	}
	x.Hirers[invoicetest.HirerConstruction].VATID = ""
	if _, err := x.Build(invoicetest.HirerConstruction, invoice.Options{}); err == nil || !strings.Contains(err.Error(), "btw verlegd") {
		t.Errorf("reverse charge without customer VAT id: %v", err)
	}
	// An agreed percentage overrides the statutory 20 %.
	x = invoicetest.Week47()
	x.Hirers[invoicetest.HirerConstruction].GSharePercent = d("35")
	inv = build(t, x, invoicetest.HirerConstruction, invoice.Options{})[0]
	eq(t, "agreed G", inv.GAmount, "586.21") // 586.208
}

func TestFromHoursNoGShare(t *testing.T) {
	x := invoicetest.Week47()
	inv := build(t, x, invoicetest.HirerFood, invoice.Options{NoGShare: true})[0]
	eq(t, "net", inv.NetTotal, "1159.89") // sick hours not billed
	eq(t, "VAT", inv.VATTotal, "243.58")  // 243.5769
	eq(t, "G", inv.GAmount, "0")
	eq(t, "regular", inv.RegularAmount, "1403.47")
	if inv.GIBAN != "" || inv.HasGShare() || len(inv.Lines) != 2 {
		t.Errorf("GIBAN %q, %d lines", inv.GIBAN, len(inv.Lines))
	}
	// An agency without a G-rekening invoices without G share by default …
	x.Agency.GIBAN = ""
	inv = build(t, x, invoicetest.HirerFood, invoice.Options{})[0]
	if inv.HasGShare() {
		t.Error("G share without G-rekening")
	}
	// … but an agreed G share without a G-rekening is an error.
	x.Hirers[invoicetest.HirerFood].GSharePercent = d("25")
	if _, err := x.Build(invoicetest.HirerFood, invoice.Options{}); err == nil {
		t.Error("agreed G share accepted without G-rekening")
	}
}

func TestFromHoursRefuses(t *testing.T) {
	cases := []struct {
		name   string
		change func(x *invoicetest.Data)
		opt    invoice.Options
		want   string
	}{
		{"unapproved", func(x *invoicetest.Data) { x.Lines[0].Status = domain.HoursImported }, invoice.Options{}, "niet goedgekeurd"},
		{"unknown placement", func(x *invoicetest.Data) { x.Lines[0].PlacementID = 999 }, invoice.Options{}, "plaatsing 999 onbekend"},
		{"outside placement", func(x *invoicetest.Data) { x.Placements[101].End = domain.Date(2026, 11, 17) }, invoice.Options{}, "valt buiten plaatsing PL0501"},
		{"unknown worker", func(x *invoicetest.Data) { delete(x.Workers, 11) }, invoice.Options{}, "uitzendkracht 11 onbekend"},
		{"no km rate", func(x *invoicetest.Data) { x.Placements[101].TravelPerKm = domain.Zero }, invoice.Options{}, "kilometertarief"},
		{"no billing rate", func(x *invoicetest.Data) { x.Placements[102].BillingRate = domain.Zero }, invoice.Options{}, "geen uurtarief"},
		{"bad IBAN", func(x *invoicetest.Data) { x.Agency.IBAN = "NL92ABNA0417164300" }, invoice.Options{}, "controlegetal"},
		{"bad G IBAN", func(x *invoicetest.Data) { x.Agency.GIBAN = "NL15ABNA00000000000" }, invoice.Options{}, "G-rekening"},
		{"no supplier VAT id", func(x *invoicetest.Data) { x.Agency.VATID = "" }, invoice.Options{}, "btw-identificatienummer van het uitzendbureau"},
		{"no customer address", func(x *invoicetest.Data) { x.Hirers[1].Address.City = "" }, invoice.Options{}, "adres afnemer"},
	}
	for _, c := range cases {
		x := invoicetest.Week47()
		c.change(x)
		_, err := x.Build(invoicetest.HirerLogistics, c.opt)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want %q", c.name, err, c.want)
		} else if domain.ErrorCode(err) != domain.EINVALID {
			t.Errorf("%s: code %s", c.name, domain.ErrorCode(err))
		}
	}
	// Skipped or ignored lines.
	x := invoicetest.Week47()
	x.Lines[0].Status = domain.HoursImported
	x.Lines[4].Status = domain.HoursVoid
	x.Lines = append(x.Lines, &domain.HourLine{PlacementID: 101, Date: domain.Date(2026, 11, 23), Type: domain.HourNormal,
		Quantity: d("8"), Status: domain.HoursApproved}) // next week
	inv := build(t, x, invoicetest.HirerLogistics, invoice.Options{SkipUnapproved: true})[0]
	if !inv.Lines[0].Quantity.Equal(d("22.5")) { // 37.5 − 7.5 imported − 7.5 void
		t.Errorf("normal hours %s, want 22.5", inv.Lines[0].Quantity)
	}
	// No billable hours: no invoice.
	invs, err := invoice.FromHours(x.Agency, x.Hirers[1], x.Placements, x.Workers, nil, x.Period, invoice.Options{})
	if err != nil || len(invs) != 0 {
		t.Errorf("no hours: %v %v", invs, err)
	}
}

func TestHourLineBillPercentWins(t *testing.T) {
	x := invoicetest.Week47()
	for _, l := range x.Lines {
		if l.PlacementID == 101 && l.Type == domain.HourNormal && l.Date.Day() == 16 {
			l.BillPercent = d("110")
		}
	}
	inv := build(t, x, invoicetest.HirerLogistics, invoice.Options{})[0]
	var got []string
	for _, l := range inv.Lines[:2] {
		got = append(got, l.Quantity.String()+"@"+l.BillPercent.String())
	}
	if strings.Join(got, " ") != "30@100 7.5@110" {
		t.Errorf("lines %v", got)
	}
}

// sample is a valid, finalised invoice to mutate.
func sample() *invoice.Invoice {
	x := invoicetest.Week47()
	invs, err := x.Build(invoicetest.HirerLogistics, invoice.Options{})
	if err != nil {
		panic(err)
	}
	if err := invs[0].Finalise("2026-000042", invoicetest.IssueDate); err != nil {
		panic(err)
	}
	return invs[0]
}

func TestValidateCatches(t *testing.T) {
	cent := d("0.01")
	cases := []struct {
		name   string
		change func(inv *invoice.Invoice)
		want   string
	}{
		{"line amount", func(inv *invoice.Invoice) { inv.Lines[1].Amount = inv.Lines[1].Amount.Add(cent) }, "regel 2: bedrag"},
		{"line quantity", func(inv *invoice.Invoice) { inv.Lines[0].Quantity = d("38") }, "regel 1: bedrag"},
		{"net", func(inv *invoice.Invoice) { inv.NetTotal = inv.NetTotal.Sub(cent) }, "som van de regels"},
		{"VAT subtotal", func(inv *invoice.Invoice) { inv.VATBreakdown[0].VAT = inv.VATBreakdown[0].VAT.Add(cent) }, "btw S 21"},
		{"VAT total", func(inv *invoice.Invoice) { inv.VATTotal = inv.VATTotal.Add(cent) }, "btw-totaal"},
		{"payable", func(inv *invoice.Invoice) { inv.Payable = inv.Payable.Add(cent) }, "te betalen"},
		{"G part", func(inv *invoice.Invoice) { inv.GAmount = inv.GAmount.Sub(cent) }, "betaalsplitsing"},
		{"G split sum", func(inv *invoice.Invoice) {
			inv.GAmount, inv.RegularAmount = inv.GAmount.Add(cent), inv.RegularAmount.Add(cent)
		}, "≠ te betalen"},
		{"G percent", func(inv *invoice.Invoice) { inv.GSharePercent = d("30") }, "betaalsplitsing"},
		{"IBAN", func(inv *invoice.Invoice) { inv.IBAN = "NL68INGB0006543210" }, "controlegetal"},
		{"G IBAN missing", func(inv *invoice.Invoice) { inv.GIBAN = "" }, "G-rekening: IBAN ontbreekt"},
		{"G IBAN same", func(inv *invoice.Invoice) { inv.GIBAN = inv.IBAN }, "dezelfde rekening"},
		{"no lines", func(inv *invoice.Invoice) { inv.Lines = nil }, "geen factuurregels"},
		{"zero quantity", func(inv *invoice.Invoice) { inv.Lines[0].Quantity = domain.Zero; inv.Compute() }, "aantal is 0"},
		{"negative total", func(inv *invoice.Invoice) {
			inv.Lines[0].Quantity = d("-200")
			inv.Compute()
		}, "gebruik een creditnota"},
		{"reverse charge flag", func(inv *invoice.Invoice) { inv.ReverseCharge = true }, "btw verlegd, maar"},
		{"VAT category", func(inv *invoice.Invoice) { inv.Lines[0].VATCategory = invoice.VATReverseCharge; inv.Compute() }, "btw-categorie AE"},
		{"supplier VAT id", func(inv *invoice.Invoice) { inv.Supplier.VATID = " " }, "btw-identificatienummer van het uitzendbureau"},
		{"customer name", func(inv *invoice.Invoice) { inv.Customer.Name = "" }, "naam afnemer"},
		{"period", func(inv *invoice.Invoice) { inv.PeriodEnd = time.Time{} }, "periode"},
		{"period order", func(inv *invoice.Invoice) { inv.PeriodEnd = inv.PeriodStart.AddDate(0, 0, -1) }, "periode eindigt"},
		{"number", func(inv *invoice.Invoice) { inv.Number = "2026-1" }, "2026-000001"},
		{"due date", func(inv *invoice.Invoice) { inv.DueDate = inv.IssueDate.AddDate(0, 0, -1) }, "vervaldatum"},
		{"billing ref on invoice", func(inv *invoice.Invoice) { inv.BillingReference = "2026-000001" }, "creditnota"},
		{"credit without ref", func(inv *invoice.Invoice) { inv.Type = invoice.CreditNote }, "zonder verwijzing"},
		{"doc type", func(inv *invoice.Invoice) { inv.Type = "384" }, "documenttype"},
		{"unit", func(inv *invoice.Invoice) { inv.Lines[0].Unit = "DAY" }, "eenheid"},
	}
	if err := sample().ValidateFinal(); err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		inv := sample()
		c.change(inv)
		err := inv.ValidateFinal()
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want %q", c.name, err, c.want)
		}
	}
	inv := sample()
	inv.Number = ""
	if err := inv.Validate(); err != nil {
		t.Errorf("draft without number: %v", err)
	}
	if err := inv.ValidateFinal(); err == nil {
		t.Error("final without number accepted")
	}
	if err := inv.Finalise("26-1", invoicetest.IssueDate); err == nil {
		t.Error("Finalise accepted a malformed number")
	}
}

func TestCreditNote(t *testing.T) {
	orig := sample()
	cn, err := invoice.NewCreditNote(orig, nil, "Uren dubbel gefactureerd")
	if err != nil {
		t.Fatal(err)
	}
	if cn.Type != invoice.CreditNote || cn.BillingReference != "2026-000042" || !cn.BillingReferenceDate.Equal(orig.IssueDate) {
		t.Errorf("credit note header %+v", cn)
	}
	if cn.Number != "" || !cn.IssueDate.IsZero() || !cn.DueDate.IsZero() {
		t.Error("credit note draft carries the invoice's number or dates")
	}
	for _, p := range [][2]decimal.Decimal{{cn.NetTotal, orig.NetTotal}, {cn.VATTotal, orig.VATTotal},
		{cn.Payable, orig.Payable}, {cn.GAmount, orig.GAmount}, {cn.RegularAmount, orig.RegularAmount}} {
		if !p[0].Equal(p[1]) {
			t.Errorf("full credit %s ≠ invoice %s", p[0], p[1])
		}
	}
	if !cn.SignedPayable().Equal(orig.Payable.Neg()) {
		t.Errorf("signed payable %s", cn.SignedPayable())
	}
	cn.Lines[0].Quantity = d("1") // the copy is independent of the invoice
	if orig.Lines[0].Quantity.Equal(d("1")) {
		t.Fatal("credit note shares lines with the invoice")
	}
	if err := cn.Finalise("2026-000043", invoicetest.IssueDate.AddDate(0, 0, 3)); err == nil {
		t.Error("stale totals after a line change accepted")
	}
	cn.Compute()
	if err := cn.Finalise("2026-000043", invoicetest.IssueDate.AddDate(0, 0, 3)); err != nil {
		t.Fatal(err)
	}
	if !cn.DueDate.IsZero() {
		t.Error("credit note has a due date")
	}
	notes := strings.Join(cn.Notes(), "\n")
	if !strings.Contains(notes, "Creditnota op factuur 2026-000042.") || !strings.Contains(notes, "Uren dubbel gefactureerd") {
		t.Errorf("notes %q", notes)
	}
	// Partial credit of one line.
	part, err := invoice.NewCreditNote(orig, orig.Lines[1:2], "")
	if err != nil {
		t.Fatal(err)
	}
	eq(t, "partial net", part.NetTotal, "52.31")
	eq(t, "partial VAT", part.VATTotal, "10.99") // 10.9851
	if _, err := invoice.NewCreditNote(cn, nil, ""); err == nil {
		t.Error("credit note of a credit note")
	}
	draft := sample()
	draft.Number = ""
	if _, err := invoice.NewCreditNote(draft, nil, ""); err == nil {
		t.Error("credit note of a draft")
	}
}

func TestSeries(t *testing.T) {
	s := invoice.SeriesFor(invoicetest.IssueDate)
	if got := s.Format(1); got != "2026-000001" {
		t.Errorf("Format(1) = %s", got)
	}
	if got := s.Format(1234567); got != "2026-1234567" {
		t.Errorf("Format(1234567) = %s", got)
	}
	for _, c := range []struct{ last, next string }{{"", "2026-000001"}, {"2026-000001", "2026-000002"},
		{"2026-000999", "2026-001000"}, {"2026-999999", "2026-1000000"}} {
		if got, err := s.Next(c.last); err != nil || got != c.next {
			t.Errorf("Next(%q) = %q, %v; want %q", c.last, got, err, c.next)
		}
	}
	if _, err := s.Next("2025-000007"); err == nil {
		t.Error("Next across years accepted")
	}
	for _, n := range []string{"2026-000001", "2026-123456", "1999-000001", "2026-1000000"} {
		ser, seq, err := invoice.ParseNumber(n)
		if err != nil || ser.Format(seq) != n {
			t.Errorf("ParseNumber(%q) = %v %d %v", n, ser, seq, err)
		}
	}
	for _, n := range []string{"", "2026-", "2026-00001", "2026-000000", "2026/000001", "26-000001", "2026-0000001",
		"2026-00000a", " 2026-000001", "2026-000001 ", "+026-000001", "2026--00001", "0000-000001",
		"2026-99999999999999999999999"} {
		if _, _, err := invoice.ParseNumber(n); err == nil {
			t.Errorf("ParseNumber(%q) accepted", n)
		}
	}
	if c, err := invoice.CompareNumbers("2025-000900", "2026-000001"); c != -1 || err != nil {
		t.Errorf("compare across years %d %v", c, err)
	}
	if c, _ := invoice.CompareNumbers("2026-000010", "2026-000009"); c != 1 {
		t.Errorf("compare %d", c)
	}
}

// TestTotalsProperty checks the invariants on random invoices, each against
// an independent recomputation, and that a one-cent change of any total is caught.
func TestTotalsProperty(t *testing.T) {
	r := rand.New(rand.NewPCG(2026, 47))
	n := 3000
	if testing.Short() {
		n = 300
	}
	cent := d("0.01")
	for i := 1; i <= n; i++ {
		inv := invoicetest.Random(r, i)
		checkInvariants(t, inv)
		if t.Failed() {
			t.Fatalf("invoice %d", i)
		}
		mutants := []func(){
			func() { inv.NetTotal = inv.NetTotal.Add(cent) },
			func() { inv.VATBreakdown[0].VAT = inv.VATBreakdown[0].VAT.Sub(cent) },
			func() { inv.VATBreakdown[0].Taxable = inv.VATBreakdown[0].Taxable.Add(cent) },
			func() { inv.Payable = inv.Payable.Add(cent) },
			func() { inv.RegularAmount = inv.RegularAmount.Sub(cent) },
			func() { inv.GAmount = inv.GAmount.Add(cent) },
			func() { k := r.IntN(len(inv.Lines)); inv.Lines[k].Amount = inv.Lines[k].Amount.Add(cent) },
		}
		k := r.IntN(len(mutants))
		mutants[k]()
		if inv.Validate() == nil {
			t.Fatalf("invoice %d: mutation %d not caught", i, k)
		}
	}
}

func checkInvariants(t *testing.T, inv *invoice.Invoice) {
	t.Helper()
	if err := inv.ValidateFinal(); err != nil {
		t.Errorf("valid invoice refused: %v", err)
	}
	hundred := d("100")
	net := domain.Zero
	taxable := map[string]decimal.Decimal{}
	rates := map[string]decimal.Decimal{}
	for _, l := range inv.Lines {
		exact := l.Quantity.Mul(l.Rate).Mul(l.BillPercent).Div(hundred)
		if !l.Amount.Equal(l.Amount.Round(2)) || l.Amount.Sub(exact).Abs().GreaterThan(d("0.005")) {
			t.Errorf("line amount %s for exact %s", l.Amount, exact)
		}
		net = net.Add(l.Amount)
		k := string(l.VATCategory) + l.VATRate.String()
		taxable[k] = taxable[k].Add(l.Amount)
		rates[k] = l.VATRate
	}
	if !inv.NetTotal.Equal(net) {
		t.Errorf("Σ lines %s ≠ net %s", net, inv.NetTotal)
	}
	if len(inv.VATBreakdown) != len(taxable) {
		t.Errorf("%d VAT rates, want %d", len(inv.VATBreakdown), len(taxable))
	}
	vat := domain.Zero
	for _, s := range inv.VATBreakdown {
		k := string(s.Category) + s.Rate.String()
		exact := taxable[k].Mul(rates[k]).Div(hundred)
		if !s.Taxable.Equal(taxable[k]) || !s.VAT.Equal(s.VAT.Round(2)) || s.VAT.Sub(exact).Abs().GreaterThan(d("0.005")) {
			t.Errorf("VAT %s: taxable %s VAT %s, exact %s on %s", k, s.Taxable, s.VAT, exact, taxable[k])
		}
		vat = vat.Add(s.VAT)
	}
	if !inv.VATTotal.Equal(vat) || !inv.Payable.Equal(net.Add(vat)) {
		t.Errorf("VAT %s payable %s, want %s and %s", inv.VATTotal, inv.Payable, vat, net.Add(vat))
	}
	if !inv.GAmount.Add(inv.RegularAmount).Equal(inv.Payable) {
		t.Errorf("G %s + regular %s ≠ payable %s", inv.GAmount, inv.RegularAmount, inv.Payable)
	}
	exactG := inv.Payable.Mul(inv.GSharePercent).Div(hundred)
	if inv.GAmount.LessThan(exactG) || inv.GAmount.Sub(exactG).GreaterThanOrEqual(d("0.01")) || !inv.GAmount.Equal(inv.GAmount.Round(2)) {
		t.Errorf("G %s for exact %s", inv.GAmount, exactG)
	}
}
