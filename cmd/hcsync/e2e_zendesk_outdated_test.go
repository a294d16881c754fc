package main

import (
	"encoding/base64"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/hcsync/hcsync/plan"
	"github.com/hcsync/hcsync/providers/zendesk/zendesktest"
)

// hasChange reports whether p has the change key with a field named field.
func hasChange(p *plan.Plan, key, field string) bool {
	for _, c := range p.Changes {
		if c.Key != key {
			continue
		}
		for _, f := range c.Fields {
			if f.Field == field {
				return true
			}
		}
	}
	return false
}

// zendeskOutdated reports the outdated flag of the locale of the
// article whose source file is rel, and whether the fake has it.
func zendeskOutdated(t *testing.T, fake *zendesktest.Server, dir, rel, locale string) bool {
	t.Helper()
	id, err := strconv.ParseInt(fileID(t, filepath.Join(dir, "docs", filepath.FromSlash(rel))), 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	a, ok := fake.Article(id)
	if !ok || a.Translations[locale] == nil {
		t.Fatalf("the fake has no %s translation of article %d (%s)", locale, id, rel)
	}
	return a.Translations[locale].Outdated
}

// TestZendeskOutdated: apply marks a stale translation outdated in
// Zendesk, the next plan is empty, and the apply that sends the
// translator's update clears the flag; a flag an editor set in the help
// center on a current translation is reported, not cleared.
func TestZendeskOutdated(t *testing.T) {
	fake := zendesktest.New(zendesktest.Options{Email: "writer@example.com", APIToken: zdToken})
	defer fake.Close()
	dir := zendeskTree(t, fake.URL)
	env := []string{"ZENDESK_EMAIL=writer@example.com", "ZENDESK_API_TOKEN=" + zdToken}
	g := gitInit(t, dir)
	at := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	g.commit("add the example tree", at)
	mustApply(t, dir, env)
	g.commit("hcsync: write ids", at.Add(time.Hour))
	const src, fr = "getting-started/installation/install-mobile.md", "getting-started/installation/install-mobile.fr.md"
	if zendeskOutdated(t, fake, dir, src, "fr") {
		t.Fatal("install-mobile fr is outdated before any source change")
	}

	replaceIn(t, g.doc(src), "- [ ] Sign in\n", "- [ ] Sign in\n- [ ] Pick a theme\n")
	g.commit("mobile: theme step", at.Add(2*time.Hour))
	p := planJSON(t, dir, env)
	if !hasChange(p, "update-translation:"+fr, "outdated") {
		t.Fatalf("plan after the source change does not mark %s outdated:\n%+v", fr, p.Changes)
	}
	mustApply(t, dir, env)
	if !zendeskOutdated(t, fake, dir, src, "fr") {
		t.Fatal("apply did not set outdated: true on the stale fr translation")
	}
	if zendeskOutdated(t, fake, dir, "getting-started/installation/install-desktop.md", "fr") {
		t.Error("apply marked a current translation outdated")
	}
	assertConverged(t, dir, env)

	replaceIn(t, g.doc(fr), "Google Play.\n", "Google Play.\n\nChoisissez un thème.\n")
	g.commit("fr: theme", at.Add(3*time.Hour))
	mustApply(t, dir, env)
	if zendeskOutdated(t, fake, dir, src, "fr") {
		t.Fatal("apply of the updated translation left outdated: true")
	}
	assertConverged(t, dir, env)

	// An editor marks a current translation outdated in the help center:
	// the plan says so and leaves the flag alone.
	id := fileID(t, g.doc("getting-started/installation/install-desktop.md"))
	siteRequest(t, "PUT", fake.URL+"/api/v2/help_center/articles/"+id+"/translations/fr", map[string]string{"Authorization": "Basic " + base64.StdEncoding.EncodeToString([]byte("writer@example.com/token:"+zdToken))}, map[string]any{"translation": map[string]any{"outdated": true}})
	res := runCLI(t, dir, env, "plan")
	if !strings.Contains(res.stdout, "install-desktop.fr.md: the help center marks this translation outdated") || !strings.Contains(res.stdout, "No changes") {
		t.Errorf("plan after an editor's outdated flag:\n%s", res.stdout)
	}
}

// A translation already stale when its article is first applied is
// created outdated: one apply converges.
func TestZendeskCreatedOutdated(t *testing.T) {
	fake := zendesktest.New(zendesktest.Options{Email: "writer@example.com", APIToken: zdToken})
	defer fake.Close()
	dir := zendeskTree(t, fake.URL)
	env := []string{"ZENDESK_EMAIL=writer@example.com", "ZENDESK_API_TOKEN=" + zdToken}
	g := gitInit(t, dir)
	at := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	g.commit("add the example tree", at)
	replaceIn(t, g.doc("getting-started/installation/install-mobile.md"), "- [ ] Sign in\n", "- [ ] Sign in\n- [ ] Pick a theme\n")
	g.commit("mobile: theme step", at.Add(time.Hour))
	mustApply(t, dir, env)
	if !zendeskOutdated(t, fake, dir, "getting-started/installation/install-mobile.md", "fr") {
		t.Error("the stale fr translation was created without outdated: true")
	}
	if zendeskOutdated(t, fake, dir, "getting-started/installation/install-desktop.md", "fr") {
		t.Error("a current translation was created outdated")
	}
	assertConverged(t, dir, env)
}
