package preview

// layoutHTML holds the pages' templates. Everything a page needs is in
// it (styles, the reload script): the preview works offline and loads
// nothing from elsewhere.
const layoutHTML = `
{{define "head"}}<!doctype html>
<html lang="{{.Locale}}" data-version="{{.Version}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}} · {{.Site}} (preview)</title>
<style>
:root { --ink: #1f2933; --muted: #616e7c; --line: #e4e7eb; --brand: #2f5bea; --bg: #f5f7fa; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.6 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: #fff; }
a { color: var(--brand); text-decoration: none; }
a:hover { text-decoration: underline; }
header.bar { background: var(--brand); color: #fff; padding: 0 24px; }
header.bar .in { max-width: 1040px; margin: 0 auto; display: flex; align-items: center; gap: 16px; min-height: 56px; flex-wrap: wrap; }
header.bar a { color: #fff; }
header.bar .home { font-weight: 600; font-size: 18px; }
header.bar .note { opacity: .8; font-size: 13px; }
header.bar .spacer { flex: 1; }
nav.locales { display: flex; gap: 6px; }
nav.locales a { padding: 2px 10px; border: 1px solid rgba(255,255,255,.5); border-radius: 14px; font-size: 13px; }
nav.locales a.current { background: #fff; color: var(--brand); }
header.bar a.problems { background: #fff; color: #b42318; border-radius: 14px; padding: 2px 10px; font-size: 13px; font-weight: 600; }
.hero { background: var(--bg); border-bottom: 1px solid var(--line); padding: 32px 24px; }
.hero h1 { max-width: 1040px; margin: 0 auto; font-size: 28px; }
main { max-width: 1088px; margin: 0 auto; padding: 24px; }
.cats { display: grid; grid-template-columns: repeat(auto-fill, minmax(300px, 1fr)); gap: 20px; }
.cat { border: 1px solid var(--line); border-radius: 8px; padding: 16px 20px; }
.cat h2 { margin: 0 0 8px; font-size: 20px; }
.sec h3 { margin: 12px 0 4px; font-size: 15px; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; }
.sec .sec h3 { text-transform: none; letter-spacing: 0; }
ul.arts { list-style: none; margin: 0; padding: 0; }
ul.arts li { padding: 3px 0; }
.tag { display: inline-block; font-size: 11px; border-radius: 8px; padding: 0 6px; margin-left: 6px; vertical-align: 2px; background: var(--bg); color: var(--muted); border: 1px solid var(--line); }
.tag.bad { background: #fef3f2; color: #b42318; border-color: #fecdca; }
.crumbs { color: var(--muted); font-size: 14px; margin-bottom: 8px; }
.layout { display: grid; grid-template-columns: minmax(0, 1fr) 260px; gap: 32px; }
@media (max-width: 800px) { .layout { grid-template-columns: 1fr; } }
article h1 { font-size: 32px; line-height: 1.25; margin: 0 0 16px; }
article img { max-width: 100%; height: auto; border: 1px solid var(--line); border-radius: 4px; }
article pre { background: var(--bg); padding: 12px; overflow: auto; border-radius: 4px; }
article code { font-size: 90%; }
article table { border-collapse: collapse; }
article td, article th { border: 1px solid var(--line); padding: 4px 8px; }
article blockquote { margin: 0; padding: 4px 16px; border-left: 4px solid var(--line); color: var(--muted); }
aside.info { background: var(--bg); border: 1px solid var(--line); border-radius: 8px; padding: 12px 16px; font-size: 13px; align-self: start; }
aside.info h2 { font-size: 13px; margin: 0 0 6px; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; }
aside.info dl { margin: 0; display: grid; grid-template-columns: auto 1fr; gap: 2px 10px; }
aside.info dt { color: var(--muted); }
aside.info dd { margin: 0; word-break: break-word; }
.banner { border-radius: 6px; padding: 10px 14px; margin: 0 0 12px; font-size: 14px; }
.banner.problem { background: #fef3f2; border: 1px solid #fecdca; color: #7a271a; }
.banner.warning { background: #fffaeb; border: 1px solid #fedf89; color: #7a2e0e; }
.banner code { font-weight: 600; }
.banner ul { margin: 4px 0 0; padding-left: 20px; }
</style>
</head>
<body>
<header class="bar"><div class="in">
<a class="home" href="/?locale={{.Locale}}">{{.Site}}</a>
<span class="note">preview · rendered as {{.Profile}} stores it</span>
<span class="spacer"></span>
{{if .Locales}}<nav class="locales" aria-label="Language">{{range .Locales}}<a href="{{.URL}}" data-locale="{{.Locale}}"{{if .Current}} class="current" aria-current="true"{{end}}>{{.Locale}}</a>{{end}}</nav>{{end}}
{{if .Problems}}<a class="problems" href="/problems">{{.Problems}} problem{{if ne .Problems 1}}s{{end}}</a>{{end}}
</div></header>
{{if .LoadErr}}<main><div class="banner problem" role="alert">The tree could not be read: {{.LoadErr}}</div></main>{{end}}
{{end}}

{{define "foot"}}
<script nonce="{{.Nonce}}">
(function () {
  var mine = document.documentElement.getAttribute("data-version");
  var es = new EventSource("/events");
  es.onmessage = function (e) { if (e.data !== mine) { es.close(); location.reload(); } };
})();
</script>
</body>
</html>
{{end}}

{{define "problemlist"}}<ul>{{range .}}<li><code>{{.Where}}</code>: {{.Msg}}{{if .URL}} (<a href="{{.URL}}">article</a>){{end}}</li>{{end}}</ul>{{end}}

{{define "nodes"}}{{range .}}<div class="sec">
<h3>{{.Name}}</h3>
<ul class="arts">{{range .Articles}}<li><a href="{{.URL}}">{{.Title}}</a>{{if .Locale}}<span class="tag">{{.Locale}} only</span>{{end}}{{if .Draft}}<span class="tag">draft</span>{{end}}{{if .Problems}}<span class="tag bad">{{.Problems}} problem{{if ne .Problems 1}}s{{end}}</span>{{end}}</li>{{end}}</ul>
{{template "nodes" .Children}}
</div>{{end}}{{end}}

{{define "index"}}{{template "head" .}}
<div class="hero"><h1>How can we help?</h1></div>
<main>
<div class="cats">
{{range .Body}}<section class="cat">
<h2>{{.Name}}</h2>
{{if .Articles}}<ul class="arts">{{range .Articles}}<li><a href="{{.URL}}">{{.Title}}</a>{{if .Locale}}<span class="tag">{{.Locale}} only</span>{{end}}{{if .Draft}}<span class="tag">draft</span>{{end}}{{if .Problems}}<span class="tag bad">{{.Problems}} problem{{if ne .Problems 1}}s{{end}}</span>{{end}}</li>{{end}}</ul>{{end}}
{{template "nodes" .Children}}
</section>{{end}}
</div>
</main>
{{template "foot" .}}{{end}}

{{define "article"}}{{template "head" .}}
<main>
{{with .Body}}
{{if .Crumbs}}<div class="crumbs"><a href="/?locale={{$.Locale}}">Home</a>{{range .Crumbs}} › {{.}}{{end}}</div>{{end}}
{{if .Problems}}<div class="banner problem" role="alert"><strong>{{len .Problems}} problem{{if ne (len .Problems) 1}}s{{end}}: plan and apply stop at {{if eq (len .Problems) 1}}it{{else}}them{{end}}</strong>{{template "problemlist" .Problems}}</div>{{end}}
{{if .Warnings}}<div class="banner warning"><strong>Warnings</strong>{{template "problemlist" .Warnings}}</div>{{end}}
{{if .Missing}}<div class="banner warning">No translation in {{.Missing}}: showing {{$.Locale}}.</div>{{end}}
<div class="layout">
<article>
<h1>{{$.Title}}</h1>
<div class="body">{{.HTML}}</div>
</article>
<aside class="info"><h2>Front-matter</h2><dl>{{range .Info}}<dt>{{index . 0}}</dt><dd>{{index . 1}}</dd>{{end}}</dl></aside>
</div>
{{end}}
</main>
{{template "foot" .}}{{end}}

{{define "problems"}}{{template "head" .}}
<div class="hero"><h1>Problems</h1></div>
<main>
{{with .Body}}
{{if .Problems}}<div class="banner problem"><strong>{{len .Problems}} problem{{if ne (len .Problems) 1}}s{{end}}</strong>{{template "problemlist" .Problems}}</div>{{else}}<p>No problems found: plan and apply will accept the tree as it is.</p>{{end}}
{{if .Warnings}}<div class="banner warning"><strong>Warnings</strong>{{template "problemlist" .Warnings}}</div>{{end}}
{{end}}
</main>
{{template "foot" .}}{{end}}
`
