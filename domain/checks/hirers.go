package checks

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"

	"verloner/domain"
)

// hirerRules runs rule group 3: credit check, credit limit against open
// receivables plus this period's invoice, the remuneration record and the
// proof of hours.
func (ev *evaluator) hirerRules() {
	for _, h := range ev.scopedHirers() {
		ev.creditCheck(h)
		ev.creditLimit(h)
		placements, workers := ev.hirerActivity(h.ID)
		if !h.Remuneration.Signed() {
			what, whatEN := "is niet getekend", "is not signed"
			if strings.TrimSpace(h.Remuneration.CAO) == "" && len(h.Remuneration.Components) == 0 {
				what, whatEN = "ontbreekt", "is missing"
			}
			ev.add(Finding{Rule: HirRecord, HirerID: h.ID, Workers: workers, Message: Text{
				fmt.Sprintf("Inlenersbeloning van %s %s: verloning van %d plaatsing(en) geblokkeerd (%s).", hirerLabel(h), what, len(placements), placementNumbers(placements)),
				fmt.Sprintf("Remuneration record of %s %s: payroll of %d placement(s) blocked (%s).", hirerLabel(h), whatEN, len(placements), placementNumbers(placements))}})
		}
		if h.ProofOfHours {
			for _, p := range placements {
				if ev.hasProof(h.ID, p.ID) {
					continue
				}
				hours := ev.placementHours(p.ID)
				nl, en := numText(hours)
				ev.add(Finding{Rule: HirProof, WorkerID: p.WorkerID, HirerID: h.ID, PlacementID: p.ID, Placement: p.Number, Message: Text{
					fmt.Sprintf("%s eist bewijs van uren; voor plaatsing %s (%s uur in %s) is niets vastgelegd.", hirerLabel(h), p.Number, nl, ev.p),
					fmt.Sprintf("%s requires proof of hours; none recorded for placement %s (%s hours in %s).", hirerLabel(h), p.Number, en, ev.p)}})
			}
		}
	}
}

func (ev *evaluator) creditCheck(h *domain.Hirer) {
	switch {
	case h.CreditCheckedOn.IsZero():
		ev.add(Finding{Rule: HirCredit, HirerID: h.ID, Message: Text{
			"Geen creditcheck vastgelegd: facturen zijn niet verzekerd.", "No credit check on file: invoices are not insured."}})
	case ev.p.Kind != "" && domain.DateOf(h.CreditCheckedOn).AddDate(0, ev.s.CreditCheckMaxMonths, 0).Before(ev.end):
		ev.add(Finding{Rule: HirCredit, HirerID: h.ID, Message: Text{
			fmt.Sprintf("Creditcheck van %s is ouder dan %d maanden.", dateNL(h.CreditCheckedOn), ev.s.CreditCheckMaxMonths),
			fmt.Sprintf("Credit check of %s is older than %d months.", dateNL(h.CreditCheckedOn), ev.s.CreditCheckMaxMonths)}})
	}
}

// creditLimit compares the exposure (open receivables plus the estimated
// invoice of the period, VAT included unless reverse-charged: the insurer
// covers the receivable, which includes VAT) with the insured limit.
func (ev *evaluator) creditLimit(h *domain.Hirer) {
	invoice := domain.RoundCents(ev.invoiceEstimate(h.ID))
	gross := invoice
	vatNL, vatEN := "incl. btw", "incl. VAT"
	if h.ReverseCharge {
		vatNL, vatEN = "btw verlegd", "VAT reverse-charged"
	} else {
		gross = domain.RoundCents(invoice.Add(invoice.Mul(ev.s.VATPercent).Div(domain.Hundred)))
	}
	open := ev.in.OpenReceivables[h.ID]
	exposure := open.Add(gross)
	if !exposure.IsPositive() {
		return
	}
	oNL, oEN := euroText(open)
	gNL, gEN := euroText(gross)
	basisNL := fmt.Sprintf("openstaand %s + factuur %s ca. %s %s", oNL, ev.p, gNL, vatNL)
	basisEN := fmt.Sprintf("open %s + invoice %s approx. %s %s", oEN, ev.p, gEN, vatEN)
	limit := h.CreditLimit
	lNL, lEN := euroText(limit)
	switch {
	case !limit.IsPositive():
		eNL, eEN := euroText(exposure)
		ev.add(Finding{Rule: HirLimit, HirerID: h.ID, Message: Text{
			fmt.Sprintf("Geen verzekerde kredietlimiet: %s voor risico van het bureau (%s).", eNL, basisNL),
			fmt.Sprintf("No insured credit limit: %s at the agency's risk (%s).", eEN, basisEN)}})
	case exposure.GreaterThan(limit):
		over := exposure.Sub(limit)
		xNL, xEN := euroText(over)
		ev.add(Finding{Rule: HirLimit, HirerID: h.ID, Message: Text{
			fmt.Sprintf("%s boven de kredietlimiet van %s, voor risico van het bureau (%s).", xNL, lNL, basisNL),
			fmt.Sprintf("%s above the credit limit of %s, at the agency's risk (%s).", xEN, lEN, basisEN)}})
	case exposure.Mul(domain.Hundred).GreaterThanOrEqual(limit.Mul(decimal.NewFromInt(int64(ev.s.CreditNearPercent)))):
		pct := exposure.Mul(domain.Hundred).Div(limit).Round(0)
		ev.add(Finding{Rule: HirLimitNear, HirerID: h.ID, Message: Text{
			fmt.Sprintf("%s%% van de kredietlimiet van %s gebruikt (%s).", pct, lNL, basisNL),
			fmt.Sprintf("%s%% of the credit limit of %s used (%s).", pct, lEN, basisEN)}})
	}
}

// invoiceEstimate is the period's invoice excl. VAT from the delivered hours:
// quantity × billing rate × bill % for hour types that are billed (not
// holiday or sick hours), re-billed expenses at bill %, kilometres not at all
// (no per-km billing rate exists yet).
func (ev *evaluator) invoiceEstimate(hirerID int64) decimal.Decimal {
	total := decimal.Zero
	for _, p := range ev.activeByHirer[hirerID] {
		for _, l := range ev.lines[p.ID] {
			pct := l.BillPercent
			if pct.IsZero() {
				r, _ := p.Rate(l.Type)
				pct = r.BillPercent
			}
			switch {
			case l.Type == domain.HourExpenses:
				total = total.Add(l.Quantity.Mul(pct).Div(domain.Hundred))
			case l.Type.IsHours() && l.Type != domain.HourVacation && l.Type != domain.HourSick:
				total = total.Add(l.Quantity.Mul(p.BillingRate).Mul(pct).Div(domain.Hundred))
			}
		}
	}
	return total
}

// hirerActivity returns the hirer's placements with hours in the period and their workers.
func (ev *evaluator) hirerActivity(hirerID int64) ([]*domain.Placement, []int64) {
	var ps []*domain.Placement
	var ws []int64
	seen := map[int64]bool{}
	for _, p := range ev.activeByHirer[hirerID] {
		ps = append(ps, p)
		if !seen[p.WorkerID] {
			seen[p.WorkerID] = true
			ws = append(ws, p.WorkerID)
		}
	}
	return ps, ws
}

// hasProof reports whether a proof of the period covers the placement: one
// for the placement or one for all of the hirer's placements (HourProof.Covers).
func (ev *evaluator) hasProof(hirerID, placementID int64) bool {
	return ev.proofs[[2]int64{hirerID, 0}] || ev.proofs[[2]int64{hirerID, placementID}]
}

// placementHours sums the hour quantities (not km or euros) of a placement in the period.
func (ev *evaluator) placementHours(placementID int64) decimal.Decimal {
	sum := decimal.Zero
	for _, l := range ev.lines[placementID] {
		if l.Type.IsHours() {
			sum = sum.Add(l.Quantity)
		}
	}
	return sum
}

func placementNumbers(ps []*domain.Placement) string {
	s := make([]string, len(ps))
	for i, p := range ps {
		s[i] = p.Number
	}
	return strings.Join(s, ", ")
}
