package evaluate

import (
	"fmt"
	"io"
	"strings"
	"unicode"

	"github.com/anchorscore/anchorscore/pipeline/doc"
	"github.com/anchorscore/anchorscore/pipeline/score"
	"github.com/anchorscore/anchorscore/rubric"
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
	// Moved counts judged evidence the reader saw under another
	// indicator; MovedAccepted those now under the indicator the reader's
	// note named as the better one.
	Moved, MovedAccepted int
}

// Audit joins quoted evidence to the audit by document, sentence and
// indicator.
//
// Evidence now filed under another indicator than the one the reader saw
// is judged too, from the same verdict: rejected evidence (not_own,
// not_evidence) stays rejected whatever its indicator; evidence the
// reader accepted under another indicator is the organisation's work
// under the wrong one; and evidence the reader said belonged elsewhere
// (other_indicator) is accepted when it now sits under the indicator the
// reader's note names.
func Audit(audit []Verdict, quoted []Quoted) AuditFigures {
	byKey, bySentence := indexAudit(audit)
	fig := AuditFigures{Audited: len(audit), Quoted: len(quoted)}
	seen := map[auditKey]bool{}
	for _, q := range quoted {
		k := auditKey{q.Document, q.Sentence, q.Indicator}
		v, ok := byKey[k]
		moved := false
		if !ok {
			// the sentence's verdict under another indicator, if one is
			// not already used by the sentence's other quotes
			for _, other := range bySentence[[2]string{q.Document, q.Sentence}] {
				if !seen[other] {
					k, v, ok, moved = other, byKey[other], true, true
					break
				}
			}
		}
		if !ok || seen[k] {
			continue
		}
		seen[k] = true
		fig.Judged++
		accepted := v.Verdict == "accept"
		if moved {
			fig.Moved++
			accepted = v.Verdict == "other_indicator" && namesIndicator(v.Note, q.Indicator)
			if accepted {
				fig.MovedAccepted++
			}
			if v.Verdict == "accept" {
				v.Verdict = "other_indicator"
			}
		}
		if accepted {
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
	fmt.Fprintf(w, "judged evidence now under another indicator than the reader saw: %d, of which under the indicator the reader named %d\n", f.Moved, f.MovedAccepted)
}

// namesIndicator reports whether a reader's note names an indicator by
// its id ("joint_recruitment (academy run for the charter signatories)").
func namesIndicator(note, id string) bool { return idAt(note, id) >= 0 }

// idAt is where an id first stands as a whole word in a note, or -1.
func idAt(note, id string) int {
	for i := 0; i < len(note); {
		j := strings.Index(note[i:], id)
		if j < 0 {
			return -1
		}
		j += i
		if (j == 0 || !idRune(rune(note[j-1]))) && (j+len(id) == len(note) || !idRune(rune(note[j+len(id)]))) {
			return j
		}
		i = j + 1
	}
	return -1
}

func idRune(r rune) bool { return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) }

// AsAudited is the evidence as the reader judged it: what the reader
// rejected (not_own, not_evidence) is dropped, and the rest takes the
// reader's strength and negation. Evidence now under another indicator
// than the reader saw takes the sentence's verdict, as Audit judges it.
// Evidence the audit never saw is kept as it is. Scoring it shows how
// far level disagreements come from the evidence and how far from the
// level rules. path names an item's document as the audit does.
func AsAudited(audit []Verdict, items []score.Item, path func(score.Item) string) []score.Item {
	byKey, bySentence := indexAudit(audit)
	strengths := map[string]doc.Strength{"intent": doc.Intent, "action": doc.Action, "outcome": doc.Outcome}
	out := make([]score.Item, 0, len(items))
	for _, it := range items {
		v, ok := byKey[auditKey{path(it), it.Text, it.Indicator}]
		if others := bySentence[[2]string{path(it), it.Text}]; !ok && len(others) > 0 {
			v, ok = byKey[others[0]], true
		}
		if ok {
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

// indexAudit indexes verdicts by their key and, for evidence moved to
// another indicator since, by document and sentence.
func indexAudit(audit []Verdict) (map[auditKey]Verdict, map[[2]string][]auditKey) {
	byKey := make(map[auditKey]Verdict, len(audit))
	bySentence := map[[2]string][]auditKey{}
	for _, v := range audit {
		k := auditKey{v.Document, v.Sentence, v.Indicator}
		byKey[k] = v
		bySentence[[2]string{v.Document, v.Sentence}] = append(bySentence[[2]string{v.Document, v.Sentence}], k)
	}
	return byKey, bySentence
}

// ReaderIndicators turns a reader's audit into labelled sentences that
// teach the rubric's indicator model where readers file evidence read in
// its document: evidence the reader accepted keeps its indicator, and
// evidence filed under the wrong indicator (other_indicator) takes the one
// the reader's note names first. Rejected evidence, notes that name no
// indicator of the rubric and repeats of a sentence teach nothing.
func ReaderIndicators(audit []Verdict, c *rubric.Compiled) []rubric.LabelledSentence {
	var ids []string
	for _, th := range c.Themes {
		for _, in := range th.Indicators {
			ids = append(ids, in.ID)
		}
	}
	var out []rubric.LabelledSentence
	seen := map[[2]string]bool{}
	for _, v := range audit {
		id := ""
		switch v.Verdict {
		case "accept":
			id = v.Indicator
		case "other_indicator":
			id = firstIndicator(v.Note, ids)
		}
		if _, _, ok := c.IndicatorByID(id); !ok || seen[[2]string{v.Sentence, id}] {
			continue
		}
		seen[[2]string{v.Sentence, id}] = true
		out = append(out, rubric.LabelledSentence{Text: v.Sentence, Indicator: id})
	}
	return out
}

// ReaderRejected are the sentences of a reader's audit that are not
// evidence at all (not_evidence), each once, as ordinary business: they
// teach the finding model what is not evidence however it reads. Another
// body's work (not_own) is evidence in its words and teaches nothing.
func ReaderRejected(audit []Verdict) []rubric.LabelledSentence {
	var out []rubric.LabelledSentence
	seen := map[string]bool{}
	for _, v := range audit {
		if v.Verdict == "not_evidence" && !seen[v.Sentence] {
			seen[v.Sentence] = true
			out = append(out, rubric.LabelledSentence{Text: v.Sentence})
		}
	}
	return out
}

// firstIndicator is the indicator id a note names first, or "".
func firstIndicator(note string, ids []string) string {
	best, at := "", len(note)
	for _, id := range ids {
		if j := idAt(note, id); j >= 0 && j < at {
			best, at = id, j
		}
	}
	return best
}
