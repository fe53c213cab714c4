package payslip

import (
	"bytes"
	"fmt"
	"math"
	"regexp"
	"sort"
	"strconv"
)

// watermarkText is stamped on every page of a proof.
const watermarkText = "CONCEPT"

// Helvetica-Bold widths (1/1000 em) of the letters of "CONCEPT" and its cap
// height, from the standard 14 fonts' AFM.
var helveticaBoldWidths = map[rune]float64{'C': 722, 'O': 778, 'N': 722, 'E': 667, 'P': 667, 'T': 611}

const helveticaBoldCapHeight = 718.0

// watermark stamps a diagonal, outlined "CONCEPT" over every page of a PDF
// written by gofpdf, as an incremental update: the original bytes stay as
// they are, and new objects follow them (the font, a stream that saves the
// graphics state before the page's own content and one that restores it and
// draws the text, the pages with those streams added to their contents, and
// the resources with the font). maroto cannot draw rotated text, and
// rewriting the PDF with a PDF library would cost more than the page itself.
func watermark(pdf []byte) ([]byte, error) {
	x, err := readXref(pdf)
	if err != nil {
		return nil, fmt.Errorf("watermerk: %w", err)
	}
	catalog, err := x.object(pdf, x.root)
	if err != nil {
		return nil, fmt.Errorf("watermerk: %w", err)
	}
	pagesRef := refAfter(catalog, "/Pages")
	if pagesRef < 0 {
		return nil, fmt.Errorf("watermerk: catalogus zonder /Pages")
	}
	pages, err := x.object(pdf, pagesRef)
	if err != nil {
		return nil, fmt.Errorf("watermerk: %w", err)
	}
	kids := kidsRe.FindSubmatch(pages)
	if kids == nil {
		return nil, fmt.Errorf("watermerk: /Pages zonder /Kids")
	}
	var pageNums []int
	for _, m := range refRe.FindAllSubmatch(kids[1], -1) {
		n, _ := strconv.Atoi(string(m[1]))
		pageNums = append(pageNums, n)
	}
	if len(pageNums) == 0 {
		return nil, fmt.Errorf("watermerk: geen pagina's")
	}
	w, h := 595.28, 841.89 // A4 in points; the media box of the pages
	if mb := mediaBoxRe.FindSubmatch(pages); mb != nil {
		w, _ = strconv.ParseFloat(string(mb[1]), 64)
		h, _ = strconv.ParseFloat(string(mb[2]), 64)
	}

	next := x.size
	fontObj, preObj, postObj := next, next+1, next+2
	next += 3
	updated := map[int][]byte{}
	resources := map[int]bool{}
	for _, n := range pageNums {
		page, err := x.object(pdf, n)
		if err != nil {
			return nil, fmt.Errorf("watermerk: %w", err)
		}
		c := contentsRe.FindSubmatchIndex(page)
		if c == nil {
			return nil, fmt.Errorf("watermerk: pagina %d zonder /Contents", n)
		}
		r := refAfter(page, "/Resources")
		if r < 0 {
			return nil, fmt.Errorf("watermerk: pagina %d zonder verwijzing naar /Resources", n)
		}
		resources[r] = true
		var np bytes.Buffer
		np.Write(page[:c[0]])
		fmt.Fprintf(&np, "/Contents [%d 0 R %s 0 R %d 0 R]", preObj, page[c[4]:c[5]], postObj)
		np.Write(page[c[1]:])
		updated[n] = np.Bytes()
	}
	for r := range resources {
		res, err := x.object(pdf, r)
		if err != nil {
			return nil, fmt.Errorf("watermerk: %w", err)
		}
		entry := fmt.Sprintf("/FWM %d 0 R\n", fontObj)
		var nr []byte
		if i := bytes.Index(res, []byte("/Font <<")); i >= 0 {
			i += len("/Font <<")
			nr = append(append(append([]byte{}, res[:i]...), "\n"+entry...), res[i:]...)
		} else if i := bytes.Index(res, []byte("<<")); i >= 0 {
			i += 2
			nr = append(append(append([]byte{}, res[:i]...), "\n/Font <<"+entry+">>\n"...), res[i:]...)
		} else {
			return nil, fmt.Errorf("watermerk: /Resources %d is geen woordenboek", r)
		}
		updated[r] = nr
	}
	updated[fontObj] = []byte("<</Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding>>")
	updated[preObj] = stream([]byte("q\n"))
	updated[postObj] = stream(stampContent(w, h))

	out := bytes.NewBuffer(make([]byte, 0, len(pdf)+2048))
	out.Write(pdf)
	if !bytes.HasSuffix(pdf, []byte("\n")) {
		out.WriteByte('\n')
	}
	nums := make([]int, 0, len(updated))
	for n := range updated {
		nums = append(nums, n)
	}
	sort.Ints(nums)
	offsets := make(map[int]int, len(nums))
	for _, n := range nums {
		offsets[n] = out.Len()
		fmt.Fprintf(out, "%d 0 obj\n", n)
		out.Write(updated[n])
		out.WriteString("\nendobj\n")
	}
	xrefAt := out.Len()
	out.WriteString("xref\n")
	for _, n := range nums {
		fmt.Fprintf(out, "%d 1\n%010d 00000 n \n", n, offsets[n])
	}
	fmt.Fprintf(out, "trailer\n<<\n/Size %d\n/Root %d 0 R\n", next, x.root)
	if x.info > 0 {
		fmt.Fprintf(out, "/Info %d 0 R\n", x.info)
	}
	fmt.Fprintf(out, "/Prev %d\n>>\nstartxref\n%d\n%%%%EOF\n", x.at, xrefAt)
	return out.Bytes(), nil
}

// stampContent draws the watermark across the page's diagonal, centred,
// after restoring the graphics state the page's own content left behind.
func stampContent(w, h float64) []byte {
	const size = 120.0
	width := 0.0
	for _, r := range watermarkText {
		width += helveticaBoldWidths[r]
	}
	width *= size / 1000
	capH := helveticaBoldCapHeight * size / 1000
	a := math.Atan2(h, w)
	cos, sin := math.Cos(a), math.Sin(a)
	// Start of the baseline so that the text's centre is the page's centre.
	x := w/2 - width/2*cos + capH/2*sin
	y := h/2 - width/2*sin - capH/2*cos
	return []byte(fmt.Sprintf("Q\nq\n0.85 0.20 0.20 RG\n1.3 w\n1 j\nBT\n/FWM %.0f Tf\n1 Tr\n%.4f %.4f %.4f %.4f %.2f %.2f Tm\n(%s) Tj\nET\nQ\n",
		size, cos, sin, -sin, cos, x, y, watermarkText))
}

func stream(data []byte) []byte {
	return []byte(fmt.Sprintf("<</Length %d>>\nstream\n%s\nendstream", len(data), data))
}

var (
	startxrefRe = regexp.MustCompile(`startxref\s+(\d+)\s+%%EOF\s*$`)
	sizeRe      = regexp.MustCompile(`/Size\s+(\d+)`)
	refRe       = regexp.MustCompile(`(\d+)\s+0\s+R`)
	kidsRe      = regexp.MustCompile(`/Kids\s*\[([^\]]*)\]`)
	contentsRe  = regexp.MustCompile(`/Contents\s+((\d+)\s+0\s+R)`)
	mediaBoxRe  = regexp.MustCompile(`/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]`)
)

// xref is the cross-reference table of a PDF with one classic table and one
// subsection, as gofpdf writes it.
type xref struct {
	at      int   // offset of "xref"
	offsets []int // by object number
	size    int
	root    int
	info    int
}

func readXref(pdf []byte) (*xref, error) {
	tail := pdf[max(0, len(pdf)-64):]
	m := startxrefRe.FindSubmatch(tail)
	if m == nil {
		return nil, fmt.Errorf("geen startxref")
	}
	at, _ := strconv.Atoi(string(m[1]))
	if at <= 0 || at >= len(pdf) || !bytes.HasPrefix(pdf[at:], []byte("xref\n")) {
		return nil, fmt.Errorf("geen xref-tabel op %d", at)
	}
	p := at + len("xref\n")
	nl := bytes.IndexByte(pdf[p:], '\n')
	if nl < 0 {
		return nil, fmt.Errorf("xref afgebroken")
	}
	var first, count int
	if _, err := fmt.Sscanf(string(pdf[p:p+nl]), "%d %d", &first, &count); err != nil || first != 0 {
		return nil, fmt.Errorf("xref-onderdeel %q niet ondersteund", pdf[p:p+nl])
	}
	p += nl + 1
	x := &xref{at: at, offsets: make([]int, count)}
	for i := 0; i < count; i++ {
		if p+20 > len(pdf) {
			return nil, fmt.Errorf("xref afgebroken")
		}
		e := pdf[p : p+20]
		if e[17] == 'n' {
			x.offsets[i], _ = strconv.Atoi(string(e[:10]))
		}
		p += 20
	}
	trailer := pdf[p:]
	if !bytes.HasPrefix(trailer, []byte("trailer")) {
		return nil, fmt.Errorf("meer dan één xref-onderdeel")
	}
	if m := sizeRe.FindSubmatch(trailer); m != nil {
		x.size, _ = strconv.Atoi(string(m[1]))
	}
	x.root = refAfter(trailer, "/Root")
	x.info = refAfter(trailer, "/Info")
	if x.size != count || x.root <= 0 {
		return nil, fmt.Errorf("trailer onvolledig")
	}
	return x, nil
}

// object returns the body of object n, between "n 0 obj" and "endobj".
func (x *xref) object(pdf []byte, n int) ([]byte, error) {
	if n <= 0 || n >= len(x.offsets) || x.offsets[n] == 0 {
		return nil, fmt.Errorf("object %d onbekend", n)
	}
	o := pdf[x.offsets[n]:]
	head := fmt.Sprintf("%d 0 obj", n)
	if !bytes.HasPrefix(o, []byte(head)) {
		return nil, fmt.Errorf("object %d niet op zijn plaats", n)
	}
	o = o[len(head):]
	end := bytes.Index(o, []byte("endobj"))
	if end < 0 {
		return nil, fmt.Errorf("object %d zonder endobj", n)
	}
	return bytes.TrimSpace(o[:end]), nil
}

// refAfter returns the object number of the reference following name in a
// dictionary ("/Root 20 0 R"), or -1.
func refAfter(dict []byte, name string) int {
	i := bytes.Index(dict, []byte(name))
	if i < 0 {
		return -1
	}
	rest := dict[i+len(name):]
	m := refRe.FindSubmatchIndex(rest)
	if m == nil || len(bytes.TrimSpace(rest[:m[0]])) != 0 {
		return -1
	}
	n, _ := strconv.Atoi(string(rest[m[2]:m[3]]))
	return n
}
