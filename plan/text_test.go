package plan

import (
	"reflect"
	"strings"
	"testing"

	"github.com/hcsync/hcsync/internal/golden"
)

func TestWriteTextGolden(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	if err := WriteText(&b, reviewPlan()); err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "plan-review.txt", b.String())
}

// The JSON plan is the schema docs/plan-schema.md describes, and reads
// back as the same value.
func TestWriteJSONGolden(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	if err := WriteJSON(&b, reviewPlan()); err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "plan-review.json", b.String())
	back, err := ReadJSON(strings.NewReader(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back.UnmanagedTranslations, reviewPlan().UnmanagedTranslations) {
		t.Errorf("unmanaged translations read back as %+v", back.UnmanagedTranslations)
	}
}

// A plan --target scoped says so in every printed form, so a reviewer
// does not take the missing archives and unmanaged list for "none".
func TestScopedPlanSaysSo(t *testing.T) {
	t.Parallel()
	p := &Plan{SchemaVersion: SchemaVersion, Provider: "local", Changes: []*Change{{Key: "create:a.md", Action: ActionCreate, File: "a.md"}},
		Scope: &Scope{Targets: []string{"a.md"}, Articles: 3, Of: 250}}
	const note = "(--target: 3 of 250 articles; archives and unmanaged are not shown)"
	for name, write := range map[string]func(*strings.Builder) error{
		"text":     func(b *strings.Builder) error { return WriteText(b, p) },
		"markdown": func(b *strings.Builder) error { return WriteMarkdown(b, p) },
		"json":     func(b *strings.Builder) error { return WriteJSON(b, p) },
	} {
		var b strings.Builder
		if err := write(&b); err != nil {
			t.Fatal(err)
		}
		want := note
		if name == "json" {
			want = `"scope": {`
		}
		if !strings.Contains(b.String(), want) {
			t.Errorf("%s plan lacks %q:\n%s", name, want, b.String())
		}
	}
	p.Changes = nil
	var empty strings.Builder
	if err := WriteText(&empty, p); err != nil || !strings.HasPrefix(empty.String(), "No changes. The help center matches the targets.\n") {
		t.Errorf("empty scoped plan:\n%s", empty.String())
	}
	back, err := ReadJSON(strings.NewReader(func() string { var b strings.Builder; _ = WriteJSON(&b, p); return b.String() }()))
	if err != nil || back.Scope == nil || back.Scope.Of != 250 {
		t.Errorf("scope read back as %+v (%v)", back.Scope, err)
	}
}
