// Package ingest turns files into doc.Text. Each input format is one
// Extractor in a file of its own, registered in formats; Detect picks the
// extractor from the file's content first and its name second.
package ingest

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/anchorscore/anchorscore/pipeline/doc"
)

// Extractor reads one format.
type Extractor interface {
	// Format names what this extractor reads.
	Format() doc.Format
	// Sniff reports whether the first bytes of a file (up to 4 KiB) and
	// its lower-case extension (".pdf") look like this format. It must be
	// cheap and never fail.
	Sniff(head []byte, ext string) bool
	// Extract reads the whole file. A file that cannot be read at all
	// gives an error; problems with parts of it go into Text.Warnings.
	Extract(ctx context.Context, r io.ReaderAt, size int64) (*doc.Text, error)
}

// ErrUnsupported is returned when no extractor recognises a file.
var ErrUnsupported = errors.New("not a PDF, DOCX, HTML or text file")

// ErrEncrypted is returned for a document that needs a password.
var ErrEncrypted = errors.New("encrypted: needs a password")

// formats is the registry, in the order Detect asks them. Binary formats
// with magic numbers come first; text is the catch-all and comes last.
// A new format is one new file with its Extractor, and one line here.
var formats = []Extractor{
	pdfExtractor{},
	docxExtractor{},
	htmlExtractor{},
	textExtractor{},
}

// ByFormat returns the extractor for a format name, for callers that
// already know it (a cached result, a worker told what to read).
func ByFormat(f doc.Format) (Extractor, bool) {
	for _, e := range formats {
		if e.Format() == f {
			return e, true
		}
	}
	return nil, false
}

// Detect returns the extractor for a file, or ErrUnsupported.
func Detect(head []byte, ext string) (Extractor, error) {
	for _, e := range formats {
		if e.Sniff(head, ext) {
			return e, nil
		}
	}
	return nil, fmt.Errorf("%w (content starts %q)", ErrUnsupported, printable(head, 16))
}

func printable(b []byte, n int) string {
	if len(b) > n {
		b = b[:n]
	}
	out := make([]rune, 0, len(b))
	for _, c := range b {
		if c >= 0x20 && c < 0x7f {
			out = append(out, rune(c))
		} else {
			out = append(out, '.')
		}
	}
	return string(out)
}
