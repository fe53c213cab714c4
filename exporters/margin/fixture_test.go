package margin_test

import (
	"time"

	"github.com/shopspring/decimal"

	"verloner/domain"
	dm "verloner/domain/margin"
)

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

var w47 = domain.Period{Kind: domain.Weekly, Year: 2026, Number: 47}

var baseDir = dm.Directory{
	Workers: map[int64]dm.Worker{1: {Number: "1001", Name: "Anna de Vries"}, 2: {Number: "1002", Name: "Łukasz Wiśniewski"},
		3: {Number: "1003", Name: "=HYPERLINK(\"x\")"}, 4: {Number: "1004", Name: "Zonder Uren"}},
	Hirers: map[int64]dm.Hirer{10: {Number: "INL01", Name: "Brabant Logistiek B.V."}, 20: {Number: "INL02", Name: "+31 Bouw*"}},
	Placements: map[int64]dm.Placement{
		100: {Number: "PL100", WorkerID: 1, HirerID: 10, Function: "Orderpicker"},
		200: {Number: "PL200", WorkerID: 1, HirerID: 20, Function: "Timmerman"},
		300: {Number: "PL300", WorkerID: 2, HirerID: 10, Function: "Orderpicker"},
		400: {Number: "PL400", WorkerID: 3, HirerID: 20, Function: ""},
	},
}

var dir = baseDir

func line(number string, n int, placement int64, typ domain.HourType, qty, rate, pct string, credit, est bool) dm.Revenue {
	p := dir.Placements[placement]
	unit := dm.UnitHour
	if typ == domain.HourKilometres {
		unit = dm.UnitKm
	}
	r := dm.Revenue{Invoice: number, Line: n, Credit: credit, Estimated: est, HirerID: p.HirerID, PlacementID: placement, WorkerID: p.WorkerID,
		Placement: p.Number, Function: p.Function, Type: typ, Description: string(typ), Unit: unit, Quantity: dec(qty), Rate: dec(rate), BillPercent: dec(pct)}
	r.Amount = domain.RoundCents(r.Quantity.Mul(r.Rate).Mul(r.BillPercent).Div(domain.Hundred))
	if credit {
		r.Quantity, r.Amount = r.Quantity.Neg(), r.Amount.Neg()
	}
	if est {
		r.Invoice, r.Line = "", 0
	}
	return r
}

// fixture is an overview with a worker for two hirers, a credit note, an
// estimated line, a worker not paid yet, a worker paid without hours,
// formula-like names and a backoffice fee.
func fixture() *dm.Overview { return fixtureWith("Timmerman") }

// fixtureWith names the second function (a wildcard name exercises the
// escaped SUMIFS criterion).
func fixtureWith(function string) *dm.Overview {
	dir := dir
	dir.Placements = map[int64]dm.Placement{}
	for id, p := range baseDir.Placements {
		if id == 200 {
			p.Function = function
		}
		dir.Placements[id] = p
	}
	costs := []dm.Cost{
		{WorkerID: 1, Gross: dec("1000.00"), Drawn: dec("40.00"), Untaxed: dec("23.00"), Reservations: dec("110.50"), Premiums: dec("170.33"),
			PensionEmployer: dec("50.17"), WageCost: dec("1314.00"), PaidHours: dec("41"), Weeks: 1,
			Hours: []dm.PaidHours{{PlacementID: 100, Type: domain.HourNormal, Hours: dec("24")}, {PlacementID: 200, Type: domain.HourNormal, Hours: dec("14")},
				{PlacementID: 200, Type: domain.HourOvertime125, Hours: dec("3")}}},
		{WorkerID: 2, Gross: dec("700.00"), Reservations: dec("56.00"), Premiums: dec("120.01"), PensionEmployer: dec("30.00"),
			WageCost: dec("906.01"), PaidHours: dec("37.5"), Weeks: 1,
			Hours: []dm.PaidHours{{PlacementID: 300, Type: domain.HourNormal, Hours: dec("37.5")}}},
		{WorkerID: 4, Gross: dec("100.00"), Drawn: dec("100.00"), Premiums: dec("20.00"), WageCost: dec("20.00")},
	}
	rev := []dm.Revenue{
		line("2026-000001", 1, 100, domain.HourNormal, "24", "27.90", "100", false, false),
		line("2026-000001", 2, 300, domain.HourNormal, "37.5", "27.90", "100", false, false),
		line("2026-000001", 3, 300, domain.HourKilometres, "120", "0.23", "100", false, false),
		line("2026-000002", 1, 200, domain.HourNormal, "14", "41.15", "100", false, false),
		line("2026-000002", 2, 200, domain.HourOvertime125, "3", "41.15", "125", false, false),
		line("2026-000003", 1, 300, domain.HourNormal, "1.5", "27.90", "100", true, false),
		line("", 0, 400, domain.HourNormal, "16", "33.333", "100", false, true),
	}
	cur := dm.Compute(w47, costs, rev, dir)
	prev := dm.Compute(w47.Prev(), costs[1:2], rev[1:2], dir)
	periods := dm.YearPeriods(w47)
	year := make([]*dm.Margins, len(periods))
	year[len(year)-2], year[len(year)-1] = prev, cur
	ly, _ := dm.LastYearPeriod(w47)
	return dm.Build(dm.Inputs{Agency: "Flexwerk Zuid B.V.", Current: cur, Previous: prev, LastYearP: ly, Year: year, YearPeriods: periods,
		HasFinalRun: true, Fee: dm.Fee{Kind: dm.FeePercent, Rate: dec("12.5"), Backoffice: "Payroll Partners B.V."},
		Debtors: dm.Debtors{AsOf: domain.Date(2026, 11, 30), Hirers: []dm.Debtor{{HirerID: 10, Hirer: "INL01", Name: "Brabant Logistiek B.V.",
			Invoices: 2, Open: dec("2400.12"), Overdue: dec("1200.00")}}},
		Generated: time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC)})
}
