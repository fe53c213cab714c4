package gui

import (
	"context"
	"errors"
	"path/filepath"
	"sort"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
	"github.com/shopspring/decimal"

	"verloner/app"
	"verloner/app/payrun"
	"verloner/domain"
	"verloner/domain/payroll"
)

// Reserveringen: the balances the payroll reserved per worker (money, or hours
// for vakantie-uren from 2026) and the payout requests the next final run
// pays — vakantiegeld for everyone in May, everything at the end of an
// employment. Opened from the Verloning page.

// payoutRow is one line of the reservations dialog: a worker's balance in one
// scheme and its open request, if any.
type payoutRow struct {
	worker *domain.Worker
	scheme string
	unit   string
	bal    decimal.Decimal
	open   *app.PayoutRequest
}

// payoutRows reads the balances and open requests into rows, by worker number
// and scheme. A request for a scheme without a balance row gets a row too.
func payoutRows(ctx context.Context, st app.Store) ([]payoutRow, []*domain.Worker, error) {
	ws, err := st.WorkerIdentities(ctx)
	if err != nil {
		return nil, nil, err
	}
	byID := map[int64]*domain.Worker{}
	for _, w := range ws {
		byID[w.ID] = w
	}
	bs, err := st.ReservationBalances(ctx, 0)
	if err != nil {
		return nil, nil, err
	}
	reqs, err := st.PayoutRequests(ctx, true)
	if err != nil {
		return nil, nil, err
	}
	type key struct {
		worker int64
		scheme string
	}
	open := map[key]*app.PayoutRequest{}
	for _, r := range reqs {
		open[key{r.WorkerID, r.Scheme}] = r
	}
	var rows []payoutRow
	seen := map[key]bool{}
	for _, b := range bs {
		w := byID[b.WorkerID]
		k := key{b.WorkerID, b.Scheme}
		if w == nil || (b.Balance.IsZero() && open[k] == nil) {
			continue
		}
		seen[k] = true
		rows = append(rows, payoutRow{worker: w, scheme: b.Scheme, unit: b.Unit, bal: b.Balance, open: open[k]})
	}
	for k, r := range open {
		if w := byID[k.worker]; w != nil && !seen[k] {
			rows = append(rows, payoutRow{worker: w, scheme: k.scheme, unit: app.UnitMoney, open: r})
		}
	}
	sort.Slice(rows, func(i, j int) bool {
		if rows[i].worker.Number != rows[j].worker.Number {
			return rows[i].worker.Number < rows[j].worker.Number
		}
		return rows[i].scheme < rows[j].scheme
	})
	return rows, ws, nil
}

func (u *UI) payoutsButton() fyne.CanvasObject {
	return widget.NewButton(u.Tr.T("po.button"), u.ShowPayouts)
}

// ShowPayouts reads the reservations off the UI goroutine and shows them.
func (u *UI) ShowPayouts() { u.showPayouts("") }

// showPayouts shows the reservations dialog and then, when there is one, the
// message of the change that reopened it (on top: a dialog hidden later takes
// the dialogs above it along).
func (u *UI) showPayouts(msg string) {
	if u.Store == nil {
		return
	}
	var rows []payoutRow
	var ws []*domain.Worker
	u.background(func(ctx context.Context, st app.Store) (err error) {
		rows, ws, err = payoutRows(ctx, st)
		return err
	}, func() {
		u.payoutsDialog(rows, ws)
		if msg != "" {
			dialog.ShowInformation(u.Tr.T("po.title"), msg, u.Win)
		}
	})
}

// background runs work off the UI goroutine on the open administration and
// then, on the UI goroutine, done — or shows what went wrong. Nothing is
// shown when another administration was opened meanwhile.
func (u *UI) background(work func(context.Context, app.Store) error, done func()) {
	st := u.Store
	u.tasks.Add(1)
	go func() {
		defer u.tasks.Done()
		err := work(context.Background(), st)
		u.post(func() {
			if st != u.Store {
				return
			}
			if err != nil {
				u.showErr(err)
				return
			}
			done()
		})
	}()
}

func (u *UI) payoutsDialog(rows []payoutRow, ws []*domain.Worker) {
	t := u.Tr.T
	table := NewDataTable([]string{t("col.number"), t("col.name"), t("po.col.scheme"), t("po.col.balance"), t("po.col.request")},
		[]float32{70, 220, 150, 120, 260}, t("md.search"), u.countText)
	cells := make([][]string, len(rows))
	keys := make([]string, len(rows))
	for i, r := range rows {
		bal := domain.FormatEuro(r.bal)
		if r.unit == app.UnitHours {
			bal = t("po.hours", map[string]any{"N": domain.FormatDecimalNL(r.bal, 2)})
		}
		req := ""
		if r.open != nil {
			what := t("po.whole")
			if r.open.Amount.IsPositive() {
				what = domain.FormatEuro(r.open.Amount)
			}
			req = t("po.open", map[string]any{"ID": r.open.ID, "What": what, "On": fmtDate(r.open.RequestedOn)})
		}
		cells[i] = []string{r.worker.Number, r.worker.FullName(), u.schemeName(r.scheme), bal, req}
		keys[i] = strconv.Itoa(i)
	}
	table.SetKeyedRows(cells, keys)

	var dlg dialog.Dialog
	refresh := func(msg string) {
		dlg.Hide()
		u.showPayouts(msg)
	}
	var selected *payoutRow
	request := widget.NewButton(t("po.request"), func() { u.payoutRequestForm(selected, ws, refresh) })
	cancel := widget.NewButton(t("po.cancel"), func() {
		if selected == nil || selected.open == nil {
			return
		}
		id := selected.open.ID
		u.payoutChange(func(ctx context.Context, st app.Store) (string, error) {
			_, err := payrun.CancelPayout(ctx, st, id)
			return t("po.cancelled", map[string]any{"ID": id}), err
		}, refresh)
	})
	cancel.Disable()
	table.OnSelect = func(_ []string, key string) {
		i, _ := strconv.Atoi(key)
		selected = &rows[i]
		if selected.open != nil {
			cancel.Enable()
		} else {
			cancel.Disable()
		}
	}
	everyone := widget.NewButton(t("po.all"), func() {
		dialog.ShowConfirm(t("po.all"), t("po.all.confirm"), func(ok bool) {
			if !ok {
				return
			}
			u.payoutChange(func(ctx context.Context, st app.Store) (string, error) {
				made, err := payrun.RequestPayoutAll(ctx, st, payroll.SchemeHolidayPay, t("po.all.note"))
				return t("po.all.done", map[string]any{"N": len(made)}), err
			}, refresh)
		}, u.Win)
	})
	statement := widget.NewButton(t("po.statement"), func() {
		dialog.ShowFolderOpen(func(dir fyne.ListableURI, err error) {
			if err != nil {
				dialog.ShowError(err, u.Win)
				return
			}
			if dir != nil {
				u.ExportReservations(dir.Path())
			}
		}, u.Win)
	})
	intro := wrapLabel(t("po.intro"))
	var body fyne.CanvasObject = table.View()
	if len(rows) == 0 {
		body = container.NewBorder(widget.NewLabel(t("po.none")), nil, nil, nil, body)
	}
	content := container.NewBorder(intro, container.NewHBox(request, everyone, cancel, statement), nil, nil, body)
	dlg = dialog.NewCustom(t("po.title"), t("history.close"), content, u.Win)
	dlg.Resize(fyne.NewSize(900, 560))
	dlg.Show()
}

// schemeName is a reservation scheme as the payslip names it.
func (u *UI) schemeName(scheme string) string {
	if p, ok := payroll.SchemeNames[scheme]; ok {
		return p.In(domain.Language(u.Tr.Language()))
	}
	return scheme
}

// payoutRequestForm asks for one worker's payout: the worker and scheme of the
// selected row when there is one, an amount (empty: the whole balance) and a
// note.
func (u *UI) payoutRequestForm(sel *payoutRow, ws []*domain.Worker, done func(msg string)) {
	t := u.Tr.T
	names := make([]string, len(ws))
	byName := map[string]*domain.Worker{}
	for i, w := range ws {
		names[i] = w.Number + " " + w.FullName()
		byName[names[i]] = w
	}
	worker := widget.NewSelectEntry(names)
	worker.SetPlaceHolder(t("po.worker.ph"))
	schemes := make([]string, len(payrun.Schemes))
	bySchemeName := map[string]string{}
	for i, s := range payrun.Schemes {
		schemes[i] = u.schemeName(s)
		bySchemeName[schemes[i]] = s
	}
	scheme := widget.NewSelect(schemes, nil)
	scheme.SetSelected(u.schemeName(payroll.SchemeHolidayPay))
	if sel != nil {
		worker.SetText(sel.worker.Number + " " + sel.worker.FullName())
		scheme.SetSelected(u.schemeName(sel.scheme))
	}
	worker.Validator = func(s string) error {
		if byName[s] == nil {
			return errors.New(t("po.worker.unknown"))
		}
		return nil
	}
	amount := widget.NewEntry()
	amount.SetPlaceHolder(t("po.amount.ph"))
	amount.Validator = func(s string) error {
		if s == "" {
			return nil
		}
		if d, err := domain.ParseDecimalNL(s); err != nil || !d.IsPositive() {
			return errors.New(t("po.amount.bad"))
		}
		return nil
	}
	note := widget.NewEntry()
	items := []*widget.FormItem{widget.NewFormItem(t("po.worker"), worker), widget.NewFormItem(t("po.col.scheme"), scheme),
		widget.NewFormItem(t("po.amount"), amount), widget.NewFormItem(t("po.note"), note),
		widget.NewFormItem("", wrapLabel(t("po.form.note")))}
	u.formDialog(t("po.request"), t("po.request.ok"), items, func() {
		w := byName[worker.Text]
		s := bySchemeName[scheme.Selected]
		amt := decimal.Zero
		if amount.Text != "" {
			amt, _ = domain.ParseDecimalNL(amount.Text)
		}
		if w == nil || s == "" {
			return
		}
		n := note.Text
		u.payoutChange(func(ctx context.Context, st app.Store) (string, error) {
			r, err := payrun.RequestPayout(ctx, st, w.ID, s, amt, n)
			if err != nil {
				return "", err
			}
			return t("po.requested", map[string]any{"ID": r.ID, "Worker": w.Number}), nil
		}, done)
	})
}

// payoutChange runs a change of the payout requests off the UI goroutine,
// then calls done with what it did, or shows what went wrong.
func (u *UI) payoutChange(change func(context.Context, app.Store) (string, error), done func(msg string)) {
	var msg string
	u.background(func(ctx context.Context, st app.Store) (err error) {
		msg, err = change(ctx, st)
		return err
	}, func() { done(msg) })
}

// ExportReservations writes today's reservations statement (XLSX) into dir
// and offers to open it.
func (u *UI) ExportReservations(dir string) {
	st := u.Store
	at := domain.DateOf(u.Now())
	path := filepath.Join(dir, "reserveringen-"+at.Format("2006-01-02")+".xlsx")
	u.RunTask(u.Tr.T("export.running"), func(ctx context.Context, _ func(int, int)) error {
		_, err := payrun.WriteReservationStatement(ctx, st, at, path)
		return err
	}, func(err error) {
		if err != nil {
			u.showErr(err)
			return
		}
		u.showExported(path)
	})
}
