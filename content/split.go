package content

import (
	"bytes"

	"github.com/adrg/frontmatter"
)

// document is a file cut into its YAML front-matter and its body, with
// the offsets and lines that errors and WriteID need.
type document struct {
	// open is set when the first non-blank line is "---"; closed when a
	// second "---" line ends the block.
	open, closed bool
	openLine     int // line of the opening "---"

	yamlStart, yamlEnd int // byte range of the YAML between the delimiters
	yamlLine           int // line of the first byte of the YAML

	bodyStart int // byte offset of the body: everything after the closing line
	bodyLine  int
}

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// yamlDelims is the one front-matter format hcsync reads: YAML between
// "---" lines. The unmarshal function only records the block; the YAML is
// parsed by the caller into a yaml.Node so that every key keeps its line.
func yamlDelims(captured *[]byte, found *bool) *frontmatter.Format {
	return frontmatter.NewFormat("---", "---", func(b []byte, _ any) error {
		*captured, *found = b, true
		return nil
	})
}

// split locates the front-matter of data. Delimiter lines follow
// adrg/frontmatter: leading blank lines are skipped and surrounding
// spaces (and a CR) are ignored, so "---\r\n" closes a block.
func split(data []byte) document {
	if d, ok := splitFast(data); ok {
		return d
	}
	return splitSlow(data)
}

// splitFast handles the layout nearly every file has, a first line that
// is exactly "---" and a later line that is exactly "---", without the
// copy of the whole file that adrg/frontmatter makes. It returns false
// for anything else, leaving the odd layouts to splitSlow; FuzzSplitFast
// holds it to splitSlow's answer.
func splitFast(data []byte) (document, bool) {
	if !bytes.HasPrefix(data, []byte("---\n")) {
		return document{}, false
	}
	for start, line := 4, 2; start < len(data); line++ {
		end := bytes.IndexByte(data[start:], '\n')
		next := start + end + 1
		if end < 0 {
			end, next = len(data)-start, len(data)
		}
		l := data[start : start+end]
		// adrg/frontmatter closes the block at the first line that trims
		// to "---" (unicode spaces included); only a bare one is ours.
		if len(l) >= 3 && string(bytes.TrimSpace(l)) == "---" {
			if len(l) != 3 {
				return document{}, false
			}
			bodyLine := line + 1
			if next == len(data) && data[len(data)-1] != '\n' {
				bodyLine = line
			}
			return document{
				open: true, closed: true, openLine: 1,
				yamlStart: 4, yamlEnd: start, yamlLine: 2,
				bodyStart: next, bodyLine: bodyLine,
			}, true
		}
		start = next
	}
	return document{}, false
}

// splitSlow is split through adrg/frontmatter, for any layout.
func splitSlow(data []byte) document {
	bom := 0
	if bytes.HasPrefix(data, utf8BOM) {
		bom = len(utf8BOM)
	}
	var (
		captured []byte
		found    bool
	)
	// Reading from a bytes.Reader cannot fail and our unmarshal never
	// returns an error, so Parse has no error to report.
	rest, _ := frontmatter.Parse(bytes.NewReader(data[bom:]), nil, yamlDelims(&captured, &found))

	var d document
	if !found {
		d.openLine = firstLineIsDelim(data[bom:])
		d.open = d.openLine > 0
		d.bodyStart = bom
		d.bodyLine = 1
		return d
	}
	d.open, d.closed = true, true
	d.bodyStart = len(data) - len(rest)
	d.bodyLine = lineAt(data, d.bodyStart)

	// The closing delimiter is the last line before the body; the YAML
	// ends where that line starts.
	head := data[:d.bodyStart]
	head = head[:len(head)-1] // drop the closing line's '\n' (or its last byte at EOF)
	d.yamlEnd = bytes.LastIndexByte(head, '\n') + 1
	d.yamlStart = d.yamlEnd - len(captured)
	d.yamlLine = lineAt(data, d.yamlStart)
	d.openLine = d.yamlLine - 1
	return d
}

// firstLineIsDelim returns the line of the first non-blank line of data
// when it is "---", else 0.
func firstLineIsDelim(data []byte) int {
	line := 1
	for len(data) > 0 {
		l, rest, _ := bytes.Cut(data, []byte("\n"))
		if t := bytes.TrimSpace(l); len(t) > 0 {
			if string(t) == "---" {
				return line
			}
			return 0
		}
		data = rest
		line++
	}
	return 0
}

// lineAt returns the 1-based line of the byte at offset.
func lineAt(data []byte, offset int) int {
	return bytes.Count(data[:offset], []byte("\n")) + 1
}
