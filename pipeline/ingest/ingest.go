// Package ingest turns files into doc.Text. Each input format is one
// Extractor in a file of its own, registered in formats; Detect picks the
// extractor from the file's content first and its name second.
package ingest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

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
	markdownExtractor{},
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

// Limits bound the work done on one document.
type Limits struct {
	MaxBytes int64         // larger files are not read
	MaxPages int           // pages read at most; the rest are left out with a warning
	Timeout  time.Duration // extraction taking longer is abandoned
	// PDFToText lets poppler's pdftotext read a PDF that the PDF reader
	// cannot open, when it is installed; OCR lets tesseract read a PDF
	// with no text layer, when it and pdftoppm are installed.
	PDFToText, OCR bool
}

// Read opens a file, detects its format from its content and extracts its
// text within the limits. A panic inside an extractor (the PDF library has
// some) becomes an error for this document only.
func Read(ctx context.Context, path string, lim Limits) (*doc.Text, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, unwrapPath(err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, unwrapPath(err)
	}
	if !info.Mode().IsRegular() {
		return nil, fmt.Errorf("not a regular file")
	}
	size := info.Size()
	if size == 0 {
		return nil, errors.New("empty file")
	}
	if lim.MaxBytes > 0 && size > lim.MaxBytes {
		return nil, fmt.Errorf("file is %d MiB, over the limit of %d MiB (--max-file-mb)", size>>20, lim.MaxBytes>>20)
	}
	head := make([]byte, min(size, 4096))
	if _, err := f.ReadAt(head, 0); err != nil && !errors.Is(err, io.EOF) {
		return nil, err
	}
	ext, err := Detect(head, strings.ToLower(filepath.Ext(path)))
	if err != nil {
		return nil, err
	}
	if lim.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, lim.Timeout)
		defer cancel()
	}
	type result struct {
		t   *doc.Text
		err error
	}
	done := make(chan result, 1)
	go func() {
		var r result
		defer func() {
			if p := recover(); p != nil {
				r = result{err: fmt.Errorf("%s reader failed: %v", ext.Format(), p)}
			}
			done <- r
		}()
		r.t, r.err = ext.Extract(ctx, f, size)
	}()
	select {
	case r := <-done:
		if r.err == nil && r.t != nil && r.t.Format == "" {
			r.t.Format = ext.Format()
		}
		if ext.Format() == doc.FormatPDF && (r.err != nil || r.t == nil || wordCount(r.t) == 0) {
			r.t, r.err = pdfFallback(ctx, path, r.t, r.err, lim)
		}
		if r.err == nil && r.t != nil && lim.MaxPages > 0 && r.t.Pages > lim.MaxPages {
			limitPages(r.t, lim.MaxPages)
		}
		return r.t, r.err
	case <-ctx.Done():
		// The extractor is abandoned: a reader stuck in a loop cannot be
		// stopped from outside its goroutine. The file stays open until it
		// returns.
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return nil, fmt.Errorf("%s reader took longer than %s (--timeout)", ext.Format(), lim.Timeout)
		}
		return nil, ctx.Err()
	}
}

// limitPages keeps the first n pages of a document and says so.
func limitPages(t *doc.Text, n int) {
	keep := t.Blocks[:0]
	for _, b := range t.Blocks {
		if b.Page <= n {
			keep = append(keep, b)
		}
	}
	t.Blocks = keep
	t.Warnings = append(t.Warnings, fmt.Sprintf("only the first %d of %d pages were read (--max-pages)", n, t.Pages))
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
