package rubric

import (
	"os"
	"strings"
	"testing"

	"github.com/anchorscore/anchorscore/pipeline/doc"
)

// benchSentences are the sentences of a real-size board pack: the bench
// corpus's source text when it is there, else a board paper's worth of
// the rubric's own examples repeated.
func benchSentences(b *testing.B) []doc.Sentence {
	var lines []string
	if data, err := os.ReadFile("../../shared/corpus/bench/lo-p500.truth.txt"); err == nil {
		for _, l := range strings.Split(string(data), "\n") {
			for _, s := range strings.SplitAfter(l, ". ") {
				if strings.TrimSpace(s) != "" {
					lines = append(lines, s)
				}
			}
		}
	} else {
		c, _ := Builtin()
		for i := 0; i < 200; i++ {
			for _, in := range c.indicators {
				lines = append(lines, in.Examples.Match...)
				lines = append(lines, in.Examples.NoMatch...)
			}
		}
	}
	sents := make([]doc.Sentence, len(lines))
	for i, l := range lines {
		sents[i] = doc.Sentence{Block: i / 5, Index: i, Page: i/40 + 1, Text: l}
	}
	return sents
}

func BenchmarkMatch(b *testing.B) {
	c, err := Builtin()
	if err != nil {
		b.Fatal(err)
	}
	sents := benchSentences(b)
	b.ResetTimer()
	for b.Loop() {
		c.Match(sents, false)
	}
	b.ReportMetric(float64(len(sents)*b.N)/b.Elapsed().Seconds(), "sentences/s")
}
