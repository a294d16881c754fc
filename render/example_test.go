package render_test

import (
	"fmt"

	"github.com/hcsync/hcsync/render"
)

func ExampleRender() {
	src := []byte("## Install on Linux\n\nSee [setup](../admin/setup.md#proxy) and [old](gone.md).\n")
	published := map[string]string{"../admin/setup.md": "https://acme.zendesk.com/hc/articles/42"}
	res := render.Render(src, render.Options{
		Link: func(dest string, line int) (string, error) {
			if u, ok := published[dest]; ok {
				return u, nil
			}
			return "", fmt.Errorf("no file %s: fix the link or add the article", dest)
		},
	})
	fmt.Print(res.HTML)
	for _, p := range res.Problems {
		fmt.Printf("line %d: %s\n", p.Line, p.Msg)
	}
	// Output:
	// <h2 id="install-on-linux">Install on Linux</h2>
	// <p>See <a href="https://acme.zendesk.com/hc/articles/42#proxy">setup</a> and <a href="gone.md">old</a>.</p>
	// line 3: link "gone.md": no file gone.md: fix the link or add the article
}

func ExampleEqual() {
	desired := "<p>It's <a href=\"/a\" title=\"t\">here</a>.</p>\n"
	stored := "<P>It&#39;s  <a title=t href='/a'>here</a>.</P>"
	fmt.Println(render.Equal(desired, stored, nil))
	fmt.Println(render.Normalize(stored))
	// Output:
	// true
	// <p>It's <a href="/a" title="t">here</a>.</p>
}
