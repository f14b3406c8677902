package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/spf13/cobra"

	"github.com/anchorscore/anchorscore/pipeline"
	"github.com/anchorscore/anchorscore/pipeline/cache"
	"github.com/anchorscore/anchorscore/pipeline/discover"
	"github.com/anchorscore/anchorscore/pipeline/ingest"
	"github.com/anchorscore/anchorscore/pipeline/isolate"
	"github.com/anchorscore/anchorscore/pipeline/report"
	"github.com/anchorscore/anchorscore/pipeline/shard"
	"github.com/anchorscore/anchorscore/rubric"
)

func newScoreCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "score [flags] PATH...",
		Short: "Score the documents in PATHs and write scorecards",
		Long: `Score reads every document in the PATHs (PDF, DOCX, HTML, text, Markdown) and writes,
into --out: one workbook per organisation, comparison.xlsx, scores.csv, evidence.csv,
documents.csv and run.json.

A folder PATH: each first-level subfolder is one organisation; files directly inside it
belong to an organisation named after the folder. A file PATH belongs to an organisation
named after its folder. With --manifest, a CSV (path,organisation,type,date) names each
document instead. Dates come from the manifest, the file name (2024-03-27, 27-03-2024,
2024-03, 2024-25) or the document's metadata.

Every flag can also be set as an ANCHORSCORE_* environment variable (ANCHORSCORE_OUT,
ANCHORSCORE_MAX_FILE_MB) or in a YAML file given with --config.`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 && !cmd.Flags().Changed("manifest") && envOrEmpty("manifest") == "" {
				return usagef("score: give a PATH (a folder or files), or --manifest FILE")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			s, err := loadSettings(cmd)
			if err != nil {
				return err
			}
			o, err := s.score()
			if err != nil {
				return err
			}
			return runScore(cmd, o, args)
		},
	}
	addScoreFlags(cmd.Flags())
	return cmd
}

func runScore(cmd *cobra.Command, o *scoreSettings, paths []string) error {
	stderr := cmd.ErrOrStderr()
	// Everything that can be wrong with the request is found before
	// anything is read or written.
	rub, err := rubric.LoadOrBuiltin(o.Rubric)
	if err != nil {
		return err
	}
	var inputs []discover.Input
	if o.Manifest != "" {
		if len(paths) > 0 {
			return usagef("score: give PATHs or --manifest, not both")
		}
		inputs, err = discover.Manifest(o.Manifest, o.AllowOutsideManifest)
	} else {
		inputs, err = discover.Paths(paths)
	}
	if err != nil {
		return err
	}

	opts := pipeline.Options{
		Inputs:  inputs,
		Rubric:  rub,
		Period:  o.Period,
		Workers: o.Workers,
		Limits: ingest.Limits{MaxBytes: int64(o.MaxFileMB) << 20, MaxPages: o.MaxPages, Timeout: o.Timeout,
			PDFToText: o.PDFToText, OCR: o.OCR},
		Progress: newProgress(o.Progress, stderr),
	}
	if o.Isolate {
		pool := &isolate.Pool{Size: o.Workers, MemoryMiB: o.MaxMemoryMB}
		defer pool.Close()
		opts.Read, opts.MemoryMiB = pool.Read, o.MaxMemoryMB
	}
	if o.Cache != "" {
		opts.Cache = &cache.Cache{Dir: o.Cache}
		var once sync.Once
		opts.CacheError = func(err error) {
			once.Do(func() { fmt.Fprintf(stderr, "anchorscore: warning: cannot write the cache in %s: %v\n", o.Cache, err) })
		}
	}
	if o.Shard != nil {
		return runShard(cmd, o, opts, rub)
	}
	res, err := pipeline.Run(cmd.Context(), opts)
	if err != nil {
		return err
	}
	if cmd.Context().Err() != nil {
		return cmd.Context().Err()
	}
	if path := os.Getenv("ANCHORSCORE_MEMPROFILE"); path != "" {
		writeHeapProfile(path)
	}
	meta := report.Meta{Version: version, Rubric: rub, Settings: map[string]any{
		"period": o.Period, "workers": o.Workers, "rubric": rubricName(o.Rubric), "manifest": o.Manifest,
		"max_file_mb": o.MaxFileMB, "max_pages": o.MaxPages, "max_memory_mb": o.MaxMemoryMB, "isolate": o.Isolate, "pdftotext": o.PDFToText, "ocr": o.OCR, "timeout": o.Timeout.String(),
	}}
	written, err := report.Write(o.Out, res, meta)
	if err != nil {
		return err
	}
	failed := summarise(stderr, res, rub, o.Out, written)
	if failed > 0 {
		return errUnread
	}
	return nil
}

// runShard reads this shard's slice of the documents and saves it in
// --out for `anchorscore report` to merge.
func runShard(cmd *cobra.Command, o *scoreSettings, opts pipeline.Options, rub *rubric.Compiled) error {
	stderr := cmd.ErrOrStderr()
	all := len(opts.Inputs)
	opts.Inputs = shard.Select(opts.Inputs, *o.Shard)
	docs, err := pipeline.Read(cmd.Context(), opts)
	if err != nil {
		return err
	}
	name, err := shard.Write(o.Out, &shard.Partial{Version: version, RubricSHA: rub.SHA256, Period: o.Period, Shard: *o.Shard, Documents: docs})
	if err != nil {
		return fmt.Errorf("saving shard %s: %w", o.Shard, err)
	}
	failed := 0
	for _, d := range docs {
		if d.Failed() {
			failed++
			fmt.Fprintf(stderr, "%s: %s: %s\n", d.Status, d.Display, d.Error)
		}
	}
	fmt.Fprintf(stderr, "shard %s: read %d of %d documents, %d could not be read; wrote %s\n", o.Shard, len(docs), all, failed, filepath.Join(o.Out, name))
	if failed > 0 {
		return errUnread
	}
	return nil
}

func rubricName(path string) string {
	if path == "" {
		return "built-in"
	}
	return path
}

// summarise prints one screen about the run on stderr: every failure with
// its reason, the organisations' levels, and where the outputs are.
func summarise(w io.Writer, res *pipeline.Result, rub *rubric.Compiled, out string, written []string) int {
	counts := map[string]int{}
	failed, kept := 0, 0
	for _, d := range res.Documents {
		counts[d.Status]++
		if d.Failed() {
			failed++
			fmt.Fprintf(w, "failed: %s: %s\n", d.Display, d.Error)
		}
		if d.KeptFailure {
			kept++
		}
	}
	if kept > 0 {
		fmt.Fprintf(w, "(%d of these failed the same way in an earlier run and were not read again; --no-cache reads them again)\n", kept)
	}
	fmt.Fprintf(w, "\n%d documents: %d ok, %d partial, %d failed, %d skipped, %d duplicate; %d evidence sentences\n",
		len(res.Documents), counts[pipeline.StatusOK], counts[pipeline.StatusPartial], failed, counts[pipeline.StatusSkipped], counts[pipeline.StatusDuplicate], len(res.Items))
	var header []string
	for _, th := range rub.Themes {
		header = append(header, abbreviate(th.Name))
	}
	fmt.Fprintf(w, "%-44s %s\n", "organisation (levels, all periods)", strings.Join(header, " "))
	for _, org := range report.Organisations(res) {
		var cells []string
		for i, th := range rub.Themes {
			level := "-"
			for _, s := range res.Scores {
				if s.Organisation == org && s.Period == discover.PeriodAll && s.Theme == th.ID {
					level = fmt.Sprint(s.Level)
				}
			}
			cells = append(cells, fmt.Sprintf("%*s", len(header[i]), level))
		}
		fmt.Fprintf(w, "%-44s %s\n", truncate(org, 44), strings.Join(cells, " "))
	}
	fmt.Fprintf(w, "wrote %d files to %s\n", len(written), filepath.Clean(out))
	return failed
}

func abbreviate(name string) string {
	var b strings.Builder
	for _, f := range strings.Fields(name) {
		b.WriteString(strings.ToUpper(f[:1]))
	}
	return b.String()
}

func truncate(s string, n int) string {
	if len([]rune(s)) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}

func envOrEmpty(key string) string {
	v, _ := os.LookupEnv(envName(key))
	return v
}
