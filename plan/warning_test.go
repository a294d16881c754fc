package plan

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
)

// TestWarningKindsDocumented: every kind a plan can carry is named in
// docs/plan-schema.md, and its JSON is the bare text readers match on.
func TestWarningKindsDocumented(t *testing.T) {
	doc, err := os.ReadFile("../docs/plan-schema.md")
	if err != nil {
		t.Fatal(err)
	}
	_, warnings, _ := strings.Cut(string(doc), "## Warnings")
	warnings, _, _ = strings.Cut(warnings, "\n## ")
	for _, k := range WarningKinds {
		if !strings.Contains(warnings, "`"+string(k)+"`") {
			t.Errorf("warning kind %q is not documented under Warnings in docs/plan-schema.md", k)
		}
		b, err := json.Marshal(Warning{Kind: k})
		if err != nil || !strings.Contains(string(b), `"kind":"`+string(k)+`"`) {
			t.Errorf("JSON of a %q warning = %s, %v", k, b, err)
		}
	}
}

// TestActionsDocumented: every action is in docs/plan-schema.md's table
// and has a rule in Change.Validate.
func TestActionsDocumented(t *testing.T) {
	doc, err := os.ReadFile("../docs/plan-schema.md")
	if err != nil {
		t.Fatal(err)
	}
	_, actions, _ := strings.Cut(string(doc), "## Actions")
	actions, _, _ = strings.Cut(actions, "\n## ")
	for _, a := range Actions {
		if !strings.Contains(actions, "`"+string(a)+"`") {
			t.Errorf("action %q is not documented under Actions in docs/plan-schema.md", a)
		}
		if _, ok := needs[a]; !ok {
			t.Errorf("action %q has no rule in Change.Validate", a)
		}
	}
}
