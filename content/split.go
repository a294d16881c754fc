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
