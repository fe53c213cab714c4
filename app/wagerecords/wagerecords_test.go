package wagerecords_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	_ "modernc.org/sqlite"

	"verloner/app"
	"verloner/app/demo"
	"verloner/app/payrun"
	"verloner/app/sqlite"
	"verloner/app/wagerecords"
	"verloner/domain"
)

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// paidDemo is the demo administration with three final runs in 2026: the
// demo week 2026-W47, a correction of it (late overtime for the first worker
// paid), and week 2026-W48 with two days for the first two workers paid.
func paidDemo(t *testing.T) (*sqlite.DB, string) {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "demo"+sqlite.Ext)
	db, err := sqlite.Open(ctx, path)
	must(t, err)
	t.Cleanup(func() { db.Close() })
	wed := time.Date(2026, 11, 25, 11, 0, 0, 0, time.UTC)
	db.Now = func() time.Time { return wed }
	must(t, demo.Load(ctx, db))
	w47 := domain.Period{Kind: domain.Weekly, Year: 2026, Number: 47}
	opt := payrun.Options{Now: func() time.Time { return wed }, By: "anna"}
	finalise := func(p domain.Period, opt payrun.Options) *app.PayrollRun {
		_, err := payrun.Proof(ctx, db, p, opt, nil)
		must(t, err)
		_, err = payrun.Approve(ctx, db, p, opt)
		must(t, err)
		r, err := payrun.Finalise(ctx, db, p, opt, nil)
		must(t, err)
		return r
	}
	first := finalise(w47, opt)
	if len(first.Payslips) < 10 {
		t.Fatalf("demo week paid %d workers", len(first.Payslips))
	}
	placements, err := db.Placements(ctx)
	must(t, err)
	byWorker := map[int64]*domain.Placement{}
	for _, p := range placements {
		if byWorker[p.WorkerID] == nil || p.Start.After(byWorker[p.WorkerID].Start) {
			byWorker[p.WorkerID] = p
		}
	}
	a, b := byWorker[first.Payslips[0].WorkerID], byWorker[first.Payslips[1].WorkerID]
	must(t, db.AddHourLines(ctx, []*domain.HourLine{{PlacementID: a.ID, Date: domain.Date(2026, 11, 21), Type: domain.HourOvertime125, Quantity: decimal.NewFromInt(3)}}))
	if _, err := payrun.Correct(ctx, db, w47, opt, nil); err != nil {
		t.Fatal(err)
	}
	var lines []*domain.HourLine
	for _, p := range []*domain.Placement{a, b} {
		for _, d := range []int{23, 24} {
			lines = append(lines, &domain.HourLine{PlacementID: p.ID, Date: domain.Date(2026, 11, d), Type: domain.HourNormal, Quantity: decimal.NewFromInt(8)})
		}
	}
	must(t, db.AddHourLines(ctx, lines))
	next := time.Date(2026, 12, 2, 11, 0, 0, 0, time.UTC)
	db.Now = func() time.Time { return next }
	finalise(domain.Period{Kind: domain.Weekly, Year: 2026, Number: 48}, payrun.Options{Now: func() time.Time { return next }, By: "anna"})
	return db, path
}

// TestYear_TiesOutToTheRuns checks the loonstaat against the store with
// plain SQL, independent of the Go code under test: the payslip columns and
// lines of the final runs paid in 2026, and the year-to-date table that
// finalising keeps.
func TestYear_TiesOutToTheRuns(t *testing.T) {
	ctx := context.Background()
	db, path := paidDemo(t)
	y, err := wagerecords.Build(ctx, db, 2026)
	must(t, err)
	if y.Runs != 3 || len(y.Periods) != 2 || y.Agency.Name == "" {
		t.Fatalf("runs %d periods %d agency %q", y.Runs, len(y.Periods), y.Agency.Name)
	}
	raw, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	must(t, err)
	defer raw.Close()
	sum := func(q string) decimal.Decimal {
		t.Helper()
		rows, err := raw.Query(q)
		must(t, err)
		defer rows.Close()
		total := decimal.Zero
		for rows.Next() {
			var s string
			must(t, rows.Scan(&s))
			total = total.Add(decimal.RequireFromString(s))
		}
		return total
	}
	final := `JOIN payroll_runs r ON r.id = p.run_id WHERE r.status = 'final' AND r.pay_date LIKE '2026-%'`
	col := func(c string) decimal.Decimal { return sum(`SELECT p.` + c + ` FROM payslips p ` + final) }
	line := func(codes string) decimal.Decimal {
		return sum(`SELECT l.amount FROM payslip_lines l JOIN payslips p ON p.id = l.payslip_id ` + final + ` AND l.code IN (` + codes + `)`)
	}
	tot := y.Totals
	for _, c := range []struct {
		name      string
		got, want decimal.Decimal
	}{
		{"gross", tot.Gross, col("gross")},
		{"fiscal wage", tot.TaxableWage, col("taxable_wage")},
		{"wage tax", tot.WageTax, col("wage_tax")},
		{"wage tax (lines)", tot.WageTax, line(`'LOONHEFFING','LOONHEFFING_BB'`)},
		{"pension employee", tot.PensionEmployee, col("pension_employee")},
		{"untaxed", tot.Untaxed, col("untaxed")},
		{"deductions", tot.Deductions, col("deductions")},
		{"net", tot.Net, col("net")},
		{"paid hours", tot.PaidHours, col("paid_hours")},
		{"employer costs", tot.Zvw.Add(tot.Premiums()).Add(tot.PensionEmployer), col("employer_costs")},
		{"Zvw", tot.Zvw, line(`'ZVW_WG'`)},
		{"AWf", tot.AWf, line(`'AWF'`)},
		{"Aof+Wko+Whk", tot.Aof.Add(tot.Wko).Add(tot.Whk), line(`'AOF','WKO','WHK'`)},
		{"pension employer", tot.PensionEmployer, line(`'PENSIOEN_WG'`)},
	} {
		if !c.got.Equal(c.want) || c.want.IsZero() && c.name != "deductions" && c.name != "untaxed" {
			t.Errorf("%s: loonstaat %s, runs %s", c.name, c.got, c.want)
		}
	}
	if !tot.TaxableWage.Equal(tot.TableWage.Add(tot.SpecialWage)) || !tot.TaxableWage.Equal(tot.Gross.Sub(tot.PensionEmployee)) {
		t.Errorf("fiscal wage %s ≠ table %s + special %s, or ≠ gross − pension", tot.TaxableWage, tot.TableWage, tot.SpecialWage)
	}
	// Per worker: the year-to-date table (written by finalising) and the
	// entries; per period: the verzamelloonstaat.
	ytd, err := db.YearToDate(ctx, 2026)
	must(t, err)
	var workers, periods wagerecords.Figures
	corrections := 0
	for _, w := range y.Workers {
		var entries wagerecords.Figures
		for _, e := range w.Entries {
			entries.Add(e.Figures)
			if e.Correction {
				corrections++
			}
		}
		last := w.Entries[len(w.Entries)-1].Cumulative
		if !entries.Equal(w.Totals) || !last.Equal(w.Totals) {
			t.Errorf("worker %s: entries or last cumulative differ from totals", w.Number)
		}
		yt := ytd[w.WorkerID]
		if !w.Totals.TaxableWage.Equal(yt.TableWage.Add(yt.SpecialWage)) || !w.Totals.WageTax.Equal(yt.WageTax) || w.Periods != yt.Periods {
			t.Errorf("worker %s: fiscal wage %s tax %s periods %d; year to date %+v", w.Number, w.Totals.TaxableWage, w.Totals.WageTax, w.Periods, yt)
		}
		if w.BSN == "" || w.From.Year() != 2026 || w.To.Year() != 2026 {
			t.Errorf("worker %s: BSN %q, from %s to %s", w.Number, w.BSN, w.From, w.To)
		}
		workers.Add(w.Totals)
	}
	for _, p := range y.Periods {
		periods.Add(p.Figures)
	}
	if !workers.Equal(y.Totals) || !periods.Equal(y.Totals) || !y.Periods[len(y.Periods)-1].Cumulate.Equal(y.Totals) {
		t.Error("workers, periods or the last cumulative do not add up to the year")
	}
	if corrections != 1 || len(y.Periods[0].Runs) != 2 || y.Periods[0].Runs[1] != "2 (correctie)" || y.Periods[1].Workers != 2 {
		t.Errorf("corrections %d, runs of W47 %v, workers in W48 %d", corrections, y.Periods[0].Runs, y.Periods[1].Workers)
	}
	if e := y.Workers[0].Entries[0]; e.Table() == "" || e.TableEN() == "" {
		t.Error("table text")
	}
	// Another year has nothing.
	if empty, err := wagerecords.Build(ctx, db, 2025); err != nil || empty.Runs != 0 || len(empty.Workers) != 0 {
		t.Errorf("2025: %+v %v", empty, err)
	}
}
