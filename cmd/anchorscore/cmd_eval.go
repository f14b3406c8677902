package main

import (
	"fmt"
	"io"
	"runtime"
	"sort"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/anchorscore/anchorscore/pipeline"
	"github.com/anchorscore/anchorscore/pipeline/discover"
	"github.com/anchorscore/anchorscore/pipeline/doc"
	"github.com/anchorscore/anchorscore/pipeline/evaluate"
	"github.com/anchorscore/anchorscore/pipeline/ingest"
	scoring "github.com/anchorscore/anchorscore/pipeline/score"
	"github.com/anchorscore/anchorscore/rubric"
)

func newRubricEvalCmd() *cobra.Command {
	var rubricFile, corpus, expected, audit string
	var misses, matcherOnly, asAudited bool
	cmd := &cobra.Command{
		Use:   "eval [flags] LABELLED.tsv...",
		Short: "Measure a rubric against labelled sentences and expected levels",
		Long: `Eval matches each labelled sentence (TSV: id, theme, indicator, strength, negated, kind,
sentence) and prints per-theme precision and recall, decoys reported as evidence, negation
caught and strength right. Each sentence is judged as the score command judges it, with the
organisation unknown: evidence about another body's own work is dropped; --matcher-only
measures the rubric's matcher alone. Given several sets, it also prints their figures pooled.
With --corpus and --expected it also scores the corpus and prints the level agreement with
the expected levels (exact and quadratic weighted kappa).
With --corpus and --audit it measures the evidence quoted from the corpus against a careful
reader's verdicts on an earlier run's evidence (TSV: document, theme, indicator, verdict,
strength, negated, sentence, note): how much of it the reader accepts, and with the right
strength and negation. --as-audited also scores the corpus with the evidence as the reader
judged it (rejected evidence dropped, the reader's strength and negation): the difference
between the two level agreements is what the evidence costs, the rest is the level rules'.

  anchorscore rubric eval --corpus fixtures/corpus --expected fixtures/expected-levels.csv fixtures/labelled/heldout.tsv
  anchorscore rubric eval --corpus fixtures/corpus-dev17 --audit fixtures/audits/audit-dev17.tsv
  anchorscore rubric eval --corpus fixtures/corpus-dev17 --audit fixtures/audits/audit-dev17.tsv \
      --expected fixtures/expected-levels-dev17.csv --as-audited`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if corpus == "" && (expected != "" || audit != "") {
				return usagef("--expected and --audit need --corpus, the folder they judge")
			}
			if asAudited && (audit == "" || expected == "") {
				return usagef("--as-audited needs --audit (the reader's verdicts) and --expected (the levels to compare)")
			}
			if corpus != "" && expected == "" && audit == "" {
				return usagef("--corpus needs --expected (levels) or --audit (evidence) to judge it against")
			}
			rub, err := rubric.LoadOrBuiltin(rubricFile)
			if err != nil {
				return err
			}
			w := cmd.OutOrStdout()
			var pooled evaluate.Figures
			for _, path := range args {
				labels, err := evaluate.ReadLabels(path)
				if err == nil {
					err = evaluate.CheckLabels(path, labels, rub)
				}
				if err != nil {
					return usageError{err}
				}
				var whose func([]doc.Evidence) []doc.Evidence
				if !matcherOnly {
					whose = func(ev []doc.Evidence) []doc.Evidence { return pipeline.OwnEvidence(rub, "", ev) }
				}
				fig := evaluate.Sentences(rub, labels, whose)
				fmt.Fprintf(w, "== %s (%d sentences)\n", path, len(labels))
				fig.Write(w)
				pooled = pooled.Add(fig)
				if misses {
					fmt.Fprintln(w, "-- misses")
					for _, m := range fig.Misses {
						fmt.Fprintln(w, m)
					}
				}
				fmt.Fprintln(w)
			}
			if len(args) > 1 {
				fmt.Fprintf(w, "== pooled over the %d sets\n", len(args))
				pooled.Write(w)
				fmt.Fprintln(w)
			}
			if corpus == "" {
				return nil
			}
			var want map[[2]string]int
			if expected != "" {
				if want, err = evaluate.ReadExpected(expected); err != nil {
					return usageError{err}
				}
			}
			var verdicts []evaluate.Verdict
			if audit != "" {
				if verdicts, err = evaluate.ReadAudit(audit); err != nil {
					return usageError{err}
				}
			}
			inputs, err := discover.Paths([]string{corpus})
			if err != nil {
				return err
			}
			res, err := pipeline.Run(cmd.Context(), pipeline.Options{Inputs: inputs, Rubric: rub, Period: discover.PeriodFY,
				Workers: runtime.NumCPU(), Limits: ingest.Limits{Timeout: 2 * time.Minute}})
			if err != nil {
				return err
			}
			if audit != "" {
				quoted := make([]evaluate.Quoted, 0, len(res.Items))
				for _, it := range res.Items {
					quoted = append(quoted, evaluate.Quoted{Document: res.Docs[it.Doc].Path, Indicator: it.Indicator,
						Sentence: it.Text, Strength: it.Strength.String(), Negated: it.Negated})
				}
				fmt.Fprintf(w, "== evidence: %s against %s\n", corpus, audit)
				evaluate.Audit(verdicts, quoted).Write(w)
			}
			if expected == "" {
				return nil
			}
			writeLevels(w, fmt.Sprintf("== levels: %s against %s\n", corpus, expected), want, res.Scores, len(rub.Levels))
			if asAudited {
				items := evaluate.AsAudited(verdicts, res.Items, func(it scoring.Item) string { return res.Docs[it.Doc].Path })
				writeLevels(w, fmt.Sprintf("== levels with the evidence as %s judged it, against %s\n", audit, expected),
					want, scoring.Score(rub, res.Docs, items), len(rub.Levels))
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&rubricFile, "rubric", "", "rubric YAML file (default: the built-in HALN rubric)")
	cmd.Flags().StringVar(&corpus, "corpus", "", "folder of organisations to score for level agreement")
	cmd.Flags().StringVar(&expected, "expected", "", "CSV of expected levels: organisation,theme,level,why")
	cmd.Flags().StringVar(&audit, "audit", "", "TSV of a reader's verdicts on the evidence quoted from --corpus")
	cmd.Flags().BoolVar(&misses, "misses", false, "list every miss (use on the dev set only)")
	cmd.Flags().BoolVar(&asAudited, "as-audited", false, "also score --corpus with the evidence as the --audit reader judged it (rejected evidence dropped, the reader's strength and negation)")
	cmd.Flags().BoolVar(&matcherOnly, "matcher-only", false, "measure the rubric's matcher alone, without dropping other bodies' work")
	return cmd
}

// writeLevels prints the agreement of the "all periods" levels in scores
// with the expected levels, and every level that differs.
func writeLevels(w io.Writer, title string, want map[[2]string]int, scores []scoring.Theme, levels int) {
	var keys [][2]string
	for k := range want {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i][0]+keys[i][1] < keys[j][0]+keys[j][1] })
	var exp, got []int
	var diffs []string
	for _, k := range keys {
		found := -1
		for _, s := range scores {
			if s.Organisation == k[0] && s.Theme == k[1] && s.Period == discover.PeriodAll {
				found = s.Level
			}
		}
		if found < 0 {
			diffs = append(diffs, fmt.Sprintf("%s %s: expected %d, organisation or theme not scored", k[0], k[1], want[k]))
			found = 0
		} else if found != want[k] {
			diffs = append(diffs, fmt.Sprintf("%s %s: expected %d, found %d", k[0], k[1], want[k], found))
		}
		exp = append(exp, want[k])
		got = append(got, found)
	}
	exact, kappa := evaluate.Levels(exp, got, levels)
	fmt.Fprint(w, title)
	fmt.Fprintf(w, "exact agreement %.1f%% (%d of %d), quadratic weighted kappa %.3f\n", 100*exact, len(exp)-len(diffs), len(exp), kappa)
	if len(diffs) > 0 {
		fmt.Fprintln(w, strings.Join(diffs, "\n"))
	}
}
