package cli

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"verloner/domain"
	"verloner/domain/params"
	"verloner/domain/payroll"
	pf "verloner/domain/proforma"
	exproforma "verloner/exporters/proforma"
)

func init() {
	c := &Command{Name: "proforma",
		Usage: "--year 2026 --wage 16.10 --age 30 [--rate 26.57 | --margin 4.50 | --margin-pct 20 | --factor 1.65] [--hours NORM=36,ORT=4@120/130] " +
			"[--phase A|B|C] [--week 2026-W28] [--holiday-pay 8.33] [--leave] [--extra-pct 3] [--extra-hour 0.25] [--db FILE] [--whk PCT] " +
			"[--hirer NAAM] [--out DIR] [--internal] [--lang nl|en] [--json]",
		Summary: "pro-forma kostprijs en tarief (of marge) per uur voor een inlener, met dezelfde loonberekening als de verloning"}
	c.Run = func(ctx context.Context, env *Env, args []string) error {
		fs := newFlags(env, c)
		year := fs.Int("year", 0, "jaar (de eerste volle week van juli wordt berekend)")
		week := fs.String("week", "", "week om te berekenen, bijvoorbeeld 2026-W28 (in plaats van --year)")
		wage := fs.String("wage", "", "bruto uurloon, bijvoorbeeld 16.10")
		age := fs.Int("age", 0, "leeftijd van de uitzendkracht")
		phase := fs.String("phase", "A", "fase: A (met uitzendbeding), B of C")
		hours := fs.String("hours", "", "urenmix per week: SOORT=UREN[@LOON%[/FACTUUR%]], komma's ertussen (standaard NORM=40)")
		rate := fs.String("rate", "", "tarief per normaal uur: de marge wordt berekend")
		margin := fs.String("margin", "", "gewenste marge per uur: het tarief wordt berekend")
		marginPct := fs.String("margin-pct", "", "gewenste marge als % van de omzet")
		factor := fs.String("factor", "", "factor op het uurloon")
		holiday := fs.String("holiday-pay", "", "vakantiebijslag % (standaard die van het jaar)")
		leave := fs.Bool("leave", false, "opgebouwde vakantie-uren als opslag meenemen")
		extraPct := fs.String("extra-pct", "", "opslag % op de loonkosten (verzuim, feestdagen, overig)")
		extraHour := fs.String("extra-hour", "", "opslag in euro per uur")
		dbPath := fs.String("db", "", "administratie: naam en werkgeversgrootte van het bureau (optioneel)")
		whk := fs.String("whk", "", "eigen Whk-% (middelgrote of grote werkgever)")
		hirer := fs.String("hirer", "", "naam van de inlener op de documenten")
		outDir := fs.String("out", "", "map voor de PDF en XLSX")
		internal := fs.Bool("internal", false, "kostprijsopbouw en marge ook op de documenten (niet voor de inlener)")
		lang := fs.String("lang", "nl", "taal: nl of en")
		asJSON := fs.Bool("json", false, "uitvoer als JSON")
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
		in := pf.Input{Year: *year, Age: *age, Phase: domain.Phase(strings.ToUpper(*phase)), LeaveHours: *leave}
		if *week != "" {
			p, err := domain.ParsePeriod(*week)
			if err != nil {
				return &ExitError{Code: 2, Err: err}
			}
			in.Week = p
		} else if *year == 0 {
			return &ExitError{Code: 2, Err: fmt.Errorf("geef --year of --week op")}
		}
		for _, d := range []struct {
			flag, val string
			to        *decimal.Decimal
		}{{"wage", *wage, &in.HourlyWage}, {"rate", *rate, &in.Rate}, {"margin", *margin, &in.MarginPerHour},
			{"margin-pct", *marginPct, &in.MarginPercent}, {"factor", *factor, &in.Factor}, {"holiday-pay", *holiday, &in.HolidayPayPercent},
			{"extra-pct", *extraPct, &in.ExtraPercent}, {"extra-hour", *extraHour, &in.ExtraPerHour}} {
			if d.val == "" {
				continue
			}
			v, err := domain.ParseDecimalNL(d.val)
			if err != nil {
				return &ExitError{Code: 2, Err: fmt.Errorf("--%s: %v", d.flag, err)}
			}
			*d.to = v
		}
		if in.HourlyWage.IsZero() || *age == 0 {
			return &ExitError{Code: 2, Err: fmt.Errorf("geef ten minste --wage en --age op")}
		}
		if in.Mix, err = parseMix(*hours); err != nil {
			return &ExitError{Code: 2, Err: err}
		}
		if *whk != "" {
			v, err := domain.ParseDecimalNL(*whk)
			if err != nil {
				return &ExitError{Code: 2, Err: fmt.Errorf("--whk: %v", err)}
			}
			in.WhkRate = params.Percent{Decimal: v}
		}
		agencyName := ""
		if *dbPath != "" {
			st, err := openExisting(ctx, *dbPath)
			if err != nil {
				return err
			}
			a, err := st.Agency(ctx)
			st.Close()
			if err != nil && domain.ErrorCode(err) != domain.ENOTFOUND {
				return err
			}
			if a != nil {
				agencyName = a.Name
				switch a.EmployerSize {
				case domain.MediumEmployer:
					in.EmployerSize = payroll.MediumEmployer
				case domain.LargeEmployer:
					in.EmployerSize = payroll.LargeEmployer
				}
			}
		}
		set, _, err := loadPacks()
		if err != nil {
			return err
		}
		r, err := pf.CalculateFor(set, in)
		if err != nil {
			return err
		}
		var paths []string
		if *outDir != "" {
			opt := exproforma.Options{Agency: agencyName, Hirer: *hirer, ShowCosts: *internal, Lang: *lang, Created: time.Now()}
			p, err := exproforma.PDF(r, opt)
			if err != nil {
				return err
			}
			x, err := exproforma.WriteXLSX(r, opt)
			if err != nil {
				return err
			}
			base := exproforma.FileBase(r)
			if paths, err = writeOutputs(*outDir, []outFile{{base + ".pdf", p}, {base + ".xlsx", x}}); err != nil {
				return err
			}
		}
		if *asJSON {
			return writeJSON(env.Stdout, proformaJSON(r, paths))
		}
		printProforma(env, r, *lang)
		printPaths(env.Stdout, paths)
		return nil
	}
	Register(c)
}

// parseMix reads "NORM=36,ORT=4@120/130": hours per week per hour type with
// an optional pay % and bill %.
func parseMix(s string) ([]pf.Mix, error) {
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	var out []pf.Mix
	for _, part := range strings.Split(s, ",") {
		typ, rest, ok := strings.Cut(strings.TrimSpace(part), "=")
		if !ok {
			return nil, fmt.Errorf("--hours %q: schrijf SOORT=UREN, bijvoorbeeld NORM=36", part)
		}
		m := pf.Mix{Type: domain.HourType(strings.ToUpper(strings.TrimSpace(typ)))}
		qty, pcts, _ := strings.Cut(rest, "@")
		h, err := domain.ParseDecimalNL(qty)
		if err != nil {
			return nil, fmt.Errorf("--hours %q: %v", part, err)
		}
		m.Hours = h
		if pcts != "" {
			pay, bill, _ := strings.Cut(pcts, "/")
			if m.PayPercent, err = domain.ParseDecimalNL(pay); err != nil {
				return nil, fmt.Errorf("--hours %q: loon-%%: %v", part, err)
			}
			if bill != "" {
				if m.BillPercent, err = domain.ParseDecimalNL(bill); err != nil {
					return nil, fmt.Errorf("--hours %q: factuur-%%: %v", part, err)
				}
			}
		}
		out = append(out, m)
	}
	return out, nil
}

func proformaJSON(r *pf.Result, files []string) map[string]any {
	money := func(d decimal.Decimal) string { return d.StringFixed(2) }
	var comps []map[string]string
	for _, c := range r.Components {
		comps = append(comps, map[string]string{"code": c.Code, "text": c.Text.NL, "week": money(c.Amount), "per_hour": money(c.PerHour)})
	}
	var sur []map[string]string
	for _, c := range r.Surcharges {
		sur = append(sur, map[string]string{"code": c.Code, "text": c.Text.NL, "per_hour": money(c.PerHour)})
	}
	var types []map[string]string
	for _, t := range r.Types {
		types = append(types, map[string]string{"type": string(t.Type), "hours": t.Hours.String(), "pay_percent": t.PayPercent.String(),
			"bill_percent": t.BillPercent.String(), "wage": money(t.Wage), "rate": money(t.Rate)})
	}
	var findings []string
	for _, f := range r.Findings {
		findings = append(findings, f.Code+": "+f.Message)
	}
	out := map[string]any{"week": r.Period.String(), "year": r.Slip.Year, "hourly_wage": money(r.Input.HourlyWage), "age": r.Input.Age,
		"phase": string(r.Input.Phase), "worked_hours": r.WorkedHours.String(), "wage_cost_week": money(r.WageCost),
		"wage_cost_per_hour": money(r.WageCostPerHour), "components": comps, "surcharges": sur, "cost_price": money(r.CostPrice),
		"bill_factor": r.BillFactor.String(), "types": types, "minimum_wage": money(r.MinimumWage),
		"leave_hours_per_hour": r.LeaveHoursPerHour.String(), "findings": findings, "files": files}
	if r.Rate.IsPositive() {
		out["rate"], out["revenue_per_hour"], out["margin_per_hour"] = money(r.Rate), money(r.RevenuePerHour), money(r.MarginPerHour)
		out["margin_percent"], out["factor"] = r.MarginPercent.StringFixed(2), r.Factor.String()
	}
	return out
}

func printProforma(env *Env, r *pf.Result, lang string) {
	tr := func(nl, en string) string { return trf(lang, nl, en) }
	w := env.Stdout
	l := domain.Dutch
	if lang == "en" {
		l = domain.English
	}
	fmt.Fprintf(w, tr("Pro forma %s: uurloon %s, leeftijd %d, fase %s, %s uur per week\n", "Pro forma %s: wage %s, age %d, phase %s, %s hours per week\n"),
		r.Period, domain.FormatEuro(r.Input.HourlyWage), r.Input.Age, r.Input.Phase, domain.FormatDecimalNL(r.WorkedHours, 2))
	for _, c := range r.Components {
		fmt.Fprintf(w, "  %-52s %12s %10s\n", truncate(c.Text.In(l), 52), domain.FormatEuro(c.Amount), domain.FormatEuro(c.PerHour))
	}
	fmt.Fprintf(w, "  %-52s %12s %10s\n", tr("Loonkosten (verloning)", "Wage cost (payroll)"), domain.FormatEuro(r.WageCost), domain.FormatEuro(r.WageCostPerHour))
	for _, s := range r.Surcharges {
		fmt.Fprintf(w, "  %-52s %12s %10s\n", truncate(s.Text.In(l), 52), "", domain.FormatEuro(s.PerHour))
	}
	fmt.Fprintf(w, "  %-52s %12s %10s\n", tr("Kostprijs per gewerkt uur", "Cost price per hour worked"), "", domain.FormatEuro(r.CostPrice))
	if r.Rate.IsPositive() {
		fmt.Fprintf(w, tr("Tarief %s per normaal uur · marge %s per uur (%s %% van de omzet) · factor %s\n",
			"Rate %s per normal hour · margin %s per hour (%s %% of revenue) · factor %s\n"),
			domain.FormatEuro(r.Rate), domain.FormatEuro(r.MarginPerHour), domain.FormatDecimalNL(r.MarginPercent, 2), domain.FormatDecimalNL(r.Factor, 4))
		for _, t := range r.Types {
			if t.Type != domain.HourNormal {
				fmt.Fprintf(w, tr("  %s: loon %s (%s %%), tarief %s (%s %%)\n", "  %s: wage %s (%s %%), rate %s (%s %%)\n"), t.Type, domain.FormatEuro(t.Wage),
					domain.FormatDecimalNL(t.PayPercent, 0), domain.FormatEuro(t.Rate), domain.FormatDecimalNL(t.BillPercent, 0))
			}
		}
	}
	for _, f := range r.Findings {
		if f.Severity == payroll.SevError {
			fmt.Fprintln(w, tr("Let op: ", "Note: ")+f.Message)
		}
	}
}
