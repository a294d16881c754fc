package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/hcsync/hcsync/config"
	"github.com/hcsync/hcsync/content"
	"github.com/hcsync/hcsync/preview"
	"github.com/hcsync/hcsync/render"
)

// defaultPreviewAddr is loopback: the preview shows unpublished
// articles, which are nobody else's business.
const defaultPreviewAddr = "127.0.0.1:8080"

// previewFlags are the flags of hcsync preview.
type previewFlags struct {
	config   string
	addr     string
	open     bool
	provider string
}

// previewProfile is the HTML profile of the provider name. A
// provider's profile bears its name (providers.Capabilities.HTMLProfile),
// so no client is built to ask it: building one would want credentials.
// The name comes from --provider, or from the config file when from is
// not "--provider".
func previewProfile(name, from string) (*render.Profile, error) {
	if _, ok := providerSpecs[name]; !ok {
		return nil, usageError("%s: unknown provider %q: use one of %s", from, name, strings.Join(providerNames(), ", "))
	}
	return render.Lookup(name), nil
}

func (a *app) preview(ctx context.Context, f previewFlags) error {
	cfg, err := loadConfig(commonFlags{config: f.config})
	if err != nil {
		return err
	}
	name, from := cfg.Provider, cfg.File
	if f.provider != "" {
		name, from = f.provider, "--provider"
	}
	profile, err := previewProfile(name, from)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", f.addr)
	if err != nil {
		return fmt.Errorf("--addr %s: %w: choose another address, e.g. --addr 127.0.0.1:8081", f.addr, err)
	}
	defer ln.Close()
	loopback := isLoopback(ln.Addr())
	rel := shownDir(cfg)
	srv := preview.New(preview.Options{
		Root:     cfg.ContentDir(),
		Load:     content.LoadOptions{DefaultLocale: cfg.DefaultLocale, FrontMatter: frontMatterOptions(cfg)},
		Profile:  profile,
		Provider: name,
		Shown:    func(file string) string { return filepath.ToSlash(filepath.Join(rel, filepath.FromSlash(file))) },
		Title:    siteTitle(cfg.File),
		AnyHost:  !loopback,
	})
	if err := srv.Err(); err != nil {
		return err
	}
	if !loopback {
		fmt.Fprintf(a.stderr, "note: serving on %s: anyone who can reach this machine can read the tree\n", ln.Addr())
	}
	url := "http://" + browsable(ln.Addr()) + "/"
	fmt.Fprintf(a.stdout, "Previewing %s as %s stores it at %s (problems found: %d; Ctrl-C to stop)\n", rel, name, url, len(srv.Problems()))

	watchCtx, stopWatch := context.WithCancel(ctx)
	watching := make(chan struct{})
	defer func() { stopWatch(); <-watching }() // it writes to stderr
	go func() {
		defer close(watching)
		err := srv.Watch(watchCtx, func(err error) { fmt.Fprintf(a.stderr, "watching for changes: %v\n", err) })
		if err != nil {
			fmt.Fprintf(a.stderr, "%v: pages will not reload by themselves\n", err)
		}
	}()
	if f.open {
		if err := openBrowser(url); err != nil {
			fmt.Fprintf(a.stderr, "--open: %v: open %s yourself\n", err, url)
		}
	}
	return serve(ctx, ln, srv)
}

// serve serves srv on ln until ctx ends, then shuts down.
func serve(ctx context.Context, ln net.Listener, srv *preview.Server) error {
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second}
	done := make(chan error, 1)
	go func() { done <- hs.Serve(ln) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	srv.Close() // ends the event streams Shutdown would wait for
	sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil {
		return err
	}
	if err := <-done; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// isLoopback reports whether addr is on the loopback interface only.
func isLoopback(addr net.Addr) bool {
	tcp, ok := addr.(*net.TCPAddr)
	return ok && tcp.IP.IsLoopback()
}

// browsable is addr as a browser should be pointed at it: an address
// that listens everywhere is reached as localhost.
func browsable(addr net.Addr) string {
	tcp, ok := addr.(*net.TCPAddr)
	if ok && tcp.IP.IsUnspecified() {
		return net.JoinHostPort("localhost", fmt.Sprint(tcp.Port))
	}
	return addr.String()
}

// openBrowser opens url in the desktop's default browser.
func openBrowser(url string) error {
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "darwin":
		cmd = exec.Command("open", url)
	case "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", url)
	default:
		cmd = exec.Command("xdg-open", url)
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	go cmd.Wait()
	return nil
}

// siteTitle names the preview after the folder of hcsync.yaml, the
// repository as a rule.
func siteTitle(configFile string) string {
	abs, err := filepath.Abs(configFile)
	if err != nil {
		return "Help center"
	}
	dir := filepath.Dir(abs)
	if filepath.Base(dir) == "docs" {
		dir = filepath.Dir(dir)
	}
	return filepath.Base(dir)
}

// shownDir is how the preview names the content folder in the paths it
// shows: from where the user stands, as validate does, or, when the
// tree is elsewhere, from the folder of hcsync.yaml, which is shorter
// than an absolute path and names the same file in the repository.
func shownDir(cfg *config.Config) string {
	if rel := relPath(cfg.ContentDir()); !filepath.IsAbs(rel) {
		return rel
	}
	if rel, err := filepath.Rel(filepath.Dir(cfg.File), cfg.ContentDir()); err == nil && !strings.HasPrefix(rel, "..") {
		return rel
	}
	return cfg.ContentDir()
}
