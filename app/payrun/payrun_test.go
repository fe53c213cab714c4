package payrun_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"verloner/app"
	"verloner/app/checking"
	"verloner/app/payrun"
	"verloner/app/sqlite"
	"verloner/domain"
	"verloner/domain/checks"
	"verloner/domain/payroll"
	"verloner/exporters/journal"
	"verloner/exporters/payslip"
	"verloner/exporters/sepa"
)

// TestDemoWeek_CheckProofApproveFinal runs the demo week through the whole
// cycle: the checklist, two proofs (the second replaces the first), approval
// and the final run, in which the workers with payroll blockers are left out
// and listed and everyone else is paid exactly what domain/payroll calculates
// for them. Then a blocker is solved and a second final run pays those it held.
func TestDemoWeek_CheckProofApproveFinal(t *testing.T) {
	ctx := context.Background()
	db := demoDB(t)
	opt := options(wednesday)

	cl, err := checking.RunWith(ctx, db, w47, checking.Options{Now: opt.Now, By: "anna"}, nil)
	must(t, err)
	blocked := map[string]bool{}
	for _, w := range cl.Workers {
		if len(cl.BlockersFor(w.ID, checks.GatePayroll)) > 0 {
			blocked[w.Number] = true
		}
	}
	if len(blocked) < 5 {
		t.Fatalf("demo has %d workers with payroll blockers; the test expects the demo's deliberate problems", len(blocked))
	}

	var steps []int
	first, err := payrun.Proof(ctx, db, w47, opt, func(done, total int) {
		if total != payrun.ProgressTotal {
			t.Errorf("progress total %d", total)
		}
		steps = append(steps, done)
	})
	must(t, err)
	if !slices.IsSorted(steps) || steps[len(steps)-1] != payrun.ProgressTotal {
		t.Errorf("progress not monotone up to %d: %v", payrun.ProgressTotal, steps)
	}
	second, err := payrun.Proof(ctx, db, w47, opt, nil)
	must(t, err)
	if second.ID == first.ID {
		t.Fatal("second proof reused the first proof's ID")
	}
	if _, err := payrun.Load(ctx, db, first.ID); domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Errorf("first proof not replaced: %v", err)
	}
	runs, _ := payrun.Runs(ctx, db, w47)
	if len(runs) != 1 || runs[0].ID != second.ID || runs[0].Status != app.RunProof {
		t.Fatalf("runs after two proofs: %+v", runs)
	}
	if len(second.Payslips) != 25 || len(second.LeftOut) != 0 {
		t.Fatalf("proof: %d payslips, %d left out; want all 25 calculated", len(second.Payslips), len(second.LeftOut))
	}
	for _, ps := range second.Payslips {
		if (len(ps.Blockers) > 0) != blocked[ps.WorkerNumber] {
			t.Errorf("proof %s: blockers %v, checklist says blocked=%v", ps.WorkerNumber, ps.Blockers, blocked[ps.WorkerNumber])
		}
		want := expected(t, db, w47, ps.WorkerID)
		gotJSON, _ := json.Marshal(ps.Slip)
		wantJSON, _ := json.Marshal(want)
		if !bytes.Equal(gotJSON, wantJSON) {
			t.Errorf("proof %s differs from payroll.CalculateFor on the same input:\n got %s\nwant %s", ps.WorkerNumber, gotJSON, wantJSON)
		}
	}
	// 1017 earns the worked example's minimum wage for 40 hours (fase_a_wml_2026w28).
	for _, ps := range second.Payslips {
		if ps.WorkerNumber == "1017" && (!ps.Slip.Net.Equal(dec("537.33")) || !ps.Slip.WageTax.Equal(dec("45.02")) ||
			!ps.Slip.PensionEmployee.Equal(dec("17.25")) || !ps.Slip.EmployerCosts.Total.Equal(dec("195.19"))) {
			t.Errorf("1017: net %s tax %s pension %s employer %s; worked example 537.33 / 45.02 / 17.25 / 195.19",
				ps.Slip.Net, ps.Slip.WageTax, ps.Slip.PensionEmployee, ps.Slip.EmployerCosts.Total)
		}
	}

	if _, err := payrun.Finalise(ctx, db, w47, opt, nil); domain.ErrorCode(err) != domain.EINVALID {
		t.Fatalf("finalising an unapproved period: %v", err)
	}
	if st, err := payrun.StateOf(ctx, db, w47); err != nil || !st.CanApprove || st.CanFinalise || st.CanCorrect || st.Open.ID != second.ID {
		t.Errorf("state after proof %+v %v", st, err)
	}
	approved, err := payrun.Approve(ctx, db, w47, opt)
	must(t, err)
	if st, err := payrun.StateOf(ctx, db, w47); err != nil || st.CanApprove || !st.CanFinalise {
		t.Errorf("state after approval %+v %v", st, err)
	}
	if approved.Status != app.RunApproved || approved.ApprovedBy != "anna" || !approved.ApprovedAt.Equal(wednesday) {
		t.Fatalf("approved run %+v", approved)
	}
	if _, err := payrun.Approve(ctx, db, w47, opt); domain.ErrorCode(err) != domain.ECONFLICT {
		t.Errorf("approving twice: %v", err)
	}
	for w, st := range statuses(t, db, w47) {
		if st[domain.HoursApproved] == 0 || st[domain.HoursImported] != 0 {
			t.Errorf("worker %d lines after approval: %v", w, st)
		}
	}

	final, err := payrun.Finalise(ctx, db, w47, opt, nil)
	must(t, err)
	if final.Status != app.RunFinal || final.Seq != 1 || final.ApprovedBy != "anna" || final.FinalisedBy != "anna" || final.ChecklistID == 0 {
		t.Fatalf("final run %+v", final)
	}
	for _, ps := range final.Payslips {
		if blocked[ps.WorkerNumber] {
			t.Errorf("blocked worker %s paid", ps.WorkerNumber)
		}
		want := expected(t, db, w47, ps.WorkerID)
		if !ps.Slip.Net.Equal(want.Net) || !ps.Slip.Gross.Equal(want.Gross) || !ps.Slip.WageTax.Equal(want.WageTax) ||
			!ps.Slip.EmployerCosts.Total.Equal(want.EmployerCosts.Total) {
			t.Errorf("final %s: net %s gross %s tax %s, want %s %s %s", ps.WorkerNumber, ps.Slip.Net, ps.Slip.Gross, ps.Slip.WageTax,
				want.Net, want.Gross, want.WageTax)
		}
	}
	if len(final.Payslips)+len(final.LeftOut) != 25 || len(final.LeftOut) != len(blocked) {
		t.Fatalf("final: %d paid, %d left out (%v); %d blocked", len(final.Payslips), len(final.LeftOut), leftOutNumbers(final.LeftOut), len(blocked))
	}
	for _, lo := range final.LeftOut {
		if !blocked[lo.Number] || lo.Reason != app.LeftOutBlocked || len(lo.Blockers) == 0 || lo.Message.NL == "" || lo.Message.EN == "" {
			t.Errorf("left out %+v", lo)
		}
	}

	// The backup was made before the final run was written.
	if _, err := os.Stat(final.Backup); err != nil || filepath.Base(final.Backup) != filepath.Base(app.BackupName(db.Path(), wednesday)) {
		t.Fatalf("backup %q: %v", final.Backup, err)
	}
	bdb, err := sqlite.Open(ctx, final.Backup)
	must(t, err)
	bruns, _ := bdb.PayrollRuns(ctx, w47)
	bdb.Close()
	if len(bruns) != 1 || bruns[0].Status != app.RunApproved {
		t.Errorf("backup holds %+v, want the approved proof only", bruns)
	}

	// Hour lines paid for the paid, still approved for the left out; year to
	// date and reservations booked.
	st := statuses(t, db, w47)
	ytd, _ := db.YearToDate(ctx, 2026)
	bal, _ := db.ReservationBalances(ctx, 0)
	balance := map[int64]string{}
	for _, b := range bal {
		if b.Scheme == payroll.SchemeHolidayPay {
			balance[b.WorkerID] = b.Balance.String()
		}
	}
	for _, ps := range final.Payslips {
		if st[ps.WorkerID][domain.HoursPaid] == 0 || st[ps.WorkerID][domain.HoursApproved] != 0 {
			t.Errorf("%s lines %v", ps.WorkerNumber, st[ps.WorkerID])
		}
		if y := ytd[ps.WorkerID]; y.Periods != 1 || !y.TableWage.Equal(ps.Slip.TableWage) || !y.WageTax.Equal(ps.Slip.WageTax) || !y.Net.Equal(ps.Slip.Net) {
			t.Errorf("%s year to date %+v", ps.WorkerNumber, y)
		}
		if want := ps.Slip.ReservationsAccrued[payroll.SchemeHolidayPay]; !want.IsZero() && balance[ps.WorkerID] != want.String() {
			t.Errorf("%s holiday pay balance %s, accrued %s", ps.WorkerNumber, balance[ps.WorkerID], want)
		}
	}
	for _, lo := range final.LeftOut {
		if st[lo.WorkerID][domain.HoursPaid] != 0 || st[lo.WorkerID][domain.HoursApproved] == 0 {
			t.Errorf("left out %s lines %v", lo.Number, st[lo.WorkerID])
		}
		if _, ok := ytd[lo.WorkerID]; ok {
			t.Errorf("left out %s has year-to-date totals", lo.Number)
		}
	}
	if st, err := payrun.StateOf(ctx, db, w47); err != nil || st.Open != nil || len(st.Finals) != 1 || !st.CanCorrect || st.CanFinalise {
		t.Errorf("state after final %+v %v", st, err)
	}
	if latest, err := payrun.Latest(ctx, db, w47); err != nil || latest.ID != final.ID {
		t.Errorf("latest %v %v", latest, err)
	}

	// The database refuses to change the final run.
	for _, q := range []string{`UPDATE payslip_lines SET amount = '1.00' WHERE code = 'NORM'`, `DELETE FROM payslips`,
		`UPDATE payroll_runs SET net = '0'`, `UPDATE hour_lines SET quantity = '1' WHERE status = 'paid'`} {
		if err := db.Exec(ctx, q); err == nil || !strings.Contains(err.Error(), "kan niet worden") {
			t.Errorf("%s: %v", q, err)
		}
	}

	// Journal and SEPA of the final run tie out to it.
	j, err := payrun.Journal(ctx, db, final, "nl")
	must(t, err)
	var net, debit, credit = final.Net.Sub(final.Net), final.Net.Sub(final.Net), final.Net.Sub(final.Net)
	for _, e := range journal.Entries(j) {
		debit, credit = debit.Add(e.Debit), credit.Add(e.Credit)
		if e.Role == journal.RoleNetWages {
			net = e.Credit
		}
	}
	if !net.Equal(final.Net) || !debit.Equal(credit) {
		t.Errorf("journal net %s (run %s), debit %s credit %s", net, final.Net, debit, credit)
	}
	// A worker's IBAN turns invalid after the run: left out of the file, listed.
	victim := final.Payslips[0]
	w, _ := db.Worker(ctx, victim.WorkerID)
	w.IBAN = "NL00BANK0123456789"
	if err := db.SaveWorker(ctx, w); err != nil {
		t.Fatal(err)
	}
	f, err := payrun.SEPA(ctx, db, final, payrun.SEPAOptions{Today: wednesday})
	must(t, err)
	if f.Payments != len(final.Payslips)-1 || len(f.Excluded) != 1 || f.Excluded[0].Number != victim.WorkerNumber ||
		!strings.Contains(f.Excluded[0].Reason.NL, "ongeldig") || strings.Contains(f.Excluded[0].Reason.NL, "0123456789") {
		t.Errorf("SEPA %d payments, excluded %+v", f.Payments, f.Excluded)
	}
	if !f.Total.Equal(final.Net.Sub(victim.Slip.Net)) || !f.Execution.Equal(domain.Date(2026, 11, 26)) || f.FileName != "loonbetaling-2026-W47-run1.xml" {
		t.Errorf("SEPA total %s execution %s name %s", f.Total, f.Execution, f.FileName)
	}
	path := filepath.Join(t.TempDir(), f.FileName)
	must(t, os.WriteFile(path, f.XML, 0o600))
	xmllint(t, string(sepa.V09), path)
	back, err := sepa.Read(bytes.NewReader(f.XML))
	must(t, err)
	if back.CategoryPurpose != sepa.CategorySalary || !back.Execution.Equal(time.Date(2026, 11, 26, 0, 0, 0, 0, time.Local)) {
		t.Errorf("read back: purpose %s execution %s", back.CategoryPurpose, back.Execution)
	}

	// INL01's proof of hours arrives: its workers are paid in a second run
	// of the period; the rest stays listed.
	hirers, _ := db.Hirers(ctx)
	for _, h := range hirers {
		if h.Number == "INL01" {
			must(t, db.SaveHourProof(ctx, &checks.HourProof{HirerID: h.ID, Period: w47, Kind: "urenstaat", Reference: "week47.pdf"}))
		}
	}
	proof2, err := payrun.Proof(ctx, db, w47, opt, nil)
	must(t, err)
	if len(proof2.Payslips) != len(final.LeftOut) {
		t.Errorf("second proof covers %v, want the %d left out", numbers(proof2.Payslips), len(final.LeftOut))
	}
	_, err = payrun.Approve(ctx, db, w47, opt)
	must(t, err)
	final2, err := payrun.Finalise(ctx, db, w47, opt, nil)
	must(t, err)
	if final2.Seq != 2 || len(final2.Payslips) == 0 || len(final2.Payslips)+len(final2.LeftOut) != len(final.LeftOut) {
		t.Fatalf("second final run: seq %d, paid %v, left out %v", final2.Seq, numbers(final2.Payslips), leftOutNumbers(final2.LeftOut))
	}
	for _, ps := range final2.Payslips {
		if ps.WorkerNumber == "1010" || ps.WorkerNumber == "1005" {
			t.Errorf("%s paid while still blocked", ps.WorkerNumber)
		}
	}
	if first, _ := payrun.Load(ctx, db, final.ID); first.Workers != len(final.Payslips) || !first.Net.Equal(final.Net) {
		t.Error("first final run changed by the second")
	}
}

// TestWorkedExamples_ThroughTheStore pays two of domain/payroll's worked
// examples through proof, approval and final run, and checks the hand-derived
// figures of testdata/*.md and what the final run books.
func TestWorkedExamples_ThroughTheStore(t *testing.T) {
	ctx := context.Background()
	// fase_a_wml_2026w28: 40 hours at the minimum wage of 1 July 2026.
	w28 := domain.Period{Kind: domain.Weekly, Year: 2026, Number: 28}
	now := time.Date(2026, 7, 15, 10, 0, 0, 0, time.UTC)
	c := newClean(t, now)
	w, _ := c.worker(t, "1", "1995-05-05", "14.99", week(domain.Date(2026, 7, 6), 5, domain.HourNormal, "8")...)
	opt := options(now)
	_, err := payrun.Proof(ctx, c.db, w28, opt, nil)
	must(t, err)
	_, err = payrun.Approve(ctx, c.db, w28, opt)
	must(t, err)
	final, err := payrun.Finalise(ctx, c.db, w28, opt, nil)
	must(t, err)
	if len(final.Payslips) != 1 || len(final.LeftOut) != 0 {
		t.Fatalf("final %v left out %+v", numbers(final.Payslips), final.LeftOut)
	}
	s := final.Payslips[0].Slip
	golden := map[string]string{"Gross": s.Gross.String(), "PensionEmployee": s.PensionEmployee.String(), "TableWage": s.TableWage.String(),
		"WageTax": s.WageTax.String(), "Net": s.Net.String(), "EmployerTotal": s.EmployerCosts.Total.String(), "WageCost": s.WageCost.String(),
		"vakantiebijslag": s.ReservationsAccrued[payroll.SchemeHolidayPay].String(), "vakantie_uren": s.LeaveHoursAccrued[payroll.SchemeHolidayHours].String()}
	for k, want := range map[string]string{"Gross": "599.6", "PensionEmployee": "17.25", "TableWage": "582.35", "WageTax": "45.02",
		"Net": "537.33", "EmployerTotal": "195.19", "WageCost": "842.76", "vakantiebijslag": "47.97", "vakantie_uren": "3.4"} {
		if golden[k] != want {
			t.Errorf("fase_a_wml_2026w28 %s = %s, worked example %s", k, golden[k], want)
		}
	}
	bal, _ := c.db.ReservationBalances(ctx, w.ID)
	if len(bal) != 2 || bal[0].Scheme != "vakantie_uren" || bal[0].Balance.String() != "3.4" || bal[1].Balance.String() != "47.97" {
		t.Errorf("balances %+v", bal)
	}

	// holiday_pay_payout_2026w22: a € 1.200 holiday-pay payout at jaarloon
	// € 38.000 (last year's 52 weeks taken over as opening balance), taxed
	// as a bijzondere beloning.
	w22 := domain.Period{Kind: domain.Weekly, Year: 2026, Number: 22}
	now = time.Date(2026, 6, 2, 10, 0, 0, 0, time.UTC)
	c = newClean(t, now)
	w, _ = c.worker(t, "6", "1992-08-30", "15.00", week(domain.Date(2026, 5, 25), 5, domain.HourNormal, "8")...)
	must(t, c.db.SaveOpeningBalance(ctx, &app.OpeningBalance{WorkerID: w.ID, Year: 2025,
		YearToDate: app.YearToDate{Periods: 52, TableWage: dec("38000")}}))
	must(t, c.db.SaveOpeningBalance(ctx, &app.OpeningBalance{WorkerID: w.ID, Year: 2026,
		Reservations: []app.ReservationMove{{Scheme: payroll.SchemeHolidayPay, Unit: app.UnitMoney, Amount: dec("1250.00")}}}))
	req, err := payrun.RequestPayout(ctx, c.db, w.ID, payroll.SchemeHolidayPay, dec("1200.00"), "vakantie juni")
	must(t, err)
	opt = options(now)
	_, err = payrun.Proof(ctx, c.db, w22, opt, nil)
	must(t, err)
	_, err = payrun.Approve(ctx, c.db, w22, opt)
	must(t, err)
	final, err = payrun.Finalise(ctx, c.db, w22, opt, nil)
	must(t, err)
	s = final.Payslips[0].Slip
	for k, got := range map[string]string{"Gross": s.Gross.String(), "SpecialWage": s.SpecialWage.String(), "WageTaxSpecial": s.WageTaxSpecial.String(),
		"WageTaxTable": s.WageTaxTable.String(), "Net": s.Net.String(), "JaarloonUsed": s.JaarloonUsed.String()} {
		want := map[string]string{"Gross": "1800", "SpecialWage": "1200", "WageTaxSpecial": "482.4", "WageTaxTable": "16.67", "Net": "1201.39", "JaarloonUsed": "38000"}[k]
		if got != want {
			t.Errorf("holiday_pay_payout_2026w22 %s = %s, worked example %s", k, got, want)
		}
	}
	reqs, _ := c.db.PayoutRequests(ctx, false)
	if len(reqs) != 1 || reqs[0].ID != req.ID || reqs[0].Status != "paid" || reqs[0].PaidRunID != final.ID || !reqs[0].PaidAmount.Equal(dec("1200")) {
		t.Errorf("payout request after the run %+v", reqs)
	}
	// 1 250 opening + 48,00 accrued − 1 200 paid out.
	bal, _ = c.db.ReservationBalances(ctx, w.ID)
	moves, _ := c.db.ReservationMoves(ctx, w.ID)
	var kinds []string
	for _, m := range moves {
		kinds = append(kinds, m.Kind+" "+m.Scheme+" "+m.Amount.String())
	}
	if bal[1].Scheme != payroll.SchemeHolidayPay || bal[1].Balance.String() != "98" {
		t.Errorf("holiday pay balance %+v; moves %v", bal, kinds)
	}
	if !slices.Contains(kinds, "payout vakantiebijslag -1200") || !slices.Contains(kinds, "accrual vakantiebijslag 48") {
		t.Errorf("moves %v", kinds)
	}
}

func TestLifecycle_RefusalsAndChangesAfterApproval(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)
	c := newClean(t, now)
	_, p := c.worker(t, "1", "1990-01-01", "16.00", week(domain.Date(2026, 11, 16), 5, domain.HourNormal, "8")...)
	opt := options(now)

	if _, err := payrun.Approve(ctx, c.db, w47, opt); domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Errorf("approve without a proof: %v", err)
	}
	if _, err := payrun.Finalise(ctx, c.db, w47, opt, nil); domain.ErrorCode(err) != domain.EINVALID {
		t.Errorf("finalise without approval: %v", err)
	}
	if _, err := payrun.Proof(ctx, c.db, domain.Period{Kind: domain.Weekly, Year: 2026, Number: 40}, opt, nil); domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Errorf("proof of an empty week: %v", err)
	}
	_, err := payrun.Proof(ctx, c.db, w47, opt, nil)
	must(t, err)

	// Hours added after the proof: approval refused.
	must(t, c.db.AddHourLines(ctx, []*domain.HourLine{{PlacementID: p.ID, Date: domain.Date(2026, 11, 21), Type: domain.HourOvertime150, Quantity: dec("3")}}))
	if _, err := payrun.Approve(ctx, c.db, w47, opt); domain.ErrorCode(err) != domain.ECONFLICT {
		t.Fatalf("approve after new hours: %v", err)
	}
	_, err = payrun.Proof(ctx, c.db, w47, opt, nil)
	must(t, err)
	_, err = payrun.Approve(ctx, c.db, w47, opt)
	must(t, err)

	// A wage change after approval: finalising refused, nothing written.
	p.HourlyWage = dec("16.50")
	must(t, c.db.SavePlacement(ctx, p))
	if _, err := payrun.Finalise(ctx, c.db, w47, opt, nil); domain.ErrorCode(err) != domain.ECONFLICT || !strings.Contains(err.Error(), "nieuwe proefverloning") {
		t.Fatalf("finalise after a wage change: %v", err)
	}
	// Hours added after approval: refused as well.
	p.HourlyWage = dec("16.00")
	must(t, c.db.SavePlacement(ctx, p))
	must(t, c.db.AddHourLines(ctx, []*domain.HourLine{{PlacementID: p.ID, Date: domain.Date(2026, 11, 22), Type: domain.HourNormal, Quantity: dec("4")}}))
	if _, err := payrun.Finalise(ctx, c.db, w47, opt, nil); domain.ErrorCode(err) != domain.ECONFLICT {
		t.Fatalf("finalise after new hours: %v", err)
	}
	if runs, _ := payrun.Runs(ctx, c.db, w47); len(runs) != 1 || runs[0].Status != app.RunApproved {
		t.Errorf("refused finalise changed the runs: %+v", runs)
	}
	if entries, _ := os.ReadDir(filepath.Join(filepath.Dir(c.db.Path()), "backups")); len(entries) != 0 {
		t.Errorf("a refused finalise made a backup: %v", entries)
	}

	// Every worker blocked (the contract is not signed): refused with
	// ErrBlocked, the approval stays.
	_, err = payrun.Proof(ctx, c.db, w47, opt, nil)
	must(t, err)
	_, err = payrun.Approve(ctx, c.db, w47, opt)
	must(t, err)
	w, _ := c.db.Worker(ctx, 1)
	w.ContractSignedOn = time.Time{}
	must(t, c.db.SaveWorker(ctx, w))
	_, err = payrun.Finalise(ctx, c.db, w47, opt, nil)
	var be *payrun.BlockedError
	if !errors.Is(err, payrun.ErrBlocked) || !errors.As(err, &be) || len(be.LeftOut) != 1 || be.LeftOut[0].Blockers[0].Rule != checks.DosContract ||
		!strings.Contains(be.Message().EN, "all 1 workers have a blocker") || !strings.Contains(err.Error(), "1 DOS-CONTRACT") {
		t.Fatalf("finalise with everyone blocked: %v", err)
	}
	if runs, _ := payrun.Runs(ctx, c.db, w47); len(runs) != 1 || runs[0].Status != app.RunApproved {
		t.Errorf("blocked finalise changed the runs: %+v", runs)
	}
	if st := statuses(t, c.db, w47)[w.ID]; st[domain.HoursApproved] != 7 {
		t.Errorf("lines after a blocked finalise: %v", st)
	}

	// Cancelled while calculating: nothing stored.
	w.ContractSignedOn = domain.Date(2025, 12, 1)
	must(t, c.db.SaveWorker(ctx, w))
	cctx, cancel := context.WithCancel(ctx)
	_, err = payrun.Proof(cctx, c.db, w47, opt, func(done, _ int) {
		if done >= 40 {
			cancel()
		}
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled proof: %v", err)
	}
	if runs, _ := payrun.Runs(ctx, c.db, w47); len(runs) != 1 || runs[0].Status != app.RunApproved {
		t.Errorf("cancelled proof changed the runs: %+v", runs)
	}
}

// TestAdvancesDeductionsSick: the payroll reads what the checklist stores —
// an open advance is withheld and marked repaid, an authorised deduction
// withheld, a sick report gives a waiting day.
func TestAdvancesDeductionsSick(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)
	c := newClean(t, now)
	lines := week(domain.Date(2026, 11, 16), 3, domain.HourNormal, "8")
	lines = append(lines, week(domain.Date(2026, 11, 19), 2, domain.HourSick, "8")...)
	w, _ := c.worker(t, "1", "1990-01-01", "16.00", lines...)
	adv := &domain.Advance{WorkerID: w.ID, Period: w47.Prev(), Amount: dec("150.00"), Reason: "dossier", PaidOn: domain.Date(2026, 11, 12)}
	must(t, c.db.SaveAdvance(ctx, adv))
	ded := &domain.Deduction{WorkerID: w.ID, Period: w47, Kind: domain.DeductionHousing, Amount: dec("60.00"), Description: "kamer"}
	must(t, c.db.SaveDeduction(ctx, ded))
	fine := &domain.Deduction{WorkerID: w.ID, Period: w47, Kind: domain.DeductionFine, Amount: dec("25.00")} // no proof: not withheld
	must(t, c.db.SaveDeduction(ctx, fine))
	must(t, c.db.SaveSickReport(ctx, &domain.SickReport{WorkerID: w.ID, FirstDay: domain.Date(2026, 11, 19),
		ReportedAt: time.Date(2026, 11, 19, 6, 30, 0, 0, time.UTC)}))
	opt := options(now)
	_, err := payrun.Proof(ctx, c.db, w47, opt, nil)
	must(t, err)
	_, err = payrun.Approve(ctx, c.db, w47, opt)
	must(t, err)
	final, err := payrun.Finalise(ctx, c.db, w47, opt, nil)
	must(t, err)
	s := final.Payslips[0].Slip
	lineOf := map[string]payroll.Line{}
	for _, l := range s.Lines {
		lineOf[l.Code] = l
	}
	if l := lineOf[payroll.CodeAdvance]; !l.Amount.Equal(dec("150")) || l.RefID != adv.ID {
		t.Errorf("advance line %+v", l)
	}
	if l := lineOf["INH_huisvesting"]; !l.Amount.Equal(dec("60")) || l.RefID != ded.ID {
		t.Errorf("housing line %+v", l)
	}
	if _, ok := lineOf["INH_boete"]; ok {
		t.Error("a fine without proof was withheld")
	}
	if l, ok := lineOf[payroll.CodeWaitingDay]; !ok || !l.Amount.IsZero() {
		t.Errorf("no unpaid waiting day for the sick report: %+v", s.Lines)
	}
	as, _ := c.db.Advances(ctx, w.ID)
	if as[0].Open() || as[0].RepaidIn != w47 {
		t.Errorf("advance after the run: %+v", as[0])
	}
	settled, _ := c.db.AdvancesSettled(ctx)
	if !settled[adv.ID].Equal(dec("150")) {
		t.Errorf("settled %v", settled)
	}
}

// TestCorrect_DifferenceLines: hours added after the period was paid go into
// a correction run of difference lines; the original run stays as it was.
func TestCorrect_DifferenceLines(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)
	c := newClean(t, now)
	w, p := c.worker(t, "1", "1990-01-01", "16.00", week(domain.Date(2026, 11, 16), 5, domain.HourNormal, "8")...)
	opt := options(now)
	if _, err := payrun.Correct(ctx, c.db, w47, opt, nil); domain.ErrorCode(err) != domain.EINVALID {
		t.Errorf("correcting an unpaid period: %v", err)
	}
	_, err := payrun.Proof(ctx, c.db, w47, opt, nil)
	must(t, err)
	_, err = payrun.Approve(ctx, c.db, w47, opt)
	must(t, err)
	original, err := payrun.Finalise(ctx, c.db, w47, opt, nil)
	must(t, err)
	orig := original.Payslips[0].Slip

	// Saturday's overtime arrives late, and the wage turns out to be 16,40.
	must(t, c.db.AddHourLines(ctx, []*domain.HourLine{{PlacementID: p.ID, Date: domain.Date(2026, 11, 21), Type: domain.HourOvertime125, Quantity: dec("4")}}))
	p.HourlyWage = dec("16.40")
	must(t, c.db.SavePlacement(ctx, p))
	if _, err := payrun.Proof(ctx, c.db, w47, opt, nil); domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Errorf("a proof pays the late hours of a paid worker: %v", err)
	}
	corr, err := payrun.Correct(ctx, c.db, w47, opt, nil)
	must(t, err)
	if corr.Kind != app.RunCorrection || corr.Status != app.RunFinal || corr.Seq != 2 || len(corr.Payslips) != 1 || corr.Backup == "" {
		t.Fatalf("correction run %+v", corr)
	}
	ps := corr.Payslips[0]
	want := expected(t, c.db, w47, w.ID) // all lines at the new wage
	if ps.Recalculated == nil || !ps.Recalculated.Net.Equal(want.Net) {
		t.Fatalf("recalculated net %v, want %s", ps.Recalculated, want.Net)
	}
	if !ps.Slip.Net.Equal(want.Net.Sub(orig.Net)) || !ps.Slip.Gross.Equal(want.Gross.Sub(orig.Gross)) || !ps.Slip.WageTax.Equal(want.WageTax.Sub(orig.WageTax)) {
		t.Errorf("difference net %s gross %s tax %s; want %s %s %s", ps.Slip.Net, ps.Slip.Gross, ps.Slip.WageTax,
			want.Net.Sub(orig.Net), want.Gross.Sub(orig.Gross), want.WageTax.Sub(orig.WageTax))
	}
	// Difference lines: the NORM line at 16,00 reversed, at 16,40 added, OW125 added.
	var got []string
	for _, l := range ps.Slip.Lines {
		if l.Category == payroll.CatGross {
			got = append(got, l.Code+" "+l.Quantity.String()+" × "+l.Rate.String()+" = "+l.Amount.String())
		}
	}
	wantLines := []string{"NORM 40 × 16.4 = 656", "OW125 4 × 20.5 = 82", "NORM -40 × 16 = -640"}
	if !slices.Equal(got, wantLines) {
		t.Errorf("difference lines %v, want %v", got, wantLines)
	}
	if len(ps.HourLineIDs) != 1 {
		t.Errorf("correction pays lines %v, want the late one", ps.HourLineIDs)
	}
	if st := statuses(t, c.db, w47)[w.ID]; st[domain.HoursPaid] != 6 {
		t.Errorf("lines %v", st)
	}
	again, _ := payrun.Load(ctx, c.db, original.ID)
	if !again.Payslips[0].Slip.Net.Equal(orig.Net) || len(again.Payslips[0].Slip.Lines) != len(orig.Lines) {
		t.Error("original run changed by the correction")
	}
	ytd, _ := c.db.YearToDate(ctx, 2026)
	if y := ytd[w.ID]; y.Periods != 1 || !y.TableWage.Equal(want.TableWage) || !y.WageTax.Equal(want.WageTax) {
		t.Errorf("year to date after correction %+v, want table wage %s tax %s", y, want.TableWage, want.WageTax)
	}
	bal, _ := c.db.ReservationBalances(ctx, w.ID)
	for _, b := range bal {
		if b.Scheme == payroll.SchemeHolidayPay && !b.Balance.Equal(want.ReservationsAccrued[payroll.SchemeHolidayPay]) {
			t.Errorf("holiday pay balance %s, want %s", b.Balance, want.ReservationsAccrued[payroll.SchemeHolidayPay])
		}
	}
	if _, err := payrun.Correct(ctx, c.db, w47, opt, nil); domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Errorf("second correction without changes: %v", err)
	}

	// The correction's payment file pays the difference under its own id.
	f, err := payrun.SEPA(ctx, c.db, corr, payrun.SEPAOptions{Today: now})
	must(t, err)
	if f.Payments != 1 || !f.Total.Equal(ps.Slip.Net) || !bytes.Contains(f.XML, []byte("<EndToEndId>2026-W47-2-1</EndToEndId>")) {
		t.Errorf("correction SEPA: %d payments, total %s\n%s", f.Payments, f.Total, f.XML)
	}
}

// TestWriteFiles writes payslips, journal and SEPA file of a final run with
// private permissions and checks the journal ties out to the run.
func TestWriteFiles(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)
	c := newClean(t, now)
	c.worker(t, "1", "1990-01-01", "16.00", week(domain.Date(2026, 11, 16), 5, domain.HourNormal, "8")...)
	c.worker(t, "2", "1985-06-01", "18.25", week(domain.Date(2026, 11, 16), 4, domain.HourNormal, "9")...)
	opt := options(now)
	proof, err := payrun.Proof(ctx, c.db, w47, opt, nil)
	must(t, err)
	dir := filepath.Join(t.TempDir(), "out")
	files, err := payrun.WriteFiles(ctx, c.db, proof, dir, payrun.FileOptions{SEPA: payrun.SEPAOptions{Today: now}}, nil)
	must(t, err)
	if files.SEPA != "" || len(files.Payslips) != 2 || !strings.HasSuffix(files.Combined, "loonstroken-2026-W47-proef.pdf") {
		t.Errorf("proof files %+v", files)
	}
	_, err = payrun.Approve(ctx, c.db, w47, opt)
	must(t, err)
	final, err := payrun.Finalise(ctx, c.db, w47, opt, nil)
	must(t, err)
	files, err = payrun.WriteFiles(ctx, c.db, final, dir, payrun.FileOptions{SEPA: payrun.SEPAOptions{Today: now}}, nil)
	must(t, err)
	info, err := os.Stat(dir)
	if err != nil || info.Mode().Perm() != 0o700 {
		t.Errorf("folder %v %v", info, err)
	}
	for _, p := range append(append([]string{}, files.Payslips...), files.Combined, files.Journal, files.SEPA) {
		info, err := os.Stat(p)
		if err != nil || info.Mode().Perm() != 0o600 || info.Size() < 500 {
			t.Errorf("%s: %v %v", p, info, err)
		}
	}
	xmllint(t, string(sepa.V09), files.SEPA)
	x, err := excelize.OpenFile(files.Journal)
	must(t, err)
	defer x.Close()
	rows, _ := x.GetRows(journal.SheetJournal, excelize.Options{RawCellValue: true})
	total := rows[len(rows)-1]
	if got := total[len(total)-1]; got != final.Net.String() || len(rows) != journal.FirstDataRow+len(final.Payslips) {
		t.Errorf("journal net total %q, run %s (%d rows)", got, final.Net, len(rows))
	}
}

// TestPayoutRequests: a worker without hours who asks for his holiday pay is
// paid it (capped at the balance, with a note); a request for vakantie-uren
// stays open.
func TestPayoutRequests(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)
	c := newClean(t, now)
	w, _ := c.worker(t, "1", "1990-01-01", "16.00")
	must(t, c.db.SaveOpeningBalance(ctx, &app.OpeningBalance{WorkerID: w.ID, Year: 2026,
		Reservations: []app.ReservationMove{{Scheme: payroll.SchemeHolidayPay, Unit: app.UnitMoney, Amount: dec("400.00")},
			{Scheme: payroll.SchemeHolidayHours, Unit: app.UnitHours, Amount: dec("16")}}}))
	_, err := payrun.RequestPayout(ctx, c.db, w.ID, payroll.SchemeHolidayPay, dec("500.00"), "einde contract")
	must(t, err)
	hours, err := payrun.RequestPayout(ctx, c.db, w.ID, payroll.SchemeHolidayHours, dec("0"), "")
	must(t, err)
	if _, err := payrun.RequestPayout(ctx, c.db, w.ID, "13e maand", dec("1"), ""); domain.ErrorCode(err) != domain.EINVALID {
		t.Errorf("unknown scheme: %v", err)
	}
	opt := options(now)
	proof, err := payrun.Proof(ctx, c.db, w47, opt, nil)
	must(t, err)
	s := proof.Payslips[0].Slip
	var notes []string
	for _, f := range s.Skipped {
		notes = append(notes, f.Code)
	}
	if !s.SpecialWage.Equal(dec("400")) || !slices.Contains(notes, payrun.FindPayoutCapped) || !slices.Contains(notes, payrun.FindPayoutNotPossible) {
		t.Fatalf("payout without hours: special wage %s, notes %v", s.SpecialWage, notes)
	}
	_, err = payrun.Approve(ctx, c.db, w47, opt)
	must(t, err)
	_, err = payrun.Finalise(ctx, c.db, w47, opt, nil)
	must(t, err)
	bal, _ := c.db.ReservationBalances(ctx, w.ID)
	for _, b := range bal {
		if b.Scheme == payroll.SchemeHolidayPay && !b.Balance.IsZero() {
			t.Errorf("holiday pay balance after paying it all: %s", b.Balance)
		}
	}
	open, _ := c.db.PayoutRequests(ctx, true)
	if len(open) != 1 || open[0].ID != hours.ID {
		t.Errorf("open requests %+v, want only the vakantie-uren one", open)
	}
}

// TestHoursPayout_EndOfEmployment: in 2026 vakantie-uren are kept in hours. A
// worker whose employment ends this week is paid his whole balance plus what
// this week accrues, at his placement's hourly wage; the request is paid with
// that amount and his balance is zero afterwards. For a worker who stays, the
// same request is not paid (BW 7:640) and stays open.
func TestHoursPayout_EndOfEmployment(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)
	c := newClean(t, now)
	leaving, _ := c.worker(t, "1", "1990-01-01", "16.00", week(domain.Date(2026, 11, 16), 3, domain.HourNormal, "8")...)
	staying, _ := c.worker(t, "2", "1991-02-02", "15.00", week(domain.Date(2026, 11, 16), 3, domain.HourNormal, "8")...)
	leaving.EndDate = domain.Date(2026, 11, 18)
	must(t, c.db.SaveWorker(ctx, leaving))
	for _, w := range []*domain.Worker{leaving, staying} {
		must(t, c.db.SaveOpeningBalance(ctx, &app.OpeningBalance{WorkerID: w.ID, Year: 2026,
			Reservations: []app.ReservationMove{{Scheme: payroll.SchemeHolidayHours, Unit: app.UnitHours, Amount: dec("31.5")}}}))
	}
	paidReq, err := payrun.RequestPayout(ctx, c.db, leaving.ID, payroll.SchemeHolidayHours, dec("0"), "uit dienst")
	must(t, err)
	openReq, err := payrun.RequestPayout(ctx, c.db, staying.ID, payroll.SchemeHolidayHours, dec("0"), "")
	must(t, err)
	opt := options(now)
	_, err = payrun.Proof(ctx, c.db, w47, opt, nil)
	must(t, err)
	_, err = payrun.Approve(ctx, c.db, w47, opt)
	must(t, err)
	final, err := payrun.Finalise(ctx, c.db, w47, opt, nil)
	must(t, err)
	for _, ps := range final.Payslips {
		s := ps.Slip
		var payout *payroll.Line
		for i := range s.Lines {
			if s.Lines[i].Code == "UITB_vakantie_uren" {
				payout = &s.Lines[i]
			}
		}
		var notes []string
		for _, f := range s.Skipped {
			notes = append(notes, f.Message)
		}
		switch ps.WorkerID {
		case leaving.ID:
			// 31,5 h + 24 h × 8,51 % (2,0424 → 2,04 h) = 33,54 h × € 16,00 = € 536,64.
			if payout == nil || !payout.Quantity.Equal(dec("33.54")) || !payout.Rate.Equal(dec("16")) || !payout.Amount.Equal(dec("536.64")) {
				t.Errorf("leaving worker's payout line %+v (notes %q)", payout, notes)
			}
			if !s.SpecialWage.GreaterThanOrEqual(dec("500")) {
				t.Errorf("payout not taxed as a bijzondere beloning: special wage %s", s.SpecialWage)
			}
		case staying.ID:
			if payout != nil || len(notes) != 1 || !strings.Contains(notes[0], "BW 7:640") {
				t.Errorf("staying worker: payout %+v, notes %q", payout, notes)
			}
		}
	}
	bal, err := c.db.ReservationBalances(ctx, 0)
	must(t, err)
	want := map[int64]string{leaving.ID: "0", staying.ID: "33.54"}
	for _, b := range bal {
		if b.Scheme == payroll.SchemeHolidayHours && b.Unit == app.UnitHours {
			if w, ok := want[b.WorkerID]; ok && !b.Balance.Equal(dec(w)) {
				t.Errorf("worker %d: %s hours left, want %s", b.WorkerID, b.Balance, w)
			}
			delete(want, b.WorkerID)
		}
	}
	if want[leaving.ID] != "" && want[leaving.ID] != "0" || want[staying.ID] != "" {
		t.Errorf("no hours balance for %v", want)
	}
	// The payslip's reservations block: 31,5 + 2,04 − 33,54 = 0 hours.
	docs, err := payrun.Documents(ctx, c.db, final, payrun.DocOptions{})
	must(t, err)
	shown := 0
	for _, d := range docs {
		for _, b := range d.Reservations {
			if d.Worker.ID == leaving.ID && b.Scheme == payroll.SchemeHolidayHours {
				shown++
				if b.Unit != payslip.Hours || !b.Before.Equal(dec("31.5")) || !b.Accrued.Equal(dec("2.04")) ||
					!b.Drawn.Equal(dec("33.54")) || !b.After.IsZero() {
					t.Errorf("payslip shows vakantie-uren %+v", b)
				}
			}
		}
	}
	if shown != 1 {
		t.Errorf("vakantie-uren shown %d times on the leaving worker's payslip", shown)
	}
	reqs, err := c.db.PayoutRequests(ctx, false)
	must(t, err)
	for _, r := range reqs {
		switch r.ID {
		case paidReq.ID:
			if r.Status != "paid" || !r.PaidAmount.Equal(dec("536.64")) {
				t.Errorf("leaving worker's request %+v", r)
			}
		case openReq.ID:
			if r.Status != "open" {
				t.Errorf("staying worker's request %+v", r)
			}
		}
	}
}
