package cli_test

import (
	"encoding/json"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// After a final run the demo's workers have vakantiebijslag reserved: payout
// balances shows it, request --all asks it for everyone who has it, a second
// request for the same worker is refused, cancel withdraws one, and a request
// without a scheme or with both --worker and --all is a usage error.
func TestPayout_RequestAllListCancel(t *testing.T) {
	db := demoFile(t)
	for _, step := range []string{"--proof", "--approve", "--final"} {
		if code, _, stderr := run(t, "payroll", "--db", db, "--period", "2026-W47", step, "--out", t.TempDir()); code != 0 {
			t.Fatalf("payroll %s: %s", step, stderr)
		}
	}
	code, stdout, stderr := run(t, "payout", "balances", "--db", db, "--json")
	if code != 0 {
		t.Fatal(stderr)
	}
	var balances []struct{ Worker, Scheme, Unit, Balance string }
	if err := json.Unmarshal([]byte(stdout), &balances); err != nil {
		t.Fatal(err, stdout)
	}
	withHolidayPay := map[string]bool{}
	for _, b := range balances {
		if b.Scheme == "vakantiebijslag" && b.Unit == "euro" && !strings.HasPrefix(b.Balance, "-") && b.Balance != "0.00" {
			withHolidayPay[b.Worker] = true
		}
	}
	if len(withHolidayPay) < 3 {
		t.Fatalf("vakantiebijslag balances after a final run: %s", stdout)
	}

	code, stdout, stderr = run(t, "payout", "request", "--db", db, "--all", "--scheme", "vakantiebijslag", "--note", "mei")
	if code != 0 || !strings.HasPrefix(stdout, strconv.Itoa(len(withHolidayPay))+" uitbetalingsverzoeken") {
		t.Fatalf("request --all: %d %q %q (want %d requests)", code, stdout, stderr, len(withHolidayPay))
	}
	var some string
	for w := range withHolidayPay {
		some = w
		break
	}
	if code, _, stderr := run(t, "payout", "request", "--db", db, "--worker", some, "--scheme", "vakantiebijslag"); code != 1 ||
		!strings.Contains(stderr, "al een open uitbetalingsverzoek") {
		t.Errorf("second request for worker %s: %d %q", some, code, stderr)
	}
	code, stdout, _ = run(t, "payout", "list", "--db", db, "--open", "--json")
	var open []struct {
		ID                   int64
		Worker, Amount, Note string
		Status, Requested_on string
	}
	if err := json.Unmarshal([]byte(stdout), &open); err != nil || code != 0 || len(open) != len(withHolidayPay) {
		t.Fatalf("open requests: %v %s", err, stdout)
	}
	if o := open[0]; o.Amount != "hele saldo" || o.Note != "mei" || o.Status != "open" || !withHolidayPay[o.Worker] {
		t.Errorf("request %+v", o)
	}
	if code, stdout, stderr := run(t, "payout", "cancel", "--db", db, "--id", strconv.FormatInt(open[0].ID, 10)); code != 0 || !strings.Contains(stdout, "ingetrokken") {
		t.Errorf("cancel: %d %q %q", code, stdout, stderr)
	}
	if code, stdout, _ := run(t, "payout", "list", "--db", db, "--open"); code != 0 || strings.Count(stdout, "\n") != len(open) {
		t.Errorf("after cancelling one, open list:\n%s", stdout)
	}
	// The statement on the run's last day: a row per worker with a balance and
	// the totals below.
	xl := filepath.Join(t.TempDir(), "reserveringen.xlsx")
	if code, stdout, stderr := run(t, "payout", "statement", "--db", db, "--at", "2026-11-22", "--out", xl); code != 0 ||
		!strings.Contains(stdout, "Reserveringen per 22-11-2026") {
		t.Fatalf("statement: %d %q %q", code, stdout, stderr)
	}
	f, err := excelize.OpenFile(xl)
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := f.GetRows("Reserveringen")
	f.Close()
	if len(rows) < 3+len(withHolidayPay) || rows[1][2] != "Vakantiegeld (€)" || rows[len(rows)-1][0] != "Totaal" {
		t.Errorf("statement rows: %q", rows)
	}
	for _, args := range [][]string{
		{"payout", "statement", "--db", db},
		{"payout", "request", "--db", db, "--all"},
		{"payout", "request", "--db", db, "--all", "--worker", some, "--scheme", "vakantiebijslag"},
		{"payout", "request", "--db", db, "--worker", some, "--scheme", "vakantiebijslag", "--amount", "-5"},
		{"payout", "cancel", "--db", db},
	} {
		if code, _, _ := run(t, args...); code != 2 {
			t.Errorf("%v: exit %d, want 2", args[1:], code)
		}
	}
}
