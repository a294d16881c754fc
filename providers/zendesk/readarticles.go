package zendesk

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"

	"github.com/hcsync/hcsync/providers"
)

// ReadArticles implements providers.ArticleReader with one request an
// article: GET /api/v2/help_center/articles/{id}?include=translations
// (zendesk-articles.txt, "Show Article": translations are embedded in
// the article). An article that answers 404 is left out: deleted, or
// archived, as the fake models it (the reference does not say whether
// Show Article serves an archived article; the listing does not).
func (p *Provider) ReadArticles(ctx context.Context, ids []string) ([]providers.Article, error) {
	var list []wireArticle
	for _, s := range ids {
		aid, ok := parseID(s)
		if !ok {
			return nil, fmt.Errorf("reading article %q: not a Zendesk id", s)
		}
		var out struct {
			Article wireArticle `json:"article"`
		}
		req := providers.Request{Path: fmt.Sprintf("/api/v2/help_center/articles/%d", aid), Query: url.Values{"include": {"translations"}}}
		_, err := p.c.Do(ctx, req, &out)
		var apiErr *providers.APIError
		if errors.As(err, &apiErr) && apiErr.StatusCode == http.StatusNotFound {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("reading article %d: %w", aid, explain(err))
		}
		list = append(list, out.Article)
	}
	return p.articles(ctx, list)
}

// ArticleReadCost implements providers.ArticleReader: one request an
// article, lists of 100 (listArticles' page size).
func (p *Provider) ArticleReadCost() (perArticle, perListRequest int) { return 1, 100 }
