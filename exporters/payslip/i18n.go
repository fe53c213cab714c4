package payslip

import (
	"time"

	"verloner/domain"
	"verloner/domain/payroll"
)

// tr is a document text in Dutch, English and Polish (domain.Phrase).
type tr domain.Phrase

func (t tr) in(l domain.Language) string { return domain.Phrase(t).In(l) }

// key names a label of the payslip. Every key has a text in labels; the
// tests check that each has all three languages.
type key int

const (
	kTitle key = iota
	kConceptNotice
	kEmployer
	kEmployee
	kName
	kAddress
	kLoonheffingenNr
	kKvK
	kPersonnelNr
	kBirthDate
	kBSN
	kIBAN
	kPhase
	kPeriod
	kPayDate
	kAgreedHours
	kHoursPerWeek
	kNoFixedHours
	kMinimumWage
	kMinimumWagePeriod
	kAge
	kTaxCredit
	kYes
	kNo
	kTaxTable
	kWhiteTable
	kAOWTable
	kAnonymous
	kAssignments
	kPlacementNr
	kHirer
	kFunction
	kHourlyWage
	kHoursPerDay
	kDate
	kDay
	kHourType
	kHours
	kPercent
	kTotal
	kWageTitle
	kDescription
	kQuantity
	kBase
	kAmount
	kGross
	kTotalGross
	kTaxableWage
	kNetAfterTax
	kUntaxed
	kNetDeductions
	kNetPay
	kSpecialMark
	kTaxDetails
	kTableWage
	kSpecialWage
	kWageTaxTable
	kWageTaxSpecial
	kSpecialRate
	kJaarloon
	kLabourCredit
	kPensionBase
	kPensionEmployee
	kETExchanged
	kYearToDate
	kPeriods
	kWageTaxWithheld
	kNet
	kReservations
	kScheme
	kBalanceBefore
	kAccrued
	kDrawn
	kBalanceAfter
	kHoursUnit
	kEmployerCosts
	kEmployerCostsTotal
	kWageCost
	kWageCostPerHour
	kPayment
	kPaymentNoIBAN
	kRun
	kCreated
	kPage
	kKm
	kDays
	kPieces
	kWeekN
	kAWfLow
	kPeriodN
	numKeys // not a label
)

// labels holds every fixed text. Formats (with %s, %d) take the same verbs in
// every language.
var labels = [numKeys]tr{
	kTitle:              {"Loonstrook", "Payslip", "Pasek wynagrodzenia"},
	kConceptNotice:      {"CONCEPT – proefberekening, geen betaling", "CONCEPT – proof calculation, not a payment", "CONCEPT – wyliczenie próbne, nie jest wypłatą"},
	kEmployer:           {"Werkgever", "Employer", "Pracodawca"},
	kEmployee:           {"Werknemer", "Employee", "Pracownik"},
	kName:               {"Naam", "Name", "Imię i nazwisko"},
	kAddress:            {"Adres", "Address", "Adres"},
	kLoonheffingenNr:    {"Loonheffingennummer", "Payroll tax number", "Numer płatnika podatku"},
	kKvK:                {"KvK-nummer", "Chamber of Commerce no.", "Numer KvK"},
	kPersonnelNr:        {"Personeelsnummer", "Employee number", "Numer pracownika"},
	kBirthDate:          {"Geboortedatum", "Date of birth", "Data urodzenia"},
	kBSN:                {"BSN", "BSN (citizen service no.)", "BSN (numer obywatelski)"},
	kIBAN:               {"IBAN", "IBAN", "IBAN"},
	kPhase:              {"Fase (CAO)", "Phase (CAO)", "Faza (CAO)"},
	kPeriod:             {"Periode", "Period", "Okres"},
	kPayDate:            {"Betaaldatum", "Payment date", "Data wypłaty"},
	kAgreedHours:        {"Overeengekomen arbeidsduur", "Agreed working hours", "Uzgodniony wymiar czasu pracy"},
	kHoursPerWeek:       {"%s uur per week", "%s hours per week", "%s godz. tygodniowo"},
	kNoFixedHours:       {"geen vaste arbeidsduur (0 uur per week)", "no fixed working hours (0 hours per week)", "brak stałego wymiaru (0 godz. tygodniowo)"},
	kMinimumWage:        {"Wettelijk minimumloon per uur", "Statutory minimum wage per hour", "Ustawowa płaca minimalna za godzinę"},
	kMinimumWagePeriod:  {"Minimumloon over de verloonde uren", "Minimum wage for the hours paid", "Płaca minimalna za opłacone godziny"},
	kAge:                {"leeftijd %d", "age %d", "wiek %d"},
	kTaxCredit:          {"Loonheffingskorting toegepast", "Tax credit (loonheffingskorting) applied", "Ulga podatkowa (loonheffingskorting)"},
	kYes:                {"ja", "yes", "tak"},
	kNo:                 {"nee", "no", "nie"},
	kTaxTable:           {"Loonbelastingtabel", "Wage tax table", "Tabela podatkowa"},
	kWhiteTable:         {"wit, %s", "white, %s", "biała, %s"},
	kAOWTable:           {"AOW-leeftijd", "state pension age", "wiek emerytalny AOW"},
	kAnonymous:          {"anoniementarief", "anonymous rate", "stawka anonimowa"},
	kAssignments:        {"Opdrachten in deze periode", "Assignments in this period", "Zlecenia w tym okresie"},
	kPlacementNr:        {"Plaatsing", "Placement", "Skierowanie"},
	kHirer:              {"Opdrachtgever (inlener)", "Client (hirer)", "Pracodawca użytkownik"},
	kFunction:           {"Functie", "Position", "Stanowisko"},
	kHourlyWage:         {"Uurloon", "Hourly wage", "Stawka godzinowa"},
	kHoursPerDay:        {"Uren per dag", "Hours per day", "Godziny w poszczególnych dniach"},
	kDate:               {"Datum", "Date", "Data"},
	kDay:                {"Dag", "Day", "Dzień"},
	kHourType:           {"Soort uren", "Type of hours", "Rodzaj godzin"},
	kHours:              {"Uren", "Hours", "Godziny"},
	kPercent:            {"%", "%", "%"},
	kTotal:              {"Totaal", "Total", "Razem"},
	kWageTitle:          {"Berekening van het loon", "Pay calculation", "Wyliczenie wynagrodzenia"},
	kDescription:        {"Omschrijving", "Description", "Opis"},
	kQuantity:           {"Aantal", "Quantity", "Ilość"},
	kBase:               {"Basis", "Base", "Podstawa"},
	kAmount:             {"Bedrag", "Amount", "Kwota"},
	kGross:              {"Brutoloon", "Gross pay", "Wynagrodzenie brutto"},
	kTotalGross:         {"Totaal brutoloon", "Total gross pay", "Razem brutto"},
	kTaxableWage:        {"Loon voor de loonheffing", "Taxable wage", "Wynagrodzenie do opodatkowania"},
	kNetAfterTax:        {"Nettoloon na loonheffing", "Net wage after tax", "Wynagrodzenie netto po podatku"},
	kUntaxed:            {"Onbelaste vergoedingen", "Untaxed allowances", "Dodatki nieopodatkowane"},
	kNetDeductions:      {"Inhoudingen op het nettoloon", "Deductions from net pay", "Potrącenia z wynagrodzenia netto"},
	kNetPay:             {"Netto te betalen", "Net pay", "Do wypłaty netto"},
	kSpecialMark:        {"* belast tegen het tarief bijzondere beloningen", "* taxed at the rate for special payments", "* opodatkowane stawką dla wypłat szczególnych"},
	kTaxDetails:         {"Fiscale gegevens", "Tax details", "Dane podatkowe"},
	kTableWage:          {"Tabelloon (loon van het tijdvak)", "Wage taxed by the table", "Wynagrodzenie wg tabeli"},
	kSpecialWage:        {"Bijzondere beloningen", "Special payments", "Wypłaty szczególne"},
	kWageTaxTable:       {"Loonheffing volgens tabel", "Wage tax by the table", "Podatek wg tabeli"},
	kWageTaxSpecial:     {"Loonheffing bijzonder tarief", "Wage tax at the special rate", "Podatek wg stawki szczególnej"},
	kSpecialRate:        {"Tarief bijzondere beloningen", "Rate for special payments", "Stawka dla wypłat szczególnych"},
	kJaarloon:           {"Jaarloon voor dat tarief", "Annual wage for that rate", "Roczne wynagrodzenie dla tej stawki"},
	kLabourCredit:       {"Verrekende arbeidskorting", "Labour tax credit applied", "Zastosowana ulga za pracę"},
	kPensionBase:        {"Pensioengrondslag StiPP", "StiPP pension base", "Podstawa składki StiPP"},
	kPensionEmployee:    {"Pensioenpremie werknemer", "Pension contribution (employee)", "Składka emerytalna pracownika"},
	kETExchanged:        {"Uitgeruild voor ET-vergoeding", "Exchanged for ET allowance", "Zamienione na zwrot ET"},
	kYearToDate:         {"Cumulatief %d t/m deze periode", "Year to date %d incl. this period", "Narastająco %d z tym okresem"},
	kPeriods:            {"Aantal tijdvakken", "Pay periods", "Liczba okresów"},
	kWageTaxWithheld:    {"Ingehouden loonheffing", "Wage tax withheld", "Pobrany podatek"},
	kNet:                {"Nettoloon", "Net pay", "Wynagrodzenie netto"},
	kReservations:       {"Reserveringen", "Reservations", "Rezerwy"},
	kScheme:             {"Regeling", "Scheme", "Rodzaj"},
	kBalanceBefore:      {"Saldo begin", "Opening balance", "Saldo początkowe"},
	kAccrued:            {"Opbouw", "Accrued", "Naliczono"},
	kDrawn:              {"Opname", "Taken", "Wykorzystano"},
	kBalanceAfter:       {"Saldo eind", "Closing balance", "Saldo końcowe"},
	kHoursUnit:          {"uur", "h", "godz."},
	kEmployerCosts:      {"Werkgeverslasten (ter informatie, niet ingehouden)", "Employer costs (for information, not deducted)", "Koszty pracodawcy (informacyjnie, nie są potrącane)"},
	kEmployerCostsTotal: {"Totaal werkgeverslasten", "Total employer costs", "Razem koszty pracodawcy"},
	kWageCost:           {"Loonkosten totaal", "Total wage cost", "Całkowity koszt wynagrodzenia"},
	kWageCostPerHour:    {"Loonkosten per gewerkt uur", "Wage cost per hour worked", "Koszt za przepracowaną godzinę"},
	kPayment:            {"Het nettoloon van %s wordt op %s overgemaakt naar %s.", "The net pay of %s is transferred on %s to %s.", "Wynagrodzenie netto %s zostanie przelane %s na konto %s."},
	kPaymentNoIBAN:      {"Het nettoloon van %s wordt op %s betaald.", "The net pay of %s is paid on %s.", "Wynagrodzenie netto %s zostanie wypłacone %s."},
	kRun:                {"Verloning %s", "Payroll run %s", "Lista płac %s"},
	kCreated:            {"gemaakt op %s", "created %s", "utworzono %s"},
	kPage:               {"Pagina {current} van {total}", "Page {current} of {total}", "Strona {current} z {total}"},
	kKm:                 {"km", "km", "km"},
	kDays:               {"dg", "d", "dni"},
	kPieces:             {"st.", "pcs", "szt."},
	kWeekN:              {"Week %d, %d", "Week %d, %d", "Tydzień %d, %d"},
	kAWfLow:             {"WW-premie (AWf laag)", "Unemployment (AWf low)", "Bezrobocie (AWf niska)"},
	kPeriodN:            {"Periode %d (4 weken), %d", "Period %d (4 weeks), %d", "Okres %d (4 tygodnie), %d"},
}

// Hour types as the payslip names them in the hours table.
var hourTypeNames = map[domain.HourType]tr{
	domain.HourNormal:      {"Normale uren", "Normal hours", "Godziny zwykłe"},
	domain.HourOvertime125: {"Overwerk", "Overtime", "Nadgodziny"},
	domain.HourOvertime150: {"Overwerk", "Overtime", "Nadgodziny"},
	domain.HourOvertime200: {"Overwerk", "Overtime", "Nadgodziny"},
	domain.HourShift:       {"Onregelmatige uren (ORT)", "Irregular hours (ORT)", "Godziny nieregularne (ORT)"},
	domain.HourHoliday:     {"Feestdag", "Public holiday", "Święto"},
	domain.HourVacation:    {"Vakantie", "Holiday", "Urlop"},
	domain.HourSick:        {"Ziek", "Sick", "Choroba"},
}

// Employer costs by line code, shorter than the payslip line texts.
var employerCostNames = map[string]tr{
	"ZVW_WG":      {"Zvw-werkgeversheffing", "Zvw employer levy", "Składka Zvw pracodawcy"},
	"AWF":         {"WW-premie (AWf hoog)", "Unemployment (AWf high)", "Bezrobocie (AWf wysoka)"},
	"AOF":         {"Arbeidsongeschiktheid (Aof)", "Disability (Aof)", "Niezdolność do pracy (Aof)"},
	"WKO":         {"Kinderopvang (Wko)", "Childcare (Wko)", "Opieka nad dziećmi (Wko)"},
	"WHK":         {"Werkhervattingskas (Whk)", "Return to work (Whk)", "Powrót do pracy (Whk)"},
	"PENSIOEN_WG": {"Pensioen StiPP werkgever", "StiPP pension (employer)", "Emerytura StiPP pracodawcy"},
}

// Reservation schemes (the pack's names), as payroll.SchemeNames names them.
var schemeNames = func() map[string]tr {
	m := map[string]tr{}
	for k, v := range payroll.SchemeNames {
		m[k] = tr(v)
	}
	return m
}()

// Period kinds in the tax table label.
var periodKindNames = map[domain.PeriodKind]tr{
	domain.Weekly:    {"week", "week", "tydzień"},
	domain.FourWeek:  {"4 weken", "4 weeks", "4 tygodnie"},
	domain.Monthly:   {"maand", "month", "miesiąc"},
	domain.Quarterly: {"kwartaal", "quarter", "kwartał"},
	domain.Daily:     {"dag", "day", "dzień"},
}

// weekdays, Sunday first as time.Weekday counts.
var weekdays = [7]tr{
	{"zo", "Sun", "niedz."}, {"ma", "Mon", "pon."}, {"di", "Tue", "wt."}, {"wo", "Wed", "śr."},
	{"do", "Thu", "czw."}, {"vr", "Fri", "pt."}, {"za", "Sat", "sob."},
}

// months in the nominative, January first (a monthly period's name).
var months = [12]tr{
	{"januari", "January", "styczeń"}, {"februari", "February", "luty"}, {"maart", "March", "marzec"},
	{"april", "April", "kwiecień"}, {"mei", "May", "maj"}, {"juni", "June", "czerwiec"},
	{"juli", "July", "lipiec"}, {"augustus", "August", "sierpień"}, {"september", "September", "wrzesień"},
	{"oktober", "October", "październik"}, {"november", "November", "listopad"}, {"december", "December", "grudzień"},
}

func weekdayName(t time.Time, l domain.Language) string { return weekdays[t.Weekday()].in(l) }
