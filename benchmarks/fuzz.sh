#!/usr/bin/env bash
# Coverage-guided fuzzing of check and fix (tests/fuzz_check.py) for a fixed budget.
#   benchmarks/fuzz.sh [SECONDS]     default 60; exit status non-zero on a crash
# Seeds come from corpus/ (read only); new inputs go to a temporary directory.
# A crash is written to tests/fuzz_crashes/crash-<hash>; tests/test_properties.py
# replays everything in that directory, so commit the file together with the fix.
set -euo pipefail
cd "$(dirname "$0")/.."
budget="${1:-60}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p tests/fuzz_crashes
python -m pip show atheris >/dev/null 2>&1 || python -m pip install -q atheris
exec python tests/fuzz_check.py "$work" corpus \
  -max_total_time="$budget" -max_len=4096 -timeout=20 -rss_limit_mb=4096 \
  -artifact_prefix=tests/fuzz_crashes/ -print_final_stats=1
