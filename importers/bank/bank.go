// Package bank reads the bank statements an agency downloads, so that the
// hirers' payments can be booked against their invoices: ISO 20022 CAMT.053
// (every Dutch bank offers it) and the CSV/TAB exports of the big three:
//
//   - ING "Af- en bijschrijvingen" CSV (comma or semicolon; Dutch or English
//     headers): Datum (yyyymmdd), Naam / Omschrijving, Rekening,
//     Tegenrekening, Code, Af Bij, Bedrag (EUR), Mutatiesoort, Mededelingen
//     [, Saldo na mutatie, Tag].
//   - Rabobank CSV (since 2018): IBAN/BBAN, Munt, BIC, Volgnr, Datum
//     (yyyy-mm-dd), Rentedatum, Bedrag (signed, "+1.234,56"), Saldo na trn,
//     Tegenrekening IBAN/BBAN, Naam tegenpartij, …, Transactiereferentie, …,
//     Betalingskenmerk, Omschrijving-1, -2, -3, …
//   - ABN AMRO TXT*.TAB: no header, tab-separated: Rekeningnummer, Muntsoort,
//     Transactiedatum (yyyymmdd), Beginsaldo, Eindsaldo, Rentedatum,
//     Transactiebedrag (signed, decimal comma), Omschrijving — the last either
//     "/TRTP/…/IBAN/…/NAME/…/REMI/…/EREF/…" or the fixed-width "IBAN: …
//     Naam: … Omschrijving: … Kenmerk: …" form.
//
// It is pure parsing: no database, no matching (that is app/debtors). Bank
// files come from outside and are hostile input like any other, so sizes are
// capped, every failure is an *Error with a line number and Dutch and English
// text, and the parsers are fuzzed.
package bank

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/shopspring/decimal"
	"golang.org/x/text/encoding/charmap"

	"verloner/domain"
)

// Format names a statement layout.
type Format string

// Formats Parse recognises.
const (
	CAMT053  Format = "camt053"
	ING      Format = "ing-csv"
	Rabobank Format = "rabobank-csv"
	ABNAMRO  Format = "abnamro-tab"
)

// Limits on what a statement may hold: generous for an agency (a year of
// daily statements), small enough that a wrong or hostile file cannot exhaust
// memory.
const (
	MaxFileSize = 64 << 20
	MaxEntries  = 200_000
)

// Entry is one booked transaction on one of the agency's accounts.
type Entry struct {
	Account     string          // own account: IBAN, or the ABN AMRO account number in TAB files
	BookingDate time.Time       // date the bank booked it
	ValueDate   time.Time       // zero when the file has none
	Amount      decimal.Decimal // > 0 money in (credit), < 0 money out (debit)
	Currency    string
	CounterIBAN string
	CounterName string
	Remittance  string // the payer's description and references, as one text
	EndToEndID  string
	BankRef     string // the bank's own reference of the entry, when the file has one
	Line        int    // line (CSV/TAB) or entry number (CAMT) in the file
}

// Credit reports whether the entry is money received.
func (e Entry) Credit() bool { return e.Amount.IsPositive() }

// Statement is a parsed file.
type Statement struct {
	Format   Format
	Accounts []string // the own accounts in the file, in order of appearance
	Entries  []Entry
	From, To time.Time // booking dates of the first and last entry
}

// Error is a problem with a statement file, at a line when known.
type Error struct {
	Line int
	NL   string
	EN   string
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("regel %d: %s", e.Line, e.NL)
	}
	return e.NL
}

// Text renders the message in "en" or Dutch.
func (e *Error) Text(lang string) string {
	msg, at := e.NL, "regel"
	if lang == "en" {
		msg, at = e.EN, "line"
	}
	if e.Line > 0 {
		return fmt.Sprintf("%s %d: %s", at, e.Line, msg)
	}
	return msg
}

// Unwrap makes the error an invalid-input application error for callers
// that only know domain errors.
func (e *Error) Unwrap() error { return &domain.Error{Code: domain.EINVALID, Message: e.Error()} }

func errorf(line int, nl, en string, args ...any) *Error {
	return &Error{Line: line, NL: fmt.Sprintf(nl, args...), EN: fmt.Sprintf(en, args...)}
}

// Hash is the content hash a statement import is recorded under.
func Hash(data []byte) string {
	s := sha256.Sum256(data)
	return hex.EncodeToString(s[:])
}

// Parse recognises the format of data and reads it. name is only used in
// messages. Entries keep the file's order.
func Parse(data []byte, name string) (*Statement, error) {
	if len(data) == 0 {
		return nil, errorf(0, "%s is leeg.", "%s is empty.", name)
	}
	if len(data) > MaxFileSize {
		return nil, errorf(0, "%s is groter dan %d MB; dat is geen bankafschrift dat Verloner inleest.",
			"%s is larger than %d MB; that is not a statement Verloner reads.", name, MaxFileSize>>20)
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	trimmed := bytes.TrimLeft(data, " \t\r\n")
	if bytes.HasPrefix(trimmed, []byte("<")) {
		return parseCAMT(data)
	}
	if bytes.HasPrefix(trimmed, []byte("PK\x03\x04")) || bytes.HasPrefix(trimmed, []byte("\xd0\xcf\x11\xe0")) {
		return nil, errorf(0, "%s is een Excel-bestand; download het afschrift als CAMT.053, CSV of TXT.",
			"%s is an Excel file; download the statement as CAMT.053, CSV or TXT.", name)
	}
	text := decodeText(data)
	first := text
	if i := strings.IndexByte(first, '\n'); i >= 0 {
		first = first[:i]
	}
	first = strings.TrimSpace(first)
	switch {
	case strings.Contains(first, "IBAN/BBAN") && strings.Contains(first, "Volgnr"):
		return parseRabobank(text)
	case isINGHeader(first):
		return parseING(text)
	case strings.Count(first, "\t") >= 7:
		return parseABN(text)
	case strings.HasPrefix(first, ":20:") || strings.HasPrefix(first, "{1:"):
		return nil, errorf(0, "%s is een MT940-bestand; download het afschrift als CAMT.053 (MT940 wordt niet ingelezen).",
			"%s is an MT940 file; download the statement as CAMT.053 (MT940 is not read).", name)
	}
	return nil, errorf(0, "%s is geen bankafschrift dat Verloner kent (CAMT.053, of de CSV/TXT van ING, Rabobank of ABN AMRO).",
		"%s is not a statement Verloner knows (CAMT.053, or the CSV/TXT of ING, Rabobank or ABN AMRO).", name)
}

// decodeText reads UTF-8, or Windows-1252 (older Rabobank and ING downloads)
// when the bytes are not valid UTF-8.
func decodeText(data []byte) string {
	if utf8.Valid(data) {
		return string(data)
	}
	out, err := charmap.Windows1252.NewDecoder().Bytes(data)
	if err != nil {
		return strings.ToValidUTF8(string(data), "\uFFFD")
	}
	return string(out)
}

// finish fills the statement's accounts and date range and applies the limits.
func finish(s *Statement) (*Statement, error) {
	if len(s.Entries) == 0 {
		return nil, errorf(0, "Het afschrift bevat geen geboekte transacties.", "The statement holds no booked transactions.")
	}
	if len(s.Entries) > MaxEntries {
		return nil, errorf(0, "Het afschrift bevat meer dan %d transacties.", "The statement holds more than %d transactions.", MaxEntries)
	}
	seen := map[string]bool{}
	for _, e := range s.Entries {
		if e.Account != "" && !seen[e.Account] {
			seen[e.Account] = true
			s.Accounts = append(s.Accounts, e.Account)
		}
		if s.From.IsZero() || e.BookingDate.Before(s.From) {
			s.From = e.BookingDate
		}
		if e.BookingDate.After(s.To) {
			s.To = e.BookingDate
		}
	}
	return s, nil
}

// Keys returns a stable identity per entry, so that the same transaction in
// two overlapping downloads is booked once: the bank's reference when the
// file has one, otherwise a digest of the entry's fields plus its occurrence
// among identical entries of the file (two equal payments on one day are two
// payments).
func (s *Statement) Keys() []string {
	out := make([]string, len(s.Entries))
	count := map[string]int{}
	used := map[string]bool{}
	for i, e := range s.Entries {
		if e.BankRef != "" {
			k := fmt.Sprintf("%s|%s|ref|%s", s.Format, domain.NormalizeIBAN(e.Account), e.BankRef)
			// A reference is unique at the bank; should a file repeat one, the
			// repeats still get keys of their own.
			for n := 2; used[k]; n++ {
				k = fmt.Sprintf("%s|%s|ref|%s|#%d", s.Format, domain.NormalizeIBAN(e.Account), e.BankRef, n)
			}
			used[k] = true
			out[i] = k
			continue
		}
		base := strings.Join([]string{string(s.Format), domain.NormalizeIBAN(e.Account), e.BookingDate.Format("2006-01-02"),
			e.Amount.String(), domain.NormalizeIBAN(e.CounterIBAN), strings.Join(strings.Fields(e.Remittance), " "), e.EndToEndID}, "|")
		count[base]++
		sum := sha256.Sum256([]byte(fmt.Sprintf("%s|%d", base, count[base])))
		out[i] = string(s.Format) + "|" + hex.EncodeToString(sum[:16])
		used[out[i]] = true
	}
	return out
}

// parseDate reads the date layouts the formats use.
func parseDate(s string, layouts ...string) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, l := range layouts {
		if t, err := time.Parse(l, s); err == nil {
			return domain.DateOf(t), nil
		}
	}
	return time.Time{}, errors.New("datum")
}

// parseAmount reads a signed amount with a decimal comma ("+1.234,56", "-7,5",
// "1234,56") or, when allowDot, a decimal point.
func parseAmount(s string, sign rune) (decimal.Decimal, error) {
	s = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(s), "+"))
	if s == "" {
		return decimal.Zero, errors.New("leeg")
	}
	d, err := domain.ParseDecimalWith(s, sign)
	if err != nil {
		return decimal.Zero, err
	}
	if d.Exponent() < -2 && !d.Equal(d.Round(2)) {
		return decimal.Zero, errors.New("meer dan twee decimalen")
	}
	if d.Abs().GreaterThan(decimal.New(1, 12)) {
		return decimal.Zero, errors.New("te groot")
	}
	return d, nil
}

// clean keeps text on one line, without control characters, at most n runes.
func clean(s string, n int) string {
	s = strings.Map(func(r rune) rune {
		if r < 32 || r == 0x7f {
			return ' '
		}
		return r
	}, s)
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) > n {
		r := []rune(s)
		s = string(r[:n])
	}
	return s
}
