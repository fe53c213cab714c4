package gui

// The main menu (Bestand, Help), opening another administration and the list
// of recently opened administrations kept in the app's preferences.

import (
	"context"
	"errors"
	"path/filepath"
	"runtime"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"

	"verloner/app/demo"
	"verloner/app/sqlite"
)

// PrefRecent is the preferences key of the recent administrations, newest first.
const PrefRecent = "recent"

// maxRecent is how many recent administrations the menu keeps.
const maxRecent = 8

// Recent returns the administrations opened lately, newest first, without
// the ones that no longer exist.
func (u *UI) Recent() []string {
	var out []string
	for _, p := range u.App.Preferences().StringList(PrefRecent) {
		if fileExists(p) {
			out = append(out, p)
		}
	}
	return out
}

// AddRecent puts path at the top of the recent list and rebuilds the menu.
func (u *UI) AddRecent(path string) {
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	list := []string{path}
	for _, p := range u.App.Preferences().StringList(PrefRecent) {
		if p != path && len(list) < maxRecent {
			list = append(list, p)
		}
	}
	u.App.Preferences().SetStringList(PrefRecent, list)
	u.setupMenu()
}

// setupMenu (re)builds the main menu in the program's language.
func (u *UI) setupMenu() {
	t := u.Tr.T
	recent := fyne.NewMenuItem(t("menu.recent"), nil)
	var items []*fyne.MenuItem
	for _, p := range u.Recent() {
		path := p
		items = append(items, fyne.NewMenuItem(filepath.Base(path)+"  —  "+filepath.Dir(path), func() { u.OpenAdministration(path) }))
	}
	if len(items) == 0 {
		none := fyne.NewMenuItem(t("menu.recent.none"), nil)
		none.Disabled = true
		items = append(items, none)
	} else {
		items = append(items, fyne.NewMenuItemSeparator(), fyne.NewMenuItem(t("menu.recent.clear"), func() {
			u.App.Preferences().SetStringList(PrefRecent, nil)
			u.setupMenu()
		}))
	}
	recent.ChildMenu = fyne.NewMenu("", items...)
	quit := fyne.NewMenuItem(t("menu.quit"), nil) // the driver closes every window
	quit.IsQuit = true
	file := fyne.NewMenu(t("menu.file"),
		fyne.NewMenuItem(t("menu.new"), func() { u.NewAdministrationWizard() }),
		fyne.NewMenuItem(t("menu.open"), u.showOpenDialog),
		fyne.NewMenuItem(t("menu.demo"), u.OpenDemo),
		recent,
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem(t("menu.backup"), u.MakeBackup),
		fyne.NewMenuItem(t("menu.restore"), u.showRestoreDialog),
		fyne.NewMenuItemSeparator(),
		quit,
	)
	help := fyne.NewMenu(t("menu.help"), fyne.NewMenuItem(t("menu.about"), u.showAbout))
	u.Win.SetMainMenu(fyne.NewMainMenu(file, help))
}

// showOpenDialog lets the user pick a *.verloner file.
func (u *UI) showOpenDialog() {
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
		u.OpenAdministration(path)
	}, u.Win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{sqlite.Ext}))
	if u.Store != nil {
		if l, err := storage.ListerForURI(storage.NewFileURI(filepath.Dir(u.Store.Path()))); err == nil {
			d.SetLocation(l)
		}
	}
	d.Resize(fyne.NewSize(900, 600))
	d.Show()
}

// OpenAdministration checks the file (sqlite.Inspect: a whole administration
// this build can read), opens it off the UI goroutine and switches to it.
func (u *UI) OpenAdministration(path string) {
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = path
	}
	if u.Store != nil && u.Store.Path() == abs {
		u.AddRecent(abs)
		return
	}
	u.openWith(func(ctx context.Context) (*sqlite.DB, error) {
		if _, err := sqlite.Inspect(ctx, abs); err != nil {
			return nil, err
		}
		return sqlite.Open(ctx, abs)
	}, true)
}

// OpenDemo opens (creating on first use) the demo administration in the data folder.
func (u *UI) OpenDemo() {
	u.openWith(demo.OpenDefault, false)
}

func (u *UI) openWith(open func(ctx context.Context) (*sqlite.DB, error), remember bool) {
	u.tasks.Add(1)
	go func() {
		defer u.tasks.Done()
		db, err := open(context.Background())
		u.post(func() {
			if err != nil {
				dialog.ShowError(errors.New(u.Tr.T("menu.openfailed")+"\n"+storeMessage(err)), u.Win)
				return
			}
			u.SwitchStore(db)
			if remember {
				u.AddRecent(db.Path())
			}
		})
	}()
}

func (u *UI) showAbout() {
	version := u.App.Metadata().Version
	if version == "" {
		version = "dev"
	}
	file := ""
	if u.Store != nil {
		file = u.Store.Path()
	}
	dialog.ShowInformation(u.Tr.T("menu.about"), u.Tr.T("about.text", map[string]any{"Version": version, "File": file,
		"Go": runtime.Version()}), u.Win)
}
