package render

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sync"
	"testing"
)

// realBody is one article of testdata/zendesk-real: a body exactly as
// the Zendesk API returned it (see SOURCES.md there).
type realBody struct {
	ID      int64  `json:"id"`
	Title   string `json:"title"`
	Body    string `json:"body"`
	HTMLURL string `json:"html_url"`
}

var (
	realBodiesOnce sync.Once
	realBodiesList []realBody
	realBodiesErr  error
)

// realBodies loads the real Zendesk bodies once per test binary.
func realBodies(tb testing.TB) []realBody {
	tb.Helper()
	realBodiesOnce.Do(func() {
		b, err := os.ReadFile(filepath.Join("..", "testdata", "zendesk-real", "articles.json"))
		if err != nil {
			realBodiesErr = err
			return
		}
		var env struct {
			Articles []realBody `json:"articles"`
		}
		realBodiesErr = json.Unmarshal(b, &env)
		realBodiesList = env.Articles
	})
	if realBodiesErr != nil {
		tb.Fatal(realBodiesErr)
	}
	if len(realBodiesList) < 300 {
		tb.Fatalf("want at least 300 real bodies, found %d", len(realBodiesList))
	}
	return realBodiesList
}

// allProfiles is every registered profile and the default one.
func allProfiles() []*Profile {
	ps := []*Profile{Lookup("")}
	for _, name := range Profiles() {
		ps = append(ps, Lookup(name))
	}
	return ps
}

// checkEqualLaws asserts what a plan needs of Equal for body x under p:
// x equals itself, equals what the service stores of it, and (unless y
// is empty) the answer for x and y does not depend on their order.
func checkEqualLaws(t *testing.T, p *Profile, x, y string) {
	t.Helper()
	if !Equal(x, x, p) {
		t.Errorf("%s: Equal(x, x) is false for x = %.300q", p.Name, x)
	}
	if p.Sanitize != nil {
		stored := p.Sanitize(x)
		if !Equal(x, stored, p) || !Equal(stored, x, p) {
			t.Errorf("%s: x and what the service stores of it differ:\nx      %.300q\nstored %.300q", p.Name, x, stored)
		}
	}
	if y != "" && Equal(x, y, p) != Equal(y, x, p) {
		t.Errorf("%s: Equal is not symmetric on\nx %.300q\ny %.300q", p.Name, x, y)
	}
}

// TestEqualReflexiveOnRealBodies runs Equal's laws over every real
// Zendesk body, for every profile: a body a help center returned must
// compare equal to itself, or the plan shows a change that no apply can
// remove.
func TestEqualReflexiveOnRealBodies(t *testing.T) {
	t.Parallel()
	bodies := realBodies(t)
	for _, p := range allProfiles() {
		t.Run(p.Name, func(t *testing.T) {
			t.Parallel()
			for i, b := range bodies {
				y := ""
				if i%5 == 0 { // symmetry costs four more comparisons
					y = bodies[(i+1)%len(bodies)].Body
				}
				checkEqualLaws(t, p, b.Body, y)
			}
		})
	}
}

// TestEqualReflexive holds the cases the issue reported.
func TestEqualReflexive(t *testing.T) {
	t.Parallel()
	for _, x := range []string{
		`<p dir="ltr">x</p>`,
		`<p lang="en-US" xml:lang="en-US">x</p>`,
		`<ul style="list-style-type: disc;"><li style="display: list-item;">x</li></ul>`,
		`<span style="font-family: Arial; font-size: 11pt;">x</span>`,
		`<p>a<!-- note --></p>`,
	} {
		for _, p := range allProfiles() {
			checkEqualLaws(t, p, x, "<p>y</p>")
		}
	}
}

// FuzzEqual checks Equal's laws on any input, seeded with the real
// bodies and Normalize's own cases.
func FuzzEqual(f *testing.F) {
	// A tenth of the real bodies: TestEqualReflexiveOnRealBodies runs
	// them all, and the seeds run on every go test.
	for i, b := range realBodies(f) {
		if i%10 == 0 {
			f.Add(b.Body, "<p>x</p>")
		}
	}
	seeds := normalizeSeeds(f)
	for i, s := range seeds {
		f.Add(s, seeds[(i+1)%len(seeds)])
	}
	profiles := allProfiles()
	f.Fuzz(func(t *testing.T, x, y string) {
		for _, p := range profiles {
			checkEqualLaws(t, p, x, y)
		}
	})
}

// BenchmarkEqualRealBodies is what a plan pays per body that does not
// match the stored bytes: the real Zendesk bodies against themselves.
func BenchmarkEqualRealBodies(b *testing.B) {
	bodies := realBodies(b)
	for _, name := range []string{"zendesk", "intercom", "helpcenter"} {
		p := Lookup(name)
		b.Run(name, func(b *testing.B) {
			for i := 0; b.Loop(); i++ {
				x := bodies[i%len(bodies)].Body
				Equal(x, x, p)
			}
		})
	}
}
