package lite

import (
	"bytes"
	"compress/zlib"
	"crypto/sha256"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf16"

	"github.com/johnfercher/maroto/v2/pkg/consts/fontstyle"
)

// Fonts are the fonts documents may use, by family and style. A Fonts is
// filled once (Add) and then only read: share it between goroutines.
type Fonts struct {
	m map[string]*Font
}

// NewFonts returns an empty font set.
func NewFonts() *Fonts { return &Fonts{m: map[string]*Font{}} }

// Add registers a font for a family ("dejavu") and style (fontstyle.Normal,
// Bold, Italic, BoldItalic). Add before the set is used.
func (fs *Fonts) Add(family string, style fontstyle.Type, f *Font) *Fonts {
	fs.m[fontKey(family, string(style))] = f
	return fs
}

func fontKey(family, style string) string {
	style = strings.ToUpper(style)
	if style == "IB" {
		style = "BI"
	}
	return strings.ToLower(family) + style
}

// errUnsupported is what a document reports when asked for something this
// package does not draw (images, codes, links, underlining, encryption).
var errUnsupported = errors.New("niet ondersteund door exporters/pdf/lite")

// color is an RGB colour as gofpdf writes it: "%.3f g" for grey, else
// "%.3f %.3f %.3f rg" (stroking: G and RG).
type color struct{ r, g, b int }

func (c color) op(stroke bool) string {
	gray, rgb := "g", "rg"
	if stroke {
		gray, rgb = "G", "RG"
	}
	r, g, b := float64(c.r)/255, float64(c.g)/255, float64(c.b)/255
	if c.r == c.g && c.r == c.b {
		return strconv.FormatFloat(r, 'f', 3, 64) + " " + gray
	}
	return strconv.FormatFloat(r, 'f', 3, 64) + " " + strconv.FormatFloat(g, 'f', 3, 64) + " " +
		strconv.FormatFloat(b, 'f', 3, 64) + " " + rgb
}

var black = color{}

// docFont is a font as one document uses it: its resource name and the
// characters it shows.
type docFont struct {
	font  *Font
	name  string   // resource name, F1…
	base  string   // the font's name in the family table: dejavu, dejavuB
	shown []uint64 // bitmap by rune (BMP): shown on some page
	runes []rune   // the runes shown, in the order first shown
}

// doc is the PDF being drawn: gofpdf's model (a cursor in mm from the top
// left, a page break when a cell would cross the bottom margin) with only
// what maroto's rows, columns, texts and lines use.
type doc struct {
	fonts *Fonts
	k     float64 // points per mm
	w, h  float64 // page size in mm

	lMargin, tMargin, rMargin, bMargin float64
	autoBreak                          bool
	x, y, lasth                        float64

	pages [][]byte
	page  []byte // the current page's content

	// Wanted state, and what the current page's content has set.
	font          *docFont
	fontSizePt    float64
	fontSize      float64 // in mm
	lineWidth     float64 // in mm
	draw, fill    color
	text          color
	dash          string
	setFill       string
	setStroke     string
	setLW         float64
	setDash       string
	setFont       *docFont
	setFontSize   float64
	used          map[*Font]*docFont
	usedOrder     []*docFont
	compress      bool
	title, author string
	creator, subj string
	keywords      string
	created       time.Time
	err           error
}

func newDoc(fonts *Fonts, w, h float64) *doc {
	d := &doc{fonts: fonts, k: 72.0 / 25.4, w: w, h: h, used: map[*Font]*docFont{}, compress: true}
	d.lMargin, d.tMargin, d.rMargin, d.bMargin = 10, 10, 10, 20
	d.lineWidth = 0.567 / d.k
	d.autoBreak = true
	return d
}

func (d *doc) fail(err error) {
	if d.err == nil {
		d.err = err
	}
}

func (d *doc) unsupported(what string) {
	d.fail(fmt.Errorf("%s: %w", what, errUnsupported))
}

func (d *doc) setMargins(left, top, right float64) {
	d.lMargin, d.tMargin, d.rMargin = left, top, right
}

func (d *doc) setAutoPageBreak(auto bool, bottom float64) { d.autoBreak, d.bMargin = auto, bottom }

func (d *doc) pageBreakTrigger() float64 { return d.h - d.bMargin }

// addPage closes the current page and starts a new one with the cursor at
// the top left margin.
func (d *doc) addPage() {
	if d.page != nil {
		d.pages = append(d.pages, d.page)
	}
	d.page = make([]byte, 0, 8<<10)
	d.x, d.y = d.lMargin, d.tMargin
	// A page starts with PDF's defaults: black, solid lines of width 1.
	d.setFill, d.setStroke, d.setLW, d.setDash, d.setFont, d.setFontSize = black.op(false), black.op(true), 1/d.k, "", nil, 0
}

// SetFont selects the font for the following texts and widths.
func (d *doc) SetFont(family, style string, size float64) {
	if strings.ContainsAny(strings.ToUpper(style), "US") {
		d.unsupported("onderstreepte of doorgehaalde tekst")
		style = strings.Map(func(r rune) rune {
			if r == 'U' || r == 'S' || r == 'u' || r == 's' {
				return -1
			}
			return r
		}, style)
	}
	f := d.fonts.m[fontKey(family, style)]
	if f == nil {
		d.fail(fmt.Errorf("lettertype %q %q niet geladen", family, style))
		return
	}
	df := d.used[f]
	if df == nil {
		df = &docFont{font: f, name: "F" + strconv.Itoa(len(d.usedOrder)+1), base: fontKey(family, style)}
		d.used[f] = df
		d.usedOrder = append(d.usedOrder, df)
	}
	if size == 0 {
		size = d.fontSizePt
	}
	d.font, d.fontSizePt, d.fontSize = df, size, size/d.k
}

// StringWidth is the width of s in the current font, in mm.
func (d *doc) StringWidth(s string) float64 {
	if d.font == nil {
		return 0
	}
	w := 0
	for _, r := range s {
		w += d.font.font.width(r)
	}
	return float64(w) * d.fontSize / 1000
}

func (d *doc) appendF(v float64) { d.page = strconv.AppendFloat(d.page, v, 'f', 2, 64) }

func (d *doc) ensureFill(op string) {
	if d.setFill != op {
		d.page = append(d.page, op...)
		d.page = append(d.page, '\n')
		d.setFill = op
	}
}

func (d *doc) ensureStroke() {
	if op := d.draw.op(true); d.setStroke != op {
		d.page = append(d.page, op...)
		d.page = append(d.page, '\n')
		d.setStroke = op
	}
	if d.setLW != d.lineWidth {
		d.appendF(d.lineWidth * d.k)
		d.page = append(d.page, " w\n"...)
		d.setLW = d.lineWidth
	}
	if d.setDash != d.dash {
		if d.dash == "" {
			d.page = append(d.page, "[] 0 d\n"...)
		} else {
			d.page = append(d.page, d.dash...)
			d.page = append(d.page, '\n')
		}
		d.setDash = d.dash
	}
}

// Text writes s with its baseline starting at x, y (mm from the top left).
func (d *doc) Text(x, y float64, s string) {
	if d.font == nil {
		d.fail(errors.New("tekst zonder lettertype"))
		return
	}
	if d.page == nil {
		d.addPage()
	}
	d.ensureFill(d.text.op(false))
	d.page = append(d.page, "BT "...)
	if d.setFont != d.font || d.setFontSize != d.fontSizePt {
		d.page = append(d.page, '/')
		d.page = append(d.page, d.font.name...)
		d.page = append(d.page, ' ')
		d.appendF(d.fontSizePt)
		d.page = append(d.page, " Tf "...)
		d.setFont, d.setFontSize = d.font, d.fontSizePt
	}
	d.appendF(x * d.k)
	d.page = append(d.page, ' ')
	d.appendF((d.h - y) * d.k)
	d.page = append(d.page, " Td <"...)
	df := d.font
	if df.shown == nil {
		df.shown = make([]uint64, 1<<16/64)
	}
	for _, r := range s {
		if r < 0 || r > 0xFFFF {
			d.page = hexUnits(d.page, utf16.Encode([]rune{r})...)
			continue
		}
		if df.shown[r/64]&(1<<(r%64)) == 0 {
			df.shown[r/64] |= 1 << (r % 64)
			df.runes = append(df.runes, r)
		}
		d.page = hexUnits(d.page, uint16(r))
	}
	d.page = append(d.page, "> Tj ET\n"...)
}

func hexUnits(b []byte, units ...uint16) []byte {
	const digits = "0123456789ABCDEF"
	for _, u := range units {
		b = append(b, digits[u>>12], digits[u>>8&15], digits[u>>4&15], digits[u&15])
	}
	return b
}

// Cell draws a cell of w × h at the cursor, filled and/or with the given
// borders ("1" all, else any of "LTRB"), and moves the cursor right of it;
// it starts a new page first when the cell would cross the bottom margin
// (keeping the cursor's x), as gofpdf's CellFormat does.
func (d *doc) Cell(w, h float64, border string, fill bool) {
	if d.page == nil {
		d.addPage()
	}
	if d.y+h > d.pageBreakTrigger() && d.autoBreak {
		x := d.x
		d.addPage()
		d.x = x
	}
	if w == 0 {
		w = d.w - d.rMargin - d.x
	}
	k := d.k
	border = strings.ToUpper(border)
	if fill || border == "1" {
		op := " re S\n"
		switch {
		case fill && border == "1":
			op = " re B\n"
			d.ensureFill(d.fill.op(false))
			d.ensureStroke()
		case fill:
			op = " re f\n"
			d.ensureFill(d.fill.op(false))
		default:
			d.ensureStroke()
		}
		d.appendF(d.x * k)
		d.page = append(d.page, ' ')
		d.appendF((d.h - d.y) * k)
		d.page = append(d.page, ' ')
		d.appendF(w * k)
		d.page = append(d.page, ' ')
		d.appendF(-h * k)
		d.page = append(d.page, op...)
	}
	if border != "" && border != "1" {
		left, top, right, bottom := d.x*k, (d.h-d.y)*k, (d.x+w)*k, (d.h-(d.y+h))*k
		line := func(x1, y1, x2, y2 float64) {
			d.ensureStroke()
			d.appendF(x1)
			d.page = append(d.page, ' ')
			d.appendF(y1)
			d.page = append(d.page, " m "...)
			d.appendF(x2)
			d.page = append(d.page, ' ')
			d.appendF(y2)
			d.page = append(d.page, " l S\n"...)
		}
		if strings.Contains(border, "L") {
			line(left, top, left, bottom)
		}
		if strings.Contains(border, "T") {
			line(left, top, right, top)
		}
		if strings.Contains(border, "R") {
			line(right, top, right, bottom)
		}
		if strings.Contains(border, "B") {
			line(left, bottom, right, bottom)
		}
	}
	d.lasth = h
	d.x += w
}

// Ln moves the cursor to the left margin, h lower (the last cell's height
// for h < 0).
func (d *doc) Ln(h float64) {
	d.x = d.lMargin
	if h < 0 {
		d.y += d.lasth
	} else {
		d.y += h
	}
}

// Line draws a line from x1, y1 to x2, y2 (mm from the top left).
func (d *doc) Line(x1, y1, x2, y2 float64) {
	if d.page == nil {
		d.addPage()
	}
	d.ensureStroke()
	d.appendF(x1 * d.k)
	d.page = append(d.page, ' ')
	d.appendF((d.h - y1) * d.k)
	d.page = append(d.page, " m "...)
	d.appendF(x2 * d.k)
	d.page = append(d.page, ' ')
	d.appendF((d.h - y2) * d.k)
	d.page = append(d.page, " l S\n"...)
}

// SetDashPattern sets the dash pattern of lines in mm, as gofpdf does; an
// empty pattern draws solid lines.
func (d *doc) SetDashPattern(dash []float64, phase float64) {
	if len(dash) == 0 {
		d.dash = ""
		return
	}
	var b []byte
	b = append(b, '[')
	for i, v := range dash {
		if i > 0 {
			b = append(b, ' ')
		}
		b = strconv.AppendFloat(b, v*d.k, 'f', 2, 64)
	}
	b = append(b, "] "...)
	b = strconv.AppendFloat(b, phase*d.k, 'f', 2, 64)
	b = append(b, " d"...)
	d.dash = string(b)
}

// zpool holds zlib writers: a new one allocates about a megabyte.
var zpool = sync.Pool{New: func() any {
	z, _ := zlib.NewWriterLevel(nil, zlib.BestSpeed)
	return z
}}

func compress(data []byte) []byte {
	var buf bytes.Buffer
	buf.Grow(len(data)/2 + 64)
	z := zpool.Get().(*zlib.Writer)
	z.Reset(&buf)
	z.Write(data)
	z.Close()
	zpool.Put(z)
	return buf.Bytes()
}

// toUnicode maps every CID to the character of the same code (gofpdf's).
const toUnicode = "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo\n<</Registry (Adobe)\n/Ordering (UCS)\n/Supplement 0\n>> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n1 beginbfrange\n<0000> <FFFF> <0000>\nendbfrange\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend"

// output writes the document as gofpdf lays it out (the payslip's
// watermark relies on it): the pages from object 3 on, each followed by its
// content, the page tree as object 1, the fonts, the resources as object 2,
// the information and the catalog; one cross-reference table.
func (d *doc) output() ([]byte, error) {
	if d.err != nil {
		return nil, d.err
	}
	if d.page == nil {
		d.addPage()
	}
	pages := append(d.pages, d.page)
	d.pages, d.page = nil, nil

	size := 4096
	for _, p := range pages {
		size += len(p)/3 + 200
	}
	out := bytes.NewBuffer(make([]byte, 0, size))
	offsets := []int{0, 0, 0} // by object number; 1 and 2 come later
	newObj := func() int {
		offsets = append(offsets, out.Len())
		n := len(offsets) - 1
		fmt.Fprintf(out, "%d 0 obj\n", n)
		return n
	}
	stream := func(dict string, data []byte) {
		fmt.Fprintf(out, "<<%s/Length %d>>\nstream\n", dict, len(data))
		out.Write(data)
		out.WriteString("\nendstream\nendobj\n")
	}
	out.WriteString("%PDF-1.3\n")
	kids := make([]int, len(pages))
	for i, p := range pages {
		kids[i] = newObj()
		fmt.Fprintf(out, "<</Type /Page\n/Parent 1 0 R\n/Resources 2 0 R\n/Contents %d 0 R>>\nendobj\n", kids[i]+1)
		newObj()
		if d.compress {
			stream("/Filter /FlateDecode ", compress(p))
		} else {
			stream("", p)
		}
	}
	offsets[1] = out.Len()
	out.WriteString("1 0 obj\n<</Type /Pages\n/Kids [")
	for _, k := range kids {
		fmt.Fprintf(out, "%d 0 R ", k)
	}
	fmt.Fprintf(out, "]\n/Count %d\n/MediaBox [0 0 %.2f %.2f]\n>>\nendobj\n", len(pages), d.w*d.k, d.h*d.k)

	fontObjs := make([]int, len(d.usedOrder))
	for i, df := range d.usedOrder {
		fontObjs[i] = d.putFont(df, newObj, stream, out)
	}
	offsets[2] = out.Len()
	out.WriteString("2 0 obj\n<<\n/ProcSet [/PDF /Text /ImageB /ImageC /ImageI]\n/Font <<\n")
	for i, df := range d.usedOrder {
		fmt.Fprintf(out, "/%s %d 0 R\n", df.name, fontObjs[i])
	}
	out.WriteString(">>\n/XObject <<\n>>\n>>\nendobj\n")

	info := newObj()
	out.WriteString("<<\n")
	for _, kv := range [][2]string{{"Title", d.title}, {"Subject", d.subj}, {"Author", d.author}, {"Keywords", d.keywords}, {"Creator", d.creator}} {
		if kv[1] != "" {
			fmt.Fprintf(out, "/%s %s\n", kv[0], textString(kv[1]))
		}
	}
	created := d.created
	if created.IsZero() {
		created = time.Now()
	}
	date := "(D:" + created.Format("20060102150405") + ")"
	fmt.Fprintf(out, "/CreationDate %s\n/ModDate %s\n>>\nendobj\n", date, date)
	catalog := newObj()
	out.WriteString("<<\n/Type /Catalog\n/Pages 1 0 R\n>>\nendobj\n")

	xref := out.Len()
	fmt.Fprintf(out, "xref\n0 %d\n0000000000 65535 f \n", len(offsets))
	for _, o := range offsets[1:] {
		fmt.Fprintf(out, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(out, "trailer\n<<\n/Size %d\n/Root %d 0 R\n/Info %d 0 R\n>>\nstartxref\n%d\n%%%%EOF\n", len(offsets), catalog, info, xref)
	return out.Bytes(), nil
}

// putFont writes a font as gofpdf writes a UTF-8 font (Type0, Identity-H,
// CIDs = code points) with a subset of the glyphs the document shows, and
// returns the Type0 font's object number.
func (d *doc) putFont(df *docFont, newObj func() int, stream func(string, []byte), out *bytes.Buffer) int {
	f := df.font
	runes := df.runes
	slices.Sort(runes)
	// A subset's name starts with a tag of six capitals, here a hash of its
	// characters, so that the same subset has the same name.
	key := make([]byte, 0, 2*len(runes))
	for _, r := range runes {
		key = append(key, byte(r>>8), byte(r))
	}
	sum := sha256.Sum256(key)
	tag := make([]byte, 6)
	for i := range tag {
		tag[i] = 'A' + sum[i]%26
	}
	name := string(tag) + "+" + f.psName

	font := newObj()
	fmt.Fprintf(out, "<</Type /Font\n/Subtype /Type0\n/BaseFont /%s\n/Encoding /Identity-H\n/DescendantFonts [%d 0 R]\n/ToUnicode %d 0 R>>\nendobj\n",
		name, font+1, font+2)
	newObj()
	fmt.Fprintf(out, "<</Type /Font\n/Subtype /CIDFontType2\n/BaseFont /%s\n/CIDSystemInfo %d 0 R\n/FontDescriptor %d 0 R\n", name, font+3, font+4)
	if f.missing != 0 {
		fmt.Fprintf(out, "/DW %d\n", f.missing)
	}
	out.WriteString("/W [")
	for i := 0; i < len(runes); {
		j := i + 1
		for j < len(runes) && runes[j] == runes[j-1]+1 {
			j++
		}
		fmt.Fprintf(out, "%d [", runes[i])
		for n, r := range runes[i:j] {
			if n > 0 {
				out.WriteByte(' ')
			}
			w := int(f.cw[r])
			switch w {
			case zeroWidth:
				w = 0
			case 0:
				w = f.missing
			}
			out.WriteString(strconv.Itoa(w))
		}
		out.WriteString("] ")
		i = j
	}
	fmt.Fprintf(out, "]\n/CIDToGIDMap %d 0 R>>\nendobj\n", font+5)
	newObj()
	stream("", []byte(toUnicode))
	newObj()
	out.WriteString("<</Registry (Adobe)\n/Ordering (UCS)\n/Supplement 0>>\nendobj\n")
	newObj()
	flags := (f.flags | 4) &^ 32
	fmt.Fprintf(out, "<</Type /FontDescriptor /FontName /%s\n /Ascent %d /Descent %d /CapHeight %d /Flags %d /FontBBox [%d %d %d %d] /ItalicAngle %d /StemV %d /MissingWidth %d /FontFile2 %d 0 R>>\nendobj\n",
		name, f.ascent, f.descent, f.capHeight, flags, f.bbox[0], f.bbox[1], f.bbox[2], f.bbox[3], f.italic, f.stemV, f.missing, font+6)
	newObj()
	stream("/Filter /FlateDecode ", f.cidToGIDMap())
	newObj()
	file, raw := f.cachedSubset(runes, sum)
	stream(fmt.Sprintf("/Filter /FlateDecode /Length1 %d ", raw), file)
	return font
}

// textString is a PDF text string: literal for ASCII, else UTF-16BE with
// a byte order mark, in hexadecimal.
func textString(s string) string {
	ascii := true
	for _, r := range s {
		if r >= 127 || r < ' ' {
			ascii = false
			break
		}
	}
	if ascii {
		r := strings.NewReplacer(`\`, `\\`, "(", `\(`, ")", `\)`)
		return "(" + r.Replace(s) + ")"
	}
	b := []byte("<FEFF")
	b = hexUnits(b, utf16.Encode([]rune(s))...)
	return string(append(b, '>'))
}
