package importers

import (
	"os"
	"path/filepath"
	"testing"
)

// The testdata/*.xlsx files were saved by LibreOffice Calc from the flat-ODS
// sources in testdata/src (see make_fods.py there): real date and time cells,
// cached formula results, merged cells, totals rows and the 1904 date system.
func TestParseHours_LibreOfficeSheets(t *testing.T) {
	tests := []struct {
		file   string
		layout Layout
		want   []line
	}{
		{"inl01-week48-grid.xlsx", LayoutWeek, []line{
			{"BL-4411", "2026-11-23", "NORM", "8"}, {"BL-4411", "2026-11-24", "NORM", "8"}, {"BL-4411", "2026-11-25", "NORM", "8"},
			{"BL-4411", "2026-11-26", "NORM", "8"}, {"BL-4411", "2026-11-27", "NORM", "8"},
			{"BL-4411", "2026-11-23", "ORT", "2"}, {"BL-4411", "2026-11-24", "ORT", "2"}, {"BL-4411", "2026-11-27", "ORT", "1.5"},
			{"BL-4412", "2026-11-23", "NORM", "7.5"}, {"BL-4412", "2026-11-24", "NORM", "7.5"}, {"BL-4412", "2026-11-25", "NORM", "7.5"},
			{"BL-4412", "2026-11-26", "NORM", "7.5"}, {"BL-4412", "2026-11-27", "NORM", "7.5"},
			{"BL-4412", "2026-11-28", "OW150", "4"},
		}},
		{"inl02-diensten.xlsx", LayoutLong, []line{ // the "Uren" formula's cached results
			{"1005", "2026-11-23", "NORM", "8"}, {"1005", "2026-11-24", "NORM", "8"},
			{"1009", "2026-11-25", "NORM", "7.25"}, {"1009", "2026-11-26", "NORM", "7.25"},
			{"1011", "2026-11-27", "NORM", "8"},
		}},
		{"inl04-breed-1904.xlsx", LayoutWide, []line{ // 1904 dates; the "Totaal uren" column is not read as hours
			{"BSN ******701", "2026-11-23", "NORM", "8"}, {"BSN ******701", "2026-11-23", "OW125", "1"},
			{"BSN ******701", "2026-11-24", "NORM", "8"},
			{"BSN ******977", "2026-11-28", "OW200", "6"}, {"BSN ******977", "2026-11-28", "KM", "42"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			hs := parse(t, tt.file, data, nil)
			for _, r := range hs.Rows {
				if r.Status == StatusError {
					t.Errorf("row %d: %v", r.Row, r.Messages)
				}
			}
			if hs.Layout != tt.layout {
				t.Errorf("layout %s, want %s", hs.Layout, tt.layout)
			}
			sameLines(t, recordsOf(hs), tt.want)
		})
	}
}

func TestParseHours_LibreOfficeShiftTimes(t *testing.T) {
	// Without the "Uren" column the hours come from the time cells (day
	// fractions), the night shift counting to its start day.
	data, err := os.ReadFile(filepath.Join("testdata", "inl02-diensten.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	tpl := &Template{Kind: KindHours, Columns: []ColumnMap{{Header: "Uren", Field: FieldIgnore}}}
	hs := parse(t, "inl02-diensten.xlsx", data, tpl)
	sameLines(t, recordsOf(hs), []line{
		{"1005", "2026-11-23", "NORM", "8"}, {"1005", "2026-11-24", "NORM", "8"},
		{"1009", "2026-11-25", "NORM", "7.25"}, {"1009", "2026-11-26", "NORM", "7.25"},
		{"1011", "2026-11-27", "NORM", "8"},
	})
	night := 0
	for _, r := range hs.Rows {
		for _, m := range r.Messages {
			if m.Key == "row.night_shift" {
				night++
			}
		}
	}
	if night != 2 {
		t.Errorf("%d night-shift notes, want 2", night)
	}
}

func TestParsePlacements_LibreOffice(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "plaatsingen.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	ms, err := ParsePlacements(t.Context(), data, ParseOptions{File: "plaatsingen.xlsx"})
	if err != nil {
		t.Fatal(err)
	}
	if len(ms.Records) != 3 || ms.Counts()[StatusError] != 0 {
		t.Fatalf("%d records, counts %v: %+v", len(ms.Records), ms.Counts(), ms.Rows)
	}
	pl := ms.Records[2].Placement
	if pl == nil || pl.Rate.Decimal.String() != "25.18" || pl.Start.Format("2006-01-02") != "2026-11-23" {
		t.Errorf("placement %+v", pl)
	}
	if w := ms.Records[0].Worker; w.Key.BirthDate.Format("2006-01-02") != "1999-04-03" || w.Key.Prefix != "van" {
		t.Errorf("worker %+v", w)
	}
}
