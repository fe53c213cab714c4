package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"verloner/app"
	"verloner/app/payrun"
	"verloner/domain"
)

// `verloner payroll` runs the payroll cycle of a period from the command line
// with the same use case as the GUI's Verloning page (app/payrun): proof,
// approve, final, correct; --out writes payslip PDFs (per worker and
// combined), the payroll journal and, for a final run, the SEPA salary file.

func init() {
	c := &Command{Name: "payroll",
		Usage:   "--db FILE [--period 2026-W47] --proof|--approve|--final|--correct [--out DIR] [--json] [--lang nl|en] [--bic BIC] [--execution DATE]",
		Summary: "verloning van de periode: proef, goedkeuren, definitief (met back-up) of correctie; --out schrijft loonstroken, loonjournaal en SEPA-bestand; exit 2 als definitief verlonen door blokkades wordt geweigerd"}
	c.Run = func(ctx context.Context, env *Env, args []string) error {
		fs := newFlags(env, c)
		dbPath := fs.String("db", "", "administratie (*.verloner)")
		periodText := fs.String("period", "", "periode, bijvoorbeeld 2026-W47 (standaard: de periode van de laatste uren)")
		proof := fs.Bool("proof", false, "proefverloning maken (vervangt de vorige proef)")
		approve := fs.Bool("approve", false, "de proefverloning goedkeuren")
		final := fs.Bool("final", false, "definitief verlonen (na goedkeuring; maakt eerst een back-up)")
		correct := fs.Bool("correct", false, "correctierun van een al definitief verloonde periode")
		outDir := fs.String("out", "", "map voor loonstroken (PDF), loonjournaal (XLSX) en SEPA-bestand")
		asJSON := fs.Bool("json", false, "uitvoer als JSON")
		lang := fs.String("lang", "nl", "taal van meldingen en loonjournaal: nl of en")
		bic := fs.String("bic", "", "BIC van het bureau voor het SEPA-bestand (optioneel)")
		execution := fs.String("execution", "", "uitvoerdatum van de betaling (standaard de donderdag na de periode)")
		pos, err := parseInterspersed(fs, args)
		if err != nil {
			return err
		}
		if len(pos) > 0 {
			fs.Usage()
			return &ExitError{Code: 2, Err: fmt.Errorf("onverwacht argument %q", pos[0])}
		}
		actions := 0
		for _, b := range []bool{*proof, *approve, *final, *correct} {
			if b {
				actions++
			}
		}
		if actions > 1 {
			return &ExitError{Code: 2, Err: fmt.Errorf("kies één van --proof, --approve, --final en --correct")}
		}
		if *lang != "nl" && *lang != "en" {
			return &ExitError{Code: 2, Err: fmt.Errorf("--lang %q: kies nl of en", *lang)}
		}
		execDate, err := parseDateArg("execution", *execution)
		if err != nil {
			return err
		}
		st, err := openExisting(ctx, *dbPath)
		if err != nil {
			return err
		}
		defer st.Close()
		period, err := periodOrLatest(ctx, st, *periodText)
		if err != nil {
			return err
		}
		set, _, err := loadPacks()
		if err != nil {
			return err
		}
		opt := payrun.Options{Params: set, By: st.User}
		var run *payrun.Run
		switch {
		case *proof:
			run, err = payrun.Proof(ctx, st, period, opt, nil)
		case *approve:
			run, err = payrun.Approve(ctx, st, period, opt)
		case *final:
			run, err = payrun.Finalise(ctx, st, period, opt, nil)
		case *correct:
			run, err = payrun.Correct(ctx, st, period, opt, nil)
		default:
			run, err = payrun.Latest(ctx, st, period)
			if err == nil && run == nil {
				return domain.Errorf(domain.ENOTFOUND, "%s heeft nog geen verloning; begin met --proof", period)
			}
		}
		var blocked *payrun.BlockedError
		if errors.As(err, &blocked) {
			if *asJSON {
				if jerr := writeJSON(env.Stdout, blockedJSON(blocked)); jerr != nil {
					return jerr
				}
			} else {
				printLeftOut(env.Stdout, blocked.LeftOut, *lang)
			}
			return &ExitError{Code: 2, Err: err}
		}
		if err != nil {
			return err
		}
		var files *payrun.Files
		if *outDir != "" {
			files, err = payrun.WriteFiles(ctx, st, run, *outDir, payrun.FileOptions{Lang: *lang,
				Docs: payrun.DocOptions{Params: set}, SEPA: payrun.SEPAOptions{BIC: *bic, Execution: execDate}}, nil)
			if err != nil {
				return err
			}
		}
		if *asJSON {
			return writeJSON(env.Stdout, runJSON(run, files))
		}
		printRun(env.Stdout, run, *lang)
		printFiles(env.Stdout, files, *lang)
		return nil
	}
	Register(c)
}

// printRun writes the run's summary, its payslips and who was left out.
func printRun(w io.Writer, r *payrun.Run, lang string) {
	tr := func(nl, en string) string {
		if lang == "en" {
			return en
		}
		return nl
	}
	status := map[app.RunStatus][2]string{app.RunProof: {"proefverloning", "proof"}, app.RunApproved: {"goedgekeurd", "approved"},
		app.RunFinal: {"definitief", "final"}}[r.Status]
	kind := ""
	if r.Kind == app.RunCorrection {
		kind = tr(" (correctie)", " (correction)")
	}
	fmt.Fprintf(w, tr("Verloning %s — %s%s", "Payroll %s — %s%s"), r.Period, tr(status[0], status[1]), kind)
	if r.Seq > 0 {
		fmt.Fprintf(w, tr(", run %d", ", run %d"), r.Seq)
	}
	fmt.Fprintf(w, tr(" — betaaldatum %s (run-id %d)\n", " — pay date %s (run id %d)\n"), r.PayDate.Format("02-01-2006"), r.ID)
	if !r.ApprovedAt.IsZero() {
		fmt.Fprintf(w, tr("Goedgekeurd door %s op %s.\n", "Approved by %s on %s.\n"), r.ApprovedBy, r.ApprovedAt.In(amsterdam()).Format("02-01-2006 15:04"))
	}
	if r.Status == app.RunFinal {
		fmt.Fprintf(w, tr("Definitief gemaakt door %s op %s; back-up %s\n", "Finalised by %s on %s; backup %s\n"), r.FinalisedBy,
			r.FinalisedAt.In(amsterdam()).Format("02-01-2006 15:04"), r.Backup)
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, tr("nr\tnaam\turen\tbruto\tloonheffing\tnetto\twerkgeverslasten\t\t", "no\tname\thours\tgross\twage tax\tnet\temployer costs\t\t"))
	for _, ps := range r.Payslips {
		mark := ""
		if len(ps.Blockers) > 0 {
			rules := make([]string, len(ps.Blockers))
			for i, f := range ps.Blockers {
				rules[i] = f.Rule
			}
			mark = tr("[B] ", "[B] ") + strings.Join(rules, ", ")
		}
		s := ps.Slip
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t\n", ps.WorkerNumber, ps.WorkerName, domain.FormatDecimalNL(s.PaidHours, 2),
			domain.FormatEuro(s.Gross), domain.FormatEuro(s.WageTax), domain.FormatEuro(s.Net), domain.FormatEuro(s.EmployerCosts.Total), mark)
	}
	fmt.Fprintf(tw, tr("\ttotaal (%d)\t\t%s\t%s\t%s\t%s\t\t\n", "\ttotal (%d)\t\t%s\t%s\t%s\t%s\t\t\n"), r.Workers, domain.FormatEuro(r.Gross),
		domain.FormatEuro(r.WageTax), domain.FormatEuro(r.Net), domain.FormatEuro(r.EmployerCosts))
	tw.Flush()
	if n := blockedIn(r); n > 0 && r.Status != app.RunFinal {
		fmt.Fprintf(w, tr("%d uitzendkracht(en) met een blokkade [B]: bij definitief verlonen worden zij overgeslagen.\n",
			"%d worker(s) with a blocker [B]: they are left out when finalising.\n"), n)
	}
	printLeftOut(w, r.LeftOut, lang)
}

func blockedIn(r *payrun.Run) int {
	n := 0
	for _, ps := range r.Payslips {
		if len(ps.Blockers) > 0 {
			n++
		}
	}
	return n
}

func printLeftOut(w io.Writer, l []app.LeftOut, lang string) {
	if len(l) == 0 {
		return
	}
	if lang == "en" {
		fmt.Fprintf(w, "Not in this run (%d):\n", len(l))
	} else {
		fmt.Fprintf(w, "Niet in deze run (%d):\n", len(l))
	}
	for _, lo := range l {
		msg := lo.Message.NL
		if lang == "en" && lo.Message.EN != "" {
			msg = lo.Message.EN
		}
		fmt.Fprintf(w, "  %-6s %-28s %s\n", lo.Number, lo.Name, msg)
		for _, f := range lo.Blockers {
			fmt.Fprintf(w, "         %-15s %s\n", f.Rule, f.Message.In(lang))
		}
	}
}

func printFiles(w io.Writer, f *payrun.Files, lang string) {
	if f == nil {
		return
	}
	tr := func(nl, en string) string {
		if lang == "en" {
			return en
		}
		return nl
	}
	fmt.Fprintf(w, tr("%d loonstroken geschreven; gebundeld: %s\n", "%d payslips written; combined: %s\n"), len(f.Payslips), f.Combined)
	fmt.Fprintln(w, f.Journal)
	if f.Payment != nil {
		p := f.Payment
		if f.SEPA != "" {
			fmt.Fprintf(w, tr("%s: %d betalingen, totaal %s, uitvoerdatum %s\n", "%s: %d payments, total %s, execution date %s\n"),
				f.SEPA, p.Payments, domain.FormatEuro(p.Total), p.Execution.Format("02-01-2006"))
		}
		for _, n := range p.Notes {
			fmt.Fprintln(w, "  "+n.In(lang))
		}
		if len(p.Excluded) > 0 {
			fmt.Fprintf(w, tr("Niet in het betaalbestand (%d), handmatig betalen na oplossen:\n", "Not in the payment file (%d), pay by hand once solved:\n"), len(p.Excluded))
			for _, e := range p.Excluded {
				fmt.Fprintf(w, "  %-6s %-28s %s  %s\n", e.Number, e.Name, domain.FormatEuro(e.Net), e.Reason.In(lang))
			}
		}
	}
}

// JSON output: amounts as decimal strings, never floats; no BSN or IBAN.

type runOut struct {
	ID          int64         `json:"id"`
	Period      string        `json:"period"`
	Kind        string        `json:"kind"`
	Status      string        `json:"status"`
	Seq         int           `json:"seq,omitempty"`
	PayDate     string        `json:"pay_date"`
	ChecklistID int64         `json:"checklist_id,omitempty"`
	CreatedBy   string        `json:"created_by,omitempty"`
	ApprovedBy  string        `json:"approved_by,omitempty"`
	ApprovedAt  string        `json:"approved_at,omitempty"` // RFC 3339, UTC, whole seconds
	FinalisedBy string        `json:"finalised_by,omitempty"`
	FinalisedAt string        `json:"finalised_at,omitempty"`
	Backup      string        `json:"backup,omitempty"`
	Workers     int           `json:"workers"`
	Gross       string        `json:"gross"`
	WageTax     string        `json:"wage_tax"`
	Net         string        `json:"net"`
	Employer    string        `json:"employer_costs"`
	WageCost    string        `json:"wage_cost"`
	Payslips    []payslipOut  `json:"payslips"`
	LeftOut     []app.LeftOut `json:"left_out"`
	Files       *filesOut     `json:"files,omitempty"`
}

type payslipOut struct {
	WorkerID int64    `json:"worker_id"`
	Number   string   `json:"number"`
	Name     string   `json:"name"`
	Hours    string   `json:"paid_hours"`
	Gross    string   `json:"gross"`
	WageTax  string   `json:"wage_tax"`
	Net      string   `json:"net"`
	Employer string   `json:"employer_costs"`
	Blockers []string `json:"blockers,omitempty"`
}

type filesOut struct {
	Payslips []string      `json:"payslips"`
	Combined string        `json:"combined,omitempty"`
	Journal  string        `json:"journal"`
	SEPA     string        `json:"sepa,omitempty"`
	Payments int           `json:"payments,omitempty"`
	Total    string        `json:"payments_total,omitempty"`
	Excluded []excludedOut `json:"not_paid,omitempty"`
}

type excludedOut struct {
	Number string `json:"number"`
	Name   string `json:"name"`
	Net    string `json:"net"`
	Reason string `json:"reason"`
}

func runJSON(r *payrun.Run, f *payrun.Files) runOut {
	o := runOut{ID: r.ID, Period: r.Period.String(), Kind: string(r.Kind), Status: string(r.Status), Seq: r.Seq,
		PayDate: r.PayDate.Format(time.DateOnly), ChecklistID: r.ChecklistID, CreatedBy: r.CreatedBy, ApprovedBy: r.ApprovedBy,
		FinalisedBy: r.FinalisedBy, Backup: r.Backup, Workers: r.Workers, Gross: r.Gross.StringFixed(2),
		WageTax: r.WageTax.StringFixed(2), Net: r.Net.StringFixed(2), Employer: r.EmployerCosts.StringFixed(2),
		WageCost: r.WageCost.StringFixed(2), LeftOut: r.LeftOut, Payslips: []payslipOut{}}
	if o.LeftOut == nil {
		o.LeftOut = []app.LeftOut{}
	}
	if !r.ApprovedAt.IsZero() {
		o.ApprovedAt = r.ApprovedAt.UTC().Format(time.RFC3339)
	}
	if !r.FinalisedAt.IsZero() {
		o.FinalisedAt = r.FinalisedAt.UTC().Format(time.RFC3339)
	}
	for _, ps := range r.Payslips {
		p := payslipOut{WorkerID: ps.WorkerID, Number: ps.WorkerNumber, Name: ps.WorkerName, Hours: ps.Slip.PaidHours.String(),
			Gross: ps.Slip.Gross.StringFixed(2), WageTax: ps.Slip.WageTax.StringFixed(2), Net: ps.Slip.Net.StringFixed(2),
			Employer: ps.Slip.EmployerCosts.Total.StringFixed(2)}
		for _, b := range ps.Blockers {
			p.Blockers = append(p.Blockers, b.Rule)
		}
		o.Payslips = append(o.Payslips, p)
	}
	if f != nil {
		o.Files = &filesOut{Payslips: f.Payslips, Combined: f.Combined, Journal: f.Journal, SEPA: f.SEPA}
		if f.Payment != nil {
			o.Files.Payments, o.Files.Total = f.Payment.Payments, f.Payment.Total.StringFixed(2)
			for _, e := range f.Payment.Excluded {
				o.Files.Excluded = append(o.Files.Excluded, excludedOut{Number: e.Number, Name: e.Name, Net: e.Net.StringFixed(2), Reason: e.Reason.NL})
			}
		}
	}
	return o
}

type blockedOut struct {
	Period  string        `json:"period"`
	Refused string        `json:"refused"`
	General []string      `json:"general_blockers,omitempty"`
	LeftOut []app.LeftOut `json:"left_out"`
}

func blockedJSON(e *payrun.BlockedError) blockedOut {
	o := blockedOut{Period: e.Period.String(), Refused: e.Error(), LeftOut: e.LeftOut}
	for _, f := range e.General {
		o.General = append(o.General, f.Rule+": "+f.Message.NL)
	}
	if o.LeftOut == nil {
		o.LeftOut = []app.LeftOut{}
	}
	return o
}
