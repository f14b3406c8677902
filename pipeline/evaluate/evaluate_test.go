package evaluate

import (
	"math"
	"testing"
)

func TestLevels(t *testing.T) {
	for _, tc := range []struct {
		exp, got     []int
		exact, kappa float64
	}{
		{[]int{0, 1, 2, 3, 4}, []int{0, 1, 2, 3, 4}, 1, 1},
		// Cohen's quadratic weighted kappa, worked by hand: the one
		// disagreement (3 for 4) weighs (4-3)^2/16; by chance, each of the
		// 16 pairs of marginals is 1/4 likely and the squared distances
		// sum to 56, so chance disagreement is 56/64.
		{[]int{0, 1, 2, 3}, []int{0, 1, 2, 4}, 0.75, 1 - (1.0/16)/(56.0/64)},
		{[]int{0, 4}, []int{4, 0}, 0, -1},
	} {
		exact, kappa := Levels(tc.exp, tc.got, 5)
		if exact != tc.exact || math.Abs(kappa-tc.kappa) > 0.02 {
			t.Errorf("Levels(%v, %v) = %.3f, %.3f; want %.3f, %.3f", tc.exp, tc.got, exact, kappa, tc.exact, tc.kappa)
		}
	}
}
