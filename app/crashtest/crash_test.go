package crashtest_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"verloner/app"
	"verloner/app/backup"
	"verloner/app/benchdata"
	"verloner/app/crashtest"
	"verloner/app/importing"
	"verloner/app/invoicing"
	"verloner/app/payrun"
	"verloner/app/sqlite"
	"verloner/domain"
	"verloner/domain/invoice"
	"verloner/domain/params"
	"verloner/importers"
)

// The weekly cycle under SIGKILL: a child imports a week's hour sheet,
// makes the payroll proof, approves and finalises it (with the backup before
// it), issues the week's invoices, and goes on with the next week, resuming
// wherever the last child was killed. The parent aims each kill at one of
// the three writes that matter — import, finalise, issue — at a random
// moment within the operation's measured duration (some land just after its
// commit), and then checks the reopened administration:
//
//   - PRAGMA integrity_check and foreign_key_check are clean;
//   - each import is wholly there (its file record, all its hour lines, its
//     audit row) or wholly absent;
//   - each week has at most one final run, and a final run is whole: all
//     its payslips, the hour lines it pays marked paid and no others, the
//     year-to-date totals of each paid worker counted once per final week,
//     its audit row; an interrupted finalisation leaves the approved proof;
//     no run is left in the transient 'finalising' state;
//   - invoice numbers run 1..N without a gap (sqlite.VerifyInvoices: whole
//     documents, billed hours consistent), an interrupted issue left all of
//     its documents or none, and every document has its audit row;
//   - every backup under backups/ is a whole administration (a backup being
//     written when the kill came is only ever a .part file);
//   - nothing that was committed disappears at a later kill.
//
// 60 kills by default (about 15 s on 2 cores); VERLONER_CRASH_KILLS=600 for more.

const cycleChild = "weekly-cycle"

// The cycle starts in week 10, so that a round of kills stays within the
// tax year of the built-in parameter pack.
var cycleConfig = benchdata.Config{Workers: 40, Hirers: 6, Seed: 11, Period: domain.Period{Kind: domain.Weekly, Year: 2026, Number: 10}}

// lastWeek is the number of weeks a round may import: week 10 + 40 stays
// in 2026, whose parameters the binary has. A new round starts on a new
// administration.
const lastWeek = 40

func weekOf(w int) domain.Period {
	p := cycleConfig.WithDefaults().Period
	for i := 0; i < w; i++ {
		p = p.Next()
	}
	return p
}

// wednesday is when the child works on week w: the Wednesday after it.
func wednesday(w int) time.Time { return weekOf(w).End().AddDate(0, 0, 3).Add(11 * time.Hour) }

func TestWeeklyCycle_SurvivesKills(t *testing.T) {
	crashtest.Child(cycleChild, runCycle)
	if testing.Short() {
		t.Skip("kills a child process many times; skipped with -short")
	}
	kills := crashtest.Kills(t, 60)
	seed := uint64(time.Now().UnixNano())
	t.Logf("seed %d", seed)
	ops := []string{"import", "finalise", "issue"}
	inside := map[string]int{}
	var last state
	for round, done := 0, 0; done < kills; round++ {
		st, s := cycleRound(t, round, kills-done, seed+uint64(round), ops)
		t.Logf("round %d: %v", round, st)
		t.Logf("after its last kill: %d import files, %d final runs, %d invoices, %d backups (%d partial backup files left by kills)",
			s.imports, s.finals, s.invoices, s.backups, s.partial)
		for op, c := range st.Inside {
			inside[op] += c
		}
		last = s
		done += st.Kills
	}
	for _, op := range ops {
		if inside[op] < kills/len(ops)/3 {
			t.Errorf("only %d of the kills aimed at %s landed inside it: the test did not test much", inside[op], op)
		}
	}
	if last.finals < 2 || last.invoices < 2*cycleConfig.Hirers {
		t.Errorf("the cycle hardly progressed: %d final runs, %d invoices", last.finals, last.invoices)
	}
}

// cycleRound kills the cycle n times on a new administration, or fewer
// when the weeks run out.
func cycleRound(t *testing.T, round, n int, seed uint64, ops []string) (crashtest.Stats, state) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), fmt.Sprintf("cyclus-%d", round)+sqlite.Ext)
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if err := benchdata.Generate(cycleConfig).Store(ctx, db); err != nil {
		t.Fatal(err)
	}
	db.Close()
	var prev state
	st := crashtest.Run(t, crashtest.Config{Test: "TestWeeklyCycle_SurvivesKills", Child: cycleChild, Path: path, Kills: n, Seed: seed,
		Aim: func(k int, r *rand.Rand, est func(string) time.Duration) (string, time.Duration) {
			op := ops[k%len(ops)]
			d := est(op)
			if d == 0 {
				d = 30 * time.Millisecond
			}
			// Mostly inside the operation; about one in eight just after it.
			return op, time.Duration(r.Int64N(int64(d) * 9 / 8))
		},
		Check: func(p crashtest.Point) {
			s := verifyCycle(t, path, p)
			prev.mustNotShrink(t, p.K, s)
			prev = s
		},
		Until: func() bool { return prev.imports >= lastWeek }})
	return st, prev
}

// runCycle is the child: the weekly cycle, week after week, until killed.
func runCycle(path string, seed uint64, log *crashtest.Log) error {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, path)
	if err != nil {
		return err
	}
	set, err := params.Builtin()
	if err != nil {
		return err
	}
	d := benchdata.Generate(cycleConfig)
	svc := importing.New(st)
	// Weeks are done in order and a week's import follows the previous
	// week's invoices, so every week before the last imported one is done.
	files, err := st.ImportFiles(ctx)
	if err != nil {
		return err
	}
	imported := 0
	for _, f := range files {
		if f.Kind == importers.KindHours {
			imported++
		}
	}
	for w := max(0, imported-1); ; w++ {
		period, now := weekOf(w), wednesday(w)
		clock := func() time.Time { return now }
		var buf bytes.Buffer
		if _, err := d.HourSheet(&buf, w, 0); err != nil {
			return err
		}
		sum := sha256.Sum256(buf.Bytes())
		done, err := st.ImportFileByHash(ctx, hex.EncodeToString(sum[:]))
		if err != nil {
			return err
		}
		if done == nil {
			log.Begin("import", w)
			_, res, err := svc.ImportHours(ctx, fmt.Sprintf("uren-%s.xlsx", period), buf.Bytes(), importing.Options{}, importing.CommitOptions{})
			if err != nil {
				return fmt.Errorf("import %s: %w", period, err)
			}
			log.End("import", w, res.Added)
		}
		state, err := payrun.StateOf(ctx, st, period)
		if err != nil {
			return err
		}
		if len(state.Finals) == 0 {
			opt := payrun.Options{Params: set, Now: clock, By: "crashtest"}
			if state.Open == nil {
				log.Begin("proof", w)
				if _, err := payrun.Proof(ctx, st, period, opt, nil); err != nil {
					return fmt.Errorf("proof %s: %w", period, err)
				}
				log.End("proof", w)
			}
			if state.Open == nil || state.Open.Status == app.RunProof {
				log.Begin("approve", w)
				if _, err := payrun.Approve(ctx, st, period, opt); err != nil {
					return fmt.Errorf("approve %s: %w", period, err)
				}
				log.End("approve", w)
			}
			log.Begin("finalise", w)
			run, err := payrun.Finalise(ctx, st, period, opt, nil)
			if err != nil {
				return fmt.Errorf("finalise %s: %w", period, err)
			}
			log.End("finalise", w, run.ID, len(run.Payslips))
		}
		iopt := invoicing.Options{Grouping: invoice.PerHirer, IssueDate: domain.DateOf(now), Now: clock}
		ds, err := invoicing.Drafts(ctx, st, period, iopt)
		if err != nil {
			return err
		}
		if len(ds.Problems) > 0 {
			return fmt.Errorf("drafts %s: %v", period, ds.Problems)
		}
		if len(ds.Drafts) > 0 {
			before, err := st.Invoices(ctx, app.InvoiceFilter{})
			if err != nil {
				return err
			}
			log.Begin("issue", w, len(before), len(ds.Drafts))
			if _, err := invoicing.Issue(ctx, st, ds.Drafts, iopt); err != nil {
				return fmt.Errorf("issue %s: %w", period, err)
			}
			log.End("issue", w, len(before)+len(ds.Drafts))
		}
	}
}

// state is what a verification counted, to compare with the next kill's.
type state struct {
	imports, lines, finals, invoices, backups, partial int
}

func (s *state) mustNotShrink(t *testing.T, k int, next state) {
	t.Helper()
	if next.imports < s.imports || next.lines < s.lines || next.finals < s.finals || next.invoices < s.invoices || next.backups < s.backups {
		t.Fatalf("kill %d: committed work disappeared: before %+v, now %+v", k, *s, next)
	}
}

// verifyCycle reopens the administration after a kill and checks it whole.
// checked holds the backups found whole already (a backup never changes).
var checked = map[string]bool{}

func verifyCycle(t *testing.T, path string, p crashtest.Point) state {
	t.Helper()
	ctx := context.Background()
	fail := func(format string, args ...any) {
		t.Helper()
		t.Fatalf("kill %d (%s, last journal line %s %s %v): %s", p.K, p.Aimed, p.Last.Kind, p.Last.Op, p.Last.Args, fmt.Sprintf(format, args...))
	}
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		fail("reopen: %v", err)
	}
	defer db.Close()
	if err := db.IntegrityCheck(ctx); err != nil {
		fail("%v", err)
	}
	chk, err := db.VerifyInvoices(ctx)
	if err != nil {
		fail("verify invoices: %v", err)
	}
	if len(chk.Problems) > 0 {
		fail("invoices: %v", chk.Problems)
	}
	for i, nr := range chk.Numbers {
		if !strings.HasSuffix(nr, fmt.Sprintf("%06d", i+1)) {
			fail("document %d has number %s: a gap or a duplicate", i+1, nr)
		}
	}
	ro, err := sql.Open("sqlite", "file:"+(&url.URL{Path: filepath.ToSlash(path)}).EscapedPath()+"?mode=ro")
	if err != nil {
		fail("%v", err)
	}
	defer ro.Close()
	one := func(q string, args ...any) int {
		t.Helper()
		var n int
		if err := ro.QueryRowContext(ctx, q, args...).Scan(&n); err != nil {
			fail("%s: %v", q, err)
		}
		return n
	}
	var s state
	if n := one(`SELECT count(*) FROM pragma_foreign_key_check`); n != 0 {
		fail("%d foreign-key violations", n)
	}

	// Imports: whole or absent, with their audit rows.
	perWeek := cycleConfig.WithDefaults().Lines
	s.imports = one(`SELECT count(*) FROM import_files WHERE kind = 'hours'`)
	s.lines = one(`SELECT count(*) FROM hour_lines`)
	if bad := one(`SELECT count(*) FROM import_files f WHERE kind = 'hours'
		AND line_count <> (SELECT count(*) FROM hour_lines l WHERE l.import_file_id = f.id)`); bad != 0 {
		fail("%d import files without all of their hour lines", bad)
	}
	if s.lines != s.imports*perWeek || one(`SELECT count(*) FROM hour_lines WHERE import_file_id IS NULL`) != 0 {
		fail("%d hour lines for %d imports of %d lines", s.lines, s.imports, perWeek)
	}
	if n := one(`SELECT count(*) FROM audit_log WHERE entity = 'import' AND action = 'hours'`); n != s.imports {
		fail("%d import audit rows for %d imports", n, s.imports)
	}

	// Payroll: whole final runs, or the approved proof they replace.
	if n := one(`SELECT count(*) FROM payroll_runs WHERE status = 'finalising'`); n != 0 {
		fail("%d runs left half-finalised", n)
	}
	s.finals = one(`SELECT count(*) FROM payroll_runs WHERE status = 'final'`)
	if n := one(`SELECT count(*) FROM (SELECT period FROM payroll_runs WHERE status = 'final' GROUP BY period HAVING count(*) > 1)`); n != 0 {
		fail("%d weeks paid twice", n)
	}
	if bad := one(`SELECT count(*) FROM payroll_runs r WHERE status = 'final' AND (workers <> ?
		OR workers <> (SELECT count(*) FROM payslips WHERE run_id = r.id))`, cycleConfig.Workers); bad != 0 {
		fail("%d final runs without all of their %d payslips", bad, cycleConfig.Workers)
	}
	paid := one(`SELECT count(*) FROM hour_lines WHERE status = 'paid'`)
	linked := one(`SELECT count(DISTINCT h.hour_line_id) FROM payslip_hour_lines h JOIN payslips ps ON ps.id = h.payslip_id
		JOIN payroll_runs r ON r.id = ps.run_id WHERE r.status = 'final'`)
	if paid != s.finals*perWeek || linked != paid {
		fail("%d hour lines paid, %d linked to final payslips, %d final runs of %d lines", paid, linked, s.finals, perWeek)
	}
	if bad := one(`SELECT count(*) FROM year_to_date WHERE periods <> ?`, s.finals); bad != 0 && s.finals > 0 {
		fail("%d workers' year-to-date totals do not count %d final weeks", bad, s.finals)
	}
	if n := one(`SELECT count(*) FROM audit_log WHERE entity = 'payroll_run' AND action = 'final'`); n != s.finals {
		fail("%d final-run audit rows for %d final runs", n, s.finals)
	}
	if p.Inside && p.Last.Op == "finalise" {
		w := p.Last.Int(0)
		final := one(`SELECT count(*) FROM payroll_runs WHERE period = ? AND status = 'final'`, weekOf(w).String())
		approved := one(`SELECT count(*) FROM payroll_runs WHERE period = ? AND status = 'approved' AND approved_at IS NOT NULL`, weekOf(w).String())
		if final+approved != 1 {
			fail("an interrupted finalisation of %s left %d final and %d approved runs (want exactly one of them)", weekOf(w), final, approved)
		}
	}

	// Invoices: an interrupted issue landed whole or not at all.
	s.invoices = len(chk.Numbers)
	// Weeks go in order: every week before the last imported one is paid and invoiced.
	if s.imports > 0 && (s.finals < s.imports-1 || s.invoices < (s.imports-1)*cycleConfig.Hirers) {
		fail("%d weeks imported but only %d paid and %d invoices: a week was skipped", s.imports, s.finals, s.invoices)
	}
	if p.Inside && p.Last.Op == "issue" {
		before, batch := p.Last.Int(1), p.Last.Int(2)
		if s.invoices != before && s.invoices != before+batch {
			fail("an issue of %d documents after %d left %d documents", batch, before, s.invoices)
		}
	}
	if n := one(`SELECT count(DISTINCT entity_id) FROM audit_log WHERE entity = 'invoice' AND action IN ('issue','credit')`); n != s.invoices {
		fail("%d invoices with an audit row, %d invoices", n, s.invoices)
	}

	// Backups: whole files only under a backup's name.
	list, err := backup.List(backup.Dir(path))
	if err != nil {
		fail("%v", err)
	}
	for _, b := range list {
		if checked[b.Path] {
			continue
		}
		if _, err := sqlite.Inspect(ctx, b.Path); err != nil {
			fail("backup %s is not whole: %v", b.Name, err)
		}
		checked[b.Path] = true
	}
	s.backups = len(list)
	if s.backups < s.finals {
		fail("%d backups for %d final runs", s.backups, s.finals)
	}
	parts, _ := filepath.Glob(filepath.Join(backup.Dir(path), "*.part"))
	s.partial = len(parts)
	for _, part := range parts {
		if fi, err := os.Stat(part); err == nil && fi.Mode().Perm()&0o077 != 0 {
			fail("partial backup %s is readable by others (%v)", part, fi.Mode())
		}
	}
	return s
}
