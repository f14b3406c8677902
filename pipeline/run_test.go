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
