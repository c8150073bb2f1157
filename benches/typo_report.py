#!/usr/bin/env python3
"""Lists every spelling finding postlint makes on a folder, with its line, for judging precision
by hand: `python3 benches/typo_report.py target/release/postlint ../shared/corpora/ruby-lang-org-ko`.
Prints `rule<TAB>wrong -> right<TAB>file:line<TAB>line text`, then counts per rule."""
import collections
import json
import subprocess
import sys

binary, folder = sys.argv[1], sys.argv[2]
run = subprocess.run([binary, "check", folder, "--format", "json"], capture_output=True, text=True)
report = json.loads(run.stdout)
counts = collections.Counter()
for d in report["diagnostics"]:
    if not d["rule"].startswith("typo/"):
        continue
    counts[d["rule"]] += 1
    with open(d["file"], encoding="utf-8") as f:
        line = f.read().splitlines()[d["line"] - 1].strip()
    print(f"{d['rule']}\t{d['message']}\t{d['file']}:{d['line']}\t{line[:160]}")
for rule, n in counts.most_common():
    print(f"# {rule}: {n}", file=sys.stderr)
