package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"text/tabwriter"
	"time"

	"verloner/domain"
)

func init() {
	c := &Command{Name: "list", Usage: "workers|hirers|placements --db FILE [--json]",
		Summary: "toont uitzendkrachten, inleners of plaatsingen (BSN en IBAN gemaskeerd)"}
	c.Run = func(ctx context.Context, env *Env, args []string) error {
		fs := newFlags(env, c)
		dbPath := fs.String("db", "", "administratie (*.verloner)")
		asJSON := fs.Bool("json", false, "uitvoer als JSON")
		pos, err := parseInterspersed(fs, args)
		if err != nil {
			return err
		}
		if len(pos) != 1 {
			fs.Usage()
			return &ExitError{Code: 2, Err: fmt.Errorf("kies workers, hirers of placements")}
		}
		st, err := openExisting(ctx, *dbPath)
		if err != nil {
			return err
		}
		defer st.Close()
		var rows []map[string]any
		var columns []string
		switch pos[0] {
		case "workers", "uitzendkrachten":
			ws, err := st.Workers(ctx)
			if err != nil {
				return err
			}
			columns = []string{"number", "name", "birth_date", "bsn", "iban", "phase", "language", "id_expiry"}
			for _, w := range ws {
				rows = append(rows, map[string]any{"number": w.Number, "name": w.FullName(),
					"birth_date": dateString(w.BirthDate), "bsn": domain.MaskBSN(w.BSN), "iban": domain.MaskIBAN(w.IBAN),
					"phase": string(w.Phase), "language": string(w.Language), "id_expiry": dateString(w.Identity.Expiry)})
			}
		case "hirers", "inleners":
			hs, err := st.Hirers(ctx)
			if err != nil {
				return err
			}
			columns = []string{"number", "name", "city", "vat_id", "payment_term_days", "credit_limit", "g_share_percent", "reverse_charge", "remuneration_signed"}
			for _, h := range hs {
				rows = append(rows, map[string]any{"number": h.Number, "name": h.Name, "city": h.Address.City,
					"vat_id": h.VATID, "payment_term_days": h.PaymentTermDays, "credit_limit": h.CreditLimit.StringFixed(2),
					"g_share_percent": h.GSharePercent.String(), "reverse_charge": h.ReverseCharge,
					"remuneration_signed": dateString(h.Remuneration.SignedOn)})
			}
		case "placements", "plaatsingen":
			ps, err := st.Placements(ctx)
			if err != nil {
				return err
			}
			ws, err := st.Workers(ctx)
			if err != nil {
				return err
			}
			hs, err := st.Hirers(ctx)
			if err != nil {
				return err
			}
			wn, hn := map[int64]string{}, map[int64]string{}
			for _, w := range ws {
				wn[w.ID] = w.Number
			}
			for _, h := range hs {
				hn[h.ID] = h.Number
			}
			columns = []string{"number", "worker", "hirer", "function", "start", "end", "hourly_wage", "billing_rate"}
			for _, p := range ps {
				rows = append(rows, map[string]any{"number": p.Number, "worker": wn[p.WorkerID], "hirer": hn[p.HirerID],
					"function": p.Function, "start": dateString(p.Start), "end": dateString(p.End),
					"hourly_wage": p.HourlyWage.StringFixed(2), "billing_rate": p.BillingRate.StringFixed(2)})
			}
		default:
			return &ExitError{Code: 2, Err: fmt.Errorf("onbekende lijst %q: kies workers, hirers of placements", pos[0])}
		}
		return printRows(env, columns, rows, *asJSON)
	}
	Register(c)
}

// printRows prints rows as an aligned table under the column names, or as a
// JSON array of objects.
func printRows(env *Env, columns []string, rows []map[string]any, asJSON bool) error {
	if asJSON {
		if rows == nil {
			rows = []map[string]any{}
		}
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(rows)
	}
	tw := tabwriter.NewWriter(env.Stdout, 0, 0, 2, ' ', 0)
	for i, col := range columns {
		if i > 0 {
			fmt.Fprint(tw, "\t")
		}
		fmt.Fprint(tw, col)
	}
	fmt.Fprintln(tw)
	for _, r := range rows {
		for i, col := range columns {
			if i > 0 {
				fmt.Fprint(tw, "\t")
			}
			fmt.Fprint(tw, r[col])
		}
		fmt.Fprintln(tw)
	}
	return tw.Flush()
}

func dateString(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01-02")
}
