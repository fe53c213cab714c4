// Package checking is the checklist use case: load everything the weekly
// checklist looks at from the store, run the rules of domain/checks for one
// period, and store the result with its moment so that a payroll run can
// refer to it. The GUI's Controle page and `verloner check` both call Run.
package checking

import (
	"context"
	"errors"
	"fmt"
	"time"
	_ "time/tzdata" // Europe/Amsterdam must resolve on every desktop, also Windows without a zoneinfo

	"github.com/shopspring/decimal"

	"verloner/app"
	"verloner/app/absence"
	"verloner/domain"
	"verloner/domain/checks"
	"verloner/domain/contract"
	"verloner/domain/params"
)

// The contract and absence warnings are found by their own packages, which
// import domain/checks; their rules join its catalogue here, so that the
// checklist's exports give them titles and they can be confirmed.
func init() {
	checks.Register(contract.Rules...)
	checks.Register(absence.Rule)
	checks.Register(ReservationRule, HolidayPayRule)
}

// Options tune a run. The zero value is right for the GUI and the command line.
type Options struct {
	Now      func() time.Time // when the checklist is made; default time.Now
	Params   *params.Set      // minimum wages; default the packs built into the binary
	Location *time.Location   // the agency's wall clock; default Europe/Amsterdam
	By       string           // user recorded with the checklist
	// OpenReceivables per hirer ID (invoiced, unpaid, incl. VAT). Invoicing does
	// not exist yet; when nil and the store implements ReceivablesSource, that
	// is asked, otherwise everyone's open receivables count as 0.
	OpenReceivables map[int64]decimal.Decimal
	// DryRun evaluates without storing the checklist (for previews).
	DryRun bool
}

// ReceivablesSource is implemented by a store that knows open receivables
// (the invoicing module, later). Run asks it when Options.OpenReceivables is nil.
type ReceivablesSource interface {
	OpenReceivables(ctx context.Context, asOf time.Time) (map[int64]decimal.Decimal, error)
}

// HistoryWeeks is how far back Run loads hour lines for the fase-A week count.
const HistoryWeeks = 104

// loadSteps is the number of progress steps Load reports.
const loadSteps = 16

// Steps is the total number of progress steps of one Run: loading, the rule
// groups, and storing.
var Steps = loadSteps + len(checks.GroupNames) + 1

// Run makes the checklist of a period with default options and stores it.
// progress(done, total) is called after each step (may be nil); Run stops
// with ctx.Err() when ctx is cancelled.
func Run(ctx context.Context, st app.Store, period domain.Period, progress func(done, total int)) (*checks.Checklist, error) {
	return RunWith(ctx, st, period, Options{}, progress)
}

// RunWith is Run with options.
func RunWith(ctx context.Context, st app.Store, period domain.Period, opt Options, progress func(done, total int)) (*checks.Checklist, error) {
	report := func(done int) {
		if progress != nil {
			progress(done, Steps)
		}
	}
	in, err := load(ctx, st, period, opt, report)
	if err != nil {
		return nil, err
	}
	cl, err := checks.Evaluate(ctx, in, func(done, _ int) { report(loadSteps + done) })
	if err != nil {
		return nil, err
	}
	if !opt.DryRun {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if err := st.SaveChecklist(ctx, cl); err != nil {
			return nil, fmt.Errorf("controlelijst %s opslaan: %w", period, err)
		}
	}
	report(Steps)
	return cl, nil
}

// Load gathers the input of a checklist run without evaluating it, for
// callers that want to inspect or adjust it (tests, what-if previews).
func Load(ctx context.Context, st app.Store, period domain.Period, opt Options) (checks.Input, error) {
	return load(ctx, st, period, opt, func(int) {})
}

func load(ctx context.Context, st app.Store, period domain.Period, opt Options, report func(int)) (checks.Input, error) {
	in := checks.Input{Period: period, OpenReceivables: opt.OpenReceivables, By: opt.By}
	if period.Kind == "" || period.String() == "?" {
		return in, domain.Errorf(domain.EINVALID, "Geen periode gekozen voor de controle.")
	}
	now := time.Now
	if opt.Now != nil {
		now = opt.Now
	}
	in.Now = now().UTC()
	in.Location = opt.Location
	if in.Location == nil {
		loc, err := time.LoadLocation("Europe/Amsterdam")
		if err != nil {
			return in, fmt.Errorf("tijdzone Europe/Amsterdam: %w", err)
		}
		in.Location = loc
	}
	set := opt.Params
	if set == nil {
		var err error
		if set, err = params.Builtin(); err != nil {
			return in, err
		}
	}
	in.Packs = set

	from, to := period.Start(), period.End()
	steps := []struct {
		what string
		fn   func() error
	}{
		{"bureaugegevens", func() (err error) {
			in.Agency, err = st.Agency(ctx)
			if domain.ErrorCode(err) == domain.ENOTFOUND {
				in.Agency, err = &domain.Agency{Deadlines: domain.DefaultDeadlines()}, nil
			}
			return err
		}},
		{"controle-instellingen", func() (err error) { in.Settings, err = st.CheckSettings(ctx); return err }},
		{"uitzendkrachten", func() (err error) { in.Workers, err = st.Workers(ctx); return err }},
		{"inleners", func() (err error) { in.Hirers, err = st.Hirers(ctx); return err }},
		{"plaatsingen", func() (err error) { in.Placements, err = st.Placements(ctx); return err }},
		{"uren", func() (err error) { in.Hours, err = st.HourLines(ctx, from, to); return err }},
		{"urenhistorie", func() (err error) {
			in.History, err = st.HourLines(ctx, from.AddDate(0, 0, -7*HistoryWeeks), from.AddDate(0, 0, -1))
			return err
		}},
		{"ziekmeldingen", func() (err error) { in.SickReports, err = st.SickReports(ctx, from, to); return err }},
		{"voorschotten", func() (err error) { in.Advances, err = st.Advances(ctx, 0); return err }},
		{"inhoudingen", func() (err error) { in.Deductions, err = st.Deductions(ctx, period); return err }},
		{"urenbewijzen", func() (err error) { in.HourProofs, err = st.HourProofs(ctx, period); return err }},
		{"tariefwijzigingen", func() (err error) {
			in.RateChanges, err = st.RateChanges(ctx, from.AddDate(0, 0, -14))
			return err
		}},
		{"bevestigingen", func() (err error) { in.Confirmations, err = st.Confirmations(ctx, period); return err }},
		// The contract checks (CON-END, CON-UNSIGNED, CON-NONE): what
		// contracts.Findings does, on the workers, placements and hours
		// loaded above, so they are not read twice.
		{"contracten", func() error {
			cs, err := st.Contracts(ctx, 0)
			if err != nil {
				return err
			}
			in.Extra = append(in.Extra, contract.Check(contract.CheckInput{Period: period, Workers: in.Workers,
				Placements: in.Placements, Hours: in.Hours, Contracts: cs})...)
			return nil
		}},
		// Reserved balances of workers who left, not asked to be paid (RES-END).
		{"reserveringen", func() error {
			bs, err := st.ReservationBalances(ctx, 0)
			if err != nil {
				return err
			}
			open, err := st.PayoutRequests(ctx, true)
			if err != nil {
				return err
			}
			in.Extra = append(in.Extra, reservationFindings(period, in.Workers, bs, open)...)
			recent, err := st.ReservationMovesSince(ctx, "vakantiebijslag", holidayPayCut(period).AddDate(0, -1, 0))
			if err != nil {
				return err
			}
			in.Extra = append(in.Extra, holidayPayLateFindings(period, bs, recent)...)
			return nil
		}},
		// Absence deadlines passed without a recorded date (ABS-DEADLINE),
		// judged on the checklist's moment.
		{"verzuim", func() error {
			fs, err := absence.Findings(ctx, st, period, absence.Options{Now: func() time.Time { return in.Now }, Location: in.Location})
			in.Extra = append(in.Extra, fs...)
			return err
		}},
	}
	for i, s := range steps {
		if err := ctx.Err(); err != nil {
			return in, err
		}
		if err := s.fn(); err != nil {
			return in, fmt.Errorf("controle %s: %s lezen: %w", period, s.what, err)
		}
		report(i + 1)
	}
	if in.OpenReceivables == nil {
		if rs, ok := st.(ReceivablesSource); ok {
			m, err := rs.OpenReceivables(ctx, to)
			if err != nil {
				return in, fmt.Errorf("controle %s: openstaande posten lezen: %w", period, err)
			}
			in.OpenReceivables = m
		}
	}
	return in, nil
}

// Latest returns the newest stored checklist of a period, or nil when the
// period was never checked.
func Latest(ctx context.Context, st app.Store, period domain.Period) (*checks.Checklist, error) {
	cl, err := st.LatestChecklist(ctx, period)
	if err != nil {
		return nil, fmt.Errorf("controlelijst %s: %w", period, err)
	}
	return cl, nil
}

// ErrCannotConfirm is returned when the user tries to confirm a blocker.
var ErrCannotConfirm = errors.New("een blokkade kan niet worden bevestigd; los de oorzaak op")

// Confirm records the user's decision on a warning of a checklist of period,
// so that the next run lists it as confirmed (and a late rate change is taken
// along in this payroll). Blockers cannot be confirmed: the user must fix the
// cause (for a missing BSN, ChooseAnonymousRate is the explicit way out).
func Confirm(ctx context.Context, st app.Store, period domain.Period, f checks.Finding, note, by string) error {
	if f.Severity == checks.Blocker {
		return domain.Errorf(domain.EINVALID, "%s: %v.", f.Rule, ErrCannotConfirm)
	}
	if f.Rule == checks.DosBSN {
		return domain.Errorf(domain.EINVALID, "Het anoniementarief kiest u met ChooseAnonymousRate, niet met een bevestiging.")
	}
	c := &checks.Confirmation{Rule: f.Rule, Period: period, WorkerID: f.WorkerID, HirerID: f.HirerID,
		PlacementID: f.PlacementID, Note: note, By: by}
	if err := st.SaveConfirmation(ctx, c); err != nil {
		return fmt.Errorf("bevestigen %s: %w", f.Rule, err)
	}
	return nil
}

// ChooseAnonymousRate records the explicit choice to pay a worker without a
// valid BSN at the anonymous wage-tax rate (for every period until the BSN is
// entered). Payroll may then go on; an advance still may not.
func ChooseAnonymousRate(ctx context.Context, st app.Store, workerID int64, note, by string) error {
	if workerID == 0 {
		return domain.Errorf(domain.EINVALID, "Kies een uitzendkracht.")
	}
	c := &checks.Confirmation{Rule: checks.DosBSN, WorkerID: workerID, Note: note, By: by}
	if err := st.SaveConfirmation(ctx, c); err != nil {
		return fmt.Errorf("anoniementarief vastleggen: %w", err)
	}
	return nil
}
