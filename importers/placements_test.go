package importers

import (
	"context"
	"strings"
	"testing"
)

func TestParsePlacements_OneSheetAndSeveral(t *testing.T) {
	one := []byte("Personeelsnummer;Burgerservicenummer;Voornaam;Achternaam;Geboortedatum;IBAN;Inlener;Plaatsingsnummer;Functie;Startdatum;Uurloon;Factor\n" +
		"1026;111222333;Eva;Jansen;03-04-1999;NL91ABNA0417164300;INL01;PL0526;Orderpicker;23-11-2026;15,85;1,76\n")
	several := makeXLSX(t,
		sheetSpec{name: "Uitzendkrachten", rows: [][]any{{"Employee number", "BSN", "First name", "Last name", "Date of birth"}, {"1026", "111222333", "Eva", "Jansen", "1999-04-03"}}},
		sheetSpec{name: "Inleners", rows: [][]any{{"Nummer", "Naam", "KvK"}, {"INL06", "Tilburg Tech B.V.", "12345678"}}},
		sheetSpec{name: "Plaatsingen", rows: [][]any{{"Plaatsing", "Sofinummer", "Inlenernummer", "Startdatum", "Hourly wage", "Bill rate"}, {"PL0526", "111222333", "INL06", 46349, 15.85, 27.9}}},
	)
	tests := []struct {
		name, file string
		data       []byte
		records    int
	}{
		{"one sheet", "lijst.csv", one, 1},
		{"several sheets", "stamgegevens.xlsx", several, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ms, err := ParsePlacements(context.Background(), tt.data, ParseOptions{File: tt.file})
			if err != nil {
				t.Fatal(err)
			}
			if c := ms.Counts(); c[StatusError] != 0 || len(ms.Records) != tt.records {
				t.Fatalf("counts %v, %d records: %+v %+v", c, len(ms.Records), ms.Records, ms.Rows)
			}
			last := ms.Records[len(ms.Records)-1]
			if last.Placement == nil || last.Placement.Number != "PL0526" || last.Placement.Wage.Decimal.String() != "15.85" ||
				last.Placement.Rate.Decimal.String() != "27.9" || last.Placement.Start.Format("2006-01-02") != "2026-11-23" {
				t.Errorf("placement %+v", last.Placement)
			}
			if last.Worker == nil || last.Worker.Key.BSN != "111222333" {
				t.Errorf("worker %+v", last.Worker)
			}
		})
	}
}

func TestParsePlacements_InvalidBSNAndIBANAreMaskedErrors(t *testing.T) {
	data := []byte("Personeelsnummer;BSN;Achternaam;IBAN\n1027;123456789;Smit;NL91ABNA0417164301\n")
	ms, err := ParsePlacements(context.Background(), data, ParseOptions{File: "fout.csv"})
	if err != nil {
		t.Fatal(err)
	}
	if len(ms.Rows) != 1 || ms.Rows[0].Status != StatusError || len(ms.Rows[0].Messages) != 2 {
		t.Fatalf("rows %+v", ms.Rows)
	}
	for _, m := range ms.Rows[0].Messages {
		txt := m.Text("nl") + m.Text("en")
		if strings.Contains(txt, "123456789") || strings.Contains(txt, "0417164301") {
			t.Errorf("unmasked identifier in %q", txt)
		}
	}
}
