#!/usr/bin/env bash
# --deterministic: two runs of the same program must print the same output and report the
# same counters (everything in --stats except the wall-clock fields).
#   run_twice.sh VMRUN [VMRUN OPTIONS] PROGRAM [ARGS...]
set -u
vmrun=$1
shift
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

for run in 1 2; do
  "$vmrun" --deterministic --stats="$work/stats$run.json" "$@" >"$work/out$run" 2>"$work/err$run"
  echo $? >"$work/status$run"
  # Drop the fields that measure host time.
  sed -E 's/"(wall_seconds|mips)":[^,}]*,?//g' "$work/stats$run.json" >"$work/counters$run"
done

status=0
for what in out err status counters; do
  if ! cmp -s "$work/${what}1" "$work/${what}2"; then
    echo "deterministic runs differ in $what:"
    diff "$work/${what}1" "$work/${what}2" | head -10
    status=1
  fi
done
grep -q '"instructions_retired":[1-9]' "$work/counters1" || { echo "no instructions counted"; status=1; }
if [[ " $* " == *" --memory=paged "* ]]; then
  grep -q '"tlb.l1d.hits":[1-9]' "$work/counters1" || { echo "no TLB hits counted"; status=1; }
fi
[[ $status -eq 0 ]] && echo "identical: $(cat "$work/counters1")"
exit $status
