package margin_test

import (
	"bytes"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"verloner/exporters/margin"
)

// pdfText extracts a PDF's text with pdftotext (poppler), skipping the test
// when it is not installed.
func pdfText(t *testing.T, data []byte) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed")
	}
	path := filepath.Join(t.TempDir(), "x.pdf")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

// keep writes the file for a look when VERLONER_KEEP names a folder.
func keep(t *testing.T, name string, data []byte) {
	if dir := os.Getenv("VERLONER_KEEP"); dir != "" {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
}

func TestPDFs(t *testing.T) {
	ov := fixture()
	for _, tc := range []struct {
		name   string
		render func() ([]byte, error)
		want   []string
	}{
		{"overview", func() ([]byte, error) { return margin.OverviewPDF(ov, margin.Options{}) }, []string{"Margeoverzicht 2026-W47",
			"Marge per inlener", "Marge per plaatsing", "Łukasz Wiśniewski", "=HYPERLINK", "geen gegevens", "loonkosten ontbreken", "Totaal"}},
		{"report", func() ([]byte, error) { return margin.ReportPDF(ov, margin.Options{}) }, []string{"Managementrapportage 2026-W47",
			"Kerncijfers", "Top 5 inleners", "1. INL01 Brabant Logistiek B.V.", "Openstaande debiteuren per 30-11-2026", "€ 2.400,12", "€ 1.200,00"}},
		{"settlement", func() ([]byte, error) { return margin.SettlementPDF(ov, margin.Options{}) }, []string{"Margeafrekening 2026-W47",
			"Payroll Partners B.V.", "12,50 % van de marge", "Marge na vergoeding", "Nog niet klaar om goed te keuren", "Voor akkoord Payroll Partners B.V."}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data, err := tc.render()
			if err != nil {
				t.Fatal(err)
			}
			keep(t, tc.name+".pdf", data)
			if !bytes.HasPrefix(data, []byte("%PDF-")) {
				t.Fatal("not a PDF")
			}
			text := pdfText(t, data)
			flat := strings.Join(strings.Fields(text), " ")
			for _, w := range tc.want {
				if !strings.Contains(flat, w) {
					t.Errorf("%s lacks %q", tc.name, w)
				}
			}
		})
	}
}

func TestPeriodChartPNG(t *testing.T) {
	ov := fixture()
	data, err := margin.PeriodChartPNG(ov.Series, 1000, 320)
	if err != nil {
		t.Fatal(err)
	}
	keep(t, "chart.png", data)
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != 1000 || b.Dy() != 320 {
		t.Fatalf("size %v", b)
	}
	// The last two periods have bars: the chart's colours appear.
	colours := map[[3]uint32]int{}
	for y := 0; y < 320; y++ {
		for x := 0; x < 1000; x++ {
			r, g, b, _ := img.At(x, y).RGBA()
			colours[[3]uint32{r >> 8, g >> 8, b >> 8}]++
		}
	}
	for name, c := range map[string][3]uint32{"revenue": {0x44, 0x72, 0xC4}, "cost": {0xED, 0x7D, 0x31}, "margin": {0x70, 0xAD, 0x47}} {
		if colours[c] < 200 {
			t.Errorf("%s bars: %d pixels", name, colours[c])
		}
	}
}
