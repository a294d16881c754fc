package content

import (
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// fastYAML builds the root mapping that yaml.v3 builds for src, a
// front-matter block, when src is in the small subset of YAML that
// nearly every front-matter is written in; yaml.v3's parser costs far
// more than the few lines of such a block. ok is false for anything
// outside the subset, and the caller must then parse src with yaml.v3.
//
// The subset is one key: value line per key at column 1, keys of
// [A-Za-z0-9_], and values that are plain or quoted scalars on one line,
// flow sequences of those on one line, block sequences of those, or
// nothing. Comments, anchors, tags, block scalars, flow mappings,
// multi-line scalars, escapes other than \" and \\, tabs and CRs fall
// outside it, and so do plain scalars that YAML could read as anything
// but a string, a decimal int, a bool or a null. FuzzFastYAML holds the
// nodes, lines and columns included, to yaml.v3's.
func fastYAML(src []byte) (root *yaml.Node, ok bool) {
	nodes, ok := fastChars(src)
	if !ok {
		return nil, false
	}
	p := fastParser{src: string(src), nodes: make([]yaml.Node, 0, nodes)}
	return p.parse()
}

// fastChars reports whether src holds only characters that fastParser
// reads as yaml.v3 does: printable ones other than the BOM and the
// Unicode line and paragraph separators (which YAML counts as line
// breaks), and LF. It also returns how many nodes src will likely make,
// two a line and one an item of a flow sequence, for fastParser.node.
func fastChars(src []byte) (nodes int, ok bool) {
	nodes = 3
	for i := 0; i < len(src); {
		c := src[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '\n':
				nodes += 2
			case c == ',':
				nodes++
			case c < 0x20 || c == 0x7f:
				return 0, false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRune(src[i:])
		switch {
		case r == utf8.RuneError && n <= 1:
			return 0, false
		case r < 0xa0, r >= 0xd800 && r < 0xe000, r == 0x2028, r == 0x2029, r == 0xfeff, r == 0xfffe, r == 0xffff:
			return 0, false
		}
		i += n
	}
	return nodes, true
}

// fastParser holds the state of fastYAML.
type fastParser struct {
	src   string // the block; values are substrings of it
	nodes []yaml.Node

	root *yaml.Node
	// pending is a key written with no value on its line: its value is
	// the block sequence on the lines that follow, or else a null.
	pending     bool
	pendingLine int
	pendingCol  int
	seq         *yaml.Node // the block sequence of pending, once an item is seen
	seqIndent   int
	line        int    // 1-based line being parsed
	text        string // that line, without trailing spaces
}

// node returns a new zeroed node. Nodes are carved out of blocks, the
// first sized by fastChars, so that a front-matter costs an allocation
// or two rather than one per node; a block is never grown, so pointers
// into it stay valid.
func (p *fastParser) node() *yaml.Node {
	if len(p.nodes) == cap(p.nodes) {
		p.nodes = make([]yaml.Node, 0, 16)
	}
	p.nodes = p.nodes[:len(p.nodes)+1]
	return &p.nodes[len(p.nodes)-1]
}

// parse reads p.src line by line; any line outside the subset ends it.
func (p *fastParser) parse() (*yaml.Node, bool) {
	rest := p.src
	for len(rest) > 0 {
		p.line++
		l := rest
		if i := strings.IndexByte(rest, '\n'); i >= 0 {
			l, rest = rest[:i], rest[i+1:]
		} else {
			rest = ""
		}
		p.text = strings.TrimRight(l, " ")
		if p.text == "" {
			continue
		}
		var ok bool
		if isKeyByte(p.text[0]) {
			ok = p.keyLine()
		} else {
			ok = p.itemLine()
		}
		if !ok {
			return nil, false
		}
	}
	if p.root == nil { // blank lines only: yaml.v3 finds no document
		return &yaml.Node{Kind: yaml.MappingNode}, true
	}
	p.endPending()
	return p.root, true
}

// keyLine parses a "key: value" line.
func (p *fastParser) keyLine() bool {
	t := p.text
	i := 0
	for i < len(t) && isKeyByte(t[i]) {
		i++
	}
	// yaml.v3 looks no further than 1024 characters for a key's colon.
	if i > 128 || i == len(t) || t[i] != ':' || (i+1 < len(t) && t[i+1] != ' ') {
		return false
	}
	tag, ok := plainTag(t[:i])
	if !ok {
		return false
	}
	p.endPending()
	if p.root == nil {
		p.root = p.node()
		*p.root = yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: p.line, Column: 1, Content: make([]*yaml.Node, 0, cap(p.nodes))}
	}
	k := p.node()
	*k = yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: t[:i], Line: p.line, Column: 1}
	p.root.Content = append(p.root.Content, k)

	j := i + 1
	for j < len(t) && t[j] == ' ' {
		j++
	}
	if j == len(t) {
		// yaml.v3 puts an empty value right after the colon.
		p.pending, p.pendingLine, p.pendingCol = true, p.line, i+2
		return true
	}
	var v *yaml.Node
	if t[j] == '[' {
		v, ok = p.flowSeq(j)
	} else {
		var end int
		v, end, ok = p.scalar(j, false)
		ok = ok && end == len(t)
	}
	if !ok {
		return false
	}
	p.root.Content = append(p.root.Content, v)
	return true
}

// itemLine parses a "  - item" line of a block sequence.
func (p *fastParser) itemLine() bool {
	t := p.text
	n := 0
	for n < len(t) && t[n] == ' ' {
		n++
	}
	if !p.pending || !strings.HasPrefix(t[n:], "- ") {
		return false
	}
	if p.seq == nil {
		p.seq = p.node()
		*p.seq = yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Line: p.line, Column: n + 1}
		p.seqIndent = n
	} else if n != p.seqIndent {
		return false
	}
	j := n + 2
	for j < len(t) && t[j] == ' ' {
		j++
	}
	v, end, ok := p.scalar(j, false)
	if !ok || end != len(t) {
		return false
	}
	p.seq.Content = append(p.seq.Content, v)
	return true
}

// endPending gives the pending key, if any, its value.
func (p *fastParser) endPending() {
	if !p.pending {
		return
	}
	v := p.seq
	if v == nil {
		v = p.node()
		*v = yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Line: p.pendingLine, Column: p.pendingCol}
	}
	p.root.Content = append(p.root.Content, v)
	p.pending, p.seq = false, nil
}

// flowSeq parses the "[a, b]" at t[j:], which must end the line.
func (p *fastParser) flowSeq(j int) (*yaml.Node, bool) {
	t := p.text
	seq := p.node()
	*seq = yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Style: yaml.FlowStyle, Line: p.line, Column: p.column(j)}
	j++
	for {
		for j < len(t) && t[j] == ' ' {
			j++
		}
		if j == len(t) {
			return nil, false // continued on the next line
		}
		if t[j] == ']' && len(seq.Content) == 0 {
			break
		}
		v, end, ok := p.scalar(j, true)
		if !ok {
			return nil, false
		}
		seq.Content = append(seq.Content, v)
		for j = end; j < len(t) && t[j] == ' '; j++ {
		}
		if j == len(t) {
			return nil, false
		}
		if t[j] == ']' {
			break
		}
		if t[j] != ',' {
			return nil, false
		}
		j++
	}
	if j+1 != len(t) {
		return nil, false // something after the ]
	}
	return seq, true
}

// scalar parses the scalar at t[j:], in a flow sequence when flow is
// set, and returns it with the offset just past it.
func (p *fastParser) scalar(j int, flow bool) (*yaml.Node, int, bool) {
	t := p.text
	var (
		value string
		style yaml.Style
		tag   = "!!str"
		end   int
	)
	switch t[j] {
	case '"':
		value, end = doubleQuoted(t, j)
		style = yaml.DoubleQuotedStyle
	case '\'':
		value, end = singleQuoted(t, j)
		style = yaml.SingleQuotedStyle
	default:
		end = plainEnd(t, j, flow)
		if end < 0 {
			return nil, 0, false
		}
		value = t[j:end]
		var ok bool
		if tag, ok = plainTag(value); !ok {
			return nil, 0, false
		}
	}
	if end < 0 {
		return nil, 0, false
	}
	n := p.node()
	*n = yaml.Node{Kind: yaml.ScalarNode, Style: style, Tag: tag, Value: value, Line: p.line, Column: p.column(j)}
	return n, end, true
}

// column is the 1-based column of byte i of the line: yaml.v3 counts
// characters, not bytes.
func (p *fastParser) column(i int) int {
	return utf8.RuneCountInString(p.text[:i]) + 1
}

// plainEnd returns the end of the plain scalar at t[j:], without its
// trailing spaces, or -1 when the scalar is not one fastParser reads:
// it starts with an indicator, or holds ": " or " #", which end it
// early, or, in a flow sequence, a character that ends it or that
// yaml.v3 treats apart there.
func plainEnd(t string, j int, flow bool) int {
	switch t[j] {
	case '-', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`':
		return -1
	}
	end := len(t)
	for i := j + 1; i < len(t); i++ {
		switch c := t[i]; c {
		case ':':
			if flow || i+1 == len(t) || t[i+1] == ' ' {
				return -1
			}
		case '#':
			if t[i-1] == ' ' {
				return -1
			}
		case ',', ']':
			if flow {
				end = i
				i = len(t)
			}
		case '[', '{', '}', '?':
			if flow {
				return -1
			}
		}
	}
	return len(strings.TrimRight(t[:end], " "))
}

// doubleQuoted returns the value of the double-quoted scalar at t[j:]
// and the offset past its closing quote, or -1 when it has an escape
// other than \" and \\ or does not end on this line.
func doubleQuoted(t string, j int) (string, int) {
	var b []byte // the value, once an escape makes it differ from the text
	start := j + 1
	for i := start; i < len(t); i++ {
		switch t[i] {
		case '"':
			if b == nil {
				return t[start:i], i + 1
			}
			return string(append(b, t[start:i]...)), i + 1
		case '\\':
			if i+1 == len(t) || (t[i+1] != '"' && t[i+1] != '\\') {
				return "", -1
			}
			b = append(append(b, t[start:i]...), t[i+1])
			i++
			start = i + 1
		}
	}
	return "", -1
}

// singleQuoted is doubleQuoted for a single-quoted scalar, where ”
// stands for '.
func singleQuoted(t string, j int) (string, int) {
	var b []byte
	start := j + 1
	for i := start; i < len(t); i++ {
		if t[i] != '\'' {
			continue
		}
		if i+1 < len(t) && t[i+1] == '\'' {
			b = append(b, t[start:i+1]...)
			i++
			start = i + 1
			continue
		}
		if b == nil {
			return t[start:i], i + 1
		}
		return string(append(b, t[start:i]...)), i + 1
	}
	return "", -1
}

// plainTag returns the tag yaml.v3 resolves the plain scalar v (not
// empty) to, following its resolve.go: the first byte decides what v
// may be. ok is false when v could be a float, a timestamp, a merge key,
// or an int other than a plain decimal, which fastParser leaves to
// yaml.v3.
func plainTag(v string) (tag string, ok bool) {
	switch c := v[0]; {
	case strings.IndexByte("yYnNtTfFoO~<", c) >= 0:
		switch v {
		case "true", "True", "TRUE", "false", "False", "FALSE":
			return "!!bool", true
		case "~", "null", "Null", "NULL":
			return "!!null", true
		case "<<":
			return "", false
		}
		return "!!str", true
	case c == '.' || c == '+' || c == '-':
		return "", false
	case c >= '0' && c <= '9':
		if isDecimal(v) {
			return "!!int", true
		}
		// A timestamp starts with 4 digits and a dash; a number of any
		// base or form has no byte outside [0-9A-Za-z+-._]. A value that
		// is neither is a string.
		if len(v) > 4 && v[4] == '-' && isDigits(v[:4]) {
			return "", false
		}
		for i := 0; i < len(v); i++ {
			if c := v[i]; !isKeyByte(c) && c != '+' && c != '-' && c != '.' {
				return "!!str", true
			}
		}
		return "", false
	}
	return "!!str", true
}

// isDecimal reports whether v is an int written in decimal without a
// sign or leading zero, small enough for any int.
func isDecimal(v string) bool {
	return v == "0" || (v[0] != '0' && len(v) <= 18 && isDigits(v))
}

func isDigits(v string) bool {
	for i := 0; i < len(v); i++ {
		if v[i] < '0' || v[i] > '9' {
			return false
		}
	}
	return true
}

func isKeyByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
}
