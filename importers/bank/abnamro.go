package bank

import (
	"regexp"
	"strings"
)

// ABN AMRO TXT*.TAB: one transaction per line, tab-separated, no header:
// account number, currency, transaction date, start balance, end balance,
// value date, amount (signed, decimal comma), description. The account is
// the old account number (the IBAN's last ten digits without leading zeros).
func parseABN(text string) (*Statement, error) {
	s := &Statement{Format: ABNAMRO}
	for i, raw := range strings.Split(text, "\n") {
		line := i + 1
		l := strings.TrimRight(raw, "\r")
		if strings.TrimSpace(l) == "" {
			continue
		}
		if len(s.Entries) >= MaxEntries {
			return nil, errorf(0, "Het afschrift bevat meer dan %d regels.", "The statement holds more than %d lines.", MaxEntries)
		}
		f := strings.SplitN(l, "\t", 8)
		if len(f) < 8 {
			return nil, errorf(line, "verwacht 8 kolommen gescheiden door tabs, gevonden %d.", "expected 8 tab-separated columns, found %d.", len(f))
		}
		acct := strings.TrimSpace(f[0])
		if acct == "" || strings.Trim(acct, "0123456789") != "" {
			return nil, errorf(line, "rekeningnummer %q onleesbaar.", "account number %q unreadable.", clean(acct, 20))
		}
		date, err := parseDate(f[2], "20060102")
		if err != nil {
			return nil, errorf(line, "transactiedatum %q onleesbaar (verwacht jjjjmmdd).", "transaction date %q unreadable (expected yyyymmdd).", clean(f[2], 20))
		}
		value, _ := parseDate(f[5], "20060102")
		amount, err := parseAmount(f[6], ',')
		if err != nil || amount.IsZero() {
			return nil, errorf(line, "bedrag %q onleesbaar.", "amount %q unreadable.", clean(f[6], 20))
		}
		e := Entry{Account: acct, BookingDate: date, ValueDate: value, Amount: amount, Currency: firstNonEmpty(strings.TrimSpace(f[1]), "EUR"), Line: line}
		abnDescription(&e, f[7])
		s.Entries = append(s.Entries, e)
	}
	return finish(s)
}

var (
	abnTag   = regexp.MustCompile(`/(TRTP|IBAN|BIC|NAME|REMI|EREF|CSID|MARF|ORDP|ID|BENM|ADDR|ISDT|RTRN|CNTP|ULTC|ULTD|PURP|SVCL)/`)
	abnField = regexp.MustCompile(`(IBAN|BIC|Naam|Omschrijving|Kenmerk|Machtiging|Incassant|Voor):\s`)
)

// abnDescription takes counterparty, remittance and end-to-end id from either
// description form; the whole description stays the remittance text, so that
// an invoice number anywhere in it is found.
func abnDescription(e *Entry, desc string) {
	d := strings.TrimSpace(desc)
	fields := map[string]string{}
	if strings.HasPrefix(d, "/") {
		locs := abnTag.FindAllStringSubmatchIndex(d, -1)
		for i, loc := range locs {
			end := len(d)
			if i+1 < len(locs) {
				end = locs[i+1][0]
			}
			fields[d[loc[2]:loc[3]]] = strings.TrimSpace(d[loc[1]:end])
		}
		e.CounterIBAN, e.CounterName = clean(fields["IBAN"], 34), clean(fields["NAME"], 140)
		e.EndToEndID = clean(fields["EREF"], 35)
		if e.EndToEndID == "NOTPROVIDED" {
			e.EndToEndID = ""
		}
		e.Remittance = clean(strings.TrimSpace(fields["REMI"]+" "+fields["EREF"]), 1000)
		if e.Remittance == "" {
			e.Remittance = clean(d, 1000)
		}
		return
	}
	locs := abnField.FindAllStringSubmatchIndex(d, -1)
	for i, loc := range locs {
		end := len(d)
		if i+1 < len(locs) {
			end = locs[i+1][0]
		}
		fields[d[loc[2]:loc[3]]] = strings.TrimSpace(d[loc[1]:end])
	}
	e.CounterIBAN, e.CounterName = clean(fields["IBAN"], 34), clean(fields["Naam"], 140)
	e.EndToEndID = clean(fields["Kenmerk"], 35)
	e.Remittance = clean(d, 1000)
}
