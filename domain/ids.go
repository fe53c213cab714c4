package domain

import (
	"fmt"
	"strings"
)

// NormalizeBSN strips spaces, dots and hyphens and left-pads an 8-digit number
// with a zero (older sofinummers were often written with 8 digits).
func NormalizeBSN(s string) string {
	s = strings.Map(func(r rune) rune {
		switch r {
		case ' ', '.', '-', '\u00a0':
			return -1
		}
		return r
	}, strings.TrimSpace(s))
	if len(s) == 8 {
		s = "0" + s
	}
	return s
}

// ValidBSN reports whether s is a burgerservicenummer that passes the elfproef:
// 9 digits, not all zeros, 9·d1+8·d2+…+2·d8−1·d9 divisible by 11.
func ValidBSN(s string) bool { return CheckBSN(s) == nil }

// CheckBSN explains why s is not a valid BSN, in Dutch, or returns nil.
func CheckBSN(s string) error {
	n := NormalizeBSN(s)
	if n == "" {
		return fmt.Errorf("BSN ontbreekt")
	}
	if len(n) != 9 {
		return fmt.Errorf("BSN moet 9 cijfers hebben, niet %d", len(n))
	}
	sum := 0
	for i := 0; i < 9; i++ {
		c := n[i]
		if c < '0' || c > '9' {
			return fmt.Errorf("BSN mag alleen cijfers bevatten")
		}
		w := 9 - i
		if i == 8 {
			w = -1
		}
		sum += w * int(c-'0')
	}
	if n == "000000000" {
		return fmt.Errorf("BSN mag niet uit alleen nullen bestaan")
	}
	if sum%11 != 0 {
		return fmt.Errorf("BSN voldoet niet aan de elfproef")
	}
	return nil
}

// ibanLengths lists the IBAN length per country for the countries our workers
// and hirers bank in (EU/EEA plus a few neighbours). An unknown country is refused.
var ibanLengths = map[string]int{
	"AD": 24, "AT": 20, "BE": 16, "BG": 22, "CH": 21, "CY": 28, "CZ": 24, "DE": 22,
	"DK": 18, "EE": 20, "ES": 24, "FI": 18, "FR": 27, "GB": 22, "GR": 27, "HR": 21,
	"HU": 28, "IE": 22, "IS": 26, "IT": 27, "LI": 21, "LT": 20, "LU": 20, "LV": 21,
	"MC": 27, "MT": 31, "NL": 18, "NO": 15, "PL": 28, "PT": 25, "RO": 24, "SE": 24,
	"SI": 19, "SK": 24, "SM": 27, "UA": 29, "VA": 22, "GI": 23, "AL": 28, "MD": 24,
	"ME": 22, "MK": 19, "RS": 22,
}

// NormalizeIBAN removes spaces and upper-cases the IBAN.
func NormalizeIBAN(s string) string {
	return strings.ToUpper(strings.Map(func(r rune) rune {
		if r == ' ' || r == '\u00a0' || r == '-' {
			return -1
		}
		return r
	}, s))
}

// ValidIBAN reports whether s passes the ISO 13616 checks.
func ValidIBAN(s string) bool { return CheckIBAN(s) == nil }

// CheckIBAN explains in Dutch why s is not a valid IBAN (country length, Dutch
// BBAN shape, ISO 7064 mod 97-10), or returns nil. The old Dutch 11-test on the
// account number no longer applies since 2020 and is deliberately not checked.
func CheckIBAN(s string) error {
	n := NormalizeIBAN(s)
	if n == "" {
		return fmt.Errorf("IBAN ontbreekt")
	}
	if len(n) < 5 {
		return fmt.Errorf("IBAN %s is te kort", MaskIBAN(n))
	}
	want, ok := ibanLengths[n[:2]]
	if !ok {
		return fmt.Errorf("IBAN: onbekende landcode %q", n[:2])
	}
	if len(n) != want {
		return fmt.Errorf("IBAN uit %s moet %d tekens hebben, niet %d", n[:2], want, len(n))
	}
	if n[:2] == "NL" {
		for i := 4; i < 8; i++ {
			if n[i] < 'A' || n[i] > 'Z' {
				return fmt.Errorf("Nederlandse IBAN: bankcode moet uit 4 letters bestaan")
			}
		}
		for i := 8; i < 18; i++ {
			if n[i] < '0' || n[i] > '9' {
				return fmt.Errorf("Nederlandse IBAN: rekeningnummer moet uit 10 cijfers bestaan")
			}
		}
	}
	rem := 0
	rearranged := n[4:] + n[:4]
	for i := 0; i < len(rearranged); i++ {
		c := rearranged[i]
		switch {
		case c >= '0' && c <= '9':
			rem = (rem*10 + int(c-'0')) % 97
		case c >= 'A' && c <= 'Z':
			v := int(c-'A') + 10
			rem = (rem*100 + v) % 97
		default:
			return fmt.Errorf("IBAN bevat een ongeldig teken %q", c)
		}
	}
	if rem != 1 {
		return fmt.Errorf("IBAN %s: controlegetal klopt niet", MaskIBAN(n))
	}
	return nil
}

// FormatIBAN groups an IBAN in blocks of four for display: "NL91 ABNA 0417 1643 00".
func FormatIBAN(s string) string {
	n := NormalizeIBAN(s)
	var b strings.Builder
	for i := 0; i < len(n); i++ {
		if i > 0 && i%4 == 0 {
			b.WriteByte(' ')
		}
		b.WriteByte(n[i])
	}
	return b.String()
}

// MaskBSN hides a BSN for lists and logs, keeping the last three digits
// ("******782"), so a backoffice employee can still tell two workers apart.
func MaskBSN(s string) string {
	n := NormalizeBSN(s)
	if n == "" {
		return ""
	}
	if len(n) <= 3 {
		return strings.Repeat("*", len(n))
	}
	return strings.Repeat("*", len(n)-3) + n[len(n)-3:]
}

// MaskIBAN hides an IBAN but for its country code and last four characters
// ("NL** **** **** **43 00"), as payslips and lists show it.
func MaskIBAN(s string) string {
	n := NormalizeIBAN(s)
	if n == "" {
		return ""
	}
	if len(n) <= 6 {
		return strings.Repeat("*", len(n))
	}
	b := []byte(n)
	for i := 2; i < len(b)-4; i++ {
		b[i] = '*'
	}
	return FormatIBAN(string(b))
}
