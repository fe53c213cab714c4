// Package reservations writes the reservations statement: per worker what the
// payroll has reserved and not yet paid out on a date — vakantiegeld,
// feestdagen, kort verzuim in euros, vakantie-uren in hours (from 2026) with
// their value at the worker's hourly wage — and the totals. The accountant
// books the totals as a liability (reservering vakantiegeld en -dagen) on the
// balance date; the agency checks who is owed what.
package reservations

import (
	"fmt"
	"io"
	"slices"
	"time"

	"github.com/shopspring/decimal"

	"verloner/domain"
	"verloner/domain/payroll"
	"verloner/exporters/xlsx"
)

// Unit is what a balance counts.
type Unit string

// Units.
const (
	Money Unit = "money"
	Hours Unit = "hours"
)

// Key is one column of balances: a scheme in one unit.
type Key struct {
	Scheme string // vakantiebijslag, vakantie_uren, feestdagen, kort_verzuim
	Unit   Unit
}

// Row is one worker's balances.
type Row struct {
	Number, Name string
	Balances     map[Key]decimal.Decimal
	// HourlyWage values hours balances: the wage of the worker's latest
	// placement (zero: no value shown).
	HourlyWage decimal.Decimal
}

// Statement is the statement on one date.
type Statement struct {
	Agency string
	At     time.Time
	Rows   []Row
}

// schemeOrder is the order of the columns, as on the payslip.
var schemeOrder = []string{payroll.SchemeHolidayPay, payroll.SchemeHolidayHours, payroll.SchemePublicDays, payroll.SchemeShortLeave}

// Keys are the columns the statement needs, in the payslip's order of
// schemes, money before hours.
func (s *Statement) Keys() []Key {
	seen := map[Key]bool{}
	for _, r := range s.Rows {
		for k := range r.Balances {
			seen[k] = true
		}
	}
	keys := make([]Key, 0, len(seen))
	for k := range seen {
		keys = append(keys, k)
	}
	rank := func(scheme string) int {
		if i := slices.Index(schemeOrder, scheme); i >= 0 {
			return i
		}
		return len(schemeOrder)
	}
	slices.SortFunc(keys, func(a, b Key) int {
		if ra, rb := rank(a.Scheme), rank(b.Scheme); ra != rb {
			return ra - rb
		}
		if a.Scheme != b.Scheme {
			if a.Scheme < b.Scheme {
				return -1
			}
			return 1
		}
		if a.Unit == b.Unit {
			return 0
		}
		if a.Unit == Money {
			return -1
		}
		return 1
	})
	return keys
}

// HoursValue is an hours balance at the hourly wage, rounded half up to
// cents as an hour line of the payslip is; employer charges are not in it.
func HoursValue(hours, wage decimal.Decimal) decimal.Decimal {
	return domain.RoundCents(hours.Mul(wage))
}

// Totals are the column totals, and the total value of the hours balances.
func (s *Statement) Totals() (map[Key]decimal.Decimal, decimal.Decimal) {
	totals := map[Key]decimal.Decimal{}
	var value decimal.Decimal
	for _, r := range s.Rows {
		for k, v := range r.Balances {
			totals[k] = totals[k].Add(v)
			if k.Unit == Hours && r.HourlyWage.IsPositive() {
				value = value.Add(HoursValue(v, r.HourlyWage))
			}
		}
	}
	return totals, value
}

// WriteXLSX writes the statement as a workbook with one sheet: a row per
// worker, the totals below in bold.
func WriteXLSX(w io.Writer, s *Statement) error {
	keys := s.Keys()
	hasHours := slices.ContainsFunc(keys, func(k Key) bool { return k.Unit == Hours })
	cols := []xlsx.Column{{Header: "Nr", Width: 9}, {Header: "Naam", Width: 28}}
	for _, k := range keys {
		title := payroll.SchemeNames[k.Scheme].NL
		if title == "" {
			title = k.Scheme
		}
		switch k.Unit {
		case Hours:
			cols = append(cols, xlsx.Column{Header: title + " (uur)", Width: 16, Kind: xlsx.Number})
		default:
			cols = append(cols, xlsx.Column{Header: title + " (€)", Width: 16, Kind: xlsx.Money})
		}
	}
	if hasHours {
		cols = append(cols, xlsx.Column{Header: "Uurloon", Width: 11, Kind: xlsx.Money},
			xlsx.Column{Header: "Waarde uren (€)", Width: 16, Kind: xlsx.Money})
	}
	b := xlsx.New()
	defer b.Close()
	title := fmt.Sprintf("Reserveringen per %s — %s (niet uitbetaald; waarde van uren tegen het laatste uurloon, zonder werkgeverslasten)",
		s.At.Format("02-01-2006"), s.Agency)
	sh, err := b.AddSheet("Reserveringen", cols, title)
	if err != nil {
		return err
	}
	for _, r := range s.Rows {
		vals := []any{r.Number, r.Name}
		var value decimal.Decimal
		for _, k := range keys {
			v, ok := r.Balances[k]
			if !ok {
				vals = append(vals, nil)
				continue
			}
			vals = append(vals, v)
			if k.Unit == Hours && r.HourlyWage.IsPositive() {
				value = value.Add(HoursValue(v, r.HourlyWage))
			}
		}
		if hasHours {
			if r.HourlyWage.IsPositive() {
				vals = append(vals, r.HourlyWage, value)
			} else {
				vals = append(vals, nil, nil)
			}
		}
		if err := sh.Row(vals...); err != nil {
			return err
		}
	}
	totals, value := s.Totals()
	vals := []any{"Totaal", fmt.Sprintf("%d uitzendkrachten", len(s.Rows))}
	for _, k := range keys {
		vals = append(vals, totals[k])
	}
	if hasHours {
		vals = append(vals, nil, value)
	}
	if err := sh.RowWith(xlsx.RowStyle{Bold: true, Fill: "EDEDED"}, vals...); err != nil {
		return err
	}
	_, err = b.WriteTo(w)
	return err
}
