package checks_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"verloner/domain"
	"verloner/domain/checks"
	"verloner/domain/params"
)

// The fixture is one clean week: worker 1001 (complete dossier) works
// Monday–Friday 8 hours for hirer INL01 (complete) in 2026-W47, delivered on
// Monday 23-11 09:00; a second worker 1002 without hours exists for the
// duplicate rules. Every rule test changes one thing.

var w47 = domain.Period{Kind: domain.Weekly, Year: 2026, Number: 47}

func d(m time.Month, day int) time.Time { return domain.Date(2026, m, day) }

func at(m time.Month, day, h, min int) time.Time {
	return time.Date(2026, m, day, h, min, 0, 0, time.UTC)
}

func dec(s string) decimal.Decimal { return domain.MustDec(s) }

type fx struct {
	in     checks.Input
	w1, w2 *domain.Worker
	h1     *domain.Hirer
	p1     *domain.Placement
}

// packs are the parameter packs built into the binary (2025, 2026): the
// minimum wage from 1-7-2026 is € 14,99 (21+), € 11,99 (20), € 8,99 (19).
var packs = func() *params.Set {
	s, err := params.Builtin()
	if err != nil {
		panic(err)
	}
	return s
}()

// failingPacks is a pack source that knows no year.
type failingPacks struct{}

func (failingPacks) For(time.Time) (*params.Pack, error) { return nil, errors.New("x") }

func newFx() *fx {
	old := domain.Timestamps{CreatedAt: at(1, 2, 9, 0), UpdatedAt: at(1, 2, 9, 0)}
	w1 := &domain.Worker{ID: 1, Number: "1001", FirstName: "Jan", Prefix: "de", LastName: "Vries", BirthDate: domain.Date(1990, 4, 12),
		BSN: "210000004", IBAN: "NL02INGB0100000000", Identity: domain.IDDocument{Type: "paspoort", Number: "NX1", Expiry: domain.Date(2030, 1, 1)},
		ApplyTaxCredit: true, TaxCreditSignedOn: d(1, 5), Phase: domain.PhaseA, ContractType: "uitzendovereenkomst met uitzendbeding",
		ContractSignedOn: d(1, 5), DeductionAuthSigned: d(1, 5), StartDate: d(1, 5), Timestamps: old}
	w2 := &domain.Worker{ID: 2, Number: "1002", FirstName: "Sanne", LastName: "Bakker", BSN: "211234576", IBAN: "NL49RABO0100007919", Timestamps: old}
	h1 := &domain.Hirer{ID: 10, Number: "INL01", Name: "Brabant Logistiek B.V.", CreditCheckedOn: d(3, 2), CreditLimit: dec("60000"),
		Remuneration: domain.RemunerationRecord{Basis: domain.Inlenersbeloning, CAO: "CAO Beroepsgoederenvervoer", SignedOn: d(1, 8)}, Timestamps: old}
	p1 := &domain.Placement{ID: 100, Number: "PL0501", WorkerID: 1, HirerID: 10, Function: "Orderpicker", Start: d(1, 5),
		HourlyWage: dec("15.85"), BillingRate: dec("27.90"), TravelPerKm: dec("0.23"), Phase: domain.PhaseA,
		Rates: []domain.HourTypeRate{{Type: domain.HourNormal, PayPercent: domain.Hundred, BillPercent: domain.Hundred},
			{Type: domain.HourOvertime125, PayPercent: dec("125"), BillPercent: dec("125")},
			{Type: domain.HourShift, PayPercent: dec("130"), BillPercent: dec("135")}}, Timestamps: old}
	f := &fx{w1: w1, w2: w2, h1: h1, p1: p1}
	f.in = checks.Input{Period: w47, Agency: &domain.Agency{Name: "Uitzendbureau Test", Deadlines: domain.DefaultDeadlines()},
		Workers: []*domain.Worker{w1, w2}, Hirers: []*domain.Hirer{h1}, Placements: []*domain.Placement{p1},
		Packs: packs, Now: at(11, 23, 12, 0), By: "tester"}
	for day := 16; day <= 20; day++ {
		f.line(d(11, day), domain.HourNormal, "8")
	}
	return f
}

// line adds an hour line on placement p1 delivered Monday 23-11 09:00.
func (f *fx) line(date time.Time, t domain.HourType, qty string) *domain.HourLine {
	return f.lineOn(f.p1, date, t, qty)
}

func (f *fx) lineOn(p *domain.Placement, date time.Time, t domain.HourType, qty string) *domain.HourLine {
	l := &domain.HourLine{ID: int64(len(f.in.Hours) + 1), PlacementID: p.ID, Date: date, Type: t, Quantity: dec(qty),
		Status: domain.HoursImported, Timestamps: domain.Timestamps{CreatedAt: at(11, 23, 9, 0)}}
	f.in.Hours = append(f.in.Hours, l)
	return l
}

func (f *fx) advance(id int64, p domain.Period, open bool) {
	a := &domain.Advance{ID: id, WorkerID: 1, Period: p, Amount: dec("200")}
	if !open {
		a.RepaidIn = p.Next()
	}
	f.in.Advances = append(f.in.Advances, a)
}

func (f *fx) run() *checks.Checklist { return checks.Run(f.in) }

func findings(cl *checks.Checklist, rule string) []checks.Finding {
	var out []checks.Finding
	for _, x := range cl.Findings {
		if x.Rule == rule {
			out = append(out, x)
		}
	}
	return out
}

func dump(cl *checks.Checklist) string {
	var b strings.Builder
	for _, x := range cl.Findings {
		fmt.Fprintf(&b, "\n  %s %s %s", x.Rule, x.Severity, x.Message.NL)
	}
	return b.String()
}

func TestBaseline_CleanWeekHasNoFindings(t *testing.T) {
	cl := newFx().run()
	if len(cl.Findings) != 0 {
		t.Fatalf("clean fixture has findings:%s", dump(cl))
	}
	if cl.Blocks(checks.GatePayroll) || cl.Period != "2026-W47" || cl.Agency != "Uitzendbureau Test" || len(cl.Workers) != 1 || cl.Workers[0].HirerID != 10 {
		t.Errorf("checklist header wrong: %+v", cl)
	}
}

// ruleCases has, for every rule of the catalogue, one change that makes it
// fire and one nearby change that must not.
var ruleCases = []struct {
	rule      string
	hit, miss func(*fx)
}{
	{checks.DosBSN, func(f *fx) { f.w1.BSN = "123456789" }, func(f *fx) { f.w1.BSN = "21000 0004" }},
	{checks.DosID, func(f *fx) { f.w1.Identity.Expiry = d(10, 31) }, func(f *fx) { f.w1.Identity.Expiry = d(11, 22) }},
	{checks.DosIDSoon, func(f *fx) { f.w1.Identity.Expiry = d(12, 20) }, func(f *fx) { f.w1.Identity.Expiry = d(12, 21) }},
	{checks.DosIBAN, func(f *fx) { f.w1.IBAN = "NL03INGB0100000000" }, func(f *fx) { f.w1.IBAN = "nl02 ingb 0100 0000 00" }},
	{checks.DosContract, func(f *fx) { f.w1.ContractSignedOn = time.Time{} }, func(f *fx) { f.w1.ContractSignedOn = d(11, 13) }},
	{checks.DosTaxForm, func(f *fx) { f.w1.TaxCreditSignedOn = time.Time{} }, func(f *fx) { f.w1.ApplyTaxCredit = false }},
	{checks.DosDupBSN, func(f *fx) { f.w2.BSN = "210000004" }, func(f *fx) { f.w2.BSN = "" }},
	{checks.DosDupIBAN, func(f *fx) { f.w2.IBAN = "NL02 INGB 0100 0000 00" }, func(f *fx) { f.w2.IBAN = "" }},

	{checks.AdvBSN, func(f *fx) { f.w1.BSN = ""; f.advance(1, w47, true) }, func(f *fx) { f.advance(1, w47, true) }},
	{checks.AdvStreak, func(f *fx) {
		f.advance(1, w47.Prev().Prev(), false)
		f.advance(2, w47.Prev(), false)
		f.advance(3, w47, true)
	},
		func(f *fx) {
			f.advance(1, w47.Prev().Prev().Prev(), false)
			f.advance(2, w47.Prev(), false)
			f.advance(3, w47, true)
		}},
	{checks.AdvRepay, func(f *fx) { f.advance(1, w47.Prev(), true) }, func(f *fx) { f.advance(1, w47.Prev(), false); f.advance(2, w47.Next(), true) }},

	{checks.HirCredit, func(f *fx) { f.h1.CreditCheckedOn = domain.Date(2025, 11, 21) }, func(f *fx) { f.h1.CreditCheckedOn = domain.Date(2025, 11, 22) }},
	// Exposure: 40 h × € 27,90 = € 1.116,00 + 21 % VAT = € 1.350,36.
	{checks.HirLimit, func(f *fx) { f.h1.CreditLimit = dec("1350.35") }, func(f *fx) { f.h1.CreditLimit = dec("1350.36") }},
	{checks.HirLimitNear, func(f *fx) { f.h1.CreditLimit = dec("1687.95") }, func(f *fx) { f.h1.CreditLimit = dec("1688") }},
	{checks.HirRecord, func(f *fx) { f.h1.Remuneration.SignedOn = time.Time{} }, func(f *fx) { f.h1.Remuneration.SignedOn = d(11, 20) }},
	{checks.HirProof, func(f *fx) { f.h1.ProofOfHours = true }, func(f *fx) {
		f.h1.ProofOfHours = true
		f.in.HourProofs = []checks.HourProof{{HirerID: 10, Period: w47, Kind: "urenstaat", ReceivedAt: at(11, 23, 8, 0)}}
	}},

	{checks.HrsNoPlacement, func(f *fx) { f.p1.End = d(11, 18) }, func(f *fx) { f.p1.End = d(11, 20) }},
	{checks.HrsOutside, func(f *fx) { f.p1.End = d(11, 18); f.second(d(11, 19)) }, func(f *fx) { f.p1.End = d(11, 18); f.second(d(11, 21)) }},
	{checks.HrsType, func(f *fx) { f.line(d(11, 16), domain.HourOvertime150, "1") }, func(f *fx) { f.line(d(11, 16), domain.HourOvertime125, "1") }},
	{checks.HrsQuantity, func(f *fx) { f.line(d(11, 17), domain.HourShift, "0") }, func(f *fx) { f.line(d(11, 17), domain.HourShift, "0.25") }},
	{checks.HrsDay12, func(f *fx) { f.line(d(11, 16), domain.HourOvertime125, "4.25") }, func(f *fx) { f.line(d(11, 16), domain.HourOvertime125, "4") }},
	{checks.HrsWeek60, func(f *fx) { f.line(d(11, 21), domain.HourNormal, "12"); f.line(d(11, 22), domain.HourNormal, "8.25") },
		func(f *fx) { f.line(d(11, 21), domain.HourNormal, "12"); f.line(d(11, 22), domain.HourNormal, "8") }},
	{checks.HrsDay24, func(f *fx) { f.line(d(11, 16), domain.HourVacation, "16.5") }, func(f *fx) { f.line(d(11, 16), domain.HourVacation, "16") }},
	{checks.HrsSick, func(f *fx) { f.sick(d(11, 16), time.Time{}) }, func(f *fx) { f.sick(d(11, 16), d(11, 17)) }},
	{checks.HrsSickDay1, func(f *fx) { f.sick(d(11, 20), d(11, 21)) }, func(f *fx) { f.sick(d(11, 21), d(11, 23)) }},

	{checks.PayMinWage, func(f *fx) { f.p1.HourlyWage = dec("14.98") }, func(f *fx) { f.p1.HourlyWage = dec("14.99") }},
	{checks.PayMinWageNone, func(f *fx) { f.in.Packs = nil }, func(f *fx) { f.w1.BirthDate = time.Time{} }},
	{checks.PayLateChange, func(f *fx) { f.change(at(11, 14, 10, 0)) }, func(f *fx) { f.change(at(11, 13, 16, 59)) }},

	{checks.DlRegWorker, func(f *fx) { f.w1.StartDate = d(11, 16); f.w1.CreatedAt = at(11, 14, 9, 0) },
		func(f *fx) { f.w1.StartDate = d(11, 16); f.w1.CreatedAt = at(11, 13, 17, 0) }},
	{checks.DlRegHirer, func(f *fx) { f.p1.Start = d(11, 16); f.h1.CreatedAt = at(11, 16, 8, 0) },
		func(f *fx) { f.p1.Start = d(11, 16); f.h1.CreatedAt = at(11, 13, 17, 0) }},
	{checks.DlHours, func(f *fx) { f.in.Hours[4].CreatedAt = at(11, 24, 13, 1) }, func(f *fx) { f.in.Hours[4].CreatedAt = at(11, 24, 13, 0) }},
	{checks.DlSick, func(f *fx) { f.sickReported(d(11, 21), at(11, 21, 9, 31), time.Time{}) },
		func(f *fx) { f.sickReported(d(11, 21), at(11, 21, 9, 30), time.Time{}) }},

	{checks.DedAuth, func(f *fx) { f.w1.DeductionAuthSigned = time.Time{}; f.deduct(domain.DeductionHousing, "") },
		func(f *fx) { f.deduct(domain.DeductionHousing, "") }},
	{checks.DedProof, func(f *fx) { f.deduct(domain.DeductionFine, "") }, func(f *fx) { f.deduct(domain.DeductionFine, "CJIB 1234") }},

	{checks.ETProof, func(f *fx) {
		f.w1.ETEligible = true
		f.w1.ET = domain.ETProofs{HomeAbroad: d(1, 5), TravelCosts: d(1, 5)}
	},
		func(f *fx) {
			f.w1.ETEligible = true
			f.w1.ET = domain.ETProofs{HomeAbroad: d(1, 5), TravelCosts: d(1, 5), HousingSNF: d(1, 5)}
		}},

	// Start 15-12-2025 (week 51) to week 47: 49 weeks, 3 left; start 5-1-2026: 46 weeks, 6 left.
	{checks.PhaseA, func(f *fx) { f.w1.StartDate = domain.Date(2025, 12, 15) }, func(f *fx) { f.w1.StartDate = domain.Date(2025, 12, 29) }},
	{checks.PhaseB, func(f *fx) { f.phaseB(domain.Date(2023, 12, 1)) }, func(f *fx) { f.phaseB(domain.Date(2024, 3, 1)) }},
	{checks.PhaseEnd, func(f *fx) { f.w1.EndDate = d(12, 6) }, func(f *fx) { f.w1.EndDate = d(12, 7) }},
}

func (f *fx) second(start time.Time) {
	p2 := *f.p1
	p2.ID, p2.Number, p2.Start, p2.End = 101, "PL0599", start, time.Time{}
	f.in.Placements = append(f.in.Placements, &p2)
}

func (f *fx) sick(first, recovered time.Time) {
	f.in.SickReports = append(f.in.SickReports, &domain.SickReport{ID: int64(len(f.in.SickReports) + 1), WorkerID: 1,
		FirstDay: first, ReportedAt: first.Add(7 * time.Hour), RecoveredOn: recovered})
}

func (f *fx) sickReported(first, reported, shift time.Time) {
	f.in.SickReports = append(f.in.SickReports, &domain.SickReport{ID: int64(len(f.in.SickReports) + 1), WorkerID: 1,
		FirstDay: first, ReportedAt: reported, ShiftStart: shift, RecoveredOn: first.AddDate(0, 0, 2)})
}

func (f *fx) change(when time.Time) {
	f.in.RateChanges = append(f.in.RateChanges, checks.RateChange{PlacementID: 100, ChangedAt: when,
		OldWage: dec("15.00"), NewWage: dec("15.85"), OldRate: dec("27.90"), NewRate: dec("27.90")})
}

func (f *fx) deduct(kind domain.DeductionKind, proof string) {
	f.in.Deductions = append(f.in.Deductions, &domain.Deduction{ID: int64(len(f.in.Deductions) + 1), WorkerID: 1, Period: w47,
		Kind: kind, Amount: dec("75"), ProofRef: proof})
}

func (f *fx) phaseB(start time.Time) {
	f.w1.Phase, f.p1.Phase, f.p1.Start = domain.PhaseB, domain.PhaseB, start
}

func TestRules_OnePositiveOneNegativeEach(t *testing.T) {
	for _, tc := range ruleCases {
		rule, ok := checks.RuleByID(tc.rule)
		if !ok {
			t.Fatalf("case for unknown rule %s", tc.rule)
		}
		t.Run(tc.rule+"/fires", func(t *testing.T) {
			f := newFx()
			tc.hit(f)
			cl := f.run()
			got := findings(cl, tc.rule)
			if len(got) == 0 {
				t.Fatalf("%s did not fire; findings:%s", tc.rule, dump(cl))
			}
			for _, x := range got {
				if x.Severity != rule.Severity || x.Message.NL == "" || x.Message.EN == "" || x.Hint.NL == "" || x.Hint.EN == "" || len(x.Gates) == 0 {
					t.Errorf("incomplete finding %+v", x)
				}
			}
		})
		t.Run(tc.rule+"/quiet", func(t *testing.T) {
			f := newFx()
			tc.miss(f)
			cl := f.run()
			if got := findings(cl, tc.rule); len(got) != 0 {
				t.Fatalf("%s fired on the near miss: %s", tc.rule, got[0].Message.NL)
			}
		})
	}
}

func TestRules_CatalogueFullyCovered(t *testing.T) {
	covered := map[string]bool{}
	for _, tc := range ruleCases {
		if covered[tc.rule] {
			t.Errorf("rule %s has two cases", tc.rule)
		}
		covered[tc.rule] = true
	}
	ids := map[string]bool{}
	for _, r := range checks.Rules() {
		if ids[r.ID] {
			t.Errorf("duplicate rule ID %s", r.ID)
		}
		ids[r.ID] = true
		if !covered[r.ID] {
			t.Errorf("rule %s has no positive/negative case", r.ID)
		}
		if r.Title.NL == "" || r.Title.EN == "" || r.Hint.NL == "" || r.Hint.EN == "" || r.Source == "" || len(r.Gates) == 0 {
			t.Errorf("rule %s is incompletely described", r.ID)
		}
		if r.Severity != checks.Blocker && r.Severity != checks.Warning {
			t.Errorf("rule %s severity %q", r.ID, r.Severity)
		}
	}
}

func TestDossierBSN_AnonymousRateChosen(t *testing.T) {
	f := newFx()
	f.w1.BSN = ""
	f.in.Confirmations = []checks.Confirmation{{Rule: checks.DosBSN, WorkerID: 1, Note: "bewust", By: "piet"}}
	cl := f.run()
	got := findings(cl, checks.DosBSN)
	if len(got) != 1 || got[0].Severity != checks.Warning || !strings.Contains(got[0].Message.NL, "nonieme") && !strings.Contains(got[0].Message.NL, "anoniementarief") {
		t.Fatalf("anonymous rate: %+v", got)
	}
	if cl.Blocks(checks.GatePayroll) {
		t.Error("payroll still blocked after choosing the anonymous rate")
	}
	if err := checks.AdvanceAllowed(f.w1, nil, w47, 2); err == nil {
		t.Error("advance allowed without BSN")
	}
	// The same confirmation for another worker does not apply.
	f.in.Confirmations[0].WorkerID = 2
	if cl := f.run(); !cl.Blocks(checks.GatePayroll) {
		t.Error("another worker's choice unblocked payroll")
	}
}

func TestConfirmation_WarningConfirmedBlockerNot(t *testing.T) {
	f := newFx()
	f.change(at(11, 14, 10, 0))
	f.w1.ContractSignedOn = time.Time{}
	f.in.Confirmations = []checks.Confirmation{
		{Rule: checks.PayLateChange, Period: w47, WorkerID: 1, HirerID: 10, PlacementID: 100, Note: "meenemen", By: "piet"},
		{Rule: checks.DosContract, Period: w47, WorkerID: 1},
		{Rule: checks.PayLateChange, Period: w47.Next(), WorkerID: 1, HirerID: 10, PlacementID: 100},
	}
	cl := f.run()
	late := findings(cl, checks.PayLateChange)
	if len(late) != 1 || !late[0].Confirmed || !strings.Contains(late[0].Note, "piet") {
		t.Fatalf("late change not confirmed: %+v", late)
	}
	if n := cl.Counts(); n.Confirmed != 1 || n.Blockers != 1 || n.Warnings != 0 {
		t.Errorf("counts %+v", n)
	}
	if !cl.Blocks(checks.GatePayroll) {
		t.Error("a confirmation removed a blocker")
	}
}

func TestGates_BlockersForWorker(t *testing.T) {
	f := newFx()
	f.h1.Remuneration.SignedOn = time.Time{}           // hirer-level payroll blocker
	f.w1.IBAN = ""                                     // payment blocker
	f.deduct(domain.DeductionFine, "")                 // deduction blocker
	f.w1.ETEligible, f.w1.ET = true, domain.ETProofs{} // ET warning
	cl := f.run()
	if got := cl.BlockersFor(1, checks.GatePayroll); len(got) != 1 || got[0].Rule != checks.HirRecord {
		t.Errorf("payroll blockers for 1001: %+v", got)
	}
	if got := cl.BlockersFor(2, checks.GatePayroll); len(got) != 0 {
		t.Errorf("1002 has no hours but got blockers %+v", got)
	}
	if got := cl.BlockersFor(1, checks.GateDeduction); len(got) != 1 || got[0].Ref != "inhouding 1" {
		t.Errorf("deduction blockers %+v", got)
	}
	if !cl.Blocks(checks.GatePayment) || cl.Blocks(checks.GateInvoice) || cl.Blocks(checks.GateET) || cl.Blocks(checks.GateAdvance) {
		t.Errorf("gates: payment %v invoice %v et %v advance %v", cl.Blocks(checks.GatePayment), cl.Blocks(checks.GateInvoice),
			cl.Blocks(checks.GateET), cl.Blocks(checks.GateAdvance))
	}
	if got := cl.FindingsFor(1, checks.GateET); len(got) != 1 || got[0].Severity != checks.Warning {
		t.Errorf("ET findings %+v", got)
	}
	f.in.Settings.ETMissingProofBlocks = true
	if cl := f.run(); !cl.Blocks(checks.GateET) || len(cl.BlockersFor(1, checks.GateET)) != 1 {
		t.Error("agency setting did not make missing ET proof a blocker")
	}
	var nilList *checks.Checklist
	if nilList.Blocks(checks.GatePayroll) || nilList.BlockersFor(1, checks.GatePayroll) != nil {
		t.Error("nil checklist blocks")
	}
}

func TestHirerLimit_AmountOverWithOpenReceivables(t *testing.T) {
	f := newFx()
	f.in.OpenReceivables = map[int64]decimal.Decimal{10: dec("60000")}
	got := findings(f.run(), checks.HirLimit)
	if len(got) != 1 || !strings.Contains(got[0].Message.NL, "€ 1.350,36 boven de kredietlimiet van € 60.000,00") ||
		!strings.Contains(got[0].Message.EN, "€1,350.36 above the credit limit of €60,000.00") {
		t.Fatalf("limit finding %+v", got)
	}
	f.h1.ReverseCharge = true // no VAT on the receivable: € 1.116,00 over
	if got := findings(f.run(), checks.HirLimit); len(got) != 1 || !strings.Contains(got[0].Message.NL, "€ 1.116,00 boven") {
		t.Fatalf("reverse charge %+v", got)
	}
}

func TestSickReport_ShiftDeadline(t *testing.T) {
	tests := []struct {
		reported time.Time
		late     bool
	}{
		{at(11, 21, 10, 59), false}, // shift 14:00, 3 hours before = 11:00
		{at(11, 21, 11, 0), false},
		{at(11, 21, 11, 1), true},
		{at(11, 20, 23, 0), false},
	}
	for _, tt := range tests {
		f := newFx()
		f.sickReported(d(11, 21), tt.reported, at(11, 21, 14, 0))
		got := findings(f.run(), checks.DlSick)
		if (len(got) == 1) != tt.late {
			t.Errorf("reported %s: late=%v, findings %+v", tt.reported, tt.late, got)
		}
	}
}

func TestDeadlines_UseAgencyTimeZone(t *testing.T) {
	f := newFx()
	ams, err := time.LoadLocation("Europe/Amsterdam")
	if err != nil {
		t.Skip("no zoneinfo")
	}
	f.in.Location = ams
	// 12:30 UTC on Tuesday is 13:30 in Amsterdam (CET): after the 13:00 deadline.
	f.in.Hours[0].CreatedAt = at(11, 24, 12, 30)
	got := findings(f.run(), checks.DlHours)
	if len(got) != 1 || !strings.Contains(got[0].Message.NL, "di 24-11-2026 13:30") {
		t.Fatalf("hours deadline in local time: %+v", got)
	}
	f.in.Hours[0].CreatedAt = at(11, 24, 11, 59) // 12:59 local
	if got := findings(f.run(), checks.DlHours); len(got) != 0 {
		t.Fatalf("on-time delivery flagged: %+v", got)
	}
}

func TestAdvanceAllowed(t *testing.T) {
	f := newFx()
	adv := func(p domain.Period) *domain.Advance {
		return &domain.Advance{WorkerID: 1, Period: p, Amount: dec("100")}
	}
	tests := []struct {
		name    string
		bsn     string
		earlier []*domain.Advance
		ok      bool
	}{
		{"first week", "210000004", nil, true},
		{"second week", "210000004", []*domain.Advance{adv(w47.Prev())}, true},
		{"third week", "210000004", []*domain.Advance{adv(w47.Prev()), adv(w47.Prev().Prev())}, false},
		{"after a gap", "210000004", []*domain.Advance{adv(w47.Prev().Prev()), adv(w47.Prev().Prev().Prev())}, true},
		{"no BSN", "", nil, false},
		{"other worker's streak", "210000004", []*domain.Advance{{WorkerID: 2, Period: w47.Prev()}, {WorkerID: 2, Period: w47.Prev().Prev()}}, true},
	}
	for _, tt := range tests {
		f.w1.BSN = tt.bsn
		err := checks.AdvanceAllowed(f.w1, tt.earlier, w47, 2)
		if (err == nil) != tt.ok {
			t.Errorf("%s: err %v, want ok=%v", tt.name, err, tt.ok)
		}
		if err != nil && domain.ErrorCode(err) != domain.EINVALID {
			t.Errorf("%s: error code %q", tt.name, domain.ErrorCode(err))
		}
	}
	if checks.AdvanceAllowed(nil, nil, w47, 2) == nil {
		t.Error("nil worker allowed")
	}
}

func TestMessages_MaskIdentifiers(t *testing.T) {
	f := newFx()
	f.w1.BSN = "123456789"
	f.w2.BSN, f.w2.IBAN = "210000004", "NL02INGB0100000000" // duplicates of each other's… and of w1's IBAN
	f.w1.IBAN = "NL02INGB0100000000"
	f.in.Hours = append(f.in.Hours, &domain.HourLine{ID: 99, PlacementID: 101, Date: d(11, 16), Type: domain.HourNormal, Quantity: dec("8")})
	f.second(d(11, 16))
	f.in.Placements[1].WorkerID = 2
	f.w2.BSN = "123456789"
	cl := f.run()
	b, _ := json.Marshal(cl)
	for _, whole := range []string{"123456789", "210000004", "NL02INGB0100000000", "0100000000"} {
		if strings.Contains(string(b), whole) {
			t.Errorf("checklist contains %s unmasked", whole)
		}
	}
	if len(findings(cl, checks.DosDupBSN)) != 2 || len(findings(cl, checks.DosDupIBAN)) != 2 {
		t.Errorf("duplicates not reported on both workers:%s", dump(cl))
	}
}

func TestGroups_PerHirerAndWorkerWithCounts(t *testing.T) {
	f := newFx()
	f.h1.Remuneration.SignedOn = time.Time{}
	f.w1.ContractSignedOn = time.Time{}
	f.w1.TaxCreditSignedOn = time.Time{}
	f.advance(1, w47.Prev(), true)
	f.w2.BSN = "" // 1002 has an open advance but no hours: group without hirer
	f.in.Advances = append(f.in.Advances, &domain.Advance{ID: 2, WorkerID: 2, Period: w47.Prev(), Amount: dec("50")})
	cl := f.run()
	gs := cl.Groups()
	if len(gs) != 2 || gs[0].Hirer.Number != "INL01" || gs[1].Hirer.ID != 0 || gs[1].Title("nl") != "Algemeen / zonder inlener" {
		t.Fatalf("groups %+v", gs)
	}
	g := gs[0]
	if g.Counts != (checks.Counts{Blockers: 2, Warnings: 2}) || len(g.Findings) != 1 || len(g.Workers) != 1 {
		t.Errorf("INL01 group counts %+v, %d hirer findings, %d workers", g.Counts, len(g.Findings), len(g.Workers))
	}
	wf := g.Workers[0].Findings
	if wf[0].Severity != checks.Blocker || wf[len(wf)-1].Severity != checks.Warning {
		t.Errorf("worker findings not blockers first: %+v", wf)
	}
	if gs[1].Workers[0].Worker.Number != "1002" {
		t.Errorf("worker without hours grouped as %+v", gs[1].Workers)
	}
	// 1002 has only an open advance: its dossier is checked too (the advance
	// can only be withheld in a regular payroll).
	if n := cl.Counts(); n.Blockers != 5 || n.Warnings != 4 {
		t.Errorf("total counts %+v:%s", n, dump(cl))
	}
}

func TestEvaluate_ProgressAndCancel(t *testing.T) {
	f := newFx()
	var calls []int
	cl, err := checks.Evaluate(context.Background(), f.in, func(done, total int) {
		if total != len(checks.GroupNames) {
			t.Errorf("total %d", total)
		}
		calls = append(calls, done)
	})
	if err != nil || cl == nil || len(calls) != len(checks.GroupNames) || calls[len(calls)-1] != len(checks.GroupNames) {
		t.Fatalf("progress %v err %v", calls, err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := checks.Evaluate(ctx, f.in, nil); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled evaluate: %v", err)
	}
}

// TestRun_OddInputDoesNotPanic feeds inputs a hand-made or corrupt store could
// produce: nil entries, unknown references, zero dates, no period.
func TestRun_OddInputDoesNotPanic(t *testing.T) {
	tests := []func(*fx){
		func(f *fx) { f.in = checks.Input{} },
		func(f *fx) { f.in.Agency = nil; f.in.Location = nil },
		func(f *fx) {
			f.in.Workers = append(f.in.Workers, nil)
			f.in.Hirers = append(f.in.Hirers, nil)
			f.in.Placements = append(f.in.Placements, nil)
			f.in.Hours = append(f.in.Hours, nil)
			f.in.History = append(f.in.History, nil)
			f.in.SickReports = append(f.in.SickReports, nil)
			f.in.Advances = append(f.in.Advances, nil)
			f.in.Deductions = append(f.in.Deductions, nil)
		},
		func(f *fx) { f.in.Workers, f.in.Hirers = nil, nil },
		func(f *fx) { f.in.Placements = nil },
		func(f *fx) { f.in.Hours[0].Type = "XYZ"; f.in.Hours[1].Date = time.Time{} },
		func(f *fx) { f.p1.Start, f.w1.StartDate, f.w1.BirthDate = time.Time{}, time.Time{}, time.Time{} },
		func(f *fx) { f.w1.BirthDate = domain.Date(2015, 1, 1) },
		func(f *fx) {
			f.in.Advances = []*domain.Advance{{WorkerID: 77, Period: w47, Amount: dec("1")}, {WorkerID: 1}}
		},
		func(f *fx) { f.in.Deductions = []*domain.Deduction{{WorkerID: 77, Period: w47, Kind: "?"}} },
		func(f *fx) {
			f.in.SickReports = []*domain.SickReport{{WorkerID: 1}, {WorkerID: 1, FirstDay: d(11, 16), ShiftStart: at(11, 16, 6, 0)}}
		},
		func(f *fx) { f.in.RateChanges = []checks.RateChange{{PlacementID: 999}, {PlacementID: 100}} },
		func(f *fx) { f.in.Packs = failingPacks{} },
		func(f *fx) { f.in.Packs = (*params.Set)(nil) },
		func(f *fx) { f.in.Packs = params.NewSet() },
		func(f *fx) {
			f.in.Agency.Deadlines = domain.Deadlines{SickReportTime: "bogus", RegistrationTime: "99:99"}
		},
		func(f *fx) { f.in.Settings = checks.Settings{CreditNearPercent: -5, PhaseBMaxContracts: -1} },
		func(f *fx) { f.in.Period = domain.Period{Kind: domain.Monthly, Year: 2026, Number: 11} },
		func(f *fx) { f.in.Period = domain.Period{Kind: domain.FourWeek, Year: 2026, Number: 12} },
		func(f *fx) { f.h1.CreditLimit = dec("-1") },
	}
	for i, mutate := range tests {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			f := newFx()
			mutate(f)
			cl := f.run()
			if cl == nil {
				t.Fatal("nil checklist")
			}
			_ = cl.Groups()
			if _, err := json.Marshal(cl); err != nil {
				t.Fatal(err)
			}
		})
	}
}

func TestPhaseA_CountedFromHistory(t *testing.T) {
	worked := func(f *fx, from time.Time, n int) {
		for i := 0; i < n; i++ {
			f.in.History = append(f.in.History, &domain.HourLine{PlacementID: 100, Date: from.AddDate(0, 0, 7*i),
				Type: domain.HourNormal, Quantity: dec("8")})
		}
	}
	// 30 weeks from 6-1-2025, then 27 weeks without work, then 40 weeks up to
	// week 46 and week 47 itself: the count restarts, 41 weeks.
	f := newFx()
	start := domain.Date(2025, 1, 6)
	f.w1.StartDate, f.p1.Start = start, start
	worked(f, start, 30)
	worked(f, w47.Start().AddDate(0, 0, -7*40), 40)
	if got := findings(f.run(), checks.PhaseA); len(got) != 0 {
		t.Fatalf("count did not restart after the gap: %s", got[0].Message.NL)
	}
	// Without a long gap: 54 weeks from 3-11-2025 plus week 47 is over the limit.
	f2 := newFx()
	start = domain.Date(2025, 11, 3)
	f2.w1.StartDate, f2.p1.Start = start, start
	worked(f2, start, 54)
	got := findings(f2.run(), checks.PhaseA)
	if len(got) != 1 || !strings.Contains(got[0].Message.NL, "55 gewerkte weken") || !strings.Contains(got[0].Message.NL, "overschreden") ||
		!strings.Contains(got[0].Message.NL, "geteld uit de uren") {
		t.Fatalf("phase A over the limit: %+v", got)
	}
}

// TestPhaseA_InterruptionRules pins the fase-A count of §7.2 of the reference,
// which the checklist takes from payroll.PhaseOn: an interruption restarts the
// count by the CAO in force in the week work resumes — until 2025 after 26
// weeks or more (25 weeks: the count goes on), in 2026–2027 after more than 6
// months, from 2028 after 36 months. Each case works 10 weeks up to and
// including the week of lastWorked, nothing until the week of resume, then
// every week up to and including the checked week, 4 weeks after resume.
func TestPhaseA_InterruptionRules(t *testing.T) {
	mon := domain.Date
	tests := []struct {
		name               string
		lastWorked, resume time.Time // Mondays
		restart            bool
	}{
		{"2025: 25 weeks without work, the count goes on", mon(2025, 1, 6), mon(2025, 7, 7), false},
		{"2025: 26 weeks without work restart the count", mon(2025, 1, 6), mon(2025, 7, 14), true},
		{"2025: 27 weeks restart", mon(2025, 1, 6), mon(2025, 7, 21), true},
		// 12-1 to 12-7-2026 is 6 months; the 26 weeks to 13-7 are one day more.
		{"2026: 26 weeks longer than 6 months restart", mon(2026, 1, 5), mon(2026, 7, 13), true},
		{"2026: 25 weeks go on", mon(2026, 1, 5), mon(2026, 7, 6), false},
		// 2-3 to 2-9-2026 is 6 months; the 26 weeks to 31-8 are shorter.
		{"2026: 26 weeks within 6 months go on", mon(2026, 2, 23), mon(2026, 8, 31), false},
		{"2026: 27 weeks, more than 6 months, restart", mon(2026, 2, 23), mon(2026, 9, 7), true},
		// Resuming in 2026 the six-month rule applies, not 2025's "26 weeks or more":
		// 6-10-2025 to 6-4-2026 is exactly 6 months (26 weeks), not more.
		{"resumed in 2026 after exactly 6 months: goes on", mon(2025, 9, 29), mon(2026, 4, 6), false},
		{"resumed in 2026 after 6 months and a week: restart", mon(2025, 9, 29), mon(2026, 4, 13), true},
		{"2028: a year without work goes on (36 months)", mon(2027, 3, 1), mon(2028, 3, 6), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFx()
			period := domain.WeekPeriod(tt.resume.AddDate(0, 0, 7*4))
			f.in.Period, f.in.Hours = period, nil
			f.in.Settings.PhaseWarnWeeks = 1000 // always report, to read the count
			first := tt.lastWorked.AddDate(0, 0, -7*9)
			f.w1.StartDate, f.p1.Start = first, first
			week := func(d time.Time) *domain.HourLine {
				return &domain.HourLine{PlacementID: 100, Date: d.AddDate(0, 0, 2), Type: domain.HourNormal, Quantity: dec("8")}
			}
			for d := first; !d.After(tt.lastWorked); d = d.AddDate(0, 0, 7) {
				f.in.History = append(f.in.History, week(d))
			}
			for d := tt.resume; d.Before(period.Start()); d = d.AddDate(0, 0, 7) {
				f.in.History = append(f.in.History, week(d))
			}
			f.line(period.Start(), domain.HourNormal, "8")
			want := 5
			if !tt.restart {
				want += 10
			}
			got := findings(f.run(), checks.PhaseA)
			var n int
			if len(got) != 1 {
				t.Fatalf("PH-A findings: %+v", got)
			}
			if _, err := fmt.Sscan(got[0].Message.NL, &n); err != nil || n != want {
				t.Errorf("counted %d weeks, want %d: %s", n, want, got[0].Message.NL)
			}
		})
	}
}

// TestPhaseA_PaidHolidayWeekCounts: a week with only paid holiday counts
// (since 2-1-2023, §7.2), one with only sick hours does not; a short gap of
// weeks in between does not restart the count.
func TestPhaseA_PaidHolidayWeekCounts(t *testing.T) {
	f := newFx()
	f.in.Settings.PhaseWarnWeeks = 1000
	start := w47.Start().AddDate(0, 0, -7*4)
	f.w1.StartDate, f.p1.Start = start, start
	for i, typ := range []domain.HourType{domain.HourNormal, domain.HourVacation, domain.HourSick, domain.HourHoliday} {
		f.in.History = append(f.in.History, &domain.HourLine{PlacementID: 100, Date: start.AddDate(0, 0, 7*i), Type: typ, Quantity: dec("8")})
	}
	got := findings(f.run(), checks.PhaseA)
	if len(got) != 1 || !strings.HasPrefix(got[0].Message.NL, "4 van 52 gewerkte weken") {
		t.Fatalf("PH-A: %+v", got)
	}
}

// TestMinimumWage_PayrollSemantics pins what the checklist now shares with the
// payroll's own minimum-wage check (payroll.CheckMinimumWage, §5): holiday and
// public-holiday hours count, a pay % below 100 is applied, sick pay is the
// payroll's warning and not PAY-WML, and a date in a year without a pack is
// reported as not checked while the rest is still checked.
func TestMinimumWage_PayrollSemantics(t *testing.T) {
	tests := []struct {
		name    string
		setup   func(f *fx)
		wml     string // expected PAY-WML message (NL), "" for none
		unknown string // expected part of the PAY-WML-UNKNOWN message, "" for none
	}{
		{"holiday hours at a wage below the minimum", func(f *fx) {
			f.in.Hours = nil
			f.p1.HourlyWage = dec("14.50")
			f.line(d(11, 18), domain.HourVacation, "8")
		}, "Uurloon € 14,50 in plaatsing PL0501 ligt onder het minimumloon van € 14,99 per uur (21 jaar of ouder, op 18-11-2026).", ""},
		{"public holiday hours at a wage below the minimum", func(f *fx) {
			f.in.Hours = nil
			f.p1.HourlyWage = dec("14.50")
			f.line(d(11, 19), domain.HourHoliday, "8")
		}, "Uurloon € 14,50 in plaatsing PL0501 ligt onder het minimumloon van € 14,99 per uur (21 jaar of ouder, op 19-11-2026).", ""},
		{"pay % below 100 on the line", func(f *fx) {
			f.in.Hours[2].PayPercent = dec("90") // 15,85 × 90 % = 14,265 on Wednesday
		}, "Uurloon € 14,27 in plaatsing PL0501 ligt onder het minimumloon van € 14,99 per uur (21 jaar of ouder, op 18-11-2026).", ""},
		{"pay % above 100 does not lift a low wage", func(f *fx) {
			f.p1.HourlyWage = dec("14.00")
			f.in.Hours = nil
			f.line(d(11, 17), domain.HourOvertime125, "2")
		}, "Uurloon € 14,00 in plaatsing PL0501 ligt onder het minimumloon van € 14,99 per uur (21 jaar of ouder, op 17-11-2026).", ""},
		{"sick hours are not PAY-WML", func(f *fx) {
			f.in.Hours = nil
			f.p1.HourlyWage = dec("14.50")
			f.line(d(11, 18), domain.HourSick, "8")
		}, "", ""},
		{"age on the date: 20 until the birthday, then 21", func(f *fx) {
			f.w1.BirthDate = domain.Date(2005, 11, 18)
			f.p1.HourlyWage = dec("12.00") // above 11,99 (20), below 14,99 (21)
		}, "Uurloon € 12,00 in plaatsing PL0501 ligt onder het minimumloon van € 14,99 per uur (21 jaar of ouder, op 18-11-2026).", ""},
		{"week across New Year without a 2027 pack", func(f *fx) {
			f.in.Period = domain.Period{Kind: domain.Weekly, Year: 2026, Number: 53}
			f.in.Hours = nil
			f.line(d(12, 28), domain.HourNormal, "8")
			f.line(domain.Date(2027, 1, 1), domain.HourNormal, "8")
		}, "", "Minimumloon op 01-01-2027 niet bekend: geen loonheffingsparameters voor 2027"},
		{"first date without a pack, later dates still checked", func(f *fx) {
			f.in.Period = domain.Period{Kind: domain.Weekly, Year: 2026, Number: 1}
			f.in.Hours = nil
			f.p1.Start = domain.Date(2025, 12, 1)
			f.p1.HourlyWage = dec("14.50") // below 14,71 (1-1-2026)
			f.line(domain.Date(2025, 12, 29), domain.HourNormal, "8")
			f.line(domain.Date(2026, 1, 2), domain.HourNormal, "8")
			f.in.Packs = only2026(t)
		}, "Uurloon € 14,50 in plaatsing PL0501 ligt onder het minimumloon van € 14,71 per uur (21 jaar of ouder, op 02-01-2026).",
			"Minimumloon op 29-12-2025 niet bekend: geen loonheffingsparameters voor 2025"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFx()
			tt.setup(f)
			cl := f.run()
			wml, unknown := findings(cl, checks.PayMinWage), findings(cl, checks.PayMinWageNone)
			switch {
			case tt.wml == "" && len(wml) != 0:
				t.Errorf("unexpected PAY-WML: %s", wml[0].Message.NL)
			case tt.wml != "" && (len(wml) != 1 || wml[0].Message.NL != tt.wml):
				t.Errorf("PAY-WML %+v\nwant %s", wml, tt.wml)
			}
			switch {
			case tt.unknown == "" && len(unknown) != 0:
				t.Errorf("unexpected PAY-WML-UNKNOWN: %s", unknown[0].Message.NL)
			case tt.unknown != "" && (len(unknown) != 1 || !strings.Contains(unknown[0].Message.NL, tt.unknown)):
				t.Errorf("PAY-WML-UNKNOWN %+v\nwant %s", unknown, tt.unknown)
			}
			for _, x := range append(wml, unknown...) {
				r, _ := checks.RuleByID(x.Rule)
				if x.Severity != r.Severity || x.Message.EN == "" || x.Hint != r.Hint {
					t.Errorf("finding shape %+v", x)
				}
			}
		})
	}
}

func only2026(t *testing.T) *params.Set {
	t.Helper()
	p, err := packs.Year(2026)
	if err != nil {
		t.Fatal(err)
	}
	s := params.NewSet()
	s.Add(p)
	return s
}
