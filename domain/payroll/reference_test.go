package payroll_test

import (
	"testing"

	"verloner/domain"
	"verloner/domain/payroll"
)

// The wage tax of a whole payslip against figures of the reference that this
// code did not produce: §11.3 (weekly rows computed with the RV, 2026), §11.4
// (a real weekly payslip: arbeidskorting 108,71) and §11.1 (official rows of
// the witte maandtabel 2026, also in the AOW columns). The workers are chosen
// so that no StiPP premium is withheld (17 years old, or past AOW age), so the
// tijdvakloon is the gross wage and the reference row applies directly; the
// AOW group is found by the engine from the birth date.
func TestTaxAgainstReferenceRows(t *testing.T) {
	cases := []struct {
		name         string
		period       domain.Period
		birth        string
		hours, wage  string
		credit       bool
		tax, labour  string
		wantTableWag string
	}{
		// §11.3 week rows: tijdvakloon → met lhk / zonder lhk / verrekende AK.
		{"§11.3 588,40 met", week(2026, 20), "2009-01-10", "40", "14.71", true, "47.50", "103.71", "588.40"},
		{"§11.3 588,40 zonder", week(2026, 20), "2009-01-10", "40", "14.71", false, "210.12", "0", "588.40"},
		{"§11.3 250,00", week(2026, 20), "2009-01-10", "25", "10.00", true, "4.10", "25.10", "250.00"},
		{"§11.3 700,00", week(2026, 20), "2009-01-10", "40", "17.50", true, "92.62", "105.88", "700.00"},
		{"§11.3 1.000,00", week(2026, 20), "2009-01-10", "40", "25.00", true, "227.71", "101.38", "1000.00"},
		// §11.4 Olympia payslip 2026-W36: 844,92 → AK 108,71 (and computed 152,37).
		{"§11.4 844,92", week(2026, 36), "2009-01-10", "40", "21.123", true, "152.37", "108.71", "844.92"},
		// §11.1 official monthly rows, below AOW age.
		{"§11.1 2.002,50", month(2026, 3), "2009-01-10", "150", "13.35", true, "61.42", "394.83", "2002.50"},
		{"§11.1 4.000,50 zonder", month(2026, 3), "2009-01-10", "150", "26.67", false, "1443.83", "0", "4000.50"},
		// §11.1 AOW ≥ 1946 (born 1950) and AOW ≤ 1945 (born 1944) columns.
		{"§11.1 3.600,00 AOW≥1946", month(2026, 3), "1950-05-05", "150", "24.00", true, "212.58", "234.75", "3600.00"},
		{"§11.1 3.600,00 AOW≤1945", month(2026, 3), "1944-05-05", "150", "24.00", true, "175.83", "234.75", "3600.00"},
		{"§11.1 6.502,50 AOW≤1945 zonder", month(2026, 3), "1944-05-05", "150", "43.35", false, "1766.83", "0", "6502.50"},
	}
	for _, c := range cases {
		w := worker(50, c.birth)
		w.ApplyTaxCredit = c.credit
		pl := placement(500, 50, c.wage)
		in := payroll.Input{Period: c.period, Worker: w, Placements: placements(pl),
			Lines: []*domain.HourLine{hl(500, c.period.Start().AddDate(0, 0, 1), domain.HourNormal, c.hours)}}
		ps, err := payroll.CalculateFor(set(t), in)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if !ps.TableWage.Equal(dec(c.wantTableWag)) || !ps.PensionEmployee.IsZero() {
			t.Fatalf("%s: tijdvakloon %s, pension %s", c.name, ps.TableWage, ps.PensionEmployee)
		}
		if !ps.WageTax.Equal(dec(c.tax)) || !ps.LabourCreditApplied.Equal(dec(c.labour)) {
			t.Errorf("%s: tax %s AK %s, want %s / %s", c.name, ps.WageTax, ps.LabourCreditApplied, c.tax, c.labour)
		}
	}
}

func month(y, m int) domain.Period { return domain.Period{Kind: domain.Monthly, Year: y, Number: m} }

// §3.3 / §11.4: the tabel bijzondere beloningen rates the reference checked
// against real payslips (S43): jaarloon 46.074 with credit 50,47 %, without
// 37,56 %.
func TestSpecialRateAgainstPayslips(t *testing.T) {
	for _, c := range []struct {
		credit bool
		rate   string
		tax    string
	}{{true, "50.47", "252.35"}, {false, "37.56", "187.80"}} {
		w := worker(51, "1990-01-01")
		w.ApplyTaxCredit = c.credit
		in := payroll.Input{Period: week(2026, 11), Worker: w, Placements: placements(placement(510, 51, "20.00")),
			Jaarloon: dec("46074"), Extras: payroll.Extras{Payouts: []payroll.ReservationPayout{{Scheme: "vakantiebijslag", Amount: dec("500")}}}}
		ps, err := payroll.CalculateFor(set(t), in)
		if err != nil {
			t.Fatal(err)
		}
		// No hours: no pension franchise room (the cap is 42,42 × 0 h), so the
		// whole payout is the special wage.
		if !ps.SpecialRate.Equal(dec(c.rate)) || !ps.WageTaxSpecial.Equal(dec(c.tax)) || !ps.SpecialWage.Equal(dec("500")) {
			t.Errorf("credit %v: rate %s tax %s special wage %s, want %s / %s", c.credit, ps.SpecialRate, ps.WageTaxSpecial, ps.SpecialWage, c.rate, c.tax)
		}
	}
}

// §11.4: the maximum premieloon per month 2026 is € 6.617,41 and the Zvw on it
// € 403,66.
func TestPremiumCapMonthly(t *testing.T) {
	w := worker(52, "1980-01-01")
	in := payroll.Input{Period: month(2026, 3), Worker: w, Placements: placements(placement(520, 52, "60.00")),
		Lines: []*domain.HourLine{hl(520, date(2026, 3, 2), domain.HourNormal, "150")}}
	ps, err := payroll.CalculateFor(set(t), in)
	if err != nil {
		t.Fatal(err)
	}
	ec := ps.EmployerCosts
	if !ec.PremiumWage.Equal(dec("6617.41")) || !ec.ZvwWage.Equal(dec("6617.41")) || !ec.Zvw.Equal(dec("403.66")) {
		t.Errorf("cap: premieloon %s Zvw-loon %s Zvw %s", ec.PremiumWage, ec.ZvwWage, ec.Zvw)
	}
	// StiPP: the hourly wage counts at most € 42,42 (§7.5): (42,42 − 9,24) × 150.
	if !ps.PensionBase.Equal(dec("4977.00")) {
		t.Errorf("pension base %s, want 4977.00", ps.PensionBase)
	}
}
