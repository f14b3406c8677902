// Package evaluate measures the rubric against careful human readers: a
// labelled set of sentences (precision, recall, decoys, negation and
// strength) and expected levels per organisation (exact agreement and
// quadratic weighted kappa).
package evaluate

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/anchorscore/anchorscore/pipeline/doc"
	"github.com/anchorscore/anchorscore/rubric"
)

// Label is one labelled sentence.
type Label struct {
	ID, Theme, Indicator, Strength string
	Negated                        bool
	Kind                           string // evidence, decoy or neutral
	Sentence                       string
	Line                           int // in its file
}

// ReadLabels reads a labelled TSV: id, theme, indicator, strength, negated,
// kind, sentence.
func ReadLabels(path string) ([]Label, error) {
	var out []Label
	err := readTSV(path, 7, "id", func(line int, rec []string) error {
		out = append(out, Label{ID: rec[0], Theme: rec[1], Indicator: rec[2], Strength: rec[3], Negated: rec[4] == "true", Kind: rec[5], Sentence: rec[6], Line: line})
		return nil
	})
	return out, err
}

// CheckLabels reports the rows of a labelled set that the rubric cannot
// judge: an unknown kind or strength, an indicator the rubric does not
// have, or one filed under another theme. A typo would otherwise count
// silently as a miss, or teach the indicator model nothing.
func CheckLabels(path string, labels []Label, c *rubric.Compiled) error {
	var errs []string
	bad := func(l Label, format string, args ...any) {
		if len(errs) < maxLabelErrors {
			errs = append(errs, fmt.Sprintf("%s:%d: %s: %s", path, l.Line, l.ID, fmt.Sprintf(format, args...)))
		}
	}
	for _, l := range labels {
		switch l.Kind {
		case "decoy", "neutral":
			continue
		case "evidence":
		default:
			bad(l, "kind %q is not evidence, decoy or neutral", l.Kind)
			continue
		}
		if _, theme, ok := c.IndicatorByID(l.Indicator); !ok {
			bad(l, "unknown indicator %q (not in rubric %s)", l.Indicator, c.ID)
		} else if theme != l.Theme {
			bad(l, "indicator %q is in theme %q, not %q", l.Indicator, theme, l.Theme)
		}
		switch l.Strength {
		case doc.Intent.String(), doc.Action.String(), doc.Outcome.String():
		default:
			bad(l, "strength %q is not intent, action or outcome", l.Strength)
		}
	}
	if len(errs) == 0 {
		return nil
	}
	return errors.New(strings.Join(errs, "\n"))
}

// maxLabelErrors is how many bad rows CheckLabels names at most.
const maxLabelErrors = 10

// readTSV calls row for each line of a tab-separated file with fields
// columns, skipping a first line that starts with header. A line is a
// record: a sentence that opens with a quotation ("\"Think anchor\" has
// been added...") is text, not the start of a quoted field that runs on
// over later lines (encoding/csv read it so, and silently dropped the
// rest of a labelled set). A field that a spreadsheet or Python's csv
// module quoted whole ("\"a \"\"plus\"\" group\"") is unquoted.
func readTSV(path string, fields int, header string, row func(line int, rec []string) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64*1024), 4*1024*1024)
	for line := 1; sc.Scan(); line++ {
		text := strings.TrimSuffix(sc.Text(), "\r")
		if line == 1 {
			text = strings.TrimPrefix(text, "\ufeff")
		}
		if strings.TrimSpace(text) == "" {
			continue
		}
		rec := strings.Split(text, "\t")
		if len(rec) != fields {
			return fmt.Errorf("%s:%d: %d tab-separated fields, want %d", path, line, len(rec), fields)
		}
		for i, field := range rec {
			rec[i] = unquoteField(field)
		}
		if line == 1 && rec[0] == header {
			continue
		}
		if err := row(line, rec); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// unquoteField undoes CSV quoting: a field wrapped in quotes whose every
// inner quote is doubled. Any other field is returned as it is.
func unquoteField(field string) string {
	if len(field) < 2 || field[0] != '"' || field[len(field)-1] != '"' {
		return field
	}
	inner := field[1 : len(field)-1]
	if strings.Count(inner, "\"") != 2*strings.Count(inner, "\"\"") {
		return field
	}
	return strings.ReplaceAll(inner, "\"\"", "\"")
}

// ThemeFigures are one theme's sentence-level figures.
type ThemeFigures struct {
	Theme         string
	TP, FP, FN    int
	Precision     float64
	Recall        float64
	IndicatorHits int // true positives with the labelled indicator among those found
}

// Figures are the sentence-level results over a labelled set.
type Figures struct {
	Themes                         []ThemeFigures
	Evidence, Decoys, Neutral      int
	DecoysReported                 int
	NeutralReported                int // ordinary sentences reported as evidence
	NegatedLabelled, NegatedCaught int
	FalseNegations, PositiveFound  int
	StrengthRight, StrengthJudged  int
	Misses                         []string // what went wrong, one line each, for tuning on the dev set
}

// Sentences matches each labelled sentence alone and compares.
//
// whose, when set, is what the score command does after matching: it
// drops evidence about other organisations' work. Left nil, the figures
// are the rubric's matcher alone.
func Sentences(c *rubric.Compiled, labels []Label, whose func([]doc.Evidence) []doc.Evidence) Figures {
	var fig Figures
	byTheme := map[string]*ThemeFigures{}
	for _, th := range c.Themes {
		fig.Themes = append(fig.Themes, ThemeFigures{Theme: th.ID})
	}
	for i := range fig.Themes {
		byTheme[fig.Themes[i].Theme] = &fig.Themes[i]
	}
	for _, l := range labels {
		res := c.Match([]doc.Sentence{{Text: l.Sentence, Para: 1}}, false)
		if whose != nil {
			res.Evidence = whose(res.Evidence)
		}
		found := map[string][]doc.Evidence{}
		for _, ev := range res.Evidence {
			found[ev.Theme] = append(found[ev.Theme], ev)
		}
		switch l.Kind {
		case "evidence":
			fig.Evidence++
		case "decoy":
			fig.Decoys++
			if len(res.Evidence) > 0 {
				fig.DecoysReported++
				fig.Misses = append(fig.Misses, fmt.Sprintf("%s decoy reported as %s/%s: %s", l.ID, res.Evidence[0].Theme, res.Evidence[0].Indicator, l.Sentence))
			}
		default:
			fig.Neutral++
			if len(res.Evidence) > 0 {
				fig.NeutralReported++
			}
		}
		for theme, evs := range found {
			if l.Kind == "evidence" && theme == l.Theme {
				continue
			}
			if tf := byTheme[theme]; tf != nil {
				tf.FP++
				if l.Kind != "decoy" {
					fig.Misses = append(fig.Misses, fmt.Sprintf("%s %s wrongly found as %s/%s: %s", l.ID, kindLabel(l), theme, evs[0].Indicator, l.Sentence))
				}
			}
		}
		if l.Kind != "evidence" {
			continue
		}
		tf := byTheme[l.Theme]
		if tf == nil {
			continue
		}
		evs := found[l.Theme]
		if len(evs) == 0 {
			tf.FN++
			fig.Misses = append(fig.Misses, fmt.Sprintf("%s missed %s/%s: %s", l.ID, l.Theme, l.Indicator, l.Sentence))
			continue
		}
		tf.TP++
		ev := evs[0]
		for _, e := range evs {
			if e.Indicator == l.Indicator {
				ev = e
				tf.IndicatorHits++
				break
			}
		}
		if l.Negated {
			fig.NegatedLabelled++
			if ev.Negated {
				fig.NegatedCaught++
			} else {
				fig.Misses = append(fig.Misses, fmt.Sprintf("%s negation missed: %s", l.ID, l.Sentence))
			}
		} else {
			fig.PositiveFound++
			if ev.Negated {
				fig.FalseNegations++
				fig.Misses = append(fig.Misses, fmt.Sprintf("%s wrongly negated: %s", l.ID, l.Sentence))
			}
		}
		fig.StrengthJudged++
		if ev.Strength.String() == l.Strength {
			fig.StrengthRight++
		} else {
			fig.Misses = append(fig.Misses, fmt.Sprintf("%s strength %s, want %s: %s", l.ID, ev.Strength, l.Strength, l.Sentence))
		}
	}
	for i := range fig.Themes {
		t := &fig.Themes[i]
		t.Precision = ratio(t.TP, t.TP+t.FP)
		t.Recall = ratio(t.TP, t.TP+t.FN)
	}
	return fig
}

func kindLabel(l Label) string {
	if l.Kind == "evidence" {
		return "(" + l.Theme + ")"
	}
	return l.Kind
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// Write prints the figures as a table.
// Add pools two sets' figures, theme by theme (the themes of f, or of g
// when f has none). The misses are not kept.
func (f Figures) Add(g Figures) Figures {
	out := Figures{
		Evidence: f.Evidence + g.Evidence, Decoys: f.Decoys + g.Decoys, Neutral: f.Neutral + g.Neutral,
		DecoysReported: f.DecoysReported + g.DecoysReported, NeutralReported: f.NeutralReported + g.NeutralReported,
		NegatedLabelled: f.NegatedLabelled + g.NegatedLabelled, NegatedCaught: f.NegatedCaught + g.NegatedCaught,
		FalseNegations: f.FalseNegations + g.FalseNegations, PositiveFound: f.PositiveFound + g.PositiveFound,
		StrengthRight: f.StrengthRight + g.StrengthRight, StrengthJudged: f.StrengthJudged + g.StrengthJudged,
	}
	if len(f.Themes) == 0 {
		out.Themes = slices.Clone(g.Themes)
		return out
	}
	for _, t := range f.Themes {
		for _, u := range g.Themes {
			if u.Theme == t.Theme {
				t.TP, t.FP, t.FN, t.IndicatorHits = t.TP+u.TP, t.FP+u.FP, t.FN+u.FN, t.IndicatorHits+u.IndicatorHits
			}
		}
		t.Precision, t.Recall = ratio(t.TP, t.TP+t.FP), ratio(t.TP, t.TP+t.FN)
		out.Themes = append(out.Themes, t)
	}
	return out
}

func (f Figures) Write(w io.Writer) {
	fmt.Fprintf(w, "%-30s %5s %5s %5s %9s %7s %9s\n", "theme", "TP", "FP", "FN", "precision", "recall", "indicator")
	for _, t := range f.Themes {
		fmt.Fprintf(w, "%-30s %5d %5d %5d %9.3f %7.3f %9.3f\n", t.Theme, t.TP, t.FP, t.FN, t.Precision, t.Recall, ratio(t.IndicatorHits, t.TP))
	}
	fmt.Fprintf(w, "sentences: %d evidence, %d decoys, %d neutral\n", f.Evidence, f.Decoys, f.Neutral)
	fmt.Fprintf(w, "decoys reported as evidence: %d of %d (%.1f%%)\n", f.DecoysReported, f.Decoys, 100*ratio(f.DecoysReported, f.Decoys))
	fmt.Fprintf(w, "negation caught: %d of %d (%.1f%%); positives wrongly negated: %d of %d\n", f.NegatedCaught, f.NegatedLabelled, 100*ratio(f.NegatedCaught, f.NegatedLabelled), f.FalseNegations, f.PositiveFound)
	fmt.Fprintf(w, "strength right: %d of %d (%.1f%%)\n", f.StrengthRight, f.StrengthJudged, 100*ratio(f.StrengthRight, f.StrengthJudged))
}

// Levels compares expected and found levels: exact agreement and Cohen's
// quadratic weighted kappa over levels 0..k-1.
func Levels(expected, found []int, k int) (exact float64, kappa float64) {
	n := len(expected)
	if n == 0 || n != len(found) {
		return 0, 0
	}
	obs := make([][]float64, k)
	for i := range obs {
		obs[i] = make([]float64, k)
	}
	histA, histB := make([]float64, k), make([]float64, k)
	agree := 0
	for i := range expected {
		a, b := clamp(expected[i], k), clamp(found[i], k)
		obs[a][b]++
		histA[a]++
		histB[b]++
		if a == b {
			agree++
		}
	}
	var num, den float64
	for i := 0; i < k; i++ {
		for j := 0; j < k; j++ {
			w := float64((i-j)*(i-j)) / float64((k-1)*(k-1))
			num += w * obs[i][j]
			den += w * histA[i] * histB[j] / float64(n)
		}
	}
	exact = float64(agree) / float64(n)
	if den == 0 {
		return exact, 1
	}
	return exact, 1 - num/den
}

func clamp(v, k int) int { return max(0, min(v, k-1)) }

// ReadExpected reads expected levels: organisation,theme,level[,why].
func ReadExpected(path string) (map[[2]string]int, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	out := map[[2]string]int{}
	for i, rec := range recs {
		if i == 0 || len(rec) < 3 {
			continue
		}
		var lvl int
		if _, err := fmt.Sscan(strings.TrimSpace(rec[2]), &lvl); err != nil {
			return nil, fmt.Errorf("%s:%d: level %q is not a number", path, i+1, rec[2])
		}
		out[[2]string{rec[0], rec[1]}] = lvl
	}
	return out, nil
}
