package segment

import (
	"strings"
	"testing"

	"github.com/anchorscore/anchorscore/pipeline/doc"
)

func TestSentencesKeepProvenance(t *testing.T) {
	text := &doc.Text{Blocks: []doc.Block{
		{Page: 3, Para: 1, Text: "The Board approved the anchor strategy. Dr. Patel will lead it."},
		{Page: 4, Para: 2, Section: "Workforce", Text: "We recruited 40 local people, e.g. from Core20 areas."},
	}}
	got, err := Sentences(text)
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		page int
		text string
	}{
		{3, "The Board approved the anchor strategy."},
		{3, "Dr. Patel will lead it."},
		{4, "We recruited 40 local people, e.g. from Core20 areas."},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d sentences %+v, want %d", len(got), got, len(want))
	}
	for i, w := range want {
		if got[i].Page != w.page || got[i].Text != w.text || got[i].Index != i {
			t.Errorf("sentence %d = (p%d, %d, %q), want (p%d, %d, %q)", i, got[i].Page, got[i].Index, got[i].Text, w.page, i, w.text)
		}
	}
	if got[2].Section != "Workforce" || got[2].Block != 1 {
		t.Errorf("sentence 2 lost its section or block: %+v", got[2])
	}
}

func TestLongRunWithoutBreaksIsCut(t *testing.T) {
	long := strings.Repeat("word ", 200000) // 1 MB, no full stop
	got, err := Sentences(&doc.Text{Blocks: []doc.Block{{Text: long}}})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range got {
		if len(s.Text) > maxSentence {
			t.Fatalf("sentence of %d bytes, want at most %d", len(s.Text), maxSentence)
		}
	}
	if len(got) < len(long)/maxSentence {
		t.Errorf("got %d sentences, want at least %d", len(got), len(long)/maxSentence)
	}
}
