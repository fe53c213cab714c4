package contractpdf_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"verloner/domain"
	"verloner/domain/contract"
	"verloner/exporters/contractpdf"
)

// sample is a fase-A contract with ET in language l, rendered from the
// built-in template.
func sample(t *testing.T, l domain.Language) contractpdf.Document {
	t.Helper()
	d := func(s string) decimal.Decimal { return decimal.RequireFromString(s) }
	s := contract.DefaultSettings()
	c := &contract.Contract{ID: 1, WorkerID: 7, Number: 1, Version: 2, Reason: contract.ReasonExtension, EffectiveFrom: domain.Date(2026, 7, 1),
		Start: domain.Date(2026, 1, 5), End: domain.Date(2026, 12, 31), Phase: domain.PhaseA, PhaseWeeks: 12, Uitzendbeding: true,
		Language: l, HirerName: "Brabant Logistiek B.V.", Function: "orderpicker", AgreedHours: d("4"), HourlyWage: d("16.10"),
		CAO: s.CAO, Pension: s.Pension, PensionEmployeePercent: d("7.5"), HolidayPayPercent: s.HolidayPayPercent, WaitingDays: 1,
		SickPayPercent: s.SickPayPercent, SickPayPercentYear2: s.SickPayPercentYear2, ETFrom: domain.Date(2026, 1, 5),
		ETUntil: domain.Date(2026, 12, 31), ETMaxPercent: s.ETMaxPercent, SignedOn: domain.Date(2026, 6, 28),
		CreatedAt: time.Date(2026, 6, 25, 10, 0, 0, 0, time.UTC)}
	tpl, err := contract.DefaultTemplate(l)
	if err != nil {
		t.Fatal(err)
	}
	w := &domain.Worker{Number: "1003", FirstName: "Łukasz", LastName: "Wiśniewski", BirthDate: domain.Date(1994, 3, 9),
		Address: domain.Address{Street: "Kerkstraat 12", PostalCode: "5041 AB", City: "Tilburg"}}
	a := &domain.Agency{Name: "Flexwerk Zuid B.V.", KvK: "12345678", Address: domain.Address{Street: "Spoorlaan 1", PostalCode: "5038 CC", City: "Tilburg"}}
	c.Body = tpl.Render(contract.ValuesFor(c, contract.Parties{Agency: a, Worker: w, PlacementNumber: "P-0042", Date: domain.Date(2026, 6, 25)}, s))
	return contractpdf.Document{Contract: c, AgencyName: a.Name, WorkerName: w.FullName(), WorkerNo: w.Number}
}

func TestRender_TextAndQPDF(t *testing.T) {
	for _, tt := range []struct {
		lang domain.Language
		want []string
	}{
		{domain.Dutch, []string{"Uitzendovereenkomst", "Artikel 8 – Extraterritoriale kosten (ET-regeling)", "Voor het uitzendbureau",
			"De uitzendkracht", "Getekend op 28-06-2026", "contract 1, versie 2 – verlenging", "Pagina 1 van", "Łukasz Wiśniewski", "€ 16,10"}},
		{domain.English, []string{"Temporary employment contract", "Article 2 – Duration", "For the agency", "Signed on 28-06-2026", "Page 1 of"}},
		{domain.Polish, []string{"Umowa o pracę tymczasową", "Artykuł 7 – Choroba", "W imieniu agencji", "Pracownik tymczasowy", "Podpisano 28-06-2026",
			"Strona 1 z", "umowa 1, wersja 2 – przedłużenie", "jednego dnia karencji"}},
	} {
		doc := sample(t, tt.lang)
		b, err := contractpdf.Render(doc)
		if dir := os.Getenv("CONTRACTPDF_OUT"); dir != "" {
			_ = os.WriteFile(filepath.Join(dir, "contract-"+string(tt.lang)+".pdf"), b, 0o600)
		}
		if err != nil {
			t.Fatalf("%s: %v", tt.lang, err)
		}
		if contractpdf.FileName(doc) != "contract-1003-1-v2.pdf" {
			t.Errorf("file name %s", contractpdf.FileName(doc))
		}
		txt := pdfText(t, b)
		for _, w := range tt.want {
			if !strings.Contains(txt, w) {
				t.Errorf("%s: %q missing from the PDF text:\n%s", tt.lang, w, txt)
			}
		}
	}
	if _, err := contractpdf.Render(contractpdf.Document{Contract: &contract.Contract{}}); domain.ErrorCode(err) != domain.EINVALID {
		t.Errorf("empty contract: %v", err)
	}
}

// pdfText checks the PDF with qpdf --check and returns its text (pdftotext);
// both tools are required on the development machine and in CI.
func pdfText(t *testing.T, b []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "c.pdf")
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
