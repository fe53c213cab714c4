package invoicepdf_test

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/shopspring/decimal"

	"verloner/domain"
	"verloner/domain/invoice"
	"verloner/domain/invoice/invoicetest"
	"verloner/exporters/invoicepdf"
)

// fixture returns the finalised invoices of the invoicetest week with their
// hours annex: INL01 (21 %, G 25 %), INL04 (reverse charge, G 20 %) and INL02
// (no G-rekening share).
func fixture(t testing.TB) []*invoicepdf.Document {
	t.Helper()
	x := invoicetest.Week47()
	var out []*invoicepdf.Document
	seq := 0
	for _, c := range []struct {
		hirer int64
		opt   invoice.Options
	}{
		{invoicetest.HirerLogistics, invoice.Options{OrderReference: "PO-88123"}},
		{invoicetest.HirerConstruction, invoice.Options{}},
		{invoicetest.HirerFood, invoice.Options{NoGShare: true, Note: "Met dank voor de prettige samenwerking."}},
	} {
		invs, err := x.Build(c.hirer, c.opt)
		if err != nil {
			t.Fatal(err)
		}
		for _, inv := range invs {
			seq++
			if err := inv.Finalise(invoice.SeriesFor(invoicetest.IssueDate).Format(seq), invoicetest.IssueDate); err != nil {
				t.Fatal(err)
			}
			doc := &invoicepdf.Document{Invoice: inv}
			for _, hl := range x.Lines {
				p := x.Placements[hl.PlacementID]
				if p.HirerID != c.hirer {
					continue
				}
				doc.Hours = append(doc.Hours, invoicepdf.Hour{Worker: x.Workers[p.WorkerID].FullName(), Placement: p.Number,
					Function: p.Function, Date: hl.Date, Type: hl.Type, Quantity: hl.Quantity, BillPercent: hl.BillPercent})
			}
			out = append(out, doc)
		}
	}
	return out
}

func pdftotext(t *testing.T, pdf []byte) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext (poppler-utils) not installed")
	}
	p := filepath.Join(t.TempDir(), "x.pdf")
	if err := os.WriteFile(p, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-layout", p, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

func qpdfCheck(t *testing.T, pdf []byte) {
	t.Helper()
	if _, err := exec.LookPath("qpdf"); err != nil {
		t.Skip("qpdf not installed")
	}
	p := filepath.Join(t.TempDir(), "x.pdf")
	if err := os.WriteFile(p, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("qpdf", "--check", p).CombinedOutput(); err != nil {
		t.Fatalf("qpdf --check: %v\n%s", err, out)
	}
}

func qty(d decimal.Decimal) string {
	s := d.String()
	places := 0
	if i := strings.IndexByte(s, '.'); i >= 0 {
		places = len(s) - i - 1
	}
	return domain.FormatDecimalNL(d, int32(places))
}

// squash removes the layout's spacing so that phrases match across columns.
func squash(s string) string { return strings.Join(strings.Fields(s), " ") }

// TestPDF_ShowsEveryArticle35aItem checks the rendered text, not the model:
// each item of art. 35a lid 1 (and the G-rekening split, the notes and the
// hours annex) must be readable in the PDF.
func TestPDF_ShowsEveryArticle35aItem(t *testing.T) {
	for _, doc := range fixture(t) {
		inv := doc.Invoice
		t.Run(inv.Number+"-"+inv.Customer.Number, func(t *testing.T) {
			b, err := invoicepdf.PDF(doc)
			if err != nil {
				t.Fatal(err)
			}
			qpdfCheck(t, b)
			text := squash(pdftotext(t, b))
			want := map[string]string{
				"a invoice date":         inv.IssueDate.Format("02-01-2006"),
				"b number":               inv.Number,
				"c supplier VAT id":      inv.Supplier.VATID,
				"e supplier name":        inv.Supplier.Name,
				"e supplier address":     inv.Supplier.Address.Street,
				"e supplier city":        inv.Supplier.Address.City,
				"e customer name":        inv.Customer.Name,
				"e customer address":     inv.Customer.Address.Street,
				"e customer postal code": inv.Customer.Address.PostalCode,
				"g period start":         inv.PeriodStart.Format("02-01-2006"),
				"g period end":           inv.PeriodEnd.Format("02-01-2006"),
				"total":                  domain.FormatEuro(inv.Payable),
				"net":                    domain.FormatEuro(inv.NetTotal),
				"due date":               inv.DueDate.Format("02-01-2006"),
				"IBAN":                   domain.FormatIBAN(inv.IBAN),
				"annex":                  "Bijlage: uren per uitzendkracht per dag",
			}
			for _, l := range inv.Lines {
				want["f nature "+l.Description] = l.Description
				want["f quantity "+l.Description] = qty(l.Quantity)
				want["line amount "+l.Description] = domain.FormatEuro(l.Amount)
				want["worker "+l.Worker] = l.Worker
			}
			for _, s := range inv.VATBreakdown {
				want["h taxable "+string(s.Category)] = domain.FormatEuro(s.Taxable)
				if s.Category == invoice.VATStandard {
					want["i rate"] = "Btw 21 %"
					want["j VAT amount"] = domain.FormatEuro(s.VAT)
				}
			}
			if inv.ReverseCharge {
				want["d customer VAT id"] = inv.Customer.VATID
				want["m btw verlegd"] = "Btw verlegd"
			}
			if inv.HasGShare() {
				want["G IBAN"] = domain.FormatIBAN(inv.GIBAN)
				want["G amount"] = domain.FormatEuro(inv.GAmount)
				want["regular amount"] = domain.FormatEuro(inv.RegularAmount)
			}
			for _, n := range inv.Notes() {
				want["note "+n[:min(20, len(n))]] = n
			}
			for what, s := range want {
				if !strings.Contains(text, squash(s)) {
					t.Errorf("%s: %q not in the PDF text", what, s)
				}
			}
			if !inv.ReverseCharge && strings.Contains(text, "Btw verlegd") {
				t.Error("a normal invoice says btw verlegd")
			}
		})
	}
}

func TestPDF_CreditNoteNamesTheInvoice(t *testing.T) {
	doc := fixture(t)[0]
	cn, err := invoice.NewCreditNote(doc.Invoice, doc.Invoice.Lines[:1], "Verkeerd tarief")
	if err != nil {
		t.Fatal(err)
	}
	if err := cn.Finalise("2026-000009", invoicetest.IssueDate.AddDate(0, 0, 3)); err != nil {
		t.Fatal(err)
	}
	b, err := invoicepdf.PDF(&invoicepdf.Document{Invoice: cn})
	if err != nil {
		t.Fatal(err)
	}
	text := squash(pdftotext(t, b))
	for _, s := range []string{"CREDITNOTA", "Creditnota 2026-000009", "Op factuur " + doc.Invoice.Number + " van 24-11-2026", "Verkeerd tarief", "Totaal gecrediteerd"} {
		if !strings.Contains(text, s) {
			t.Errorf("%q not in the credit note", s)
		}
	}
	if strings.Contains(text, "Bijlage") {
		t.Error("annex without hours")
	}
}

func TestPDF_RefusesUnfinishedAndRendersNames(t *testing.T) {
	doc := fixture(t)[0]
	draft := *doc.Invoice
	draft.Number = ""
	if _, err := invoicepdf.PDF(&invoicepdf.Document{Invoice: &draft}); domain.ErrorCode(err) != domain.EINVALID {
		t.Errorf("a draft without number rendered: %v", err)
	}
	// Names from the workforce: Polish, Turkish, Romanian, Lithuanian, Cyrillic.
	names := []string{"Łukasz Wąsowski", "Çağrı Şahin", "Ștefan Țurcanu", "Žydrūnė Čepaitė", "Олександр Шевченко"}
	for i, n := range names {
		doc.Hours[i].Worker = n
	}
	b, err := invoicepdf.PDF(doc)
	if err != nil {
		t.Fatal(err)
	}
	text := pdftotext(t, b)
	for _, n := range names {
		if !strings.Contains(text, n) {
			t.Errorf("name %q not rendered", n)
		}
	}
}

func TestPDF_Logo(t *testing.T) {
	doc := fixture(t)[0]
	img := image.NewRGBA(image.Rect(0, 0, 240, 60))
	for x := 0; x < 240; x++ {
		for y := 0; y < 60; y++ {
			img.Set(x, y, color.RGBA{R: 31, G: 78, B: uint8(121 + x%100), A: 255})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	doc.Logo, doc.LogoType = buf.Bytes(), "png"
	b, err := invoicepdf.PDF(doc)
	if err != nil {
		t.Fatal(err)
	}
	qpdfCheck(t, b)
	if !bytes.Contains(b, []byte("/Subtype /Image")) {
		t.Error("no image in the PDF")
	}
	if dir := os.Getenv("INVOICEPDF_OUT"); dir != "" {
		os.WriteFile(filepath.Join(dir, "logo.pdf"), b, 0o600)
	}
}

// TestPDF_Render writes the fixture's PDFs to INVOICEPDF_OUT for a visual check
// (pdftoppm -r 70 -png).
func TestPDF_Render(t *testing.T) {
	dir := os.Getenv("INVOICEPDF_OUT")
	if dir == "" {
		t.Skip("set INVOICEPDF_OUT to a folder to write the fixture PDFs")
	}
	for _, doc := range fixture(t) {
		b, err := invoicepdf.PDF(doc)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, invoicepdf.FileName(doc.Invoice)+".pdf"), b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
}

// TestPDF_Concurrent renders in parallel goroutines; run with -race.
func TestPDF_Concurrent(t *testing.T) {
	docs := fixture(t)
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, d := range docs {
				if _, err := invoicepdf.PDF(d); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
}

func BenchmarkPDF(b *testing.B) {
	doc := fixture(b)[0]
	b.ReportAllocs()
	for b.Loop() {
		if _, err := invoicepdf.PDF(doc); err != nil {
			b.Fatal(err)
		}
	}
}
