package gui_test

import (
	"context"
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
