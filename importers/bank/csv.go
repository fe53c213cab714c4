package bank

import (
	"encoding/csv"
	"errors"
	"io"
	"regexp"
	"strings"
)

// readCSV splits text into records with the delimiter of its header line,
// tolerating the quoting quirks of bank exports.
func readCSV(text string) ([][]string, error) {
	first := text
	if i := strings.IndexByte(first, '\n'); i >= 0 {
		first = first[:i]
	}
	r := csv.NewReader(strings.NewReader(text))
	r.Comma = ','
	if strings.Count(first, ";") > strings.Count(first, ",") {
		r.Comma = ';'
	}
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	r.ReuseRecord = false
	var out [][]string
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			line := 0
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				line = pe.Line
			}
			return nil, errorf(line, "de CSV is onleesbaar (%v).", "the CSV is unreadable (%v).", err)
		}
		if len(out) > MaxEntries {
			return nil, errorf(0, "Het afschrift bevat meer dan %d regels.", "The statement holds more than %d lines.", MaxEntries)
		}
		out = append(out, rec)
	}
}

// columns maps header names (case-insensitive, trimmed) to indexes.
func columns(header []string) map[string]int {
	m := map[string]int{}
	for i, h := range header {
		k := strings.ToLower(strings.TrimSpace(strings.Trim(h, "\ufeff\"")))
		if _, dup := m[k]; !dup {
			m[k] = i
		}
	}
	return m
}

type row struct {
	rec  []string
	cols map[string]int
}

// get returns the first of the named columns present in the row.
func (r row) get(names ...string) string {
	for _, n := range names {
		if i, ok := r.cols[n]; ok && i < len(r.rec) {
			return strings.TrimSpace(r.rec[i])
		}
	}
	return ""
}

func (r row) has(names ...string) bool {
	for _, n := range names {
		if _, ok := r.cols[n]; ok {
			return true
		}
	}
	return false
}

var ingDateCols = []string{"datum", "date"}

func isINGHeader(line string) bool {
	l := strings.ToLower(line)
	return (strings.Contains(l, "naam / omschrijving") && strings.Contains(l, "af bij")) ||
		(strings.Contains(l, "name / description") && strings.Contains(l, "debit/credit"))
}

// ING "Af- en bijschrijvingen": amounts are unsigned, "Af Bij" (or
// "Debit/credit") gives the direction; Mededelingen holds the payer's
// description ("Naam: … Omschrijving: … IBAN: … Kenmerk: …").
func parseING(text string) (*Statement, error) {
	recs, err := readCSV(text)
	if err != nil {
		return nil, err
	}
	cols := columns(recs[0])
	hdr := row{recs[0], cols}
	for _, need := range [][]string{ingDateCols, {"rekening", "account"}, {"bedrag (eur)", "amount (eur)"}, {"af bij", "debit/credit"}} {
		if !hdr.has(need...) {
			return nil, errorf(1, "kolom %q ontbreekt in de ING-export.", "column %q missing from the ING export.", need[0])
		}
	}
	s := &Statement{Format: ING}
	for i, rec := range recs[1:] {
		line := i + 2
		r := row{rec, cols}
		if strings.TrimSpace(strings.Join(rec, "")) == "" {
			continue
		}
		date, err := parseDate(r.get(ingDateCols...), "20060102", "2006-01-02", "02-01-2006")
		if err != nil {
			return nil, errorf(line, "datum %q onleesbaar (verwacht jjjjmmdd).", "date %q unreadable (expected yyyymmdd).", clean(r.get(ingDateCols...), 20))
		}
		amount, err := parseAmount(r.get("bedrag (eur)", "amount (eur)"), ',')
		if err != nil || amount.IsNegative() || amount.IsZero() {
			return nil, errorf(line, "bedrag %q onleesbaar.", "amount %q unreadable.", clean(r.get("bedrag (eur)", "amount (eur)"), 20))
		}
		switch strings.ToLower(r.get("af bij", "debit/credit")) {
		case "bij", "credit":
		case "af", "debit":
			amount = amount.Neg()
		default:
			return nil, errorf(line, "Af/Bij %q onbekend.", "debit/credit %q unknown.", clean(r.get("af bij", "debit/credit"), 10))
		}
		notes := r.get("mededelingen", "notifications")
		e := Entry{Account: clean(r.get("rekening", "account"), 34), BookingDate: date, Amount: amount, Currency: "EUR",
			CounterIBAN: clean(r.get("tegenrekening", "counterparty"), 34), CounterName: clean(r.get("naam / omschrijving", "name / description"), 140),
			Remittance: clean(notes, 1000), Line: line}
		if m := kenmerkRe.FindStringSubmatch(notes); m != nil {
			e.EndToEndID = clean(m[1], 35)
		}
		if m := valutaRe.FindStringSubmatch(notes); m != nil {
			e.ValueDate, _ = parseDate(m[1], "02-01-2006")
		}
		s.Entries = append(s.Entries, e)
	}
	return finish(s)
}

var (
	kenmerkRe = regexp.MustCompile(`(?i)Kenmerk:\s*(\S+)`)
	valutaRe  = regexp.MustCompile(`(?i)Valutadatum:\s*(\d{2}-\d{2}-\d{4})`)
)

// Rabobank CSV: signed amounts, one row per transaction, the own IBAN per
// row (a download can cover several accounts), Volgnr as the bank's number.
func parseRabobank(text string) (*Statement, error) {
	recs, err := readCSV(text)
	if err != nil {
		return nil, err
	}
	cols := columns(recs[0])
	hdr := row{recs[0], cols}
	for _, need := range []string{"iban/bban", "datum", "bedrag"} {
		if !hdr.has(need) {
			return nil, errorf(1, "kolom %q ontbreekt in de Rabobank-export.", "column %q missing from the Rabobank export.", need)
		}
	}
	s := &Statement{Format: Rabobank}
	for i, rec := range recs[1:] {
		line := i + 2
		r := row{rec, cols}
		if strings.TrimSpace(strings.Join(rec, "")) == "" {
			continue
		}
		date, err := parseDate(r.get("datum"), "2006-01-02", "02-01-2006", "20060102")
		if err != nil {
			return nil, errorf(line, "datum %q onleesbaar (verwacht jjjj-mm-dd).", "date %q unreadable (expected yyyy-mm-dd).", clean(r.get("datum"), 20))
		}
		amount, err := parseAmount(r.get("bedrag"), ',')
		if err != nil || amount.IsZero() {
			return nil, errorf(line, "bedrag %q onleesbaar.", "amount %q unreadable.", clean(r.get("bedrag"), 20))
		}
		value, _ := parseDate(r.get("rentedatum"), "2006-01-02")
		var desc []string
		for _, c := range []string{"betalingskenmerk", "omschrijving-1", "omschrijving-2", "omschrijving-3"} {
			if v := r.get(c); v != "" {
				desc = append(desc, v)
			}
		}
		e := Entry{Account: clean(r.get("iban/bban"), 34), BookingDate: date, ValueDate: value, Amount: amount,
			Currency: firstNonEmpty(r.get("munt"), "EUR"), CounterIBAN: clean(r.get("tegenrekening iban/bban"), 34),
			CounterName: clean(firstNonEmpty(r.get("naam tegenpartij"), r.get("naam uiteindelijke partij"), r.get("naam initiërende partij")), 140),
			Remittance:  clean(strings.Join(desc, " "), 1000), EndToEndID: clean(r.get("transactiereferentie"), 35), Line: line}
		if v := r.get("volgnr"); v != "" {
			e.BankRef = clean(v, 40)
		}
		s.Entries = append(s.Entries, e)
	}
	return finish(s)
}
