package journal_test

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"verloner/domain"
	"verloner/domain/params"
	"verloner/domain/payroll"
	"verloner/exporters/journal"
)

var w47 = domain.Period{Kind: domain.Weekly, Year: 2026, Number: 47}

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// run calculates three real payslips: a plain week with overtime and travel,
// one with an advance and a housing deduction, and one with a holiday-pay
// payout (bijzondere beloning), plus a worker whose name looks like a formula.
func run(t *testing.T) *journal.Run {
	t.Helper()
	set, err := params.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	mk := func(id int64, name, wage string, extras payroll.Extras, jaarloon string, types ...domain.HourType) journal.Payslip {
		w := &domain.Worker{ID: id, Number: strconv.FormatInt(1000+id, 10), LastName: name, BirthDate: domain.Date(1990, 3, 1),
			BSN: "123456782", ApplyTaxCredit: true, TaxCreditSignedOn: domain.Date(2026, 1, 5), Phase: domain.PhaseA,
			Uitzendbeding: true, Reservations: domain.ReservationsReserved, DeductionAuthSigned: domain.Date(2026, 1, 5)}
		pl := &domain.Placement{ID: id, WorkerID: id, HirerID: 1, HourlyWage: dec(wage), TravelPerKm: dec("0.23")}
		var lines []*domain.HourLine
		for d := 16; d <= 20; d++ {
			lines = append(lines, &domain.HourLine{PlacementID: id, Date: domain.Date(2026, 11, d), Type: domain.HourNormal, Quantity: dec("8")})
		}
		for i, ty := range types {
			q := "2.5"
			switch ty {
			case domain.HourKilometres:
				q = "31"
			case domain.HourExpenses:
				q = "12.50"
			}
			lines = append(lines, &domain.HourLine{PlacementID: id, Date: domain.Date(2026, 11, 16+i), Type: ty, Quantity: dec(q)})
		}
		in := payroll.Input{Period: w47, Worker: w, Placements: map[int64]*domain.Placement{id: pl}, Lines: lines, Extras: extras}
		if jaarloon != "" {
			in.Jaarloon = dec(jaarloon)
		}
		s, err := payroll.CalculateFor(set, in)
		if err != nil {
			t.Fatal(err)
		}
		return journal.Payslip{Number: w.Number, Name: name, Slip: s}
	}
	return &journal.Run{Agency: "Flexwerk Zuid B.V.", Period: w47, Title: "Loonjournaal 2026-W47 run 1",
		Accounts: map[string]journal.Account{journal.RoleNetWages: {"1600", "Te betalen lonen"}},
		Payslips: []journal.Payslip{
			mk(1, "Jansen", "16.40", payroll.Extras{}, "", domain.HourOvertime125, domain.HourShift, domain.HourKilometres, domain.HourExpenses),
			mk(2, "Kowalska", "15.10", payroll.Extras{
				Advances:   []*domain.Advance{{ID: 7, WorkerID: 2, Period: w47, Amount: dec("100.00")}},
				Deductions: []*domain.Deduction{{ID: 3, WorkerID: 2, Period: w47, Kind: domain.DeductionHousing, Amount: dec("85.00")}}}, ""),
			mk(3, "=HYPERLINK(\"x\")", "18.00", payroll.Extras{Payouts: []payroll.ReservationPayout{{Scheme: payroll.SchemeHolidayPay, Amount: dec("650.00")}}}, "36000"),
		}}
}

func raw(t *testing.T, f *excelize.File, sheet, cell string) string {
	t.Helper()
	v, err := f.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func decCell(t *testing.T, f *excelize.File, sheet, cell string) decimal.Decimal {
	t.Helper()
	v := raw(t, f, sheet, cell)
	if v == "" {
		return decimal.Zero
	}
	d, err := decimal.NewFromString(v)
	if err != nil {
		t.Fatalf("%s!%s = %q: %v", sheet, cell, v, err)
	}
	return d
}

var sumRe = regexp.MustCompile(`^SUM\(([A-Z]+)(\d+):([A-Z]+)(\d+)\)$`)

// checkTotals checks every totals-row formula of a sheet: SUM over exactly
// the data rows of its own column; its cached and evaluated values equal the
// exact decimal sum of the data cells.
func checkTotals(t *testing.T, f *excelize.File, sheet string, rows, fromCol, toCol int) {
	t.Helper()
	totalRow := journal.FirstDataRow + rows
	for col := fromCol; col <= toCol; col++ {
		colName, _ := excelize.ColumnNumberToName(col)
		cell := fmt.Sprintf("%s%d", colName, totalRow)
		formula, err := f.GetCellFormula(sheet, cell)
		if err != nil {
			t.Fatal(err)
		}
		m := sumRe.FindStringSubmatch(formula)
		if m == nil || m[1] != colName || m[3] != colName || m[2] != strconv.Itoa(journal.FirstDataRow) || m[4] != strconv.Itoa(totalRow-1) {
			t.Errorf("%s!%s formula %q does not cover rows %d–%d of its column", sheet, cell, formula, journal.FirstDataRow, totalRow-1)
			continue
		}
		var want decimal.Decimal
		for r := journal.FirstDataRow; r < totalRow; r++ {
			want = want.Add(decCell(t, f, sheet, fmt.Sprintf("%s%d", colName, r)))
		}
		if got := decCell(t, f, sheet, cell); !got.Equal(want) {
			t.Errorf("%s!%s cached %s, rows add up to %s", sheet, cell, got, want)
		}
		calc, err := f.CalcCellValue(sheet, cell, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatalf("%s!%s: %v", sheet, cell, err)
		}
		if got, err := decimal.NewFromString(calc); err != nil || !got.Round(2).Equal(want) {
			t.Errorf("%s!%s evaluates to %q, want %s", sheet, cell, calc, want)
		}
	}
}

func TestWrite_TiesOutToThePayslips(t *testing.T) {
	r := run(t)
	var buf bytes.Buffer
	if err := journal.Write(&buf, r); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); len(got) != 3 || got[0] != journal.SheetJournal || got[1] != journal.SheetCosts || got[2] != journal.SheetEntry {
		t.Fatalf("sheets %v", got)
	}

	// Main sheet: every component column of every worker is the sum of that
	// payslip's lines of the component; the rows add up to the net pay.
	sheet := journal.SheetJournal
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	header := rows[journal.HeaderRow-1]
	codeRe := regexp.MustCompile(`\(([A-Z0-9_a-z]+)\)$`)
	var seen []string
	for i, p := range r.Payslips {
		row := journal.FirstDataRow + i
		if got := raw(t, f, sheet, fmt.Sprintf("A%d", row)); got != p.Number {
			t.Fatalf("row %d is %s, want %s", row, got, p.Number)
		}
		if got := raw(t, f, sheet, fmt.Sprintf("B%d", row)); got != p.Name {
			t.Errorf("name %q, want %q", got, p.Name)
		}
		if got := decCell(t, f, sheet, fmt.Sprintf("C%d", row)); !got.Equal(p.Slip.PaidHours) {
			t.Errorf("%s hours %s, want %s", p.Number, got, p.Slip.PaidHours)
		}
		var net decimal.Decimal
		for col := 4; col <= len(header)-4; col++ {
			m := codeRe.FindStringSubmatch(header[col-1])
			if m == nil {
				t.Fatalf("header %q names no code", header[col-1])
			}
			colName, _ := excelize.ColumnNumberToName(col)
			got := decCell(t, f, sheet, fmt.Sprintf("%s%d", colName, row))
			var want decimal.Decimal
			var cat payroll.Category
			for _, l := range p.Slip.Lines {
				if l.Code == m[1] && l.Category != payroll.CatReservation && l.Category != payroll.CatEmployerCost {
					want, cat = want.Add(l.Amount), l.Category
				}
			}
			if !got.Equal(want) {
				t.Errorf("%s %s: %s, payslip %s", p.Number, m[1], got, want)
			}
			if cat == payroll.CatDeduction {
				net = net.Sub(got)
			} else {
				net = net.Add(got)
			}
			if i == 0 {
				seen = append(seen, m[1])
			}
		}
		if !net.Equal(p.Slip.Net) {
			t.Errorf("%s: components add up to %s, net %s", p.Number, net, p.Slip.Net)
		}
		last := len(header)
		for j, want := range []decimal.Decimal{p.Slip.Gross, p.Slip.Untaxed, p.Slip.PensionEmployee.Add(p.Slip.WageTax).Add(p.Slip.Deductions), p.Slip.Net} {
			colName, _ := excelize.ColumnNumberToName(last - 3 + j)
			if got := decCell(t, f, sheet, fmt.Sprintf("%s%d", colName, row)); !got.Equal(want) {
				t.Errorf("%s total column %d: %s, want %s", p.Number, j, got, want)
			}
		}
	}
	for _, code := range []string{"NORM", "OW125", "ORT", "REIS_ONBELAST", "PENSIOEN_WN", "LOONHEFFING", "LOONHEFFING_BB", "UITB_vakantiebijslag", "INH_huisvesting", "VOORSCHOT"} {
		found := false
		for col := 4; col <= len(header)-4; col++ {
			found = found || codeRe.FindStringSubmatch(header[col-1])[1] == code
		}
		if !found {
			t.Errorf("no column for %s (columns %v)", code, header)
		}
	}
	checkTotals(t, f, sheet, len(r.Payslips), 3, len(header))

	// Employer costs sheet.
	costs := journal.SheetCosts
	crow, _ := f.GetRows(costs)
	for i, p := range r.Payslips {
		row := journal.FirstDataRow + i
		e := p.Slip.EmployerCosts
		for j, want := range []decimal.Decimal{e.PremiumWage, e.Zvw, e.AWf, e.Aof, e.Wko, e.Whk, e.PensionEmployer, e.Total} {
			colName, _ := excelize.ColumnNumberToName(3 + j)
			if got := decCell(t, f, costs, fmt.Sprintf("%s%d", colName, row)); !got.Equal(want) {
				t.Errorf("%s %s: %s, want %s", p.Number, crow[journal.HeaderRow-1][2+j], got, want)
			}
		}
		colName, _ := excelize.ColumnNumberToName(len(crow[journal.HeaderRow-1]))
		if got := decCell(t, f, costs, fmt.Sprintf("%s%d", colName, row)); !got.Equal(p.Slip.WageCost) {
			t.Errorf("%s wage cost %s, want %s", p.Number, got, p.Slip.WageCost)
		}
	}
	checkTotals(t, f, costs, len(r.Payslips), 3, len(crow[journal.HeaderRow-1]))

	// Journal entry: balanced, accounts as configured, net wages on the
	// agency's own account.
	entries := journal.Entries(r)
	checkTotals(t, f, journal.SheetEntry, len(entries), 4, 5)
	var debit, credit, net decimal.Decimal
	for i, e := range entries {
		row := journal.FirstDataRow + i
		if got := raw(t, f, journal.SheetEntry, fmt.Sprintf("A%d", row)); got != e.Account.Number {
			t.Errorf("entry %d account %s, want %s", i, got, e.Account.Number)
		}
		debit, credit = debit.Add(e.Debit), credit.Add(e.Credit)
		if e.Role == journal.RoleExpenses && !e.Debit.Equal(dec("12.50")) {
			t.Errorf("expenses booked %+v, want 12,50 debit", e)
		}
		if e.Role == journal.RoleNetWages {
			net = e.Credit
			if e.Account.Number != "1600" {
				t.Errorf("net wages on %s, want the configured 1600", e.Account.Number)
			}
		}
	}
	var wantNet decimal.Decimal
	for _, p := range r.Payslips {
		wantNet = wantNet.Add(p.Slip.Net)
	}
	if !debit.Equal(credit) || debit.IsZero() || !net.Equal(wantNet) {
		t.Errorf("entry debit %s credit %s, net %s want %s", debit, credit, net, wantNet)
	}

	// Frozen headers, filters on every sheet, the formula-like name as text.
	for _, s := range f.GetSheetList() {
		panes, err := f.GetPanes(s)
		if err != nil || !panes.Freeze || panes.YSplit != journal.HeaderRow {
			t.Errorf("%s: panes %+v %v", s, panes, err)
		}
	}
	filters := 0
	for _, dn := range f.GetDefinedName() {
		if dn.Name == "_xlnm._FilterDatabase" {
			filters++
		}
	}
	if filters != 3 {
		t.Errorf("%d autofilters, want 3", filters)
	}
	style, _ := f.GetCellStyle(sheet, fmt.Sprintf("B%d", journal.FirstDataRow+2))
	st, _ := f.GetStyle(style)
	if st == nil || st.NumFmt != 49 {
		t.Errorf("formula-like name not formatted as text: %+v", st)
	}
	if formula, _ := f.GetCellFormula(sheet, fmt.Sprintf("B%d", journal.FirstDataRow+2)); formula != "" {
		t.Errorf("name became a formula: %q", formula)
	}
}

func TestEntries_CorrectionWithNegativeAmountsStaysBalanced(t *testing.T) {
	r := run(t)
	// A difference payslip: everything of the first payslip reversed.
	neg := *r.Payslips[0].Slip
	for _, f := range []*decimal.Decimal{&neg.Gross, &neg.Net, &neg.WageTax, &neg.PensionEmployee, &neg.Untaxed, &neg.Expenses,
		&neg.Deductions, &neg.AdvancesWithheld, &neg.EmployerCosts.Zvw, &neg.EmployerCosts.AWf, &neg.EmployerCosts.Aof,
		&neg.EmployerCosts.Wko, &neg.EmployerCosts.Whk, &neg.EmployerCosts.PensionEmployer} {
		*f = f.Neg()
	}
	neg.ReservationsAccrued = map[string]decimal.Decimal{"vakantiebijslag": neg.ReservationsAccrued["vakantiebijslag"].Neg()}
	r.Payslips = []journal.Payslip{{Number: "1001", Name: "Jansen", Slip: &neg}}
	var debit, credit decimal.Decimal
	for _, e := range journal.Entries(r) {
		if e.Debit.IsNegative() || e.Credit.IsNegative() {
			t.Errorf("negative amount on %s: %+v", e.Role, e)
		}
		debit, credit = debit.Add(e.Debit), credit.Add(e.Credit)
		if e.Role == journal.RoleNetWages && e.Debit.IsZero() {
			t.Error("a negative net is not on the debit side")
		}
	}
	if !debit.Equal(credit) {
		t.Errorf("debit %s, credit %s", debit, credit)
	}
	var buf bytes.Buffer
	if err := journal.Write(&buf, r); err != nil {
		t.Fatal(err)
	}
	if journal.FileName(w47, "run1") != "loonjournaal-2026-W47-run1.xlsx" {
		t.Error(journal.FileName(w47, "run1"))
	}
}
