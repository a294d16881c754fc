package zendesk

import (
	"context"
	"encoding/base64"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/hcsync/hcsync/providers"
	"github.com/hcsync/hcsync/providers/zendesk/zendesktest"
)

// Errors from Zendesk reach the user as one line naming the request,
// Zendesk's reason and what to do, and never the token.
func TestErrorsAreOneClearLine(t *testing.T) {
	t.Parallel()
	const secret = "s3cr3t-token-value"
	ctx := context.Background()
	tests := []struct {
		name   string
		opts   Options
		call   func(p *Provider, fake *zendesktest.Server) error
		status int
		want   []string
	}{
		{
			name:   "401 wrong token",
			opts:   Options{Email: "agent@example.com", APIToken: secret},
			call:   func(p *Provider, _ *zendesktest.Server) error { _, err := p.ListArticles(ctx); return err },
			status: http.StatusUnauthorized,
			want:   []string{"GET ", "/api/v2/help_center/articles", "401 Unauthorized", "Couldn't authenticate you", "ZENDESK_API_TOKEN"},
		},
		{
			name: "403 end user writes",
			opts: Options{Email: "reader@example.com", APIToken: secret},
			call: func(p *Provider, fake *zendesktest.Server) error {
				ids := fake.SeedArticles(1, []string{"en-us"})
				return p.Publish(ctx, id(ids[0]), "en-us")
			},
			status: http.StatusForbidden,
			want:   []string{"PUT ", "/translations/en-us", "403 Forbidden", "You do not have access", "Guide admin"},
		},
		{
			name:   "404 archived article",
			call:   func(p *Provider, _ *zendesktest.Server) error { return p.Archive(ctx, "360999999999") },
			status: http.StatusNotFound,
			want:   []string{"archiving article 360999999999", "DELETE ", "404 Not Found", "RecordNotFound", "remove its id: line"},
		},
		{
			name: "422 locale not enabled",
			call: func(p *Provider, fake *zendesktest.Server) error {
				ids := fake.SeedArticles(1, []string{"en-us"})
				_, err := p.CreateTranslation(ctx, id(ids[0]), providers.TranslationInput{Locale: "ja", Title: "T"})
				return err
			},
			status: http.StatusUnprocessableEntity,
			want:   []string{"POST ", "/translations", "422", "RecordInvalid", "locale: Locale ja is not enabled"},
		},
		{
			name: "400 blank title",
			call: func(p *Provider, fake *zendesktest.Server) error {
				ids := fake.SeedArticles(1, []string{"en-us"})
				_, err := p.UpdateTranslation(ctx, id(ids[0]), providers.TranslationInput{Locale: "en-us", Title: " "})
				return err
			},
			status: http.StatusBadRequest,
			want:   []string{"PUT ", "400 Bad Request", "title: can't be blank"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			fake, p := setup(t, zendesktest.Options{}, tt.opts)
			fake.AddEndUser("reader@example.com", secret)
			err := tt.call(p, fake)
			var api *providers.APIError
			if !errors.As(err, &api) || api.StatusCode != tt.status {
				t.Fatalf("err = %v, want an APIError with status %d", err, tt.status)
			}
			msg := err.Error()
			if strings.Contains(msg, "\n") {
				t.Errorf("message spans lines: %q", msg)
			}
			basic := base64.StdEncoding.EncodeToString([]byte(tt.opts.Email + "/token:" + secret))
			if strings.Contains(msg, secret) || strings.Contains(msg, basic) {
				t.Errorf("message leaks the token: %q", msg)
			}
			for _, w := range tt.want {
				if !strings.Contains(msg, w) {
					t.Errorf("message %q does not mention %q", msg, w)
				}
			}
		})
	}
}

func TestDecodeError(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, body    string
		code, message string
		details       []string
	}{
		{"record not found", `{"error":"RecordNotFound","description":"Not found"}`, "RecordNotFound", "Not found", nil},
		{"authentication", `{"error":"Couldn't authenticate you"}`, "", "Couldn't authenticate you", nil},
		{"record invalid", `{"error":"RecordInvalid","description":"Record validation errors","details":{"locale":[{"description":"Locale xx is not enabled","error":"InvalidValue"}]}}`,
			"RecordInvalid", "Record validation errors", []string{"locale: Locale xx is not enabled"}},
		{"bad request", `{"errors":{"title":["can't be blank"],"body":["is too long"]}}`, "", "", []string{"body: is too long", "title: can't be blank"}},
		{"guide errors", `{"errors":[{"code":"UnprocessibleEntity","meta":{},"status":"422","title":"The request could not be processed"}]}`,
			"UnprocessibleEntity", "The request could not be processed", nil},
		{"error object", `{"error":{"title":"Forbidden","message":"You do not have access"}}`, "Forbidden", "You do not have access", nil},
		{"plain text 429", "Rate limit exceeded.\n", "", "Rate limit exceeded.", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := decodeError(&http.Response{StatusCode: 400}, []byte(tt.body))
			if e.Code != tt.code || e.Message != tt.message || strings.Join(e.Details, "|") != strings.Join(tt.details, "|") {
				t.Errorf("decodeError(%s) = code %q message %q details %q; want %q %q %q", tt.body, e.Code, e.Message, e.Details, tt.code, tt.message, tt.details)
			}
		})
	}
}

func TestPreflight(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	fake, agent := setup(t, zendesktest.Options{}, Options{})
	fake.AddEndUser("reader@example.com", "r")
	if err := agent.Preflight(ctx, true); err != nil {
		t.Errorf("agent preflight: %v", err)
	}
	reader, err := New(Options{BaseURL: fake.URL, Email: "reader@example.com", APIToken: "r", HTTPClient: fake.Client()})
	if err != nil {
		t.Fatal(err)
	}
	if err := reader.Preflight(ctx, false); err != nil {
		t.Errorf("end user read preflight: %v", err)
	}
	err = reader.Preflight(ctx, true)
	if err == nil || !strings.Contains(err.Error(), "reader@example.com) is an end user") || !strings.Contains(err.Error(), "nothing was written") {
		t.Errorf("end user write preflight = %v, want a refusal naming the user", err)
	}
}
