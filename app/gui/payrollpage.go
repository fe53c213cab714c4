package gui

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"verloner/app"
	"verloner/app/payrun"
	"verloner/domain"
	"verloner/exporters/payslip"
)

// payrollPage is the Verloning page: proof run → approve → finalise (with
// confirmation), the payslips of the run with their blockers, open one
// payslip, export the run's files; all long work with progress and cancel.
func (u *UI) payrollPage(s *Snapshot) fyne.CanvasObject {
	t := u.Tr.T
	r := s.Run
	head := title(t("payroll.title", map[string]any{"Period": s.Period.String()}))

	proof := widget.NewButton(t("payroll.proof"), func() { u.runPayroll("proof", s) })
	approve := widget.NewButton(t("payroll.approve"), func() { u.runPayroll("approve", s) })
	final := widget.NewButton(t("payroll.final"), func() {
		dialog.ShowConfirm(t("payroll.final"), t("payroll.final.confirm", map[string]any{"Period": s.Period.String()}),
			func(ok bool) {
				if ok {
					u.runPayroll("final", s)
				}
			}, u.Win)
	})
	correct := widget.NewButton(t("payroll.correct"), func() { u.runPayroll("correct", s) })
	export := widget.NewButton(t("payroll.export"), func() { u.exportRun(r) })
	approve.Disable()
	final.Disable()
	correct.Disable()
	export.Disable()
	status := t("payroll.none")
	if r != nil {
		export.Enable()
		switch r.Status {
		case app.RunProof:
			approve.Enable()
			status = t("payroll.status.proof", map[string]any{"When": r.CreatedAt.In(amsterdam()).Format("02-01-2006 15:04")})
		case app.RunApproved:
			proof.Disable()
			final.Enable()
			status = t("payroll.status.approved", map[string]any{"When": r.ApprovedAt.In(amsterdam()).Format("02-01-2006 15:04"), "By": r.ApprovedBy})
		case app.RunFinal:
			proof.Disable()
			correct.Enable()
			status = t("payroll.status.final", map[string]any{"When": r.FinalisedAt.In(amsterdam()).Format("02-01-2006 15:04"), "Seq": r.Seq})
		}
		if r.Kind == app.RunCorrection {
			status += " — " + t("payroll.correction")
		}
	}
	proof.Importance = widget.HighImportance
	bar := container.NewHBox(proof, approve, final, correct, export, u.wageRecordsButton(s), u.payoutsButton())
	statusLabel := widget.NewLabel(status)
	if r == nil {
		intro := widget.NewLabel(t("payroll.intro"))
		intro.Wrapping = fyne.TextWrapWord
		return container.NewVBox(head, bar, statusLabel, intro)
	}
	totals := widget.NewLabel(t("payroll.totals", map[string]any{"Workers": r.Workers, "Gross": domain.FormatEuro(r.Gross),
		"Tax": domain.FormatEuro(r.WageTax), "Net": domain.FormatEuro(r.Net), "Costs": domain.FormatEuro(r.WageCost)}))

	table := NewDataTable([]string{t("col.number"), t("col.name"), t("col.gross"), t("col.tax"), t("col.net"), t("col.wagecost"), t("col.blockers")},
		[]float32{70, 230, 120, 120, 120, 120, 360}, t("md.search"), u.countText)
	table.Fill(len(r.Payslips), func() ([][]string, []string) {
		rows := make([][]string, 0, len(r.Payslips))
		keys := make([]string, 0, len(r.Payslips))
		for i, p := range r.Payslips {
			var rules []string
			for _, f := range p.Blockers {
				rules = append(rules, f.Rule)
			}
			rows = append(rows, []string{p.WorkerNumber, p.WorkerName, domain.FormatEuro(p.Slip.Gross), domain.FormatEuro(p.Slip.WageTax),
				domain.FormatEuro(p.Slip.Net), domain.FormatEuro(p.Slip.WageCost), strings.Join(rules, ", ")})
			keys = append(keys, strconv.Itoa(i))
		}
		return rows, keys
	})
	openSlip := widget.NewButton(t("payroll.open"), nil)
	openSlip.Disable()
	table.OnSelect = func(_ []string, key string) {
		i, _ := strconv.Atoi(key)
		openSlip.OnTapped = func() { u.openPayslip(r, r.Payslips[i].WorkerID) }
		openSlip.Enable()
	}

	left := container.NewVBox()
	if len(r.LeftOut) > 0 {
		left.Add(title(t("payroll.leftout", map[string]any{"N": len(r.LeftOut)})))
		lang := u.Tr.Language()
		for _, l := range r.LeftOut {
			left.Add(widget.NewLabel(fmt.Sprintf("• %s %s — %s", l.Number, l.Name, l.Message.In(lang))))
		}
	}
	top := container.NewVBox(head, bar, statusLabel, totals, table.Toolbar())
	bottom := container.NewVBox(container.NewHBox(openSlip), container.NewVScroll(left))
	if len(r.LeftOut) > 0 {
		bottom.Objects[1].(*container.Scroll).SetMinSize(fyne.NewSize(100, 160))
	}
	return container.NewBorder(top, bottom, nil, nil, table.Table)
}

// runPayroll performs one lifecycle step off the UI goroutine with progress and cancel.
func (u *UI) runPayroll(step string, s *Snapshot) {
	st, period := u.Store, s.Period
	opt := payrun.Options{Params: u.Params, Now: u.Now}
	u.RunTask(u.Tr.T("payroll.running."+step), func(ctx context.Context, progress func(int, int)) error {
		var err error
		switch step {
		case "proof":
			_, err = payrun.Proof(ctx, st, period, opt, progress)
		case "approve":
			_, err = payrun.Approve(ctx, st, period, opt)
		case "final":
			_, err = payrun.Finalise(ctx, st, period, opt, progress)
		case "correct":
			_, err = payrun.Correct(ctx, st, period, opt, progress)
		}
		return err
	}, func(err error) {
		if errors.Is(err, context.Canceled) {
			return
		}
		var blocked *payrun.BlockedError
		if errors.As(err, &blocked) {
			dialog.ShowError(errors.New(u.Tr.T("payroll.blocked")+"\n\n"+blocked.Error()), u.Win)
		} else if err != nil {
			dialog.ShowError(errors.New(domain.ErrorMessage(err)+"\n"+err.Error()), u.Win)
		}
		u.current = PagePayroll
		u.LoadAsync(context.Background())
	})
}

// openPayslip renders one worker's payslip of the run and opens it with the
// system viewer (a 0600 file in a private temporary folder).
func (u *UI) openPayslip(r *app.PayrollRun, workerID int64) {
	st := u.Store
	var path string
	u.RunTask(u.Tr.T("payroll.rendering"), func(ctx context.Context, _ func(int, int)) error {
		docs, err := payrun.Documents(ctx, st, r, payrun.DocOptions{Params: u.Params})
		if err != nil {
			return err
		}
		for _, d := range docs {
			if d.Worker == nil || d.Worker.ID != workerID {
				continue
			}
			pdf, err := payslip.Render(d)
			if err != nil {
				return err
			}
			dir, err := os.MkdirTemp("", "verloner-")
			if err != nil {
				return err
			}
			path = filepath.Join(dir, payslip.FileName(d))
			return writePrivate(path, pdf)
		}
		return fmt.Errorf("geen loonstrook voor uitzendkracht %d in deze run", workerID)
	}, func(err error) {
		if err != nil {
			dialog.ShowError(err, u.Win)
			return
		}
		u.showExported(path)
	})
}

// exportRun writes the run's payslips, combined PDF, journal and (final) SEPA
// file into a folder the user picks.
func (u *UI) exportRun(r *app.PayrollRun) {
	dialog.ShowFolderOpen(func(dir fyne.ListableURI, err error) {
		if err != nil {
			dialog.ShowError(err, u.Win)
			return
		}
		if dir == nil {
			return
		}
		st := u.Store
		var files *payrun.Files
		u.RunTask(u.Tr.T("export.running"), func(ctx context.Context, progress func(int, int)) error {
			var err error
			files, err = payrun.WriteFiles(ctx, st, r, dir.Path(), payrun.FileOptions{Docs: payrun.DocOptions{Params: u.Params}, Lang: u.Tr.Language()}, progress)
			return err
		}, func(err error) {
			if errors.Is(err, context.Canceled) {
				return
			}
			if err != nil {
				dialog.ShowError(err, u.Win)
				return
			}
			u.showExported(files.Combined)
		})
	}, u.Win)
}
