package sepa

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Maximum lengths in characters (EPC SEPA Credit Transfer implementation
// guidelines; the XSD allows 140 for names).
const (
	MaxID          = 35  // MsgId, PmtInfId, EndToEndId, InstrId
	MaxName        = 70  // Nm of debtor, creditor and initiating party
	MaxRemittance  = 140 // one Ustrd
	MaxStreet      = 70  // StrtNm, AdrLine
	MaxPostalCode  = 16  // PstCd
	MaxTown        = 35  // TwnNm
	MaxAddressLine = 70  // AdrLine
)

// Allowed reports whether r is in the SEPA Latin character set (EPC217-08
// basic set): a-z A-Z 0-9 / - ? : ( ) . , ' + and space.
func Allowed(r rune) bool {
	switch {
	case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9':
		return true
	}
	return strings.ContainsRune("/-?:().,'+ ", r)
}

// translit maps characters outside the SEPA set to their usual Latin
// spelling without diacritics. Characters not listed and not allowed are
// dropped by Transliterate.
var translit = map[rune]string{}

func init() {
	// pairs of "characters" → replacement, one replacement per group.
	groups := []struct{ from, to string }{
		// Latin-1 supplement
		{"ÀÁÂÃÄÅ", "A"}, {"àáâãäå", "a"}, {"Æ", "AE"}, {"æ", "ae"}, {"Ç", "C"}, {"ç", "c"},
		{"ÈÉÊË", "E"}, {"èéêë", "e"}, {"ÌÍÎÏ", "I"}, {"ìíîï", "i"}, {"Ð", "D"}, {"ð", "d"},
		{"Ñ", "N"}, {"ñ", "n"}, {"ÒÓÔÕÖØ", "O"}, {"òóôõöø", "o"}, {"ÙÚÛÜ", "U"}, {"ùúûü", "u"},
		{"Ý", "Y"}, {"ýÿ", "y"}, {"Þ", "TH"}, {"þ", "th"}, {"ß", "ss"},
		// Latin Extended-A: Polish, Czech, Slovak, Hungarian, Baltic, Turkish,
		// Romanian (cedilla forms), Croatian, Maltese …
		{"ĀĂĄ", "A"}, {"āăą", "a"}, {"ĆĈĊČ", "C"}, {"ćĉċč", "c"}, {"ĎĐ", "D"}, {"ďđ", "d"},
		{"ĒĔĖĘĚ", "E"}, {"ēĕėęě", "e"}, {"ĜĞĠĢ", "G"}, {"ĝğġģ", "g"}, {"ĤĦ", "H"}, {"ĥħ", "h"},
		{"ĨĪĬĮİ", "I"}, {"ĩīĭįı", "i"}, {"Ĳ", "IJ"}, {"ĳ", "ij"}, {"Ĵ", "J"}, {"ĵ", "j"},
		{"Ķ", "K"}, {"ķĸ", "k"}, {"ĹĻĽĿŁ", "L"}, {"ĺļľŀł", "l"}, {"ŃŅŇŊ", "N"}, {"ńņňŉŋ", "n"},
		{"ŌŎŐ", "O"}, {"ōŏő", "o"}, {"Œ", "OE"}, {"œ", "oe"}, {"ŔŖŘ", "R"}, {"ŕŗř", "r"},
		{"ŚŜŞŠ", "S"}, {"śŝşšſ", "s"}, {"ŢŤŦ", "T"}, {"ţťŧ", "t"},
		{"ŨŪŬŮŰŲ", "U"}, {"ũūŭůűų", "u"}, {"Ŵ", "W"}, {"ŵ", "w"}, {"ŶŸ", "Y"}, {"ŷ", "y"},
		{"ŹŻŽ", "Z"}, {"źżž", "z"},
		// Latin Extended-B: Romanian comma-below forms, Azerbaijani schwa, Vietnamese-free basics
		{"Ș", "S"}, {"ș", "s"}, {"Ț", "T"}, {"ț", "t"}, {"Ə", "A"}, {"ə", "a"}, {"ƒ", "f"},
		{"ǍǺ", "A"}, {"ǎǻ", "a"}, {"Ǐ", "I"}, {"ǐ", "i"}, {"Ǒ", "O"}, {"ǒ", "o"}, {"ǓǕǗǙǛ", "U"}, {"ǔǖǘǚǜ", "u"},
		// punctuation with an allowed look-alike
		{"‘’‚‛′`´\"“”„‟«»", "'"}, {"‐‑‒–—―−_", "-"}, {"&", "+"}, {"[{", "("}, {"]}", ")"},
		{"\\", "/"}, {";", ","}, {"…", "..."}, {"€", "EUR"},
		{"\t\n\r\u00a0\u2007\u202f\u2009\u200a\u2002\u2003", " "},
	}
	for _, g := range groups {
		for _, r := range g.from {
			translit[r] = g.to
		}
	}
}

// Transliterate rewrites s in the SEPA Latin character set: letters with
// diacritics lose them (ł→l, ś→s, ą→a, ë→e, ı→i, ş/ș→s, ė→e, ų→u …), ß
// becomes ss, Æ AE, ĳ ij, & becomes +, typographic quotes and dashes their
// ASCII look-alikes; combining marks (decomposed input) and every other
// character outside the set are dropped. Runs of spaces are collapsed and the
// result is trimmed.
func Transliterate(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	emit := func(t string) {
		for _, r := range t {
			if r == ' ' {
				space = b.Len() > 0
				continue
			}
			if space {
				b.WriteByte(' ')
				space = false
			}
			b.WriteRune(r)
		}
	}
	for _, r := range s {
		switch {
		case Allowed(r):
			emit(string(r))
		case r >= 0x0300 && r <= 0x036F: // combining diacritical marks
		default:
			if t, ok := translit[r]; ok {
				emit(t)
			}
		}
	}
	return b.String()
}

// CleanText transliterates s and cuts it to at most max characters. A cut
// does not leave a trailing space or separator ("Kowalska-" becomes
// "Kowalska").
func CleanText(s string, max int) string {
	t := Transliterate(s)
	if len(t) <= max { // t is ASCII: bytes are characters
		return t
	}
	return strings.TrimRight(t[:max], " -,/+(:")
}

// disallowed lists the distinct characters of s outside the SEPA set, in
// order of appearance, quoted for a message.
func disallowed(s string) string {
	var out []string
	seen := map[rune]bool{}
	for _, r := range s {
		if Allowed(r) || seen[r] {
			continue
		}
		seen[r] = true
		switch {
		case r == utf8.RuneError:
			out = append(out, "�")
		case r < ' ' || r == 0x7f:
			out = append(out, fmt.Sprintf("U+%04X", r))
		default:
			out = append(out, "'"+string(r)+"'")
		}
		if len(out) == 8 {
			out = append(out, "…")
			break
		}
	}
	return strings.Join(out, " ")
}
