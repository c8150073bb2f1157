#!/usr/bin/env bash
# Times `postlint check` on the example site and on a generated 1,000-post site with hyperfine.
# Usage: benches/run.sh [POSTS]   (POSTS defaults to 1000; needs hyperfine: apt-get install hyperfine)
set -euo pipefail
cd "$(dirname "$0")/.."
posts="${1:-1000}"
command -v hyperfine >/dev/null || { echo "hyperfine is not installed (apt-get install hyperfine)" >&2; exit 2; }

cargo build --release --quiet --bin postlint --example gen_site
bin=target/release/postlint
site="target/bench-site-$posts"
rm -rf "$site"
target/release/examples/gen_site --posts "$posts" "$site"

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2 | sed 's/^ //')"
echo "postlint $($bin --version | cut -d' ' -f2), $(find "$site" -name '*.md' | wc -l) documents, $(du -sh "$site" | cut -f1) in $site"
# Exit status 1 (findings) is expected on both sites: -i keeps hyperfine going.
hyperfine --warmup 3 --runs 30 -N -i \
  --export-markdown target/bench.md \
  "$bin check --quiet fixtures/site" \
  "$bin check --quiet $site" \
  "$bin check --quiet --threads 1 $site"
cat target/bench.md
