package cli

import (
	"context"
	"fmt"
	"time"

	"verloner/app/wagerecords"
	"verloner/domain"
	exwr "verloner/exporters/wagerecords"
)

func init() {
	c := &Command{Name: "jaaropgaaf", Usage: "--db FILE --year 2026 --out DIR [--worker NUMMER] [--lang nl|en|pl] [--json]",
		Summary: "jaaropgaven per uitzendkracht (PDF in de taal van de uitzendkracht; toont het BSN voluit, zoals de aangifte inkomstenbelasting vraagt)"}
	c.Run = func(ctx context.Context, env *Env, args []string) error {
		fs := newFlags(env, c)
		dbPath := fs.String("db", "", "administratie (*.verloner)")
		year := fs.Int("year", 0, "belastingjaar (betaaldatum van de verloningen)")
		outDir := fs.String("out", "", "map voor jaaropgaaf-JAAR-NUMMER.pdf")
		worker := fs.String("worker", "", "alleen deze uitzendkracht (personeelsnummer)")
		lang := fs.String("lang", "", "taal van de jaaropgaaf: nl, en of pl (standaard: de taal van de uitzendkracht)")
		asJSON := fs.Bool("json", false, "lijst als JSON")
		pos, err := parseInterspersed(fs, args)
		if err != nil {
			return err
		}
		if err := yearOutArgs(fs, pos, *year, *outDir); err != nil {
			return err
		}
		l := domain.Language(*lang)
		switch l {
		case "", domain.Dutch, domain.English, domain.Polish:
		default:
			return &ExitError{Code: 2, Err: fmt.Errorf("--lang %q: kies nl, en of pl", *lang)}
		}
		st, err := openExisting(ctx, *dbPath)
		if err != nil {
			return err
		}
		defer st.Close()
		y, err := wagerecords.Build(ctx, st, *year)
		if err != nil {
			return err
		}
		workers := y.Workers
		if *worker != "" {
			workers = nil
			for _, w := range y.Workers {
				if w.Number == *worker {
					workers = append(workers, w)
				}
			}
			if len(workers) == 0 {
				return domain.Errorf(domain.ENOTFOUND, "Uitzendkracht %s is in %d niet definitief verloond: geen jaaropgaaf.", *worker, *year)
			}
		}
		if len(workers) == 0 {
			return domain.Errorf(domain.EINVALID, "Geen definitieve verloningen met een betaaldatum in %d: geen jaaropgaven.", *year)
		}
		now := time.Now()
		var files []outFile
		for _, w := range workers {
			b, err := exwr.JaaropgaafPDF(y, w, exwr.JaaropgaafOptions{Lang: l, Created: now})
			if err != nil {
				return err
			}
			files = append(files, outFile{exwr.JaaropgaafName(*year, w.Number), b})
		}
		paths, err := writeOutputs(*outDir, files)
		if err != nil {
			return err
		}
		if *asJSON {
			type row struct {
				Number      string `json:"number"`
				Name        string `json:"name"`
				FiscalWage  string `json:"fiscal_wage"`
				WageTax     string `json:"wage_tax"`
				LabourCred  string `json:"labour_credit"`
				TaxCreditOK int    `json:"periods_with_tax_credit"`
				Periods     int    `json:"periods"`
				File        string `json:"file"`
			}
			var rows []row
			for i, w := range workers {
				rows = append(rows, row{w.Number, w.Name, w.Totals.TaxableWage.StringFixed(2), w.Totals.WageTax.StringFixed(2),
					w.Totals.LabourCredit.StringFixed(2), w.TaxCredit, w.Periods, paths[i]})
			}
			return writeJSON(env.Stdout, rows)
		}
		fmt.Fprintf(env.Stdout, "Jaaropgaven %d: %d uitzendkracht(en) (het BSN staat voluit op de jaaropgaaf; bewaar en verstuur de bestanden vertrouwelijk)\n", *year, len(workers))
		for i, w := range workers {
			fmt.Fprintf(env.Stdout, "  %-6s %-28s fiscaal loon %14s  loonheffing %12s  %s\n", w.Number, truncate(w.Name, 28),
				domain.FormatEuro(w.Totals.TaxableWage), domain.FormatEuro(w.Totals.WageTax), paths[i])
		}
		return nil
	}
	Register(c)
}
