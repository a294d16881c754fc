package zendesk

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"sort"
	"strings"

	"github.com/hcsync/hcsync/providers"
)

// decodeError reads Zendesk's error bodies, which come in several shapes
// (doc/seen: NOTES.md, Zendesk errors; zendesk-content-tags.txt):
//
//	{"error": "RecordNotFound", "description": "Not found"}
//	{"error": "RecordInvalid", "description": "...", "details": {"field": [{"description": "...", "error": "..."}]}}
//	{"error": "Couldn't authenticate you"}
//	{"error": {"title": "...", "message": "..."}}
//	{"errors": {"field": ["message"]}}                       (400)
//	{"errors": [{"code": "...", "title": "...", "status": "422"}]}  (guide endpoints)
//
// A body in none of them (a 429's plain text) becomes the message.
func decodeError(resp *http.Response, body []byte) *providers.APIError {
	e := &providers.APIError{StatusCode: resp.StatusCode}
	var m struct {
		Error       json.RawMessage            `json:"error"`
		Description string                     `json:"description"`
		Details     map[string]json.RawMessage `json:"details"`
		Errors      json.RawMessage            `json:"errors"`
	}
	if json.Unmarshal(body, &m) != nil {
		e.Message = strings.Join(strings.Fields(string(body)), " ")
		if len(e.Message) > 200 {
			e.Message = e.Message[:200] + "…"
		}
		return e
	}
	var code string
	var obj struct{ Title, Message string }
	switch {
	case json.Unmarshal(m.Error, &code) == nil:
		if m.Description == "" && strings.Contains(code, " ") {
			e.Message = code // {"error": "Couldn't authenticate you"}
		} else {
			e.Code, e.Message = code, m.Description
		}
	case json.Unmarshal(m.Error, &obj) == nil:
		e.Code, e.Message = obj.Title, obj.Message
	}
	e.Details = append(e.Details, flattenFields(m.Details)...)
	if len(m.Errors) > 0 {
		var fields map[string]json.RawMessage
		var list []struct{ Code, Title, Detail string }
		switch {
		case json.Unmarshal(m.Errors, &fields) == nil:
			e.Details = append(e.Details, flattenFields(fields)...)
		case json.Unmarshal(m.Errors, &list) == nil && len(list) > 0:
			e.Code, e.Message = list[0].Code, list[0].Title
			if list[0].Detail != "" {
				e.Message += ": " + list[0].Detail
			}
			for _, x := range list[1:] {
				e.Details = append(e.Details, x.Title)
			}
		}
	}
	return e
}

// flattenFields turns {"field": ["msg"]} or {"field": [{"description":
// "msg"}]} into sorted "field: msg" lines.
func flattenFields(fields map[string]json.RawMessage) []string {
	var out []string
	for field, raw := range fields {
		var msgs, strs []string
		var objs []struct{ Description, Error string }
		switch {
		case json.Unmarshal(raw, &strs) == nil:
			msgs = strs
		case json.Unmarshal(raw, &objs) == nil:
			for _, o := range objs {
				msgs = append(msgs, o.Description)
			}
		default:
			msgs = []string{strings.TrimSpace(string(raw))}
		}
		for _, msg := range msgs {
			out = append(out, field+": "+msg)
		}
	}
	sort.Strings(out)
	return out
}

// explain adds what to do to an error from the API, by status, so the
// user reads one line that names the request, Zendesk's reason and the
// fix.
func explain(err error) error {
	var api *providers.APIError
	if !errors.As(err, &api) {
		return err
	}
	var hint string
	switch api.StatusCode {
	case http.StatusUnauthorized:
		hint = "check ZENDESK_EMAIL and ZENDESK_API_TOKEN (or ZENDESK_OAUTH_TOKEN) and that zendesk.subdomain is the account they belong to"
	case http.StatusForbidden:
		hint = "the user behind the token needs to be a Guide admin, or an agent in the article's permission group with publishing rights"
	case http.StatusNotFound:
		hint = "the object does not exist in this help center (deleted or archived there?): remove its id: line to create it anew, or check zendesk.subdomain"
	case http.StatusUnprocessableEntity, http.StatusBadRequest:
		hint = "fix the value Zendesk names in the front-matter or hcsync.yaml"
	case http.StatusTooManyRequests:
		hint = "the account's API rate limit is spent: lower rate_limit in hcsync.yaml or retry later"
	default:
		return err
	}
	return fmt.Errorf("%w: %s", err, hint)
}
