package gui_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"verloner/app/gui"
)

// pageEntries is every entry on the page, in layout order.
func pageEntries(u *gui.UI) []*widget.Entry {
	var out []*widget.Entry
	walkObjects(u.Win.Content(), func(o fyne.CanvasObject) {
		if e, ok := o.(*widget.Entry); ok {
			out = append(out, e)
		}
	})
	return out
}

// pageLabels is the text of every label on the page.
func pageLabels(u *gui.UI) string {
	var b strings.Builder
	walkObjects(u.Win.Content(), func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok {
			b.WriteString(l.Text + "\n")
		}
	})
	return b.String()
}

func TestSettingsLedger_EditIsSaved(t *testing.T) {
	u := newDemoUI(t, "nl")
	u.ShowSettingsTab(gui.SettingsInvoicing)
	u.WaitTasks() // the lower part of Instellingen loads on a goroutine
	ctx := context.Background()
	accs, err := u.Store.LedgerAccounts(ctx)
	if err != nil || len(accs) == 0 {
		t.Fatalf("ledger accounts %v, %v", accs, err)
	}
	want := accs[0]
	var number, name *widget.Entry
	es := pageEntries(u)
	for i, e := range es { // per row the name (the border's centre) comes first
		if e.Text == want.Name && i+1 < len(es) && es[i+1].Text == want.Number {
			name, number = e, es[i+1]
			break
		}
	}
	if number == nil {
		t.Fatalf("no entries for ledger account %s %s", want.Number, want.Name)
	}
	retype(number, "9999")
	retype(name, "Testrekening")
	test.Tap(findButton(t, u, "Grootboekrekeningen opslaan"))
	u.WaitTasks()
	accs, err = u.Store.LedgerAccounts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, a := range accs {
		if a.Role == want.Role {
			found = a.Number == "9999" && a.Name == "Testrekening"
		}
	}
	if !found {
		t.Errorf("role %s not saved: %+v", want.Role, accs)
	}
	if !strings.Contains(pageLabels(u), "opgeslagen") {
		t.Error("no saved message")
	}
}

func TestSettingsLogo_StoredAndRemoved(t *testing.T) {
	u := newDemoUI(t, "nl")
	u.ShowSettingsTab(gui.SettingsInvoicing)
	u.WaitTasks() // the lower part of Instellingen loads on a goroutine
	ctx := context.Background()
	if !strings.Contains(pageLabels(u), "Geen logo") {
		t.Fatalf("page does not say there is no logo:\n%s", pageLabels(u))
	}
	path := filepath.Join(t.TempDir(), "logo.png")
	png := append([]byte("\x89PNG\r\n\x1a\n"), make([]byte, 100)...)
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
	var got error
	u.SetInvoiceLogoFile(path, func(err error) { got = err })
	u.WaitTasks()
	if got != nil {
		t.Fatal(got)
	}
	l, err := u.Store.InvoiceLogo(ctx)
	if err != nil || l == nil || l.Type != "png" || len(l.Data) != len(png) {
		t.Fatalf("logo not stored: %v, %v", l, err)
	}

	// Too big: refused before reading, nothing changes.
	big := filepath.Join(t.TempDir(), "big.png")
	if err := os.WriteFile(big, append(png, make([]byte, 3<<20)...), 0o644); err != nil {
		t.Fatal(err)
	}
	u.SetInvoiceLogoFile(big, func(err error) { got = err })
	u.WaitTasks()
	if got == nil || !strings.Contains(got.Error(), "2 MB") {
		t.Errorf("big logo: %v", got)
	}

	u.Show(gui.PageSettings)
	u.WaitTasks() // the lower part of Instellingen loads on a goroutine
	if !strings.Contains(pageLabels(u), "PNG") {
		t.Errorf("page does not show the logo:\n%s", pageLabels(u))
	}
	test.Tap(findButton(t, u, "Logo verwijderen"))
	u.WaitTasks()
	if l, err := u.Store.InvoiceLogo(ctx); err != nil || l != nil {
		t.Fatalf("logo not removed: %v, %v", l, err)
	}
	if !strings.Contains(pageLabels(u), "Geen logo") {
		t.Error("page still shows a logo after removal")
	}
}

func TestSettingsPackValues_ShowRatesAndSources(t *testing.T) {
	u := newDemoUI(t, "nl")
	for tab, wants := range map[int][]string{
		gui.SettingsParams:    {"Box 1-tarieven: 35,75 % / 37,56 % / 49,50 %", "Bron: §1 2026", "Minimumloon 21+", "StiPP"},
		gui.SettingsInvoicing: {"Factuurnummerreeksen", "Grootboekrekeningen"},
		gui.SettingsAgency:    {"Bureaugegevens", "Taal van het programma"},
	} {
		u.ShowSettingsTab(tab)
		u.WaitTasks() // the packs and invoicing tabs load on a goroutine
		text := pageLabels(u)
		for _, want := range wants {
			if !strings.Contains(text, want) {
				t.Errorf("settings tab %d lacks %q", tab, want)
			}
		}
	}
}
