package rubric

import (
	"fmt"
	"strings"

	"github.com/anchorscore/anchorscore/pipeline/doc"
)

// ExampleResult is one indicator example run against its own rubric.
type ExampleResult struct {
	Theme, Indicator string
	Text             string
	Want             string // "match", "negated match" or "no match"
	Got              string // what happened, in words
	OK               bool
}

const negatedPrefix = "negated:"

// RunExamples matches every indicator's examples, each as a paragraph of
// its own, and reports which behaved as written.
func (c *Compiled) RunExamples() []ExampleResult {
	var out []ExampleResult
	for _, in := range c.indicators {
		for _, ex := range in.Examples.Match {
			text, wantNeg := strings.CutPrefix(ex, negatedPrefix)
			text = strings.TrimSpace(text)
			ev, miss := c.matchOne(text, in.ID)
			r := ExampleResult{Theme: in.Theme, Indicator: in.ID, Text: text, Want: "match"}
			if wantNeg {
				r.Want = "negated match"
			}
			switch {
			case ev == nil && miss != "":
				r.Got = "turned away: " + miss
			case ev == nil:
				r.Got = "no pattern matched"
			case ev.Negated != wantNeg:
				r.Got = fmt.Sprintf("matched with negated=%v", ev.Negated)
			default:
				r.OK = true
				r.Got = fmt.Sprintf("matched (%s%s)", ev.Strength, map[bool]string{true: ", negated"}[ev.Negated])
			}
			out = append(out, r)
		}
		for _, ex := range in.Examples.NoMatch {
			ev, _ := c.matchOne(ex, in.ID)
			r := ExampleResult{Theme: in.Theme, Indicator: in.ID, Text: ex, Want: "no match", OK: ev == nil || ev.Negated}
			if r.OK {
				r.Got = "no match"
			} else {
				r.Got = "matched: " + quote(matchedWords(ev))
			}
			out = append(out, r)
		}
	}
	return out
}

func (c *Compiled) matchOne(text, indicator string) (*doc.Evidence, string) {
	res := c.Match([]doc.Sentence{{Text: text, Para: 1}}, true)
	for i := range res.Evidence {
		if res.Evidence[i].Indicator == indicator {
			return &res.Evidence[i], ""
		}
	}
	for _, m := range res.NearMisses {
		if m.Indicator == indicator {
			return nil, m.Reason
		}
	}
	return nil, ""
}

func matchedWords(ev *doc.Evidence) string {
	var parts []string
	for _, s := range ev.Matched {
		parts = append(parts, ev.Text[s.Start:s.End])
	}
	return strings.Join(parts, " … ")
}
