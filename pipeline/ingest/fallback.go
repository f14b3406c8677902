package ingest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"

	"github.com/anchorscore/anchorscore/pipeline/doc"
)

// ErrNeedsOCR is returned for a PDF with no text layer when no OCR tools
// are installed.
var ErrNeedsOCR = errors.New("no text found: a scan without a text layer, or a damaged PDF; install tesseract-ocr and poppler-utils to read scans with OCR")

// Readers, as recorded in doc.Text.Reader.
const (
	ReaderNative    = ""          // this package's own reader for the format
	ReaderPDFToText = "pdftotext" // poppler, for PDFs ledongthuc/pdf cannot open
	ReaderOCR       = "ocr"       // pdftoppm and tesseract, for scanned PDFs
)

// pdfFallback tries poppler's pdftotext, then OCR, for a PDF that the
// native reader could not open (err) or found no text in. It returns what
// it read, or the original outcome when neither tool helps. An encrypted
// file goes to pdftotext too: poppler opens AES and V4 files with an empty
// user password that the PDF reader cannot, and refuses the others.
func pdfFallback(ctx context.Context, path string, text *doc.Text, err error, lim Limits) (*doc.Text, error) {
	if ctx.Err() != nil {
		return text, err
	}
	if lim.PDFToText {
		if t, ferr := pdftotext(ctx, path); ferr == nil && wordCount(t) > 0 {
			t.Reader = ReaderPDFToText
			if err != nil {
				t.Warnings = append(t.Warnings, "read with pdftotext: the PDF reader failed: "+err.Error())
			}
			return t, nil
		}
	}
	if err != nil {
		return text, err
	}
	if !lim.OCR {
		return text, ErrNeedsOCR
	}
	t, oerr := ocr(ctx, path, text.Pages, lim)
	if oerr != nil {
		if errors.Is(oerr, exec.ErrNotFound) {
			return text, ErrNeedsOCR
		}
		// Say first what was wrong with the file: a reader of the
		// inventory needs "no text found", not only OCR's own complaint.
		return text, fmt.Errorf("no text found (a damaged PDF, or a scan), and OCR failed: %w", oerr)
	}
	return t, nil
}

func wordCount(t *doc.Text) int {
	n := 0
	for _, b := range t.Blocks {
		n += len(strings.Fields(b.Text))
	}
	return n
}

// pdftotext reads a PDF with poppler, page by page (pages end with a form
// feed), paragraphs split on blank lines.
func pdftotext(ctx context.Context, path string) (*doc.Text, error) {
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		return nil, err
	}
	var out, stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, bin, "-enc", "UTF-8", path, "-")
	cmd.Stdout, cmd.Stderr = &out, &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("pdftotext: %v: %s", err, firstLine(stderr.String()))
	}
	t := &doc.Text{Format: doc.FormatPDF}
	pages := strings.Split(out.String(), "\f")
	if n := len(pages); n > 0 && strings.TrimSpace(pages[n-1]) == "" {
		pages = pages[:n-1]
	}
	t.Pages = len(pages)
	for i, page := range pages {
		addParagraphs(t, page, i+1, false)
	}
	return t, nil
}

// ocr renders each page with pdftoppm and reads it with tesseract.
func ocr(ctx context.Context, path string, pages int, lim Limits) (*doc.Text, error) {
	ppm, err := exec.LookPath("pdftoppm")
	if err != nil {
		return nil, err
	}
	tess, err := exec.LookPath("tesseract")
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "anchorscore-ocr-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	args := []string{"-r", "200", "-gray", "-png"}
	if lim.MaxPages > 0 {
		args = append(args, "-l", fmt.Sprint(lim.MaxPages))
	}
	var stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, ppm, append(args, path, filepath.Join(dir, "page"))...)
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("pdftoppm: %v: %s", err, firstLine(stderr.String()))
	}
	images, _ := filepath.Glob(filepath.Join(dir, "page-*.png"))
	sort.Slice(images, func(i, j int) bool { return pageNumber(images[i]) < pageNumber(images[j]) })
	t := &doc.Text{Format: doc.FormatPDF, Pages: max(pages, len(images)), Reader: ReaderOCR}
	for _, img := range images {
		var out bytes.Buffer
		stderr.Reset()
		cmd := exec.CommandContext(ctx, tess, img, "-", "-l", "eng")
		cmd.Stdout, cmd.Stderr = &out, &stderr
		if err := cmd.Run(); err != nil {
			return nil, fmt.Errorf("tesseract: %v: %s", err, firstLine(stderr.String()))
		}
		addParagraphs(t, out.String(), pageNumber(img), true)
	}
	return t, nil
}

func pageNumber(img string) int {
	base := strings.TrimSuffix(filepath.Base(img), ".png")
	n := 0
	fmt.Sscanf(base[strings.LastIndexByte(base, '-')+1:], "%d", &n)
	return n
}

// addParagraphs appends a page's paragraphs (split on blank lines) as
// blocks.
func addParagraphs(t *doc.Text, page string, number int, isOCR bool) {
	for _, para := range strings.Split(strings.ReplaceAll(page, "\r\n", "\n"), "\n\n") {
		text := JoinLines(strings.Split(para, "\n"))
		if text == "" {
			continue
		}
		t.Blocks = append(t.Blocks, doc.Block{Page: number, Para: len(t.Blocks) + 1, Text: text, OCR: isOCR})
	}
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	return s
}
