// Counters of one TLB level. All are exact and deterministic for a single-threaded guest (the
// random policy is seeded), so the harness compares them exactly between runs.
#pragma once

#include <cstdint>

namespace vm::mem::tlb {

struct TlbLevelStats {
  uint64_t lookups = 0;
  uint64_t hits = 0;
  uint64_t misses = 0;
  uint64_t fills = 0;
  uint64_t evictions = 0;        // valid entries replaced by a fill
  uint64_t flushes = 0;          // flush operations (all, by ASID, by address)
  uint64_t entries_flushed = 0;  // valid entries those flushes removed
};

struct WalkStats {
  uint64_t walks = 0;
  uint64_t ptes_read = 0;  // the walks' memory reads: levels walked in total
  uint64_t faults = 0;
};

struct PrefetchStats {
  uint64_t issued = 0;   // prefetch walks that filled an entry
  uint64_t useful = 0;   // prefetched entries hit before leaving the TLB
  uint64_t useless = 0;  // prefetched entries evicted or flushed unused
};

}  // namespace vm::mem::tlb
