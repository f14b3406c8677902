package shard

import (
	"fmt"
	"testing"

	"github.com/anchorscore/anchorscore/pipeline/discover"
)

func TestParse(t *testing.T) {
	for _, tc := range []struct {
		spec string
		env  map[string]string
		want string // "" for an error
	}{
		{"2/5", nil, "2/5"},
		{"5", map[string]string{"JOB_COMPLETION_INDEX": "4"}, "4/5"},
		{"5", map[string]string{"SLURM_ARRAY_TASK_ID": "3", "SLURM_ARRAY_TASK_MIN": "1"}, "2/5"},
		{"auto", map[string]string{"SLURM_ARRAY_TASK_ID": "0", "SLURM_ARRAY_TASK_COUNT": "8"}, "0/8"},
		{"10", map[string]string{"AWS_BATCH_JOB_ARRAY_INDEX": "9"}, "9/10"},
		{"5/5", nil, ""},
		{"5", nil, ""},
		{"auto", map[string]string{"AWS_BATCH_JOB_ARRAY_INDEX": "1"}, ""},
		{"x/3", nil, ""},
	} {
		got, err := Parse(tc.spec, func(k string) string { return tc.env[k] })
		if tc.want == "" {
			if err == nil {
				t.Errorf("Parse(%q, %v) = %s, want an error", tc.spec, tc.env, got)
			}
			continue
		}
		if err != nil || got.String() != tc.want {
			t.Errorf("Parse(%q, %v) = %s, %v; want %s", tc.spec, tc.env, got, err, tc.want)
		}
	}
}

// Every input lands in exactly one shard, whatever N.
func TestSelectPartitions(t *testing.T) {
	var in []discover.Input
	for i := 0; i < 200; i++ {
		in = append(in, discover.Input{Organisation: fmt.Sprintf("org-%d", i%7), Display: fmt.Sprintf("doc-%d.pdf", i)})
	}
	for _, n := range []int{1, 2, 3, 16} {
		seen := map[string]int{}
		for k := 0; k < n; k++ {
			for _, d := range Select(in, Spec{K: k, N: n}) {
				seen[d.Organisation+d.Display]++
			}
		}
		if len(seen) != len(in) {
			t.Errorf("N=%d: %d of %d inputs selected", n, len(seen), len(in))
		}
		for k, c := range seen {
			if c != 1 {
				t.Errorf("N=%d: %s selected %d times", n, k, c)
			}
		}
	}
}
