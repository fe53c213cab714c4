package checks

import (
	"fmt"
	"sort"
	"strings"

	"verloner/domain"
)

// dossier runs rule group 1: the worker's file (BSN, ID, IBAN, contract,
// loonheffingskorting statement, duplicates).
func (ev *evaluator) dossier() {
	bsnOwners, ibanOwners := map[string][]*domain.Worker{}, map[string][]*domain.Worker{}
	for _, w := range ev.in.Workers {
		if w == nil {
			continue
		}
		if b := domain.NormalizeBSN(w.BSN); b != "" {
			bsnOwners[b] = append(bsnOwners[b], w)
		}
		if i := domain.NormalizeIBAN(w.IBAN); i != "" {
			ibanOwners[i] = append(ibanOwners[i], w)
		}
	}
	for _, w := range ev.scopedWorkers() {
		ev.dossierBSN(w)
		ev.dossierID(w)
		if nl, en := ibanReason(w.IBAN); nl != "" {
			ev.add(Finding{Rule: DosIBAN, WorkerID: w.ID, Message: Text{nl + " Het loon kan niet worden overgemaakt.", en + " Wages cannot be paid."}})
		}
		if w.ContractSignedOn.IsZero() {
			ev.add(Finding{Rule: DosContract, WorkerID: w.ID, Message: Text{
				"Geen getekende arbeidsovereenkomst (" + orDash(w.ContractType) + ").",
				"No signed employment contract (" + orDash(w.ContractType) + ")."}})
		}
		if w.TaxCreditSignedOn.IsZero() {
			ev.add(Finding{Rule: DosTaxForm, WorkerID: w.ID, Message: Text{
				"Geen getekende opgaaf loonheffingskorting: de korting wordt niet toegepast.",
				"No signed wage-tax credit statement: the credit is not applied."}})
		}
		if others := otherOwners(bsnOwners[domain.NormalizeBSN(w.BSN)], w); len(others) > 0 {
			m := domain.MaskBSN(w.BSN)
			ev.add(Finding{Rule: DosDupBSN, WorkerID: w.ID, Message: Text{
				"BSN " + m + " staat ook bij " + others + ".", "BSN " + m + " is also on " + others + "."}})
		}
		if others := otherOwners(ibanOwners[domain.NormalizeIBAN(w.IBAN)], w); len(others) > 0 {
			m := domain.MaskIBAN(w.IBAN)
			ev.add(Finding{Rule: DosDupIBAN, WorkerID: w.ID, Message: Text{
				"IBAN " + m + " staat ook bij " + others + ".", "IBAN " + m + " is also on " + others + "."}})
		}
	}
}

func (ev *evaluator) dossierBSN(w *domain.Worker) {
	nl, en := bsnReason(w.BSN)
	if nl == "" {
		return
	}
	probe := Finding{Rule: DosBSN, WorkerID: w.ID}
	if c, ok := ev.confirmation(&probe); ok {
		// The user explicitly chose the anonymous rate: payroll may go on, an
		// advance still may not (ADV-BSN and AdvanceAllowed refuse it).
		ev.add(Finding{Rule: DosBSN, Severity: Warning, Gates: []Gate{GatePayroll}, WorkerID: w.ID, Note: confirmNote(c),
			Message: Text{nl + " Anoniementarief gekozen: loonheffing tegen het anoniementarief, geen voorschot mogelijk.",
				en + " Anonymous rate chosen: wage tax at the anonymous rate, no advance possible."},
			Hint: Text{"Vul het BSN in zodra het bekend is; daarna vervalt het anoniementarief.",
				"Enter the BSN as soon as it is known; the anonymous rate then ends."}})
		return
	}
	ev.add(Finding{Rule: DosBSN, WorkerID: w.ID, Message: Text{nl + " Geen verloning en geen voorschot.", en + " No payroll and no advance."}})
}

func (ev *evaluator) dossierID(w *domain.Worker) {
	id := w.Identity
	switch exp := domain.DateOf(id.Expiry); {
	case strings.TrimSpace(id.Number) == "" || id.Expiry.IsZero():
		ev.add(Finding{Rule: DosID, WorkerID: w.ID, Message: Text{
			"Geen ID-bewijs vastgelegd (nummer en vervaldatum).", "No ID document on file (number and expiry date)."}})
	case ev.p.Kind != "" && exp.Before(ev.end):
		ev.add(Finding{Rule: DosID, WorkerID: w.ID, Message: Text{
			fmt.Sprintf("ID-bewijs (%s) verlopen op %s.", orDash(id.Type), dateNL(exp)),
			fmt.Sprintf("ID document (%s) expired on %s.", orDash(id.Type), dateNL(exp))}})
	case ev.p.Kind != "" && exp.Before(ev.end.AddDate(0, 0, ev.s.IDExpiryWarnDays+1)):
		ev.add(Finding{Rule: DosIDSoon, WorkerID: w.ID, Message: Text{
			fmt.Sprintf("ID-bewijs (%s) verloopt op %s.", orDash(id.Type), dateNL(exp)),
			fmt.Sprintf("ID document (%s) expires on %s.", orDash(id.Type), dateNL(exp))}})
	}
}

// otherOwners names the workers other than w in owners: "1025 Thijs van Leeuwen".
func otherOwners(owners []*domain.Worker, w *domain.Worker) string {
	var names []string
	for _, o := range owners {
		if o.ID != w.ID {
			names = append(names, workerLabel(o))
		}
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}

func orDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "—"
	}
	return s
}
