// Package crashtest kills a child process at many points of a write and
// checks what it left behind. It generalises the re-exec pattern of
// app/sqlite's invoice-numbering crash test: the test binary re-executes
// itself with an environment variable naming the child, the child works in a
// loop and journals each operation ("begin OP …" / "end OP …") with
// unbuffered appends to a log next to the database (a killed process does
// not lose what reached the page cache), and the parent kills it with
// SIGKILL a chosen moment after an operation began, reopens the
// administration and verifies it.
//
// The kill points of one run are aimed by Config.Aim: an operation to wait
// for and a delay after its begin, typically uniform over the operation's
// measured duration, so that most kills land inside the transaction and
// some just after its commit. Point tells the check where the kill landed.
//
// The package's own test (crash_test.go) runs the weekly cycle — import of
// an hour sheet, payroll proof, approval and final run (with its backup),
// invoices — under kills; app/sqlite's invoice test uses the same harness.
// VERLONER_CRASH_KILLS sets the number of kills of both (see Kills).
package crashtest

import (
	"bufio"
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"
)

// Environment of a child process.
const (
	envChild = "VERLONER_CRASH_CHILD"
	envDB    = "VERLONER_CRASH_DB"
	envSeed  = "VERLONER_CRASH_SEED"
)

// KillsEnv overrides the number of kills: VERLONER_CRASH_KILLS=1000.
const KillsEnv = "VERLONER_CRASH_KILLS"

// Kills returns the number of kills to make: def, or VERLONER_CRASH_KILLS.
func Kills(t testing.TB, def int) int {
	s := os.Getenv(KillsEnv)
	if s == "" {
		return def
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 {
		t.Fatalf("%s=%q", KillsEnv, s)
	}
	return n
}

// Log is the child's journal of operations, appended to unbuffered.
type Log struct{ f *os.File }

// LogPath is the journal of the database at path.
func LogPath(path string) string { return path + ".log" }

// OpenLog opens the journal of the database at path for appending.
func OpenLog(path string) (*Log, error) {
	f, err := os.OpenFile(LogPath(path), os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o600)
	if err != nil {
		return nil, err
	}
	return &Log{f: f}, nil
}

// Begin journals that op starts; args identify it (week, count before, …).
func (l *Log) Begin(op string, args ...any) { l.write("begin", op, args) }

// End journals that op committed.
func (l *Log) End(op string, args ...any) { l.write("end", op, args) }

func (l *Log) write(kind, op string, args []any) {
	var b strings.Builder
	fmt.Fprintf(&b, "%d %s %s", time.Now().UnixNano(), kind, op)
	for _, a := range args {
		fmt.Fprintf(&b, " %v", a)
	}
	b.WriteByte('\n')
	l.f.WriteString(b.String())
}

// Child runs fn when this process is the child called name that Run
// started, and then exits: with status 3 and "crash child: …" on stderr when
// fn fails, 0 when it returns (which the parent reports: a child is meant to
// work until it is killed). Otherwise it returns at once. Call it first in
// the test function that Run re-executes.
func Child(name string, fn func(path string, seed uint64, log *Log) error) {
	if os.Getenv(envChild) != name {
		return
	}
	path := os.Getenv(envDB)
	seed, _ := strconv.ParseUint(os.Getenv(envSeed), 10, 64)
	log, err := OpenLog(path)
	if err == nil {
		err = fn(path, seed, log)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "crash child:", err)
		os.Exit(3)
	}
	os.Exit(0)
}

// Event is one line of the journal.
type Event struct {
	At   time.Time
	Kind string // "begin" or "end"
	Op   string
	Args []string
}

// Int returns argument i as a number (0 when missing).
func (e Event) Int(i int) int {
	if i >= len(e.Args) {
		return 0
	}
	n, _ := strconv.Atoi(e.Args[i])
	return n
}

// Point is where one kill landed.
type Point struct {
	K      int     // 0, 1, … in the run
	Aimed  string  // the operation the kill waited for ("" any)
	Events []Event // what the killed child journaled, in order
	// Last is the child's last journal line; Inside says it is a begin (the
	// kill landed inside that operation, before or during its commit).
	Last   Event
	Inside bool
}

// Config sets up a run of kills.
type Config struct {
	// Test is the test function to re-execute; it must call Child(Child, …) first.
	Test  string
	Child string
	Path  string // the database the child works on
	Kills int
	Seed  uint64
	// Aim chooses the kill: wait for the begin of op ("" any new journal
	// line) and kill delay after it. est returns the mean duration of an
	// operation so far (0 before the first one ended).
	Aim func(k int, r *rand.Rand, est func(op string) time.Duration) (op string, delay time.Duration)
	// Check verifies the database after the kill.
	Check func(p Point)
	// Until, when set, ends the run early once it returns true (checked
	// after each kill): the child's work is used up.
	Until func() bool
	// Wait is how long a child may take to reach the aimed operation; 0: 60 s.
	Wait time.Duration
}

// Stats sums up a run.
type Stats struct {
	Kills  int
	Inside map[string]int // kills inside each operation
	After  map[string]int // kills after an operation's end, by that operation
	Took   time.Duration
}

func (s Stats) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d kills in %v:", s.Kills, s.Took.Round(time.Millisecond))
	for _, op := range sortedKeys(s.Inside, s.After) {
		fmt.Fprintf(&b, " %s %d inside, %d after;", op, s.Inside[op], s.After[op])
	}
	return strings.TrimSuffix(b.String(), ";")
}

func sortedKeys(ms ...map[string]int) []string {
	seen := map[string]bool{}
	var out []string
	for _, m := range ms {
		for k := range m {
			if !seen[k] {
				seen[k] = true
				out = append(out, k)
			}
		}
	}
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j] < out[j-1]; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// Run starts the child cfg.Kills times and kills each one as Aim says,
// checking the database after every kill. It fails the test when a child
// stops by itself or reports an error.
func Run(t testing.TB, cfg Config) Stats {
	t.Helper()
	if cfg.Wait == 0 {
		cfg.Wait = 60 * time.Second
	}
	r := rand.New(rand.NewPCG(cfg.Seed, 47))
	st := Stats{Inside: map[string]int{}, After: map[string]int{}}
	sum, n := map[string]time.Duration{}, map[string]int{}
	est := func(op string) time.Duration {
		if n[op] == 0 {
			return 0
		}
		return sum[op] / time.Duration(n[op])
	}
	start := time.Now()
	for k := 0; k < cfg.Kills; k++ {
		op, delay := cfg.Aim(k, r, est)
		cmd := exec.Command(os.Args[0], "-test.run=^"+cfg.Test+"$", "-test.v=false", "-test.count=1")
		cmd.Env = append(os.Environ(), envChild+"="+cfg.Child, envDB+"="+cfg.Path, fmt.Sprintf("%s=%d", envSeed, r.Uint64()))
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		offset := fileSize(LogPath(cfg.Path))
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		exited := make(chan struct{})
		go func() { cmd.Wait(); close(exited) }()
		// Follow the journal until the aimed operation begins.
		var events []Event
		deadline := time.Now().Add(cfg.Wait)
		aimed := false
		for !aimed {
			events = readEvents(LogPath(cfg.Path), offset)
			for _, e := range events {
				if op == "" || (e.Kind == "begin" && e.Op == op) {
					aimed = true
				}
			}
			if aimed {
				break
			}
			select {
			case <-exited:
				t.Fatalf("kill %d: the child stopped by itself before %q began: %s", k, op, stderr.String())
			default:
			}
			if time.Now().After(deadline) {
				cmd.Process.Kill()
				<-exited
				t.Fatalf("kill %d: %q did not begin within %v", k, op, cfg.Wait)
			}
			time.Sleep(500 * time.Microsecond)
		}
		time.Sleep(delay)
		cmd.Process.Kill()
		<-exited
		if strings.Contains(stderr.String(), "crash child:") || (cmd.ProcessState != nil && cmd.ProcessState.Success()) {
			t.Fatalf("kill %d: the child stopped by itself: %s", k, stderr.String())
		}
		events = readEvents(LogPath(cfg.Path), offset)
		begun := map[string]time.Time{}
		for _, e := range events {
			if e.Kind == "begin" {
				begun[e.Op] = e.At
			} else if b, ok := begun[e.Op]; ok {
				sum[e.Op] += e.At.Sub(b)
				n[e.Op]++
				delete(begun, e.Op)
			}
		}
		p := Point{K: k, Aimed: op, Events: events}
		if len(events) > 0 {
			p.Last = events[len(events)-1]
			p.Inside = p.Last.Kind == "begin"
			if p.Inside {
				st.Inside[p.Last.Op]++
			} else {
				st.After[p.Last.Op]++
			}
		}
		cfg.Check(p)
		st.Kills++
		if t.Failed() || (cfg.Until != nil && cfg.Until()) {
			break
		}
	}
	st.Took = time.Since(start)
	return st
}

func fileSize(path string) int64 {
	if fi, err := os.Stat(path); err == nil {
		return fi.Size()
	}
	return 0
}

// readEvents parses the whole lines of the journal from offset on.
func readEvents(path string, offset int64) []Event {
	f, err := os.Open(path)
	if err != nil {
		return nil
	}
	defer f.Close()
	if _, err := f.Seek(offset, 0); err != nil {
		return nil
	}
	var out []Event
	sc := bufio.NewScanner(f)
	var data []byte
	for sc.Scan() {
		data = append(data[:0], sc.Bytes()...)
		fields := strings.Fields(string(data))
		if len(fields) < 3 {
			continue
		}
		ns, err := strconv.ParseInt(fields[0], 10, 64)
		if err != nil {
			continue
		}
		out = append(out, Event{At: time.Unix(0, ns), Kind: fields[1], Op: fields[2], Args: fields[3:]})
	}
	// A last line without its newline is being written: bufio returns it
	// too, which is fine for begin/end lines written in one call.
	return out
}
