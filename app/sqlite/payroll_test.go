package sqlite_test

import (
	"context"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"verloner/app"
	"verloner/app/sqlite"
	"verloner/domain"
	"verloner/domain/checks"
	"verloner/domain/payroll"
)

// payrollFixture is one worker with two approved-to-be hour lines in W47.
func payrollFixture(t *testing.T) (*sqlite.DB, *domain.Worker, []*domain.HourLine) {
	t.Helper()
	ctx := context.Background()
	db, w, _, p := checkFixture(t)
	lines := []*domain.HourLine{
		{PlacementID: p.ID, Date: domain.Date(2026, 11, 16), Type: domain.HourNormal, Quantity: domain.MustDec("8")},
		{PlacementID: p.ID, Date: domain.Date(2026, 11, 17), Type: domain.HourNormal, Quantity: domain.MustDec("8")},
	}
	if err := db.AddHourLines(ctx, lines); err != nil {
		t.Fatal(err)
	}
	return db, w, lines
}

// slip is a small but consistent payslip: 16 h × 15,85.
func slip(net string) *payroll.Payslip {
	return &payroll.Payslip{Period: w47, PayDate: w47.PayDate(), Year: 2026,
		Lines: []payroll.Line{
			{Code: "NORM", Category: payroll.CatGross, Unit: payroll.UnitHour, Quantity: domain.MustDec("16"), Rate: domain.MustDec("15.85"), Amount: domain.MustDec("253.60")},
			{Code: payroll.CodeWageTax, Category: payroll.CatDeduction, Amount: domain.MustDec("10.00")},
			{Code: payroll.CodeAdvance, Category: payroll.CatDeduction, Amount: domain.MustDec("50.00"), RefID: 1},
		},
		Gross: domain.MustDec("253.60"), TaxableWage: domain.MustDec("253.60"), TableWage: domain.MustDec("253.60"),
		WageTax: domain.MustDec("10.00"), Deductions: domain.MustDec("50.00"), Net: domain.MustDec(net),
		PaidHours: domain.MustDec("16"), WageCost: domain.MustDec("300.12"),
		EmployerCosts:       payroll.EmployerCosts{Total: domain.MustDec("26.23")},
		ReservationsAccrued: map[string]decimal.Decimal{"vakantiebijslag": domain.MustDec("20.29")}}
}

func proofRun(w *domain.Worker, lines []*domain.HourLine, net string) *app.PayrollRun {
	ids := make([]int64, len(lines))
	for i, l := range lines {
		ids[i] = l.ID
	}
	return &app.PayrollRun{Period: w47, PayDate: w47.PayDate(), CreatedBy: "tester", Fingerprint: "fp",
		Payslips: []*app.RunPayslip{{WorkerID: w.ID, WorkerNumber: w.Number, WorkerName: w.FullName(), Slip: slip(net), HourLineIDs: ids,
			Blockers: []checks.Finding{{Rule: "DOS-ID", Severity: checks.Blocker, WorkerID: w.ID}}}}}
}

func lineStatuses(t *testing.T, db *sqlite.DB) string {
	t.Helper()
	ls, err := db.HourLines(context.Background(), w47.Start(), w47.End())
	if err != nil {
		t.Fatal(err)
	}
	var s []string
	for _, l := range ls {
		s = append(s, string(l.Status))
	}
	return strings.Join(s, ",")
}

func TestPayrollRuns_ProofApproveFinaliseImmutable(t *testing.T) {
	ctx := context.Background()
	db, w, lines := payrollFixture(t)
	adv := &domain.Advance{WorkerID: w.ID, Period: w47, Amount: domain.MustDec("80.00")}
	if err := db.SaveAdvance(ctx, adv); err != nil {
		t.Fatal(err)
	}

	// A second proof replaces the first; approving it approves its lines;
	// a third proof withdraws that approval.
	first := proofRun(w, lines, "193.60")
	if err := db.SaveProofRun(ctx, first); err != nil {
		t.Fatal(err)
	}
	second := proofRun(w, lines, "193.61")
	if err := db.SaveProofRun(ctx, second); err != nil {
		t.Fatal(err)
	}
	if _, err := db.PayrollRun(ctx, first.ID); domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Fatalf("first proof still there: %v", err)
	}
	runs, err := db.PayrollRuns(ctx, w47)
	if err != nil || len(runs) != 1 || runs[0].ID != second.ID || !runs[0].Net.Equal(domain.MustDec("193.61")) || runs[0].Status != app.RunProof {
		t.Fatalf("runs after second proof: %+v %v", runs, err)
	}
	if err := db.ApproveRun(ctx, second.ID, "anna"); err != nil {
		t.Fatal(err)
	}
	if got := lineStatuses(t, db); got != "approved,approved" {
		t.Fatalf("after approve: %s", got)
	}
	if err := db.ApproveRun(ctx, second.ID, "anna"); domain.ErrorCode(err) != domain.ECONFLICT {
		t.Errorf("approving twice: %v", err)
	}
	third := proofRun(w, lines, "193.60")
	if err := db.SaveProofRun(ctx, third); err != nil {
		t.Fatal(err)
	}
	if got := lineStatuses(t, db); got != "imported,imported" {
		t.Fatalf("new proof did not withdraw the approval: %s", got)
	}
	if err := db.ApproveRun(ctx, third.ID, "anna"); err != nil {
		t.Fatal(err)
	}
	got, err := db.PayrollRun(ctx, third.ID)
	if err != nil || got.Status != app.RunApproved || got.ApprovedBy != "anna" || got.ApprovedAt.IsZero() ||
		len(got.Payslips) != 1 || len(got.Payslips[0].HourLineIDs) != 2 || len(got.Payslips[0].Blockers) != 1 ||
		!got.Payslips[0].Slip.ReservationsAccrued["vakantiebijslag"].Equal(domain.MustDec("20.29")) {
		t.Fatalf("approved run round trip: %+v %v", got, err)
	}

	// Finalise: a final run with seq 1 replaces the approved proof; lines
	// paid, advance partly settled, year-to-date and reservations added.
	final := proofRun(w, lines, "193.60")
	final.ApprovedAt, final.ApprovedBy, final.Backup = got.ApprovedAt, got.ApprovedBy, "backups/x.verloner"
	final.Payslips[0].Blockers = nil
	fin := &app.FinalRun{Run: final, Replaces: third.ID,
		Settlements:  []app.AdvanceSettlement{{AdvanceID: adv.ID, WorkerID: w.ID, Amount: domain.MustDec("50.00")}},
		YearToDate:   []app.YearToDateMove{{WorkerID: w.ID, Year: 2026, YearToDate: app.YearToDate{Periods: 1, TableWage: domain.MustDec("253.60"), WageTax: domain.MustDec("10"), Gross: domain.MustDec("253.60"), Net: domain.MustDec("193.60")}}},
		Reservations: []app.ReservationMove{{WorkerID: w.ID, Scheme: "vakantiebijslag", Unit: app.UnitMoney, Kind: "accrual", Amount: domain.MustDec("20.29")}}}
	if err := db.FinaliseRun(ctx, fin); err != nil {
		t.Fatal(err)
	}
	if final.Seq != 1 || final.Status != app.RunFinal {
		t.Fatalf("final run seq %d status %s", final.Seq, final.Status)
	}
	if got := lineStatuses(t, db); got != "paid,paid" {
		t.Fatalf("after final: %s", got)
	}
	runs, _ = db.PayrollRuns(ctx, w47)
	if len(runs) != 1 || runs[0].Status != app.RunFinal || runs[0].FinalisedAt.IsZero() {
		t.Fatalf("runs after final: %+v", runs)
	}
	settled, _ := db.AdvancesSettled(ctx)
	as, _ := db.Advances(ctx, w.ID)
	if !settled[adv.ID].Equal(domain.MustDec("50")) || !as[0].Open() {
		t.Errorf("advance partly settled: %v, open %v", settled, as[0].Open())
	}
	ytd, _ := db.YearToDate(ctx, 2026)
	if y := ytd[w.ID]; y.Periods != 1 || !y.TableWage.Equal(domain.MustDec("253.60")) || !y.Net.Equal(domain.MustDec("193.60")) {
		t.Errorf("year to date %+v", y)
	}
	bals, _ := db.ReservationBalances(ctx, 0)
	if len(bals) != 1 || !bals[0].Balance.Equal(domain.MustDec("20.29")) {
		t.Errorf("balances %+v", bals)
	}

	// Finalising the same approved proof twice fails and writes nothing.
	again := proofRun(w, lines, "193.60")
	if err := db.FinaliseRun(ctx, &app.FinalRun{Run: again, Replaces: third.ID}); domain.ErrorCode(err) != domain.ECONFLICT {
		t.Errorf("second finalise: %v", err)
	}
	// Paying a paid line again fails as a whole.
	if err := db.FinaliseRun(ctx, &app.FinalRun{Run: proofRun(w, lines, "1")}); domain.ErrorCode(err) != domain.ECONFLICT {
		t.Errorf("paying paid lines again: %v", err)
	}
	if runs, _ := db.PayrollRuns(ctx, w47); len(runs) != 1 {
		t.Errorf("failed finalise left %d runs", len(runs))
	}

	// The database itself refuses to change what the final run wrote.
	raw := []struct{ name, sql string }{
		{"update run", `UPDATE payroll_runs SET net = '0' WHERE status = 'final'`},
		{"delete run", `DELETE FROM payroll_runs WHERE status = 'final'`},
		{"update payslip", `UPDATE payslips SET net = '999.99'`},
		{"delete payslip", `DELETE FROM payslips`},
		{"update line", `UPDATE payslip_lines SET amount = '999.99' WHERE code = 'NORM'`},
		{"delete line", `DELETE FROM payslip_lines`},
		{"add line", `INSERT INTO payslip_lines (payslip_id, seq, code, category, amount) SELECT id, 99, 'X', 'gross', '1' FROM payslips`},
		{"unlink hour line", `DELETE FROM payslip_hour_lines`},
		{"change paid hours", `UPDATE hour_lines SET quantity = '9'`},
		{"void paid hours", `UPDATE hour_lines SET status = 'void'`},
		{"delete paid hours", `DELETE FROM hour_lines`},
		{"change settlement", `UPDATE advance_settlements SET amount = '0'`},
		{"change reservation", `UPDATE reservation_moves SET amount = '0'`},
		{"delete reservation", `DELETE FROM reservation_moves`},
		{"change ytd log", `UPDATE year_to_date_moves SET net = '0'`},
	}
	for _, tt := range raw {
		err := db.Exec(ctx, tt.sql)
		if err == nil {
			t.Errorf("%s: accepted by the database", tt.name)
		} else if !strings.Contains(err.Error(), "kan niet worden") {
			t.Errorf("%s: %v", tt.name, err)
		}
	}
	after, err := db.PayrollRun(ctx, final.ID)
	if err != nil || !after.Payslips[0].Slip.Net.Equal(domain.MustDec("193.60")) || len(after.Payslips[0].Slip.Lines) != 3 {
		t.Fatalf("final run changed: %+v %v", after, err)
	}
}

func TestPayoutRequestsLedgerAndOpeningBalances(t *testing.T) {
	ctx := context.Background()
	db, w, _, _ := checkFixture(t)
	r := &app.PayoutRequest{WorkerID: w.ID, Scheme: "vakantiebijslag", Amount: domain.MustDec("100.00"), Note: "vakantie"}
	if err := db.SavePayoutRequest(ctx, r); err != nil {
		t.Fatal(err)
	}
	if err := db.SavePayoutRequest(ctx, &app.PayoutRequest{WorkerID: w.ID, Scheme: "vakantiebijslag", Amount: domain.MustDec("1.001")}); err == nil {
		t.Error("tenth of a cent accepted")
	}
	if err := db.SavePayoutRequest(ctx, &app.PayoutRequest{WorkerID: w.ID, Scheme: "vakantiebijslag", Status: "paid"}); err == nil {
		t.Error("status paid set by hand")
	}
	open, err := db.PayoutRequests(ctx, true)
	if err != nil || len(open) != 1 || !open[0].Amount.Equal(domain.MustDec("100")) || open[0].RequestedOn.IsZero() {
		t.Fatalf("open requests %+v %v", open, err)
	}
	r.Status = "cancelled"
	if err := db.SavePayoutRequest(ctx, r); err != nil {
		t.Fatal(err)
	}
	if open, _ := db.PayoutRequests(ctx, true); len(open) != 0 {
		t.Error("cancelled request still open")
	}

	accounts, err := db.LedgerAccounts(ctx)
	if err != nil || len(accounts) < 10 {
		t.Fatalf("default ledger accounts: %v %v", accounts, err)
	}
	want := map[string]string{"gross_wages": "4000 Brutolonen", "wage_tax_payable": "1500 Af te dragen loonheffing",
		"net_wages": "1530 Netto lonen", "holiday_pay_reserve": "1540 Reservering vakantiegeld", "pension_employer": "4110 Pensioenpremie werkgever"}
	for _, a := range accounts {
		if w, ok := want[a.Role]; ok && w != a.Number+" "+a.Name {
			t.Errorf("%s = %s %s, want %s", a.Role, a.Number, a.Name, w)
		}
	}
	if err := db.SaveLedgerAccount(ctx, app.LedgerAccount{Role: "net_wages", Number: "1600", Name: "Te betalen nettolonen"}); err != nil {
		t.Fatal(err)
	}
	accounts, _ = db.LedgerAccounts(ctx)
	for _, a := range accounts {
		if a.Role == "net_wages" && a.Number != "1600" {
			t.Errorf("ledger account not saved: %+v", a)
		}
	}

	ob := &app.OpeningBalance{WorkerID: w.ID, Year: 2025, YearToDate: app.YearToDate{Periods: 52, TableWage: domain.MustDec("38000")},
		Reservations: []app.ReservationMove{{Scheme: "vakantiebijslag", Unit: app.UnitMoney, Amount: domain.MustDec("812.40")},
			{Scheme: "vakantie_uren", Unit: app.UnitHours, Amount: domain.MustDec("36.5")}}}
	if err := db.SaveOpeningBalance(ctx, ob); err != nil {
		t.Fatal(err)
	}
	ytd, _ := db.YearToDate(ctx, 2025)
	bals, _ := db.ReservationBalances(ctx, w.ID)
	moves, _ := db.ReservationMoves(ctx, w.ID)
	if ytd[w.ID].Periods != 52 || !ytd[w.ID].TableWage.Equal(domain.MustDec("38000")) || len(bals) != 2 || len(moves) != 2 || moves[0].Kind != "opening" {
		t.Errorf("opening balance: %+v %+v %+v", ytd, bals, moves)
	}
	if err := db.SaveOpeningBalance(ctx, &app.OpeningBalance{WorkerID: w.ID, Year: 2026,
		Reservations: []app.ReservationMove{{Scheme: "vakantiebijslag", Unit: "dagen", Amount: domain.MustDec("1")}}}); err == nil {
		t.Error("unknown unit accepted")
	}
}
