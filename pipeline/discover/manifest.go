package discover

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

var manifestHeader = []string{"path", "organisation", "type", "date"}

// Manifest reads a manifest CSV (header path,organisation,type,date).
// Paths are relative to the manifest's folder and may not leave it unless
// allowOutside is set. Any mistake is a UsageError naming the file, line
// and column.
func Manifest(file string, allowOutside bool) ([]Input, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, &UsageError{fmt.Sprintf("manifest %s: %v", file, unwrapPathError(err))}
	}
	defer f.Close()
	base, _ := filepath.Abs(filepath.Dir(file))
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	fail := func(line int, col string, format string, args ...any) error {
		where := fmt.Sprintf("%s:%d", file, line)
		if col != "" {
			where += ": column " + col
		}
		return &UsageError{where + ": " + fmt.Sprintf(format, args...)}
	}
	header, err := r.Read()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return nil, fail(1, "", "the manifest is empty; want the header %s", strings.Join(manifestHeader, ","))
		}
		return nil, fail(1, "", "%v", err)
	}
	if len(header) > 0 {
		header[0] = strings.TrimPrefix(header[0], "\uFEFF")
	}
	for i := range header {
		header[i] = strings.TrimSpace(strings.ToLower(header[i]))
	}
	if !slices.Equal(header, manifestHeader) {
		return nil, fail(1, "", "header is %q; want %s", strings.Join(header, ","), strings.Join(manifestHeader, ","))
	}
	var out []Input
	seen := map[string]int{}
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		line, _ := r.FieldPos(0)
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, fail(pe.Line, "", "%v", pe.Err)
			}
			return nil, fail(line, "", "%v", err)
		}
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue
		}
		if len(rec) != len(manifestHeader) {
			return nil, fail(line, "", "has %d fields; want %d (%s)", len(rec), len(manifestHeader), strings.Join(manifestHeader, ","))
		}
		path, org, typ, day := strings.TrimSpace(rec[0]), strings.TrimSpace(rec[1]), strings.TrimSpace(rec[2]), strings.TrimSpace(rec[3])
		if path == "" {
			return nil, fail(line, "path", "empty path")
		}
		if org == "" {
			return nil, fail(line, "organisation", "empty organisation")
		}
		if typ == "" {
			typ = TypeFromName(filepath.Base(path))
		} else if !slices.Contains(Types, typ) {
			return nil, fail(line, "type", "unknown type %q; want one of %s", typ, strings.Join(Types, ", "))
		}
		full := path
		if !filepath.IsAbs(full) {
			full = filepath.Join(base, filepath.FromSlash(path))
		}
		if !allowOutside && !inside(base, full) {
			return nil, fail(line, "path", "%q is outside the manifest's folder (allow it with --allow-outside-manifest)", path)
		}
		if prev, dup := seen[full]; dup {
			return nil, fail(line, "path", "%q is listed already on line %d", path, prev)
		}
		seen[full] = line
		in := newInput(full, filepath.ToSlash(path), org)
		in.Skip = "" // a manifest names documents on purpose; content decides
		in.Type = typ
		if day != "" {
			t, err := time.Parse("2006-01-02", day)
			if err != nil {
				if fy, ok := FinancialYear(day); ok {
					t, err = fy, nil
				}
			}
			if err != nil {
				return nil, fail(line, "date", "%q is not a date; want YYYY-MM-DD", day)
			}
			in.Date, in.DateFrom = t, "manifest"
		}
		out = append(out, in)
	}
	sortInputs(out)
	return out, nil
}

// inside reports whether path lies within dir, following symbolic links
// as far as they exist, so a link cannot lead a manifest out of its folder.
func inside(dir, path string) bool {
	resolve := func(p string) string {
		if r, err := filepath.EvalSymlinks(p); err == nil {
			return r
		}
		// A file that does not exist yet: resolve its folder.
		if r, err := filepath.EvalSymlinks(filepath.Dir(p)); err == nil {
			return filepath.Join(r, filepath.Base(p))
		}
		return p
	}
	rel, err := filepath.Rel(resolve(dir), resolve(path))
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}
