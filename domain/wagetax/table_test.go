package wagetax_test

import (
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"verloner/domain"
	"verloner/domain/params"
	"verloner/domain/wagetax"
)

// The CSV rows of `verloner tax --wages-from`: the wage as given and the three
// table columns, two decimals with a point.
func TestTableRowsCSV(t *testing.T) {
	p := builtin(t, 2026)
	wages := []decimal.Decimal{dec("588.40"), dec("844.92"), dec("3000")}
	rows, err := wagetax.TableRows(p, domain.Weekly, wages, params.AOWNone, false)
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	lines = append(lines, strings.Join(wagetax.CSVHeader, ","))
	for _, r := range rows {
		lines = append(lines, strings.Join(r.CSV(), ","))
	}
	want := []string{
		"wage,without_credit,with_credit,labour_credit",
		"588.40,210.12,47.50,103.71",   // §11.3
		"844.92,303.56,152.37,108.71",  // §11.4
		"3000.00,1291.35,1291.35,0.00", // above Lmax: 1.073,46 + 217,89
	}
	if got := strings.Join(lines, "\n"); got != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", got, strings.Join(want, "\n"))
	}
	if !rows[0].TableWage.Equal(dec("587.77")) || rows[0].AboveTable || !rows[2].AboveTable {
		t.Errorf("table wage / above: %+v", rows)
	}
	_, err = wagetax.TableRows(p, domain.Weekly, []decimal.Decimal{dec("100"), dec("-5")}, params.AOWNone, false)
	if err == nil || !strings.HasPrefix(err.Error(), "loon 2 (-5)") {
		t.Errorf("bad second wage: %v", err)
	}
}
