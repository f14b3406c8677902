package rubric

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/anchorscore/anchorscore/pipeline/doc"
	"github.com/jdkato/prose/v2"
)

// NearMiss is a sentence that matched an indicator's pattern but was
// turned away, with the reason: what `anchorscore explain` shows so an
// analyst can see why a sentence did not count.
type NearMiss struct {
	doc.Sentence
	Theme, Indicator string
	Reason           string
	Matched          []doc.Span
}

// Result is what matching one document finds.
type Result struct {
	Evidence   []doc.Evidence
	NearMisses []NearMiss
}

// analysed is a sentence with its tokens and term hits.
type analysed struct {
	toks    []Token
	hits    []Hit
	present bitset // terms hit and not excluded
	// unmatched: the sentence hits no term, but the finding model reads
	// it as evidence (gate still to check)
	unmatched bool
}

type bitset []uint64

func (b bitset) set(i int)      { b[i/64] |= 1 << (i % 64) }
func (b bitset) has(i int) bool { return b[i/64]&(1<<(i%64)) != 0 }
func (b bitset) or(o bitset) {
	for i := range o {
		b[i] |= o[i]
	}
}
func (b bitset) any(ids []int) bool {
	for _, id := range ids {
		if b.has(id) {
			return true
		}
	}
	return false
}

// Match finds the evidence in one document's sentences, in sentence order.
// Near misses are collected only when explain is set. self lists the
// names, in lower case, by which the document's author calls itself where
// the rubric uses the same words for others: an ICB's papers call the ICB
// "the ICB", and there the word is the organisation, not the integrated
// care system it convenes. A term that spells only a self name does not
// count.
func (c *Compiled) Match(sents []doc.Sentence, explain bool, self ...string) Result {
	return c.MatchNamed(sents, explain, nil, self...)
}

// MatchNamed is Match for a document of an organisation whose evidence
// tells of pieces of work by their own names (named: the keys
// IntroducedNames gives for it). A careful reader carries what such a name
// means through every paper: where a sentence uses one of them, it reads
// as the rubric's named_work words ("Kindred Work closed at the end of
// March" as "anchor programme closed at the end of March"), and the name
// is what is shown as matched.
func (c *Compiled) MatchNamed(sents []doc.Sentence, explain bool, named []string, self ...string) Result {
	words := (len(c.terms.source) + 63) / 64
	nameWords := splitNames(named)
	an := make([]analysed, len(sents))
	blocks := map[int]bitset{}
	sections := map[section]bitset{}
	var scratch []Token
	var scratchHits []Hit
	var toks chunks[Token]
	var hits chunks[Hit]
	var bits chunks[uint64]
	for i := range sents {
		a := &an[i]
		// Most sentences hit no term: their tokens and hits go into
		// reused buffers, and only a sentence with hits keeps them, in
		// chunks shared by many sentences rather than slices of its own.
		scratch = appendTokens(scratch[:0], sents[i].Text)
		if len(named) > 0 && len(c.namedAs) > 0 {
			scratch = c.readNames(scratch, nameWords, sents[i].Text)
		}
		scratchHits = dropSelf(c.terms.scan(scratch, scratchHits[:0]), scratch, self)
		if len(scratchHits) == 0 {
			// A sentence that hits no term can still be evidence in words
			// no pattern lists: the finding model reads it.
			if c.finder != nil {
				if in, _ := c.find(choiceWords(scratch)); in != nil {
					a.toks, a.present, a.unmatched = toks.keep(scratch), bits.zeros(words), true
				}
			}
			continue
		}
		a.toks, a.hits = toks.keep(scratch), hits.keep(scratchHits)
		a.present = bits.zeros(words)
		excl := c.hitsOf(a.hits, c.exclude)
		for _, h := range a.hits {
			if !overlapsAny(h, excl) {
				a.present.set(h.Term)
			}
		}
		orInto(blocks, sents[i].Block, a.present, words)
		orInto(sections, sectionKey(sents[i]), a.present, words)
	}

	planned := c.plannedLists(sents, an)
	var res Result
	var found []match
	headings := headingCues{}
	// The indicator a paragraph has been speaking of, and where: a short
	// qualification after it ("It was a one-off pilot.", "No budget has
	// been set.") speaks of the same work though it names none of it.
	var topic *indicator
	var topicWords []Token // the words that matched it
	topicAt := -1
	// The terms of each section's sentences before the one being read.
	soFar := map[section]bitset{}
	for i := range sents {
		a := &an[i]
		if i > 0 && an[i-1].present != nil {
			orInto(soFar, sectionKey(sents[i-1]), an[i-1].present, words)
		}
		if topicAt >= 0 && sents[i].Block != sents[topicAt].Block {
			topic, topicAt, topicWords = nil, -1, nil
		}
		if len(a.hits) == 0 && !a.unmatched {
			continue
		}
		head := headings.of(c, sents[i].Section, words)
		// A question ("Is the green champions group still running?") asks
		// about anchor work, and a glossary spells out its acronyms; neither
		// is evidence of it. A question still sets the paragraph's topic
		// for the answer after it.
		reason := notAStatement(sents[i].Text, a.toks)
		if reason == "" && contentsList(sents[i].Section) {
			reason = "a list of contents, not a statement"
		}
		if reason != "" {
			if explain {
				res.NearMisses = append(res.NearMisses, NearMiss{Sentence: sents[i], Reason: reason})
			}
			if m := c.bestMatch(a, blocks[sents[i].Block], sections[sectionKey(sents[i])], head.terms); m != nil {
				topic, topicAt, topicWords = m.in, i, hitTokens(a.toks, m.hits)
			}
			continue
		}
		found = found[:0]
		for _, in := range c.indicators {
			m, reason := c.matchIndicator(in, a, blocks[sents[i].Block], sections[sectionKey(sents[i])], head.terms)
			if m == nil {
				if explain && reason != "" {
					res.NearMisses = append(res.NearMisses, NearMiss{Sentence: sents[i], Theme: in.Theme, Indicator: in.ID, Reason: reason})
				}
				continue
			}
			found = append(found, *m)
		}
		if len(found) == 0 && topic != nil && i-topicAt <= maxQualifierGap && refersBack(a.toks, topicWords) {
			if ev, ok := c.qualifier(sents[i], a, topic); ok {
				res.Evidence = append(res.Evidence, ev)
			}
			continue
		}
		if c.onChoice != nil {
			c.onChoice(a.toks, found)
		}
		chosen := ""
		if len(found) == 0 && c.finder != nil {
			m, why := c.foundByModel(a, blocks[sents[i].Block], sections[sectionKey(sents[i])])
			if m != nil {
				found, chosen = append(found, *m), why
				if !explain {
					chosen = ""
				}
			} else if explain && why != "" {
				res.NearMisses = append(res.NearMisses, NearMiss{Sentence: sents[i], Reason: why})
			}
		}
		if !c.MultiCode && len(found) > 1 {
			var best match
			if c.choice != nil {
				best = found[c.choice.choose(choiceWords(a.toks), found, len(c.indicators))]
			} else {
				best = found[patternChoice(found)]
			}
			if explain {
				chosen = c.whyChosen(a.toks, found, best)
			}
			found = append(found[:0], best)
		}
		// The patterns saw one theme's words where the finding model is
		// sure the sentence tells of another theme's work.
		if len(found) == 1 {
			if m, why := c.refiled(a, found[0]); m != nil {
				found[0] = *m
				if explain {
					chosen = why
				}
			}
		}
		if len(found) == 0 {
			continue
		}
		strength := c.strength(a, sents[i].Text)
		// A bare label under a heading of plans ("Five areas we will
		// explore", "Next steps") is one of those plans, and so is any
		// sentence under it that does not say the thing is done ("4. HOW
		// WE WILL RUN THE PROGRAMME" over "Budget: GBP 420,000 a year for
		// three years"): readers of strategies put up for approval call
		// such descriptions plans.
		if strength == doc.Action && head.intent && (len(a.toks) <= maxLabel && verbless(sents[i].Text) || !toldDone(a.toks, sents[i].Text)) {
			strength = doc.Intent
		}
		// A row of an action log ("24/09a | First quarterly anchor
		// dashboard to the Committee | Director | Oct 2025") is a thing
		// still to do until the row says it is done: readers called 95 of
		// 100 such open rows intent.
		if strength != doc.Intent && actionLogRow.MatchString(sents[i].Text) && !rowDone.MatchString(sents[i].Text) {
			strength = doc.Intent
		}
		// A heading, a bare label or a cover sheet's title names a topic:
		// the evidence is in what is written under it. Its figures ("Year
		// two review", "six-monthly progress report") measure nothing.
		// A cover sheet's field is never evidence, whatever its strength.
		cover, author := coverField(sents[i].Text)
		item := itemTitle(sents[i].Text)
		cover = cover && (author || !a.present.any(c.ownership) || !ownerField.MatchString(sents[i].Text))
		// A cover sheet's "Executive lead: | Dr Hale, Director of
		// Partnerships" names the lead of the paper it heads: a named
		// lead for anchor work only when the paper is about that work,
		// as its heading or the cover sheet above the line ("Title: |
		// The Anchor Charter") says. Readers of the audits rejected such
		// lines on papers about procurement, performance or a
		// collaboration that named social value further down (87 of 176
		// judged).
		paperLead := false
		if !cover && leadField(sents[i].Text) && len(found[0].in.gate) > 0 {
			above := soFar[sectionKey(sents[i])]
			paperLead = (head.terms == nil || !head.terms.any(found[0].in.gate)) && (above == nil || !above.any(found[0].in.gate))
		}
		if cover || paperLead || item || (strength >= doc.Action || ownHeading(sents[i])) && topicLabel(sents[i], a, c) {
			if explain {
				reason := "a heading or label: it names a topic, not what was done"
				switch {
				case cover:
					reason = "a cover sheet's field: it says what the paper is, who wrote it or where it has been"
				case paperLead:
					reason = "a cover sheet's lead of a paper whose heading is not about anchor work"
				case item:
					reason = "an agenda item's title: the minute under it says what was done"
				}
				res.NearMisses = append(res.NearMisses, NearMiss{Sentence: sents[i], Theme: found[0].in.Theme, Indicator: found[0].in.ID, Reason: reason})
			}
			continue
		}
		// A table's header row names its columns; the rows under it are
		// the evidence, a header of measures and baselines too: readers
		// rejected every one quoted (36 of 36 in fixtures/audits).
		if tableHeader(sents, i) {
			if explain {
				res.NearMisses = append(res.NearMisses, NearMiss{Sentence: sents[i], Theme: found[0].in.Theme, Indicator: found[0].in.ID,
					Reason: "a table's header row: it names the columns, not what was done"})
			}
			continue
		}
		// A row of a table of measures whose only figures are under its
		// baseline and target columns ("Tenders with social value
		// weighting | 0% | 100%") sets an aim; it reports no result.
		if targetRow(sents, i) {
			strength = doc.Intent
			// and it belongs to the rubric's indicator of measures, if
			// it has one, whatever its topic
			if c.measures != nil {
				found = append(found[:0], match{hits: found[0].hits, weight: 1, in: c.measures})
			}
		}
		// A row of a table of measures with figures in two or more of its
		// columns ("Green champions (active) | 74 | 53 | 70") tracks a
		// measure over time or against its target: readers took such rows
		// for results (405 of 512 the rules had as action in
		// fixtures/audits).
		if strength == doc.Action && resultRow(sents[i].Text) {
			strength = doc.Outcome
		}
		// An item of a list that a plan opens ("The steering group
		// proposed: - to launch a cycle to work scheme; ...") is one of
		// the plans, whatever its own words.
		if planned[sents[i].Block] {
			strength = doc.Intent
		}
		for _, m := range found {
			in := m.in
			// The weight is rounded to six places, so that 0.75 x 1.2 reads 0.9
			// in the outputs rather than 0.8999999999999999.
			ev := doc.Evidence{Sentence: sents[i], Theme: in.Theme, Indicator: in.ID, Weight: math.Round(m.weight*in.weight*1e6) / 1e6, Strength: strength}
			ev.Negated, ev.Withdrawn = c.negated(a, sents[i].Text, m.hits)
			ev.Negated = ev.Negated || strength == doc.Intent && c.unmet(a, sents[i].Text, m.hits)
			// Evidence outlives its document: a copy of the sentence keeps
			// the document's whole text from being held with it.
			ev.Text, ev.Section = strings.Clone(ev.Text), strings.Clone(ev.Section)
			for _, h := range m.hits {
				ev.Matched = append(ev.Matched, span(a.toks, h))
			}
			ev.Chosen = chosen
			ev.Owned = a.present.any(c.ownership)
			ev.Partial = a.present.any(c.partial)
			res.Evidence = append(res.Evidence, ev)
		}
		topic, topicAt, topicWords = found[0].in, i, hitTokens(a.toks, found[0].hits)
	}
	return res
}

// maxQualifierGap is how many sentences after a paragraph's last evidence
// a qualification of it may come.
const maxQualifierGap = 2

// backWords open a sentence that speaks of what came before it ("It was
// a one-off pilot", "There is no budget", "No lead has been named") or
// is the organisation speaking of its own work ("We have not set
// targets").
var backWords = map[string]bool{"this": true, "it": true, "these": true, "they": true, "that": true, "those": true, "there": true,
	"no": true, "none": true, "neither": true, "nobody": true, "such": true, "both": true, "we": true, "our": true}

// refersBack reports whether a sentence speaks of the evidence before
// it: it opens with a word that points back, or repeats a word that made
// that evidence ("... sign the ICS Anchor Charter. The charter has not
// been signed."). Without this, any ordinary business that follows
// evidence in a long paragraph ("Officers confirmed that no further
// financial flexibilities are available") would qualify it.
func refersBack(toks, matched []Token) bool {
	if len(toks) == 0 {
		return false
	}
	if backWords[toks[0].Lower] {
		return true
	}
	for _, t := range toks {
		if len(t.Lower) < 5 || t.Num || broadWords[t.Stem] {
			continue
		}
		for _, m := range matched {
			if m.Stem == t.Stem {
				return true
			}
		}
	}
	return false
}

// hitTokens are the tokens a match's hits cover.
func hitTokens(toks []Token, hits []Hit) []Token {
	var out []Token
	for _, h := range hits {
		out = append(out, toks[h.Start:h.End]...)
	}
	return out
}

// broadWords (stems) name too much of a trust's business to tie a
// sentence to the evidence before it.
var broadWords = map[string]bool{"strategi": true, "programm": true, "plan": true, "network": true, "director": true, "board": true,
	"committe": true, "staff": true, "servic": true, "partner": true, "integr": true, "system": true, "leader": true}

// bestMatch is the indicator a sentence matches best, if any.
func (c *Compiled) bestMatch(a *analysed, block, section, topic bitset) *match {
	var best *match
	for _, in := range c.indicators {
		if m, _ := c.matchIndicator(in, a, block, section, topic); m != nil && (best == nil || m.beats(*best)) {
			best = m
		}
	}
	return best
}

// qualifier reads a sentence that names no indicator but follows evidence
// in its paragraph, as a careful reader does: a statement that the work
// is a pilot or a single instance ("It was a one-off pilot.", "This is a
// single event.") or that part of it is not done ("There is no budget or
// lead at this stage.", "The charter has not been signed.") is evidence
// of the paragraph's indicator, partial or negated. Readers decide levels
// on these sentences (the expected levels' reasons quote them), and a
// board reading the evidence should see them beside what they qualify.
func (c *Compiled) qualifier(s doc.Sentence, a *analysed, topic *indicator) (doc.Evidence, bool) {
	partial := a.present.any(c.partial)
	whole := []Hit{{Start: 0, End: len(a.toks)}}
	negated, withdrawn := c.negated(a, s.Text, whole)
	if !partial && !negated {
		return doc.Evidence{}, false
	}
	if cover, _ := coverField(s.Text); cover {
		return doc.Evidence{}, false
	}
	// A negated qualification has the strength of what it says is not
	// done ("No lead has been identified": the naming of a lead, action),
	// as for any negated evidence; most readers of the evidence in
	// context judged it so (fixtures/audits).
	strength := c.strength(a, s.Text)
	ev := doc.Evidence{Sentence: s, Theme: topic.Theme, Indicator: topic.ID, Weight: topic.weight, Strength: strength,
		Negated: negated, Withdrawn: withdrawn, Partial: partial, Owned: a.present.any(c.ownership)}
	ev.Text, ev.Section = strings.Clone(ev.Text), strings.Clone(ev.Section)
	// The words that qualify are the ones shown as matched.
	var cues []Hit
	var from []Hit
	if partial {
		from = c.hitsOf(a.hits, c.partial)
	}
	if negated {
		pseudo := c.hitsOf(a.hits, c.neg.pseudo)
		for _, h := range append(c.hitsOf(a.hits, c.neg.before), c.hitsOf(a.hits, c.neg.after)...) {
			if !overlapsAny(h, pseudo) {
				from = append(from, h)
			}
		}
	}
	for _, h := range from {
		if !overlapsAny(h, cues) {
			cues = append(cues, h)
		}
	}
	sort.Slice(cues, func(i, j int) bool { return cues[i].Start < cues[j].Start })
	for _, h := range cues {
		ev.Matched = append(ev.Matched, span(a.toks, h))
	}
	return ev, true
}

// topicLabel reports whether a sentence is a heading or a bare label
// ("Green champions.", "4.2 Anchor Charter.", "Buying local: what your
// contracts do"): it names a topic and reports nothing done. Careful
// readers of the evidence the tool quoted from whole corpora rejected
// these as evidence (fixtures/audits); what is written under them is the
// evidence, and a heading's words still set the topic of the sentences
// under it. A label that states a fact stays evidence: a table
// row or cover-sheet field ("Author: | Sunita Rowe, Anchor Programme
// Lead"), a named role ("Tamsin Orrell, Head of Health and Wealth"), a
// figure ("Social value commitments: two apprenticeships, 30%"), and an
// item of a list ("industry placements for college students;"). A
// section's own heading is a label whatever figures it holds ("24/41
// Anchor Partnership: first-year report").
func topicLabel(s doc.Sentence, a *analysed, c *Compiled) bool {
	text := s.Text
	heading := ownHeading(s)
	// A short lead-in with nothing after it ("Progress reported:") and an
	// appendix's label ("Appendix A: Health and Wealth Strategy") say
	// nothing of their own.
	if t := strings.TrimSpace(text); strings.HasSuffix(t, ":") && len(a.toks) <= maxLeadIn || strings.HasPrefix(t, "Appendix ") && len(a.toks) <= maxHeading {
		return true
	}
	// A label that names an owner with the post ("Tamsin Orrell, Head of
	// Health and Wealth") says who holds it; the post's name alone
	// ("5.2 Anchor Programme Manager.") is a topic.
	if len(a.toks) > maxLabel && !(heading && len(a.toks) <= maxHeading) || strings.Contains(text, "|") || !heading && a.present.any(c.ownership) && strings.Contains(text, ",") {
		return false
	}
	body := strings.TrimSpace(strings.TrimLeft(text, " •·-–*\t0123456789."))
	if body == "" || strings.HasSuffix(body, ";") || strings.HasSuffix(body, ",") || !heading && strings.ContainsAny(body, "0123456789%£") {
		return false
	}
	if r, _ := utf8.DecodeRuneInString(body); unicode.IsLower(r) {
		return false
	}
	if heading {
		return headlineLike(text)
	}
	return !minuted(text) && labelLike(text)
}

// minuted reports whether a sentence records a decision in a minute's
// capitals ("The Board NOTED the freezing of the post", "APPROVED."): the
// tagger reads a word in capitals as a name, so a minute's short record
// would pass for a label. A heading in capitals throughout is not one.
func minuted(text string) bool {
	if strings.ToUpper(text) == text {
		return false
	}
	for _, w := range strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) }) {
		if len(w) >= 5 && strings.HasSuffix(w, "ED") && strings.ToUpper(w) == w {
			return true
		}
	}
	return false
}

// ownHeading reports whether a sentence is its section's heading.
func ownHeading(s doc.Sentence) bool {
	return s.Section != "" && (strings.TrimSpace(s.Text) == strings.TrimSpace(s.Section) || unnumbered(s.Text) == unnumbered(s.Section))
}

// tableHeader reports whether sents[i] is the header row of a table
// ("Area | Champions | Recent project", "Champions by location | March
// 2023 | March 2024"): the first of its table's rows, followed by a row
// with as many cells, with no cell that is a figure and no cell that
// reads as a sentence. Readers of the evidence rejected header rows as
// evidence (fixtures/audits); the rows under them are the evidence.
func tableHeader(sents []doc.Sentence, i int) bool {
	n := cellCount(sents[i].Text)
	if n < 2 || i+1 >= len(sents) || cellCount(sents[i+1].Text) != n || i > 0 && sents[i-1].Section == sents[i].Section && cellCount(sents[i-1].Text) == n {
		return false
	}
	// A row of two is a header only when its cells read as column names
	// ("Staff group | Champions") over a row of figures; "Joanne Pell |
	// Social Value Lead" is a name and its post.
	if n < minHeaderCells && !(labelCells(sents[i].Text) && hasFigureCell(sents[i+1].Text)) {
		return false
	}
	for _, cell := range strings.Split(sents[i].Text, "|") {
		cell = strings.TrimSpace(cell)
		if cell == "" || len(strings.Fields(cell)) > maxHeaderCell || strings.HasSuffix(cell, ".") || figureCell(cell) {
			return false
		}
	}
	return true
}

// labelCells reports whether every cell of a row is a short column name:
// at most three words, with no capital after the first ("Staff group",
// "Champions"), as a person's name or a post's title has.
func labelCells(text string) bool {
	for _, cell := range strings.Split(text, "|") {
		f := strings.Fields(cell)
		if len(f) == 0 || len(f) > 3 || figureCell(cell) {
			return false
		}
		for _, w := range f[1:] {
			if unicode.IsUpper(firstRune(w)) {
				return false
			}
		}
	}
	return true
}

func hasFigureCell(text string) bool {
	for _, cell := range strings.Split(text, "|") {
		if c := strings.TrimSpace(cell); c != "" && figureCell(c) {
			return true
		}
	}
	return false
}

// A header row has at least minHeaderCells cells: a row of two ("Joanne
// Pell | Social Value Lead") is as often a name and its post, which is
// evidence. maxHeaderCell is the most words one of its cells can have.
const (
	minHeaderCells = 3
	maxHeaderCell  = 8
)

// targetRow reports whether sents[i] is a row of a table of measures
// that gives only a baseline and a target: every figure in it sits under
// a header cell that names a baseline or a target ("Measure | Baseline
// 2023/24 | Target 2027/28"). A row with a figure under a year or an
// "actual" column reports a result and is not one.
func targetRow(sents []doc.Sentence, i int) bool {
	n := cellCount(sents[i].Text)
	if n < minHeaderCells {
		return false
	}
	// The header is the first row of the run of rows with as many cells
	// (tableHeader asks that of it), looked for no further back than
	// maxTableRows, so that a table flattened into thousands of rows
	// costs no more per row.
	h := i
	for h > 0 && i-h < maxTableRows && sents[h-1].Section == sents[i].Section && cellCount(sents[h-1].Text) == n {
		h--
	}
	if h == i || !tableHeader(sents, h) {
		return false
	}
	cells, header := strings.Split(sents[i].Text, "|"), strings.Split(sents[h].Text, "|")
	targets := 0
	for k, cell := range cells[1:] {
		cell = strings.TrimSpace(cell)
		if cell == "" || emptyCell[strings.ToLower(cell)] || !strings.ContainsAny(cell, "0123456789") {
			continue
		}
		col := strings.ToLower(header[k+1])
		switch {
		case targetColumn.MatchString(col):
			targets++
		case strings.Contains(col, "baseline"):
		default:
			return false
		}
	}
	return targets > 0
}

// resultRow reports whether a table row gives figures in two or more of
// the columns after its label, none of them named as a baseline or a
// target.
func resultRow(text string) bool {
	// a row that names its own baseline or target columns sets an aim
	if lower := strings.ToLower(text); cellCount(text) < 3 || strings.Contains(lower, "baseline") || targetColumn.MatchString(lower) {
		return false
	}
	figures := 0
	for _, cell := range strings.Split(text, "|")[1:] {
		if c := strings.TrimSpace(cell); strings.ContainsAny(c, "0123456789") && figureCell(c) {
			figures++
		}
	}
	return figures >= 2
}

// maxTableRows is the most rows targetRow looks back for a header.
const maxTableRows = 60

// cellCount is the number of cells in a table row, 1 for a sentence.
func cellCount(text string) int { return strings.Count(text, "|") + 1 }

var (
	targetColumn = regexp.MustCompile(`\b(target|targets|ambition|aim|goal|trajectory|planned|plan|by (march |april )?20\d\d)\b`)
	emptyCell    = map[string]bool{"n/a": true, "-": true, "–": true, "tbc": true, "tbd": true, "none": true, "not yet": true, "to be set": true}
)

// figureCell reports whether a table cell is a figure: a number, a
// percentage or a sum, the value of a row rather than a column's name.
// A year or a financial year ("2024/25") can name a column.
func figureCell(cell string) bool {
	if yearCell.MatchString(cell) {
		return false
	}
	return strings.IndexFunc(cell, unicode.IsLetter) < 0 || strings.ContainsAny(cell, "%£$€")
}

var yearCell = regexp.MustCompile(`^((19|20)\d\d)([/-]\d\d(\d\d)?)?$`)

// unnumbered is a heading or sentence without its section number ("3.
// THE ANCHOR PROGRAMME" and "THE ANCHOR PROGRAMME" are one heading).
func unnumbered(text string) string {
	return strings.TrimSpace(strings.TrimLeft(text, " •·-–*\t0123456789."))
}

// itemTitle reports whether a line is an agenda item's reference and
// title ("BD/23/086 Anchor strategy: Rooted in Mockering 2023-2028",
// "25/38 Community wealth building: closure of the plan", "FPC 24/45
// Social value in procurement: annual report"): it names the item, plans
// and all, and the minute under it says what was done. Readers rejected
// every one quoted (24 of 24 in fixtures/audits); a minute that goes on
// to say something ("24/41 The Board received the report.") is longer or
// ends as a sentence does.
func itemTitle(text string) bool {
	t := strings.TrimSpace(text)
	if !itemRef.MatchString(t) || len(strings.Fields(t)) > maxItemTitle {
		return false
	}
	if !strings.HasSuffix(t, ".") {
		return true
	}
	// "TB/24/158 Anchor programme: future arrangements." is a title with a
	// full stop; "24/41 The Board received the anchor report." is a minute,
	// and so is "24/42 Anchor strategy: the Board approved it."
	topic, rest, ok := strings.Cut(t, ":")
	return ok && len(strings.Fields(topic)) <= maxLeadIn+1 && len(strings.Fields(rest)) <= maxLeadIn+2 && !minuteVerb.MatchString(rest)
}

var (
	itemRef    = regexp.MustCompile(`^(([A-Z&]{1,6}[ /-]?)?\d{1,4}/\d{1,4}(/\d{1,4})?[a-z]?\.?|(?i:agenda item|item)\s+\d{1,3}[a-z]?[.:]?)\s`)
	minuteVerb = regexp.MustCompile(`(?i)\b(approved|agreed|noted|received|resolved|endorsed|supported|discussed|asked|confirmed|decided|accepted|considered|reported|welcomed)\b`)
)

// maxItemTitle is the most words an agenda item's title line can have.
const maxItemTitle = 14

// maxLeadIn is the most words a lead-in ending in a colon can have and be
// read as a bare label.
const maxLeadIn = 6

// coverFields name the fields of a paper's cover sheet that say what the
// paper is about, not what was done: "Title: | Civic Role Programme:
// six-monthly report", "Link to strategy: | Pillar 5, an anchor in our
// community". Its author and presenter ("Author: | Carys Whitlow, Civic
// Role Programme Manager") say who wrote the paper; readers of the
// evidence rejected these as evidence (fixtures/audits), and the paper's
// own text tells of the post. A line that names an owner after its title
// ("Title: ... | Executive sponsor: ...") is not among them.
var coverFields = map[string]bool{
	"title": true, "report title": true, "paper title": true, "subject": true, "agenda item": true,
	"link to strategy": true, "link to strategic objectives": true, "link to strategic objective": true,
	"strategic objective": true, "strategic objectives": true, "strategic aim": true, "strategic aims": true,
	"strategic priority": true, "strategic priorities": true, "ics purpose": true, "ics purposes": true,
	"link to baf": true, "link to board assurance framework": true, "baf reference": true,
	"title of paper": true, "title of report": true, "name of paper": true, "item title": true,
	"paper": true, "conflicts": true, "conflicts of interest": true,
	"declarations of interest": true, "freedom of information": true, "foi status": true,
	// how sure the paper's author is, and the risks it links to
	"level of assurance": true, "assurance level": true, "assurance rating": true,
	"risk reference": true, "risk references": true, "risk register": true, "risk register reference": true,
	"partnership priority": true,
}

// authorFields name who wrote or presents a paper, whatever posts they
// hold, and where it has been before, whatever boards it names.
var authorFields = map[string]bool{
	"author": true, "authors": true, "report author": true, "report authors": true, "paper author": true, "paper authors": true,
	"prepared by": true, "report prepared by": true, "lead author": true, "author of paper": true, "author of report": true,
	"presented by": true, "presenter": true, "co-authors": true, "co-author": true, "co authors": true, "contributors": true,
	// where the paper has been before: the meetings it names are its route
	"previously considered": true, "previously considered by": true, "previous consideration": true, "previously discussed": true,
	"previously seen by": true, "committees consulted": true, "previous forums": true, "previous forum": true,
	"committee review": true, "reviewed by": true,
}

// ownerField finds a later field of a cover sheet's line that names an
// owner ("Title: Civic Role Programme | Executive sponsor: Dr Hale"): such
// a line is evidence of sponsorship. Ownership words inside the title
// itself ("annual progress report", "Board assurance") are not.
var ownerField = regexp.MustCompile(`(?i)\b(executive lead|executive sponsor|senior responsible (owner|officer)|sro|sponsor|lead director|lead executive|responsible director|responsible executive|accountable (director|executive|officer)|programme (lead|manager)|chair)\s*[:|]`)

// coverField reports whether a sentence is one of the coverFields and,
// if so, whether it is one of the authorFields. The field ends at a colon
// or at a table's first cell ("Prepared by | Workforce Information").
func coverField(text string) (cover, author bool) {
	cut := strings.IndexAny(text, ":|")
	if cut < 0 {
		return false, false
	}
	field := strings.ToLower(strings.TrimSpace(text[:cut]))
	if strings.HasPrefix(field, "link to ") {
		return true, false
	}
	return coverFields[field] || authorFields[field], authorFields[field]
}

// leadFields name a cover sheet's field that says who leads the paper.
var leadFields = map[string]bool{
	"executive lead": true, "executive sponsor": true, "lead executive": true, "lead director": true,
	"executive director": true, "responsible director": true, "responsible executive": true,
	"accountable director": true, "accountable executive": true, "sro": true, "executive lead (sro)": true,
	"senior responsible owner": true, "senior responsible officer": true, "director lead": true,
}

// leadField reports whether a sentence is a cover sheet's lead field
// ("Executive lead: | Dr Hale, Director of Partnerships", "Purpose: For
// information | Executive lead: Dr Hale"): a field of leadFields, a colon
// or a table's cell after it, and no more than a name and a post.
func leadField(text string) bool {
	if len(strings.Fields(text)) > 16 {
		return false
	}
	for _, part := range strings.Split(text, "|") {
		if cut := strings.IndexByte(part, ':'); cut >= 0 {
			if leadFields[strings.ToLower(strings.TrimSpace(part[:cut]))] {
				return true
			}
		}
	}
	cut := strings.IndexByte(text, '|')
	return cut >= 0 && leadFields[strings.ToLower(strings.TrimSpace(text[:cut]))]
}

// maxHeading is the most words a section heading can have and be read as
// a label.
const maxHeading = 20

// plannedLists finds the blocks that are items of a list opened by a
// plan: a paragraph that ends in a colon and states intent ("The Board is
// asked to approve the following:", "We will:", "The group proposed for
// 2024/25:"), and the paragraphs after it, in the same section, for as
// long as they read as list items (see listItem).
func (c *Compiled) plannedLists(sents []doc.Sentence, an []analysed) map[int]bool {
	var planned map[int]bool
	for i := 0; i < len(sents); i++ {
		text := strings.TrimSpace(sents[i].Text)
		last := i+1 == len(sents) || sents[i+1].Block != sents[i].Block
		if !last || !strings.HasSuffix(text, ":") || !c.statesIntent(&an[i], text) {
			continue
		}
		lead := sents[i]
		prevSemi := false
		for j := i + 1; j < len(sents); {
			if sents[j].Section != lead.Section {
				break
			}
			// The item's paragraph: its sentences j..k-1.
			k := j + 1
			for k < len(sents) && sents[k].Block == sents[j].Block {
				k++
			}
			item := strings.TrimSpace(sents[j].Text)
			for _, s := range sents[j+1 : k] {
				item += " " + strings.TrimSpace(s.Text)
			}
			if !listItem(item, prevSemi) {
				break
			}
			if planned == nil {
				planned = map[int]bool{}
			}
			planned[sents[j].Block] = true
			prevSemi = strings.HasSuffix(item, ";") || strings.HasSuffix(item, "; and") || strings.HasSuffix(item, "; or")
			i, j = k-1, k
		}
	}
	return planned
}

// maxListItem is the most words a paragraph can have and be read as a list
// item without a list item's punctuation.
const maxListItem = 25

// listItem reports whether a paragraph reads as an item of a list: it
// opens in lower case ("to launch a scheme"), ends as items do (";",
// ","), follows an item that ended so, or is a short phrase without a
// finite verb ("More local people in good jobs at the Trust.").
func listItem(text string, afterItem bool) bool {
	// A table's rows hold figures and names, not plans.
	if text == "" || strings.HasSuffix(text, ":") || strings.Contains(text, " | ") {
		return false
	}
	r, _ := utf8.DecodeRuneInString(text)
	switch {
	case unicode.IsLower(r), afterItem:
		return true
	case strings.HasSuffix(text, ";"), strings.HasSuffix(text, ","), strings.HasSuffix(text, "; and"), strings.HasSuffix(text, "; or"):
		return true
	}
	return len(strings.Fields(text)) <= maxListItem && !finite(text)
}

// statesIntent reports whether a sentence states intent by the rubric's
// cues. A sentence that hit no term of the rubric (its tokens were not
// kept) holds no cue of intent either.
func (c *Compiled) statesIntent(a *analysed, text string) bool {
	return a.toks != nil && c.strength(a, text) == doc.Intent
}

// plannedThing reports whether an intent cue names a thing rather than a
// plan: "planned" after a determiner ("the planned staff briefings did not
// take place": the sentence reports what became of the plan), a proposal
// that what was done followed ("following a proposal from the
// anaesthetists"), or a state that goes on ("continues to be available").
func plannedThing(toks []Token, h Hit) bool {
	if h.Start == 0 {
		return false
	}
	// a state that goes on: "continues to be available", "remains to be"
	if h.End-h.Start == 2 && toks[h.Start].Lower == "to" && toks[h.Start+1].Lower == "be" {
		switch toks[h.Start-1].Lower {
		case "continues", "continue", "continued", "remains", "remained", "appears", "proved", "proven", "used":
			return true
		}
		return false
	}
	if h.End-h.Start != 1 {
		return false
	}
	if goesOn(toks, h.Start) {
		return true
	}
	switch toks[h.Start].Lower {
	case "planned":
		switch toks[h.Start-1].Lower {
		case "the", "our", "a", "an", "its", "their", "this", "these", "his", "her":
			return true
		}
	case "proposal", "proposals", "request", "requests", "suggestion", "suggestions", "recommendation", "recommendations":
		// where what was done came from: "removed from all theatres,
		// following a proposal from consultant anaesthetists"
		if h.Start >= 2 {
			switch toks[h.Start-2].Lower + " " + toks[h.Start-1].Lower {
			case "following a", "following the", "after a", "after the", "following their", "following its", "response to":
				return true
			}
		}
	}
	return false
}

// goesOn reports whether the modal at i says that something in place
// goes on ("the network will continue", "would remain the executive
// lead"): readers of the audits called such sentences action 92 times
// and intent 41.
func goesOn(toks []Token, i int) bool {
	if !intentModals[toks[i].Lower] && toks[i].Lower != "would" || i+1 == len(toks) {
		return false
	}
	switch toks[i+1].Lower {
	case "continue", "remain", "stay":
		return true
	}
	return false
}

// maxLabel is the most words a fragment under a heading can have and
// still be taken for a label.
const maxLabel = 12

// headingCues remembers, for one document, what each section heading
// says: its terms, which are the topic of every sentence under it (a gate
// that asks for context in the sentence or paragraph also finds it there:
// "24/41 Health and Wealth Strategy" over "Ms Idowu presented the
// baseline measures"), and whether it states intent ("Next steps", "What
// we propose").
type headingCues map[string]heading

type heading struct {
	terms  bitset // nil when the heading holds no term
	intent bool
}

func (h headingCues) of(c *Compiled, text string, words int) heading {
	if text == "" {
		return heading{}
	}
	v, ok := h[text]
	if !ok {
		toks := Tokenize(text)
		hits := c.terms.scan(toks, nil)
		excl := c.hitsOf(hits, c.exclude)
		for _, hit := range hits {
			if overlapsAny(hit, excl) {
				continue
			}
			if v.terms == nil {
				v.terms = make(bitset, words)
			}
			v.terms.set(hit.Term)
		}
		v.intent = len(c.hitsOf(hits, c.intent)) > 0 || planHeading.MatchString(text)
		for _, t := range toks {
			v.intent = v.intent || intentModals[t.Lower]
		}
		h[text] = v
	}
	return v
}

// actionLogRow finds a table row that opens with an action's reference
// ("24/095 |", "A/23/032 |", "CWB-25-11 |"), not with a year ("2023/24 |").
var actionLogRow = regexp.MustCompile(`^\s*(?:[A-Z]{1,5}[-/ ]?)?\d{2}[-/.]\d{1,3}[a-z]?(?:[-/.]\d{1,3})?[a-z]?\s*\|`)

// rowDone finds an action log row's word for a thing done.
var rowDone = regexp.MustCompile(`(?i)\b(complete|completed|closed|done|achieved|delivered|in place|approved|signed|appointed|launched|noted|agreed|confirmed)\b`)

// planHeading finds a heading over what is yet to be done: "What happens
// next", "First-year milestones", "Delivery plan", "Timetable".
var planHeading = regexp.MustCompile(`(?i)\b(next|milestones?|timelines?|timetable|delivery plan|action plan|implementation plan|work ?plan|our plans?|plans for|forward plan|year ahead|coming year|looking ahead|priorities for)\b`)

// toldDone reports whether a sentence says that something has been done
// or is already in place: a verb in the past tense, a decision reported
// as taken ("APPROVED"), a perfect ("has appointed", "have met"), or words
// such as "already", "now", "currently", "since" and "to date".
func toldDone(toks []Token, text string) bool {
	for i, t := range toks {
		if decided[t.Lower] {
			return true
		}
		switch t.Lower {
		case "already", "now", "since", "currently", "continues", "continued", "remains", "last", "previously", "recently",
			"has", "have", "had", "was", "were":
			return true
		case "to":
			if i+1 < len(toks) && toks[i+1].Lower == "date" {
				return true
			}
		}
	}
	return anyTag("p", text, "VBD")
}

// chunks keeps many small slices in a few large allocations.
type chunks[T any] struct{ cur []T }

// keep returns a copy of s that shares its allocation with others.
func (c *chunks[T]) keep(s []T) []T {
	out := c.zeros(len(s))
	copy(out, s)
	return out
}

// zeros returns n zero values that share their allocation with others.
func (c *chunks[T]) zeros(n int) []T {
	if cap(c.cur)-len(c.cur) < n {
		c.cur = make([]T, 0, max(4096, n))
	}
	from := len(c.cur)
	c.cur = c.cur[:from+n]
	return c.cur[from : from+n : from+n]
}

// dropSelf removes the hits whose words are exactly one of the self names
// ("ICB", "ICB's", "Integrated Care Board").
func dropSelf(hits []Hit, toks []Token, self []string) []Hit {
	if len(self) == 0 {
		return hits
	}
	out := hits[:0]
	for _, h := range hits {
		words := make([]string, 0, h.End-h.Start)
		for _, t := range toks[h.Start:h.End] {
			words = append(words, t.Lower)
		}
		name := strings.TrimSuffix(strings.TrimSuffix(strings.Join(words, " "), "'s"), "’s")
		if !slices.Contains(self, name) {
			out = append(out, h)
		}
	}
	return out
}

func orInto[K comparable](m map[K]bitset, k K, b bitset, words int) {
	if m[k] == nil {
		m[k] = make(bitset, words)
	}
	m[k].or(b)
}

// section groups sentences under one heading; a paged document without
// headings counts each page as a section.
type section struct {
	heading string
	page    int
}

func sectionKey(s doc.Sentence) section {
	if s.Section != "" {
		return section{heading: s.Section}
	}
	return section{page: s.Page}
}

type match struct {
	hits   []Hit
	weight float64
	in     *indicator
}

// beats orders competing indicators for one sentence by weight times
// specificity, then rubric order. Specificity sums the squared length of
// each matched phrase, so one phrase ("anchor network") beats two loose
// words found near each other ("anchor" ... "strategy").
func (m match) beats(o match) bool {
	return m.weight*m.in.weight*float64(m.specificity()) > o.weight*o.in.weight*float64(o.specificity())
}

func (m match) specificity() int {
	n := 0
	for _, h := range m.hits {
		n += (h.End - h.Start) * (h.End - h.Start)
	}
	return n
}

// matchIndicator returns the best pattern match of an indicator in a
// sentence, or the reason a match was turned away ("" when nothing came
// close).
func (c *Compiled) matchIndicator(in *indicator, a *analysed, block, section, topic bitset) (*match, string) {
	var best *match
	reason := ""
	for pi := range in.patterns {
		p := &in.patterns[pi]
		// The first term anchors the evidence in this sentence.
		if !hasTerm(a.hits, p.groups[0]) {
			continue
		}
		hits, ok := c.combine(p, a, block, section)
		if !ok {
			continue
		}
		if why := c.turnedAway(in, p, a, hits); why != "" {
			reason = why
			continue
		}
		if m := (match{hits: hits, weight: p.weight, in: in}); best == nil || m.beats(*best) {
			best = &m
		}
	}
	if best == nil {
		return nil, reason
	}
	if len(in.gate) > 0 {
		scope, where := inScope(in.gateAt, a.present, block, section)
		if !scope.any(in.gate) && (topic == nil || !topic.any(in.gate)) {
			return nil, fmt.Sprintf("gate: no %s context in the %s", strings.Join(in.Gate.Context, " or "), where)
		}
	}
	return best, ""
}

// inScope is the terms present within a gate's scope of a sentence, and
// the scope's name.
func inScope(s Scope, sentence, block, section bitset) (bitset, string) {
	switch s {
	case ScopeParagraph:
		return block, "paragraph"
	case ScopeSection:
		return section, "section"
	}
	return sentence, "sentence"
}

func hasTerm(hits []Hit, term int) bool {
	for _, h := range hits {
		if h.Term == term {
			return true
		}
	}
	return false
}

// combine picks one hit per term of the pattern, all within p.within words
// when that is set. Terms other than the first may sit elsewhere in the
// paragraph or section when the pattern's scope says so.
func (c *Compiled) combine(p *pattern, a *analysed, block, section bitset) ([]Hit, bool) {
	// Most patterns fail for a missing term: find that out before
	// gathering any hits.
	for gi, g := range p.groups {
		if !hasTerm(a.hits, g) && (gi == 0 || !(p.scope == ScopeParagraph && block.has(g) || p.scope == ScopeSection && section.has(g))) {
			return nil, false
		}
	}
	var per [][]Hit
	for gi, g := range p.groups {
		var hs []Hit
		for _, h := range a.hits {
			if h.Term == g {
				hs = append(hs, h)
			}
		}
		if len(hs) == 0 {
			if gi > 0 && (p.scope == ScopeParagraph && block.has(g) || p.scope == ScopeSection && section.has(g)) {
				continue
			}
			return nil, false
		}
		per = append(per, hs)
	}
	sort.SliceStable(per[0], func(i, j int) bool { return per[0][i].End-per[0][i].Start > per[0][j].End-per[0][j].Start })
	// Try each hit of the first term as the anchor and take, for every
	// other term, the longest hit that does not reuse a word already
	// taken, nearest the anchor; accept when the whole span fits within
	// the pattern's window (when it sets one).
	for _, h0 := range per[0] {
		chosen := []Hit{h0}
		lo, hi := h0.Start, h0.Start
		ok := true
		for _, hs := range per[1:] {
			best, found := Hit{}, false
			for _, h := range hs {
				if overlapsAny(h, chosen) || p.within > 0 && abs(h.Start-h0.Start) > p.within {
					continue
				}
				if !found || h.End-h.Start > best.End-best.Start ||
					h.End-h.Start == best.End-best.Start && abs(h.Start-h0.Start) < abs(best.Start-h0.Start) {
					best, found = h, true
				}
			}
			if !found {
				ok = false
				break
			}
			chosen = append(chosen, best)
			lo, hi = min(lo, best.Start), max(hi, best.Start)
		}
		if ok && (p.within <= 0 || hi-lo <= p.within) {
			return chosen, true
		}
	}
	return nil, false
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// turnedAway says why matched hits do not count: an excluding phrase over
// one of them (rubric, indicator or pattern level) or an unless term in
// the sentence.
func (c *Compiled) turnedAway(in *indicator, p *pattern, a *analysed, hits []Hit) string {
	for _, set := range [][]int{c.exclude, in.exclude, p.exclude} {
		for _, x := range c.hitsOf(a.hits, set) {
			if overlapsAny(x, hits) {
				return "excluded by " + quote(hitWords(a.toks, x))
			}
		}
	}
	for _, u := range p.unless {
		for _, h := range a.hits {
			if h.Term == u {
				return "excluded by " + quote(hitWords(a.toks, h)) + " in the sentence"
			}
		}
	}
	return ""
}

// hitWords are the words of the sentence a term hit: the alternative of
// an excluding list that applied, not the whole list.
func hitWords(toks []Token, h Hit) string {
	words := make([]string, 0, h.End-h.Start)
	for _, t := range toks[h.Start:h.End] {
		words = append(words, t.Lower)
	}
	return strings.Join(words, " ")
}

func (c *Compiled) hitsOf(hits []Hit, terms []int) []Hit {
	var out []Hit
	for _, h := range hits {
		for _, t := range terms {
			if h.Term == t {
				out = append(out, h)
				break
			}
		}
	}
	return out
}

func overlapsAny(h Hit, others []Hit) bool {
	for _, o := range others {
		if h.Start < o.End && o.Start < h.End {
			return true
		}
	}
	return false
}

// negated applies NegEx: a trigger negates the words within the window
// after it (a "before" trigger) or before it (an "after" trigger). A
// before-scope ends at clause punctuation or a terminator, so "Although
// the pilot did not reach all wards, 46 residents started" stays positive;
// an after-scope ends only at a terminator, so "The board, set up in
// 2022, was stood down" is negated.
func (c *Compiled) negated(a *analysed, text string, matched []Hit) (negated, withdrawn bool) {
	pseudo := c.hitsOf(a.hits, c.neg.pseudo)
	terms := c.hitsOf(a.hits, c.neg.term)
	// A trigger is a withdrawal when a withdrawal term sits within it
	// ("was stood down" holds "stood down").
	withdrawals := c.hitsOf(a.hits, c.neg.withdrawal)
	isTerminator := func(i int) bool {
		for _, t := range terms {
			if i >= t.Start && i < t.End {
				return true
			}
		}
		return false
	}
	covers := func(from, to int) bool { // inclusive token range
		for _, m := range matched {
			if m.Start <= to && from < m.End {
				return true
			}
		}
		return false
	}
	// Two negatives make a rule that holds everywhere: "No tender is
	// awarded without a social value question", "None of the schemes went
	// ahead without an assessment", "Not one of the 19 failed to secure an
	// interview". Neither negates the evidence.
	without := -1
	for i, t := range a.toks {
		if t.Lower == "without" || t.Lower == "failed" {
			without = i
			break
		}
	}
	doubled := func(trig Hit) bool {
		if without < 0 {
			return false
		}
		if trig.Start == without {
			return true
		}
		// the negative word may sit inside the trigger: "the panel will
		// not consider a case without it"
		for _, t := range a.toks[trig.Start:trig.End] {
			switch t.Lower {
			case "no", "none", "not", "never", "nothing":
				return trig.Start < without
			}
		}
		return false
	}
	before := c.hitsOf(a.hits, c.neg.before)
	double := false
	for _, trig := range before {
		if trig.Start != without && doubled(trig) {
			double = true
		}
	}
	for _, trig := range before {
		if overlapsAny(trig, pseudo) || double && doubled(trig) {
			continue
		}
		end := trig.End
		clause, opened, from, asides := a.toks[trig.End-1].Clause, false, trig.End, 0
	scope:
		for end < len(a.toks) && end < trig.End+c.neg.window && !isTerminator(end) {
			if a.toks[end].Clause != clause {
				// A negation that opens a list governs its first item: "the
				// following actions have not been started: a review of
				// policies; ...". One set off by commas reaches past a
				// short aside ("We have not, to date, set out an
				// approach") and along a list of what is missing ("We do
				// not have a strategy, executive lead or budget").
				between := text[a.toks[end-1].End:a.toks[end].Start]
				comma := strings.TrimSpace(between) == ","
				// into an aside straight after "not", or out of it
				aside := end == trig.End && negator[a.toks[end-1].Lower] || asides == 1 && end-from <= 2
				switch {
				case !opened && opensList(between, a.toks[end].Lower):
					opened = true
				case asides < 2 && comma && (aside || listGoesOn(a.toks[end:])):
					asides++
				default:
					break scope
				}
				clause, from = a.toks[end].Clause, end
			}
			end++
		}
		if end > trig.End && covers(trig.End, end-1) {
			negated = true
			withdrawn = withdrawn || overlapsAny(trig, withdrawals)
		}
	}
	for _, trig := range c.hitsOf(a.hits, c.neg.after) {
		if overlapsAny(trig, pseudo) || doubled(trig) && trig.End <= without {
			continue
		}
		start := trig.Start
		for start > 0 && start > trig.Start-c.neg.windowAfter && !isTerminator(start-1) {
			start--
		}
		if start < trig.Start && covers(start, trig.Start-1) {
			negated = true
			withdrawn = withdrawn || overlapsAny(trig, withdrawals)
		}
	}
	return negated, withdrawn
}

// unmet reports whether a statement of intent is met, in another clause
// of its sentence, by a statement that nothing stands behind it yet: "We
// would like to set up a champions network, but no decision has been
// taken", "We have not yet set up ways for staff to take part, although a
// champions network is being considered". Readers of the audits read such
// wishes as negated: over every audit this put right 106 negations the
// cues had missed and made 21 wrong. A terminator ends a negation's scope elsewhere,
// since what follows "but" is usually about something else; here it is
// the wish itself that is answered.
func (c *Compiled) unmet(a *analysed, text string, matched []Hit) bool {
	if len(c.neg.unmet) == 0 || len(matched) == 0 {
		return false
	}
	pseudo := c.hitsOf(a.hits, c.neg.pseudo)
	terms := c.hitsOf(a.hits, c.neg.term)
	first, last := matched[0].Start, matched[0].End
	for _, m := range matched[1:] {
		first, last = min(first, m.Start), max(last, m.End)
	}
	// apart reports whether a terminator or a semicolon stands between
	// two token positions.
	apart := func(from, to int) bool {
		for _, t := range terms {
			if t.Start >= from && t.End <= to {
				return true
			}
		}
		return from > 0 && to < len(a.toks) && strings.Contains(text[a.toks[from-1].End:a.toks[to].Start], ";")
	}
	for _, u := range c.hitsOf(a.hits, c.neg.unmet) {
		if overlapsAny(u, pseudo) || overlapsAny(u, matched) {
			continue
		}
		if u.Start >= last && apart(last, u.Start) || u.End <= first && apart(u.End, first) {
			return true
		}
	}
	return false
}

// opensList reports whether the text between two words, and the word
// after it, open a list ("started: - a review", "in place: the charter")
// rather than an explanation ("on its own: our aim is").
func opensList(between, next string) bool {
	if !strings.Contains(between, ":") {
		return false
	}
	if strings.ContainsAny(between, "-•–") {
		return true
	}
	switch next {
	case "a", "an", "the":
		return true
	}
	return false
}

// listGoesOn reports whether the clause that toks opens goes on with a
// list of what a negation says is missing: an "or" or "nor" among its
// first four words, but not its first ("or the council ..." opens a
// clause of its own). Lists joined by "and" are as often of work done
// beside the negated clause ("Although the strategy has not been
// refreshed, the procurement and recruitment policies were rewritten").
func listGoesOn(toks []Token) bool {
	for i := 1; i < min(4, len(toks)) && toks[i].Clause == toks[0].Clause; i++ {
		switch toks[i].Lower {
		case "or", "nor":
			return true
		}
	}
	return false
}

// negator holds the words after which a negation's object comes later in
// the sentence: "have not, to date, set out", unlike "were cancelled, the
// autumn series ...".
var negator = map[string]bool{"not": true, "never": true, "no": true, "yet": true}

// strength: a statement of intent (an intent cue used as a verb, the
// modal "will", or a plan's action point) is intent; otherwise a measured
// result (an outcome pattern) is an outcome; anything else (done, in
// place, in progress) is action. The part-of-speech tagger runs only
// where a word could be either ("our plan" or "we plan to"), and on the
// opening words for an imperative: tagging every matched sentence whole
// cost more than matching it.
func (c *Compiled) strength(a *analysed, text string) doc.Strength {
	// A decision to consider, develop or come back to something later
	// ("agreed that the nomination of an executive lead would be
	// considered in the planning round") decides nothing yet: readers
	// call it intent (22 of 30 such quotes in fixtures/audits).
	if slices.ContainsFunc(a.toks, func(t Token) bool { return decidedVerbs[t.Lower] }) && laterDecision.MatchString(text) {
		return doc.Intent
	}
	// Intent stated inside a relative or complement clause ("a strategy
	// which sets out how we will...", "agreed that reports will...")
	// describes what was done, not a plan: only cues before the first
	// such clause count.
	cut := len(a.toks)
	for i, t := range a.toks {
		// What someone said is the content of the sentence: "Mrs Yates
		// said that the proposal would be considered" is a plan.
		if i > 0 && clauseOpeners[t.Lower] && !(t.Lower == "that" && reported(a.toks[:i])) {
			cut = i
			break
		}
	}
	// A decision reported as taken ("the Board adopted the anchor
	// ambition", "approved the proposal") is an action, whatever
	// plan-words name what was decided after it.
	for i, t := range a.toks[:cut] {
		if decided[t.Lower] {
			cut = i
			break
		}
	}
	for _, h := range c.hitsOf(a.hits, c.intent) {
		if h.Start < cut && !plannedThing(a.toks, h) {
			return doc.Intent
		}
	}
	for _, h := range c.hitsOf(a.hits, c.intentVerb) {
		if h.Start >= cut || plannedThing(a.toks, h) {
			continue
		}
		// The tagger looks two words either side, so a window of three
		// tags the cue as the whole sentence would, at a fraction of the
		// cost.
		from, to := max(h.Start-3, 0), min(h.End+3, len(a.toks))
		if !nounAt(text[a.toks[from].Start:a.toks[to-1].End], a.toks[h.Start]) {
			return doc.Intent
		}
	}
	for i, t := range a.toks[:cut] {
		if intentModals[t.Lower] && !goesOn(a.toks, i) {
			return doc.Intent
		}
	}
	// A sentence that opens with a verb in its base form is an action
	// point of a plan ("Co-found an anchor charter with the council"),
	// not a report of something done.
	// prose's tagger reads most capitalised first words as proper nouns
	// ("Widen/NNP access"), so the verbs that open action points are
	// also known by name, when a noun phrase does not follow as a subject
	// would ("Support for local firms was...").
	for i := 0; i+1 < len(a.toks); i++ {
		if actionPointAt(a.toks, i, text) && actionVerbs[a.toks[i].Lower] && !notImperative[a.toks[i+1].Lower] && !(i == 0 && nounSubject(a.toks)) {
			return doc.Intent
		}
	}
	if len(a.toks) > 1 && mayBeImperative(a.toks[0], text) {
		if opensWithVerb(text[:a.toks[min(len(a.toks), 8)-1].End]) {
			return doc.Intent
		}
	}
	for i := range c.outcome {
		p := &c.outcome[i]
		if p.groups == nil || !hasTerm(a.hits, p.groups[0]) || slices.ContainsFunc(p.unless, func(u int) bool { return hasTerm(a.hits, u) }) {
			continue
		}
		if _, ok := c.combine(p, a, a.present, a.present); ok {
			return doc.Outcome
		}
	}
	return doc.Action
}

// mayBeImperative is a cheap test that keeps the tagger off sentences
// that cannot open with a base-form verb: those starting with a number, a
// lower-case word, an inflected form or a common opening word.
func mayBeImperative(first Token, text string) bool {
	if first.Num || first.Start != 0 || text[0] < 'A' || text[0] > 'Z' {
		return false
	}
	l := first.Lower
	if strings.HasSuffix(l, "ed") || strings.HasSuffix(l, "ing") || strings.HasSuffix(l, "s") || strings.HasSuffix(l, "ly") {
		return false
	}
	return !openers[l]
}

var openers = map[string]bool{
	"the": true, "a": true, "an": true, "we": true, "our": true, "this": true, "that": true, "these": true,
	"in": true, "at": true, "on": true, "by": true, "for": true, "from": true, "with": true, "since": true,
	"during": true, "after": true, "before": true, "although": true, "while": true, "it": true, "there": true,
	"all": true, "each": true, "every": true, "one": true, "trust": true, "board": true, "staff": true,
}

// notAStatement says why a sentence states nothing: a question, a
// glossary of terms, a definition, a line of a list of contents... It
// returns "" for a statement.
func notAStatement(text string, toks []Token) string {
	if strings.HasSuffix(strings.TrimRight(text, " \"'”’)"), "?") && !posedQuestion(text) || strings.HasPrefix(text, "Q:") || strings.HasPrefix(text, "Q.") {
		return "a question, not a statement"
	}
	if reportedQuestion(text, toks) {
		return "a question asked in a meeting, not a statement"
	}
	head, _, found := strings.Cut(text, ":")
	if !found {
		head, _, found = strings.Cut(text, " -")
	}
	switch strings.ToLower(strings.TrimSpace(head)) {
	case "glossary", "abbreviations", "acronyms", "key", "glossary of terms", "abbreviations used", "terms used":
		if found {
			return "a glossary, not a statement"
		}
	case "in attendance", "present", "apologies", "attendees", "also present", "members present", "apologies for absence":
		// the people at a meeting, with their job titles
		if found {
			return "a list of those at a meeting, not a statement"
		}
	}
	if definition(text) || conceptDefined(text, toks) {
		return "a definition, not a statement"
	}
	if contentsEntry(text) || coversTopics(toks) {
		return "a list of contents, not a statement"
	}
	if sizeOnly(text, toks) {
		return "the size of the organisation or its partners, the premise of the anchor role, not what was done"
	}
	if generalClaim(toks) {
		return "a statement about NHS bodies in general, not what this organisation did"
	}
	if procedural(toks) {
		return "a request to note or receive a paper, not a statement"
	}
	if fragment(text, toks) {
		return "a fragment of a table cell or wrapped line, not a statement"
	}
	if declaration(toks) {
		return "a declaration of interest, not a statement"
	}
	// "VCSE: voluntary, community and social enterprise sector." (but not
	// "SRO: Director of Strategy", which names an owner)
	if rest := strings.TrimSpace(text[min(len(head)+1, len(text)):]); found && isAcronym(strings.TrimSpace(head)) &&
		len(strings.Fields(text)) <= 10 && !strings.ContainsAny(text, "0123456789") && rest != "" && unicode.IsLower(firstRune(rest)) {
		return "a glossary, not a statement"
	}
	return ""
}

// contentsList reports whether a section is a document's list of
// contents ("Contents", "In this issue"): its lines name the chapters
// ("Our role as an anchor institution 9"), the evidence is in them.
func contentsList(section string) bool {
	switch strings.ToLower(strings.TrimSpace(unnumbered(section))) {
	case "contents", "table of contents", "contents page", "in this issue", "inside this issue", "in this report", "in this edition", "what's inside", "inside":
		return true
	}
	return false
}

// coversTopics reports whether a sentence lists what a paper covers ("This
// report covers winter pressures, elective recovery, finance and the work
// of the Anchor Alliance."): the sections it names hold the evidence.
func coversTopics(toks []Token) bool {
	for len(toks) > 0 && toks[0].Num {
		toks = toks[1:]
	}
	// "It covers..." is as often a programme's content ("It covers interview
	// skills and basic life support"): only a paper's own name opens one.
	for _, opening := range [][]string{{"this", "report", "covers"}, {"the", "report", "covers"}, {"this", "paper", "covers"}, {"the", "paper", "covers"}, {"this", "update", "covers"}, {"this", "section", "covers"}} {
		if wordsAt(toks, 0, opening...) {
			return true
		}
	}
	return false
}

// contentsEntry reports whether dot leaders lead a contents entry to its
// page number ("Our role as an anchor institution ........ 9"). Most
// sentences have no run of dots: that is checked before the expression.
func contentsEntry(text string) bool {
	if !strings.Contains(text, "...") && !strings.Contains(text, ". . .") && !strings.Contains(text, "……") {
		return false
	}
	return dotLeaders.MatchString(text)
}

var dotLeaders = regexp.MustCompile(`(\.\s?){4,}\s*\d+|…{2,}\s*\d+`)

// conceptDefined reports whether a sentence defines the idea it speaks of
// rather than telling what the organisation does: what an anchor
// institution or community wealth building is ("Anchor institutions are
// large organisations, such as hospitals..."), or the purposes every
// integrated care system has by law ("The fourth purpose of an integrated
// care system is to help the NHS support broader social and economic
// development"). Readers rejected every one quoted (8 of 8 in
// fixtures/audits).
func conceptDefined(text string, toks []Token) bool {
	// A section number ("2.2 An anchor institution is...") comes first.
	for len(toks) > 0 && toks[0].Num {
		toks = toks[1:]
	}
	// Most sentences name neither purposes nor the idea at their start;
	// the words tell, before the expression is run.
	if !slices.ContainsFunc(toks, func(t Token) bool { return t.Lower == "purpose" || t.Lower == "purposes" }) &&
		!(len(toks) > 0 && (toks[0].Lower == "anchor" || toks[0].Lower == "anchors" || toks[0].Lower == "an" || toks[0].Lower == "community")) {
		return false
	}
	t := strings.ToLower(strings.TrimSpace(strings.TrimLeft(text, " •·-–*\t0123456789.")))
	return conceptDefinition.MatchString(t)
}

var conceptDefinition = regexp.MustCompile(`^(the )?((ics|icb|integrated care system|integrated care board)('s|’s) )?(fourth|four) purposes? (of (an |the |every |all )?(integrated care system|ics|icb|integrated care board)s? )?(is|are) to\b|\b(has|have) four (core |statutory )?purposes\b|^(anchor institutions|anchor organisations|anchors|an anchor institution|an anchor organisation|community wealth building) (are|is) (an? |large |organisations|institutions|the |those )` +
	// the law's words for every system: "Integrated care systems have a
	// statutory purpose to...", "The Act gives integrated care systems four
	// purposes"
	`|^(integrated care systems|icss|every integrated care system|each integrated care system|all integrated care systems|every ics|each ics) (have|has) (a |four )?(statutory |legal |core )?(duty|purpose|purposes)\b` +
	`|\b(gives|gave|give|sets|set) (integrated care systems|icss|every ics|each ics) (four |a statutory |a legal )?(purposes?|duty|duties)\b`)

// sizeOnly reports whether a sentence gives only the size of the
// organisation or of its partners as employers and buyers ("We employ
// 3,120 people... and we spend around £140 million a year with
// suppliers", "Between them the twelve signatories employ 61,000
// people"): the premise of the anchor role, which readers rejected as
// evidence (20 of 23 in fixtures/audits). A sentence that goes on to
// what the size is used for, promised or signed stays evidence.
func sizeOnly(text string, toks []Token) bool {
	// the words tell most sentences apart before the expressions run
	if !slices.ContainsFunc(toks, func(t Token) bool {
		return strings.HasPrefix(t.Lower, "employ") || strings.HasPrefix(t.Lower, "spend")
	}) {
		return false
	}
	return sizeStated.MatchString(text) && !sizeUsed.MatchString(text)
}

var (
	sizeStated = regexp.MustCompile(`(?i)\b(employ|employs|employing|employer of)\s+(around |about |over |more than |some |nearly |almost )?[\d,.]+\s*(people|staff)|\b(spend|spends|spending)\s+(around |about |over |more than |some |nearly |almost )?(£|gbp ?)[\d,.]+\s*(m|bn|million|billion)?\b[^.]{0,30}\b(a|each|per) year`)
	sizeUsed   = regexp.MustCompile(`(?i)\b(use|using|uses|used|help|helps|helping|commit\w*|promise\w*|aim\w*|so that|means|can|could|should|would|will|only|lever\w*|power|job is|role is|secured|recruited|apprentice\w*|champion\w*|weighting|living wage|local spend|with local|locally|in the area|anchor\w*|fourth purpose|responsib\w*|signed|signing|intend\w*|charter)\b`)
)

// generalClaim reports whether a sentence explains the idea of the anchor
// role as it applies to NHS bodies in general ("Many NHS organisations
// have described this as being an anchor institution", "It asks NHS
// organisations to think of themselves as anchor institutions", "This
// makes NHS organisations natural anchor institutions"): readers of the
// evidence the tool quoted rejected these as no organisation's work
// (fixtures/audits). It reads the tokens, not the text: a regular
// expression here, run on every sentence with a term, halved the
// matcher's speed.
func generalClaim(toks []Token) bool {
	i := 0
	switch {
	case wordsAt(toks, 0, "in", "recent", "years"):
		i = 3
	case wordsAt(toks, 0, "increasingly"), wordsAt(toks, 0, "nationally"):
		i = 1
	}
	if i < len(toks) && manyMostSome[toks[i].Lower] && nhsBodiesAt(toks, i+1, false) {
		return true
	}
	for k := 0; k+1 < len(toks); k++ {
		if toks[k].Lower == "natural" && strings.HasPrefix(toks[k+1].Lower, "anchor") {
			return true
		}
		if claimVerbs[toks[k].Lower] && k > 0 && claimSubjects[toks[k-1].Lower] && nhsBodiesAt(toks, k+1, true) {
			return true
		}
	}
	return false
}

// nhsBodiesAt reports whether the tokens from j name NHS or public-sector
// bodies in general ("NHS organisations", "public sector bodies", and,
// unless qualified is set, "organisations" alone).
func nhsBodiesAt(toks []Token, j int, qualified bool) bool {
	switch {
	case wordsAt(toks, j, "nhs"):
		j++
	case wordsAt(toks, j, "public", "sector"):
		j += 2
	case qualified:
		return false
	}
	return j < len(toks) && nhsBodies[toks[j].Lower]
}

var (
	manyMostSome  = map[string]bool{"many": true, "most": true, "some": true}
	nhsBodies     = map[string]bool{"organisations": true, "bodies": true, "trusts": true, "providers": true}
	claimSubjects = map[string]bool{"it": true, "this": true, "they": true, "which": true, "plan": true, "guidance": true}
	claimVerbs    = map[string]bool{"asks": true, "ask": true, "encourages": true, "makes": true}
)

// wordsAt reports whether the tokens from i are the words given.
func wordsAt(toks []Token, i int, words ...string) bool {
	if i+len(words) > len(toks) {
		return false
	}
	for k, w := range words {
		if toks[i+k].Lower != w {
			return false
		}
	}
	return true
}

// procedural reports whether a sentence is a paper's procedural
// recommendation ("The Committee is asked to note the report and take
// assurance") rather than one that asks for a decision ("asked to APPROVE
// the anchor strategy"), which is a proposal: readers rejected the first
// kind as evidence.
func procedural(toks []Token) bool {
	asked := false
	for k := 0; k+3 < len(toks); k++ {
		if askingBodies[toks[k].Lower] && (toks[k+1].Lower == "is" || toks[k+1].Lower == "are") &&
			(toks[k+2].Lower == "asked" || toks[k+2].Lower == "invited" || toks[k+2].Lower == "requested") &&
			k+4 < len(toks) && toks[k+3].Lower == "to" && noteVerbs[toks[k+4].Lower] {
			asked = true
			break
		}
	}
	if !asked {
		return false
	}
	for k, t := range toks {
		if decisionVerbs[t.Lower] || (t.Lower == "note" || t.Lower == "agree") && k+1 < len(toks) && toks[k+1].Lower == "that" {
			return false
		}
	}
	return true
}

var (
	askingBodies = map[string]bool{"board": true, "committee": true, "partnership": true, "group": true, "governors": true,
		"members": true, "meeting": true, "panel": true, "forum": true, "trustees": true}
	noteVerbs     = map[string]bool{"note": true, "receive": true, "discuss": true, "take": true, "review": true, "consider": true, "comment": true}
	decisionVerbs = map[string]bool{"approve": true, "approves": true, "approval": true, "agree": true, "agrees": true, "endorse": true,
		"endorses": true, "support": true, "supports": true, "adopt": true, "confirm": true, "ratify": true, "sign": true, "signs": true,
		"commit": true, "appoint": true, "establish": true, "nominate": true, "accept": true, "recommend": true, "fund": true,
		"delegate": true, "join": true}
)

// fragment reports whether a sentence is a piece of a table cell or of a
// line wrapped in the reading ("broader social and economic
// development)", "with local suppliers"): a few words opening in lower
// case that do not end as an item of a list or a sentence does.
func fragment(text string, toks []Token) bool {
	t := strings.TrimSpace(text)
	if t == "" || len(toks) > maxFragment || !unicode.IsLower(firstRune(t)) {
		return false
	}
	return !strings.HasSuffix(t, ";") && !strings.HasSuffix(t, ".") && !strings.HasSuffix(t, ":")
}

// maxFragment is the most words a fragment has.
const maxFragment = 8

// declaration reports whether a sentence records a member's declared
// interest ("Councillor Sadiq declared his role as Cabinet Member for
// Health, a contributor to the Fund"): who sits where, not what the
// organisation did.
func declaration(toks []Token) bool {
	for i, t := range toks {
		if t.Lower == "declared" {
			for _, n := range toks[i+1 : min(i+4, len(toks))] {
				switch n.Lower {
				case "interest", "interests", "role", "roles", "that", "an", "his", "her", "their":
					return true
				}
			}
		}
	}
	return false
}

// maxDefined is the most words a defined term can have.
const maxDefined = 6

// definition reports whether a sentence defines a term, as a glossary
// does: "Anchor institution — a large, place-based organisation that...",
// "Good Work Fund – a pooled budget held by partners". The term is a short
// name with a dash after it, and a description in lower case follows,
// opening with an article; a dash before a named person or post
// ("Executive lead – the Director of Strategy") gives an owner instead.
func definition(text string) bool {
	text = strings.TrimLeft(text, " •·*\t")
	// A glossary table's row: "Anchor institution | A large, locally
	// rooted organisation...", "HALN | Health Anchors Learning Network".
	if term, rest, ok := strings.Cut(text, " | "); ok && !strings.Contains(rest, " | ") {
		words, desc := strings.Fields(term), strings.Fields(rest)
		if len(words) == 0 || len(words) > maxDefined || len(desc) < 2 || !unicode.IsUpper(firstRune(words[0])) || strings.ContainsAny(term, ".,;:0123456789") {
			return false
		}
		switch strings.ToLower(desc[0]) {
		case "a", "an", "the":
			return len(desc) >= 3 && unicode.IsLower(firstRune(desc[1]))
		}
		// an acronym spelt out: every word of the description capitalised
		if len(words) == 1 && isAcronym(words[0]) && len(desc) <= 8 && !strings.ContainsAny(rest, "0123456789") {
			for _, d := range desc {
				if !unicode.IsUpper(firstRune(d)) && d != "and" && d != "of" && d != "for" && d != "the" {
					return false
				}
			}
			return true
		}
		return false
	}
	for _, dash := range []string{" — ", " – ", " - "} {
		term, rest, ok := strings.Cut(text, dash)
		if !ok {
			continue
		}
		words := strings.Fields(term)
		if len(words) == 0 || len(words) > maxDefined || !unicode.IsUpper(firstRune(words[0])) || strings.ContainsAny(term, ".,;:") {
			return false
		}
		// A second dash closes an aside: "Green champions – a network of
		// 140 staff – cut ward waste".
		desc := strings.Fields(rest)
		if len(desc) < 3 || strings.Contains(rest, dash) {
			return false
		}
		switch desc[0] {
		case "a", "an", "the":
			return unicode.IsLower(firstRune(desc[1]))
		}
		return false
	}
	return false
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

// reportedQuestion reports whether a sentence only records a question
// ("Dr Ellison-Hart asked who at executive level was accountable for
// this work."), with no answer after it.
func reportedQuestion(text string, toks []Token) bool {
	if strings.ContainsAny(text, ";") {
		return false // "...; the Director of Finance confirmed that..."
	}
	for i := 0; i+1 < len(toks); i++ {
		switch toks[i].Lower {
		case "asked", "queried", "enquired", "questioned", "wondered":
			// "asked whether", "asked in the pre-briefings whether"
			// but not "asked clinical directors to describe how", a request
		look:
			for _, t := range toks[i+1 : min(i+7, len(toks))] {
				switch t.Lower {
				case "who", "whether", "what", "how", "if", "why", "when", "which", "about":
					return true
				case "to", "for", "that":
					break look
				}
			}
		}
	}
	return false
}

// posedQuestion reports whether a sentence that ends in a question
// tells of the question being put, rather than asking it: "every manager
// is to ask one question before signing anything off: what does this
// mean for the people who live around our hospitals?". The words before
// the colon or the opening quotation mark speak of asking, and are more
// than a speaker's name ("Cllr Amos: is the group still running?").
func posedQuestion(text string) bool {
	at := openingAt(strings.TrimRight(text, " \"'”’)?"))
	if at <= 0 {
		return false
	}
	lead := strings.Fields(strings.ToLower(text[:at]))
	if len(lead) < 4 {
		return false
	}
	for _, w := range lead {
		switch strings.Trim(w, ",;'\"‘’“”()") {
		case "question", "questions", "ask", "asks", "asking", "prompt", "prompts", "tested", "test":
			return true
		}
	}
	return false
}

// openingAt is where the last colon or opening quotation mark of text
// is (a straight quote after a space, not an apostrophe), or -1.
func openingAt(text string) int {
	for i := len(text) - 1; i > 0; i-- {
		switch {
		case text[i] == ':', strings.HasPrefix(text[i:], "‘"), strings.HasPrefix(text[i:], "“"),
			(text[i] == '\'' || text[i] == '"') && text[i-1] == ' ':
			return i
		}
	}
	return -1
}

// isAcronym reports whether w is two to six capital letters.
func isAcronym(w string) bool {
	if len(w) < 2 || len(w) > 6 {
		return false
	}
	for _, r := range w {
		if r < 'A' || r > 'Z' {
			return false
		}
	}
	return true
}

// decidedVerbs open the decisions laterDecision reads; a sentence
// without one is not run through the expression.
var decidedVerbs = map[string]bool{"agreed": true, "decided": true, "resolved": true, "confirmed": true}

// laterDecision finds a decision whose content is to think again later.
var laterDecision = regexp.MustCompile(`(?i)\b(agreed|decided|resolved|confirmed)\b[^.;:]*?\b(that|to)\b[^.;:]*?\b(would|will|should|to)\s+(now\s+)?(be\s+)?(considered|consider|explored|explore|developed|develop|scoped|scope|brought back|bring back|revisited|revisit|looked at|look at|reconsidered|reconsider)\b`)

// decided are verbs that report a decision or step as taken.
var decided = map[string]bool{
	"adopted": true, "approved": true, "ratified": true, "endorsed": true, "signed": true, "appointed": true,
	"launched": true, "established": true, "published": true, "resolved": true, "introduced": true,
	"completed": true, "began": true, "started": true, "opened": true, "held": true, "created": true,
}

// speechVerbs report what someone said, hoped or expected: the clause
// after them ("said that ... would") carries the sentence's strength.
var speechVerbs = map[string]bool{"said": true, "says": true, "say": true, "stated": true, "states": true, "suggested": true, "suggests": true,
	"explained": true, "hoped": true, "hopes": true, "expects": true, "expected": true, "believes": true, "told": true, "added": true,
	"informed": true, "assured": true, "advised": true, "reminded": true, "reported": true}

// reported reports whether the words before a "that" end with a verb of
// speech and at most three words naming who was told ("said", "told the
// Board", "informed the ICB").
func reported(before []Token) bool {
	for j := len(before) - 1; j >= 0 && j >= len(before)-4; j-- {
		if speechVerbs[before[j].Lower] {
			return true
		}
	}
	return false
}

// clauseOpeners begin a relative or complement clause.
var clauseOpeners = map[string]bool{"how": true, "which": true, "who": true, "whether": true, "what": true, "where": true, "that": true}

// actionPointAt reports whether token i can open an action point: it
// opens the sentence, or follows a bullet, a colon or a table bar
// ("1.2 | Nominate an executive sponsor", "Delivery plan: establish a
// team"), with nothing but numbering before it in its cell.
func actionPointAt(toks []Token, i int, text string) bool {
	if i == 0 {
		return strings.TrimLeft(text[:toks[0].Start], " •·-–*>\t") == ""
	}
	before := strings.TrimRight(text[toks[i-1].End:toks[i].Start], " \t")
	if before == "" {
		return false
	}
	switch before[len(before)-1:] {
	case ":", "|":
		return true
	case ")":
		// a lettered or numbered item: "(a) agree that the trust
		// signs...; (b) nominate the Director of People"
		return listMarker(toks[i-1])
	case ".":
		// "1. Agree a social value weighting"
		return i == 1 && toks[0].Num && strings.TrimSpace(text[:toks[0].Start]) == ""
	}
	return strings.HasSuffix(before, "•")
}

// nounSubject reports whether a sentence opening with a word that can be
// a verb goes on as a noun phrase and its verb ("Secure cycle storage has
// been installed", "Support workers are paid the Real Living Wage"): a
// bare noun phrase, then an auxiliary within a few words, is a subject,
// where an action point ("Secure funding for the academy") has an object.
func nounSubject(toks []Token) bool {
	for j := 1; j < len(toks) && j <= maxSubjectWords; j++ {
		switch toks[j].Lower {
		case "is", "are", "was", "were", "has", "have", "had", "now", "continues", "continue", "remains", "remain":
			return true
		case "that", "the", "a", "an", "all", "our", "their", "its", "to", "with", "for", "every", "each", "this", "these", "more", "new":
			return false
		}
	}
	return false
}

// maxSubjectWords is the most words nounSubject reads for the verb.
const maxSubjectWords = 5

// listMarker reports whether a token is the letter, roman numeral or
// number of a list item.
func listMarker(t Token) bool {
	if t.Num {
		return len(t.Lower) <= 2
	}
	switch t.Lower {
	case "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x":
		return true
	}
	return len(t.Lower) == 1 && t.Lower[0] >= 'a' && t.Lower[0] <= 'z'
}

// actionVerbs open the action points of plans and action logs.
var actionVerbs = map[string]bool{
	"agree": true, "appoint": true, "adopt": true, "align": true, "build": true, "co-design": true, "commission": true,
	"create": true, "deliver": true, "design": true, "develop": true, "embed": true, "engage": true, "ensure": true,
	"establish": true, "expand": true, "explore": true, "extend": true, "identify": true, "implement": true,
	"increase": true, "introduce": true, "launch": true, "map": true, "pilot": true, "promote": true, "publish": true,
	"recruit": true, "refresh": true, "reduce": true, "review": true, "scope": true, "secure": true, "set": true,
	"sign": true, "strengthen": true, "train": true, "undertake": true, "widen": true, "work": true, "grow": true,
	"invest": true, "offer": true, "provide": true, "raise": true, "co-produce": true, "maximise": true,
	"nominate": true, "confirm": true, "hire": true, "hold": true, "host": true, "open": true, "write": true,
	"draft": true, "include": true, "link": true, "complete": true, "continue": true, "form": true, "fund": true,
	"join": true, "measure": true, "monitor": true, "seek": true, "share": true, "start": true, "support": true,
	"test": true, "track": true, "update": true, "use": true, "roll": true, "bring": true, "make": true, "move": true,
	"buy": true, "employ": true, "pay": true, "give": true, "help": true, "improve": true, "tackle": true,
	"become": true, "assess": true, "consider": true, "prepare": true, "present": true, "report": true,
}

// notImperative follow a noun used as a subject or heading, not a verb.
var notImperative = map[string]bool{
	"for": true, "of": true, "was": true, "were": true, "is": true, "are": true, "has": true, "have": true, "had": true,
	"in": true, "on": true, "at": true, "from": true, "by": true, "rose": true, "fell": true,
}

var intentModals = map[string]bool{"will": true, "shall": true, "'ll": true}

// isNoun reports whether the tagger took the word for a noun ("our plan",
// "the aim") rather than a verb ("we plan to").
func isNoun(tagged []prose.Token, t Token) bool {
	for _, pt := range tagged {
		if strings.EqualFold(pt.Text, t.Lower) {
			return strings.HasPrefix(pt.Tag, "NN")
		}
	}
	return false
}

// The prose tagger model is loaded once per process: loading it costs far
// more than tagging a sentence. prose builds a fresh model inside
// NewDocument unless one is passed in, so we pass ours every time. The
// tagger only reads its weights, so one model serves every goroutine.
//
// prose.ModelFromData also loads the entity classifier, which we never
// use; a first NewDocument without extraction builds a tagger-only model,
// which we keep.
var taggerModel = sync.OnceValue(func() *prose.Model {
	d, err := prose.NewDocument("", prose.WithSegmentation(false), prose.WithExtraction(false))
	if err != nil || d.Model == nil {
		return prose.ModelFromData("anchorscore")
	}
	return d.Model
})

func tag(text string) []prose.Token {
	d, err := prose.NewDocument(text, prose.WithSegmentation(false), prose.WithExtraction(false), prose.UsingModel(taggerModel()))
	if err != nil {
		return nil
	}
	return d.Tokens()
}

// ReadsNames reports whether the rubric reads pieces of work's own names
// (cues.named_work).
func (c *Compiled) ReadsNames() bool { return len(c.namedAs) > 0 }

// UsesName reports whether a text uses one of the names (keys from
// IntroducedNames) as a name: its words in order, the first capitalised.
func UsesName(text string, names []string) bool {
	toks := appendTokens(nil, text)
	words := splitNames(names)
	for k := range toks {
		if !unicode.IsUpper(firstRune(text[toks[k].Start:])) {
			continue
		}
		for _, w := range words {
			if nameAt(toks, k, w) > 0 {
				return true
			}
		}
	}
	return false
}

// IntroducedNames are the names a text gives pieces of work by setting
// them beside the anchor words ("Thrive Swaddlecote, the system's anchor
// programme", "our anchor programme, Kindred Work,", "Kindred Work as its
// anchor institution programme"), each as its own words in lower case.
// A name needs two words, one of them its own (not the vocabulary every
// paper uses), and is not a person's or a body's ("Skaith Hospitals"). A
// name set beside other words, in quotes or under a label ("the Heels Up
// campaign") is not taken: as often as not it is another kind of work,
// and reading it as anchor work cost more levels on the development
// corpora than it gained.
func IntroducedNames(text string) []string {
	var keys []string
	for _, re := range namers {
		for _, m := range re.FindAllStringSubmatch(text, -1) {
			if k := nameKey(m[1]); k != "" && !slices.Contains(keys, k) {
				keys = append(keys, k)
			}
		}
	}
	return keys
}

// namers find a name set beside the anchor words, after or before them.
var namers = []*regexp.Regexp{
	regexp.MustCompile(`(` + titleName + `),\s+(?:the|our|its|their)\s+(?:[\w'’-]+\s+){0,4}?` + anchorWords),
	regexp.MustCompile(`\b(?i:the|our|its|their)\s+(?:[\w'’-]+\s+){0,3}?` + anchorWords + `\s+(?:[\w'’-]+\s+){0,2}?(?i:programme|initiative|approach|strategy|network|scheme),\s+(` + titleName + `)`),
	regexp.MustCompile(`(` + titleName + `)\s+(?:as|is)\s+(?:our|its|their|the [\w'’-]+)\s+(?:[\w'’-]+\s+){0,3}?` + anchorWords),
}

// anchorWords say what a name set beside them stands for.
const anchorWords = `(?i:anchor|civic|community wealth building|health and wealth|fourth purpose)\b`

// titleName is a title-case name of up to four words.
const titleName = `[A-Z][\w'’-]*(?:\s+(?:and|of|for|in|the|[A-Z][\w'’-]*)){0,3}`

// readNames follows each use of a named piece of work in a sentence's
// tokens with the rubric's named_work words. A name is used where its
// first word is capitalised, as names are: the same words in lower case
// are ordinary words.
func (c *Compiled) readNames(toks []Token, named [][]string, text string) []Token {
	var out []Token
	for k := 0; k < len(toks); {
		end := 0
		if unicode.IsUpper(firstRune(text[toks[k].Start:])) {
			for _, name := range named {
				if e := nameAt(toks, k, name); e > end {
					end = e
				}
			}
		}
		if end == 0 {
			out = append(out, toks[k])
			k++
			continue
		}
		// The name's own words stay ("Green Champions" is still
		// champions); the words it stands for follow it, spanning nothing
		// at its end, so that the tokens keep their order in the text.
		out = append(out, toks[k:end]...)
		for _, t := range c.namedAs {
			t.Start, t.End, t.Clause = toks[end-1].End, toks[end-1].End, toks[end-1].Clause
			t.Name, t.NameStart = true, toks[k].Start
			out = append(out, t)
		}
		k = end
	}
	return out
}

// nameAt is the end of the name's words at toks[k:], with joining words
// ("and", "of") between them, or 0 when they are not there.
func nameAt(toks []Token, k int, words []string) int {
	for i, w := range words {
		for i > 0 && k < len(toks) && nameJoiners[toks[k].Lower] && toks[k].Lower != w {
			k++
		}
		if k >= len(toks) || strings.Trim(toks[k].Lower, "'’") != w {
			return 0
		}
		k++
	}
	return k
}

var nameJoiners = map[string]bool{"and": true, "of": true, "for": true, "into": true, "in": true, "the": true, "our": true}

// nameKey is a name's own words, lower case, or "" when it has fewer than
// two, none beyond the vocabulary every paper uses, or is a person's or a
// body's.
func nameKey(words string) string {
	var own bool
	var kept []string
	for _, w := range strings.Fields(strings.ToLower(words)) {
		w = strings.Trim(w, "'’")
		if nameJoiners[w] || w == "&" || w == "" {
			continue
		}
		kept = append(kept, w)
		if !commonNameWords[w] {
			own = true
		}
	}
	if len(kept) < 2 || !own || bodyNouns[kept[len(kept)-1]] || personTitles[kept[0]] {
		return ""
	}
	return strings.Join(kept, " ")
}

// personTitles open the names of people.
var personTitles = map[string]bool{"mr": true, "mrs": true, "ms": true, "miss": true, "dr": true, "professor": true, "prof": true, "sir": true, "dame": true, "cllr": true, "councillor": true}

// bodyNouns end the names of bodies, not of pieces of work.
var bodyNouns = map[string]bool{
	"trust": true, "trusts": true, "hospital": true, "hospitals": true, "council": true, "college": true, "university": true,
	"icb": true, "ics": true, "board": true, "committee": true, "group": true, "team": true, "service": true, "services": true,
	"homes": true, "housing": true, "association": true, "authority": true, "federation": true, "hospice": true,
	"foundation": true, "infirmary": true, "centre": true, "school": true, "academy's": true, "nhs": true, "plc": true, "ltd": true,
}

// commonNameWords are words of the names every paper uses for the work
// and for NHS bodies: a name made only of them says nothing of its own.
var commonNameWords = map[string]bool{
	"anchor": true, "anchors": true, "community": true, "communities": true, "wealth": true, "building": true, "local": true,
	"social": true, "value": true, "green": true, "health": true, "care": true, "nhs": true, "trust": true, "trust's": true,
	"integrated": true, "system": true, "ics": true, "icb": true, "board": true, "staff": true, "people": true,
	"workforce": true, "employment": true, "jobs": true, "work": true, "good": true, "civic": true, "partnership": true,
	"programme": true, "project": true, "steering": true, "delivery": true, "working": true, "group": true,
	"national": true, "regional": true, "new": true, "first": true, "second": true, "third": true, "annual": true,
	"apprenticeship": true, "apprenticeships": true, "volunteering": true, "volunteer": true, "wellbeing": true,
	"sustainability": true, "net": true, "zero": true, "carbon": true, "inequalities": true, "population": true,
	"skills": true, "a": true, "an": true, "this": true, "that": true, "these": true, "its": true, "their": true,
	"we": true, "all": true, "every": true, "each": true, "it": true, "in": true, "at": true, "on": true, "by": true,
	"with": true, "from": true, "to": true, "as": true, "is": true, "january": true, "february": true, "march": true,
	"april": true, "may": true, "june": true, "july": true, "august": true, "september": true, "october": true,
	"november": true, "december": true, "mr": true, "mrs": true, "ms": true, "dr": true, "professor": true,
	"chief": true, "executive": true, "director": true, "chair": true, "strategy": true, "plan": true,
	"champion": true, "champions": true, "network": true, "networks": true, "campaign": true, "forum": true, "charter": true,
	"lunch": true, "learn": true, "award": true, "awards": true, "year": true, "week": true, "day": true, "month": true,
}

// span is the text a hit covers; a hit on the words a piece of work's own
// name stands for covers the name.
func span(toks []Token, h Hit) doc.Span {
	start := toks[h.Start].Start
	if toks[h.Start].Name {
		start = toks[h.Start].NameStart
	}
	return doc.Span{Start: start, End: toks[h.End-1].End}
}

// splitNames is each name's words.
func splitNames(names []string) [][]string {
	words := make([][]string, len(names))
	for i, n := range names {
		words[i] = strings.Fields(n)
	}
	return words
}
