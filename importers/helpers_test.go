package importers

import (
	"bytes"
	"testing"

	"github.com/xuri/excelize/v2"
)

// sheetSpec is one sheet of a generated fixture workbook.
type sheetSpec struct {
	name   string
	rows   [][]any
	merges [][2]string
}

// makeXLSX writes a workbook with excelize, as a hirer's Excel would save it.
func makeXLSX(tb testing.TB, sheets ...sheetSpec) []byte {
	tb.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, s := range sheets {
		name := s.name
		if i == 0 {
			if err := f.SetSheetName("Sheet1", name); err != nil {
				tb.Fatal(err)
			}
		} else if _, err := f.NewSheet(name); err != nil {
			tb.Fatal(err)
		}
		for r, row := range s.rows {
			for c, v := range row {
				if v == nil {
					continue
				}
				cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
				if fm, ok := v.(formula); ok {
					if err := f.SetCellFormula(name, cell, fm.expr); err != nil {
						tb.Fatal(err)
					}
					continue
				}
				if err := f.SetCellValue(name, cell, v); err != nil {
					tb.Fatal(err)
				}
			}
		}
		for _, m := range s.merges {
			if err := f.MergeCell(name, m[0], m[1]); err != nil {
				tb.Fatal(err)
			}
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

type formula struct{ expr string }
