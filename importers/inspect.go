package importers

import (
	"context"
	"strings"
)

// SheetInfo is what a mapping editor shows of one sheet: the header row it
// found (or 0), each column's header and guessed field, and the first rows.
type SheetInfo struct {
	Name      string     `json:"name"`
	HeaderRow int        `json:"header_row"` // 1-based; 0 when no row looked like a header
	Headers   []string   `json:"headers"`
	Fields    []Field    `json:"fields"` // guessed per column; "" = not recognised
	Sample    [][]string `json:"sample"` // up to 10 rows after the header
}

// Inspect reads the top of every sheet of an XLSX or CSV file, so that a user
// can map the columns of a file whose layout was not recognised. It applies
// the template's delimiter, header row and column mapping where given.
func Inspect(ctx context.Context, data []byte, file string, tpl *Template) ([]SheetInfo, error) {
	if tpl == nil {
		tpl = &Template{}
	}
	wb, err := openWorkbook(file, data, tpl.delimiter())
	if err != nil {
		return nil, err
	}
	defer wb.Close()
	p := &hourParser{hs: &HourSheet{File: file}, tpl: tpl, wb: wb, ctx: ctx}
	var out []SheetInfo
	for _, name := range wb.sheets {
		s, err := wb.open(name)
		if err != nil {
			return nil, err
		}
		var rows [][]string
		for len(rows) < headerSearchRows+10 && s.Next() {
			rows = append(rows, append([]string(nil), s.Row()...))
		}
		err = s.Err()
		s.Close()
		if err != nil {
			return nil, err
		}
		info := SheetInfo{Name: name}
		at, best := -1, 0
		for i, r := range rows {
			if i >= headerSearchRows || i < tpl.SkipRows {
				continue
			}
			if tpl.HeaderRow > 0 {
				if i+1 == tpl.HeaderRow {
					at = i
				}
				continue
			}
			if sc := p.score(r); sc > best {
				at, best = i, sc
			}
		}
		if at >= 0 {
			info.HeaderRow = at + 1
			for i, h := range rows[at] {
				h = cleanCell(h)
				f, ok := tpl.mapped(i, h)
				if !ok {
					f = GuessField(h, wb.raw, wb.date1904, tpl.DateOrder)
				}
				info.Headers = append(info.Headers, h)
				info.Fields = append(info.Fields, f)
			}
			for _, r := range rows[at+1 : min(len(rows), at+11)] {
				if strings.TrimSpace(strings.Join(r, "")) != "" {
					info.Sample = append(info.Sample, r)
				}
			}
		} else {
			info.Sample = rows[:min(len(rows), 10)]
		}
		out = append(out, info)
	}
	return out, nil
}
