package importing_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"verloner/app/importing"
)

// The hirers' sheets saved by LibreOffice (importers/testdata) go through the
// whole preview against the demo administration without an error.
func TestLibreOfficeSheets_MatchDemo(t *testing.T) {
	tests := []struct {
		file   string
		hirer  string
		lines  int
		warn   int
		places map[string]int // lines per placement
	}{
		{"inl01-week48-grid.xlsx", "INL01", 14, 0, map[string]int{"PL0501": 8, "PL0502": 6}},
		{"inl02-diensten.xlsx", "", 5, 0, map[string]int{"PL0505": 2, "PL0509": 2, "PL0511": 1}},
		{"inl04-breed-1904.xlsx", "INL04", 5, 0, map[string]int{"PL0504": 3, "PL0508": 2}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			s, _ := demoService(t)
			data, err := os.ReadFile(filepath.Join("..", "..", "importers", "testdata", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			p, err := s.PreviewHours(context.Background(), tt.file, data, importing.Options{Hirer: tt.hirer})
			if err != nil {
				t.Fatal(err)
			}
			if p.Counts.Error != 0 || p.Counts.Warning != tt.warn || p.Counts.Lines != tt.lines {
				t.Fatalf("counts %+v: %v", p.Counts, p.Messages())
			}
			got := map[string]int{}
			for _, l := range p.Lines {
				got[l.Placement]++
			}
			for pl, n := range tt.places {
				if got[pl] != n {
					t.Errorf("%s: %d lines, want %d (%v)", pl, got[pl], n, got)
				}
			}
			if _, err := s.CommitHours(context.Background(), p, importing.CommitOptions{}); err != nil {
				t.Fatal(err)
			}
		})
	}
	t.Run("plaatsingen.xlsx", func(t *testing.T) {
		s, _ := demoService(t)
		data, err := os.ReadFile(filepath.Join("..", "..", "importers", "testdata", "plaatsingen.xlsx"))
		if err != nil {
			t.Fatal(err)
		}
		p, err := s.PreviewPlacements(context.Background(), "plaatsingen.xlsx", data, importing.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if p.Counts.Error != 0 || p.Created != (importing.Tally{Workers: 1, Placements: 1}) || p.Updated != (importing.Tally{}) {
			t.Fatalf("counts %+v created %+v updated %+v: %v", p.Counts, p.Created, p.Updated, p.Messages())
		}
		if _, err := s.CommitPlacements(context.Background(), p, importing.CommitOptions{}); err != nil {
			t.Fatal(err)
		}
	})
}
