package rubric

import (
	"slices"
	"strings"
	"testing"
)

// A tree in preorder: the right subtree starts after the whole left one.
func TestTreeValue(t *testing.T) {
	// x0 <= 0.5: 1; otherwise x1 <= 0.5: 2, else 3
	tree := Tree{Nodes: []float64{0, 0.5, -1, 1, 1, 0.5, -1, 2, -1, 3}}
	for _, tc := range []struct {
		x    []float64
		want float64
	}{{[]float64{0, 9}, 1}, {[]float64{1, 0}, 2}, {[]float64{1, 1}, 3}, {[]float64{0.5, 1}, 1}} {
		if got := tree.value(tc.x); got != tc.want {
			t.Errorf("x %v: %v, want %v", tc.x, got, tc.want)
		}
	}
	if p := tree.check(2, 1); p != "" {
		t.Errorf("a whole tree over 2 features: %s", p)
	}
}

// The trees learn what a regression over the same features cannot: here
// the level is 1 where two features agree and 0 where they differ, so
// that neither feature alone says much. (Were the four groups the same
// size, neither would say anything, and no first split would gain.)
func TestBoostLearnsACombination(t *testing.T) {
	var x [][]float64
	var y []int
	for _, s := range []struct {
		x0, x1 float64
		n      int
	}{{0, 0, 40}, {0, 1, 20}, {1, 0, 30}, {1, 1, 30}} {
		for i := 0; i < s.n; i++ {
			x = append(x, []float64{s.x0, s.x1, float64(i % 3)})
			if s.x0 == s.x1 {
				y = append(y, 1)
			} else {
				y = append(y, 0)
			}
		}
	}
	base, trees := boost(x, y, 2)
	for _, i := range []int{0, 40, 60, 90} {
		score := slices.Clone(base)
		for _, tr := range trees {
			score[tr.Level] += tr.value(x[i])
		}
		if got := score[1] > score[0]; got != (y[i] == 1) {
			t.Errorf("features %v: scores %v, want level %d", x[i][:2], score, y[i])
		}
	}
	base2, trees2 := boost(x, y, 2)
	if !slices.Equal(base, base2) || !slices.EqualFunc(trees, trees2, func(a, b Tree) bool { return a.Level == b.Level && slices.Equal(a.Nodes, b.Nodes) }) {
		t.Error("the same samples gave different trees")
	}
	for i, tr := range trees {
		if p := tr.check(3, 2); p != "" {
			t.Fatalf("tree %d: %s", i, p)
		}
	}
}

func TestTreeLint(t *testing.T) {
	model := tiny + "level_model:\n  intercepts: [0, 1]\n  features:\n    - {cue: pilot, weights: [1, 2]}\n"
	for _, tc := range []struct{ trees, want string }{
		{"  tree_base: [0]\n  trees:\n    - {level: 0, nodes: [-1, 1]}\n", "level_model.tree_base: want one starting score per level (2), found 1"},
		{"  tree_base: [0, 0]\n  trees:\n    - {level: 2, nodes: [-1, 1]}\n", "level_model.trees[0]: level 2 is not on the scale (0 to 1)"},
		{"  tree_base: [0, 0]\n  trees:\n    - {level: 0, nodes: [1, 0.5, -1, 1, -1, 2]}\n", "level_model.trees[0]: node 0 names feature 1 of the list (counting from 0), but the model has 1 features"},
		{"  tree_base: [0, 0]\n  trees:\n    - {level: 0, nodes: [0, 0.5, -1, 1]}\n", "level_model.trees[0]: the nodes do not make one whole tree"},
		{"  tree_base: [0, 0]\n  trees:\n    - {level: 0, nodes: [-1, 1, -1, 2]}\n", "level_model.trees[0]: the nodes do not make one whole tree"},
	} {
		_, err := Parse("tiny.yaml", []byte(model+tc.trees))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: error %v, want it to contain %q", tc.trees, err, tc.want)
		}
	}
	untrained := tiny + "level_model:\n  features:\n    - {cue: pilot}\n  tree_base: [0, 0]\n  trees:\n    - {level: 0, nodes: [-1, 1]}\n"
	if _, err := Parse("tiny.yaml", []byte(untrained)); err == nil || !strings.Contains(err.Error(), "level_model.trees: trees without intercepts") {
		t.Errorf("trees without intercepts: %v", err)
	}
	if _, err := Parse("tiny.yaml", []byte(model+"  tree_base: [0, 0]\n  trees:\n    - {level: 1, nodes: [0, 0.5, -1, 1, -1, 2]}\n")); err != nil {
		t.Errorf("a whole tree: %v", err)
	}
}
