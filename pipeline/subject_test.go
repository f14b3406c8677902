package pipeline

import (
	"testing"

	"github.com/anchorscore/anchorscore/pipeline/doc"
	"github.com/anchorscore/anchorscore/rubric"
)

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
		{"Neighbouring Tarnside Royal Hospitals has published its first anchor strategy.", "", true},
		{"Neighbouring Tarnside Royal Hospitals has published its first anchor strategy.", "kestrel-bay-hospitals", true},
		{"The Council leads the employment workstream.", "kestrel-bay-hospitals", false},
		{"Dr Farah Quayle, Non-Executive Director, is the Board's anchor champion.", "fenwick-vale-community-health", false},
		{"• Saltmarsh Homes runs the jobs club with us.", "saltmarsh-coast-hospitals", true},
		{"At its September meeting, Pellworth Royal Infirmary presented its pre-employment programme.", "nhs-pellworth-and-sandmere-integrated-care-board", true},
		{"In March, Kestrel Bay Hospitals NHS Trust appointed a programme manager.", "kestrel-bay-hospitals", false},
		{"In 2024 the Trust appointed a programme manager.", "kestrel-bay-hospitals", false},
		{"Minutes, Investment Group: members agreed to score each option on local jobs.", "kestrel-bay-hospitals", false},
		{"Community Wealth Steering Group | Chaired by Deputy Chief Executive | Meeting monthly", "kestrel-bay-hospitals", false},
		{"With Millrace Housing Association, the Trust co-designed job adverts.", "kestrel-bay-hospitals", false},
		{"A University of Dunmere evaluation found that 83% were still employed a year later.", "kestrel-bay-hospitals", false},
		{"Pennmoor Partnership says it will recruit a full-time manager.", "", false},
		{"The Ickenthorpe and Pemberdine ICS has recently set up an anchor network.", "ickenthorpe-cardiothoracic-centre-nhs-foundation-trust", true},
		{"The Anchor Programme Board meets quarterly.", "kestrel-bay-hospitals", false},
		{"The Kestrel Bay Hospitals NHS Trust Board approved the strategy.", "kestrel-bay-hospitals", false},
		{"Gurnvale Hospitals NHS Trust launched its Health and Care Academy.", "kelmsworth-and-gurnvale-ambulance-service-nhs-trust", true},
		{"Kestrel Bay Hospital has appointed a programme manager.", "kestrel-bay-hospitals-nhs-trust", false},
		{"Gurnvale Ambulance Service NHS Trust signed the charter.", "kelmsworth-and-gurnvale-ambulance-service-nhs-trust", false},
	} {
		if got := foreignSubject(c.text, c.org); got != c.want {
			t.Errorf("foreignSubject(%q, %q) = %v, want %v", c.text, c.org, got, c.want)
		}
	}
}

func TestPartnersWork(t *testing.T) {
	for _, c := range []struct {
		text string
		want bool
	}{
		{"Partners have pooled £600,000 into a shared employment fund.", true},
		{"Residents from IMD deciles 1–2 recruited by partners (number) | n/a | 148", true},
		{"Share of partners' non-pay spend with local suppliers | 27.1% | 28.9%", true},
		{"We worked with partners to run a joint jobs fair for local residents.", false},
		{"The fair, organised by Edgecott District Council's employment and skills team, brought together local employers.", true},
		{"The course is delivered by Marlstow College on our site.", true},
		{"Dr Mehta said that some other ambulance trusts were doing interesting work on recruiting locally.", true},
		{"2.3 The network's supported internship scheme, coordinated by Kingsholt College, gives young people a placement.", true},
		{"Our own pre-employment course, run by the trust's recruitment team, took 14 residents.", false},
		{"Our procurement team added a 10% social value weighting to every tender.", false},
		{"Members of the estates and facilities team are released for half a day a month.", false},
		{"The Trust's civic strategy was launched at the annual members' meeting in September.", false},
	} {
		if got := partnersWork(c.text); got != c.want {
			t.Errorf("partnersWork(%q) = %v, want %v", c.text, got, c.want)
		}
	}
}

func TestProviderInAnICBsPapers(t *testing.T) {
	text := `Aldwyck University Hospitals' "Step Into Health" pre-employment programme has supported 64 residents into work.`
	if !foreignSubject(text, "nhs-aldwyck-and-fenmoor-integrated-care-board") {
		t.Error("a trust named in an ICB's papers was taken for the ICB")
	}
	if foreignSubject(text, "aldwyck-university-hospitals") {
		t.Error("the trust's own name was taken for another organisation")
	}
}

// A board is not a trust: in an ICB's papers "the Trust" and a
// "Community Healthcare" body are the providers it reports on.
func TestTrustInAnICBsPapers(t *testing.T) {
	const icb, trust = "nhs-brindlecote-and-usk-integrated-care-board", "brindlecote-community-healthcare-nhs-trust"
	for _, c := range []struct {
		org, text string
		theirs    bool
	}{
		{icb, "The Trust now has more than 80 green champions.", true},
		{icb, "The trust's catering team has cut food waste by a third.", true},
		{icb, "Our staff green champions network now has 40 members.", false},
		{icb, "We aim to earn the trust of local communities in how we commission.", false},
		{trust, "The Trust now has more than 80 green champions.", false},
	} {
		if got := aTrustsWork(c.text, c.org); got != c.theirs {
			t.Errorf("aTrustsWork(%q, %s) = %v, want %v", c.text, c.org, got, c.theirs)
		}
	}
	text := "Wyvernside Community Healthcare reported a 19% fall in estate carbon and 134 green champions."
	if !foreignSubject(text, icb) {
		t.Error("a community healthcare trust named in an ICB's papers was taken for the ICB")
	}
	if foreignSubject(text, "wyvernside-community-healthcare-nhs-trust") {
		t.Error("a community healthcare trust's own name was taken for another organisation")
	}
}

func TestSelfNames(t *testing.T) {
	if got := SelfNames("nhs-kestmoor-and-weir-valley-integrated-care-board"); len(got) == 0 {
		t.Error("an integrated care board spelled out has no self names")
	}
	if got := SelfNames("larkhaven-ostley-icb"); len(got) == 0 {
		t.Error("an ICB has no self names")
	}
	if got := SelfNames("kestrel-bay-hospitals"); got != nil {
		t.Errorf("a trust has self names %q", got)
	}
}

func TestOthersAlone(t *testing.T) {
	const org = "kilverstowe-heart-and-chest-hospital-nhs-foundation-trust"
	for _, c := range []struct {
		text string
		want bool
	}{
		{"Kilverstowe City Council launched its Kilverstowe Anchor Partnership at the Guildhall on 18 April.", true},
		{"The council launched its own care academy for home care workers in January.", true},
		{"We hosted Kilverstowe City Council's Kilverstowe East jobs fair in our atrium, attended by 400 local people.", true},
		{"The launch of the Anchor Partnership, led by Kilverstowe City Council, which the Director of Strategy attended.", true},
		{"the launch of the Kilverstowe Anchor Partnership by Kilverstowe City Council in April, which the Director of Strategy attended.", true},
		{"The fair is the council's: it organises the event, invites the employers and staffs it.", true},
		{"The fair was organised and run by the council's employment service.", true},
		{"The Partnership reports that in 2024/25 its Harnley Works hub supported 128 residents into work.", true},
		{"The Kilverstowe Anchor Partnership agreed a shared measure of local spend.", false},
		{"The fair, organised by the council's employment and skills team, brought together 46 local employers.", true},
		{"Colleagues from the trust attended the launch of the Ostle Valley Anchor Charter at the ICS Partnership Assembly.", true},
		{"In October 2023 we were delighted to host the Corrowby City Council Jobs and Skills Fair in the atrium.", true},
		{"The trust again provided a stand at the Brantwick Borough Council jobs fair in October 2024.", true},
		{"The programme's achievements, including the Health and Care Academy, belong to the network and its members rather than to this Trust.", true},
		{"Link workers refer people to the council's Works employment programme, which is run by the council.", true},
		{"On Wednesday the council's Business Support team ran a Meet the Buyer session for small firms.", true},
		{"Hosting the Stellbridge Borough Council Jobs and Skills Fair, which brought over 300 residents and 40 employers together in our atrium.", true},
		{"We again made Pennock Bridge Community Hospital available for Hollinmere County Council's Jobs and Skills Fair.", true},
		{"Community Roots is separate from the employment hub run by Corrabeck District Council, to which our teams can continue to refer patients.", true},
		{"We take part in the careers events run by the health and care academies of the three systems, and attended 14 of them.", true},
		{"On Tuesday the hospital welcomed 22 learners from Ostle Valley College Group's Step into Health course.", true},
		{"Wymble District Council's employment service runs an employment support programme and has placed a small number of residents in roles at the Trust.", true},
		{"The fair is run by Wymble District Council's employment service, and this year it brought together 46 employers, including the Trust.", true},
		{"The housing association partnership led to 57 tenants starting work at the trust in 2024/25.", false},
		{"The fair is organised and paid for by the council, which asked to use our hall because of its town centre location.", true},
		{"The campaign is run and paid for by the three founding partners; our recruitment team has supplied our job adverts.", true},
		{"Kilverstowe City Council and the Trust ran a joint recruitment day for 60 residents.", false},
		{"Tamsford, Kilverstowe Council and Lynmere Hospice now share a single careers stand at school events.", false},
		{"Ravensholt & Pellingham Anchor Network | 14 member organisations | Meets quarterly", false},
		{"The council and the NHS intend to advertise health and social care jobs together from next year.", false},
		{"With Kilverstowe College we run a health and care academy for local school leavers.", false},
		{"The Trust has agreed to share its supplier data and list its vacancies on the Council's local jobs board.", false},
		{"Kilverstowe Homes and the Trust jointly fund a key worker housing scheme.", false},
		{"September 2023 | Kilverstowe Jobs Fair held by the county council at Hopwick station", true},
		{"Kilverstowe County Council's Employment and Skills Service held its annual jobs fair at our Hopwick ambulance station, using the vehicle bay.", true},
		{"The council organises the event; our recruitment team will have a stand and would welcome volunteers.", true},
		{"We held our own jobs fair at our Hopwick station with the council, and 40 residents applied.", false},
		{"The Joint Strategic Needs Assessment, published by the council's public health team, describes poverty and deprivation across our catchment.", true},
		{"Pellworth Royal Infirmary launched its Health and Care Academy in September 2023, in partnership with Pellworth College.", true},
		{"Pellworth College launched the academy in partnership with the Trust.", false},
		{"Pellworth College and Kilverstowe Heart and Chest Hospital jointly run the academy.", false},
		{"The Trust agreed that the hub would carry the council's branding rather than ours, and that vacancies from all three partners would be advertised there.", false},
		{"We agreed to promote the council's jobs fair in our staff bulletin.", true},
	} {
		if got := othersAlone(c.text, org); got != c.want {
			t.Errorf("othersAlone(%q) = %v, want %v", c.text, got, c.want)
		}
	}
}

// Another body's work does not count for the organisation's own culture
// either: a council's session the trust hosts is not the trust's buying.
func TestOwnEvidenceDropsOthersWorkForOwnThemes(t *testing.T) {
	r, err := rubric.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	const org = "wyvernford-hospitals-nhs-foundation-trust"
	ev := []doc.Evidence{
		{Sentence: doc.Sentence{Text: "On Wednesday the council's Business Support team ran a Meet the Buyer session in the hospital's education centre."}, Theme: "shepherding_culture_change", Indicator: "decision_making"},
		{Sentence: doc.Sentence{Text: "Our procurement team now scores every tender over £50,000 on local spend."}, Theme: "shepherding_culture_change", Indicator: "decision_making"},
	}
	got := OwnEvidence(r, org, ev)
	if len(got) != 1 || got[0].Text != ev[1].Text {
		t.Errorf("OwnEvidence kept %+v, want only the trust's own tender scoring", got)
	}
}

// A section that gives partners' own accounts of their work ("Partner
// stories", "A message from our partners") is theirs for every theme; a
// chief executive's "System and partner updates" is not.
func TestOwnEvidenceDropsPartnersSections(t *testing.T) {
	r, err := rubric.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		org, section string
		keep         bool
	}{
		{"wyvernford-hospitals-nhs-foundation-trust", "4. Partner stories", false},
		{"nhs-wyvernford-integrated-care-board", "4. PARTNERS' OWN PROGRAMMES", false},
		{"wyvernford-hospitals-nhs-foundation-trust", "9.7 A message from our partners", false},
		{"wyvernford-hospitals-nhs-foundation-trust", "5. SYSTEM AND PARTNER UPDATES", true},
		{"wyvernford-hospitals-nhs-foundation-trust", "7. WORKING WITH PARTNERS", true},
	} {
		ev := []doc.Evidence{{Sentence: doc.Sentence{Section: c.section, Text: "The network of 318 green champions now has protected time in every locality."},
			Theme: "system_leadership", Indicator: "anchor_networks"}}
		if got := len(OwnEvidence(r, c.org, ev)) == 1; got != c.keep {
			t.Errorf("%s in %q: kept %v, want %v", c.org, c.section, got, c.keep)
		}
	}
}
