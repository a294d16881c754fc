package apply_test

import (
	"context"
	"fmt"
	"net/http"
	"path/filepath"
	"testing"
	"time"

	"github.com/hcsync/hcsync/apply"
	"github.com/hcsync/hcsync/bench"
	"github.com/hcsync/hcsync/content"
	"github.com/hcsync/hcsync/internal/testtime"
	"github.com/hcsync/hcsync/plan"
	"github.com/hcsync/hcsync/planner"
	"github.com/hcsync/hcsync/providers/fakeserver"
	"github.com/hcsync/hcsync/providers/zendesk"
	"github.com/hcsync/hcsync/providers/zendesk/zendesktest"
	"github.com/hcsync/hcsync/remote"
)

// TestApplyConvergesUnderFaults runs apply of 200 articles × 3 locales
// against the Zendesk fake while it answers with random 429s, 5xx,
// timeouts, dropped connections and lost responses (creates included).
// After at most two re-runs the help center must equal the tree, with no
// duplicate article.
func TestApplyConvergesUnderFaults(t *testing.T) {
	if testing.Short() {
		t.Skip("fault schedule: skipped with -short")
	}
	for _, seed := range []int64{1, 2, 3} {
		t.Run(fmt.Sprintf("seed=%d", seed), func(t *testing.T) {
			t.Parallel()
			root := filepath.Join(t.TempDir(), "docs")
			if _, err := bench.Generate(root, bench.Tree{Articles: 200, Locales: 3}); err != nil {
				t.Fatal(err)
			}
			// A real rate limit the client overruns on purpose (so real
			// 429s with Retry-After come back), plus random faults.
			fake := zendesktest.New(zendesktest.Options{RateLimit: 150, Window: time.Second})
			defer fake.Close()
			// The per-attempt timeout and the longest delay keep their
			// ratio (some delays outlast an attempt) but stretch with the
			// build: under -race every answer is 5–10× slower, and a
			// timeout a plain run meets would be missed on most attempts.
			timeout, maxDelay := testtime.Scale(400*time.Millisecond), testtime.Scale(600*time.Millisecond)
			random := fakeserver.RandomFaults(seed, fakeserver.FaultRates{
				Status5xx: 0.04, Drop: 0.02, DropAfter: 0.03, Delay: 0.03, MaxDelay: maxDelay,
			})
			fake.SetFaults(func(n int, r *http.Request) fakeserver.Fault {
				if n%37 == 5 {
					return fakeserver.Fault{Status: http.StatusTooManyRequests, Header: http.Header{"Retry-After": {"0"}}}
				}
				return random(n, r)
			})
			prov, err := zendesk.New(zendesk.Options{
				BaseURL: fake.URL, Email: "agent@example.com", APIToken: "zd-test-token",
				PermissionGroup: "Admins", RequestsPerMinute: 12000, Timeout: timeout,
			})
			if err != nil {
				t.Fatal(err)
			}
			runs := 0
			for ; runs < 3; runs++ {
				p, err := planTree(root, prov)
				if err != nil {
					continue // a read failed past its retries: the next run reads again
				}
				if p.Empty() {
					break
				}
				ex := &apply.Executor{Provider: prov, Concurrency: 8, Root: root, WriteID: func(file, id string) error {
					return content.WriteID(filepath.Join(root, filepath.FromSlash(file)), id)
				}}
				rep := ex.Apply(context.Background(), p)
				t.Logf("run %d: %d changes, applied %d, failed %d, skipped %d", runs+1, len(p.Changes), rep.Applied, rep.Failed, rep.Skipped)
				for _, r := range rep.Results {
					if r.Status == plan.StatusFailed {
						t.Logf("  %s: %s", r.Key, r.Error)
					}
				}
			}
			fake.SetFaults(nil)
			p, err := planTree(root, prov)
			if err != nil {
				t.Fatal(err)
			}
			if !p.Empty() {
				t.Fatalf("after %d runs the plan still has %d changes, first %s", runs, len(p.Changes), p.Changes[0].Key)
			}
			if runs > 3 {
				t.Fatalf("converged only after %d runs", runs)
			}
			titles := map[string]int{}
			for _, a := range fake.Articles() {
				titles[a.Translations["en-us"].Title]++
			}
			if len(titles) != 200 {
				t.Errorf("%d distinct articles, want 200", len(titles))
			}
			for title, n := range titles {
				if n > 1 {
					t.Errorf("%q exists %d times", title, n)
				}
			}
		})
	}
}

func planTree(root string, prov *zendesk.Provider) (*plan.Plan, error) {
	tree, err := content.Load(root, content.LoadOptions{DefaultLocale: "en-us"})
	if err != nil {
		return nil, err
	}
	live, err := remote.Fetch(context.Background(), prov)
	if err != nil {
		return nil, err
	}
	admins := "Admins"
	opts := planner.Options{Provider: prov.Name(), Caps: prov.Capabilities(), DefaultLocale: "en-us"}
	opts.Defaults.PermissionGroup = &admins
	return planner.NewPlan(tree, live, opts)
}
