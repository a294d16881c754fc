package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/hcsync/hcsync/plan"
	"github.com/hcsync/hcsync/providers/zendesk/zendesktest"
)

// TestTargetLimitsPlanAndApply plans and applies the example tree one
// part at a time with --target, on the local provider: each plan holds
// only its targets and what they need, apply writes only that, and the
// parts add up to the whole.
func TestTargetLimitsPlanAndApply(t *testing.T) {
	dir := copyTree(t, "../../testdata/example")

	// A folder, from the working directory (as a shell completes it).
	p := planJSON(t, dir, nil, "--target", "docs/account/security")
	want := "create-section:account create-section:account/security upload-image create:account/security/reset-password.md create:account/security/two-factor.md create-translation:account/security/two-factor.fr.md"
	if got := targetKeys(p); got != want {
		t.Fatalf("plan --target docs/account/security:\n%s\nwant:\n%s", got, want)
	}
	if p.Scope == nil || p.Scope.Articles != 2 || p.Scope.Of != 9 {
		t.Errorf("scope = %+v, want 2 of 9 articles", p.Scope)
	}
	text := runCLI(t, dir, nil, "plan", "--target", "docs/account/security")
	if !strings.Contains(text.stdout, "(--target: 2 of 9 articles; archives and unmanaged are not shown)") {
		t.Errorf("text plan does not say it is scoped:\n%s", text.stdout)
	}

	// The same folder from the content folder, applied.
	mustApply(t, dir, nil, "--target", "account/security")
	if !strings.Contains(readFile(t, filepath.Join(dir, "docs/account/security/two-factor.md")), "\nid: ") {
		t.Error("apply --target did not write the id of a created article")
	}
	if strings.Contains(readFile(t, filepath.Join(dir, "docs/account/billing/invoices.md")), "\nid: ") {
		t.Error("apply --target account/security created an article outside it")
	}
	again := runCLI(t, dir, nil, "plan", "--detailed-exitcode", "--target", "account/security")
	if again.code != 0 || !strings.HasPrefix(again.stdout, "No changes. The help center matches the targets.\n") {
		t.Errorf("plan --target after its apply: exit %d\n%s%s", again.code, again.stdout, again.stderr)
	}
	whole := planJSON(t, dir, nil)
	if n := whole.Counts()[plan.ActionCreate]; n != 7 {
		t.Errorf("after applying 2 of 9 articles, the whole plan creates %d, want 7: %v", n, targetKeys(whole))
	}
	for _, c := range whole.Changes {
		if strings.HasPrefix(c.File, "account/security/") {
			t.Errorf("whole plan still changes %s after its targeted apply", c.Key)
		}
	}

	// A link to an article outside the targets that does not exist yet
	// cannot be made: the plan says which to add.
	res := runCLI(t, dir, nil, "plan", "--target", "getting-started/first-steps/create-workspace.md")
	if res.code != 1 || !strings.Contains(res.stderr, "create-workspace.md:18: link \"invite-team.md\": link to getting-started/first-steps/invite-team.md, which --target leaves out and the help center does not have yet: add --target getting-started/first-steps/invite-team.md to plan it too") {
		t.Errorf("plan with a link out of the target: exit %d\n%s", res.code, res.stderr)
	}

	// A target that matches nothing is a usage error naming it.
	res = runCLI(t, dir, nil, "plan", "--target", "getting-started/nope.md", "--target", "account")
	if res.code != exitUsage || !strings.Contains(res.stderr, `--target "getting-started/nope.md" matches no article or folder of the tree`) {
		t.Errorf("unmatched target: exit %d\n%s", res.code, res.stderr)
	}
	res = runCLI(t, dir, nil, "plan", "--target", "../elsewhere")
	if res.code != exitUsage || !strings.Contains(res.stderr, "--target ../elsewhere is outside the content folder") {
		t.Errorf("target outside the tree: exit %d\n%s", res.code, res.stderr)
	}

	// The rest, in two parts, adds up to the whole tree.
	mustApply(t, dir, nil, "--target", "getting-started")
	mustApply(t, dir, nil, "--target", "docs/account/billing/invoices.md", "--target", "account/billing/update-payment.de.md")
	assertConverged(t, dir, nil)
}

// targetKeys are p's change keys, an image's without its hash.
func targetKeys(p *plan.Plan) string {
	keys := make([]string, len(p.Changes))
	for i, c := range p.Changes {
		keys[i] = c.Key
		if c.Action == plan.ActionUploadImage {
			keys[i] = string(c.Action)
		}
	}
	return strings.Join(keys, " ")
}

// TestZendeskTargetReadsOnlyWhatItNeeds: on Zendesk, the name lists a
// plan reads are those its targets name: targeting account/security,
// whose files name no content tag and no user segment, reads neither
// list, where the whole tree reads both; and the apply writes only
// that folder.
func TestZendeskTargetReadsOnlyWhatItNeeds(t *testing.T) {
	fake := zendesktest.New(zendesktest.Options{Email: "writer@example.com", APIToken: zdToken})
	defer fake.Close()
	dir := zendeskTree(t, fake.URL)
	env := []string{"ZENDESK_EMAIL=writer@example.com", "ZENDESK_API_TOKEN=" + zdToken}
	lists := func() (tags, segments int) {
		for _, r := range fake.Requests() {
			switch {
			case strings.Contains(r.Path, "content_tags"):
				tags++
			case strings.Contains(r.Path, "user_segments"):
				segments++
			}
		}
		return tags, segments
	}
	planJSON(t, dir, env)
	if tags, segments := lists(); tags == 0 || segments == 0 {
		t.Fatalf("the whole plan read %d tag and %d segment lists, want both (the example names tags and segments)", tags, segments)
	}
	fake.ResetLog()
	p := planJSON(t, dir, env, "--target", "account/security")
	if tags, segments := lists(); tags != 0 || segments != 0 {
		t.Errorf("plan --target account/security read %d tag and %d segment lists, want none", tags, segments)
	}
	if p.Scope == nil || p.Scope.Articles != 2 {
		t.Errorf("scope = %+v", p.Scope)
	}
	mustApply(t, dir, env, "--target", "account/security")
	if whole := planJSON(t, dir, env); whole.Counts()[plan.ActionCreate] != 7 {
		t.Errorf("after the targeted apply the whole plan creates %d articles, want the other 7", whole.Counts()[plan.ActionCreate])
	}
}
