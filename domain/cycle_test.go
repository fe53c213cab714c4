package domain_test

import (
	"testing"
	"time"

	"verloner/domain"
)

func TestSchedule_WeeklyCycleOfTheSeed(t *testing.T) {
	p, _ := domain.ParsePeriod("2026-W47") // work week Mon 16 – Sun 22 November 2026
	got := domain.DefaultDeadlines().Schedule(p)
	want := map[string]time.Time{
		"registration": time.Date(2026, 11, 13, 17, 0, 0, 0, time.UTC), // Friday of week 1
		"hours":        time.Date(2026, 11, 24, 13, 0, 0, 0, time.UTC), // Tuesday 13:00 of week 3
		"proof":        time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC), // Wednesday 12:00
		"approval":     time.Date(2026, 11, 25, 15, 0, 0, 0, time.UTC), // Wednesday 15:00
		"final":        time.Date(2026, 11, 25, 17, 0, 0, 0, time.UTC),
		"paid":         time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC),  // Thursday
		"margin":       time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC), // Monday after
	}
	if len(got) != len(want) {
		t.Fatalf("%d milestones", len(got))
	}
	for _, m := range got {
		if !m.Due.Equal(want[m.Key]) {
			t.Errorf("%s due %s, want %s", m.Key, m.Due.Format(time.DateTime), want[m.Key].Format(time.DateTime))
		}
	}
}

func TestValidateClock(t *testing.T) {
	for _, ok := range []string{"13:00", "09:30", "00:00", "23:59"} {
		if err := domain.ValidateClock(ok); err != nil {
			t.Errorf("%s: %v", ok, err)
		}
	}
	for _, bad := range []string{"", "13", "24:00", "12:60", "1:5", "ab:cd"} {
		if domain.ValidateClock(bad) == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}
