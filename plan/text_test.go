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
