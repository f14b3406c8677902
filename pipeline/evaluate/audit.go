package evaluate

import (
	"fmt"
	"io"

	"github.com/anchorscore/anchorscore/pipeline/doc"
	"github.com/anchorscore/anchorscore/pipeline/score"
)

// Verdict is a careful reader's judgement of one piece of evidence that the
// score command quoted from a corpus, read in its document.
type Verdict struct {
	Document, Theme, Indicator string
	// Verdict is accept (evidence of this indicator), other_indicator (the
	// organisation's own anchor work, filed under the wrong indicator),
	// not_own (another body's work) or not_evidence.
	Verdict  string
	Strength string // the reader's strength; empty for not_evidence
	Negated  bool   // the reader's negation
	Sentence string
	Note     string
}

// verdicts are the values a Verdict can hold.
var verdicts = map[string]bool{"accept": true, "other_indicator": true, "not_own": true, "not_evidence": true}

// ReadAudit reads an evidence audit (TSV with a header: document, theme,
// indicator, verdict, strength, negated, sentence, note).
func ReadAudit(path string) ([]Verdict, error) {
	var out []Verdict
	err := readTSV(path, 8, "document", func(line int, rec []string) error {
		if !verdicts[rec[3]] {
			return fmt.Errorf("%s:%d: verdict %q is not accept, other_indicator, not_own or not_evidence", path, line, rec[3])
		}
		out = append(out, Verdict{Document: rec[0], Theme: rec[1], Indicator: rec[2], Verdict: rec[3], Strength: rec[4],
			Negated: rec[5] == "true", Sentence: rec[6], Note: rec[7]})
		return nil
	})
	return out, err
}

// Quoted is one piece of evidence as the score command quoted it.
type Quoted struct {
	Document, Indicator, Sentence, Strength string
	Negated                                 bool
}

// AuditFigures measure the evidence quoted from a corpus against a
// reader's audit of an earlier run: how much of what is quoted the reader
// accepts, and with the right strength and negation. Evidence quoted now
// that the audit never saw is counted, not judged.
type AuditFigures struct {
	Audited int // verdicts in the audit
	Quoted  int // evidence quoted now
	Judged  int // quoted evidence the audit judges
	// Accepted is judged evidence the reader accepts for its indicator;
	// OwnWork also counts the organisation's own anchor work filed under
	// another indicator.
	Accepted, OwnWork int
	// StrengthRight and NegationRight count, among OwnWork, the evidence
	// whose strength and negation agree with the reader's.
	StrengthRight, NegationRight int
	// Dropped counts audited evidence no longer quoted; DroppedRejected
	// those of them the reader rejected (not_own or not_evidence).
	Dropped, DroppedRejected int
}

// Audit joins quoted evidence to the audit by document, sentence and
// indicator.
func Audit(audit []Verdict, quoted []Quoted) AuditFigures {
	byKey := indexAudit(audit)
	fig := AuditFigures{Audited: len(audit), Quoted: len(quoted)}
	seen := map[auditKey]bool{}
	for _, q := range quoted {
		k := auditKey{q.Document, q.Sentence, q.Indicator}
		v, ok := byKey[k]
		if !ok || seen[k] {
			continue
		}
		seen[k] = true
		fig.Judged++
		if v.Verdict == "accept" {
			fig.Accepted++
		}
		if v.Verdict != "accept" && v.Verdict != "other_indicator" {
			continue
		}
		fig.OwnWork++
		if q.Strength == v.Strength {
			fig.StrengthRight++
		}
		if q.Negated == v.Negated {
			fig.NegationRight++
		}
	}
	for k, v := range byKey {
		if !seen[k] {
			fig.Dropped++
			if v.Verdict == "not_own" || v.Verdict == "not_evidence" {
				fig.DroppedRejected++
			}
		}
	}
	return fig
}

// Write prints the figures.
func (f AuditFigures) Write(w io.Writer) {
	fmt.Fprintf(w, "evidence quoted: %d, of which the audit judges %d (%d audited)\n", f.Quoted, f.Judged, f.Audited)
	fmt.Fprintf(w, "accepted for its indicator: %d of %d (%.1f%%); the organisation's own anchor work: %d (%.1f%%)\n",
		f.Accepted, f.Judged, 100*ratio(f.Accepted, f.Judged), f.OwnWork, 100*ratio(f.OwnWork, f.Judged))
	fmt.Fprintf(w, "strength right: %d of %d (%.1f%%); negation right: %d of %d (%.1f%%)\n",
		f.StrengthRight, f.OwnWork, 100*ratio(f.StrengthRight, f.OwnWork), f.NegationRight, f.OwnWork, 100*ratio(f.NegationRight, f.OwnWork))
	fmt.Fprintf(w, "audited evidence no longer quoted: %d, of which the reader rejected %d\n", f.Dropped, f.DroppedRejected)
}

// AsAudited is the evidence as the reader judged it: what the reader
// rejected (not_own, not_evidence) is dropped, and the rest takes the
// reader's strength and negation. Evidence the audit never saw is kept as
// it is. Scoring it shows how far level disagreements come from the
// evidence and how far from the level rules. path names an item's
// document as the audit does.
func AsAudited(audit []Verdict, items []score.Item, path func(score.Item) string) []score.Item {
	byKey := indexAudit(audit)
	strengths := map[string]doc.Strength{"intent": doc.Intent, "action": doc.Action, "outcome": doc.Outcome}
	out := make([]score.Item, 0, len(items))
	for _, it := range items {
		if v, ok := byKey[auditKey{path(it), it.Text, it.Indicator}]; ok {
			if v.Verdict == "not_own" || v.Verdict == "not_evidence" {
				continue
			}
			if s := strengths[v.Strength]; s != 0 {
				it.Strength = s
			}
			if it.Negated != v.Negated {
				it.Negated, it.Withdrawn = v.Negated, false
			}
		}
		out = append(out, it)
	}
	return out
}

// auditKey is how a verdict is found again: by document, sentence and
// indicator.
type auditKey struct{ doc, sentence, indicator string }

func indexAudit(audit []Verdict) map[auditKey]Verdict {
	byKey := make(map[auditKey]Verdict, len(audit))
	for _, v := range audit {
		byKey[auditKey{v.Document, v.Sentence, v.Indicator}] = v
	}
	return byKey
}
