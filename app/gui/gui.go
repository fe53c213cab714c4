// Package gui holds Verloner's desktop screens (Fyne). It is the only package
// that imports Fyne, and it never imports fyne.io/fyne/v2/app (main.go does),
// so its tests run with the headless test driver and no cgo.
//
// Long work (loading, importing, payroll) runs in goroutines and comes back to
// the UI through fyne.Do; every page reads from one loaded Snapshot.
package gui

import (
	"context"
	"path/filepath"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"verloner/app"
	"verloner/domain/params"
)

// Page ids, in the order of the weekly cycle.
const (
	PageOverview   = "overview"
	PageImport     = "import"
	PageCheck      = "check"
	PagePayroll    = "payroll"
	PageInvoices   = "invoices"
	PageDebtors    = "debtors"
	PageMargins    = "margins"
	PageContracts  = "contracts"
	PageProforma   = "proforma"
	PageAbsence    = "absence"
	PageMasterData = "masterdata"
	PageSettings   = "settings"
)

// PageIDs lists the navigation in order.
var PageIDs = []string{PageOverview, PageImport, PageCheck, PagePayroll, PageInvoices, PageDebtors,
	PageMargins, PageContracts, PageProforma, PageAbsence, PageMasterData, PageSettings}

// UI is one open administration window.
type UI struct {
	App   fyne.App
	Win   fyne.Window
	Store app.Store
	Tr    *Translator

	nav     *widget.List
	body    *fyne.Container
	status  *widget.Label
	current string

	// imp is the Import page's file in preview; inv the Facturen page's drafts.
	imp  importState
	inv  invoiceState
	marg marginState

	// Master-data page state, so a jump from the checklist lands on the record.
	mdHirers bool
	mdQuery  string

	// forms are the edit forms on screen (masterforms.go).
	forms formState

	// hrs is the Contracten, Pro-forma and Verzuim pages' state (hrpages.go).
	hrs hrState

	// settingsTab is the tab of Instellingen on screen.
	settingsTab int

	mu    sync.Mutex
	snap  *Snapshot
	tasks sync.WaitGroup
	// queue, when set (SerialUI), holds what background work hands back to
	// the UI goroutine until WaitTasks runs it.
	queue *uiQueue

	// OnLanguage is called after the user switches language, to remember it.
	OnLanguage func(lang string)

	// ParamsDir is where user-loaded parameter packs live (packs.Dir of the data folder).
	ParamsDir string
	// Params are the parameter packs in use (built in plus loaded); nil means built in.
	Params *params.Set
	// Now is the clock for "today" and for checklist timestamps; tests fix it.
	Now func() time.Time
}

// New builds the main window for an open administration. Call Load (or
// LoadAsync) to fill it.
func New(a fyne.App, st app.Store, lang string) (*UI, error) {
	tr, err := NewTranslator(lang)
	if err != nil {
		return nil, err
	}
	u := &UI{App: a, Store: st, Tr: tr, current: PageOverview, Now: time.Now}
	u.Win = a.NewWindow(tr.T("app.title") + " — " + filepath.Base(st.Path()))
	u.status = widget.NewLabel(tr.T("status.loading"))
	u.body = container.NewStack()
	u.nav = widget.NewList(
		func() int { return len(PageIDs) },
		func() fyne.CanvasObject { return widget.NewLabel("Stamgegevens") },
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(u.Tr.T("nav." + PageIDs[i])) },
	)
	u.nav.OnSelected = func(i widget.ListItemID) { u.Show(PageIDs[i]) }
	split := container.NewHSplit(u.nav, u.body)
	split.Offset = 0.16
	u.Win.SetContent(container.NewBorder(nil, u.status, nil, nil, split))
	u.Win.Resize(fyne.NewSize(1280, 800))
	u.Win.SetOnDropped(func(_ fyne.Position, uris []fyne.URI) {
		// Dropping a hirer's file anywhere on the window previews it on the Import page.
		for _, uri := range uris {
			if uri.Scheme() == "file" {
				u.current = PageImport
				u.PreviewImport(uri.Path())
				return
			}
		}
	})
	u.Show(PageOverview)
	u.setupMenu()
	return u, nil
}

// SwitchStore makes st the open administration: the old store is closed,
// the pages forget what they held of it, and st is loaded.
func (u *UI) SwitchStore(st app.Store) {
	if old := u.Store; old != nil && old != st {
		old.Close()
	}
	u.Store = st
	u.mu.Lock()
	u.snap = nil
	u.mu.Unlock()
	u.imp, u.inv = importState{}, invoiceState{}
	u.mdHirers, u.mdQuery = false, ""
	if u.forms.open != nil {
		u.forms.open.close()
	}
	u.forms = formState{}
	u.Win.SetTitle(u.Tr.T("app.title") + " — " + filepath.Base(st.Path()))
	u.status.SetText(u.Tr.T("status.loading"))
	u.Show(PageOverview)
	u.setupMenu()
	u.LoadAsync(context.Background())
}

// Snapshot returns the data the pages show (nil before the first load).
func (u *UI) Snapshot() *Snapshot {
	u.mu.Lock()
	defer u.mu.Unlock()
	return u.snap
}

// Load reads the administration synchronously and redraws the current page.
// Tests call it directly; the app uses LoadAsync.
func (u *UI) Load(ctx context.Context) error {
	s, err := LoadSnapshot(ctx, u.Store, u.Now())
	if err != nil {
		u.status.SetText(u.Tr.T("status.error", map[string]any{"Error": err.Error()}))
		return err
	}
	u.setSnapshot(s)
	return nil
}

// LoadAsync reads the administration off the UI goroutine and shows it when done.
func (u *UI) LoadAsync(ctx context.Context) {
	st := u.Store
	u.tasks.Add(1)
	go func() {
		defer u.tasks.Done()
		s, err := LoadSnapshot(ctx, st, u.Now())
		u.post(func() {
			if st != u.Store {
				return // another administration was opened meanwhile
			}
			if err != nil {
				u.status.SetText(u.Tr.T("status.error", map[string]any{"Error": err.Error()}))
				return
			}
			u.setSnapshot(s)
		})
	}()
}

func (u *UI) setSnapshot(s *Snapshot) {
	u.mu.Lock()
	u.snap = s
	u.mu.Unlock()
	u.status.SetText(u.Tr.T("status.loaded", map[string]any{"File": filepath.Base(u.Store.Path()),
		"Workers": len(s.Workers), "Hirers": len(s.Hirers), "Placements": len(s.Placements)}))
	u.Show(u.current)
}

// Current is the id of the page on screen.
func (u *UI) Current() string { return u.current }

// Show switches to a page, rebuilding it from the current snapshot.
func (u *UI) Show(id string) {
	u.current = id
	for i, p := range PageIDs {
		if p == id {
			u.nav.Select(i) // re-selecting the selected item is a no-op in Fyne
		}
	}
	u.body.Objects = []fyne.CanvasObject{u.buildPage(id)}
	u.body.Refresh()
}

// SetLanguage switches the program's language and redraws.
func (u *UI) SetLanguage(lang string) {
	u.Tr.SetLanguage(lang)
	u.nav.Refresh()
	u.setupMenu()
	if s := u.Snapshot(); s != nil {
		u.setSnapshot(s)
	} else {
		u.Show(u.current)
	}
	if u.OnLanguage != nil {
		u.OnLanguage(u.Tr.Language())
	}
}

func (u *UI) buildPage(id string) fyne.CanvasObject {
	s := u.Snapshot()
	if s == nil {
		return container.NewCenter(widget.NewProgressBarInfinite())
	}
	switch id {
	case PageOverview:
		return u.overviewPage(s)
	case PageImport:
		return u.importPage(s)
	case PageCheck:
		return u.checkPage(s)
	case PageMasterData:
		return u.masterDataPage(s)
	case PageSettings:
		return u.settingsPage(s)
	case PagePayroll:
		return u.payrollPage(s)
	case PageInvoices:
		return u.invoicesPage(s)
	case PageDebtors:
		return u.debtorsPage(s)
	case PageMargins:
		return u.marginsPage(s)
	case PageContracts:
		return u.contractsPage(s)
	case PageProforma:
		return u.proformaPage(s)
	case PageAbsence:
		return u.absencePage(s)
	}
	return widget.NewLabel(id)
}

// title is a page heading.
func title(s string) *widget.Label {
	l := widget.NewLabel(s)
	l.TextStyle = fyne.TextStyle{Bold: true}
	l.SizeName = theme.SizeNameSubHeadingText
	return l
}

// ShowMasterData opens Stamgegevens on the workers (or hirers) tab with the
// search field filled, e.g. with the number of the worker a finding is about.
func (u *UI) ShowMasterData(hirers bool, query string) {
	u.mdHirers, u.mdQuery = hirers, query
	u.Show(PageMasterData)
	u.mdHirers, u.mdQuery = false, ""
}
