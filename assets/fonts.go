package assets

import _ "embed"

// DejaVu Sans is the font of every PDF Verloner writes (payslips, invoices,
// checklists). A real UTF-8 TrueType font is needed because workers' names
// carry Polish, Lithuanian, Romanian and Turkish letters that the PDF core
// fonts (cp1252) cannot show, and it renders 3–4× faster in maroto than the
// core-font path. Licence: fonts/LICENSE-DejaVu.txt (Bitstream Vera licence;
// DejaVu changes public domain).
//
// The slices are shared; callers that hand them to a PDF library must pass a
// copy per document (bytes.Clone), because gofpdf mutates font state.
var (
	//go:embed fonts/DejaVuSans.ttf
	DejaVuSans []byte

	//go:embed fonts/DejaVuSans-Bold.ttf
	DejaVuSansBold []byte

	//go:embed fonts/LICENSE-DejaVu.txt
	DejaVuLicense string
)
