// Package report writes a run's results: one workbook per organisation, a
// comparison workbook, tidy CSV files and run.json. Every file is written
// whole or not at all.
package report

import (
	"bufio"
	"fmt"
	"os"
	"regexp"
	"sort"
	"strings"

	"github.com/anchorscore/anchorscore/pipeline"
	"github.com/anchorscore/anchorscore/pipeline/doc"
	"github.com/anchorscore/anchorscore/rubric"
)

// Meta is what the outputs say about the run itself.
type Meta struct {
	Version  string
	Rubric   *rubric.Compiled
	Settings map[string]any
}

// Write writes every output into dir, creating it if needed, and returns
// the names written in order.
func Write(dir string, res *pipeline.Result, meta Meta) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("output folder %s: %w", dir, err)
	}
	var written []string
	put := func(name string, write func(*bufio.Writer) error) error {
		if err := writeAtomic(dir, name, write); err != nil {
			return err
		}
		written = append(written, name)
		return nil
	}
	for _, f := range []struct {
		name  string
		write func(*bufio.Writer) error
	}{
		{"documents.csv", documentsCSV(res)},
		{"evidence.csv", evidenceCSV(res)},
		{"scores.csv", scoresCSV(res)},
	} {
		if err := put(f.name, f.write); err != nil {
			return written, err
		}
	}
	ix := newIndex(res, meta.Rubric)
	if err := writeOrgWorkbooks(ix, meta, func(org string, data []byte) error {
		return put(Slug(org)+".xlsx", func(w *bufio.Writer) error { _, err := w.Write(data); return err })
	}); err != nil {
		return written, err
	}
	wb, err := comparisonWorkbook(ix, meta)
	if err != nil {
		return written, fmt.Errorf("comparison workbook: %w", err)
	}
	err = put("comparison.xlsx", func(w *bufio.Writer) error { _, err := wb.WriteTo(w); return err })
	wb.Close()
	if err != nil {
		return written, err
	}
	if err := put("run.json", runJSON(res, meta)); err != nil {
		return written, err
	}
	return written, nil
}

// Organisations lists, sorted, every organisation with at least one
// document that was not skipped: a folder holding only spreadsheets or
// notes is not an organisation.
func Organisations(res *pipeline.Result) []string {
	seen := map[string]bool{}
	var out []string
	for _, d := range res.Documents {
		if d.Status != pipeline.StatusSkipped && !seen[d.Organisation] {
			seen[d.Organisation] = true
			out = append(out, d.Organisation)
		}
	}
	sort.Strings(out)
	return out
}

var nonSlug = regexp.MustCompile(`[^a-z0-9]+`)

// Slug makes a file name from an organisation's name.
func Slug(s string) string {
	slug := strings.Trim(nonSlug.ReplaceAllString(strings.ToLower(s), "-"), "-")
	if slug == "" {
		slug = "organisation"
	}
	if len(slug) > 80 {
		slug = strings.TrimRight(slug[:80], "-")
	}
	return slug
}

// matchedText lists the words that matched, joined with " … ".
func matchedText(text string, spans []doc.Span) string {
	parts := make([]string, 0, len(spans))
	for _, s := range spans {
		if s.Start >= 0 && s.End <= len(text) && s.Start < s.End {
			parts = append(parts, text[s.Start:s.End])
		}
	}
	return strings.Join(parts, " … ")
}
