package zendesk

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"
)

// listPage is a page of List Articles with translations embedded, as
// Zendesk answers it (the fields of zendesk-articles.txt, "JSON format"),
// with articles of 4 locales whose bodies are about 3 KB of HTML.
func listPage(b *testing.B, articles int) []byte {
	b.Helper()
	body := strings.Repeat(`<h2 id="step">Step</h2><p>Open <a href="https://example.com/a?b=1&c=2">the "settings"</a> page.</p>`+"\n"+`<ul><li>One</li><li>Two</li></ul>`+"\n", 20)
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC).Format(time.RFC3339)
	var list []map[string]any
	for i := range articles {
		id := int64(1000 + i)
		var ts []map[string]any
		for _, l := range []string{"en-us", "fr", "de", "ja"} {
			ts = append(ts, map[string]any{"id": id*10 + 1, "url": fmt.Sprintf("https://acme.zendesk.com/api/v2/help_center/articles/%d/translations/%d.json", id, id*10+1),
				"html_url": fmt.Sprintf("https://acme.zendesk.com/hc/%s/articles/%d-Article", l, id), "source_id": id, "source_type": "Article",
				"locale": l, "title": "Article " + l, "body": body + l, "draft": false, "outdated": false, "created_at": now, "updated_at": now,
				"updated_by_id": 7, "created_by_id": 7})
		}
		list = append(list, map[string]any{"id": id, "url": fmt.Sprintf("https://acme.zendesk.com/api/v2/help_center/articles/%d.json", id),
			"html_url": fmt.Sprintf("https://acme.zendesk.com/hc/en-us/articles/%d-Article", id), "author_id": 7, "comments_disabled": false,
			"draft": false, "promoted": false, "position": 0, "vote_sum": 0, "vote_count": 0, "section_id": 42, "created_at": now, "updated_at": now,
			"edited_at": now, "title": "Article en-us", "body": body + "en-us", "source_locale": "en-us", "locale": "en-us", "outdated": false,
			"outdated_locales": []string{}, "permission_group_id": 3, "user_segment_id": nil, "user_segment_ids": []int64{}, "label_names": []string{},
			"content_tag_ids": []string{}, "translations": ts})
	}
	data, err := json.Marshal(map[string]any{"articles": list, "meta": map[string]any{"has_more": true, "after_cursor": "xyz", "before_cursor": "abc"},
		"links": map[string]any{"next": "https://acme.zendesk.com/api/v2/help_center/articles.json?page[after]=xyz"}})
	if err != nil {
		b.Fatal(err)
	}
	return data
}

// BenchmarkDecodeListPage measures what a warm plan spends on each page
// of List Articles: decoding it, and mapping its articles to the
// contract's.
func BenchmarkDecodeListPage(b *testing.B) {
	data := listPage(b, 100)
	typ := pageType[wireArticle]("articles", "")
	p := &Provider{trIDs: map[string]int64{}}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		page := reflect.New(typ)
		if err := json.Unmarshal(data, page.Interface()); err != nil {
			b.Fatal(err)
		}
		for _, a := range page.Elem().Field(0).Interface().([]wireArticle) {
			p.article(a)
		}
	}
}
