package pipeline

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"

	"github.com/anchorscore/anchorscore/pipeline/cache"
	"github.com/anchorscore/anchorscore/pipeline/discover"
	"github.com/anchorscore/anchorscore/pipeline/doc"
	"github.com/anchorscore/anchorscore/pipeline/ingest"
	"github.com/anchorscore/anchorscore/rubric"
)

// A document that failed is kept failed by the cache: the next run says
// the same and does not spend the reading again, unless the limits that
// decided the failure change.
func TestCacheKeepsFailures(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "org", "scan.pdf")
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte("%PDF-1.4 a scan"), 0o644); err != nil {
		t.Fatal(err)
	}
	inputs, err := discover.Paths([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	rub, err := rubric.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	var reads atomic.Int32
	read := func(ctx context.Context, path string, lim ingest.Limits) (*doc.Text, error) {
		reads.Add(1)
		return nil, errors.New("reader took longer than 2m0s (--timeout) and was stopped")
	}
	c := &cache.Cache{Dir: filepath.Join(dir, "cache")}
	run := func(memory int) *Document {
		t.Helper()
		res, err := Run(context.Background(), Options{Inputs: inputs, Rubric: rub, Workers: 1, Read: read, Cache: c, MemoryMiB: memory})
		if err != nil {
			t.Fatal(err)
		}
		return res.Documents[0]
	}
	first := run(2048)
	second := run(2048)
	if reads.Load() != 1 {
		t.Errorf("read %d times over two runs, want once", reads.Load())
	}
	if second.Status != first.Status || second.Error != first.Error || first.Status != StatusFailed || !second.KeptFailure || first.KeptFailure {
		t.Errorf("second run: %q %q kept=%v, want %q %q kept", second.Status, second.Error, second.KeptFailure, first.Status, first.Error)
	}
	// More memory for the reader: the failure may not happen again.
	run(4096)
	if reads.Load() != 2 {
		t.Errorf("read %d times after the limits changed, want twice", reads.Load())
	}
}

// A piece of work one paper names as the organisation's anchor programme
// is anchor work wherever another of its papers uses the name alone, from
// the cache as on a first run; without the naming paper, it is not.
func TestNamedWorkAcrossPapers(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		t.Helper()
		path := filepath.Join(dir, "kestrel-bay-hospitals", name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("strategy-2024-04-01.txt", "The Board approved Kindred Work, our anchor programme for local jobs and local spend.\n")
	later := "The Kindred Work Programme Manager post ended on 31 March and was not renewed."
	write("board-minutes-2025-04-24.txt", later+"\n")
	rub, err := rubric.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	quoted := func(c *cache.Cache) bool {
		t.Helper()
		inputs, err := discover.Paths([]string{dir})
		if err != nil {
			t.Fatal(err)
		}
		res, err := Run(context.Background(), Options{Inputs: inputs, Rubric: rub, Workers: 2, Cache: c})
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range res.Documents {
			for _, ev := range d.Evidence {
				if ev.Text == later {
					return ev.Negated
				}
			}
		}
		return false
	}
	c := &cache.Cache{Dir: filepath.Join(t.TempDir(), "cache")}
	if !quoted(c) {
		t.Error("the named programme's post ending: not quoted as negated evidence")
	}
	if !quoted(c) {
		t.Error("from the cache: the named programme's post ending not quoted")
	}
	if err := os.Remove(filepath.Join(dir, "kestrel-bay-hospitals", "strategy-2024-04-01.txt")); err != nil {
		t.Fatal(err)
	}
	if quoted(c) {
		t.Error("with no paper naming it as anchor work, the name alone was read as anchor work")
	}
}
