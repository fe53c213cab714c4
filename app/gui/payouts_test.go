package gui_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/xuri/excelize/v2"

	"verloner/app/gui"
	"verloner/app/payrun"
	"verloner/domain"
	"verloner/domain/payroll"
)

// After the demo's first final run the Reserveringen dialog lists the
// vakantiegeld reserved per worker; "Vakantiegeld voor iedereen" makes one
// request per worker with a balance, the dialog then shows them open, and a
// selected request can be withdrawn.
func TestPayouts_HolidayPayForEveryoneAndWithdraw(t *testing.T) {
	ctx := context.Background()
	u := newDemoUI(t, "nl")
	period := domain.Period{Kind: domain.Weekly, Year: 2026, Number: 47}
	opt := payrun.Options{Params: u.Params, Now: u.Now}
	if _, err := payrun.Proof(ctx, u.Store, period, opt, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := payrun.Approve(ctx, u.Store, period, opt); err != nil {
		t.Fatal(err)
	}
	if _, err := payrun.Finalise(ctx, u.Store, period, opt, nil); err != nil {
		t.Fatal(err)
	}
	bal, err := u.Store.ReservationBalances(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	withPay := 0
	for _, b := range bal {
		if b.Scheme == payroll.SchemeHolidayPay && b.Balance.IsPositive() {
			withPay++
		}
	}
	if withPay < 3 {
		t.Fatalf("%d workers with vakantiegeld after a final run", withPay)
	}

	u.ShowPayouts()
	u.WaitTasks()
	if got := abOverlayText(u); !strings.Contains(got, "Reserveringen en uitbetalingen") {
		t.Fatalf("dialog text:\n%s", got)
	}
	if n := overlayTable(t, u).Length; func() bool { r, _ := n(); return r < withPay }() {
		r, _ := n()
		t.Errorf("dialog lists %d rows, want at least the %d vakantiegeld balances", r, withPay)
	}
	test.Tap(abButton(t, u, "Vakantiegeld voor iedereen…", true))
	test.Tap(confirmButton(t, u))
	u.WaitTasks()

	if got := abOverlayText(u); !strings.Contains(got, "uitbetalingsverzoeken voor vakantiegeld vastgelegd") {
		t.Fatalf("after everyone:\n%s", got)
	}
	open, _ := u.Store.PayoutRequests(ctx, true)
	if len(open) != withPay {
		t.Fatalf("%d open requests, want %d", len(open), withPay)
	}
	abCloseDialogs(u)

	u.ShowPayouts()
	u.WaitTasks()
	// The table draws the rows in view: those show their open request.
	if got := abOverlayText(u); !strings.Contains(got, "hele saldo (") || !strings.Contains(got, "nr. ") {
		t.Errorf("dialog does not show the open requests:\n%s", got)
	}
	withdraw := abButton(t, u, "Verzoek intrekken", true)
	if !withdraw.Disabled() {
		t.Error("withdraw enabled before a request is selected")
	}
	tbl := overlayTable(t, u)
	rows, _ := tbl.Length()
	for r := 0; r < rows && withdraw.Disabled(); r++ {
		tbl.Select(widget.TableCellID{Row: r, Col: 0})
	}
	if withdraw.Disabled() {
		t.Fatal("no row with an open request enables withdraw")
	}
	test.Tap(withdraw)
	u.WaitTasks()
	if open, _ := u.Store.PayoutRequests(ctx, true); len(open) != withPay-1 {
		t.Errorf("%d open requests after withdrawing one, want %d", len(open), withPay-1)
	}

	// A request by hand, from the selected row: the form has its worker;
	// scheme and amount are chosen in it.
	abCloseDialogs(u)
	u.ShowPayouts()
	u.WaitTasks()
	overlayTable(t, u).Select(widget.TableCellID{Row: 0, Col: 0})
	test.Tap(abButton(t, u, "Uitbetaling aanvragen…", true))
	var worker *widget.SelectEntry
	var amount *widget.Entry
	var scheme *widget.Select
	walkObjects(u.Win.Canvas().Overlays().Top(), func(o fyne.CanvasObject) {
		switch w := o.(type) {
		case *widget.SelectEntry:
			worker = w
		case *widget.Select:
			scheme = w
		case *widget.Entry:
			if w.PlaceHolder == "leeg: het hele saldo" {
				amount = w
			}
		}
	})
	if worker == nil || amount == nil || scheme == nil || worker.Text == "" {
		t.Fatalf("request form: worker %v amount %v scheme %v", worker, amount, scheme)
	}
	scheme.SetSelected("Feestdagen")
	amount.SetText("100,00")
	test.Tap(abButton(t, u, "Aanvragen", true))
	u.WaitTasks()
	var made bool
	open, _ = u.Store.PayoutRequests(ctx, true)
	for _, r := range open {
		made = made || (r.Scheme == payroll.SchemePublicDays && r.Amount.Equal(domain.MustDec("100")) && strings.HasPrefix(worker.Text, numberOf(t, u, r.WorkerID)+" "))
	}
	if !made {
		t.Errorf("no feestdagen request of 100,00 for %q among %d open requests", worker.Text, len(open))
	}

	// The statement button is there; the export writes today's statement.
	abButton(t, u, "Overzicht (XLSX)…", true)
	abCloseDialogs(u)
	dir := t.TempDir()
	u.ExportReservations(dir)
	u.WaitTasks()
	f, err := excelize.OpenFile(filepath.Join(dir, "reserveringen-2026-11-24.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	sheet, _ := f.GetRows("Reserveringen")
	f.Close()
	if len(sheet) < 3+withPay || sheet[len(sheet)-1][0] != "Totaal" {
		t.Errorf("statement: %q", sheet)
	}
}

func numberOf(t *testing.T, u *gui.UI, id int64) string {
	t.Helper()
	w, err := u.Store.Worker(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return w.Number
}

// overlayTable is the table in the dialogs on screen.
func overlayTable(t *testing.T, u *gui.UI) *widget.Table {
	t.Helper()
	var found *widget.Table
	for _, o := range u.Win.Canvas().Overlays().List() {
		walkObjects(o, func(o fyne.CanvasObject) {
			if tb, ok := o.(*widget.Table); ok && found == nil {
				found = tb
			}
		})
	}
	if found == nil {
		t.Fatal("no table in the dialogs")
	}
	return found
}

// confirmButton is the confirm button of the dialog on top: "Ja", or "Yes"
// when Fyne runs without our Dutch translation (the C locale of CI).
func confirmButton(t *testing.T, u *gui.UI) *widget.Button {
	t.Helper()
	var found *widget.Button
	walkObjects(u.Win.Canvas().Overlays().Top(), func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && (b.Text == "Ja" || b.Text == "Yes") {
			found = b
		}
	})
	if found == nil {
		t.Fatal("no confirm button on the dialog on top")
	}
	return found
}
