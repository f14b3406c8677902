package report

import (
	"bufio"
	"encoding/csv"
	"strconv"

	"github.com/anchorscore/anchorscore/pipeline"
)

// The CSV columns are a contract: researchers' scripts key on them. New
// columns go at the end.
var (
	scoresHeader    = []string{"organisation", "period", "theme", "level", "level_name", "score", "indicators_evidenced", "evidence_count", "rule"}
	evidenceHeader  = []string{"organisation", "document", "page", "period", "theme", "indicator", "strength", "negated", "weight", "sentence", "location", "matched"}
	documentsHeader = []string{"path", "organisation", "type", "date", "period", "format", "pages", "words", "sha256", "status", "error", "reader"}
)

func writeCSV(w *bufio.Writer, header []string, rows func(emit func([]string) error) error) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(header); err != nil {
		return err
	}
	if err := rows(cw.Write); err != nil {
		return err
	}
	cw.Flush()
	return cw.Error()
}

func scoresCSV(res *pipeline.Result) func(*bufio.Writer) error {
	return func(w *bufio.Writer) error {
		return writeCSV(w, scoresHeader, func(emit func([]string) error) error {
			for _, s := range res.Scores {
				if err := emit([]string{s.Organisation, s.Period, s.Theme, strconv.Itoa(s.Level), s.LevelName, strconv.Itoa(s.Score),
					strconv.Itoa(s.IndicatorsEvidenced), strconv.Itoa(s.EvidenceCount), s.Rule}); err != nil {
					return err
				}
			}
			return nil
		})
	}
}

func evidenceCSV(res *pipeline.Result) func(*bufio.Writer) error {
	return func(w *bufio.Writer) error {
		return writeCSV(w, evidenceHeader, func(emit func([]string) error) error {
			for _, it := range res.Items {
				d := res.Docs[it.Doc]
				if err := emit([]string{d.Organisation, d.Path, pageText(it.Page), d.Period, it.Theme, it.Indicator, it.Strength.String(),
					strconv.FormatBool(it.Negated), formatWeight(it.Weight), it.Text, it.Location(), matchedText(it.Text, it.Matched)}); err != nil {
					return err
				}
			}
			return nil
		})
	}
}

func documentsCSV(res *pipeline.Result) func(*bufio.Writer) error {
	return func(w *bufio.Writer) error {
		return writeCSV(w, documentsHeader, func(emit func([]string) error) error {
			for _, d := range res.Documents {
				if err := emit([]string{d.Display, d.Organisation, d.Type, dateText(d), d.Period, string(d.Format), pageText(d.Pages),
					strconv.Itoa(d.Words), d.SHA256, d.Status, d.Error, d.Reader}); err != nil {
					return err
				}
			}
			return nil
		})
	}
}

func pageText(n int) string {
	if n <= 0 {
		return ""
	}
	return strconv.Itoa(n)
}

func dateText(d *pipeline.Document) string {
	if d.Date.IsZero() {
		return ""
	}
	return d.Date.Format("2006-01-02")
}

func formatWeight(w float64) string { return strconv.FormatFloat(w, 'f', -1, 64) }
