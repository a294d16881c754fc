package main

import (
	"fmt"
	"io"
	"strings"
)

// result is one measured run of the CLI.
type result struct {
	Bin      string // the binary's label when -bin names several, else ""
	Run      string // the command line after "hcsync"
	Provider string
	Tree     string // e.g. "10000×4"
	Limit    limit
	Load     string // one-minute load average when the run started
	Usage    usage
	Calls    *calls // nil for the local provider
}

// header is the Markdown table head that row's lines go under.
const header = "| run | provider | articles×locales | limit | exit | wall s | CPU s | peak RSS MB | reads | writes | 429s | writes/s | % of limit | load |\n" +
	"|---|---|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n"

// row formats r as one line of the table under header. Calls and rates
// are "–" for the local provider, which makes no API calls; the share of
// the limit counts every request, as the service does.
func row(r result) string {
	u := r.Usage
	reads, writes, throttled, perSec, share := "–", "–", "–", "–", "–"
	if c := r.Calls; c != nil {
		reads, writes, throttled = fmt.Sprint(c.Reads), fmt.Sprint(c.Writes), fmt.Sprint(c.Throttled)
		secs := u.Wall.Seconds()
		if secs > 0 {
			perSec = fmt.Sprintf("%.1f", float64(c.Writes)/secs)
			if lim := r.Limit.PerSecond(); lim > 0 {
				share = fmt.Sprintf("%.0f%%", 100*float64(c.Total())/secs/lim)
			}
		}
	}
	exit := fmt.Sprint(u.Exit)
	if u.TimedOut {
		exit = "killed (timeout)"
	}
	return fmt.Sprintf("| %s | %s | %s | %s | %s | %.2f | %.2f | %.0f | %s | %s | %s | %s | %s | %s |\n",
		r.Run, r.Provider, r.Tree, r.Limit, exit, u.Wall.Seconds(), u.CPU().Seconds(),
		float64(u.PeakRSS)/(1<<20), reads, writes, throttled, perSec, share, r.Load)
}

// writeKinds writes, for each run that made API calls, a table of its
// calls by endpoint kind.
func writeKinds(w io.Writer, results []result) {
	for i, r := range results {
		if r.Calls == nil || r.Calls.Total() == 0 {
			continue
		}
		fmt.Fprintf(w, "\nAPI calls of run %d (hcsync %s, %s):\n\n| kind | calls |\n|---|---:|\n", i+1, r.Run, r.Provider)
		for _, k := range r.Calls.kinds() {
			fmt.Fprintf(w, "| `%s` | %d |\n", strings.ReplaceAll(k, "|", `\|`), r.Calls.ByKind[k])
		}
	}
}

// writeSummary writes one line per binary and step of the runs: how
// many times it ran and the min–max of each figure, in the order the
// pairs first ran. Repeated runs of one plan vary by ±15 % on a shared
// machine, so a range is what a comparison can cite.
func writeSummary(w io.Writer, results []result) {
	type key struct{ bin, run string }
	var order []key
	groups := map[key][]result{}
	for _, r := range results {
		k := key{r.Bin, r.Run}
		if _, seen := groups[k]; !seen {
			order = append(order, k)
		}
		groups[k] = append(groups[k], r)
	}
	fmt.Fprint(w, "| binary | run | runs | wall s | CPU s | peak RSS MB | requests |\n|---|---|---:|---:|---:|---:|---:|\n")
	for _, k := range order {
		rs := groups[k]
		wall := span(rs, func(r result) float64 { return r.Usage.Wall.Seconds() })
		cpu := span(rs, func(r result) float64 { return r.Usage.CPU().Seconds() })
		rss := span(rs, func(r result) float64 { return float64(r.Usage.PeakRSS) / (1 << 20) })
		reqs := "–"
		if rs[0].Calls != nil {
			reqs = span(rs, func(r result) float64 { return float64(r.Calls.Total()) }).format("%.0f")
		}
		fmt.Fprintf(w, "| %s | %s | %d | %s | %s | %s | %s |\n", k.bin, k.run, len(rs),
			wall.format("%.2f"), cpu.format("%.2f"), rss.format("%.0f"), reqs)
	}
}

// minMax is the range of one figure over repeated runs.
type minMax struct{ lo, hi float64 }

func span(rs []result, f func(result) float64) minMax {
	m := minMax{f(rs[0]), f(rs[0])}
	for _, r := range rs[1:] {
		v := f(r)
		m.lo, m.hi = min(m.lo, v), max(m.hi, v)
	}
	return m
}

func (m minMax) format(verb string) string {
	return fmt.Sprintf(verb+"–"+verb, m.lo, m.hi)
}
