package gui

// More of the Instellingen page: the invoice number series (read only), the
// ledger accounts of the payroll journal, the invoice logo, and the active
// values of the current year's parameter pack with their sources.

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"verloner/app"
	"verloner/domain"
	"verloner/domain/invoice"
	"verloner/domain/params"
)

// settingsMore is the part of Instellingen below the agency form.
func (u *UI) settingsMore(d *settingsData) fyne.CanvasObject {
	return container.NewVBox(u.seriesSection(d), u.ledgerSection(d), u.logoSection(d))
}

// seriesSection lists the invoice number series with their counters. The
// numbers are taken at issue, gap-free, so there is nothing to edit.
func (u *UI) seriesSection(d *settingsData) fyne.CanvasObject {
	t := u.Tr.T
	box := container.NewVBox(title(t("series.heading")), wrapped(t("series.explain")))
	docs, err := d.docs, d.docsErr
	if err != nil {
		box.Add(widget.NewLabel("⚠ " + err.Error()))
		return box
	}
	type series struct {
		count, max int
		last       string
	}
	all := map[string]*series{}
	for _, d := range docs {
		s, n, err := invoice.ParseNumber(d.Invoice.Number)
		if err != nil {
			continue
		}
		name := fmt.Sprintf("%04d", s.Year)
		x := all[name]
		if x == nil {
			x = &series{}
			all[name] = x
		}
		x.count++
		if n > x.max {
			x.max, x.last = n, d.Invoice.Number
		}
	}
	if len(all) == 0 {
		box.Add(widget.NewLabel(t("series.none")))
		return box
	}
	names := make([]string, 0, len(all))
	for n := range all {
		names = append(names, n)
	}
	sort.Strings(names)
	g := grid()
	for _, n := range names {
		g.Add(widget.NewLabel(t("series.name", map[string]any{"Name": n})))
		g.Add(widget.NewLabel(t("series.counter", map[string]any{"Count": all[n].count, "Last": all[n].last})))
	}
	box.Add(g)
	return box
}

// ledgerSection edits the ledger account (number and name) per role of the
// payroll journal.
func (u *UI) ledgerSection(d *settingsData) fyne.CanvasObject {
	t := u.Tr.T
	box := container.NewVBox(title(t("ledger.heading")), wrapped(t("ledger.explain")))
	accs, err := d.accs, d.accsErr
	if err != nil {
		box.Add(widget.NewLabel("⚠ " + err.Error()))
		return box
	}
	status := widget.NewLabel("")
	numbers := make([]*widget.Entry, len(accs))
	names := make([]*widget.Entry, len(accs))
	g := container.New(layout.NewFormLayout())
	for i, a := range accs {
		numbers[i], names[i] = widget.NewEntry(), widget.NewEntry()
		numbers[i].SetText(a.Number)
		names[i].SetText(a.Name)
		g.Add(widget.NewLabel(a.Role))
		g.Add(container.NewBorder(nil, nil, container.NewGridWrap(fyne.NewSize(110, 36), numbers[i]), nil, names[i]))
	}
	box.Add(g)
	save := widget.NewButton(t("ledger.save"), nil)
	save.Importance = widget.HighImportance
	save.OnTapped = func() {
		var changed []app.LedgerAccount
		for i, a := range accs {
			n := app.LedgerAccount{Role: a.Role, Number: strings.TrimSpace(numbers[i].Text), Name: strings.TrimSpace(names[i].Text)}
			if n.Number == "" {
				setMessage(status, t("ledger.required", map[string]any{"Role": a.Role}), widget.DangerImportance)
				return
			}
			if n != a {
				changed = append(changed, n)
			}
		}
		if len(changed) == 0 {
			setMessage(status, t("ledger.unchanged"), widget.LowImportance)
			return
		}
		st := u.Store
		u.RunTask(t("ledger.heading"), func(ctx context.Context, progress func(int, int)) error {
			for i, a := range changed {
				if err := st.SaveLedgerAccount(ctx, a); err != nil {
					return err
				}
				progress(i+1, len(changed))
			}
			return nil
		}, func(err error) {
			if err != nil {
				setMessage(status, domain.ErrorMessage(err), widget.DangerImportance)
				return
			}
			for _, c := range changed {
				for i := range accs {
					if accs[i].Role == c.Role {
						accs[i] = c
					}
				}
			}
			setMessage(status, t("ledger.saved", map[string]any{"Count": len(changed)}), widget.SuccessImportance)
		})
	}
	box.Add(status)
	box.Add(container.NewHBox(save))
	return box
}

// logoSection shows whether the invoices carry a logo and lets the user
// choose or remove one.
func (u *UI) logoSection(d *settingsData) fyne.CanvasObject {
	t := u.Tr.T
	state := widget.NewLabel("")
	show := func(l *app.Logo, err error) {
		switch {
		case err != nil:
			setMessage(state, "⚠ "+err.Error(), widget.DangerImportance)
		case l == nil:
			setMessage(state, t("logo.none"), widget.MediumImportance)
		default:
			setMessage(state, t("logo.set", map[string]any{"Type": strings.ToUpper(l.Type), "KB": (len(l.Data) + 1023) / 1024}), widget.MediumImportance)
		}
	}
	show(d.logo, d.logoErr)
	// After a change the logo is read again; it is one small row.
	refresh := func() { show(u.Store.InvoiceLogo(context.Background())) }
	done := func(err error) {
		if err != nil {
			dialog.ShowError(errors.New(domain.ErrorMessage(err)), u.Win)
		}
		refresh()
	}
	choose := widget.NewButton(t("logo.choose"), func() {
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
			u.SetInvoiceLogoFile(path, done)
		}, u.Win)
		d.SetFilter(storage.NewExtensionFileFilter([]string{".png", ".jpg", ".jpeg"}))
		d.Resize(fyne.NewSize(900, 600))
		d.Show()
	})
	remove := widget.NewButton(t("logo.remove"), func() { u.saveLogo(nil, done) })
	return container.NewVBox(title(t("logo.heading")), wrapped(t("logo.explain")), state, container.NewHBox(choose, remove))
}

// SetInvoiceLogoFile reads an image file and stores it as the invoice logo,
// what "Logo kiezen…" does after the file dialog; done (may be nil) gets the
// error on the UI goroutine. The store refuses files over 2 MB and anything
// but PNG or JPEG.
func (u *UI) SetInvoiceLogoFile(path string, done func(error)) {
	typ := strings.TrimPrefix(strings.ToLower(filepath.Ext(path)), ".")
	if fi, err := os.Stat(path); err == nil && fi.Size() > 2<<20 {
		if done != nil {
			done(errors.New(u.Tr.T("logo.toobig")))
		}
		return
	}
	data, err := os.ReadFile(path)
	if err != nil {
		if done != nil {
			done(err)
		}
		return
	}
	u.saveLogo(&app.Logo{Data: data, Type: typ}, done)
}

func (u *UI) saveLogo(l *app.Logo, done func(error)) {
	st := u.Store
	u.RunTask(u.Tr.T("logo.heading"), func(ctx context.Context, _ func(int, int)) error {
		return st.SaveInvoiceLogo(ctx, l)
	}, func(err error) {
		if done != nil {
			done(err)
		}
	})
}

// packValuesSection shows, for the pack of the current year, a few key
// values with the date they apply from and the source they cite.
func (u *UI) packValuesSection(d *settingsData) fyne.CanvasObject {
	t := u.Tr.T
	year := u.Now().Year()
	box := container.NewVBox(title(t("packvals.heading", map[string]any{"Year": year})))
	set := d.set
	var p *params.Pack
	err := errors.New(t("packvals.none"))
	if set != nil {
		p, err = set.Year(year)
	}
	if err != nil {
		box.Add(widget.NewLabel("⚠ " + domain.ErrorMessage(err)))
		return box
	}
	box.Add(wrapped(t("packvals.explain", map[string]any{"Reference": p.Reference()})))
	add := func(key, value string, m params.Meta) {
		head := widget.NewLabel(t(key) + ": " + value + "   (" + t("packvals.from", map[string]any{"Date": fmtDate(m.ValidFrom.Time)}) + ")")
		head.TextStyle = fyne.TextStyle{Bold: true}
		src := wrapped(t("packvals.source") + ": " + m.Source)
		src.Importance = widget.LowImportance
		box.Add(container.NewVBox(head, src))
	}
	b := p.Box1(params.AOWNone)
	rates := make([]string, len(b.Brackets))
	for i, br := range b.Brackets {
		rates[i] = pctNL(br.Rate)
	}
	add("packvals.box1", strings.Join(rates, " / "), b.Meta)
	gc := p.GeneralCredit(params.AOWNone)
	add("packvals.ahk", domain.FormatEuro(gc.Max), gc.Meta)
	lc := p.LabourCredit(params.AOWNone)
	add("packvals.ak", domain.FormatEuro(lc.M3), lc.Meta)
	for _, mw := range p.MinimumWages() {
		add("packvals.wml", domain.FormatEuro(mw.Hourly["21"])+" "+t("packvals.perhour")+" ("+fmtDate(mw.ValidFrom.Time)+")", mw.Meta)
	}
	pr := p.Premiums()
	add("packvals.awf", pctNL(pr.AWf.Low)+" / "+pctNL(pr.AWf.High), pr.AWf.Meta)
	add("packvals.zvw", pctNL(pr.Zvw.EmployerRate), pr.Zvw.Meta)
	sp := p.StiPP()
	var parts []string
	for _, s := range sp.Schemes {
		parts = append(parts, t("packvals.stippscheme", map[string]any{"Name": s.Name, "Employee": pctNL(s.Employee), "Employer": pctNL(s.Employer)}))
	}
	add("packvals.stipp", strings.Join(parts, "; "), sp.Meta)
	return box
}

// pctNL prints a published percentage with at least two decimals: 35,75 %.
func pctNL(p params.Percent) string {
	places := -p.Decimal.Exponent()
	if places < 2 {
		places = 2
	}
	return domain.FormatDecimalNL(p.Decimal.Round(places), places) + " %"
}

// wrapped is a word-wrapping label.
//
// The lines are broken here, at wrapColumns characters, instead of by Fyne:
// a word-wrapped label is measured again on every layout, and the dozen
// long source texts of Instellingen took 300–500 ms of the UI goroutine
// whenever the page was laid out (measured with verloner --ui-walk).
func wrapped(s string) *widget.Label {
	return widget.NewLabel(breakLines(s, wrapColumns))
}

// wrapColumns fits the settings page at its narrowest usable width.
const wrapColumns = 110

// breakLines breaks s at spaces so that no line is longer than width
// characters (a longer word stands on a line of its own). Existing line
// breaks stay.
func breakLines(s string, width int) string {
	var b strings.Builder
	for i, para := range strings.Split(s, "\n") {
		if i > 0 {
			b.WriteByte('\n')
		}
		n := 0
		for j, word := range strings.Fields(para) {
			w := len([]rune(word))
			if j > 0 {
				if n+1+w > width {
					b.WriteByte('\n')
					n = 0
				} else {
					b.WriteByte(' ')
					n++
				}
			}
			b.WriteString(word)
			n += w
		}
	}
	return b.String()
}
