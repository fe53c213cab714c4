package cli

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"verloner/app"
	"verloner/app/payrun"
	"verloner/domain"
)

func init() {
	c := &Command{Name: "payout",
		Usage: "request --db FILE (--worker NR | --all) --scheme vakantiebijslag|vakantie_uren|feestdagen|kort_verzuim [--amount B] [--note TEXT]" +
			" | list --db FILE [--open] [--json] | balances --db FILE [--worker NR] [--json] | cancel --db FILE --id N" +
			" | statement --db FILE [--at DATE] --out FILE.xlsx",
		Summary: "vraagt uitbetaling van een reservering aan (vakantiegeld in mei: --all; vakantie-uren bij uit dienst), toont verzoeken en saldi, trekt een verzoek in, of schrijft het reserveringenoverzicht per datum (XLSX)"}
	c.Run = func(ctx context.Context, env *Env, args []string) error {
		fs := newFlags(env, c)
		dbPath := fs.String("db", "", "administratie (*.verloner)")
		workerNr := fs.String("worker", "", "personeelsnummer")
		all := fs.Bool("all", false, "iedereen met een saldo in deze reservering (en nog geen open verzoek)")
		scheme := fs.String("scheme", "", "reservering: "+strings.Join(payrun.Schemes, ", "))
		amountText := fs.String("amount", "", "bedrag, bijvoorbeeld 500,00 (leeg: het hele saldo)")
		note := fs.String("note", "", "toelichting")
		openOnly := fs.Bool("open", false, "alleen open verzoeken")
		idText := fs.String("id", "", "nummer van het verzoek")
		asJSON := fs.Bool("json", false, "uitvoer als JSON")
		atText := fs.String("at", "", "datum van het overzicht (standaard vandaag)")
		out := fs.String("out", "", "XLSX-bestand voor het overzicht")
		sub, st, err := openForSubcommand(ctx, fs, args, dbPath, "request", "list", "balances", "cancel", "statement")
		if err != nil {
			return err
		}
		defer st.Close()
		ids, err := lookupIDs(ctx, st, *workerNr, "", "")
		if err != nil {
			return err
		}
		numbers, err := workerNumbers(ctx, st)
		if err != nil {
			return err
		}
		switch sub {
		case "list":
			reqs, err := st.PayoutRequests(ctx, *openOnly)
			if err != nil {
				return err
			}
			var rows []map[string]any
			for _, r := range reqs {
				amount, paid := "hele saldo", ""
				if r.Amount.IsPositive() {
					amount = r.Amount.StringFixed(2)
				}
				if r.Status == "paid" {
					paid = r.PaidAmount.StringFixed(2)
				}
				rows = append(rows, map[string]any{"id": r.ID, "worker": numbers[r.WorkerID], "scheme": r.Scheme, "amount": amount,
					"requested_on": dateString(r.RequestedOn), "status": payrun.StatusText(r.Status), "paid_amount": paid, "note": r.Note})
			}
			return printRows(env, []string{"id", "worker", "scheme", "amount", "requested_on", "status", "paid_amount", "note"}, rows, *asJSON)
		case "balances":
			bs, err := st.ReservationBalances(ctx, ids.worker)
			if err != nil {
				return err
			}
			var rows []map[string]any
			for _, b := range bs {
				unit := "euro"
				if b.Unit == app.UnitHours {
					unit = "uur"
				}
				rows = append(rows, map[string]any{"worker": numbers[b.WorkerID], "scheme": b.Scheme, "unit": unit,
					"balance": b.Balance.StringFixed(2)})
			}
			return printRows(env, []string{"worker", "scheme", "unit", "balance"}, rows, *asJSON)
		case "statement":
			if *out == "" {
				return &ExitError{Code: 2, Err: fmt.Errorf("geef het XLSX-bestand met --out")}
			}
			at, err := parseDateArg("at", *atText)
			if err != nil {
				return err
			}
			if at.IsZero() {
				at = domain.DateOf(time.Now())
			}
			n, err := payrun.WriteReservationStatement(ctx, st, at, *out)
			if err != nil {
				return err
			}
			fmt.Fprintf(env.Stdout, "Reserveringen per %s: %d uitzendkrachten, geschreven naar %s.\n", at.Format("02-01-2006"), n, *out)
			return nil
		case "cancel":
			id, err := strconv.ParseInt(*idText, 10, 64)
			if err != nil || id <= 0 {
				return &ExitError{Code: 2, Err: fmt.Errorf("geef het nummer van het verzoek met --id")}
			}
			r, err := payrun.CancelPayout(ctx, st, id)
			if err != nil {
				return err
			}
			fmt.Fprintf(env.Stdout, "Uitbetalingsverzoek %d (%s, uitzendkracht %s) ingetrokken.\n", r.ID, r.Scheme, numbers[r.WorkerID])
			return nil
		}
		if *scheme == "" {
			return &ExitError{Code: 2, Err: fmt.Errorf("kies de reservering met --scheme (%s)", strings.Join(payrun.Schemes, ", "))}
		}
		if *all == (ids.worker != 0) {
			return &ExitError{Code: 2, Err: fmt.Errorf("geef één uitzendkracht met --worker, of --all voor iedereen met een saldo")}
		}
		if *all {
			if *amountText != "" {
				return &ExitError{Code: 2, Err: fmt.Errorf("--all vraagt ieders hele saldo; --amount hoort bij één uitzendkracht")}
			}
			made, err := payrun.RequestPayoutAll(ctx, st, *scheme, *note)
			if err != nil {
				return err
			}
			fmt.Fprintf(env.Stdout, "%d uitbetalingsverzoeken voor %s vastgelegd (het hele saldo); de volgende definitieve verloning betaalt ze uit.\n",
				len(made), *scheme)
			return nil
		}
		amount := decimal.Zero
		if *amountText != "" {
			if amount, err = domain.ParseDecimalNL(*amountText); err != nil || !amount.IsPositive() {
				return &ExitError{Code: 2, Err: fmt.Errorf("--amount %q: een positief bedrag, bijvoorbeeld 500,00", *amountText)}
			}
		}
		r, err := payrun.RequestPayout(ctx, st, ids.worker, *scheme, amount, *note)
		if err != nil {
			return err
		}
		what := "het hele saldo"
		if amount.IsPositive() {
			what = domain.FormatEuro(amount)
		}
		fmt.Fprintf(env.Stdout, "Uitbetalingsverzoek %d vastgelegd: %s van %s voor uitzendkracht %s; de volgende definitieve verloning betaalt het uit.\n",
			r.ID, what, *scheme, *workerNr)
		return nil
	}
	Register(c)
}

// workerNumbers maps worker IDs to their personnel numbers.
func workerNumbers(ctx context.Context, st app.Store) (map[int64]string, error) {
	ws, err := st.WorkerIdentities(ctx)
	if err != nil {
		return nil, err
	}
	out := make(map[int64]string, len(ws))
	for _, w := range ws {
		out[w.ID] = w.Number
	}
	return out, nil
}
