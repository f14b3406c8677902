package rubric

import (
	"errors"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/anchorscore/anchorscore/configs"
	"github.com/anchorscore/anchorscore/pipeline/doc"
)

// Parse never panics on any bytes; a rubric it refuses comes back as an
// *Error or Errors, each placed in the file it was given. The seed corpus
// in testdata/fuzz/FuzzParseRubric holds broken variants of the built-in
// rubric.
func FuzzParseRubric(f *testing.F) {
	f.Add(configs.HALN)
	f.Add([]byte("id: x\n"))
	f.Add([]byte(""))
	f.Fuzz(func(t *testing.T, data []byte) {
		const file = "fuzz.yaml"
		c, err := Parse(file, data)
		if err == nil {
			if c == nil || c.Rubric == nil {
				t.Fatal("no error and no rubric")
			}
			// A rubric that compiles can be used.
			c.Match([]doc.Sentence{{Text: "The Board appointed an anchor lead and recruited 40 local people."}}, true)
			c.RunExamples()
			return
		}
		if c != nil {
			t.Fatalf("a rubric and an error: %v", err)
		}
		var list Errors
		var one *Error
		switch {
		case errors.As(err, &list):
			if len(list) == 0 {
				t.Fatal("empty Errors")
			}
			for _, e := range list {
				if e == nil || e.Pos.File != file {
					t.Fatalf("error not placed in %s: %#v", file, e)
				}
			}
		case errors.As(err, &one):
			if one.Pos.File != file {
				t.Fatalf("error not placed in %s: %#v", file, one)
			}
		default:
			t.Fatalf("error of type %T, want *Error or Errors: %v", err, err)
		}
		if !strings.HasPrefix(err.Error(), file) {
			t.Fatalf("message does not start with the file name: %q", err)
		}
	})
}

// Tokenize never panics; its tokens are in order, inside the text, and
// hold letters, digits or a symbol.
func FuzzTokenize(f *testing.F) {
	for _, s := range []string{
		"The Trust's anchor programme recruited 1,200 local people (3.5% of staff) in 2024/25.",
		"pre-employment – Core20PLUS5 £2.4m “Think Anchor” naïve café",
		"\xff\xfe broken \x80 UTF-8 ’s 2024-25 20",
		"",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		toks := Tokenize(s)
		end, clause := 0, 0
		for i, tok := range toks {
			if tok.Start < end || tok.End <= tok.Start || tok.End > len(s) {
				t.Fatalf("token %d spans [%d,%d) after %d in %d bytes: %q", i, tok.Start, tok.End, end, len(s), s)
			}
			if tok.Clause < clause {
				t.Fatalf("token %d: clause %d after %d", i, tok.Clause, clause)
			}
			if tok.Lower == "" {
				t.Fatalf("token %d [%d,%d) of %q: empty", i, tok.Start, tok.End, s)
			}
			end, clause = tok.End, tok.Clause
		}
	})
}

var builtin = sync.OnceValues(Builtin)

// Match never panics on any sentences; its evidence points at rubric
// indicators and its matched spans lie inside the sentence.
func FuzzMatch(f *testing.F) {
	f.Add("The Board approved the anchor strategy and appointed the Director of Strategy as executive lead.", "Our anchor programme was paused and has not yet restarted.", true)
	f.Add("Green champions cut energy use by 8%.", "We are an anchor institution. Is the group still running?", false)
	f.Add("\x80\xff", "", false)
	f.Fuzz(func(t *testing.T, a, b string, samePara bool) {
		c, err := builtin()
		if err != nil {
			t.Fatal(err)
		}
		block := 1
		if samePara {
			block = 0
		}
		sents := []doc.Sentence{
			{Block: 0, Index: 0, Para: 1, Section: "Anchor programme", Text: a},
			{Block: block, Index: 1, Para: block + 1, Section: "Anchor programme", Text: b},
		}
		res := c.Match(sents, true)
		for _, ev := range res.Evidence {
			if _, _, ok := c.IndicatorByID(ev.Indicator); !ok {
				t.Fatalf("evidence for unknown indicator %q", ev.Indicator)
			}
			if ev.Strength < doc.Intent || ev.Strength > doc.Outcome {
				t.Fatalf("strength %d", ev.Strength)
			}
			if len(ev.Matched) == 0 {
				t.Fatalf("evidence with nothing matched: %q", ev.Text)
			}
			for _, sp := range ev.Matched {
				if sp.Start < 0 || sp.End > len(ev.Text) || sp.Start >= sp.End {
					t.Fatalf("span [%d,%d) outside %d bytes of %q", sp.Start, sp.End, len(ev.Text), ev.Text)
				}
				if utf8.ValidString(ev.Text) && !utf8.ValidString(ev.Text[sp.Start:sp.End]) {
					t.Fatalf("span [%d,%d) cuts a character in %q", sp.Start, sp.End, ev.Text)
				}
			}
		}
		for _, nm := range res.NearMisses {
			for _, sp := range nm.Matched {
				if sp.Start < 0 || sp.End > len(nm.Text) || sp.Start >= sp.End {
					t.Fatalf("near miss span [%d,%d) outside %q", sp.Start, sp.End, nm.Text)
				}
			}
		}
	})
}
