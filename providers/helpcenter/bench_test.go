package helpcenter_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/hcsync/hcsync/providers/helpcenter/helpcentertest"
)

// BenchmarkListArticles reads a center of 100 published articles, each
// with a French translation, with German enabled too. It reports the
// requests one read costs: the API has no bulk translation list.
func BenchmarkListArticles(b *testing.B) {
	s := helpcentertest.NewServer(helpcentertest.Options{
		Keys:      map[string][]string{fullKey: helpcentertest.AllScopes},
		RateLimit: unusedRate,
	})
	defer s.Close()
	for i := 0; i < 100; i++ {
		v := helpcentertest.Version{Title: fmt.Sprint("Article ", i), HTML: "<p>Body of the article.</p>"}
		fr := helpcentertest.Version{Title: fmt.Sprint("Article ", i, " (fr)"), HTML: "<p>Corps.</p>"}
		s.AddArticle(helpcentertest.Article{Draft: v, Published: &v, Translations: map[string]*helpcentertest.Translation{
			"fr": {Draft: fr, Published: &fr},
		}})
	}
	ctx := context.Background()
	b.ResetTimer()
	for b.Loop() {
		p, err := helpcenterNew(s)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := p.ListArticles(ctx); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(len(s.Middleware().Requests()))/float64(b.N), "requests/op")
}
