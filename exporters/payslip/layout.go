package payslip

import (
	"fmt"
	"strings"
	"time"

	"github.com/johnfercher/maroto/v2"
	"github.com/johnfercher/maroto/v2/pkg/components/col"
	"github.com/johnfercher/maroto/v2/pkg/components/page"
	"github.com/johnfercher/maroto/v2/pkg/components/row"
	"github.com/johnfercher/maroto/v2/pkg/components/text"
	"github.com/johnfercher/maroto/v2/pkg/config"
	"github.com/johnfercher/maroto/v2/pkg/consts/align"
	"github.com/johnfercher/maroto/v2/pkg/consts/border"
	"github.com/johnfercher/maroto/v2/pkg/consts/fontstyle"
	"github.com/johnfercher/maroto/v2/pkg/consts/pagesize"
	"github.com/johnfercher/maroto/v2/pkg/core"
	"github.com/johnfercher/maroto/v2/pkg/props"
	"github.com/shopspring/decimal"
	"golang.org/x/text/unicode/norm"

	"verloner/domain"
	"verloner/domain/payroll"
	"verloner/exporters/pdf"
)

// The page: A4 portrait, a 48-column grid over 180 mm (3,75 mm a column).
const (
	grid         = 48
	marginSide   = 15.0
	marginTop    = 10.0
	marginBottom = 10.0
	bodySize     = 7.5
	smallSize    = 6.5
)

var (
	darkGrey  = &props.Color{Red: 90, Green: 90, Blue: 90}
	lineGrey  = &props.Color{Red: 190, Green: 190, Blue: 190}
	netShade  = &props.Color{Red: 220, Green: 230, Blue: 241}
	bandShade = pdf.LightGrey
)

// Text styles. props.Text is copied into every component, so these are
// templates, never shared state.
var (
	stBody      = props.Text{Family: pdf.Family, Size: bodySize, Top: 0.6, Bottom: 0.4, Left: 1, Right: 1}
	stLabel     = props.Text{Family: pdf.Family, Size: bodySize, Top: 0.6, Bottom: 0.4, Left: 1, Right: 1, Color: darkGrey}
	stBold      = props.Text{Family: pdf.Family, Size: bodySize, Top: 0.6, Bottom: 0.4, Left: 1, Right: 1, Style: fontstyle.Bold}
	stHead      = props.Text{Family: pdf.Family, Size: 8.5, Top: 0.9, Bottom: 0.7, Left: 1, Style: fontstyle.Bold}
	stColHdr    = props.Text{Family: pdf.Family, Size: smallSize + 0.5, Top: 0.6, Bottom: 0.4, Left: 1, Right: 1, Style: fontstyle.Bold, Color: darkGrey}
	stSmall     = props.Text{Family: pdf.Family, Size: smallSize, Top: 0.4, Bottom: 0.3, Left: 1, Right: 1, Color: darkGrey}
	stSmallBold = props.Text{Family: pdf.Family, Size: smallSize + 0.5, Top: 0.6, Bottom: 0.3, Left: 1, Right: 1, Style: fontstyle.Bold, Color: darkGrey}
	stNet       = props.Text{Family: pdf.Family, Size: 9.5, Top: 1.2, Bottom: 1, Left: 1, Right: 1, Style: fontstyle.Bold}
)

func alignRight(p props.Text) props.Text { p.Align = align.Right; return p }

// builder lays out one payslip. It collects the rows first and notes
// whether any text needs the full fonts; build then makes the document.
type builder struct {
	doc   *Document
	ps    *payroll.Payslip
	l     domain.Language
	full  bool // some text lacks a glyph in the subset fonts
	multi bool // more than one placement: lines name theirs
	plNr  map[int64]string

	headerRows, footerRows []core.Row
	headerH                float64 // height of the header rows (fixed heights)

	blocks  []block
	pending float64   // tallest cell of the row being made
	rowEst  []float64 // estimated height of every body row, in order (for the tests)
}

// block is a run of body rows; a kept block that does not fit on the rest
// of the page starts a new one instead of being split.
type block struct {
	rows []core.Row
	est  float64 // estimated height, mm
	keep bool
}

func (b *builder) startBlock(keep bool) { b.blocks = append(b.blocks, block{keep: keep}) }

func (b *builder) t(k key) string { return labels[k].in(b.l) }

func (b *builder) tf(k key, args ...any) string { return fmt.Sprintf(labels[k].in(b.l), args...) }

// s passes a text to the page: composed (NFC: gofpdf does not place
// combining accents), noting a character the subset lacks, with "€ 12,50"
// kept on one line.
func (b *builder) s(s string) string {
	s = norm.NFC.String(s)
	if !b.full && !covered(s) {
		b.full = true
	}
	return strings.ReplaceAll(s, "€ ", "€\u00a0")
}

// add appends a row whose cells were just made with cell: its height is
// that of its tallest cell, as maroto will find.
func (b *builder) add(r core.Row) {
	b.addWithHeight(r, b.pending)
	b.pending = 0
}

func (b *builder) addWithHeight(r core.Row, h float64) {
	blk := &b.blocks[len(b.blocks)-1]
	blk.rows = append(blk.rows, r)
	blk.est += h
	b.rowEst = append(b.rowEst, h)
}

func (b *builder) cell(size int, s string, p props.Text) core.Col {
	s = b.s(s)
	b.pending = max(b.pending, textHeight(size, s, p))
	return text.NewCol(size, s, p)
}

func (b *builder) space(mm float64) { b.addWithHeight(row.New(mm), mm) }

func (b *builder) heading(s string) {
	b.space(2)
	b.add(row.New().Add(b.cell(grid, s, stHead)).WithStyle(&props.Cell{BackgroundColor: bandShade}))
}

// kv is a label and its value.
type kv struct{ k, v string }

// pairs lays out two lists of label/value side by side; w holds the widths
// of the left label and value and the right label and value, which with a
// gap of 2 make up the grid.
func (b *builder) pairs(left, right []kv, w [4]int, labelStyle, valueStyle props.Text, shade *props.Color) {
	n := max(len(left), len(right))
	for i := 0; i < n; i++ {
		var l, r kv
		if i < len(left) {
			l = left[i]
		}
		if i < len(right) {
			r = right[i]
		}
		rr := row.New().Add(
			b.cell(w[0], l.k, labelStyle), b.cell(w[1], l.v, valueStyle), col.New(grid-w[0]-w[1]-w[2]-w[3]),
			b.cell(w[2], r.k, labelStyle), b.cell(w[3], r.v, valueStyle))
		if shade != nil {
			rr = rr.WithStyle(&props.Cell{BackgroundColor: shade})
		}
		b.add(rr)
	}
}

// columns lays out label/value items in n columns of grid/n, filled row by
// row, the label taking lw of each.
func (b *builder) columns(items []kv, n, lw int, labelStyle, valueStyle props.Text) {
	w := grid / n
	for i := 0; i < len(items); i += n {
		cs := make([]core.Col, 0, 2*n)
		for j := i; j < i+n; j++ {
			var it kv
			if j < len(items) {
				it = items[j]
			}
			cs = append(cs, b.cell(lw, it.k, labelStyle), b.cell(w-lw, it.v, valueStyle))
		}
		b.add(row.New().Add(cs...))
	}
}

// tcol is a table column: header, width, right-aligned.
type tcol struct {
	h     string
	w     int
	right bool
}

func (b *builder) tableHeader(cols []tcol) {
	cs := make([]core.Col, len(cols))
	for i, c := range cols {
		p := stColHdr
		if c.right {
			p = alignRight(p)
		}
		cs[i] = b.cell(c.w, c.h, p)
	}
	b.add(row.New().Add(cs...).WithStyle(&props.Cell{BorderType: border.Bottom, BorderColor: lineGrey, BorderThickness: 0.2}))
}

func (b *builder) tableRow(cols []tcol, cells []string, p props.Text, shade *props.Color) {
	cs := make([]core.Col, len(cols))
	for i, c := range cols {
		var s string
		if i < len(cells) {
			s = cells[i]
		}
		q := p
		if c.right {
			q = alignRight(q)
		}
		cs[i] = b.cell(c.w, s, q)
	}
	r := row.New().Add(cs...)
	if shade != nil {
		r = r.WithStyle(&props.Cell{BackgroundColor: shade})
	}
	b.add(r)
}

// Number formats: Dutch in every language (see the package comment).

func money(d decimal.Decimal) string { return domain.FormatEuro(d) }

// rate prints a unit rate with at least 2 and at most 4 decimals.
func rate(d decimal.Decimal) string {
	places := int32(2)
	for p := int32(3); p <= 4; p++ {
		if !d.Round(p - 1).Equal(d) {
			places = p
		}
	}
	return "€ " + domain.FormatDecimalNL(d, places)
}

func qty(d decimal.Decimal) string { return domain.FormatDecimalNL(d, 2) }

func pct(d decimal.Decimal) string {
	return strings.Replace(d.String(), ".", ",", 1) + " %"
}

func date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("02-01-2006")
}

func (b *builder) periodName() string {
	p := b.doc.Period
	switch p.Kind {
	case domain.Weekly:
		return b.tf(kWeekN, p.Number, p.Year)
	case domain.FourWeek:
		return b.tf(kPeriodN, p.Number, p.Year)
	case domain.Monthly:
		if p.Number >= 1 && p.Number <= 12 {
			return months[p.Number-1].in(b.l) + " " + fmt.Sprint(p.Year)
		}
	}
	return p.String()
}

func addressLines(a domain.Address) (string, string) {
	city := strings.TrimSpace(a.PostalCode + "  " + a.City)
	if a.Country != "" && !strings.EqualFold(a.Country, "NL") {
		city += ", " + a.Country
	}
	return strings.TrimSpace(a.Street), city
}

// build lays out the document and returns it ready to Generate.
func build(doc *Document) (core.Maroto, error) {
	b, err := layout(doc)
	if err != nil {
		return nil, err
	}
	return b.maroto()
}

// layout checks the document and lays out its rows.
func layout(doc *Document) (*builder, error) {
	if err := doc.validate(); err != nil {
		return nil, err
	}
	b := &builder{doc: doc, ps: doc.Payslip, l: doc.lang(), plNr: map[int64]string{}}
	for _, p := range doc.Placements {
		b.plNr[p.PlacementID] = p.Number
	}
	b.multi = len(doc.Placements) > 1
	b.headerRows = b.header()
	b.footerRows = b.footer()
	b.pending = 0
	b.startBlock(true)
	b.parties()
	b.startBlock(true)
	b.facts()
	b.startBlock(true)
	b.assignments()
	b.startBlock(false)
	b.hours()
	b.startBlock(false)
	if err := b.wage(); err != nil {
		return nil, err
	}
	b.startBlock(true)
	b.taxAndTotals()
	b.startBlock(true)
	b.reservations()
	if !doc.HideEmployerCosts {
		b.startBlock(true)
		b.employerCosts()
	}
	return b, nil
}

// maroto makes the document of the laid-out rows, with the subset fonts or,
// when a text needs them, the full ones.
func (b *builder) maroto() (core.Maroto, error) {
	doc := b.doc
	fonts, err := loadFonts(b.full)
	if err != nil {
		return nil, err
	}
	created := doc.Created
	if created.IsZero() {
		created = time.Now()
	}
	cfg := config.NewBuilder().
		WithPageSize(pagesize.A4).
		WithMaxGridSize(grid).
		WithLeftMargin(marginSide).WithRightMargin(marginSide).
		WithTopMargin(marginTop).WithBottomMargin(marginBottom).
		WithCustomFonts(fonts).
		WithDefaultFont(&props.Font{Family: pdf.Family, Size: bodySize}).
		WithPageNumber(props.PageNumber{Pattern: b.t(kPage), Place: props.RightBottom, Family: pdf.Family, Size: smallSize}).
		WithTitle(b.t(kTitle)+" "+doc.Period.String()+" "+doc.Worker.Number, true).
		WithAuthor(doc.Agency.Name, true).
		WithCreator("Verloner", true).
		WithCreationDate(created).
		WithCompression(true).
		Build()
	m := maroto.New(cfg)
	if err := m.RegisterHeader(b.headerRows...); err != nil {
		return nil, fmt.Errorf("%s: paginakop: %w", doc.ident(), err)
	}
	if err := m.RegisterFooter(b.footerRows...); err != nil {
		return nil, fmt.Errorf("%s: paginavoet: %w", doc.ident(), err)
	}
	usable := 297 - marginTop - marginBottom - b.headerH - footerH
	for _, blk := range b.blocks {
		// FitlnCurrentPage counts the header twice in maroto v2.3.3 (its
		// rows are among the page's rows and added again): give it back.
		if blk.keep && blk.est < usable && !m.FitlnCurrentPage(blk.est-b.headerH) {
			m.AddPages(page.New().Add(blk.rows...))
			continue
		}
		m.AddRows(blk.rows...)
	}
	return m, nil
}
