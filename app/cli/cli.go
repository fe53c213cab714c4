// Package cli is the headless side of the verloner binary: one small command
// framework (Register, Main) and the commands for batch work. A command never
// starts the GUI driver, so it runs on a server or in CI without a display.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"

	"verloner/app/sqlite"
	"verloner/domain"
)

// Env is what a command may touch of the outside world; tests give it buffers.
type Env struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
}

// Command is one subcommand of verloner.
type Command struct {
	Name    string
	Usage   string // the argument synopsis, e.g. "workers|hirers|placements --db FILE [--json]"
	Summary string // one line for the help list
	Run     func(ctx context.Context, env *Env, args []string) error
}

var commands = map[string]*Command{}

// Register adds a command; each command file calls it from init.
func Register(c *Command) {
	if _, dup := commands[c.Name]; dup {
		panic("cli: command registered twice: " + c.Name)
	}
	commands[c.Name] = c
}

// IsCommand reports whether arg names a registered command (or help), so main
// can decide between the GUI and the command line before touching a display.
func IsCommand(arg string) bool {
	_, ok := commands[arg]
	return ok || arg == "help" || arg == "-h" || arg == "--help"
}

// ExitError carries a specific exit status (e.g. 2 for "blockers found").
type ExitError struct {
	Code int
	Err  error
}

func (e *ExitError) Error() string { return e.Err.Error() }
func (e *ExitError) Unwrap() error { return e.Err }

// Main runs the command named by args[0] and returns the process exit status.
func Main(ctx context.Context, env *Env, args []string) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(env.Stdout)
		return 0
	}
	c, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(env.Stderr, "verloner: onbekend commando %q\n\n", args[0])
		usage(env.Stderr)
		return 2
	}
	err := c.Run(ctx, env, args[1:])
	if err == nil {
		return 0
	}
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	var ee *ExitError
	if errors.As(err, &ee) {
		if ee.Err != nil && ee.Err.Error() != "" {
			fmt.Fprintf(env.Stderr, "verloner %s: %v\n", c.Name, ee.Err)
		}
		return ee.Code
	}
	fmt.Fprintf(env.Stderr, "verloner %s: %v\n", c.Name, userMessage(err))
	return 1
}

// userMessage shows application errors as they are and wraps the rest with context.
func userMessage(err error) string {
	if domain.ErrorCode(err) != domain.EINTERNAL {
		return domain.ErrorMessage(err)
	}
	return err.Error()
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "Verloner — verloning en backoffice voor uitzendbureaus")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Gebruik:")
	fmt.Fprintln(w, "  verloner [--db BESTAND] [--lang nl|en]   start de desktop-app")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		c := commands[n]
		fmt.Fprintf(w, "  verloner %s %s\n      %s\n", c.Name, c.Usage, c.Summary)
	}
}

// newFlags makes a flag set that reports errors instead of exiting.
func newFlags(env *Env, c *Command) *flag.FlagSet {
	fs := flag.NewFlagSet("verloner "+c.Name, flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	fs.Usage = func() {
		fmt.Fprintf(env.Stderr, "Gebruik: verloner %s %s\n", c.Name, c.Usage)
		fs.PrintDefaults()
	}
	return fs
}

// parseInterspersed parses flags that may come before, between or after the
// positional arguments ("list workers --db x --json") and returns the positionals.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		if args[0] == "--" {
			return append(pos, args[1:]...), nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// openExisting opens an administration that must already exist: a typo in
// --db should not silently create an empty file.
func openExisting(ctx context.Context, path string) (*sqlite.DB, error) {
	if path == "" {
		return nil, domain.Errorf(domain.EINVALID, "geef de administratie op met --db BESTAND")
	}
	if _, err := os.Stat(path); err != nil {
		return nil, domain.Errorf(domain.ENOTFOUND, "administratie %s niet gevonden", path)
	}
	return sqlite.Open(ctx, path)
}
