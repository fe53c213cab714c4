package params_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"verloner/domain"
	"verloner/domain/params"
)

func readPack(t *testing.T, year int) []byte {
	t.Helper()
	data, err := os.ReadFile("packs/" + strconv.Itoa(year) + ".json")
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// mutate decodes a pack, lets fn change the generic JSON tree, and encodes it again.
func mutate(t *testing.T, data []byte, fn func(doc map[string]any)) []byte {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var doc map[string]any
	if err := dec.Decode(&doc); err != nil {
		t.Fatal(err)
	}
	fn(doc)
	out, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// at walks a dotted path of object keys and returns the object holding the last one.
func at(doc map[string]any, path string) (map[string]any, string) {
	keys := strings.Split(path, ".")
	obj := doc
	for _, k := range keys[:len(keys)-1] {
		obj = obj[k].(map[string]any)
	}
	return obj, keys[len(keys)-1]
}

// pack2027 is the 2026 pack relabelled as 2027, standing in for a pack a user loads.
func pack2027(t *testing.T) []byte {
	t.Helper()
	s := strings.ReplaceAll(string(readPack(t, 2026)), `"2026-`, `"2027-`)
	return []byte(strings.Replace(s, `"year": 2026`, `"year": 2027`, 1))
}

func TestBuiltin(t *testing.T) {
	s, err := params.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	if got := s.Years(); len(got) != 2 || got[0] != 2025 || got[1] != 2026 {
		t.Fatalf("Years() = %v, want [2025 2026]", got)
	}
}

// Every way a pack file can be wrong must be refused with the file name and the
// key, before any payroll uses it.
func TestLoadStrict(t *testing.T) {
	base := pack2027(t)
	if _, err := params.Load("2027.json", base); err != nil {
		t.Fatalf("unchanged pack rejected: %v", err)
	}
	set := func(path string, v any) func(map[string]any) {
		return func(doc map[string]any) { obj, k := at(doc, path); obj[k] = v }
	}
	del := func(path string) func(map[string]any) {
		return func(doc map[string]any) { obj, k := at(doc, path); delete(obj, k) }
	}
	cases := []struct {
		name    string
		edit    func(map[string]any)
		raw     []byte // used instead of edit when set
		key     string
		message string // exact Error() text when set, else a fragment
	}{
		{name: "missing nested key", edit: del("arbeidskorting.below_aow.o1_pct"), key: "arbeidskorting.below_aow.o1_pct",
			message: `params 2027.json: ontbrekende sleutel "arbeidskorting.below_aow.o1_pct"`},
		{name: "missing meta key", edit: del("premiums.zvw.source"), key: "premiums.zvw.source", message: "ontbrekende sleutel"},
		{name: "missing group", edit: del("ouderenkorting"), key: "ouderenkorting", message: "ontbrekende sleutel"},
		{name: "unknown top-level key", edit: set("extra", "x"), key: "extra",
			message: `params 2027.json: onbekende sleutel "extra"`},
		{name: "unknown nested key", edit: set("box1.below_aow.rate", "1"), key: "box1.below_aow.rate", message: "onbekende sleutel"},
		{name: "misspelled key", edit: func(doc map[string]any) {
			obj, _ := at(doc, "premiums.zvw.x")
			obj["employer_rate"] = obj["employer_rate_pct"]
			delete(obj, "employer_rate_pct")
		}, key: "premiums.zvw.employer_rate_pct", message: "ontbrekende sleutel"},
		{name: "decimal comma", edit: set("premiums.zvw.employer_rate_pct", "6,10"), key: "premiums.zvw.employer_rate_pct",
			message: `params 2027.json: sleutel "premiums.zvw.employer_rate_pct": ongeldig decimaal getal "6,10"`},
		{name: "text for amount", edit: set("arbeidskorting.aow.m3", "veel"), key: "arbeidskorting.aow.m3", message: "ongeldig decimaal getal"},
		{name: "exponent", edit: set("wage_tax.table_max", "1.3311e5"), key: "wage_tax.table_max", message: "ongeldig decimaal getal"},
		{name: "bool for amount", edit: set("travel_allowance.per_km", true), key: "travel_allowance.per_km", message: "getal verwacht"},
		{name: "null", edit: set("ouderenkorting.max", nil), key: "ouderenkorting.max", message: "null"},
		{name: "bad date", edit: set("wkr.valid_from", "1-1-2027"), key: "wkr.valid_from", message: "ongeldige datum"},
		{name: "fraction for int", edit: set("wage_tax.period_factors.week", json.Number("52.5")), key: "wage_tax.period_factors.week", message: "geheel getal"},
		{name: "slice element", edit: func(doc map[string]any) {
			obj, _ := at(doc, "box1.below_aow.x")
			obj["brackets"].([]any)[1].(map[string]any)["rate_pct"] = "37.56%"
		}, key: "box1.below_aow.brackets[1].rate_pct", message: "ongeldig decimaal getal"},
		{name: "c does not follow from brackets", edit: func(doc map[string]any) {
			obj, _ := at(doc, "box1.below_aow.x")
			obj["brackets"].([]any)[1].(map[string]any)["c"] = "13901"
		}, key: "box1.below_aow.brackets[1].c", message: "berekend: 13900"},
		{name: "lmax not a multiple of lv", edit: set("wage_tax.table_max", "133111"), key: "wage_tax.table_max", message: "veelvoud"},
		{name: "valid_from not 1 January", edit: set("wkr.valid_from", "2027-03-01"), key: "wkr.valid_from", message: "2027-01-01"},
		{name: "minimum wage age missing", edit: func(doc map[string]any) {
			delete(doc["minimum_wage"].([]any)[1].(map[string]any)["hourly"].(map[string]any), "18")
		}, key: "minimum_wage[1].hourly.18", message: "ontbrekende sleutel"},
		{name: "minimum wage unknown age", edit: func(doc map[string]any) {
			doc["minimum_wage"].([]any)[0].(map[string]any)["hourly"].(map[string]any)["22"] = "15.00"
		}, key: "minimum_wage[0].hourly.22", message: "onbekende leeftijd"},
		{name: "minimum wage versions out of order", edit: func(doc map[string]any) {
			doc["minimum_wage"].([]any)[1].(map[string]any)["valid_from"] = "2027-01-01"
		}, key: "minimum_wage[1].valid_from", message: "niet na de vorige"},
		{name: "whk total", edit: set("premiums.whk_sector52.total_pct", "6.64"), key: "premiums.whk_sector52.total_pct", message: "wga_pct + zw_flex_pct"},
		{name: "unknown reservation method", edit: set("reservations.kort_verzuim.method", "cash"), key: "reservations.kort_verzuim.method", message: "onbekende methode"},
		{name: "unavailable BB table with rows", edit: set("bijzondere_beloningen.available", false), key: "bijzondere_beloningen.rows", message: "leeg"},
		{name: "format version", edit: set("format_version", json.Number("2")), key: "format_version", message: "niet ondersteund"},
		{name: "not JSON", raw: []byte(`{"year": 2027,`), message: "params 2027.json: geen geldige JSON"},
		{name: "trailing text", raw: append(append([]byte{}, base...), []byte(` {}`)...), message: "tekst na het einde"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			data := c.raw
			if data == nil {
				data = mutate(t, base, c.edit)
			}
			p, err := params.Load("2027.json", data)
			if err == nil {
				t.Fatalf("accepted (year %d)", p.Year())
			}
			var le *params.LoadError
			if !errors.As(err, &le) {
				t.Fatalf("error %T %v is not a *LoadError", err, err)
			}
			if le.File != "2027.json" || le.Key != c.key {
				t.Errorf("File, Key = %q, %q; want 2027.json, %q (%v)", le.File, le.Key, c.key, err)
			}
			if c.message != "" && !strings.Contains(err.Error(), c.message) {
				t.Errorf("error %q does not contain %q", err, c.message)
			}
			if !strings.HasPrefix(err.Error(), "params 2027.json: ") {
				t.Errorf("error %q does not start with the file", err)
			}
			if domain.ErrorCode(err) != domain.EINVALID || domain.ErrorMessage(err) != err.Error() {
				t.Errorf("app sees code %q message %q", domain.ErrorCode(err), domain.ErrorMessage(err))
			}
		})
	}
}

// The year a wage is paid in picks the pack; a year without a pack is refused
// with a message telling the user what to do, never served from another year.
func TestSetFor(t *testing.T) {
	s, err := params.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	for _, y := range []int{2024, 2027} {
		_, err := s.For(time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC))
		want := "geen loonheffingsparameters voor " + strconv.Itoa(y) + ": laad het parameterpakket " + strconv.Itoa(y) + " (Instellingen → Parameters)"
		if err == nil || err.Error() != want {
			t.Errorf("For(%d) error = %v, want %q", y, err, want)
		}
		if domain.ErrorCode(err) != domain.ENOTFOUND {
			t.Errorf("For(%d) code %q, want %q", y, domain.ErrorCode(err), domain.ENOTFOUND)
		}
	}
	for _, c := range []struct {
		date time.Time
		year int
	}{
		{time.Date(2025, 12, 31, 23, 59, 0, 0, time.UTC), 2025},
		{time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), 2026},
	} {
		p, err := s.For(c.date)
		if err != nil || p.Year() != c.year {
			t.Errorf("For(%s) = %v, %v; want pack %d", c.date, p, err, c.year)
		}
	}

	p27, err := params.Load("2027.json", pack2027(t))
	if err != nil {
		t.Fatal(err)
	}
	if old := s.Add(p27); old != nil {
		t.Errorf("Add(2027) replaced %d", old.Year())
	}
	if p, err := s.For(time.Date(2027, 6, 1, 0, 0, 0, 0, time.UTC)); err != nil || p != p27 {
		t.Errorf("after Add: For(2027) = %v, %v", p, err)
	}
}

// The minimum wage changes on 1 July; the date decides which amount applies.
func TestMinimumWageMidYear(t *testing.T) {
	s, err := params.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		year       int
		month, day int
		age        int
		want       string
	}{
		{2026, 6, 30, 21, "14.71"},
		{2026, 7, 1, 21, "14.99"},
		{2026, 12, 31, 67, "14.99"}, // 21 and over: adult amount
		{2026, 6, 30, 18, "7.36"},
		{2026, 7, 1, 18, "7.50"},
		{2026, 1, 1, 15, "4.41"},
		{2025, 6, 30, 20, "11.25"},
		{2025, 7, 1, 20, "11.52"},
		{2025, 7, 1, 21, "14.40"},
	}
	for _, c := range cases {
		on := time.Date(c.year, time.Month(c.month), c.day, 12, 0, 0, 0, time.UTC)
		p, err := s.For(on)
		if err != nil {
			t.Fatal(err)
		}
		got, err := p.MinimumWageHourly(c.age, on)
		if err != nil || !got.Equal(decimal.RequireFromString(c.want)) {
			t.Errorf("%s age %d: %v, %v; want %s", on.Format(time.DateOnly), c.age, got, err, c.want)
		}
	}
	p, _ := s.Year(2026)
	if _, err := p.MinimumWageHourly(14, time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)); err == nil {
		t.Error("age 14 accepted")
	}
	if _, err := p.MinimumWageHourly(30, time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)); err == nil {
		t.Error("a 2025 date accepted by the 2026 pack")
	}
}

// The reference derives the youth amounts as adult × percentage, half-up to
// cents (§5 [DER]); this catches a mistyped amount in a pack.
func TestYouthMinimumWageFollowsPercentages(t *testing.T) {
	pct := map[string]string{"20": "80", "19": "60", "18": "50", "17": "39.5", "16": "34.5", "15": "30"}
	s, err := params.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	for _, y := range s.Years() {
		p, _ := s.Year(y)
		for _, m := range p.MinimumWages() {
			adult := m.Hourly["21"]
			for age, pc := range pct {
				want := params.Pct(pc).Of(adult).Round(2)
				if !m.Hourly[age].Equal(want) {
					t.Errorf("%s age %s: %s, want %s × %s %% = %s", m.ValidFrom.Format(time.DateOnly), age, m.Hourly[age], adult, pc, want)
				}
			}
		}
	}
}

// Per-period maximum premieloon as printed in the Cijferbijlage (§4 of the reference).
func TestMaxPremiumWagePerPeriod(t *testing.T) {
	s, err := params.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	want := map[int]map[domain.PeriodKind]string{
		2026: {domain.Daily: "305.41", domain.Weekly: "1527.09", domain.FourWeek: "6108.38", domain.Monthly: "6617.41", domain.Quarterly: "19852.25"},
		2025: {domain.Daily: "291.78", domain.Weekly: "1458.92", domain.FourWeek: "5835.69", domain.Monthly: "6322.00", domain.Quarterly: "18966.00"},
	}
	for y, per := range want {
		p, _ := s.Year(y)
		for kind, w := range per {
			got, err := p.MaxPremiumWage(kind)
			if err != nil || got.StringFixed(2) != w {
				t.Errorf("%d %s: %v, %v; want %s", y, kind, got, err, w)
			}
		}
	}
	p, _ := s.Year(2026)
	if _, err := p.MaxPremiumWage("fortnight"); err == nil {
		t.Error("unknown period accepted")
	}
}

func TestSpecialRewardsAvailability(t *testing.T) {
	s, err := params.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	p25, _ := s.Year(2025)
	_, err = p25.SpecialRewards()
	if err == nil || !strings.Contains(err.Error(), "tabel bijzondere beloningen 2025 ontbreekt") {
		t.Errorf("2025: %v", err)
	}
	p26, _ := s.Year(2026)
	bb, err := p26.SpecialRewards()
	if err != nil || len(bb.Rows) == 0 {
		t.Fatalf("2026: %d rows, %v", len(bb.Rows), err)
	}
	bb.Rows[0].From = decimal.NewFromInt(99) // a caller's copy must not change the pack
	again, _ := p26.SpecialRewards()
	if !again.Rows[0].From.IsZero() {
		t.Error("SpecialRewards exposes the pack's rows")
	}
}

func TestPercent(t *testing.T) {
	p := params.Pct("35.75")
	if !p.Fraction().Equal(decimal.RequireFromString("0.3575")) {
		t.Errorf("Fraction = %s", p.Fraction())
	}
	if got := p.Of(decimal.NewFromInt(38883)); !got.Equal(decimal.RequireFromString("13900.6725")) {
		t.Errorf("Of = %s", got)
	}
}

func TestBuiltin_SharesImmutablePacks(t *testing.T) {
	a, err := params.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	b, _ := params.Builtin()
	pa, _ := a.Year(2026)
	pb, _ := b.Year(2026)
	if pa != pb {
		t.Error("each Builtin() parsed its own 2026 pack; per-pack caches would grow without bound")
	}
	// Sets stay independent: adding to one does not change the other.
	a.Add(pa)
	if len(b.Years()) != 2 {
		t.Errorf("b has years %v", b.Years())
	}
}
