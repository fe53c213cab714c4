// Package wagerecords writes the loonstaat (per worker per year, with
// cumulatives) and the verzamelloonstaat (per pay period) as XLSX and PDF,
// and the jaaropgaaf per worker (PDF in the worker's language: nl, en, pl).
// The figures come from app/wagerecords, which sums the final payroll runs;
// this package only lays them out and adds nothing up except in the
// spreadsheet's own SUM formulas, which must equal the figures.
//
// BSNs are masked on the loonstaat (it goes to the accountant and the
// auditor; the full number is in the administration) and shown in full on
// the jaaropgaaf only, because the worker needs it there for the income-tax
// return and the Belastingdienst matches the statement on it.
package wagerecords

import (
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"verloner/domain"
	"verloner/domain/params"
	"verloner/domain/payroll"
)

// Figures are the amounts of a loonstaat line, a worker's year or a period.
type Figures struct {
	Gross           decimal.Decimal // brutoloon (after the ET exchange, incl. taxable allowances and special rewards)
	ETExchanged     decimal.Decimal // uitgeruild voor ET-vergoeding
	PensionEmployee decimal.Decimal // pensioenpremie werknemer (aftrek)
	TaxableWage     decimal.Decimal // loon voor de loonbelasting/volksverzekeringen (fiscaal loon)
	TableWage       decimal.Decimal // of which tabelloon
	SpecialWage     decimal.Decimal // of which bijzondere beloningen
	PremiumWage     decimal.Decimal // premieloon werknemersverzekeringen (SV-loon, capped per period)
	ZvwWage         decimal.Decimal // bijdrageloon Zvw (capped per period)
	WageTax         decimal.Decimal // ingehouden loonheffing
	WageTaxSpecial  decimal.Decimal // of which at the bijzonder tarief
	LabourCredit    decimal.Decimal // verrekende arbeidskorting
	Zvw             decimal.Decimal // werkgeversheffing Zvw
	AWf             decimal.Decimal
	Aof             decimal.Decimal
	Wko             decimal.Decimal
	Whk             decimal.Decimal
	PensionEmployer decimal.Decimal
	Untaxed         decimal.Decimal // onbelaste vergoedingen (incl. ET)
	Deductions      decimal.Decimal // inhoudingen op het netto (incl. voorschotten)
	Net             decimal.Decimal
	PaidHours       decimal.Decimal // verloonde uren
}

// Premiums is the total of the employer premiums (AWf, Aof, Wko, Whk).
func (f Figures) Premiums() decimal.Decimal { return f.AWf.Add(f.Aof).Add(f.Wko).Add(f.Whk) }

// fields lists every amount, so Add and Equal cannot forget one.
func (f *Figures) fields() []*decimal.Decimal {
	return []*decimal.Decimal{&f.Gross, &f.ETExchanged, &f.PensionEmployee, &f.TaxableWage, &f.TableWage, &f.SpecialWage,
		&f.PremiumWage, &f.ZvwWage, &f.WageTax, &f.WageTaxSpecial, &f.LabourCredit, &f.Zvw, &f.AWf, &f.Aof, &f.Wko, &f.Whk,
		&f.PensionEmployer, &f.Untaxed, &f.Deductions, &f.Net, &f.PaidHours}
}

// Add adds g to f.
func (f *Figures) Add(g Figures) {
	gs := g.fields()
	for i, x := range f.fields() {
		*x = x.Add(*gs[i])
	}
}

// Equal reports whether every amount of f equals g's (by value, not by
// representation: 1.50 equals 1.5).
func (f Figures) Equal(g Figures) bool {
	gs := g.fields()
	for i, x := range f.fields() {
		if !x.Equal(*gs[i]) {
			return false
		}
	}
	return true
}

// FiguresOf takes a payslip's figures (for a correction run: its differences).
func FiguresOf(s *payroll.Payslip) Figures {
	ec := s.EmployerCosts
	return Figures{Gross: s.Gross, ETExchanged: s.ETExchanged, PensionEmployee: s.PensionEmployee, TaxableWage: s.TaxableWage,
		TableWage: s.TableWage, SpecialWage: s.SpecialWage, PremiumWage: ec.PremiumWage, ZvwWage: ec.ZvwWage, WageTax: s.WageTax,
		WageTaxSpecial: s.WageTaxSpecial, LabourCredit: s.LabourCreditApplied, Zvw: ec.Zvw, AWf: ec.AWf, Aof: ec.Aof, Wko: ec.Wko,
		Whk: ec.Whk, PensionEmployer: ec.PensionEmployer, Untaxed: s.Untaxed, Deductions: s.Deductions, Net: s.Net, PaidHours: s.PaidHours}
}

// Entry is one payslip of a final run on a worker's loonstaat.
type Entry struct {
	RunID      int64
	Seq        int
	Correction bool // a correction run's differences (not a regular payslip)
	Period     domain.Period
	PayDate    time.Time
	Figures    Figures
	Cumulative Figures // the worker's totals of the year up to and including this entry
	TaxCredit  bool    // loonheffingskorting applied
	Anonymous  bool    // anoniementarief
	AOW        params.AOW
	AWfHigh    bool
	// SpecialRate is the rate of the tabel bijzondere beloningen used (zero: none).
	SpecialRate decimal.Decimal
}

// Table describes the wage-tax table used, in Dutch: "wit, week, LHK" /
// "anoniementarief" / "wit, maand, AOW, zonder LHK; bijz. 36,97 %".
func (e Entry) Table() string { return tableText(e, "nl") }

// TableEN is Table in English.
func (e Entry) TableEN() string { return tableText(e, "en") }

func tableText(e Entry, lang string) string {
	en := lang == "en"
	if e.Anonymous {
		if en {
			return "anonymous rate"
		}
		return "anoniementarief"
	}
	kinds := map[domain.PeriodKind][2]string{domain.Weekly: {"week", "week"}, domain.FourWeek: {"4 weken", "4 weeks"},
		domain.Monthly: {"maand", "month"}, domain.Quarterly: {"kwartaal", "quarter"}, domain.Daily: {"dag", "day"}}
	i := 0
	if en {
		i = 1
	}
	parts := []string{map[bool]string{false: "wit", true: "white"}[en], kinds[e.Period.Kind][i]}
	if e.AOW != params.AOWNone {
		parts = append(parts, map[bool]string{false: "AOW-leeftijd", true: "state pension age"}[en])
	}
	switch {
	case e.TaxCredit && en:
		parts = append(parts, "with tax credit")
	case e.TaxCredit:
		parts = append(parts, "met LHK")
	case en:
		parts = append(parts, "without tax credit")
	default:
		parts = append(parts, "zonder LHK")
	}
	s := strings.Join(parts, ", ")
	if e.SpecialRate.IsPositive() {
		if en {
			s += "; special " + domain.FormatDecimalNL(e.SpecialRate, 2) + " %"
		} else {
			s += "; bijz. " + domain.FormatDecimalNL(e.SpecialRate, 2) + " %"
		}
	}
	return s
}

// WorkerYear is one worker's loonstaat of a year, and the jaaropgaaf's data.
type WorkerYear struct {
	WorkerID  int64
	Number    string
	Name      string
	BSN       string // in full; exporters mask it everywhere but on the jaaropgaaf
	BirthDate time.Time
	Address   domain.Address
	Language  domain.Language
	// From and To are the employment in the year: the worker's start and end
	// dates clipped to the year, or the first and last paid period.
	From, To  time.Time
	Entries   []Entry
	Totals    Figures
	Periods   int // regular payslips
	TaxCredit int // regular payslips with the loonheffingskorting
}

// PeriodTotal is one line of the verzamelloonstaat: all workers of a pay
// period (regular and correction runs paid in the year).
type PeriodTotal struct {
	Period   domain.Period
	PayDate  time.Time // of the regular run (the first final run)
	Workers  int       // workers with a payslip
	Runs     []string  // "1", "2 (correctie)"
	Figures  Figures
	Cumulate Figures // the year's totals up to and including this period
}

// Year is the loonstaat of a tax year: per worker, per period and in total.
type Year struct {
	Year    int
	Agency  domain.Agency
	Workers []*WorkerYear  // by number
	Periods []*PeriodTotal // by period
	Totals  Figures
	Runs    int // final runs read
}

// Worker returns the worker's year, nil when not paid in the year.
func (y *Year) Worker(id int64) *WorkerYear {
	for _, w := range y.Workers {
		if w.WorkerID == id {
			return w
		}
	}
	return nil
}
