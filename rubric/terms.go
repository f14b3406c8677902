package rubric

import (
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"github.com/kljensen/snowball/english"
)

// Token is one word (or number, or symbol) of a sentence. Punctuation that
// ends a clause is not a token; it advances Clause instead, which bounds
// negation scopes.
type Token struct {
	Start, End int    // byte range in the sentence
	Lower      string // lower-cased text
	Stem       string // Snowball English stem of Lower, so "appointed" meets "appoint"
	Num        bool   // a number: 14, 1,200, 3.5
	Clause     int
	// Name is set on a word the rubric's named_work puts after a piece of
	// work's own name; NameStart is where that name begins, so that the
	// name is what shows as matched.
	Name      bool
	NameStart int
}

// Tokenize splits a sentence into tokens. Hyphens split words, so
// "pre-employment" is "pre" "employment" both in text and in patterns.
func Tokenize(s string) []Token {
	return appendTokens(make([]Token, 0, len(s)/6+1), s)
}

// appendTokens appends the tokens of s to toks.
func appendTokens(toks []Token, s string) []Token {
	clause := 0
	i := 0
	for i < len(s) {
		r, w := utf8.DecodeRuneInString(s[i:])
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			start := i
			num := unicode.IsDigit(r)
			j := i + w
			for j < len(s) {
				r2, w2 := utf8.DecodeRuneInString(s[j:])
				if unicode.IsLetter(r2) || unicode.IsDigit(r2) {
					if !unicode.IsDigit(r2) {
						num = false
					}
					j += w2
					continue
				}
				// Keep "1,200" and "3.5" whole, and "trust's" whole.
				if j+w2 < len(s) {
					next, _ := utf8.DecodeRuneInString(s[j+w2:])
					if (r2 == ',' || r2 == '.') && num && unicode.IsDigit(next) {
						j += w2
						continue
					}
					if (r2 == '\'' || r2 == '’') && unicode.IsLetter(next) {
						j += w2
						continue
					}
				}
				break
			}
			// "£1.2m", "£4bn", "12k": an amount with its unit is a quantity.
			if !num && isDigit(s[start]) && quantitySuffix(s[start:j]) {
				num = true
			}
			// A year, or a financial year written 2024/25 or 2024-25, is a
			// date, not a quantity: "#" must not find it.
			if num && j-start == 4 && (s[start:start+2] == "19" || s[start:start+2] == "20") {
				num = false
				if j+3 <= len(s) && (s[j] == '/' || s[j] == '-') && isDigit(s[j+1]) && isDigit(s[j+2]) && (j+3 == len(s) || !isDigit(s[j+3])) {
					j += 3
				}
			}
			lower := strings.ToLower(strings.ReplaceAll(s[start:j], "’", "'"))
			num = num || numberWords[lower]
			stem := lower
			if !num {
				stem = stemOf(lower)
			}
			toks = append(toks, Token{Start: start, End: j, Lower: lower, Stem: stem, Num: num, Clause: clause})
			i = j
		case r == '%' || r == '£' || r == '$' || r == '€' || r == '&' || r == '→':
			toks = append(toks, Token{Start: i, End: i + w, Lower: string(r), Stem: string(r), Clause: clause})
			i += w
		default:
			switch r {
			case ',', ';', ':', '(', ')', '–', '—', '|', '•', '?', '!':
				clause++
			}
			i += w
		}
	}
	return toks
}

// numberWords are quantities written out, as board papers often do.
// "One" is left out: "one of our priorities" is not a measure.
var numberWords = map[string]bool{
	"two": true, "three": true, "four": true, "five": true, "six": true, "seven": true, "eight": true, "nine": true, "ten": true,
	"eleven": true, "twelve": true, "thirteen": true, "fourteen": true, "fifteen": true, "sixteen": true, "seventeen": true,
	"eighteen": true, "nineteen": true, "twenty": true, "thirty": true, "forty": true, "fifty": true, "sixty": true,
	"seventy": true, "eighty": true, "ninety": true, "hundred": true, "hundreds": true, "thousand": true, "thousands": true, "dozen": true,
}

// stems caches Snowball stems: stemming is the costliest step of
// tokenizing, and the vocabulary of board papers is small, so nearly every
// word after the first few pages is a cache hit. It stops growing at
// maxStems words, which bounds its memory.
var stems sync.Map

const maxStems = 500_000

var stemCount atomic.Int64

func stemOf(lower string) string {
	if s, ok := stems.Load(lower); ok {
		return s.(string)
	}
	s := english.Stem(lower, false)
	if stemCount.Load() < maxStems {
		stemCount.Add(1)
		stems.Store(strings.Clone(lower), s)
	}
	return s
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }

// quantitySuffix reports whether w is digits followed by a unit of
// millions, billions or thousands.
func quantitySuffix(w string) bool {
	k := 0
	for k < len(w) && (isDigit(w[k]) || w[k] == ',' || w[k] == '.') {
		k++
	}
	switch strings.ToLower(w[k:]) {
	case "m", "mn", "bn", "k":
		return true
	}
	return false
}

// word is one compiled word of a term.
type word struct {
	kind  wordKind
	value string
}

type wordKind uint8

const (
	wordStem   wordKind = iota // equal Snowball stems
	wordExact                  // "=word": equal lower-case text
	wordPrefix                 // "recruit*": lower-case text starts with value
	wordAny                    // "*": any one word
	wordNumber                 // "#": any number
)

func (w word) matches(t *Token) bool {
	switch w.kind {
	case wordStem:
		return t.Stem == w.value
	case wordExact:
		return t.Lower == w.value
	case wordPrefix:
		return strings.HasPrefix(t.Lower, w.value)
	case wordAny:
		return true
	case wordNumber:
		return t.Num
	}
	return false
}

// phrase is a run of words that must occur next to each other.
type phrase []word

// maxExpansion bounds the alternatives one term may expand to.
const maxExpansion = 5000

// expand replaces every "$name" word with each alternative of the named
// context, so "$anchor strategy" is one term for "anchor strategy",
// "community wealth building strategy", "civic strategy" and so on: the
// synonyms of the anchor role are written once, in contexts.
func expand(term string, macros map[string][]string) ([]string, string) {
	var out []string
	for _, alt := range strings.Split(term, "|") {
		parts := [][]string{{""}}
		for _, f := range strings.Fields(alt) {
			choices := []string{f}
			if name, ok := strings.CutPrefix(f, "$"); ok {
				m, found := macros[name]
				if !found {
					return nil, "unknown context " + quote(f) + " (a word starting with $ names a context)"
				}
				choices = m
			}
			parts = append(parts, choices)
		}
		alts := []string{""}
		for _, choices := range parts[1:] {
			var next []string
			for _, a := range alts {
				for _, c := range choices {
					next = append(next, strings.TrimSpace(a+" "+c))
				}
			}
			alts = next
			if len(alts) > maxExpansion {
				return nil, "expands to more than 5000 alternatives: " + quote(alt)
			}
		}
		if strings.TrimSpace(alt) == "" {
			alts = []string{""}
		}
		out = append(out, alts...)
	}
	return out, ""
}

// compileTerm turns "anchor programme manager|anchor lead" into phrases.
// It reports a problem as text for the caller to place.
func compileTerm(term string, macros map[string][]string) ([]phrase, string) {
	alts, problem := expand(term, macros)
	if problem != "" {
		return nil, problem
	}
	var out []phrase
	for _, alt := range alts {
		alt = strings.TrimSpace(alt)
		if alt == "" {
			return nil, "empty alternative in " + quote(term)
		}
		var p phrase
		for _, f := range strings.Fields(alt) {
			switch {
			case f == "*":
				p = append(p, word{kind: wordAny})
			case f == "#":
				p = append(p, word{kind: wordNumber})
			case strings.HasPrefix(f, "="):
				for _, t := range Tokenize(f[1:]) {
					p = append(p, word{kind: wordExact, value: t.Lower})
				}
			case strings.HasSuffix(f, "*"):
				stem := strings.ToLower(strings.TrimSuffix(f, "*"))
				if strings.ContainsAny(stem, "*#=") || stem == "" {
					return nil, "a wildcard goes only at the end of a word: " + quote(f)
				}
				p = append(p, word{kind: wordPrefix, value: stem})
			default:
				if strings.ContainsAny(f, "*#=") {
					return nil, "a wildcard goes only at the end of a word: " + quote(f)
				}
				for _, t := range Tokenize(f) {
					p = append(p, word{kind: wordStem, value: t.Stem})
				}
			}
		}
		if len(p) == 0 {
			return nil, "no words in " + quote(alt)
		}
		if p[0].kind == wordAny {
			return nil, "a term cannot start with *: " + quote(alt)
		}
		out = append(out, p)
	}
	return out, ""
}

func quote(s string) string { return "\"" + s + "\"" }

// Hit is one place a term matched: words [Start, End) of a token slice.
type Hit struct {
	Term       int
	Start, End int
}

// termSet is every term of a rubric compiled into one index, so a
// sentence is scanned once for all of them: each token looks up only the
// phrases that can start with it.
type termSet struct {
	macros   map[string][]string // context id -> its alternatives, for "$id"
	ids      map[string]int
	source   []string
	phrases  [][]phrase
	byStem   map[string]*bucket // phrases whose first word is a stem
	byLower  map[string]*bucket // phrases whose first word is an exact word
	byPrefix map[string]*bucket // phrases whose first word is a prefix, by its first prefixKey bytes
	short    bucket             // phrases whose first word is a prefix shorter than that
	numbers  bucket             // phrases whose first word is a number
}

// prefixKey is how many bytes of a "recruit*" prefix index it.
const prefixKey = 3

type ref struct{ term, alt int }

func newTermSet() *termSet {
	return &termSet{ids: map[string]int{}, byStem: map[string]*bucket{}, byLower: map[string]*bucket{}, byPrefix: map[string]*bucket{}}
}

// bucket holds the phrases that one first word can start. A common first
// word starts hundreds ("local" starts every "local employ*", "local
// spend"...), so those whose second word is a stem or an exact word are
// indexed again by it, and a token tries only the phrases its next token
// can continue.
type bucket struct {
	rest   []ref            // one-word phrases, and second words of other kinds
	stem2  map[string][]ref // by the second word's stem
	lower2 map[string][]ref // by the second word, exact
}

func (b *bucket) add(p phrase, r ref) {
	if len(p) < 2 {
		b.rest = append(b.rest, r)
		return
	}
	switch w := p[1]; w.kind {
	case wordStem:
		if b.stem2 == nil {
			b.stem2 = map[string][]ref{}
		}
		b.stem2[w.value] = append(b.stem2[w.value], r)
	case wordExact:
		if b.lower2 == nil {
			b.lower2 = map[string][]ref{}
		}
		b.lower2[w.value] = append(b.lower2[w.value], r)
	default:
		b.rest = append(b.rest, r)
	}
}

func bucketIn(m map[string]*bucket, key string) *bucket {
	b := m[key]
	if b == nil {
		b = &bucket{}
		m[key] = b
	}
	return b
}

// add compiles a term once and returns its id.
func (ts *termSet) add(term string) (int, string) {
	if id, ok := ts.ids[term]; ok {
		return id, ""
	}
	ps, problem := compileTerm(term, ts.macros)
	if problem != "" {
		return -1, problem
	}
	id := len(ts.source)
	ts.ids[term] = id
	ts.source = append(ts.source, term)
	ts.phrases = append(ts.phrases, ps)
	for a, p := range ps {
		r := ref{id, a}
		switch p[0].kind {
		case wordStem:
			bucketIn(ts.byStem, p[0].value).add(p, r)
		case wordExact:
			bucketIn(ts.byLower, p[0].value).add(p, r)
		case wordPrefix:
			if v := p[0].value; len(v) >= prefixKey {
				bucketIn(ts.byPrefix, v[:prefixKey]).add(p, r)
			} else {
				ts.short.add(p, r)
			}
		default:
			ts.numbers.add(p, r)
		}
	}
	return id, ""
}

// scan finds every hit of every term in toks, in token order.
func (ts *termSet) scan(toks []Token, hits []Hit) []Hit {
	try := func(i int, r ref) {
		p := ts.phrases[r.term][r.alt]
		if i+len(p) > len(toks) {
			return
		}
		for k, w := range p {
			if !w.matches(&toks[i+k]) || toks[i+k].Clause != toks[i].Clause {
				return
			}
		}
		hits = append(hits, Hit{Term: r.term, Start: i, End: i + len(p)})
	}
	tryAll := func(i int, b *bucket) {
		if b == nil {
			return
		}
		for _, r := range b.rest {
			try(i, r)
		}
		if i+1 < len(toks) && toks[i+1].Clause == toks[i].Clause {
			for _, r := range b.stem2[toks[i+1].Stem] {
				try(i, r)
			}
			for _, r := range b.lower2[toks[i+1].Lower] {
				try(i, r)
			}
		}
	}
	for i := range toks {
		tryAll(i, ts.byStem[toks[i].Stem])
		tryAll(i, ts.byLower[toks[i].Lower])
		if l := toks[i].Lower; len(l) >= prefixKey {
			tryAll(i, ts.byPrefix[l[:prefixKey]])
		}
		tryAll(i, &ts.short)
		if toks[i].Num {
			tryAll(i, &ts.numbers)
		}
	}
	return hits
}
