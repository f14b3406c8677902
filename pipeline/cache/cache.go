// Package cache keeps the sentences read from each document, addressed by
// the file's sha256 and the reader's version and settings, so that
// re-scoring a corpus after a rubric change skips reading it again.
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
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/anchorscore/anchorscore/pipeline/doc"
)

// ReaderVersion changes whenever extraction or sentence splitting changes
// what they produce, so that old entries are not used.
const ReaderVersion = "2026-11-26.2"

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

func (c *Cache) path(key string) string {
	return filepath.Join(c.Dir, "v1", key[:2], key+".gob")
}

// Get returns the entry for key, if there is a whole one.
func (c *Cache) Get(key string) (*Entry, bool) {
	if c == nil || c.Dir == "" || len(key) < 2 {
		return nil, false
	}
	f, err := os.Open(c.path(key))
	if err != nil {
		return nil, false
	}
	defer f.Close()
	var e Entry
	if err := gob.NewDecoder(bufio.NewReader(f)).Decode(&e); err != nil {
		return nil, false
	}
	return &e, true
}

// Put stores an entry. Failing to cache never fails a run: the error is
// returned for the caller to report once, if it wants.
func (c *Cache) Put(key string, e *Entry) error {
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
	err = gob.NewEncoder(w).Encode(e)
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
