package action

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"go.yaml.in/yaml/v3"
)

// fakeReleases serves release assets as github.com does for
// "https://github.com/OWNER/REPO/releases/download/TAG/ASSET"
// (https://docs.github.com/en/repositories/releasing-projects-on-github/linking-to-releases):
// a redirect to the asset's storage, which answers with the bytes; 404
// for a tag or asset that does not exist.
type fakeReleases struct {
	mu     sync.Mutex
	assets map[string][]byte // "acme/hcsync/v1.2.3/checksums.txt" → bytes
	calls  []string
}

func (f *fakeReleases) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, r.URL.Path)
	if key, ok := strings.CutPrefix(r.URL.Path, "/storage/"); ok {
		if data, ok := f.assets[key]; ok {
			w.Header().Set("Content-Type", "application/octet-stream")
			w.Write(data)
			return
		}
	}
	parts := strings.Split(strings.TrimPrefix(r.URL.Path, "/"), "/")
	if len(parts) == 6 && parts[2] == "releases" && parts[3] == "download" {
		key := strings.Join([]string{parts[0], parts[1], parts[4], parts[5]}, "/")
		if _, ok := f.assets[key]; ok {
			http.Redirect(w, r, "/storage/"+key, http.StatusFound)
			return
		}
	}
	http.NotFound(w, r)
}

// release adds a release of acme/hcsync at tag with one archive holding
// bin as hcsync, and its line in checksums.txt (as .goreleaser.yaml
// names them). It returns the archive's name.
func (f *fakeReleases) release(t *testing.T, tag, osArch string, bin []byte) string {
	t.Helper()
	name := "hcsync_" + strings.TrimPrefix(tag, "v") + "_" + osArch + ".tar.gz"
	var buf bytes.Buffer
	gz := gzip.NewWriter(&buf)
	tw := tar.NewWriter(gz)
	for _, file := range []struct {
		name string
		data []byte
	}{{"README.md", []byte("# hcsync\n")}, {"hcsync", bin}} {
		if err := tw.WriteHeader(&tar.Header{Name: file.name, Mode: 0o755, Size: int64(len(file.data))}); err != nil {
			t.Fatal(err)
		}
		tw.Write(file.data)
	}
	tw.Close()
	gz.Close()
	sum := sha256.Sum256(buf.Bytes())
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.assets == nil {
		f.assets = map[string][]byte{}
	}
	f.assets["acme/hcsync/"+tag+"/"+name] = buf.Bytes()
	// Another platform's line comes first, as in a real checksums.txt.
	f.assets["acme/hcsync/"+tag+"/checksums.txt"] = fmt.Appendf(nil, "%s  hcsync_%s_windows_arm64.zip\n%s  %s\n",
		strings.Repeat("0", 64), strings.TrimPrefix(tag, "v"), hex.EncodeToString(sum[:]), name)
	return name
}

// installResult is one run of install.sh.
type installResult struct {
	code           int
	stdout, stderr string
	found          string
	bin            string // the installed binary, "" if none
}

// runInstall runs action/install.sh as action.yml does, for the action
// used at ref on a Linux X64 runner (unless env says otherwise).
func runInstall(t *testing.T, server, ref string, env ...string) installResult {
	t.Helper()
	tmp := t.TempDir()
	outFile := filepath.Join(tmp, "output")
	os.WriteFile(outFile, nil, 0o644)
	bindir := filepath.Join(tmp, "hcsync-bin")
	script, _ := filepath.Abs("install.sh")
	cmd := exec.Command("bash", script)
	cmd.Dir = tmp
	cmd.Env = append([]string{
		"PATH=" + os.Getenv("PATH"), "HOME=" + tmp, "CI=true", "GITHUB_ACTIONS=true",
		"GITHUB_OUTPUT=" + outFile, "GITHUB_SERVER_URL=" + server, "RUNNER_TEMP=" + tmp,
		"RUNNER_OS=Linux", "RUNNER_ARCH=X64",
		"HCSYNC_ACTION_REF=" + ref, "HCSYNC_ACTION_REPOSITORY=acme/hcsync", "HCSYNC_BIN_DIR=" + bindir,
	}, env...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	res := installResult{stdout: out.String()}
	if err := cmd.Run(); err != nil {
		ee, ok := err.(*exec.ExitError)
		if !ok {
			t.Fatal(err)
		}
		res.code = ee.ExitCode()
	}
	res.stdout, res.stderr = out.String(), errb.String()
	outputs, _ := os.ReadFile(outFile)
	res.found = strings.TrimSpace(strings.TrimPrefix(string(outputs), "found="))
	if _, err := os.Stat(filepath.Join(bindir, "hcsync")); err == nil {
		res.bin = filepath.Join(bindir, "hcsync")
	}
	return res
}

// The action at a release tag uses that release's binary, checked
// against checksums.txt; anywhere else it builds from source as before.
func TestInstallReleaseBinary(t *testing.T) {
	t.Parallel()
	bin, err := os.ReadFile(hcsyncBin(t))
	if err != nil {
		t.Fatal(err)
	}
	rel := &fakeReleases{}
	srv := httptest.NewServer(rel)
	// Not defer: the parallel subtests run after this function returns.
	t.Cleanup(srv.Close)
	rel.release(t, "v1.2.3", "linux_amd64", bin)
	rel.release(t, "v1.2.4", "linux_arm64", bin)
	tampered := rel.release(t, "v1.3.0", "linux_amd64", bin)
	rel.assets["acme/hcsync/v1.3.0/"+tampered] = append(bytes.Clone(rel.assets["acme/hcsync/v1.3.0/"+tampered]), 0)

	tests := []struct {
		name  string
		ref   string
		env   []string
		code  int
		found string
		say   string // in stdout
	}{
		{"release", "v1.2.3", nil, 0, "true", "using the release binary (hcsync "},
		{"arm64 runner", "v1.2.4", []string{"RUNNER_ARCH=ARM64"}, 0, "true", "hcsync_1.2.4_linux_arm64.tar.gz, checked against checksums.txt"},
		{"branch", "main", nil, 0, "false", "the action's ref main is not a release tag: building hcsync from the action's source"},
		{"major tag", "v1", nil, 0, "false", "the action's ref v1 is not a release tag"},
		{"no ref", "", nil, 0, "false", "the action's ref (none) is not a release tag"},
		{"tag without a release", "v9.9.9", nil, 0, "false", "no release v9.9.9 of acme/hcsync with checksums.txt"},
		{"no archive for the runner", "v1.2.4", nil, 0, "false", "release v1.2.4 has no hcsync_1.2.4_linux_amd64.tar.gz in checksums.txt"},
		{"unknown runner", "v1.2.3", []string{"RUNNER_ARCH=ARM"}, 0, "false", "no release archive for the runner's architecture ARM"},
		{"checksum mismatch", "v1.3.0", nil, 1, "", "::error title=hcsync release::" + srv.URL + "/acme/hcsync/releases/download/v1.3.0/hcsync_1.3.0_linux_amd64.tar.gz has SHA-256 "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			res := runInstall(t, srv.URL, tt.ref, tt.env...)
			if res.code != tt.code || res.found != tt.found || !strings.Contains(res.stdout, tt.say) {
				t.Fatalf("install.sh at %s: exit %d, found=%q, stdout %q, stderr %q; want exit %d, found=%q and %q",
					tt.ref, res.code, res.found, res.stdout, res.stderr, tt.code, tt.found, tt.say)
			}
			if (res.bin != "") != (tt.found == "true") {
				t.Fatalf("binary installed: %q, found=%s", res.bin, res.found)
			}
			if res.bin == "" {
				return
			}
			out, err := exec.Command(res.bin, "version").Output()
			if err != nil || !strings.HasPrefix(string(out), "hcsync ") {
				t.Errorf("installed hcsync version: %q, %v", out, err)
			}
		})
	}
}

// action.yml runs install.sh first and skips the build steps when it
// found the release binary; run.sh is handed the binary either way.
func TestActionUsesReleaseBinary(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile("../action.yml")
	if err != nil {
		t.Fatal(err)
	}
	var action struct {
		Runs struct {
			Steps []struct {
				Name string            `yaml:"name"`
				ID   string            `yaml:"id"`
				If   string            `yaml:"if"`
				Run  string            `yaml:"run"`
				Env  map[string]string `yaml:"env"`
			} `yaml:"steps"`
		} `yaml:"runs"`
	}
	if err := yaml.Unmarshal(data, &action); err != nil {
		t.Fatalf("action.yml: %v", err)
	}
	steps := action.Runs.Steps
	if len(steps) == 0 || steps[0].ID != "release" || !strings.Contains(steps[0].Run, "action/install.sh") {
		t.Fatalf("action.yml's first step is not install.sh (id release): %+v", steps[0])
	}
	if steps[0].Env["HCSYNC_ACTION_REF"] != "${{ github.action_ref }}" || steps[0].Env["HCSYNC_BIN_DIR"] != "${{ runner.temp }}/hcsync-bin" {
		t.Errorf("install step env %v: want the action's ref and the folder the build steps use", steps[0].Env)
	}
	for _, name := range []string{"Find the hcsync build", "Restore the hcsync build", "Set up Go", "Build hcsync"} {
		var found bool
		for _, s := range steps {
			if s.Name == name {
				found = true
				if !strings.Contains(s.If, "steps.release.outputs.found != 'true'") {
					t.Errorf("step %q runs even with the release binary: if: %q", name, s.If)
				}
			}
		}
		if !found {
			t.Errorf("action.yml has no step %q", name)
		}
	}
}
