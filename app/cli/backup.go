package cli

import (
	"context"
	"fmt"
	"path/filepath"
	"text/tabwriter"

	"verloner/app/backup"
	"verloner/domain"
)

// `verloner backup` writes a checked backup of an administration (VACUUM
// INTO) into its backups folder or --dir, or lists the backups there.

func init() {
	c := &Command{Name: "backup", Usage: "--db FILE [--dir DIR] [--list] [--json]",
		Summary: "maakt een gecontroleerde back-up van de administratie (standaard in de map backups ernaast); --list toont de back-ups"}
	c.Run = func(ctx context.Context, env *Env, args []string) error {
		fs := newFlags(env, c)
		dbPath := fs.String("db", "", "administratie (*.verloner)")
		dir := fs.String("dir", "", "map voor de back-up (standaard: backups naast de administratie)")
		list := fs.Bool("list", false, "de back-ups in de map tonen, nieuwste eerst")
		asJSON := fs.Bool("json", false, "uitvoer als JSON")
		pos, err := parseInterspersed(fs, args)
		if err != nil {
			return err
		}
		if len(pos) > 0 {
			fs.Usage()
			return &ExitError{Code: 2, Err: fmt.Errorf("onverwacht argument %q", pos[0])}
		}
		if *dbPath == "" {
			return domain.Errorf(domain.EINVALID, "geef de administratie op met --db BESTAND")
		}
		if *list {
			d := *dir
			if d == "" {
				abs, err := filepath.Abs(*dbPath)
				if err != nil {
					return err
				}
				d = backup.Dir(abs)
			}
			infos, err := backup.List(d)
			if err != nil {
				return err
			}
			if *asJSON {
				type row struct {
					Path          string `json:"path"`
					Size          int64  `json:"size"`
					Time          string `json:"time"`
					BeforeRestore bool   `json:"before_restore,omitempty"`
				}
				rows := []row{}
				for _, in := range infos {
					rows = append(rows, row{in.Path, in.Size, in.Time.Format("2006-01-02T15:04:05"), in.BeforeRestore})
				}
				return writeJSON(env.Stdout, rows)
			}
			if len(infos) == 0 {
				fmt.Fprintf(env.Stdout, "Geen back-ups in %s\n", d)
				return nil
			}
			tw := tabwriter.NewWriter(env.Stdout, 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, "moment\tgrootte\tbestand\t")
			for _, in := range infos {
				note := ""
				if in.BeforeRestore {
					note = " (vóór herstel)"
				}
				fmt.Fprintf(tw, "%s\t%d kB\t%s%s\t\n", in.Time.Format("02-01-2006 15:04:05"), (in.Size+1023)/1024, in.Path, note)
			}
			return tw.Flush()
		}
		st, err := openExisting(ctx, *dbPath)
		if err != nil {
			return err
		}
		defer st.Close()
		path, err := backup.Backup(ctx, st, *dir)
		if err != nil {
			return err
		}
		if *asJSON {
			return writeJSON(env.Stdout, map[string]string{"backup": path})
		}
		fmt.Fprintf(env.Stdout, "Back-up gemaakt en gecontroleerd: %s\n", path)
		return nil
	}
	Register(c)
}
