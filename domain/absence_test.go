package domain_test

import (
	"testing"
	"time"

	"verloner/domain"
)

func TestSickReport_SickOnAndValidate(t *testing.T) {
	r := &domain.SickReport{WorkerID: 1, FirstDay: domain.Date(2026, 11, 18), ReportedAt: time.Date(2026, 11, 18, 8, 0, 0, 0, time.UTC),
		RecoveredOn: domain.Date(2026, 11, 20)}
	for day, want := range map[int]bool{17: false, 18: true, 19: true, 20: false} {
		if got := r.SickOn(time.Date(2026, 11, day, 15, 0, 0, 0, time.UTC)); got != want {
			t.Errorf("SickOn(%d-11) = %v", day, got)
		}
	}
	open := *r
	open.RecoveredOn = time.Time{}
	if !open.SickOn(domain.Date(2027, 1, 1)) {
		t.Error("open report not sick later on")
	}
	tests := []struct {
		name string
		edit func(*domain.SickReport)
		ok   bool
	}{
		{"complete", func(*domain.SickReport) {}, true},
		{"no worker", func(r *domain.SickReport) { r.WorkerID = 0 }, false},
		{"no first day", func(r *domain.SickReport) { r.FirstDay = time.Time{} }, false},
		{"no report time", func(r *domain.SickReport) { r.ReportedAt = time.Time{} }, false},
		{"recovered on first day", func(r *domain.SickReport) { r.RecoveredOn = r.FirstDay }, false},
		{"unknown source", func(r *domain.SickReport) { r.Source = "fax" }, false},
	}
	for _, tt := range tests {
		c := *r
		tt.edit(&c)
		if err := c.Validate(); (err == nil) != tt.ok {
			t.Errorf("%s: %v", tt.name, err)
		}
	}
}

func TestAdvanceAndDeduction_Validate(t *testing.T) {
	w47 := domain.Period{Kind: domain.Weekly, Year: 2026, Number: 47}
	advances := []struct {
		a  domain.Advance
		ok bool
	}{
		{domain.Advance{WorkerID: 1, Period: w47, Amount: domain.MustDec("250.00")}, true},
		{domain.Advance{WorkerID: 1, Period: w47, Amount: domain.MustDec("0")}, false},
		{domain.Advance{WorkerID: 1, Period: w47, Amount: domain.MustDec("1.005")}, false},
		{domain.Advance{WorkerID: 1, Amount: domain.MustDec("1")}, false},
		{domain.Advance{Period: w47, Amount: domain.MustDec("1")}, false},
	}
	for i, tt := range advances {
		if err := tt.a.Validate(); (err == nil) != tt.ok {
			t.Errorf("advance %d: %v", i, err)
		}
	}
	if a := (domain.Advance{RepaidIn: w47}); a.Open() {
		t.Error("repaid advance open")
	}
	deductions := []struct {
		d     domain.Deduction
		ok    bool
		proof bool
	}{
		{domain.Deduction{WorkerID: 1, Period: w47, Kind: domain.DeductionFine, Amount: domain.MustDec("75"), ProofRef: "x"}, true, true},
		{domain.Deduction{WorkerID: 1, Period: w47, Kind: domain.DeductionHousing, Amount: domain.MustDec("75"), ProofReceivedOn: domain.Date(2026, 11, 1)}, true, true},
		{domain.Deduction{WorkerID: 1, Period: w47, Kind: "snoep", Amount: domain.MustDec("75")}, false, false},
		{domain.Deduction{WorkerID: 1, Period: w47, Kind: domain.DeductionTicket, Amount: domain.MustDec("-5")}, false, false},
	}
	for i, tt := range deductions {
		if err := tt.d.Validate(); (err == nil) != tt.ok || tt.d.HasProof() != tt.proof {
			t.Errorf("deduction %d: %v, proof %v", i, err, tt.d.HasProof())
		}
	}
	if !domain.DeductionDamage.IsPenalty() || domain.DeductionHousing.IsPenalty() {
		t.Error("IsPenalty")
	}
}
