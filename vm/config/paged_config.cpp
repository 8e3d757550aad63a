#include "vm/config/paged_config.h"

#include <array>
#include <span>
#include <stdexcept>
#include <string>

#include "vm/mem/tlb/l1_tlb.h"
#include "vm/mem/tlb/set_associative_tlb.h"
#include "vm/mem/tlb/shared_tlb.h"

namespace vm {

namespace {

using mem::PagingMode;
using mem::tlb::PolicyKind;
using mem::tlb::PrefetchKind;

constexpr std::array kPrefetchKinds = {PrefetchKind::None, PrefetchKind::NextPage,
                                       PrefetchKind::Stride, PrefetchKind::Markov};
constexpr std::array kPagingModes = {PagingMode::Sv39, PagingMode::Sv48};

template <typename Kind>
Kind choose(std::string_view key, std::string_view name, std::span<const Kind> kinds,
            std::string_view (*name_of)(Kind)) {
  std::string names;
  for (const Kind kind : kinds) {
    if (name_of(kind) == name) return kind;
    names += (names.empty() ? "" : ", ") + std::string(name_of(kind));
  }
  throw ConfigError("config " + std::string(key) + ": '" + std::string(name) + "' is not one of " +
                    names);
}

std::string_view paging_name(PagingMode mode) { return mem::paging_mode_name(mode); }

// "tlb.l2.entries=1000, tlb.l2.ways=3, tlb.l2.policy=lru", for errors about their combination.
std::string level_keys(const std::string& level, uint32_t entries, uint32_t ways,
                       const std::string& policy) {
  const std::string prefix = "tlb." + level + ".";
  return prefix + "entries=" + std::to_string(entries) + ", " + prefix +
         "ways=" + std::to_string(ways) + ", " + prefix + "policy=" + policy;
}

// Builds one level to see whether it can be built; its std::invalid_argument becomes a
// ConfigError naming the knobs.
template <typename Build>
void check_level(const std::string& keys, Build build) {
  try {
    build();
  } catch (const std::invalid_argument& e) {
    throw ConfigError("config " + keys + ": " + e.what());
  }
}

}  // namespace

mem::tlb::PolicyKind policy_of(std::string_view key, std::string_view name) {
  return choose(key, name, mem::tlb::all_policy_kinds(), mem::tlb::policy_name);
}

mem::tlb::PrefetchKind prefetch_of(std::string_view key, std::string_view name) {
  return choose(key, name, std::span<const PrefetchKind>(kPrefetchKinds), mem::tlb::prefetch_name);
}

mem::PagingMode paging_of(std::string_view key, std::string_view name) {
  return choose(key, name, std::span<const PagingMode>(kPagingModes), paging_name);
}

PagedKnobs paged_knobs(const mem::PagedConfig& config) {
  const mem::tlb::TlbConfig& t = config.tlb;
  PagedKnobs k;
  k.ram_bytes = config.ram_bytes;
  k.paging = std::string(mem::paging_mode_name(config.mode));
  k.l1i_entries = t.l1i_entries;
  k.l1d_entries = t.l1d_entries;
  k.l2_entries = t.l2_entries;
  k.l2_ways = t.l2_ways;
  k.l2_policy = std::string(mem::tlb::policy_name(t.l2_policy));
  k.l3_entries = t.l3_entries;
  k.l3_ways = t.l3_ways;
  k.l3_policy = std::string(mem::tlb::policy_name(t.l3_policy));
  k.prefetch = std::string(mem::tlb::prefetch_name(t.prefetch));
  k.tlb_seed = t.seed;
  return k;
}

mem::PagedConfig paged_config(const PagedKnobs& k) {
  mem::PagedConfig config;
  config.ram_bytes = k.ram_bytes;
  config.mode = paging_of("mem.paging", k.paging);
  mem::tlb::TlbConfig& t = config.tlb;
  t.l1i_entries = k.l1i_entries;
  t.l1d_entries = k.l1d_entries;
  t.l2_entries = k.l2_entries;
  t.l2_ways = k.l2_ways;
  t.l2_policy = policy_of("tlb.l2.policy", k.l2_policy);
  t.l3_entries = k.l3_entries;
  t.l3_ways = k.l3_ways;
  t.l3_policy = policy_of("tlb.l3.policy", k.l3_policy);
  t.prefetch = prefetch_of("tlb.prefetch", k.prefetch);
  t.seed = k.tlb_seed;

  check_level("tlb.l1i.entries=" + std::to_string(t.l1i_entries),
              [&] { mem::tlb::L1Tlb{t.l1i_entries}; });
  check_level("tlb.l1d.entries=" + std::to_string(t.l1d_entries),
              [&] { mem::tlb::L1Tlb{t.l1d_entries}; });
  check_level(level_keys("l2", t.l2_entries, t.l2_ways, k.l2_policy), [&] {
    mem::tlb::SetAssociativeTlb{t.l2_entries, t.l2_ways, t.l2_policy, t.seed};
  });
  const std::string shards = " (in " + std::to_string(mem::tlb::SharedTlb::kShards) + " shards)";
  check_level(level_keys("l3", t.l3_entries, t.l3_ways, k.l3_policy) + shards, [&] {
    mem::tlb::SharedTlb{t.l3_entries, t.l3_ways, t.l3_policy, t.seed};
  });
  return config;
}

}  // namespace vm
