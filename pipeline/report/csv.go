package report

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"math"
	"strconv"
	"time"

	"github.com/anchorscore/anchorscore/pipeline"
	"github.com/anchorscore/anchorscore/pipeline/score"
)

// The CSV columns are a contract: researchers' scripts key on them. New
// columns go at the end.
var (
	scoresHeader    = []string{"organisation", "period", "theme", "level", "level_name", "score", "indicators_evidenced", "evidence_count", "rule", "rules_level", "probability"}
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
				if err := emit(csvRecord(scoreRow(s))); err != nil {
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
				if err := emit(csvRecord(evidenceRow(res.Docs[it.Doc], it))); err != nil {
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
				if err := emit(csvRecord(documentRow(d))); err != nil {
					return err
				}
			}
			return nil
		})
	}
}

// The rows of the three tidy tables, with typed values, shared by the CSV
// files and the comparison workbook's long-format sheets so that the two
// never drift apart. An empty value is nil.

func scoreRow(s score.Theme) []any {
	// the level model's probability, to two places; none where the level
	// rules alone decided
	var p any
	if s.Probability > 0 {
		p = math.Round(100*s.Probability) / 100
	}
	return []any{s.Organisation, s.Period, s.Theme, s.Level, s.LevelName, s.Score, s.IndicatorsEvidenced, s.EvidenceCount, s.Rule, s.RuleLevel, p}
}

func evidenceRow(d score.Doc, it score.Item) []any {
	return []any{d.Organisation, d.Path, positive(it.Page), d.Period, it.Theme, it.Indicator, it.Strength.String(),
		it.Negated, it.Weight, it.Text, it.Location(), matchedText(it.Text, it.Matched)}
}

func documentRow(d *pipeline.Document) []any {
	var date any
	if !d.Date.IsZero() {
		date = d.Date
	}
	return []any{d.Display, d.Organisation, d.Type, date, d.Period, string(d.Format), positive(d.Pages),
		d.Words, d.SHA256, d.Status, d.Error, d.Reader}
}

// positive is n, or nil (an empty cell) when n is not above zero.
func positive(n int) any {
	if n <= 0 {
		return nil
	}
	return n
}

// csvRecord spells a row's values as the CSV files do.
func csvRecord(row []any) []string {
	out := make([]string, len(row))
	for i, v := range row {
		switch x := v.(type) {
		case nil:
		case string:
			out[i] = x
		case int:
			out[i] = strconv.Itoa(x)
		case float64:
			out[i] = strconv.FormatFloat(x, 'f', -1, 64)
		case bool:
			out[i] = strconv.FormatBool(x)
		case time.Time:
			out[i] = x.Format("2006-01-02")
		default:
			out[i] = fmt.Sprint(x)
		}
	}
	return out
}
