package importers

import (
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"verloner/domain"
)

// Field is what a column means to us. Hour-type columns of a wide sheet are
// "qty:" + our hour-type code ("qty:OW125"); day columns of a week grid are
// "day:1" (Monday) … "day:7" (Sunday) or "date:2026-11-16".
type Field string

// Fields of hour sheets and master-data lists.
const (
	FieldIgnore Field = "-"

	// Who.
	FieldWorkerRef    Field = "worker_ref"    // a personnel number: ours or the hirer's (both are tried)
	FieldWorkerNumber Field = "worker_number" // our personnel number
	FieldAlias        Field = "alias"         // the hirer's own personnel number
	FieldBSN          Field = "bsn"
	FieldName         Field = "name" // full name
	FieldInitials     Field = "initials"
	FieldFirstName    Field = "first_name"
	FieldPrefix       Field = "prefix"
	FieldLastName     Field = "last_name"
	FieldBirthDate    Field = "birth_date"
	FieldHirer        Field = "hirer" // hirer number (or name)
	FieldPlacement    Field = "placement"

	// When and what (hours).
	FieldDate      Field = "date"
	FieldWeekday   Field = "weekday"
	FieldWeek      Field = "week"
	FieldYear      Field = "year"
	FieldType      Field = "type"
	FieldQuantity  Field = "quantity"
	FieldMinutes   Field = "minutes"
	FieldStart     Field = "start"
	FieldEnd       Field = "end"
	FieldBreak     Field = "break"
	FieldVoid      Field = "void"
	FieldComment   Field = "comment"
	FieldLineID    Field = "line_id"
	FieldPayPct    Field = "pay_percent"
	FieldBillPct   Field = "bill_percent"
	FieldCostCentr Field = "cost_centre"

	// Master data.
	FieldIBAN        Field = "iban"
	FieldEmail       Field = "email"
	FieldPhone       Field = "phone"
	FieldStreet      Field = "street"
	FieldPostalCode  Field = "postal_code"
	FieldCity        Field = "city"
	FieldNationality Field = "nationality"
	FieldPhase       Field = "phase"
	FieldHirerName   Field = "hirer_name"
	FieldKvK         Field = "kvk"
	FieldVATID       Field = "vat_id"
	FieldFunction    Field = "function"
	FieldStartDate   Field = "start_date"
	FieldEndDate     Field = "end_date"
	FieldWage        Field = "hourly_wage"
	FieldRate        Field = "billing_rate"
	FieldFactor      Field = "factor"
	FieldTravelKm    Field = "travel_per_km"
	FieldWageScale   Field = "wage_scale"
)

// QtyField is the wide-layout column field for an hour type.
func QtyField(t domain.HourType) Field { return Field("qty:" + string(t)) }

// DayField is the week-grid column field for a weekday.
func DayField(d time.Weekday) Field {
	n := (int(d)+6)%7 + 1
	return Field("day:" + string(rune('0'+n)))
}

// hourTypeOf returns the hour type of a qty: field.
func (f Field) hourType() (domain.HourType, bool) {
	s, ok := strings.CutPrefix(string(f), "qty:")
	return domain.HourType(s), ok
}

// weekday returns the weekday of a day: field.
func (f Field) weekday() (time.Weekday, bool) {
	s, ok := strings.CutPrefix(string(f), "day:")
	if !ok || len(s) != 1 || s[0] < '1' || s[0] > '7' {
		return 0, false
	}
	return time.Weekday(int(s[0]-'0') % 7), true
}

// dateCol returns the date of a date: field.
func (f Field) dateCol() (time.Time, bool) {
	s, ok := strings.CutPrefix(string(f), "date:")
	if !ok {
		return time.Time{}, false
	}
	t, err := time.Parse("2006-01-02", s)
	return t, err == nil
}

// NormalizeHeader folds a header for comparison: lower case, accents off,
// only letters, digits and '%' kept ("Overuren 125 %" → "overuren125%",
// "Geboorte-datum" → "geboortedatum").
func NormalizeHeader(s string) string {
	s = norm.NFD.String(strings.ToLower(s))
	var b strings.Builder
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Mn, r):
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '%':
			b.WriteRune(r)
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
		}
	}
	return b.String()
}

// synonyms maps normalised header texts to fields, Dutch and English, as
// payroll systems and hirers' sheets name them (see shared/domain/formats.md).
var synonyms = map[Field][]string{
	FieldWorkerRef: {"personeelsnummer", "persnr", "persnummer", "personeelsnr", "medewerkernummer", "medewerkernr",
		"werknemernummer", "werknemernr", "employeenumber", "employeeid", "employeeno", "employee", "staffno", "staffnumber", "nr", "nummer", "id"},
	FieldWorkerNumber: {"uitzendkrachtnummer", "uitzendkrachtnr", "flexwerkernummer", "flexwerkernr", "registratienummer",
		"fwregistratienummer", "verlonernummer", "workernumber", "workerid", "workerno", "tempnumber", "personeelsnummerbureau", "nrbureau"},
	FieldAlias: {"personeelsnummerinlener", "persnrinlener", "personeelsnrinlener", "nummerinlener", "badgenummer", "badge",
		"pasnummer", "klokkaart", "clientemployeenumber", "hireremployeenumber", "customeremployeeid", "alias"},
	FieldBSN:       {"bsn", "burgerservicenummer", "sofinummer", "sofinr", "sofi", "bsnnummer", "citizenservicenumber", "socialsecuritynumber"},
	FieldName:      {"naam", "name", "medewerker", "uitzendkracht", "flexwerker", "werknemer", "volledigenaam", "fullname", "employeename", "workername", "naammedewerker"},
	FieldInitials:  {"voorletters", "initials", "initialen"},
	FieldFirstName: {"voornaam", "roepnaam", "voornamen", "firstname", "givenname"},
	FieldPrefix:    {"tussenvoegsel", "tussenvoegsels", "voorvoegsel", "voorvoegsels", "prefix"},
	FieldLastName:  {"achternaam", "geslachtsnaam", "lastname", "surname", "familyname"},
	FieldBirthDate: {"geboortedatum", "geboren", "gebdatum", "gebdat", "dateofbirth", "birthdate", "dob", "birthday"},
	FieldHirer:     {"inlener", "inlenernummer", "inlenernr", "relatie", "relatienummer", "relatienr", "klant", "klantnummer", "klantnr", "debiteurnr", "debiteurnummer", "hirer", "hirernumber", "client", "clientnumber", "customer", "customernumber"},
	FieldPlacement: {"plaatsing", "plaatsingsnummer", "plaatsingnummer", "plaatsingsnr", "placement", "placementnumber", "assignment", "assignmentid", "opdracht"},
	FieldDate:      {"datum", "date", "werkdatum", "dienstdatum", "datumdienst", "workdate", "day", "dag"},
	FieldWeekday:   {"weekdag", "dagvandeweek", "weekday"},
	FieldWeek:      {"week", "weeknummer", "weeknr", "wk", "weeknumber"},
	FieldYear:      {"jaar", "year"},
	FieldType:      {"uursoort", "uursoorten", "looncomponent", "looncomponentcode", "component", "componentcode", "code", "soort", "soorturen", "type", "hourtype", "wagecomponent", "urensoort", "urencode"},
	FieldQuantity:  {"aantal", "uren", "aantaluren", "hours", "quantity", "qty", "duur", "duration", "gewerkteuren", "totaal", "totaaluren", "total", "hoeveelheid", "aantalfw"},
	FieldMinutes:   {"minuten", "minutes", "aantalminuten"},
	FieldStart:     {"begintijd", "starttijd", "start", "van", "begin", "aanvang", "from", "starttime", "vanaf", "tijdvan"},
	FieldEnd:       {"eindtijd", "tot", "einde", "eind", "end", "to", "endtime", "tijdtot", "totentmet"},
	FieldBreak:     {"pauze", "pauzeminuten", "pauzemin", "pauzeinminuten", "break", "breakminutes", "breakmin", "rust"},
	FieldVoid:      {"geannuleerd", "annuleren", "annulering", "vervallen", "vervalt", "cancelled", "canceled", "cancel", "void"},
	FieldComment:   {"opmerking", "opmerkingen", "omschrijving", "toelichting", "comment", "comments", "remark", "remarks", "note"},
	FieldLineID:    {"regelnummer", "regelid", "lineid", "id regel"},
	FieldCostCentr: {"kostenplaats", "costcentre", "costcenter", "kostenplaatscode"},

	FieldIBAN:        {"iban", "rekeningnummer", "bankrekening", "bankrekeningnummer", "bankaccount", "accountnumber"},
	FieldEmail:       {"email", "emailadres", "mail", "emailaddress"},
	FieldPhone:       {"telefoon", "telefoonnummer", "mobiel", "phone", "mobile", "telephone"},
	FieldStreet:      {"adres", "straat", "straatenhuisnummer", "huisadres", "address", "street"},
	FieldPostalCode:  {"postcode", "zip", "zipcode", "postalcode"},
	FieldCity:        {"woonplaats", "plaats", "city", "town"},
	FieldNationality: {"nationaliteit", "nationality", "codenationaliteit"},
	FieldPhase:       {"fase", "phase", "abufase", "stapsysteem"},
	FieldHirerName:   {"naaminlener", "inlenernaam", "bedrijfsnaam", "bedrijf", "company", "companyname", "hirername", "clientname", "customername", "relatienaam"},
	FieldKvK:         {"kvk", "kvknummer", "kvknr", "chamberofcommerce", "cocnumber"},
	FieldVATID:       {"btwnummer", "btwid", "btwidentificatienummer", "vat", "vatnumber", "vatid"},
	FieldFunction:    {"functie", "function", "jobtitle", "functienaam", "position", "werkzaamheden"},
	FieldStartDate:   {"startdatum", "begindatum", "ingangsdatum", "aanvangsdatum", "startdate", "datumin", "indienst", "datumindienst"},
	FieldEndDate:     {"einddatum", "enddate", "datumuit", "uitdienst", "verwachteeinddatum", "expectedenddate"},
	FieldWage:        {"uurloon", "hourlywage", "loonperuur", "brutouurloon", "payrate", "wage", "loon", "uurloonfw"},
	FieldRate:        {"tarief", "uurtarief", "billrate", "billingrate", "factuurtarief", "verkooptarief", "rate", "tariefperuur"},
	FieldFactor:      {"factor", "omrekenfactor", "markup", "opslagfactor"},
	FieldTravelKm:    {"kmvergoeding", "reiskostenperkm", "travelperkm", "kilometervergoeding"},
	FieldWageScale:   {"loonschaal", "schaal", "wagescale", "salaryscale", "trede"},
}

var synonymIndex = func() map[string]Field {
	m := map[string]Field{}
	for f, list := range synonyms {
		for _, s := range list {
			m[NormalizeHeader(s)] = f
		}
	}
	return m
}()

// hourTypeWords recognises hour-type columns of wide sheets and the hirer's
// hour-type codes in long sheets, by the words hirers use.
var hourTypeWords = []struct {
	t     domain.HourType
	words []string
}{
	{domain.HourOvertime125, []string{"125", "ow125", "overuren125", "overwerk125", "overtime125"}},
	{domain.HourOvertime150, []string{"150", "ow150", "overuren150", "overwerk150", "overtime150"}},
	{domain.HourOvertime200, []string{"200", "ow200", "overuren200", "overwerk200", "overtime200"}},
	{domain.HourShift, []string{"ort", "onregelmatig", "toeslag", "ploegentoeslag", "ploeg", "shift", "nacht", "avond", "irregular", "additional"}},
	{domain.HourHoliday, []string{"feestdag", "feest", "publicholiday", "holiday"}},
	{domain.HourVacation, []string{"vakantie", "vak", "verlof", "vacation", "leave"}},
	{domain.HourSick, []string{"ziek", "ziekte", "sick", "ziekteuren"}},
	{domain.HourKilometres, []string{"km", "kilometers", "kilometer", "kms", "reiskm", "mileage"}},
	{domain.HourExpenses, []string{"declaratie", "declaraties", "decl", "onkosten", "expenses", "expense", "kosten", "bedrag"}},
	{domain.HourNormal, []string{"normaal", "normale", "normaleuren", "norm", "regular", "regulier", "gewoon", "100", "uren100", "standaard", "normal", "normalhours", "gewerkt"}},
}

// RecognizeHourType maps a hirer's hour-type code or column header to ours by
// its words: "Overuren 150%" and "OW150" → OW150, "ORT" → ORT, "km" → KM. It
// is the first guess; a template's recoding always wins.
func RecognizeHourType(s string) (domain.HourType, bool) {
	n := NormalizeHeader(s)
	if n == "" {
		return "", false
	}
	if t := domain.HourType(strings.ToUpper(n)); t.Valid() {
		return t, true
	}
	// Percentages decide first: "uren 125%", "Overuren 150".
	for _, p := range []struct {
		pct string
		t   domain.HourType
	}{{"125", domain.HourOvertime125}, {"150", domain.HourOvertime150}, {"200", domain.HourOvertime200}} {
		if strings.Contains(n, p.pct) {
			return p.t, true
		}
	}
	for _, e := range hourTypeWords {
		for _, w := range e.words {
			if n == w || n == w+"%" || n == "uren"+w || n == w+"uren" {
				return e.t, true
			}
		}
	}
	for _, e := range hourTypeWords {
		for _, w := range e.words {
			if len(w) >= 4 && strings.Contains(n, w) {
				return e.t, true
			}
		}
	}
	// A short code followed by a percentage or number: "ORT 30%", "km2".
	for _, e := range hourTypeWords {
		for _, w := range e.words {
			if len(w) >= 2 && len(n) > len(w) && strings.HasPrefix(n, w) && (n[len(w)] >= '0' && n[len(w)] <= '9' || n[len(w)] == '%') {
				if w[0] >= '0' && w[0] <= '9' {
					continue
				}
				return e.t, true
			}
		}
	}
	return "", false
}

// GuessField recognises one header cell: a synonym, an hour-type column, a
// weekday or a date (week grid). The date order applies to text dates.
func GuessField(header string, raw, date1904 bool, order DateOrder) Field {
	h := cleanCell(header)
	n := NormalizeHeader(h)
	if n == "" {
		return ""
	}
	if f, ok := synonymIndex[n]; ok {
		return f
	}
	if d, ok := ParseWeekday(h); ok {
		return DayField(d)
	}
	// "ma 16-11", "Maandag 16-11-2026", a date or an Excel serial.
	if first, rest, ok := strings.Cut(h, " "); ok {
		if d, ok := ParseWeekday(first); ok {
			if t, err := ParseDate(rest, order, false, date1904); err == nil {
				return Field("date:" + t.Format("2006-01-02"))
			}
			return DayField(d)
		}
	}
	if t, err := ParseDate(h, order, raw, date1904); err == nil && (!raw || len(h) == 5) {
		return Field("date:" + t.Format("2006-01-02"))
	}
	if strings.Contains(n, "pauze") || strings.Contains(n, "break") {
		return FieldBreak
	}
	if strings.HasPrefix(n, "geboorte") {
		return FieldBirthDate
	}
	if t, ok := RecognizeHourType(h); ok {
		return QtyField(t)
	}
	return ""
}
