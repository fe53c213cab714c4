package importing_test

import (
	"context"
	"testing"

	"verloner/app/importing"
)

func TestPlacements_CreateUpdateAndIdempotent(t *testing.T) {
	ctx := context.Background()
	s, db := demoService(t)
	data := []byte("Personeelsnummer;Burgerservicenummer;Naam;Geboortedatum;IBAN;Inlener;Naam inlener;Plaatsingsnummer;Functie;Startdatum;Uurloon;Tarief;Pers.nr inlener\n" +
		"1026;111222333;Eva van Dijk;03-04-1999;NL91ABNA0417164300;INL06;Tilburg Tech B.V.;PL0526;Monteur;23-11-2026;16,10;28,50;TT-7\n" +
		"1001;;;;;INL01;;PL0501;;;16,20;;\n" + // raise of an existing placement
		";;Piet Zonder;;;INL01;;PL0599;;23-11-2026;15;;\n") // new worker without a number: error
	p, err := s.PreviewPlacements(ctx, "plaatsingen.csv", data, importing.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if p.Counts.Error != 1 || p.Created != (importing.Tally{Workers: 1, Hirers: 1, Placements: 1}) || p.Updated.Placements != 1 {
		t.Fatalf("preview %+v created %+v updated %+v %v", p.Counts, p.Created, p.Updated, p.Messages())
	}
	if _, err := s.CommitPlacements(ctx, p, importing.CommitOptions{}); err == nil {
		t.Fatal("committed a list with an error row")
	}
	if _, err := s.CommitPlacements(ctx, p, importing.CommitOptions{SkipErrors: true}); err != nil {
		t.Fatal(err)
	}
	ws, _ := db.Workers(ctx)
	var eva bool
	for _, w := range ws {
		if w.Number == "1026" {
			eva = w.FirstName == "Eva" && w.Prefix == "van" && w.LastName == "Dijk" && w.BSN == "111222333" && w.IBAN == "NL91ABNA0417164300"
		}
	}
	if !eva {
		t.Error("worker 1026 not created with her details")
	}
	ps, _ := db.Placements(ctx)
	for _, pl := range ps {
		if pl.Number == "PL0501" && pl.HourlyWage.String() != "16.2" {
			t.Errorf("PL0501 wage %s, want 16.20", pl.HourlyWage)
		}
		if pl.Number == "PL0599" {
			t.Error("placement of the error row stored")
		}
	}
	// Hours can now be imported through the new alias.
	hp, err := s.PreviewHours(ctx, "tt.csv", []byte("Pers.nr inlener;Datum;Uren\nTT-7;24-11-2026;8\n"), importing.Options{Hirer: "INL06"})
	if err != nil || hp.Counts.Error != 0 || hp.Counts.Lines != 1 || hp.Lines[0].Placement != "PL0526" {
		t.Fatalf("hours via new alias: %+v %v %v", hp, err, hp.Messages())
	}
	// The same list again adds nothing.
	p2, err := s.PreviewPlacements(ctx, "plaatsingen.csv", data, importing.Options{})
	if err != nil || p2.Duplicate == nil {
		t.Fatalf("duplicate not recognised: %v", err)
	}
}
