package payslip

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
	"github.com/shopspring/decimal"

	"verloner/domain"
	"verloner/domain/payroll"
)

// Render writes one payslip as PDF. It is safe for concurrent use: every
// call lays out its own document with its own fonts.
func Render(doc *Document) ([]byte, error) {
	m, err := build(doc)
	if err != nil {
		return nil, err
	}
	out, err := m.Generate()
	if err != nil {
		return nil, fmt.Errorf("%s: pdf maken: %w", doc.ident(), err)
	}
	b := out.GetBytes()
	if doc.Concept {
		if b, err = watermark(b); err != nil {
			return nil, fmt.Errorf("%s: %w", doc.ident(), err)
		}
	}
	return b, nil
}

// RenderAll renders the documents with the given number of goroutines
// (workers ≤ 0: one per CPU) and returns the PDFs in the order of docs. Each
// goroutine renders one document at a time with fonts of its own. progress,
// if not nil, is called after every document with the number done so far;
// the calls come from the worker goroutines but never at the same time, and
// done only increases. The first error stops the others and is returned; so
// is ctx's error when ctx ends first.
func RenderAll(ctx context.Context, docs []*Document, workers int, progress func(done, total int)) ([][]byte, error) {
	total := len(docs)
	out := make([][]byte, total)
	if total == 0 {
		return out, ctx.Err()
	}
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = min(workers, total)
	run, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		next    atomic.Int64
		mu      sync.Mutex
		done    int
		failure error
		wg      sync.WaitGroup
	)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for run.Err() == nil {
				i := int(next.Add(1) - 1)
				if i >= total {
					return
				}
				b, err := Render(docs[i])
				mu.Lock()
				if err != nil {
					if failure == nil {
						failure = err
					}
					mu.Unlock()
					cancel()
					return
				}
				out[i] = b
				done++
				if progress != nil && run.Err() == nil {
					progress(done, total)
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if failure != nil {
		return nil, failure
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

// mergeMu serialises Combine: pdfcpu keeps global state (maroto#605).
var mergeMu sync.Mutex

// Combine merges PDFs into one, in order (one file per run for printing).
// The configuration is built here rather than by pdfcpu's
// NewDefaultConfiguration, which would create a configuration directory in
// the user's profile (and exit the program when it cannot).
func Combine(pdfs [][]byte) ([]byte, error) {
	switch len(pdfs) {
	case 0:
		return nil, domain.Errorf(domain.EINVALID, "loonstroken samenvoegen: geen pdf's")
	case 1:
		return bytes.Clone(pdfs[0]), nil
	}
	rs := make([]io.ReadSeeker, len(pdfs))
	size := 0
	for i, p := range pdfs {
		rs[i] = bytes.NewReader(p)
		size += len(p)
	}
	conf := &model.Configuration{
		CheckFileNameExt: true, Reader15: true, ValidationMode: model.ValidationRelaxed, Eol: types.EolLF,
		WriteObjectStream: true, WriteXRefStream: true, EncryptUsingAES: true, EncryptKeyLength: 256,
		Permissions: model.PermissionsPrint, TimestampFormat: "2006-01-02 15:04", DateFormat: "2006-01-02",
	}
	var buf bytes.Buffer
	buf.Grow(size)
	mergeMu.Lock()
	defer mergeMu.Unlock()
	if err := api.MergeRaw(rs, &buf, false, conf); err != nil {
		return nil, fmt.Errorf("loonstroken samenvoegen: %w", err)
	}
	return buf.Bytes(), nil
}

// DayHoursFrom returns the hours per day of a payroll input for the payslip:
// hour lines measured in hours, void and zero lines left out, with the pay %
// the calculation uses (Sick.PayPercent for ZIEK, else the line's, else the
// placement's agreed rate, else the CAO default) and the placement's hourly
// wage. ZIEK hours on the given waiting days get 0 %: the calculation pays
// them nothing (payroll.SickPay).
func DayHoursFrom(in payroll.Input, waitingDays ...time.Time) []DayHours {
	var out []DayHours
	for _, l := range in.Lines {
		if l == nil || l.Status == domain.HoursVoid || !l.Type.IsHours() || l.Quantity.IsZero() {
			continue
		}
		pl := in.Placements[l.PlacementID]
		pct := l.PayPercent
		switch {
		case l.Type == domain.HourSick && in.Sick.PayPercent.IsPositive():
			pct = in.Sick.PayPercent
		case pct.IsZero() && pl != nil:
			r, _ := pl.Rate(l.Type)
			pct = r.PayPercent
		case pct.IsZero():
			pct = l.Type.DefaultPayPercent()
		}
		if l.Type == domain.HourSick {
			for _, w := range waitingDays {
				if domain.DateOf(w).Equal(domain.DateOf(l.Date)) {
					pct = decimal.Zero
				}
			}
		}
		var wage decimal.Decimal
		if pl != nil {
			wage = pl.HourlyWage
		}
		out = append(out, DayHours{Date: domain.DateOf(l.Date), PlacementID: l.PlacementID, Type: l.Type,
			Quantity: l.Quantity, PayPercent: pct, HourlyWage: wage})
	}
	return out
}
