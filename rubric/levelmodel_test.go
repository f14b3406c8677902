package rubric

import (
	"fmt"
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

// A level between two likelier ones is given where the model is split
// between them; otherwise the likeliest.
func TestDecideLevel(t *testing.T) {
	for _, tc := range []struct {
		probs []float64
		want  int
	}{
		{[]float64{0.6, 0.3, 0.1}, 0},
		{[]float64{0.1, 0.3, 0.6}, 2},
		{[]float64{0.38, 0.24, 0.38}, 1},
		{[]float64{0, 0.38, 0.24, 0.38, 0}, 2},
		{[]float64{0, 0.7, 0.05, 0.25, 0}, 1},
	} {
		if got := decideLevel(tc.probs); got != tc.want {
			t.Errorf("probabilities %v: level %d, want %d", tc.probs, got, tc.want)
		}
	}
}

// Where the model is split between two levels with one between them, it
// gives the middle one and says why, with the spread it weighed.
func TestPredictLevelBetweenLikelierLevels(t *testing.T) {
	three := strings.Replace(tiny, "  - {level: 1, name: Some}\n", "  - {level: 1, name: Some}\n  - {level: 2, name: Much}\n", 1)
	text := three + fmt.Sprintf("level_model:\n  intercepts: [%v, %v, %v]\n  features:\n    - {cue: pilot, weights: [0, 0, 0]}\n", math.Log(0.38), math.Log(0.24), math.Log(0.38))
	c, err := Parse("three.yaml", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	p, ok := c.PredictLevel(ModelInput{Theme: "t", Texts: []string{"The anchor institution programme board met."}})
	want := "the middle of the levels it finds likely: None 0.38, Some 0.24, Much 0.38; rather than None"
	if !ok || p.Level != 1 || p.Why != want {
		t.Errorf("split between None and Much: level %d (%q), want 1 (%q)", p.Level, p.Why, want)
	}
}
