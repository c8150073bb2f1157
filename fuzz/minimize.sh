#!/usr/bin/env bash
# Folds what fuzzing grew (corpus/<target>/) into the committed seeds: libFuzzer's merge keeps
# a small set of inputs that reaches every code edge the seeds and the corpus reach (edges only,
# `-use_counters=0`: counting hits as well kept four times the inputs), and those
# inputs (named by their SHA-1, as libFuzzer names them) replace the earlier merged ones in
# seeds/<target>/. Hand-written seeds (any other name) stay. `cargo test` replays the seeds, so
# what fuzzing reached stays covered on every run, and the next fuzzing session starts there.
#
#   fuzz/minimize.sh [TARGET ...]
set -euo pipefail
cd "$(dirname "$0")"
source ./targets.sh "$@"
for t in "${targets[@]}"; do
  merged=$(mktemp -d)
  mkdir -p "corpus/$t" "logs"
  cargo fuzz run -s none -O "$t" "$merged" "seeds/$t" "corpus/$t" -- \
    -merge=1 -use_counters=0 -max_len=65536 -timeout=10 -rss_limit_mb=2048 > "logs/$t.merge.log" 2>&1
  find "seeds/$t" -maxdepth 1 -type f -regextype posix-extended -regex '.*/[0-9a-f]{40}' -delete
  # libFuzzer names an input by the SHA-1 of its bytes: one equal to a hand-written seed is
  # already there.
  written=$(find "seeds/$t" -maxdepth 1 -type f -exec sha1sum {} + | cut -d' ' -f1)
  for f in "$merged"/*; do
    [ -e "$f" ] || continue
    grep -qx "$(basename "$f")" <<<"$written" || cp "$f" "seeds/$t/"
  done
  rm -rf "$merged"
  echo "$t: $(find "seeds/$t" -maxdepth 1 -type f | wc -l) seeds, $(du -s --apparent-size --block-size=1K "seeds/$t" | cut -f1) KB"
done
