package checking_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"verloner/app/checking"
	"verloner/app/demo"
	"verloner/app/sqlite"
	"verloner/domain"
	"verloner/domain/checks"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// demoNow is when the demo administration is loaded and checked in tests:
// Friday of the demo week, 10:00 UTC (11:00 in Amsterdam), so that worker
// 1019, registered then, is late and the hours are on time.
var demoNow = time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC)

var w47 = domain.Period{Kind: domain.Weekly, Year: 2026, Number: 47}

func demoDB(t *testing.T) *sqlite.DB {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "demo"+sqlite.Ext))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	db.Now = func() time.Time { return demoNow }
	db.User = "tester"
	if err := demo.Load(ctx, db); err != nil {
		t.Fatal(err)
	}
	return db
}

func opts() checking.Options {
	return checking.Options{Now: func() time.Time { return demoNow }, By: "tester"}
}

// TestDemo_Golden compares the demo week's checklist with
// testdata/demo-2026-W47.json. After a deliberate change of a rule or of the
// demo, run `go test ./app/checking/ -update` and review the diff.
func TestDemo_Golden(t *testing.T) {
	db := demoDB(t)
	cl, err := checking.RunWith(context.Background(), db, w47, opts(), nil)
	if err != nil {
		t.Fatal(err)
	}
	got, err := json.MarshalIndent(cl, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	golden := filepath.Join("testdata", "demo-2026-W47.json")
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("demo checklist differs from %s; run with -update after review.\n%s", golden, firstDiff(string(want), string(got)))
	}

	// Every deliberate problem of demo.json's comment is caught.
	n := cl.Counts()
	if n.Blockers != 13 || n.Warnings != 10 || !cl.Blocks(checks.GatePayroll) {
		t.Errorf("demo counts %+v", n)
	}
	want2 := map[string]string{
		"1005": checks.DosBSN, "1010": checks.DosID, "1014": checks.DosIBAN, "1018": checks.DosContract,
		"1019": checks.DlRegWorker, "1021": checks.DosTaxForm, "1022": checks.ETProof, "1016": checks.DosIDSoon,
		"1025": checks.DosDupIBAN,
	}
	for num, rule := range want2 {
		if !hasWorkerRule(cl, num, rule) {
			t.Errorf("demo worker %s: %s not reported", num, rule)
		}
	}
	for _, rule := range []string{checks.PayMinWage, checks.HirCredit, checks.HirLimitNear, checks.HirRecord, checks.HirLimit} {
		found := false
		for _, f := range cl.Findings {
			found = found || f.Rule == rule
		}
		if !found {
			t.Errorf("demo: %s not reported", rule)
		}
	}
}

func hasWorkerRule(cl *checks.Checklist, number, rule string) bool {
	for _, f := range cl.Findings {
		if f.Rule == rule && cl.Worker(f.WorkerID).Number == number {
			return true
		}
	}
	return false
}

func firstDiff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return "line " + itoa(i+1) + ":\n  want: " + w + "\n  got:  " + g
		}
	}
	return ""
}

func itoa(i int) string { b, _ := json.Marshal(i); return string(b) }

func TestRun_StoresEachRunAndReportsProgress(t *testing.T) {
	ctx := context.Background()
	db := demoDB(t)
	var last, calls int
	cl, err := checking.RunWith(ctx, db, w47, opts(), func(done, total int) {
		if total != checking.Steps || done < last || done > total {
			t.Errorf("progress %d/%d after %d", done, total, last)
		}
		last = done
		calls++
	})
	if err != nil {
		t.Fatal(err)
	}
	if last != checking.Steps || calls != checking.Steps {
		t.Errorf("progress ended at %d after %d calls, want %d", last, calls, checking.Steps)
	}
	if cl.ID == 0 {
		t.Fatal("checklist not stored")
	}
	latest, err := checking.Latest(ctx, db, w47)
	if err != nil || latest.ID != cl.ID || latest.Counts() != cl.Counts() {
		t.Fatalf("latest %+v %v", latest, err)
	}
	if _, err := checking.RunWith(ctx, db, w47, checking.Options{Now: func() time.Time { return demoNow.Add(time.Hour) }, DryRun: true}, nil); err != nil {
		t.Fatal(err)
	}
	if runs, _ := db.ChecklistRuns(ctx, w47); len(runs) != 1 {
		t.Errorf("dry run stored a checklist: %d runs", len(runs))
	}
	if got, err := checking.Latest(ctx, db, w47.Next()); got != nil || err != nil {
		t.Errorf("unchecked period: %v %v", got, err)
	}
}

func TestRun_HonoursCancellation(t *testing.T) {
	db := demoDB(t)
	ctx, cancel := context.WithCancel(context.Background())
	_, err := checking.RunWith(ctx, db, w47, opts(), func(done, total int) {
		if done == 3 {
			cancel()
		}
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err %v, want context.Canceled", err)
	}
	if runs, _ := db.ChecklistRuns(context.Background(), w47); len(runs) != 0 {
		t.Error("a cancelled run was stored")
	}
	if _, err := checking.Run(context.Background(), db, domain.Period{}, nil); domain.ErrorCode(err) != domain.EINVALID {
		t.Errorf("zero period: %v", err)
	}
}

func TestConfirmAndAnonymousRate(t *testing.T) {
	ctx := context.Background()
	db := demoDB(t)
	cl, err := checking.RunWith(ctx, db, w47, opts(), nil)
	if err != nil {
		t.Fatal(err)
	}
	var warning, blocker, bsn checks.Finding
	for _, f := range cl.Findings {
		switch {
		case f.Rule == checks.DosIDSoon:
			warning = f
		case f.Rule == checks.DosContract:
			blocker = f
		case f.Rule == checks.DosBSN && cl.Worker(f.WorkerID).Number == "1019":
			bsn = f
		}
	}
	if err := checking.Confirm(ctx, db, w47, blocker, "", "piet"); domain.ErrorCode(err) != domain.EINVALID {
		t.Errorf("blocker confirmed: %v", err)
	}
	if err := checking.Confirm(ctx, db, w47, warning, "nieuw paspoort aangevraagd", "piet"); err != nil {
		t.Fatal(err)
	}
	if err := checking.ChooseAnonymousRate(ctx, db, bsn.WorkerID, "uitzendkracht wacht op BSN", "piet"); err != nil {
		t.Fatal(err)
	}
	again, err := checking.RunWith(ctx, db, w47, opts(), nil)
	if err != nil {
		t.Fatal(err)
	}
	n0, n1 := cl.Counts(), again.Counts()
	if n1.Confirmed != 1 || n1.Blockers != n0.Blockers-1 || n1.Warnings != n0.Warnings {
		t.Errorf("counts before %+v after %+v", n0, n1)
	}
	// 1019 stays blocked by its hirer's unsigned remuneration record, but no
	// longer by the missing BSN.
	for _, f := range again.BlockersFor(bsn.WorkerID, checks.GatePayroll) {
		if f.Rule != checks.HirRecord {
			t.Errorf("1019 still blocked by %s after choosing the anonymous rate", f.Rule)
		}
	}
}
