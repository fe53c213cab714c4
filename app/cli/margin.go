package cli

import (
	"context"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/shopspring/decimal"

	"verloner/app/margins"
	"verloner/domain"
	"verloner/domain/margin"
)

// `verloner margin`: the margin overview of a period (revenue of the issued
// invoices − wage cost of the final runs), with the previous period, the
// same period last year and the year to date; --out writes the margin
// overview and the management report (XLSX and PDF) and, with a backoffice
// fee, the settlement statement. --fee stores the fee setting first;
// --approve approves the settlement statement.

func init() {
	c := &Command{Name: "margin",
		Usage:   "--db FILE [--period 2026-W47] [--out DIR] [--json] [--no-ytd] [--fee per_worker_week:25|per_hour:0,85|percent:12,5|none [--backoffice NAME]] [--approve]",
		Summary: "marge per inlener, uitzendkracht, plaatsing en functie (omzet − loonkosten) met vorige periode, vorig jaar en jaar tot nu; --out schrijft margeoverzicht, managementrapportage en margeafrekening"}
	c.Run = func(ctx context.Context, env *Env, args []string) error {
		fs := newFlags(env, c)
		dbPath := fs.String("db", "", "administratie (*.verloner)")
		periodText := fs.String("period", "", "periode, bijvoorbeeld 2026-W47 (standaard: de periode van de laatste uren)")
		outDir := fs.String("out", "", "map voor margeoverzicht en managementrapportage (XLSX en PDF) en de margeafrekening (PDF)")
		asJSON := fs.Bool("json", false, "het overzicht als JSON")
		noYTD := fs.Bool("no-ytd", false, "jaar tot nu en grafiekreeks overslaan (sneller)")
		feeText := fs.String("fee", "", "backofficevergoeding opslaan: per_worker_week:BEDRAG, per_hour:BEDRAG, percent:PERCENTAGE of none")
		backoffice := fs.String("backoffice", "", "naam van het backofficebureau (met --fee)")
		approve := fs.Bool("approve", false, "de margeafrekening van de periode goedkeuren")
		pos, err := parseInterspersed(fs, args)
		if err != nil {
			return err
		}
		if len(pos) > 0 {
			fs.Usage()
			return &ExitError{Code: 2, Err: fmt.Errorf("onverwacht argument %q", pos[0])}
		}
		var fee *margin.Fee
		if *feeText != "" {
			f, err := parseFee(*feeText, *backoffice)
			if err != nil {
				return &ExitError{Code: 2, Err: err}
			}
			fee = &f
		} else if *backoffice != "" {
			return &ExitError{Code: 2, Err: fmt.Errorf("--backoffice hoort bij --fee")}
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
		if fee != nil {
			if err := margins.SaveFee(ctx, st, *fee); err != nil {
				return err
			}
		}
		opt := margins.Options{NoYearToDate: *noYTD}
		if *approve {
			if _, err := margins.Approve(ctx, st, period, st.User, opt); err != nil {
				return err
			}
		}
		ov, err := margins.Overview(ctx, st, period, opt)
		if err != nil {
			return err
		}
		var files *margins.Files
		if *outDir != "" {
			if files, err = margins.WriteFiles(ctx, ov, *outDir); err != nil {
				return err
			}
		}
		if *asJSON {
			if err := writeJSON(env.Stdout, ov); err != nil {
				return err
			}
			if files != nil {
				for _, p := range files.All() {
					fmt.Fprintln(env.Stderr, p)
				}
			}
			return nil
		}
		printMargins(env.Stdout, ov)
		if files != nil {
			for _, p := range files.All() {
				fmt.Fprintln(env.Stdout, p)
			}
		}
		return nil
	}
	Register(c)
}

// parseFee reads KIND:RATE ("per_hour:0,85") or "none".
func parseFee(s, backoffice string) (margin.Fee, error) {
	kind, rate, _ := strings.Cut(strings.TrimSpace(s), ":")
	f := margin.Fee{Backoffice: strings.TrimSpace(backoffice)}
	switch strings.ToLower(kind) {
	case "none", "geen":
		return margin.Fee{}, nil
	case "per_worker_week", "worker_week", "week":
		f.Kind = margin.FeePerWorkerWeek
	case "per_hour", "hour", "uur":
		f.Kind = margin.FeePerHour
	case "percent", "percent_of_margin", "%":
		f.Kind = margin.FeePercent
	default:
		return f, fmt.Errorf("--fee %q: kies per_worker_week:BEDRAG, per_hour:BEDRAG, percent:PERCENTAGE of none", s)
	}
	r, err := domain.ParseDecimalNL(rate)
	if err != nil {
		return f, fmt.Errorf("--fee %q: %v", s, err)
	}
	f.Rate = r
	return f, f.Validate()
}

func orNone(available bool, s string) string {
	if !available {
		return "geen gegevens"
	}
	return s
}

// printMargins writes the overview as text: key figures, then the hirers.
func printMargins(w io.Writer, ov *margin.Overview) {
	m := ov.Margins
	state := map[margin.Status]string{margin.StatusFinal: "definitief", margin.StatusEstimated: "omzet deels geschat",
		margin.StatusNoPayroll: "nog geen definitieve verloning", margin.StatusNoData: "geen gegevens"}[ov.Status]
	fmt.Fprintf(w, "Marge %s — %s (%s)\n\n", ov.Period, ov.Agency, state)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	ytd := func(f func(margin.Figures) string) string {
		if ov.YearToDate == nil || ov.YearToDate.Periods == 0 {
			return "—"
		}
		return f(ov.YearToDate.Total)
	}
	fmt.Fprintf(tw, "\tDeze periode\tVorige periode %s\tVorig jaar %s\tJaar tot nu\t\n", ov.Previous.Period, ov.LastYear.Period)
	for _, r := range []struct {
		label string
		f     func(margin.Figures) string
	}{
		{"Omzet", func(f margin.Figures) string { return domain.FormatEuro(f.Revenue) }},
		{"Loonkosten", func(f margin.Figures) string { return domain.FormatEuro(f.WageCost) }},
		{"Marge", func(f margin.Figures) string { return domain.FormatEuro(f.Margin) }},
		{"Marge %", func(f margin.Figures) string { return nullPct(f.MarginPercent) }},
		{"Gefactureerde uren", func(f margin.Figures) string { return domain.FormatDecimalNL(f.Hours, 2) }},
		{"Marge per uur", func(f margin.Figures) string { return nullEuro(f.MarginPerHour) }},
	} {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t\n", r.label, r.f(m.Total), orNone(ov.Previous.Available, r.f(ov.Previous.Total)),
			orNone(ov.LastYear.Available, r.f(ov.LastYear.Total)), ytd(r.f))
	}
	tw.Flush()
	fmt.Fprintf(w, "\nUitzendkrachten: %d met uren of omzet, %d definitief verloond\n", m.Headcount, m.Paid)
	if len(m.Hirers) > 0 {
		fmt.Fprintln(w, "\nPer inlener:")
		tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		for _, h := range m.Hirers {
			var flags []string
			if h.Estimated {
				flags = append(flags, "geschat")
			}
			if h.CostMissing {
				flags = append(flags, "loonkosten ontbreken")
			}
			note := ""
			if len(flags) > 0 {
				note = "(" + strings.Join(flags, ", ") + ")"
			}
			fmt.Fprintf(tw, "  %s %s\tomzet %s\tloonkosten %s\tmarge %s\t%s\t%s\n", h.Key, h.Name, domain.FormatEuro(h.Revenue),
				domain.FormatEuro(h.WageCost), domain.FormatEuro(h.Margin), nullPct(h.MarginPercent), note)
		}
		tw.Flush()
	}
	for _, p := range m.Problems {
		fmt.Fprintln(w, "Probleem: "+p.Message)
	}
	if s := ov.Settlement; s != nil {
		fmt.Fprintf(w, "\nMargeafrekening met %s (%s): marge %s − vergoeding %s = %s\n", s.Fee.Backoffice, s.Fee.Describe(),
			domain.FormatEuro(s.Margin), domain.FormatEuro(s.FeeAmount), domain.FormatEuro(s.Payable))
		switch {
		case s.Approval != nil && !s.Changed:
			fmt.Fprintf(w, "Goedgekeurd door %s op %s.\n", s.Approval.By, s.Approval.At.Format("02-01-2006 15:04 MST"))
		case s.Approval != nil:
			fmt.Fprintln(w, "De cijfers zijn veranderd sinds de goedkeuring: keur opnieuw goed (--approve).")
		case s.Ready:
			fmt.Fprintln(w, "Klaar om goed te keuren (--approve).")
		default:
			fmt.Fprintln(w, "Nog niet klaar om goed te keuren: "+strings.Join(s.Reasons, " "))
		}
	}
}

func nullPct(d decimal.NullDecimal) string {
	if !d.Valid {
		return "—"
	}
	return domain.FormatDecimalNL(d.Decimal, 2) + " %"
}

func nullEuro(d decimal.NullDecimal) string {
	if !d.Valid {
		return "—"
	}
	return domain.FormatEuro(d.Decimal)
}
