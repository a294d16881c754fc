package content

import "path/filepath"

// ImageSourcesFile is the sidecar export writes in each images folder: for
// every image file, the sha256 of the bytes downloaded and the URL they
// came from. A dot-file, so the tree loader skips it.
const ImageSourcesFile = ".hcsync-sources.json"

// ImageSource is one entry of a sidecar.
type ImageSource struct {
	SHA256 string `json:"sha256"`
	URL    string `json:"url"`
}

// RelSlash is the relative slash path from folder dir to file.
func RelSlash(dir, file string) (string, error) {
	rel, err := filepath.Rel(filepath.FromSlash("/"+dir), filepath.FromSlash("/"+file))
	if err != nil {
		return "", err
	}
	return filepath.ToSlash(rel), nil
}
