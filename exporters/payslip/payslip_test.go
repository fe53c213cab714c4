package payslip

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/johnfercher/go-tree/node"
	"github.com/johnfercher/maroto/v2/pkg/core"
	"github.com/shopspring/decimal"

	"verloner/domain"
	"verloner/domain/payroll"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// tool returns the path of an external checker, skipping the test when it
// is not installed.
func tool(t testing.TB, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		t.Skipf("%s not on PATH", name)
	}
	return p
}

func writeTemp(t testing.TB, b []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "x.pdf")
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// qpdfCheck runs qpdf --check; warnings fail the test too (exit code 3).
func qpdfCheck(t testing.TB, b []byte) {
	t.Helper()
	q := tool(t, "qpdf")
	if out, err := exec.Command(q, "--check", writeTemp(t, b)).CombinedOutput(); err != nil {
		t.Errorf("qpdf --check: %v\n%s", err, out)
	}
}

var (
	spaces    = regexp.MustCompile(`[ \t\x{a0}]+`)
	conceptRe = regexp.MustCompile(`C\s*O\s*N\s*C\s*E\s*P\s*T`)
)

// pdfText is pdftotext's text in content-stream order (-raw: the lines of a
// cell stay together) with the non-breaking spaces as spaces and runs of
// spaces as one; pages end in \f.
func pdfText(t testing.TB, b []byte) string {
	t.Helper()
	p := tool(t, "pdftotext")
	out, err := exec.Command(p, "-raw", writeTemp(t, b), "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return spaces.ReplaceAllString(string(out), " ")
}

// flat is the text on one line: a label that wraps in its cell is found whole.
func flat(s string) string { return strings.Join(strings.Fields(s), " ") }

func render(t testing.TB, doc *Document) []byte {
	t.Helper()
	b, err := Render(doc)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

var pagesCount = regexp.MustCompile(`/Type /Pages\s*/Kids \[[^\]]*\]\s*/Count (\d+)`)

// pages is the page count of a PDF written by gofpdf.
func pages(b []byte) int {
	m := pagesCount.FindSubmatch(b)
	if m == nil {
		return 0
	}
	var n int
	fmt.Sscan(string(m[1]), &n)
	return n
}

// expectedLabels are the BW 7:626 items and the other headings per language,
// written out here rather than taken from the label table.
var expectedLabels = map[domain.Language][]string{
	domain.Dutch: {"Loonstrook", "Werkgever", "Werknemer", "Loonheffingennummer", "Personeelsnummer", "Geboortedatum",
		"Periode", "Week 47, 2026", "Betaaldatum", "Overeengekomen arbeidsduur", "40,00 uur per week",
		"Wettelijk minimumloon per uur", "Minimumloon over de verloonde uren", "Loonheffingskorting toegepast ja",
		"Loonbelastingtabel wit, week", "Uren per dag", "Normale uren", "Overwerk", "Onregelmatige uren (ORT)",
		"Berekening van het loon", "Gewerkte uren", "Overuren 125%", "Totaal brutoloon", "Loon voor de loonheffing",
		"Pensioenpremie StiPP werknemersdeel", "Nettoloon na loonheffing", "Onbelaste vergoedingen",
		"Reiskostenvergoeding onbelast", "Netto te betalen", "Fiscale gegevens", "Tabelloon", "Loonheffing volgens tabel",
		"Verrekende arbeidskorting", "Pensioengrondslag StiPP", "Cumulatief 2026 t/m deze periode", "Ingehouden loonheffing",
		"Reserveringen", "Vakantiegeld", "Saldo begin", "Saldo eind", "Werkgeverslasten", "Pagina 1 van 1"},
	domain.English: {"Payslip", "Employer", "Employee", "Payroll tax number", "Employee number", "Date of birth",
		"Period", "Week 47, 2026", "Payment date", "Agreed working hours", "40,00 hours per week",
		"Statutory minimum wage per hour", "Minimum wage for the hours paid", "Tax credit (loonheffingskorting) applied yes",
		"Wage tax table white, week", "Hours per day", "Normal hours", "Overtime", "Irregular hours (ORT)",
		"Pay calculation", "Hours worked", "Overtime 125%", "Total gross pay", "Taxable wage",
		"StiPP pension contribution (employee)", "Net wage after tax", "Untaxed allowances",
		"Travel allowance (untaxed)", "Net pay", "Tax details", "Wage taxed by the table", "Wage tax by the table",
		"Labour tax credit applied", "StiPP pension base", "Year to date 2026 incl. this period", "Wage tax withheld",
		"Reservations", "Holiday pay", "Opening balance", "Closing balance", "Employer costs", "Page 1 of 1"},
	domain.Polish: {"Pasek wynagrodzenia", "Pracodawca", "Pracownik", "Numer płatnika podatku", "Numer pracownika", "Data urodzenia",
		"Okres", "Tydzień 47, 2026", "Data wypłaty", "Uzgodniony wymiar czasu pracy", "40,00 godz. tygodniowo",
		"Ustawowa płaca minimalna za godzinę", "Płaca minimalna za opłacone godziny", "Ulga podatkowa (loonheffingskorting) tak",
		"Tabela podatkowa biała, tydzień", "Godziny w poszczególnych dniach", "Godziny zwykłe", "Nadgodziny", "Godziny nieregularne (ORT)",
		"Wyliczenie wynagrodzenia", "Przepracowane godziny", "Nadgodziny 125%", "Razem brutto", "Wynagrodzenie do opodatkowania",
		"Składka emerytalna StiPP (część pracownika)", "Wynagrodzenie netto po podatku", "Dodatki nieopodatkowane",
		"Zwrot kosztów podróży (nieopodatkowany)", "Do wypłaty netto", "Dane podatkowe", "Wynagrodzenie wg tabeli", "Podatek wg tabeli",
		"Zastosowana ulga za pracę", "Podstawa składki StiPP", "Narastająco 2026 z tym okresem", "Pobrany podatek",
		"Rezerwy", "Dodatek urlopowy", "Saldo początkowe", "Saldo końcowe", "Koszty pracodawcy", "Strona 1 z 1"},
}

// expectedValues are the payslip's own figures, in the Dutch notation every
// language uses.
func expectedValues(doc *Document) []string {
	ps, w := doc.Payslip, doc.Worker
	line := func(code string) payroll.Line {
		for _, l := range ps.Lines {
			if l.Code == code {
				return l
			}
		}
		return payroll.Line{}
	}
	return []string{doc.Agency.Name, "Spoorlaan 350", "859123456L01", w.FullName(), w.Number, date(w.BirthDate),
		"16-11-2026 – 22-11-2026", "26-11-2026", money(doc.MinimumWageHourly), "€ 14,99",
		"€ " + domain.FormatDecimalNL(ps.Net, 2), "€ " + domain.FormatDecimalNL(ps.Gross, 2), "€ " + domain.FormatDecimalNL(ps.TaxableWage, 2),
		"€ -" + domain.FormatDecimalNL(ps.WageTaxTable, 2), "€ -" + domain.FormatDecimalNL(ps.PensionEmployee, 2),
		"€ " + domain.FormatDecimalNL(ps.LabourCreditApplied, 2), "€ " + domain.FormatDecimalNL(ps.PensionBase, 2),
		"€ " + domain.FormatDecimalNL(line("NORM").Amount, 2), "125 %", "130 %", "7,5 %", domain.MaskIBAN(w.IBAN), "******004",
		"€ " + domain.FormatDecimalNL(ps.YearToDate.WageTax, 2)}
}

// TestRenderBW7626 renders the demo worker 1001 in each language and finds
// the items BW 7:626 requires (and the other labels) in pdftotext's output;
// every PDF passes qpdf --check.
func TestRenderBW7626(t *testing.T) {
	for _, l := range []domain.Language{domain.Dutch, domain.English, domain.Polish} {
		t.Run(string(l), func(t *testing.T) {
			doc := demoDoc(t, "1001", variant{lang: l})
			b := render(t, doc)
			qpdfCheck(t, b)
			txt := flat(pdfText(t, b))
			for _, want := range append(expectedLabels[l], expectedValues(doc)...) {
				if !strings.Contains(txt, want) {
					t.Errorf("%s: text lacks %q", l, want)
				}
			}
			if pages(b) != 1 {
				t.Errorf("%s: %d pages, want 1", l, pages(b))
			}
			if conceptRe.MatchString(txt) {
				t.Errorf("%s: a final payslip shows CONCEPT", l)
			}
		})
	}
}

// TestRenderItems covers the items a plain week lacks: payout of holiday pay
// taxed at the special rate with its rate, ET, expenses, housing deduction,
// advance repaid, two placements.
func TestRenderItems(t *testing.T) {
	doc := demoDoc(t, "1020", variant{extras: true, lang: domain.Dutch})
	ps := doc.Payslip
	if ps.WageTaxSpecial.IsZero() || ps.ETExchanged.IsZero() || ps.Deductions.IsZero() {
		t.Fatalf("fixture lacks items: special tax %s, ET %s, deductions %s", ps.WageTaxSpecial, ps.ETExchanged, ps.Deductions)
	}
	doc.Placements = append(doc.Placements, Placement{PlacementID: 999, Number: "PL0999", Hirer: "Tweede Inlener B.V.", Function: "Inpakker", HourlyWage: dec("16.10")})
	doc.Hours = append(doc.Hours, DayHours{Date: domain.Date(2026, 11, 21), PlacementID: 999, Type: domain.HourNormal,
		Quantity: dec("3.5"), PayPercent: dec("100"), HourlyWage: dec("16.10")})
	b := render(t, doc)
	qpdfCheck(t, b)
	txt := flat(pdfText(t, b))
	for _, want := range []string{"Uitbetaling vakantiegeld *", "Loonheffing bijzondere beloning *", "40,2 %",
		"* belast tegen het tarief bijzondere beloningen", "Tarief bijzondere beloningen", "Jaarloon voor dat tarief", "€ 31.500,00",
		"Uitruil brutoloon voor ET-vergoeding", "€ -" + domain.FormatDecimalNL(ps.ETExchanged, 2), "Uitgeruild voor ET-vergoeding",
		"ET-vergoeding (extraterritoriale kosten, onbelast)", "Parkeerkosten", "€ 12,40", "Inhoudingen op het nettoloon",
		"Inhouding huisvesting", "€ -95,00", "Verrekening voorschot", "€ -50,00", "PL0999", "Tweede Inlener B.V.",
		"Normale uren · PL0520", "Normale uren · PL0999", "3,50", "Łukasz Kamiński",
		"€ " + domain.FormatDecimalNL(ps.Net, 2)} {
		if !strings.Contains(txt, want) {
			t.Errorf("text lacks %q", want)
		}
	}
}

// TestConceptWatermark: a proof carries CONCEPT on every page (a month of
// hours makes two), a final none; both pass qpdf.
func TestConceptWatermark(t *testing.T) {
	for _, concept := range []bool{true, false} {
		doc := demoDoc(t, "1001", variant{month: true, extras: true, concept: concept})
		b := render(t, doc)
		qpdfCheck(t, b)
		n := pages(b)
		if n < 2 {
			t.Fatalf("a month of hours fits on %d page(s); the test needs two", n)
		}
		raw := pdfText(t, b)
		pgs := strings.Split(strings.TrimSuffix(raw, "\f"), "\f")
		if len(pgs) != n {
			t.Fatalf("pdftotext found %d pages, the PDF says %d", len(pgs), n)
		}
		for i, p := range pgs {
			// pdftotext gives the diagonal watermark a letter a line.
			got := len(conceptRe.FindAllString(p, -1))
			switch {
			case concept && got < 2: // the watermark and the notice in the page header
				t.Errorf("proof page %d: CONCEPT %d times", i+1, got)
			case !concept && got != 0:
				t.Errorf("final page %d: CONCEPT %d times", i+1, got)
			}
			if !strings.Contains(p, fmt.Sprintf("Pagina %d van %d", i+1, n)) {
				t.Errorf("page %d lacks its page number", i+1)
			}
		}
		if concept && !strings.Contains(flat(raw), "CONCEPT – proefberekening, geen betaling") {
			t.Error("proof lacks the notice")
		}
		if !concept && strings.Contains(raw, "proefberekening") {
			t.Error("final has the proof notice")
		}
	}
}

// TestWatermarkIsIncrementalUpdate: the original PDF stays a prefix, so a
// viewer that ignores the update still shows the page, and the update adds
// one xref section pointing back.
func TestWatermarkIsIncrementalUpdate(t *testing.T) {
	doc := demoDoc(t, "1001", variant{})
	m, err := build(doc)
	if err != nil {
		t.Fatal(err)
	}
	out, err := m.Generate()
	if err != nil {
		t.Fatal(err)
	}
	orig := out.GetBytes()
	w, err := watermark(orig)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(w, orig) {
		t.Fatal("watermark changed the original bytes")
	}
	if n := bytes.Count(w, []byte("/Prev ")); n != 1 {
		t.Errorf("%d /Prev entries", n)
	}
	if _, err := watermark([]byte("%PDF-1.4\nnot a pdf\n")); err == nil {
		t.Error("watermark accepted a broken PDF")
	}
	qpdfCheck(t, w)
}

// TestNoFullIBANOrBSN: the IBAN appears only masked, the BSN never whole.
func TestNoFullIBANOrBSN(t *testing.T) {
	for _, l := range []domain.Language{domain.Dutch, domain.English, domain.Polish} {
		doc := demoDoc(t, "1001", variant{lang: l, extras: true})
		txt := pdfText(t, render(t, doc))
		compact := strings.ReplaceAll(strings.ReplaceAll(txt, " ", ""), "\n", "")
		iban := domain.NormalizeIBAN(doc.Worker.IBAN)
		for _, bad := range []string{iban, iban[4:], domain.FormatIBAN(iban), doc.Worker.BSN} {
			if strings.Contains(txt, bad) || strings.Contains(compact, strings.ReplaceAll(bad, " ", "")) {
				t.Errorf("%s: PDF shows %q", l, bad)
			}
		}
		if masked := domain.MaskIBAN(doc.Worker.IBAN); !strings.Contains(txt, masked) {
			t.Errorf("%s: masked IBAN %q missing", l, masked)
		}
	}
}

// TestFullFontFallback: a name in a script the subset lacks switches the
// document to the full DejaVu fonts and still shows.
func TestFullFontFallback(t *testing.T) {
	doc := demoDoc(t, "1001", variant{})
	b, err := layout(doc)
	if err != nil {
		t.Fatal(err)
	}
	if b.full {
		t.Fatal("the demo worker needs the full fonts?")
	}
	// A decomposed accent (as some systems store names) is composed first and
	// stays within the subset.
	doc.Worker.FirstName = "Zoe\u0308"
	if b, err = layout(doc); err != nil || b.full {
		t.Fatalf("NFD name: full fonts %v, %v", b != nil && b.full, err)
	}
	if txt := pdfText(t, render(t, doc)); !strings.Contains(txt, "Zoë de Vries") {
		t.Error("decomposed name not shown composed")
	}
	doc.Worker.FirstName, doc.Worker.Prefix, doc.Worker.LastName = "Олександр", "", "Шевченко"
	doc.Agency.Address.City = "Hồ Chí Minh" // Vietnamese: also outside the subset
	if b, err = layout(doc); err != nil {
		t.Fatal(err)
	}
	if !b.full {
		t.Fatal("a Cyrillic name did not switch to the full fonts")
	}
	pdf := render(t, doc)
	qpdfCheck(t, pdf)
	txt := pdfText(t, pdf)
	for _, want := range []string{"Олександр Шевченко", "Hồ Chí Minh"} {
		if !strings.Contains(txt, want) {
			t.Errorf("%q not in the text", want)
		}
	}
}

// TestLabelsComplete: every label in all three languages, with the same
// format verbs, and every text the payslip prints within the subset fonts.
func TestLabelsComplete(t *testing.T) {
	verbs := regexp.MustCompile(`%[sd]`)
	check := func(name string, x tr) {
		for _, s := range []string{x.NL, x.EN, x.PL} {
			if strings.TrimSpace(s) == "" {
				t.Errorf("%s: missing translation in %+v", name, x)
			}
			if !covered(s) {
				t.Errorf("%s: %q has a character outside the subset fonts", name, s)
			}
		}
		v := strings.Join(verbs.FindAllString(x.NL, -1), "")
		if strings.Join(verbs.FindAllString(x.EN, -1), "") != v || strings.Join(verbs.FindAllString(x.PL, -1), "") != v {
			t.Errorf("%s: format verbs differ: %+v", name, x)
		}
	}
	for k := key(0); k < numKeys; k++ {
		check(fmt.Sprintf("label %d", k), labels[k])
	}
	for _, h := range domain.HourTypes {
		if h.IsHours() {
			if x, ok := hourTypeNames[h]; !ok {
				t.Errorf("hour type %s has no name", h)
			} else {
				check(string(h), x)
			}
		}
	}
	for _, s := range []string{payroll.SchemeHolidayPay, payroll.SchemeHolidayHours, payroll.SchemePublicDays, payroll.SchemeShortLeave} {
		check(s, schemeNames[s])
	}
	for _, c := range []string{payroll.CodeZvw, payroll.CodeAWf, payroll.CodeAof, payroll.CodeWko, payroll.CodeWhk, payroll.CodePensionER} {
		check(c, employerCostNames[c])
	}
	for _, k := range []domain.PeriodKind{domain.Weekly, domain.FourWeek, domain.Monthly, domain.Quarterly, domain.Daily} {
		check(string(k), periodKindNames[k])
	}
	for i, x := range weekdays {
		check(fmt.Sprintf("weekday %d", i), x)
	}
	for i, x := range months {
		check(fmt.Sprintf("month %d", i+1), x)
	}
	// The payroll engine's own line texts must render with the subset too.
	for _, nr := range []string{"1001", "1003", "1020"} {
		for _, l := range demoDoc(t, nr, variant{extras: true}).Payslip.Lines {
			check(l.Code, tr{l.Text.NL, l.Text.EN, l.Text.PL})
		}
	}
}

// TestRefusesInconsistentPayslip: what would print wrong is refused.
func TestRefusesInconsistentPayslip(t *testing.T) {
	cases := map[string]func(d *Document){
		"net differs from the lines": func(d *Document) { d.Payslip.Net = d.Payslip.Net.Add(dec("0.01")) },
		"gross differs":              func(d *Document) { d.Payslip.Gross = d.Payslip.Gross.Sub(dec("1")) },
		"taxable wage differs":       func(d *Document) { d.Payslip.TaxableWage = d.Payslip.TaxableWage.Add(dec("1")) },
		"no minimum wage":            func(d *Document) { d.MinimumWageHourly = decimal.Zero },
		"other period":               func(d *Document) { d.Period = d.Period.Next() },
		"unknown language":           func(d *Document) { d.Lang = "de" },
		"no employer name":           func(d *Document) { d.Agency.Name = " " },
		"no payslip":                 func(d *Document) { d.Payslip = nil },
		"balance does not add up":    func(d *Document) { d.Reservations[0].After = d.Reservations[0].After.Add(dec("1")) },
		"accrual differs":            func(d *Document) { d.Reservations[0].Accrued = d.Reservations[0].Accrued.Add(dec("1")) },
	}
	for name, spoil := range cases {
		doc := demoDoc(t, "1001", variant{})
		if _, err := Render(doc); err != nil {
			t.Fatalf("%s: the unspoilt document fails: %v", name, err)
		}
		spoil(doc)
		if _, err := Render(doc); err == nil {
			t.Errorf("%s: rendered anyway", name)
		} else if !strings.Contains(err.Error(), "loonstrook") {
			t.Errorf("%s: error %q does not name the payslip", name, err)
		}
	}
}

// TestDerivedReservations: without balances the payslip's accruals show,
// with dashes for the unknown balances.
func TestDerivedReservations(t *testing.T) {
	doc := demoDoc(t, "1001", variant{})
	doc.Reservations = nil
	txt := flat(pdfText(t, render(t, doc)))
	acc := doc.Payslip.ReservationsAccrued[payroll.SchemeHolidayPay]
	if want := "Vakantiegeld – € " + domain.FormatDecimalNL(acc, 2); !strings.Contains(txt, want) {
		t.Errorf("text lacks %q", want)
	}
}

func TestFileName(t *testing.T) {
	doc := demoDoc(t, "1001", variant{})
	if got := FileName(doc); got != "loonstrook-2026-W47-1001.pdf" {
		t.Errorf("FileName = %q", got)
	}
	doc.Concept, doc.Worker.Number = true, "A/12 3"
	if got := FileName(doc); got != "loonstrook-2026-W47-A_12_3-concept.pdf" {
		t.Errorf("FileName = %q", got)
	}
}

func TestDayHoursFrom(t *testing.T) {
	pl := &domain.Placement{ID: 1, HourlyWage: dec("16"), Rates: []domain.HourTypeRate{{Type: domain.HourShift, PayPercent: dec("135")}}}
	d := domain.Date(2026, 11, 16)
	line := func(typ domain.HourType, q, pct string, st domain.HourStatus) *domain.HourLine {
		return &domain.HourLine{PlacementID: 1, Date: d, Type: typ, Quantity: dec(q), PayPercent: dec(pct), Status: st}
	}
	in := payroll.Input{Placements: map[int64]*domain.Placement{1: pl}, Lines: []*domain.HourLine{
		line(domain.HourNormal, "8", "0", domain.HoursApproved),
		line(domain.HourOvertime125, "1", "127", domain.HoursApproved),
		line(domain.HourShift, "2", "0", domain.HoursApproved),
		line(domain.HourSick, "8", "0", domain.HoursApproved),
		line(domain.HourKilometres, "40", "0", domain.HoursApproved),
		line(domain.HourNormal, "5", "0", domain.HoursVoid),
		line(domain.HourNormal, "0", "0", domain.HoursApproved),
	}}
	in.Sick.PayPercent = dec("90")
	got := DayHoursFrom(in)
	want := []string{"NORM 8 100 16", "OW125 1 127 16", "ORT 2 135 16", "ZIEK 8 90 16"}
	var s []string
	for _, h := range got {
		s = append(s, fmt.Sprintf("%s %s %s %s", h.Type, h.Quantity, h.PayPercent, h.HourlyWage))
	}
	if strings.Join(s, "|") != strings.Join(want, "|") {
		t.Errorf("DayHoursFrom = %v, want %v", s, want)
	}
	if w := DayHoursFrom(in, d); !w[3].PayPercent.IsZero() {
		t.Errorf("waiting day paid at %s %%", w[3].PayPercent)
	}
}

// docsFor builds n documents from the demo workers, each a copy with its own
// worker number.
func docsFor(tb testing.TB, n int) []*Document {
	tb.Helper()
	var base []*Document
	for _, nr := range []string{"1001", "1002", "1003", "1004", "1008", "1011", "1013", "1017", "1020", "1022"} {
		base = append(base, demoDoc(tb, nr, variant{}))
	}
	docs := make([]*Document, n)
	for i := range docs {
		d := *base[i%len(base)]
		w := *d.Worker
		w.Number = fmt.Sprintf("%d", 10000+i)
		d.Worker = &w
		docs[i] = &d
	}
	return docs
}

func TestRenderAll(t *testing.T) {
	docs := docsFor(t, 12)
	docs[5].Concept = true
	var mu sync.Mutex
	var seen []int
	out, err := RenderAll(context.Background(), docs, 3, func(done, total int) {
		mu.Lock()
		defer mu.Unlock()
		if total != len(docs) {
			t.Errorf("total %d", total)
		}
		seen = append(seen, done)
	})
	if err != nil {
		t.Fatal(err)
	}
	if !sort.IntsAreSorted(seen) || len(seen) != len(docs) || seen[len(seen)-1] != len(docs) {
		t.Errorf("progress %v", seen)
	}
	for i, b := range out {
		txt := pdfText(t, b)
		if !strings.Contains(txt, "("+docs[i].Worker.Number+")") {
			t.Errorf("result %d is not the payslip of %s", i, docs[i].Worker.Number)
		}
		if conceptRe.MatchString(txt) != (i == 5) {
			t.Errorf("result %d: CONCEPT %v", i, !(i == 5))
		}
	}

	// An error stops the run and names the payslip.
	bad := docsFor(t, 20)
	bad[7].MinimumWageHourly = decimal.Zero
	if _, err := RenderAll(context.Background(), bad, 2, nil); err == nil || !strings.Contains(err.Error(), bad[7].Worker.Number) {
		t.Errorf("bad document: %v", err)
	}

	// Cancelling stops the run.
	ctx, cancel := context.WithCancel(context.Background())
	calls := 0
	_, err = RenderAll(ctx, docsFor(t, 40), 2, func(done, total int) {
		calls++
		if done == 3 {
			cancel()
		}
	})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled run: %v", err)
	}
	if calls > 4 {
		t.Errorf("%d progress calls after cancel at 3", calls)
	}
	if _, err := RenderAll(ctx, docsFor(t, 2), 2, nil); !errors.Is(err, context.Canceled) {
		t.Errorf("run on a cancelled context: %v", err)
	}
}

// TestRenderEach: the PDFs come in the order of the documents, one call at
// a time, and an error of emit stops the run and is returned.
func TestRenderEach(t *testing.T) {
	docs := docsFor(t, 15)
	var got []int
	busy := false
	err := RenderEach(context.Background(), docs, 3, func(i int, b []byte) error {
		if busy {
			t.Error("emit called while another call runs")
		}
		busy = true
		defer func() { busy = false }()
		if !strings.Contains(pdfText(t, b), "("+docs[i].Worker.Number+")") {
			t.Errorf("PDF %d is not the payslip of %s", i, docs[i].Worker.Number)
		}
		got = append(got, i)
		return nil
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := range docs {
		if i >= len(got) || got[i] != i {
			t.Fatalf("emitted %v", got)
		}
	}
	full := errors.New("disk full")
	calls := 0
	err = RenderEach(context.Background(), docsFor(t, 30), 2, func(i int, b []byte) error {
		calls++
		if i == 4 {
			return full
		}
		return nil
	}, nil)
	if !errors.Is(err, full) || calls != 5 {
		t.Errorf("emit error: %v after %d calls", err, calls)
	}
}

func TestCombine(t *testing.T) {
	docs := docsFor(t, 3)
	docs[1].Concept = true
	docs = append(docs, demoDoc(t, "1001", variant{month: true}))
	out, err := RenderAll(context.Background(), docs, 2, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := 0
	for _, b := range out {
		want += pages(b)
	}
	all, err := Combine(out)
	if err != nil {
		t.Fatal(err)
	}
	qpdfCheck(t, all)
	txt := pdfText(t, all)
	if got := strings.Count(txt, "\f"); got != want {
		t.Errorf("combined PDF has %d pages, want %d", got, want)
	}
	for _, d := range docs {
		if !strings.Contains(txt, "("+d.Worker.Number+")") {
			t.Errorf("combined PDF lacks %s", d.Worker.Number)
		}
	}
	if got := len(conceptRe.FindAllString(txt, -1)); got < 2 {
		t.Errorf("combined PDF lost the watermark of the proof (%d)", got)
	}
	if _, err := Combine(nil); err == nil {
		t.Error("Combine(nil) succeeded")
	}
	one, err := Combine(out[:1])
	if err != nil || !bytes.Equal(one, out[0]) {
		t.Errorf("Combine of one: %v", err)
	}
}

// structureText is maroto's document tree, one row a line: pages, rows with
// their heights and background, and per column its width, text and the
// styles that differ from the body text's defaults.
func structureText(n *node.Node[core.Structure], depth int, w *strings.Builder) {
	s := n.GetData()
	switch s.Type {
	case "maroto", "page":
		fmt.Fprintf(w, "%s%s\n", strings.Repeat("  ", depth), s.Type)
		for _, c := range n.GetNexts() {
			structureText(c, depth+1, w)
		}
		return
	case "row":
		fmt.Fprintf(w, "%srow %.2f%s\n", strings.Repeat("  ", depth), s.Value, details(s.Details))
		for _, c := range n.GetNexts() {
			structureText(c, depth+1, w)
		}
		return
	case "col":
		fmt.Fprintf(w, "%s%v:", strings.Repeat("  ", depth), s.Value)
		for _, c := range n.GetNexts() {
			d := c.GetData()
			if d.Type == "text" {
				fmt.Fprintf(w, " %q", fmt.Sprint(d.Value))
			} else {
				fmt.Fprintf(w, " %s", d.Type)
			}
			w.WriteString(details(d.Details))
		}
		w.WriteByte('\n')
	}
}

// details prints the non-default properties of a node, sorted.
func details(m map[string]any) string {
	var keys []string
	for k, v := range m {
		switch fmt.Sprintf("%s=%v", k, v) {
		case "prop_breakline_strategy=empty_space_strategy", "prop_font_family=dejavu", "prop_color=RGB(0, 0, 0)", "prop_align=L":
			continue
		}
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, k := range keys {
		fmt.Fprintf(&b, " %s=%v", strings.TrimPrefix(k, "prop_"), m[k])
	}
	return b.String()
}

// TestGoldenStructure compares maroto's layout tree of three payslips with
// testdata/*.golden (go test -update rewrites them after a deliberate change).
func TestGoldenStructure(t *testing.T) {
	for _, c := range []struct {
		name string
		nr   string
		v    variant
	}{
		{"nl-1001-concept", "1001", variant{concept: true}},
		{"en-1001-items", "1001", variant{extras: true, lang: domain.English}},
		{"pl-1020-items", "1020", variant{extras: true}},
	} {
		t.Run(c.name, func(t *testing.T) {
			m, err := build(demoDoc(t, c.nr, c.v))
			if err != nil {
				t.Fatal(err)
			}
			var sb strings.Builder
			structureText(m.GetStructure(), 0, &sb)
			got := sb.String()
			path := filepath.Join("testdata", c.name+".golden")
			if *update {
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if got != string(want) {
				gl, wl := strings.Split(got, "\n"), strings.Split(string(want), "\n")
				for i := 0; i < max(len(gl), len(wl)); i++ {
					var g, w string
					if i < len(gl) {
						g = gl[i]
					}
					if i < len(wl) {
						w = wl[i]
					}
					if g != w {
						t.Fatalf("%s differs at line %d:\n got: %s\nwant: %s\n(go test -update after a deliberate change)", path, i+1, g, w)
					}
				}
			}
		})
	}
}

// BenchmarkRenderAll2000 renders a run of 2,000 one-page payslips with two
// goroutines, as a 2-core desktop would.
func BenchmarkRenderAll2000(b *testing.B) {
	docs := docsFor(b, 2000)
	b.ReportAllocs()
	b.ResetTimer()
	var nPages int
	var elapsed, cpu time.Duration
	for i := 0; i < b.N; i++ {
		start, startCPU := time.Now(), cpuTime()
		out, err := RenderAll(context.Background(), docs, 2, nil)
		elapsed += time.Since(start)
		cpu += cpuTime() - startCPU
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		for _, p := range out {
			nPages += pages(p)
		}
		b.StartTimer()
	}
	sec := elapsed.Seconds()
	b.ReportMetric(float64(nPages)/sec, "pages/s")
	b.ReportMetric(sec/float64(b.N), "s/run")
	// CPU seconds per run: on two idle cores the run takes about half of it.
	b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/run")
	if nPages != 2000*b.N {
		b.Errorf("%d pages for %d payslips", nPages, 2000*b.N)
	}
}

// TestHeightEstimates: the row heights the builder computes (to keep blocks
// together) are the ones maroto finds, row by row, in all three languages
// and across a page break; and no kept block is split over two pages.
func TestHeightEstimates(t *testing.T) {
	for _, c := range []struct {
		nr string
		v  variant
	}{
		{"1001", variant{}}, {"1020", variant{extras: true, lang: domain.English}}, {"1022", variant{extras: true}},
		{"1020", variant{month: true, extras: true, concept: true}}, {"1003", variant{month: true, lang: domain.Dutch}},
	} {
		b, err := layout(demoDoc(t, c.nr, c.v))
		if err != nil {
			t.Fatal(err)
		}
		m, err := b.maroto()
		if err != nil {
			t.Fatal(err)
		}
		var got []float64
		var pageOf []int
		for p, pg := range m.GetStructure().GetNexts() {
			rows := pg.GetNexts()
			body := rows[len(b.headerRows) : len(rows)-1-len(b.footerRows)]
			for _, r := range body {
				got = append(got, r.GetData().Value.(float64))
				pageOf = append(pageOf, p)
			}
		}
		name := fmt.Sprintf("%s %+v", c.nr, c.v)
		if len(got) != len(b.rowEst) {
			t.Fatalf("%s: maroto has %d body rows, the builder %d", name, len(got), len(b.rowEst))
		}
		for i := range got {
			if d := got[i] - b.rowEst[i]; d > 0.005 || d < -0.005 {
				t.Errorf("%s: row %d: maroto %.3f mm, estimate %.3f mm", name, i, got[i], b.rowEst[i])
			}
		}
		i := 0
		for _, blk := range b.blocks {
			if blk.keep && len(blk.rows) > 0 && pageOf[i] != pageOf[i+len(blk.rows)-1] {
				t.Errorf("%s: a kept block of %d rows is split over pages %d and %d", name, len(blk.rows), pageOf[i]+1, pageOf[i+len(blk.rows)-1]+1)
			}
			i += len(blk.rows)
		}
	}
}

// BenchmarkCombine200 merges the PDFs of a run of 200 payslips into one.
func BenchmarkCombine200(b *testing.B) {
	out, err := RenderAll(context.Background(), docsFor(b, 200), 2, nil)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	size := 0
	for i := 0; i < b.N; i++ {
		all, err := Combine(out)
		if err != nil {
			b.Fatal(err)
		}
		size = len(all)
	}
	b.ReportMetric(float64(size)/(1<<20), "MB")
}

// TestSparseDocument: a payout without hours for a worker with an empty
// dossier (no IBAN, BSN or birth date, no fixed hours, no placements).
func TestSparseDocument(t *testing.T) {
	loadDemo(t)
	period := domain.Period{Kind: domain.Weekly, Year: 2026, Number: 47}
	w := &domain.Worker{ID: 1, Number: "2001", FirstName: "Ana", LastName: "Șerban", Reservations: domain.ReservationsReserved}
	in := payroll.Input{Period: period, Worker: w, Jaarloon: dec("24000"),
		Extras: payroll.Extras{Payouts: []payroll.ReservationPayout{{Scheme: payroll.SchemeHolidayPay, Amount: dec("400")}}}}
	p, err := demoSet.For(period.PayDate())
	if err != nil {
		t.Fatal(err)
	}
	ps, err := payroll.Calculate(p, in)
	if err != nil {
		t.Fatal(err)
	}
	doc := &Document{Agency: &domain.Agency{Name: "Flexwerk Zuid B.V."}, Worker: w, Period: period, Payslip: ps,
		MinimumWageHourly: dec("14.99"), Lang: domain.English}
	b := render(t, doc)
	qpdfCheck(t, b)
	txt := flat(pdfText(t, b))
	for _, want := range []string{"Ana Șerban", "no fixed working hours (0 hours per week)", "Holiday pay paid out *",
		"The net pay of € " + domain.FormatDecimalNL(ps.Net, 2) + " is paid on 26-11-2026."} {
		if !strings.Contains(txt, want) {
			t.Errorf("text lacks %q", want)
		}
	}
	for _, absent := range []string{"Hours per day", "Placement", "BSN", "IBAN", "Minimum wage for the hours paid"} {
		if strings.Contains(txt, absent) {
			t.Errorf("text has %q", absent)
		}
	}
}
