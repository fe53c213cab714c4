package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"text/tabwriter"

	"verloner/app"
	"verloner/app/packs"
	"verloner/domain"
	"verloner/domain/params"
)

// loadPacks returns the built-in parameter packs plus those installed in the
// user's data folder; a broken installed file is reported in problems.
func loadPacks() (*params.Set, []packs.Info, error) {
	dir, err := app.DataDir()
	if err != nil {
		return nil, nil, fmt.Errorf("gegevensmap: %w", err)
	}
	set, infos, problems := packs.Load(packs.Dir(dir))
	if set == nil {
		return nil, nil, problems[0]
	}
	return set, infos, nil
}

func init() {
	c := &Command{Name: "params", Usage: "list [--json] | install FILE",
		Summary: "toont de parameterpakketten (loonheffing, premies, minimumloon per jaar) of laadt een nieuw pakket, bijvoorbeeld 2027"}
	c.Run = func(ctx context.Context, env *Env, args []string) error {
		fs := newFlags(env, c)
		asJSON := fs.Bool("json", false, "uitvoer als JSON")
		pos, err := parseInterspersed(fs, args)
		if err != nil {
			return err
		}
		dataDir, err := app.DataDir()
		if err != nil {
			return err
		}
		dir := packs.Dir(dataDir)
		switch {
		case len(pos) == 1 && pos[0] == "list":
			_, infos, problems := packs.Load(dir)
			for _, p := range problems {
				fmt.Fprintln(env.Stderr, "let op:", p)
			}
			if *asJSON {
				enc := json.NewEncoder(env.Stdout)
				enc.SetIndent("", "  ")
				return enc.Encode(infos)
			}
			tw := tabwriter.NewWriter(env.Stdout, 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, "jaar\therkomst\ttitel")
			for _, i := range infos {
				fmt.Fprintf(tw, "%d\t%s\t%s\n", i.Year, i.Origin, i.Title)
			}
			return tw.Flush()
		case len(pos) == 2 && pos[0] == "install":
			set, _, _ := packs.Load(dir)
			p, replaced, err := packs.Install(dir, pos[1], set)
			if err != nil {
				return err
			}
			verb := "toegevoegd"
			if replaced {
				verb = "vervangt het eerdere pakket van dat jaar"
			}
			fmt.Fprintf(env.Stdout, "Parameterpakket %d %s: %s\n", p.Year(), verb, p.Title())
			return nil
		}
		fs.Usage()
		return &ExitError{Code: 2, Err: domain.Errorf(domain.EINVALID, "kies list of install BESTAND")}
	}
	Register(c)
}
