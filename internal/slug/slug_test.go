package slug

import "testing"

func TestOf(t *testing.T) {
	t.Parallel()
	tests := map[string]string{
		"Taking photos in low light": "taking-photos-in-low-light",
		"Section 1.1":                "section-1-1",
		"Ça marche: été!":            "ca-marche-ete",
		"  --Billing & plans--  ":    "billing-plans",
		"日本語":                        "",
		"Straße":                     "strasse",
		"Título del artículo":        "titulo-del-articulo",
		"Œuvre 2":                    "oeuvre-2",
	}
	for in, want := range tests {
		if got := Of(in); got != want {
			t.Errorf("Of(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzOf(f *testing.F) {
	f.Add("Ça marche: été!")
	f.Add("日本語 and ß")
	f.Fuzz(func(t *testing.T, title string) {
		s := Of(title)
		for i := 0; i < len(s); i++ {
			c := s[i]
			if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-') {
				t.Fatalf("Of(%q) = %q: byte %q is not a slug's", title, s, c)
			}
		}
		if s != "" && (s[0] == '-' || s[len(s)-1] == '-') {
			t.Fatalf("Of(%q) = %q: starts or ends with a hyphen", title, s)
		}
		if Of(s) != s {
			t.Fatalf("Of(Of(%q)) = %q, want %q", title, Of(s), s)
		}
	})
}
