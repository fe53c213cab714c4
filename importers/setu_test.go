package importers

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"verloner/domain"
)

// setuDir is the SETU examples folder of shared/ (reference data, not shipped).
func setuDir(tb testing.TB) string {
	tb.Helper()
	for _, d := range []string{"../../shared/oracles/setu/setu/examples/Timecard", "../shared/oracles/setu/setu/examples/Timecard"} {
		if _, err := os.Stat(d); err == nil {
			return d
		}
	}
	tb.Skip("shared/oracles/setu not present")
	return ""
}

func readSETU(tb testing.TB, name string) []byte {
	data, err := os.ReadFile(filepath.Join(setuDir(tb), name))
	if err != nil {
		tb.Fatal(err)
	}
	return data
}

func TestParseSETU_Examples(t *testing.T) {
	type rec struct {
		date   string
		typ    domain.HourType
		qty    string
		action string
		key    string
	}
	tests := []struct {
		file      string
		tpl       *Template
		corrected bool
		alias     string
		hirer     string
		placement string
		want      []rec
		warnings  int
	}{
		{"TimecardExample_v1.4.xml", nil, false, "23456", "223445", "1234/1234561", []rec{
			{"2017-08-07", "NORM", "8", "Add", "TC00123456-1"},
			{"2017-08-07", "OW150", "2", "Add", "TC00123456-2"},
			{"2017-08-08", "NORM", "8", "Add", "TC00123456-3"},
			{"2017-08-10", "ORT", "8", "Add", "TC00123456-4"}, // night shift, dayAssignment = end day
			{"2017-08-11", "ORT", "8", "Add", "TC00123456-5"},
		}, 1},
		{"TimecardExample_v1.4.xml", &Template{Kind: KindHours, Recode: map[string]domain.HourType{"102B": "DECL"}}, false, "23456", "223445", "1234/1234561", []rec{
			{"2017-08-07", "NORM", "8", "Add", "TC00123456-1"},
			{"2017-08-07", "OW150", "2", "Add", "TC00123456-2"},
			{"2017-08-08", "NORM", "8", "Add", "TC00123456-3"},
			{"2017-08-10", "ORT", "8", "Add", "TC00123456-4"},
			{"2017-08-11", "ORT", "8", "Add", "TC00123456-5"},
			{"2017-08-07", "DECL", "14", "Add", "TC00123456-6"}, // 4 × 3.50
		}, 0},
		{"TimecardExample_v1.3_CorrectionTimecard.xml", nil, true, "23456", "223445", "1234/1234561", []rec{
			{"2013-10-26", "NORM", "8", "Unchanged", "TC00123456-1"},
			{"2013-10-26", "OW150", "1", "Change", "TC00123456-2"},
			{"2013-10-30", "ORT", "4", "Void", "TC00123456-3"},
		}, 2},
		{"TimecardExample_v2.0.xml", &Template{Kind: KindHours, Hirer: "INL01"}, false, "0bef87e0a7b", "INL01", "12fe386fe7c", []rec{
			{"2024-10-23", "NORM", "8", "Add", "8ae7c9583e3"},
		}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			hs := parse(t, tt.file, readSETU(t, tt.file), tt.tpl)
			if hs.Format != FormatSETU || hs.Corrected != tt.corrected {
				t.Errorf("format %s corrected %v", hs.Format, hs.Corrected)
			}
			if len(hs.Records) != len(tt.want) {
				t.Fatalf("%d records, want %d: %+v", len(hs.Records), len(tt.want), hs.Records)
			}
			for i, w := range tt.want {
				r := hs.Records[i]
				got := rec{r.Date.Format("2006-01-02"), r.Type, r.Quantity.String(), r.Action, r.Key}
				if got != w {
					t.Errorf("record %d = %+v, want %+v", i, got, w)
				}
				if r.Worker.Alias != tt.alias || r.Hirer != tt.hirer || r.Placement != tt.placement {
					t.Errorf("record %d: alias %q hirer %q placement %q", i, r.Worker.Alias, r.Hirer, r.Placement)
				}
			}
			warnings := hs.Counts()[StatusWarning]
			if warnings != tt.warnings {
				t.Errorf("%d warnings, want %d (allowances without recoding)", warnings, tt.warnings)
			}
		})
	}
}

func TestParseSETU_CustomCodesNeedRecoding(t *testing.T) {
	data := readSETU(t, "TimecardExample_v1.2_three.xml")
	hs := parse(t, "three.xml", data, nil)
	if c := hs.Counts(); c[StatusError] != 4 || len(hs.Records) != 0 {
		t.Fatalf("counts %v, records %d; want 4 errors for unknown type 600889/600932", c, len(hs.Records))
	}
	hs = parse(t, "three.xml", data, &Template{Kind: KindHours, Recode: map[string]domain.HourType{"600889": "NORM", "600932": "OW125"}})
	if len(hs.Records) != 4 || hs.Records[0].Worker.Number != "OOS0001252" || hs.Records[3].Type != "OW125" {
		t.Fatalf("records %+v", hs.Records)
	}
}

func TestParseSETU_AllExamplesParse(t *testing.T) {
	entries, err := os.ReadDir(setuDir(t))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if filepath.Ext(e.Name()) != ".xml" {
			continue
		}
		data := readSETU(t, e.Name())
		if _, err := ParseHours(context.Background(), data, ParseOptions{File: e.Name()}); err != nil {
			t.Errorf("%s: %v", e.Name(), err)
		}
	}
}
