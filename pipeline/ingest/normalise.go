package ingest

import (
	"strings"
	"unicode"
	"unicode/utf8"
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
	if isPlainLine(s) {
		return s
	}
	if strings.Contains(s, "\xef\xac") { // U+FB00..U+FB4F
		s = ligatures.Replace(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case r < 0x80 && r > ' ' && r != 0x7f:
			// printable ASCII: kept
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

// isPlainLine reports whether NormaliseLine would return s unchanged
// because it is printable ASCII with single spaces between words.
func isPlainLine(s string) bool {
	if s == "" {
		return true
	}
	if s[0] == ' ' || s[len(s)-1] == ' ' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == ' ' {
			if s[i-1] == ' ' {
				return false
			}
			continue
		}
		if c < 0x21 || c > 0x7e {
			return false
		}
	}
	return true
}

// JoinLines joins the lines of one paragraph, mending words broken across
// lines by a hyphen or a soft hyphen ("organi-" + "sation"). A hyphen that
// ends a line stays when the next line starts with a capital or a digit,
// since then it is more likely a real compound ("COVID-" + "19").
func JoinLines(lines []string) string {
	return joinLines(lines, nil)
}

// joinLines is JoinLines with a say on hyphens: when keep is not nil and
// reports that the word before a line-end hyphen and the word after it
// make a hyphenated word ("co-" + "designing"), the hyphen stays and the
// lines are joined without a space.
func joinLines(lines []string, keep func(before, after string) bool) string {
	var b []byte
	for _, raw := range lines {
		line := strings.TrimSpace(raw)
		if line == "" {
			continue
		}
		if len(b) == 0 {
			b = append(b, line...)
			continue
		}
		last, size := utf8.DecodeLastRune(b)
		hyphen := last == '-' && len(b) >= 2 && isLowerLetterBefore(string(b[len(b)-1-lastRuneLen(b[:len(b)-1]):])) && startsLower(line)
		switch {
		case last == '\u00AD':
			b = append(b[:len(b)-size], line...)
		case hyphen && keep != nil && keep(wordBeforeHyphen(b), firstField(line)):
			b = append(b, line...)
		case hyphen:
			b = append(b[:len(b)-1], line...)
		default:
			b = append(b, ' ')
			b = append(b, line...)
		}
	}
	return NormaliseLine(string(b))
}

// wordBeforeHyphen returns the word that b, ending in "-", ends with (at
// most 64 bytes of it, so that joining stays linear).
func wordBeforeHyphen(b []byte) string {
	w := b[:len(b)-1]
	if len(w) > 64 {
		w = w[len(w)-64:]
	}
	return lastField(string(w))
}

// lastRuneLen is the length in bytes of the last rune of b.
func lastRuneLen(b []byte) int {
	_, n := utf8.DecodeLastRune(b)
	return n
}

func isLowerLetterBefore(s string) bool {
	r, n := utf8.DecodeLastRuneInString(strings.TrimSuffix(s, "-"))
	return n > 0 && unicode.IsLower(r)
}

func startsLower(s string) bool {
	for _, r := range s {
		return unicode.IsLower(r)
	}
	return false
}

// lastField returns the last space-separated word of s.
func lastField(s string) string {
	if i := strings.LastIndexByte(s, ' '); i >= 0 {
		return s[i+1:]
	}
	return s
}

// firstField returns the first space-separated word of s.
func firstField(s string) string {
	if i := strings.IndexByte(s, ' '); i >= 0 {
		return s[:i]
	}
	return s
}
