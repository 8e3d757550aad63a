// Micro benchmarks of the VM's bulk copy (suite micro-mem): guest_memcpy and each memcpy
// implementation this CPU can run, against glibc's memcpy and a byte-at-a-time loop, for
// sizes 16 B to 64 MiB. Names: memcpy/<what>/<bytes>, <what> one of active (guest_memcpy, the
// implementation chosen at start), glibc, bytes, scalar, sse2, avx2, avx512.
#pragma once

#include <vector>

#include "harness/measure/micro_benchmarks.h"

namespace harness::measure {

// The implementations the CPU lacks are left out (so are their names), which is why the
// committed suite names only active, glibc and bytes, which exist everywhere.
std::vector<MicroBenchmark> memcpy_micro_benchmarks();

}  // namespace harness::measure
