package pipeline

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/anchorscore/anchorscore/pipeline/cache"
	"github.com/anchorscore/anchorscore/pipeline/discover"
	"github.com/anchorscore/anchorscore/pipeline/doc"
	"github.com/anchorscore/anchorscore/pipeline/ingest"
	"github.com/anchorscore/anchorscore/pipeline/score"
	"github.com/anchorscore/anchorscore/pipeline/segment"
	"github.com/anchorscore/anchorscore/rubric"
)

// Document statuses, as written in documents.csv.
const (
	StatusOK        = "ok"
	StatusPartial   = "partial"
	StatusFailed    = "failed"
	StatusSkipped   = "skipped"
	StatusDuplicate = "duplicate"
	StatusNeedsOCR  = "needs-ocr" // a scan with no text layer, and no OCR tools installed
)

// Options are the settings of one scoring run.
type Options struct {
	Inputs  []discover.Input
	Rubric  *rubric.Compiled
	Period  string
	Workers int
	Limits  ingest.Limits
	// Read reads one document; ingest.Read (in this process) when nil.
	// The command passes an isolate.Pool's Read, so that a reader that
	// crashes takes down a worker process, not the run.
	Read func(ctx context.Context, path string, lim ingest.Limits) (*doc.Text, error)
	// Progress is told as each document finishes; it may be nil.
	Progress Progress
	// Cache keeps the sentences read from each document; nil for none.
	// CacheError hears once per failed write, if set.
	Cache      *cache.Cache
	CacheError func(error)
	// MemoryMiB is the memory a reader may use when Read runs it in a
	// worker process (0 when it runs here): with Limits, it decides
	// whether reading fails, so a kept failure is keyed by it.
	MemoryMiB int
}

// Progress hears about documents as they are read.
type Progress interface {
	Start(total int)
	Done(d *Document)
	Finish()
}

// Document is one input and what became of it.
type Document struct {
	discover.Input
	Period    string
	Format    doc.Format
	Reader    string // "pdftotext" or "ocr" when the format's own reader could not read it
	Title     string
	Pages     int
	Words     int
	Sentences int
	SHA256    string
	Status    string
	Error     string
	Evidence  []doc.Evidence
	// KeptFailure is set when the failure was kept by an earlier run's
	// cache rather than met again in this one.
	KeptFailure bool
	// names are the pieces of work its evidence tells of by their own
	// names (rubric.IntroducedNames): a name one paper tells of as
	// evidence is read for what it means in every paper of the
	// organisation that uses it.
	names []string
}

// Failed reports whether the document counts as not read, for the exit
// status: failed outright. Skipped files (not documents) and duplicates do
// not count.
func (d *Document) Failed() bool { return d.Status == StatusFailed || d.Status == StatusNeedsOCR }

// Result is everything a run found, in stable order.
type Result struct {
	Documents []*Document
	Docs      []score.Doc  // the documents that were read, for scoring
	Items     []score.Item // all evidence, by organisation, document, sentence
	Scores    []score.Theme
	Timings   Timings
}

// Timings of the stages, in seconds.
type Timings struct {
	Read, Score, Total float64
}

// Run reads every input, matches and scores. It returns an error only when
// the run cannot go on (cancelled); a document that cannot be read is
// recorded in its Document and the run goes on.
func Run(ctx context.Context, o Options) (*Result, error) {
	start := time.Now()
	docs, err := Read(ctx, o)
	if err != nil {
		return nil, err
	}
	readDone := time.Now()
	res := Assemble(o.Rubric, docs)
	res.Timings = Timings{Read: readDone.Sub(start).Seconds(), Score: time.Since(readDone).Seconds(), Total: time.Since(start).Seconds()}
	return res, nil
}

// Read reads, splits and matches every input, in parallel, and returns
// one Document per input in input order. A document under two names is
// read once: the later name is marked a duplicate.
func Read(ctx context.Context, o Options) ([]*Document, error) {
	docs := make([]*Document, len(o.Inputs))
	for i, in := range o.Inputs {
		docs[i] = &Document{Input: in}
	}
	workers := max(o.Workers, 1)

	// Hash first, so that a document under two names is read once, and
	// so that the cache can be asked before reading.
	sizes := make(map[*Document]int64, len(docs))
	var sizesMu sync.Mutex
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(workers)
	for _, d := range docs {
		if d.Skip != "" {
			continue
		}
		g.Go(func() error {
			if gctx.Err() != nil {
				return gctx.Err()
			}
			sum, size, err := hashFile(d.Path, o.Limits.MaxBytes)
			if err != nil {
				d.Status, d.Error = StatusFailed, err.Error()
				return nil
			}
			sizesMu.Lock()
			d.SHA256, sizes[d] = sum, size
			sizesMu.Unlock()
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	markDuplicates(docs)

	if o.Cache != nil {
		rubric.RememberTaggerAnswers(o.Cache.TaggerAnswers())
	}
	if o.Progress != nil {
		o.Progress.Start(len(docs))
	}
	// The largest files start first, so that a long board pack does not
	// begin last and leave the other workers idle at the end. Results keep
	// input order whatever order they are read in.
	order := slices.Clone(docs)
	slices.SortStableFunc(order, func(a, b *Document) int { return cmp.Compare(sizes[b], sizes[a]) })
	g, gctx = errgroup.WithContext(ctx)
	g.SetLimit(workers)
	for _, d := range order {
		if d.Status != "" {
			if o.Progress != nil {
				o.Progress.Done(d)
			}
			continue
		}
		g.Go(func() error {
			if gctx.Err() != nil {
				return gctx.Err()
			}
			readOne(gctx, d, o)
			if gctx.Err() != nil {
				return gctx.Err()
			}
			if o.Progress != nil {
				o.Progress.Done(d)
			}
			return nil
		})
	}
	err := g.Wait()
	if o.Progress != nil {
		o.Progress.Finish()
	}
	if err != nil {
		return nil, err
	}
	if err := readNamed(ctx, docs, o, workers); err != nil {
		return nil, err
	}
	if answers, added := rubric.TaggerAnswers(); o.Cache != nil && added > 0 {
		o.cachePut(o.Cache.PutTaggerAnswers(answers))
	}
	return docs, nil
}

// markDuplicates gives skipped files their status and marks every
// document whose content came earlier in input order as a duplicate of
// the first, dropping anything read from it.
func markDuplicates(docs []*Document) {
	first := map[string]*Document{}
	for _, d := range docs {
		switch {
		case d.Skip != "":
			d.Status, d.Error = StatusSkipped, d.Skip
		case d.SHA256 == "":
		case first[d.SHA256] != nil:
			*d = Document{Input: d.Input, SHA256: d.SHA256, Status: StatusDuplicate, Error: "same content as " + first[d.SHA256].Display}
		default:
			first[d.SHA256] = d
		}
	}
}

// Assemble scores documents that have been read. Documents come in input
// order (organisation, then path), which makes every output stable.
func Assemble(r *rubric.Compiled, docs []*Document) *Result {
	res := &Result{Documents: docs}
	for _, d := range docs {
		if d.Status != StatusOK && d.Status != StatusPartial {
			continue
		}
		idx := len(res.Docs)
		res.Docs = append(res.Docs, score.Doc{Path: d.Display, Organisation: d.Organisation, Period: d.Period, Date: d.Date})
		for _, ev := range d.Evidence {
			res.Items = append(res.Items, score.Item{Evidence: ev, Doc: idx})
		}
	}
	res.Scores = score.Score(r, res.Docs, res.Items)
	return res
}

// Merge combines documents read by separate shards of one run into what a
// single run gives: input order, and duplicates across shards marked as a
// single run marks them.
func Merge(parts ...[]*Document) []*Document {
	var docs []*Document
	for _, p := range parts {
		docs = append(docs, p...)
	}
	sort.SliceStable(docs, func(i, j int) bool {
		if docs[i].Organisation != docs[j].Organisation {
			return docs[i].Organisation < docs[j].Organisation
		}
		return docs[i].Display < docs[j].Display
	})
	for _, d := range docs {
		if d.Status == StatusDuplicate || d.Status == StatusSkipped {
			d.Status, d.Error = "", ""
		}
	}
	markDuplicates(docs)
	return docs
}

// readOne reads, segments and matches one document, recording any failure
// in it. Evidence comes from the cache when this build has matched this
// document with this rubric before; sentences come from it when the
// document has been read before.
func readOne(ctx context.Context, d *Document, o Options) {
	key := cache.Key(d.SHA256, o.cacheSettings())
	self := SelfNames(d.Organisation)
	mkey := cache.MatchKey(key, o.Rubric.SHA256+"\x00"+strings.Join(self, "|"))
	if m, ok := o.Cache.GetMatched(mkey); ok {
		d.fill(&m.Entry, m.NSentence, o.Period)
		d.Evidence = OwnEvidence(o.Rubric, d.Organisation, m.Evidence)
		d.names = evidenceNames(d.Evidence)
		return
	}
	entry, cached := o.Cache.Get(key)
	if !cached {
		fkey := cache.FailureKey(key, o.limitSettings())
		if f, failed := o.Cache.GetFailure(fkey); failed {
			d.Status, d.Error, d.Format, d.Pages, d.KeptFailure = f.Status, f.Error, f.Format, f.Pages, true
			d.Period = discover.Period(d.Date, o.Period)
			return
		}
		var ok bool
		if entry, ok = extract(ctx, d, o); !ok {
			d.Period = discover.Period(d.Date, o.Period)
			// A run stopped by the user is not the document's failure.
			if ctx.Err() == nil {
				o.cachePut(o.Cache.PutFailure(fkey, &cache.Failure{Status: d.Status, Error: d.Error, Format: d.Format, Pages: d.Pages}))
			}
			return
		}
		o.cachePut(o.Cache.Put(key, entry))
	}
	d.fill(entry, len(entry.Sentences), o.Period)
	found := o.Rubric.Match(entry.Sentences, false, self...).Evidence
	d.Evidence = OwnEvidence(o.Rubric, d.Organisation, found)
	d.names = evidenceNames(d.Evidence)
	m := &cache.Matched{Entry: *entry, NSentence: len(entry.Sentences), Evidence: found}
	m.Sentences = nil
	o.cachePut(o.Cache.PutMatched(mkey, m))
}

// readNamed matches again, reading the organisation's named pieces of
// work, each of its documents that uses one of the names: "Kindred Work
// closed at the end of March" in a later paper is anchor work, though it
// says nothing of anchors. The names are those of the organisation's
// evidence before this pass, so the result does not depend on the order
// documents are read in.
func readNamed(ctx context.Context, docs []*Document, o Options, workers int) error {
	if !o.Rubric.ReadsNames() {
		return nil
	}
	known := map[string][]string{}
	for _, d := range docs {
		for _, n := range d.names {
			if !slices.Contains(known[d.Organisation], n) {
				known[d.Organisation] = append(known[d.Organisation], n)
			}
		}
	}
	for _, names := range known {
		slices.Sort(names)
	}
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(workers)
	for _, d := range docs {
		names := known[d.Organisation]
		if len(names) == 0 || d.Status != StatusOK && d.Status != StatusPartial {
			continue
		}
		g.Go(func() error {
			if gctx.Err() != nil {
				return gctx.Err()
			}
			matchNamed(gctx, d, o, names)
			return nil
		})
	}
	return g.Wait()
}

// matchNamed matches d again reading the named pieces of work, when it
// uses any of them.
func matchNamed(ctx context.Context, d *Document, o Options, names []string) {
	key := cache.Key(d.SHA256, o.cacheSettings())
	self := SelfNames(d.Organisation)
	mkey := cache.MatchKey(key, o.Rubric.SHA256+"\x00"+strings.Join(self, "|")+"\x00named\x00"+strings.Join(names, "|"))
	if m, ok := o.Cache.GetMatched(mkey); ok {
		if m.NSentence > 0 {
			d.Evidence = OwnEvidence(o.Rubric, d.Organisation, m.Evidence)
		}
		return
	}
	entry, ok := o.Cache.Get(key)
	if !ok {
		// not kept (--no-cache, or the cache could not be written): read
		// it again, as the first pass did
		if entry, ok = extract(ctx, d, o); !ok {
			return
		}
	}
	// A document that uses none of the names keeps its evidence; the
	// entry says so with no sentences counted.
	uses := slices.ContainsFunc(entry.Sentences, func(s doc.Sentence) bool { return rubric.UsesName(s.Text, names) })
	m := &cache.Matched{Entry: *entry}
	if uses {
		m.Evidence = o.Rubric.MatchNamed(entry.Sentences, false, names, self...).Evidence
		m.NSentence = len(entry.Sentences)
		d.Evidence = OwnEvidence(o.Rubric, d.Organisation, m.Evidence)
	}
	m.Sentences = nil
	o.cachePut(o.Cache.PutMatched(mkey, m))
}

// evidenceNames are the names of pieces of work the evidence tells of.
func evidenceNames(evidence []doc.Evidence) []string {
	var names []string
	for _, ev := range evidence {
		for _, n := range rubric.IntroducedNames(ev.Text) {
			if !slices.Contains(names, n) {
				names = append(names, n)
			}
		}
	}
	return names
}

// fill records what reading gave (or the cache kept) in d.
func (d *Document) fill(e *cache.Entry, sentences int, period string) {
	d.Format, d.Reader, d.Title, d.Pages, d.Words, d.Sentences = e.Format, e.Reader, e.Title, e.Pages, e.Words, sentences
	if d.Date.IsZero() && e.Created != 0 {
		d.Date, d.DateFrom = time.Unix(e.Created, 0).UTC(), "metadata"
	}
	if d.Type == "other" && e.Title != "" {
		d.Type = discover.TypeFromName(e.Title)
	}
	d.Period = discover.Period(d.Date, period)
	d.Status = StatusOK
	if len(e.Warnings) > 0 {
		d.Status, d.Error = StatusPartial, strings.Join(e.Warnings, "; ")
	}
}

// cachePut passes a failed cache write to CacheError, if set.
func (o Options) cachePut(err error) {
	if err != nil && o.CacheError != nil {
		o.CacheError(err)
	}
}

// extract reads and splits a document; on failure it records why in d.
func extract(ctx context.Context, d *Document, o Options) (*cache.Entry, bool) {
	read := o.Read
	if read == nil {
		read = ingest.Read
	}
	text, err := read(ctx, d.Path, o.Limits)
	if err != nil {
		d.Status, d.Error = StatusFailed, describe(err)
		switch {
		case errors.Is(err, ingest.ErrNeedsOCR):
			d.Status, d.Format = StatusNeedsOCR, doc.FormatPDF
		case errors.Is(err, ingest.ErrEncrypted):
			d.Format = formatFromName(d.Path)
		}
		return nil, false
	}
	e := &cache.Entry{Format: text.Format, Reader: text.Reader, Title: text.Title, Pages: text.Pages, Warnings: text.Warnings}
	if !text.Created.IsZero() {
		e.Created = text.Created.Unix()
	}
	for _, b := range text.Blocks {
		e.Words += len(strings.Fields(b.Text))
	}
	d.Format, d.Pages = text.Format, text.Pages
	if e.Words == 0 {
		d.Status, d.Error = StatusFailed, "no text found"
		return nil, false
	}
	if e.Sentences, err = segment.Sentences(text); err != nil {
		d.Status, d.Error = StatusFailed, "sentence splitting: "+err.Error()
		return nil, false
	}
	return e, true
}

// formatFromName guesses a format from a file's extension, for a file
// refused before its content could be read (an encrypted one).
func formatFromName(path string) doc.Format {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".pdf":
		return doc.FormatPDF
	case ".docx", ".doc":
		return doc.FormatDOCX
	}
	return doc.FormatUnknown
}

// cacheSettings are the settings that change what reading a document
// gives, and so belong in its cache key.
func (o Options) cacheSettings() string {
	return fmt.Sprintf("pages=%d pdftotext=%v ocr=%v", o.Limits.MaxPages, o.Limits.PDFToText, o.Limits.OCR)
}

// limitSettings are the limits that decide whether reading a document
// fails (it runs out of time or memory), and so belong in the key of a
// kept failure.
func (o Options) limitSettings() string {
	return fmt.Sprintf("timeout=%s memory=%d bytes=%d", o.Limits.Timeout, o.MemoryMiB, o.Limits.MaxBytes)
}

// describe turns an extraction error into one line for the inventory.
func describe(err error) string {
	msg := err.Error()
	msg = strings.ReplaceAll(msg, "\n", " ")
	if len(msg) > 300 {
		msg = msg[:300] + "..."
	}
	return msg
}

// hashFile hashes a regular file. Anything else (a pipe, a device, a
// folder) is refused before it is opened, since reading a pipe or
// /dev/zero would never end; so is a file over the size limit.
func hashFile(path string, maxBytes int64) (sum string, size int64, err error) {
	info, err := os.Stat(path)
	if err != nil {
		return "", 0, fmt.Errorf("cannot open: %w", unwrap(err))
	}
	switch {
	case info.IsDir():
		return "", 0, errors.New("is a folder")
	case !info.Mode().IsRegular():
		kind := "a special file"
		switch m := info.Mode(); {
		case m&os.ModeNamedPipe != 0:
			kind = "a named pipe"
		case m&os.ModeDevice != 0:
			kind = "a device"
		case m&os.ModeSocket != 0:
			kind = "a socket"
		}
		return "", 0, fmt.Errorf("not a regular file: %s", kind)
	case info.Size() == 0:
		return "", 0, errors.New("empty file")
	case maxBytes > 0 && info.Size() > maxBytes:
		return "", 0, fmt.Errorf("file is %d MiB, over the limit of %d MiB (--max-file-mb)", info.Size()>>20, maxBytes>>20)
	}
	f, err := os.Open(path)
	if err != nil {
		return "", 0, fmt.Errorf("cannot open: %w", unwrap(err))
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", 0, fmt.Errorf("cannot read: %w", unwrap(err))
	}
	return hex.EncodeToString(h.Sum(nil)), info.Size(), nil
}

func unwrap(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
