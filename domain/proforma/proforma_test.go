package proforma_test

import (
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"verloner/domain"
	"verloner/domain/params"
	"verloner/domain/payroll"
	"verloner/domain/proforma"
)

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func packs(t *testing.T) *params.Set {
	t.Helper()
	s, err := params.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	return s
}

var w28 = domain.Period{Kind: domain.Weekly, Year: 2026, Number: 28}

// TestWageCostEqualsPayroll builds, independently of the pro forma, the
// payroll input of a real worker with the same wage, age and hours (other
// ID, name, BSN, birth date on a real birthday, the hours on other days of
// the week) and checks that the pro-forma wage cost per hour equals the
// payslip's to the cent — also for the worked example fase_a_wml_2026w28
// (40 h at € 14,99: wage cost € 842,76, i.e. € 21,07 per hour).
func TestWageCostEqualsPayroll(t *testing.T) {
	set := packs(t)
	tests := []struct {
		name        string
		in          proforma.Input
		birth       time.Time
		wantPerHour string
	}{
		{name: "worked example 40 h at WML", in: proforma.Input{Week: w28, HourlyWage: dec("14.99"), Age: 31},
			birth: domain.Date(1995, 5, 5), wantPerHour: "21.07"},
		{name: "16,10 age 30 with overtime and ORT", in: proforma.Input{Week: w28, HourlyWage: dec("16.10"), Age: 30,
			Mix: []proforma.Mix{{Type: domain.HourNormal, Hours: dec("32")}, {Type: domain.HourOvertime125, Hours: dec("4")}, {Type: domain.HourShift, Hours: dec("6.5")}}},
			birth: domain.Date(1996, 2, 29)},
		{name: "fase C without uitzendbeding (AWf laag)", in: proforma.Input{Week: w28, HourlyWage: dec("21.35"), Age: 45, Phase: domain.PhaseC,
			Mix: []proforma.Mix{{Type: domain.HourNormal, Hours: dec("38")}}}, birth: domain.Date(1980, 12, 1)},
		{name: "age 19, 24 h", in: proforma.Input{Week: w28, HourlyWage: dec("9.50"), Age: 19, Mix: []proforma.Mix{{Type: domain.HourNormal, Hours: dec("24")}}},
			birth: domain.Date(2006, 10, 1)},
		{name: "holiday pay 8,33 %", in: proforma.Input{Week: w28, HourlyWage: dec("17.42"), Age: 52, HolidayPayPercent: dec("8.33"),
			Mix: []proforma.Mix{{Type: domain.HourNormal, Hours: dec("36")}}}, birth: domain.Date(1973, 7, 1)},
	}
	for _, tt := range tests {
		r, err := proforma.CalculateFor(set, tt.in)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		// The payroll side: a different worker record with the same terms.
		w := &domain.Worker{ID: 77, Number: "1077", FirstName: "Echte", LastName: "Kracht", BirthDate: tt.birth, BSN: "210000004",
			ApplyTaxCredit: true, TaxCreditSignedOn: domain.Date(2026, 1, 1), Phase: r.Input.Phase, Uitzendbeding: r.Input.Phase == domain.PhaseA,
			Reservations: domain.ReservationsReserved}
		p := &domain.Placement{ID: 5, WorkerID: 77, HirerID: 2, Start: domain.Date(2026, 1, 5), HourlyWage: tt.in.HourlyWage, Phase: r.Input.Phase}
		var lines []*domain.HourLine
		for _, m := range r.Input.Mix {
			// All on Tuesday and Wednesday, halves.
			half := m.Hours.Div(decimal.NewFromInt(2))
			for _, day := range []int{7, 8} {
				lines = append(lines, &domain.HourLine{ID: int64(len(lines) + 1), PlacementID: 5, Date: domain.Date(2026, 7, day), Type: m.Type, Quantity: half})
			}
		}
		in := payroll.Input{Period: w28, Worker: w, Placements: map[int64]*domain.Placement{5: p}, Lines: lines, Sick: payroll.SickPay{WaitingDays: 1}}
		if !tt.in.HolidayPayPercent.IsZero() {
			in.ReservationRates = map[string]params.Percent{payroll.SchemeHolidayPay: {Decimal: tt.in.HolidayPayPercent}}
		}
		slip, err := payroll.CalculateFor(set, in)
		if err != nil {
			t.Fatalf("%s: payroll %v", tt.name, err)
		}
		if !r.WageCostPerHour.Equal(slip.WageCostPerHour) || !r.WageCost.Equal(slip.WageCost) || r.WageCostPerHour.IsZero() {
			t.Errorf("%s: pro forma %s per hour (week %s), payroll %s (week %s)", tt.name, r.WageCostPerHour, r.WageCost, slip.WageCostPerHour, slip.WageCost)
		}
		if tt.wantPerHour != "" && r.WageCostPerHour.String() != tt.wantPerHour {
			t.Errorf("%s: %s per hour, worked example %s", tt.name, r.WageCostPerHour, tt.wantPerHour)
		}
		sum := decimal.Zero
		for _, c := range r.Components {
			sum = sum.Add(c.Amount)
		}
		if !sum.Equal(r.WageCost) {
			t.Errorf("%s: components add up to %s, wage cost %s", tt.name, sum, r.WageCost)
		}
		if !r.CostPrice.Equal(r.WageCostPerHour) {
			t.Errorf("%s: cost price %s without surcharges, wage cost %s", tt.name, r.CostPrice, r.WageCostPerHour)
		}
	}
}

func TestPricing(t *testing.T) {
	set := packs(t)
	base := proforma.Input{Week: w28, HourlyWage: dec("14.99"), Age: 31} // wage cost 21,07 per hour
	tests := []struct {
		name                                string
		edit                                func(*proforma.Input)
		rate, margin, marginPct, factor, cp string
	}{
		{"rate given", func(in *proforma.Input) { in.Rate = dec("26.57") }, "26.57", "5.5", "20.7", "1.7725", "21.07"},
		{"margin per hour", func(in *proforma.Input) { in.MarginPerHour = dec("4.50") }, "25.57", "4.5", "17.6", "1.7058", "21.07"},
		// 21,07 / 0,8 = 26,3375 → up to 26,34; margin 5,27 = 20,01 %.
		{"margin 20 % of revenue", func(in *proforma.Input) { in.MarginPercent = dec("20") }, "26.34", "5.27", "20.01", "1.7572", "21.07"},
		{"factor 1,75", func(in *proforma.Input) { in.Factor = dec("1.75") }, "26.23", "5.16", "19.67", "1.7498", "21.07"},
		{"no price: cost only", func(*proforma.Input) {}, "0", "0", "0", "0", "21.07"},
		// Surcharges: 3 % of 21,07 = 0,63; + 0,25; leave 8,51 % × 21,07 = 1,79 (3,404 h / 40 h × 21,07 = 1,7931).
		{"surcharges", func(in *proforma.Input) {
			in.Rate, in.ExtraPercent, in.ExtraPerHour, in.LeaveHours = dec("26.57"), dec("3"), dec("0.25"), true
		}, "26.57", "2.83", "10.65", "1.7725", "23.74"},
	}
	for _, tt := range tests {
		in := base
		tt.edit(&in)
		r, err := proforma.CalculateFor(set, in)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		got := []string{r.Rate.String(), r.MarginPerHour.String(), r.MarginPercent.String(), r.Factor.String(), r.CostPrice.String()}
		want := []string{tt.rate, tt.margin, tt.marginPct, tt.factor, tt.cp}
		if strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("%s: rate, margin, margin %%, factor, cost price = %v, want %v", tt.name, got, want)
		}
	}
	// Bill percentages: 32 h at 100 % and 8 h ORT paid 120 % billed 130 %:
	// bill factor (32 + 10,4) / 40 = 1,06; rate for a margin of € 5 per hour.
	in := base
	in.Mix = []proforma.Mix{{Type: domain.HourNormal, Hours: dec("32")}, {Type: domain.HourShift, Hours: dec("8"), BillPercent: dec("130")}}
	in.MarginPerHour = dec("5")
	r, err := proforma.CalculateFor(set, in)
	if err != nil {
		t.Fatal(err)
	}
	wantRate := r.CostPrice.Add(dec("5")).Div(dec("1.06")).Mul(dec("100")).Ceil().Div(dec("100"))
	if !r.BillFactor.Equal(dec("1.06")) || !r.Rate.Equal(wantRate) || r.MarginPerHour.LessThan(dec("5")) {
		t.Errorf("mixed bill %%: factor %s rate %s (want %s) margin %s", r.BillFactor, r.Rate, wantRate, r.MarginPerHour)
	}
	if len(r.Types) != 2 || !r.Types[1].Wage.Equal(dec("17.99")) || !r.Types[1].Rate.Equal(domain.RoundCents(r.Rate.Mul(dec("1.3")))) {
		t.Errorf("types %+v", r.Types)
	}
}

func TestNormalize(t *testing.T) {
	ok := proforma.Input{Year: 2026, HourlyWage: dec("16.10"), Age: 30}
	n, err := ok.Normalize()
	if err != nil || n.Week.String() != "2026-W28" || n.Phase != domain.PhaseA || len(n.Mix) != 1 || !n.Mix[0].Hours.Equal(dec("40")) {
		t.Errorf("defaults %+v %v", n, err)
	}
	for _, tt := range []struct {
		name string
		edit func(*proforma.Input)
		want string
	}{
		{"no year", func(in *proforma.Input) { in.Year = 0 }, "jaar"},
		{"month", func(in *proforma.Input) { in.Week = domain.Period{Kind: domain.Monthly, Year: 2026, Number: 7} }, "per week"},
		{"wage", func(in *proforma.Input) { in.HourlyWage = decimal.Zero }, "uurloon"},
		{"age", func(in *proforma.Input) { in.Age = 14 }, "leeftijd"},
		{"phase", func(in *proforma.Input) { in.Phase = "D" }, "fase"},
		{"sick in mix", func(in *proforma.Input) { in.Mix = []proforma.Mix{{Type: domain.HourSick, Hours: dec("8")}} }, "hoort niet"},
		{"twice", func(in *proforma.Input) {
			in.Mix = []proforma.Mix{{Type: domain.HourNormal, Hours: dec("8")}, {Type: domain.HourNormal, Hours: dec("8")}}
		}, "twee keer"},
		{"rate and margin", func(in *proforma.Input) { in.Rate, in.MarginPerHour = dec("26"), dec("4") }, "één van"},
		{"margin 100 %", func(in *proforma.Input) { in.MarginPercent = dec("100") }, "tussen 0 en 100"},
		{"90 hours", func(in *proforma.Input) { in.Mix = []proforma.Mix{{Type: domain.HourNormal, Hours: dec("90")}} }, "aannemelijk"},
	} {
		in := ok
		tt.edit(&in)
		_, err := in.Normalize()
		if err == nil || !strings.Contains(err.Error(), tt.want) || domain.ErrorCode(err) != domain.EINVALID {
			t.Errorf("%s: %v, want %q", tt.name, err, tt.want)
		}
	}
}

func TestMinimumWageFinding(t *testing.T) {
	r, err := proforma.CalculateFor(packs(t), proforma.Input{Week: w28, HourlyWage: dec("14.50"), Age: 30})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, f := range r.Findings {
		found = found || f.Code == payroll.FindMinimumWage
	}
	if !found || !r.MinimumWage.Equal(dec("14.99")) {
		t.Errorf("below WML: findings %+v, minimum %s", r.Findings, r.MinimumWage)
	}
}
