package ingest

import (
	"context"
	"errors"
	"io"

	"github.com/anchorscore/anchorscore/pipeline/doc"
)

// textExtractor is a stub, to be replaced.
type textExtractor struct{}

func (textExtractor) Format() doc.Format { return doc.FormatText }

func (textExtractor) Sniff(head []byte, ext string) bool { return ext == ".text" }

func (textExtractor) Extract(ctx context.Context, r io.ReaderAt, size int64) (*doc.Text, error) {
	return nil, errors.New("not implemented")
}
