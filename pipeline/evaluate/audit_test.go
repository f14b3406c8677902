package evaluate

import (
	"os"
	"path/filepath"
	"testing"
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
