package gui

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"verloner/app/importing"
	"verloner/domain"
	"verloner/importers"
)

// importState is the Import page's file in preview, kept across page redraws.
type importState struct {
	kind     string // importers.KindHours or importers.KindMaster
	file     string
	data     []byte
	hirer    string
	adjusted *importers.Template
	hours    *importing.HourPreview
	master   *importing.MasterPreview
	opening  *importing.OpeningPreview
	filter   string
}

// Import kinds shown in the kind selector.
const (
	importHours   = "hours"
	importMaster  = "master"
	importOpening = "opening" // opening balances of the year of the page's period
)

func (u *UI) importPage(s *Snapshot) fyne.CanvasObject {
	t := u.Tr.T
	st := &u.imp
	if st.kind == "" {
		st.kind = importHours
	}
	openingLabel := t("import.kind.opening", map[string]any{"Year": s.Period.PayDate().Year()})
	kinds := map[string]string{t("import.kind.hours"): importHours, t("import.kind.master"): importMaster, openingLabel: importOpening}
	kind := widget.NewSelect([]string{t("import.kind.hours"), t("import.kind.master"), openingLabel}, nil)
	for label, k := range kinds {
		if k == st.kind {
			kind.SetSelected(label)
		}
	}
	kind.OnChanged = func(v string) { st.kind = kinds[v] }

	hirerOpts := []string{t("import.hirer.auto")}
	for _, h := range s.Hirers {
		hirerOpts = append(hirerOpts, h.Number+" "+h.Name)
	}
	hirer := widget.NewSelect(hirerOpts, nil)
	hirer.SetSelected(hirerOpts[0])
	for _, o := range hirerOpts[1:] {
		if st.hirer != "" && strings.HasPrefix(o, st.hirer+" ") {
			hirer.SetSelected(o)
		}
	}
	hirer.OnChanged = func(v string) {
		st.hirer = ""
		if v != hirerOpts[0] {
			st.hirer, _, _ = strings.Cut(v, " ")
		}
	}
	pick := widget.NewButton(t("import.pick"), func() { u.pickImportFile() })
	pick.Importance = widget.HighImportance
	bar := container.NewHBox(widget.NewLabel(t("import.kind")), kind, widget.NewLabel(t("col.hirer")),
		container.NewGridWrap(fyne.NewSize(300, hirer.MinSize().Height), hirer), pick)
	head := container.NewVBox(title(t("import.heading", map[string]any{"Period": s.Period.String()})), bar,
		widget.NewLabel(t("import.drop")))

	if st.hours == nil && st.master == nil && st.opening == nil {
		return container.NewBorder(head, nil, nil, nil, u.hoursSummary(s))
	}
	return container.NewBorder(head, nil, nil, nil, u.previewView())
}

// hoursSummary is the table of hours already in the administration per hirer.
func (u *UI) hoursSummary(s *Snapshot) fyne.CanvasObject {
	per, all := s.HourTotalsByHirer()
	var rows [][]string
	for id, t := range per {
		h := s.HirerByID[id]
		rows = append(rows, []string{h.Number, h.Name, strconv.Itoa(t.Lines), domain.FormatDecimalNL(t.Hours, 2),
			domain.FormatDecimalNL(t.Km, 0), strconv.Itoa(len(t.Workers))})
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i][0] < rows[j][0] })
	if all.Lines > 0 {
		rows = append(rows, []string{"", u.Tr.T("import.total"), strconv.Itoa(all.Lines), domain.FormatDecimalNL(all.Hours, 2),
			domain.FormatDecimalNL(all.Km, 0), strconv.Itoa(len(all.Workers))})
	}
	tb := NewDataTable([]string{u.Tr.T("col.number"), u.Tr.T("col.hirer"), u.Tr.T("col.lines"), u.Tr.T("col.hours"),
		u.Tr.T("col.km"), u.Tr.T("md.workers")}, []float32{80, 320, 90, 110, 90, 130}, "", nil)
	tb.SetRows(rows)
	return container.NewBorder(title(u.Tr.T("import.title", map[string]any{"Period": u.Snapshot().Period.String()})), nil, nil, nil, tb.Table)
}

// pickImportFile opens the file dialog for an hour sheet or placement list.
func (u *UI) pickImportFile() {
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
		u.PreviewImport(path)
	}, u.Win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".xlsx", ".csv", ".txt", ".xml", ".xls"}))
	d.Resize(fyne.NewSize(900, 600))
	d.Show()
}

// PreviewImport reads a file (off the UI goroutine, with progress and cancel)
// and shows what importing it would do. Nothing is written.
func (u *UI) PreviewImport(path string) {
	st := &u.imp
	kind, hirer, adjusted := st.kind, st.hirer, st.adjusted
	if st.file != path {
		adjusted = nil
	}
	svc := importing.New(u.Store)
	var hours *importing.HourPreview
	var master *importing.MasterPreview
	var opening *importing.OpeningPreview
	var data []byte
	year := u.Now().Year()
	if s := u.Snapshot(); s != nil {
		year = s.Period.PayDate().Year()
	}
	u.RunTask(u.Tr.T("import.reading", map[string]any{"File": filepath.Base(path)}), func(ctx context.Context, progress func(int, int)) error {
		var err error
		if data, err = importing.ReadFile(path); err != nil {
			return err
		}
		opt := importing.Options{Hirer: hirer, Adjusted: adjusted, Progress: progress}
		switch kind {
		case importMaster:
			master, err = svc.PreviewPlacements(ctx, filepath.Base(path), data, opt)
		case importOpening:
			opening, err = svc.PreviewOpening(ctx, filepath.Base(path), data, year)
		default:
			hours, err = svc.PreviewHours(ctx, filepath.Base(path), data, opt)
		}
		return err
	}, func(err error) {
		if errors.Is(err, context.Canceled) {
			return
		}
		if err != nil {
			u.showImportError(err)
			return
		}
		*st = importState{kind: kind, file: path, data: data, hirer: hirer, adjusted: adjusted, hours: hours, master: master, opening: opening}
		u.Show(PageImport)
	})
}

// showImportError shows a file-level problem in the user's language.
func (u *UI) showImportError(err error) {
	if m, ok := importing.FileMessage(err); ok {
		dialog.ShowError(errors.New(m.Text(u.Tr.Language())), u.Win)
		return
	}
	dialog.ShowError(errors.New(domain.ErrorMessage(err)+"\n"+err.Error()), u.Win)
}

// previewView shows the preview: counts, messages per row with a status
// filter, the lines that would be added, and the commit/mapping buttons.
func (u *UI) previewView() fyne.CanvasObject {
	t := u.Tr.T
	lang := u.Tr.Language()
	st := &u.imp
	var counts importing.Counts
	var rows []importers.RowResult
	var notes []importers.Message
	var tpl *importers.Template
	layout := ""
	duplicate := false
	switch {
	case st.hours != nil:
		counts, rows, notes, tpl = st.hours.Counts, st.hours.Rows, st.hours.Notes, st.hours.Template
		layout = string(st.hours.Layout)
		duplicate = st.hours.Duplicate != nil
	case st.opening != nil:
		counts, rows, notes = st.opening.Counts, st.opening.Rows, st.opening.Notes
		layout = t("import.kind.opening", map[string]any{"Year": st.opening.Year})
	default:
		counts, rows, notes, tpl = st.master.Counts, st.master.Rows, st.master.Notes, st.master.Template
		duplicate = st.master.Duplicate != nil
	}
	summary := widget.NewLabel(t("import.counts", map[string]any{"File": filepath.Base(st.file), "Layout": layout,
		"OK": counts.OK, "Warnings": counts.Warning, "Errors": counts.Error, "Lines": counts.Lines, "Voids": counts.Voids}))
	summary.Wrapping = fyne.TextWrapWord
	if counts.Error > 0 {
		summary.Importance = widget.DangerImportance
	}
	info := container.NewVBox(summary)
	if duplicate {
		l := widget.NewLabel(t("import.duplicate"))
		l.Importance = widget.WarningImportance
		info.Add(l)
	}
	for _, n := range notes {
		info.Add(widget.NewLabel("• " + n.Text(lang)))
	}

	msgs := NewDataTable([]string{t("col.sheet"), t("col.row"), t("col.column"), t("col.severity"), t("col.message"), t("col.value")},
		[]float32{80, 50, 60, 100, 560, 140}, t("md.search"), u.countText)
	fill := func() {
		var out [][]string
		for _, r := range rows {
			for _, m := range r.Messages {
				if st.filter != "" && string(m.Severity) != st.filter {
					continue
				}
				out = append(out, []string{m.Sheet, strconv.Itoa(r.Row), m.Column, u.importSeverity(m.Severity), m.Text(lang), m.Value})
			}
		}
		msgs.SetRows(out)
	}
	filters := map[string]string{t("import.filter.all"): "", t("import.filter.errors"): string(importers.StatusError),
		t("import.filter.warnings"): string(importers.StatusWarning)}
	filter := widget.NewSelect([]string{t("import.filter.all"), t("import.filter.errors"), t("import.filter.warnings")},
		func(v string) { st.filter = filters[v]; fill() })
	filter.SetSelected(t("import.filter.all"))
	fill()

	tabs := container.NewAppTabs(container.NewTabItem(t("import.tab.messages"),
		container.NewBorder(container.NewBorder(nil, nil, container.NewGridWrap(fyne.NewSize(200, filter.MinSize().Height), filter), nil, msgs.Toolbar()),
			nil, nil, nil, msgs.Table)))
	if st.hours != nil {
		lines := NewDataTable([]string{t("col.row"), t("col.worker"), t("col.placement"), t("col.hirer"), t("col.date"), t("col.type"), t("col.quantity")},
			[]float32{60, 110, 110, 90, 110, 90, 100}, t("md.search"), u.countText)
		hl := st.hours.Lines
		lines.Fill(len(hl), func() ([][]string, []string) {
			out := make([][]string, 0, len(hl))
			for _, l := range hl {
				out = append(out, []string{strconv.Itoa(l.Row), l.Worker, l.Placement, l.Hirer, l.Date, string(l.Type), domain.FormatDecimalNL(l.Quantity, 2)})
			}
			return out, nil
		})
		tabs.Append(container.NewTabItem(t("import.tab.lines", map[string]any{"N": len(hl)}), lines.View()))
	}

	commit := widget.NewButton(t("import.commit"), func() { u.commitImport() })
	commit.Importance = widget.HighImportance
	if counts.Lines+counts.Voids == 0 && st.master == nil || duplicate {
		commit.Disable()
	}
	mapping := widget.NewButton(t("import.mapping"), func() { u.showMapping(tpl) })
	if tpl == nil {
		mapping.Disable()
	}
	cancel := widget.NewButton(t("task.cancel"), func() { u.imp = importState{kind: st.kind}; u.Show(PageImport) })
	actions := container.NewHBox(commit, mapping, cancel)
	return container.NewBorder(container.NewVBox(info, actions), nil, nil, nil, tabs)
}

func (u *UI) importSeverity(s importers.Status) string {
	return u.Tr.T("import.status." + string(s))
}

// commitImport writes the previewed file in one transaction (asking first
// whether rows with errors may be skipped).
func (u *UI) commitImport() {
	st := &u.imp
	errorsInFile := (st.hours != nil && st.hours.Counts.Error > 0) || (st.master != nil && st.master.Counts.Error > 0) ||
		(st.opening != nil && st.opening.Counts.Error > 0)
	run := func(skip bool) {
		svc := importing.New(u.Store)
		var res *importing.Result
		u.RunTask(u.Tr.T("import.committing"), func(ctx context.Context, _ func(int, int)) error {
			var err error
			switch {
			case st.hours != nil:
				res, err = svc.CommitHours(ctx, st.hours, importing.CommitOptions{SkipErrors: skip})
			case st.opening != nil:
				res, err = svc.CommitOpening(ctx, st.opening, importing.CommitOptions{SkipErrors: skip})
			default:
				res, err = svc.CommitPlacements(ctx, st.master, importing.CommitOptions{SkipErrors: skip})
			}
			return err
		}, func(err error) {
			if err != nil {
				u.showImportError(err)
				return
			}
			dialog.ShowInformation(u.Tr.T("import.done"), u.Tr.T("import.result", map[string]any{"Added": res.Added,
				"Voided": res.Voided, "Replaced": res.Replaced}), u.Win)
			u.imp = importState{kind: st.kind}
			u.LoadAsync(context.Background())
		})
	}
	if !errorsInFile {
		run(false)
		return
	}
	dialog.ShowConfirm(u.Tr.T("import.commit"), u.Tr.T("import.skiperrors"), func(ok bool) {
		if ok {
			run(true)
		}
	}, u.Win)
}

// mappingFields are the meanings a column of an hour sheet can have.
func mappingFields() []importers.Field {
	out := []importers.Field{importers.FieldIgnore, importers.FieldWorkerRef, importers.FieldWorkerNumber, importers.FieldAlias,
		importers.FieldBSN, importers.FieldName, importers.FieldInitials, importers.FieldFirstName, importers.FieldPrefix,
		importers.FieldLastName, importers.FieldBirthDate, importers.FieldHirer, importers.FieldPlacement, importers.FieldDate,
		importers.FieldWeekday, importers.FieldWeek, importers.FieldYear, importers.FieldType, importers.FieldQuantity,
		importers.FieldMinutes, importers.FieldStart, importers.FieldEnd, importers.FieldBreak, importers.FieldVoid,
		importers.FieldComment, importers.FieldLineID, importers.FieldPayPct, importers.FieldBillPct, importers.FieldCostCentr}
	for _, h := range domain.HourTypes {
		out = append(out, importers.QtyField(h))
	}
	for d := 1; d <= 7; d++ {
		out = append(out, importers.DayField(timeWeekday(d)))
	}
	return out
}

// showMapping lets the user change what each column means; the preview is
// redone with the adjusted template, which can be saved for the hirer.
func (u *UI) showMapping(tpl *importers.Template) {
	if tpl == nil {
		return
	}
	t := u.Tr.T
	adj := tpl.Clone()
	fields := mappingFields()
	labels := make([]string, len(fields))
	for i, f := range fields {
		labels[i] = string(f)
	}
	form := container.NewVBox()
	for i := range adj.Columns {
		c := &adj.Columns[i]
		name := c.Header
		if name == "" {
			name = c.Column
		}
		sel := widget.NewSelect(labels, func(v string) { c.Field = importers.Field(v) })
		sel.SetSelected(string(c.Field))
		form.Add(container.NewGridWithColumns(2, widget.NewLabel(fmt.Sprintf("%s (%s)", name, c.Column)), sel))
	}
	header := widget.NewEntry()
	if adj.HeaderRow > 0 {
		header.SetText(strconv.Itoa(adj.HeaderRow))
	}
	saveName := widget.NewEntry()
	saveName.SetPlaceHolder(t("import.template.name"))
	content := container.NewBorder(container.NewVBox(widget.NewLabel(t("import.mapping.explain")),
		container.NewGridWithColumns(2, widget.NewLabel(t("import.headerrow")), header)), saveName, nil, nil,
		container.NewVScroll(form))
	d := dialog.NewCustomConfirm(t("import.mapping"), t("import.apply"), t("task.cancel"), content, func(ok bool) {
		if !ok {
			return
		}
		if n, err := strconv.Atoi(strings.TrimSpace(header.Text)); err == nil && n > 0 {
			adj.HeaderRow = n
		}
		if err := adj.Validate(); err != nil {
			dialog.ShowError(err, u.Win)
			return
		}
		u.imp.adjusted = adj
		if name := strings.TrimSpace(saveName.Text); name != "" {
			if err := importing.New(u.Store).SaveTemplate(context.Background(), adj, name, u.imp.hirer); err != nil {
				dialog.ShowError(err, u.Win)
				return
			}
		}
		u.PreviewImport(u.imp.file)
	}, u.Win)
	d.Resize(fyne.NewSize(760, 600))
	d.Show()
}
