package gui_test

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"verloner/app/demo"
	"verloner/app/gui"
	"verloner/domain"
)

// retype replaces an entry's text the way a user does: clear, then type.
func retype(e *widget.Entry, s string) {
	e.SetText("")
	test.Type(e, s)
}

// save taps the form's save button and waits for the save and the reload.
func save(t *testing.T, u *gui.UI, f *gui.EditForm) {
	t.Helper()
	if f.Save.Disabled() {
		t.Fatalf("save is disabled; status %q", f.Status.Text)
	}
	test.Tap(f.Save)
	u.WaitTasks()
	u.WaitTasks()
}

// overlayText is every text in the dialogs on screen.
func overlayText(u *gui.UI) string {
	var b strings.Builder
	for _, o := range u.Win.Canvas().Overlays().List() {
		walkObjects(o, func(o fyne.CanvasObject) {
			switch w := o.(type) {
			case *widget.Label:
				if w.Visible() {
					b.WriteString(w.Text + "\n")
				}
			case *widget.RichText:
				b.WriteString(w.String() + "\n")
			}
		})
	}
	return b.String()
}

func walkObjects(o fyne.CanvasObject, fn func(fyne.CanvasObject)) {
	if o == nil {
		return
	}
	fn(o)
	switch w := o.(type) {
	case *fyne.Container:
		for _, c := range w.Objects {
			walkObjects(c, fn)
		}
		return
	}
	if wid, ok := o.(fyne.Widget); ok {
		for _, c := range test.WidgetRenderer(wid).Objects() {
			walkObjects(c, fn)
		}
	}
}

func workerByNumber(t *testing.T, u *gui.UI, number string) *domain.Worker {
	t.Helper()
	ws, err := u.Store.Workers(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range ws {
		if w.Number == number {
			return w
		}
	}
	return nil
}

func TestWorkerForm_NewWorkerWithDocuments(t *testing.T) {
	u := newDemoUI(t, "nl")
	u.Show(gui.PageMasterData)
	test.Tap(findButton(t, u, "Nieuw…"))
	f := u.OpenForm()
	if f == nil || !strings.Contains(overlayText(u), "Nieuwe uitzendkracht") {
		t.Fatal("Nieuw… did not open the worker form")
	}
	if got := f.Entries["number"].Text; got != "1026" {
		t.Errorf("proposed number %q, want 1026 after the demo's 1025", got)
	}
	if !f.Save.Disabled() {
		t.Error("save enabled without a last name")
	}
	test.Type(f.Entries["firstname"], "Piet")
	test.Type(f.Entries["lastname"], "Jansen")
	test.Type(f.Entries["birth"], "12-03-1999")

	// An invalid BSN shows the elfproef message and keeps save disabled.
	test.Type(f.Entries["bsn"], "123456789")
	if msg := f.Message("bsn"); !strings.Contains(msg, "BSN voldoet niet aan de elfproef") {
		t.Errorf("BSN message %q", msg)
	}
	if !f.Save.Disabled() {
		t.Error("save enabled with an invalid BSN")
	}
	// Tapping save anyway (keyboard, a race) is refused with the message.
	f.Save.OnTapped()
	u.WaitTasks()
	if !strings.Contains(f.Status.Text, "elfproef") || workerByNumber(t, u, "1026") != nil {
		t.Fatalf("invalid BSN not refused: status %q", f.Status.Text)
	}
	retype(f.Entries["bsn"], "123456782")
	if f.Message("bsn") != "" || f.Err("bsn") != nil {
		t.Errorf("valid BSN still flagged: %q", f.Message("bsn"))
	}

	test.Type(f.Entries["iban"], "NL91ABNA0417164301")
	if msg := f.Message("iban"); !strings.Contains(msg, "controlegetal klopt niet") || !f.Save.Disabled() {
		t.Errorf("IBAN message %q, save disabled %v", msg, f.Save.Disabled())
	}
	retype(f.Entries["iban"], "NL91 ABNA 0417 1643 00")

	// A date must be dd-mm-jjjj.
	test.Type(f.Entries["contract"], "2026-01-05")
	if msg := f.Message("contract"); !strings.Contains(msg, "dd-mm-jjjj") || !f.Save.Disabled() {
		t.Errorf("date message %q", msg)
	}
	retype(f.Entries["contract"], "05-01-2026")

	// Documents checklist: tax credit without a statement is flagged.
	f.Checks["taxcredit"].SetChecked(true)
	if msg := f.Message("taxcreditdate"); !strings.Contains(msg, "ontbreekt") {
		t.Errorf("tax credit without statement: %q", msg)
	}
	test.Type(f.Entries["taxcreditdate"], "05-01-2026")
	test.Type(f.Entries["idnumber"], "NX9876543")
	f.Choose("idtype", "id-kaart")
	test.Type(f.Entries["idexpiry"], "01-01-2020")
	if msg := f.Message("idexpiry"); !strings.Contains(msg, "verlopen") {
		t.Errorf("expired ID: %q", msg)
	}
	retype(f.Entries["idexpiry"], "01-01-2031")
	f.Checks["et"].SetChecked(true)
	test.Type(f.Entries["ethome"], "02-01-2026")
	test.Type(f.Entries["deduction"], "06-01-2026")

	save(t, u, f)
	w := workerByNumber(t, u, "1026")
	if w == nil {
		t.Fatalf("worker not stored; status %q", f.Status.Text)
	}
	if w.LastName != "Jansen" || w.BSN != "123456782" || w.IBAN != "NL91ABNA0417164300" ||
		fmtD(w.BirthDate) != "12-03-1999" || fmtD(w.ContractSignedOn) != "05-01-2026" || !w.ApplyTaxCredit ||
		fmtD(w.TaxCreditSignedOn) != "05-01-2026" || w.Identity.Type != "id-kaart" || w.Identity.Number != "NX9876543" ||
		fmtD(w.Identity.Expiry) != "01-01-2031" || !w.ETEligible || fmtD(w.ET.HomeAbroad) != "02-01-2026" ||
		fmtD(w.DeductionAuthSigned) != "06-01-2026" {
		t.Errorf("stored worker: %+v", w)
	}
	if u.OpenForm() != nil {
		t.Error("form still open after saving")
	}
	// Reloaded: the list has the worker, masked.
	if n := len(u.Snapshot().Workers); n != 26 {
		t.Errorf("%d workers after reload", n)
	}
	for _, r := range u.WorkerRows(u.Snapshot()) {
		if r[0] == "1026" && (r[3] != "******782" || strings.Contains(r[4], "0417")) {
			t.Errorf("list row not masked: %v", r)
		}
	}
}

func fmtD(d interface{ Format(string) string }) string { return d.Format("02-01-2006") }

func TestWorkerForm_EditShowsFullBSNAndKeepsOtherFields(t *testing.T) {
	u := newDemoUI(t, "nl")
	u.Show(gui.PageMasterData)
	orig := workerByNumber(t, u, "1001")
	// Double-click on the row opens the form.
	cell := findCell(t, u, orig.SortName())
	cell.(fyne.DoubleTappable).DoubleTapped(&fyne.PointEvent{})
	f := u.OpenForm()
	if f == nil {
		t.Fatal("double click opened no form")
	}
	if f.Entries["bsn"].Text != orig.BSN || f.Entries["iban"].Text != domain.FormatIBAN(orig.IBAN) {
		t.Errorf("edit form does not show the full BSN/IBAN: %q %q", f.Entries["bsn"].Text, f.Entries["iban"].Text)
	}
	retype(f.Entries["phone"], "06-99999999")
	save(t, u, f)
	if got := texts(u); strings.Contains(got, orig.BSN) || !strings.Contains(got, domain.MaskBSN(orig.BSN)) {
		t.Error("list after editing does not show the BSN masked")
	}
	w := workerByNumber(t, u, "1001")
	if w.Phone != "06-99999999" || w.BSN != orig.BSN || w.Phase != orig.Phase || !w.StartDate.Equal(orig.StartDate) {
		t.Errorf("edit lost fields: %+v", w)
	}

	// Selection + Bewerken… edits the selected row.
	u.Show(gui.PageMasterData)
	edit := findButton(t, u, "Bewerken…")
	if !edit.Disabled() {
		t.Error("Bewerken… enabled without a selection")
	}
	cell = findCell(t, u, "Kowalski, Piotr")
	test.Tap(cell.(fyne.Tappable))
	if edit.Disabled() {
		t.Fatal("Bewerken… still disabled after selecting a row")
	}
	test.Tap(edit)
	if f := u.OpenForm(); f == nil || f.Entries["lastname"].Text != "Kowalski" {
		t.Fatalf("Bewerken… opened %+v", f)
	}
}

// selectTab shows the tab with the given title in the dialog on screen.
func selectTab(t *testing.T, u *gui.UI, title string) {
	t.Helper()
	done := false
	for _, o := range u.Win.Canvas().Overlays().List() {
		walkObjects(o, func(o fyne.CanvasObject) {
			if tabs, ok := o.(*container.AppTabs); ok && !done {
				for _, it := range tabs.Items {
					if it.Text == title {
						tabs.Select(it)
						done = true
					}
				}
			}
		})
	}
	if !done {
		t.Fatalf("no tab %q", title)
	}
}

// findCell returns the table cell showing text (a label that can be double-tapped).
func findCell(t *testing.T, u *gui.UI, text string) fyne.CanvasObject {
	t.Helper()
	var found fyne.CanvasObject
	walkObjects(u.Win.Content(), func(o fyne.CanvasObject) {
		if found != nil {
			return
		}
		if _, ok := o.(fyne.DoubleTappable); !ok {
			return
		}
		v := reflect.ValueOf(o)
		if v.Kind() != reflect.Pointer || v.Elem().Kind() != reflect.Struct {
			return
		}
		if l := v.Elem().FieldByName("Label"); l.IsValid() && l.FieldByName("Text").String() == text {
			found = o
		}
	})
	if found == nil {
		t.Fatalf("no table cell %q", text)
	}
	return found
}

func TestHirerForm_RemunerationRecord(t *testing.T) {
	u := newDemoUI(t, "nl")
	var orig *domain.Hirer
	for _, h := range u.Snapshot().Hirers {
		if h.Number == "INL01" {
			orig = h
		}
	}
	f := u.EditHirer(orig)
	if got := f.Entries["comp.0.name"].Text; got != "Overwerk" {
		t.Fatalf("first component %q", got)
	}
	test.Type(f.Entries["kvk"], "9")
	if msg := f.Message("kvk"); !strings.Contains(msg, "8 cijfers") || !f.Save.Disabled() {
		t.Errorf("KvK message %q", msg)
	}
	retype(f.Entries["kvk"], "17123456")
	retype(f.Entries["gshare"], "30,5")
	retype(f.Entries["limit"], "75.000,00")
	retype(f.Entries["term"], "21")
	f.Choose("basis", string(domain.GelijkwaardigeBeloning))
	retype(f.Entries["cao"], "ABU-CAO")
	retype(f.Entries["signedon"], "15-02-2026")
	retype(f.Entries["signedby"], "")
	if !f.Save.Disabled() || !strings.Contains(f.Message("signedby"), "getekend") {
		t.Errorf("signed date without signer accepted: %q", f.Message("signedby"))
	}
	test.Type(f.Entries["signedby"], "A. de Boer")
	// Add a component, drop another.
	selectTab(t, u, "Beloningsregeling")
	test.Tap(findDialogButton(t, u, "Onderdeel toevoegen"))
	test.Type(f.Entries["comp.5.desc"], "vanaf 1 juli")
	if !f.Save.Disabled() {
		t.Error("component without a name accepted")
	}
	test.Type(f.Entries["comp.5.name"], "Eindejaarsuitkering")
	test.Type(f.Entries["comp.5.value"], "4%")
	retype(f.Entries["comp.3.name"], "")
	retype(f.Entries["comp.3.value"], "")
	save(t, u, f)

	h, err := u.Store.Hirer(context.Background(), orig.ID)
	if err != nil {
		t.Fatal(err)
	}
	r := h.Remuneration
	if r.Basis != domain.GelijkwaardigeBeloning || r.CAO != "ABU-CAO" || fmtD(r.SignedOn) != "15-02-2026" || r.SignedBy != "A. de Boer" {
		t.Errorf("record: %+v", r)
	}
	if len(r.Components) != 5 || r.Components[4].Name != "Eindejaarsuitkering" || r.Components[4].Value != "4%" ||
		r.Components[4].Description != "vanaf 1 juli" {
		t.Errorf("components: %+v", r.Components)
	}
	for _, c := range r.Components {
		if c.Name == "Reiskosten" {
			t.Error("removed component still stored")
		}
	}
	if h.GSharePercent.String() != "30.5" || h.CreditLimit.String() != "75000" || h.PaymentTermDays != 21 {
		t.Errorf("amounts: g %s limit %s term %d", h.GSharePercent, h.CreditLimit, h.PaymentTermDays)
	}
	if len(h.Aliases) != len(orig.Aliases) || len(h.Aliases) == 0 {
		t.Errorf("aliases lost: %d, had %d", len(h.Aliases), len(orig.Aliases))
	}
}

func TestHirerForm_NewHirerRequiresName(t *testing.T) {
	u := newDemoUI(t, "en")
	u.Show(gui.PageMasterData)
	f := u.EditHirer(nil)
	if f.Entries["number"].Text != "INL06" {
		t.Errorf("proposed %q", f.Entries["number"].Text)
	}
	if !f.Save.Disabled() {
		t.Error("save enabled without a name")
	}
	test.Type(f.Entries["name"], "Nieuwe Inlener B.V.")
	test.Type(f.Entries["vat"], "NL12345")
	if !strings.Contains(f.Message("vat"), "NL123456789B01") {
		t.Errorf("VAT message %q", f.Message("vat"))
	}
	retype(f.Entries["vat"], "NL123456789B01")
	save(t, u, f)
	if n := len(u.Snapshot().Hirers); n != 6 {
		t.Errorf("%d hirers after saving a new one", n)
	}
}

func TestPlacementForm_RatesHoursAndMinimumWage(t *testing.T) {
	u := newDemoUI(t, "nl")
	s := u.Snapshot()
	var worker *domain.Worker
	for _, w := range s.Workers {
		if w.Number == "1001" {
			worker = w
		}
	}
	hirer := s.Hirers[0]
	f := u.EditPlacement(nil)
	if !f.Save.Disabled() {
		t.Error("save enabled for an empty placement")
	}
	f.Choose("worker", strconv.FormatInt(worker.ID, 10))
	f.Choose("hirer", strconv.FormatInt(hirer.ID, 10))
	retype(f.Entries["start"], "31-02-2026")
	if !strings.Contains(f.Message("start"), "geen datum") {
		t.Errorf("start message %q", f.Message("start"))
	}
	retype(f.Entries["start"], "02-03-2026")
	test.Type(f.Entries["wage"], "9,50")
	if msg := f.Message("wage"); !strings.Contains(msg, "Onder het minimumloon") || !strings.Contains(msg, "02-03-2026") {
		t.Errorf("below minimum: %q", msg)
	}
	retype(f.Entries["wage"], "15,25")
	if msg := f.Message("wage"); strings.Contains(msg, "Onder") || !strings.Contains(msg, "Minimumloon €") {
		t.Errorf("above minimum: %q", msg)
	}
	retype(f.Entries["wage"], "15,2x")
	if !f.Save.Disabled() {
		t.Error("malformed amount accepted")
	}
	retype(f.Entries["wage"], "15,25")
	test.Type(f.Entries["rate"], "26,40")
	test.Type(f.Entries["hours"], "32")
	test.Type(f.Entries["function"], "Heftruckchauffeur")
	// Shift hours: paid 120 %, billed 135 %; OW150 not agreed.
	f.Checks["rate.ORT"].SetChecked(true)
	retype(f.Entries["pay.ORT"], "120")
	retype(f.Entries["bill.ORT"], "135,5")
	f.Checks["rate.OW150"].SetChecked(false)
	number := f.Entries["number"].Text
	save(t, u, f)

	var got *domain.Placement
	ps, _ := u.Store.Placements(context.Background())
	for _, p := range ps {
		if p.Number == number {
			got = p
		}
	}
	if got == nil {
		t.Fatalf("placement %s not stored; status %q", number, f.Status.Text)
	}
	if got.WorkerID != worker.ID || got.HirerID != hirer.ID || got.HourlyWage.String() != "15.25" ||
		got.BillingRate.String() != "26.4" || got.AgreedHoursPerWeek.String() != "32" || fmtD(got.Start) != "02-03-2026" {
		t.Errorf("stored placement: %+v", got)
	}
	rates := map[domain.HourType][2]string{}
	for _, r := range got.Rates {
		rates[r.Type] = [2]string{r.PayPercent.String(), r.BillPercent.String()}
	}
	if len(rates) != 3 || rates[domain.HourShift] != [2]string{"120", "135.5"} || rates[domain.HourOvertime125] != [2]string{"125", "125"} {
		t.Errorf("rates: %v", rates)
	}
	if _, ok := rates[domain.HourOvertime150]; ok {
		t.Error("OW150 stored although not agreed")
	}

	// Below the minimum wage: saving asks first.
	f = u.EditPlacement(got)
	retype(f.Entries["wage"], "9,50")
	test.Tap(f.Save)
	if !strings.Contains(overlayText(u), "onder het wettelijk minimumloon") {
		t.Fatal("no confirmation for a wage below the minimum")
	}
	test.Tap(findDialogButton(t, u, "Ja", "Yes"))
	u.WaitTasks()
	u.WaitTasks()
	p, _ := u.Store.Placement(context.Background(), got.ID)
	if p.HourlyWage.String() != "9.5" {
		t.Errorf("confirmed wage not stored: %s", p.HourlyWage)
	}
}

func TestSettings_AgencyEditable(t *testing.T) {
	u := newDemoUI(t, "nl")
	u.Show(gui.PageSettings)
	u.WaitTasks() // the lower part of Instellingen loads on a goroutine
	f := u.AgencyForm()
	if f == nil || f.Entries["lhnr"].Text != "859123456L01" {
		t.Fatal("agency form not built with the agency's details")
	}
	retype(f.Entries["giban"], "NL75INGB0990001235")
	if msg := f.Message("giban"); !strings.Contains(msg, "controlegetal klopt niet") || !f.Save.Disabled() {
		t.Errorf("G-IBAN message %q", msg)
	}
	retype(f.Entries["giban"], "NL75INGB0990001234")
	retype(f.Entries["dl.hours.time"], "25:00")
	if msg := f.Message("dl.hours.time"); !strings.Contains(msg, "verwacht uu:mm") || !f.Save.Disabled() {
		t.Errorf("clock message %q", msg)
	}
	retype(f.Entries["dl.hours.time"], "12:30")
	f.Choose("dl.hours.day", "1")
	retype(f.Entries["name"], "Flexwerk Zuid-West B.V.")
	retype(f.Entries["phone"], "013-5550199")
	save(t, u, f)
	a, err := u.Store.Agency(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if a.Name != "Flexwerk Zuid-West B.V." || a.Phone != "013-5550199" || a.Deadlines.HoursTime != "12:30" ||
		a.Deadlines.HoursWeekday != 1 || a.GIBAN != "NL75INGB0990001234" || a.LoonheffingenNummer != "859123456L01" {
		t.Errorf("agency after save: %+v", a)
	}
	if !contains(texts(u), "Flexwerk Zuid-West B.V.") {
		t.Error("settings page not reloaded with the new name")
	}
}

func TestWizard_CreatesAdministrationAndSwitches(t *testing.T) {
	u := newDemoUI(t, "nl")
	old := u.Store
	dir := t.TempDir()
	f := u.NewAdministrationWizard()
	test.Type(f.Entries["name"], "Uitzend Test B.V.")
	if f.Entries["file"].Text != "uitzend-test-bv" {
		t.Errorf("file name follows the agency name: %q", f.Entries["file"].Text)
	}
	test.Type(f.Entries["postcode"], "5611ab")
	test.Type(f.Entries["kvk"], "12345678")
	test.Type(f.Entries["vat"], "NL123456789B01")
	test.Type(f.Entries["iban"], "NL91ABNA0417164300")
	test.Type(f.Entries["giban"], "NL00INGB0000000001")
	if msg := f.Message("giban"); !strings.Contains(msg, "IBAN") {
		t.Errorf("G-IBAN message %q", msg)
	}
	next := findDialogButton(t, u, "Volgende")
	test.Tap(next) // step 1 → 2 (step 1 is valid)
	if !next.Disabled() {
		t.Error("Volgende enabled on step 2 with an invalid G-IBAN")
	}
	retype(f.Entries["giban"], "NL75INGB0990001234")
	f.Choose("frequency", string(domain.Monthly))
	f.Choose("size", string(domain.MediumEmployer))
	test.Tap(next)
	retype(f.Entries["folder"], dir)
	save(t, u, f)

	path := filepath.Join(dir, "uitzend-test-bv.verloner")
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("no file created: %v (status %q)", err, f.Status.Text)
	}
	if u.Store == old || u.Store.Path() != path {
		t.Fatalf("UI did not switch: %s", u.Store.Path())
	}
	a := u.Snapshot().Agency
	if a.Name != "Uitzend Test B.V." || a.Frequency != domain.Monthly || a.EmployerSize != domain.MediumEmployer ||
		a.Sector != 52 || a.IBAN != "NL91ABNA0417164300" || a.KvK != "12345678" || a.Address.PostalCode != "5611 AB" {
		t.Errorf("agency in the new file: %+v", a)
	}
	if len(u.Snapshot().Workers) != 0 {
		t.Error("new administration has workers")
	}
	if _, err := old.Workers(context.Background()); err == nil {
		t.Error("old store still open")
	}
	if got := u.App.Preferences().StringList(gui.PrefRecent); len(got) == 0 || got[0] != path {
		t.Errorf("recent list: %v", got)
	}
	if got := texts(u); !contains(got, "Uitzend Test B.V.") {
		t.Error("overview does not show the new agency")
	}

	// The same name again is refused before anything is written.
	f = u.NewAdministrationWizard()
	test.Type(f.Entries["name"], "Uitzend Test B.V.")
	retype(f.Entries["folder"], dir)
	if !strings.Contains(f.Message("file"), "bestaat al") || !f.Save.Disabled() {
		t.Errorf("existing file not refused: %q", f.Message("file"))
	}
}

func TestMenu_OpenAdministrationAndRecent(t *testing.T) {
	u := newDemoUI(t, "nl")
	menu := u.Win.MainMenu()
	if menu == nil || len(menu.Items) != 2 {
		t.Fatalf("main menu: %+v", menu)
	}
	var labels []string
	for _, it := range menu.Items[0].Items {
		labels = append(labels, it.Label)
	}
	if got := strings.Join(labels, "|"); got != "Nieuwe administratie…|Openen…|Demo openen|Recent||Back-up maken|Back-up terugzetten…||Afsluiten" {
		t.Errorf("Bestand menu: %s", got)
	}
	if menu.Items[0].Label != "Bestand" || menu.Items[1].Label != "Help" || menu.Items[1].Items[0].Label != "Over Verloner" {
		t.Errorf("menus: %s, %s", menu.Items[0].Label, menu.Items[1].Label)
	}

	other := filepath.Join(t.TempDir(), "tweede.verloner")
	db, err := demo.Create(context.Background(), other)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	u.EditWorker(nil) // a form of the old administration is closed by the switch
	u.OpenAdministration(other)
	u.WaitTasks()
	u.WaitTasks()
	if u.OpenForm() != nil || len(u.Win.Canvas().Overlays().List()) != 0 {
		t.Error("edit form of the old administration still open after the switch")
	}
	if u.Store.Path() != other || u.Snapshot() == nil || len(u.Snapshot().Workers) != 25 {
		t.Fatalf("did not switch to %s: %s", other, u.Store.Path())
	}
	recent := u.Win.MainMenu().Items[0].Items[3]
	if recent.ChildMenu == nil || !strings.HasPrefix(recent.ChildMenu.Items[0].Label, "tweede.verloner") {
		t.Errorf("recent submenu: %+v", recent.ChildMenu)
	}
	if u.Recent()[0] != other {
		t.Errorf("Recent(): %v", u.Recent())
	}

	// A file that is not an administration is refused and the UI stays put.
	junk := filepath.Join(t.TempDir(), "kapot.verloner")
	os.WriteFile(junk, []byte("geen database"), 0o600)
	u.OpenAdministration(junk)
	u.WaitTasks()
	if u.Store.Path() != other {
		t.Error("switched to a broken file")
	}
	if !strings.Contains(overlayText(u), "kon niet worden geopend") {
		t.Error("no error shown for a broken file")
	}
}

func TestMenu_OpenDemoFromDataFolder(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	u := newDemoUI(t, "nl")
	for _, it := range u.Win.MainMenu().Items[0].Items {
		if it.Label == "Demo openen" {
			it.Action()
		}
	}
	u.WaitTasks()
	u.WaitTasks()
	if filepath.Base(u.Store.Path()) != "demo.verloner" || !strings.HasPrefix(u.Store.Path(), os.Getenv("XDG_DATA_HOME")) {
		t.Errorf("demo not opened from the data folder: %s", u.Store.Path())
	}
	if u.Snapshot() == nil || u.Snapshot().Agency.Name != "Flexwerk Zuid B.V." {
		t.Error("demo not loaded")
	}
}

func TestWorkerForm_StoreRefusalShownAndFormStaysOpen(t *testing.T) {
	u := newDemoUI(t, "nl")
	f := u.EditWorker(nil)
	retype(f.Entries["number"], "1001") // taken by Jan de Vries
	test.Type(f.Entries["lastname"], "Dubbel")
	test.Tap(f.Save)
	u.WaitTasks()
	if !strings.Contains(f.Status.Text, "Personeelsnummer 1001 bestaat al") {
		t.Errorf("store refusal not shown in the form: %q", f.Status.Text)
	}
	if u.OpenForm() != f || !strings.Contains(overlayText(u), "Personeelsnummer 1001 bestaat al") {
		t.Error("form closed or no error dialog after a refused save")
	}
	if w := workerByNumber(t, u, "1001"); w == nil || w.LastName != "Vries" {
		t.Errorf("worker 1001 changed: %+v", w)
	}
}
