package payroll_test

import (
	"fmt"

	"github.com/shopspring/decimal"

	"verloner/domain"
	"verloner/domain/params"
	"verloner/domain/payroll"
)

// A full-time fase-A worker at the minimum wage of 1 July 2026 (the golden
// scenario fase_a_wml_2026w28, explained in testdata/fase_a_wml_2026w28.md).
func ExampleCalculateFor() {
	packs, _ := params.Builtin()
	w := &domain.Worker{ID: 1, Number: "1001", LastName: "Kowalski", BirthDate: domain.Date(1995, 5, 5),
		BSN: "123456782", ApplyTaxCredit: true, TaxCreditSignedOn: domain.Date(2026, 1, 5),
		Phase: domain.PhaseA, Uitzendbeding: true, Reservations: domain.ReservationsReserved, Language: domain.Polish}
	pl := &domain.Placement{ID: 7, Number: "P7", WorkerID: 1, HourlyWage: decimal.RequireFromString("14.99")}
	var lines []*domain.HourLine
	for d := 6; d <= 10; d++ {
		lines = append(lines, &domain.HourLine{PlacementID: 7, Date: domain.Date(2026, 7, d), Type: domain.HourNormal,
			Quantity: decimal.NewFromInt(8)})
	}
	ps, err := payroll.CalculateFor(packs, payroll.Input{Period: domain.Period{Kind: domain.Weekly, Year: 2026, Number: 28},
		Worker: w, Placements: map[int64]*domain.Placement{7: pl}, Lines: lines})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, l := range ps.Lines {
		if l.Category != payroll.CatEmployerCost {
			fmt.Printf("%-45s %10s\n", l.Text.In(w.Language), domain.FormatEuro(l.Amount))
		}
	}
	fmt.Println("netto", domain.FormatEuro(ps.Net), "| loonkosten", domain.FormatEuro(ps.WageCost), "| per uur", domain.FormatEuro(ps.WageCostPerHour))
	// Output:
	// Przepracowane godziny                           € 599,60
	// Składka emerytalna StiPP (część pracownika)      € 17,25
	// Podatek od wynagrodzenia (loonheffing)           € 45,02
	// Rezerwa na dodatek urlopowy                      € 47,97
	// netto € 537,33 | loonkosten € 842,76 | per uur € 21,07
}
