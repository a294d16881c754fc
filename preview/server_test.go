package preview

import (
	"bufio"
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hcsync/hcsync/content"
	"github.com/hcsync/hcsync/render"
)

// writeTree writes files (slash paths) under a fresh folder and returns
// it.
func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	for name, text := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

// sampleTree is a small help center: a category with two sections, a
// translation, an image, a link between articles and one dead link.
var sampleTree = map[string]string{
	"guide/_category.md":               "---\ntitle: Guide\n---\n",
	"guide/start/_section.md":          "---\ntitle: Start here\n---\n",
	"guide/start/install.md":           "---\ntitle: Install it\nlabels: [setup]\nid: \"42\"\n---\nRead [the tour](tour.md#top).\n\n![screen](images/screen.png)\n\n### Deep heading\n",
	"guide/start/install.fr.md":        "---\ntitle: L'installer\n---\nLisez [la visite](tour.md).\n",
	"guide/start/tour.md":              "---\ntitle: Take the tour\ndraft: true\n---\nIntro.\n\nSee [gone](missing.md).\n",
	"guide/start/images/screen.png":    "\x89PNG fake",
	"guide/more/faq.md":                "---\ntitle: FAQ\n---\nNothing yet.\n",
	"guide/more/_section.md":           "---\ntitle: More\n---\n",
	"guide/more/broken.md":             "---\ntitle: [unclosed\n---\nx\n",
	"guide/start/images/notes.md.html": "<p>not an image</p>",
}

func newTestServer(t *testing.T, files map[string]string, profile string) (*Server, string) {
	t.Helper()
	root := writeTree(t, files)
	srv := New(Options{Root: root, Load: content.LoadOptions{DefaultLocale: "en-us"}, Profile: render.Lookup(profile),
		Shown: func(f string) string { return "docs/" + f }, Title: "Acme"})
	t.Cleanup(srv.Close)
	return srv, root
}

func get(t *testing.T, h http.Handler, target string) (int, string) {
	t.Helper()
	req := httptest.NewRequest("GET", "http://127.0.0.1:8080"+target, nil)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec.Code, rec.Body.String()
}

func TestIndexListsEveryArticleByCategoryAndSection(t *testing.T) {
	srv, _ := newTestServer(t, sampleTree, "zendesk")
	code, body := get(t, srv, "/")
	if code != 200 {
		t.Fatalf("GET / = %d\n%s", code, body)
	}
	for _, want := range []string{
		"<h2>Guide</h2>", "<h3>Start here</h3>", "<h3>More</h3>",
		`<a href="/a/guide/start/install.md?locale=en-us">Install it</a>`,
		`<a href="/a/guide/start/tour.md?locale=en-us">Take the tour</a><span class="tag">draft</span>`,
		`<a href="/a/guide/more/faq.md?locale=en-us">FAQ</a>`,
		`href="/?locale=fr"`, // the locale switcher
	} {
		if !strings.Contains(body, want) {
			t.Errorf("index lacks %s\n%s", want, body)
		}
	}
	// In French, the translated article shows its French title; the
	// others fall back to their source, marked.
	_, fr := get(t, srv, "/?locale=fr")
	if !strings.Contains(fr, `>L&#39;installer</a>`) || !strings.Contains(fr, `>FAQ</a><span class="tag">en-us only</span>`) {
		t.Errorf("French index:\n%s", fr)
	}
}

// The article shows the HTML of the chosen profile: Intercom keeps h1
// and h2 only, Zendesk every level; links lead to the preview's pages,
// images to the preview's copy of the tree's file.
func TestArticleIsRenderedWithTheProfile(t *testing.T) {
	tests := []struct {
		profile string
		want    []string
		notWant []string
	}{
		{"zendesk", []string{`<h3 id="deep-heading">Deep heading</h3>`}, nil},
		{"intercom", []string{"<h2>Deep heading</h2>"}, []string{"<h3"}},
	}
	for _, tt := range tests {
		t.Run(tt.profile, func(t *testing.T) {
			srv, _ := newTestServer(t, sampleTree, tt.profile)
			code, body := get(t, srv, "/a/guide/start/install.md")
			if code != 200 {
				t.Fatalf("GET article = %d\n%s", code, body)
			}
			want := append([]string{
				`href="/a/guide/start/tour.md?locale=en-us#top"`,
				`src="/img/guide/start/images/screen.png"`,
				"<dt>labels</dt><dd>setup</dd>", "<dt>id</dt><dd>42</dd>",
				"rendered as " + tt.profile + " stores it",
			}, tt.want...)
			for _, w := range want {
				if !strings.Contains(body, w) {
					t.Errorf("article lacks %s\n%s", w, body)
				}
			}
			for _, w := range tt.notWant {
				if strings.Contains(body, w) {
					t.Errorf("article has %s\n%s", w, body)
				}
			}
		})
	}
}

func TestLocaleSwitchShowsTheTranslation(t *testing.T) {
	srv, _ := newTestServer(t, sampleTree, "zendesk")
	_, body := get(t, srv, "/a/guide/start/install.md?locale=fr")
	for _, want := range []string{"<h1>L&#39;installer</h1>", `href="/a/guide/start/tour.md?locale=en-us"`, "<dt>file</dt><dd>docs/guide/start/install.fr.md</dd>"} {
		if !strings.Contains(body, want) {
			t.Errorf("French page lacks %s\n%s", want, body)
		}
	}
	// A locale the article lacks shows the source, and says so.
	_, body = get(t, srv, "/a/guide/start/tour.md?locale=fr")
	if !strings.Contains(body, "<h1>Take the tour</h1>") || !strings.Contains(body, "No translation in fr") {
		t.Errorf("tour in fr:\n%s", body)
	}
}

func TestProblemsShowOnTheirPageAndAllOnProblems(t *testing.T) {
	srv, _ := newTestServer(t, sampleTree, "zendesk")
	_, tour := get(t, srv, "/a/guide/start/tour.md")
	want := `<code>docs/guide/start/tour.md:7</code>: link &#34;missing.md&#34;: dead link: guide/start/missing.md does not exist`
	if !strings.Contains(tour, `class="banner problem"`) || !strings.Contains(tour, want) {
		t.Errorf("tour page lacks the dead link banner %s\n%s", want, tour)
	}
	if _, install := get(t, srv, "/a/guide/start/install.md"); strings.Contains(install, `class="banner problem"`) {
		t.Errorf("install page has a problem banner:\n%s", install)
	}
	_, all := get(t, srv, "/problems")
	for _, w := range []string{want, "<code>docs/guide/more/broken.md:3</code>"} {
		if !strings.Contains(all, w) {
			t.Errorf("/problems lacks %s\n%s", w, all)
		}
	}
	_, index := get(t, srv, "/")
	if !strings.Contains(index, `<a class="problems" href="/problems">2 problems</a>`) {
		t.Errorf("index does not link the 2 problems:\n%s", index)
	}
}

// What the service refuses is a problem too: Intercom answers 400 to
// nested lists.
func TestProfileCheckIsABanner(t *testing.T) {
	srv, _ := newTestServer(t, map[string]string{
		"s/a.md": "---\ntitle: A\n---\n- one\n  - nested\n",
	}, "intercom")
	_, body := get(t, srv, "/a/s/a.md")
	if !strings.Contains(body, "<code>docs/s/a.md:") || !strings.Contains(body, "nested list") {
		t.Errorf("no banner for the nested list:\n%s", body)
	}
}

func TestImagesAreServedFromTheTreeOnly(t *testing.T) {
	srv, root := newTestServer(t, sampleTree, "zendesk")
	outside := filepath.Join(t.TempDir(), "secret.png")
	if err := os.WriteFile(outside, []byte("TOPSECRET"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(root, "guide", "start", "images", "leak.png")); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		path string
		code int
	}{
		{"/img/guide/start/images/screen.png", 200},
		{"/img/guide/start/images/leak.png", 403},      // a link out of the tree
		{"/img/..%2f..%2fsecret.png", 403},             // a path out of the tree
		{"/img/guide/start/install.md", 404},           // not an image
		{"/img/guide/start/images/notes.md.html", 404}, // not an image
		{"/img/guide/start/images/missing.png", 404},   // no such file
	}
	for _, tt := range tests {
		code, body := get(t, srv, tt.path)
		if code != tt.code {
			t.Errorf("GET %s = %d, want %d (%s)", tt.path, code, tt.code, body)
		}
		if strings.Contains(body, "TOPSECRET") && tt.code != 200 {
			t.Errorf("GET %s served the file outside the tree", tt.path)
		}
	}
}

func TestOnlyLoopbackHostsAreAnswered(t *testing.T) {
	srv, _ := newTestServer(t, sampleTree, "zendesk")
	for host, want := range map[string]int{"127.0.0.1:8080": 200, "localhost:8080": 200, "[::1]:8080": 200, "evil.example:8080": 403} {
		req := httptest.NewRequest("GET", "/", nil)
		req.Host = host
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, req)
		if rec.Code != want {
			t.Errorf("Host %s: %d, want %d", host, rec.Code, want)
		}
	}
}

// A saved file reaches the open pages: the watcher reloads the tree and
// the event stream tells each page the new version.
func TestSaveReloadsAndNotifies(t *testing.T) {
	srv, root := newTestServer(t, sampleTree, "zendesk")
	hs := httptest.NewServer(srv)
	defer hs.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go srv.Watch(ctx, func(err error) { t.Errorf("watch: %v", err) })
	time.Sleep(200 * time.Millisecond) // let the watcher start

	req, _ := http.NewRequestWithContext(ctx, "GET", hs.URL+"/events", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	events := bufio.NewReader(resp.Body)
	first := nextData(t, events)

	file := filepath.Join(root, "guide", "more", "faq.md")
	if err := os.WriteFile(file, []byte("---\ntitle: FAQ\n---\nNow with answers.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if next := nextData(t, events); next == first {
		t.Fatalf("event stream sent version %s again after a save", next)
	}
	_, body := get(t, srv, "/a/guide/more/faq.md")
	if !strings.Contains(body, "Now with answers.") {
		t.Errorf("the saved text is not shown:\n%s", body)
	}
}

// nextData reads the next data: line of an event stream, failing the
// test after 3 s.
func nextData(t *testing.T, r *bufio.Reader) string {
	t.Helper()
	got := make(chan string, 1)
	go func() {
		for {
			line, err := r.ReadString('\n')
			if err != nil {
				got <- "error: " + err.Error()
				return
			}
			if v, ok := strings.CutPrefix(line, "data: "); ok {
				got <- strings.TrimSpace(v)
				return
			}
		}
	}()
	select {
	case v := <-got:
		return v
	case <-time.After(3 * time.Second):
		t.Fatal("no event within 3 s")
		return ""
	}
}

// A reload renders again only the bodies a change concerns: the saved
// file, and those whose links now lead elsewhere. What the others show
// stays true: their problems' lines follow a front-matter that grew.
func TestReloadRendersOnlyWhatChanged(t *testing.T) {
	srv, root := newTestServer(t, sampleTree, "zendesk")
	write := func(name, text string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(root, filepath.FromSlash(name)), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	rendered := func() int64 { st, _ := srv.current(); return st.renders.Load() }
	if got := rendered(); got != 4 {
		t.Fatalf("first load rendered %d bodies, want all 4", got)
	}

	write("guide/more/faq.md", "---\ntitle: FAQ\n---\nNow with answers.\n")
	srv.Reload()
	if got := rendered(); got != 1 {
		t.Errorf("an edit of one body rendered %d bodies, want 1", got)
	}
	if _, body := get(t, srv, "/a/guide/more/faq.md"); !strings.Contains(body, "Now with answers.") {
		t.Errorf("the edit is not shown:\n%s", body)
	}

	// A longer front-matter moves the dead link of tour.md a line down.
	write("guide/start/tour.md", "---\ntitle: Take the tour\ndraft: true\nlabels: [tour]\n---\nIntro.\n\nSee [gone](missing.md).\n")
	srv.Reload()
	if got := rendered(); got != 0 {
		t.Errorf("a front-matter edit rendered %d bodies, want none", got)
	}
	if _, body := get(t, srv, "/a/guide/start/tour.md"); !strings.Contains(body, "<code>docs/guide/start/tour.md:8</code>") {
		t.Errorf("the dead link is not reported at its new line 8:\n%s", body)
	}

	// The bodies that link to a file removed render again: their link
	// is dead now.
	if err := os.Remove(filepath.Join(root, "guide", "start", "tour.md")); err != nil {
		t.Fatal(err)
	}
	srv.Reload()
	if got := rendered(); got != 2 {
		t.Errorf("removing a link target rendered %d bodies, want its 2 linking ones", got)
	}
	if _, body := get(t, srv, "/a/guide/start/install.md"); !strings.Contains(body, "dead link: guide/start/tour.md does not exist") {
		t.Errorf("install.md shows no dead link to the removed tour.md:\n%s", body)
	}
}

// A script in a body does not run in the preview: help centers strip
// them, and a tree from a pull request should run no code in the
// writer's browser. The page's own reload script carries the nonce.
func TestPagesAllowOnlyTheirOwnScript(t *testing.T) {
	srv, _ := newTestServer(t, map[string]string{"s/a.md": "---\ntitle: A\n---\n<script>alert(1)</script>\n"}, "")
	req := httptest.NewRequest("GET", "http://127.0.0.1:8080/a/s/a.md", nil)
	rec := httptest.NewRecorder()
	srv.ServeHTTP(rec, req)
	csp := rec.Header().Get("Content-Security-Policy")
	m := regexp.MustCompile(`script-src 'nonce-([^']+)'`).FindStringSubmatch(csp)
	if m == nil || strings.Contains(csp, "unsafe-inline'; script") {
		t.Fatalf("Content-Security-Policy %q does not limit scripts to a nonce", csp)
	}
	body := rec.Body.String()
	if !strings.Contains(body, `<script nonce="`+m[1]+`">`) {
		t.Errorf("the page's own script lacks the nonce %s:\n%s", m[1], body)
	}
	if !strings.Contains(body, "<script>alert(1)</script>") {
		t.Errorf("the body's script is not shown as the default profile stores it:\n%s", body)
	}
}
