package plan

// KeyOf is the key of the change that applies action to subject: the
// file it comes from (the translation file for translation actions),
// the folder for sections, the tag's name, the image's short hash, the
// archived article's id, or the redirected path. It is the one way keys
// are made, so their text stays what docs/plan-schema.md documents
// ("update-translation:guides/setup.fr.md"). Keys are identities to
// compare, never to parse: a change's Action, File, Locale and Article
// say what it is about.
func KeyOf(action Action, subject string) string {
	return string(action) + ":" + subject
}

// Subject is what the change concerns, for one-line messages: its file,
// else the tag it creates, else the remote article.
func (c *Change) Subject() string {
	switch {
	case c.File != "":
		return c.File
	case c.Tag != "":
		return c.Tag
	}
	return c.ArticleID
}
