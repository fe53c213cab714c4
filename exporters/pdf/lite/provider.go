package lite

// The drawing of texts, lines and cells is maroto v2.3.3's gofpdf provider
// (internal/providers/gofpdf: provider.go, text.go, font.go, line.go and
// cellwriter), ported to draw on doc instead of gofpdf, so that documents
// look and break exactly as maroto lays them out.
// maroto: Copyright (c) 2019 Johnathan Fercher da Rosa, MIT License.

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/johnfercher/maroto/v2/pkg/consts/align"
	"github.com/johnfercher/maroto/v2/pkg/consts/border"
	"github.com/johnfercher/maroto/v2/pkg/consts/breakline"
	"github.com/johnfercher/maroto/v2/pkg/consts/extension"
	"github.com/johnfercher/maroto/v2/pkg/consts/fontstyle"
	"github.com/johnfercher/maroto/v2/pkg/consts/linestyle"
	"github.com/johnfercher/maroto/v2/pkg/consts/orientation"
	"github.com/johnfercher/maroto/v2/pkg/core"
	"github.com/johnfercher/maroto/v2/pkg/core/entity"
	"github.com/johnfercher/maroto/v2/pkg/props"
)

// gofpdf's points per mm, as maroto's font heights use it.
const fontScale = 72.0 / 25.4

// provider is a core.Provider drawing on a doc.
type provider struct {
	d   *doc
	cfg *entity.Config

	family    string
	style     fontstyle.Type
	size      float64
	fontColor *props.Color
}

var _ core.Provider = (*provider)(nil)

func newProvider(cfg *entity.Config, fonts *Fonts) *provider {
	d := newDoc(fonts, cfg.Dimensions.Width, cfg.Dimensions.Height)
	if cfg.DisableAutoPageBreak {
		d.setAutoPageBreak(false, 0)
	} else {
		d.setAutoPageBreak(true, cfg.Margins.Bottom)
	}
	d.setMargins(cfg.Margins.Left, cfg.Margins.Top, cfg.Margins.Right)
	d.addPage()
	p := &provider{d: d, cfg: cfg, fontColor: &props.Color{}}
	p.setFont(cfg.DefaultFont.Family, cfg.DefaultFont.Style, cfg.DefaultFont.Size)
	if cfg.BackgroundImage != nil {
		d.unsupported("achtergrondafbeelding")
	}
	p.SetMetadata(cfg.Metadata)
	p.SetCompression(cfg.Compression)
	p.SetProtection(cfg.Protection)
	return p
}

func (p *provider) setFont(family string, style fontstyle.Type, size float64) {
	p.family, p.style, p.size = family, style, size
	p.d.SetFont(family, string(style), size)
}

func (p *provider) fontHeight(family string, style fontstyle.Type, size float64) float64 {
	p.setFont(family, style, size)
	return p.size / fontScale
}

func (p *provider) setColor(c *props.Color) {
	if c == nil {
		return
	}
	p.fontColor = c
	p.d.text = color{c.Red, c.Green, c.Blue}
}

// CreateRow moves to the next row.
func (p *provider) CreateRow(height float64) { p.d.Ln(height) }

// CreateCol draws a cell: background, borders (all of them in debug mode).
func (p *provider) CreateCol(width, height float64, config *entity.Config, prop *props.Cell) {
	if prop == nil {
		bd := border.None
		if config.Debug {
			bd = border.Full
		}
		p.d.Cell(width, height, bd.String(), false)
		return
	}
	if prop.BorderThickness != 0 {
		p.d.lineWidth = prop.BorderThickness
		defer func() { p.d.lineWidth = linestyle.DefaultLineThickness }()
	}
	if prop.LineStyle != linestyle.Solid && prop.LineStyle != "" {
		p.d.SetDashPattern([]float64{1, 1}, 0)
		defer p.d.SetDashPattern([]float64{1, 0}, 0)
	}
	if prop.BorderColor != nil {
		p.d.draw = color{prop.BorderColor.Red, prop.BorderColor.Green, prop.BorderColor.Blue}
		defer func() { p.d.draw = color{props.BlackColor.Red, props.BlackColor.Green, props.BlackColor.Blue} }()
	}
	if prop.BackgroundColor != nil {
		p.d.fill = color{prop.BackgroundColor.Red, prop.BackgroundColor.Green, prop.BackgroundColor.Blue}
		defer func() { p.d.fill = color{props.WhiteColor.Red, props.WhiteColor.Green, props.WhiteColor.Blue} }()
	}
	bd := prop.BorderType
	if config.Debug {
		bd = border.Full
	}
	p.d.Cell(width, height, bd.String(), prop.BackgroundColor != nil)
}

// AddLine draws a line across (or down) a cell.
func (p *provider) AddLine(cell *entity.Cell, prop *props.Line) {
	left, top := p.d.lMargin, p.d.tMargin
	if prop.Color != nil {
		p.d.draw = color{prop.Color.Red, prop.Color.Green, prop.Color.Blue}
	}
	p.d.lineWidth = prop.Thickness
	if prop.Style != linestyle.Solid {
		p.d.SetDashPattern([]float64{1, 1}, 0)
	}
	if prop.Orientation == orientation.Vertical {
		size := cell.Height * (prop.SizePercent / 100.0)
		position := cell.Width * (prop.OffsetPercent / 100.0)
		space := (cell.Height - size) / 2.0
		p.d.Line(left+cell.X+position, top+cell.Y+space, left+cell.X+position, top+cell.Y+cell.Height-space)
	} else {
		size := cell.Width * (prop.SizePercent / 100.0)
		position := cell.Height * (prop.OffsetPercent / 100.0)
		space := (cell.Width - size) / 2.0
		p.d.Line(left+cell.X+space, top+cell.Y+position, left+cell.X+cell.Width-space, top+cell.Y+position)
	}
	if prop.Color != nil {
		p.d.draw = color{props.BlackColor.Red, props.BlackColor.Green, props.BlackColor.Blue}
	}
	p.d.lineWidth = linestyle.DefaultLineThickness
	if prop.Style != linestyle.Solid {
		p.d.SetDashPattern([]float64{1, 0}, 0)
	}
}

// AddText writes a text in a cell, wrapped to its width.
func (p *provider) AddText(text string, cell *entity.Cell, textProp *props.Text) {
	p.setFont(textProp.Family, textProp.Style, textProp.Size)
	fontHeight := p.fontHeight(textProp.Family, textProp.Style, textProp.Size)

	if textProp.Top > cell.Height {
		textProp.Top = cell.Height
	}
	if textProp.Left > cell.Width {
		textProp.Left = cell.Width
	}
	if textProp.Right > cell.Width {
		textProp.Right = cell.Width
	}
	width := cell.Width - textProp.Left - textProp.Right
	if width < 0 {
		width = 0
	}
	x := cell.X + textProp.Left
	y := cell.Y + textProp.Top

	originalColor := p.fontColor
	if textProp.Color != nil {
		p.setColor(textProp.Color)
	}
	if textProp.Hyperlink != nil {
		p.d.unsupported("koppeling")
	}
	y += fontHeight

	stringWidth := p.d.StringWidth(text)
	if stringWidth <= width {
		p.addLine(textProp, x, width, y, stringWidth, text)
		p.setColor(originalColor)
		return
	}
	var lines []string
	if textProp.BreakLineStrategy == breakline.EmptySpaceStrategy {
		lines = p.linesBreakingFromSpace(strings.Split(text, " "), width)
	} else {
		lines = p.linesBreakingWithDash(text, width)
	}
	accumulateOffsetY := 0.0
	for index, line := range lines {
		lineWidth := p.d.StringWidth(line)
		p.addLine(textProp, x, width, y+float64(index)*fontHeight+accumulateOffsetY, lineWidth, line)
		accumulateOffsetY += textProp.VerticalPadding
	}
	p.setColor(originalColor)
}

// GetLinesQuantity is the number of lines a text wraps to in a column.
func (p *provider) GetLinesQuantity(text string, textProp *props.Text, colWidth float64) int {
	p.setFont(textProp.Family, textProp.Style, textProp.Size)
	if textProp.BreakLineStrategy == breakline.DashStrategy {
		return len(p.linesBreakingWithDash(text, colWidth))
	}
	return len(p.linesBreakingFromSpace(strings.Split(text, " "), colWidth))
}

// GetFontHeight is a font's line height in mm.
func (p *provider) GetFontHeight(prop *props.Font) float64 {
	return p.fontHeight(prop.Family, prop.Style, prop.Size)
}

func (p *provider) linesBreakingFromSpace(words []string, colWidth float64) []string {
	currentlySize := 0.0
	lines := []string{}
	for _, word := range words {
		if word == "" {
			continue
		}
		var piece, separator string
		if len(lines) == 0 || lines[len(lines)-1] == "" {
			piece = word
		} else {
			piece = " " + word
			separator = " "
		}
		width := p.d.StringWidth(piece)
		if currentlySize+width <= colWidth {
			if len(lines) == 0 {
				lines = append(lines, "")
			}
			lines[len(lines)-1] += separator + word
			currentlySize += width
		} else {
			lines = append(lines, word)
			currentlySize = p.d.StringWidth(word)
		}
	}
	return lines
}

func (p *provider) linesBreakingWithDash(words string, colWidth float64) []string {
	currentlySize := 0.0
	lines := []string{}
	dashSize := p.d.StringWidth(" - ")
	var content string
	for _, letter := range words {
		if currentlySize+dashSize > colWidth-dashSize {
			content += "-"
			lines = append(lines, content)
			content = ""
			currentlySize = 0
		}
		letterString := fmt.Sprintf("%c", letter)
		width := p.d.StringWidth(letterString)
		content += letterString
		currentlySize += width
	}
	if content != "" {
		lines = append(lines, content)
	}
	return lines
}

func (p *provider) addLine(textProp *props.Text, xColOffset, colWidth, yColOffset, textWidth float64, text string) {
	left, top := p.d.lMargin, p.d.tMargin
	if textProp.Align == align.Left {
		p.d.Text(xColOffset+left, yColOffset+top, text)
		return
	}
	if textProp.Align == align.Justify {
		const spaceString = " "
		text = strings.TrimRight(text, spaceString)
		textNotSpaces := strings.ReplaceAll(text, spaceString, "")
		textWidth = p.d.StringWidth(textNotSpaces)
		defaultSpaceWidth := p.d.StringWidth(spaceString)
		words := strings.Fields(text)
		numSpaces := max(len(words)-1, 1)
		spaceWidth := (colWidth - textWidth) / float64(numSpaces)
		x := xColOffset + left
		if isIncorrectSpaceWidth(textWidth, spaceWidth, defaultSpaceWidth, textNotSpaces) {
			spaceWidth = defaultSpaceWidth
		}
		for _, word := range words {
			p.d.Text(x, yColOffset+top, word)
			x += p.d.StringWidth(word) + spaceWidth
		}
		return
	}
	var modifier float64 = 2
	if textProp.Align == align.Right {
		modifier = 1
	}
	dx := (colWidth - textWidth) / modifier
	p.d.Text(dx+xColOffset+left, yColOffset+top, text)
}

func isIncorrectSpaceWidth(textWidth, spaceWidth, defaultSpaceWidth float64, text string) bool {
	if textWidth <= 0 || spaceWidth <= defaultSpaceWidth*10 {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(text)
	return !unicode.IsLetter(r) && !unicode.IsNumber(r)
}

// What this package does not draw: the document reports it on Generate.

func (p *provider) AddMatrixCode(string, *entity.Cell, *props.Rect) { p.d.unsupported("matrixcode") }
func (p *provider) AddQrCode(string, *entity.Cell, *props.Rect)     { p.d.unsupported("QR-code") }
func (p *provider) AddBarCode(string, *entity.Cell, *props.Barcode) { p.d.unsupported("streepjescode") }
func (p *provider) AddImageFromFile(string, *entity.Cell, *props.Rect) {
	p.d.unsupported("afbeelding")
}
func (p *provider) AddImageFromBytes([]byte, *entity.Cell, *props.Rect, extension.Type) {
	p.d.unsupported("afbeelding")
}
func (p *provider) AddBackgroundImageFromBytes([]byte, *entity.Cell, *props.Rect, extension.Type) {
	p.d.unsupported("achtergrondafbeelding")
}

func (p *provider) GetDimensionsByMatrixCode(string) (*entity.Dimensions, error) {
	return nil, fmt.Errorf("matrixcode: %w", errUnsupported)
}

func (p *provider) GetDimensionsByImageByte([]byte, extension.Type) (*entity.Dimensions, error) {
	return nil, fmt.Errorf("afbeelding: %w", errUnsupported)
}

func (p *provider) GetDimensionsByImage(string) (*entity.Dimensions, error) {
	return nil, fmt.Errorf("afbeelding: %w", errUnsupported)
}

func (p *provider) GetDimensionsByQrCode(string) (*entity.Dimensions, error) {
	return nil, fmt.Errorf("QR-code: %w", errUnsupported)
}

// GenerateBytes writes the PDF.
func (p *provider) GenerateBytes() ([]byte, error) { return p.d.output() }

// SetProtection: encryption is not supported.
func (p *provider) SetProtection(protection *entity.Protection) {
	if protection != nil {
		p.d.unsupported("beveiliging")
	}
}

// SetCompression compresses the page contents (fonts always are).
func (p *provider) SetCompression(compression bool) { p.d.compress = compression }

// SetMetadata sets the document information.
func (p *provider) SetMetadata(m *entity.Metadata) {
	if m == nil {
		return
	}
	if m.Author != nil {
		p.d.author = m.Author.Text
	}
	if m.Creator != nil {
		p.d.creator = m.Creator.Text
	}
	if m.Subject != nil {
		p.d.subj = m.Subject.Text
	}
	if m.Title != nil {
		p.d.title = m.Title.Text
	}
	if m.CreationDate != nil {
		p.d.created = *m.CreationDate
	}
	if m.KeywordsStr != nil {
		p.d.keywords = m.KeywordsStr.Text
	}
}
