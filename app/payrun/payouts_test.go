package payrun_test

import (
	"context"
	"testing"
	"time"

	"verloner/app"
	"verloner/app/payrun"
	"verloner/domain"
	"verloner/domain/payroll"
	"verloner/exporters/reservations"
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

// The statement on a date holds the opening balances and the moves of the
// final runs of periods ended by then; hours get the latest placement's wage.
func TestReservationStatement_OnADate(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)
	c := newClean(t, now)
	w, _ := c.worker(t, "1", "1990-01-01", "16.00", week(domain.Date(2026, 11, 16), 3, domain.HourNormal, "8")...)
	c.worker(t, "2", "1991-01-01", "15.00") // nothing reserved: not in the statement
	must(t, c.db.SaveOpeningBalance(ctx, &app.OpeningBalance{WorkerID: w.ID, Year: 2026,
		Reservations: []app.ReservationMove{{Scheme: payroll.SchemeHolidayPay, Unit: app.UnitMoney, Amount: dec("100.00")},
			{Scheme: payroll.SchemeHolidayHours, Unit: app.UnitHours, Amount: dec("10")}}}))
	opt := options(now)
	_, err := payrun.Proof(ctx, c.db, w47, opt, nil)
	must(t, err)
	_, err = payrun.Approve(ctx, c.db, w47, opt)
	must(t, err)
	_, err = payrun.Finalise(ctx, c.db, w47, opt, nil)
	must(t, err)
	pay := reservations.Key{Scheme: payroll.SchemeHolidayPay, Unit: reservations.Money}
	hours := reservations.Key{Scheme: payroll.SchemeHolidayHours, Unit: reservations.Hours}
	for _, c2 := range []struct {
		at         time.Time
		pay, hours string
	}{
		{domain.Date(2026, 11, 21), "100", "10"}, // W47 ends on the 22nd
		// + 8 % of 24 h × € 16,00 = € 30,72; + 24 h × 8,51 % = 2,04 h
		{domain.Date(2026, 11, 22), "130.72", "12.04"},
	} {
		s, err := payrun.ReservationStatement(ctx, c.db, c2.at)
		must(t, err)
		if len(s.Rows) != 1 || s.Rows[0].Number != "1" || !s.Rows[0].HourlyWage.Equal(dec("16")) {
			t.Fatalf("statement on %s: %+v", c2.at.Format("2006-01-02"), s.Rows)
		}
		if b := s.Rows[0].Balances; !b[pay].Equal(dec(c2.pay)) || !b[hours].Equal(dec(c2.hours)) {
			t.Errorf("statement on %s: %v, want vakantiebijslag %s and %s hours", c2.at.Format("2006-01-02"), b, c2.pay, c2.hours)
		}
	}
}
