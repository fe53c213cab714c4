package gui

import (
	"bytes"
	"context"
	"errors"
	"path/filepath"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"verloner/app/wagerecords"
	"verloner/domain"
	exwr "verloner/exporters/wagerecords"
)

// wageRecordsButton is the Verloning page's way to the year's loonstaat,
// verzamelloonstaat and jaaropgaven.
func (u *UI) wageRecordsButton(s *Snapshot) fyne.CanvasObject {
	return widget.NewButton(u.Tr.T("wr.button"), func() { u.wageRecordsDialog(s) })
}

// wageRecordsDialog asks for the tax year and what to write, then for the folder.
func (u *UI) wageRecordsDialog(s *Snapshot) {
	t := u.Tr.T
	year := s.Period.PayDate().Year()
	var years []string
	for y := year; y >= year-2; y-- {
		years = append(years, strconv.Itoa(y))
	}
	pick := widget.NewSelect(years, nil)
	pick.SetSelected(years[0])
	ls := widget.NewCheck(t("wr.loonstaat"), nil)
	ls.SetChecked(true)
	jo := widget.NewCheck(t("wr.jaaropgaven"), nil)
	jo.SetChecked(true)
	note := wrapLabel(t("wr.note"))
	items := []*widget.FormItem{widget.NewFormItem(t("wr.year"), pick), widget.NewFormItem("", ls), widget.NewFormItem("", jo),
		widget.NewFormItem("", note)}
	u.formDialog(t("wr.title"), t("wr.choose"), items, func() {
		y, _ := strconv.Atoi(pick.Selected)
		if !ls.Checked && !jo.Checked {
			return
		}
		dialog.ShowFolderOpen(func(dir fyne.ListableURI, err error) {
			if err != nil {
				u.showErr(err)
				return
			}
			if dir != nil {
				u.ExportWageRecords(y, dir.Path(), ls.Checked, jo.Checked)
			}
		}, u.Win)
	})
}

// ExportWageRecords writes the tax year's loonstaat (XLSX, loonstaat PDF and
// verzamelloonstaat PDF, BSNs masked) and/or one jaaropgaaf PDF per worker
// in the worker's language (BSN in full) into dir, every file 0600, as a task
// with progress and cancel; then it says where they went.
func (u *UI) ExportWageRecords(year int, dir string, loonstaat, jaaropgaven bool) {
	t := u.Tr.T
	st, lang, now := u.Store, u.Tr.Language(), u.Now()
	var paths []string
	u.RunTask(t("wr.running"), func(ctx context.Context, progress func(int, int)) error {
		y, err := wagerecords.Build(ctx, st, year)
		if err != nil {
			return err
		}
		if y.Runs == 0 {
			return domain.Errorf(domain.EINVALID, "Geen definitieve verloningen met een betaaldatum in %d: er is geen loonstaat of jaaropgaaf te maken.", year)
		}
		total := 1
		if loonstaat {
			total += 3
		}
		if jaaropgaven {
			total += len(y.Workers)
		}
		done := 1
		progress(done, total)
		write := func(name string, data []byte) error {
			if err := ctx.Err(); err != nil {
				return err
			}
			path := filepath.Join(dir, name)
			if err := writePrivate(path, data); err != nil {
				return err
			}
			paths = append(paths, path)
			done++
			progress(done, total)
			return nil
		}
		if loonstaat {
			opt := exwr.Options{Lang: lang, Created: now}
			var x bytes.Buffer
			if err := exwr.WriteXLSX(&x, y, opt); err != nil {
				return err
			}
			if err := write(exwr.LoonstaatXLSXName(year), x.Bytes()); err != nil {
				return err
			}
			b, err := exwr.LoonstaatPDF(y, opt)
			if err != nil {
				return err
			}
			if err := write(exwr.LoonstaatPDFName(year), b); err != nil {
				return err
			}
			if b, err = exwr.VerzamelloonstaatPDF(y, opt); err != nil {
				return err
			}
			if err := write(exwr.VerzamelloonstaatPDFName(year), b); err != nil {
				return err
			}
		}
		if jaaropgaven {
			for _, w := range y.Workers {
				b, err := exwr.JaaropgaafPDF(y, w, exwr.JaaropgaafOptions{Created: now})
				if err != nil {
					return err
				}
				if err := write(exwr.JaaropgaafName(year, w.Number), b); err != nil {
					return err
				}
			}
		}
		return nil
	}, func(err error) {
		if errors.Is(err, context.Canceled) {
			return
		}
		if err != nil {
			u.showErr(err)
			return
		}
		if len(paths) > 0 {
			u.showExported(paths[0])
		}
	})
}
