package report

import (
	"os"
	"runtime"
	"runtime/metrics"
	"sync"
	"testing"
	"time"

	"github.com/anchorscore/anchorscore/rubric"
)

// BenchmarkWriteReports writes every output of a large batch: 200
// organisations, 100,000 evidence sentences. Besides time and
// allocations it reports the peak live heap, which the streamed sheets
// keep bounded whatever the number of rows.
//
//	go test ./pipeline/report -run '^$' -bench WriteReports -benchtime 3x
func BenchmarkWriteReports(b *testing.B) {
	r, err := rubric.Builtin()
	if err != nil {
		b.Fatal(err)
	}
	res := synthetic{orgs: 200, docsPerOrg: 5, items: 100_000}.build(r)
	meta := testMeta(r)
	runtime.GC()
	peak := watchHeap()
	b.ReportAllocs()
	for b.Loop() {
		dir, err := os.MkdirTemp("", "anchorscore-bench-")
		if err != nil {
			b.Fatal(err)
		}
		if _, err := Write(dir, res, meta); err != nil {
			b.Fatal(err)
		}
		os.RemoveAll(dir)
	}
	b.ReportMetric(float64(peak())/(1<<20), "peak-heap-MiB")
}

// watchHeap samples the live heap until the returned function is called,
// which gives the highest seen.
func watchHeap() func() uint64 {
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	var mu sync.Mutex
	var peak uint64
	done := make(chan struct{})
	go func() {
		t := time.NewTicker(5 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				metrics.Read(sample)
				mu.Lock()
				peak = max(peak, sample[0].Value.Uint64())
				mu.Unlock()
			}
		}
	}()
	return func() uint64 {
		close(done)
		mu.Lock()
		defer mu.Unlock()
		return peak
	}
}
