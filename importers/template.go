package importers

import (
	"encoding/json"
	"fmt"
	"strings"

	"verloner/domain"
)

// Layout is the shape of an hour sheet.
type Layout string

// Hour-sheet layouts.
const (
	LayoutLong Layout = "long" // one row per worker × date × hour type
	LayoutWide Layout = "wide" // one row per worker × date, a column per hour type
	LayoutWeek Layout = "week" // one row per worker (× hour type), a column per day
)

// Kinds of import a template is for.
const (
	KindHours      = "hours"
	KindPlacements = "placements"
)

// ColumnMap binds one column of the hirer's file to a field, by header text
// (compared normalised) or by column letter.
type ColumnMap struct {
	Header string `json:"header,omitempty"`
	Column string `json:"column,omitempty"`
	Field  Field  `json:"field"`
}

// Template is a hirer's mapping: how to read its files. It is stored per
// hirer in the database; the first one is guessed from the headers, and the
// user adjusts and saves it. Zero values mean "detect".
type Template struct {
	Name        string                     `json:"name"`
	Hirer       string                     `json:"hirer,omitempty"` // hirer number; also the default hirer of every line
	Kind        string                     `json:"kind"`
	Layout      Layout                     `json:"layout,omitempty"`
	Sheet       string                     `json:"sheet,omitempty"`      // only this sheet ("" = every sheet that has a header)
	HeaderRow   int                        `json:"header_row,omitempty"` // 1-based; 0 = detect
	SkipRows    int                        `json:"skip_rows,omitempty"`  // rows above the header to ignore when detecting
	Delimiter   string                     `json:"delimiter,omitempty"`  // ";", ",", "tab"; "" = detect
	DecimalSign string                     `json:"decimal_sign,omitempty"`
	DateOrder   DateOrder                  `json:"date_order,omitempty"`
	Columns     []ColumnMap                `json:"columns,omitempty"`
	Recode      map[string]domain.HourType `json:"recode,omitempty"` // hirer's code → ours
	DefaultType domain.HourType            `json:"default_type,omitempty"`
	Unit        QuantityUnit               `json:"unit,omitempty"`
	NightShift  string                     `json:"night_shift,omitempty"` // "start" (default) or "end": the day a shift over midnight counts to
	Week        int                        `json:"week,omitempty"`        // week of a week grid without a week cell
	Year        int                        `json:"year,omitempty"`
}

// Validate checks a template before it is saved.
func (t *Template) Validate() error {
	if strings.TrimSpace(t.Name) == "" {
		return domain.Errorf(domain.EINVALID, "Sjabloon zonder naam.")
	}
	switch t.Kind {
	case KindHours, KindPlacements:
	default:
		return domain.Errorf(domain.EINVALID, "Sjabloon %s: soort %q onbekend (hours, placements).", t.Name, t.Kind)
	}
	switch t.Layout {
	case "", LayoutLong, LayoutWide, LayoutWeek:
	default:
		return domain.Errorf(domain.EINVALID, "Sjabloon %s: indeling %q onbekend (long, wide, week).", t.Name, t.Layout)
	}
	switch t.Delimiter {
	case "", ";", ",", "tab", "\t", "|":
	default:
		return domain.Errorf(domain.EINVALID, "Sjabloon %s: scheidingsteken %q onbekend.", t.Name, t.Delimiter)
	}
	switch t.DecimalSign {
	case "", ",", ".":
	default:
		return domain.Errorf(domain.EINVALID, "Sjabloon %s: decimaalteken %q onbekend (, of .).", t.Name, t.DecimalSign)
	}
	switch t.DateOrder {
	case "", DMY, YMD, MDY:
	default:
		return domain.Errorf(domain.EINVALID, "Sjabloon %s: datumvolgorde %q onbekend (DMY, YMD, MDY).", t.Name, t.DateOrder)
	}
	switch t.Unit {
	case "", UnitHours, UnitMinutes, UnitDays:
	default:
		return domain.Errorf(domain.EINVALID, "Sjabloon %s: eenheid %q onbekend.", t.Name, t.Unit)
	}
	switch t.NightShift {
	case "", "start", "end":
	default:
		return domain.Errorf(domain.EINVALID, "Sjabloon %s: nachtdienst %q onbekend (start, end).", t.Name, t.NightShift)
	}
	if t.DefaultType != "" && !t.DefaultType.Valid() {
		return domain.Errorf(domain.EINVALID, "Sjabloon %s: standaarduursoort %q onbekend.", t.Name, t.DefaultType)
	}
	for k, v := range t.Recode {
		if !v.Valid() {
			return domain.Errorf(domain.EINVALID, "Sjabloon %s: hercodering %q → %q: onbekende uursoort.", t.Name, k, v)
		}
	}
	if t.HeaderRow < 0 || t.SkipRows < 0 || t.Week < 0 || t.Week > 53 {
		return domain.Errorf(domain.EINVALID, "Sjabloon %s: negatieve rij of week.", t.Name)
	}
	return nil
}

// delimiter returns the CSV delimiter rune, 0 for detect.
func (t *Template) delimiter() rune {
	switch t.Delimiter {
	case ";":
		return ';'
	case ",":
		return ','
	case "tab", "\t":
		return '\t'
	case "|":
		return '|'
	}
	return 0
}

func (t *Template) decimalSign() rune {
	switch t.DecimalSign {
	case ",":
		return ','
	case ".":
		return '.'
	}
	return 0
}

// recode maps a hirer's hour-type code to ours: the template's recoding
// first (compared normalised), then the built-in recognition.
func (t *Template) recode(code string) (domain.HourType, bool) {
	if len(t.Recode) > 0 {
		n := NormalizeHeader(code)
		for k, v := range t.Recode {
			if NormalizeHeader(k) == n {
				return v, true
			}
		}
	}
	return RecognizeHourType(code)
}

// mapped returns the template's field for a column, if it says one.
func (t *Template) mapped(col int, header string) (Field, bool) {
	letter := ColumnName(col)
	n := NormalizeHeader(header)
	for _, c := range t.Columns {
		if c.Column != "" && strings.EqualFold(c.Column, letter) {
			return c.Field, true
		}
	}
	for _, c := range t.Columns {
		if c.Column == "" && c.Header != "" && NormalizeHeader(c.Header) == n {
			return c.Field, true
		}
	}
	return "", false
}

// Clone returns a deep copy, so a preview can adjust a stored template.
func (t *Template) Clone() *Template {
	if t == nil {
		return nil
	}
	b, _ := json.Marshal(t)
	var c Template
	_ = json.Unmarshal(b, &c)
	return &c
}

// String summarises the template for logs and the CLI.
func (t *Template) String() string {
	return fmt.Sprintf("%s (%s, %s, kopregel %d, %d kolommen)", t.Name, t.Kind, t.Layout, t.HeaderRow, len(t.Columns))
}
