// Micro benchmarks of the JIT performance monitor's host-code analysis (suite micro-monitor):
// vm::monitor::summarize() and disassemble() over one block of x86-64 code shaped like a JIT's
// translation of kMonitorGuestInstructions guest instructions (guest registers loaded from and
// stored to a state block, guest-memory loads, side exits), assembled with AsmJit. Names:
// monitor/<what>; times are per block of kMonitorHostInstructions host instructions (Google
// Benchmark's items/s gives the rate per host instruction).
#pragma once

#include <cstdint>
#include <vector>

#include "harness/measure/micro_benchmarks.h"

namespace harness::measure {

inline constexpr int64_t kMonitorGuestInstructions = 64;
// Three host instructions per guest instruction, and two for each of the block's two exits.
inline constexpr int64_t kMonitorHostInstructions = 3 * kMonitorGuestInstructions + 4;

// Each benchmark first checks that summarize() finds exactly kMonitorHostInstructions in the
// block, and fails (SkipWithError) when it does not.
std::vector<MicroBenchmark> monitor_micro_benchmarks();

}  // namespace harness::measure
