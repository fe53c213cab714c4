package importing_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"verloner/app/demo"
	"verloner/app/importing"
	"verloner/app/sqlite"
	"verloner/domain"
	"verloner/importers"
)

func demoService(t testing.TB) (*importing.Service, *sqlite.DB) {
	t.Helper()
	db, err := demo.Create(context.Background(), filepath.Join(t.TempDir(), "demo"+sqlite.Ext))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return importing.New(db), db
}

// weekGrid is INL01's own layout: their personnel numbers, a week cell, days as columns.
func weekGrid(t testing.TB, rows ...[]any) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	all := append([][]any{{"Brabant Logistiek — urenverantwoording"}, {"Week 48", nil, "2026"}, {},
		{"Naam", "Pers.nr", "Uursoort", "Ma", "Di", "Wo", "Do", "Vr", "Za", "Zo"}}, rows...)
	for r, row := range all {
		cell, _ := excelize.CoordinatesToCellName(1, r+1)
		if err := f.SetSheetRow("Sheet1", cell, &row); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func preview(t *testing.T, s *importing.Service, name string, data []byte, opt importing.Options) *importing.HourPreview {
	t.Helper()
	p, err := s.PreviewHours(context.Background(), name, data, opt)
	if err != nil {
		t.Fatalf("preview %s: %v", name, err)
	}
	return p
}

func linesOf(t *testing.T, db *sqlite.DB, from, to string) map[string]string {
	t.Helper()
	ls, err := db.ImportedHourLines(context.Background(), mustDate(from), mustDate(to))
	if err != nil {
		t.Fatal(err)
	}
	ps, _ := db.Placements(context.Background())
	num := map[int64]string{}
	for _, p := range ps {
		num[p.ID] = p.Number
	}
	out := map[string]string{}
	for _, l := range ls {
		k := num[l.Line.PlacementID] + " " + l.Line.Date.Format("2006-01-02") + " " + string(l.Line.Type)
		out[k] = l.Line.Quantity.String() + " " + string(l.Line.Status)
	}
	return out
}

func TestHours_PreviewCommitDuplicateReplace(t *testing.T) {
	ctx := context.Background()
	s, db := demoService(t)
	v1 := weekGrid(t,
		[]any{"Jan de Vries", "BL-4411", "Normaal", 8, 8, 8, 8, 8},
		[]any{"Sanne Bakker", "BL-4412", "Normaal", 8, 8, nil, nil, 6},
		[]any{nil, nil, "Overuren 150%", nil, 1.5},
	)
	p := preview(t, s, "week48.xlsx", v1, importing.Options{Hirer: "INL01"})
	if p.Counts.Error != 0 || p.Counts.Lines != 9 || p.Hirer != "INL01" || p.From != "2026-11-23" || p.To != "2026-11-29" {
		t.Fatalf("preview counts %+v hirer %s %s..%s; messages %v", p.Counts, p.Hirer, p.From, p.To, p.Messages())
	}
	if got := linesOf(t, db, "2026-11-23", "2026-11-29"); len(got) != 0 {
		t.Fatalf("preview wrote %d lines", len(got))
	}
	res, err := s.CommitHours(ctx, p, importing.CommitOptions{})
	if err != nil || res.Added != 9 {
		t.Fatalf("commit: %+v %v", res, err)
	}
	got := linesOf(t, db, "2026-11-23", "2026-11-29")
	if got["PL0502 2026-11-24 OW150"] != "1.5 imported" || got["PL0501 2026-11-27 NORM"] != "8 imported" || len(got) != 9 {
		t.Fatalf("stored %v", got)
	}
	// The same file again adds nothing.
	p = preview(t, s, "kopie van week48.xlsx", v1, importing.Options{Hirer: "INL01"})
	if p.Duplicate == nil {
		t.Fatal("same content not recognised")
	}
	if res, err := s.CommitHours(ctx, p, importing.CommitOptions{}); err != nil || !res.Duplicate || res.Added != 0 {
		t.Fatalf("duplicate commit %+v %v", res, err)
	}
	// Pay Monday of Jan; then a changed file replaces the rest of the week.
	if err := db.Exec(ctx, `UPDATE hour_lines SET status = 'paid' WHERE work_date = '2026-11-23' AND hour_type = 'NORM'
		AND placement_id = (SELECT id FROM placements WHERE number = 'PL0501')`); err != nil {
		t.Fatal(err)
	}
	v2 := weekGrid(t,
		[]any{"Jan de Vries", "BL-4411", "Normaal", 8, 8, 8, 8, 7},
		[]any{"Sanne Bakker", "BL-4412", "Normaal", 8, 8, nil, nil, 6},
	)
	p = preview(t, s, "week48 v2.xlsx", v2, importing.Options{Hirer: "INL01"})
	if len(p.Replaces) != 1 || p.Counts.Voids != 8 {
		t.Fatalf("replace preview: %d files, %d voids, %v", len(p.Replaces), p.Counts.Voids, p.Messages())
	}
	paidWarned := false
	for _, m := range p.Messages() {
		paidWarned = paidWarned || (m.Key == "row.paid" && m.Row == 5)
	}
	if !paidWarned || p.Counts.Lines != 7 {
		t.Errorf("paid Monday: warned %v, %d new lines (want 7: the paid line is not added again)", paidWarned, p.Counts.Lines)
	}
	// A third version that changes the paid Monday is refused on that row.
	v3 := weekGrid(t, []any{"Jan de Vries", "BL-4411", "Normaal", 6, 8, 8, 8, 7})
	p3 := preview(t, s, "week48 v3.xlsx", v3, importing.Options{Hirer: "INL01"})
	if p3.Counts.Error != 1 || p3.Rows[0].Messages[0].Key != "row.paid_changed" {
		t.Fatalf("changed paid line: %+v %v", p3.Counts, p3.Messages())
	}
	if _, err := s.CommitHours(ctx, p, importing.CommitOptions{}); err != nil {
		t.Fatal(err)
	}
	got = linesOf(t, db, "2026-11-23", "2026-11-29")
	if got["PL0501 2026-11-27 NORM"] != "7 imported" || got["PL0502 2026-11-24 OW150"] != "" || got["PL0501 2026-11-23 NORM"] != "8 paid" || len(got) != 8 {
		t.Fatalf("after replacement %v", got)
	}
	// The streamed import does the same: the paid line's twin is stored and voided in one go.
	s2, db2 := demoService(t)
	if _, _, err := s2.ImportHours(ctx, "week48.xlsx", v1, importing.Options{Hirer: "INL01"}, importing.CommitOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := db2.Exec(ctx, `UPDATE hour_lines SET status = 'paid' WHERE work_date = '2026-11-23' AND hour_type = 'NORM'
		AND placement_id = (SELECT id FROM placements WHERE number = 'PL0501')`); err != nil {
		t.Fatal(err)
	}
	if _, res, err := s2.ImportHours(ctx, "week48 v2.xlsx", v2, importing.Options{Hirer: "INL01"}, importing.CommitOptions{}); err != nil || res.Added != 7 {
		t.Fatalf("streamed replacement: %+v %v", res, err)
	}
	if got2 := linesOf(t, db2, "2026-11-23", "2026-11-29"); got2["PL0501 2026-11-23 NORM"] != "8 paid" || len(got2) != 8 {
		t.Fatalf("streamed replacement left %v", got2)
	}
	var n int
	ls, _ := db2.ImportedHourLines(ctx, mustDate("2026-11-23"), mustDate("2026-11-23"))
	for _, l := range ls {
		if l.Line.Type == "NORM" && l.Line.PlacementID == ls[0].Line.PlacementID {
			n++
		}
	}
	if n != 1 {
		t.Errorf("%d live NORM lines for Jan on Monday, want only the paid one", n)
	}
}

func TestHours_VoidMarkerRemovesALine(t *testing.T) {
	ctx := context.Background()
	s, db := demoService(t)
	first := []byte("Personeelsnummer;Datum;Uursoort;Aantal\n1004;23-11-2026;Normaal;8\n1004;24-11-2026;Normaal;8\n")
	if _, err := commit(t, s, "a.csv", first, importing.Options{}); err != nil {
		t.Fatal(err)
	}
	cancel := []byte("Personeelsnummer;Datum;Uursoort;Aantal;Geannuleerd\n1004;24-11-2026;Normaal;8;ja\n1004;25-11-2026;Normaal;8;ja\n")
	p := preview(t, s, "annulering.csv", cancel, importing.Options{})
	if p.Counts.Voids != 1 || p.Counts.Lines != 0 || p.Counts.Warning != 1 {
		t.Fatalf("counts %+v %v", p.Counts, p.Messages())
	}
	if _, err := s.CommitHours(ctx, p, importing.CommitOptions{}); err != nil {
		t.Fatal(err)
	}
	got := linesOf(t, db, "2026-11-23", "2026-11-29")
	if len(got) != 1 || got["PL0504 2026-11-23 NORM"] != "8 imported" {
		t.Fatalf("lines %v", got)
	}
}

func commit(t *testing.T, s *importing.Service, name string, data []byte, opt importing.Options) (*importing.Result, error) {
	t.Helper()
	p := preview(t, s, name, data, opt)
	return s.CommitHours(context.Background(), p, importing.CommitOptions{})
}

func TestHours_MatchingMessages(t *testing.T) {
	ctx := context.Background()
	s, db := demoService(t)
	// A second "Jan de Vries" with another birth date makes the name alone ambiguous.
	if err := db.SaveWorker(ctx, &domain.Worker{Number: "1099", FirstName: "Jan", Prefix: "de", LastName: "Vries", BirthDate: domain.Date(1970, 1, 1)}); err != nil {
		t.Fatal(err)
	}
	data := []byte("Personeelsnummer;BSN;Naam;Geboortedatum;Inlener;Datum;Uren\n" +
		"1001;;;;;23-11-2026;8\n" + // ok
		";;Jan de Vries;;;23-11-2026;8\n" + // ambiguous by name
		";;Jan de Vries;12-04-1988;;24-11-2026;8\n" + // name + birth date: ok
		"9999;;;;;23-11-2026;8\n" + // unknown number
		"1001;211234576;;;;23-11-2026;8\n" + // number and BSN point at different workers
		"1001;;;;INL02;23-11-2026;8\n" + // no placement of 1001 at INL02
		"1001;;;;INL99;23-11-2026;8\n" + // unknown hirer
		"BL-4413;;;;;23-11-2026;8\n" + // the hirer's alias, hirer unknown but unique over all hirers: ok
		"1001;;;;;01-01-2026;8\n") // before the placement started
	p := preview(t, s, "match.csv", data, importing.Options{})
	want := map[int]string{2: "", 3: "row.worker_ambiguous", 4: "", 5: "row.worker_unknown", 6: "row.worker_conflict",
		7: "row.no_placement", 8: "row.hirer_unknown", 9: "", 10: "row.no_placement"}
	for _, r := range p.Rows {
		key := ""
		for _, m := range r.Messages {
			if m.Severity == importers.StatusError {
				key = m.Key
				if m.File != "match.csv" || m.Row != r.Row {
					t.Errorf("row %d: message not located: %+v", r.Row, m)
				}
			}
		}
		if key != want[r.Row] {
			t.Errorf("row %d: error %q, want %q (%v)", r.Row, key, want[r.Row], r.Messages)
		}
	}
	for _, m := range p.Messages() {
		for _, tok := range strings.FieldsFunc(m.NL+m.EN, func(r rune) bool { return r < '0' || r > '9' }) {
			if len(tok) == 9 && domain.ValidBSN(tok) {
				t.Errorf("whole BSN in %q", m.NL)
			}
		}
	}
	if _, err := s.CommitHours(ctx, p, importing.CommitOptions{}); domain.ErrorCode(err) != domain.EINVALID {
		t.Fatalf("commit with errors: %v", err)
	}
	res, err := s.CommitHours(ctx, p, importing.CommitOptions{SkipErrors: true})
	if err != nil || res.Added != 3 {
		t.Fatalf("partial commit: %+v %v", res, err)
	}
}

func TestHours_SETUCorrection(t *testing.T) {
	ctx := context.Background()
	s, db := demoService(t)
	card := func(status, intervals string) []byte {
		return []byte(`<?xml version="1.0" encoding="UTF-8"?>
<TimeCard xmlns="http://ns.hr-xml.org/2007-04-15"><Id idOwner="StaffingCustomer"><IdValue>TC48-1001</IdValue></Id>
<ReportedResource><Person><Id idOwner="StaffingCustomer"><IdValue>BL-4411</IdValue></Id></Person></ReportedResource>
<ReportedTime status="` + status + `"><PeriodStartDate>2026-11-23</PeriodStartDate><PeriodEndDate>2026-11-29</PeriodEndDate>` + intervals + `</ReportedTime>
<AdditionalData><StaffingAdditionalData><ReferenceInformation><StaffingCustomerId idOwner="StaffingCompany"><IdValue>INL01</IdValue></StaffingCustomerId></ReferenceInformation></StaffingAdditionalData></AdditionalData></TimeCard>`)
	}
	iv := func(id, typ, action, start, end, dur string) string {
		a := ""
		if action != "" {
			a = ` actionCode="` + action + `"`
		}
		return `<TimeInterval type="` + typ + `"` + a + `><Id><IdValue>` + id + `</IdValue></Id><StartDateTime>` + start +
			`</StartDateTime><EndDateTime>` + end + `</EndDateTime><Duration>` + dur + `</Duration></TimeInterval>`
	}
	orig := card("", iv("1", "Regular", "", "2026-11-23T07:00:00", "2026-11-23T15:00:00", "8.00")+
		iv("2", "Shift", "", "2026-11-24T22:00:00", "2026-11-25T06:00:00", "8.00")+
		iv("3", "Overtime", "", "2026-11-26T15:00:00", "2026-11-26T17:00:00", "2.00"))
	if _, err := commit(t, s, "tc.xml", orig, importing.Options{}); err != nil {
		t.Fatal(err)
	}
	corr := card("corrected", iv("1", "Regular", "Unchanged", "2026-11-23T07:00:00", "2026-11-23T15:00:00", "8.00")+
		iv("2", "Shift", "Change", "2026-11-24T22:00:00", "2026-11-25T04:00:00", "6.00")+
		iv("3", "Overtime", "Void", "2026-11-26T15:00:00", "2026-11-26T17:00:00", "2.00"))
	p := preview(t, s, "tc-correctie.xml", corr, importing.Options{})
	if p.Counts.Error != 0 || p.Counts.Lines != 1 || p.Counts.Voids != 2 {
		t.Fatalf("correction preview %+v %v", p.Counts, p.Messages())
	}
	if _, err := s.CommitHours(ctx, p, importing.CommitOptions{}); err != nil {
		t.Fatal(err)
	}
	got := linesOf(t, db, "2026-11-23", "2026-11-29")
	want := map[string]string{"PL0501 2026-11-23 NORM": "8 imported", "PL0501 2026-11-24 ORT": "6 imported"}
	if len(got) != len(want) || got["PL0501 2026-11-23 NORM"] != want["PL0501 2026-11-23 NORM"] || got["PL0501 2026-11-24 ORT"] != want["PL0501 2026-11-24 ORT"] {
		t.Fatalf("after correction %v", got)
	}
}

func TestHours_ProgressAndCancel(t *testing.T) {
	s, _ := demoService(t)
	var b strings.Builder
	b.WriteString("Personeelsnummer;Datum;Uren\n")
	for i := 0; i < 10000; i++ {
		b.WriteString("1001;23-11-2026;1\n")
	}
	calls, last := 0, 0
	_, err := s.PreviewHours(context.Background(), "veel.csv", []byte(b.String()), importing.Options{Progress: func(done, total int) {
		calls++
		if done < last || done > total {
			t.Errorf("progress %d/%d after %d", done, total, last)
		}
		last = done
	}})
	if err != nil || calls < 3 {
		t.Fatalf("progress calls %d, err %v", calls, err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	n := 0
	_, err = s.PreviewHours(ctx, "veel.csv", []byte(b.String()), importing.Options{Progress: func(done, total int) {
		if n++; n == 2 {
			cancel()
		}
	}})
	var fe *importers.FileError
	if !errors.As(err, &fe) || fe.Msg.Key != "file.canceled" {
		t.Fatalf("cancel: %v", err)
	}
}

func mustDate(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

// TestImportHours_StreamedEqualsPreviewThenCommit: the one-pass import stores
// exactly what preview + commit would, and rolls back on row errors.
func TestImportHours_StreamedEqualsPreviewThenCommit(t *testing.T) {
	ctx := context.Background()
	var b strings.Builder
	b.WriteString("Personeelsnummer;Datum;Uursoort;Aantal\n")
	for d := 23; d <= 29; d++ {
		for w := 1001; w <= 1025; w++ {
			if w == 1005 || w == 1019 {
				continue
			}
			fmt.Fprintf(&b, "%d;%d-11-2026;Normaal;7,5\n%d;%d-11-2026;km;12\n", w, d, w, d)
		}
	}
	data := []byte(b.String())
	s1, db1 := demoService(t)
	p1 := preview(t, s1, "w48.csv", data, importing.Options{})
	if _, err := s1.CommitHours(ctx, p1, importing.CommitOptions{}); err != nil {
		t.Fatal(err)
	}
	s2, db2 := demoService(t)
	p2, res, err := s2.ImportHours(ctx, "w48.csv", data, importing.Options{}, importing.CommitOptions{})
	if err != nil || res.Added != p1.Counts.Lines || p2.Counts != p1.Counts {
		t.Fatalf("streamed: %+v %+v %v; preview counts %+v", res, p2.Counts, err, p1.Counts)
	}
	want, got := linesOf(t, db1, "2026-11-23", "2026-11-29"), linesOf(t, db2, "2026-11-23", "2026-11-29")
	if len(got) != len(want) || len(got) != 23*7*2 {
		t.Fatalf("%d lines streamed, %d via preview", len(got), len(want))
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: %q, want %q", k, got[k], v)
		}
	}
	// A file with an error row stores nothing without SkipErrors.
	s3, db3 := demoService(t)
	bad := append(append([]byte(nil), data...), []byte("9999;23-11-2026;Normaal;8\n")...)
	if _, _, err := s3.ImportHours(ctx, "bad.csv", bad, importing.Options{}, importing.CommitOptions{}); domain.ErrorCode(err) != domain.EINVALID {
		t.Fatalf("error file: %v", err)
	}
	if n := len(linesOf(t, db3, "2026-11-23", "2026-11-29")); n != 0 {
		t.Fatalf("rolled-back import left %d lines", n)
	}
	if files, _ := db3.ImportFiles(ctx); len(files) != 0 {
		t.Fatalf("rolled-back import left a file record")
	}
	if _, res, err := s3.ImportHours(ctx, "bad.csv", bad, importing.Options{}, importing.CommitOptions{SkipErrors: true}); err != nil || res.Added != 23*7*2 {
		t.Fatalf("skip errors: %+v %v", res, err)
	}
	// Again: a duplicate, nothing added.
	if _, res, err := s3.ImportHours(ctx, "bad.csv", bad, importing.Options{}, importing.CommitOptions{SkipErrors: true}); err != nil || !res.Duplicate {
		t.Fatalf("duplicate: %+v %v", res, err)
	}
}

// The template flow of the GUI: a first guess, adjusted, saved for the
// hirer, and picked automatically for the hirer's next file.
func TestHours_TemplateGuessAdjustSave(t *testing.T) {
	ctx := context.Background()
	s, _ := demoService(t)
	data := []byte("Pers.nr;Werkdag;Code;Tijd\nBL-4411;23-11-2026;X150;1,5\nBL-4411;23-11-2026;X100;8\n")
	// The layout is not recognised ("Werkdag", "Tijd"): the preview says so,
	// and Inspect gives the editor the headers with what it did recognise.
	if _, err := s.PreviewHours(ctx, "inl01.csv", data, importing.Options{Hirer: "INL01"}); err == nil {
		t.Fatal("unrecognised layout previewed")
	}
	info, err := s.Inspect(ctx, "inl01.csv", data, importing.Options{Hirer: "INL01"})
	if err != nil || len(info) != 1 || info[0].HeaderRow != 1 || info[0].Fields[0] != importers.FieldWorkerRef ||
		info[0].Fields[2] != importers.FieldType || info[0].Fields[1] != "" || len(info[0].Sample) != 2 {
		t.Fatalf("inspect: %+v %v", info, err)
	}
	adj := &importers.Template{Kind: importers.KindHours, Hirer: "INL01"}
	for i, h := range info[0].Headers {
		f := info[0].Fields[i]
		switch h {
		case "Werkdag":
			f = importers.FieldDate
		case "Tijd":
			f = importers.FieldQuantity
		}
		adj.Columns = append(adj.Columns, importers.ColumnMap{Header: h, Field: f})
	}
	adj.Recode = map[string]domain.HourType{"X150": domain.HourOvertime150}
	p := preview(t, s, "inl01.csv", data, importing.Options{Hirer: "INL01", Adjusted: adj})
	if p.Counts.Error != 1 || p.Counts.Lines != 1 {
		t.Fatalf("X100 not recoded yet: %+v %v", p.Counts, p.Messages())
	}
	adj.Recode["X100"] = domain.HourNormal
	p = preview(t, s, "inl01.csv", data, importing.Options{Hirer: "INL01", Adjusted: adj})
	if p.Counts.Error != 0 || p.Counts.Lines != 2 {
		t.Fatalf("adjusted: %+v %v", p.Counts, p.Messages())
	}
	if err := s.SaveTemplate(ctx, p.Template, "Brabant CSV", "INL01"); err != nil {
		t.Fatal(err)
	}
	tpls, _ := s.Templates(ctx, importers.KindHours)
	if len(tpls) != 1 || tpls[0].Hirer != "INL01" || tpls[0].Name != "Brabant CSV" {
		t.Fatalf("templates %+v", tpls)
	}
	p = preview(t, s, "inl01-week49.csv", []byte("Pers.nr;Werkdag;Code;Tijd\nBL-4412;01-12-2026;X150;2\n"), importing.Options{Hirer: "INL01"})
	if p.Counts.Error != 0 || p.Lines[0].Type != domain.HourOvertime150 || p.Lines[0].Placement != "PL0502" {
		t.Fatalf("saved template not applied: %+v %v", p.Counts, p.Messages())
	}
}

func TestImportHours_CancelRollsBack(t *testing.T) {
	s, db := demoService(t)
	var b strings.Builder
	b.WriteString("Personeelsnummer;Datum;Uren\n")
	for i := 0; i < 20000; i++ {
		b.WriteString("1001;23-11-2026;1\n")
	}
	ctx, cancel := context.WithCancel(context.Background())
	n := 0
	_, _, err := s.ImportHours(ctx, "veel.csv", []byte(b.String()), importing.Options{Progress: func(done, total int) {
		if n++; n == 3 {
			cancel()
		}
	}}, importing.CommitOptions{})
	if err == nil {
		t.Fatal("cancelled import succeeded")
	}
	if got := linesOf(t, db, "2026-11-23", "2026-11-29"); len(got) != 0 {
		t.Fatalf("cancelled import left %d lines", len(got))
	}
	if files, _ := db.ImportFiles(context.Background()); len(files) != 0 {
		t.Fatal("cancelled import left its file record")
	}
}

func TestReadLimited_RefusesOverLimit(t *testing.T) {
	old := importers.MaxFileSize
	importers.MaxFileSize = 10
	defer func() { importers.MaxFileSize = old }()
	if _, err := importing.ReadLimited(strings.NewReader(strings.Repeat("x", 11)), "groot.csv"); err == nil {
		t.Fatal("11 bytes accepted under a 10-byte limit")
	} else if m, ok := importing.FileMessage(err); !ok || m.Key != "file.too_big" || m.File != "groot.csv" {
		t.Fatalf("err %v", err)
	}
	if data, err := importing.ReadLimited(strings.NewReader("0123456789"), "ok.csv"); err != nil || len(data) != 10 {
		t.Fatalf("10 bytes: %v", err)
	}
}

// A streamed import stores lines in batches before it knows what it
// replaces: the twin of a paid line that was already stored is voided in
// the same transaction.
func TestImportHours_StoredTwinOfPaidLineIsVoided(t *testing.T) {
	ctx := context.Background()
	s, db := demoService(t)
	file := func(last string) []byte {
		var b strings.Builder
		b.WriteString("Personeelsnummer;Datum;Uursoort;Aantal\n")
		d := mustDate("2026-01-05")
		for i := 0; i < 4100; i++ {
			q := "1"
			if i == 4099 {
				q = last
			}
			fmt.Fprintf(&b, "1001;%s;Normaal;%s\n", d.AddDate(0, 0, i).Format("02-01-2006"), q)
		}
		return []byte(b.String())
	}
	if _, res, err := s.ImportHours(ctx, "lang.csv", file("1"), importing.Options{}, importing.CommitOptions{}); err != nil || res.Added != 4100 {
		t.Fatalf("first: %+v %v", res, err)
	}
	if err := db.Exec(ctx, `UPDATE hour_lines SET status = 'paid' WHERE work_date = '2026-01-05'`); err != nil {
		t.Fatal(err)
	}
	_, res, err := s.ImportHours(ctx, "lang.csv", file("2"), importing.Options{}, importing.CommitOptions{})
	if err != nil || res.Replaced != 1 || res.Added != 4099 || res.Voided != 4099 {
		t.Fatalf("second: %+v %v (want 4099 added: the paid Monday's twin is not)", res, err)
	}
	ls, _ := db.ImportedHourLines(ctx, mustDate("2026-01-05"), mustDate("2026-01-05"))
	if len(ls) != 1 || ls[0].Line.Status != domain.HoursPaid {
		t.Fatalf("Monday 5 January: %d live lines, want only the paid one", len(ls))
	}
}
