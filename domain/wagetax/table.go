package wagetax

import (
	"github.com/shopspring/decimal"

	"verloner/domain"
	"verloner/domain/params"
)

// Row is one line of a loonheffing table for a period wage, as the `verloner
// tax` command prints it and as the witte tabel shows it.
type Row struct {
	Wage          decimal.Decimal // the period wage asked for
	TableWage     decimal.Decimal // the printed tabelloon of its row (the wage itself above the table)
	AboveTable    bool
	WithoutCredit decimal.Decimal // loonheffing zonder loonheffingskorting
	WithCredit    decimal.Decimal // loonheffing met loonheffingskorting
	LabourCredit  decimal.Decimal // verrekende arbeidskorting (met loonheffingskorting)
}

// CSVHeader is the header of the CSV form of rows, matching Row.CSV.
var CSVHeader = []string{"wage", "without_credit", "with_credit", "labour_credit"}

// CSV returns the row as CSV fields (amounts with two decimals and a point).
func (r Row) CSV() []string {
	return []string{r.Wage.StringFixed(2), r.WithoutCredit.StringFixed(2), r.WithCredit.StringFixed(2), r.LabourCredit.StringFixed(2)}
}

// TableRow returns the table line for one period wage: both loonheffing
// columns and the verrekende arbeidskorting, for an age group with or without
// alleenstaande-ouderenkorting.
func TableRow(p *params.Pack, period domain.PeriodKind, wage decimal.Decimal, aow params.AOW, singleElderly bool) (Row, error) {
	res, err := Compute(p, Input{Period: period, Wage: wage, ApplyCredit: true, AOW: aow, SingleElderly: singleElderly})
	if err != nil {
		return Row{}, err
	}
	return Row{
		Wage: wage, TableWage: res.TableWage, AboveTable: res.AboveTable,
		WithoutCredit: res.TaxWithout, WithCredit: res.TaxWith, LabourCredit: res.LabourCredit,
	}, nil
}

// TableRows returns TableRow for each wage; an error names the position (from 1)
// of the wage that failed.
func TableRows(p *params.Pack, period domain.PeriodKind, wages []decimal.Decimal, aow params.AOW, singleElderly bool) ([]Row, error) {
	rows := make([]Row, 0, len(wages))
	for i, w := range wages {
		r, err := TableRow(p, period, w, aow, singleElderly)
		if err != nil {
			// Rebuilt rather than wrapped, so the message a user sees keeps the position.
			return nil, domain.Errorf(domain.ErrorCode(err), "loon %d (%s): %s", i+1, w, domain.ErrorMessage(err))
		}
		rows = append(rows, r)
	}
	return rows, nil
}

// Table returns the complete witte tabel of a period for an age group: one row
// per table-wage step Lv from the first step up to Lmax, each at its printed
// tabelloon (the lowest period wage in cents of the row), as the Belastingdienst
// prints it. For the month this is the witte maandtabel.
func Table(p *params.Pack, period domain.PeriodKind, aow params.AOW, singleElderly bool) ([]Row, error) {
	t, err := tablesFor(p)
	if err != nil {
		return nil, err
	}
	pi, err := periodIndex(period)
	if err != nil {
		return nil, err
	}
	f := t.factors[pi]
	rows := make([]Row, 0, t.steps)
	for k := int64(1); k <= t.steps; k++ {
		wage := divCeilCents(t.lv.Mul(decimal.NewFromInt(k)), f)
		r, err := TableRow(p, period, wage, aow, singleElderly)
		if err != nil {
			return nil, err
		}
		rows = append(rows, r)
	}
	return rows, nil
}
