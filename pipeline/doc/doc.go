// Package doc holds the domain types every stage shares: a document's text
// with its provenance, the sentences cut from it, and the evidence found in
// them. It depends on nothing else in the project.
package doc

import "time"

// Format is the kind of file a document was read as, decided from its
// content rather than its extension.
type Format string

const (
	FormatPDF      Format = "pdf"
	FormatDOCX     Format = "docx"
	FormatHTML     Format = "html"
	FormatText     Format = "text"
	FormatMarkdown Format = "markdown"
	FormatUnknown  Format = "unknown"
)

// Block is one paragraph-sized unit of text with the place it came from.
// Sentences never cross a block boundary.
type Block struct {
	Page    int    // 1-based page number for paginated formats (PDF), 0 otherwise
	Section string // the nearest heading above the block, if the format has headings
	Para    int    // 1-based paragraph number within the document
	Text    string // normalised text: no ligatures, hyphenation joined, one space between words
	OCR     bool   // the text came from optical character recognition
}

// Text is what an extractor reads from one file.
type Text struct {
	Format  Format
	Title   string    // from the document's metadata or first heading; may be empty
	Created time.Time // from the document's metadata; zero when unknown
	Pages   int       // number of pages for paginated formats, 0 otherwise
	Reader  string    // what read it when not the format's own reader: "pdftotext" or "ocr"
	Blocks  []Block
	// Warnings are problems that did not stop extraction (a page that
	// could not be read, a broken font); a document with warnings is
	// recorded as "partial".
	Warnings []string
}

// Location renders a block's provenance for people: "§ Heading p. 12"
// for a paged document, "§ Heading ¶ 4" otherwise, without the heading
// where the block has none.
func (b Block) Location() string {
	loc := "¶ " + itoa(b.Para)
	if b.Page > 0 {
		loc = "p. " + itoa(b.Page)
	}
	if b.Section != "" {
		loc = "§ " + b.Section + " " + loc
	}
	return loc
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var buf [20]byte
	i := len(buf)
	neg := n < 0
	if neg {
		n = -n
	}
	for n > 0 {
		i--
		buf[i] = byte('0' + n%10)
		n /= 10
	}
	if neg {
		i--
		buf[i] = '-'
	}
	return string(buf[i:])
}

// Sentence is one sentence with its provenance. Sentences never cross a
// block, so Block indexes the paragraph it came from.
type Sentence struct {
	Block   int // index into Text.Blocks
	Index   int // 0-based position of the sentence in the document
	Page    int
	Section string
	Para    int
	OCR     bool
	Text    string
}

// Location renders the sentence's provenance like Block.Location.
func (s Sentence) Location() string {
	return Block{Page: s.Page, Section: s.Section, Para: s.Para}.Location()
}

// Strength is how far a piece of evidence goes: stated intent, an action
// taken or in place, or a measured outcome. The order matters: a higher
// value is stronger evidence.
type Strength int

const (
	Intent Strength = iota + 1
	Action
	Outcome
)

func (s Strength) String() string {
	switch s {
	case Intent:
		return "intent"
	case Action:
		return "action"
	case Outcome:
		return "outcome"
	}
	return ""
}

// Evidence is one sentence that speaks for (or, negated, against) one
// indicator of the rubric.
type Evidence struct {
	Sentence
	Theme     string
	Indicator string
	Strength  Strength
	Negated   bool
	Withdrawn bool    // negated by an explicit withdrawal ("stood down", "ended")
	Owned     bool    // names an owner: a role, a board, a committee
	Partial   bool    // a pilot, a single instance, a partial step
	Weight    float64 // pattern weight times indicator weight
	Matched   []Span  // byte ranges in Text of the words that matched
	// Chosen says, for explain, why this indicator and not the others the
	// sentence matched ("chosen over ..."), or that the rubric's finding
	// model found it and by which words ("found by the finding model ...");
	// empty when one pattern alone matched, and outside explain.
	Chosen string
}

// Span is a byte range [Start, End) within a sentence's text.
type Span struct{ Start, End int }
