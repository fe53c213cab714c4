package checking

import (
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"verloner/app"
	"verloner/domain"
)

// RES-END names a worker who left with a positive balance and no open request
// for it: not one who is still employed or leaves after the period, not a
// scheme already asked for, not an empty or negative balance.
func TestReservationFindings(t *testing.T) {
	w47 := domain.Period{Kind: domain.Weekly, Year: 2026, Number: 47} // 16–22 November 2026
	d := decimal.RequireFromString
	workers := []*domain.Worker{
		{ID: 1, Number: "1001", EndDate: domain.Date(2026, 11, 18)}, // left in the period
		{ID: 2, Number: "1002"}, // employed
		{ID: 3, Number: "1003", EndDate: domain.Date(2026, 11, 23)}, // leaves after the period
		{ID: 4, Number: "1004", EndDate: domain.Date(2026, 6, 30)},  // left earlier, all asked for
		{ID: 5, Number: "1005", EndDate: domain.Date(2026, 9, 4)},   // left earlier, nothing left
	}
	balances := []app.ReservationBalance{
		{WorkerID: 1, Scheme: "vakantiebijslag", Unit: app.UnitMoney, Balance: d("412.80")},
		{WorkerID: 1, Scheme: "vakantie_uren", Unit: app.UnitHours, Balance: d("33.54")},
		{WorkerID: 1, Scheme: "feestdagen", Unit: app.UnitMoney, Balance: d("0")},
		{WorkerID: 2, Scheme: "vakantiebijslag", Unit: app.UnitMoney, Balance: d("100")},
		{WorkerID: 3, Scheme: "vakantiebijslag", Unit: app.UnitMoney, Balance: d("100")},
		{WorkerID: 4, Scheme: "vakantiebijslag", Unit: app.UnitMoney, Balance: d("55.10")},
		{WorkerID: 5, Scheme: "vakantiebijslag", Unit: app.UnitMoney, Balance: d("-0.01")},
	}
	open := []*app.PayoutRequest{{ID: 9, WorkerID: 4, Scheme: "vakantiebijslag"}, {ID: 10, WorkerID: 1, Scheme: "kort_verzuim"}}
	got := reservationFindings(w47, workers, balances, open)
	if len(got) != 1 || got[0].WorkerID != 1 || got[0].Rule != RuleReservationsAtEnd {
		t.Fatalf("findings %+v, want one RES-END for worker 1", got)
	}
	wantNL := "Uit dienst per 18-11-2026; nog gereserveerd zonder uitbetalingsverzoek: vakantiegeld € 412,80, vakantie-uren 33,54 uur."
	wantEN := "Employment ended on 18-11-2026; still reserved without a payout request: holiday pay € 412.80, holiday hours 33.54 hours."
	if got[0].Message.NL != wantNL || got[0].Message.EN != wantEN {
		t.Errorf("message\n got %q\n     %q\nwant %q\n     %q", got[0].Message.NL, got[0].Message.EN, wantNL, wantEN)
	}
	if none := reservationFindings(w47, workers[1:2], balances, nil); len(none) != 0 {
		t.Errorf("an employed worker: %+v", none)
	}
}

// RES-VAKGELD: the vakantiebijslagjaar runs June–May and its money is due by
// the first week of June. After that, what is left of the balance beyond the
// money reserved since 1 June (accruals of periods from June on, opening
// balances taken over since) is late; before it nothing is.
func TestHolidayPayLateFindings(t *testing.T) {
	d := decimal.RequireFromString
	week := func(n int) domain.Period { return domain.Period{Kind: domain.Weekly, Year: 2026, Number: n} }
	for _, c := range []struct {
		period domain.Period
		cut    string
	}{
		{week(23), "2025-06-01"}, // 1–7 June 2026: this year's deadline not passed yet
		{week(24), "2026-06-01"}, // 8–14 June 2026
		{week(47), "2026-06-01"},
		{domain.Period{Kind: domain.Monthly, Year: 2026, Number: 5}, "2025-06-01"},
	} {
		if got := holidayPayCut(c.period).Format("2006-01-02"); got != c.cut {
			t.Errorf("%s: cut %s, want %s", c.period, got, c.cut)
		}
	}
	balances := []app.ReservationBalance{
		{WorkerID: 1, Scheme: "vakantiebijslag", Unit: app.UnitMoney, Balance: d("500")}, // 100 since June: 400 late
		{WorkerID: 2, Scheme: "vakantiebijslag", Unit: app.UnitMoney, Balance: d("100")}, // all since June
		{WorkerID: 3, Scheme: "vakantiebijslag", Unit: app.UnitMoney, Balance: d("250")}, // taken over in September
		{WorkerID: 4, Scheme: "vakantiebijslag", Unit: app.UnitMoney, Balance: d("0")},
		{WorkerID: 1, Scheme: "vakantie_uren", Unit: app.UnitHours, Balance: d("80")},
	}
	move := func(worker int64, kind string, n int, at time.Time, amount string) app.ReservationMove {
		return app.ReservationMove{WorkerID: worker, Scheme: "vakantiebijslag", Unit: app.UnitMoney, Kind: kind, Period: week(n), At: at, Amount: d(amount)}
	}
	recent := []app.ReservationMove{
		move(1, "accrual", 22, domain.Date(2026, 6, 3), "60"), // 25–31 May, written in June: still the old year
		move(1, "accrual", 24, domain.Date(2026, 6, 17), "50"),
		move(1, "accrual", 30, domain.Date(2026, 7, 29), "50"),
		move(2, "accrual", 40, domain.Date(2026, 10, 7), "100"),
		{WorkerID: 3, Scheme: "vakantiebijslag", Unit: app.UnitMoney, Kind: "opening", At: domain.Date(2026, 9, 1), Amount: d("250")},
	}
	got := holidayPayLateFindings(week(47), balances, recent)
	if len(got) != 1 || got[0].WorkerID != 1 || got[0].Rule != RuleHolidayPayLate ||
		got[0].Message.NL != "€ 400,00 vakantiegeld van vóór 01-06-2026 is nog niet uitbetaald (uiterlijk in de eerste week van juni)." {
		t.Fatalf("week 47: %+v", got)
	}
	// In the first week of June 2026 the year June 2025–May 2026 is still
	// being paid out: its 500 reserved are not late yet.
	early := []app.ReservationMove{{WorkerID: 1, Scheme: "vakantiebijslag", Unit: app.UnitMoney, Kind: "accrual",
		Period: domain.Period{Kind: domain.Weekly, Year: 2025, Number: 30}, At: domain.Date(2025, 7, 30), Amount: d("500")}}
	if got := holidayPayLateFindings(week(23), balances[:1], early); len(got) != 0 {
		t.Errorf("first week of June: %+v", got)
	}
	if got := holidayPayLateFindings(week(24), balances[:1], early); len(got) != 1 || !strings.HasPrefix(got[0].Message.NL, "€ 500,00") {
		t.Errorf("second week of June: %+v", got)
	}
}
