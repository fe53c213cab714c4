// Package combine writes one PDF of the pages of many as they come, for a
// payroll run's payslips: see Combiner.
package combine

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"strconv"
	"unicode/utf16"
)

// Combiner writes one PDF of the pages of many, as they come: Add appends a
// PDF's pages and the objects they use to the output at once and keeps
// nothing of it but the new object numbers' offsets and a hash per object,
// so a run of thousands of payslips is combined in the memory of one.
// Objects that are the same in several PDFs (the embedded fonts, when two
// documents use the same characters) are written once.
//
// It reads what gofpdf and this module write: classic cross-reference
// tables (incremental updates too, as the payslip's CONCEPT watermark
// adds), direct stream lengths, a flat page tree. Anything else (object or
// cross-reference streams, encryption, nested page trees) is refused with
// an error rather than combined wrongly.
type Combiner struct {
	w       *bufio.Writer
	at      int64   // bytes written
	offsets []int64 // by new object number; 0 and the root objects are filled in by Close
	next    int     // next free object number
	seen    map[[sha256.Size]byte]int
	kids    []int // the page-tree nodes under the root
	node    int   // the node pages are being added to (0: none yet)
	nodeKid []int // its pages
	pages   int
	title   string
	err     error
	buf     bytes.Buffer
}

const (
	combinedPagesRoot = 1
	combinedCatalog   = 2
	pagesPerNode      = 64 // pages per intermediate page-tree node
)

// New starts a combined PDF written to w.
func New(w io.Writer) *Combiner {
	c := &Combiner{w: bufio.NewWriterSize(w, 256<<10), next: 3, offsets: make([]int64, 3),
		seen: map[[sha256.Size]byte]int{}}
	c.write([]byte("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"))
	return c
}

// SetTitle gives the combined PDF a title (its document information);
// "" leaves it without.
func (c *Combiner) SetTitle(title string) { c.title = title }

// Pages is the number of pages added so far.
func (c *Combiner) Pages() int { return c.pages }

// Add appends the pages of one PDF. After an error the Combiner is of no
// further use: every later call returns the same error.
func (c *Combiner) Add(pdf []byte) error {
	if c.err != nil {
		return c.err
	}
	if err := c.add(pdf); err != nil {
		c.err = fmt.Errorf("pdf samenvoegen: %w", err)
	}
	return c.err
}

// Close writes the page tree, the catalog and the cross-reference table and
// flushes the output. The underlying writer is not closed.
func (c *Combiner) Close() error {
	if c.err != nil {
		return c.err
	}
	if c.pages == 0 {
		c.err = errors.New("pdf samenvoegen: geen pagina's")
		return c.err
	}
	c.closeNode()
	var b bytes.Buffer
	b.WriteString("<</Type /Pages /Kids [")
	for i, k := range c.kids {
		if i > 0 {
			b.WriteByte(' ')
		}
		fmt.Fprintf(&b, "%d 0 R", k)
	}
	fmt.Fprintf(&b, "] /Count %d>>", c.pages)
	c.writeObject(combinedPagesRoot, b.Bytes(), nil)
	c.writeObject(combinedCatalog, []byte(fmt.Sprintf("<</Type /Catalog /Pages %d 0 R>>", combinedPagesRoot)), nil)
	info := 0
	if c.title != "" {
		info = c.alloc()
		b.Reset()
		b.WriteString("<</Title <FEFF")
		for _, u := range utf16.Encode([]rune(c.title)) {
			fmt.Fprintf(&b, "%04X", u)
		}
		b.WriteString(">>>")
		c.writeObject(info, b.Bytes(), nil)
	}
	xref := c.at
	b.Reset()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", c.next)
	for n := 1; n < c.next; n++ {
		if c.offsets[n] == 0 {
			c.err = fmt.Errorf("pdf samenvoegen: object %d niet geschreven", n)
			return c.err
		}
		fmt.Fprintf(&b, "%010d 00000 n \n", c.offsets[n])
	}
	fmt.Fprintf(&b, "trailer\n<</Size %d /Root %d 0 R", c.next, combinedCatalog)
	if info != 0 {
		fmt.Fprintf(&b, " /Info %d 0 R", info)
	}
	fmt.Fprintf(&b, ">>\nstartxref\n%d\n%%%%EOF\n", xref)
	c.write(b.Bytes())
	if c.err == nil {
		if err := c.w.Flush(); err != nil {
			c.err = fmt.Errorf("pdf samenvoegen: %w", err)
		}
	}
	if c.err == nil {
		c.err = errClosed
		return nil
	}
	return c.err
}

var errClosed = errors.New("pdf samenvoegen: al afgesloten")

func (c *Combiner) write(b []byte) {
	if c.err != nil {
		return
	}
	n, err := c.w.Write(b)
	c.at += int64(n)
	if err != nil {
		c.err = fmt.Errorf("pdf samenvoegen: %w", err)
	}
}

func (c *Combiner) alloc() int {
	n := c.next
	c.next++
	c.offsets = append(c.offsets, 0)
	return n
}

// writeObject writes object n: its body and, for a stream, the data.
func (c *Combiner) writeObject(n int, body, stream []byte) {
	c.offsets[n] = c.at
	c.write([]byte(strconv.Itoa(n)))
	c.write([]byte(" 0 obj\n"))
	c.write(body)
	if stream != nil {
		c.write([]byte("\nstream\n"))
		c.write(stream)
		c.write([]byte("\nendstream"))
	}
	c.write([]byte("\nendobj\n"))
}

// parent returns the page-tree node the next page goes under.
func (c *Combiner) parent() int {
	if c.node == 0 || len(c.nodeKid) == pagesPerNode {
		c.closeNode()
		c.node = c.alloc()
	}
	return c.node
}

func (c *Combiner) closeNode() {
	if c.node == 0 {
		return
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "<</Type /Pages /Parent %d 0 R /Kids [", combinedPagesRoot)
	for i, k := range c.nodeKid {
		if i > 0 {
			b.WriteByte(' ')
		}
		fmt.Fprintf(&b, "%d 0 R", k)
	}
	fmt.Fprintf(&b, "] /Count %d>>", len(c.nodeKid))
	c.writeObject(c.node, b.Bytes(), nil)
	c.kids = append(c.kids, c.node)
	c.node, c.nodeKid = 0, nil
}

// source is one PDF being added.
type source struct {
	data    []byte
	offsets map[int]int // object number → offset of its latest version
	newNum  map[int]int // object number → number in the combined PDF
	busy    map[int]bool
}

// inherited are the page attributes a page may take from its page-tree node.
var inherited = []string{"Resources", "MediaBox", "CropBox", "Rotate"}

func (c *Combiner) add(pdf []byte) error {
	s := &source{data: pdf, offsets: map[int]int{}, newNum: map[int]int{}, busy: map[int]bool{}}
	trailer, err := s.readXref()
	if err != nil {
		return err
	}
	if trailer.get("Encrypt") != nil {
		return errors.New("versleutelde pdf niet ondersteund")
	}
	rootRef, ok := trailer.get("Root").(ref)
	if !ok {
		return errors.New("trailer zonder /Root")
	}
	root, _, err := s.object(int(rootRef))
	if err != nil {
		return err
	}
	pagesRef, ok := dictOf(root).get("Pages").(ref)
	if !ok {
		return errors.New("catalogus zonder /Pages")
	}
	pagesObj, _, err := s.object(int(pagesRef))
	if err != nil {
		return err
	}
	pages := dictOf(pagesObj)
	kids, ok := pages.get("Kids").(array)
	if !ok {
		return errors.New("/Pages zonder /Kids")
	}
	// The document's own catalog, page tree and info are not copied; an
	// object that refers to them cannot be either.
	s.newNum[int(rootRef)], s.newNum[int(pagesRef)] = -1, -1
	if info, ok := trailer.get("Info").(ref); ok {
		s.newNum[int(info)] = -1
	}
	for _, k := range kids {
		kr, ok := k.(ref)
		if !ok {
			return errors.New("/Kids met iets anders dan verwijzingen")
		}
		obj, _, err := s.object(int(kr))
		if err != nil {
			return err
		}
		page := dictOf(obj)
		if t, _ := page.get("Type").(name); t != "Page" {
			return fmt.Errorf("object %d is geen pagina (geneste paginaboom niet ondersteund)", kr)
		}
		if _, dup := s.newNum[int(kr)]; dup {
			return fmt.Errorf("pagina %d staat twee keer in /Kids", kr)
		}
		num := c.alloc()
		s.newNum[int(kr)] = num
		out := dict{}
		for _, kv := range page {
			if kv.key == "Parent" {
				continue
			}
			v, err := c.resolve(s, kv.val)
			if err != nil {
				return err
			}
			out = append(out, kv2{kv.key, v})
		}
		for _, key := range inherited {
			if page.get(key) == nil && pages.get(key) != nil {
				v, err := c.resolve(s, pages.get(key))
				if err != nil {
					return err
				}
				out = append(out, kv2{key, v})
			}
		}
		out = append(out, kv2{"Parent", ref(c.parent())})
		c.buf.Reset()
		out.serialize(&c.buf)
		c.writeObject(num, c.buf.Bytes(), nil)
		c.nodeKid = append(c.nodeKid, num)
		c.pages++
		if c.err != nil {
			return c.err
		}
	}
	return c.err
}

// resolve copies the objects v refers to (children first, each once, the
// same object of an earlier PDF reused) and returns v with the combined
// PDF's numbers.
func (c *Combiner) resolve(s *source, v value) (value, error) {
	switch x := v.(type) {
	case ref:
		n := int(x)
		if m, ok := s.newNum[n]; ok {
			if m < 0 {
				return nil, fmt.Errorf("verwijzing naar catalogus, paginaboom of info (object %d)", n)
			}
			return ref(m), nil
		}
		if s.busy[n] {
			return nil, fmt.Errorf("kringverwijzing via object %d", n)
		}
		s.busy[n] = true
		obj, stream, err := s.object(n)
		if err != nil {
			return nil, err
		}
		if d, ok := obj.(dict); ok && (d.get("Type") == name("Page") || d.get("Type") == name("Pages")) {
			return nil, fmt.Errorf("verwijzing naar pagina %d buiten de paginaboom", n)
		}
		obj, err = c.resolve(s, obj)
		if err != nil {
			return nil, err
		}
		c.buf.Reset()
		obj.serialize(&c.buf)
		h := sha256.New()
		h.Write(c.buf.Bytes())
		if stream != nil {
			h.Write([]byte{0})
			h.Write(stream)
		}
		var key [sha256.Size]byte
		h.Sum(key[:0])
		num, ok := c.seen[key]
		if !ok {
			num = c.alloc()
			c.seen[key] = num
			c.writeObject(num, c.buf.Bytes(), stream)
		}
		delete(s.busy, n)
		s.newNum[n] = num
		return ref(num), c.err
	case dict:
		out := make(dict, len(x))
		for i, kv := range x {
			r, err := c.resolve(s, kv.val)
			if err != nil {
				return nil, err
			}
			out[i] = kv2{kv.key, r}
		}
		return out, nil
	case array:
		out := make(array, len(x))
		for i, e := range x {
			r, err := c.resolve(s, e)
			if err != nil {
				return nil, err
			}
			out[i] = r
		}
		return out, nil
	}
	return v, nil
}

// readXref reads the cross-reference sections from the last one back and
// returns the newest trailer.
func (s *source) readXref() (dict, error) {
	tail := s.data[max(0, len(s.data)-1024):]
	i := bytes.LastIndex(tail, []byte("startxref"))
	if i < 0 {
		return nil, errors.New("geen startxref")
	}
	p := &parser{b: tail, i: i + len("startxref")}
	at, ok := p.next().(number)
	if !ok {
		return nil, errors.New("startxref zonder getal")
	}
	var newest dict
	visited := map[int]bool{}
	for off := int(at); ; {
		if off <= 0 || off >= len(s.data) || visited[off] {
			return nil, fmt.Errorf("xref op %d ongeldig", off)
		}
		visited[off] = true
		trailer, err := s.readSection(off)
		if err != nil {
			return nil, err
		}
		if newest == nil {
			newest = trailer
		}
		prev, ok := trailer.get("Prev").(number)
		if !ok {
			break
		}
		off = int(prev)
	}
	return newest, nil
}

// readSection reads one classic xref section at off; entries already known
// (from a newer section) are kept.
func (s *source) readSection(off int) (dict, error) {
	b := s.data
	if !bytes.HasPrefix(b[off:], []byte("xref")) {
		return nil, fmt.Errorf("geen xref-tabel op %d (xref-stromen niet ondersteund)", off)
	}
	p := &parser{b: b, i: off + len("xref")}
	for {
		p.skipSpace()
		if bytes.HasPrefix(b[p.i:], []byte("trailer")) {
			p.i += len("trailer")
			t, ok := p.value().(dict)
			if !ok || p.err != nil {
				return nil, errors.New("trailer onleesbaar")
			}
			return t, nil
		}
		first, ok1 := p.next().(number)
		count, ok2 := p.next().(number)
		if !ok1 || !ok2 || p.err != nil || first < 0 || count < 0 {
			return nil, fmt.Errorf("xref op %d onleesbaar", off)
		}
		p.skipSpace()
		for j := 0; j < int(count); j++ {
			if p.i+18 > len(b) {
				return nil, errors.New("xref afgebroken")
			}
			e := b[p.i : p.i+18]
			num := int(first) + j
			if _, known := s.offsets[num]; !known {
				switch e[17] {
				case 'n':
					o, err := strconv.Atoi(string(e[:10]))
					if err != nil {
						return nil, fmt.Errorf("xref-regel %q", e)
					}
					s.offsets[num] = o
				case 'f':
					s.offsets[num] = -1
				default:
					return nil, fmt.Errorf("xref-regel %q", e)
				}
			}
			p.i += 18
			p.skipSpace()
		}
	}
}

// object reads object n: its value and, for a stream, the (still encoded)
// data.
func (s *source) object(n int) (value, []byte, error) {
	off, ok := s.offsets[n]
	if !ok || off <= 0 || off >= len(s.data) {
		return nil, nil, fmt.Errorf("object %d onbekend", n)
	}
	p := &parser{b: s.data, i: off}
	num, _ := p.next().(number)
	gen, _ := p.next().(number)
	kw, _ := p.next().(keyword)
	if int(num) != n || gen != 0 || kw != "obj" || p.err != nil {
		return nil, nil, fmt.Errorf("object %d niet op zijn plaats", n)
	}
	v := p.value()
	if p.err != nil {
		return nil, nil, fmt.Errorf("object %d: %w", n, p.err)
	}
	p.skipSpace()
	if !bytes.HasPrefix(s.data[p.i:], []byte("stream")) {
		return v, nil, nil
	}
	d, _ := v.(dict)
	length, ok := d.get("Length").(number)
	if !ok || length < 0 {
		return nil, nil, fmt.Errorf("object %d: stroom zonder directe /Length", n)
	}
	i := p.i + len("stream")
	switch {
	case bytes.HasPrefix(s.data[i:], []byte("\r\n")):
		i += 2
	case bytes.HasPrefix(s.data[i:], []byte("\n")):
		i++
	default:
		return nil, nil, fmt.Errorf("object %d: stroom zonder regeleinde", n)
	}
	end := i + int(length)
	if end > len(s.data) {
		return nil, nil, fmt.Errorf("object %d: stroom afgebroken", n)
	}
	rest := bytes.TrimLeft(s.data[end:min(end+16, len(s.data))], "\r\n ")
	if !bytes.HasPrefix(rest, []byte("endstream")) {
		return nil, nil, fmt.Errorf("object %d: /Length klopt niet", n)
	}
	return v, s.data[i:end], nil
}

// The PDF values the Combiner handles; numbers are kept as written.
type (
	value interface{ serialize(*bytes.Buffer) }
	dict  []kv2
	kv2   struct {
		key string
		val value
	}
	array   []value
	ref     int
	name    string
	number  float64
	keyword string // true, false, null, R, obj, stream…
	raw     []byte // a string or a number, as written
)

func dictOf(v value) dict { d, _ := v.(dict); return d }

func (d dict) get(key string) value {
	for _, kv := range d {
		if kv.key == key {
			return kv.val
		}
	}
	return nil
}

func (d dict) serialize(b *bytes.Buffer) {
	b.WriteString("<<")
	for i, kv := range d {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteByte('/')
		b.WriteString(kv.key)
		b.WriteByte(' ')
		kv.val.serialize(b)
	}
	b.WriteString(">>")
}

func (a array) serialize(b *bytes.Buffer) {
	b.WriteByte('[')
	for i, v := range a {
		if i > 0 {
			b.WriteByte(' ')
		}
		v.serialize(b)
	}
	b.WriteByte(']')
}

func (r ref) serialize(b *bytes.Buffer) {
	b.WriteString(strconv.Itoa(int(r)))
	b.WriteString(" 0 R")
}

func (n name) serialize(b *bytes.Buffer) { b.WriteByte('/'); b.WriteString(string(n)) }

func (n number) serialize(b *bytes.Buffer) {
	b.WriteString(strconv.FormatFloat(float64(n), 'f', -1, 64))
}

func (k keyword) serialize(b *bytes.Buffer) { b.WriteString(string(k)) }

func (r raw) serialize(b *bytes.Buffer) { b.Write(r) }

// parser reads PDF tokens and values from b at i.
type parser struct {
	b   []byte
	i   int
	err error
}

func isDelim(c byte) bool {
	switch c {
	case '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}

func isSpace(c byte) bool {
	switch c {
	case ' ', '\n', '\r', '\t', '\f', 0:
		return true
	}
	return false
}

func (p *parser) skipSpace() {
	for p.i < len(p.b) {
		switch c := p.b[p.i]; {
		case isSpace(c):
			p.i++
		case c == '%':
			for p.i < len(p.b) && p.b[p.i] != '\n' && p.b[p.i] != '\r' {
				p.i++
			}
		default:
			return
		}
	}
}

func (p *parser) fail(format string, args ...any) value {
	if p.err == nil {
		p.err = fmt.Errorf(format, args...)
	}
	return keyword("null")
}

// token kinds returned by next besides values: the delimiters.
type delim string

func (delim) serialize(*bytes.Buffer) {}

// next returns the next token: a name, number, keyword, string (raw) or a
// delimiter ("<<", ">>", "[", "]").
func (p *parser) next() value {
	p.skipSpace()
	if p.i >= len(p.b) {
		return p.fail("onverwacht einde")
	}
	start := p.i
	switch c := p.b[p.i]; {
	case c == '/':
		p.i++
		for p.i < len(p.b) && !isSpace(p.b[p.i]) && !isDelim(p.b[p.i]) {
			p.i++
		}
		return name(p.b[start+1 : p.i])
	case c == '<' && p.i+1 < len(p.b) && p.b[p.i+1] == '<':
		p.i += 2
		return delim("<<")
	case c == '>' && p.i+1 < len(p.b) && p.b[p.i+1] == '>':
		p.i += 2
		return delim(">>")
	case c == '[' || c == ']':
		p.i++
		return delim(string(c))
	case c == '<':
		end := bytes.IndexByte(p.b[p.i:], '>')
		if end < 0 {
			return p.fail("hexadecimale tekst zonder einde")
		}
		p.i += end + 1
		return raw(p.b[start:p.i])
	case c == '(':
		depth := 0
		for p.i < len(p.b) {
			switch p.b[p.i] {
			case '\\':
				p.i++
			case '(':
				depth++
			case ')':
				depth--
				if depth == 0 {
					p.i++
					return raw(p.b[start:p.i])
				}
			}
			p.i++
		}
		return p.fail("tekst zonder einde")
	case isDelim(c):
		return p.fail("onverwacht %q op %d", c, p.i)
	}
	for p.i < len(p.b) && !isSpace(p.b[p.i]) && !isDelim(p.b[p.i]) {
		p.i++
	}
	tok := p.b[start:p.i]
	if c := tok[0]; c == '+' || c == '-' || c == '.' || (c >= '0' && c <= '9') {
		f, err := strconv.ParseFloat(string(tok), 64)
		if err != nil {
			return p.fail("getal %q", tok)
		}
		return number(f)
	}
	return keyword(tok)
}

// value reads one value; "n g R" becomes a ref.
func (p *parser) value() value {
	t := p.next()
	switch x := t.(type) {
	case delim:
		switch x {
		case "<<":
			var d dict
			for p.err == nil {
				k := p.next()
				if k == delim(">>") {
					return d
				}
				key, ok := k.(name)
				if !ok {
					return p.fail("woordenboek met sleutel %v", k)
				}
				d = append(d, kv2{string(key), p.value()})
			}
			return d
		case "[":
			var a array
			for p.err == nil {
				save := p.i
				if p.next() == delim("]") {
					return a
				}
				p.i = save
				a = append(a, p.value())
			}
			return a
		}
		return p.fail("onverwacht %s", x)
	case number:
		// A reference is "n g R"; look ahead without consuming otherwise.
		save, saveErr := p.i, p.err
		if g, ok := p.next().(number); ok && p.err == nil {
			if k, ok := p.next().(keyword); ok && k == "R" && p.err == nil {
				if x != number(int(x)) || x <= 0 || g != 0 {
					return p.fail("verwijzing %v %v R niet ondersteund", x, g)
				}
				return ref(int(x))
			}
		}
		p.i, p.err = save, saveErr
		return x
	}
	return t
}
