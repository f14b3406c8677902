package isolate

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/anchorscore/anchorscore/pipeline/ingest"
)

// TestMain lets the test binary serve as a real worker: a Pool with no Exe
// starts os.Executable(), this binary, with ANCHORSCORE_WORKER=1.
func TestMain(m *testing.M) {
	MaybeServe()
	os.Exit(m.Run())
}

// script writes an executable shell script standing in for a worker.
func script(t *testing.T, body string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "worker.sh")
	if err := os.WriteFile(path, []byte("#!/bin/sh\n"+body+"\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	return path
}

func goodDocument(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "note.txt")
	if err := os.WriteFile(path, []byte("The anchor programme recruited 12 local people.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// A worker that dies, crashes, is killed or hangs mid-document gives a
// clear error for that document, and the next document is read by a new,
// real worker.
func TestWorkerDiesMidDocument(t *testing.T) {
	good := goodDocument(t)
	lim := ingest.Limits{Timeout: 300 * time.Millisecond}
	for _, c := range []struct {
		name, body string
		want       string
	}{
		{"exits at once", "exit 0", "reader process ended unexpectedly"},
		{"killed", "kill -9 $$", "signal: killed"},
		{"crashes", `printf 'panic: runtime error: index out of range [3] with length 2\n\ngoroutine 1 [running]:\nmain.main()\n' >&2; exit 2`,
			"reader crashed (exit status 2): panic: runtime error: index out of range [3] with length 2"},
		{"runs out of memory", `echo "fatal error: runtime: out of memory" >&2; exit 2`, "ran out of memory"},
		{"sends garbage", `head -c 1 >/dev/null; printf 'not gob at all'; exec sleep 1`, "reader"},
		{"hangs", "exec sleep 600", "took longer than 300ms (--timeout) and was stopped"},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := &Pool{Size: 1, Exe: script(t, c.body)}
			defer p.Close()
			text, err := p.Read(context.Background(), good, lim)
			if err == nil {
				t.Fatalf("no error from a worker that %s; got %+v", c.name, text)
			}
			t.Logf("error: %v", err)
			if !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %q, want it to say %q", err, c.want)
			}
			if strings.Contains(err.Error(), "goroutine 1") || strings.Contains(err.Error(), "\n") {
				t.Errorf("error %q carries the stack or spans lines", err)
			}
			// The next document, in the same pool, with a real worker.
			p.Exe = ""
			text, err = p.Read(context.Background(), good, lim)
			if err != nil {
				t.Fatalf("the next document: %v", err)
			}
			if len(text.Blocks) == 0 || !strings.Contains(text.Blocks[0].Text, "anchor programme") {
				t.Errorf("the next document read as %+v", text)
			}
		})
	}
}

// A cancelled run stops waiting for the worker at once, and the pool
// still reads afterwards.
func TestCancelWhileWorkerBusy(t *testing.T) {
	p := &Pool{Size: 1, Exe: script(t, "exec sleep 600")}
	defer p.Close()
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(200*time.Millisecond, cancel)
	_, err := p.Read(ctx, goodDocument(t), ingest.Limits{Timeout: time.Minute})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
	p.Exe = ""
	if _, err := p.Read(context.Background(), goodDocument(t), ingest.Limits{}); err != nil {
		t.Errorf("after a cancel: %v", err)
	}
}

// Errors that cross from a real worker keep their kind (errors.Is) and
// say what is wrong once.
func TestWorkerErrorKinds(t *testing.T) {
	dir := t.TempDir()
	binary := filepath.Join(dir, "random.pdf")
	if err := os.WriteFile(binary, []byte("\x00\x01\x02\x03 not a document \xff\xfe\x00"), 0o644); err != nil {
		t.Fatal(err)
	}
	empty := filepath.Join(dir, "empty.txt")
	if err := os.WriteFile(empty, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	p := &Pool{Size: 1}
	defer p.Close()
	for _, c := range []struct {
		path   string
		is     error
		phrase string
	}{
		{binary, ingest.ErrUnsupported, ingest.ErrUnsupported.Error()},
		{"../../fixtures/bad/corpus/pdf/encrypted-user-password.pdf", ingest.ErrEncrypted, ingest.ErrEncrypted.Error()},
		{"../../fixtures/bad/corpus/docx/password-protected.docx", ingest.ErrEncrypted, ingest.ErrEncrypted.Error()},
		{empty, nil, "empty file"},
		{filepath.Join(dir, "missing.txt"), nil, "no such file"},
	} {
		_, err := p.Read(context.Background(), c.path, ingest.Limits{Timeout: time.Minute})
		if err == nil {
			t.Errorf("%s: no error", c.path)
			continue
		}
		if c.is != nil && !errors.Is(err, c.is) {
			t.Errorf("%s: %v is not %v", c.path, err, c.is)
		}
		if n := strings.Count(err.Error(), c.phrase); n != 1 {
			t.Errorf("%s: %q says %q %d times, want once", c.path, err, c.phrase, n)
		}
	}
}
