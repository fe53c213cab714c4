package payslip

import (
	"bytes"
	_ "embed"
	"fmt"
	"sync"

	"github.com/johnfercher/maroto/v2/pkg/consts/fontstyle"
	"github.com/johnfercher/maroto/v2/pkg/core/entity"
	"github.com/johnfercher/maroto/v2/pkg/repository"
	"golang.org/x/image/font/sfnt"

	"verloner/exporters/pdf"
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

// loadFonts returns fresh fonts for one document: the subset, or the full
// DejaVu Sans of verloner/assets when the document holds a character the
// subset lacks. The bytes are copied per document because gofpdf may write
// into them.
func loadFonts(full bool) ([]*entity.CustomFont, error) {
	if full {
		return pdf.Fonts()
	}
	fonts, err := repository.New().
		AddUTF8FontFromBytes(pdf.Family, fontstyle.Normal, bytes.Clone(subsetRegular)).
		AddUTF8FontFromBytes(pdf.Family, fontstyle.Bold, bytes.Clone(subsetBold)).
		Load()
	if err != nil {
		return nil, fmt.Errorf("lettertype loonstrook laden: %w", err)
	}
	return fonts, nil
}
