// Package isolate reads documents in worker processes, so that a reader
// that crashes the Go runtime (an "out of memory" abort, which recover()
// cannot catch), loops forever or exhausts memory takes down one worker
// and one document, never the batch.
//
// The worker is this same binary, started again with ANCHORSCORE_WORKER=1
// in its environment (main calls MaybeServe first thing). Requests and
// replies cross the worker's stdin and stdout as gob values; a worker
// serves documents one at a time until its stdin closes.
package isolate

import (
	"bytes"
	"context"
	"encoding/gob"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"sync"
	"time"

	"github.com/anchorscore/anchorscore/pipeline/doc"
	"github.com/anchorscore/anchorscore/pipeline/ingest"
)

// EnvWorker marks a process started as a worker.
const EnvWorker = "ANCHORSCORE_WORKER"

// envMemory passes the worker its memory limit in bytes.
const envMemory = "ANCHORSCORE_WORKER_MEMORY"

type request struct {
	Path   string
	Limits ingest.Limits
}

type reply struct {
	Text *doc.Text
	Err  string
	Kind string // "encrypted", "unsupported" or ""
}

// Pool lends worker processes to readers; at most Size run at once.
type Pool struct {
	Exe       string // the binary to start; os.Executable() when empty
	Size      int
	MemoryMiB int // each worker's memory limit; 0 for none

	once  sync.Once
	slots chan *worker // idle workers, or nil entries standing for one not yet started
}

type worker struct {
	cmd    *exec.Cmd
	stdin  io.WriteCloser
	enc    *gob.Encoder
	dec    *gob.Decoder
	stderr *tail
	done   chan struct{} // closed when the process has exited
	err    error         // its exit status, once done
}

func (p *Pool) init() {
	p.slots = make(chan *worker, max(p.Size, 1))
	for range max(p.Size, 1) {
		p.slots <- nil
	}
}

// Read reads one document in a worker, within the limits. A worker that
// dies, runs out of memory or overruns the time limit is killed and
// replaced; the error says which, and only this document fails.
func (p *Pool) Read(ctx context.Context, path string, lim ingest.Limits) (*doc.Text, error) {
	p.once.Do(p.init)
	var w *worker
	select {
	case w = <-p.slots:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	keep := false
	defer func() {
		if keep {
			p.slots <- w
		} else {
			if w != nil {
				w.kill()
			}
			p.slots <- nil
		}
	}()
	if w == nil {
		var err error
		if w, err = p.start(); err != nil {
			return nil, fmt.Errorf("cannot start a reader process: %w", err)
		}
	}
	if err := w.enc.Encode(request{Path: path, Limits: lim}); err != nil {
		return nil, w.died("sending the request")
	}
	got := make(chan error, 1)
	var rep reply
	go func() { got <- w.dec.Decode(&rep) }()
	// The worker enforces the time limit itself; this longer one catches
	// a worker stuck where it cannot notice (a reader in a tight loop).
	var timer <-chan time.Time
	if lim.Timeout > 0 {
		t := time.NewTimer(lim.Timeout + lim.Timeout/2 + 2*time.Second)
		defer t.Stop()
		timer = t.C
	}
	select {
	case err := <-got:
		if err != nil {
			return nil, w.died("reading the reply")
		}
	case <-timer:
		return nil, fmt.Errorf("reader took longer than %s (--timeout) and was stopped", lim.Timeout)
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	keep = true
	if rep.Err != "" {
		err := errors.New(rep.Err)
		switch rep.Kind {
		case "encrypted":
			err = remoteError{rep.Err, ingest.ErrEncrypted}
		case "needs-ocr":
			err = ingest.ErrNeedsOCR
		case "unsupported":
			err = remoteError{rep.Err, ingest.ErrUnsupported}
		}
		return nil, err
	}
	return rep.Text, nil
}

// remoteError is an error as the worker worded it, still matching the
// sentinel it wrapped there (errors.Is), without repeating its words.
type remoteError struct {
	msg string
	is  error
}

func (e remoteError) Error() string { return e.msg }
func (e remoteError) Unwrap() error { return e.is }

func (p *Pool) start() (*worker, error) {
	exe := p.Exe
	if exe == "" {
		var err error
		if exe, err = os.Executable(); err != nil {
			return nil, err
		}
	}
	cmd := exec.Command(exe)
	cmd.Env = append(os.Environ(), EnvWorker+"=1", fmt.Sprintf("%s=%d", envMemory, int64(p.MemoryMiB)<<20))
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	w := &worker{cmd: cmd, stdin: stdin, enc: gob.NewEncoder(stdin), dec: gob.NewDecoder(stdout), stderr: &tail{max: 4096}, done: make(chan struct{})}
	cmd.Stderr = w.stderr
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	go func() {
		w.err = cmd.Wait()
		close(w.done)
	}()
	return w, nil
}

// died explains why a worker stopped answering.
func (w *worker) died(doing string) error {
	select {
	case <-w.done:
	case <-time.After(5 * time.Second):
		w.kill()
		<-w.done
	}
	msg := strings.TrimSpace(w.stderr.String())
	switch {
	case strings.Contains(msg, "out of memory") || strings.Contains(msg, "cannot allocate memory"):
		return errors.New("reader ran out of memory (--max-memory-mb) and was stopped")
	case msg != "":
		if i := strings.LastIndex(msg, "\n\ngoroutine "); i > 0 {
			msg = msg[:i] // the first line of a crash says what happened; the stacks do not help a user
		}
		if len(msg) > 300 {
			msg = msg[:300] + "..."
		}
		return fmt.Errorf("reader crashed (%v): %s", w.err, strings.ReplaceAll(msg, "\n", " "))
	}
	if w.err == nil {
		return fmt.Errorf("reader process ended unexpectedly while %s", doing)
	}
	return fmt.Errorf("reader process stopped while %s: %v", doing, w.err)
}

func (w *worker) kill() {
	w.stdin.Close()
	if w.cmd.Process != nil {
		w.cmd.Process.Kill()
	}
}

// Close stops the idle workers.
func (p *Pool) Close() {
	p.once.Do(p.init)
	for range max(p.Size, 1) {
		if w := <-p.slots; w != nil {
			w.stdin.Close()
			select {
			case <-w.done:
			case <-time.After(2 * time.Second):
				w.kill()
			}
		}
	}
}

// tail keeps the last max bytes written to it.
type tail struct {
	mu  sync.Mutex
	max int
	buf bytes.Buffer
}

func (t *tail) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.buf.Write(p)
	if over := t.buf.Len() - t.max; over > 0 {
		t.buf.Next(over)
	}
	return len(p), nil
}

func (t *tail) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.buf.String()
}
