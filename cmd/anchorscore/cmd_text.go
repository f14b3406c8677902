package main

import (
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/anchorscore/anchorscore/pipeline/ingest"
)

func newTextCmd() *cobra.Command {
	var timeout time.Duration
	cmd := &cobra.Command{
		Use:   "text FILE",
		Short: "Print the text read from one document, page by page",
		Long: `Text prints what anchorscore read from a document, page by page (or section by section
for formats without pages), one paragraph per line: the first thing to check when a
score surprises you.`,
		Args: argsExactly(1, "one FILE"),
		RunE: func(cmd *cobra.Command, args []string) error {
			// The same fall-backs as score, so this shows what score reads.
			t, err := ingest.Read(cmd.Context(), args[0], ingest.Limits{Timeout: timeout, PDFToText: true, OCR: true})
			if err != nil {
				return fmt.Errorf("%s: %w", args[0], err)
			}
			w := cmd.OutOrStdout()
			fmt.Fprintf(w, "# %s (%s", args[0], t.Format)
			if t.Pages > 0 {
				fmt.Fprintf(w, ", %d pages", t.Pages)
			}
			if t.Title != "" {
				fmt.Fprintf(w, ", title %q", t.Title)
			}
			if !t.Created.IsZero() {
				fmt.Fprintf(w, ", created %s", t.Created.Format("2006-01-02"))
			}
			fmt.Fprintln(w, ")")
			if t.Reader != "" {
				fmt.Fprintf(w, "# read with %s\n", t.Reader)
			}
			for _, warn := range t.Warnings {
				fmt.Fprintf(w, "# warning: %s\n", warn)
			}
			page, section := -1, "\x00"
			for _, b := range t.Blocks {
				if b.Page > 0 && b.Page != page {
					page = b.Page
					fmt.Fprintf(w, "\n=== page %d ===\n", page)
				}
				if b.Section != section {
					section = b.Section
					if section != "" {
						fmt.Fprintf(w, "\n=== § %s ===\n", section)
					}
				}
				ocr := ""
				if b.OCR {
					ocr = "[ocr] "
				}
				fmt.Fprintf(w, "%s%s\n", ocr, b.Text)
			}
			return nil
		},
	}
	cmd.Flags().DurationVar(&timeout, "timeout", 2*time.Minute, "longest time spent reading the document")
	return cmd
}
