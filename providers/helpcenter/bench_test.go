package helpcenter_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/hcsync/hcsync/providers/helpcenter"
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

// atLimitScale is how much faster than real time BenchmarkPlanReadAtLimit
// runs the documented limit: 100 requests a second rather than a minute.
const atLimitScale = 60

// BenchmarkPlanReadAtLimit reads what a plan reads (center, categories,
// every article with its translations) from a center of 250 published
// articles, each translated into its two additional languages, under the
// documented limit of 100 requests a minute with bursts up to 200
// (helpcenter-articles.txt, "Rate Limiting"), run 60 times faster. It
// reports the requests, the 429s and the wall time at the real limit.
//
//	go test ./providers/helpcenter/ -run '^$' -bench PlanReadAtLimit -benchtime 1x
func BenchmarkPlanReadAtLimit(b *testing.B) {
	for range b.N {
		b.StopTimer()
		s := helpcentertest.NewServer(helpcentertest.Options{
			Keys:      map[string][]string{fullKey: helpcentertest.AllScopes},
			RateLimit: helpcenter.RequestsPerMinute, RateWindow: time.Minute / atLimitScale,
		})
		cat := s.AddCategory("Guides", "")
		for i := range 250 {
			v := helpcentertest.Version{Title: fmt.Sprint("Article ", i), HTML: "<p>Body of the article.</p>"}
			fr := helpcentertest.Version{Title: fmt.Sprint("Article ", i, " (fr)"), HTML: "<p>Corps.</p>"}
			de := helpcentertest.Version{Title: fmt.Sprint("Article ", i, " (de)"), HTML: "<p>Inhalt.</p>"}
			s.AddArticle(helpcentertest.Article{CategoryID: cat, Slug: fmt.Sprint("article-", i), Draft: v, Published: &v, Translations: map[string]*helpcentertest.Translation{
				"fr": {Slug: fmt.Sprint("article-", i, "-fr"), Draft: fr, Published: &fr},
				"de": {Slug: fmt.Sprint("article-", i, "-de"), Draft: de, Published: &de},
			}})
		}
		p, err := helpcenter.New(atLimitOptions(s))
		if err != nil {
			b.Fatal(err)
		}
		ctx := context.Background()
		b.StartTimer()
		start := time.Now()
		if _, err := p.Locales(ctx); err != nil {
			b.Fatal(err)
		}
		if _, err := p.ListSections(ctx); err != nil {
			b.Fatal(err)
		}
		if _, err := p.ListArticles(ctx); err != nil {
			b.Fatal(err)
		}
		elapsed := time.Since(start)
		b.StopTimer()
		limited := 0
		for _, r := range s.Middleware().Requests() {
			if r.Status == http.StatusTooManyRequests {
				limited++
			}
		}
		b.ReportMetric(float64(len(s.Middleware().Requests())), "requests/op")
		b.ReportMetric(float64(limited), "429s/op")
		b.ReportMetric(elapsed.Seconds()*atLimitScale, "s-at-limit/op")
		s.Close()
	}
}

// atLimitOptions configures the adapter for s as BenchmarkPlanReadAtLimit
// runs it: the documented limit, 60 times faster.
func atLimitOptions(s *helpcentertest.Server) helpcenter.Options {
	return helpcenter.Options{CenterID: s.CenterID, APIKey: fullKey, BaseURL: s.URL,
		RequestsPerMinute: helpcenter.RequestsPerMinute * atLimitScale,
		// The burst is a number of requests: it does not scale with time.
		Burst: helpcenter.BurstPerLimit * helpcenter.RequestsPerMinute}
}
