package providers

import "context"

// ArticleReader is implemented by providers that can read chosen
// articles, each with every translation, with requests of their own:
// fewer than listing every article when they are few. Apply of a saved
// plan re-reads only the articles the plan touches.
type ArticleReader interface {
	// ReadArticles returns the articles of ids as ListArticles returns
	// them; an id the help center no longer serves (deleted, archived)
	// is left out, not an error.
	ReadArticles(ctx context.Context, ids []string) ([]Article, error)
	// ArticleReadCost is what reading costs in requests: perArticle for
	// each id of ReadArticles, and perListRequest articles for each
	// request of ListArticles (its page size).
	ArticleReadCost() (perArticle, perListRequest int)
}
