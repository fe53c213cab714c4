package gui

import (
	"context"
	"errors"
	"fmt"
	"image/color"
	"io"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/shopspring/decimal"

	"verloner/app/debtors"
	"verloner/domain"
)

// debtorsPage is the Debiteuren page: open items per hirer with aging
// buckets and credit-limit use, an aging chart, the reminder list, bank
// statement import (preview, then book) and XLSX/PDF export.
func (u *UI) debtorsPage(s *Snapshot) fyne.CanvasObject {
	t := u.Tr.T
	lang := u.Tr.Language()
	l := s.Debtors
	head := title(t("deb.title", map[string]any{"Date": fmtDate(l.AsOf)}))
	imp := widget.NewButton(t("deb.import"), func() { u.importStatement() })
	imp.Importance = widget.HighImportance
	xlsx := widget.NewButton(t("check.export.xlsx"), func() { u.exportDebtors(l, "xlsx") })
	pdf := widget.NewButton(t("check.export.pdf"), func() { u.exportDebtors(l, "pdf") })
	summary := widget.NewLabel(t("deb.summary", map[string]any{"Open": domain.FormatEuro(l.Open), "G": domain.FormatEuro(l.OpenG),
		"Unallocated": domain.FormatEuro(l.UnallocatedTotal), "N": len(l.Unallocated)}))

	headers := []string{t("col.number"), t("col.hirer"), t("deb.open")}
	for b := debtors.NotDue; b <= debtors.Over90; b++ {
		headers = append(headers, b.Label(lang))
	}
	headers = append(headers, t("col.gamount"), t("col.limit"), t("deb.used"))
	table := NewDataTable(headers, []float32{70, 230, 110, 110, 100, 100, 100, 100, 100, 110, 80}, t("md.search"), u.countText)
	var rows [][]string
	for _, h := range l.Hirers {
		r := []string{h.Number, h.Name, domain.FormatEuro(h.Open)}
		for _, v := range h.Buckets {
			r = append(r, domain.FormatEuro(v))
		}
		used := ""
		if h.CreditLimit.IsPositive() {
			used = h.LimitUsed.String() + " %"
			if h.OverLimit {
				used += " ⚠"
			}
		}
		r = append(r, domain.FormatEuro(h.OpenG), domain.FormatEuro(h.CreditLimit), used)
		rows = append(rows, r)
	}
	table.SetRows(rows)

	reminders := container.NewVBox(title(t("deb.reminders", map[string]any{"N": len(l.Reminders())})))
	for _, r := range l.Reminders() {
		reminders.Add(widget.NewLabel(fmt.Sprintf("• %s %s — %s, %s", r.Number, r.Name, domain.FormatEuro(r.Total), r.Text.In(lang))))
	}
	top := container.NewVBox(head, container.NewHBox(imp, xlsx, pdf), summary, u.agingChart(l), table.Toolbar())
	return container.NewBorder(top, reminders, nil, nil, table.Table)
}

// agingChart draws the open amount per aging bucket as horizontal bars.
func (u *UI) agingChart(l *debtors.Ledger) fyne.CanvasObject {
	max := decimal.Zero
	for _, v := range l.Buckets {
		if v.GreaterThan(max) {
			max = v
		}
	}
	colors := []color.Color{color.NRGBA{0x4c, 0xaf, 0x50, 0xff}, color.NRGBA{0x8b, 0xc3, 0x4a, 0xff},
		color.NRGBA{0xff, 0xc1, 0x07, 0xff}, color.NRGBA{0xff, 0x98, 0x00, 0xff}, color.NRGBA{0xf4, 0x43, 0x36, 0xff}}
	grid := container.NewVBox()
	const full = 420
	for i, v := range l.Buckets {
		w := float32(0)
		if max.IsPositive() && v.IsPositive() {
			w = float32(v.Div(max).InexactFloat64() * full) // drawing only, never money arithmetic
		}
		bar := canvas.NewRectangle(colors[i%len(colors)])
		bar.SetMinSize(fyne.NewSize(w, theme.TextSize()))
		label := widget.NewLabel(debtors.Bucket(i).Label(u.Tr.Language()))
		amount := widget.NewLabel(domain.FormatEuro(v))
		grid.Add(container.NewBorder(nil, nil, container.NewGridWrap(fyne.NewSize(130, label.MinSize().Height), label), nil,
			container.NewHBox(container.NewCenter(bar), amount)))
	}
	return grid
}

// importStatement previews a bank statement (CAMT.053 or a bank's CSV), shows
// what would be booked and books it after confirmation.
func (u *UI) importStatement() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			if err != nil {
				dialog.ShowError(err, u.Win)
			}
			return
		}
		path := r.URI().Path()
		r.Close()
		st := u.Store
		var data []byte
		var imp *debtors.Import
		u.RunTask(u.Tr.T("deb.reading"), func(ctx context.Context, _ func(int, int)) error {
			var err error
			if data, err = os.ReadFile(path); err != nil {
				return err
			}
			imp, err = debtors.Preview(ctx, st, data, filepath.Base(path), debtors.Options{Now: u.Now})
			return err
		}, func(err error) {
			if err != nil {
				dialog.ShowError(errors.New(domain.ErrorMessage(err)+"\n"+err.Error()), u.Win)
				return
			}
			u.confirmStatement(imp, data)
		})
	}, u.Win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".xml", ".csv", ".txt"}))
	d.Resize(fyne.NewSize(900, 600))
	d.Show()
}

// confirmStatement lists the statement's entries with a book/skip choice each.
func (u *UI) confirmStatement(imp *debtors.Import, data []byte) {
	lang := u.Tr.Language()
	list := container.NewVBox(widget.NewLabel(imp.Summary().In(lang)))
	for _, m := range imp.Matches {
		m := m
		text := fmt.Sprintf("%s  %s  %s — %s", fmtDate(m.Entry.BookingDate), domain.FormatEuro(m.Entry.Amount), m.Entry.CounterName, m.Message.In(lang))
		if !m.Book {
			list.Add(widget.NewLabel("  " + text))
			continue
		}
		c := widget.NewCheck(text, func(on bool) { m.Book = on })
		c.SetChecked(true)
		list.Add(c)
	}
	scroll := container.NewVScroll(list)
	scroll.SetMinSize(fyne.NewSize(860, 420))
	dialog.ShowCustomConfirm(u.Tr.T("deb.import"), u.Tr.T("deb.book"), u.Tr.T("task.cancel"), scroll, func(ok bool) {
		if !ok {
			return
		}
		st := u.Store
		var n int
		u.RunTask(u.Tr.T("deb.booking"), func(ctx context.Context, _ func(int, int)) error {
			var err error
			n, err = debtors.Commit(ctx, st, imp, data)
			return err
		}, func(err error) {
			if err != nil {
				dialog.ShowError(errors.New(domain.ErrorMessage(err)+"\n"+err.Error()), u.Win)
				return
			}
			dialog.ShowInformation(u.Tr.T("deb.import"), u.Tr.T("deb.booked", map[string]any{"N": n}), u.Win)
			u.current = PageDebtors
			u.LoadAsync(context.Background())
		})
	}, u.Win)
}

// exportDebtors writes the debtor list as XLSX or PDF into a folder the user picks.
func (u *UI) exportDebtors(l *debtors.Ledger, kind string) {
	opt := debtors.ExportOptions{Lang: u.Tr.Language(), Agency: u.Snapshot().Agency.Name}
	u.exportToFolder(debtors.FileName(l, opt), kind,
		func() ([]byte, error) { return debtors.PDF(l, opt) },
		func(w io.Writer) error { return debtors.WriteXLSX(w, l, opt) })
}
