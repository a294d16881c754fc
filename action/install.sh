#!/usr/bin/env bash
# Puts the release binary of hcsync for this runner into HCSYNC_BIN_DIR
# when the action is used at a release tag (uses: hcsync/hcsync@v1.2.3)
# and that release has an archive for the runner's system: a download of
# a few MB instead of installing Go and compiling (action.yml's build
# steps). The archive must match its line in the release's checksums.txt
# (.goreleaser.yaml writes both); a mismatch fails the step rather than
# run a binary that is not the release's.
#
# Writes found=true to GITHUB_OUTPUT when the binary is in place, else
# found=false, and action.yml builds hcsync from the action's source as
# before: at a branch or a commit, at a tag without a release (yet), on a
# runner the releases do not cover, or when the download fails.
#
# Environment: HCSYNC_ACTION_REF (the action's ref, github.action_ref),
# HCSYNC_ACTION_REPOSITORY (owner/name, github.action_repository),
# HCSYNC_BIN_DIR, RUNNER_OS, RUNNER_ARCH, RUNNER_TEMP, GITHUB_SERVER_URL,
# GITHUB_OUTPUT.
set -euo pipefail

ref=${HCSYNC_ACTION_REF:-${GITHUB_ACTION_REF:-}}
repo=${HCSYNC_ACTION_REPOSITORY:-${GITHUB_ACTION_REPOSITORY:-hcsync/hcsync}}
server=${GITHUB_SERVER_URL:-https://github.com}
bindir=${HCSYNC_BIN_DIR:?HCSYNC_BIN_DIR names the folder for the binary}

found() {
  echo "found=$1" >>"${GITHUB_OUTPUT:-/dev/null}"
}

# build says why there is no release binary; action.yml then builds one.
build() {
  echo "hcsync: $1: building hcsync from the action's source"
  found false
  exit 0
}

# Release tags are v and a semantic version; anything else (a branch, a
# commit, the major tag v1) has no archives of its own name.
if [[ ! $ref =~ ^v[0-9]+\.[0-9]+\.[0-9]+([-+][0-9A-Za-z.+-]+)?$ ]]; then
  build "the action's ref ${ref:-(none)} is not a release tag"
fi
version=${ref#v}

case ${RUNNER_OS:-} in
  Linux) os=linux ;;
  macOS) os=darwin ;;
  Windows) os=windows ;;
  *) build "no release archive for the runner's system ${RUNNER_OS:-(unknown)}" ;;
esac
case ${RUNNER_ARCH:-} in
  X64) arch=amd64 ;;
  ARM64) arch=arm64 ;;
  *) build "no release archive for the runner's architecture ${RUNNER_ARCH:-(unknown)}" ;;
esac
ext=tar.gz exe=hcsync
if [[ $os == windows ]]; then
  ext=zip exe=hcsync.exe
fi
archive=hcsync_${version}_${os}_${arch}.$ext
base=$server/$repo/releases/download/$ref

scratch=$(mktemp -d "${RUNNER_TEMP:-${TMPDIR:-/tmp}}/hcsync-release.XXXXXX")
trap 'rm -rf "$scratch"' EXIT

# fetch downloads a release asset, following GitHub's redirect to its
# storage; it fails quietly on 404 (no such release or asset).
fetch() {
  curl --silent --show-error --fail --location --retry 2 --connect-timeout 10 --max-time 120 \
    --output "$scratch/$1" "$base/$1" 2>"$scratch/curl.txt"
}

if ! fetch checksums.txt; then
  build "no release $ref of $repo with checksums.txt ($(tail -n 1 "$scratch/curl.txt"))"
fi
want=$(awk -v f="$archive" '$2 == f || $2 == "*" f { print $1 }' "$scratch/checksums.txt")
if [[ -z $want ]]; then
  build "release $ref has no $archive in checksums.txt"
fi
if ! fetch "$archive"; then
  build "could not download $base/$archive ($(tail -n 1 "$scratch/curl.txt"))"
fi

if command -v sha256sum >/dev/null; then
  got=$(sha256sum "$scratch/$archive" | cut -d' ' -f1)
else
  got=$(shasum -a 256 "$scratch/$archive" | cut -d' ' -f1)
fi
if [[ $got != "$want" ]]; then
  echo "::error title=hcsync release::$base/$archive has SHA-256 $got, but the release's checksums.txt says $want: not using it. Re-run the job; if it fails again, report it at $server/$repo/issues"
  exit 1
fi

mkdir -p "$scratch/x"
if [[ $ext == zip ]]; then
  unzip -q -o "$scratch/$archive" "$exe" -d "$scratch/x" || build "could not unpack $archive"
else
  tar -xzf "$scratch/$archive" -C "$scratch/x" "$exe" || build "could not unpack $archive"
fi
mkdir -p "$bindir"
# The name the build steps give the binary, which run.sh is handed.
mv "$scratch/x/$exe" "$bindir/hcsync"
chmod +x "$bindir/hcsync"
if ! says=$("$bindir/hcsync" version 2>&1); then
  rm -f "$bindir/hcsync"
  build "the release binary does not run here ($says)"
fi
echo "hcsync: using the release binary ($says) from $base/$archive, checked against checksums.txt"
found true
