package lite

import (
	"bytes"
	"compress/zlib"
	"crypto/sha256"
	"errors"
	"fmt"
	"image"
	"image/png"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/johnfercher/maroto/v2"
	"github.com/johnfercher/maroto/v2/pkg/components/col"
	mimage "github.com/johnfercher/maroto/v2/pkg/components/image"
	"github.com/johnfercher/maroto/v2/pkg/components/line"
	"github.com/johnfercher/maroto/v2/pkg/components/row"
	"github.com/johnfercher/maroto/v2/pkg/components/text"
	"github.com/johnfercher/maroto/v2/pkg/config"
	"github.com/johnfercher/maroto/v2/pkg/consts/align"
	"github.com/johnfercher/maroto/v2/pkg/consts/border"
	"github.com/johnfercher/maroto/v2/pkg/consts/fontstyle"
	"github.com/johnfercher/maroto/v2/pkg/consts/linestyle"
	"github.com/johnfercher/maroto/v2/pkg/core"
	"github.com/johnfercher/maroto/v2/pkg/core/entity"
	"github.com/johnfercher/maroto/v2/pkg/props"
	"github.com/johnfercher/maroto/v2/pkg/repository"
	"github.com/phpdave11/gofpdf"
	"golang.org/x/image/font/sfnt"

	"verloner/assets"
)

var testFonts struct {
	once    sync.Once
	regular *Font
	bold    *Font
	err     error
}

func dejaVu(t testing.TB) (*Font, *Font) {
	t.Helper()
	testFonts.once.Do(func() {
		if testFonts.regular, testFonts.err = ParseFont(assets.DejaVuSans); testFonts.err == nil {
			testFonts.bold, testFonts.err = ParseFont(assets.DejaVuSansBold)
		}
	})
	if testFonts.err != nil {
		t.Fatal(testFonts.err)
	}
	return testFonts.regular, testFonts.bold
}

func fontSet(t testing.TB) *Fonts {
	r, b := dejaVu(t)
	return NewFonts().Add("dejavu", fontstyle.Normal, r).Add("dejavu", fontstyle.Bold, b)
}

func inflate(t testing.TB, z []byte) []byte {
	t.Helper()
	r, err := zlib.NewReader(bytes.NewReader(z))
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(r) // checks the Adler-32 sum too
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestSubsetIsAFont: a subset is a valid TrueType font (whole-file checksum,
// zlib sum) that draws the chosen characters with the glyphs of the full
// font and nothing else, with short offsets for a small subset and long
// ones for a large one.
func TestSubsetIsAFont(t *testing.T) {
	regular, _ := dejaVu(t)
	full, err := sfnt.Parse(assets.DejaVuSans)
	if err != nil {
		t.Fatal(err)
	}
	small := []rune("Łukasz Kamiński € 1.234,56 Ǻ") // Ǻ is a composite glyph
	var large []rune
	for r := rune(0x20); r < 0x2000; r++ {
		large = append(large, r)
	}
	for _, c := range []struct {
		name  string
		runes []rune
		long  bool
	}{{"small", small, false}, {"large", large, true}} {
		z, raw := regular.subset(c.runes)
		b := inflate(t, z)
		if len(b) != raw {
			t.Errorf("%s: /Length1 %d, font %d bytes", c.name, raw, len(b))
		}
		if sum := checksum(b); sum != 0xB1B0AFBA {
			t.Errorf("%s: whole-font checksum %#x", c.name, sum)
		}
		f, err := sfnt.Parse(b)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		var buf, fullBuf sfnt.Buffer
		for _, r := range c.runes[:min(len(c.runes), 400)] {
			g, err := f.GlyphIndex(&buf, r)
			if err != nil || g == 0 {
				continue // not in DejaVu Sans
			}
			got, err1 := f.LoadGlyph(&buf, g, 1000, nil)
			want, err2 := full.LoadGlyph(&fullBuf, g, 1000, nil)
			if err1 != nil || err2 != nil || fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("%s: glyph of %q differs from the full font (%v, %v)", c.name, r, err1, err2)
			}
		}
		if c.name == "small" {
			g, _ := f.GlyphIndex(&buf, 'Q')
			if segs, err := f.LoadGlyph(&buf, g, 1000, nil); err != nil || len(segs) != 0 {
				t.Errorf("a glyph not asked for has an outline (%d segments, %v)", len(segs), err)
			}
		}
		head := bytes.Index(b, []byte("head"))
		off := int(b[head+8])<<24 | int(b[head+9])<<16 | int(b[head+10])<<8 | int(b[head+11])
		if long := b[off+51] == 1; long != c.long {
			t.Errorf("%s: long offsets %v", c.name, long)
		}
	}
}

// TestParseFontRefuses: what is not a usable TrueType font is an error, not
// a panic, however it is cut short.
func TestParseFontRefuses(t *testing.T) {
	if _, err := ParseFont([]byte("OTTO not a TrueType font")); err == nil {
		t.Error("accepted an OpenType/CFF header")
	}
	for _, n := range []int{0, 11, 12, 100, 400, 5000, len(assets.DejaVuSans) / 2} {
		if _, err := ParseFont(assets.DejaVuSans[:n]); err == nil {
			t.Errorf("accepted the first %d bytes", n)
		}
	}
}

// TestWidthsAsGofpdf: every character measures as gofpdf measures it, so
// texts wrap where maroto with gofpdf wraps them.
func TestWidthsAsGofpdf(t *testing.T) {
	regular, bold := dejaVu(t)
	for _, c := range []struct {
		font  *Font
		bytes []byte
		style string
	}{{regular, assets.DejaVuSans, ""}, {bold, assets.DejaVuSansBold, "B"}} {
		g := gofpdf.New("P", "mm", "A4", "")
		g.AddUTF8FontFromBytes("dejavu", c.style, bytes.Clone(c.bytes))
		g.SetFont("dejavu", c.style, 1000)
		d := newDoc(NewFonts().Add("dejavu", fontstyle.Type(c.style), c.font), 210, 297)
		d.SetFont("dejavu", c.style, 1000)
		bad := 0
		for r := rune(1); r < 0xFFFF; r++ {
			s := string(r)
			if got, want := d.StringWidth(s), g.GetStringWidth(s); got != want && bad < 5 {
				bad++
				t.Errorf("%q %U: width %v, gofpdf %v", c.style, r, got, want)
			}
		}
		desc := g.GetFontDesc("dejavu", c.style)
		f := c.font
		if desc.Ascent != f.ascent || desc.Descent != f.descent || desc.CapHeight != f.capHeight || desc.Flags != f.flags ||
			desc.ItalicAngle != f.italic || desc.StemV != f.stemV || desc.MissingWidth != f.missing ||
			[4]int{desc.FontBBox.Xmin, desc.FontBBox.Ymin, desc.FontBBox.Xmax, desc.FontBBox.Ymax} != f.bbox {
			t.Errorf("%q: descriptor %+v, gofpdf %+v", c.style, f, desc)
		}
	}
}

// sampleDoc lays out a document of two pages and a bit with everything a
// payslip uses: header and footer, page numbers, bold, colours, shaded rows,
// bottom borders, lines, right and centred text, wrapping, Polish and the €.
func sampleDoc(m core.Maroto) error {
	grey := &props.Color{Red: 90, Green: 90, Blue: 90}
	shade := &props.Color{Red: 242, Green: 242, Blue: 242}
	if err := m.RegisterHeader(
		row.New(7).Add(
			text.NewCol(6, "Flexwerk Zuid B.V.", props.Text{Style: fontstyle.Bold, Size: 11}),
			text.NewCol(6, "Pasek wynagrodzenia", props.Text{Style: fontstyle.Bold, Size: 11, Align: align.Right})),
		line.NewRow(3, props.Line{Thickness: 0.3, Color: shade}),
	); err != nil {
		return err
	}
	if err := m.RegisterFooter(row.New(8).Add(text.NewCol(9, "Lista płac 2026-W47 · utworzono 24-11-2026", props.Text{Size: 7, Top: 3}), col.New(3))); err != nil {
		return err
	}
	for i := 0; i < 70; i++ {
		r := row.New().Add(
			text.NewCol(5, fmt.Sprintf("Łukasz Kamiński %d — zażółć gęślą jaźń, Ğğ Şş İı, een lange tekst die over meerdere regels loopt", i),
				props.Text{Size: 7.5, Top: 0.6, Bottom: 0.4, Left: 1, Right: 1, Color: grey}),
			text.NewCol(3, "€\u00a01.234,56", props.Text{Size: 7.5, Style: fontstyle.Bold, Align: align.Right, Top: 0.6}),
			text.NewCol(4, "środek", props.Text{Size: 7.5, Align: align.Center, Top: 0.6}),
		)
		switch i % 3 {
		case 0:
			r = r.WithStyle(&props.Cell{BackgroundColor: shade})
		case 1:
			r = r.WithStyle(&props.Cell{BorderType: border.Bottom, BorderColor: grey, BorderThickness: 0.2})
		}
		m.AddRows(r)
	}
	m.AddRows(line.NewRow(4, props.Line{Thickness: 0.5, Style: linestyle.Dashed}))
	return nil
}

func sampleConfig(fonts []*entity.CustomFont) *entity.Config {
	b := config.NewBuilder().WithLeftMargin(15).WithTopMargin(10).WithRightMargin(15).WithBottomMargin(10).
		WithDefaultFont(&props.Font{Family: "dejavu", Size: 7.5}).
		WithPageNumber(props.PageNumber{Pattern: "Strona {current} z {total}", Place: props.RightBottom, Family: "dejavu", Size: 6.5}).
		WithTitle("Pasek wynagrodzenia — Łukasz", true).WithAuthor("Flexwerk Zuid B.V.", true).WithCreator("Verloner", true).
		WithCreationDate(time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC)).WithCompression(true)
	if fonts != nil {
		b = b.WithCustomFonts(fonts)
	}
	return b.Build()
}

func tools(t *testing.T, names ...string) {
	for _, n := range names {
		if _, err := exec.LookPath(n); err != nil {
			t.Skipf("%s not on PATH", n)
		}
	}
}

// render draws the pages of a PDF at 50 dpi (pdftoppm) and returns them.
func render(t *testing.T, pdf []byte) []image.Image {
	t.Helper()
	dir := t.TempDir()
	path := filepath.Join(dir, "x.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("pdftoppm", "-png", "-r", "50", path, filepath.Join(dir, "p")).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v\n%s", err, out)
	}
	pages, _ := filepath.Glob(filepath.Join(dir, "p-*.png"))
	var out []image.Image
	for _, p := range pages {
		f, err := os.Open(p)
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(f)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, img)
	}
	return out
}

func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "x.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-raw", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

// TestDrawsAsGofpdf: the same maroto document drawn here and by maroto with
// gofpdf has the same structure, text and pixels, and passes qpdf.
func TestDrawsAsGofpdf(t *testing.T) {
	tools(t, "pdftoppm", "pdftotext", "qpdf")
	custom, err := repository.New().
		AddUTF8FontFromBytes("dejavu", fontstyle.Normal, bytes.Clone(assets.DejaVuSans)).
		AddUTF8FontFromBytes("dejavu", fontstyle.Bold, bytes.Clone(assets.DejaVuSansBold)).Load()
	if err != nil {
		t.Fatal(err)
	}
	want := maroto.New(sampleConfig(custom))
	got := New(sampleConfig(nil), fontSet(t))
	for _, m := range []core.Maroto{want, got} {
		if err := sampleDoc(m); err != nil {
			t.Fatal(err)
		}
	}
	var ws, gs strings.Builder
	fmt.Fprint(&ws, want.GetStructure().GetStructure())
	fmt.Fprint(&gs, got.GetStructure().GetStructure())
	wantDoc, err := want.Generate()
	if err != nil {
		t.Fatal(err)
	}
	gotDoc, err := got.Generate()
	if err != nil {
		t.Fatal(err)
	}
	wb, gb := wantDoc.GetBytes(), gotDoc.GetBytes()
	path := filepath.Join(t.TempDir(), "x.pdf")
	if err := os.WriteFile(path, gb, 0o600); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("qpdf", "--check", path).CombinedOutput(); err != nil {
		t.Errorf("qpdf --check: %v\n%s", err, out)
	}
	if wt, gt := pdfText(t, wb), pdfText(t, gb); wt != gt {
		t.Errorf("text differs from gofpdf's:\n%s\n---\n%s", gt, wt)
	}
	wp, gp := render(t, wb), render(t, gb)
	if len(wp) != len(gp) || len(gp) < 3 {
		t.Fatalf("%d pages, gofpdf %d (want 3 or more)", len(gp), len(wp))
	}
	for i := range gp {
		if d := differing(wp[i], gp[i]); d != 0 {
			t.Errorf("page %d: %d pixels differ from gofpdf's", i+1, d)
		}
	}
}

func differing(a, b image.Image) int {
	if a.Bounds() != b.Bounds() {
		return a.Bounds().Dx() * a.Bounds().Dy()
	}
	n := 0
	r := a.Bounds()
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if a.At(x, y) != b.At(x, y) {
				n++
			}
		}
	}
	return n
}

// TestUnsupported: a document asking for what is not drawn here fails
// rather than silently leaving it out; so does one with an unknown font.
func TestUnsupported(t *testing.T) {
	for name, add := range map[string]func(m core.Maroto){
		"image": func(m core.Maroto) {
			m.AddRows(row.New(10).Add(mimage.NewFromBytesCol(4, []byte{0x89, 'P', 'N', 'G'}, "png")))
		},
		"link": func(m core.Maroto) {
			u := "https://example.org"
			m.AddRows(row.New(10).Add(text.NewCol(4, "x", props.Text{Hyperlink: &u})))
		},
		"font": func(m core.Maroto) {
			m.AddRows(row.New(10).Add(text.NewCol(4, "x", props.Text{Family: "courier"})))
		},
	} {
		m := New(sampleConfig(nil), fontSet(t))
		add(m)
		if _, err := m.Generate(); err == nil {
			t.Errorf("%s: no error", name)
		} else if name != "font" && !errors.Is(err, errUnsupported) {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// TestConcurrent: documents drawn at once in several goroutines with the
// same fonts come out the same as one drawn alone (go test -race checks
// the sharing).
func TestConcurrent(t *testing.T) {
	fonts := fontSet(t)
	one := func() []byte {
		m := New(sampleConfig(nil), fonts)
		if err := sampleDoc(m); err != nil {
			t.Error(err)
			return nil
		}
		d, err := m.Generate()
		if err != nil {
			t.Error(err)
			return nil
		}
		return d.GetBytes()
	}
	want := sha256.Sum256(one())
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 3; i++ {
				if sha256.Sum256(one()) != want {
					t.Error("a document drawn concurrently differs")
				}
			}
		}()
	}
	wg.Wait()
}
