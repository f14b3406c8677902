package rubric

import (
	"math"
	"strings"
	"testing"

	"github.com/anchorscore/anchorscore/pipeline/doc"
)

// tinyModel is the tiny rubric with an untrained level model.
const tinyModel = tiny + `level_model:
  features:
    - {cue: "pilot|trial"}
    - {cue: "every|all"}
    - {fact: action_indicators}
    - {theme: t}
`

func TestLevelModelLint(t *testing.T) {
	for _, tc := range []struct{ model, want string }{
		{"    - {cue: pilot, fact: documents}\n", "tiny.yaml:38:7: level_model.features[0]: a feature is one of cue, fact, theme, indicator or undone, found 2 of them"},
		{"    - {indicator: nowhere}\n", `tiny.yaml:38:19: level_model.features[0].indicator: unknown indicator "nowhere"`},
		{"    - {undone: nowhere}\n", `tiny.yaml:38:16: level_model.features[0].undone: unknown indicator "nowhere"`},
		{"    - {fact: pages}\n", `tiny.yaml:38:14: level_model.features[0].fact: unknown fact "pages"`},
		{"    - {theme: nowhere}\n", `tiny.yaml:38:15: level_model.features[0].theme: unknown theme "nowhere"`},
		{"    - {cue: pilot, weights: [1, 2]}\n", "level_model.features[0].weights: weights without intercepts"},
		{"    - {cue: pilot}\n    - {cue: pilot}\n", `level_model.features[1]: cue "pilot" is given twice`},
	} {
		_, err := Parse("tiny.yaml", []byte(tiny+"level_model:\n  features:\n"+tc.model))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: error %v, want it to contain %q", tc.model, err, tc.want)
		}
	}
	trained := tiny + "level_model:\n  intercepts: [0, 1]\n  features:\n    - {cue: pilot, weights: [1, 2, 3]}\n"
	if _, err := Parse("tiny.yaml", []byte(trained)); err == nil || !strings.Contains(err.Error(), "want one weight per level (2), found 3") {
		t.Errorf("three weights on a two-level scale: %v", err)
	}
	c, err := Parse("tiny.yaml", []byte(tinyModel))
	if err != nil {
		t.Fatal(err)
	}
	if c.HasLevelModel() {
		t.Error("a model without weights reads as trained")
	}
	if _, ok := c.PredictLevel(ModelInput{Theme: "t"}); ok {
		t.Error("an untrained model predicted a level")
	}
}

// Calibration learns what separates the levels: here, a pilot is Some
// and work in every ward is None (an arbitrary but learnable rule), and
// the facts say nothing.
func TestCalibrate(t *testing.T) {
	c, err := Parse("tiny.yaml", []byte(tinyModel))
	if err != nil {
		t.Fatal(err)
	}
	var samples []Sample
	for i := 0; i < 20; i++ {
		facts := Facts{Action: i % 3}
		samples = append(samples,
			Sample{ModelInput: ModelInput{Theme: "t", Facts: facts, Texts: []string{"We ran a pilot on two wards."}}, Level: 1},
			Sample{ModelInput: ModelInput{Theme: "t", Facts: facts, Texts: []string{"Every ward now recruits locally."}}, Level: 0})
	}
	model, err := c.Calibrate(samples)
	if err != nil {
		t.Fatal(err)
	}
	again, _ := c.Calibrate(samples)
	if model.YAML() != again.YAML() {
		t.Error("the same samples gave different weights")
	}
	text := ReplaceLevelModel(tinyModel, model.YAML())
	trained, err := Parse("tiny.yaml", []byte(text))
	if err != nil {
		t.Fatalf("calibrated rubric: %v\n%s", err, text)
	}
	if !trained.HasLevelModel() {
		t.Fatal("the calibrated rubric has no trained model")
	}
	p, ok := trained.PredictLevel(ModelInput{Theme: "t", Facts: Facts{Action: 1}, Texts: []string{"The trial ran in one team."}})
	if !ok || p.Level != 1 || !strings.Contains(p.Why, `"pilot" in 100% of the evidence`) {
		t.Errorf("a trial: level %d (%s), want 1 for \"pilot\"", p.Level, p.Why)
	}
	// two levels: the probabilities are the level's and the other's
	if p.Next != 0 || p.Probability <= 0.5 || p.Probability >= 1 || math.Abs(p.Probability+p.NextProbability-1) > 1e-9 {
		t.Errorf("a trial: probability %v, next level %d at %v; want above a half, and the two to sum to 1", p.Probability, p.Next, p.NextProbability)
	}
	if p, _ := trained.PredictLevel(ModelInput{Theme: "t", Texts: []string{"All wards take part."}}); p.Level != 0 {
		t.Errorf("all wards: level %d, want 0", p.Level)
	}
	if _, err := c.Calibrate([]Sample{{ModelInput: ModelInput{Theme: "t"}, Level: 7}}); err == nil {
		t.Error("a level off the scale was learned from")
	}
}

// An indicator feature reads how far the evidence for that indicator
// goes, and an undone feature whether its work has since ended: here a
// charter reached in action is Some, and a board whose work ended is
// None, whatever the words.
func TestCalibrateIndicatorFeatures(t *testing.T) {
	text := tiny + `level_model:
  features:
    - {indicator: charter}
    - {undone: board}
`
	c, err := Parse("tiny.yaml", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	var samples []Sample
	for i := 0; i < 20; i++ {
		texts := []string{"The anchor institution programme board met."}
		samples = append(samples,
			Sample{ModelInput: ModelInput{Theme: "t", Texts: texts, Facts: Facts{Strength: map[string]doc.Strength{"charter": doc.Action, "board": doc.Action}}}, Level: 1},
			Sample{ModelInput: ModelInput{Theme: "t", Texts: texts, Facts: Facts{Strength: map[string]doc.Strength{"board": doc.Action}, Ended: map[string]bool{"board": true}}}, Level: 0})
	}
	model, err := c.Calibrate(samples)
	if err != nil {
		t.Fatal(err)
	}
	trained, err := Parse("tiny.yaml", []byte(ReplaceLevelModel(text, model.YAML())))
	if err != nil {
		t.Fatal(err)
	}
	p, _ := trained.PredictLevel(samples[0].ModelInput)
	if p.Level != 1 || !strings.Contains(p.Why, "charter (action)") {
		t.Errorf("a charter in action: level %d (%s), want 1 for the charter's action", p.Level, p.Why)
	}
	p, _ = trained.PredictLevel(samples[1].ModelInput)
	if p.Level != 0 || !strings.Contains(p.Why, "board no longer in place") {
		t.Errorf("a board since ended: level %d (%s), want 0 for the board no longer in place", p.Level, p.Why)
	}
}

func TestReplaceLevelModel(t *testing.T) {
	block := "level_model:\n  features:\n    - {cue: new}\n"
	for _, tc := range []struct{ in, want string }{
		{"id: x\n", "id: x\n" + block},
		{"id: x", "id: x\n" + block},
		{"id: x\nlevel_model:\n  features:\n    - {cue: old}\n", "id: x\n" + block},
		{"id: x\nlevel_model:\n  # learned\n  features:\n\n    - {cue: old}\nthemes: []\n", "id: x\n" + block + "themes: []\n"},
	} {
		if got := ReplaceLevelModel(tc.in, block); got != tc.want {
			t.Errorf("ReplaceLevelModel(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
