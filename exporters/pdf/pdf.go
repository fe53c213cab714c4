// Package pdf is the small common base of Verloner's PDF documents
// (checklists now; payslips, invoices and margin overviews later) on top of
// maroto v2: A4, the embedded DejaVu Sans fonts (so that Polish, Lithuanian,
// Romanian and Turkish names and the € sign render), a header with the
// agency's name and the document title on every page, a footer with a
// free text and "Pagina x van y", and a few building blocks (heading,
// paragraph, key/value lines, tables with wrapping cells).
//
// Fonts are parsed per Doc from a private copy of the embedded bytes: gofpdf
// mutates font state while writing, and documents generated in parallel
// goroutines must not share it (shared/domain/stack-notes.md §2.3). Generate
// documents concurrently only as separate Docs.
package pdf

import (
	"bytes"
	"fmt"
	"strings"
	"time"

	"github.com/johnfercher/maroto/v2"
	"github.com/johnfercher/maroto/v2/pkg/components/col"
	"github.com/johnfercher/maroto/v2/pkg/components/line"
	"github.com/johnfercher/maroto/v2/pkg/components/row"
	"github.com/johnfercher/maroto/v2/pkg/components/text"
	"github.com/johnfercher/maroto/v2/pkg/config"
	"github.com/johnfercher/maroto/v2/pkg/consts/align"
	"github.com/johnfercher/maroto/v2/pkg/consts/fontstyle"
	"github.com/johnfercher/maroto/v2/pkg/consts/orientation"
	"github.com/johnfercher/maroto/v2/pkg/consts/pagesize"
	"github.com/johnfercher/maroto/v2/pkg/core"
	"github.com/johnfercher/maroto/v2/pkg/core/entity"
	"github.com/johnfercher/maroto/v2/pkg/props"
	"github.com/johnfercher/maroto/v2/pkg/repository"

	"verloner/assets"
)

// Family is the font family name documents use.
const Family = "dejavu"

// Options describe a document.
type Options struct {
	Agency    string    // left in the header of every page
	Title     string    // right in the header, and the PDF title
	Subtitle  string    // under the title in the header (period, date); optional
	Footer    string    // left in the footer; optional
	Lang      string    // "en" for English page numbers, Dutch otherwise
	Landscape bool      // A4 landscape instead of portrait
	Created   time.Time // the PDF creation date; zero: now
}

// Doc is one PDF being built. It is not safe for concurrent use; build
// several documents in parallel with one Doc each.
type Doc struct {
	m   core.Maroto
	opt Options
}

// Fonts loads DejaVu Sans and Sans Bold from fresh copies of the embedded
// TTFs, for one document (or one worker goroutine).
func Fonts() ([]*entity.CustomFont, error) {
	fonts, err := repository.New().
		AddUTF8FontFromBytes(Family, fontstyle.Normal, bytes.Clone(assets.DejaVuSans)).
		AddUTF8FontFromBytes(Family, fontstyle.Bold, bytes.Clone(assets.DejaVuSansBold)).
		Load()
	if err != nil {
		return nil, fmt.Errorf("lettertype DejaVu laden: %w", err)
	}
	return fonts, nil
}

// Color is an RGB colour (maroto's), so callers need not import maroto.
type Color = props.Color

// Colours used by the building blocks.
var (
	Grey      = &props.Color{Red: 217, Green: 217, Blue: 217}
	LightGrey = &props.Color{Red: 242, Green: 242, Blue: 242}
	Red       = &props.Color{Red: 192, Green: 0, Blue: 0}
	LightRed  = &props.Color{Red: 251, Green: 228, Blue: 228}
	Amber     = &props.Color{Red: 156, Green: 101, Blue: 0}
	LightAmb  = &props.Color{Red: 255, Green: 240, Blue: 200}
)

// New starts a document with header, footer and page numbers.
func New(opt Options) (*Doc, error) {
	fonts, err := Fonts()
	if err != nil {
		return nil, err
	}
	pattern := "Pagina {current} van {total}"
	if opt.Lang == "en" {
		pattern = "Page {current} of {total}"
	}
	created := opt.Created
	if created.IsZero() {
		created = time.Now()
	}
	b := config.NewBuilder().
		WithPageSize(pagesize.A4).
		WithLeftMargin(15).WithTopMargin(12).WithRightMargin(15).WithBottomMargin(12).
		WithCustomFonts(fonts).
		WithDefaultFont(&props.Font{Family: Family, Size: 9}).
		WithPageNumber(props.PageNumber{Pattern: pattern, Place: props.RightBottom, Family: Family, Size: 7}).
		WithTitle(opt.Title, true).
		WithAuthor(opt.Agency, true).
		WithCreator("Verloner", true).
		WithCreationDate(created).
		WithCompression(true)
	if opt.Landscape {
		b = b.WithOrientation(orientation.Horizontal)
	}
	d := &Doc{m: maroto.New(b.Build()), opt: opt}
	header := []core.Row{
		row.New(7).Add(
			text.NewCol(6, opt.Agency, props.Text{Family: Family, Style: fontstyle.Bold, Size: 11}),
			text.NewCol(6, opt.Title, props.Text{Family: Family, Style: fontstyle.Bold, Size: 11, Align: align.Right}),
		),
	}
	if opt.Subtitle != "" {
		header = append(header, row.New(5).Add(col.New(6),
			text.NewCol(6, opt.Subtitle, props.Text{Family: Family, Size: 8, Align: align.Right})))
	}
	header = append(header, line.NewRow(3, props.Line{Thickness: 0.3, Color: Grey}), row.New(2))
	if err := d.m.RegisterHeader(header...); err != nil {
		return nil, fmt.Errorf("pdf-kop: %w", err)
	}
	footer := row.New(8).Add(text.NewCol(9, opt.Footer, props.Text{Family: Family, Size: 7, Top: 3}), col.New(3))
	if err := d.m.RegisterFooter(footer); err != nil {
		return nil, fmt.Errorf("pdf-voet: %w", err)
	}
	return d, nil
}

// Maroto gives access to the underlying document for components this
// package does not wrap (images, barcodes, signatures).
func (d *Doc) Maroto() core.Maroto { return d.m }

// Heading adds a bold heading, optionally on a shaded band.
func (d *Doc) Heading(s string, size float64, shade *props.Color) {
	if size <= 0 {
		size = 11
	}
	r := row.New().Add(text.NewCol(12, glue(s), props.Text{Family: Family, Style: fontstyle.Bold, Size: size, Top: 1, Bottom: 1, Left: 1}))
	if shade != nil {
		r = r.WithStyle(&props.Cell{BackgroundColor: shade})
	}
	d.m.AddRows(row.New(2), r)
}

// Paragraph adds wrapping text.
func (d *Doc) Paragraph(s string, size float64) {
	if size <= 0 {
		size = 9
	}
	d.m.AddAutoRow(text.NewCol(12, glue(s), props.Text{Family: Family, Size: size, Bottom: 1}))
}

// KeyValues adds label/value lines, two label columns of 3 and value columns of 9.
func (d *Doc) KeyValues(pairs [][2]string) {
	for _, kv := range pairs {
		d.m.AddAutoRow(
			text.NewCol(3, kv[0], props.Text{Family: Family, Style: fontstyle.Bold, Size: 9}),
			text.NewCol(9, glue(kv[1]), props.Text{Family: Family, Size: 9}),
		)
	}
}

// Col describes one table column: a header and a width in the 12-column grid.
type Col struct {
	Header string
	Width  int
	Right  bool // right-align (amounts)
}

// Cell is one table cell: its text and optional emphasis.
type Cell struct {
	Text  string
	Bold  bool
	Color *props.Color
}

// TableRow is a row of cells with an optional background.
type TableRow struct {
	Cells []Cell
	Shade *props.Color
}

// Table adds a table: a shaded header row and rows whose height follows the
// longest cell. Rows flow onto the next page; the page header repeats.
func (d *Doc) Table(cols []Col, rows []TableRow) {
	hdr := make([]core.Col, len(cols))
	for i, c := range cols {
		hdr[i] = text.NewCol(c.Width, c.Header, d.cellProps(c, true, nil))
	}
	d.m.AddRows(row.New().Add(hdr...).WithStyle(&props.Cell{BackgroundColor: Grey}))
	for _, r := range rows {
		cs := make([]core.Col, len(cols))
		for i, c := range cols {
			var cell Cell
			if i < len(r.Cells) {
				cell = r.Cells[i]
			}
			cs[i] = text.NewCol(c.Width, glue(cell.Text), d.cellProps(c, cell.Bold, cell.Color))
		}
		rr := row.New().Add(cs...)
		if r.Shade != nil {
			rr = rr.WithStyle(&props.Cell{BackgroundColor: r.Shade})
		}
		d.m.AddRows(rr)
	}
}

func (d *Doc) cellProps(c Col, bold bool, color *props.Color) props.Text {
	p := props.Text{Family: Family, Size: 8, Top: 0.8, Bottom: 0.8, Left: 1, Right: 1, Color: color}
	if bold {
		p.Style = fontstyle.Bold
	}
	if c.Right {
		p.Align = align.Right
	}
	return p
}

// glue keeps an amount with its currency sign on one line: "€ 11,99" never
// breaks after the €. The non-breaking space renders as a space.
func glue(s string) string { return strings.ReplaceAll(s, "€ ", "€\u00a0") }

// Space adds vertical space in millimetres.
func (d *Doc) Space(mm float64) { d.m.AddRows(row.New(mm)) }

// Bytes renders the document.
func (d *Doc) Bytes() ([]byte, error) {
	doc, err := d.m.Generate()
	if err != nil {
		return nil, fmt.Errorf("pdf %s maken: %w", strings.TrimSpace(d.opt.Title), err)
	}
	return doc.GetBytes(), nil
}
