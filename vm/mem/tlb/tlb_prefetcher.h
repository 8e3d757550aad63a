// Predicts the next page to translate after a TLB miss, so its translation can be walked and
// placed in the L2 before it is needed. Off by default; its worth shows in the prefetch
// counters (useful = hit before leaving the TLB, useless = evicted or flushed unused).
//   next    the page after the missing one
//   stride  the missing page plus the last distance between misses, once it repeated
//   markov  the page that missed after this one last time (a 256-entry table of successors)
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace vm::mem::tlb {

enum class PrefetchKind : uint8_t { None, NextPage, Stride, Markov };

std::optional<PrefetchKind> parse_prefetch(std::string_view name);  // none|next|stride|markov
std::string_view prefetch_name(PrefetchKind kind);

class TlbPrefetcher {
 public:
  explicit TlbPrefetcher(PrefetchKind kind) : kind_(kind) {}
  PrefetchKind kind() const { return kind_; }

  // Called for every demand miss that needed a walk; returns the page (va >> 12) to prefetch.
  std::optional<uint64_t> on_miss(uint64_t vpn4k);
  void reset();

 private:
  struct Successor {
    uint64_t from = ~uint64_t{0};
    uint64_t next = 0;
  };
  static constexpr size_t kMarkovEntries = 256;

  PrefetchKind kind_;
  std::optional<uint64_t> last_miss_;
  int64_t last_stride_ = 0;
  std::array<Successor, kMarkovEntries> successors_{};
};

}  // namespace vm::mem::tlb
