package rubric

import (
	"slices"
	"sync"
)

// The tagger's answers are remembered by the text they were asked about,
// in this process and (through TaggerAnswers and RememberTaggerAnswers) by
// a cache across runs: re-scoring a corpus after a rubric edit asks the
// same few thousand questions again, and answering them from memory spares
// loading the tagger's model, which costs more than the rest of the
// tagging. The answers depend only on the text and prose's model, never
// on the rubric.
var memo = struct {
	sync.Mutex
	answers map[string]bool
	added   int
}{answers: map[string]bool{}}

// maxAnswers bounds the memo's memory (a few tens of megabytes at most).
const maxAnswers = 200_000

// ask answers the question key from memory, or with answer, remembering it.
func ask(key string, answer func() bool) bool {
	memo.Lock()
	v, ok := memo.answers[key]
	memo.Unlock()
	if ok {
		return v
	}
	v = answer()
	memo.Lock()
	if len(memo.answers) < maxAnswers {
		if _, ok := memo.answers[key]; !ok {
			memo.answers[key] = v
			memo.added++
		}
	}
	memo.Unlock()
	return v
}

// nounAt reports whether the tagger takes t for a noun in the window.
func nounAt(window string, t Token) bool {
	return ask("n\x00"+t.Lower+"\x00"+window, func() bool { return isNoun(tag(window), t) })
}

// opensWithVerb reports whether the tagger takes the first word of head
// for a verb in its base form, as in a plan's action point.
func opensWithVerb(head string) bool {
	return ask("v\x00"+head, func() bool {
		opening := tag(head)
		return len(opening) > 0 && opening[0].Tag == "VB"
	})
}

// verbless reports whether the tagger finds no finite verb or participle
// in a short fragment ("4.2 Social value in purchasing"): a label, which
// says nothing of its own about what has been done.
func verbless(fragment string) bool {
	return ask("f\x00"+fragment, func() bool {
		for _, t := range tag(fragment) {
			switch t.Tag {
			case "VB", "VBD", "VBN", "VBP", "VBZ", "MD":
				return false
			}
		}
		return true
	})
}

// labelLike reports whether the tagger reads a short fragment as a label
// ("Carers passport", "Cycle to work and travel", "Anchor Programme:
// establishment and outcomes framework") rather than a statement: no verb
// in the past tense, no participle, no modal and no pronoun as a subject,
// and no verb in the present tense, except as the last word of a heading
// without a full stop, where the tagger takes many nouns for verbs
// ("Carers passport/VBP"; but "The weighting continues/VBZ.").
func labelLike(fragment string) bool {
	return ask("l\x00"+fragment, func() bool {
		tags := tag(fragment)
		last := len(tags) - 1
		if last >= 0 && tags[last].Tag == "." {
			last = -1
		}
		for i, t := range tags {
			switch t.Tag {
			case "VBD", "VBN", "MD", "PRP":
				return false
			case "VBZ", "VBP":
				if i != last {
					return false
				}
			}
		}
		return true
	})
}

// finite reports whether the tagger finds a finite verb or a modal in a
// fragment: a clause that says something ("The Board noted..."), not a
// phrase such as a list item or an aim ("More local people in good jobs").
func finite(fragment string) bool {
	return anyTag("t", fragment, "VBD", "VBZ", "VBP", "MD")
}

// headlineLike reports whether the tagger reads a heading as a topic or a
// headline in the present ("Our part in our place: why the van we buy
// matters", "Cycle to Work window opens 1 July") rather than a report of
// something done: no verb in the past tense, no participle and no modal
// ("Anchor Partnership launched" reports a launch).
func headlineLike(fragment string) bool {
	return !anyTag("d", fragment, "VBD", "VBN", "MD")
}

// anyTag reports whether the tagger gives any word of fragment one of
// tags. kind names the question in the memo, apart from every other
// question asked of the same text.
func anyTag(kind, fragment string, tags ...string) bool {
	return ask(kind+"\x00"+fragment, func() bool {
		for _, t := range tag(fragment) {
			if slices.Contains(tags, t.Tag) {
				return true
			}
		}
		return false
	})
}

// TaggerAnswers returns a copy of the remembered answers, and how many were
// added in this process (none means there is nothing new to keep).
func TaggerAnswers() (answers map[string]bool, added int) {
	memo.Lock()
	defer memo.Unlock()
	answers = make(map[string]bool, len(memo.answers))
	for k, v := range memo.answers {
		answers[k] = v
	}
	return answers, memo.added
}

// RememberTaggerAnswers adds answers kept from earlier runs.
func RememberTaggerAnswers(answers map[string]bool) {
	memo.Lock()
	defer memo.Unlock()
	for k, v := range answers {
		if len(memo.answers) >= maxAnswers {
			return
		}
		memo.answers[k] = v
	}
}
