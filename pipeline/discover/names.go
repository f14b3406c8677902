package discover

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

var (
	reISODate = regexp.MustCompile(`(?:^|[^0-9])((?:19|20)\d\d)[-_. ](0[1-9]|1[0-2])[-_. ](0[1-9]|[12]\d|3[01])(?:[^0-9]|$)`)
	reUKDate  = regexp.MustCompile(`(?:^|[^0-9])(0[1-9]|[12]\d|3[01])[-_. ](0[1-9]|1[0-2])[-_. ]((?:19|20)\d\d)(?:[^0-9]|$)`)
	reFY      = regexp.MustCompile(`(?:^|[^0-9])((?:19|20)\d\d)[-_/ ](\d\d)(?:[^0-9]|$)`)
	reMonth   = regexp.MustCompile(`(?:^|[^0-9])((?:19|20)\d\d)[-_. ](0[1-9]|1[0-2])(?:[^0-9]|$)`)
	reFYExact = regexp.MustCompile(`^((?:19|20)\d\d)[-/](\d\d)$`)
)

// DateFromName reads a date from a file name: 2024-03-27, 27-03-2024,
// 2024-03, or a financial year 2024-25 (taken as its first day, 1 April
// 2024, so that it falls in financial year 2024/25). Underscores, dots and
// spaces may stand for the dashes.
func DateFromName(name string) (time.Time, bool) {
	if m := reISODate.FindStringSubmatch(name); m != nil {
		return date(m[1], m[2], m[3])
	}
	if m := reUKDate.FindStringSubmatch(name); m != nil {
		return date(m[3], m[2], m[1])
	}
	if m := reFY.FindStringSubmatch(name); m != nil {
		y, _ := strconv.Atoi(m[1])
		yy, _ := strconv.Atoi(m[2])
		if (y+1)%100 == yy {
			return time.Date(y, time.April, 1, 0, 0, 0, 0, time.UTC), true
		}
	}
	if m := reMonth.FindStringSubmatch(name); m != nil {
		return date(m[1], m[2], "01")
	}
	return time.Time{}, false
}

// FinancialYear parses "2024/25" or "2024-25".
func FinancialYear(s string) (time.Time, bool) {
	m := reFYExact.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return time.Time{}, false
	}
	y, _ := strconv.Atoi(m[1])
	yy, _ := strconv.Atoi(m[2])
	if (y+1)%100 != yy {
		return time.Time{}, false
	}
	return time.Date(y, time.April, 1, 0, 0, 0, 0, time.UTC), true
}

func date(y, m, d string) (time.Time, bool) {
	t, err := time.Parse("2006-01-02", y+"-"+m+"-"+d)
	return t, err == nil
}

// typeWords maps words in a file name or title to a document type, most
// specific first.
var typeWords = []struct{ typ, words string }{
	{"annual-report", "annual report|annual-report|annual_report|annualreport|quality account|annual review"},
	{"strategy", "strategy|strategic plan|green plan|anchor plan|charter|framework"},
	{"committee-paper", "committee"},
	{"partnership-paper", "partnership|ics|icb|icp|integrated care|place board|health and wellbeing board"},
	{"bulletin", "bulletin|newsletter|briefing|news"},
	{"board-paper", "board|trust board|public board|board pack|board meeting|minutes"},
}

// TypeFromName guesses a document's type from its file name or title.
func TypeFromName(name string) string {
	lower := " " + strings.NewReplacer("-", " ", "_", " ", ".", " ").Replace(strings.ToLower(name)) + " "
	for _, tw := range typeWords {
		for _, w := range strings.Split(tw.words, "|") {
			w = strings.NewReplacer("-", " ", "_", " ").Replace(w)
			if strings.Contains(lower, " "+w+" ") || strings.Contains(lower, " "+w+"s ") {
				return tw.typ
			}
		}
	}
	return "other"
}
