package payslip

import (
	"encoding/json"
	"sync"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"verloner/assets"
	"verloner/domain"
	"verloner/domain/params"
	"verloner/domain/payroll"
)

// The demo administration (assets/demo/demo.json), read with the few fields
// a payslip needs.
type demoFile struct {
	Period string `json:"period"`
	Agency struct {
		Name, Street, City, Country string
		PostalCode                  string `json:"postal_code"`
		KvK                         string `json:"kvk"`
		LoonheffingenNr             string `json:"loonheffingen_nr"`
	} `json:"agency"`
	Workers []struct {
		Number, Initials, Street, City, Country, Language, Reservations, Phase string
		FirstName                                                              string `json:"first_name"`
		Prefix                                                                 string `json:"prefix"`
		LastName                                                               string `json:"last_name"`
		BirthDate                                                              string `json:"birth_date"`
		BSN                                                                    string `json:"bsn"`
		PostalCode                                                             string `json:"postal_code"`
		IBAN                                                                   string `json:"iban"`
		TaxCredit                                                              bool   `json:"tax_credit"`
		TaxCreditSigned                                                        string `json:"tax_credit_signed_on"`
		ETEligible                                                             bool   `json:"et_eligible"`
		ETHomeAbroad                                                           string `json:"et_home_abroad"`
		ETTravelCosts                                                          string `json:"et_travel_costs"`
		ETHousingSNF                                                           string `json:"et_housing_snf"`
		DeductionAuth                                                          string `json:"deduction_auth_signed"`
	} `json:"workers"`
	Hirers []struct {
		Number, Name string
	} `json:"hirers"`
	Placements []struct {
		Number, Worker, Hirer, Function, Start string
		HourlyWage                             string `json:"hourly_wage"`
		TravelPerKm                            string `json:"travel_per_km"`
		Rates                                  []struct {
			Type       string `json:"type"`
			PayPercent string `json:"pay_percent"`
		} `json:"rates"`
	} `json:"placements"`
	Hours []struct {
		Placement, Date, Type, Quantity string
	} `json:"hours"`
}

var (
	demoOnce sync.Once
	demo     demoFile
	demoSet  *params.Set
	demoErr  error
)

func loadDemo(tb testing.TB) {
	tb.Helper()
	demoOnce.Do(func() {
		if demoErr = json.Unmarshal(assets.Demo, &demo); demoErr != nil {
			return
		}
		demoSet, demoErr = params.Builtin()
	})
	if demoErr != nil {
		tb.Fatal(demoErr)
	}
}

func day(s string) time.Time {
	if s == "" {
		return time.Time{}
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

func dec(s string) decimal.Decimal {
	if s == "" {
		return decimal.Zero
	}
	return decimal.RequireFromString(s)
}

// variant adds the items a plain demo week lacks.
type variant struct {
	extras  bool // advance, housing deduction, holiday-pay payout, expenses, ET
	month   bool // the month 2026-11 with the demo week's hours in each of its four weeks
	concept bool
	lang    domain.Language
}

// demoDoc builds the payslip document of a demo worker for the demo week,
// calculated with the built-in 2026 pack.
func demoDoc(tb testing.TB, number string, v variant) *Document {
	tb.Helper()
	loadDemo(tb)
	period, err := domain.ParsePeriod(demo.Period)
	if err != nil {
		tb.Fatal(err)
	}
	shifts := []int{0}
	if v.month {
		period, shifts = domain.Period{Kind: domain.Monthly, Year: 2026, Number: 11}, []int{-14, -7, 0, 7}
	}
	a := demo.Agency
	agency := &domain.Agency{Name: a.Name, Address: domain.Address{Street: a.Street, PostalCode: a.PostalCode, City: a.City, Country: a.Country},
		KvK: a.KvK, LoonheffingenNummer: a.LoonheffingenNr, Frequency: domain.Weekly, EmployerSize: domain.SmallEmployer}
	var w *domain.Worker
	for i, dw := range demo.Workers {
		if dw.Number != number {
			continue
		}
		w = &domain.Worker{ID: int64(i + 1), Number: dw.Number, Initials: dw.Initials, FirstName: dw.FirstName, Prefix: dw.Prefix,
			LastName: dw.LastName, BirthDate: day(dw.BirthDate), BSN: dw.BSN, IBAN: dw.IBAN,
			Address:        domain.Address{Street: dw.Street, PostalCode: dw.PostalCode, City: dw.City, Country: dw.Country},
			ApplyTaxCredit: dw.TaxCredit, TaxCreditSignedOn: day(dw.TaxCreditSigned), Phase: domain.Phase(dw.Phase),
			Language: domain.Language(dw.Language), Reservations: domain.ReservationMode(dw.Reservations),
			ETEligible: dw.ETEligible, ET: domain.ETProofs{HomeAbroad: day(dw.ETHomeAbroad), TravelCosts: day(dw.ETTravelCosts),
				HousingSNF: day(dw.ETHousingSNF)}, DeductionAuthSigned: day(dw.DeductionAuth)}
	}
	if w == nil {
		tb.Fatalf("demo worker %s not found", number)
	}
	hirers := map[string]string{}
	for _, h := range demo.Hirers {
		hirers[h.Number] = h.Name
	}
	placements := map[int64]*domain.Placement{}
	byNumber := map[string]*domain.Placement{}
	var infos []Placement
	for i, p := range demo.Placements {
		if p.Worker != number {
			continue
		}
		dp := &domain.Placement{ID: int64(100 + i), Number: p.Number, WorkerID: w.ID, HirerID: 1, Function: p.Function,
			Start: day(p.Start), HourlyWage: dec(p.HourlyWage), TravelPerKm: dec(p.TravelPerKm), Phase: w.Phase}
		for _, r := range p.Rates {
			dp.Rates = append(dp.Rates, domain.HourTypeRate{Type: domain.HourType(r.Type), PayPercent: dec(r.PayPercent), BillPercent: dec(r.PayPercent)})
		}
		placements[dp.ID] = dp
		byNumber[p.Number] = dp
		infos = append(infos, Placement{PlacementID: dp.ID, Number: p.Number, Hirer: hirers[p.Hirer], Function: p.Function, HourlyWage: dp.HourlyWage})
	}
	var lines []*domain.HourLine
	for _, h := range demo.Hours {
		p := byNumber[h.Placement]
		if p == nil {
			continue
		}
		r, _ := p.Rate(domain.HourType(h.Type))
		for _, shift := range shifts {
			lines = append(lines, &domain.HourLine{PlacementID: p.ID, Date: day(h.Date).AddDate(0, 0, shift), Type: domain.HourType(h.Type),
				Quantity: dec(h.Quantity), PayPercent: r.PayPercent, Status: domain.HoursApproved})
		}
	}
	ytd := payroll.YearToDate{Periods: period.Number - 1, TableWage: dec("29874.12"), WageTax: dec("1904.55")}
	in := payroll.Input{Period: period, Worker: w, Placements: placements, Lines: lines, YearToDate: ytd, Jaarloon: dec("31500")}
	holidayBefore := dec("1842.17")
	if v.extras {
		w.DeductionAuthSigned = domain.Date(2026, 1, 5)
		in.Extras.Advances = []*domain.Advance{{ID: 7, WorkerID: w.ID, Period: period.Prev(), Amount: dec("50"), PaidOn: domain.Date(2026, 11, 13)}}
		in.Extras.Deductions = []*domain.Deduction{{ID: 9, WorkerID: w.ID, Period: period, Kind: domain.DeductionHousing, Amount: dec("95")}}
		in.Extras.Expenses = []payroll.Expense{{Code: "DECL", Amount: dec("12.40"), Text: payroll.Text{NL: "Parkeerkosten", EN: "Parking costs", PL: "Koszty parkowania"}}}
		if w.Reservations == domain.ReservationsReserved {
			in.Extras.Payouts = []payroll.ReservationPayout{{Scheme: payroll.SchemeHolidayPay, Amount: dec("250")}}
		}
		if w.ETEligible && w.ET.Complete() {
			in.Extras.ETCosts = dec("60")
		}
	}
	p, err := demoSet.For(period.PayDate())
	if err != nil {
		tb.Fatal(err)
	}
	ps, err := payroll.Calculate(p, in)
	if err != nil {
		tb.Fatalf("payroll %s: %v", number, err)
	}
	wml, err := p.MinimumWageHourly(domain.AgeOn(w.BirthDate, period.End()), period.End())
	if err != nil {
		tb.Fatal(err)
	}
	doc := &Document{Agency: agency, Worker: w, Placements: infos, Period: period, Payslip: ps,
		Hours: DayHoursFrom(in), MinimumWageHourly: wml, AgreedHoursPerWeek: dec("40"),
		Concept: v.concept, Lang: v.lang, RunRef: period.String() + "-01",
		Created: time.Date(2026, 11, 24, 9, 30, 0, 0, time.UTC)}
	var res []ReservationBalance
	if acc, drawn := ps.ReservationsAccrued[payroll.SchemeHolidayPay], ps.ReservationsDrawn[payroll.SchemeHolidayPay]; !acc.IsZero() || !drawn.IsZero() {
		res = append(res, ReservationBalance{Scheme: payroll.SchemeHolidayPay, Unit: Money, Before: holidayBefore, Accrued: acc,
			Drawn: drawn, After: holidayBefore.Add(acc).Sub(drawn)})
	}
	if h := ps.LeaveHoursAccrued[payroll.SchemeHolidayHours]; !h.IsZero() {
		res = append(res, ReservationBalance{Scheme: payroll.SchemeHolidayHours, Unit: Hours, Before: dec("61.25"), Accrued: h,
			Drawn: dec("8"), After: dec("53.25").Add(h)})
	}
	doc.Reservations = res
	doc.YearToDate = &YearToDate{Periods: ps.YearToDate.Periods, FiscalWage: ps.YearToDate.TableWage.Add(ps.YearToDate.SpecialWage),
		WageTax: ps.YearToDate.WageTax, Gross: dec("31240.50").Add(ps.Gross), LabourCredit: dec("2811.04").Add(ps.LabourCreditApplied),
		PensionEmployee: dec("1188.30").Add(ps.PensionEmployee), Net: dec("26402.93").Add(ps.Net)}
	return doc
}
