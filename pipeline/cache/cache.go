// Package cache keeps the sentences read from each document, addressed by
// the file's sha256 and the reader's version and settings, so that
// re-scoring a corpus after a rubric change skips reading it again. A
// second layer keeps the evidence one rubric found in one document,
// addressed also by the rubric's sha256 and the build of anchorscore, so
// that a run that changes nothing the matcher sees (a new period setting,
// new documents added to a corpus, a second look at the outputs) skips
// matching too.
//
// Entries are written to a temporary file and renamed into place, so an
// interrupted run leaves either a whole entry or none; a damaged entry
// (a disk error) is treated as missing and rewritten.
package cache

import (
	"bufio"
	"crypto/sha256"
	"encoding/gob"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"github.com/anchorscore/anchorscore/pipeline/doc"
)

// ReaderVersion changes whenever extraction or sentence splitting changes
// what they produce, so that old entries are not used.
const ReaderVersion = "2026-11-28.5"

// Entry is what is kept for one document.
type Entry struct {
	Format    doc.Format
	Reader    string
	Title     string
	Created   int64 // Unix seconds; 0 when unknown
	Pages     int
	Words     int
	Warnings  []string
	Sentences []doc.Sentence
}

// Matched is the evidence one rubric found in one document, with what
// the documents inventory needs from the reading, so that a hit needs no
// sentences.
type Matched struct {
	Entry     // Sentences left empty
	NSentence int
	Evidence  []doc.Evidence
}

// Failure is a document that could not be read, kept so that a re-run
// does not spend the reading again (a scan that OCR gives up on after
// the whole time limit would cost every run that limit). The key holds
// the limits too, so raising --timeout tries again; so does --no-cache.
type Failure struct {
	Status, Error string
	Format        doc.Format
	Pages         int
}

// FailureKey names the failure entry for a document's key under the
// reading limits given (time and memory), which decide some failures.
func FailureKey(key, limits string) string {
	h := sha256.Sum256([]byte(limits))
	return key + "-f" + hex.EncodeToString(h[:8])
}

// GetFailure returns the failure kept for a FailureKey, if there is one.
func (c *Cache) GetFailure(key string) (*Failure, bool) {
	var f Failure
	return &f, c.load(key, &f)
}

// PutFailure keeps a failure; like Put, failing never fails a run.
func (c *Cache) PutFailure(key string, f *Failure) error { return c.store(key, f) }

// Cache is a folder of entries. The zero value (and nil) caches nothing.
type Cache struct {
	Dir string
}

// DefaultDir is the user's cache folder for anchorscore.
func DefaultDir() (string, error) {
	base, err := os.UserCacheDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(base, "anchorscore"), nil
}

// Key names an entry: the document's content and everything that
// changes what reading it produces.
func Key(sha string, settings string) string {
	h := sha256.Sum256([]byte(ReaderVersion + "\x00" + settings))
	return sha + "-" + hex.EncodeToString(h[:8])
}

// MatchKey names the evidence entry for a document's key, the rubric's
// sha256 and this build of anchorscore: a rebuilt matcher may find other
// evidence, so each build keeps its own entries.
func MatchKey(key, rubricSHA string) string {
	h := sha256.Sum256([]byte(build() + "\x00" + rubricSHA))
	return key + "-m" + hex.EncodeToString(h[:8])
}

// build identifies the running binary: the commit it was built from when
// the tree was clean, else a hash of the executable itself (development
// builds, go run and tests), so that an edited matcher never meets
// evidence found by the old one.
var build = sync.OnceValue(func() string {
	if bi, ok := debug.ReadBuildInfo(); ok {
		var rev, modified string
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.modified":
				modified = s.Value
			}
		}
		if rev != "" && modified == "false" {
			return bi.Main.Path + "@" + rev
		}
	}
	exe, err := os.Executable()
	if err == nil {
		var f *os.File
		if f, err = os.Open(exe); err == nil {
			defer f.Close()
			h := sha256.New()
			if _, err = io.Copy(h, f); err == nil {
				return hex.EncodeToString(h.Sum(nil))
			}
		}
	}
	// Unknown build: a key no later run shares, so nothing stale is used.
	return fmt.Sprintf("unknown-%d-%d", os.Getpid(), time.Now().UnixNano())
})

func (c *Cache) path(key string) string {
	return filepath.Join(c.Dir, "v1", key[:2], key+".gob")
}

// Get returns the entry for key, if there is a whole one.
func (c *Cache) Get(key string) (*Entry, bool) {
	var e Entry
	return &e, c.load(key, &e)
}

// Put stores an entry. Failing to cache never fails a run: the error is
// returned for the caller to report once, if it wants.
func (c *Cache) Put(key string, e *Entry) error { return c.store(key, e) }

// GetMatched returns the evidence entry for a MatchKey, if there is one.
func (c *Cache) GetMatched(key string) (*Matched, bool) {
	var m Matched
	return &m, c.load(key, &m)
}

// PutMatched stores an evidence entry; like Put, failing never fails a run.
func (c *Cache) PutMatched(key string, m *Matched) error { return c.store(key, m) }

// taggerKey names the entry of the part-of-speech tagger's remembered
// answers: they depend on prose's model, so on the build.
func taggerKey() string {
	h := sha256.Sum256([]byte(build()))
	return "tagger-" + hex.EncodeToString(h[:8])
}

// TaggerAnswers returns the tagger's answers kept by earlier runs.
func (c *Cache) TaggerAnswers() map[string]bool {
	var m map[string]bool
	c.load(taggerKey(), &m)
	return m
}

// PutTaggerAnswers keeps the tagger's answers for later runs. Runs that
// finish together each write the whole set, and the last one stays.
func (c *Cache) PutTaggerAnswers(m map[string]bool) error { return c.store(taggerKey(), m) }

func (c *Cache) load(key string, v any) bool {
	if c == nil || c.Dir == "" || len(key) < 2 {
		return false
	}
	f, err := os.Open(c.path(key))
	if err != nil {
		return false
	}
	defer f.Close()
	return gob.NewDecoder(bufio.NewReader(f)).Decode(v) == nil
}

func (c *Cache) store(key string, v any) error {
	if c == nil || c.Dir == "" || len(key) < 2 {
		return nil
	}
	dir := filepath.Dir(c.path(key))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, ".tmp-*")
	if err != nil {
		return err
	}
	w := bufio.NewWriter(tmp)
	err = gob.NewEncoder(w).Encode(v)
	if err == nil {
		err = w.Flush()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), c.path(key))
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
	return err
}

// Clear removes every entry and returns the bytes and files freed.
func (c *Cache) Clear() (bytes int64, files int, err error) {
	if c == nil || c.Dir == "" {
		return 0, 0, errors.New("no cache folder")
	}
	root := filepath.Join(c.Dir, "v1")
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			return err
		}
		if d.Type().IsRegular() && (strings.HasSuffix(path, ".gob") || strings.Contains(d.Name(), ".tmp-")) {
			if info, err := d.Info(); err == nil {
				bytes += info.Size()
			}
			files++
		}
		return nil
	})
	if err != nil {
		return 0, 0, fmt.Errorf("cache %s: %w", root, err)
	}
	if err := os.RemoveAll(root); err != nil {
		return 0, 0, err
	}
	return bytes, files, nil
}
