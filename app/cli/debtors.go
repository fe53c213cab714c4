package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/shopspring/decimal"

	"verloner/app"
	"verloner/app/debtors"
	"verloner/domain"
)

func init() {
	c := &Command{Name: "debtors", Usage: "--db FILE [--date 2026-12-08] [--json] [--out DIR] [--lang nl|en]",
		Summary: "openstaande posten per inlener naar ouderdom, kredietlimieten, aanmaningen en niet toegewezen ontvangsten; --out schrijft XLSX en PDF"}
	c.Run = func(ctx context.Context, env *Env, args []string) error {
		fs := newFlags(env, c)
		dbPath := fs.String("db", "", "administratie (*.verloner)")
		dateText := fs.String("date", "", "peildatum (standaard vandaag)")
		asJSON := fs.Bool("json", false, "de debiteurenlijst als JSON")
		outDir := fs.String("out", "", "map voor de debiteurenlijst als XLSX en PDF")
		lang := fs.String("lang", "nl", "taal: nl of en")
		pos, err := parseInterspersed(fs, args)
		if err != nil {
			return err
		}
		if len(pos) > 0 {
			fs.Usage()
			return &ExitError{Code: 2, Err: fmt.Errorf("onverwacht argument %q", pos[0])}
		}
		date, err := parseDateArg("date", *dateText)
		if err != nil {
			return err
		}
		st, err := openExisting(ctx, *dbPath)
		if err != nil {
			return err
		}
		defer st.Close()
		l, err := debtors.Open(ctx, st, debtors.Options{AsOf: date})
		if err != nil {
			return err
		}
		var files []string
		if *outDir != "" {
			agency := ""
			if a, err := st.Agency(ctx); err == nil {
				agency = a.Name
			}
			if files, err = exportDebtors(l, *outDir, debtors.ExportOptions{Lang: *lang, Agency: agency}); err != nil {
				return err
			}
		}
		if *asJSON {
			for _, p := range l.Unallocated {
				p.CounterIBAN, p.OwnIBAN = domain.MaskIBAN(p.CounterIBAN), domain.MaskIBAN(p.OwnIBAN)
			}
			v := struct {
				*debtors.Ledger
				Reminders []*debtors.Reminder `json:"reminders"`
				Files     []string            `json:"files,omitempty"`
			}{l, l.Reminders(), files}
			return writeJSON(env.Stdout, v)
		}
		printLedger(env.Stdout, l, *lang)
		for _, f := range files {
			fmt.Fprintln(env.Stdout, f)
		}
		return nil
	}
	Register(c)
}

// exportDebtors writes the debtor list as XLSX and PDF into dir.
func exportDebtors(l *debtors.Ledger, dir string, opt debtors.ExportOptions) ([]string, error) {
	return writeXLSXAndPDF(dir, debtors.FileName(l, opt),
		func(w io.Writer) error { return debtors.WriteXLSX(w, l, opt) },
		func() ([]byte, error) { return debtors.PDF(l, opt) })
}

func printLedger(w io.Writer, l *debtors.Ledger, lang string) {
	fmt.Fprintf(w, trf(lang, "Debiteuren per %s — openstaand %s, waarvan G-rekening %s\n", "Debtors as of %s — open %s, of which G-account %s\n"),
		l.AsOf.Format("02-01-2006"), domain.FormatEuro(l.Open), domain.FormatEuro(l.OpenG))
	fmt.Fprintf(w, "\n  %-40s", trf(lang, "Inlener", "Hirer"))
	for _, b := range debtors.Buckets {
		fmt.Fprintf(w, " %14s", b.Label(lang))
	}
	fmt.Fprintf(w, " %14s  %s\n", trf(lang, "Open", "Open"), trf(lang, "Limiet", "Limit"))
	for _, h := range l.Hirers {
		fmt.Fprintf(w, "  %-40s", truncate(h.Number+" "+h.Name, 40))
		for _, v := range h.Buckets {
			fmt.Fprintf(w, " %14s", dash(v))
		}
		limit := trf(lang, "geen", "none")
		if h.CreditLimit.IsPositive() {
			limit = fmt.Sprintf("%s (%s%%)", domain.FormatEuro(h.CreditLimit), h.LimitUsed)
			if h.OverLimit {
				limit += trf(lang, " OVERSCHREDEN", " EXCEEDED")
			}
		}
		fmt.Fprintf(w, " %14s  %s\n", domain.FormatEuro(h.Open), limit)
	}
	fmt.Fprintf(w, "  %-40s", trf(lang, "Totaal", "Total"))
	for _, v := range l.Buckets {
		fmt.Fprintf(w, " %14s", dash(v))
	}
	fmt.Fprintf(w, " %14s\n", domain.FormatEuro(l.Open))
	if rs := l.Reminders(); len(rs) > 0 {
		fmt.Fprintln(w, trf(lang, "\nAanmaningen", "\nReminders"))
		for _, r := range rs {
			fmt.Fprintf(w, "  %s %s <%s>: %s\n", r.Number, r.Name, r.Email, r.Text.In(lang))
		}
	}
	if len(l.Unallocated) > 0 {
		fmt.Fprintf(w, trf(lang, "\nNiet toegewezen ontvangsten: %s\n", "\nUnallocated receipts: %s\n"), domain.FormatEuro(l.UnallocatedTotal))
		for _, p := range l.Unallocated {
			fmt.Fprintf(w, "  #%d %s %s %s %s %q\n", p.ID, p.BookedOn.Format("02-01-2006"), domain.FormatEuro(p.Amount.Sub(p.Allocated())),
				p.CounterName, domain.MaskIBAN(p.CounterIBAN), truncate(p.Remittance, 60))
		}
	}
}

func dash(v decimal.Decimal) string {
	if v.IsZero() {
		return "–"
	}
	return domain.FormatEuro(v)
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

func init() {
	c := &Command{Name: "payments",
		Usage:   "import FILE --db FILE [--commit] [--json] [--lang nl|en] | add --db FILE --amount 100,00 [--invoice NR] [--date D] [--account regular|g] [--from NAAM] [--note TEXT] | allocate --db FILE --payment ID --invoice NR [--amount B]",
		Summary: "betalingen: bankafschrift (CAMT.053, ING/Rabobank CSV, ABN AMRO TAB) inlezen en op factuurnummer en bedrag toewijzen (--commit boekt), met de hand boeken of toewijzen"}
	c.Run = func(ctx context.Context, env *Env, args []string) error {
		fs := newFlags(env, c)
		dbPath := fs.String("db", "", "administratie (*.verloner)")
		commit := fs.Bool("commit", false, "import: de betalingen boeken (zonder: alleen voorvertoning)")
		asJSON := fs.Bool("json", false, "uitvoer als JSON")
		lang := fs.String("lang", "nl", "taal: nl of en")
		amountText := fs.String("amount", "", "add/allocate: bedrag")
		invoiceNr := fs.String("invoice", "", "add/allocate: factuurnummer")
		dateText := fs.String("date", "", "add: boekdatum (standaard vandaag)")
		account := fs.String("account", "regular", "add: regular (gewone rekening) of g (G-rekening)")
		from := fs.String("from", "", "add: naam van de betaler")
		note := fs.String("note", "", "add: notitie")
		paymentID := fs.Int64("payment", 0, "allocate: betalingsnummer (uit verloner debtors)")
		pos, err := parseInterspersed(fs, args)
		if err != nil {
			return err
		}
		if len(pos) == 0 {
			fs.Usage()
			return &ExitError{Code: 2, Err: fmt.Errorf("kies import, add of allocate")}
		}
		st, err := openExisting(ctx, *dbPath)
		if err != nil {
			return err
		}
		defer st.Close()
		var amount decimal.Decimal
		if *amountText != "" {
			if amount, err = domain.ParseDecimalNL(*amountText); err != nil {
				return &ExitError{Code: 2, Err: fmt.Errorf("--amount %q: %v", *amountText, err)}
			}
		}
		switch pos[0] {
		case "import":
			if len(pos) != 2 {
				fs.Usage()
				return &ExitError{Code: 2, Err: fmt.Errorf("geef één bankafschrift: payments import FILE")}
			}
			return importPayments(ctx, env, st, pos[1], *commit, *asJSON, *lang)
		case "add":
			date, err := parseDateArg("date", *dateText)
			if err != nil {
				return err
			}
			acc := app.PaymentAccount(strings.ToLower(*account))
			if acc != app.AccountRegular && acc != app.AccountG {
				return &ExitError{Code: 2, Err: fmt.Errorf("--account %q: kies regular of g", *account)}
			}
			p, err := debtors.Register(ctx, st, debtors.ManualPayment{Date: date, Amount: amount, Account: acc, Invoice: *invoiceNr,
				CounterName: *from, Note: *note}, debtors.Options{})
			if err != nil {
				return err
			}
			if *asJSON {
				return writeJSON(env.Stdout, p)
			}
			fmt.Fprintf(env.Stdout, trf(*lang, "Betaling #%d van %s geboekt op %s", "Payment #%d of %s booked on %s"), p.ID,
				domain.FormatEuro(p.Amount), p.BookedOn.Format("02-01-2006"))
			for _, a := range p.Allocations {
				fmt.Fprintf(env.Stdout, trf(*lang, "; %s op %s", "; %s to %s"), domain.FormatEuro(a.Amount), a.Number)
			}
			fmt.Fprintln(env.Stdout, ".")
			return nil
		case "allocate":
			if *paymentID == 0 || *invoiceNr == "" {
				return &ExitError{Code: 2, Err: fmt.Errorf("geef --payment en --invoice")}
			}
			if err := debtors.Allocate(ctx, st, *paymentID, *invoiceNr, amount); err != nil {
				return err
			}
			fmt.Fprintf(env.Stdout, trf(*lang, "Betaling #%d toegewezen aan %s.\n", "Payment #%d allocated to %s.\n"), *paymentID, *invoiceNr)
			return nil
		}
		fs.Usage()
		return &ExitError{Code: 2, Err: fmt.Errorf("onbekend: payments %s (import, add of allocate)", pos[0])}
	}
	Register(c)
}

func importPayments(ctx context.Context, env *Env, st app.Store, file string, commit, asJSON bool, lang string) error {
	data, err := os.ReadFile(file)
	if err != nil {
		return domain.Errorf(domain.ENOTFOUND, "bankafschrift %s: %v", file, err)
	}
	imp, err := debtors.Preview(ctx, st, data, filepath.Base(file), debtors.Options{})
	if err != nil {
		return err
	}
	booked := 0
	if commit {
		if booked, err = debtors.Commit(ctx, st, imp, data); err != nil {
			return err
		}
	}
	if asJSON {
		return writeJSON(env.Stdout, struct {
			*debtors.Import
			Committed bool `json:"committed"`
			Booked    int  `json:"booked"`
		}{imp, commit, booked})
	}
	w := env.Stdout
	fmt.Fprintln(w, imp.Summary().In(lang))
	if imp.Previous != nil {
		fmt.Fprintf(w, trf(lang, "  Dit bestand is al ingelezen op %s.\n", "  This file was imported on %s.\n"),
			imp.Previous.ImportedAt.In(amsterdam()).Format("02-01-2006 15:04"))
	}
	for _, m := range imp.Matches {
		if m.Status == debtors.Ignored && !m.Entry.Amount.IsPositive() {
			continue // outgoing payments: not the debtors' business
		}
		acc := ""
		if m.Account == app.AccountG {
			acc = " [G]"
		}
		fmt.Fprintf(w, "  %-10s %s %12s%s %s %s — %s\n", m.Status, m.Entry.BookingDate.Format("02-01-2006"), domain.FormatEuro(m.Entry.Amount),
			acc, truncate(m.Entry.CounterName, 30), m.Entry.CounterIBAN, m.Message.In(lang))
		if m.PaymentID != 0 && m.Status == debtors.Suggested {
			fmt.Fprintf(w, trf(lang, "             bevestig: verloner payments allocate --payment %d --invoice %s\n",
				"             confirm: verloner payments allocate --payment %d --invoice %s\n"), m.PaymentID, m.Suggestion)
		}
	}
	if commit {
		fmt.Fprintf(w, trf(lang, "%d betaling(en) geboekt.\n", "%d payment(s) booked.\n"), booked)
	} else {
		fmt.Fprintln(w, trf(lang, "Voorvertoning: nog niets geboekt. Gebruik --commit om te boeken.", "Preview: nothing booked yet. Use --commit to book."))
	}
	return nil
}
