package render

import (
	"cmp"
	"slices"
	"strings"

	"golang.org/x/net/html"
)

// writeAttrs writes attributes in canonical form: sorted by name, first
// of duplicates kept, values double-quoted, boolean attributes bare. The
// id attribute is left out when dropID is set.
func writeAttrs(b *strings.Builder, attrs []html.Attribute, dropID bool) {
	if len(attrs) == 0 {
		return
	}
	type attr struct{ key, val string }
	list := make([]attr, 0, len(attrs))
	for _, a := range attrs {
		key := a.Key
		if a.Namespace != "" {
			key = a.Namespace + ":" + a.Key
		}
		if strings.ContainsAny(key, "\"'<=") {
			// Only malformed markup yields such names; no browser
			// gives them meaning, and they cannot be written back
			// so as to parse the same.
			continue
		}
		val := a.Val
		switch key {
		case "id":
			if dropID {
				continue
			}
		case "class":
			val = normalizeClass(val)
			if val == "" {
				continue
			}
		case "style":
			val = normalizeStyle(val)
			if val == "" {
				continue
			}
		}
		list = append(list, attr{key, val})
	}
	slices.SortStableFunc(list, func(x, y attr) int { return cmp.Compare(x.key, y.key) })
	for i, a := range list {
		if i > 0 && a.key == list[i-1].key {
			continue // browsers keep the first
		}
		b.WriteByte(' ')
		b.WriteString(a.key)
		if isBoolean(a.key) && (a.val == "" || strings.EqualFold(a.val, a.key)) {
			continue
		}
		b.WriteString(`="`)
		escapeAttr(b, a.val)
		b.WriteByte('"')
	}
}

// normalizeClass sorts and deduplicates class names: their order means
// nothing to CSS.
func normalizeClass(v string) string {
	f := strings.Fields(v)
	if len(f) < 2 {
		return strings.Join(f, "")
	}
	slices.Sort(f)
	return strings.Join(slices.Compact(f), " ")
}

// normalizeStyle writes declarations as "name: value; name: value",
// property names lower-cased, empty declarations dropped. Values are
// kept but for their outer whitespace.
func normalizeStyle(v string) string {
	if strings.TrimSpace(v) == "" {
		return ""
	}
	var b strings.Builder
	for decl := range strings.SplitSeq(v, ";") {
		name, val, ok := strings.Cut(decl, ":")
		name = strings.TrimSpace(name)
		if name == "" && !ok {
			continue
		}
		if b.Len() > 0 {
			b.WriteString("; ")
		}
		b.WriteString(strings.ToLower(name))
		if ok {
			b.WriteString(": ")
			b.WriteString(strings.Join(strings.Fields(val), " "))
		}
	}
	return b.String()
}

// isBoolean reports HTML's boolean attributes, whose presence is their
// value: checked, checked="" and checked="checked" mean the same.
func isBoolean(key string) bool {
	switch key {
	case "allowfullscreen", "async", "autofocus", "autoplay", "checked",
		"controls", "default", "defer", "disabled", "formnovalidate",
		"hidden", "inert", "ismap", "itemscope", "loop", "multiple", "muted",
		"nomodule", "novalidate", "open", "playsinline", "readonly",
		"required", "reversed", "selected":
		return true
	}
	return false
}
