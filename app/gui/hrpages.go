package gui

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"verloner/app"
	"verloner/domain"
	"verloner/domain/params"
)

// hrState is what the Contracten, Pro-forma and Verzuim pages keep between
// rebuilds (a reload, a language switch): the data they loaded off the UI
// goroutine, the selection and the pro-forma form. It belongs to one
// administration; hr() forgets it when another one is opened.
type hrState struct {
	store app.Store
	con   contractsState
	pf    proformaState
	abs   absenceState
}

// hr returns the pages' state for the open administration.
func (u *UI) hr() *hrState {
	if u.hrs.store != u.Store {
		u.hrs = hrState{store: u.Store}
	}
	return &u.hrs
}

// today is the UI clock's date in Amsterdam.
func (u *UI) today() time.Time {
	return domain.DateOf(u.Now().In(amsterdam()))
}

// packs are the parameter packs in use.
func (u *UI) packs() (*params.Set, error) {
	if u.Params != nil {
		return u.Params, nil
	}
	return params.Builtin()
}

// errText is an error as the user reads it: a domain error's Dutch message,
// anything else as it is.
func errText(err error) string {
	var e *domain.Error
	if errors.As(err, &e) && e.Message != "" {
		return e.Message
	}
	return err.Error()
}

func (u *UI) showErr(err error) {
	dialog.ShowError(errors.New(errText(err)), u.Win)
}

// dateField is a dd-mm-jjjj entry checked as the user types.
func (u *UI) dateField(value time.Time, required bool) *widget.Entry {
	e := widget.NewEntry()
	e.SetPlaceHolder(u.Tr.T("form.dateph"))
	e.Validator = u.chkDate(required)
	if !value.IsZero() {
		e.SetText(fmtDate(value))
	}
	return e
}

// dateOf reads a date field (zero when empty or wrong; the validator has said so).
func dateOf(e *widget.Entry) time.Time {
	t, err := parseDateInput(e.Text)
	if err != nil {
		return time.Time{}
	}
	return domain.DateOf(t)
}

// formDialog shows a form; onOK runs when the user confirms a valid form.
func (u *UI) formDialog(title, confirm string, items []*widget.FormItem, onOK func()) {
	d := dialog.NewForm(strings.TrimSuffix(title, "…"), confirm, u.Tr.T("task.cancel"), items, func(ok bool) {
		if ok {
			onOK()
		}
	}, u.Win)
	d.Resize(fyne.NewSize(560, 100))
	d.Show()
}

// openTemp writes a document into a private temporary folder (0700, the file
// 0600: it holds names and wages) and offers to open it, as the payslip does.
func (u *UI) openTemp(name string, data []byte) (string, error) {
	dir, err := os.MkdirTemp("", "verloner-")
	if err != nil {
		return "", err
	}
	path := filepath.Join(dir, name)
	return path, writePrivate(path, data)
}

// wrapLabel is a label that wraps at words.
func wrapLabel(s string) *widget.Label {
	l := widget.NewLabel(s)
	l.Wrapping = fyne.TextWrapWord
	return l
}
