package gui

import (
	"errors"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"
	"github.com/shopspring/decimal"

	"verloner/app/packs"
	"verloner/domain"
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
	return container.NewVScroll(container.NewVBox(title(t("settings.agency")), u.agencySection(s),
		title(t("settings.language")), lang, u.packsSection(), u.packValuesSection(), u.settingsMore()))
}

// packsSection lists the parameter packs (built in or loaded) and lets the
// user load a pack file for a new year without a new release.
func (u *UI) packsSection() fyne.CanvasObject {
	t := u.Tr.T
	_, infos, problems := packs.Load(u.ParamsDir)
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
	box := container.NewVBox(title(t("packs.heading")), widget.NewLabel(t("packs.explain")), holder)
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
