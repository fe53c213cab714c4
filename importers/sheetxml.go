package importers

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// xmlScanner tokenises worksheet XML byte by byte, as encoding/xml's Decoder
// (strict, as excelize uses it) would, without its allocations: names are
// interned, attributes and text are slices of the input until the next token.
// For a document encoding/xml reads without error the scanner returns the
// same tokens — start and end elements (a self-closing element as both),
// character data with entities and character references resolved, CR LF
// folded to LF and CDATA sections as text, and comments, processing
// instructions and directives (tokOther) — and it reports the same kinds of
// syntax error: unbalanced or mismatched tags, bad attribute syntax, unknown
// entities, invalid UTF-8, characters outside XML's range, "]]>" in text and
// "--" in comments. It is at least as lenient as encoding/xml (names with
// non-ASCII letters are not checked against XML's name tables), so that a
// well-formed sheet is never refused.
//
// The input is one slice (a part excelize keeps in memory) or a reader that
// is read in a growing window (a part too big for that).
type xmlScanner struct {
	buf    []byte
	pos    int
	src    io.Reader // nil: buf is the whole document
	srcEOF bool
	base   int64 // offset of buf[0] in the document
	tokAt  int   // buf index where the token being scanned starts
	err    error

	// The current token.
	kind   tokKind
	q      *qname    // element name (start, end)
	attrs  []xmlAttr // attributes of a start element, in document order
	text   []byte    // character data (decoded) of tokText
	self   bool      // the start element was self-closing: its end comes next
	endNS  int       // after an end token: len(ns) once the element is gone
	sawEl  bool      // an element has started (an encoding declaration after it is refused)
	stack  []openElem
	ns     []nsBinding
	names  map[string]*qname
	recent [64]*qname // the last names seen, by a hash of length and ends: most tags hit here
	dec    []byte     // decoded text and attribute values
	maxBuf int
}

type tokKind uint8

const (
	tokNone  tokKind = iota
	tokStart         // start element (attributes in attrs)
	tokEnd           // end element
	tokText          // character data, CDATA included
	tokOther         // comment, processing instruction or directive
	tokEOF           // end of the document
	tokErr           // syntax error (in err); sticky
	tokNeed          // internal: the window ends inside the token
)

// qname is an interned element or attribute name split as encoding/xml's
// nsname splits it: prefix "" unless there is exactly one colon with text on
// both sides.
type qname struct{ name, prefix, local string }

type xmlAttr struct {
	q     *qname
	raw   []byte // between the quotes; valid until the next token
	plain bool   // raw is the value: no entity or CR, nothing to check
}

type openElem struct {
	name  string
	nsLen int // len(ns) before the element's own namespace declarations
}

type nsBinding struct{ prefix, url string }

// errForeignEncoding is returned for an XML declaration with an encoding
// other than UTF-8; excelize converts such a part, the scanner does not.
var errForeignEncoding = errors.New("XML-declaratie met een andere tekenset dan UTF-8")

const xmlURL = "http://www.w3.org/XML/1998/namespace"

func newXMLScanner(data []byte, src io.Reader) *xmlScanner {
	s := &xmlScanner{buf: data, src: src, names: map[string]*qname{}, maxBuf: 64 << 20}
	if src != nil {
		s.buf = make([]byte, 0, 256<<10)
	}
	return s
}

// offset is the position in the document of the scanner.
func (s *xmlScanner) offset() int64 { return s.base + int64(s.pos) }

func (s *xmlScanner) final() bool { return s.src == nil || s.srcEOF }

// more reads more of the document into the window, keeping the token being
// scanned. It reports false when there is nothing more.
func (s *xmlScanner) more() bool {
	if s.final() {
		return false
	}
	if from := s.tokAt; from > 0 {
		n := copy(s.buf, s.buf[from:])
		s.buf = s.buf[:n]
		s.pos -= from
		s.tokAt -= from
		s.base += int64(from)
	}
	if len(s.buf) == cap(s.buf) {
		if cap(s.buf) >= s.maxBuf {
			s.err = fmt.Errorf("XML-onderdeel van meer dan %d MB zonder einde", s.maxBuf>>20)
			s.srcEOF = true
			return true
		}
		nb := make([]byte, len(s.buf), 2*cap(s.buf))
		copy(nb, s.buf)
		s.buf = nb
	}
	for {
		n, err := s.src.Read(s.buf[len(s.buf):cap(s.buf)])
		s.buf = s.buf[:len(s.buf)+n]
		if err == io.EOF {
			s.srcEOF = true
			return true
		}
		if err != nil {
			s.err = err
			s.srcEOF = true
			return true
		}
		if n > 0 {
			return true
		}
	}
}

func (s *xmlScanner) fail(msg string) tokKind {
	if s.err == nil {
		s.err = fmt.Errorf("ongeldige XML bij byte %d: %s", s.offset(), msg)
	}
	s.kind = tokErr
	return tokErr
}

// need is what a scan returns when the window ends inside a token: more
// input, or at the end of the document a syntax error.
func (s *xmlScanner) need(msg string) tokKind {
	if !s.final() {
		return tokNeed
	}
	return s.fail(msg)
}

// next scans the next token.
func (s *xmlScanner) next() tokKind {
	if s.err != nil {
		s.kind = tokErr
		return tokErr
	}
	if s.kind == tokEnd {
		s.ns = s.ns[:s.endNS]
	}
	if s.self {
		s.self = false
		top := s.stack[len(s.stack)-1]
		s.stack = s.stack[:len(s.stack)-1]
		s.endNS = top.nsLen
		s.kind = tokEnd
		return tokEnd
	}
	for {
		s.tokAt = s.pos
		k := s.scan()
		if k != tokNeed {
			if s.err != nil && k != tokErr {
				k = s.fail("")
			}
			s.kind = k
			return k
		}
		s.more()
		s.pos = s.tokAt
	}
}

func (s *xmlScanner) scan() tokKind {
	b, i := s.buf, s.pos
	if i >= len(b) {
		if !s.final() {
			return tokNeed
		}
		if len(s.stack) > 0 {
			return s.fail("onverwacht einde")
		}
		return tokEOF
	}
	if b[i] != '<' {
		return s.scanText(i)
	}
	if i+1 >= len(b) {
		return s.need("onverwacht einde")
	}
	switch b[i+1] {
	case '/':
		return s.scanEnd(i + 2)
	case '?':
		return s.scanPI(i + 2)
	case '!':
		return s.scanBang(i + 2)
	}
	return s.scanStart(i + 1)
}

// textSpecial marks the bytes after which text is not taken as it stands:
// entities, CR, control characters, ']' (of "]]>") and non-ASCII (checked
// for UTF-8 and XML's character range).
var textSpecial = func() (t [256]bool) {
	for c := 0; c < 0x20; c++ {
		t[c] = c != '\t' && c != '\n'
	}
	for c := 0x80; c < 0x100; c++ {
		t[c] = true
	}
	t['&'], t[']'] = true, true
	return t
}()

func (s *xmlScanner) scanText(i int) tokKind {
	b := s.buf
	end := len(b)
	if j := bytes.IndexByte(b[i:], '<'); j >= 0 {
		end = i + j
	} else if !s.final() {
		return tokNeed
	}
	raw := b[i:end]
	s.pos = end
	for _, c := range raw {
		if textSpecial[c] {
			var msg string
			if s.dec, msg = decodeXMLText(s.dec[:0], raw, false, false); msg != "" {
				return s.fail(msg)
			}
			s.text = s.dec
			return tokText
		}
	}
	s.text = raw
	return tokText
}

func isNameByte(c byte) bool {
	return 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' ||
		c == '_' || c == ':' || c == '.' || c == '-' || c >= utf8.RuneSelf
}

// scanName returns the end of the name starting at i (i when there is none)
// and whether the window ended inside it.
func (s *xmlScanner) scanName(i int) (int, bool) {
	b := s.buf
	j := i
	for j < len(b) && isNameByte(b[j]) {
		j++
	}
	return j, j == len(b) && !s.final()
}

// validName checks a name as encoding/xml's name does, except that
// non-ASCII characters need only be valid UTF-8.
func validName(n []byte) bool {
	if len(n) == 0 {
		return false
	}
	c := n[0]
	if c < utf8.RuneSelf && !('A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || c == '_' || c == ':') {
		return false
	}
	for _, c := range n {
		if c >= utf8.RuneSelf {
			return utf8.Valid(n)
		}
	}
	return true
}

// qualified interns a name and splits it as encoding/xml's nsname does.
func (s *xmlScanner) qualified(n []byte) (*qname, bool) {
	if len(n) == 0 {
		return nil, false
	}
	// No two of the usual worksheet names (row, c, v, is, t, f, r, s,
	// spans, x:row, x:c, sheetData, xml:space, rPh, …) share a slot.
	slot := &s.recent[(uint(len(n))*10+uint(n[0])*21+uint(n[len(n)-1])*9)&63]
	if *slot != nil && (*slot).name == string(n) {
		return *slot, true
	}
	q, ok := s.intern(n)
	if ok {
		*slot = q
	}
	return q, ok
}

func (s *xmlScanner) intern(n []byte) (*qname, bool) {
	if q, ok := s.names[string(n)]; ok {
		return q, true
	}
	if !validName(n) {
		return nil, false
	}
	str := string(n)
	q := &qname{name: str, local: str}
	switch strings.Count(str, ":") {
	case 0:
	case 1:
		if p, l, _ := strings.Cut(str, ":"); p != "" && l != "" {
			q.prefix, q.local = p, l
		}
	default:
		return nil, false
	}
	if len(s.names) < 4096 {
		s.names[str] = q
	}
	return q, true
}

func skipSpace(b []byte, i int) int {
	for i < len(b) {
		switch b[i] {
		case ' ', '\r', '\n', '\t':
			i++
		default:
			return i
		}
	}
	return i
}

func (s *xmlScanner) scanStart(i int) tokKind {
	b := s.buf
	ne, short := s.scanName(i)
	if short {
		return tokNeed
	}
	q, ok := s.qualified(b[i:ne])
	if ne == i || !ok {
		return s.fail("elementnaam verwacht na <")
	}
	s.attrs = s.attrs[:0]
	self := false
	j := ne
	for {
		if j = skipSpace(b, j); j >= len(b) {
			return s.need("onverwacht einde in element")
		}
		if c := b[j]; c == '/' {
			if j+1 >= len(b) {
				return s.need("onverwacht einde in element")
			}
			if b[j+1] != '>' {
				return s.fail("/> verwacht in element")
			}
			self = true
			j += 2
			break
		} else if c == '>' {
			j++
			break
		}
		an, short := s.scanName(j)
		if short {
			return tokNeed
		}
		aq, ok := s.qualified(b[j:an])
		if an == j || !ok {
			return s.fail("attribuutnaam verwacht in element")
		}
		if j = skipSpace(b, an); j >= len(b) {
			return s.need("onverwacht einde in element")
		}
		if b[j] != '=' {
			return s.fail("attribuut zonder = in element")
		}
		if j = skipSpace(b, j+1); j >= len(b) {
			return s.need("onverwacht einde in element")
		}
		quote := b[j]
		if quote != '"' && quote != '\'' {
			return s.fail("attribuutwaarde zonder aanhalingstekens")
		}
		k := bytes.IndexByte(b[j+1:], quote)
		if k < 0 {
			return s.need("onverwacht einde in attribuutwaarde")
		}
		raw := b[j+1 : j+1+k]
		plain := true
		for _, c := range raw {
			if textSpecial[c] || c == '<' {
				plain = false
				break
			}
		}
		if !plain {
			if bytes.IndexByte(raw, '<') >= 0 {
				return s.fail("< in attribuutwaarde")
			}
			var msg string
			if s.dec, msg = decodeXMLText(s.dec[:0], raw, false, true); msg != "" {
				return s.fail(msg)
			}
		}
		s.attrs = append(s.attrs, xmlAttr{q: aq, raw: raw, plain: plain})
		j += k + 2
	}
	s.pos = j
	s.q = q
	s.sawEl = true
	s.stack = append(s.stack, openElem{name: q.name, nsLen: len(s.ns)})
	for i := range s.attrs {
		a := &s.attrs[i]
		if a.q.prefix == "xmlns" {
			s.ns = append(s.ns, nsBinding{a.q.local, string(s.attrValue(a))})
		} else if a.q.prefix == "" && a.q.local == "xmlns" {
			s.ns = append(s.ns, nsBinding{"", string(s.attrValue(a))})
		}
	}
	s.self = self
	return tokStart
}

// attrValue is an attribute's value, decoded; valid until the next call.
func (s *xmlScanner) attrValue(a *xmlAttr) []byte {
	if a.plain {
		return a.raw
	}
	s.dec, _ = decodeXMLText(s.dec[:0], a.raw, false, true)
	return s.dec
}

func (s *xmlScanner) scanEnd(i int) tokKind {
	b := s.buf
	ne, short := s.scanName(i)
	if short {
		return tokNeed
	}
	q, ok := s.qualified(b[i:ne])
	if ne == i || !ok {
		return s.fail("elementnaam verwacht na </")
	}
	j := skipSpace(b, ne)
	if j >= len(b) {
		return s.need("onverwacht einde in eindtag")
	}
	if b[j] != '>' {
		return s.fail("ongeldige tekens tussen </" + q.local + " en >")
	}
	if len(s.stack) == 0 {
		return s.fail("onverwachte eindtag </" + q.name + ">")
	}
	top := s.stack[len(s.stack)-1]
	if top.name != q.name {
		return s.fail("element <" + top.name + "> gesloten door </" + q.name + ">")
	}
	s.stack = s.stack[:len(s.stack)-1]
	s.endNS = top.nsLen
	s.q = q
	s.pos = j + 1
	return tokEnd
}

func (s *xmlScanner) scanPI(i int) tokKind {
	b := s.buf
	ne, short := s.scanName(i)
	if short {
		return tokNeed
	}
	if ne == i || !validName(b[i:ne]) {
		return s.fail("naam verwacht na <?")
	}
	target := b[i:ne]
	j := skipSpace(b, ne)
	k := bytes.Index(b[j:], []byte("?>"))
	if k < 0 {
		return s.need("onverwacht einde in verwerkingsinstructie")
	}
	if string(target) == "xml" {
		content := string(b[j : j+k])
		if v := procInst("version", content); v != "" && v != "1.0" {
			return s.fail("XML-versie " + strconv.Quote(v) + " wordt niet ondersteund")
		}
		if enc := procInst("encoding", content); enc != "" && !strings.EqualFold(enc, "utf-8") {
			if !s.sawEl {
				s.err = errForeignEncoding
				return tokErr
			}
			return s.fail("tekenset " + strconv.Quote(enc) + " midden in het werkblad")
		}
	}
	s.pos = j + k + 2
	return tokOther
}

// procInst is encoding/xml's reading of param="value" in an XML declaration.
func procInst(param, s string) string {
	param += "="
	lenp := len(param)
	i := 0
	var sep byte
	for i < len(s) {
		sub := s[i:]
		k := strings.Index(sub, param)
		if k < 0 || lenp+k >= len(sub) {
			return ""
		}
		i += lenp + k + 1
		if c := sub[lenp+k]; c == '\'' || c == '"' {
			sep = c
			break
		}
	}
	if sep == 0 {
		return ""
	}
	j := strings.IndexByte(s[i:], sep)
	if j < 0 {
		return ""
	}
	return s[i : i+j]
}

func (s *xmlScanner) scanBang(i int) tokKind {
	b := s.buf
	if i >= len(b) {
		return s.need("onverwacht einde na <!")
	}
	switch b[i] {
	case '-':
		if i+1 >= len(b) {
			return s.need("onverwacht einde na <!-")
		}
		if b[i+1] != '-' {
			return s.fail("<!- zonder -")
		}
		k := bytes.Index(b[i+2:], []byte("--"))
		if k < 0 || i+2+k+2 >= len(b) {
			return s.need("onverwacht einde in commentaar")
		}
		if b[i+2+k+2] != '>' {
			return s.fail(`"--" in commentaar`)
		}
		s.pos = i + 2 + k + 3
		return tokOther
	case '[':
		if i+7 > len(b) {
			if !bytes.HasPrefix([]byte("[CDATA["), b[i:]) {
				return s.fail("ongeldige <![-reeks")
			}
			return s.need("onverwacht einde na <![")
		}
		if string(b[i:i+7]) != "[CDATA[" {
			return s.fail("ongeldige <![-reeks")
		}
		k := bytes.Index(b[i+7:], []byte("]]>"))
		if k < 0 {
			return s.need("onverwacht einde in CDATA")
		}
		var msg string
		if s.dec, msg = decodeXMLText(s.dec[:0], b[i+7:i+7+k], true, false); msg != "" {
			return s.fail(msg)
		}
		s.text = s.dec
		s.pos = i + 7 + k + 3
		return tokText
	}
	// A directive (<!DOCTYPE …>), read as encoding/xml reads it: quoted
	// '>' and '<' do not count, nested <…> and <!--…--> do.
	j := i + 1
	var inquote byte
	depth := 0
	for {
		if j >= len(b) {
			return s.need("onverwacht einde in directief")
		}
		c := b[j]
		j++
		if inquote == 0 && c == '>' && depth == 0 {
			break
		}
	handle:
		switch {
		case c == inquote:
			inquote = 0
		case inquote != 0:
		case c == '\'' || c == '"':
			inquote = c
		case c == '>':
			depth--
		case c == '<':
			for m := 0; m < 3; m++ {
				if j >= len(b) {
					return s.need("onverwacht einde in directief")
				}
				c = b[j]
				j++
				if c != "!--"[m] {
					depth++
					goto handle
				}
			}
			k := bytes.Index(b[j:], []byte("-->"))
			if k < 0 {
				return s.need("onverwacht einde in commentaar")
			}
			j += k + 3
		}
	}
	s.pos = j
	return tokOther
}

// space is the name space encoding/xml gives a name with this prefix, with
// the first n namespace bindings in force.
func (s *xmlScanner) space(prefix, local string, n int) string {
	switch {
	case prefix == "xmlns":
		return prefix
	case prefix == "xml":
		prefix = xmlURL
	case prefix == "" && local == "xmlns":
		return ""
	}
	for i := n - 1; i >= 0; i-- {
		if s.ns[i].prefix == prefix {
			return s.ns[i].url
		}
	}
	return prefix // "" for no prefix: the decoder's DefaultSpace
}

// skip reads to the end of the element whose start was just read.
func (s *xmlScanner) skip() error {
	depth := 0
	for {
		switch s.next() {
		case tokStart:
			depth++
		case tokEnd:
			if depth == 0 {
				return nil
			}
			depth--
		case tokEOF:
			return io.ErrUnexpectedEOF
		case tokErr:
			return s.err
		}
	}
}

var xmlEntity = map[string]rune{"lt": '<', "gt": '>', "amp": '&', "apos": '\'', "quot": '"'}

// decodeXMLText appends raw text to dst as encoding/xml's text() reads it:
// entities and character references resolved (not in CDATA), CR and CR LF
// as LF, then every character checked. attr: raw is an attribute value
// ("]]>" allowed). A non-empty msg is the syntax error.
func decodeXMLText(dst, raw []byte, cdata, attr bool) ([]byte, string) {
	start := len(dst)
	var b0, b1 byte
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		if !attr && b0 == ']' && b1 == ']' && c == '>' {
			return dst, "]]> buiten CDATA"
		}
		if c == '&' && !cdata {
			j := i + 1
			var text string
			ok := false
			if j < len(raw) && raw[j] == '#' {
				j++
				base := 10
				if j < len(raw) && raw[j] == 'x' {
					base = 16
					j++
				}
				d0 := j
				for j < len(raw) && ('0' <= raw[j] && raw[j] <= '9' ||
					base == 16 && ('a' <= raw[j] && raw[j] <= 'f' || 'A' <= raw[j] && raw[j] <= 'F')) {
					j++
				}
				if j < len(raw) && raw[j] == ';' {
					if n, err := strconv.ParseUint(string(raw[d0:j]), base, 64); err == nil && n <= unicode.MaxRune {
						text, ok = string(rune(n)), true
					}
				}
			} else {
				n0 := j
				if j < len(raw) && (raw[j] >= utf8.RuneSelf || isNameByte(raw[j])) {
					for j < len(raw) && isNameByte(raw[j]) {
						j++
					}
				}
				if j < len(raw) && raw[j] == ';' {
					if r, found := xmlEntity[string(raw[n0:j])]; found {
						text, ok = string(r), true
					}
				}
			}
			if !ok {
				return dst, "ongeldige entiteit"
			}
			dst = append(dst, text...)
			i = j
			b0, b1 = 0, 0
			continue
		}
		if c == '\r' {
			dst = append(dst, '\n')
		} else if b1 == '\r' && c == '\n' {
			// CR LF: the LF was written for the CR
		} else {
			dst = append(dst, c)
		}
		b0, b1 = b1, c
	}
	for out := dst[start:]; len(out) > 0; {
		c := out[0]
		if c < utf8.RuneSelf {
			if c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
				return dst, fmt.Sprintf("ongeldig teken %U", rune(c))
			}
			out = out[1:]
			continue
		}
		r, size := utf8.DecodeRune(out)
		if r == utf8.RuneError && size == 1 {
			return dst, "ongeldige UTF-8"
		}
		if !(r >= 0x20 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF) {
			return dst, fmt.Sprintf("ongeldig teken %U", r)
		}
		out = out[size:]
	}
	return dst, ""
}
