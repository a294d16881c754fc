package zendesktest

import (
	"encoding/base64"
	"net/http"
	"net/url"
	"strconv"
)

// pageOpts are an endpoint's pagination rules.
type pageOpts struct {
	cursorOnly  bool // content tags know no offset pagination (seen: NOTES.md)
	maxSize     int  // page[size] and per_page cap
	defaultSize int
}

// page is the slice [start, end) of a list to answer with, and the
// envelope fields that describe it.
type page struct {
	start, end int
	fields     map[string]any
}

// paginate applies Zendesk's two pagination styles (doc: NOTES.md,
// Zendesk pagination): cursor pagination when page[size], page[after] or
// page[before] is present (meta.has_more, after_cursor, before_cursor and
// links.next, links.prev), otherwise offset pagination with page and
// per_page (next_page, previous_page and count). Articles default to 30 a
// page. A page[size] over the maximum is a 400 (seen).
func paginate(w http.ResponseWriter, r *http.Request, total int, o pageOpts) (page, bool) {
	q := r.URL.Query()
	size := o.defaultSize
	cursor := o.cursorOnly || q.Has("page[size]") || q.Has("page[after]") || q.Has("page[before]")
	if cursor {
		if v := q.Get("page[size]"); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil || n < 1 {
				badRequest(w, "page[size]", "must be a positive integer")
				return page{}, false
			}
			if n > o.maxSize {
				writeJSON(w, http.StatusBadRequest, map[string]string{
					"error":       "InvalidPaginationParameter",
					"description": "page[size] is limited to " + strconv.Itoa(o.maxSize),
				})
				return page{}, false
			}
			size = n
		}
		start, end := 0, min(size, total)
		switch {
		case q.Get("page[after]") != "":
			at, ok := decodeCursor(q.Get("page[after]"))
			if !ok {
				badRequest(w, "page[after]", "is invalid")
				return page{}, false
			}
			start = min(at, total)
			end = min(start+size, total)
		case q.Get("page[before]") != "":
			at, ok := decodeCursor(q.Get("page[before]"))
			if !ok {
				badRequest(w, "page[before]", "is invalid")
				return page{}, false
			}
			end = min(at, total)
			start = max(end-size, 0)
		}
		meta := map[string]any{"has_more": end < total, "after_cursor": nil, "before_cursor": nil}
		links := map[string]any{"next": nil, "prev": nil}
		if end > start {
			meta["after_cursor"] = encodeCursor(end)
			meta["before_cursor"] = encodeCursor(start)
		}
		if end < total {
			links["next"] = linkWith(r, "page[after]", encodeCursor(end), "page[before]")
		}
		if start > 0 {
			links["prev"] = linkWith(r, "page[before]", encodeCursor(start), "page[after]")
		}
		return page{start: start, end: end, fields: map[string]any{"meta": meta, "links": links}}, true
	}

	per := size
	if v := q.Get("per_page"); v != "" {
		if n, err := strconv.Atoi(v); err == nil && n > 0 {
			per = min(n, o.maxSize)
		}
	}
	num := 1
	if v := q.Get("page"); v != "" {
		if n, err := strconv.Atoi(v); err == nil && n > 0 {
			num = n
		}
	}
	start := min((num-1)*per, total)
	end := min(start+per, total)
	fields := map[string]any{
		"count": total, "page": num, "per_page": per,
		"page_count": (total + per - 1) / per, "next_page": nil, "previous_page": nil,
	}
	if end < total {
		fields["next_page"] = linkWith(r, "page", strconv.Itoa(num+1), "", "per_page", strconv.Itoa(per))
	}
	if num > 1 {
		fields["previous_page"] = linkWith(r, "page", strconv.Itoa(num-1), "", "per_page", strconv.Itoa(per))
	}
	return page{start: start, end: end, fields: fields}, true
}

// pageJSON is the answer to a list request: the envelope paginate builds
// with the page's items, each rendered by render, under key. When ok is
// false the request has been answered with paginate's error.
func pageJSON[T any](w http.ResponseWriter, r *http.Request, list []T, o pageOpts, key string, render func(T) map[string]any) (out map[string]any, ok bool) {
	pg, ok := paginate(w, r, len(list), o)
	if !ok {
		return nil, false
	}
	items := make([]map[string]any, 0, pg.end-pg.start)
	for _, x := range list[pg.start:pg.end] {
		items = append(items, render(x))
	}
	pg.fields[key] = items
	return pg.fields, true
}

// writePage answers a list request with pageJSON.
func writePage[T any](w http.ResponseWriter, r *http.Request, list []T, o pageOpts, key string, render func(T) map[string]any) {
	if out, ok := pageJSON(w, r, list, o, key, render); ok {
		writeJSON(w, http.StatusOK, out)
	}
}

// Cursors are opaque to clients; the fake's encode an offset.
func encodeCursor(at int) string {
	return base64.RawURLEncoding.EncodeToString([]byte("o" + strconv.Itoa(at)))
}

func decodeCursor(c string) (int, bool) {
	b, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil || len(b) < 2 || b[0] != 'o' {
		return 0, false
	}
	n, err := strconv.Atoi(string(b[1:]))
	return n, err == nil && n >= 0
}

// linkWith returns the request's absolute URL with key set to value, drop
// removed, and further key/value pairs set.
func linkWith(r *http.Request, key, value, drop string, more ...string) string {
	q := r.URL.Query()
	q.Set(key, value)
	if drop != "" {
		q.Del(drop)
	}
	for i := 0; i+1 < len(more); i += 2 {
		q.Set(more[i], more[i+1])
	}
	u := url.URL{Scheme: "http", Host: r.Host, Path: r.URL.Path, RawQuery: q.Encode()}
	return u.String()
}
