package sqlite_test

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"verloner/app/sqlite"
	"verloner/domain"
)

// MustOpenDB opens a fresh administration in a temp dir.
func MustOpenDB(tb testing.TB) *sqlite.DB {
	tb.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(tb.TempDir(), "test"+sqlite.Ext))
	if err != nil {
		tb.Fatal(err)
	}
	db.Now = func() time.Time { return time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC) }
	db.User = "tester"
	tb.Cleanup(func() { db.Close() })
	return db
}

func TestOpen_CreatesPrivateFileAndMigrates(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "a"+sqlite.Ext)
	db, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := st.Mode().Perm(); got != 0o600 {
		t.Errorf("file mode %o, want 600", got)
	}
	if err := db.IntegrityCheck(context.Background()); err != nil {
		t.Fatal(err)
	}
	db.Close()
	// Reopening is a no-op migration.
	db2, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	db2.Close()
}

func TestOpen_RefusesNewerSchema(t *testing.T) {
	path := filepath.Join(t.TempDir(), "new"+sqlite.Ext)
	db, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Exec(context.Background(), "PRAGMA user_version = 99"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	_, err = sqlite.Open(context.Background(), path)
	if err == nil || !strings.Contains(err.Error(), "nieuwere versie van Verloner") {
		t.Fatalf("err = %v, want refusal naming a newer Verloner", err)
	}
}

func TestOpen_RefusesNonDatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "junk"+sqlite.Ext)
	if err := os.WriteFile(path, []byte(strings.Repeat("not a database ", 200)), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := sqlite.Open(context.Background(), path); err == nil {
		t.Fatal("opened a junk file")
	}
}

func TestWorker_RoundTripKeepsEveryField(t *testing.T) {
	db := MustOpenDB(t)
	ctx := context.Background()
	w := &domain.Worker{Number: "1001", Initials: "J.", FirstName: "Jan", Prefix: "van", LastName: "Dijk",
		BirthDate: domain.Date(1990, 3, 4), BSN: "1112.22.333", Nationality: "NL", IBAN: "nl91 abna 0417 1643 00",
		Identity:       domain.IDDocument{Type: "paspoort", Number: "NX1234567", Expiry: domain.Date(2030, 1, 1)},
		ApplyTaxCredit: true, TaxCreditSignedOn: domain.Date(2026, 1, 5), Phase: domain.PhaseB,
		Uitzendbeding: false, Language: domain.Polish, Reservations: domain.ReservationsWeekly, ETEligible: true,
		ET:               domain.ETProofs{HomeAbroad: domain.Date(2026, 2, 1), TravelCosts: domain.Date(2026, 2, 2), HousingSNF: domain.Date(2026, 2, 3)},
		ContractSignedOn: domain.Date(2026, 1, 4), DeductionAuthSigned: domain.Date(2026, 1, 6)}
	if err := db.SaveWorker(ctx, w); err != nil {
		t.Fatal(err)
	}
	got, err := db.Worker(ctx, w.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.BSN != "111222333" || got.IBAN != "NL91ABNA0417164300" {
		t.Errorf("identifiers not normalised: %q %q", got.BSN, got.IBAN)
	}
	if !got.ET.Complete() || got.Language != domain.Polish || got.Phase != domain.PhaseB || got.Uitzendbeding {
		t.Errorf("fields lost: %+v", got)
	}
	if !got.Identity.Expiry.Equal(domain.Date(2030, 1, 1)) || !got.BirthDate.Equal(domain.Date(1990, 3, 4)) {
		t.Errorf("dates lost: %v %v", got.Identity.Expiry, got.BirthDate)
	}
	// Duplicate number is a conflict, not a crash.
	dup := &domain.Worker{Number: "1001", LastName: "Ander"}
	if err := db.SaveWorker(ctx, dup); domain.ErrorCode(err) != domain.ECONFLICT {
		t.Fatalf("duplicate number: err=%v, want conflict", err)
	}
	// The audit log names the worker without the whole BSN.
	log, err := db.Audit(ctx, "worker", w.ID)
	if err != nil || len(log) != 1 {
		t.Fatalf("audit: %v %v", log, err)
	}
	if strings.Contains(log[0].Detail, "111222333") || log[0].User != "tester" {
		t.Errorf("audit detail %q user %q", log[0].Detail, log[0].User)
	}
}

func TestHirerAndPlacement_MoneyStaysExact(t *testing.T) {
	db := MustOpenDB(t)
	ctx := context.Background()
	w := &domain.Worker{Number: "1", LastName: "A"}
	if err := db.SaveWorker(ctx, w); err != nil {
		t.Fatal(err)
	}
	h := &domain.Hirer{Number: "H1", Name: "Inlener BV", CreditLimit: domain.MustDec("12345678901234567.89"),
		GSharePercent: domain.MustDec("25"), ReverseCharge: true,
		Remuneration: domain.RemunerationRecord{Basis: domain.Inlenersbeloning, CAO: "CAO Metalektro",
			SignedOn: domain.Date(2026, 1, 2), Components: []domain.RemunerationComponent{{Name: "Overwerk", Value: "125%"}, {Name: "ORT", Value: "20%"}}},
		Aliases: []domain.WorkerAlias{{WorkerID: w.ID, Code: "P-77"}}}
	if err := db.SaveHirer(ctx, h); err != nil {
		t.Fatal(err)
	}
	p := &domain.Placement{Number: "PL1", WorkerID: w.ID, HirerID: h.ID, Start: domain.Date(2026, 1, 1),
		HourlyWage: domain.MustDec("14.71"), BillingRate: domain.MustDec("0.10"),
		Rates: []domain.HourTypeRate{{Type: domain.HourOvertime150, PayPercent: domain.MustDec("150"), BillPercent: domain.MustDec("162.5")}}}
	if err := db.SavePlacement(ctx, p); err != nil {
		t.Fatal(err)
	}
	hs, err := db.Hirers(ctx)
	if err != nil || len(hs) != 1 {
		t.Fatal(hs, err)
	}
	if got := hs[0].CreditLimit.String(); got != "12345678901234567.89" {
		t.Errorf("credit limit %s lost cents", got)
	}
	if len(hs[0].Remuneration.Components) != 2 || hs[0].Aliases[0].Code != "P-77" || !hs[0].ReverseCharge {
		t.Errorf("hirer details lost: %+v", hs[0])
	}
	ps, err := db.Placements(ctx)
	if err != nil || len(ps) != 1 {
		t.Fatal(ps, err)
	}
	if got := ps[0].BillingRate.StringFixed(2); got != "0.10" {
		t.Errorf("billing rate %s", got)
	}
	if r, ok := ps[0].Rate(domain.HourOvertime150); !ok || r.BillPercent.String() != "162.5" {
		t.Errorf("rate %v %v", r, ok)
	}
	// Several rates come back in hour-type order, with their exact
	// percentages, and only with their own placement.
	p2 := &domain.Placement{Number: "PL3", WorkerID: w.ID, HirerID: h.ID, Start: domain.Date(2026, 1, 1), HourlyWage: domain.MustDec("15"),
		Rates: []domain.HourTypeRate{
			{Type: domain.HourOvertime150, PayPercent: domain.MustDec("150"), BillPercent: domain.MustDec("171.25")},
			{Type: domain.HourNormal, PayPercent: domain.MustDec("100"), BillPercent: domain.MustDec("100")},
			{Type: domain.HourOvertime125, PayPercent: domain.MustDec("125"), BillPercent: domain.MustDec("137.50")},
		}}
	if err := db.SavePlacement(ctx, p2); err != nil {
		t.Fatal(err)
	}
	if ps, err = db.Placements(ctx); err != nil || len(ps) != 2 {
		t.Fatal(ps, err)
	}
	var got []string
	for _, r := range ps[1].Rates {
		got = append(got, string(r.Type)+" "+r.PayPercent.String()+"/"+r.BillPercent.String())
	}
	want := []string{string(domain.HourNormal) + " 100/100", string(domain.HourOvertime125) + " 125/137.5", string(domain.HourOvertime150) + " 150/171.25"}
	sort.Strings(want)
	if strings.Join(got, ", ") != strings.Join(want, ", ") || len(ps[0].Rates) != 1 {
		t.Errorf("rates of PL3: %q, want %q (PL1 has %d)", got, want, len(ps[0].Rates))
	}
	// A placement for a worker that does not exist is refused by the foreign key.
	bad := &domain.Placement{Number: "PL2", WorkerID: 999, HirerID: h.ID, Start: domain.Date(2026, 1, 1), HourlyWage: domain.MustDec("15")}
	if err := db.SavePlacement(ctx, bad); err == nil {
		t.Fatal("placement with unknown worker was stored")
	}
}

func TestAddHourLines_AllOrNothing(t *testing.T) {
	db := MustOpenDB(t)
	ctx := context.Background()
	w := &domain.Worker{Number: "1", LastName: "A"}
	h := &domain.Hirer{Number: "H1", Name: "X"}
	if err := db.SaveWorker(ctx, w); err != nil {
		t.Fatal(err)
	}
	if err := db.SaveHirer(ctx, h); err != nil {
		t.Fatal(err)
	}
	p := &domain.Placement{Number: "P", WorkerID: w.ID, HirerID: h.ID, Start: domain.Date(2026, 1, 1), HourlyWage: domain.MustDec("15")}
	if err := db.SavePlacement(ctx, p); err != nil {
		t.Fatal(err)
	}
	line := func(pid int64, day int) *domain.HourLine {
		return &domain.HourLine{PlacementID: pid, Date: domain.Date(2026, 11, day), Type: domain.HourNormal,
			Quantity: domain.MustDec("7.5"), PayPercent: domain.Hundred, BillPercent: domain.Hundred}
	}
	// The second line points at a missing placement: nothing may land.
	if err := db.AddHourLines(ctx, []*domain.HourLine{line(p.ID, 16), line(999, 17)}); err == nil {
		t.Fatal("expected a foreign-key error")
	}
	w47, _ := domain.ParsePeriod("2026-W47")
	got, err := db.HourLines(ctx, w47.Start(), w47.End())
	if err != nil || len(got) != 0 {
		t.Fatalf("half-written import: %d lines, err %v", len(got), err)
	}
	if err := db.AddHourLines(ctx, []*domain.HourLine{line(p.ID, 16), line(p.ID, 17), line(p.ID, 23)}); err != nil {
		t.Fatal(err)
	}
	got, _ = db.HourLines(ctx, w47.Start(), w47.End())
	if len(got) != 2 || got[0].Quantity.String() != "7.5" {
		t.Fatalf("week 47 lines: %d", len(got))
	}
}

func TestBackup(t *testing.T) {
	db := MustOpenDB(t)
	ctx := context.Background()
	if err := db.SaveWorker(ctx, &domain.Worker{Number: "1", LastName: "A"}); err != nil {
		t.Fatal(err)
	}
	dst := filepath.Join(t.TempDir(), "backups", "b"+sqlite.Ext)
	if err := db.Backup(ctx, dst); err != nil {
		t.Fatal(err)
	}
	if err := db.Backup(ctx, dst); domain.ErrorCode(err) != domain.ECONFLICT {
		t.Errorf("second backup to same name: %v", err)
	}
	b, err := sqlite.Open(ctx, dst)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	ws, err := b.Workers(ctx)
	if err != nil || len(ws) != 1 {
		t.Fatalf("backup holds %d workers (%v)", len(ws), err)
	}
}

func TestOpen_MigrationsRecordedByName(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "m"+sqlite.Ext)
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	// A file from before the migrations table: only user_version tells what it has.
	if err := db.Exec(ctx, "DROP TABLE schema_migrations"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	db, err = sqlite.Open(ctx, path)
	if err != nil {
		t.Fatalf("reopen of a file without the migrations table: %v", err)
	}
	// A migration this build does not know means a newer Verloner wrote the file.
	if err := db.Exec(ctx, "INSERT INTO schema_migrations (name, applied_at) VALUES ('9999_future.sql', 'x')"); err != nil {
		t.Fatalf("migrations table not rebuilt: %v", err)
	}
	db.Close()
	if _, err := sqlite.Open(ctx, path); err == nil || !strings.Contains(err.Error(), "nieuwere versie") {
		t.Fatalf("file with an unknown migration: err = %v", err)
	}
}
