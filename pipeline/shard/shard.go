// Package shard splits one scoring run across machines: each shard reads a
// deterministic slice of the documents and saves what it read; the report
// step merges the slices into exactly the outputs of a single run.
package shard

import (
	"bufio"
	"compress/gzip"
	"encoding/gob"
	"fmt"
	"hash/fnv"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/anchorscore/anchorscore/pipeline"
	"github.com/anchorscore/anchorscore/pipeline/discover"
)

// Spec is shard K of N, K counting from 0.
type Spec struct{ K, N int }

func (s Spec) String() string { return fmt.Sprintf("%d/%d", s.K, s.N) }

// Parse reads --shard: "K/N", or "N" alone, or "auto", taking K (and for
// auto, N) from the array-job variables of batch engines: Kubernetes
// Indexed Jobs (JOB_COMPLETION_INDEX), Slurm (SLURM_ARRAY_TASK_ID, less
// SLURM_ARRAY_TASK_MIN, and SLURM_ARRAY_TASK_COUNT) and AWS Batch
// (AWS_BATCH_JOB_ARRAY_INDEX; its array size is not in the environment,
// so give N).
func Parse(spec string, getenv func(string) string) (Spec, error) {
	spec = strings.TrimSpace(spec)
	num := func(name, v string) (int, error) {
		n, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil {
			return 0, fmt.Errorf("%s=%q is not a whole number", name, v)
		}
		return n, nil
	}
	envIndex := func() (int, error) {
		if v := getenv("JOB_COMPLETION_INDEX"); v != "" {
			return num("JOB_COMPLETION_INDEX", v)
		}
		if v := getenv("SLURM_ARRAY_TASK_ID"); v != "" {
			k, err := num("SLURM_ARRAY_TASK_ID", v)
			if err != nil {
				return 0, err
			}
			if m := getenv("SLURM_ARRAY_TASK_MIN"); m != "" {
				lo, err := num("SLURM_ARRAY_TASK_MIN", m)
				if err != nil {
					return 0, err
				}
				k -= lo
			}
			return k, nil
		}
		if v := getenv("AWS_BATCH_JOB_ARRAY_INDEX"); v != "" {
			return num("AWS_BATCH_JOB_ARRAY_INDEX", v)
		}
		return 0, fmt.Errorf("no shard index: set JOB_COMPLETION_INDEX, SLURM_ARRAY_TASK_ID or AWS_BATCH_JOB_ARRAY_INDEX, or give K/N")
	}
	var s Spec
	var err error
	switch k, n, ok := strings.Cut(spec, "/"); {
	case spec == "auto":
		if s.K, err = envIndex(); err != nil {
			return s, err
		}
		v := getenv("SLURM_ARRAY_TASK_COUNT")
		if v == "" {
			return s, fmt.Errorf("--shard auto needs SLURM_ARRAY_TASK_COUNT; elsewhere give the number of shards (--shard N)")
		}
		if s.N, err = num("SLURM_ARRAY_TASK_COUNT", v); err != nil {
			return s, err
		}
	case ok:
		if s.K, err = num("shard index", k); err != nil {
			return s, err
		}
		if s.N, err = num("number of shards", n); err != nil {
			return s, err
		}
	default:
		if s.N, err = num("number of shards", spec); err != nil {
			return s, err
		}
		if s.K, err = envIndex(); err != nil {
			return s, err
		}
	}
	if s.N < 1 || s.K < 0 || s.K >= s.N {
		return s, fmt.Errorf("shard %d/%d: want 0 <= K < N", s.K, s.N)
	}
	return s, nil
}

// Select keeps the inputs that belong to this shard. A document's shard
// depends only on its organisation, so every shard, given the same PATHs,
// agrees on who reads what, and an organisation's papers are read
// together: a piece of work one of them names is read in the others
// (the rubric's named_work), as in a single run.
func Select(in []discover.Input, s Spec) []discover.Input {
	var out []discover.Input
	for _, d := range in {
		h := fnv.New32a()
		h.Write([]byte(d.Organisation))
		if int(h.Sum32()%uint32(s.N)) == s.K {
			out = append(out, d)
		}
	}
	return out
}

// Partial is what one shard saves.
type Partial struct {
	Version   string // of the tool
	RubricSHA string
	Period    string
	Shard     Spec
	Documents []*pipeline.Document
}

// FileName is where shard s saves its part in --out.
func FileName(s Spec) string { return fmt.Sprintf("shard-%04d-of-%04d.anchorscore.gz", s.K, s.N) }

// Write saves a partial result atomically.
func Write(dir string, p *Partial) (string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	name := FileName(p.Shard)
	tmp, err := os.CreateTemp(dir, "."+name+".tmp-*")
	if err != nil {
		return "", err
	}
	bw := bufio.NewWriter(tmp)
	zw := gzip.NewWriter(bw)
	err = gob.NewEncoder(zw).Encode(p)
	for _, step := range []func() error{zw.Close, bw.Flush, tmp.Sync, tmp.Close} {
		if err == nil {
			err = step()
		}
	}
	if err == nil {
		err = os.Rename(tmp.Name(), filepath.Join(dir, name))
	}
	if err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return "", err
	}
	return name, nil
}

// ReadAll loads every shard part found in dirs and checks that they belong
// to one run: same rubric, same periods, same N, every K present once.
func ReadAll(dirs []string) ([]*Partial, error) {
	var parts []*Partial
	for _, dir := range dirs {
		names, err := filepath.Glob(filepath.Join(dir, "shard-*-of-*.anchorscore.gz"))
		if err != nil {
			return nil, err
		}
		for _, name := range names {
			p, err := read(name)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", name, err)
			}
			parts = append(parts, p)
		}
	}
	if len(parts) == 0 {
		return nil, fmt.Errorf("no shard results (shard-*-of-*.anchorscore.gz) in %s", strings.Join(dirs, ", "))
	}
	sort.Slice(parts, func(i, j int) bool { return parts[i].Shard.K < parts[j].Shard.K })
	first := parts[0]
	seen := map[int]bool{}
	for _, p := range parts {
		switch {
		case p.RubricSHA != first.RubricSHA:
			return nil, fmt.Errorf("shard %s used another rubric (sha256 %.12s, not %.12s)", p.Shard, p.RubricSHA, first.RubricSHA)
		case p.Period != first.Period:
			return nil, fmt.Errorf("shard %s used --period %s, not %s", p.Shard, p.Period, first.Period)
		case p.Shard.N != first.Shard.N:
			return nil, fmt.Errorf("shard %s is from a run of %d shards, not %d", p.Shard, p.Shard.N, first.Shard.N)
		case seen[p.Shard.K]:
			return nil, fmt.Errorf("shard %s appears twice", p.Shard)
		}
		seen[p.Shard.K] = true
	}
	var missing []string
	for k := 0; k < first.Shard.N; k++ {
		if !seen[k] {
			missing = append(missing, strconv.Itoa(k))
		}
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("missing shards %s of %d", strings.Join(missing, ", "), first.Shard.N)
	}
	return parts, nil
}

func read(name string) (*Partial, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(bufio.NewReader(f))
	if err != nil {
		return nil, err
	}
	var p Partial
	if err := gob.NewDecoder(zr).Decode(&p); err != nil {
		return nil, err
	}
	return &p, nil
}
