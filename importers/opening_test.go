package importers

import (
	"context"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// An opening-balance list in the layouts the previous payroll packages export:
// Dutch or English headers, decimal comma or Excel numbers, a title above the
// header and a total row under it. Every value lands in its field; a bad cell
// is reported on its row and column, and the row is left out.
func TestParseOpening(t *testing.T) {
	csv := "Beginsaldi per 1-7-2026\n" +
		"Personeelsnummer;Naam;Tijdvakken;Loon LB;Loon BB;Loonheffing;Bruto;Netto;Vakantiegeld;Vakantie-uren;Feestdagen\n" +
		"1001;Jan de Vries;26;18.450,00;1.200,00;1.234,56;19.900,00;16.012,40;1.476,00;64,5;0\n" +
		"1002;Bakker;26;12.000,00;;-12,50;;;980,10;;\n" +
		";;1;100;;;;;;;\n" +
		"1004;Te veel;54;1,234;;;;;;;\n" +
		"1005;Niets;;;;;;;;;\n" +
		"Totaal;;;30.450,00;;;;;;;\n"
	xlsx := makeXLSX(t, sheetSpec{name: "Saldi", rows: [][]any{
		{"Employee number", "BSN", "Periods", "Taxable wage", "Wage tax", "Holiday pay", "Holiday hours"},
		{1001, nil, 26, 18450, 1234.56, 1476, 64.5},
		{nil, "123456782", 3, 900.5, 0, 12.25, nil},
	}})
	for _, c := range []struct {
		name, file string
		data       []byte
		want       []string // per record: worker, periods, then field=value for the fields given
		errors     map[int]string
	}{
		{"csv", "saldi.csv", []byte(csv), []string{
			"1001 26 open:gross=19900 open:holiday_hours=64.5 open:holiday_pay=1476 open:net=16012.4 open:special_wage=1200 open:table_wage=18450 open:wage_tax=1234.56",
			"1002 26 open:holiday_pay=980.1 open:table_wage=12000 open:wage_tax=-12.5",
		}, map[int]string{5: "row.no_worker", 6: "cell.periods cell.cents"}},
		{"xlsx", "saldi.xlsx", xlsx, []string{
			"1001 26 open:holiday_hours=64.5 open:holiday_pay=1476 open:table_wage=18450 open:wage_tax=1234.56",
			"bsn:123456782 3 open:holiday_pay=12.25 open:table_wage=900.5",
		}, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			sh, err := ParseOpening(context.Background(), c.data, ParseOptions{File: c.file})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, r := range sh.Records {
				who := r.Worker.Ref + r.Worker.Number
				if who == "" {
					who = "bsn:" + r.Worker.BSN
				}
				parts := []string{who, strconv.Itoa(r.Periods)}
				var fields []string
				for f, v := range r.Amounts {
					fields = append(fields, string(f)+"="+v.String())
				}
				sort.Strings(fields)
				got = append(got, strings.Join(append(parts, fields...), " "))
			}
			if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
				t.Errorf("records\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(c.want, "\n"))
			}
			errs := map[int]string{}
			for _, r := range sh.Rows {
				for _, m := range r.Messages {
					if m.Severity == StatusError {
						errs[r.Row] = strings.TrimSpace(errs[r.Row] + " " + m.Key)
						if m.Key == "cell.periods" && (m.Column != "C" || m.Header != "Tijdvakken") {
							t.Errorf("periods message not located: %+v", m)
						}
					}
				}
			}
			if len(errs) != len(c.errors) {
				t.Errorf("errors %v, want %v", errs, c.errors)
			}
			for row, key := range c.errors {
				if errs[row] != key {
					t.Errorf("row %d: %q, want %q", row, errs[row], key)
				}
			}
		})
	}
	// An hour sheet is not an opening-balance list.
	if _, err := ParseOpening(context.Background(), []byte("Personeelsnummer;Datum;Uren\n1001;16-11-2026;8\n"), ParseOptions{File: "uren.csv"}); fileErrKey(err) != "file.no_opening" {
		t.Errorf("hour sheet: %v", err)
	}
}
