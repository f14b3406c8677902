package discover

import (
	"fmt"
	"time"
)

// Period modes for --period.
const (
	PeriodFY      = "fy"
	PeriodYear    = "year"
	PeriodQuarter = "quarter"
	PeriodAll     = "all"
)

// PeriodModes lists the accepted --period values.
var PeriodModes = []string{PeriodFY, PeriodYear, PeriodQuarter, PeriodAll}

// Undated is the period of a document with no date.
const Undated = "undated"

// Period names the period a date falls in: "2024/25" for an NHS financial
// year (April to March), "2024" for a calendar year, "2024/25 Q1" for a
// quarter of the financial year (Q1 is April to June), "all" when periods
// are not split.
func Period(t time.Time, mode string) string {
	if mode == PeriodAll {
		return PeriodAll
	}
	if t.IsZero() {
		return Undated
	}
	fy := t.Year()
	if t.Month() < time.April {
		fy--
	}
	switch mode {
	case PeriodYear:
		return fmt.Sprintf("%d", t.Year())
	case PeriodQuarter:
		q := (int(t.Month())-int(time.April)+12)%12/3 + 1
		return fmt.Sprintf("%d/%02d Q%d", fy, (fy+1)%100, q)
	default:
		return fmt.Sprintf("%d/%02d", fy, (fy+1)%100)
	}
}
