package locales

import (
	"regexp"
	"testing"
)

// localePattern is the definition Valid implements without a
// regular expression.
var localePattern = regexp.MustCompile(`^(?i)[a-z]{2,3}(?:[-_][a-z]{4})?(?:[-_](?:[a-z]{2}|[0-9]{3}))?$`)

func TestValidLocale(t *testing.T) {
	for _, c := range []struct {
		s    string
		want bool
	}{
		{"fr", true},
		{"pt-br", true},
		{"zh-TW", true},
		{"zh-Hant-TW", true},
		{"zh_hant_tw", true},
		{"es-419", true},
		{"en_US", true},
		{"fil", true},
		{"sr-Latn", true},
		{"sr-Latn-419", true},
		{"\u212ak", true}, // Kelvin sign: (?i) folds it to k
		{"ſv-se", true},   // long s: folds to s
		{"", false},
		{"e", false},
		{"engl", false},
		{"en-", false},
		{"en--us", false},
		{"en-u", false},
		{"en-usa", false},
		{"en-12", false},
		{"en-1234", false},
		{"en-12a", false},
		{"en-Latn-Cyrl", false},
		{"en-Latn-us-gb", false},
		{"en-us-Latn", false},
		{"en.us", false},
		{"en-us ", false},
		{"én", false},
		{"final", false},
		{"draft", false},
		{"v2", false},
	} {
		if got := Valid(c.s); got != c.want {
			t.Errorf("Valid(%q) = %v, want %v", c.s, got, c.want)
		}
		if got := localePattern.MatchString(c.s); got != c.want {
			t.Errorf("the pattern matches %q: %v, want %v", c.s, got, c.want)
		}
	}
}

// TestValidLocaleAsPattern compares Valid with the pattern on
// every string of up to six pieces that can make a locale or nearly one.
func TestValidLocaleAsPattern(t *testing.T) {
	pieces := []string{"a", "Z", "-", "_", "7", "ſ", "\u212a", "é", "\xff"}
	var try func(s string, depth int)
	try = func(s string, depth int) {
		if got, want := Valid(s), localePattern.MatchString(s); got != want {
			t.Fatalf("Valid(%q) = %v, the pattern says %v", s, got, want)
		}
		if depth == 0 {
			return
		}
		for _, p := range pieces {
			try(s+p, depth-1)
		}
	}
	depth := 6
	if testing.Short() {
		depth = 4
	}
	try("", depth)
	// Longer shapes, with the ambiguous parts in their places.
	for _, lang := range []string{"ab", "abc", "aſ", "abcd"} {
		for _, script := range []string{"", "-abcd", "_ABCD", "-abc", "-abcde", "-ab\u212ad", "-1234"} {
			for _, region := range []string{"", "-ab", "_12", "-123", "-1234", "-abc", "-a1", "-abcd"} {
				s := lang + script + region
				if got, want := Valid(s), localePattern.MatchString(s); got != want {
					t.Errorf("Valid(%q) = %v, the pattern says %v", s, got, want)
				}
			}
		}
	}
}

func FuzzValidLocale(f *testing.F) {
	for _, s := range []string{"fr", "pt-br", "zh-Hant-TW", "es-419", "en_US", "\u212ak-ſs", "en-us-", "a-b-c"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := Valid(s), localePattern.MatchString(s); got != want {
			t.Errorf("Valid(%q) = %v, the pattern says %v", s, got, want)
		}
	})
}
