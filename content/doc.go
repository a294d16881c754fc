// Package content is the local side of hcsync: it walks a folder of
// Markdown files with YAML front-matter, builds the Article/Translation
// model the planner diffs against a help center, and reports everything
// wrong with the tree in one pass.
//
// How a folder reads:
//
//   - A folder holding articles is a section; deeper folders are
//     sub-sections; a top-level folder holding only folders is a
//     category. A folder holding neither (images/) is not part of the
//     help center's tree. _section.md or _category.md may set title, id,
//     description and position; both in one folder is an error.
//   - name.md is a source article; name.<locale>.md (Hugo-style, locale
//     like fr, pt-br, zh-TW, es-419) is its translation. A suffix that
//     looks like a locale but has no name.md beside it is reported, with
//     the hint to rename the file if the suffix was not meant as one.
//   - Dot-folders, dot-files, node_modules and files not ending in .md
//     are skipped. An article at the top of the tree needs section:,
//     unless LoadOptions.RootArticles says the help center's articles
//     may stand in no section (Intercom's).
//   - Nothing outside the content folder is read: a link (to a .md, a
//     _section.md, a folder) whose real path is outside the folder's
//     real path is a problem named after the link, and so are a dangling
//     link to a .md and a .md that is not a regular file. Links inside
//     the tree are followed for files, not for folders (as WalkDir).
//     Images and sidecars are read with ReadFile, which applies the same
//     rule when they are read; WriteTreeID applies it to the write-back.
//
// Front-matter decisions where DESIGN.md is silent:
//
//   - A key written with no value (or null) counts as absent, so
//     "segments:" leaves segments alone while "segments: []" means
//     everyone. id may be a number or a string; it is kept as written.
//   - A lone CR inside the front-matter is an error: yaml.v3 counts it as
//     a line break and we do not, so every line reported after it would
//     be wrong.
//   - Keys hcsync does not read are errors unless FrontMatterOptions
//     (hcsync.yaml's front_matter) says otherwise: keys in its ignore
//     list are read as if absent (a key hcsync reads may be listed too,
//     except title and id); unknown: warn makes the others warnings,
//     unknown: ignore drops them. A key a site generator gives a known
//     meaning (Hugo's weight:, Jekyll's permalink:) gets a hint naming
//     hcsync's key, or saying why there is none; the list of every key
//     is a note said once under the problems, not in each line.
//   - diag.Problems carry a Kind; diag.Problems.Format folds more than diag.GroupOver
//     problems of one kind and message into one line.
//   - diag.Problem lines are 1-based file lines. YAML syntax errors carry the
//     line yaml.v3 names (see diag.SplitYAMLError), which is where its parser
//     stopped: for an unclosed [ list that may be the closing ---.
//
// WriteID is the one writer: it edits the id: line of the front-matter
// in place (or inserts one after the title) and leaves every other byte
// of the file as it was. A folder's _section.md or _category.md that
// does not exist is created holding only the id, and one of text alone
// gets a front-matter before its text: a created section's id must be
// kept somewhere for a renamed folder to stay bound to it.
package content
