package domain_test

import (
	"testing"

	"verloner/domain"
)

func TestRoundingHelpers(t *testing.T) {
	d := domain.MustDec
	cases := []struct{ in, cents, trunc, floor, ceil string }{
		{"2.345", "2.35", "2.34", "2", "3"},
		{"-2.345", "-2.35", "-2.34", "-3", "-2"},
		{"1.5833", "1.58", "1.58", "1", "2"},
		{"42.41666", "42.42", "42.41", "42", "43"},
	}
	for _, c := range cases {
		v := d(c.in)
		if got := domain.RoundCents(v).StringFixed(2); got != c.cents {
			t.Errorf("RoundCents(%s)=%s want %s", c.in, got, c.cents)
		}
		if got := domain.TruncateCents(v).StringFixed(2); got != c.trunc {
			t.Errorf("TruncateCents(%s)=%s want %s", c.in, got, c.trunc)
		}
		if got := domain.FloorEuro(v).String(); got != c.floor {
			t.Errorf("FloorEuro(%s)=%s want %s", c.in, got, c.floor)
		}
		if got := domain.CeilEuro(v).String(); got != c.ceil {
			t.Errorf("CeilEuro(%s)=%s want %s", c.in, got, c.ceil)
		}
	}
}

func TestParseAndFormatDecimalNL(t *testing.T) {
	ok := []struct{ in, want string }{
		{"7,5", "7.5"}, {"7.5", "7.5"}, {"1.234,56", "1234.56"}, {"1,234.56", "1234.56"},
		{"€ 1.234,56", "1234.56"}, {"-0,25", "-0.25"}, {" 38 ", "38"},
	}
	for _, c := range ok {
		got, err := domain.ParseDecimalNL(c.in)
		if err != nil || !got.Equal(domain.MustDec(c.want)) {
			t.Errorf("ParseDecimalNL(%q)=%v,%v want %s", c.in, got, err, c.want)
		}
	}
	for _, bad := range []string{"", "7,5x", "abc", "1e5", "--1"} {
		if _, err := domain.ParseDecimalNL(bad); err == nil {
			t.Errorf("ParseDecimalNL(%q) accepted", bad)
		}
	}
	fmts := []struct{ in, want string }{{"1234.5", "€ 1.234,50"}, {"-1234567.891", "€ -1.234.567,89"}, {"0", "€ 0,00"}, {"999.999", "€ 1.000,00"}}
	for _, c := range fmts {
		if got := domain.FormatEuro(domain.MustDec(c.in)); got != c.want {
			t.Errorf("FormatEuro(%s)=%q want %q", c.in, got, c.want)
		}
	}
}
