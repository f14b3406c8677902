package rubric

import (
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
)

// FindingModel finds evidence in a sentence that no pattern matches. The
// patterns are written from the HALN themes' words, and careful readers
// find the same work told in words no pattern lists ("routes into good,
// secure work for people in the areas we serve"). The model weighs the
// sentence's word stems for each theme against their weight for ordinary
// business, as a multinomial logistic regression over the indicators and
// "none"; where one theme's probability (the sum of its indicators') reaches
// Threshold and the sentence's Gate speaks of anchor work, the sentence is
// evidence of that theme's likeliest indicator. `anchorscore rubric calibrate
// --sentences` learns the weights from labelled sentences (and the audits'
// verdicts); the threshold, gate, sure and refile are the analyst's.
type FindingModel struct {
	Description string `yaml:"description"`
	// Threshold is the probability of a theme at which a sentence is
	// taken as its evidence: higher finds less, and less that readers
	// would reject.
	Threshold float64 `yaml:"threshold"`
	// Gate names the contexts of which the sentence (or its paragraph or
	// section) must speak, as an indicator's gate does, unless the theme's
	// probability reaches Sure: a sentence read alone, as in a labelled
	// set, or a paragraph that never names the work it continues. 0 or
	// absent: the gate always holds.
	Gate Gate    `yaml:"gate"`
	Sure float64 `yaml:"sure"`
	// Refile is the probability of another theme at which a sentence the
	// patterns matched moves to that theme's likeliest indicator: the
	// patterns see the words of one theme ("local suppliers") where the
	// sentence tells another's work ("across the ICS, NHS spend with
	// local suppliers rose ..."). 0 or absent: the patterns' theme stands.
	Refile float64 `yaml:"refile"`
	// Bias is each indicator's weight before any word.
	Bias  []IndicatorBias `yaml:"bias"`
	Words []WordWeight    `yaml:"words"`
}

// IndicatorBias is one indicator's bias in the finding model.
type IndicatorBias struct {
	Indicator string  `yaml:"indicator"`
	Weight    float64 `yaml:"weight"`
}

// finder is a compiled FindingModel.
type finder struct {
	threshold, sure, refile float64
	// leastFind and leastRefile are the scores below which no indicator
	// can lift its theme to the threshold and to refile (least).
	leastFind, leastRefile float64
	theme                  []int // each indicator's theme, by index
	gate                   []int
	gateAt                 Scope
	bias                   []float64 // per indicator, in Compiled.indicators
	words                  map[string][]indicatorWeight
}

// compileFindingModel checks a rubric's finding model against its themes
// and contexts.
func compileFindingModel(r *Rubric, c *Compiled, bad func(*Error)) *finder {
	m := r.FindingModel
	f := &finder{threshold: m.Threshold, sure: m.Sure, refile: m.Refile, bias: make([]float64, len(c.indicators)), words: map[string][]indicatorWeight{}}
	if m.Threshold <= 0 || m.Threshold >= 1 {
		bad(r.errorAt("finding_model.threshold", "want a probability above 0 and below 1, found %v", m.Threshold))
	}
	size, widest := map[string]int{}, 0
	for _, in := range c.indicators {
		size[in.Theme]++
		widest = max(widest, size[in.Theme])
	}
	f.leastFind, f.leastRefile = least(m.Threshold, widest), least(m.Refile, widest)
	themeIndex := map[string]int{}
	for i, th := range r.Themes {
		themeIndex[th.ID] = i
	}
	for _, in := range c.indicators {
		f.theme = append(f.theme, themeIndex[in.Theme])
	}
	if m.Sure != 0 && (m.Sure < m.Threshold || m.Sure >= 1) {
		bad(r.errorAt("finding_model.sure", "want a probability from the threshold (%v) to below 1, found %v", m.Threshold, m.Sure))
	}
	// Above one half, the theme is the likeliest whatever the others say.
	if m.Refile != 0 && (m.Refile <= 0.5 || m.Refile >= 1) {
		bad(r.errorAt("finding_model.refile", "want a probability above 0.5 and below 1 (or 0 for never), found %v", m.Refile))
	}
	scope, ok := scopeNames[m.Gate.Scope]
	if !ok {
		bad(r.errorAt("finding_model.gate.scope", "unknown scope %q (sentence, paragraph or section)", m.Gate.Scope))
	}
	f.gateAt = scope
	for k, name := range m.Gate.Context {
		ids, ok := c.contexts[name]
		if !ok {
			bad(r.errorAt(fmt.Sprintf("finding_model.gate.context[%d]", k), "unknown context %q (defined: %s)", name, contextNames(r)))
		}
		f.gate = append(f.gate, ids...)
	}
	for i, ib := range m.Bias {
		in, ok := c.byID[ib.Indicator]
		if !ok {
			bad(r.errorAt(fmt.Sprintf("finding_model.bias[%d].indicator", i), "unknown indicator %q", ib.Indicator))
			continue
		}
		f.bias[in.index] = ib.Weight
	}
	for i, ww := range m.Words {
		key := fmt.Sprintf("finding_model.words[%d]", i)
		in, ok := c.byID[ww.Indicator]
		switch {
		case strings.TrimSpace(ww.Word) == "" || strings.ContainsAny(ww.Word, " |*"):
			bad(r.errorAt(key+".word", "want one word stem, found %q", ww.Word))
		case !ok:
			bad(r.errorAt(key+".indicator", "unknown indicator %q", ww.Indicator))
		default:
			f.words[ww.Word] = append(f.words[ww.Word], indicatorWeight{in: in.index, w: ww.Weight})
		}
	}
	return f
}

// scores are each indicator's score for a sentence's words, in buf.
func (f *finder) scores(words []string, buf []float64) []float64 {
	s := append(buf[:0], f.bias...)
	for _, w := range words {
		for _, iw := range f.words[w] {
			s[iw.in] += iw.w
		}
	}
	return s
}

// softmaxWithNone turns scores into probabilities beside a last class,
// "none", whose score is 0.
func softmaxWithNone(s []float64) []float64 {
	top := 0.0
	for _, v := range s {
		top = max(top, v)
	}
	sum := math.Exp(-top)
	p := make([]float64, len(s))
	for i, v := range s {
		p[i] = math.Exp(v - top)
		sum += p[i]
	}
	for i := range p {
		p[i] /= sum
	}
	return p
}

// least is the score below which no indicator can lift its theme to
// probability t, where the widest theme has n indicators: a theme of n
// reaches t only if one of them scores at least log(t/(1-t)) - log(n).
func least(t float64, n int) float64 {
	return math.Log(t/(1-t)) - math.Log(float64(n))
}

// find is the indicator a sentence's words are evidence of, and its
// theme's probability: the theme whose indicators' probabilities sum
// highest, if that reaches the threshold, and its likeliest indicator;
// nil when none does.
func (c *Compiled) find(words []string) (*indicator, float64) {
	return c.likeliest(words, c.finder.threshold, c.finder.leastFind)
}

// likeliest is the likeliest indicator of the theme whose probability
// for a sentence's words reaches t, and that probability; nil when none
// does. Most sentences are ordinary business, and no indicator's score
// comes near the least a theme needs (below): they are turned away
// before any probability is worked out.
func (c *Compiled) likeliest(words []string, t, below float64) (*indicator, float64) {
	f := c.finder
	var buf [64]float64
	s := f.scores(words, buf[:])
	if slices.Max(s) < below {
		return nil, 0
	}
	p := softmaxWithNone(s)
	theme := make([]float64, len(c.Themes))
	for _, in := range c.indicators {
		theme[f.theme[in.index]] += p[in.index]
	}
	var best *indicator
	for _, in := range c.indicators {
		th := theme[f.theme[in.index]]
		if th >= t && (best == nil || th > theme[f.theme[best.index]] || in.Theme == best.Theme && p[in.index] > p[best.index]) {
			best = in
		}
	}
	if best == nil {
		return nil, 0
	}
	return best, theme[f.theme[best.index]]
}

// foundByModel is the match the finding model makes for a sentence no
// pattern matched, if any, with as matched words the three that weigh most
// for its indicator, and why (for explain): the theme's probability and
// those words; or, turned away by the gate, why.
func (c *Compiled) foundByModel(a *analysed, block, section bitset) (*match, string) {
	f := c.finder
	in, p := c.find(choiceWords(a.toks))
	if in == nil {
		return nil, ""
	}
	if len(f.gate) > 0 && (f.sure == 0 || p < f.sure) {
		ctx, where := inScope(f.gateAt, a.present, block, section)
		if ctx == nil || !ctx.any(f.gate) {
			return nil, fmt.Sprintf("the finding model's %s (%.2f) without anchor context in the %s", in.Theme, p, where)
		}
	}
	m, words := c.modelMatch(a, in)
	return m, fmt.Sprintf("found by the finding model: %s %.2f, by its words %s", in.Theme, p, words)
}

// refiled is the match for a sentence the patterns filed under from's
// theme when the finding model is sure enough (Refile) that it tells of
// another theme's work, with why (for explain); nil when it is not.
func (c *Compiled) refiled(a *analysed, from match) (*match, string) {
	f := c.finder
	if f == nil || f.refile == 0 {
		return nil, ""
	}
	in, p := c.likeliest(choiceWords(a.toks), f.refile, f.leastRefile)
	if in == nil || in.Theme == from.in.Theme {
		return nil, ""
	}
	m, words := c.modelMatch(a, in)
	return m, fmt.Sprintf("refiled by the finding model from %s: %s %.2f, by its words %s", from.in.ID, in.Theme, p, words)
}

// modelMatch is the finding model's match of a sentence to in, with as
// matched words the three that weigh most for it, and those words with
// their weights.
func (c *Compiled) modelMatch(a *analysed, in *indicator) (*match, string) {
	f := c.finder
	type pull struct {
		at int
		w  float64
	}
	var pulls []pull
	for i, tok := range a.toks {
		if tok.Num || tok.Name || functionWords[tok.Lower] || slices.ContainsFunc(pulls, func(p pull) bool { return a.toks[p.at].Stem == tok.Stem }) {
			continue
		}
		for _, iw := range f.words[tok.Stem] {
			if iw.in == in.index && iw.w > 0 {
				pulls = append(pulls, pull{i, iw.w})
			}
		}
	}
	slices.SortStableFunc(pulls, func(x, y pull) int { return cmp.Compare(y.w, x.w) })
	pulls = pulls[:min(len(pulls), 3)]
	m := &match{in: in, weight: 1}
	var parts []string
	for _, p := range pulls {
		m.hits = append(m.hits, Hit{Term: -1, Start: p.at, End: p.at + 1})
		parts = append(parts, fmt.Sprintf("%s +%.2f", a.toks[p.at].Stem, p.w))
	}
	slices.SortFunc(m.hits, func(x, y Hit) int { return cmp.Compare(x.Start, y.Start) })
	return m, strings.Join(parts, ", ")
}

// Finding settings: passes over the sentences, the first learning rate,
// the L2 penalty, the smallest weight written out and the fewest
// sentences a word must be seen in. Chosen by leaving each development
// sentence set out in turn: a smallest weight of 0.3 rather than 0.05
// keeps 7,800 of 26,000 weights and loses 0.3 points of recall; a
// stronger penalty (0.01) loses 1.6.
const (
	findEpochs   = 10
	findRate     = 0.1
	findL2       = 0.001
	findMin      = 0.3
	findMinCount = 3
	// DefaultFindThreshold is the threshold of a rubric's first finding
	// model.
	DefaultFindThreshold = 0.8
)

// LearnFindingModel learns a finding model's weights from labelled
// sentences: a sentence whose Indicator is empty is ordinary business (a
// decoy or a neutral sentence); the others are evidence of their
// indicator. Stochastic gradient descent in a fixed order gives the same
// model for the same sentences. The threshold, gate, sure and refile are
// left for the caller to set (KeepSettings).
func (c *Compiled) LearnFindingModel(sents []LabelledSentence) (*FindingModel, error) {
	type sample struct {
		words []string
		in    int // -1: none
	}
	var samples []sample
	var toks []Token
	var positive int
	for _, s := range sents {
		in := -1
		if s.Indicator != "" {
			ind, ok := c.byID[s.Indicator]
			if !ok {
				continue
			}
			in = ind.index
			positive++
		}
		toks = appendTokens(toks[:0], s.Text)
		samples = append(samples, sample{words: choiceWords(toks), in: in})
	}
	if positive == 0 || positive == len(samples) {
		return nil, fmt.Errorf("the finding model learns from evidence and ordinary sentences together: found %d evidence of %d", positive, len(samples))
	}
	// A word seen in fewer than findMinCount sentences says more of one
	// author than of the work: it is left out.
	count := map[string]int{}
	for _, smp := range samples {
		for _, w := range smp.words {
			count[w]++
		}
	}
	for i, smp := range samples {
		samples[i].words = slices.DeleteFunc(slices.Clone(smp.words), func(w string) bool { return count[w] < findMinCount })
	}
	n := len(c.indicators)
	bias := make([]float64, n)
	weights := map[string][]float64{}
	order := make([]int, len(samples))
	for i := range order {
		order[i] = i
	}
	rng := rand.New(rand.NewPCG(3, 4))
	s := make([]float64, n)
	for ep := range findEpochs {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		rate := findRate / float64(1+ep)
		for _, k := range order {
			smp := samples[k]
			copy(s, bias)
			for _, w := range smp.words {
				if weights[w] == nil {
					weights[w] = make([]float64, n)
				}
				for t, v := range weights[w] {
					s[t] += v
				}
			}
			p := softmaxWithNone(s)
			for t := range n {
				g := -p[t]
				if t == smp.in {
					g++
				}
				bias[t] += rate * g
				for _, w := range smp.words {
					ws := weights[w]
					ws[t] += rate * g
					ws[t] *= 1 - rate*findL2
				}
			}
		}
	}
	m := &FindingModel{Threshold: DefaultFindThreshold}
	for _, in := range c.indicators {
		m.Bias = append(m.Bias, IndicatorBias{Indicator: in.ID, Weight: math.Round(bias[in.index]*1000) / 1000})
	}
	m.Words = c.wordWeights(weights, findMin)
	return m, nil
}

// KeepSettings sets a learned model's threshold, gate, sure and refile
// to those of the model it replaces: they are the analyst's.
func (m *FindingModel) KeepSettings(from *FindingModel) {
	m.Threshold, m.Gate, m.Sure, m.Refile = from.Threshold, from.Gate, from.Sure, from.Refile
}

// YAML writes the model as the rubric's finding_model block, one word and
// indicator a line.
func (m *FindingModel) YAML() string {
	var b strings.Builder
	b.WriteString("finding_model:\n")
	if m.Description != "" {
		fmt.Fprintf(&b, "  description: %s\n", strconv.Quote(m.Description))
	}
	fmt.Fprintf(&b, "  threshold: %s\n", num(m.Threshold))
	if len(m.Gate.Context) > 0 {
		fmt.Fprintf(&b, "  gate: {context: [%s], scope: %s}\n", strings.Join(m.Gate.Context, ", "), cmp.Or(m.Gate.Scope, "sentence"))
	}
	if m.Sure != 0 {
		fmt.Fprintf(&b, "  sure: %s\n", num(m.Sure))
	}
	if m.Refile != 0 {
		fmt.Fprintf(&b, "  refile: %s\n", num(m.Refile))
	}
	b.WriteString("  bias:\n")
	for _, ib := range m.Bias {
		fmt.Fprintf(&b, "    - {indicator: %s, weight: %s}\n", ib.Indicator, num(ib.Weight))
	}
	b.WriteString("  words:\n")
	for _, w := range m.Words {
		fmt.Fprintf(&b, "    - {word: %s, indicator: %s, weight: %s}\n", w.Word, w.Indicator, num(w.Weight))
	}
	return b.String()
}
