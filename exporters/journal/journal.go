// Package journal writes the payroll journal (loonjournaal) of one payroll
// run as an XLSX workbook for the agency's bookkeeper and accountant:
//
//   - "Loonjournaal": one row per worker, one column per wage component (the
//     payslip line codes: hours per type, allowances, pension, wage tax,
//     deductions, advances), then gross, untaxed, withheld and net;
//   - "Werkgeverslasten": per worker the employer's premiums, pension,
//     reservations accrued and the wage cost;
//   - "Journaalpost": the journal entry of the run, debit and credit per
//     ledger account (the agency's own chart of accounts, stored in the
//     administration with Dutch defaults such as 4000 Brutolonen and 1500 Af
//     te dragen loonheffing). It always balances.
//
// Totals are SUM formulas over exactly the data rows, so that an accountant
// who edits a figure sees the total follow; the written cached value is the
// exact decimal total, so the file reads right before any recalculation.
// Headers are frozen and filterable; amounts carry the € format.
//
// Everything ties out to the payslips: a column total is the sum of that
// component over the run's payslips, to the cent (tests re-read the file).
//
// The package uses excelize directly rather than exporters/xlsx's streaming
// helper, which has no formula cells or autofilter; strings are written with
// the same safety rule (xlsx.Dangerous: text that a spreadsheet could read as
// a formula gets the text format). A journal has one row per worker, so the
// in-memory writer is cheap enough (2 000 workers: a few MB).
package journal

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"verloner/domain"
	"verloner/domain/payroll"
	"verloner/exporters/xlsx"
)

// Run is the payroll run the journal is made of.
type Run struct {
	Agency   string
	Period   domain.Period
	Title    string // e.g. "Loonjournaal 2026-W47 — run 1 (definitief)"
	Payslips []Payslip
	// Accounts maps a role (RoleGrossWages, …) to its ledger account. A
	// role without an account is booked on its default.
	Accounts map[string]Account
	Lang     string // "nl" (default) or "en"
}

// Payslip is one worker's payslip in the run.
type Payslip struct {
	Number string
	Name   string
	Slip   *payroll.Payslip
}

// Account is a general-ledger account.
type Account struct {
	Number string
	Name   string
}

// Ledger roles: what a journal-entry line books.
const (
	RoleGrossWages        = "gross_wages"
	RoleHolidayPayCost    = "holiday_pay_cost"
	RoleOtherReservesCost = "other_reserves_cost"
	RoleUntaxed           = "untaxed_allowances"
	RoleExpenses          = "expenses"
	RoleSocialCharges     = "social_charges"
	RolePensionEmployer   = "pension_employer"
	RoleWageTaxPayable    = "wage_tax_payable"
	RolePremiumsPayable   = "premiums_payable"
	RolePensionPayable    = "pension_payable"
	RoleAdvances          = "advances"
	RoleNetWages          = "net_wages"
	RoleHolidayPayReserve = "holiday_pay_reserve"
	RoleOtherReserves     = "other_reserves"
	RoleDeductions        = "deductions"
)

// DefaultAccounts are the Dutch defaults (also seeded in the administration).
var DefaultAccounts = map[string]Account{
	RoleGrossWages:        {"4000", "Brutolonen"},
	RoleHolidayPayCost:    {"4010", "Vakantiegeld (dotatie reservering)"},
	RoleOtherReservesCost: {"4015", "Dotatie overige reserveringen personeel"},
	RoleUntaxed:           {"4020", "Onbelaste vergoedingen"},
	RoleExpenses:          {"4030", "Gedeclareerde onkosten"},
	RoleSocialCharges:     {"4100", "Sociale lasten"},
	RolePensionEmployer:   {"4110", "Pensioenpremie werkgever"},
	RoleWageTaxPayable:    {"1500", "Af te dragen loonheffing"},
	RolePremiumsPayable:   {"1500", "Af te dragen loonheffing"},
	RolePensionPayable:    {"1510", "Af te dragen pensioenpremie"},
	RoleAdvances:          {"1520", "Voorschotten personeel"},
	RoleNetWages:          {"1530", "Netto lonen"},
	RoleHolidayPayReserve: {"1540", "Reservering vakantiegeld"},
	RoleOtherReserves:     {"1545", "Overige reserveringen personeel"},
	RoleDeductions:        {"1550", "Inhoudingen op nettoloon"},
}

// Entry is one line of the journal entry.
type Entry struct {
	Role    string
	Account Account
	Text    string // what is booked, in the run's language
	Debit   decimal.Decimal
	Credit  decimal.Decimal
}

func (r *Run) tr(nl, en string) string {
	if r.Lang == "en" {
		return en
	}
	return nl
}

func (r *Run) account(role string) Account {
	if a, ok := r.Accounts[role]; ok && a.Number != "" {
		return a
	}
	return DefaultAccounts[role]
}

// Entries returns the run's journal entry: per role one line with the
// amount on its side (a negative amount, from a correction run, moves to the
// other side). Debit and credit totals are equal.
func Entries(r *Run) []Entry {
	var gross, drawn, holidayAccrued, otherAccrued, holidayDrawn, untaxed, expenses, social, pensionER, pensionEE, wageTax,
		deductions, advances, net decimal.Decimal
	for _, p := range r.Payslips {
		s := p.Slip
		gross = gross.Add(s.Gross)
		for scheme, v := range s.ReservationsDrawn {
			drawn = drawn.Add(v)
			if scheme == payroll.SchemeHolidayPay {
				holidayDrawn = holidayDrawn.Add(v)
			}
		}
		for scheme, v := range s.ReservationsAccrued {
			if scheme == payroll.SchemeHolidayPay {
				holidayAccrued = holidayAccrued.Add(v)
			} else {
				otherAccrued = otherAccrued.Add(v)
			}
		}
		untaxed = untaxed.Add(s.Untaxed.Sub(s.Expenses))
		expenses = expenses.Add(s.Expenses)
		e := s.EmployerCosts
		social = social.Add(e.Zvw).Add(e.AWf).Add(e.Aof).Add(e.Wko).Add(e.Whk)
		pensionER = pensionER.Add(e.PensionEmployer)
		pensionEE = pensionEE.Add(s.PensionEmployee)
		wageTax = wageTax.Add(s.WageTax)
		deductions = deductions.Add(s.Deductions.Sub(s.AdvancesWithheld))
		advances = advances.Add(s.AdvancesWithheld)
		net = net.Add(s.Net)
	}
	var out []Entry
	add := func(role, nl, en string, amount decimal.Decimal, debit bool) {
		if amount.IsZero() {
			return
		}
		if amount.IsNegative() {
			amount, debit = amount.Neg(), !debit
		}
		e := Entry{Role: role, Account: r.account(role), Text: r.tr(nl, en)}
		if debit {
			e.Debit = amount
		} else {
			e.Credit = amount
		}
		out = append(out, e)
	}
	add(RoleGrossWages, "Brutoloon (excl. uit reservering betaald)", "Gross wages (excl. paid from reserves)", gross.Sub(drawn), true)
	add(RoleHolidayPayReserve, "Uitbetaald uit reservering vakantiegeld", "Paid from holiday pay reserve", holidayDrawn, true)
	add(RoleOtherReserves, "Uitbetaald uit overige reserveringen", "Paid from other reserves", drawn.Sub(holidayDrawn), true)
	add(RoleUntaxed, "Onbelaste vergoedingen", "Untaxed allowances", untaxed, true)
	add(RoleExpenses, "Declaraties", "Expense refunds", expenses, true)
	add(RoleHolidayPayCost, "Dotatie reservering vakantiegeld", "Holiday pay reserved", holidayAccrued, true)
	add(RoleOtherReservesCost, "Dotatie overige reserveringen", "Other reserves accrued", otherAccrued, true)
	add(RoleSocialCharges, "Werkgeverspremies en Zvw", "Employer premiums and Zvw", social, true)
	add(RolePensionEmployer, "Pensioenpremie werkgeversdeel", "Pension contribution (employer)", pensionER, true)
	add(RoleWageTaxPayable, "Loonheffing", "Wage tax", wageTax, false)
	add(RolePremiumsPayable, "Werkgeverspremies en Zvw", "Employer premiums and Zvw", social, false)
	add(RolePensionPayable, "Pensioenpremie werknemers- en werkgeversdeel", "Pension contributions", pensionEE.Add(pensionER), false)
	add(RoleHolidayPayReserve, "Reservering vakantiegeld", "Holiday pay reserved", holidayAccrued, false)
	add(RoleOtherReserves, "Overige reserveringen", "Other reserves", otherAccrued, false)
	add(RoleDeductions, "Inhoudingen op nettoloon", "Deductions from net pay", deductions, false)
	add(RoleAdvances, "Verrekende voorschotten", "Advances repaid", advances, false)
	add(RoleNetWages, "Te betalen nettolonen", "Net wages payable", net, false)
	return out
}

// column is one component column of the main sheet.
type column struct {
	code     string
	category payroll.Category
	header   string
	hours    bool // a quantity column (hours), not money
}

var categoryOrder = map[payroll.Category]int{payroll.CatGross: 0, payroll.CatTaxableAllowance: 1,
	payroll.CatUntaxedAllowance: 2, payroll.CatDeduction: 3}

// Components returns the component columns of the run in display order:
// wage components, taxable allowances, untaxed allowances, deductions; within
// each in order of first appearance. Reservation and employer-cost lines are
// on the second sheet.
func components(r *Run) []column {
	seen := map[string]int{}
	var cols []column
	first := map[string]int{}
	n := 0
	for _, p := range r.Payslips {
		for _, l := range p.Slip.Lines {
			if _, ok := categoryOrder[l.Category]; !ok {
				continue
			}
			key := string(l.Category) + "/" + l.Code
			if _, ok := seen[key]; ok {
				continue
			}
			seen[key] = len(cols)
			first[key] = n
			n++
			text := l.Text.NL
			if r.Lang == "en" && l.Text.EN != "" {
				text = l.Text.EN
			}
			cols = append(cols, column{code: l.Code, category: l.Category, header: text + " (" + l.Code + ")"})
		}
	}
	sort.SliceStable(cols, func(i, j int) bool {
		return categoryOrder[cols[i].category] < categoryOrder[cols[j].category]
	})
	return cols
}

// amountOf sums a payslip's lines of one code and category. Deductions are
// positive amounts on the payslip and stay positive in their columns.
func amountOf(s *payroll.Payslip, c column) decimal.Decimal {
	var sum decimal.Decimal
	for _, l := range s.Lines {
		if l.Code == c.code && l.Category == c.category {
			sum = sum.Add(l.Amount)
		}
	}
	return sum
}

// FileName is the journal's file name: "loonjournaal-2026-W47.xlsx", with the
// given suffix ("run1") when not empty.
func FileName(p domain.Period, suffix string) string {
	if suffix != "" {
		return "loonjournaal-" + p.String() + "-" + suffix + ".xlsx"
	}
	return "loonjournaal-" + p.String() + ".xlsx"
}

// Write writes the workbook.
func Write(w io.Writer, r *Run) error {
	jw, err := newWriter()
	if err != nil {
		return err
	}
	defer jw.f.Close()
	for _, sheet := range []func(*Run) error{jw.mainSheet, jw.costSheet, jw.entrySheet} {
		if err := sheet(r); err != nil {
			return err
		}
	}
	// Recalculate on opening, so that a program that trusts no cached value
	// shows the same totals (they are exact already).
	full := true
	if err := jw.f.SetCalcProps(&excelize.CalcPropsOptions{FullCalcOnLoad: &full}); err != nil {
		return fmt.Errorf("loonjournaal: %w", err)
	}
	if _, err := jw.f.WriteTo(w); err != nil {
		return fmt.Errorf("loonjournaal schrijven: %w", err)
	}
	return nil
}

// writer streams the sheets (excelize's StreamWriter writes a formula cell
// with its cached value as a number, which the in-memory API does not).
type writer struct {
	f                                   *excelize.File
	textSafe, money, hours, head, title int
	moneyBold, textBold, hoursBold      int
	sheets                              int
}

func newWriter() (*writer, error) {
	jw := &writer{f: excelize.NewFile()}
	moneyFmt := `"€" #,##0.00;"€" -#,##0.00`
	hoursFmt := `#,##0.00`
	top := []excelize.Border{{Type: "top", Color: "000000", Style: 1}}
	styles := []struct {
		dst *int
		st  *excelize.Style
	}{
		{&jw.textSafe, &excelize.Style{NumFmt: 49}},
		{&jw.money, &excelize.Style{CustomNumFmt: &moneyFmt}},
		{&jw.hours, &excelize.Style{CustomNumFmt: &hoursFmt}},
		{&jw.head, &excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9D9D9"}},
			Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}}},
		{&jw.title, &excelize.Style{Font: &excelize.Font{Bold: true, Size: 12}}},
		{&jw.moneyBold, &excelize.Style{Font: &excelize.Font{Bold: true}, CustomNumFmt: &moneyFmt, Border: top}},
		{&jw.hoursBold, &excelize.Style{Font: &excelize.Font{Bold: true}, CustomNumFmt: &hoursFmt, Border: top}},
		{&jw.textBold, &excelize.Style{Font: &excelize.Font{Bold: true}, Border: top}},
	}
	for _, s := range styles {
		id, err := jw.f.NewStyle(s.st)
		if err != nil {
			return nil, fmt.Errorf("loonjournaal opmaak: %w", err)
		}
		*s.dst = id
	}
	return jw, nil
}

// HeaderRow and FirstDataRow are where every sheet's header and data start
// (row 1 holds the title).
const (
	HeaderRow    = 2
	FirstDataRow = 3
)

// Sheet names.
const (
	SheetJournal = "Loonjournaal"
	SheetCosts   = "Werkgeverslasten"
	SheetEntry   = "Journaalpost"
)

func cellName(col, row int) string {
	n, _ := excelize.CoordinatesToCellName(col, row)
	return n
}

// sheetWriter streams one sheet.
type sheetWriter struct {
	jw   *writer
	name string
	sw   *excelize.StreamWriter
	row  int
	cols int
}

// newSheet starts a sheet with the title in row 1 and the header in row 2,
// the header and the first freezeCols columns frozen.
func (jw *writer) newSheet(name, title string, headers []string, widths []float64, freezeCols int) (*sheetWriter, error) {
	jw.sheets++
	if jw.sheets == 1 {
		if err := jw.f.SetSheetName("Sheet1", name); err != nil {
			return nil, fmt.Errorf("werkblad %s: %w", name, err)
		}
	} else if _, err := jw.f.NewSheet(name); err != nil {
		return nil, fmt.Errorf("werkblad %s: %w", name, err)
	}
	sw, err := jw.f.NewStreamWriter(name)
	if err != nil {
		return nil, fmt.Errorf("werkblad %s: %w", name, err)
	}
	s := &sheetWriter{jw: jw, name: name, sw: sw, cols: len(headers)}
	for i := range headers {
		w := 15.0
		if i < len(widths) {
			w = widths[i]
		}
		if err := sw.SetColWidth(i+1, i+1, w); err != nil {
			return nil, fmt.Errorf("werkblad %s: %w", name, err)
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, XSplit: freezeCols, YSplit: HeaderRow,
		TopLeftCell: cellName(freezeCols+1, FirstDataRow), ActivePane: "bottomRight"}); err != nil {
		return nil, fmt.Errorf("werkblad %s: %w", name, err)
	}
	if err := s.write(excelize.RowOpts{}, []any{jw.text(title, jw.title)}); err != nil {
		return nil, err
	}
	hdr := make([]any, len(headers))
	for i, h := range headers {
		hdr[i] = jw.text(h, jw.head)
	}
	if err := s.write(excelize.RowOpts{Height: 45}, hdr); err != nil {
		return nil, err
	}
	return s, nil
}

func (s *sheetWriter) write(opts excelize.RowOpts, cells []any) error {
	s.row++
	if err := s.sw.SetRow(cellName(1, s.row), cells, opts); err != nil {
		return fmt.Errorf("werkblad %s rij %d: %w", s.name, s.row, err)
	}
	return nil
}

// finish writes the totals row (label, then SUM formulas over the data rows
// of columns from..s.cols with their exact totals as cached values), flushes
// the sheet and puts an autofilter on the header and data rows.
func (s *sheetWriter) finish(label string, labelCols, from int, totals []decimal.Decimal, styles []int) error {
	jw := s.jw
	first, last := FirstDataRow, s.row
	cells := make([]any, s.cols)
	cells[0] = jw.text(label, jw.textBold)
	for c := 1; c < labelCols; c++ {
		cells[c] = excelize.Cell{StyleID: jw.textBold}
	}
	for col := from; col <= s.cols; col++ {
		formula := "SUM(" + cellName(col, first) + ":" + cellName(col, last) + ")"
		if last < first {
			formula = "0" // no data rows: a range would cover the header
		}
		cells[col-1] = excelize.Cell{StyleID: styles[col], Formula: formula, Value: totals[col].InexactFloat64()}
	}
	if err := s.write(excelize.RowOpts{}, cells); err != nil {
		return err
	}
	if err := s.sw.Flush(); err != nil {
		return fmt.Errorf("werkblad %s afronden: %w", s.name, err)
	}
	if last < first {
		last = first
	}
	if err := jw.f.AutoFilter(s.name, cellName(1, HeaderRow)+":"+cellName(s.cols, last), nil); err != nil {
		return fmt.Errorf("werkblad %s filter: %w", s.name, err)
	}
	return nil
}

// text is a string cell; one a spreadsheet could take for a formula gets the
// text number format, so that editing it keeps it text.
func (jw *writer) text(v string, style int) excelize.Cell {
	if xlsx.Dangerous(v) {
		style = jw.textSafe
	}
	return excelize.Cell{StyleID: style, Value: v}
}

// number is an exact decimal as a spreadsheet number (a double holds up to 15
// significant digits exactly; more is refused rather than rounded).
func (jw *writer) number(d decimal.Decimal, style int) (excelize.Cell, error) {
	if len(strings.TrimLeft(d.Coefficient().String(), "-")) > 15 {
		return excelize.Cell{}, fmt.Errorf("bedrag %s te lang voor een spreadsheetgetal", d)
	}
	return excelize.Cell{StyleID: style, Value: d.InexactFloat64()}, nil
}

func (r *Run) title(what string) string {
	t := r.Title
	if t == "" {
		t = r.tr("Loonjournaal ", "Payroll journal ") + r.Period.String()
	}
	if r.Agency != "" {
		t = r.Agency + " — " + t
	}
	if what != "" {
		t += " — " + what
	}
	return t
}

// Main-sheet totals after the component columns.
func (r *Run) totalHeaders() []string {
	return []string{r.tr("Brutoloon", "Gross wage"), r.tr("Onbelast", "Untaxed"), r.tr("Ingehouden", "Withheld"), r.tr("Nettoloon", "Net pay")}
}

func totalsOf(s *payroll.Payslip) []decimal.Decimal {
	return []decimal.Decimal{s.Gross, s.Untaxed, s.PensionEmployee.Add(s.WageTax).Add(s.Deductions), s.Net}
}

// dataRow writes number and name, then the values from column first on.
func (s *sheetWriter) dataRow(number, name string, first int, values []decimal.Decimal, styles []int, totals []decimal.Decimal) error {
	cells := make([]any, first-1+len(values))
	cells[0], cells[1] = s.jw.text(number, 0), s.jw.text(name, 0)
	for j, v := range values {
		col := first + j
		c, err := s.jw.number(v, styles[col])
		if err != nil {
			return fmt.Errorf("werkblad %s, %s: %w", s.name, number, err)
		}
		cells[col-1] = c
		totals[col] = totals[col].Add(v)
	}
	return s.write(excelize.RowOpts{}, cells)
}

func (jw *writer) mainSheet(r *Run) error {
	cols := components(r)
	headers := []string{r.tr("Nr.", "No."), r.tr("Naam", "Name"), r.tr("Verloonde uren", "Paid hours")}
	widths := []float64{9, 28, 10}
	for _, c := range cols {
		headers = append(headers, c.header)
		widths = append(widths, 15)
	}
	headers = append(headers, r.totalHeaders()...)
	s, err := jw.newSheet(SheetJournal, r.title(""), headers, widths, 2)
	if err != nil {
		return err
	}
	styles, boldStyles := make([]int, len(headers)+1), make([]int, len(headers)+1)
	for c := range styles {
		styles[c], boldStyles[c] = jw.money, jw.moneyBold
	}
	styles[3], boldStyles[3] = jw.hours, jw.hoursBold
	totals := make([]decimal.Decimal, len(headers)+1)
	for _, p := range r.Payslips {
		values := []decimal.Decimal{p.Slip.PaidHours}
		for _, c := range cols {
			values = append(values, amountOf(p.Slip, c))
		}
		values = append(values, totalsOf(p.Slip)...)
		if err := s.dataRow(p.Number, p.Name, 3, values, styles, totals); err != nil {
			return err
		}
	}
	return s.finish(r.tr("Totaal", "Total"), 2, 3, totals, boldStyles)
}

// costColumns returns the reservation schemes accrued in the run, sorted.
func reservedSchemes(r *Run) []string {
	seen := map[string]bool{}
	var out []string
	for _, p := range r.Payslips {
		for s := range p.Slip.ReservationsAccrued {
			if !seen[s] {
				seen[s] = true
				out = append(out, s)
			}
		}
	}
	sort.Strings(out)
	return out
}

func (jw *writer) costSheet(r *Run) error {
	reserved := reservedSchemes(r)
	headers := []string{r.tr("Nr.", "No."), r.tr("Naam", "Name"), r.tr("Premieloon", "Premium wage"),
		"Zvw", "AWf", "Aof", "Wko", "Whk", r.tr("Pensioen werkgever", "Pension employer"), r.tr("Werkgeverslasten", "Employer costs")}
	for _, sc := range reserved {
		headers = append(headers, r.tr("Reservering ", "Reserved ")+sc)
	}
	headers = append(headers, r.tr("Loonkosten", "Wage cost"))
	s, err := jw.newSheet(SheetCosts, r.title(r.tr("werkgeverslasten", "employer costs")), headers, []float64{9, 28}, 2)
	if err != nil {
		return err
	}
	styles, boldStyles := make([]int, len(headers)+1), make([]int, len(headers)+1)
	for c := range styles {
		styles[c], boldStyles[c] = jw.money, jw.moneyBold
	}
	totals := make([]decimal.Decimal, len(headers)+1)
	for _, p := range r.Payslips {
		e := p.Slip.EmployerCosts
		values := []decimal.Decimal{e.PremiumWage, e.Zvw, e.AWf, e.Aof, e.Wko, e.Whk, e.PensionEmployer, e.Total}
		for _, sc := range reserved {
			values = append(values, p.Slip.ReservationsAccrued[sc])
		}
		values = append(values, p.Slip.WageCost)
		if err := s.dataRow(p.Number, p.Name, 3, values, styles, totals); err != nil {
			return err
		}
	}
	return s.finish(r.tr("Totaal", "Total"), 2, 3, totals, boldStyles)
}

func (jw *writer) entrySheet(r *Run) error {
	headers := []string{r.tr("Rekening", "Account"), r.tr("Naam rekening", "Account name"), r.tr("Omschrijving", "Description"),
		r.tr("Debet", "Debit"), r.tr("Credit", "Credit")}
	s, err := jw.newSheet(SheetEntry, r.title(r.tr("journaalpost", "journal entry")), headers, []float64{10, 34, 44, 15, 15}, 0)
	if err != nil {
		return err
	}
	totals := make([]decimal.Decimal, len(headers)+1)
	for _, e := range Entries(r) {
		d, err := jw.number(e.Debit, jw.money)
		if err != nil {
			return err
		}
		c, err := jw.number(e.Credit, jw.money)
		if err != nil {
			return err
		}
		if err := s.write(excelize.RowOpts{}, []any{jw.text(e.Account.Number, 0), jw.text(e.Account.Name, 0), jw.text(e.Text, 0), d, c}); err != nil {
			return err
		}
		totals[4], totals[5] = totals[4].Add(e.Debit), totals[5].Add(e.Credit)
	}
	if !totals[4].Equal(totals[5]) {
		return fmt.Errorf("journaalpost %s is niet in balans: debet %s, credit %s", r.Period, totals[4], totals[5])
	}
	styles := []int{0, 0, 0, 0, jw.moneyBold, jw.moneyBold}
	return s.finish(r.tr("Totaal", "Total"), 3, 4, totals, styles)
}
