package margins

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"

	"verloner/domain/margin"
	export "verloner/exporters/margin"
)

// Files are the paths WriteFiles wrote; Settlement is empty without a
// backoffice fee.
type Files struct {
	OverviewXLSX string `json:"overview_xlsx"`
	OverviewPDF  string `json:"overview_pdf"`
	ReportXLSX   string `json:"report_xlsx"`
	ReportPDF    string `json:"report_pdf"`
	Settlement   string `json:"settlement_pdf,omitempty"`
}

// All lists the paths written, in the order written.
func (f *Files) All() []string {
	out := []string{f.OverviewXLSX, f.OverviewPDF, f.ReportXLSX, f.ReportPDF}
	if f.Settlement != "" {
		out = append(out, f.Settlement)
	}
	return out
}

// WriteFiles writes the margin overview (marge-2026-W47.xlsx and .pdf), the
// management report (managementrapportage-2026-W47.xlsx and .pdf) and, when
// a backoffice fee is set, the settlement statement
// (margeafrekening-2026-W47.pdf) into dir. dir is created 0700 when it does
// not exist and files are written 0600 (they name workers and their wage
// cost), each under a temporary name and then renamed, so a failed export
// leaves only whole files. A file of the same name is replaced.
func WriteFiles(ctx context.Context, ov *margin.Overview, dir string) (*Files, error) {
	if ov == nil || ov.Margins == nil {
		return nil, fmt.Errorf("marges exporteren: geen overzicht")
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("exportmap %s: %w", dir, err)
	}
	opt := export.Options{Created: ov.Generated}
	base, report := export.FileName(ov.Period), export.ReportFileName(ov.Period)
	files := &Files{}
	steps := []struct {
		path   *string
		name   string
		render func() ([]byte, error)
	}{
		{&files.OverviewXLSX, base + ".xlsx", func() ([]byte, error) { return toBytes(func(b *bytes.Buffer) error { return export.WriteXLSX(b, ov) }) }},
		{&files.OverviewPDF, base + ".pdf", func() ([]byte, error) { return export.OverviewPDF(ov, opt) }},
		{&files.ReportXLSX, report + ".xlsx", func() ([]byte, error) {
			return toBytes(func(b *bytes.Buffer) error { return export.WriteReportXLSX(b, ov) })
		}},
		{&files.ReportPDF, report + ".pdf", func() ([]byte, error) { return export.ReportPDF(ov, opt) }},
	}
	if ov.Settlement != nil {
		steps = append(steps, struct {
			path   *string
			name   string
			render func() ([]byte, error)
		}{&files.Settlement, export.SettlementFileName(ov.Period) + ".pdf", func() ([]byte, error) { return export.SettlementPDF(ov, opt) }})
	}
	for _, s := range steps {
		if err := ctx.Err(); err != nil {
			return files, err
		}
		data, err := s.render()
		if err != nil {
			return files, err
		}
		path := filepath.Join(dir, s.name)
		if err := writePrivate(path, data); err != nil {
			return files, err
		}
		*s.path = path
	}
	return files, nil
}

func toBytes(write func(*bytes.Buffer) error) ([]byte, error) {
	var b bytes.Buffer
	if err := write(&b); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// writePrivate writes data 0600 under a temporary name in the same folder
// and renames it into place.
func writePrivate(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("export %s: %w", path, err)
	}
	name := tmp.Name()
	_, err = tmp.Write(data)
	if err == nil {
		err = tmp.Chmod(0o600)
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(name, path)
	}
	if err != nil {
		os.Remove(name)
		return fmt.Errorf("export %s: %w", path, err)
	}
	return nil
}
