package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func sameCSVs(t *testing.T, a, b string) {
	t.Helper()
	for _, name := range []string{"scores.csv", "evidence.csv", "documents.csv"} {
		x, err := os.ReadFile(filepath.Join(a, name))
		if err != nil {
			t.Fatal(err)
		}
		y, err := os.ReadFile(filepath.Join(b, name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(x, y) {
			t.Errorf("%s differs between %s and %s", name, a, b)
		}
	}
}

// N shards, then report, give byte-identical CSV files to a single run.
func TestShardsThenReportEqualSingleRun(t *testing.T) {
	single := t.TempDir()
	if code, stderr := score(t, "--out", single, corpus); code != exitOK {
		t.Fatalf("single run: exit %d: %s", code, stderr)
	}
	const n = 3
	var dirs []string
	for k := 0; k < n; k++ {
		dir := t.TempDir()
		args := []string{"--out", dir, "--shard", fmt.Sprintf("%d/%d", k, n)}
		if k == 1 {
			// This shard takes its index from Slurm's variables, as on a
			// cluster: task ids 1..3, so task 2 is shard 1.
			t.Setenv("SLURM_ARRAY_TASK_ID", "2")
			t.Setenv("SLURM_ARRAY_TASK_MIN", "1")
			args[3] = fmt.Sprint(n)
		}
		if code, stderr := score(t, append(args, corpus)...); code != exitOK {
			t.Fatalf("shard %d: exit %d: %s", k, code, stderr)
		}
		dirs = append(dirs, dir)
	}
	merged := t.TempDir()
	var stdout, stderr bytes.Buffer
	if code := run(append([]string{"report", "--out", merged}, dirs...), &stdout, &stderr); code != exitOK {
		t.Fatalf("report: exit %d: %s", code, stderr.String())
	}
	sameCSVs(t, single, merged)

	// A missing shard is named, and nothing is written.
	empty := filepath.Join(t.TempDir(), "out")
	stderr.Reset()
	code := run([]string{"report", "--out", empty, dirs[0], dirs[2]}, &stdout, &stderr)
	if code != exitUsage || !strings.Contains(stderr.String(), "missing shards 1 of 3") {
		t.Errorf("report without shard 1: exit %d, stderr %q; want exit 2 naming the missing shard", code, stderr.String())
	}
	if _, err := os.Stat(empty); !os.IsNotExist(err) {
		t.Errorf("report wrote %s although it failed", empty)
	}
}

// A second run reads every document from the cache and gives the same
// outputs; cache clear empties it.
func TestCacheGivesSameOutputs(t *testing.T) {
	cacheDir := t.TempDir()
	a, b := t.TempDir(), t.TempDir()
	for _, out := range []string{a, b} {
		var stdout, stderr bytes.Buffer
		if code := run([]string{"score", "--progress", "none", "--cache", cacheDir, "--out", out, corpus}, &stdout, &stderr); code != exitOK {
			t.Fatalf("exit %d: %s", code, stderr.String())
		}
	}
	sameCSVs(t, a, b)
	entries, _ := filepath.Glob(filepath.Join(cacheDir, "v1", "*", "*.gob"))
	if len(entries) != 30 {
		t.Errorf("cache holds %d entries, want one per fixture document (30)", len(entries))
	}
	var stdout, stderr bytes.Buffer
	if code := run([]string{"cache", "clear", "--cache", cacheDir}, &stdout, &stderr); code != exitOK || !strings.Contains(stdout.String(), "30 entries") {
		t.Errorf("cache clear: exit %d, %q", code, stdout.String())
	}
	if entries, _ := filepath.Glob(filepath.Join(cacheDir, "v1", "*", "*.gob")); len(entries) != 0 {
		t.Errorf("cache clear left %d entries", len(entries))
	}
}
