package gui

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"verloner/app/checking"
	"verloner/domain/checks"
	"verloner/exporters/checklist"
)

// Severity filter choices of the Controle page.
const (
	filterAll       = "all"
	filterBlockers  = "blockers"
	filterWarnings  = "warnings"
	filterConfirmed = "confirmed"
)

// checkPage is the Controle page: run the checklist of the period (with
// progress and cancel), filter and search its findings, read the hint, confirm
// a warning, jump to the record to fix, and export XLSX/PDF.
func (u *UI) checkPage(s *Snapshot) fyne.CanvasObject {
	t := u.Tr.T
	lang := u.Tr.Language()
	head := title(t("check.title", map[string]any{"Period": s.Period.String()}))
	runBtn := widget.NewButton(t("check.run"), func() { u.runChecklist(s) })
	runBtn.Importance = widget.HighImportance
	cl := s.Checklist
	if cl == nil {
		intro := widget.NewLabel(t("check.never"))
		intro.Wrapping = fyne.TextWrapWord
		return container.NewVBox(head, intro, container.NewHBox(runBtn))
	}

	c := cl.Counts()
	summary := widget.NewLabel(t("check.summary", map[string]any{"When": cl.CreatedAt.In(amsterdam()).Format("02-01-2006 15:04"),
		"Blockers": c.Blockers, "Warnings": c.Warnings, "Confirmed": c.Confirmed}))
	var blocked []string
	for _, g := range []checks.Gate{checks.GatePayroll, checks.GateAdvance, checks.GatePayment, checks.GateInvoice, checks.GateDeduction, checks.GateET} {
		if cl.Blocks(g) {
			blocked = append(blocked, g.Label(lang))
		}
	}
	gates := widget.NewLabel(t("check.gates.none"))
	if len(blocked) > 0 {
		gates.SetText(t("check.gates", map[string]any{"Gates": strings.Join(blocked, ", ")}))
		gates.Importance = widget.DangerImportance
	}

	table := NewDataTable([]string{t("col.severity"), t("col.rule"), t("col.hirer"), t("col.worker"), t("col.date"), t("col.message")},
		[]float32{120, 130, 200, 210, 100, 620}, t("md.search"), u.countText)
	detail := widget.NewLabel(t("check.pick"))
	detail.Wrapping = fyne.TextWrapWord
	confirmBtn := widget.NewButton(t("check.confirm"), nil)
	confirmBtn.Disable()
	openBtn := widget.NewButton(t("check.open"), nil)
	openBtn.Disable()

	filter := widget.NewSelect([]string{t("check.filter.all"), t("check.filter.blockers"), t("check.filter.warnings"), t("check.filter.confirmed")}, nil)
	filterKey := map[string]string{t("check.filter.all"): filterAll, t("check.filter.blockers"): filterBlockers,
		t("check.filter.warnings"): filterWarnings, t("check.filter.confirmed"): filterConfirmed}
	fill := func(which string) {
		var rows [][]string
		var keys []string
		for i := range cl.Findings {
			f := &cl.Findings[i]
			if !findingShown(f, which) {
				continue
			}
			hirer, worker, date := "", "", ""
			if f.HirerID != 0 {
				hirer = cl.Hirer(f.HirerID).Name
			}
			if f.WorkerID != 0 {
				w := cl.Worker(f.WorkerID)
				worker = w.Number + " " + w.Name
			}
			if !f.Date.IsZero() {
				date = fmtDate(f.Date)
			}
			sev := f.Severity.Label(lang)
			if f.Confirmed {
				sev += " ✓"
			}
			rows = append(rows, []string{sev, f.Rule, hirer, worker, date, f.Message.In(lang)})
			keys = append(keys, strconv.Itoa(i))
		}
		table.SetKeyedRows(rows, keys)
	}
	filter.OnChanged = func(v string) { fill(filterKey[v]) }
	filter.SetSelected(t("check.filter.all"))

	table.OnSelect = func(_ []string, key string) {
		i, err := strconv.Atoi(key)
		if err != nil || i < 0 || i >= len(cl.Findings) {
			return
		}
		f := cl.Findings[i]
		text := f.Message.In(lang)
		if h := f.Hint.In(lang); h != "" {
			text += "\n" + t("check.hint") + " " + h
		}
		if f.Confirmed {
			text += "\n" + t("check.confirmed", map[string]any{"Note": f.Note})
		}
		detail.SetText(text)
		confirmBtn.OnTapped = func() { u.confirmFinding(s, f) }
		if f.Severity == checks.Warning && !f.Confirmed {
			confirmBtn.Enable()
		} else {
			confirmBtn.Disable()
		}
		query := ""
		if f.WorkerID != 0 {
			query = cl.Worker(f.WorkerID).Number
		} else if f.HirerID != 0 {
			query = cl.Hirer(f.HirerID).Number
		}
		openBtn.OnTapped = func() { u.ShowMasterData(f.WorkerID == 0 && f.HirerID != 0, query) }
		if query != "" {
			openBtn.Enable()
		} else {
			openBtn.Disable()
		}
	}

	exportXLSX := widget.NewButton(t("check.export.xlsx"), func() { u.exportChecklist(cl, "xlsx") })
	exportPDF := widget.NewButton(t("check.export.pdf"), func() { u.exportChecklist(cl, "pdf") })
	top := container.NewVBox(head, container.NewHBox(runBtn, exportXLSX, exportPDF), summary, gates,
		container.NewBorder(nil, nil, container.NewGridWrap(fyne.NewSize(230, filter.MinSize().Height), filter), nil, table.Toolbar()))
	bottom := container.NewVBox(widget.NewSeparator(), detail, container.NewHBox(confirmBtn, openBtn))
	return container.NewBorder(top, bottom, nil, nil, table.Table)
}

func findingShown(f *checks.Finding, which string) bool {
	switch which {
	case filterBlockers:
		return f.Severity == checks.Blocker
	case filterWarnings:
		return f.Severity == checks.Warning && !f.Confirmed
	case filterConfirmed:
		return f.Confirmed
	}
	return true
}

// runChecklist runs the rules over the period off the UI goroutine and shows the result.
func (u *UI) runChecklist(s *Snapshot) {
	st := u.Store
	period := s.Period
	opt := checking.Options{Params: u.Params, Now: u.Now}
	u.RunTask(u.Tr.T("check.running"), func(ctx context.Context, progress func(int, int)) error {
		_, err := checking.RunWith(ctx, st, period, opt, progress)
		return err
	}, func(err error) {
		if errors.Is(err, context.Canceled) {
			return
		}
		if err != nil {
			dialog.ShowError(err, u.Win)
			return
		}
		u.current = PageCheck
		u.LoadAsync(context.Background())
	})
}

// confirmFinding asks for a note and records the confirmation of a warning.
func (u *UI) confirmFinding(s *Snapshot, f checks.Finding) {
	note := widget.NewEntry()
	note.SetPlaceHolder(u.Tr.T("check.note"))
	dialog.ShowForm(u.Tr.T("check.confirm"), u.Tr.T("check.confirm"), u.Tr.T("task.cancel"),
		[]*widget.FormItem{widget.NewFormItem(u.Tr.T("check.note"), note)}, func(ok bool) {
			if !ok {
				return
			}
			if err := checking.Confirm(context.Background(), u.Store, s.Period, f, note.Text, ""); err != nil {
				dialog.ShowError(err, u.Win)
				return
			}
			u.runChecklist(s)
		}, u.Win)
}

// exportChecklist writes the checklist as XLSX or PDF into a folder the user picks.
func (u *UI) exportChecklist(cl *checks.Checklist, kind string) {
	opt := checklist.Options{Lang: u.Tr.Language()}
	u.exportToFolder(checklist.FileName(cl, opt), kind,
		func() ([]byte, error) { return checklist.PDF(cl, opt) },
		func(w io.Writer) error { return checklist.WriteXLSX(w, cl, opt) })
}

// exportToFolder asks for a folder and writes one document there as PDF or
// XLSX (kind "pdf" or "xlsx"), named like name with that extension, off the
// UI goroutine; then offers to open it.
func (u *UI) exportToFolder(name, kind string, pdf func() ([]byte, error), xlsx func(io.Writer) error) {
	dialog.ShowFolderOpen(func(dir fyne.ListableURI, err error) {
		if err != nil || dir == nil {
			if err != nil {
				dialog.ShowError(err, u.Win)
			}
			return
		}
		path := filepath.Join(dir.Path(), strings.TrimSuffix(name, filepath.Ext(name))+"."+kind)
		u.RunTask(u.Tr.T("export.running"), func(ctx context.Context, _ func(int, int)) error {
			var data []byte
			if kind == "pdf" {
				b, err := pdf()
				if err != nil {
					return err
				}
				data = b
			} else {
				var buf bytes.Buffer
				if err := xlsx(&buf); err != nil {
					return err
				}
				data = buf.Bytes()
			}
			return writePrivate(path, data)
		}, func(err error) {
			if err != nil {
				dialog.ShowError(err, u.Win)
				return
			}
			u.showExported(path)
		})
	}, u.Win)
}

// writePrivate writes an export 0600: it may hold names, BSNs and wages.
func writePrivate(path string, data []byte) error {
	if err := os.WriteFile(path, data, 0o600); err != nil {
		return fmt.Errorf("export %s: %w", path, err)
	}
	return os.Chmod(path, 0o600)
}

// showExported tells where a file went and offers to open it with the system viewer.
func (u *UI) showExported(path string) {
	open := widget.NewButton(u.Tr.T("export.open"), func() {
		if err := u.App.OpenURL(&url.URL{Scheme: "file", Path: filepath.ToSlash(path)}); err != nil {
			dialog.ShowError(err, u.Win)
		}
	})
	dialog.ShowCustom(u.Tr.T("export.done"), "OK", container.NewVBox(widget.NewLabel(path), open), u.Win)
}

var amsterdamLoc *time.Location

// amsterdam is the agency's wall clock for timestamps shown to users.
func amsterdam() *time.Location {
	if amsterdamLoc == nil {
		loc, err := time.LoadLocation("Europe/Amsterdam")
		if err != nil {
			loc = time.Local
		}
		amsterdamLoc = loc
	}
	return amsterdamLoc
}
