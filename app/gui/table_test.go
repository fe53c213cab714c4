package gui

import (
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
)

func TestCompareCells(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"€ 9,10", "€ 100,00", -1},       // money by value, not as text
		{"1.234,56", "999,99", 1},        // Dutch thousands separator
		{"-5", "3", -1},                  // negative numbers
		{"31-12-2025", "01-01-2026", -1}, // dates by date, not by day
		{"05-01-2026", "05-01-2026", 0},  // equal dates
		{"bakker", "de vries", -1},       // text alphabetically
		{"12", "abc", -1},                // number against text: as text
		{"01-02-2026", "2026-02-01", -1}, // only dd-mm-jjjj counts as a date
		{"", "0", -1},
	}
	for _, tt := range tests {
		if got := compareCells(tt.a, tt.b); sign(got) != tt.want {
			t.Errorf("compareCells(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
		if got := compareCells(tt.b, tt.a); sign(got) != -tt.want {
			t.Errorf("compareCells(%q, %q) = %d, want %d", tt.b, tt.a, got, -tt.want)
		}
	}
}

// tableUI stands in for the UI goroutine, as SerialUI does for a whole UI:
// the test driver's fyne.Do runs a function at once on the calling
// goroutine, so background results would race with the test; here they wait
// until the test runs them.
type tableUI struct {
	d *DataTable
	q uiQueue
}

func tableQueue(d *DataTable) *tableUI {
	t := &tableUI{d: d}
	d.post = t.q.add
	return t
}

// run waits for the background work and runs its results in the order they
// arrived.
func (t *tableUI) run() {
	t.d.Wait()
	t.q.run()
}

func sign(i int) int {
	switch {
	case i < 0:
		return -1
	case i > 0:
		return 1
	}
	return 0
}

// containsFold must agree with the plain lower-case comparison it replaces,
// also for accented names (Kowalski's colleagues: Łukasz, Ådne) and for
// searches longer than the cell.
func TestContainsFoldMatchesToLower(t *testing.T) {
	cells := []string{"Kowalski", "KOWALSKI", "de Vries", "Łukasz Nowak", "ÅDNE", "€ 1.234,56", "", "a", "INL0001"}
	queries := []string{"kow", "vries", "łukasz", "ådne", "nowak", "1.234", "", "ab", "inl0001", "ski k", "€"}
	for _, c := range cells {
		for _, q := range queries {
			want := strings.Contains(strings.ToLower(c), q)
			if got := containsFold(c, q); got != want {
				t.Errorf("containsFold(%q, %q) = %v, want %v", c, q, got, want)
			}
		}
	}
}

// A table from asyncRows rows up sorts and filters on a goroutine; the
// result must be the same as the direct path gives, and a later request must
// win over an earlier one.
func TestDataTableLargeSortsInBackground(t *testing.T) {
	test.NewTempApp(t)
	rows := make([][]string, asyncRows+10)
	for i := range rows {
		rows[i] = []string{fmt.Sprint(len(rows) - i), fmt.Sprintf("Naam %05d", i%97)}
	}
	d := NewDataTable([]string{"Nr", "Naam"}, []float32{50, 100}, "", nil)
	ui := tableQueue(d)
	d.SetRows(rows)
	d.SortBy(0)
	d.Filter("naam 00042")
	ui.run()
	got := d.Rows()
	want := 0
	for i := range rows {
		if i%97 == 42 {
			want++
		}
	}
	if len(got) != want {
		t.Fatalf("filter: %d rows shown, want %d", len(got), want)
	}
	for i := 1; i < len(got); i++ {
		if compareCells(got[i-1][0], got[i][0]) > 0 {
			t.Fatalf("not sorted by number at %d: %s after %s", i, got[i][0], got[i-1][0])
		}
	}
	d.Filter("")
	d.SortBy(0) // second click: descending
	ui.run()
	if got := d.Rows(); len(got) != len(rows) || got[0][0] != fmt.Sprint(len(rows)) {
		t.Errorf("descending: %d rows, first %v", len(got), got[0])
	}
}

// BenchmarkDataTableSort is the import preview's worst case: 100 000 lines
// sorted on a number column and searched. The UI goroutine budget is 100 ms;
// from asyncRows rows up this work runs off the UI goroutine.
func BenchmarkDataTableSort(b *testing.B) {
	rows := make([][]string, 100000)
	for i := range rows {
		rows[i] = []string{fmt.Sprint(i * 7919 % 100000), fmt.Sprintf("Medewerker %d", i%2000), "INL0042",
			fmt.Sprintf("%02d-11-2026", 16+i%7), "normaal", fmt.Sprintf("%d,%02d", i%12, i%100)}
	}
	all := make([]tableRow, len(rows))
	for i, r := range rows {
		all[i].cells = r
	}
	b.Run("sort-number", func(b *testing.B) {
		for b.Loop() {
			selectRows(all, "", 5, true)
		}
	})
	b.Run("sort-date", func(b *testing.B) {
		for b.Loop() {
			selectRows(all, "", 3, true)
		}
	})
	b.Run("search", func(b *testing.B) {
		for b.Loop() {
			selectRows(all, "medewerker 12", -1, true)
		}
	})
}

// Fill formats large tables on a goroutine; a Fill that is overtaken by a
// later one must not overwrite it.
func TestDataTableFill(t *testing.T) {
	test.NewTempApp(t)
	d := NewDataTable([]string{"Nr"}, []float32{50}, "", nil)
	ui := tableQueue(d)
	build := func(n int, tag string) func() ([][]string, []string) {
		return func() ([][]string, []string) {
			rows := make([][]string, n)
			for i := range rows {
				rows[i] = []string{fmt.Sprintf("%s%d", tag, i)}
			}
			return rows, nil
		}
	}
	d.Fill(3, build(3, "klein"))
	if got := d.Rows(); len(got) != 3 || got[0][0] != "klein0" {
		t.Fatalf("small fill is not immediate: %v", got)
	}
	d.Fill(asyncBuild, build(asyncBuild, "groot"))
	d.Fill(asyncBuild+1, build(asyncBuild+1, "laatste"))
	ui.run()
	if got := d.Rows(); len(got) != asyncBuild+1 || got[0][0] != "laatste0" {
		t.Errorf("after two fills: %d rows, first %v", len(got), got[0])
	}
}

func TestBreakLines(t *testing.T) {
	tests := []struct {
		in    string
		width int
		want  string
	}{
		{"", 10, ""},
		{"kort", 10, "kort"},
		{"een twee drie vier", 9, "een twee\ndrie vier"},
		{"een  twee", 20, "een twee"}, // runs of spaces fold
		{"Loonheffingskorting x", 5, "Loonheffingskorting\nx"},
		{"a b\nc d", 3, "a b\nc d"},
		{"één twee", 8, "één twee"}, // width counts characters, not bytes
	}
	for _, tt := range tests {
		if got := breakLines(tt.in, tt.width); got != tt.want {
			t.Errorf("breakLines(%q, %d) = %q, want %q", tt.in, tt.width, got, tt.want)
		}
	}
}
