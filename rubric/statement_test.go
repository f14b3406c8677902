package rubric

import "testing"

func TestNotAStatement(t *testing.T) {
	for text, want := range map[string]bool{
		"Dr Ellison-Hart asked who at executive level was accountable for the anchor work.":                    true,
		"RT asked whether the anchor criteria were applied; the Director of Finance confirmed that they were.": false,
		"Is the green champions group still running?":                                                          true,
		"VCSE: voluntary, community and social enterprise sector.":                                             true,
		"SRO: Director of Strategy, who leads the anchor programme.":                                           false,
		"Glossary: CWB, community wealth building.":                                                            true,
		"The Board asked the Executive to report on local spend.":                                              false,
		"Several staff asked in the consultation briefings whether the ICB would introduce green champions.":   true,
		"She noted the Trust's anchor reports but asked who on the Executive was responsible for this work.":   true,
		"Every planning pack asked clinical directors to describe how their plans would support local jobs.":   false,
		"Mrs Forsythe asked about the ICS Anchor Charter.":                                                     true,
		"In attendance: Kerry Bastow (Head of Community Wealth Building, item 25/011)":                         true,
	} {
		if got := notAStatement(text, Tokenize(text)) != ""; got != want {
			t.Errorf("notAStatement(%q) = %v, want %v", text, got, want)
		}
	}
}
