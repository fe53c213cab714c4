package importers

import (
	"context"
	"strings"

	"github.com/shopspring/decimal"
)

// Opening balances: what a worker brings from the previous payroll package
// when the agency switches to Verloner — the year's totals so far (periods,
// loon LB and BB, loonheffing, bruto, netto) and the reserved balances
// (vakantiegeld, vakantie-uren, feestdagen, kort verzuim). One row per
// worker, identified like in an hour sheet (personnel number, BSN, name).
//
// Their columns are recognised only here: "Vakantie-uren" in an hour sheet is
// hours of leave taken, not a balance.

// Opening-balance fields.
const (
	FieldOpenPeriods      Field = "open:periods"
	FieldOpenTableWage    Field = "open:table_wage"
	FieldOpenSpecialWage  Field = "open:special_wage"
	FieldOpenWageTax      Field = "open:wage_tax"
	FieldOpenGross        Field = "open:gross"
	FieldOpenNet          Field = "open:net"
	FieldOpenHolidayPay   Field = "open:holiday_pay"
	FieldOpenHolidayHours Field = "open:holiday_hours"
	FieldOpenPublicDays   Field = "open:public_days"
	FieldOpenShortLeave   Field = "open:short_leave"
)

// OpeningAmountFields are the amount columns, in the order of the preview.
var OpeningAmountFields = []Field{FieldOpenTableWage, FieldOpenSpecialWage, FieldOpenWageTax, FieldOpenGross, FieldOpenNet,
	FieldOpenHolidayPay, FieldOpenHolidayHours, FieldOpenPublicDays, FieldOpenShortLeave}

var openingSynonyms = func() map[string]Field {
	m := map[string]Field{}
	for f, names := range map[Field][]string{
		FieldOpenPeriods: {"tijdvakken", "aantaltijdvakken", "verloondetijdvakken", "periodes", "periods", "aantalperiodes",
			"weken", "aantalweken"},
		FieldOpenTableWage: {"loonlb", "loonlbtabel", "tabelloon", "loonvoordeloonheffing", "loonloonheffing", "cumloonlb",
			"fiscaalloon", "fiscaalloontabel", "loonvoordeloonheffingtabel", "tablewage", "taxablewage"},
		FieldOpenSpecialWage: {"loonbb", "loonbijzonderebeloningen", "bijzonderebeloningen", "loonbijzondertarief", "specialwage",
			"specialrewards"},
		FieldOpenWageTax: {"loonheffing", "ingehoudenloonheffing", "cumloonheffing", "lh", "loonbelasting", "wagetax"},
		FieldOpenGross:   {"bruto", "brutoloon", "cumbruto", "gross", "grosswage"},
		FieldOpenNet:     {"netto", "nettoloon", "cumnetto", "net", "netwage"},
		FieldOpenHolidayPay: {"vakantiegeld", "vakantiebijslag", "reserveringvakantiegeld", "saldovakantiegeld",
			"gereserveerdvakantiegeld", "holidaypay"},
		FieldOpenHolidayHours: {"vakantieuren", "saldovakantieuren", "verlofuren", "saldoverlofuren", "vakantiedagenuren",
			"holidayhours"},
		FieldOpenPublicDays: {"feestdagen", "reserveringfeestdagen", "saldofeestdagen", "publicholidays"},
		FieldOpenShortLeave: {"kortverzuim", "reserveringkortverzuim", "saldokortverzuim", "shortleave"},
	} {
		for _, n := range names {
			m[n] = f
		}
	}
	return m
}()

// openingWorkerFields are the columns that tell the worker.
var openingWorkerFields = []Field{FieldWorkerRef, FieldWorkerNumber, FieldBSN, FieldName, FieldInitials, FieldFirstName,
	FieldPrefix, FieldLastName, FieldBirthDate}

// OpeningRecord is one row: a worker and the values given for them.
type OpeningRecord struct {
	Sheet    string
	Row      int
	RowIndex int // index into the sheet's Rows
	Worker   WorkerKey
	Periods  int
	Amounts  map[Field]decimal.Decimal // only the columns with a value
}

// OpeningSheet is a parsed opening-balance file.
type OpeningSheet struct {
	File, Hash string
	Format     Format
	Notes      []Message
	Rows       []RowResult
	Records    []OpeningRecord
}

// ParseOpening reads an opening-balance list: the first sheet whose header
// names a worker column and at least one total or balance.
func ParseOpening(ctx context.Context, data []byte, opt ParseOptions) (*OpeningSheet, error) {
	if int64(len(data)) > MaxFileSize {
		return nil, fileErr(opt.File, "file.too_big", mb(uint64(len(data))), mb(uint64(MaxFileSize)))
	}
	tpl := &Template{Kind: "opening"}
	wb, err := openWorkbook(opt.File, data, tpl.delimiter())
	if err != nil {
		return nil, err
	}
	defer wb.Close()
	sheet := &OpeningSheet{File: opt.File, Hash: Hash(data), Format: wb.format, Notes: wb.notes}
	p := &hourParser{hs: &HourSheet{File: opt.File}, tpl: tpl, wb: wb, ctx: ctx, progress: opt.Progress, sign: tpl.decimalSign()}
	for _, name := range wb.sheets {
		ok, err := p.openingSheet(sheet, name)
		if err != nil {
			return nil, err
		}
		if ok {
			return sheet, nil
		}
	}
	return nil, fileErr(opt.File, "file.no_opening")
}

// openingField is what an opening-balance header means: a total or balance,
// or a column that tells the worker.
func openingField(header string) Field {
	if f, ok := openingSynonyms[NormalizeHeader(header)]; ok {
		return f
	}
	f := GuessField(header, false, false, DMY)
	for _, w := range openingWorkerFields {
		if f == w {
			return f
		}
	}
	return ""
}

func (p *hourParser) openingSheet(sheet *OpeningSheet, name string) (bool, error) {
	s, err := p.wb.open(name)
	if err != nil {
		return false, err
	}
	defer s.Close()
	p.sheetName, p.cols, p.byField = name, nil, map[Field]*column{}
	header := func(cells []string) (worker, values int) {
		for _, c := range cells {
			switch f := openingField(cleanCell(c)); {
			case f == "":
			case strings.HasPrefix(string(f), "open:"):
				values++
			default:
				worker++
			}
		}
		return worker, values
	}
	found := false
	searched := 0
	row := func(n int, cells []string) {
		if blank(cells) || isTotalRow(cells) {
			return
		}
		rr := RowResult{Sheet: name, Row: n, Status: StatusOK}
		rec := OpeningRecord{Sheet: name, Row: n, RowIndex: len(sheet.Rows), Worker: p.workerKey(cells, &rr), Amounts: map[Field]decimal.Decimal{}}
		if v, c := p.cell(cells, FieldOpenPeriods); v != "" {
			d := p.amount(cells, FieldOpenPeriods, &rr)
			if d.Valid && (!d.Decimal.IsInteger() || d.Decimal.GreaterThan(decimal.NewFromInt(53))) {
				rr.Add(p.msg(StatusError, "cell.periods", c, v))
			} else if d.Valid {
				rec.Periods = int(d.Decimal.IntPart())
			}
		}
		for _, f := range OpeningAmountFields {
			v, c := p.cell(cells, f)
			if v == "" {
				continue
			}
			var d decimal.NullDecimal
			if f == FieldOpenWageTax {
				d = p.signedAmount(cells, f, &rr) // a refund can leave the year's wage tax below zero
			} else {
				d = p.amount(cells, f, &rr)
			}
			if d.Valid && !d.Decimal.Equal(d.Decimal.Round(2)) {
				rr.Add(p.msg(StatusError, "cell.cents", c, v))
				continue
			}
			if d.Valid && !d.Decimal.IsZero() {
				rec.Amounts[f] = d.Decimal
			}
		}
		if rec.Worker.Empty() {
			rr.Add(newMessage(StatusError, "row.no_worker"))
		}
		if rec.Periods == 0 && len(rec.Amounts) == 0 && rr.Status != StatusError {
			return // a worker without anything to take over
		}
		if rr.Status != StatusError {
			rr.Lines = 1
			sheet.Records = append(sheet.Records, rec)
		}
		sheet.Rows = append(sheet.Rows, rr)
	}
	for s.Next() {
		if err := p.tick(); err != nil {
			return false, err
		}
		cells := s.Row()
		if !found {
			searched++
			if searched > headerSearchRows {
				break
			}
			if w, v := header(cells); w > 0 && v > 0 {
				found = true
				for i, h := range cells {
					h = cleanCell(h)
					if f := openingField(h); f != "" {
						p.cols = append(p.cols, column{idx: i, field: f, header: h, letter: ColumnName(i)})
					}
				}
				for i := range p.cols {
					if _, dup := p.byField[p.cols[i].field]; !dup {
						p.byField[p.cols[i].field] = &p.cols[i]
					}
				}
			}
			continue
		}
		row(s.RowNum(), cells)
	}
	return found, s.Err()
}

// signedAmount is amount that also takes a negative number.
func (p *hourParser) signedAmount(cells []string, f Field, rr *RowResult) decimal.NullDecimal {
	v, c := p.cell(cells, f)
	neg := strings.HasPrefix(strings.TrimSpace(v), "-")
	if !neg {
		return p.amount(cells, f, rr)
	}
	var d decimal.Decimal
	var ok bool
	if p.wb.raw {
		d, ok = excelNumber(v)
	}
	if !ok {
		var err error
		d, err = parseNumber(strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(v), "-")), "€")), p.sign)
		ok = err == nil
		d = d.Neg()
	}
	if !ok {
		rr.Add(p.msg(StatusError, "cell.amount", c, v))
		return decimal.NullDecimal{}
	}
	return decimal.NullDecimal{Decimal: d, Valid: true}
}
