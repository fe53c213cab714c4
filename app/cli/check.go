package cli

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"verloner/app"
	"verloner/app/checking"
	"verloner/domain"
	"verloner/domain/checks"
	"verloner/exporters/checklist"
)

func init() {
	c := &Command{Name: "check", Usage: "--db FILE [--period 2026-W47] [--json] [--out DIR] [--lang nl|en] [--dry-run]",
		Summary: "controlelijst van de periode (dossiers, inleners, uren, loon, deadlines); exit 2 bij blokkades"}
	c.Run = func(ctx context.Context, env *Env, args []string) error {
		fs := newFlags(env, c)
		dbPath := fs.String("db", "", "administratie (*.verloner)")
		periodText := fs.String("period", "", "periode, bijvoorbeeld 2026-W47 (standaard: de periode van de laatste uren)")
		asJSON := fs.Bool("json", false, "de controlelijst als JSON")
		outDir := fs.String("out", "", "map voor de controlelijst als XLSX en PDF")
		lang := fs.String("lang", "nl", "taal van meldingen en exports: nl of en")
		dry := fs.Bool("dry-run", false, "niet opslaan")
		pos, err := parseInterspersed(fs, args)
		if err != nil {
			return err
		}
		if len(pos) > 0 {
			fs.Usage()
			return &ExitError{Code: 2, Err: fmt.Errorf("onverwacht argument %q", pos[0])}
		}
		if *lang != "nl" && *lang != "en" {
			return &ExitError{Code: 2, Err: fmt.Errorf("--lang %q: kies nl of en", *lang)}
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
		cl, err := checking.RunWith(ctx, st, period, checking.Options{Params: set, By: st.User, DryRun: *dry}, nil)
		if err != nil {
			return err
		}
		opt := checklist.Options{Lang: *lang}
		var written []string
		if *outDir != "" {
			if written, err = exportChecklist(cl, *outDir, opt); err != nil {
				return err
			}
		}
		if *asJSON {
			if err := writeJSON(env.Stdout, cl); err != nil {
				return err
			}
			for _, p := range written {
				fmt.Fprintln(env.Stderr, p)
			}
		} else {
			printChecklist(env.Stdout, cl, *lang)
			for _, p := range written {
				fmt.Fprintln(env.Stdout, p)
			}
		}
		if n := cl.Counts(); n.Blockers > 0 {
			return &ExitError{Code: 2, Err: fmt.Errorf("%d blokkade(s) in %s", n.Blockers, cl.Period)}
		}
		return nil
	}
	Register(c)
}

// periodOrLatest parses --period, or takes the period of the latest hours
// in the agency's payroll frequency.
func periodOrLatest(ctx context.Context, st app.Store, text string) (domain.Period, error) {
	if text != "" {
		p, err := domain.ParsePeriod(text)
		if err != nil {
			return p, &ExitError{Code: 2, Err: err}
		}
		return p, nil
	}
	latest, err := st.LatestWorkDate(ctx)
	if err != nil {
		return domain.Period{}, err
	}
	if latest.IsZero() {
		return domain.Period{}, domain.Errorf(domain.EINVALID, "geen uren in de administratie: geef de periode op met --period")
	}
	kind := domain.Weekly
	if a, err := st.Agency(ctx); err == nil && a.Frequency != "" {
		kind = a.Frequency
	}
	return domain.PeriodContaining(kind, latest), nil
}

// exportChecklist writes the XLSX and PDF into dir (0600: they name workers).
func exportChecklist(cl *checks.Checklist, dir string, opt checklist.Options) ([]string, error) {
	return writeXLSXAndPDF(dir, checklist.FileName(cl, opt),
		func(w io.Writer) error { return checklist.WriteXLSX(w, cl, opt) },
		func() ([]byte, error) { return checklist.PDF(cl, opt) })
}

// writeXLSXAndPDF writes one report as base.xlsx and base.pdf into dir, a
// private folder (0700) with private files (0600): the reports name workers.
func writeXLSXAndPDF(dir, base string, xlsx func(io.Writer) error, pdf func() ([]byte, error)) ([]string, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("exportmap %s: %w", dir, err)
	}
	path := filepath.Join(dir, base)
	var x bytes.Buffer
	if err := xlsx(&x); err != nil {
		return nil, err
	}
	p, err := pdf()
	if err != nil {
		return nil, err
	}
	for _, f := range []struct {
		path string
		data []byte
	}{{path + ".xlsx", x.Bytes()}, {path + ".pdf", p}} {
		if err := os.WriteFile(f.path, f.data, 0o600); err != nil {
			return nil, fmt.Errorf("export %s: %w", f.path, err)
		}
	}
	return []string{path + ".xlsx", path + ".pdf"}, nil
}

// printChecklist writes the checklist grouped per hirer and worker.
func printChecklist(w io.Writer, cl *checks.Checklist, lang string) {
	tr := func(nl, en string) string {
		if lang == "en" {
			return en
		}
		return nl
	}
	counts := func(n checks.Counts) string {
		s := fmt.Sprintf(tr("%d blokkade(s), %d waarschuwing(en)", "%d blocker(s), %d warning(s)"), n.Blockers, n.Warnings)
		if n.Confirmed > 0 {
			s += fmt.Sprintf(tr(", %d bevestigd", ", %d confirmed"), n.Confirmed)
		}
		return s
	}
	mark := func(f checks.Finding) string {
		switch {
		case f.Confirmed:
			return "[✓]"
		case f.Severity == checks.Blocker:
			return "[B]"
		}
		return "[W]"
	}
	fmt.Fprintf(w, tr("Controlelijst %s — %s — %s\n", "Checklist %s — %s — %s\n"), cl.Period, cl.Agency, cl.CreatedAt.In(amsterdam()).Format("02-01-2006 15:04"))
	line := func(who string, f checks.Finding) {
		fmt.Fprintf(w, "  %s %-15s %-26s %s\n", mark(f), f.Rule, who, f.Message.In(lang))
		fmt.Fprintf(w, "      → %s\n", f.Hint.In(lang))
	}
	for _, g := range cl.Groups() {
		fmt.Fprintf(w, "\n%s — %s\n", g.Title(lang), counts(g.Counts))
		for _, f := range g.Findings {
			line(tr("(inlener)", "(hirer)"), f)
		}
		for _, wg := range g.Workers {
			for _, f := range wg.Findings {
				line(strings.TrimSpace(wg.Worker.Number+" "+wg.Worker.Name), f)
			}
		}
	}
	fmt.Fprintf(w, "\n%s: %s\n", tr("Totaal", "Total"), counts(cl.Counts()))
	var blocked []string
	for _, g := range checks.Gates {
		if cl.Blocks(g) {
			blocked = append(blocked, g.Label(lang))
		}
	}
	if len(blocked) > 0 {
		fmt.Fprintf(w, tr("Geblokkeerd: %s.\n", "Blocked: %s.\n"), strings.Join(blocked, ", "))
	}
	if cl.ID != 0 {
		fmt.Fprintf(w, tr("Opgeslagen als controlelijst %d.\n", "Stored as checklist %d.\n"), cl.ID)
	}
}

func init() {
	c := &Command{Name: "confirm", Usage: "--db FILE --period 2026-W47 --rule RULE [--worker NR] [--hirer NR] [--placement NR] [--note TEXT] | --anonymous --worker NR",
		Summary: "bevestigt een waarschuwing uit de laatste controlelijst, of kiest het anoniementarief voor een uitzendkracht zonder BSN"}
	c.Run = func(ctx context.Context, env *Env, args []string) error {
		fs := newFlags(env, c)
		dbPath := fs.String("db", "", "administratie (*.verloner)")
		periodText := fs.String("period", "", "periode van de controlelijst")
		rule := fs.String("rule", "", "controle, bijvoorbeeld PAY-LATE")
		workerNr := fs.String("worker", "", "personeelsnummer")
		hirerNr := fs.String("hirer", "", "inlenernummer")
		placementNr := fs.String("placement", "", "plaatsingsnummer")
		note := fs.String("note", "", "toelichting")
		anonymous := fs.Bool("anonymous", false, "kies bewust het anoniementarief (uitzendkracht zonder geldig BSN)")
		if _, err := parseInterspersed(fs, args); err != nil {
			return err
		}
		st, err := openExisting(ctx, *dbPath)
		if err != nil {
			return err
		}
		defer st.Close()
		ids, err := lookupIDs(ctx, st, *workerNr, *hirerNr, *placementNr)
		if err != nil {
			return err
		}
		if *anonymous {
			if ids.worker == 0 {
				return &ExitError{Code: 2, Err: fmt.Errorf("--anonymous heeft --worker nodig")}
			}
			if err := checking.ChooseAnonymousRate(ctx, st, ids.worker, *note, st.User); err != nil {
				return err
			}
			fmt.Fprintf(env.Stdout, "Anoniementarief vastgelegd voor uitzendkracht %s.\n", *workerNr)
			return nil
		}
		if *rule == "" || *periodText == "" {
			fs.Usage()
			return &ExitError{Code: 2, Err: fmt.Errorf("geef --period en --rule")}
		}
		period, err := domain.ParsePeriod(*periodText)
		if err != nil {
			return &ExitError{Code: 2, Err: err}
		}
		cl, err := checking.Latest(ctx, st, period)
		if err != nil {
			return err
		}
		if cl == nil {
			return domain.Errorf(domain.ENOTFOUND, "periode %s is nog niet gecontroleerd: draai eerst verloner check", period)
		}
		var match []checks.Finding
		for _, f := range cl.Findings {
			if f.Rule == strings.ToUpper(*rule) && (ids.worker == 0 || f.Concerns(ids.worker)) &&
				(ids.hirer == 0 || f.HirerID == ids.hirer) && (ids.placement == 0 || f.PlacementID == ids.placement) {
				match = append(match, f)
			}
		}
		switch len(match) {
		case 0:
			return domain.Errorf(domain.ENOTFOUND, "geen melding %s gevonden in de controlelijst van %s", *rule, period)
		case 1:
		default:
			return domain.Errorf(domain.EINVALID, "%d meldingen %s in %s: kies er één met --worker, --hirer of --placement", len(match), *rule, period)
		}
		if err := checking.Confirm(ctx, st, period, match[0], *note, st.User); err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "Bevestigd: %s — %s\n", match[0].Rule, match[0].Message.NL)
		return nil
	}
	Register(c)
}

type recordIDs struct{ worker, hirer, placement int64 }

// lookupIDs turns the numbers users type into record IDs; empty numbers give 0.
func lookupIDs(ctx context.Context, st app.Store, worker, hirer, placement string) (recordIDs, error) {
	var ids recordIDs
	if worker != "" {
		ws, err := st.Workers(ctx)
		if err != nil {
			return ids, err
		}
		for _, w := range ws {
			if w.Number == worker {
				ids.worker = w.ID
			}
		}
		if ids.worker == 0 {
			return ids, domain.Errorf(domain.ENOTFOUND, "uitzendkracht %s bestaat niet", worker)
		}
	}
	if hirer != "" {
		hs, err := st.Hirers(ctx)
		if err != nil {
			return ids, err
		}
		for _, h := range hs {
			if h.Number == hirer {
				ids.hirer = h.ID
			}
		}
		if ids.hirer == 0 {
			return ids, domain.Errorf(domain.ENOTFOUND, "inlener %s bestaat niet", hirer)
		}
	}
	if placement != "" {
		ps, err := st.Placements(ctx)
		if err != nil {
			return ids, err
		}
		for _, p := range ps {
			if p.Number == placement {
				ids.placement = p.ID
			}
		}
		if ids.placement == 0 {
			return ids, domain.Errorf(domain.ENOTFOUND, "plaatsing %s bestaat niet", placement)
		}
	}
	return ids, nil
}

// Time input for the record commands: a date as 2026-11-18 or 18-11-2026, a
// moment with a time in the agency's zone (Europe/Amsterdam).

func parseDateArg(name, s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	for _, layout := range []string{"2006-01-02", "02-01-2006", "2-1-2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, &ExitError{Code: 2, Err: fmt.Errorf("--%s %q: verwacht een datum als 2026-11-18 of 18-11-2026", name, s)}
}

func parseMomentArg(name, s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	loc, err := time.LoadLocation("Europe/Amsterdam")
	if err != nil {
		loc = time.Local
	}
	for _, layout := range []string{"2006-01-02 15:04", "2006-01-02T15:04", "02-01-2006 15:04", "2-1-2006 15:04"} {
		if t, err := time.ParseInLocation(layout, s, loc); err == nil {
			return t, nil
		}
	}
	return time.Time{}, &ExitError{Code: 2, Err: fmt.Errorf("--%s %q: verwacht datum en tijd als \"2026-11-18 09:45\"", name, s)}
}

// amsterdam is the agency's wall clock; timestamps are shown in it whatever the machine's zone.
func amsterdam() *time.Location {
	if loc, err := time.LoadLocation("Europe/Amsterdam"); err == nil {
		return loc
	}
	return time.Local
}
