package importers

import (
	"testing"
	"time"

	"github.com/shopspring/decimal"
)

func TestParseDate(t *testing.T) {
	tests := []struct {
		in    string
		order DateOrder
		raw   bool
		d1904 bool
		want  string // "" = error
	}{
		{"16-11-2026", DMY, false, false, "2026-11-16"},
		{"6-1-26", DMY, false, false, "2026-01-06"},
		{"12-04-88", DMY, false, false, "1988-04-12"},
		{"16/11/2026", DMY, false, false, "2026-11-16"},
		{"16.11.2026", DMY, false, false, "2026-11-16"},
		{"2026-11-16", DMY, false, false, "2026-11-16"},
		{"2026-11-16T00:00:00", DMY, false, false, "2026-11-16"},
		{"20261116", DMY, false, false, "2026-11-16"},
		{"16112026", DMY, false, false, "2026-11-16"},
		{"11/16/2026", MDY, false, false, "2026-11-16"},
		{"ma 16-11-2026", DMY, false, false, "2026-11-16"},
		{"46342", DMY, true, false, "2026-11-16"},
		{"46342.75", DMY, true, false, "2026-11-16"},
		{"44880", DMY, true, true, "2026-11-16"},
		{"61", DMY, true, false, "1900-03-01"},
		{"46342", DMY, false, false, "2026-11-16"}, // a serial typed into a CSV
		{"31-02-2026", DMY, false, false, ""},
		{"16-13-2026", DMY, false, false, ""},
		{"gisteren", DMY, false, false, ""},
		{"-5", DMY, true, false, ""},
		{"", DMY, false, false, ""},
	}
	for _, tt := range tests {
		got, err := ParseDate(tt.in, tt.order, tt.raw, tt.d1904)
		s := ""
		if err == nil {
			s = got.Format("2006-01-02")
		}
		if s != tt.want {
			t.Errorf("ParseDate(%q, %s, raw %v, 1904 %v) = %q (%v), want %q", tt.in, tt.order, tt.raw, tt.d1904, s, err, tt.want)
		}
	}
}

func TestParseQuantity(t *testing.T) {
	tests := []struct {
		in   string
		sign rune
		unit QuantityUnit
		want string // "" = error
	}{
		{"7,5", 0, UnitHours, "7.5"},
		{"7.5", 0, UnitHours, "7.5"},
		{"1.234,5", 0, UnitHours, "1234.5"},
		{"7:30", 0, UnitHours, "7.5"},
		{"7:20", 0, UnitHours, "7.33"},
		{"0:45", 0, UnitHours, "0.75"},
		{"7u30", 0, UnitHours, "7.5"},
		{"8 uur", 0, UnitHours, "8"},
		{"450", 0, UnitMinutes, "7.5"},
		{"0.3125", 0, UnitDays, "7.5"},
		{"7,5", ',', UnitHours, "7.5"},
		{"1,234.5", '.', UnitHours, "1234.5"},
		{"1e300", 0, UnitHours, ""},
		{"acht", 0, UnitHours, ""},
		{"7:75", 0, UnitHours, ""},
		{"", 0, UnitHours, ""},
	}
	for _, tt := range tests {
		got, err := ParseQuantity(tt.in, tt.sign, tt.unit)
		s := ""
		if err == nil {
			s = got.String()
		}
		if s != tt.want {
			t.Errorf("ParseQuantity(%q) = %q (%v), want %q", tt.in, s, err, tt.want)
		}
	}
}

func TestParseClockAndShiftHours(t *testing.T) {
	tests := []struct {
		start, end string
		raw        bool
		brk        int
		want       string
		overnight  bool
	}{
		{"07:00", "15:30", false, 30, "8", false},
		{"22:00", "06:00", false, 45, "7.25", true},
		{"0700", "1530", false, 0, "8.5", false},
		{"7.00", "16.00", false, 60, "8", false},
		{"0.291666666666667", "0.666666666666667", true, 30, "8.5", false},
		{"2026-11-16T22:00:00", "2026-11-17 06:00", false, 0, "8", true},
		{"06:00", "24:00", false, 0, "18", false},
	}
	for _, tt := range tests {
		s, err1 := ParseClock(tt.start, tt.raw)
		e, err2 := ParseClock(tt.end, tt.raw)
		if err1 != nil || err2 != nil {
			t.Errorf("ParseClock(%q, %q): %v %v", tt.start, tt.end, err1, err2)
			continue
		}
		h, over, err := ShiftHours(s, e, tt.brk)
		if err != nil || h.String() != tt.want || over != tt.overnight {
			t.Errorf("%s–%s minus %d: %s overnight %v (%v), want %s %v", tt.start, tt.end, tt.brk, h, over, err, tt.want, tt.overnight)
		}
	}
	for _, bad := range []string{"25:00", "7:60", "x", "24:30", "123456"} {
		if _, err := ParseClock(bad, false); err == nil {
			t.Errorf("ParseClock(%q) accepted", bad)
		}
	}
	if _, _, err := ShiftHours(8*60, 9*60, 90); err == nil {
		t.Error("break longer than the shift accepted")
	}
}

func TestParseBreakWeekdayYesNoISOWeek(t *testing.T) {
	for in, want := range map[string]int{"30": 30, "0:30": 30, "0,5": 30, "45": 45, "": 0} {
		if got, err := ParseBreak(in, false, false); err != nil || got != want {
			t.Errorf("ParseBreak(%q) = %d %v, want %d", in, got, err, want)
		}
	}
	if got, _ := ParseBreak("0.0208333333", true, false); got != 30 {
		t.Errorf("raw break fraction = %d, want 30", got)
	}
	for in, want := range map[string]time.Weekday{"ma": time.Monday, "Dinsdag": time.Tuesday, "wo.": time.Wednesday, "Thu": time.Thursday, "zo": time.Sunday} {
		if got, ok := ParseWeekday(in); !ok || got != want {
			t.Errorf("ParseWeekday(%q) = %v %v", in, got, ok)
		}
	}
	for in, want := range map[string]bool{"Ja": true, "x": true, "nee": false, "": false, "Geannuleerd": true} {
		if got, ok := ParseYesNo(in); !ok || got != want {
			t.Errorf("ParseYesNo(%q) = %v %v", in, got, ok)
		}
	}
	if _, ok := ParseYesNo("misschien"); ok {
		t.Error("ParseYesNo accepted misschien")
	}
	if got := ISOWeekDate(2026, 47, time.Monday).Format("2006-01-02"); got != "2026-11-16" {
		t.Errorf("ISOWeekDate = %s", got)
	}
	if got := ISOWeekDate(2027, 1, time.Sunday).Format("2006-01-02"); got != "2027-01-10" {
		t.Errorf("ISOWeekDate 2027-W01 Sunday = %s", got)
	}
}

func TestRecognizeHourType(t *testing.T) {
	for in, want := range map[string]string{"Normaal": "NORM", "Normale uren": "NORM", "125 %": "OW125", "Overuren 150%": "OW150",
		"OW200": "OW200", "ORT": "ORT", "ORT 30%": "ORT", "Ploegentoeslag": "ORT", "km": "KM", "Kilometers": "KM",
		"Declaraties": "DECL", "Onkosten": "DECL", "Vakantie": "VAK", "Ziekte": "ZIEK", "Feestdag": "FEEST", "Regular": "NORM"} {
		if got, ok := RecognizeHourType(in); !ok || string(got) != want {
			t.Errorf("RecognizeHourType(%q) = %s %v, want %s", in, got, ok, want)
		}
	}
	for _, in := range []string{"Koffie", "", "Opmerking"} {
		if got, ok := RecognizeHourType(in); ok {
			t.Errorf("RecognizeHourType(%q) = %s", in, got)
		}
	}
}

// shortDecimal is a shortcut for decimal.NewFromString: where it answers, it
// must give the very same coefficient and exponent (so String, JSON and the
// stored text do not change); where it does not, NewFromString decides.
func TestShortDecimal_SameAsNewFromString(t *testing.T) {
	for _, s := range []string{"0", "7", "7.5", "7.50", "46027", "-0.25", "-0", "007.5", "0.000000000001", "123456789012345678",
		"1234567890123456789", "12.", ".5", "-", "1.2.3", "1-2", "+5", "1e3", "", "9223372036854775807", "-12.3400"} {
		want, werr := decimal.NewFromString(s)
		got, ok := shortDecimal(s)
		if !ok {
			continue
		}
		if werr != nil {
			t.Errorf("shortDecimal(%q) = %v, NewFromString refuses it: %v", s, got, werr)
			continue
		}
		if got.Coefficient().Cmp(want.Coefficient()) != 0 || got.Exponent() != want.Exponent() || got.String() != want.String() {
			t.Errorf("shortDecimal(%q) = %s (%s e%d), NewFromString %s (%s e%d)", s, got, got.Coefficient(), got.Exponent(),
				want, want.Coefficient(), want.Exponent())
		}
	}
	for _, s := range []string{"7.5", "46027", "-0.25", "0"} {
		if _, ok := shortDecimal(s); !ok {
			t.Errorf("shortDecimal(%q) not taken", s)
		}
	}
}
