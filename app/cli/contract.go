package cli

import (
	"context"
	"fmt"
	"text/tabwriter"
	"time"

	"verloner/app"
	"verloner/app/contracts"
	"verloner/domain"
	"verloner/domain/contract"
)

func init() {
	c := &Command{Name: "contract",
		Usage: "--db FILE --worker NUMMER --out DIR [--new] [--placement NUMMER] [--start DATUM] [--end DATUM] [--hours N] " +
			"[--sign DATUM] [--all] [--json]",
		Summary: "uitzendovereenkomst van een uitzendkracht: maakt er een als het register leeg is (of met --new), legt de tekendatum vast en schrijft de PDF"}
	c.Run = func(ctx context.Context, env *Env, args []string) error {
		fs := newFlags(env, c)
		dbPath := fs.String("db", "", "administratie (*.verloner)")
		workerNo := fs.String("worker", "", "personeelsnummer")
		outDir := fs.String("out", "", "map voor de PDF")
		isNew := fs.Bool("new", false, "een nieuw contract maken, ook als er al een is")
		placementNo := fs.String("placement", "", "plaatsingsnummer (standaard de lopende plaatsing)")
		startText := fs.String("start", "", "ingangsdatum JJJJ-MM-DD (standaard die van de plaatsing)")
		endText := fs.String("end", "", "einddatum JJJJ-MM-DD (standaard die van de plaatsing)")
		hoursText := fs.String("hours", "", "overeengekomen uren per week (standaard die van de plaatsing, ten minste het CAO-minimum)")
		signText := fs.String("sign", "", "tekendatum JJJJ-MM-DD van de nieuwste versie vastleggen")
		all := fs.Bool("all", false, "de PDF van elke versie schrijven, niet alleen van de nieuwste")
		asJSON := fs.Bool("json", false, "register als JSON")
		pos, err := parseInterspersed(fs, args)
		if err != nil {
			return err
		}
		switch {
		case len(pos) > 0:
			fs.Usage()
			return &ExitError{Code: 2, Err: fmt.Errorf("onverwacht argument %q", pos[0])}
		case *workerNo == "":
			return &ExitError{Code: 2, Err: fmt.Errorf("geef de uitzendkracht op met --worker NUMMER")}
		case *outDir == "":
			return &ExitError{Code: 2, Err: fmt.Errorf("geef de map op met --out DIR")}
		}
		req := contracts.Request{}
		for _, d := range []struct {
			flag, val string
			to        *time.Time
		}{{"start", *startText, &req.Start}, {"end", *endText, &req.End}} {
			if d.val == "" {
				continue
			}
			if *d.to, err = parseDateArg(d.flag, d.val); err != nil {
				return err
			}
		}
		var signOn time.Time
		if *signText != "" {
			if signOn, err = parseDateArg("sign", *signText); err != nil {
				return err
			}
		}
		if *hoursText != "" {
			if req.AgreedHours, err = domain.ParseDecimalNL(*hoursText); err != nil || !req.AgreedHours.IsPositive() {
				return &ExitError{Code: 2, Err: fmt.Errorf("--hours %q: geef een aantal uren groter dan 0", *hoursText)}
			}
		}
		st, err := openExisting(ctx, *dbPath)
		if err != nil {
			return err
		}
		defer st.Close()
		w, err := workerByNumber(ctx, st, *workerNo)
		if err != nil {
			return err
		}
		req.WorkerID = w.ID
		if *placementNo != "" {
			ps, err := st.Placements(ctx)
			if err != nil {
				return err
			}
			for _, p := range ps {
				if p.Number == *placementNo && p.WorkerID == w.ID {
					req.PlacementID = p.ID
				}
			}
			if req.PlacementID == 0 {
				return domain.Errorf(domain.ENOTFOUND, "Plaatsing %s van uitzendkracht %s bestaat niet.", *placementNo, w.Number)
			}
		}
		opt := contracts.Options{By: st.User}
		reg, err := contracts.Register(ctx, st, w.ID)
		if err != nil {
			return err
		}
		var notes []contracts.Note
		if len(reg) == 0 || *isNew {
			d, err := contracts.Issue(ctx, st, req, opt)
			if err != nil {
				return err
			}
			notes = d.Notes
			if reg, err = contracts.Register(ctx, st, w.ID); err != nil {
				return err
			}
		} else if req.Start != (time.Time{}) || req.End != (time.Time{}) || !req.AgreedHours.IsZero() || req.PlacementID != 0 {
			return &ExitError{Code: 2, Err: fmt.Errorf("er is al een contract; gebruik --new voor een nieuw contract (verlengen en loonwijzigingen gaan via de app)")}
		}
		newest := reg[len(reg)-1]
		for _, c := range reg {
			if c.Number > newest.Number || (c.Number == newest.Number && c.Version > newest.Version) {
				newest = c
			}
		}
		if !signOn.IsZero() {
			if err := contracts.Sign(ctx, st, newest.ID, signOn); err != nil {
				return err
			}
			if reg, err = contracts.Register(ctx, st, w.ID); err != nil {
				return err
			}
		}
		var files []outFile
		for _, c := range reg {
			if !*all && c.ID != newest.ID {
				continue
			}
			name, b, err := contracts.PDF(ctx, st, c.ID)
			if err != nil {
				return err
			}
			files = append(files, outFile{name, b})
		}
		paths, err := writeOutputs(*outDir, files)
		if err != nil {
			return err
		}
		if *asJSON {
			return writeJSON(env.Stdout, contractsJSON(w, reg, notes, paths))
		}
		fmt.Fprintf(env.Stdout, "Contractregister %s %s\n", w.Number, w.FullName())
		tw := tabwriter.NewWriter(env.Stdout, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "  contract\tversie\treden\tgeldt vanaf\tbegin\teinde\tfase\tuitzendbeding\turen/week\tuurloon\ttaal\tgetekend")
		for _, c := range reg {
			ub := "nee"
			if c.Uitzendbeding {
				ub = "ja"
			}
			fmt.Fprintf(tw, "  %d\t%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", c.Number, c.Version, c.Reason.Label(domain.Dutch),
				dateNL(c.EffectiveFrom), dateNL(c.Start), dateNL(c.End), c.Phase, ub, c.AgreedHours.String(), domain.FormatEuro(c.HourlyWage),
				c.Language, dateNL(c.SignedOn))
		}
		tw.Flush()
		for _, n := range notes {
			fmt.Fprintln(env.Stdout, "Let op: "+n.NL)
		}
		printPaths(env.Stdout, paths)
		return nil
	}
	Register(c)
}

func workerByNumber(ctx context.Context, st app.Store, number string) (*domain.Worker, error) {
	ws, err := st.Workers(ctx)
	if err != nil {
		return nil, err
	}
	for _, w := range ws {
		if w.Number == number {
			return w, nil
		}
	}
	return nil, domain.Errorf(domain.ENOTFOUND, "Uitzendkracht %s bestaat niet.", number)
}

func dateNL(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return t.Format("02-01-2006")
}

func contractsJSON(w *domain.Worker, reg []*contract.Contract, notes []contracts.Note, files []string) map[string]any {
	var rows []map[string]any
	for _, c := range reg {
		rows = append(rows, map[string]any{"id": c.ID, "number": c.Number, "version": c.Version, "reason": string(c.Reason),
			"effective_from": dateString(c.EffectiveFrom), "start": dateString(c.Start), "end": dateString(c.End), "phase": string(c.Phase),
			"phase_weeks": c.PhaseWeeks, "uitzendbeding": c.Uitzendbeding, "agreed_hours": c.AgreedHours.String(),
			"hourly_wage": c.HourlyWage.StringFixed(2), "language": string(c.Language), "et": c.HasET(), "signed_on": dateString(c.SignedOn)})
	}
	var ns []string
	for _, n := range notes {
		ns = append(ns, n.NL)
	}
	return map[string]any{"worker": w.Number, "name": w.FullName(), "contracts": rows, "notes": ns, "files": files}
}
