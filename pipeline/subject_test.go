package pipeline

import "testing"

func TestForeignSubject(t *testing.T) {
	for _, c := range []struct {
		text, org string
		want      bool
	}{
		{"Stonecross Homes added local-labour clauses to all repairs contracts.", "kingsholt-childrens-hospital", true},
		{"Kingsholt Teaching Hospitals introduced a 15% social value weighting.", "kingsholt-childrens-hospital", true},
		{"Brackenford Royal Infirmary's community wealth programme is well established.", "larkhaven-ostley-icb", true},
		{"2.3 Lindell Works, a local employment charity, ran the course.", "lindell-oakshaw-partnership", false},
		{"Kestrel Bay Hospitals NHS Trust has appointed a programme manager.", "kestrel-bay-hospitals", false},
		{"Northbrook and Cawley ICB has adopted the fourth purpose.", "northbrook-cawley-icb", false},
		{"The Trust has appointed an anchor programme manager.", "kestrel-bay-hospitals", false},
		{"The Council leads the employment workstream.", "kestrel-bay-hospitals", false},
		{"Dr Farah Quayle, Non-Executive Director, is the Board's anchor champion.", "fenwick-vale-community-health", false},
		{"• Saltmarsh Homes runs the jobs club with us.", "saltmarsh-coast-hospitals", true},
	} {
		if got := foreignSubject(c.text, c.org); got != c.want {
			t.Errorf("foreignSubject(%q, %q) = %v, want %v", c.text, c.org, got, c.want)
		}
	}
}
