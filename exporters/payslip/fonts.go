package payslip

import (
	_ "embed"
	"fmt"
	"sync"

	"github.com/johnfercher/maroto/v2/pkg/consts/fontstyle"
	"golang.org/x/image/font/sfnt"

	"verloner/assets"
	"verloner/exporters/pdf"
	"verloner/exporters/pdf/lite"
)

// The payslip's subset of DejaVu Sans (fonts/subset.sh says why and how).
var (
	//go:embed fonts/DejaVuSans-payslip.ttf
	subsetRegular []byte
	//go:embed fonts/DejaVuSans-Bold-payslip.ttf
	subsetBold []byte
)

// coverage is a bitmap of the Basic Multilingual Plane: which runes both
// subset fonts have a glyph for.
var coverage struct {
	once sync.Once
	bits [1 << 16 / 64]uint64
	err  error
}

func loadCoverage() {
	var fonts [2]*sfnt.Font
	for i, b := range [][]byte{subsetRegular, subsetBold} {
		f, err := sfnt.Parse(b)
		if err != nil {
			coverage.err = fmt.Errorf("lettertype loonstrook: %w", err)
			return
		}
		fonts[i] = f
	}
	var buf sfnt.Buffer
	for r := rune(0); r < 1<<16; r++ {
		ok := true
		for _, f := range fonts {
			if g, err := f.GlyphIndex(&buf, r); err != nil || g == 0 {
				ok = false
				break
			}
		}
		if ok {
			coverage.bits[r/64] |= 1 << (r % 64)
		}
	}
}

// covered reports whether the subset fonts can show every character of s
// (control characters aside, which the PDF does not show anyway).
func covered(s string) bool {
	coverage.once.Do(loadCoverage)
	if coverage.err != nil {
		return false
	}
	for _, r := range s {
		if r < 0x20 {
			continue
		}
		if r >= 1<<16 || coverage.bits[r/64]&(1<<(r%64)) == 0 {
			return false
		}
	}
	return true
}

// fontSets are the payslip's fonts, parsed once and then shared read-only
// by every document and goroutine (exporters/pdf/lite): the subset, and the
// full DejaVu Sans of verloner/assets for a document that holds a character
// the subset lacks (parsed only when one does).
var fontSets struct {
	subsetOnce, fullOnce sync.Once
	subset, full         *lite.Fonts
	subsetErr, fullErr   error
}

// loadFonts returns the subset fonts, or the full ones.
func loadFonts(full bool) (*lite.Fonts, error) {
	if full {
		fontSets.fullOnce.Do(func() {
			fontSets.full, fontSets.fullErr = parseFonts(assets.DejaVuSans, assets.DejaVuSansBold)
		})
		return fontSets.full, fontSets.fullErr
	}
	fontSets.subsetOnce.Do(func() {
		fontSets.subset, fontSets.subsetErr = parseFonts(subsetRegular, subsetBold)
	})
	return fontSets.subset, fontSets.subsetErr
}

func parseFonts(regular, bold []byte) (*lite.Fonts, error) {
	r, err := lite.ParseFont(regular)
	if err != nil {
		return nil, fmt.Errorf("lettertype loonstrook laden: %w", err)
	}
	b, err := lite.ParseFont(bold)
	if err != nil {
		return nil, fmt.Errorf("lettertype loonstrook (vet) laden: %w", err)
	}
	return lite.NewFonts().Add(pdf.Family, fontstyle.Normal, r).Add(pdf.Family, fontstyle.Bold, b), nil
}
