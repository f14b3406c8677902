package main

import (
	"os"
	"testing"

	"github.com/anchorscore/anchorscore/pipeline/isolate"
)

// TestMain lets the test binary serve as its own reader worker, as the
// real binary does: score starts os.Executable() with ANCHORSCORE_WORKER=1.
func TestMain(m *testing.M) {
	isolate.MaybeServe()
	os.Exit(m.Run())
}
