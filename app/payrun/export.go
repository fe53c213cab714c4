package payrun

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"verloner/app"
	"verloner/domain"
	"verloner/domain/checks"
	"verloner/domain/params"
	"verloner/domain/payroll"
	"verloner/exporters/journal"
	"verloner/exporters/payslip"
	pdfcombine "verloner/exporters/pdf/combine"
	"verloner/exporters/sepa"
)

// Suffix names a run in file names: "proef" for a proof, "run1", "run2" for
// final runs ("correctie2" for a correction).
func Suffix(r *Run) string {
	switch {
	case r.Status != app.RunFinal:
		return "proef"
	case r.Kind == app.RunCorrection:
		return fmt.Sprintf("correctie%d", r.Seq)
	}
	return fmt.Sprintf("run%d", r.Seq)
}

// Journal builds the payroll journal of a run with the administration's
// ledger accounts.
func Journal(ctx context.Context, st app.Store, r *Run, lang string) (*journal.Run, error) {
	accounts, err := st.LedgerAccounts(ctx)
	if err != nil {
		return nil, err
	}
	agency, err := st.Agency(ctx)
	if err != nil && domain.ErrorCode(err) != domain.ENOTFOUND {
		return nil, err
	}
	j := &journal.Run{Period: r.Period, Accounts: map[string]journal.Account{}, Lang: lang,
		Title: runTitle(r, lang)}
	if agency != nil {
		j.Agency = agency.Name
	}
	for _, a := range accounts {
		j.Accounts[a.Role] = journal.Account{Number: a.Number, Name: a.Name}
	}
	for _, ps := range r.Payslips {
		j.Payslips = append(j.Payslips, journal.Payslip{Number: ps.WorkerNumber, Name: ps.WorkerName, Slip: ps.Slip})
	}
	return j, nil
}

func runTitle(r *Run, lang string) string {
	nl, en := "Loonjournaal ", "Payroll journal "
	state := map[app.RunStatus][2]string{app.RunProof: {"proefverloning", "proof"}, app.RunApproved: {"goedgekeurde proef", "approved proof"},
		app.RunFinal: {"definitief", "final"}}[r.Status]
	if r.Kind == app.RunCorrection {
		state = [2]string{"correctie", "correction"}
	}
	if lang == "en" {
		s := en + r.Period.String() + " — " + state[1]
		if r.Seq > 0 {
			s += fmt.Sprintf(" run %d", r.Seq)
		}
		return s
	}
	s := nl + r.Period.String() + " — " + state[0]
	if r.Seq > 0 {
		s += fmt.Sprintf(" run %d", r.Seq)
	}
	return s
}

// SEPAOptions tune the salary payment file.
type SEPAOptions struct {
	BIC string // the agency's BIC; "" writes NOTPROVIDED (allowed within SEPA)
	// Execution is the requested execution date; zero: the run's pay date
	// (the Thursday of the payroll week). A date before Today becomes Today.
	Execution time.Time
	Today     time.Time // zero: now
	Version   sepa.Version
}

// Excluded is a worker whose net pay is not in the payment file, and why.
type Excluded struct {
	WorkerID int64
	Number   string
	Name     string
	Net      decimal.Decimal
	Reason   checks.Text
}

// SEPAFile is the salary payment file of a final run.
type SEPAFile struct {
	XML       []byte
	FileName  string
	Payments  int
	Total     decimal.Decimal
	Execution time.Time
	Excluded  []Excluded
	Notes     []checks.Text
}

// SEPA writes the pain.001 salary file of a final run's net wages. Workers
// without a valid IBAN, with a payment blocker on the run's checklist (a
// missing IBAN, say) or with nothing to pay are left out and listed: the
// agency pays them by hand once solved. With no payment at all XML is nil
// (and a note says so). IBANs appear in messages only masked.
func SEPA(ctx context.Context, st app.Store, r *Run, opt SEPAOptions) (*SEPAFile, error) {
	if r.Status != app.RunFinal {
		return nil, domain.Errorf(domain.EINVALID, "Een betaalbestand wordt alleen van een definitieve verloning gemaakt (%s is een proef).", r.Period)
	}
	agency, err := st.Agency(ctx)
	if err != nil {
		return nil, fmt.Errorf("betaalbestand %s: bureaugegevens: %w", r.Period, err)
	}
	workers, err := st.Workers(ctx)
	if err != nil {
		return nil, err
	}
	byID := map[int64]*domain.Worker{}
	for _, w := range workers {
		byID[w.ID] = w
	}
	var cl *checks.Checklist
	if r.ChecklistID != 0 {
		if cl, err = st.Checklist(ctx, r.ChecklistID); err != nil {
			return nil, fmt.Errorf("betaalbestand %s: controlelijst: %w", r.Period, err)
		}
	}
	today := domain.DateOf(opt.Today)
	if opt.Today.IsZero() {
		today = domain.DateOf(time.Now())
	}
	out := &SEPAFile{Execution: domain.DateOf(r.PayDate)}
	if !opt.Execution.IsZero() {
		out.Execution = domain.DateOf(opt.Execution)
	}
	if out.Execution.Before(today) {
		out.Notes = append(out.Notes, checks.Text{
			NL: fmt.Sprintf("Uitvoerdatum %s ligt in het verleden; het bestand vraagt uitvoering op %s.", out.Execution.Format("02-01-2006"), today.Format("02-01-2006")),
			EN: fmt.Sprintf("Execution date %s is in the past; the file asks for execution on %s.", out.Execution.Format("02-01-2006"), today.Format("02-01-2006"))})
		out.Execution = today
	}
	var payments []sepa.Payment
	var paid []*Payslip
	exclude := func(ps *Payslip, nl, en string) {
		out.Excluded = append(out.Excluded, Excluded{WorkerID: ps.WorkerID, Number: ps.WorkerNumber, Name: ps.WorkerName,
			Net: ps.Slip.Net, Reason: checks.Text{NL: nl, EN: en}})
	}
	for _, ps := range r.Payslips {
		w := byID[ps.WorkerID]
		switch {
		case !ps.Slip.Net.IsPositive():
			exclude(ps, "Geen nettobedrag te betalen.", "No net amount to pay.")
			continue
		case w == nil:
			exclude(ps, "Uitzendkracht niet meer in de administratie.", "Worker no longer in the administration.")
			continue
		case w.IBAN == "":
			exclude(ps, "IBAN ontbreekt.", "IBAN missing.")
			continue
		case !domain.ValidIBAN(w.IBAN):
			exclude(ps, fmt.Sprintf("IBAN %s is ongeldig.", domain.MaskIBAN(w.IBAN)), fmt.Sprintf("IBAN %s is invalid.", domain.MaskIBAN(w.IBAN)))
			continue
		}
		if bl := cl.BlockersFor(ps.WorkerID, checks.GatePayment); len(bl) > 0 {
			rules := make([]string, len(bl))
			for i, f := range bl {
				rules[i] = f.Rule
			}
			exclude(ps, "Blokkade voor betaling: "+strings.Join(rules, ", ")+".", "Payment blocker: "+strings.Join(rules, ", ")+".")
			continue
		}
		p := sepa.SalaryPayment(r.Period, w, ps.Slip.Net)
		if r.Seq > 1 {
			// A later run of the same period pays a worker again (a
			// correction): the end-to-end id must differ from run 1's.
			p.EndToEndID = fmt.Sprintf("%s-%d-%s", r.Period, r.Seq, w.Number)
			if r.Kind == app.RunCorrection {
				p.Remittance = fmt.Sprintf("Loon %s %s correctie", r.Period, w.Number)
			}
		}
		payments = append(payments, p)
		paid = append(paid, ps)
	}
	created := opt.Today
	if created.IsZero() {
		created = time.Now()
	}
	for {
		if len(payments) == 0 {
			// Nothing to transfer (a correction that only lowers pay, say):
			// no file, which is not an error.
			out.Notes = append(out.Notes, checks.Text{
				NL: fmt.Sprintf("Geen betaalbestand voor %s: niemand met een positief nettobedrag en een geldig IBAN.", r.Period),
				EN: fmt.Sprintf("No payment file for %s: no one with a positive net amount and a valid IBAN.", r.Period)})
			sortExcluded(out.Excluded)
			return out, nil
		}
		b := sepa.SalaryBatch(agency, opt.BIC, r.Period, created, out.Execution, payments)
		if opt.Version != "" {
			b.Version = opt.Version
		}
		problems := b.Validate(today)
		if len(problems) == 0 {
			var buf bytes.Buffer
			if err := sepa.Write(&buf, b); err != nil {
				return nil, fmt.Errorf("betaalbestand %s: %w", r.Period, err)
			}
			out.XML = buf.Bytes()
			out.Payments, out.Total = b.Totals()
			out.FileName = fmt.Sprintf("loonbetaling-%s-%s.xml", r.Period, Suffix(r))
			sortExcluded(out.Excluded)
			return out, nil
		}
		// Leave out the payments a bank would refuse and try again; a
		// problem of the file itself (the agency's IBAN, say) is an error.
		drop := map[int]bool{}
		for _, p := range problems {
			if p.Payment < 0 {
				return nil, domain.Errorf(domain.EINVALID, "Betaalbestand %s: %s", r.Period, problems.Text("nl"))
			}
			if !drop[p.Payment] {
				drop[p.Payment] = true
				exclude(paid[p.Payment], p.NL, p.EN)
			}
		}
		var keptP []sepa.Payment
		var keptS []*Payslip
		for i := range payments {
			if !drop[i] {
				keptP, keptS = append(keptP, payments[i]), append(keptS, paid[i])
			}
		}
		payments, paid = keptP, keptS
	}
}

func sortExcluded(l []Excluded) {
	sort.SliceStable(l, func(i, j int) bool { return lessNumber(l[i].Number, l[j].Number) })
}

// DocOptions tune the payslip documents.
type DocOptions struct {
	Params *params.Set
	Sick   *payroll.SickPay // as the run was calculated with (the pay % of sick hours shown)
	// Lang forces one language for every payslip; empty: each worker's own.
	Lang domain.Language
	// HideEmployerCosts leaves the employer's costs off the payslips.
	HideEmployerCosts bool
	Created           time.Time
}

// Documents builds the payslip documents of a run (exporters/payslip): the
// payslip, the hours per day, the minimum wage of the worker's age, the
// placements and the reservation balances before and after the run.
func Documents(ctx context.Context, st app.Store, r *Run, opt DocOptions) ([]*payslip.Document, error) {
	set := opt.Params
	if set == nil {
		var err error
		if set, err = params.Builtin(); err != nil {
			return nil, err
		}
	}
	agency, err := st.Agency(ctx)
	if err != nil {
		return nil, fmt.Errorf("loonstroken %s: bureaugegevens: %w", r.Period, err)
	}
	workers, err := st.Workers(ctx)
	if err != nil {
		return nil, err
	}
	byWorker := map[int64]*domain.Worker{}
	for _, w := range workers {
		byWorker[w.ID] = w
	}
	placements, err := st.Placements(ctx)
	if err != nil {
		return nil, err
	}
	byPlacement := map[int64]*domain.Placement{}
	for _, p := range placements {
		byPlacement[p.ID] = p
	}
	hirers, err := st.Hirers(ctx)
	if err != nil {
		return nil, err
	}
	hirerName := map[int64]string{}
	for _, h := range hirers {
		hirerName[h.ID] = h.Name
	}
	lines, err := st.HourLines(ctx, r.Period.Start(), r.Period.End())
	if err != nil {
		return nil, err
	}
	lineByID := map[int64]*domain.HourLine{}
	for _, l := range lines {
		lineByID[l.ID] = l
	}
	moves, err := st.ReservationMoves(ctx, 0)
	if err != nil {
		return nil, err
	}
	movesOf := map[int64][]app.ReservationMove{}
	for _, m := range moves {
		movesOf[m.WorkerID] = append(movesOf[m.WorkerID], m)
	}
	pack, err := set.For(r.PayDate)
	if err != nil {
		return nil, err
	}
	hoursScheme := pack.Reservations().HolidayHours.Method == params.ReserveHours
	ref := fmt.Sprintf("%s %s (run-id %d)", r.Period, Suffix(r), r.ID)
	docs := make([]*payslip.Document, 0, len(r.Payslips))
	for _, ps := range r.Payslips {
		w := byWorker[ps.WorkerID]
		if w == nil {
			return nil, domain.Errorf(domain.ENOTFOUND, "Loonstrook %s: uitzendkracht %s bestaat niet meer.", r.Period, ps.WorkerNumber)
		}
		in := payroll.Input{Period: r.Period, Worker: w, Placements: map[int64]*domain.Placement{}}
		if opt.Sick != nil {
			in.Sick = *opt.Sick
		}
		used := map[int64]bool{}
		for _, id := range ps.HourLineIDs {
			if l := lineByID[id]; l != nil {
				in.Lines = append(in.Lines, l)
				used[l.PlacementID] = true
			}
		}
		for _, l := range ps.Slip.Lines {
			if l.PlacementID != 0 {
				used[l.PlacementID] = true
			}
		}
		var pls []payslip.Placement
		agreed := decimal.Zero // a worker with two placements has the sum of both agreements
		for id := range used {
			if p := byPlacement[id]; p != nil {
				agreed = agreed.Add(p.AgreedHoursPerWeek)
				in.Placements[id] = p
				pls = append(pls, payslip.Placement{PlacementID: id, Number: p.Number, Hirer: hirerName[p.HirerID],
					Function: p.Function, HourlyWage: p.HourlyWage})
			}
		}
		sort.Slice(pls, func(i, j int) bool { return pls[i].Number < pls[j].Number })
		var waiting []time.Time
		for _, f := range append(append([]payroll.Finding(nil), ps.Slip.Notes...), ps.Slip.Skipped...) {
			if f.Code == payroll.FindWaitingDay && !f.Date.IsZero() {
				waiting = append(waiting, f.Date)
			}
		}
		end := r.Period.End()
		wml, _ := pack.MinimumWageHourly(domain.AgeOn(w.BirthDate, end), end)
		doc := &payslip.Document{Agency: agency, Worker: w, Placements: pls, Period: r.Period, PayDate: r.PayDate,
			Payslip: ps.Slip, Hours: payslip.DayHoursFrom(in, waiting...), MinimumWageHourly: wml,
			AgreedHoursPerWeek: agreed, YearToDate: yearToDate(ps.Slip.YearToDate),
			Reservations: balancesFor(r, ps, movesOf[ps.WorkerID], hoursScheme), Concept: r.Status != app.RunFinal,
			Lang: opt.Lang, RunRef: ref, HideEmployerCosts: opt.HideEmployerCosts, Created: opt.Created}
		docs = append(docs, doc)
	}
	return docs, nil
}

// balancesFor shows each reservation scheme's balance before the run, what
// the payslip accrues and draws, and the balance after. For a final run the
// balance before is the sum of the movements written before this run's; for
// a proof it is the current balance.
func balancesFor(r *Run, ps *Payslip, moves []app.ReservationMove, hoursScheme bool) []payslip.ReservationBalance {
	type key struct{ scheme, unit string }
	accrued, drawn := map[key]decimal.Decimal{}, map[key]decimal.Decimal{}
	for s, v := range ps.Slip.ReservationsAccrued {
		accrued[key{s, app.UnitMoney}] = v
	}
	for s, v := range ps.Slip.ReservationsDrawn {
		drawn[key{s, app.UnitMoney}] = v
	}
	for s, v := range ps.Slip.LeaveHoursAccrued {
		accrued[key{s, app.UnitHours}] = v
	}
	if hoursScheme {
		var taken decimal.Decimal
		for _, l := range ps.Slip.Lines {
			if l.HourType == domain.HourVacation && l.Unit == payroll.UnitHour {
				taken = taken.Add(l.Quantity)
			}
		}
		if !taken.IsZero() {
			drawn[key{payroll.SchemeHolidayHours, app.UnitHours}] = taken
		}
	}
	for s, h := range hoursPaidOut(ps.Slip) {
		k := key{s, app.UnitHours}
		drawn[k] = drawn[k].Add(h)
	}
	before := map[key]decimal.Decimal{}
	final := r.Status == app.RunFinal
	firstOfRun := int64(-1)
	if final {
		for _, m := range moves {
			if m.RunID == r.ID {
				firstOfRun = m.ID
				break
			}
		}
	}
	for _, m := range moves {
		if final && (firstOfRun < 0 || m.ID >= firstOfRun) {
			continue
		}
		k := key{m.Scheme, m.Unit}
		before[k] = before[k].Add(m.Amount)
	}
	keys := map[key]bool{}
	for k := range accrued {
		keys[k] = true
	}
	for k := range drawn {
		keys[k] = true
	}
	for k, v := range before {
		if !v.IsZero() {
			keys[k] = true
		}
	}
	var out []payslip.ReservationBalance
	for k := range keys {
		unit := payslip.Money
		if k.unit == app.UnitHours {
			unit = payslip.Hours
		}
		b := before[k]
		out = append(out, payslip.ReservationBalance{Scheme: k.scheme, Unit: unit, Before: b, Accrued: accrued[k], Drawn: drawn[k],
			After: b.Add(accrued[k]).Sub(drawn[k])})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Unit != out[j].Unit {
			return out[i].Unit == payslip.Money
		}
		return out[i].Scheme < out[j].Scheme
	})
	return out
}

// FileOptions tune WriteFiles.
type FileOptions struct {
	Docs     DocOptions
	SEPA     SEPAOptions
	Lang     string // journal language: "nl" (default) or "en"
	Parallel int    // payslips rendered at once; 0: one per CPU
}

// Files are what WriteFiles wrote, by path.
type Files struct {
	Payslips []string // one PDF per worker
	Combined string   // all payslips in one PDF, for printing
	Journal  string
	SEPA     string    // final runs only
	Payment  *SEPAFile // the payment file's summary (excluded workers), final runs only
}

// WriteFiles writes a run's payslip PDFs (one per worker and one combined),
// its payroll journal and — for a final run — the SEPA salary file into dir,
// every file 0600 in a folder created 0700 (they hold names, wages and
// IBANs). A file of the same name is replaced, once all payslips are
// written. The payslips are written and combined as they are rendered, so
// the PDFs of a run are never all in memory.
func WriteFiles(ctx context.Context, st app.Store, r *Run, dir string, opt FileOptions, progress func(done, total int)) (*Files, error) {
	rep := newReporter(progress)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("exportmap %s: %w", dir, err)
	}
	out := &Files{}
	docs, err := Documents(ctx, st, r, opt.Docs)
	if err != nil {
		return nil, err
	}
	rep.done(5)
	// Every payslip is written as soon as it is rendered (and all before it
	// are), to a temporary file, and added to the combined PDF, which is
	// written as it grows: the PDFs are never all in memory. Only when all
	// are written do they replace files of the same name.
	var combined *privateFile
	var comb *pdfcombine.Combiner
	if len(docs) > 0 {
		out.Combined = filepath.Join(dir, fmt.Sprintf("loonstroken-%s-%s.pdf", r.Period, Suffix(r)))
		if combined, err = createPrivate(out.Combined, true); err != nil {
			return nil, err
		}
		defer combined.abort()
		comb = payslip.NewCombiner(combined, fmt.Sprintf("Loonstroken %s %s", r.Period, Suffix(r)))
	}
	out.Payslips = make([]string, len(docs))
	for i, doc := range docs {
		out.Payslips[i] = filepath.Join(dir, payslip.FileName(doc))
	}
	written := make([]*privateFile, len(docs))
	defer func() {
		for _, f := range written {
			if f != nil {
				f.abort()
			}
		}
	}()
	err = payslip.RenderEach(ctx, docs, opt.Parallel, func(i int, b []byte) error {
		f, err := createPrivate(out.Payslips[i], false)
		if err != nil {
			return err
		}
		written[i] = f
		if _, err := f.Write(b); err != nil {
			return err
		}
		if err := f.close(); err != nil {
			return err
		}
		if err := comb.Add(b); err != nil {
			return fmt.Errorf("%s: %w", filepath.Base(out.Payslips[i]), err)
		}
		return nil
	}, rep.span(5, 85))
	if err != nil {
		return nil, fmt.Errorf("loonstroken %s: %w", r.Period, err)
	}
	for _, f := range written {
		if err := f.place(); err != nil {
			return nil, err
		}
	}
	if combined != nil {
		if err := comb.Close(); err != nil {
			return nil, fmt.Errorf("loonstroken %s bundelen: %w", r.Period, err)
		}
		if err := combined.commit(); err != nil {
			return nil, err
		}
	}
	rep.done(90)
	j, err := Journal(ctx, st, r, opt.Lang)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := journal.Write(&buf, j); err != nil {
		return nil, err
	}
	out.Journal = filepath.Join(dir, journal.FileName(r.Period, Suffix(r)))
	if err := writePrivate(out.Journal, buf.Bytes()); err != nil {
		return nil, err
	}
	rep.done(95)
	if r.Status == app.RunFinal {
		f, err := SEPA(ctx, st, r, opt.SEPA)
		if err != nil {
			return out, fmt.Errorf("betaalbestand niet gemaakt (de verloning zelf is definitief): %w", err)
		}
		out.Payment = f
		if f.XML != nil {
			out.SEPA = filepath.Join(dir, f.FileName)
			if err := writePrivate(out.SEPA, f.XML); err != nil {
				return out, err
			}
		}
	}
	rep.done(ProgressTotal)
	return out, nil
}

// writePrivate writes data to path with mode 0600, through a temporary file
// so that a reader never sees half a file.
func writePrivate(path string, data []byte) error {
	f, err := createPrivate(path, false)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.abort()
		return err
	}
	if err := f.commit(); err != nil {
		f.abort()
		return err
	}
	return nil
}

// privateFile is a file being written to path with mode 0600: a temporary
// file in the same folder until place renames it, so that a reader never
// sees half a file and a failed export leaves the files before it as they
// were.
type privateFile struct {
	path   string
	tmp    *os.File
	buf    *bufio.Writer // nil: unbuffered
	closed bool
	placed bool
}

// createPrivate starts the file of path; buffered for many small writes.
func createPrivate(path string, buffered bool) (*privateFile, error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".verloner-*")
	if err != nil {
		return nil, fmt.Errorf("export %s: %w", path, err)
	}
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return nil, fmt.Errorf("export %s: %w", path, err)
	}
	f := &privateFile{path: path, tmp: tmp}
	if buffered {
		f.buf = bufio.NewWriterSize(tmp, 256<<10)
	}
	return f, nil
}

func (f *privateFile) Write(b []byte) (int, error) {
	var n int
	var err error
	if f.buf != nil {
		n, err = f.buf.Write(b)
	} else {
		n, err = f.tmp.Write(b)
	}
	if err != nil {
		err = fmt.Errorf("export %s: %w", f.path, err)
	}
	return n, err
}

// close flushes and closes the temporary file.
func (f *privateFile) close() error {
	if f.closed {
		return nil
	}
	f.closed = true
	if f.buf != nil {
		if err := f.buf.Flush(); err != nil {
			f.tmp.Close()
			return fmt.Errorf("export %s: %w", f.path, err)
		}
	}
	if err := f.tmp.Close(); err != nil {
		return fmt.Errorf("export %s: %w", f.path, err)
	}
	return nil
}

// place puts the closed file in its place, replacing a file of that name.
func (f *privateFile) place() error {
	if err := os.Rename(f.tmp.Name(), f.path); err != nil {
		return fmt.Errorf("export %s: %w", f.path, err)
	}
	f.placed = true
	return nil
}

// commit closes and places the file.
func (f *privateFile) commit() error {
	if err := f.close(); err != nil {
		return err
	}
	return f.place()
}

// abort removes the temporary file unless it has been placed.
func (f *privateFile) abort() {
	if f.placed {
		return
	}
	if !f.closed {
		f.closed = true
		f.tmp.Close()
	}
	os.Remove(f.tmp.Name())
}

// yearToDate shows the worker's tax-year totals including this payslip (the
// engine returns the stored totals plus this period); nil before any period.
func yearToDate(y payroll.YearToDate) *payslip.YearToDate {
	if y.Periods == 0 {
		return nil
	}
	return &payslip.YearToDate{Periods: y.Periods, FiscalWage: y.TableWage.Add(y.SpecialWage), WageTax: y.WageTax}
}
