package content

import (
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/hcsync/hcsync/diag"
)

// hugoPage is a page as Hugo's own documentation writes them: title and
// description hcsync reads, and the site generator's keys around them.
const hugoPage = `---
title: strings.Contains
description: Reports whether the given string contains the given substring.
categories: []
keywords: []
weight: 10
params:
  functions_and_methods:
    returnType: bool
aliases: [/functions/strings.contains]
---
Body
`

// loadFM loads root with the front-matter options and returns its
// problems and warnings as strings.
func loadFM(t *testing.T, root string, fmo FrontMatterOptions, c *LoadCache) (problems, warnings []string) {
	t.Helper()
	tree, err := Load(root, LoadOptions{DefaultLocale: "en-us", FrontMatter: fmo, Cache: c})
	var ps diag.Problems
	if err != nil && !errors.As(err, &ps) {
		t.Fatalf("Load: %v, want diag.Problems", err)
	}
	for _, p := range ps {
		problems = append(problems, p.String())
	}
	if tree != nil {
		for _, w := range tree.Warnings {
			warnings = append(warnings, w.String())
		}
	}
	return problems, warnings
}

func TestFrontMatterOptions(t *testing.T) {
	t.Parallel()
	weight := `s/a.md:6: unknown key "weight" (hcsync calls it position): rename it, or list it under front_matter.ignore in hcsync.yaml`
	all := []string{
		`s/a.md:4: unknown key "categories" (the folder is the section; section: names another): remove it, or list it under front_matter.ignore in hcsync.yaml`,
		`s/a.md:5: unknown key "keywords" (hcsync calls it labels): rename it, or list it under front_matter.ignore in hcsync.yaml`,
		weight,
		`s/a.md:7: unknown key "params": remove it, or list it under front_matter.ignore in hcsync.yaml`,
		`s/a.md:10: unknown key "aliases" (hcsync calls it redirect_from): rename it, or list it under front_matter.ignore in hcsync.yaml`,
	}
	tests := []struct {
		name           string
		fmo            FrontMatterOptions
		problems, warn []string
	}{
		{name: "error by default, each key with its hint", problems: all},
		{name: "explicit error", fmo: FrontMatterOptions{Unknown: UnknownError}, problems: all},
		{
			name:     "ignored keys are accepted silently",
			fmo:      FrontMatterOptions{Ignore: []string{"categories", "keywords", "params", "aliases"}},
			problems: []string{weight},
		},
		{
			name: "ignore matches keys in any case, as Hugo reads them",
			fmo:  FrontMatterOptions{Ignore: []string{"Categories", "KEYWORDS", "params", "aliases", "weight"}},
		},
		{name: "warn makes them warnings", fmo: FrontMatterOptions{Unknown: UnknownWarn}, warn: all},
		{
			name: "warn with an ignore list warns of the rest",
			fmo:  FrontMatterOptions{Unknown: UnknownWarn, Ignore: []string{"categories", "keywords", "params", "aliases"}},
			warn: []string{weight},
		},
		{name: "ignore drops them", fmo: FrontMatterOptions{Unknown: UnknownIgnore}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			root := writeTree(t, map[string]string{"s/a.md": hugoPage})
			problems, warnings := loadFM(t, root, tt.fmo, nil)
			if !slices.Equal(problems, tt.problems) {
				t.Errorf("problems:\n  %s\nwant:\n  %s", strings.Join(problems, "\n  "), strings.Join(tt.problems, "\n  "))
			}
			if !slices.Equal(warnings, tt.warn) {
				t.Errorf("warnings:\n  %s\nwant:\n  %s", strings.Join(warnings, "\n  "), strings.Join(tt.warn, "\n  "))
			}
		})
	}
}

// TestFrontMatterIgnoreKnownKey checks that a key hcsync reads can be
// ignored too: a site's description meant for search engines need not
// reach a help center that has none.
func TestFrontMatterIgnoreKnownKey(t *testing.T) {
	t.Parallel()
	root := writeTree(t, map[string]string{"s/a.md": "---\ntitle: A\ndescription: [not, text]\nposition: 3\n---\n"})
	tree, err := Load(root, LoadOptions{FrontMatter: FrontMatterOptions{Ignore: []string{"description"}}})
	if err != nil {
		t.Fatal(err)
	}
	src := tree.Articles[0].Source()
	if src.Description != nil || src.KeyLines["description"] != 0 {
		t.Errorf("ignored description was read: %v", *src.Description)
	}
	if p := tree.Articles[0].Position; p == nil || *p != 3 {
		t.Errorf("position = %v, want 3: only the ignored key is dropped", p)
	}
}

// TestUnknownKeyHints checks the hint each sort of unknown key gets, in
// each kind of file.
func TestUnknownKeyHints(t *testing.T) {
	t.Parallel()
	root := writeTree(t, map[string]string{
		"s/a.md":        "---\ntitle: A\nsidebar_position: 2\ntags: [x]\nsummary: s\nlabls: [x]\nfavourite_colour: blue\npublished: false\n---\n",
		"s/a.fr.md":     "---\ntitle: A\nweight: 2\ndate: 2024-01-01\nlinktitle: a\n---\n",
		"s/_section.md": "---\ntitle: S\nweight: 1\ntags: [x]\n---\n",
	})
	want := []string{
		`s/_section.md:3: unknown key "weight" (hcsync calls it position): rename it, or list it under front_matter.ignore in hcsync.yaml`,
		`s/_section.md:4: unknown key "tags" (hcsync calls it labels, which this file cannot set): remove it, or list it under front_matter.ignore in hcsync.yaml`,
		`s/a.fr.md:3: unknown key "weight" (hcsync calls it position, which this file cannot set): remove it, or list it under front_matter.ignore in hcsync.yaml`,
		`s/a.fr.md:4: unknown key "date" (the help center keeps its own dates): remove it, or list it under front_matter.ignore in hcsync.yaml`,
		`s/a.fr.md:5: unknown key "linktitle" (the help center shows title: only): remove it, or list it under front_matter.ignore in hcsync.yaml`,
		`s/a.md:3: unknown key "sidebar_position" (hcsync calls it position): rename it, or list it under front_matter.ignore in hcsync.yaml`,
		`s/a.md:4: unknown key "tags" (hcsync calls it labels): rename it, or list it under front_matter.ignore in hcsync.yaml`,
		`s/a.md:5: unknown key "summary" (hcsync calls it description): rename it, or list it under front_matter.ignore in hcsync.yaml`,
		`s/a.md:6: unknown key "labls" (did you mean "labels"?)`,
		`s/a.md:7: unknown key "favourite_colour": remove it, or list it under front_matter.ignore in hcsync.yaml`,
		`s/a.md:8: unknown key "published" (hcsync's draft: true is published: false): rewrite it as draft:, or list it under front_matter.ignore in hcsync.yaml`,
	}
	got, _ := loadFM(t, root, FrontMatterOptions{}, nil)
	if !slices.Equal(got, want) {
		t.Errorf("problems:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
}

// TestLoadCacheFollowsFrontMatterOptions checks that a cache filled
// under one set of options never hides what another makes of a file.
func TestLoadCacheFollowsFrontMatterOptions(t *testing.T) {
	root := writeTree(t, map[string]string{"s/a.md": hugoPage})
	ageAll(t, root)
	path := filepath.Join(t.TempDir(), "tree.bin")
	ignoreAll := FrontMatterOptions{Unknown: UnknownIgnore}

	c := ReadLoadCache(path)
	if ps, _ := loadFM(t, root, ignoreAll, c); ps != nil {
		t.Fatalf("unknown: ignore: %v", ps)
	}
	if err := c.Save(path); err != nil {
		t.Fatal(err)
	}
	c = ReadLoadCache(path)
	if ps, _ := loadFM(t, root, ignoreAll, c); ps != nil || c.Hits() != 1 {
		t.Fatalf("warm load with the same options: %v, %d hits, want none and 1", ps, c.Hits())
	}
	c = ReadLoadCache(path)
	if ps, _ := loadFM(t, root, FrontMatterOptions{}, c); len(ps) != 5 {
		t.Errorf("warm load with unknown: error found %d problems, want the 5 unknown keys: %v", len(ps), ps)
	}
	c = ReadLoadCache(path)
	if _, ws := loadFM(t, root, FrontMatterOptions{Unknown: UnknownWarn}, c); len(ws) != 5 {
		t.Errorf("warm load with unknown: warn gave %d warnings, want 5: %v", len(ws), ws)
	}
}
