package domain

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Milestone is one deadline of the weekly cycle for a period.
type Milestone struct {
	Key string    // stable id: registration, hours, proof, approval, final, paid, margin
	Due time.Time // the moment, in the agency's local time expressed as a wall clock in UTC
}

// Schedule returns the cycle's deadlines for a work period: registrations by
// the configured weekday before the period starts; hours, proof, approval and
// final payroll in the week after the period ends; wages paid on the pay
// weekday of that week; the margin overview on the margin weekday of the week
// after that.
func (d Deadlines) Schedule(p Period) []Milestone {
	start, end := p.Start(), p.End()
	weekBefore := start.AddDate(0, 0, -7) // Monday of the week before
	weekAfter := end.AddDate(0, 0, 1)     // Monday after the period (periods end on Sunday)
	for weekAfter.Weekday() != time.Monday {
		weekAfter = weekAfter.AddDate(0, 0, 1)
	}
	at := func(monday time.Time, wd time.Weekday, hhmm string) time.Time {
		day := monday.AddDate(0, 0, (int(wd)+6)%7)
		h, m := parseHHMM(hhmm)
		return day.Add(time.Duration(h)*time.Hour + time.Duration(m)*time.Minute)
	}
	return []Milestone{
		{"registration", at(weekBefore, d.RegistrationWeekday, d.RegistrationTime)},
		{"hours", at(weekAfter, d.HoursWeekday, d.HoursTime)},
		{"proof", at(weekAfter, d.ProofWeekday, d.ProofTime)},
		{"approval", at(weekAfter, d.ApprovalWeekday, d.ApprovalTime)},
		{"final", at(weekAfter, d.ApprovalWeekday, "17:00")},
		{"paid", at(weekAfter, d.PayWeekday, "")},
		{"margin", at(weekAfter.AddDate(0, 0, 7), d.MarginWeekday, "12:00")},
	}
}

// parseHHMM reads "13:00"; an empty or malformed time means midnight.
func parseHHMM(s string) (int, int) {
	hs, ms, ok := strings.Cut(s, ":")
	if !ok {
		return 0, 0
	}
	h, err1 := strconv.Atoi(hs)
	m, err2 := strconv.Atoi(ms)
	if err1 != nil || err2 != nil || h < 0 || h > 23 || m < 0 || m > 59 {
		return 0, 0
	}
	return h, m
}

// ValidateClock checks a deadline time typed by a user ("13:00").
func ValidateClock(s string) error {
	hs, ms, ok := strings.Cut(s, ":")
	h, err1 := strconv.Atoi(hs)
	m, err2 := strconv.Atoi(ms)
	if !ok || err1 != nil || err2 != nil || h < 0 || h > 23 || m < 0 || m > 59 || len(ms) != 2 {
		return fmt.Errorf("tijd %q: verwacht uu:mm, bijvoorbeeld 13:00", s)
	}
	return nil
}
