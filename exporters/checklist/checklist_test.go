package checklist_test

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"flag"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"verloner/domain/checks"
	"verloner/exporters/checklist"
)

var keep = flag.String("keep", "", "also write the demo exports to this folder, to look at them")

// demo reads the demo week's checklist, the golden file of app/checking.
func demo(t *testing.T) *checks.Checklist {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "app", "checking", "testdata", "demo-2026-W47.json"))
	if err != nil {
		t.Fatal(err)
	}
	cl := &checks.Checklist{}
	if err := json.Unmarshal(b, cl); err != nil {
		t.Fatal(err)
	}
	if len(cl.Findings) == 0 {
		t.Fatal("demo checklist without findings")
	}
	return cl
}

func save(t *testing.T, name string, b []byte) string {
	t.Helper()
	dir := t.TempDir()
	if *keep != "" {
		dir = *keep
	}
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestXLSX_RoundTrip writes the demo checklist with a hostile hirer name and
// reads it back: every finding is there with its message, the counts add up,
// and no cell is a formula.
func TestXLSX_RoundTrip(t *testing.T) {
	cl := demo(t)
	for i := range cl.Hirers {
		if cl.Hirers[i].Number == "INL05" {
			cl.Hirers[i].Name = `=HYPERLINK("http://evil","Breda")`
		}
	}
	for _, lang := range []string{"nl", "en"} {
		var buf bytes.Buffer
		if err := checklist.WriteXLSX(&buf, cl, checklist.Options{Lang: lang}); err != nil {
			t.Fatal(err)
		}
		save(t, checklist.FileName(cl, checklist.Options{Lang: lang})+".xlsx", buf.Bytes())
		assertNoFormulas(t, buf.Bytes())
		f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
		if err != nil {
			t.Fatal(err)
		}
		sheets := f.GetSheetList()
		want := []string{"Controlelijst", "Samenvatting", "Controles"}
		if lang == "en" {
			want = []string{"Checklist", "Summary", "Rules"}
		}
		if strings.Join(sheets, ",") != strings.Join(want, ",") {
			t.Fatalf("%s sheets %v", lang, sheets)
		}
		rows, err := f.GetRows(sheets[0], excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		groups := len(cl.Groups())
		if len(rows) != 2+groups+len(cl.Findings) {
			t.Errorf("%s: %d rows, want title + header + %d groups + %d findings", lang, len(rows), groups, len(cl.Findings))
		}
		if !strings.Contains(rows[0][0], cl.Period) || !strings.Contains(rows[0][0], "13") {
			t.Errorf("title %q", rows[0][0])
		}
		var blockers, evil int
		messages := map[string]bool{}
		for _, r := range rows[2:] {
			for len(r) < 10 {
				r = append(r, "")
			}
			if r[4] == checks.Blocker.Label(lang) {
				blockers++
			}
			if strings.HasPrefix(r[0], "INL05 =HYPERLINK") {
				evil++
			}
			messages[r[6]] = true
		}
		if blockers != cl.Counts().Blockers {
			t.Errorf("%s: %d blocker rows, want %d", lang, blockers, cl.Counts().Blockers)
		}
		if evil == 0 {
			t.Errorf("%s: hostile hirer name not written verbatim", lang)
		}
		for _, fd := range cl.Findings {
			if !messages[fd.Message.In(lang)] {
				t.Errorf("%s: message missing: %s", lang, fd.Message.In(lang))
			}
		}
		sum, _ := f.GetRows(sheets[1], excelize.Options{RawCellValue: true})
		total := sum[len(sum)-1]
		if total[2] != "13" || total[3] != "10" || total[4] != "0" {
			t.Errorf("%s summary total %v", lang, total)
		}
		f.Close()
	}
}

func assertNoFormulas(t *testing.T, b []byte) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	for _, zf := range zr.File {
		if strings.HasPrefix(zf.Name, "xl/worksheets/") {
			rc, _ := zf.Open()
			raw, _ := io.ReadAll(rc)
			rc.Close()
			if bytes.Contains(raw, []byte("<f>")) || bytes.Contains(raw, []byte("<f ")) {
				t.Errorf("%s holds a formula", zf.Name)
			}
		}
	}
}

// TestPDF renders the demo checklist and checks it with qpdf and pdftotext
// (when installed): structure valid, header on every page, every finding's
// rule ID present, no whole BSN or IBAN.
func TestPDF(t *testing.T) {
	cl := demo(t)
	for _, lang := range []string{"nl", "en"} {
		opt := checklist.Options{Lang: lang}
		b, err := checklist.PDF(cl, opt)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(b, []byte("%PDF-")) {
			t.Fatal("not a PDF")
		}
		path := save(t, checklist.FileName(cl, opt)+".pdf", b)
		if _, err := exec.LookPath("qpdf"); err == nil {
			if out, err := exec.Command("qpdf", "--check", path).CombinedOutput(); err != nil {
				t.Errorf("qpdf --check: %v\n%s", err, out)
			}
		}
		if _, err := exec.LookPath("pdftotext"); err != nil {
			continue
		}
		out, err := exec.Command("pdftotext", "-layout", path, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		txt := strings.ReplaceAll(string(out), "\u00a0", " ")
		pages := strings.Count(txt, "\f")
		if n := strings.Count(txt, "Flexwerk Zuid B.V."); n < pages {
			t.Errorf("%s: agency header on %d of %d pages", lang, n, pages)
		}
		want := []string{"Controlelijst 2026-W47", "GEBLOKKEERD", "Łukasz Kamiński", "Gintarė Kazlauskienė", "€ 11,99", "Pagina 1 van"}
		if lang == "en" {
			want = []string{"Checklist 2026-W47", "BLOCKED", "Łukasz Kamiński", "€11.99", "Page 1 of"}
		}
		for _, w := range want {
			if !strings.Contains(txt, w) {
				t.Errorf("%s: PDF text lacks %q", lang, w)
			}
		}
		for _, f := range cl.Findings {
			if !strings.Contains(txt, f.Rule) {
				t.Errorf("%s: rule %s not in the PDF", lang, f.Rule)
			}
		}
		for _, whole := range []string{"123456789", "NL94ASNB0100182137"} {
			if strings.Contains(strings.ReplaceAll(txt, " ", ""), whole) {
				t.Errorf("%s: PDF shows %s unmasked", lang, whole)
			}
		}
	}
}

func TestEmptyChecklist(t *testing.T) {
	cl := &checks.Checklist{Period: "2026-W48", Agency: "X", CreatedAt: time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC),
		Findings: []checks.Finding{}}
	if _, err := checklist.PDF(cl, checklist.Options{}); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := checklist.WriteXLSX(&buf, cl, checklist.Options{Lang: "en"}); err != nil {
		t.Fatal(err)
	}
}
