package rubric

import "testing"

func TestNotAStatement(t *testing.T) {
	for text, want := range map[string]bool{
		"Dr Ellison-Hart asked who at executive level was accountable for the anchor work.":                                     true,
		"RT asked whether the anchor criteria were applied; the Director of Finance confirmed that they were.":                  false,
		"Is the green champions group still running?":                                                                           true,
		"VCSE: voluntary, community and social enterprise sector.":                                                              true,
		"SRO: Director of Strategy, who leads the anchor programme.":                                                            false,
		"Glossary: CWB, community wealth building.":                                                                             true,
		"The Board asked the Executive to report on local spend.":                                                               false,
		"Several staff asked in the consultation briefings whether the ICB would introduce green champions.":                    true,
		"She noted the Trust's anchor reports but asked who on the Executive was responsible for this work.":                    true,
		"Every planning pack asked clinical directors to describe how their plans would support local jobs.":                    false,
		"Mrs Forsythe asked about the ICS Anchor Charter.":                                                                      true,
		"In attendance: Kerry Bastow (Head of Community Wealth Building, item 25/011)":                                          true,
		"Councillor Sadiq declared his role as Cabinet Member for Health at Wrathmoor City Council, a contributor to the Fund.": true,
		"The Board declared the anchor charter signed and the network launched.":                                                false,
		"Mr Okafor declared an interest.":                                                                                       true,
		"Anchor institution | A large, locally rooted organisation that can use its spending and buildings.":                    true,
		"HALN | Health Anchors Learning Network":                                                                                true,
		"Green champions | 41 | 236":                                                                                            false,
		"Local recruitment | The Trust recruited 48 residents through the academy.":                                             false,
		"Anchor institution — a large, place-based organisation that can use its spending to benefit its area.":                 true,
		"Good Work Fund – a pooled budget held by partners in the Anchor Network.":                                              true,
		"Social value - the additional economic, social and environmental benefit of public spending.":                          true,
		"Executive lead – the Director of Strategy, who chairs the Anchor Programme Board.":                                     false,
		"Green champions – a network of 140 staff – cut ward waste by a third.":                                                 false,
		"Since April — a year earlier than planned — every tender has carried a social value weighting.":                        false,
	} {
		if got := notAStatement(text, Tokenize(text)) != ""; got != want {
			t.Errorf("notAStatement(%q) = %v, want %v", text, got, want)
		}
	}
}
