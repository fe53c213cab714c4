package payroll_test

import (
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"verloner/domain"
	"verloner/domain/params"
)

var builtinSet *params.Set

func set(tb testing.TB) *params.Set {
	tb.Helper()
	if builtinSet == nil {
		s, err := params.Builtin()
		if err != nil {
			tb.Fatal(err)
		}
		builtinSet = s
	}
	return builtinSet
}

func pack(tb testing.TB, year int) *params.Pack {
	tb.Helper()
	p, err := set(tb).Year(year)
	if err != nil {
		tb.Fatal(err)
	}
	return p
}

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func date(y int, m time.Month, d int) time.Time { return domain.Date(y, m, d) }

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

func week(y, n int) domain.Period { return domain.Period{Kind: domain.Weekly, Year: y, Number: n} }

// worker is an adult fase-A uitzendkracht with a valid BSN, the
// loonheffingskorting signed for, reservations reserved.
func worker(id int64, birth string) *domain.Worker {
	return &domain.Worker{ID: id, Number: "W" + decimal.NewFromInt(id).String(), LastName: "Test", BirthDate: day(birth),
		BSN: "123456782", ApplyTaxCredit: true, TaxCreditSignedOn: date(2025, 12, 1), Phase: domain.PhaseA,
		Uitzendbeding: true, Reservations: domain.ReservationsReserved, Language: domain.Dutch}
}

func placement(id, workerID int64, wage string) *domain.Placement {
	return &domain.Placement{ID: id, Number: "P" + decimal.NewFromInt(id).String(), WorkerID: workerID, HirerID: 1,
		HourlyWage: dec(wage), Phase: domain.PhaseA}
}

func placements(ps ...*domain.Placement) map[int64]*domain.Placement {
	m := map[int64]*domain.Placement{}
	for _, p := range ps {
		m[p.ID] = p
	}
	return m
}

func hl(placementID int64, d time.Time, t domain.HourType, qty string) *domain.HourLine {
	return &domain.HourLine{PlacementID: placementID, Date: d, Type: t, Quantity: dec(qty), Status: domain.HoursApproved}
}
