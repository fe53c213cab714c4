package wagetax_test

import (
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"verloner/domain"
	"verloner/domain/params"
	"verloner/domain/wagetax"
)

// Rates of the tabel bijzondere beloningen 2026: the real payslip checks of
// §3.3 (S43) and the row boundaries we chose (inclusive "from").
func TestSpecialRate2026(t *testing.T) {
	p := builtin(t, 2026)
	cases := []struct {
		name     string
		jaarloon string
		credit   bool
		aow      params.AOW
		rate     string
	}{
		{"PKF payslip 2026-08", "38000", true, params.AOWNone, "40.20"},
		{"Randstad payslip 2026-W11", "46074", true, params.AOWNone, "50.47"},
		{"Randstad without credit", "46074", false, params.AOWNone, "37.56"},
		{"below first break, with credit", "11357", true, params.AOWNone, "0"},
		{"cents do not reach the break", "11357.99", true, params.AOWNone, "0"},
		{"first break is inclusive", "11358", true, params.AOWNone, "27.43"},
		{"AHK phase-out starts at 29.737", "29736", true, params.AOWNone, "33.80"},
		{"AHK phase-out row", "29737", true, params.AOWNone, "40.20"},
		{"bracket 2 below AOW", "38884", false, params.AOWNone, "37.56"},
		{"bracket 2 AOW born 1946 or later", "38884", false, params.AOWBorn1946OrLater, "37.56"},
		{"bracket 1 still, AOW born 1945 or earlier", "38884", false, params.AOWBorn1945OrEarlier, "17.85"},
		{"AOW with credit, low wage", "20000", true, params.AOWBorn1946OrLater, "0"},
		{"AOW ouderenkorting phase-out", "50000", true, params.AOWBorn1945OrEarlier, "59.01"},
		{"top row", "200000", true, params.AOWNone, "49.50"},
		{"zero jaarloon, without credit", "0", false, params.AOWNone, "35.75"},
	}
	for _, c := range cases {
		tax, rate, err := wagetax.Special(p, dec(c.jaarloon), dec("1000.00"), c.credit, c.aow)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if !rate.Applied.Equal(dec(c.rate)) {
			t.Errorf("%s: rate %s (row from %s), want %s", c.name, rate.Applied, rate.RowFrom, c.rate)
		}
		if want := dec(c.rate).Mul(dec("10")); !tax.Equal(want) {
			t.Errorf("%s: tax on 1.000,00 = %s, want %s", c.name, tax, want)
		}
	}
}

// The tax is rounded half up to cents (our assumption, §3.3 step 4 UNVERIFIED):
// 12,50 × 40,20 % = 5,025 → 5,03.
func TestSpecialRounding(t *testing.T) {
	tax, _, err := wagetax.Special(builtin(t, 2026), dec("38000"), dec("12.50"), true, params.AOWNone)
	if err != nil || !tax.Equal(dec("5.03")) {
		t.Errorf("tax = %s, %v; want 5.03", tax, err)
	}
}

// 2025 has no trustworthy table: refuse, in Dutch, rather than guess.
func TestSpecialRefuses(t *testing.T) {
	_, _, err := wagetax.Special(builtin(t, 2025), dec("30000"), dec("500"), true, params.AOWNone)
	if err == nil || !strings.Contains(err.Error(), "tabel bijzondere beloningen 2025 ontbreekt") {
		t.Errorf("2025: %v", err)
	}
	if domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Errorf("2025: code %q", domain.ErrorCode(err))
	}
	p := builtin(t, 2026)
	for _, c := range []struct{ jaarloon, amount string }{{"-1", "100"}, {"30000", "-100"}} {
		if _, _, err := wagetax.Special(p, dec(c.jaarloon), dec(c.amount), true, params.AOWNone); domain.ErrorCode(err) != domain.EINVALID {
			t.Errorf("jaarloon %s amount %s: %v", c.jaarloon, c.amount, err)
		}
	}
}

// Special works from a per-pack copy of the table made once; every row, age
// group and credit choice must still give the pack's own figures, and a pack
// without the table keeps refusing.
func TestSpecialMatchesPackTable(t *testing.T) {
	p := builtin(t, 2026)
	table, err := p.SpecialRewards()
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range table.Rows {
		for _, aow := range []params.AOW{params.AOWNone, params.AOWBorn1946OrLater, params.AOWBorn1945OrEarlier} {
			col := r.Rate(aow)
			for _, credit := range []bool{false, true} {
				want := col.Without
				if credit {
					want = col.WithCredit()
				}
				for _, jaarloon := range []decimal.Decimal{r.From, r.From.Add(dec("0.99"))} {
					tax, rate, err := wagetax.Special(p, jaarloon, dec("1000"), credit, aow)
					if err != nil {
						t.Fatal(err)
					}
					if !rate.RowFrom.Equal(r.From) || !rate.Without.Equal(col.Without.Decimal) || !rate.Standard.Equal(col.Standard.Decimal) ||
						!rate.Offset.Equal(col.Offset.Decimal) || !rate.Applied.Equal(want.Decimal) || !tax.Equal(want.Mul(dec("10"))) {
						t.Errorf("row %d from %s aow %d credit %v: rate %+v tax %s, want applied %s", i, r.From, aow, credit, rate, tax, want)
					}
				}
				if i > 0 {
					if _, rate, _ := wagetax.Special(p, r.From.Sub(dec("1")), dec("1000"), credit, aow); !rate.RowFrom.Equal(table.Rows[i-1].From) {
						t.Errorf("jaarloon %s - 1 picked row from %s", r.From, rate.RowFrom)
					}
				}
			}
		}
	}
	for range 2 {
		if _, _, err := wagetax.Special(builtin(t, 2025), dec("30000"), dec("500"), true, params.AOWNone); domain.ErrorCode(err) != domain.ENOTFOUND {
			t.Errorf("2025 again: %v", err)
		}
	}
}

// BenchmarkSpecial taxes holiday pay at a spread of jaarlonen, with credit,
// below AOW age: the vakantiebijslag payout of a run.
func BenchmarkSpecial(b *testing.B) {
	p := builtin(b, 2026)
	jaarlonen := make([]decimal.Decimal, 64)
	for i := range jaarlonen {
		jaarlonen[i] = decimal.NewFromInt(int64(8000 + i*1500)) // € 8.000 … € 102.500
	}
	amount := dec("1234.56")
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, _, err := wagetax.Special(p, jaarlonen[i%len(jaarlonen)], amount, true, params.AOWNone); err != nil {
			b.Fatal(err)
		}
	}
}
