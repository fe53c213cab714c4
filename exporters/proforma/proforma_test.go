package proforma_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"verloner/domain"
	"verloner/domain/params"
	pf "verloner/domain/proforma"
	"verloner/exporters/proforma"
)

func result(t *testing.T, in pf.Input) *pf.Result {
	t.Helper()
	set, err := params.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	r, err := pf.CalculateFor(set, in)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestPDFAndXLSX(t *testing.T) {
	d := decimal.RequireFromString
	r := result(t, pf.Input{Year: 2026, HourlyWage: d("16.10"), Age: 30, Rate: d("26.57"),
		Mix: []pf.Mix{{Type: domain.HourNormal, Hours: d("36")}, {Type: domain.HourShift, Hours: d("4"), BillPercent: d("130")}}})
	created := time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)
	for _, tt := range []struct {
		name      string
		opt       proforma.Options
		want, not []string
	}{
		{"hirer", proforma.Options{Agency: "Flexwerk Zuid B.V.", Hirer: "Brabant Logistiek B.V.", Created: created},
			[]string{"Pro-forma tariefberekening", "Brabant Logistiek B.V.", "Tarief per uursoort", "€ 26,57", "€ 34,54", "Onregelmatige uren (ORT)", "€ 16,10", "€ 14,99"},
			[]string{"Kostprijs", "Marge", "Factor"}},
		{"internal", proforma.Options{Agency: "Flexwerk Zuid B.V.", ShowCosts: true, Lang: "en", Created: created},
			[]string{"Cost price (internal)", "Wage cost (40,00 hours worked)", euroText(r.WageCostPerHour), euroText(r.MarginPerHour), "Factor (rate / wage)"}, nil},
	} {
		b, err := proforma.PDF(r, tt.opt)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if dir := os.Getenv("PROFORMA_OUT"); dir != "" {
			_ = os.WriteFile(filepath.Join(dir, "proforma-"+tt.name+".pdf"), b, 0o600)
		}
		txt := pdfText(t, b)
		for _, w := range tt.want {
			if !strings.Contains(txt, w) {
				t.Errorf("%s: %q missing:\n%s", tt.name, w, txt)
			}
		}
		for _, w := range tt.not {
			if strings.Contains(txt, w) {
				t.Errorf("%s: %q in the hirer's version", tt.name, w)
			}
		}
		x, err := proforma.WriteXLSX(r, tt.opt)
		if err != nil {
			t.Fatal(err)
		}
		f, err := excelize.OpenReader(bytes.NewReader(x))
		if err != nil {
			t.Fatal(err)
		}
		sheets := f.GetSheetList()
		if (len(sheets) == 2) != tt.opt.ShowCosts {
			t.Errorf("%s: sheets %v", tt.name, sheets)
		}
		rows, _ := f.GetRows(sheets[0])
		if len(rows) < 4 || !strings.Contains(strings.Join(rows[3], "|"), "26.57") && !strings.Contains(strings.Join(rows[2], "|"), "26.57") {
			t.Errorf("%s: rate rows %v", tt.name, rows[:4])
		}
	}
	if proforma.FileBase(r) != "proforma-2026-W28-16_10" {
		t.Error(proforma.FileBase(r))
	}
}

func euroText(d decimal.Decimal) string { return domain.FormatEuro(d) }

func pdfText(t *testing.T, b []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "x.pdf")
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("qpdf", "--check", path).CombinedOutput(); err != nil {
		t.Fatalf("qpdf --check: %v\n%s", err, out)
	}
	out, err := exec.Command("pdftotext", "-raw", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return strings.Join(strings.Fields(strings.ReplaceAll(string(out), "\u00a0", " ")), " ")
}
