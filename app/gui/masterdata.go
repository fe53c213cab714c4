package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"

	"verloner/domain"
)

// countText is the "12 van 25" label of a filtered table.
func (u *UI) countText(shown, total int) string {
	return u.Tr.T("md.count", map[string]any{"Shown": shown, "Total": total})
}

// WorkerRows are the worker list's cells; BSN and IBAN are masked.
func (u *UI) WorkerRows(s *Snapshot) [][]string {
	rows := make([][]string, 0, len(s.Workers))
	for _, w := range s.Workers {
		rows = append(rows, []string{w.Number, w.SortName(), fmtDate(w.BirthDate), domain.MaskBSN(w.BSN),
			domain.MaskIBAN(w.IBAN), string(w.Phase), string(w.Language), fmtDate(w.Identity.Expiry),
			fmtDate(w.ContractSignedOn)})
	}
	return rows
}

// HirerRows are the hirer list's cells.
func (u *UI) HirerRows(s *Snapshot) [][]string {
	rows := make([][]string, 0, len(s.Hirers))
	for _, h := range s.Hirers {
		rows = append(rows, []string{h.Number, h.Name, h.Address.City, h.VATID, itoa(h.PaymentTermDays) + " dagen",
			domain.FormatEuro(h.CreditLimit), domain.FormatDecimalNL(h.GSharePercent, 0), u.yesNo(h.ReverseCharge),
			fmtDate(h.Remuneration.SignedOn)})
	}
	return rows
}

// PlacementRows are the placement list's cells.
func (u *UI) PlacementRows(s *Snapshot) [][]string {
	rows := make([][]string, 0, len(s.Placements))
	for _, p := range s.Placements {
		worker, hirer := "", ""
		if w := s.WorkerByID[p.WorkerID]; w != nil {
			worker = w.Number + " " + w.FullName()
		}
		if h := s.HirerByID[p.HirerID]; h != nil {
			hirer = h.Name
		}
		rows = append(rows, []string{p.Number, worker, hirer, p.Function, fmtDate(p.Start), fmtDate(p.End),
			domain.FormatEuro(p.HourlyWage), domain.FormatEuro(p.BillingRate)})
	}
	return rows
}

func (u *UI) masterDataPage(s *Snapshot) fyne.CanvasObject {
	t := u.Tr.T
	search := t("md.search")
	workers := NewDataTable([]string{t("col.number"), t("col.name"), t("col.birth"), t("col.bsn"), t("col.iban"),
		t("col.phase"), t("col.language"), t("col.idexpiry"), t("col.contract")},
		[]float32{70, 230, 120, 110, 210, 60, 60, 120, 140}, search, u.countText)
	workers.Fill(len(s.Workers), func() ([][]string, []string) { return u.WorkerRows(s), workerKeys(s) })
	hirers := NewDataTable([]string{t("col.number"), t("col.name"), t("col.city"), t("col.vat"), t("col.term"),
		t("col.limit"), t("col.gshare"), t("col.reverse"), t("col.record")},
		[]float32{70, 260, 110, 150, 110, 120, 100, 100, 190}, search, u.countText)
	hirers.Fill(len(s.Hirers), func() ([][]string, []string) { return u.HirerRows(s), hirerKeys(s) })
	placements := NewDataTable([]string{t("col.number"), t("col.worker"), t("col.hirer"), t("col.function"),
		t("col.start"), t("col.end"), t("col.wage"), t("col.rate")},
		[]float32{80, 240, 250, 190, 100, 100, 100, 100}, search, u.countText)
	placements.Fill(len(s.Placements), func() ([][]string, []string) { return u.PlacementRows(s), placementKeys(s) })
	if u.mdQuery != "" {
		if u.mdHirers {
			hirers.Search.SetText(u.mdQuery)
		} else {
			workers.Search.SetText(u.mdQuery)
		}
	}
	tabs := container.NewAppTabs(
		container.NewTabItem(t("md.workers"), u.withHistory(workers, EntityWorker,
			u.editableTable(workers, func() { u.EditWorker(nil) }, u.editWorkerKey),
			u.selectedAction(workers, t("ob.button"), u.EditOpening))),
		container.NewTabItem(t("md.hirers"), u.withHistory(hirers, EntityHirer,
			u.editableTable(hirers, func() { u.EditHirer(nil) }, u.editHirerKey))),
		container.NewTabItem(t("md.placements"), u.withHistory(placements, EntityPlacement,
			u.editableTable(placements, func() { u.EditPlacement(nil) }, u.editPlacementKey))),
	)
	if u.mdHirers {
		tabs.SelectIndex(1)
	}
	return tabs
}

func itoa(i int) string { return domain.FormatDecimalNL(domain.Zero.Add(decimalFromInt(i)), 0) }
