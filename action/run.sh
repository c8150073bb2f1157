#!/usr/bin/env bash
# The GitHub Action's run step (action.yml), kept in a file so tests can run it.
# Reads POSTLINT (the binary) and the action's inputs from INPUT_* variables; writes GitHub
# annotations and the human report to the log, and SARIF to INPUT_SARIF when set.
# Exit status: postlint's (1 when there are errors), so the job fails on findings.
set -uo pipefail

postlint="${POSTLINT:-postlint}"
args=(check)
if [ -n "${INPUT_CHANGED_SINCE:-}" ]; then
  args+=(--changed-since "$INPUT_CHANGED_SINCE")
fi
# Word-split on purpose: the inputs are space-separated lists. The `${a[@]+…}` form keeps
# empty lists working under `set -u` in the bash 3.2 of macOS runners.
# shellcheck disable=SC2206
extra=(${INPUT_ARGS:-})
# shellcheck disable=SC2206
paths=(${INPUT_PATHS:-})

if [ -n "${INPUT_SARIF:-}" ]; then
  "$postlint" "${args[@]}" ${extra[@]+"${extra[@]}"} --format sarif ${paths[@]+"${paths[@]}"} > "$INPUT_SARIF"
  sarif_status=$?
  if [ "$sarif_status" -ge 2 ]; then
    exit "$sarif_status"
  fi
fi
# No --format: under GitHub Actions postlint prints annotations, then the human report.
"$postlint" "${args[@]}" ${extra[@]+"${extra[@]}"} ${paths[@]+"${paths[@]}"}
