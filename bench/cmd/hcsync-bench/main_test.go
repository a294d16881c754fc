package main

import "testing"

func TestShellJoin(t *testing.T) {
	t.Parallel()
	got := shellJoin([]string{"-articles", "1000", "-runs", "apply,plan --detailed-exitcode", "-window=1s", "it's", ""})
	want := `-articles 1000 -runs 'apply,plan --detailed-exitcode' -window=1s 'it'\''s' ''`
	if got != want {
		t.Errorf("shellJoin = %s, want %s", got, want)
	}
}
