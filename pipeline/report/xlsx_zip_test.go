package report

import (
	"bufio"
	"bytes"
	"strings"
	"testing"
)

// The inserter adds its text just before the first marker however the
// part is cut into writes, including a marker cut between two writes.
func TestInserterFindsACutMarker(t *testing.T) {
	part := `<worksheet><sheetData>` + strings.Repeat("<row/>", 50) + `</sheetData><hyperlinks></hyperlinks></worksheet>`
	want := strings.Replace(part, "</hyperlinks>", `<hyperlink ref="A1"/></hyperlinks>`, 1)
	for size := 1; size <= len(part); size++ {
		var out bytes.Buffer
		in := &inserter{w: &out, name: "sheet1.xml", marker: []byte("</hyperlinks>"), add: func(w *bufio.Writer) { w.WriteString(`<hyperlink ref="A1"/>`) }}
		for from := 0; from < len(part); from += size {
			if _, err := in.Write([]byte(part[from:min(from+size, len(part))])); err != nil {
				t.Fatal(err)
			}
		}
		if err := in.close(); err != nil {
			t.Fatalf("writes of %d bytes: %v", size, err)
		}
		if out.String() != want {
			t.Fatalf("writes of %d bytes:\n got %s\nwant %s", size, out.String(), want)
		}
	}
	var out bytes.Buffer
	in := &inserter{w: &out, name: "sheet1.xml", marker: []byte("</hyperlinks>"), add: func(*bufio.Writer) {}}
	in.Write([]byte("<worksheet/>"))
	if err := in.close(); err == nil {
		t.Error("a part without the marker closed without an error")
	}
}
