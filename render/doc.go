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
//   - Links rooted at the site (/hc/...) are not passed to Link and
//     Image: they address the help center, or the site the tree was
//     written for, which only the caller knows (Options.Rooted).
//   - <img src> and <a href> in raw HTML are resolved like Markdown
//     images and links, and only the tags whose attribute changed are
//     written anew. An HTML block that starts with the comment
//     "<!-- hcsync:verbatim -->" is left as written: export marks so the
//     blocks that link pages relative to the help center's own.
//   - GitHub alerts (> [!NOTE] ...) render as <blockquote class="callout
//     callout-note"> with a bold title paragraph, which Zendesk and
//     Help.Center keep (and export turns back into the alert) and
//     Intercom stores as two paragraphs.
//   - Headings take attributes ({#id .class}); an explicit id is used
//     as written and reserved, so no other heading gets it.
//   - Hugo shortcodes outside code are problems, not text: a help center
//     has no site generator to expand them.
//   - What a #fragment may name (Result.IDs, Anchors) is the heading ids
//     and the id and name attributes of raw HTML (<a name="x">, which
//     older trees use for anchors); Render reports each link's fragment
//     (Result.Fragments) for the caller to check, since only the caller
//     knows which page a relative link opens.
//   - A reference link is reported on its definition's line: that is
//     where its destination is written and fixed.
//   - Normalize ignores comments: readers never see them, and a comment
//     a service strips would otherwise keep a plan from converging.
//     Render writes none of the Markdown's comments (they are the
//     writer's notes, and Zendesk would publish them in the page
//     source), and Markdown writes none into an export.
//   - Task list items are written with U+2610 ☐ and U+2611 ☑, not
//     <input> checkboxes, which Help.Center and Intercom remove; footnote
//     markup is what each service keeps (markup.go).
//
// Normalize and Equal put HTML in a canonical form so that a service
// that re-serialises what it stores does not yield a plan that never
// converges; Equal first runs both bodies through the profile's model
// of the service's cleaning, so it is reflexive and symmetric. Text renders HTML as one line per block, for readable body
// diffs.
package render
