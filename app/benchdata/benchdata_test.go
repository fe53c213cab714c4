package benchdata_test

import (
	"bytes"
	"testing"

	"verloner/app/benchdata"
	"verloner/domain"
)

func TestGenerate_DeterministicAndValid(t *testing.T) {
	cfg := benchdata.Config{Workers: 700, Hirers: 40, Lines: 3600, Seed: 7}
	a, b := benchdata.Generate(cfg), benchdata.Generate(cfg)
	var sa, sb bytes.Buffer
	na, err := a.HourSheet(&sa, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.HourSheet(&sb, 0, 0); err != nil {
		t.Fatal(err)
	}
	if na != 3600 || !bytes.Equal(sa.Bytes(), sb.Bytes()) {
		t.Fatalf("%d lines; the same config gave different sheets (%d vs %d bytes)", na, sa.Len(), sb.Len())
	}
	var other bytes.Buffer
	benchdata.Generate(benchdata.Config{Workers: 700, Hirers: 40, Lines: 3600, Seed: 8}).HourSheet(&other, 0, 0)
	if bytes.Equal(other.Bytes(), sa.Bytes()) {
		t.Error("another seed gave the same sheet")
	}
	if len(a.Workers) != 700 || len(a.Hirers) != 40 || len(a.Placements) != 700 {
		t.Fatalf("%d workers, %d hirers, %d placements", len(a.Workers), len(a.Hirers), len(a.Placements))
	}
	bsn, iban := map[string]bool{}, map[string]bool{}
	for _, w := range a.Workers {
		if !domain.ValidBSN(w.BSN) || !domain.ValidIBAN(w.IBAN) || bsn[w.BSN] || iban[w.IBAN] {
			t.Fatalf("worker %s: BSN %s IBAN %s invalid or shared", w.Number, w.BSN, w.IBAN)
		}
		bsn[w.BSN], iban[w.IBAN] = true, true
	}
	seen := map[string]bool{}
	for _, r := range a.Rows(0, 0) {
		k := r.Worker + r.Date.Format("2006-01-02") + string(r.Type)
		if seen[k] {
			t.Fatalf("duplicate hour line %s", k)
		}
		seen[k] = true
		if r.Date.Before(cfg.WithDefaults().Period.Start()) || r.Date.After(cfg.WithDefaults().Period.End()) {
			t.Fatalf("line outside the week: %v", r.Date)
		}
	}
	if next := a.Rows(1, 0); next[0].Date.Sub(a.Rows(0, 0)[0].Date).Hours() != 7*24 {
		t.Error("week offset 1 is not the next week")
	}
}
