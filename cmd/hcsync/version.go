package main

import (
	"runtime/debug"
	"strings"
)

// versionString is the version hcsync reports: the one the release set
// with -ldflags, else the one the go command recorded (buildVersion).
func versionString() string {
	if version != "" {
		return version
	}
	info, _ := debug.ReadBuildInfo() // nil when the binary has none
	return buildVersion(info)
}

// buildVersion is the version info records: the module version go
// install stamps (v1.4.0, or a pseudo-version naming the commit), else,
// for go build in a clone, "devel-" and the commit's first 12 digits,
// "+dirty" when the tree had uncommitted edits. Without either, "dev".
func buildVersion(info *debug.BuildInfo) string {
	if info == nil {
		return "dev"
	}
	if v := info.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	var rev string
	dirty := false
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if rev == "" {
		return "dev"
	}
	var b strings.Builder
	b.WriteString("devel-")
	b.WriteString(rev[:min(12, len(rev))])
	if dirty {
		b.WriteString("+dirty")
	}
	return b.String()
}
