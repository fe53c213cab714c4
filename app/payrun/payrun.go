// Package payrun is the payroll-run use case the GUI's Verloning page and
// `verloner payroll` share: proof, approve, finalise and correct the payroll
// of one period, reading everything from an app.Store and calculating every
// worker's payslip with domain/payroll.
//
// # Lifecycle of a period
//
//	Proof     calculates everyone with unpaid hours (or an open payout request)
//	          and stores the result as the period's proof (concept). Repeatable:
//	          a new proof replaces the previous one, and withdraws an approval.
//	Approve   approves the current proof: records who and when and sets the
//	          hour lines it pays to 'approved'. Refused when the hours changed
//	          since the proof (make a new proof first).
//	Finalise  only after Approve. Runs a fresh checklist; a worker with a
//	          payroll blocker is left out of the final run and listed, everyone
//	          else is paid (the Dutch backoffice way: one missing ID document
//	          must not hold up forty other wages). A blocker that is not tied to
//	          a worker refuses the whole run. The calculation is repeated and
//	          must equal the approved proof. Then the database is backed up
//	          (VACUUM INTO, app.BackupName) and the final run is written in one
//	          transaction: hour lines paid, advances settled, payout requests
//	          paid, year-to-date totals and reservation balances. A final run
//	          never changes (the database refuses it).
//	Correct   recalculates the workers already paid in the period with the
//	          current data (late hours, a changed wage) and writes a final
//	          correction run with only the differences; the original stays.
//
// Workers left out of a final run are paid by the next Proof → Approve →
// Finalise of the same period, which covers only the workers not yet paid.
//
// Every function honours ctx cancellation and reports progress(done, total)
// with total ProgressTotal (may be nil). Messages are Dutch *domain.Error;
// LeftOut and blockers carry English too (checks.Text).
package payrun

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"time"

	"verloner/app"
	"verloner/app/absence"
	"verloner/app/checking"
	"verloner/domain"
	"verloner/domain/checks"
	"verloner/domain/params"
	"verloner/domain/payroll"
)

// Run is a payroll run with its payslips, as stored.
type Run = app.PayrollRun

// Payslip is one worker's payslip in a run.
type Payslip = app.RunPayslip

// LeftOut is a worker not in a run, with the reason.
type LeftOut = app.LeftOut

// ProgressTotal is the total every progress callback reports against.
const ProgressTotal = 100

// Options tune a run. The zero value is right for the GUI and the command line.
type Options struct {
	Params   *params.Set      // parameter packs; default the packs built into the binary
	Now      func() time.Time // the moment recorded; default time.Now
	By       string           // the user recorded as creator, approver or finaliser
	Location *time.Location   // the agency's wall clock for the checklist; default Europe/Amsterdam
	// PayDate overrides the pay date (genietingsmoment) of a new run; zero:
	// the Thursday after the period (domain.Period.PayDate).
	PayDate time.Time
	// Parallel is the number of payslips calculated at once; 0: one per CPU.
	Parallel int
	// Sick configures sick pay (waiting days, pay %); nil: the agency's
	// waiting days per new spell from its CAO settings (contract.Settings,
	// default one) and the sick hour lines' own pay % — the lines Proof adds
	// from the sick reports carry the settings' % of their sickness week (the
	// hirer's scheme decides in 2026, at most two waiting days by law).
	Sick *payroll.SickPay
	// WhkRate is the agency's own Whk percentage for a medium or large employer.
	WhkRate params.Percent
	// Checklist lets Proof judge blockers by a checklist the caller just made
	// instead of running a fresh one. Finalise and Correct always run a fresh one.
	Checklist *checks.Checklist
}

func (o *Options) now() time.Time {
	if o.Now != nil {
		return o.Now().UTC()
	}
	return time.Now().UTC()
}

func (o *Options) params() (*params.Set, error) {
	if o.Params != nil {
		return o.Params, nil
	}
	return params.Builtin()
}

func (o *Options) parallel() int {
	if o.Parallel > 0 {
		return o.Parallel
	}
	return runtime.GOMAXPROCS(0)
}

// ErrBlocked is what Finalise and Correct return (wrapped in *BlockedError)
// when the checklist refuses the run as a whole: a payroll blocker that is
// not about one worker, or every worker of the run blocked.
var ErrBlocked = errors.New("verloning geblokkeerd door de controlelijst")

// BlockedError says why finalising was refused: the general blockers and the
// workers left out.
type BlockedError struct {
	Period  domain.Period
	General []checks.Finding
	LeftOut []LeftOut
}

func (e *BlockedError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "Verloning %s niet definitief gemaakt: ", e.Period)
	switch {
	case len(e.General) > 0:
		msgs := make([]string, len(e.General))
		for i, f := range e.General {
			msgs[i] = f.Rule + ": " + f.Message.NL
		}
		fmt.Fprintf(&b, "%d blokkade(s) voor de hele verloning (%s).", len(e.General), strings.Join(msgs, "; "))
	default:
		var who []string
		for i, lo := range e.LeftOut {
			if i == 5 {
				who = append(who, fmt.Sprintf("en %d anderen", len(e.LeftOut)-5))
				break
			}
			rules := make([]string, len(lo.Blockers))
			for j, f := range lo.Blockers {
				rules[j] = f.Rule
			}
			who = append(who, lo.Number+" "+strings.Join(rules, "/"))
		}
		fmt.Fprintf(&b, "alle %d uitzendkrachten hebben een blokkade (%s).", len(e.LeftOut), strings.Join(who, ", "))
	}
	b.WriteString(" Los de blokkades op en draai de controle opnieuw.")
	return b.String()
}

// Message is the refusal in Dutch and English, for the screen.
func (e *BlockedError) Message() checks.Text {
	en := fmt.Sprintf("Payroll %s not finalised: ", e.Period)
	if len(e.General) > 0 {
		msgs := make([]string, len(e.General))
		for i, f := range e.General {
			msgs[i] = f.Rule + ": " + f.Message.In("en")
		}
		en += fmt.Sprintf("%d blocker(s) for the whole payroll (%s).", len(e.General), strings.Join(msgs, "; "))
	} else {
		en += fmt.Sprintf("all %d workers have a blocker.", len(e.LeftOut))
	}
	return checks.Text{NL: e.Error(), EN: en + " Solve the blockers and run the checklist again."}
}

// Is makes errors.Is(err, ErrBlocked) hold.
func (e *BlockedError) Is(target error) bool { return target == ErrBlocked }

// Proof calculates the period's payroll as a proof (concept) and stores it,
// replacing the period's previous proof. Workers with a payroll blocker are
// calculated too and carry their blockers, so the proof shows who would be
// left out when finalising.
//
// First it adds the period's sick hours (absence.AddSickLines: ZIEK lines
// from the sick reports, the 13-week average at the settings' pay %), so sick
// pay flows into the payroll without a separate step; days that have ZIEK,
// VAK or FEEST hours already are left alone, so a second proof adds nothing.
func Proof(ctx context.Context, st app.Store, period domain.Period, opt Options, progress func(done, total int)) (*Run, error) {
	rep := newReporter(progress)
	if period.Kind == "" || period.String() == "?" {
		return nil, domain.Errorf(domain.EINVALID, "Geen periode gekozen voor de verloning.")
	}
	if _, err := absence.AddSickLines(ctx, st, period); err != nil {
		return nil, fmt.Errorf("proefverloning %s: %w", period, err)
	}
	cl := opt.Checklist
	if cl == nil {
		var err error
		if cl, err = freshChecklist(ctx, st, period, opt, rep.span(0, 30)); err != nil {
			return nil, err
		}
	}
	c, err := prepare(ctx, st, period, opt, cl, rep.span(30, 40))
	if err != nil {
		return nil, err
	}
	if len(c.workers) == 0 {
		return nil, domain.Errorf(domain.ENOTFOUND, "Geen onbetaalde uren of uitbetalingsverzoeken in %s: er is niets te verlonen.", period)
	}
	run, err := c.calculate(ctx, rep.span(40, 90))
	if err != nil {
		return nil, err
	}
	blockers := cl.BlockersByWorker(checks.GatePayroll)
	for _, ps := range run.Payslips {
		ps.Blockers = blockers[ps.WorkerID]
	}
	run.Status, run.CreatedBy = app.RunProof, opt.By
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err := st.SaveProofRun(ctx, run); err != nil {
		return nil, fmt.Errorf("proefverloning %s opslaan: %w", period, err)
	}
	rep.done(ProgressTotal)
	return run, nil
}

// Approve approves the period's current proof. It is refused when there is
// no proof, when the proof is approved already, or when the hours changed
// since the proof was made.
func Approve(ctx context.Context, st app.Store, period domain.Period, opt Options) (*Run, error) {
	open, err := openRun(ctx, st, period)
	if err != nil {
		return nil, err
	}
	switch {
	case open == nil:
		return nil, domain.Errorf(domain.ENOTFOUND, "Er is geen proefverloning van %s om goed te keuren; maak eerst een proef.", period)
	case open.Status == app.RunApproved:
		return nil, domain.Errorf(domain.ECONFLICT, "De proefverloning van %s is al goedgekeurd door %s.", period, open.ApprovedBy)
	case open.Workers == 0:
		return nil, domain.Errorf(domain.EINVALID, "De proefverloning van %s bevat geen loonstroken.", period)
	}
	fp, err := regularFingerprint(ctx, st, period)
	if err != nil {
		return nil, fmt.Errorf("goedkeuren %s: %w", period, err)
	}
	if fp != open.Fingerprint {
		return nil, domain.Errorf(domain.ECONFLICT, "De uren van %s zijn gewijzigd sinds de proefverloning; maak een nieuwe proef en keur die goed.", period)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err := st.ApproveRun(ctx, open.ID, opt.By); err != nil {
		return nil, fmt.Errorf("goedkeuren %s: %w", period, err)
	}
	return st.PayrollRun(ctx, open.ID)
}

// Finalise makes the approved proof of the period final, leaving out the
// workers with payroll blockers on a fresh checklist (listed in the run's
// LeftOut). It refuses an unapproved period, data changed since the approval
// (make a new proof), and — with a *BlockedError — a run that is blocked as a
// whole. The database is backed up before anything is written.
func Finalise(ctx context.Context, st app.Store, period domain.Period, opt Options, progress func(done, total int)) (*Run, error) {
	rep := newReporter(progress)
	open, err := openRun(ctx, st, period)
	if err != nil {
		return nil, err
	}
	if open == nil || open.Status != app.RunApproved {
		return nil, domain.Errorf(domain.EINVALID, "Periode %s is niet goedgekeurd: maak een proefverloning en keur die goed voordat u definitief verloont.", period)
	}
	approved, err := st.PayrollRun(ctx, open.ID)
	if err != nil {
		return nil, err
	}
	cl, err := freshChecklist(ctx, st, period, opt, rep.span(0, 30))
	if err != nil {
		return nil, err
	}
	opt.PayDate = approved.PayDate // pay what was approved, at its pay date
	c, err := prepare(ctx, st, period, opt, cl, rep.span(30, 40))
	if err != nil {
		return nil, err
	}
	if c.fingerprint != approved.Fingerprint {
		return nil, domain.Errorf(domain.ECONFLICT, "De uren van %s zijn gewijzigd sinds de goedkeuring; maak een nieuwe proefverloning en keur die opnieuw goed.", period)
	}
	run, err := c.calculate(ctx, rep.span(40, 85))
	if err != nil {
		return nil, err
	}
	if changed := differences(approved, run); len(changed) > 0 {
		return nil, domain.Errorf(domain.ECONFLICT, "Sinds de goedkeuring van %s is de berekening gewijzigd voor %s; maak een nieuwe proefverloning en keur die opnieuw goed.",
			period, strings.Join(changed, ", "))
	}
	if err := c.leaveOutBlocked(run, cl); err != nil {
		return nil, err
	}
	return c.finalise(ctx, run, approved, rep.span(85, 100))
}

// Correct recalculates the workers already paid in the period's final runs
// with the current hours and master data and finalises a correction run with
// the differences (only workers whose payslip changed). Hour lines added to
// the period since it was paid are paid by it. Workers with payroll blockers
// are left out and listed.
func Correct(ctx context.Context, st app.Store, period domain.Period, opt Options, progress func(done, total int)) (*Run, error) {
	rep := newReporter(progress)
	finals, err := finalRuns(ctx, st, period)
	if err != nil {
		return nil, err
	}
	if len(finals) == 0 {
		return nil, domain.Errorf(domain.EINVALID, "Periode %s is nog niet definitief verloond; er valt niets te corrigeren (maak een proef).", period)
	}
	cl, err := freshChecklist(ctx, st, period, opt, rep.span(0, 30))
	if err != nil {
		return nil, err
	}
	c, err := prepareCorrection(ctx, st, period, opt, cl, finals, rep.span(30, 40))
	if err != nil {
		return nil, err
	}
	run, err := c.calculate(ctx, rep.span(40, 80))
	if err != nil {
		return nil, err
	}
	c.differences(run)
	if len(run.Payslips) == 0 && len(run.LeftOut) == 0 {
		return nil, domain.Errorf(domain.ENOTFOUND, "Geen verschillen in %s: de herberekening is gelijk aan wat al is betaald.", period)
	}
	if err := c.leaveOutBlocked(run, cl); err != nil {
		return nil, err
	}
	return c.finalise(ctx, run, nil, rep.span(80, 100))
}

// Latest returns the period's current run: the open run (proof or approved)
// if there is one, else the newest final run; nil when the period has no run.
func Latest(ctx context.Context, st app.Store, period domain.Period) (*Run, error) {
	runs, err := st.PayrollRuns(ctx, period)
	if err != nil {
		return nil, err
	}
	if len(runs) == 0 {
		return nil, nil
	}
	return st.PayrollRun(ctx, runs[len(runs)-1].ID)
}

// Runs lists the period's runs without payslips: final runs in order, the
// open run last.
func Runs(ctx context.Context, st app.Store, period domain.Period) ([]*Run, error) {
	return st.PayrollRuns(ctx, period)
}

// State is where a period stands, for the screen's buttons.
type State struct {
	Period      domain.Period
	Open        *Run   // the proof or approved proof (without payslips); nil when none
	Finals      []*Run // final and correction runs in order (without payslips)
	CanApprove  bool   // a proof waits for approval
	CanFinalise bool   // an approved proof waits to be finalised
	CanCorrect  bool   // the period was paid: corrections go in a correction run
}

// StateOf returns the period's runs and the steps that are possible now.
// (Whether a step succeeds still depends on the data: Approve refuses changed
// hours, Finalise blockers.)
func StateOf(ctx context.Context, st app.Store, period domain.Period) (*State, error) {
	runs, err := st.PayrollRuns(ctx, period)
	if err != nil {
		return nil, err
	}
	s := &State{Period: period}
	for _, r := range runs {
		if r.Status == app.RunFinal {
			s.Finals = append(s.Finals, r)
		} else {
			s.Open = r
		}
	}
	s.CanApprove = s.Open != nil && s.Open.Status == app.RunProof && s.Open.Workers > 0
	s.CanFinalise = s.Open != nil && s.Open.Status == app.RunApproved
	s.CanCorrect = len(s.Finals) > 0
	return s, nil
}

// Load returns a run with its payslips.
func Load(ctx context.Context, st app.Store, id int64) (*Run, error) { return st.PayrollRun(ctx, id) }

func openRun(ctx context.Context, st app.Store, period domain.Period) (*Run, error) {
	if period.Kind == "" || period.String() == "?" {
		return nil, domain.Errorf(domain.EINVALID, "Geen periode gekozen voor de verloning.")
	}
	runs, err := st.PayrollRuns(ctx, period)
	if err != nil {
		return nil, err
	}
	for _, r := range runs {
		if r.Status != app.RunFinal {
			return r, nil
		}
	}
	return nil, nil
}

func finalRuns(ctx context.Context, st app.Store, period domain.Period) ([]*Run, error) {
	if period.Kind == "" || period.String() == "?" {
		return nil, domain.Errorf(domain.EINVALID, "Geen periode gekozen voor de verloning.")
	}
	runs, err := st.PayrollRuns(ctx, period)
	if err != nil {
		return nil, err
	}
	var out []*Run
	for _, r := range runs {
		if r.Status == app.RunFinal {
			full, err := st.PayrollRun(ctx, r.ID)
			if err != nil {
				return nil, err
			}
			out = append(out, full)
		}
	}
	return out, nil
}

// freshChecklist runs and stores the period's checklist, so that the run
// refers to the checklist it was judged by.
func freshChecklist(ctx context.Context, st app.Store, period domain.Period, opt Options, progress func(done, total int)) (*checks.Checklist, error) {
	set, err := opt.params()
	if err != nil {
		return nil, err
	}
	now := opt.now()
	cl, err := checking.RunWith(ctx, st, period, checking.Options{Now: func() time.Time { return now }, Params: set,
		Location: opt.Location, By: opt.By}, progress)
	if err != nil {
		return nil, fmt.Errorf("controle %s: %w", period, err)
	}
	return cl, nil
}
