package rubric

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/anchorscore/anchorscore/pipeline/doc"
)

// stem is the stem the matcher makes of one word.
func stem(t *testing.T, word string) string {
	t.Helper()
	toks := appendTokens(nil, word)
	if len(toks) != 1 {
		t.Fatalf("%q: %d tokens", word, len(toks))
	}
	return toks[0].Stem
}

// finderRubric is twoThemes with a context and a finding model that reads
// "residents" and "hired" as evidence of b's indicator recruit.
func finderRubric(t *testing.T, gate string) *Compiled {
	t.Helper()
	model := fmt.Sprintf(`contexts:
  - id: place
    terms: [borough]
finding_model:
  threshold: 0.8
%s  bias:
    - {indicator: board, weight: -2}
    - {indicator: measures, weight: -2}
    - {indicator: recruit, weight: -2}
  words:
    - {word: %s, indicator: recruit, weight: 2.5}
    - {word: %s, indicator: recruit, weight: 1.5}
    - {word: %s, indicator: recruit, weight: -4}
`, gate, stem(t, "residents"), stem(t, "hired"), stem(t, "patients"))
	c, err := Parse("two.yaml", []byte(twoThemes+model))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// A sentence no pattern matches is evidence where the model's words make
// its theme likely enough: filed under the theme's indicator, with the
// words that weighed most shown as matched and, in explain, why.
func TestFindingModelFindsWhatNoPatternMatches(t *testing.T) {
	c := finderRubric(t, "")
	text := "Last year we hired 40 residents into entry roles."
	ev := c.Match([]doc.Sentence{{Text: text, Para: 1}}, true).Evidence
	if len(ev) != 1 || ev[0].Theme != "b" || ev[0].Indicator != "recruit" {
		t.Fatalf("found %+v, want one piece of evidence of b/recruit", ev)
	}
	var words []string
	for _, sp := range ev[0].Matched {
		words = append(words, text[sp.Start:sp.End])
	}
	if got := strings.Join(words, " "); got != "hired residents" {
		t.Errorf("matched %q, want the model's words in order, \"hired residents\"", got)
	}
	if !strings.Contains(ev[0].Chosen, "found by the finding model") {
		t.Errorf("explain says %q, want it to say the finding model found it", ev[0].Chosen)
	}
	// under the threshold: one word alone, or a word that weighs against
	for _, s := range []string{"We hired 40 people.", "Residents and patients hired a coach."} {
		if ev := c.Match([]doc.Sentence{{Text: s, Para: 1}}, false).Evidence; len(ev) != 0 {
			t.Errorf("%q: found %+v, want nothing", s, ev)
		}
	}
	// outside explain, no reason is kept
	if ev := c.Match([]doc.Sentence{{Text: text, Para: 1}}, false).Evidence; len(ev) != 1 || ev[0].Chosen != "" {
		t.Errorf("outside explain: %+v", ev)
	}
}

// With a gate, the model's evidence needs the context in its scope; a
// near miss says why it was turned away.
func TestFindingModelGate(t *testing.T) {
	c := finderRubric(t, "  gate: {context: [place], scope: paragraph}\n")
	text := "Last year we hired 40 residents into entry roles."
	res := c.Match([]doc.Sentence{{Text: text, Para: 1, Block: 1}}, true)
	if len(res.Evidence) != 0 {
		t.Fatalf("no context: found %+v", res.Evidence)
	}
	if len(res.NearMisses) != 1 || !strings.Contains(res.NearMisses[0].Reason, "without anchor context in the paragraph") {
		t.Errorf("near misses %+v, want the gate named", res.NearMisses)
	}
	res = c.Match([]doc.Sentence{
		{Text: "Our plan for the borough.", Para: 1, Block: 1},
		{Text: text, Para: 1, Block: 1},
	}, false)
	if len(res.Evidence) != 1 || res.Evidence[0].Theme != "b" {
		t.Errorf("context in the paragraph: found %+v, want b", res.Evidence)
	}
	// sure enough (0.85 here), the gate is waived
	for sure, want := range map[string]int{"0.84": 1, "0.9": 0} {
		c := finderRubric(t, "  gate: {context: [place], scope: paragraph}\n  sure: "+sure+"\n")
		if ev := c.Match([]doc.Sentence{{Text: text, Para: 1, Block: 1}}, false).Evidence; len(ev) != want {
			t.Errorf("sure %s: found %+v, want %d", sure, ev, want)
		}
	}
}

// A sentence the patterns filed under one theme moves to another where
// the model is sure enough (Refile) that it tells of that theme's work;
// under the bar, or without one, the patterns' theme stands.
func TestFindingModelRefiles(t *testing.T) {
	// "programme board" is a's; "hired" and "residents" make b 0.85 likely
	text := "The programme board hired 40 residents into entry roles."
	for refile, want := range map[string]string{"": "a/board", "  refile: 0.9\n": "a/board", "  refile: 0.8\n": "b/recruit"} {
		c := finderRubric(t, refile)
		ev := c.Match([]doc.Sentence{{Text: text, Para: 1}}, true).Evidence
		if len(ev) != 1 || ev[0].Theme+"/"+ev[0].Indicator != want {
			t.Errorf("%q: found %+v, want one piece of evidence of %s", refile, ev, want)
			continue
		}
		if moved := strings.HasPrefix(ev[0].Chosen, "refiled by the finding model from board: b 0.85"); moved != (want == "b/recruit") {
			t.Errorf("%q: explain says %q", refile, ev[0].Chosen)
		}
	}
}

// A finding model that names what the rubric lacks, or a threshold that is
// no probability, is an error at its line.
func TestFindingModelErrors(t *testing.T) {
	for _, tc := range []struct{ model, want string }{
		{"finding_model:\n  threshold: 1.5\n", "two.yaml:21:14: finding_model.threshold: want a probability above 0 and below 1, found 1.5"},
		{"finding_model:\n  threshold: 0.8\n  words:\n    - {word: x, indicator: c, weight: 1}\n", "finding_model.words[0].indicator: unknown indicator \"c\""},
		{"finding_model:\n  threshold: 0.8\n  bias:\n    - {indicator: c, weight: 1}\n", "finding_model.bias[0].indicator: unknown indicator \"c\""},
		{"finding_model:\n  threshold: 0.8\n  sure: 0.5\n", "finding_model.sure: want a probability from the threshold (0.8) to below 1, found 0.5"},
		{"finding_model:\n  threshold: 0.8\n  refile: 0.5\n", "finding_model.refile: want a probability above 0.5 and below 1 (or 0 for never), found 0.5"},
		{"finding_model:\n  threshold: 0.8\n  gate: {context: [nowhere]}\n", "finding_model.gate.context[0]: unknown context \"nowhere\""},
		{"finding_model:\n  threshold: 0.8\n  words:\n    - {word: two words, indicator: board, weight: 1}\n", "want one word stem"},
	} {
		_, err := Parse("two.yaml", []byte(twoThemes+tc.model))
		var errs Errors
		if !errors.As(err, &errs) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: got %v, want %q", tc.model, err, tc.want)
		}
	}
}

// Learning gives words that appear with a theme's evidence a positive
// weight for it and words of ordinary business a negative one, the same
// model each time, and a model the rubric loads.
func TestLearnFindingModel(t *testing.T) {
	c := choiceRubric(t, "")
	var sents []LabelledSentence
	for i := range 30 {
		sents = append(sents,
			LabelledSentence{Text: fmt.Sprintf("We hired %d residents from the estate.", i), Indicator: "recruit"},
			LabelledSentence{Text: fmt.Sprintf("Ward %d reported its infection rates.", i)},
		)
	}
	m, err := c.LearnFindingModel(sents)
	if err != nil {
		t.Fatal(err)
	}
	weight := func(word, indicator string) float64 {
		for _, w := range m.Words {
			if w.Word == stem(t, word) && w.Indicator == indicator {
				return w.Weight
			}
		}
		return 0
	}
	if weight("residents", "recruit") <= 0 || weight("infection", "recruit") >= 0 {
		t.Errorf("residents %v, infection %v for recruit: want positive, negative", weight("residents", "recruit"), weight("infection", "recruit"))
	}
	again, _ := c.LearnFindingModel(sents)
	if m.YAML() != again.YAML() {
		t.Error("learning twice gave two models")
	}
	loaded, err := Parse("two.yaml", []byte(twoThemes+m.YAML()))
	if err != nil {
		t.Fatal(err)
	}
	if ev := loaded.Match([]doc.Sentence{{Text: "In May we hired 12 residents from the estate.", Para: 1}}, false).Evidence; len(ev) != 1 || ev[0].Theme != "b" {
		t.Errorf("the learned model found %+v, want b", ev)
	}
	if _, err := c.LearnFindingModel(sents[:1]); err == nil {
		t.Error("learning from evidence alone: no error")
	}
}
