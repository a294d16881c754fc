package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// goreleaserConfig is the part of .goreleaser.yaml (schema version 2,
// https://goreleaser.com/customization/) that releases depend on.
type goreleaserConfig struct {
	Version int `yaml:"version"`
	Builds  []struct {
		Main    string   `yaml:"main"`
		Binary  string   `yaml:"binary"`
		Ldflags []string `yaml:"ldflags"`
		Goos    []string `yaml:"goos"`
		Goarch  []string `yaml:"goarch"`
	} `yaml:"builds"`
	Archives []struct {
		NameTemplate string `yaml:"name_template"`
	} `yaml:"archives"`
	Checksum struct {
		NameTemplate string `yaml:"name_template"`
		Algorithm    string `yaml:"algorithm"`
	} `yaml:"checksum"`
}

// The release configuration builds hcsync for the three systems on both
// architectures, names the archives and checksums as action/install.sh
// downloads them, and stamps the version into a variable that exists:
// a binary built with its ldflags reports the tag.
func TestGoReleaserConfig(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "..", ".goreleaser.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var cfg goreleaserConfig
	dec := yaml.NewDecoder(strings.NewReader(string(data)))
	if err := dec.Decode(&cfg); err != nil {
		t.Fatalf(".goreleaser.yaml: %v", err)
	}
	if cfg.Version != 2 || len(cfg.Builds) != 1 || len(cfg.Archives) != 1 {
		t.Fatalf(".goreleaser.yaml: version %d, %d builds, %d archives; want version 2, one of each", cfg.Version, len(cfg.Builds), len(cfg.Archives))
	}
	b := cfg.Builds[0]
	if b.Main != "./cmd/hcsync" || b.Binary != "hcsync" {
		t.Errorf("build main %q binary %q; want ./cmd/hcsync and hcsync", b.Main, b.Binary)
	}
	for _, goos := range []string{"linux", "darwin", "windows"} {
		if !slices.Contains(b.Goos, goos) {
			t.Errorf("goos %v lacks %s", b.Goos, goos)
		}
	}
	for _, arch := range []string{"amd64", "arm64"} {
		if !slices.Contains(b.Goarch, arch) {
			t.Errorf("goarch %v lacks %s", b.Goarch, arch)
		}
	}
	// action/install.sh builds these names.
	if got := cfg.Archives[0].NameTemplate; got != "hcsync_{{ .Version }}_{{ .Os }}_{{ .Arch }}" {
		t.Errorf("archive name_template %q; action/install.sh downloads hcsync_VERSION_OS_ARCH", got)
	}
	if cfg.Checksum.NameTemplate != "checksums.txt" || cfg.Checksum.Algorithm != "sha256" {
		t.Errorf("checksum %q %q; action/install.sh reads sha256 sums from checksums.txt", cfg.Checksum.NameTemplate, cfg.Checksum.Algorithm)
	}
	ldflags := strings.ReplaceAll(strings.Join(b.Ldflags, " "), "{{.Version}}", "9.8.7")
	if !strings.Contains(ldflags, "-X main.version=9.8.7") {
		t.Fatalf("ldflags %q do not set main.version to the tag", b.Ldflags)
	}
	bin := filepath.Join(t.TempDir(), "hcsync")
	if out, err := exec.Command("go", "build", "-ldflags", ldflags, "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build -ldflags %q: %v\n%s", ldflags, err, out)
	}
	out, err := exec.Command(bin, "version").Output()
	if err != nil {
		t.Fatal(err)
	}
	if string(out) != "hcsync 9.8.7\n" {
		t.Errorf("built with the release's ldflags, hcsync version prints %q; want %q", out, "hcsync 9.8.7\n")
	}
}
