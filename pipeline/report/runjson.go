package report

import (
	"bufio"
	"encoding/json"
	"math"

	"github.com/anchorscore/anchorscore/pipeline"
)

// runJSON describes the run: what made the outputs and from what. Its
// durations differ from run to run; every other output depends only on
// the inputs, the rubric and the settings.
func runJSON(res *pipeline.Result, meta Meta) func(*bufio.Writer) error {
	return func(w *bufio.Writer) error {
		counts := map[string]int{
			"organisations": len(Organisations(res)),
			"documents":     len(res.Documents),
			"evidence":      len(res.Items),
			"scores":        len(res.Scores),
		}
		sentences, pages := 0, 0
		for _, d := range res.Documents {
			counts["status_"+d.Status]++
			sentences += d.Sentences
			pages += d.Pages
		}
		counts["sentences"] = sentences
		counts["pages"] = pages
		round := func(f float64) float64 { return math.Round(f*1000) / 1000 }
		out := map[string]any{
			"tool":    "anchorscore",
			"version": meta.Version,
			"rubric": map[string]any{
				"id": meta.Rubric.ID, "name": meta.Rubric.Name, "version": meta.Rubric.Version,
				"file": meta.Rubric.File, "sha256": meta.Rubric.SHA256,
			},
			"settings": meta.Settings,
			"counts":   counts,
			"durations_seconds": map[string]float64{
				"read": round(res.Timings.Read), "score": round(res.Timings.Score), "total": round(res.Timings.Total),
			},
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
}
