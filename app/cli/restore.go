package cli

import (
	"context"
	"fmt"

	"verloner/app/backup"
	"verloner/app/sqlite"
	"verloner/domain"
)

// `verloner restore` replaces an administration by a backup (app/backup):
// the backup is checked first and the current file is copied aside.

func init() {
	c := &Command{Name: "restore", Usage: "--db FILE BACKUP [--json]",
		Summary: "zet een back-up terug: controleert de back-up eerst en bewaart de huidige administratie als kopie (…-voor-herstel-…)"}
	c.Run = func(ctx context.Context, env *Env, args []string) error {
		fs := newFlags(env, c)
		dbPath := fs.String("db", "", "administratie (*.verloner) die vervangen wordt")
		asJSON := fs.Bool("json", false, "uitvoer als JSON")
		pos, err := parseInterspersed(fs, args)
		if err != nil {
			return err
		}
		if len(pos) != 1 {
			fs.Usage()
			return &ExitError{Code: 2, Err: fmt.Errorf("gebruik: verloner restore --db ADMINISTRATIE BACK-UP")}
		}
		if *dbPath == "" {
			return domain.Errorf(domain.EINVALID, "geef de administratie op met --db BESTAND")
		}
		aside, err := backup.RestoreAside(ctx, *dbPath, pos[0])
		if err != nil {
			return err
		}
		// Open once: migrates an older backup and proves the result opens.
		st, err := sqlite.Open(ctx, *dbPath)
		if err != nil {
			return fmt.Errorf("teruggezet, maar openen mislukt: %w", err)
		}
		defer st.Close()
		a, err := st.Agency(ctx)
		if err != nil {
			return err
		}
		if *asJSON {
			return writeJSON(env.Stdout, map[string]string{"restored": st.Path(), "from": pos[0], "previous": aside, "agency": a.Name})
		}
		fmt.Fprintf(env.Stdout, "Back-up %s teruggezet in %s (%s).\n", pos[0], st.Path(), a.Name)
		if aside != "" {
			fmt.Fprintf(env.Stdout, "De vorige administratie is bewaard als %s\n", aside)
		}
		return nil
	}
	Register(c)
}
