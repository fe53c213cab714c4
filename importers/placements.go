package importers

import (
	"context"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"verloner/domain"
)

// WorkerFields are the worker columns of a master-data row. Empty strings,
// zero dates and invalid NullDecimals mean "not in the file": an update never
// blanks a field the file does not mention.
type WorkerFields struct {
	Key         WorkerKey    `json:"key"`
	IBAN        string       `json:"-"`
	Email       string       `json:"email,omitempty"`
	Phone       string       `json:"phone,omitempty"`
	Street      string       `json:"street,omitempty"`
	PostalCode  string       `json:"postal_code,omitempty"`
	City        string       `json:"city,omitempty"`
	Nationality string       `json:"nationality,omitempty"`
	Phase       domain.Phase `json:"phase,omitempty"`
}

// HirerFields are the hirer columns of a master-data row.
type HirerFields struct {
	Number     string `json:"number,omitempty"`
	Name       string `json:"name,omitempty"`
	KvK        string `json:"kvk,omitempty"`
	VATID      string `json:"vat_id,omitempty"`
	Street     string `json:"street,omitempty"`
	PostalCode string `json:"postal_code,omitempty"`
	City       string `json:"city,omitempty"`
	Email      string `json:"email,omitempty"`
}

// PlacementFields are the placement columns of a master-data row.
type PlacementFields struct {
	Number     string              `json:"number,omitempty"`
	Function   string              `json:"function,omitempty"`
	CostCentre string              `json:"cost_centre,omitempty"`
	Start      time.Time           `json:"start,omitempty"`
	End        time.Time           `json:"end,omitempty"`
	Wage       decimal.NullDecimal `json:"hourly_wage"`
	Rate       decimal.NullDecimal `json:"billing_rate"`
	Factor     decimal.NullDecimal `json:"factor"`
	TravelKm   decimal.NullDecimal `json:"travel_per_km"`
	Phase      domain.Phase        `json:"phase,omitempty"`
	WageScale  string              `json:"wage_scale,omitempty"`
}

// MasterRecord is one row of a placement list: a worker, a hirer, a
// placement, or any combination, as the sheet's columns allow.
type MasterRecord struct {
	Sheet     string           `json:"sheet,omitempty"`
	Row       int              `json:"row"`
	RowIndex  int              `json:"-"`
	Worker    *WorkerFields    `json:"worker,omitempty"`
	Hirer     *HirerFields     `json:"hirer,omitempty"`
	Placement *PlacementFields `json:"placement,omitempty"`
	Alias     string           `json:"alias,omitempty"` // the hirer's personnel number for the worker
}

// MasterSheet is a parsed placement list.
type MasterSheet struct {
	File     string         `json:"file"`
	Hash     string         `json:"hash"`
	Format   Format         `json:"format"`
	Records  []MasterRecord `json:"-"`
	Rows     []RowResult    `json:"rows"`
	Notes    []Message      `json:"notes,omitempty"`
	Template *Template      `json:"template,omitempty"`
}

// Counts returns the number of rows per status.
func (ms *MasterSheet) Counts() map[Status]int {
	c := map[Status]int{StatusOK: 0, StatusWarning: 0, StatusError: 0}
	for _, r := range ms.Rows {
		c[r.Status]++
	}
	return c
}

var (
	placementFields = []Field{FieldPlacement, FieldWage, FieldRate, FieldFactor, FieldStartDate, FieldEndDate, FieldFunction, FieldCostCentr, FieldTravelKm, FieldWageScale}
	workerIDFields  = []Field{FieldWorkerRef, FieldWorkerNumber, FieldBSN}
	workerFields    = []Field{FieldWorkerRef, FieldWorkerNumber, FieldBSN, FieldName, FieldFirstName, FieldLastName, FieldInitials, FieldPrefix, FieldBirthDate, FieldIBAN}
	hirerFields     = []Field{FieldHirer, FieldHirerName, FieldKvK, FieldVATID}
)

// ParsePlacements reads a master-data file: workers, hirers and placements in
// one sheet or several. Each sheet is classified by its columns (and its name:
// "Inleners", "Uitzendkrachten", "Plaatsingen").
func ParsePlacements(ctx context.Context, data []byte, opt ParseOptions) (*MasterSheet, error) {
	tpl := opt.Template.Clone()
	if tpl == nil {
		tpl = &Template{Kind: KindPlacements}
	}
	if int64(len(data)) > MaxFileSize {
		return nil, fileErr(opt.File, "file.too_big", mb(uint64(len(data))), mb(uint64(MaxFileSize)))
	}
	wb, err := openWorkbook(opt.File, data, tpl.delimiter())
	if err != nil {
		return nil, err
	}
	defer wb.Close()
	ms := &MasterSheet{File: opt.File, Hash: Hash(data), Format: wb.format, Notes: wb.notes, Template: tpl}
	p := &hourParser{hs: &HourSheet{File: opt.File}, tpl: tpl, wb: wb, ctx: ctx, progress: opt.Progress, sign: tpl.decimalSign()}
	used := 0
	for _, name := range wb.sheets {
		if tpl.Sheet != "" && !strings.EqualFold(tpl.Sheet, name) {
			continue
		}
		ok, err := p.masterSheet(ms, name)
		if err != nil {
			return nil, err
		}
		if ok {
			used++
		}
	}
	if used == 0 {
		return nil, fileErr(opt.File, "file.no_header")
	}
	return ms, nil
}

func sheetKind(name string) string {
	n := NormalizeHeader(name)
	switch {
	case strings.Contains(n, "inlener") || strings.Contains(n, "klant") || strings.Contains(n, "relatie") || strings.Contains(n, "hirer") || strings.Contains(n, "client"):
		return "hirer"
	case strings.Contains(n, "plaatsing") || strings.Contains(n, "placement") || strings.Contains(n, "assignment"):
		return "placement"
	case strings.Contains(n, "uitzendkracht") || strings.Contains(n, "medewerker") || strings.Contains(n, "werknemer") || strings.Contains(n, "worker") || strings.Contains(n, "employee") || strings.Contains(n, "flexwerker"):
		return "worker"
	}
	return ""
}

func (p *hourParser) masterSheet(ms *MasterSheet, name string) (bool, error) {
	s, err := p.wb.open(name)
	if err != nil {
		return false, err
	}
	defer s.Close()
	p.sheetName, p.cols, p.byField = name, nil, map[Field]*column{}
	var buf [][]string
	var nums []int
	for s.Next() {
		if err := p.tick(); err != nil {
			return false, err
		}
		if s.RowNum() <= p.tpl.SkipRows {
			continue
		}
		buf = append(buf, append([]string(nil), s.Row()...))
		nums = append(nums, s.RowNum())
		if len(buf) >= headerSearchRows || (p.tpl.HeaderRow > 0 && s.RowNum() >= p.tpl.HeaderRow) {
			break
		}
	}
	if err := s.Err(); err != nil {
		return false, err
	}
	headerAt, best := -1, 1
	for i, cells := range buf {
		if p.tpl.HeaderRow > 0 {
			if nums[i] == p.tpl.HeaderRow {
				headerAt = i
			}
			continue
		}
		if sc := p.score(cells); sc > best {
			best, headerAt = sc, i
		}
	}
	if headerAt < 0 {
		m := p.fileMsg(StatusWarning, "file.no_entity", name)
		ms.Notes = append(ms.Notes, m)
		return false, nil
	}
	kind := sheetKind(name)
	for i, h := range buf[headerAt] {
		h = cleanCell(h)
		f, ok := p.tpl.mapped(i, h)
		if !ok {
			f = GuessField(h, false, false, p.tpl.DateOrder)
		}
		if _, isQty := f.hourType(); isQty || strings.HasPrefix(string(f), "day:") || strings.HasPrefix(string(f), "date:") {
			f = ""
		}
		// In a hirers sheet "Naam" and "Nummer" are the hirer's.
		if kind == "hirer" {
			switch f {
			case FieldName:
				f = FieldHirerName
			case FieldWorkerRef:
				f = FieldHirer
			}
		}
		// Dates of a placement list are the placement's.
		if f == FieldDate {
			f = FieldStartDate
		}
		if f == "" || f == FieldIgnore {
			continue
		}
		c := column{idx: i, field: f, header: h, letter: ColumnName(i)}
		p.cols = append(p.cols, c)
	}
	for i := range p.cols {
		if _, dup := p.byField[p.cols[i].field]; !dup {
			p.byField[p.cols[i].field] = &p.cols[i]
		}
	}
	has := func(fs []Field) bool {
		for _, f := range fs {
			if p.byField[f] != nil {
				return true
			}
		}
		return false
	}
	isPlacement, isWorker, isHirer := has(placementFields), has(workerFields), has(hirerFields)
	if kind == "hirer" {
		isWorker, isPlacement = false, false
	}
	if !isPlacement && !isWorker && !isHirer {
		m := p.fileMsg(StatusWarning, "file.no_entity", name)
		ms.Notes = append(ms.Notes, m)
		return false, nil
	}
	if len(p.tpl.Columns) == 0 {
		for _, c := range p.cols {
			p.tpl.Columns = append(p.tpl.Columns, ColumnMap{Header: c.header, Field: c.field})
		}
	}
	row := func(n int, cells []string) {
		if blank(cells) || isTotalRow(cells) {
			return
		}
		rr := RowResult{Sheet: name, Row: n, Status: StatusOK}
		rec := MasterRecord{Sheet: name, Row: n, RowIndex: len(ms.Rows)}
		if isWorker || isPlacement {
			rec.Worker = p.workerFields(cells, &rr)
		}
		if isHirer || isPlacement {
			rec.Hirer = p.hirerFields(cells)
			if rec.Hirer.Number == "" && rec.Hirer.Name == "" && p.tpl.Hirer != "" {
				rec.Hirer.Number = p.tpl.Hirer
			}
		}
		if isPlacement {
			rec.Placement = p.placementFields(cells, &rr)
		}
		rec.Alias, _ = p.cell(cells, FieldAlias)
		if rec.Worker != nil && rec.Worker.Key.Empty() && rec.Placement == nil {
			rec.Worker = nil
		}
		if rec.Hirer != nil && rec.Hirer.Number == "" && rec.Hirer.Name == "" {
			rec.Hirer = nil
		}
		if rec.Worker == nil && rec.Hirer == nil && rec.Placement == nil {
			return
		}
		rr.Lines = 1
		if rr.Status == StatusError {
			rr.Lines = 0
		} else {
			ms.Records = append(ms.Records, rec)
		}
		ms.Rows = append(ms.Rows, rr)
	}
	for i := headerAt + 1; i < len(buf); i++ {
		row(nums[i], buf[i])
	}
	for s.Next() {
		if err := p.tick(); err != nil {
			return false, err
		}
		row(s.RowNum(), s.Row())
	}
	return true, s.Err()
}

func (p *hourParser) text(cells []string, f Field) string {
	v, _ := p.cell(cells, f)
	return strings.TrimSuffix(v, ".0")
}

func (p *hourParser) workerFields(cells []string, rr *RowResult) *WorkerFields {
	w := &WorkerFields{Key: p.workerKey(cells, rr)}
	// A full name "de Vries, Jan" or "Jan de Vries" is kept whole; the use case splits it.
	if v, c := p.cell(cells, FieldIBAN); v != "" {
		if err := domain.CheckIBAN(v); err != nil {
			rr.Add(p.msg(StatusError, "cell.iban", c, v, err.Error()))
		} else {
			w.IBAN = domain.NormalizeIBAN(v)
		}
	}
	w.Email, w.Phone = p.text(cells, FieldEmail), p.text(cells, FieldPhone)
	w.Street, w.PostalCode, w.City = p.text(cells, FieldStreet), p.text(cells, FieldPostalCode), p.text(cells, FieldCity)
	w.Nationality = strings.ToUpper(p.text(cells, FieldNationality))
	if p.byField[FieldPlacement] == nil && p.byField[FieldWage] == nil {
		w.Phase = p.phase(cells, rr)
	}
	return w
}

func (p *hourParser) hirerFields(cells []string) *HirerFields {
	h := &HirerFields{Number: p.text(cells, FieldHirer), Name: p.text(cells, FieldHirerName), KvK: p.text(cells, FieldKvK), VATID: p.text(cells, FieldVATID)}
	if p.byField[FieldWorkerRef] == nil && p.byField[FieldName] == nil && p.byField[FieldBSN] == nil {
		h.Street, h.PostalCode, h.City, h.Email = p.text(cells, FieldStreet), p.text(cells, FieldPostalCode), p.text(cells, FieldCity), p.text(cells, FieldEmail)
	}
	return h
}

func (p *hourParser) phase(cells []string, rr *RowResult) domain.Phase {
	v, c := p.cell(cells, FieldPhase)
	if v == "" {
		return ""
	}
	n := strings.ToUpper(strings.TrimPrefix(NormalizeHeader(v), "fase"))
	switch n {
	case "A", "1", "2", "12":
		return domain.PhaseA
	case "B", "3":
		return domain.PhaseB
	case "C", "4":
		return domain.PhaseC
	}
	rr.Add(p.msg(StatusError, "cell.phase", c, v))
	return ""
}

func (p *hourParser) amount(cells []string, f Field, rr *RowResult) decimal.NullDecimal {
	v, c := p.cell(cells, f)
	if v == "" {
		return decimal.NullDecimal{}
	}
	var d decimal.Decimal
	var ok bool
	if p.wb.raw {
		d, ok = excelNumber(v)
	}
	if !ok {
		s := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(v), "€"))
		var err error
		d, err = parseNumber(s, p.sign)
		ok = err == nil
	}
	if !ok || d.IsNegative() {
		rr.Add(p.msg(StatusError, "cell.amount", c, v))
		return decimal.NullDecimal{}
	}
	return decimal.NullDecimal{Decimal: d, Valid: true}
}

func (p *hourParser) dateField(cells []string, f Field, rr *RowResult) time.Time {
	v, c := p.cell(cells, f)
	if v == "" {
		return time.Time{}
	}
	t, err := ParseDate(v, p.tpl.DateOrder, p.wb.raw, p.wb.date1904)
	if err != nil {
		rr.Add(p.msg(StatusError, "cell.date", c, v))
	}
	return t
}

func (p *hourParser) placementFields(cells []string, rr *RowResult) *PlacementFields {
	pl := &PlacementFields{Number: p.text(cells, FieldPlacement), Function: p.text(cells, FieldFunction),
		CostCentre: p.text(cells, FieldCostCentr), WageScale: p.text(cells, FieldWageScale)}
	pl.Start, pl.End = p.dateField(cells, FieldStartDate, rr), p.dateField(cells, FieldEndDate, rr)
	pl.Wage, pl.Rate = p.amount(cells, FieldWage, rr), p.amount(cells, FieldRate, rr)
	pl.Factor, pl.TravelKm = p.amount(cells, FieldFactor, rr), p.amount(cells, FieldTravelKm, rr)
	pl.Phase = p.phase(cells, rr)
	if !pl.Rate.Valid && pl.Factor.Valid && pl.Wage.Valid {
		pl.Rate = decimal.NullDecimal{Decimal: domain.RoundCents(pl.Wage.Decimal.Mul(pl.Factor.Decimal)), Valid: true}
	}
	return pl
}
