// Micro benchmarks of the host memory pool (suite micro-mem): getting a zeroed, page-aligned
// 4 KiB guest page from vm::mem::host::MemoryPool, against the same from malloc and from mmap.
#pragma once

#include <vector>

#include "harness/measure/micro_benchmarks.h"

namespace harness::measure {

std::vector<MicroBenchmark> pool_micro_benchmarks();

}  // namespace harness::measure
