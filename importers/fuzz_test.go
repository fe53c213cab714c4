package importers

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// The fuzzers check one promise: no input makes a parser panic or hang, and
// every failure is a FileError with a catalogued message. In a normal
// `go test` run they execute their seed corpus only; to explore:
//
//	go test -run XXX -fuzz '^FuzzParseXLSX$' -fuzztime 60s -fuzzminimizetime 5s ./importers/
//
// (-fuzzminimizetime matters for the XLSX fuzzer: minimising a new
// interesting zip takes the default 60 s per input and looks like a stall.)

func checkParse(t *testing.T, data []byte, file string, tpl *Template) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	hs, err := ParseHours(ctx, data, ParseOptions{File: file, Template: tpl})
	if err != nil {
		if fileErrKey(err) == "" {
			t.Fatalf("error without a catalogued message: %v", err)
		}
		return
	}
	for _, r := range hs.Rows {
		if r.Status != StatusOK && r.Status != StatusWarning && r.Status != StatusError {
			t.Fatalf("row %d status %q", r.Row, r.Status)
		}
		for _, m := range r.Messages {
			if _, ok := catalogue[m.Key]; !ok {
				t.Fatalf("uncatalogued message key %q", m.Key)
			}
		}
	}
	for _, rec := range hs.Records {
		if !rec.Type.Valid() {
			t.Fatalf("record with invalid type %q", rec.Type)
		}
		if rec.Type.IsHours() && rec.Quantity.GreaterThan(twentyFour) {
			t.Fatalf("record of %s hours slipped through", rec.Quantity)
		}
	}
}

func FuzzParseCSV(f *testing.F) {
	for _, s := range []string{
		"Personeelsnummer;Datum;Uursoort;Aantal\n1001;16-11-2026;Normaal;8\n",
		"\xef\xbb\xbf\"Employee\",\"Date\",\"Hours\"\n\"1\",\"2026-11-16\",\"7.5\"\n",
		"Naam;Ma;Di;Wo;Do;Vr\nweek 47 2026\nJan;8;8;;07:00-15:30;\n",
		"Datum;Persnr;Begintijd;Eindtijd;Pauze\n16-11-2026;1;22:00;06:00;30\n",
		"Week;Dag;Persnr;Uren;Geannuleerd\n2026-W47;ma;1;8;ja\n",
		"BSN;Datum;Uren\n210000004;46342;8\n\"unterminated\n",
		"Chlo\xe9;01-02-1990;16-11-2026;8\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if Sniff(data) != FormatCSV {
			return
		}
		checkParse(t, data, "fuzz.csv", nil)
	})
}

func FuzzParseSETU(f *testing.F) {
	f.Add([]byte(`<TimeCard><ReportedResource><Person><Id idOwner="StaffingCompany"><IdValue>1001</IdValue></Id></Person></ReportedResource>` +
		`<ReportedTime status="corrected"><TimeInterval type="Overtime" actionCode="Change"><Id><IdValue>a</IdValue></Id>` +
		`<StartDateTime>2026-11-16T22:00:00</StartDateTime><EndDateTime>2026-11-17T06:00:00</EndDateTime><RateOrAmount multiplier="125"/></TimeInterval></ReportedTime></TimeCard>`))
	f.Add([]byte(`<Timecard xmlns="https://ontology.setu.nl/messages"><person><id><value>x</value><schemeAgencyId>Supplier</schemeAgencyId></id></person>` +
		`<timeInterval><id><value>1</value></id><typeCode><value>HT100</value></typeCode><period><dateTimePeriod><start>2026-11-16T09:00:00</start></dateTimePeriod></period><timeTotal>8</timeTotal></timeInterval></Timecard>`))
	if dir := setuDirOrEmpty(); dir != "" {
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if data, err := os.ReadFile(filepath.Join(dir, e.Name())); err == nil && strings.HasSuffix(e.Name(), ".xml") {
				f.Add(data)
			}
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if Sniff(data) != FormatSETU {
			return
		}
		checkParse(t, data, "fuzz.xml", nil)
	})
}

func setuDirOrEmpty() string {
	for _, d := range []string{"../../shared/oracles/setu/setu/examples/Timecard", "../shared/oracles/setu/setu/examples/Timecard"} {
		if _, err := os.Stat(d); err == nil {
			return d
		}
	}
	return ""
}

func FuzzParseXLSX(f *testing.F) {
	f.Add(makeXLSX(f, sheetSpec{name: "Uren", rows: [][]any{{"Personeelsnummer", "Datum", "Normaal", "125 %"}, {1001, 46342, 8, 1}}}))
	f.Add(makeXLSX(f, sheetSpec{name: "Week", rows: [][]any{{"Week 47 2026"}, {"Naam", "Ma", "Di", "Wo"}, {"Jan", 8, nil, "7:30"}, {nil, 2}},
		merges: [][2]string{{"A3", "A4"}}}))
	f.Fuzz(func(t *testing.T, data []byte) {
		if Sniff(data) != FormatXLSX {
			return
		}
		checkParse(t, data, "fuzz.xlsx", nil)
	})
}

// memSheet feeds rows to the hour parser as an XLSX sheet would (raw values).
type memSheet struct {
	rows [][]string
	i    int
}

func (m *memSheet) Next() bool    { m.i++; return m.i <= len(m.rows) }
func (m *memSheet) Row() []string { return m.rows[m.i-1] }
func (m *memSheet) RowNum() int   { return m.i }
func (m *memSheet) Err() error    { return nil }
func (m *memSheet) Close() error  { return nil }

// FuzzXLSXRows drives the row mapping — header recognition, layout choice,
// dates, quantities, shifts, merged continuation — with arbitrary cells, as
// excelize would deliver them.
func FuzzXLSXRows(f *testing.F) {
	f.Add("Personeelsnummer\tDatum\tUursoort\tAantal", "1001\t46342\tOW150\t1.5", "\t\t\t")
	f.Add("Naam\tMa\tDi\tWo\tDo", "Jan\t8\t07:00-15:30\t-1", "Week 47")
	f.Add("Datum\tPersnr\tBegintijd\tEindtijd\tPauze", "46342\t1\t0.9166666\t0.25\t0.0208333", "x")
	f.Add("BSN\tWeek\tDag\tNormaal\tkm", "210000004\t2026-W47\tzo\t7,5\t1E300", "")
	f.Fuzz(func(t *testing.T, header, row1, row2 string) {
		rows := [][]string{strings.Split(row2, "\t"), strings.Split(header, "\t"), strings.Split(row1, "\t"), strings.Split(row2, "\t")}
		wb := &workbook{format: FormatXLSX, file: "fuzz.xlsx", sheets: []string{"S"}, raw: true,
			open: func(string) (sheet, error) { return &memSheet{rows: rows}, nil }}
		hs := &HourSheet{File: "fuzz.xlsx", Template: &Template{Kind: KindHours}}
		p := &hourParser{hs: hs, tpl: hs.Template, wb: wb, ctx: context.Background()}
		tm := time.AfterFunc(10*time.Second, func() { panic(fmt.Sprintf("HANG %q %q %q", header, row1, row2)) })
		defer tm.Stop()
		if _, _, err := p.sheet("S"); err != nil && fileErrKey(err) == "" {
			t.Fatalf("uncatalogued error %v", err)
		}
		for _, rec := range hs.Records {
			if !rec.Type.Valid() || (rec.Type.IsHours() && rec.Quantity.GreaterThan(twentyFour)) {
				t.Fatalf("bad record %+v", rec)
			}
		}
	})
}

// FuzzParseOpening: opening-balance lists (CSV and whatever Sniff makes of
// the input) never panic, fail only with catalogued file errors, and every
// record has a worker, periods within 0–53 and amounts in whole cents.
func FuzzParseOpening(f *testing.F) {
	for _, s := range []string{
		"Personeelsnummer;Tijdvakken;Loon LB;Loonheffing;Vakantiegeld;Vakantie-uren\n1001;26;18.450,00;-12,50;1.476,00;64,5\n",
		"Employee number,BSN,Periods,Taxable wage\n,123456782,3,900.5\n",
		"Titel\n\nNaam;Geboortedatum;Netto\nJan;01-02-1990;1e9\n",
		"Persnr;Tijdvakken\n1;54\n2;2.5\n3;-1\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		sh, err := ParseOpening(ctx, data, ParseOptions{File: "fuzz.csv"})
		if err != nil {
			if fileErrKey(err) == "" {
				t.Fatalf("error without a catalogued message: %v", err)
			}
			return
		}
		for _, r := range sh.Rows {
			for _, m := range r.Messages {
				if _, ok := catalogue[m.Key]; !ok {
					t.Fatalf("uncatalogued message key %q", m.Key)
				}
			}
		}
		for _, r := range sh.Records {
			if r.Worker.Empty() || r.Periods < 0 || r.Periods > 53 {
				t.Fatalf("record %+v", r)
			}
			for field, v := range r.Amounts {
				if !v.Equal(v.Round(2)) || (v.IsNegative() && field != FieldOpenWageTax) {
					t.Fatalf("%s = %s", field, v)
				}
			}
		}
	})
}
