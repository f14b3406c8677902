// Command anchorscore rates anchor institutions' anchor-leadership
// maturity from their documents. main stays thin: the commands build their
// options and call their run functions; errors become exit codes here.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"syscall"

	"github.com/anchorscore/anchorscore/pipeline/discover"
	"github.com/anchorscore/anchorscore/pipeline/isolate"
	"github.com/anchorscore/anchorscore/rubric"
)

// Exit statuses, listed in --help.
const (
	exitOK          = 0   // every document read
	exitFailure     = 1   // anything else went wrong
	exitUsage       = 2   // usage, setting or rubric error; nothing written
	exitUnread      = 3   // some documents could not be read; outputs written, failures listed
	exitInterrupted = 130 // stopped by Ctrl-C or SIGTERM; previous outputs untouched
)

const exitHelp = `Exit status:
  0    every document was read
  1    something else went wrong
  2    usage, setting or rubric error (nothing was written)
  3    some documents could not be read (outputs written, each failure listed)
  130  interrupted (outputs already in --out are left as they were)`

// version is set at build time with -ldflags "-X main.version=...".
var version = "0.1.0-dev"

// softMemoryLimit is the heap the garbage collector aims to stay under
// (unless GOMEMLIMIT says otherwise). What a run keeps is small (evidence,
// scores); most of its memory is garbage between collections, so a soft
// limit keeps the process near 170 MiB however large the corpus, for a
// few percent more time. It is soft: a larger batch of evidence still fits.
const softMemoryLimit = 150 << 20

// gcPercent lets the heap grow four times what survives a collection
// before the next (Go's default is twice): reading PDFs makes much
// short-lived garbage, and fewer collections saved a tenth of the run
// time on the bench corpus, while the soft limit still bounds the peak.
const gcPercent = 400

func main() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
	}
	isolate.MaybeServe() // a worker process reading documents for a parent never returns from here
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(softMemoryLimit)
	}
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	// ANCHORSCORE_CPUPROFILE=FILE writes a CPU profile for `go tool pprof`:
	// for measuring, not a setting users need.
	if path := os.Getenv("ANCHORSCORE_CPUPROFILE"); path != "" {
		if f, err := os.Create(path); err == nil {
			defer f.Close() // after the profile is stopped and written
			if pprof.StartCPUProfile(f) == nil {
				defer pprof.StopCPUProfile()
			}
		}
	}
	root := newRootCmd(stdout, stderr)
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	return exitCode(ctx, err, stderr)
}

// writeHeapProfile writes what is live on the heap, for measuring memory
// (ANCHORSCORE_MEMPROFILE=FILE, taken once reading is done and before the
// reports are written).
func writeHeapProfile(path string) {
	f, err := os.Create(path)
	if err != nil {
		return
	}
	defer f.Close()
	runtime.GC()
	pprof.WriteHeapProfile(f)
}

// usageError marks a mistake in what the user asked for.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

func usagef(format string, args ...any) error { return usageError{fmt.Errorf(format, args...)} }

// errUnread means the run finished but some documents could not be read.
var errUnread = errors.New("some documents could not be read")

// errQuiet ends a command with a status whose message was printed already.
type errQuiet struct{ code int }

func (e errQuiet) Error() string { return fmt.Sprintf("exit %d", e.code) }

func exitCode(ctx context.Context, err error, stderr io.Writer) int {
	if err == nil {
		return exitOK
	}
	var quiet errQuiet
	var ue usageError
	var du *discover.UsageError
	var re *rubric.Error
	var res rubric.Errors
	switch {
	case errors.As(err, &quiet):
		return quiet.code
	case errors.Is(err, errUnread):
		return exitUnread
	case ctx.Err() != nil || errors.Is(err, context.Canceled):
		fmt.Fprintln(stderr, "anchorscore: interrupted; outputs already in place were left as they were")
		return exitInterrupted
	case errors.As(err, &ue), errors.As(err, &du), errors.As(err, &re), errors.As(err, &res):
		fmt.Fprintln(stderr, "anchorscore:", err)
		return exitUsage
	}
	fmt.Fprintln(stderr, "anchorscore:", err)
	return exitFailure
}
