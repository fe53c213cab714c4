package importing

import (
	"context"
	"io"
	"sort"
	"time"

	"verloner/importers"
)

// ExportHours writes the non-void hour lines worked from..to as an XLSX in
// the long layout the importer reads back (see importers.WriteHoursXLSX).
func (s *Service) ExportHours(ctx context.Context, w io.Writer, from, to time.Time) (int, error) {
	ix, err := s.loadIndex(ctx, s.Store.WorkerIdentities)
	if err != nil {
		return 0, err
	}
	lines, err := s.Store.HourLines(ctx, from, to)
	if err != nil {
		return 0, err
	}
	rows := make([]importers.ExportRow, 0, len(lines))
	for _, l := range lines {
		p := ix.placements[l.PlacementID]
		if p == nil {
			continue
		}
		wk, h := ix.workers[p.WorkerID], ix.hirers[p.HirerID]
		rows = append(rows, importers.ExportRow{Worker: wk.Number, Name: wk.FullName(), Hirer: h.Number, Placement: p.Number,
			Date: l.Date, Type: l.Type, Quantity: l.Quantity, Source: l.Source.File})
	}
	sort.SliceStable(rows, func(i, j int) bool {
		a, b := rows[i], rows[j]
		if a.Placement != b.Placement {
			return a.Placement < b.Placement
		}
		if !a.Date.Equal(b.Date) {
			return a.Date.Before(b.Date)
		}
		return a.Type < b.Type
	})
	return len(rows), importers.WriteHoursXLSX(w, rows)
}
