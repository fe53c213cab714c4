package importers

import (
	"regexp"
	"strings"
	"testing"
)

// Every catalogue entry uses the same arguments in Dutch and English, and
// renders without fmt's %!(…) complaints when given them.
func TestCatalogue_TextsAgree(t *testing.T) {
	re := regexp.MustCompile(`%\[(\d)\]`)
	maxArg := func(s string) int {
		n := 0
		for _, m := range re.FindAllStringSubmatch(s, -1) {
			if d := int(m[1][0] - '0'); d > n {
				n = d
			}
		}
		return n
	}
	for key, texts := range catalogue {
		nl, en := maxArg(texts[0]), maxArg(texts[1])
		if nl != en {
			t.Errorf("%s: Dutch uses %d arguments, English %d", key, nl, en)
		}
		args := make([]string, nl)
		for i := range args {
			args[i] = "x"
		}
		m := newMessage(StatusError, key, args...)
		if strings.Contains(m.NL, "%!") || strings.Contains(m.EN, "%!") {
			t.Errorf("%s renders badly: %q / %q", key, m.NL, m.EN)
		}
	}
}

func TestMessage_Location(t *testing.T) {
	tests := []struct {
		m      Message
		nl, en string
	}{
		{Message{File: "a.xlsx", Sheet: "Uren", Row: 3, Column: "C", Header: "Datum", NL: "x", EN: "y"}, "a.xlsx, blad Uren, rij 3, kolom C (Datum): x", "a.xlsx, sheet Uren, row 3, column C (Datum): y"},
		{Message{File: "b.csv", Row: 2, NL: "x", EN: "y"}, "b.csv, rij 2: x", "b.csv, row 2: y"},
		{Message{File: "tc.xml", Row: 4, Header: "TC1-4", NL: "x", EN: "y"}, "tc.xml, rij 4 (TC1-4): x", "tc.xml, row 4 (TC1-4): y"},
		{Message{NL: "x", EN: "y"}, "x", "y"},
	}
	for _, tt := range tests {
		if got := tt.m.Text("nl"); got != tt.nl {
			t.Errorf("nl %q, want %q", got, tt.nl)
		}
		if got := tt.m.Text("en"); got != tt.en {
			t.Errorf("en %q, want %q", got, tt.en)
		}
	}
}

func TestColumnName(t *testing.T) {
	for i, want := range map[int]string{0: "A", 25: "Z", 26: "AA", 27: "AB", 701: "ZZ", 702: "AAA"} {
		if got := ColumnName(i); got != want {
			t.Errorf("ColumnName(%d) = %s, want %s", i, got, want)
		}
	}
}
