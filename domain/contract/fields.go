package contract

import (
	"strconv"
	"strings"
	"time"

	"verloner/domain"
)

// Field is one placeholder a template may use. Flag fields are yes/no and
// only usable as a condition ({{als …}}); text fields print their value and
// count as true in a condition when not empty.
type Field struct {
	Key  string `json:"key"`
	Flag bool   `json:"flag"`
	Help Text   `json:"help"`
}

// Fields lists every placeholder, in the order the template editor shows them.
var Fields = []Field{
	{"bureau_naam", false, Text{"naam van het uitzendbureau", "name of the agency"}},
	{"bureau_adres", false, Text{"adres van het uitzendbureau (straat, postcode, plaats)", "address of the agency"}},
	{"bureau_plaats", false, Text{"vestigingsplaats van het uitzendbureau", "town of the agency"}},
	{"bureau_kvk", false, Text{"KvK-nummer van het uitzendbureau", "Chamber of Commerce number"}},
	{"werknemer_naam", false, Text{"naam van de uitzendkracht", "name of the worker"}},
	{"werknemer_adres", false, Text{"adres van de uitzendkracht", "address of the worker"}},
	{"werknemer_geboortedatum", false, Text{"geboortedatum", "date of birth"}},
	{"werknemer_nummer", false, Text{"personeelsnummer", "personnel number"}},
	{"inlener_naam", false, Text{"naam van de inlener (opdrachtgever)", "name of the hirer"}},
	{"functie", false, Text{"functie bij de inlener", "position at the hirer"}},
	{"plaatsing", false, Text{"plaatsingsnummer", "placement number"}},
	{"fase", false, Text{"fase in de CAO: 'fase A' (in de taal van het contract)", "CAO phase: 'phase A' (in the contract's language)"}},
	{"fase_letter", false, Text{"alleen de letter van de fase: A, B of C", "the phase letter only: A, B or C"}},
	{"fase_weken", false, Text{"aantal getelde weken voor de fase op de ingangsdatum", "weeks counted for the phase on the start date"}},
	{"fase_a", true, Text{"ja bij fase A", "yes in phase A"}},
	{"fase_b", true, Text{"ja bij fase B", "yes in phase B"}},
	{"fase_c", true, Text{"ja bij fase C", "yes in phase C"}},
	{"uitzendbeding", true, Text{"ja als het contract een uitzendbeding heeft", "yes when the contract has an uitzendbeding"}},
	{"ingangsdatum", false, Text{"eerste dag van het contract", "first day of the contract"}},
	{"einddatum", false, Text{"laatste dag van het contract; leeg zonder vaste einddatum", "last day; empty without a fixed end"}},
	{"contractnummer", false, Text{"het hoeveelste contract van deze uitzendkracht", "the worker's contract number"}},
	{"versie", false, Text{"versie van dit contract (1 = nieuw)", "version of this contract"}},
	{"reden", false, Text{"reden van deze versie: nieuw, verlenging, loonwijziging, beëindiging", "reason for this version"}},
	{"ingang_versie", false, Text{"datum waarop deze versie ingaat", "date this version takes effect"}},
	{"wijziging", true, Text{"ja als dit een latere versie is", "yes for a later version"}},
	{"verlenging", true, Text{"ja bij een verlenging", "yes for an extension"}},
	{"loonwijziging", true, Text{"ja bij een loonwijziging", "yes for a wage change"}},
	{"beeindiging", true, Text{"ja bij een beëindiging", "yes for a termination"}},
	{"uren", false, Text{"overeengekomen uren per week (minimaal); leeg bij 0", "agreed hours per week; empty for 0"}},
	{"uurloon", false, Text{"bruto uurloon", "gross hourly wage"}},
	{"loonschaal", false, Text{"loonschaal en trede; leeg als niet ingevuld", "wage scale; empty when not filled in"}},
	{"vakantiebijslag", false, Text{"percentage vakantiebijslag", "holiday pay percentage"}},
	{"tijdvak", false, Text{"betalingstijdvak: week, 4 weken, maand", "pay period"}},
	{"cao", false, Text{"naam van de CAO", "name of the CAO"}},
	{"pensioen", false, Text{"pensioenregeling", "pension scheme"}},
	{"pensioen_werknemer", false, Text{"werknemersdeel pensioenpremie", "employee pension contribution"}},
	{"wachtdagen", false, Text{"wachtdagen per ziekteperiode in woorden ('één wachtdag'); leeg bij geen", "waiting days per spell in words ('one waiting day'); empty for none"}},
	{"wachtdagen_aantal", false, Text{"aantal wachtdagen per ziekteperiode (0, 1, 2)", "number of waiting days per spell"}},
	{"ziekteloon", false, Text{"loon bij ziekte in week 1–52", "sick pay weeks 1–52"}},
	{"ziekteloon_2", false, Text{"loon bij ziekte in week 53–104", "sick pay weeks 53–104"}},
	{"einde_bij_ziekte", true, Text{"ja als een uitzendbeding tijdens ziekte kan eindigen (niet onder de CAO sinds 1-7-2023)", "yes when an uitzendbeding may end during sickness"}},
	{"meldtijd", false, Text{"uiterste tijd voor ziekmelden op een werkdag", "latest time to report sick"}},
	{"meldtermijn_uren", false, Text{"uren vóór een dienst dat de ziekmelding binnen moet zijn", "hours before a shift"}},
	{"et", true, Text{"ja als de ET-regeling geldt", "yes when the ET scheme applies"}},
	{"et_van", false, Text{"begin ET-regeling", "ET scheme from"}},
	{"et_tot", false, Text{"einde ET-regeling", "ET scheme until"}},
	{"et_maximum", false, Text{"maximum uitruil, percentage van het brutoloon", "maximum exchange, % of gross"}},
	{"plaats", false, Text{"plaats van ondertekening", "place of signing"}},
	{"datum", false, Text{"datum van het contract", "date of the document"}},
}

var fieldIndex = func() map[string]int {
	m := map[string]int{}
	for i, f := range Fields {
		m[f.Key] = i
	}
	return m
}()

// Parties is what a contract's text names besides its terms: the agency and
// the worker as they are in the master data when the version is issued, and
// the place and date of the document.
type Parties struct {
	Agency          *domain.Agency
	Worker          *domain.Worker
	PlacementNumber string
	Place           string    // where it is signed; empty: the agency's town
	Date            time.Time // the document date
}

var (
	phaseWord   = text{"fase", "phase", "faza"}
	periodWords = map[domain.PeriodKind]text{
		domain.Weekly:   {"week", "week", "tydzień"},
		domain.FourWeek: {"4 weken", "4 weeks", "4 tygodnie"},
		domain.Monthly:  {"maand", "month", "miesiąc"},
	}
)

// waitingDayWords are one and two waiting days in words, so the text needs
// no "(en)" plurals.
var waitingDayWords = []text{
	{"één wachtdag", "one waiting day", "jednego dnia karencji"},
	{"twee wachtdagen", "two waiting days", "dwóch dni karencji"},
}

func flag(b bool) string {
	if b {
		return "ja"
	}
	return ""
}

// ValuesFor returns the field values of a contract version in its language;
// s gives the settings-only field einde_bij_ziekte.
func ValuesFor(c *Contract, p Parties, s Settings) Values {
	l := c.Language
	a := p.Agency
	if a == nil {
		a = &domain.Agency{}
	}
	w := p.Worker
	if w == nil {
		w = &domain.Worker{}
	}
	place := p.Place
	if place == "" {
		place = a.Address.City
	}
	deadlines := a.Deadlines
	if deadlines.SickReportTime == "" {
		deadlines = domain.DefaultDeadlines()
	}
	lead := deadlines.SickReportLeadHours
	if lead <= 0 {
		lead = 3
	}
	kind := a.Frequency
	if _, ok := periodWords[kind]; !ok {
		kind = domain.Weekly
	}
	v := Values{
		"bureau_naam":             a.Name,
		"bureau_adres":            addressText(a.Address),
		"bureau_plaats":           a.Address.City,
		"bureau_kvk":              a.KvK,
		"werknemer_naam":          w.FullName(),
		"werknemer_adres":         addressText(w.Address),
		"werknemer_geboortedatum": dateText(w.BirthDate),
		"werknemer_nummer":        w.Number,
		"inlener_naam":            c.HirerName,
		"functie":                 c.Function,
		"plaatsing":               p.PlacementNumber,
		"fase":                    phaseWord.in(l) + " " + string(c.Phase),
		"fase_letter":             string(c.Phase),
		"fase_weken":              strconv.Itoa(c.PhaseWeeks),
		"fase_a":                  flag(c.Phase == domain.PhaseA),
		"fase_b":                  flag(c.Phase == domain.PhaseB),
		"fase_c":                  flag(c.Phase == domain.PhaseC),
		"uitzendbeding":           flag(c.Uitzendbeding),
		"ingangsdatum":            dateText(c.Start),
		"einddatum":               dateText(c.End),
		"contractnummer":          strconv.Itoa(c.Number),
		"versie":                  strconv.Itoa(c.Version),
		"reden":                   c.Reason.Label(l),
		"ingang_versie":           dateText(c.EffectiveFrom),
		"wijziging":               flag(c.Version > 1),
		"verlenging":              flag(c.Reason == ReasonExtension),
		"loonwijziging":           flag(c.Reason == ReasonWageChange),
		"beeindiging":             flag(c.Reason == ReasonEnd),
		"uurloon":                 domain.FormatEuro(c.HourlyWage),
		"loonschaal":              strings.TrimSpace(c.WageScale),
		"vakantiebijslag":         percentText(c.HolidayPayPercent),
		"tijdvak":                 periodWords[kind].in(l),
		"cao":                     c.CAO,
		"pensioen":                c.Pension,
		"pensioen_werknemer":      percentText(c.PensionEmployeePercent),
		"ziekteloon":              percentText(c.SickPayPercent),
		"ziekteloon_2":            percentText(c.SickPayPercentYear2),
		"meldtijd":                deadlines.SickReportTime,
		"meldtermijn_uren":        strconv.Itoa(lead),
		"et":                      flag(c.HasET()),
		"et_van":                  dateText(c.ETFrom),
		"et_tot":                  dateText(c.ETUntil),
		"einde_bij_ziekte":        flag(s.WithDefaults().EndsOnSickness),
		"plaats":                  place,
		"datum":                   dateText(p.Date),
	}
	if c.AgreedHours.IsPositive() {
		v["uren"] = hoursText(c.AgreedHours)
	}
	v["wachtdagen_aantal"] = strconv.Itoa(c.WaitingDays)
	if c.WaitingDays > 0 && c.WaitingDays <= len(waitingDayWords) {
		v["wachtdagen"] = waitingDayWords[c.WaitingDays-1].in(l)
	}
	if c.HasET() {
		v["et_maximum"] = percentText(c.ETMaxPercent)
	}
	return v
}

func addressText(a domain.Address) string {
	var parts []string
	if s := strings.TrimSpace(a.Street); s != "" {
		parts = append(parts, s)
	}
	town := strings.TrimSpace(strings.TrimSpace(a.PostalCode) + " " + strings.TrimSpace(a.City))
	if town != "" {
		parts = append(parts, town)
	}
	if a.Country != "" && a.Country != "NL" {
		parts = append(parts, a.Country)
	}
	return strings.Join(parts, ", ")
}
