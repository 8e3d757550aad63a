// One constructor per policy, each defined in its own <name>_policy.cpp. make_policy validates
// the arguments before calling these, so they assume sets >= 1, 1 <= ways <= kMaxWays, a power
// of two for tree-PLRU and sets >= 2 for the adaptive policy.
#pragma once

#include <cstdint>
#include <memory>

#include "vm/mem/tlb/replacement_policy.h"

namespace vm::mem::tlb {

std::unique_ptr<ReplacementPolicy> make_lru_policy(uint32_t sets, uint32_t ways);
std::unique_ptr<ReplacementPolicy> make_tree_plru_policy(uint32_t sets, uint32_t ways);
std::unique_ptr<ReplacementPolicy> make_fifo_policy(uint32_t sets, uint32_t ways);
std::unique_ptr<ReplacementPolicy> make_random_policy(uint32_t sets, uint32_t ways, uint64_t seed);
std::unique_ptr<ReplacementPolicy> make_adaptive_policy(uint32_t sets, uint32_t ways,
                                                        uint64_t seed);

}  // namespace vm::mem::tlb
