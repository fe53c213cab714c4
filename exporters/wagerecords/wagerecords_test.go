package wagerecords_test

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
	wr "verloner/exporters/wagerecords"
)

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

var created = time.Date(2027, 1, 15, 9, 0, 0, 0, time.UTC)

// year is a hand-made loonstaat: two workers, two weeks and a correction.
func year() *wr.Year {
	f := func(gross, pension, tax, credit, zvwWage, zvw, awf, net string) wr.Figures {
		g, p := dec(gross), dec(pension)
		return wr.Figures{Gross: g, PensionEmployee: p, TaxableWage: g.Sub(p), TableWage: g.Sub(p), PremiumWage: g.Sub(p),
			ZvwWage: dec(zvwWage), WageTax: dec(tax), LabourCredit: dec(credit), Zvw: dec(zvw), AWf: dec(awf), Aof: dec("10"),
			Wko: dec("1"), Whk: dec("20"), PensionEmployer: dec("30"), Net: dec(net), PaidHours: dec("40")}
	}
	w47, w48 := domain.Period{Kind: domain.Weekly, Year: 2026, Number: 47}, domain.Period{Kind: domain.Weekly, Year: 2026, Number: 48}
	mk := func(number, name, bsn string, l domain.Language, es ...wr.Entry) *wr.WorkerYear {
		w := &wr.WorkerYear{Number: number, Name: name, BSN: bsn, BirthDate: domain.Date(1990, 5, 1), Language: l,
			Address: domain.Address{Street: "Kerkstraat 1", PostalCode: "5041 AB", City: "Tilburg"},
			From:    domain.Date(2026, 11, 16), To: domain.Date(2026, 12, 31)}
		for _, e := range es {
			w.Totals.Add(e.Figures)
			e.Cumulative = w.Totals
			w.Entries = append(w.Entries, e)
			if !e.Correction {
				w.Periods++
				if e.TaxCredit {
					w.TaxCredit++
				}
			}
		}
		return w
	}
	a := mk("1001", "Jan de Vries", "210000004", domain.Dutch,
		wr.Entry{Seq: 1, Period: w47, PayDate: domain.Date(2026, 11, 26), TaxCredit: true, Figures: f("640.00", "19.13", "52.17", "36.12", "620.87", "41.59", "48.76", "568.70")},
		wr.Entry{Seq: 2, Correction: true, Period: w47, PayDate: domain.Date(2026, 11, 26), TaxCredit: true, Figures: f("60.00", "1.79", "5.00", "3.00", "58.21", "3.90", "4.57", "53.21")},
		wr.Entry{Seq: 1, Period: w48, PayDate: domain.Date(2026, 12, 3), TaxCredit: true, AOW: params.AOWNone, Figures: f("256.00", "7.66", "0", "0", "248.34", "16.64", "19.50", "248.34")})
	b := mk("1003", "Łukasz Wiśniewski", "123456782", domain.Polish,
		wr.Entry{Seq: 1, Period: w47, PayDate: domain.Date(2026, 11, 26), Figures: f("700.00", "20.00", "150.00", "0", "680.00", "45.56", "53.38", "530.00")})
	y := &wr.Year{Year: 2026, Runs: 3, Workers: []*wr.WorkerYear{a, b},
		Agency: domain.Agency{Name: "Flexwerk Zuid B.V.", LoonheffingenNummer: "123456789L01", Address: domain.Address{Street: "Spoorlaan 1", PostalCode: "5038 CC", City: "Tilburg"}}}
	for _, w := range y.Workers {
		y.Totals.Add(w.Totals)
	}
	p47 := &wr.PeriodTotal{Period: w47, PayDate: domain.Date(2026, 11, 26), Workers: 2, Runs: []string{"1", "2 (correctie)"}}
	p48 := &wr.PeriodTotal{Period: w48, PayDate: domain.Date(2026, 12, 3), Workers: 1, Runs: []string{"1"}}
	for _, w := range y.Workers {
		for _, e := range w.Entries {
			if e.Period == w47 {
				p47.Figures.Add(e.Figures)
			} else {
				p48.Figures.Add(e.Figures)
			}
		}
	}
	p47.Cumulate = p47.Figures
	p48.Cumulate = p47.Figures
	p48.Cumulate.Add(p48.Figures)
	y.Periods = []*wr.PeriodTotal{p47, p48}
	return y
}

func TestWriteXLSX_ValuesAndTotals(t *testing.T) {
	y := year()
	var buf bytes.Buffer
	if err := wr.WriteXLSX(&buf, y, wr.Options{Created: created}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows("Loonstaten")
	if err != nil {
		t.Fatal(err)
	}
	col := func(header string) int {
		for i, h := range rows[1] {
			if h == header {
				return i
			}
		}
		t.Fatalf("no column %q in %v", header, rows[1])
		return -1
	}
	// Title, header, 3 + total for 1001, 1 + total for 1003, grand total.
	if len(rows) != 2+4+2+1 {
		t.Fatalf("%d rows", len(rows))
	}
	fiscal, tax, cum, bsn := col("Fiscaal loon (LB/PVV)"), col("Ingehouden loonheffing"), col("Cum. fiscaal loon"), col("BSN")
	num := func(s string) decimal.Decimal {
		d, err := domain.ParseDecimalNL(strings.TrimSpace(strings.TrimPrefix(s, "€")))
		if err != nil {
			t.Fatalf("%q: %v", s, err)
		}
		return d
	}
	if got := num(rows[5][fiscal]); !got.Equal(y.Workers[0].Totals.TaxableWage) {
		t.Errorf("worker total fiscal wage %s, want %s", got, y.Workers[0].Totals.TaxableWage)
	}
	if got := num(rows[4][cum]); !got.Equal(y.Workers[0].Totals.TaxableWage) {
		t.Errorf("last cumulative %s", got)
	}
	if got := num(rows[8][tax]); !got.Equal(y.Totals.WageTax) {
		t.Errorf("grand total wage tax %s, want %s", got, y.Totals.WageTax)
	}
	if rows[2][bsn] != "******004" || strings.Contains(buf.String(), "210000004") {
		t.Errorf("BSN not masked: %q", rows[2][bsn])
	}
	if rows[3][col("Run")] != "2 correctie" {
		t.Errorf("correction run label %q", rows[3][col("Run")])
	}
	v, err := f.GetRows("Verzamelloonstaat")
	if err != nil {
		t.Fatal(err)
	}
	if len(v) != 2+2+1 || v[2][2] != "1, 2 (correctie)" || !num(v[4][11]).Equal(y.Totals.WageTax) {
		t.Errorf("verzamelloonstaat rows %v", v)
	}
}

func TestPDFs(t *testing.T) {
	y := year()
	out := os.Getenv("WAGERECORDS_OUT")
	check := func(name string, b []byte, err error, want, notWant []string) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if out != "" {
			_ = os.WriteFile(filepath.Join(out, name), b, 0o600)
		}
		txt := pdfText(t, b)
		for _, w := range want {
			if !strings.Contains(txt, w) {
				t.Errorf("%s: %q missing:\n%s", name, w, txt)
			}
		}
		for _, w := range notWant {
			if strings.Contains(txt, w) {
				t.Errorf("%s: %q present", name, w)
			}
		}
	}
	b, err := wr.LoonstaatPDF(y, wr.Options{Created: created})
	check("loonstaat.pdf", b, err, []string{"Loonstaten 2026", "1001 Jan de Vries · BSN ******004", "2026-W47 · 2 correctie", "Totaal 2026 (LHK 2 van 2 tijdvakken)",
		"Loonheffingennummer 123456789L01", domain.FormatDecimalNL(y.Workers[0].Totals.TaxableWage, 2), "wit, week, met LHK"}, []string{"210000004", "123456782"})
	b, err = wr.VerzamelloonstaatPDF(y, wr.Options{Created: created, Lang: "en"})
	check("verzamelloonstaat.pdf", b, err, []string{"Payroll summary 2026", "1, 2 (correction) · 2", "Total 2026", domain.FormatDecimalNL(y.Totals.WageTax, 2)}, nil)
	b, err = wr.JaaropgaafPDF(y, y.Workers[0], wr.JaaropgaafOptions{Created: created})
	check("jaaropgaaf-nl.pdf", b, err, []string{"Jaaropgaaf 2026", "210000004", "Loon voor de loonbelasting/volksverzekeringen (fiscaal loon)",
		"€ " + domain.FormatDecimalNL(y.Workers[0].Totals.TaxableWage, 2), "€ " + domain.FormatDecimalNL(y.Workers[0].Totals.WageTax, 2),
		"ja, in 2 van de 2 tijdvakken", "witte tabel, week", "Inclusief correcties", "16-11-2026 t/m 31-12-2026", "123456789L01"}, nil)
	b, err = wr.JaaropgaafPDF(y, y.Workers[1], wr.JaaropgaafOptions{Created: created})
	check("jaaropgaaf-pl.pdf", b, err, []string{"Roczne zestawienie 2026 (jaaropgaaf)", "123456782", "Łukasz Wiśniewski", "Pobrany podatek od wynagrodzeń",
		"€ 150,00", "nie", "Strona 1 z 1"}, []string{"Inclusief"})
	b, err = wr.JaaropgaafPDF(y, y.Workers[1], wr.JaaropgaafOptions{Created: created, Lang: domain.English})
	check("jaaropgaaf-en.pdf", b, err, []string{"Annual statement 2026 (jaaropgaaf)", "Wage tax withheld (ingehouden loonheffing)", "Page 1 of 1"}, nil)
	if wr.JaaropgaafName(2026, "10/03") != "jaaropgaaf-2026-10_03.pdf" {
		t.Error(wr.JaaropgaafName(2026, "10/03"))
	}
}

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
