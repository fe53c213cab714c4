package margin_test

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"verloner/exporters/margin"
)

// stripCached removes the cached value of every formula cell, so that a
// program must recalculate to show anything.
func stripCached(t *testing.T, data []byte) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	formulaCell := regexp.MustCompile(`<c [^>]*>(?:[^<]|<[^/]|</[^c])*?<f>.*?</c>`)
	value := regexp.MustCompile(`<v>[^<]*</v>`)
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	stripped := 0
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(rc)
		rc.Close()
		if strings.HasPrefix(f.Name, "xl/worksheets/sheet") {
			body = formulaCell.ReplaceAllFunc(body, func(c []byte) []byte {
				if value.Match(c) {
					stripped++
				}
				return value.ReplaceAll(c, nil)
			})
		}
		w, err := zw.Create(f.Name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(body)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if stripped < 50 {
		t.Fatalf("only %d cached values removed", stripped)
	}
	return out.Bytes()
}

// TestLibreOffice_RecalculatesToTheSameFigures opens both workbooks, with
// every cached formula value removed, in LibreOffice (headless), lets it
// recalculate and compares every cell with what Verloner wrote. It needs
// soffice and takes seconds, so it is skipped without it and with -short.
func TestLibreOffice_RecalculatesToTheSameFigures(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil || testing.Short() {
		t.Skip("soffice not installed, or -short")
	}
	dir := t.TempDir()
	books := map[string][]byte{}
	for name, write := range map[string]func(io.Writer) error{
		"marge":  func(w io.Writer) error { return margin.WriteXLSX(w, fixture()) },
		"report": func(w io.Writer) error { return margin.WriteReportXLSX(w, fixture()) },
		// A function name with a wildcard: the escaped SUMIFS criterion.
		"wildcard": func(w io.Writer) error { return margin.WriteXLSX(w, fixtureWith("Timmerman *")) },
	} {
		var buf bytes.Buffer
		if err := write(&buf); err != nil {
			t.Fatal(err)
		}
		books[name] = buf.Bytes()
		if err := os.WriteFile(filepath.Join(dir, name+".xlsx"), stripCached(t, buf.Bytes()), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(dir, "csv")
	cmd := exec.Command(soffice, "-env:UserInstallation=file://"+filepath.Join(dir, "profile"), "--headless", "--calc",
		"--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1", "--outdir", out,
		filepath.Join(dir, "marge.xlsx"), filepath.Join(dir, "report.xlsx"), filepath.Join(dir, "wildcard.xlsx"))
	done := make(chan error, 1)
	var log bytes.Buffer
	cmd.Stdout, cmd.Stderr = &log, &log
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("soffice: %v\n%s", err, log.String())
		}
	case <-time.After(3 * time.Minute):
		cmd.Process.Kill()
		t.Fatal("soffice did not finish")
	}
	for name, data := range books {
		f, err := excelize.OpenReader(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		for _, sh := range f.GetSheetList() {
			want, _ := f.GetRows(sh, excelize.Options{RawCellValue: true})
			raw, err := os.ReadFile(filepath.Join(out, name+"-"+sh+".csv"))
			if err != nil {
				t.Errorf("%s %s: %v", name, sh, err)
				continue
			}
			r := csv.NewReader(bytes.NewReader(raw))
			r.FieldsPerRecord = -1
			got, err := r.ReadAll()
			if err != nil {
				t.Fatalf("%s %s: %v", name, sh, err)
			}
			checked := 0
			for i, row := range want {
				for j, w := range row {
					g := ""
					if i < len(got) && j < len(got[i]) {
						g = got[i][j]
					}
					checked++
					if !same(g, w) {
						t.Errorf("%s!%s row %d col %d: LibreOffice %q, Verloner %q", name, sh, i+1, j+1, g, w)
					}
				}
			}
			if checked == 0 {
				t.Errorf("%s %s: nothing compared", name, sh)
			}
		}
		f.Close()
	}
}
