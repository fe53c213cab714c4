package gui

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"sync"
	"time"

	"fyne.io/fyne/v2"
)

// UIBudget is how long the UI goroutine may be busy at a stretch before the
// user feels the window freeze (issue #9: nothing blocks it for more than 100 ms).
const UIBudget = 100 * time.Millisecond

// StallWatch measures how long the UI goroutine is busy at a stretch. A probe
// goroutine posts an empty function with fyne.Do every Interval and records
// how late it runs: while the UI goroutine draws a frame, builds a page or
// sorts a table, probes wait, so a probe's delay is the length of the work
// that held the UI goroutine (to within Interval).
type StallWatch struct {
	Interval time.Duration
	// Label names what is on screen, so that a stall can be traced to a page
	// or action. It is called on the UI goroutine.
	Label func() string

	mu     sync.Mutex
	probes int
	stalls []Stall
	max    time.Duration
	maxAt  string
}

// Stall is one probe that ran later than UIBudget.
type Stall struct {
	At    string        `json:"at"`
	Delay time.Duration `json:"delay_ns"`
}

// Start probes until ctx ends.
func (w *StallWatch) Start(ctx context.Context) {
	if w.Interval <= 0 {
		w.Interval = 10 * time.Millisecond
	}
	go func() {
		t := time.NewTicker(w.Interval)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
			}
			sent := time.Now()
			done := make(chan struct{})
			fyne.Do(func() {
				w.record(time.Since(sent))
				close(done)
			})
			select {
			case <-done: // one probe at a time: a backlog would count one stall many times
			case <-ctx.Done():
				return
			}
		}
	}()
}

// record runs on the UI goroutine.
func (w *StallWatch) record(d time.Duration) {
	label := ""
	if w.Label != nil {
		label = w.Label()
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	w.probes++
	if d > w.max {
		w.max, w.maxAt = d, label
	}
	if d > UIBudget {
		w.stalls = append(w.stalls, Stall{At: label, Delay: d})
	}
}

// StallReport is what a StallWatch saw.
type StallReport struct {
	Probes  int           `json:"probes"`
	Max     time.Duration `json:"max_ns"`
	MaxAt   string        `json:"max_at"`
	Stalls  []Stall       `json:"stalls"`
	Actions []ActionTime  `json:"actions,omitempty"`
}

// Report returns what was measured so far, longest stalls first.
func (w *StallWatch) Report() StallReport {
	w.mu.Lock()
	defer w.mu.Unlock()
	r := StallReport{Probes: w.probes, Max: w.max, MaxAt: w.maxAt, Stalls: append([]Stall(nil), w.stalls...)}
	sort.SliceStable(r.Stalls, func(i, j int) bool { return r.Stalls[i].Delay > r.Stalls[j].Delay })
	return r
}

// ActionTime is how long one walk action held the UI goroutine, measured
// inside the action itself.
type ActionTime struct {
	Action string        `json:"action"`
	Took   time.Duration `json:"took_ns"`
}

// WriteText prints the report for people: the budget verdict, the slowest
// actions and every stall.
func (r StallReport) WriteText(out io.Writer) {
	verdict := "binnen"
	if r.Max > UIBudget {
		verdict = "BOVEN"
	}
	fmt.Fprintf(out, "UI-goroutine: %d metingen, langste blokkade %s (%s), %s het budget van %s; %d keer erboven\n",
		r.Probes, r.Max.Round(time.Millisecond), r.MaxAt, verdict, UIBudget, len(r.Stalls))
	acts := append([]ActionTime(nil), r.Actions...)
	sort.SliceStable(acts, func(i, j int) bool { return acts[i].Took > acts[j].Took })
	for i, a := range acts {
		if i == 10 {
			break
		}
		fmt.Fprintf(out, "  actie %-50s %8s\n", a.Action, a.Took.Round(100*time.Microsecond))
	}
	for i, s := range r.Stalls {
		if i == 20 {
			fmt.Fprintf(out, "  … en %d meer\n", len(r.Stalls)-20)
			break
		}
		fmt.Fprintf(out, "  blokkade %-47s %8s\n", s.At, s.Delay.Round(time.Millisecond))
	}
}

// WriteJSON writes the report as JSON.
func (r StallReport) WriteJSON(out io.Writer) error {
	enc := json.NewEncoder(out)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}
