package invoicing

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"

	"verloner/app"
	"verloner/domain"
	"verloner/domain/invoice"
	"verloner/exporters/invoicepdf"
	"verloner/exporters/invoicexlsx"
	"verloner/exporters/ubl"
)

// Export formats.
const (
	FormatPDF  = "pdf"
	FormatXLSX = "xlsx"
	FormatUBL  = "ubl"
)

// ExportOptions choose what Export writes.
type ExportOptions struct {
	Formats []string // FormatPDF, FormatXLSX, FormatUBL; nil: all three
	// Workers render documents in parallel (each with its own fonts);
	// 0: GOMAXPROCS.
	Workers int
	// Overview, when set, also writes an XLSX list of the documents with
	// this base name ("facturen-2026-W47").
	Overview string
	// Progress is called after each document with done and total, from one
	// goroutine at a time (not necessarily the caller's). May be nil.
	Progress func(done, total int)
}

func (o ExportOptions) wants(f string) bool {
	if len(o.Formats) == 0 {
		return true
	}
	for _, x := range o.Formats {
		if x == f {
			return true
		}
	}
	return false
}

// Rendered is one document in every format.
type Rendered struct {
	Doc      *app.InvoiceDoc
	BaseName string // "factuur-2026-000001-INL01"
	PDF      []byte
	XLSX     []byte
	UBL      []byte // SI-UBL 2.0 (NLCIUS), G-account extension when there is a G share
}

// Render renders one issued document (lines and hours are read when the doc
// lacks them) in the formats of opt, for the GUI's preview and save dialog.
func Render(ctx context.Context, st app.Store, doc *app.InvoiceDoc, opt ExportOptions) (*Rendered, error) {
	logo, err := st.InvoiceLogo(ctx)
	if err != nil {
		return nil, err
	}
	if doc, err = complete(ctx, st, doc); err != nil {
		return nil, err
	}
	return render(doc, logo, opt)
}

// complete reads lines and hours of a document listed without them.
func complete(ctx context.Context, st app.Store, doc *app.InvoiceDoc) (*app.InvoiceDoc, error) {
	if doc == nil || doc.Invoice == nil {
		return nil, domain.Errorf(domain.EINVALID, "Geen factuur gekozen.")
	}
	if len(doc.Invoice.Lines) > 0 && len(doc.Invoice.VATBreakdown) > 0 {
		return doc, nil
	}
	return st.Invoice(ctx, doc.Invoice.Number)
}

func render(doc *app.InvoiceDoc, logo *app.Logo, opt ExportOptions) (*Rendered, error) {
	inv := doc.Invoice
	r := &Rendered{Doc: doc, BaseName: invoicepdf.FileName(inv)}
	pdfHours, xlsxHours := annex(doc)
	if opt.wants(FormatPDF) {
		d := &invoicepdf.Document{Invoice: inv, Hours: pdfHours, Created: doc.IssuedAt}
		if logo != nil {
			d.Logo, d.LogoType = logo.Data, logo.Type
		}
		b, err := invoicepdf.PDF(d)
		if err != nil {
			return nil, err
		}
		r.PDF = b
	}
	if opt.wants(FormatUBL) {
		b, err := ubl.Marshal(inv)
		if err != nil {
			return nil, fmt.Errorf("%s als UBL: %w", inv.Number, err)
		}
		r.UBL = b
	}
	if opt.wants(FormatXLSX) {
		var buf bytes.Buffer
		if err := invoicexlsx.Write(&buf, &invoicexlsx.Doc{Invoice: inv, Hours: xlsxHours}); err != nil {
			return nil, err
		}
		r.XLSX = buf.Bytes()
	}
	return r, nil
}

// annex names the hours of a document after its lines' workers and placements.
func annex(doc *app.InvoiceDoc) ([]invoicepdf.Hour, []invoicexlsx.Hour) {
	type who struct{ worker, placement, function string }
	names := map[int64]who{}
	for _, l := range doc.Invoice.Lines {
		if _, ok := names[l.PlacementID]; !ok {
			names[l.PlacementID] = who{l.Worker, l.Placement, l.Function}
		}
	}
	p := make([]invoicepdf.Hour, 0, len(doc.Hours))
	x := make([]invoicexlsx.Hour, 0, len(doc.Hours))
	for _, h := range doc.Hours {
		n, ok := names[h.PlacementID]
		if !ok {
			n = who{worker: fmt.Sprintf("plaatsing %d", h.PlacementID)}
		}
		p = append(p, invoicepdf.Hour{Worker: n.worker, Placement: n.placement, Function: n.function, Date: h.Date,
			Type: h.Type, Quantity: h.Quantity, BillPercent: h.BillPercent})
		x = append(x, invoicexlsx.Hour{Worker: n.worker, Placement: n.placement, Date: h.Date, Type: h.Type,
			Quantity: h.Quantity, BillPercent: h.BillPercent})
	}
	return p, x
}

// Export writes every document in the formats of opt into dir, as
// <base>.pdf, <base>.xlsx and <base>.xml (UBL). dir is created 0700 when it
// does not exist and files are written 0600: invoices name workers and carry
// bank details. Each file is written under a temporary name and renamed, so
// a cancelled or failed export leaves only whole files. Documents render in
// parallel. It returns the paths written, in document order.
func Export(ctx context.Context, st app.Store, docs []*app.InvoiceDoc, dir string, opt ExportOptions) ([]string, error) {
	if dir == "" {
		return nil, domain.Errorf(domain.EINVALID, "Kies een map voor de export.")
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("exportmap %s: %w", dir, err)
	}
	logo, err := st.InvoiceLogo(ctx)
	if err != nil {
		return nil, err
	}
	full := make([]*app.InvoiceDoc, len(docs))
	for i, d := range docs {
		if full[i], err = complete(ctx, st, d); err != nil {
			return nil, err
		}
	}
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = min(workers, max(1, len(full)))
	paths := make([][]string, len(full))
	jobs := make(chan int)
	var (
		mu       sync.Mutex
		done     int
		firstErr error
		wg       sync.WaitGroup
	)
	fail := func(err error) {
		mu.Lock()
		if firstErr == nil {
			firstErr = err
		}
		mu.Unlock()
	}
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				if ctx.Err() != nil {
					continue
				}
				r, err := render(full[i], logo, opt)
				if err != nil {
					fail(err)
					continue
				}
				ps, err := writeRendered(dir, r)
				if err != nil {
					fail(err)
					continue
				}
				paths[i] = ps
				mu.Lock()
				done++
				if opt.Progress != nil {
					opt.Progress(done, len(full))
				}
				mu.Unlock()
			}
		}()
	}
feed:
	for i := range full {
		select {
		case jobs <- i:
		case <-ctx.Done():
			break feed
		}
		mu.Lock()
		stop := firstErr != nil
		mu.Unlock()
		if stop {
			break
		}
	}
	close(jobs)
	wg.Wait()
	var out []string
	for _, ps := range paths {
		out = append(out, ps...)
	}
	if firstErr != nil {
		return out, firstErr
	}
	if err := ctx.Err(); err != nil {
		return out, err
	}
	if opt.Overview != "" && opt.wants(FormatXLSX) {
		invs := make([]*invoice.Invoice, len(full))
		for i, d := range full {
			invs[i] = d.Invoice
		}
		var buf bytes.Buffer
		if err := invoicexlsx.WriteOverview(&buf, invs, opt.Overview); err != nil {
			return out, err
		}
		p := filepath.Join(dir, opt.Overview+".xlsx")
		if err := writeFile(p, buf.Bytes()); err != nil {
			return out, err
		}
		out = append(out, p)
	}
	return out, nil
}

func writeRendered(dir string, r *Rendered) ([]string, error) {
	var out []string
	for _, f := range []struct {
		ext  string
		data []byte
	}{{".pdf", r.PDF}, {".xlsx", r.XLSX}, {".xml", r.UBL}} {
		if f.data == nil {
			continue
		}
		p := filepath.Join(dir, r.BaseName+f.ext)
		if err := writeFile(p, f.data); err != nil {
			return out, err
		}
		out = append(out, p)
	}
	return out, nil
}

// writeFile writes data to path 0600 through a temporary file and a rename.
func writeFile(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("export %s: %w", path, err)
	}
	name := tmp.Name()
	_, werr := tmp.Write(data)
	cerr := tmp.Close()
	if err := errors.Join(werr, cerr, os.Chmod(name, 0o600)); err != nil {
		os.Remove(name)
		return fmt.Errorf("export %s: %w", path, err)
	}
	if err := os.Rename(name, path); err != nil {
		os.Remove(name)
		return fmt.Errorf("export %s: %w", path, err)
	}
	return nil
}
