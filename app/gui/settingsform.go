package gui

// The agency's details as an editable form: used by Instellingen (with the
// weekly-cycle deadlines) and by the new-administration wizard (without).

import (
	"context"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"verloner/domain"
)

// agencyDetails adds the name and address fields.
func (u *UI) agencyDetails(f *EditForm, a *domain.Agency) *fyne.Container {
	nl := func() string { return "NL" }
	return grid(
		u.lbl("settings.field.name"), f.entry("name", a.Name, u.required(nil)),
		u.lbl("agency.street"), f.entry("street", a.Address.Street, nil),
		u.lbl("agency.postcode"), f.entry("postcode", a.Address.PostalCode, u.chkPostcode(nl)),
		u.lbl("agency.city"), f.entry("city", a.Address.City, nil),
		u.lbl("settings.field.kvk"), f.entry("kvk", a.KvK, u.chkKvK),
		u.lbl("settings.field.vat"), f.entry("vat", a.VATID, u.chkVAT),
		u.lbl("agency.email"), f.entry("email", a.Email, u.chkEmail),
		u.lbl("agency.phone"), f.entry("phone", a.Phone, nil),
	)
}

// agencyPayroll adds bank accounts, loonheffingennummer, frequency, size and sector.
func (u *UI) agencyPayroll(f *EditForm, a *domain.Agency) *fyne.Container {
	t := u.Tr.T
	freq := string(a.Frequency)
	if freq == "" {
		freq = string(domain.Weekly)
	}
	size := string(a.EmployerSize)
	if size == "" {
		size = string(domain.SmallEmployer)
	}
	sector := a.Sector
	if sector == 0 {
		sector = 52
	}
	freqWarn := widget.NewLabel("")
	freqWarn.Hide()
	if a.Frequency != "" { // an existing administration: a change moves every period
		f.derived = append(f.derived, func() {
			msg := ""
			if f.Value("frequency") != string(a.Frequency) {
				msg = "⚠ " + t("agency.freqchange")
			}
			setMessage(freqWarn, msg, widget.WarningImportance)
		})
	}
	g := grid(
		u.lbl("settings.field.iban"), f.entry("iban", domain.FormatIBAN(a.IBAN), checkIBAN),
		u.lbl("settings.field.giban"), f.entry("giban", domain.FormatIBAN(a.GIBAN), checkIBAN),
		u.lbl("settings.field.lhnr"), f.entry("lhnr", a.LoonheffingenNummer, u.chkLHNr),
		u.lbl("settings.field.frequency"), container.NewVBox(f.choice("frequency",
			[]string{string(domain.Weekly), string(domain.FourWeek), string(domain.Monthly)},
			func(c string) string { return t("freq." + c) }, freq), freqWarn),
		u.lbl("settings.field.size"), f.choice("size",
			[]string{string(domain.SmallEmployer), string(domain.MediumEmployer), string(domain.LargeEmployer)},
			func(c string) string { return t("size." + c) }, size),
		u.lbl("settings.field.sector"), f.entry("sector", strconv.Itoa(sector), u.chkInt(true, 1, 99)),
	)
	f.Entries["iban"].SetPlaceHolder("NL91 ABNA 0417 1643 00")
	f.Entries["lhnr"].SetPlaceHolder("123456789L01")
	f.setNote("sector", func() (string, widget.Importance) {
		if f.Value("sector") != "52" {
			return t("agency.sector52"), widget.LowImportance
		}
		return "", 0
	})
	return g
}

// weekdayCodes are Monday to Sunday as time.Weekday numbers.
var weekdayCodes = []string{"1", "2", "3", "4", "5", "6", "0"}

func (u *UI) weekdayChoice(f *EditForm, key string, d time.Weekday) *widget.Select {
	return f.choice(key, weekdayCodes, func(c string) string { return u.Tr.T("day." + c) }, strconv.Itoa(int(d)))
}

// agencyDeadlines adds the weekly cycle's cut-off moments.
func (u *UI) agencyDeadlines(f *EditForm, d domain.Deadlines) *fyne.Container {
	clock := func(s string) error {
		if s == "" {
			return nil // empty means midnight, as domain.Deadlines reads it
		}
		return domain.ValidateClock(s)
	}
	dayTime := func(key string, day time.Weekday, at string) fyne.CanvasObject {
		return container.NewGridWithColumns(2, u.weekdayChoice(f, key+".day", day), f.entry(key+".time", at, clock))
	}
	return grid(
		u.lbl("step.registration"), dayTime("dl.registration", d.RegistrationWeekday, d.RegistrationTime),
		u.lbl("step.hours"), dayTime("dl.hours", d.HoursWeekday, d.HoursTime),
		u.lbl("step.proof"), dayTime("dl.proof", d.ProofWeekday, d.ProofTime),
		u.lbl("step.approval"), dayTime("dl.approval", d.ApprovalWeekday, d.ApprovalTime),
		u.lbl("step.paid"), container.NewGridWithColumns(2, u.weekdayChoice(f, "dl.pay.day", d.PayWeekday)),
		u.lbl("step.margin"), container.NewGridWithColumns(2, u.weekdayChoice(f, "dl.margin.day", d.MarginWeekday)),
		u.lbl("dl.sick"), container.NewGridWithColumns(2, f.entry("dl.sick.time", d.SickReportTime, clock),
			f.entry("dl.sick.lead", strconv.Itoa(d.SickReportLeadHours), u.chkInt(true, 0, 72))),
	)
}

// agencyValue reads the agency back from the form, on top of base.
func (f *EditForm) agencyValue(base *domain.Agency) *domain.Agency {
	a := *base
	a.Name = f.Value("name")
	a.Address.Street, a.Address.PostalCode, a.Address.City = f.Value("street"), postcode(f.Value("postcode"), "NL"), f.Value("city")
	if a.Address.Country == "" {
		a.Address.Country = "NL"
	}
	a.KvK, a.VATID = compact(f.Value("kvk")), compact(f.Value("vat"))
	a.Email, a.Phone = f.Value("email"), f.Value("phone")
	a.IBAN, a.GIBAN = domain.NormalizeIBAN(f.Value("iban")), domain.NormalizeIBAN(f.Value("giban"))
	a.LoonheffingenNummer = compact(f.Value("lhnr"))
	a.Frequency, a.EmployerSize = domain.PeriodKind(f.Value("frequency")), domain.EmployerSize(f.Value("size"))
	a.Sector = f.int("sector")
	if _, ok := f.Selects["dl.registration.day"]; ok {
		day := func(key string) time.Weekday { n, _ := strconv.Atoi(f.Value(key)); return time.Weekday(n) }
		d := a.Deadlines
		d.RegistrationWeekday, d.RegistrationTime = day("dl.registration.day"), f.Value("dl.registration.time")
		d.HoursWeekday, d.HoursTime = day("dl.hours.day"), f.Value("dl.hours.time")
		d.ProofWeekday, d.ProofTime = day("dl.proof.day"), f.Value("dl.proof.time")
		d.ApprovalWeekday, d.ApprovalTime = day("dl.approval.day"), f.Value("dl.approval.time")
		d.PayWeekday, d.MarginWeekday = day("dl.pay.day"), day("dl.margin.day")
		d.SickReportTime, d.SickReportLeadHours = f.Value("dl.sick.time"), f.int("dl.sick.lead")
		a.Deadlines = d
	}
	return &a
}

// agencySection is the Instellingen page's editable agency: details, payroll
// settings and deadlines, saved with one button.
func (u *UI) agencySection(s *Snapshot) fyne.CanvasObject {
	t := u.Tr.T
	a := s.Agency
	f := u.newEditForm(t("settings.agency"))
	f.Save.SetText(t("agency.save"))
	details := u.agencyDetails(f, a)
	payroll := u.agencyPayroll(f, a)
	deadlines := u.agencyDeadlines(f, a.Deadlines)
	file := widget.NewLabel(u.Store.Path())
	file.Selectable = true
	f.build = func() (func(context.Context) error, error) {
		na := f.agencyValue(a)
		if err := na.Validate(); err != nil {
			return nil, err
		}
		st := f.store
		return func(ctx context.Context) error { return st.SaveAgency(ctx, na) }, nil
	}
	reset := widget.NewButtonWithIcon(t("agency.reset"), theme.ViewRefreshIcon(), func() { u.Show(PageSettings) })
	f.update()
	u.forms.agency = f
	return container.NewVBox(
		container.NewGridWithColumns(2, details, payroll),
		section(t("agency.deadlines")), deadlines,
		grid(u.lbl("settings.field.file"), file),
		f.Status,
		container.NewHBox(f.Save, reset, layout.NewSpacer()),
	)
}
