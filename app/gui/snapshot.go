package gui

import (
	"context"
	"fmt"
	"time"

	"github.com/shopspring/decimal"

	"verloner/app"
	"verloner/app/checking"
	"verloner/app/debtors"
	"verloner/app/invoicing"
	"verloner/app/payrun"
	"verloner/domain"
	"verloner/domain/checks"
)

// Snapshot is the administration as the pages show it, read once per load so
// that page switches and table redraws never touch the database.
type Snapshot struct {
	Agency     *domain.Agency
	Workers    []*domain.Worker
	Hirers     []*domain.Hirer
	Placements []*domain.Placement
	Period     domain.Period
	Hours      []*domain.HourLine // of Period
	Today      time.Time
	// Checklist is the latest stored checklist of Period (nil: never checked).
	Checklist *checks.Checklist
	// Run is the latest payroll run of Period (nil: none yet).
	Run *app.PayrollRun
	// Invoices are the period's issued invoices and credit notes (totals only).
	Invoices []*app.InvoiceDoc
	// Debtors is the open-items ledger on Today.
	Debtors *debtors.Ledger

	WorkerByID    map[int64]*domain.Worker
	HirerByID     map[int64]*domain.Hirer
	PlacementByID map[int64]*domain.Placement
}

// LoadSnapshot reads what the pages need. The period shown is the one holding
// the latest hours (the week being processed); without hours, last week.
func LoadSnapshot(ctx context.Context, st app.Store, now time.Time) (*Snapshot, error) {
	s := &Snapshot{Today: domain.DateOf(now)}
	var err error
	if s.Agency, err = st.Agency(ctx); err != nil {
		return nil, err
	}
	if s.Workers, err = st.Workers(ctx); err != nil {
		return nil, err
	}
	if s.Hirers, err = st.Hirers(ctx); err != nil {
		return nil, err
	}
	if s.Placements, err = st.Placements(ctx); err != nil {
		return nil, err
	}
	latest, err := st.LatestWorkDate(ctx)
	if err != nil {
		return nil, err
	}
	if latest.IsZero() {
		latest = s.Today.AddDate(0, 0, -7)
	}
	s.Period = domain.PeriodContaining(s.Agency.Frequency, latest)
	if s.Hours, err = st.HourLines(ctx, s.Period.Start(), s.Period.End()); err != nil {
		return nil, fmt.Errorf("uren %s: %w", s.Period, err)
	}
	if s.Checklist, err = checking.Latest(ctx, st, s.Period); err != nil {
		return nil, fmt.Errorf("controlelijst %s: %w", s.Period, err)
	}
	if s.Run, err = payrun.Latest(ctx, st, s.Period); err != nil && domain.ErrorCode(err) != domain.ENOTFOUND {
		return nil, fmt.Errorf("verloning %s: %w", s.Period, err)
	}
	if s.Invoices, err = invoicing.List(ctx, st, app.InvoiceFilter{Period: s.Period.String()}); err != nil {
		return nil, fmt.Errorf("facturen %s: %w", s.Period, err)
	}
	if s.Debtors, err = debtors.Open(ctx, st, debtors.Options{AsOf: s.Today}); err != nil {
		return nil, fmt.Errorf("debiteuren: %w", err)
	}
	s.WorkerByID = make(map[int64]*domain.Worker, len(s.Workers))
	for _, w := range s.Workers {
		s.WorkerByID[w.ID] = w
	}
	s.HirerByID = make(map[int64]*domain.Hirer, len(s.Hirers))
	for _, h := range s.Hirers {
		s.HirerByID[h.ID] = h
	}
	s.PlacementByID = make(map[int64]*domain.Placement, len(s.Placements))
	for _, p := range s.Placements {
		s.PlacementByID[p.ID] = p
	}
	return s, nil
}

// HoursTotals sums the period's hour lines.
type HoursTotals struct {
	Lines          int
	Hours, Km      decimal.Decimal
	Workers, Hirer map[int64]bool
}

// HourTotalsByHirer returns totals per hirer ID and overall.
func (s *Snapshot) HourTotalsByHirer() (map[int64]*HoursTotals, *HoursTotals) {
	all := &HoursTotals{Workers: map[int64]bool{}, Hirer: map[int64]bool{}}
	per := map[int64]*HoursTotals{}
	for _, l := range s.Hours {
		p := s.PlacementByID[l.PlacementID]
		if p == nil {
			continue
		}
		t := per[p.HirerID]
		if t == nil {
			t = &HoursTotals{Workers: map[int64]bool{}, Hirer: map[int64]bool{}}
			per[p.HirerID] = t
		}
		for _, x := range []*HoursTotals{t, all} {
			x.Lines++
			x.Workers[p.WorkerID] = true
			x.Hirer[p.HirerID] = true
			switch {
			case l.Type == domain.HourKilometres:
				x.Km = x.Km.Add(l.Quantity)
			case l.Type.IsHours():
				x.Hours = x.Hours.Add(l.Quantity)
			}
		}
	}
	return per, all
}

// DossierFinding is one gap in a worker's or hirer's file that stops or
// endangers payroll. The full checklist (rule ids, severities, gates) belongs
// to the validation use case; these are the identity and signature facts the
// overview shows at a glance.
type DossierFinding struct {
	Kind    string // bsn, iban, id, idsoon, contract, record
	Subject string // "1005 Mohamed el Amrani" or the hirer name
	Detail  string
}

// DossierFindings lists the dossier gaps on the given day.
func (s *Snapshot) DossierFindings(on time.Time) []DossierFinding {
	var out []DossierFinding
	for _, w := range s.Workers {
		subj := w.Number + " " + w.FullName()
		if err := domain.CheckBSN(w.BSN); err != nil {
			out = append(out, DossierFinding{"bsn", subj, err.Error()})
		}
		if err := domain.CheckIBAN(w.IBAN); err != nil {
			out = append(out, DossierFinding{"iban", subj, err.Error()})
		}
		switch exp := w.Identity.Expiry; {
		case w.Identity.Number == "" || exp.IsZero():
			out = append(out, DossierFinding{"id", subj, "geen ID-bewijs"})
		case exp.Before(on):
			out = append(out, DossierFinding{"id", subj, "ID-bewijs verlopen op " + exp.Format("02-01-2006")})
		case exp.Before(on.AddDate(0, 0, 28)):
			out = append(out, DossierFinding{"idsoon", subj, "ID-bewijs verloopt op " + exp.Format("02-01-2006")})
		}
		if w.ContractSignedOn.IsZero() {
			out = append(out, DossierFinding{"contract", subj, "uitzendovereenkomst niet getekend"})
		}
	}
	for _, h := range s.Hirers {
		if !h.Remuneration.Signed() {
			out = append(out, DossierFinding{"record", h.Number + " " + h.Name, "beloningsregeling niet getekend"})
		}
	}
	return out
}
