package payrun_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"verloner/app"
	"verloner/app/demo"
	"verloner/app/payrun"
	"verloner/app/sqlite"
	"verloner/domain"
	"verloner/domain/params"
	"verloner/domain/payroll"
)

// wednesday is the demo week's proof-and-approval day, 11:00 UTC.
var wednesday = time.Date(2026, 11, 25, 11, 0, 0, 0, time.UTC)

var w47 = domain.Period{Kind: domain.Weekly, Year: 2026, Number: 47}

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func openDB(t testing.TB, now time.Time) *sqlite.DB {
	t.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "adm"+sqlite.Ext))
	if err != nil {
		t.Fatal(err)
	}
	db.Now = func() time.Time { return now }
	db.User = "tester"
	t.Cleanup(func() { db.Close() })
	return db
}

func demoDB(t testing.TB) *sqlite.DB {
	t.Helper()
	db := openDB(t, wednesday)
	if err := demo.Load(context.Background(), db); err != nil {
		t.Fatal(err)
	}
	return db
}

func options(now time.Time) payrun.Options {
	return payrun.Options{Now: func() time.Time { return now }, By: "anna"}
}

var builtin *params.Set

func packs(t testing.TB) *params.Set {
	t.Helper()
	if builtin == nil {
		s, err := params.Builtin()
		if err != nil {
			t.Fatal(err)
		}
		builtin = s
	}
	return builtin
}

// clean is an administration without dossier problems: one agency, one hirer
// with a signed remuneration record and a fresh credit check, so that only
// what a test adds can block.
type clean struct {
	db    *sqlite.DB
	hirer *domain.Hirer
}

func newClean(t testing.TB, now time.Time) *clean {
	t.Helper()
	ctx := context.Background()
	db := openDB(t, now)
	must(t, db.SaveAgency(ctx, &domain.Agency{Name: "Schoon Uitzendwerk B.V.", IBAN: "NL67INGB0006543210", Frequency: domain.Weekly,
		EmployerSize: domain.SmallEmployer, Sector: 52, Deadlines: domain.DefaultDeadlines(),
		Address: domain.Address{Street: "Spoorlaan 1", PostalCode: "5038 CC", City: "Tilburg", Country: "NL"}}))
	h := &domain.Hirer{Number: "H1", Name: "Klant B.V.", CreditCheckedOn: domain.Date(2026, 1, 5), CreditLimit: dec("500000"),
		Remuneration: domain.RemunerationRecord{CAO: "ABU", SignedOn: domain.Date(2025, 12, 1), SignedBy: "Klant"}}
	must(t, db.SaveHirer(ctx, h))
	return &clean{db: db, hirer: h}
}

// worker adds a payroll-ready fase-A worker (as domain/payroll's worked
// examples have him) with one placement at wage, and its hour lines.
func (c *clean) worker(t *testing.T, number, birth, wage string, lines ...*domain.HourLine) (*domain.Worker, *domain.Placement) {
	t.Helper()
	ctx := context.Background()
	b, _ := time.Parse(time.DateOnly, birth)
	w := &domain.Worker{Number: number, FirstName: "Test", LastName: "Kracht " + number, BirthDate: b, BSN: "123456782",
		IBAN: "NL91ABNA0417164300", Identity: domain.IDDocument{Type: "paspoort", Number: "X" + number, Expiry: domain.Date(2031, 1, 1)},
		ApplyTaxCredit: true, TaxCreditSignedOn: domain.Date(2025, 12, 1), Phase: domain.PhaseA, Uitzendbeding: true,
		ContractType: "uitzendovereenkomst met uitzendbeding", ContractSignedOn: domain.Date(2025, 12, 1),
		Reservations: domain.ReservationsReserved, Language: domain.Dutch, StartDate: domain.Date(2025, 12, 1),
		DeductionAuthSigned: domain.Date(2025, 12, 1)}
	must(t, c.db.SaveWorker(ctx, w))
	p := &domain.Placement{Number: "P" + number, WorkerID: w.ID, HirerID: c.hirer.ID, Start: domain.Date(2025, 12, 1),
		HourlyWage: dec(wage), BillingRate: dec("30"), Phase: domain.PhaseA}
	for _, ty := range domain.HourTypes { // every hour type agreed at the CAO percentages
		p.Rates = append(p.Rates, domain.HourTypeRate{Type: ty, PayPercent: ty.DefaultPayPercent(), BillPercent: ty.DefaultPayPercent()})
	}
	must(t, c.db.SavePlacement(ctx, p))
	for _, l := range lines {
		l.PlacementID = p.ID
	}
	if len(lines) > 0 {
		must(t, c.db.AddHourLines(ctx, lines))
	}
	return w, p
}

func week(from time.Time, days int, typ domain.HourType, qty string) []*domain.HourLine {
	var out []*domain.HourLine
	for i := 0; i < days; i++ {
		out = append(out, &domain.HourLine{Date: from.AddDate(0, 0, i), Type: typ, Quantity: dec(qty)})
	}
	return out
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// expected calculates a worker's payslip straight with domain/payroll from
// the store's data, as an independent check of what the run loaded.
func expected(t *testing.T, db *sqlite.DB, period domain.Period, workerID int64) *payroll.Payslip {
	t.Helper()
	ctx := context.Background()
	w, err := db.Worker(ctx, workerID)
	must(t, err)
	ps, err := db.Placements(ctx)
	must(t, err)
	mine := map[int64]*domain.Placement{}
	for _, p := range ps {
		if p.WorkerID == workerID {
			mine[p.ID] = p
		}
	}
	lines, err := db.HourLines(ctx, period.Start(), period.End())
	must(t, err)
	var own []*domain.HourLine
	for _, l := range lines {
		if mine[l.PlacementID] != nil {
			own = append(own, l)
		}
	}
	s, err := payroll.CalculateFor(packs(t), payroll.Input{Period: period, Worker: w, Placements: mine, Lines: own,
		Sick: payroll.SickPay{WaitingDays: 1}})
	must(t, err)
	return s
}

func statuses(t *testing.T, db *sqlite.DB, period domain.Period) map[int64]map[domain.HourStatus]int {
	t.Helper()
	ctx := context.Background()
	ps, err := db.Placements(ctx)
	must(t, err)
	workerOf := map[int64]int64{}
	for _, p := range ps {
		workerOf[p.ID] = p.WorkerID
	}
	lines, err := db.HourLines(ctx, period.Start(), period.End())
	must(t, err)
	out := map[int64]map[domain.HourStatus]int{}
	for _, l := range lines {
		w := workerOf[l.PlacementID]
		if out[w] == nil {
			out[w] = map[domain.HourStatus]int{}
		}
		out[w][l.Status]++
	}
	return out
}

func numbers(ps []*app.RunPayslip) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.WorkerNumber)
	}
	return out
}

func leftOutNumbers(l []app.LeftOut) []string {
	var out []string
	for _, x := range l {
		out = append(out, x.Number)
	}
	sort.Strings(out)
	return out
}

// xmllint validates an XML file against the pain.001 XSD beside the repo;
// it skips when xmllint is not installed (CI installs libxml2-utils).
func xmllint(t *testing.T, version, file string) {
	t.Helper()
	if _, err := exec.LookPath("xmllint"); err != nil {
		t.Skip("xmllint not on PATH (Debian: libxml2-utils)")
	}
	xsd := "../../../shared/oracles/sepa-pain001/xsd/" + version + ".xsd"
	if _, err := os.Stat(xsd); err != nil {
		t.Fatalf("XSD must be beside the repo (../shared): %v", err)
	}
	if out, err := exec.Command("xmllint", "--noout", "--schema", xsd, file).CombinedOutput(); err != nil {
		t.Fatalf("xmllint: %v\n%s", err, out)
	}
}
