package cli

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"verloner/app/wagerecords"
	"verloner/domain"
	exwr "verloner/exporters/wagerecords"
)

func init() {
	c := &Command{Name: "loonstaat", Usage: "--db FILE --year 2026 --out DIR [--lang nl|en] [--json]",
		Summary: "loonstaten per uitzendkracht en verzamelloonstaat per tijdvak uit de definitieve verloningen (XLSX en PDF, BSN gemaskeerd)"}
	c.Run = func(ctx context.Context, env *Env, args []string) error {
		fs := newFlags(env, c)
		dbPath := fs.String("db", "", "administratie (*.verloner)")
		year := fs.Int("year", 0, "belastingjaar (betaaldatum van de verloningen)")
		outDir := fs.String("out", "", "map voor loonstaat-JAAR.xlsx, loonstaat-JAAR.pdf en verzamelloonstaat-JAAR.pdf")
		lang := fs.String("lang", "nl", "taal van de kopjes: nl of en")
		asJSON := fs.Bool("json", false, "samenvatting als JSON")
		pos, err := parseInterspersed(fs, args)
		if err != nil {
			return err
		}
		if err := yearOutArgs(fs, pos, *year, *outDir); err != nil {
			return err
		}
		switch {
		case *lang != "nl" && *lang != "en":
			return &ExitError{Code: 2, Err: fmt.Errorf("--lang %q: kies nl of en", *lang)}
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
		if y.Runs == 0 {
			return domain.Errorf(domain.EINVALID, "Geen definitieve verloningen met een betaaldatum in %d: er is geen loonstaat te maken.", *year)
		}
		opt := exwr.Options{Lang: *lang}
		var x bytes.Buffer
		if err := exwr.WriteXLSX(&x, y, opt); err != nil {
			return err
		}
		ls, err := exwr.LoonstaatPDF(y, opt)
		if err != nil {
			return err
		}
		vz, err := exwr.VerzamelloonstaatPDF(y, opt)
		if err != nil {
			return err
		}
		paths, err := writeOutputs(*outDir, []outFile{{exwr.LoonstaatXLSXName(*year), x.Bytes()}, {exwr.LoonstaatPDFName(*year), ls},
			{exwr.VerzamelloonstaatPDFName(*year), vz}})
		if err != nil {
			return err
		}
		t := y.Totals
		if *asJSON {
			return writeJSON(env.Stdout, map[string]any{"year": y.Year, "runs": y.Runs, "workers": len(y.Workers), "periods": len(y.Periods),
				"fiscal_wage": t.TaxableWage.StringFixed(2), "premium_wage": t.PremiumWage.StringFixed(2), "zvw_wage": t.ZvwWage.StringFixed(2),
				"wage_tax": t.WageTax.StringFixed(2), "labour_credit": t.LabourCredit.StringFixed(2), "employer_premiums": t.Premiums().StringFixed(2),
				"zvw_employer": t.Zvw.StringFixed(2), "net": t.Net.StringFixed(2), "files": paths})
		}
		tr := func(nl, en string) string { return trf(*lang, nl, en) }
		fmt.Fprintf(env.Stdout, tr("Loonstaat %d: %d uitzendkracht(en), %d tijdvak(ken), %d definitieve verloning(en)\n",
			"Payroll records %d: %d workers, %d periods, %d final runs\n"), y.Year, len(y.Workers), len(y.Periods), y.Runs)
		for _, r := range [][2]string{
			{tr("Fiscaal loon", "Fiscal wage"), domain.FormatEuro(t.TaxableWage)},
			{tr("SV-loon (premieloon)", "SV wage (premium wage)"), domain.FormatEuro(t.PremiumWage)},
			{tr("Bijdrageloon Zvw", "Zvw wage"), domain.FormatEuro(t.ZvwWage)},
			{tr("Ingehouden loonheffing", "Wage tax withheld"), domain.FormatEuro(t.WageTax)},
			{tr("Verrekende arbeidskorting", "Labour credit applied"), domain.FormatEuro(t.LabourCredit)},
			{tr("Premies werkgever (AWf, Aof, Wko, Whk)", "Employer premiums (AWf, Aof, Wko, Whk)"), domain.FormatEuro(t.Premiums())},
			{tr("Werkgeversheffing Zvw", "Zvw employer levy"), domain.FormatEuro(t.Zvw)},
			{tr("Nettoloon", "Net pay"), domain.FormatEuro(t.Net)},
		} {
			fmt.Fprintf(env.Stdout, "  %-40s %14s\n", r[0], r[1])
		}
		printPaths(env.Stdout, paths)
		return nil
	}
	Register(c)
}

// outFile is one export to write.
type outFile struct {
	name string
	data []byte
}

// writeOutputs writes exports into dir: the folder is created 0700 when it
// does not exist, every file 0600 (they hold names, wages and, on a
// jaaropgaaf, the BSN), each under a temporary name renamed when complete so
// a failure leaves no half file. It returns the paths written.
func writeOutputs(dir string, files []outFile) ([]string, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("exportmap %s: %w", dir, err)
	}
	var out []string
	for _, f := range files {
		path := filepath.Join(dir, f.name)
		tmp, err := os.CreateTemp(dir, "."+f.name+".*")
		if err != nil {
			return out, fmt.Errorf("export %s: %w", path, err)
		}
		_, werr := tmp.Write(f.data)
		cerr := tmp.Close()
		if err := errors.Join(werr, cerr, os.Chmod(tmp.Name(), 0o600)); err != nil {
			os.Remove(tmp.Name())
			return out, fmt.Errorf("export %s: %w", path, err)
		}
		if err := os.Rename(tmp.Name(), path); err != nil {
			os.Remove(tmp.Name())
			return out, fmt.Errorf("export %s: %w", path, err)
		}
		out = append(out, path)
	}
	return out, nil
}

func printPaths(w io.Writer, paths []string) {
	for _, p := range paths {
		fmt.Fprintln(w, p)
	}
}

// yearOutArgs checks the arguments the yearly wage-record commands share:
// no positionals, a plausible --year and an --out folder.
func yearOutArgs(fs *flag.FlagSet, pos []string, year int, outDir string) error {
	switch {
	case len(pos) > 0:
		fs.Usage()
		return &ExitError{Code: 2, Err: fmt.Errorf("onverwacht argument %q", pos[0])}
	case year < 2000 || year > 2999:
		return &ExitError{Code: 2, Err: fmt.Errorf("geef het jaar op met --year, bijvoorbeeld --year 2026")}
	case outDir == "":
		return &ExitError{Code: 2, Err: fmt.Errorf("geef de map op met --out DIR")}
	}
	return nil
}
