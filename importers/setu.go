package importers

import (
	"context"
	"encoding/xml"
	"io"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"verloner/domain"
)

// SETU Timecard ("Reporting Time and Expenses"): v1.x is HR-XML 2007-04-15
// (<TimeCard>), v2.0 is https://ontology.setu.nl/messages (<Timecard>). Both
// are decoded into the same records; element names are matched without
// namespaces so that prefixed and unprefixed documents read alike.

type setuID struct {
	Owner  string `xml:"idOwner,attr"`
	Values []struct {
		Name  string `xml:"name,attr"`
		Value string `xml:",chardata"`
	} `xml:"IdValue"`
}

func (id setuID) value() string {
	for _, v := range id.Values {
		if s := strings.TrimSpace(v.Value); s != "" {
			return s
		}
	}
	return ""
}

type setuV1 struct {
	XMLName  xml.Name
	ID       setuID `xml:"Id"`
	Resource struct {
		Person struct {
			IDs  []setuID `xml:"Id"`
			Name struct {
				Formatted string   `xml:"FormattedName"`
				Given     []string `xml:"GivenName"`
				Family    struct {
					Prefix string `xml:"prefix,attr"`
					Value  string `xml:",chardata"`
				} `xml:"FamilyName"`
			} `xml:"PersonName"`
		} `xml:"Person"`
	} `xml:"ReportedResource"`
	Reported struct {
		Status    string `xml:"status,attr"`
		Start     string `xml:"PeriodStartDate"`
		End       string `xml:"PeriodEndDate"`
		Intervals []struct {
			Type          string `xml:"type,attr"`
			Action        string `xml:"actionCode,attr"`
			DayAssignment string `xml:"dayAssignment,attr"`
			ID            setuID `xml:"Id"`
			Start         string `xml:"StartDateTime"`
			End           string `xml:"EndDateTime"`
			Duration      string `xml:"Duration"`
			Rate          struct {
				Multiplier string `xml:"multiplier,attr"`
			} `xml:"RateOrAmount"`
		} `xml:"TimeInterval"`
		Allowances []struct {
			Type     string `xml:"type,attr"`
			Action   string `xml:"actionCode,attr"`
			ID       setuID `xml:"Id"`
			Start    string `xml:"StartDate"`
			Amount   string `xml:"Amount"`
			Quantity string `xml:"Quantity"`
		} `xml:"Allowance"`
	} `xml:"ReportedTime"`
	Refs struct {
		Customer   []setuID `xml:"StaffingCustomerId"`
		Assignment []setuID `xml:"AssignmentId"`
	} `xml:"AdditionalData>StaffingAdditionalData>ReferenceInformation"`
}

type setuValue struct {
	Value  string `xml:"value"`
	Scheme string `xml:"schemeAgencyId"`
}

type setuV2 struct {
	XMLName  xml.Name
	Document setuValue `xml:"documentId"`
	Customer struct {
		IDs []setuValue `xml:"id"`
	} `xml:"customer"`
	Person struct {
		IDs  []setuValue `xml:"id"`
		Name struct {
			Formatted string `xml:"formattedName"`
		} `xml:"name"`
	} `xml:"person"`
	Assignment setuValue `xml:"staffingIds>assignmentId"`
	Intervals  []struct {
		ID            setuValue `xml:"id"`
		Type          string    `xml:"typeCode>value"`
		Start         string    `xml:"period>dateTimePeriod>start"`
		End           string    `xml:"period>dateTimePeriod>end"`
		Total         string    `xml:"timeTotal"`
		DayAssignment string    `xml:"dayAssignment"`
		Multipliers   []string  `xml:"payRates>multiplier"`
	} `xml:"timeInterval"`
	Allowances []struct {
		ID       setuValue `xml:"id"`
		Type     string    `xml:"typeCode>value"`
		Start    string    `xml:"period>datePeriod>start"`
		Quantity string    `xml:"quantity>value"`
		Amounts  []string  `xml:"payRates>amount>value"`
	} `xml:"allowance"`
}

// setuHourType maps a SETU hour type (v1 names, v2 HT codes) with its
// multiplier to ours. The template's recoding wins, so a hirer's own codes
// ("600889" in the v1.2 example) can be mapped.
func setuHourType(tpl *Template, code, multiplier string) (domain.HourType, bool) {
	if len(tpl.Recode) > 0 {
		n := NormalizeHeader(code)
		for k, v := range tpl.Recode {
			if NormalizeHeader(k) == n {
				return v, true
			}
		}
	}
	m := strings.TrimSpace(multiplier)
	if i := strings.IndexByte(m, '.'); i >= 0 {
		m = m[:i]
	}
	switch strings.ToLower(strings.TrimSpace(code)) {
	case "regular", "ht100", "attendance":
		return domain.HourNormal, true
	case "overtime", "overtimeplus":
		switch m {
		case "125":
			return domain.HourOvertime125, true
		case "200":
			return domain.HourOvertime200, true
		}
		return domain.HourOvertime150, true
	case "shift", "shiftplus", "additional", "additionalplus":
		return domain.HourShift, true
	case "holiday":
		return domain.HourHoliday, true
	case "vacation":
		return domain.HourVacation, true
	case "sick time", "sicktime":
		return domain.HourSick, true
	}
	return "", false
}

// setuTime reads an xs:dateTime with or without zone; the local wall-clock date counts.
func setuTime(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{"2006-01-02T15:04:05Z07:00", "2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

func parseSETU(ctx context.Context, data []byte, hs *HourSheet, tpl *Template) error {
	text, _ := DecodeText(data)
	dec := xml.NewDecoder(strings.NewReader(text))
	dec.Strict = true
	dec.CharsetReader = func(label string, r io.Reader) (io.Reader, error) { return r, nil } // DecodeText made it UTF-8
	var root xml.StartElement
	for {
		tok, err := dec.Token()
		if err != nil {
			return fileErr(hs.File, "file.bad_xml", shortErr(err))
		}
		if se, ok := tok.(xml.StartElement); ok {
			root = se
			break
		}
	}
	if err := ctx.Err(); err != nil {
		return fileErr(hs.File, "file.canceled")
	}
	switch root.Name.Local {
	case "TimeCard":
		var tc setuV1
		if err := dec.DecodeElement(&tc, &root); err != nil {
			return fileErr(hs.File, "file.bad_xml", shortErr(err))
		}
		setuV1Records(hs, tpl, &tc)
	case "Timecard":
		var tc setuV2
		if err := dec.DecodeElement(&tc, &root); err != nil {
			return fileErr(hs.File, "file.bad_xml", shortErr(err))
		}
		setuV2Records(hs, tpl, &tc)
	default:
		return fileErr(hs.File, "file.not_timecard", root.Name.Local)
	}
	if len(hs.Rows) == 0 {
		return fileErr(hs.File, "file.no_rows")
	}
	return nil
}

func shortErr(err error) string {
	s := err.Error()
	if len(s) > 200 {
		s = s[:200] + "…"
	}
	return s
}

// setuRow starts a row result for the n-th interval: SETU has no rows, so the
// row number is the interval's position in the document and the key its id.
func setuRow(hs *HourSheet, n int, key string) RowResult {
	return RowResult{Row: n, Status: StatusOK, id: key}
}

func setuMsg(hs *HourSheet, sev Status, key, column, value string, args ...string) Message {
	if value != "" {
		args = append([]string{value}, args...)
	}
	m := newMessage(sev, key, args...)
	m.File, m.Column, m.Value = hs.File, column, value
	return m
}

func setuV1Records(hs *HourSheet, tpl *Template, tc *setuV1) {
	hs.DocumentID = tc.ID.value()
	hs.Corrected = strings.EqualFold(strings.TrimSpace(tc.Reported.Status), "corrected")
	var key WorkerKey
	for _, id := range tc.Resource.Person.IDs {
		switch id.Owner {
		case "StaffingCompany":
			key.Number = id.value()
		case "StaffingCustomer":
			key.Alias = id.value()
		default:
			key.Ref = id.value()
		}
	}
	n := tc.Resource.Person.Name
	key.Name = strings.TrimSpace(n.Formatted)
	key.LastName, key.Prefix = strings.TrimSpace(n.Family.Value), strings.TrimSpace(n.Family.Prefix)
	hirer := tpl.Hirer
	for _, id := range tc.Refs.Customer {
		if id.Owner == "StaffingCompany" && id.value() != "" {
			hirer = id.value()
		}
	}
	placement := ""
	for _, id := range tc.Refs.Assignment {
		if id.Owner == "StaffingCompany" {
			placement = id.value()
		}
	}
	row := 0
	for _, iv := range tc.Reported.Intervals {
		row++
		id := iv.ID.value()
		rr := setuRow(hs, row, id)
		t, ok := setuHourType(tpl, iv.Type, iv.Rate.Multiplier)
		if !ok {
			rr.Add(setuMsg(hs, StatusError, "cell.hour_type", "type", iv.Type))
		}
		date, q := setuInterval(hs, tpl, &rr, iv.Start, iv.End, iv.Duration, iv.DayAssignment)
		rec := HourRecord{Row: row, RowIndex: len(hs.Rows), Worker: key, Hirer: hirer, Placement: placement,
			Date: date, Type: t, Quantity: q, Action: normAction(iv.Action), Key: id}
		setuAppend(hs, rr, rec, t.IsHours())
	}
	for _, al := range tc.Reported.Allowances {
		row++
		id := al.ID.value()
		rr := setuRow(hs, row, id)
		setuAllowance(hs, tpl, rr, HourRecord{Row: row, RowIndex: len(hs.Rows), Worker: key, Hirer: hirer,
			Placement: placement, Action: normAction(al.Action), Key: id}, al.Type, al.Start, al.Amount, al.Quantity)
	}
}

func setuV2Records(hs *HourSheet, tpl *Template, tc *setuV2) {
	hs.DocumentID = strings.TrimSpace(tc.Document.Value)
	var key WorkerKey
	for _, id := range tc.Person.IDs {
		switch id.Scheme {
		case "Supplier":
			key.Number = strings.TrimSpace(id.Value)
		case "Customer":
			key.Alias = strings.TrimSpace(id.Value)
		}
	}
	key.Name = strings.TrimSpace(tc.Person.Name.Formatted)
	hirer := tpl.Hirer
	for _, id := range tc.Customer.IDs {
		if id.Scheme == "Supplier" && strings.TrimSpace(id.Value) != "" {
			hirer = strings.TrimSpace(id.Value)
		}
	}
	placement := strings.TrimSpace(tc.Assignment.Value)
	row := 0
	for _, iv := range tc.Intervals {
		row++
		id := strings.TrimSpace(iv.ID.Value)
		rr := setuRow(hs, row, id)
		mult := ""
		if len(iv.Multipliers) > 0 {
			mult = iv.Multipliers[0]
		}
		t, ok := setuHourType(tpl, iv.Type, mult)
		if !ok {
			rr.Add(setuMsg(hs, StatusError, "cell.hour_type", "typeCode", iv.Type))
		}
		date, q := setuInterval(hs, tpl, &rr, iv.Start, iv.End, iv.Total, iv.DayAssignment)
		rec := HourRecord{Row: row, RowIndex: len(hs.Rows), Worker: key, Hirer: hirer, Placement: placement,
			Date: date, Type: t, Quantity: q, Action: "Add", Key: id}
		setuAppend(hs, rr, rec, t.IsHours())
	}
	for _, al := range tc.Allowances {
		row++
		id := strings.TrimSpace(al.ID.Value)
		rr := setuRow(hs, row, id)
		amount := ""
		if len(al.Amounts) > 0 {
			amount = al.Amounts[0]
		}
		setuAllowance(hs, tpl, rr, HourRecord{Row: row, RowIndex: len(hs.Rows), Worker: key, Hirer: hirer,
			Placement: placement, Action: "Add", Key: id}, al.Type, al.Start, amount, al.Quantity)
	}
}

func normAction(s string) string {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "change":
		return "Change"
	case "void":
		return "Void"
	case "unchanged":
		return "Unchanged"
	}
	return "Add"
}

// setuInterval finds the day an interval counts for (dayAssignment, else the
// start day or, with the template's night-shift rule "end", the end day) and
// its hours (Duration, else end − start).
func setuInterval(hs *HourSheet, tpl *Template, rr *RowResult, start, end, duration, day string) (time.Time, decimal.Decimal) {
	st, okS := setuTime(start)
	et, okE := setuTime(end)
	var date time.Time
	switch {
	case strings.TrimSpace(day) != "":
		d, err := time.Parse("2006-01-02", strings.TrimSpace(day))
		if err != nil {
			rr.Add(setuMsg(hs, StatusError, "cell.date", "dayAssignment", day))
		}
		date = domain.DateOf(d)
	case okS:
		date = domain.DateOf(st)
		if tpl.NightShift == "end" && okE && domain.DateOf(et).After(date) {
			date = domain.DateOf(et)
		}
	default:
		rr.Add(setuMsg(hs, StatusError, "cell.date", "StartDateTime", start))
	}
	var q decimal.Decimal
	if strings.TrimSpace(duration) != "" {
		d, err := plainDecimal(duration)
		if err != nil || len(duration) > 40 {
			rr.Add(setuMsg(hs, StatusError, "cell.quantity", "Duration", duration))
		} else {
			q = d
		}
	} else if okS && okE && et.After(st) {
		q = domain.RoundHours(decimal.NewFromFloat(et.Sub(st).Hours()))
	} else {
		rr.Add(setuMsg(hs, StatusError, "row.no_quantity", "Duration", ""))
	}
	if q.IsNegative() {
		rr.Add(setuMsg(hs, StatusError, "cell.negative", "Duration", q.String()))
	}
	return date, q
}

func setuAppend(hs *HourSheet, rr RowResult, rec HourRecord, hours bool) {
	if hours && rec.Quantity.GreaterThan(twentyFour) {
		rr.Add(setuMsg(hs, StatusError, "cell.over24", "Duration", rec.Quantity.String()))
	}
	if rec.Worker.Empty() && rec.Placement == "" {
		rr.Add(setuMsg(hs, StatusError, "row.no_worker", "", ""))
	}
	if rr.Status != StatusError {
		rr.Lines = 1
		hs.Records = append(hs.Records, rec)
	}
	hs.Rows = append(hs.Rows, rr)
}

// setuAllowance imports an allowance only when the template recodes its type
// (e.g. 102B → DECL); the quantity is amount × quantity for DECL, else the quantity.
func setuAllowance(hs *HourSheet, tpl *Template, rr RowResult, rec HourRecord, code, start, amount, quantity string) {
	t, ok := domain.HourType(""), false
	n := NormalizeHeader(code)
	for k, v := range tpl.Recode {
		if NormalizeHeader(k) == n {
			t, ok = v, true
		}
	}
	if !ok {
		rr.Add(setuMsg(hs, StatusWarning, "row.setu_allowance", "Allowance", code))
		hs.Rows = append(hs.Rows, rr)
		return
	}
	d, err := time.Parse("2006-01-02", strings.TrimSpace(start))
	if err != nil {
		rr.Add(setuMsg(hs, StatusError, "cell.date", "StartDate", start))
	}
	qty := domain.One
	if s := strings.TrimSpace(quantity); s != "" {
		if qty, err = plainDecimal(s); err != nil {
			rr.Add(setuMsg(hs, StatusError, "cell.quantity", "Quantity", quantity))
		}
	}
	q := qty
	if t == domain.HourExpenses {
		a, err := plainDecimal(amount)
		if err != nil || len(amount) > 40 {
			rr.Add(setuMsg(hs, StatusError, "cell.amount", "Amount", amount))
		}
		q = domain.RoundCents(a.Mul(qty))
	}
	rec.Date, rec.Type, rec.Quantity = d, t, q
	setuAppend(hs, rr, rec, t.IsHours())
}
