// Command verloner is the Verloner desktop app and its headless commands.
// Without arguments (or with only GUI flags) it opens the desktop window;
// with a command (verloner list workers --db FILE …) it runs that command and
// never starts the GUI driver. This is the only file that imports
// fyne.io/fyne/v2/app, so every other package tests without cgo.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"strings"
	"time"
	_ "time/tzdata" // Europe/Amsterdam for deadlines and timestamps, also on Windows

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/lang"

	"verloner/app"
	"verloner/app/cli"
	"verloner/app/demo"
	"verloner/app/gui"
	"verloner/app/packs"
	"verloner/app/sqlite"
	"verloner/assets"
)

const appID = "nl.verloner.app"

func main() {
	ctx := context.Background()
	tuneGC()
	// A first argument that is not a flag is a command: an unknown one gets
	// "onbekend commando", never a GUI start.
	if len(os.Args) > 1 && (cli.IsCommand(os.Args[1]) || !strings.HasPrefix(os.Args[1], "-")) {
		os.Exit(cli.Main(ctx, &cli.Env{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr}, os.Args[1:]))
	}
	os.Exit(runGUI(ctx, os.Args[1:]))
}

// Garbage-collector settings for a document-heavy program: rendering a
// payslip or invoice PDF (gofpdf parses and subsets the embedded fonts for
// every document) makes about 10 MB of short-lived garbage, so with Go's
// default GOGC=100 and a heap of 100–300 MB the collector ran so often that
// it took a third of the payslip stage's CPU. A higher GOGC with a soft
// memory limit trades idle memory for CPU while keeping the peak bounded:
// measured with verloner bench at 2 000 workers, the weekly cycle's CPU went
// from 27.3 s to 19.6 s (payslips 17.8 → 12.3 s) and its peak resident memory
// from 295 to 653 MiB. GOGC and GOMEMLIMIT in the environment still win.
const (
	gcPercent   = 400
	memoryLimit = 640 << 20 // well under the 1 GiB budget of issue #10, resident set included
)

func tuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(memoryLimit)
	}
}

func runGUI(ctx context.Context, args []string) int {
	fs := flag.NewFlagSet("verloner", flag.ContinueOnError)
	dbPath := fs.String("db", "", "administratie (*.verloner); zonder: de demo-administratie in de gegevensmap")
	langFlag := fs.String("lang", "", "taal van het programma: nl of en (standaard: laatst gekozen, anders nl)")
	page := fs.String("page", gui.PageOverview, "pagina om mee te openen (overview, import, masterdata, settings, …)")
	quitAfter := fs.Duration("quit-after", 0, "sluit na deze tijd (voor rooktests en schermafdrukken)")
	importFile := fs.String("import", "", "open dit bestand van een inlener in het importvoorbeeld")
	cpuProfile := fs.String("cpuprofile", "", "schrijf een CPU-profiel (pprof) naar dit bestand")
	walkReport := fs.String("ui-walk", "", "loop alle pagina's door (sorteren, zoeken), meet hoe lang de UI-goroutine bezet is, schrijf het verslag als JSON naar dit bestand en sluit")
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			cli.Main(ctx, &cli.Env{Stdout: os.Stdout, Stderr: os.Stderr}, []string{"help"})
			return 0
		}
		return 2
	}

	var st app.Store
	var err error
	if *dbPath == "" {
		st, err = demo.OpenDefault(ctx)
	} else if _, statErr := os.Stat(*dbPath); statErr != nil {
		err = fmt.Errorf("administratie %s niet gevonden (maak een demo met: verloner demo --db %s)", *dbPath, *dbPath)
	} else {
		st, err = sqlite.Open(ctx, *dbPath)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "verloner:", err)
		return 1
	}

	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			fmt.Fprintln(os.Stderr, "verloner:", err)
			return 1
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			fmt.Fprintln(os.Stderr, "verloner:", err)
			return 1
		}
		defer func() { pprof.StopCPUProfile(); f.Close() }()
	}
	if noDisplay() {
		fmt.Fprintln(os.Stderr, "verloner: geen beeldscherm gevonden (DISPLAY en WAYLAND_DISPLAY ontbreken); de commando's werken zonder: verloner help")
		return 1
	}
	fixPOSIXLocale()
	if err := lang.AddTranslationsFS(assets.FyneTranslations, "i18n/fyne"); err != nil {
		fmt.Fprintln(os.Stderr, "verloner: vertalingen:", err)
	}
	a := fyneapp.NewWithID(appID)
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	language := a.Preferences().StringWithFallback("language", "nl")
	if *langFlag != "" {
		language = *langFlag
	}
	ui, err := gui.New(a, st, language)
	if err != nil {
		fmt.Fprintln(os.Stderr, "verloner:", err)
		return 1
	}
	// After Bestand → Openen or Nieuwe administratie the UI holds another
	// store (SwitchStore closed the earlier one); close whichever is open.
	defer func() { ui.Store.Close() }()
	if *dbPath != "" {
		ui.AddRecent(st.Path())
	}
	ui.OnLanguage = func(l string) { a.Preferences().SetString("language", l) }
	if dir, err := app.DataDir(); err == nil {
		ui.ParamsDir = packs.Dir(dir)
		set, _, problems := packs.Load(ui.ParamsDir)
		for _, p := range problems {
			fmt.Fprintln(os.Stderr, "verloner: let op:", p)
		}
		ui.Params = set
	}
	ui.Show(*page)
	ui.LoadAsync(ctx)
	if *walkReport != "" {
		go walkAndQuit(ctx, a, ui, *importFile, *walkReport)
	} else if *importFile != "" {
		ui.PreviewImport(*importFile)
	}
	if *quitAfter > 0 {
		go func() {
			time.Sleep(*quitAfter)
			fyne.Do(a.Quit)
		}()
	}
	ui.Win.SetMaster()
	ui.Win.ShowAndRun()
	return 0
}

// walkAndQuit runs gui.Walk under a StallWatch, writes the report (JSON to
// path, text to stderr) and quits the app.
func walkAndQuit(ctx context.Context, a fyne.App, ui *gui.UI, importFile, path string) {
	// A walk that cannot finish (the administration does not load) ends
	// after five minutes with what it measured.
	ctx, cancel := context.WithTimeout(ctx, 5*time.Minute)
	var label string
	watch := &gui.StallWatch{Label: func() string {
		if label == "" {
			return "start: " + ui.Current()
		}
		return label
	}}
	watch.Start(ctx)
	acts := ui.Walk(ctx, importFile, 250*time.Millisecond, &label)
	cancel()
	rep := watch.Report()
	rep.Actions = acts
	rep.WriteText(os.Stderr)
	if f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o600); err != nil {
		fmt.Fprintln(os.Stderr, "verloner: verslag:", err)
	} else {
		if err := rep.WriteJSON(f); err != nil {
			fmt.Fprintln(os.Stderr, "verloner: verslag:", err)
		}
		f.Close()
	}
	fyne.Do(a.Quit)
}

// fixPOSIXLocale replaces a "C"/"POSIX" locale (common on servers and in CI)
// with Dutch before Fyne reads it: Fyne cannot parse "C" and logs an error,
// and Dutch is the program's default language anyway.
func fixPOSIXLocale() {
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		v := os.Getenv(k)
		if v == "C" || v == "POSIX" || strings.HasPrefix(v, "C.") {
			os.Setenv(k, "nl_NL.UTF-8")
		}
	}
}

// noDisplay reports a Linux/BSD session without X11 or Wayland, where GLFW
// would panic instead of opening a window.
func noDisplay() bool {
	switch runtime.GOOS {
	case "windows", "darwin", "android", "ios":
		return false
	}
	return os.Getenv("DISPLAY") == "" && os.Getenv("WAYLAND_DISPLAY") == ""
}
