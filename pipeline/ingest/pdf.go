package ingest

import (
	"context"
	"errors"
	"io"

	"github.com/anchorscore/anchorscore/pipeline/doc"
)

// pdfExtractor is a stub, to be replaced.
type pdfExtractor struct{}

func (pdfExtractor) Format() doc.Format { return doc.FormatPDF }

func (pdfExtractor) Sniff(head []byte, ext string) bool { return ext == ".pdf" }

func (pdfExtractor) Extract(ctx context.Context, r io.ReaderAt, size int64) (*doc.Text, error) {
	return nil, errors.New("not implemented")
}
