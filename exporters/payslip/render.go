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

	"github.com/shopspring/decimal"

	"verloner/domain"
	"verloner/domain/payroll"
	"verloner/exporters/pdf/combine"
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
// (workers ≤ 0: one per CPU) and returns the PDFs in the order of docs. It
// holds every PDF in memory; RenderEach hands them over one by one instead.
// progress, if not nil, is called after every document with the number done
// so far; the calls never overlap, and done only increases. The first error
// stops the others and is returned; so is ctx's error when ctx ends first.
func RenderAll(ctx context.Context, docs []*Document, workers int, progress func(done, total int)) ([][]byte, error) {
	out := make([][]byte, len(docs))
	err := RenderEach(ctx, docs, workers, func(i int, pdf []byte) error {
		out[i] = pdf
		return nil
	}, progress)
	if err != nil {
		return nil, err
	}
	return out, nil
}

// RenderEach renders the documents with the given number of goroutines
// (workers ≤ 0: one per CPU) and calls emit with each PDF as soon as it and
// all documents before it are done: in the order of docs, one call at a
// time, from the rendering goroutines (the one that finished the next PDF
// in order emits while the others go on rendering). A PDF is not kept after
// emit returns, and a goroutine that gets far ahead of emit waits: a run of
// thousands of payslips needs the memory of a few. Each goroutine renders
// one document at a time with fonts of its own. progress, if not nil, is
// called after every emit with the number done so far, never twice at
// once. The first error (of Render or emit) stops the others and is
// returned; so is ctx's error when ctx ends first.
func RenderEach(ctx context.Context, docs []*Document, workers int, emit func(i int, pdf []byte) error, progress func(done, total int)) error {
	total := len(docs)
	if total == 0 {
		return ctx.Err()
	}
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = min(workers, total)
	// At most window PDFs wait for emit.
	window := 4 * workers
	run, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		next     atomic.Int64 // next document to render
		mu       sync.Mutex
		moved    = sync.NewCond(&mu) // a PDF was emitted, or the run stops
		emitted  int                 // documents emitted: the next to emit
		emitting bool                // a goroutine is emitting
		pending  = map[int][]byte{}
		failure  error
		wg       sync.WaitGroup
	)
	fail := func(err error) { // with mu held
		if failure == nil {
			failure = err
		}
		cancel()
		moved.Broadcast()
	}
	// Wake waiting goroutines when ctx ends.
	stop := context.AfterFunc(run, func() {
		mu.Lock()
		moved.Broadcast()
		mu.Unlock()
	})
	defer stop()
	// drain emits the PDFs that are next in order, without holding mu while
	// emit runs; with mu held, and emitting set by the caller.
	drain := func() {
		for run.Err() == nil {
			p, ok := pending[emitted]
			if !ok {
				return
			}
			n := emitted
			delete(pending, n)
			mu.Unlock()
			err := emit(n, p)
			if err == nil && progress != nil && run.Err() == nil {
				progress(n+1, total)
			}
			mu.Lock()
			if err != nil {
				fail(err)
				return
			}
			emitted = n + 1
			moved.Broadcast()
		}
	}
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
					fail(err)
					mu.Unlock()
					return
				}
				for i-emitted >= window && run.Err() == nil {
					moved.Wait()
				}
				if run.Err() == nil {
					pending[i] = b
					if !emitting {
						emitting = true
						drain()
						emitting = false
					}
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if failure != nil {
		return failure
	}
	return ctx.Err()
}

// Combine merges PDFs written by Render into one, in order (one file per
// run for printing); fonts the payslips share are stored once. NewCombiner
// does the same without holding the PDFs or the result in memory.
func Combine(pdfs [][]byte) ([]byte, error) {
	switch len(pdfs) {
	case 0:
		return nil, domain.Errorf(domain.EINVALID, "loonstroken samenvoegen: geen pdf's")
	case 1:
		return bytes.Clone(pdfs[0]), nil
	}
	var buf bytes.Buffer
	c := NewCombiner(&buf, "")
	for _, p := range pdfs {
		if err := c.Add(p); err != nil {
			return nil, err
		}
	}
	if err := c.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// NewCombiner starts a PDF written to w of the payslip PDFs added to it one
// by one (combine.Combiner), with the given title ("" for none).
func NewCombiner(w io.Writer, title string) *combine.Combiner {
	c := combine.New(w)
	c.SetTitle(title)
	return c
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
