package evaluate

import (
	"math"
	"os"
	"path/filepath"
	"strings"
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

// A sentence that opens with a quotation is text: encoding/csv read it as
// a quoted field running on over later lines and dropped them silently.
// A field a spreadsheet quoted whole is unquoted; a line with the wrong
// number of fields is an error naming the file and line.
func TestReadLabelsQuotes(t *testing.T) {
	path := filepath.Join(t.TempDir(), "set.tsv")
	tsv := "id\ttheme\tindicator\tstrength\tnegated\tkind\tsentence\n" +
		"a-1\tshepherding_culture_change\tthink_anchor_mindset\taction\tfalse\tevidence\t\"Think anchor\" has been added to the leadership framework.\n" +
		"a-2\t\t\t\t\tdecoy\tThe anchor tenant signed a lease.\n" +
		"a-3\t\t\t\t\tneutral\t\"Core20PLUS5 covers \"\"plus\"\" groups.\"\n"
	if err := os.WriteFile(path, []byte(tsv), 0o644); err != nil {
		t.Fatal(err)
	}
	labels, err := ReadLabels(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(labels) != 3 {
		t.Fatalf("%d labels, want 3", len(labels))
	}
	if got := labels[0].Sentence; got != "\"Think anchor\" has been added to the leadership framework." {
		t.Errorf("first sentence %q", got)
	}
	if got := labels[2].Sentence; got != "Core20PLUS5 covers \"plus\" groups." {
		t.Errorf("quoted sentence %q", got)
	}
	if labels[1].Line != 3 {
		t.Errorf("second label on line %d, want 3", labels[1].Line)
	}
	if err := os.WriteFile(path, []byte(tsv+"a-4\tdecoy\tA short row.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadLabels(path); err == nil || !strings.Contains(err.Error(), "set.tsv:5: 3 tab-separated fields, want 7") {
		t.Errorf("short row: err %v, want one naming set.tsv:5", err)
	}
}

// Pooling two sets' figures sums their counts and works the ratios out
// again from the sums, not by averaging.
func TestFiguresAdd(t *testing.T) {
	a := Figures{Themes: []ThemeFigures{{Theme: "x", TP: 9, FP: 1, FN: 0}}, Decoys: 10, DecoysReported: 1}
	b := Figures{Themes: []ThemeFigures{{Theme: "x", TP: 1, FP: 1, FN: 8}}, Decoys: 30, DecoysReported: 0}
	p := Figures{}.Add(a).Add(b)
	x := p.Themes[0]
	if x.TP != 10 || x.FP != 2 || x.FN != 8 || x.Precision != 10.0/12 || x.Recall != 10.0/18 || p.Decoys != 40 || p.DecoysReported != 1 {
		t.Errorf("pooled %+v", p)
	}
}
