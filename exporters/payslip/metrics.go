package payslip

import (
	"math"
	"strings"
	"sync"

	"github.com/johnfercher/maroto/v2/pkg/consts/fontstyle"
	"github.com/johnfercher/maroto/v2/pkg/props"
	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// Text heights, computed as maroto computes them, so that a block that must
// stay on one page can be moved to the next before maroto splits it: maroto
// knows a row's height only once the row is added.

const mmPerPt = 25.4 / 72

// widths holds the advance widths in 1/1000 em of the subset fonts' runes,
// rounded as gofpdf rounds them (its Cw table); 0 for a rune the subset lacks.
var widths struct {
	once sync.Once
	w    [2][]uint16 // regular, bold
}

func loadWidths() {
	var buf sfnt.Buffer
	for i, data := range [][]byte{subsetRegular, subsetBold} {
		w := make([]uint16, 1<<16)
		widths.w[i] = w
		f, err := sfnt.Parse(data)
		if err != nil {
			continue // covered() reports the broken font; estimates fall back to missingWidth
		}
		upem := float64(f.UnitsPerEm())
		for r := rune(0); r < 1<<16; r++ {
			g, err := f.GlyphIndex(&buf, r)
			if err != nil || g == 0 {
				continue
			}
			adv, err := f.GlyphAdvance(&buf, g, fixed.Int26_6(f.UnitsPerEm())<<6, font.HintingNone)
			if err != nil {
				continue
			}
			w[r] = uint16(math.Round(float64(adv) / 64 * 1000 / upem))
		}
	}
}

// missingWidth is DejaVu Sans's /MissingWidth, for a rune outside the subset.
const missingWidth = 600

// textWidth is the width in mm of s in the given style and size.
func textWidth(s string, bold bool, sizePt float64) float64 {
	widths.once.Do(loadWidths)
	w := widths.w[0]
	if bold {
		w = widths.w[1]
	}
	units := 0
	for _, r := range s {
		cw := missingWidth
		if r < 1<<16 && w[r] != 0 {
			cw = int(w[r])
		}
		units += cw
	}
	return float64(units) * sizePt * mmPerPt / 1000
}

// textHeight is the height maroto gives a text of size grid columns: the
// lines its word wrap makes (text.getLinesBreakingLineFromSpace) times the
// font height, plus the padding.
func textHeight(size int, s string, p props.Text) float64 {
	colW := float64(size)/grid*(210-2*marginSide) - p.Left - p.Right
	bold := p.Style == fontstyle.Bold
	lines, cur := 0, 0.0
	for _, word := range strings.Split(s, " ") {
		if word == "" {
			continue
		}
		piece := word
		if lines > 0 {
			piece = " " + word
		}
		w := textWidth(piece, bold, p.Size)
		if lines > 0 && cur+w <= colW {
			cur += w
			continue
		}
		if lines == 0 && w <= colW {
			lines, cur = 1, w
			continue
		}
		lines++
		cur = textWidth(word, bold, p.Size)
	}
	return float64(lines)*p.Size*mmPerPt + float64(lines-1)*p.VerticalPadding + p.Top + p.Bottom
}
