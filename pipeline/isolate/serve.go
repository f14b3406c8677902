package isolate

import (
	"context"
	"encoding/gob"
	"errors"
	"io"
	"os"
	"runtime/debug"
	"strconv"
	"syscall"

	"github.com/anchorscore/anchorscore/pipeline/ingest"
)

// MaybeServe turns this process into a worker when it was started as one,
// and then exits; otherwise it returns at once. main calls it first.
func MaybeServe() {
	if os.Getenv(EnvWorker) != "1" {
		return
	}
	limit, _ := strconv.ParseInt(os.Getenv(envMemory), 10, 64)
	if err := Serve(os.Stdin, os.Stdout, limit); err != nil {
		os.Stderr.WriteString("anchorscore worker: " + err.Error() + "\n")
		os.Exit(1)
	}
	os.Exit(0)
}

// Serve answers read requests until in closes. With a memory limit, the
// garbage collector aims below it, and the address space is capped above
// it, so a reader that runs away dies here and not on the whole machine.
func Serve(in io.Reader, out io.Writer, memoryLimit int64) error {
	if memoryLimit > 0 {
		debug.SetMemoryLimit(memoryLimit)
		// The Go runtime reserves address space beyond what it uses, so
		// the hard cap leaves room above the soft limit.
		hard := uint64(memoryLimit) + 1<<30
		_ = syscall.Setrlimit(syscall.RLIMIT_AS, &syscall.Rlimit{Cur: hard, Max: hard})
	}
	dec, enc := gob.NewDecoder(in), gob.NewEncoder(out)
	for {
		var req request
		if err := dec.Decode(&req); err != nil {
			if errors.Is(err, io.EOF) {
				return nil
			}
			return err
		}
		text, err := ingest.Read(context.Background(), req.Path, req.Limits)
		rep := reply{Text: text}
		if err != nil {
			rep.Text, rep.Err = nil, err.Error()
			switch {
			case errors.Is(err, ingest.ErrNeedsOCR):
				rep.Kind = "needs-ocr"
			case errors.Is(err, ingest.ErrEncrypted):
				rep.Kind = "encrypted"
			case errors.Is(err, ingest.ErrUnsupported):
				rep.Kind = "unsupported"
			}
		}
		if err := enc.Encode(rep); err != nil {
			return err
		}
	}
}
