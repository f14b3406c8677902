package report

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/anchorscore/anchorscore/pipeline"
	"github.com/anchorscore/anchorscore/pipeline/discover"
	"github.com/anchorscore/anchorscore/pipeline/doc"
	"github.com/anchorscore/anchorscore/pipeline/score"
	"github.com/anchorscore/anchorscore/rubric"
)

// synthetic describes a made-up run: how many organisations, documents
// each, and evidence sentences in all. quotes, when set, are used as the
// first sentences' text.
type synthetic struct {
	orgs, docsPerOrg, items int
	quotes                  []string
}

// Sentences look like the evidence real documents give, with the words
// that match in the middle.
var syntheticSentences = []struct{ before, match, after string }{
	{"In 2024/25 the Trust ", "appointed an anchor programme manager", " who reports to the executive lead for health inequalities."},
	{"Our ", "anchor charter", " was signed by all sixteen partners of the integrated care system in March."},
	{"We will ", "increase local spend", " with small businesses in the most deprived neighbourhoods of the borough."},
	{"The ", "social value weighting", " in tenders rose from 10% to 15%, and local hires increased by 14% over the year."},
	{"Green champions", "", " on every ward led the switch-off campaign, which saved 212 MWh of electricity."},
	{"The pre-employment programme ", "placed 86 local people", " into bank and substantive roles, most from Core20PLUS5 postcodes."},
	{"We have not yet ", "appointed a programme manager", ", and capacity remains limited while recruitment is paused."},
}

// build makes the run, the same for the same description.
func (sy synthetic) build(r *rubric.Compiled) *pipeline.Result {
	rng := rand.New(rand.NewPCG(20250401, uint64(sy.orgs*31+sy.items)))
	type ind struct{ theme, id string }
	var inds []ind
	for _, th := range r.Themes {
		for _, in := range th.Indicators {
			inds = append(inds, ind{th.ID, in.ID})
		}
	}
	kinds := []string{"board-paper", "annual-report", "strategy", "bulletin", "committee-paper"}
	res := &pipeline.Result{}
	for o := 0; o < sy.orgs; o++ {
		org := fmt.Sprintf("organisation-%03d-nhs-trust", o)
		for k := 0; k < sy.docsPerOrg; k++ {
			date := time.Date(2022+k%4, time.Month(1+(o+k*5)%12), 1+k, 0, 0, 0, 0, time.UTC)
			ext := []string{".pdf", ".docx", ".html"}[k%3]
			name := fmt.Sprintf("%s/%s-%s%s", org, kinds[k%len(kinds)], date.Format("2006-01-02"), ext)
			d := &pipeline.Document{
				Input:  discover.Input{Path: "/data/corpus/" + name, Display: name, Organisation: org, Type: kinds[k%len(kinds)], Date: date},
				Period: discover.Period(date, discover.PeriodFY), Format: doc.Format(strings.TrimPrefix(ext, ".")),
				Words: 4000 + rng.IntN(20000), Status: pipeline.StatusOK,
			}
			if ext == ".pdf" {
				d.Format, d.Pages = doc.FormatPDF, 20+rng.IntN(200)
			}
			if o == 0 && k == sy.docsPerOrg-1 && sy.docsPerOrg > 1 {
				d.Status, d.Error, d.Words = pipeline.StatusFailed, "no text found (a scanned document needs OCR)", 0
			}
			res.Documents = append(res.Documents, d)
			if d.Status == pipeline.StatusOK {
				res.Docs = append(res.Docs, score.Doc{Path: d.Display, Organisation: org, Period: d.Period, Date: date})
			}
		}
	}
	for i := 0; i < sy.items; i++ {
		di := i * len(res.Docs) / max(sy.items, 1) // grouped by document, as a run gives them
		s := syntheticSentences[rng.IntN(len(syntheticSentences))]
		text := s.before + s.match + s.after
		span := doc.Span{Start: len(s.before), End: len(s.before) + len(s.match)}
		if s.match == "" {
			span = doc.Span{Start: 0, End: len(s.before)}
		}
		if i < len(sy.quotes) {
			text, span = sy.quotes[i], doc.Span{Start: 0, End: min(4, len(sy.quotes[i]))}
		}
		in := inds[rng.IntN(len(inds))]
		ev := doc.Evidence{
			Sentence:  doc.Sentence{Index: i, Para: 1 + i%40, Text: text},
			Theme:     in.theme,
			Indicator: in.id,
			Strength:  doc.Strength(1 + rng.IntN(3)),
			Negated:   rng.IntN(10) == 0,
			Owned:     rng.IntN(3) == 0,
			Weight:    1 + float64(rng.IntN(4))/2,
			Matched:   []doc.Span{span},
		}
		if strings.HasSuffix(res.Docs[di].Path, ".pdf") {
			ev.Page = 1 + rng.IntN(40)
		}
		res.Items = append(res.Items, score.Item{Evidence: ev, Doc: di})
	}
	res.Scores = score.Score(r, res.Docs, res.Items)
	return res
}
