package gui

import (
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
	"github.com/shopspring/decimal"

	"verloner/domain"
)

func decimalFromInt(i int) decimal.Decimal { return decimal.NewFromInt(int64(i)) }

func (u *UI) settingsPage(s *Snapshot) fyne.CanvasObject {
	t := u.Tr.T
	a := s.Agency
	ro := func(v string) fyne.CanvasObject { l := widget.NewLabel(v); l.Selectable = true; return l }
	addr := a.Address.Street + ", " + a.Address.PostalCode + " " + a.Address.City
	form := widget.NewForm(
		widget.NewFormItem(t("settings.field.name"), ro(a.Name)),
		widget.NewFormItem(t("settings.field.address"), ro(addr)),
		widget.NewFormItem(t("settings.field.kvk"), ro(a.KvK)),
		widget.NewFormItem(t("settings.field.vat"), ro(a.VATID)),
		widget.NewFormItem(t("settings.field.iban"), ro(domain.FormatIBAN(a.IBAN))),
		widget.NewFormItem(t("settings.field.giban"), ro(domain.FormatIBAN(a.GIBAN))),
		widget.NewFormItem(t("settings.field.lhnr"), ro(a.LoonheffingenNummer)),
		widget.NewFormItem(t("settings.field.sector"), ro(strconv.Itoa(a.Sector))),
		widget.NewFormItem(t("settings.field.size"), ro(t("size."+string(a.EmployerSize)))),
		widget.NewFormItem(t("settings.field.frequency"), ro(t("freq."+string(a.Frequency)))),
		widget.NewFormItem(t("settings.field.file"), ro(u.Store.Path())),
	)
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
	return container.NewVScroll(container.NewVBox(title(t("settings.agency")), form,
		title(t("settings.language")), lang))
}
