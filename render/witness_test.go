package render_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/hcsync/hcsync/providers/helpcenter/helpcentertest"
	"github.com/hcsync/hcsync/providers/intercom/intercomtest"
	"github.com/hcsync/hcsync/providers/zendesk/zendesktest"
	"github.com/hcsync/hcsync/render"
)

// witnesses are the fakes' own models of what each service stores,
// written from the services' documentation without hcsync's code.
var witnesses = map[string]func(string) (string, bool){
	"zendesk":    func(s string) (string, bool) { return zendesktest.StoredBody(s), true },
	"helpcenter": func(s string) (string, bool) { return helpcentertest.StoredBody(s), true },
	"intercom": func(s string) (string, bool) {
		stored, problem := intercomtest.StoredBody(s)
		return stored, problem == ""
	},
}

// checkWitness asserts that a body and what the service stores of it
// compare equal under the service's profile: otherwise the plan after an
// apply shows a change no apply removes.
func checkWitness(t *testing.T, x string) {
	t.Helper()
	for name, store := range witnesses {
		stored, ok := store(x)
		if !ok {
			continue // the service refuses it; the profile's Check says so
		}
		p := render.Lookup(name)
		if !render.Equal(x, stored, p) {
			t.Errorf("%s: a body and what the fake stores of it differ:\nsent   %.400q\nstored %.400q\nas %s: %.400q\nvs      %.400q",
				name, x, stored, name, render.Normalize(p.Sanitize(x)), render.Normalize(p.Sanitize(stored)))
		}
	}
}

func loadRealBodies(tb testing.TB) []string {
	b, err := os.ReadFile(filepath.Join("..", "testdata", "zendesk-real", "articles.json"))
	if err != nil {
		tb.Fatal(err)
	}
	var env struct {
		Articles []struct {
			Body string `json:"body"`
		} `json:"articles"`
	}
	if err := json.Unmarshal(b, &env); err != nil {
		tb.Fatal(err)
	}
	var out []string
	for _, a := range env.Articles {
		out = append(out, a.Body)
	}
	return out
}

// TestProfilesAgreeWithWitnesses runs every real Zendesk body through
// each fake and each profile: Equal(x, stored(x)).
func TestProfilesAgreeWithWitnesses(t *testing.T) {
	t.Parallel()
	for _, x := range loadRealBodies(t) {
		checkWitness(t, x)
	}
	for _, md := range []string{"- [x] a\n- [ ] b\n\nText[^1].\n\n[^1]: Note.\n", "> [!NOTE]\n> x\n\n| a |\n|---|\n| b |\n"} {
		for name := range witnesses {
			checkWitness(t, render.Render([]byte(md), render.Options{Profile: render.Lookup(name)}).HTML)
		}
	}
}

// FuzzProfilesAgreeWithWitnesses does the same for any input.
func FuzzProfilesAgreeWithWitnesses(f *testing.F) {
	for i, x := range loadRealBodies(f) {
		if i%20 == 0 {
			f.Add(x)
		}
	}
	for _, s := range []string{`<p dir="ltr">x</p>`, "<ul><li>☐ a</li></ul>", "<script>x</script><p onclick=y>z</p>", "a<!-- c -->b", "<div><span>a</span><p>b</p></div>"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, x string) {
		checkWitness(t, x)
	})
}
