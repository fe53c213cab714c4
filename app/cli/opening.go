package cli

import (
	"context"
	"fmt"
	"sort"
	"strconv"

	"github.com/shopspring/decimal"

	"verloner/app"
	"verloner/domain"
	"verloner/domain/payroll"
)

// openingFlags are the amounts an opening balance takes over, by flag.
var openingFlags = []struct {
	name, usage string
	negative    bool // may be below zero (wage tax refunded)
}{
	{"table-wage", "loon voor de loonheffing, tabel (cumulatief)", false},
	{"special-wage", "loon bijzondere beloningen (cumulatief)", false},
	{"wage-tax", "ingehouden loonheffing (cumulatief)", true},
	{"gross", "brutoloon (cumulatief)", false},
	{"net", "nettoloon (cumulatief)", false},
	{"holiday-pay", "gereserveerd vakantiegeld in euro", false},
	{"holiday-hours", "saldo vakantie-uren in uren", false},
	{"public-days", "gereserveerd voor feestdagen in euro", false},
	{"short-leave", "gereserveerd voor kort verzuim in euro", false},
}

func init() {
	c := &Command{Name: "opening",
		Usage: "add --db FILE --worker NR --year 2026 [--periods N] [--table-wage B] [--special-wage B] [--wage-tax B] [--gross B] [--net B]" +
			" [--holiday-pay B] [--holiday-hours H] [--public-days B] [--short-leave B] | list --db FILE --year 2026 [--json]",
		Summary: "neemt de cumulatieven en reserveringssaldi van een uitzendkracht over uit het vorige salarispakket (eenmalig), of toont de cumulatieven van een jaar"}
	c.Run = func(ctx context.Context, env *Env, args []string) error {
		fs := newFlags(env, c)
		dbPath := fs.String("db", "", "administratie (*.verloner)")
		workerNr := fs.String("worker", "", "personeelsnummer")
		yearText := fs.String("year", "", "belastingjaar")
		periods := fs.Int("periods", 0, "aantal verloonde tijdvakken dit jaar")
		asJSON := fs.Bool("json", false, "uitvoer als JSON")
		values := map[string]*string{}
		for _, f := range openingFlags {
			values[f.name] = fs.String(f.name, "", f.usage)
		}
		sub, st, err := openForSubcommand(ctx, fs, args, dbPath, "add", "list")
		if err != nil {
			return err
		}
		defer st.Close()
		year, err := strconv.Atoi(*yearText)
		if err != nil || year < 2000 || year > 2100 {
			return &ExitError{Code: 2, Err: fmt.Errorf("geef het belastingjaar met --year, bijvoorbeeld 2026")}
		}
		if sub == "list" {
			ytd, err := st.YearToDate(ctx, year)
			if err != nil {
				return err
			}
			numbers, err := workerNumbers(ctx, st)
			if err != nil {
				return err
			}
			ids := make([]int64, 0, len(ytd))
			for id := range ytd {
				ids = append(ids, id)
			}
			sort.Slice(ids, func(i, j int) bool { return numbers[ids[i]] < numbers[ids[j]] })
			var rows []map[string]any
			for _, id := range ids {
				y := ytd[id]
				rows = append(rows, map[string]any{"worker": numbers[id], "periods": y.Periods, "table_wage": y.TableWage.StringFixed(2),
					"special_wage": y.SpecialWage.StringFixed(2), "wage_tax": y.WageTax.StringFixed(2), "gross": y.Gross.StringFixed(2),
					"net": y.Net.StringFixed(2)})
			}
			return printRows(env, []string{"worker", "periods", "table_wage", "special_wage", "wage_tax", "gross", "net"}, rows, *asJSON)
		}
		ids, err := lookupIDs(ctx, st, *workerNr, "", "")
		if err != nil {
			return err
		}
		if ids.worker == 0 {
			return &ExitError{Code: 2, Err: fmt.Errorf("geef de uitzendkracht met --worker")}
		}
		if *periods < 0 || *periods > 53 {
			return &ExitError{Code: 2, Err: fmt.Errorf("--periods %d: tussen 0 en 53", *periods)}
		}
		amount := map[string]decimal.Decimal{}
		for _, f := range openingFlags {
			v := *values[f.name]
			if v == "" {
				continue
			}
			d, err := domain.ParseDecimalNL(v)
			if err != nil || (d.IsNegative() && !f.negative) || !d.Equal(d.Round(2)) {
				return &ExitError{Code: 2, Err: fmt.Errorf("--%s %q: een bedrag of aantal uren met hoogstens twee decimalen, niet negatief", f.name, v)}
			}
			amount[f.name] = d
		}
		ob := &app.OpeningBalance{WorkerID: ids.worker, Year: year, YearToDate: app.YearToDate{Periods: *periods,
			TableWage: amount["table-wage"], SpecialWage: amount["special-wage"], WageTax: amount["wage-tax"],
			Gross: amount["gross"], Net: amount["net"]}}
		for _, r := range []struct {
			flag, scheme, unit string
		}{
			{"holiday-pay", payroll.SchemeHolidayPay, app.UnitMoney}, {"holiday-hours", payroll.SchemeHolidayHours, app.UnitHours},
			{"public-days", payroll.SchemePublicDays, app.UnitMoney}, {"short-leave", payroll.SchemeShortLeave, app.UnitMoney},
		} {
			if d, ok := amount[r.flag]; ok && !d.IsZero() {
				ob.Reservations = append(ob.Reservations, app.ReservationMove{Scheme: r.scheme, Unit: r.unit, Amount: d})
			}
		}
		if *periods == 0 && len(amount) == 0 {
			return &ExitError{Code: 2, Err: fmt.Errorf("geef ten minste één cumulatief of saldo (zie verloner help)")}
		}
		if err := st.SaveOpeningBalance(ctx, ob); err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "Beginsaldo %d vastgelegd voor uitzendkracht %s: %d tijdvakken, %d reserveringssaldi.\n",
			year, *workerNr, *periods, len(ob.Reservations))
		return nil
	}
	Register(c)
}
