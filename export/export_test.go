package export

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/hcsync/hcsync/locales"

	"github.com/hcsync/hcsync/content"
	"github.com/hcsync/hcsync/plan"
	"github.com/hcsync/hcsync/planner"
	"github.com/hcsync/hcsync/providers"
	"github.com/hcsync/hcsync/providers/helpcenter"
	"github.com/hcsync/hcsync/providers/helpcenter/helpcentertest"
	"github.com/hcsync/hcsync/providers/intercom"
	"github.com/hcsync/hcsync/providers/intercom/intercomtest"
	"github.com/hcsync/hcsync/providers/local"
	"github.com/hcsync/hcsync/providers/zendesk"
	"github.com/hcsync/hcsync/providers/zendesk/zendesktest"
	"github.com/hcsync/hcsync/remote"
)

// roundTrip exports p into a temp folder, loads the tree back and plans
// it against p. It returns the export and the plan, which the promise
// says is empty.
func roundTrip(t *testing.T, p providers.Provider, opts Options, planOpts planner.Options) (*Result, *plan.Plan, string) {
	t.Helper()
	ctx := context.Background()
	res, err := Export(ctx, p, opts)
	if err != nil {
		t.Fatalf("export: %v", err)
	}
	dir := t.TempDir()
	if err := res.Write(dir); err != nil {
		t.Fatalf("write: %v", err)
	}
	tree, err := content.Load(dir, content.LoadOptions{DefaultLocale: res.DefaultLocale})
	if err != nil {
		t.Fatalf("loading the exported tree: %v", err)
	}
	live, err := remote.Fetch(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	planOpts.Provider, planOpts.Caps, planOpts.DefaultLocale = p.Name(), p.Capabilities(), res.DefaultLocale
	if planOpts.LinksRoot == "" {
		planOpts.LinksRoot = planner.SiteRoot // as the exported hcsync.yaml says
	}
	pl, err := planner.NewPlan(tree, live, planOpts)
	if err != nil {
		t.Fatalf("plan of the exported tree: %v", err)
	}
	return res, pl, dir
}

// assertNoChanges fails with the plan's text when it has changes.
func assertNoChanges(t *testing.T, pl *plan.Plan) {
	t.Helper()
	if pl.Empty() && len(pl.Unmanaged) == 0 {
		return
	}
	var buf bytes.Buffer
	_ = plan.WriteText(&buf, pl)
	t.Fatalf("export then plan: %d changes, %d unmanaged, want none:\n%s", len(pl.Changes), len(pl.Unmanaged), buf.String())
}

func newExportLocal(t *testing.T) *local.Provider {
	t.Helper()
	p, err := local.New(local.Options{Dir: t.TempDir(), Locales: []string{"en-us", "fr", "de"}, DefaultLocale: "en-us"})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// noPacing is a rate far above any fake's, so the client-side limiter
// does not slow the tests; the fakes still enforce their own limits.
const noPacing = 1 << 20

func newExportZendesk(t *testing.T) providers.Provider {
	t.Helper()
	fake := zendesktest.New(zendesktest.Options{RateLimit: noPacing})
	t.Cleanup(fake.Close)
	p, err := zendesk.New(zendesk.Options{BaseURL: fake.URL, Email: fake.Email(), APIToken: fake.APIToken(),
		PermissionGroup: "Admins", HTTPClient: fake.Client(), RequestsPerMinute: noPacing})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func newExportIntercom(t *testing.T) providers.Provider {
	t.Helper()
	fake := intercomtest.New(intercomtest.Options{RequestsPerMinute: -1})
	t.Cleanup(fake.Close)
	p, err := intercom.New(intercom.Options{Token: fake.Token(), AuthorID: strconv.Itoa(fake.AuthorID()), BaseURL: fake.URL,
		DefaultLocale: "en", Locales: []string{"en", "fr", "de"}, RequestsPerMinute: noPacing})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func newExportHelpCenter(t *testing.T) providers.Provider {
	t.Helper()
	const key = "hc-export-test-key-0123456789"
	fake := helpcentertest.NewServer(helpcentertest.Options{
		DefaultLanguage: "en", AdditionalLanguages: []string{"fr", "de"},
		Keys: map[string][]string{key: helpcentertest.AllScopes}, RateLimit: noPacing,
	})
	t.Cleanup(fake.Close)
	p, err := helpcenter.New(helpcenter.Options{CenterID: fake.CenterID, APIKey: key, BaseURL: fake.URL, RequestsPerMinute: noPacing})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestExportRoundTripLocal(t *testing.T) {
	t.Parallel()
	p := newExportLocal(t)
	seedHelpCenter(t, p)
	res, pl, dir := roundTrip(t, p, Options{RelativeLinks: true, LocalImages: true}, planner.Options{})
	assertNoChanges(t, pl)
	if res.Articles != 52 || res.Translations != 52 {
		t.Errorf("exported %d articles and %d translations, want 52 and 52", res.Articles, res.Translations)
	}
	// Callouts and videos are kept as HTML, and counted.
	raw := 0
	for _, b := range res.Bodies {
		raw += b.RawBlocks
		if b.Lossy {
			t.Errorf("%s: lossy", b.File)
		}
	}
	if raw == 0 {
		t.Errorf("no body reported raw HTML blocks; the seed has callouts and videos")
	}
	// Two sections named alike get two folders.
	if _, err := os.Stat(filepath.Join(dir, "category-1-getting-started", "section-1-1-2", "_section.md")); err != nil {
		t.Errorf("second section of the same name: %v", err)
	}
}

func TestExportFrontMatter(t *testing.T) {
	t.Parallel()
	p := newExportLocal(t)
	ctx := context.Background()
	cat, _ := p.CreateSection(ctx, providers.SectionInput{Kind: providers.KindCategory, Name: "Guides"})
	sec, _ := p.CreateSection(ctx, providers.SectionInput{Kind: providers.KindSection, Name: "First steps", ParentID: cat.ID})
	a, err := p.CreateArticle(ctx, providers.ArticleInput{SectionID: sec.ID,
		ArticleMeta: providers.ArticleMeta{Labels: &[]string{"b", "a"}, Segments: &[]string{"Staff"}, PermissionGroup: new("Admins"), Position: new(3)},
		Source:      providers.TranslationInput{Locale: "en-us", Title: "true", Body: "<p>Hi <strong>there</strong></p>", Draft: true}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.CreateTranslation(ctx, a.ID, providers.TranslationInput{Locale: "fr", Title: "Salut: le monde", Body: "<p>Salut</p>"}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		explicit            bool
		source, translation string
	}{
		// Only what differs from the defaults; the translation is
		// published while its source is a draft, so it says so.
		{false, "---\ntitle: \"true\"\nid: " + a.ID + "\nlabels: [a, b]\nsegments: [Staff]\npermission_group: Admins\ndraft: true\nposition: 3\n---\n\nHi **there**\n",
			"---\ntitle: 'Salut: le monde'\ndraft: false\n---\n\nSalut\n"},
		{true, "---\ntitle: \"true\"\nid: " + a.ID + "\nlabels: [a, b]\ncontent_tags: []\nsegments: [Staff]\npermission_group: Admins\ndraft: true\npromoted: false\nposition: 3\ncomments_disabled: false\n---\n\nHi **there**\n",
			"---\ntitle: 'Salut: le monde'\ndraft: false\n---\n\nSalut\n"},
	}
	for _, tt := range tests {
		res, err := Export(ctx, p, Options{Explicit: tt.explicit})
		if err != nil {
			t.Fatal(err)
		}
		files := map[string]string{}
		for _, f := range res.Files {
			files[f.Path] = string(f.Data)
		}
		want := map[string]string{
			"guides/_category.md":            "---\ntitle: Guides\nid: " + cat.ID + "\n---\n",
			"guides/first-steps/_section.md": "---\ntitle: First steps\nid: " + sec.ID + "\n---\n",
			"guides/first-steps/true.md":     tt.source,
			"guides/first-steps/true.fr.md":  tt.translation,
		}
		for name, text := range want {
			if files[name] != text {
				t.Errorf("explicit=%v: %s =\n%s\nwant\n%s", tt.explicit, name, files[name], text)
			}
		}
		if len(files) != len(want) {
			t.Errorf("files = %v, want %d", fileNames(files), len(want))
		}
	}
}

func fileNames(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func TestExportWriteRefusesEscape(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	res := &Result{Files: []File{{Path: "ok.md", Data: []byte("x")}, {Path: "../evil.md", Data: []byte("x")}}}
	err := res.Write(filepath.Join(dir, "out"))
	if err == nil || !strings.Contains(err.Error(), "outside") {
		t.Fatalf("Write with ../ path: err = %v, want refusal", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "out", "ok.md")); !os.IsNotExist(err) {
		t.Errorf("a refused export wrote files: %v", err)
	}
}

// imageCDN stands in for the image hosts of the services, which the fakes
// do not serve: Help.Center answers an upload with a URL on
// cdn.help.center (helpcenter-articles.txt, Image Upload), and Intercom
// re-hosts an image it is given by URL on downloads.intercomcdn.com
// ("Images will be uploaded to Intercom and we'll use an Intercom link to
// display these", intercom-articles.txt). It answers a GET with the bytes
// the seed gave under the URL's file name; other hosts go to next.
type imageCDN struct {
	files map[string][]byte // file name -> bytes
	next  http.RoundTripper
}

func (c imageCDN) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.URL.Host != "cdn.help.center" && req.URL.Host != "downloads.intercomcdn.com" {
		return c.next.RoundTrip(req)
	}
	data, ok := c.files[path.Base(req.URL.Path)]
	status := http.StatusOK
	if !ok || req.Method != http.MethodGet {
		status, data = http.StatusNotFound, nil
	}
	return &http.Response{StatusCode: status, Status: http.StatusText(status), Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header: http.Header{"Content-Type": {"image/png"}}, Body: io.NopCloser(bytes.NewReader(data)), ContentLength: int64(len(data)), Request: req}, nil
}

// seedGallery adds a section pictures/gallery of three articles showing
// two images, a.png and b.png: "One image" shows a, "Two images" a and
// b, "Other image" b and its translation a. Where the service takes
// uploads the images are uploaded under plain names (no content hash, as
// a help center's editor would); elsewhere bodies show them by URL. It
// returns the bytes by file name, for imageCDN.
func seedGallery(t *testing.T, p providers.Provider) map[string][]byte {
	t.Helper()
	ctx := context.Background()
	locs, err := p.Locales(ctx)
	if err != nil {
		t.Fatal(err)
	}
	other := ""
	for _, l := range locs.Enabled {
		if !locales.Equal(l, locs.Default) {
			other = l
			break
		}
	}
	files := map[string][]byte{"a.png": solidPNG(t, color.RGBA{G: 255, A: 255}), "b.png": solidPNG(t, color.RGBA{B: 255, A: 255}), "screen.png": tinyPNG(t)}
	urls := map[string]string{}
	for _, name := range []string{"a.png", "b.png"} {
		urls[name] = "https://assets.example.com/gallery/" + name
		if p.Capabilities().ImageUpload {
			if urls[name], err = p.UploadImage(ctx, providers.Image{Name: name, ContentType: "image/png", Data: files[name]}); err != nil {
				t.Fatalf("upload %s: %v", name, err)
			}
		}
	}
	img := func(name string) string {
		return fmt.Sprintf(`<p><img src="%s" alt="Picture %s"></p>`, urls[name], name)
	}
	cat, err := p.CreateSection(ctx, providers.SectionInput{Kind: providers.KindCategory, Name: "Pictures", Locale: locs.Default})
	if err != nil {
		t.Fatal(err)
	}
	sec, err := p.CreateSection(ctx, providers.SectionInput{Kind: providers.KindSection, Name: "Gallery", ParentID: cat.ID, Locale: locs.Default})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range []struct{ title, body, translation string }{
		{"One image", img("a.png"), ""},
		{"Two images", img("a.png") + img("b.png"), ""},
		{"Other image", img("b.png"), img("a.png")},
	} {
		created, err := p.CreateArticle(ctx, providers.ArticleInput{SectionID: sec.ID, Source: providers.TranslationInput{
			Locale: locs.Default, Title: a.title, Body: "<p>" + a.title + "</p>\n" + a.body}})
		if err != nil {
			t.Fatalf("create %q: %v", a.title, err)
		}
		if a.translation != "" {
			if _, err := p.CreateTranslation(ctx, created.ID, providers.TranslationInput{Locale: other, Title: a.title + " (" + other + ")", Body: "<p>Traduit</p>\n" + a.translation}); err != nil {
				t.Fatalf("translate %q: %v", a.title, err)
			}
		}
	}
	return files
}

func solidPNG(t *testing.T, c color.RGBA) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 3, 3))
	for x := 0; x < 3; x++ {
		for y := 0; y < 3; y++ {
			img.Set(x, y, c)
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// replan loads the tree in dir again and plans it against p.
func replan(t *testing.T, p providers.Provider, dir, defaultLocale string, opts planner.Options) (*plan.Plan, error) {
	t.Helper()
	ctx := context.Background()
	tree, err := content.Load(dir, content.LoadOptions{DefaultLocale: defaultLocale})
	if err != nil {
		t.Fatalf("loading %s: %v", dir, err)
	}
	live, err := remote.Fetch(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	opts.Provider, opts.Caps, opts.DefaultLocale = p.Name(), p.Capabilities(), defaultLocale
	return planner.NewPlan(tree, live, opts)
}

// fileOf is the name of the file of dir's images folder that holds data.
func fileOf(t *testing.T, res *Result, dir string, data []byte) string {
	t.Helper()
	for _, f := range res.Files {
		if path.Dir(f.Path) == dir+"/images" && bytes.Equal(f.Data, data) {
			return path.Base(f.Path)
		}
	}
	t.Fatalf("no file in %s/images holds the image seeded", dir)
	return ""
}

// showing lists the files of folder dir (slash path under root) whose
// body links images/name.
func showing(t *testing.T, root, dir, name string) []string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Join(root, filepath.FromSlash(dir)))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(dir), e.Name()))
		if err == nil && strings.HasSuffix(e.Name(), ".md") && strings.Contains(string(data), "](images/"+name+")") {
			out = append(out, path.Join(dir, e.Name()))
		}
	}
	sort.Strings(out)
	return out
}

// changed lists the files of the plan's changes of action a.
func changed(pl *plan.Plan, a plan.Action) []string {
	var out []string
	for _, c := range pl.Changes {
		if c.Action == a {
			out = append(out, c.File)
		}
	}
	sort.Strings(out)
	return out
}

// TestExportImagesRoundTrip is the promise with images downloaded, on
// every provider: export writes them into images/ folders with a sidecar
// naming each file's source, and plan maps them back to the help
// center's URLs, so it shows no changes. An edited image is uploaded and
// the bodies that show it updated; without the sidecar, plan uploads
// what the help center does not name by content.
func TestExportImagesRoundTrip(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		new  func(t *testing.T) providers.Provider
		// byContent: the service names images by their content, so a
		// copy maps back to its URL with no sidecar.
		byContent bool
	}{
		{"local", func(t *testing.T) providers.Provider { return newExportLocal(t) }, true},
		{"zendesk", newExportZendesk, false},
		{"intercom", newExportIntercom, false},
		{"helpcenter", newExportHelpCenter, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			p := tt.new(t)
			seedHelpCenter(t, p)
			files := seedGallery(t, p)
			client := &http.Client{Transport: imageCDN{files: files, next: http.DefaultTransport}}
			res, pl, dir := roundTrip(t, p, Options{RelativeLinks: true, LocalImages: true, HTTPClient: client}, planner.Options{})
			assertNoChanges(t, pl)
			for _, w := range res.Warnings {
				if w.Kind == "image" {
					t.Errorf("%s: %s", w.File, w.Msg)
				}
			}
			assertSidecars(t, res, dir)
			const gallery = "pictures/gallery"
			nameA, nameB := fileOf(t, res, gallery, files["a.png"]), fileOf(t, res, gallery, files["b.png"])
			showA := showing(t, dir, gallery, nameA)
			if len(showA) != 3 {
				t.Fatalf("files showing images/a.png = %v, want the two articles and the translation", showA)
			}
			uploads := p.Capabilities().ImageUpload

			// Edit a.png: exactly one upload, and every body showing it
			// updated (Intercom takes images by URL only: it needs
			// image_base_url now, and says so).
			edited := filepath.Join(dir, filepath.FromSlash(gallery), "images", nameA)
			if err := os.WriteFile(edited, solidPNG(t, color.RGBA{R: 9, G: 9, B: 9, A: 255}), 0o644); err != nil {
				t.Fatal(err)
			}
			pl, err := replan(t, p, dir, res.DefaultLocale, planner.Options{})
			if !uploads {
				if err == nil || !strings.Contains(err.Error(), "images/"+nameA) || !strings.Contains(err.Error(), "image_base_url") {
					t.Fatalf("plan with an edited image on %s: err = %v, want a problem naming images/a.png and image_base_url", tt.name, err)
				}
			} else {
				if err != nil {
					t.Fatalf("plan with an edited image: %v", err)
				}
				if got := changed(pl, plan.ActionUploadImage); len(got) != 1 || got[0] != gallery+"/images/"+nameA {
					t.Errorf("uploads after editing a.png = %v, want only it", got)
				}
				if got := changed(pl, plan.ActionUpdateTranslation); !slices.Equal(got, showA) {
					t.Errorf("updated bodies after editing a.png = %v, want those showing it %v", got, showA)
				}
				if n := len(pl.Changes); n != 1+len(showA) {
					t.Errorf("plan after editing a.png has %d changes, want %d", n, 1+len(showA))
				}
			}

			// Without the sidecar (and a.png as exported again), the
			// gallery's images upload where the service does not name
			// them by content.
			if err := os.WriteFile(edited, files["a.png"], 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.Remove(filepath.Join(dir, filepath.FromSlash(gallery), "images", content.ImageSourcesFile)); err != nil {
				t.Fatal(err)
			}
			pl, err = replan(t, p, dir, res.DefaultLocale, planner.Options{})
			switch {
			case !uploads:
				if err == nil || !strings.Contains(err.Error(), "image_base_url") {
					t.Fatalf("plan without the sidecar on %s: err = %v, want a problem naming image_base_url", tt.name, err)
				}
			case err != nil:
				t.Fatalf("plan without the sidecar: %v", err)
			case tt.byContent:
				assertNoChanges(t, pl)
			default:
				if got := changed(pl, plan.ActionUploadImage); len(got) != 2 {
					t.Errorf("uploads without the sidecar = %v, want a.png and b.png", got)
				}
				showAny := append(showing(t, dir, gallery, nameB), showA...)
				slices.Sort(showAny)
				if got := changed(pl, plan.ActionUpdateTranslation); !slices.Equal(got, slices.Compact(showAny)) {
					t.Errorf("updated bodies without the sidecar = %v, want %v", got, slices.Compact(showAny))
				}
			}
			if !uploads {
				return
			}

			// With the sidecar back, but a.png's URL shown by no body of
			// the help center any more (an editor removed it), a.png is
			// uploaded again: the URL may be gone.
			sidecar := gallery + "/images/" + content.ImageSourcesFile
			for _, f := range res.Files {
				if f.Path == sidecar {
					if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(sidecar)), f.Data, 0o644); err != nil {
						t.Fatal(err)
					}
				}
			}
			removeImage(t, p, sourceURL(t, res, sidecar, nameA))
			pl, err = replan(t, p, dir, res.DefaultLocale, planner.Options{})
			if err != nil {
				t.Fatalf("plan after the help center dropped a.png: %v", err)
			}
			if got := changed(pl, plan.ActionUploadImage); len(got) != 1 || got[0] != gallery+"/images/"+nameA {
				t.Errorf("uploads after the help center dropped a.png = %v, want only it", got)
			}
			if got := changed(pl, plan.ActionUpdateTranslation); !slices.Equal(got, showA) {
				t.Errorf("updated bodies after the help center dropped a.png = %v, want those showing it %v", got, showA)
			}
		})
	}
}

// sourceURL is the URL the sidecar file records for name.
func sourceURL(t *testing.T, res *Result, sidecar, name string) string {
	t.Helper()
	for _, f := range res.Files {
		if f.Path == sidecar {
			var sources map[string]content.ImageSource
			if err := json.Unmarshal(f.Data, &sources); err != nil {
				t.Fatal(err)
			}
			if u := sources[name].URL; u != "" {
				return u
			}
		}
	}
	t.Fatalf("%s records no URL for %s", sidecar, name)
	return ""
}

// removeImage takes every img showing u out of the help center's bodies.
func removeImage(t *testing.T, p providers.Provider, u string) {
	t.Helper()
	ctx := context.Background()
	arts, err := p.ListArticles(ctx)
	if err != nil {
		t.Fatal(err)
	}
	img := regexp.MustCompile(`<img[^>]*src="` + regexp.QuoteMeta(u) + `"[^>]*>`)
	removed := 0
	for _, a := range arts {
		for _, tr := range a.Translations {
			if !img.MatchString(tr.Body) {
				continue
			}
			in := providers.TranslationInput{Locale: tr.Locale, Title: tr.Title, Body: img.ReplaceAllString(tr.Body, ""), Draft: tr.Draft}
			if _, err := p.UpdateTranslation(ctx, a.ID, in); err != nil {
				t.Fatal(err)
			}
			removed++
		}
	}
	if removed == 0 {
		t.Fatalf("no body shows %s", u)
	}
}

// assertSidecars checks that every images folder of the export has a
// sidecar naming exactly its files, each with the sha256 of its bytes and
// an absolute URL.
func assertSidecars(t *testing.T, res *Result, dir string) {
	t.Helper()
	want := map[string]map[string]string{} // folder -> file -> sha256
	for _, f := range res.Files {
		if d := path.Dir(f.Path); path.Base(d) == "images" && path.Base(f.Path) != content.ImageSourcesFile {
			if want[d] == nil {
				want[d] = map[string]string{}
			}
			sum := sha256.Sum256(f.Data)
			want[d][path.Base(f.Path)] = hex.EncodeToString(sum[:])
		}
	}
	if len(want) == 0 {
		t.Fatal("no images/ folder exported")
	}
	for d, names := range want {
		data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(d), content.ImageSourcesFile))
		if err != nil {
			t.Errorf("%s: %v", d, err)
			continue
		}
		var got map[string]content.ImageSource
		if err := json.Unmarshal(data, &got); err != nil {
			t.Errorf("%s/%s: %v", d, content.ImageSourcesFile, err)
			continue
		}
		if len(got) != len(names) {
			t.Errorf("%s/%s lists %d files, the folder holds %d", d, content.ImageSourcesFile, len(got), len(names))
		}
		for name, sum := range names {
			if s := got[name]; s.SHA256 != sum || !strings.HasPrefix(s.URL, "http") {
				t.Errorf("%s/%s: %s = %+v, want sha256 %s and its URL", d, content.ImageSourcesFile, name, s, sum)
			}
		}
	}
}
