package gui_test

import (
	"context"
	"os"
	"os/user"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"verloner/app/backup"
	"verloner/app/gui"
	"verloner/app/sqlite"
	"verloner/domain"
)

// abUI opens a fresh demo administration in a test window; the store open at
// the end of the test (restore switches it) is closed.
func abUI(t *testing.T) *gui.UI {
	t.Helper()
	return newDemoUI(t, "nl")
}

// abOverlayText is every label text in the dialogs on screen.
func abOverlayText(u *gui.UI) string {
	var b strings.Builder
	for _, o := range u.Win.Canvas().Overlays().List() {
		walkObjects(o, func(o fyne.CanvasObject) {
			switch w := o.(type) {
			case *widget.Label:
				b.WriteString(w.Text + "\n")
			case *widget.RichText:
				b.WriteString(w.String() + "\n")
			}
		})
	}
	return b.String()
}

// abButton finds a button by text in the window (or, with overlay, in the dialogs).
func abButton(t *testing.T, u *gui.UI, text string, overlay bool) *widget.Button {
	t.Helper()
	roots := []fyne.CanvasObject{u.Win.Content()}
	if overlay {
		roots = u.Win.Canvas().Overlays().List()
	}
	var found *widget.Button
	for _, r := range roots {
		walkObjects(r, func(o fyne.CanvasObject) {
			if b, ok := o.(*widget.Button); ok && found == nil && b.Text == text {
				found = b
			}
		})
	}
	if found == nil {
		t.Fatalf("no button %q", text)
	}
	return found
}

// abCloseDialogs hides every dialog on screen.
func abCloseDialogs(u *gui.UI) {
	for {
		top := u.Win.Canvas().Overlays().Top()
		if top == nil {
			return
		}
		u.Win.Canvas().Overlays().Remove(top)
	}
}

func abWorker(t *testing.T, u *gui.UI, number string) *domain.Worker {
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

func TestMasterData_HistoryOfSavedWorker(t *testing.T) {
	u := abUI(t)
	ctx := context.Background()
	w := abWorker(t, u, "1001")
	w.FirstName = "Gewijzigd"
	if err := u.Store.SaveWorker(ctx, w); err != nil {
		t.Fatal(err)
	}
	if err := u.Load(ctx); err != nil {
		t.Fatal(err)
	}
	u.Show(gui.PageMasterData)
	hist := abButton(t, u, "Geschiedenis…", false)
	if !hist.Disabled() {
		t.Error("Geschiedenis… enabled without a selection")
	}

	// Select the worker's row by tapping its number cell.
	var cell fyne.Tappable
	walkObjects(u.Win.Content(), func(o fyne.CanvasObject) {
		if tp, ok := o.(fyne.Tappable); ok && cell == nil {
			if _, ok := o.(fyne.DoubleTappable); ok {
				if l := abCellText(o); l == "1001" {
					cell = tp
				}
			}
		}
	})
	if cell == nil {
		t.Fatal("no cell 1001 in the worker list")
	}
	test.Tap(cell)
	if hist.Disabled() {
		t.Fatal("Geschiedenis… still disabled after selecting a worker")
	}
	test.Tap(hist)
	u.WaitTasks()

	me, err := user.Current()
	if err != nil {
		t.Fatal(err)
	}
	got := abOverlayText(u)
	if !strings.Contains(got, "Geschiedenis van 1001") {
		t.Fatalf("no history dialog for 1001:\n%s", got)
	}
	for _, want := range []string{"update", me.Username, "Wie", "Wanneer", "Actie"} {
		if !strings.Contains(got, want) {
			t.Errorf("history dialog lacks %q:\n%s", want, got)
		}
	}

	// The rows themselves: newest first, the update by the OS user, in
	// Amsterdam time as dd-mm-jjjj uu:mm.
	rows, err := u.HistoryRows(ctx, gui.EntityWorker, w.ID)
	if err != nil || len(rows) == 0 {
		t.Fatalf("history rows %v, %v", rows, err)
	}
	if rows[0][0] != me.Username || rows[0][2] != "update" {
		t.Errorf("newest history row %q, want update by %s", rows[0], me.Username)
	}
	if _, err := time.Parse("02-01-2006 15:04", rows[0][1]); err != nil {
		t.Errorf("moment %q: %v", rows[0][1], err)
	}
	var created bool
	for _, r := range rows {
		created = created || r[2] == "create"
		if strings.Contains(r[3], w.BSN) && w.BSN != "" {
			t.Errorf("history shows a whole BSN: %q", r)
		}
	}
	if !created {
		t.Errorf("no create row in %q", rows)
	}
}

// abCellText is the text of a table cell that embeds a widget.Label.
func abCellText(o fyne.CanvasObject) string {
	v := reflect.ValueOf(o)
	if v.Kind() != reflect.Pointer || v.Elem().Kind() != reflect.Struct {
		return ""
	}
	if l := v.Elem().FieldByName("Label"); l.IsValid() && l.Kind() == reflect.Struct {
		return l.FieldByName("Text").String()
	}
	return ""
}

func TestMenu_BackupAndRestore(t *testing.T) {
	u := abUI(t)
	ctx := context.Background()
	path := u.Store.Path()

	// The Bestand menu offers both.
	var labels []string
	for _, it := range u.Win.MainMenu().Items[0].Items {
		labels = append(labels, it.Label)
	}
	if l := strings.Join(labels, "|"); !strings.Contains(l, "Back-up maken") || !strings.Contains(l, "Back-up terugzetten…") {
		t.Fatalf("Bestand menu %q", l)
	}

	// Back-up maken writes a checked file into the backups folder and shows it.
	u.MakeBackup()
	u.WaitTasks()
	list, err := backup.List(backup.Dir(path))
	if err != nil || len(list) != 1 {
		t.Fatalf("backups after Back-up maken: %v, %v", list, err)
	}
	saved := list[0].Path
	if fi, err := os.Stat(saved); err != nil || fi.Size() == 0 {
		t.Fatalf("backup file %s: %v", saved, err)
	}
	if got := abOverlayText(u); !strings.Contains(got, saved) {
		t.Errorf("backup path not shown:\n%s", got)
	}
	abCloseDialogs(u)

	// A change after the backup.
	w := abWorker(t, u, "1001")
	oldName := w.FirstName
	w.FirstName = "NaDeBackup"
	if err := u.Store.SaveWorker(ctx, w); err != nil {
		t.Fatal(err)
	}
	old := u.Store

	// Terugzetten asks first and says the current file is kept.
	u.ConfirmRestore(saved)
	if got := abOverlayText(u); !strings.Contains(got, "blijft bewaard als kopie") {
		t.Fatalf("confirmation does not say the current file is kept:\n%s", got)
	}
	test.Tap(abButton(t, u, "Terugzetten", true))
	u.WaitTasks()
	u.WaitTasks()

	if u.Store == old {
		t.Fatal("the store was not reopened after the restore")
	}
	if u.Store.Path() != path {
		t.Errorf("reopened %s, want %s", u.Store.Path(), path)
	}
	if got := abWorker(t, u, "1001").FirstName; got != oldName {
		t.Errorf("after restore worker 1001 is %q, want %q from the backup", got, oldName)
	}
	if s := u.Snapshot(); s == nil {
		t.Error("no snapshot after the restore")
	}

	// The replaced file was kept aside, with the change in it.
	list, err = backup.List(backup.Dir(path))
	if err != nil {
		t.Fatal(err)
	}
	var aside string
	for _, b := range list {
		if strings.Contains(filepath.Base(b.Path), backup.BeforeRestore) {
			aside = b.Path
		}
	}
	if aside == "" {
		t.Fatalf("no %s copy among %v", backup.BeforeRestore, list)
	}
	if got := abOverlayText(u); !strings.Contains(got, aside) {
		t.Errorf("copy aside not shown:\n%s", got)
	}
	kept, err := sqlite.Open(ctx, aside)
	if err != nil {
		t.Fatal(err)
	}
	defer kept.Close()
	ws, err := kept.Workers(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var found bool
	for _, x := range ws {
		found = found || (x.Number == "1001" && x.FirstName == "NaDeBackup")
	}
	if !found {
		t.Error("the copy aside does not hold the change made after the backup")
	}
}
