package checks

import "sync"

// Rule describes one check of the catalogue. Its ID is stable: stored
// checklists, confirmations and payroll runs refer to it.
type Rule struct {
	ID       string
	Group    string // dossier, voorschot, inlener, uren, loon, deadline, inhouding, et, fase
	Severity Severity
	Gates    []Gate
	Title    Text
	Hint     Text
	Source   string // where the rule comes from
}

// Rule IDs. Grouped as in the issue that introduced them.
const (
	DosBSN      = "DOS-BSN"
	DosID       = "DOS-ID"
	DosIDSoon   = "DOS-ID-SOON"
	DosIBAN     = "DOS-IBAN"
	DosContract = "DOS-CONTRACT"
	DosTaxForm  = "DOS-LHK"
	DosDupBSN   = "DOS-DUP-BSN"
	DosDupIBAN  = "DOS-DUP-IBAN"

	AdvBSN    = "ADV-BSN"
	AdvStreak = "ADV-STREAK"
	AdvRepay  = "ADV-REPAY"

	HirCredit    = "HIR-CREDIT"
	HirLimit     = "HIR-LIMIT"
	HirLimitNear = "HIR-LIMIT-NEAR"
	HirRecord    = "HIR-REM"
	HirProof     = "HIR-PROOF"

	HrsNoPlacement = "HRS-NOPLACEMENT"
	HrsOutside     = "HRS-OUTSIDE"
	HrsType        = "HRS-TYPE"
	HrsQuantity    = "HRS-QTY"
	HrsDay12       = "HRS-DAY12"
	HrsWeek60      = "HRS-WEEK60"
	HrsDay24       = "HRS-DAY24"
	HrsSick        = "HRS-SICK"
	HrsSickDay1    = "HRS-SICK-DAY1"

	PayMinWage     = "PAY-WML"
	PayMinWageNone = "PAY-WML-UNKNOWN"
	PayLateChange  = "PAY-LATE"

	DlRegWorker = "DL-REG-WORKER"
	DlRegHirer  = "DL-REG-HIRER"
	DlHours     = "DL-HOURS"
	DlSick      = "DL-SICK"

	DedAuth  = "DED-AUTH"
	DedProof = "DED-PROOF"

	ETProof = "ET-PROOF"

	PhaseA   = "PH-A"
	PhaseB   = "PH-B"
	PhaseEnd = "PH-END"
)

var (
	payrollOnly      = []Gate{GatePayroll}
	payrollAdvance   = []Gate{GatePayroll, GateAdvance}
	payrollInvoice   = []Gate{GatePayroll, GateInvoice}
	advance          = []Gate{GateAdvance}
	payment          = []Gate{GatePayment}
	invoice          = []Gate{GateInvoice}
	deduction        = []Gate{GateDeduction}
	etGate           = []Gate{GateET}
	seed             = "seed 001 Dagelijkse afspraken BackOfficer"
	arbeidstijdenwet = "Arbeidstijdenwet art. 5:7 (max. 12 uur per dienst, 60 uur per week)"
)

var catalogue = []Rule{
	{DosBSN, "dossier", Blocker, payrollAdvance,
		Text{"BSN ontbreekt of voldoet niet aan de elfproef", "BSN missing or failing the 11-test"},
		Text{"Vraag het BSN op (ID-bewijs of brief Belastingdienst) en vul het in. Alleen als u bewust kiest voor het anoniementarief kan de verloning door; een voorschot nooit.",
			"Obtain the BSN (ID document or tax office letter) and enter it. Only if you explicitly choose the anonymous rate can payroll go on; an advance never can."},
		seed + " §Voorschotten; Wet LB art. 26b (anoniementarief)"},
	{DosID, "dossier", Blocker, payrollOnly,
		Text{"ID-bewijs ontbreekt of is verlopen", "ID document missing or expired"},
		Text{"Maak een kopie van een geldig ID-bewijs en leg nummer en vervaldatum vast.", "Copy a valid ID document and record its number and expiry date."},
		"Wet op de identificatieplicht; Wet LB art. 28"},
	{DosIDSoon, "dossier", Warning, payrollOnly,
		Text{"ID-bewijs verloopt binnenkort", "ID document expires soon"},
		Text{"Vraag de uitzendkracht tijdig om het nieuwe ID-bewijs.", "Ask the worker for the new ID document in time."},
		"Wet op de identificatieplicht"},
	{DosIBAN, "dossier", Blocker, payment,
		Text{"IBAN ontbreekt of is ongeldig", "IBAN missing or invalid"},
		Text{"Controleer het rekeningnummer bij de uitzendkracht; het loon kan pas worden overgemaakt met een geldig IBAN.",
			"Check the account number with the worker; wages can only be paid to a valid IBAN."},
		"ISO 13616 (mod 97)"},
	{DosContract, "dossier", Blocker, payrollOnly,
		Text{"Getekende arbeidsovereenkomst ontbreekt", "Signed employment contract missing"},
		Text{"Laat de uitzendovereenkomst tekenen en leg de tekendatum vast.", "Have the temporary employment contract signed and record the signing date."},
		seed + " §Onboardingen, §Arbeidscontracten"},
	{DosTaxForm, "dossier", Warning, payrollOnly,
		Text{"Verklaring loonheffingskorting ontbreekt", "Wage-tax credit statement missing"},
		Text{"Zonder getekende opgaaf past de verloning geen loonheffingskorting toe. Laat de uitzendkracht de opgaaf invullen.",
			"Without a signed statement payroll applies no wage-tax credit. Have the worker fill in the statement."},
		"Wet LB art. 23, 29"},
	{DosDupBSN, "dossier", Warning, payrollOnly,
		Text{"Zelfde BSN bij meer uitzendkrachten", "Same BSN on more than one worker"},
		Text{"Controleer of dit dubbele inschrijvingen zijn of een typefout; voeg dubbele dossiers samen.",
			"Check whether these are duplicate registrations or a typo; merge duplicate files."},
		"dossierkwaliteit"},
	{DosDupIBAN, "dossier", Warning, payment,
		Text{"Zelfde IBAN bij meer uitzendkrachten", "Same IBAN on more than one worker"},
		Text{"Controleer of de rekening echt van beide uitzendkrachten is (bijv. partners); anders is het een fout of fraude.",
			"Check that the account really belongs to both workers (e.g. partners); otherwise it is an error or fraud."},
		"dossierkwaliteit"},

	{AdvBSN, "voorschot", Blocker, advance,
		Text{"Voorschot zonder geldig BSN", "Advance without a valid BSN"},
		Text{"Een voorschot is verlonen en mag niet zonder geldig BSN. De uitzender kan zelf een voorschot geven en dit later laten verrekenen.",
			"An advance is payroll and needs a valid BSN. The intermediary may pay an advance itself and have it settled later."},
		seed + " §Voorschotten"},
	{AdvStreak, "voorschot", Blocker, advance,
		Text{"Te veel weken achter elkaar een voorschot", "Too many consecutive weeks with an advance"},
		Text{"De bevoorschotting stopt; verrekenen met de uitzender. Maak het dossier of de urenverantwoording compleet.",
			"Advancing stops; settle with the intermediary. Complete the file or the proof of hours."},
		seed + " §Onboardingen, §Bewijslast uren (max. twee weken)"},
	{AdvRepay, "voorschot", Warning, payrollOnly,
		Text{"Openstaand voorschot wordt ingehouden", "Open advance to be withheld"},
		Text{"De verloning houdt het voorschot in; controleer het bedrag op de proefloonstrook.", "Payroll withholds the advance; check the amount on the proof payslip."},
		seed + " §Voorschotten"},

	{HirCredit, "inlener", Warning, invoice,
		Text{"Creditcheck ontbreekt of is ouder dan 12 maanden", "Credit check missing or older than 12 months"},
		Text{"Vraag een (nieuwe) creditcheck aan bij de kredietverzekeraar.", "Request a (new) credit check from the credit insurer."},
		seed + " §Proforma's en Creditchecks"},
	{HirLimit, "inlener", Warning, invoice,
		Text{"Kredietlimiet overschreden", "Credit limit exceeded"},
		Text{"Het bedrag boven de limiet is niet verzekerd en wordt gefinancierd voor risico van het bureau. Vraag een hogere limiet aan of spreek vooruitbetaling af.",
			"The amount above the limit is uninsured and financed at the agency's risk. Request a higher limit or agree on prepayment."},
		seed + " §Proforma's en Creditchecks"},
	{HirLimitNear, "inlener", Warning, invoice,
		Text{"Kredietlimiet bijna bereikt", "Credit limit nearly reached"},
		Text{"Vraag tijdig een hogere limiet aan of volg de betalingen van deze inlener nauw.", "Request a higher limit in time or watch this hirer's payments closely."},
		seed + " §Proforma's en Creditchecks"},
	{HirRecord, "inlener", Blocker, payrollOnly,
		Text{"Inlenersbeloning ontbreekt of is niet getekend", "Hirer's remuneration record missing or unsigned"},
		Text{"Laat de inlener de inlenersbeloning volledig invullen en ondertekenen.", "Have the hirer fill in and sign the remuneration record."},
		seed + " §Inlenersbeloning; CAO voor Uitzendkrachten art. 21"},
	{HirProof, "inlener", Blocker, payrollInvoice,
		Text{"Bewijs van uren ontbreekt", "Proof of hours missing"},
		Text{"Deze inlener eist een getekende urenstaat of weekbriefje. Leg het bewijs vast (verloner proof add); eventueel een voorschot.",
			"This hirer requires a signed timesheet. Record the proof (verloner proof add); an advance is possible."},
		seed + " §Bewijslast uren"},

	{HrsNoPlacement, "uren", Blocker, payrollInvoice,
		Text{"Uren zonder actieve plaatsing", "Hours without an active placement"},
		Text{"Maak of verleng de plaatsing, of verwijder de uren.", "Create or extend the placement, or remove the hours."},
		"plaatsing"},
	{HrsOutside, "uren", Blocker, payrollInvoice,
		Text{"Uren buiten de plaatsingsperiode", "Hours outside the placement period"},
		Text{"De uren staan op een plaatsing die op die datum niet loopt terwijl een andere plaatsing wel loopt: boek ze op de juiste plaatsing.",
			"The hours are on a placement that does not run on that date while another one does: book them on the right placement."},
		"plaatsing"},
	{HrsType, "uren", Blocker, payrollInvoice,
		Text{"Uursoort niet afgesproken in de plaatsing", "Hour type not agreed in the placement"},
		Text{"Neem de uursoort met loon- en tariefpercentage op in de plaatsing, of corrigeer de uren.",
			"Add the hour type with its pay and bill percentage to the placement, or correct the hours."},
		"plaatsing"},
	{HrsQuantity, "uren", Blocker, payrollInvoice,
		Text{"Aantal nul of negatief", "Zero or negative quantity"},
		Text{"Corrigeer de regel in het urenbestand en lees het opnieuw in.", "Correct the line in the hours file and import it again."},
		"urenverwerking"},
	{HrsDay12, "uren", Warning, payrollOnly,
		Text{"Meer dan 12 uur gewerkt op één dag", "More than 12 hours worked in one day"},
		Text{"Controleer de uren met de inlener; de Arbeidstijdenwet staat maximaal 12 uur per dienst toe.",
			"Check the hours with the hirer; the Working Hours Act allows at most 12 hours per shift."},
		arbeidstijdenwet},
	{HrsWeek60, "uren", Warning, payrollOnly,
		Text{"Meer dan 60 uur gewerkt in één week", "More than 60 hours worked in one week"},
		Text{"Controleer de uren met de inlener; de Arbeidstijdenwet staat maximaal 60 uur per week toe.",
			"Check the hours with the hirer; the Working Hours Act allows at most 60 hours per week."},
		arbeidstijdenwet},
	{HrsDay24, "uren", Blocker, payrollInvoice,
		Text{"Meer dan 24 uur op één dag", "More than 24 hours in one day"},
		Text{"Onmogelijk aantal uren: zoek de dubbele of verkeerd gedateerde regels en corrigeer ze.",
			"Impossible number of hours: find the duplicate or misdated lines and correct them."},
		"urenverwerking"},
	{HrsSick, "uren", Blocker, payrollOnly,
		Text{"Gewerkte uren op een ziektedag", "Hours worked on a sick day"},
		Text{"De uitzendkracht is ziek gemeld: corrigeer de uren of de ziekmelding (hersteldatum).",
			"The worker is reported sick: correct the hours or the sick report (recovery date)."},
		seed + " §Ziekmeldingen"},
	{HrsSickDay1, "uren", Warning, payrollOnly,
		Text{"Gewerkte uren op de eerste ziektedag", "Hours worked on the first sick day"},
		Text{"Normaal als de uitzendkracht tijdens het werk ziek naar huis ging; controleer anders de uren.",
			"Normal when the worker went home sick during the shift; otherwise check the hours."},
		seed + " §Ziekmeldingen"},

	{PayMinWage, "loon", Blocker, payrollOnly,
		Text{"Uurloon onder het wettelijk minimumloon", "Hourly wage below the statutory minimum wage"},
		Text{"Verhoog het uurloon in de plaatsing tot ten minste het minimumloon voor de leeftijd.",
			"Raise the placement's hourly wage to at least the minimum wage for the worker's age."},
		"Wet minimumloon art. 7, 8; CAO voor Uitzendkrachten art. 26 lid 4"},
	{PayMinWageNone, "loon", Warning, payrollOnly,
		Text{"Minimumloon niet te controleren", "Minimum wage cannot be checked"},
		Text{"Laad het parameterpakket van dit jaar (Instellingen → Parameters).", "Load this year's parameter pack (Settings → Parameters)."},
		"domain/params"},
	{PayLateChange, "loon", Warning, payrollOnly,
		Text{"Loon of tarief gewijzigd na de deadline", "Wage or rate changed after the deadline"},
		Text{"De wijziging wordt in de volgende verloning meegenomen, tenzij u bevestigt dat ze nu mee moet.",
			"The change is taken along in the next payroll unless you confirm it for this one."},
		seed + " §Doorgeven wijzigingen"},

	{DlRegWorker, "deadline", Warning, payrollOnly,
		Text{"Uitzendkracht te laat aangemeld", "Worker registered late"},
		Text{"Aanmelden uiterlijk vrijdag voor de werkweek. Alternatief: een voorschot en verrekenen in de week erna.",
			"Register by Friday before the work week. Alternative: an advance settled the week after."},
		seed + " §Aanmelden nieuwe uitzendkrachten/inleners"},
	{DlRegHirer, "deadline", Warning, invoice,
		Text{"Inlener te laat aangemeld", "Hirer registered late"},
		Text{"Aanmelden uiterlijk vrijdag voor de werkweek; controleer creditcheck en inlenersbeloning extra.",
			"Register by Friday before the work week; double-check credit check and remuneration record."},
		seed + " §Aanmelden nieuwe uitzendkrachten/inleners"},
	{DlHours, "deadline", Warning, payrollInvoice,
		Text{"Uren te laat aangeleverd", "Hours delivered late"},
		Text{"Goedgekeurde uren uiterlijk dinsdag 13:00. Late uren kunnen naar de volgende verloning schuiven.",
			"Approved hours by Tuesday 13:00. Late hours may move to the next payroll."},
		seed + " §Aanleveren uren"},
	{DlSick, "deadline", Warning, payrollOnly,
		Text{"Ziekmelding te laat", "Sick report late"},
		Text{"Ziekmelden voor 09:30, bij ploegen uiterlijk 3 uur voor aanvang van de dienst.",
			"Report sick before 09:30, for shifts at least 3 hours before the shift starts."},
		seed + " §Ziekmeldingen"},

	{DedAuth, "inhouding", Blocker, deduction,
		Text{"Inhouding zonder getekende machtiging", "Deduction without signed authorisation"},
		Text{"Deze inhouding wordt niet toegepast; de rest van de loonstrook gaat door. Laat de machtiging tekenen.",
			"This deduction is not applied; the rest of the payslip goes on. Have the authorisation signed."},
		seed + " §Inhoudingen boetes/bekeuringen; BW 7:632"},
	{DedProof, "inhouding", Blocker, deduction,
		Text{"Boete of bekeuring zonder bewijs", "Fine or ticket without proof"},
		Text{"Deze inhouding wordt niet toegepast; de rest van de loonstrook gaat door. Lever het bewijs aan.",
			"This deduction is not applied; the rest of the payslip goes on. Provide the proof."},
		seed + " §Inhoudingen boetes/bekeuringen"},

	{ETProof, "et", Warning, etGate,
		Text{"Bewijslast ET-regeling onvolledig", "ET scheme proof incomplete"},
		Text{"Zonder bewijs van reiskosten, woning in het herkomstland en SNF-gekeurde huisvesting wordt niet uitgeruild.",
			"Without proof of travel costs, a home abroad and SNF-certified housing nothing is exchanged."},
		seed + " §ET-Regeling; CAO voor Uitzendkrachten art. 37"},

	{PhaseA, "fase", Warning, payrollOnly,
		Text{"Fase A bijna vol", "Phase A nearly used up"},
		Text{"Plan de overgang naar fase B (contract zonder uitzendbeding) of beëindig tijdig.",
			"Plan the move to phase B (contract without uitzendbeding) or end in time."},
		"CAO voor Uitzendkrachten 2026–2028 art. 14 (52 gewerkte weken)"},
	{PhaseB, "fase", Warning, payrollOnly,
		Text{"Grens fase B in zicht", "Phase B limit approaching"},
		Text{"Na de maximale duur of het maximale aantal contracten volgt fase C (onbepaalde tijd).",
			"After the maximum duration or number of contracts phase C (open-ended) follows."},
		"CAO voor Uitzendkrachten 2026–2028 art. 14 (3 jaar, 6 contracten)"},
	{PhaseEnd, "fase", Warning, payrollOnly,
		Text{"Contract of plaatsing loopt binnenkort af", "Contract or placement ends soon"},
		Text{"Besluit tijdig over verlengen en let op de aanzegtermijn.", "Decide on extension in time and mind the notice period."},
		"BW 7:668 (aanzegging); CAO voor Uitzendkrachten"},
}

// The catalogue grows by Register after package initialisation; catalogueMu
// guards it and ruleIndex.
var (
	catalogueMu sync.RWMutex
	ruleIndex   = func() map[string]int {
		m := make(map[string]int, len(catalogue))
		for i, r := range catalogue {
			m[r.ID] = i
		}
		return m
	}()
)

// Register adds rules that are defined outside this package to the catalogue:
// the contract checks (domain/contract.Rules) and the absence deadline
// (app/absence.Rule) live with the packages that find them, and those import
// this one, so the catalogue cannot import them. app/checking registers them
// in its init function, before any checklist is made. Registered rules come
// after the built-in ones (in the order registered), so that findings sort in
// a stable place; they have titles in the exports and can be confirmed like
// any other warning. A rule whose ID is already in the catalogue replaces it
// in place, so registering twice is harmless.
func Register(rules ...Rule) {
	catalogueMu.Lock()
	defer catalogueMu.Unlock()
	for _, r := range rules {
		if r.ID == "" {
			continue
		}
		r.Gates = append([]Gate(nil), r.Gates...)
		if i, ok := ruleIndex[r.ID]; ok {
			catalogue[i] = r
			continue
		}
		ruleIndex[r.ID] = len(catalogue)
		catalogue = append(catalogue, r)
	}
}

// Rules returns the catalogue in display order.
func Rules() []Rule {
	catalogueMu.RLock()
	defer catalogueMu.RUnlock()
	return append([]Rule(nil), catalogue...)
}

// RuleByID returns the rule with the given ID.
func RuleByID(id string) (Rule, bool) {
	catalogueMu.RLock()
	defer catalogueMu.RUnlock()
	i, ok := ruleIndex[id]
	if !ok {
		return Rule{}, false
	}
	return catalogue[i], true
}

func ruleOrder(id string) int {
	catalogueMu.RLock()
	defer catalogueMu.RUnlock()
	if i, ok := ruleIndex[id]; ok {
		return i
	}
	return len(catalogue)
}
