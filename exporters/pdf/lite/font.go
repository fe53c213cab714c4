package lite

import (
	"bytes"
	"compress/flate"
	"compress/zlib"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/adler32"
	"math"
	"sort"
	"sync"
	"unicode/utf16"
)

// Font is a TrueType font parsed once. It is never changed afterwards, so
// one Font serves any number of documents in any number of goroutines; each
// document embeds a subset of the glyphs it uses (subset).
//
// Metrics follow gofpdf's (phpdave11/gofpdf v1.4.3, utf8fontfile.go), so that
// text measures and wraps exactly as in documents maroto renders with
// gofpdf: widths in 1/1000 em rounded per character, the descriptor values
// truncated.
type Font struct {
	psName    string // PostScript name (name ID 6), for /BaseFont
	numGlyphs int
	gid       []uint16 // by rune (BMP): glyph index, 0 for none
	cw        []uint16 // by rune: width in 1/1000 em; 0 none; zeroWidth for a glyph of width 0
	missing   int      // /MissingWidth: the width of glyph 0
	ascent    int
	descent   int
	capHeight int
	flags     int
	bbox      [4]int
	italic    int
	stemV     int

	loca        []uint32 // glyph offsets into glyf, numGlyphs+1
	glyf        []byte
	components  map[uint16][]uint16 // composite glyphs: the glyphs they use
	numHMetrics int
	head, hmtx  []byte  // copied into every subset with changes
	fixed       []table // tables every subset copies unchanged, in the order of fixedBlock
	fixedBlock  []byte  // their data, each padded to 4 bytes
	fixedZ      []byte  // fixedBlock deflated once, ending on a byte boundary (a sync flush)
	fixedSum    uint32  // fixedBlock's checksum

	cidToGIDOnce sync.Once
	cidToGID     []byte // /CIDToGIDMap: rune → glyph, compressed once

	// Subsets already made, by their characters: documents of a run share
	// most of theirs. Bounded; the oldest go first.
	subsets struct {
		sync.Mutex
		m     map[[sha256.Size]byte]subsetFile
		order [][sha256.Size]byte
	}
}

// subsetFile is a compressed subset and its length before.
type subsetFile struct {
	z   []byte
	raw int
}

// maxCachedSubsets bounds Font.subsets (a subset of the payslip fonts is
// about 10 KB).
const maxCachedSubsets = 256

// zeroWidth marks a character whose glyph has no width (gofpdf's 65535).
const zeroWidth = 0xFFFF

type table struct {
	tag  string
	data []byte
}

var errNotTrueType = errors.New("geen TrueType-lettertype")

// ParseFont reads a TrueType font (glyf outlines, a Unicode cmap of format 4).
// The bytes are not kept beyond the tables a subset copies.
func ParseFont(b []byte) (*Font, error) {
	if len(b) < 12 {
		return nil, errNotTrueType
	}
	if v := binary.BigEndian.Uint32(b); v != 0x00010000 && v != 0x74727565 {
		return nil, errNotTrueType
	}
	n := int(binary.BigEndian.Uint16(b[4:]))
	tables := map[string][]byte{}
	for i := 0; i < n; i++ {
		rec := 12 + 16*i
		if rec+16 > len(b) {
			return nil, errors.New("tabellenlijst afgebroken")
		}
		tag := string(b[rec : rec+4])
		off := int(binary.BigEndian.Uint32(b[rec+8:]))
		size := int(binary.BigEndian.Uint32(b[rec+12:]))
		if off < 0 || size < 0 || off+size > len(b) {
			return nil, fmt.Errorf("tabel %q buiten het bestand", tag)
		}
		tables[tag] = b[off : off+size]
	}
	for _, tag := range []string{"head", "hhea", "maxp", "hmtx", "loca", "glyf", "cmap", "post"} {
		if tables[tag] == nil {
			return nil, fmt.Errorf("tabel %q ontbreekt", tag)
		}
	}
	f := &Font{components: map[uint16][]uint16{}}
	r := reader{}

	head := r.at(tables["head"], 54)
	unitsPerEm := int(r.u16(head, 18))
	if unitsPerEm == 0 {
		return nil, errors.New("unitsPerEm is 0")
	}
	scale := 1000.0 / float64(unitsPerEm)
	for i := range f.bbox {
		f.bbox[i] = int(float64(r.i16(head, 36+2*i)) * scale)
	}
	longLoca := r.i16(head, 50) == 1

	hhea := r.at(tables["hhea"], 36)
	f.ascent = int(float64(r.i16(hhea, 4)) * scale)
	f.descent = int(float64(r.i16(hhea, 6)) * scale)
	numHMetrics := int(r.u16(hhea, 34))

	f.numGlyphs = int(r.u16(r.at(tables["maxp"], 6), 4))

	weight := 500
	if os2 := tables["OS/2"]; os2 != nil {
		os2 = r.at(os2, 78)
		weight = int(r.u16(os2, 4))
		if fsType := r.u16(os2, 8); fsType == 0x0002 || fsType&0x0300 != 0 {
			return nil, errors.New("het lettertype mag niet worden ingebed")
		}
		if f.ascent == 0 {
			f.ascent = int(float64(r.i16(os2, 68)) * scale)
		}
		if f.descent == 0 {
			f.descent = int(float64(r.i16(os2, 70)) * scale)
		}
		if r.u16(os2, 0) > 1 && len(tables["OS/2"]) >= 90 {
			f.capHeight = int(float64(r.i16(tables["OS/2"], 88)) * scale)
		} else {
			f.capHeight = f.ascent
		}
	} else {
		if f.ascent == 0 {
			f.ascent = int(float64(f.bbox[3]) * scale)
		}
		if f.descent == 0 {
			f.descent = int(float64(f.bbox[1]) * scale)
		}
		f.capHeight = f.ascent
	}
	f.stemV = 50 + int(math.Pow(float64(weight)/65.0, 2))

	post := r.at(tables["post"], 32)
	f.italic = int(r.i16(post, 4))
	f.flags = 4
	if f.italic != 0 {
		f.flags |= 64
	}
	if weight >= 600 {
		f.flags |= 262144
	}
	if binary.BigEndian.Uint32(post[12:]) != 0 {
		f.flags |= 1
	}

	if r.err != nil {
		return nil, r.err
	}

	// Glyph positions and composite glyphs.
	loca, glyf := tables["loca"], tables["glyf"]
	if f.numGlyphs == 0 || longLoca && len(loca) < 4*(f.numGlyphs+1) || !longLoca && len(loca) < 2*(f.numGlyphs+1) {
		return nil, errors.New("loca te kort")
	}
	f.loca = make([]uint32, f.numGlyphs+1)
	for g := 0; g <= f.numGlyphs; g++ {
		if longLoca {
			f.loca[g] = binary.BigEndian.Uint32(loca[4*g:])
		} else {
			f.loca[g] = 2 * uint32(binary.BigEndian.Uint16(loca[2*g:]))
		}
		if g > 0 && f.loca[g] < f.loca[g-1] || int(f.loca[g]) > len(glyf) {
			return nil, fmt.Errorf("loca van glyph %d ongeldig", g)
		}
	}
	f.glyf = glyf
	for g := 0; g < f.numGlyphs; g++ {
		data := glyf[f.loca[g]:f.loca[g+1]]
		if len(data) < 10 || int16(binary.BigEndian.Uint16(data)) >= 0 {
			continue
		}
		comps, err := components(data[10:])
		if err != nil {
			return nil, fmt.Errorf("glyph %d: %w", g, err)
		}
		f.components[uint16(g)] = comps
	}

	// Characters and their widths, as gofpdf reads them.
	f.gid = make([]uint16, 1<<16)
	f.cw = make([]uint16, 1<<16)
	if err := f.readCmap(tables["cmap"]); err != nil {
		return nil, err
	}
	hmtx := r.at(tables["hmtx"], 4*numHMetrics+2*(f.numGlyphs-numHMetrics))
	if r.err != nil || numHMetrics == 0 || numHMetrics > f.numGlyphs {
		return nil, errors.New("hmtx onleesbaar")
	}
	advance := func(g int) int {
		if g >= numHMetrics {
			g = numHMetrics - 1
		}
		a := int(binary.BigEndian.Uint16(hmtx[4*g:]))
		if a >= 1<<15 {
			a = 0
		}
		return a
	}
	f.missing = int(math.Round(scale * float64(advance(0))))
	for c := 1; c < 0xFFFF; c++ {
		g := int(f.gid[c])
		if g == 0 || g >= f.numGlyphs {
			f.gid[c] = 0
			continue
		}
		w := int(math.Round(scale * float64(advance(g))))
		if w == 0 {
			w = zeroWidth
		}
		f.cw[c] = uint16(min(w, zeroWidth))
	}

	// The name for /BaseFont.
	f.psName = postScriptName(tables["name"])
	if f.psName == "" {
		f.psName = "Font"
	}

	// The tables a subset copies: post without glyph names; head, hmtx,
	// glyf and loca are made per subset.
	f.numHMetrics = numHMetrics
	f.head = bytes.Clone(tables["head"][:54])
	f.hmtx = bytes.Clone(tables["hmtx"][:4*numHMetrics+2*(f.numGlyphs-numHMetrics)])
	for _, tag := range []string{"OS/2", "cmap", "cvt ", "fpgm", "gasp", "hhea", "maxp", "name", "post", "prep"} {
		data := tables[tag]
		if data == nil {
			continue
		}
		if tag == "post" {
			data = bytes.Clone(data[:32])
			binary.BigEndian.PutUint32(data, 0x00030000)
		} else {
			data = bytes.Clone(data)
		}
		f.fixed = append(f.fixed, table{tag, data})
		f.fixedBlock = append(f.fixedBlock, data...)
		for len(f.fixedBlock)%4 != 0 {
			f.fixedBlock = append(f.fixedBlock, 0)
		}
	}
	f.fixedSum = checksum(f.fixedBlock)
	var z bytes.Buffer
	w, _ := flate.NewWriter(&z, flate.BestCompression)
	w.Write(f.fixedBlock)
	w.Flush()
	f.fixedZ = z.Bytes()
	return f, nil
}

// readCmap reads the first Unicode subtable of format 4 (Windows Unicode BMP
// or a Unicode platform one), as gofpdf does.
func (f *Font) readCmap(cmap []byte) error {
	r := reader{}
	n := int(r.u16(r.at(cmap, 4), 2))
	var sub []byte
	for i := 0; i < n && sub == nil; i++ {
		rec := r.at(cmap, 4+8*i+8)[4+8*i:]
		platform, encoding := r.u16(rec, 0), r.u16(rec, 2)
		off := int(binary.BigEndian.Uint32(rec[4:]))
		if (platform == 3 && encoding == 1) || platform == 0 {
			if off+4 <= len(cmap) && binary.BigEndian.Uint16(cmap[off:]) == 4 {
				sub = cmap[off:]
			}
		}
	}
	if r.err != nil {
		return r.err
	}
	if sub == nil {
		return errors.New("geen Unicode-cmap van formaat 4")
	}
	length := int(r.u16(sub, 2))
	if length > len(sub) {
		length = len(sub)
	}
	sub = sub[:length]
	segs := int(r.u16(sub, 6)) / 2
	ends := r.at(sub, 14+2*segs)[14:]
	starts := r.at(sub, 16+4*segs)[16+2*segs:]
	deltas := r.at(sub, 16+6*segs)[16+4*segs:]
	rangeAt := 16 + 6*segs
	ranges := r.at(sub, 16+8*segs)[rangeAt:]
	if r.err != nil {
		return fmt.Errorf("cmap: %w", r.err)
	}
	for s := 0; s < segs; s++ {
		end := int(binary.BigEndian.Uint16(ends[2*s:]))
		start := int(binary.BigEndian.Uint16(starts[2*s:]))
		delta := int(binary.BigEndian.Uint16(deltas[2*s:]))
		ro := int(binary.BigEndian.Uint16(ranges[2*s:]))
		for c := start; c <= end; c++ {
			var g int
			if ro == 0 {
				g = (c + delta) & 0xFFFF
			} else {
				pos := rangeAt + 2*s + ro + 2*(c-start)
				if pos+2 > len(sub) {
					g = 0
				} else if g = int(binary.BigEndian.Uint16(sub[pos:])); g != 0 {
					g = (g + delta) & 0xFFFF
				}
			}
			if f.gid[c] == 0 {
				f.gid[c] = uint16(g)
			}
		}
	}
	return nil
}

// components lists the glyphs a composite glyph is made of.
func components(d []byte) ([]uint16, error) {
	var out []uint16
	for {
		if len(d) < 4 {
			return nil, errors.New("samengestelde glyph afgebroken")
		}
		flags := binary.BigEndian.Uint16(d)
		out = append(out, binary.BigEndian.Uint16(d[2:]))
		n := 4
		if flags&0x0001 != 0 { // ARG_1_AND_2_ARE_WORDS
			n += 4
		} else {
			n += 2
		}
		switch {
		case flags&0x0008 != 0: // WE_HAVE_A_SCALE
			n += 2
		case flags&0x0040 != 0: // WE_HAVE_AN_X_AND_Y_SCALE
			n += 4
		case flags&0x0080 != 0: // WE_HAVE_A_TWO_BY_TWO
			n += 8
		}
		if flags&0x0020 == 0 { // MORE_COMPONENTS
			return out, nil
		}
		if n > len(d) {
			return nil, errors.New("samengestelde glyph afgebroken")
		}
		d = d[n:]
	}
}

// postScriptName is name ID 6 (Windows Unicode or Macintosh Roman).
func postScriptName(name []byte) string {
	if len(name) < 6 {
		return ""
	}
	count := int(binary.BigEndian.Uint16(name[2:]))
	strings := int(binary.BigEndian.Uint16(name[4:]))
	for i := 0; i < count; i++ {
		rec := 6 + 12*i
		if rec+12 > len(name) {
			return ""
		}
		platform := binary.BigEndian.Uint16(name[rec:])
		id := binary.BigEndian.Uint16(name[rec+6:])
		size := int(binary.BigEndian.Uint16(name[rec+8:]))
		off := strings + int(binary.BigEndian.Uint16(name[rec+10:]))
		if id != 6 || off+size > len(name) {
			continue
		}
		s := name[off : off+size]
		switch platform {
		case 3:
			u := make([]uint16, len(s)/2)
			for j := range u {
				u[j] = binary.BigEndian.Uint16(s[2*j:])
			}
			return safeName(string(utf16.Decode(u)))
		case 1:
			return safeName(string(s))
		}
	}
	return ""
}

// safeName keeps the characters a PDF name may hold without escapes.
func safeName(s string) string {
	b := make([]byte, 0, len(s))
	for _, c := range []byte(s) {
		if c > ' ' && c < 127 && !bytes.ContainsRune([]byte("()<>[]{}/%#"), rune(c)) {
			b = append(b, c)
		}
	}
	return string(b)
}

// width is a rune's width in 1/1000 em, as gofpdf measures it.
func (f *Font) width(r rune) int {
	if r >= 0 && r < 0xFFFF {
		if w := f.cw[r]; w != 0 {
			if w == zeroWidth {
				return 0
			}
			return int(w)
		}
	}
	if f.missing != 0 {
		return f.missing
	}
	return 500
}

// cidToGIDMap is the /CIDToGIDMap stream of the font (CIDs are the
// characters' code points, as in gofpdf's documents), compressed once.
func (f *Font) cidToGIDMap() []byte {
	f.cidToGIDOnce.Do(func() {
		raw := make([]byte, 2<<16)
		for c, g := range f.gid {
			binary.BigEndian.PutUint16(raw[2*c:], g)
		}
		var buf bytes.Buffer
		z, _ := zlib.NewWriterLevel(&buf, zlib.BestCompression)
		z.Write(raw)
		z.Close()
		f.cidToGID = buf.Bytes()
	})
	return f.cidToGID
}

// cachedSubset returns subset(runes), made once for the same characters;
// key identifies the characters.
func (f *Font) cachedSubset(runes []rune, key [sha256.Size]byte) ([]byte, int) {
	c := &f.subsets
	c.Lock()
	s, ok := c.m[key]
	c.Unlock()
	if ok {
		return s.z, s.raw
	}
	z, raw := f.subset(runes)
	c.Lock()
	defer c.Unlock()
	if c.m == nil {
		c.m = map[[sha256.Size]byte]subsetFile{}
	}
	if _, ok := c.m[key]; !ok {
		if len(c.order) == maxCachedSubsets {
			delete(c.m, c.order[0])
			c.order = c.order[1:]
		}
		c.m[key] = subsetFile{z, raw}
		c.order = append(c.order, key)
	}
	return z, raw
}

// subset is a TrueType font, compressed (zlib) and its length before, with the glyphs of the given characters (and
// .notdef, and the parts of composite glyphs); the others keep their index
// but have no outline, so the font's cmap and CIDToGIDMap stay valid.
func (f *Font) subset(runes []rune) ([]byte, int) {
	used := make([]bool, f.numGlyphs)
	used[0] = true
	var stack []uint16
	for _, r := range runes {
		if r >= 0 && r < 0xFFFF {
			if g := f.gid[r]; g != 0 && !used[g] {
				used[g] = true
				stack = append(stack, g)
			}
		}
	}
	for len(stack) > 0 {
		g := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for _, c := range f.components[g] {
			if int(c) < f.numGlyphs && !used[c] {
				used[c] = true
				stack = append(stack, c)
			}
		}
	}
	size := 0
	for g, u := range used {
		if u {
			size += (int(f.loca[g+1]-f.loca[g]) + 3) &^ 3
		}
	}
	// Offsets are written short (halved) when the glyphs fit in 128 KB.
	short := size < 1<<17
	glyf := make([]byte, 0, size)
	var loca []byte
	if short {
		loca = make([]byte, 2*(f.numGlyphs+1))
	} else {
		loca = make([]byte, 4*(f.numGlyphs+1))
	}
	putLoca := func(g int) {
		if short {
			binary.BigEndian.PutUint16(loca[2*g:], uint16(len(glyf)/2))
		} else {
			binary.BigEndian.PutUint32(loca[4*g:], uint32(len(glyf)))
		}
	}
	// Metrics of glyphs left out are zero (their widths are in /W anyway),
	// which compresses better; the last full metric stays, as the glyphs
	// after it take their advance from it.
	hmtx := bytes.Clone(f.hmtx)
	for g, u := range used {
		putLoca(g)
		if u {
			glyf = append(glyf, f.glyf[f.loca[g]:f.loca[g+1]]...)
			for len(glyf)%4 != 0 {
				glyf = append(glyf, 0)
			}
			continue
		}
		switch {
		case g < f.numHMetrics-1:
			copy(hmtx[4*g:4*g+4], zeros)
		case g >= f.numHMetrics:
			if at := 4*f.numHMetrics + 2*(g-f.numHMetrics); at+2 <= len(hmtx) {
				copy(hmtx[at:at+2], zeros)
			}
		}
	}
	putLoca(f.numGlyphs)
	head := bytes.Clone(f.head)
	binary.BigEndian.PutUint32(head[8:], 0) // checksumAdjustment, set below
	if short {
		binary.BigEndian.PutUint16(head[50:], 0)
	} else {
		binary.BigEndian.PutUint16(head[50:], 1)
	}

	// The file: the table directory, the tables every subset has (their
	// data compressed once, fixedZ), then this subset's. The directory lists
	// them all by tag; their data may lie in any order.
	own := []table{{"glyf", glyf}, {"head", head}, {"hmtx", hmtx}, {"loca", loca}}
	tables := append(append(make([]table, 0, len(f.fixed)+len(own)), f.fixed...), own...)
	n := len(tables)
	dirLen := 12 + 16*n
	offset := map[string]int{}
	at := dirLen
	for _, t := range f.fixed {
		offset[t.tag] = at
		at += (len(t.data) + 3) &^ 3
	}
	var rest []byte
	for _, t := range own {
		offset[t.tag] = at + len(rest)
		rest = append(rest, t.data...)
		for len(rest)%4 != 0 {
			rest = append(rest, 0)
		}
	}
	sort.Slice(tables, func(i, j int) bool { return tables[i].tag < tables[j].tag })
	sr := 1
	sel := 0
	for sr*2 <= n {
		sr *= 2
		sel++
	}
	dir := make([]byte, dirLen)
	binary.BigEndian.PutUint32(dir, 0x00010000)
	binary.BigEndian.PutUint16(dir[4:], uint16(n))
	binary.BigEndian.PutUint16(dir[6:], uint16(16*sr))
	binary.BigEndian.PutUint16(dir[8:], uint16(sel))
	binary.BigEndian.PutUint16(dir[10:], uint16(16*n-16*sr))
	for i, t := range tables {
		rec := dir[12+16*i:]
		copy(rec, t.tag)
		binary.BigEndian.PutUint32(rec[4:], checksum(t.data))
		binary.BigEndian.PutUint32(rec[8:], uint32(offset[t.tag]))
		binary.BigEndian.PutUint32(rec[12:], uint32(len(t.data)))
	}
	headAt := offset["head"] - dirLen - len(f.fixedBlock)
	binary.BigEndian.PutUint32(rest[headAt+8:], 0xB1B0AFBA-(checksum(dir)+f.fixedSum+checksum(rest)))

	// A zlib stream of three parts: the directory as a stored block, the
	// fixed tables as compressed once, this subset's tables compressed now.
	raw := len(dir) + len(f.fixedBlock) + len(rest)
	out := make([]byte, 0, 2+5+len(dir)+len(f.fixedZ)+len(rest)/2+64)
	out = append(out, 0x78, 0x01, 0x00, byte(len(dir)), byte(len(dir)>>8), ^byte(len(dir)), ^byte(len(dir)>>8))
	out = append(out, dir...)
	out = append(out, f.fixedZ...)
	buf := bytes.NewBuffer(out)
	w := flatePool.Get().(*flate.Writer)
	w.Reset(buf)
	w.Write(rest)
	w.Close()
	flatePool.Put(w)
	sum := adler32.New()
	sum.Write(dir)
	sum.Write(f.fixedBlock)
	sum.Write(rest)
	return sum.Sum(buf.Bytes()), raw
}

// flatePool holds deflate writers: a new one allocates about a megabyte.
var flatePool = sync.Pool{New: func() any {
	w, _ := flate.NewWriter(nil, flate.BestSpeed)
	return w
}}

func checksum(b []byte) uint32 {
	var sum uint32
	for len(b) >= 4 {
		sum += binary.BigEndian.Uint32(b)
		b = b[4:]
	}
	if len(b) > 0 {
		var last [4]byte
		copy(last[:], b)
		sum += binary.BigEndian.Uint32(last[:])
	}
	return sum
}

// reader checks that tables are long enough; the first short one sets err
// and later reads see zeros.
type reader struct{ err error }

var zeros = make([]byte, 128)

// at returns b if it holds at least n bytes, else zeros of that size.
func (r *reader) at(b []byte, n int) []byte {
	if len(b) >= n {
		return b
	}
	if r.err == nil {
		r.err = errors.New("tabel te kort")
	}
	if n <= len(zeros) {
		return zeros
	}
	return make([]byte, n)
}

func (r *reader) u16(b []byte, off int) uint16 {
	if off+2 > len(b) {
		if r.err == nil {
			r.err = errors.New("tabel te kort")
		}
		return 0
	}
	return binary.BigEndian.Uint16(b[off:])
}

func (r *reader) i16(b []byte, off int) int16 { return int16(r.u16(b, off)) }
