package pdf_test

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"verloner/exporters/pdf"
)

func sample(t testing.TB, lang string, rows int) []byte {
	t.Helper()
	d, err := pdf.New(pdf.Options{Agency: "Flexwerk Zuid B.V.", Title: "Proefdocument", Subtitle: "week 2026-W47",
		Footer: "Gemaakt op 23-11-2026 12:00", Lang: lang, Created: time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	d.Heading("Łukasz Kamiński — € 1.350,36", 12, pdf.LightGrey)
	d.Paragraph("Gintarė Kazlauskienė, Fatma Yılmaz, Agnieszka Wiśniewska, Andrei Popescu: Ąę Şş Ğğ İı ėė.", 0)
	d.KeyValues([][2]string{{"Periode", "2026-W47"}, {"Blokkades", "13"}})
	var trs []pdf.TableRow
	for i := 0; i < rows; i++ {
		trs = append(trs, pdf.TableRow{Cells: []pdf.Cell{{Text: fmt.Sprintf("regel %d", i+1), Bold: i == 0},
			{Text: strings.Repeat("een lange tekst die over meerdere regels loopt ", 1+i%3)}, {Text: "€ 12,50"}}})
	}
	d.Table([]pdf.Col{{Header: "Nr", Width: 2}, {Header: "Omschrijving", Width: 8}, {Header: "Bedrag", Width: 2, Right: true}}, trs)
	b, err := d.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestNew_RendersUTF8HeaderFooterAndPageNumbers(t *testing.T) {
	b := sample(t, "nl", 60)
	if !bytes.HasPrefix(b, []byte("%PDF-")) {
		t.Fatalf("not a PDF: %q", b[:10])
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed")
	}
	path := filepath.Join(t.TempDir(), "x.pdf")
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	txt := strings.ReplaceAll(string(out), "\u00a0", " ")
	pages := strings.Count(txt, "\f")
	if pages < 2 {
		t.Fatalf("60 rows fit on %d page(s)?", pages)
	}
	for _, want := range []string{"Łukasz Kamiński", "€ 1.350,36", "Gintarė Kazlauskienė", "Yılmaz", "Wiśniewska",
		fmt.Sprintf("Pagina 1 van %d", pages), fmt.Sprintf("Pagina %d van %d", pages, pages), "Gemaakt op 23-11-2026"} {
		if !strings.Contains(txt, want) {
			t.Errorf("PDF text lacks %q", want)
		}
	}
	// The header repeats on every page.
	if n := strings.Count(txt, "Flexwerk Zuid B.V."); n != pages {
		t.Errorf("agency in header %d times on %d pages", n, pages)
	}
	if en := sample(t, "en", 3); !bytes.HasPrefix(en, []byte("%PDF-")) {
		t.Error("English document not a PDF")
	}
}

// TestConcurrentDocuments builds documents in parallel goroutines, each
// with its own fonts (run with -race to see that nothing is shared).
func TestConcurrentDocuments(t *testing.T) {
	var wg sync.WaitGroup
	sizes := make([]int, 3)
	for i := range sizes {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sizes[i] = len(sample(t, "nl", 5))
		}()
	}
	wg.Wait()
	for i, n := range sizes {
		if n < 1000 {
			t.Errorf("document %d is %d bytes", i, n)
		}
	}
}
