// Package segment cuts a document's blocks into sentences that keep their
// provenance.
package segment

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/anchorscore/anchorscore/pipeline/doc"
	"gopkg.in/neurosnap/sentences.v1"
	"gopkg.in/neurosnap/sentences.v1/data"
	"gopkg.in/neurosnap/sentences.v1/english"
)

// maxChunk bounds the text given to the segmenter at once. A block with no
// sentence break (a 30 MB line of a broken export) is cut at white space
// into chunks of this size first, so cost stays linear.
const maxChunk = 4000

// maxSentence bounds one sentence: longer runs (tables flattened into one
// line, lists with no full stops) are cut at white space, so that matching
// and quoting stay readable.
const maxSentence = 600

// The Punkt model is built once per process. prose.NewDocument builds a new
// segmenter for every call (measured: one prose document per page costs 30
// to 50 times one for the whole text), so we use the Punkt tokenizer prose
// wraps, directly, and share it: Tokenize only reads the model.
var tokenizer = sync.OnceValues(func() (*sentences.DefaultSentenceTokenizer, error) {
	b, err := data.Asset("data/english.json")
	if err != nil {
		return nil, err
	}
	training, err := sentences.LoadTraining(b)
	if err != nil {
		return nil, err
	}
	// Punkt's English model, trained on news text, ends a sentence at
	// abbreviations that NHS papers use all the time ("Staff paid below
	// the Real Living Wage (incl." cut off its figures); it is told them
	// here, the one place the segmenter is made.
	for _, abbr := range paperAbbreviations {
		training.AbbrevTypes.Add(abbr)
	}
	return english.NewSentenceTokenizer(training)
})

// paperAbbreviations are abbreviations, written with a full stop, that do
// not end a sentence in board papers and reports.
var paperAbbreviations = []string{
	"incl", "excl", "approx", "est", "cllr", "cllrs", "ref", "para", "paras", "etc", "vs", "cf",
	"dept", "depts", "govt", "nos", "qtr", "yr", "yrs", "hrs", "mins", "tel", "ext", "st", "prof", "assoc",
}

// Sentences returns the sentences of a document's blocks in order.
func Sentences(t *doc.Text) ([]doc.Sentence, error) {
	tok, err := tokenizer()
	if err != nil {
		return nil, err
	}
	var out []doc.Sentence
	for bi, b := range t.Blocks {
		for _, chunk := range chunks(b.Text, maxChunk) {
			for _, s := range joinQuoted(tok.Tokenize(chunk)) {
				for _, text := range chunks(trimBullet(strings.TrimSpace(s)), maxSentence) {
					if !hasLetter(text) {
						continue
					}
					out = append(out, doc.Sentence{Block: bi, Index: len(out), Page: b.Page, Section: b.Section, Para: b.Para, OCR: b.OCR, Text: text})
				}
			}
		}
	}
	return out, nil
}

// joinQuoted puts back together a sentence that Punkt split after a
// quoted question or exclamation that it goes on from: "to ask 'who
// benefits locally?' whenever they decide" is one sentence, since what
// follows starts in lower case. So is one split after a paper's
// abbreviation that Punkt's model does not know in its place, such as
// one opening a bracket ("(incl. contractors)").
func joinQuoted(ss []*sentences.Sentence) []string {
	out := make([]string, 0, len(ss))
	for _, s := range ss {
		text := strings.TrimSpace(s.Text)
		if n := len(out); n > 0 && text != "" && (unicode.IsLower(firstRune(text)) && endsInQuestion(out[n-1]) || endsInAbbreviation(out[n-1])) {
			out[n-1] += " " + text
			continue
		}
		out = append(out, text)
	}
	return out
}

// endsInAbbreviation reports whether text ends with one of the
// paperAbbreviations and its full stop.
func endsInAbbreviation(text string) bool {
	word, ok := strings.CutSuffix(text, ".")
	if !ok {
		return false
	}
	start := 0
	if i := strings.LastIndexFunc(word, func(r rune) bool { return !unicode.IsLetter(r) }); i >= 0 {
		_, size := utf8.DecodeRuneInString(word[i:])
		start = i + size
	}
	return abbreviation[strings.ToLower(word[start:])]
}

// abbreviation lists the paperAbbreviations that never end a sentence
// ("etc.", "yrs." and "hrs." can, and are left to Punkt).
var abbreviation = map[string]bool{"incl": true, "excl": true, "approx": true, "est": true, "cllr": true, "cllrs": true,
	"ref": true, "para": true, "paras": true, "cf": true, "nos": true, "tel": true, "ext": true, "prof": true}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

func endsInQuestion(s string) bool {
	s = strings.TrimRight(s, "'\"’”)")
	return strings.HasSuffix(s, "?") || strings.HasSuffix(s, "!")
}

// chunks cuts s at white space into pieces of at most about n bytes.
func chunks(s string, n int) []string {
	if len(s) <= n {
		return []string{s}
	}
	var out []string
	for len(s) > n {
		cut := strings.LastIndexByte(s[:n], ' ')
		if cut < n/2 {
			cut = n
			for cut > 0 && !utf8.RuneStart(s[cut]) {
				cut--
			}
			if cut == 0 {
				cut = n // no rune start at all (invalid UTF-8): cut anyway, so the loop always advances
			}
		}
		out = append(out, strings.TrimSpace(s[:cut]))
		s = strings.TrimSpace(s[cut:])
	}
	if s != "" {
		out = append(out, s)
	}
	return out
}

// trimBullet drops a list marker from the start of a sentence ("• ",
// "- ", "* "), so quotes read cleanly and a plan's action points start with
// their verb.
func trimBullet(s string) string {
	for {
		t := strings.TrimLeft(s, "•·▪●◦‣⁃–—-*>")
		t = strings.TrimSpace(t)
		if t == s {
			return s
		}
		s = t
	}
}

func hasLetter(s string) bool {
	for _, r := range s {
		if r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r > 0x7f {
			return true
		}
	}
	return false
}
