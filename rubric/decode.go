package rubric

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Error is a mistake in a rubric file, placed at file:line:column and
// naming the key, so an analyst can go straight to it.
type Error struct {
	Pos Pos
	Key string // dotted path such as themes[2].indicators[0].gate.scope
	Msg string
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.Pos.File)
	if e.Pos.Line > 0 {
		fmt.Fprintf(&b, ":%d:%d", e.Pos.Line, e.Pos.Column)
	}
	b.WriteString(": ")
	if e.Key != "" {
		b.WriteString(e.Key)
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// Errors is every mistake found in one file, in file order.
type Errors []*Error

func (es Errors) Error() string {
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// decoder walks a yaml.Node tree into Go values by their yaml tags. It
// exists because yaml.v3's KnownFields reports a line but not the column or
// the key path, and stops at the first error; analysts want all of them.
type decoder struct {
	file  string
	errs  Errors
	pos   map[string]Pos
	nodes int // nodes visited, aliases counted again each time
}

// maxNodes bounds the nodes one rubric may expand to. yaml.v3 guards its
// own decoding against alias bombs ("billion laughs"), but this decoder
// walks the node tree itself, so it keeps its own count.
const maxNodes = 1_000_000

func (d *decoder) fail(n *yaml.Node, key, format string, args ...any) {
	d.errs = append(d.errs, &Error{Pos: Pos{File: d.file, Line: n.Line, Column: n.Column}, Key: key, Msg: fmt.Sprintf(format, args...)})
}

var patternType = reflect.TypeOf(Pattern{})

func (d *decoder) decode(n *yaml.Node, v reflect.Value, key string) {
	if n.Kind == yaml.DocumentNode {
		if len(n.Content) == 0 {
			return
		}
		n = n.Content[0]
	}
	if n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	if d.nodes++; d.nodes > maxNodes {
		if d.nodes == maxNodes+1 {
			d.fail(n, key, "the file expands to more than %d values (aliases repeated too often)", maxNodes)
		}
		return
	}
	d.pos[key] = Pos{File: d.file, Line: n.Line, Column: n.Column}
	if n.Tag == "!!null" {
		return
	}
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			v.Set(reflect.New(v.Type().Elem()))
		}
		d.decode(n, v.Elem(), key)
	case reflect.Struct:
		if v.Type() == patternType && n.Kind == yaml.ScalarNode {
			// A plain string is shorthand for a single-term pattern.
			v.Set(reflect.ValueOf(Pattern{All: []string{n.Value}}))
			return
		}
		if n.Kind != yaml.MappingNode {
			d.fail(n, key, "want a mapping of keys, found %s", kindName(n))
			return
		}
		fields := structFields(v.Type())
		seen := map[string]bool{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, val := n.Content[i], n.Content[i+1]
			sub := joinKey(key, k.Value)
			if seen[k.Value] {
				d.fail(k, sub, "%q is given twice in this mapping", k.Value)
				continue
			}
			seen[k.Value] = true
			idx, ok := fields[k.Value]
			if !ok {
				d.fail(k, sub, "unknown key %q (known keys: %s)", k.Value, knownKeys(v.Type()))
				continue
			}
			d.decode(val, v.Field(idx), sub)
		}
	case reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			if n.Kind == yaml.ScalarNode && v.Type().Elem().Kind() == reflect.String {
				// A value left on the key's line folds the list items
				// under it into one plain string ("unmet: 5" over "- not
				// yet"): YAML reads it so, and a list of one such term
				// would never match.
				if n.Style == 0 && strings.Contains(n.Value, " - ") {
					d.fail(n, key, "a list's items run on from the value after the key (%q): put the first item on a line of its own, after \"- \"", n.Value)
					return
				}
				// A single string where a list is expected is a list of one.
				v.Set(reflect.Append(reflect.MakeSlice(v.Type(), 0, 1), reflect.ValueOf(n.Value)))
				return
			}
			d.fail(n, key, "want a list, found %s", kindName(n))
			return
		}
		s := reflect.MakeSlice(v.Type(), len(n.Content), len(n.Content))
		for i, item := range n.Content {
			d.decode(item, s.Index(i), fmt.Sprintf("%s[%d]", key, i))
		}
		v.Set(s)
	case reflect.String:
		if n.Kind != yaml.ScalarNode {
			d.fail(n, key, "want text, found %s", kindName(n))
			return
		}
		// In YAML, " #" starts a comment, so an unquoted term such as
		// within # miles|local jobs silently loses everything after
		// "within". A comment that holds "|" is such a cut-off term.
		if n.Style == 0 && strings.Contains(n.LineComment, "|") {
			d.fail(n, key, "a # after a space starts a YAML comment, which cut this term short after %q; put the term in quotes", n.Value)
			return
		}
		v.SetString(n.Value)
	case reflect.Int:
		i, err := strconv.Atoi(n.Value)
		if n.Kind != yaml.ScalarNode || err != nil {
			d.fail(n, key, "want a whole number, found %s", describe(n))
			return
		}
		v.SetInt(int64(i))
	case reflect.Float64:
		f, err := strconv.ParseFloat(n.Value, 64)
		if n.Kind != yaml.ScalarNode || err != nil {
			d.fail(n, key, "want a number, found %s", describe(n))
			return
		}
		v.SetFloat(f)
	case reflect.Bool:
		var b bool
		if n.Kind != yaml.ScalarNode || n.Decode(&b) != nil {
			d.fail(n, key, "want true or false, found %s", describe(n))
			return
		}
		v.SetBool(b)
	default:
		d.fail(n, key, "cannot decode into %s", v.Type())
	}
}

func joinKey(parent, k string) string {
	if parent == "" {
		return k
	}
	return parent + "." + k
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		return fmt.Sprintf("%q", n.Value)
	}
	return "something else"
}

func describe(n *yaml.Node) string { return kindName(n) }

func structFields(t reflect.Type) map[string]int {
	m := make(map[string]int, t.NumField())
	for i := 0; i < t.NumField(); i++ {
		tag := t.Field(i).Tag.Get("yaml")
		if tag == "" || tag == "-" {
			continue
		}
		m[strings.Split(tag, ",")[0]] = i
	}
	return m
}

func knownKeys(t reflect.Type) string {
	var keys []string
	for i := 0; i < t.NumField(); i++ {
		if tag := t.Field(i).Tag.Get("yaml"); tag != "" && tag != "-" {
			keys = append(keys, strings.Split(tag, ",")[0])
		}
	}
	return strings.Join(keys, ", ")
}

// parseYAML decodes data strictly into a Rubric, collecting every error.
func parseYAML(file string, data []byte) (*Rubric, error) {
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		// yaml.v3 syntax errors read "yaml: line 12: ..."; keep its line.
		msg := strings.TrimPrefix(err.Error(), "yaml: ")
		line := 0
		if rest, ok := strings.CutPrefix(msg, "line "); ok {
			if i := strings.IndexByte(rest, ':'); i > 0 {
				line, _ = strconv.Atoi(rest[:i])
				msg = strings.TrimSpace(rest[i+1:])
			}
		}
		return nil, Errors{{Pos: Pos{File: file, Line: line, Column: 1}, Msg: msg}}
	}
	r := &Rubric{}
	d := &decoder{file: file, pos: map[string]Pos{}}
	if root.Kind == 0 {
		return nil, Errors{{Pos: Pos{File: file}, Msg: "the file is empty"}}
	}
	d.decode(&root, reflect.ValueOf(r).Elem(), "")
	r.pos = d.pos
	r.file = file
	if len(d.errs) > 0 {
		return nil, d.errs
	}
	return r, nil
}

// errorAt builds an Error at the place key was written.
func (r *Rubric) errorAt(key, format string, args ...any) *Error {
	at := key
	p, ok := r.pos[at]
	for !ok && at != "" {
		// Fall back to the nearest enclosing key that was written.
		if i := strings.LastIndexAny(at, ".["); i < 0 {
			at = ""
		} else {
			at = at[:i]
		}
		p, ok = r.pos[at]
	}
	if p.File == "" {
		p.File = r.file
	}
	return &Error{Pos: p, Key: key, Msg: fmt.Sprintf(format, args...)}
}
