package invoicing

import (
	"math/rand"
	"reflect"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"verloner/app"
	"verloner/domain"
	"verloner/domain/checks"
	"verloner/domain/invoice"
)

// scanHeldBy is how holdBlocked found the blocker of a line before the
// blockers were indexed: the first blocker in checklist order about the
// line's placement (and date, if it names one) or about the hirer as a whole.
func scanHeldBy(blockers []checks.Finding, hirerID int64, l *domain.HourLine) *checks.Finding {
	for i := range blockers {
		f := &blockers[i]
		switch {
		case f.PlacementID != 0:
			if f.PlacementID == l.PlacementID && (f.Date.IsZero() || f.Date.Equal(domain.DateOf(l.Date))) {
				return f
			}
		case f.HirerID != 0 && f.WorkerID == 0:
			if f.HirerID == hirerID {
				return f
			}
		}
	}
	return nil
}

// TestBlockerIndex_SameBlockerAsScan checks the index against the scan on
// blockers that mix placement blockers with and without a date, hirer
// blockers before and after them, and worker blockers that hold nothing.
func TestBlockerIndex_SameBlockerAsScan(t *testing.T) {
	monday := domain.Date(2026, time.November, 16)
	r := rand.New(rand.NewSource(47))
	for round := 0; round < 300; round++ {
		var blockers []checks.Finding
		for i, n := 0, r.Intn(12); i < n; i++ {
			f := checks.Finding{Rule: []string{checks.HirProof, checks.HrsDay24, checks.HirRecord, checks.DosBSN}[r.Intn(4)]}
			switch r.Intn(4) {
			case 0: // placement, whole period
				f.PlacementID, f.HirerID, f.WorkerID = int64(1+r.Intn(4)), int64(10+r.Intn(3)), int64(1+r.Intn(3))
			case 1: // placement, one day
				f.PlacementID, f.HirerID = int64(1+r.Intn(4)), int64(10+r.Intn(3))
				f.Date = monday.AddDate(0, 0, r.Intn(7))
			case 2: // hirer as a whole
				f.HirerID = int64(10 + r.Intn(3))
			default: // a worker's: holds no hours
				f.WorkerID, f.HirerID = int64(1+r.Intn(3)), int64(10+r.Intn(3))
			}
			blockers = append(blockers, f)
		}
		heldBy := blockerIndex(blockers)
		for i := 0; i < 40; i++ {
			hirerID := int64(10 + r.Intn(3))
			l := &domain.HourLine{ID: int64(i + 1), PlacementID: int64(1 + r.Intn(5)),
				Date: monday.AddDate(0, 0, r.Intn(7)).Add(time.Duration(r.Intn(20)) * time.Hour)}
			if got, want := heldBy(hirerID, l), scanHeldBy(blockers, hirerID, l); got != want {
				t.Fatalf("round %d, hirer %d, line %+v: index gives %+v, scan %+v (blockers %+v)", round, hirerID, l, got, want, blockers)
			}
		}
	}
}

// scanHoursOf is how hoursOf picked an invoice's hour lines before they were
// indexed per placement and hour type: a scan of all the hirer's lines.
func scanHoursOf(inv *invoice.Invoice, lines []*domain.HourLine, placements map[int64]*domain.Placement) []app.InvoiceHour {
	billed := map[hourKey]bool{}
	for _, l := range inv.Lines {
		billed[hourKey{l.PlacementID, l.Type}] = true
	}
	var out []app.InvoiceHour
	for _, hl := range lines {
		if !billed[hourKey{hl.PlacementID, hl.Type}] || hl.Date.Before(inv.PeriodStart) || hl.Date.After(inv.PeriodEnd) {
			continue
		}
		out = append(out, app.InvoiceHour{HourLineID: hl.ID, PlacementID: hl.PlacementID, WorkerID: placements[hl.PlacementID].WorkerID,
			Date: hl.Date, Type: hl.Type, Quantity: hl.Quantity, BillPercent: hl.BillPercent})
	}
	return out
}

// TestHoursOf_SameLinesInSameOrderAsScan: per placement, per hour type and
// per hirer, with invoice lines that repeat a placement and type and a
// period narrower than the lines, the index picks the scan's lines in the
// scan's order.
func TestHoursOf_SameLinesInSameOrderAsScan(t *testing.T) {
	monday := domain.Date(2026, time.November, 16)
	types := []domain.HourType{domain.HourNormal, domain.HourOvertime125, domain.HourKilometres}
	placements := map[int64]*domain.Placement{}
	for id := int64(1); id <= 6; id++ {
		placements[id] = &domain.Placement{ID: id, WorkerID: 100 + id%4}
	}
	r := rand.New(rand.NewSource(10))
	for round := 0; round < 200; round++ {
		var lines []*domain.HourLine
		for i, n := 0, r.Intn(60); i < n; i++ {
			lines = append(lines, &domain.HourLine{ID: int64(1000 - i), PlacementID: int64(1 + r.Intn(6)), Type: types[r.Intn(3)],
				Date: monday.AddDate(0, 0, r.Intn(9)-1), Quantity: decimal.NewFromInt(int64(r.Intn(9)))})
		}
		byKey := hoursByKey(lines)
		for j := 0; j < 5; j++ {
			inv := &invoice.Invoice{PeriodStart: monday, PeriodEnd: monday.AddDate(0, 0, 6-r.Intn(2))}
			for k, n := 0, r.Intn(6); k < n; k++ {
				inv.Lines = append(inv.Lines, &invoice.Line{PlacementID: int64(1 + r.Intn(6)), Type: types[r.Intn(3)]})
			}
			if got, want := hoursOf(inv, lines, byKey, placements), scanHoursOf(inv, lines, placements); !reflect.DeepEqual(got, want) {
				t.Fatalf("round %d: index picks\n %+v\nscan\n %+v", round, got, want)
			}
		}
	}
}
