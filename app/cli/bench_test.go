package cli_test

import (
	"encoding/json"
	"testing"
)

// TestBench_SmallCycle runs `verloner bench` on a small agency: every stage
// runs and reports its time and memory, and the whole week goes through
// (every worker paid, every hirer invoiced).
func TestBench_SmallCycle(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the whole weekly cycle")
	}
	code, out, stderr := run(t, "bench", "--workers", "60", "--json")
	if code != 0 {
		t.Fatalf("bench: exit %d: %s", code, stderr)
	}
	var res []struct {
		Workers, Hirers, Lines int
		Stages                 []struct {
			Stage   string  `json:"stage"`
			Seconds float64 `json:"seconds"`
			Heap    uint64  `json:"heap_peak_bytes"`
			InCycle bool    `json:"in_cycle"`
			Note    string  `json:"note"`
		}
		CycleSeconds float64 `json:"cycle_seconds"`
		ImportRatio  float64 `json:"import_over_scan"`
		PeakBytes    uint64  `json:"peak_bytes"`
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil || len(res) != 1 {
		t.Fatalf("bench --json: %v\n%s", err, out)
	}
	r := res[0]
	if r.Workers != 60 || r.Hirers != 9 || r.Lines != 300 || r.CycleSeconds <= 0 || r.ImportRatio <= 0 || r.PeakBytes == 0 {
		t.Errorf("bench result: %+v", r)
	}
	want := []string{"genereren (vooraf)", "excelize-scan (ter vergelijking)", "import", "checkpoint na import", "controlelijst", "verloning proef",
		"verloning goedkeuren", "verloning definitief", "loonstroken", "facturen", "marge-XLSX"}
	if len(r.Stages) != len(want) {
		t.Fatalf("stages: %+v", r.Stages)
	}
	for i, s := range r.Stages {
		if s.Stage != want[i] || s.Seconds <= 0 || s.Heap == 0 {
			t.Errorf("stage %d: %+v, want %s", i, s, want[i])
		}
		t.Logf("%-34s %6.3f s  %s", s.Stage, s.Seconds, s.Note)
	}
	for _, n := range []struct {
		i    int
		note string
	}{{2, "300 regels"}, {3, "import + checkpoint"}, {7, "60 loonstroken, met back-up"}, {8, "60 PDF"}, {9, "9 facturen, 18 bestanden"}} {
		if got := r.Stages[n.i].Note; len(got) < len(n.note) || got[:len(n.note)] != n.note {
			t.Errorf("stage %s: note %q, want %q…", r.Stages[n.i].Stage, got, n.note)
		}
	}
}
