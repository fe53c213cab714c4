package combine_test

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"verloner/exporters/pdf"
	"verloner/exporters/pdf/combine"
)

// sample is a document of exporters/pdf (gofpdf) with rows table rows.
func sample(t testing.TB, lang string, rows int) []byte {
	t.Helper()
	d, err := pdf.New(pdf.Options{Agency: "Flexwerk Zuid B.V.", Title: "Proefdocument", Subtitle: "week 2026-W47",
		Footer: "Gemaakt op 23-11-2026 12:00", Lang: lang, Created: time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	d.Heading("Łukasz Kamiński — € 1.350,36", 12, pdf.LightGrey)
	var trs []pdf.TableRow
	for i := 0; i < rows; i++ {
		trs = append(trs, pdf.TableRow{Cells: []pdf.Cell{{Text: fmt.Sprintf("regel %d", i+1)},
			{Text: strings.Repeat("een lange tekst die over meerdere regels loopt ", 1+i%3)}, {Text: "€ 12,50"}}})
	}
	d.Table([]pdf.Col{{Header: "Nr", Width: 2}, {Header: "Omschrijving", Width: 8}, {Header: "Bedrag", Width: 2, Right: true}}, trs)
	b, err := d.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func combineAll(t *testing.T, docs ...[]byte) []byte {
	t.Helper()
	var out bytes.Buffer
	c := combine.New(&out)
	c.SetTitle("Alles — Łódź")
	for _, d := range docs {
		if err := c.Add(d); err != nil {
			t.Fatal(err)
		}
	}
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

func pdfPages(t *testing.T, b []byte) int {
	t.Helper()
	if _, err := exec.LookPath("pdfinfo"); err != nil {
		t.Skip("pdfinfo not installed")
	}
	path := filepath.Join(t.TempDir(), "x.pdf")
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdfinfo", path).CombinedOutput()
	if err != nil {
		t.Fatalf("pdfinfo: %v\n%s", err, out)
	}
	if bytes.Contains(b, []byte("/Title <FEFF")) && !bytes.Contains(out, []byte("Title:           Alles — Łódź")) {
		t.Errorf("pdfinfo shows no title\n%s", out)
	}
	m := regexp.MustCompile(`(?m)^Pages:\s+(\d+)`).FindSubmatch(out)
	if m == nil {
		t.Fatalf("pdfinfo: no page count\n%s", out)
	}
	n := 0
	for _, c := range m[1] {
		n = n*10 + int(c-'0')
	}
	return n
}

func TestCombiner(t *testing.T) {
	a, b := sample(t, "nl", 60), sample(t, "en", 3)
	na, nb := pdfPages(t, a), pdfPages(t, b)
	docs := [][]byte{a, b, a, b}
	all := combineAll(t, docs...)
	if got, want := pdfPages(t, all), 2*(na+nb); got != want {
		t.Errorf("combined PDF has %d pages, want %d", got, want)
	}
	// The same fonts (and the same documents) are stored once.
	if len(all) >= len(a)+len(b) {
		t.Errorf("combined PDF is %d bytes, the first two alone %d", len(all), len(a)+len(b))
	}
	if q, err := exec.LookPath("qpdf"); err == nil {
		path := filepath.Join(t.TempDir(), "all.pdf")
		if err := os.WriteFile(path, all, 0o600); err != nil {
			t.Fatal(err)
		}
		if out, err := exec.Command(q, "--check", path).CombinedOutput(); err != nil {
			t.Errorf("qpdf --check: %v\n%s", err, out)
		}
	}
	if _, err := exec.LookPath("pdftotext"); err == nil {
		path := filepath.Join(t.TempDir(), "all.pdf")
		if err := os.WriteFile(path, all, 0o600); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command("pdftotext", path, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		txt := strings.ReplaceAll(string(out), "\u00a0", " ")
		pages := strings.Split(txt, "\f")
		for _, want := range []struct {
			page int
			text string
		}{{0, "Łukasz Kamiński"}, {0, "Pagina 1 van"}, {na, "Page 1 of"}, {na + nb, "Pagina 1 van"}, {2*na + nb, "Page 1 of"}} {
			if want.page >= len(pages) || !strings.Contains(pages[want.page], want.text) {
				t.Errorf("page %d lacks %q", want.page+1, want.text)
			}
		}
	}
}

func TestCombinerRefuses(t *testing.T) {
	var out bytes.Buffer
	c := combine.New(&out)
	if err := c.Close(); err == nil {
		t.Error("Close without pages succeeded")
	}
	c = combine.New(&out)
	if err := c.Add([]byte("%PDF-1.4\nnot a pdf\n")); err == nil {
		t.Fatal("Add accepted a broken PDF")
	}
	if err := c.Add(sample(t, "nl", 1)); err == nil {
		t.Error("Add after an error succeeded")
	}
	// A PDF whose stream length is wrong is refused, not copied short.
	good := sample(t, "nl", 1)
	bad := bytes.Replace(good, []byte("/Length "), []byte("/Length 1"), 1)
	c = combine.New(&out)
	if err := c.Add(bad); err == nil {
		t.Error("Add accepted a wrong /Length")
	}
}
