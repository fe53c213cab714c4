package checks

import (
	"maps"
	"testing"
	"time"

	"verloner/domain"
)

// withCatalogue restores the built-in catalogue after a test that registers rules.
func withCatalogue(t *testing.T) {
	t.Helper()
	catalogueMu.Lock()
	saved, savedIndex := append([]Rule(nil), catalogue...), maps.Clone(ruleIndex)
	catalogueMu.Unlock()
	t.Cleanup(func() {
		catalogueMu.Lock()
		catalogue, ruleIndex = saved, savedIndex
		catalogueMu.Unlock()
	})
}

var extraRule = Rule{ID: "X-EXTRA", Group: "extra", Severity: Warning, Gates: []Gate{GatePayroll},
	Title: Text{"Extra", "Extra"}, Hint: Text{"Doe iets.", "Do something."}, Source: "test"}

func TestRegister_AddsAfterBuiltinsAndReplacesByID(t *testing.T) {
	withCatalogue(t)
	n := len(Rules())
	Register(extraRule)
	Register(extraRule) // twice is harmless
	rules := Rules()
	if len(rules) != n+1 || rules[n].ID != "X-EXTRA" {
		t.Fatalf("registered rule not appended once: %d rules, last %s", len(rules), rules[len(rules)-1].ID)
	}
	if r, ok := RuleByID("X-EXTRA"); !ok || r.Title.NL != "Extra" {
		t.Fatalf("RuleByID: %+v %v", r, ok)
	}
	if ruleOrder("X-EXTRA") <= ruleOrder(PhaseEnd) {
		t.Error("a registered rule must sort after the built-in ones")
	}
	changed := extraRule
	changed.Title = Text{"Anders", "Other"}
	Register(changed)
	if r, _ := RuleByID("X-EXTRA"); r.Title.NL != "Anders" || len(Rules()) != n+1 {
		t.Errorf("re-registering must replace in place: %+v, %d rules", r, len(Rules()))
	}
}

// Extra findings are added like the rules' own: hint and gates from the
// catalogue, confirmations applied, the worker named in the checklist.
func TestEvaluate_ExtraFindings(t *testing.T) {
	withCatalogue(t)
	Register(extraRule)
	p := domain.Period{Kind: domain.Weekly, Year: 2026, Number: 47}
	w := &domain.Worker{ID: 7, Number: "1007", FirstName: "Ada", LastName: "Jansen"}
	in := Input{Period: p, Workers: []*domain.Worker{w}, Now: time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC),
		Extra: []Finding{
			{Rule: "X-EXTRA", WorkerID: 7, Ref: "a", Message: Text{"Eerste", "First"}},
			{Rule: "X-EXTRA", WorkerID: 7, Ref: "b", Message: Text{"Tweede", "Second"}, Confirmed: true},
		},
		Confirmations: []Confirmation{{Rule: "X-EXTRA", Period: p, WorkerID: 7, Note: "gezien", By: "piet"}},
	}
	cl := Run(in)
	if len(cl.Findings) != 2 {
		t.Fatalf("%d findings, want 2", len(cl.Findings))
	}
	for _, f := range cl.Findings {
		if f.Severity != Warning || len(f.Gates) != 1 || f.Gates[0] != GatePayroll || f.Hint.NL != "Doe iets." {
			t.Errorf("finding not completed from the catalogue: %+v", f)
		}
		if !f.Confirmed || f.Note != "gezien (piet)" {
			t.Errorf("confirmation not applied: %+v", f)
		}
	}
	if ref := cl.Worker(7); ref.Number != "1007" || ref.Name == "" {
		t.Errorf("worker of an extra finding not named: %+v", ref)
	}
	if c := cl.Counts(); c.Confirmed != 2 || c.Warnings != 0 {
		t.Errorf("counts %+v", c)
	}
	in.Confirmations = nil
	cl = Run(in)
	if c := cl.Counts(); c.Warnings != 2 || c.Confirmed != 0 {
		t.Errorf("without a confirmation (a caller's Confirmed flag does not count): %+v", c)
	}
}
