package margin

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"math"

	"github.com/shopspring/decimal"
	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"

	"verloner/assets"
	"verloner/domain"
	dm "verloner/domain/margin"
)

// The PDF's chart is a PNG drawn with the standard library's image packages
// (and x/image for the text, in the same DejaVu Sans as the PDF): maroto has
// no charts, and a raster at twice the printed resolution stays sharp on
// paper. Amounts only decide pixel positions here; no figure is computed
// from a float.

// Chart colours, the same as the spreadsheet's charts.
var (
	colRevenue = color.RGBA{0x44, 0x72, 0xC4, 0xFF}
	colCost    = color.RGBA{0xED, 0x7D, 0x31, 0xFF}
	colMargin  = color.RGBA{0x70, 0xAD, 0x47, 0xFF}
	colGrid    = color.RGBA{0xD9, 0xD9, 0xD9, 0xFF}
	colAxis    = color.RGBA{0x59, 0x59, 0x59, 0xFF}
	colText    = color.RGBA{0x26, 0x26, 0x26, 0xFF}
)

// barSeries is one series of a grouped bar chart; a null value draws no bar.
type barSeries struct {
	Name   string
	Color  color.RGBA
	Values []decimal.NullDecimal
}

// PeriodChartPNG draws revenue, wage cost and margin of the last ChartWeeks
// points as grouped bars, width × height pixels. A period without data has
// no bars and is labelled as such under the axis.
func PeriodChartPNG(points []dm.Point, width, height int) ([]byte, error) {
	if len(points) > ChartWeeks {
		points = points[len(points)-ChartWeeks:]
	}
	labels := make([]string, len(points))
	rev, cost, mar := make([]decimal.NullDecimal, len(points)), make([]decimal.NullDecimal, len(points)), make([]decimal.NullDecimal, len(points))
	for i, p := range points {
		labels[i] = shortPeriod(p.Period)
		if !p.Available {
			labels[i] += "\ngeen"
			continue
		}
		rev[i], cost[i], mar[i] = decimal.NewNullDecimal(p.Revenue), decimal.NewNullDecimal(p.WageCost), decimal.NewNullDecimal(p.Margin)
	}
	return barChartPNG("Omzet, loonkosten en marge per periode", labels, []barSeries{
		{"Omzet", colRevenue, rev}, {"Loonkosten", colCost, cost}, {"Marge", colMargin, mar}}, width, height)
}

// shortPeriod is the axis label: "W47" for weeks, the period otherwise.
func shortPeriod(p domain.Period) string {
	if p.Kind == domain.Weekly {
		return fmt.Sprintf("W%02d", p.Number)
	}
	return p.String()
}

type canvas struct {
	img            *image.RGBA
	regular, small font.Face
	bold           font.Face
}

func newCanvas(width, height int) (*canvas, error) {
	reg, err := opentype.Parse(assets.DejaVuSans)
	if err != nil {
		return nil, fmt.Errorf("grafiek lettertype: %w", err)
	}
	bold, err := opentype.Parse(assets.DejaVuSansBold)
	if err != nil {
		return nil, fmt.Errorf("grafiek lettertype: %w", err)
	}
	size := float64(height) / 30
	face := func(f *opentype.Font, s float64) (font.Face, error) {
		return opentype.NewFace(f, &opentype.FaceOptions{Size: s, DPI: 72, Hinting: font.HintingFull})
	}
	c := &canvas{img: image.NewRGBA(image.Rect(0, 0, width, height))}
	if c.regular, err = face(reg, size); err != nil {
		return nil, err
	}
	if c.small, err = face(reg, size*0.85); err != nil {
		return nil, err
	}
	if c.bold, err = face(bold, size*1.2); err != nil {
		return nil, err
	}
	draw.Draw(c.img, c.img.Bounds(), image.White, image.Point{}, draw.Src)
	return c, nil
}

func (c *canvas) rect(x0, y0, x1, y1 int, col color.Color) {
	if x0 > x1 {
		x0, x1 = x1, x0
	}
	if y0 > y1 {
		y0, y1 = y1, y0
	}
	draw.Draw(c.img, image.Rect(x0, y0, x1, y1), &image.Uniform{col}, image.Point{}, draw.Src)
}

func (c *canvas) width(face font.Face, s string) int {
	return font.MeasureString(face, s).Ceil()
}

// text draws s with its baseline at y; align -1 left, 0 centre, 1 right of x.
func (c *canvas) text(face font.Face, s string, x, y, align int, col color.Color) {
	w := c.width(face, s)
	switch align {
	case 0:
		x -= w / 2
	case 1:
		x -= w
	}
	d := &font.Drawer{Dst: c.img, Src: &image.Uniform{col}, Face: face, Dot: fixed.P(x, y)}
	d.DrawString(s)
}

// niceStep is a round step (1, 2, 2.5 or 5 × 10ⁿ) that cuts span into at
// most n parts.
func niceStep(span float64, n int) float64 {
	if span <= 0 {
		return 1
	}
	raw := span / float64(n)
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if raw <= m*mag {
			return m * mag
		}
	}
	return 10 * mag
}

// barChartPNG draws grouped bars with a legend, a zero line, gridlines with
// euro labels and one label per group.
func barChartPNG(title string, labels []string, series []barSeries, width, height int) ([]byte, error) {
	c, err := newCanvas(width, height)
	if err != nil {
		return nil, err
	}
	lo, hi := 0.0, 0.0
	for _, s := range series {
		for _, v := range s.Values {
			if v.Valid {
				f := v.Decimal.InexactFloat64()
				lo, hi = math.Min(lo, f), math.Max(hi, f)
			}
		}
	}
	if hi == lo {
		hi = lo + 1
	}
	step := niceStep(hi-lo, 5)
	lo, hi = math.Floor(lo/step)*step, math.Ceil(hi/step)*step

	lineH := c.regular.Metrics().Height.Ceil()
	top := lineH*3 + lineH/2
	bottom := height - lineH*3
	maxLabel := 0
	for v := lo; v <= hi+step/2; v += step {
		maxLabel = max(maxLabel, c.width(c.small, euroLabel(v)))
	}
	left, right := maxLabel+lineH, width-lineH
	c.text(c.bold, title, left, lineH+lineH/4, -1, colText)
	// Legend.
	x := left
	for _, s := range series {
		c.rect(x, lineH*2, x+lineH*3/4, lineH*2+lineH*3/4, s.Color)
		c.text(c.regular, s.Name, x+lineH, lineH*2+lineH*3/4, -1, colText)
		x += lineH*2 + c.width(c.regular, s.Name)
	}
	yOf := func(v float64) int { return bottom - int(math.Round((v-lo)/(hi-lo)*float64(bottom-top))) }
	for v := lo; v <= hi+step/2; v += step {
		y := yOf(v)
		c.rect(left, y, right, y+1, colGrid)
		c.text(c.small, euroLabel(v), left-lineH/3, y+lineH/3, 1, colAxis)
	}
	zero := yOf(0)
	n := len(labels)
	if n == 0 {
		n = 1
	}
	group := float64(right-left) / float64(n)
	barW := group * 0.8 / float64(max(len(series), 1))
	// Label every group, or every second, third … when they would overlap.
	every := max(1, int(math.Ceil(float64(c.width(c.small, "W00")+lineH/2)/group)))
	for i, label := range labels {
		gx := float64(left) + group*float64(i) + group*0.1
		for si, s := range series {
			if i >= len(s.Values) || !s.Values[i].Valid {
				continue
			}
			bx := int(math.Round(gx + barW*float64(si)))
			bw := int(math.Max(1, math.Round(barW)-1))
			c.rect(bx, yOf(s.Values[i].Decimal.InexactFloat64()), bx+bw, zero, s.Color)
		}
		if i%every == 0 {
			cx := int(math.Round(float64(left) + group*(float64(i)+0.5)))
			for li, part := range splitLines(label) {
				c.text(c.small, part, cx, bottom+lineH*(li+1), 0, colAxis)
			}
		}
	}
	c.rect(left, zero, right, zero+2, colAxis)
	c.rect(left, top, left+1, bottom, colAxis)
	var buf bytes.Buffer
	if err := png.Encode(&buf, c.img); err != nil {
		return nil, fmt.Errorf("grafiek: %w", err)
	}
	return buf.Bytes(), nil
}

func splitLines(s string) []string {
	var out []string
	start := 0
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' {
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}

// euroLabel is an axis label: "€ 10.000", "€ -2.500".
func euroLabel(v float64) string {
	return "€ " + domain.FormatDecimalNL(decimal.NewFromFloat(v).Round(0), 0)
}
