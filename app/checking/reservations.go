package checking

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"verloner/app"
	"verloner/domain"
	"verloner/domain/checks"
	"verloner/domain/payroll"
)

// RuleReservationsAtEnd warns about a worker whose employment has ended while
// a reserved balance is left without a request to pay it out: what is
// reserved (vakantiegeld, vakantie-uren, …) is owed at the end (BW 7:641),
// and it is paid only when someone asks (payout requests).
const RuleReservationsAtEnd = "RES-END"

// ReservationRule is RES-END in the checklist's catalogue.
var ReservationRule = checks.Rule{ID: RuleReservationsAtEnd, Group: "loon", Severity: checks.Warning, Gates: []checks.Gate{checks.GatePayroll},
	Title: checks.Text{NL: "Uit dienst met een gereserveerd saldo", EN: "Employment ended with a reserved balance"},
	Hint: checks.Text{NL: "Vraag de uitbetaling aan (Verloning → Reserveringen…, of verloner payout request); de volgende definitieve verloning betaalt het saldo uit.",
		EN: "Request the payout (Payroll → Reservations…, or verloner payout request); the next final payroll run pays the balance."},
	Source: "BW 7:641 (niet genoten vakantie bij einde dienstverband); CAO 2026–2028 art. 20a (vakantiebijslag)"}

// reservationFindings gives a RES-END warning per worker whose employment
// ended on or before the period's last day and who has a positive balance in
// a scheme without an open payout request for it.
func reservationFindings(period domain.Period, workers []*domain.Worker, balances []app.ReservationBalance, open []*app.PayoutRequest) []checks.Finding {
	end := period.End()
	ended := map[int64]*domain.Worker{}
	for _, w := range workers {
		if !w.EndDate.IsZero() && !w.EndDate.After(end) {
			ended[w.ID] = w
		}
	}
	if len(ended) == 0 {
		return nil
	}
	asked := map[[2]any]bool{}
	for _, r := range open {
		asked[[2]any{r.WorkerID, r.Scheme}] = true
	}
	left := map[int64][]app.ReservationBalance{}
	for _, b := range balances {
		if ended[b.WorkerID] != nil && b.Balance.IsPositive() && !asked[[2]any{b.WorkerID, b.Scheme}] {
			left[b.WorkerID] = append(left[b.WorkerID], b)
		}
	}
	ids := make([]int64, 0, len(left))
	for id := range left {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	var out []checks.Finding
	for _, id := range ids {
		var nl, en []string
		for _, b := range left[id] {
			name := checks.Text{NL: b.Scheme, EN: b.Scheme}
			if p, ok := payroll.SchemeNames[b.Scheme]; ok {
				name = checks.Text{NL: strings.ToLower(p.NL), EN: strings.ToLower(p.EN)}
			}
			if b.Unit == app.UnitHours {
				h := domain.FormatDecimalNL(b.Balance, 2)
				nl = append(nl, fmt.Sprintf("%s %s uur", name.NL, h))
				en = append(en, fmt.Sprintf("%s %s hours", name.EN, b.Balance.StringFixed(2)))
			} else {
				nl = append(nl, fmt.Sprintf("%s %s", name.NL, domain.FormatEuro(b.Balance)))
				en = append(en, fmt.Sprintf("%s € %s", name.EN, b.Balance.StringFixed(2)))
			}
		}
		on := ended[id].EndDate.Format("02-01-2006")
		out = append(out, checks.Finding{Rule: RuleReservationsAtEnd, WorkerID: id,
			Message: checks.Text{NL: fmt.Sprintf("Uit dienst per %s; nog gereserveerd zonder uitbetalingsverzoek: %s.", on, strings.Join(nl, ", ")),
				EN: fmt.Sprintf("Employment ended on %s; still reserved without a payout request: %s.", on, strings.Join(en, ", "))}})
	}
	return out
}

// RuleHolidayPayLate warns about vakantiegeld reserved in an earlier
// vakantiebijslagjaar (June–May) that has not been paid out although the
// first week of June has passed: the CAO has it paid in May or at the latest
// in the first week of June, unless it is paid with every wage.
const RuleHolidayPayLate = "RES-VAKGELD"

// HolidayPayRule is RES-VAKGELD in the checklist's catalogue.
var HolidayPayRule = checks.Rule{ID: RuleHolidayPayLate, Group: "loon", Severity: checks.Warning, Gates: []checks.Gate{checks.GatePayroll},
	Title: checks.Text{NL: "Vakantiegeld niet op tijd uitbetaald", EN: "Holiday pay not paid on time"},
	Hint: checks.Text{NL: "Vraag de uitbetaling aan (Verloning → Reserveringen… → Vakantiegeld voor iedereen, of verloner payout request --all --scheme vakantiebijslag).",
		EN: "Request the payout (Payroll → Reservations… → Holiday pay for everyone, or verloner payout request --all --scheme vakantiebijslag)."},
	Source: "CAO voor Uitzendkrachten 2026–2028 (vakantiebijslag in mei, uiterlijk de eerste week van juni); Wml art. 16"}

// holidayPayCut is the start of the vakantiebijslagjaar whose payout deadline
// (7 June) the period's last day has passed most recently: what was reserved
// before it should have been paid by then.
func holidayPayCut(period domain.Period) time.Time {
	end := period.End()
	cut := domain.Date(end.Year(), time.June, 1)
	if end.Before(domain.Date(end.Year(), time.June, 8)) {
		cut = cut.AddDate(-1, 0, 0)
	}
	return cut
}

// holidayPayLateFindings gives a RES-VAKGELD warning per worker whose
// vakantiegeld balance is more than what was reserved since the cut: the
// rest was reserved before it and is overdue (payouts take the oldest money
// first). recent are the vakantiebijslag movements written since a month
// before the cut; of them, accruals of periods that end on or after the cut
// and opening balances taken over on or after it are recent money.
func holidayPayLateFindings(period domain.Period, balances []app.ReservationBalance, recent []app.ReservationMove) []checks.Finding {
	cut := holidayPayCut(period)
	fresh := map[int64]decimal.Decimal{}
	for _, m := range recent {
		if m.Unit != app.UnitMoney || m.Scheme != "vakantiebijslag" {
			continue
		}
		switch {
		case m.Kind == "accrual" && !m.Period.End().Before(cut):
		case m.Kind == "opening" && !m.At.Before(cut):
		default:
			continue
		}
		fresh[m.WorkerID] = fresh[m.WorkerID].Add(m.Amount)
	}
	var out []checks.Finding
	for _, b := range balances {
		if b.Scheme != "vakantiebijslag" || b.Unit != app.UnitMoney {
			continue
		}
		late := b.Balance.Sub(fresh[b.WorkerID])
		if !late.IsPositive() {
			continue
		}
		out = append(out, checks.Finding{Rule: RuleHolidayPayLate, WorkerID: b.WorkerID,
			Message: checks.Text{NL: fmt.Sprintf("%s vakantiegeld van vóór %s is nog niet uitbetaald (uiterlijk in de eerste week van juni).",
				domain.FormatEuro(late), cut.Format("02-01-2006")),
				EN: fmt.Sprintf("€ %s of holiday pay reserved before %s has not been paid (due by the first week of June at the latest).",
					late.StringFixed(2), cut.Format("02-01-2006"))}})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].WorkerID < out[j].WorkerID })
	return out
}
