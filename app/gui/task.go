package gui

import (
	"context"

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
			fyne.Do(func() { bar.SetValue(v) })
		})
		fyne.Do(func() {
			cancel()
			d.Hide()
			if done != nil {
				done(err)
			}
		})
	}()
}

// WaitTasks blocks until every task started with RunTask has finished. Tests
// use it; the app never needs to.
func (u *UI) WaitTasks() { u.tasks.Wait() }
