package payrun

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"time"

	"github.com/shopspring/decimal"

	"verloner/app"
	"verloner/domain"
	"verloner/domain/payroll"
	"verloner/exporters/reservations"
)

// Payout requests: a worker asks (or the agency decides) to pay out a reserved
// balance. The next regular run that pays the worker pays it, as a bijzondere
// beloning, capped at the balance (see calc.planPayouts): vakantiebijslag in
// May, or everything at the end of the employment.

// Schemes are the reservations a payout request can name.
var Schemes = []string{payroll.SchemeHolidayPay, payroll.SchemeHolidayHours, payroll.SchemePublicDays, payroll.SchemeShortLeave}

func knownScheme(scheme string) error {
	for _, s := range Schemes {
		if s == scheme {
			return nil
		}
	}
	return domain.Errorf(domain.EINVALID, "Uitbetaling: reservering %q onbekend (vakantiebijslag, vakantie_uren, feestdagen, kort_verzuim).", scheme)
}

// RequestPayout records a worker's request to pay out a reserved balance
// (zero amount: the whole balance). A worker has at most one open request per
// scheme: a second would only find the balance the first already takes.
func RequestPayout(ctx context.Context, st app.Store, workerID int64, scheme string, amount decimal.Decimal, note string) (*app.PayoutRequest, error) {
	if err := knownScheme(scheme); err != nil {
		return nil, err
	}
	open, err := st.PayoutRequests(ctx, true)
	if err != nil {
		return nil, err
	}
	for _, r := range open {
		if r.WorkerID == workerID && r.Scheme == scheme {
			return nil, domain.Errorf(domain.ECONFLICT, "Er staat al een open uitbetalingsverzoek (%d) voor %s van deze uitzendkracht; trek dat eerst in.", r.ID, scheme)
		}
	}
	r := &app.PayoutRequest{WorkerID: workerID, Scheme: scheme, Amount: amount, Note: note}
	if err := st.SavePayoutRequest(ctx, r); err != nil {
		return nil, err
	}
	return r, nil
}

// RequestPayoutAll asks to pay out the whole balance of scheme for every
// worker who has one (money, or hours for a scheme kept in hours) and no open
// request for it yet: the yearly vakantiebijslag in May, in one step. It
// returns the requests it made.
func RequestPayoutAll(ctx context.Context, st app.Store, scheme, note string) ([]*app.PayoutRequest, error) {
	if err := knownScheme(scheme); err != nil {
		return nil, err
	}
	balances, err := st.ReservationBalances(ctx, 0)
	if err != nil {
		return nil, err
	}
	open, err := st.PayoutRequests(ctx, true)
	if err != nil {
		return nil, err
	}
	asked := map[int64]bool{}
	for _, r := range open {
		if r.Scheme == scheme {
			asked[r.WorkerID] = true
		}
	}
	var out []*app.PayoutRequest
	for _, b := range balances {
		if b.Scheme != scheme || !b.Balance.IsPositive() || asked[b.WorkerID] {
			continue
		}
		asked[b.WorkerID] = true
		r := &app.PayoutRequest{WorkerID: b.WorkerID, Scheme: scheme, Note: note}
		if err := st.SavePayoutRequest(ctx, r); err != nil {
			return out, fmt.Errorf("uitbetalingsverzoek voor uitzendkracht %d: %w", b.WorkerID, err)
		}
		out = append(out, r)
	}
	return out, nil
}

// CancelPayout withdraws an open request; a paid one is history and stays.
func CancelPayout(ctx context.Context, st app.Store, id int64) (*app.PayoutRequest, error) {
	all, err := st.PayoutRequests(ctx, false)
	if err != nil {
		return nil, err
	}
	for _, r := range all {
		if r.ID != id {
			continue
		}
		if r.Status != "open" {
			return nil, domain.Errorf(domain.ECONFLICT, "Uitbetalingsverzoek %d is %s en kan niet meer worden ingetrokken.", id, StatusText(r.Status))
		}
		r.Status = "cancelled"
		if err := st.SavePayoutRequest(ctx, r); err != nil {
			return nil, err
		}
		return r, nil
	}
	return nil, domain.Errorf(domain.ENOTFOUND, "Uitbetalingsverzoek %d bestaat niet.", id)
}

// StatusText is a request's status in Dutch.
func StatusText(status string) string {
	switch status {
	case "open":
		return "open"
	case "paid":
		return "uitbetaald"
	case "cancelled":
		return "ingetrokken"
	}
	return status
}

// ReservationStatement is what the payroll has reserved and not paid out per
// worker on a date: the opening balances taken over, plus the movements of
// the final runs of periods that ended on or before the date. Hours balances
// get the hourly wage of the worker's latest placement for their value.
func ReservationStatement(ctx context.Context, st app.Store, at time.Time) (*reservations.Statement, error) {
	agency, err := st.Agency(ctx)
	if err != nil {
		return nil, err
	}
	ws, err := st.WorkerIdentities(ctx)
	if err != nil {
		return nil, err
	}
	ps, err := st.Placements(ctx)
	if err != nil {
		return nil, err
	}
	moves, err := st.ReservationMoves(ctx, 0)
	if err != nil {
		return nil, err
	}
	at = domain.DateOf(at)
	byWorker := map[int64]map[reservations.Key]decimal.Decimal{}
	for _, m := range moves {
		if m.RunID != 0 && m.Period.End().After(at) {
			continue
		}
		unit := reservations.Money
		if m.Unit == app.UnitHours {
			unit = reservations.Hours
		}
		if byWorker[m.WorkerID] == nil {
			byWorker[m.WorkerID] = map[reservations.Key]decimal.Decimal{}
		}
		k := reservations.Key{Scheme: m.Scheme, Unit: unit}
		byWorker[m.WorkerID][k] = byWorker[m.WorkerID][k].Add(m.Amount)
	}
	placements := map[int64]map[int64]*domain.Placement{}
	for _, p := range ps {
		if placements[p.WorkerID] == nil {
			placements[p.WorkerID] = map[int64]*domain.Placement{}
		}
		placements[p.WorkerID][p.ID] = p
	}
	s := &reservations.Statement{Agency: agency.Name, At: at}
	for _, w := range ws { // by number
		bal := byWorker[w.ID]
		for k, v := range bal {
			if v.IsZero() {
				delete(bal, k)
			}
		}
		if len(bal) == 0 {
			continue
		}
		r := reservations.Row{Number: w.Number, Name: w.FullName(), Balances: bal}
		if pl := latestPlacement(placements[w.ID], at); pl != nil {
			r.HourlyWage = pl.HourlyWage
		}
		s.Rows = append(s.Rows, r)
	}
	return s, nil
}

// WriteReservationStatement writes the statement on a date as an XLSX file
// (0600: it names workers and what they are owed) and returns how many
// workers it lists.
func WriteReservationStatement(ctx context.Context, st app.Store, at time.Time, path string) (int, error) {
	s, err := ReservationStatement(ctx, st, at)
	if err != nil {
		return 0, err
	}
	var buf bytes.Buffer
	if err := reservations.WriteXLSX(&buf, s); err != nil {
		return 0, err
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		return 0, fmt.Errorf("reserveringenoverzicht schrijven: %w", err)
	}
	return len(s.Rows), nil
}
