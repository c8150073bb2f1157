#!/usr/bin/env bash
# Fuzzes every target (or those named) for SECONDS each (default 300), starting from the
# committed seeds, and prints each target's final coverage line. Crashes land in
# fuzz/artifacts/<target>/; copy each into fuzz/regressions/<target>/ once fixed.
#
#   fuzz/run.sh [SECONDS] [TARGET ...]
#
# Needs cargo-fuzz (`cargo install cargo-fuzz`). postlint has no `unsafe`, so targets are built
# without a sanitizer (`-s none`), which works on a stable toolchain with RUSTC_BOOTSTRAP=1.
set -euo pipefail
cd "$(dirname "$0")"
seconds="${1:-300}"
shift || true
source ./targets.sh "$@"
for t in "${targets[@]}"; do
  mkdir -p "corpus/$t" "logs"
  cargo fuzz run -s none -O "$t" "corpus/$t" "seeds/$t" -- \
    -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 > "logs/$t.log" 2>&1 || {
      echo "$t: CRASH, see fuzz/logs/$t.log and fuzz/artifacts/$t/"
      continue
    }
  echo "$t: $(grep -aE '^#[0-9]+[[:space:]]+DONE' "logs/$t.log" | tail -1)"
done
