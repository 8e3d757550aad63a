// The copy size from which the memcpy implementations stream their stores past the caches
// (non-temporal stores): a copy that large would evict more useful data than it keeps, and
// skipping the read-for-ownership of each destination line saves memory bandwidth.
#pragma once

#include <cstddef>
#include <string>

namespace vm::mem {

// The last-level cache size in bytes from sysfs (cpu0's highest cache level), else
// sysconf(_SC_LEVEL3_CACHE_SIZE), else 0 if neither says.
size_t last_level_cache_bytes();

// The threshold used by every implementation: derived from the last-level cache size at start,
// see memcpy_nontemporal.cpp for the measurements behind the rule.
size_t memcpy_nontemporal_threshold();

// Sets the threshold (tests and measurements: 0 streams every large copy, SIZE_MAX none).
// Not synchronised with copies running on other threads.
void set_memcpy_nontemporal_threshold(size_t bytes);

}  // namespace vm::mem
