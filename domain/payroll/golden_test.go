package payroll_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"verloner/domain"
	"verloner/domain/payroll"
)

var update = flag.Bool("update", false, "rewrite the golden JSON files in testdata/ (the .md explanations are written by hand)")

// scenario is a worked gross-to-net example. want holds the figures derived by
// hand in testdata/<name>.md (and re-derived with an independent
// implementation of the Rekenvoorschriften), not taken from this code's
// output; the JSON golden pins every other line and finding.
type scenario struct {
	name      string
	in        func() payroll.Input
	want      map[string]string // Payslip field → amount
	wantLines map[string]string // line code → amount
	findings  []string          // finding codes expected (skipped, minimum wage, notes)
}

// faseAWML is a full-time fase-A worker at the minimum wage of 1 July 2026.
func faseAWML() payroll.Input {
	w := worker(1, "1995-05-05")
	pl := placement(10, 1, "14.99")
	var ls []*domain.HourLine
	for d := 6; d <= 10; d++ {
		ls = append(ls, hl(10, date(2026, 7, d), domain.HourNormal, "8"))
	}
	return payroll.Input{Period: week(2026, 28), Worker: w, Placements: placements(pl), Lines: ls}
}

var scenarios = []scenario{
	{
		name: "fase_a_wml_2026w28",
		in:   faseAWML,
		want: map[string]string{"Gross": "599.60", "PensionBase": "230.00", "PensionEmployee": "17.25",
			"TableWage": "582.35", "WageTax": "45.02", "LabourCreditApplied": "103.58", "Net": "537.33",
			"Zvw": "35.52", "AWf": "45.07", "Aof": "36.51", "Wko": "2.91", "Whk": "38.61", "PensionEmployer": "36.57",
			"EmployerTotal": "195.19", "WageCost": "842.76", "WageCostPerHour": "21.07", "Res:vakantiebijslag": "47.97",
			"Hours:vakantie_uren": "3.40"},
		wantLines: map[string]string{"NORM": "599.60"},
	},
	{
		name: "overtime_ort_travel_2026w40",
		in: func() payroll.Input {
			w := worker(2, "1988-11-20")
			pl := placement(20, 2, "16.00")
			pl.TravelPerKm = dec("0.28")
			var ls []*domain.HourLine
			for d := 28; d <= 30; d++ {
				ls = append(ls, hl(20, date(2026, 9, d), domain.HourNormal, "8"))
			}
			ls = append(ls, hl(20, date(2026, 10, 1), domain.HourNormal, "8"),
				hl(20, date(2026, 10, 2), domain.HourShift, "8"),
				hl(20, date(2026, 9, 28), domain.HourOvertime125, "2"),
				hl(20, date(2026, 9, 29), domain.HourOvertime125, "1.5"),
				hl(20, date(2026, 10, 3), domain.HourOvertime150, "4"))
			for d := 28; d <= 30; d++ {
				ls = append(ls, hl(20, date(2026, 9, d), domain.HourKilometres, "42"))
			}
			ls = append(ls, hl(20, date(2026, 10, 1), domain.HourKilometres, "42"), hl(20, date(2026, 10, 2), domain.HourKilometres, "42"))
			return payroll.Input{Period: week(2026, 40), Worker: w, Placements: placements(pl), Lines: ls}
		},
		want: map[string]string{"Gross": "837.90", "Untaxed": "52.50", "PensionBase": "399.00", "PensionEmployee": "29.93",
			"TableWage": "807.97", "WageTax": "137.10", "LabourCreditApplied": "108.00", "Net": "723.37",
			"Zvw": "49.29", "AWf": "62.54", "Aof": "50.66", "Wko": "4.04", "Whk": "53.57", "PensionEmployer": "63.44",
			"EmployerTotal": "283.54", "WageCost": "1240.47", "WageCostPerHour": "26.12", "Res:vakantiebijslag": "66.53"},
		wantLines: map[string]string{"NORM": "512.00", "OW125": "70.00", "OW150": "96.00", "ORT": "153.60",
			"REIS_ONBELAST": "52.50", "REIS_BELAST": "6.30"},
	},
	{
		name: "et_worker_2026w30",
		in: func() payroll.Input {
			w := worker(3, "1990-02-14")
			w.Language, w.Nationality = domain.Polish, "PL"
			w.ETEligible = true
			w.ET = domain.ETProofs{HomeAbroad: date(2026, 1, 5), TravelCosts: date(2026, 1, 5), HousingSNF: date(2026, 1, 5), ResidenceCheck: date(2026, 1, 5)}
			w.DeductionAuthSigned = date(2026, 1, 5)
			pl := placement(30, 3, "18.00")
			var ls []*domain.HourLine
			for d := 20; d <= 24; d++ {
				ls = append(ls, hl(30, date(2026, 7, d), domain.HourNormal, "8"))
			}
			return payroll.Input{Period: week(2026, 30), Worker: w, Placements: placements(pl), Lines: ls,
				Extras: payroll.Extras{ETCosts: dec("250.00"),
					Advances: []*domain.Advance{{ID: 301, WorkerID: 3, Period: week(2026, 29), Amount: dec("50.00"), Reason: "dossier incompleet"},
						{ID: 300, WorkerID: 3, Period: week(2026, 20), Amount: dec("80.00"), RepaidIn: week(2026, 21)}}, // already repaid
					Deductions: []*domain.Deduction{{ID: 310, WorkerID: 3, Period: week(2026, 30), Kind: domain.DeductionHousing, Amount: dec("95.00"), Description: "SNF-woning Venlo"},
						{ID: 311, WorkerID: 3, Period: week(2026, 30), Kind: domain.DeductionOther, Amount: dec("32.50"), Description: "Zorgverzekering"}}}}
		},
		want: map[string]string{"GrossBeforeExchange": "720.00", "ETExchanged": "120.40", "Gross": "599.60",
			"PensionBase": "350.40", "PensionEmployee": "26.28", "TableWage": "573.32", "WageTax": "41.67",
			"Untaxed": "120.40", "Deductions": "177.50", "Net": "474.55",
			"Zvw": "34.97", "AWf": "44.37", "Aof": "35.95", "Wko": "2.87", "Whk": "38.01", "PensionEmployer": "55.71",
			"EmployerTotal": "211.88", "WageCost": "989.48", "WageCostPerHour": "24.74", "Res:vakantiebijslag": "57.60"},
		wantLines: map[string]string{"ET_UITRUIL": "-120.40", "ET_VERGOEDING": "120.40", "INH_huisvesting": "95.00",
			"INH_overig": "32.50", "VOORSCHOT": "50.00"},
		findings: []string{payroll.FindETCapped},
	},
	{
		name: "aow_worker_2026w45",
		in: func() payroll.Input {
			w := worker(4, "1958-03-10")
			pl := placement(40, 4, "22.00")
			var ls []*domain.HourLine
			for d := 2; d <= 6; d++ {
				ls = append(ls, hl(40, date(2026, 11, d), domain.HourNormal, "8"))
			}
			return payroll.Input{Period: week(2026, 45), Worker: w, Placements: placements(pl), Lines: ls}
		},
		want: map[string]string{"Gross": "880.00", "PensionEmployee": "0", "TableWage": "880.00", "WageTax": "68.58",
			"LabourCreditApplied": "54.54", "Net": "811.42", "Zvw": "53.68", "AWf": "0", "Aof": "0", "Wko": "0", "Whk": "0",
			"PensionEmployer": "0", "EmployerTotal": "53.68", "WageCost": "1004.08", "WageCostPerHour": "25.10",
			"Res:vakantiebijslag": "70.40"},
	},
	{
		name: "no_bsn_anonymous_2026w28",
		in: func() payroll.Input {
			in := faseAWML()
			in.Worker.BSN = ""
			return in
		},
		want: map[string]string{"Gross": "599.60", "PensionEmployee": "17.25", "TableWage": "582.35", "WageTax": "302.82",
			"LabourCreditApplied": "0", "Net": "279.53", "EmployerTotal": "195.19"},
		findings: []string{payroll.FindAnonymous},
	},
	{
		name: "holiday_pay_payout_2026w22",
		in: func() payroll.Input {
			w := worker(6, "1992-08-30")
			pl := placement(60, 6, "15.00")
			var ls []*domain.HourLine
			for d := 25; d <= 29; d++ {
				ls = append(ls, hl(60, date(2026, 5, d), domain.HourNormal, "8"))
			}
			return payroll.Input{Period: week(2026, 22), Worker: w, Placements: placements(pl), Lines: ls,
				Jaarloon: dec("38000"), Extras: payroll.Extras{Payouts: []payroll.ReservationPayout{{Scheme: "vakantiebijslag", Amount: dec("1200.00")}}}}
		},
		want: map[string]string{"Gross": "1800.00", "PensionBase": "1327.20", "PensionEmployee": "99.54",
			"TableWage": "500.46", "SpecialWage": "1200.00", "WageTaxTable": "16.67", "WageTaxSpecial": "482.40",
			"SpecialRate": "40.20", "WageTax": "499.07", "Net": "1201.39", "Zvw": "93.15", "AWf": "118.20", "Aof": "95.75",
			"Wko": "7.64", "Whk": "101.25", "PensionEmployer": "211.02", "EmployerTotal": "627.01", "WageCost": "1275.01",
			"WageCostPerHour": "31.88", "Res:vakantiebijslag": "48.00", "Drawn:vakantiebijslag": "1200.00"},
		wantLines: map[string]string{"UITB_vakantiebijslag": "1200.00", "LOONHEFFING_BB": "482.40"},
	},
	{
		name: "week_spanning_1_july_2026w27",
		in: func() payroll.Input {
			w := worker(7, "1996-01-15")
			pl := placement(70, 7, "14.80")
			ls := []*domain.HourLine{hl(70, date(2026, 6, 29), domain.HourNormal, "8"), hl(70, date(2026, 6, 30), domain.HourNormal, "8")}
			for d := 1; d <= 3; d++ {
				ls = append(ls, hl(70, date(2026, 7, d), domain.HourNormal, "8"))
			}
			return payroll.Input{Period: week(2026, 27), Worker: w, Placements: placements(pl), Lines: ls}
		},
		want: map[string]string{"Gross": "592.00", "PensionEmployee": "16.68", "TableWage": "575.32", "WageTax": "42.50",
			"Net": "532.82", "EmployerTotal": "192.07", "WageCost": "831.43", "WageCostPerHour": "20.79"},
		findings: []string{payroll.FindMinimumWage, payroll.FindMinimumWage, payroll.FindMinimumWage},
	},
	{
		name: "stipp_example_2026_01",
		in: func() payroll.Input {
			w := worker(8, "1985-04-01")
			pl := placement(80, 8, "29.18")
			var ls []*domain.HourLine
			for d := 5; len(ls) < 13; d++ {
				if wd := date(2026, 1, d).Weekday(); wd == 0 || wd == 6 {
					continue
				}
				ls = append(ls, hl(80, date(2026, 1, d), domain.HourNormal, "10"))
			}
			return payroll.Input{Period: domain.Period{Kind: domain.Monthly, Year: 2026, Number: 1}, Worker: w,
				Placements: placements(pl), Lines: ls, Extras: payroll.Extras{Allowances: []payroll.Allowance{
					{Code: "TOESLAG", Text: payroll.Text{NL: "Vaste toeslag", EN: "Fixed allowance", PL: "Stały dodatek"},
						Unit: payroll.UnitFixed, Rate: dec("1.10"), Taxable: true}}}}
		},
		want: map[string]string{"Gross": "3794.50", "PensionBase": "2593.30", "PensionEmployee": "194.50",
			"PensionEmployer": "412.33", "TableWage": "3600.00", "WageTax": "635.67", "LabourCreditApplied": "469.92",
			"Net": "2964.33", "Zvw": "219.60", "AWf": "278.64", "Aof": "225.72", "Wko": "18.00", "Whk": "238.68",
			"EmployerTotal": "1392.97", "WageCost": "5490.94", "WageCostPerHour": "42.24", "Res:vakantiebijslag": "303.47"},
	},
	{
		name: "sick_waiting_day_weekly_reservations_2025w20",
		in: func() payroll.Input {
			w := worker(9, "1980-06-01")
			w.Phase, w.Uitzendbeding, w.Reservations = domain.PhaseB, false, domain.ReservationsWeekly
			w.TaxCreditSignedOn = date(2025, 1, 6)
			pl := placement(90, 9, "15.00")
			pl.Phase = domain.PhaseB
			ls := []*domain.HourLine{hl(90, date(2025, 5, 12), domain.HourNormal, "8"), hl(90, date(2025, 5, 13), domain.HourNormal, "8"),
				hl(90, date(2025, 5, 14), domain.HourNormal, "8"), hl(90, date(2025, 5, 15), domain.HourSick, "8"),
				hl(90, date(2025, 5, 16), domain.HourSick, "8")}
			return payroll.Input{Period: week(2025, 20), Worker: w, Placements: placements(pl), Lines: ls, SectorWeeks: 60,
				Sick: payroll.SickPay{PayPercent: dec("90"), WaitingDays: 1, NewSpells: []time.Time{date(2025, 5, 15)}}}
		},
		want: map[string]string{"Gross": "576.97", "PaidHours": "32", "WorkedHours": "24", "PensionBase": "292.17",
			"PensionEmployee": "11.69", "PensionEmployer": "23.37", "TableWage": "565.28", "WageTax": "42.79",
			"Net": "522.49", "Zvw": "36.80", "AWf": "43.75", "Aof": "35.50", "Wko": "2.83", "Whk": "33.41",
			"EmployerTotal": "175.66", "WageCost": "752.63", "WageCostPerHour": "31.36"},
		wantLines: map[string]string{"NORM": "360.00", "ZIEK": "108.00", "WACHTDAG": "0.00",
			"WEEK_vakantiebijslag": "38.98", "WEEK_vakantie_uren": "52.42", "WEEK_feestdagen": "14.69", "WEEK_kort_verzuim": "2.88"},
		findings: []string{payroll.FindMinimumWageSick},
	},
}

// fields names the payslip amounts the scenarios check.
func fields(ps *payroll.Payslip) map[string]decimal.Decimal {
	ec := ps.EmployerCosts
	m := map[string]decimal.Decimal{
		"Gross": ps.Gross, "GrossBeforeExchange": ps.GrossBeforeExchange, "ETExchanged": ps.ETExchanged,
		"TaxableWage": ps.TaxableWage, "TableWage": ps.TableWage, "SpecialWage": ps.SpecialWage, "WageTax": ps.WageTax,
		"WageTaxTable": ps.WageTaxTable, "WageTaxSpecial": ps.WageTaxSpecial, "LabourCreditApplied": ps.LabourCreditApplied,
		"SpecialRate": ps.SpecialRate.Decimal, "PensionBase": ps.PensionBase, "PensionEmployee": ps.PensionEmployee,
		"Untaxed": ps.Untaxed, "Expenses": ps.Expenses, "Deductions": ps.Deductions, "AdvancesWithheld": ps.AdvancesWithheld, "Net": ps.Net,
		"Zvw": ec.Zvw, "AWf": ec.AWf, "Aof": ec.Aof, "Wko": ec.Wko, "Whk": ec.Whk, "PensionEmployer": ec.PensionEmployer,
		"EmployerTotal": ec.Total, "WageCost": ps.WageCost, "WageCostPerHour": ps.WageCostPerHour,
		"PaidHours": ps.PaidHours, "WorkedHours": ps.WorkedHours,
	}
	for k, v := range ps.ReservationsAccrued {
		m["Res:"+k] = v
	}
	for k, v := range ps.ReservationsDrawn {
		m["Drawn:"+k] = v
	}
	for k, v := range ps.LeaveHoursAccrued {
		m["Hours:"+k] = v
	}
	return m
}

func TestScenarios(t *testing.T) {
	for _, sc := range scenarios {
		t.Run(sc.name, func(t *testing.T) {
			ps, err := payroll.CalculateFor(set(t), sc.in())
			if err != nil {
				t.Fatal(err)
			}
			got := fields(ps)
			for k, w := range sc.want {
				v, ok := got[k]
				if !ok {
					v = decimal.Zero
				}
				if !v.Equal(dec(w)) {
					t.Errorf("%s = %s, want %s (hand-derived, see testdata/%s.md)", k, v.StringFixed(2), w, sc.name)
				}
			}
			for code, w := range sc.wantLines {
				l := findLine(ps, code)
				if l == nil {
					t.Errorf("line %s missing", code)
					continue
				}
				if !l.Amount.Equal(dec(w)) {
					t.Errorf("line %s = %s, want %s", code, l.Amount.StringFixed(2), w)
				}
			}
			var codes []string
			for _, fs := range [][]payroll.Finding{ps.Skipped, ps.MinimumWageFindings} {
				for _, f := range fs {
					codes = append(codes, f.Code)
				}
			}
			for _, f := range ps.Notes {
				if f.Code == payroll.FindAnonymous {
					codes = append(codes, f.Code)
				}
			}
			if strings.Join(codes, ",") != strings.Join(sc.findings, ",") {
				t.Errorf("findings %v, want %v", codes, sc.findings)
			}
			checkIdentities(t, ps)
			checkExplanation(t, sc)
			checkGolden(t, sc.name, ps)
		})
	}
}

func findLine(ps *payroll.Payslip, code string) *payroll.Line {
	for i := range ps.Lines {
		if ps.Lines[i].Code == code {
			return &ps.Lines[i]
		}
	}
	return nil
}

// checkExplanation requires the hand-written explanation beside the golden and
// that it states every figure the scenario checks (in Dutch notation), so the
// .md and the test cannot drift apart.
func checkExplanation(t *testing.T, sc scenario) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", sc.name+".md"))
	if err != nil {
		t.Errorf("explanation missing: %v", err)
		return
	}
	text := string(b)
	for k, w := range sc.want {
		d := dec(w)
		s := domain.FormatDecimalNL(d, 2)
		if !strings.Contains(text, s) && !(d.IsZero()) {
			t.Errorf("testdata/%s.md does not state %s = %s", sc.name, k, s)
		}
	}
	for code, w := range sc.wantLines {
		if s := domain.FormatDecimalNL(dec(w), 2); !strings.Contains(text, strings.TrimPrefix(s, "-")) {
			t.Errorf("testdata/%s.md does not state line %s = %s", sc.name, code, s)
		}
	}
}

// goldenLine and goldenSlip are the stable JSON form of a payslip.
type goldenLine struct {
	Code     string `json:"code"`
	Category string `json:"category"`
	Text     string `json:"text_nl"`
	Unit     string `json:"unit,omitempty"`
	Quantity string `json:"quantity,omitempty"`
	Rate     string `json:"rate,omitempty"`
	Percent  string `json:"percent,omitempty"`
	Amount   string `json:"amount"`
	Special  bool   `json:"special,omitempty"`
	PreTax   bool   `json:"pre_tax,omitempty"`
	RefID    int64  `json:"ref_id,omitempty"`
	Detail   string `json:"detail,omitempty"`
}

type goldenFinding struct {
	Kind     string `json:"kind"`
	Code     string `json:"code"`
	Severity string `json:"severity"`
	Date     string `json:"date,omitempty"`
	Amount   string `json:"amount,omitempty"`
	Message  string `json:"message"`
}

type goldenSlip struct {
	Period   string            `json:"period"`
	PayDate  string            `json:"pay_date"`
	Year     int               `json:"tax_year"`
	AOW      string            `json:"aow_group"`
	Credit   bool              `json:"loonheffingskorting"`
	Anon     bool              `json:"anoniementarief"`
	Lines    []goldenLine      `json:"lines"`
	Totals   map[string]string `json:"totals"`
	Findings []goldenFinding   `json:"findings,omitempty"`
}

func opt(d decimal.Decimal) string {
	if d.IsZero() {
		return ""
	}
	return d.String()
}

func view(ps *payroll.Payslip) goldenSlip {
	g := goldenSlip{Period: ps.Period.String(), PayDate: ps.PayDate.Format("2006-01-02"), Year: ps.Year, AOW: ps.AOW.String(),
		Credit: ps.TaxCreditApplied, Anon: ps.Anonymous, Totals: map[string]string{}}
	for _, l := range ps.Lines {
		g.Lines = append(g.Lines, goldenLine{Code: l.Code, Category: string(l.Category), Text: l.Text.NL, Unit: string(l.Unit),
			Quantity: opt(l.Quantity), Rate: opt(l.Rate), Percent: opt(l.Percent), Amount: l.Amount.StringFixed(2),
			Special: l.Special, PreTax: l.PreTax, RefID: l.RefID, Detail: l.Detail})
	}
	for k, v := range fields(ps) {
		g.Totals[k] = v.StringFixed(2)
	}
	for _, x := range []struct {
		kind string
		fs   []payroll.Finding
	}{{"skipped", ps.Skipped}, {"minimum_wage", ps.MinimumWageFindings}, {"note", ps.Notes}} {
		for _, f := range x.fs {
			gf := goldenFinding{Kind: x.kind, Code: f.Code, Severity: string(f.Severity), Amount: opt(f.Amount), Message: f.Message}
			if !f.Date.IsZero() {
				gf.Date = f.Date.Format("2006-01-02")
			}
			g.Findings = append(g.Findings, gf)
		}
	}
	return g
}

func checkGolden(t *testing.T, name string, ps *payroll.Payslip) {
	t.Helper()
	got, err := json.MarshalIndent(view(ps), "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	path := filepath.Join("testdata", name+".json")
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("golden missing (run go test ./domain/payroll/ -run TestScenarios -update): %v", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("payslip differs from %s (if the change is intended, run with -update and review the diff):\n%s", path, got)
	}
}

// checkIdentities enforces the bookkeeping identities on every payslip:
//
//	Net = Σ gross + Σ taxable allowance + Σ untaxed allowance − Σ deduction   (line level)
//	Gross = Σ gross + Σ taxable allowance lines
//	Net = Gross − PensionEmployee − WageTax − Deductions + Untaxed            (totals)
//	TaxableWage = TableWage + SpecialWage = Gross − PensionEmployee
//	WageTax = WageTaxTable + WageTaxSpecial ≥ 0; Net ≥ 0
//	EmployerCosts.Total = Zvw + AWf + Aof + Wko + Whk + PensionEmployer
func checkIdentities(t *testing.T, ps *payroll.Payslip) {
	t.Helper()
	var gross, untaxed, deductions decimal.Decimal
	for _, l := range ps.Lines {
		switch l.Category {
		case payroll.CatGross, payroll.CatTaxableAllowance:
			gross = gross.Add(l.Amount)
		case payroll.CatUntaxedAllowance:
			untaxed = untaxed.Add(l.Amount)
		case payroll.CatDeduction:
			deductions = deductions.Add(l.Amount)
			if l.Amount.IsNegative() {
				t.Errorf("deduction line %s is negative", l.Code)
			}
		}
		if l.Text.NL == "" || l.Text.EN == "" || l.Text.PL == "" {
			t.Errorf("line %s lacks a text in nl/en/pl: %+v", l.Code, l.Text)
		}
		if !l.Amount.Equal(l.Amount.Round(2)) {
			t.Errorf("line %s amount %s not in cents", l.Code, l.Amount)
		}
	}
	eq := func(name string, a, b decimal.Decimal) {
		if !a.Equal(b) {
			t.Errorf("identity %s: %s ≠ %s", name, a, b)
		}
	}
	eq("Net = Σ lines", ps.Net, gross.Add(untaxed).Sub(deductions))
	eq("Gross = Σ gross lines", ps.Gross, gross)
	eq("Untaxed = Σ untaxed lines", ps.Untaxed, untaxed)
	eq("Net = Gross − pension − tax − deductions + untaxed", ps.Net,
		ps.Gross.Sub(ps.PensionEmployee).Sub(ps.WageTax).Sub(ps.Deductions).Add(ps.Untaxed))
	eq("TaxableWage = Table + Special", ps.TaxableWage, ps.TableWage.Add(ps.SpecialWage))
	eq("TaxableWage = Gross − pension", ps.TaxableWage, ps.Gross.Sub(ps.PensionEmployee))
	eq("WageTax = table + special", ps.WageTax, ps.WageTaxTable.Add(ps.WageTaxSpecial))
	eq("Gross = before exchange − exchanged", ps.Gross, ps.GrossBeforeExchange.Sub(ps.ETExchanged))
	ec := ps.EmployerCosts
	eq("employer total", ec.Total, ec.Zvw.Add(ec.AWf).Add(ec.Aof).Add(ec.Wko).Add(ec.Whk).Add(ec.PensionEmployer))
	if ps.WageTax.IsNegative() || ps.Net.IsNegative() {
		t.Errorf("negative wage tax %s or net %s", ps.WageTax, ps.Net)
	}
}
