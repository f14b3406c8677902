package rubric

import (
	"errors"
	"strings"
	"testing"

	"github.com/anchorscore/anchorscore/pipeline/doc"
)

// A small rubric that exercises the whole pattern language.
const tiny = `id: tiny
levels:
  - {level: 0, name: None}
  - {level: 1, name: Some}
contexts:
  - id: anchor
    terms: [anchor institution*|community wealth building]
exclude: [anchor tenant*]
cues:
  negation:
    window: 5
    before: [not yet|no]
    after: [was paused|stood down]
    withdrawal: [stood down]
    terminators: [but]
  strength:
    intent: [will|plan to]
    outcome:
      - all: ["#", "residents|people"]
        within: 3
  ownership: [chaired by]
level_rules:
  - {level: 1, rule: any, min_indicators: 1}
themes:
  - id: t
    indicators:
      - id: recruit
        patterns:
          - all: [recruit*, local|resident*]
            within: 4
      - id: board
        patterns: [$anchor programme board]
      - id: charter
        gate: {context: [anchor], scope: paragraph}
        patterns: [charter]
`

func tinyRubric(t *testing.T) *Compiled {
	t.Helper()
	c, err := Parse("tiny.yaml", []byte(tiny))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestPatternLanguage(t *testing.T) {
	c := tinyRubric(t)
	for _, tc := range []struct {
		text      string
		want      string // indicator, "" for none
		negated   bool
		withdrawn bool
		strength  doc.Strength
	}{
		{"We recruited 40 local residents this year.", "recruit", false, false, doc.Outcome},
		{"Recruitment of local people will start in May.", "recruit", false, false, doc.Intent},
		{"We recruit nurses from overseas and, later in the year, some local staff.", "", false, false, 0}, // too far apart
		{"The community wealth building programme board, chaired by the Chief Executive, met.", "board", false, false, doc.Action},
		{"The anchor institution programme board was stood down in May.", "board", true, true, doc.Action},
		{"We have not yet recruited any local residents.", "recruit", true, false, doc.Action},
		{"Not everyone agreed, but we recruited local residents.", "recruit", false, false, doc.Action}, // the terminator ends the scope
		{"The charter was signed.", "", false, false, 0},                                                // gate: no anchor context in the paragraph
		{"The new anchor tenant is recruiting local staff.", "recruit", false, false, doc.Action},       // the exclusion only cancels what it overlaps
		{"Will we recruit local staff?", "", false, false, 0},                                           // a question is not evidence
	} {
		res := c.Match([]doc.Sentence{{Text: tc.text, Para: 1}}, true)
		got := ""
		var ev doc.Evidence
		if len(res.Evidence) > 0 {
			ev = res.Evidence[0]
			got = ev.Indicator
		}
		if got != tc.want {
			t.Errorf("%q: indicator %q, want %q (near misses %+v)", tc.text, got, tc.want, res.NearMisses)
			continue
		}
		if got == "" {
			continue
		}
		if ev.Negated != tc.negated || ev.Withdrawn != tc.withdrawn || ev.Strength != tc.strength {
			t.Errorf("%q: negated %v withdrawn %v strength %v; want %v %v %v", tc.text, ev.Negated, ev.Withdrawn, ev.Strength, tc.negated, tc.withdrawn, tc.strength)
		}
	}
}

// A gate looks across the paragraph: the charter sentence counts when
// another sentence of its paragraph speaks of the anchor role.
func TestGateParagraphScope(t *testing.T) {
	c := tinyRubric(t)
	sents := []doc.Sentence{
		{Block: 0, Index: 0, Text: "Our role as an anchor institution matters."},
		{Block: 0, Index: 1, Text: "We signed the charter."},
		{Block: 1, Index: 2, Text: "We signed another charter."},
	}
	res := c.Match(sents, true)
	var found []int
	for _, ev := range res.Evidence {
		if ev.Indicator == "charter" {
			found = append(found, ev.Index)
		}
	}
	if len(found) != 1 || found[0] != 1 {
		t.Errorf("charter evidence in sentences %v, want only sentence 1", found)
	}
	missed := false
	for _, m := range res.NearMisses {
		if m.Index == 2 && strings.Contains(m.Reason, "gate") {
			missed = true
		}
	}
	if !missed {
		t.Errorf("sentence 2 should be a near miss turned away by the gate; near misses %+v", res.NearMisses)
	}
}

// Every mistake names the file, line, column and key.
func TestLintErrors(t *testing.T) {
	for _, tc := range []struct{ name, yaml, want string }{
		{"unknown key", strings.Replace(tiny, "id: tiny", "id: tiny\ncolour: blue", 1), `r.yaml:2:1: colour: unknown key "colour"`},
		{"wrong type", strings.Replace(tiny, "window: 5", "window: five", 1), `r.yaml:11:13: cues.negation.window: want a whole number, found "five"`},
		{"duplicate id", strings.Replace(tiny, "id: board", "id: recruit", 1), `duplicate indicator id "recruit"`},
		{"bad pattern", strings.Replace(tiny, "[charter]", "[char*ter]", 1), `themes[0].indicators[2].patterns[0].all[0]: a wildcard goes only at the end of a word: "char*ter"`},
		{"unknown indicator in a rule", strings.Replace(tiny, "min_indicators: 1}", "min_indicators: 1, require_any: [nope]}", 1), `level_rules[0].require_any[0]: unknown indicator "nope"`},
		{"unknown context", strings.Replace(tiny, "context: [anchor]", "context: [anchr]", 1), `unknown context "anchr"`},
		{"unknown $name", strings.Replace(tiny, "[$anchor programme board]", "[$anchr programme board]", 1), `unknown context "$anchr"`},
		{"duplicate key", strings.Replace(tiny, "id: tiny", "id: tiny\nid: again", 1), `r.yaml:2:1: id: "id" is given twice`},
		{"list items folded into a value", strings.Replace(tiny, "    terminators: [but]", "    terminators: but\n      - although", 1), `r.yaml:15:18: cues.negation.terminators: a list's items run on from the value after the key ("but - although")`},
		{"two indicators of measures", strings.Replace(strings.Replace(tiny, "      - id: board\n", "      - id: board\n        measures: true\n", 1), "      - id: charter\n", "      - id: charter\n        measures: true\n", 1),
			`themes[0].indicators[2].measures: indicator "charter" takes the rows of measures, and so does "board"`},
	} {
		_, err := Parse("r.yaml", []byte(tc.yaml))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: got %v, want an error containing %q", tc.name, err, tc.want)
		}
		var re *Error
		var res Errors
		if err != nil && !errors.As(err, &re) && !errors.As(err, &res) {
			t.Errorf("%s: error %T is not a rubric error", tc.name, err)
		}
	}
}
