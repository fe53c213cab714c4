package gui

// Edit forms for Stamgegevens (workers, hirers, placements) and the small
// form kit they share with the new-administration wizard and the editable
// agency details in Instellingen: entries validated as the user types, a
// message under each field (the Dutch text of domain.CheckBSN/CheckIBAN for
// BSN and IBAN), a save button that stays disabled while any field is wrong,
// and a save through the Store off the UI goroutine followed by a reload.

import (
	"context"
	"errors"
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/shopspring/decimal"

	"verloner/app"
	"verloner/domain"
	"verloner/domain/params"
)

// formState is the UI's reference to the forms on screen, so tests (and a
// later keyboard shortcut) can reach the open edit dialog and the agency form.
type formState struct {
	open   *EditForm // the edit dialog opened last (nil after it closed)
	agency *EditForm // the agency form on the Instellingen page
}

// OpenForm is the edit dialog on screen (worker, hirer, placement or the
// new-administration wizard), nil when none is open.
func (u *UI) OpenForm() *EditForm { return u.forms.open }

// AgencyForm is the editable agency form of the Instellingen page as last built.
func (u *UI) AgencyForm() *EditForm { return u.forms.agency }

// EditForm is one edit form: its widgets by field key and its save button,
// which stays disabled while a field holds an error.
type EditForm struct {
	Entries map[string]*widget.Entry
	Checks  map[string]*widget.Check
	Selects map[string]*widget.Select
	Save    *widget.Button
	Cancel  *widget.Button
	// Status shows why the last save was refused (the Store's message).
	Status *widget.Label

	u        *UI
	store    app.Store // the administration the form edits, also if another is opened meanwhile
	title    string
	fields   []*formField
	byKey    map[string]*formField
	choices  map[string][]string // select key → codes, in the order of the select's options
	derived  []func()            // recomputed after every change
	dlg      *dialog.CustomDialog
	showAll  bool // after a save attempt every error shows, touched or not
	busy     bool
	remCount func() int // rows in the remuneration components list
	focus    string     // the entry that has the keyboard when the dialog opens

	// build reads the widgets (on the UI goroutine) and returns the store
	// call to make off it.
	build func() (func(ctx context.Context) error, error)
	// confirm returns a warning the user must accept before saving ("" none).
	confirm func() string
	// done runs on the UI goroutine after a successful save; without it the
	// administration is reloaded.
	done func()
}

type formField struct {
	key     string
	entry   *widget.Entry
	msg     *widget.Label
	check   func(string) error
	note    func() (string, widget.Importance) // warning or state when the value is valid
	touched bool
	err     error
}

func (u *UI) newEditForm(title string) *EditForm {
	f := &EditForm{u: u, title: title, store: u.Store,
		Entries: map[string]*widget.Entry{}, Checks: map[string]*widget.Check{}, Selects: map[string]*widget.Select{},
		byKey: map[string]*formField{}, choices: map[string][]string{}}
	f.Save = widget.NewButtonWithIcon(u.Tr.T("form.save"), theme.DocumentSaveIcon(), f.submit)
	f.Save.Importance = widget.HighImportance
	f.Status = widget.NewLabel("")
	f.Status.Importance = widget.DangerImportance
	f.Status.Wrapping = fyne.TextWrapWord
	f.Status.Hide()
	return f
}

// Message is the text shown under a field: its error, or a warning or state
// when the value is valid ("" when nothing is shown).
func (f *EditForm) Message(key string) string {
	if fld := f.byKey[key]; fld != nil && fld.msg.Visible() {
		return fld.msg.Text
	}
	return ""
}

// Err is the current validation error of a field (shown or not yet shown).
func (f *EditForm) Err(key string) error {
	if fld := f.byKey[key]; fld != nil {
		return fld.err
	}
	return nil
}

// Valid reports whether every field passes its check.
func (f *EditForm) Valid() bool {
	for _, fld := range f.fields {
		if fld.err != nil {
			return false
		}
	}
	return true
}

// Value returns the trimmed text of an entry or the code chosen in a select.
func (f *EditForm) Value(key string) string {
	if e := f.Entries[key]; e != nil {
		return strings.TrimSpace(e.Text)
	}
	if s := f.Selects[key]; s != nil {
		codes := f.choices[key]
		if i := s.SelectedIndex(); i >= 0 && i < len(codes) {
			return codes[i]
		}
	}
	return ""
}

// Choose selects the option with the given code in a select.
func (f *EditForm) Choose(key, code string) {
	s := f.Selects[key]
	for i, c := range f.choices[key] {
		if c == code && s != nil {
			s.SetSelectedIndex(i)
			return
		}
	}
}

func (f *EditForm) checked(key string) bool {
	c := f.Checks[key]
	return c != nil && c.Checked
}

// entry adds a text field with an optional check and returns it with its
// message line beneath.
func (f *EditForm) entry(key, value string, check func(string) error) fyne.CanvasObject {
	e := widget.NewEntry()
	e.SetText(value)
	fld := &formField{key: key, entry: e, msg: widget.NewLabel("")}
	fld.msg.Wrapping = fyne.TextWrapWord
	fld.msg.Hide()
	e.OnChanged = func(string) {
		fld.touched = true
		f.update()
	}
	f.Entries[key] = e
	f.byKey[key] = fld
	f.fields = append(f.fields, fld)
	if check != nil {
		f.setCheck(key, check)
	}
	return container.NewVBox(e, fld.msg)
}

// setCheck gives a field its check (also shown by the entry's own error icon).
func (f *EditForm) setCheck(key string, check func(string) error) {
	fld := f.byKey[key]
	if fld == nil {
		return
	}
	fld.check = check
	fld.entry.Validator = func(s string) error { return fld.check(strings.TrimSpace(s)) }
}

// dateEntry adds a dd-mm-jjjj date field.
func (f *EditForm) dateEntry(key string, value time.Time, required bool) fyne.CanvasObject {
	o := f.entry(key, fmtDate(value), f.u.chkDate(required))
	f.Entries[key].SetPlaceHolder(f.u.Tr.T("form.dateph"))
	return o
}

// amountEntry adds a number field written with a decimal comma.
func (f *EditForm) amountEntry(key string, value decimal.Decimal, places int32, check func(string) error) fyne.CanvasObject {
	text := ""
	if !value.IsZero() {
		text = domain.FormatDecimalNL(value, places)
	}
	return f.entry(key, text, check)
}

// setNote gives a field a warning or state shown while its value is valid.
func (f *EditForm) setNote(key string, note func() (string, widget.Importance)) {
	if fld := f.byKey[key]; fld != nil {
		fld.note = note
	}
}

// check adds a yes/no box.
func (f *EditForm) check(key, label string, value bool) *widget.Check {
	c := widget.NewCheck(label, nil)
	c.SetChecked(value)
	c.OnChanged = func(bool) { f.update() }
	f.Checks[key] = c
	return c
}

// choice adds a select of codes shown with labels.
func (f *EditForm) choice(key string, codes []string, label func(string) string, value string) *widget.Select {
	opts := make([]string, len(codes))
	for i, c := range codes {
		opts[i] = label(c)
	}
	s := widget.NewSelect(opts, nil)
	s.PlaceHolder = f.u.Tr.T("form.choose")
	f.Selects[key] = s
	f.choices[key] = codes
	for i, c := range codes {
		if c == value {
			s.SetSelectedIndex(i)
		}
	}
	s.OnChanged = func(string) { f.update() }
	return s
}

// update re-checks every field, shows the messages and enables save when all pass.
func (f *EditForm) update() {
	bad := false
	for _, fld := range f.fields {
		text := strings.TrimSpace(fld.entry.Text)
		fld.err = nil
		if fld.check != nil {
			fld.err = fld.check(text)
		}
		msg, imp := "", widget.MediumImportance
		if fld.err != nil {
			bad = true
			if fld.touched || text != "" || f.showAll {
				msg, imp = "⚠ "+fld.err.Error(), widget.DangerImportance
			}
		} else if fld.note != nil {
			msg, imp = fld.note()
		}
		setMessage(fld.msg, msg, imp)
	}
	for _, d := range f.derived {
		d()
	}
	if bad || f.busy {
		f.Save.Disable()
	} else {
		f.Save.Enable()
	}
}

func setMessage(l *widget.Label, text string, imp widget.Importance) {
	if l.Text == text && l.Importance == imp && l.Visible() == (text != "") {
		return
	}
	l.Importance = imp
	l.SetText(text)
	if text == "" {
		l.Hide()
	} else {
		l.Show()
	}
}

// submit checks everything again (a refused save names the first wrong
// field), asks for confirmation of a warning, and saves off the UI goroutine.
func (f *EditForm) submit() {
	f.showAll = true
	f.update()
	for _, fld := range f.fields {
		if fld.err != nil {
			f.refuse(f.u.Tr.T("form.fix", map[string]any{"Error": fld.err.Error()}))
			return
		}
	}
	save, err := f.build()
	if err != nil {
		f.refuse(storeMessage(err))
		return
	}
	run := func() {
		f.busy = true
		f.Save.Disable()
		f.u.tasks.Add(1)
		go func() {
			defer f.u.tasks.Done()
			err := save(context.Background())
			f.u.post(func() {
				f.busy = false
				if err != nil {
					f.update()
					msg := storeMessage(err)
					f.refuse(msg)
					dialog.ShowError(errors.New(msg), f.u.Win)
					return
				}
				f.close()
				if f.done != nil {
					f.done()
				} else {
					f.u.LoadAsync(context.Background())
				}
			})
		}()
	}
	if f.confirm != nil {
		if msg := f.confirm(); msg != "" {
			dialog.ShowConfirm(f.title, msg, func(ok bool) {
				if ok {
					run()
				}
			}, f.u.Win)
			return
		}
	}
	run()
}

func (f *EditForm) refuse(msg string) {
	f.Status.SetText(msg)
	f.Status.Show()
}

func (f *EditForm) close() {
	if f.dlg != nil {
		f.dlg.Hide()
	}
}

// storeMessage is what the user reads of a refused save: the domain's Dutch
// message, with the technical text added for an internal error.
func storeMessage(err error) string {
	msg := domain.ErrorMessage(err)
	if domain.ErrorCode(err) == domain.EINTERNAL {
		msg += "\n" + err.Error()
	}
	return msg
}

// showDialog puts the form in a modal dialog with Annuleren and Opslaan.
func (f *EditForm) showDialog(content fyne.CanvasObject, size fyne.Size) {
	f.Cancel = widget.NewButton(f.u.Tr.T("form.cancel"), f.close)
	buttons := container.NewHBox(layout.NewSpacer(), f.Cancel, f.Save)
	body := container.NewBorder(nil, container.NewVBox(f.Status, buttons), nil, nil, content)
	f.dlg = dialog.NewCustomWithoutButtons(f.title, body, f.u.Win)
	f.dlg.SetOnClosed(func() {
		if f.u.forms.open == f {
			f.u.forms.open = nil
		}
	})
	f.dlg.Resize(size)
	f.update()
	f.u.forms.open = f
	f.dlg.Show()
	if e := f.Entries[f.focus]; e != nil {
		f.u.Win.Canvas().Focus(e)
	}
}

// grid lays out label/field pairs in two columns.
func grid(items ...fyne.CanvasObject) *fyne.Container {
	return container.New(layout.NewFormLayout(), items...)
}

func (u *UI) lbl(key string) *widget.Label { return widget.NewLabel(u.Tr.T(key)) }

// section is a bold heading inside a form.
func section(s string) *widget.Label {
	l := widget.NewLabel(s)
	l.TextStyle = fyne.TextStyle{Bold: true}
	return l
}

// Checks used by the forms. Each returns a Dutch or English message (the
// program's language) except BSN and IBAN, whose messages are the domain's.

func (u *UI) required(next func(string) error) func(string) error {
	return func(s string) error {
		if s == "" {
			return errors.New(u.Tr.T("form.required"))
		}
		if next != nil {
			return next(s)
		}
		return nil
	}
}

func checkBSN(s string) error {
	if s == "" {
		return nil // registered first, dossier completed later; the checklist blocks payroll
	}
	return domain.CheckBSN(s)
}

func checkIBAN(s string) error {
	if s == "" {
		return nil
	}
	return domain.CheckIBAN(s)
}

// parseDateInput reads dd-mm-jjjj (also d-m-jjjj).
func parseDateInput(s string) (time.Time, error) {
	for _, layout := range []string{"02-01-2006", "2-1-2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, errors.New("datum")
}

func (u *UI) chkDate(required bool) func(string) error {
	return func(s string) error {
		if s == "" {
			if required {
				return errors.New(u.Tr.T("form.required"))
			}
			return nil
		}
		if _, err := parseDateInput(s); err != nil {
			return errors.New(u.Tr.T("form.date", map[string]any{"Value": s}))
		}
		return nil
	}
}

// chkNumber checks a number with a decimal comma within [min, max] (max nil: no limit).
func (u *UI) chkNumber(required bool, min decimal.Decimal, max *decimal.Decimal) func(string) error {
	return func(s string) error {
		if s == "" {
			if required {
				return errors.New(u.Tr.T("form.required"))
			}
			return nil
		}
		d, err := domain.ParseDecimalNL(s)
		if err != nil {
			return errors.New(u.Tr.T("form.amount", map[string]any{"Value": s}))
		}
		if d.LessThan(min) {
			return errors.New(u.Tr.T("form.min", map[string]any{"Min": domain.FormatDecimalNL(min, 0)}))
		}
		if max != nil && d.GreaterThan(*max) {
			return errors.New(u.Tr.T("form.max", map[string]any{"Max": domain.FormatDecimalNL(*max, 0)}))
		}
		return nil
	}
}

func (u *UI) chkInt(required bool, min, max int) func(string) error {
	return func(s string) error {
		if s == "" {
			if required {
				return errors.New(u.Tr.T("form.required"))
			}
			return nil
		}
		n, err := strconv.Atoi(s)
		if err != nil || n < min || n > max {
			return errors.New(u.Tr.T("form.int", map[string]any{"Min": min, "Max": max}))
		}
		return nil
	}
}

var (
	reKvK      = regexp.MustCompile(`^\d{8}$`)
	reVATNL    = regexp.MustCompile(`^NL\d{9}B\d{2}$`)
	reLHNr     = regexp.MustCompile(`^\d{9}L\d{2}$`)
	rePostNL   = regexp.MustCompile(`^\d{4} ?[A-Z]{2}$`)
	reCountry  = regexp.MustCompile(`^[A-Z]{2}$`)
	reTrailing = regexp.MustCompile(`^(.*?)(\d+)$`)
)

func compact(s string) string {
	return strings.ToUpper(strings.NewReplacer(" ", "", ".", "", "-", "").Replace(s))
}

func (u *UI) chkKvK(s string) error {
	if s != "" && !reKvK.MatchString(compact(s)) {
		return errors.New(u.Tr.T("form.kvk"))
	}
	return nil
}

// chkVAT checks a Dutch btw-id's shape; a foreign one is taken as typed.
func (u *UI) chkVAT(s string) error {
	if c := compact(s); strings.HasPrefix(c, "NL") && !reVATNL.MatchString(c) {
		return errors.New(u.Tr.T("form.vat"))
	}
	return nil
}

func (u *UI) chkLHNr(s string) error {
	if s != "" && !reLHNr.MatchString(compact(s)) {
		return errors.New(u.Tr.T("form.lhnr"))
	}
	return nil
}

func (u *UI) chkPostcode(country func() string) func(string) error {
	return func(s string) error {
		c := country()
		if s != "" && (c == "" || c == "NL") && !rePostNL.MatchString(strings.ToUpper(s)) {
			return errors.New(u.Tr.T("form.postcode"))
		}
		return nil
	}
}

// postcode writes a Dutch postcode as "1234 AB"; others stay as typed.
func postcode(s, country string) string {
	c := strings.ToUpper(strings.ReplaceAll(s, " ", ""))
	if (country == "" || strings.EqualFold(country, "NL")) && len(c) == 6 && rePostNL.MatchString(c) {
		return c[:4] + " " + c[4:]
	}
	return strings.TrimSpace(s)
}

func (u *UI) chkCountry(s string) error {
	if s != "" && !reCountry.MatchString(strings.ToUpper(s)) {
		return errors.New(u.Tr.T("form.country"))
	}
	return nil
}

func (u *UI) chkEmail(s string) error {
	if s != "" && (!strings.Contains(s, "@") || strings.ContainsAny(s, " ,;")) {
		return errors.New(u.Tr.T("form.email"))
	}
	return nil
}

// Values read back from the form; the checks have passed when these run.

func (f *EditForm) date(key string) time.Time {
	t, _ := parseDateInput(f.Value(key))
	return t
}

func (f *EditForm) dec(key string) decimal.Decimal {
	if f.Value(key) == "" {
		return decimal.Zero
	}
	d, _ := domain.ParseDecimalNL(f.Value(key))
	return d
}

func (f *EditForm) int(key string) int {
	n, _ := strconv.Atoi(f.Value(key))
	return n
}

// nextNumber proposes the number after the highest existing one with the
// same prefix ("1025" → "1026", "INL05" → "INL06").
func nextNumber(existing []string, fallback string) string {
	best, bestN, width := "", -1, 0
	for _, s := range existing {
		m := reTrailing.FindStringSubmatch(s)
		if m == nil {
			continue
		}
		n, err := strconv.Atoi(m[2])
		if err != nil {
			continue
		}
		if n > bestN {
			best, bestN, width = m[1], n, len(m[2])
		}
	}
	if bestN < 0 {
		return fallback
	}
	return fmt.Sprintf("%s%0*d", best, width, bestN+1)
}

// ---------------------------------------------------------------- workers

// EditWorker opens the worker form; nil means a new worker.
func (u *UI) EditWorker(w *domain.Worker) *EditForm {
	t := u.Tr.T
	isNew := w == nil
	if isNew {
		var numbers []string
		if s := u.Snapshot(); s != nil {
			for _, x := range s.Workers {
				numbers = append(numbers, x.Number)
			}
		}
		w = &domain.Worker{Number: nextNumber(numbers, "1001"), Nationality: "NL", Language: domain.Dutch,
			Reservations: domain.ReservationsReserved, Phase: domain.PhaseA, Uitzendbeding: true,
			Address: domain.Address{Country: "NL"}}
	}
	title := t("wf.title.new")
	if !isNew {
		title = t("wf.title.edit", map[string]any{"Number": w.Number, "Name": w.FullName()})
	}
	f := u.newEditForm(title)
	f.focus = "lastname"
	if isNew {
		f.focus = "firstname"
	}
	country := func() string { return strings.ToUpper(f.Value("country")) }

	personal := grid(
		u.lbl("wf.number"), f.entry("number", w.Number, u.required(nil)),
		u.lbl("wf.initials"), f.entry("initials", w.Initials, nil),
		u.lbl("wf.firstname"), f.entry("firstname", w.FirstName, nil),
		u.lbl("wf.prefix"), f.entry("prefix", w.Prefix, nil),
		u.lbl("wf.lastname"), f.entry("lastname", w.LastName, u.required(nil)),
		u.lbl("wf.birth"), f.dateEntry("birth", w.BirthDate, false),
		u.lbl("wf.bsn"), f.entry("bsn", w.BSN, checkBSN),
		u.lbl("wf.nationality"), f.entry("nationality", w.Nationality, u.chkCountry),
	)
	contact := grid(
		u.lbl("wf.street"), f.entry("street", w.Address.Street, nil),
		u.lbl("wf.postcode"), f.entry("postcode", w.Address.PostalCode, u.chkPostcode(country)),
		u.lbl("wf.city"), f.entry("city", w.Address.City, nil),
		u.lbl("wf.country"), f.entry("country", w.Address.Country, u.chkCountry),
		u.lbl("wf.email"), f.entry("email", w.Email, u.chkEmail),
		u.lbl("wf.phone"), f.entry("phone", w.Phone, nil),
		u.lbl("wf.iban"), f.entry("iban", domain.FormatIBAN(w.IBAN), checkIBAN),
		u.lbl("wf.language"), f.choice("language", []string{"nl", "en", "pl"},
			func(c string) string { return t("lang." + c) }, string(w.Language)),
	)
	f.Entries["bsn"].SetPlaceHolder("123456782")
	f.Entries["iban"].SetPlaceHolder("NL91 ABNA 0417 1643 00")

	employment := grid(
		u.lbl("wf.phase"), f.choice("phase", []string{"A", "B", "C"}, func(c string) string { return t("phase." + c) }, string(w.Phase)),
		u.lbl("wf.contracttype"), f.entry("contracttype", w.ContractType, nil),
		widget.NewLabel(""), f.check("uitzendbeding", t("wf.uitzendbeding"), w.Uitzendbeding),
		u.lbl("wf.reservations"), f.choice("reservations", []string{string(domain.ReservationsReserved), string(domain.ReservationsWeekly)},
			func(c string) string { return t("res." + c) }, string(w.Reservations)),
		u.lbl("wf.start"), f.dateEntry("start", w.StartDate, false),
		u.lbl("wf.end"), f.dateEntry("end", w.EndDate, false),
		widget.NewLabel(""), f.check("elderly", t("wf.elderly"), w.SingleElderlyCredit),
	)
	f.setCheck("end", func(s string) error {
		if err := u.chkDate(false)(s); err != nil || s == "" {
			return err
		}
		if e, st := f.date("end"), f.date("start"); !st.IsZero() && e.Before(st) {
			return errors.New(t("form.endbeforestart"))
		}
		return nil
	})

	docs := u.workerDocuments(f, w)

	tabs := container.NewAppTabs(
		container.NewTabItem(t("wf.tab.personal"), container.NewVScroll(container.NewGridWithColumns(2, personal, contact))),
		container.NewTabItem(t("wf.tab.employment"), container.NewVScroll(employment)),
		container.NewTabItem(t("wf.tab.documents"), container.NewVScroll(docs)),
	)
	orig := w
	f.build = func() (func(context.Context) error, error) {
		nw := *orig
		nw.Number, nw.Initials, nw.FirstName = f.Value("number"), f.Value("initials"), f.Value("firstname")
		nw.Prefix, nw.LastName, nw.BirthDate = f.Value("prefix"), f.Value("lastname"), f.date("birth")
		nw.BSN, nw.Nationality = domain.NormalizeBSN(f.Value("bsn")), strings.ToUpper(f.Value("nationality"))
		nw.Address = domain.Address{Street: f.Value("street"), PostalCode: postcode(f.Value("postcode"), f.Value("country")),
			City: f.Value("city"), Country: strings.ToUpper(f.Value("country"))}
		nw.Email, nw.Phone, nw.IBAN = f.Value("email"), f.Value("phone"), domain.NormalizeIBAN(f.Value("iban"))
		nw.Language = domain.Language(f.Value("language"))
		nw.Phase, nw.ContractType, nw.Uitzendbeding = domain.Phase(f.Value("phase")), f.Value("contracttype"), f.checked("uitzendbeding")
		nw.Reservations = domain.ReservationMode(f.Value("reservations"))
		nw.StartDate, nw.EndDate, nw.SingleElderlyCredit = f.date("start"), f.date("end"), f.checked("elderly")
		nw.Identity = domain.IDDocument{Type: f.Value("idtype"), Number: f.Value("idnumber"), Expiry: f.date("idexpiry")}
		nw.ContractSignedOn = f.date("contract")
		nw.ApplyTaxCredit, nw.TaxCreditSignedOn = f.checked("taxcredit"), f.date("taxcreditdate")
		nw.DeductionAuthSigned = f.date("deduction")
		nw.ETEligible = f.checked("et")
		nw.ET = domain.ETProofs{HomeAbroad: f.date("ethome"), TravelCosts: f.date("ettravel"),
			HousingSNF: f.date("ethousing"), ResidenceCheck: f.date("etresidence")}
		if err := nw.Validate(); err != nil {
			return nil, err
		}
		st := f.store
		return func(ctx context.Context) error { return st.SaveWorker(ctx, &nw) }, nil
	}
	f.showDialog(tabs, fyne.NewSize(1040, 640))
	return f
}

// workerDocuments is the dossier checklist: each document with its date and
// whether it is on file, expired or missing.
func (u *UI) workerDocuments(f *EditForm, w *domain.Worker) fyne.CanvasObject {
	t := u.Tr.T
	today := domain.DateOf(u.Now())
	idTypes := []string{"paspoort", "id-kaart", "verblijfsdocument"}
	if w.Identity.Type != "" && !hasString(idTypes, w.Identity.Type) {
		idTypes = append(idTypes, w.Identity.Type)
	}
	summary := widget.NewLabel("")
	summary.TextStyle = fyne.TextStyle{Bold: true}
	form := grid(
		widget.NewLabel(""), summary,
		section(t("doc.id")), widget.NewLabel(""),
		u.lbl("doc.idtype"), f.choice("idtype", idTypes, func(c string) string { return t("idtype." + c) }, w.Identity.Type),
		u.lbl("doc.idnumber"), f.entry("idnumber", w.Identity.Number, nil),
		u.lbl("doc.idexpiry"), f.dateEntry("idexpiry", w.Identity.Expiry, false),
		section(t("doc.contracts")), widget.NewLabel(""),
		u.lbl("doc.contract"), f.dateEntry("contract", w.ContractSignedOn, false),
		u.lbl("doc.taxcredit"), f.check("taxcredit", t("doc.taxcredit.apply"), w.ApplyTaxCredit),
		u.lbl("doc.taxcreditdate"), f.dateEntry("taxcreditdate", w.TaxCreditSignedOn, false),
		u.lbl("doc.deduction"), f.dateEntry("deduction", w.DeductionAuthSigned, false),
	)
	et := grid(
		section(t("doc.et")), f.check("et", t("doc.et.eligible"), w.ETEligible),
		u.lbl("doc.ethome"), f.dateEntry("ethome", w.ET.HomeAbroad, false),
		u.lbl("doc.ettravel"), f.dateEntry("ettravel", w.ET.TravelCosts, false),
		u.lbl("doc.ethousing"), f.dateEntry("ethousing", w.ET.HousingSNF, false),
		u.lbl("doc.etresidence"), f.dateEntry("etresidence", w.ET.ResidenceCheck, false),
	)
	ok := func() (string, widget.Importance) { return "✓ " + t("doc.onfile"), widget.SuccessImportance }
	missing := func(why string) (string, widget.Importance) { return "✗ " + t(why), widget.WarningImportance }
	f.setNote("idnumber", func() (string, widget.Importance) {
		if f.Value("idnumber") == "" {
			return missing("doc.missing")
		}
		return "", 0
	})
	f.setNote("idexpiry", func() (string, widget.Importance) {
		d := f.date("idexpiry")
		switch {
		case f.Value("idexpiry") == "":
			return missing("doc.missing")
		case d.Before(today):
			return "✗ " + t("doc.expired", map[string]any{"Date": fmtDate(d)}), widget.DangerImportance
		case d.Before(today.AddDate(0, 0, 28)):
			return "⚠ " + t("doc.expiresoon", map[string]any{"Date": fmtDate(d)}), widget.WarningImportance
		}
		return "✓ " + t("doc.valid"), widget.SuccessImportance
	})
	f.setNote("contract", func() (string, widget.Importance) {
		if f.Value("contract") == "" {
			return missing("doc.missing.contract")
		}
		return ok()
	})
	f.setNote("taxcreditdate", func() (string, widget.Importance) {
		switch {
		case f.checked("taxcredit") && f.Value("taxcreditdate") == "":
			return missing("doc.missing.taxcredit")
		case f.Value("taxcreditdate") != "":
			return ok()
		}
		return "", 0
	})
	f.setNote("deduction", func() (string, widget.Importance) {
		if f.Value("deduction") == "" {
			return "– " + t("doc.missing.deduction"), widget.LowImportance
		}
		return ok()
	})
	for _, k := range []string{"ethome", "ettravel", "ethousing", "etresidence"} {
		key := k
		f.setNote(key, func() (string, widget.Importance) {
			switch {
			case f.Value(key) != "":
				return ok()
			case f.checked("et") && key != "etresidence":
				return missing("doc.missing.et")
			}
			return "", 0
		})
	}
	f.derived = append(f.derived, func() {
		open := 0
		d := f.date("idexpiry")
		if f.Value("idnumber") == "" || f.Value("idexpiry") == "" || d.Before(today) {
			open++
		}
		if f.Value("contract") == "" {
			open++
		}
		if f.checked("taxcredit") && f.Value("taxcreditdate") == "" {
			open++
		}
		if f.checked("et") {
			for _, k := range []string{"ethome", "ettravel", "ethousing"} {
				if f.Value(k) == "" {
					open++
				}
			}
		}
		text, imp := "✓ "+t("doc.complete"), widget.SuccessImportance
		if open > 0 {
			text, imp = t("doc.open", map[string]any{"N": open}), widget.WarningImportance
		}
		setMessage(summary, text, imp)
	})
	return container.NewGridWithColumns(2, form, et)
}

func hasString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// ---------------------------------------------------------------- hirers

// EditHirer opens the hirer form with its remuneration record; nil means a new hirer.
func (u *UI) EditHirer(h *domain.Hirer) *EditForm {
	t := u.Tr.T
	isNew := h == nil
	if isNew {
		var numbers []string
		if s := u.Snapshot(); s != nil {
			for _, x := range s.Hirers {
				numbers = append(numbers, x.Number)
			}
		}
		h = &domain.Hirer{Number: nextNumber(numbers, "INL01"), PaymentTermDays: 14, Address: domain.Address{Country: "NL"},
			Remuneration: domain.RemunerationRecord{Basis: domain.Inlenersbeloning}}
	}
	title := t("hf.title.new")
	if !isNew {
		title = t("hf.title.edit", map[string]any{"Number": h.Number, "Name": h.Name})
	}
	f := u.newEditForm(title)
	f.focus = "name"
	country := func() string { return strings.ToUpper(f.Value("country")) }
	hundred := domain.Hundred
	details := grid(
		u.lbl("hf.number"), f.entry("number", h.Number, u.required(nil)),
		u.lbl("hf.name"), f.entry("name", h.Name, u.required(nil)),
		u.lbl("hf.street"), f.entry("street", h.Address.Street, nil),
		u.lbl("hf.postcode"), f.entry("postcode", h.Address.PostalCode, u.chkPostcode(country)),
		u.lbl("hf.city"), f.entry("city", h.Address.City, nil),
		u.lbl("hf.country"), f.entry("country", h.Address.Country, u.chkCountry),
		u.lbl("hf.kvk"), f.entry("kvk", h.KvK, u.chkKvK),
		u.lbl("hf.vat"), f.entry("vat", h.VATID, u.chkVAT),
	)
	terms := grid(
		u.lbl("hf.contact"), f.entry("contact", h.ContactName, nil),
		u.lbl("hf.contactemail"), f.entry("contactemail", h.ContactEmail, u.chkEmail),
		u.lbl("hf.invoiceemail"), f.entry("invoiceemail", h.InvoiceEmail, u.chkEmail),
		u.lbl("hf.term"), f.entry("term", strconv.Itoa(h.PaymentTermDays), u.chkInt(true, 0, 365)),
		u.lbl("hf.creditchecked"), f.dateEntry("creditchecked", h.CreditCheckedOn, false),
		u.lbl("hf.limit"), f.amountEntry("limit", h.CreditLimit, 2, u.chkNumber(false, decimal.Zero, nil)),
		u.lbl("hf.gshare"), f.amountEntry("gshare", h.GSharePercent, 0, u.chkNumber(false, decimal.Zero, &hundred)),
		widget.NewLabel(""), f.check("reverse", t("hf.reverse"), h.ReverseCharge),
		widget.NewLabel(""), f.check("proof", t("hf.proof"), h.ProofOfHours),
	)
	record := u.remunerationForm(f, h.Remuneration)
	tabs := container.NewAppTabs(
		container.NewTabItem(t("hf.tab.details"), container.NewVScroll(container.NewGridWithColumns(2, details, terms))),
		container.NewTabItem(t("hf.tab.record"), container.NewVScroll(record)),
	)
	orig := h
	f.build = func() (func(context.Context) error, error) {
		nh := *orig
		nh.Number, nh.Name = f.Value("number"), f.Value("name")
		nh.Address = domain.Address{Street: f.Value("street"), PostalCode: postcode(f.Value("postcode"), f.Value("country")),
			City: f.Value("city"), Country: strings.ToUpper(f.Value("country"))}
		nh.KvK, nh.VATID = compact(f.Value("kvk")), compact(f.Value("vat"))
		nh.ContactName, nh.ContactEmail, nh.InvoiceEmail = f.Value("contact"), f.Value("contactemail"), f.Value("invoiceemail")
		nh.PaymentTermDays, nh.CreditCheckedOn = f.int("term"), f.date("creditchecked")
		nh.CreditLimit, nh.GSharePercent = f.dec("limit"), f.dec("gshare")
		nh.ReverseCharge, nh.ProofOfHours = f.checked("reverse"), f.checked("proof")
		nh.Remuneration = f.remuneration()
		if err := nh.Validate(); err != nil {
			return nil, err
		}
		st := f.store
		return func(ctx context.Context) error { return st.SaveHirer(ctx, &nh) }, nil
	}
	f.showDialog(tabs, fyne.NewSize(1040, 640))
	return f
}

// remunerationForm is the hirer's beloningsregeling: basis, CAO, the
// components as an editable list, and who signed it when.
func (u *UI) remunerationForm(f *EditForm, r domain.RemunerationRecord) fyne.CanvasObject {
	t := u.Tr.T
	basis := string(r.Basis)
	if basis == "" {
		basis = string(domain.Inlenersbeloning)
	}
	head := grid(
		u.lbl("rem.basis"), f.choice("basis", []string{string(domain.Inlenersbeloning), string(domain.GelijkwaardigeBeloning)},
			func(c string) string { return t("basis." + c) }, basis),
		u.lbl("rem.cao"), f.entry("cao", r.CAO, nil),
		u.lbl("rem.signedon"), f.dateEntry("signedon", r.SignedOn, false),
		u.lbl("rem.signedby"), f.entry("signedby", r.SignedBy, nil),
	)
	f.setNote("signedon", func() (string, widget.Importance) {
		if f.Value("signedon") == "" {
			return "✗ " + t("rem.unsigned"), widget.WarningImportance
		}
		return "", 0
	})
	f.setCheck("signedby", func(s string) error {
		if s == "" && f.Value("signedon") != "" {
			return errors.New(t("rem.signedby.required"))
		}
		return nil
	})
	rows := container.NewVBox()
	n := 0
	addRow := func(c domain.RemunerationComponent) {
		i := n
		n++
		key := func(part string) string { return fmt.Sprintf("comp.%d.%s", i, part) }
		name := f.entry(key("name"), c.Name, nil)
		f.setCheck(key("name"), func(s string) error {
			if s == "" && (f.Value(key("desc")) != "" || f.Value(key("value")) != "") {
				return errors.New(t("rem.comp.name.required"))
			}
			return nil
		})
		desc := f.entry(key("desc"), c.Description, nil)
		value := f.entry(key("value"), c.Value, nil)
		f.Entries[key("name")].SetPlaceHolder(t("rem.comp.name.ph"))
		f.Entries[key("desc")].SetPlaceHolder(t("rem.comp.desc"))
		f.Entries[key("value")].SetPlaceHolder(t("rem.comp.value.ph"))
		var row *fyne.Container
		remove := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() {
			for _, p := range []string{"name", "desc", "value"} {
				f.Entries[key(p)].SetText("")
			}
			row.Hide()
			f.update()
		})
		row = container.NewBorder(nil, nil, nil, remove, container.NewGridWithColumns(3, name, desc, value))
		rows.Add(row)
	}
	for _, c := range r.Components {
		addRow(c)
	}
	add := widget.NewButtonWithIcon(t("rem.comp.add"), theme.ContentAddIcon(), func() {
		addRow(domain.RemunerationComponent{})
		f.update()
	})
	f.remCount = func() int { return n }
	colHead := container.NewBorder(nil, nil, nil, widget.NewLabel("      "), container.NewGridWithColumns(3,
		section(t("rem.comp.name")), section(t("rem.comp.desc")), section(t("rem.comp.value"))))
	return container.NewVBox(head, section(t("rem.components")), colHead, rows, container.NewHBox(add))
}

// remuneration reads the record back; components without a name are dropped.
func (f *EditForm) remuneration() domain.RemunerationRecord {
	r := domain.RemunerationRecord{Basis: domain.RemunerationBasis(f.Value("basis")), CAO: f.Value("cao"),
		SignedOn: f.date("signedon"), SignedBy: f.Value("signedby")}
	for i := 0; f.remCount != nil && i < f.remCount(); i++ {
		k := func(p string) string { return fmt.Sprintf("comp.%d.%s", i, p) }
		if f.Value(k("name")) == "" {
			continue
		}
		r.Components = append(r.Components, domain.RemunerationComponent{Name: f.Value(k("name")),
			Description: f.Value(k("desc")), Value: f.Value(k("value"))})
	}
	return r
}

// ---------------------------------------------------------------- placements

// EditPlacement opens the placement form with its rates per hour type; nil means a new placement.
func (u *UI) EditPlacement(p *domain.Placement) *EditForm {
	t := u.Tr.T
	s := u.Snapshot()
	if s == nil {
		return nil
	}
	isNew := p == nil
	if isNew {
		var numbers []string
		for _, x := range s.Placements {
			numbers = append(numbers, x.Number)
		}
		p = &domain.Placement{Number: nextNumber(numbers, "PL0001"), Start: s.Today, Basis: domain.Inlenersbeloning,
			Phase: domain.PhaseA}
		for _, ht := range []domain.HourType{domain.HourNormal, domain.HourOvertime125, domain.HourOvertime150} {
			p.Rates = append(p.Rates, domain.HourTypeRate{Type: ht, PayPercent: ht.DefaultPayPercent(), BillPercent: ht.DefaultPayPercent()})
		}
	}
	title := t("pf.title.new")
	if !isNew {
		title = t("pf.title.edit", map[string]any{"Number": p.Number})
	}
	f := u.newEditForm(title)
	workerCodes := []string{}
	for _, w := range s.Workers {
		workerCodes = append(workerCodes, strconv.FormatInt(w.ID, 10))
	}
	hirerCodes := []string{}
	for _, h := range s.Hirers {
		hirerCodes = append(hirerCodes, strconv.FormatInt(h.ID, 10))
	}
	idOf := func(key string) int64 { n, _ := strconv.ParseInt(f.Value(key), 10, 64); return n }
	sixty := decimal.NewFromInt(60)
	main := grid(
		u.lbl("pf.number"), f.entry("number", p.Number, u.required(nil)),
		u.lbl("pf.worker"), f.choice("worker", workerCodes, func(c string) string {
			id, _ := strconv.ParseInt(c, 10, 64)
			w := s.WorkerByID[id]
			return w.Number + " — " + w.FullName()
		}, idString(p.WorkerID)),
		u.lbl("pf.hirer"), f.choice("hirer", hirerCodes, func(c string) string {
			id, _ := strconv.ParseInt(c, 10, 64)
			h := s.HirerByID[id]
			return h.Number + " — " + h.Name
		}, idString(p.HirerID)),
		u.lbl("pf.function"), f.entry("function", p.Function, nil),
		u.lbl("pf.costcentre"), f.entry("costcentre", p.CostCentre, nil),
		u.lbl("pf.start"), f.dateEntry("start", p.Start, true),
		u.lbl("pf.end"), f.dateEntry("end", p.End, false),
	)
	pay := grid(
		u.lbl("pf.wage"), f.amountEntry("wage", p.HourlyWage, 2, u.required(u.chkNumber(true, decimal.New(1, -2), nil))),
		u.lbl("pf.rate"), f.amountEntry("rate", p.BillingRate, 2, u.chkNumber(false, decimal.Zero, nil)),
		u.lbl("pf.km"), f.amountEntry("km", p.TravelPerKm, 2, u.chkNumber(false, decimal.Zero, nil)),
		u.lbl("pf.hours"), f.amountEntry("hours", p.AgreedHoursPerWeek, 0, u.chkNumber(false, decimal.Zero, &sixty)),
		u.lbl("pf.basis"), f.choice("basis", []string{string(domain.Inlenersbeloning), string(domain.GelijkwaardigeBeloning)},
			func(c string) string { return t("basis." + c) }, string(p.Basis)),
		u.lbl("pf.phase"), f.choice("phase", []string{"A", "B", "C"}, func(c string) string { return t("phase." + c) }, string(p.Phase)),
		u.lbl("pf.scale"), f.entry("scale", p.WageScale, nil),
	)
	f.setCheck("end", func(s string) error {
		if err := u.chkDate(false)(s); err != nil || s == "" {
			return err
		}
		if e, st := f.date("end"), f.date("start"); !st.IsZero() && e.Before(st) {
			return errors.New(t("form.endbeforestart"))
		}
		return nil
	})
	// The hourly wage against the minimum wage for the worker's age on the start date.
	f.setNote("wage", func() (string, widget.Importance) {
		w := s.WorkerByID[idOf("worker")]
		start := f.date("start")
		if w == nil || start.IsZero() || f.Value("wage") == "" {
			return "", 0
		}
		min, age, err := u.minimumWage(w, start)
		if err != nil {
			return "⚠ " + t("pf.minwage.unknown", map[string]any{"Error": domain.ErrorMessage(err)}), widget.WarningImportance
		}
		if f.dec("wage").LessThan(min) {
			return "⚠ " + t("pf.minwage.below", map[string]any{"Min": domain.FormatEuro(min), "Age": age,
				"Date": fmtDate(start)}), widget.DangerImportance
		}
		return t("pf.minwage.ok", map[string]any{"Min": domain.FormatEuro(min), "Age": age}), widget.MediumImportance
	})
	f.confirm = func() string {
		w := s.WorkerByID[idOf("worker")]
		if w == nil || f.date("start").IsZero() {
			return ""
		}
		if min, age, err := u.minimumWage(w, f.date("start")); err == nil && f.dec("wage").LessThan(min) {
			return t("pf.minwage.confirm", map[string]any{"Min": domain.FormatEuro(min), "Age": age})
		}
		return ""
	}
	f.Entries["hours"].SetPlaceHolder(t("pf.hours.ph"))

	// Rates per hour type: agreed or not, pay % and bill % apart.
	rates := []fyne.CanvasObject{section(t("pf.ht")), section(t("pf.agreed")), section(t("pf.pay")), section(t("pf.bill"))}
	for _, ht := range domain.HourTypes {
		r, agreed := p.Rate(ht)
		key := string(ht)
		rates = append(rates, widget.NewLabel(t("ht."+key)+" ("+key+")"),
			f.check("rate."+key, t("pf.agreed.yes"), agreed),
			f.amountEntry("pay."+key, r.PayPercent, 2, nil),
			f.amountEntry("bill."+key, r.BillPercent, 2, nil))
		pct := u.chkNumber(true, decimal.Zero, nil)
		for _, k := range []string{"pay." + key, "bill." + key} {
			f.setCheck(k, func(s string) error {
				if !f.checked("rate." + key) {
					return nil
				}
				return pct(s)
			})
		}
	}
	// Percentages of an hour type that is not agreed are not used: greyed out.
	f.derived = append(f.derived, func() {
		for _, ht := range domain.HourTypes {
			on := f.checked("rate." + string(ht))
			for _, k := range []string{"pay.", "bill."} {
				if e := f.Entries[k+string(ht)]; e.Disabled() == on {
					if on {
						e.Enable()
					} else {
						e.Disable()
					}
				}
			}
		}
	})
	ratesGrid := container.NewGridWithColumns(4, rates...)
	tabs := container.NewAppTabs(
		container.NewTabItem(t("pf.tab.main"), container.NewVScroll(container.NewGridWithColumns(2, main, pay))),
		container.NewTabItem(t("pf.tab.rates"), container.NewVScroll(container.NewVBox(widget.NewLabel(t("pf.rates.explain")), ratesGrid))),
	)
	orig := p
	f.build = func() (func(context.Context) error, error) {
		np := *orig
		np.Number, np.WorkerID, np.HirerID = f.Value("number"), idOf("worker"), idOf("hirer")
		np.Function, np.CostCentre = f.Value("function"), f.Value("costcentre")
		np.Start, np.End = f.date("start"), f.date("end")
		np.HourlyWage, np.BillingRate, np.TravelPerKm = f.dec("wage"), f.dec("rate"), f.dec("km")
		np.AgreedHoursPerWeek = f.dec("hours")
		np.Basis, np.Phase, np.WageScale = domain.RemunerationBasis(f.Value("basis")), domain.Phase(f.Value("phase")), f.Value("scale")
		np.Rates = nil
		for _, ht := range domain.HourTypes {
			if f.checked("rate." + string(ht)) {
				np.Rates = append(np.Rates, domain.HourTypeRate{Type: ht, PayPercent: f.dec("pay." + string(ht)),
					BillPercent: f.dec("bill." + string(ht))})
			}
		}
		if err := np.Validate(); err != nil {
			return nil, err
		}
		st := f.store
		return func(ctx context.Context) error { return st.SavePlacement(ctx, &np) }, nil
	}
	// Worker and hirer are required: a select cannot carry a validator, so
	// the save button also waits for them.
	f.derived = append(f.derived, func() {
		if idOf("worker") == 0 || idOf("hirer") == 0 {
			f.Save.Disable()
		}
	})
	f.showDialog(tabs, fyne.NewSize(1040, 640))
	return f
}

func idString(id int64) string {
	if id == 0 {
		return ""
	}
	return strconv.FormatInt(id, 10)
}

// minimumWage is the statutory hourly minimum for the worker's age on a date,
// from the parameter pack of that date's year.
func (u *UI) minimumWage(w *domain.Worker, on time.Time) (decimal.Decimal, int, error) {
	if w.BirthDate.IsZero() {
		return decimal.Zero, 0, domain.Errorf(domain.EINVALID, "geboortedatum van %s ontbreekt", w.Number)
	}
	set := u.Params
	if set == nil {
		var err error
		if set, err = params.Builtin(); err != nil {
			return decimal.Zero, 0, err
		}
	}
	pack, err := set.For(on)
	if err != nil {
		return decimal.Zero, 0, err
	}
	age := domain.AgeOn(w.BirthDate, on)
	min, err := pack.MinimumWageHourly(age, on)
	return min, age, err
}

// ---------------------------------------------------------------- list hooks

// editableTable is a master-data table with Nieuw… and Bewerken… above it;
// a double click on a row also edits it.
func (u *UI) editableTable(d *DataTable, add func(), edit func(key string)) fyne.CanvasObject {
	t := u.Tr.T
	selected := ""
	editBtn := widget.NewButtonWithIcon(t("md.edit"), theme.DocumentCreateIcon(), func() {
		if selected != "" {
			edit(selected)
		}
	})
	editBtn.Disable()
	newBtn := widget.NewButtonWithIcon(t("md.new"), theme.ContentAddIcon(), add)
	d.OnSelect = func(_ []string, key string) {
		selected = key
		editBtn.Enable()
	}
	onDouble := func(key string) {
		selected = key
		editBtn.Enable()
		edit(key)
	}
	orig := d.Table.UpdateCell
	d.Table.CreateCell = func() fyne.CanvasObject { return newRowCell(d.Table) }
	d.Table.UpdateCell = func(id widget.TableCellID, o fyne.CanvasObject) {
		c := o.(*rowCell)
		c.id = id
		c.onDouble = func() {
			if id.Row >= 0 && id.Row < len(d.shown) {
				onDouble(d.shown[id.Row].key)
			}
		}
		orig(id, &c.Label)
	}
	bar := container.NewBorder(nil, nil, container.NewHBox(newBtn, editBtn), d.Count, d.Search)
	return container.NewBorder(bar, nil, nil, nil, d.Table)
}

// rowCell is a table cell that selects its row on a tap and edits it on a double tap.
type rowCell struct {
	widget.Label
	table    *widget.Table
	id       widget.TableCellID
	onDouble func()
}

func newRowCell(t *widget.Table) *rowCell {
	c := &rowCell{table: t}
	c.ExtendBaseWidget(c)
	return c
}

func (c *rowCell) Tapped(*fyne.PointEvent) {
	c.table.Select(c.id)
	c.table.Refresh()
	if cv := fyne.CurrentApp().Driver().CanvasForObject(c.table); cv != nil {
		cv.Focus(c.table)
	}
}

func (c *rowCell) DoubleTapped(*fyne.PointEvent) {
	c.table.Select(c.id)
	if c.onDouble != nil {
		c.onDouble()
	}
}

func (u *UI) editWorkerKey(key string) {
	if s := u.Snapshot(); s != nil {
		id, _ := strconv.ParseInt(key, 10, 64)
		if w := s.WorkerByID[id]; w != nil {
			u.EditWorker(w)
		}
	}
}

func (u *UI) editHirerKey(key string) {
	if s := u.Snapshot(); s != nil {
		id, _ := strconv.ParseInt(key, 10, 64)
		if h := s.HirerByID[id]; h != nil {
			u.EditHirer(h)
		}
	}
}

func (u *UI) editPlacementKey(key string) {
	if s := u.Snapshot(); s != nil {
		id, _ := strconv.ParseInt(key, 10, 64)
		if p := s.PlacementByID[id]; p != nil {
			u.EditPlacement(p)
		}
	}
}

// recordKeys are the IDs of records as table keys, in the snapshot's order.
func workerKeys(s *Snapshot) []string {
	out := make([]string, len(s.Workers))
	for i, w := range s.Workers {
		out[i] = strconv.FormatInt(w.ID, 10)
	}
	return out
}

func hirerKeys(s *Snapshot) []string {
	out := make([]string, len(s.Hirers))
	for i, h := range s.Hirers {
		out[i] = strconv.FormatInt(h.ID, 10)
	}
	return out
}

func placementKeys(s *Snapshot) []string {
	out := make([]string, len(s.Placements))
	for i, p := range s.Placements {
		out[i] = strconv.FormatInt(p.ID, 10)
	}
	return out
}

// fileExists reports whether something is at path.
func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
