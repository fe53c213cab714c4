package payrun_test

import (
	"context"
	"fmt"
	"strconv"
	"testing"
	"time"

	"verloner/app"
	"verloner/app/checking"
	"verloner/app/payrun"
	"verloner/domain"
	"verloner/importers"
)

// benchBSN returns the i-th elfproef-valid BSN from 100000000 on (every
// worker its own, so the checklist finds no shared BSNs).
func benchBSN(i int) string {
	for n := 100000000 + i*11; ; n++ {
		s := strconv.Itoa(n)
		if domain.ValidBSN(s) {
			return s
		}
	}
}

// benchIBAN returns a valid Dutch IBAN with account number i.
func benchIBAN(i int) string {
	acct := fmt.Sprintf("%010d", 417000000+i)
	// mod 97 of "ABNA" + account + "NL00" as digits (A=10 … Z=35).
	digits := "10112310" + acct + "232100"
	rem := 0
	for _, d := range digits {
		rem = (rem*10 + int(d-'0')) % 97
	}
	return fmt.Sprintf("NL%02dABNA%s", 98-rem, acct)
}

// bigWeek fills a clean administration with n payroll-ready workers, each
// with one placement and a week of hours (five days of 8 NORM, some overtime
// and shift hours, kilometres), in one import transaction.
func bigWeek(b *testing.B, n int) *clean {
	b.Helper()
	ctx := context.Background()
	c := newClean(b, wednesday)
	imp := &app.MasterDataImport{File: app.ImportFile{Hash: "bench", FileName: "bench.xlsx", Kind: importers.KindPlacements, ImportedAt: wednesday}}
	for i := 0; i < n; i++ {
		nr := fmt.Sprintf("%d", 10000+i)
		imp.Workers = append(imp.Workers, &domain.Worker{Number: nr, FirstName: "Test", LastName: "Kracht " + nr,
			BirthDate: domain.Date(1970+i%35, time.Month(1+i%12), 1+i%28), BSN: benchBSN(i), IBAN: benchIBAN(i),
			Identity:       domain.IDDocument{Type: "paspoort", Number: "X" + nr, Expiry: domain.Date(2031, 1, 1)},
			ApplyTaxCredit: i%5 != 0, TaxCreditSignedOn: domain.Date(2025, 12, 1), Phase: domain.PhaseA, Uitzendbeding: true,
			ContractSignedOn: domain.Date(2025, 12, 1), Reservations: domain.ReservationsReserved, Language: domain.Dutch,
			StartDate: domain.Date(2025, 12, 1), DeductionAuthSigned: domain.Date(2025, 12, 1)})
		p := &domain.Placement{Number: "P" + nr, Start: domain.Date(2025, 12, 1), HourlyWage: dec("15").Add(dec(fmt.Sprintf("0.%02d", i%100))),
			BillingRate: dec("30"), TravelPerKm: dec("0.21"), Phase: domain.PhaseA}
		for _, ty := range domain.HourTypes {
			p.Rates = append(p.Rates, domain.HourTypeRate{Type: ty, PayPercent: ty.DefaultPayPercent(), BillPercent: ty.DefaultPayPercent()})
		}
		imp.Placements = append(imp.Placements, app.PlacementImport{Placement: p, WorkerNumber: nr, HirerNumber: c.hirer.Number})
	}
	for _, w := range imp.Workers {
		if !domain.ValidBSN(w.BSN) || !domain.ValidIBAN(w.IBAN) {
			b.Fatalf("bench data: %s %s", w.BSN, w.IBAN)
		}
	}
	if err := c.db.CommitMasterDataImport(ctx, imp); err != nil {
		b.Fatal(err)
	}
	var lines []*domain.HourLine
	for i, pi := range imp.Placements {
		for d := 16; d <= 20; d++ {
			lines = append(lines, &domain.HourLine{PlacementID: pi.Placement.ID, Date: domain.Date(2026, 11, d), Type: domain.HourNormal, Quantity: dec("8")})
		}
		switch i % 4 {
		case 1:
			lines = append(lines, &domain.HourLine{PlacementID: pi.Placement.ID, Date: domain.Date(2026, 11, 21), Type: domain.HourOvertime150, Quantity: dec("4.5")})
		case 2:
			lines = append(lines, &domain.HourLine{PlacementID: pi.Placement.ID, Date: domain.Date(2026, 11, 18), Type: domain.HourShift, Quantity: dec("3")})
		case 3:
			lines = append(lines, &domain.HourLine{PlacementID: pi.Placement.ID, Date: domain.Date(2026, 11, 17), Type: domain.HourKilometres, Quantity: dec("42")})
		}
	}
	if err := c.db.AddHourLines(ctx, lines); err != nil {
		b.Fatal(err)
	}
	return c
}

// BenchmarkProof2000 measures a proof run of 2 000 workers: the whole use
// case (fresh checklist, loading, calculating, storing), and the run alone
// with a given checklist, serial and in parallel.
func BenchmarkProof2000(b *testing.B) {
	ctx := context.Background()
	c := bigWeek(b, 2000)
	opt := options(wednesday)
	b.Run("full", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			run, err := payrun.Proof(ctx, c.db, w47, opt, nil)
			if err != nil || len(run.Payslips) != 2000 {
				b.Fatalf("%v", err)
			}
		}
	})
	cl, err := checking.RunWith(ctx, c.db, w47, checking.Options{Now: opt.Now, DryRun: true}, nil)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("checklist", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			if _, err := checking.RunWith(ctx, c.db, w47, checking.Options{Now: opt.Now, DryRun: true}, nil); err != nil {
				b.Fatal(err)
			}
		}
	})
	for _, par := range []int{1, 2} {
		b.Run(fmt.Sprintf("run-parallel-%d", par), func(b *testing.B) {
			o := opt
			o.Checklist, o.Parallel = cl, par
			for i := 0; i < b.N; i++ {
				if _, err := payrun.Proof(ctx, c.db, w47, o, nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkFinalise2000 measures approving and finalising a proof of 2 000
// workers: fresh checklist, recalculation, backup (VACUUM INTO) and the final
// run's transaction. Each iteration starts from a new administration.
func BenchmarkFinalise2000(b *testing.B) {
	ctx := context.Background()
	opt := options(wednesday)
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		c := bigWeek(b, 2000)
		if _, err := payrun.Proof(ctx, c.db, w47, opt, nil); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if _, err := payrun.Approve(ctx, c.db, w47, opt); err != nil {
			b.Fatal(err)
		}
		run, err := payrun.Finalise(ctx, c.db, w47, opt, nil)
		if err != nil || len(run.Payslips) != 2000 {
			b.Fatalf("%v", err)
		}
	}
}
