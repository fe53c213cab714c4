package gui

// The new-administration wizard: the agency's details in three steps, then a
// new *.verloner file (sqlite.Open + SaveAgency) in a folder the user picks,
// which becomes the open administration.

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"verloner/app/sqlite"
	"verloner/domain"
)

// wizardSteps are the field keys each step checks before Volgende.
var wizardSteps = [][]string{
	{"name", "street", "postcode", "city", "kvk", "vat", "email", "phone"},
	{"iban", "giban", "lhnr", "sector"},
	{"folder", "file"},
}

// NewAdministrationWizard opens the wizard. The file is only written when the
// user taps Aanmaken on the last step.
func (u *UI) NewAdministrationWizard() *EditForm {
	t := u.Tr.T
	f := u.newEditForm(t("wiz.title"))
	f.Save.SetText(t("wiz.create"))
	a := &domain.Agency{Frequency: domain.Weekly, EmployerSize: domain.SmallEmployer, Sector: 52,
		Address: domain.Address{Country: "NL"}, Deadlines: domain.DefaultDeadlines()}

	details := u.agencyDetails(f, a)
	payroll := u.agencyPayroll(f, a)

	folder := f.entry("folder", defaultFolder(), func(s string) error {
		if s == "" {
			return errors.New(t("form.required"))
		}
		if fi, err := os.Stat(s); err != nil || !fi.IsDir() {
			return errors.New(t("wiz.nofolder"))
		}
		return nil
	})
	pick := widget.NewButtonWithIcon(t("wiz.pick"), theme.FolderOpenIcon(), func() {
		d := dialog.NewFolderOpen(func(l fyne.ListableURI, err error) {
			if err == nil && l != nil {
				f.Entries["folder"].SetText(l.Path())
			}
		}, u.Win)
		if l, err := storage.ListerForURI(storage.NewFileURI(f.Value("folder"))); err == nil {
			d.SetLocation(l)
		}
		d.Resize(fyne.NewSize(860, 560))
		d.Show()
	})
	file := f.entry("file", "", func(s string) error {
		if s == "" {
			return errors.New(t("form.required"))
		}
		if strings.ContainsAny(s, `/\:*?"<>|`) {
			return errors.New(t("wiz.badname"))
		}
		if p := wizardPath(f.Value("folder"), s); fileExists(p) {
			return errors.New(t("wiz.exists", map[string]any{"File": filepath.Base(p)}))
		}
		return nil
	})
	// The file name follows the agency's name until the user types one.
	auto, setting := true, false
	nameChanged := f.Entries["name"].OnChanged
	f.Entries["name"].OnChanged = func(s string) {
		if auto {
			setting = true
			f.Entries["file"].SetText(fileSlug(s))
			setting = false
		}
		nameChanged(s)
	}
	fileChanged := f.Entries["file"].OnChanged
	f.Entries["file"].OnChanged = func(s string) {
		if !setting {
			auto = false
		}
		fileChanged(s)
	}
	where := widget.NewLabel("")
	where.Wrapping = fyne.TextWrapBreak
	f.derived = append(f.derived, func() {
		if f.Value("file") != "" {
			where.SetText(t("wiz.where", map[string]any{"Path": wizardPath(f.Value("folder"), f.Value("file"))}))
		} else {
			where.SetText("")
		}
	})
	fileStep := container.NewVBox(widget.NewLabel(t("wiz.file.explain")),
		grid(u.lbl("wiz.folder"), container.NewBorder(nil, nil, nil, pick, folder),
			u.lbl("wiz.file"), file), where)

	steps := []fyne.CanvasObject{
		container.NewVBox(section(t("wiz.step1")), widget.NewLabel(t("wiz.step1.explain")), details),
		container.NewVBox(section(t("wiz.step2")), widget.NewLabel(t("wiz.step2.explain")), payroll),
		container.NewVBox(section(t("wiz.step3")), fileStep),
	}
	stack := container.NewStack(steps...)
	step := 0
	progress := widget.NewLabel("")
	prev := widget.NewButtonWithIcon(t("wiz.prev"), theme.NavigateBackIcon(), nil)
	next := widget.NewButtonWithIcon(t("wiz.next"), theme.NavigateNextIcon(), nil)
	next.IconPlacement = widget.ButtonIconTrailingText
	next.Importance = widget.HighImportance
	stepValid := func(i int) bool {
		for _, k := range wizardSteps[i] {
			if f.Err(k) != nil {
				return false
			}
		}
		return true
	}
	show := func() {
		for i, s := range steps {
			if i == step {
				s.Show()
			} else {
				s.Hide()
			}
		}
		progress.SetText(t("wiz.progress", map[string]any{"Step": step + 1, "Steps": len(steps)}))
		if step == 0 {
			prev.Disable()
		} else {
			prev.Enable()
		}
		if step == len(steps)-1 {
			next.Hide()
			f.Save.Show()
		} else {
			next.Show()
			f.Save.Hide()
		}
		if stepValid(step) {
			next.Enable()
		} else {
			next.Disable()
		}
	}
	f.derived = append(f.derived, show)
	prev.OnTapped = func() {
		if step > 0 {
			step--
			show()
		}
	}
	next.OnTapped = func() {
		if !stepValid(step) {
			f.showAll = true
			f.update()
			return
		}
		if step < len(steps)-1 {
			step++
			show()
		}
	}

	var created *sqlite.DB
	var path string
	f.build = func() (func(context.Context) error, error) {
		na := f.agencyValue(a)
		if err := na.Validate(); err != nil {
			return nil, err
		}
		path = wizardPath(f.Value("folder"), f.Value("file"))
		p := path
		return func(ctx context.Context) error {
			if fileExists(p) {
				return domain.Errorf(domain.ECONFLICT, "%s bestaat al; kies een andere bestandsnaam.", filepath.Base(p))
			}
			db, err := sqlite.Open(ctx, p)
			if err != nil {
				return err
			}
			if err := db.SaveAgency(ctx, na); err != nil {
				db.Close()
				for _, suffix := range []string{"", "-wal", "-shm"} {
					os.Remove(p + suffix)
				}
				return err
			}
			created = db
			return nil
		}, nil
	}
	f.done = func() {
		u.SwitchStore(created)
		u.AddRecent(path)
		dialog.ShowInformation(t("wiz.title"), t("wiz.done", map[string]any{"Name": f.Value("name"), "Path": path}), u.Win)
	}

	f.Cancel = widget.NewButton(t("form.cancel"), f.close)
	buttons := container.NewHBox(progress, layout.NewSpacer(), f.Cancel, prev, next, f.Save)
	body := container.NewBorder(nil, container.NewVBox(f.Status, buttons), nil, nil, container.NewVScroll(stack))
	f.dlg = dialog.NewCustomWithoutButtons(f.title, body, u.Win)
	f.dlg.SetOnClosed(func() {
		if u.forms.open == f {
			u.forms.open = nil
		}
	})
	f.dlg.Resize(fyne.NewSize(820, 620))
	f.update()
	u.forms.open = f
	f.dlg.Show()
	u.Win.Canvas().Focus(f.Entries["name"])
	return f
}

// wizardPath is folder/name with the .verloner extension added when missing.
func wizardPath(folder, name string) string {
	name = strings.TrimSpace(name)
	if !strings.EqualFold(filepath.Ext(name), sqlite.Ext) {
		name += sqlite.Ext
	}
	p, err := filepath.Abs(filepath.Join(folder, name))
	if err != nil {
		return filepath.Join(folder, name)
	}
	return p
}

// fileSlug turns "Flexwerk Zuid B.V." into "flexwerk-zuid-bv".
func fileSlug(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(strings.TrimSpace(name)) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
			dash = false
		case r == '.' || r == '\'':
		default:
			if !dash && b.Len() > 0 {
				b.WriteByte('-')
				dash = true
			}
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}

// defaultFolder is the user's Documents folder, else the home folder.
func defaultFolder() string {
	home, err := os.UserHomeDir()
	if err != nil {
		return ""
	}
	for _, d := range []string{"Documenten", "Documents"} {
		if fi, err := os.Stat(filepath.Join(home, d)); err == nil && fi.IsDir() {
			return filepath.Join(home, d)
		}
	}
	return home
}
