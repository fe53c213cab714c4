package payrun_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"verloner/app/payrun"
	"verloner/domain"
)

// pdfPages is a PDF's page count as pdfinfo reads it.
func pdfPages(t *testing.T, path string) int {
	t.Helper()
	out, err := exec.Command("pdfinfo", path).CombinedOutput()
	if err != nil {
		t.Fatalf("pdfinfo %s: %v\n%s", path, err, out)
	}
	m := regexp.MustCompile(`(?m)^Pages:\s+(\d+)`).FindSubmatch(out)
	if m == nil {
		t.Fatalf("pdfinfo %s: no page count", path)
	}
	n, _ := strconv.Atoi(string(m[1]))
	return n
}

// leftovers are the temporary files an export left in dir.
func leftovers(t *testing.T, dir string) []string {
	t.Helper()
	tmp, err := filepath.Glob(filepath.Join(dir, ".verloner-*"))
	must(t, err)
	return tmp
}

// TestWriteFilesCombined: the payslips are written one by one and combined
// from the stream: every file 0600, the combined PDF holds every payslip's
// pages in order, no temporary file stays behind, and a failed export
// leaves the files of an earlier one as they were.
func TestWriteFilesCombined(t *testing.T) {
	for _, tool := range []string{"pdfinfo", "pdftotext"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s not on PATH", tool)
		}
	}
	ctx := context.Background()
	now := time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)
	c := newClean(t, now)
	const n = 7
	for i := 1; i <= n; i++ {
		c.worker(t, fmt.Sprint(i), "1990-01-01", "16.00", week(domain.Date(2026, 11, 16), 1+i%5, domain.HourNormal, "8")...)
	}
	proof, err := payrun.Proof(ctx, c.db, w47, options(now), nil)
	must(t, err)
	dir := filepath.Join(t.TempDir(), "out")
	var marks []int
	files, err := payrun.WriteFiles(ctx, c.db, proof, dir, payrun.FileOptions{Parallel: 3}, func(done, total int) {
		marks = append(marks, done*payrun.ProgressTotal/total)
	})
	must(t, err)
	if len(files.Payslips) != n {
		t.Fatalf("%d payslips, want %d", len(files.Payslips), n)
	}
	for i := 1; i < len(marks); i++ {
		if marks[i] < marks[i-1] {
			t.Errorf("progress went back: %v", marks)
			break
		}
	}
	sum := 0
	for _, p := range append(append([]string{}, files.Payslips...), files.Combined) {
		info, err := os.Stat(p)
		if err != nil || info.Mode().Perm() != 0o600 {
			t.Errorf("%s: %v %v", p, info, err)
		}
	}
	for _, p := range files.Payslips {
		sum += pdfPages(t, p)
	}
	if got := pdfPages(t, files.Combined); got != sum {
		t.Errorf("combined PDF has %d pages, the payslips %d", got, sum)
	}
	// The combiner writes PDF structure of its own: qpdf must find it sound.
	if _, err := exec.LookPath("qpdf"); err == nil {
		if out, err := exec.Command("qpdf", "--check", files.Combined).CombinedOutput(); err != nil {
			t.Errorf("qpdf --check of the combined PDF: %v\n%s", err, out)
		}
	}
	out, err := exec.Command("pdftotext", "-raw", files.Combined, "-").Output()
	must(t, err)
	last := -1
	for _, ps := range proof.Payslips {
		at := strings.Index(string(out), "("+ps.WorkerNumber+")")
		if at < 0 || at < last {
			t.Errorf("payslip of %s missing or out of order in the combined PDF", ps.WorkerNumber)
		}
		last = at
	}
	if tmp := leftovers(t, dir); len(tmp) > 0 {
		t.Errorf("temporary files left: %v", tmp)
	}

	// A cancelled export leaves the earlier files as they were.
	before, err := os.ReadFile(files.Combined)
	must(t, err)
	first, err := os.ReadFile(files.Payslips[0])
	must(t, err)
	cctx, cancel := context.WithCancel(ctx)
	_, err = payrun.WriteFiles(cctx, c.db, proof, dir, payrun.FileOptions{Parallel: 2}, func(done, total int) {
		if done*payrun.ProgressTotal >= 40*total {
			cancel()
		}
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled export: %v", err)
	}
	if after, _ := os.ReadFile(files.Combined); string(after) != string(before) {
		t.Error("a cancelled export replaced the combined PDF")
	}
	if after, _ := os.ReadFile(files.Payslips[0]); string(after) != string(first) {
		t.Error("a cancelled export replaced a payslip")
	}
	if tmp := leftovers(t, dir); len(tmp) > 0 {
		t.Errorf("temporary files left after a cancelled export: %v", tmp)
	}
}
