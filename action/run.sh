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
#                         the last commit of a file
#   HCSYNC_SINCE          git ref for prune ("" = from the event: the push's
#                         before, or the pull request's base)
#   GITHUB_*              set by the runner; GITHUB_TOKEN for the comment
#   RUNNER_TEMP           where the plan files go
# Outputs ($GITHUB_OUTPUT): has-changes, plan-json, summary.
set -euo pipefail

command=${HCSYNC_COMMAND:-plan}
event=${GITHUB_EVENT_NAME:-}
event_file=${GITHUB_EVENT_PATH:-}
out_dir=${RUNNER_TEMP:-${TMPDIR:-/tmp}}/hcsync-$$
mkdir -p "$out_dir"
plan_json=$out_dir/plan.json
plan_md=$out_dir/plan.md
log=$out_dir/output.txt
errors=$out_dir/stderr.txt

fail() {
  echo "::error title=hcsync::$*" >&2
  exit 1
}

event_field() { # event_field JQ-FILTER: a field of the event payload, "" when absent
  if [ -n "$event_file" ] && [ -f "$event_file" ]; then
    jq -r "$1 // empty" "$event_file"
  fi
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

args=()
if [ -n "${HCSYNC_CONFIG:-}" ]; then
  args+=(--config "$HCSYNC_CONFIG")
fi
if [ "${HCSYNC_FAIL_ON_DRIFT:-false}" = true ]; then
  args+=(--fail-on-drift)
fi

since=${HCSYNC_SINCE:-}
if [ -z "$since" ]; then
  case "$event" in
    push) since=$(event_field .before) ;;
    pull_request | pull_request_target) since=$(event_field .pull_request.base.sha) ;;
  esac
  # A push that creates a branch has no before commit.
  if [[ "$since" =~ ^0+$ ]]; then
    since=
  fi
fi
if [ -n "$since" ]; then
  args+=(--since "$since")
fi

rc=0
if [ "$command" = plan ]; then
  "$HCSYNC_BIN" plan "${args[@]}" --format markdown --json-file "$plan_json" >"$plan_md" 2>"$errors" || rc=$?
  cp "$plan_md" "$log"
else
  "$HCSYNC_BIN" apply "${args[@]}" --json-file "$plan_json" >"$log" 2>"$errors" || rc=$?
fi
cat "$log"
cat "$errors" >&2

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
    summary+="; $drift file(s) edited in the help center since their last commit"
  fi
fi

# The report a reviewer reads: the Markdown plan, or what went wrong.
report=$out_dir/report.md
{
  if [ "$command" = plan ] && [ -s "$plan_md" ]; then
    cat "$plan_md"
  elif [ "$command" = apply ]; then
    printf '### hcsync apply\n\n```text\n'
    sed 's/^```/ˋˋˋ/' "$log"
    printf '```\n'
  fi
  if [ "$rc" -ne 0 ] && [ -s "$errors" ]; then
    printf '\n**hcsync %s failed** (exit %d):\n\n```text\n' "$command" "$rc"
    sed 's/^```/ˋˋˋ/' "$errors" | head -c 20000
    printf '\n```\n'
  fi
} >"$report"

if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
  cat "$report" >>"$GITHUB_STEP_SUMMARY"
fi
if [ -n "${GITHUB_OUTPUT:-}" ]; then
  {
    echo "has-changes=$has_changes"
    echo "plan-json=$plan_json"
    echo "summary=$summary"
  } >>"$GITHUB_OUTPUT"
fi

# post_comment posts the report on the pull request, or edits the comment
# an earlier run posted (found by its hidden marker), so a pull request
# carries one plan comment however often it is pushed to.
post_comment() {
  local number api marker body existing page ids
  number=$(event_field .pull_request.number)
  if [ -z "$number" ]; then
    echo "::warning title=hcsync::no pull request number in the event: comment skipped" >&2
    return 0
  fi
  if [ -z "${GITHUB_TOKEN:-}" ]; then
    echo "::warning title=hcsync::no GITHUB_TOKEN: comment skipped (give the job permissions: pull-requests: write)" >&2
    return 0
  fi
  api=${GITHUB_API_URL:-https://api.github.com}/repos/$GITHUB_REPOSITORY
  marker="<!-- hcsync-plan: ${HCSYNC_CONFIG:-default} -->"
  body=$out_dir/comment.json
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

# gh_api METHOD URL [BODY-FILE]: a GitHub REST call; the token goes in a
# header read from stdin's config so it never appears in a process list.
gh_api() {
  local data=()
  if [ $# -ge 3 ]; then
    data=(--data-binary "@$3" -H "Content-Type: application/json")
  fi
  curl --silent --show-error --fail-with-body --location \
    --request "$1" "${data[@]}" \
    -H "Accept: application/vnd.github+json" \
    -H "X-GitHub-Api-Version: 2022-11-28" \
    --config - "$2" <<<"header = \"Authorization: Bearer $GITHUB_TOKEN\""
}

if [ "$command" = plan ] && [ "${HCSYNC_COMMENT:-false}" = true ]; then
  case "$event" in
    pull_request | pull_request_target)
      if ! post_comment; then
        # Pull requests from forks get a read-only token.
        echo "::warning title=hcsync::could not post the plan comment (a pull request from a fork has a read-only token): the plan is in the job summary" >&2
      fi ;;
  esac
fi

exit "$rc"
