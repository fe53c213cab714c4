package gui

import (
	"context"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// Task is the one progress/cancel pattern of every page: work runs on its own
// goroutine, reports progress through fyne.Do, and can be cancelled; the UI
// goroutine only draws.
type Task func(ctx context.Context, progress func(done, total int)) error

// RunTask shows a modal progress dialog with a cancel button, runs work off
// the UI goroutine and calls done on the UI goroutine with work's error
// (context.Canceled when the user cancelled).
func (u *UI) RunTask(title string, work Task, done func(err error)) {
	ctx, cancel := context.WithCancel(context.Background())
	bar := widget.NewProgressBar()
	stop := widget.NewButton(u.Tr.T("task.cancel"), cancel)
	d := dialog.NewCustomWithoutButtons(title, container.NewVBox(bar, stop), u.Win)
	d.Resize(fyne.NewSize(420, 140))
	d.Show()
	u.tasks.Add(1)
	go func() {
		defer u.tasks.Done()
		err := work(ctx, func(n, total int) {
			if total <= 0 {
				return
			}
			v := float64(n) / float64(total)
			u.post(func() { bar.SetValue(v) })
		})
		u.post(func() {
			cancel()
			d.Hide()
			if done != nil {
				done(err)
			}
		})
	}()
}

// WaitTasks blocks until every task started with RunTask (and every
// background load) has finished, and with SerialUI until what they handed
// back to the UI goroutine has run too. Tests and the UI walk use it.
func (u *UI) WaitTasks() {
	for {
		u.tasks.Wait()
		if u.queue == nil || !u.queue.run() {
			return
		}
	}
}

// post runs f on the UI goroutine: fyne.Do, or the test queue of SerialUI.
func (u *UI) post(f func()) {
	if u.queue != nil {
		u.queue.add(f)
		return
	}
	fyne.Do(f)
}

// SerialUI makes the test's goroutine the UI goroutine: what background work
// hands back (u.post) waits in a queue until WaitTasks runs it. Fyne's test
// driver runs fyne.Do at once on the calling goroutine, so without this a
// background load would change the page while the test reads it.
func (u *UI) SerialUI() { u.queue = &uiQueue{} }

type uiQueue struct {
	mu sync.Mutex
	fs []func()
}

func (q *uiQueue) add(f func()) {
	q.mu.Lock()
	q.fs = append(q.fs, f)
	q.mu.Unlock()
}

// run runs what is queued, in order, and reports whether there was anything.
func (q *uiQueue) run() bool {
	q.mu.Lock()
	fs := q.fs
	q.fs = nil
	q.mu.Unlock()
	for _, f := range fs {
		f()
	}
	return len(fs) > 0
}
