package importing

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"verloner/app"
	"verloner/domain"
	"verloner/importers"
)

// Tally counts records per entity.
type Tally struct {
	Workers    int `json:"workers"`
	Hirers     int `json:"hirers"`
	Placements int `json:"placements"`
}

// MasterPreview is what a placement list would create and update, row by row.
type MasterPreview struct {
	File      string                `json:"file"`
	Kind      string                `json:"kind"`
	Hash      string                `json:"hash"`
	Format    importers.Format      `json:"format"`
	Template  *importers.Template   `json:"template,omitempty"`
	Counts    Counts                `json:"counts"`
	Rows      []importers.RowResult `json:"rows"`
	Notes     []importers.Message   `json:"notes,omitempty"`
	Duplicate *app.ImportFile       `json:"duplicate,omitempty"`
	Created   Tally                 `json:"created"`
	Updated   Tally                 `json:"updated"`

	imp *app.MasterDataImport
}

// Messages returns every message of the preview.
func (p *MasterPreview) Messages() []importers.Message { return allMessages(p.Notes, p.Rows) }

// changes records which fields an update touches, by name (never by value:
// the names go into messages, the values may be a BSN or IBAN).
type changes []string

func setStr(ch *changes, name string, dst *string, v string) {
	if v != "" && v != *dst {
		*dst = v
		*ch = append(*ch, name)
	}
}

// masterDrafts are the records one placement list touches, shared between
// rows that name the same worker, hirer or placement, so that a workers sheet
// and a placements sheet combine into one change per record.
type masterDrafts struct {
	workers    map[string]*domain.Worker // by number, upper case
	hirers     map[string]*domain.Hirer
	placements map[string]*domain.Placement
	wCh        map[*domain.Worker]*changes
	hCh        map[*domain.Hirer]*changes
	pCh        map[*domain.Placement]*changes
	newW       map[*domain.Worker]bool
	newH       map[*domain.Hirer]bool
	newP       map[*domain.Placement]bool
	plImports  []app.PlacementImport
}

// PreviewPlacements reads a placement list and works out what it creates and
// updates. Workers are matched on our number or BSN, hirers on number (or
// exact name), placements on number (or worker, hirer and start date).
func (s *Service) PreviewPlacements(ctx context.Context, fileName string, data []byte, opt Options) (*MasterPreview, error) {
	tpl, err := s.template(ctx, importers.KindPlacements, opt)
	if err != nil {
		return nil, err
	}
	ms, err := importers.ParsePlacements(ctx, data, importers.ParseOptions{File: fileName, Template: tpl, Progress: opt.Progress})
	if err != nil {
		return nil, err
	}
	ix, err := s.loadIndex(ctx, s.Store.Workers)
	if err != nil {
		return nil, err
	}
	p := &MasterPreview{File: fileName, Kind: importers.KindPlacements, Hash: ms.Hash, Format: ms.Format, Template: ms.Template,
		Rows: ms.Rows, Notes: ms.Notes}
	if p.Duplicate, err = s.Store.ImportFileByHash(ctx, ms.Hash); err != nil {
		return nil, err
	}
	if p.Duplicate != nil {
		p.Notes = append(p.Notes, fileNote(fileName, "import.duplicate", p.Duplicate.ImportedAt.Local().Format("02-01-2006 15:04"), p.Duplicate.FileName))
	}
	imp := &app.MasterDataImport{File: app.ImportFile{Hash: ms.Hash, FileName: fileName, Kind: importers.KindPlacements}}
	d := &masterDrafts{workers: map[string]*domain.Worker{}, hirers: map[string]*domain.Hirer{}, placements: map[string]*domain.Placement{},
		wCh: map[*domain.Worker]*changes{}, hCh: map[*domain.Hirer]*changes{}, pCh: map[*domain.Placement]*changes{},
		newW: map[*domain.Worker]bool{}, newH: map[*domain.Hirer]bool{}, newP: map[*domain.Placement]bool{}}
	for i := range ms.Records {
		if i%1024 == 0 && ctx.Err() != nil {
			return nil, &importers.FileError{Msg: importers.NewMessage(importers.StatusError, "file.canceled")}
		}
		rec := &ms.Records[i]
		rr := &p.Rows[rec.RowIndex]
		msg := func(sev importers.Status, key string, args ...string) {
			m := importers.NewMessage(sev, key, args...)
			m.File, m.Sheet, m.Row = fileName, rec.Sheet, rec.Row
			rr.Add(m)
		}
		hirer, ok := d.hirer(ix, rec, msg)
		if !ok {
			continue
		}
		worker, ok := d.worker(ix, rec, hirer, fileName, rr, msg)
		if !ok {
			continue
		}
		if rec.Alias != "" && worker != nil && hirer != nil {
			imp.Aliases = append(imp.Aliases, app.AliasImport{HirerNumber: hirer.Number, WorkerNumber: worker.Number, Code: rec.Alias})
		}
		if rec.Placement != nil {
			d.placement(ix, rec, worker, hirer, msg)
		}
	}
	// Only records of rows without errors are written; a record is written
	// once, when something about it is new or changed.
	bad := map[any]bool{}
	for _, rec := range ms.Records {
		if p.Rows[rec.RowIndex].Status != importers.StatusError {
			continue
		}
		p.Rows[rec.RowIndex].Lines = 0
		if rec.Placement != nil {
			bad[d.placements[strings.ToUpper(rec.Placement.Number)]] = true
		}
	}
	for w, ch := range d.wCh {
		switch {
		case d.newW[w]:
			p.Created.Workers++
		case len(*ch) > 0:
			p.Updated.Workers++
		default:
			continue
		}
		imp.Workers = append(imp.Workers, w)
	}
	for h, ch := range d.hCh {
		switch {
		case d.newH[h]:
			p.Created.Hirers++
		case len(*ch) > 0:
			p.Updated.Hirers++
		default:
			continue
		}
		imp.Hirers = append(imp.Hirers, h)
	}
	for _, pi := range d.plImports {
		if bad[pi.Placement] {
			continue
		}
		switch {
		case d.newP[pi.Placement]:
			p.Created.Placements++
		case len(*d.pCh[pi.Placement]) > 0:
			p.Updated.Placements++
		default:
			continue
		}
		imp.Placements = append(imp.Placements, pi)
	}
	d.describe(ms, p, fileName)
	p.imp = imp
	p.Counts = countRows(p.Rows)
	p.Counts.Lines = len(imp.Workers) + len(imp.Hirers) + len(imp.Placements)
	return p, nil
}

func (d *masterDrafts) hirer(ix *index, rec *importers.MasterRecord, msg func(importers.Status, string, ...string)) (*domain.Hirer, bool) {
	if rec.Hirer == nil {
		return nil, true
	}
	hf := rec.Hirer
	var hirer *domain.Hirer
	if h, ok := d.hirers[strings.ToUpper(hf.Number)]; ok && hf.Number != "" {
		hirer = h
	} else if h, ok := ix.hirer(firstNonEmpty(hf.Number, hf.Name)); ok {
		if dr, ok := d.hirers[strings.ToUpper(h.Number)]; ok {
			hirer = dr
		} else {
			c := *h
			hirer = &c
			d.hirers[strings.ToUpper(h.Number)] = hirer
			d.hCh[hirer] = &changes{}
		}
	} else if hf.Number != "" && hf.Name != "" {
		hirer = &domain.Hirer{Number: hf.Number, Name: hf.Name, PaymentTermDays: 14}
		d.hirers[strings.ToUpper(hf.Number)] = hirer
		d.hCh[hirer], d.newH[hirer] = &changes{}, true
	} else {
		msg(importers.StatusError, "row.hirer_unknown", firstNonEmpty(hf.Number, hf.Name))
		return nil, false
	}
	ch := d.hCh[hirer]
	if rec.Placement == nil && rec.Worker == nil {
		setStr(ch, "naam", &hirer.Name, hf.Name)
	}
	setStr(ch, "KvK", &hirer.KvK, hf.KvK)
	setStr(ch, "btw-nummer", &hirer.VATID, hf.VATID)
	setStr(ch, "adres", &hirer.Address.Street, hf.Street)
	setStr(ch, "postcode", &hirer.Address.PostalCode, hf.PostalCode)
	setStr(ch, "plaats", &hirer.Address.City, hf.City)
	setStr(ch, "e-mail", &hirer.ContactEmail, hf.Email)
	if err := hirer.Validate(); err != nil {
		msg(importers.StatusError, "row.invalid", domain.ErrorMessage(err))
		return nil, false
	}
	return hirer, true
}

func (d *masterDrafts) worker(ix *index, rec *importers.MasterRecord, hirer *domain.Hirer, fileName string, rr *importers.RowResult,
	msg func(importers.Status, string, ...string)) (*domain.Worker, bool) {
	if rec.Worker == nil {
		return nil, true
	}
	wf := rec.Worker
	k := wf.Key
	number := firstNonEmpty(k.Number, k.Ref)
	var worker *domain.Worker
	if w, ok := d.workers[strings.ToUpper(number)]; ok && number != "" {
		worker = w
	} else {
		var hid int64
		if hirer != nil {
			hid = hirer.ID
		}
		// Master data matches on our number or BSN; the hirer's alias is set, not matched.
		mk := importers.WorkerKey{Number: number, BSN: k.BSN}
		if mk.Number == "" && mk.BSN == "" {
			mk = k
		}
		w, m, ok := ix.matchWorker(mk, hid)
		switch {
		case ok:
			if dr, ok := d.workers[strings.ToUpper(w.Number)]; ok {
				worker = dr
			} else {
				c := *w
				worker = &c
				d.workers[strings.ToUpper(w.Number)] = worker
				d.wCh[worker] = &changes{}
			}
		case m.Key == "row.worker_unknown" && number != "":
			worker = &domain.Worker{Number: number, Phase: domain.PhaseA, Uitzendbeding: true}
			d.workers[strings.ToUpper(number)] = worker
			d.wCh[worker], d.newW[worker] = &changes{}, true
		case m.Key == "row.worker_unknown" || m.Key == "row.no_worker":
			msg(importers.StatusError, "row.worker_number_missing")
			return nil, false
		default:
			m.File, m.Sheet, m.Row = fileName, rec.Sheet, rec.Row
			rr.Add(m)
			return nil, false
		}
	}
	ch := d.wCh[worker]
	first, prefix, last := k.FirstName, k.Prefix, k.LastName
	if last == "" && k.Name != "" {
		first, prefix, last = splitName(k.Name)
	}
	setStr(ch, "voornaam", &worker.FirstName, first)
	setStr(ch, "tussenvoegsel", &worker.Prefix, prefix)
	setStr(ch, "achternaam", &worker.LastName, last)
	setStr(ch, "voorletters", &worker.Initials, k.Initials)
	if k.BSN != "" && domain.NormalizeBSN(worker.BSN) != k.BSN {
		worker.BSN = k.BSN
		*ch = append(*ch, "BSN")
	}
	if !k.BirthDate.IsZero() && !worker.BirthDate.Equal(k.BirthDate) {
		worker.BirthDate = k.BirthDate
		*ch = append(*ch, "geboortedatum")
	}
	if wf.IBAN != "" && domain.NormalizeIBAN(worker.IBAN) != wf.IBAN {
		worker.IBAN = wf.IBAN
		*ch = append(*ch, "IBAN")
	}
	setStr(ch, "e-mail", &worker.Email, wf.Email)
	setStr(ch, "telefoon", &worker.Phone, wf.Phone)
	setStr(ch, "adres", &worker.Address.Street, wf.Street)
	setStr(ch, "postcode", &worker.Address.PostalCode, wf.PostalCode)
	setStr(ch, "woonplaats", &worker.Address.City, wf.City)
	setStr(ch, "nationaliteit", &worker.Nationality, wf.Nationality)
	if wf.Phase != "" && wf.Phase != worker.Phase {
		worker.Phase = wf.Phase
		*ch = append(*ch, "fase")
	}
	if err := worker.Validate(); err != nil {
		msg(importers.StatusError, "row.invalid", domain.ErrorMessage(err))
		return nil, false
	}
	return worker, true
}

func (d *masterDrafts) placement(ix *index, rec *importers.MasterRecord, worker *domain.Worker, hirer *domain.Hirer,
	msg func(importers.Status, string, ...string)) {
	pf := rec.Placement
	if hirer == nil {
		msg(importers.StatusError, "row.hirer_missing")
		return
	}
	if worker == nil {
		msg(importers.StatusError, "row.no_worker")
		return
	}
	var pl *domain.Placement
	if dr, ok := d.placements[strings.ToUpper(pf.Number)]; ok && pf.Number != "" {
		pl = dr
	} else if e := ix.placByNumber[strings.ToUpper(pf.Number)]; e != nil && pf.Number != "" {
		c := *e
		pl = &c
	} else if pf.Number == "" && worker.ID != 0 {
		for _, e := range ix.placByWorker[worker.ID] {
			if e.HirerID == hirer.ID && e.Start.Equal(pf.Start) {
				c := *e
				pl = &c
			}
		}
	}
	if pl == nil {
		number := pf.Number
		if number == "" {
			number = "PL-" + worker.Number + "-" + hirer.Number + "-" + pf.Start.Format("20060102")
		}
		pl = &domain.Placement{Number: number, Phase: worker.Phase,
			Rates: []domain.HourTypeRate{{Type: domain.HourNormal, PayPercent: domain.Hundred, BillPercent: domain.Hundred}}}
		d.newP[pl] = true
	}
	if _, seen := d.pCh[pl]; !seen {
		d.pCh[pl] = &changes{}
		d.placements[strings.ToUpper(pl.Number)] = pl
		d.plImports = append(d.plImports, app.PlacementImport{Placement: pl, WorkerNumber: worker.Number, HirerNumber: hirer.Number})
	}
	if pf.Number == "" {
		pf.Number = pl.Number
	}
	ch := d.pCh[pl]
	setStr(ch, "functie", &pl.Function, pf.Function)
	setStr(ch, "kostenplaats", &pl.CostCentre, pf.CostCentre)
	setStr(ch, "loonschaal", &pl.WageScale, pf.WageScale)
	if !pf.Start.IsZero() && !pl.Start.Equal(pf.Start) {
		pl.Start = pf.Start
		*ch = append(*ch, "startdatum")
	}
	if !pf.End.IsZero() && !pl.End.Equal(pf.End) {
		pl.End = pf.End
		*ch = append(*ch, "einddatum")
	}
	if pf.Wage.Valid && !pl.HourlyWage.Equal(pf.Wage.Decimal) {
		pl.HourlyWage = pf.Wage.Decimal
		*ch = append(*ch, "uurloon")
	}
	if pf.Rate.Valid && !pl.BillingRate.Equal(pf.Rate.Decimal) {
		pl.BillingRate = pf.Rate.Decimal
		*ch = append(*ch, "tarief")
	}
	if pf.TravelKm.Valid && !pl.TravelPerKm.Equal(pf.TravelKm.Decimal) {
		pl.TravelPerKm = pf.TravelKm.Decimal
		*ch = append(*ch, "km-vergoeding")
	}
	if pf.Phase != "" && pf.Phase != pl.Phase {
		pl.Phase = pf.Phase
		*ch = append(*ch, "fase")
	}
	draft := *pl
	draft.WorkerID, draft.HirerID = 1, 1 // linked by number at commit
	if err := draft.Validate(); err != nil {
		msg(importers.StatusError, "row.invalid", domain.ErrorMessage(err))
	}
}

// describe tells, on the first row naming each record, whether it is new or
// which fields change.
func (d *masterDrafts) describe(ms *importers.MasterSheet, p *MasterPreview, fileName string) {
	described := map[any]bool{}
	for _, rec := range ms.Records {
		rr := &p.Rows[rec.RowIndex]
		if rr.Status == importers.StatusError {
			continue
		}
		note := func(key string, obj any, name string, ch *changes, isNew bool) {
			if described[obj] || ch == nil {
				return
			}
			described[obj] = true
			var m importers.Message
			switch {
			case isNew:
				m = importers.NewMessage(importers.StatusOK, key+"_new", name)
			case len(*ch) > 0:
				m = importers.NewMessage(importers.StatusOK, key+"_update", name, strings.Join(*ch, ", "))
			default:
				return
			}
			m.File, m.Sheet, m.Row = fileName, rec.Sheet, rec.Row
			rr.Add(m)
		}
		if rec.Worker != nil {
			if w := d.workers[strings.ToUpper(firstNonEmpty(rec.Worker.Key.Number, rec.Worker.Key.Ref))]; w != nil {
				note("row.worker", w, w.Number, d.wCh[w], d.newW[w])
			}
		}
		if rec.Hirer != nil {
			if h := d.hirers[strings.ToUpper(rec.Hirer.Number)]; h != nil {
				note("row.hirer", h, h.Number, d.hCh[h], d.newH[h])
			}
		}
		if rec.Placement != nil && rec.Placement.Number != "" {
			if pl := d.placements[strings.ToUpper(rec.Placement.Number)]; pl != nil {
				note("row.placement", pl, pl.Number, d.pCh[pl], d.newP[pl])
			}
		}
	}
}

// CommitPlacements writes a placement-list preview in one transaction.
func (s *Service) CommitPlacements(ctx context.Context, p *MasterPreview, opt CommitOptions) (*Result, error) {
	if p.Duplicate != nil {
		return &Result{Duplicate: true}, nil
	}
	if p.Counts.Error > 0 && !opt.SkipErrors {
		m := importers.NewMessage(importers.StatusError, "import.has_errors", strconv.Itoa(p.Counts.Error))
		return nil, domain.Errorf(domain.EINVALID, "%s", m.NL)
	}
	if err := s.Store.CommitMasterDataImport(ctx, p.imp); err != nil {
		return nil, fmt.Errorf("stamgegevens uit %s opslaan: %w", p.File, err)
	}
	return &Result{FileID: p.imp.File.ID, Added: p.Counts.Lines}, nil
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			return strings.TrimSpace(s)
		}
	}
	return ""
}

// splitName splits "Jan de Vries" or "Vries, Jan de" into first name, prefix and last name.
func splitName(full string) (first, prefix, last string) {
	full = strings.TrimSpace(full)
	if l, f, ok := strings.Cut(full, ","); ok {
		parts := strings.Fields(f)
		var pre []string
		for len(parts) > 1 && isPrefixWord(parts[len(parts)-1]) {
			pre = append([]string{parts[len(parts)-1]}, pre...)
			parts = parts[:len(parts)-1]
		}
		return strings.Join(parts, " "), strings.Join(pre, " "), strings.TrimSpace(l)
	}
	parts := strings.Fields(full)
	switch len(parts) {
	case 0:
		return "", "", ""
	case 1:
		return "", "", parts[0]
	}
	first = parts[0]
	i := 1
	for i < len(parts)-1 && isPrefixWord(parts[i]) {
		i++
	}
	return first, strings.Join(parts[1:i], " "), strings.Join(parts[i:], " ")
}

func isPrefixWord(s string) bool {
	switch strings.ToLower(s) {
	case "van", "de", "der", "den", "het", "ter", "ten", "te", "in", "'t", "el", "la", "le", "du", "da", "von", "op":
		return true
	}
	return false
}
