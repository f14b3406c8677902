package report

import (
	"context"
	"flag"
	"os"
	"sync"
	"testing"

	"github.com/anchorscore/anchorscore/pipeline"
	"github.com/anchorscore/anchorscore/pipeline/discover"
	"github.com/anchorscore/anchorscore/rubric"
)

// -keep writes the fixture corpus's outputs to a folder as well, to open
// and look at: go test ./pipeline/report -run TestFixtureOutputs -keep /tmp/wb
var keep = flag.String("keep", "", "also write the fixture corpus's outputs to this folder")

const corpus = "../../fixtures/corpus"

var fixture struct {
	once sync.Once
	res  *pipeline.Result
	meta Meta
	err  error
	dir  string
}

// fixtureRun scores the shipped corpus once per test binary.
func fixtureRun(t testing.TB) (*pipeline.Result, Meta) {
	t.Helper()
	fixture.once.Do(func() {
		r, err := rubric.Builtin()
		if err != nil {
			fixture.err = err
			return
		}
		inputs, err := discover.Paths([]string{corpus})
		if err != nil {
			fixture.err = err
			return
		}
		fixture.res, fixture.err = pipeline.Run(context.Background(), pipeline.Options{Inputs: inputs, Rubric: r, Period: discover.PeriodFY, Workers: 4})
		fixture.meta = testMeta(r)
	})
	if fixture.err != nil {
		t.Fatal(fixture.err)
	}
	return fixture.res, fixture.meta
}

func testMeta(r *rubric.Compiled) Meta {
	return Meta{Version: "test", Rubric: r, Settings: map[string]any{"period": "fy", "workers": 4}}
}

// fixtureOutputs writes the corpus's outputs once per test binary and
// returns the folder.
func fixtureOutputs(t *testing.T) string {
	t.Helper()
	res, meta := fixtureRun(t)
	if fixture.dir != "" {
		return fixture.dir
	}
	dir := *keep
	if dir == "" {
		var err error
		if dir, err = os.MkdirTemp("", "anchorscore-report-"); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := Write(dir, res, meta); err != nil {
		t.Fatal(err)
	}
	fixture.dir = dir
	return dir
}

func TestMain(m *testing.M) {
	flag.Parse()
	code := m.Run()
	if fixture.dir != "" && *keep == "" {
		os.RemoveAll(fixture.dir)
	}
	os.Exit(code)
}

func TestFixtureOutputs(t *testing.T) {
	dir := fixtureOutputs(t)
	for _, name := range []string{"comparison.xlsx", "harrowmere-teaching-hospitals.xlsx", "scores.csv"} {
		if _, err := os.Stat(dir + "/" + name); err != nil {
			t.Error(err)
		}
	}
}
