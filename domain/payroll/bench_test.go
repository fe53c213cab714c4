package payroll_test

import (
	"testing"

	"verloner/domain"
	"verloner/domain/payroll"
)

// benchInput is one worker-week with 5 hour types (NORM, OW125, OW150, ORT,
// KM) over 15 hour lines, a reserved vakantiebijslag, StiPP, wage tax with
// loonheffingskorting and all employer premiums: the common case of a run.
func benchInput() payroll.Input {
	w := worker(1, "1995-05-05")
	pl := placement(10, 1, "15.50")
	pl.TravelPerKm = dec("0.21")
	var lines []*domain.HourLine
	for d := 6; d <= 10; d++ {
		lines = append(lines, hl(10, date(2026, 7, d), domain.HourNormal, "8"))
		lines = append(lines, hl(10, date(2026, 7, d), domain.HourKilometres, "34"))
	}
	lines = append(lines,
		hl(10, date(2026, 7, 6), domain.HourOvertime125, "1.5"),
		hl(10, date(2026, 7, 7), domain.HourOvertime125, "1"),
		hl(10, date(2026, 7, 11), domain.HourOvertime150, "4"),
		hl(10, date(2026, 7, 8), domain.HourShift, "2"),
		hl(10, date(2026, 7, 9), domain.HourShift, "2.25"))
	return payroll.Input{Period: week(2026, 28), Worker: w, Placements: placements(pl), Lines: lines}
}

func BenchmarkPayslip(b *testing.B) {
	p := pack(b, 2026)
	in := benchInput()
	if _, err := payroll.Calculate(p, in); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := payroll.Calculate(p, in); err != nil {
			b.Fatal(err)
		}
	}
}
