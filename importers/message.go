package importers

import (
	"fmt"
	"strings"
)

// Status is the verdict on one row (or one message): ok, warning or error.
// A preview counts rows per status; a commit refuses rows with an error.
type Status string

// Row and message statuses.
const (
	StatusOK      Status = "ok"
	StatusWarning Status = "warning"
	StatusError   Status = "error"
)

// worse returns the more severe of two statuses.
func worse(a, b Status) Status {
	rank := func(s Status) int {
		switch s {
		case StatusError:
			return 2
		case StatusWarning:
			return 1
		}
		return 0
	}
	if rank(b) > rank(a) {
		return b
	}
	return a
}

// Message is one finding about an input file, located as precisely as the
// input allows. It keeps the message key and arguments (so a GUI can render
// it in the user's language) and both rendered texts, so that logs and JSON
// output need no catalogue. Values that hold a BSN or IBAN are masked before
// they get here.
type Message struct {
	Severity Status   `json:"severity"`
	Key      string   `json:"key"`
	Args     []string `json:"args,omitempty"`
	File     string   `json:"file,omitempty"`
	Sheet    string   `json:"sheet,omitempty"`
	Row      int      `json:"row,omitempty"`    // 1-based row in the sheet or line in the CSV
	Column   string   `json:"column,omitempty"` // column letter (A, B, …, AA)
	Header   string   `json:"header,omitempty"` // the column's header text, if any
	Value    string   `json:"value,omitempty"`  // the value found (masked for BSN/IBAN)
	NL       string   `json:"nl"`
	EN       string   `json:"en"`
}

// Text renders the message in "nl" or "en" (anything else gives Dutch),
// prefixed by its location: "uren.xlsx, blad Uren, rij 12, kolom C (Datum): …".
func (m Message) Text(lang string) string {
	body := m.NL
	if lang == "en" {
		body = m.EN
	}
	loc := m.Location(lang)
	if loc == "" {
		return body
	}
	return loc + ": " + body
}

// Location is the "file, sheet, row, column" part of Text.
func (m Message) Location(lang string) string {
	sheetW, rowW, colW := "blad", "rij", "kolom"
	if lang == "en" {
		sheetW, rowW, colW = "sheet", "row", "column"
	}
	var parts []string
	if m.File != "" {
		parts = append(parts, m.File)
	}
	if m.Sheet != "" {
		parts = append(parts, sheetW+" "+m.Sheet)
	}
	if m.Row > 0 {
		parts = append(parts, fmt.Sprintf("%s %d", rowW, m.Row))
	}
	if m.Column != "" {
		c := colW + " " + m.Column
		if m.Header != "" {
			c += " (" + m.Header + ")"
		}
		parts = append(parts, c)
	} else if m.Header != "" && len(parts) > 0 {
		parts[len(parts)-1] += " (" + m.Header + ")" // a SETU interval id
	}
	return strings.Join(parts, ", ")
}

// String is the Dutch text with location.
func (m Message) String() string { return m.Text("nl") }

// catalogue holds every message text in Dutch and English. Arguments are
// positional (%[1]s …); the found value is always argument 1 when there is one.
var catalogue = map[string][2]string{
	// File level.
	"file.too_big":       {"bestand is %[1]s MB; de grens is %[2]s MB", "file is %[1]s MB; the limit is %[2]s MB"},
	"file.empty":         {"bestand is leeg", "file is empty"},
	"file.xls":           {"oud Excel-formaat (.xls): sla op als .xlsx", "old Excel format (.xls): save as .xlsx"},
	"file.zip_bomb":      {"bestand pakt uit tot %[1]s MB (onderdeel %[2]s); dat is verdacht groot, grens %[3]s MB", "file unpacks to %[1]s MB (part %[2]s); suspiciously large, limit %[3]s MB"},
	"file.zip_ratio":     {"onderdeel %[2]s pakt %[1]s keer zo groot uit; dat lijkt een zip-bom", "part %[2]s unpacks %[1]s times its size; this looks like a zip bomb"},
	"file.bad_xlsx":      {"geen leesbaar Excel-bestand: %[1]s", "not a readable Excel file: %[1]s"},
	"file.bad_csv":       {"CSV niet leesbaar: %[1]s", "CSV not readable: %[1]s"},
	"file.bad_xml":       {"XML niet leesbaar: %[1]s", "XML not readable: %[1]s"},
	"file.not_timecard":  {"XML is geen SETU Timecard (hoofdelement %[1]s)", "XML is not a SETU Timecard (root element %[1]s)"},
	"file.too_many_rows": {"blad heeft meer dan %[1]s rijen", "sheet has more than %[1]s rows"},
	"file.windows1252":   {"tekens gelezen als Windows-1252 (geen geldige UTF-8)", "characters read as Windows-1252 (not valid UTF-8)"},
	"file.no_header":     {"geen kopregel gevonden: verwacht kolommen als Personeelsnummer, Datum, Uren", "no header row found: expected columns such as Employee number, Date, Hours"},
	"file.no_sheet":      {"blad %[1]s bestaat niet", "sheet %[1]s does not exist"},
	"file.no_rows":       {"geen regels gevonden", "no lines found"},
	"file.no_layout":     {"indeling niet herkend: geen kolommen voor uren (Uren, Aantal, 125 %%, Ma…Zo, Begintijd)", "layout not recognised: no hour columns (Hours, Quantity, 125 %%, Mon…Sun, Start time)"},
	"file.no_worker_col": {"geen kolom om de uitzendkracht te herkennen (Personeelsnummer, BSN of Naam)", "no column to identify the worker (Employee number, BSN or Name)"},
	"file.week_missing":  {"weeknummer niet gevonden: zet \"Week 47\" boven de tabel of kies de week in het sjabloon", "week number not found: put \"Week 47\" above the table or set the week in the template"},
	"file.year_guessed":  {"jaar niet gevonden bij week %[1]s; aangenomen %[2]s", "year not found for week %[1]s; assumed %[2]s"},
	"file.merged":        {"samengevoegde cellen %[1]s: waarde van %[2]s gebruikt", "merged cells %[1]s: value of %[2]s used"},
	"file.canceled":      {"afgebroken", "canceled"},
	"file.no_entity":     {"blad %[1]s: kolommen niet herkend als uitzendkrachten, inleners of plaatsingen", "sheet %[1]s: columns not recognised as workers, hirers or placements"},
	"file.no_opening":    {"geen kopregel met beginsaldi gevonden: verwacht Personeelsnummer (of BSN) en kolommen als Loon LB, Loonheffing, Vakantiegeld, Vakantie-uren", "no header row with opening balances found: expected Employee number (or BSN) and columns such as Taxable wage, Wage tax, Holiday pay, Holiday hours"},
	"file.unknown_col":   {"kolom %[1]s niet herkend en overgeslagen", "column %[1]s not recognised and skipped"},

	// Cell level.
	"cell.date":          {"datum %[1]q niet herkend; verwacht dd-mm-jjjj, d-m-jj, jjjj-mm-dd of een Excel-datum", "date %[1]q not recognised; expected dd-mm-yyyy, d-m-yy, yyyy-mm-dd or an Excel date"},
	"cell.quantity":      {"aantal %[1]q niet herkend; verwacht een getal (7,5 of 7.5) of uren:minuten (7:30)", "quantity %[1]q not recognised; expected a number (7,5 or 7.5) or hours:minutes (7:30)"},
	"cell.negative":      {"aantal %[1]s is negatief; gebruik een annuleringskolom om een regel te laten vervallen", "quantity %[1]s is negative; use a cancel column to remove a line"},
	"cell.over24":        {"%[1]s uur op één dag is meer dan 24", "%[1]s hours on one day is more than 24"},
	"cell.time":          {"tijd %[1]q niet herkend; verwacht uu:mm (07:30)", "time %[1]q not recognised; expected hh:mm (07:30)"},
	"cell.break":         {"pauze %[1]q niet herkend; verwacht minuten (30) of uu:mm (0:30)", "break %[1]q not recognised; expected minutes (30) or hh:mm (0:30)"},
	"cell.break_long":    {"pauze %[1]s is langer dan de dienst", "break %[1]s is longer than the shift"},
	"cell.hour_type":     {"uursoort %[1]q onbekend; voeg een hercodering toe aan het sjabloon (bijv. %[1]s → OW150)", "hour type %[1]q unknown; add a recoding to the template (e.g. %[1]s → OW150)"},
	"cell.weekday":       {"weekdag %[1]q niet herkend; verwacht ma, di, wo, do, vr, za of zo", "weekday %[1]q not recognised; expected Mon…Sun"},
	"cell.week":          {"week %[1]q niet herkend; verwacht 1–53", "week %[1]q not recognised; expected 1–53"},
	"cell.bsn":           {"BSN %[1]s ongeldig: %[2]s", "BSN %[1]s invalid: %[2]s"},
	"cell.iban":          {"IBAN %[1]s ongeldig: %[2]s", "IBAN %[1]s invalid: %[2]s"},
	"cell.amount":        {"bedrag %[1]q niet herkend; verwacht een getal als 15,85", "amount %[1]q not recognised; expected a number such as 15,85"},
	"cell.void":          {"annulering %[1]q niet herkend; verwacht ja of nee", "cancel flag %[1]q not recognised; expected yes or no"},
	"cell.formula_empty": {"formule zonder opgeslagen uitkomst; open en bewaar het bestand in Excel of LibreOffice", "formula without a cached result; open and save the file in Excel or LibreOffice"},
	"cell.periods":       {"aantal tijdvakken %[1]q niet herkend; verwacht een heel getal van 0 tot 53", "number of periods %[1]q not recognised; expected a whole number from 0 to 53"},
	"cell.cents":         {"%[1]s heeft meer dan twee decimalen", "%[1]s has more than two decimals"},
	"cell.phase":         {"fase %[1]q onbekend; verwacht A, B of C", "phase %[1]q unknown; expected A, B or C"},

	// Row level.
	"row.no_date":               {"datum ontbreekt", "date missing"},
	"row.no_worker":             {"uitzendkracht ontbreekt (geen nummer, BSN of naam)", "worker missing (no number, BSN or name)"},
	"row.no_quantity":           {"geen uren of aantal op deze regel", "no hours or quantity on this line"},
	"row.shift_partial":         {"begintijd en eindtijd horen samen; één van beide ontbreekt", "start and end time belong together; one is missing"},
	"row.night_shift":           {"nachtdienst over middernacht geteld op %[1]s", "night shift over midnight counted on %[1]s"},
	"row.void":                  {"regel geannuleerd: vervalt", "line cancelled: removed"},
	"row.zero":                  {"aantal 0: regel overgeslagen", "quantity 0: line skipped"},
	"row.no_placement":          {"geen plaatsing van %[1]s actief op %[2]s", "no placement of %[1]s active on %[2]s"},
	"row.placement_many":        {"%[1]s heeft meerdere plaatsingen actief op %[2]s (%[3]s); geef de inlener of het plaatsingsnummer op", "%[1]s has several placements active on %[2]s (%[3]s); give the hirer or placement number"},
	"row.placement_unknown":     {"plaatsing %[1]s bestaat niet", "placement %[1]s does not exist"},
	"row.placement_other":       {"plaatsing %[1]s hoort niet bij uitzendkracht %[2]s of inlener %[3]s", "placement %[1]s does not belong to worker %[2]s or hirer %[3]s"},
	"row.worker_unknown":        {"uitzendkracht %[1]s niet gevonden", "worker %[1]s not found"},
	"row.worker_ambiguous":      {"%[1]s past bij meerdere uitzendkrachten (%[2]s); gebruik personeelsnummer of BSN", "%[1]s matches several workers (%[2]s); use employee number or BSN"},
	"row.worker_conflict":       {"kolommen wijzen naar verschillende uitzendkrachten (%[1]s)", "columns point to different workers (%[1]s)"},
	"row.hirer_unknown":         {"inlener %[1]s niet gevonden", "hirer %[1]s not found"},
	"row.type_not_agreed":       {"uursoort %[1]s is niet afgesproken in plaatsing %[2]s; standaardpercentage gebruikt", "hour type %[1]s is not agreed in placement %[2]s; default percentage used"},
	"row.duplicate":             {"dubbele regel: zelfde uitzendkracht, datum en uursoort als rij %[1]s", "duplicate line: same worker, date and hour type as row %[1]s"},
	"row.paid":                  {"regel van %[1]s %[2]s is al verloond en blijft staan; corrigeer via een correctieloonstrook", "line of %[1]s %[2]s is already paid and stays; correct it on a correction payslip"},
	"row.paid_changed":          {"nieuw aantal %[1]s voor een regel die al verloond is met %[2]s (%[3]s); corrigeer via een correctieloonstrook", "new quantity %[1]s for a line already paid with %[2]s (%[3]s); correct it on a correction payslip"},
	"row.void_nothing":          {"annulering: geen eerdere regel gevonden om te laten vervallen", "cancellation: no earlier line found to remove"},
	"row.setu_unchanged":        {"ongewijzigd (al ingelezen)", "unchanged (already imported)"},
	"row.setu_void":             {"SETU-correctie: regel %[1]s vervalt", "SETU correction: line %[1]s removed"},
	"row.setu_change":           {"SETU-correctie: regel %[1]s gewijzigd", "SETU correction: line %[1]s changed"},
	"row.setu_allowance":        {"vergoeding %[1]s niet als urenregel ingelezen (geen hercodering)", "allowance %[1]s not imported as an hour line (no recoding)"},
	"row.worker_new":            {"nieuwe uitzendkracht %[1]s", "new worker %[1]s"},
	"row.worker_update":         {"uitzendkracht %[1]s bijgewerkt: %[2]s", "worker %[1]s updated: %[2]s"},
	"row.hirer_new":             {"nieuwe inlener %[1]s", "new hirer %[1]s"},
	"row.hirer_update":          {"inlener %[1]s bijgewerkt: %[2]s", "hirer %[1]s updated: %[2]s"},
	"row.placement_new":         {"nieuwe plaatsing %[1]s", "new placement %[1]s"},
	"row.placement_update":      {"plaatsing %[1]s bijgewerkt: %[2]s", "placement %[1]s updated: %[2]s"},
	"row.invalid":               {"%[1]s", "%[1]s"},
	"row.worker_number_missing": {"nieuwe uitzendkracht zonder personeelsnummer", "new worker without an employee number"},
	"row.hirer_missing":         {"inlener ontbreekt", "hirer missing"},
	"row.opening_exists":        {"%[1]s heeft al een beginsaldo (%[2]s); een tweede zou erbij optellen", "%[1]s already has an opening balance (%[2]s); a second would add to it"},
	"row.opening_twice":         {"%[1]s staat ook op rij %[2]s", "%[1]s is also on row %[2]s"},
	"row.out_of_period":         {"datum %[1]s valt buiten de periode van het bestand (%[2]s)", "date %[1]s is outside the file's period (%[2]s)"},

	// Import level.
	"import.duplicate":  {"dit bestand is al ingelezen op %[1]s (%[2]s); er wordt niets toegevoegd", "this file was already imported on %[1]s (%[2]s); nothing is added"},
	"import.replaces":   {"vervangt %[1]s regels uit %[2]s (zelfde inlener en periode)", "replaces %[1]s lines from %[2]s (same hirer and period)"},
	"import.has_errors": {"%[1]s rijen met fouten; los ze op of lees in zonder die rijen", "%[1]s rows with errors; fix them or import without those rows"},
}

// newMessage renders a message from the catalogue. Unknown keys render as the key.
func newMessage(sev Status, key string, args ...string) Message {
	m := Message{Severity: sev, Key: key, Args: args}
	texts, ok := catalogue[key]
	if !ok {
		texts = [2]string{key, key}
	}
	a := make([]any, len(args))
	for i, s := range args {
		a[i] = s
	}
	m.NL = fmt.Sprintf(texts[0], a...)
	m.EN = fmt.Sprintf(texts[1], a...)
	return m
}

// NewMessage builds a catalogued message; app/importing uses it for the
// findings of matching (unknown worker, no placement, …) so that every
// message of an import has the same shape.
func NewMessage(sev Status, key string, args ...string) Message { return newMessage(sev, key, args...) }

// ColumnName turns a 0-based column index into its spreadsheet letter: 0 → A, 26 → AA.
func ColumnName(i int) string {
	if i < 0 {
		return ""
	}
	var b []byte
	for i >= 0 {
		b = append([]byte{byte('A' + i%26)}, b...)
		i = i/26 - 1
	}
	return string(b)
}
