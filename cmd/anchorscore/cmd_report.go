package main

import (
	"github.com/spf13/cobra"

	"github.com/anchorscore/anchorscore/pipeline"
	"github.com/anchorscore/anchorscore/pipeline/report"
	"github.com/anchorscore/anchorscore/pipeline/shard"
	"github.com/anchorscore/anchorscore/rubric"
)

func newReportCmd() *cobra.Command {
	var out, rubricFile string
	cmd := &cobra.Command{
		Use:   "report [--out DIR] [--rubric FILE] DIR...",
		Short: "Combine the shards of a sharded run into the outputs of a single run",
		Long: `Report reads the shard results (shard-K-of-N.anchorscore.gz) that "anchorscore score
--shard K/N" saved in each DIR, checks that every shard of one run is there, once, made
with the same rubric and periods, and writes exactly the outputs a single run gives
(the CSV files are byte-identical). Give the same --rubric the shards used.`,
		Args: argsAtLeast(1, "the folders holding the shard results"),
		RunE: func(cmd *cobra.Command, dirs []string) error {
			rub, err := rubric.LoadOrBuiltin(rubricFile)
			if err != nil {
				return err
			}
			parts, err := shard.ReadAll(dirs)
			if err != nil {
				return usageError{err}
			}
			if parts[0].RubricSHA != rub.SHA256 {
				return usagef("the shards were scored with another rubric (sha256 %.12s); give it with --rubric", parts[0].RubricSHA)
			}
			var docs [][]*pipeline.Document
			for _, p := range parts {
				docs = append(docs, p.Documents)
			}
			res := pipeline.Assemble(rub, pipeline.Merge(docs...))
			written, err := report.Write(out, res, report.Meta{Version: version, Rubric: rub, Settings: map[string]any{
				"period": parts[0].Period, "rubric": rubricName(rubricFile), "shards": parts[0].Shard.N,
			}})
			if err != nil {
				return err
			}
			if summarise(cmd.ErrOrStderr(), res, rub, out, written) > 0 {
				return errUnread
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&out, "out", "scorecards", "folder for the workbooks, CSV files and run.json")
	cmd.Flags().StringVar(&rubricFile, "rubric", "", "rubric YAML file the shards used (default: the built-in HALN rubric)")
	return cmd
}
