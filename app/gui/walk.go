package gui

import (
	"context"
	"fmt"
	"time"

	"fyne.io/fyne/v2"
)

// tableBuilt, when set, hears of every DataTable a page builds, so that a
// walk can sort and filter the tables on screen. Only the UI goroutine
// touches it.
var tableBuilt func(*DataTable)

// Walk goes through the weekly cycle as a user would, for measuring the UI
// goroutine (verloner --ui-walk): it waits for the administration to load,
// previews importFile (if any) on the Import page, then opens every page and
// sorts and searches each table on it, pausing between steps so that frames
// get drawn. It runs on its own goroutine and returns how long each action
// held the UI goroutine. label is updated (on the UI goroutine) with the
// action in progress, for a StallWatch's Label.
func (u *UI) Walk(ctx context.Context, importFile string, pause time.Duration, label *string) []ActionTime {
	var acts []ActionTime
	do := func(name string, fn func()) {
		if ctx.Err() != nil {
			return
		}
		fyne.DoAndWait(func() {
			*label = name
			start := time.Now()
			fn()
			acts = append(acts, ActionTime{Action: name, Took: time.Since(start)})
		})
		sleep(ctx, pause)
	}
	for !u.loaded() && ctx.Err() == nil {
		sleep(ctx, 20*time.Millisecond)
	}
	if importFile != "" {
		do("import: voorbeeld starten", func() { u.Show(PageImport); u.PreviewImport(importFile) })
		u.WaitTasks()
		sleep(ctx, pause)
	}
	for _, page := range PageIDs {
		var tables []*DataTable
		do("open "+page, func() {
			tableBuilt = func(d *DataTable) { tables = append(tables, d) }
			u.Show(page)
			tableBuilt = nil
		})
		for _, d := range tables {
			d.Wait() // large tables are filled on a goroutine
		}
		for ti, d := range tables {
			cols := len(d.headers)
			if cols > 4 {
				cols = 4
			}
			for c := 0; c < cols; c++ {
				do(fmt.Sprintf("%s: tabel %d sorteren op kolom %d (%d rijen)", page, ti+1, c+1, len(d.all)), func() { d.SortBy(c) })
			}
			do(fmt.Sprintf("%s: tabel %d omgekeerd sorteren (%d rijen)", page, ti+1, len(d.all)), func() { d.SortBy(cols - 1) })
			for _, q := range []string{"a", "an", "1", ""} {
				do(fmt.Sprintf("%s: tabel %d zoeken %q (%d rijen)", page, ti+1, q, len(d.all)), func() { d.Search.SetText(q) })
			}
		}
	}
	do("klaar", func() {})
	return acts
}

// loaded reports whether the first snapshot is in.
func (u *UI) loaded() bool { return u.Snapshot() != nil }

func sleep(ctx context.Context, d time.Duration) {
	select {
	case <-ctx.Done():
	case <-time.After(d):
	}
}
