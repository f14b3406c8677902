// Package score turns evidence into a maturity level per theme, per
// organisation and per period, by the rubric's level rules. A level comes
// from what the evidence shows (which indicators, how strong, owned, how
// sustained), never from how often words recur.
package score

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"time"

	"github.com/anchorscore/anchorscore/pipeline/discover"
	"github.com/anchorscore/anchorscore/pipeline/doc"
	"github.com/anchorscore/anchorscore/rubric"
)

// Doc is what scoring needs to know of a document that was read.
type Doc struct {
	Path         string // as shown in outputs
	Organisation string
	Period       string
	Date         time.Time
}

// Item is one piece of evidence and the document it came from.
type Item struct {
	doc.Evidence
	Doc int // index into the docs given to Score
}

// Indicator is how one indicator stands for one organisation and period.
type Indicator struct {
	ID        string
	Strength  doc.Strength // best strength of the evidence that counts; 0 when none
	Positive  int          // sentences that speak for it
	Negated   int          // sentences that speak against it
	Owned     bool
	Full      bool  // has action or outcome evidence that is not a pilot or partial step
	Undone    bool  // negated after what was done: stalled or ended
	Withdrawn bool  // undone by an explicit end ("stood down", "withdrawn"), which lowers the theme's level
	Items     []int // indices into the items given to Score, best first
}

// Theme is the scored level of one theme.
type Theme struct {
	Organisation, Period, Theme string
	Level                       int
	LevelName                   string
	Score                       int // 0-100
	IndicatorsEvidenced         int
	EvidenceCount               int
	Rule                        string // the rule that decided the level, and the facts that met it
	RuleLevel                   int    // the level rules' own level, before any calibrated level model
	// Probability is the calibrated level model's probability of Level
	// (0 where the rules alone decided it): how clear a case it is.
	Probability float64
	NextLevel   int // the level model's next most likely level
	Facts       rubric.Facts
	Indicators  []Indicator
}

// Score scores every organisation for every period its documents fall in,
// and for all periods together (period "all"), in a stable order:
// organisation, period (dated periods in order, then undated, then all),
// then the rubric's theme order.
func Score(r *rubric.Compiled, docs []Doc, items []Item) []Theme {
	orgPeriods := map[string]map[string]bool{}
	for _, d := range docs {
		if orgPeriods[d.Organisation] == nil {
			orgPeriods[d.Organisation] = map[string]bool{}
		}
		orgPeriods[d.Organisation][d.Period] = true
	}
	orgs := make([]string, 0, len(orgPeriods))
	for o := range orgPeriods {
		orgs = append(orgs, o)
	}
	sort.Strings(orgs)

	byOrg := map[string][]int{}
	for i, it := range items {
		o := docs[it.Doc].Organisation
		byOrg[o] = append(byOrg[o], i)
	}
	var out []Theme
	for _, org := range orgs {
		periods := make([]string, 0, len(orgPeriods[org])+1)
		for p := range orgPeriods[org] {
			if p != discover.PeriodAll {
				periods = append(periods, p)
			}
		}
		sort.Slice(periods, func(i, j int) bool { return periodLess(periods[i], periods[j]) })
		periods = append(periods, discover.PeriodAll)
		for _, period := range periods {
			var sel []int
			for _, i := range byOrg[org] {
				if period == discover.PeriodAll || docs[items[i].Doc].Period == period {
					sel = append(sel, i)
				}
			}
			available := 0
			for _, d := range docs {
				if d.Organisation == org && (period == discover.PeriodAll || d.Period == period) {
					available++
				}
			}
			for _, th := range r.Themes {
				out = append(out, scoreTheme(r, th, org, period, docs, items, sel, available))
			}
		}
	}
	return out
}

func periodLess(a, b string) bool {
	rank := func(p string) int {
		if p == discover.Undated {
			return 1
		}
		return 0
	}
	if rank(a) != rank(b) {
		return rank(a) < rank(b)
	}
	return a < b
}

// scoreTheme scores one theme from the evidence sel selects; available is
// how many documents the organisation has in the period.
func scoreTheme(r *rubric.Compiled, th rubric.Theme, org, period string, docs []Doc, items []Item, sel []int, available int) Theme {
	t := Theme{Organisation: org, Period: period, Theme: th.ID}
	docsWith := map[int]bool{}
	periodsWith := map[string]bool{}
	var weights, earned float64
	counts := struct{ any, action, full, outcome, owned, actionEvidence, corroborated int }{}
	var lowered []string
	repeat := repeats(items, sel)
	distinct := 0 // evidence sentences, each wording counted once
	for _, in := range th.Indicators {
		ind := Indicator{ID: in.ID}
		var latestPos, latestNeg *Item
		// A document that calls the work a pilot, or a single instance,
		// says so of all it reports on this indicator.
		pilotIn := map[int]bool{}
		for _, i := range sel {
			if it := &items[i]; it.Indicator == in.ID && it.Partial && !it.Negated {
				pilotIn[it.Doc] = true
			}
		}
		for _, i := range sel {
			it := &items[i]
			if it.Indicator != in.ID {
				continue
			}
			t.EvidenceCount++
			if !repeat[i] {
				distinct++
			}
			ind.Items = append(ind.Items, i)
			if it.Negated {
				ind.Negated++
				if latestNeg == nil || later(docs, it, latestNeg) {
					latestNeg = it
				}
				continue
			}
			ind.Positive++
			ind.Strength = max(ind.Strength, it.Strength)
			ind.Owned = ind.Owned || it.Owned
			ind.Full = ind.Full || it.Strength >= doc.Action && !it.Partial && !pilotIn[it.Doc]
			docsWith[it.Doc] = true
			periodsWith[docs[it.Doc].Period] = true
			// Only something done can outlast its undoing: a later plan
			// or request does not restore it.
			if it.Strength >= doc.Action && (latestPos == nil || later(docs, it, latestPos)) {
				latestPos = it
			}
		}
		if latestPos != nil && latestNeg != nil && later(docs, latestNeg, latestPos) {
			// What was done was later undone. The indicator keeps what it
			// had reached. An explicit end ("stood down", "withdrawn")
			// lowers the theme's level by one from there, as a careful
			// reader puts it ("peak of 3, lowered by the wind-down"); a
			// stall ("has not met since") is flagged for the board but
			// does not undo what was done.
			ind.Undone = true
			end := latestNeg
			for _, i := range sel {
				if it := &items[i]; it.Indicator == in.ID && it.Negated && it.Withdrawn && later(docs, it, latestPos) && (!end.Withdrawn || later(docs, it, end)) {
					end = it
				}
			}
			if ind.Withdrawn = end.Withdrawn; ind.Withdrawn {
				lowered = append(lowered, fmt.Sprintf("%s withdrawn (%s, %s)", in.ID, docs[end.Doc].Path, end.Location()))
			}
		}
		sort.SliceStable(ind.Items, func(a, b int) bool { return better(&items[ind.Items[a]], &items[ind.Items[b]]) })
		acts := 0 // sentences of action or outcome that speak for it
		for _, i := range ind.Items {
			if it := &items[i]; !it.Negated && it.Strength >= doc.Action && !repeat[i] {
				acts++
			}
		}
		// Work later undone that the papers more often say is not in
		// place than say is ("no executive lead has yet been named", told
		// three times against one board discussion) stands at intent: the
		// reader takes the organisation at its latest and most repeated
		// word. A single stall after much done does not undo it.
		if ind.Strength >= doc.Action && ind.Undone && !ind.Withdrawn && ind.Negated > acts {
			ind.Strength = doc.Intent
		}
		w := in.Weight
		if w == 0 {
			w = 1
		}
		weights += w
		if ind.Strength >= doc.Action {
			counts.actionEvidence += acts
			if acts > 1 {
				counts.corroborated++
			}
		}
		if ind.Strength > 0 {
			counts.any++
			earned += w * float64(ind.Strength) / float64(doc.Outcome)
			if ind.Strength >= doc.Action {
				counts.action++
				if ind.Full {
					counts.full++
				}
			}
			if ind.Strength == doc.Outcome {
				counts.outcome++
			}
			if ind.Owned {
				counts.owned++
			}
		}
		t.Indicators = append(t.Indicators, ind)
	}
	// An owner named for the organisation's anchor work (a board committee,
	// an executive lead) owns all of it: a theme with action but no owner
	// of its own counts one owned indicator when another theme names one.
	ownedElsewhere := false
	if counts.owned == 0 && counts.action > 0 {
		for _, i := range sel {
			if it := &items[i]; !it.Negated && it.Owned && it.Strength >= doc.Action {
				counts.owned, ownedElsewhere = 1, true
				break
			}
		}
	}
	t.IndicatorsEvidenced = counts.any
	if weights > 0 {
		t.Score = int(math.Round(100 * earned / weights))
	}
	owned := fmt.Sprintf("%d owned", counts.owned)
	if ownedElsewhere {
		owned = "owned through the organisation's named lead"
	}
	facts := fmt.Sprintf("%d indicators evidenced (%d with action, %d beyond a pilot, %d with outcomes, %d with action in more than one sentence, %s), %d sentences of action, %d documents, %d periods",
		counts.any, counts.action, counts.full, counts.outcome, counts.corroborated, owned, counts.actionEvidence, len(docsWith), len(periodsWith))
	t.Rule = "no evidence found"
	for _, lr := range r.Rules(th.ID) {
		// A rule's documents count up to the documents the organisation
		// has in the period scored: a single annual report can still show
		// Developing work, though across several papers one paper's story
		// is an isolated mention.
		if lr.MinDocuments > available {
			lr.MinDocuments = available
		}
		if holds(lr, counts.any, counts.action, counts.full, counts.outcome, counts.owned, len(docsWith), len(periodsWith), t.Indicators) &&
			counts.actionEvidence >= lr.MinActionEvidence && counts.corroborated >= lr.MinCorroboratedIndicators {
			t.Level = lr.Level
			t.Rule = fmt.Sprintf("%s: %s; found %s", r.LevelName(lr.Level), lr.Rule, facts)
			break
		}
	}
	if t.Level > 1 && len(lowered) > 0 {
		t.Level--
		t.Rule += fmt.Sprintf("; lowered to %s: %s", r.LevelName(t.Level), strings.Join(lowered, "; "))
	}
	t.RuleLevel = t.Level
	negated, undone, withdrawn := 0, 0, 0
	strength, ended := map[string]doc.Strength{}, map[string]bool{}
	for _, ind := range t.Indicators {
		if ind.Strength > 0 {
			strength[ind.ID] = ind.Strength
		}
		if ind.Undone {
			ended[ind.ID] = true
		}
		for _, i := range ind.Items {
			if items[i].Negated && !repeat[i] {
				negated++
			}
		}
		if ind.Undone {
			undone++
		}
		if ind.Withdrawn {
			withdrawn++
		}
	}
	t.Facts = rubric.Facts{Indicators: counts.any, Action: counts.action, Full: counts.full, Outcome: counts.outcome,
		Corroborated: counts.corroborated, Owned: counts.owned, ActionSentences: counts.actionEvidence,
		Documents: len(docsWith), Periods: len(periodsWith), Negated: negated, Evidence: distinct,
		Undone: undone, Withdrawn: withdrawn, Strength: strength, Ended: ended}
	// A calibrated level model weighs the same facts with the words that
	// qualify the evidence; the rules' level and reason stay in the rule.
	if t.EvidenceCount > 0 && r.HasLevelModel() {
		if p, ok := r.PredictLevel(rubric.ModelInput{Theme: th.ID, Facts: t.Facts, Texts: t.Texts(items)}); ok {
			t.Rule = fmt.Sprintf("%s by the calibrated level model (%s); the level rules alone: %s", r.LevelName(p.Level), p.Why, t.Rule)
			t.Level = p.Level
			t.Probability, t.NextLevel = p.Probability, p.Next
		}
	}
	t.LevelName = r.LevelName(t.Level)
	return t
}

func holds(lr rubric.LevelRule, any, action, full, outcome, owned, docs, periods int, inds []Indicator) bool {
	if any < lr.MinIndicators || action < lr.MinActionIndicators || full < lr.MinFullActionIndicators || outcome < lr.MinOutcomeIndicators ||
		owned < lr.MinOwnedIndicators || docs < lr.MinDocuments || periods < lr.MinPeriods {
		return false
	}
	if len(lr.RequireAny) == 0 {
		return true
	}
	for _, id := range lr.RequireAny {
		for _, in := range inds {
			if in.ID == id && in.Strength >= doc.Action {
				return true
			}
		}
	}
	return false
}

// later reports whether a comes after b: by document date, then by the
// order of documents, then by position in the document.
func later(docs []Doc, a, b *Item) bool {
	da, db := docs[a.Doc].Date, docs[b.Doc].Date
	if !da.Equal(db) {
		return da.After(db)
	}
	if a.Doc != b.Doc {
		return a.Doc > b.Doc
	}
	return a.Index > b.Index
}

// better orders evidence for quoting: positive before negated, stronger
// first, heavier first, then document order.
func better(a, b *Item) bool {
	if a.Negated != b.Negated {
		return !a.Negated
	}
	if a.Strength != b.Strength {
		return a.Strength > b.Strength
	}
	if a.Weight != b.Weight {
		return a.Weight > b.Weight
	}
	if a.Doc != b.Doc {
		return a.Doc < b.Doc
	}
	return a.Index < b.Index
}

// Texts are the sentences of the theme's evidence, by indicator, each
// wording once; items are those given to Score.
func (t *Theme) Texts(items []Item) []string {
	texts := make([]string, 0, t.EvidenceCount)
	seen := map[string]bool{}
	for _, ind := range t.Indicators {
		for _, i := range ind.Items {
			if k := wording(items[i].Text); !seen[k] {
				seen[k] = true
				texts = append(texts, items[i].Text)
			}
		}
	}
	return texts
}

// repeats marks the selected evidence that repeats, word for word and for
// the same indicator, evidence selected before it. A careful reader takes
// a sentence told again (a mission statement in every chapter, a paper
// tabled twice, a risk row in every pack) as one piece of evidence, so a
// repeat counts once towards what the level reads: how much of the
// evidence is action, negated or qualified, and whether more than one
// sentence speaks for an indicator. It stays in the evidence quoted, and
// it still places the work in time.
func repeats(items []Item, sel []int) map[int]bool {
	repeat := map[int]bool{}
	seen := map[[2]string]bool{}
	for _, i := range sel {
		k := [2]string{items[i].Indicator, wording(items[i].Text)}
		repeat[i] = seen[k]
		seen[k] = true
	}
	return repeat
}

// wording is a sentence as a repeat of it reads: lower case, spaces
// collapsed.
func wording(s string) string { return strings.Join(strings.Fields(strings.ToLower(s)), " ") }
