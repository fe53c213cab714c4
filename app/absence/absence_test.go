package absence_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"verloner/app/absence"
	"verloner/app/payrun"
	"verloner/app/sqlite"
	"verloner/domain"
	abs "verloner/domain/absence"
	"verloner/domain/contract"
	"verloner/domain/payroll"
)

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

var (
	w47 = domain.Period{Kind: domain.Weekly, Year: 2026, Number: 47} // 16–22 November
	now = time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)
)

// TestSickHoursIntoPayroll: a worker with 13 weeks of Mon–Fri 8 h reports
// sick on Tuesday 17-11 (on time); his contract ends on Thursday 19-11.
// AddSickLines makes ZIEK lines for Tue–Thu (8 h each, 90 %), none after the
// end (Ziektewet); a second call adds nothing; the proof pays Wednesday and
// Thursday and makes Tuesday the waiting day.
func TestSickHoursIntoPayroll(t *testing.T) {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "a"+sqlite.Ext))
	must(t, err)
	defer db.Close()
	db.Now = func() time.Time { return now }
	must(t, db.SaveAgency(ctx, &domain.Agency{Name: "Bureau", Frequency: domain.Weekly, EmployerSize: domain.SmallEmployer, Deadlines: domain.DefaultDeadlines()}))
	h := &domain.Hirer{Number: "H1", Name: "Klant"}
	must(t, db.SaveHirer(ctx, h))
	w := &domain.Worker{Number: "1", FirstName: "Piet", LastName: "Ziek", BirthDate: domain.Date(1990, 1, 1), BSN: "123456782",
		StartDate: domain.Date(2026, 1, 5), Phase: domain.PhaseA, Uitzendbeding: true, ApplyTaxCredit: true, TaxCreditSignedOn: domain.Date(2026, 1, 5)}
	must(t, db.SaveWorker(ctx, w))
	p := &domain.Placement{Number: "P1", WorkerID: w.ID, HirerID: h.ID, Start: domain.Date(2026, 1, 5), HourlyWage: dec("16.00"), BillingRate: dec("25")}
	must(t, db.SavePlacement(ctx, p))
	var lines []*domain.HourLine
	for d := domain.Date(2026, 8, 17); d.Before(domain.Date(2026, 11, 16)); d = d.AddDate(0, 0, 1) {
		if d.Weekday() != time.Saturday && d.Weekday() != time.Sunday {
			lines = append(lines, &domain.HourLine{PlacementID: p.ID, Date: d, Type: domain.HourNormal, Quantity: dec("8"), Status: domain.HoursPaid})
		}
	}
	lines = append(lines, &domain.HourLine{PlacementID: p.ID, Date: domain.Date(2026, 11, 16), Type: domain.HourNormal, Quantity: dec("8")})
	must(t, db.AddHourLines(ctx, lines))
	must(t, db.AddContract(ctx, &contract.Contract{WorkerID: w.ID, PlacementID: p.ID, Number: 1, Version: 1, Reason: contract.ReasonNew,
		EffectiveFrom: domain.Date(2026, 1, 5), Start: domain.Date(2026, 1, 5), End: domain.Date(2026, 11, 19), Phase: domain.PhaseA,
		Uitzendbeding: true, Language: domain.Dutch, AgreedHours: dec("4"), HourlyWage: dec("16"), WaitingDays: 1,
		SickPayPercent: dec("90"), SickPayPercentYear2: dec("80"), Body: "x", SignedOn: domain.Date(2026, 1, 5)}))
	rep := &domain.SickReport{WorkerID: w.ID, PlacementID: p.ID, FirstDay: domain.Date(2026, 11, 17), ReportedAt: time.Date(2026, 11, 17, 7, 45, 0, 0, time.UTC)}
	must(t, db.SaveSickReport(ctx, rep))

	got, err := absence.AddSickLines(ctx, db, w47)
	must(t, err)
	var have []string
	for _, l := range got.Lines {
		have = append(have, l.Date.Format("02")+" "+l.Quantity.String()+" "+l.PayPercent.String())
		if l.ID == 0 {
			t.Error("line not stored")
		}
	}
	if strings.Join(have, ",") != "17 8 90,18 8 90,19 8 90" {
		t.Errorf("sick lines %v", have)
	}
	if len(got.Notes) != 1 || !strings.Contains(got.Notes[0].Text.NL, "Ziektewet") {
		t.Errorf("notes %+v", got.Notes)
	}
	again, err := absence.AddSickLines(ctx, db, w47)
	must(t, err)
	if len(again.Lines) != 0 {
		t.Errorf("second run added %d lines", len(again.Lines))
	}

	run, err := payrun.Proof(ctx, db, w47, payrun.Options{Now: func() time.Time { return now }, Sick: &payroll.SickPay{WaitingDays: 1}}, nil)
	must(t, err)
	if len(run.Payslips) != 1 {
		t.Fatalf("payslips %d, left out %+v", len(run.Payslips), run.LeftOut)
	}
	var sick, waiting decimal.Decimal
	for _, l := range run.Payslips[0].Slip.Lines {
		switch l.Code {
		case string(domain.HourSick):
			sick = sick.Add(l.Amount)
		case payroll.CodeWaitingDay:
			waiting = waiting.Add(l.Quantity)
		}
	}
	// Two paid days: 16 h × 16,00 × 90 % = 230,40; Tuesday the waiting day.
	if !sick.Equal(dec("230.4")) || waiting.IsZero() {
		t.Errorf("payslip sick %s waiting %s; lines %+v", sick, waiting, run.Payslips[0].Slip.Lines)
	}

	// The record: ZW from 20-11, nothing reported to the arbodienst → a finding.
	opt := absence.Options{Now: func() time.Time { return now }, Location: time.UTC}
	cur, err := absence.Current(ctx, db, opt)
	must(t, err)
	if len(cur) != 1 || !cur[0].ZWRoute || !cur[0].ZWFrom.Equal(domain.Date(2026, 11, 20)) {
		t.Fatalf("current %+v", cur)
	}
	fs, err := absence.Findings(ctx, db, w47, opt)
	must(t, err)
	var msgs []string
	for _, f := range fs {
		msgs = append(msgs, f.Rule+" "+f.Message.NL)
	}
	if len(fs) != 2 || !strings.Contains(strings.Join(msgs, "|"), "arbodienst") || !strings.Contains(strings.Join(msgs, "|"), "UWV op de einddatum") {
		t.Errorf("findings %v", msgs)
	}
	must(t, absence.SaveFollowUp(ctx, db, &abs.FollowUp{ReportID: rep.ID, ArboReportedOn: domain.Date(2026, 11, 18), ZWReportedOn: domain.Date(2026, 11, 19)}))
	must(t, absence.AddNote(ctx, db, &abs.Note{ReportID: rep.ID, On: domain.Date(2026, 11, 24), Kind: "contact", Text: "gebeld"}))
	if fs, _ := absence.Findings(ctx, db, w47, opt); len(fs) != 0 {
		t.Errorf("findings after recording %+v", fs)
	}
	r, err := absence.Record(ctx, db, rep.ID, opt)
	must(t, err)
	if len(r.Notes) != 1 || r.Late() || r.Week != 2 || !r.PayPercent.Equal(dec("90")) {
		t.Errorf("record %+v", r)
	}
}
