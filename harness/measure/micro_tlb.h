// Micro benchmarks of the TLB hierarchy (suite micro-mem): the engines' inline L1 check, a
// TlbHierarchy::translate that hits in the L2, one that hits in the L3, one that misses every
// level, the page-table walk alone (Sv39 and Sv48 4 KiB pages, Sv39 2 MiB superpages), and a
// pointer chase per L2 replacement policy. Names: tlb/<what>; times are per batch of
// kTlbAccessesPerIteration accesses (Google Benchmark's items/s gives the rate per access).
#pragma once

#include <cstdint>
#include <vector>

#include "harness/measure/micro_benchmarks.h"

namespace harness::measure {

inline constexpr int64_t kTlbAccessesPerIteration = 4096;

// Each level benchmark checks, with the hierarchy's counters, that its access pattern hits the
// level it names, and fails (SkipWithError) when it does not.
std::vector<MicroBenchmark> tlb_micro_benchmarks();

}  // namespace harness::measure
