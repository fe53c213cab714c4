package payroll

import (
	"time"

	"github.com/shopspring/decimal"

	"verloner/domain"
)

// CAO rules that are not figures of the yearly parameter pack: they change with
// a CAO version rather than a tax year, and phase counting looks back across
// years for which no pack is shipped. Each rule cites §7 of the reference.
// TODO(pack format 2): these could move into the packs once a pack covers a
// CAO period.

// etCap is the CAO cap on ET-uitruil as a fraction of the gross wage before
// the exchange: 30 % from 1-1-2026 (CAO 2026–2028 art. 37 lid 2 sub c, §6 of
// the reference, SINGLE-SOURCE S41). Before 2026 the CAO had no percentage cap;
// only the minimum-wage floor applied (§6, VERIFIED).
func etCap(payDate time.Time) (decimal.Decimal, bool) {
	if payDate.Before(cao2026) {
		return decimal.Decimal{}, false
	}
	return etCapFraction, true
}

var (
	cao2026       = domain.Date(2026, 1, 1)
	etCapFraction = decimal.New(30, -2)
	etCapPercent  = decimal.NewFromInt(30)
)

// awfYoungHours is the maximum number of paid hours in the period for the AWf
// exception for employees younger than 21 (Wfsv art. 27 lid 3, §4: at most 48
// verloonde uren per 4 weeks or 52 per month). For a weekly period the law has
// no figure; 12 hours is 48 / 4 [DER, §4 "≤ 12 h/week matches 48 h / 4 weeks"].
// The law counts the hours over the aangiftetijdvak; when a weekly payroll files
// per 4 weeks or month the caller should pass the right period kind.
var awfYoungHours = map[domain.PeriodKind]decimal.Decimal{
	domain.Weekly:   decimal.NewFromInt(12),
	domain.FourWeek: decimal.NewFromInt(48),
	domain.Monthly:  decimal.NewFromInt(52),
}
