package discover

import (
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
)

func TestDateFromName(t *testing.T) {
	for _, tc := range []struct {
		name string
		want string // "" for none
	}{
		{"board-paper-2024-03-27.pdf", "2024-03-27"},
		{"people committee 27-03-2024.docx", "2024-03-27"},
		{"bulletin_2024_11.txt", "2024-11-01"},
		{"annual-report-2024-25.pdf", "2024-04-01"},
		{"strategy 2023_24.md", "2023-04-01"},
		{"anchor-strategy.pdf", ""},
		{"report-2024-13.pdf", ""},
		{"ref-123456.pdf", ""},
	} {
		got, ok := DateFromName(tc.name)
		if (tc.want == "") == ok {
			t.Errorf("DateFromName(%q) found=%v, want %q", tc.name, ok, tc.want)
			continue
		}
		if ok && got.Format("2006-01-02") != tc.want {
			t.Errorf("DateFromName(%q) = %s, want %s", tc.name, got.Format("2006-01-02"), tc.want)
		}
	}
}

func TestPeriod(t *testing.T) {
	day := func(s string) time.Time { d, _ := time.Parse("2006-01-02", s); return d }
	for _, tc := range []struct {
		date, mode, want string
	}{
		{"2024-03-31", PeriodFY, "2023/24"},
		{"2024-04-01", PeriodFY, "2024/25"},
		{"2025-01-15", PeriodYear, "2025"},
		{"2024-04-01", PeriodQuarter, "2024/25 Q1"},
		{"2025-03-01", PeriodQuarter, "2024/25 Q4"},
		{"2024-12-31", PeriodQuarter, "2024/25 Q3"},
		{"2024-12-31", PeriodAll, "all"},
		{"", PeriodFY, Undated},
	} {
		if got := Period(day(tc.date), tc.mode); got != tc.want {
			t.Errorf("Period(%s, %s) = %q, want %q", tc.date, tc.mode, got, tc.want)
		}
	}
}

func TestTypeFromName(t *testing.T) {
	for name, want := range map[string]string{
		"annual-report-2024-25.pdf":         "annual-report",
		"anchor-strategy-2023-24.docx":      "strategy",
		"people-committee-14-11-2024.html":  "committee-paper",
		"ics-partnership-board-2024-05.pdf": "partnership-paper",
		"staff-bulletin-2025-01.txt":        "bulletin",
		"board-paper-2024-03-27.pdf":        "board-paper",
		"scan0001.pdf":                      "other",
	} {
		if got := TypeFromName(name); got != want {
			t.Errorf("TypeFromName(%q) = %q, want %q", name, got, want)
		}
	}
}

func TestPathsOrganisations(t *testing.T) {
	root := t.TempDir()
	for _, f := range []string{"alpha/a.pdf", "alpha/sub/b.txt", "beta/c.html", "loose.md", ".hidden/x.pdf", "alpha/notes.xlsx"} {
		p := filepath.Join(root, f)
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte("x"), 0o644)
	}
	got, err := Paths([]string{root})
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, in := range got {
		lines = append(lines, in.Organisation+" "+in.Display+" skip="+in.Skip)
	}
	want := []string{
		"alpha alpha/a.pdf skip=",
		"alpha alpha/notes.xlsx skip=not a document type (.xlsx)",
		"alpha alpha/sub/b.txt skip=",
		"beta beta/c.html skip=",
		filepath.Base(root) + " loose.md skip=",
	}
	sort.Strings(want) // inputs come sorted by organisation, then path
	sort.Strings(lines)
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
	if _, err := Paths([]string{filepath.Join(root, "missing")}); !errors.As(err, new(*UsageError)) {
		t.Errorf("a missing PATH gave %v, want a UsageError", err)
	}
}

func TestManifest(t *testing.T) {
	dir := t.TempDir()
	write := func(s string) string {
		p := filepath.Join(dir, "manifest.csv")
		os.WriteFile(p, []byte(s), 0o644)
		return p
	}
	got, err := Manifest(write("path,organisation,type,date\ndocs/a.pdf,Alpha Trust,board-paper,2024-05-01\nb.txt,Beta,,\n"), false)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Organisation != "Alpha Trust" || got[0].Date.Format("2006-01-02") != "2024-05-01" || got[1].Type != "other" {
		t.Errorf("got %+v", got)
	}
	for _, tc := range []struct{ body, want string }{
		{"path,org\n", "manifest.csv:1: header"},
		{"path,organisation,type,date\na.pdf,A,memo,\n", "manifest.csv:2: column type: unknown type \"memo\""},
		{"path,organisation,type,date\na.pdf,A,other,27/03/2024\n", "manifest.csv:2: column date"},
		{"path,organisation,type,date\n../a.pdf,A,other,\n", "manifest.csv:2: column path: \"../a.pdf\" is outside"},
		{"path,organisation,type,date\na.pdf,A,other,\na.pdf,B,other,\n", "manifest.csv:3: column path: \"a.pdf\" is listed already on line 2"},
	} {
		_, err := Manifest(write(tc.body), false)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("manifest %q: got error %v, want one containing %q", tc.body, err, tc.want)
		}
	}
}
