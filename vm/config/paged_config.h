// Between the knobs of paged memory (vm::PagedKnobs: plain values in the public header) and
// the configuration vm/mem builds paged memory from (mem::PagedConfig).
#pragma once

#include <string_view>

#include "vm/config.h"
#include "vm/mem/paged_backing.h"

namespace vm {

// The knobs that describe `config`; the VmConfig constructor takes its defaults from here.
PagedKnobs paged_knobs(const mem::PagedConfig& config);

// The configuration the knobs describe. Throws ConfigError, one line naming the knobs, for a
// name no knob accepts or TLB levels that would not build. The levels' own constructors
// decide what builds (entries a multiple of ways, a power-of-two number of sets, two sets or
// more for the adaptive policy, ...), so those rules stay in one place: vm/mem/tlb.
mem::PagedConfig paged_config(const PagedKnobs& knobs);

// The choice a knob's value names; throws ConfigError naming `key` and listing the choices.
mem::tlb::PolicyKind policy_of(std::string_view key, std::string_view name);
mem::tlb::PrefetchKind prefetch_of(std::string_view key, std::string_view name);
mem::PagingMode paging_of(std::string_view key, std::string_view name);

}  // namespace vm
