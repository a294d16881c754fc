package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/hcsync/hcsync/providers/zendesk/zendesktest"
)

// TestZendeskPermissionGroupCheckedAtPlan: Zendesk refuses an article
// without a permission group, so a config that names none (or one the
// help center lacks) is a plan problem, reported once, and apply writes
// nothing: no section, category or image before it fails.
func TestZendeskPermissionGroupCheckedAtPlan(t *testing.T) {
	for _, tc := range []struct {
		name, group string
		want        []string
	}{
		{"missing", "", []string{"hcsync.yaml", "zendesk.permission_group", `"Admins"`, `"Agents"`}},
		{"unknown", "Managers", []string{"hcsync.yaml", `zendesk.permission_group "Managers" not found`, `"Admins"`, `"Agents"`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fake := zendesktest.New(zendesktest.Options{Email: "writer@example.com", APIToken: zdToken})
			defer fake.Close()
			dir := zendeskTree(t, fake.URL)
			cfg := filepath.Join(dir, "hcsync.yaml")
			replaceIn(t, cfg, "  permission_group: Admins\n", "")
			if tc.group != "" {
				replaceIn(t, cfg, "zendesk:\n", "zendesk:\n  permission_group: "+tc.group+"\n")
			}
			env := []string{"ZENDESK_EMAIL=writer@example.com", "ZENDESK_API_TOKEN=" + zdToken}
			for _, cmd := range []string{"plan", "apply"} {
				res := runCLI(t, dir, env, cmd)
				out := res.stdout + res.stderr
				if res.code != 1 {
					t.Errorf("%s: exit %d, want 1\n%s", cmd, res.code, out)
				}
				for _, w := range tc.want {
					if !strings.Contains(out, w) {
						t.Errorf("%s: output lacks %q:\n%s", cmd, w, out)
					}
				}
				if n := strings.Count(out, "zendesk.permission_group"); n != 1 {
					t.Errorf("%s: the permission group problem is told %d times, want once:\n%s", cmd, n, out)
				}
			}
			for _, r := range fake.Requests() {
				if r.Method != "GET" {
					t.Errorf("a write was sent: %s %s", r.Method, r.Path)
				}
			}
		})
	}
}
