#!/usr/bin/env bash
# The logic of the hcsync GitHub Action (action.yml runs it after building
# hcsync). Kept in a script so action/action_test.go can run it with a
# simulated GitHub environment.
#
# Inputs (environment):
#   HCSYNC_BIN            the hcsync binary
#   HCSYNC_COMMAND        plan | apply
#   HCSYNC_CONFIG         path of hcsync.yaml ("" = hcsync finds it)
#   HCSYNC_COMMENT        true: post or refresh the plan as one PR comment
#   HCSYNC_FAIL_ON_DRIFT  true: fail when the help center was edited after
#                         the last apply (or the file's last commit)
#   HCSYNC_SINCE          git ref for prune ("" = the apply record, else
#                         from the event: the push's before, or the pull
#                         request's base)
#   HCSYNC_COMMIT_IDS     true (apply): commit the ids apply wrote onto the
#                         newest commit of the branch and push it
#   HCSYNC_SAVED_PLAN     true (apply on push): apply the plan shown on the
#                         pull request this push merged, when it still
#                         holds (needs actions: read); else plan afresh
#   GITHUB_*              set by the runner; GITHUB_TOKEN for the comment
#   RUNNER_TEMP           where the plan files go
# Outputs ($GITHUB_OUTPUT): has-changes, plan-json, summary, dir, name
# (the tree's name in the apply record and the artifact), saved-plan (on
# pull requests: the artifact name the saved plan is uploaded under).
#
# Saved plans: on a pull request the plan is also saved (plan --out) and
# uploaded as the artifact hcsync-saved-plan-<name>-<head sha>. The push
# that merges the pull request finds it through the REST API (the pull
# request of the pushed commit, then the artifact of its head), and
# applies it, exactly as reviewed, when a fresh plan has the very same
# changes (apply FILE checks again that nothing it was made from moved);
# otherwise it says why and applies a fresh plan, as without saved plans.
#
# The apply record: after an apply, the action pushes
# refs/hcsync/applied/<name>, a commit whose tree is the content last
# applied, every deletion up to it archived, and whose committer time is
# when the apply ended. The
# next run fetches it and passes it as --since (so deletions in a push
# whose run was cancelled are still archived) and as --drift-base (so
# drift is an edit made in the help center after the last apply).
set -euo pipefail

command=${HCSYNC_COMMAND:-plan}
event=${GITHUB_EVENT_NAME:-}
event_file=${GITHUB_EVENT_PATH:-}
out_dir=${RUNNER_TEMP:-${TMPDIR:-/tmp}}/hcsync-$$
mkdir -p "$out_dir"
# What is not worth keeping (git's and curl's chatter, the id commit's
# work tree) stays out of out_dir, which is uploaded as an artifact.
scratch=$(mktemp -d "${RUNNER_TEMP:-${TMPDIR:-/tmp}}/hcsync-scratch-XXXXXX")
trap 'rm -rf "$scratch"; git worktree prune >/dev/null 2>&1 || true' EXIT
plan_json=$out_dir/plan.json
plan_md=$out_dir/plan.md
log=$out_dir/output.txt
errors=$out_dir/stderr.txt
result=$out_dir/result.json

# GitHub refuses a comment over 65,536 characters; bytes are never fewer.
max_comment=65536

bot_name="github-actions[bot]"
bot_email="41898282+github-actions[bot]@users.noreply.github.com"

fail() {
  echo "::error title=hcsync::$*" >&2
  exit 1
}

warn() {
  echo "::warning title=hcsync::$*" >&2
}

event_field() { # event_field JQ-FILTER: a field of the event payload, "" when absent
  if [ -n "$event_file" ] && [ -f "$event_file" ]; then
    jq -r "$1 // empty" "$event_file"
  fi
}

# gh_api METHOD URL [BODY-FILE]: a GitHub REST call; the token goes in a
# header read from stdin's config so it never appears in a process list.
# On failure it writes what GitHub said to $api_error (a file: gh_api
# often runs in a subshell).
api_error=$scratch/api-error.txt
gh_api() {
  local data=() code response
  if [ $# -ge 3 ]; then
    data=(--data-binary "@$3" -H "Content-Type: application/json")
  fi
  response=$scratch/api-response.json
  code=$(curl --silent --show-error --location --output "$response" --write-out '%{http_code}' \
    --request "$1" "${data[@]}" \
    -H "Accept: application/vnd.github+json" \
    -H "X-GitHub-Api-Version: 2022-11-28" \
    --config - "$2" <<<"header = \"Authorization: Bearer $GITHUB_TOKEN\"" 2>"$scratch/curl.txt") || {
    echo "$1 ${2%%\?*}: $(tail -n 1 "$scratch/curl.txt")" >"$api_error"
    return 1
  }
  if [ "$code" -lt 200 ] || [ "$code" -ge 300 ]; then
    {
      printf '%s %s: HTTP %s: %s' "$1" "${2%%\?*}" "$code" \
        "$(jq -r '[.message // empty, (.errors // [] | .[] | .message // empty)] | join(": ")' "$response" 2>/dev/null || head -c 200 "$response")"
      if [ "$code" = 403 ] || [ "$code" = 401 ]; then
        printf ' (the token cannot write comments: give the job permissions: pull-requests: write; a pull request from a fork gets a read-only token)'
      fi
    } >"$api_error"
    return 1
  fi
  cat "$response"
}

# use_saved_plan sets saved to the plan shown on the pull request this
# push merged, when it still holds: a fresh plan has the same changes.
# Otherwise it says why, and the apply plans afresh.
use_saved_plan() {
  local api pulls number head name found url dir
  if [ -z "${GITHUB_TOKEN:-}" ] || [ -z "${GITHUB_SHA:-}" ] || [ -z "${GITHUB_REPOSITORY:-}" ]; then
    return 1
  fi
  api=${GITHUB_API_URL:-https://api.github.com}/repos/$GITHUB_REPOSITORY
  if ! pulls=$(gh_api GET "$api/commits/$GITHUB_SHA/pulls"); then
    echo "Could not look up the pull request of $GITHUB_SHA ($(cat "$api_error")): applying a fresh plan."
    return 1
  fi
  number=$(jq -r --arg sha "$GITHUB_SHA" '[.[] | select(.merged_at != null and .merge_commit_sha == $sha)][0].number // empty' <<<"$pulls")
  head=$(jq -r --arg sha "$GITHUB_SHA" '[.[] | select(.merged_at != null and .merge_commit_sha == $sha)][0].head.sha // empty' <<<"$pulls")
  if [ -z "$head" ]; then
    echo "No pull request was merged as ${GITHUB_SHA:0:7}: applying a fresh plan."
    return 1
  fi
  name=hcsync-saved-plan-$(record_name)-$head
  if ! found=$(gh_api GET "$api/actions/artifacts?name=$name&per_page=1"); then
    echo "Could not look up the plan saved on pull request #$number ($(cat "$api_error"); the job needs permissions: actions: read): applying a fresh plan."
    return 1
  fi
  # Only an artifact of a run of that very commit: a run of another pull
  # request (a fork's, whose workflow it controls) cannot stand in.
  url=$(jq -r --arg head "$head" '[.artifacts[] | select((.expired | not) and .workflow_run.head_sha == $head)][0].archive_download_url // empty' <<<"$found")
  if [ -z "$url" ]; then
    echo "Pull request #$number has no saved plan for ${head:0:7} (artifact $name, kept 14 days): applying a fresh plan."
    return 1
  fi
  dir=$scratch/saved
  mkdir -p "$dir"
  if ! gh_api GET "$url" >"$dir/plan.zip" || ! unzip -q -o "$dir/plan.zip" -d "$dir" || [ ! -s "$dir/plan.hcsync" ]; then
    echo "Could not download the plan saved on pull request #$number ($(cat "$api_error" 2>/dev/null)): applying a fresh plan."
    return 1
  fi
  # The saved plan is applied only if it is the plan this push needs: a
  # fresh plan, reading the history and the help center as this apply
  # would, has the very same changes. So the reviewed plan archives what
  # the history deletes, no more and no less, and the artifact is trusted
  # for nothing it could change. apply FILE then checks once more, right
  # before writing, that nothing it was made from moved.
  if ! "$HCSYNC_BIN" plan "${args[@]}" --format json >"$dir/fresh.json" 2>"$dir/fresh.txt"; then
    echo "A fresh plan of ${GITHUB_SHA:0:7} failed: applying afresh, which says why."
    return 1
  fi
  if [ "$(jq -S '.changes' "$dir/fresh.json")" != "$(jq -S '.plan.changes' "$dir/plan.hcsync")" ]; then
    echo "The plan shown on pull request #$number differs from a fresh plan of ${GITHUB_SHA:0:7} (the branch, the tree or the help center moved since the review): applying the fresh plan."
    return 1
  fi
  echo "Applying the plan shown on pull request #$number (for ${head:0:7}), exactly as reviewed."
  saved=$dir/plan.hcsync
}

case "$command" in
  plan) ;;
  apply)
    # A pull request's code is not reviewed yet (and may come from a
    # fork): it never writes to the help center.
    case "$event" in
      pull_request | pull_request_target)
        fail "apply does not run on $event events: plan on pull requests, apply on push to the default branch" ;;
    esac ;;
  *) fail "command must be plan or apply, not '$command'" ;;
esac

run_url=
if [ -n "${GITHUB_RUN_ID:-}" ] && [ -n "${GITHUB_REPOSITORY:-}" ]; then
  run_url=${GITHUB_SERVER_URL:-https://github.com}/$GITHUB_REPOSITORY/actions/runs/$GITHUB_RUN_ID
fi

in_git=false
if git rev-parse --git-dir >/dev/null 2>&1; then
  in_git=true
fi

# The record's name: one per tree (working directory and config), so two
# trees in one repository keep two records.
record_name() {
  local where
  where=$(git rev-parse --show-prefix 2>/dev/null || true)${HCSYNC_CONFIG:-}
  where=$(printf '%s' "$where" | tr -c 'A-Za-z0-9._-' '-' | sed 's/^[-.]*//; s/[-.]*$//; s/\.\.*/./g')
  printf '%s' "${where:-default}"
}
record_ref=refs/hcsync/applied/$(record_name)

# The branch a push went to; "" for other events and tag pushes.
branch=
if [ "$event" = push ] && [[ "${GITHUB_REF:-}" == refs/heads/* ]]; then
  branch=${GITHUB_REF#refs/heads/}
fi

have_record=false
if $in_git; then
  # A fetch that fails (no origin, no network) costs the record, not the
  # run: --since falls back to the event.
  if git fetch --quiet --no-tags origin "+refs/hcsync/applied/*:refs/hcsync/applied/*" 2>"$scratch/fetch.txt"; then
    if git rev-parse --verify --quiet "$record_ref^{commit}" >/dev/null; then
      have_record=true
    fi
  else
    warn "could not fetch the apply records from origin ($(head -n 1 "$scratch/fetch.txt")): deletions are taken from the event, and drift from each file's last commit"
  fi
fi

# An apply makes the help center match the newest commit of the branch,
# which holds the ids earlier runs committed back: the commit that
# triggered this run may lack them, and planning it would create their
# articles again.
if [ "$command" = apply ] && [ -n "$branch" ] && $in_git; then
  if git fetch --quiet --no-tags origin "refs/heads/$branch" 2>"$scratch/fetch.txt"; then
    if [ "$(git rev-parse HEAD)" != "$(git rev-parse FETCH_HEAD)" ]; then
      if git merge-base --is-ancestor HEAD FETCH_HEAD && git merge --ff-only --quiet FETCH_HEAD >/dev/null 2>&1; then
        echo "Applying $branch at $(git rev-parse --short HEAD), its newest commit."
      else
        warn "$branch moved to $(git rev-parse --short FETCH_HEAD), which does not descend from $(git rev-parse --short HEAD): applying the commit checked out"
      fi
    fi
  else
    warn "could not fetch $branch from origin ($(head -n 1 "$scratch/fetch.txt")): applying the commit checked out"
  fi
fi

config_args=()
if [ -n "${HCSYNC_CONFIG:-}" ]; then
  config_args=(--config "$HCSYNC_CONFIG")
fi
args=("${config_args[@]}")
if [ "${HCSYNC_FAIL_ON_DRIFT:-false}" = true ]; then
  args+=(--fail-on-drift)
fi
if $have_record; then
  args+=(--drift-base "$record_ref")
fi

since=${HCSYNC_SINCE:-}
if [ -z "$since" ]; then
  case "$event" in
    push)
      if $have_record; then
        since=$record_ref
      else
        since=$(event_field .before)
        # A push that creates a branch has no before commit.
        if [[ "$since" =~ ^0+$ ]]; then
          since=
        fi
        if [ "$command" = apply ]; then
          echo "No apply record yet ($record_ref): deletions are taken from the push's before commit; after this apply they are taken from the record."
        fi
      fi ;;
    pull_request | pull_request_target) since=$(event_field .pull_request.base.sha) ;;
  esac
fi
if [ -n "$since" ]; then
  args+=(--since "$since")
fi

# The saved plan's artifact name, keyed by the head commit the plan is of.
saved_name=
head_sha=$(event_field .pull_request.head.sha)
if [ "$command" = plan ] && [ -n "$head_sha" ] && [ "${HCSYNC_SAVED_PLAN:-true}" = true ]; then
  saved_name=hcsync-saved-plan-$(record_name)-$head_sha
fi

saved=
if [ "$command" = apply ] && [ "$event" = push ] && [ "${HCSYNC_SAVED_PLAN:-true}" = true ] && $in_git; then
  use_saved_plan || saved=
fi

rc=0
if [ "$command" = plan ]; then
  out_args=()
  if [ -n "$saved_name" ]; then
    out_args=(--out "$out_dir/plan.hcsync")
  fi
  "$HCSYNC_BIN" plan "${args[@]}" "${out_args[@]}" --format markdown --json-file "$plan_json" >"$plan_md" 2>"$errors" || rc=$?
  cp "$plan_md" "$log"
elif [ -n "$saved" ]; then
  # Exactly what was reviewed: the plan file carries its own planning
  # flags, so only the config goes with it.
  jq '.plan' "$saved" >"$plan_json"
  cp "$saved" "$out_dir/plan.hcsync"
  set +e
  "$HCSYNC_BIN" apply "${config_args[@]}" --result-file "$result" "$saved" 2>&1 >"$log" | tee "$errors" >&2
  rc=${PIPESTATUS[0]}
  set -e
else
  # Each result goes to the log as it ends, so a long apply shows its
  # progress and an interrupted one what it did.
  set +e
  "$HCSYNC_BIN" apply "${args[@]}" --json-file "$plan_json" --result-file "$result" 2>&1 >"$log" | tee "$errors" >&2
  rc=${PIPESTATUS[0]}
  set -e
fi
apply_rc=$rc
cat "$log"
if [ "$command" = plan ]; then
  cat "$errors" >&2
fi

has_changes=false
summary="hcsync $command failed: see the step's log"
if [ -s "$plan_json" ]; then
  if [ "$(jq '.changes | length' "$plan_json")" -gt 0 ]; then
    has_changes=true
  fi
  summary=$(jq -r '
    if (.changes | length) == 0 then "no changes"
    else "\(.changes | length) change(s): " + ([.changes | group_by(.action)[] | "\(length) \(.[0].action)"] | join(", "))
    end' "$plan_json")
  drift=$(jq '[.warnings[] | select(.kind == "drift")] | length' "$plan_json")
  if [ "$drift" -gt 0 ]; then
    summary+="; $drift file(s) edited in the help center since they were last applied or committed"
  fi
fi

# commit_ids writes the ids apply recorded into the newest commit of the
# branch and pushes that, retrying when another push lands first. It
# re-applies the id write-back (hcsync write-ids) rather than rebasing a
# text change, so a writer's edit of the same file meanwhile (a retitle
# next to the id: line) cannot make it conflict.
commit_ids() {
  local prefix wt attempt
  prefix=$(git rev-parse --show-prefix)
  wt=$scratch/ids-worktree
  for attempt in 1 2 3 4 5; do
    git fetch --quiet --no-tags origin "refs/heads/$branch" || return 1
    git worktree remove --force "$wt" >/dev/null 2>&1 || rm -rf "$wt"
    git worktree add --quiet --detach "$wt" FETCH_HEAD || return 1
    (cd "$wt/$prefix" && "$HCSYNC_BIN" write-ids "${config_args[@]}" --from "$result") >/dev/null || return 1
    git -C "$wt" add --all
    if git -C "$wt" diff --cached --quiet; then
      echo "The ids are already in $branch."
      return 0
    fi
    git -C "$wt" -c user.name="$bot_name" -c user.email="$bot_email" \
      commit --quiet -m "hcsync: write article ids [skip ci]"
    if git -C "$wt" push --quiet origin "HEAD:refs/heads/$branch" 2>"$scratch/push.txt"; then
      echo "Committed the ids to $branch ($(git -C "$wt" rev-parse --short HEAD))."
      git worktree remove --force "$wt" >/dev/null 2>&1 || true
      return 0
    fi
    echo "Pushing the ids to $branch failed (attempt $attempt: $(tail -n 1 "$scratch/push.txt")); retrying on its newest commit."
    sleep "$attempt"
  done
  return 1
}

# record_apply pushes the apply record: the commit whose deletions are
# all archived (this one, unless an archive or delete-translation failed;
# then the previous base, so they are tried again next time) as of now.
# Other failures need no record: the next plan finds them again by
# comparing the tree with the help center.
record_apply() {
  local applied removals tree head commit
  applied=$(jq '.applied' "$result")
  removals=$(jq '.removals_not_applied // 0' "$result")
  if [ "$apply_rc" -eq 0 ] || { [ "$applied" -gt 0 ] && [ "$removals" -eq 0 ]; }; then
    tree=$(git rev-parse "HEAD^{tree}")
  elif [ "$applied" -gt 0 ] && [ -n "$since" ]; then
    tree=$(git rev-parse --verify --quiet "$since^{tree}") || return 0
  else
    return 0 # nothing written: the old record still holds
  fi
  head=$(git rev-parse HEAD)
  # Whole seconds, rounded up: the apply's own writes are never newer.
  commit=$(GIT_COMMITTER_DATE="@$(($(date +%s) + 1)) +0000" GIT_AUTHOR_DATE="@$(($(date +%s) + 1)) +0000" \
    GIT_AUTHOR_NAME="$bot_name" GIT_AUTHOR_EMAIL="$bot_email" GIT_COMMITTER_NAME="$bot_name" GIT_COMMITTER_EMAIL="$bot_email" \
    git commit-tree "$tree" -p "$head" -m "hcsync: applied $head")
  git update-ref "$record_ref" "$commit"
  if ! git push --quiet --force origin "$commit:$record_ref" 2>"$scratch/push.txt"; then
    warn "could not push the apply record $record_ref ($(tail -n 1 "$scratch/push.txt")): the next run takes deletions from its push's before commit and may miss some; give the job permissions: contents: write"
    return 0
  fi
  echo "Recorded the apply as $record_ref."
}

if [ "$command" = apply ] && [ -s "$result" ] && $in_git; then
  if [ "${HCSYNC_COMMIT_IDS:-true}" = true ] && [ "$(jq '.ids | length' "$result")" -gt 0 ]; then
    if [ -z "$branch" ]; then
      warn "ids were written, but this is no push to a branch: commit them yourself, or the next plan adopts the articles by title"
    elif ! commit_ids; then
      warn "could not commit the ids to $branch: the next plan adopts the articles by title; see the log above"
      rc=1
    fi
  fi
  record_apply
fi

# The report a reviewer reads: the Markdown plan, or what went wrong,
# under a line naming the commit and the run.
sha=$(event_field .pull_request.head.sha)
if [ -z "$sha" ] && $in_git; then
  sha=$(git rev-parse HEAD)
fi
sha=${sha:-${GITHUB_SHA:-}}
about=
if [ -n "$sha" ]; then
  about="For commit \`${sha:0:7}\`"
  if [ -n "$run_url" ]; then
    about+=" · [workflow run]($run_url)"
  fi
  about+="."
fi

report=$out_dir/report.md
{
  if [ "$command" = plan ] && [ -s "$plan_md" ]; then
    head -n 1 "$plan_md"
    printf '\n%s\n' "$about"
    tail -n +2 "$plan_md"
    # The plan left some out to fit a comment: say where all of it is.
    if [ -n "$run_url" ] && grep -q 'to fit a comment' "$plan_md"; then
      printf '\n_The whole plan, as JSON, is in the artifact of the [workflow run](%s)._\n' "$run_url"
    fi
  else
    printf '### hcsync %s\n\n%s\n\n```text\n' "$command" "$about"
    sed 's/^```/ˋˋˋ/' "$log"
    printf '```\n'
  fi
} >"$report"

# The errors fit in what the comment leaves: the whole body, with the
# marker, stays under GitHub's limit; the full log is in the run. An
# apply's progress lines, already in the step's log, are left out.
shown=$scratch/errors.txt
if [ "$command" = apply ]; then
  grep -v '^\[[0-9]*/[0-9]*\] ' "$errors" >"$shown" || true
else
  cp "$errors" "$shown"
fi
if [ "$rc" -ne 0 ] && [ -s "$shown" ]; then
  room=$((max_comment - 1000 - $(wc -c <"$report")))
  {
    printf '\n**hcsync %s failed** (exit %d):\n\n```text\n' "$command" "$rc"
    if [ "$room" -gt 0 ]; then
      # Not sed | head: under pipefail, sed killed by the closed pipe
      # (exit 141) would fail the step whenever the errors are long.
      sed 's/^```/ˋˋˋ/' "$shown" >"$shown.fenced"
      head -c "$room" "$shown.fenced"
    fi
    printf '\n```\n'
    if [ "$(wc -c <"$shown")" -gt "$room" ]; then
      if [ -n "$run_url" ]; then
        printf '\n_The errors are cut to fit a comment: the full log is in the [workflow run](%s)._\n' "$run_url"
      else
        printf '\n_The errors are cut to fit a comment: the full log is in the step'"'"'s output._\n'
      fi
    fi
  } >>"$report"
fi
if [ "$(wc -c <"$report")" -gt $((max_comment - 200)) ]; then
  # Never expected (the plan is capped well below): cut rather than lose
  # the comment.
  head -c $((max_comment - 400)) "$report" >"$report.cut"
  printf '\n\n_Cut to fit a comment: see the workflow run for the rest._\n' >>"$report.cut"
  mv "$report.cut" "$report"
fi

if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
  cat "$report" >>"$GITHUB_STEP_SUMMARY"
fi
if [ -n "${GITHUB_OUTPUT:-}" ]; then
  {
    echo "has-changes=$has_changes"
    echo "plan-json=$plan_json"
    echo "summary=$summary"
    echo "dir=$out_dir"
    echo "name=$(record_name)"
    if [ "$rc" -eq 0 ] && [ -s "$out_dir/plan.hcsync" ]; then
      echo "saved-plan=$saved_name"
    fi
  } >>"$GITHUB_OUTPUT"
fi

# post_comment posts the report on the pull request, or edits the comment
# an earlier run posted (found by its hidden marker), so a pull request
# carries one plan comment however often it is pushed to.
post_comment() {
  local number api marker body existing page ids
  number=$(event_field .pull_request.number)
  if [ -z "$number" ]; then
    warn "no pull request number in the event: comment skipped"
    return 0
  fi
  if [ -z "${GITHUB_TOKEN:-}" ]; then
    warn "no GITHUB_TOKEN: comment skipped (give the job permissions: pull-requests: write)"
    return 0
  fi
  api=${GITHUB_API_URL:-https://api.github.com}/repos/$GITHUB_REPOSITORY
  marker="<!-- hcsync-plan: ${HCSYNC_CONFIG:-default} -->"
  body=$scratch/comment.json
  jq -n --arg marker "$marker" --rawfile report "$report" '{body: ($marker + "\n" + $report)}' >"$body"

  existing=
  page=1
  while [ -z "$existing" ]; do
    ids=$(gh_api GET "$api/issues/$number/comments?per_page=100&page=$page") || return 1
    if [ "$(jq 'length' <<<"$ids")" -eq 0 ]; then
      break
    fi
    existing=$(jq -r --arg marker "$marker" '[.[] | select(.body | contains($marker))][0].id // empty' <<<"$ids")
    page=$((page + 1))
  done
  if [ -n "$existing" ]; then
    gh_api PATCH "$api/issues/comments/$existing" "$body" >/dev/null || return 1
    echo "Updated the plan comment on pull request #$number."
  else
    gh_api POST "$api/issues/$number/comments" "$body" >/dev/null || return 1
    echo "Posted the plan on pull request #$number."
  fi
}


if [ "$command" = plan ] && [ "${HCSYNC_COMMENT:-false}" = true ]; then
  case "$event" in
    pull_request | pull_request_target)
      if ! post_comment; then
        warn "could not post the plan comment: $(cat "$api_error" 2>/dev/null); the plan is in the job summary"
      fi ;;
  esac
fi

exit "$rc"
