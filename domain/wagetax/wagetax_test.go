package wagetax_test

import (
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"verloner/domain"
	"verloner/domain/params"
	"verloner/domain/wagetax"
)

// §11.3 of the reference: computed expectations for the other periods (2026,
// below AOW age). Not official table rows — no week/4-week/day table was
// available — but they pin the period factors, the single Lv of 54 and the
// printed table wage ceil(L/F).
func TestOtherPeriods2026(t *testing.T) {
	p := builtin(t, 2026)
	cases := []struct {
		period                  domain.PeriodKind
		wage                    string
		l, tableWage, x1        string
		without, x, with, akVer string
	}{
		{domain.Weekly, "250.00", "12960", "249.24", "4633", "89.10", "213", "4.10", "25.10"},
		{domain.Weekly, "400.00", "20790", "399.81", "7432", "142.92", "584", "11.23", "71.79"},
		{domain.Weekly, "588.40", "30564", "587.77", "10926", "210.12", "2470", "47.50", "103.71"},
		{domain.Weekly, "700.00", "36396", "699.93", "13011", "250.21", "4816", "92.62", "105.88"},
		{domain.Weekly, "800.00", "41580", "799.62", "14912", "286.77", "6947", "133.60", "107.83"},
		{domain.Weekly, "1000.00", "51948", "999.00", "18807", "361.67", "11841", "227.71", "101.38"},
		{domain.FourWeek, "2353.60", "30564", "2351.08", "10926", "840.46", "2470", "190.00", "414.85"},
		{domain.FourWeek, "3000.00", "38988", "2999.08", "13939", "1072.23", "5858", "450.62", "427.46"},
		{domain.Daily, "117.68", "30564", "117.56", "10926", "42.02", "2470", "9.50", "20.74"},
		{domain.Quarterly, "9000.00", "35964", "8991.00", "12857", "3214.25", "4642", "1160.50", "1374.50"},
	}
	for _, c := range cases {
		for _, credit := range []bool{false, true} {
			res, err := wagetax.Compute(p, wagetax.Input{Period: c.period, Wage: dec(c.wage), ApplyCredit: credit})
			if err != nil {
				t.Fatal(err)
			}
			check := []struct {
				name      string
				got, want decimal.Decimal
			}{
				{"L", res.Annual.L, dec(c.l)},
				{"tabelloon", res.TableWage, dec(c.tableWage)},
				{"X1", res.Annual.TaxWithout, dec(c.x1)},
				{"zonder lhk", res.TaxWithout, dec(c.without)},
				{"X", res.Annual.TaxWith, dec(c.x)},
				{"met lhk", res.TaxWith, dec(c.with)},
				{"verrekende AK", res.LabourCredit, dec(c.akVer)},
			}
			wantTax, wantAK := dec(c.without), decimal.Zero
			if credit {
				wantTax, wantAK = dec(c.with), dec(c.akVer)
			}
			check = append(check, struct {
				name      string
				got, want decimal.Decimal
			}{"Tax", res.Tax, wantTax}, struct {
				name      string
				got, want decimal.Decimal
			}{"LabourCreditApplied", res.LabourCreditApplied, wantAK})
			for _, ch := range check {
				if !ch.got.Equal(ch.want) {
					t.Errorf("%s %s credit=%v: %s = %s, want %s", c.period, c.wage, credit, ch.name, ch.got, ch.want)
				}
			}
		}
	}
}

// §11.4: a real weekly payslip (Olympia 2026-W36) printed arbeidskorting € 108,71
// for a weekly table wage of € 844,92.
func TestWeeklyPayslip2026(t *testing.T) {
	res, err := wagetax.Compute(builtin(t, 2026), wagetax.Input{Period: domain.Weekly, Wage: dec("844.92"), ApplyCredit: true})
	if err != nil {
		t.Fatal(err)
	}
	a := res.Annual
	got := []string{a.L.String(), a.TaxWithout.String(), a.GeneralCredit.String(), a.LabourCredit.String(), a.TaxWith.String(),
		res.LabourCreditApplied.StringFixed(2), res.Tax.StringFixed(2), res.TaxWithout.StringFixed(2), res.TableWage.StringFixed(2)}
	want := []string{"43902", "15785", "2209", "5653", "7923", "108.71", "152.37", "303.56", "844.27"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("L X1 AHK AK X AKverr tax without tabelloon = %v, want %v", got, want)
	}
}

// §11.1 source (b) also gives the AOW ≥ 1946 column "met lhk incl. AOK"; and
// when the credits exceed the tax the AOK is capped before the arbeidskorting
// (RV2026 via S42), so the verrekende AK is the same with and without AOK.
func TestSingleElderlyCredit2026(t *testing.T) {
	p := builtin(t, 2026)
	for _, c := range []struct{ wage, with, akVer string }{
		{"2700.00", "0.00", "187.08"},
		{"3001.50", "0.00", "228.92"},
		{"4000.50", "360.33", "230.17"},
		{"6502.50", "1608.58", "148.83"},
		{"8001.00", "2396.25", "100.17"},
		{"11002.50", "3979.50", "2.58"},
		{"2002.50", "0.00", "55.50"}, // excess 2.241 > AOK 540: AK reduced by the remaining 1.701 only
	} {
		res, err := wagetax.Compute(p, wagetax.Input{Period: domain.Monthly, Wage: dec(c.wage), ApplyCredit: true, AOW: params.AOWBorn1946OrLater, SingleElderly: true})
		if err != nil {
			t.Fatal(err)
		}
		if !res.Tax.Equal(dec(c.with)) || !res.LabourCreditApplied.Equal(dec(c.akVer)) {
			t.Errorf("%s incl. AOK: tax %s AK %s, want %s %s", c.wage, res.Tax, res.LabourCreditApplied, c.with, c.akVer)
		}
	}
}

// §3.4: above the highest table wage the tax is that of the Lmax row plus the
// top rate on the excess, rounded down to cents, without stepping. Expected
// values worked by hand from the 2026 last row (month 11.092,50: 4.651,67 below
// AOW, 4.034,92 AOW ≤ 1945) and X1(133.110) = 55.820.
func TestAboveHighestTableWage(t *testing.T) {
	p := builtin(t, 2026)
	cases := []struct {
		name          string
		in            wagetax.Input
		tax           string
		above         bool
		withoutCredit string
	}{
		// (12.000 − 11.092,50) × 49,5 % = 449,2125 → 449,21
		{"month", wagetax.Input{Period: domain.Monthly, Wage: dec("12000.00"), ApplyCredit: true}, "5100.88", true, "5100.88"},
		// 55.820 / 52 = 1.073,46; (156.000 − 133.110) × 49,5 % / 52 = 217,8952 → 217,89
		{"week", wagetax.Input{Period: domain.Weekly, Wage: dec("3000.00")}, "1291.35", true, "1291.35"},
		// exactly Lmax / 12 is still the last table row
		{"last row", wagetax.Input{Period: domain.Monthly, Wage: dec("11092.50")}, "4651.67", false, "4651.67"},
		// one cent above: 0,01 × 49,5 % = 0,00495 → 0,00
		{"one cent above", wagetax.Input{Period: domain.Monthly, Wage: dec("11092.51")}, "4651.67", true, "4651.67"},
		// three cents above: 0,01485 → 0,01 (rounded down, not half up)
		{"three cents above", wagetax.Input{Period: domain.Monthly, Wage: dec("11092.53")}, "4651.68", true, "4651.68"},
		// AOW ≤ 1945 with AOK: X(Lmax) = 48.419 − 540 = 47.879 → 3.989,92, + 449,21
		{"AOW with AOK", wagetax.Input{Period: domain.Monthly, Wage: dec("12000.00"), ApplyCredit: true, AOW: params.AOWBorn1945OrEarlier, SingleElderly: true}, "4439.13", true, "4484.13"},
	}
	for _, c := range cases {
		res, err := wagetax.Compute(p, c.in)
		if err != nil {
			t.Fatal(err)
		}
		if !res.Tax.Equal(dec(c.tax)) || res.AboveTable != c.above || !res.TaxWithout.Equal(dec(c.withoutCredit)) {
			t.Errorf("%s: tax %s above %v without %s; want %s %v %s", c.name, res.Tax, res.AboveTable, res.TaxWithout, c.tax, c.above, c.withoutCredit)
		}
		if c.above && !res.TableWage.Equal(c.in.Wage) {
			t.Errorf("%s: table wage %s, want the wage itself", c.name, res.TableWage)
		}
	}
}

// Tax is never negative and never falls when the wage rises, for every age
// group, with and without credit, across the week table and beyond Lmax.
func TestTaxNonNegativeAndMonotone(t *testing.T) {
	step := dec("0.37")
	limit := dec("3000") // above Lmax / 52 = 2.559,81
	for _, year := range []int{2025, 2026} {
		p := builtin(t, year)
		for _, aow := range []params.AOW{params.AOWNone, params.AOWBorn1946OrLater, params.AOWBorn1945OrEarlier} {
			for _, credit := range []bool{false, true} {
				prev := decimal.Zero
				for w := decimal.Zero; w.LessThan(limit); w = w.Add(step) {
					res, err := wagetax.Compute(p, wagetax.Input{Period: domain.Weekly, Wage: w, ApplyCredit: credit, AOW: aow})
					if err != nil {
						t.Fatal(err)
					}
					if res.Tax.IsNegative() || res.LabourCredit.IsNegative() {
						t.Fatalf("%d %s credit=%v wage %s: tax %s AK %s", year, aow, credit, w, res.Tax, res.LabourCredit)
					}
					if res.Tax.LessThan(prev) {
						t.Fatalf("%d %s credit=%v: tax falls from %s to %s at wage %s", year, aow, credit, prev, res.Tax, w)
					}
					prev = res.Tax
				}
			}
		}
	}
}

// Without a valid BSN the anoniementarief applies: 52 % of the wage, whatever
// the credit choice, the age group or the table.
func TestAnonymous(t *testing.T) {
	p := builtin(t, 2026)
	rate := dec("0.52")
	for _, w := range []string{"0", "0.01", "588.40", "844.92", "1234.57", "12000.00", "99999.99"} {
		for _, aow := range []params.AOW{params.AOWNone, params.AOWBorn1945OrEarlier} {
			res, err := wagetax.Compute(p, wagetax.Input{Period: domain.Weekly, Wage: dec(w), ApplyCredit: true, AOW: aow, Anonymous: true})
			if err != nil {
				t.Fatal(err)
			}
			want := dec(w).Mul(rate).Round(2)
			if !res.Tax.Equal(want) || !res.TaxWith.Equal(want) || !res.TaxWithout.Equal(want) || !res.LabourCreditApplied.IsZero() || !res.Anonymous {
				t.Errorf("%s %s: %+v, want tax %s", w, aow, res, want)
			}
		}
	}
	got, err := wagetax.AnonymousTax(p, dec("100.01")) // 52,0052 → 52,01
	if err != nil || !got.Equal(dec("52.01")) {
		t.Errorf("AnonymousTax(100.01) = %s, %v", got, err)
	}
}

func TestComputeRefusesBadInput(t *testing.T) {
	p := builtin(t, 2026)
	cases := []struct {
		name string
		p    *params.Pack
		in   wagetax.Input
		want string
	}{
		{"negative wage", p, wagetax.Input{Period: domain.Weekly, Wage: dec("-1")}, "negatief"},
		{"AOK below AOW age", p, wagetax.Input{Period: domain.Weekly, Wage: dec("500"), ApplyCredit: true, SingleElderly: true}, "alleenstaande-ouderenkorting"},
		{"unknown period", p, wagetax.Input{Period: "fortnight", Wage: dec("500")}, "onbekend loontijdvak"},
		{"unknown age group", p, wagetax.Input{Period: domain.Weekly, Wage: dec("500"), AOW: 7}, "leeftijdsgroep"},
		{"no pack", nil, wagetax.Input{Period: domain.Weekly, Wage: dec("500")}, "geen parameterpakket"},
	}
	for _, c := range cases {
		_, err := wagetax.Compute(c.p, c.in)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want it to mention %q", c.name, err, c.want)
		}
		if code := domain.ErrorCode(err); code != domain.EINVALID && code != domain.EINTERNAL {
			t.Errorf("%s: code %q", c.name, code)
		}
	}
}

// BenchmarkCompute taxes a spread of weekly wages, with credit, below AOW age:
// the common case of a weekly uitzend payroll.
func BenchmarkCompute(b *testing.B) {
	p := builtin(b, 2026)
	wages := make([]decimal.Decimal, 64)
	for i := range wages {
		wages[i] = decimal.New(int64(20000+i*1731), -2) // € 200,00 … € 1.290,53
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := wagetax.Compute(p, wagetax.Input{Period: domain.Weekly, Wage: wages[i%len(wages)], ApplyCredit: true}); err != nil {
			b.Fatal(err)
		}
	}
}
