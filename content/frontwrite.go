package content

import (
	"sort"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// FrontMatterWriter builds a YAML front-matter block with keys in the
// order they are added, the way a writer lays one out: export writes
// every file through it.
type FrontMatterWriter struct {
	node yaml.Node
}

func (fm *FrontMatterWriter) add(key string, v *yaml.Node) {
	if fm.node.Kind == 0 {
		fm.node.Kind = yaml.MappingNode
	}
	fm.node.Content = append(fm.node.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: key}, v)
}

// Text adds key with a string value, quoted only where YAML needs it.
func (fm *FrontMatterWriter) Text(key, v string) {
	fm.add(key, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: v})
}

// ID adds id:, numeric ids unquoted, as a writer would type them.
func (fm *FrontMatterWriter) ID(v string) {
	fm.add("id", idNode(v))
}

// Bool adds key with a boolean value.
func (fm *FrontMatterWriter) Bool(key string, v bool) {
	fm.add(key, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: strconv.FormatBool(v)})
}

// Int adds key with an integer value.
func (fm *FrontMatterWriter) Int(key string, v int) {
	fm.add(key, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: strconv.Itoa(v)})
}

// List adds key with a flow list of v's values, trimmed, sorted, each
// once, so that two exports of one help center write the same bytes.
func (fm *FrontMatterWriter) List(key string, v []string) {
	seq := &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle, Tag: "!!seq"}
	for _, s := range SortedUnique(v) {
		seq.Content = append(seq.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s})
	}
	fm.add(key, seq)
}

// IDList adds key with a flow list in the order given: ids as numbers,
// anything else (a site path) as text. redirect_from: is written so.
func (fm *FrontMatterWriter) IDList(key string, entries []string) {
	seq := &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle, Tag: "!!seq"}
	for _, e := range entries {
		seq.Content = append(seq.Content, idNode(e))
	}
	fm.add(key, seq)
}

func idNode(v string) *yaml.Node {
	tag := "!!str"
	if v != "" && strings.Trim(v, "0123456789") == "" {
		tag = "!!int"
	}
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: v}
}

// Bytes returns the file: the front-matter, then body.
func (fm *FrontMatterWriter) Bytes(body string) []byte {
	var b strings.Builder
	b.WriteString("---\n")
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	// Encoding a node tree of scalars and flow lists cannot fail.
	_ = enc.Encode(&fm.node)
	_ = enc.Close()
	b.WriteString("---\n")
	if body != "" {
		b.WriteString("\n")
		b.WriteString(body)
	}
	return []byte(b.String())
}

// SortedUnique is in trimmed, without empty values and repeats, sorted.
func SortedUnique(in []string) []string {
	out := make([]string, 0, len(in))
	seen := make(map[string]bool, len(in))
	for _, s := range in {
		s = strings.TrimSpace(s)
		if s == "" || seen[s] {
			continue
		}
		seen[s] = true
		out = append(out, s)
	}
	sort.Strings(out)
	return out
}
