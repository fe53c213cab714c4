package margin_test

import (
	"encoding/json"
	"math/rand"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"verloner/domain"
	"verloner/domain/margin"
	"verloner/domain/payroll"
)

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func null(s string) decimal.NullDecimal {
	if s == "" {
		return decimal.NullDecimal{}
	}
	return decimal.NewNullDecimal(dec(s))
}

var w47 = domain.Period{Kind: domain.Weekly, Year: 2026, Number: 47}

// dir has two hirers, two workers; worker 1 works for both hirers.
var dir = margin.Directory{
	Workers: map[int64]margin.Worker{1: {Number: "1001", Name: "Anna de Vries"}, 2: {Number: "1002", Name: "Jan Kowalski"}},
	Hirers:  map[int64]margin.Hirer{10: {Number: "INL01", Name: "Logistiek B.V."}, 20: {Number: "INL02", Name: "Bouw B.V."}},
	Placements: map[int64]margin.Placement{
		100: {Number: "PL100", WorkerID: 1, HirerID: 10, Function: "Orderpicker"},
		200: {Number: "PL200", WorkerID: 1, HirerID: 20, Function: "Timmerman"},
		300: {Number: "PL300", WorkerID: 2, HirerID: 10, Function: "Orderpicker"},
	},
}

// cost is a worker's cost with only wage cost and hours (gross = wage cost,
// so the components add up).
func cost(worker int64, wageCost string, hours ...margin.PaidHours) margin.Cost {
	c := margin.Cost{WorkerID: worker, Gross: dec(wageCost), WageCost: dec(wageCost), Hours: hours, Weeks: 1}
	for _, h := range hours {
		c.PaidHours = c.PaidHours.Add(h.Hours)
	}
	return c
}

func ph(placement int64, typ domain.HourType, hours string) margin.PaidHours {
	return margin.PaidHours{PlacementID: placement, Type: typ, Hours: dec(hours)}
}

// inv is an invoice line at quantity × rate × pct, amount rounded as the invoice does.
func inv(number string, placement int64, typ domain.HourType, qty, rate, pct string) margin.Revenue {
	p := dir.Placements[placement]
	unit := margin.UnitHour
	if typ == domain.HourKilometres {
		unit = margin.UnitKm
	}
	r := margin.Revenue{Invoice: number, HirerID: p.HirerID, PlacementID: placement, WorkerID: p.WorkerID, Placement: p.Number,
		Type: typ, Unit: unit, Quantity: dec(qty), Rate: dec(rate), BillPercent: dec(pct)}
	r.Amount = domain.RoundCents(r.Quantity.Mul(r.Rate).Mul(r.BillPercent).Div(domain.Hundred))
	return r
}

func credit(r margin.Revenue) margin.Revenue {
	r.Credit, r.Quantity, r.Amount = true, r.Quantity.Neg(), r.Amount.Neg()
	return r
}

func estimated(r margin.Revenue) margin.Revenue {
	r.Invoice, r.Estimated = "", true
	return r
}

type want struct {
	revenue, cost, margin, hours, perHour, pct string
	estimated, missing                         bool
}

func check(t *testing.T, what string, f margin.Figures, w want) {
	t.Helper()
	if !f.Revenue.Equal(dec(w.revenue)) || !f.WageCost.Equal(dec(w.cost)) || !f.Margin.Equal(dec(w.margin)) || !f.Hours.Equal(dec(w.hours)) {
		t.Errorf("%s: revenue %s cost %s margin %s hours %s; want %s %s %s %s", what, f.Revenue, f.WageCost, f.Margin, f.Hours,
			w.revenue, w.cost, w.margin, w.hours)
	}
	if got, exp := f.MarginPerHour, null(w.perHour); got.Valid != exp.Valid || !got.Decimal.Equal(exp.Decimal) {
		t.Errorf("%s: margin per hour %v, want %v", what, got, exp)
	}
	if got, exp := f.MarginPercent, null(w.pct); got.Valid != exp.Valid || !got.Decimal.Equal(exp.Decimal) {
		t.Errorf("%s: margin %% %v, want %v", what, got, exp)
	}
	if f.Estimated != w.estimated || f.CostMissing != w.missing {
		t.Errorf("%s: estimated %v cost missing %v, want %v %v", what, f.Estimated, f.CostMissing, w.estimated, w.missing)
	}
}

func TestCompute_Arithmetic(t *testing.T) {
	for _, tc := range []struct {
		name    string
		costs   []margin.Cost
		revenue []margin.Revenue
		total   want
	}{
		{"plain week", []margin.Cost{cost(2, "800.00", ph(300, domain.HourNormal, "40"))},
			[]margin.Revenue{inv("2026-000001", 300, domain.HourNormal, "40", "30", "100")},
			want{"1200.00", "800.00", "400.00", "40", "10.00", "33.33", false, false}},
		{"overtime billed at 125 %, cost pro rata to hours", []margin.Cost{cost(2, "900.00", ph(300, domain.HourNormal, "38"), ph(300, domain.HourOvertime125, "2"))},
			[]margin.Revenue{inv("2026-000001", 300, domain.HourNormal, "38", "27.90", "100"), inv("2026-000001", 300, domain.HourOvertime125, "2", "27.90", "125")},
			// 1060.20 + 69.75 = 1129.95; 229.95 / 40 = 5.74875; 229.95 / 1129.95 = 20.3504 %
			want{"1129.95", "900.00", "229.95", "40", "5.75", "20.35", false, false}},
		{"credit note counts negative", []margin.Cost{cost(2, "800.00", ph(300, domain.HourNormal, "40"))},
			[]margin.Revenue{inv("2026-000001", 300, domain.HourNormal, "40", "30", "100"), credit(inv("2026-000002", 300, domain.HourNormal, "10", "30", "100"))},
			want{"900.00", "800.00", "100.00", "30", "3.33", "11.11", false, false}},
		{"loss", []margin.Cost{cost(2, "800.00", ph(300, domain.HourNormal, "20"))},
			[]margin.Revenue{inv("2026-000001", 300, domain.HourNormal, "20", "25", "100")},
			want{"500.00", "800.00", "-300.00", "20", "-15.00", "-60.00", false, false}},
		{"kilometres are revenue, not hours", []margin.Cost{cost(2, "800.00", ph(300, domain.HourNormal, "40"))},
			[]margin.Revenue{inv("2026-000001", 300, domain.HourNormal, "40", "30", "100"), inv("2026-000001", 300, domain.HourKilometres, "100", "0.23", "100")},
			want{"1223.00", "800.00", "423.00", "40", "10.58", "34.59", false, false}},
		{"revenue without a final payslip", nil,
			[]margin.Revenue{inv("2026-000001", 300, domain.HourNormal, "40", "30", "100")},
			want{"1200.00", "0", "1200.00", "40", "30.00", "100.00", false, true}},
		{"estimated from approved hours", []margin.Cost{cost(2, "800.00", ph(300, domain.HourNormal, "40"))},
			[]margin.Revenue{estimated(inv("", 300, domain.HourNormal, "40", "30", "100"))},
			want{"1200.00", "800.00", "400.00", "40", "10.00", "33.33", true, false}},
		{"cost only: no per hour, no margin %", []margin.Cost{cost(2, "120.00")},
			nil, want{"0", "120.00", "-120.00", "0", "", "", false, false}},
		{"nothing", nil, nil, want{"0", "0", "0", "0", "", "", false, false}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := margin.Compute(w47, tc.costs, tc.revenue, dir)
			check(t, "total", m.Total, tc.total)
			// Lines, rows of every dimension and the total agree.
			sum := margin.Figures{}
			for _, l := range m.Lines {
				sum = sum.Plus(l.Figures)
			}
			if !sum.Revenue.Equal(m.Total.Revenue) || !sum.WageCost.Equal(m.Total.WageCost) || !sum.Margin.Equal(m.Total.Margin) {
				t.Errorf("lines add up to %+v, total %+v", sum, m.Total)
			}
			for _, d := range margin.Dimensions {
				rs := margin.Figures{}
				for _, r := range m.Rows(d) {
					rs = rs.Plus(r.Figures)
				}
				if !rs.Margin.Equal(m.Total.Margin) || !rs.Hours.Equal(m.Total.Hours) {
					t.Errorf("%s rows add up to margin %s hours %s, total %s %s", d, rs.Margin, rs.Hours, m.Total.Margin, m.Total.Hours)
				}
			}
			if len(m.Problems) > 0 {
				t.Errorf("problems: %+v", m.Problems)
			}
		})
	}
}

func TestCompute_OvertimeLinesCarryTheirOwnMargin(t *testing.T) {
	m := margin.Compute(w47, []margin.Cost{cost(2, "900.00", ph(300, domain.HourNormal, "38"), ph(300, domain.HourOvertime125, "2"))},
		[]margin.Revenue{inv("2026-000001", 300, domain.HourNormal, "38", "27.90", "100"), inv("2026-000001", 300, domain.HourOvertime125, "2", "27.90", "125")}, dir)
	if len(m.Lines) != 2 {
		t.Fatalf("%d lines", len(m.Lines))
	}
	// 900 × 38/40 = 855.00; the rest 45.00.
	check(t, "NORM", m.Lines[0].Figures, want{"1060.20", "855.00", "205.20", "38", "5.40", "19.35", false, false})
	check(t, "OW125", m.Lines[1].Figures, want{"69.75", "45.00", "24.75", "2", "12.38", "35.48", false, false})
	if m.Lines[0].Type != domain.HourNormal || m.Lines[0].Hirer != "INL01" || m.Lines[0].Function != "Orderpicker" || m.Lines[0].Worker != "1002" {
		t.Errorf("line 0 %+v", m.Lines[0])
	}
}

func TestAllocate(t *testing.T) {
	for _, tc := range []struct {
		name  string
		cost  string
		hours []string
		want  []string
	}{
		{"pro rata", "1000.00", []string{"30", "10"}, []string{"750.00", "250.00"}},
		{"thirds: the middle line takes the cent", "100.00", []string{"1", "1", "1"}, []string{"33.33", "33.34", "33.33"}},
		{"half cents round away from zero, then the rest", "0.05", []string{"1", "1"}, []string{"0.03", "0.02"}},
		{"negative cost (correction)", "-100.00", []string{"1", "1", "1"}, []string{"-33.33", "-33.34", "-33.33"}},
		{"correction with hours moved between lines", "50.00", []string{"-8", "10"}, []string{"-200.00", "250.00"}},
		{"no hours: one share without placement", "80.00", nil, []string{"80.00"}},
		{"zero hours: the cost stays unallocated", "80.00", []string{"0"}, []string{"0", "80.00"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var hs []margin.PaidHours
			for i, h := range tc.hours {
				hs = append(hs, ph(int64(100*(i+1)), domain.HourNormal, h))
			}
			got := margin.Allocate(dec(tc.cost), hs)
			if len(got) != len(tc.want) {
				t.Fatalf("%d shares %+v, want %v", len(got), got, tc.want)
			}
			for i, w := range tc.want {
				if !got[i].Amount.Equal(dec(w)) {
					t.Errorf("share %d: %s, want %s", i, got[i].Amount, w)
				}
			}
			if len(tc.hours) == 0 && (got[0].PlacementID != 0 || got[0].Type != "") {
				t.Errorf("share without hours has a placement: %+v", got[0])
			}
		})
	}
}

// TestAllocate_Property: the shares always add up to the cost and each is
// within a cent of its exact share.
func TestAllocate_Property(t *testing.T) {
	rng := rand.New(rand.NewSource(47))
	cent := dec("0.01")
	for n := 0; n < 2000; n++ {
		c := decimal.New(rng.Int63n(500000)-10000, -2)
		var hs []margin.PaidHours
		total := decimal.Zero
		for i := 0; i < 1+rng.Intn(6); i++ {
			h := decimal.New(rng.Int63n(4000)+1, -2)
			total = total.Add(h)
			hs = append(hs, ph(int64(i+1), domain.HourNormal, h.String()))
		}
		sum := decimal.Zero
		for i, s := range margin.Allocate(c, hs) {
			sum = sum.Add(s.Amount)
			exact := c.Mul(hs[i].Hours).DivRound(total, 20)
			if s.Amount.Sub(exact).Abs().GreaterThan(cent) {
				t.Fatalf("cost %s hours %v: share %d = %s, exact %s", c, hs, i, s.Amount, exact)
			}
		}
		if !sum.Equal(c) {
			t.Fatalf("cost %s hours %v: shares add up to %s", c, hs, sum)
		}
	}
}

// TestCompute_WorkerForTwoHirers: the wage cost of a worker who worked for
// two hirers is split pro rata to the hours paid per placement, and each
// hirer's margin carries its share.
func TestCompute_WorkerForTwoHirers(t *testing.T) {
	c := cost(1, "1000.00", ph(100, domain.HourNormal, "24"), ph(200, domain.HourNormal, "14"), ph(200, domain.HourOvertime125, "2"))
	rev := []margin.Revenue{
		inv("2026-000001", 100, domain.HourNormal, "24", "30", "100"),     // 720.00
		inv("2026-000002", 200, domain.HourNormal, "14", "40", "100"),     // 560.00
		inv("2026-000002", 200, domain.HourOvertime125, "2", "40", "125"), // 100.00
		inv("2026-000001", 300, domain.HourNormal, "40", "30", "100"),     // worker 2, no payslip: 1200.00
	}
	m := margin.Compute(w47, []margin.Cost{c, cost(2, "0.00")}, rev, dir)
	// Worker 1: 1000 × 24/40 = 600 to INL01, 350 + 50 to INL02. Worker 2
	// has a zero payslip: no cost missing, revenue 1200.
	byKey := map[string]margin.Row{}
	for _, r := range m.Hirers {
		byKey[r.Key] = r
	}
	check(t, "INL01", byKey["INL01"].Figures, want{"1920.00", "600.00", "1320.00", "64", "20.63", "68.75", false, false})
	check(t, "INL02", byKey["INL02"].Figures, want{"660.00", "400.00", "260.00", "16", "16.25", "39.39", false, false})
	workers := map[string]margin.Row{}
	for _, r := range m.Workers {
		workers[r.Key] = r
	}
	check(t, "1001", workers["1001"].Figures, want{"1380.00", "1000.00", "380.00", "40", "9.50", "27.54", false, false})
	if workers["1001"].Lines != 3 || workers["1001"].Name != "Anna de Vries" {
		t.Errorf("worker row %+v", workers["1001"])
	}
	functions := map[string]margin.Row{}
	for _, r := range m.Functions {
		functions[r.Key] = r
	}
	if !functions["Orderpicker"].Margin.Equal(dec("1320.00")) || !functions["Timmerman"].Margin.Equal(dec("260.00")) {
		t.Errorf("functions %+v", m.Functions)
	}
	if len(m.Placements) != 3 || m.Placements[1].Key != "PL200" || !m.Placements[1].WageCost.Equal(dec("400.00")) ||
		m.Placements[1].Detail != "Anna de Vries — Bouw B.V." {
		t.Errorf("placements %+v", m.Placements)
	}
	if m.Headcount != 2 || m.Paid != 2 || m.WorkerWeeks != 1 {
		t.Errorf("headcount %d paid %d worker-weeks %d", m.Headcount, m.Paid, m.WorkerWeeks)
	}
}

func TestCompute_SeveralRunsAddUpAndProblemsAreReported(t *testing.T) {
	first := cost(2, "800.00", ph(300, domain.HourNormal, "40"))
	correction := cost(2, "40.00", ph(300, domain.HourNormal, "2"))
	m := margin.Compute(w47, []margin.Cost{first, correction}, []margin.Revenue{inv("2026-000001", 300, domain.HourNormal, "42", "30", "100")}, dir)
	check(t, "total", m.Total, want{"1260.00", "840.00", "420.00", "42", "10.00", "33.33", false, false})
	if len(m.Costs) != 1 || !m.Costs[0].PaidHours.Equal(dec("42")) || len(m.Problems) != 0 {
		t.Errorf("costs %+v problems %+v", m.Costs, m.Problems)
	}

	bad := cost(2, "800.00", ph(300, domain.HourNormal, "40"))
	bad.PaidHours, bad.Premiums = dec("41"), dec("1")
	m = margin.Compute(w47, []margin.Cost{bad}, nil, dir)
	if len(m.Problems) != 2 || !strings.Contains(m.Problems[0].Message, "som van de onderdelen") || !strings.Contains(m.Problems[1].Message, "verloonde uren") {
		t.Errorf("problems %+v", m.Problems)
	}
	// The cost without hours lands on the unallocated row, last.
	m = margin.Compute(w47, []margin.Cost{cost(1, "50.00"), cost(2, "800.00", ph(300, domain.HourNormal, "40"))}, nil, dir)
	last := m.Hirers[len(m.Hirers)-1]
	if last.Name != margin.Unallocated || !last.WageCost.Equal(dec("50.00")) || m.Lines[0].PlacementID != 0 {
		t.Errorf("unallocated: hirers %+v lines %+v", m.Hirers, m.Lines)
	}
}

func TestCostOf_Payslip(t *testing.T) {
	s := &payroll.Payslip{Gross: dec("1000.00"), Untaxed: dec("60.00"), Expenses: dec("15.00"), WageCost: dec("1335.00"), PaidHours: dec("40"),
		ReservationsAccrued: map[string]decimal.Decimal{payroll.SchemeHolidayPay: dec("80.00"), payroll.SchemePublicDays: dec("30.00")},
		ReservationsDrawn:   map[string]decimal.Decimal{payroll.SchemeHolidayHours: dec("40.00")},
		EmployerCosts:       payroll.EmployerCosts{Zvw: dec("65.00"), AWf: dec("50.00"), Aof: dec("40.00"), Wko: dec("5.00"), Whk: dec("10.00"), PensionEmployer: dec("90.00")},
		Lines: []payroll.Line{
			{Code: "NORM", Category: payroll.CatGross, Unit: payroll.UnitHour, HourType: domain.HourNormal, PlacementID: 300, Quantity: dec("24"), Rate: dec("20"), Amount: dec("480.00")},
			{Code: "NORM", Category: payroll.CatGross, Unit: payroll.UnitHour, HourType: domain.HourNormal, PlacementID: 300, Quantity: dec("8"), Rate: dec("21"), Amount: dec("168.00")},
			{Code: "VAK", Category: payroll.CatGross, Unit: payroll.UnitHour, HourType: domain.HourVacation, PlacementID: 300, Quantity: dec("8"), Rate: dec("5"), Amount: dec("40.00")},
			{Code: payroll.CodeWaitingDay, Category: payroll.CatGross, Unit: payroll.UnitHour, HourType: domain.HourSick, PlacementID: 300, Quantity: dec("8")},
			{Code: "ZIEK", Category: payroll.CatGross, Unit: payroll.UnitHour, HourType: domain.HourVacation, PlacementID: 300, Quantity: dec("4")}, // paid weekly already
			{Code: "KM", Category: payroll.CatUntaxedAllowance, Unit: payroll.UnitKm, PlacementID: 300, Quantity: dec("100"), Amount: dec("23.00")},
		}}
	c := margin.CostOf(7, s)
	if !c.Premiums.Equal(dec("170.00")) || !c.Reservations.Equal(dec("110.00")) || !c.Drawn.Equal(dec("40.00")) || !c.Untaxed.Equal(dec("45.00")) {
		t.Errorf("components %+v", c)
	}
	// 1000 − 40 + 45 + 110 + 170 + 90 = 1375 ≠ 1335: the test payslip is not
	// a real one; Components must still be the documented sum.
	if !c.Components().Equal(dec("1375.00")) {
		t.Errorf("components sum %s", c.Components())
	}
	if len(c.Hours) != 2 || !c.Hours[0].Hours.Equal(dec("32")) || c.Hours[1].Type != domain.HourVacation || !c.Hours[1].Hours.Equal(dec("8")) {
		t.Errorf("hours %+v", c.Hours)
	}
}

func TestBuild_ComparisonsAndYearToDate(t *testing.T) {
	cur := margin.Compute(w47, []margin.Cost{cost(2, "800.00", ph(300, domain.HourNormal, "40"))},
		[]margin.Revenue{inv("2026-000003", 300, domain.HourNormal, "40", "30", "100")}, dir)
	prev := margin.Compute(w47.Prev(), []margin.Cost{cost(2, "700.00", ph(300, domain.HourNormal, "35")), cost(1, "300.00", ph(100, domain.HourNormal, "15"))},
		[]margin.Revenue{inv("2026-000001", 300, domain.HourNormal, "35", "30", "100"), inv("2026-000001", 100, domain.HourNormal, "15", "30", "100")}, dir)
	ly, ok := margin.LastYearPeriod(w47)
	if !ok || ly.String() != "2025-W47" {
		t.Fatalf("last year %v %v", ly, ok)
	}
	periods := margin.YearPeriods(w47)
	if len(periods) != 47 || periods[0].String() != "2026-W01" || periods[46] != w47 {
		t.Fatalf("year periods %v", periods)
	}
	year := make([]*margin.Margins, 47)
	year[45], year[46] = prev, cur
	ov := margin.Build(margin.Inputs{Current: cur, Previous: prev, LastYear: nil, LastYearP: ly, Year: year, YearPeriods: periods, HasFinalRun: true})

	if !ov.Previous.Available || ov.Previous.Period.String() != "2026-W46" || !ov.Previous.MarginChange.Decimal.Equal(dec("-100.00")) ||
		!ov.Previous.RevenueChange.Decimal.Equal(dec("-300.00")) || !ov.Previous.MarginGrowth.Decimal.Equal(dec("-20.00")) {
		t.Errorf("previous %+v", ov.Previous)
	}
	// Same week last year without data: shown as such, no zero changes.
	if ov.LastYear.Available || ov.LastYear.Period.String() != "2025-W47" || ov.LastYear.MarginChange.Valid || ov.LastYear.RevenueChange.Valid {
		t.Errorf("last year %+v", ov.LastYear)
	}
	js, _ := json.Marshal(ov.LastYear)
	if !strings.Contains(string(js), `"available":false`) || !strings.Contains(string(js), `"margin_change":null`) {
		t.Errorf("last year JSON %s", js)
	}
	hirer := ov.Margins.Hirers[0]
	if hirer.Previous == nil || !hirer.Previous.Margin.Equal(dec("500.00")) || hirer.LastYear != nil {
		t.Errorf("hirer row comparisons %+v", hirer)
	}
	if hirer.YearToDate == nil || !hirer.YearToDate.Margin.Equal(dec("900.00")) || !hirer.YearToDate.Hours.Equal(dec("90")) {
		t.Errorf("hirer year to date %+v", hirer.YearToDate)
	}
	if ov.YearToDate.Periods != 2 || !ov.YearToDate.Total.Revenue.Equal(dec("2700.00")) || !ov.YearToDate.Total.Margin.Equal(dec("900.00")) ||
		!ov.YearToDate.Total.MarginPercent.Decimal.Equal(dec("33.33")) {
		t.Errorf("year to date %+v", ov.YearToDate.Total)
	}
	if len(ov.Series) != 47 || ov.Series[0].Available || !ov.Series[46].Available || !ov.Series[45].Margin.Equal(dec("500.00")) {
		t.Errorf("series %+v", ov.Series[44:])
	}
	if ov.Status != margin.StatusFinal || ov.Settlement != nil || len(ov.TopHirers) != 1 {
		t.Errorf("status %s settlement %+v top %+v", ov.Status, ov.Settlement, ov.TopHirers)
	}
	// Week 53 has no same week the year before when that year had 52.
	if _, ok := margin.LastYearPeriod(domain.Period{Kind: domain.Weekly, Year: 2026, Number: 53}); ok {
		t.Error("2025 has no week 53")
	}
	// Nothing anywhere.
	empty := margin.Build(margin.Inputs{Current: margin.Compute(w47, nil, nil, dir)})
	if empty.Status != margin.StatusNoData || empty.Previous.Available {
		t.Errorf("empty overview %+v", empty)
	}
}

func TestSettle(t *testing.T) {
	m := margin.Compute(w47, []margin.Cost{cost(1, "1000.00", ph(100, domain.HourNormal, "40")), cost(2, "800.00", ph(300, domain.HourNormal, "37.5"))},
		[]margin.Revenue{inv("2026-000001", 100, domain.HourNormal, "40", "30", "100"), inv("2026-000001", 300, domain.HourNormal, "37.5", "30", "100")}, dir)
	// Revenue 2325.00, cost 1800.00, margin 525.00; 2 worker-weeks, 77.5 paid hours.
	for _, tc := range []struct {
		fee           margin.Fee
		basis, amount string
		payable       string
	}{
		{margin.Fee{Kind: margin.FeePerWorkerWeek, Rate: dec("12.50")}, "2", "25.00", "500.00"},
		{margin.Fee{Kind: margin.FeePerHour, Rate: dec("0.355")}, "77.5", "27.51", "497.49"},  // 27.5125
		{margin.Fee{Kind: margin.FeePercent, Rate: dec("12.5")}, "525.00", "65.63", "459.37"}, // 65.625
	} {
		s := margin.Settle(m, tc.fee, nil)
		if !s.Basis.Equal(dec(tc.basis)) || !s.FeeAmount.Equal(dec(tc.amount)) || !s.Payable.Equal(dec(tc.payable)) || !s.Ready || !s.Margin.Equal(dec("525")) {
			t.Errorf("%s: basis %s fee %s payable %s ready %v %v", tc.fee.Kind, s.Basis, s.FeeAmount, s.Payable, s.Ready, s.Reasons)
		}
	}
	// A loss carries no percentage fee; a per-hour fee still applies.
	loss := margin.Compute(w47, []margin.Cost{cost(2, "800.00", ph(300, domain.HourNormal, "20"))},
		[]margin.Revenue{inv("2026-000001", 300, domain.HourNormal, "20", "25", "100")}, dir)
	if s := margin.Settle(loss, margin.Fee{Kind: margin.FeePercent, Rate: dec("10")}, nil); !s.FeeAmount.IsZero() || !s.Payable.Equal(dec("-300.00")) {
		t.Errorf("loss: fee %s payable %s", s.FeeAmount, s.Payable)
	}
	// Estimated revenue or a missing payslip: not ready to approve.
	est := margin.Compute(w47, []margin.Cost{cost(2, "800.00", ph(300, domain.HourNormal, "40"))},
		[]margin.Revenue{estimated(inv("", 300, domain.HourNormal, "40", "30", "100")), inv("2026-000001", 100, domain.HourNormal, "8", "30", "100")}, dir)
	s := margin.Settle(est, margin.Fee{Kind: margin.FeePerHour, Rate: dec("1")}, nil)
	if s.Ready || len(s.Reasons) != 2 {
		t.Errorf("estimated: ready %v reasons %v", s.Ready, s.Reasons)
	}
	// An approval with other figures marks the statement changed.
	s = margin.Settle(m, margin.Fee{Kind: margin.FeePerWorkerWeek, Rate: dec("12.50")},
		&margin.Approval{Margin: dec("525.00"), Fee: dec("25.00"), Payable: dec("500.00")})
	if s.Changed {
		t.Error("same figures marked changed")
	}
	s = margin.Settle(m, margin.Fee{Kind: margin.FeePerWorkerWeek, Rate: dec("15")},
		&margin.Approval{Margin: dec("525.00"), Fee: dec("25.00"), Payable: dec("500.00")})
	if !s.Changed {
		t.Error("other fee not marked changed")
	}
}

func TestFee_Validate(t *testing.T) {
	for _, tc := range []struct {
		fee margin.Fee
		ok  bool
	}{
		{margin.Fee{}, true},
		{margin.Fee{Kind: margin.FeePerHour, Rate: dec("0.85")}, true},
		{margin.Fee{Kind: margin.FeePercent, Rate: dec("100.01")}, false},
		{margin.Fee{Kind: margin.FeePerWorkerWeek, Rate: dec("-1")}, false},
		{margin.Fee{Kind: "per_month", Rate: dec("1")}, false},
		{margin.Fee{Kind: margin.FeePerHour, Rate: dec("0.00001")}, false},
	} {
		if err := tc.fee.Validate(); (err == nil) != tc.ok {
			t.Errorf("%+v: %v", tc.fee, err)
		}
	}
	if got := (margin.Fee{Kind: margin.FeePercent, Rate: dec("12.5")}).Describe(); got != "12,50 % van de marge" {
		t.Errorf("describe %q", got)
	}
}
