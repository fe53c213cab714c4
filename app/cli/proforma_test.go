package cli_test

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"verloner/app/payrun"
	"verloner/app/sqlite"
	"verloner/domain"
)

// TestProforma_EqualsPayrollRun checks the command's wage cost per hour
// against a real payroll run of the same week through the store: a worker
// aged 30 at € 16,10 with 40 hours in 2026-W28, calculated by payrun.Proof.
func TestProforma_EqualsPayrollRun(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	ctx := context.Background()
	d := decimal.RequireFromString
	path := filepath.Join(t.TempDir(), "pf"+sqlite.Ext)
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(db.SaveAgency(ctx, &domain.Agency{Name: "Flexwerk Zuid B.V.", Frequency: domain.Weekly, EmployerSize: domain.SmallEmployer, Deadlines: domain.DefaultDeadlines()}))
	h := &domain.Hirer{Number: "H1", Name: "Klant"}
	must(db.SaveHirer(ctx, h))
	w := &domain.Worker{Number: "1", LastName: "Kracht", BirthDate: domain.Date(1996, 1, 15), BSN: "210000004", ApplyTaxCredit: true,
		TaxCreditSignedOn: domain.Date(2026, 1, 1), Phase: domain.PhaseA, Uitzendbeding: true}
	must(db.SaveWorker(ctx, w))
	p := &domain.Placement{Number: "P1", WorkerID: w.ID, HirerID: h.ID, Start: domain.Date(2026, 1, 5), HourlyWage: d("16.10"), BillingRate: d("26.57")}
	must(db.SavePlacement(ctx, p))
	var lines []*domain.HourLine
	for day := 6; day <= 10; day++ {
		lines = append(lines, &domain.HourLine{PlacementID: p.ID, Date: domain.Date(2026, 7, day), Type: domain.HourNormal, Quantity: d("8")})
	}
	must(db.AddHourLines(ctx, lines))
	run28, err := payrun.Proof(ctx, db, domain.Period{Kind: domain.Weekly, Year: 2026, Number: 28},
		payrun.Options{Now: func() time.Time { return time.Date(2026, 7, 15, 10, 0, 0, 0, time.UTC) }}, nil)
	must(err)
	slip := run28.Payslips[0].Slip

	dir := filepath.Join(t.TempDir(), "pf")
	code, out, stderr := run(t, "proforma", "--week", "2026-W28", "--wage", "16.10", "--age", "30", "--rate", "26.57", "--db", path,
		"--hirer", "Klant", "--out", dir, "--json")
	if code != 0 {
		t.Fatalf("proforma: exit %d\n%s", code, stderr)
	}
	var r map[string]any
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if r["wage_cost_per_hour"] != slip.WageCostPerHour.StringFixed(2) || r["wage_cost_week"] != slip.WageCost.StringFixed(2) {
		t.Errorf("pro forma %v / %v, payroll run %s / %s", r["wage_cost_per_hour"], r["wage_cost_week"], slip.WageCostPerHour, slip.WageCost)
	}
	margin := d("26.57").Sub(slip.WageCostPerHour)
	if r["rate"] != "26.57" || r["margin_per_hour"] != margin.StringFixed(2) || r["cost_price"] != r["wage_cost_per_hour"] {
		t.Errorf("rate %v margin %v (want %s) cost price %v", r["rate"], r["margin_per_hour"], margin.StringFixed(2), r["cost_price"])
	}
	files, _ := r["files"].([]any)
	if len(files) != 2 {
		t.Fatalf("files %v", r["files"])
	}
	assertPrivate(t, dir, files[0].(string), files[1].(string))

	// The brief's example: --year, plain text.
	code, out, stderr = run(t, "proforma", "--year", "2026", "--wage", "16.10", "--age", "30", "--rate", "26.57")
	if code != 0 {
		t.Fatalf("proforma text: exit %d\n%s", code, stderr)
	}
	for _, want := range []string{"Pro forma 2026-W28", "Loonkosten (verloning)", "€ " + domain.FormatDecimalNL(slip.WageCostPerHour, 2),
		"Tarief € 26,57 per normaal uur", "marge € " + domain.FormatDecimalNL(margin, 2)} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	for _, tt := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"proforma", "--wage", "16.10", "--age", "30"}, 2, "--year"},
		{[]string{"proforma", "--year", "2026", "--age", "30"}, 2, "--wage"},
		{[]string{"proforma", "--year", "2026", "--wage", "16.10", "--age", "30", "--rate", "26", "--margin", "4"}, 1, "één van"},
		{[]string{"proforma", "--year", "2026", "--wage", "16.10", "--age", "30", "--hours", "NORM"}, 2, "SOORT=UREN"},
		{[]string{"proforma", "--year", "2026", "--wage", "16.10", "--age", "30", "--hours", "ZIEK=8"}, 1, "hoort niet"},
		{[]string{"proforma", "--year", "2031", "--wage", "16.10", "--age", "30"}, 1, "2031"},
	} {
		code, _, stderr := run(t, tt.args...)
		if code != tt.code || !strings.Contains(stderr, tt.msg) {
			t.Errorf("%v: exit %d (want %d), %s", tt.args[1:], code, tt.code, stderr)
		}
	}
	// A mix with ORT billed at 130 % and a target margin.
	code, out, _ = run(t, "proforma", "--year", "2026", "--wage", "16.10", "--age", "30", "--hours", "NORM=36,ORT=4@120/130", "--margin-pct", "20", "--json")
	if code != 0 || !strings.Contains(out, `"bill_factor": "1.03"`) || !strings.Contains(out, `"margin_percent"`) {
		t.Errorf("mix: exit %d\n%s", code, out)
	}
}
