// Package contractpdf prints an employment contract (uitzendovereenkomst)
// version as an A4 PDF in the contract's language (nl, en, pl): the text as
// issued (contract.Contract.Body, with "## " article headings, "- " bullets
// and paragraphs), then a signature block for the agency and the worker.
// It prints what the register holds and renders nothing anew, so a reprint
// years later shows the text the worker signed.
//
// The page furniture (header, page numbers) is in the contract's language;
// exporters/pdf only knows Dutch and English page numbers, so this package
// sets up maroto itself with the same embedded DejaVu fonts (pdf.Fonts).
package contractpdf

import (
	"fmt"
	"strings"
	"time"

	"github.com/johnfercher/maroto/v2"
	"github.com/johnfercher/maroto/v2/pkg/components/col"
	"github.com/johnfercher/maroto/v2/pkg/components/line"
	"github.com/johnfercher/maroto/v2/pkg/components/row"
	"github.com/johnfercher/maroto/v2/pkg/components/signature"
	"github.com/johnfercher/maroto/v2/pkg/components/text"
	"github.com/johnfercher/maroto/v2/pkg/config"
	"github.com/johnfercher/maroto/v2/pkg/consts/align"
	"github.com/johnfercher/maroto/v2/pkg/consts/fontstyle"
	"github.com/johnfercher/maroto/v2/pkg/consts/pagesize"
	"github.com/johnfercher/maroto/v2/pkg/core"
	"github.com/johnfercher/maroto/v2/pkg/props"

	"verloner/domain"
	"verloner/domain/contract"
	"verloner/exporters/pdf"
)

// tr is a document text in Dutch, English and Polish (domain.Phrase).
type tr domain.Phrase

func (t tr) in(l domain.Language) string { return domain.Phrase(t).In(l) }

var (
	lTitle     = tr{"Uitzendovereenkomst", "Temporary employment contract", "Umowa o pracę tymczasową"}
	lSubtitle  = tr{"contract %d, versie %d – %s", "contract %d, version %d – %s", "umowa %d, wersja %d – %s"}
	lAgency    = tr{"Voor het uitzendbureau", "For the agency", "W imieniu agencji"}
	lWorker    = tr{"De uitzendkracht", "The worker", "Pracownik tymczasowy"}
	lNameDate  = tr{"Naam en datum", "Name and date", "Imię i nazwisko, data"}
	lSigned    = tr{"Getekend op %s (vastgelegd in het contractregister).", "Signed on %s (recorded in the contract register).", "Podpisano %s (zapisano w rejestrze umów)."}
	lPage      = tr{"Pagina {current} van {total}", "Page {current} of {total}", "Strona {current} z {total}"}
	lFooter    = tr{"%s · personeelsnummer %s · contract %d versie %d · gemaakt %s", "%s · personnel no. %s · contract %d version %d · created %s", "%s · nr pracownika %s · umowa %d wersja %d · utworzono %s"}
	lPrevails  = tr{"", "This is a translation of the contract terms; the agency keeps the Dutch version on file as well.", "Jest to tłumaczenie warunków umowy; agencja przechowuje również wersję niderlandzką."}
	lNotSigned = tr{"Nog niet getekend.", "Not signed yet.", "Jeszcze nie podpisano."}
)

// Document is what the PDF needs besides the contract: the parties' names
// for the header and the signature block.
type Document struct {
	Contract   *contract.Contract
	AgencyName string
	WorkerName string
	WorkerNo   string
	Created    time.Time // the PDF's creation date (zero: the version's CreatedAt)
}

// FileName is "contract-1003-1-v2.pdf".
func FileName(d Document) string {
	c := d.Contract
	return fmt.Sprintf("contract-%s-%d-v%d.pdf", safe(d.WorkerNo), c.Number, c.Version)
}

func safe(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r == '-' || r == '_' {
			return r
		}
		return '_'
	}, s)
}

const size = 9.5

// Render returns the PDF.
func Render(d Document) ([]byte, error) {
	c := d.Contract
	if c == nil || strings.TrimSpace(c.Body) == "" {
		return nil, domain.Errorf(domain.EINVALID, "Contract zonder tekst kan niet worden afgedrukt.")
	}
	l := c.Language
	fonts, err := pdf.Fonts()
	if err != nil {
		return nil, err
	}
	created := d.Created
	if created.IsZero() {
		created = c.CreatedAt
	}
	if created.IsZero() {
		created = time.Now()
	}
	title := lTitle.in(l)
	cfg := config.NewBuilder().
		WithPageSize(pagesize.A4).
		WithLeftMargin(20).WithTopMargin(14).WithRightMargin(20).WithBottomMargin(14).
		WithCustomFonts(fonts).
		WithDefaultFont(&props.Font{Family: pdf.Family, Size: size}).
		WithPageNumber(props.PageNumber{Pattern: lPage.in(l), Place: props.RightBottom, Family: pdf.Family, Size: 7}).
		WithTitle(title+" "+d.WorkerName, true).
		WithAuthor(d.AgencyName, true).
		WithCreator("Verloner", true).
		WithCreationDate(created).
		WithCompression(true).
		Build()
	m := maroto.New(cfg)
	sub := fmt.Sprintf(lSubtitle.in(l), c.Number, c.Version, c.Reason.Label(l))
	if err := m.RegisterHeader(
		row.New(6).Add(
			text.NewCol(6, d.AgencyName, props.Text{Family: pdf.Family, Style: fontstyle.Bold, Size: 10}),
			text.NewCol(6, title, props.Text{Family: pdf.Family, Style: fontstyle.Bold, Size: 10, Align: align.Right})),
		row.New(4).Add(col.New(6), text.NewCol(6, sub, props.Text{Family: pdf.Family, Size: 7.5, Align: align.Right})),
		line.NewRow(3, props.Line{Thickness: 0.3, Color: pdf.Grey}), row.New(2),
	); err != nil {
		return nil, fmt.Errorf("contract-pdf kop: %w", err)
	}
	foot := fmt.Sprintf(lFooter.in(l), d.WorkerName, d.WorkerNo, c.Number, c.Version, created.Format("02-01-2006"))
	if err := m.RegisterFooter(row.New(8).Add(text.NewCol(10, foot, props.Text{Family: pdf.Family, Size: 7, Top: 3}), col.New(2))); err != nil {
		return nil, fmt.Errorf("contract-pdf voet: %w", err)
	}
	m.AddRows(row.New(12).Add(text.NewCol(12, title, props.Text{Family: pdf.Family, Style: fontstyle.Bold, Size: 15, Align: align.Center, Top: 2})))
	if p := lPrevails.in(l); p != "" {
		m.AddAutoRow(text.NewCol(12, p, props.Text{Family: pdf.Family, Size: 7.5, Color: &props.Color{Red: 90, Green: 90, Blue: 90}, Align: align.Center, Bottom: 2}))
	}
	body(m, c.Body)
	signatures(m, d, l)
	doc, err := m.Generate()
	if err != nil {
		return nil, fmt.Errorf("contract-pdf %s: %w", d.WorkerNo, err)
	}
	return doc.GetBytes(), nil
}

// body lays out the text: "## " headings, "- " bullets, paragraphs of
// consecutive lines joined with a space. A heading goes in one row with
// the paragraph after it, so a page never ends on a lone heading.
func body(m core.Maroto, s string) {
	var para []string
	heading := ""
	headingProps := props.Text{Family: pdf.Family, Style: fontstyle.Bold, Size: size + 1, Top: 2, Bottom: 1}
	// The paragraph under a heading starts below it: top + line height + bottom.
	below := headingProps.Top + (size+1)*25.4/72 + headingProps.Bottom + 0.5
	emit := func(t string, bullet bool) {
		p := props.Text{Family: pdf.Family, Size: size, Bottom: 2}
		if bullet {
			p.Bottom = 1
		}
		var head []core.Component
		if heading != "" {
			head = []core.Component{text.New(heading, headingProps)}
			p.Top = below
			heading = ""
		}
		if bullet {
			dot := props.Text{Family: pdf.Family, Size: size, Align: align.Right, Right: 1.5, Top: p.Top}
			if len(head) > 0 {
				m.AddAutoRow(col.New(12).Add(head...))
				p.Top, dot.Top = 0, 0
			}
			m.AddAutoRow(text.NewCol(1, "•", dot), text.NewCol(11, glue(t), p))
			return
		}
		m.AddAutoRow(col.New(12).Add(append(head, text.New(glue(t), p))...))
	}
	flush := func() {
		if len(para) > 0 {
			emit(strings.Join(para, " "), false)
			para = nil
		}
	}
	for _, ln := range strings.Split(s, "\n") {
		t := strings.TrimSpace(ln)
		switch {
		case t == "":
			flush()
		case strings.HasPrefix(t, "## "):
			flush()
			if heading != "" {
				m.AddAutoRow(text.NewCol(12, heading, headingProps))
			}
			heading = strings.TrimPrefix(t, "## ")
		case strings.HasPrefix(t, "- "):
			flush()
			emit(strings.TrimPrefix(t, "- "), true)
		default:
			para = append(para, t)
		}
	}
	flush()
	if heading != "" {
		m.AddAutoRow(text.NewCol(12, heading, headingProps))
	}
}

// signatures adds the two signature fields and, when the register has it,
// the date the version was signed.
func signatures(m core.Maroto, d Document, l domain.Language) {
	lbl := props.Text{Family: pdf.Family, Style: fontstyle.Bold, Size: size}
	m.AddRows(row.New(6))
	m.AddAutoRow(text.NewCol(6, lAgency.in(l), lbl), text.NewCol(6, lWorker.in(l), lbl))
	m.AddAutoRow(text.NewCol(6, d.AgencyName, props.Text{Family: pdf.Family, Size: size}),
		text.NewCol(6, d.WorkerName, props.Text{Family: pdf.Family, Size: size}))
	sig := props.Signature{FontFamily: pdf.Family, FontSize: 7.5, LineThickness: 0.3, LineColor: &props.Color{Red: 90, Green: 90, Blue: 90}}
	m.AddRows(row.New(22).Add(signature.NewCol(5, lNameDate.in(l), sig), col.New(1), signature.NewCol(5, lNameDate.in(l), sig), col.New(1)))
	note := lNotSigned.in(l)
	if d.Contract.Signed() {
		note = fmt.Sprintf(lSigned.in(l), d.Contract.SignedOn.Format("02-01-2006"))
	}
	m.AddAutoRow(text.NewCol(12, note, props.Text{Family: pdf.Family, Size: 7.5, Top: 2, Color: &props.Color{Red: 90, Green: 90, Blue: 90}}))
}

// glue keeps "€ 16,10" on one line.
func glue(s string) string { return strings.ReplaceAll(s, "€ ", "€\u00a0") }
