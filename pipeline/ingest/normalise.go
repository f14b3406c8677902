package ingest

import (
	"strings"
	"unicode"
)

// ligatures maps presentation-form ligatures to their letters.
var ligatures = strings.NewReplacer(
	"\uFB00", "ff", "\uFB01", "fi", "\uFB02", "fl", "\uFB03", "ffi", "\uFB04", "ffl",
	"\uFB05", "st", "\uFB06", "st",
)

// NormaliseLine expands ligatures, drops soft hyphens and control
// characters, maps non-breaking and other odd spaces to a plain space and
// folds runs of white space into one. Every extractor passes its text
// through it so that matching sees one spelling of the same words.
func NormaliseLine(s string) string {
	s = ligatures.Replace(s)
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case r == '\u00AD' || r == '\u200B' || r == '\uFEFF' || r == '\u200C' || r == '\u200D':
			continue
		case unicode.IsSpace(r) || r == '\u00A0':
			space = true
			continue
		case unicode.IsControl(r) || r == unicode.ReplacementChar:
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// JoinLines joins the lines of one paragraph, mending words broken across
// lines by a hyphen or a soft hyphen ("organi-" + "sation"). A hyphen that
// ends a line stays when the next line starts with a capital or a digit,
// since then it is more likely a real compound ("COVID-" + "19").
func JoinLines(lines []string) string {
	var b strings.Builder
	for _, raw := range lines {
		line := strings.TrimSpace(raw)
		if line == "" {
			continue
		}
		if b.Len() == 0 {
			b.WriteString(line)
			continue
		}
		prev := b.String()
		last, _ := lastRune(prev)
		switch {
		case last == '\u00AD':
			b.Reset()
			b.WriteString(strings.TrimSuffix(prev, "\u00AD"))
			b.WriteString(line)
		case last == '-' && len(prev) >= 2 && isLowerLetterBefore(prev) && startsLower(line):
			b.Reset()
			b.WriteString(strings.TrimSuffix(prev, "-"))
			b.WriteString(line)
		default:
			b.WriteByte(' ')
			b.WriteString(line)
		}
	}
	return NormaliseLine(b.String())
}

func lastRune(s string) (rune, int) {
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] < 0x80 || s[i] >= 0xC0 {
			r := []rune(s[i:])
			if len(r) > 0 {
				return r[0], i
			}
		}
	}
	return 0, -1
}

func isLowerLetterBefore(s string) bool {
	r := []rune(strings.TrimSuffix(s, "-"))
	return len(r) > 0 && unicode.IsLower(r[len(r)-1])
}

func startsLower(s string) bool {
	for _, r := range s {
		return unicode.IsLower(r)
	}
	return false
}
