package cli

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	"verloner/app"
	"verloner/app/invoicing"
	"verloner/domain"
	"verloner/domain/invoice"
	"verloner/exporters/invoicexlsx"
)

// trf picks the Dutch or English format string.
func trf(lang, nl, en string) string {
	if lang == "en" {
		return en
	}
	return nl
}

func parseGrouping(s string) (invoice.Grouping, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "hirer", "inlener":
		return invoice.PerHirer, nil
	case "costcentre", "costcenter", "kostenplaats":
		return invoice.PerCostCentre, nil
	case "placement", "plaatsing":
		return invoice.PerPlacement, nil
	}
	return 0, &ExitError{Code: 2, Err: fmt.Errorf("--group %q: kies hirer, costcentre of placement", s)}
}

// hirerIDs turns "INL01,INL03" into hirer IDs.
func hirerIDs(ctx context.Context, st app.Store, list string) ([]int64, error) {
	if strings.TrimSpace(list) == "" {
		return nil, nil
	}
	var out []int64
	for _, nr := range strings.Split(list, ",") {
		ids, err := lookupIDs(ctx, st, "", strings.TrimSpace(nr), "")
		if err != nil {
			return nil, err
		}
		out = append(out, ids.hirer)
	}
	return out, nil
}

// draftJSON is the --json form of a draft or an issued document.
type draftJSON struct {
	Number    string                 `json:"number,omitempty"`
	Type      string                 `json:"type"`
	Hirer     string                 `json:"hirer"`
	Name      string                 `json:"name"`
	Reference string                 `json:"reference,omitempty"`
	Date      string                 `json:"date,omitempty"`
	DueDate   string                 `json:"due_date,omitempty"`
	Lines     int                    `json:"lines"`
	Hours     int                    `json:"hours"`
	Net       decimal.Decimal        `json:"net"`
	VAT       decimal.Decimal        `json:"vat"`
	Payable   decimal.Decimal        `json:"payable"`
	GAmount   decimal.Decimal        `json:"g_amount"`
	Regular   decimal.Decimal        `json:"regular_amount"`
	Reverse   bool                   `json:"reverse_charge"`
	Credit    *invoicing.CreditCheck `json:"credit,omitempty"`
	Corrects  string                 `json:"corrects,omitempty"`
}

func docJSON(inv *invoice.Invoice, hours int) draftJSON {
	j := draftJSON{Number: inv.Number, Type: "invoice", Hirer: inv.Customer.Number, Name: inv.Customer.Name, Reference: inv.BuyerReference,
		Lines: len(inv.Lines), Hours: hours, Net: inv.NetTotal, VAT: inv.VATTotal, Payable: inv.Payable, GAmount: inv.GAmount,
		Regular: inv.RegularAmount, Reverse: inv.ReverseCharge, Corrects: inv.BillingReference}
	if inv.IsCredit() {
		j.Type = "credit_note"
	}
	if !inv.IssueDate.IsZero() {
		j.Date = inv.IssueDate.Format("2006-01-02")
	}
	if !inv.DueDate.IsZero() {
		j.DueDate = inv.DueDate.Format("2006-01-02")
	}
	return j
}

func printDoc(w io.Writer, inv *invoice.Invoice, hours int, lang string) {
	what := trf(lang, "Concept", "Draft")
	if inv.Number != "" {
		what = trf(lang, "Factuur ", "Invoice ") + inv.Number
		if inv.IsCredit() {
			what = trf(lang, "Creditnota ", "Credit note ") + inv.Number + trf(lang, " op ", " on ") + inv.BillingReference
		}
	}
	ref := ""
	if inv.BuyerReference != "" && inv.BuyerReference != inv.Customer.Number {
		ref = " (" + inv.BuyerReference + ")"
	}
	fmt.Fprintf(w, "  %-34s %s %s%s\n", what, inv.Customer.Number, inv.Customer.Name, ref)
	vat := fmt.Sprintf(trf(lang, "btw %s", "VAT %s"), domain.FormatEuro(inv.VATTotal))
	if inv.ReverseCharge {
		vat = trf(lang, "btw verlegd", "VAT reverse-charged")
	}
	fmt.Fprintf(w, trf(lang, "      %d regels, %d urenregels; excl. btw %s, %s, totaal %s", "      %d lines, %d hour lines; net %s, %s, total %s")+"\n",
		len(inv.Lines), hours, domain.FormatEuro(inv.NetTotal), vat, domain.FormatEuro(inv.Payable))
	if inv.HasGShare() {
		fmt.Fprintf(w, trf(lang, "      G-rekening %s (%s %%), overig %s", "      G-account %s (%s %%), regular %s")+"\n",
			domain.FormatEuro(inv.GAmount), inv.GSharePercent, domain.FormatEuro(inv.RegularAmount))
	}
}

func init() {
	c := &Command{Name: "invoice", Usage: "--db FILE --period 2026-W47 [--issue] [--out DIR] [--group hirer|costcentre|placement] [--hirer INL01,…] [--date 2026-11-23] [--json] [--lang nl|en]",
		Summary: "facturen van een periode uit goedgekeurde uren: concepten tonen, met --issue uitreiken (nummeren) en PDF, XLSX en UBL schrijven; exit 2 als een inlener niet gefactureerd kan worden"}
	c.Run = func(ctx context.Context, env *Env, args []string) error {
		fs := newFlags(env, c)
		dbPath := fs.String("db", "", "administratie (*.verloner)")
		periodText := fs.String("period", "", "periode, bijvoorbeeld 2026-W47 (standaard: de periode van de laatste uren)")
		issue := fs.Bool("issue", false, "concepten uitreiken: nummeren en definitief opslaan")
		outDir := fs.String("out", "", "map voor PDF, XLSX en UBL per factuur (zonder --issue: het conceptoverzicht)")
		group := fs.String("group", "hirer", "een factuur per hirer (inlener), costcentre (kostenplaats) of placement (plaatsing)")
		hirers := fs.String("hirer", "", "alleen deze inleners (nummers, komma-gescheiden)")
		dateText := fs.String("date", "", "factuurdatum (standaard vandaag)")
		asJSON := fs.Bool("json", false, "uitvoer als JSON")
		lang := fs.String("lang", "nl", "taal: nl of en")
		pos, err := parseInterspersed(fs, args)
		if err != nil {
			return err
		}
		if len(pos) > 0 {
			fs.Usage()
			return &ExitError{Code: 2, Err: fmt.Errorf("onverwacht argument %q", pos[0])}
		}
		grouping, err := parseGrouping(*group)
		if err != nil {
			return err
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
		period, err := periodOrLatest(ctx, st, *periodText)
		if err != nil {
			return err
		}
		ids, err := hirerIDs(ctx, st, *hirers)
		if err != nil {
			return err
		}
		opt := invoicing.Options{Grouping: grouping, IssueDate: date, Hirers: ids}
		set, err := invoicing.Drafts(ctx, st, period, opt)
		if err != nil {
			return err
		}
		out := env.Stdout
		if *asJSON {
			out = io.Discard
		}
		var problemErr error
		if len(set.Problems) > 0 {
			hirersWith := map[int64]bool{}
			for _, p := range set.Problems {
				hirersWith[p.HirerID] = true
			}
			problemErr = &ExitError{Code: 2, Err: fmt.Errorf(trf(*lang, "%d inlener(s) niet (geheel) gefactureerd in %s", "%d hirer(s) not (fully) invoiced in %s"), len(hirersWith), period)}
		}
		report := struct {
			Period     string              `json:"period"`
			Drafts     []draftJSON         `json:"drafts,omitempty"`
			Issued     []draftJSON         `json:"issued,omitempty"`
			Problems   []invoicing.Problem `json:"problems,omitempty"`
			Unapproved int                 `json:"unapproved_hour_lines"`
			Invoiced   int                 `json:"already_invoiced_hour_lines"`
			Files      []string            `json:"files,omitempty"`
		}{Period: period.String(), Problems: set.Problems, Unapproved: set.UnapprovedTotal(), Invoiced: set.Invoiced}

		fmt.Fprintf(out, trf(*lang, "Facturen %s — %d concept(en), totaal %s\n", "Invoices %s — %d draft(s), total %s\n"),
			period, len(set.Drafts), domain.FormatEuro(set.Payable))
		for _, p := range set.Problems {
			fmt.Fprintf(out, "  [!] %s: %s\n", p.Hirer, p.Message.In(*lang))
		}
		if n := set.UnapprovedTotal(); n > 0 {
			fmt.Fprintf(out, trf(*lang, "  %d urenregel(s) zijn nog niet goedgekeurd en staan op geen factuur.\n",
				"  %d hour line(s) are not approved yet and are on no invoice.\n"), n)
		}
		if set.Invoiced > 0 {
			fmt.Fprintf(out, trf(*lang, "  %d urenregel(s) zijn al gefactureerd.\n", "  %d hour line(s) are invoiced already.\n"), set.Invoiced)
		}
		if !*issue {
			for _, d := range set.Drafts {
				printDoc(out, d.Invoice, len(d.Hours), *lang)
				if d.Credit.Warning != nil {
					fmt.Fprintf(out, "      [!] %s\n", d.Credit.Warning.In(*lang))
				}
				j := docJSON(d.Invoice, len(d.Hours))
				cc := d.Credit
				j.Credit = &cc
				report.Drafts = append(report.Drafts, j)
			}
			if *outDir != "" && len(set.Drafts) > 0 {
				p, err := writeDraftOverview(*outDir, period, set)
				if err != nil {
					return err
				}
				report.Files = append(report.Files, p)
				fmt.Fprintln(out, p)
			}
			if len(set.Drafts) > 0 {
				fmt.Fprintln(out, trf(*lang, "Nog niets uitgereikt: gebruik --issue om te nummeren en op te slaan.", "Nothing issued yet: use --issue to number and store."))
			}
			if *asJSON {
				if err := writeJSON(env.Stdout, report); err != nil {
					return err
				}
			}
			return problemErr
		}
		if len(set.Drafts) == 0 {
			if *asJSON {
				if err := writeJSON(env.Stdout, report); err != nil {
					return err
				}
			}
			if problemErr != nil {
				return problemErr
			}
			return domain.Errorf(domain.EINVALID, trf(*lang, "Geen concepten om uit te reiken in %s.", "No drafts to issue in %s."), period)
		}
		docs, err := invoicing.Issue(ctx, st, set.Drafts, opt)
		if err != nil {
			return err
		}
		for _, d := range docs {
			printDoc(out, d.Invoice, len(d.Hours), *lang)
			report.Issued = append(report.Issued, docJSON(d.Invoice, len(d.Hours)))
		}
		fmt.Fprintf(out, trf(*lang, "%d document(en) uitgereikt: %s t/m %s.\n", "%d document(s) issued: %s to %s.\n"),
			len(docs), docs[0].Invoice.Number, docs[len(docs)-1].Invoice.Number)
		if *outDir != "" {
			files, err := invoicing.Export(ctx, st, docs, *outDir, invoicing.ExportOptions{Overview: "facturen-" + period.String()})
			if err != nil {
				return err
			}
			report.Files = files
			for _, f := range files {
				fmt.Fprintln(out, f)
			}
		}
		if *asJSON {
			if err := writeJSON(env.Stdout, report); err != nil {
				return err
			}
		}
		return problemErr
	}
	Register(c)
}

// writeDraftOverview writes the drafts as an XLSX list ("concepten-2026-W47.xlsx").
func writeDraftOverview(dir string, period domain.Period, set *invoicing.DraftSet) (string, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("exportmap %s: %w", dir, err)
	}
	invs := make([]*invoice.Invoice, len(set.Drafts))
	for i, d := range set.Drafts {
		invs[i] = d.Invoice
	}
	var buf bytes.Buffer
	if err := invoicexlsx.WriteOverview(&buf, invs, "Concepten "+period.String()+" (niet uitgereikt)"); err != nil {
		return "", err
	}
	p := filepath.Join(dir, "concepten-"+period.String()+".xlsx")
	if err := os.WriteFile(p, buf.Bytes(), 0o600); err != nil {
		return "", fmt.Errorf("export %s: %w", p, err)
	}
	return p, nil
}

// lineFlags collects repeated --line N or --line N:QTY.
type lineFlags []invoicing.CreditLine

func (l *lineFlags) String() string { return fmt.Sprint(*l) }

func (l *lineFlags) Set(s string) error {
	n, q, hasQty := strings.Cut(s, ":")
	i, err := strconv.Atoi(strings.TrimSpace(n))
	if err != nil || i < 1 {
		return fmt.Errorf("regel %q: verwacht een regelnummer, eventueel met :aantal (3 of 3:7,5)", s)
	}
	cl := invoicing.CreditLine{Line: i}
	if hasQty {
		d, err := domain.ParseDecimalNL(q)
		if err != nil || !d.IsPositive() {
			return fmt.Errorf("regel %q: aantal %q onleesbaar", s, q)
		}
		cl.Quantity = d
	}
	*l = append(*l, cl)
	return nil
}

func init() {
	c := &Command{Name: "credit", Usage: "--db FILE --invoice 2026-000003 [--reason TEXT] [--line N[:AANTAL]]… [--date 2026-11-30] [--out DIR] [--json] [--lang nl|en]",
		Summary: "creditnota op een uitgereikte factuur, helemaal of per regel; volledig gecrediteerde uren kunnen opnieuw gefactureerd worden"}
	c.Run = func(ctx context.Context, env *Env, args []string) error {
		fs := newFlags(env, c)
		dbPath := fs.String("db", "", "administratie (*.verloner)")
		number := fs.String("invoice", "", "nummer van de factuur die gecorrigeerd wordt")
		reason := fs.String("reason", "", "reden (komt op de creditnota)")
		var lines lineFlags
		fs.Var(&lines, "line", "alleen deze regel crediteren, eventueel een deel: 3 of 3:7,5 (herhaalbaar)")
		dateText := fs.String("date", "", "datum van de creditnota (standaard vandaag)")
		outDir := fs.String("out", "", "map voor PDF, XLSX en UBL van de creditnota")
		asJSON := fs.Bool("json", false, "uitvoer als JSON")
		lang := fs.String("lang", "nl", "taal: nl of en")
		pos, err := parseInterspersed(fs, args)
		if err != nil {
			return err
		}
		if len(pos) > 0 || *number == "" {
			fs.Usage()
			return &ExitError{Code: 2, Err: fmt.Errorf("geef het factuurnummer met --invoice")}
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
		var chosen []invoicing.CreditLine
		if len(lines) > 0 {
			chosen = lines
		}
		doc, err := invoicing.Credit(ctx, st, strings.TrimSpace(*number), chosen, *reason, invoicing.Options{IssueDate: date})
		if err != nil {
			return err
		}
		out := env.Stdout
		if *asJSON {
			out = io.Discard
		}
		printDoc(out, doc.Invoice, len(doc.Hours), *lang)
		if len(doc.Hours) > 0 {
			fmt.Fprintf(out, trf(*lang, "  %d urenregel(s) vrijgegeven: ze kunnen opnieuw gefactureerd worden.\n",
				"  %d hour line(s) released: they can be invoiced again.\n"), len(doc.Hours))
		}
		report := struct {
			Credit draftJSON `json:"credit_note"`
			Files  []string  `json:"files,omitempty"`
		}{Credit: docJSON(doc.Invoice, len(doc.Hours))}
		if *outDir != "" {
			files, err := invoicing.Export(ctx, st, []*app.InvoiceDoc{doc}, *outDir, invoicing.ExportOptions{})
			if err != nil {
				return err
			}
			report.Files = files
			for _, f := range files {
				fmt.Fprintln(out, f)
			}
		}
		if *asJSON {
			return writeJSON(env.Stdout, report)
		}
		return nil
	}
	Register(c)
}
