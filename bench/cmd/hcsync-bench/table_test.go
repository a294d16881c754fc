package main

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

func TestRow(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		r    result
		want string
	}{
		{
			name: "local: no calls",
			r: result{Run: "plan", Provider: "local", Tree: "10000×4", Load: "0.52",
				Usage: usage{Wall: 1500 * time.Millisecond, User: 2 * time.Second, Sys: 250 * time.Millisecond, PeakRSS: 200 << 20}},
			want: "| plan | local | 10000×4 | off | 0 | 1.50 | 2.25 | 200 | – | – | – | – | – | 0.52 |\n",
		},
		{
			// 1,000 writes and 100 reads in 11 s against 100 a second:
			// 90.9 writes/s, 100 requests/s = 100% of the limit.
			name: "limited apply",
			r: result{Run: "apply", Provider: "zendesk", Tree: "300×3", Limit: limit{100, time.Second}, Load: "1.00",
				Usage: usage{Wall: 11 * time.Second, User: time.Second, PeakRSS: 50 << 20, Exit: 1},
				Calls: &calls{Reads: 100, Writes: 1000, Throttled: 2}},
			want: "| apply | zendesk | 300×3 | 100/1s | 1 | 11.00 | 1.00 | 50 | 100 | 1000 | 2 | 90.9 | 100% | 1.00 |\n",
		},
		{
			name: "no limit: no share",
			r: result{Run: "plan", Provider: "intercom", Tree: "1000×3", Load: "0.10",
				Usage: usage{Wall: 2 * time.Second}, Calls: &calls{Reads: 40}},
			want: "| plan | intercom | 1000×3 | off | 0 | 2.00 | 0.00 | 0 | 40 | 0 | 0 | 0.0 | – | 0.10 |\n",
		},
	}
	cols := strings.Count(strings.SplitN(header, "\n", 2)[0], "|")
	for _, tt := range tests {
		got := row(tt.r)
		if got != tt.want {
			t.Errorf("%s:\n got %q\nwant %q", tt.name, got, tt.want)
		}
		if n := strings.Count(got, "|"); n != cols {
			t.Errorf("%s: %d column separators, the header has %d", tt.name, n, cols)
		}
	}
}

func TestWriteKinds(t *testing.T) {
	t.Parallel()
	results := []result{
		{Run: "plan", Provider: "local"},
		{Run: "apply", Provider: "zendesk", Calls: &calls{Reads: 1, Writes: 3, ByKind: map[string]int{
			"GET /a": 1, "POST /a": 3,
		}}},
	}
	var b bytes.Buffer
	writeKinds(&b, results)
	want := "\nAPI calls of run 2 (hcsync apply, zendesk):\n\n| kind | calls |\n|---|---:|\n| `POST /a` | 3 |\n| `GET /a` | 1 |\n"
	if b.String() != want {
		t.Errorf("writeKinds:\n got %q\nwant %q", b.String(), want)
	}
}

func TestWriteSummary(t *testing.T) {
	t.Parallel()
	run := func(bin, step string, wall, cpu time.Duration, rssMB int64, reads int) result {
		return result{Bin: bin, Run: step, Provider: "zendesk",
			Usage: usage{Wall: wall, User: cpu, PeakRSS: rssMB << 20}, Calls: &calls{Reads: reads}}
	}
	results := []result{
		run("before", "plan --no-cache", 3*time.Second, 5*time.Second, 400, 12),
		run("after", "plan --no-cache", 2*time.Second, 4*time.Second, 300, 12),
		run("before", "plan --no-cache", 4*time.Second, 6*time.Second, 420, 12),
		run("after", "plan --no-cache", 2500*time.Millisecond, 3500*time.Millisecond, 310, 13),
		run("before", "plan", time.Second, time.Second, 200, 12),
	}
	var buf bytes.Buffer
	writeSummary(&buf, results)
	want := "| binary | run | runs | wall s | CPU s | peak RSS MB | requests |\n" +
		"|---|---|---:|---:|---:|---:|---:|\n" +
		"| before | plan --no-cache | 2 | 3.00–4.00 | 5.00–6.00 | 400–420 | 12–12 |\n" +
		"| after | plan --no-cache | 2 | 2.00–2.50 | 3.50–4.00 | 300–310 | 12–13 |\n" +
		"| before | plan | 1 | 1.00–1.00 | 1.00–1.00 | 200–200 | 12–12 |\n"
	if got := buf.String(); !strings.Contains(got, want) {
		t.Errorf("summary:\n%s\nwant it to hold:\n%s", got, want)
	}
}
