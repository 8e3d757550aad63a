#include "vm/events/domain_events.h"

namespace vm::events {

std::string_view tier_name(Tier tier) {
  switch (tier) {
    case Tier::Baseline: return "baseline";
    case Tier::Optimized: return "optimized";
  }
  return "unknown";
}

std::string_view invalidation_reason_name(InvalidationReason reason) {
  switch (reason) {
    case InvalidationReason::SelfModifyingWrite: return "self_modifying_write";
    case InvalidationReason::FenceI: return "fence_i";
    case InvalidationReason::Unmap: return "unmap";
    case InvalidationReason::Protect: return "protect";
    case InvalidationReason::CacheFlush: return "cache_flush";
  }
  return "unknown";
}

}  // namespace vm::events
