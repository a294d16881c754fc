package testtime

import (
	"testing"
	"time"
)

func TestScale(t *testing.T) {
	for _, tc := range []struct {
		env  string
		want time.Duration
	}{
		{"", raceFactor * 100 * time.Millisecond},
		{"3", 300 * time.Millisecond},
		{"2.5", 250 * time.Millisecond},
		{"0.5", raceFactor * 100 * time.Millisecond}, // never shorter than written
		{"fast", raceFactor * 100 * time.Millisecond},
	} {
		t.Setenv(Env, tc.env)
		if got := Scale(100 * time.Millisecond); got != tc.want {
			t.Errorf("%s=%q: Scale(100ms) = %v, want %v", Env, tc.env, got, tc.want)
		}
	}
}
