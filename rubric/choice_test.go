package rubric

import (
	"errors"
	"strings"
	"testing"

	"github.com/anchorscore/anchorscore/pipeline/doc"
)

// Two themes whose indicators one sentence can match at once: "the
// programme board approved the baselines for local recruitment" is
// evidence of a board, of measures and of recruitment.
const twoThemes = `id: two
levels:
  - {level: 0, name: None}
  - {level: 1, name: Some}
level_rules:
  - {level: 1, rule: any, min_indicators: 1}
themes:
  - id: a
    indicators:
      - id: board
        patterns:
          - all: [programme board]
            weight: 2
      - id: measures
        patterns: [baseline*|measure*]
  - id: b
    indicators:
      - id: recruit
        patterns: [local recruitment]
`

func choiceRubric(t *testing.T, model string) *Compiled {
	t.Helper()
	c, err := Parse("two.yaml", []byte(twoThemes+model))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func chosen(t *testing.T, c *Compiled, text string) string {
	t.Helper()
	ev := c.Match([]doc.Sentence{{Text: text, Para: 1}}, true).Evidence
	if len(ev) != 1 {
		t.Fatalf("%q: %d pieces of evidence, want 1", text, len(ev))
	}
	return ev[0].Indicator
}

// Without a model the heaviest, most specific pattern wins; with one, the
// sentence's words weigh in, and a move to another theme needs the margin.
func TestIndicatorModelChooses(t *testing.T) {
	text := "The programme board approved the baselines for local recruitment."
	if got := chosen(t, choiceRubric(t, ""), text); got != "board" {
		t.Fatalf("patterns alone chose %s, want board (the heaviest, longest phrase)", got)
	}
	within := `indicator_model:
  base: 1
  words:
    - {word: baselin, indicator: measures, weight: 3}
`
	c := choiceRubric(t, within)
	if got := chosen(t, c, text); got != "measures" {
		t.Errorf("with baseline weighted to measures: chose %s, want measures", got)
	}
	ev := c.Match([]doc.Sentence{{Text: text, Para: 1}}, true).Evidence
	if why := ev[0].Chosen; !strings.Contains(why, "over board") || !strings.Contains(why, "baselin +3.00") {
		t.Errorf("explain says %q, want it chosen over board by the word baselin", why)
	}
	across := `indicator_model:
  base: 1
  theme_margin: %s
  words:
    - {word: approv, indicator: recruit, weight: 2.9}
`
	// board scores log(2*4) = 2.08; recruit log(4) + 2.9 = 4.29: ahead by 2.2
	if got := chosen(t, choiceRubric(t, strings.Replace(across, "%s", "0", 1)), text); got != "recruit" {
		t.Errorf("no margin: chose %s, want recruit", got)
	}
	if got := chosen(t, choiceRubric(t, strings.Replace(across, "%s", "2", 1)), text); got != "recruit" {
		t.Errorf("margin 2, ahead by 2.2: chose %s, want recruit", got)
	}
	if got := chosen(t, choiceRubric(t, strings.Replace(across, "%s", "3", 1)), text); got != "board" {
		t.Errorf("margin 3, ahead by 2.2: chose %s, want board (kept in the patterns' theme)", got)
	}
}

// A model that names an indicator the rubric does not have, or a phrase
// for a word, is an error at its line.
func TestIndicatorModelErrors(t *testing.T) {
	_, err := Parse("two.yaml", []byte(twoThemes+`indicator_model:
  base: 1
  theme_margin: -1
  words:
    - {word: baselin, indicator: mesures, weight: 1}
    - {word: local recruitment, indicator: recruit, weight: 1}
`))
	var errs Errors
	if !errors.As(err, &errs) {
		t.Fatalf("err = %v, want rubric errors", err)
	}
	text := err.Error()
	for _, want := range []string{
		`two.yaml:22:17: indicator_model.theme_margin: a margin cannot be negative`,
		`two.yaml:24:34: indicator_model.words[0].indicator: unknown indicator "mesures"`,
		`two.yaml:25:14: indicator_model.words[1].word: want one word stem`,
	} {
		if !strings.Contains(text, want) {
			t.Errorf("errors:\n%s\nwant %s", text, want)
		}
	}
}

// Learning from a reader's choices makes them, the same each time.
func TestLearnIndicatorModel(t *testing.T) {
	c := choiceRubric(t, "")
	var sents []LabelledSentence
	for _, s := range []string{
		"The programme board approved the baselines for local recruitment.",
		"Baselines for local recruitment were reported to the programme board.",
		"The programme board set measures for local recruitment.",
		"New measures of local recruitment went to the programme board in May.",
	} {
		sents = append(sents, LabelledSentence{Text: s, Indicator: "measures"})
	}
	sents = append(sents, LabelledSentence{Text: "The programme board met on local recruitment.", Indicator: "board"})
	before := c.JudgeChoices(sents)
	m, err := c.LearnIndicatorModel(sents)
	if err != nil {
		t.Fatal(err)
	}
	again, _ := c.LearnIndicatorModel(sents)
	if m.YAML() != again.YAML() {
		t.Errorf("learned twice, different models:\n%s\n%s", m.YAML(), again.YAML())
	}
	learned, err := Parse("two.yaml", []byte(twoThemes+m.YAML()))
	if err != nil {
		t.Fatalf("the learned model does not load: %v\n%s", err, m.YAML())
	}
	after := learned.JudgeChoices(sents)
	if before.Sentences != 5 || before.PatternIndicator != 1 || after.Ind != 5 {
		t.Errorf("before %+v, after %+v: want the patterns' 1 of 5 to become 5 of 5", before, after)
	}
	if m.ThemeMargin != DefaultThemeMargin {
		t.Errorf("theme margin %v, want the default %v", m.ThemeMargin, DefaultThemeMargin)
	}
}

func TestReplaceBlock(t *testing.T) {
	text := "id: x\nlevel_model:\n  features: []\n\nindicator_model:\n  base: 1\n"
	if got, want := ReplaceBlock(text, "indicator_model", ""), "id: x\nlevel_model:\n  features: []\n\n"; got != want {
		t.Errorf("removing: %q, want %q", got, want)
	}
	if got, want := ReplaceBlock(text, "level_model", "level_model: {}\n"), "id: x\nlevel_model: {}\n\nindicator_model:\n  base: 1\n"; got != want {
		t.Errorf("replacing keeps the blank line before the next block: %q, want %q", got, want)
	}
}
