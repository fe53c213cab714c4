package payrun

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"verloner/app"
	"verloner/domain"
	"verloner/domain/checks"
	"verloner/domain/params"
	"verloner/domain/payroll"
)

// differences lists the workers (by number) whose payslip in run differs
// from the approved proof: someone added or gone, or a different gross, wage
// tax, deductions, net, employer costs or wage cost. Finalising pays what was
// approved, so any difference means: make a new proof.
func differences(approved, run *Run) []string {
	was := map[int64]*payroll.Payslip{}
	for _, ps := range approved.Payslips {
		was[ps.WorkerID] = ps.Slip
	}
	var out []string
	for _, ps := range run.Payslips {
		a, ok := was[ps.WorkerID]
		delete(was, ps.WorkerID)
		b := ps.Slip
		if !ok || !a.Gross.Equal(b.Gross) || !a.WageTax.Equal(b.WageTax) || !a.Deductions.Equal(b.Deductions) ||
			!a.Net.Equal(b.Net) || !a.EmployerCosts.Total.Equal(b.EmployerCosts.Total) || !a.WageCost.Equal(b.WageCost) {
			out = append(out, ps.WorkerNumber)
		}
	}
	for _, ps := range approved.Payslips {
		if _, gone := was[ps.WorkerID]; gone {
			out = append(out, ps.WorkerNumber)
		}
	}
	sort.Slice(out, func(i, j int) bool { return lessNumber(out[i], out[j]) })
	if len(out) > 10 {
		out = append(out[:10], fmt.Sprintf("en %d anderen", len(out)-10))
	}
	return out
}

// leaveOutBlocked moves the workers with payroll blockers from the run's
// payslips to its LeftOut list. A payroll blocker that is not about a worker
// (none of the current rules makes one, but a rule may) blocks the whole
// run, as does a run in which everyone is blocked: *BlockedError.
func (c *calc) leaveOutBlocked(run *Run, cl *checks.Checklist) error {
	var general []checks.Finding
	for _, f := range cl.Findings {
		if f.Blocks(checks.GatePayroll) && f.WorkerID == 0 && len(f.Workers) == 0 {
			general = append(general, f)
		}
	}
	if len(general) > 0 {
		return &BlockedError{Period: c.period, General: general}
	}
	kept := run.Payslips[:0]
	var blocked []LeftOut
	blockers := cl.BlockersByWorker(checks.GatePayroll)
	for _, ps := range run.Payslips {
		bl := blockers[ps.WorkerID]
		if len(bl) == 0 {
			kept = append(kept, ps)
			continue
		}
		rules := make([]string, len(bl))
		for i, f := range bl {
			rules[i] = f.Rule
		}
		blocked = append(blocked, LeftOut{WorkerID: ps.WorkerID, Number: ps.WorkerNumber, Name: ps.WorkerName, Reason: app.LeftOutBlocked,
			Blockers: bl, Message: checks.Text{
				NL: fmt.Sprintf("Niet verloond: %d blokkade(s) (%s). Na oplossen volgt een aanvullende run van %s.", len(bl), strings.Join(rules, ", "), c.period),
				EN: fmt.Sprintf("Not paid: %d blocker(s) (%s). Once solved, a supplementary run of %s follows.", len(bl), strings.Join(rules, ", "), c.period)}})
	}
	run.Payslips = kept
	run.LeftOut = append(run.LeftOut, blocked...)
	sortLeftOut(run.LeftOut)
	if len(run.Payslips) == 0 && len(blocked) > 0 {
		return &BlockedError{Period: c.period, LeftOut: blocked}
	}
	if len(run.Payslips) == 0 {
		return domain.Errorf(domain.ENOTFOUND, "Er is in %s niemand om te verlonen.", c.period)
	}
	return nil
}

// finalise backs the database up and writes the final run with everything
// it settles. approved is the proof being finalised (nil for a correction).
func (c *calc) finalise(ctx context.Context, run *Run, approved *Run, progress func(done, total int)) (*Run, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	backup := backupName(c.st.Path(), c.now)
	if err := c.st.Backup(ctx, backup); err != nil {
		return nil, fmt.Errorf("verloning %s niet definitief gemaakt: back-up vooraf mislukt: %w", c.period, err)
	}
	progress(1, 3)
	run.Backup = backup
	run.CreatedBy, run.FinalisedBy, run.FinalisedAt = c.opt.By, c.opt.By, c.now
	if approved != nil {
		run.ApprovedAt, run.ApprovedBy, run.CreatedAt, run.CreatedBy = approved.ApprovedAt, approved.ApprovedBy, approved.CreatedAt, approved.CreatedBy
	} else {
		run.ApprovedAt, run.ApprovedBy = c.now, c.opt.By
	}
	f := &app.FinalRun{Run: run}
	if approved != nil {
		f.Replaces = approved.ID
	}
	periods := 1
	if run.Kind == app.RunCorrection {
		periods = 0
	}
	hoursScheme := c.pack.Reservations().HolidayHours.Method == params.ReserveHours
	workers := c.workerIndex()
	for _, ps := range run.Payslips {
		s := ps.Slip
		f.YearToDate = append(f.YearToDate, app.YearToDateMove{WorkerID: ps.WorkerID, Year: s.Year, YearToDate: app.YearToDate{
			Periods: periods, TableWage: s.TableWage, SpecialWage: s.SpecialWage, WageTax: s.WageTax, Gross: s.Gross, Net: s.Net}})
		f.Reservations = append(f.Reservations, reservationMoves(ps.WorkerID, s, hoursScheme)...)
		if run.Kind == app.RunRegular {
			f.Settlements = append(f.Settlements, c.settlements(ps.WorkerID, s)...)
			if wc := workers[ps.WorkerID]; wc != nil {
				f.Payouts = append(f.Payouts, wc.paidPayouts(s)...)
			}
		}
	}
	if err := c.st.FinaliseRun(ctx, f); err != nil {
		return nil, fmt.Errorf("verloning %s definitief maken: %w", c.period, err)
	}
	progress(2, 3)
	out, err := c.st.PayrollRun(ctx, run.ID)
	if err != nil {
		return nil, err
	}
	progress(3, 3)
	return out, nil
}

// settlements are the advances a payslip withheld (VOORSCHOT lines name the
// advance in RefID); an advance is repaid once everything is withheld.
func (c *calc) settlements(workerID int64, s *payroll.Payslip) []app.AdvanceSettlement {
	var out []app.AdvanceSettlement
	for _, l := range s.Lines {
		if l.Code != payroll.CodeAdvance || l.RefID == 0 || !l.Amount.IsPositive() {
			continue
		}
		a := c.advances[l.RefID]
		repaid := a != nil && !c.settled[l.RefID].Add(l.Amount).LessThan(a.Amount)
		out = append(out, app.AdvanceSettlement{AdvanceID: l.RefID, WorkerID: workerID, Amount: l.Amount, Repaid: repaid})
	}
	return out
}

// reservationMoves turns a payslip's reservations into balance movements:
// money accrued (+), paid out as a bijzondere beloning (−, UITB_ lines) or
// drawn for leave paid from the reserve (−); leave hours accrued (+) and, when
// the pack keeps vakantie-uren in hours, VAK hours taken (−) and hours paid
// out (−, UITB_ lines in hours). For a difference payslip the same rules give
// the differences.
func reservationMoves(workerID int64, s *payroll.Payslip, hoursScheme bool) []app.ReservationMove {
	var out []app.ReservationMove
	add := func(scheme, unit, kind string, amount decimal.Decimal) {
		if !amount.IsZero() {
			out = append(out, app.ReservationMove{WorkerID: workerID, Scheme: scheme, Unit: unit, Kind: kind, Amount: amount})
		}
	}
	for _, scheme := range sortedKeys(s.ReservationsAccrued) {
		add(scheme, app.UnitMoney, "accrual", s.ReservationsAccrued[scheme])
	}
	paidOut := map[string]decimal.Decimal{}
	var taken decimal.Decimal
	for _, l := range s.Lines {
		if scheme, ok := strings.CutPrefix(l.Code, "UITB_"); ok && l.Category == payroll.CatGross && l.Unit != payroll.UnitHour {
			paidOut[scheme] = paidOut[scheme].Add(l.Amount)
		}
		if l.HourType == domain.HourVacation && l.Unit == payroll.UnitHour {
			taken = taken.Add(l.Quantity)
		}
	}
	for _, scheme := range sortedKeys(s.ReservationsDrawn) {
		add(scheme, app.UnitMoney, "drawn", paidOut[scheme].Sub(s.ReservationsDrawn[scheme]))
	}
	for _, scheme := range sortedKeys(paidOut) {
		add(scheme, app.UnitMoney, "payout", paidOut[scheme].Neg())
	}
	for _, scheme := range sortedKeys(s.LeaveHoursAccrued) {
		add(scheme, app.UnitHours, "accrual", s.LeaveHoursAccrued[scheme])
	}
	if hoursScheme {
		add(payroll.SchemeHolidayHours, app.UnitHours, "taken", taken.Neg())
	}
	paidHours := hoursPaidOut(s)
	for _, scheme := range sortedKeys(paidHours) {
		add(scheme, app.UnitHours, "payout", paidHours[scheme].Neg())
	}
	return out
}

// hoursPaidOut are the leave hours a payslip pays out per scheme: its UITB_
// lines in hours (a balance kept in hours, paid at the end of employment).
func hoursPaidOut(s *payroll.Payslip) map[string]decimal.Decimal {
	out := map[string]decimal.Decimal{}
	for _, l := range s.Lines {
		if scheme, ok := strings.CutPrefix(l.Code, "UITB_"); ok && l.Category == payroll.CatGross && l.Unit == payroll.UnitHour {
			out[scheme] = out[scheme].Add(l.Quantity)
		}
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// backupName is app.BackupName, made unique when a backup of the same second
// exists already (a correction right after a final run, in a script).
func backupName(path string, at time.Time) string {
	name := app.BackupName(path, at)
	ext := filepath.Ext(name)
	for i := 2; ; i++ {
		if _, err := os.Stat(name); errors.Is(err, os.ErrNotExist) {
			return name
		}
		name = strings.TrimSuffix(app.BackupName(path, at), ext) + "-" + strconv.Itoa(i) + ext
	}
}
