package gui

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
	"github.com/shopspring/decimal"

	"verloner/app/contracts"
	"verloner/domain"
	"verloner/domain/contract"
)

// contractsState is the Contracten page's register, read off the UI goroutine.
type contractsState struct {
	all     []*contract.Contract // every version of every worker
	loaded  bool
	loading bool
	err     error
	worker  int64 // the worker whose register is shown
	version int64 // the version the buttons act on (0: the worker's newest)
	notes   []contracts.Note
}

// ShowContracts opens the Contracten page on a worker's register.
func (u *UI) ShowContracts(workerID int64) {
	c := &u.hr().con
	c.worker, c.version, c.notes = workerID, 0, nil
	u.Show(PageContracts)
}

// contractsPage is the Contracten page: every worker with the contract in
// force today, and below the register of the chosen worker (every contract
// and version) with what can be done to it: issue a new contract for a
// placement, extend, change the wage, end, record the signature, open the PDF
// or delete a version issued by mistake.
func (u *UI) contractsPage(s *Snapshot) fyne.CanvasObject {
	t := u.Tr.T
	c := &u.hr().con
	head := title(t("con.title"))
	if !c.loaded {
		if c.err != nil {
			retry := widget.NewButton(t("abs.refresh"), func() { c.err = nil; u.Show(PageContracts) })
			return container.NewVBox(head, wrapLabel(errText(c.err)), container.NewHBox(retry))
		}
		if !c.loading {
			u.loadContracts(nil)
		}
		return container.NewVBox(head, widget.NewLabel(t("con.loading")), widget.NewProgressBarInfinite())
	}
	today := u.today()
	byWorker := map[int64][]*contract.Contract{}
	for _, v := range c.all {
		byWorker[v.WorkerID] = append(byWorker[v.WorkerID], v)
	}

	workers := NewDataTable([]string{t("col.number"), t("col.name"), t("col.phase"), t("con.col.contract"), t("col.start"),
		t("col.end"), t("con.col.signed"), t("con.col.state")}, []float32{70, 200, 60, 80, 95, 95, 100, 360}, t("md.search"), u.countText)
	var rows [][]string
	var keys []string
	for _, w := range s.Workers {
		vs := byWorker[w.ID]
		cur := contract.InForce(vs, today)
		num, start, end, signed := "—", "", "", ""
		if cur != nil {
			num = fmt.Sprintf("%d.%d", cur.Number, cur.Version)
			start, end, signed = fmtDate(cur.Start), fmtDate(cur.End), fmtDate(cur.SignedOn)
		}
		rows = append(rows, []string{w.Number, w.SortName(), string(w.Phase), num, start, end, signed, u.contractState(w, vs, cur, today)})
		keys = append(keys, strconv.FormatInt(w.ID, 10))
	}
	workers.SetKeyedRows(rows, keys)
	if c.worker == 0 && len(s.Workers) > 0 {
		c.worker = s.Workers[0].ID // show a register from the start
	}

	register := container.NewStack(u.registerView(s, byWorker))
	workers.OnSelect = func(_ []string, key string) {
		id, _ := strconv.ParseInt(key, 10, 64)
		if id == c.worker {
			return
		}
		c.worker, c.version, c.notes = id, 0, nil
		register.Objects = []fyne.CanvasObject{u.registerView(s, byWorker)}
		register.Refresh()
	}
	intro := wrapLabel(t("con.intro"))
	top := container.NewVBox(head, intro, workers.Toolbar())
	split := container.NewVSplit(workers.Table, register)
	split.Offset = 0.42
	return container.NewBorder(top, nil, nil, nil, split)
}

// contractState says in a few words how a worker's register stands today.
func (u *UI) contractState(w *domain.Worker, vs []*contract.Contract, cur *contract.Contract, today time.Time) string {
	t := u.Tr.T
	switch {
	case len(vs) == 0 && !w.ContractSignedOn.IsZero():
		return t("con.state.record", map[string]any{"Date": fmtDate(w.ContractSignedOn)})
	case len(vs) == 0:
		return t("con.state.none")
	case cur == nil:
		return t("con.state.notyet")
	case !cur.Covers(today):
		return t("con.state.ended", map[string]any{"Date": fmtDate(cur.End)})
	case !cur.Signed():
		return t("con.state.unsigned")
	case !cur.End.IsZero() && cur.End.Before(today.AddDate(0, 0, 28)):
		return t("con.state.endsoon", map[string]any{"Date": fmtDate(cur.End)})
	}
	return t("con.state.ok")
}

// registerView is the chosen worker's register with its buttons.
func (u *UI) registerView(s *Snapshot, byWorker map[int64][]*contract.Contract) fyne.CanvasObject {
	t := u.Tr.T
	c := &u.hr().con
	w := s.WorkerByID[c.worker]
	if w == nil {
		return container.NewVBox(widget.NewSeparator(), widget.NewLabel(t("con.pick")))
	}
	vs := byWorker[w.ID]
	head := title(t("con.register", map[string]any{"Number": w.Number, "Name": w.FullName()}))
	lang := domain.Dutch
	if u.Tr.Language() == "en" {
		lang = domain.English
	}
	table := NewDataTable([]string{t("con.col.contract"), t("con.col.version"), t("con.col.reason"), t("con.col.from"), t("col.start"),
		t("col.end"), t("col.phase"), t("con.col.beding"), t("con.col.hours"), t("col.wage"), t("col.language"), t("con.col.signed")},
		[]float32{75, 55, 160, 95, 95, 95, 45, 110, 90, 85, 45, 100}, "", nil)
	var rows [][]string
	var keys []string
	for _, v := range vs {
		signed := fmtDate(v.SignedOn)
		if signed == "" {
			signed = t("con.unsigned")
		}
		rows = append(rows, []string{strconv.Itoa(v.Number), strconv.Itoa(v.Version), v.Reason.Label(lang), fmtDate(v.EffectiveFrom),
			fmtDate(v.Start), fmtDate(v.End), string(v.Phase), u.yesNo(v.Uitzendbeding), domain.FormatDecimalNL(v.AgreedHours, 2),
			domain.FormatEuro(v.HourlyWage), string(v.Language), signed})
		keys = append(keys, strconv.FormatInt(v.ID, 10))
	}
	table.SetKeyedRows(rows, keys)

	sel := selectedVersion(vs, c.version)
	selLabel := widget.NewLabel("")
	newBtn := widget.NewButton(t("con.new"), func() { u.issueContractDialog(s, w) })
	newBtn.Importance = widget.HighImportance
	signBtn := widget.NewButton(t("con.sign"), nil)
	pdfBtn := widget.NewButton(t("con.pdf"), nil)
	extendBtn := widget.NewButton(t("con.extend"), nil)
	wageBtn := widget.NewButton(t("con.wage"), nil)
	endBtn := widget.NewButton(t("con.end"), nil)
	delBtn := widget.NewButton(t("con.delete"), nil)
	hasPlacement := false
	for _, p := range s.Placements {
		if p.WorkerID == w.ID {
			hasPlacement = true
		}
	}
	if !hasPlacement {
		newBtn.Disable()
	}
	update := func(v *contract.Contract) {
		sel = v
		for _, b := range []*widget.Button{signBtn, pdfBtn, extendBtn, wageBtn, endBtn, delBtn} {
			b.Disable()
		}
		if v == nil {
			selLabel.SetText(t("con.none"))
			return
		}
		c.version = v.ID
		selLabel.SetText(t("con.selected", map[string]any{"Number": v.Number, "Version": v.Version, "Reason": v.Reason.Label(lang)}))
		pdfBtn.Enable()
		if !v.Signed() {
			signBtn.Enable()
			delBtn.Enable()
		}
		if newestOf(vs, v) && v.Reason != contract.ReasonEnd {
			wageBtn.Enable()
			endBtn.Enable()
			if !v.End.IsZero() {
				extendBtn.Enable()
			}
		}
	}
	signBtn.OnTapped = func() { u.signContractDialog(sel) }
	pdfBtn.OnTapped = func() { u.openContractPDF(sel.ID) }
	extendBtn.OnTapped = func() { u.extendContractDialog(sel) }
	wageBtn.OnTapped = func() { u.changeWageDialog(sel) }
	endBtn.OnTapped = func() { u.endContractDialog(sel) }
	delBtn.OnTapped = func() {
		v := sel
		dialog.ShowConfirm(t("con.delete"), t("con.delete.confirm", map[string]any{"Number": v.Number, "Version": v.Version}), func(ok bool) {
			if ok {
				u.contractTask(t("con.running"), func(ctx context.Context) error { return contracts.Delete(ctx, u.Store, v.ID) }, false)
			}
		}, u.Win)
	}
	table.OnSelect = func(_ []string, key string) {
		id, _ := strconv.ParseInt(key, 10, 64)
		for _, v := range vs {
			if v.ID == id {
				update(v)
			}
		}
	}
	update(sel)

	notes := container.NewVBox()
	for _, n := range c.notes {
		l := wrapLabel("• " + n.In(u.Tr.Language()))
		l.Importance = widget.WarningImportance
		notes.Add(l)
	}
	if len(vs) == 0 {
		notes.Add(wrapLabel(t("con.empty")))
	}
	bar := container.NewHBox(newBtn, signBtn, pdfBtn, extendBtn, wageBtn, endBtn, delBtn)
	top := container.NewVBox(widget.NewSeparator(), head, bar, selLabel)
	return container.NewBorder(top, notes, nil, nil, table.Table)
}

// selectedVersion is the version with the given ID, else the newest one.
func selectedVersion(vs []*contract.Contract, id int64) *contract.Contract {
	for _, v := range vs {
		if v.ID == id {
			return v
		}
	}
	if l := contract.Latest(vs); len(l) > 0 {
		return l[len(l)-1]
	}
	return nil
}

// newestOf reports whether v is the highest version of its contract.
func newestOf(vs []*contract.Contract, v *contract.Contract) bool {
	for _, o := range vs {
		if o.Number == v.Number && o.Version > v.Version {
			return false
		}
	}
	return true
}

// loadContracts reads the register off the UI goroutine and redraws the page.
func (u *UI) loadContracts(done func()) {
	c := &u.hr().con
	c.loading = true
	st := u.Store
	u.tasks.Add(1)
	go func() {
		defer u.tasks.Done()
		all, err := st.Contracts(context.Background(), 0)
		u.post(func() {
			if st != u.Store {
				return
			}
			c := &u.hr().con
			c.loading, c.all, c.err, c.loaded = false, all, err, err == nil
			if done != nil {
				done()
			}
			if u.current == PageContracts {
				u.Show(PageContracts)
			}
		})
	}()
}

// contractTask runs a change to the register with progress, then reloads the
// register (and the administration, when the worker record followed a
// signature).
func (u *UI) contractTask(what string, work func(ctx context.Context) error, reloadAll bool) {
	u.RunTask(what, func(ctx context.Context, _ func(int, int)) error { return work(ctx) }, func(err error) {
		if errors.Is(err, context.Canceled) {
			return
		}
		if err != nil {
			u.showErr(err)
		}
		u.current = PageContracts
		if reloadAll {
			u.hr().con.loaded = false
			u.LoadAsync(context.Background())
			return
		}
		u.loadContracts(nil)
	})
}

// issueContractDialog asks for the placement, dates and hours of a new
// contract; empty fields take the placement's values.
func (u *UI) issueContractDialog(s *Snapshot, w *domain.Worker) {
	t := u.Tr.T
	var options []string
	byLabel := map[string]*domain.Placement{}
	var running string
	for _, p := range s.Placements {
		if p.WorkerID != w.ID {
			continue
		}
		h := ""
		if hr := s.HirerByID[p.HirerID]; hr != nil {
			h = hr.Name
		}
		label := strings.TrimSpace(fmt.Sprintf("%s — %s, %s (%s)", p.Number, h, p.Function, fmtDate(p.Start)))
		options = append(options, label)
		byLabel[label] = p
		if running == "" || p.ActiveOn(u.today()) {
			running = label
		}
	}
	placement := widget.NewSelect(options, nil)
	placement.SetSelected(running)
	start := u.dateField(time.Time{}, false)
	start.SetPlaceHolder(t("con.start.ph"))
	end := u.dateField(time.Time{}, false)
	end.SetPlaceHolder(t("con.end.ph"))
	hours := widget.NewEntry()
	hours.SetPlaceHolder(t("con.hours.ph"))
	hours.Validator = u.chkNumber(false, decimal.Zero, nil)
	items := []*widget.FormItem{
		widget.NewFormItem(t("col.placement"), placement),
		widget.NewFormItem(t("col.start"), start),
		widget.NewFormItem(t("col.end"), end),
		widget.NewFormItem(t("con.col.hours"), hours),
	}
	u.formDialog(t("con.new.title", map[string]any{"Number": w.Number, "Name": w.FullName()}), t("con.new.ok"), items, func() {
		req := contracts.Request{WorkerID: w.ID, Start: dateOf(start), End: dateOf(end)}
		if p := byLabel[placement.Selected]; p != nil {
			req.PlacementID = p.ID
		}
		if hours.Text != "" {
			req.AgreedHours, _ = domain.ParseDecimalNL(hours.Text)
		}
		var notes []contracts.Note
		u.contractTask(t("con.running"), func(ctx context.Context) error {
			d, err := contracts.Issue(ctx, u.Store, req, contracts.Options{Params: u.Params, Now: u.Now})
			if err == nil {
				notes = d.Notes
				u.post(func() { c := &u.hr().con; c.worker, c.version, c.notes = w.ID, d.Contract.ID, notes })
			}
			return err
		}, false)
	})
}

// signContractDialog records the date a version was signed (default today).
func (u *UI) signContractDialog(v *contract.Contract) {
	t := u.Tr.T
	on := u.dateField(u.today(), true)
	u.formDialog(t("con.sign.title", map[string]any{"Number": v.Number, "Version": v.Version}), t("con.sign.ok"),
		[]*widget.FormItem{widget.NewFormItem(t("con.sign.date"), on)}, func() {
			date := dateOf(on)
			u.contractTask(t("con.running"), func(ctx context.Context) error { return contracts.Sign(ctx, u.Store, v.ID, date) }, true)
		})
}

func (u *UI) extendContractDialog(v *contract.Contract) {
	t := u.Tr.T
	end := u.dateField(v.End.AddDate(0, 3, 0), true)
	u.formDialog(t("con.extend.title", map[string]any{"Number": v.Number, "End": fmtDate(v.End)}), t("con.extend.ok"),
		[]*widget.FormItem{widget.NewFormItem(t("con.newend"), end)}, func() {
			date := dateOf(end)
			u.contractTask(t("con.running"), func(ctx context.Context) error {
				n, err := contracts.Extend(ctx, u.Store, v.ID, date, contracts.Options{Params: u.Params, Now: u.Now})
				u.selectVersion(n)
				return err
			}, false)
		})
}

func (u *UI) changeWageDialog(v *contract.Contract) {
	t := u.Tr.T
	wage := widget.NewEntry()
	wage.SetText(domain.FormatDecimalNL(v.HourlyWage, 2))
	wage.Validator = u.required(u.chkNumber(true, decimal.New(1, -2), nil))
	scale := widget.NewEntry()
	scale.SetText(v.WageScale)
	from := u.dateField(u.today(), true)
	u.formDialog(t("con.wage.title", map[string]any{"Number": v.Number}), t("con.wage.ok"), []*widget.FormItem{
		widget.NewFormItem(t("col.wage"), wage), widget.NewFormItem(t("con.scale"), scale), widget.NewFormItem(t("con.from"), from),
	}, func() {
		amount, _ := domain.ParseDecimalNL(wage.Text)
		date, sc := dateOf(from), scale.Text
		u.contractTask(t("con.running"), func(ctx context.Context) error {
			n, err := contracts.ChangeWage(ctx, u.Store, v.ID, amount, sc, date, contracts.Options{Params: u.Params, Now: u.Now})
			if err == nil {
				u.post(func() {
					u.hr().con.notes = []contracts.Note{{NL: "Het uurloon in de plaatsing (dat de verloning gebruikt) is niet gewijzigd; pas het aan in Stamgegevens → Plaatsingen.",
						EN: "The placement's hourly wage (which payroll uses) is unchanged; change it in Master data → Placements."}}
				})
			}
			u.selectVersion(n)
			return err
		}, false)
	})
}

func (u *UI) endContractDialog(v *contract.Contract) {
	t := u.Tr.T
	def := u.today()
	if !v.End.IsZero() && v.End.Before(def) {
		def = v.End
	}
	end := u.dateField(def, true)
	u.formDialog(t("con.end.title", map[string]any{"Number": v.Number}), t("con.end.ok"),
		[]*widget.FormItem{widget.NewFormItem(t("con.enddate"), end)}, func() {
			date := dateOf(end)
			u.contractTask(t("con.running"), func(ctx context.Context) error {
				n, err := contracts.End(ctx, u.Store, v.ID, date, contracts.Options{Params: u.Params, Now: u.Now})
				u.selectVersion(n)
				return err
			}, false)
		})
}

// selectVersion makes a version just made the one the buttons act on
// (called off the UI goroutine; n may be nil after an error).
func (u *UI) selectVersion(n *contract.Contract) {
	if n == nil {
		return
	}
	u.post(func() { u.hr().con.version = n.ID })
}

// openContractPDF renders a version's PDF and offers to open it.
func (u *UI) openContractPDF(id int64) {
	st := u.Store
	var path string
	u.RunTask(u.Tr.T("con.rendering"), func(ctx context.Context, _ func(int, int)) error {
		name, b, err := contracts.PDF(ctx, st, id)
		if err != nil {
			return err
		}
		path, err = u.openTemp(name, b)
		return err
	}, func(err error) {
		if errors.Is(err, context.Canceled) {
			return
		}
		if err != nil {
			u.showErr(err)
			return
		}
		u.showExported(path)
	})
}
