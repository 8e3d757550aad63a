// Replacement policies for the set-associative TLB levels (L2/L3): LRU, tree-PLRU, FIFO,
// seeded random, and an adaptive policy that picks between LRU and BIP by set dueling.
// A policy holds only replacement state; the TLB level holds the entries and their validity,
// reports hits, fills and invalidations, and asks for a victim when a set is full.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string_view>

namespace vm::mem::tlb {

enum class PolicyKind : uint8_t { Lru, TreePlru, Fifo, Random, Adaptive };

// "lru", "plru", "fifo", "random", "adaptive" (exactly these spellings); nullopt otherwise.
std::optional<PolicyKind> parse_policy(std::string_view name);
std::string_view policy_name(PolicyKind kind);
// Every kind, in declaration order (for option help texts and tests).
std::span<const PolicyKind> all_policy_kinds();

// Replacement state of a whole set-associative structure (sets × ways). The structure itself
// holds the entries and validity; it tells the policy what happened and asks it for victims.
// Not internally synchronised, except as stated: state of different sets is independent, so
// callers that lock per set (or per shard of sets) may update different sets concurrently;
// anything shared between sets (the adaptive policy's selector) must be a std::atomic.
// Arguments are not range-checked on these paths: set < sets, way < ways is the caller's part.
class ReplacementPolicy {
 public:
  virtual ~ReplacementPolicy() = default;
  virtual PolicyKind kind() const = 0;
  virtual void on_hit(uint32_t set, uint32_t way) = 0;
  virtual void on_fill(uint32_t set, uint32_t way) = 0;        // after a miss, `way` was (re)filled
  virtual void on_invalidate(uint32_t set, uint32_t way) = 0;  // entry removed (flush)
  virtual uint32_t victim(uint32_t set) = 0;  // called only when every way is valid
  virtual void reset() = 0;                   // back to the initial state
};

// Largest supported associativity (LRU/FIFO/adaptive keep a 16-bit age per way).
inline constexpr uint32_t kMaxWays = 65536;

// Throws std::invalid_argument when sets == 0, ways == 0, ways > kMaxWays, ways is not a
// power of two for TreePlru, sets < 2 for Adaptive (it needs a leader set for each of its two
// policies), or `kind` is not a PolicyKind. `seed` drives Random and Adaptive (BIP's coin);
// the others ignore it.
std::unique_ptr<ReplacementPolicy> make_policy(PolicyKind kind, uint32_t sets, uint32_t ways,
                                               uint64_t seed);

}  // namespace vm::mem::tlb
