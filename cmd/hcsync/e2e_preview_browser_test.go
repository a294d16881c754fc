package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/hcsync/hcsync/content"
	"github.com/hcsync/hcsync/internal/exampletree"
)

var screenshots = flag.Bool("screenshots", false, "write docs/preview-index.png and docs/preview-article.png from the browser test of hcsync preview")

// findChromium returns a Chromium or Chrome to drive. Without one the
// test is skipped on a developer's machine and fails in CI, which
// installs Debian's chromium (.ci/run), so that CI proves the preview
// in a real browser.
func findChromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("no chromium, chromium-browser or google-chrome on PATH: install one (apt-get install -y chromium) for the browser test of hcsync preview")
	}
	t.Skip("no chromium, chromium-browser or google-chrome on PATH: install one (apt-get install -y chromium) to run the browser test of hcsync preview")
	return ""
}

// startPreview runs `hcsync preview` in-process on a free loopback
// port against the tree of config and returns its URL. The command
// stops when the test ends.
func startPreview(t *testing.T, config string, args ...string) string {
	t.Helper()
	return startPreviewEnv(t, config, func(string) string { return "" }, args...)
}

// startPreviewEnv is startPreview with the environment getenv gives.
func startPreviewEnv(t *testing.T, config string, getenv func(string) string, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	out, w := io.Pipe()
	var stderr strings.Builder
	a := &app{stdout: w, stderr: &stderr, getenv: getenv}
	done := make(chan int, 1)
	go func() {
		done <- a.run(ctx, append([]string{"preview", "-c", config, "--addr", "127.0.0.1:0"}, args...))
		w.Close()
	}()
	t.Cleanup(func() {
		cancel()
		if code := <-done; code != exitOK {
			t.Errorf("hcsync preview exited %d: %s", code, stderr.String())
		}
	})
	lines := bufio.NewScanner(out)
	if !lines.Scan() {
		t.Fatalf("hcsync preview printed nothing: %s", stderr.String())
	}
	go io.Copy(io.Discard, out)
	u := regexp.MustCompile(`http://127\.0\.0\.1:\d+/`).FindString(lines.Text())
	if u == "" {
		t.Fatalf("no URL in %q", lines.Text())
	}
	return u
}

// The preview in a real browser, as a writer uses it: the index lists
// every article, a cross-link opens its target, the locale switch
// shows the translation, a dead link gets a banner with its file and
// line, and a saved file shows up in the open page within 2 s.
func TestPreviewInABrowser(t *testing.T) {
	chromium := findChromium(t)
	// A folder named like a repository: the preview is titled after it.
	dir := filepath.Join(t.TempDir(), "lumen-docs")
	exampletree.Copy(t, filepath.Join("..", "..", "testdata", "example"), dir)
	docs := filepath.Join(dir, "docs")
	appendFile(t, filepath.Join(docs, "account", "security", "reset-password.md"), "\nThe [old help page](old-help.md) is gone.\n")
	base := startPreview(t, filepath.Join(dir, "hcsync.yaml"))

	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium), chromedp.NoSandbox, chromedp.WindowSize(1200, 860))...)
	defer cancelAlloc()
	ctx, cancel := chromedp.NewContext(alloc)
	defer cancel()
	ctx, cancelTimeout := context.WithTimeout(ctx, 60*time.Second)
	defer cancelTimeout()

	// The index lists every article of the tree.
	tree, err := content.Load(docs, content.LoadOptions{DefaultLocale: "en-us"})
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, a := range tree.Articles {
		want = append(want, a.Source().Title)
	}
	do(t, ctx, chromedp.Navigate(base))
	listed := run(t, ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll("ul.arts a")).map(a => a.textContent)`))
	slices.Sort(want)
	slices.Sort(listed)
	if !slices.Equal(listed, want) {
		t.Errorf("index lists %q, want every article %q", listed, want)
	}
	shoot(t, ctx, "preview-index.png")

	// A click on a cross-link opens the target.
	do(t, ctx, chromedp.Navigate(base+"a/getting-started/first-steps/create-workspace.md"),
		chromedp.Click(chromedp.CSS(`a[href^="/a/getting-started/first-steps/invite-team.md"]`)))
	waitTitle(t, ctx, "Invite your team", 5*time.Second)

	// The locale switch shows the translation, in the same article.
	do(t, ctx, chromedp.Navigate(base+"a/getting-started/installation/install-desktop.md"))
	do(t, ctx, chromedp.Click(chromedp.CSS(`nav.locales a[data-locale="fr"]`)))
	waitTitle(t, ctx, "Installer Lumen sur votre ordinateur", 5*time.Second)

	// A dead link is a banner on its article's page, with file and line.
	do(t, ctx, chromedp.Navigate(base+"a/account/security/reset-password.md"))
	banner := run(t, ctx, chromedp.Text(chromedp.CSS(".banner.problem")))
	shoot(t, ctx, "preview-article.png")
	if !strings.Contains(banner, "reset-password.md:9") || !strings.Contains(banner, "dead link") {
		t.Errorf("banner of reset-password.md = %q, want its dead link at line 9", banner)
	}

	// An edit shows up in the open page within 2 s.
	do(t, ctx, chromedp.Navigate(base+"a/getting-started/installation/system-requirements.md"))
	appendFile(t, filepath.Join(docs, "getting-started", "installation", "system-requirements.md"), "\nEdited while the page was open.\n")
	saved := time.Now()
	if !waitFor(ctx, `document.body !== null && document.body.innerText.includes("Edited while the page was open.")`, 2*time.Second) {
		t.Fatal("the edit did not show in the open page within 2 s")
	}
	t.Logf("the edit showed in the open page %v after the save", time.Since(saved).Round(10*time.Millisecond))
}

func appendFile(t *testing.T, path, text string) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString(text); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

func do(t *testing.T, ctx context.Context, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatal(err)
	}
}

func run[T any](t *testing.T, ctx context.Context, a chromedp.Action[T]) T {
	t.Helper()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// waitTitle waits for the article page titled title.
func waitTitle(t *testing.T, ctx context.Context, title string, within time.Duration) {
	t.Helper()
	if !waitFor(ctx, fmt.Sprintf(`(document.querySelector("article h1") || {}).textContent === %q`, title), within) {
		loc, _ := chromedp.Run(ctx, chromedp.Location())
		t.Fatalf("no article %q within %v (at %s)", title, within, loc)
	}
}

// waitFor reports whether the JavaScript expression cond became true in
// the tab within the time given. It asks again and again rather than
// with chromedp.Poll, whose wait dies with the page when the page
// navigates or reloads, which is what the tests wait for.
func waitFor(ctx context.Context, cond string, within time.Duration) bool {
	deadline := time.Now().Add(within)
	for {
		if ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](cond)); err == nil && ok {
			return true
		}
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(25 * time.Millisecond)
	}
}

// shoot writes a screenshot of the page into docs/ with -screenshots.
func shoot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	if !*screenshots {
		return
	}
	png := run(t, ctx, chromedp.CaptureScreenshot())
	if err := os.WriteFile(filepath.Join("..", "..", "docs", name), png, 0o644); err != nil {
		t.Fatal(err)
	}
}
