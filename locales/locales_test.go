package locales

import "testing"

func TestEqualLocale(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"en-us", "en-us", true},
		{"en-US", "en-us", true},
		{"pt_BR", "pt-br", true},
		{"EN_us", "en-US", true},
		{"en", "en-us", false},
		{"en-us", "en-gb", false},
		{"", "", true},
		{"de", "DE", true},
		{"fr-", "fr_", true},
		{"é", "É", false}, // only ASCII folds: locale codes are ASCII
	} {
		if got := Equal(c.a, c.b); got != c.want {
			t.Errorf("Equal(%q, %q) = %t, want %t", c.a, c.b, got, c.want)
		}
		if got := Normalize(c.a) == Normalize(c.b); got != c.want {
			t.Errorf("Normalize disagrees with Equal on %q, %q", c.a, c.b)
		}
	}
}
