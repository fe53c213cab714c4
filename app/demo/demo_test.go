package demo_test

import (
	"context"
	"path/filepath"
	"testing"

	"verloner/app/demo"
	"verloner/domain"
)

func TestCreate_DemoWeekIsReadyToProcess(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "demo.verloner")
	db, err := demo.Create(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()

	a, err := db.Agency(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !domain.ValidIBAN(a.IBAN) || !domain.ValidIBAN(a.GIBAN) || a.Frequency != domain.Weekly || a.Sector != 52 {
		t.Errorf("agency not payroll-ready: %+v", a)
	}
	workers, _ := db.Workers(ctx)
	hirers, _ := db.Hirers(ctx)
	placements, _ := db.Placements(ctx)
	if len(workers) != 25 || len(hirers) != 5 || len(placements) != 25 {
		t.Fatalf("demo has %d workers, %d hirers, %d placements; want 25, 5, 25", len(workers), len(hirers), len(placements))
	}

	// The deliberate dossier problems a new user should see.
	var badBSN, noIBAN, expiredID, unsigned int
	week, _ := domain.ParsePeriod(demo.Period)
	for _, w := range workers {
		if !domain.ValidBSN(w.BSN) {
			badBSN++
		}
		if w.IBAN == "" {
			noIBAN++
		} else if !domain.ValidIBAN(w.IBAN) {
			t.Errorf("worker %s has a malformed IBAN; demo IBANs are either valid or missing", w.Number)
		}
		if !w.Identity.Expiry.IsZero() && w.Identity.Expiry.Before(week.Start()) {
			expiredID++
		}
		if w.ContractSignedOn.IsZero() {
			unsigned++
		}
	}
	if badBSN != 2 || noIBAN != 1 || expiredID != 1 || unsigned != 1 {
		t.Errorf("dossier problems: bad BSN %d, no IBAN %d, expired ID %d, unsigned contract %d; want 2, 1, 1, 1",
			badBSN, noIBAN, expiredID, unsigned)
	}
	var reverse, unsignedRecord int
	for _, h := range hirers {
		if h.ReverseCharge {
			reverse++
		}
		if !h.Remuneration.Signed() {
			unsignedRecord++
		}
	}
	if reverse != 1 || unsignedRecord != 1 {
		t.Errorf("hirers: %d reverse charge, %d without signed remuneration record; want 1 and 1", reverse, unsignedRecord)
	}

	lines, err := db.HourLines(ctx, week.Start(), week.End())
	if err != nil {
		t.Fatal(err)
	}
	if len(lines) < 150 {
		t.Fatalf("only %d hour lines in %s", len(lines), demo.Period)
	}
	kinds := map[domain.HourType]bool{}
	for _, l := range lines {
		kinds[l.Type] = true
		if !week.Contains(l.Date) {
			t.Errorf("line outside the demo week: %v", l.Date)
		}
	}
	for _, k := range []domain.HourType{domain.HourNormal, domain.HourOvertime125, domain.HourOvertime150, domain.HourShift, domain.HourKilometres} {
		if !kinds[k] {
			t.Errorf("demo week has no %s hours", k)
		}
	}

	// A second load into the same administration is refused, not doubled.
	if err := demo.Load(ctx, db); domain.ErrorCode(err) != domain.ECONFLICT {
		t.Errorf("second load: %v", err)
	}
	if _, err := demo.Create(ctx, path); err == nil {
		t.Error("Create overwrote an existing file")
	}
}
