package report

import (
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// Every workbook opens in a second reader. LibreOffice converts each one,
// every sheet, and shows what scores.csv, evidence.csv and documents.csv
// say: the boards' summaries, the comparison's levels, and the tidy
// sheets cell for cell. The summary prints on one page.
func TestWorkbooksInLibreOffice(t *testing.T) {
	dir := fixtureOutputs(t)
	t.Parallel()
	books, _ := filepath.Glob(filepath.Join(dir, "*.xlsx"))
	// The one-page check's PDF is made alongside the CSV files.
	pdfBook := filepath.Join(dir, "harrowmere-teaching-hospitals.xlsx")
	pdfDone := func() (string, error) { return "", nil }
	_, pdfErr := exec.LookPath("pdftotext")
	if pdfErr == nil {
		pdfDone = startConvert(t, "pdf", pdfBook)
	}
	conv := convertCSV(t, books...)
	sheet := func(book, name string) [][]string {
		return readCSVFile(t, filepath.Join(conv, strings.TrimSuffix(filepath.Base(book), ".xlsx")+"-"+name+".csv"))
	}
	want := allLevels(t, dir)
	_, meta := fixtureRun(t)

	checked := 0
	for _, book := range books {
		if filepath.Base(book) == "comparison.xlsx" {
			continue
		}
		var org string
		for k := range want {
			if Slug(k[0])+".xlsx" == filepath.Base(book) {
				org = k[0]
			}
		}
		rows := sheet(book, sheetSummary)
		if rows[0][0] != org {
			t.Errorf("%s: summary title %q", book, rows[0][0])
		}
		for _, th := range meta.Rubric.Themes {
			i := slices.IndexFunc(rows, func(r []string) bool { return r[0] == th.Name })
			if i < 0 {
				t.Errorf("%s: LibreOffice shows no row for %s", org, th.Name)
				continue
			}
			w := want[[2]string{org, th.ID}]
			if got := rows[i][1:4]; !slices.Equal(got, w[:3]) {
				t.Errorf("%s %s: LibreOffice shows %v, scores.csv says %v", org, th.ID, got, w[:3])
			}
			checked++
		}
	}

	cmp := filepath.Join(dir, "comparison.xlsx")
	levels := sheet(cmp, sheetLevels)
	for _, r := range levels[1:] {
		if r[0] == "" || r[0] == medianLabel || strings.HasPrefix(r[0], "Levels ") {
			continue
		}
		for i, th := range meta.Rubric.Themes {
			if w := want[[2]string{r[0], th.ID}]; r[1+i] != w[0] || r[1+len(meta.Rubric.Themes)+i] != w[2] {
				t.Errorf("Levels: %s %s shows level %s score %s, scores.csv %s %s", r[0], th.ID, r[1+i], r[1+len(meta.Rubric.Themes)+i], w[0], w[2])
			}
			checked++
		}
	}
	if checked == 0 {
		t.Fatal("nothing checked")
	}

	// The tidy sheets are the CSV files, as LibreOffice shows them
	// (booleans in capitals).
	for name, file := range map[string]string{sheetTidySc: "scores.csv", sheetTidyEv: "evidence.csv", sheetTidyDocs: "documents.csv"} {
		got, csvRows := sheet(cmp, name), readCSVFile(t, filepath.Join(dir, file))
		if len(got) != len(csvRows) {
			t.Errorf("%s: LibreOffice shows %d rows, %s has %d", name, len(got), file, len(csvRows))
			continue
		}
		for i := range csvRows {
			if !slices.EqualFunc(got[i], csvRows[i], strings.EqualFold) {
				t.Errorf("%s row %d: LibreOffice shows\n%q\n%s has\n%q", name, i, got[i], file, csvRows[i])
				break
			}
		}
	}

	// One printed page: the summary's last words are on page 1, and page
	// 2 is the next sheet.
	if pdfErr != nil {
		t.Log("pdftotext not installed: the one-page check is skipped")
		return
	}
	pdfDir, err := pdfDone()
	if err != nil {
		t.Fatal(err)
	}
	pdf := filepath.Join(pdfDir, "harrowmere-teaching-hospitals.pdf")
	page := func(n string) string {
		out, err := exec.Command("pdftotext", "-f", n, "-l", n, "-layout", pdf, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		return string(out)
	}
	if p1 := page("1"); !strings.Contains(p1, "Strengths") || !strings.Contains(p1, "Areas for development") || !strings.Contains(p1, "Every judgement can be traced") {
		t.Errorf("page 1 does not hold the whole summary:\n%s", p1)
	}
	if p2 := page("2"); strings.Contains(p2, "Areas for development") || !strings.Contains(p2, "Development prompt") {
		t.Errorf("page 2 is not the Indicators sheet:\n%s", p2)
	}
}
