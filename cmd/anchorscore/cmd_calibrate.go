package main

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/sync/errgroup"

	"github.com/anchorscore/anchorscore/configs"
	"github.com/anchorscore/anchorscore/pipeline"
	"github.com/anchorscore/anchorscore/pipeline/discover"
	"github.com/anchorscore/anchorscore/pipeline/doc"
	"github.com/anchorscore/anchorscore/pipeline/evaluate"
	"github.com/anchorscore/anchorscore/pipeline/ingest"
	"github.com/anchorscore/anchorscore/pipeline/report"
	"github.com/anchorscore/anchorscore/rubric"
)

func newRubricCalibrateCmd() *cobra.Command {
	var rubricFile, out string
	var crossValidate bool
	var sentences, audits []string
	cmd := &cobra.Command{
		Use:   "calibrate [flags] CORPUS EXPECTED [CORPUS EXPECTED ...]",
		Short: "Learn the rubric's level model from corpora with a careful reader's levels",
		Long: `Calibrate scores each CORPUS folder with the rubric's level rules, and learns the weights of
the rubric's level_model (a multinomial logistic regression over the rules' facts and the
cues in each theme's evidence) so that its levels agree with the EXPECTED levels (CSV:
organisation,theme,level,why). It writes the rubric with the learned level_model to --out
(or to standard output); the rest of the file is left as it was. The cues are the analyst's:
write them under level_model.features first. --cross-validate also leaves each corpus out in
turn, learns from the others and reports the agreement on the one left out, beside the level
rules' own, and how often the levels left out agreed at each band of the probability the model
gave them (the probability column of scores.csv; under 0.6 the scorecards call a level a close
call).

With --sentences (labelled TSV files, as rubric eval reads), it first learns the rubric's
indicator_model: the weights of the words that tell which of the indicators a sentence
matches a careful reader would file it under. The level model is then learned with the
new choices. --cross-validate also leaves each sentence set out in turn and reports how
often the reader's theme and indicator are chosen, by the patterns alone and with the model.
With --sentences and no corpora, only the indicator model is learned.

--audits (a reader's verdicts on quoted evidence, as rubric eval --audit reads) adds where
readers filed evidence read in its document: each accepted quote keeps its indicator, and
each quote the reader filed elsewhere (other_indicator) takes the indicator the reader's
note names first. Each audit is one set, left out in turn by --cross-validate like a
sentence set.

Where the rubric has a finding_model block (its threshold, gate, sure and refile are the analyst's),
--sentences also learns its word weights, which find evidence in sentences no pattern matches:
from every labelled sentence (decoys and neutral sentences as ordinary business) and, with
--audits, from the quotes readers accepted and those they found were not evidence at all.
--cross-validate also leaves each sentence set out of it in turn and reports the evidence it
adds on the set left out, and the decoys and ordinary sentences it reports. The rubric's own
examples (each indicator's examples.match) teach both models too, and are never left out.

  anchorscore rubric calibrate --rubric my-rubric.yaml --out my-rubric.yaml \
      corpus-a expected-a.csv corpus-b expected-b.csv
  anchorscore rubric calibrate --rubric my-rubric.yaml --out my-rubric.yaml \
      --sentences set-a.tsv --sentences set-b.tsv corpus-a expected-a.csv`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args)%2 != 0 || len(args) == 0 && len(sentences)+len(audits) == 0 {
				return usagef("want pairs of CORPUS folder and EXPECTED levels CSV, found %d arguments", len(args))
			}
			if crossValidate && len(args) == 2 {
				return usagef("--cross-validate leaves each corpus out in turn: it needs at least two corpora")
			}
			if crossValidate && len(sentences)+len(audits) == 1 {
				return usagef("--cross-validate leaves each sentence set out in turn: it needs at least two")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			text := configs.HALN
			if rubricFile != "" {
				data, err := os.ReadFile(rubricFile)
				if err != nil {
					return usagef("%v", err)
				}
				text = data
			}
			name := rubricFile
			if name == "" {
				name = "built-in"
			}
			rub, err := rubric.Parse(name, text)
			if err != nil {
				return err
			}
			if rub.LevelModel == nil && len(args) > 0 {
				return usagef("%s has no level_model: write its features (cues, facts, themes) first", name)
			}
			w := cmd.OutOrStdout()
			// Standard output carries the rubric when there is no --out.
			notes := w
			if out == "" {
				notes = cmd.ErrOrStderr()
			}
			var learned []string
			if len(sentences)+len(audits) > 0 {
				if text, rub, err = learnIndicatorModel(notes, cmd.ErrOrStderr(), rub, text, name, sentences, audits, crossValidate); err != nil {
					return err
				}
				what := strconv.Itoa(len(sentences)) + " sentence sets"
				if len(audits) > 0 {
					what += " and " + strconv.Itoa(len(audits)) + " audits"
				}
				learned = append(learned, "indicator model learned from "+what)
			}
			var corpora [][]rubric.Sample
			var names []string
			for i := 0; i < len(args); i += 2 {
				samples, err := calibrationSamples(cmd.Context(), rub, args[i], args[i+1])
				if err != nil {
					return err
				}
				corpora = append(corpora, samples)
				names = append(names, args[i])
			}
			result := text
			if len(corpora) > 0 {
				if crossValidate {
					if err := crossValidateModel(notes, rub, text, names, corpora); err != nil {
						return err
					}
				}
				var all []rubric.Sample
				for _, s := range corpora {
					all = append(all, s...)
				}
				model, err := rub.Calibrate(all)
				if err != nil {
					return err
				}
				if len(all) < fewSamples {
					fmt.Fprintf(cmd.ErrOrStderr(), "warning: learned from %d theme levels; with fewer than %d the model rarely agrees with readers better than the level rules do (check with --cross-validate)\n", len(all), fewSamples)
				}
				result = []byte(rubric.ReplaceLevelModel(string(text), model.YAML()))
				learned = append(learned, fmt.Sprintf("level model learned from %d theme levels in %d corpora", len(all), len(corpora)))
			}
			if _, err := rubric.Parse(name, result); err != nil {
				return fmt.Errorf("the calibrated rubric does not load: %w", err)
			}
			if out == "" {
				_, err := w.Write(result)
				return err
			}
			if err := report.WriteFileAtomic(out, result); err != nil {
				return err
			}
			fmt.Fprintf(cmd.ErrOrStderr(), "wrote %s: %s\n", out, strings.Join(learned, "; "))
			return nil
		},
	}
	cmd.Flags().StringVar(&rubricFile, "rubric", "", "rubric YAML file (default: the built-in HALN rubric)")
	cmd.Flags().StringVar(&out, "out", "", "write the calibrated rubric here (default: standard output)")
	cmd.Flags().BoolVar(&crossValidate, "cross-validate", false, "also report the agreement with each corpus (and sentence set) left out of the learning in turn")
	cmd.Flags().StringArrayVar(&sentences, "sentences", nil, "labelled sentences (TSV) to learn the indicator model from first (repeat for several sets)")
	cmd.Flags().StringArrayVar(&audits, "audits", nil, "a reader's audit of quoted evidence (TSV) whose filings also teach the indicator model (repeat for several)")
	return cmd
}

// calibrationSamples scores a corpus with the rubric and pairs each
// theme's facts and evidence, over all periods, with the expected level.
func calibrationSamples(ctx context.Context, rub *rubric.Compiled, corpus, expected string) ([]rubric.Sample, error) {
	want, err := evaluate.ReadExpected(expected)
	if err != nil {
		return nil, usageError{err}
	}
	inputs, err := discover.Paths([]string{corpus})
	if err != nil {
		return nil, err
	}
	res, err := pipeline.Run(ctx, pipeline.Options{Inputs: inputs, Rubric: rub, Period: discover.PeriodFY,
		Workers: runtime.NumCPU(), Limits: ingest.Limits{Timeout: 2 * time.Minute}})
	if err != nil {
		return nil, err
	}
	var samples []rubric.Sample
	for _, t := range res.Scores {
		level, ok := want[[2]string{t.Organisation, t.Theme}]
		if !ok || t.Period != discover.PeriodAll {
			continue
		}
		samples = append(samples, rubric.Sample{ModelInput: rubric.ModelInput{Theme: t.Theme, Facts: t.Facts, Texts: t.Texts(res.Items)}, Level: level,
			RuleLevel: t.RuleLevel})
	}
	if len(samples) == 0 {
		return nil, usagef("%s: no organisation and theme of %s was scored", expected, corpus)
	}
	return samples, nil
}

// crossValidateModel learns from all corpora but one, in turn, and
// reports the agreement on the one left out.
func crossValidateModel(w io.Writer, rub *rubric.Compiled, text []byte, names []string, corpora [][]rubric.Sample) error {
	var exp, got, rules []int
	var sure []float64 // the model's probability of each level it gave
	levels := len(rub.Levels)
	// The folds learn apart, one a core; they are reported in order.
	foldLevels, foldProbs := make([][]int, len(corpora)), make([][]float64, len(corpora))
	var eg errgroup.Group
	eg.SetLimit(runtime.GOMAXPROCS(0))
	for k := range corpora {
		eg.Go(func() error {
			var train []rubric.Sample
			for j, s := range corpora {
				if j != k {
					train = append(train, s...)
				}
			}
			var err error
			foldLevels[k], foldProbs[k], err = predictHeldOut(rub, text, train, corpora[k])
			return err
		})
	}
	if err := eg.Wait(); err != nil {
		return err
	}
	for k := range corpora {
		g, p := foldLevels[k], foldProbs[k]
		sure = append(sure, p...)
		var e, r []int
		for _, s := range corpora[k] {
			e, r = append(e, s.Level), append(r, s.RuleLevel)
		}
		me, mk := evaluate.Levels(e, g, levels)
		re, rk := evaluate.Levels(e, r, levels)
		fmt.Fprintf(w, "%-40s left out: model %.1f%% (kappa %.3f), level rules %.1f%% (kappa %.3f)\n", filepath.Base(names[k]), 100*me, mk, 100*re, rk)
		exp, got, rules = append(exp, e...), append(got, g...), append(rules, r...)
	}
	me, mk := evaluate.Levels(exp, got, levels)
	re, rk := evaluate.Levels(exp, rules, levels)
	fmt.Fprintf(w, "each corpus left out in turn (%d theme levels): model %.1f%% exact (kappa %.3f), level rules %.1f%% (kappa %.3f)\n", len(exp), 100*me, mk, 100*re, rk)
	fmt.Fprint(w, sureness(exp, got, sure))
	return nil
}

// sureness says how often the model's levels agreed with the reader's
// at each band of the probability it gave them: whether a reader can take
// its probability at its word. Levels the rules gave with no evidence
// (probability 0) are left out.
func sureness(exp, got []int, sure []float64) string {
	bands := []struct {
		from float64
		name string
	}{{0.8, "0.8 or more"}, {0.6, "0.6 to 0.8"}, {0, "under 0.6"}}
	n, agree := make([]int, len(bands)), make([]int, len(bands))
	for i, p := range sure {
		if p == 0 {
			continue
		}
		for b, band := range bands {
			if p >= band.from {
				n[b]++
				if exp[i] == got[i] {
					agree[b]++
				}
				break
			}
		}
	}
	var out strings.Builder
	out.WriteString("agreement by the model's probability of its level:")
	for b, band := range bands {
		if n[b] > 0 {
			fmt.Fprintf(&out, " %s, %d levels, %.0f%%;", band.name, n[b], 100*float64(agree[b])/float64(n[b]))
		}
	}
	return strings.TrimSuffix(out.String(), ";") + "\n"
}

// predictHeldOut learns a level model from train and gives its levels
// for test, which it did not learn from, with the probability of each (0
// where there was no evidence to weigh).
func predictHeldOut(rub *rubric.Compiled, text []byte, train, test []rubric.Sample) ([]int, []float64, error) {
	model, err := rub.Calibrate(train)
	if err != nil {
		return nil, nil, err
	}
	fold, err := rubric.Parse("fold", []byte(rubric.ReplaceLevelModel(string(text), model.YAML())))
	if err != nil {
		return nil, nil, err
	}
	levels, probs := make([]int, len(test)), make([]float64, len(test))
	for i, s := range test {
		if s.Facts.Evidence > 0 {
			p, _ := fold.PredictLevel(s.ModelInput)
			levels[i], probs[i] = p.Level, p.Probability
		}
	}
	return levels, probs, nil
}

// fewSamples is how many theme levels a level model should learn from
// at least: the built-in one learned from 868, and with 52 it agreed with
// readers less often than the rules did.
const fewSamples = 200

// learnIndicatorModel learns the rubric's indicator model from labelled
// sentence sets and readers' audits and returns the rubric's text and
// compiled form with it. With crossValidate it first reports to w, for
// each set left out in turn, how often the reader's theme and indicator
// are chosen among the several a sentence matches; warnings go to warn.
func learnIndicatorModel(w, warn io.Writer, rub *rubric.Compiled, text []byte, name string, sentenceSets, audits []string, crossValidate bool) ([]byte, *rubric.Compiled, error) {
	// one set per file: the sentence sets, then the audits
	var all, finding [][]rubric.LabelledSentence
	var labelled [][]evaluate.Label
	sets := append(slices.Clone(sentenceSets), audits...)
	for _, path := range sentenceSets {
		labels, err := evaluate.ReadLabels(path)
		if err == nil {
			err = evaluate.CheckLabels(path, labels, rub)
		}
		if err != nil {
			return nil, nil, usageError{err}
		}
		var set, every []rubric.LabelledSentence
		for _, l := range labels {
			if l.Kind == "evidence" {
				set = append(set, rubric.LabelledSentence{Text: l.Sentence, Indicator: l.Indicator})
				every = append(every, set[len(set)-1])
			} else {
				every = append(every, rubric.LabelledSentence{Text: l.Sentence})
			}
		}
		all = append(all, set)
		finding = append(finding, every)
		labelled = append(labelled, labels)
	}
	for _, path := range audits {
		verdicts, err := evaluate.ReadAudit(path)
		if err != nil {
			return nil, nil, usageError{err}
		}
		filed := evaluate.ReaderIndicators(verdicts, rub)
		if len(filed) == 0 {
			fmt.Fprintf(warn, "warning: %s teaches the indicator model nothing: no quote it accepts, nor a note naming an indicator of %s\n", path, rub.ID)
		}
		all = append(all, filed)
		finding = append(finding, append(slices.Clone(filed), evaluate.ReaderRejected(verdicts)...))
	}
	// The rubric's own examples of each indicator are the analyst's
	// labelled sentences: every model learns from them, and none is left
	// out.
	examples := rubricExamples(rub)
	if rub.FindingModel != nil {
		var err error
		if crossValidate {
			if err := crossValidateFinding(w, rub, text, finding, examples, labelled, sentenceSets); err != nil {
				return nil, nil, err
			}
		}
		if text, err = learnFindingModel(rub, text, name, append(finding, examples), sentenceSets, audits); err != nil {
			return nil, nil, err
		}
	}
	// The margin an analyst set is kept.
	margin := rubric.DefaultThemeMargin
	if rub.IndicatorModel != nil {
		margin = rub.IndicatorModel.ThemeMargin
	}
	// The patterns alone choose, without any model the rubric has now.
	base, err := rubric.Parse(name, []byte(rubric.ReplaceBlock(string(text), "indicator_model", "")))
	if err != nil {
		return nil, nil, err
	}
	if crossValidate {
		var total rubric.ChoiceAgreement
		for k := range all {
			train := slices.Clone(examples)
			for j, s := range all {
				if j != k {
					train = append(train, s...)
				}
			}
			model, err := base.LearnIndicatorModel(train)
			if err != nil {
				return nil, nil, err
			}
			model.ThemeMargin = margin
			fold, err := rubric.Parse("fold", []byte(rubric.ReplaceBlock(string(text), "indicator_model", model.YAML())))
			if err != nil {
				return nil, nil, err
			}
			a := fold.JudgeChoices(all[k])
			fmt.Fprintf(w, "%-40s left out: %s\n", filepath.Base(sets[k]), choicePhrase(a))
			total = total.Add(a)
		}
		fmt.Fprintf(w, "each sentence set left out in turn: %s\n", choicePhrase(total))
	}
	train := slices.Clone(examples)
	for _, s := range all {
		train = append(train, s...)
	}
	model, err := base.LearnIndicatorModel(train)
	if err != nil {
		return nil, nil, err
	}
	model.ThemeMargin = margin
	model.Description = learnedFrom("labelled sentence sets", sentenceSets)
	if len(audits) > 0 {
		model.Description += " and " + strings.TrimPrefix(learnedFrom("readers' audits", audits), "Learned from ")
	}
	out := []byte(rubric.ReplaceBlock(string(text), "indicator_model", model.YAML()))
	compiled, err := rubric.Parse(name, out)
	if err != nil {
		return nil, nil, fmt.Errorf("the rubric with its indicator model does not load: %w", err)
	}
	return out, compiled, nil
}

// rubricExamples are the sentences the rubric's indicators must match,
// each labelled with its indicator.
func rubricExamples(rub *rubric.Compiled) []rubric.LabelledSentence {
	var out []rubric.LabelledSentence
	for _, th := range rub.Themes {
		for _, in := range th.Indicators {
			for _, ex := range in.Examples.Match {
				out = append(out, rubric.LabelledSentence{Text: ex, Indicator: in.ID})
			}
		}
	}
	return out
}

// learnFindingModel learns the rubric's finding model from every
// labelled sentence (evidence, decoys and ordinary business) and the
// audits' verdicts, keeping the analyst's settings (threshold, gate, sure, refile), and returns
// the rubric's text with it.
func learnFindingModel(rub *rubric.Compiled, text []byte, name string, sets [][]rubric.LabelledSentence, sentenceSets, audits []string) ([]byte, error) {
	var train []rubric.LabelledSentence
	for _, s := range sets {
		train = append(train, s...)
	}
	model, err := rub.LearnFindingModel(train)
	if err != nil {
		return nil, err
	}
	model.KeepSettings(rub.FindingModel)
	model.Description = learnedFrom("labelled sentence sets", sentenceSets)
	if len(audits) > 0 {
		model.Description += " and " + strings.TrimPrefix(learnedFrom("readers' audits", audits), "Learned from ")
	}
	out := []byte(rubric.ReplaceBlock(string(text), "finding_model", model.YAML()))
	if _, err := rubric.Parse(name, out); err != nil {
		return nil, fmt.Errorf("the rubric with its finding model does not load: %w", err)
	}
	return out, nil
}

// crossValidateFinding leaves each sentence set out of the finding
// model's learning in turn (the audits always teach it) and reports to w
// what the model adds on the set left out: evidence found, against the
// rubric without it, and decoys and ordinary sentences reported.
func crossValidateFinding(w io.Writer, rub *rubric.Compiled, text []byte, finding [][]rubric.LabelledSentence, examples []rubric.LabelledSentence, labelled [][]evaluate.Label, sentenceSets []string) error {
	without, err := rubric.Parse("without", []byte(rubric.ReplaceBlock(string(text), "finding_model", "")))
	if err != nil {
		return err
	}
	var before, after findingFigures
	for k := range labelled {
		train := slices.Clone(examples)
		for j, s := range finding {
			if j != k {
				train = append(train, s...)
			}
		}
		model, err := rub.LearnFindingModel(train)
		if err != nil {
			return err
		}
		model.KeepSettings(rub.FindingModel)
		fold, err := rubric.Parse("fold", []byte(rubric.ReplaceBlock(string(text), "finding_model", model.YAML())))
		if err != nil {
			return err
		}
		b, a := judgeFinding(without, labelled[k]), judgeFinding(fold, labelled[k])
		fmt.Fprintf(w, "%-40s left out: %s\n", filepath.Base(sentenceSets[k]), findingPhrase(b, a))
		before, after = before.add(b), after.add(a)
	}
	fmt.Fprintf(w, "finding model, each sentence set left out in turn: %s\n", findingPhrase(before, after))
	return nil
}

// findingFigures are a labelled set's evidence found under its theme, of
// how many, and the wrong theme, decoys and ordinary sentences reported.
type findingFigures struct{ right, indicator, evidence, wrong, others, reported int }

func (f findingFigures) add(g findingFigures) findingFigures {
	return findingFigures{f.right + g.right, f.indicator + g.indicator, f.evidence + g.evidence, f.wrong + g.wrong, f.others + g.others, f.reported + g.reported}
}

func judgeFinding(rub *rubric.Compiled, labels []evaluate.Label) findingFigures {
	fig := evaluate.Sentences(rub, labels, func(ev []doc.Evidence) []doc.Evidence { return pipeline.OwnEvidence(rub, "", ev) })
	f := findingFigures{evidence: fig.Evidence, others: fig.Decoys + fig.Neutral}
	for _, t := range fig.Themes {
		f.right += t.TP
		f.indicator += t.IndicatorHits
		f.wrong += t.FP
	}
	// The themes' false positives are evidence found under the wrong
	// theme and the decoys and ordinary sentences reported (one theme
	// each: a sentence is coded to one indicator); take the second out.
	f.reported = fig.DecoysReported + fig.NeutralReported
	f.wrong -= f.reported
	return f
}

func share(a, b int) float64 { return 100 * float64(a) / float64(max(b, 1)) }

func findingPhrase(b, a findingFigures) string {
	return fmt.Sprintf("evidence found under its theme %d of %d (%.1f%%; %.1f%% without the model), its indicator %d (%d), under another theme %d (%d); decoys and ordinary sentences reported %d of %d (%d)",
		a.right, a.evidence, share(a.right, a.evidence), share(b.right, b.evidence), a.indicator, b.indicator, a.wrong, b.wrong, a.reported, a.others, b.reported)
}

// choicePhrase says how often the reader's choice was made.
func choicePhrase(a rubric.ChoiceAgreement) string {
	pct := func(n int) float64 { return 100 * float64(n) / float64(max(a.Sentences, 1)) }
	return fmt.Sprintf("%d sentences matching several indicators: the reader's theme %.1f%% (patterns alone %.1f%%), indicator %.1f%% (%.1f%%)",
		a.Sentences, pct(a.Theme), pct(a.PatternTheme), pct(a.Ind), pct(a.PatternIndicator))
}

// learnedFrom describes a model's sources: "Learned from 29 labelled
// sentence sets (dev.tsv to dev29.tsv)".
func learnedFrom(what string, paths []string) string {
	if len(paths) == 0 {
		return "Learned from no " + what
	}
	// The first and last by number ("dev2.tsv" before "dev10.tsv"), not
	// in the order a shell's glob gives them.
	names := make([]string, len(paths))
	for i, p := range paths {
		names[i] = filepath.Base(p)
	}
	slices.SortFunc(names, compareNatural)
	return fmt.Sprintf("Learned from %d %s (%s to %s)", len(paths), what, names[0], names[len(names)-1])
}

// compareNatural compares names with their runs of digits read as
// numbers: "dev.tsv" < "dev2.tsv" < "dev10.tsv".
func compareNatural(a, b string) int {
	for a != "" && b != "" {
		da, db := digits(a), digits(b)
		if da > 0 && db > 0 {
			na, nb := strings.TrimLeft(a[:da], "0"), strings.TrimLeft(b[:db], "0")
			if c := cmp.Or(cmp.Compare(len(na), len(nb)), strings.Compare(na, nb)); c != 0 {
				return c
			}
			a, b = a[da:], b[db:]
			continue
		}
		if c := cmp.Compare(a[0], b[0]); c != 0 {
			return c
		}
		a, b = a[1:], b[1:]
	}
	return cmp.Compare(len(a), len(b))
}

// digits is the length of the run of ASCII digits s starts with.
func digits(s string) int {
	n := 0
	for n < len(s) && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	return n
}
