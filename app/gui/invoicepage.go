package gui

import (
	"context"
	"errors"
	"os"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"verloner/app"
	"verloner/app/invoicing"
	"verloner/domain"
	"verloner/domain/invoice"
)

// invoiceState keeps the drafts the user made on the Facturen page.
type invoiceState struct {
	period string
	drafts *invoicing.DraftSet
}

// invoicesPage is the Facturen page: make drafts from the approved hours,
// issue them (numbers assigned in one transaction), list the period's issued
// invoices, open a PDF, credit an invoice, export everything.
func (u *UI) invoicesPage(s *Snapshot) fyne.CanvasObject {
	t := u.Tr.T
	lang := u.Tr.Language()
	head := title(t("inv.title", map[string]any{"Period": s.Period.String()}))
	makeDrafts := widget.NewButton(t("inv.drafts"), func() { u.makeDrafts(s) })
	makeDrafts.Importance = widget.HighImportance
	issue := widget.NewButton(t("inv.issue"), func() { u.issueDrafts(s) })
	issue.Disable()
	exportAll := widget.NewButton(t("inv.export"), func() { u.exportInvoices(s.Invoices, s.Period) })
	if len(s.Invoices) == 0 {
		exportAll.Disable()
	}
	content := container.NewVBox()
	if ds := u.inv.drafts; ds != nil && u.inv.period == s.Period.String() {
		if len(ds.Drafts) > 0 {
			issue.Enable()
		}
		content.Add(widget.NewLabel(t("inv.draftsum", map[string]any{"N": len(ds.Drafts), "Net": domain.FormatEuro(ds.NetTotal),
			"VAT": domain.FormatEuro(ds.VATTotal), "Total": domain.FormatEuro(ds.Payable)})))
		if n := ds.UnapprovedTotal(); n > 0 {
			l := widget.NewLabel(t("inv.unapproved", map[string]any{"N": n}))
			l.Importance = widget.WarningImportance
			content.Add(l)
		}
		for _, p := range ds.Problems {
			l := widget.NewLabel("• " + p.Hirer + ": " + p.Message.In(lang))
			l.Importance = widget.WarningImportance
			content.Add(l)
		}
		for _, d := range ds.Drafts {
			line := t("inv.draftline", map[string]any{"Hirer": d.Hirer.Name, "Lines": len(d.Invoice.Lines),
				"Net": domain.FormatEuro(d.Invoice.NetTotal), "Total": domain.FormatEuro(d.Invoice.Payable),
				"G": domain.FormatEuro(d.Invoice.GAmount)})
			l := widget.NewLabel(line)
			if d.Credit.Warning != nil {
				l.SetText(line + " — " + d.Credit.Warning.In(lang))
				l.Importance = widget.WarningImportance
			}
			content.Add(l)
		}
	}

	table := NewDataTable([]string{t("col.invnumber"), t("col.date"), t("col.hirer"), t("col.kind"), t("col.net"), t("col.vat"),
		t("col.total"), t("col.gamount"), t("col.due")}, []float32{120, 100, 250, 90, 110, 100, 110, 100, 100}, t("md.search"), u.countText)
	var rows [][]string
	var keys []string
	for i, d := range s.Invoices {
		inv := d.Invoice
		kind := t("inv.kind.invoice")
		if inv.Type == invoice.CreditNote {
			kind = t("inv.kind.credit")
		}
		rows = append(rows, []string{inv.Number, fmtDate(inv.IssueDate), inv.Customer.Name, kind, domain.FormatEuro(inv.NetTotal),
			domain.FormatEuro(inv.VATTotal), domain.FormatEuro(inv.Payable), domain.FormatEuro(inv.GAmount), fmtDate(inv.DueDate)})
		keys = append(keys, strconv.Itoa(i))
	}
	table.SetKeyedRows(rows, keys)
	open := widget.NewButton(t("inv.open"), nil)
	credit := widget.NewButton(t("inv.credit"), nil)
	open.Disable()
	credit.Disable()
	table.OnSelect = func(_ []string, key string) {
		i, _ := strconv.Atoi(key)
		d := s.Invoices[i]
		open.OnTapped = func() { u.openInvoice(d) }
		open.Enable()
		credit.OnTapped = func() { u.creditInvoice(d) }
		if d.Invoice.Type == invoice.CreditNote {
			credit.Disable()
		} else {
			credit.Enable()
		}
	}
	top := container.NewVBox(head, container.NewHBox(makeDrafts, issue, exportAll), content,
		title(t("inv.issued", map[string]any{"N": len(s.Invoices)})), table.Toolbar())
	return container.NewBorder(top, container.NewHBox(open, credit), nil, nil, table.Table)
}

// makeDrafts builds the period's draft invoices from approved, unbilled hours.
func (u *UI) makeDrafts(s *Snapshot) {
	st, period := u.Store, s.Period
	var ds *invoicing.DraftSet
	u.RunTask(u.Tr.T("inv.making"), func(ctx context.Context, _ func(int, int)) error {
		var err error
		ds, err = invoicing.Drafts(ctx, st, period, invoicing.Options{Now: u.Now})
		return err
	}, func(err error) {
		if err != nil {
			dialog.ShowError(errors.New(domain.ErrorMessage(err)+"\n"+err.Error()), u.Win)
			return
		}
		u.inv = invoiceState{period: period.String(), drafts: ds}
		u.Show(PageInvoices)
	})
}

// issueDrafts numbers and stores the drafts after confirmation.
func (u *UI) issueDrafts(s *Snapshot) {
	ds := u.inv.drafts
	if ds == nil || len(ds.Drafts) == 0 {
		return
	}
	dialog.ShowConfirm(u.Tr.T("inv.issue"), u.Tr.T("inv.issue.confirm", map[string]any{"N": len(ds.Drafts), "Total": domain.FormatEuro(ds.Payable)}), func(ok bool) {
		if !ok {
			return
		}
		st := u.Store
		u.RunTask(u.Tr.T("inv.issuing"), func(ctx context.Context, progress func(int, int)) error {
			_, err := invoicing.Issue(ctx, st, ds.Drafts, invoicing.Options{Now: u.Now, Progress: progress})
			return err
		}, func(err error) {
			if err != nil && !errors.Is(err, context.Canceled) {
				dialog.ShowError(errors.New(domain.ErrorMessage(err)+"\n"+err.Error()), u.Win)
			}
			u.inv = invoiceState{}
			u.current = PageInvoices
			u.LoadAsync(context.Background())
		})
	}, u.Win)
}

// openInvoice renders one document's PDF into a private temp folder and offers to open it.
func (u *UI) openInvoice(d *app.InvoiceDoc) {
	st := u.Store
	var paths []string
	u.RunTask(u.Tr.T("export.running"), func(ctx context.Context, _ func(int, int)) error {
		full, err := invoicing.List(ctx, st, app.InvoiceFilter{HirerID: d.Invoice.HirerID, Period: d.Invoice.Period.String(), Lines: true, Hours: true})
		if err != nil {
			return err
		}
		var docs []*app.InvoiceDoc
		for _, f := range full {
			if f.ID == d.ID {
				docs = append(docs, f)
			}
		}
		dir, err := os.MkdirTemp("", "verloner-")
		if err != nil {
			return err
		}
		paths, err = invoicing.Export(ctx, st, docs, dir, invoicing.ExportOptions{Formats: []string{invoicing.FormatPDF}})
		return err
	}, func(err error) {
		if err != nil {
			dialog.ShowError(err, u.Win)
			return
		}
		if len(paths) > 0 {
			u.showExported(paths[0])
		}
	})
}

// creditInvoice asks for a reason and issues a full credit note.
func (u *UI) creditInvoice(d *app.InvoiceDoc) {
	reason := widget.NewEntry()
	reason.SetPlaceHolder(u.Tr.T("inv.reason"))
	dialog.ShowForm(u.Tr.T("inv.credit"), u.Tr.T("inv.credit"), u.Tr.T("task.cancel"),
		[]*widget.FormItem{widget.NewFormItem(u.Tr.T("inv.reason"), reason)}, func(ok bool) {
			if !ok {
				return
			}
			st := u.Store
			u.RunTask(u.Tr.T("inv.crediting"), func(ctx context.Context, _ func(int, int)) error {
				_, err := invoicing.Credit(ctx, st, d.Invoice.Number, nil, strings.TrimSpace(reason.Text), invoicing.Options{Now: u.Now})
				return err
			}, func(err error) {
				if err != nil {
					dialog.ShowError(errors.New(domain.ErrorMessage(err)+"\n"+err.Error()), u.Win)
				}
				u.current = PageInvoices
				u.LoadAsync(context.Background())
			})
		}, u.Win)
}

// exportInvoices writes the period's documents (PDF, XLSX, UBL and an overview) into a folder.
func (u *UI) exportInvoices(docs []*app.InvoiceDoc, period domain.Period) {
	dialog.ShowFolderOpen(func(dir fyne.ListableURI, err error) {
		if err != nil || dir == nil {
			if err != nil {
				dialog.ShowError(err, u.Win)
			}
			return
		}
		st := u.Store
		var paths []string
		u.RunTask(u.Tr.T("export.running"), func(ctx context.Context, progress func(int, int)) error {
			full, err := invoicing.List(ctx, st, app.InvoiceFilter{Period: period.String(), Lines: true, Hours: true})
			if err != nil {
				return err
			}
			paths, err = invoicing.Export(ctx, st, full, dir.Path(), invoicing.ExportOptions{Overview: "facturen-" + period.String(), Progress: progress})
			return err
		}, func(err error) {
			if err != nil && !errors.Is(err, context.Canceled) {
				dialog.ShowError(err, u.Win)
				return
			}
			if len(paths) > 0 {
				u.showExported(paths[0])
			}
		})
	}, u.Win)
}
