package gui

// The history of one master-data record (the audit log, per worker, hirer or
// placement) and the manual backup and restore of the main menu.

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"time"
	_ "time/tzdata" // Europe/Amsterdam must resolve on every desktop

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"verloner/app/backup"
	"verloner/app/sqlite"
)

// Audit entity names, as app/sqlite writes them.
const (
	EntityWorker    = "worker"
	EntityHirer     = "hirer"
	EntityPlacement = "placement"
)

// auditLocation is the wall clock the history shows its moments in.
func auditLocation() *time.Location {
	if loc, err := time.LoadLocation("Europe/Amsterdam"); err == nil {
		return loc
	}
	return time.Local
}

// withHistory puts a "Geschiedenis…" button under an editable master-data
// table; it shows the audit log of the selected record (the table's keys are
// record IDs).
func (u *UI) withHistory(d *DataTable, entity string, content fyne.CanvasObject, extra ...fyne.CanvasObject) fyne.CanvasObject {
	selected, name := "", ""
	btn := widget.NewButtonWithIcon(u.Tr.T("md.history"), theme.HistoryIcon(), func() {
		if id, err := strconv.ParseInt(selected, 10, 64); err == nil && selected != "" {
			u.ShowHistory(entity, id, name)
		}
	})
	btn.Disable()
	prev := d.OnSelect
	d.OnSelect = func(row []string, key string) {
		if prev != nil {
			prev(row, key)
		}
		selected, name = key, ""
		if len(row) > 1 {
			name = row[0] + " " + row[1]
		}
		btn.Enable()
	}
	return container.NewBorder(nil, container.NewHBox(append([]fyne.CanvasObject{btn}, extra...)...), nil, nil, content)
}

// HistoryRows are the audit log of one record as table cells, newest first:
// who (the OS user), when (dd-mm-jjjj uu:mm, Amsterdam time), action, detail.
func (u *UI) HistoryRows(ctx context.Context, entity string, id int64) ([][]string, error) {
	entries, err := u.Store.Audit(ctx, entity, id)
	if err != nil {
		return nil, err
	}
	loc := auditLocation()
	rows := make([][]string, 0, len(entries))
	for _, e := range entries {
		rows = append(rows, []string{e.User, e.At.In(loc).Format("02-01-2006 15:04"), e.Action, e.Detail})
	}
	return rows, nil
}

// ShowHistory reads the audit log of one record off the UI goroutine and
// shows it in a dialog; name is how the title names the record.
func (u *UI) ShowHistory(entity string, id int64, name string) {
	t := u.Tr.T
	st := u.Store
	u.tasks.Add(1)
	go func() {
		defer u.tasks.Done()
		rows, err := u.HistoryRows(context.Background(), entity, id)
		u.post(func() {
			if st != u.Store {
				return
			}
			if err != nil {
				dialog.ShowError(errors.New(t("history.failed")+"\n"+storeMessage(err)), u.Win)
				return
			}
			d := NewDataTable([]string{t("history.col.user"), t("history.col.at"), t("history.col.action"),
				t("history.col.detail")}, []float32{140, 140, 100, 420}, t("md.search"), u.countText)
			d.SetRows(rows)
			var body fyne.CanvasObject = d.View()
			if len(rows) == 0 {
				body = container.NewBorder(widget.NewLabel(t("history.none")), nil, nil, nil, body)
			}
			dlg := dialog.NewCustom(t("history.title", map[string]any{"Record": name}), t("history.close"), body, u.Win)
			dlg.Resize(fyne.NewSize(900, 500))
			dlg.Show()
		})
	}()
}

// MakeBackup writes a backup of the open administration into the backups
// folder next to its file and shows where it went.
func (u *UI) MakeBackup() {
	t := u.Tr.T
	st := u.Store
	if st == nil {
		return
	}
	var path string
	u.RunTask(t("backup.busy"), func(ctx context.Context, _ func(int, int)) error {
		p, err := backup.Backup(ctx, st, "")
		path = p
		return err
	}, func(err error) {
		if errors.Is(err, context.Canceled) {
			return
		}
		if err != nil {
			dialog.ShowError(errors.New(t("backup.failed")+"\n"+storeMessage(err)), u.Win)
			return
		}
		dialog.ShowInformation(t("backup.title"), t("backup.done", map[string]any{"Path": path}), u.Win)
	})
}

// showRestoreDialog lets the user pick a backup (a *.verloner file), in the
// backups folder of the open administration when there is one.
func (u *UI) showRestoreDialog() {
	if u.Store == nil {
		return
	}
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			dialog.ShowError(err, u.Win)
			return
		}
		if r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		u.ConfirmRestore(path)
	}, u.Win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{sqlite.Ext}))
	dir := backup.Dir(u.Store.Path())
	if _, err := os.Stat(dir); err != nil {
		dir = filepath.Dir(u.Store.Path())
	}
	if l, err := storage.ListerForURI(storage.NewFileURI(dir)); err == nil {
		d.SetLocation(l)
	}
	d.Resize(fyne.NewSize(900, 600))
	d.Show()
}

// ConfirmRestore asks before the open administration is replaced by the
// backup at from; the current file is kept as a copy.
func (u *UI) ConfirmRestore(from string) {
	if u.Store == nil {
		return
	}
	t := u.Tr.T
	msg := t("restore.confirm", map[string]any{"Backup": filepath.Base(from), "File": filepath.Base(u.Store.Path()),
		"Dir": backup.Dir(u.Store.Path())})
	d := dialog.NewConfirm(t("restore.title"), msg, func(ok bool) {
		if ok {
			u.RestoreBackup(from)
		}
	}, u.Win)
	d.SetConfirmText(t("restore.do"))
	d.SetDismissText(t("task.cancel"))
	d.Show()
}

// RestoreBackup closes the open administration, replaces its file by the
// backup at from (backup.RestoreAside: the replaced file is copied aside
// first), reopens the file and switches to it. When the restore is refused or
// fails, the unchanged administration is reopened.
func (u *UI) RestoreBackup(from string) {
	t := u.Tr.T
	st := u.Store
	if st == nil {
		return
	}
	current := st.Path()
	var aside string
	var db *sqlite.DB
	var openErr error
	u.RunTask(t("restore.busy"), func(ctx context.Context, _ func(int, int)) error {
		if err := st.Close(); err != nil {
			return err
		}
		var err error
		aside, err = backup.RestoreAside(ctx, current, from)
		// Reopen whatever is at current now: the restored file, or the
		// unchanged one when the restore was refused or cancelled.
		db, openErr = sqlite.Open(context.Background(), current)
		return err
	}, func(err error) {
		if db != nil {
			u.SwitchStore(db)
		}
		switch {
		case openErr != nil:
			dialog.ShowError(errors.New(t("restore.reopenfailed", map[string]any{"File": current})+"\n"+storeMessage(openErr)), u.Win)
		case errors.Is(err, context.Canceled):
		case err != nil:
			dialog.ShowError(errors.New(t("restore.failed")+"\n"+storeMessage(err)), u.Win)
		default:
			dialog.ShowInformation(t("restore.title"), t("restore.done", map[string]any{"Aside": aside}), u.Win)
		}
	})
}
