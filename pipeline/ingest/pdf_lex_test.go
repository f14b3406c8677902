package ingest

import (
	"fmt"
	"strings"
	"testing"
)

// ops renders what interpret passes on, one operator a line.
func ops(data string) string {
	var b strings.Builder
	interpret([]byte(data), func(op string, args []operand) {
		b.WriteString(op)
		for _, a := range args {
			b.WriteString(" " + show(a))
		}
		b.WriteString("\n")
	})
	return b.String()
}

func show(a operand) string {
	switch a.kind {
	case 'n':
		return fmt.Sprint(a.num)
	case 's':
		return fmt.Sprintf("%q", a.str)
	case 'N':
		return "/" + a.str
	case 'a':
		var parts []string
		for _, x := range a.arr {
			parts = append(parts, show(x))
		}
		return "[" + strings.Join(parts, " ") + "]"
	}
	return "?"
}

func TestContentLexer(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"BT /F1 12 Tf 72 720 Td (Hello) Tj ET", "BT\nTf /F1 12\nTd 72 720\nTj \"Hello\"\nET\n"},
		{`(a\(b\)c\\d\101\n) Tj`, "Tj \"a(b)c\\\\dA\\n\"\n"},
		{"(nested (parens) ok) Tj", "Tj \"nested (parens) ok\"\n"},
		{"(line\\\ncontinued) Tj", "Tj \"linecontinued\"\n"},
		{"<48 65 6c6C 6f> Tj <414> Tj", "Tj \"Hello\"\nTj \"A@\"\n"},
		{"[(A) -120 (B) 3.5 (C)] TJ", "TJ [\"A\" -120 \"B\" 3.5 \"C\"]\n"},
		{"/Na#6De 1 Tf -.5 +2 4. Tc", "Tf /Name 1\nTc -0.5 2 4\n"},
		{"% a comment (not a string) Tj\n1 0 0 1 0 0 cm", "cm 1 0 0 1 0 0\n"},
		{"/P <</MCID 3 /Alt (x)>> BDC (T) Tj EMC", "? /P ?\nTj \"T\"\n?\n"},
		{"q BI /W 2 /H 2 /BPC 8 /CS /G ID \x00EI\xffQ EI Q (after) Tj", "q\nQ\nTj \"after\"\n"},
		{"(unterminated", ""},
		{"<4142", ""},
		{"[(a) [(b)] (c)] TJ", "TJ [\"a\" [\"b\"] \"c\"]\n"},
		{"1 2 3 foo Tj", "? 1 2 3\nTj\n"},
	} {
		if got := ops(c.in); got != c.want {
			t.Errorf("%q:\n got %q\nwant %q", c.in, got, c.want)
		}
	}
}

// FuzzContentLexer: whatever the bytes, interpret ends and does not panic.
func FuzzContentLexer(f *testing.F) {
	for _, s := range []string{"BT (a) Tj ET", "[(a) 1 [(b)]] TJ", "<< /A [1 2] >> BDC", "BI ID \x00 EI", "<", "(", "[", "/#", "\\"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		n := 0
		interpret(data, func(op string, args []operand) {
			n++
			if len(args) > maxOperands {
				t.Fatalf("%d operands", len(args))
			}
		})
		if n > len(data) {
			t.Fatalf("%d operators from %d bytes", n, len(data))
		}
	})
}
