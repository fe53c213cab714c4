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
)

// Stamgegevens → a worker → Beginsaldo…: the form takes the year's totals and
// the reserved balances over; a second time the store refuses it.
func TestOpeningBalance_FormOnce(t *testing.T) {
	ctx := context.Background()
	u := newDemoUI(t, "nl")
	u.ShowMasterData(false, "")
	u.WaitTasks()
	btn := abButton(t, u, "Beginsaldo…", false)
	if !btn.Disabled() {
		t.Error("Beginsaldo… enabled without a selected worker")
	}
	var table *widget.Table
	walkObjects(u.Win.Content(), func(o fyne.CanvasObject) {
		if tb, ok := o.(*widget.Table); ok && table == nil {
			table = tb
		}
	})
	table.Select(widget.TableCellID{Row: 0, Col: 0})
	fill := func(values map[string]string) {
		t.Helper()
		test.Tap(abButton(t, u, "Beginsaldo…", false))
		form := u.Win.Canvas().Overlays().Top()
		var labels []string
		walkObjects(form, func(o fyne.CanvasObject) {
			if l, ok := o.(*widget.Label); ok {
				labels = append(labels, l.Text)
			}
		})
		var entries []*widget.Entry
		walkObjects(form, func(o fyne.CanvasObject) {
			if e, ok := o.(*widget.Entry); ok {
				entries = append(entries, e)
			}
		})
		// The entries in the form's order: periods, then the amounts.
		order := []string{"periods", "table", "special", "tax", "gross", "net", "pay", "hours", "feest", "kort"}
		if len(entries) < len(order) {
			t.Fatalf("%d entries in the form (labels %q)", len(entries), labels)
		}
		for i, k := range order {
			if v, ok := values[k]; ok {
				entries[i].SetText(v)
			}
		}
		test.Tap(abButton(t, u, "Overnemen", true))
		u.WaitTasks()
	}
	fill(map[string]string{"periods": "30", "table": "18.450,00", "tax": "1.234,56", "pay": "1.476,00", "hours": "64,5"})
	if got := abOverlayText(u); !strings.Contains(got, "Beginsaldo 2026 vastgelegd") {
		t.Fatalf("after saving:\n%s", got)
	}
	ytd, err := u.Store.YearToDate(ctx, 2026)
	if err != nil {
		t.Fatal(err)
	}
	var periods int
	for _, y := range ytd {
		if y.TableWage.String() == "18450" && y.WageTax.String() == "1234.56" {
			periods = y.Periods
		}
	}
	if periods != 30 {
		t.Errorf("year-to-date after the form: %+v", ytd)
	}
	abCloseDialogs(u)
	fill(map[string]string{"pay": "10"})
	if got := abOverlayText(u); !strings.Contains(got, "al een beginsaldo") {
		t.Errorf("second opening balance not refused:\n%s", got)
	}
}

// Import → Soort "Beginsaldi 2026": a list is previewed with its counts and
// taken over by Doorvoeren.
func TestImportPage_OpeningList(t *testing.T) {
	ctx := context.Background()
	u := newDemoUI(t, "nl")
	u.Show("import")
	u.WaitTasks()
	var kind *widget.Select
	walkObjects(u.Win.Content(), func(o fyne.CanvasObject) {
		if s, ok := o.(*widget.Select); ok && kind == nil && len(s.Options) == 3 {
			kind = s
		}
	})
	if kind == nil || kind.Options[2] != "Beginsaldi 2026" {
		t.Fatalf("kind selector %v", kind)
	}
	kind.SetSelected("Beginsaldi 2026")
	file := filepath.Join(t.TempDir(), "beginsaldi.csv")
	if err := os.WriteFile(file, []byte("Personeelsnummer;Tijdvakken;Loon LB;Vakantiegeld\n1001;26;18.450,00;1.476,00\n1002;26;12.000,00;980,10\n9999;1;1;1\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	u.PreviewImport(file)
	u.WaitTasks()
	if got := texts(u); !contains(got, "beginsaldi.csv (Beginsaldi 2026): 2 rijen goed, 0 met waarschuwing, 1 met fout — 2 regels toe te voegen, 0 te laten vervallen") {
		t.Fatalf("preview texts: %q", got)
	}
	test.Tap(findButton(t, u, "Doorvoeren"))
	test.Tap(confirmButton(t, u)) // skip the row with an error
	u.WaitTasks()
	ytd, _ := u.Store.YearToDate(ctx, 2026)
	n := 0
	for _, y := range ytd {
		if y.Periods == 26 {
			n++
		}
	}
	if n != 2 {
		t.Errorf("%d workers with the list's 26 periods, want 2: %+v", n, ytd)
	}
}
