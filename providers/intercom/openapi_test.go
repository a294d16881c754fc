package intercom

import (
	"bytes"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/pb33f/libopenapi"
	validator "github.com/pb33f/libopenapi-validator"

	"github.com/hcsync/hcsync/providers/intercom/intercomtest"
)

// The spec is large; it is loaded and compiled once per test binary.
var (
	specOnce sync.Once
	specVal  validator.Validator
	specErr  string // why validation is unavailable
)

// specPath finds ../shared/api/intercom-openapi-2.15.yaml beside the
// repository root (the directory holding go.mod), where CI places it.
func specPath() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return filepath.Join(dir, "..", "shared", "api", "intercom-openapi-2.15.yaml"), nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", os.ErrNotExist
		}
		dir = parent
	}
}

// openAPI returns the validator for Intercom's OpenAPI description, or
// skips the test when the description is not checked out beside the
// repository.
func openAPI(t *testing.T) validator.Validator {
	t.Helper()
	specOnce.Do(func() {
		path, err := specPath()
		if err != nil {
			specErr = "cannot find the repository root (go.mod): " + err.Error()
			return
		}
		b, err := os.ReadFile(path)
		if err != nil {
			specErr = "Intercom's OpenAPI description is not at " + path + " (../shared/api beside the repository): " + err.Error()
			return
		}
		doc, err := libopenapi.NewDocument(b)
		if err != nil {
			specErr = "parsing " + path + ": " + err.Error()
			return
		}
		v, errs := validator.NewValidator(doc)
		if len(errs) > 0 {
			specErr = "building a validator from " + path + ": " + errs[0].Error()
			return
		}
		specVal = v
	})
	if specVal == nil {
		if strings.Contains(specErr, "not at") {
			t.Skip(specErr)
		}
		t.Fatal(specErr)
	}
	return specVal
}

// checkRequests validates every request the fake received against
// Intercom's OpenAPI description: path, method, parameters and body
// schema.
func checkRequests(t *testing.T, v validator.Validator, srv *intercomtest.Server) {
	t.Helper()
	for i, l := range srv.Requests() {
		u := url.URL{Scheme: "https", Host: "api.intercom.io", Path: l.Path, RawQuery: l.Query.Encode()}
		req, err := http.NewRequest(l.Method, u.String(), bytes.NewReader(l.Body))
		if err != nil {
			t.Fatal(err)
		}
		req.Header = l.Header.Clone()
		ok, errs := v.ValidateHttpRequestSync(req)
		if !ok {
			for _, e := range errs {
				t.Errorf("request %d %s %s %s: %s: %s", i+1, l.Method, l.Path, l.Body, e.Message, e.Reason)
				for _, se := range e.SchemaValidationErrors {
					t.Errorf("    %s: %s", se.FieldPath, se.Reason)
				}
			}
		}
	}
}

// The validation above must be able to fail: requests that break the
// description are refused.
func TestOpenAPIRefusesBadRequests(t *testing.T) {
	t.Parallel()
	v := openAPI(t)
	tests := []struct{ name, method, path, body string }{
		{"author_id as text", "POST", "/articles", `{"title":"t","author_id":"bob"}`},
		{"no title", "POST", "/articles", `{"author_id":1}`},
		{"unknown state", "PUT", "/articles/1", `{"state":"live"}`},
		{"parent_id as text on create", "POST", "/articles", `{"title":"t","author_id":1,"parent_id":"12"}`},
		{"unknown path", "GET", "/knowledge/articles", ``},
	}
	for _, tt := range tests {
		req, err := http.NewRequest(tt.method, "https://api.intercom.io"+tt.path, strings.NewReader(tt.body))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", "Bearer x")
		if ok, _ := v.ValidateHttpRequestSync(req); ok {
			t.Errorf("%s: %s %s %s passed validation", tt.name, tt.method, tt.path, tt.body)
		}
	}
}
