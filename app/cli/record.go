package cli

import (
	"context"
	"flag"
	"fmt"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"verloner/app/sqlite"
	"verloner/domain"
	"verloner/domain/checks"
)

// The record commands enter by hand what the checklist looks at besides
// master data and hours: sick reports, advances, proof of hours and
// deductions. Importers may fill the same tables; the GUI gets forms later.

func init() {
	c := &Command{Name: "sick", Usage: "add --db FILE --worker NR --first-day DATE --reported \"DATE HH:MM\" [--shift-start \"DATE HH:MM\"] [--recovered DATE] [--placement NR] [--note TEXT] | list --db FILE --period 2026-W47",
		Summary: "legt een ziekmelding vast (tijdstip van melden, eerste ziektedag, aanvang dienst) of toont ze"}
	c.Run = func(ctx context.Context, env *Env, args []string) error {
		fs := newFlags(env, c)
		dbPath := fs.String("db", "", "administratie (*.verloner)")
		workerNr := fs.String("worker", "", "personeelsnummer")
		placementNr := fs.String("placement", "", "plaatsingsnummer (optioneel)")
		firstDay := fs.String("first-day", "", "eerste ziektedag")
		reported := fs.String("reported", "", "tijdstip van de melding, Nederlandse tijd")
		shift := fs.String("shift-start", "", "aanvang van de gemiste dienst (bij ploegen)")
		recovered := fs.String("recovered", "", "eerste dag weer hersteld")
		note := fs.String("note", "", "toelichting")
		periodText := fs.String("period", "", "periode (voor list)")
		sub, st, err := openForSubcommand(ctx, fs, args, dbPath, "add", "list")
		if err != nil {
			return err
		}
		defer st.Close()
		if sub == "list" {
			p, err := periodOrLatest(ctx, st, *periodText)
			if err != nil {
				return err
			}
			rs, err := st.SickReports(ctx, p.Start(), p.End())
			if err != nil {
				return err
			}
			num, err := workerNumbers(ctx, st)
			if err != nil {
				return err
			}
			tw := tabwriter.NewWriter(env.Stdout, 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, "id\tworker\tfirst_day\treported\tshift_start\trecovered\tsource")
			for _, r := range rs {
				fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\n", r.ID, num[r.WorkerID], dateString(r.FirstDay), momentString(r.ReportedAt),
					momentString(r.ShiftStart), dateString(r.RecoveredOn), r.Source)
			}
			return tw.Flush()
		}
		ids, err := lookupIDs(ctx, st, *workerNr, "", *placementNr)
		if err != nil {
			return err
		}
		r := &domain.SickReport{WorkerID: ids.worker, PlacementID: ids.placement, Note: *note, Source: domain.SickByHand}
		if r.FirstDay, err = parseDateArg("first-day", *firstDay); err != nil {
			return err
		}
		if r.ReportedAt, err = parseMomentArg("reported", *reported); err != nil {
			return err
		}
		if r.ShiftStart, err = parseMomentArg("shift-start", *shift); err != nil {
			return err
		}
		if r.RecoveredOn, err = parseDateArg("recovered", *recovered); err != nil {
			return err
		}
		if err := st.SaveSickReport(ctx, r); err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "Ziekmelding %d vastgelegd: uitzendkracht %s, ziek vanaf %s.\n", r.ID, *workerNr, dateString(r.FirstDay))
		return nil
	}
	Register(c)
}

// openForSubcommand parses the flags of a record command, checks that the one
// positional argument is one of subs ("add", "list") and opens the
// administration; the caller closes it.
func openForSubcommand(ctx context.Context, fs *flag.FlagSet, args []string, dbPath *string, subs ...string) (string, *sqlite.DB, error) {
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return "", nil, err
	}
	if len(pos) != 1 || !slices.Contains(subs, pos[0]) {
		fs.Usage()
		return "", nil, &ExitError{Code: 2, Err: fmt.Errorf("kies %s", strings.Join(subs, " of "))}
	}
	st, err := openExisting(ctx, *dbPath) // read after parsing: the flag's value
	if err != nil {
		return "", nil, err
	}
	return pos[0], st, nil
}

// momentString shows an instant in Dutch time: "2026-11-18 09:45".
func momentString(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	if loc, err := time.LoadLocation("Europe/Amsterdam"); err == nil {
		t = t.In(loc)
	}
	return t.Format("2006-01-02 15:04")
}

func init() {
	c := &Command{Name: "advance", Usage: "add --db FILE --worker NR --period 2026-W47 --amount 250,00 [--reason TEXT] [--paid-on DATE] | list --db FILE [--worker NR]",
		Summary: "legt een voorschot vast (nooit zonder geldig BSN, hoogstens 2 weken achter elkaar) of toont de voorschotten"}
	c.Run = func(ctx context.Context, env *Env, args []string) error {
		fs := newFlags(env, c)
		dbPath := fs.String("db", "", "administratie (*.verloner)")
		workerNr := fs.String("worker", "", "personeelsnummer")
		periodText := fs.String("period", "", "periode waarvoor het voorschot is")
		amount := fs.String("amount", "", "netto bedrag, bijvoorbeeld 250,00")
		reason := fs.String("reason", "", "reden, bijvoorbeeld dossier incompleet")
		paidOn := fs.String("paid-on", "", "datum van betaling")
		sub, st, err := openForSubcommand(ctx, fs, args, dbPath, "add", "list")
		if err != nil {
			return err
		}
		defer st.Close()
		ids, err := lookupIDs(ctx, st, *workerNr, "", "")
		if err != nil {
			return err
		}
		all, err := st.Advances(ctx, ids.worker)
		if err != nil {
			return err
		}
		if sub == "list" {
			tw := tabwriter.NewWriter(env.Stdout, 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, "id\tworker_id\tperiod\tamount\tpaid_on\trepaid_in\treason")
			for _, a := range all {
				repaid := ""
				if !a.Open() {
					repaid = a.RepaidIn.String()
				}
				fmt.Fprintf(tw, "%d\t%d\t%s\t%s\t%s\t%s\t%s\n", a.ID, a.WorkerID, a.Period, a.Amount.StringFixed(2), dateString(a.PaidOn), repaid, a.Reason)
			}
			return tw.Flush()
		}
		if ids.worker == 0 {
			return &ExitError{Code: 2, Err: fmt.Errorf("geef de uitzendkracht met --worker")}
		}
		period, err := domain.ParsePeriod(*periodText)
		if err != nil {
			return &ExitError{Code: 2, Err: err}
		}
		amt, err := domain.ParseDecimalNL(*amount)
		if err != nil {
			return &ExitError{Code: 2, Err: fmt.Errorf("--amount: %w", err)}
		}
		w, err := st.Worker(ctx, ids.worker)
		if err != nil {
			return err
		}
		settings, err := st.CheckSettings(ctx)
		if err != nil {
			return err
		}
		if err := checks.AdvanceAllowed(w, all, period, settings.AdvanceMaxWeeks); err != nil {
			return err
		}
		a := &domain.Advance{WorkerID: w.ID, Period: period, Amount: amt, Reason: *reason}
		if a.PaidOn, err = parseDateArg("paid-on", *paidOn); err != nil {
			return err
		}
		if err := st.SaveAdvance(ctx, a); err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "Voorschot %d vastgelegd: %s voor %s in %s; wordt ingehouden in de volgende reguliere verloning.\n",
			a.ID, domain.FormatEuro(a.Amount), *workerNr, period)
		return nil
	}
	Register(c)
}

func init() {
	c := &Command{Name: "proof", Usage: "add --db FILE --hirer NR --period 2026-W47 [--placement NR] [--kind urenstaat|weekbriefje|portaal|overig] [--ref TEXT] [--received \"DATE HH:MM\"]",
		Summary: "legt het bewijs van uren vast dat een inlener eist (getekende urenstaat, weekbriefje)"}
	c.Run = func(ctx context.Context, env *Env, args []string) error {
		fs := newFlags(env, c)
		dbPath := fs.String("db", "", "administratie (*.verloner)")
		hirerNr := fs.String("hirer", "", "inlenernummer")
		placementNr := fs.String("placement", "", "plaatsingsnummer (leeg: alle plaatsingen van de inlener)")
		periodText := fs.String("period", "", "periode")
		kind := fs.String("kind", "urenstaat", "soort bewijs")
		ref := fs.String("ref", "", "bestandsnaam of kenmerk")
		received := fs.String("received", "", "ontvangen op (standaard nu)")
		_, st, err := openForSubcommand(ctx, fs, args, dbPath, "add")
		if err != nil {
			return err
		}
		defer st.Close()
		switch *kind {
		case "urenstaat", "weekbriefje", "portaal", "overig":
		default:
			return &ExitError{Code: 2, Err: fmt.Errorf("--kind %q: kies urenstaat, weekbriefje, portaal of overig", *kind)}
		}
		if *hirerNr == "" {
			return &ExitError{Code: 2, Err: fmt.Errorf("geef de inlener met --hirer")}
		}
		ids, err := lookupIDs(ctx, st, "", *hirerNr, *placementNr)
		if err != nil {
			return err
		}
		period, err := domain.ParsePeriod(*periodText)
		if err != nil {
			return &ExitError{Code: 2, Err: err}
		}
		pr := &checks.HourProof{HirerID: ids.hirer, PlacementID: ids.placement, Period: period, Kind: *kind, Reference: *ref}
		if pr.ReceivedAt, err = parseMomentArg("received", *received); err != nil {
			return err
		}
		if err := st.SaveHourProof(ctx, pr); err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "Urenbewijs %d vastgelegd voor %s in %s.\n", pr.ID, *hirerNr, period)
		return nil
	}
	Register(c)
}

func init() {
	c := &Command{Name: "deduction", Usage: "add --db FILE --worker NR --period 2026-W47 --kind boete|bekeuring|schade|huisvesting|overig --amount 75,00 [--description TEXT] [--proof REF] [--proof-date DATE]",
		Summary: "legt een inhouding vast (boete of bekeuring alleen met bewijs en getekende machtiging)"}
	c.Run = func(ctx context.Context, env *Env, args []string) error {
		fs := newFlags(env, c)
		dbPath := fs.String("db", "", "administratie (*.verloner)")
		workerNr := fs.String("worker", "", "personeelsnummer")
		periodText := fs.String("period", "", "periode van de inhouding")
		kind := fs.String("kind", "", "soort inhouding")
		amount := fs.String("amount", "", "bedrag, bijvoorbeeld 75,00")
		desc := fs.String("description", "", "omschrijving")
		proof := fs.String("proof", "", "kenmerk van het bewijs")
		proofDate := fs.String("proof-date", "", "datum waarop het bewijs binnenkwam")
		_, st, err := openForSubcommand(ctx, fs, args, dbPath, "add")
		if err != nil {
			return err
		}
		defer st.Close()
		ids, err := lookupIDs(ctx, st, *workerNr, "", "")
		if err != nil {
			return err
		}
		period, err := domain.ParsePeriod(*periodText)
		if err != nil {
			return &ExitError{Code: 2, Err: err}
		}
		amt, err := domain.ParseDecimalNL(*amount)
		if err != nil {
			return &ExitError{Code: 2, Err: fmt.Errorf("--amount: %w", err)}
		}
		d := &domain.Deduction{WorkerID: ids.worker, Period: period, Kind: domain.DeductionKind(*kind), Amount: amt,
			Description: *desc, ProofRef: *proof}
		if d.ProofReceivedOn, err = parseDateArg("proof-date", *proofDate); err != nil {
			return err
		}
		if err := st.SaveDeduction(ctx, d); err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "Inhouding %d vastgelegd: %s %s voor %s in %s.\n", d.ID, d.Kind, domain.FormatEuro(d.Amount), *workerNr, period)
		return nil
	}
	Register(c)
}
