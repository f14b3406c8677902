package rubric

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"sort"
	"strings"

	"github.com/anchorscore/anchorscore/configs"
)

// Scope is how far a gate or pattern looks around a sentence.
type Scope uint8

const (
	ScopeSentence Scope = iota
	ScopeParagraph
	ScopeSection
)

var scopeNames = map[string]Scope{"": ScopeSentence, "sentence": ScopeSentence, "paragraph": ScopeParagraph, "section": ScopeSection}

// Compiled is a checked rubric ready to match sentences. It is read-only
// and safe to share between goroutines.
type Compiled struct {
	*Rubric
	File   string // where it came from; "built-in" for the embedded rubric
	SHA256 string // of the file's bytes

	terms      *termSet
	exclude    []int
	contexts   map[string][]int
	indicators []*indicator
	byID       map[string]*indicator
	neg        negation
	intent     []int
	intentVerb []int
	outcome    []pattern
	ownership  []int
	partial    []int
	namedAs    []Token    // the words a piece of work's own name reads as; none: names stand for nothing
	measures   *indicator // the indicator that takes rows of baselines and targets, if any
	model      *levelModel
	choice     *choiceModel // chooses between the indicators a sentence matches; nil: the patterns' weights do
	finder     *finder      // finds evidence no pattern matches; nil: only the patterns find it
	// onChoice, when set, is shown every sentence's matches before one is
	// chosen: how the indicator model learns. Never set on a shared
	// Compiled.
	onChoice func(toks []Token, found []match)
}

type indicator struct {
	*Indicator
	Theme    string
	index    int // in Compiled.indicators
	weight   float64
	gate     []int // context term ids; empty means no gate
	gateAt   Scope
	patterns []pattern
	exclude  []int
}

type pattern struct {
	groups  []int // term ids; all must occur
	within  int
	scope   Scope
	weight  float64
	exclude []int
	unless  []int
}

type negation struct {
	window, windowAfter         int
	before, after, pseudo, term []int
	withdrawal, unmet           []int
}

// Builtin returns the HALN rubric embedded in the binary.
func Builtin() (*Compiled, error) {
	return Parse("built-in", configs.HALN)
}

// Load reads and compiles a rubric file.
func Load(path string) (*Compiled, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, &Error{Pos: Pos{File: path}, Msg: err.Error()}
	}
	return Parse(path, data)
}

// LoadOrBuiltin loads path, or the built-in rubric when path is empty.
func LoadOrBuiltin(path string) (*Compiled, error) {
	if path == "" {
		return Builtin()
	}
	return Load(path)
}

// Parse decodes and checks a rubric; file names it in errors.
func Parse(file string, data []byte) (*Compiled, error) {
	r, err := parseYAML(file, data)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(data)
	c := &Compiled{Rubric: r, File: file, SHA256: hex.EncodeToString(sum[:]), terms: newTermSet(),
		contexts: map[string][]int{}, byID: map[string]*indicator{}}
	var errs Errors
	bad := func(e *Error) { errs = append(errs, e) }
	terms := func(key string, list []string) []int {
		ids := make([]int, 0, len(list))
		for i, t := range list {
			id, problem := c.terms.add(t)
			if problem != "" {
				bad(r.errorAt(fmt.Sprintf("%s[%d]", key, i), "%s", problem))
				continue
			}
			ids = append(ids, id)
		}
		return ids
	}

	if r.ID == "" {
		bad(r.errorAt("id", "the rubric needs an id"))
	}
	if len(r.Levels) == 0 {
		bad(r.errorAt("levels", "the rubric needs levels, from 0 up"))
	}
	for i, l := range r.Levels {
		if l.Level != i {
			bad(r.errorAt(fmt.Sprintf("levels[%d].level", i), "levels must run 0, 1, 2, ... in order; found %d at position %d", l.Level, i))
		}
	}
	// Contexts double as named lists of synonyms: "$anchor" in any term
	// stands for every alternative of the context "anchor".
	c.terms.macros = map[string][]string{}
	for i, cx := range r.Contexts {
		for j, t := range cx.Terms {
			if strings.Contains(t, "$") {
				bad(r.errorAt(fmt.Sprintf("contexts[%d].terms[%d]", i, j), "a context's terms cannot use $names"))
				continue
			}
			for _, alt := range strings.Split(t, "|") {
				c.terms.macros[cx.ID] = append(c.terms.macros[cx.ID], strings.TrimSpace(alt))
			}
		}
	}
	c.exclude = terms("exclude", r.Exclude)
	for i, cx := range r.Contexts {
		key := fmt.Sprintf("contexts[%d]", i)
		if cx.ID == "" {
			bad(r.errorAt(key, "a context needs an id"))
		} else if _, dup := c.contexts[cx.ID]; dup {
			bad(r.errorAt(key+".id", "duplicate context id %q", cx.ID))
		}
		c.contexts[cx.ID] = terms(key+".terms", cx.Terms)
	}
	n := r.Cues.Negation
	c.neg = negation{window: n.Window}
	if c.neg.window == 0 {
		c.neg.window = 6
	}
	c.neg.windowAfter = n.WindowAfter
	if c.neg.windowAfter == 0 {
		c.neg.windowAfter = 2 * c.neg.window
	}
	c.neg.before = terms("cues.negation.before", n.Before)
	c.neg.after = terms("cues.negation.after", n.After)
	c.neg.pseudo = terms("cues.negation.pseudo", n.Pseudo)
	c.neg.term = terms("cues.negation.terminators", n.Terminators)
	c.neg.withdrawal = terms("cues.negation.withdrawal", n.Withdrawal)
	c.neg.unmet = terms("cues.negation.unmet", n.Unmet)
	c.intent = terms("cues.strength.intent", r.Cues.Strength.Intent)
	c.intentVerb = terms("cues.strength.intent_if_verb", r.Cues.Strength.IntentIfVerb)
	for i, p := range r.Cues.Strength.Outcome {
		c.outcome = append(c.outcome, compilePattern(r, fmt.Sprintf("cues.strength.outcome[%d]", i), p, terms, bad))
	}
	c.ownership = terms("cues.ownership", r.Cues.Ownership)
	c.partial = terms("cues.partial", r.Cues.Partial)
	if w := strings.TrimSpace(r.Cues.NamedWork); w != "" {
		if c.namedAs = Tokenize(w); len(c.namedAs) > 3 {
			bad(r.errorAt("cues.named_work", "want at most three words for what a piece of work's name stands for, found %q", w))
		}
	}

	themeIDs := map[string]bool{}
	for ti := range r.Themes {
		th := &r.Themes[ti]
		tkey := fmt.Sprintf("themes[%d]", ti)
		if th.ID == "" {
			bad(r.errorAt(tkey, "a theme needs an id"))
		} else if themeIDs[th.ID] {
			bad(r.errorAt(tkey+".id", "duplicate theme id %q", th.ID))
		}
		themeIDs[th.ID] = true
		if len(th.Indicators) == 0 {
			bad(r.errorAt(tkey, "theme %q has no indicators", th.ID))
		}
		for ii := range th.Indicators {
			in := &th.Indicators[ii]
			ikey := fmt.Sprintf("%s.indicators[%d]", tkey, ii)
			if in.ID == "" {
				bad(r.errorAt(ikey, "an indicator needs an id"))
				continue
			}
			if _, dup := c.byID[in.ID]; dup {
				bad(r.errorAt(ikey+".id", "duplicate indicator id %q (ids must be unique across themes)", in.ID))
				continue
			}
			ci := &indicator{Indicator: in, Theme: th.ID, index: len(c.indicators), weight: in.Weight}
			if in.Measures {
				if c.measures != nil {
					bad(r.errorAt(ikey+".measures", "indicator %q takes the rows of measures, and so does %q: at most one can", in.ID, c.measures.ID))
				}
				c.measures = ci
			}
			if ci.weight == 0 {
				ci.weight = 1
			} else if ci.weight < 0 {
				bad(r.errorAt(ikey+".weight", "a weight cannot be negative"))
			}
			if len(in.Patterns) == 0 {
				bad(r.errorAt(ikey, "indicator %q has no patterns", in.ID))
			}
			if in.Gate != nil {
				scope, ok := scopeNames[in.Gate.Scope]
				if !ok {
					bad(r.errorAt(ikey+".gate.scope", "unknown scope %q (sentence, paragraph or section)", in.Gate.Scope))
				}
				ci.gateAt = scope
				if len(in.Gate.Context) == 0 {
					bad(r.errorAt(ikey+".gate.context", "a gate needs at least one context"))
				}
				for k, name := range in.Gate.Context {
					ids, ok := c.contexts[name]
					if !ok {
						bad(r.errorAt(fmt.Sprintf("%s.gate.context[%d]", ikey, k), "unknown context %q (defined: %s)", name, contextNames(r)))
					}
					ci.gate = append(ci.gate, ids...)
				}
			}
			ci.exclude = terms(ikey+".exclude", in.Exclude)
			for pi, p := range in.Patterns {
				ci.patterns = append(ci.patterns, compilePattern(r, fmt.Sprintf("%s.patterns[%d]", ikey, pi), p, terms, bad))
			}
			c.indicators = append(c.indicators, ci)
			c.byID[in.ID] = ci
		}
	}
	checkRules := func(key string, rules []LevelRule) {
		for i, lr := range rules {
			rkey := fmt.Sprintf("%s[%d]", key, i)
			if lr.Level <= 0 || lr.Level >= len(r.Levels) {
				bad(r.errorAt(rkey+".level", "level %d is not on the scale (1 to %d)", lr.Level, len(r.Levels)-1))
			}
			for k, id := range lr.RequireAny {
				if _, ok := c.byID[id]; !ok {
					bad(r.errorAt(fmt.Sprintf("%s.require_any[%d]", rkey, k), "unknown indicator %q", id))
				}
			}
		}
	}
	checkRules("level_rules", r.LevelRules)
	for ti, th := range r.Themes {
		checkRules(fmt.Sprintf("themes[%d].level_rules", ti), th.LevelRules)
		if len(th.LevelRules) == 0 && len(r.LevelRules) == 0 {
			bad(r.errorAt(fmt.Sprintf("themes[%d]", ti), "theme %q has no level_rules and the rubric sets none", th.ID))
		}
	}
	if r.LevelModel != nil {
		c.model = compileLevelModel(r, c.terms.macros, bad)
	}
	if r.IndicatorModel != nil {
		c.choice = compileIndicatorModel(r, c.byID, bad)
	}
	if r.FindingModel != nil {
		c.finder = compileFindingModel(r, c, bad)
	}
	if len(errs) > 0 {
		sort.SliceStable(errs, func(i, j int) bool { return errs[i].Pos.Line < errs[j].Pos.Line })
		return nil, errs
	}
	return c, nil
}

// compilePattern checks and compiles one pattern written at key.
func compilePattern(r *Rubric, key string, p Pattern, terms func(string, []string) []int, bad func(*Error)) pattern {
	cp := pattern{within: p.Within, weight: p.Weight}
	if cp.weight == 0 {
		cp.weight = 1
	} else if cp.weight < 0 {
		bad(r.errorAt(key+".weight", "a weight cannot be negative"))
	}
	if p.Within < 0 {
		bad(r.errorAt(key+".within", "within counts words and cannot be negative"))
	}
	scope, ok := scopeNames[p.Scope]
	if !ok {
		bad(r.errorAt(key+".scope", "unknown scope %q (sentence, paragraph or section)", p.Scope))
	}
	cp.scope = scope
	if len(p.All) == 0 {
		bad(r.errorAt(key, "a pattern needs at least one term"))
	}
	cp.groups = terms(key+".all", p.All)
	cp.exclude = terms(key+".exclude", p.Exclude)
	cp.unless = terms(key+".unless", p.Unless)
	return cp
}

func contextNames(r *Rubric) string {
	names := make([]string, len(r.Contexts))
	for i, cx := range r.Contexts {
		names[i] = cx.ID
	}
	return strings.Join(names, ", ")
}

// Rules returns the level rules for a theme, highest level first.
func (c *Compiled) Rules(theme string) []LevelRule {
	var rules []LevelRule
	for _, th := range c.Themes {
		if th.ID == theme {
			rules = th.LevelRules
		}
	}
	if len(rules) == 0 {
		rules = c.LevelRules
	}
	out := append([]LevelRule(nil), rules...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Level > out[j].Level })
	return out
}

// LevelName returns the scale's name for a level.
func (c *Compiled) LevelName(level int) string {
	if level >= 0 && level < len(c.Levels) {
		return c.Levels[level].Name
	}
	return ""
}

// IndicatorByID returns an indicator and its theme id.
func (c *Compiled) IndicatorByID(id string) (*Indicator, string, bool) {
	in, ok := c.byID[id]
	if !ok {
		return nil, "", false
	}
	return in.Indicator, in.Theme, true
}
