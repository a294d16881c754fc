package export

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"testing"

	"github.com/hcsync/hcsync/providers"
)

// cdnProvider is a help center whose images live on a CDN its
// capabilities name, as Intercom's and Help.Center's do; embedding the
// interface hides the local provider's own image fetching, so export
// downloads by URL.
type cdnProvider struct {
	providers.Provider
	hosts []string
}

func (p cdnProvider) Capabilities() providers.Capabilities {
	c := p.Provider.Capabilities()
	c.ImageHosts = p.hosts
	return c
}

// roundTripFunc serves HTTP requests in process.
type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(req *http.Request) (*http.Response, error) { return f(req) }

// seedCDNArticle adds an article showing two images on
// assets.example.com.
func seedCDNArticle(t *testing.T, p providers.Provider) {
	t.Helper()
	ctx := context.Background()
	cat, err := p.CreateSection(ctx, providers.SectionInput{Kind: providers.KindCategory, Name: "Guides", Locale: "en-us"})
	if err != nil {
		t.Fatal(err)
	}
	sec, err := p.CreateSection(ctx, providers.SectionInput{Kind: providers.KindSection, Name: "Pictures", ParentID: cat.ID, Locale: "en-us"})
	if err != nil {
		t.Fatal(err)
	}
	body := `<p><img src="https://assets.example.com/a.png" alt="A"></p><p><img src="https://assets.example.com/b.png" alt="B"></p>`
	if _, err := p.CreateArticle(ctx, providers.ArticleInput{SectionID: sec.ID, Source: providers.TranslationInput{Locale: "en-us", Title: "Pictures", Body: body}}); err != nil {
		t.Fatal(err)
	}
}

// TestExportImageHostsFromCapabilities: export downloads the images on
// the hosts the provider's capabilities name, whatever the provider is
// called, and leaves images of other sites as links.
func TestExportImageHostsFromCapabilities(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		hosts      []string
		wantImages int
	}{
		{"host named", []string{"assets.example.com"}, 2},
		{"host named in another case", []string{"Assets.Example.com"}, 2},
		{"host not named", []string{"cdn.example.org"}, 0},
		{"no hosts", nil, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			p := cdnProvider{Provider: newExportLocal(t), hosts: tt.hosts}
			seedCDNArticle(t, p)
			png := tinyPNG(t)
			client := &http.Client{Transport: roundTripFunc(func(req *http.Request) (*http.Response, error) {
				if req.URL.Host != "assets.example.com" {
					return nil, fmt.Errorf("no network in tests: %s", req.URL)
				}
				return &http.Response{StatusCode: http.StatusOK, Status: "200 OK", Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
					Header: http.Header{"Content-Type": {"image/png"}}, Body: io.NopCloser(bytes.NewReader(png)), ContentLength: int64(len(png)), Request: req}, nil
			})}
			res, err := Export(context.Background(), p, Options{LocalImages: true, HTTPClient: client})
			if err != nil {
				t.Fatal(err)
			}
			if res.Images != tt.wantImages {
				t.Errorf("exported %d images, want %d (warnings %v)", res.Images, tt.wantImages, res.Warnings)
			}
		})
	}
}
