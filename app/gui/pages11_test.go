package gui_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"verloner/app/absence"
	"verloner/app/contracts"
	"verloner/app/gui"
	"verloner/app/payrun"
	"verloner/domain"
	abs "verloner/domain/absence"
	"verloner/domain/contract"
	"verloner/domain/params"
	"verloner/domain/payroll"
	pf "verloner/domain/proforma"
	exwr "verloner/exporters/wagerecords"
)

// The demo week is processed on Tuesday 24 November 2026.
var p11Now = time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)

// p11UI opens a fresh demo administration in a test window, as gui_test.go's
// newDemoUI does.
func p11UI(t *testing.T) *gui.UI {
	t.Helper()
	u := newDemoUI(t, "nl")
	u.Win.Resize(fyne.NewSize(1280, 800))
	return u
}

// p11Text is every text on screen, dialogs included.
func p11Text(u *gui.UI) string {
	return test.RenderToMarkup(u.Win.Canvas()) + p11OverlayText(u)
}

func p11OverlayText(u *gui.UI) string {
	var b strings.Builder
	for _, o := range u.Win.Canvas().Overlays().List() {
		walkObjects(o, func(o fyne.CanvasObject) {
			if l, ok := o.(*widget.Label); ok {
				b.WriteString(l.Text + "\n")
			}
		})
	}
	return b.String()
}

// p11Button finds a button by its text on the page (dialog false) or in
// the dialogs on screen (dialog true).
func p11Button(t *testing.T, u *gui.UI, text string, dialog bool) *widget.Button {
	t.Helper()
	roots := []fyne.CanvasObject{u.Win.Content()}
	if dialog {
		roots = u.Win.Canvas().Overlays().List()
	}
	var found *widget.Button
	for _, r := range roots {
		walkObjects(r, func(o fyne.CanvasObject) {
			if b, ok := o.(*widget.Button); ok && b.Text == text && found == nil {
				found = b
			}
		})
	}
	if found == nil {
		t.Fatalf("no button %q (dialog %v)", text, dialog)
	}
	return found
}

// p11Entries are the entries of the topmost dialog, in order.
func p11Entries(u *gui.UI) []*widget.Entry {
	var out []*widget.Entry
	walkObjects(u.Win.Canvas().Overlays().Top(), func(o fyne.CanvasObject) {
		if e, ok := o.(*widget.Entry); ok {
			out = append(out, e)
		}
	})
	return out
}

// p11Tap taps a button that starts a task and waits for it and the reloads
// it triggers.
func p11Tap(t *testing.T, u *gui.UI, b *widget.Button) {
	t.Helper()
	if b.Disabled() {
		t.Fatalf("button %q is disabled", b.Text)
	}
	test.Tap(b)
	for range 3 {
		u.WaitTasks()
	}
}

func p11Worker(t *testing.T, u *gui.UI, number string) *domain.Worker {
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
	t.Fatalf("no worker %s", number)
	return nil
}

func p11Contains(t *testing.T, what, got string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(got, w) {
			t.Errorf("%s lacks %q", what, w)
		}
	}
}

// TestContractsPage_IssueSignPDFEnd: the register of a worker without
// contracts; a new contract from the placement, signed today (the worker
// record follows), its PDF opened from a private file, then ended.
func TestContractsPage_IssueSignPDFEnd(t *testing.T) {
	ctx := context.Background()
	u := p11UI(t)
	w := p11Worker(t, u, "1002")
	u.ShowContracts(w.ID)
	u.WaitTasks()
	p11Contains(t, "contracts page", p11Text(u), "Contractregister", "Register 1002 Sanne Bakker",
		"Alleen in stamgegevens: getekend 05-01-2026", "Dit register is leeg")

	test.Tap(p11Button(t, u, "Nieuw contract…", false))
	p11Contains(t, "new-contract dialog", p11OverlayText(u), "Nieuw contract voor 1002 Sanne Bakker")
	p11Tap(t, u, p11Button(t, u, "Contract maken", true))
	reg, err := contracts.Register(ctx, u.Store, w.ID)
	if err != nil || len(reg) != 1 || reg[0].Signed() || reg[0].Reason != contract.ReasonNew {
		t.Fatalf("register after issuing: %+v %v", reg, err)
	}
	p11Contains(t, "register", p11Text(u), "nieuwe overeenkomst", "niet getekend", "Nog niet getekend", "Gekozen: contract 1 versie 1")

	test.Tap(p11Button(t, u, "Tekenen…", false))
	if es := p11Entries(u); len(es) != 1 || es[0].Text != "24-11-2026" {
		t.Fatalf("sign dialog should offer today: %+v", es)
	}
	p11Tap(t, u, p11Button(t, u, "Tekendatum vastleggen", true))
	reg, _ = contracts.Register(ctx, u.Store, w.ID)
	if len(reg) != 1 || !reg[0].SignedOn.Equal(domain.Date(2026, 11, 24)) {
		t.Fatalf("not signed: %+v", reg)
	}
	if got := p11Worker(t, u, "1002"); !got.ContractSignedOn.Equal(domain.Date(2026, 11, 24)) || got.ContractType == "" {
		t.Errorf("worker record did not follow the signature: %v %q", got.ContractSignedOn, got.ContractType)
	}
	if got := u.Snapshot().WorkerByID[w.ID]; !got.ContractSignedOn.Equal(domain.Date(2026, 11, 24)) {
		t.Error("the administration was not reloaded after signing")
	}
	p11Contains(t, "signed register", p11Text(u), "In orde", "24-11-2026")
	if !p11Button(t, u, "Tekenen…", false).Disabled() {
		t.Error("a signed version can be signed again")
	}

	// The PDF: a 0600 file in a 0700 temporary folder, offered to open.
	p11Tap(t, u, p11Button(t, u, "PDF openen", false))
	var path string
	for _, line := range strings.Split(p11OverlayText(u), "\n") {
		if strings.HasSuffix(line, ".pdf") {
			path = line
		}
	}
	if path == "" {
		t.Fatalf("no PDF path shown:\n%s", p11OverlayText(u))
	}
	t.Cleanup(func() { os.RemoveAll(filepath.Dir(path)) })
	fi, err := os.Stat(path)
	if err != nil || fi.Mode().Perm() != 0o600 || fi.Size() < 1000 {
		t.Fatalf("contract PDF %s: %v %v", path, fi, err)
	}
	if di, _ := os.Stat(filepath.Dir(path)); di.Mode().Perm() != 0o700 {
		t.Errorf("temporary folder %v", di.Mode())
	}
	if b, _ := os.ReadFile(path); !strings.HasPrefix(string(b), "%PDF") {
		t.Error("not a PDF")
	}

	// End the contract today: a new version to be signed.
	test.Tap(p11Button(t, u, "Beëindigen…", false))
	p11Tap(t, u, p11Button(t, u, "Beëindigen", true))
	reg, _ = contracts.Register(ctx, u.Store, w.ID)
	if len(reg) != 2 || reg[1].Reason != contract.ReasonEnd || !reg[1].End.Equal(domain.Date(2026, 11, 24)) || reg[1].Signed() {
		t.Fatalf("after ending: %+v", reg)
	}
	p11Contains(t, "ended register", p11Text(u), "beëindiging", "Gekozen: contract 1 versie 2")
	if !p11Button(t, u, "Beëindigen…", false).Disabled() || !p11Button(t, u, "Verlengen…", false).Disabled() {
		t.Error("an ended contract can be changed again")
	}
}

// TestProformaPage_CostPriceEqualsDomain: the page's cost price, rate and
// margin are domain/proforma's for the same input, and the hirer's PDF and
// XLSX are written 0600.
func TestProformaPage_CostPriceEqualsDomain(t *testing.T) {
	u := p11UI(t)
	u.Show(gui.PageProforma)
	f := u.ProformaForm()
	f.Wage.SetText("16,10")
	f.Age.SetText("30")
	f.Hours[domain.HourShift].SetText("4")
	f.Pay[domain.HourShift].SetText("120")
	f.Bill[domain.HourShift].SetText("130")
	f.Hours[domain.HourNormal].SetText("36")
	f.Target.SetText("4,50") // default goal: rate for a margin per hour
	test.Tap(f.Calculate)

	set, err := params.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	in := pf.Input{Year: 2026, HourlyWage: domain.MustDec("16.10"), Age: 30, Phase: domain.PhaseA, MarginPerHour: domain.MustDec("4.50"),
		Mix: []pf.Mix{{Type: domain.HourNormal, Hours: domain.MustDec("36")},
			{Type: domain.HourShift, Hours: domain.MustDec("4"), PayPercent: domain.MustDec("120"), BillPercent: domain.MustDec("130")}}}
	switch u.Snapshot().Agency.EmployerSize {
	case domain.MediumEmployer:
		in.EmployerSize = payroll.MediumEmployer
	case domain.LargeEmployer:
		in.EmployerSize = payroll.LargeEmployer
	}
	want, err := pf.CalculateFor(set, in)
	if err != nil {
		t.Fatal(err)
	}
	got := f.Result()
	if got == nil {
		t.Fatalf("no result; status %q", f.Status.Text)
	}
	if !got.CostPrice.Equal(want.CostPrice) || !got.Rate.Equal(want.Rate) || !got.MarginPerHour.Equal(want.MarginPerHour) {
		t.Errorf("page: cost %s rate %s margin %s; domain: %s %s %s", got.CostPrice, got.Rate, got.MarginPerHour,
			want.CostPrice, want.Rate, want.MarginPerHour)
	}
	p11Contains(t, "pro forma", p11Text(u), "Kostprijs per gewerkt uur: "+domain.FormatEuro(want.CostPrice),
		"Tarief per normaal uur: "+domain.FormatEuro(want.Rate), "Marge "+domain.FormatEuro(want.MarginPerHour), "ORT",
		domain.FormatEuro(want.WageCostPerHour))

	// The values survive a rebuild of the page (a reload, a language switch).
	u.Show(gui.PageOverview)
	u.Show(gui.PageProforma)
	if f2 := u.ProformaForm(); f2.Wage.Text != "16,10" || f2.Target.Text != "4,50" || f2.Result() == nil {
		t.Errorf("form not kept: wage %q target %q", f2.Wage.Text, f2.Target.Text)
	}
	if !strings.Contains(p11Text(u), domain.FormatEuro(want.CostPrice)) {
		t.Error("result not shown again after the rebuild")
	}

	dir := t.TempDir()
	paths, err := u.ProformaForm().Files(dir)
	if err != nil || len(paths) != 2 {
		t.Fatalf("files %v %v", paths, err)
	}
	for _, p := range paths {
		if fi, err := os.Stat(p); err != nil || fi.Mode().Perm() != 0o600 || fi.Size() == 0 {
			t.Errorf("%s: %v %v", p, fi, err)
		}
	}

	// A wrong input says what is wrong and shows no result.
	f = u.ProformaForm()
	f.Age.SetText("")
	test.Tap(f.Calculate)
	if f.Result() != nil || !strings.Contains(f.Status.Text, "Leeftijd") {
		t.Errorf("missing age: result %v, status %q", f.Result() != nil, f.Status.Text)
	}
}

// TestAbsencePage_SickReportFollowUpAndSickHours: a sick report shows with
// its waiting day, pay % and deadlines; a follow-up date and a note are
// recorded; "Ziekte-uren toevoegen" adds the period's ZIEK line once.
func TestAbsencePage_SickReportFollowUpAndSickHours(t *testing.T) {
	ctx := context.Background()
	u := p11UI(t)
	w := p11Worker(t, u, "1002")
	var placement int64
	for _, p := range u.Snapshot().Placements {
		if p.WorkerID == w.ID {
			placement = p.ID
		}
	}
	// Thirteen Saturdays of 4 hours before the demo week, and a sick report
	// from Saturday 21-11 (a day without hours in the demo).
	var history []*domain.HourLine
	for i := 1; i <= 13; i++ {
		history = append(history, &domain.HourLine{PlacementID: placement, Date: domain.Date(2026, 11, 21).AddDate(0, 0, -7*i),
			Type: domain.HourNormal, Quantity: domain.MustDec("4"), Status: domain.HoursImported})
	}
	if err := u.Store.AddHourLines(ctx, history); err != nil {
		t.Fatal(err)
	}
	rep := &domain.SickReport{WorkerID: w.ID, FirstDay: domain.Date(2026, 11, 21), ReportedAt: time.Date(2026, 11, 21, 7, 0, 0, 0, time.UTC),
		Source: domain.SickByHand}
	if err := u.Store.SaveSickReport(ctx, rep); err != nil {
		t.Fatal(err)
	}
	u.WaitTasks() // a background load still running would redraw concurrently (the test driver runs fyne.Do inline)
	if err := u.Load(ctx); err != nil {
		t.Fatal(err)
	}
	u.Show(gui.PageAbsence)
	u.WaitTasks()
	got := p11Text(u)
	p11Contains(t, "absence page", got, "1 uitzendkracht(en) ziek op 24-11-2026", "Bakker, Sanne", "21-11-2026", "90 %",
		"1002 Sanne Bakker — ziek sinds 21-11-2026", "Wachtdagen bij deze melding: 1", "Ziekmelding aan de arbodienst (week 1)", "op tijd")

	// Record the report to the arbodienst.
	test.Tap(p11Button(t, u, "Termijnen vastleggen…", false))
	es := p11Entries(u)
	if len(es) != 6 {
		t.Fatalf("follow-up dialog has %d entries", len(es))
	}
	es[0].SetText("23-11-2026")
	p11Tap(t, u, p11Button(t, u, "Opslaan", true))
	r, err := absence.Record(ctx, u.Store, rep.ID, absence.Options{Now: func() time.Time { return p11Now }})
	if err != nil {
		t.Fatal(err)
	}
	if !r.FollowUp.ArboReportedOn.Equal(domain.Date(2026, 11, 23)) {
		t.Errorf("arbo date not saved: %+v", r.FollowUp)
	}
	for _, d := range r.Deadlines {
		if d.Code == abs.DlArbo && d.Status != abs.OnTime {
			t.Errorf("arbo deadline %s after recording it", d.Status)
		}
	}
	p11Contains(t, "after the follow-up", p11Text(u), "23-11-2026")

	// A note.
	test.Tap(p11Button(t, u, "Notitie toevoegen…", false))
	es = p11Entries(u)
	es[len(es)-1].SetText("Gebeld: verwacht maandag weer te werken.")
	p11Tap(t, u, p11Button(t, u, "Opslaan", true))
	p11Contains(t, "after the note", p11Text(u), "Gebeld: verwacht maandag weer te werken.")

	// Sick hours of the period: Saturday's 13-week average, once.
	sick := func() []*domain.HourLine {
		lines, err := u.Store.HourLines(ctx, domain.Date(2026, 11, 16), domain.Date(2026, 11, 22))
		if err != nil {
			t.Fatal(err)
		}
		var out []*domain.HourLine
		for _, l := range lines {
			if l.Type == domain.HourSick {
				out = append(out, l)
			}
		}
		return out
	}
	p11Tap(t, u, p11Button(t, u, "Ziekte-uren toevoegen (2026-W47)", false))
	ls := sick()
	if len(ls) != 1 || !ls[0].Date.Equal(domain.Date(2026, 11, 21)) || !ls[0].Quantity.Equal(domain.MustDec("4")) ||
		ls[0].Source.File != abs.SickSourceFile || ls[0].PlacementID != placement {
		t.Fatalf("sick lines %+v", ls)
	}
	p11Contains(t, "sick hours dialog", p11OverlayText(u), "1 regel(s) ziekte-uren toegevoegd aan 2026-W47 (4,00 uur)")
	p11Tap(t, u, p11Button(t, u, "Ziekte-uren toevoegen (2026-W47)", false))
	if n := len(sick()); n != 1 {
		t.Errorf("second run: %d sick lines", n)
	}
	if u.Current() != gui.PageAbsence {
		t.Errorf("left the page: %s", u.Current())
	}
}

// TestPayrollPage_LoonstaatAndJaaropgaven: after a final run the year's
// loonstaat, verzamelloonstaat and a jaaropgaaf per paid worker are written
// 0600; a year without final runs says so.
func TestPayrollPage_LoonstaatAndJaaropgaven(t *testing.T) {
	ctx := context.Background()
	u := p11UI(t)
	w47 := u.Snapshot().Period
	opt := payrun.Options{Now: func() time.Time { return p11Now }, By: "test"}
	if _, err := payrun.Proof(ctx, u.Store, w47, opt, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := payrun.Approve(ctx, u.Store, w47, opt); err != nil {
		t.Fatal(err)
	}
	final, err := payrun.Finalise(ctx, u.Store, w47, opt, nil)
	if err != nil {
		t.Fatal(err)
	}
	u.WaitTasks() // a background load still running would redraw concurrently (the test driver runs fyne.Do inline)
	if err := u.Load(ctx); err != nil {
		t.Fatal(err)
	}
	u.Show(gui.PagePayroll)
	_ = p11Button(t, u, "Loonstaat en jaaropgaven…", false)

	dir := t.TempDir()
	u.ExportWageRecords(2026, dir, true, true)
	u.WaitTasks()
	want := []string{exwr.LoonstaatXLSXName(2026), exwr.LoonstaatPDFName(2026), exwr.VerzamelloonstaatPDFName(2026)}
	for _, ps := range final.Payslips {
		want = append(want, exwr.JaaropgaafName(2026, ps.WorkerNumber))
	}
	for _, name := range want {
		fi, err := os.Stat(filepath.Join(dir, name))
		if err != nil || fi.Mode().Perm() != 0o600 || fi.Size() == 0 {
			t.Errorf("%s: %v %v", name, fi, err)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != len(want) {
		t.Errorf("%d files written, want %d", len(entries), len(want))
	}
	p11Contains(t, "export dialog", p11OverlayText(u), filepath.Join(dir, exwr.LoonstaatXLSXName(2026)))

	empty := t.TempDir()
	u.ExportWageRecords(2025, empty, true, true)
	u.WaitTasks()
	p11Contains(t, "error for 2025", p11OverlayText(u), "Geen definitieve verloningen met een betaaldatum in 2025")
	if entries, _ := os.ReadDir(empty); len(entries) != 0 {
		t.Errorf("files written for a year without runs: %d", len(entries))
	}
}
