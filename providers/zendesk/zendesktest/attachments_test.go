package zendesktest

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"mime/multipart"
	"net/http"
	"testing"
)

// upload posts a multipart attachment to path as the agent and returns
// the answer's status.
func upload(t *testing.T, s *Server, path, name string, data []byte) int {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	_ = mw.WriteField("inline", "true")
	fw, _ := mw.CreateFormFile("file", name)
	_, _ = fw.Write(data)
	_ = mw.Close()
	req, _ := http.NewRequest(http.MethodPost, s.URL+path, &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Authorization", "Basic "+base64.StdEncoding.EncodeToString([]byte(s.Email()+"/token:"+s.APIToken())))
	resp, err := s.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// An article's attachments are listed with their file names and sizes;
// an unassociated upload belongs to no article's list.
func TestListArticleAttachments(t *testing.T) {
	t.Parallel()
	s := newFake(t, Options{})
	id := s.SeedArticles(1, []string{"en-us"})[0]
	if code := upload(t, s, fmt.Sprintf("/api/v2/help_center/articles/%d/attachments", id), "abc-shot.png", []byte("png bytes")); code != http.StatusCreated {
		t.Fatalf("attach: %d", code)
	}
	if code := upload(t, s, "/api/v2/help_center/articles/attachments", "loose.png", []byte("x")); code != http.StatusCreated {
		t.Fatalf("unassociated upload: %d", code)
	}
	code, _, out := call(t, s, "GET", fmt.Sprintf("/api/v2/help_center/articles/%d/attachments", id), "")
	list, _ := out["article_attachments"].([]any)
	if code != http.StatusOK || len(list) != 1 {
		t.Fatalf("list: %d %v", code, out)
	}
	a := list[0].(map[string]any)
	if a["file_name"] != "abc-shot.png" || a["size"] != float64(9) || a["article_id"] != float64(id) || a["inline"] != true {
		t.Errorf("attachment = %v", a)
	}
	if n := s.UnassociatedAttachments(); n != 1 {
		t.Errorf("UnassociatedAttachments = %d, want 1", n)
	}
	if code, _, _ := call(t, s, "GET", "/api/v2/help_center/articles/999/attachments", ""); code != http.StatusNotFound {
		t.Errorf("attachments of a missing article: %d, want 404", code)
	}
}
