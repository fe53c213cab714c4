package payroll

import "verloner/domain"

// Line codes. Hour lines use the hour-type code (NORM, OW125, …).
const (
	CodeWaitingDay     = "WACHTDAG"
	CodeTravelUntaxed  = "REIS_ONBELAST"
	CodeTravelTaxed    = "REIS_BELAST"
	CodeExpenses       = "DECL"
	CodeETExchange     = "ET_UITRUIL"
	CodeETAllowance    = "ET_VERGOEDING"
	CodePensionEE      = "PENSIOEN_WN"
	CodeWageTax        = "LOONHEFFING"
	CodeWageTaxSpecial = "LOONHEFFING_BB"
	CodeAdvance        = "VOORSCHOT"
	CodeZvw            = "ZVW_WG"
	CodeAWf            = "AWF"
	CodeAof            = "AOF"
	CodeWko            = "WKO"
	CodeWhk            = "WHK"
	CodePensionER      = "PENSIOEN_WG"
	// Reservation lines are RES_<scheme>, weekly payments WEEK_<scheme>,
	// payouts UITB_<scheme>.
)

var (
	textNorm           = Text{"Gewerkte uren", "Hours worked", "Przepracowane godziny"}
	textOW125          = Text{"Overuren 125%", "Overtime 125%", "Nadgodziny 125%"}
	textOW150          = Text{"Overuren 150%", "Overtime 150%", "Nadgodziny 150%"}
	textOW200          = Text{"Overuren 200%", "Overtime 200%", "Nadgodziny 200%"}
	textORT            = Text{"Uren met onregelmatigheidstoeslag (ORT)", "Irregular hours (shift allowance)", "Godziny z dodatkiem za pracę w nieregularnych godzinach"}
	textFeest          = Text{"Feestdag doorbetaald", "Public holiday paid", "Płatne święto"}
	textVak            = Text{"Vakantie-uren opgenomen", "Holiday hours taken", "Wykorzystane godziny urlopu"}
	textZiek           = Text{"Ziekte-uren", "Sick hours", "Godziny choroby"}
	textWaitingDay     = Text{"Wachtdag ziekte (onbetaald)", "Sickness waiting day (unpaid)", "Dzień karencji w chorobie (bezpłatny)"}
	textPaidFromWeekly = Text{"Verlofuren (reservering al wekelijks uitbetaald)", "Leave hours (reservation already paid weekly)", "Godziny urlopu (rezerwa wypłacona już co tydzień)"}
	textTravelUntaxed  = Text{"Reiskostenvergoeding onbelast", "Travel allowance (untaxed)", "Zwrot kosztów podróży (nieopodatkowany)"}
	textTravelTaxed    = Text{"Reiskostenvergoeding belast (boven vrijgestelde km-vergoeding)", "Travel allowance taxed (above the exempt rate per km)", "Zwrot kosztów podróży opodatkowany (powyżej stawki zwolnionej za km)"}
	textExpenses       = Text{"Declaraties (onkostenvergoeding)", "Expense refunds", "Zwrot wydatków"}
	textETExchange     = Text{"Uitruil brutoloon voor ET-vergoeding", "Gross wage exchanged for ET allowance", "Zamiana wynagrodzenia brutto na zwrot kosztów ET"}
	textETAllowance    = Text{"ET-vergoeding (extraterritoriale kosten, onbelast)", "ET allowance (extraterritorial costs, untaxed)", "Zwrot kosztów eksterytorialnych ET (nieopodatkowany)"}
	textPensionEE      = Text{"Pensioenpremie StiPP werknemersdeel", "StiPP pension contribution (employee)", "Składka emerytalna StiPP (część pracownika)"}
	textWageTax        = Text{"Loonheffing", "Wage tax", "Podatek od wynagrodzenia (loonheffing)"}
	textWageTaxSpecial = Text{"Loonheffing bijzondere beloning", "Wage tax on special payment", "Podatek od wypłaty jednorazowej (bijzondere beloning)"}
	textAdvance        = Text{"Verrekening voorschot", "Advance repaid", "Spłata zaliczki"}
	textZvw            = Text{"Werkgeversheffing Zvw", "Employer health insurance levy (Zvw)", "Składka pracodawcy na ubezpieczenie zdrowotne (Zvw)"}
	textAWfLow         = Text{"Premie WW (AWf laag)", "Unemployment insurance (AWf low)", "Składka na ubezpieczenie od bezrobocia (AWf niska)"}
	textAWfHigh        = Text{"Premie WW (AWf hoog)", "Unemployment insurance (AWf high)", "Składka na ubezpieczenie od bezrobocia (AWf wysoka)"}
	textAof            = Text{"Premie arbeidsongeschiktheidsfonds (Aof)", "Disability insurance (Aof)", "Składka na ubezpieczenie od niezdolności do pracy (Aof)"}
	textWko            = Text{"Opslag kinderopvang (Wko)", "Childcare surcharge (Wko)", "Dopłata na opiekę nad dziećmi (Wko)"}
	textWhk            = Text{"Premie Werkhervattingskas (Whk)", "Return-to-work fund (Whk)", "Składka na fundusz powrotu do pracy (Whk)"}
	textPensionER      = Text{"Pensioenpremie StiPP werkgeversdeel", "StiPP pension contribution (employer)", "Składka emerytalna StiPP (część pracodawcy)"}
)

var deductionTexts = map[domain.DeductionKind]Text{
	domain.DeductionFine:    {"Boete", "Fine", "Kara"},
	domain.DeductionTicket:  {"Verkeersboete (bekeuring)", "Traffic fine", "Mandat drogowy"},
	domain.DeductionDamage:  {"Schadevergoeding", "Damages", "Odszkodowanie za szkodę"},
	domain.DeductionHousing: {"Inhouding huisvesting", "Housing deduction", "Potrącenie za zakwaterowanie"},
	domain.DeductionOther:   {"Inhouding", "Deduction", "Potrącenie"},
}

// deductionCodes are the line codes INH_<kind>, built once.
var deductionCodes = func() map[domain.DeductionKind]string {
	m := map[domain.DeductionKind]string{}
	for k := range deductionTexts {
		m[k] = "INH_" + string(k)
	}
	return m
}()

// SchemeNames name the reservation schemes (the pack's names) wherever a
// balance is shown: the payslip's reservations block, the checklist, the
// reservations statement and the GUI.
var SchemeNames = map[string]domain.Phrase{
	SchemeHolidayPay:   {NL: "Vakantiegeld", EN: "Holiday pay", PL: "Dodatek urlopowy"},
	SchemeHolidayHours: {NL: "Vakantie-uren", EN: "Holiday hours", PL: "Godziny urlopowe"},
	SchemePublicDays:   {NL: "Feestdagen", EN: "Public holidays", PL: "Święta"},
	SchemeShortLeave:   {NL: "Kort verzuim", EN: "Short leave", PL: "Krótkie nieobecności"},
}

type schemeText struct{ reserved, weekly, payout Text }

var schemeTexts = map[string]schemeText{
	SchemeHolidayPay: {
		Text{"Reservering vakantiegeld", "Holiday pay reserved", "Rezerwa na dodatek urlopowy"},
		Text{"Vakantiegeld (wekelijks uitbetaald)", "Holiday pay (paid weekly)", "Dodatek urlopowy (wypłacany co tydzień)"},
		Text{"Uitbetaling vakantiegeld", "Holiday pay paid out", "Wypłata dodatku urlopowego"},
	},
	SchemeHolidayHours: {
		Text{"Reservering vakantiedagen", "Holiday days reserved", "Rezerwa na dni urlopu"},
		Text{"Vakantiedagen (wekelijks uitbetaald)", "Holiday days (paid weekly)", "Dni urlopu (wypłacane co tydzień)"},
		Text{"Uitbetaling vakantiedagen", "Holiday days paid out", "Wypłata za dni urlopu"},
	},
	SchemePublicDays: {
		Text{"Reservering feestdagen", "Public holidays reserved", "Rezerwa na święta"},
		Text{"Feestdagen (wekelijks uitbetaald)", "Public holidays (paid weekly)", "Święta (wypłacane co tydzień)"},
		Text{"Uitbetaling feestdagen", "Public holidays paid out", "Wypłata za święta"},
	},
	SchemeShortLeave: {
		Text{"Reservering kort verzuim", "Short leave reserved", "Rezerwa na krótkie nieobecności"},
		Text{"Kort verzuim (wekelijks uitbetaald)", "Short leave (paid weekly)", "Krótkie nieobecności (wypłacane co tydzień)"},
		Text{"Uitbetaling kort verzuim", "Short leave paid out", "Wypłata za krótkie nieobecności"},
	},
}

// Precomputed line codes, so that no string is built per payslip.
var (
	resCodes    = map[string]string{}
	weeklyCodes = map[string]string{}
	payoutCodes = map[string]string{}
)

func init() {
	for name := range schemeTexts {
		resCodes[name] = "RES_" + name
		weeklyCodes[name] = "WEEK_" + name
		payoutCodes[name] = "UITB_" + name
	}
}
