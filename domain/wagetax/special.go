package wagetax

import (
	"fmt"
	"sync"

	"github.com/shopspring/decimal"

	"verloner/domain"
	"verloner/domain/params"
)

// Rate is the percentage the tabel bijzondere beloningen gives for a jaarloon,
// with the row and columns it came from so a payslip or audit can show them.
type Rate struct {
	// RowFrom is the jaarloon (whole euros) from which the row applies.
	RowFrom decimal.Decimal
	// Without, Standard and Offset are the row's columns for the age group:
	// tarief zonder loonheffingskorting, standaardtarief, verrekeningspercentage.
	Without, Standard, Offset params.Percent
	// Applied is Without, or Standard + Offset with loonheffingskorting.
	Applied params.Percent
}

// Special returns the loonheffing on a special reward — holiday pay
// (vakantiebijslag), a bonus, back pay, overtime paid separately, a paid-out
// reservation treated as bijzondere beloning — by the tabel bijzondere
// beloningen (§3.3 of the reference), and the rate used.
//
// jaarloon is the worker's loon voor de loonbelasting from this employer in the
// previous calendar year, annualised when he worked only part of it (several
// spells in the year count as one); for a worker new this year, the expected
// annual wage of this year. Choosing it is the caller's business.
//
// Row selection (UNVERIFIED, §3.3): jaarloon is rounded down to whole euros and
// the last row whose "from" amount is ≤ that is used, i.e. each printed amount
// is the inclusive start of its row. This follows transcription S10 and lines
// up with the statutory thresholds (29.737 is the first euro above the AHK's
// 29.736; 38.884 the first of bracket 2; 78.427 the first of bracket 3); the
// other transcription (S43) puts each break one euro higher.
//
// Rounding (UNVERIFIED, §3.3 step 4: no source states it): amount × rate,
// rounded half up to cents.
//
// There is no column for the alleenstaande-ouderenkorting; for AOW-age workers
// the AOW columns (excluding AOK) are used. A pack without the table (2025)
// makes Special refuse: the rate is never guessed.
func Special(p *params.Pack, jaarloon, amount decimal.Decimal, applyCredit bool, aow params.AOW) (decimal.Decimal, Rate, error) {
	if p == nil {
		return decimal.Zero, Rate{}, domain.Errorf(domain.EINTERNAL, "bijzonder tarief: geen parameterpakket")
	}
	if !aow.Valid() {
		return decimal.Zero, Rate{}, domain.Errorf(domain.EINVALID, "bijzonder tarief: onbekende leeftijdsgroep %d", int(aow))
	}
	if jaarloon.IsNegative() {
		return decimal.Zero, Rate{}, domain.Errorf(domain.EINVALID, "bijzonder tarief: jaarloon %s is negatief", jaarloon.StringFixed(2))
	}
	if amount.IsNegative() {
		return decimal.Zero, Rate{}, domain.Errorf(domain.EINVALID, "bijzonder tarief: bedrag %s is negatief; verwerk een terugbetaling als correctie", amount.StringFixed(2))
	}
	t := specialFor(p)
	if t.err != nil {
		return decimal.Zero, Rate{}, t.err
	}
	c := t.rate(jaarloon.Floor(), aow, applyCredit)
	return roundHalfUpCents(amount.Mul(c.frac)), c.Rate, nil
}

// specialTable is a pack's tabel bijzondere beloningen as Special uses it,
// worked out once per pack: each row's Rate per age group, without and with
// loonheffingskorting, with the applied rate as a fraction. A pack without the
// table keeps its error.
type specialTable struct {
	rows []specialRow
	err  error
}

type specialRow struct {
	from decimal.Decimal
	col  [3][2]specialCol // [params.AOW][applyCredit]
}

type specialCol struct {
	Rate
	frac decimal.Decimal // Applied as a fraction
}

// specialCache maps *params.Pack to *specialTable. Packs are immutable, so the
// table is read once per pack (Pack.SpecialRewards copies its rows on every
// call), as tablesFor does for the wage-tax tables.
var specialCache sync.Map

func specialFor(p *params.Pack) *specialTable {
	if t, ok := specialCache.Load(p); ok {
		return t.(*specialTable)
	}
	t := &specialTable{}
	if table, err := p.SpecialRewards(); err != nil {
		t.err = fmt.Errorf("bijzonder tarief %d: %w", p.Year(), err)
	} else {
		t.rows = make([]specialRow, len(table.Rows))
		for i, r := range table.Rows {
			t.rows[i].from = r.From
			for _, aow := range []params.AOW{params.AOWNone, params.AOWBorn1946OrLater, params.AOWBorn1945OrEarlier} {
				col := r.Rate(aow)
				rate := Rate{RowFrom: r.From, Without: col.Without, Standard: col.Standard, Offset: col.Offset, Applied: col.Without}
				t.rows[i].col[aow][0] = specialCol{rate, rate.Applied.Fraction()}
				rate.Applied = col.WithCredit()
				t.rows[i].col[aow][1] = specialCol{rate, rate.Applied.Fraction()}
			}
		}
	}
	actual, _ := specialCache.LoadOrStore(p, t)
	return actual.(*specialTable)
}

// rate picks the row for a whole-euro jaarloon: the last row whose "from" is
// not above it (rows are ascending from 0, checked when the pack is loaded).
func (t *specialTable) rate(jaarloon decimal.Decimal, aow params.AOW, applyCredit bool) *specialCol {
	row := &t.rows[0]
	for i := 1; i < len(t.rows); i++ {
		if t.rows[i].from.GreaterThan(jaarloon) {
			break
		}
		row = &t.rows[i]
	}
	credit := 0
	if applyCredit {
		credit = 1
	}
	return &row.col[aow][credit]
}
