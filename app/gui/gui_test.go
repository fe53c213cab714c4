package gui_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"verloner/app/demo"
	"verloner/app/gui"
	"verloner/assets"
	"verloner/domain"
)

// newDemoUI opens a fresh demo administration in a test window.
func newDemoUI(t *testing.T, lang string) *gui.UI {
	t.Helper()
	a := test.NewTempApp(t)
	db, err := demo.Create(context.Background(), filepath.Join(t.TempDir(), "demo.verloner"))
	if err != nil {
		t.Fatal(err)
	}
	u, err := gui.New(a, db, lang)
	if err != nil {
		db.Close()
		t.Fatal(err)
	}
	// Close whichever administration is open at the end (a restore or
	// Bestand → Openen switches it and closes the earlier one).
	t.Cleanup(func() {
		u.WaitTasks()
		u.Store.Close()
	})
	u.SerialUI() // background results reach the page only in WaitTasks, as on one UI goroutine
	// The demo week is processed on Tuesday 24 November 2026, 10:00.
	u.Now = func() time.Time { return time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC) }
	if err := u.Load(context.Background()); err != nil {
		t.Fatal(err)
	}
	return u
}

// texts renders the window to Fyne's markup, which holds every visible text.
func texts(u *gui.UI) string {
	u.Win.Resize(fyne.NewSize(1280, 800))
	return test.RenderToMarkup(u.Win.Canvas())
}

func contains(markup, sub string) bool { return strings.Contains(markup, sub) }

func TestOverview_ShowsTheDemoWeekAndItsProblems(t *testing.T) {
	u := newDemoUI(t, "nl")
	got := texts(u)
	for _, want := range []string{"Flexwerk Zuid B.V.", "Periode 2026-W47 (16-11-2026 t/m 22-11-2026)", "Weekcyclus",
		"Zonder geldig BSN: 2", "Zonder geldige IBAN: 1", "Volgende stap: uren en dossiers controleren"} {
		if !contains(got, want) {
			t.Errorf("overview lacks %q", want)
		}
	}
	if u.Snapshot().Period.String() != demo.Period {
		t.Errorf("opened on %s, want the demo week %s", u.Snapshot().Period, demo.Period)
	}
}

func TestNavigation_EveryPageBuildsWithData(t *testing.T) {
	u := newDemoUI(t, "nl")
	want := map[string]string{
		gui.PageOverview:   "Weekcyclus",
		gui.PageImport:     "Brabant Logistiek B.V.",
		gui.PageCheck:      "Controle uitvoeren",
		gui.PagePayroll:    "Proefverloning maken",
		gui.PageInvoices:   "Conceptfacturen maken",
		gui.PageDebtors:    "Bankafschrift inlezen",
		gui.PageMargins:    "Marges 2026-W47",
		gui.PageContracts:  "Contractregister",
		gui.PageProforma:   "Kostprijs berekenen",
		gui.PageAbsence:    "Ziekte-uren toevoegen (2026-W47)",
		gui.PageMasterData: "Kowalski, Piotr",
		gui.PageSettings:   "859123456L01",
	}
	for _, id := range gui.PageIDs {
		u.Show(id)
		u.WaitTasks()
		if u.Current() != id {
			t.Errorf("Show(%s) left page %s", id, u.Current())
		}
		if got := texts(u); !contains(got, want[id]) {
			t.Errorf("page %s does not show %q", id, want[id])
		}
	}
}

func TestMasterData_ListsAreMaskedSearchableAndSortable(t *testing.T) {
	u := newDemoUI(t, "nl")
	s := u.Snapshot()
	rows := u.WorkerRows(s)
	if len(rows) != 25 {
		t.Fatalf("%d worker rows", len(rows))
	}
	for _, r := range rows {
		for _, c := range r {
			if len(c) == 9 && domain.ValidBSN(c) {
				t.Errorf("whole BSN %s in the worker list", c)
			}
			if domain.ValidIBAN(c) {
				t.Errorf("whole IBAN %s in the worker list", c)
			}
		}
	}
	if len(u.HirerRows(s)) != 5 || len(u.PlacementRows(s)) != 25 {
		t.Errorf("hirer/placement rows: %d/%d", len(u.HirerRows(s)), len(u.PlacementRows(s)))
	}

	table := gui.NewDataTable([]string{"Nr", "Naam", "Uurloon"}, []float32{50, 100, 80}, "", nil)
	table.SetRows([][]string{{"3", "Bakker", "€ 9,10"}, {"1", "de Vries", "€ 15,85"}, {"2", "Kowalski", "€ 100,00"}})
	table.Filter("KOW")
	if got := table.Rows(); len(got) != 1 || got[0][1] != "Kowalski" {
		t.Errorf("filter: %v", got)
	}
	table.Filter("")
	table.SortBy(2) // money sorts by value, not as text
	if got := table.Rows(); got[0][2] != "€ 9,10" || got[2][2] != "€ 100,00" {
		t.Errorf("sort by amount: %v", got)
	}
	table.SortBy(2)
	if got := table.Rows(); got[0][2] != "€ 100,00" {
		t.Errorf("reverse sort: %v", got)
	}
}

func TestLanguageSwitch_English(t *testing.T) {
	u := newDemoUI(t, "nl")
	var remembered string
	u.OnLanguage = func(l string) { remembered = l }
	u.SetLanguage("en")
	if remembered != "en" {
		t.Errorf("language not remembered: %q", remembered)
	}
	got := texts(u)
	for _, want := range []string{"Overview", "Master data", "Weekly cycle", "Without a valid BSN: 2"} {
		if !contains(got, want) {
			t.Errorf("English UI lacks %q", want)
		}
	}
	if contains(got, "Stamgegevens") {
		t.Error("Dutch navigation left after switching to English")
	}
}

func TestTranslations_SameKeysInEveryLanguage(t *testing.T) {
	keys := map[string]map[string]string{}
	for _, l := range gui.Languages {
		data, err := assets.I18n.ReadFile("i18n/" + l + ".json")
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]string{}
		if err := json.Unmarshal(data, &m); err != nil {
			t.Fatal(err)
		}
		keys[l] = m
	}
	for k := range keys["nl"] {
		if keys["en"][k] == "" {
			t.Errorf("English lacks %q", k)
		}
	}
	for k := range keys["en"] {
		if keys["nl"][k] == "" {
			t.Errorf("Dutch lacks %q", k)
		}
	}
}

func TestSettings_ListsParameterPacks(t *testing.T) {
	u := newDemoUI(t, "nl")
	u.ParamsDir = t.TempDir()
	u.ShowSettingsTab(gui.SettingsParams)
	u.WaitTasks() // the lower part of Instellingen loads on a goroutine
	got := texts(u)
	for _, want := range []string{"Parameterpakketten", "2025", "2026", "ingebouwd", "Pakket laden"} {
		if !contains(got, want) {
			t.Errorf("settings lack %q", want)
		}
	}
}

func TestCheckPage_RunFilterConfirmJump(t *testing.T) {
	u := newDemoUI(t, "nl")
	u.Show(gui.PageCheck)
	if got := texts(u); !contains(got, "nog niet gecontroleerd") {
		t.Fatal("unchecked period should say so")
	}
	run := findButton(t, u, "Controle uitvoeren")
	test.Tap(run)
	u.WaitTasks() // the checklist run
	u.WaitTasks() // the reload it triggers
	got := texts(u)
	for _, want := range []string{"13 blokkades", "10 waarschuwingen", "Geblokkeerd:", "verloning", "DOS-BSN"} {
		if !contains(got, want) {
			t.Errorf("checked page lacks %q", want)
		}
	}
	if u.Snapshot().Checklist == nil || u.Snapshot().Checklist.Counts().Blockers != 13 {
		t.Fatalf("snapshot checklist: %+v", u.Snapshot().Checklist)
	}
	// Jump from a worker finding to the master data with the search filled.
	u.ShowMasterData(false, "1005")
	if got := texts(u); !contains(got, "Amrani, Mohamed el") || contains(got, "Kowalski") {
		t.Error("jump to master data did not filter on the worker")
	}
}

// findButton returns the visible button with the given text.
func findButton(t *testing.T, u *gui.UI, text string) *widget.Button {
	t.Helper()
	var found *widget.Button
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if found != nil || o == nil {
			return
		}
		switch w := o.(type) {
		case *widget.Button:
			if w.Text == text {
				found = w
				return
			}
		case *fyne.Container:
			for _, c := range w.Objects {
				walk(c)
			}
			return
		}
		if wid, ok := o.(fyne.Widget); ok {
			for _, c := range test.WidgetRenderer(wid).Objects() {
				walk(c)
			}
		}
	}
	walk(u.Win.Content())
	if found == nil {
		t.Fatalf("no button %q", text)
	}
	return found
}

func TestImportPage_PreviewThenCommit(t *testing.T) {
	u := newDemoUI(t, "nl")
	dir := t.TempDir()
	good := filepath.Join(dir, "uren-brabant-w47.csv")
	csv := "Personeelsnummer;Inlener;Datum;Uursoort;Uren\n" +
		"1001;INL01;21-11-2026;Normaal;4,5\n" +
		"1002;INL01;21-11-2026;Normaal;3\n"
	if err := os.WriteFile(good, []byte(csv), 0o600); err != nil {
		t.Fatal(err)
	}
	before := len(u.Snapshot().Hours)
	u.Show(gui.PageImport)
	u.PreviewImport(good)
	u.WaitTasks()
	got := texts(u)
	if !contains(got, "2 regels toe te voegen") {
		t.Fatalf("preview does not show the lines to add:\n%s", got)
	}
	if len(u.Snapshot().Hours) != before {
		t.Fatal("preview wrote to the administration")
	}
	test.Tap(findButton(t, u, "Doorvoeren"))
	u.WaitTasks()
	u.WaitTasks()
	if got := len(u.Snapshot().Hours); got != before+2 {
		t.Errorf("after commit %d hour lines, want %d", got, before+2)
	}

	// A row with an error names row and column in the preview.
	bad := filepath.Join(dir, "uren-fout.csv")
	if err := os.WriteFile(bad, []byte("Personeelsnummer;Inlener;Datum;Uursoort;Uren\n1001;INL01;31-02-2026;Normaal;4\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	u.PreviewImport(bad)
	u.WaitTasks()
	got = texts(u)
	if !contains(got, "1 met fout") || !contains(got, "31-02-2026") {
		t.Errorf("error row not reported with its value:\n%s", got)
	}
}

func TestPayrollPage_ProofApproveFinal(t *testing.T) {
	u := newDemoUI(t, "nl")
	u.Show(gui.PagePayroll)
	test.Tap(findButton(t, u, "Proefverloning maken"))
	u.WaitTasks()
	u.WaitTasks()
	r := u.Snapshot().Run
	if r == nil || r.Status != "proof" || len(r.Payslips) == 0 {
		t.Fatalf("no proof run: %+v", r)
	}
	got := texts(u)
	for _, want := range []string{"Proefverloning van", "loonstroken — bruto", "Mohamed el Amrani", "DOS-BSN"} {
		if !contains(got, want) {
			t.Errorf("proof page lacks %q", want)
		}
	}
	test.Tap(findButton(t, u, "Akkoord geven"))
	u.WaitTasks()
	u.WaitTasks()
	if r := u.Snapshot().Run; r == nil || r.Status != "approved" {
		t.Fatalf("after approve: %+v", r)
	}
	test.Tap(findButton(t, u, "Definitief maken…"))
	// The confirmation dialog: tap its confirm button.
	test.Tap(findDialogButton(t, u, "Ja", "Yes")) // Fyne's own text follows the system locale
	u.WaitTasks()
	u.WaitTasks()
	r = u.Snapshot().Run
	if r == nil || r.Status != "final" || len(r.LeftOut) == 0 {
		t.Fatalf("after finalise: %+v", r)
	}
	if got := texts(u); !contains(got, "Niet in deze run") || !contains(got, "Definitief sinds") {
		t.Errorf("final page does not list the workers left out")
	}

	// Invoices from the approved hours: drafts, then issue with gap-free numbers.
	u.Show(gui.PageInvoices)
	test.Tap(findButton(t, u, "Conceptfacturen maken"))
	u.WaitTasks()
	if got := texts(u); !contains(got, "conceptfacturen: netto") {
		t.Fatalf("no drafts shown:\n%s", got)
	}
	test.Tap(findButton(t, u, "Facturen uitreiken…"))
	test.Tap(findDialogButton(t, u, "Ja", "Yes"))
	u.WaitTasks()
	u.WaitTasks()
	invs := u.Snapshot().Invoices
	if len(invs) == 0 {
		t.Fatal("no invoices issued")
	}
	for i, d := range invs {
		if want := fmt.Sprintf("2026-%06d", i+1); d.Invoice.Number != want {
			t.Errorf("invoice %d numbered %s, want %s", i, d.Invoice.Number, want)
		}
	}
	if got := texts(u); !contains(got, "2026-000001") {
		t.Error("issued invoice not listed")
	}

	// Margins of the paid and invoiced week.
	u.Show(gui.PageMargins)
	u.WaitTasks()
	got = texts(u)
	for _, want := range []string{"Omzet € ", "= marge € ", "Per inlener", "Venlo Greenport Kwekerijen V.O.F."} {
		if !contains(got, want) {
			t.Errorf("margins page lacks %q", want)
		}
	}

	// The issued invoices are open items on the Debiteuren page.
	u.Show(gui.PageDebtors)
	got = texts(u)
	for _, want := range []string{"Openstaand € ", "Maasvlakte Foodprocessing B.V.", "Niet vervallen"} {
		if !contains(got, want) {
			t.Errorf("debtors page lacks %q", want)
		}
	}
}

// findDialogButton finds a button with the given text in the window's overlays (dialogs).
func findDialogButton(t *testing.T, u *gui.UI, texts ...string) *widget.Button {
	t.Helper()
	for _, o := range u.Win.Canvas().Overlays().List() {
		for _, text := range texts {
			if b := findIn(o, text); b != nil {
				return b
			}
		}
	}
	t.Fatalf("no dialog button %q", texts)
	return nil
}

func findIn(o fyne.CanvasObject, text string) *widget.Button {
	switch w := o.(type) {
	case *widget.Button:
		if w.Text == text {
			return w
		}
	case *fyne.Container:
		for _, c := range w.Objects {
			if b := findIn(c, text); b != nil {
				return b
			}
		}
		return nil
	}
	if wid, ok := o.(fyne.Widget); ok {
		for _, c := range test.WidgetRenderer(wid).Objects() {
			if b := findIn(c, text); b != nil {
				return b
			}
		}
	}
	return nil
}
