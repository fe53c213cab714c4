package gui

import (
	"context"
	"errors"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
	"github.com/shopspring/decimal"

	"verloner/app/absence"
	"verloner/domain"
	abs "verloner/domain/absence"
)

// absenceState is the Verzuim page's records, read off the UI goroutine.
type absenceState struct {
	records []*abs.Record // every sick report, judged today, newest first
	loaded  bool
	loading bool
	err     error
	all     bool  // show recovered and old reports too
	report  int64 // the report shown below the list
}

// absenceKinds are the kinds of a re-integration note.
var absenceKinds = []string{"notitie", "contact", "bedrijfsarts", "re-integratie"}

// absencePage is the Verzuim page: the workers sick today (or every sick
// report) with waiting days, pay % of the sickness week, the reporting and
// re-integration deadlines and whether the contract ends during the
// sickness (Ziektewet through UWV); below, the chosen report's deadlines
// and notes, where the backoffice records what it did. "Ziekte-uren
// toevoegen" puts the period's sick hours into the hours, as a proof does.
func (u *UI) absencePage(s *Snapshot) fyne.CanvasObject {
	t := u.Tr.T
	a := &u.hr().abs
	head := title(t("abs.title"))
	sickBtn := widget.NewButton(t("abs.sicklines", map[string]any{"Period": s.Period.String()}), func() { u.addSickLines(s) })
	sickBtn.Importance = widget.HighImportance
	refresh := widget.NewButton(t("abs.refresh"), func() { a.loaded, a.err = false, nil; u.Show(PageAbsence) })
	all := widget.NewCheck(t("abs.all"), nil)
	all.SetChecked(a.all)
	all.OnChanged = func(b bool) { a.all = b; u.Show(PageAbsence) }
	bar := container.NewHBox(sickBtn, refresh, all)
	intro := wrapLabel(t("abs.intro"))
	if !a.loaded {
		if a.err != nil {
			return container.NewVBox(head, intro, bar, wrapLabel(errText(a.err)))
		}
		if !a.loading {
			u.loadAbsence()
		}
		return container.NewVBox(head, intro, bar, widget.NewLabel(t("abs.loading")), widget.NewProgressBarInfinite())
	}
	today := u.today()
	current := abs.Current(a.records, today)
	shown := current
	if a.all {
		shown = a.records
	}
	status := widget.NewLabel(t("abs.status", map[string]any{"N": len(current), "Date": fmtDate(today), "Total": len(a.records)}))

	table := NewDataTable([]string{t("col.number"), t("col.name"), t("abs.col.first"), t("abs.col.week"), t("abs.col.waiting"),
		t("abs.col.pay"), t("abs.col.recovered"), t("abs.col.end"), t("abs.col.zw"), t("abs.col.deadlines")},
		[]float32{70, 190, 100, 55, 105, 65, 95, 125, 90, 240}, t("md.search"), u.countText)
	var rows [][]string
	var keys []string
	for _, r := range shown {
		w := s.WorkerByID[r.Report.WorkerID]
		number, name := "", ""
		if w != nil {
			number, name = w.Number, w.SortName()
		}
		zw := t("no")
		if r.ZWRoute {
			zw = t("abs.zw.from", map[string]any{"Date": fmtDate(r.ZWFrom)})
		}
		week := ""
		if r.Week > 0 {
			week = strconv.Itoa(r.Week)
		}
		waiting := strconv.Itoa(r.WaitingDays)
		if r.Relapse {
			waiting += " (" + t("abs.relapse.short") + ")"
		}
		rows = append(rows, []string{number, name, fmtDate(r.Report.FirstDay), week, waiting, pct(r.PayPercent),
			fmtDate(r.Report.RecoveredOn), fmtDate(r.ContractEnd), zw, u.deadlineSummary(r)})
		keys = append(keys, strconv.FormatInt(r.Report.ID, 10))
	}
	table.SetKeyedRows(rows, keys)
	detail := container.NewStack(u.absenceDetail(s))
	table.OnSelect = func(_ []string, key string) {
		id, _ := strconv.ParseInt(key, 10, 64)
		if id == a.report {
			return
		}
		a.report = id
		detail.Objects = []fyne.CanvasObject{u.absenceDetail(s)}
		detail.Refresh()
	}
	var list fyne.CanvasObject = table.Table
	if len(shown) == 0 {
		list = container.NewVBox(widget.NewLabel(t("abs.nobody")))
	}
	top := container.NewVBox(head, intro, bar, status, table.Toolbar())
	split := container.NewVSplit(list, detail)
	split.Offset = 0.38
	return container.NewBorder(top, nil, nil, nil, split)
}

func pct(d decimal.Decimal) string {
	if d.IsZero() {
		return "–"
	}
	return domain.FormatDecimalNL(d, 0) + " %"
}

// deadlineSummary counts a record's deadlines by how they stand.
func (u *UI) deadlineSummary(r *abs.Record) string {
	n := map[abs.Status]int{}
	for _, d := range r.Deadlines {
		n[d.Status]++
	}
	var parts []string
	for _, st := range []abs.Status{abs.Overdue, abs.Late, abs.TooEarly, abs.Open, abs.OnTime} {
		if n[st] > 0 {
			parts = append(parts, strconv.Itoa(n[st])+" "+u.Tr.T("abs.st."+string(st)))
		}
	}
	return strings.Join(parts, ", ")
}

// absenceDetail is the chosen report: deadlines, ZW route, notes and the
// buttons to record dates and notes.
func (u *UI) absenceDetail(s *Snapshot) fyne.CanvasObject {
	t := u.Tr.T
	a := &u.hr().abs
	var r *abs.Record
	for _, x := range a.records {
		if x.Report.ID == a.report {
			r = x
		}
	}
	if r == nil {
		return container.NewVBox(widget.NewSeparator(), widget.NewLabel(t("abs.pick")))
	}
	lang := u.Tr.Language()
	name := ""
	if w := s.WorkerByID[r.Report.WorkerID]; w != nil {
		name = w.Number + " " + w.FullName()
	}
	head := title(t("abs.detail", map[string]any{"Name": name, "Date": fmtDate(r.Report.FirstDay)}))
	var facts []string
	facts = append(facts, t("abs.fact.week", map[string]any{"Week": r.Week, "Days": r.DaysSick, "Pay": pct(r.PayPercent)}))
	if r.Relapse {
		facts = append(facts, t("abs.fact.relapse"))
	} else {
		facts = append(facts, t("abs.fact.waiting", map[string]any{"N": r.WaitingDays}))
	}
	switch {
	case r.ZWRoute:
		facts = append(facts, t("abs.fact.zw", map[string]any{"End": fmtDate(r.ContractEnd), "From": fmtDate(r.ZWFrom)}))
	case !r.ContractEnd.IsZero():
		facts = append(facts, t("abs.fact.end", map[string]any{"End": fmtDate(r.ContractEnd)}))
	}
	if r.Report.Note != "" {
		facts = append(facts, r.Report.Note)
	}
	info := wrapLabel(strings.Join(facts, "\n"))

	grid := container.NewVBox(deadlineRow(section(t("abs.col.deadline")), section(t("abs.col.due")), section(t("abs.col.done")),
		section(t("abs.col.state"))))
	for _, d := range r.Deadlines {
		label := d.Label.NL
		if lang == "en" && d.Label.EN != "" {
			label = d.Label.EN
		}
		due := fmtDate(d.Due)
		if d.Due.Hour() != 0 || d.Due.Minute() != 0 {
			due += " " + d.Due.Format("15:04")
		}
		state := widget.NewLabel(t("abs.st." + string(d.Status)))
		switch d.Status {
		case abs.Overdue, abs.Late, abs.TooEarly:
			state.Importance = widget.DangerImportance
		case abs.OnTime:
			state.Importance = widget.SuccessImportance
		}
		name := widget.NewLabel(label)
		name.Truncation = fyne.TextTruncateEllipsis
		grid.Add(deadlineRow(name, widget.NewLabel(due), widget.NewLabel(fmtDate(d.Done)), state))
	}
	notes := container.NewVBox(section(t("abs.notes")))
	if len(r.Notes) == 0 {
		notes.Add(widget.NewLabel(t("abs.notes.none")))
	}
	for _, n := range r.Notes {
		notes.Add(wrapLabel(fmtDate(n.On) + " · " + n.Kind + " — " + n.Text))
	}
	follow := widget.NewButton(t("abs.followup"), func() { u.followUpDialog(r) })
	note := widget.NewButton(t("abs.note"), func() { u.absenceNoteDialog(r) })
	body := container.NewVBox(widget.NewSeparator(), head, info, container.NewHBox(follow, note), grid, notes)
	return container.NewVScroll(body)
}

// deadlineRow lays out a deadline: its name takes what is left, the due
// date, the date done and the state have fixed widths.
func deadlineRow(name, due, done, state fyne.CanvasObject) fyne.CanvasObject {
	cell := func(o fyne.CanvasObject, w float32) fyne.CanvasObject {
		return container.NewGridWrap(fyne.NewSize(w, o.MinSize().Height), o)
	}
	return container.NewBorder(nil, nil, nil, container.NewHBox(cell(due, 160), cell(done, 120), cell(state, 110)), name)
}

// loadAbsence builds the records off the UI goroutine and redraws the page.
func (u *UI) loadAbsence() {
	a := &u.hr().abs
	a.loading = true
	st := u.Store
	u.tasks.Add(1)
	go func() {
		defer u.tasks.Done()
		recs, err := absence.Records(context.Background(), st, absence.Options{Now: u.Now, Location: amsterdam()})
		u.post(func() {
			if st != u.Store {
				return
			}
			a := &u.hr().abs
			a.loading, a.records, a.err, a.loaded = false, recs, err, err == nil
			if a.report == 0 {
				if cur := abs.Current(recs, u.today()); len(cur) > 0 {
					a.report = cur[0].Report.ID
				}
			}
			if u.current == PageAbsence {
				u.Show(PageAbsence)
			}
		})
	}()
}

// absenceTask stores something on a record and reloads the records.
func (u *UI) absenceTask(work func(ctx context.Context) error) {
	u.RunTask(u.Tr.T("abs.saving"), func(ctx context.Context, _ func(int, int)) error { return work(ctx) }, func(err error) {
		if errors.Is(err, context.Canceled) {
			return
		}
		if err != nil {
			u.showErr(err)
		}
		u.hr().abs.loaded = false
		u.current = PageAbsence
		u.Show(PageAbsence)
	})
}

// followUpDialog records when the agency told the arbodienst and UWV and
// the re-integration steps, and a contract end the register does not know.
func (u *UI) followUpDialog(r *abs.Record) {
	t := u.Tr.T
	f := r.FollowUp
	f.ReportID = r.Report.ID
	arbo := u.dateField(f.ArboReportedOn, false)
	pa := u.dateField(f.ProblemAnalysisOn, false)
	pva := u.dateField(f.ActionPlanOn, false)
	uwv42 := u.dateField(f.UWV42ReportedOn, false)
	zw := u.dateField(f.ZWReportedOn, false)
	end := u.dateField(f.ContractEndOn, false)
	end.SetPlaceHolder(t("abs.end.ph"))
	items := []*widget.FormItem{
		widget.NewFormItem(t("abs.fu.arbo"), arbo), widget.NewFormItem(t("abs.fu.pa"), pa), widget.NewFormItem(t("abs.fu.pva"), pva),
		widget.NewFormItem(t("abs.fu.uwv42"), uwv42), widget.NewFormItem(t("abs.fu.zw"), zw), widget.NewFormItem(t("abs.fu.end"), end),
	}
	u.formDialog(t("abs.followup"), t("form.save"), items, func() {
		f.ArboReportedOn, f.ProblemAnalysisOn, f.ActionPlanOn = dateOf(arbo), dateOf(pa), dateOf(pva)
		f.UWV42ReportedOn, f.ZWReportedOn, f.ContractEndOn = dateOf(uwv42), dateOf(zw), dateOf(end)
		f.UpdatedBy = ""
		u.absenceTask(func(ctx context.Context) error { return absence.SaveFollowUp(ctx, u.Store, &f) })
	})
}

// absenceNoteDialog adds a dated re-integration note.
func (u *UI) absenceNoteDialog(r *abs.Record) {
	t := u.Tr.T
	on := u.dateField(u.today(), true)
	kind := widget.NewSelect(absenceKinds, nil)
	kind.SetSelected(absenceKinds[0])
	text := widget.NewMultiLineEntry()
	text.SetMinRowsVisible(4)
	text.Wrapping = fyne.TextWrapWord
	text.Validator = u.required(nil)
	items := []*widget.FormItem{widget.NewFormItem(t("col.date"), on), widget.NewFormItem(t("col.kind"), kind),
		widget.NewFormItem(t("abs.note.text"), text)}
	u.formDialog(t("abs.note"), t("form.save"), items, func() {
		n := &abs.Note{ReportID: r.Report.ID, On: dateOf(on), Kind: kind.Selected, Text: strings.TrimSpace(text.Text)}
		u.absenceTask(func(ctx context.Context) error { return absence.AddNote(ctx, u.Store, n) })
	})
}

// addSickLines stores the period's sick hours and says what was added.
func (u *UI) addSickLines(s *Snapshot) {
	t := u.Tr.T
	st, period := u.Store, s.Period
	var res *absence.SickLines
	u.RunTask(t("abs.sicklines.running"), func(ctx context.Context, _ func(int, int)) error {
		var err error
		res, err = absence.AddSickLines(ctx, st, period)
		return err
	}, func(err error) {
		if errors.Is(err, context.Canceled) {
			return
		}
		if err != nil {
			u.showErr(err)
			return
		}
		hours := decimal.Zero
		for _, l := range res.Lines {
			hours = hours.Add(l.Quantity)
		}
		msg := t("abs.sicklines.done", map[string]any{"N": len(res.Lines), "Hours": domain.FormatDecimalNL(hours, 2), "Period": period.String()})
		lang := u.Tr.Language()
		for _, n := range res.Notes {
			text := n.Text.NL
			if lang == "en" && n.Text.EN != "" {
				text = n.Text.EN
			}
			msg += "\n• " + fmtDate(n.Date) + ": " + text
		}
		d := dialog.NewCustom(t("abs.sicklines", map[string]any{"Period": period.String()}), "OK", wrapLabel(msg), u.Win)
		d.Resize(fyne.NewSize(600, 220))
		d.Show()
		u.hr().abs.loaded = false
		u.current = PageAbsence
		u.LoadAsync(context.Background())
	})
}
