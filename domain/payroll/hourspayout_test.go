package payroll_test

import (
	"testing"

	"verloner/domain"
	"verloner/domain/payroll"
)

// End of employment in 2026, when vakantie-uren are kept in hours: the untaken
// hours are paid out at the hourly wage as a bijzondere beloning, vakantiebijslag
// accrues over that wage as it would over leave taken, and no money reserve is
// drawn. The same hours as a money payout are refused in 2025, whose pack
// reserves vakantie-uren as money.
func TestHoursPayout_EndOfEmployment(t *testing.T) {
	base := func(payouts ...payroll.ReservationPayout) payroll.Input {
		w := worker(8, "1990-04-12")
		pl := placement(80, 8, "15.37")
		var ls []*domain.HourLine
		for d := 23; d <= 25; d++ {
			ls = append(ls, hl(80, date(2026, 11, d), domain.HourNormal, "8"))
		}
		return payroll.Input{Period: week(2026, 48), Worker: w, Placements: placements(pl), Lines: ls,
			Jaarloon: dec("31000"), Extras: payroll.Extras{Payouts: payouts}}
	}
	without, err := payroll.CalculateFor(set(t), base())
	if err != nil {
		t.Fatal(err)
	}
	with, err := payroll.CalculateFor(set(t), base(payroll.ReservationPayout{Scheme: payroll.SchemeHolidayHours,
		Hours: dec("37.43"), HourlyWage: dec("15.37")}))
	if err != nil {
		t.Fatal(err)
	}
	asMoney, err := payroll.CalculateFor(set(t), base(payroll.ReservationPayout{Scheme: payroll.SchemeHolidayPay, Amount: dec("575.30")}))
	if err != nil {
		t.Fatal(err)
	}
	// 37.43 h × € 15,37 = € 575,2991 → € 575,30 (lineAmount, half up).
	var line *payroll.Line
	for i := range with.Lines {
		if with.Lines[i].Code == "UITB_vakantie_uren" {
			line = &with.Lines[i]
		}
	}
	if line == nil || line.Unit != payroll.UnitHour || !line.Quantity.Equal(dec("37.43")) || !line.Rate.Equal(dec("15.37")) ||
		!line.Amount.Equal(dec("575.30")) || !line.Special || line.Category != payroll.CatGross || line.HourType != "" {
		t.Fatalf("payout line %+v", line)
	}
	for _, c := range []struct {
		name      string
		got, want string
	}{
		{"special wage", with.SpecialWage.String(), "575.3"},
		{"table wage as with a payout of the same money", with.TableWage.String(), asMoney.TableWage.String()},
		{"gross grows by the payout", with.Gross.Sub(without.Gross).String(), "575.3"},
		// 8 % of € 575,30 = € 46,024 → € 46,02 more vakantiebijslag.
		{"vakantiebijslag over the payout", with.ReservationsAccrued[payroll.SchemeHolidayPay].
			Sub(without.ReservationsAccrued[payroll.SchemeHolidayPay]).String(), "46.02"},
		{"no money drawn", with.ReservationsDrawn[payroll.SchemeHolidayHours].String(), "0"},
		{"taxed as a payout of the same money", with.WageTaxSpecial.String(), asMoney.WageTaxSpecial.String()},
	} {
		if c.got != c.want {
			t.Errorf("%s: %s, want %s", c.name, c.got, c.want)
		}
	}
	if !with.WageTaxSpecial.IsPositive() {
		t.Errorf("no tax on the payout: %s", with.WageTaxSpecial)
	}

	// The last payslip pays out the hours it accrues itself too: 24 worked
	// hours × 8,51 % = 2,0424 → 2,04 h (domain.RoundHours), so 39,47 h.
	last, err := payroll.CalculateFor(set(t), base(payroll.ReservationPayout{Scheme: payroll.SchemeHolidayHours,
		Hours: dec("37.43"), HourlyWage: dec("15.37"), WithPeriodAccrual: true}))
	if err != nil {
		t.Fatal(err)
	}
	paid := 0
	for _, l := range last.Lines {
		if l.Code == "UITB_vakantie_uren" {
			paid++
			if !l.Quantity.Equal(dec("39.47")) || !l.Amount.Equal(dec("606.65")) {
				t.Errorf("last payslip pays %s h = %s, want 39.47 h = 606.65 (39.47 × 15.37 = 606.6539)", l.Quantity, l.Amount)
			}
		}
	}
	if paid != 1 {
		t.Errorf("%d payout lines on the last payslip", paid)
	}
	if got := last.LeaveHoursAccrued[payroll.SchemeHolidayHours]; !got.Equal(dec("2.04")) {
		t.Errorf("hours accrued on the last payslip %s, want 2.04", got)
	}

	for _, bad := range []struct {
		name string
		in   payroll.Input
	}{
		{"2025 keeps vakantie-uren in money", func() payroll.Input {
			in := base(payroll.ReservationPayout{Scheme: payroll.SchemeHolidayHours, Hours: dec("8"), HourlyWage: dec("15")})
			in.Period = week(2025, 48)
			for _, l := range in.Lines {
				l.Date = l.Date.AddDate(-1, 0, 1)
			}
			return in
		}()},
		{"negative hours", base(payroll.ReservationPayout{Scheme: payroll.SchemeHolidayHours, Hours: dec("-8"), HourlyWage: dec("15")})},
		{"no wage", base(payroll.ReservationPayout{Scheme: payroll.SchemeHolidayHours, Hours: dec("8")})},
		{"vakantiebijslag is money", base(payroll.ReservationPayout{Scheme: payroll.SchemeHolidayPay, Hours: dec("8"), HourlyWage: dec("15")})},
	} {
		if _, err := payroll.CalculateFor(set(t), bad.in); domain.ErrorCode(err) != domain.EINVALID {
			t.Errorf("%s: %v, want EINVALID", bad.name, err)
		}
	}
}
