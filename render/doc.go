// Package render turns the Markdown bodies of a tree into the HTML a help
// center stores, and compares HTML the way a reader sees it.
//
// Render converts one body with goldmark: GitHub Flavored Markdown
// (tables, task lists, strikethrough, autolinks), footnotes, raw HTML
// kept, and no typographer, so that quotes and dashes survive an export
// back to Markdown. It rewrites relative link and image destinations
// through caller-supplied functions, caps heading levels and runs the
// profile's checks, reporting problems by line.
//
// Decisions the design leaves open:
//
//   - Heading ids follow GitHub's anchors (so "#anchors" checked in a
//     GitHub preview keep working) but are ASCII: accents are folded and
//     other letters dropped; a heading with nothing left is "heading".
//   - What a #fragment may name (Result.IDs, Anchors) is the heading ids
//     and the id and name attributes of raw HTML (<a name="x">, which
//     older trees use for anchors); Render reports each link's fragment
//     (Result.Fragments) for the caller to check, since only the caller
//     knows which page a relative link opens.
//   - A reference link is reported on its definition's line: that is
//     where its destination is written and fixed.
//   - Links rooted at the site (/hc/...) and links in raw HTML are not
//     rewritten: the first already address the help center, the second
//     are the writer's to manage.
//   - Normalize ignores comments: readers never see them, and a comment
//     a service strips would otherwise keep a plan from converging.
//
// Normalize and Equal put HTML in a canonical form so that a service
// that re-serialises what it stores does not yield a plan that never
// converges. Text renders HTML as one line per block, for readable body
// diffs.
package render
