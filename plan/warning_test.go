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
