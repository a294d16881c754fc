#!/usr/bin/env bash
# Measures what the action spends before and in the hcsync step, on this
# machine: the build steps of action.yml (Find the hcsync build, Restore
# the hcsync build, Build hcsync) cold, as on a fresh runner (no cached
# binary, empty Go module and build caches), and warm (the binary
# restored from the cache, saved as actions/cache does: tar + zstd), then
# run.sh planning and applying the example tree with the local provider.
# Not measured: GitHub's install of Go (setup-go, cold runs only) and the
# download of the cache entry (about 14 MB, warm runs).
#
# Usage, from the repository root: bash action/measure-start.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
TIMEFORMAT='%R s wall, %U s user + %S s system CPU'

# The cache key, as action.yml's "Find the hcsync build" computes it.
key() {
  (cd "$root" && find . -path ./testdata -prune -o -path ./.git -prune -o -type f \( -name '*.go' ! -name '*_test.go' -o -name go.mod -o -name go.sum \) -print |
    LC_ALL=C sort | tr '\n' '\0' | xargs -0 sha256sum | sha256sum | cut -c1-16)
}

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg); $(go version)"
echo "cold start (key, module download, compile, cache save):"
time {
  key >/dev/null
  (cd "$root" && GOMODCACHE=$work/mod GOCACHE=$work/build GOFLAGS=-modcacherw go build -trimpath -o "$work/bin/hcsync" ./cmd/hcsync 2>/dev/null)
  tar -C "$work/bin" -cf - hcsync | zstd -q -T0 >"$work/cache.tzst"
}
echo "warm start (key, cache restore):"
time {
  key >/dev/null
  mkdir -p "$work/warm"
  zstd -dc "$work/cache.tzst" | tar -C "$work/warm" -xf -
  "$work/warm/hcsync" version >/dev/null
}
echo "cache entry: $(du -h "$work/cache.tzst" | cut -f1)"

# The hcsync step on the example tree: a plan, then an apply.
tree=$work/tree
cp -R "$root/testdata/example" "$tree"
rm -rf "$tree/.hcsync"
git -C "$tree" init --quiet
git -C "$tree" add --all
git -C "$tree" -c user.name=m -c user.email=m@example.com commit --quiet -m tree
for command in plan apply; do
  echo "run.sh $command of the example tree:"
  time (cd "$tree" && env HCSYNC_BIN="$work/warm/hcsync" HCSYNC_COMMAND=$command GITHUB_EVENT_NAME=push RUNNER_TEMP="$work" \
    HOME="$work" CI=true bash "$root/action/run.sh" >/dev/null 2>&1)
done
