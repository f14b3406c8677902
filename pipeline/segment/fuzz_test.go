package segment

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/anchorscore/anchorscore/pipeline/doc"
)

// Sentences never panics on any text; every sentence keeps its block's
// provenance, is trimmed, has a letter, fits maxSentence, comes from its
// block's text, and sentences are numbered in order.
//
// Blocks hold valid UTF-8: every extractor normalises its text
// (FuzzNormalise checks that). Invalid bytes are replaced here as they
// would be there (raw invalid bytes make chunks loop: see the report).
func FuzzSentences(f *testing.F) {
	f.Add("The Board approved the anchor strategy. Dr. Patel will lead it, e.g. from 1 April.\n\nWe recruited 40 local people.", 3)
	f.Add(strings.Repeat("word ", 1000)+"end.", 0)
	f.Add(strings.Repeat("x", 5000), 1)
	f.Add("“Quoted.” (Bracketed.) Mr. A. B. Smith – i.e. the lead … 3.5% rise! Really?", 2)
	f.Add("Ŵyl. Ελληνικά. 中文句子。عربي. ⚓🏥.", 0)
	f.Fuzz(func(t *testing.T, s string, page int) {
		s = strings.ToValidUTF8(s, "\uFFFD")
		text := &doc.Text{}
		for i, para := range strings.Split(s, "\n\n") {
			text.Blocks = append(text.Blocks, doc.Block{Page: page, Para: i + 1, Section: "S", Text: para})
		}
		sents, err := Sentences(text)
		if err != nil {
			t.Fatal(err)
		}
		block := 0
		for i, st := range sents {
			if st.Index != i {
				t.Fatalf("sentence %d has index %d", i, st.Index)
			}
			if st.Block < block || st.Block >= len(text.Blocks) {
				t.Fatalf("sentence %d from block %d after block %d (of %d)", i, st.Block, block, len(text.Blocks))
			}
			block = st.Block
			b := text.Blocks[st.Block]
			if st.Page != b.Page || st.Para != b.Para || st.Section != b.Section {
				t.Fatalf("sentence %d lost its provenance: %+v from %+v", i, st, b)
			}
			if st.Text == "" || st.Text != strings.TrimSpace(st.Text) {
				t.Fatalf("sentence %d not trimmed: %q", i, st.Text)
			}
			if len(st.Text) > maxSentence {
				t.Fatalf("sentence %d has %d bytes, over %d", i, len(st.Text), maxSentence)
			}
			if !hasLetter(st.Text) {
				t.Fatalf("sentence %d has no letter: %q", i, st.Text)
			}
			if !utf8.ValidString(st.Text) {
				t.Fatalf("sentence %d is not valid UTF-8: %q", i, st.Text)
			}
			for _, w := range strings.Fields(st.Text) {
				if !strings.Contains(b.Text, w) {
					t.Fatalf("sentence %d has %q, which is not in its block %q", i, w, b.Text)
				}
			}
		}
	})
}
