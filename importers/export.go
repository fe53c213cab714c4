package importers

import (
	"fmt"
	"io"
	"time"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"verloner/domain"
	"verloner/exporters/xlsx"
)

// ExportRow is one hour line as the hour export writes it.
type ExportRow struct {
	Worker    string // our personnel number
	Name      string
	Hirer     string // hirer number
	Placement string // placement number
	Date      time.Time
	Type      domain.HourType
	Quantity  decimal.Decimal
	Source    string // file the line came from
}

// ExportHeaders are the column headers of the hour export; each is a synonym
// the hour importer recognises, so an export reads back as the same lines.
var ExportHeaders = []any{"Personeelsnummer", "Naam", "Inlener", "Plaatsing", "Datum", "Uursoort", "Aantal", "Opmerking"}

// WriteHoursXLSX writes hour lines as a long-layout sheet "Uren", streaming,
// with real dates (dd-mm-jjjj) and numbers. Quantities go into Excel as
// numbers, i.e. IEEE doubles — the only number Excel has; the shortest
// representation excelize writes gives back the same decimal for every
// quantity with up to 15 significant digits (checked by the round-trip test).
func WriteHoursXLSX(w io.Writer, rows []ExportRow) error {
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "Uren"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	dateFmt := "dd-mm-yyyy"
	dateStyle, err := f.NewStyle(&excelize.Style{CustomNumFmt: &dateFmt})
	if err != nil {
		return err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	// Text that a spreadsheet could take for a formula (a name from a
	// hirer's file starting with =, +, - or @) gets the text format, as in
	// exporters/xlsx, so that editing the cell keeps it text.
	textStyle, err := f.NewStyle(&excelize.Style{NumFmt: 49})
	if err != nil {
		return err
	}
	text := func(s string) any {
		if xlsx.Dangerous(s) {
			return excelize.Cell{StyleID: textStyle, Value: s}
		}
		return s
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	hdr := make([]any, len(ExportHeaders))
	for i, h := range ExportHeaders {
		hdr[i] = excelize.Cell{StyleID: bold, Value: h}
	}
	if err := sw.SetRow("A1", hdr); err != nil {
		return err
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		q, _ := r.Quantity.Float64()
		if err := sw.SetRow(cell, []any{text(r.Worker), text(r.Name), text(r.Hirer), text(r.Placement),
			excelize.Cell{StyleID: dateStyle, Value: r.Date}, string(r.Type), q, text(r.Source)}); err != nil {
			return fmt.Errorf("rij %d: %w", i+2, err)
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return f.Write(w)
}
