package importers

import (
	"archive/zip"
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"
)

// Limits against files that would exhaust memory or time. Tests lower them.
var (
	// MaxFileSize is the largest file accepted (50 MB).
	MaxFileSize int64 = 50 << 20
	// MaxRows is the most rows one sheet or CSV may have.
	MaxRows = 1_000_000
	// MaxUnzipped is the most an XLSX may unpack to, summed over its parts.
	MaxUnzipped uint64 = 1 << 30
	// MaxRatio is the highest compression ratio accepted for a part over 10 MB.
	MaxRatio uint64 = 200
)

// Format is what a file turned out to be after sniffing its first bytes.
type Format string

// File formats the importers read.
const (
	FormatXLSX Format = "xlsx"
	FormatCSV  Format = "csv"
	FormatSETU Format = "setu"
	FormatXLS  Format = "xls"
)

// FileError is a file-level problem that stops reading (too big, .xls, zip bomb,
// unreadable). It carries a catalogued message so the CLI and GUI can show it in
// either language.
type FileError struct{ Msg Message }

// Error is the Dutch text with location, for logs and plain errors.
func (e *FileError) Error() string { return e.Msg.Text("nl") }

func fileErr(file, key string, args ...string) *FileError {
	m := newMessage(StatusError, key, args...)
	m.File = file
	return &FileError{Msg: m}
}

// Sniff decides the format from the content, not the name: a CSV renamed to
// .xls is read as CSV, a real .xls (OLE2, D0 CF 11 E0) is refused.
func Sniff(data []byte) Format {
	switch {
	case bytes.HasPrefix(data, []byte{0xD0, 0xCF, 0x11, 0xE0}):
		return FormatXLS
	case bytes.HasPrefix(data, []byte("PK\x03\x04")), bytes.HasPrefix(data, []byte("PK\x05\x06")):
		return FormatXLSX
	}
	head := bytes.TrimLeft(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")), " \t\r\n")
	if bytes.HasPrefix(head, []byte("<")) {
		return FormatSETU
	}
	return FormatCSV
}

// sheet is a stream of rows of one sheet (or the one "sheet" of a CSV).
type sheet interface {
	Next() bool
	Row() []string // cells; valid until the next call of Next
	RowNum() int   // 1-based row number in the sheet
	Err() error
	Close() error
}

// workbook is a readable file: its sheet names and a way to stream each.
type workbook struct {
	format   Format
	file     string
	sheets   []string
	raw      bool // cell values are raw XLSX values (numbers with '.', dates as serials)
	date1904 bool
	notes    []Message // file-level warnings (encoding guessed, …)
	open     func(name string) (sheet, error)
	rowCount map[string]int // highest row number per sheet, when known in advance
	close    func() error
}

func (w *workbook) Close() error {
	if w.close != nil {
		return w.close()
	}
	return nil
}

// openWorkbook checks the limits and opens data as XLSX or CSV. delim is the
// CSV delimiter (0: detect).
func openWorkbook(file string, data []byte, delim rune) (*workbook, error) {
	if int64(len(data)) > MaxFileSize {
		return nil, fileErr(file, "file.too_big", mb(uint64(len(data))), mb(uint64(MaxFileSize)))
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, fileErr(file, "file.empty")
	}
	switch Sniff(data) {
	case FormatXLS:
		return nil, fileErr(file, "file.xls")
	case FormatXLSX:
		return openXLSX(file, data)
	case FormatSETU:
		return nil, fileErr(file, "file.bad_csv", "XML; lees dit in als SETU-urenbriefje")
	}
	return openCSV(file, data, delim)
}

func mb(n uint64) string {
	return strconv.FormatFloat(float64(n)/(1<<20), 'f', 1, 64)
}

// ---------------------------------------------------------------- CSV

// DecodeText returns data as UTF-8: a UTF-8 BOM is dropped, valid UTF-8 is
// kept, anything else is read as Windows-1252 (Excel's "CSV" on Dutch Windows)
// and reported.
func DecodeText(data []byte) (string, bool) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if utf8.Valid(data) {
		return string(data), false
	}
	out, err := charmap.Windows1252.NewDecoder().Bytes(data)
	if err != nil {
		return strings.ToValidUTF8(string(data), "\ufffd"), true
	}
	return string(out), true
}

// DetectDelimiter picks ';', ',' or tab from the first lines, counting only
// outside quotes; the delimiter that splits the most lines alike wins, and ';'
// (Dutch Excel) wins a tie.
func DetectDelimiter(text string) rune {
	best, bestScore := ';', -1
	for _, d := range []rune{';', ',', '\t'} {
		counts := map[int]int{}
		lines := 0
		inQ := false
		n := 0
		for _, r := range text {
			switch {
			case r == '"':
				inQ = !inQ
			case r == d && !inQ:
				n++
			case r == '\n' && !inQ:
				if n > 0 {
					counts[n]++
				}
				n = 0
				lines++
			}
			if lines >= 20 {
				break
			}
		}
		if n > 0 {
			counts[n]++
		}
		score := 0
		for k, v := range counts {
			if s := v*100 + k; v > 0 && s > score {
				score = s
			}
		}
		if score > bestScore {
			best, bestScore = d, score
		}
	}
	return best
}

func openCSV(file string, data []byte, delim rune) (*workbook, error) {
	text, cp1252 := DecodeText(data)
	if delim == 0 {
		delim = DetectDelimiter(text)
	}
	wb := &workbook{format: FormatCSV, file: file, sheets: []string{""}}
	if cp1252 {
		m := newMessage(StatusWarning, "file.windows1252")
		m.File = file
		wb.notes = append(wb.notes, m)
	}
	wb.open = func(string) (sheet, error) {
		r := csv.NewReader(strings.NewReader(text))
		r.Comma = delim
		r.FieldsPerRecord = -1
		r.LazyQuotes = true
		r.ReuseRecord = true
		return &csvSheet{r: r, file: file}, nil
	}
	return wb, nil
}

type csvSheet struct {
	r    *csv.Reader
	file string
	row  []string
	n    int
	err  error
}

func (s *csvSheet) Next() bool {
	if s.err != nil {
		return false
	}
	rec, err := s.r.Read()
	if err == io.EOF {
		return false
	}
	if err != nil {
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			m := newMessage(StatusError, "file.bad_csv", pe.Err.Error())
			m.File, m.Row, m.Column = s.file, pe.Line, ColumnName(pe.Column-1)
			s.err = &FileError{Msg: m}
		} else {
			s.err = fileErr(s.file, "file.bad_csv", err.Error())
		}
		return false
	}
	line, _ := s.r.FieldPos(0)
	s.n = line
	if s.n > MaxRows {
		s.err = fileErr(s.file, "file.too_many_rows", strconv.Itoa(MaxRows))
		return false
	}
	s.row = rec
	return true
}

func (s *csvSheet) Row() []string { return s.row }
func (s *csvSheet) RowNum() int   { return s.n }
func (s *csvSheet) Err() error    { return s.err }
func (s *csvSheet) Close() error  { return nil }

// ---------------------------------------------------------------- XLSX

// mergeRange is a merged cell area, 0-based inclusive.
type mergeRange struct {
	ref                      string
	top, left, bottom, right int
}

// xlsxParts is what the pre-scan of the zip learnt before any row is read.
type xlsxParts struct {
	files     map[string]*zip.File // by lower-case name
	sst       *zip.File            // the shared string part, if any
	sheetPath map[string]string    // sheet name → zip part
	merges    map[string][]mergeRange
	maxRow    map[string]int
	noCache   map[string]map[[2]int]bool // formula cells without a cached result: {row, col}, 0-based
	timeCols  map[string]map[int]bool    // columns whose first cells are formatted as a time or duration
}

// checkZip refuses zip bombs from the central directory alone: the declared
// uncompressed sizes, summed and per part. (Go's zip reader refuses a part
// that inflates beyond its declared size, so the declaration is binding.)
func checkZip(file string, zr *zip.Reader) error {
	var total uint64
	for _, f := range zr.File {
		total += f.UncompressedSize64
		if total > MaxUnzipped {
			return fileErr(file, "file.zip_bomb", mb(total), f.Name, mb(MaxUnzipped))
		}
		if f.UncompressedSize64 > 10<<20 {
			c := f.CompressedSize64
			if c == 0 {
				c = 1
			}
			if r := f.UncompressedSize64 / c; r > MaxRatio {
				return fileErr(file, "file.zip_ratio", strconv.FormatUint(r, 10), f.Name)
			}
		}
	}
	return nil
}

type xmlSheetRef struct {
	Name string `xml:"name,attr"`
	RID  string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
}

// scanParts maps sheet names to parts and scans each sheet part for its last
// row number and its merged cells, with a byte search rather than an XML
// decode (mergeCells come after the rows; excelize's GetMergeCells would load
// the whole sheet into memory). unzipped, if not nil, returns a part's content
// when it is already in memory (excelize keeps the sheets it has unpacked), so
// that it is not inflated a second time.
func scanParts(zr *zip.Reader, unzipped func(name string) []byte) (*xlsxParts, error) {
	files := map[string]*zip.File{}
	for _, f := range zr.File {
		files[strings.ToLower(f.Name)] = f
	}
	read := func(name string, limit int64) ([]byte, error) {
		f := files[strings.ToLower(name)]
		if f == nil {
			return nil, fmt.Errorf("onderdeel %s ontbreekt", name)
		}
		rc, err := f.Open()
		if err != nil {
			return nil, err
		}
		defer rc.Close()
		return io.ReadAll(io.LimitReader(rc, limit))
	}
	wbXML, err := read("xl/workbook.xml", 16<<20)
	if err != nil {
		return nil, err
	}
	var wb struct {
		Sheets []xmlSheetRef `xml:"sheets>sheet"`
	}
	if err := xml.Unmarshal(wbXML, &wb); err != nil {
		return nil, fmt.Errorf("workbook.xml: %w", err)
	}
	relsXML, err := read("xl/_rels/workbook.xml.rels", 16<<20)
	if err != nil {
		return nil, err
	}
	var rels struct {
		Rel []xmlRel `xml:"Relationship"`
	}
	if err := xml.Unmarshal(relsXML, &rels); err != nil {
		return nil, fmt.Errorf("workbook.xml.rels: %w", err)
	}
	target := map[string]string{}
	for _, r := range rels.Rel {
		target[r.ID] = relTarget(r.Target)
	}
	p := &xlsxParts{files: files, sst: sharedStringsPart(files, rels.Rel), sheetPath: map[string]string{},
		merges: map[string][]mergeRange{}, maxRow: map[string]int{},
		noCache: map[string]map[[2]int]bool{}, timeCols: map[string]map[int]bool{}}
	timeXfs := timeStyles(func() []byte { b, _ := read("xl/styles.xml", 16<<20); return b }())
	for _, s := range wb.Sheets {
		part := target[s.RID]
		p.sheetPath[s.Name] = part
		f := files[strings.ToLower(part)]
		if f == nil {
			continue
		}
		var data []byte
		if unzipped != nil {
			data = unzipped(f.Name)
		}
		maxRow, merges, noCache, err := scanSheetPart(f, data)
		if err != nil {
			return nil, err
		}
		p.maxRow[s.Name], p.merges[s.Name], p.noCache[s.Name] = maxRow, merges, noCache
		if len(timeXfs) > 0 {
			p.timeCols[s.Name] = sampleTimeColumns(f, data, timeXfs)
		}
	}
	return p, nil
}

// scanSheetPart finds the last <row r="N"> of one worksheet part, every
// <mergeCell ref="A1:B2"/>, and formula cells saved without a cached result
// (<f>…</f></c>: excelize reads those as empty, which would silently drop
// hours). It reads data, the part's content, if it is in memory already, and
// else streams the part from the zip.
func scanSheetPart(f *zip.File, data []byte) (int, []mergeRange, map[[2]int]bool, error) {
	var (
		maxRow  int
		rowSeen int
		merges  []mergeRange
		rowTag  = []byte("<row ")
		rowTag2 = []byte("<x:row ")
		mTag    = []byte("<mergeCell ")
		fEnd    = []byte("</f></c>")
		fEnd2   = []byte("/></c>")
		noCache map[[2]int]bool
	)
	// formulaCell records the cell whose formula ends at pos in b.
	formulaCell := func(b []byte, pos int) {
		c := bytes.LastIndex(b[:pos], []byte("<c "))
		if c < 0 || len(noCache) >= 10000 {
			return
		}
		if bytes.Contains(b[c:pos], []byte("<v")) {
			return
		}
		tag := b[c:]
		if e := bytes.IndexByte(tag, '>'); e > 0 {
			tag = tag[:e]
		}
		if ref, ok := attr(tag, "r"); ok {
			if col, row, err := excelize.CellNameToCoordinates(ref); err == nil {
				if noCache == nil {
					noCache = map[[2]int]bool{}
				}
				noCache[[2]int{row - 1, col - 1}] = true
			}
		}
	}
	// handle scans b for row and mergeCell tags and returns the bytes
	// consumed. Each pattern's next hit is cached, so every byte is searched
	// once per pattern (a fresh search from the cursor for an absent pattern
	// would make the scan quadratic).
	handle := func(b []byte, final bool) int {
		consumed := 0
		next := func(pat []byte, rare int, cache *int) int {
			if *cache == -2 || (*cache >= 0 && *cache < consumed) {
				if i := indexVia(b[consumed:], pat, rare); i >= 0 {
					*cache = consumed + i
				} else {
					*cache = -1
				}
			}
			return *cache
		}
		r1, r2, mc := -2, -2, -2
		// Formula cells without a value are rare: find them all in one go,
		// and only look for them in a part with formulas at all.
		hasF := false
		for i := 0; !hasF; {
			j := bytes.IndexByte(b[i:], 'f')
			if j < 0 {
				break
			}
			k := i + j
			hasF = k > 0 && (b[k-1] == '<' || b[k-1] == '/')
			i = k + 1
		}
		for i := 0; hasF; {
			j := bytes.Index(b[i:], fEnd)
			if j < 0 {
				break
			}
			formulaCell(b, i+j)
			i += j + len(fEnd)
		}
		for i := 0; hasF; {
			j := bytes.Index(b[i:], fEnd2)
			if j < 0 {
				break
			}
			if k := bytes.LastIndexByte(b[:i+j], '<'); k >= 0 && bytes.HasPrefix(b[k:], []byte("<f")) {
				formulaCell(b, k)
			}
			i += j + len(fEnd2)
		}
		for {
			i, tagLen := next(rowTag, 3, &r1), len(rowTag) // 'w' of "<row "
			if j := next(rowTag2, 1, &r2); j >= 0 && (i < 0 || j < i) {
				i, tagLen = j, len(rowTag2)
			}
			k := next(mTag, 1, &mc)
			if i < 0 && k < 0 {
				break
			}
			isRow := i >= 0 && (k < 0 || i < k)
			start := k
			if isRow {
				start = i
			}
			end := bytes.IndexByte(b[start:], '>')
			if end < 0 {
				if final {
					return len(b)
				}
				return start
			}
			tag := b[start : start+end]
			if isRow {
				rowSeen++
				if n, found, ok := rowNumber(tag[tagLen-1:]); found {
					if ok && n > maxRow {
						maxRow = n
					}
				} else if rowSeen > maxRow {
					maxRow = rowSeen
				}
			} else if ref, ok := attr(tag, "ref"); ok {
				if m, ok := parseRange(ref); ok && len(merges) < 100000 {
					merges = append(merges, m)
				}
			}
			consumed = start + end + 1
		}
		// Keep a tail that may hold the start of a split tag or cell.
		if final {
			return len(b)
		}
		if len(b)-consumed > 1024 {
			return len(b) - 1024
		}
		return consumed
	}
	if data != nil {
		handle(data, true)
		return maxRow, merges, noCache, nil
	}
	rc, err := f.Open()
	if err != nil {
		return 0, nil, nil, err
	}
	defer rc.Close()
	br := bufio.NewReaderSize(rc, 256<<10)
	buf, chunk := make([]byte, 0, 512<<10), make([]byte, 256<<10)
	for {
		n, err := br.Read(chunk)
		buf = append(buf, chunk[:n]...)
		final := err == io.EOF
		if err != nil && err != io.EOF {
			return 0, nil, nil, err
		}
		used := handle(buf, final)
		buf = append(buf[:0], buf[used:]...)
		if final {
			break
		}
		if len(buf) > 4<<20 { // a single tag this long is not a spreadsheet
			return 0, nil, nil, fmt.Errorf("onleesbaar werkblad")
		}
	}
	return maxRow, merges, noCache, nil
}

// timeStyles returns the cell-format (xf) indexes of styles.xml whose number
// format shows a time or duration without a date (h:mm, [h]:mm:ss): such a
// cell holds a fraction of a day, so 7:30 is stored as 0.3125.
func timeStyles(stylesXML []byte) map[int]bool {
	if len(stylesXML) == 0 {
		return nil
	}
	var st struct {
		NumFmts []struct {
			ID   int    `xml:"numFmtId,attr"`
			Code string `xml:"formatCode,attr"`
		} `xml:"numFmts>numFmt"`
		Xfs []struct {
			NumFmt int `xml:"numFmtId,attr"`
		} `xml:"cellXfs>xf"`
	}
	if err := xml.Unmarshal(stylesXML, &st); err != nil {
		return nil
	}
	isTime := map[int]bool{18: true, 19: true, 20: true, 21: true, 45: true, 46: true, 47: true}
	for _, f := range st.NumFmts {
		if isTimeFormat(f.Code) {
			isTime[f.ID] = true
		} else {
			delete(isTime, f.ID)
		}
	}
	out := map[int]bool{}
	for i, xf := range st.Xfs {
		if isTime[xf.NumFmt] {
			out[i] = true
		}
	}
	return out
}

// isTimeFormat tells a time-only number format ("[h]:mm", "hh:mm:ss") from a
// date or date-time one, ignoring quoted text and [colour] sections.
func isTimeFormat(code string) bool {
	var b strings.Builder
	inQ := false
	for i := 0; i < len(code); i++ {
		c := code[i]
		switch {
		case c == '"':
			inQ = !inQ
		case inQ:
		case c == '\\':
			i++
		default:
			b.WriteByte(c)
		}
	}
	f := strings.ToLower(b.String())
	f = strings.ReplaceAll(f, "[h]", "h")
	f = strings.ReplaceAll(f, "[hh]", "h")
	f = strings.ReplaceAll(f, "[m]", "m")
	if strings.Contains(f, "[") { // colours and locales: drop them
		var c strings.Builder
		depth := 0
		for _, r := range f {
			switch {
			case r == '[':
				depth++
			case r == ']' && depth > 0:
				depth--
			case depth == 0:
				c.WriteRune(r)
			}
		}
		f = c.String()
	}
	return strings.Contains(f, "h") && !strings.ContainsAny(f, "dy")
}

// sampleTimeColumns reads the first part of a sheet and returns the columns
// whose numeric cells there are mostly time-formatted.
func sampleTimeColumns(f *zip.File, data []byte, timeXfs map[int]bool) map[int]bool {
	head := data[:min(len(data), 256<<10)]
	if data == nil {
		rc, err := f.Open()
		if err != nil {
			return nil
		}
		defer rc.Close()
		head, _ = io.ReadAll(io.LimitReader(rc, 256<<10))
	}
	timed, total := map[int]int{}, map[int]int{}
	for i := 0; ; {
		j := bytes.Index(head[i:], []byte("<c "))
		if j < 0 {
			break
		}
		start := i + j
		end := bytes.IndexByte(head[start:], '>')
		if end < 0 {
			break
		}
		tag := head[start : start+end]
		i = start + end
		ref, ok := attr(tag, "r")
		if !ok {
			continue
		}
		col, _, err := excelize.CellNameToCoordinates(ref)
		if err != nil {
			continue
		}
		if t, ok := attr(tag, "t"); ok && t != "n" {
			continue // text cells say nothing about the column's numbers
		}
		total[col-1]++
		if sv, ok := attr(tag, "s"); ok {
			if n, err := strconv.Atoi(sv); err == nil && timeXfs[n] {
				timed[col-1]++
			}
		}
	}
	out := map[int]bool{}
	for c, n := range timed {
		if n*2 > total[c] {
			out[c] = true
		}
	}
	return out
}

// attr extracts name="value" from the inside of a tag.
func attr(tag []byte, name string) (string, bool) {
	key := []byte(" " + name + "=\"")
	i := bytes.Index(tag, key)
	if i < 0 {
		return "", false
	}
	rest := tag[i+len(key):]
	j := bytes.IndexByte(rest, '"')
	if j < 0 {
		return "", false
	}
	return string(rest[:j]), true
}

// indexVia is bytes.Index(b, pat), found through pat[rare], a byte that is
// rare in sheet XML, where bytes.Index would stop at every '<'.
func indexVia(b, pat []byte, rare int) int {
	c := pat[rare]
	for i := rare; i < len(b); {
		j := bytes.IndexByte(b[i:], c)
		if j < 0 {
			return -1
		}
		if k := i + j - rare; k+len(pat) <= len(b) && bytes.Equal(b[k:k+len(pat)], pat) {
			return k
		}
		i += j + 1
	}
	return -1
}

// rowNumber reads the r="N" of a row tag as attr and strconv.Atoi would —
// found: the tag has an r attribute, ok: it is a number — without their
// allocations: a sheet has a row tag per row.
func rowNumber(tag []byte) (n int, found, ok bool) {
	i := bytes.Index(tag, []byte(` r="`))
	if i < 0 {
		return 0, false, false
	}
	rest := tag[i+4:]
	j := bytes.IndexByte(rest, '"')
	if j < 0 {
		return 0, false, false
	}
	v := rest[:j]
	if len(v) == 0 || len(v) > 18 {
		n, err := strconv.Atoi(string(v))
		return n, true, err == nil
	}
	for _, c := range v {
		if c < '0' || c > '9' {
			n, err := strconv.Atoi(string(v))
			return n, true, err == nil
		}
		n = n*10 + int(c-'0')
	}
	return n, true, true
}

func parseRange(ref string) (mergeRange, bool) {
	a, b, ok := strings.Cut(ref, ":")
	if !ok {
		return mergeRange{}, false
	}
	c1, r1, err1 := excelize.CellNameToCoordinates(a)
	c2, r2, err2 := excelize.CellNameToCoordinates(b)
	if err1 != nil || err2 != nil || c2 < c1 || r2 < r1 || c2-c1 > 1000 {
		return mergeRange{}, false
	}
	return mergeRange{ref: ref, top: r1 - 1, left: c1 - 1, bottom: r2 - 1, right: c2 - 1}, true
}

func openXLSX(file string, data []byte) (*workbook, error) { return openXLSXRows(file, data, false) }

// openXLSXRows opens an XLSX file whose sheets are read with our own reader
// (fastRows) or, reference, with excelize's Rows as before: the tests compare
// the two.
func openXLSXRows(file string, data []byte, reference bool) (wb *workbook, err error) {
	defer func() {
		if r := recover(); r != nil {
			wb, err = nil, fileErr(file, "file.bad_xlsx", fmt.Sprint(r))
		}
	}()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fileErr(file, "file.bad_xlsx", err.Error())
	}
	if err := checkZip(file, zr); err != nil {
		return nil, err
	}
	// excelize unpacks the parts first (within the limits checkZip checked),
	// so that the pre-scan reads the sheets it keeps in memory instead of
	// inflating them again. No row is read before the pre-scan's checks.
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{RawCellValue: true, UnzipSizeLimit: int64(MaxUnzipped)})
	if err != nil {
		return nil, fileErr(file, "file.bad_xlsx", err.Error())
	}
	unzipped := func(name string) []byte {
		if v, ok := f.Pkg.Load(strings.ReplaceAll(name, "\\", "/")); ok {
			if b, ok := v.([]byte); ok && len(b) > 0 {
				return b
			}
		}
		return nil
	}
	parts, err := scanParts(zr, unzipped)
	if err != nil {
		f.Close()
		return nil, fileErr(file, "file.bad_xlsx", err.Error())
	}
	for name, n := range parts.maxRow {
		if n > MaxRows {
			f.Close()
			m := newMessage(StatusError, "file.too_many_rows", strconv.Itoa(MaxRows))
			m.File, m.Sheet = file, name
			return nil, &FileError{Msg: m}
		}
	}
	wb = &workbook{format: FormatXLSX, file: file, sheets: f.GetSheetList(), raw: true, rowCount: parts.maxRow, close: f.Close}
	if props, err := f.GetWorkbookProps(); err == nil && props.Date1904 != nil {
		wb.date1904 = *props.Date1904
	}
	var sst *sharedStrings // read when the first sheet is opened
	wb.open = func(name string) (s sheet, err error) {
		defer func() {
			if r := recover(); r != nil {
				s, err = nil, fileErr(file, "file.bad_xlsx", fmt.Sprint(r))
			}
		}()
		// excelize's Rows checks the name and finds the part, as before;
		// its reader is kept as the fallback (and the reference in tests).
		rows, err := f.Rows(name)
		if err != nil {
			return nil, fileErr(file, "file.bad_xlsx", err.Error())
		}
		var src rowSource = excelizeRows{rows}
		if !reference {
			if sst == nil {
				sst = parts.sharedStrings(unzipped, f.CharsetReader)
			}
			if fr, err := parts.fastRows(name, unzipped, sst); err != nil {
				rows.Close()
				return nil, fileErr(file, "file.bad_xlsx", err.Error())
			} else if fr != nil {
				fr.fallbackOpen = func() (rowSource, error) { return excelizeRows{rows}, nil }
				closePart := fr.close
				fr.close = func() error {
					if closePart != nil {
						closePart()
					}
					return rows.Close()
				}
				src = fr
			}
		}
		ms := append([]mergeRange(nil), parts.merges[name]...)
		sort.Slice(ms, func(i, j int) bool { return ms[i].top < ms[j].top })
		return &xlsxSheet{rows: src, file: file, name: name, merges: ms, topVal: map[int]string{}, noCache: parts.noCache[name],
			timeCols: parts.timeCols[name]}, nil
	}
	return wb, nil
}

// sharedStrings reads the shared string table (excelize's copy of the part
// when it has one in memory).
func (p *xlsxParts) sharedStrings(unzipped func(string) []byte, charset func(string, io.Reader) (io.Reader, error)) *sharedStrings {
	if p.sst == nil {
		return &sharedStrings{}
	}
	data := unzipped(p.sst.Name)
	if data == nil {
		rc, err := p.sst.Open()
		if err != nil {
			return &sharedStrings{err: err}
		}
		defer rc.Close()
		if data, err = io.ReadAll(io.LimitReader(rc, int64(MaxUnzipped))); err != nil {
			return &sharedStrings{err: err}
		}
	}
	return readSharedStrings(data, charset)
}

// fastRows opens our own reader of a sheet's part: from excelize's copy in
// memory, or streamed from the zip for a part excelize keeps on disk. It
// returns nil (read with excelize) when the part is not found here.
func (p *xlsxParts) fastRows(name string, unzipped func(string) []byte, sst *sharedStrings) (*fastRows, error) {
	zf := p.files[strings.ToLower(p.sheetPath[name])]
	if zf == nil {
		return nil, nil
	}
	if data := unzipped(zf.Name); data != nil {
		return newFastRows(data, nil, sst), nil
	}
	rc, err := zf.Open()
	if err != nil {
		return nil, err
	}
	fr := newFastRows(nil, rc, sst)
	fr.close = rc.Close
	return fr, nil
}

type xlsxSheet struct {
	rows   rowSource
	file   string
	name   string
	n      int
	row    []string
	err    error
	merges []mergeRange
	topVal map[int]string // merge index → value of its top-left cell
	active []int          // merge indexes that cover the current or later rows
	next   int            // next merge (by top) not yet active

	noCache  map[[2]int]bool
	timeCols map[int]bool

	// The XML reading runs in a goroutine of its own (read), a batch of rows
	// ahead of the caller, so that decoding the sheet and working on its
	// rows overlap.
	batches  chan rowBatch
	stop     chan struct{} // closed by Close: the reader stops
	done     chan struct{} // closed by the reader when it has stopped
	cur      [][]string    // the batch being handed out
	idx      int
	batchErr error // what ends the sheet after cur
	closed   bool
}

// rowBatch is a run of rows read by xlsxSheet.read, and the error (if any)
// that came after them.
type rowBatch struct {
	rows [][]string
	err  error
}

// timeColumn reports whether a column holds time-formatted numbers (a
// quantity of 7:30 stored as 0.3125 of a day).
func (s *xlsxSheet) timeColumn(col int) bool { return s.timeCols[col] }

// emptyFormula reports whether the cell (1-based row, 0-based column) is a
// formula saved without its result.
func (s *xlsxSheet) emptyFormula(row, col int) bool { return s.noCache[[2]int{row - 1, col}] }

// read decodes the rows and hands them to Next in batches, until the sheet
// ends, an error (a panic in the reader included) or Close.
// Every row before an error is handed out first, as when reading in step.
func (s *xlsxSheet) read() {
	defer close(s.done)
	defer close(s.batches)
	const first, size = 32, 256 // a small first batch: the header search needs only a few rows
	b := make([][]string, 0, first)
	send := func(bt rowBatch) bool {
		select {
		case s.batches <- bt:
			return true
		case <-s.stop:
			return false
		}
	}
	defer func() {
		if r := recover(); r != nil {
			send(rowBatch{b, fileErr(s.file, "file.bad_xlsx", fmt.Sprint(r))})
		}
	}()
	n := 0
	for s.rows.Next() {
		select {
		case <-s.stop:
			return
		default:
		}
		if n++; n > MaxRows {
			send(rowBatch{b, s.sheetErr("file.too_many_rows", strconv.Itoa(MaxRows))})
			return
		}
		cols, err := s.rows.Columns()
		if err != nil {
			send(rowBatch{b, s.sheetErr("file.bad_xlsx", err.Error())})
			return
		}
		if b = append(b, cols); len(b) == cap(b) {
			if !send(rowBatch{b, nil}) {
				return
			}
			b = make([][]string, 0, size)
		}
	}
	var err error
	if e := s.rows.Error(); e != nil {
		err = s.sheetErr("file.bad_xlsx", e.Error())
	}
	if len(b) > 0 || err != nil {
		send(rowBatch{b, err})
	}
}

// sheetErr is a file error located at this sheet.
func (s *xlsxSheet) sheetErr(key string, args ...string) *FileError {
	fe := fileErr(s.file, key, args...)
	fe.Msg.Sheet = s.name
	return fe
}

func (s *xlsxSheet) Next() (ok bool) {
	defer func() {
		if r := recover(); r != nil {
			s.err, ok = fileErr(s.file, "file.bad_xlsx", fmt.Sprint(r)), false
		}
	}()
	if s.err != nil || s.closed {
		return false
	}
	if s.batches == nil {
		s.batches, s.stop, s.done = make(chan rowBatch, 4), make(chan struct{}), make(chan struct{})
		go s.read()
	}
	for s.idx >= len(s.cur) {
		if s.batchErr != nil {
			s.err = s.batchErr
			return false
		}
		bt, ok := <-s.batches
		if !ok {
			return false
		}
		s.cur, s.idx, s.batchErr = bt.rows, 0, bt.err
	}
	s.row = s.cur[s.idx]
	s.cur[s.idx] = nil
	s.idx++
	s.n++
	if len(s.merges) > 0 {
		s.fillMerged()
	}
	return true
}

// fillMerged copies the value of a merged area's top-left cell into the other
// cells of the area, so that a worker name merged over three hour-type rows
// belongs to each of them.
func (s *xlsxSheet) fillMerged() {
	r := s.n - 1
	for s.next < len(s.merges) && s.merges[s.next].top <= r {
		s.active = append(s.active, s.next)
		s.next++
	}
	keep := s.active[:0]
	for _, i := range s.active {
		m := s.merges[i]
		if m.bottom < r {
			delete(s.topVal, i)
			continue
		}
		keep = append(keep, i)
		if m.top == r {
			if m.left < len(s.row) {
				s.topVal[i] = s.row[m.left]
			}
		}
		v := s.topVal[i]
		if v == "" {
			continue
		}
		for len(s.row) <= m.right {
			s.row = append(s.row, "")
		}
		for c := m.left; c <= m.right; c++ {
			if s.row[c] == "" {
				s.row[c] = v
			}
		}
	}
	s.active = keep
}

func (s *xlsxSheet) Row() []string { return s.row }
func (s *xlsxSheet) RowNum() int   { return s.n }
func (s *xlsxSheet) Err() error    { return s.err }

// Close stops the reader (waiting for it: the rows are not shared between
// goroutines) and closes the rows.
func (s *xlsxSheet) Close() error {
	if s.closed {
		return nil
	}
	s.closed = true
	if s.batches != nil {
		close(s.stop)
		<-s.done
	}
	return s.rows.Close()
}

// ScanXLSX is the bare excelize row scan the import is measured against, as
// issue #4 defines it: it opens data with excelize and reads every row of
// every sheet with excelize's Rows and raw values, doing nothing with them.
// It returns the number of cells seen. The import itself no longer reads the
// rows with excelize (it opens the file with excelize, then reads the sheet
// XML with fastRows, several times faster), so the ratio compares our whole
// import with excelize's bare reading, not reader with reader.
func ScanXLSX(ctx context.Context, data []byte) (int, error) {
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{RawCellValue: true, UnzipSizeLimit: int64(MaxUnzipped)})
	if err != nil {
		return 0, err
	}
	defer f.Close()
	cells := 0
	for _, name := range f.GetSheetList() {
		rows, err := f.Rows(name)
		if err != nil {
			return cells, err
		}
		for rows.Next() {
			cols, err := rows.Columns(excelize.Options{RawCellValue: true})
			if err != nil {
				rows.Close()
				return cells, err
			}
			cells += len(cols)
		}
		rows.Close()
	}
	return cells, ctx.Err()
}
