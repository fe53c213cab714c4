package gui

import (
	"bytes"
	"context"
	"errors"
	"image/png"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
	"github.com/shopspring/decimal"

	"verloner/app/margins"
	"verloner/domain"
	"verloner/domain/margin"
	marginx "verloner/exporters/margin"
)

// marginState caches the Marges page's overview per period: it reads every
// final run of the year, so it is computed off the UI goroutine once.
type marginState struct {
	period  string
	ov      *margin.Overview
	loading bool
	dim     margin.Dimension
	err     error
}

// marginsPage is the Marges page: revenue, wage cost and margin of the period
// per hirer, worker, placement or function, compared with the previous week,
// the same week last year and the year to date, with a chart of the year's
// weeks and the margin/management-report exports.
func (u *UI) marginsPage(s *Snapshot) fyne.CanvasObject {
	t := u.Tr.T
	ms := &u.marg
	head := title(t("mar.title", map[string]any{"Period": s.Period.String()}))
	if ms.period != s.Period.String() {
		*ms = marginState{period: s.Period.String(), dim: margin.ByHirer}
	}
	if ms.ov == nil {
		if ms.err != nil {
			return container.NewVBox(head, widget.NewLabel(domain.ErrorMessage(ms.err)+"\n"+ms.err.Error()))
		}
		if !ms.loading {
			u.loadMargins(s)
		}
		return container.NewVBox(head, widget.NewLabel(t("mar.loading")), widget.NewProgressBarInfinite())
	}
	ov := ms.ov
	tot := ov.Margins.Total
	summary := widget.NewLabel(t("mar.summary", map[string]any{"Revenue": domain.FormatEuro(tot.Revenue),
		"Cost": domain.FormatEuro(tot.WageCost), "Margin": domain.FormatEuro(tot.Margin), "Hours": domain.FormatDecimalNL(tot.Hours, 2),
		"PerHour": nullEuro(tot.MarginPerHour), "Percent": nullPct(tot.MarginPercent)}))
	status := widget.NewLabel(t("mar.status." + string(ov.Status)))
	if ov.Status != margin.StatusFinal {
		status.Importance = widget.WarningImportance
	}
	compare := widget.NewLabel(u.comparisonText("mar.prev", ov.Previous) + "\n" + u.comparisonText("mar.lastyear", ov.LastYear))
	var costMissing fyne.CanvasObject = container.NewVBox()
	if tot.CostMissing {
		l := widget.NewLabel(t("mar.costmissing"))
		l.Importance = widget.DangerImportance
		costMissing = l
	}

	dims := map[string]margin.Dimension{t("mar.by.hirer"): margin.ByHirer, t("mar.by.worker"): margin.ByWorker,
		t("mar.by.placement"): margin.ByPlacement, t("mar.by.function"): margin.ByFunction}
	choice := widget.NewSelect([]string{t("mar.by.hirer"), t("mar.by.worker"), t("mar.by.placement"), t("mar.by.function")}, nil)
	table := NewDataTable([]string{t("col.name"), t("col.revenue"), t("col.wagecost"), t("col.margin"), t("col.hours"),
		t("col.perhour"), t("col.percent"), t("col.prevmargin")}, []float32{300, 120, 120, 120, 90, 100, 90, 130}, t("md.search"), u.countText)
	fill := func() {
		var rows [][]string
		for _, r := range ov.Margins.Rows(ms.dim) {
			name := r.Name
			if r.Key != "" && r.Key != r.Name {
				name = r.Key + " " + r.Name
			}
			prev := "–"
			if r.Previous != nil {
				prev = domain.FormatEuro(r.Previous.Margin)
			}
			flag, costFlag := "", ""
			if r.Estimated {
				flag = " *"
			}
			if r.CostMissing {
				costFlag = " †"
			}
			rows = append(rows, []string{name, domain.FormatEuro(r.Revenue) + flag, domain.FormatEuro(r.WageCost) + costFlag,
				domain.FormatEuro(r.Margin), domain.FormatDecimalNL(r.Hours, 2), nullEuro(r.MarginPerHour), nullPct(r.MarginPercent), prev})
		}
		table.SetRows(rows)
	}
	choice.OnChanged = func(v string) { ms.dim = dims[v]; fill() }
	for label, d := range dims {
		if d == ms.dim {
			choice.SetSelected(label)
		}
	}

	var chart fyne.CanvasObject = widget.NewLabel("")
	if img, err := marginx.PeriodChartPNG(ov.Series, 900, 190); err == nil {
		if decoded, err := png.Decode(bytes.NewReader(img)); err == nil {
			c := canvas.NewImageFromImage(decoded)
			c.FillMode = canvas.ImageFillContain
			c.SetMinSize(fyne.NewSize(900, 190))
			chart = c
		}
	}
	export := widget.NewButton(t("mar.export"), func() { u.exportMargins(ov) })
	refresh := widget.NewButton(t("mar.refresh"), func() { u.marg = marginState{}; u.Show(PageMargins) })
	left := container.NewVBox(head, summary, status, costMissing, compare, container.NewHBox(export, refresh))
	top := container.NewVBox(left, container.NewHBox(chart),
		container.NewBorder(nil, nil, container.NewGridWrap(fyne.NewSize(200, choice.MinSize().Height), choice), nil, table.Toolbar()))
	return container.NewBorder(top, nil, nil, nil, table.Table)
}

// loadMargins computes the overview off the UI goroutine and redraws the page.
func (u *UI) loadMargins(s *Snapshot) {
	ms := &u.marg
	ms.loading = true
	st, period := u.Store, s.Period
	u.tasks.Add(1)
	go func() {
		defer u.tasks.Done()
		ov, err := margins.Overview(context.Background(), st, period, margins.Options{Now: u.Now})
		u.post(func() {
			if u.marg.period != period.String() {
				return // the user moved on to another period
			}
			u.marg.loading, u.marg.ov, u.marg.err = false, ov, err
			if u.current == PageMargins {
				u.Show(PageMargins)
			}
		})
	}()
}

func (u *UI) comparisonText(key string, c margin.Comparison) string {
	if !c.Available {
		return u.Tr.T(key+".none", map[string]any{"Period": c.Period.String()})
	}
	return u.Tr.T(key, map[string]any{"Period": c.Period.String(), "Margin": domain.FormatEuro(c.Total.Margin),
		"Change": nullEuro(c.MarginChange)})
}

func nullEuro(d decimal.NullDecimal) string {
	if !d.Valid {
		return "–"
	}
	return domain.FormatEuro(d.Decimal)
}

func nullPct(d decimal.NullDecimal) string {
	if !d.Valid {
		return "–"
	}
	return domain.FormatDecimalNL(d.Decimal, 1) + " %"
}

// exportMargins writes the margin overview, management report and settlement into a folder.
func (u *UI) exportMargins(ov *margin.Overview) {
	dialog.ShowFolderOpen(func(dir fyne.ListableURI, err error) {
		if err != nil || dir == nil {
			if err != nil {
				dialog.ShowError(err, u.Win)
			}
			return
		}
		var files *margins.Files
		u.RunTask(u.Tr.T("export.running"), func(ctx context.Context, _ func(int, int)) error {
			var err error
			files, err = margins.WriteFiles(ctx, ov, dir.Path())
			return err
		}, func(err error) {
			if err != nil && !errors.Is(err, context.Canceled) {
				dialog.ShowError(err, u.Win)
				return
			}
			if files != nil {
				u.showExported(files.OverviewPDF)
			}
		})
	}, u.Win)
}
