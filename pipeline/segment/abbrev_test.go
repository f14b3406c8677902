package segment

import (
	"testing"

	"github.com/anchorscore/anchorscore/pipeline/doc"
)

// Abbreviations common in NHS papers do not end a sentence: "(incl.
// contractors)", "approx. 40", "Cllr. Hughes", "est. 2021".
func TestAbbreviationsDoNotSplit(t *testing.T) {
	for _, text := range []string{
		"Staff paid below the Real Living Wage (incl. contractors on site) fell from 412 to 0.",
		"We spent approx. £4.2m with local firms in the year.",
		"The network, est. 2021, has 14 members.",
		"Cllr. Hughes chairs the partnership board.",
		"Local spend (excl. drugs and devices) rose to 31% of the total.",
		"The catering contract (ref. CT-204) includes a social value weighting.",
		"Three cohorts ran, i.e. 36 residents in all.",
		"Our people strategy (see para. 4.2) links the anchor work to vacancies.",
		"Recruitment from the most deprived areas rose 3% vs. the baseline.",
		"Estates, catering, portering etc. took part in the campaign.",
		"Prof. Ellis chairs the anchor network.",
	} {
		got, err := Sentences(&doc.Text{Blocks: []doc.Block{{Page: 1, Para: 1, Text: text}}})
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 1 {
			var parts []string
			for _, s := range got {
				parts = append(parts, s.Text)
			}
			t.Errorf("%q split into %q", text, parts)
		}
	}
}

// "etc." can end a sentence, and the next one stays apart.
func TestEtcEndsASentence(t *testing.T) {
	got, err := Sentences(&doc.Text{Blocks: []doc.Block{{Page: 1, Para: 1, Text: "Uniforms, food, cleaning etc. The Board approved the anchor strategy."}}})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 {
		t.Errorf("got %d sentences, want 2: %+v", len(got), got)
	}
}
