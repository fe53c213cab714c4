package checking

import (
	"testing"

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
