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
	// A first argument that is not a flag is a command: an unknown one gets
	// "onbekend commando", never a GUI start.
	if len(os.Args) > 1 && (cli.IsCommand(os.Args[1]) || !strings.HasPrefix(os.Args[1], "-")) {
		os.Exit(cli.Main(ctx, &cli.Env{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr}, os.Args[1:]))
	}
	os.Exit(runGUI(ctx, os.Args[1:]))
}

func runGUI(ctx context.Context, args []string) int {
	fs := flag.NewFlagSet("verloner", flag.ContinueOnError)
	dbPath := fs.String("db", "", "administratie (*.verloner); zonder: de demo-administratie in de gegevensmap")
	langFlag := fs.String("lang", "", "taal van het programma: nl of en (standaard: laatst gekozen, anders nl)")
	page := fs.String("page", gui.PageOverview, "pagina om mee te openen (overview, import, masterdata, settings, …)")
	quitAfter := fs.Duration("quit-after", 0, "sluit na deze tijd (voor rooktests en schermafdrukken)")
	importFile := fs.String("import", "", "open dit bestand van een inlener in het importvoorbeeld")
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
	if *importFile != "" {
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
