package wagetax_test

import (
	"encoding/csv"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"verloner/domain"
	"verloner/domain/params"
	"verloner/domain/wagetax"
)

// oracleDir holds the witte maandtabel transcriptions (shared/oracles, see its
// README): one row per € 4,50 table-wage step, nine columns.
const oracleDir = "../../../shared/oracles"

func builtin(t testing.TB, year int) *params.Pack {
	t.Helper()
	s, err := params.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	p, err := s.Year(year)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// readOracle returns the records of a witte maandtabel CSV, header first, and
// skips the test when the shared oracle folder is absent (CI always has it).
func readOracle(t *testing.T, year int) [][]string {
	t.Helper()
	if _, err := os.Stat(oracleDir); errors.Is(err, fs.ErrNotExist) {
		t.Skipf("%s not present", oracleDir)
	}
	f, err := os.Open(filepath.Join(oracleDir, "witte-maandtabel-"+strconv.Itoa(year)+".csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	records, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return records
}

// TestWitteMaandtabel reproduces every row and all nine columns of the official
// monthly white tables 2025 and 2026: for each age group the loonheffing
// without and with loonheffingskorting and the verrekende arbeidskorting,
// computed from the row's table wage (its lower bound) as a monthly wage.
func TestWitteMaandtabel(t *testing.T) {
	groups := []struct {
		aow   params.AOW
		first int // first of the group's three columns
	}{
		{params.AOWNone, 1},
		{params.AOWBorn1945OrEarlier, 4},
		{params.AOWBorn1946OrLater, 7},
	}
	for _, c := range []struct {
		year int
		rows int // stated in shared/domain/nl-payroll-2026.md §11
	}{{2025, 2395}, {2026, 2465}} {
		t.Run(strconv.Itoa(c.year), func(t *testing.T) {
			p := builtin(t, c.year)
			records := readOracle(t, c.year)
			if len(records)-1 != c.rows {
				t.Fatalf("%d rows, want %d", len(records)-1, c.rows)
			}
			failures := 0
			for i, rec := range records[1:] {
				if len(rec) != 10 {
					t.Fatalf("row %d: %d columns", i+2, len(rec))
				}
				wage := dec(rec[0])
				for _, g := range groups {
					res, err := wagetax.Compute(p, wagetax.Input{Period: domain.Monthly, Wage: wage, AOW: g.aow})
					if err != nil {
						t.Fatalf("row %d %s: %v", i+2, g.aow, err)
					}
					got := []decimal.Decimal{res.TaxWithout, res.TaxWith, res.LabourCredit}
					for j, name := range []string{"zonder lhk", "met lhk", "verrekende AK"} {
						want := dec(rec[g.first+j])
						if !got[j].Equal(want) {
							failures++
							if failures <= 20 {
								t.Errorf("%d row %s, %s, %s: got %s want %s (L %s)", c.year, rec[0], g.aow, name, got[j].StringFixed(2), want.StringFixed(2), res.Annual.L)
							}
						}
					}
					if !res.TableWage.Equal(wage) {
						t.Errorf("%d row %s: printed table wage %s", c.year, rec[0], res.TableWage)
					}
				}
			}
			if failures > 0 {
				t.Errorf("%d of %d cells differ", failures, 9*c.rows)
			}
		})
	}
}

// Table generates the whole month table itself: the same rows, at the same
// printed table wages, with the same amounts as the official one.
func TestTableIsTheWitteMaandtabel(t *testing.T) {
	for _, c := range []struct {
		year  int
		aow   params.AOW
		first int
	}{{2026, params.AOWNone, 1}, {2025, params.AOWBorn1945OrEarlier, 4}} {
		records := readOracle(t, c.year)
		rows, err := wagetax.Table(builtin(t, c.year), domain.Monthly, c.aow, false)
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != len(records)-1 {
			t.Fatalf("%d: %d rows, the table has %d", c.year, len(rows), len(records)-1)
		}
		for i, r := range rows {
			rec := records[i+1]
			got := []string{r.TableWage.StringFixed(2), r.WithoutCredit.StringFixed(2), r.WithCredit.StringFixed(2), r.LabourCredit.StringFixed(2)}
			want := []string{rec[0], rec[c.first], rec[c.first+1], rec[c.first+2]}
			if strings.Join(got, ",") != strings.Join(want, ",") {
				t.Fatalf("%d %s row %d: %v, want %v", c.year, c.aow, i+1, got, want)
			}
		}
	}
}
