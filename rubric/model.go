package rubric

// Rubric is the YAML file as written by an analyst. Field tags are the
// YAML keys; the strict decoder rejects any other key.
type Rubric struct {
	ID          string    `yaml:"id"`
	Name        string    `yaml:"name"`
	Version     string    `yaml:"version"`
	Description string    `yaml:"description"`
	Levels      []Level   `yaml:"levels"`
	Contexts    []Context `yaml:"contexts"`
	Exclude     []string  `yaml:"exclude"`
	// MultiCode lets one sentence count for several indicators. Off by
	// default: a sentence is coded to the one indicator it matches best
	// (the heaviest pattern, then the most specific words), as a careful
	// human coder would.
	MultiCode  bool        `yaml:"multi_code"`
	Cues       Cues        `yaml:"cues"`
	LevelRules []LevelRule `yaml:"level_rules"`
	Themes     []Theme     `yaml:"themes"`
	// LevelModel, when trained, decides the level from the rules' facts
	// and the cues in the evidence; the rules' own level is kept beside it.
	LevelModel *LevelModel `yaml:"level_model"`
	// IndicatorModel, when learned, chooses between the indicators one
	// sentence matches, by its words as well as the patterns' weights.
	IndicatorModel *IndicatorModel `yaml:"indicator_model"`
	// FindingModel, when learned, finds evidence no pattern matches by the
	// words careful readers read as evidence.
	FindingModel *FindingModel `yaml:"finding_model"`

	pos  map[string]Pos // key path -> where it was written, for later errors
	file string
}

// Level names one step of the maturity scale.
type Level struct {
	Level       int    `yaml:"level"`
	Name        string `yaml:"name"`
	Description string `yaml:"description"`
}

// Context is a named list of terms that a gate can ask for near evidence:
// what tells anchor work from any other partnership or staff scheme.
type Context struct {
	ID    string   `yaml:"id"`
	Terms []string `yaml:"terms"`
}

// Cues qualify each evidence sentence.
type Cues struct {
	Negation  Negation     `yaml:"negation"`
	Strength  StrengthCues `yaml:"strength"`
	Ownership []string     `yaml:"ownership"`
	// Partial marks action that is single, a pilot or partial ("piloted
	// in one tender"): it counts as action, but not towards the rules'
	// min_full_action_indicators.
	Partial []string `yaml:"partial"`
	// NamedWork is what a piece of work's own name stands for once the
	// organisation's evidence has told of it by that name (up to three
	// words): with "anchor programme", a later "Kindred Work closed at the
	// end of March" reads as "anchor programme closed at the end of
	// March". Empty: names stand for nothing.
	NamedWork string `yaml:"named_work"`
}

// Negation is NegEx: trigger terms with a scope of Window words, ended
// early by a terminator or clause punctuation.
type Negation struct {
	Window int `yaml:"window"`
	// WindowAfter is the scope of an "after" trigger, which usually
	// follows a longer subject ("The strategy, drafted in 2022 under the
	// previous chief executive, was never taken to the board"). Default:
	// twice Window.
	WindowAfter int      `yaml:"window_after"`
	Before      []string `yaml:"before"`      // the trigger comes before what it negates ("not yet appointed")
	After       []string `yaml:"after"`       // the trigger comes after ("... was paused")
	Pseudo      []string `yaml:"pseudo"`      // look like triggers but do not negate ("not only")
	Terminators []string `yaml:"terminators"` // end a scope ("but", "however")
	Withdrawal  []string `yaml:"withdrawal"`  // triggers that mean something was ended, which lowers a level
	// Unmet terms say a wish has nothing behind it yet ("no decision has
	// been taken", "not yet resourced"). They negate a statement of intent
	// across a terminator: "We would like a green champions network, but
	// no decision has been taken" is a wish unmet, where "We recruited 40
	// residents, but no decision has been taken on a second cohort" keeps
	// its deed.
	Unmet []string `yaml:"unmet"`
}

// StrengthCues tell intent from action from outcome.
type StrengthCues struct {
	Intent []string `yaml:"intent"`
	// IntentIfVerb cues mark intent only where the tagger reads them as
	// verbs: "we plan to", not "the plan is in place".
	IntentIfVerb []string `yaml:"intent_if_verb"`
	// Outcome patterns recognise a measured result ("#" stands for a
	// quantity; years and financial years are not quantities). A sentence
	// with an intent cue is intent even when it quotes figures: "we aim to
	// raise local spend to 30%" is a target, not a result.
	Outcome []Pattern `yaml:"outcome"`
}

// LevelRule: a theme reaches Level when every condition set holds. Rules
// are tried from the highest level down; the first that holds decides.
type LevelRule struct {
	Level                   int    `yaml:"level"`
	Rule                    string `yaml:"rule"`
	MinIndicators           int    `yaml:"min_indicators"`
	MinActionIndicators     int    `yaml:"min_action_indicators"`
	MinOutcomeIndicators    int    `yaml:"min_outcome_indicators"`
	MinFullActionIndicators int    `yaml:"min_full_action_indicators"`
	MinOwnedIndicators      int    `yaml:"min_owned_indicators"`
	// MinDocuments counts documents with evidence for the theme, asking
	// no more than the organisation has in the period scored.
	MinDocuments int `yaml:"min_documents"`
	MinPeriods   int `yaml:"min_periods"`
	// MinActionEvidence counts sentences of action or outcome in the
	// theme, so that one isolated mention does not make a level.
	MinActionEvidence int `yaml:"min_action_evidence"`
	// MinCorroboratedIndicators counts indicators with action in more
	// than one sentence: breadth made of single mentions, each of which
	// may be a misreading, is not yet an established programme.
	MinCorroboratedIndicators int      `yaml:"min_corroborated_indicators"`
	RequireAny                []string `yaml:"require_any"`
}

// Theme is one building block with its indicators.
type Theme struct {
	ID          string      `yaml:"id"`
	Name        string      `yaml:"name"`
	Description string      `yaml:"description"`
	Indicators  []Indicator `yaml:"indicators"`
	LevelRules  []LevelRule `yaml:"level_rules"` // overrides the rubric's level_rules
	// OwnOrganisation says the theme is about the organisation whose
	// documents are read: a sentence whose subject is another named
	// organisation ("Stonecross Homes added local-labour clauses...", in
	// an ICB's report of its partners) is not its evidence.
	OwnOrganisation bool `yaml:"own_organisation"`
}

// Indicator is one thing a careful reader looks for.
type Indicator struct {
	ID       string    `yaml:"id"`
	Name     string    `yaml:"name"`
	Weight   float64   `yaml:"weight"`
	Gate     *Gate     `yaml:"gate"`
	Patterns []Pattern `yaml:"patterns"`
	Exclude  []string  `yaml:"exclude"`
	// Measures makes this indicator the home of the rows of a table of
	// measures that give only a baseline and a target ("Tenders with
	// social value weighting | 0% | 100%"), whatever their topic: such a
	// row sets an intended outcome, it reports no procurement decision.
	// At most one indicator in a rubric can say so.
	Measures bool `yaml:"measures"`
	// Statement says, for a board, what good looks like when the
	// indicator is evidenced; Prompt is the reflective question asked
	// when it is not.
	Statement string   `yaml:"statement"`
	Prompt    string   `yaml:"prompt"`
	Examples  Examples `yaml:"examples"`
}

// Gate makes an indicator count only where one of the named contexts is
// near: in the same sentence, paragraph or section.
type Gate struct {
	Context []string `yaml:"context"`
	Scope   string   `yaml:"scope"`
}

// Pattern is what a sentence must contain. Written as a plain string it is
// one term ("anchor programme manager|anchor lead"); as a mapping, All
// lists terms that must all occur, Within words of each other or in the
// same Scope.
type Pattern struct {
	All     []string `yaml:"all"`
	Within  int      `yaml:"within"`
	Scope   string   `yaml:"scope"`
	Weight  float64  `yaml:"weight"`
	Exclude []string `yaml:"exclude"`
	Unless  []string `yaml:"unless"`
}

// Examples must match (Match) or must not (NoMatch) the indicator; a
// "negated:" prefix on a Match example says it must match negated.
type Examples struct {
	Match   []string `yaml:"match"`
	NoMatch []string `yaml:"no_match"`
}

// Pos is a place in a YAML file.
type Pos struct {
	File         string
	Line, Column int
}
