#!/usr/bin/env bash
# Differential oracle: runs one guest program under vmrun and under qemu-riscv64 and
# fails unless stdout and exit status are identical (and equal to the expected status,
# when one is given).
#   run_differential.sh VMRUN "VMRUN_FLAGS" QEMU EXPECT_EXIT|any PROGRAM [ARGS...]
set -u
vmrun=$1 vmrun_flags=$2 qemu=$3 expect=$4 program=$5
shift 5
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# shellcheck disable=SC2086
"$vmrun" $vmrun_flags "$program" "$@" >"$work/vm.out" 2>"$work/vm.err" </dev/null
vm_status=$?
"$qemu" "$program" "$@" >"$work/qemu.out" 2>"$work/qemu.err" </dev/null
qemu_status=$?

failed=0
if ! cmp -s "$work/vm.out" "$work/qemu.out"; then
  echo "stdout differs between vmrun and qemu-riscv64 for $program $*:"
  diff "$work/qemu.out" "$work/vm.out" | head -20
  failed=1
fi
if [[ $vm_status -ne $qemu_status ]]; then
  echo "exit status differs: vmrun $vm_status, qemu-riscv64 $qemu_status"
  failed=1
fi
if [[ $expect != any && $vm_status -ne $expect ]]; then
  echo "exit status $vm_status, expected $expect"
  failed=1
fi
if [[ $failed -ne 0 ]]; then
  echo "--- vmrun stderr:"; head -5 "$work/vm.err"
  echo "--- qemu stderr:"; head -5 "$work/qemu.err"
  exit 1
fi
echo "identical: status $vm_status, $(wc -c <"$work/vm.out") bytes of stdout"
