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
		if !same(t, a, b, name) {
			t.Errorf("%s differs between %s and %s", name, a, b)
		}
	}
}

// same reports whether the file name has the same bytes in folders a and b.
func same(t *testing.T, a, b, name string) bool {
	t.Helper()
	x, err := os.ReadFile(filepath.Join(a, name))
	if err != nil {
		t.Fatal(err)
	}
	y, err := os.ReadFile(filepath.Join(b, name))
	if err != nil {
		t.Fatal(err)
	}
	return bytes.Equal(x, y)
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

// A second run takes every document's evidence from the cache and gives
// the same outputs; a run with an edited rubric re-matches the cached
// sentences and gives what a run without the cache gives; cache clear
// empties it.
func TestCacheGivesSameOutputs(t *testing.T) {
	cacheDir := t.TempDir()
	scoreIn := func(args ...string) string {
		t.Helper()
		out := t.TempDir()
		var stdout, stderr bytes.Buffer
		args = append([]string{"score", "--progress", "none", "--out", out}, args...)
		if code := run(append(args, corpus), &stdout, &stderr); code != exitOK {
			t.Fatalf("%v: exit %d: %s", args, code, stderr.String())
		}
		return out
	}
	entries := func() int {
		e, _ := filepath.Glob(filepath.Join(cacheDir, "v1", "*", "*.gob"))
		return len(e)
	}
	// Sentences and evidence for each of the 30 fixture documents and the
	// tagger's answers (61), and the evidence read again, for the
	// documents of organisations whose papers name their anchor work, with
	// those names (cues.named_work).
	a := scoreIn("--cache", cacheDir)
	first := entries()
	if first < 61 {
		t.Errorf("cache holds %d entries, want sentences and evidence for each fixture document, and the tagger's answers (at least 61)", first)
	}
	sameCSVs(t, a, scoreIn("--cache", cacheDir))
	if n := entries(); n != first {
		t.Errorf("a second run with the same rubric left %d entries, want the %d of the first: it should take everything from the cache", n, first)
	}

	// The edited rubric multi-codes sentences, so it finds more evidence.
	builtin, err := os.ReadFile("../../configs/haln.yaml")
	if err != nil {
		t.Fatal(err)
	}
	edited := filepath.Join(t.TempDir(), "edited.yaml")
	text := strings.Replace(string(builtin), "\nlevels:", "\nmulti_code: true\nlevels:", 1)
	if err := os.WriteFile(edited, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	c := scoreIn("--cache", cacheDir, "--rubric", edited)
	total := entries()
	if total < first+30 {
		t.Errorf("after an edited rubric the cache holds %d entries, want at least %d (one more evidence entry a document)", total, first+30)
	}
	sameCSVs(t, c, scoreIn("--no-cache", "--rubric", edited))
	if same(t, a, c, "evidence.csv") {
		t.Error("the edited rubric gave the same evidence: stale evidence from the cache?")
	}

	var stdout, stderr bytes.Buffer
	if code := run([]string{"cache", "clear", "--cache", cacheDir}, &stdout, &stderr); code != exitOK || !strings.Contains(stdout.String(), fmt.Sprintf("%d entries", total)) {
		t.Errorf("cache clear: exit %d, %q", code, stdout.String())
	}
	if n := entries(); n != 0 {
		t.Errorf("cache clear left %d entries", n)
	}
}
