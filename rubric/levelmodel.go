package rubric

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/anchorscore/anchorscore/pipeline/doc"
)

// LevelModel is a calibrated level model: a multinomial logistic
// regression that reads a theme's evidence as a careful reader weighs it.
// The level rules count what the evidence shows (indicators, strength,
// ownership, documents, periods); readers also weigh the words that
// qualify it ("a pilot", "not yet", "every ward", "reported quarterly").
// The model takes both: the rules' facts, and how often each cue occurs in
// the theme's evidence sentences. An analyst writes the cues, from the
// meaning of the rubric's levels; `anchorscore rubric calibrate` learns
// the weights from corpora with a careful reader's levels.
type LevelModel struct {
	Description string `yaml:"description"`
	// Features are the model's inputs in order. Each is one of: a cue
	// (a term, counted in the theme's evidence sentences), a fact of the
	// level rules (with the mean and sd it is scaled by), or a theme.
	Features []ModelFeature `yaml:"features"`
	// Intercepts has one value per level of the scale.
	Intercepts []float64 `yaml:"intercepts"`
	// TreeBase and Trees are boosted trees learned beside the weights
	// (boost.go): the trees' starting score for each level, and the trees
	// over the features' unscaled values. The level is read from the
	// regression's probabilities and the trees' averaged.
	TreeBase []float64 `yaml:"tree_base"`
	Trees    []Tree    `yaml:"trees"`
}

// ModelFeature is one input of a level model and its weight for each
// level of the scale.
type ModelFeature struct {
	Cue   string `yaml:"cue"`
	Fact  string `yaml:"fact"`
	Theme string `yaml:"theme"`
	// Indicator reads how far the theme's evidence for one indicator
	// goes: its best strength (intent a third, action two thirds, outcome
	// all of it); Undone reads whether a later paper says the indicator's
	// work is no longer in place. Readers weigh which indicators the
	// evidence reaches, not only how many: a named executive lead is not
	// a programme manager.
	Indicator string    `yaml:"indicator"`
	Undone    string    `yaml:"undone"`
	Mean      float64   `yaml:"mean"`
	SD        float64   `yaml:"sd"`
	Weights   []float64 `yaml:"weights"`
}

// Facts are what the level rules found for one theme, organisation and
// period: the inputs of a level model besides its cues.
type Facts struct {
	Indicators, Action, Full, Outcome, Corroborated, Owned int
	ActionSentences, Documents, Periods                    int
	Negated, Evidence                                      int
	// Undone counts indicators whose work a later paper says is not in
	// place; Withdrawn those of them explicitly ended (stood down,
	// withdrawn).
	Undone, Withdrawn int
	// Strength is, for each indicator with evidence, its best strength;
	// Ended names the indicators counted in Undone.
	Strength map[string]doc.Strength
	Ended    map[string]bool
}

// factNames are the facts a level model can read, in the words of the
// rules' explanations. The counts of indicators, documents and periods are
// bounded by the rubric and the papers read; the shares are not changed by
// a document's length. The counts of sentences grow with it: a model that
// reads them rates a long annual report higher for its length alone.
var factNames = map[string]func(Facts) float64{
	"indicators":              func(f Facts) float64 { return float64(f.Indicators) },
	"action_indicators":       func(f Facts) float64 { return float64(f.Action) },
	"full_action_indicators":  func(f Facts) float64 { return float64(f.Full) },
	"outcome_indicators":      func(f Facts) float64 { return float64(f.Outcome) },
	"corroborated_indicators": func(f Facts) float64 { return float64(f.Corroborated) },
	"owned_indicators":        func(f Facts) float64 { return float64(f.Owned) },
	"documents":               func(f Facts) float64 { return float64(f.Documents) },
	"periods":                 func(f Facts) float64 { return float64(f.Periods) },
	"action_share":            func(f Facts) float64 { return share(f.ActionSentences, f.Evidence) },
	"negated_share":           func(f Facts) float64 { return share(f.Negated, f.Evidence) },
	"action_sentences":        func(f Facts) float64 { return float64(f.ActionSentences) },
	"negated_sentences":       func(f Facts) float64 { return float64(f.Negated) },
	"evidence_sentences":      func(f Facts) float64 { return float64(f.Evidence) },
	"undone_indicators":       func(f Facts) float64 { return float64(f.Undone) },
	"withdrawn_indicators":    func(f Facts) float64 { return float64(f.Withdrawn) },
}

// share is n of of, read with less confidence from fewer than
// minShareOf: one sentence of action is not "all the evidence is action"
// as thirty are, and counts a third as much.
func share(n, of int) float64 {
	if of == 0 {
		return 0
	}
	return confidence(of) * float64(n) / float64(of)
}

// confidence is how far a share of of sentences counts.
func confidence(of int) float64 { return min(float64(of), minShareOf) / minShareOf }

// minShareOf is how many sentences a share needs to count in full.
const minShareOf = 3

// FactNames lists the facts a level model can read, sorted.
func FactNames() []string {
	names := make([]string, 0, len(factNames))
	for n := range factNames {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// levelModel is a compiled LevelModel.
type levelModel struct {
	*LevelModel
	cues    *termSet
	cueTerm []int // per feature: its cue's term id, or -1
	levels  int
	trained bool              // weights and intercepts are set
	names   map[string]string // indicator ids' names, for the reasons given
}

// compileLevelModel checks a rubric's level model. A model whose cues
// are written but whose weights are not yet learned is valid: it is what
// `rubric calibrate` starts from, and it leaves the level rules to decide.
func compileLevelModel(r *Rubric, macros map[string][]string, bad func(*Error)) *levelModel {
	m := r.LevelModel
	lm := &levelModel{LevelModel: m, cues: newTermSet(), levels: len(r.Levels), names: map[string]string{}}
	lm.cues.macros = macros
	themes := map[string]bool{}
	for _, th := range r.Themes {
		themes[th.ID] = true
		for _, in := range th.Indicators {
			lm.names[in.ID] = cmp.Or(in.Name, in.ID)
		}
	}
	if len(m.Features) == 0 {
		bad(r.errorAt("level_model.features", "a level model needs features: cues, facts or themes"))
	}
	lm.trained = len(m.Intercepts) > 0
	if lm.trained && len(m.Intercepts) != lm.levels {
		bad(r.errorAt("level_model.intercepts", "want one intercept per level (%d), found %d", lm.levels, len(m.Intercepts)))
	}
	if !lm.trained && (len(m.Trees) > 0 || len(m.TreeBase) > 0) {
		bad(r.errorAt("level_model.trees", "trees without intercepts: run anchorscore rubric calibrate to learn both"))
	} else if len(m.Trees) > 0 && len(m.TreeBase) != lm.levels {
		bad(r.errorAt("level_model.tree_base", "want one starting score per level (%d), found %d", lm.levels, len(m.TreeBase)))
	}
	for i, t := range m.Trees {
		if problem := t.check(len(m.Features), lm.levels); problem != "" {
			bad(r.errorAt(fmt.Sprintf("level_model.trees[%d]", i), "%s", problem))
		}
	}
	seen := map[string]bool{}
	for i, f := range m.Features {
		key := fmt.Sprintf("level_model.features[%d]", i)
		lm.cueTerm = append(lm.cueTerm, -1)
		kinds := 0
		for _, s := range []string{f.Cue, f.Fact, f.Theme, f.Indicator, f.Undone} {
			if s != "" {
				kinds++
			}
		}
		if kinds != 1 {
			bad(r.errorAt(key, "a feature is one of cue, fact, theme, indicator or undone, found %d of them", kinds))
			continue
		}
		name := featureName(f)
		if seen[name] {
			bad(r.errorAt(key, "%s is given twice", name))
		}
		seen[name] = true
		switch {
		case f.Cue != "":
			id, problem := lm.cues.add(f.Cue)
			if problem != "" {
				bad(r.errorAt(key+".cue", "%s", problem))
			}
			lm.cueTerm[i] = id
		case f.Fact != "":
			if factNames[f.Fact] == nil {
				bad(r.errorAt(key+".fact", "unknown fact %q (known: %s)", f.Fact, strings.Join(FactNames(), ", ")))
			}
			if f.SD < 0 {
				bad(r.errorAt(key+".sd", "a standard deviation cannot be negative"))
			}
		case f.Indicator != "" || f.Undone != "":
			field, id := "indicator", f.Indicator
			if f.Undone != "" {
				field, id = "undone", f.Undone
			}
			if _, ok := lm.names[id]; !ok {
				bad(r.errorAt(key+"."+field, "unknown indicator %q", id))
			}
		case !themes[f.Theme]:
			bad(r.errorAt(key+".theme", "unknown theme %q", f.Theme))
		}
		if lm.trained && len(f.Weights) != lm.levels {
			bad(r.errorAt(key+".weights", "want one weight per level (%d), found %d", lm.levels, len(f.Weights)))
		} else if !lm.trained && len(f.Weights) > 0 {
			bad(r.errorAt(key+".weights", "weights without intercepts: run anchorscore rubric calibrate to learn both"))
		}
	}
	return lm
}

func featureName(f ModelFeature) string {
	switch {
	case f.Cue != "":
		return fmt.Sprintf("cue %q", f.Cue)
	case f.Fact != "":
		return "fact " + f.Fact
	case f.Indicator != "":
		return "indicator " + f.Indicator
	case f.Undone != "":
		return "undone " + f.Undone
	}
	return "theme " + f.Theme
}

// ModelInput is what a level model reads of one theme, organisation and
// period.
type ModelInput struct {
	Theme string
	Facts Facts
	Texts []string // the theme's evidence sentences
}

// raw is the unscaled value of each feature: the share of the texts in
// which a cue occurs (a share, not a count, so that a long document does
// not weigh more for its length), a fact's value, 1 for the input's own
// theme.
func (lm *levelModel) raw(in ModelInput) []float64 {
	counts := map[int]int{}
	var toks []Token
	var hits []Hit
	for _, t := range in.Texts {
		toks = appendTokens(toks[:0], t)
		hits = lm.cues.scan(toks, hits[:0])
		seen := map[int]bool{}
		for _, h := range hits {
			if !seen[h.Term] {
				seen[h.Term] = true
				counts[h.Term]++
			}
		}
	}
	x := make([]float64, len(lm.Features))
	for i, f := range lm.Features {
		switch {
		case f.Cue != "":
			x[i] = share(counts[lm.cueTerm[i]], len(in.Texts))
		case f.Fact != "":
			x[i] = factNames[f.Fact](in.Facts)
		case f.Indicator != "":
			x[i] = float64(in.Facts.Strength[f.Indicator]) / float64(doc.Outcome)
		case f.Undone != "":
			if in.Facts.Ended[f.Undone] {
				x[i] = 1
			}
		case f.Theme == in.Theme:
			x[i] = 1
		}
	}
	return x
}

// scale standardises the facts by their mean and sd, as Calibrate did: a
// fact that did not vary in the samples (sd 0) reads 0.
func (lm *levelModel) scale(x []float64) {
	for i, f := range lm.Features {
		switch {
		case f.Fact == "":
		case f.SD > 0:
			x[i] = (x[i] - f.Mean) / f.SD
		default:
			x[i] = 0
		}
	}
}

// HasLevelModel reports whether the rubric has a trained level model.
func (c *Compiled) HasLevelModel() bool { return c.model != nil && c.model.trained }

// Prediction is the level a level model gives one theme, and why.
type Prediction struct {
	Level int
	// Why names the features whose weights most favour Level over Next.
	Why string
	// Probability is the model's probability of Level (the regression's
	// and the trees' averaged): near 1 a clear case, near that of Next a
	// close call between the two levels.
	Probability float64
	// Next is the most likely other level, with its probability; where
	// decideLevel chose a level between two others, Next may be the more
	// likely of the two.
	Next            int
	NextProbability float64
}

// PredictLevel is the level the rubric's level model gives, and why: the
// features that most favour it over the next most likely level. ok is
// false when the rubric has no trained model.
func (c *Compiled) PredictLevel(in ModelInput) (p Prediction, ok bool) {
	lm := c.model
	if lm == nil || !lm.trained {
		return Prediction{}, false
	}
	raw := lm.raw(in)
	x := slices.Clone(raw)
	lm.scale(x)
	scores := make([]float64, lm.levels)
	for k := range scores {
		scores[k] = lm.Intercepts[k]
		for i, f := range lm.Features {
			scores[k] += f.Weights[k] * x[i]
		}
	}
	probs := make([]float64, lm.levels)
	softmaxScores(probs, scores)
	if len(lm.Trees) > 0 {
		boosted := slices.Clone(lm.TreeBase)
		for _, t := range lm.Trees {
			boosted[t.Level] += t.value(raw)
		}
		softmaxScores(boosted, boosted)
		for k := range probs {
			probs[k] = (probs[k] + boosted[k]) / 2
		}
	}
	best := decideLevel(probs)
	next := -1
	for k := range probs {
		if k != best && (next < 0 || probs[k] > probs[next]) {
			next = k
		}
	}
	type contrib struct {
		name string
		v    float64
	}
	var cs []contrib
	for i, f := range lm.Features {
		if f.Theme != "" {
			continue
		}
		if v := (f.Weights[best] - f.Weights[next]) * x[i]; v > 0.05 {
			// a share as read, before the allowance for few sentences
			pct := 0.0
			if n := len(in.Texts); n > 0 {
				pct = 100 * raw[i] / confidence(n)
			}
			var name string
			switch {
			case f.Cue != "":
				name = fmt.Sprintf("%q in %.0f%% of the evidence", strings.Trim(strings.Split(f.Cue, "|")[0], "*="), pct)
			case f.Indicator != "":
				name = fmt.Sprintf("%s (%s)", strings.ToLower(lm.names[f.Indicator]), in.Facts.Strength[f.Indicator])
			case f.Undone != "":
				name = fmt.Sprintf("%s no longer in place", strings.ToLower(lm.names[f.Undone]))
			case strings.HasSuffix(f.Fact, "_share"):
				name = fmt.Sprintf("%.0f%% of the evidence %s", pct, strings.TrimSuffix(f.Fact, "_share"))
			default:
				name = factPhrase(f.Fact, int(raw[i]))
				if raw[i] < f.Mean {
					name = "only " + name
				}
			}
			cs = append(cs, contrib{name, v})
		}
	}
	sort.SliceStable(cs, func(i, j int) bool { return cs[i].v > cs[j].v })
	var names []string
	for _, c := range cs[:min(3, len(cs))] {
		names = append(names, c.name)
	}
	why := fmt.Sprintf("rather than %s", c.LevelName(next))
	if probs[next] > probs[best] {
		// decideLevel chose a level between likelier ones: say so, with
		// the spread it weighed
		var spread []string
		for k, p := range probs {
			if p >= 0.1 || k == best {
				spread = append(spread, fmt.Sprintf("%s %.2f", c.LevelName(k), p))
			}
		}
		why = fmt.Sprintf("the middle of the levels it finds likely: %s; rather than %s", strings.Join(spread, ", "), c.LevelName(next))
	}
	if len(names) > 0 {
		why += ", most for " + strings.Join(names, ", ")
	}
	return Prediction{Level: best, Why: why, Probability: probs[best], Next: next, NextProbability: probs[next]}, true
}

// Sample is one theme of one organisation with a careful reader's level:
// what calibration learns from.
type Sample struct {
	ModelInput
	Level     int // the reader's
	RuleLevel int // the level rules', for comparison; not learned from
}

// Calibration settings: the L2 penalty is as scikit-learn's C = 3 (the
// penalty divided by the number of samples), and plain gradient descent
// runs a fixed number of steps, so the same samples give the same weights.
// C was chosen by leaving each development corpus out in turn (1,012
// levels, ninth session): 0.1 gave 68.1% exact, 0.3 69.4%, 1 70.7%, 3
// 71.2% (kappa 0.889), 10 71.1%.
const (
	calibrateC     = 3.0
	calibrateSteps = 4000
	calibrateRate  = 0.5
)

// Calibrate learns the level model's weights from samples: a
// multinomial logistic regression over the rubric's model features, with
// the facts scaled by their mean and sd over the samples. It returns a
// copy of the model with the weights set.
func (c *Compiled) Calibrate(samples []Sample) (*LevelModel, error) {
	lm := c.model
	if lm == nil {
		return nil, fmt.Errorf("the rubric has no level_model: write its features (cues, facts, themes) first")
	}
	if len(samples) == 0 {
		return nil, fmt.Errorf("no samples to calibrate on")
	}
	out := *lm.LevelModel
	out.Features = append([]ModelFeature(nil), lm.Features...)
	n, d, K := len(samples), len(out.Features), lm.levels
	X := make([][]float64, n)
	for s, sm := range samples {
		if sm.Level < 0 || sm.Level >= K {
			return nil, fmt.Errorf("sample %d: level %d is not on the scale (0 to %d)", s, sm.Level, K-1)
		}
		X[s] = lm.raw(sm.ModelInput)
	}
	// the trees read the features as they are: a split needs no scaling
	raw := make([][]float64, n)
	y := make([]int, n)
	for s := range X {
		raw[s], y[s] = slices.Clone(X[s]), samples[s].Level
	}
	for i, f := range out.Features {
		out.Features[i].Mean, out.Features[i].SD = 0, 0
		if f.Fact == "" {
			continue
		}
		var sum, sq float64
		for s := range X {
			sum += X[s][i]
		}
		mean := sum / float64(n)
		for s := range X {
			sq += (X[s][i] - mean) * (X[s][i] - mean)
		}
		sd := math.Sqrt(sq / float64(n))
		out.Features[i].Mean, out.Features[i].SD = round6(mean), round6(sd)
		for s := range X {
			if out.Features[i].SD > 0 {
				X[s][i] = (X[s][i] - out.Features[i].Mean) / out.Features[i].SD
			} else {
				X[s][i] = 0
			}
		}
	}
	W := make([][]float64, K) // W[k][i]
	for k := range W {
		W[k] = make([]float64, d)
	}
	b := make([]float64, K)
	gW := make([][]float64, K)
	for k := range gW {
		gW[k] = make([]float64, d)
	}
	gb := make([]float64, K)
	p := make([]float64, K)
	lambda := 1 / (calibrateC * float64(n))
	for step := 0; step < calibrateSteps; step++ {
		for k := range gW {
			clear(gW[k])
		}
		clear(gb)
		for s, x := range X {
			softmax(p, W, b, x)
			for k := range p {
				g := p[k]
				if k == samples[s].Level {
					g--
				}
				if g == 0 {
					continue
				}
				gb[k] += g
				row := gW[k]
				for i, v := range x {
					row[i] += g * v
				}
			}
		}
		for k := range W {
			b[k] -= calibrateRate * gb[k] / float64(n)
			for i := range W[k] {
				W[k][i] -= calibrateRate * (gW[k][i]/float64(n) + lambda*W[k][i])
			}
		}
	}
	out.Intercepts = make([]float64, K)
	for k := range b {
		out.Intercepts[k] = round6(b[k])
	}
	for i := range out.Features {
		out.Features[i].Weights = make([]float64, K)
		for k := range W {
			out.Features[i].Weights[k] = round6(W[k][i])
		}
	}
	out.TreeBase, out.Trees = boost(raw, y, K)
	for k := range out.TreeBase {
		out.TreeBase[k] = round6(out.TreeBase[k])
	}
	return &out, nil
}

// softmax sets p to the model's probabilities for x.
func softmax(p []float64, W [][]float64, b, x []float64) {
	for k := range p {
		z := b[k]
		for i, v := range x {
			z += W[k][i] * v
		}
		p[k] = z
	}
	softmaxScores(p, p)
}

// softmaxScores sets p to the probabilities of the levels' scores.
func softmaxScores(p, scores []float64) {
	top := math.Inf(-1)
	for k, z := range scores {
		p[k] = z
		top = max(top, z)
	}
	var sum float64
	for k := range p {
		p[k] = math.Exp(p[k] - top)
		sum += p[k]
	}
	for k := range p {
		p[k] /= sum
	}
}

func round6(v float64) float64 { return math.Round(v*1e6) / 1e6 }

// YAML writes the model as the rubric's level_model block, one feature a
// line, so that a calibrated model can replace the block in a rubric file
// without disturbing the rest of it.
func (m *LevelModel) YAML() string {
	var b strings.Builder
	b.WriteString("level_model:\n")
	if m.Description != "" {
		fmt.Fprintf(&b, "  description: %s\n", strconv.Quote(m.Description))
	}
	if len(m.Intercepts) > 0 {
		fmt.Fprintf(&b, "  intercepts: %s\n", floats(m.Intercepts))
	}
	b.WriteString("  features:\n")
	for _, f := range m.Features {
		switch {
		case f.Cue != "":
			fmt.Fprintf(&b, "    - {cue: %s", strconv.Quote(f.Cue))
		case f.Fact != "":
			fmt.Fprintf(&b, "    - {fact: %s, mean: %s, sd: %s", f.Fact, num(f.Mean), num(f.SD))
		case f.Indicator != "":
			fmt.Fprintf(&b, "    - {indicator: %s", f.Indicator)
		case f.Undone != "":
			fmt.Fprintf(&b, "    - {undone: %s", f.Undone)
		default:
			fmt.Fprintf(&b, "    - {theme: %s", f.Theme)
		}
		if len(f.Weights) > 0 {
			fmt.Fprintf(&b, ", weights: %s", floats(f.Weights))
		}
		b.WriteString("}\n")
	}
	if len(m.Trees) > 0 {
		fmt.Fprintf(&b, "  tree_base: %s\n", floats(m.TreeBase))
		b.WriteString("  trees:\n")
		for _, t := range m.Trees {
			fmt.Fprintf(&b, "    - {level: %d, nodes: %s}\n", t.Level, floats(t.Nodes))
		}
	}
	return b.String()
}

func num(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

func floats(vs []float64) string {
	parts := make([]string, len(vs))
	for i, v := range vs {
		parts[i] = num(v)
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

// ReplaceLevelModel returns a rubric file's text with its level_model
// block (from a line "level_model:" to the next top-level key) replaced
// by block, or with block appended when it has none.
func ReplaceLevelModel(text, block string) string { return ReplaceBlock(text, "level_model", block) }

// ReplaceBlock returns a rubric file's text with its top-level block key
// (from a line "key:" to the next top-level key) replaced by block, or
// with block appended when it has none. An empty block removes it.
func ReplaceBlock(text, key, block string) string {
	lines := strings.SplitAfter(text, "\n")
	start := -1
	for i, l := range lines {
		if strings.HasPrefix(l, key+":") {
			start = i
			break
		}
	}
	if start < 0 {
		if text != "" && !strings.HasSuffix(text, "\n") && block != "" {
			text += "\n"
		}
		return text + block
	}
	end := start + 1
	for end < len(lines) {
		l := lines[end]
		if l != "" && l != "\n" && l[0] != ' ' && l[0] != '\t' {
			break
		}
		end++
	}
	// the blank lines before the next block stay
	for end > start+1 && end < len(lines) && lines[end-1] == "\n" {
		end--
	}
	return strings.Join(lines[:start], "") + block + strings.Join(lines[end:], "")
}

// factPhrase says a fact's count in words: "3 indicators with action".
func factPhrase(fact string, n int) string {
	what, ok := map[string]string{
		"indicators": "indicator evidenced", "action_indicators": "indicator with action",
		"full_action_indicators": "indicator beyond a pilot", "outcome_indicators": "indicator with outcomes",
		"corroborated_indicators": "indicator told more than once", "owned_indicators": "indicator owned",
		"documents": "document", "periods": "period", "action_sentences": "sentence of action",
		"negated_sentences": "negated sentence", "evidence_sentences": "evidence sentence",
		"undone_indicators": "indicator later undone", "withdrawn_indicators": "indicator later withdrawn",
	}[fact]
	if !ok {
		return fmt.Sprintf("%s %d", strings.ReplaceAll(fact, "_", " "), n)
	}
	if n != 1 {
		head, rest, _ := strings.Cut(what, " ")
		what = strings.TrimSpace(head + "s " + rest)
	}
	return fmt.Sprintf("%d %s", n, what)
}

// decideLevel is the level a model gives from its probabilities: the
// median, the lowest level with at least half the chance at or below it,
// which is the level nearest, on average, to where the model thinks the
// reader's lies. The likeliest level alone is sometimes two from a
// reader's where the model is split between two levels with one between
// them; a board reads a level two out as a different organisation. With
// each development corpus left out in turn (1,924 levels, nineteenth
// session), the median agreed with readers as often as the likeliest
// level (78.5%), with kappa 0.920 against 0.916 and 15 levels two apart
// against 25. Where the median is not the likeliest level, the reason
// given says so and shows the spread.
func decideLevel(probs []float64) int {
	var below float64
	for k, p := range probs {
		if below += p; below >= 0.5 {
			return k
		}
	}
	return len(probs) - 1
}
