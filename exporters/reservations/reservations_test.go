package reservations_test

import (
	"bytes"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"verloner/domain"
	"verloner/exporters/reservations"
)

var (
	pay   = reservations.Key{Scheme: "vakantiebijslag", Unit: reservations.Money}
	hours = reservations.Key{Scheme: "vakantie_uren", Unit: reservations.Hours}
	feest = reservations.Key{Scheme: "feestdagen", Unit: reservations.Money}
)

func d(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// Written and read back: a row per worker with the columns it needs, hours
// valued at the hourly wage (cents, half up), the totals, and a name that
// looks like a formula stays text.
func TestWriteXLSX_RoundTrip(t *testing.T) {
	s := &reservations.Statement{Agency: "Schoon Uitzendwerk B.V.", At: domain.Date(2026, 12, 31), Rows: []reservations.Row{
		{Number: "1001", Name: "Jan de Vries", Balances: map[reservations.Key]decimal.Decimal{pay: d("412.80"), hours: d("33.54")},
			HourlyWage: d("16.00")},
		{Number: "1002", Name: "=HYPERLINK(\"http://x\")", Balances: map[reservations.Key]decimal.Decimal{pay: d("96.01"), hours: d("3.335")},
			HourlyWage: d("15.37")},
		{Number: "1003", Name: "Ewa Zielińska", Balances: map[reservations.Key]decimal.Decimal{feest: d("20.00")}},
	}}
	if keys := s.Keys(); len(keys) != 3 || keys[0] != pay || keys[1] != hours || keys[2] != feest {
		t.Fatalf("columns %v", keys)
	}
	var buf bytes.Buffer
	if err := reservations.WriteXLSX(&buf, s); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("Reserveringen", excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"Nr", "Naam", "Vakantiegeld (€)", "Vakantie-uren (uur)", "Feestdagen (€)", "Uurloon", "Waarde uren (€)"},
		{"1001", "Jan de Vries", "412.8", "33.54", "", "16", "536.64"},
		// 3,335 h × € 15,37 = € 51,25895 → € 51,26
		{"1002", "=HYPERLINK(\"http://x\")", "96.01", "3.335", "", "15.37", "51.26"},
		{"1003", "Ewa Zielińska", "", "", "20"},
		{"Totaal", "3 uitzendkrachten", "508.81", "36.875", "20", "", "587.9"},
	}
	if len(rows) != len(want)+1 { // the title row above
		t.Fatalf("%d rows: %q", len(rows), rows)
	}
	for i, w := range want {
		got := rows[i+1]
		for len(got) < len(w) {
			got = append(got, "")
		}
		for j := range w {
			if got[j] != w[j] {
				t.Errorf("row %d col %d: %q, want %q", i+2, j+1, got[j], w[j])
			}
		}
	}
	if formula, _ := f.GetCellFormula("Reserveringen", "B4"); formula != "" {
		t.Errorf("a name became a formula: %q", formula)
	}
}
