// The JIT's domain events: what happened to guest code on its way through the translator and the
// code cache. Plain aggregates, cheap to build and to copy; a DomainEventBus (domain_event_bus.h)
// delivers them to whoever subscribed (the JitPerformanceMonitor, tests, tools).
//
// The set of event types is closed: DomainEvents lists them and gives each a dense index, which
// the bus uses to keep one handler list and one subscriber count per type without RTTI. A new
// event is a struct here with a kName, plus one entry in DomainEvents.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <type_traits>

namespace vm::events {

// How much work the JIT put into a translation. Baseline: the first translation of a guest block,
// compiled quickly with little optimisation. Optimized: a hot block (see HotspotDetected)
// translated again with more effort, replacing its baseline code.
enum class Tier : std::uint8_t { Baseline, Optimized };

// Why translated code stopped being valid.
enum class InvalidationReason : std::uint8_t {
  SelfModifyingWrite,  // a guest store hit a page that holds translated code
  FenceI,              // the guest executed fence.i
  Unmap,               // munmap (or a MAP_FIXED mapping) removed the code's page
  Protect,             // mprotect took execute permission away
  CacheFlush,          // the code cache was flushed as a whole (also see CodeCacheFlushed)
};

std::string_view tier_name(Tier tier);                          // "baseline", "optimized"
std::string_view invalidation_reason_name(InvalidationReason);  // "self_modifying_write", ...

// A guest block was translated to host code.
struct CodeBlockCompiled {
  static constexpr std::string_view kName = "code_block_compiled";
  std::uint64_t guest_pc = 0;
  std::uint32_t guest_instructions = 0;
  std::uint32_t guest_bytes = 0;  // compressed instructions count 2
  std::uint32_t host_bytes = 0;   // emitted machine code, without the cache's padding
  std::uint64_t compile_ns = 0;   // wall time from decode to code ready to run
  Tier tier = Tier::Baseline;
};

// A block ran often enough to be worth an optimised translation.
struct HotspotDetected {
  static constexpr std::string_view kName = "hotspot_detected";
  std::uint64_t pc = 0;
  std::uint64_t execution_count = 0;  // the block's count when it crossed the threshold
};

// One block's translation was dropped; its next execution translates it again.
struct BlockInvalidated {
  static constexpr std::string_view kName = "block_invalidated";
  std::uint64_t pc = 0;
  InvalidationReason reason = InvalidationReason::SelfModifyingWrite;
};

// The whole code cache was emptied (full, or asked to).
struct CodeCacheFlushed {
  static constexpr std::string_view kName = "code_cache_flushed";
  std::uint64_t bytes = 0;   // host code bytes released
  std::uint32_t blocks = 0;  // translations dropped
};

// An exit of one translated block was patched to jump straight into another.
struct BlockChained {
  static constexpr std::string_view kName = "block_chained";
  std::uint64_t from_pc = 0;
  std::uint64_t to_pc = 0;
  std::uint32_t exit_index = 0;  // which exit of the source block (the JIT's numbering)
};

template <typename... Events>
struct EventTypeList {
  static constexpr std::size_t size = sizeof...(Events);
  static constexpr std::array<std::string_view, size> names = {Events::kName...};

  // Position of Event in the list; size when it is not there.
  template <typename Event>
  static constexpr std::size_t index_of() {
    constexpr std::array<bool, size> same = {std::is_same_v<Event, Events>...};
    for (std::size_t i = 0; i < size; ++i) {
      if (same[i]) return i;
    }
    return size;
  }
};

using DomainEvents = EventTypeList<CodeBlockCompiled, HotspotDetected, BlockInvalidated,
                                   CodeCacheFlushed, BlockChained>;
inline constexpr std::size_t kDomainEventCount = DomainEvents::size;

template <typename Event>
concept DomainEvent = DomainEvents::index_of<Event>()
< kDomainEventCount;

template <DomainEvent Event>
inline constexpr std::size_t kEventIndex = DomainEvents::index_of<Event>();

}  // namespace vm::events
