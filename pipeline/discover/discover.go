// Package discover turns the command line's PATHs, or a manifest, into the
// list of documents to read: which organisation each belongs to, its type
// and its date.
package discover

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// Input is one file to read.
type Input struct {
	Path         string    // as the file system knows it
	Display      string    // as written in outputs: relative to the PATH or manifest given
	Organisation string    // the organisation it belongs to
	Type         string    // board-paper, strategy, annual-report, ...
	Date         time.Time // zero when not known yet
	DateFrom     string    // "manifest", "name" or "" (the document's metadata may fill it later)
	Skip         string    // why the file is listed but not read ("" to read it)
}

// Types are the document types a manifest may name.
var Types = []string{"board-paper", "strategy", "annual-report", "committee-paper", "partnership-paper", "bulletin", "other"}

// UsageError is a mistake in what the user asked for: a missing PATH, a
// bad manifest. It stops the run before anything is written.
type UsageError struct{ Msg string }

func (e *UsageError) Error() string { return e.Msg }

// documentExts are the extensions read when walking folders. Files with
// other extensions are still listed (status skipped), so the inventory
// accounts for every file; content decides the format of those read.
var documentExts = map[string]bool{".pdf": true, ".docx": true, ".html": true, ".htm": true, ".txt": true, ".md": true, ".markdown": true, ".text": true, "": true}

// Paths walks the PATHs. A folder's first-level subfolders are
// organisations (everything below them belongs to them); files directly
// inside the folder belong to an organisation named after the folder. A
// single file belongs to an organisation named after its folder.
func Paths(paths []string) ([]Input, error) {
	if len(paths) == 0 {
		return nil, &UsageError{"no PATH given: name folders or files to score"}
	}
	var out []Input
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			return nil, &UsageError{fmt.Sprintf("%s: %v", p, unwrapPathError(err))}
		}
		if !info.IsDir() {
			abs, _ := filepath.Abs(p)
			out = append(out, newInput(p, filepath.ToSlash(p), filepath.Base(filepath.Dir(abs))))
			continue
		}
		root := p
		rootAbs, _ := filepath.Abs(root)
		rootOrg := filepath.Base(rootAbs)
		err = walk(root, func(path string, d fs.DirEntry) {
			rel, _ := filepath.Rel(root, path)
			rel = filepath.ToSlash(rel)
			org := rootOrg
			if first, _, nested := strings.Cut(rel, "/"); nested {
				org = first
			}
			out = append(out, newInput(path, rel, org))
		})
		if err != nil {
			return nil, err
		}
	}
	sortInputs(out)
	return out, nil
}

// walk visits every regular file below root in lexical order, following no
// symbolic links to folders (so a link loop cannot trap it) and skipping
// hidden files and folders.
func walk(root string, visit func(path string, d fs.DirEntry)) error {
	return filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			if path == root {
				return &UsageError{fmt.Sprintf("%s: %v", root, unwrapPathError(err))}
			}
			// An unreadable folder is reported as a failed input rather
			// than stopping the walk.
			visit(path, d)
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		name := d.Name()
		if path != root && strings.HasPrefix(name, ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		visit(path, d)
		return nil
	})
}

func newInput(path, display, org string) Input {
	in := Input{Path: path, Display: display, Organisation: org}
	ext := strings.ToLower(filepath.Ext(path))
	if !documentExts[ext] {
		in.Skip = fmt.Sprintf("not a document type (%s)", ext)
	}
	base := filepath.Base(path)
	in.Type = TypeFromName(base)
	if d, ok := DateFromName(base); ok {
		in.Date, in.DateFrom = d, "name"
	}
	return in
}

func sortInputs(in []Input) {
	sort.SliceStable(in, func(i, j int) bool {
		if in[i].Organisation != in[j].Organisation {
			return in[i].Organisation < in[j].Organisation
		}
		return in[i].Display < in[j].Display
	})
}

func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
