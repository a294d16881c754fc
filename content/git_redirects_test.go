package content

import (
	"context"
	"slices"
	"testing"
)

// TestRedirectsSince: the entries that changed or deleted articles held
// at the ref, read from that version; unchanged files and translations
// are not read.
func TestRedirectsSince(t *testing.T) {
	t.Parallel()
	g := newTestRepo(t)
	g.write("s/a.md", "---\ntitle: A\nredirect_from: [1, /old/a]\n---\nA\n")
	g.write("s/b.md", "---\ntitle: B\nredirect_from: [2]\n---\nB\n")
	g.write("s/c.md", "---\ntitle: C\nredirect_from: [3]\n---\nC\n")
	g.write("s/c.fr.md", "---\ntitle: C\n---\nC\n")
	base := g.commit(1, "Ann")
	g.write("s/a.md", "---\ntitle: A\nredirect_from: [1]\n---\nA\n")
	g.remove("s/b.md")
	g.commit(2, "Ann")
	r, err := OpenRepo(g.dir)
	if err != nil {
		t.Fatal(err)
	}
	got, err := r.RedirectsSince(context.Background(), base.String())
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"/old/a", "1", "2"}; !slices.Equal(got, want) {
		t.Errorf("RedirectsSince = %q, want %q (c.md is unchanged)", got, want)
	}
}
