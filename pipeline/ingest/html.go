package ingest

import (
	"context"
	"errors"
	"io"

	"github.com/anchorscore/anchorscore/pipeline/doc"
)

// htmlExtractor is a stub, to be replaced.
type htmlExtractor struct{}

func (htmlExtractor) Format() doc.Format { return doc.FormatHTML }

func (htmlExtractor) Sniff(head []byte, ext string) bool { return ext == ".html" }

func (htmlExtractor) Extract(ctx context.Context, r io.ReaderAt, size int64) (*doc.Text, error) {
	return nil, errors.New("not implemented")
}
