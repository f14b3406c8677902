package main

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/anchorscore/anchorscore/pipeline"
	"github.com/anchorscore/anchorscore/pipeline/discover"
	"github.com/anchorscore/anchorscore/pipeline/doc"
	"github.com/anchorscore/anchorscore/pipeline/ingest"
	"github.com/anchorscore/anchorscore/pipeline/segment"
	"github.com/anchorscore/anchorscore/rubric"
)

func newExplainCmd() *cobra.Command {
	var rubricFile string
	var misses bool
	var names []string
	cmd := &cobra.Command{
		Use:   "explain [--rubric FILE] FILE",
		Short: "Show each evidence sentence of one document and why it counted",
		Long: `Explain reads one document and prints every evidence sentence with its theme, indicator,
strength and negation, the matched words in [brackets] (keyword in context), and the near
misses: sentences that matched a pattern but were turned away by an exclusion, a gate, or
because they tell of another organisation's work (the organisation is the file's folder, as
for score). A programme's own name that the document sets beside the anchor words ("Kindred
Work, our anchor programme") is read as the rubric's named_work wherever the document uses it, as
score reads it; --name gives names that other papers of the organisation introduce.`,
		Args: argsExactly(1, "one FILE"),
		RunE: func(cmd *cobra.Command, args []string) error {
			rub, err := rubric.LoadOrBuiltin(rubricFile)
			if err != nil {
				return err
			}
			t, err := ingest.Read(cmd.Context(), args[0], ingest.Limits{Timeout: 2 * time.Minute, PDFToText: true, OCR: true})
			if err != nil {
				return fmt.Errorf("%s: %w", args[0], err)
			}
			sents, err := segment.Sentences(t)
			if err != nil {
				return err
			}
			// Judge the document as score does: its organisation is its
			// folder, and evidence about another body's own work is turned
			// away.
			org := ""
			if ins, err := discover.Paths(args[:1]); err == nil && len(ins) == 1 {
				org = ins[0].Organisation
			}
			self := pipeline.SelfNames(org)
			res := rub.Match(sents, true, self...)
			kept := pipeline.OwnEvidence(rub, org, res.Evidence)
			// The names the document gives its own anchor work, and those
			// given, are read as score reads them.
			named := slices.Clone(names)
			for i := range named {
				named[i] = strings.Join(strings.Fields(strings.ToLower(named[i])), " ")
			}
			for _, ev := range kept {
				for _, n := range rubric.IntroducedNames(ev.Text) {
					if !slices.Contains(named, n) {
						named = append(named, n)
					}
				}
			}
			if len(named) > 0 && rub.ReadsNames() {
				slices.Sort(named)
				res = rub.MatchNamed(sents, true, named, self...)
				kept = pipeline.OwnEvidence(rub, org, res.Evidence)
			}
			for _, ev := range res.Evidence {
				if !slices.ContainsFunc(kept, func(k doc.Evidence) bool { return k.Index == ev.Index && k.Indicator == ev.Indicator }) {
					res.NearMisses = append(res.NearMisses, rubric.NearMiss{Sentence: ev.Sentence, Theme: ev.Theme, Indicator: ev.Indicator,
						Reason: fmt.Sprintf("about another organisation's work, not %s's", org), Matched: ev.Matched})
				}
			}
			res.Evidence = kept
			w := cmd.OutOrStdout()
			fmt.Fprintf(w, "%s: %d sentences, %d evidence, %d near misses (rubric %s %s)\n", args[0], len(sents), len(res.Evidence), len(res.NearMisses), rub.ID, rub.Version)
			if len(named) > 0 && rub.ReadsNames() {
				fmt.Fprintf(w, "names read as %q: %s\n", rub.Cues.NamedWork, strings.Join(named, ", "))
			}
			for _, ev := range res.Evidence {
				flag := ""
				if ev.Negated {
					flag = " NEGATED"
					if ev.Withdrawn {
						flag = " WITHDRAWN"
					}
				}
				if ev.Partial {
					flag += ", a pilot or single instance"
				}
				fmt.Fprintf(w, "\n[%s] %s / %s: %s%s, weight %g\n", ev.Location(), ev.Theme, ev.Indicator, ev.Strength, flag, ev.Weight)
				fmt.Fprintf(w, "    %s\n", kwic(ev.Text, ev.Matched))
				if ev.Chosen != "" {
					fmt.Fprintf(w, "    %s\n", ev.Chosen)
				}
			}
			if misses && len(res.NearMisses) > 0 {
				fmt.Fprintf(w, "\nNear misses\n")
				for _, m := range res.NearMisses {
					fmt.Fprintf(w, "\n[%s] %s / %s: %s\n    %s\n", m.Location(), m.Theme, m.Indicator, m.Reason, m.Text)
				}
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&rubricFile, "rubric", "", "rubric YAML file (default: the built-in HALN rubric)")
	cmd.Flags().BoolVar(&misses, "near-misses", true, "also show sentences turned away by an exclusion or a gate")
	cmd.Flags().StringArrayVar(&names, "name", nil, "a programme's own name that another paper of the organisation introduces as its anchor work (repeatable)")
	return cmd
}

// kwic marks the matched words of a sentence with [brackets].
func kwic(text string, spans []doc.Span) string {
	spans = slices.Clone(spans)
	slices.SortFunc(spans, func(a, b doc.Span) int { return a.Start - b.Start })
	var b strings.Builder
	at := 0
	for _, s := range spans {
		if s.Start < at || s.End > len(text) {
			continue
		}
		b.WriteString(text[at:s.Start])
		b.WriteString("[" + text[s.Start:s.End] + "]")
		at = s.End
	}
	b.WriteString(text[at:])
	return b.String()
}
