package payroll_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"verloner/domain"
	"verloner/domain/params"
	"verloner/domain/payroll"
)

// fullWeek is 40 NORM hours Monday–Friday in ISO week n of 2026 at wage.
func fullWeek(workerID int64, birth, wage string, n int) payroll.Input {
	w := worker(workerID, birth)
	pl := placement(workerID*10, workerID, wage)
	p := week(2026, n)
	var ls []*domain.HourLine
	for i := 0; i < 5; i++ {
		ls = append(ls, hl(pl.ID, p.Start().AddDate(0, 0, i), domain.HourNormal, "8"))
	}
	return payroll.Input{Period: p, Worker: w, Placements: placements(pl), Lines: ls}
}

func calc(t *testing.T, in payroll.Input) *payroll.Payslip {
	t.Helper()
	ps, err := payroll.CalculateFor(set(t), in)
	if err != nil {
		t.Fatal(err)
	}
	checkIdentities(t, ps)
	return ps
}

func hasFinding(fs []payroll.Finding, code string) *payroll.Finding {
	for i := range fs {
		if fs[i].Code == code {
			return &fs[i]
		}
	}
	return nil
}

func TestPayDateYearMustMatchPack(t *testing.T) {
	in := fullWeek(1, "1990-01-01", "16.00", 30)
	_, err := payroll.Calculate(pack(t, 2025), in)
	if err == nil || domain.ErrorCode(err) != domain.EINVALID || !strings.Contains(err.Error(), "2026") {
		t.Fatalf("2025 pack for a 2026 pay date: %v", err)
	}
	// A pay date in a year without a pack is refused with the Set's Dutch error.
	in.PayDate = date(2024, 12, 31)
	_, err = payroll.CalculateFor(set(t), in)
	if err == nil || domain.ErrorCode(err) != domain.ENOTFOUND || !strings.Contains(err.Error(), "geen loonheffingsparameters voor 2024") {
		t.Fatalf("pay date 2024: %v", err)
	}
}

// The genietingsmoment decides the year: week 1 of 2026 starts on 29-12-2025
// and is paid in 2026; the hours of 2025 are checked against the 2025
// minimum wage through OtherYears.
func TestWeekAcrossNewYear(t *testing.T) {
	w := worker(2, "1990-01-01")
	pl := placement(20, 2, "14.50") // ≥ 14,40 (2-half 2025) but < 14,71 (2026)
	in := payroll.Input{Period: week(2026, 1), Worker: w, Placements: placements(pl), Lines: []*domain.HourLine{
		hl(20, date(2025, 12, 30), domain.HourNormal, "8"), hl(20, date(2026, 1, 2), domain.HourNormal, "8")}}
	ps := calc(t, in)
	if ps.Year != 2026 || len(ps.MinimumWageFindings) != 1 || !ps.MinimumWageFindings[0].Date.Equal(date(2026, 1, 2)) {
		t.Fatalf("year %d findings %+v", ps.Year, ps.MinimumWageFindings)
	}
	// Without the other year's pack the 2025 date is reported as not checked.
	ps, err := payroll.Calculate(pack(t, 2026), in)
	if err != nil {
		t.Fatal(err)
	}
	if hasFinding(ps.MinimumWageFindings, payroll.FindMinimumWageUnchecked) == nil {
		t.Fatalf("2025 date not reported as unchecked: %+v", ps.MinimumWageFindings)
	}
}

func TestDeductionsNeedAuthorisation(t *testing.T) {
	in := fullWeek(3, "1990-01-01", "16.00", 30)
	in.Extras.Deductions = []*domain.Deduction{{ID: 1, Kind: domain.DeductionFine, Amount: dec("25"), ProofRef: "boeteregeling inlener, 3-7"},
		{ID: 2, Kind: domain.DeductionHousing, Amount: dec("80")}}
	ps := calc(t, in)
	if len(ps.Skipped) != 2 || ps.Skipped[0].Code != payroll.FindDeductionNoAuth || !ps.Deductions.IsZero() {
		t.Fatalf("skipped %+v deductions %s", ps.Skipped, ps.Deductions)
	}
	// Signed after the pay date does not count either.
	in.Worker.DeductionAuthSigned = date(2026, 12, 1)
	if ps := calc(t, in); len(ps.Skipped) != 2 {
		t.Fatalf("authorisation signed after the pay date accepted: %+v", ps.Skipped)
	}
	in.Worker.DeductionAuthSigned = date(2026, 1, 1)
	ps = calc(t, in)
	if len(ps.Skipped) != 0 || !ps.Deductions.Equal(dec("105")) {
		t.Fatalf("authorised: skipped %+v deductions %s", ps.Skipped, ps.Deductions)
	}
	if l := findLine(ps, "INH_boete"); l == nil || l.RefID != 1 || l.Detail != "" {
		t.Fatalf("fine line %+v", l)
	}
	// A penalty (boete, bekeuring, schade) also needs its proof on file.
	in.Extras.Deductions[0].ProofRef = ""
	ps = calc(t, in)
	if f := hasFinding(ps.Skipped, payroll.FindDeductionNoProof); f == nil || f.RefID != 1 || !ps.Deductions.Equal(dec("80")) {
		t.Fatalf("penalty without proof: %+v deductions %s", ps.Skipped, ps.Deductions)
	}
}

func TestHousingCapAndNetFloor(t *testing.T) {
	in := fullWeek(4, "1990-01-01", "14.99", 30)
	in.Worker.DeductionAuthSigned = date(2026, 1, 1)
	// Housing at most 25 % of the minimum wage over the paid hours (§6):
	// 25 % × 40 × 14,99 = 149,90.
	in.Extras.Deductions = []*domain.Deduction{{Kind: domain.DeductionHousing, Amount: dec("200")}}
	ps := calc(t, in)
	f := hasFinding(ps.Skipped, payroll.FindDeductionCapped)
	if f == nil || !f.Amount.Equal(dec("50.10")) || !ps.Deductions.Equal(dec("149.90")) {
		t.Fatalf("housing cap: %+v, deductions %s", ps.Skipped, ps.Deductions)
	}
	// Deductions and advances never take the net below zero.
	in.Extras.Deductions = []*domain.Deduction{{Kind: domain.DeductionOther, Amount: dec("500")}}
	in.Extras.Advances = []*domain.Advance{{ID: 9, Amount: dec("100")}}
	ps = calc(t, in)
	if !ps.Net.IsZero() || len(ps.Skipped) != 1 || ps.Skipped[0].Code != payroll.FindNetInsufficient {
		t.Fatalf("net floor: net %s skipped %+v", ps.Net, ps.Skipped)
	}
}

func TestETNeedsEligibilityAndProofs(t *testing.T) {
	in := fullWeek(5, "1990-01-01", "20.00", 30)
	in.Extras.ETCosts = dec("100")
	ps := calc(t, in)
	if hasFinding(ps.Skipped, payroll.FindETNotEligible) == nil || !ps.ETExchanged.IsZero() {
		t.Fatalf("not eligible: %+v", ps.Skipped)
	}
	in.Worker.ETEligible = true
	in.Worker.ET = domain.ETProofs{HomeAbroad: date(2026, 1, 1), TravelCosts: date(2026, 1, 1)} // no SNF housing proof
	ps = calc(t, in)
	if f := hasFinding(ps.Skipped, payroll.FindETNotEligible); f == nil || !strings.Contains(f.Message, "niet compleet") {
		t.Fatalf("proofs incomplete: %+v", ps.Skipped)
	}
	in.Worker.ET.HousingSNF = date(2026, 1, 1)
	ps = calc(t, in)
	if !ps.ETExchanged.Equal(dec("100")) || len(ps.Skipped) != 0 {
		t.Fatalf("eligible: exchanged %s skipped %+v", ps.ETExchanged, ps.Skipped)
	}
	// The exchange lowers the wage for tax and premiums but not the pension base.
	base := calc(t, fullWeek(5, "1990-01-01", "20.00", 30))
	if !ps.PensionBase.Equal(base.PensionBase) || !ps.TaxableWage.Equal(base.TaxableWage.Sub(dec("100"))) {
		t.Fatalf("pension base %s vs %s, taxable %s vs %s", ps.PensionBase, base.PensionBase, ps.TaxableWage, base.TaxableWage)
	}
	// Asking more: the minimum-wage floor (20,00 − 14,99) × 40 = 200,40 binds
	// before the 30 % cap (30 % × 800 = 240).
	in.Extras.ETCosts = dec("1000")
	ps = calc(t, in)
	if !ps.ETExchanged.Equal(dec("200.40")) {
		t.Fatalf("floor: exchanged %s", ps.ETExchanged)
	}
	// With a high wage the 30 % cap binds: 40 × 40 = 1.600, 30 % = 480.
	in.Placements[50].HourlyWage = dec("40.00")
	ps = calc(t, in)
	if f := hasFinding(ps.Skipped, payroll.FindETCapped); !ps.ETExchanged.Equal(dec("480.00")) || f == nil || !strings.Contains(f.Message, "30 %") {
		t.Fatalf("30 %% cap: exchanged %s, %+v", ps.ETExchanged, ps.Skipped)
	}
}

func TestTaxCreditNeedsSignedStatement(t *testing.T) {
	in := fullWeek(6, "1990-01-01", "16.00", 30)
	in.Worker.TaxCreditSignedOn = time.Time{}
	ps := calc(t, in)
	if ps.TaxCreditApplied || hasFinding(ps.Notes, payroll.FindTaxCreditNoForm) == nil {
		t.Fatalf("credit applied without a statement")
	}
	if !ps.WageTax.Equal(dec("221.25")) { // zonder lhk on 640,00 − 20,28 = 619,72 (RV: L = 32.184, X1 = 11.505, / 52)
		t.Errorf("tax without credit %s", ps.WageTax)
	}
}

func TestAnonymousForced(t *testing.T) {
	in := fullWeek(7, "1990-01-01", "16.00", 30)
	in.AnonymousForced = true
	ps := calc(t, in)
	if !ps.Anonymous || !ps.WageTax.Equal(ps.TableWage.Mul(dec("0.52")).Round(2)) {
		t.Fatalf("forced anonymous: %v %s", ps.Anonymous, ps.WageTax)
	}
}

// AWf laag only for fase C without uitzendbeding; Whk ZW-flex only for
// flexible contracts (§4).
func TestAWfAndWhkByContract(t *testing.T) {
	in := fullWeek(8, "1990-01-01", "16.00", 30)
	hi := calc(t, in).EmployerCosts
	in.Worker.Phase, in.Worker.Uitzendbeding = domain.PhaseC, false
	lo := calc(t, in).EmployerCosts
	base := hi.PremiumWage // 619,72
	if !hi.AWfHigh || lo.AWfHigh || !lo.AWf.Equal(base.Mul(dec("0.0274")).Round(2)) || !hi.AWf.Equal(base.Mul(dec("0.0774")).Round(2)) {
		t.Fatalf("AWf hoog %s laag %s", hi.AWf, lo.AWf)
	}
	if !lo.Whk.Equal(base.Mul(dec("0.0292")).Round(2)) || !hi.Whk.Equal(base.Mul(dec("0.0663")).Round(2)) {
		t.Fatalf("Whk flex %s fixed %s", hi.Whk, lo.Whk)
	}
	// Fase C with an uitzendbeding is still hoog.
	in.Worker.Uitzendbeding = true
	if !calc(t, in).EmployerCosts.AWfHigh {
		t.Fatal("fase C with uitzendbeding must be AWf hoog")
	}
	// Input.Phase overrides the worker's phase.
	in.Worker.Uitzendbeding, in.Phase = false, domain.PhaseB
	if !calc(t, in).EmployerCosts.AWfHigh {
		t.Fatal("Input.Phase B must be AWf hoog")
	}
}

// Young workers (< 21) with at most 12 paid hours a week, and bbl students,
// pay AWf laag (Wfsv art. 27 lid 3, §4).
func TestAWfExceptions(t *testing.T) {
	w := worker(9, "2007-03-01") // 19
	pl := placement(90, 9, "12.00")
	in := payroll.Input{Period: week(2026, 30), Worker: w, Placements: placements(pl),
		Lines: []*domain.HourLine{hl(90, date(2026, 7, 20), domain.HourNormal, "6"), hl(90, date(2026, 7, 22), domain.HourNormal, "6")}}
	if calc(t, in).EmployerCosts.AWfHigh {
		t.Fatal("19 years, 12 hours: AWf must be laag")
	}
	in.Lines = append(in.Lines, hl(90, date(2026, 7, 23), domain.HourNormal, "0.5"))
	if !calc(t, in).EmployerCosts.AWfHigh {
		t.Fatal("19 years, 12,5 hours: AWf must be hoog")
	}
	in.BBL = true
	if calc(t, in).EmployerCosts.AWfHigh {
		t.Fatal("bbl: AWf must be laag")
	}
}

func TestMediumEmployerNeedsWhkRate(t *testing.T) {
	in := fullWeek(10, "1990-01-01", "16.00", 30)
	in.EmployerSize = payroll.MediumEmployer
	if _, err := payroll.CalculateFor(set(t), in); err == nil || !strings.Contains(err.Error(), "Whk") {
		t.Fatalf("missing Whk rate: %v", err)
	}
	in.WhkRate = params.Pct("1.20")
	ec := calc(t, in).EmployerCosts
	if !ec.Aof.Equal(ec.PremiumWage.Mul(dec("0.0763")).Round(2)) || !ec.Whk.Equal(ec.PremiumWage.Mul(dec("0.012")).Round(2)) {
		t.Fatalf("medium employer: Aof %s Whk %s", ec.Aof, ec.Whk)
	}
}

// The AOW columns apply from the first day of the month in which AOW age is
// reached (§1), decided on the pay date; employee insurances end on the
// birthday itself.
func TestAOWGroupFromFirstOfMonth(t *testing.T) {
	in := fullWeek(11, "1959-07-20", "20.00", 28) // 67 on 20-7-2026; week 28 = 6–12 July, paid 16 July: before the birthday, in its month
	ps := calc(t, in)
	if ps.AOW != params.AOWBorn1946OrLater {
		t.Fatalf("paid in July 2026, AOW month: group %v", ps.AOW)
	}
	if ps.EmployerCosts.AWf.IsZero() || !ps.PensionEmployee.IsZero() {
		// Insured until the birthday (the period starts before it); StiPP
		// ends on 1 July.
		t.Fatalf("AWf %s pension %s", ps.EmployerCosts.AWf, ps.PensionEmployee)
	}
	in = fullWeek(11, "1959-07-20", "20.00", 26) // 22–28 June, paid (exceptionally) on 30 June
	in.PayDate = date(2026, 6, 30)
	if ps := calc(t, in); ps.AOW != params.AOWNone || ps.PensionEmployee.IsZero() {
		t.Fatalf("paid in June: group %v pension %s", ps.AOW, ps.PensionEmployee)
	}
	in = fullWeek(11, "1959-07-20", "20.00", 31) // 27 July – 2 Aug: past the birthday
	if ec := calc(t, in).EmployerCosts; !ec.AWf.IsZero() || !ec.Whk.IsZero() || ec.Zvw.IsZero() {
		t.Fatalf("after AOW birthday: %+v", ec)
	}
	in = fullWeek(11, "1959-07-22", "20.00", 30) // birthday Wednesday 22 July, inside the week
	if ps := calc(t, in); hasFinding(ps.Notes, payroll.FindAOWInPeriod) == nil {
		t.Fatal("birthday inside the period not noted")
	}
}

// StiPP from the first day of the month in which the worker turns 18 (§7.5).
func TestStiPPFromMonthOf18(t *testing.T) {
	in := fullWeek(12, "2008-07-25", "16.00", 28) // 6–12 July 2026; turns 18 on 25 July
	if ps := calc(t, in); ps.PensionEmployee.IsZero() {
		t.Fatal("July of the 18th birthday: StiPP applies from 1 July")
	}
	in = fullWeek(12, "2008-07-25", "16.00", 26) // 22–28 June
	if ps := calc(t, in); !ps.PensionEmployee.IsZero() {
		t.Fatal("June before the 18th birthday month: no StiPP")
	}
}

// 2025: StiPP Basis (employer 8 %, no employee part) until 52 weeks, Plus after.
func TestStiPP2025Schemes(t *testing.T) {
	w := worker(13, "1990-01-01")
	w.TaxCreditSignedOn = date(2025, 1, 1)
	pl := placement(130, 13, "16.00")
	in := payroll.Input{Period: week(2025, 30), Worker: w, Placements: placements(pl),
		Lines: []*domain.HourLine{hl(130, date(2025, 7, 21), domain.HourNormal, "40")}}
	basis := calc(t, in)
	in.SectorWeeks = 52
	plus := calc(t, in)
	// base = 640 − 40 × 8,90 = 284,00
	if !basis.PensionEmployee.IsZero() || !basis.EmployerCosts.PensionEmployer.Equal(dec("22.72")) ||
		!plus.PensionEmployee.Equal(dec("11.36")) || !plus.EmployerCosts.PensionEmployer.Equal(dec("22.72")) {
		t.Fatalf("basis %s/%s plus %s/%s", basis.PensionEmployee, basis.EmployerCosts.PensionEmployer, plus.PensionEmployee, plus.EmployerCosts.PensionEmployer)
	}
}

// 2025 money reservations: holiday hours taken are paid from the reserve
// (reserved mode) or were already paid weekly (weekly mode: 0).
func TestLeaveFromReserves2025(t *testing.T) {
	w := worker(14, "1990-01-01")
	w.TaxCreditSignedOn = date(2025, 1, 1)
	pl := placement(140, 14, "15.00")
	in := payroll.Input{Period: week(2025, 30), Worker: w, Placements: placements(pl), Lines: []*domain.HourLine{
		hl(140, date(2025, 7, 21), domain.HourNormal, "32"), hl(140, date(2025, 7, 25), domain.HourVacation, "8")}}
	ps := calc(t, in)
	vak := findLine(ps, "VAK")
	if vak == nil || !vak.Amount.Equal(dec("120.00")) || !ps.ReservationsDrawn["vakantie_uren"].Equal(dec("120.00")) {
		t.Fatalf("reserved: VAK %+v drawn %v", vak, ps.ReservationsDrawn)
	}
	// Vakantiedagen accrue only on the 32 worked hours; vakantiebijslag on all.
	if !ps.ReservationsAccrued["vakantie_uren"].Equal(dec("52.42")) || !ps.ReservationsAccrued["vakantiebijslag"].Equal(dec("49.98")) {
		t.Fatalf("accrued %v", ps.ReservationsAccrued)
	}
	in.Worker.Reservations = domain.ReservationsWeekly
	ps = calc(t, in)
	if vak := findLine(ps, "VAK"); vak == nil || !vak.Amount.IsZero() || findLine(ps, "WEEK_vakantie_uren") == nil {
		t.Fatalf("weekly: VAK %+v", vak)
	}
}

// 2026: only vakantiebijslag is reserved in money; the rate can be raised per
// worker (gelijkwaardige beloning, or 8,33 % under CAO art. 36a).
func TestReservationOverride(t *testing.T) {
	in := fullWeek(15, "1990-01-01", "15.00", 20)
	in.ReservationRates = map[string]params.Percent{"vakantiebijslag": params.Pct("8.33")}
	ps := calc(t, in)
	if !ps.ReservationsAccrued["vakantiebijslag"].Equal(dec("49.98")) || len(ps.ReservationsAccrued) != 1 {
		t.Fatalf("accrued %v", ps.ReservationsAccrued)
	}
}

// A 2025 payout needs the tabel bijzondere beloningen, which the 2025 pack
// lacks: refused, never guessed.
func TestPayout2025Refused(t *testing.T) {
	w := worker(16, "1990-01-01")
	in := payroll.Input{Period: week(2025, 22), Worker: w, Placements: placements(placement(160, 16, "15.00")),
		Jaarloon: dec("30000"), Extras: payroll.Extras{Payouts: []payroll.ReservationPayout{{Scheme: "vakantiebijslag", Amount: dec("900")}}}}
	_, err := payroll.CalculateFor(set(t), in)
	var de *domain.Error
	if err == nil || !errors.As(err, &de) || !strings.Contains(err.Error(), "bijzondere beloningen 2025") {
		t.Fatalf("2025 payout: %v", err)
	}
}

func TestJaarloonEstimated(t *testing.T) {
	in := fullWeek(17, "1990-01-01", "15.00", 22)
	in.YearToDate = payroll.YearToDate{Periods: 19, TableWage: dec("11000")}
	in.Extras.Payouts = []payroll.ReservationPayout{{Scheme: "vakantiebijslag", Amount: dec("500")}}
	ps := calc(t, in)
	// (11.000 + this week's table wage) / 20 × 52, rounded down.
	want := dec("11000").Add(ps.TableWage).Mul(dec("52")).Div(dec("20")).Floor()
	if !ps.JaarloonUsed.Equal(want) || hasFinding(ps.Notes, payroll.FindJaarloonEstimate) == nil {
		t.Fatalf("jaarloon %s, want %s", ps.JaarloonUsed, want)
	}
	if ps.YearToDate.Periods != 20 || !ps.YearToDate.TableWage.Equal(dec("11000").Add(ps.TableWage)) || !ps.YearToDate.SpecialWage.Equal(ps.SpecialWage) {
		t.Fatalf("year to date %+v", ps.YearToDate)
	}
}

func TestInputErrors(t *testing.T) {
	bad := []struct {
		name string
		mod  func(*payroll.Input)
		want string
	}{
		{"no worker", func(in *payroll.Input) { in.Worker = nil }, "geen uitzendkracht"},
		{"unknown placement", func(in *payroll.Input) { in.Lines[0].PlacementID = 999 }, "onbekende plaatsing"},
		{"other worker's placement", func(in *payroll.Input) {
			for _, p := range in.Placements {
				p.WorkerID = 77
			}
		}, "niet van uitzendkracht"},
		{"outside the period", func(in *payroll.Input) { in.Lines[0].Date = date(2026, 8, 1) }, "buiten het tijdvak"},
		{"negative hours", func(in *payroll.Input) { in.Lines[0].Quantity = dec("-1") }, "negatief"},
		{"three waiting days", func(in *payroll.Input) { in.Sick.WaitingDays = 3 }, "hoogstens 2"},
		{"quarterly period", func(in *payroll.Input) { in.Period = domain.Period{Kind: domain.Quarterly, Year: 2026, Number: 3} }, "niet ondersteund"},
		{"unknown payout scheme", func(in *payroll.Input) {
			in.Extras.Payouts = []payroll.ReservationPayout{{Scheme: "bonus", Amount: dec("1")}}
		}, "onbekende reservering"},
		{"negative deduction", func(in *payroll.Input) {
			in.Extras.Deductions = []*domain.Deduction{{Kind: domain.DeductionFine, Amount: dec("-5")}}
		}, "positief"},
		{"unknown allowance unit", func(in *payroll.Input) {
			in.Extras.Allowances = []payroll.Allowance{{Code: "X", Unit: "week", Rate: dec("1")}}
		}, "eenheid"},
	}
	for _, b := range bad {
		in := fullWeek(18, "1990-01-01", "16.00", 30)
		b.mod(&in)
		_, err := payroll.CalculateFor(set(t), in)
		if err == nil || !strings.Contains(err.Error(), b.want) {
			t.Errorf("%s: %v, want an error containing %q", b.name, err, b.want)
		}
	}
}

func TestVoidLinesIgnored(t *testing.T) {
	in := fullWeek(19, "1990-01-01", "16.00", 30)
	in.Lines[0].Status = domain.HoursVoid
	if ps := calc(t, in); !ps.PaidHours.Equal(dec("32")) {
		t.Fatalf("paid hours %s", ps.PaidHours)
	}
}

// Allowances: per hour defaults to the hours worked, per day to the days
// worked; an untaxed per-km allowance is split at the exempt rate; untaxed
// allowances and expenses are paid net.
func TestAllowances(t *testing.T) {
	in := fullWeek(20, "1990-01-01", "16.00", 30)
	in.Lines = append(in.Lines, hl(200, date(2026, 7, 20), domain.HourExpenses, "12.50"))
	in.Extras.Allowances = []payroll.Allowance{
		{Code: "VUIL", Text: payroll.Text{NL: "Vuilwerktoeslag", EN: "Dirty work", PL: "Dodatek za brudną pracę"}, Unit: payroll.UnitHour, Rate: dec("0.50"), Taxable: true, ReservationBase: true},
		{Code: "THUIS", Text: payroll.Text{NL: "Thuiswerk", EN: "Home work", PL: "Praca zdalna"}, Unit: payroll.UnitDay, Rate: dec("2.45")},
		{Code: "KMV", Text: payroll.Text{NL: "Km-vergoeding", EN: "Mileage", PL: "Kilometrówka"}, Unit: payroll.UnitKm, Quantity: dec("100"), Rate: dec("0.30")},
		{Code: "STUK", Text: payroll.Text{NL: "Stukloon", EN: "Piece rate", PL: "Akord"}, Unit: payroll.UnitPiece, Quantity: dec("37"), Rate: dec("0.75"), Taxable: true},
	}
	in.Extras.Expenses = []payroll.Expense{{Code: "PARK", Text: payroll.Text{NL: "Parkeren", EN: "Parking", PL: "Parking"}, Amount: dec("7.80")}}
	ps := calc(t, in)
	for code, want := range map[string]string{"VUIL": "20.00", "THUIS": "12.25", "KMV": "25.00", "KMV_BELAST": "5.00", "STUK": "27.75", "DECL": "12.50", "PARK": "7.80"} {
		if l := findLine(ps, code); l == nil || !l.Amount.Equal(dec(want)) {
			t.Errorf("%s: %+v, want %s", code, l, want)
		}
	}
	if !ps.Expenses.Equal(dec("20.30")) || !ps.Untaxed.Equal(dec("57.55")) {
		t.Errorf("expenses %s untaxed %s", ps.Expenses, ps.Untaxed)
	}
	// vakantiebijslag over 640 + 20 (flagged), not over the piece rate.
	if !ps.ReservationsAccrued["vakantiebijslag"].Equal(dec("52.80")) {
		t.Errorf("vakantiebijslag %s", ps.ReservationsAccrued["vakantiebijslag"])
	}
	// Expense refunds are not wage cost (re-billed).
	ec := ps.EmployerCosts.Total
	want := ps.Gross.Add(ps.Untaxed).Sub(ps.Expenses).Add(ps.ReservationsAccrued["vakantiebijslag"]).Add(ec)
	if !ps.WageCost.Equal(want) {
		t.Errorf("wage cost %s, want %s", ps.WageCost, want)
	}
}

// Sick pay: the waiting day only for a new spell; the configured % or the
// placement's ZIEK rate.
func TestSickPay(t *testing.T) {
	w := worker(21, "1990-01-01")
	pl := placement(210, 21, "16.00")
	pl.Rates = []domain.HourTypeRate{{Type: domain.HourSick, PayPercent: dec("70"), BillPercent: dec("0")}}
	lines := []*domain.HourLine{hl(210, date(2026, 7, 20), domain.HourSick, "8"), hl(210, date(2026, 7, 21), domain.HourSick, "8")}
	in := payroll.Input{Period: week(2026, 30), Worker: w, Placements: placements(pl), Lines: lines,
		Sick: payroll.SickPay{WaitingDays: 1, NewSpells: []time.Time{date(2026, 7, 20)}}}
	ps := calc(t, in)
	if l := findLine(ps, "ZIEK"); l == nil || !l.Amount.Equal(dec("89.60")) || !l.Percent.Equal(dec("70")) { // 8 × 11,20
		t.Fatalf("ZIEK %+v", l)
	}
	if l := findLine(ps, payroll.CodeWaitingDay); l == nil || !l.Quantity.Equal(dec("8")) {
		t.Fatalf("waiting day %+v", l)
	}
	// 70 % of 16,00 = 11,20 < 14,99: sick-pay minimum-wage warning per day paid.
	if len(ps.MinimumWageFindings) != 1 || ps.MinimumWageFindings[0].Code != payroll.FindMinimumWageSick {
		t.Fatalf("findings %+v", ps.MinimumWageFindings)
	}
	// A continuing spell: no waiting day; Sick.PayPercent overrides the placement.
	in.Sick = payroll.SickPay{PayPercent: dec("100"), WaitingDays: 1}
	ps = calc(t, in)
	if l := findLine(ps, "ZIEK"); l == nil || !l.Amount.Equal(dec("256.00")) || findLine(ps, payroll.CodeWaitingDay) != nil {
		t.Fatalf("continuing spell: %+v", ps.Lines)
	}
}

// Youth minimum wage by age on the date worked: a birthday inside the week.
func TestMinimumWageYouthBirthday(t *testing.T) {
	w := worker(22, "2005-07-22") // 20 until Tuesday 21 July 2026, 21 from Wednesday 22 July
	pl := placement(220, 22, "12.50")
	lines := []*domain.HourLine{hl(220, date(2026, 7, 21), domain.HourNormal, "8"), hl(220, date(2026, 7, 22), domain.HourNormal, "8")}
	fs, err := payroll.CheckMinimumWage(pack(t, 2026), w, placements(pl), lines, nil)
	if err != nil {
		t.Fatal(err)
	}
	// 20 years: 11,99 ≤ 12,50; 21 years: 14,99 > 12,50.
	if len(fs) != 1 || !fs[0].Date.Equal(date(2026, 7, 22)) || !fs[0].Required.Equal(dec("14.99")) || !fs[0].Amount.Equal(dec("19.92")) {
		t.Fatalf("findings %+v", fs)
	}
}

// Texts exist in the three languages and In picks the worker's language.
func TestTextLanguages(t *testing.T) {
	ps := calc(t, fullWeek(23, "1990-01-01", "16.00", 30))
	l := findLine(ps, "NORM")
	if l.Text.In(domain.Polish) != "Przepracowane godziny" || l.Text.In(domain.English) != "Hours worked" || l.Text.In("xx") != "Gewerkte uren" {
		t.Fatalf("texts %+v", l.Text)
	}
}

// The AOW-age accessor added for the engine.
func TestAOWAgeAccessor(t *testing.T) {
	p := pack(t, 2026)
	a, err := p.AOWAge()
	if err != nil || a.Years != 67 || a.Months != 0 {
		t.Fatalf("AOW age %+v %v", a, err)
	}
	for _, c := range []struct {
		birth, on string
		want      params.AOW
	}{
		{"1959-07-20", "2026-06-30", params.AOWNone},
		{"1959-07-20", "2026-07-01", params.AOWBorn1946OrLater},
		{"1945-12-31", "2026-01-01", params.AOWBorn1945OrEarlier},
		{"1990-01-01", "2026-01-01", params.AOWNone},
	} {
		if g, err := p.AOWGroup(day(c.birth), day(c.on)); err != nil || g != c.want {
			t.Errorf("AOWGroup(%s, %s) = %v %v, want %v", c.birth, c.on, g, err, c.want)
		}
	}
}

// A line is quantity × rate rounded half up once: 1,5 h × (14,99 × 125 %) =
// 28,10625 → 28,11; two such days make one line of 3 h = 56,2125 → 56,21, not
// 2 × 28,11.
func TestLineRoundingOncePerLine(t *testing.T) {
	w := worker(24, "1990-01-01")
	pl := placement(240, 24, "14.99")
	in := payroll.Input{Period: week(2026, 30), Worker: w, Placements: placements(pl),
		Lines: []*domain.HourLine{hl(240, date(2026, 7, 20), domain.HourOvertime125, "1.5")}}
	if l := findLine(calc(t, in), "OW125"); !l.Amount.Equal(dec("28.11")) || !l.Rate.Equal(dec("18.7375")) {
		t.Fatalf("one day: %+v", l)
	}
	in.Lines = append(in.Lines, hl(240, date(2026, 7, 21), domain.HourOvertime125, "1.5"))
	if l := findLine(calc(t, in), "OW125"); !l.Amount.Equal(dec("56.21")) || !l.Quantity.Equal(dec("3")) {
		t.Fatalf("two days: %+v", l)
	}
}

// Waiting days from sick reports: a report starting in the period opens a new
// spell, unless it starts within four weeks after recovering from an earlier
// one (BW 7:629 lid 10).
func TestWaitingDaysFromSickReports(t *testing.T) {
	w := worker(25, "1990-01-01")
	pl := placement(250, 25, "16.00")
	in := payroll.Input{Period: week(2026, 30), Worker: w, Placements: placements(pl), Lines: []*domain.HourLine{
		hl(250, date(2026, 7, 22), domain.HourSick, "8"), hl(250, date(2026, 7, 23), domain.HourSick, "8")},
		Sick: payroll.SickPay{PayPercent: dec("90"), WaitingDays: 1, Reports: []*domain.SickReport{
			{ID: 1, WorkerID: 25, FirstDay: date(2026, 7, 22), ReportedAt: date(2026, 7, 22)}}}}
	ps := calc(t, in)
	if l := findLine(ps, payroll.CodeWaitingDay); l == nil || !l.Quantity.Equal(dec("8")) {
		t.Fatalf("new spell: waiting day %+v", l)
	}
	// An earlier spell that ended on 6 July: 22 July is within four weeks of
	// the recovery, so the sickness counts as one and there is no waiting day.
	in.Sick.Reports = append(in.Sick.Reports, &domain.SickReport{ID: 0, WorkerID: 25, FirstDay: date(2026, 6, 29), RecoveredOn: date(2026, 7, 6)})
	if ps := calc(t, in); findLine(ps, payroll.CodeWaitingDay) != nil {
		t.Fatal("recurrence within four weeks got a new waiting day")
	}
	// Recovered more than four weeks before: a new waiting day.
	in.Sick.Reports[1] = &domain.SickReport{WorkerID: 25, FirstDay: date(2026, 6, 1), RecoveredOn: date(2026, 6, 23)}
	if ps := calc(t, in); findLine(ps, payroll.CodeWaitingDay) == nil {
		t.Fatal("recovery 29 days earlier: waiting day expected")
	}
}
