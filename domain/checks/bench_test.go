package checks_test

import (
	"fmt"
	"testing"

	"verloner/domain"
	"verloner/domain/checks"
)

// bigInput is an agency of n workers (one placement each, n × 0.15 hirers,
// as app/benchdata makes them) with five hour lines in 2026-W47 and a line
// in each of the 26 weeks before it, checked in 2026-W47.
func bigInput(n int) checks.Input {
	in := checks.Input{Period: w47, Agency: &domain.Agency{Name: "Bench", Deadlines: domain.DefaultDeadlines()}, Packs: packs,
		Now: at(11, 23, 12, 0), By: "bench"}
	nh := max(1, n*15/100)
	for i := 0; i < nh; i++ {
		in.Hirers = append(in.Hirers, &domain.Hirer{ID: int64(100000 + i), Number: fmt.Sprintf("INL%05d", i), Name: "Inlener",
			CreditCheckedOn: d(3, 2), CreditLimit: dec("1000000"), ProofOfHours: i%4 == 0,
			Remuneration: domain.RemunerationRecord{Basis: domain.Inlenersbeloning, CAO: "X", SignedOn: d(1, 8)}})
	}
	id := int64(0)
	for i := 0; i < n; i++ {
		w := &domain.Worker{ID: int64(i + 1), Number: fmt.Sprint(10000 + i), FirstName: "W", LastName: fmt.Sprint(i), BirthDate: domain.Date(1990, 1, 1),
			Identity: domain.IDDocument{Type: "paspoort", Number: "X", Expiry: domain.Date(2030, 1, 1)}, Phase: domain.PhaseA,
			StartDate: d(5, 4), ContractSignedOn: d(5, 4), TaxCreditSignedOn: d(5, 4)}
		p := &domain.Placement{ID: int64(200000 + i), Number: fmt.Sprintf("P%06d", i), WorkerID: w.ID, HirerID: in.Hirers[i%nh].ID,
			Start: d(5, 4), HourlyWage: dec("16"), BillingRate: dec("28"), Phase: domain.PhaseA,
			Rates: []domain.HourTypeRate{{Type: domain.HourNormal, PayPercent: domain.Hundred, BillPercent: domain.Hundred}}}
		if i%10 == 0 {
			p.End = d(11, 30)
		}
		in.Workers, in.Placements = append(in.Workers, w), append(in.Placements, p)
		for day := 0; day < 5; day++ {
			id++
			in.Hours = append(in.Hours, &domain.HourLine{ID: id, PlacementID: p.ID, Date: w47.Start().AddDate(0, 0, day), Type: domain.HourNormal,
				Quantity: dec("8"), Status: domain.HoursImported, Timestamps: domain.Timestamps{CreatedAt: at(11, 23, 9, 0)}})
		}
		for wk := 1; wk <= 26; wk++ {
			id++
			in.History = append(in.History, &domain.HourLine{ID: id, PlacementID: p.ID, Date: w47.Start().AddDate(0, 0, -7*wk), Type: domain.HourNormal,
				Quantity: dec("8"), Status: domain.HoursPaid})
		}
	}
	return in
}

// BenchmarkEvaluate runs the checklist at 2 000 and 8 000 workers: the time
// per worker (µs/worker) should stay about the same (issue #10; it grew
// fourfold when every worker scanned everyone's placements and hour lines).
func BenchmarkEvaluate(b *testing.B) {
	for _, n := range []int{2000, 8000} {
		in := bigInput(n)
		b.Run(fmt.Sprintf("workers=%d", n), func(b *testing.B) {
			for b.Loop() {
				checks.Run(in)
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N)/float64(n), "µs/worker")
		})
	}
}
