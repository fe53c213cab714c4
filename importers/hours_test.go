package importers

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"verloner/domain"
)

// line is a compact expectation: worker display, date, type, quantity.
type line struct {
	worker string
	date   string
	typ    domain.HourType
	qty    string
}

func recordsOf(hs *HourSheet) []line {
	var out []line
	for _, r := range hs.Records {
		w := r.Worker.Display()
		if r.Worker.Alias != "" && r.Worker.Ref == "" && r.Worker.Number == "" {
			w = r.Worker.Alias
		}
		out = append(out, line{w, r.Date.Format("2006-01-02"), r.Type, r.Quantity.String()})
	}
	return out
}

func parse(t *testing.T, name string, data []byte, tpl *Template) *HourSheet {
	t.Helper()
	hs, err := ParseHours(context.Background(), data, ParseOptions{File: name, Template: tpl})
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return hs
}

func sameLines(t *testing.T, got, want []line) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %d lines %v, want %d %v", len(got), got, len(want), want)
	}
	for i := range want {
		g, w := got[i], want[i]
		gq, _ := decimal.NewFromString(g.qty)
		wq, _ := decimal.NewFromString(w.qty)
		if g.worker != w.worker || g.date != w.date || g.typ != w.typ || !gq.Equal(wq) {
			t.Errorf("line %d = %v, want %v", i, g, w)
		}
	}
}

func serial(y int, m time.Month, d int) int {
	return int(domain.Date(y, m, d).Sub(domain.Date(1899, 12, 30)).Hours() / 24)
}

func TestParseHours_Layouts(t *testing.T) {
	mon := serial(2026, 11, 16)
	tests := []struct {
		name   string
		file   string
		data   func(t *testing.T) []byte
		tpl    *Template
		layout Layout
		want   []line
	}{
		{"long csv semicolon decimal comma", "uren.csv", func(*testing.T) []byte {
			return []byte("Personeelsnummer;Datum;Uursoort;Aantal\r\n1001;16-11-2026;Normaal;8\r\n1001;16-11-2026;Overuren 150%;1,5\r\n" +
				"BL-4412;17-11-26;OW125;2:30\r\n\r\n;;;\r\n")
		}, nil, LayoutLong, []line{{"1001", "2026-11-16", "NORM", "8"}, {"1001", "2026-11-16", "OW150", "1.5"}, {"BL-4412", "2026-11-17", "OW125", "2.5"}}},
		{"long csv comma quoted BOM ISO english", "hours.csv", func(*testing.T) []byte {
			return []byte("\xef\xbb\xbf\"Employee number\",\"Date\",\"Hour type\",\"Hours\",\"Comment\"\n\"1002\",\"2026-11-18\",\"Regular\",\"7.5\",\"a, b\"\n")
		}, nil, LayoutLong, []line{{"1002", "2026-11-18", "NORM", "7.5"}}},
		{"long csv minutes unit", "easyflex.csv", func(*testing.T) []byte {
			return []byte("registratienummer;datum;looncomponentcode;aantal\n1003;20261119;ORT;120\n")
		}, &Template{Kind: KindHours, Unit: UnitMinutes}, LayoutLong, []line{{"1003", "2026-11-19", "ORT", "2"}}},
		{"shift times over midnight counts to start day", "diensten.csv", func(*testing.T) []byte {
			return []byte("Datum;Personeelsnummer;Begintijd;Eindtijd;Pauze (min)\n16-11-2026;1001;22:00;06:00;30\n17-11-2026;1001;7:00;15:30;0:30\n")
		}, nil, LayoutLong, []line{{"1001", "2026-11-16", "NORM", "7.5"}, {"1001", "2026-11-17", "NORM", "8"}}},
		{"shift over midnight counts to end day by template", "diensten.csv", func(*testing.T) []byte {
			return []byte("Datum;Personeelsnummer;Begintijd;Eindtijd;Pauze\n16-11-2026;1001;22:00;06:00;30\n")
		}, &Template{Kind: KindHours, NightShift: "end"}, LayoutLong, []line{{"1001", "2026-11-17", "NORM", "7.5"}}},
		{"week and weekday columns", "weekdag.csv", func(*testing.T) []byte {
			return []byte("Week;Dag;Persnr;Uren\n2026-W47;ma;1001;8\n2026-W47;zo;1001;4\n")
		}, nil, LayoutLong, []line{{"1001", "2026-11-16", "NORM", "8"}, {"1001", "2026-11-22", "NORM", "4"}}},
		{"wide xlsx with serial dates and money", "breed.xlsx", func(t *testing.T) []byte {
			return makeXLSX(t, sheetSpec{name: "Uren", rows: [][]any{
				{"Personeelsnummer", "Naam", "Datum", "Normaal", "125 %", "150 %", "ORT", "km", "Declaraties"},
				{1001, "Jan de Vries", mon, 8, 1, nil, 2, 34, 12.5},
				{},
				{1002, "Sanne Bakker", mon + 1, "7,5", 0, "0:45", nil, nil, nil},
			}})
		}, nil, LayoutWide, []line{{"1001", "2026-11-16", "NORM", "8"}, {"1001", "2026-11-16", "OW125", "1"},
			{"1001", "2026-11-16", "ORT", "2"}, {"1001", "2026-11-16", "KM", "34"}, {"1001", "2026-11-16", "DECL", "12.5"},
			{"1002", "2026-11-17", "NORM", "7.5"}, {"1002", "2026-11-17", "OW150", "0.75"}}},
		{"week grid with week cell, merged names and continuation rows", "week47.xlsx", func(t *testing.T) []byte {
			return makeXLSX(t, sheetSpec{name: "Week", rows: [][]any{
				{"Urenstaat Brabant Logistiek B.V."},
				{"Week 47", nil, 2026},
				{},
				{"Naam", "Pers.nr", "Uursoort", "Ma", "Di", "Wo", "Do", "Vr", "Za", "Zo", "Totaal"},
				{"Jan de Vries", "BL-4411", "Normaal", 8, 8, 8, 8, 8, nil, nil, 40},
				{nil, nil, "ORT", 2, nil, nil, nil, "1:30", nil, nil, 3.5},
				{"Totaal", nil, nil, 10, 8, 8, 8, 9.5, 0, 0, 43.5},
			}, merges: [][2]string{{"A1", "K1"}, {"A5", "A6"}, {"B5", "B6"}}})
		}, nil, LayoutWeek, []line{{"BL-4411", "2026-11-16", "NORM", "8"}, {"BL-4411", "2026-11-17", "NORM", "8"},
			{"BL-4411", "2026-11-18", "NORM", "8"}, {"BL-4411", "2026-11-19", "NORM", "8"}, {"BL-4411", "2026-11-20", "NORM", "8"},
			{"BL-4411", "2026-11-16", "ORT", "2"}, {"BL-4411", "2026-11-20", "ORT", "1.5"}}},
		{"week grid with dates as headers", "grid.csv", func(*testing.T) []byte {
			return []byte("Medewerker;Personeelsnummer;ma 16-11-2026;di 17-11-2026;wo 18-11-2026\nJan;1001;8;;07:00-15:30\n")
		}, nil, LayoutWeek, []line{{"1001", "2026-11-16", "NORM", "8"}, {"1001", "2026-11-18", "NORM", "8.5"}}},
		{"title rows above header skipped", "titel.xlsx", func(t *testing.T) []byte {
			return makeXLSX(t, sheetSpec{name: "Blad1", rows: [][]any{
				{"Maasvlakte Foodprocessing"}, {"Aangeleverd door: HR"}, {},
				{"BSN", "Datum", "Uursoort", "Uren"},
				{"210000004", "16-11-2026", "Normaal", 8},
			}})
		}, nil, LayoutLong, []line{{"BSN ******004", "2026-11-16", "NORM", "8"}}},
		{"template recoding and header row", "recode.csv", func(*testing.T) []byte {
			return []byte("export 2026\nnr;dag;code;qty\n1001;16-11-2026;X1;8\n1001;16-11-2026;X2;2\n")
		}, &Template{Kind: KindHours, HeaderRow: 2, Recode: map[string]domain.HourType{"X1": "NORM", "x2": "OW125"},
			Columns: []ColumnMap{{Header: "nr", Field: FieldWorkerRef}, {Header: "dag", Field: FieldDate}, {Header: "code", Field: FieldType}, {Column: "D", Field: FieldQuantity}}},
			LayoutLong, []line{{"1001", "2026-11-16", "NORM", "8"}, {"1001", "2026-11-16", "OW125", "2"}}},
		{"csv renamed to xls is read as csv", "oud.xls", func(*testing.T) []byte {
			return []byte("Personeelsnummer;Datum;Uren\n1001;16-11-2026;8\n")
		}, nil, LayoutLong, []line{{"1001", "2026-11-16", "NORM", "8"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hs := parse(t, tt.file, tt.data(t), tt.tpl)
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

func TestParseHours_RowErrorsNameFileSheetRowColumnAndValue(t *testing.T) {
	data := makeXLSX(t, sheetSpec{name: "Uren", rows: [][]any{
		{"Personeelsnummer", "BSN", "Datum", "Uursoort", "Aantal"},
		{1001, nil, "31-02-2026", "Normaal", 8},
		{1001, nil, "16-11-2026", "Koffie", 8},
		{1001, nil, "16-11-2026", "Normaal", "acht"},
		{1001, nil, "16-11-2026", "Normaal", 25},
		{1001, nil, "16-11-2026", "Normaal", -2},
		{nil, nil, "16-11-2026", "Normaal", 8},
		{nil, "123456789", "16-11-2026", "Normaal", 8},
		{1001, nil, "16-11-2026", "Normaal", 8},
	}})
	hs := parse(t, "fout.xlsx", data, nil)
	tests := []struct {
		row    int
		key    string
		column string
		value  string
	}{
		{2, "cell.date", "C", "31-02-2026"},
		{3, "cell.hour_type", "D", "Koffie"},
		{4, "cell.quantity", "E", "acht"},
		{5, "cell.over24", "E", "25"},
		{6, "cell.negative", "E", "-2"},
		{7, "row.no_worker", "", ""},
		{8, "cell.bsn", "B", "******789"},
	}
	byRow := map[int]RowResult{}
	for _, r := range hs.Rows {
		byRow[r.Row] = r
	}
	for _, tt := range tests {
		r := byRow[tt.row]
		if r.Status != StatusError || len(r.Messages) == 0 {
			t.Errorf("row %d: status %s, messages %v; want an error %s", tt.row, r.Status, r.Messages, tt.key)
			continue
		}
		m := r.Messages[0]
		if m.Key != tt.key || m.Column != tt.column || m.Value != tt.value || m.File != "fout.xlsx" || m.Sheet != "Uren" || m.Row != tt.row {
			t.Errorf("row %d: message %+v, want key %s column %s value %q", tt.row, m, tt.key, tt.column, tt.value)
		}
		if m.NL == "" || m.EN == "" || m.NL == m.EN {
			t.Errorf("row %d: texts nl %q en %q", tt.row, m.NL, m.EN)
		}
		if strings.Contains(m.Text("nl"), "123456789") {
			t.Errorf("whole BSN in message %q", m.Text("nl"))
		}
	}
	if got := byRow[9].Status; got != StatusOK {
		t.Errorf("good row 9: status %s", got)
	}
	if len(hs.Records) != 1 {
		t.Errorf("%d records, want only the good row's", len(hs.Records))
	}
	want := "fout.xlsx, blad Uren, rij 2, kolom C (Datum): datum \"31-02-2026\" niet herkend"
	if got := byRow[2].Messages[0].Text("nl"); !strings.HasPrefix(got, want) {
		t.Errorf("text %q, want prefix %q", got, want)
	}
	if got := byRow[2].Messages[0].Text("en"); !strings.HasPrefix(got, "fout.xlsx, sheet Uren, row 2, column C (Datum): date") {
		t.Errorf("english text %q", got)
	}
}

func TestParseHours_VoidMarker(t *testing.T) {
	hs := parse(t, "annuleren.csv", []byte("Personeelsnummer;Datum;Uursoort;Aantal;Geannuleerd\n1001;16-11-2026;Normaal;8;Ja\n1001;17-11-2026;Normaal;8;Nee\n"), nil)
	if len(hs.Records) != 2 || !hs.Records[0].Void || hs.Records[1].Void {
		t.Fatalf("records %+v", hs.Records)
	}
}

func TestParseHours_Windows1252(t *testing.T) {
	data := []byte("Naam;Geboortedatum;Datum;Uren\nChlo\xe9 Dupr\xe9;01-02-1990;16-11-2026;8\n")
	hs := parse(t, "cp1252.csv", data, nil)
	if len(hs.Records) != 1 || hs.Records[0].Worker.Name != "Chloé Dupré" {
		t.Fatalf("records %+v", hs.Records)
	}
	if !hs.Records[0].Worker.BirthDate.Equal(domain.Date(1990, 2, 1)) {
		t.Errorf("birth date %v", hs.Records[0].Worker.BirthDate)
	}
	if len(hs.Notes) == 0 || hs.Notes[0].Key != "file.windows1252" {
		t.Errorf("notes %v, want the Windows-1252 warning", hs.Notes)
	}
}

func TestParseHours_FileErrors(t *testing.T) {
	old := MaxFileSize
	defer func() { MaxFileSize = old }()
	tests := []struct {
		name  string
		file  string
		data  []byte
		limit int64
		key   string
	}{
		{"real xls", "oud.xls", append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 600)...), 0, "file.xls"},
		{"too big", "groot.csv", []byte(strings.Repeat("a;b\n", 100)), 100, "file.too_big"},
		{"empty", "leeg.csv", []byte("  \n"), 0, "file.empty"},
		{"no header", "rommel.csv", []byte("foo;bar\n1;2\n"), 0, "file.no_header"},
		{"broken zip", "kapot.xlsx", []byte("PK\x03\x04garbage"), 0, "file.bad_xlsx"},
		{"not a timecard", "x.xml", []byte("<?xml version=\"1.0\"?><Invoice/>"), 0, "file.not_timecard"},
		{"bad xml", "x.xml", []byte("<TimeCard><ReportedTime>"), 0, "file.bad_xml"},
		{"week missing", "grid.csv", []byte("Naam;Ma;Di;Wo;Do\nJan;8;8;8;8\n"), 0, "file.week_missing"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			MaxFileSize = old
			if tt.limit > 0 {
				MaxFileSize = tt.limit
			}
			hs, err := ParseHours(context.Background(), tt.data, ParseOptions{File: tt.file})
			var fe *FileError
			if errors.As(err, &fe) {
				if fe.Msg.Key != tt.key {
					t.Errorf("key %s (%v), want %s", fe.Msg.Key, err, tt.key)
				}
				return
			}
			// Some problems are per row rather than per file.
			if err == nil {
				for _, r := range hs.Rows {
					for _, m := range r.Messages {
						if m.Key == tt.key {
							return
						}
					}
				}
			}
			t.Errorf("err %v, want %s", err, tt.key)
		})
	}
}

func TestParseHours_Cancel(t *testing.T) {
	var b strings.Builder
	b.WriteString("Personeelsnummer;Datum;Uren\n")
	for i := 0; i < 5000; i++ {
		b.WriteString("1001;16-11-2026;8\n")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := ParseHours(ctx, []byte(b.String()), ParseOptions{File: "x.csv"})
	var fe *FileError
	if !errors.As(err, &fe) || fe.Msg.Key != "file.canceled" {
		t.Fatalf("err %v, want canceled", err)
	}
}

func TestParseHours_FormulaWithoutCachedResultIsAnError(t *testing.T) {
	data := makeXLSX(t, sheetSpec{name: "Uren", rows: [][]any{
		{"Personeelsnummer", "Datum", "Begin", "Eind", "Aantal"},
		{1001, "16-11-2026", 7, 15, formula{"D2-C2"}},
		{1001, "17-11-2026", 7, 15, 8},
	}})
	hs := parse(t, "formule.xlsx", data, nil)
	if len(hs.Rows) != 2 || hs.Rows[0].Status != StatusError || hs.Rows[0].Messages[0].Key != "cell.formula_empty" ||
		hs.Rows[0].Messages[0].Column != "E" || hs.Rows[1].Status != StatusOK {
		t.Fatalf("rows %+v", hs.Rows)
	}
}

func TestParseHours_TimeFormattedQuantityCells(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	durFmt := "[h]:mm"
	style, err := f.NewStyle(&excelize.Style{CustomNumFmt: &durFmt})
	if err != nil {
		t.Fatal(err)
	}
	rows := [][]any{{"Personeelsnummer", "Datum", "Normaal", "km"}, {1001, "16-11-2026", 0.3125, 12}, {1001, "17-11-2026", 0.25, 8}}
	for r, row := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, r+1)
		if err := f.SetSheetRow("Sheet1", cell, &row); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.SetCellStyle("Sheet1", "C2", "C3", style); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	hs := parse(t, "tijd.xlsx", buf.Bytes(), nil)
	sameLines(t, recordsOf(hs), []line{{"1001", "2026-11-16", "NORM", "7.5"}, {"1001", "2026-11-16", "KM", "12"},
		{"1001", "2026-11-17", "NORM", "6"}, {"1001", "2026-11-17", "KM", "8"}})
}

func TestIsTimeFormat(t *testing.T) {
	for code, want := range map[string]bool{"[h]:mm": true, "hh:mm:ss": true, "h:mm AM/PM": true, "[Red][h]:mm": true,
		"dd-mm-yyyy": false, "d-m-yy h:mm": false, "0.00": false, `"uur" 0`: false, "mm:ss": false} {
		if got := isTimeFormat(code); got != want {
			t.Errorf("isTimeFormat(%q) = %v, want %v", code, got, want)
		}
	}
}
