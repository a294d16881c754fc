package content

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/hcsync/hcsync/internal/atomicfile"

	"github.com/hcsync/hcsync/diag"
	"go.yaml.in/yaml/v3"
)

// WriteID records a remote id in the front-matter of the file at path,
// as the smallest text edit that does it: the value of an existing
// top-level id: line is replaced, or else an id: line is inserted after
// the title (or as the first key). Nothing else in the file changes: line
// endings, comments and quoting stay as they were. The file is replaced
// atomically and keeps its mode.
//
// A folder's _section.md or _category.md is also where a created
// section's id goes, and a folder need not have one: a missing file is
// created holding only the id (the folder's name is the section's name
// then, so no title: is needed), and a file of text alone gets a
// front-matter put before its text.
func WriteID(path string, id string) error {
	if isSectionFile(path) {
		created, err := createSectionFile(path, id)
		if created || err != nil {
			return err
		}
	}
	real, err := filepath.EvalSymlinks(path)
	if err != nil {
		return fmt.Errorf("write id: %w", err)
	}
	return writeID(path, real, id)
}

// WriteTreeID is WriteID for the file rel (a slash path) of the content
// folder root. A file that is a link is written where the link leads,
// and only when that is inside the folder: the write-back never edits a
// file out of the tree (Load refuses such a file already, but the tree
// may have changed since).
//
// A missing _section.md or _category.md is created, as WriteID does,
// in its folder's real place, once that is known to be inside the tree.
func WriteTreeID(root, rel, id string) error {
	if isSectionFile(rel) {
		_, realDir, err := resolve(root, path.Dir(rel))
		if err != nil {
			return fmt.Errorf("write id to %s: %w", rel, unwrapPath(err))
		}
		created, err := createSectionFile(filepath.Join(realDir, path.Base(rel)), id)
		if created || err != nil {
			return err
		}
	}
	_, real, err := resolve(root, rel)
	if err != nil {
		return fmt.Errorf("write id to %s: %w", rel, unwrapPath(err))
	}
	return writeID(filepath.Join(root, filepath.FromSlash(rel)), real, id)
}

// writeID is WriteID for the file at path whose real path is real.
func writeID(path, real, id string) error {
	data, err := os.ReadFile(real)
	if err != nil {
		return fmt.Errorf("write id: %w", err)
	}
	out, err := setID(path, data, id)
	if err != nil {
		return err
	}
	if bytes.Equal(out, data) {
		return nil
	}
	if err := writeFileAtomic(real, out); err != nil {
		return fmt.Errorf("write id to %s: %w", path, err)
	}
	return nil
}

// setID returns data with id written into its front-matter; name is
// only for errors.
func setID(name string, data []byte, id string) ([]byte, error) {
	value, err := formatID(id)
	if err != nil {
		return nil, fmt.Errorf("write id to %s: %w", name, err)
	}
	doc := split(data)
	switch {
	case !doc.open && isSectionFile(name):
		return append(sectionFrontMatter(value, lineEnding(data)), data...), nil
	case !doc.open:
		return nil, fmt.Errorf("write id to %s: the file has no front-matter: start it with a --- block holding title:", name)
	case !doc.closed:
		return nil, fmt.Errorf("write id to %s:%d: front-matter is never closed: add a --- line after its last key", name, doc.openLine)
	}
	if l := bareCR(data[doc.yamlStart:doc.yamlEnd]); l > 0 {
		return nil, fmt.Errorf("write id to %s:%d: stray carriage return: save the file with LF or CRLF line endings", name, doc.yamlLine+l-1)
	}
	var firstErr *diag.Problem
	root, ok := parseYAML(data[doc.yamlStart:doc.yamlEnd], doc.yamlLine, func(line int, format string, args ...any) {
		firstErr = &diag.Problem{File: name, Line: line, Msg: fmt.Sprintf(format, args...)}
	})
	if !ok {
		return nil, fmt.Errorf("write id to %s: fix the front-matter first", firstErr)
	}
	if root.Style&yaml.FlowStyle != 0 && len(root.Content) > 0 {
		return nil, fmt.Errorf("write id to %s:%d: front-matter is one {...} mapping: write one key per line", name, doc.yamlLine)
	}
	lines := splitLines(data)
	fileLine := func(n *yaml.Node) int { return doc.yamlLine + n.Line - 1 }

	// nextKeyLine is the line of the key after the i-th, or of the
	// closing ---.
	nextKeyLine := func(i int) int {
		if i+2 < len(root.Content) {
			return fileLine(root.Content[i+2])
		}
		return lineAt(data, doc.yamlEnd)
	}
	titleAt := -1
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		switch k.Value {
		case "id":
			l := fileLine(k)
			before, after, err := cutValue(lines[l-1], k, v)
			if err == nil && !onlyComments(lines[l:nextKeyLine(i)-1]) {
				err = errors.New("the id value spans several lines: write it as id: N")
			}
			if err != nil {
				return nil, fmt.Errorf("write id to %s:%d: %w", name, l, err)
			}
			text := append(append(append([]byte{}, before...), " "+value...), after...)
			return replaceLine(data, lines, l, text), nil
		case "title":
			titleAt = i
		}
	}

	// Insert right after a one-line title; after a title that spans
	// lines, insert before the next key (or the closing ---), where a
	// new key is valid whatever the title's layout.
	after := doc.openLine
	if titleAt >= 0 {
		k, v := root.Content[titleAt], root.Content[titleAt+1]
		after = fileLine(k)
		if !oneLine(lines[after-1], k, v) {
			after = nextKeyLine(titleAt) - 1
		}
	}
	// Keys of the top-level mapping share one indentation, usually none.
	indent := ""
	if len(root.Content) > 0 {
		indent = strings.Repeat(" ", root.Content[0].Column-1)
	}
	return insertLine(data, lines, after, []byte(indent+"id: "+value)), nil
}

// isSectionFile reports whether path names a folder's _section.md or
// _category.md.
func isSectionFile(path string) bool {
	base := filepath.Base(path)
	return base == "_section.md" || base == "_category.md"
}

// createSectionFile writes a new section file holding only the id;
// created is false when the file exists already.
func createSectionFile(path, id string) (created bool, err error) {
	if _, err := os.Lstat(path); !errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	value, err := formatID(id)
	if err != nil {
		return false, fmt.Errorf("write id to %s: %w", path, err)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return false, nil // made meanwhile: edit it as any other
	}
	if err != nil {
		return false, fmt.Errorf("write id: %w", err)
	}
	_, err = f.Write(sectionFrontMatter(value, "\n"))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path)
		return false, fmt.Errorf("write id to %s: %w", path, err)
	}
	return true, nil
}

// sectionFrontMatter is the smallest front-matter that binds a folder.
func sectionFrontMatter(value, eol string) []byte {
	return []byte("---" + eol + "id: " + value + eol + "---" + eol)
}

// lineEnding is the line ending of data's first line: "\r\n" or "\n".
func lineEnding(data []byte) string {
	if i := bytes.IndexByte(data, '\n'); i > 0 && data[i-1] == '\r' {
		return "\r\n"
	}
	return "\n"
}

// cutValue cuts the value out of the id line: the new value goes
// between before (ending in the colon) and after (a trailing comment,
// kept).
func cutValue(line []byte, k, v *yaml.Node) (before, after []byte, err error) {
	body := bytes.TrimRight(line, "\r\n")
	if k.Style != 0 {
		return nil, nil, errors.New("the id key is quoted: write it as a plain id: line")
	}
	colon := k.Column - 1 + len("id")
	for colon < len(body) && body[colon] == ' ' {
		colon++
	}
	if colon >= len(body) || body[colon] != ':' {
		return nil, nil, errors.New("the id key has its colon on another line: write it as id: N")
	}
	if isNull(v) {
		rest := body[colon+1:]
		if t := bytes.TrimSpace(rest); len(t) > 0 && t[0] != '#' {
			// ~, null or a bare tag: replace it, keep only a comment.
			rest = nil
			if i := bytes.Index(body[colon+1:], []byte(" #")); i >= 0 {
				rest = body[colon+1+i:]
			}
		}
		return body[:colon+1], rest, nil
	}
	if v.Kind != yaml.ScalarNode || v.Line != k.Line || v.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0 {
		return nil, nil, errors.New("the id value spans several lines: write it as id: N")
	}
	start := v.Column - 1 // the key and colon are ASCII, so columns are bytes here
	if start <= colon || start > len(body) {
		return nil, nil, errors.New("cannot find the id value on its line: write it as id: N")
	}
	var end int
	switch v.Style {
	case yaml.DoubleQuotedStyle, yaml.SingleQuotedStyle:
		end = closingQuote(body, start)
	default:
		end = start + len(v.Value)
		if !bytes.HasPrefix(body[start:], []byte(v.Value)) {
			// A tag or an anchor sits before the value.
			return nil, nil, errors.New("the id value carries a YAML tag or anchor: write it as id: N")
		}
	}
	if end > len(body) || end < start {
		return nil, nil, errors.New("the id value spans several lines: write it as id: N")
	}
	return body[:colon+1], body[end:], nil
}

// onlyComments reports whether lines are all blank or comments.
func onlyComments(lines [][]byte) bool {
	for _, l := range lines {
		if t := bytes.TrimSpace(l); len(t) > 0 && t[0] != '#' {
			return false
		}
	}
	return true
}

// oneLine reports whether the value v of key k ends on the key's line.
func oneLine(line []byte, k, v *yaml.Node) bool {
	if isNull(v) {
		return true
	}
	if v.Kind != yaml.ScalarNode || v.Line != k.Line {
		return false
	}
	body := bytes.TrimRight(line, "\r\n")
	start := v.Column - 1
	if start < 0 || start >= len(body) {
		return false
	}
	switch v.Style {
	case yaml.DoubleQuotedStyle, yaml.SingleQuotedStyle:
		return closingQuote(body, start) <= len(body)
	case 0:
		return bytes.HasPrefix(body[start:], []byte(v.Value))
	}
	return false
}

// closingQuote returns the offset just past the quoted scalar that starts
// at body[start], or len(body)+1 when it does not close on this line.
func closingQuote(body []byte, start int) int {
	q := body[start]
	for i := start + 1; i < len(body); i++ {
		switch {
		case q == '"' && body[i] == '\\':
			i++
		case q == '\'' && body[i] == '\'' && i+1 < len(body) && body[i+1] == '\'':
			i++
		case body[i] == q:
			return i + 1
		}
	}
	return len(body) + 1
}

// replaceLine returns data with 1-based line n replaced by text plus
// the line's own ending.
func replaceLine(data []byte, lines [][]byte, n int, text []byte) []byte {
	old := lines[n-1]
	eol := old[len(bytes.TrimRight(old, "\r\n")):]
	start := offsetOfLine(lines, n)
	out := make([]byte, 0, len(data)+len(text))
	out = append(out, data[:start]...)
	out = append(out, text...)
	out = append(out, eol...)
	return append(out, data[start+len(old):]...)
}

// insertLine returns data with text inserted after 1-based line n, which
// lends it its line ending ("\n" or "\r\n").
func insertLine(data []byte, lines [][]byte, n int, text []byte) []byte {
	prev := lines[n-1]
	eol := prev[len(bytes.TrimRight(prev, "\r\n")):]
	start := offsetOfLine(lines, n+1)
	out := make([]byte, 0, len(data)+len(text)+len(eol))
	out = append(out, data[:start]...)
	out = append(out, text...)
	out = append(out, eol...)
	return append(out, data[start:]...)
}

// splitLines cuts data into lines that keep their "\n" (and "\r").
func splitLines(data []byte) [][]byte {
	var lines [][]byte
	for len(data) > 0 {
		i := bytes.IndexByte(data, '\n') + 1
		if i == 0 {
			i = len(data)
		}
		lines = append(lines, data[:i])
		data = data[i:]
	}
	return lines
}

// offsetOfLine returns the byte offset where 1-based line n starts.
func offsetOfLine(lines [][]byte, n int) int {
	off := 0
	for _, l := range lines[:min(n-1, len(lines))] {
		off += len(l)
	}
	return off
}

// formatID writes id as a YAML scalar: bare digits plain, anything else
// double-quoted so that it reads back as the same string.
func formatID(id string) (string, error) {
	if strings.TrimSpace(id) == "" {
		return "", errors.New("the id is empty")
	}
	if strings.Trim(id, "0123456789") == "" {
		return id, nil
	}
	return strconv.Quote(id), nil
}

// writeFileAtomic replaces path whole, keeping its mode.
func writeFileAtomic(path string, data []byte) error {
	info, err := os.Stat(path)
	if err != nil {
		return err
	}
	return atomicfile.Write(path, data, info.Mode().Perm())
}
