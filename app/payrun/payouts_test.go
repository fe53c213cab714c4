package payrun_test

import (
	"context"
	"testing"
	"time"

	"verloner/app"
	"verloner/app/payrun"
	"verloner/domain"
	"verloner/domain/payroll"
)

// Payout requests by hand and for everyone: one open request per worker and
// scheme, "everyone" means everyone with a balance and no open request yet,
// and only an open request can be withdrawn.
func TestPayoutRequests_AllAndCancel(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 5, 20, 10, 0, 0, 0, time.UTC)
	c := newClean(t, now)
	var ws []*domain.Worker
	for i, bal := range []string{"412.80", "96.00", "0", ""} { // the last has no balance at all
		w, _ := c.worker(t, string(rune('1'+i)), "1990-01-01", "15.00")
		ws = append(ws, w)
		if bal != "" {
			must(t, c.db.SaveOpeningBalance(ctx, &app.OpeningBalance{WorkerID: w.ID, Year: 2026,
				Reservations: []app.ReservationMove{{Scheme: payroll.SchemeHolidayPay, Unit: app.UnitMoney, Amount: dec(bal)}}}))
		}
	}
	byHand, err := payrun.RequestPayout(ctx, c.db, ws[1].ID, payroll.SchemeHolidayPay, dec("50.00"), "vakantie")
	must(t, err)
	if _, err := payrun.RequestPayout(ctx, c.db, ws[1].ID, payroll.SchemeHolidayPay, dec("0"), ""); domain.ErrorCode(err) != domain.ECONFLICT {
		t.Errorf("second open request for the same scheme: %v", err)
	}
	if _, err := payrun.RequestPayout(ctx, c.db, ws[1].ID, "dertiende maand", dec("0"), ""); domain.ErrorCode(err) != domain.EINVALID {
		t.Errorf("unknown scheme: %v", err)
	}
	made, err := payrun.RequestPayoutAll(ctx, c.db, payroll.SchemeHolidayPay, "vakantiegeld mei")
	must(t, err)
	if len(made) != 1 || made[0].WorkerID != ws[0].ID || !made[0].Amount.IsZero() || made[0].Note != "vakantiegeld mei" {
		t.Fatalf("requests for everyone: %+v, want one for worker %d only", made, ws[0].ID)
	}
	if again, err := payrun.RequestPayoutAll(ctx, c.db, payroll.SchemeHolidayPay, ""); err != nil || len(again) != 0 {
		t.Errorf("everyone again: %d requests, %v", len(again), err)
	}

	cancelled, err := payrun.CancelPayout(ctx, c.db, byHand.ID)
	must(t, err)
	if cancelled.Status != "cancelled" {
		t.Errorf("cancelled request: %+v", cancelled)
	}
	if _, err := payrun.CancelPayout(ctx, c.db, byHand.ID); domain.ErrorCode(err) != domain.ECONFLICT {
		t.Errorf("withdrawing twice: %v", err)
	}
	if _, err := payrun.CancelPayout(ctx, c.db, 9999); domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Errorf("unknown request: %v", err)
	}
	// Withdrawn, worker 2 may ask again.
	if _, err := payrun.RequestPayout(ctx, c.db, ws[1].ID, payroll.SchemeHolidayPay, dec("0"), ""); err != nil {
		t.Errorf("asking again after withdrawing: %v", err)
	}
	open, _ := c.db.PayoutRequests(ctx, true)
	if len(open) != 2 {
		t.Errorf("%d open requests, want 2", len(open))
	}
}
