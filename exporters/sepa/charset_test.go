package sepa

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestTransliterate(t *testing.T) {
	tests := []struct{ in, want string }{
		// Polish
		{"Łukasz Wiśniewski", "Lukasz Wisniewski"},
		{"Małgorzata Woźniak-Kędzierska", "Malgorzata Wozniak-Kedzierska"},
		{"Grzegorz Brzęczyszczykiewicz", "Grzegorz Brzeczyszczykiewicz"},
		{"Żaneta Ćwikła", "Zaneta Cwikla"},
		{"Jolanta Król-Dąbrowska", "Jolanta Krol-Dabrowska"},
		{"Bożena Mańkowska", "Bozena Mankowska"},
		{"ŁĄCKI ŹDŹBŁO ŚWIĘTY", "LACKI ZDZBLO SWIETY"},
		// Turkish
		{"Ayşe Yılmaz", "Ayse Yilmaz"},
		{"Ömer Çelik", "Omer Celik"},
		{"Doğan Güneş", "Dogan Gunes"},
		{"İsmail Işık", "Ismail Isik"},
		{"Şükrü Ağaoğlu", "Sukru Agaoglu"},
		// Lithuanian
		{"Žydrūnė Šimkutė", "Zydrune Simkute"},
		{"Vytautas Čėsna", "Vytautas Cesna"},
		{"Gintarė Kazlauskienė", "Gintare Kazlauskiene"},
		{"Mindaugas Žemaitis-Vaitkūnas", "Mindaugas Zemaitis-Vaitkunas"},
		{"Ąžuolas Įgaunis Ųkis", "Azuolas Igaunis Ukis"},
		// Romanian, both comma-below and cedilla forms
		{"Ștefan Țăranu", "Stefan Taranu"},
		{"Şerban Ţepeş", "Serban Tepes"},
		{"Ioana Brâncuși-Mărginean", "Ioana Brancusi-Marginean"},
		{"Îngrid Dâmbovița", "Ingrid Dambovita"},
		// Latvian, Czech, Slovak, Hungarian, Croatian
		{"Jānis Bērziņš", "Janis Berzins"},
		{"Jiří Dvořák", "Jiri Dvorak"},
		{"Ľubomír Ťažký", "Lubomir Tazky"},
		{"Lőrinc Erdős Árpád", "Lorinc Erdos Arpad"},
		{"Đurđa Kovačević", "Durda Kovacevic"},
		// Dutch, German, Scandinavian, French, Spanish, Portuguese
		{"Chloë Ĳsselmuiden", "Chloe IJsselmuiden"},
		{"Jan de Vries & Zn.", "Jan de Vries + Zn."},
		{"’s-Hertogenbosch", "'s-Hertogenbosch"},
		{"Straße Groß", "Strasse Gross"},
		{"Jürgen Müller", "Jurgen Muller"},
		{"Søren Ærø Åberg", "Soren AEro Aberg"},
		{"Françoise Lefèvre", "Francoise Lefevre"},
		{"José Núñez", "Jose Nunez"},
		{"João Gonçalves", "Joao Goncalves"},
		{"Þórunn Guðmundsdóttir", "THorunn Gudmundsdottir"},
		// punctuation and layout
		{"  Jan\t\tJansen \n", "Jan Jansen"},
		{"Loon week 47 – “netto” [correctie]", "Loon week 47 - 'netto' (correctie)"},
		{"a_b; c\\d", "a-b, c/d"},
		{"bonus 5 €", "bonus 5 EUR"},
		{"mail@example.com #1 100%", "mailexample.com 1 100"},
		// decomposed input (combining marks, as macOS sends it)
		{"Chloe\u0308 Wis\u0301niewski", "Chloe Wisniewski"},
		// scripts without a table are dropped
		{"Олена Коваленко", ""},
		{"Ann 李", "Ann"},
		{"\xff\xfeX", "X"},
		{"a/b-c?d:e(f)g.h,i'j+k", "a/b-c?d:e(f)g.h,i'j+k"},
	}
	for _, tc := range tests {
		if got := Transliterate(tc.in); got != tc.want {
			t.Errorf("Transliterate(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestTransliterateCoversLatin: every letter of Latin-1 and Latin Extended-A
// has a replacement, and every replacement is in the SEPA set.
func TestTransliterateCoversLatin(t *testing.T) {
	for r := rune(0xC0); r <= 0x17F; r++ {
		if r == 0xD7 || r == 0xF7 { // × ÷
			continue
		}
		if _, ok := translit[r]; !ok {
			t.Errorf("no transliteration for %q (U+%04X)", r, r)
		}
	}
	for r, s := range translit {
		for _, c := range s {
			if !Allowed(c) {
				t.Errorf("%q maps to %q, outside the set", r, s)
			}
		}
	}
}

func TestCleanText(t *testing.T) {
	long := "Maria Magdalena Aleksandra Brzęczyszczykiewicz-Wiśniewska van den Heuvel-Ĳsselstein"
	got := CleanText(long, MaxName)
	if len(got) > MaxName || !strings.HasPrefix(got, "Maria Magdalena Aleksandra Brzeczyszczykiewicz-Wisniewska van den") {
		t.Errorf("CleanText long name = %q (%d)", got, len(got))
	}
	tests := []struct {
		in   string
		max  int
		want string
	}{
		{"Jan Jansen", 70, "Jan Jansen"},
		{"Jan Jansen-Groß", 13, "Jan Jansen-Gr"},
		{"Jan Jansen-Groß", 11, "Jan Jansen"}, // no trailing hyphen
		{"Jan Jansen Groß", 11, "Jan Jansen"}, // no trailing space
		{"Großmann", 4, "Gros"},               // ß expands before the cut
		{"ŁŁŁŁŁŁŁŁŁŁ", 5, "LLLLL"},            // counted in characters after transliteration
		{strings.Repeat("ą", 80), 70, strings.Repeat("a", 70)},
	}
	for _, tc := range tests {
		if got := CleanText(tc.in, tc.max); got != tc.want {
			t.Errorf("CleanText(%q, %d) = %q, want %q", tc.in, tc.max, got, tc.want)
		}
	}
}

func FuzzCleanText(f *testing.F) {
	for _, s := range []string{"Łukasz", "Straße", "a  b", "\xff", "Олена", "’s-Hertogenbosch & Zn"} {
		f.Add(s, 70)
	}
	f.Fuzz(func(t *testing.T, s string, max int) {
		if max < 0 || max > 500 {
			return
		}
		got := CleanText(s, max)
		if len(got) > max || !utf8.ValidString(got) {
			t.Fatalf("CleanText(%q, %d) = %q", s, max, got)
		}
		for _, r := range got {
			if !Allowed(r) {
				t.Fatalf("CleanText(%q) kept %q", s, r)
			}
		}
		if strings.HasPrefix(got, " ") || strings.HasSuffix(got, " ") || strings.Contains(got, "  ") {
			t.Fatalf("CleanText(%q) = %q has stray spaces", s, got)
		}
		if Transliterate(got) != got {
			t.Fatalf("not idempotent: %q", got)
		}
	})
}
