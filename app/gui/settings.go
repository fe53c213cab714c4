package gui

import (
	"context"
	"errors"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"
	"github.com/shopspring/decimal"

	"verloner/app"
	"verloner/app/packs"
	"verloner/domain"
	"verloner/domain/params"
)

func decimalFromInt(i int) decimal.Decimal { return decimal.NewFromInt(int64(i)) }

func (u *UI) settingsPage(s *Snapshot) fyne.CanvasObject {
	t := u.Tr.T
	names := map[string]string{"nl": "Nederlands", "en": "English"}
	lang := widget.NewRadioGroup([]string{"Nederlands", "English"}, nil)
	lang.Horizontal = true
	lang.SetSelected(names[u.Tr.Language()])
	lang.OnChanged = func(v string) {
		for code, name := range names {
			if name == v && code != u.Tr.Language() {
				u.SetLanguage(code)
			}
		}
	}
	loading := func() *fyne.Container {
		return container.NewVBox(container.NewCenter(widget.NewProgressBarInfinite()))
	}
	packsTab, moreTab := loading(), loading()
	u.loadSettingsData(func(d *settingsData) {
		packsTab.Objects = []fyne.CanvasObject{u.packsSection(d), u.packValuesSection(d)}
		packsTab.Refresh()
		moreTab.Objects = []fyne.CanvasObject{u.settingsMore(d)}
		moreTab.Refresh()
	})
	// Three tabs instead of one long page: only the tab on screen is laid
	// out and drawn, which keeps opening Instellingen (dozens of entry
	// fields and wrapped texts) within the UI goroutine's budget.
	tabs := container.NewAppTabs(
		container.NewTabItem(t("settings.tab.agency"), container.NewVScroll(container.NewVBox(title(t("settings.agency")), u.agencySection(s),
			title(t("settings.language")), lang))),
		container.NewTabItem(t("settings.tab.params"), container.NewVScroll(packsTab)),
		container.NewTabItem(t("settings.tab.invoicing"), container.NewVScroll(moreTab)),
	)
	tabs.SelectIndex(u.settingsTab)
	tabs.OnSelected = func(*container.TabItem) { u.settingsTab = tabs.SelectedIndex() }
	return tabs
}

// Settings tabs, for ShowSettingsTab.
const (
	SettingsAgency    = 0 // agency details and language
	SettingsParams    = 1 // parameter packs and their values
	SettingsInvoicing = 2 // number series, ledger accounts, invoice logo
)

// ShowSettingsTab opens Instellingen on one of its tabs.
func (u *UI) ShowSettingsTab(tab int) {
	u.settingsTab = tab
	u.Show(PageSettings)
}

// settingsData is what the lower part of Instellingen reads from the
// database and the packs folder; it is read off the UI goroutine.
type settingsData struct {
	docs     []*app.InvoiceDoc
	docsErr  error
	accs     []app.LedgerAccount
	accsErr  error
	logo     *app.Logo
	logoErr  error
	set      *params.Set
	infos    []packs.Info
	problems []error
}

// loadSettingsData reads settingsData on a goroutine and hands it to show on
// the UI goroutine (tests wait for it with WaitTasks).
func (u *UI) loadSettingsData(show func(*settingsData)) {
	st, dir, set := u.Store, u.ParamsDir, u.Params
	u.tasks.Add(1)
	go func() {
		defer u.tasks.Done()
		ctx := context.Background()
		d := &settingsData{}
		d.docs, d.docsErr = st.Invoices(ctx, app.InvoiceFilter{})
		d.accs, d.accsErr = st.LedgerAccounts(ctx)
		d.logo, d.logoErr = st.InvoiceLogo(ctx)
		var loaded *params.Set
		loaded, d.infos, d.problems = packs.Load(dir)
		if d.set = set; d.set == nil {
			d.set = loaded
		}
		u.post(func() {
			if st == u.Store {
				show(d)
			}
		})
	}()
}

// packsSection lists the parameter packs (built in or loaded) and lets the
// user load a pack file for a new year without a new release.
func (u *UI) packsSection(d *settingsData) fyne.CanvasObject {
	t := u.Tr.T
	infos, problems := d.infos, d.problems
	rows := make([][]string, 0, len(infos))
	for _, i := range infos {
		origin := t("packs.builtin")
		if i.Origin != "ingebouwd" {
			origin = i.Origin
		}
		rows = append(rows, []string{strconv.Itoa(i.Year), i.Title, origin})
	}
	table := NewDataTable([]string{t("packs.year"), t("packs.title"), t("packs.origin")}, []float32{70, 620, 360}, "", nil)
	table.SetRows(rows)
	holder := container.NewGridWrap(fyne.NewSize(1060, float32(44*(len(rows)+1))), table.Table)
	box := container.NewVBox(title(t("packs.heading")), wrapped(t("packs.explain")), holder)
	for _, p := range problems {
		box.Add(widget.NewLabel("⚠ " + p.Error()))
	}
	load := widget.NewButton(t("packs.load"), func() {
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
			p, replaced, err := packs.Install(u.ParamsDir, path, nil)
			if err != nil {
				dialog.ShowError(errors.New(domain.ErrorMessage(err)+"\n"+err.Error()), u.Win)
				return
			}
			msg := t("packs.loaded", map[string]any{"Year": p.Year(), "Title": p.Title()})
			if replaced {
				msg += "\n" + t("packs.replaced")
			}
			dialog.ShowInformation(t("packs.heading"), msg, u.Win)
			u.Show(PageSettings)
		}, u.Win)
		d.SetFilter(storage.NewExtensionFileFilter([]string{".json"}))
		d.Resize(fyne.NewSize(900, 600))
		d.Show()
	})
	box.Add(container.NewHBox(load))
	return box
}
