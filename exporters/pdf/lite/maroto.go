// Package lite draws maroto v2 documents without gofpdf, for documents made
// by the thousand (a run's payslips).
//
// maroto's only backend, gofpdf, parses every embedded TrueType font anew
// for each document, hashes its 65,536 character widths through JSON,
// subsets it and compresses a 128 KB glyph map: for a one-page payslip with
// two fonts that was two thirds of the time. Here a font is parsed once
// (ParseFont) and shared read-only by every document and goroutine; a
// document embeds a subset of the glyphs it shows, the glyph map of each
// font is compressed once.
//
// New makes a core.Maroto that lays out rows and pages as maroto.New does
// (the code is maroto v2.3.3's, see maroto.go and provider.go) and draws
// texts, lines, backgrounds and borders as maroto's gofpdf provider does,
// with gofpdf's metrics and PDF structure, so that a document looks, wraps
// and breaks the same. It does not draw images, barcodes, QR codes, links,
// underlined text or encrypted documents: Generate returns an error for a
// document that asks for them.
package lite

// The layout (rows, pages, header and footer) is maroto v2.3.3's maroto.go,
// with the provider made here.
// maroto: Copyright (c) 2019 Johnathan Fercher da Rosa, MIT License.

import (
	"errors"
	"math"

	"github.com/johnfercher/go-tree/node"
	"github.com/johnfercher/maroto/v2/pkg/components/col"
	"github.com/johnfercher/maroto/v2/pkg/components/page"
	"github.com/johnfercher/maroto/v2/pkg/components/row"
	"github.com/johnfercher/maroto/v2/pkg/config"
	"github.com/johnfercher/maroto/v2/pkg/core"
	"github.com/johnfercher/maroto/v2/pkg/core/entity"
)

// Maroto is a core.Maroto drawing with this package's provider.
type Maroto struct {
	config   *entity.Config
	provider *provider

	cell          entity.Cell
	pages         []core.Page
	rows          []core.Row
	header        []core.Row
	footer        []core.Row
	headerHeight  float64
	footerHeight  float64
	currentHeight float64
}

var _ core.Maroto = (*Maroto)(nil)

// New starts a document with the configuration cfg (config.NewBuilder) and
// the fonts of fonts; cfg.CustomFonts are not used. The fonts the document
// uses (the default font, the texts' families) must be in fonts.
func New(cfg *entity.Config, fonts *Fonts) *Maroto {
	if cfg == nil {
		cfg = config.NewBuilder().Build()
	}
	return &Maroto{
		config:   cfg,
		provider: newProvider(cfg, fonts),
		cell: entity.NewRootCell(cfg.Dimensions.Width, cfg.Dimensions.Height, entity.Margins{
			Left:   cfg.Margins.Left,
			Top:    cfg.Margins.Top,
			Right:  cfg.Margins.Right,
			Bottom: cfg.Margins.Bottom,
		}),
	}
}

// GetCurrentConfig returns the document's configuration.
func (m *Maroto) GetCurrentConfig() *entity.Config { return m.config }

// AddPages adds pages: each starts on a new page and flows on as rows do.
func (m *Maroto) AddPages(pages ...core.Page) {
	for _, page := range pages {
		if m.currentHeight != m.headerHeight {
			m.fillPageToAddNew()
			m.addHeader()
		}
		m.addRows(page.GetRows()...)
	}
}

// AddRows adds rows, starting a new page when one does not fit.
func (m *Maroto) AddRows(rows ...core.Row) { m.addRows(rows...) }

// AddRow adds a row of the given height.
func (m *Maroto) AddRow(rowHeight float64, cols ...core.Col) core.Row {
	r := row.New(rowHeight).Add(cols...)
	m.addRow(r)
	return r
}

// AddAutoRow adds a row as high as its content.
func (m *Maroto) AddAutoRow(cols ...core.Col) core.Row {
	r := row.New().Add(cols...)
	m.addRow(r)
	return r
}

// FitlnCurrentPage reports whether a row of the given height fits on the
// current page (counting the header twice, as maroto v2.3.3 does).
func (m *Maroto) FitlnCurrentPage(heightNewLine float64) bool {
	contentSize := m.getRowsHeight(m.rows...) + m.footerHeight + m.headerHeight
	return contentSize+heightNewLine < m.cell.Height
}

// RegisterHeader sets the rows repeated at the top of every page.
func (m *Maroto) RegisterHeader(rows ...core.Row) error {
	height := m.getRowsHeight(rows...)
	if height+m.footerHeight > m.config.Dimensions.Height {
		return errors.New("header height is greater than page useful area")
	}
	m.headerHeight = height
	m.header = rows
	for _, headerRow := range rows {
		m.addRow(headerRow)
	}
	return nil
}

// RegisterFooter sets the rows repeated at the bottom of every page.
func (m *Maroto) RegisterFooter(rows ...core.Row) error {
	height := m.getRowsHeight(rows...)
	if height > m.config.Dimensions.Height {
		return errors.New("footer height is greater than page useful area")
	}
	m.footerHeight = height
	m.footer = rows
	return nil
}

// Generate draws the document and returns the PDF.
func (m *Maroto) Generate() (core.Document, error) {
	m.fillPageToAddNew()
	m.setConfig()
	innerCtx := m.cell.Copy()
	for _, page := range m.pages {
		page.Render(m.provider, innerCtx)
	}
	b, err := m.provider.GenerateBytes()
	if err != nil {
		return nil, err
	}
	return core.NewPDF(b, nil), nil
}

// GetStructure returns the component tree (for tests).
func (m *Maroto) GetStructure() *node.Node[core.Structure] {
	m.fillPageToAddNew()
	n := node.New(core.Structure{Type: "maroto", Details: m.config.ToMap()})
	for _, p := range m.pages {
		n.AddNext(p.GetStructure())
	}
	return n
}

func (m *Maroto) addRows(rows ...core.Row) {
	for _, row := range rows {
		m.addRow(row)
	}
}

func (m *Maroto) addRow(r core.Row) {
	if len(r.GetColumns()) == 0 {
		r.Add(col.New())
	}
	maxHeight := m.cell.Height
	r.SetConfig(m.config)
	rowHeight := r.GetHeight(m.provider, &m.cell)
	sumHeight := rowHeight + m.currentHeight + m.footerHeight
	if sumHeight <= maxHeight {
		m.currentHeight += rowHeight
		m.rows = append(m.rows, r)
		return
	}
	// The row does not fit: fill the page and start the next.
	m.fillPageToAddNew()
	m.addHeader()
	m.currentHeight += rowHeight
	m.rows = append(m.rows, r)
}

func (m *Maroto) addHeader() {
	for _, headerRow := range m.header {
		m.currentHeight += headerRow.GetHeight(m.provider, &m.cell)
		m.rows = append(m.rows, headerRow)
	}
}

func (m *Maroto) fillPageToAddNew() {
	space := m.cell.Height - m.currentHeight - m.footerHeight
	// Truncate space to 9 decimal places to avoid rounding errors
	space = math.Floor(space*math.Pow10(9)) / math.Pow10(9)
	c := col.New(m.config.MaxGridSize)
	spaceRow := row.New(space)
	spaceRow.Add(c)
	m.rows = append(m.rows, spaceRow)
	m.rows = append(m.rows, m.footer...)
	var p core.Page
	if m.config.PageNumber != nil {
		p = page.New(*m.config.PageNumber)
	} else {
		p = page.New()
	}
	p.SetConfig(m.config)
	p.Add(m.rows...)
	m.pages = append(m.pages, p)
	m.rows = nil
	m.currentHeight = 0
}

func (m *Maroto) setConfig() {
	for i, page := range m.pages {
		page.SetConfig(m.config)
		page.SetNumber(i+1, len(m.pages))
	}
}

func (m *Maroto) getRowsHeight(rows ...core.Row) float64 {
	var height float64
	for _, r := range rows {
		r.SetConfig(m.config)
		height += r.GetHeight(m.provider, &m.cell)
	}
	return height
}
