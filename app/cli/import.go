package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"

	"verloner/app/importing"
	"verloner/domain"
	"verloner/importers"
)

func init() {
	c := &Command{Name: "import", Usage: "hours|placements|opening FILE --db FILE [--hirer CODE] [--template NAME] [--year 2026] [--commit] [--skip-errors] [--save-template NAME] [--json] [--lang nl|en]",
		Summary: "leest een urenstaat (xlsx, csv, SETU-xml), plaatsingslijst of lijst met beginsaldi (--year) in: voorvertoning, met --commit opslaan; exit 1 bij fouten"}
	c.Run = func(ctx context.Context, env *Env, args []string) error {
		fs := newFlags(env, c)
		dbPath := fs.String("db", "", "administratie (*.verloner)")
		hirer := fs.String("hirer", "", "inlenernummer van het bestand (kiest ook het sjabloon van die inlener)")
		tplName := fs.String("template", "", "naam van een opgeslagen sjabloon")
		commit := fs.Bool("commit", false, "opslaan; zonder deze vlag wordt niets geschreven")
		skip := fs.Bool("skip-errors", false, "met --commit: sla de goede rijen op en laat rijen met fouten weg")
		saveTpl := fs.String("save-template", "", "met --commit: bewaar het toegepaste sjabloon onder deze naam")
		asJSON := fs.Bool("json", false, "voorvertoning als JSON (aantallen per status en alle meldingen)")
		lang := fs.String("lang", "nl", "taal van de meldingen: nl of en")
		year := fs.Int("year", 0, "belastingjaar van de beginsaldi (opening)")
		pos, err := parseInterspersed(fs, args)
		if err != nil {
			return err
		}
		if len(pos) != 2 || !slices.Contains([]string{"hours", "placements", "uren", "plaatsingen", "opening", "beginsaldi"}, pos[0]) {
			fs.Usage()
			return &ExitError{Code: 2, Err: fmt.Errorf("gebruik: verloner import hours|placements|opening BESTAND --db ADMINISTRATIE")}
		}
		if (pos[0] == "opening" || pos[0] == "beginsaldi") && *year == 0 {
			return &ExitError{Code: 2, Err: fmt.Errorf("geef het belastingjaar van de beginsaldi met --year")}
		}
		kind, path := pos[0], pos[1]
		st, err := openExisting(ctx, *dbPath)
		if err != nil {
			return err
		}
		defer st.Close()
		svc := importing.New(st)
		data, err := importing.ReadFile(path)
		if err != nil {
			return fileError(err, *lang)
		}
		opt := importing.Options{Hirer: *hirer, Template: *tplName}
		name := filepath.Base(path)
		var rep report
		var apply func() (*importing.Result, error)
		var tpl *importers.Template
		var committed error // a failure of the one-pass hour import other than row errors
		switch kind {
		case "hours", "uren":
			var p *importing.HourPreview
			if *commit {
				// One pass: lines are stored while the file is read, in one
				// transaction that rolls back on row errors (unless --skip-errors).
				var res *importing.Result
				p, res, err = svc.ImportHours(ctx, name, data, opt, importing.CommitOptions{SkipErrors: *skip})
				if p == nil {
					return fileError(err, *lang)
				}
				if err != nil && p.Counts.Error == 0 {
					committed = err
				}
				apply = func() (*importing.Result, error) { return res, nil }
			} else {
				p, err = svc.PreviewHours(ctx, name, data, opt)
				if err != nil {
					return fileError(err, *lang)
				}
			}
			tpl = p.Template
			rep = report{File: p.File, Kind: p.Kind, Format: string(p.Format), Layout: string(p.Layout), Hirer: p.Hirer,
				From: p.From, To: p.To, Counts: p.Counts, Duplicate: p.Duplicate != nil, Lines: p.Lines, Voids: p.Voids,
				Messages: p.Messages(), Template: p.Template}
			for _, f := range p.Replaces {
				rep.Replaces = append(rep.Replaces, f.FileName)
			}
		case "opening", "beginsaldi":
			p, err := svc.PreviewOpening(ctx, name, data, *year)
			if err != nil {
				return fileError(err, *lang)
			}
			rep = report{File: p.File, Kind: p.Kind, Format: string(p.Format), Counts: p.Counts, Messages: p.Messages()}
			apply = func() (*importing.Result, error) {
				return svc.CommitOpening(ctx, p, importing.CommitOptions{SkipErrors: *skip})
			}
		default:
			p, err := svc.PreviewPlacements(ctx, name, data, opt)
			if err != nil {
				return fileError(err, *lang)
			}
			tpl = p.Template
			created, updated := p.Created, p.Updated
			rep = report{File: p.File, Kind: p.Kind, Format: string(p.Format), Counts: p.Counts, Duplicate: p.Duplicate != nil,
				Messages: p.Messages(), Template: p.Template, Created: &created, Updated: &updated}
			apply = func() (*importing.Result, error) {
				return svc.CommitPlacements(ctx, p, importing.CommitOptions{SkipErrors: *skip})
			}
		}
		commitErr := committed
		if *commit && committed == nil && (rep.Counts.Error == 0 || *skip) {
			res, err := apply()
			if err != nil {
				commitErr = err
			} else {
				rep.Result = res
				if *saveTpl != "" && tpl != nil {
					if err := svc.SaveTemplate(ctx, tpl, *saveTpl, *hirer); err != nil {
						commitErr = err
					}
				}
			}
		}
		if *asJSON {
			if rep.Messages == nil {
				rep.Messages = []importers.Message{}
			}
			if rep.Lines == nil && rep.Kind == importers.KindHours {
				rep.Lines = []importing.Line{}
			}
			enc := json.NewEncoder(env.Stdout)
			enc.SetIndent("", "  ")
			if err := enc.Encode(rep); err != nil {
				return err
			}
		} else {
			rep.print(env.Stdout, *lang, *commit)
		}
		if commitErr != nil {
			return commitErr
		}
		if rep.Counts.Error > 0 {
			msg := fmt.Sprintf("%d rijen met fouten", rep.Counts.Error)
			if *lang == "en" {
				msg = fmt.Sprintf("%d rows with errors", rep.Counts.Error)
			}
			if *commit && !*skip {
				if *lang == "en" {
					msg += "; nothing saved (fix the errors or use --skip-errors)"
				} else {
					msg += "; niets opgeslagen (los de fouten op of gebruik --skip-errors)"
				}
			}
			return &ExitError{Code: 1, Err: errors.New(msg)}
		}
		return nil
	}
	Register(c)
}

// fileError shows a file-level import error in the chosen language.
func fileError(err error, lang string) error {
	if m, ok := importing.FileMessage(err); ok {
		return domain.Errorf(domain.EINVALID, "%s", m.Text(lang))
	}
	return err
}

// report is the preview as the command prints it, in text or JSON.
type report struct {
	File      string              `json:"file"`
	Kind      string              `json:"kind"`
	Format    string              `json:"format"`
	Layout    string              `json:"layout,omitempty"`
	Hirer     string              `json:"hirer,omitempty"`
	From      string              `json:"from,omitempty"`
	To        string              `json:"to,omitempty"`
	Counts    importing.Counts    `json:"counts"`
	Duplicate bool                `json:"duplicate"`
	Replaces  []string            `json:"replaces,omitempty"`
	Created   *importing.Tally    `json:"created,omitempty"`
	Updated   *importing.Tally    `json:"updated,omitempty"`
	Template  *importers.Template `json:"template,omitempty"`
	Messages  []importers.Message `json:"messages"`
	Lines     []importing.Line    `json:"lines,omitempty"`
	Voids     []importing.Void    `json:"voids,omitempty"`
	Result    *importing.Result   `json:"result,omitempty"`
}

func (r *report) print(w io.Writer, lang string, commit bool) {
	en := lang == "en"
	t := func(nl, eng string) string {
		if en {
			return eng
		}
		return nl
	}
	fmt.Fprintf(w, "%s: %s (%s", r.File, t("voorvertoning", "preview"), r.Format)
	if r.Layout != "" {
		fmt.Fprintf(w, ", %s", r.Layout)
	}
	fmt.Fprintln(w, ")")
	if r.Hirer != "" {
		fmt.Fprintf(w, "  %s %s\n", t("inlener", "hirer"), r.Hirer)
	}
	if r.From != "" {
		fmt.Fprintf(w, "  %s %s – %s\n", t("periode", "period"), r.From, r.To)
	}
	fmt.Fprintf(w, "  %s: %d ok, %d %s, %d %s\n", t("rijen", "rows"), r.Counts.OK, r.Counts.Warning,
		t("met waarschuwing", "with warnings"), r.Counts.Error, t("met fouten", "with errors"))
	if r.Kind == importers.KindHours {
		fmt.Fprintf(w, "  %s: %d, %s: %d\n", t("nieuwe urenregels", "new hour lines"), r.Counts.Lines, t("te laten vervallen", "to void"), r.Counts.Voids)
	} else if r.Kind == importing.KindOpening {
		fmt.Fprintf(w, "  %s: %d\n", t("over te nemen beginsaldi", "opening balances to take over"), r.Counts.Lines)
	} else if r.Created != nil {
		fmt.Fprintf(w, "  %s: %d/%d/%d, %s: %d/%d/%d (%s)\n", t("nieuw", "new"), r.Created.Workers, r.Created.Hirers, r.Created.Placements,
			t("bijgewerkt", "updated"), r.Updated.Workers, r.Updated.Hirers, r.Updated.Placements,
			t("uitzendkrachten/inleners/plaatsingen", "workers/hirers/placements"))
	}
	for _, m := range r.Messages {
		fmt.Fprintf(w, "  [%s] %s\n", severityWord(m.Severity, en), m.Text(lang))
	}
	switch {
	case r.Result != nil && r.Result.Duplicate:
		fmt.Fprintln(w, t("Al eerder ingelezen: niets toegevoegd.", "Already imported: nothing added."))
	case r.Result != nil:
		fmt.Fprintf(w, "%s: %d %s, %d %s.\n", t("Opgeslagen", "Saved"), r.Result.Added, t("toegevoegd", "added"), r.Result.Voided, t("vervallen", "voided"))
	case !commit:
		fmt.Fprintln(w, t("Niets opgeslagen (voorvertoning); gebruik --commit om op te slaan.", "Nothing saved (preview); use --commit to save."))
	}
}

func severityWord(s importers.Status, en bool) string {
	switch s {
	case importers.StatusError:
		if en {
			return "error"
		}
		return "fout"
	case importers.StatusWarning:
		if en {
			return "warning"
		}
		return "waarschuwing"
	}
	return strings.ToLower("info")
}
