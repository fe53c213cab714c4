package cli

import (
	"context"
	"fmt"

	"verloner/app/demo"
	"verloner/domain"
)

func init() {
	c := &Command{Name: "demo", Usage: "--db FILE",
		Summary: "maakt een nieuwe demo-administratie (25 uitzendkrachten, 5 inleners, uren van week " + demo.Period + ")"}
	c.Run = func(ctx context.Context, env *Env, args []string) error {
		fs := newFlags(env, c)
		db := fs.String("db", "", "nieuw administratiebestand (*.verloner)")
		if _, err := parseInterspersed(fs, args); err != nil {
			return err
		}
		if *db == "" {
			return domain.Errorf(domain.EINVALID, "geef het nieuwe bestand op met --db BESTAND")
		}
		st, err := demo.Create(ctx, *db)
		if err != nil {
			return err
		}
		defer st.Close()
		ws, err := st.Workers(ctx)
		if err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "Demo-administratie aangemaakt: %s (%d uitzendkrachten, week %s)\n", st.Path(), len(ws), demo.Period)
		return nil
	}
	Register(c)
}
