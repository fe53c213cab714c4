package checks

import (
	"fmt"
	"sort"
	"strings"

	"verloner/domain"
)

// deductions runs rule group 7: a deduction without the worker's signed
// authorisation, or a fine/ticket/damage without proof, is not applied (a
// blocker on that deduction only; the payslip goes on).
func (ev *evaluator) deductions() {
	var ds []*domain.Deduction
	for _, d := range ev.in.Deductions {
		if d != nil && d.Period == ev.p {
			ds = append(ds, d)
		}
	}
	sort.Slice(ds, func(i, j int) bool { return ds[i].ID < ds[j].ID })
	for _, d := range ds {
		w := ev.workers[d.WorkerID]
		aNL, aEN := euroText(d.Amount)
		what := string(d.Kind)
		if d.Description != "" {
			what += ": " + d.Description
		}
		ref := fmt.Sprintf("inhouding %d", d.ID)
		if w == nil || w.DeductionAuthSigned.IsZero() {
			ev.add(Finding{Rule: DedAuth, WorkerID: d.WorkerID, Ref: ref, Message: Text{
				fmt.Sprintf("Inhouding %s (%s) niet toegepast: geen getekende machtiging.", aNL, what),
				fmt.Sprintf("Deduction %s (%s) not applied: no signed authorisation.", aEN, what)}})
		}
		if d.Kind.IsPenalty() && !d.HasProof() {
			ev.add(Finding{Rule: DedProof, WorkerID: d.WorkerID, Ref: ref, Message: Text{
				fmt.Sprintf("Inhouding %s (%s) niet toegepast: geen bewijs aangeleverd.", aNL, what),
				fmt.Sprintf("Deduction %s (%s) not applied: no proof provided.", aEN, what)}})
		}
	}
}

// et runs rule group 8: the ET-regeling needs proof of travel costs, of a
// home abroad and of SNF-certified housing; without it nothing is exchanged.
func (ev *evaluator) et() {
	for _, w := range ev.scopedWorkers() {
		if !w.ETEligible || !ev.worked[w.ID] || w.ET.Complete() {
			continue
		}
		var nl, en []string
		if w.ET.TravelCosts.IsZero() {
			nl, en = append(nl, "reiskosten"), append(en, "travel costs")
		}
		if w.ET.HomeAbroad.IsZero() {
			nl, en = append(nl, "woning in het herkomstland"), append(en, "home abroad")
		}
		if w.ET.HousingSNF.IsZero() {
			nl, en = append(nl, "SNF-gekeurde huisvesting"), append(en, "SNF-certified housing")
		}
		f := Finding{Rule: ETProof, WorkerID: w.ID, Message: Text{
			"Bewijs ontbreekt van: " + strings.Join(nl, ", ") + ". ET-regeling wordt niet toegepast.",
			"Proof missing of: " + strings.Join(en, ", ") + ". The ET scheme is not applied."}}
		if ev.s.ETMissingProofBlocks {
			f.Severity = Blocker
		}
		ev.add(f)
	}
}
