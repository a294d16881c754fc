package export

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"
)

// stalledCDN answers nothing for the help center's image host until the
// request gives up: a server that accepts the connection and hangs.
type stalledCDN struct{ next http.RoundTripper }

func (c stalledCDN) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.URL.Host != "cdn.help.center" {
		return c.next.RoundTrip(req)
	}
	<-req.Context().Done()
	return nil, req.Context().Err()
}

// TestExportImageTimeout: an image server that never answers costs one
// timeout per image, each kept as its URL with a warning saying so; the
// export ends instead of hanging.
func TestExportImageTimeout(t *testing.T) {
	t.Parallel()
	p := newExportHelpCenter(t)
	seedGallery(t, p)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	res, err := Export(ctx, p, Options{LocalImages: true, HTTPClient: &http.Client{Transport: stalledCDN{next: http.DefaultTransport}}, ImageTimeout: 50 * time.Millisecond})
	if err != nil {
		t.Fatalf("export: %v", err)
	}
	var timedOut int
	for _, w := range res.Warnings {
		if w.Kind == "image" && strings.Contains(w.Msg, "no answer within 50ms") {
			timedOut++
		}
	}
	if timedOut == 0 {
		t.Fatalf("no image warning says the server did not answer: %+v", res.Warnings)
	}
}
