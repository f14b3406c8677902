package main

import (
	"fmt"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"github.com/spf13/viper"
	"go.yaml.in/yaml/v3"

	"github.com/anchorscore/anchorscore/pipeline/cache"
	"github.com/anchorscore/anchorscore/pipeline/discover"
	"github.com/anchorscore/anchorscore/pipeline/shard"
)

const envPrefix = "ANCHORSCORE"

// settings resolves a command's flags through viper: a flag given on the
// command line wins, then an ANCHORSCORE_* environment variable, then the
// config file (--config), then the default. Every value is checked here,
// and a bad one names where it came from: the flag, the variable, or the
// config file's line, column and key.
type settings struct {
	v       *viper.Viper
	cmd     *cobra.Command
	file    string
	filePos map[string]yaml.Node
}

func loadSettings(cmd *cobra.Command) (*settings, error) {
	v := viper.New()
	v.SetEnvPrefix(envPrefix)
	v.SetEnvKeyReplacer(strings.NewReplacer("-", "_"))
	v.AutomaticEnv()
	if err := v.BindPFlags(cmd.Flags()); err != nil {
		return nil, err
	}
	s := &settings{v: v, cmd: cmd, filePos: map[string]yaml.Node{}}
	s.file = v.GetString("config")
	if s.file == "" {
		return s, nil
	}
	data, err := os.ReadFile(s.file)
	if err != nil {
		return nil, usagef("config file %s: %v", s.file, unwrapPathErr(err))
	}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, usagef("config file %s: %s", s.file, strings.TrimPrefix(err.Error(), "yaml: "))
	}
	if len(root.Content) == 0 {
		return s, nil
	}
	m := root.Content[0]
	if m.Kind != yaml.MappingNode {
		return nil, usagef("%s:%d:%d: want a mapping of settings", s.file, m.Line, m.Column)
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, val := m.Content[i], m.Content[i+1]
		f := cmd.Flags().Lookup(k.Value)
		if f == nil || k.Value == "config" {
			return nil, usagef("%s:%d:%d: %s: unknown setting for %s (known: %s)", s.file, k.Line, k.Column, k.Value, cmd.Name(), strings.Join(settingNames(cmd), ", "))
		}
		if val.Kind != yaml.ScalarNode {
			return nil, usagef("%s:%d:%d: %s: want a single value", s.file, val.Line, val.Column, k.Value)
		}
		s.filePos[k.Value] = *val
		v.Set(k.Value, val.Value) // viper's own config reading loses positions; we set values directly
	}
	// Flags and environment variables still win over the file.
	for key := range s.filePos {
		if f := cmd.Flags().Lookup(key); f != nil && f.Changed {
			v.Set(key, f.Value.String())
		} else if env, ok := os.LookupEnv(envName(key)); ok {
			v.Set(key, env)
		}
	}
	return s, nil
}

func settingNames(cmd *cobra.Command) []string {
	var names []string
	cmd.Flags().VisitAll(func(f *pflag.Flag) {
		if f.Name != "config" && f.Name != "help" {
			names = append(names, f.Name)
		}
	})
	return names
}

func envName(key string) string {
	return envPrefix + "_" + strings.ToUpper(strings.ReplaceAll(key, "-", "_"))
}

// where says where a setting's value came from, for error messages.
func (s *settings) where(key string) string {
	if f := s.cmd.Flags().Lookup(key); f != nil && f.Changed {
		return "--" + key
	}
	if _, ok := os.LookupEnv(envName(key)); ok {
		return envName(key)
	}
	if n, ok := s.filePos[key]; ok {
		return fmt.Sprintf("%s:%d:%d: %s", s.file, n.Line, n.Column, key)
	}
	return "--" + key
}

func (s *settings) bad(key, format string, args ...any) error {
	return usagef("%s: %s", s.where(key), fmt.Sprintf(format, args...))
}

func (s *settings) str(key string) string { return strings.TrimSpace(s.v.GetString(key)) }

func (s *settings) oneOf(key string, allowed []string) (string, error) {
	val := s.str(key)
	if !slices.Contains(allowed, val) {
		return "", s.bad(key, "%q is not one of %s", val, strings.Join(allowed, ", "))
	}
	return val, nil
}

func (s *settings) integer(key string, min int) (int, error) {
	raw := s.str(key)
	n, err := strconv.Atoi(raw)
	if err != nil {
		return 0, s.bad(key, "%q is not a whole number", raw)
	}
	if n < min {
		return 0, s.bad(key, "%d is less than %d", n, min)
	}
	return n, nil
}

func (s *settings) boolean(key string) (bool, error) {
	raw := s.str(key)
	b, err := strconv.ParseBool(raw)
	if err != nil {
		return false, s.bad(key, "%q is not true or false", raw)
	}
	return b, nil
}

func (s *settings) duration(key string) (time.Duration, error) {
	raw := s.str(key)
	d, err := time.ParseDuration(raw)
	if err != nil || d < 0 {
		return 0, s.bad(key, "%q is not a duration such as 90s or 2m", raw)
	}
	return d, nil
}

// scoreSettings are the checked settings of `anchorscore score`.
type scoreSettings struct {
	Out, Rubric, Manifest, Period, Progress string
	Workers                                 int
	AllowOutsideManifest                    bool
	MaxFileMB, MaxPages, MaxMemoryMB        int
	Isolate, PDFToText, OCR                 bool
	Cache                                   string // "" when the cache is off
	Shard                                   *shard.Spec
	Timeout                                 time.Duration
}

func addScoreFlags(f *pflag.FlagSet) {
	f.String("out", "scorecards", "folder for the workbooks, CSV files and run.json")
	f.String("rubric", "", "rubric YAML file (default: the built-in HALN rubric)")
	f.String("manifest", "", "CSV naming each document: path,organisation,type,date")
	f.Bool("allow-outside-manifest", false, "let manifest paths leave the manifest's folder")
	f.String("period", discover.PeriodFY, "periods to score: fy (NHS financial year, 2024/25), year, quarter or all")
	f.Int("workers", 0, "documents read at once (0: the number of cores)")
	f.String("progress", "auto", "progress on stderr: auto, plain or none")
	f.Int("max-file-mb", 200, "largest file read, in MiB")
	f.Int("max-pages", 5000, "pages read from one document at most")
	f.Duration("timeout", 2*time.Minute, "longest time spent reading one document")
	f.Int("max-memory-mb", 2048, "memory one reader process may use, in MiB")
	f.Bool("pdftotext", true, "read PDFs the PDF reader cannot open with poppler's pdftotext, when installed")
	f.Bool("ocr", true, "read scanned PDFs with tesseract OCR, when tesseract and pdftoppm are installed")
	f.Bool("isolate", true, "read documents in separate worker processes, so that one bad file cannot stop the run")
	f.String("cache", "", "cache folder for the sentences read from each document (default: the user's cache folder)")
	f.Bool("no-cache", false, "read every document again, without the cache")
	f.String("shard", "", "read only shard K/N of the organisations (each with all its documents) and save it for the report command (N alone or auto: K from the batch engine)")
	f.String("config", "", "settings file (YAML): keys are the flag names")
}

func (s *settings) score() (*scoreSettings, error) {
	var o scoreSettings
	var err error
	o.Out = s.str("out")
	if o.Out == "" {
		return nil, s.bad("out", "the output folder cannot be empty")
	}
	o.Rubric = s.str("rubric")
	o.Manifest = s.str("manifest")
	if o.Period, err = s.oneOf("period", discover.PeriodModes); err != nil {
		return nil, err
	}
	if o.Progress, err = s.oneOf("progress", []string{"auto", "plain", "none"}); err != nil {
		return nil, err
	}
	if o.Workers, err = s.integer("workers", 0); err != nil {
		return nil, err
	}
	if o.Workers == 0 {
		o.Workers = runtime.NumCPU()
	}
	if o.AllowOutsideManifest, err = s.boolean("allow-outside-manifest"); err != nil {
		return nil, err
	}
	if o.MaxFileMB, err = s.integer("max-file-mb", 1); err != nil {
		return nil, err
	}
	if o.Timeout, err = s.duration("timeout"); err != nil {
		return nil, err
	}
	if o.MaxPages, err = s.integer("max-pages", 1); err != nil {
		return nil, err
	}
	if o.MaxMemoryMB, err = s.integer("max-memory-mb", 64); err != nil {
		return nil, err
	}
	if o.Isolate, err = s.boolean("isolate"); err != nil {
		return nil, err
	}
	if o.PDFToText, err = s.boolean("pdftotext"); err != nil {
		return nil, err
	}
	if o.OCR, err = s.boolean("ocr"); err != nil {
		return nil, err
	}
	noCache, err := s.boolean("no-cache")
	if err != nil {
		return nil, err
	}
	if !noCache {
		if o.Cache = s.str("cache"); o.Cache == "" {
			if o.Cache, err = cache.DefaultDir(); err != nil {
				o.Cache = "" // no user cache folder: run without one
			}
		}
	}
	if spec := s.str("shard"); spec != "" {
		sh, err := shard.Parse(spec, os.Getenv)
		if err != nil {
			return nil, s.bad("shard", "%v", err)
		}
		o.Shard = &sh
	}
	if info, err := os.Stat(o.Out); err == nil && !info.IsDir() {
		return nil, s.bad("out", "%s exists and is not a folder", o.Out)
	}
	return &o, nil
}

func unwrapPathErr(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}
