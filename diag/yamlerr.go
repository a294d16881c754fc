package diag

import (
	"regexp"
	"strconv"
	"strings"
)

// yamlLineRE finds the line in a yaml.v3 syntax error
// ("yaml: line 3: mapping values are not allowed in this context").
var yamlLineRE = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// yamlParserProblems are the messages yaml.v3 raises from its parser
// (parserc.go) rather than its scanner. For these it prints the 0-based
// line of the construct being parsed where scanner errors print a 1-based
// one (decode.go, parser.fail), so their line needs one added.
var yamlParserProblems = map[string]bool{
	"did not find expected ',' or ']'":       true,
	"did not find expected ',' or '}'":       true,
	"did not find expected '-' indicator":    true,
	"did not find expected <document start>": true,
	"did not find expected <stream-start>":   true,
	"did not find expected key":              true,
	"did not find expected node content":     true,
	"found duplicate %TAG directive":         true,
	"found duplicate %YAML directive":        true,
	"found incompatible YAML document":       true,
	"found undefined tag handle":             true,
}

// SplitYAMLError turns a go.yaml.in/yaml/v3 syntax error into a 1-based
// line of the parsed text and a message without the "yaml: " prefix.
// yaml.v3 leaves the line out for the first line.
func SplitYAMLError(err error) (line int, msg string) {
	text := err.Error()
	m := yamlLineRE.FindStringSubmatch(text)
	if m == nil {
		return 1, strings.TrimPrefix(text, "yaml: ")
	}
	line, _ = strconv.Atoi(m[1])
	if yamlParserProblems[m[2]] {
		line++
	}
	return line, m[2]
}
