package preview

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// settle is how long the tree must stay quiet after a change before it
// is loaded again: an editor's save is often several writes (a temp
// file, a rename), and a checkout touches many files.
const settle = 100 * time.Millisecond

// Watch reloads the tree whenever a file under the content folder
// changes, until ctx ends. Folders made later are watched too.
// Errors of the watcher itself go to report; they do not stop it.
func (s *Server) Watch(ctx context.Context, report func(error)) error {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return fmt.Errorf("watching %s for changes: %w", s.opts.Root, err)
	}
	defer w.Close()
	if err := addTree(w, s.opts.Root); err != nil {
		return fmt.Errorf("watching %s for changes: %w", s.opts.Root, err)
	}
	var timer <-chan time.Time
	for {
		select {
		case <-ctx.Done():
			return nil
		case ev, ok := <-w.Events:
			if !ok {
				return nil
			}
			if ev.Has(fsnotify.Create) {
				if info, err := os.Lstat(ev.Name); err == nil && info.IsDir() {
					if err := addTree(w, ev.Name); err != nil {
						report(err)
					}
				}
			}
			timer = time.After(settle)
		case err, ok := <-w.Errors:
			if !ok {
				return nil
			}
			report(err)
		case <-timer:
			timer = nil
			s.Reload()
		}
	}
}

// addTree watches dir and every folder below it. fsnotify watches one
// folder at a time; links are not followed, as Load follows none out of
// the tree.
func addTree(w *fsnotify.Watcher, dir string) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			return nil
		}
		if p != dir && (strings.HasPrefix(d.Name(), ".") || d.Name() == "node_modules") {
			return filepath.SkipDir // Load reads no article there
		}
		return w.Add(p)
	})
}
