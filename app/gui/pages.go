package gui

import (
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"verloner/app"
	"verloner/domain"
)

// fmtDate prints a date the Dutch way (dd-mm-jjjj), empty for the zero date.
func fmtDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("02-01-2006")
}

var weekdaysNL = [...]string{"zo", "ma", "di", "wo", "do", "vr", "za"}
var weekdaysEN = [...]string{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"}

// weekday is the short weekday name in the program's language.
func (u *UI) weekday(t time.Time) string {
	if u.Tr.Language() == "en" {
		return weekdaysEN[t.Weekday()]
	}
	return weekdaysNL[t.Weekday()]
}

func (u *UI) yesNo(b bool) string {
	if b {
		return u.Tr.T("yes")
	}
	return u.Tr.T("no")
}

func (u *UI) overviewPage(s *Snapshot) fyne.CanvasObject {
	p := s.Period
	head := title(s.Agency.Name)
	sub := widget.NewLabel(u.Tr.T("overview.period", map[string]any{"Period": p.String(),
		"From": fmtDate(p.Start()), "To": fmtDate(p.End())}))

	_, all := s.HourTotalsByHirer()
	hoursStatus := u.Tr.T("status.nohours")
	if all.Lines > 0 {
		hoursStatus = u.Tr.T("status.hours", map[string]any{"Lines": all.Lines,
			"Hours": domain.FormatDecimalNL(all.Hours, 2), "Km": domain.FormatDecimalNL(all.Km, 0),
			"Workers": len(all.Workers), "Hirers": len(all.Hirer)})
	}
	rows := [][]string{}
	for _, m := range s.Agency.Deadlines.Schedule(p) {
		status := u.Tr.T("status.open")
		switch m.Key {
		case "registration":
			status = u.Tr.T("status.registration", map[string]any{"Workers": len(s.Workers), "Hirers": len(s.Hirers), "Placements": len(s.Placements)})
		case "hours":
			status = hoursStatus
		case "proof", "approval", "final":
			status = u.runStatus(s, m.Key)
		}
		due := m.Due.Format("02-01-2006")
		if m.Due.Hour() != 0 || m.Due.Minute() != 0 {
			due += " " + m.Due.Format("15:04")
		}
		rows = append(rows, []string{u.Tr.T("step." + m.Key), u.weekday(m.Due) + " " + due, status})
		if m.Key == "hours" {
			rows = append(rows, []string{u.Tr.T("step.checked"), u.weekday(m.Due) + " " + due, u.checkedStatus(s)})
		}
	}
	cycle := NewDataTable([]string{u.Tr.T("overview.col.step"), u.Tr.T("overview.col.due"), u.Tr.T("overview.col.status")},
		[]float32{360, 190, 560}, "", nil)
	cycle.SetRows(rows)

	counts := map[string]int{}
	for _, f := range s.DossierFindings(s.Today) {
		counts[f.Kind]++
	}
	dossier := container.NewVBox(title(u.Tr.T("overview.dossier")))
	if len(counts) == 0 {
		dossier.Add(widget.NewLabel("✓ " + u.Tr.T("dossier.ok")))
	}
	for _, k := range []string{"bsn", "iban", "id", "idsoon", "contract", "record"} {
		if n := counts[k]; n > 0 {
			dossier.Add(widget.NewLabel("• " + u.Tr.T("dossier."+k, map[string]any{"N": n})))
		}
	}
	nextPage, nextKey := nextStep(s)
	next := widget.NewButton(u.Tr.T(nextKey), func() { u.Show(nextPage) })
	next.Importance = widget.HighImportance
	top := container.NewVBox(head, sub, title(u.Tr.T("overview.cycle")))
	bottom := container.NewVBox(dossier, container.NewHBox(next))
	return container.NewBorder(top, bottom, nil, nil, cycle.Table)
}

// findingLabel is the short name of a dossier finding kind ("Zonder geldig BSN").
func (u *UI) findingLabel(kind string) string {
	s := u.Tr.T("dossier."+kind, map[string]any{"N": ""})
	return strings.TrimSuffix(strings.TrimSpace(s), ":")
}

// checkedStatus summarises the period's latest checklist for the overview.
func (u *UI) checkedStatus(s *Snapshot) string {
	if s.Checklist == nil {
		return u.Tr.T("status.notchecked")
	}
	c := s.Checklist.Counts()
	return u.Tr.T("status.checked", map[string]any{"Blockers": c.Blockers, "Warnings": c.Warnings,
		"When": s.Checklist.CreatedAt.In(amsterdam()).Format("02-01 15:04")})
}

// timeWeekday maps 1 (Monday) … 7 (Sunday) to time.Weekday.
func timeWeekday(d int) time.Weekday { return time.Weekday(d % 7) }

// runStatus tells whether the period's payroll reached a lifecycle step.
func (u *UI) runStatus(s *Snapshot, step string) string {
	r := s.Run
	if r == nil {
		return u.Tr.T("status.open")
	}
	done := map[string]bool{
		"proof":    true,
		"approval": r.Status == app.RunApproved || r.Status == app.RunFinal,
		"final":    r.Status == app.RunFinal,
	}[step]
	if !done {
		return u.Tr.T("status.open")
	}
	when := r.CreatedAt
	switch step {
	case "approval":
		when = r.ApprovedAt
	case "final":
		when = r.FinalisedAt
	}
	return u.Tr.T("status.done", map[string]any{"When": when.In(amsterdam()).Format("02-01 15:04"), "Workers": r.Workers})
}

// nextStep is the page of the first unfinished step of the period's cycle and
// the text of the overview's button that leads there.
func nextStep(s *Snapshot) (page, key string) {
	switch {
	case len(s.Hours) == 0:
		return PageImport, "next.import"
	case s.Checklist == nil:
		return PageCheck, "next.check"
	case s.Run == nil || s.Run.Status == app.RunProof && s.Checklist.Counts().Blockers > 0:
		if s.Run == nil {
			return PagePayroll, "next.proof"
		}
		return PageCheck, "next.blockers"
	case s.Run.Status != app.RunFinal:
		return PagePayroll, "next.final"
	case len(s.Invoices) == 0:
		return PageInvoices, "next.invoice"
	default:
		return PageMargins, "next.margins"
	}
}
