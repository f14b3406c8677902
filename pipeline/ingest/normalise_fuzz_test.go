package ingest

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func FuzzNormalise(f *testing.F) {
	f.Add("  The\u00a0Trust \ufb01nance\u00ad\u200b  report\t\n", "organi-\nsation\nCOVID-\n19")
	f.Add("\xff\xfe bad \x00 bytes", "soft\u00ad\nhyphen\n\n-\n-")
	f.Add("", "")
	f.Fuzz(func(t *testing.T, s, para string) {
		n := NormaliseLine(s)
		if !utf8.ValidString(n) {
			t.Fatalf("NormaliseLine(%q) = %q: invalid UTF-8", s, n)
		}
		if again := NormaliseLine(n); again != n {
			t.Fatalf("NormaliseLine not idempotent: %q -> %q -> %q", s, n, again)
		}
		if n != strings.TrimSpace(n) || strings.Contains(n, "  ") {
			t.Fatalf("NormaliseLine(%q) = %q: stray spaces", s, n)
		}
		j := JoinLines(strings.Split(para, "\n"))
		if !utf8.ValidString(j) {
			t.Fatalf("JoinLines(%q) = %q: invalid UTF-8", para, j)
		}
	})
}
