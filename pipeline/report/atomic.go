package report

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
)

// writeAtomic writes a file whole or not at all: into a temporary file in
// the same folder, synced, then renamed over the old one. A run stopped
// half way leaves the previous output as it was and no temporary file.
func writeAtomic(dir, name string, write func(w *bufio.Writer) error) (err error) {
	tmp, err := os.CreateTemp(dir, "."+name+".tmp-*")
	if err != nil {
		return fmt.Errorf("writing %s: %w", name, err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	w := bufio.NewWriterSize(tmp, 1<<16)
	if err = write(w); err != nil {
		return fmt.Errorf("writing %s: %w", name, err)
	}
	if err = w.Flush(); err != nil {
		return fmt.Errorf("writing %s: %w", name, err)
	}
	if err = tmp.Sync(); err != nil {
		return fmt.Errorf("writing %s: %w", name, err)
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", name, err)
	}
	if err = os.Chmod(tmp.Name(), 0o644); err != nil {
		return fmt.Errorf("writing %s: %w", name, err)
	}
	if err = os.Rename(tmp.Name(), filepath.Join(dir, name)); err != nil {
		return fmt.Errorf("writing %s: %w", name, err)
	}
	return nil
}

// WriteFileAtomic writes data to path whole or not at all.
func WriteFileAtomic(path string, data []byte) error {
	return writeAtomic(filepath.Dir(path), filepath.Base(path), func(w *bufio.Writer) error {
		_, err := w.Write(data)
		return err
	})
}
