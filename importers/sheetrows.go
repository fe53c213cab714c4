package importers

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"path"
	"regexp"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// rowSource is what an xlsxSheet reads its rows from: our own reader of the
// worksheet XML (fastRows) or, as the reference and the fallback for parts in
// another character set, excelize's Rows.
type rowSource interface {
	Next() bool
	Columns() ([]string, error)
	Error() error
	Close() error
}

// excelizeRows reads a sheet with excelize, raw cell values.
type excelizeRows struct{ rows *excelize.Rows }

func (r excelizeRows) Next() bool { return r.rows.Next() }
func (r excelizeRows) Columns() ([]string, error) {
	return r.rows.Columns(excelize.Options{RawCellValue: true})
}
func (r excelizeRows) Error() error { return r.rows.Error() }
func (r excelizeRows) Close() error { return r.rows.Close() }

// fastRows reads the rows of one worksheet part with xmlScanner. It is a
// port of excelize's Rows.Next and Rows.Columns with RawCellValue (v2.11.1,
// rows.go and cell.go): it returns, row for row, exactly the cells excelize
// returns for a part that encoding/xml reads without error — gaps between
// row numbers as empty rows, cells placed by their r attribute (cells
// without one after the previous cell), trailing empty cells dropped, a
// formula cell kept even when empty, shared strings looked up, inline and
// rich strings joined, _xHHHH_ escapes decoded — including excelize's
// quirks with odd attributes, so that the differential and fuzz tests can
// demand equality. Where encoding/xml finds a syntax error excelize stops
// reading silently, as if the sheet ended there; fastRows reports the error
// instead (Error), so that a damaged sheet is not imported half.
//
// The row and cell state machine follows excelize's (Copyright 2016-2026
// The excelize Authors, BSD 3-Clause licence) on our own tokenizer
// (sheetxml.go); excelize itself stays the reference the tests compare with.
type fastRows struct {
	sc  *xmlScanner
	sst *sharedStrings

	curRow, seekRow int
	pending         bool // excelize's rows.token: Next read a row start that Columns has not handled
	pendNum         int
	pendErr         error
	err             error
	dataEnd         bool // </sheetData> was read: what follows is not the sheet's data

	row   []string // cells of the row being read
	slab  []string // rows are cut from here
	cache map[string]string
	val   []byte
	close func() error

	// fallback: excelize's reader of the same sheet, for a part that
	// declares another encoding (excelize converts it).
	fallbackOpen func() (rowSource, error)
	fallback     rowSource
	started      bool

	tPrev, tCur []byte // inline string texts
	vNext       []byte
}

// sharedStrings is the workbook's shared string table as excelize's
// sharedStringsReader reads it: decoded with encoding/xml, each item's text
// and rich text runs joined (phonetic runs left out) and _xHHHH_ decoded.
type sharedStrings struct {
	items []string
	err   error
}

func newFastRows(data []byte, src io.Reader, sst *sharedStrings) *fastRows {
	return &fastRows{sc: newXMLScanner(data, src), sst: sst, cache: map[string]string{}}
}

// totalRows is excelize's TotalRows: a row number above it is an error.
const totalRows = excelize.TotalRows

func (r *fastRows) Next() bool {
	if r.fallback != nil {
		return r.fallback.Next()
	}
	if r.err != nil {
		return false
	}
	r.seekRow++
	if r.curRow >= r.seekRow {
		return true
	}
	for {
		switch r.sc.next() {
		case tokStart:
			if r.sc.q.local == "row" {
				r.curRow++
				n, err := r.rowAttr()
				if n > totalRows {
					r.err = excelize.ErrMaxRows
					return false
				}
				if n != 0 {
					r.curRow = n
				}
				r.pending, r.pendNum, r.pendErr = true, n, err
				r.started = true
				return true
			}
		case tokEnd:
			if r.sc.q.local == "sheetData" {
				r.dataEnd = true
				return false
			}
		case tokEOF:
			return false
		case tokErr:
			if r.sc.err == errForeignEncoding && !r.started && r.fallback == nil && r.useFallback() {
				r.seekRow--
				return r.fallback.Next()
			}
			return false
		}
	}
}

// useFallback switches to the excelize reader (set up by the caller as
// fallback source) for a part in another character set.
func (r *fastRows) useFallback() bool {
	if r.fallbackOpen == nil {
		return false
	}
	fb, err := r.fallbackOpen()
	if err != nil {
		r.sc.err = err
		return false
	}
	r.fallback = fb
	return true
}

// rowAttr is excelize's attrValToInt("r", attrs) for the current token.
func (r *fastRows) rowAttr() (val int, err error) {
	for i := range r.sc.attrs {
		a := &r.sc.attrs[i]
		if a.q.local != "r" {
			continue
		}
		if n, ok := plainInt(a); ok {
			val, err = n, nil
			continue
		}
		if val, err = strconv.Atoi(string(r.sc.attrValue(a))); err != nil {
			return val, err
		}
	}
	return val, err
}

// plainInt reads an attribute that is plain decimal digits (no sign) as
// strconv.Atoi would, without allocating.
func plainInt(a *xmlAttr) (int, bool) {
	if !a.plain || len(a.raw) == 0 || len(a.raw) > 18 {
		return 0, false
	}
	n := 0
	for _, c := range a.raw {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

func (r *fastRows) Columns() ([]string, error) {
	if r.fallback != nil {
		return r.fallback.Columns()
	}
	if r.curRow > r.seekRow {
		return nil, nil
	}
	if r.sst.err != nil {
		return nil, r.sst.err
	}
	it := rowIter{cells: r.row[:0]}
	defer func() { r.row = it.cells[:0] }()
	for {
		fromPending := r.pending
		isRow := fromPending
		if !fromPending {
			switch r.sc.next() {
			case tokStart:
				isRow = r.sc.q.local == "row"
			case tokEnd:
				if r.sc.q.local == "sheetData" {
					r.dataEnd = true
					return r.cut(it.cells), it.err
				}
				continue
			case tokEOF, tokErr:
				return r.cut(it.cells), it.err
			default:
				continue
			}
		}
		if isRow {
			var n int
			if fromPending {
				n, it.err = r.pendNum, r.pendErr
			} else {
				n, it.err = r.rowAttr()
			}
			if n > totalRows {
				r.err, r.pending = excelize.ErrMaxRows, false
				return r.cut(it.cells), r.err
			} else if n != 0 {
				r.curRow = n
			} else if !fromPending {
				r.curRow++
			}
			if r.curRow > r.seekRow {
				r.pending = false
				return r.cut(it.cells), it.err
			}
		} else if r.sc.q.local == "c" {
			r.cell(&it)
		}
		r.pending = false
		if it.err != nil {
			return r.cut(it.cells), it.err
		}
	}
}

// cut copies the cells of a row out of the reused buffer (nil for none, as
// excelize returns), into a slab shared by the next rows: one allocation per
// many rows.
func (r *fastRows) cut(cells []string) []string {
	if len(cells) == 0 {
		return nil
	}
	if len(r.slab) < len(cells) {
		r.slab = make([]string, max(4096, len(cells)))
	}
	out := r.slab[:len(cells):len(cells)]
	r.slab = r.slab[len(cells):]
	copy(out, cells)
	return out
}

type rowIter struct {
	cellCol int
	cells   []string
	err     error
}

// cell types of the t attribute that matter for the value.
const (
	cellOther = iota
	cellShared
	cellInline
)

// cell is excelize's rowXMLHandler for a <c> start element.
func (r *fastRows) cell(it *rowIter) {
	it.cellCol++
	var (
		hasR     bool
		col      int
		colErr   error
		typ      = cellOther
		hasF     bool
		hasIS    bool
		is       string
		v        []byte
		sc       = r.sc
		startQ   = sc.q
		startNS  = len(sc.ns)
		attrFail bool
	)
	v = r.val[:0]
	// cellXMLAttrHandler: r, s (an integer, or the handler stops here) and t.
	for i := range sc.attrs {
		a := &sc.attrs[i]
		switch a.q.local {
		case "r":
			val := sc.attrValue(a)
			if hasR = len(val) > 0; hasR {
				col, colErr = cellColumn(val)
			}
		case "s":
			if n, ok := plainInt(a); !ok || n < 0 {
				if _, err := strconv.ParseInt(string(sc.attrValue(a)), 10, 64); err != nil {
					attrFail = true
				}
			}
		case "t":
			switch string(sc.attrValue(a)) {
			case "s":
				typ = cellShared
			case "inlineStr":
				typ = cellInline
			default:
				typ = cellOther
			}
		}
		if attrFail {
			break
		}
	}
	if !attrFail {
		r.cellContent(startQ, startNS, &v, &hasF, &hasIS, &is)
	}
	r.val = v
	if hasR {
		if it.cellCol, it.err = col, colErr; colErr != nil {
			return
		}
	}
	blank := it.cellCol - len(it.cells)
	var val string
	switch typ {
	case cellShared:
		if len(v) > 0 {
			idx, ok := plainIndex(v)
			if !ok {
				idx, _ = strconv.Atoi(strings.TrimSpace(string(v)))
			}
			if idx >= 0 && idx < len(r.sst.items) {
				val = r.sst.items[idx]
			}
		}
	case cellInline:
		if hasIS {
			val = is
		} else {
			val = r.str(v)
		}
	default:
		val = r.str(v)
	}
	if val != "" || hasF {
		for i := 1; i < blank; i++ {
			it.cells = append(it.cells, "")
		}
		it.cells = append(it.cells, val)
	}
}

func plainIndex(v []byte) (int, bool) {
	if len(v) == 0 || len(v) > 18 {
		return 0, false
	}
	n := 0
	for _, c := range v {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// cellContent is the token loop of excelize's cellXMLHandler: the last <v>
// is the value, <f> makes it a formula cell, <is> an inline string; it ends
// at the first end element with the cell's name (and name space) or an
// error, which excelize ignores: the rest of the cell is then read as part of
// the row.
func (r *fastRows) cellContent(startQ *qname, startNS int, v *[]byte, hasF, hasIS *bool, is *string) {
	sc := r.sc
	for {
		switch sc.next() {
		case tokStart:
			switch sc.q.local {
			case "v":
				// encoding/xml sets the value only when the element is
				// read to its end.
				nv := r.vNext[:0]
				err := r.chardata(&nv)
				r.vNext = nv
				if err != nil {
					return
				}
				*v = append((*v)[:0], nv...)
			case "f":
				*hasF = true
				if err := r.formula(); err != nil {
					return
				}
			case "is":
				*hasIS = true
				s, err := r.inlineString()
				*is = s
				if err != nil {
					return
				}
			}
		case tokEnd:
			if sc.q.local == startQ.local {
				if sc.q.name == startQ.name && len(sc.ns) == startNS {
					return
				}
				if sc.space(sc.q.prefix, sc.q.local, len(sc.ns)) == sc.space(startQ.prefix, startQ.local, startNS) {
					return
				}
			}
		case tokEOF, tokErr:
			return
		}
	}
}

// chardata appends the direct character data of the element just started
// (child elements skipped), as encoding/xml decodes an element into a string.
func (r *fastRows) chardata(dst *[]byte) error {
	sc := r.sc
	for {
		switch sc.next() {
		case tokText:
			*dst = append(*dst, sc.text...)
		case tokStart:
			if err := sc.skip(); err != nil {
				return err
			}
		case tokEnd:
			return nil
		case tokEOF:
			return io.ErrUnexpectedEOF
		case tokErr:
			return sc.err
		}
	}
}

// formula decodes <f> as encoding/xml decodes it into excelize's xlsxF: its
// boolean and integer attributes must parse, or decoding stops right after
// the start tag.
func (r *fastRows) formula() error {
	sc := r.sc
	for i := range sc.attrs {
		a := &sc.attrs[i]
		switch a.q.local {
		case "aca", "dt2D", "dtr", "del1", "del2", "ca", "bx":
			if v := sc.attrValue(a); len(v) > 0 {
				if _, err := strconv.ParseBool(strings.TrimSpace(string(v))); err != nil {
					return err
				}
			}
		case "si":
			if _, ok := plainInt(a); ok {
				continue
			}
			if v := sc.attrValue(a); len(v) > 0 {
				if _, err := strconv.ParseInt(strings.TrimSpace(string(v)), 10, 64); err != nil {
					return err
				}
			}
		}
	}
	var discard []byte
	return r.chardata(&discard)
}

// inlineString decodes <is> as encoding/xml decodes it into excelize's
// xlsxSI and returns its text. The usual <is><t>…</t></is> is read here;
// anything else (rich text runs, phonetic runs, …) goes to encoding/xml
// itself, fed with the scanner's tokens.
func (r *fastRows) inlineString() (string, error) {
	sc := r.sc
	isQ := sc.q
	var (
		t     = r.tPrev[:0]
		hasT  bool
		inT   bool
		tQ    *qname
		tVal  = r.tCur[:0]
		plain = true
	)
	defer func() { r.tPrev, r.tCur = t[:0], tVal[:0] }()
	for plain {
		switch sc.next() {
		case tokStart:
			if inT || sc.q.local != "t" {
				plain = false
				break
			}
			inT, tQ, tVal = true, sc.q, tVal[:0]
		case tokText:
			if inT {
				tVal = append(tVal, sc.text...)
			}
		case tokEnd:
			if !inT {
				if !hasT {
					return "", nil
				}
				return bstrUnmarshal(r.str(t)), nil
			}
			inT, hasT = false, true
			t, tVal = tVal, t
		case tokEOF:
			return r.siString(hasT, t), io.ErrUnexpectedEOF
		case tokErr:
			return r.siString(hasT, t), sc.err
		}
	}
	// Replay what was read to encoding/xml, then let it read on.
	tr := &scannerTokens{sc: r.sc}
	tr.queue = append(tr.queue, xml.StartElement{Name: xml.Name{Space: isQ.prefix, Local: isQ.local}})
	if hasT {
		tr.queue = append(tr.queue, xml.StartElement{Name: xml.Name{Space: tQ.prefix, Local: tQ.local}},
			xml.CharData(bytes.Clone(t)), xml.EndElement{Name: xml.Name{Space: tQ.prefix, Local: tQ.local}})
	}
	if inT {
		tr.queue = append(tr.queue, xml.StartElement{Name: xml.Name{Space: tQ.prefix, Local: tQ.local}},
			xml.CharData(bytes.Clone(tVal)))
	}
	tr.queue = append(tr.queue, tr.current())
	d := xml.NewTokenDecoder(tr)
	start, err := d.Token()
	if err != nil {
		return "", err
	}
	se := start.(xml.StartElement)
	var si xlsxSIType
	err = d.DecodeElement(&si, &se)
	return si.String(), err
}

func (r *fastRows) siString(hasT bool, t []byte) string {
	if !hasT {
		return ""
	}
	return bstrUnmarshal(string(t))
}

// scannerTokens hands the scanner's tokens to an encoding/xml Decoder, after
// a queue of tokens already read.
type scannerTokens struct {
	sc    *xmlScanner
	queue []xml.Token
}

func (t *scannerTokens) Token() (xml.Token, error) {
	if len(t.queue) > 0 {
		tok := t.queue[0]
		t.queue = t.queue[1:]
		return tok, nil
	}
	switch t.sc.next() {
	case tokEOF:
		return nil, io.EOF
	case tokErr:
		return nil, t.sc.err
	}
	return t.current(), nil
}

// current is the scanner's token as an encoding/xml token, names raw (the
// decoder translates them).
func (t *scannerTokens) current() xml.Token {
	sc := t.sc
	switch sc.kind {
	case tokStart:
		se := xml.StartElement{Name: xml.Name{Space: sc.q.prefix, Local: sc.q.local}, Attr: make([]xml.Attr, len(sc.attrs))}
		for i := range sc.attrs {
			a := &sc.attrs[i]
			se.Attr[i] = xml.Attr{Name: xml.Name{Space: a.q.prefix, Local: a.q.local}, Value: string(sc.attrValue(a))}
		}
		return se
	case tokEnd:
		return xml.EndElement{Name: xml.Name{Space: sc.q.prefix, Local: sc.q.local}}
	case tokText:
		return xml.CharData(bytes.Clone(sc.text))
	}
	return xml.Comment(nil)
}

// str returns b as a string, sharing the strings of repeated short values
// (a sheet repeats its dates, codes and quantities).
func (r *fastRows) str(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	if s, ok := r.cache[string(b)]; ok {
		return s
	}
	s := string(b)
	if len(b) <= 32 && len(r.cache) < 8192 {
		r.cache[s] = s
	}
	return s
}

// cellColumn is excelize's CellNameToCoordinates(ref) column, without
// allocating for the usual A1-style reference.
func cellColumn(ref []byte) (int, error) {
	i, col := 0, 0
	for i < len(ref) && i < 3 && 'A' <= ref[i] && ref[i] <= 'Z' {
		col = col*26 + int(ref[i]-'A'+1)
		i++
	}
	if i > 0 && i < len(ref) && len(ref)-i <= 7 && ref[i] != '0' && col <= excelize.MaxColumns {
		row := 0
		j := i
		for j < len(ref) && '0' <= ref[j] && ref[j] <= '9' {
			row = row*10 + int(ref[j]-'0')
			j++
		}
		if j == len(ref) && row <= totalRows {
			return col, nil
		}
	}
	col, _, err := excelize.CellNameToCoordinates(string(ref))
	return col, err
}

func (r *fastRows) Error() error {
	if r.fallback != nil {
		return r.fallback.Error()
	}
	if r.err != nil || r.dataEnd {
		// After </sheetData> excelize reads on (a <row> there is read as
		// well) but stops at a syntax error without a word; so does fastRows:
		// the sheet's data has been read.
		return r.err
	}
	return r.sc.err
}

func (r *fastRows) Close() error {
	var err error
	if r.fallback != nil {
		err = r.fallback.Close()
	}
	if r.close != nil {
		if e := r.close(); err == nil {
			err = e
		}
	}
	return err
}

// ---------------------------------------------------------------- shared strings

// The types excelize decodes shared and inline strings into (xlsxSI and its
// parts, v2.11.1), so that encoding/xml decodes — and fails — as there.
type xlsxSSTType struct {
	XMLName     xml.Name     `xml:"http://schemas.openxmlformats.org/spreadsheetml/2006/main sst"`
	Count       int          `xml:"count,attr"`
	UniqueCount int          `xml:"uniqueCount,attr"`
	SI          []xlsxSIType `xml:"si"`
}

type xlsxSIType struct {
	T          *xlsxTType          `xml:"t,omitempty"`
	R          []xlsxRType         `xml:"r"`
	RPh        []*xlsxPhoneticRunT `xml:"rPh"`
	PhoneticPr *xlsxPhoneticPrType `xml:"phoneticPr"`
}

type xlsxRType struct {
	XMLName xml.Name   `xml:"r"`
	RPr     *xlsxRPrT  `xml:"rPr"`
	T       *xlsxTType `xml:"t"`
}

type xlsxTType struct {
	XMLName xml.Name `xml:"t"`
	Space   xml.Attr `xml:"space,attr,omitempty"`
	Val     string   `xml:",chardata"`
}

type xlsxRPrT struct {
	RFont     *attrValStringT `xml:"rFont"`
	Charset   *attrValIntT    `xml:"charset"`
	Family    *attrValIntT    `xml:"family"`
	B         *attrValBoolT   `xml:"b"`
	I         *attrValBoolT   `xml:"i"`
	Strike    *attrValBoolT   `xml:"strike"`
	Outline   *attrValBoolT   `xml:"outline"`
	Shadow    *attrValBoolT   `xml:"shadow"`
	Condense  *attrValBoolT   `xml:"condense"`
	Extend    *attrValBoolT   `xml:"extend"`
	Color     *xlsxColorT     `xml:"color"`
	Sz        *attrValFloatT  `xml:"sz"`
	U         *attrValStringT `xml:"u"`
	VertAlign *attrValStringT `xml:"vertAlign"`
	Scheme    *attrValStringT `xml:"scheme"`
}

type attrValIntT struct {
	Val *int `xml:"val,attr"`
}

type attrValFloatT struct {
	Val *float64 `xml:"val,attr"`
}

type attrValStringT struct {
	Val *string `xml:"val,attr"`
}

type attrValBoolT struct {
	Val *bool `xml:"val,attr"`
}

// UnmarshalXML is excelize's attrValBool.UnmarshalXML.
func (avb *attrValBoolT) UnmarshalXML(d *xml.Decoder, start xml.StartElement) error {
	for {
		t, err := d.Token()
		if err != nil {
			return err
		}
		found := false
		switch t.(type) {
		case xml.StartElement:
			return excelize.ErrAttrValBool
		case xml.EndElement:
			found = true
		}
		if found {
			break
		}
	}
	for _, attr := range start.Attr {
		if attr.Name.Local == "val" {
			if attr.Value == "" {
				val := true
				avb.Val = &val
			} else {
				val, err := strconv.ParseBool(attr.Value)
				if err != nil {
					return err
				}
				avb.Val = &val
			}
			return nil
		}
	}
	defaultVal := true
	avb.Val = &defaultVal
	return nil
}

type xlsxColorT struct {
	Auto    bool    `xml:"auto,attr,omitempty"`
	RGB     string  `xml:"rgb,attr,omitempty"`
	Indexed int     `xml:"indexed,attr,omitempty"`
	Theme   *int    `xml:"theme,attr"`
	Tint    float64 `xml:"tint,attr,omitempty"`
}

type xlsxPhoneticRunT struct {
	Sb uint32 `xml:"sb,attr"`
	Eb uint32 `xml:"eb,attr"`
	T  string `xml:"t"`
}

type xlsxPhoneticPrType struct {
	XMLName   xml.Name `xml:"phoneticPr"`
	Alignment string   `xml:"alignment,attr,omitempty"`
	FontID    *int     `xml:"fontId,attr"`
	Type      string   `xml:"type,attr,omitempty"`
}

// String is excelize's xlsxSI.String: the text and the runs' texts, with
// _xHHHH_ escapes decoded; phonetic runs are not part of the text.
func (x xlsxSIType) String() string {
	var value strings.Builder
	if x.T != nil {
		value.WriteString(x.T.Val)
	}
	for _, s := range x.R {
		if s.T != nil {
			value.WriteString(s.T.Val)
		}
	}
	if value.Len() == 0 {
		return ""
	}
	return bstrUnmarshal(value.String())
}

var bstrExp = regexp.MustCompile(`_x[a-fA-F\d]{4}_`)

// bstrUnmarshal is excelize's: _xHHHH_ is the character U+HHHH (an invalid
// one is dropped), _x005F_ a literal underscore.
func bstrUnmarshal(s string) (result string) {
	if !strings.Contains(s, "_x") {
		return s
	}
	matches, l, cursor := bstrExp.FindAllStringSubmatchIndex(s, -1), len(s), 0
	for _, match := range matches {
		result += s[cursor:match[0]]
		subStr := s[match[0]:match[1]]
		if subStr == "_x005F_" {
			cursor = match[1]
			result += "_"
			continue
		}
		if bstrExp.MatchString(subStr) {
			cursor = match[1]
			v, _ := strconv.Unquote(`"\u` + s[match[0]+2:match[1]-1] + `"`)
			result += v
		}
	}
	if cursor < l {
		result += s[cursor:]
	}
	return result
}

// strictToTransitional is excelize's namespaceStrictToTransitional, in a
// fixed order (longest first: excelize ranges over a map).
var strictToTransitional = [][2]string{
	{"http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"},
	{"http://purl.oclc.org/ooxml/officeDocument/relationships/extendedProperties", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties"},
	{"http://purl.oclc.org/ooxml/officeDocument/relationships/comments", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"},
	{"http://purl.oclc.org/ooxml/officeDocument/relationships/chart", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart"},
	{"http://purl.oclc.org/ooxml/officeDocument/relationships/image", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"},
	{"http://purl.oclc.org/ooxml/officeDocument/extendedProperties", "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"},
	{"http://purl.oclc.org/ooxml/officeDocument/relationships", "http://schemas.openxmlformats.org/officeDocument/2006/relationships"},
	{"http://purl.oclc.org/ooxml/officeDocument/docPropsVTypes", "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"},
	{"http://purl.oclc.org/ooxml/spreadsheetml/main", "http://schemas.openxmlformats.org/spreadsheetml/2006/main"},
	{"http://purl.oclc.org/ooxml/drawingml/main", "http://schemas.openxmlformats.org/drawingml/2006/main"},
}

// readSharedStrings decodes a shared string part as excelize does (an
// absent or empty part is an empty table). charset converts a part that
// declares another encoding, as excelize's decoder does.
func readSharedStrings(data []byte, charset func(string, io.Reader) (io.Reader, error)) *sharedStrings {
	if bytes.Contains(data, []byte("purl.oclc.org")) {
		for _, p := range strictToTransitional {
			data = bytes.ReplaceAll(data, []byte(p[0]), []byte(p[1]))
		}
	}
	var sst xlsxSSTType
	d := xml.NewDecoder(bytes.NewReader(data))
	d.CharsetReader = charset
	if err := d.Decode(&sst); err != nil && err != io.EOF {
		return &sharedStrings{err: err}
	}
	items := make([]string, len(sst.SI))
	for i, si := range sst.SI {
		items[i] = si.String()
	}
	return &sharedStrings{items: items}
}

// sharedStringsPart is the shared string part of a workbook: the target of
// the workbook's sharedStrings relationship, else xl/sharedStrings.xml (the
// one place excelize looks).
func sharedStringsPart(files map[string]*zip.File, rels []xmlRel) *zip.File {
	for _, r := range rels {
		if strings.HasSuffix(r.Type, "/sharedStrings") {
			if f := files[strings.ToLower(relTarget(r.Target))]; f != nil {
				return f
			}
		}
	}
	return files["xl/sharedstrings.xml"]
}

type xmlRel struct {
	ID     string `xml:"Id,attr"`
	Type   string `xml:"Type,attr"`
	Target string `xml:"Target,attr"`
}

// relTarget is a workbook relationship's target as a part name.
func relTarget(t string) string {
	if strings.HasPrefix(t, "/") {
		return strings.TrimPrefix(t, "/")
	}
	return path.Join("xl", t)
}
