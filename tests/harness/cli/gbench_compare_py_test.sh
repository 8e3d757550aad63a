#!/usr/bin/env bash
# Google Benchmark's own tools/compare.py must accept what `vmbench run --format=gbench` writes:
# the single-run file (Google Benchmark's JSONReporter output) and the file merged from
# --runs=N child processes. compare.py is obtained through scripts/gbench-compare; when it
# cannot be (no network on a fresh machine), the test is reported as skipped (exit 77).
#
# usage: gbench_compare_py_test.sh VMBENCH REPO BUILD_DIR
set -euo pipefail
VMBENCH=${1:?usage: $0 VMBENCH REPO BUILD_DIR}
REPO=${2:?usage: $0 VMBENCH REPO BUILD_DIR}
BUILD=${3:?usage: $0 VMBENCH REPO BUILD_DIR}
COMPARE=("$REPO/scripts/gbench-compare" --build-dir="$BUILD")

fail() {
  echo "FAIL: $*" >&2
  exit 1
}
"${COMPARE[@]}" --fetch-only || exit $?

TMP=$(mktemp -d "${TMPDIR:-/tmp}/vmbench-gbench.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
cd "$TMP"
# Two short benchmarks of the quick suite, on CPU 0 (other work is timed on the last CPU).
RUN=("$VMBENCH" run --suite=quick --suites-dir="$REPO/suites" --filter='^(recursion|sha256)/'
  --repetitions=3 --cpu=0 --quiet --format=gbench)
"${RUN[@]}" --out=one.json >run1.log 2>&1 || fail "single run failed: $(tail -3 run1.log)"
"${RUN[@]}" --runs=2 --out=two.json >run2.log 2>&1 || fail "--runs=2 failed: $(tail -3 run2.log)"
[[ -f one.gbench.json && -f two.gbench.json ]] || fail "no Google Benchmark JSON written"

"${COMPARE[@]}" --no-color -d dump.json benchmarks one.gbench.json two.gbench.json >compare.out 2>&1 ||
  fail "compare.py rejected the files: $(tail -5 compare.out)"
cat compare.out
# compare.py's dump: one entry per benchmark, with the per-repetition times of both files and
# its U test (3 repetitions from one run against 6 from the merged two).
python3 - dump.json <<'PY' || fail "compare.py's dump lacks what it should hold"
import json, sys
dump = {d["name"]: d for d in json.load(open(sys.argv[1])) if d.get("run_type") != "aggregate"}
for prefix in ("recursion/", "sha256/", "control/calibration"):
    entry = next((d for n, d in dump.items() if n.startswith(prefix)), None)
    assert entry is not None, f"no {prefix} entry in {sorted(dump)}"
    measurements = entry["measurements"]
    assert len(measurements) == 3, f"{prefix}: {len(measurements)} paired repetitions, expected 3"
    assert all(m["real_time"] > 0 and m["real_time_other"] > 0 for m in measurements), measurements
    utest = entry.get("utest", {})
    assert utest.get("nr_of_repetitions") == 3 and utest.get("nr_of_repetitions_other") == 6, utest
    assert 0.0 <= utest["time_pvalue"] <= 1.0, utest
print("PASS: compare.py read both files:", ", ".join(sorted(dump)))
PY
