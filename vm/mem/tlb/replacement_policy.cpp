// Policy names and the factory: validates the geometry once, then builds the policy named by
// the kind from the table below.
#include "vm/mem/tlb/replacement_policy.h"

#include <array>
#include <bit>
#include <stdexcept>
#include <string>

#include "vm/mem/tlb/policy_factories.h"

namespace vm::mem::tlb {
namespace {

struct PolicyInfo {
  PolicyKind kind;
  std::string_view name;
};

// Indexed by PolicyKind.
constexpr std::array<PolicyInfo, 5> kPolicies{{
    {PolicyKind::Lru, "lru"},
    {PolicyKind::TreePlru, "plru"},
    {PolicyKind::Fifo, "fifo"},
    {PolicyKind::Random, "random"},
    {PolicyKind::Adaptive, "adaptive"},
}};
constexpr auto kKinds = [] {
  std::array<PolicyKind, kPolicies.size()> kinds{};
  for (size_t i = 0; i < kPolicies.size(); ++i) kinds[i] = kPolicies[i].kind;
  return kinds;
}();

constexpr bool table_in_kind_order() {
  for (size_t i = 0; i < kPolicies.size(); ++i) {
    if (static_cast<size_t>(kPolicies[i].kind) != i) return false;
  }
  return true;
}
static_assert(table_in_kind_order());

bool known_kind(PolicyKind kind) { return static_cast<size_t>(kind) < kPolicies.size(); }

[[noreturn]] void invalid(PolicyKind kind, const std::string& what) {
  throw std::invalid_argument("replacement policy '" + std::string(policy_name(kind)) +
                              "': " + what);
}

void validate(PolicyKind kind, uint32_t sets, uint32_t ways) {
  if (!known_kind(kind)) {
    throw std::invalid_argument("replacement policy: unknown kind " +
                                std::to_string(static_cast<unsigned>(kind)));
  }
  if (sets == 0) invalid(kind, "sets must be at least 1");
  if (ways == 0) invalid(kind, "ways must be at least 1");
  if (ways > kMaxWays) {
    invalid(kind,
            "ways must be at most " + std::to_string(kMaxWays) + ", got " + std::to_string(ways));
  }
  if (kind == PolicyKind::TreePlru && !std::has_single_bit(ways)) {
    invalid(kind, "ways must be a power of two, got " + std::to_string(ways));
  }
  if (kind == PolicyKind::Adaptive && sets < 2) {
    invalid(kind, "needs at least 2 sets (a leader set for each of LRU and BIP), got " +
                      std::to_string(sets));
  }
}

}  // namespace

std::optional<PolicyKind> parse_policy(std::string_view name) {
  for (const PolicyInfo& p : kPolicies) {
    if (p.name == name) return p.kind;
  }
  return std::nullopt;
}

std::string_view policy_name(PolicyKind kind) {
  return known_kind(kind) ? kPolicies[static_cast<size_t>(kind)].name : "?";
}

std::span<const PolicyKind> all_policy_kinds() { return kKinds; }

std::unique_ptr<ReplacementPolicy> make_policy(PolicyKind kind, uint32_t sets, uint32_t ways,
                                               uint64_t seed) {
  validate(kind, sets, ways);
  switch (kind) {
    case PolicyKind::Lru: return make_lru_policy(sets, ways);
    case PolicyKind::TreePlru: return make_tree_plru_policy(sets, ways);
    case PolicyKind::Fifo: return make_fifo_policy(sets, ways);
    case PolicyKind::Random: return make_random_policy(sets, ways, seed);
    case PolicyKind::Adaptive: return make_adaptive_policy(sets, ways, seed);
  }
  return nullptr;  // unreachable: validate() rejected unknown kinds
}

}  // namespace vm::mem::tlb
