package domain_test

import (
	"testing"
	"time"

	"verloner/domain"
)

func TestParsePeriod(t *testing.T) {
	tests := []struct {
		in         string
		start, end time.Time
		str        string
	}{
		{"2026-W47", domain.Date(2026, 11, 16), domain.Date(2026, 11, 22), "2026-W47"},
		{"2026-w01", domain.Date(2025, 12, 29), domain.Date(2026, 1, 4), "2026-W01"},
		{"2026-W53", domain.Date(2026, 12, 28), domain.Date(2027, 1, 3), "2026-W53"},  // 2026 has 53 ISO weeks
		{"2026-P12", domain.Date(2026, 11, 2), domain.Date(2026, 11, 29), "2026-P12"}, // weeks 45–48,
		{"2026-P13", domain.Date(2026, 11, 30), domain.Date(2027, 1, 3), "2026-P13"},  // weeks 49–53
		{"2026-11", domain.Date(2026, 11, 1), domain.Date(2026, 11, 30), "2026-11"},
		{"2024-02", domain.Date(2024, 2, 1), domain.Date(2024, 2, 29), "2024-02"},
	}
	for _, tt := range tests {
		p, err := domain.ParsePeriod(tt.in)
		if err != nil {
			t.Fatalf("ParsePeriod(%q): %v", tt.in, err)
		}
		if !p.Start().Equal(tt.start) || !p.End().Equal(tt.end) {
			t.Errorf("%s: %s..%s, want %s..%s", tt.in, p.Start().Format("2006-01-02"), p.End().Format("2006-01-02"),
				tt.start.Format("2006-01-02"), tt.end.Format("2006-01-02"))
		}
		if p.String() != tt.str {
			t.Errorf("String()=%q, want %q", p.String(), tt.str)
		}
		if back, _ := domain.ParsePeriod(p.String()); back != p {
			t.Errorf("round trip %v -> %v", p, back)
		}
	}
	for _, bad := range []string{"", "2026", "2026-W54", "2025-W53", "2026-P14", "2026-13", "26-W01", "2026-Wxx", "2026-00"} {
		if _, err := domain.ParsePeriod(bad); err == nil {
			t.Errorf("ParsePeriod(%q) accepted", bad)
		}
	}
}

func TestPeriodNextPrevAndPayDate(t *testing.T) {
	p, _ := domain.ParsePeriod("2026-W53")
	if got := p.Next().String(); got != "2027-W01" {
		t.Errorf("Next=%s", got)
	}
	q, _ := domain.ParsePeriod("2027-W01")
	if got := q.Prev().String(); got != "2026-W53" {
		t.Errorf("Prev=%s", got)
	}
	w47, _ := domain.ParsePeriod("2026-W47")
	if got := w47.PayDate(); !got.Equal(domain.Date(2026, 11, 26)) {
		t.Errorf("PayDate W47 = %s, want Thursday 2026-11-26", got.Format("2006-01-02"))
	}
	if !w47.Contains(time.Date(2026, 11, 22, 23, 59, 0, 0, time.UTC)) || w47.Contains(domain.Date(2026, 11, 23)) {
		t.Error("Contains is off at the week boundary")
	}
}

func TestAgeOn(t *testing.T) {
	b := domain.Date(2005, 7, 1)
	if got := domain.AgeOn(b, domain.Date(2026, 6, 30)); got != 20 {
		t.Errorf("age day before birthday = %d", got)
	}
	if got := domain.AgeOn(b, domain.Date(2026, 7, 1)); got != 21 {
		t.Errorf("age on birthday = %d", got)
	}
}

func TestPeriodContaining(t *testing.T) {
	tests := []struct {
		kind domain.PeriodKind
		day  time.Time
		want string
	}{
		{domain.Weekly, domain.Date(2026, 11, 22), "2026-W47"},
		{domain.Weekly, domain.Date(2027, 1, 1), "2026-W53"},
		{domain.FourWeek, domain.Date(2026, 11, 16), "2026-P12"},
		{domain.FourWeek, domain.Date(2026, 12, 31), "2026-P13"},
		{domain.Monthly, domain.Date(2026, 11, 16), "2026-11"},
	}
	for _, tt := range tests {
		p := domain.PeriodContaining(tt.kind, tt.day)
		if p.String() != tt.want || !p.Contains(tt.day) {
			t.Errorf("PeriodContaining(%s, %s) = %s, want %s", tt.kind, tt.day.Format("2006-01-02"), p, tt.want)
		}
	}
}
