package gui

import (
	"context"
	"errors"
	"path/filepath"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
	"github.com/shopspring/decimal"

	"verloner/domain"
	"verloner/domain/payroll"
	pf "verloner/domain/proforma"
	exproforma "verloner/exporters/proforma"
)

// proformaState keeps the Pro-forma form's values and its last result.
type proformaState struct {
	vals map[string]string
	res  *pf.Result
	form *ProformaForm
}

// The hour types of the pro forma's hour mix (worked hours; leave and
// sickness are surcharges).
var proformaTypes = []domain.HourType{domain.HourNormal, domain.HourOvertime125, domain.HourOvertime150, domain.HourOvertime200, domain.HourShift}

// Goals of a pro forma: the cost price only, or a rate worked out from a
// margin or factor, or the margin of a given rate.
const (
	goalCost      = "cost"
	goalMargin    = "margin"
	goalMarginPct = "marginpct"
	goalFactor    = "factor"
	goalRate      = "rate"
)

var proformaGoals = []string{goalCost, goalMargin, goalMarginPct, goalFactor, goalRate}

// ProformaForm is the Pro-forma page's form and result, for tests and for
// the export buttons.
type ProformaForm struct {
	u                             *UI
	Hirer                         *widget.SelectEntry
	Year, Wage, Age               *widget.Entry
	Phase, Goal                   *widget.Select
	Target                        *widget.Entry
	Hours, Pay, Bill              map[domain.HourType]*widget.Entry
	HolidayPay, ExtraPct, PerHour *widget.Entry
	Leave, Internal               *widget.Check
	Calculate                     *widget.Button
	Status                        *widget.Label
	result                        *fyne.Container
	exports                       []*widget.Button
}

// ProformaForm returns the form of the Pro-forma page built last (nil before).
func (u *UI) ProformaForm() *ProformaForm { return u.hr().pf.form }

// Result is the last calculation (nil before the first or after an error).
func (f *ProformaForm) Result() *pf.Result { return f.u.hr().pf.res }

// proformaPage is the Pro-forma page: the hirer, year, wage, age and phase
// of a worker, the hour mix with pay and bill percentages, the surcharges
// and the target (a margin per hour or in %, a factor, or a rate) give the
// cost price per hour from the payroll engine, the rate and the margin; the
// hirer's version (or the internal one with the cost build-up) is exported
// as PDF and XLSX.
func (u *UI) proformaPage(s *Snapshot) fyne.CanvasObject {
	t := u.Tr.T
	ps := &u.hr().pf
	if ps.vals == nil {
		ps.vals = map[string]string{"year": strconv.Itoa(s.Period.Year), "phase": "A", "goal": goalMargin, "hours.NORM": "40"}
	}
	f := &ProformaForm{u: u, Hours: map[domain.HourType]*widget.Entry{}, Pay: map[domain.HourType]*widget.Entry{},
		Bill: map[domain.HourType]*widget.Entry{}}
	ps.form = f
	entry := func(key, placeholder string, check func(string) error) *widget.Entry {
		e := widget.NewEntry()
		e.SetPlaceHolder(placeholder)
		e.SetText(ps.vals[key])
		e.Validator = check
		e.OnChanged = func(v string) { ps.vals[key] = v }
		return e
	}
	num := u.chkNumber(false, decimal.Zero, nil)
	var hirers []string
	for _, h := range s.Hirers {
		hirers = append(hirers, h.Name)
	}
	f.Hirer = widget.NewSelectEntry(hirers)
	f.Hirer.SetPlaceHolder(t("pro.hirer.ph"))
	f.Hirer.SetText(ps.vals["hirer"])
	f.Hirer.OnChanged = func(v string) { ps.vals["hirer"] = v }
	f.Year = entry("year", "2026", u.chkInt(true, 2000, 2999))
	f.Wage = entry("wage", t("pro.wage.ph"), u.chkNumber(true, decimal.Zero, nil))
	f.Age = entry("age", t("pro.age.ph"), u.chkInt(true, 15, 99))
	f.Phase = widget.NewSelect([]string{"A", "B", "C"}, func(v string) { ps.vals["phase"] = v })
	f.Phase.SetSelected(ps.vals["phase"])

	mix := container.NewGridWithColumns(4, widget.NewLabel(t("pro.type")), widget.NewLabel(t("pro.hours")),
		widget.NewLabel(t("pro.pay")), widget.NewLabel(t("pro.bill")))
	for _, ty := range proformaTypes {
		k := string(ty)
		def := domain.FormatDecimalNL(ty.DefaultPayPercent(), 0)
		f.Hours[ty] = entry("hours."+k, "", num)
		f.Pay[ty] = entry("pay."+k, def, num)
		f.Bill[ty] = entry("bill."+k, t("pro.bill.ph"), num)
		mix.Add(widget.NewLabel(k))
		mix.Add(f.Hours[ty])
		mix.Add(f.Pay[ty])
		mix.Add(f.Bill[ty])
	}

	f.HolidayPay = entry("holiday", t("pro.holiday.ph"), num)
	f.ExtraPct = entry("extrapct", "0", num)
	f.PerHour = entry("extrahour", "0,00", num)
	f.Leave = widget.NewCheck(t("pro.leave"), func(b bool) { ps.vals["leave"] = strconv.FormatBool(b) })
	f.Leave.SetChecked(ps.vals["leave"] == "true")

	goalLabels := map[string]string{}
	var goalOptions []string
	for _, g := range proformaGoals {
		goalLabels[t("pro.goal."+g)] = g
		goalOptions = append(goalOptions, t("pro.goal."+g))
	}
	f.Target = entry("target", "", num)
	f.Goal = widget.NewSelect(goalOptions, func(v string) {
		ps.vals["goal"] = goalLabels[v]
		if goalLabels[v] == goalCost {
			f.Target.Disable()
		} else {
			f.Target.Enable()
		}
	})
	f.Goal.SetSelected(t("pro.goal." + ps.vals["goal"]))
	f.Internal = widget.NewCheck(t("pro.internal"), func(b bool) { ps.vals["internal"] = strconv.FormatBool(b) })
	f.Internal.SetChecked(ps.vals["internal"] == "true")

	f.Status = wrapLabel("")
	f.result = container.NewVBox()
	f.Calculate = widget.NewButton(t("pro.calculate"), func() { f.calculate() })
	f.Calculate.Importance = widget.HighImportance
	pdfBtn := widget.NewButton(t("pro.export.pdf"), func() { f.export("pdf") })
	xlsxBtn := widget.NewButton(t("pro.export.xlsx"), func() { f.export("xlsx") })
	f.exports = []*widget.Button{pdfBtn, xlsxBtn}

	form := widget.NewForm(
		widget.NewFormItem(t("col.hirer"), f.Hirer),
		widget.NewFormItem(t("pro.year"), f.Year),
		widget.NewFormItem(t("pro.wage"), f.Wage),
		widget.NewFormItem(t("pro.age"), f.Age),
		widget.NewFormItem(t("col.phase"), f.Phase),
	)
	extras := widget.NewForm(
		widget.NewFormItem(t("pro.holiday"), f.HolidayPay),
		widget.NewFormItem("", f.Leave),
		widget.NewFormItem(t("pro.extrapct"), f.ExtraPct),
		widget.NewFormItem(t("pro.extrahour"), f.PerHour),
	)
	goal := widget.NewForm(widget.NewFormItem(t("pro.goal"), f.Goal), widget.NewFormItem(t("pro.target"), f.Target),
		widget.NewFormItem("", f.Internal))
	fields := container.NewVBox(form, section(t("pro.mix")), mix, section(t("pro.extras")), extras, section(t("pro.target.title")), goal)
	left := container.NewBorder(nil, container.NewVBox(container.NewHBox(f.Calculate, pdfBtn, xlsxBtn), f.Status), nil, nil,
		container.NewVScroll(fields))
	f.show()
	head := title(t("pro.title"))
	intro := wrapLabel(t("pro.intro"))
	split := container.NewHSplit(left, container.NewVScroll(f.result))
	split.Offset = 0.46
	return container.NewBorder(container.NewVBox(head, intro), nil, nil, nil, split)
}

// input reads the form; the error names the first field that is wrong.
func (f *ProformaForm) input() (pf.Input, error) {
	t := f.u.Tr.T
	var in pf.Input
	fail := func(label string) (pf.Input, error) {
		return in, errors.New(t("form.fix", map[string]any{"Error": label}))
	}
	for _, e := range []struct {
		w     *widget.Entry
		label string
	}{{f.Year, t("pro.year")}, {f.Wage, t("pro.wage")}, {f.Age, t("pro.age")}} {
		if err := e.w.Validate(); err != nil {
			return fail(e.label + ": " + err.Error())
		}
	}
	in.Year, _ = strconv.Atoi(f.Year.Text)
	in.Age, _ = strconv.Atoi(f.Age.Text)
	in.HourlyWage, _ = domain.ParseDecimalNL(f.Wage.Text)
	in.Phase = domain.Phase(f.Phase.Selected)
	dec := func(e *widget.Entry, label string) (decimal.Decimal, error) {
		if e.Text == "" {
			return decimal.Zero, nil
		}
		d, err := domain.ParseDecimalNL(e.Text)
		if err != nil {
			return d, errors.New(t("form.fix", map[string]any{"Error": label + ": " + t("form.amount", map[string]any{"Value": e.Text})}))
		}
		return d, nil
	}
	var err error
	for _, ty := range proformaTypes {
		var m pf.Mix
		m.Type = ty
		if m.Hours, err = dec(f.Hours[ty], string(ty)); err != nil {
			return in, err
		}
		if m.PayPercent, err = dec(f.Pay[ty], string(ty)); err != nil {
			return in, err
		}
		if m.BillPercent, err = dec(f.Bill[ty], string(ty)); err != nil {
			return in, err
		}
		if m.Hours.IsPositive() {
			in.Mix = append(in.Mix, m)
		}
	}
	if in.HolidayPayPercent, err = dec(f.HolidayPay, t("pro.holiday")); err != nil {
		return in, err
	}
	if in.ExtraPercent, err = dec(f.ExtraPct, t("pro.extrapct")); err != nil {
		return in, err
	}
	if in.ExtraPerHour, err = dec(f.PerHour, t("pro.extrahour")); err != nil {
		return in, err
	}
	in.LeaveHours = f.Leave.Checked
	target, err := dec(f.Target, t("pro.target"))
	if err != nil {
		return in, err
	}
	switch f.u.hr().pf.vals["goal"] {
	case goalMargin:
		in.MarginPerHour = target
	case goalMarginPct:
		in.MarginPercent = target
	case goalFactor:
		in.Factor = target
	case goalRate:
		in.Rate = target
	}
	if s := f.u.Snapshot(); s != nil && s.Agency != nil {
		switch s.Agency.EmployerSize {
		case domain.MediumEmployer:
			in.EmployerSize = payroll.MediumEmployer
		case domain.LargeEmployer:
			in.EmployerSize = payroll.LargeEmployer
		}
	}
	return in, nil
}

// calculate runs the pro forma (one synthetic week through the payroll
// engine: milliseconds, so on the UI goroutine) and shows the result.
func (f *ProformaForm) calculate() {
	ps := &f.u.hr().pf
	ps.res = nil
	in, err := f.input()
	if err == nil {
		set, perr := f.u.packs()
		if err = perr; err == nil {
			ps.res, err = pf.CalculateFor(set, in)
		}
	}
	f.Status.Importance = widget.MediumImportance
	f.Status.SetText("")
	if err != nil {
		f.Status.Importance = widget.DangerImportance
		f.Status.SetText(errText(err))
	}
	f.show()
}

// show draws the last result (or nothing) on the right.
func (f *ProformaForm) show() {
	t := f.u.Tr.T
	r := f.u.hr().pf.res
	for _, b := range f.exports {
		if r == nil {
			b.Disable()
		} else {
			b.Enable()
		}
	}
	f.result.Objects = nil
	if r == nil {
		f.result.Add(wrapLabel(t("pro.none")))
		f.result.Refresh()
		return
	}
	lang := domain.Dutch
	if f.u.Tr.Language() == "en" {
		lang = domain.English
	}
	big := func(s string) *widget.Label {
		l := widget.NewLabel(s)
		l.TextStyle = fyne.TextStyle{Bold: true}
		return l
	}
	f.result.Add(title(t("pro.result", map[string]any{"Week": r.Period.String(), "Hours": domain.FormatDecimalNL(r.WorkedHours, 2)})))
	f.result.Add(big(t("pro.costprice", map[string]any{"Amount": domain.FormatEuro(r.CostPrice)})))
	if r.Rate.IsPositive() {
		f.result.Add(big(t("pro.rate", map[string]any{"Amount": domain.FormatEuro(r.Rate)})))
		f.result.Add(big(t("pro.margin", map[string]any{"Amount": domain.FormatEuro(r.MarginPerHour),
			"Percent": domain.FormatDecimalNL(r.MarginPercent, 2), "Factor": domain.FormatDecimalNL(r.Factor, 4)})))
	}
	f.result.Add(widget.NewLabel(t("pro.minwage", map[string]any{"Amount": domain.FormatEuro(r.MinimumWage)})))

	f.result.Add(amountRow(t("pro.component"), true, 120, t("pro.perweek"), t("pro.perhour")))
	for _, c := range r.Components {
		f.result.Add(amountRow(c.Text.In(lang), false, 120, domain.FormatEuro(c.Amount), domain.FormatEuro(c.PerHour)))
	}
	f.result.Add(amountRow(t("pro.wagecost"), true, 120, domain.FormatEuro(r.WageCost), domain.FormatEuro(r.WageCostPerHour)))
	for _, c := range r.Surcharges {
		f.result.Add(amountRow(c.Text.In(lang), false, 120, "", domain.FormatEuro(c.PerHour)))
	}
	f.result.Add(amountRow(t("pro.costprice.short"), true, 120, "", domain.FormatEuro(r.CostPrice)))

	if r.Rate.IsPositive() {
		f.result.Add(widget.NewSeparator())
		f.result.Add(amountRow(t("pro.type"), true, 85, t("pro.hours"), t("pro.pay"), t("pro.bill"), t("col.wage"), t("col.rate")))
		for _, ty := range r.Types {
			f.result.Add(amountRow(string(ty.Type), false, 85, domain.FormatDecimalNL(ty.Hours, 2), domain.FormatDecimalNL(ty.PayPercent, 0)+" %",
				domain.FormatDecimalNL(ty.BillPercent, 0)+" %", domain.FormatEuro(ty.Wage), domain.FormatEuro(ty.Rate)))
		}
	}
	for _, x := range r.Findings {
		if x.Severity == payroll.SevError {
			l := wrapLabel(t("pro.finding", map[string]any{"Message": x.Message}))
			l.Importance = widget.DangerImportance
			f.result.Add(l)
		}
	}
	f.result.Refresh()
}

// amountRow is a row of a figures table: a name that gives way (ellipsis)
// and right-aligned cells of a fixed width, so long component names never
// widen the page.
func amountRow(name string, bold bool, width float32, cells ...string) fyne.CanvasObject {
	l := widget.NewLabel(name)
	l.Truncation = fyne.TextTruncateEllipsis
	l.TextStyle = fyne.TextStyle{Bold: bold}
	right := container.NewHBox()
	for _, c := range cells {
		v := widget.NewLabel(c)
		v.Alignment = fyne.TextAlignTrailing
		v.TextStyle = fyne.TextStyle{Bold: bold}
		right.Add(container.NewGridWrap(fyne.NewSize(width, v.MinSize().Height), v))
	}
	return container.NewBorder(nil, nil, nil, right, l)
}

// Files writes the last calculation as PDF and XLSX into dir (0600 each)
// and returns their paths.
func (f *ProformaForm) Files(dir string) ([]string, error) {
	r := f.Result()
	if r == nil {
		return nil, errors.New(f.u.Tr.T("pro.none"))
	}
	opt := exproforma.Options{Hirer: f.Hirer.Text, ShowCosts: f.Internal.Checked, Lang: f.u.Tr.Language(), Created: f.u.Now()}
	if s := f.u.Snapshot(); s != nil && s.Agency != nil {
		opt.Agency = s.Agency.Name
	}
	p, err := exproforma.PDF(r, opt)
	if err != nil {
		return nil, err
	}
	x, err := exproforma.WriteXLSX(r, opt)
	if err != nil {
		return nil, err
	}
	base := exproforma.FileBase(r)
	if opt.ShowCosts {
		base += "-intern"
	}
	var paths []string
	for _, file := range []struct {
		ext  string
		data []byte
	}{{".pdf", p}, {".xlsx", x}} {
		path := filepath.Join(dir, base+file.ext)
		if err := writePrivate(path, file.data); err != nil {
			return paths, err
		}
		paths = append(paths, path)
	}
	return paths, nil
}

// export writes both files into a folder the user picks and offers to open
// the kind asked for.
func (f *ProformaForm) export(kind string) {
	u := f.u
	dialog.ShowFolderOpen(func(dir fyne.ListableURI, err error) {
		if err != nil {
			u.showErr(err)
			return
		}
		if dir == nil {
			return
		}
		var paths []string
		u.RunTask(u.Tr.T("export.running"), func(ctx context.Context, _ func(int, int)) error {
			var err error
			paths, err = f.Files(dir.Path())
			return err
		}, func(err error) {
			if err != nil {
				u.showErr(err)
				return
			}
			for _, p := range paths {
				if filepath.Ext(p) == "."+kind {
					u.showExported(p)
				}
			}
		})
	}, u.Win)
}
