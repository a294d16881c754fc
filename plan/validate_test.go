package plan

import (
	"strings"
	"testing"
)

func TestChangeValidate(t *testing.T) {
	t.Parallel()
	tr := &TranslationSpec{}
	tests := []struct {
		name string
		c    Change
		want string // "" = valid
	}{
		{"create", Change{Key: "create:a.md", Action: ActionCreate, Create: &CreateSpec{}}, ""},
		{"update-translation", Change{Key: "update-translation:a.fr.md", Action: ActionUpdateTranslation, Translation: tr}, ""},
		{"publish", Change{Key: "publish:a.md", Action: ActionPublish, Translation: tr}, ""},
		{"create-tag", Change{Key: "create-tag:beta", Action: ActionCreateTag, Tag: "beta"}, ""},
		{"adopt", Change{Key: "adopt:a.md", Action: ActionAdopt, ArticleID: "7"}, ""},
		{"adopt-section", Change{Key: "adopt-section:G", Action: ActionAdoptSection, SectionUpdate: &SectionUpdateSpec{ID: "3"}}, ""},
		{"archive", Change{Key: "archive:7", Action: ActionArchive, ArticleID: "7"}, ""},
		{"discard-draft", Change{Key: "discard-draft:a.md", Action: ActionDiscardDraft, ArticleID: "7", Locale: "en"}, ""},
		{"redirect", Change{Key: "delete-redirect:/x", Action: ActionDeleteRedirect, Redirect: &RedirectSpec{From: "/x"}}, ""},

		{"no key", Change{Action: ActionCreate, Create: &CreateSpec{}}, "no key"},
		{"unknown action", Change{Key: "rename:a.md", Action: "rename"}, `unknown action "rename"`},
		{"create without spec", Change{Key: "create:a.md", Action: ActionCreate}, `create needs exactly "create" set, but the change sets none`},
		{"create with the wrong spec", Change{Key: "create:a.md", Action: ActionCreate, Translation: tr}, `sets "translation"`},
		{"two specs", Change{Key: "update-translation:a.fr.md", Action: ActionUpdateTranslation, Translation: tr, Meta: &MetaSpec{}}, `sets "meta" and "translation"`},
		{"update-meta with a translation", Change{Key: "update-meta:a.md", Action: ActionUpdateMeta, ArticleID: "7", Translation: tr}, `needs exactly "meta"`},
		{"section update without spec", Change{Key: "update-section:G", Action: ActionUpdateSection}, `needs exactly "section_update"`},
		{"upload without image", Change{Key: "upload-image:abc", Action: ActionUploadImage, Tag: "x"}, `needs exactly "image" set, but the change sets "tag"`},
		{"archive with a spec", Change{Key: "archive:7", Action: ActionArchive, ArticleID: "7", Create: &CreateSpec{}}, `archive carries no desired state, but "create" is set`},
		{"archive without id", Change{Key: "archive:7", Action: ActionArchive}, "archive needs article_id"},
		{"delete-translation without id", Change{Key: "delete-translation:a.fr.md", Action: ActionDeleteTranslation, Locale: "fr"}, "needs article_id"},
		{"delete-translation without locale", Change{Key: "delete-translation:a.fr.md", Action: ActionDeleteTranslation, ArticleID: "7"}, "delete-translation needs locale"},
		{"discard-draft without locale", Change{Key: "discard-draft:a.md", Action: ActionDiscardDraft, ArticleID: "7"}, "discard-draft needs locale"},
		{"redirect without spec", Change{Key: "create-redirect:/x", Action: ActionCreateRedirect}, `needs exactly "redirect"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.c.Validate()
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("Validate() = %v, want valid", err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Errorf("Validate() = %v, want an error containing %q", err, tt.want)
			}
		})
	}
}

func TestPlanValidateNamesTheChange(t *testing.T) {
	t.Parallel()
	p := &Plan{Changes: []*Change{
		{Key: "create-tag:beta", Action: ActionCreateTag, Tag: "beta"},
		{Key: "create:a.md", Action: ActionCreate},
	}}
	if err := p.Validate(); err == nil || !strings.HasPrefix(err.Error(), "change create:a.md: ") {
		t.Errorf("Validate() = %v, want it to name create:a.md", err)
	}
	p.Changes[1] = &Change{Key: "create-tag:beta", Action: ActionCreateTag, Tag: "beta"}
	if err := p.Validate(); err == nil || !strings.Contains(err.Error(), "appears twice") {
		t.Errorf("Validate() = %v, want the repeated key refused", err)
	}
	p.Changes[1] = &Change{Key: "create:a.md", Action: ActionCreate, Create: &CreateSpec{}, Deps: []string{"create-section:G"}}
	if err := p.Validate(); err == nil || err.Error() != "change create:a.md: it depends on create-section:G, which the plan does not hold" {
		t.Errorf("Validate() = %v, want the unknown dependency refused", err)
	}
	p.Changes[1].Deps = []string{"create-tag:beta"}
	if err := p.Validate(); err != nil {
		t.Errorf("Validate() = %v, want a valid plan", err)
	}
}
