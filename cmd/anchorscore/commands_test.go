package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/anchorscore/anchorscore/configs"
)

func runCmd(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(args, &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

func TestTextPrintsPages(t *testing.T) {
	code, out, stderr := runCmd(t, "text", filepath.Join(corpus, "harrowmere-teaching-hospitals", "board-paper-2024-03-27.pdf"))
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(out, "=== page 1 ===") || !strings.Contains(out, "=== page 2 ===") {
		t.Errorf("no page markers in:\n%.500s", out)
	}
	if strings.Contains(out, "Page 1 of") {
		t.Errorf("a running footer survived:\n%.500s", out)
	}
}

func TestExplainShowsMatchesAndNearMisses(t *testing.T) {
	dir := t.TempDir()
	doc := filepath.Join(dir, "paper.txt")
	os.WriteFile(doc, []byte("We appointed an anchor programme manager in May.\n\nThe new retail parade needs an anchor tenant.\n\nWe have not yet signed the anchor charter.\n\n"+
		"Kilverstowe City Council launched its Anchor Partnership at the Guildhall.\n"), 0o644)
	code, out, stderr := runCmd(t, "explain", doc)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{
		"intentionality / programme_structure: action",
		"[anchor programme manager]",
		"system_leadership / anchor_charter: action NEGATED",
		// as score judges it: the council's own partnership is not the organisation's
		"system_leadership / anchor_networks: about another organisation's work",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("explain output lacks %q:\n%s", want, out)
		}
	}
}

// A programme's own name reads as anchor work where the document, or
// --name for another paper, introduces it so.
func TestExplainReadsNamedWork(t *testing.T) {
	dir := t.TempDir()
	later := filepath.Join(dir, "minutes.txt")
	os.WriteFile(later, []byte("The Kindred Work Programme Manager post ended on 31 March and was not renewed.\n"), 0o644)
	if code, out, stderr := runCmd(t, "explain", later); code != exitOK || strings.Contains(out, "programme_structure") {
		t.Errorf("no paper names it: exit %d, %s %s", code, out, stderr)
	}
	code, out, stderr := runCmd(t, "explain", "--name", "Kindred Work", later)
	if code != exitOK || !strings.Contains(out, "names read as \"anchor programme\": kindred work") ||
		!strings.Contains(out, "intentionality / programme_structure: action WITHDRAWN") || !strings.Contains(out, "[Kindred Work") {
		t.Errorf("--name Kindred Work: exit %d:\n%s%s", code, out, stderr)
	}
	both := filepath.Join(dir, "report.txt")
	os.WriteFile(both, []byte("The Board approved Kindred Work as its anchor institution programme.\n\nThe Kindred Work Programme Manager post ended on 31 March.\n"), 0o644)
	if code, out, _ := runCmd(t, "explain", both); code != exitOK || !strings.Contains(out, "programme_structure: action WITHDRAWN") {
		t.Errorf("named in the same document: exit %d:\n%s", code, out)
	}
}

func TestRubricCommands(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "r.yaml")
	if code, out, stderr := runCmd(t, "rubric", "init", file); code != exitOK || !strings.Contains(out, "wrote") {
		t.Fatalf("init: exit %d %s %s", code, out, stderr)
	}
	if code, _, _ := runCmd(t, "rubric", "init", file); code != exitUsage {
		t.Errorf("init over an existing file: exit %d, want %d", code, exitUsage)
	}
	if code, out, stderr := runCmd(t, "rubric", "lint", file); code != exitOK || !strings.Contains(out, "ok: rubric haln-anchor-leadership") {
		t.Errorf("lint: exit %d %q %q", code, out, stderr)
	}
	if code, out, _ := runCmd(t, "rubric", "test", file); code != exitOK || !strings.Contains(out, " 0 failed") {
		t.Errorf("test: exit %d %q", code, out)
	}
	if code, out, _ := runCmd(t, "rubric", "show"); code != exitOK || !strings.HasPrefix(strings.TrimSpace(out), "# The built-in rubric") {
		t.Errorf("show: exit %d %.80q", code, out)
	}

	// A broken rubric: lint names the file, line, column and key, exit 2.
	data, _ := os.ReadFile(file)
	broken := strings.Replace(string(data), "    window_after:", "    windw: 3\n    window_after:", 1)
	os.WriteFile(file, []byte(broken), 0o644)
	code, _, stderr := runCmd(t, "rubric", "lint", file)
	if code != exitUsage || !strings.Contains(stderr, file+":") || !strings.Contains(stderr, `cues.negation.windw: unknown key "windw"`) {
		t.Errorf("lint of a broken rubric: exit %d, stderr %q", code, stderr)
	}
	// A failing example: rubric test says which and why, exit 1.
	failing := strings.Replace(string(data), "            - We appointed a full-time anchor programme manager in May, funded for three years.\n",
		"            - The cafe sells sandwiches.\n", 1)
	os.WriteFile(file, []byte(failing), 0o644)
	code, out, _ := runCmd(t, "rubric", "test", file)
	if code != exitFailure || !strings.Contains(out, "FAIL intentionality/programme_structure") || !strings.Contains(out, "The cafe sells sandwiches.") {
		t.Errorf("rubric test with a failing example: exit %d\n%s", code, out)
	}
}

// rubric eval --audit measures the quoted evidence against a reader's
// verdicts, and says what it needs when a flag is missing.
func TestEvalAudit(t *testing.T) {
	code, out, stderr := runCmd(t, "rubric", "eval", "--corpus", "../../fixtures/corpus-dev18", "--audit", "../../fixtures/audits/audit-dev18.tsv")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"== evidence: ../../fixtures/corpus-dev18", "accepted for its indicator:", "strength right:", "no longer quoted:"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if code, _, stderr := runCmd(t, "rubric", "eval", "--audit", "../../fixtures/audits/audit-dev18.tsv"); code != exitUsage || !strings.Contains(stderr, "--corpus") {
		t.Errorf("--audit without --corpus: exit %d, stderr %q; want %d naming --corpus", code, stderr, exitUsage)
	}
}

// Calibrate learns a level model and writes a rubric that loads; the
// rest of the file is kept as it was.
func TestRubricCalibrate(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "calibrated.yaml")
	code, stdout, stderr := runCmd(t, "rubric", "calibrate", "--cross-validate", "--out", out, corpus, "../../fixtures/expected-levels.csv",
		"../../fixtures/corpus-dev", "../../fixtures/expected-levels-dev.csv")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "each corpus left out in turn (52 theme levels)") || !strings.Contains(stderr, "learned from 52 theme levels in 2 corpora") {
		t.Errorf("calibrate reported:\n%s%s", stdout, stderr)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), "# Senses of \"anchor\" that are not anchor institutions.") || !strings.Contains(string(data), "intercepts: [") {
		t.Error("the calibrated rubric lost the built-in rubric's comments or has no intercepts")
	}
	if code, _, stderr := runCmd(t, "rubric", "lint", out); code != exitOK {
		t.Errorf("the calibrated rubric does not lint: %s", stderr)
	}
	if code, _, _ := runCmd(t, "rubric", "calibrate", corpus); code != exitUsage {
		t.Errorf("a corpus without its expected levels: exit %d, want %d", code, exitUsage)
	}
	if code, _, _ := runCmd(t, "rubric", "calibrate", "--cross-validate", corpus, "../../fixtures/expected-levels.csv"); code != exitUsage {
		t.Errorf("cross-validation on one corpus: exit %d, want %d", code, exitUsage)
	}
	plain := filepath.Join(dir, "plain.yaml")
	builtin, _, _ := strings.Cut(string(configs.HALN), "\nlevel_model:")
	os.WriteFile(plain, []byte(builtin), 0o644)
	if code, _, stderr := runCmd(t, "rubric", "calibrate", "--rubric", plain, corpus, "../../fixtures/expected-levels.csv"); code != exitUsage || !strings.Contains(stderr, "has no level_model") {
		t.Errorf("a rubric without a level model: exit %d, %s", code, stderr)
	}
}

// Calibrate --sentences learns the indicator model from labelled
// sentences alone, reports each set left out, and keeps the analyst's
// theme margin; explain then says why each sentence went where it did.
func TestRubricCalibrateSentences(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "choices.yaml")
	code, stdout, stderr := runCmd(t, "rubric", "calibrate", "--cross-validate", "--out", out,
		"--sentences", "../../fixtures/labelled/dev.tsv", "--sentences", "../../fixtures/labelled/dev2.tsv")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "dev.tsv") || !strings.Contains(stdout, "each sentence set left out in turn:") ||
		!strings.Contains(stderr, "indicator model learned from 2 sentence sets") {
		t.Errorf("calibrate reported:\n%s%s", stdout, stderr)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	if strings.Count(text, "\nindicator_model:") != 1 || !strings.Contains(text, "theme_margin: 1\n") || !strings.Contains(text, "intercepts: [") {
		t.Errorf("the calibrated rubric has %d indicator models, or lost its margin or its level model", strings.Count(text, "\nindicator_model:"))
	}
	if code, _, stderr := runCmd(t, "rubric", "lint", out); code != exitOK {
		t.Errorf("the calibrated rubric does not lint: %s", stderr)
	}
	doc := filepath.Join(dir, "minutes.txt")
	os.WriteFile(doc, []byte("Recommendation: that the Board adopts the proposed statement of the trust's role as an anchor institution in Greyhaven, using its spending power.\n"), 0o644)
	code, stdout, stderr = runCmd(t, "explain", "--rubric", out, doc)
	if code != exitOK || !strings.Contains(stdout, "chosen over ") {
		t.Errorf("explain: exit %d, no \"chosen over\":\n%s%s", code, stdout, stderr)
	}
	if code, _, _ := runCmd(t, "rubric", "calibrate", "--cross-validate", "--sentences", "../../fixtures/labelled/dev.tsv"); code != exitUsage {
		t.Errorf("cross-validation on one sentence set: exit %d, want %d", code, exitUsage)
	}
	// A labelled row whose indicator the rubric does not have is named, with
	// its file and line, and nothing is written.
	bad := filepath.Join(dir, "bad.tsv")
	os.WriteFile(bad, []byte("id\ttheme\tindicator\tstrength\tnegated\tkind\tsentence\n"+
		"b-1\tintentionality\tanchor_mission\taction\tfalse\tevidence\tThe Board adopted the anchor strategy.\n"+
		"b-2\tintentionality\tanchor_misson\taction\tfalse\tevidence\tThe Board approved the anchor charter.\n"), 0o644)
	badOut := filepath.Join(dir, "bad.yaml")
	for _, args := range [][]string{
		{"rubric", "eval", bad},
		{"rubric", "calibrate", "--out", badOut, "--sentences", bad, "--sentences", "../../fixtures/labelled/dev.tsv"},
	} {
		code, _, stderr := runCmd(t, args...)
		if code != exitUsage || !strings.Contains(stderr, bad+`:3: b-2: unknown indicator "anchor_misson"`) {
			t.Errorf("%v: exit %d, stderr %q; want %d naming the row", args, code, stderr, exitUsage)
		}
	}
	if _, err := os.Stat(badOut); err == nil {
		t.Error("calibrate wrote a rubric from a bad labelled set")
	}
	// A reader's audit teaches the model too, one set per audit.
	code, stdout, stderr = runCmd(t, "rubric", "calibrate", "--cross-validate", "--out", filepath.Join(dir, "audited.yaml"),
		"--sentences", "../../fixtures/labelled/dev.tsv", "--audits", "../../fixtures/audits/audit-dev17.tsv")
	if code != exitOK || !strings.Contains(stdout, "audit-dev17.tsv") || !strings.Contains(stderr, "indicator model learned from 1 sentence sets and 1 audits") {
		t.Errorf("calibrate with an audit: exit %d:\n%s%s", code, stdout, stderr)
	}
	// An audit that names no indicator of the rubric teaches nothing, and says so.
	empty := filepath.Join(dir, "empty-audit.tsv")
	os.WriteFile(empty, []byte("document\ttheme\tindicator\tverdict\tstrength\tnegated\tsentence\tnote\n"+
		"a.md\tintentionality\tanchor_mission\tnot_evidence\t\tfalse\tOUR ANCHOR AMBITIONS\ta heading\n"), 0o644)
	code, _, stderr = runCmd(t, "rubric", "calibrate", "--out", filepath.Join(dir, "empty.yaml"),
		"--sentences", "../../fixtures/labelled/dev.tsv", "--audits", empty)
	if code != exitOK || !strings.Contains(stderr, "empty-audit.tsv teaches the indicator model nothing") {
		t.Errorf("calibrate with an audit that teaches nothing: exit %d, stderr %q", code, stderr)
	}
}

// sureness bands the levels by the model's probability of each and says
// how often each band agreed; levels with no probability are left out.
func TestSureness(t *testing.T) {
	exp := []int{2, 2, 3, 1, 0, 4}
	got := []int{2, 3, 3, 1, 0, 2}
	sure := []float64{0.9, 0.85, 0.7, 0.5, 0, 0.4}
	want := "agreement by the model's probability of its level: 0.8 or more, 2 levels, 50%; 0.6 to 0.8, 1 levels, 100%; under 0.6, 2 levels, 50%\n"
	if s := sureness(exp, got, sure); s != want {
		t.Errorf("sureness = %q, want %q", s, want)
	}
}

// A calibrated model says what it learned from by the first and last file
// in number order, whatever order a shell's glob passed them in.
func TestLearnedFromNamesFilesInNumberOrder(t *testing.T) {
	got := learnedFrom("sentence sets", []string{"l/dev.tsv", "l/dev10.tsv", "l/dev2.tsv", "l/dev30.tsv", "l/dev9.tsv"})
	if want := "Learned from 5 sentence sets (dev.tsv to dev30.tsv)"; got != want {
		t.Errorf("learnedFrom = %q, want %q", got, want)
	}
	for _, c := range [][2]string{{"dev9.tsv", "dev10.tsv"}, {"dev.tsv", "dev2.tsv"}, {"a007", "a8"}, {"audit-dev17.tsv", "audit-dev84.tsv"}} {
		if compareNatural(c[0], c[1]) >= 0 || compareNatural(c[1], c[0]) <= 0 {
			t.Errorf("compareNatural(%q, %q) does not put the first before the second", c[0], c[1])
		}
	}
}
