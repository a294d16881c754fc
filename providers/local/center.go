package local

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"

	"github.com/hcsync/hcsync/internal/atomicfile"

	"github.com/hcsync/hcsync/internal/lockfile"
)

// center is center.json: everything of the help center that is not an
// article.
type center struct {
	DefaultLocale    string    `json:"default_locale"`
	Locales          []string  `json:"locales,omitempty"` // empty = any valid code
	NextID           int64     `json:"next_id"`
	Sections         []section `json:"sections"`
	Tags             []named   `json:"tags"`
	Segments         []named   `json:"segments"`
	PermissionGroups []named   `json:"permission_groups"`
}

type section struct {
	ID          string `json:"id"`
	Kind        string `json:"kind"`
	Name        string `json:"name"`
	Description string `json:"description,omitempty"`
	ParentID    string `json:"parent_id,omitempty"`
	Position    *int   `json:"position,omitempty"`
}

// named is a tag, user segment or permission group.
type named struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// newCenter is the state of a help center nobody has written to: the
// built-in segments and permission groups a new Zendesk Guide has.
func newCenter() *center {
	return &center{
		DefaultLocale:    "en-us",
		NextID:           5,
		Segments:         []named{{"1", "Signed-in users"}, {"2", "Staff"}},
		PermissionGroups: []named{{"3", "Admins"}, {"4", "Agents"}},
	}
}

// loadCenter reads dir/center.json, or returns a new center when the
// folder has none yet.
func loadCenter(dir string) (*center, error) {
	file := filepath.Join(dir, "center.json")
	data, err := os.ReadFile(file)
	if errors.Is(err, fs.ErrNotExist) {
		return newCenter(), nil
	}
	if err != nil {
		return nil, fmt.Errorf("local provider: %w", err)
	}
	c := &center{}
	if err := json.Unmarshal(data, c); err != nil {
		return nil, fmt.Errorf("%s: %w: fix or delete the file (deleting it forgets sections and tags)", file, err)
	}
	if c.DefaultLocale == "" || c.NextID <= 0 {
		return nil, fmt.Errorf("%s: default_locale and next_id are required: fix or delete the file", file)
	}
	return c, nil
}

// newID takes the next id from the counter. The caller holds p.mu and
// saves the center afterwards.
func (c *center) newID() string {
	id := strconv.FormatInt(c.NextID, 10)
	c.NextID++
	return id
}

// lockName is the folder's lock file: held while center.json is read,
// changed and written back, so two processes writing one folder never
// take the same id or lose each other's sections and tags.
const lockName = ".lock"

// updateCenter runs change on center.json as it is on disk and saves the
// result, holding the folder's lock: another process may have taken ids
// or added sections since this one last read the file. The caller holds
// p.mu; change works on p.center.
func (p *Provider) updateCenter(change func() error) error {
	if p.dirLock == nil {
		if err := os.MkdirAll(p.dir, 0o755); err != nil {
			return fmt.Errorf("local provider: %w", err)
		}
		l, err := lockfile.Open(filepath.Join(p.dir, lockName))
		if err != nil {
			return fmt.Errorf("local provider: %w", err)
		}
		p.dirLock = l
	}
	if err := p.dirLock.Lock(); err != nil {
		return fmt.Errorf("local provider: %w", err)
	}
	defer p.dirLock.Unlock()
	if err := p.reloadCenter(); err != nil {
		return err
	}
	if err := change(); err != nil {
		p.reloadCenter() // drop what change did to memory
		return err
	}
	if err := p.saveCenter(); err != nil {
		p.reloadCenter()
		return err
	}
	return nil
}

// reloadCenter reads center.json again. The locales stay as configured:
// hcsync.yaml sets them, not the file. The caller holds p.mu.
func (p *Provider) reloadCenter() error {
	disk, err := loadCenter(p.dir)
	if err != nil {
		return err
	}
	disk.DefaultLocale, disk.Locales = p.center.DefaultLocale, p.center.Locales
	disk.NextID = max(disk.NextID, p.center.NextID)
	p.center = disk
	return nil
}

// saveCenter writes center.json. The caller holds p.mu.
func (p *Provider) saveCenter() error {
	data, err := encode(p.center)
	if err != nil {
		return err
	}
	return writeFileAtomic(p.path("center.json"), data)
}

// writeFileAtomic replaces path whole (package atomicfile). It does not
// fsync: a crash may lose the last write, which the next plan shows and
// the next apply redoes, and syncing every file would make an apply of
// thousands of articles crawl.
func writeFileAtomic(path string, data []byte) error {
	if err := atomicfile.Write(path, data, 0o644); err != nil {
		return fmt.Errorf("local provider: %w", err)
	}
	return nil
}
