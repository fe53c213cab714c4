package gui

import (
	"context"
	"errors"
	"strconv"

	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/shopspring/decimal"

	"verloner/app"
	"verloner/domain"
	"verloner/domain/payroll"
)

// selectedAction is a button under a table that acts on the selected row's
// key; it is enabled once a row is selected.
func (u *UI) selectedAction(d *DataTable, label string, act func(key string)) *widget.Button {
	selected := ""
	btn := widget.NewButtonWithIcon(label, theme.DocumentIcon(), func() {
		if selected != "" {
			act(selected)
		}
	})
	btn.Disable()
	prev := d.OnSelect
	d.OnSelect = func(row []string, key string) {
		if prev != nil {
			prev(row, key)
		}
		selected = key
		btn.Enable()
	}
	return btn
}

// openingFields are the amounts of an opening balance in the form's order;
// hours is the one in hours, negative the one that may be below zero.
var openingFields = []struct {
	key             string
	hours, negative bool
}{
	{"ob.tablewage", false, false}, {"ob.specialwage", false, false}, {"ob.wagetax", false, true},
	{"ob.gross", false, false}, {"ob.net", false, false},
	{"ob.holidaypay", false, false}, {"ob.holidayhours", true, false}, {"ob.publicdays", false, false}, {"ob.shortleave", false, false},
}

// EditOpening asks for the opening balance a worker brings from the previous
// payroll package: this or last year's totals so far and the reserved
// balances. It is taken over once (the store refuses a second).
func (u *UI) EditOpening(key string) {
	t := u.Tr.T
	id, err := strconv.ParseInt(key, 10, 64)
	if err != nil {
		return
	}
	year := u.Now().Year()
	years := []string{strconv.Itoa(year), strconv.Itoa(year - 1)}
	pick := widget.NewSelect(years, nil)
	pick.SetSelected(years[0])
	periods := widget.NewEntry()
	periods.SetPlaceHolder("0")
	periods.Validator = func(s string) error {
		if n, err := strconv.Atoi(s); s != "" && (err != nil || n < 0 || n > 53) {
			return errors.New(t("ob.periods.bad"))
		}
		return nil
	}
	items := []*widget.FormItem{widget.NewFormItem(t("ob.year"), pick), widget.NewFormItem(t("ob.periods"), periods)}
	entries := make([]*widget.Entry, len(openingFields))
	for i, f := range openingFields {
		e := widget.NewEntry()
		neg := f.negative
		e.Validator = func(s string) error {
			if s == "" {
				return nil
			}
			d, err := domain.ParseDecimalNL(s)
			if err != nil || (d.IsNegative() && !neg) || !d.Equal(d.Round(2)) {
				return errors.New(t("ob.amount.bad"))
			}
			return nil
		}
		entries[i] = e
		items = append(items, widget.NewFormItem(t(f.key), e))
	}
	items = append(items, widget.NewFormItem("", wrapLabel(t("ob.note"))))
	title := t("ob.title")
	if s := u.Snapshot(); s != nil && s.WorkerByID[id] != nil {
		title += " — " + s.WorkerByID[id].Number + " " + s.WorkerByID[id].SortName()
	}
	u.formDialog(title, t("ob.save"), items, func() {
		y, _ := strconv.Atoi(pick.Selected)
		n, _ := strconv.Atoi(periods.Text)
		val := func(i int) decimal.Decimal {
			d, _ := domain.ParseDecimalNL(entries[i].Text)
			return d
		}
		ob := &app.OpeningBalance{WorkerID: id, Year: y, YearToDate: app.YearToDate{Periods: n, TableWage: val(0),
			SpecialWage: val(1), WageTax: val(2), Gross: val(3), Net: val(4)}}
		for i, s := range []struct{ scheme, unit string }{{payroll.SchemeHolidayPay, app.UnitMoney},
			{payroll.SchemeHolidayHours, app.UnitHours}, {payroll.SchemePublicDays, app.UnitMoney}, {payroll.SchemeShortLeave, app.UnitMoney}} {
			if d := val(5 + i); !d.IsZero() {
				ob.Reservations = append(ob.Reservations, app.ReservationMove{Scheme: s.scheme, Unit: s.unit, Amount: d})
			}
		}
		u.background(func(ctx context.Context, st app.Store) error { return st.SaveOpeningBalance(ctx, ob) },
			func() { dialog.ShowInformation(t("ob.title"), t("ob.saved", map[string]any{"Year": y}), u.Win) })
	})
}
