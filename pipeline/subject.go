package pipeline

import (
	"regexp"
	"slices"
	"strings"
	"unicode"

	"github.com/anchorscore/anchorscore/pipeline/doc"
	"github.com/anchorscore/anchorscore/rubric"
)

// OwnEvidence drops, for the rubric's themes about the organisation
// itself, evidence whose sentence is about another named organisation: an
// ICB's or a network host's papers report their partners' work, which is
// system leadership for the reader, not the reader's own culture. For
// every theme it drops another body's work that the organisation only
// watches, attends or hosts (for the other themes, not in an ICB's
// papers, where what partners do together is what the ICB convenes). An
// empty org is an organisation not known (a labelled sentence measured
// alone): a named NHS body may then be the organisation itself, so only
// other kinds of body count as foreign.
func OwnEvidence(r *rubric.Compiled, org string, evidence []doc.Evidence) []doc.Evidence {
	own := map[string]bool{}
	for _, th := range r.Themes {
		own[th.ID] = th.OwnOrganisation
	}
	out := evidence[:0:0]
	for _, ev := range evidence {
		if partnersSection.MatchString(strings.ToLower(ev.Section)) {
			continue
		}
		if own[ev.Theme] && (foreignSubject(ev.Text, org) || partnersWork(ev.Text) || othersAlone(ev.Text, org) || aTrustsWork(ev.Text, org)) {
			continue
		}
		if !own[ev.Theme] && SelfNames(org) == nil && othersAlone(ev.Text, org) {
			continue
		}
		out = append(out, ev)
	}
	return out
}

// othersAlone reports whether a sentence tells of another body's work in
// which the organisation has no part, or only attends: "Kilverstowe City
// Council launched its Anchor Partnership at the Guildhall", "the Trust
// attended the network, which is run by the council". Work with partners
// is system leadership; a partner's work the organisation watches is not.
// An ICB's papers are left alone: what partners do together there is
// what the ICB convenes.
func othersAlone(text, org string) bool {
	trimmed := strings.TrimLeft(text, " •·-–*|\t0123456789.")
	// An event that "brought together 46 employers" was not joint work.
	lower := broughtTogether.ReplaceAllString(" "+strings.ToLower(trimmed)+" ", " ")
	// The Joint Strategic Needs Assessment is the council's document, joint
	// only in its name.
	lower = strings.ReplaceAll(lower, "joint strategic needs assessment", "jsna")
	// What a partnership reports of its own results ("The Partnership
	// reports that its hub supported 128 residents into work") is its
	// account, not the organisation's work, even in the papers of the
	// body that hosts it.
	if jointReports.MatchString(trimmed) {
		return true
	}
	if jointBody.MatchString(trimmed) {
		return false
	}
	// The organisation's own decision about a partner's work ("The Trust
	// agreed that the hub would carry the council's branding rather than
	// ours") is its work, whoever's name the decision is about; agreeing
	// only to attend, host or promote is not.
	if selfDecides.MatchString(lower) && !decidesOnlyTo.MatchString(lower) {
		return false
	}
	if jointPart.MatchString(lower) {
		// Joint work between two other bodies ("Gurnvale Hospitals NHS
		// Trust launched its academy in partnership with Gurnvale
		// College") is still theirs: joint work is the organisation's only
		// where the sentence names it.
		if org == "" || !foreignSubject(text, org) || selfNamed.MatchString(lower) || strings.Contains(lower, ownName(org)) {
			return false
		}
	}
	if attendedOnly.MatchString(lower) || notOurs.MatchString(lower) {
		return true
	}
	theirs := foreignSubject(text, org) || otherBodyOpener.MatchString(lower) || partnerLed.MatchString(lower)
	if (theirs || launchedBy.MatchString(lower) || otherBodys.MatchString(lower)) && onlyAttends.MatchString(lower) {
		return true
	}
	return theirs && !selfPart.MatchString(recipient.ReplaceAllString(lower, " "))
}

// aTrustsWork reports whether a sentence in an integrated care board's
// papers speaks of "the Trust": a board is not a trust, so the trust is
// one of the providers it reports on ("The Trust now has more than 80
// green champions"), and the work is not the board's own culture.
func aTrustsWork(text, org string) bool {
	if SelfNames(org) == nil {
		return false
	}
	lower := strings.ToLower(text)
	return trustNamed.MatchString(strings.ReplaceAll(lower, "the trust of", ""))
}

var trustNamed = regexp.MustCompile(`\b(the|this) trust\b|\btrust['’]s\b`)

// partnersSection finds a section that gives partners' own accounts of
// their work ("Partner stories", "A message from our partners", "4.
// PARTNERS' OWN PROGRAMMES", "News from around the system"): what is told
// there is theirs, for every theme and every kind of organisation, an
// ICB's too. A section on working with partners, or "System and partner
// updates" (where a chief executive reports the trust's part), is not
// one of them.
var partnersSection = regexp.MustCompile(`\bpartners?['’]? (stories|story|news|spotlights?|voices?|own)\b|\b(stories|news|messages?|voices?) from (our |local |system )?(partners|partner organisations|around the system|across the system)\b|\bin their own words\b`)

var (
	// onlyAttends: the organisation's part is to attend, host, lend a
	// room ("in the hospital's education centre", "asked to use our
	// hall"), supply its adverts or promote.
	onlyAttends = regexp.MustCompile(`\b(attend|attended|attends|attending|observer|observers|invited|venue|use our|used our|uses our|lent|lend our|lends our|supplied our|supplies our|to host|host the|provided a stand|providing a stand|a stand at|had a stand|refer|refers|referred|referral|referrals|signpost|signposts|hosted|hosts|hosting|atrium|available for|welcomed|welcomes|welcoming|proud to support|promote|promoted|promotes|advertise|advertised|(a|our) (stand|stall)|(in|at) (the|our) (hospital|trust)('s|’s)? ([a-z]+ )?(centre|hall|room|foyer|restaurant|entrance)|(in|at) our ([a-z'’-]+ ){0,3}(station|site|campus|headquarters|premises|building))\b`)
	// notOurs: the papers say outright whose the work is.
	notOurs = regexp.MustCompile(`\b(is|are) the (council|college|university|council's|college's|university's|council’s|college’s|university’s)(\b|:)|\bnot ours\b|\bbelongs? to the (network|partnership|partners|charter)|\brather than to (this|the) (trust|organisation)`)
	// launchedBy: "the launch of the Anchor Partnership by the City Council".
	launchedBy = regexp.MustCompile(`\blaunch(ed)? of .{0,80}\bby (the )?([a-z'’-]+ ){0,5}(council|college|university|combined authority)\b`)
	// otherBodys: another kind of body's own event or scheme.
	otherBodys      = regexp.MustCompile(`\b(council|college|university|combined authority|jobcentre)(( group)?('s|’s) | (jobs|job|careers|employment)( and skills)? (fair|fairs|day|days|event|events|service|programme)\b)`)
	broughtTogether = regexp.MustCompile(`\b(brought|bring|brings|bringing)\b[^.;]{0,60}?\btogether\b`)
	// attendedOnly: the organisation's part was to attend or observe.
	attendedOnly = regexp.MustCompile(`\battended (the|a|an) (launch|event|conference|summit)\b`)
	// otherBodyOpener: a sentence that opens with another kind of body.
	otherBodyOpener = regexp.MustCompile(`^ ((on|in|during|last|this|at) [a-z0-9]+( [a-z0-9]+)?,? )?(the )?(city |county |borough |district |local )?(council|councils|college|university|combined authority|housing association|jobcentre|dwp|chamber of commerce)('s|’s)? `)
	// jointPart: work done together, whoever opens the sentence.
	jointPart = regexp.MustCompile(`\b(college|university|council|housing association|cvs|jobcentre) partnership\b|\b(jointly|joint|together|alongside|share|shares|shared|co-designed|co-design|co-written|co-chairs?|co-chaired|co-hosts?|co-hosted|co-funds?|co-funded|agreed with|in partnership with|memorandum|mou|have agreed|has agreed|with the trust|with us|trust staff)\b`)
	// jointBody: a network, alliance or partnership the organisation
	// belongs to, named at the start of a row or sentence.
	jointBody = regexp.MustCompile(`^(The )?([A-Z][\w&'’-]* |& ){0,6}(Network|Alliance|Collaborative|Partnership|Forum)\b`)
	// jointReports: such a body reporting its own results.
	jointReports = regexp.MustCompile(`^(The )?([A-Z][\w&'’-]* |& ){0,6}(Network|Alliance|Collaborative|Partnership|Forum)('s|’s)? (reports|reported|records|recorded|says|said|states|stated) that\b`)
	// selfDecides: a sentence that opens with the organisation deciding,
	// giving or handing over.
	selfDecides   = regexp.MustCompile(`^ (the trust|the board|the icb|the hospital|we)( (also|then|formally|jointly|has|have|had|unanimously))* (agreed|decided|chose|approved|committed|contributes|contributed|contribute|gave|gives|transferred|handed|ceded|pooled|seconded|seconds|leased)\b`)
	decidesOnlyTo = regexp.MustCompile(`^ [a-z ]{0,40}\b(agreed|decided|chose|committed) to (attend|host|promote|advertise|refer|signpost|support|welcome|lend)\b`)
	// recipient: the organisation named only as where another body's
	// work lands or as one of many ("has placed residents in roles at the
	// Trust", "46 employers, including the Trust"), or its area named as
	// a place ("deprivation across our catchment"), which is no part in
	// the work.
	recipient = regexp.MustCompile(`\b(at|in|into|including|to|for|from|across|within) (the )?(trust|hospital)\b([^'’]|$)|\b(across|in|within|throughout|of) our (catchment|area|patch|borough|town|city|county|district|population|communities|neighbourhoods)\b`)
	// selfNamed: the organisation itself in the sentence.
	selfNamed = regexp.MustCompile(`\b(we|our|us|ours|the trust|trust's|trust’s|the hospital|the board)\b`)
	// selfPart: the organisation, or work done together, in the sentence.
	selfPart = regexp.MustCompile(`\b(we|our|us|ours|the trust|trust's|trust’s|the hospital|the board|jointly|joint|together|alongside|co-chair|co-chairs|co-chaired|with the trust|with us)\b`)
)

// orgNouns end the names of organisations.
var orgNouns = map[string]bool{
	"homes": true, "housing": true, "council": true, "college": true, "university": true, "trust": true,
	"hospitals": true, "hospital": true, "infirmary": true, "icb": true, "ics": true, "partnership": true,
	"group": true, "authority": true, "association": true, "network": true, "alliance": true, "school": true,
	"schools": true, "hospice": true, "services": true, "cvs": true, "academy": true, "foundation": true,
	"collaborative": true, "commission": true, "police": true, "service": true, "federation": true,
	"healthcare": true,
}

// notANameStart: a capitalised opening word that cannot begin another
// organisation's name as the sentence's subject ("With Millrace Housing
// Association, the Trust...", "A University of Dunmere evaluation").
var notANameStart = map[string]bool{"the": true, "our": true, "a": true, "an": true, "with": true, "at": true, "in": true, "on": true,
	"for": true, "from": true, "by": true, "through": true, "as": true, "together": true, "alongside": true}

// neighbourWords open the name of another body of the organisation's own
// kind.
var neighbourWords = map[string]bool{"neighbouring": true, "neighboring": true, "nearby": true, "fellow": true}

// internalGroup words name an organisation's own committees and groups.
var internalGroup = map[string]bool{"steering": true, "delivery": true, "working": true, "ratification": true, "investment": true,
	"planning": true, "programme": true, "project": true, "oversight": true, "reference": true, "task": true, "capital": true,
	"policy": true, "advisory": true, "implementation": true, "assurance": true, "management": true, "executive": true, "operational": true}

// timeOrPlace open a phrase that can come before a sentence's subject.
var timeOrPlace = map[string]bool{"at": true, "in": true, "on": true, "during": true, "since": true, "following": true, "after": true, "last": true, "earlier": true}

// nhsNouns are the kinds of organisation an NHS body's own name ends in.
var nhsNouns = map[string]bool{"healthcare": true, "trust": true, "hospitals": true, "hospital": true, "infirmary": true, "icb": true, "ics": true, "foundation": true,
	"service": true, "services": true, "partnership": true, "hospice": true, "federation": true}

// hospitalNouns name a kind of provider: in another body's name, one the
// organisation's own name lacks marks it as another body.
var hospitalNouns = map[string]bool{"hospitals": true, "hospital": true, "infirmary": true, "hospice": true}

// providerNouns end the names of the trusts and services an ICB
// commissions.
var providerNouns = map[string]bool{"healthcare": true, "trust": true, "hospitals": true, "hospital": true, "infirmary": true, "foundation": true, "service": true, "services": true}

// foreignSubject reports whether a sentence opens with the name of an
// organisation other than org (a folder name such as
// "kestrel-bay-hospitals"): two or more capitalised words ending in a kind
// of organisation, either of a kind an NHS body is not ("Saltmarsh Homes")
// or with words the organisation's own name lacks ("Kingsholt Teaching
// Hospitals" in the papers of Kingsholt Children's Hospital).
func foreignSubject(text, org string) bool {
	words := strings.Fields(strings.TrimLeft(text, " •·-–*|\t0123456789."))
	// A short opening phrase of time or place ("At its September meeting,
	// Pellworth Royal Infirmary presented...") comes before the subject.
	if len(words) > 0 && timeOrPlace[strings.ToLower(words[0])] {
		for i, w := range words[:min(len(words), 7)] {
			if strings.HasSuffix(w, ",") {
				words = words[i+1:]
				break
			}
		}
	}
	// "The Ickenthorpe and Pemberdine ICS has set up...": the article
	// before a name ("The Trust" names no other body: its name is one
	// word).
	if len(words) > 2 && words[0] == "The" && unicode.IsUpper([]rune(words[1])[0]) {
		words = words[1:]
	}
	var name []string
	for _, raw := range words {
		w := strings.Trim(raw, ",;:'’()")
		if w == "" {
			break
		}
		if r := []rune(w)[0]; !unicode.IsUpper(r) && w != "of" && w != "and" && w != "&" {
			break
		}
		name = append(name, strings.ToLower(strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s")))
		if len(name) > 8 {
			return false
		}
		// A name ends at a comma or colon: "Minutes, Investment Group:"
		// opens with a label, "Tamsford, Osterby Council and ..." with a
		// list of several bodies.
		if strings.ContainsAny(raw, ",:;") {
			break
		}
	}
	// The name ends at its last organisation noun.
	end := -1
	for i, w := range name {
		if orgNouns[w] {
			end = i
		}
	}
	if end < 1 {
		return false
	}
	// "Neighbouring Tarnside Royal Hospitals has published...": the word
	// says it is another body, whatever kind.
	if neighbourWords[name[0]] {
		return true
	}
	if notANameStart[name[0]] {
		return false
	}
	// The organisation's own groups: "Community Wealth Steering Group".
	if name[end] == "group" {
		for _, w := range name[:end] {
			if internalGroup[w] {
				return false
			}
		}
	}
	mine := map[string]bool{}
	for _, w := range strings.FieldsFunc(strings.ToLower(org), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		mine[w] = true
		mine[strings.TrimSuffix(w, "s")] = true
	}
	kind := name[end]
	if !nhsNouns[kind] && !mine[kind] && !mine[strings.TrimSuffix(kind, "s")] {
		return true
	}
	if org == "" {
		return false
	}
	// An integrated care board is not a trust or a hospital: any provider
	// named in its papers is another organisation.
	if SelfNames(org) != nil && providerNouns[kind] {
		return true
	}
	for _, w := range name[:end] {
		switch {
		// "Gurnvale Hospitals NHS Trust" in the papers of the Kelmsworth
		// and Gurnvale Ambulance Service: a place the two names share,
		// but a kind of body the organisation's own name is not.
		case hospitalNouns[w] && !mine[w] && !mine[strings.TrimSuffix(w, "s")]:
			return true
		case orgNouns[w], w == "nhs", w == "of", w == "and", w == "&", w == "royal", w == "the":
		case !mine[w] && !mine[strings.TrimSuffix(w, "s")]:
			return true
		}
	}
	return false
}

// partnersWork reports whether a sentence is about what partners do, not
// what the organisation does with them: "Partners have pooled...",
// "Residents recruited by partners", "Share of partners' non-pay spend".
// Work done with partners ("with partners") stays the organisation's.
func partnersWork(text string) bool {
	lower := strings.ToLower(strings.TrimLeft(text, " •·-–*|\t0123456789."))
	for _, p := range partnerOpeners {
		// "Members of the estates team" are the organisation's own staff.
		if strings.HasPrefix(lower, p) && !strings.HasPrefix(lower, "members of ") {
			return true
		}
	}
	// A foundation trust's own members meet at its members' meeting.
	lower = strings.NewReplacer("members' meeting", "", "members’ meeting", "").Replace(lower)
	for _, p := range partnerPhrases {
		if strings.Contains(lower, p) {
			return true
		}
	}
	return partnerLed.MatchString(lower)
}

// partnerLed finds work another body runs: "the fair, organised by the
// district council's employment team", "a course delivered by Edgecott
// College", "the campaign is run and paid for by the three founding
// partners".
var partnerLed = regexp.MustCompile(`\b(organised|organized|held|published|produced|run|led|hosted|delivered|convened|funded|commissioned|designed|built)( and (paid for|funded|run|led|delivered|designed|hosted|organised|organized))? by (the )?(([a-z'’-]+ ){0,5}(council|councils|college|university|homes|housing association|jobcentre|dwp|chamber of commerce|combined authority|academy|academies)|((two|three|four|five|six|other|founding|its|their) )*partners)\b`)

var (
	partnerOpeners = []string{"partners ", "our partners ", "the partners ", "all partners ", "partner organisations ",
		"member organisations ", "members ", "network members ", "the network's members ", "signatories ", "all signatories ",
		"the network's ", "the network’s ", "the charter's ", "the charter’s "}
	partnerPhrases = []string{"partners'", "partners’", "by partners", "by our partners", "by partner organisations", "by member organisations",
		"by network members", "by signatories", "by other signatories", "members'", "members’", "signatories'", "signatories’",
		"other trusts", "other ambulance trusts", "other nhs trusts", "other nhs organisations", "other organisations were"}
)

// ownName is the distinctive part of an organisation's name, the words of
// its folder before the first that says what kind of body it is:
// "kelmsworth and gurnvale" for kelmsworth-and-gurnvale-ambulance-service-nhs-trust.
func ownName(org string) string {
	words := strings.FieldsFunc(strings.ToLower(org), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	var name []string
	for _, w := range words {
		if orgNouns[w] || kindWords[w] {
			break
		}
		name = append(name, w)
	}
	if len(name) == 0 {
		return strings.Join(words, " ")
	}
	return strings.Join(name, " ")
}

// kindWords say what kind of body an organisation is, in its name.
var kindWords = map[string]bool{"nhs": true, "ambulance": true, "community": true, "mental": true, "teaching": true,
	"university": true, "childrens": true, "children": true, "health": true, "integrated": true, "specialist": true,
	"general": true, "district": true, "cancer": true, "orthopaedic": true, "heart": true, "eye": true, "women": true, "womens": true}

// SelfNames are the words by which an organisation's own papers name it
// that the rubric also uses for others, for rubric.Match: an integrated
// care board calls itself "the ICB", which elsewhere marks work at
// system level.
func SelfNames(org string) []string {
	words := strings.FieldsFunc(strings.ToLower(org), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	if slices.Contains(words, "icb") || strings.Contains(strings.Join(words, " "), "integrated care board") {
		return []string{"icb", "integrated care board"}
	}
	return nil
}
