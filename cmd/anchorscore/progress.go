package main

import (
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/anchorscore/anchorscore/pipeline"
)

// newProgress picks how progress is shown on stderr: a bar on a terminal,
// a line per document otherwise, or nothing.
func newProgress(mode string, w io.Writer) pipeline.Progress {
	if mode == "none" {
		return nil
	}
	if mode == "auto" {
		if f, ok := w.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
			return &barProgress{w: w}
		}
	}
	return &plainProgress{w: w}
}

// plainProgress writes one line per document: for logs and CI.
type plainProgress struct {
	mu          sync.Mutex
	w           io.Writer
	total, done int
	pages       int
	failed      int
	start       time.Time
}

func (p *plainProgress) Start(total int) {
	p.total, p.start = total, time.Now()
	fmt.Fprintf(p.w, "reading %d documents\n", total)
}

func (p *plainProgress) Done(d *pipeline.Document) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.done++
	p.pages += d.Pages
	if d.Failed() {
		p.failed++
	}
	fmt.Fprintf(p.w, "[%d/%d] %s: %s", p.done, p.total, d.Display, d.Status)
	if d.Pages > 0 {
		fmt.Fprintf(p.w, ", %d pages", d.Pages)
	}
	if d.Error != "" && d.Status != pipeline.StatusOK {
		fmt.Fprintf(p.w, " (%s)", d.Error)
	}
	fmt.Fprintln(p.w)
}

func (p *plainProgress) Finish() {
	secs := time.Since(p.start).Seconds()
	rate := 0.0
	if secs > 0 {
		rate = float64(p.pages) / secs
	}
	fmt.Fprintf(p.w, "read %d documents (%d pages, %.0f pages/s), %d failed, in %.1fs\n", p.done, p.pages, rate, p.failed, secs)
}

// barProgress draws a bar: documents done, pages/s, time left, failures.
type barProgress struct {
	mu            sync.Mutex
	w             io.Writer
	bar           *progressbar.ProgressBar
	pages, failed int
	start         time.Time
}

func (p *barProgress) Start(total int) {
	p.start = time.Now()
	p.bar = progressbar.NewOptions(total,
		progressbar.OptionSetWriter(p.w),
		progressbar.OptionSetDescription("reading"),
		progressbar.OptionShowCount(),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionSetWidth(30),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionClearOnFinish(),
	)
}

func (p *barProgress) Done(d *pipeline.Document) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.pages += d.Pages
	if d.Failed() {
		p.failed++
	}
	rate := float64(p.pages) / max(time.Since(p.start).Seconds(), 0.001)
	p.bar.Describe(fmt.Sprintf("reading: %d pages, %.0f pages/s, %d failed", p.pages, rate, p.failed))
	p.bar.Add(1)
}

func (p *barProgress) Finish() { p.bar.Finish() }
