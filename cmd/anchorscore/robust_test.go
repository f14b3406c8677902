package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/anchorscore/anchorscore/pipeline/ingest"
)

// The documents people really have: fixtures/bad/corpus (see its README),
// files too big or too odd to commit (made here in a temporary folder),
// and, when ../shared is there, 155 real-world PDFs written to test PDF
// readers.

const (
	badCorpus  = "../../fixtures/bad/corpus"
	wildCorpus = "../../../shared/corpus/pdf-wild"
	goodPaper  = "mixed-trust/board-paper-2024-06-26.pdf"
	scannedPDF = "pdf/scanned-anchor-update-2024-05.pdf"
)

// robustEnv keeps a test's runs to themselves: no cache shared with other
// runs (a cached read would hide what reading does now).
func robustEnv(t *testing.T) {
	t.Helper()
	t.Setenv("ANCHORSCORE_NO_CACHE", "true")
}

// table is a CSV file as maps from its header's names to values.
func table(t *testing.T, path string) []map[string]string {
	t.Helper()
	rows := readCSV(t, path)
	out := make([]map[string]string, 0, len(rows)-1)
	for _, r := range rows[1:] {
		m := map[string]string{}
		for i, name := range rows[0] {
			if i < len(r) {
				m[name] = r[i]
			}
		}
		out = append(out, m)
	}
	return out
}

// byPath indexes documents.csv by its path column.
func byPath(t *testing.T, out string) map[string]map[string]string {
	t.Helper()
	docs := map[string]map[string]string{}
	for _, d := range table(t, filepath.Join(out, "documents.csv")) {
		if docs[d["path"]] != nil {
			t.Fatalf("documents.csv lists %s twice", d["path"])
		}
		docs[d["path"]] = d
	}
	return docs
}

// listed is what discover should list for a folder PATH: every file and
// link below it, hidden ones left out, paths relative to it.
func listed(t *testing.T, root string) []string {
	t.Helper()
	var files []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if path != root && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if !d.IsDir() {
			rel, _ := filepath.Rel(root, path)
			files = append(files, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// generated writes, into dir, the inputs that are made at test time: too
// big to commit, or impossible to keep in git (permissions). It returns
// the path of the unreadable file.
func generated(t *testing.T, dir string) (unreadable string) {
	t.Helper()
	write := func(name string, data []byte) string {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	// HTML nested 200,000 elements deep, with one sentence at the bottom.
	const depth = 200000
	var h bytes.Buffer
	h.WriteString("<!DOCTYPE html><html><head><title>Deep</title></head><body>")
	for range depth {
		h.WriteString("<div>")
	}
	h.WriteString("<p>The Trust Board approved the anchor strategy and appointed an executive lead for the anchor programme.</p>")
	for range depth {
		h.WriteString("</div>")
	}
	h.WriteString("</body></html>")
	write("deep/deep-nesting.html", h.Bytes())
	// 30 MB of words with no sentence break: a table flattened by a
	// broken export.
	write("long/no-sentence-break.txt", noSentenceBreak(30<<20))
	// A file nobody may read.
	unreadable = write("perm/unreadable-2024-01.txt", []byte("The anchor programme board met in January.\n"))
	if err := os.Chmod(unreadable, 0); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(unreadable, 0o644) })
	// Links that loop: to the folder itself and to its parent.
	if err := os.MkdirAll(filepath.Join(dir, "links"), 0o755); err != nil {
		t.Fatal(err)
	}
	for name, target := range map[string]string{"itself": ".", "up": ".."} {
		if err := os.Symlink(target, filepath.Join(dir, "links", name)); err != nil {
			t.Fatal(err)
		}
	}
	return unreadable
}

func noSentenceBreak(size int) []byte {
	words := strings.Fields("lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore et dolore magna aliqua 2024 12.5 table column")
	b := make([]byte, 0, size+16)
	for i := 0; len(b) < size; i++ {
		b = append(b, words[(i*7+i/13)%len(words)]...)
		b = append(b, ' ')
	}
	return b
}

func have(tools ...string) bool {
	for _, tool := range tools {
		if _, err := exec.LookPath(tool); err != nil {
			return false
		}
	}
	return true
}

// Every bad input ends as text or a clear reason, in one run with good
// documents and, when ../shared is there, the real-world PDFs; the batch
// is never lost, and a good document is scored as it is alone.
func TestBadInputs(t *testing.T) {
	robustEnv(t)
	tmp := t.TempDir()
	gen := filepath.Join(tmp, "gen")
	unreadable := generated(t, gen)
	out := filepath.Join(tmp, "out")
	roots := []string{badCorpus, gen}
	if _, err := os.Stat(wildCorpus); err == nil {
		roots = append(roots, wildCorpus)
	} else {
		t.Logf("%s absent: the real-world PDFs are left out", wildCorpus)
	}

	// OCR is tested on its own (TestScannedPDFReadWithOCR): here it would
	// spend minutes on the real-world PDFs' pictures.
	start := time.Now()
	code, stderr := score(t, append([]string{"--out", out, "--ocr=false"}, roots...)...)
	t.Logf("scored %d folders in %.1fs", len(roots), time.Since(start).Seconds())
	if code != exitUnread {
		t.Fatalf("exit %d, want %d (some documents cannot be read); stderr:\n%s", code, exitUnread, stderr)
	}
	for _, word := range []string{"panic", "goroutine"} {
		if strings.Contains(strings.ToLower(stderr), word) {
			t.Errorf("stderr mentions %q:\n%s", word, stderr)
		}
	}

	// Every file is listed, and every one not read says why.
	docs := byPath(t, out)
	want := 0
	for _, root := range roots {
		for _, f := range listed(t, root) {
			want++
			if docs[f] == nil {
				t.Errorf("%s (in %s) is not in documents.csv", f, root)
			}
		}
	}
	if len(docs) != want {
		t.Errorf("documents.csv lists %d files, the folders hold %d", len(docs), want)
	}
	statuses := map[string]int{}
	for path, d := range docs {
		statuses[d["status"]]++
		switch d["status"] {
		case "ok":
		case "partial", "failed", "needs-ocr", "duplicate", "skipped":
			if strings.TrimSpace(d["error"]) == "" {
				t.Errorf("%s: status %s with no reason", path, d["status"])
			}
			if strings.Contains(d["error"], "\n") {
				t.Errorf("%s: reason spans lines: %q", path, d["error"])
			}
		default:
			t.Errorf("%s: unknown status %q", path, d["status"])
		}
		if d["status"] == "failed" || d["status"] == "needs-ocr" {
			if !strings.Contains(stderr, path+": ") {
				t.Errorf("%s: %s but not reported on stderr", path, d["status"])
			}
		}
	}
	t.Logf("statuses: %v", statuses)

	// What becomes of each bad input.
	pdftotext := have("pdftotext")
	for _, c := range []struct {
		path   string
		status []string // any of these
		error  string   // the reason contains this ("" for no check)
		read   bool     // words were read
	}{
		{path: "pdf/truncated.pdf", status: []string{"ok", "partial", "failed"}},
		{path: "pdf/corrupt.pdf", status: []string{"ok", "partial", "failed", "needs-ocr"}},
		{path: "pdf/broken-xref-objstm.pdf", status: []string{"ok", "partial", "failed"}},
		{path: "pdf/random-bytes.pdf", status: []string{"failed"}, error: "not a PDF, DOCX, HTML or text file"},
		{path: "pdf/random-after-header.pdf", status: []string{"failed"}, error: "pdf"},
		{path: "pdf/junk-before-header.pdf", status: []string{"ok"}, read: true},
		{path: "pdf/cyclic-page-tree.pdf", status: []string{"ok", "partial"}, read: true},
		{path: "pdf/encrypted-empty-password.pdf", status: []string{"ok", "partial"}, read: true},
		{path: "pdf/encrypted-user-password.pdf", status: []string{"failed"}, error: "encrypted: needs a password"},
		{path: scannedPDF, status: []string{"needs-ocr"}, error: "tesseract"},
		{path: "docx/not-a-zip.docx", status: []string{"failed"}, error: "not a zip archive"},
		{path: "docx/no-document-xml.docx", status: []string{"failed"}, error: "no word/document.xml"},
		{path: "docx/zip-bomb.docx", status: []string{"failed"}, error: "beyond the size limit"},
		{path: "docx/billion-laughs.docx", status: []string{"failed"}, error: "DTD or entity"},
		{path: "docx/password-protected.docx", status: []string{"failed"}, error: "encrypted"},
		{path: "text/utf16le-bom.txt", status: []string{"ok"}, read: true},
		{path: "text/windows-1252.txt", status: []string{"ok"}, read: true},
		{path: "text/latin1-undeclared.txt", status: []string{"ok"}, read: true},
		{path: "text/binary.txt", status: []string{"failed"}, error: "not a PDF, DOCX, HTML or text file"},
		{path: "text/empty.txt", status: []string{"failed"}, error: "empty file"},
		{path: "loop/self", status: []string{"failed"}, error: "is a folder"},
		{path: "loop/parent", status: []string{"failed"}, error: "is a folder"},
		{path: "loop/notes-2024-10.txt", status: []string{"ok"}, read: true},
		{path: "links/itself", status: []string{"failed"}, error: "is a folder"},
		{path: "links/up", status: []string{"failed"}, error: "is a folder"},
		{path: "deep/deep-nesting.html", status: []string{"ok", "partial"}, read: true},
		{path: "long/no-sentence-break.txt", status: []string{"ok", "partial"}, read: true},
		{path: goodPaper, status: []string{"ok"}, read: true},
		{path: "mixed-trust/board-paper-2024-07-31.pdf", status: []string{"failed"}},
		{path: "mixed-trust/committee-paper-2024-08.docx", status: []string{"failed"}},
		{path: "mixed-trust/staff-bulletin-2024-09.txt", status: []string{"failed"}},
	} {
		d := docs[c.path]
		if d == nil {
			t.Errorf("%s: not in documents.csv", c.path)
			continue
		}
		if !slices.Contains(c.status, d["status"]) {
			t.Errorf("%s: status %s (%s), want one of %v", c.path, d["status"], d["error"], c.status)
		}
		if c.error != "" && !strings.Contains(d["error"], c.error) {
			t.Errorf("%s: reason %q, want it to say %q", c.path, d["error"], c.error)
		}
		if c.read && d["words"] == "0" {
			t.Errorf("%s: no words read", c.path)
		}
	}
	// The reasons say what is wrong once, not twice (the worker's message
	// and the parent's wrapping of it).
	for _, c := range []struct{ path, phrase string }{
		{"pdf/random-bytes.pdf", "not a PDF, DOCX, HTML or text file"},
		{"pdf/encrypted-user-password.pdf", "needs a password"},
		{"docx/password-protected.docx", "needs a password"},
	} {
		if n := strings.Count(docs[c.path]["error"], c.phrase); n != 1 {
			t.Errorf("%s: reason %q says %q %d times", c.path, docs[c.path]["error"], c.phrase, n)
		}
	}
	if pdftotext {
		if d := docs["pdf/poppler-only.pdf"]; d["reader"] != "pdftotext" || d["words"] == "0" {
			t.Errorf("pdf/poppler-only.pdf: reader %q, %s words (%s %s); want pdftotext to read it", d["reader"], d["words"], d["status"], d["error"])
		}
	}
	if d := docs["perm/unreadable-2024-01.txt"]; os.Geteuid() != 0 {
		if d["status"] != "failed" || !strings.Contains(d["error"], "permission denied") {
			t.Errorf("%s: %s (%s), want failed: permission denied", unreadable, d["status"], d["error"])
		}
	} else if d["status"] == "" {
		t.Errorf("%s: no status", unreadable)
	}

	// The same bytes under two names: read once, the other a duplicate of it.
	a, b := docs["dup/anchor-newsletter-2025-03.txt"], docs["dup/anchor-newsletter-2025-03 (copy).txt"]
	if a == nil || b == nil || a["sha256"] != b["sha256"] {
		t.Fatalf("the two copies are not both listed with one sha256: %v %v", a, b)
	}
	first, second := a, b
	if a["status"] == "duplicate" {
		first, second = b, a
	}
	if first["status"] != "ok" || second["status"] != "duplicate" || second["error"] != "same content as "+first["path"] || second["words"] != "0" {
		t.Errorf("duplicates: %s is %s, %s is %s (%s); want one ok and the other a duplicate of it",
			first["path"], first["status"], second["path"], second["status"], second["error"])
	}
	dupEvidence := map[string]int{}
	evidence := table(t, filepath.Join(out, "evidence.csv"))
	for _, e := range evidence {
		dupEvidence[e["document"]]++
	}
	if dupEvidence[second["path"]] != 0 || dupEvidence[first["path"]] == 0 {
		t.Errorf("evidence: %d rows from %s, %d from its duplicate; want some, and none", dupEvidence[first["path"]], first["path"], dupEvidence[second["path"]])
	}

	// File names in several scripts come out as they went in.
	names := listed(t, filepath.Join(badCorpus, "names"))
	if len(names) != 5 {
		t.Fatalf("fixtures/bad/corpus/names holds %d files, want 5", len(names))
	}
	fromNames := 0
	for _, n := range names {
		path := "names/" + n
		if d := docs[path]; d == nil || d["status"] != "ok" || d["words"] == "0" {
			t.Errorf("%s: %v, want it read", path, d)
		}
		fromNames += dupEvidence[path]
	}
	if fromNames == 0 {
		t.Error("no evidence from names/, or under other names than the files'")
	}
	for _, e := range evidence {
		if docs[e["document"]] == nil {
			t.Errorf("evidence from %q, which documents.csv does not list", e["document"])
		}
	}

	// The good document among bad ones is scored as it is alone.
	alone := filepath.Join(tmp, "alone")
	if err := os.MkdirAll(filepath.Join(alone, "mixed-trust"), 0o755); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(badCorpus, goodPaper))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(alone, goodPaper), data, 0o644); err != nil {
		t.Fatal(err)
	}
	aloneOut := filepath.Join(tmp, "alone-out")
	if code, stderr := score(t, "--out", aloneOut, alone); code != exitOK {
		t.Fatalf("the good document alone: exit %d: %s", code, stderr)
	}
	for _, name := range []string{"evidence.csv", "scores.csv"} {
		mixed := orgRows(t, filepath.Join(out, name), "mixed-trust")
		single := orgRows(t, filepath.Join(aloneOut, name), "mixed-trust")
		if len(single) == 0 {
			t.Errorf("%s: the good document alone gives no rows", name)
		}
		if !slices.Equal(mixed, single) {
			t.Errorf("%s: the good document among bad ones gives\n%s\nand alone\n%s", name, strings.Join(mixed, "\n"), strings.Join(single, "\n"))
		}
	}
}

// orgRows returns the CSV rows of one organisation, as text.
func orgRows(t *testing.T, path, org string) []string {
	t.Helper()
	var out []string
	for _, r := range readCSV(t, path)[1:] {
		if r[0] == org {
			out = append(out, strings.Join(r, "\x1f"))
		}
	}
	return out
}

// A PDF with no text layer is read with OCR when tesseract and pdftoppm
// are installed; its evidence comes from OCR.
func TestScannedPDFReadWithOCR(t *testing.T) {
	if !have("tesseract", "pdftoppm") {
		t.Skip("tesseract or pdftoppm not installed (apt-get install tesseract-ocr poppler-utils)")
	}
	robustEnv(t)
	path := filepath.Join(badCorpus, filepath.FromSlash(scannedPDF))
	out := t.TempDir()
	if code, stderr := score(t, "--out", out, path); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	d := table(t, filepath.Join(out, "documents.csv"))[0]
	if d["status"] != "ok" || d["reader"] != "ocr" || d["format"] != "pdf" || d["pages"] != "1" {
		t.Errorf("documents.csv: %v; want ok, reader ocr, pdf, 1 page", d)
	}
	ev := table(t, filepath.Join(out, "evidence.csv"))
	if len(ev) == 0 || !strings.Contains(strings.ToLower(ev[0]["sentence"]), "anchor programme") || ev[0]["page"] != "1" {
		t.Errorf("evidence from the scan: %v; want the sentence about the anchor programme, on page 1", ev)
	}
	// The blocks, and so the sentences and evidence, are marked OCR.
	text, err := ingest.Read(context.Background(), path, ingest.Limits{PDFToText: true, OCR: true, Timeout: time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	if text.Reader != ingest.ReaderOCR || len(text.Blocks) == 0 {
		t.Fatalf("reader %q, %d blocks", text.Reader, len(text.Blocks))
	}
	for _, b := range text.Blocks {
		if !b.OCR {
			t.Errorf("block %q not marked OCR", b.Text)
		}
	}
}

// Without tesseract, the same scan is listed as needs-ocr with a reason
// that says what to install, and the run exits 3.
func TestScannedPDFNeedsOCRWithoutTesseract(t *testing.T) {
	robustEnv(t)
	// A PATH with poppler's tools, if installed, and no tesseract.
	bin := t.TempDir()
	for _, tool := range []string{"pdftotext", "pdftoppm"} {
		if p, err := exec.LookPath(tool); err == nil {
			if err := os.Symlink(p, filepath.Join(bin, tool)); err != nil {
				t.Fatal(err)
			}
		}
	}
	t.Setenv("PATH", bin)
	out := t.TempDir()
	code, stderr := score(t, "--out", out, filepath.Join(badCorpus, filepath.FromSlash(scannedPDF)))
	if code != exitUnread {
		t.Fatalf("exit %d, want %d: %s", code, exitUnread, stderr)
	}
	d := table(t, filepath.Join(out, "documents.csv"))[0]
	if d["status"] != "needs-ocr" || !strings.Contains(d["error"], "tesseract") || d["format"] != "pdf" {
		t.Errorf("documents.csv: %v; want needs-ocr, a reason naming tesseract, format pdf", d)
	}
	if !strings.Contains(stderr, "needs-ocr") && !strings.Contains(stderr, "tesseract") {
		t.Errorf("stderr does not mention the scan: %s", stderr)
	}
}

// A PDF that the PDF library cannot open and poppler can is read by
// pdftotext, and documents.csv says so; with --pdftotext=false it fails
// with the library's reason.
func TestPDFToTextFallBack(t *testing.T) {
	if !have("pdftotext") {
		if os.Getenv("CI") != "" {
			t.Fatal("pdftotext not found: .ci/run installs poppler-utils")
		}
		t.Skip("pdftotext not installed")
	}
	robustEnv(t)
	path := filepath.Join(badCorpus, "pdf", "poppler-only.pdf")
	out := t.TempDir()
	if code, stderr := score(t, "--out", out, path); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	d := table(t, filepath.Join(out, "documents.csv"))[0]
	if d["reader"] != "pdftotext" || (d["status"] != "ok" && d["status"] != "partial") || d["words"] == "0" {
		t.Errorf("documents.csv: %v; want it read by pdftotext", d)
	}
	if ev := table(t, filepath.Join(out, "evidence.csv")); len(ev) == 0 {
		t.Error("no evidence from the text pdftotext read")
	}

	out = t.TempDir()
	code, stderr := score(t, "--out", out, "--pdftotext=false", path)
	if code != exitUnread {
		t.Fatalf("--pdftotext=false: exit %d, want %d: %s", code, exitUnread, stderr)
	}
	d = table(t, filepath.Join(out, "documents.csv"))[0]
	if d["status"] != "failed" || d["reader"] != "" || !strings.Contains(d["error"], "pdf") {
		t.Errorf("--pdftotext=false: %v; want failed with the PDF reader's reason", d)
	}
}

// Text in UTF-16, Windows-1252 and undeclared Latin-1 is decoded, as
// `anchorscore text` shows.
func TestTextEncodings(t *testing.T) {
	for file, want := range map[string][]string{
		"utf16le-bom.txt":       {"Anchor programme update – January 2025", "The café on site", "£48,000"},
		"windows-1252.txt":      {"Staff bulletin – “Think Anchor” special", "The café’s £2 meal deal and €5 voucher"},
		"latin1-undeclared.txt": {"Café Élan", "Naïve estimates aside", "Coûts: £1,200."},
	} {
		var stdout, stderr bytes.Buffer
		path := filepath.Join(badCorpus, "text", file)
		if code := run([]string{"text", path}, &stdout, &stderr); code != exitOK {
			t.Errorf("%s: exit %d: %s", file, code, stderr.String())
			continue
		}
		for _, w := range want {
			if !strings.Contains(stdout.String(), w) {
				t.Errorf("%s: text has no %q:\n%s", file, w, stdout.String())
			}
		}
		if strings.ContainsRune(stdout.String(), '\uFFFD') || strings.Contains(stdout.String(), "Ã") {
			t.Errorf("%s: mis-decoded:\n%s", file, stdout.String())
		}
	}
}

// A bad rubric or setting stops the run before anything is written: exit
// 2, the place named, --out not even created.
func TestBadSettingsWriteNothing(t *testing.T) {
	robustEnv(t)
	dir := t.TempDir()
	haln, err := os.ReadFile("../../configs/haln.yaml")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(haln), "\n")
	at := slices.Index(lines, "  - id: intentionality")
	if at < 0 {
		t.Fatal("configs/haln.yaml has no theme intentionality")
	}
	// An unknown key inside the first theme, on the line after its id.
	lines = slices.Insert(lines, at+1, "    colour: blue")
	rubricFile := filepath.Join(dir, "bad-rubric.yaml")
	if err := os.WriteFile(rubricFile, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	configFile := filepath.Join(dir, "settings.yaml")
	if err := os.WriteFile(configFile, []byte("period: fy\nworkers: 2\nouput: elsewhere\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	badValue := filepath.Join(dir, "bad-value.yaml")
	if err := os.WriteFile(badValue, []byte("workers: 1\nperiod: decade\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	input := filepath.Join(badCorpus, "names")
	for _, c := range []struct {
		name string
		args []string
		env  map[string]string
		want []string
	}{
		{"rubric unknown key", []string{"--rubric", rubricFile}, nil,
			[]string{fmt.Sprintf("%s:%d:5: themes[0].colour: unknown key", rubricFile, at+2)}},
		{"rubric missing", []string{"--rubric", filepath.Join(dir, "none.yaml")}, nil, []string{"none.yaml"}},
		{"period flag", []string{"--period", "decade"}, nil, []string{"--period", `"decade"`}},
		{"workers variable", nil, map[string]string{"ANCHORSCORE_WORKERS": "abc"}, []string{"ANCHORSCORE_WORKERS", `"abc"`}},
		{"period variable", nil, map[string]string{"ANCHORSCORE_PERIOD": "decade"}, []string{"ANCHORSCORE_PERIOD", `"decade"`}},
		{"config unknown key", []string{"--config", configFile}, nil, []string{configFile + ":3:1: ouput: unknown setting"}},
		{"config bad value", []string{"--config", badValue}, nil, []string{badValue + ":2:9: period", `"decade"`}},
		{"config missing", []string{"--config", filepath.Join(dir, "none-settings.yaml")}, nil, []string{"none-settings.yaml"}},
		{"unknown flag", []string{"--colour", "blue"}, nil, []string{"--colour"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			for k, v := range c.env {
				t.Setenv(k, v)
			}
			out := filepath.Join(t.TempDir(), "out")
			code, stderr := score(t, append(append([]string{"--out", out}, c.args...), input)...)
			if code != exitUsage {
				t.Errorf("exit %d, want %d: %s", code, exitUsage, stderr)
			}
			for _, w := range c.want {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr %q does not say %q", stderr, w)
				}
			}
			if _, err := os.Stat(out); !errors.Is(err, fs.ErrNotExist) {
				t.Errorf("--out %s exists after a usage error (%v)", out, err)
			}
		})
	}
}

// Manifest paths may not leave the manifest's folder unless
// --allow-outside-manifest says so.
func TestManifestOutsideFolder(t *testing.T) {
	robustEnv(t)
	dir := t.TempDir()
	outside := filepath.Join(dir, "outside", "anchor-note-2024-05.txt")
	inside := filepath.Join(dir, "manifests", "docs", "inside-2024-05.txt")
	for _, p := range []string{outside, inside} {
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("The anchor programme recruited 12 local people. "+filepath.Base(p)+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range []struct{ name, path string }{
		{"relative", "../outside/anchor-note-2024-05.txt"},
		{"dot-dot inside a path", "docs/../../outside/anchor-note-2024-05.txt"},
		{"absolute", outside},
	} {
		t.Run(c.name, func(t *testing.T) {
			manifest := filepath.Join(dir, "manifests", "manifest.csv")
			body := "path,organisation,type,date\ndocs/inside-2024-05.txt,Inside Trust,,\n" + c.path + ",Outside Trust,bulletin,2024-05-01\n"
			if err := os.WriteFile(manifest, []byte(body), 0o644); err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(t.TempDir(), "out")
			code, stderr := score(t, "--out", out, "--manifest", manifest)
			if code != exitUsage || !strings.Contains(stderr, manifest+":3") || !strings.Contains(stderr, "outside the manifest's folder") {
				t.Errorf("exit %d, stderr %q; want 2 naming %s:3 and the folder", code, stderr, manifest)
			}
			if _, err := os.Stat(out); !errors.Is(err, fs.ErrNotExist) {
				t.Errorf("--out exists after a usage error")
			}
			code, stderr = score(t, "--out", out, "--manifest", manifest, "--allow-outside-manifest")
			if code != exitOK {
				t.Fatalf("--allow-outside-manifest: exit %d: %s", code, stderr)
			}
			docs := byPath(t, out)
			if d := docs[filepath.ToSlash(c.path)]; d == nil || d["status"] != "ok" || d["organisation"] != "Outside Trust" {
				t.Errorf("--allow-outside-manifest: %v; want the outside document read", docs)
			}
		})
	}
}

// robustHelperArgs, when set, makes the test binary run the command with
// these arguments (separated by \x1f) and exit: a subprocess to interrupt.
const robustHelperArgs = "ROBUST_TEST_HELPER_ARGS"

func TestRobustHelperProcess(t *testing.T) {
	args := os.Getenv(robustHelperArgs)
	if args == "" {
		t.Skip("a subprocess for TestInterruptedRunLeavesOutputs")
	}
	os.Exit(run(strings.Split(args, "\x1f"), os.Stdout, os.Stderr))
}

// A run interrupted with Ctrl-C while it reads leaves the outputs of the
// run before byte for byte, and no temporary files, and exits 130.
func TestInterruptedRunLeavesOutputs(t *testing.T) {
	robustEnv(t)
	tmp := t.TempDir()
	out := filepath.Join(tmp, "out")
	if code, stderr := score(t, "--out", out, filepath.Join(badCorpus, "names")); code != exitOK {
		t.Fatalf("first run: exit %d: %s", code, stderr)
	}
	before := snapshot(t, out)
	if len(before) < 4 {
		t.Fatalf("first run wrote only %v", before)
	}

	// A slow input: a small document read first, then 30 MB of text.
	slow := filepath.Join(tmp, "slow", "org")
	if err := os.MkdirAll(slow, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(slow, "a-note.txt"), []byte("The anchor programme recruited 12 local people.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(slow, "b-long.txt"), noSentenceBreak(30<<20), 0o644); err != nil {
		t.Fatal(err)
	}
	args := []string{"score", "--progress", "plain", "--workers", "1", "--out", out, filepath.Dir(slow)}
	cmd := exec.Command(os.Args[0], "-test.run=^TestRobustHelperProcess$")
	cmd.Env = append(os.Environ(), robustHelperArgs+"="+strings.Join(args, "\x1f"))
	stderrPipe, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	sc := bufio.NewScanner(stderrPipe)
	signalled := false
	for sc.Scan() {
		stderr.WriteString(sc.Text() + "\n")
		if !signalled && strings.HasPrefix(sc.Text(), "reading 2 documents") {
			// Reading has begun, largest first: the 30 MB document, which
			// takes seconds, is being read now.
			if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
				t.Fatal(err)
			}
			signalled = true
		}
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	var werr error
	select {
	case werr = <-done:
	case <-time.After(60 * time.Second):
		cmd.Process.Kill()
		t.Fatalf("the interrupted run did not stop within 60s; stderr:\n%s", stderr.String())
	}
	if !signalled {
		t.Fatalf("the run ended before it could be interrupted (%v); stderr:\n%s", werr, stderr.String())
	}
	t.Logf("the interrupted run said:\n%s", stderr.String())
	var exit *exec.ExitError
	if !errors.As(werr, &exit) || exit.ExitCode() != exitInterrupted {
		t.Errorf("exit %v, want %d; stderr:\n%s", werr, exitInterrupted, stderr.String())
	}
	if !strings.Contains(stderr.String(), "interrupted") {
		t.Errorf("stderr does not say the run was interrupted:\n%s", stderr.String())
	}
	after := snapshot(t, out)
	if len(after) != len(before) {
		t.Errorf("files in --out: %d before, %d after", len(before), len(after))
	}
	for name, data := range before {
		if !bytes.Equal(after[name], data) {
			t.Errorf("%s changed", name)
		}
	}
	for name := range after {
		if strings.HasPrefix(name, ".") || strings.Contains(name, ".tmp-") {
			t.Errorf("temporary file %s left in --out", name)
		}
	}
}

// snapshot reads every file in a folder, hidden ones too.
func snapshot(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		files[e.Name()] = data
	}
	return files
}
