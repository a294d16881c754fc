package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/hcsync/hcsync/plan"
	"github.com/hcsync/hcsync/providers"
)

// TestConfirm: only a line reading yes approves; the changes that
// remove something are listed before the question, bold red with
// colour and plain without.
func TestConfirm(t *testing.T) {
	pl := &plan.Plan{Changes: []*plan.Change{
		{Key: "update-translation:a.md", Action: plan.ActionUpdateTranslation, File: "a.md"},
		{Key: "archive:42", Action: plan.ActionArchive, File: "old.md", ArticleID: "42", Title: "Old FAQ"},
		{Key: "delete-translation:a.fr.md", Action: plan.ActionDeleteTranslation, File: "a.fr.md", ArticleID: "7", Locale: "fr"},
		{Key: "delete-redirect:/x", Action: plan.ActionDeleteRedirect, File: "a.md", Redirect: &plan.RedirectSpec{From: "/x"}},
		{Key: "create-translation:a.de.md", Action: plan.ActionCreateTranslation, File: "a.de.md", Translation: &plan.TranslationSpec{TranslationInput: providers.TranslationInput{Locale: "de"}}},
	}}
	for _, tc := range []struct {
		answer string
		ok     bool
	}{
		{"yes\n", true},
		{"  yes \n", true},
		{"yes", true}, // the end of input after it
		{"no\n", false},
		{"y\n", false},
		{"YES\n", false},
		{"\n", false},
		{"", false},
	} {
		var out bytes.Buffer
		err := confirm(context.Background(), strings.NewReader(tc.answer), &out, pl, false)
		if (err == nil) != tc.ok {
			t.Errorf("answer %q: confirm = %v, want approved %v", tc.answer, err, tc.ok)
		}
		var ec *exitCodeError
		if err != nil && (!errors.As(err, &ec) || ec.code != exitError || !strings.Contains(err.Error(), "nothing was written")) {
			t.Errorf("answer %q: error %v, want exit 1 saying nothing was written", tc.answer, err)
		}
	}

	var plain bytes.Buffer
	confirm(context.Background(), strings.NewReader("no\n"), &plain, pl, false)
	want := `
3 change(s) remove content from the help center:
  - archive old.md (article 42) "Old FAQ"
  - delete-translation a.fr.md (article 7, fr)
  - delete-redirect a.md (redirect from /x)

hcsync will apply 5 change(s) to the help center.
Do you want to apply these changes? Only 'yes' will be accepted: `
	if plain.String() != want {
		t.Errorf("question without colour:\n%s\nwant\n%s", plain.String(), want)
	}
	var coloured bytes.Buffer
	confirm(context.Background(), strings.NewReader("no\n"), &coloured, pl, true)
	if !strings.Contains(coloured.String(), "  "+boldRed+"- archive old.md (article 42) \"Old FAQ\""+reset) {
		t.Errorf("with colour, the archive is not bold red:\n%q", coloured.String())
	}
	if strings.Contains(plain.String(), "\x1b[") {
		t.Error("without colour, the question holds escape sequences")
	}

	// Nothing removed: just the question.
	var none bytes.Buffer
	confirm(context.Background(), strings.NewReader("yes\n"), &none, &plan.Plan{Changes: pl.Changes[:1]}, true)
	if strings.Contains(none.String(), "remove") || strings.Contains(none.String(), "\x1b[") {
		t.Errorf("a plan that removes nothing lists removals:\n%s", none.String())
	}
}

// TestConfirmInterrupted: Ctrl-C while the question waits is a no.
func TestConfirmInterrupted(t *testing.T) {
	in, w := io.Pipe() // nobody answers
	defer w.Close()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- confirm(ctx, in, io.Discard, &plan.Plan{Changes: []*plan.Change{{}}}, false) }()
	cancel()
	select {
	case err := <-done:
		if err == nil {
			t.Error("an interrupted question approved the plan")
		}
	case <-time.After(5 * time.Second):
		t.Fatal("confirm kept waiting after Ctrl-C")
	}
}

// TestInteractive: the question is asked only when stdin and stderr are
// terminals; colour only then, and never with NO_COLOR.
func TestInteractive(t *testing.T) {
	env := func(kv map[string]string) func(string) string { return func(k string) string { return kv[k] } }
	for _, tc := range []struct {
		name        string
		a           app
		interactive bool
		colour      bool
	}{
		{"both terminals", app{isTerminal: true, stdinTerminal: true, stdin: strings.NewReader(""), getenv: env(nil)}, true, true},
		{"NO_COLOR", app{isTerminal: true, stdinTerminal: true, stdin: strings.NewReader(""), getenv: env(map[string]string{"NO_COLOR": "1"})}, true, false},
		{"stdin piped", app{isTerminal: true, stdinTerminal: false, stdin: strings.NewReader(""), getenv: env(nil)}, false, true},
		{"stderr piped", app{isTerminal: false, stdinTerminal: true, stdin: strings.NewReader(""), getenv: env(nil)}, false, false},
	} {
		if got := tc.a.interactive(); got != tc.interactive {
			t.Errorf("%s: interactive = %v, want %v", tc.name, got, tc.interactive)
		}
		if got := tc.a.colour(); got != tc.colour {
			t.Errorf("%s: colour = %v, want %v", tc.name, got, tc.colour)
		}
	}
}
