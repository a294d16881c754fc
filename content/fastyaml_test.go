package content

import (
	"fmt"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// fastYAMLSeeds are front-matters, real and tricky, on both sides of the
// line between what fastYAML reads and what it leaves to yaml.v3.
var fastYAMLSeeds = []string{
	"title: Article 1 (en-us)\nid: 1221\nlabels: [topic-1, area-1]\nposition: 1\ndraft: true\n",
	"title: Install\n",
	"",
	"\n\n",
	"  \n \n",
	"title: A\n\n\nid: 7\n",
	"\n\ntitle: A",
	"title: A   \nid: 3  \n",
	"title:\nid:   \n",
	"title:",
	"segments:\n  - staff\n  - agents\npromoted: false\n",
	"segments:\n- staff\n- agents\n",
	"segments:\n    -   staff\n\n    - \"agents\"\n    - 'x'\nid: 1\n",
	"segments:\n  - staff\n - agents\n",
	"segments:\n  - staff\n    - agents\n",
	"segments:\n  - staff\n    more\n",
	"segments:\n  -\n  - a\n",
	"segments:\n  - a: b\n",
	"segments:\n  - - a\n",
	"segments:\n  - [a]\n",
	"title: x\n  - a\n",
	"title: x\n  more\n",
	"- a\n- b\n",
	"labels: []\n",
	"labels: [ ]\n",
	"labels: [a,b]\n",
	"labels: [ a , b ]  \n",
	"labels: [a, b,]\n",
	"labels: [a,, b]\n",
	"labels: [a, [b]]\n",
	"labels: [a, {b: c}]\n",
	"labels: [a: b]\n",
	"labels: [a, b\n  , c]\n",
	"labels: [a, b] x\n",
	"labels: [\"a, b\", 'c''d', e f]\n",
	"labels: [é, ü, 日本]\n",
	"labels: [c#, a #b]\n",
	"labels: [1, 2, true, null, ~]\n",
	"title: \"quoted: yes\"\n",
	"title: 'single ''quoted'''\n",
	"title: \"back\\\\slash \\\"q\\\"\"\n",
	"title: \"tab\\tescape\"\n",
	"title: \"line\\nbreak\"\n",
	"title: \"unterminated\n",
	"title: \"two\n  lines\"\n",
	"title: 'two\n  lines'\n",
	"title: \"a\" b\n",
	"title: \"a\"   \n",
	"title: \"a\" # c\n",
	"title: C# tips\n",
	"title: a #comment\n",
	"# comment\ntitle: A\n",
	"title: A # comment\n",
	"title: https://example.com:8080/a?b=c#d\n",
	"title: a: b\n",
	"title: a:\n",
	"title: a:b\n",
	"key:value\n",
	"title: Billing & payments\n",
	"title: a *b* !c |d >e %f @g `h` {i} [j], k\n",
	"title: &a x\n",
	"title: *a\n",
	"title: !!str 1\n",
	"title: |\n  block\n",
	"title: >\n  folded\n",
	"title: {a: b}\n",
	"title: %x\n",
	"title: @x\n",
	"title: `x`\n",
	"title: -x\n",
	"title: - x\n",
	"title: ?x\n",
	"title: ,x\n",
	"title: [x\n",
	"title: ]x\n",
	"title:\tA\n",
	"title: A\r\n",
	"title: A\n---\nid: 1\n",
	"title: A\n...\n",
	"title: A\n--- x\n",
	"title: Ünïcödé title — with dashes\n",
	"title: 日本語のタイトル\n",
	"title: x\u00a0y\u00a0\n",
	"title: x\u2028y\n",
	"title: x\u0085y\n",
	"title: x\ufeffy\n",
	"title: x\x7fy\n",
	"title: x\x00y\n",
	"id: 0\n",
	"id: 1221\n",
	"id: 0123\n",
	"id: 089\n",
	"id: 00\n",
	"id: 123456789012345678\n",
	"id: 1234567890123456789\n",
	"id: 99999999999999999999\n",
	"id: -1\n",
	"id: +1\n",
	"id: 1_000\n",
	"id: 1e3\n",
	"id: 1.5\n",
	"id: 0x1F\n",
	"id: 0o17\n",
	"id: 0b101\n",
	"id: .inf\n",
	"id: .5\n",
	"id: 2024-01-02\n",
	"id: 2024-01-02 10:00:00\n",
	"id: 2024-1-2\n",
	"id: 12 monkeys\n",
	"id: 3D printing\n",
	"id: 1a\n",
	"id: 1-2\n",
	"id: 1,000\n",
	"draft: yes\n",
	"draft: no\n",
	"draft: on\n",
	"draft: off\n",
	"draft: Y\n",
	"draft: y\n",
	"draft: True\n",
	"draft: FALSE\n",
	"draft: tRUE\n",
	"draft: null\n",
	"draft: Null\n",
	"draft: NULL\n",
	"draft: ~\n",
	"draft: <<\n",
	"draft: <x\n",
	"<<: x\n",
	"true: 1\nnull: 2\n1: 3\n007: 4\n",
	"title: A\ntitle: B\n",
	"_x: 1\nx_y: 2\n",
	"a b: c\n",
	"a-b: c\n",
	"\"title\": A\n",
	"title : A\n",
	" title: A\n",
	strings.Repeat("k", 200) + ": v\n",
	"title: A\nid: 1",
	"title: " + strings.Repeat("long ", 300) + "\n",
}

// slowRoot parses src the way parseYAML does without its fast path.
func slowRoot(src []byte) (*yaml.Node, []string) {
	var problems []string
	root, ok := parseYAMLSlow(src, 1, func(line int, format string, args ...any) {
		problems = append(problems, fmt.Sprintf("%d: "+format, append([]any{line}, args...)...))
	})
	if !ok {
		return nil, problems
	}
	return root, problems
}

// diffNodes returns where got differs from want, or "" when it does not,
// comparing every field yaml.v3 fills in.
func diffNodes(path string, got, want *yaml.Node) string {
	if got.Kind != want.Kind || got.Style != want.Style || got.Tag != want.Tag || got.Value != want.Value ||
		got.Line != want.Line || got.Column != want.Column || got.Anchor != want.Anchor ||
		got.HeadComment != want.HeadComment || got.LineComment != want.LineComment || got.FootComment != want.FootComment ||
		(got.Alias == nil) != (want.Alias == nil) || len(got.Content) != len(want.Content) {
		return fmt.Sprintf("%s: got %s, want %s", path, nodeString(got), nodeString(want))
	}
	for i := range got.Content {
		if d := diffNodes(fmt.Sprintf("%s/%d", path, i), got.Content[i], want.Content[i]); d != "" {
			return d
		}
	}
	return ""
}

func nodeString(n *yaml.Node) string {
	return fmt.Sprintf("{Kind:%d Style:%d Tag:%q Value:%q Line:%d Column:%d Anchor:%q Comments:%q/%q/%q Alias:%v Content:%d}",
		n.Kind, n.Style, n.Tag, n.Value, n.Line, n.Column, n.Anchor, n.HeadComment, n.LineComment, n.FootComment, n.Alias != nil, len(n.Content))
}

// checkFastYAML fails t when fastYAML takes src and yaml.v3 reads it
// differently. It returns whether fastYAML took it.
func checkFastYAML(t *testing.T, src []byte) bool {
	t.Helper()
	fast, ok := fastYAML(src)
	if !ok {
		return false
	}
	slow, problems := slowRoot(src)
	if slow == nil || len(problems) > 0 {
		t.Fatalf("fastYAML took %q, which yaml.v3 rejects: %v", src, problems)
	}
	if d := diffNodes("root", fast, slow); d != "" {
		t.Fatalf("fastYAML(%q) differs from yaml.v3 at %s", src, d)
	}
	// boolean and integer decode through yaml.v3 from the node.
	for i := 1; i < len(fast.Content); i += 2 {
		fv, sv := fast.Content[i], slow.Content[i]
		var fb, sb bool
		var fn, sn int
		if fe, se := fv.Decode(&fb), sv.Decode(&sb); (fe == nil) != (se == nil) || fb != sb {
			t.Fatalf("fastYAML(%q): value %d decodes as bool to %v, %v; yaml.v3's to %v, %v", src, i, fb, fe, sb, se)
		}
		if fe, se := fv.Decode(&fn), sv.Decode(&sn); (fe == nil) != (se == nil) || fn != sn {
			t.Fatalf("fastYAML(%q): value %d decodes as int to %v, %v; yaml.v3's to %v, %v", src, i, fn, fe, sn, se)
		}
	}
	return true
}

func TestFastYAMLSeeds(t *testing.T) {
	t.Parallel()
	for _, s := range fastYAMLSeeds {
		checkFastYAML(t, []byte(s))
	}
}

// TestFastYAMLTakes pins which blocks take the fast path, so that a
// change that sends everything to yaml.v3 does not pass unnoticed.
func TestFastYAMLTakes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		src  string
		fast bool
	}{
		{"title: Article 1 (en-us)\nid: 1221\nlabels: [topic-1, area-1]\nposition: 1\ndraft: true\n", true},
		{"title: Install\n", true},
		{"", true},
		{"\n  \n", true},
		{"title: A\n\nid:\n", true},
		{"title: A   \nid: 0", true},
		{"segments:\n  - staff\n  - \"agents\"\n- x\n", false},
		{"segments:\n  - staff\n  - 'agents'\npromoted: false\n", true},
		{"segments:\n- staff\n", true},
		{"labels: []\n", true},
		{"labels: [\"a, b\", 'c''d', e f, 3, c#]\n", true},
		{"title: \"Billing & payments: FAQ\"\n", true},
		{"title: 'It''s here'\n", true},
		{"title: \"Say \\\"hi\\\" \\\\ bye\"\n", true},
		{"title: \"tab\\t\"\n", false},
		{"title: Billing & payments, *new*\n", true},
		{"title: C# in 10 minutes\n", true},
		{"title: See https://example.com/a?b#c\n", true},
		{"title: 10 tips for admins\n", true},
		{"title: Ünïcödé — 日本語\n", true},
		{"title: yes\ndraft: False\nslug: ~\nsection: null\n", true},
		{"title: A # comment\n", false},
		{"# comment\ntitle: A\n", false},
		{"title: a: b\n", false},
		{"title: &x A\n", false},
		{"title: |\n  A\n", false},
		{"title: >\n  A\n", false},
		{"title: A\n  continued\n", false},
		{"title: \"A\n  B\"\n", false},
		{"title: {a: b}\n", false},
		{"title:\tA\n", false},
		{"title: A\r\n", false},
		{"title: A\n---\n", false},
		{"title: A\n...\n", false},
		{"labels: [a,\n  b]\n", false},
		{"labels: [a, b,]\n", false},
		{"id: 0123\n", false},
		{"id: -1\n", false},
		{"id: 1e3\n", false},
		{"id: 0x1F\n", false},
		{"id: 1_000\n", false},
		{"id: .inf\n", false},
		{"id: 2024-01-02\n", false},
		{"id: 1234567890123456789\n", false},
		{"key:value\n", false},
		{"a-b: c\n", false},
		{"- a\n", false},
	}
	for _, tt := range tests {
		src := []byte(tt.src)
		if got := checkFastYAML(t, src); got != tt.fast {
			t.Errorf("fastYAML(%q) took it: %v, want %v", tt.src, got, tt.fast)
		}
	}
}

// FuzzFastYAML holds fastYAML to yaml.v3's answer on every block it
// takes.
func FuzzFastYAML(f *testing.F) {
	for _, s := range fastYAMLSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		checkFastYAML(t, src)
	})
}

// TestFastYAMLAtoms puts scalar spellings that YAML reads in different
// ways into every place fastYAML reads a scalar, and pairs of them into
// flow sequences, and holds each block fastYAML takes to yaml.v3. It
// reaches systematically what the fuzzer finds by chance.
func TestFastYAMLAtoms(t *testing.T) {
	t.Parallel()
	atoms := []string{
		"a", "A b", "a  b", "é", "日本", "1", "0", "00", "01", "09", "-1", "+1", "1e3", "1E3", "1.", "1.0", ".5", ".",
		"..", "...", "1_0", "_1", "0x1F", "0o17", "0b1", "-0b1", "0777", "9223372036854775807",
		"18446744073709551615", "999999999999999999999", "123456789012345678", "yes", "No", "ON", "off", "y", "n",
		"~", "null", "Null", "nULL", "true", "True", "TRUE", "tRue", "false", "False", "FALSE", "<<", "<", "<a",
		".inf", "-.inf", ".NaN", "2024-01-02", "2024-1-2", "2024-01-02 10:00:00", "2024-01-02T10:00:00Z", "2024-",
		"1 2", "1-2", "1,2", "1:2", "a:b", "a: b", "a:", "a :", "a #b", "a#b", "#a", "&a", "*a", "!a", "!!str a",
		"|", ">", "%a", "@a", "`a`", "\"a\"", "'a'", "'a''b'", "''", "\"\"", "\"a\\\"b\"", "\"a\\\\\"", "\"a\\n\"",
		"\"a\" b", "'a' b", "\"a", "'a", "a\"b", "a'b", "a,b", "a]", "[a]", "[]", "{a}", "a{b", "a}", "a[b", "a?", "a?b", "a ?b", "-",
		"- a", "-a", "?", "? a", "?a", ":", ":a", ",a", "]a", "--- a", "a\u00a0", "\u00a0a", "x\u3000y",
	}
	places := []string{
		"k: %s\n", "k: %s   \n", "k: %s", "k:  %s\nj: 1\n", "k:\n  - %s\n", "k:\n- %s\nj: 1\n",
		"k:\n  - x\n  - %s\n", "%s: v\n", "%s:\n", "k: [%s]\n", "k: [ %s ]\n", "k: [x,%s]\n", "k: [%s, x]\n",
	}
	taken := 0
	check := func(src string) {
		if checkFastYAML(t, []byte(src)) {
			taken++
		}
	}
	for _, a := range atoms {
		for _, p := range places {
			check(fmt.Sprintf(p, a))
		}
		for _, b := range atoms {
			check(fmt.Sprintf("k: [%s,%s]\n", a, b))
		}
	}
	// A fast path that gave up on everything would pass the checks above.
	if taken < 2000 {
		t.Errorf("fastYAML took only %d of the blocks", taken)
	}
	t.Logf("fastYAML took %d blocks", taken)
}
