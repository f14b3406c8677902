package ingest

import (
	"context"
	"errors"
	"io"

	"github.com/anchorscore/anchorscore/pipeline/doc"
)

// docxExtractor is a stub, to be replaced.
type docxExtractor struct{}

func (docxExtractor) Format() doc.Format { return doc.FormatDOCX }

func (docxExtractor) Sniff(head []byte, ext string) bool { return ext == ".docx" }

func (docxExtractor) Extract(ctx context.Context, r io.ReaderAt, size int64) (*doc.Text, error) {
	return nil, errors.New("not implemented")
}
