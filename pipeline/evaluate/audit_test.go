package evaluate

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/anchorscore/anchorscore/pipeline/doc"
	"github.com/anchorscore/anchorscore/pipeline/score"
	"github.com/anchorscore/anchorscore/rubric"
)

func TestAudit(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.tsv")
	tsv := "document\ttheme\tindicator\tverdict\tstrength\tnegated\tsentence\tnote\n" +
		"a/p.md\tintentionality\tanchor_mission\taccept\taction\tfalse\tThe Board approved the anchor strategy.\t\n" +
		"a/p.md\tintentionality\tprogramme_structure\tother_indicator\tintent\tfalse\tWe propose a steering group.\tbelongs under senior_sponsorship\n" +
		"a/p.md\tsystem_leadership\tanchor_partnerships\tnot_own\taction\tfalse\tThe council runs a jobs fair.\tthe council's event\n" +
		"a/p.md\tfacilitating_culture_change\tchampions\tnot_evidence\t\tfalse\tGreen champions.\ta bare heading\n"
	if err := os.WriteFile(path, []byte(tsv), 0o644); err != nil {
		t.Fatal(err)
	}
	audit, err := ReadAudit(path)
	if err != nil {
		t.Fatal(err)
	}
	got := Audit(audit, []Quoted{
		{Document: "a/p.md", Indicator: "anchor_mission", Sentence: "The Board approved the anchor strategy.", Strength: "action"},
		{Document: "a/p.md", Indicator: "programme_structure", Sentence: "We propose a steering group.", Strength: "action"},
		{Document: "a/p.md", Indicator: "anchor_partnerships", Sentence: "The council runs a jobs fair.", Strength: "action"},
		{Document: "a/p.md", Indicator: "champions", Sentence: "Our champions meet monthly.", Strength: "action"},
	})
	want := AuditFigures{Audited: 4, Quoted: 4, Judged: 3, Accepted: 1, OwnWork: 2, StrengthRight: 1, NegationRight: 2, Dropped: 1, DroppedRejected: 1}
	if got != want {
		t.Errorf("Audit = %+v, want %+v", got, want)
	}
	if err := os.WriteFile(path, []byte("document\ttheme\tindicator\tverdict\tstrength\tnegated\tsentence\tnote\na\tb\tc\tmaybe\t\tfalse\ts\t\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadAudit(path); err == nil {
		t.Error("ReadAudit accepted the verdict \"maybe\"")
	}
}

func TestAsAudited(t *testing.T) {
	audit := []Verdict{
		{Document: "a/p.md", Indicator: "anchor_mission", Verdict: "accept", Strength: "action", Sentence: "The Board approved the anchor strategy."},
		{Document: "a/p.md", Indicator: "programme_structure", Verdict: "other_indicator", Strength: "intent", Sentence: "We propose a steering group."},
		{Document: "a/p.md", Indicator: "anchor_partnerships", Verdict: "not_own", Strength: "action", Sentence: "The council runs a jobs fair."},
		{Document: "a/p.md", Indicator: "champions", Verdict: "accept", Strength: "action", Negated: true, Sentence: "The champions network has lapsed."},
	}
	item := func(indicator, text string, s doc.Strength) score.Item {
		return score.Item{Evidence: doc.Evidence{Sentence: doc.Sentence{Text: text}, Indicator: indicator, Strength: s}}
	}
	items := []score.Item{
		item("anchor_mission", "The Board approved the anchor strategy.", doc.Outcome),
		item("programme_structure", "We propose a steering group.", doc.Action),
		item("anchor_partnerships", "The council runs a jobs fair.", doc.Action),
		item("champions", "The champions network has lapsed.", doc.Action),
		item("champions", "Forty champions meet monthly.", doc.Action),
	}
	got := AsAudited(audit, items, func(score.Item) string { return "a/p.md" })
	if len(got) != 4 {
		t.Fatalf("got %d items, want 4 (the partner's jobs fair dropped)", len(got))
	}
	// the partner's jobs fair filed under another indicator since is still dropped
	moved := AsAudited(audit, []score.Item{item("joint_recruitment", "The council runs a jobs fair.", doc.Action)}, func(score.Item) string { return "a/p.md" })
	if len(moved) != 0 {
		t.Errorf("a rejected quote moved to another indicator was kept: %+v", moved)
	}
	want := []struct {
		strength doc.Strength
		negated  bool
	}{{doc.Action, false}, {doc.Intent, false}, {doc.Action, true}, {doc.Action, false}}
	for i, w := range want {
		if got[i].Strength != w.strength || got[i].Negated != w.negated {
			t.Errorf("item %d (%q): strength %v negated %v, want %v %v", i, got[i].Text, got[i].Strength, got[i].Negated, w.strength, w.negated)
		}
	}
}

// Evidence moved to another indicator since the audit is judged from the
// same verdict, and a reader's filings teach the indicator model.
func TestAuditMovedAndReaderIndicators(t *testing.T) {
	audit := []Verdict{
		{Document: "a/p.md", Indicator: "anchor_mission", Verdict: "accept", Strength: "action", Sentence: "The Board approved the anchor strategy."},
		{Document: "a/p.md", Indicator: "programme_structure", Verdict: "other_indicator", Strength: "intent", Sentence: "We propose a steering group.",
			Note: "senior_sponsorship: the sponsor's group (not intended_outcomes)"},
		{Document: "a/p.md", Indicator: "anchor_partnerships", Verdict: "not_own", Strength: "action", Sentence: "The council runs a jobs fair."},
		{Document: "a/p.md", Indicator: "champions", Verdict: "other_indicator", Strength: "action", Sentence: "Staff ran a swap shop.", Note: "a staff-led idea"},
	}
	got := Audit(audit, []Quoted{
		{Document: "a/p.md", Indicator: "senior_sponsorship", Sentence: "The Board approved the anchor strategy.", Strength: "action"},
		{Document: "a/p.md", Indicator: "senior_sponsorship", Sentence: "We propose a steering group.", Strength: "intent"},
		{Document: "a/p.md", Indicator: "joint_recruitment", Sentence: "The council runs a jobs fair.", Strength: "action"},
	})
	want := AuditFigures{Audited: 4, Quoted: 3, Judged: 3, Accepted: 1, OwnWork: 2, StrengthRight: 2, NegationRight: 2,
		Dropped: 1, Moved: 3, MovedAccepted: 1}
	if got != want {
		t.Errorf("Audit = %+v, want %+v", got, want)
	}
	c, err := rubric.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	var filed []string
	for _, s := range ReaderIndicators(audit, c) {
		filed = append(filed, s.Indicator+": "+s.Text)
	}
	wantFiled := []string{"anchor_mission: The Board approved the anchor strategy.", "senior_sponsorship: We propose a steering group."}
	if !slices.Equal(filed, wantFiled) {
		t.Errorf("ReaderIndicators = %q, want %q", filed, wantFiled)
	}
}
