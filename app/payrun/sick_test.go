package payrun_test

import (
	"context"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"verloner/app/payrun"
	"verloner/domain"
	abs "verloner/domain/absence"
	"verloner/domain/contract"
	"verloner/domain/payroll"
)

// sickWeek is a worker with 13 weeks of Monday–Friday 8 hours before the
// demo week, who works Monday and Tuesday of it and reports sick on
// Wednesday 18-11 (not recovered), without any ZIEK lines: the sick hours
// must come from the sick report.
func sickWeek(t *testing.T, now time.Time) (*clean, *domain.Worker) {
	t.Helper()
	c := newClean(t, now)
	var lines []*domain.HourLine
	for wk := 13; wk >= 1; wk-- {
		lines = append(lines, week(domain.Date(2026, 11, 16).AddDate(0, 0, -7*wk), 5, domain.HourNormal, "8")...)
	}
	lines = append(lines, week(domain.Date(2026, 11, 16), 2, domain.HourNormal, "8")...)
	w, _ := c.worker(t, "1", "1990-01-01", "16.00", lines...)
	must(t, c.db.SaveSickReport(context.Background(), &domain.SickReport{WorkerID: w.ID, FirstDay: domain.Date(2026, 11, 18),
		ReportedAt: time.Date(2026, 11, 18, 6, 30, 0, 0, time.UTC), Source: domain.SickByHand}))
	return c, w
}

func sickLines(s *payroll.Payslip) (paid, waiting decimal.Decimal, pct decimal.Decimal) {
	for _, l := range s.Lines {
		switch {
		case l.Code == payroll.CodeWaitingDay:
			waiting = waiting.Add(l.Quantity)
		case l.HourType == domain.HourSick && l.Unit == payroll.UnitHour:
			paid, pct = paid.Add(l.Quantity), l.Percent
		}
	}
	return paid, waiting, pct
}

// TestProof_AddsSickHoursWithTheAgencysWaitingDays: a proof adds the sick
// report's ZIEK lines itself (once), at the settings' pay %, and the agency's
// two waiting days from its CAO settings leave two sick days unpaid.
func TestProof_AddsSickHoursWithTheAgencysWaitingDays(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)
	c, w := sickWeek(t, now)
	settings := contract.DefaultSettings()
	settings.WaitingDays = 2
	must(t, c.db.SaveContractSettings(ctx, settings))

	run, err := payrun.Proof(ctx, c.db, w47, options(now), nil)
	must(t, err)
	if len(run.Payslips) != 1 {
		t.Fatalf("%d payslips", len(run.Payslips))
	}
	paid, waiting, pct := sickLines(run.Payslips[0].Slip)
	// Wednesday–Friday 8 hours each: two waiting days, Friday paid at 90 %.
	if !paid.Equal(dec("8")) || !waiting.Equal(dec("16")) || !pct.Equal(dec("90")) {
		t.Errorf("sick hours paid %s at %s %%, waiting %s; want 8 at 90 %%, 16 waiting\n%+v", paid, pct, waiting, run.Payslips[0].Slip.Lines)
	}
	countSick := func() int {
		lines, err := c.db.HourLines(ctx, w47.Start(), w47.End())
		must(t, err)
		n := 0
		for _, l := range lines {
			if l.Type == domain.HourSick {
				if l.Source.File != abs.SickSourceFile {
					t.Errorf("sick line without the sick-report source: %+v", l.Source)
				}
				n++
			}
		}
		return n
	}
	if n := countSick(); n != 3 {
		t.Fatalf("%d ZIEK lines stored, want 3", n)
	}
	// A second proof adds nothing and calculates the same.
	again, err := payrun.Proof(ctx, c.db, w47, options(now), nil)
	must(t, err)
	if n := countSick(); n != 3 {
		t.Errorf("second proof: %d ZIEK lines", n)
	}
	if !again.Payslips[0].Slip.Net.Equal(run.Payslips[0].Slip.Net) {
		t.Errorf("second proof net %s, first %s", again.Payslips[0].Slip.Net, run.Payslips[0].Slip.Net)
	}
	// Approve and finalise pay what the proof showed.
	_, err = payrun.Approve(ctx, c.db, w47, options(now))
	must(t, err)
	final, err := payrun.Finalise(ctx, c.db, w47, options(now), nil)
	must(t, err)
	if !final.Payslips[0].Slip.Net.Equal(run.Payslips[0].Slip.Net) || final.Payslips[0].WorkerID != w.ID {
		t.Errorf("final net %s, proof %s", final.Payslips[0].Slip.Net, run.Payslips[0].Slip.Net)
	}
}

// TestProof_CallersSickOptionsWin: Options.Sick given by the caller is used
// as is (here: no waiting days), not the settings'.
func TestProof_CallersSickOptionsWin(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)
	c, _ := sickWeek(t, now)
	opt := options(now)
	opt.Sick = &payroll.SickPay{}
	run, err := payrun.Proof(ctx, c.db, w47, opt, nil)
	must(t, err)
	paid, waiting, _ := sickLines(run.Payslips[0].Slip)
	if !paid.Equal(dec("24")) || !waiting.IsZero() {
		t.Errorf("sick hours paid %s, waiting %s; want 24 and none", paid, waiting)
	}
	// Default settings: one waiting day.
	c2, _ := sickWeek(t, now)
	run, err = payrun.Proof(ctx, c2.db, w47, options(now), nil)
	must(t, err)
	if paid, waiting, _ := sickLines(run.Payslips[0].Slip); !paid.Equal(dec("16")) || !waiting.Equal(dec("8")) {
		t.Errorf("default settings: paid %s, waiting %s; want 16 and 8", paid, waiting)
	}
}
