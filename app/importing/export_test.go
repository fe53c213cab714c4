package importing_test

import (
	"bytes"
	"context"
	"fmt"
	"sort"
	"testing"

	"verloner/app/importing"
	"verloner/app/sqlite"
	"verloner/domain"
)

func lineSet(t *testing.T, db *sqlite.DB) []string {
	t.Helper()
	ctx := context.Background()
	ls, err := db.HourLines(ctx, domain.Date(2026, 11, 16), domain.Date(2026, 11, 22))
	if err != nil {
		t.Fatal(err)
	}
	ps, _ := db.Placements(ctx)
	num := map[int64]string{}
	for _, p := range ps {
		num[p.ID] = p.Number
	}
	var out []string
	for _, l := range ls {
		out = append(out, fmt.Sprintf("%s %s %s %s %s/%s", num[l.PlacementID], l.Date.Format("2006-01-02"), l.Type,
			l.Quantity, l.PayPercent, l.BillPercent))
	}
	sort.Strings(out)
	return out
}

// TestExportHours_RoundTrip exports the demo week to XLSX and imports it into
// a fresh demo administration without hours: the same lines come back.
func TestExportHours_RoundTrip(t *testing.T) {
	ctx := context.Background()
	src, srcDB := demoService(t)
	var buf bytes.Buffer
	n, err := src.ExportHours(ctx, &buf, domain.Date(2026, 11, 16), domain.Date(2026, 11, 22))
	if err != nil || n == 0 {
		t.Fatalf("export: %d lines, %v", n, err)
	}
	want := lineSet(t, srcDB)
	if len(want) != n {
		t.Fatalf("exported %d of %d lines", n, len(want))
	}

	dst, dstDB := demoService(t)
	if err := dstDB.Exec(ctx, `DELETE FROM hour_lines`); err != nil {
		t.Fatal(err)
	}
	p, err := dst.PreviewHours(ctx, "export.xlsx", buf.Bytes(), importing.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if p.Counts.Error != 0 || p.Counts.Lines != n {
		t.Fatalf("re-import preview: %+v; %v", p.Counts, p.Messages())
	}
	if _, err := dst.CommitHours(ctx, p, importing.CommitOptions{}); err != nil {
		t.Fatal(err)
	}
	got := lineSet(t, dstDB)
	if len(got) != len(want) {
		t.Fatalf("%d lines back, want %d", len(got), len(want))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("line %d: got %s, want %s", i, got[i], want[i])
		}
	}
}
