package cli

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/shopspring/decimal"

	"verloner/domain"
	"verloner/domain/params"
	"verloner/domain/wagetax"
)

func init() {
	c := &Command{Name: "tax",
		Usage:   "--year 2026 --period week|4weeks|month|quarter|day (--wage 588.40 | --wages-from FILE) [--no-credit] [--aow born-1945|born-1946] [--aok] [--params FILE] [--json]",
		Summary: "loonheffing volgens de witte tabel: tabelloon, zonder en met loonheffingskorting, verrekende arbeidskorting"}
	c.Run = func(ctx context.Context, env *Env, args []string) error {
		fs := newFlags(env, c)
		year := fs.Int("year", time.Now().Year(), "belastingjaar")
		periodName := fs.String("period", "", "loontijdvak: week, 4weeks, month, quarter of day")
		wageText := fs.String("wage", "", "tijdvakloon, bijvoorbeeld 588.40 of 588,40")
		wagesFrom := fs.String("wages-from", "", "bestand met één tijdvakloon per regel (- = standaardinvoer); uitvoer CSV")
		noCredit := fs.Bool("no-credit", false, "zonder loonheffingskorting")
		aowName := fs.String("aow", "", "AOW-leeftijd: born-1945 (geboren 1945 of eerder) of born-1946 (1946 of later)")
		aok := fs.Bool("aok", false, "met alleenstaande-ouderenkorting (alleen met --aow)")
		packFile := fs.String("params", "", "extra parameterpakket (JSON), bijvoorbeeld 2027.json")
		asJSON := fs.Bool("json", false, "uitvoer als JSON")
		pos, err := parseInterspersed(fs, args)
		if err != nil {
			return err
		}
		usageErr := func(format string, a ...any) error {
			fs.Usage()
			return &ExitError{Code: 2, Err: fmt.Errorf(format, a...)}
		}
		if len(pos) > 0 {
			return usageErr("onverwacht argument %q", pos[0])
		}
		if (*wageText == "") == (*wagesFrom == "") {
			return usageErr("geef precies één van --wage en --wages-from")
		}
		if *periodName == "" {
			return usageErr("geef het loontijdvak met --period")
		}
		period, err := domain.ParsePeriodKind(*periodName)
		if err != nil {
			return &ExitError{Code: 2, Err: err}
		}
		aow, err := parseAOW(*aowName)
		if err != nil {
			return &ExitError{Code: 2, Err: err}
		}
		if *aok && aow == params.AOWNone {
			return usageErr("--aok (alleenstaande-ouderenkorting) kan alleen met --aow")
		}
		pack, err := taxPack(*year, *packFile)
		if err != nil {
			return err
		}

		if *wagesFrom != "" {
			wages, err := readWages(env, *wagesFrom)
			if err != nil {
				return err
			}
			rows, err := wagetax.TableRows(pack, period, wages, aow, *aok)
			if err != nil {
				return domain.Errorf(domain.ErrorCode(err), "%s: %s", *wagesFrom, domain.ErrorMessage(err))
			}
			if *asJSON {
				out := make([]taxJSON, len(rows))
				for i, r := range rows {
					out[i] = rowJSON(pack.Year(), period, aow, *aok, !*noCredit, r)
				}
				return writeJSON(env.Stdout, out)
			}
			w := csv.NewWriter(env.Stdout)
			_ = w.Write(wagetax.CSVHeader)
			for _, r := range rows {
				_ = w.Write(r.CSV())
			}
			w.Flush()
			return w.Error()
		}

		wage, err := domain.ParseDecimalNL(*wageText)
		if err != nil {
			return &ExitError{Code: 2, Err: fmt.Errorf("--wage: %w", err)}
		}
		row, err := wagetax.TableRow(pack, period, wage, aow, *aok)
		if err != nil {
			return err
		}
		if *asJSON {
			return writeJSON(env.Stdout, rowJSON(pack.Year(), period, aow, *aok, !*noCredit, row))
		}
		applied, which := row.WithCredit, "met loonheffingskorting"
		if *noCredit {
			applied, which = row.WithoutCredit, "zonder loonheffingskorting"
		}
		fmt.Fprintf(env.Stdout, "Loonheffing %d, tijdvak %s, %s\n", pack.Year(), periodLabel(period), aowLabel(aow, *aok))
		tableWage := domain.FormatEuro(row.TableWage)
		if row.AboveTable {
			tableWage = "boven de tabel"
		}
		lines := [][2]string{
			{"Tijdvakloon", domain.FormatEuro(row.Wage)},
			{"Tabelloon", tableWage},
			{"Loonheffing zonder loonheffingskorting", domain.FormatEuro(row.WithoutCredit)},
			{"Loonheffing met loonheffingskorting", domain.FormatEuro(row.WithCredit)},
			{"Verrekende arbeidskorting", domain.FormatEuro(row.LabourCredit)},
			{"In te houden (" + which + ")", domain.FormatEuro(applied)},
		}
		labelW, amountW := 0, 0
		for _, l := range lines {
			labelW = max(labelW, utf8.RuneCountInString(l[0]))
			amountW = max(amountW, utf8.RuneCountInString(l[1]))
		}
		for _, l := range lines { // labels left, amounts right-aligned
			fmt.Fprintf(env.Stdout, "%s%s  %s%s\n", l[0], strings.Repeat(" ", labelW-utf8.RuneCountInString(l[0])),
				strings.Repeat(" ", amountW-utf8.RuneCountInString(l[1])), l[1])
		}
		return nil
	}
	Register(c)
}

// taxJSON is the --json form of one wage.
type taxJSON struct {
	Year          int    `json:"year"`
	Period        string `json:"period"`
	AgeGroup      string `json:"age_group"`
	SingleElderly bool   `json:"single_elderly_credit"`
	Wage          string `json:"wage"`
	TableWage     string `json:"table_wage"`
	AboveTable    bool   `json:"above_table"`
	WithoutCredit string `json:"without_credit"`
	WithCredit    string `json:"with_credit"`
	LabourCredit  string `json:"labour_credit"`
	CreditApplied bool   `json:"credit_applied"`
	Tax           string `json:"tax"`
}

func rowJSON(year int, period domain.PeriodKind, aow params.AOW, aok, credit bool, r wagetax.Row) taxJSON {
	tax := r.WithoutCredit
	if credit {
		tax = r.WithCredit
	}
	return taxJSON{Year: year, Period: string(period), AgeGroup: aow.String(), SingleElderly: aok,
		Wage: r.Wage.StringFixed(2), TableWage: r.TableWage.StringFixed(2), AboveTable: r.AboveTable,
		WithoutCredit: r.WithoutCredit.StringFixed(2), WithCredit: r.WithCredit.StringFixed(2),
		LabourCredit: r.LabourCredit.StringFixed(2), CreditApplied: credit, Tax: tax.StringFixed(2)}
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

func parseAOW(s string) (params.AOW, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "none", "no":
		return params.AOWNone, nil
	case "born-1946", "1946":
		return params.AOWBorn1946OrLater, nil
	case "born-1945", "1945":
		return params.AOWBorn1945OrEarlier, nil
	}
	return params.AOWNone, fmt.Errorf("--aow %q: kies born-1945 (geboren 1945 of eerder) of born-1946 (geboren 1946 of later)", s)
}

func periodLabel(k domain.PeriodKind) string {
	switch k {
	case domain.FourWeek:
		return "4 weken"
	case domain.Monthly:
		return "maand"
	case domain.Quarterly:
		return "kwartaal"
	case domain.Daily:
		return "dag"
	}
	return string(k)
}

func aowLabel(aow params.AOW, aok bool) string {
	label := map[params.AOW]string{
		params.AOWNone:              "onder de AOW-leeftijd",
		params.AOWBorn1946OrLater:   "AOW-leeftijd, geboren 1946 of later",
		params.AOWBorn1945OrEarlier: "AOW-leeftijd, geboren 1945 of eerder",
	}[aow]
	if aok {
		label += ", met alleenstaande-ouderenkorting"
	}
	return label
}

// taxPack returns the pack of a year from the built-in packs and the ones the
// user installed (verloner params install), after adding the pack file given
// with --params.
func taxPack(year int, file string) (*params.Pack, error) {
	set, _, err := loadPacks()
	if err != nil {
		return nil, err
	}
	if file != "" {
		data, err := os.ReadFile(file)
		if err != nil {
			return nil, domain.Errorf(domain.ENOTFOUND, "parameterpakket %s niet te lezen: %v", file, err)
		}
		p, err := params.Load(file, data)
		if err != nil {
			return nil, err
		}
		set.Add(p)
	}
	return set.Year(year)
}

// readWages reads one wage per line; empty lines and lines starting with # are
// skipped, and a first line "wage" is taken as a header.
func readWages(env *Env, name string) ([]decimal.Decimal, error) {
	var r io.Reader = env.Stdin
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return nil, domain.Errorf(domain.ENOTFOUND, "loonbestand %s niet te lezen: %v", name, err)
		}
		defer f.Close()
		r = f
	}
	var wages []decimal.Decimal
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") || (n == 1 && strings.EqualFold(line, "wage")) {
			continue
		}
		w, err := domain.ParseDecimalNL(line)
		if err != nil {
			return nil, domain.Errorf(domain.EINVALID, "%s regel %d: %v", name, n, err)
		}
		wages = append(wages, w)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return wages, nil
}
