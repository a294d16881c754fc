package config

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// FileName is the name of the config file.
const FileName = "hcsync.yaml"

// ErrNotFound is wrapped by Find's error when there is no config file.
var ErrNotFound = errors.New("no " + FileName + " found")

// Find returns the path of the config file for a repository whose top
// folder is start: start/hcsync.yaml, else start/docs/hcsync.yaml.
func Find(start string) (string, error) {
	candidates := []string{
		filepath.Join(start, FileName),
		filepath.Join(start, "docs", FileName),
	}
	for _, p := range candidates {
		info, err := os.Stat(p)
		switch {
		case err == nil && !info.IsDir():
			return p, nil
		case err == nil:
			return "", fmt.Errorf("%s is a folder, not a config file: remove or rename it", p)
		case !errors.Is(err, fs.ErrNotExist):
			return "", fmt.Errorf("look for config: %w", err)
		}
	}
	return "", fmt.Errorf("%w in %s or %s: run hcsync init --provider NAME to write one, or create %s holding at least \"provider: local\" (the other keys have defaults)",
		ErrNotFound, start, filepath.Join(start, "docs"), candidates[0])
}
