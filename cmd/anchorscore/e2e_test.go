package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/anchorscore/anchorscore/configs"
	"github.com/anchorscore/anchorscore/pipeline/evaluate"
	"github.com/anchorscore/anchorscore/rubric"
)

const corpus = "../../fixtures/corpus"

// score runs the command as a user would and returns its exit status and
// stderr.
func score(t *testing.T, args ...string) (int, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	// Each test run gets its own cache, so tests never touch the user's.
	code := run(append([]string{"score", "--progress", "none", "--cache", t.TempDir()}, args...), &stdout, &stderr)
	return code, stderr.String()
}

func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return rows
}

// The shipped fixtures, scored with the built-in rubric, give the levels a
// careful reader gave them (fixtures/expected-levels.csv), within the
// agreement the rubric is measured to reach.
func TestFixturesEndToEnd(t *testing.T) {
	out := t.TempDir()
	code, stderr := score(t, "--out", out, corpus)
	if code != exitOK {
		t.Fatalf("exit %d, want 0; stderr:\n%s", code, stderr)
	}

	// The contract columns, in order, then any added ones.
	for name, want := range map[string][]string{
		"scores.csv":    {"organisation", "period", "theme", "level", "level_name", "score", "indicators_evidenced", "evidence_count"},
		"evidence.csv":  {"organisation", "document", "page", "period", "theme", "indicator", "strength", "negated", "weight", "sentence"},
		"documents.csv": {"path", "organisation", "type", "date", "period", "format", "pages", "words", "sha256", "status", "error"},
	} {
		rows := readCSV(t, filepath.Join(out, name))
		if len(rows) < 2 {
			t.Fatalf("%s has no rows", name)
		}
		if got := rows[0][:len(want)]; !slices.Equal(got, want) {
			t.Errorf("%s header = %v, want it to start %v", name, got, want)
		}
	}
	for _, name := range []string{"comparison.xlsx", "run.json", "harrowmere-teaching-hospitals.xlsx", "marlowe-point-hospitals.xlsx"} {
		if _, err := os.Stat(filepath.Join(out, name)); err != nil {
			t.Errorf("missing output %s", name)
		}
	}

	docs := readCSV(t, filepath.Join(out, "documents.csv"))
	formats := map[string]int{}
	for _, d := range docs[1:] {
		if d[9] != "ok" {
			t.Errorf("%s: status %s (%s), want ok", d[0], d[9], d[10])
		}
		formats[d[5]]++
	}
	for _, f := range []string{"pdf", "docx", "html", "text", "markdown"} {
		if formats[f] == 0 {
			t.Errorf("no %s document read; formats %v", f, formats)
		}
	}

	evidence := readCSV(t, filepath.Join(out, "evidence.csv"))
	for _, e := range evidence[1:] {
		if !slices.Contains([]string{"intent", "action", "outcome"}, e[6]) || (e[7] != "true" && e[7] != "false") {
			t.Fatalf("evidence row with strength %q negated %q", e[6], e[7])
		}
		if strings.HasSuffix(e[1], ".pdf") && e[2] == "" {
			t.Errorf("PDF evidence without a page: %v", e)
		}
	}

	want, err := evaluate.ReadExpected("../../fixtures/expected-levels.csv")
	if err != nil {
		t.Fatal(err)
	}
	got := allPeriodLevels(t, out)
	var exp, found []int
	farOff := 0
	for k, w := range want {
		g, ok := got[k]
		if !ok {
			t.Errorf("%s %s: no score", k[0], k[1])
			continue
		}
		switch d := max(g-w, w-g); {
		case d > 2:
			t.Errorf("%s %s: level %d, expected %d", k[0], k[1], g, w)
		case d == 2:
			farOff++
			t.Logf("%s %s: level %d, expected %d", k[0], k[1], g, w)
		}
		exp, found = append(exp, w), append(found, g)
	}
	exact, kappa := evaluate.Levels(exp, found, 5)
	t.Logf("level agreement: exact %.2f, quadratic weighted kappa %.3f over %d theme levels", exact, kappa, len(exp))
	if exact < minExactAgreement || kappa < minKappa || farOff > maxTwoLevelsOff {
		t.Errorf("level agreement exact %.2f (want >= %.2f), kappa %.3f (want >= %.2f), %d levels two apart (want <= %d)",
			exact, minExactAgreement, kappa, minKappa, farOff, maxTwoLevelsOff)
	}
}

// The agreement the built-in rubric reaches on the fixtures, less a
// margin; a change that lowers it fails here. The fixtures are among the
// corpora the level model learns from, so this is agreement on familiar
// papers (exact 0.86, kappa 0.921 when last measured, ninth session; the
// level rules alone give 0.82 and 0.904); TestLevelModelCrossValidated measures it
// on papers the model did not learn from. The README gives the figures.
// The ICB's intentionality (3) reads 1: its own programme lead reads as
// the ICS's, which is system leadership. Twelfth session: 0.75 and 0.892
// (21 of 28); the finding model files Kestrel Bay's "sustainability
// officer post became vacant ... has not been recruited to" as negated
// workforce evidence, and its one wish on decisions no longer makes
// shepherding Emerging. Thirteenth session, with refiling: 0.82 and
// 0.910 (23 of 28); the guard keeps its margin.
const (
	minExactAgreement = 0.75
	minKappa          = 0.88
	maxTwoLevelsOff   = 1
)

// allPeriodLevels reads the levels over all periods from a run's
// scores.csv, by organisation and theme.
func allPeriodLevels(t *testing.T, out string) map[[2]string]int {
	t.Helper()
	got := map[[2]string]int{}
	for _, s := range readCSV(t, filepath.Join(out, "scores.csv"))[1:] {
		if s[1] == "all" {
			level, _ := strconv.Atoi(s[3])
			got[[2]string{s[0], s[2]}] = level
		}
	}
	return got
}

// The development corpora (fictional organisations the rubric was tuned
// on, each written by a separate author with a careful reader's levels)
// keep the agreement they were measured at, less a margin: a change that
// helps the shipped fixtures at their expense fails here. The held-out
// corpora are measured in the README and never made a test, so that they
// stay held out.
func TestDevelopmentCorporaAgreement(t *testing.T) {
	var dirs []string
	want := map[[2]string]int{}
	for _, name := range devCorpora(1, lastDevCorpus) {
		dirs = append(dirs, "../../fixtures/corpus-"+name)
		w, err := evaluate.ReadExpected("../../fixtures/expected-levels-" + name + ".csv")
		if err != nil {
			t.Fatal(err)
		}
		maps.Copy(want, w)
	}
	out := t.TempDir()
	if code, stderr := score(t, append([]string{"--out", out}, dirs...)...); code != exitOK {
		t.Fatalf("exit %d, want 0; stderr:\n%s", code, stderr)
	}
	got := allPeriodLevels(t, out)
	var exp, found []int
	for _, k := range slices.SortedFunc(maps.Keys(want), func(a, b [2]string) int { return strings.Compare(a[0]+a[1], b[0]+b[1]) }) {
		g, ok := got[k]
		if !ok {
			t.Errorf("%s %s: no score", k[0], k[1])
			continue
		}
		exp, found = append(exp, want[k]), append(found, g)
	}
	exact, kappa := evaluate.Levels(exp, found, 5)
	t.Logf("development corpora: exact %.2f, quadratic weighted kappa %.3f over %d theme levels", exact, kappa, len(exp))
	if exact < minDevExact || kappa < minDevKappa {
		t.Errorf("development corpora: exact %.2f (want >= %.2f), kappa %.3f (want >= %.2f)", exact, minDevExact, kappa, minDevKappa)
	}
}

// The development corpora the level model learned from are corpus-dev
// (1), corpus-dev2, ... up to lastDevCorpus; later ones were measured
// fresh and wait to be learned from. Those with a file
// fixtures/audits/audit-devN.tsv have a reader's audit of their evidence.
const lastDevCorpus = 124

// devCorpora names the development corpora from..to.
func devCorpora(from, to int) []string {
	var names []string
	for i := from; i <= to; i++ {
		if i == 1 {
			names = append(names, "dev")
			continue
		}
		names = append(names, fmt.Sprintf("dev%d", i))
	}
	return names
}

// Measured 0.77 and 0.911 over the 1,128 development levels (dev to
// dev47; dev17 onwards were measured fresh before anyone read them) at the
// end of the tenth session, whose level model learned from all of them
// (0.78 and 0.912 over dev to dev41 in the ninth; 0.75 and 0.897 over dev
// to dev39 when the model learned from dev to dev35). The level rules alone
// gave 0.65 and 0.846 over dev to dev35.
const (
	minDevExact = 0.72
	minDevKappa = 0.87
)

// The evidence quoted from the audited corpora (dev17 to dev35, dev40 to
// dev43) keeps the acceptance careful readers gave it, reading each quote in its document (fixtures/audits),
// less a margin: a change that quotes more headings, other bodies' work or
// plans read as deeds fails here.
func TestEvidenceAudits(t *testing.T) {
	var total evaluate.AuditFigures
	audits, err := filepath.Glob("../../fixtures/audits/audit-dev*.tsv")
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range audits {
		name := strings.TrimSuffix(strings.TrimPrefix(filepath.Base(path), "audit-"), ".tsv")
		audit, err := evaluate.ReadAudit(path)
		if err != nil {
			t.Fatal(err)
		}
		out := t.TempDir()
		if code, stderr := score(t, "--out", out, "../../fixtures/corpus-"+name); code != exitOK {
			t.Fatalf("%s: exit %d, want 0; stderr:\n%s", name, code, stderr)
		}
		var quoted []evaluate.Quoted
		for _, r := range readCSV(t, filepath.Join(out, "evidence.csv"))[1:] {
			quoted = append(quoted, evaluate.Quoted{Document: r[1], Indicator: r[5], Strength: r[6], Negated: r[7] == "true", Sentence: r[9]})
		}
		f := evaluate.Audit(audit, quoted)
		total.Judged += f.Judged
		total.Accepted += f.Accepted
		total.OwnWork += f.OwnWork
		total.StrengthRight += f.StrengthRight
		total.NegationRight += f.NegationRight
	}
	if total.Judged < 7000 {
		t.Fatalf("the audits judge %d pieces of evidence quoted now, want at least 7000: have the corpora or their paths changed?", total.Judged)
	}
	accepted := float64(total.Accepted) / float64(total.Judged)
	strength := float64(total.StrengthRight) / float64(total.OwnWork)
	negation := float64(total.NegationRight) / float64(total.OwnWork)
	t.Logf("audited evidence: %.3f accepted, strength right %.3f, negation right %.3f (%d judged)", accepted, strength, negation, total.Judged)
	if accepted < minAuditAccepted || strength < minAuditStrength || negation < minAuditNegation {
		t.Errorf("audited evidence: accepted %.3f (want >= %.2f), strength right %.3f (want >= %.2f), negation right %.3f (want >= %.2f)",
			accepted, minAuditAccepted, strength, minAuditStrength, negation, minAuditNegation)
	}
}

// Measured 0.756 accepted, 0.754 strength right and 0.953 negation right
// over 9,588 judged pieces of evidence at the end of the tenth session (30
// audits: dev17 to dev35, dev40 to dev43, dev45 to dev51). Its indicator
// model moved evidence the audits judged under another indicator, and
// moved evidence is no longer judged; before it, 0.736, 0.756 and 0.954
// over 9,542 of the first 28. dev45 and dev46 were audited fresh on the
// rules the session began with (0.740, 0.747 and 0.954), dev47 to dev49 on
// its rules before the indicator model (0.753, 0.746 and 0.951), dev50 and
// dev51 on its final rules (0.766, 0.731 and 0.959); 0.734, 0.758 and
// 0.954 over the 23 before them in the ninth.
const (
	minAuditAccepted = 0.69
	minAuditStrength = 0.76
	minAuditNegation = 0.93
)

// The same inputs give byte-identical CSV files, whatever the number of
// workers.
func TestDeterministicOutputs(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	if code, stderr := score(t, "--out", a, "--workers", "1", corpus); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if code, stderr := score(t, "--out", b, "--workers", "4", corpus); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, name := range []string{"scores.csv", "evidence.csv", "documents.csv"} {
		x, _ := os.ReadFile(filepath.Join(a, name))
		y, _ := os.ReadFile(filepath.Join(b, name))
		if !bytes.Equal(x, y) {
			t.Errorf("%s differs between runs", name)
		}
	}
}

// Every workbook opens in a second reader: LibreOffice converts it, and
// the levels it shows match scores.csv.
func TestWorkbooksOpenInLibreOffice(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("soffice not found: .ci/run installs LibreOffice")
		}
		t.Skip("LibreOffice not installed")
	}
	out := t.TempDir()
	if code, stderr := score(t, "--out", out, corpus); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	conv := t.TempDir()
	cmd := exec.Command(soffice, "--headless", "-env:UserInstallation=file://"+t.TempDir(), "--convert-to", "csv", "--outdir", conv, filepath.Join(out, "comparison.xlsx"))
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, msg)
	}
	// The first sheet, Levels: organisation, then one level per theme.
	rows := readCSV(t, filepath.Join(conv, "comparison.csv"))
	levels := map[[2]string]string{}
	for _, s := range readCSV(t, filepath.Join(out, "scores.csv"))[1:] {
		if s[1] == "all" {
			levels[[2]string{s[0], s[2]}] = s[3]
		}
	}
	themes := []string{"intentionality", "shepherding_culture_change", "system_leadership", "facilitating_culture_change"}
	checked := 0
	for _, r := range rows[1:] {
		if r[0] == "Median" || r[0] == "" {
			continue
		}
		for i, th := range themes {
			if want := levels[[2]string{r[0], th}]; r[i+1] != want {
				t.Errorf("LibreOffice shows %s %s = %q, scores.csv says %q", r[0], th, r[i+1], want)
			}
			checked++
		}
	}
	if checked == 0 {
		t.Fatalf("no levels in the converted workbook: %v", rows)
	}
}

// The built-in rubric's level model, learned afresh with each sixth of
// the development corpora left out in turn, agrees with careful readers
// on the corpora it did not learn from better than the level rules do,
// less a margin. A change to the cues, the facts or the learning that
// only fits the corpora it learns from fails here.
func TestLevelModelCrossValidated(t *testing.T) {
	rub, err := rubric.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	names := append([]string{""}, devCorpora(1, lastDevCorpus)...)
	folds := make([][]rubric.Sample, levelModelFolds)
	for i, name := range names {
		dir, expected := "../../fixtures/corpus", "../../fixtures/expected-levels.csv"
		if name != "" {
			dir, expected = "../../fixtures/corpus-"+name, "../../fixtures/expected-levels-"+name+".csv"
		}
		samples, err := calibrationSamples(context.Background(), rub, dir, expected)
		if err != nil {
			t.Fatal(err)
		}
		folds[i%levelModelFolds] = append(folds[i%levelModelFolds], samples...)
	}
	var exp, model, rules []int
	// agreement among the levels given at each probability: clear
	// (closeCall's 0.6 or more) and close calls
	var n, agree [2]int
	for k := range folds {
		var train []rubric.Sample
		for j := range folds {
			if j != k {
				train = append(train, folds[j]...)
			}
		}
		got, probs, err := predictHeldOut(rub, configs.HALN, train, folds[k])
		if err != nil {
			t.Fatal(err)
		}
		for i, s := range folds[k] {
			exp, model, rules = append(exp, s.Level), append(model, got[i]), append(rules, s.RuleLevel)
			if probs[i] > 0 {
				b := 0
				if probs[i] < 0.6 {
					b = 1
				}
				n[b]++
				if got[i] == s.Level {
					agree[b]++
				}
			}
		}
	}
	me, mk := evaluate.Levels(exp, model, len(rub.Levels))
	re, rk := evaluate.Levels(exp, rules, len(rub.Levels))
	t.Logf("each sixth left out (%d theme levels): level model exact %.3f kappa %.3f; level rules exact %.3f kappa %.3f", len(exp), me, mk, re, rk)
	if me < minModelExact || mk < minModelKappa || me <= re {
		t.Errorf("level model on corpora it did not learn from: exact %.3f (want >= %.2f and above the rules' %.3f), kappa %.3f (want >= %.2f)",
			me, minModelExact, re, mk, minModelKappa)
	}
	// The model's probability means what the summary's close calls say:
	// readers agree with its clear levels far more often.
	clear, close := float64(agree[0])/float64(max(n[0], 1)), float64(agree[1])/float64(max(n[1], 1))
	t.Logf("levels given at probability 0.6 or more: %d, %.3f agree; under 0.6: %d, %.3f agree", n[0], clear, n[1], close)
	if n[1] == 0 || clear < close+minSurenessGap {
		t.Errorf("agreement %.3f at probability 0.6 or more and %.3f under it (%d levels): want the first at least %.2f higher", clear, close, n[1], minSurenessGap)
	}
}

// minSurenessGap is how much more often readers must agree with the
// level model's clear levels than with its close calls, when each sixth is
// left out: measured 0.819 against 0.550 over 1,492 levels (fourteenth
// session).
const minSurenessGap = 0.15

// The built-in rubric's indicator model, learned afresh with each quarter
// of the development sentence sets left out in turn, files the sentences
// it did not learn from under the reader's theme and indicator more often
// than the patterns alone do, by a margin. A change to the patterns, the
// words or the learning that only fits the sentences it learns from fails
// here.
func TestIndicatorModelCrossValidated(t *testing.T) {
	var sets [][]rubric.LabelledSentence
	for _, labels := range devSentenceSets(t) {
		var set []rubric.LabelledSentence
		for _, l := range labels {
			if l.Kind == "evidence" {
				set = append(set, rubric.LabelledSentence{Text: l.Sentence, Indicator: l.Indicator})
			}
		}
		sets = append(sets, set)
	}
	builtin, err := rubric.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	text := rubric.ReplaceBlock(string(configs.HALN), "indicator_model", "")
	base, err := rubric.Parse("patterns", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	folds := make([][]rubric.LabelledSentence, choiceFolds)
	for i, s := range sets {
		folds[i%choiceFolds] = append(folds[i%choiceFolds], s...)
	}
	var total rubric.ChoiceAgreement
	for k := range folds {
		var train []rubric.LabelledSentence
		for j := range folds {
			if j != k {
				train = append(train, folds[j]...)
			}
		}
		model, err := base.LearnIndicatorModel(train)
		if err != nil {
			t.Fatal(err)
		}
		model.ThemeMargin = builtin.IndicatorModel.ThemeMargin
		fold, err := rubric.Parse("fold", []byte(rubric.ReplaceBlock(text, "indicator_model", model.YAML())))
		if err != nil {
			t.Fatal(err)
		}
		total = total.Add(fold.JudgeChoices(folds[k]))
	}
	n := float64(total.Sentences)
	theme, patTheme := float64(total.Theme)/n, float64(total.PatternTheme)/n
	ind, patInd := float64(total.Ind)/n, float64(total.PatternIndicator)/n
	t.Logf("each quarter of %d sentence sets left out (%d sentences matching several indicators): reader's theme %.3f (patterns %.3f), indicator %.3f (patterns %.3f)",
		len(sets), total.Sentences, theme, patTheme, ind, patInd)
	if theme < patTheme+minChoiceGain || ind < patInd+2*minChoiceGain {
		t.Errorf("indicator model on sentences it did not learn from: theme %.3f (want >= %.3f), indicator %.3f (want >= %.3f)",
			theme, patTheme+minChoiceGain, ind, patInd+2*minChoiceGain)
	}
}

// The finding model finds, on development sentence sets it did not learn
// from (each quarter left out in turn), evidence the patterns miss, and
// reports few more decoys and ordinary sentences than they do.
func TestFindingModelCrossValidated(t *testing.T) {
	builtin, err := rubric.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	if builtin.FindingModel == nil {
		t.Fatal("the built-in rubric has no finding model")
	}
	folds := make([][]evaluate.Label, choiceFolds)
	for i, labels := range devSentenceSets(t) {
		folds[i%choiceFolds] = append(folds[i%choiceFolds], labels...)
	}
	without, err := rubric.Parse("patterns", []byte(rubric.ReplaceBlock(string(configs.HALN), "finding_model", "")))
	if err != nil {
		t.Fatal(err)
	}
	var before, after findingFigures
	for k := range folds {
		var train []rubric.LabelledSentence
		for j, fold := range folds {
			for _, l := range fold {
				if j != k {
					if l.Kind != "evidence" {
						l.Indicator = ""
					}
					train = append(train, rubric.LabelledSentence{Text: l.Sentence, Indicator: l.Indicator})
				}
			}
		}
		model, err := builtin.LearnFindingModel(train)
		if err != nil {
			t.Fatal(err)
		}
		model.KeepSettings(builtin.FindingModel)
		fold, err := rubric.Parse("fold", []byte(rubric.ReplaceBlock(string(configs.HALN), "finding_model", model.YAML())))
		if err != nil {
			t.Fatal(err)
		}
		before, after = before.add(judgeFinding(without, folds[k])), after.add(judgeFinding(fold, folds[k]))
	}
	t.Logf("each quarter of the development sentence sets left out of the finding model: %s", findingPhrase(before, after))
	gain := float64(after.right-before.right) / float64(after.evidence)
	more := float64(after.reported-before.reported) / float64(after.others)
	if gain < minFindGain || more > maxFindReported {
		t.Errorf("finding model on sentences it did not learn from: %.3f more of the evidence found (want >= %.3f), %.3f more of the decoys and ordinary sentences reported (want <= %.3f)",
			gain, minFindGain, more, maxFindReported)
	}
	// Refiling moves evidence the patterns filed under the wrong theme to
	// the right one: fewer, not more, under another theme than the reader's.
	if fewer := float64(before.wrong-after.wrong) / float64(after.evidence); fewer < minRefiled {
		t.Errorf("finding model on sentences it did not learn from: evidence under another theme than the reader's %d, against %d for the patterns alone (want at least %.3f of the evidence fewer)",
			after.wrong, before.wrong, minRefiled)
	}
}

// The finding model's least gain in evidence found, most rise in decoys
// and ordinary sentences reported, and least fall in evidence found under
// another theme than the reader's, as shares of each. Measured in the
// twelfth session over 30 sets: 0.024 more found (0.871 against the
// patterns' 0.847) and 0.003 more reported (81 of 5,433 against 67); in
// the thirteenth, with refiling, 0.032 more found (0.879), 82 reported,
// and 0.009 fewer under another theme (272 of 8,134 against 342).
const (
	minFindGain     = 0.015
	maxFindReported = 0.01
	minRefiled      = 0.004
)

// devSentenceSets reads the development sentence sets, dev.tsv, dev2.tsv,
// ... up to the first missing.
func devSentenceSets(t *testing.T) [][]evaluate.Label {
	t.Helper()
	var sets [][]evaluate.Label
	for i := 1; ; i++ {
		name := fmt.Sprintf("../../fixtures/labelled/dev%d.tsv", i)
		if i == 1 {
			name = "../../fixtures/labelled/dev.tsv"
		}
		labels, err := evaluate.ReadLabels(name)
		if errors.Is(err, fs.ErrNotExist) {
			return sets
		}
		if err != nil {
			t.Fatal(err)
		}
		sets = append(sets, labels)
	}
}

// choiceFolds is how many groups of sentence sets are left out in turn.
const choiceFolds = 4

// minChoiceGain is the least gain over the patterns allowed: for the
// theme, and twice it for the indicator. Measured at the end of the tenth
// session over 3,421 sentences of 28 sets: theme 0.940 against the
// patterns' 0.893, indicator 0.909 against 0.802.
const minChoiceGain = 0.03

// levelModelFolds is how many groups of corpora are left out in turn.
const levelModelFolds = 6

// Measured 0.712 and 0.884 over 1,156 levels (dev to dev47) at the end of
// the tenth session (the level rules: 0.631 and 0.840; 0.720 and 0.888 over
// 1,012 in the ninth, 0.706 and 0.879 over 964 in the eighth), less a
// margin.
const (
	minModelExact = 0.66
	minModelKappa = 0.85
)

// A paper that says the same thing three times shows no more than it did
// once: a careful reader gives it the same level. Mentions piling up in a
// long document must not raise levels more than the level rules' own
// facts do (a single mention told three times reads as corroborated, and
// one paper as three documents' worth of sentences).
func TestRepetitionDoesNotRaiseLevels(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"dev32", "dev33"} {
		src := "../../fixtures/corpus-" + name
		err := filepath.WalkDir(src, func(path string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			text := string(data)
			if strings.HasSuffix(path, ".html") {
				if open, close := strings.Index(text, "<body>"), strings.LastIndex(text, "</body>"); open >= 0 && close > open {
					body := text[open+len("<body>") : close]
					text = text[:close] + "<hr>" + body + "<hr>" + body + text[close:]
				}
			} else {
				text = text + "\n\n" + text + "\n\n" + text
			}
			rel, _ := filepath.Rel("../../fixtures", path)
			out := filepath.Join(dir, "repeated", rel)
			if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
				return err
			}
			return os.WriteFile(out, []byte(text), 0o644)
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	levels := func(dirs ...string) map[[2]string]int {
		out := t.TempDir()
		if code, stderr := score(t, append([]string{"--out", out}, dirs...)...); code != exitOK {
			t.Fatalf("exit %d; stderr:\n%s", code, stderr)
		}
		return allPeriodLevels(t, out)
	}
	once := levels("../../fixtures/corpus-dev32", "../../fixtures/corpus-dev33")
	thrice := levels(filepath.Join(dir, "repeated", "corpus-dev32"), filepath.Join(dir, "repeated", "corpus-dev33"))
	up := 0
	for k, l := range once {
		if thrice[k] > l {
			up++
			t.Logf("%s %s: %d once, %d repeated", k[0], k[1], l, thrice[k])
		}
	}
	if len(once) != 48 || up > maxRaisedByRepetition {
		t.Errorf("%d of %d levels rose when every paper was repeated three times, want at most %d", up, len(once), maxRaisedByRepetition)
	}
}

// maxRaisedByRepetition: measured 0 of 48 in the ninth session, once a
// sentence told again word for word counted once; 7 of 48 before that
// (the level rules alone: 6; a level model that counted sentences rather
// than shares: 12 raised and 2 lowered).
const maxRaisedByRepetition = 2
