// Package preview serves a tree as a help center shows it, on the
// writer's machine, before the pull request: categories, sections and
// articles, each body rendered with a help center's HTML profile (the
// HTML apply sends, cleaned as the service stores it), with the
// problems validate and an offline plan find shown on the page they
// concern, and pages that reload when a file is saved.
//
// It needs no help center: it reads the tree (package content), renders
// (package render) and resolves links and images as the planner does
// (sync.OfflineLinks). It constructs no provider client and reads no
// credentials.
//
// Decisions the issue leaves open:
//
//   - Links between articles lead to /a/<source file>?locale=<locale>:
//     the page of the translation the planner would link (the reader's
//     locale when the target has it). Images are served at /img/<path>
//     through content.ReadFile, which refuses anything leading out of
//     the content folder; only files whose extension names an image
//     type are served.
//   - The index lists every article in the locale chosen; an article
//     without a translation in it is listed in its source locale and
//     marked so, as a help center would fall back.
//   - Problems that need the help center (an id it lacks, a locale it
//     has not enabled, an unknown segment) are not known offline and
//     are not shown; nor are a provider's image size and type limits.
//   - The whole tree is loaded again on every change (through an
//     in-memory load cache), since the links and problems of one file
//     depend on the others: a removed target makes a link dead. A body
//     is rendered again only when its Markdown changed or one of its
//     links or images resolves differently; on a generated tree of
//     10,050 files (bench.Generate, 2,500 articles in 4 locales) a
//     reload after one save took 0.6-0.7 s instead of 9-11 s for
//     rendering everything, on a busy 2-core machine.
//   - Pages allow no script but the preview's own (Content-Security-
//     Policy): help centers strip scripts from bodies, and a tree from
//     someone's pull request should run no code in the writer's
//     browser. On loopback, requests naming another host are refused,
//     against DNS rebinding.
package preview
