#!/usr/bin/env bash
# scripts/memory-modes-report on a hand-made results file: ratios and miss rates computed from
# numbers chosen here, pairs matched by program and arguments (not by name), unpaired and
# failed benchmarks left out, bad input refused with one line and exit status 2.
#   memory_modes_report_test.sh REPO
set -euo pipefail
REPORT=${1:?usage: $0 REPO}/scripts/memory-modes-report
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

python3 - "$TMP/results.json" <<'PY'
import json, sys
def bench(name, program, args, memory, median, runs, counters=None, status="ok"):
    return {"name": name, "kind": "guest", "status": status, "program": program, "args": args,
            "engine": "interp", "memory": memory, "config": {},
            "summary": {"median_ns": median, "run_medians_ns": runs},
            "counters": counters or {}}
paged_counters = {"guest.instructions_retired": 2000000,
                  "vm.tlb.l1d.lookups": 1000, "vm.tlb.l1d.misses": 25,
                  "vm.tlb.l1i.lookups": 400, "vm.tlb.l1i.misses": 4,
                  "vm.tlb.l2.lookups": 29, "vm.tlb.l2.misses": 10,
                  "vm.tlb.l3.lookups": 10, "vm.tlb.l3.misses": 5, "vm.tlb.walks": 6}
doc = {"benchmarks": [
    bench("chase/flat", "/p/chase", ["8"], "flat", 100.0, [100.0, 110.0]),
    bench("only-flat", "/p/other", ["1"], "flat", 50.0, [50.0]),
    bench("chase-paged-named-differently", "/p/chase", ["8"], "paged", 150.0, [140.0, 176.0],
          paged_counters),
    bench("broken/flat", "/p/broken", [], "flat", 10.0, [10.0]),
    bench("broken/paged", "/p/broken", [], "paged", 10.0, [10.0], status="failed"),
    {"name": "control/calibration", "kind": "control", "status": "ok"},
]}
json.dump(doc, open(sys.argv[1], "w"))
PY

"$REPORT" "$TMP/results.json" >"$TMP/out" || fail "report exited $?"
cat "$TMP/out"
row=$(grep '^chase ' "$TMP/out") || fail "no row for the chase pair"
# 150/100 = 1.5; runs 140/100 = 1.4 and 176/110 = 1.6; L1D 25/1000; L1I 4/400; L2 10/29;
# L3 5/10; walks 6 per 2 M instructions = 3 per million.
for want in 1.500 1.400-1.600 2.5000% 1.0000% 34.4828% 50.0000% 3.0; do
  grep -qF -- " $want" <<<"$row" || fail "row lacks $want: $row"
done
[[ $(grep -c . "$TMP/out") == 3 ]] || fail "expected a header, one row and the summary"
grep -q "geometric mean paged/flat: 1.500 over 1 programs" "$TMP/out" || fail "summary"
# Through a file, not a pipe: grep -q stops reading at the row, and the report's later write
# then failed with BrokenPipeError (pipefail made the test flaky).
"$REPORT" --format=markdown "$TMP/results.json" >"$TMP/out.md" || fail "markdown report exited $?"
grep -qF "| chase | 1.500 |" "$TMP/out.md" || fail "markdown row"

expect_error() {  # expect_error WORD ARGS...: exit 2 and one line naming WORD
  local word=$1 status=0
  shift
  "$REPORT" "$@" >/dev/null 2>"$TMP/err" || status=$?
  [[ $status == 2 ]] || fail "'$*' exited $status, expected 2"
  [[ $(wc -l <"$TMP/err") == 1 ]] || fail "'$*': not one line: $(cat "$TMP/err")"
  grep -qF -- "$word" "$TMP/err" || fail "'$*': message lacks $word: $(cat "$TMP/err")"
}
expect_error missing.json "$TMP/missing.json"
echo '{"benchmarks": [' >"$TMP/broken.json"
expect_error broken.json "$TMP/broken.json"
echo '{"benchmarks": []}' >"$TMP/empty.json"
expect_error "no program was measured" "$TMP/empty.json"
expect_error --format=html --format=html "$TMP/results.json"
echo "PASS"
