package ingest

import (
	"context"
	"fmt"
	"os"
	"testing"
	"strings"
	"time"

	"github.com/ledongthuc/pdf"
)

func TestDevDump(t *testing.T) {
	path := os.Getenv("PDF_DUMP")
	if path == "" {
		t.Skip()
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	st, _ := f.Stat()
	t0 := time.Now()
	d, err := pdfExtractor{}.Extract(context.Background(), f, st.Size())
	el := time.Since(t0)
	if err != nil {
		t.Fatal(err)
	}
	out, _ := os.Create("/tmp/dump.txt")
	for _, b := range d.Blocks {
		fmt.Fprintf(out, "[p%d #%d] %s\n", b.Page, b.Para, b.Text)
	}
	out.Close()
	t.Logf("title=%q created=%v pages=%d blocks=%d warnings=%v in %v", d.Title, d.Created, d.Pages, len(d.Blocks), d.Warnings, el)
}

func TestDevFrags(t *testing.T) {
	path := os.Getenv("PDF_FRAGS")
	if path == "" {
		t.Skip()
	}
	var pg int
	fmt.Sscan(os.Getenv("PDF_PAGE"), &pg)
	f, _ := os.Open(path)
	st, _ := f.Stat()
	rd, err := openPDF(f, st.Size())
	if err != nil {
		t.Fatal(err)
	}
	d := &pdfDoc{fonts: make(map[string]*pdfFont)}
	refs, _ := walkPages(rd, d.warn)
	p := d.page(&refs[pg-1], pg)
	_ = p
	for _, fr := range d.fb.frags {
		fmt.Printf("rot=%d y=%.2f x0=%.2f x1=%.2f size=%.2f %q\n", fr.rot, fr.y, fr.x0, fr.x1, fr.size, fr.text)
	}
}

func TestDevRecallTxt(t *testing.T) {
	txt, truth := os.Getenv("TXT"), os.Getenv("TRUTH")
	if txt == "" {
		t.Skip()
	}
	a, _ := os.ReadFile(txt)
	b, _ := os.ReadFile(truth)
	r, missed := wordRecall(string(b), string(a))
	t.Logf("recall %.4f missed %v", r, sample(missed, 40))
}

func TestDevMissed(t *testing.T) {
	path, truth := os.Getenv("PDF_DUMP"), os.Getenv("TRUTH")
	if truth == "" {
		t.Skip()
	}
	d := extractFile(t, path)
	b, _ := os.ReadFile(truth)
	r, missed := wordRecall(string(b), allText(d))
	t.Logf("recall %.4f missed %v", r, sample(missed, 80))
	// extra words
	_, extra := wordRecall(allText(d), string(b))
	t.Logf("extra %v", sample(extra, 80))
}

func TestDevWild(t *testing.T) {
	path := os.Getenv("PDF_WILD")
	if path == "" {
		t.Skip()
	}
	f, _ := os.Open(path)
	st, _ := f.Stat()
	t0 := time.Now()
	d, err := pdfExtractor{}.Extract(context.Background(), f, st.Size())
	el := time.Since(t0)
	if err != nil {
		fmt.Printf("RESULT err %v %q\n", el.Round(time.Millisecond), err.Error())
		return
	}
	n := 0
	for _, b := range d.Blocks {
		n += len(b.Text)
	}
	w := ""
	if len(d.Warnings) > 0 {
		w = d.Warnings[0]
	}
	fmt.Printf("RESULT ok %v pages=%d blocks=%d chars=%d warns=%d %q\n", el.Round(time.Millisecond), d.Pages, len(d.Blocks), n, len(d.Warnings), w)
}

func TestDevOps(t *testing.T) {
	path := os.Getenv("PDF_OPS")
	if path == "" {
		t.Skip()
	}
	f, _ := os.Open(path)
	st, _ := f.Stat()
	rd, err := openPDF(f, st.Size())
	if err != nil {
		t.Fatal(err)
	}
	d := &pdfDoc{fonts: make(map[string]*pdfFont)}
	refs, _ := walkPages(rd, d.warn)
	c := refs[0].v.Key("Contents")
	fmt.Println(c.Kind(), c.Len(), lexerWouldHang(c))
	n := 0
	pdf.Interpret(c, func(stk *pdf.Stack, op string) {
		if n < 30 {
			fmt.Println(op, stk.Len())
		}
		n++
		for stk.Len() > 0 {
			stk.Pop()
		}
	})
	fmt.Println(n, d.warnings)
}

func TestDevDy(t *testing.T) {
	path := os.Getenv("PDF_DY")
	if path == "" {
		t.Skip()
	}
	f, _ := os.Open(path)
	st, _ := f.Stat()
	rd, _ := openPDF(f, st.Size())
	d := &pdfDoc{fonts: make(map[string]*pdfFont)}
	refs, _ := walkPages(rd, d.warn)
	hist := map[string]int{}
	for i := range refs {
		p := d.page(&refs[i], i+1)
		ls := orderRows(p.rows)
		for j := 1; j < len(ls); j++ {
			if ls[j].brk || ls[j].size != 11 || ls[j-1].size != 11 {
				continue
			}
			hist[fmt.Sprintf("%.1f", ls[j-1].y-ls[j].y)]++
		}
	}
	for k, v := range hist {
		if v > 2 {
			fmt.Println("DY", k, v)
		}
	}
}

func TestDevParas(t *testing.T) {
	path, truth := os.Getenv("PDF_DUMP"), os.Getenv("TRUTH")
	if truth == "" {
		t.Skip()
	}
	d := extractFile(t, path)
	b, _ := os.ReadFile(truth)
	have := map[string]int{}
	for _, bl := range d.Blocks {
		have[bl.Text]++
	}
	n, found := 0, 0
	var miss []string
	for _, l := range strings.Split(string(b), "\n") {
		l = NormaliseLine(l)
		if l == "" {
			continue
		}
		n++
		if have[l] > 0 {
			have[l]--
			found++
		} else if len(miss) < 8 {
			miss = append(miss, l)
		}
	}
	t.Logf("paragraphs exact %d/%d = %.3f (blocks %d)", found, n, float64(found)/float64(n), len(d.Blocks))
	for _, m := range miss {
		t.Logf("MISS %.150s", m)
	}
}
