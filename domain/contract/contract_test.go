package contract_test

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"verloner/domain"
	"verloner/domain/checks"
	"verloner/domain/contract"
)

var update = flag.Bool("update", false, "rewrite the golden files")

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

var agency = &domain.Agency{Name: "Flexwerk Zuid B.V.", KvK: "12345678", Frequency: domain.Weekly,
	Address: domain.Address{Street: "Spoorlaan 1", PostalCode: "5038 CC", City: "Tilburg", Country: "NL"}, Deadlines: domain.DefaultDeadlines()}

func worker(l domain.Language) *domain.Worker {
	return &domain.Worker{ID: 7, Number: "1003", FirstName: "Łukasz", LastName: "Wiśniewski", BirthDate: domain.Date(1994, 3, 9),
		Address: domain.Address{Street: "Kerkstraat 12", PostalCode: "5041 AB", City: "Tilburg", Country: "NL"}, Language: l}
}

// phaseA is a new fase-A contract with uitzendbeding, an end date and the ET clause.
func phaseA(l domain.Language) *contract.Contract {
	s := contract.DefaultSettings()
	return &contract.Contract{ID: 1, WorkerID: 7, PlacementID: 3, Number: 1, Version: 1, Reason: contract.ReasonNew,
		EffectiveFrom: domain.Date(2026, 1, 5), Start: domain.Date(2026, 1, 5), End: domain.Date(2026, 6, 30),
		Phase: domain.PhaseA, PhaseWeeks: 12, Uitzendbeding: true, Language: l, HirerName: "Brabant Logistiek B.V.",
		Function: "orderpicker", AgreedHours: dec("4"), HourlyWage: dec("16.10"), WageScale: "schaal B, trede 2",
		CAO: s.CAO, Pension: s.Pension, PensionEmployeePercent: dec("7.5"), HolidayPayPercent: s.HolidayPayPercent,
		WaitingDays: 1, SickPayPercent: s.SickPayPercent, SickPayPercentYear2: s.SickPayPercentYear2,
		ETFrom: domain.Date(2026, 1, 5), ETUntil: domain.Date(2026, 6, 30), ETMaxPercent: s.ETMaxPercent}
}

// phaseB is version 2 (wage change) of a fase-B contract without uitzendbeding, no ET, no waiting day.
func phaseB(l domain.Language) *contract.Contract {
	c := phaseA(l)
	c.Number, c.Phase, c.PhaseWeeks, c.Uitzendbeding = 2, domain.PhaseB, 60, false
	c.Start, c.End = domain.Date(2026, 7, 6), domain.Date(2027, 1, 3)
	c.ETFrom, c.ETUntil, c.WaitingDays, c.WageScale, c.AgreedHours = time.Time{}, time.Time{}, 0, "", dec("0")
	n := c.Next(contract.ReasonWageChange, domain.Date(2026, 9, 7))
	n.HourlyWage = dec("16.85")
	return n
}

func TestDefaultTemplates_Golden(t *testing.T) {
	s := contract.DefaultSettings()
	s.MinimumHours = dec("-1")
	for _, l := range []domain.Language{domain.Dutch, domain.English, domain.Polish} {
		tpl, err := contract.DefaultTemplate(l)
		if err != nil {
			t.Fatal(err)
		}
		for name, c := range map[string]*contract.Contract{"a": phaseA(l), "b": phaseB(l)} {
			if err := c.Validate(s); err != nil {
				t.Fatalf("%s %s: %v", l, name, err)
			}
			got := tpl.Render(contract.ValuesFor(c, contract.Parties{Agency: agency, Worker: worker(l), PlacementNumber: "P-0042",
				Date: domain.Date(2026, 1, 2)}, s))
			if strings.Contains(got, "{{") || strings.Contains(got, "}}") {
				t.Errorf("%s %s: unrendered tag in\n%s", l, name, got)
			}
			path := filepath.Join("testdata", "contract-"+string(l)+"-"+name+".golden")
			if *update {
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update to create)", err)
			}
			if got != string(want) {
				t.Errorf("%s %s differs from %s:\n%s", l, name, path, got)
			}
		}
	}
}

func TestDefaultTemplates_Conditions(t *testing.T) {
	s := contract.DefaultSettings()
	tpl, _ := contract.DefaultTemplate(domain.Dutch)
	render := func(c *contract.Contract, s contract.Settings) string {
		return tpl.Render(contract.ValuesFor(c, contract.Parties{Agency: agency, Worker: worker(domain.Dutch)}, s))
	}
	a, b := render(phaseA(domain.Dutch), s), render(phaseB(domain.Dutch), s)
	for _, tt := range []struct {
		text     string
		inA, inB bool
	}{
		{"Deze overeenkomst heeft een uitzendbeding", true, false},
		{"Deze overeenkomst heeft geen uitzendbeding", false, true},
		{"Ziekte is geen reden voor dit einde", true, false},
		{"ET-regeling", true, false},
		{"Een ziekteperiode begint met één wachtdag zonder loon.", true, false},
		{"Er is geen vaste arbeidsduur", false, true},
		{"ten minste 4 uur per week", true, false},
		{"Deze versie 2 van contract 2 (loonwijziging) gaat in op 07-09-2026", false, true},
		{"€ 16,85 per uur.", false, true},
		{"€ 16,10 per uur (schaal B, trede 2)", true, false},
		{"uiterlijk op 30-06-2026, of eerder door het uitzendbeding.", true, false},
		{"uiterlijk op 03-01-2027.", false, true},
		{"fase A van de CAO; daarvoor zijn 12", true, false},
	} {
		if strings.Contains(a, tt.text) != tt.inA || strings.Contains(b, tt.text) != tt.inB {
			t.Errorf("%q: in A %v (want %v), in B %v (want %v)", tt.text, strings.Contains(a, tt.text), tt.inA, strings.Contains(b, tt.text), tt.inB)
		}
	}
	if strings.Contains(a, "\n\n\n") {
		t.Error("two empty lines in a row")
	}
	s.EndsOnSickness = true
	if strings.Contains(render(phaseA(domain.Dutch), s), "Ziekte is geen reden") {
		t.Error("ends-on-sickness setting ignored")
	}
	c := phaseA(domain.Dutch)
	c.End = time.Time{}
	if !strings.Contains(render(c, s), "Zij duurt zolang de terbeschikkingstelling duurt.") {
		t.Error("uitzendbeding without end date")
	}
}

func TestParse_Errors(t *testing.T) {
	for _, tt := range []struct {
		body, want string
	}{
		{"Hallo {{werknemer_naam}}.", ""},
		{"{{als et}}\nET\n{{anders}}\ngeen\n{{einde}}\n", ""},
		{"{{ als niet uitzendbeding }}x{{ einde }}", ""},
		{"a\n{{werknemer}}", "regel 2: onbekend veld {{werknemer}}"},
		{"{{als et}}x", "{{als et}} zonder {{einde}}"},
		{"x{{einde}}", "{{einde}} zonder bijbehorende {{als …}}"},
		{"x{{anders}}", "{{anders}} zonder bijbehorende {{als …}}"},
		{"{{uitzendbeding}}", "is een ja/nee-veld"},
		{"{{als foo}}x{{einde}}", `onbekend veld "foo"`},
		{"{{als}}x{{einde}}", "schrijf {{als veld}}"},
		{"{{ }}", "lege {{ }}"},
		{"\n\n{{werknemer_naam", "regel 3: {{ zonder }}"},
		{"{{als et}}a{{anders}}b{{anders}}c{{einde}}", "zonder {{einde}}"},
		{"{{werknemer_naam extra}}", "onbekende opdracht"},
	} {
		_, err := contract.Parse(domain.Dutch, tt.body)
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("%q: %v", tt.body, err)
		case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
			t.Errorf("%q: error %v, want %q", tt.body, err, tt.want)
		case err != nil && domain.ErrorCode(err) != domain.EINVALID:
			t.Errorf("%q: code %s", tt.body, domain.ErrorCode(err))
		}
	}
}

func TestParse_BlockLinesVanish(t *testing.T) {
	tpl, err := contract.Parse(domain.Dutch, "Begin\n{{als et}}\nmet ET\n{{anders}}\nzonder ET\n{{einde}}\nEind {{als et}}(ET){{einde}}.\n")
	if err != nil {
		t.Fatal(err)
	}
	if got := tpl.Render(contract.Values{"et": "ja"}); got != "Begin\nmet ET\nEind (ET).\n" {
		t.Errorf("with ET: %q", got)
	}
	if got := tpl.Render(contract.Values{}); got != "Begin\nzonder ET\nEind .\n" {
		t.Errorf("without ET: %q", got)
	}
}

func TestValidate(t *testing.T) {
	s := contract.DefaultSettings()
	tests := []struct {
		name string
		edit func(*contract.Contract)
		want string
	}{
		{"ok", func(*contract.Contract) {}, ""},
		{"uitzendbeding in B", func(c *contract.Contract) { c.Phase = domain.PhaseB }, "alleen in fase A"},
		{"B without end", func(c *contract.Contract) { c.Phase, c.Uitzendbeding, c.End = domain.PhaseB, false, time.Time{} }, "bepaalde tijd"},
		{"C with end", func(c *contract.Contract) { c.Phase, c.Uitzendbeding = domain.PhaseC, false }, "onbepaalde tijd"},
		{"C ending", func(c *contract.Contract) {
			c.Phase, c.Uitzendbeding, c.Version, c.Reason = domain.PhaseC, false, 2, contract.ReasonEnd
		}, ""},
		{"three waiting days", func(c *contract.Contract) { c.WaitingDays = 3 }, "hoogstens 2"},
		{"sick pay 60", func(c *contract.Contract) { c.SickPayPercent = dec("60") }, "tussen 70 en 100"},
		{"below minimum hours", func(c *contract.Contract) { c.AgreedHours = dec("3.5") }, "minimum van 4 uur"},
		{"end before start", func(c *contract.Contract) { c.End = domain.Date(2025, 12, 31) }, "vóór de ingangsdatum"},
		{"no wage", func(c *contract.Contract) { c.HourlyWage = decimal.Zero }, "uurloon"},
		{"ET without end", func(c *contract.Contract) { c.ETUntil = time.Time{} }, "periode"},
		{"ET six years", func(c *contract.Contract) { c.ETUntil = domain.Date(2032, 1, 5) }, "5 jaar"},
		{"ET 35 %", func(c *contract.Contract) { c.ETMaxPercent = dec("35") }, "30 %"},
		{"version 2 as new", func(c *contract.Contract) { c.Version = 2 }, "versie 1"},
		{"effective before start", func(c *contract.Contract) { c.EffectiveFrom = domain.Date(2026, 1, 1) }, "vóór de ingangsdatum"},
		{"language", func(c *contract.Contract) { c.Language = "de" }, "taal"},
	}
	for _, tt := range tests {
		c := phaseA(domain.Dutch)
		tt.edit(c)
		err := c.Validate(s)
		if (tt.want == "") != (err == nil) || (err != nil && !strings.Contains(err.Error(), tt.want)) {
			t.Errorf("%s: %v, want %q", tt.name, err, tt.want)
		}
	}
	noMin := s
	noMin.MinimumHours = dec("-1")
	c := phaseA(domain.Dutch)
	c.AgreedHours = decimal.Zero
	if err := c.Validate(noMin); err != nil {
		t.Errorf("0 hours without a minimum: %v", err)
	}
}

func TestSettings(t *testing.T) {
	d := contract.DefaultSettings()
	if d.WaitingDays != 1 || !d.SickPayPercent.Equal(dec("90")) || !d.MinHours().Equal(dec("4")) || d.CAO != contract.DefaultCAO {
		t.Errorf("defaults %+v", d)
	}
	if (contract.Settings{NoWaitingDays: true}).WithDefaults().WaitingDays != 0 {
		t.Error("no waiting days")
	}
	for _, tt := range []struct {
		s  contract.Settings
		ok bool
	}{
		{contract.Settings{}, true},
		{contract.Settings{WaitingDays: 3}, false},
		{contract.Settings{SickPayPercent: dec("69")}, false},
		{contract.Settings{SickPayPercentYear2: dec("101")}, false},
		{contract.Settings{HolidayPayPercent: dec("7.99")}, false},
		{contract.Settings{ETMaxPercent: dec("31")}, false},
		{contract.Settings{MinimumHours: dec("61")}, false},
	} {
		if err := tt.s.Validate(); (err == nil) != tt.ok {
			t.Errorf("%+v: %v", tt.s, err)
		}
	}
}

func TestRegister_InForceLatestStarts(t *testing.T) {
	v1 := phaseA(domain.Dutch)
	v2 := v1.Next(contract.ReasonExtension, domain.Date(2026, 6, 1))
	v2.ID, v2.End = 2, domain.Date(2026, 12, 31)
	b := phaseB(domain.Dutch)
	b.ID, b.Version, b.Reason, b.EffectiveFrom = 3, 1, contract.ReasonNew, b.Start
	all := []*contract.Contract{v2, b, v1}
	for _, tt := range []struct {
		on   time.Time
		want int64
	}{{domain.Date(2026, 1, 4), 0}, {domain.Date(2026, 1, 5), 1}, {domain.Date(2026, 5, 31), 1}, {domain.Date(2026, 6, 1), 2},
		{domain.Date(2026, 7, 5), 2}, {domain.Date(2026, 7, 6), 3}} {
		got := contract.InForce(all, tt.on)
		if (got == nil && tt.want != 0) || (got != nil && got.ID != tt.want) {
			t.Errorf("InForce(%s) = %v, want %d", tt.on.Format(time.DateOnly), got, tt.want)
		}
	}
	if l := contract.Latest(all); len(l) != 2 || l[0].ID != 2 || l[1].ID != 3 {
		t.Errorf("Latest %v", l)
	}
	if s := contract.Starts(all); len(s) != 2 || !s[0].Equal(v1.Start) || !s[1].Equal(b.Start) {
		t.Errorf("Starts %v", s)
	}
	if v2.Supersedes != 1 || v2.Version != 2 || v2.Signed() || v2.Body != "" {
		t.Errorf("Next %+v", v2)
	}
}

func TestCheck(t *testing.T) {
	w47 := domain.Period{Kind: domain.Weekly, Year: 2026, Number: 47} // 16–22 November
	placements := []*domain.Placement{{ID: 3, WorkerID: 7}, {ID: 4, WorkerID: 8}, {ID: 5, WorkerID: 9}, {ID: 6, WorkerID: 10}}
	line := func(p int64, day int, typ domain.HourType) *domain.HourLine {
		return &domain.HourLine{PlacementID: p, Date: domain.Date(2026, 11, day), Type: typ, Quantity: dec("8")}
	}
	signed := func(c *contract.Contract) *contract.Contract { c.SignedOn = c.Start; return c }
	// Worker 7: contract until 18-11, worked 16–20 → 2 days after the end.
	c7 := signed(phaseA(domain.Dutch))
	c7.End = domain.Date(2026, 11, 18)
	// Worker 8: a signed contract, then an unsigned wage change from 19-11.
	c8 := signed(phaseA(domain.Dutch))
	c8.ID, c8.WorkerID, c8.End = 10, 8, time.Time{}
	c8b := c8.Next(contract.ReasonWageChange, domain.Date(2026, 11, 19))
	c8b.ID = 11
	// Worker 9: no register, worker record ends 17-11.
	// Worker 10: register starts only on 18-11.
	c10 := signed(phaseA(domain.Dutch))
	c10.ID, c10.WorkerID, c10.Start, c10.EffectiveFrom, c10.End = 12, 10, domain.Date(2026, 11, 18), domain.Date(2026, 11, 18), time.Time{}
	var hours []*domain.HourLine
	for day := 16; day <= 20; day++ {
		hours = append(hours, line(3, day, domain.HourNormal), line(4, day, domain.HourNormal), line(5, day, domain.HourNormal), line(6, day, domain.HourNormal))
	}
	hours = append(hours, line(3, 21, domain.HourSick), line(3, 22, domain.HourVacation)) // not work
	void := line(3, 22, domain.HourNormal)
	void.Status = domain.HoursVoid
	hours = append(hours, void)
	got := contract.Check(contract.CheckInput{Period: w47, Placements: placements, Hours: hours,
		Workers:   []*domain.Worker{{ID: 7}, {ID: 8}, {ID: 9, EndDate: domain.Date(2026, 11, 17)}, {ID: 10}},
		Contracts: []*contract.Contract{c7, c8, c8b, c10}})
	want := []struct {
		rule   string
		worker int64
		date   time.Time
		text   string
	}{
		{contract.RuleAfterEnd, 7, domain.Date(2026, 11, 19), "einddatum 18-11-2026 van contract 1 (versie 1): 2 dagen, 19-11-2026 t/m 20-11-2026"},
		{contract.RuleUnsigned, 8, domain.Date(2026, 11, 19), "Contract 1 versie 2 (loonwijziging, vanaf 19-11-2026) is niet getekend; gewerkt: 2 dagen"},
		{contract.RuleAfterEnd, 9, domain.Date(2026, 11, 18), "in de gegevens van de uitzendkracht (geen contract in het register): 3 dagen"},
		{contract.RuleNone, 10, domain.Date(2026, 11, 16), "geen contract uit het register liep: 2 dagen, 16-11-2026 t/m 17-11-2026"},
	}
	if len(got) != len(want) {
		t.Fatalf("%d findings, want %d: %+v", len(got), len(want), got)
	}
	for i, w := range want {
		f := got[i]
		if f.Rule != w.rule || f.WorkerID != w.worker || !f.Date.Equal(w.date) || !strings.Contains(f.Message.NL, w.text) ||
			f.Severity != checks.Warning || !f.Blocks(checks.GatePayroll) == (f.Severity == checks.Blocker) || f.Hint.NL == "" || f.Message.EN == "" {
			t.Errorf("finding %d = %+v, want %+v", i, f, w)
		}
	}
}
