package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/hcsync/hcsync/diag"
)

// Defaults of the keys hcsync.yaml may leave out.
const (
	// DefaultProvider is the folder-backed help center, chosen here by
	// name because it is the one that works with no account: a tree
	// with an empty hcsync.yaml plans against a folder on disk.
	DefaultProvider    = "local"
	DefaultContent     = "docs"
	DefaultLocale      = "en-us"
	DefaultConcurrency = 8
	DefaultMaxArchive  = 10
	DefaultUnknownKeys = "error"
)

// Load reads the hcsync.yaml at path, fills in defaults and validates it.
// blocks are the providers the file may name, each with its own block of
// settings. Everything wrong with the file is reported at once, as
// diag.Problems naming path and the line of each key.
func Load(path string, blocks []Block) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read config: %w", err)
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("read config %s: %w", path, err)
	}
	cfg := &Config{File: path, Dir: filepath.Dir(abs), Blocks: map[string]Settings{}}
	d := &decoder{file: path, lines: map[string]int{}, bad: map[int]bool{}, blocks: map[string]reflect.Value{}}
	for _, b := range blocks {
		s := b.New()
		cfg.Blocks[b.Name] = s
		d.blocks[b.Name] = reflect.ValueOf(s).Elem()
		d.blockNames = append(d.blockNames, b.Name)
	}
	if root := d.parse(data); root != nil {
		d.mapping(root, reflect.ValueOf(cfg).Elem(), "")
	}
	cfg.applyDefaults(d.lines)
	ps := d.problems
	for _, p := range cfg.validate(d.lines) {
		// A value that did not decode has its problem already; its zero
		// value would only add a second, confusing one.
		if !d.bad[p.Line] {
			ps = append(ps, p)
		}
	}
	if len(ps) > 0 {
		ps.Sort()
		return nil, ps
	}
	return cfg, nil
}

// applyDefaults fills in what the file left out. lines tells which keys
// were written, so that a written "concurrency: 0" is an error rather
// than a silent 8.
func (c *Config) applyDefaults(lines map[string]int) {
	if c.Provider == "" {
		c.Provider = DefaultProvider
	}
	if c.Content == "" {
		c.Content = DefaultContent
	}
	if c.DefaultLocale == "" {
		c.DefaultLocale = DefaultLocale
	}
	if _, set := lines["concurrency"]; !set {
		c.Concurrency = DefaultConcurrency
	}
	if _, set := lines["max_archive"]; !set {
		c.MaxArchive = DefaultMaxArchive
	}
	for _, s := range c.Blocks {
		s.Default()
	}
	if c.FrontMatter.Unknown == "" {
		c.FrontMatter.Unknown = DefaultUnknownKeys
	}
}

// ContentDir returns the absolute path of the Markdown tree.
func (c *Config) ContentDir() string { return c.Resolve(c.Content) }

// Resolve makes a path written in the config absolute against the
// config file's folder.
func (c *Config) Resolve(p string) string {
	if !filepath.IsAbs(p) {
		p = filepath.Join(c.Dir, p)
	}
	if abs, err := filepath.Abs(p); err == nil {
		return abs
	}
	return filepath.Clean(p)
}

// decoder reads a YAML node tree into Config, strictly: unknown keys and
// values of the wrong type are problems, each with its line.
type decoder struct {
	file     string
	lines    map[string]int // dotted key ("zendesk.subdomain") -> line of its value
	bad      map[int]bool   // lines of values that did not decode
	problems diag.Problems
	// blocks are the providers' settings structs by block key, read as
	// top-level keys after Config's own.
	blocks     map[string]reflect.Value
	blockNames []string
}

func (d *decoder) problem(line int, format string, args ...any) {
	d.problems = append(d.problems, diag.Problem{File: d.file, Line: line, Msg: fmt.Sprintf(format, args...)})
}

// parse returns the top-level mapping of data, nil when the file is
// empty or broken (then a problem says why).
func (d *decoder) parse(data []byte) *yaml.Node {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	err := dec.Decode(&doc)
	switch {
	case errors.Is(err, io.EOF):
		return nil
	case err != nil:
		line, msg := diag.SplitYAMLError(err)
		d.problem(line, "invalid YAML: %s", msg)
		return nil
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		d.problem(root.Line, "the config must be key: value lines, not %s", kindName(root))
		return nil
	}
	return root
}

// mapping decodes the keys of node into the struct v; prefix is the
// dotted path of v ("" at the top).
func (d *decoder) mapping(node *yaml.Node, v reflect.Value, prefix string) {
	fields := map[string]reflect.Value{}
	var names []string
	for i := range v.NumField() {
		tag, _, _ := strings.Cut(v.Type().Field(i).Tag.Get("yaml"), ",")
		if tag == "" || tag == "-" {
			continue
		}
		fields[tag] = v.Field(i)
		names = append(names, tag)
	}
	if prefix == "" {
		for _, n := range d.blockNames {
			fields[n] = d.blocks[n]
			names = append(names, n)
		}
	}
	for i := 0; i+1 < len(node.Content); i += 2 {
		k, val := node.Content[i], node.Content[i+1]
		if val.Kind == yaml.AliasNode && val.Alias != nil {
			val = val.Alias
		}
		key := prefix + k.Value
		f, ok := fields[k.Value]
		if !ok {
			where := ""
			if prefix != "" {
				where = " in " + strings.TrimSuffix(prefix, ".")
			}
			if near := diag.Nearest(k.Value, names); near != "" {
				d.problem(k.Line, "unknown key %q%s (did you mean %q?)", k.Value, where, near)
			} else {
				d.problem(k.Line, "unknown key %q%s (allowed: %s)", k.Value, where, strings.Join(names, ", "))
			}
			continue
		}
		if prev, dup := d.lines[key]; dup {
			d.problem(k.Line, "key %q is written twice (first at line %d): keep one", key, prev)
			continue
		}
		d.lines[key] = val.Line
		if val.Kind == yaml.ScalarNode && val.Tag == "!!null" {
			continue // "user_segment: null" is the zero value
		}
		if f.Kind() == reflect.Struct {
			if val.Kind != yaml.MappingNode {
				d.problem(val.Line, "%s: want settings as key: value lines, got %s", key, kindName(val))
				continue
			}
			d.mapping(val, f, key+".")
			continue
		}
		if (f.Kind() != reflect.Slice && val.Kind != yaml.ScalarNode) || val.Decode(f.Addr().Interface()) != nil {
			d.problem(val.Line, "%s: want %s, got %s", key, want(f), kindName(val))
			d.bad[val.Line] = true
		}
	}
}

// want names what a field holds, for type errors.
func want(f reflect.Value) string {
	switch f.Kind() {
	case reflect.Int:
		return "a whole number"
	case reflect.Bool:
		return "true or false"
	case reflect.Slice:
		return "a list like [a, b]"
	default:
		return "text"
	}
}

// kindName shows a value the way the user wrote it.
func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "a list"
	case yaml.MappingNode:
		return "a mapping"
	}
	if n.Tag == "!!str" {
		return strconv.Quote(n.Value)
	}
	return n.Value
}

// keyLines maps the dotted keys the config file writes, two levels
// deep ("provider", "zendesk", "zendesk.subdomain"), to the lines of
// their values (of its key, for a block); empty for a Config built in code or a file that no
// longer reads. Load has checked the file; this is for the checks that
// come after it (CheckProvider), which a Config's own fields do not
// hold the lines for.
func (c *Config) keyLines() map[string]int {
	lines := map[string]int{}
	if c.File == "" {
		return lines
	}
	data, err := os.ReadFile(c.File)
	if err != nil {
		return lines
	}
	var doc yaml.Node
	if yaml.Unmarshal(data, &doc) != nil || len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return lines
	}
	root := doc.Content[0]
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		lines[k.Value] = v.Line
		if v.Kind != yaml.MappingNode {
			continue
		}
		// A block is where its key is: a mapping's own line is that of
		// its first key, or of "{}".
		lines[k.Value] = k.Line
		for j := 0; j+1 < len(v.Content); j += 2 {
			lines[k.Value+"."+v.Content[j].Value] = v.Content[j+1].Line
		}
	}
	return lines
}
