package content

import (
	"bytes"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/hcsync/hcsync/internal/checksum"

	"github.com/hcsync/hcsync/locales"

	"github.com/hcsync/hcsync/diag"
	"go.yaml.in/yaml/v3"
)

// fileKind says what a Markdown file of the tree is.
type fileKind int

const (
	sourceFile      fileKind = iota // name.md
	translationFile                 // name.<locale>.md
	sectionFile                     // _section.md or _category.md
)

// parsedFile is one file after parsing, before the tree is assembled.
type parsedFile struct {
	rel    string // slash path relative to the root
	dir    string // slash path of its folder, "" at the root
	kind   fileKind
	source string // translations: rel of the source file
	locale string // translations: the locale suffix as written

	fm       *frontMatter // nil when the front-matter could not be read
	body     []byte
	bodyLine int
	bodySum  uint64 // checksum.Of(body)
	bodyLazy bool   // from the LoadCache: body is nil, Tree.Body reads it
	problems []diag.Problem
	warnings []diag.Problem // unknown keys, with unknown: warn
}

// parseFile reads the front-matter of one file, checking everything that
// can be checked without looking at other files. Unknown keys are
// errors.
func parseFile(rel string, kind fileKind, data []byte) *parsedFile {
	pf := newParsedFile(rel, kind)
	parse(pf, data, keyRules{})
	return pf
}

// keyRules is FrontMatterOptions made ready for parsing.
type keyRules struct {
	ignore  map[string]bool
	unknown UnknownKeys
}

func newKeyRules(o FrontMatterOptions) keyRules {
	r := keyRules{unknown: o.Unknown}
	if len(o.Ignore) > 0 {
		r.ignore = make(map[string]bool, len(o.Ignore))
		for _, k := range o.Ignore {
			r.ignore[strings.ToLower(k)] = true
		}
	}
	return r
}

// parse fills pf, which holds what the path of the file says, from the
// file's data.
func parse(pf *parsedFile, data []byte, rules keyRules) {
	rel, kind := pf.rel, pf.kind
	problemOf := func(k string, line int, format string, args ...any) {
		pf.problems = append(pf.problems, diag.Problem{File: rel, Line: line, Msg: fmt.Sprintf(format, args...), Kind: k})
	}
	problem := func(line int, format string, args ...any) { problemOf("", line, format, args...) }
	unknown := func(line int, msg string) {
		switch rules.unknown {
		case UnknownIgnore:
		case UnknownWarn:
			pf.warnings = append(pf.warnings, diag.Problem{File: rel, Line: line, Msg: msg, Kind: KindUnknownKey, Note: keysNote()})
		default:
			pf.problems = append(pf.problems, diag.Problem{File: rel, Line: line, Msg: msg, Kind: KindUnknownKey, Note: keysNote()})
		}
	}

	if !utf8.Valid(data) {
		problem(lineAt(data, firstInvalidUTF8(data)), "not valid UTF-8: save the file as UTF-8")
		return
	}
	doc := split(data)
	pf.body, pf.bodyLine = data[doc.bodyStart:], doc.bodyLine
	pf.bodySum = checksum.Of(pf.body)
	switch {
	case !doc.open && kind == sectionFile:
		// A _section.md without front-matter names nothing; its folder
		// keeps its own name.
		pf.fm = &frontMatter{Lines: map[string]int{}}
		return
	case !doc.open:
		problemOf(KindNoFrontMatter, 1, "no front-matter: start the file with a --- line, a title: line and another --- line")
		return
	case !doc.closed:
		problem(doc.openLine, "front-matter is never closed: add a --- line after its last key")
		return
	}

	// YAML counts a lone CR as a line break and this package does not;
	// lines would drift apart, so such a block is not read at all.
	if l := bareCR(data[doc.yamlStart:doc.yamlEnd]); l > 0 {
		problem(doc.yamlLine+l-1, "stray carriage return (CR) in the front-matter: save the file with LF or CRLF line endings")
		return
	}
	root, ok := parseYAML(data[doc.yamlStart:doc.yamlEnd], doc.yamlLine, problem)
	if !ok {
		return
	}
	allowed := sourceKeys
	switch kind {
	case translationFile:
		allowed = translationKeys
	case sectionFile:
		allowed = sectionKeys
	}
	pf.fm = decode(root, doc.yamlLine, allowed, pf.source, rules.ignore, problemOf, unknown)

	if kind == sectionFile {
		return
	}
	switch {
	case pf.fm.Title == nil && pf.fm.Lines["title"] == 0:
		problemOf(KindMissingTitle, doc.openLine, "missing title: add a title: line to the front-matter")
	case pf.fm.Title == nil || strings.TrimSpace(*pf.fm.Title) == "":
		problemOf(KindEmptyTitle, pf.fm.Lines["title"], "title is empty")
	}
	if l := pf.fm.Locale; l != nil && !locales.Valid(*l) {
		problem(pf.fm.Lines["locale"], "locale %q is not a locale code (like en-us, fr, pt-br)", *l)
	}
	return
}

// newParsedFile fills in what a file's path says about it.
func newParsedFile(rel string, kind fileKind) *parsedFile {
	pf := &parsedFile{rel: rel, kind: kind, bodyLine: 1}
	dir, file := splitDir(rel)
	pf.dir = dir
	if kind == translationFile {
		src, locale, _ := splitTranslation(file)
		pf.source, pf.locale = joinDir(dir, src), locale
	}
	return pf
}

// parseYAML parses a front-matter block whose first line is file line
// first. It reports a problem and returns false unless the block is a
// mapping (or empty).
//
// It is yaml.v3 for every block: a parser of its own for the common
// subset of front-matter (content/fastyaml.go until issue #21) saved 6–9 %
// of a cold whole plan of 10k × 4 in a git checkout against Zendesk and
// nothing of a warm one, below the 10 % that would pay for a second YAML
// parser held to yaml.v3 by fuzzing (BENCHMARKS.md, "Whole runs").
func parseYAML(src []byte, first int, problem func(int, string, ...any)) (*yaml.Node, bool) {
	syntax := func(err error) {
		line, msg := diag.SplitYAMLError(err)
		problem(first+line-1, "invalid YAML: %s", msg)
	}
	dec := yaml.NewDecoder(bytes.NewReader(src))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil && err != io.EOF {
		syntax(err)
		return nil, false
	}
	// A "--- x" or "..." line inside the block starts another YAML
	// document, which would be silently dropped.
	var extra yaml.Node
	switch err := dec.Decode(&extra); {
	case err == io.EOF:
	case err != nil:
		syntax(err)
		return nil, false
	default:
		problem(first+extra.Line-1, "front-matter holds a second YAML document: remove the ... or --- line before it")
		return nil, false
	}
	if doc.Kind == 0 { // empty or comments only
		return &yaml.Node{Kind: yaml.MappingNode}, true
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		problem(first+root.Line-1, "front-matter must be key: value lines, not %s", describe(root))
		return nil, false
	}
	return root, true
}

// decode reads the keys of a front-matter mapping. Keys in ignore are
// skipped; other keys outside allowed go to unknown, with their message.
// source names the source file when the keys come from a translation, so
// that article-level keys can be pointed there.
func decode(root *yaml.Node, first int, allowed []string, source string, ignore map[string]bool,
	problem func(kind string, line int, format string, args ...any), unknown func(line int, msg string)) *frontMatter {
	fm := &frontMatter{Lines: make(map[string]int, len(root.Content)/2)}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		if v.Kind == yaml.AliasNode && v.Alias != nil {
			v = v.Alias
		}
		line := first + k.Line - 1
		key := k.Value
		if k.Kind != yaml.ScalarNode {
			problem("", line, "key must be a plain name, not %s", describe(k))
			continue
		}
		if ignore != nil && ignore[strings.ToLower(key)] {
			continue
		}
		if canon, ok := keyAliases[key]; ok && slices.Contains(allowed, canon) {
			key = canon
		}
		if prev, dup := fm.Lines[key]; dup {
			problem("", line, "key %q is written twice (first at line %d): keep one", key, prev)
			continue
		}
		if !slices.Contains(allowed, key) {
			if source != "" && slices.Contains(sourceKeys, key) {
				problem(KindMisplacedKey, line, "key %q belongs in the source file %s: a translation may set only %s",
					key, source, strings.Join(allowed, ", "))
			} else {
				unknown(line, unknownKeyMsg(key, allowed))
			}
			continue
		}
		fm.Lines[key] = line
		if msg := fields[key](fm, v); msg != "" {
			problem(KindBadValue, first+v.Line-1, "%s: %s", key, msg)
		}
	}
	return fm
}

// firstInvalidUTF8 returns the offset of the first byte that is not part
// of a valid UTF-8 sequence.
func firstInvalidUTF8(data []byte) int {
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(data)
}

// bareCR returns the 1-based line of src holding a CR that does not end
// the line, or 0 when there is none.
func bareCR(src []byte) int {
	for i, c := range src {
		if c == '\r' && (i+1 == len(src) || src[i+1] != '\n') {
			return lineAt(src, i)
		}
	}
	return 0
}

// splitDir splits a slash path into its folder ("" at the root) and
// file name.
func splitDir(rel string) (dir, file string) {
	i := strings.LastIndexByte(rel, '/')
	if i < 0 {
		return "", rel
	}
	return rel[:i], rel[i+1:]
}

// joinDir is the inverse of splitDir.
func joinDir(dir, file string) string {
	if dir == "" {
		return file
	}
	return dir + "/" + file
}
